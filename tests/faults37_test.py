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
import shutil
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


# ------------------------------------------- a copy of your key, excused

import base64  # noqa: E402
import hashlib  # noqa: E402

from tests.faults34_test import no_traceback  # noqa: E402
from tests.faults34_test import one_error  # noqa: E402


def _sha1(value: str) -> str:
    return hashlib.sha1(value.encode()).hexdigest()


def _forms(key: str) -> dict[str, str]:
    """Committed copies of your ``.env``: as a program writes them."""
    env = f'DEBUG=1\nPORT=8080\nTOGETHER_API_KEY={key}\n'.encode()
    return {
        'raw-named': f'TOGETHER_API_KEY = "{key}"\n',
        'base64-wrapped': base64.encodebytes(env).decode(),  # coreutils' base64: 76 a line
        'xxd-p': subprocess.run(('xxd', '-p'), input=env, capture_output=True, check=True).stdout.decode(),
        'xxd': subprocess.run(('xxd',), input=env, capture_output=True, check=True).stdout.decode(),
    }


@pytest.mark.skipif(shutil.which('xxd') is None, reason='needs xxd')
@pytest.mark.parametrize('kind', ['tgp', 'hex'])
def test_an_allowed_hash_never_excuses_a_copy_of_your_key(git_repo, keys, kind):
    """The config's ``allow`` names a key's hash; a copy of a key you hold
    is never excused (docs/env-policy.md), but on 2d8a76d7 only the
    own-key matcher's findings were spared: the same copy found by the
    rules (a raw copy under its name, a base64-wrapped ``.env``, an
    ``xxd`` dump) passed, exit 0.  Decoy: the same files holding a key
    you do not hold, allowed, pass."""
    mine, other = keys(kind), keys(kind)
    for name, text in _forms(mine).items():
        (git_repo / f'{name}.txt').write_text(text)
    for name, text in _forms(other).items():
        (git_repo / f'decoy-{name}.txt').write_text(text)
    (git_repo / '.together-hooks.toml').write_text(f'allow = ["{_sha1(mine)}", "{_sha1(other)}"]\n')
    git(git_repo, 'add', '-A')
    env = {'TOGETHER_API_KEY': mine}
    for args in (('scan',), ('scan', '--staged')):
        r = th(*args, cwd=git_repo, env=env)
        assert r.rc == 1, (args, r.rc, r.out, r.err)
        no_traceback(r)
        for name in _forms(mine):
            assert f'{name}.txt:' in r.out, (args, name, r.out)
        assert 'decoy-' not in r.out, (args, r.out)
    files = [f'{n}.txt' for n in _forms(mine)] + [f'decoy-{n}.txt' for n in _forms(mine)]
    r = run_in_process('detect-together-keys', *files, cwd=git_repo, env={**os.environ, **env})
    assert r.rc == 1 and 'decoy-' not in r.out, (r.rc, r.out, r.err)
    # Nobody holds it: the allow entry excuses every copy.
    r = th('scan', cwd=git_repo, env={'TOGETHER_API_KEY': ''})
    assert r.rc == 0, (r.rc, r.out, r.err)


# ------------------------------------------- where the report goes

