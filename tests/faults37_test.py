"""Session 37's hostile tests of "fail closed", signals and the
developer's own keys (faults37).

First the defects earlier rounds left: a thread of ours born able to
take Ctrl-C (the main thread then slept through it until ``--verify``'s
request ended); ``main()`` run in process leaving a signal disposition
changed; then cases in directions faults33-36 skipped, each measured on
2d8a76d7 (docs/hardening.md, "Session 37 (faults37)"): the rule, as
ever, the right answer, or one line and exit 2; never a traceback, nor a
pass while a key went unread.  In process (``tests/cli_run.run_in_process``)
unless the process is the claim.
"""
from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading

import pytest

from tests.cli_run import Result
from tests.cli_run import run_in_process
from tests.conftest import git

HELD = {signal.SIGINT, signal.SIGTERM}


def th(*args: str, cwd, env: dict[str, str] | None = None) -> Result:
    full = None if env is None else {**os.environ, **env}
    return run_in_process('together-hooks', *args, cwd=cwd, env=full)


def commit_all(repo, message: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', message)


# ------------------------------------------- threads born deaf to Ctrl-C

class Births:
    """The signal mask each thread of ours has when it first runs Python
    (``threading.setprofile``: called in the new thread before its
    target), read in that thread: the window between a thread's birth and
    anything its own code does.  Threads of the test's own (an HTTP
    server's handlers) are left out by their target's module."""

    def __init__(self) -> None:
        self.masks: list[tuple[str, set[int]]] = []
        self._lock = threading.Lock()

    def _first(self, frame, event, arg) -> None:
        sys.setprofile(None)
        me = threading.current_thread()
        target = getattr(me, '_target', None)
        module = getattr(target, '__module__', '') or type(me).__module__
        if not module.startswith('together_hooks'):
            return
        mask = {int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, ())}
        with self._lock:
            self.masks.append((f'{module}:{getattr(target, "__qualname__", me.name)}', mask))

    def __enter__(self) -> Births:
        # The creating thread itself must not block them: else every
        # thread would inherit the block whatever the product does.
        self._was = signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
        threading.setprofile(self._first)
        return self

    def __exit__(self, *exc: object) -> None:
        threading.setprofile(None)
        # What the creating thread blocks now: its own mask must be back.
        self.left = HELD & {int(s) for s in signal.pthread_sigmask(signal.SIG_SETMASK, self._was)}

    def deaf(self) -> list[str]:
        """Threads of ours that were born able to take SIGINT or SIGTERM."""
        return [name for name, mask in self.masks if not HELD <= mask]


class Rejecting(http.server.BaseHTTPRequestHandler):
    """An API that rejects every key at once."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(401)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope='module')
def rejecting():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Rejecting)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(not hasattr(signal, 'pthread_sigmask'), reason='POSIX thread masks')
def test_verify_workers_are_born_blocking_ctrl_c(rejecting, keys):
    """``--verify``'s workers: one that blocked the signals itself, as its
    first act, was born able to take them (glibc's ``pthread_create``
    hands it its creator's mask), and a Ctrl-C then left the main thread
    asleep until the API answered (30-39 s in one run of three under
    load, leak_probe36's Ctrl-C tests)."""
    from together_hooks import verify

    where = verify.endpoint({verify.ENV_BASE: rejecting})
    with Births() as births:
        got = verify.verify_keys([keys(), keys(), keys()], where, timeout=10)
    assert sorted(v.status for v in got.values()) == ['invalid'] * 3, got
    assert births.masks, 'no thread of ours ran'
    assert births.deaf() == [], births.masks
    assert births.left == set(), 'the caller was left blocking Ctrl-C'


@pytest.mark.skipif(not hasattr(signal, 'pthread_sigmask'), reason='POSIX thread masks')
def test_git_feeding_and_reading_threads_are_born_blocking_ctrl_c(git_repo, keys):
    """The thread that feeds ``git cat-file --batch`` requests past a
    pipe's worth (3,000 here) and those that read a git's output in the
    background (``--history``): every thread of ours."""
    from together_hooks.gitrun import stream_blobs

    (git_repo / 'a.txt').write_text('hello\n')
    (git_repo / 'b.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    commit_all(git_repo)
    sha = git(git_repo, 'rev-parse', 'HEAD:a.txt').strip()
    with Births() as births:
        read = sum(1 for _sha, blob in stream_blobs(str(git_repo), [sha] * 3000, whole=1 << 20)
                   if blob == b'hello\n')
        r = th('scan', '--history', cwd=git_repo)
    assert read == 3000
    assert r.rc == 1 and 'b.py' in r.out, (r.rc, r.out, r.err)
    names = {name for name, _mask in births.masks}
    assert any('gitrun' in n for n in names) and any('history' in n for n in names), names
    assert births.deaf() == [], births.masks
    assert births.left == set(), 'the caller was left blocking Ctrl-C'
