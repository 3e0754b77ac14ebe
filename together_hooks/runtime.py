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
    from typing import Iterable


def _one_line(text: str) -> str:
    from together_hooks.detect.scrub import one_line  # only a failed run needs it

    return one_line(text)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is, so ``finally`` blocks run:
    temp files go, child processes are stopped."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def guard(prog: str, func: Callable[[], int], args: Any = None) -> int:
    """``_guard``, with SIGTERM raising ``Terminated`` only while the
    command runs: a process that calls ``main`` (a test, a pool worker)
    gets its own handling back."""
    import _signal  # the C module: ``signal`` would import enum on every hook run
    import gc

    # What exists now (the modules just imported, their functions and
    # tables) lives as long as the process: frozen, the cyclic collector
    # stops walking it again at each collection the command's allocations
    # set off, which on a hook's commit was most of the collector's work
    # and never found garbage.  What the command makes is collected as
    # before (memory stays bounded); given back when it returns.
    gc.freeze()
    try:
        try:
            previous = _signal.getsignal(_signal.SIGTERM)
            _signal.signal(_signal.SIGTERM, _terminate)
        except ValueError:  # not the main thread
            return _guard(prog, func, args)
        try:
            return _guard(prog, func, args)
        finally:
            if previous is not None:  # None: set outside Python, left as it is
                _signal.signal(_signal.SIGTERM, previous)
    finally:
        gc.unfreeze()


def _stop_git() -> None:
    """Every git a stopped command still streams from, killed and reaped
    (only where git was started: gitrun is never imported for this)."""
    gitrun = sys.modules.get('together_hooks.gitrun')
    if gitrun is not None:
        gitrun.stop_streams()


def _guard(prog: str, func: Callable[[], int], args: Any = None) -> int:
    """Run a command; turn every failure into one line and exit 2.

    A hook that cannot decide fails closed: an unexpected error is exit 2,
    which pre-commit treats as a failure, with the reason.  With the
    command's ``args``, a failed run still gets its audit log line.  The
    report is flushed here, so a stream that cannot take it (a full disk,
    ``ulimit -f``) is an error, not a silently cut report.
    """
    try:
        _current_folder()
        if getattr(args, 'audit_log', None) == '':  # before any work: no run goes unlogged
            from together_hooks.audit_log import EMPTY

            raise InputError(EMPTY)
        code = func()
        _flush(sys.stdout)
        _read_whole(sys.stdout)
        return code
    except InputError as e:
        msg = _one_line(str(e))
    except Terminated:
        _stop_git()
        _say(f'{prog}: terminated', plain=True)
        return 128 + 15
    except KeyboardInterrupt:
        _stop_git()
        _say(f'{prog}: interrupted', plain=True)
        return 130
    except BrokenPipeError:
        if _stdout_gone():  # ``| head``: the reader stopped before the report's end
            _silence(sys.stdout)
            _say(f'{prog}: error: {STDOUT_CUT}', plain=True)
            return EXIT_ERROR
        msg = ('a process this run fed stopped reading (a broken pipe): git dies so '
               "when a memory limit (ulimit -v, a container's) is below what it needs")
    except OSError as e:
        name = f' {e.filename!r}' if e.filename else ''
        msg = _one_line(f'{e.strerror or e}{name}{_limit_hint(e)}')
    except RecursionError:
        msg = _one_line('internal error: nested too deep')
    except MemoryError:  # a limit the run was given, not a bug of ours
        from together_hooks import NO_MEMORY

        msg = NO_MEMORY
    except RuntimeError as e:
        if "can't start new thread" not in str(e):
            msg = _one_line(f'internal error (RuntimeError): {e}')
        else:  # the thread's stack could not be mapped, or no process slot was left
            msg = 'cannot start a thread: a memory or process limit (ulimit -v, ulimit -u) is too low for this run'
    except Exception as e:  # fail closed, but say why
        msg = _one_line(f'internal error ({type(e).__name__}): {e}')
    _say(f'{prog}: error: {msg}')
    if args is not None and getattr(args, 'audit_action', None):
        from together_hooks import audit_log

        try:
            audit_log.log_error(args, msg)
        except (FileNotFoundError, InputError):  # no current folder; no log named
            pass
    return EXIT_ERROR