def _with_key(repo, keys) -> None:
    (repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    commit_all(repo)


@pytest.mark.skipif(not os.path.exists('/dev/full'), reason='needs /dev/full')
@pytest.mark.parametrize('fmt', ['text', 'json'])
def test_output_into_dev_full(git_repo, keys, fmt):
    """``--output /dev/full``: the device takes no byte (ENOSPC)."""
    _with_key(git_repo, keys)
    r = th('scan', '--format', fmt, '--output', '/dev/full', cwd=git_repo)
    assert r.rc == 2, (r.rc, r.out, r.err)
    assert 'Traceback' not in r.err and '/dev/full' in r.err, r.err


def test_output_into_a_folder_that_is_gone(git_repo, keys, tmp_path):
    """The folder ``--output`` names was removed (a CI step's cleanup, a
    tmpfs unmounted): one line, exit 2, nothing written elsewhere."""
    _with_key(git_repo, keys)
    gone = tmp_path / 'reports'
    gone.mkdir()
    gone.rmdir()
    r = th('scan', '--format', 'json', '--output', str(gone / 'r.json'), cwd=git_repo)
    one_error(r)
    assert not gone.exists()


def test_output_onto_a_folder(git_repo, keys, tmp_path):
    _with_key(git_repo, keys)
    (tmp_path / 'out').mkdir()
    r = th('scan', '--output', str(tmp_path / 'out'), cwd=git_repo)
    one_error(r)
    assert os.listdir(tmp_path / 'out') == []


def test_output_onto_a_file_another_process_holds_locked(git_repo, keys, tmp_path):
    """Another process holds an exclusive ``flock`` on the report file
    (a previous run's reader, a CI uploader): locks on Linux are
    advisory; the report is written whole beside it and renamed over
    it, the holder keeps its old file."""
    import fcntl

    _with_key(git_repo, keys)
    target = tmp_path / 'r.json'
    target.write_text('old\n')
    holder = subprocess.Popen(
        (sys.executable, '-c', 'import fcntl,sys,time;f=open(sys.argv[1]);'
         'fcntl.flock(f, fcntl.LOCK_EX);print("held",flush=True);time.sleep(60)', str(target)),
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b'held\n'
        r = th('scan', '--format', 'json', '--output', str(target), cwd=git_repo)
        assert r.rc == 1, (r.rc, r.err)
        import json

        assert len(json.loads(target.read_text())['findings']) == 1
        with open(target) as f:  # the new file is no longer the one locked
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        holder.kill()
        holder.wait()


# ------------------------------------------- objects git cannot read

def _blob_path(repo, rev: str) -> str:
    sha = git(repo, 'rev-parse', rev).strip()
    return str(repo / '.git' / 'objects' / sha[:2] / sha[2:])


def test_a_truncated_loose_blob_in_history(git_repo, keys):
    """A committed blob's loose object cut short (a disk that returned EIO
    and a copy that went on): ``--history`` and ``--diff`` cannot read it:
    one line, exit 2, never 0; the work tree's scan still finds the key."""
    _with_key(git_repo, keys)
    path = _blob_path(git_repo, 'HEAD:app.py')
    os.chmod(path, 0o644)
    with open(path, 'r+b') as f:
        f.truncate(8)
    for args in (('scan', '--history'), ('scan', '--diff', 'HEAD~0^!')):
        r = th(*args, cwd=git_repo)
        assert r.rc == 2, (args, r.rc, r.out, r.err)
        no_traceback(r)
    assert th('scan', cwd=git_repo).rc == 1


def test_a_truncated_staged_blob(git_repo, keys):
    """The staged blob's object cut short: ``--staged`` and the hook under
    git's commit read the index's blob: exit 2, never 0."""
    (git_repo / 'a.txt').write_text('x\n')
    commit_all(git_repo)
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'app.py')
    (git_repo / 'app.py').write_text('clean = 1\n')  # the work tree no longer holds it
    path = _blob_path(git_repo, ':app.py')
    os.chmod(path, 0o644)
    with open(path, 'r+b') as f:
        f.truncate(8)
    r = th('scan', '--staged', cwd=git_repo)
    assert r.rc == 2, (r.rc, r.out, r.err)
    no_traceback(r)
    r = run_in_process('detect-together-keys', 'app.py', cwd=git_repo,
                       env={**os.environ, 'GIT_INDEX_FILE': str(git_repo / '.git' / 'index')})
    assert r.rc == 2, (r.rc, r.out, r.err)
    no_traceback(r)


def test_a_truncated_pack(git_repo, keys):
    """A pack cut short after ``gc``: every history mode exit 2."""
    _with_key(git_repo, keys)
    git(git_repo, 'gc', '-q')
    packs = list((git_repo / '.git' / 'objects' / 'pack').glob('*.pack'))
    assert len(packs) == 1
    os.chmod(packs[0], 0o644)
    with open(packs[0], 'r+b') as f:
        f.truncate(os.path.getsize(packs[0]) // 2)
    for args in (('scan', '--history'), ('scan', '--commits', 'HEAD')):
        r = th(*args, cwd=git_repo)
        assert r.rc == 2, (args, r.rc, r.out, r.err)
        no_traceback(r)


@pytest.mark.parametrize('settings', [
    ('core.compression=0', 'pack.depth=1', 'pack.window=0'),
    ('core.compression=9', 'pack.compression=9', 'core.looseCompression=0'),
    ('core.bigFileThreshold=1k', 'pack.packSizeLimit=1m', 'pack.writeBitmapHashCache=false'),
])
def test_odd_compression_and_pack_settings(git_repo, keys, settings):
    """Objects stored under odd settings read the same in every mode."""
    for s in settings:
        git(git_repo, 'config', *s.split('=', 1))
    (git_repo / 'big.txt').write_text('filler line\n' * 20000)
    _with_key(git_repo, keys)
    git(git_repo, 'repack', '-adq')
    for args in (('scan', '--history'), ('scan', '--commits', 'HEAD'), ('scan',)):
        r = th(*args, cwd=git_repo)
        assert r.rc == 1 and 'app.py' in r.out, (args, r.rc, r.err)


def test_a_commit_graph_that_lies(git_repo, keys):
    """``core.commitGraph`` on and a commit-graph file whose generation
    numbers are overwritten: history still reads every commit (git's
    walk may trust the file; a key's commit must not be skipped)."""
    (git_repo / 'a.txt').write_text('1\n')
    commit_all(git_repo)
    _with_key(git_repo, keys)
    (git_repo / 'b.txt').write_text('2\n')
    commit_all(git_repo)
    git(git_repo, 'config', 'core.commitGraph', 'true')
    git(git_repo, 'commit-graph', 'write', '--reachable')
    graph = git_repo / '.git' / 'objects' / 'info' / 'commit-graph'
    data = bytearray(graph.read_bytes())
    # The CDAT chunk: per commit tree oid, 2 parents (4 bytes each), then
    # generation and date (8 bytes): zero every generation/date field.
    at = data.find(b'CDAT')
    offset = int.from_bytes(data[at + 4:at + 12], 'big')
    width = len(git(git_repo, 'rev-parse', 'HEAD').strip()) // 2
    for i in range(3):
        field = offset + i * (width + 16) + width + 8
        data[field:field + 8] = b'\xff' * 8
    os.chmod(graph, 0o644)
    graph.write_bytes(bytes(data))
    for args in (('scan', '--history'), ('scan', '--commits', 'HEAD~2..HEAD'), ('scan', '--diff', 'HEAD~2..HEAD')):
        r = th(*args, cwd=git_repo)
        assert r.rc in (1, 2), (args, r.rc, r.out, r.err)
        no_traceback(r)
        if r.rc == 1:
            assert 'app.py' in r.out


# ------------------------------------------- what a caller's git settings run

def _evil(tmp_path, keys) -> tuple[str, os.PathLike]:
    """A program that leaves a mark and prints a key when run."""
    marker = tmp_path / 'RAN'
    evil = tmp_path / 'evil.sh'
    evil.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\necho "TOGETHER_API_KEY={keys()}"\ncat\n')
    evil.chmod(0o755)
    return str(evil), marker


_MODES = (
    ('together-hooks', 'scan'), ('together-hooks', 'scan', '--staged'),
    ('together-hooks', 'scan', '--history'), ('together-hooks', 'scan', '--diff', 'HEAD'),
    ('together-hooks', 'scan', '--commits', 'HEAD'),
    ('detect-together-keys', 'app.py'), ('forbid-env-files', 'app.py'),
    ('check-env-gitignored',),
)


def _staged_change(repo, keys) -> None:
    (repo / 'app.py').write_text('x = 1\n')
    (repo / '.gitattributes').write_text('* filter=ev diff=ev\n')
    commit_all(repo)
    (repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(repo, 'add', 'app.py')


def test_a_callers_global_config_runs_nothing(git_repo, keys, tmp_path):
    """``GIT_CONFIG_GLOBAL`` (a caller's, a CI image's) naming a program
    for every setting that runs one: none is ever run, in any mode, and
    the staged key is found."""
    _staged_change(git_repo, keys)
    evil, marker = _evil(tmp_path, keys)
    names = ('core.fsmonitor', 'diff.external', 'core.pager', 'filter.ev.clean', 'filter.ev.smudge',
             'filter.ev.process', 'diff.ev.textconv', 'diff.ev.command', 'core.sshCommand',
             'core.askPass', 'core.editor', 'gpg.program', 'core.alternateRefsCommand', 'core.hooksPath')
    glob = tmp_path / 'gitconfig'
    for name in names:
        subprocess.run(('git', 'config', '--file', str(glob), name, evil), check=True)
    env = {'GIT_CONFIG_GLOBAL': str(glob), 'GIT_CONFIG_NOSYSTEM': '1'}
    for script, *args in _MODES:
        r = run_in_process(script, *args, cwd=git_repo, env={**os.environ, **env})
        no_traceback(r)
        assert not marker.exists(), (script, args, marker.read_text())
    assert th('scan', '--staged', cwd=git_repo, env=env).rc == 1


def test_a_callers_environment_runs_nothing(git_repo, keys, tmp_path):
    """Programs named by the environment (``GIT_EXTERNAL_DIFF``,
    ``GIT_PAGER``, ``GIT_SSH_COMMAND``, ``GIT_ASKPASS``, ``GIT_EDITOR``)
    and settings given as ``GIT_CONFIG_PARAMETERS``/``GIT_CONFIG_COUNT``:
    none runs."""
    _staged_change(git_repo, keys)
    evil, marker = _evil(tmp_path, keys)
    env = {
        'GIT_EXTERNAL_DIFF': evil, 'GIT_PAGER': evil, 'PAGER': evil, 'GIT_SSH_COMMAND': evil,
        'GIT_ASKPASS': evil, 'GIT_EDITOR': evil, 'GIT_SEQUENCE_EDITOR': evil,
        'GIT_CONFIG_PARAMETERS': f"'core.fsmonitor'='{evil}' 'diff.ev.textconv'='{evil}'",
        'GIT_CONFIG_COUNT': '2', 'GIT_CONFIG_KEY_0': 'filter.ev.clean', 'GIT_CONFIG_VALUE_0': evil,
        'GIT_CONFIG_KEY_1': 'core.fsmonitor', 'GIT_CONFIG_VALUE_1': evil,
    }
    for script, *args in _MODES:
        r = run_in_process(script, *args, cwd=git_repo, env={**os.environ, **env})
        no_traceback(r)
        assert not marker.exists(), (script, args, marker.read_text())
    assert th('scan', '--staged', cwd=git_repo, env=env).rc == 1


@pytest.mark.parametrize('params', ["'unterminated", "'core.x'", 'no quotes at all'])
def test_malformed_config_parameters(git_repo, keys, params):
    """A ``GIT_CONFIG_PARAMETERS`` git cannot parse: git refuses every
    command; so does the scan, one line, exit 2 (never 0)."""
    _with_key(git_repo, keys)
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'app.py')
    for args in (('scan', '--staged'), ('scan', '--history')):
        r = th(*args, cwd=git_repo, env={'GIT_CONFIG_PARAMETERS': params})
        assert r.rc in (1, 2), (args, r.rc, r.out, r.err)
        no_traceback(r)
        if r.rc == 2:
            assert len(r.err.splitlines()) == 1, r.err


def test_a_global_config_that_is_a_folder_or_garbage(git_repo, keys, tmp_path):
    _with_key(git_repo, keys)
    (tmp_path / 'bad').write_bytes(b'[core\n\xff\xfe = = =\n')
    for glob in (str(tmp_path), str(tmp_path / 'bad')):
        for args in (('scan',), ('scan', '--history')):
            r = th(*args, cwd=git_repo, env={'GIT_CONFIG_GLOBAL': glob})
            assert r.rc in (1, 2), (glob, args, r.rc, r.out, r.err)
            no_traceback(r)
            if r.rc == 2:
                assert len(r.err.splitlines()) == 1, r.err


@pytest.mark.skipif(os.geteuid() != 0, reason='chown to another user needs root')
def test_a_repository_another_user_owns(git_repo, keys):
    """git refuses a repository another user owns (``safe.directory``):
    every mode that needs git says so in one line, exit 2, never 0."""
    _with_key(git_repo, keys)
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    for root, dirs, files in os.walk(git_repo):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), 65534, 65534)
    os.lchown(git_repo, 65534, 65534)
    env = {'GIT_CONFIG_GLOBAL': '/dev/null', 'GIT_CONFIG_NOSYSTEM': '1'}
    for args in (('scan', '--staged'), ('scan', '--history'), ('scan', '--diff', 'HEAD')):
        r = th(*args, cwd=git_repo, env=env)
        assert r.rc == 2, (args, r.rc, r.out, r.err)
        no_traceback(r)
        assert len(r.err.splitlines()) == 1 and 'safe.directory' in r.err, r.err
    r = run_in_process('detect-together-keys', 'app.py', cwd=git_repo, env={**os.environ, **env})
    assert r.rc in (1, 2), (r.rc, r.out, r.err)
    no_traceback(r)


