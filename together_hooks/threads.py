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
    import threading

    with born_blocking():
        threading.Thread.start(thread)
    return thread


class born_blocking:  # noqa: N801 (used as a ``with`` statement's word)
    """``with born_blocking():``: every thread started inside, by us or by
    a library (``concurrent.futures``' pool starts its workers in
    ``submit``), blocks SIGINT and SIGTERM for its whole life; the
    caller's mask is as it was when the block ends, whatever it raised."""

    def __enter__(self) -> None:
        import _signal  # the C module: ``signal`` imports enum on every hook run

        global _HELD
        self._was = None
        if not hasattr(_signal, 'pthread_sigmask'):  # no POSIX threads' masks (Windows)
            return
        if _HELD is None:
            _HELD = (_signal.SIGINT, _signal.SIGTERM)
        self._was = _signal.pthread_sigmask(_signal.SIG_BLOCK, _HELD)

    def __exit__(self, *exc: object) -> None:
        if self._was is not None:
            import _signal

            _signal.pthread_sigmask(_signal.SIG_SETMASK, self._was)


def start_daemon(target: Callable[..., Any], name: str | None = None,
                 args: tuple[Any, ...] = ()) -> threading.Thread:
    """A daemon thread running ``target(*args)``, started by ``start``."""
    import threading

    return start(threading.Thread(target=target, name=name, args=args, daemon=True))


def pool(workers: int, name: str):  # type: ignore[no-untyped-def]
    """A ``concurrent.futures.ThreadPoolExecutor`` of ``workers`` threads
    named ``name``, each born blocking SIGINT and SIGTERM (the pool starts
    them as tasks are submitted: ``born_blocking`` around that)."""
    from concurrent.futures import ThreadPoolExecutor

    class Pool(ThreadPoolExecutor):
        def _adjust_thread_count(self) -> None:  # where the pool starts a worker
            with born_blocking():
                super()._adjust_thread_count()

    return Pool(max_workers=workers, thread_name_prefix=name)
