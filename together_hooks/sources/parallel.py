"""Both cores for the scans that can use them: half the work in a fork.

Reading files, git's inflating and the keyword prefilter all hold the GIL,
so threads would not help; a fork costs a few milliseconds and shares
everything already loaded.  The child's result comes back over a pipe, in
``marshal``'s format (built in: no ``pickle`` and ``struct`` to import
for a result of plain tuples, lists, strings and numbers).
"""
from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterator
    from typing import TypeVar

    P = TypeVar('P')
    C = TypeVar('C')


def available() -> bool:
    """Whether a second process would run beside this one: ``fork``, and
    more than one CPU this process may run on (its affinity: ``taskset``,
    a container's cpuset), not the machine's count.  On one CPU the two
    halves take turns: no wall time saved, and the fork's copy-on-write
    faults cost ~20 ms of CPU on the bench tree (docs/performance.md,
    "Issue 17, session 30")."""
    if not hasattr(os, 'fork'):
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity here (macOS): the machine's count
        cpus = os.cpu_count() or 1
    return cpus > 1


class Turns:
    """The numbers ``0..n-1`` (n <= 256), each handed to whichever process
    asks first: a pipe holds one byte per number and each take reads one
    byte (a one-byte pipe read is atomic).  Made before the fork, shared
    after it, so the two halves of a scan end together however their files
    are sized and whichever started later."""

    __slots__ = ('_fd',)

    def __init__(self, n: int) -> None:
        if not 0 <= n <= 256:
            raise ValueError(f'Turns holds 0 to 256 numbers, not {n}')
        read_fd, write_fd = os.pipe()
        try:  # 256 bytes fit any pipe: this never blocks
            os.write(write_fd, bytes(range(n)))
        finally:
            os.close(write_fd)
        self._fd = read_fd

    def __iter__(self) -> Iterator[int]:
        while True:
            taken = os.read(self._fd, 1)
            if not taken:
                return
            yield taken[0]

    def close(self) -> None:
        os.close(self._fd)


def split(child: Callable[[], C], parent: Callable[[], P]) -> tuple[P, C]:
    """``child()`` in a forked process while ``parent()`` runs here.

    The child's result must be plain data (``marshal``: tuples, lists,
    strings, numbers, booleans, None); its failure becomes an ``InputError``
    here (one line, exit 2), and the child is always reaped.  When the
    parent's half fails or is stopped (SIGINT, SIGTERM), the child is
    stopped too: its ``finally`` blocks stop its git processes.
    """
    import marshal

    from together_hooks.errors import InputError
    from together_hooks.detect.scrub import one_line

    # ``_signal``, the built-in module Python's start-up has loaded
    # already: ``signal`` wraps the same calls in enums and building them
    # is a visible share of a tree scan's parent (docs/architecture.md,
    # "Kept on purpose").  Handlers pass through as given (a function,
    # or ``SIG_DFL``/``SIG_IGN`` as their ints), so restoring is the same.
    import _signal as signal

    # The child killed (the OOM killer, a signal) while this half runs:
    # stop at once, not when this half is done (a half of a large
    # history ran on for minutes to fail in the end).  Its normal end
    # (after its result is read: ``os._exit(0)``) stops nothing.
    # Once this half has failed or been stopped, its own exception is the
    # one raised: the child it stops (SIGTERM) may die at once, and its
    # SIGCHLD must not put "worker died" in place of a timeout.
    reaped: list[int] = []
    stopping: list[bool] = []

    def on_child(_signum: int, _frame: object) -> None:
        if reaped or stopping:
            return
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done == pid:
            reaped.append(status)
            if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
                raise InputError('scan worker failed: worker died')

    result = None
    previous = None
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do its half, send the result, exit at once
        try:
            os.close(read_fd)
            try:
                payload = marshal.dumps(('ok', child()))
            finally:
                # Stopped once is enough: a Ctrl-C or SIGTERM reaches the
                # whole process group, and then the parent's own SIGTERM
                # (above) came while the first stop unwound (a reader's git
                # being reaped): a second stop escaped this block, a second
                # line or a traceback on the shared stderr beside the
                # parent's one.  The parent reports; this half is silent.
                signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, signal.SIGTERM))
        except BaseException as e:
            payload = marshal.dumps(('error', one_line(f'{type(e).__name__}: {e}')))
        try:
            with os.fdopen(write_fd, 'wb') as f:
                f.write(payload)
        finally:
            os._exit(0)
    try:  # from the fork's return: nothing in between a stop could cut
        try:
            # A stop from here on (SIGTERM while the handler is set up, while
            # this half runs, while it waits for the child's result) stops
            # the child too: it never runs on past this process.
            os.close(write_fd)
            try:
                previous = signal.signal(signal.SIGCHLD, on_child)
            except ValueError:  # not the main thread: learnt at the end, as before
                previous = None
            else:  # a death before the handler was set sent its signal to none
                on_child(signal.SIGCHLD, None)
            mine = parent()
            result = os.fdopen(read_fd, 'rb')
            payload = result.read()
        except BaseException:  # interrupted, terminated, failed: stop the other half too
            stopping.append(True)  # before the kill: its death is ours, not news
            if not reaped:
                os.kill(pid, signal.SIGTERM)
            if result is None:
                os.close(read_fd)
            else:
                result.close()
            if not reaped:
                os.waitpid(pid, 0)
            raise
        result.close()
    finally:
        if previous is not None:
            signal.signal(signal.SIGCHLD, previous)
    if not reaped:
        os.waitpid(pid, 0)
    status, theirs = marshal.loads(payload) if payload else ('error', 'worker died')
    if status != 'ok':
        raise InputError(f'scan worker failed: {theirs}')
    return mine, theirs