# ------------------------------------------- your .env, not a file

@pytest.mark.parametrize('shape', ['folder', 'socket', 'link-loop', 'dev-zero', 'dangling'])
def test_env_that_is_no_file(git_repo, keys, tmp_path, shape):
    """``.env`` as a folder (with a key file inside), a socket, a symlink
    loop, a link to ``/dev/zero``, a link to nothing: every command that
    reads your keys answers, without a traceback or a wait; a key in a
    staged file is still found."""
    import socket

    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    env = git_repo / '.env'
    held = None
    if shape == 'folder':
        env.mkdir()
        (env / 'x').write_text(f'TOGETHER_API_KEY={keys()}\n')
    elif shape == 'socket':
        held = socket.socket(socket.AF_UNIX)
        held.bind(str(env))
    elif shape == 'link-loop':
        env.symlink_to('.env')
    elif shape == 'dev-zero':
        env.symlink_to('/dev/zero')
    else:
        env.symlink_to(tmp_path / 'nothing')
    try:
        git(git_repo, 'add', 'app.py')
        for script, *args in (('together-hooks', 'scan', '--staged'), ('together-hooks', 'scan'),
                              ('detect-together-keys', 'app.py'), ('forbid-env-files', 'app.py', '.env'),
                              ('check-env-gitignored',), ('together-hooks', 'scan', '--env-reuse')):
            r = run_in_process(script, *args, cwd=git_repo, env={**os.environ, **QUICK})
            no_traceback(r)
            assert r.rc in (0, 1, 2), (script, args, r.rc, r.err)
            if script == 'detect-together-keys' or args[:1] == ('--staged',):
                assert r.rc == 1 and 'app.py' in r.out, (script, args, r.rc, r.out, r.err)
    finally:
        if held is not None:
            held.close()


