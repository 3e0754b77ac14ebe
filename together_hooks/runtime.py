"""What every console script does around its work: set up the process,
and turn every failure into one line and exit 2 (never a traceback)."""
from __future__ import annotations

import sys

from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Callable


def _one_line(text: str) -> str:
    from together_hooks.detect.scrub import one_line  # only a failed run needs it

    return one_line(text)


def guard(prog: str, func: Callable[[], int], args: Any = None) -> int:
    """Run a command; turn every failure into one line and exit 2.

    A hook that cannot decide fails closed: an unexpected error is exit 2,
    which pre-commit treats as a failure, with the reason.  With the
    command's ``args``, a failed run still gets its audit log line.
    """
    try:
        return func()
    except InputError as e:
        msg = _one_line(str(e))
    except KeyboardInterrupt:
        print(f'{prog}: interrupted', file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except OSError as e:
        name = f' {e.filename!r}' if e.filename else ''
        msg = _one_line(f'{e.strerror or e}{name}')
    except Exception as e:  # fail closed, but say why
        msg = _one_line(f'internal error ({type(e).__name__}): {e}')
    try:
        print(f'{prog}: error: {msg}', file=sys.stderr)
    except Exception:
        pass
    if args is not None and getattr(args, 'audit_action', None):
        from together_hooks import audit_log

        audit_log.log_error(args, msg)
    return EXIT_ERROR


def configure_process() -> None:
    """What every console script does first.

    Paths and redacted keys may hold characters the terminal can't encode:
    stdio escapes them instead of failing.  And a run ends with its
    process, so the garbage collection Python runs at exit is skipped
    (``gc.freeze`` at exit: that collection would walk every object only to
    free what the exit frees anyway); Python still
    flushes the standard streams, and every file we write is closed before
    ``main`` returns.
    """
    import atexit
    import gc

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors='backslashreplace')  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    atexit.unregister(gc.freeze)  # once, however often main() runs in a process
    atexit.register(gc.freeze)