def _limit_hint(e: OSError) -> str:
    """What to change when a per-process limit refused a file, or the
    memory a file needed (``git`` could not be started: ENOMEM)."""
    import errno

    if e.errno == errno.ENOMEM:
        return " (a memory limit, ulimit -v or a container's, is below what this run needs)"
    if e.errno != errno.EMFILE:
        return ''
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return ' (raise the open-file limit, ulimit -n)'
    return f' (the open-file limit, ulimit -n, is {soft}; raise it)'


def _current_folder() -> None:
    """Every command works relative to the current folder: one that was
    deleted under the shell is named as such, not as a missing file."""
    import os

    try:
        os.getcwd()
    except FileNotFoundError:
        raise InputError(
            'the current folder no longer exists (deleted or moved); cd into '
            'an existing folder and run it again',
        )


def _flush(stream: Any) -> None:
    """Flush the report; a stream that refuses it is never retried at exit
    (Python would print a second, raw error)."""
    try:
        stream.flush()
    except OSError:
        _silence(stream)
        raise


def _silence(stream: Any) -> None:
    import os

    inner = getattr(stream, 'stream', stream)
    try:
        inner.buffer.raw.close()  # drop what the stream still holds
    except (AttributeError, OSError, ValueError):
        pass
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), inner.fileno())
    except (AttributeError, OSError, ValueError):
        pass


# A report cut because its reader stopped (``| head``, a reader that
# died): never a clean pass, and said on stderr (where that is not the
# same closed pipe).  git dies silently by SIGPIPE and ripgrep exits 0
# there; a scan whose report did not arrive whole vouches for nothing.
STDOUT_CUT = ('standard output was closed before the report was read whole (a '
              'broken pipe): the report is incomplete')


def _read_whole(stream: Any) -> None:
    """InputError when the pipe our report went into was left with some
    of it unread by a reader that has gone (``fileio.left_unread``)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    from together_hooks.fileio import left_unread

    if left_unread(fd):
        _silence(stream)
        raise InputError(STDOUT_CUT)


def _stdout_gone() -> bool:
    """Whether our standard output is a pipe nobody reads any more (the
    broken pipe was ours, not that of a git we fed).  Where that cannot be
    told, as before: yes."""
    try:
        import select

        poll = select.poll()
        poll.register(sys.__stdout__.fileno(), select.POLLOUT)  # type: ignore[union-attr]
        return any(events & (select.POLLERR | select.POLLHUP) for _fd, events in poll.poll(0))
    except Exception:  # no poll (Windows), no standard output
        return True


def _say(line: str, plain: bool = False) -> None:
    """``plain``: the line is the program's name and our own words only
    (nothing a run read), so it may be written unscrubbed."""
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except Exception as e:
        # The scrub every line goes through imports and compiles on first
        # use, and may read the developer's own keys: at a memory limit the
        # line was lost (exit 2, stderr empty).  A plain line as it is (a
        # run stopped by Ctrl-C or SIGTERM, not by the limit, says so);
        # else words made at start-up (an error line may hold what a run
        # read): the out-of-memory line, or that the reason was lost.
        import os

        from together_hooks import _NO_MEMORY
        from together_hooks import _UNSAID

        made = _NO_MEMORY if isinstance(e, MemoryError) else _UNSAID
        try:
            try:
                said = (line + '\n').encode('utf-8', 'backslashreplace') if plain else made
            except MemoryError:
                said = made
            os.write(2, said)
        except OSError:
            pass


def held_keys() -> Iterable[str]:
    """The keys the developer holds (``env.ownkeys.held_keys``: the
    environment and the repository's local env files, or those still
    readable when git cannot list them), for the scrub to know before the
    first line it shows (``detect.scrub.install``)."""
    from together_hooks.env.ownkeys import held_keys as read

    return read()


# The youngest generation's threshold in a console script's process
# (Python's is 700).
_YOUNG = 10_000


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

    # Nor does the collector walk the young objects every 700 the run keeps:
    # the modules it imports and the tables it builds before its work (a
    # tree scan's: ~30 collections, ~5 ms of CPU), which live as long as the
    # process, and garbage cycles are rare here (import-time ones, a few
    # dozen a run; none a file scanned).  Every ``_YOUNG`` still bounds
    # what cycles can hold before they are collected.
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], _YOUNG), *threshold[1:])
    from together_hooks.detect.scrub import install

    install(held_keys)  # everything printed from here on is scrubbed (and escaped)
    atexit.unregister(gc.freeze)  # once, however often main() runs in a process
    atexit.register(gc.freeze)