QUICK = {'TOGETHER_HOOKS_PIPE_WAIT': '1'}


# ------------------------------------------- one line of a gigabyte

def test_stdin_of_256_mb_with_no_newline(tmp_path, keys):
    """``scan -`` fed 256 MB with no newline and a key at its end: found,
    in bounded memory (a process: its peak RSS is the claim)."""
    import resource

    key = keys()
    script = tmp_path / 'feed.py'
    script.write_text(
        'import sys\nw = sys.stdout.buffer\nchunk = b"A" * (1 << 20)\n'
        'for _ in range(256):\n    w.write(chunk)\n'
        f'w.write(b" TOGETHER_API_KEY={key}")\n')
    feed = subprocess.Popen((sys.executable, str(script)), stdout=subprocess.PIPE)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run((os.path.join(os.path.dirname(sys.executable), 'together-hooks'), 'scan', '-'),
                          stdin=feed.stdout, capture_output=True, cwd=tmp_path, timeout=600)
    feed.wait()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB, the largest child so far
    out = (proc.stdout + proc.stderr).decode('utf-8', 'replace')
    assert proc.returncode == 1, out
    assert 'Traceback' not in out and key not in out
    assert peak < 400 * 1024 or before >= peak, peak


# ------------------------------------------- a reader that quits late

