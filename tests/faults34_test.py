"""Session 34's hostile tests of "fail closed" (faults34).

Each case is a real command on a real repository in a hostile state: a
special file where a file is read, a damaged repository, a config file
built to hurt, an output that cannot be written, a signal, an odd
number or variable.  The rule each holds it to: the right answer, or one
line and exit 2; never a traceback, a lost or half-written file, or a
pass (exit 0) while a key went unread.  Runs are in process
(``tests/cli_run.run_in_process``) unless the process is the claim
(limits, signals, closed streams), which ``tests/faults_test.spawn``
starts.  docs/hardening.md, "Session 34 (faults34)", has what each found.
"""
from __future__ import annotations

import os
import random
import resource
import signal
import socket
import subprocess
import time

import pytest

from tests.cli_run import BIN
from tests.cli_run import Result
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.faults_test import spawn
from tests.faults_test import started
from tests.faults_test import _descendants
from tests.faults_test import finished
from tests.keys import make_key

FINDING = ': together-api-key: tgp_v1_'
TEMP = '.together-hooks-'


def one_error(r: Result, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    lines = r.err.splitlines()
    assert r.rc == 2, (r.rc, r.err)
    assert len(lines) == 1, r.err
    assert 'Traceback' not in r.err + r.out and 'internal error' not in r.err, r.err
    for word in words:
        assert word in lines[0], (word, lines[0])


def no_traceback(r: Result) -> None:
    assert 'Traceback' not in r.err + r.out and 'internal error' not in r.err, r.err


def ih(script: str, *args: str, cwd, env: dict[str, str] | None = None) -> Result:
    full = None if env is None else {**os.environ, **env}
    return run_in_process(script, *args, cwd=cwd, env=full)


def th(*args: str, cwd, env: dict[str, str] | None = None) -> Result:
    return ih('together-hooks', *args, cwd=cwd, env=env)


def commit_all(repo, message: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', message)


def temps(folder) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(TEMP)]


@pytest.fixture
def key() -> str:
    return make_key(random.Random(3434))


@pytest.fixture
def committed(git_repo):
    (git_repo / 'a.txt').write_text('hello\n')
    commit_all(git_repo, 'init')
    return git_repo


# ------------------------------------------------------ special files named

def test_link_in_the_repository_to_dev_zero_is_read_as_a_link(committed):
    """A symlink to /dev/zero is scanned as git stores it (its target's
    name), never read to the device's endless end."""
    os.symlink('/dev/zero', committed / 'z')
    r = th('scan', 'z', cwd=committed)
    assert r.rc == 0 and '1 file' in r.err, r.err


def test_link_in_the_repository_to_dev_urandom_given_to_the_hook(committed):
    os.symlink('/dev/urandom', committed / 'u')
    r = ih('detect-together-keys', 'u', cwd=committed)
    assert (r.rc, r.out) == (0, ''), r.err
    no_traceback(r)


def test_a_socket_given_to_the_hook_is_one_error_line(committed):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(committed / 'sock'))
        r = ih('detect-together-keys', 'sock', cwd=committed)
    finally:
        s.close()
    one_error(r, 'sock', 'not a regular file')


def test_a_fifo_beside_a_key_fails_closed_but_shows_the_key(committed, key):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    os.mkfifo(committed / 'pipe')
    r = th('scan', 'pipe', 'k.txt', cwd=committed)
    assert r.rc == 2 and 'k.txt:1' + FINDING in r.out, (r.rc, r.out, r.err)


def test_a_folder_loop_through_links_ends(committed):
    (committed / 'loop').mkdir()
    os.symlink('..', committed / 'loop' / 'up')
    r = th('scan', 'loop', cwd=committed)
    assert r.rc == 0 and '1 file' in r.err, r.err
    r = th('scan', '.', cwd=committed)
    assert r.rc == 0, r.err


def test_a_path_of_4096_bytes_is_one_line(committed):
    r = th('scan', 'a/' * 2048, cwd=committed)
    one_error(r)


def test_an_argument_of_invalid_utf8_is_one_line(committed):
    r = spawn('together-hooks', 'scan', '\udcff\udcfe', cwd=committed)
    one_error(r, 'no such file')


