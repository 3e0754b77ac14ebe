"""``parallel.split``'s ends other than a clean one (session 33, mut33):
the forked half failing, dying, or ending without its result, and this
half failing while the other still runs.  Each is fail-closed (one
``InputError``, exit 2) or a stop of the other half, never a result
taken for "nothing found".  Real forks, in process."""
from __future__ import annotations

import os
import signal
import time

import pytest

from together_hooks.errors import InputError
from together_hooks.sources import parallel


def test_a_failing_child_is_one_input_error_never_its_result():
    def child():
        raise ValueError('half broke')

    with pytest.raises(InputError, match=r'^scan worker failed: ValueError: half broke$'):
        parallel.split(child, lambda: ['mine'])


def test_a_child_that_ends_without_its_result_fails_closed():
    """A child gone without a word (``os._exit`` before it sends, as a
    kill between its scan and its write would) found nothing it could
    say: its half of the files is unscanned, so the run fails."""
    def child():
        os._exit(0)

    with pytest.raises(InputError, match='worker died'):
        parallel.split(child, lambda: ['mine'])


def test_a_child_killed_while_this_half_runs_stops_this_half(tmp_path):
    """The child killed (SIGKILL: the OOM killer) while the parent's half
    still has work: the parent stops at once with one line, it does not
    run its half to the end first."""
    done = tmp_path / 'parent-done'

    def child():
        # Past the fork's first moments: a death before the parent sets
        # its SIGCHLD handler is learnt only at its end (left: the report).
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)

    def parent():
        for _ in range(1000):  # at most 10 s; the child dies at once
            time.sleep(0.01)
        done.write_text('ran to the end')
        return 'mine'

    with pytest.raises(InputError, match='worker died'):
        parallel.split(child, parent)
    assert not done.exists()


def test_this_half_failing_stops_the_child(tmp_path):
    """The parent's half raising (any failure, a stop) stops the child,
    which never runs on to its end."""
    started, finished = tmp_path / 'child-pid', tmp_path / 'child-done'

    def child():
        def stop(_signum, _frame):
            # As the scan's own handler: the child unwinds (its git
            # processes stopped), not killed at once.  One dying at once,
            # before the parent waits, has its death raised over the
            # parent's own error (left: the report).
            time.sleep(0.2)
            raise SystemExit(1)

        signal.signal(signal.SIGTERM, stop)
        started.write_text(str(os.getpid()))
        time.sleep(3)
        finished.write_text('ran on')
        return 'theirs'

    def parent():
        while not started.exists() or not started.read_text():
            time.sleep(0.01)
        raise KeyError('parent broke')

    with pytest.raises(KeyError):
        parallel.split(child, parent)
    assert not finished.exists()
    with pytest.raises(ProcessLookupError):  # stopped and reaped
        os.kill(int(started.read_text()), 0)


def test_both_halves_results_come_back():
    """The decoy: a clean end returns both results as they were."""
    assert parallel.split(lambda: ['theirs', 1], lambda: ('mine',)) == (('mine',), ['theirs', 1])


def test_a_child_dead_before_the_watch_is_set_stops_this_half_too(tmp_path, monkeypatch):
    """The child may die (killed, out of memory) before the parent has set
    its ``SIGCHLD`` handler: that signal reached no handler, so the death
    was learnt only when this half ended (minutes on a large history).
    The handler's set-up is held back here until the child is dead."""
    import _signal

    done, dead = tmp_path / 'parent-done', tmp_path / 'child-dead'
    real = _signal.signal

    def late(signum, handler):
        if signum == signal.SIGCHLD and callable(handler):
            while not dead.exists():
                time.sleep(0.01)
            time.sleep(0.2)  # its SIGCHLD came and went
        return real(signum, handler)

    monkeypatch.setattr(_signal, 'signal', late)

    def child():
        dead.write_text('')
        os.kill(os.getpid(), signal.SIGKILL)

    def parent():
        for _ in range(1000):  # at most 10 s
            time.sleep(0.01)
        done.write_text('ran to the end')
        return 'mine'

    with pytest.raises(InputError, match='worker died'):
        parallel.split(child, parent)
    assert not done.exists()


def _dead(pid: int) -> bool:
    """Whether ``pid`` has exited (a zombie: not yet reaped) or is gone."""
    try:
        with open(f'/proc/{pid}/stat', 'rb') as f:
            stat = f.read()
    except FileNotFoundError:
        return True
    return stat[stat.rindex(b')') + 2:][:1] in (b'Z', b'X')


def test_a_child_dying_at_once_on_the_stop_leaves_this_halfs_own_exception(monkeypatch):
    """Session 33 (review33): this half stopped (pre-receive's ``--timeout``
    raising in it) stops the child; a child that dies at once on that
    SIGTERM sent its SIGCHLD while this half was still unwinding, and the
    handler raised "worker died" over this half's own exception, so a
    timeout read as a worker's death (``--on-timeout accept`` never
    reached).  The timing is forced: the stop's ``kill`` returns only once
    the child is dead and its SIGCHLD handled."""
    if not os.path.isdir('/proc/self'):
        pytest.skip('needs /proc to see the child dead')
    real_kill = os.kill

    def kill_and_wait(pid, signum):
        real_kill(pid, signum)
        if signum == signal.SIGTERM:
            for _ in range(500):  # at most 5 s; it dies at once
                if _dead(pid):
                    break
                time.sleep(0.01)
            time.sleep(0.1)  # its SIGCHLD is handled here, before the wait

    class Stopped(BaseException):
        pass

    def child():
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # dies at once on the stop
        time.sleep(10)
        return 'theirs'

    def parent():
        monkeypatch.setattr(os, 'kill', kill_and_wait)
        raise Stopped

    with pytest.raises(Stopped):
        parallel.split(child, parent)


def test_a_child_dead_on_its_own_while_this_half_runs_is_still_its_death(tmp_path):
    """The decoy of the one above: a child killed before this half failed
    is still reported as the worker's death (the stopping flag is set only
    once this half has failed)."""
    def child():
        os.kill(os.getpid(), signal.SIGKILL)

    def parent():
        for _ in range(1000):  # at most 10 s; the handler raises first
            time.sleep(0.01)
        return 'mine'

    with pytest.raises(InputError, match='worker died'):
        parallel.split(child, parent)