def _piped(repo, argv: tuple[str, ...], reader: str, **env: str) -> tuple[int, str]:
    """(exit code, stderr) of ``argv | reader`` run by the shell."""
    from tests.cli_run import BIN

    cmd = f'"{BIN}/{argv[0]}" ' + ' '.join(argv[1:]) + f' | {reader}; exit ${{PIPESTATUS[0]}}'
    p = subprocess.run(['bash', '-c', cmd], cwd=repo, capture_output=True, timeout=300,
                       env=dict(os.environ, LC_ALL='C.UTF-8', PYTHONIOENCODING='utf-8', **env))
    return p.returncode, p.stderr.decode('utf-8', 'replace')


def test_a_reader_that_quits_late_is_seen_within_the_bound_you_set(git_repo, keys):
    """``scan --format json | (sleep 1.5; head -c 10)``: the run waits 1 s
    at its end to learn whether its report was read whole, so on
    2d8a76d7 a reader that quit later was never seen, whatever the user
    asked.  ``TOGETHER_HOOKS_PIPE_WAIT`` (the seconds the other end of a
    pipe of ours is given) now sets that bound too: 4 s sees it, exit 2.
    Decoys: the same late reader reading it all is no error; a value out
    of range is one line, exit 2."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    argv = ('together-hooks', 'scan', '--format', 'json')
    rc, err = _piped(git_repo, argv, '(sleep 1.5; head -c 10 >/dev/null)', TOGETHER_HOOKS_PIPE_WAIT='4')
    assert rc == 2 and 'report is incomplete' in err.splitlines()[-1], (rc, err)
    rc, err = _piped(git_repo, argv, '(sleep 1.5; cat >/dev/null)', TOGETHER_HOOKS_PIPE_WAIT='4')
    assert rc == 1 and 'incomplete' not in err, (rc, err)
    rc, err = _piped(git_repo, argv, 'cat >/dev/null', TOGETHER_HOOKS_PIPE_WAIT='nan')
    assert rc == 2 and err.count('\n') == 1 and 'TOGETHER_HOOKS_PIPE_WAIT' in err, (rc, err)