def test_a_file_named_with_a_control_character_in_the_index(committed, key):
    """A name git stores with a control character (written with
    ``update-index --index-info``) is scanned from the index."""
    blob = subprocess.run(
        ('git', 'hash-object', '-w', '--stdin'), cwd=committed, check=True,
        input=f'TOGETHER_API_KEY={key}\n'.encode(), capture_output=True,
    ).stdout.decode().strip()
    subprocess.run(('git', 'update-index', '--index-info'), cwd=committed, check=True,
                   input=f'100644 blob {blob}\tx\x01y\n'.encode())
    r = th('scan', '--staged', cwd=committed)
    assert r.rc == 1 and FINDING in r.out, (r.rc, r.out, r.err)


def test_an_unreadable_file_as_root_is_still_read(committed, key):
    """chmod 000: root reads it anyway, so its key is found, never passed
    as unread (a user it binds: tests/hardening_test.py)."""
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    (committed / 'k.txt').chmod(0)
    try:
        r = ih('detect-together-keys', 'k.txt', cwd=committed)
    finally:
        (committed / 'k.txt').chmod(0o644)
    if os.geteuid() == 0:
        assert r.rc == 1 and 'k.txt:1' + FINDING in r.out, (r.rc, r.err)
    else:
        one_error(r, 'k.txt')


# --------------------------------------------------- repositories in odd states

def test_unborn_head_history_is_zero_commits(git_repo):
    r = th('scan', '--history', cwd=git_repo)
    assert r.rc == 0 and '0 commits' in r.err, r.err


@pytest.mark.parametrize('option', ('--diff', '--commits'))
def test_unborn_head_as_a_revision_is_one_line(git_repo, option):
    r = th('scan', option, 'HEAD', cwd=git_repo)
    one_error(r, 'no commits yet')


def test_detached_head_commit_is_in_the_history(committed, key):
    git(committed, 'checkout', '-q', '--detach')
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    commit_all(committed, 'detached')
    (committed / 'k.txt').unlink()
    commit_all(committed, 'gone')
    r = th('scan', '--history', cwd=committed)
    assert r.rc == 1 and 'k.txt:1' + FINDING in r.out, (r.rc, r.err)


def test_a_bare_repository_given_to_scan_path(committed, tmp_path):
    bare = tmp_path / 'b.git'
    git(tmp_path, 'clone', '-q', '--bare', str(committed), str(bare))
    one_error(th('scan', str(bare), cwd=tmp_path), 'bare repository')
    one_error(th('doctor', cwd=bare), 'bare repository')


@pytest.mark.parametrize('script', ('detect-together-keys', 'check-env-gitignored'))
def test_dot_git_file_pointing_nowhere(tmp_path, script):
    (tmp_path / '.git').write_text('gitdir: /nonexistent/faults34\n')
    (tmp_path / 'f').write_text('x\n')
    args = ('f',) if script == 'detect-together-keys' else ()
    one_error(ih(script, *args, cwd=tmp_path), 'not a git repository')


@pytest.mark.parametrize('script,args', (
    ('detect-together-keys', ('a.txt',)),
    ('check-env-gitignored', ()),
    ('together-hooks', ('scan', '--history')),
))
def test_a_corrupt_index(committed, script, args):
    (committed / '.git' / 'index').write_bytes(b'garbage\n')
    one_error(ih(script, *args, cwd=committed), 'index')


