"""Session 36's hostile tests of "fail closed" and "memory bounded" (faults36).

The gaps faults35 and the lead left, then directions earlier rounds
skipped.  The developer's ``.env`` served as a named pipe (1Password's
and other tools' mounts): read without blocking and in windows, a pipe no
program serves in time fails closed; a report cut by its reader (``|
head -c 10``, an ``--output`` FIFO read in part) is exit 2 with one line;
which environment names carry keys (``TOGETHER_SECRET`` does,
``TOGETHER_TOKENIZER``, ``TOGETHER_HOOKS_GITHUB_TOKEN`` and
``TOGETHER_TESTS_RUN_LOG`` do not); a ``.git`` file git would refuse (1 GB
with no newline, a link to ``/dev/zero``) read without bound.  Then cases
that held, each measured on eeb1dacc: ``.git`` files pointing at a FIFO
or a plain folder, odd ``GIT_DIR``/``GIT_WORK_TREE``/``GIT_INDEX_FILE``/
``GIT_OBJECT_DIRECTORY``/``GIT_ALTERNATE_OBJECT_DIRECTORIES``, a SHA-256
repository in every mode, ``core.bigFileThreshold=1``, a 10 MB packed-refs
line, ``--workers`` out of range, locales without UTF-8, read-only HOME and
cache, ``ulimit -n 12``, SIGTERM mid-``--output``, commits dated 1970 and
2099, detect-secrets baselines of other versions with unknown plugins, a
FIFO baseline, ``rotate-help`` on a device.  The rule: the right answer,
or one line and exit 2; never a traceback, nor a pass while a key went
unread.  In process (``tests/cli_run.run_in_process``) unless the process
is the claim.  docs/hardening.md, "Session 36 (faults36)", has what each
found.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import string
import subprocess
import threading
import time

import pytest

from tests.cli_run import Result
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.faults34_test import no_traceback
from tests.faults34_test import one_error
from tests.faults_test import spawn
from tests.faults_test import started
from tests.faults_test import finished

MB = 1 << 20
QUICK = {'TOGETHER_HOOKS_PIPE_WAIT': '1'}


def th(*args: str, cwd, env: dict[str, str] | None = None) -> Result:
    full = None if env is None else {**os.environ, **env}
    return run_in_process('together-hooks', *args, cwd=cwd, env=full)


def ih(script: str, *args: str, cwd, env: dict[str, str] | None = None) -> Result:
    full = None if env is None else {**os.environ, **env}
    return run_in_process(script, *args, cwd=cwd, env=full)


def commit_all(repo, message: str = 'c', env: dict[str, str] | None = None) -> None:
    git(repo, 'add', '-A')
    subprocess.run(('git', 'commit', '-qm', message), cwd=repo, check=True, capture_output=True,
                   env=None if env is None else {**os.environ, **env})


def found(r: Result, *where: str) -> None:
    assert r.rc == 1, (r.rc, r.out, r.err)
    no_traceback(r)
    for w in where:
        assert w in r.out, (w, r.out)


# ------------------------------------------- your .env, a named pipe

class Served:
    """A program serving ``path`` (a FIFO) as 1Password serves an env file:
    each reader that opens it gets ``text`` (``close``: then the pipe is
    closed; else the writer stays, having written it, until stopped)."""

    def __init__(self, path, text: bytes, close: bool = True) -> None:
        self.path, self.text, self.close = str(path), text, close
        self.opens = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                time.sleep(0.005)
                continue
            self.opens += 1
            os.set_blocking(fd, True)
            try:
                os.write(fd, self.text)
                if not self.close:
                    self._stop.wait(30)
            except OSError:
                pass
            finally:
                os.close(fd)
            time.sleep(0.2)  # the reader sees this writer's end first

    def __enter__(self) -> Served:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        try:  # a writer waiting in open: let it through
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
        self._thread.join(10)


def _piped_env(repo, keys) -> str:
    """A repository whose ignored ``.env`` is a FIFO and a staged file
    holding your legacy key with no Together context (only the own-key
    rule can find it)."""
    hexkey = keys('hex')
    (repo / '.gitignore').write_text('.env\n')
    commit_all(repo, 'ignore')
    os.mkfifo(repo / '.env')
    (repo / 'data.txt').write_text(f'value: {hexkey}\n')
    git(repo, 'add', 'data.txt')
    return hexkey


def test_your_key_in_a_served_env_pipe_is_learnt(git_repo, keys):
    """Failed on eeb1dacc: a ``.env`` that is a FIFO was passed over, so
    your legacy key a password manager serves through it was not learnt
    and its commit passed, exit 0.  Read without blocking, once a run."""
    hexkey = _piped_env(git_repo, keys)
    with Served(git_repo / '.env', f'APP=1\nTOGETHER_API_KEY={hexkey}\n'.encode()) as served:
        for r in (ih('detect-together-keys', 'data.txt', cwd=git_repo),
                  th('scan', '--staged', cwd=git_repo)):
            found(r, 'data.txt:1: together-own-key')
    assert served.opens >= 2


def test_a_served_env_pipe_past_1_mb_is_read_in_windows(git_repo, keys):
    """The pipe is read as a large env file is, in 1 MB windows: a key
    line past the first window is learnt (memory one window)."""
    from together_hooks.env.ownkeys import MAX_ENV_FILE

    hexkey = _piped_env(git_repo, keys)
    pad = b'# padding, a comment line of the served file\n' * (MAX_ENV_FILE // 40)
    with Served(git_repo / '.env', pad + f'TOGETHER_API_KEY={hexkey}\n'.encode()):
        found(ih('detect-together-keys', 'data.txt', cwd=git_repo), 'together-own-key')


@pytest.mark.parametrize('how', ['no-writer', 'writer-never-closes'])
def test_an_env_pipe_no_program_serves_fails_closed(git_repo, keys, how):
    """Failed on eeb1dacc (exit 0, your key unread): a FIFO ``.env`` with no
    writer, or one whose writer never finishes, is one line naming it
    after ``TOGETHER_HOOKS_PIPE_WAIT`` seconds, exit 2: never a hang,
    never a pass.  The other sources are still read (the line comes once
    all are), and the wait is paid once a run (the error line's scrub
    does not read the pipe again)."""
    hexkey = _piped_env(git_repo, keys)
    text = f'TOGETHER_API_KEY={hexkey}\n'.encode()
    for argv in (('detect-together-keys', 'data.txt'), ('together-hooks', 'scan', '--staged')):
        began = time.monotonic()
        if how == 'no-writer':
            r = spawn(*argv, cwd=git_repo, env=QUICK, timeout=120)
        else:
            with Served(git_repo / '.env', text, close=False):
                r = spawn(*argv, cwd=git_repo, env=QUICK, timeout=120)
        one_error(r, '.env', 'named pipe', 'TOGETHER_HOOKS_PIPE_WAIT')
        assert time.monotonic() - began < 60


def test_a_template_pipe_is_never_waited_for(git_repo, keys):
    """Decoy: a template that is a FIFO (``.env.example``) is no source of
    your keys: never opened, the commit of a clean file passes at once."""
    (git_repo / '.gitignore').write_text('.env.example\n')
    commit_all(git_repo, 'ignore')
    os.mkfifo(git_repo / '.env.example')
    (git_repo / 'a.py').write_text('x = 1\n')
    git(git_repo, 'add', 'a.py')
    r = ih('detect-together-keys', 'a.py', cwd=git_repo, env={'TOGETHER_HOOKS_PIPE_WAIT': '30'})
    assert r.rc == 0, (r.rc, r.err)


@pytest.mark.parametrize('form', ['base64', 'xxd-p', 'xxd'])
def test_an_encoded_copy_of_your_env_teaches_its_keys(git_repo, keys, form):
    """Held on eeb1dacc (no defect; kept so it stays so): a ``.env.b64``
    written by coreutils' ``base64`` (wrapped at 76), ``xxd -p`` or
    ``xxd``: your legacy key in it is learnt through the engine's own
    decoders, and its commit with no context is found."""
    import base64

    hexkey = keys('hex')
    (git_repo / '.gitignore').write_text('.env*\n')
    commit_all(git_repo, 'ignore')
    plain = f'APP=1\nTOGETHER_API_KEY={hexkey}\nDEBUG=0\n'.encode()
    if form == 'base64':
        data = base64.encodebytes(plain)
    else:
        data = subprocess.run(['xxd', '-p'] if form == 'xxd-p' else ['xxd'], input=plain,
                              capture_output=True, check=True).stdout
    (git_repo / '.env.b64').write_bytes(data)
    (git_repo / 'data.txt').write_text(f'value: {hexkey}\n')
    git(git_repo, 'add', 'data.txt')
    found(ih('detect-together-keys', 'data.txt', cwd=git_repo), 'together-own-key')


# ------------------------------------------- a report its reader cut

def _findings_repo(repo, keys, many: int = 0) -> None:
    (repo / 'k.py').write_text(f'K = "{keys()}"\n')
    for i in range(many):
        (repo / f'f{i}.py').write_text(f'x = {i}\n')
    git(repo, 'add', '-A')


def _piped(repo, argv: tuple[str, ...], reader: str) -> tuple[int, str]:
    """(exit code, stderr) of ``argv | reader`` run by the shell."""
    from tests.cli_run import BIN

    cmd = f'"{BIN}/{argv[0]}" ' + ' '.join(argv[1:]) + f' | {reader}; exit ${{PIPESTATUS[0]}}'
    p = subprocess.run(['bash', '-c', cmd], cwd=repo, capture_output=True, timeout=300,
                       env=dict(os.environ, LC_ALL='C.UTF-8', PYTHONIOENCODING='utf-8'))
    return p.returncode, p.stderr.decode('utf-8', 'replace')


@pytest.mark.parametrize('fmt', ['json', 'sarif'])
def test_a_clean_report_cut_by_head_is_not_a_pass(git_repo, fmt):
    """Failed on eeb1dacc: ``scan --format json | head -c 10`` exit 0 (the
    report sat whole in the pipe's buffer; the reader took 10 bytes and
    left).  Exit 2, one line saying the report is incomplete."""
    for i in range(20):
        (git_repo / f'f{i}.py').write_text(f'x = {i}\n')
    git(git_repo, 'add', '-A')
    rc, err = _piped(git_repo, ('together-hooks', 'scan', '--format', fmt), 'head -c 10 >/dev/null')
    assert rc == 2, (rc, err)
    assert 'report is incomplete' in err.splitlines()[-1], err
    assert 'Traceback' not in err


def test_a_findings_report_cut_by_its_reader_says_so(git_repo, keys):
    """Failed on eeb1dacc: a broken pipe was exit 2 with stderr silent
    (no line said why); now the one line."""
    _findings_repo(git_repo, keys)
    rc, err = _piped(git_repo, ('together-hooks', 'scan'), 'true')
    assert rc == 2, (rc, err)
    assert err.splitlines() and 'report is incomplete' in err.splitlines()[-1], err


@pytest.mark.parametrize('fmt', ['text', 'json', 'github'])
def test_a_report_read_whole_is_no_error(git_repo, keys, fmt):
    """Decoy: ``| cat`` reads it all: exit 1, no error line; a clean text
    or github run writes nothing to stdout and stays exit 0."""
    _findings_repo(git_repo, keys)
    rc, err = _piped(git_repo, ('together-hooks', 'scan', '--format', fmt), 'cat >/dev/null')
    assert rc == 1 and 'incomplete' not in err, (rc, err)
    git(git_repo, 'rm', '-q', '--cached', 'k.py')
    os.unlink(git_repo / 'k.py')
    rc, err = _piped(git_repo, ('together-hooks', 'scan', '--format', fmt), 'head -c 1 >/dev/null')
    assert rc == (2 if fmt == 'json' else 0), (rc, err)


def test_an_output_pipe_read_in_part_is_not_written(git_repo):
    """Failed on eeb1dacc: ``--output p`` into a FIFO whose reader took 10
    bytes and went: "report written to p", exit 0.  Now one line, exit 2."""
    for i in range(5):
        (git_repo / f'f{i}.py').write_text(f'x = {i}\n')
    git(git_repo, 'add', '-A')
    os.mkfifo(git_repo / 'p')
    reader = subprocess.Popen(['head', '-c', '10', 'p'], cwd=git_repo, stdout=subprocess.DEVNULL)
    try:
        r = spawn('together-hooks', 'scan', '--format', 'json', '--output', 'p', cwd=git_repo)
    finally:
        reader.wait(30)
    assert r.rc == 2, (r.rc, r.err)
    no_traceback(r)
    assert 'p: ' in r.err.splitlines()[-1] and 'left unread' in r.err.splitlines()[-1], r.err
    assert 'report written' not in r.err


# ------------------------------------------- which variables hold keys

@pytest.mark.parametrize('name,holds', [
    ('TOGETHER_API_KEY', True), ('TOGETHER_KEY', True), ('TOGETHERAI_API_KEY', True),
    ('TOGETHER_AI_API_KEY', True), ('together_api_key', True), ('TogetherApiKey', True),
    ('MY_TOGETHER_KEY', True), ('TOGETHER_API_TOKEN', True), ('TOGETHER_API_KEY_PROD', True),
    ('TOGETHER_APIKEY', True), ('TOGETHERAPIKEY', True), ('NATASHA_TOGETHER_API_KEY', True),
    ('TOGETHER_SECRET', True), ('TOGETHER_API_SECRET', True), ('together.api_key', True),
    ('TOGETHER_TESTS_RUN_LOG', False), ('TOGETHER_HOOKS_GITHUB_TOKEN', False),
    ('TOGETHER_HOOKS_API_BASE', False), ('TOGETHER_TOKENIZER', False), ('TOGETHER_MONKEY', False),
    ('TOGETHER_KEYBOARD_LAYOUT', False), ('TOGETHER_KEY_ID', False), ('TOGETHER_WEBHOOK_SIGNING_SECRET', False), ('TOGETHER_API_KEY_FILE', False),
    ('ALTOGETHER_KEY', False), ('TOGETHER_KEY_SHA256', False), ('TOGETHER_MODEL', False),
])
def test_which_names_hold_a_key(name, holds, keys):
    """Failed on eeb1dacc in both directions: ``together.*(key|token)``
    anywhere took ``TOGETHER_TOKENIZER``, ``TOGETHER_MONKEY``,
    ``TOGETHER_KEY_ID``, ``ALTOGETHER_KEY`` and our own
    ``TOGETHER_HOOKS_GITHUB_TOKEN`` for your key's variable, and missed
    ``TOGETHER_SECRET``.  ``may_hold`` (the first stage's cheap test)
    stays a superset, and ``TOGETHER_TESTS_RUN_LOG`` is not in it."""
    from together_hooks.env.held import may_hold
    from together_hooks.env.values import keys_in_env
    from together_hooks.env.values import keys_in_environ

    hexkey = keys('hex')
    assert bool(keys_in_environ({name: hexkey})) is holds
    if holds:  # an env file's line too (one the engine's own rule may also judge)
        assert hexkey in keys_in_env(f'{name}={hexkey}\n'.encode())
        assert may_hold(name, '')
    if name == 'TOGETHER_TESTS_RUN_LOG':
        assert not may_hold(name, '/tmp/run-log')


def test_a_github_token_in_our_setting_is_no_together_key(git_repo):
    """Failed on eeb1dacc: ``TOGETHER_HOOKS_GITHUB_TOKEN`` (scan-org's
    GitHub token) was learnt as your Together key, and a file holding the
    GitHub token was reported as ``together-own-key``."""
    import random

    rng = random.Random(36)
    token = 'ghp_' + ''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
    (git_repo / 'ci.yml').write_text(f'token: {token}\n')
    git(git_repo, 'add', 'ci.yml')
    r = th('scan', '--staged', cwd=git_repo, env={'TOGETHER_HOOKS_GITHUB_TOKEN': token})
    assert r.rc == 0 and 'together-own-key' not in r.out, (r.rc, r.out)


def test_your_key_in_together_secret_is_learnt(git_repo, keys):
    """Failed on eeb1dacc: a legacy key in ``TOGETHER_SECRET`` was not
    yours, and its commit with no context passed.  Decoy beside it: a
    random value in ``TOGETHER_TOKENIZER`` is no key, its copy clean."""
    import random

    hexkey = keys('hex')
    rng = random.Random(7)
    other = ''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(40))
    (git_repo / 'data.txt').write_text(f'value: {hexkey}\n')
    (git_repo / 'other.txt').write_text(f'value: {other}\n')
    git(git_repo, 'add', '-A')
    r = th('scan', '--staged', cwd=git_repo,
           env={'TOGETHER_SECRET': hexkey, 'TOGETHER_TOKENIZER': other})
    found(r, 'data.txt:1: together-own-key')
    assert 'other.txt' not in r.out


# ------------------------------------------- a .git file git would refuse

def test_a_git_file_of_1_gb_is_not_read_whole(git_repo, keys):
    """Failed on eeb1dacc: a ``.git`` file of 1 GB with no newline (sparse)
    was read whole to find its first line: out of memory under ``ulimit
    -v`` 600 MB after 12 s (unbounded without a limit).  git reads such a
    file up to 1 MB; so do we: git's own line, exit 2, at once."""
    from tests.memory_test import peak

    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    shutil.rmtree(git_repo / '.git')
    with open(git_repo / '.git', 'wb') as f:
        f.write(b'gitdir: ')
        f.truncate(1 << 30)
    for argv in (('scan',), ('scan', '--format', 'json', '--output', 'r.json')):
        r, rss = peak('together-hooks', *argv, cwd=git_repo, address_space=600 * MB)
        one_error(r, 'too large to be a .git file')
        assert rss < 200 * MB, rss


def test_a_git_file_of_1_gb_beside_git_dir_is_not_read_whole(git_repo, keys):
    """Failed on eeb1dacc: with ``GIT_DIR`` naming the repository (git
    then reads no ``.git`` file), a 1 GB ``.git`` file in the work tree
    was still read whole where ``--output`` is checked against git's
    folders (``fileio.git_folders``): out of memory under ``ulimit -v``
    600 MB after 10 s.  Now the report is written, the key found."""
    from tests.memory_test import peak

    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    real = git_repo.parent / 'real.git'
    shutil.move(str(git_repo / '.git'), real)
    with open(git_repo / '.git', 'wb') as f:
        f.write(b'gitdir: ')
        f.truncate(1 << 30)
    env = {**os.environ, 'GIT_DIR': str(real), 'GIT_WORK_TREE': str(git_repo)}
    r, rss = peak('together-hooks', 'scan', '--format', 'json', '--output', 'r.json', 'k.py',
                  cwd=git_repo, address_space=600 * MB, env=env)
    found(r)
    assert json.loads((git_repo / 'r.json').read_text())['findings']
    assert rss < 200 * MB, rss


def test_a_git_file_linked_to_dev_zero_is_not_read(git_repo, keys):
    """Failed on eeb1dacc: ``.git -> /dev/zero`` was read without end
    (out of memory under ``ulimit -v`` 600 MB).  git passes over it; so
    do we: the folder is scanned, its key found."""
    from tests.memory_test import peak

    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    shutil.rmtree(git_repo / '.git')
    os.symlink('/dev/zero', git_repo / '.git')
    r, rss = peak('together-hooks', 'scan', cwd=git_repo, address_space=600 * MB)
    found(r, 'k.py:1')
    assert rss < 200 * MB, rss


# ------------------------------------------- held on eeb1dacc

@pytest.mark.parametrize('target', ['fifo', 'folder'])
def test_a_git_file_naming_a_fifo_or_a_plain_folder(git_repo, keys, target):
    """``gitdir:`` naming a FIFO or a folder that is no repository: one
    line from git, exit 2, in scan, ``--staged`` and the hook."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    shutil.rmtree(git_repo / '.git')
    there = git_repo.parent / 'elsewhere'
    os.mkfifo(there) if target == 'fifo' else there.mkdir()
    (git_repo / '.git').write_text(f'gitdir: {there}\n')
    for r in (th('scan', cwd=git_repo), th('scan', '--staged', cwd=git_repo),
              ih('detect-together-keys', 'k.py', cwd=git_repo)):
        one_error(r, 'git refuses the repository here')


def test_odd_git_variables_fail_closed(git_repo, keys):
    """``GIT_DIR`` naming /dev/null, nothing, a file or empty;
    ``GIT_WORK_TREE`` naming nothing or another folder; ``GIT_INDEX_FILE``
    naming /dev/zero, a FIFO or a folder; ``GIT_OBJECT_DIRECTORY`` empty:
    each one line, exit 2.  A missing alternate store is git's to skip:
    the key is found."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(git_repo)
    (git_repo / 'k2.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', 'k2.py')
    side = git_repo.parent / 'side'
    side.mkdir()
    os.mkfifo(side / 'fifo')
    cases = [({'GIT_DIR': v}, ('scan', '--staged')) for v in ('/dev/null', '/nonexistent', str(git_repo / 'k.py'))]
    cases += [({'GIT_WORK_TREE': '/nonexistent'}, ('scan',)), ({'GIT_WORK_TREE': str(side)}, ('scan', '--staged'))]
    cases += [({'GIT_INDEX_FILE': v}, ('scan', '--staged')) for v in ('/dev/zero', str(side / 'fifo'), str(side))]
    cases += [({'GIT_OBJECT_DIRECTORY': str(side)}, a) for a in (('scan', '--history'), ('scan', '--staged'))]
    for env, argv in cases:
        r = th(*argv, cwd=git_repo, env=env)
        assert r.rc == 2 and len(r.err.splitlines()) == 1, (env, argv, r.rc, r.err)
        no_traceback(r)
    found(th('scan', '--history', cwd=git_repo, env={'GIT_ALTERNATE_OBJECT_DIRECTORIES': f'/nonexistent:{side}'}))


def test_a_sha256_repository_in_every_mode(tmp_path, keys):
    """``extensions.objectFormat=sha256``: scan, ``--staged``,
    ``--history``, ``--commits``, ``--diff``, the hook and a real push
    through ``pre-receive`` each find the key."""
    from tests.cli_run import BIN

    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main', '--object-format=sha256')
    git(repo, 'config', 'user.email', 'a@b')
    git(repo, 'config', 'user.name', 'a')
    (repo / 'a.txt').write_text('x\n')
    commit_all(repo, 'base')
    (repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(repo, 'key')
    (repo / 'k2.py').write_text(f'K = "{keys()}"\n')
    git(repo, 'add', 'k2.py')
    for argv in (('scan',), ('scan', '--staged'), ('scan', '--history'), ('scan', '--commits', 'HEAD'),
                 ('scan', '--diff', 'HEAD~1..HEAD')):
        found(th(*argv, cwd=repo))
    found(ih('detect-together-keys', 'k2.py', cwd=repo))
    bare = tmp_path / 'bare.git'
    git(tmp_path, 'init', '-q', '--bare', '-b', 'main', '--object-format=sha256', str(bare))
    hook = bare / 'hooks' / 'pre-receive'
    hook.write_text(f'#!/bin/sh\nexec "{BIN}/together-hooks" pre-receive\n')
    hook.chmod(0o755)
    push = subprocess.run(['git', 'push', str(bare), 'HEAD:refs/heads/main'], cwd=repo,
                          capture_output=True, text=True)
    assert push.returncode != 0 and 'together-api-key' in push.stderr, push.stderr[-500:]


def test_a_tiny_big_file_threshold(git_repo, keys):
    """``core.bigFileThreshold=1`` in the repository (every blob stored
    undeltified, streamed by git): ``--history``, ``--staged`` and
    ``--commits`` each find the key."""
    git(git_repo, 'config', 'core.bigFileThreshold', '1')
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(git_repo)
    git(git_repo, 'repack', '-adq')
    (git_repo / 'k2.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', 'k2.py')
    for argv in (('scan', '--history'), ('scan', '--staged'), ('scan', '--commits', 'HEAD')):
        found(th(*argv, cwd=git_repo))


def test_a_packed_refs_line_of_10_mb(git_repo, keys):
    """A packed-refs file with a 10 MB line: ``--history`` is git's one
    line, exit 2 (its ref walk fails); a plain scan and the hook, which
    read no refs, find the key."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(git_repo)
    with open(git_repo / '.git' / 'packed-refs', 'a') as f:
        f.write('# pack-refs with: peeled fully-peeled sorted \n' + 'x' * (10 * MB) + '\n')
    one_error(th('scan', '--history', cwd=git_repo), 'packed-refs')
    found(th('scan', cwd=git_repo))
    found(ih('detect-together-keys', 'k.py', cwd=git_repo))


def test_workers_out_of_range(git_repo, keys):
    """``scan-org --workers`` 0, -1 and nan: one usage line, exit 2; 10**20
    (a pool never that large): the key found."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(git_repo)
    here = git_repo.parent
    (here / 'repos.txt').write_text(f'{git_repo}\n')
    for i, n in enumerate(('0', '-1', 'nan', str(10 ** 20))):
        r = th('scan-org', '--repos', str(here / 'repos.txt'), '--workers', n,
               '--store', str(here / f's{i}.db'), '--cache-dir', str(here / f'c{i}'), cwd=here)
        if n == str(10 ** 20):
            found(r)
        else:
            one_error(r, '--workers')


@pytest.mark.parametrize('locale', ['C', 'POSIX', 'tr_TR.UTF-8', 'tr_TR'])
def test_a_locale_without_utf_8(git_repo, keys, locale):
    """``LC_ALL``/``LANG`` without UTF-8, and Turkish (dotted and dotless
    i casefold otherwise): a key under a non-ASCII path and a legacy key
    under ``TOGETHER_API_KEY`` are found by scan (JSON) and the hook."""
    hexkey = keys('hex')
    (git_repo / 'caf\u00e9').mkdir()
    (git_repo / 'caf\u00e9' / 'k.py').write_text(f'K = "{keys()}"\n')
    (git_repo / 'h.py').write_text(f'TOGETHER_API_KEY = "{hexkey}"\n')
    git(git_repo, 'add', '-A')
    shell = f'export LC_ALL={locale} LANG={locale}; unset PYTHONIOENCODING; '
    r = spawn('together-hooks', 'scan', '--format', 'json', cwd=git_repo, shell_prefix=shell)
    assert r.rc == 1, (r.rc, r.err)
    assert {f['path'] for f in json.loads(r.out)['findings']} == {'caf\u00e9/k.py', 'h.py'}
    found(spawn('detect-together-keys', 'caf\u00e9/k.py', 'h.py', cwd=git_repo, shell_prefix=shell))


def test_a_read_only_home_and_odd_caches(git_repo, keys, tmp_path):
    """HOME and its cache read-only, ``XDG_CACHE_HOME`` a device or
    ``/proc/self``: the regex cache is not written, the key still found."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    home = tmp_path / 'home'
    home.mkdir()
    home.chmod(0o500)
    try:
        for env in ({'HOME': str(home), 'XDG_CACHE_HOME': str(home / 'cache')},
                    {'XDG_CACHE_HOME': '/dev/null'}, {'XDG_CACHE_HOME': '/proc/self'}):
            found(spawn('together-hooks', 'scan', cwd=git_repo, env=env))
    finally:
        home.chmod(0o700)


def test_twelve_open_files(git_repo, keys):
    """``ulimit -n 12``: scan, ``--history``, ``--staged`` and the hook
    each find the key (or would say ``ulimit -n`` in one line)."""
    for i in range(50):
        (git_repo / f'f{i}.py').write_text(f'x = {i}\n')
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    commit_all(git_repo)
    (git_repo / 'k2.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', 'k2.py')
    for argv in (('together-hooks', 'scan'), ('together-hooks', 'scan', '--history'),
                 ('together-hooks', 'scan', '--staged'), ('detect-together-keys', 'k2.py')):
        found(spawn(*argv, cwd=git_repo, shell_prefix='ulimit -n 12; '))


def test_sigterm_mid_scan_leaves_no_partial_report(git_repo, keys):
    """SIGTERM at a spread of moments while ``scan --output r.json`` runs
    (before, during and after its write): exit 143 with the
    ``terminated`` line, or the finished run's 1 (or, in Python's own
    start-up, death by the signal); never 0, and a report left is always
    whole (the atomic write), and no temp file is left."""
    for i in range(20):
        (git_repo / f'f{i}.py').write_text(f'x = {i}\n' * 20000)
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    before = set(os.listdir(git_repo))
    seen = set()
    for delay in (0.1, 0.3, 0.6, 1.0):
        proc = started('together-hooks', 'scan', '--format', 'json', '--output', 'r.json', cwd=git_repo)
        time.sleep(delay)
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        r = finished(proc)
        seen.add(r.rc)
        # -15: killed by the signal itself while Python still started,
        # before the handler that says ``terminated`` (nothing done yet)
        assert r.rc in (1, 143, -signal.SIGTERM), (delay, r.rc, r.err)
        no_traceback(r)
        if r.rc == 143:
            assert 'terminated' in r.err, r.err
        left = set(os.listdir(git_repo)) - before
        assert left <= {'r.json'}, left
        if left:
            assert json.loads((git_repo / 'r.json').read_text())['findings']
            os.unlink(git_repo / 'r.json')
    assert 143 in seen, seen


def test_commits_dated_1970_and_2099(git_repo, keys):
    """Commits dated 2099, then 1970, then 2024 (clock skew): ``--history``,
    ``--commits --since`` and ``--diff`` each find all three keys (no walk
    stops at a date)."""
    (git_repo / 'a.txt').write_text('x\n')
    commit_all(git_repo, 'base')
    for i, date in enumerate(('2099-12-31T00:00:00', '1970-01-02T00:00:00', '2024-01-01T00:00:00')):
        (git_repo / f'k{i}.py').write_text(f'K = "{keys()}"\n')
        commit_all(git_repo, f'c{i}', env={'GIT_AUTHOR_DATE': date, 'GIT_COMMITTER_DATE': date})
    for argv in (('scan', '--history'), ('scan', '--commits', 'HEAD', '--since', 'main~3'),
                 ('scan', '--diff', 'main~3..HEAD')):
        r = th(*argv, '--format', 'json', cwd=git_repo)
        assert r.rc == 1, (argv, r.err)
        assert {f['path'] for f in r.json()['findings']} == {'k0.py', 'k1.py', 'k2.py'}, argv


@pytest.mark.parametrize('version,plugins,rc', [
    ('1.0.0', [{'name': 'TogetherKeyDetector'}, {'name': 'NoSuchPlugin', 'limit': 3}], 1),
    ('1.5.0', [{'name': 'FutureDetector', 'path': 'file:///nonexistent.py'}], 1),
    ('0.14.3', [], 1),
    ('2.0.0', [], 2),
])
def test_baselines_of_other_detect_secrets_versions(git_repo, keys, version, plugins, rc):
    """A baseline of detect-secrets 1.0 naming plugins that do not exist,
    1.5 naming a plugin file that is gone, 0.14 (with an unknown filter
    each): the key is still found, exit 1; a 2.0 baseline is one line,
    exit 2, the file left as it is."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', 'k.py')
    doc = {'version': version, 'plugins_used': plugins,
           'filters_used': [{'path': 'detect_secrets.filters.nonexistent.filter'}],
           'results': {}, 'generated_at': '2020-01-01T00:00:00Z'}
    text = json.dumps(doc)
    (git_repo / '.secrets.baseline').write_text(text)
    for r in (th('scan', '--baseline', '.secrets.baseline', cwd=git_repo),
              ih('detect-together-keys', '--baseline', '.secrets.baseline', 'k.py', cwd=git_repo)):
        if rc == 1:
            found(r)
        else:
            one_error(r, 'not supported')
    assert (git_repo / '.secrets.baseline').read_text() == text


def test_a_baseline_that_is_a_fifo(git_repo, keys):
    """``.secrets.baseline`` a FIFO: scan, the hook and ``baseline
    update`` each one line, exit 2 (never a hang, never read as empty)."""
    (git_repo / 'k.py').write_text(f'K = "{keys()}"\n')
    git(git_repo, 'add', 'k.py')
    os.mkfifo(git_repo / '.secrets.baseline')
    for r in (th('scan', '--baseline', '.secrets.baseline', cwd=git_repo, env=QUICK),
              ih('detect-together-keys', '--baseline', '.secrets.baseline', 'k.py', cwd=git_repo, env=QUICK),
              th('baseline', 'update', cwd=git_repo, env=QUICK)):
        one_error(r, '.secrets.baseline', 'not a regular file')


def test_rotate_help_on_a_device_or_a_fifo(git_repo):
    """``rotate-help /dev/zero`` and ``rotate-help FIFO``: one line, exit 2,
    never a read without end."""
    os.mkfifo(git_repo / 'p')
    for arg in ('/dev/zero', 'p'):
        one_error(th('rotate-help', arg, cwd=git_repo), 'not a regular file')
