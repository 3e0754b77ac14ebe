"""Exit codes, the error a user can fix (shown as one line, exit 2), and
how a console script ends its process once its work is done.

How an error is shown (scrubbed, on one line, logged) is the entry
points' business: ``runtime.guard``.
"""
from __future__ import annotations

import sys

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class InputError(Exception):
    """Bad input the user can fix: the message is shown as one line."""


def exit_now(code: int = 0) -> None:
    """End the process with exit ``code``, as Python's own exit would but
    without its teardown: clearing every module's objects one by one is
    work no one sees the result of, paid by every run of a console script
    (a clean commit's hook, measured in docs/performance.md, "Issue 17,
    session 26: the hook"; a blocked commit's, "Issue 17, session 37
    (perfT37)"; ``together-hooks``' commands, "Issue 17, session 38
    (perfT38)").  Only a console script's entry calls it, once its
    command has returned: every file a command writes is written in a
    ``with`` block or by ``fileio.write_atomic`` (closed, or its temporary
    file removed) before ``main`` returns, its report flushed by
    ``runtime.guard``, a store or a pool closed in a ``finally``.  The exit
    functions run first, as at any exit (the regex cache's write, temporary
    folders' finalizers, ``logging``'s flush); a stream that cannot be
    flushed leaves the exit (and its message) to Python.  So does anything
    else still at work in the process: a tracer or a profiler (``coverage
    run``, ``python -m cProfile``), which writes its results after
    ``main`` returns, and a thread Python's exit waits for (not a daemon).
    Here, in the layer under every entry point (``hooks/`` and ``cli/`` do
    not import each other), and in a module a clean commit's first stage
    loads anyway."""
    import os

    if sys.gettrace() is not None or sys.getprofile() is not None:
        return
    if _threads_left():
        return
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        return
    os._exit(code)


def _threads_left() -> bool:
    """Whether a thread other than this one that is not a daemon is alive:
    Python's exit waits for it to end (``threading._shutdown``)."""
    threading = sys.modules.get('threading')  # none started one without it
    if threading is None:
        return False
    here = threading.current_thread()
    return any(t is not here and not t.daemon and t.is_alive() for t in threading.enumerate())
