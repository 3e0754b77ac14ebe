"""Regexes a repository supplies, run with a CPU budget.

A config's ``allow`` and ``exclude`` patterns and a baseline's
detect-secrets filters are regexes (or globs turned into regexes) written
by whoever edits the repository.  Python's ``re`` backtracks: ``(a+)+$``
on a line of forty ``a`` and a ``!`` takes longer than anyone waits, and
so does ``**/**/ … /x`` on a deep path.  A commit must never hang on one:
a match that runs past ``BUDGET`` seconds of CPU is stopped and the run
fails closed (``InputError``: one line, exit 2), naming where the pattern
came from.  ``re`` checks for signals while it matches, so a CPU timer
(``ITIMER_VIRTUAL``: a loaded machine does not count against it) raises
inside the match.

Only the main thread can be interrupted so: ``re`` holds the GIL while
it matches and checks for signals only there.  None of our threads (git
readers and feeders, ``--verify``'s requests, ``scan-org``'s pool, whose
scans run in child processes) runs one; a caller that would, off the
main thread, is refused (``InputError``) rather than run without a bound
that could hang it for good.  Where there is no ``setitimer`` (Windows)
a match runs unbounded.
"""
from __future__ import annotations

from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# CPU seconds one guarded block may take: a path's exclude checks, one
# finding's filters.  A sane pattern takes microseconds on any input we
# hand it; one that backtracks without end takes years.  The environment
# variable sets another (``budget``: a slow machine's CI, or a test that
# need not spend 2 s of CPU to see a pattern stopped).
BUDGET = 2.0
BUDGET_ENV = 'TOGETHER_HOOKS_REGEX_BUDGET'

_armed: str | None = None  # what the running block is, while it runs
_main: int | None = None  # the thread our SIGVTALRM handler was installed from


def budget() -> float:
    """The CPU seconds a guarded block may take: ``BUDGET``, or the
    environment's ``TOGETHER_HOOKS_REGEX_BUDGET`` where set (a number of
    seconds over 0, at most an hour; anything else is an input error)."""
    import os

    value = os.environ.get(BUDGET_ENV)
    if value is None:
        return BUDGET
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:  # (nan too)
        raise InputError(f'{BUDGET_ENV}: not a number of CPU seconds over 0 and at most 3600')
    return seconds


_seconds = BUDGET  # the running block's budget, for its message


def _fire(signum: int, frame: object) -> None:
    global _armed
    what, _armed = _armed, None
    if what is not None:
        raise InputError(
            f'{what}: a regex ran past {_seconds:g} s of CPU on one input and was '
            'stopped (it backtracks without end: a repeat inside a repeat, such '
            'as (a+)+ or **/**/); rewrite it',
        )


class bounded:
    """``with bounded(what):`` runs its block under the budget; ``what``
    names the patterns' source (``.together-hooks.toml: allow``)."""

    __slots__ = ('what', 'timer')

    def __init__(self, what: str) -> None:
        self.what = what
        self.timer = False

    def __enter__(self) -> bounded:
        global _armed, _main, _seconds
        import _thread

        here = _thread.get_ident()
        if _armed is not None and _main == here:  # inside another bounded block: its budget holds
            return self
        try:
            import _signal

            if _main != here:
                _signal.signal(_signal.SIGVTALRM, _fire)  # ValueError off the main thread
                _main = here
            _signal.setitimer  # AttributeError: no interval timers here
        except AttributeError:  # no setitimer: as before, unbounded
            return self
        except ValueError:  # not the main thread: nothing could stop it
            raise InputError(
                f'{self.what}: a regex the repository supplies would run off the '
                'main thread, where no CPU budget can stop one that backtracks '
                'without end; run it from the main thread',
            ) from None
        _seconds = budget()
        _armed = self.what
        _signal.setitimer(_signal.ITIMER_VIRTUAL, _seconds)
        self.timer = True
        return self

    def __exit__(self, *exc: Any) -> None:
        global _armed
        if self.timer:
            import _signal

            _armed = None  # first: a tick landing now finds nothing to stop
            _signal.setitimer(_signal.ITIMER_VIRTUAL, 0)
            self.timer = False
