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


# ``cat-file --batch`` / ``--batch-check`` flush after each object whatever
# ``GIT_FLUSH`` says: only ``--buffer`` makes them fill a buffer first.
def _blob(repo) -> bytes:
    return subprocess.run(
        ('git', 'hash-object', '-w', '--stdin'), cwd=repo, input=b'one blob\n',
        capture_output=True, check=True,
    ).stdout.strip()


def _fed_by_a_pipe(repo, *args: str):
    """git_stream of ``args`` reading a pipe we hold open (the way
    ``LogSized`` and ``_Sized`` feed ``cat-file``): (the process, our end)."""
    read, write = os.pipe()
    with open(read, 'rb', buffering=0) as source:
        proc = git_stream(repo, *args, source=source)
    return proc, write


def test_a_batch_cat_file_read_whole_answers_at_its_end(git_repo):
    """``cat-file --batch-check`` fed by a pipe held open, read at its end
    (``LogSized``, ``_Sized``), settings before the command (``-c``) as
    history gives them: its answer stays in git's buffer while git runs,
    then comes whole, the same bytes."""
    sha = _blob(git_repo)
    for args in (
            ('cat-file', '--batch-check'),
            ('-c', 'core.packedGitWindowSize=4m', 'cat-file', '--batch-check=%(objectname) %(objectsize)'),
    ):
        proc, write = _fed_by_a_pipe(git_repo, *args)
        try:
            os.write(write, sha + b'\n')
            assert not _readable(proc.stdout, 0.3), args
            os.close(write)
            write = -1
            out = proc.stdout.read()
            assert proc.wait() == 0
        finally:
            if write != -1:
                os.close(write)
            _stop(proc)
        assert out in (sha + b' blob 9\n', sha + b' 9\n'), (args, out)
    # And run whole with its input given at once (``git``): the same bytes.
    assert git(git_repo, 'cat-file', '--batch-check', input=sha + b'\n') == sha + b' blob 9\n'


def test_a_cat_file_asked_or_in_command_mode_answers_at_once(git_repo):
    """Decoys: ``cat-file --batch-check`` we converse with (``stdin=True``)
    answers each request before the next comes; ``--batch-command``,
    even read whole, is not given ``--buffer`` (it would then hold its
    answers for a ``flush`` command) and answers each command at once."""
    sha = _blob(git_repo)
    proc = git_stream(git_repo, 'cat-file', '--batch-check', stdin=True)
    try:
        proc.stdin.write(sha + b'\n')
        proc.stdin.flush()
        assert _readable(proc.stdout, 10)
        assert os.read(proc.stdout.fileno(), 100) == sha + b' blob 9\n'
    finally:
        _stop(proc)
    proc, write = _fed_by_a_pipe(git_repo, 'cat-file', '--batch-command')
    try:
        os.write(write, b'info ' + sha + b'\n')
        assert _readable(proc.stdout, 10)
        assert os.read(proc.stdout.fileno(), 100) == sha + b' blob 9\n'
    finally:
        os.close(write)
        _stop(proc)
