"""A git we read to its end prints in full buffers (``GIT_FLUSH=0``); one
we converse with (requests written while its answers are read) keeps
git's own flushing, record by record.  Real git, real pipes: the records
here are ``check-ignore --stdin``'s answers, which git flushes one by one
to a pipe exactly as it flushes a ``log`` or ``rev-list`` walk's commits."""
from __future__ import annotations

import os
import select
import subprocess

from tests.conftest import git as conftest_git
from tests.conftest import write
from together_hooks.gitrun import _command
from together_hooks.gitrun import _Fed
from together_hooks.gitrun import git
from together_hooks.gitrun import git_stream
from together_hooks.sources.history import CommitLog

ENV_DUMP = ('-c', 'alias.showenv=!env', 'showenv')


def _readable(stream, seconds: float) -> bool:
    return bool(select.select([stream], [], [], seconds)[0])


def _stop(proc) -> None:
    for f in (proc.stdin, proc.stdout, proc.stderr):
        if f is not None:
            f.close()
    proc.kill()
    proc.wait()


def test_a_git_read_whole_answers_at_its_end_not_record_by_record(git_repo, monkeypatch):
    """Its stdin another process's (``source``: a pipe held open), git
    answers the one path it was given, and that answer stays in git's
    buffer while git runs: no write, no wake-up, a record."""
    monkeypatch.setenv('GIT_FLUSH', '1')  # the user's setting: ours wins
    read, write = os.pipe()
    with open(read, 'rb', buffering=0) as source:
        proc = git_stream(git_repo, 'check-ignore', '--stdin', '-v', '-n', source=source)
    try:
        os.write(write, b'some/path\n')
        assert not _readable(proc.stdout, 0.3)
        os.close(write)
        write = -1
        assert proc.stdout.read() == b'::\tsome/path\n'
        assert proc.wait() == 1
    finally:
        if write != -1:
            os.close(write)
        _stop(proc)


def test_a_git_asked_line_by_line_answers_each_line_at_once(git_repo, monkeypatch):
    """Decoy: a git we write requests to (``stdin=True``) answers each
    before the next comes, as a conversation needs."""
    monkeypatch.delenv('GIT_FLUSH', raising=False)
    proc = git_stream(git_repo, 'check-ignore', '--stdin', '-v', '-n', stdin=True)
    try:
        proc.stdin.write(b'some/path\n')
        proc.stdin.flush()
        assert _readable(proc.stdout, 30)
        assert os.read(proc.stdout.fileno(), 100) == b'::\tsome/path\n'
    finally:
        _stop(proc)


def test_which_gits_print_in_full_buffers(git_repo, monkeypatch):
    """What each way of starting git gives it (a shell alias prints git's
    own environment): the history's commit walk and every ``git`` run
    whole, full buffers; ``_Fed`` (``stream_blobs``' requests), git's own
    flushing."""
    monkeypatch.delenv('GIT_FLUSH', raising=False)
    assert b'\nGIT_FLUSH=0\n' in b'\n' + git(git_repo, *ENV_DUMP)
    proc = git_stream(git_repo, *ENV_DUMP)
    try:
        assert b'\nGIT_FLUSH=0\n' in b'\n' + proc.stdout.read()
    finally:
        _stop(proc)
    fed = _Fed(git_repo, ENV_DUMP, b'')
    try:
        assert b'GIT_FLUSH' not in fed.stdout.read()
    finally:
        fed.close()
    # The history's commit walk is such a git: the same bytes as a walk
    # git flushes commit by commit.
    for n in range(3):
        write(git_repo, f'f{n}', f'{n}\n')
        conftest_git(git_repo, 'add', '-A')
        conftest_git(git_repo, 'commit', '-qm', f'c{n}')
    log = CommitLog(str(git_repo), None)
    try:
        walked = b''.join(log.output())
    finally:
        log.close()
    flushed = subprocess.run(
        _command(tuple(CommitLog.args(None)), None)['args'], cwd=git_repo, capture_output=True, check=True,
        env={**os.environ, 'GIT_FLUSH': '1'},
    ).stdout
    assert walked == flushed and walked.count(b'\x01') == 3