def test_scan_staged_on_a_cut_index_names_the_index(committed, key):
    """An index file cut short (a crash mid-write, a disk filled) reads to
    git as entries with no object or no name (git: "cache entry has null
    sha1"): ``scan --staged`` never passes it, and its one line blames the
    index, not the git on PATH (it said "is the git on PATH git?")."""
    (committed / 'b.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    git(committed, 'add', 'b.txt')
    index = committed / '.git' / 'index'
    whole = index.read_bytes()
    damaged = 0
    for size in range(12, len(whole), 7):
        index.write_bytes(whole[:size])
        r = th('scan', '--staged', cwd=committed)
        assert r.rc in (1, 2) and key not in r.out + r.err, (size, r.rc, r.err)
        if r.rc == 2:
            one_error(r, 'index')
            assert 'git on PATH' not in r.err, (size, r.err)
            damaged += 'is damaged' in r.err
    assert damaged, 'no cut read as a damaged index'


@pytest.fixture
def corrupt_blob(committed, key):
    """A commit whose blob (holding a key) is garbage on disk; (repo, base)."""
    base = git(committed, 'rev-parse', 'HEAD').strip()
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    commit_all(committed, 'two')
    blob = git(committed, 'rev-parse', 'HEAD:k.txt').strip()
    path = committed / '.git' / 'objects' / blob[:2] / blob[2:]
    path.chmod(0o644)
    path.write_bytes(b'xx')
    return committed, base


def test_a_corrupt_loose_object_fails_history(corrupt_blob):
    repo, _ = corrupt_blob
    one_error(th('scan', '--history', cwd=repo), 'object')


def test_a_corrupt_loose_object_fails_the_pre_push_gate(corrupt_blob):
    repo, base = corrupt_blob
    head = git(repo, 'rev-parse', 'HEAD').strip()
    r = ih('detect-together-keys', 'k.txt', cwd=repo, env={
        'PRE_COMMIT_FROM_REF': base, 'PRE_COMMIT_TO_REF': head,
    })
    one_error(r, 'object')


def test_a_missing_object_fails_pre_receive(committed, key):
    """A pushed commit (not on any ref: the quarantine's) whose blob is
    gone: the push is refused, exit 2, never accepted."""
    base = git(committed, 'rev-parse', 'HEAD').strip()
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    commit_all(committed, 'two')
    new = git(committed, 'rev-parse', 'HEAD').strip()
    blob = git(committed, 'rev-parse', 'HEAD:k.txt').strip()
    git(committed, 'reset', '-q', '--hard', base)
    git(committed, 'reflog', 'expire', '--expire=now', '--all')
    os.unlink(committed / '.git' / 'objects' / blob[:2] / blob[2:])
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'pre-receive'), cwd=committed,
        input=f'{base} {new} refs/heads/main\n'.encode(), capture_output=True, timeout=300,
    )
    r = Result(proc)
    one_error(r, blob)


def test_a_missing_blob_in_a_clone_without_a_promisor(committed, key):
    """A clone told it is partial (``extensions.partialClone``) whose
    remote is gone: the lost blob is one line, never skipped."""
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    commit_all(committed, 'two')
    blob = git(committed, 'rev-parse', 'HEAD:k.txt').strip()
    os.unlink(committed / '.git' / 'objects' / blob[:2] / blob[2:])
    git(committed, 'config', 'extensions.partialClone', 'nowhere')
    r = th('scan', '--commits', 'HEAD', cwd=committed)
    assert r.rc == 2 and 'Traceback' not in r.err, (r.rc, r.err)


# --------------------------------------------------------------- config files

@pytest.mark.parametrize('script,args', (
    ('detect-together-keys', ('a.txt',)),
    ('forbid-env-files', ('a.txt',)),
    ('check-env-gitignored', ()),
))
def test_config_file_that_is_a_folder(committed, script, args):
    (committed / '.together-hooks.toml').mkdir()
    one_error(ih(script, *args, cwd=committed), '.together-hooks.toml')


def test_config_file_of_invalid_utf8(committed):
    (committed / '.together-hooks.toml').write_bytes(b'allow = ["\xff"]\n')
    one_error(th('scan', 'a.txt', cwd=committed), 'not UTF-8')


def test_config_file_nested_deep(committed):
    (committed / '.together-hooks.toml').write_text('a=' + '[' * 100000 + ']' * 100000 + '\n')
    one_error(ih('detect-together-keys', 'a.txt', cwd=committed), 'nested too deep')


def test_config_file_led_by_a_bom_is_read(committed):
    (committed / '.together-hooks.toml').write_bytes(b'\xef\xbb\xbfnonsense = 1\n')
    one_error(th('scan', 'a.txt', cwd=committed), "unknown key 'nonsense'")


def test_config_file_linked_out_of_the_repository(committed, tmp_path):
    (tmp_path / 'outside.toml').write_text('exclude = ["*"]\n')
    os.symlink(tmp_path / 'outside.toml', committed / '.together-hooks.toml')
    one_error(th('scan', 'a.txt', cwd=committed), 'symlink out of the repository')


BOMB = ''.join(
    f'{c}: &{c} [{", ".join([f"*{p}"] * 9) if p else ", ".join(["lol"] * 9)}]\n'
    for p, c in zip(('', *'abcdef'), 'abcdefg')
) + 'repos: [*g]\n'


def test_pre_commit_config_alias_bomb_is_never_expanded(committed, key):
    (committed / '.pre-commit-config.yaml').write_text(BOMB)
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    r = th('doctor', cwd=committed)
    assert r.rc == 1 and 'hooks-installed' in r.out, (r.rc, r.err)
    r = ih('detect-together-keys', 'k.txt', cwd=committed)
    assert r.rc == 1 and FINDING in r.out, (r.rc, r.err)


