"""Every thread of ours starts here, with Ctrl-C and SIGTERM blocked from
its first instruction, so only the main thread ever takes them.

A process-wide signal goes to a thread that does not block it; only the
main thread runs Python's handlers, and it notices one only when the
signal woke it (a wait on a lock, ``select``, a read).  A thread that
took it leaves the main thread asleep in its wait: Ctrl-C while
``--verify`` waited on the API waited for the request (30 s under
load).  A thread that blocks the signals itself, as its first act, is
not enough: glibc's ``pthread_create`` holds every signal in the
creating thread while the new one is made, and the new one starts with
the creator's mask, so a Ctrl-C in that window went to the new thread
before it could block it.  Here the creator blocks them before the new
thread exists (it inherits the block), then restores its own mask: a
signal sent meanwhile stays pending and lands on the main thread the
moment it unblocks.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import threading
    from typing import Any
    from typing import Callable

_HELD = None  # (SIGINT, SIGTERM), once ``_signal`` is imported


def start(thread: threading.Thread) -> threading.Thread:
    """``threading.Thread.start(thread)``, the new thread blocking SIGINT
    and SIGTERM for its whole life (the caller's mask is as it was when
    this returns).  A subclass's own ``start`` may call this."""
    import _signal  # the C module: ``signal`` imports enum on every hook run
    import threading

    global _HELD
    if not hasattr(_signal, 'pthread_sigmask'):  # no POSIX threads' masks (Windows)
        threading.Thread.start(thread)
        return thread
    if _HELD is None:
        _HELD = (_signal.SIGINT, _signal.SIGTERM)
    was = _signal.pthread_sigmask(_signal.SIG_BLOCK, _HELD)
    try:
        threading.Thread.start(thread)
    finally:
        _signal.pthread_sigmask(_signal.SIG_SETMASK, was)
    return thread


def start_daemon(target: Callable[..., Any], name: str | None = None,
                 args: tuple[Any, ...] = ()) -> threading.Thread:
    """A daemon thread running ``target(*args)``, started by ``start``."""
    import threading

    return start(threading.Thread(target=target, name=name, args=args, daemon=True))