def test_pre_commit_config_nested_deep(committed):
    (committed / '.pre-commit-config.yaml').write_text('[' * 100000 + ']' * 100000 + '\n')
    r = th('doctor', cwd=committed)
    assert r.rc == 1 and 'nested too deep' in r.out, (r.rc, r.out, r.err)
    no_traceback(r)


@pytest.fixture
def baselined(committed, key):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    r = th('baseline', 'create', cwd=committed)
    assert r.rc == 0, r.err
    return committed


def test_baseline_nested_deep(baselined):
    (baselined / '.secrets.baseline').write_text('[' * 200000 + ']' * 200000)
    one_error(th('baseline', 'audit', '--stats', cwd=baselined), 'nested too deep')


def test_baseline_led_by_a_bom_is_read(baselined):
    path = baselined / '.secrets.baseline'
    path.write_bytes(b'\xef\xbb\xbf' + path.read_bytes())
    r = ih('detect-together-keys', 'k.txt', cwd=baselined)
    assert (r.rc, r.out) == (0, ''), r.err


def test_baseline_of_invalid_utf8_is_left_as_it_is(baselined):
    path = baselined / '.secrets.baseline'
    data = path.read_bytes().replace(b'"version"', b'"v\xffersion"')
    path.write_bytes(data)
    one_error(th('baseline', 'update', cwd=baselined), 'not UTF-8')
    assert path.read_bytes() == data


# -------------------------------------------------------------------- outputs

def test_output_through_a_link_out_of_the_repository(committed, key, tmp_path):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    os.symlink(tmp_path / 'outside.json', committed / 'out.json')
    r = th('scan', '--format', 'json', '--output', 'out.json', cwd=committed)
    one_error(r, 'symlink out of the repository')
    assert not (tmp_path / 'outside.json').exists()
    assert 'k.txt:1' + FINDING in r.out, r.out


def test_sarif_out_a_folder(committed, key):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    (committed / 'd').mkdir()
    r = th('scan', '--sarif-out', 'd', cwd=committed)
    one_error(r, 'd', 'cannot write')
    assert FINDING in r.out


def test_baseline_create_into_a_folder(committed):
    (committed / 'd').mkdir()
    one_error(th('baseline', 'create', '--baseline', 'd', cwd=committed), 'folder')


@pytest.fixture
def many_keys(committed):
    rng = random.Random(34)
    (committed / 'k.txt').write_text(
        ''.join(f'TOGETHER_API_KEY_{i}={make_key(rng)}\n' for i in range(40)))
    return committed


SMALL = {resource.RLIMIT_FSIZE: 3000}


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan', '--format', 'json', '--output', 'rep.json'),
    ('together-hooks', 'baseline', 'create', '--force', '--baseline', 'rep.json'),
    ('detect-together-keys', '--output', 'rep.json', 'k.txt'),
), ids=('scan-output', 'baseline-create', 'hook-output'))
def test_an_existing_file_on_a_full_disk_is_left_whole(many_keys, argv):
    (many_keys / 'rep.json').write_text('old\n')
    r = spawn(*argv, cwd=many_keys, limits=SMALL)
    one_error(r, 'rep.json', 'File too large')
    assert (many_keys / 'rep.json').read_text() == 'old\n'
    assert not temps(many_keys)


@pytest.mark.parametrize('script', ('detect-together-keys', 'forbid-env-files'))
def test_an_audit_log_on_a_full_disk_keeps_no_torn_line(many_keys, script):
    """The audit log's line is appended whole or not at all: a write cut
    short (a full disk, a file size limit) is taken back, so the log
    holds no torn record and the next line starts clean."""
    log = many_keys / 'audit.jsonl'
    before = b'{"timestamp": "old"}\n' * 40
    log.write_bytes(before)
    r = spawn(script, '--audit-log', 'audit.jsonl', 'k.txt', cwd=many_keys,
              limits={resource.RLIMIT_FSIZE: len(before) + 200})
    assert 'cannot write audit log' in r.err and 'File too large' in r.err, r.err
    assert r.rc in (1, 2) and 'Traceback' not in r.err
    assert log.read_bytes() == before


def test_stdout_closed_with_findings(many_keys):
    one_error(spawn('together-hooks', 'scan', cwd=many_keys, close_stdout=True),
              'standard output')


def test_a_broken_pipe_is_no_traceback(many_keys):
    r = spawn('together-hooks', 'scan', cwd=many_keys,
              shell_prefix='"$@" | head -c 1 >/dev/null; exit 0; ')
    assert 'Traceback' not in r.err and 'BrokenPipe' not in r.err, r.err


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) ``pid`` and the processes under it have
    used so far."""
    from together_hooks import proc

    ticks = 0
    for p in (pid, *_descendants(pid)):
        read = proc.stat(p)
        if read is not None and len(read[1]) > 12:
            ticks += int(read[1][11]) + int(read[1][12])  # utime, stime
    return ticks / os.sysconf('SC_CLK_TCK')


@pytest.mark.parametrize('sig', (signal.SIGTERM, signal.SIGINT), ids=('TERM', 'INT'))
def test_a_signal_mid_baseline_create_leaves_the_old_file(tmp_path, sig):
    """Killed mid-scan (a tree big enough to take seconds): exit 128+n, one
    line, the old baseline whole, no temp file."""
    repo = tmp_path / 'big'
    repo.mkdir()
    git(repo, 'init', '-q')
    chunk = 'lorem ipsum together tgp_v1_ dolor\n' * 60000
    for i in range(40):
        (repo / f'f{i}.txt').write_text(chunk)
    (repo / '.secrets.baseline').write_text('old\n')
    proc = started('together-hooks', 'baseline', 'create', '--force', cwd=repo)
    # Signalled once the run has used a second of CPU (past its start and
    # listing, its handlers set; the whole scan takes tens of seconds),
    # not after a fixed wait: a loaded machine had not begun, a quiet one
    # could have finished.
    deadline = time.monotonic() + 300  # a safety net, not a speed check
    while _cpu_seconds(proc.pid) < 1.0:
        assert proc.poll() is None and time.monotonic() < deadline, 'the scan ended or never ran'
        time.sleep(0.01)
    proc.send_signal(sig)
    r = finished(proc)
    assert r.rc == 128 + sig, (r.rc, r.err)
    assert len(r.err.splitlines()) == 1 and 'Traceback' not in r.err, r.err
    assert (repo / '.secrets.baseline').read_text() == 'old\n'
    assert not temps(repo)


# ------------------------------------------------------ numbers and variables

@pytest.mark.parametrize('argv,word', (
    (('scan-org', '--workers', '0', '--repos', '/dev/null'), '--workers'),
    (('scan-org', '--workers', '-1', '--repos', '/dev/null'), '--workers'),
    (('scan-org', '--timeout', 'inf', '--repos', '/dev/null'), '--timeout'),
    (('scan-org', '--retry-pause', 'nan', '--repos', '/dev/null'), '--retry-pause'),
    (('scan', '--verify-timeout', '1e999', 'a.txt'), '--verify-timeout'),
    (('scan', '--verify-timeout', '-1', 'a.txt'), '--verify-timeout'),
    (('pre-receive', '--timeout', 'nan'), '--timeout'),
    (('pre-receive', '--timeout', '-5'), '--timeout'),
))
def test_numbers_out_of_range(committed, argv, word):
    one_error(th(*argv, cwd=committed), word)


@pytest.mark.parametrize('shard', ('5/2', '0/0'))
def test_shard_out_of_range(committed, tmp_path, shard):
    (tmp_path / 'repos.txt').write_text(f'{committed}\n')
    r = th('scan-org', '--store', str(tmp_path / 's.db'), '--repos',
           str(tmp_path / 'repos.txt'), '--shard', shard, cwd=tmp_path)
    one_error(r, '--shard')


def test_retries_below_zero(committed, tmp_path):
    (tmp_path / 'repos.txt').write_text(f'{committed}\n')
    r = th('scan-org', '--store', str(tmp_path / 's.db'), '--repos',
           str(tmp_path / 'repos.txt'), '--retries', '-1', cwd=tmp_path)
    one_error(r, '--retries')


def test_xdg_cache_home_a_file_fails_the_repository(committed, tmp_path, key):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    commit_all(committed)
    (tmp_path / 'repos.txt').write_text(f'{committed}\n')
    r = th('scan-org', '--store', str(tmp_path / 's.db'), '--repos', str(tmp_path / 'repos.txt'),
           cwd=tmp_path, env={'XDG_CACHE_HOME': str(committed / 'a.txt')})
    assert r.rc == 2 and 'not scanned' in r.err and 'Not a directory' in r.err, (r.rc, r.err)
    no_traceback(r)


def test_git_dir_naming_nothing(committed):
    one_error(th('scan', cwd=committed, env={'GIT_DIR': '/nonexistent/faults34'}),
              'not a git repository')


def test_git_index_file_that_is_no_index(committed):
    one_error(th('scan', '--staged', cwd=committed, env={'GIT_INDEX_FILE': '/dev/null'}),
              'index')


def test_git_object_directory_elsewhere(committed, tmp_path):
    r = th('scan', '--history', cwd=committed, env={'GIT_OBJECT_DIRECTORY': str(tmp_path)})
    one_error(r, 'git log failed')


def test_pipe_wait_that_is_no_number(committed, key):
    (committed / 'k.txt').write_text(f'TOGETHER_API_KEY={key}\n')
    os.mkfifo(committed / 'p')
    r = th('scan', 'k.txt', '--output', 'p', cwd=committed,
           env={'TOGETHER_HOOKS_PIPE_WAIT': 'abc'})
    one_error(r, 'TOGETHER_HOOKS_PIPE_WAIT')


# ------------------------------------------------- --env-reuse: files unread

@pytest.fixture
def stages(committed, key):
    envs = committed / 'envs'
    envs.mkdir()
    (envs / '.env.production').write_text(f'TOGETHER_API_KEY={key}\n')
    return envs


def test_env_reuse_finds_a_shared_key(stages, key):
    (stages / '.env.staging').write_text(f'TOGETHER_API_KEY={key}\n')
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    assert r.rc == 1 and '.env.production and .env.staging' in r.out, r.out


def test_env_reuse_never_passes_a_large_env_file_unread(stages, key):
    """An env file past the size env files are read to (1 MB) was left
    out without a word, and the check passed: it is now an error line."""
    (stages / '.env.staging').write_text(f'TOGETHER_API_KEY={key}\n' + '#' * (1 << 20))
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    one_error(r, '.env.staging', 'not read')
    assert 'no Together key is shared' not in r.out, r.out


def test_env_reuse_never_passes_a_fifo_unread(stages):
    os.mkfifo(stages / '.env.staging')
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    one_error(r, '.env.staging', 'not a regular file')


def test_env_reuse_shows_the_pairs_it_found_before_failing(stages, key):
    """Files it could read still count: a pair found is shown, and the run
    still fails closed for the one it could not read."""
    (stages / '.env.development').write_text(f'TOGETHER_API_KEY={key}\n')
    os.mkfifo(stages / '.env.staging')
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    one_error(r, '.env.staging')
    assert '.env.development and .env.production hold the same' in r.out, r.out


def test_doctor_fails_the_stage_check_on_an_env_file_it_cannot_read(stages, key):
    (stages / '.env.staging').write_text(f'TOGETHER_API_KEY={key}\n' + '#' * (1 << 20))
    r = th('doctor', cwd=stages.parent)
    line = [ln for ln in r.out.splitlines() if 'keys-differ-per-stage' in ln]
    assert line and line[0].startswith('[FAIL]') and '.env.staging' in line[0], r.out


def test_env_reuse_reads_a_link_as_git_stores_it(stages):
    """Decoy: a link (``.env -> .env.production``, as teams keep one) is
    read as git stores it, never followed: no pair, no error."""
    os.symlink('.env.production', stages / '.env.staging')
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    assert (r.rc, r.out.strip()) == (0, 'together-hooks: no Together key is shared across stages'), r.err


def test_env_reuse_passes_a_large_template(stages, key):
    """Decoy: a template is never read, however large."""
    (stages / '.env.example').write_text(f'TOGETHER_API_KEY={key}\n' + '#' * (1 << 20))
    r = th('scan', '--env-reuse', str(stages), cwd=stages.parent)
    assert r.rc == 0, r.err



# ------------------------------------------------------------ memory bounded

def test_a_template_past_the_memory_bound_is_read_in_windows(committed):
    """forbid-env-files read a template whole and looked for other
    credentials in it as one bytes object (a 300 MB template: 322-750 MB
    peak); now in windows (mem34, docs/hardening.md)."""
    from tests.memory_test import MAX_RSS
    from tests.memory_test import PAST_BOUND
    from tests.memory_test import peak

    with open(committed / '.env.example', 'wb') as f:
        f.truncate(PAST_BOUND)  # sparse: no disk, reads as zeros
    r, rss = peak('forbid-env-files', '.env.example', cwd=committed)
    assert r.rc == 0 and 'Traceback' not in r.err, (r.rc, r.err)
    assert rss < MAX_RSS, rss
