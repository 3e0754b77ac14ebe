"""Faults from outside: each is one line on stderr with the right exit code,
never a traceback, never a hang, never lost findings, and nothing (temp
file, child process) left behind after SIGINT or SIGTERM.

Black-box through the console scripts, as a user or CI meets them.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

import pytest

from together_hooks import proc as procfs

from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.cli_run import Result
from tests.cli_run import assert_error_line
from tests.cli_run import run
from tests.conftest import git

TEMP_PREFIX = '.together-hooks-'
FINDING = ': together-api-key: tgp_v1_'  # a text report's finding line


def _interruptible() -> None:
    """Ctrl-C as a terminal gives it: a suite started in the background
    (``nohup ... &``, a CI runner's job) hands its children SIGINT
    ignored, and Python keeps it so (a SIGINT test then proved nothing,
    or saw rc 0)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def started(
        *argv: str, cwd, env: dict[str, str] | None = None,
        shell_prefix: str = '', limits: dict[int, int] | None = None,
        close_stdout: bool = False,
) -> subprocess.Popen:
    """``spawn``'s process, started and not waited for (``finished``):
    runs that each wait out a limit of the product's can wait together."""
    full = dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8', **(env or {}))
    script = shell_prefix + 'exec "$@"' + (' >&-' if close_stdout else '')

    def limit() -> None:
        _interruptible()
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))

    return subprocess.Popen(
        ('sh', '-c', script, 'sh', os.path.join(BIN, argv[0]), *argv[1:]),
        cwd=cwd, env=full, preexec_fn=limit, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def finished(proc: subprocess.Popen, timeout: float = 300) -> Result:
    """The result of a ``started`` process; a hang fails the test."""
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:  # a hang fails the test, and leaves no git process behind
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    result = Result(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    CAPTURED.extend((result.out, result.err))
    return result


def spawn(
        *argv: str, cwd, env: dict[str, str] | None = None, timeout: float = 300,
        shell_prefix: str = '', limits: dict[int, int] | None = None,
        close_stdout: bool = False,
) -> Result:
    """A console script run through ``sh -c`` (so a test can ``cd`` into a
    folder it then deletes) with resource limits; a hang fails the test
    (after ``timeout``: a safety net, minutes, since a loaded machine runs
    a console script for tens of seconds)."""
    return finished(started(
        *argv, cwd=cwd, env=env, shell_prefix=shell_prefix, limits=limits,
        close_stdout=close_stdout,
    ), timeout)


# ------------------------------------------------------------------ output

def test_failed_output_still_shows_the_findings(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    for argv in (('together-hooks', 'scan'), ('detect-together-keys', 'a.txt')):
        r = run(*argv, '--format', 'sarif', '--output', 'missing/r.sarif', cwd=git_repo)
        assert_error_line(r, 'missing/r.sarif', 'cannot write')
        assert 'a.txt:1' + FINDING in r.out, r.out


def test_output_truncated_by_file_size_limit_is_reported(git_repo, keys):
    key = keys()
    (git_repo / 'a.txt').write_text(''.join(f'k{i} = "{key}"\n' for i in range(500)))
    small = {resource.RLIMIT_FSIZE: 2048}
    # The report to a file on stdout.
    r = spawn('together-hooks', 'scan', cwd=git_repo, limits=small,
              shell_prefix='exec >../out.txt; ')
    assert_error_line(r, 'File too large')
    # --output: the file is refused whole, and the findings still shown.
    r = spawn('together-hooks', 'scan', '--format', 'json', '--output', '../r.json',
              cwd=git_repo, limits=small)
    assert r.rc == 2 and 'File too large' in r.err, r.err
    assert not (git_repo.parent / 'r.json').exists()
    assert not [n for n in os.listdir(git_repo.parent) if n.startswith(TEMP_PREFIX)]


def test_a_full_disk_names_the_file_every_writer_could_not_write(git_repo, keys):
    """A write that fails half way (a full disk; here a file size limit)
    names the user's file, leaves it as it was and no temp file behind."""
    for i in range(60):
        (git_repo / f'f{i}.py').write_text(f'k = "{keys()}"\n')
    (git_repo / '.gitignore').write_text('*.log\n')
    small = {resource.RLIMIT_FSIZE: 2048}
    for argv, name in (
            (('together-hooks', 'baseline', 'create'), '.secrets.baseline'),
            (('together-hooks', 'rotate-help', '--replacements', 'rep.txt', '.'), 'rep.txt'),
    ):
        r = spawn(*argv, cwd=git_repo, limits=small)
        assert_error_line(r, name, 'cannot write', 'File too large')
        assert not (git_repo / name).exists()
    (git_repo / '.gitignore').write_text('# ' + 'x' * 3000 + '\n')
    before = (git_repo / '.gitignore').read_bytes()
    r = spawn('check-env-gitignored', '--fix', cwd=git_repo, limits=small)
    assert_error_line(r, '.gitignore', 'cannot write', 'File too large')
    assert (git_repo / '.gitignore').read_bytes() == before
    assert not [n for n in os.listdir(git_repo) if n.startswith(TEMP_PREFIX)]


def test_closed_stdout(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    for argv in (('together-hooks', 'scan'), ('detect-together-keys', 'a.txt'),
                 ('together-hooks', 'scan', '--format', 'json')):
        r = spawn(*argv, cwd=git_repo, close_stdout=True)
        assert_error_line(r, 'standard output')
        assert 'internal error' not in r.err


@pytest.mark.parametrize('argv', (
    ('together-hooks', '--help'), ('together-hooks', 'scan', '--help'),
    ('together-hooks', 'baseline', '--help'), ('together-hooks', '-V'),
    ('detect-together-keys', '--help'), ('forbid-env-files', '--version'),
    ('check-env-gitignored', '--help'),
))
def test_help_and_version_with_a_closed_stdout(git_repo, argv):
    """argparse prints help and the version before any command runs (it
    gave a traceback and exit 1): one line, exit 2, as every other write."""
    r = spawn(*argv, cwd=git_repo, close_stdout=True)
    assert_error_line(r, 'standard output')


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan', '--help'), ('detect-together-keys', '--help'),
))
def test_help_on_a_full_disk_is_not_cut_short_silently(git_repo, argv):
    """argparse drops an error writing its help: a file cut at the size
    limit, exit 0.  It is one line and exit 2, as every other write."""
    r = spawn(*argv, cwd=git_repo, limits={resource.RLIMIT_FSIZE: 512},
              shell_prefix='exec >../help.txt; ')
    assert_error_line(r, 'File too large')


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan', '--bogus'), ('together-hooks', 'bogus'),
    ('detect-together-keys', '--bogus'), ('together-hooks', '--help'),
))
def test_usage_with_a_closed_stderr_is_exit_2(git_repo, argv):
    """A usage error with nowhere to say it is still exit 2 (it was 1, an
    uncaught error), and so is help with both streams closed."""
    r = spawn(*argv, cwd=git_repo, shell_prefix='exec 2>&- >&-; ')
    assert (r.rc, r.out, r.err) == (2, '', '')


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'pre-receive'), ('together-hooks', 'baseline', 'audit'),
))
def test_a_closed_stdin_is_one_line(git_repo, keys, argv):
    """What reads its stdin (the ref updates git gives pre-receive, the
    labels of an interactive audit) started with it closed (``<&-``): one
    line, exit 2, never ``internal error (AttributeError)`` nor the
    detect-secrets child's ``lost sys.stdin`` under ours."""
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', 'a.txt')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    r = spawn(*argv, cwd=git_repo, shell_prefix='exec 0<&-; ')
    assert_error_line(r, 'standard input is closed')
    assert r.out == ''


def test_verify_base_with_port_zero_is_refused(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    for base in ('http://127.0.0.1:0/', 'http://localhost:0', 'https://[::1]:0'):
        r = spawn('together-hooks', 'scan', '--verify', 'a.txt', cwd=git_repo,
                  env={'TOGETHER_HOOKS_API_BASE': base})
        assert_error_line(r, 'TOGETHER_HOOKS_API_BASE', 'port')


# ------------------------------------------------------------------ places

@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan'),
    ('together-hooks', 'scan', '--format', 'sarif'),
    ('together-hooks', 'scan', '--staged'),
    ('detect-together-keys',),
    ('check-env-gitignored',),
    ('together-hooks', 'doctor'),
), ids=' '.join)
def test_current_folder_deleted(tmp_path, argv):
    (tmp_path / 'gone').mkdir()
    r = spawn(*argv, cwd=tmp_path, shell_prefix='cd gone && rmdir ../gone && ')
    assert_error_line(r, 'current folder')


def test_control_character_in_commit_author(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', '.')
    env = dict(os.environ, GIT_AUTHOR_NAME='a\x02b', GIT_AUTHOR_EMAIL='x\x1b@y')
    subprocess.run(('git', 'commit', '-qm', 'm'), cwd=git_repo, env=env, check=True)
    for fmt in ('text', 'json'):
        r = run('together-hooks', 'scan', '--history', '--format', fmt, cwd=git_repo)
        assert r.rc == 1, r.err
        assert '\x02' not in r.out and '\x1b' not in r.out
    assert r.json()['findings'][0]['author'].startswith('a')


def test_a_thousand_nested_folders(tmp_path, keys):
    top = tmp_path / 'deep'
    top.mkdir()
    path = str(top)
    for _ in range(1100):
        path = os.path.join(path, 'd')
        os.mkdir(path)
    try:
        with open(os.path.join(path, 'a.txt'), 'w') as f:
            f.write(f'k = "{keys()}"\n')
        r = run('together-hooks', 'scan', '--format', 'json', str(top), cwd=tmp_path)
        assert r.rc == 1, r.err
        assert [f['path'] for f in r.json()['findings']] == ['d/' * 1100 + 'a.txt']
    finally:  # bottom up: pytest's own clean-up recurses, and would fail
        os.remove(os.path.join(path, 'a.txt'))
        while path != str(top):
            os.rmdir(path)
            path = os.path.dirname(path)


ALIASES = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + ''.join(
        f'{b}: &{b} [{",".join(["*" + a] * 9)}]\n'
        for a, b in zip('abcdefgh', 'bcdefghi')
    )
    + 'repos:\n- repo: local\n  hooks:\n  - id: detect-together-keys\n'
    '    name: x\n    entry: detect-together-keys\n    language: system\n'
    '    args: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n'
)


def test_doctor_with_nested_yaml_aliases_is_bounded(git_repo):
    (git_repo / '.pre-commit-config.yaml').write_text(ALIASES)
    limit = {resource.RLIMIT_AS: 1 << 30}
    # Bounded in CPU (the child's, which wall time under load is not): an
    # expanded alias bomb takes far more; the timeout is only a safety net.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = spawn('together-hooks', 'doctor', cwd=git_repo, limits=limit)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 30
    assert r.rc in (1, 2), r.err
    assert 'Traceback' not in r.err and 'MemoryError' not in r.out + r.err
    assert '.pre-commit-config.yaml' in r.out + r.err


def test_doctor_with_yaml_nested_too_deep_checks_nothing_from_it(git_repo):
    """20,000 nested mappings: PyYAML's composer recurses once per level.
    Every check that reads the config says it could not (it was
    ``RecursionError`` in two checks, and a pass of detect-secrets-plugins:
    "no detect-secrets hook" in a config it never read; now a warning, as
    hooks-installed fails on it)."""
    (git_repo / '.pre-commit-config.yaml').write_text(
        'repos: ' + '{x: ' * 20_000 + '1' + '}' * 20_000 + '\n',
    )
    r = spawn('together-hooks', 'doctor', '--format', 'json', cwd=git_repo, timeout=60)
    assert r.rc == 1, r.err
    checks = {c['id']: c for c in r.json()['checks']}
    assert 'RecursionError' not in r.out + r.err
    for cid, status in (('hooks-installed', 'fail'), ('detect-secrets-plugins', 'warn')):
        assert checks[cid]['status'] == status, checks[cid]
        assert 'nested too deep' in checks[cid]['detail'], checks[cid]
    assert 'could not check' not in checks['no-hardcoded-keys']['detail']


# The same bomb where the detect-secrets check reads it (a hook's
# additional_dependencies), for doctor and for baseline create.
DS_ALIASES = ALIASES.replace(
    "  - id: detect-together-keys\n",
    "  - id: detect-secrets\n    additional_dependencies: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n",
)


@pytest.mark.parametrize('argv', (('doctor',), ('baseline', 'create')))
def test_detect_secrets_hook_check_with_nested_yaml_aliases_is_bounded(git_repo, argv):
    (git_repo / '.pre-commit-config.yaml').write_text(DS_ALIASES)
    limit = {resource.RLIMIT_AS: 1 << 30}
    # Bounded in CPU, as above (wall time under load is not the child's).
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = spawn('together-hooks', *argv, cwd=git_repo, limits=limit, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 30
    assert 'Traceback' not in r.err and 'MemoryError' not in r.out + r.err
    assert 'internal error' not in r.err


def test_yaml_is_a_declared_dependency():
    from importlib.metadata import requires

    names = [r.split(';')[0].split('[')[0] for r in requires('together_hooks') or ()]
    assert any(n.lower().startswith('pyyaml') for n in names), names


def test_baseline_audit_report_with_an_audited_file_gone(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    (git_repo / 'b.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', '.')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    path = git_repo / '.secrets.baseline'
    doc = json.loads(path.read_text())
    doc['results']['a.txt'][0]['is_secret'] = True
    path.write_text(json.dumps(doc, indent=2) + '\n')
    git(git_repo, 'rm', '-qf', 'a.txt')
    assert run('together-hooks', 'baseline', 'update', cwd=git_repo).rc == 0
    assert 'a.txt' in json.loads(path.read_text())['results']  # audited: kept
    r = run('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert r.rc == 0, r.err
    assert 'b.txt' in {i['filename'] for i in r.json()['results']}


def test_fifo_gitignore_never_hangs(tmp_path, git_repo_template, keys):
    # Each run waits for git's stall check (gitrun._STALL_CHECK, 0.5 s a
    # git started) to see git blocked on the FIFO: the runs start
    # together, each in a copy of the same repository of its own.
    runs = []
    for n, argv in enumerate((
            ('together-hooks', 'scan'),
            ('together-hooks', 'scan', 'a.txt'),
            ('detect-together-keys', 'a.txt'),
            ('check-env-gitignored',),
            ('check-env-gitignored', '--fix'),
            ('forbid-env-files', 'a.txt'),
            ('together-hooks', 'doctor'),
            ('together-hooks', 'baseline', 'create'),
    )):
        repo = tmp_path / f'repo-{n}'
        shutil.copytree(git_repo_template, repo, symlinks=True)  # as git_repo is
        (repo / 'a.txt').write_text(f'k = "{keys()}"\n')
        os.mkfifo(repo / '.gitignore')
        runs.append((argv, repo, started(*argv, cwd=repo)))
    for argv, repo, proc in runs:
        r = finished(proc, timeout=300)
        assert 'Traceback' not in r.err, (argv, r.err)
        if r.rc == 2:
            assert_error_line(r, 'FIFO')
        assert (repo / '.gitignore').is_fifo()


def test_non_regular_files_are_skipped_and_reported(tmp_path, keys):
    """Found in a folder it walks, a FIFO, a socket or a device is skipped
    with a line (the run's exit is the scan's); named on the command line
    it is input the run cannot check: an error line each and exit 2 (it
    passed with exit 0), the other files still scanned and reported."""
    top = tmp_path / 'plain'
    top.mkdir()
    (top / 'a.txt').write_text(f'k = "{keys()}"\n')
    os.mkfifo(top / 'pipe.env')
    # A socket cannot be opened at all (ENXIO): said as a FIFO is.
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(top / 'sock.env'))
    # A link to one outside a work tree (`scan <(cmd)` names /dev/fd/63, a
    # link to pipe:[N]) was scanned as the link's text: a key in the pipe
    # passed with exit 0.
    os.symlink(top / 'pipe.env', top / 'link.env')
    named = (str(top / 'pipe.env'), str(top / 'sock.env'), str(top / 'link.env'))
    for argv, rc in ((('together-hooks', 'scan', str(top)), 1),
                     (('together-hooks', 'scan', *named, str(top / 'a.txt')), 2),
                     (('detect-together-keys', *named, str(top / 'a.txt')), 2)):
        r = spawn(*argv, cwd=tmp_path, timeout=300)
        assert r.rc == rc, (argv, r.err)
        assert FINDING in r.out
        for name in ('pipe.env', 'sock.env'):
            assert f'{name}: not a regular file' in r.err, (argv, r.err)
            assert (f'error: {top / name}' in r.err or f'error: {name}' in r.err) == (rc == 2), (argv, r.err)
        assert ('link.env: not a regular file' in r.err) == (rc == 2), (argv, r.err)
    sock.close()
    for argv in (('together-hooks', 'scan', '/dev/null'), ('detect-together-keys', named[0])):
        r = spawn(*argv, cwd=tmp_path, timeout=300)
        assert_error_line(r, 'not a regular file')


def test_unreadable_file_does_not_stop_the_scan(tmp_path, keys):
    shared = tmp_path / 'shared'
    shared.mkdir()
    os.chmod(tmp_path, 0o755)
    shared.chmod(0o777)
    (shared / 'a.txt').write_text(f'k = "{keys()}"\n')
    (shared / 'z.txt').write_text(f'k = "{keys()}"\n')
    secret = shared / 'm.txt'
    secret.write_text('private\n')
    secret.chmod(0)
    user: tuple[str, ...] = ()
    if os.geteuid() == 0:
        user = ('setpriv', '--reuid=65534', '--regid=65534', '--clear-groups')
    for argv in (('together-hooks', 'scan', '.'), ('detect-together-keys', 'a.txt', 'm.txt', 'z.txt')):
        proc = subprocess.run(
            (*user, os.path.join(BIN, argv[0]), *argv[1:]), cwd=shared,
            capture_output=True, text=True, timeout=60,
        )
        r_err = proc.stderr
        CAPTURED.extend((proc.stdout, proc.stderr))
        if proc.returncode == 0 and 'Permission' not in r_err:
            pytest.skip('cannot run as an unprivileged user here')
        assert proc.returncode == 2, r_err
        assert 'a.txt:1' + FINDING in proc.stdout and 'z.txt:1' + FINDING in proc.stdout
        assert len(r_err.splitlines()) == 1 and 'm.txt' in r_err


# ------------------------------------------------------------------ signals

def _big_baseline(repo, entries: int = 10000) -> None:
    """A baseline of audited entries for files long gone: kept by every
    update, and big enough that writing it takes a while."""
    results = {
        f'old/{i}.py': [{
            'type': 'Secret Keyword', 'filename': f'old/{i}.py',
            'hashed_secret': f'{i:040x}', 'is_verified': False,
            'line_number': 1, 'is_secret': False,
        }] for i in range(entries)
    }
    (repo / '.secrets.baseline').write_text(json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': results, 'generated_at': '2026-01-01T00:00:00Z',
    }, indent=2))


@pytest.mark.parametrize('sig', (signal.SIGTERM, signal.SIGINT), ids=('TERM', 'INT'))
def test_signal_during_baseline_write_leaves_no_temp_file(git_repo, keys, sig):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    left, hit = [], 0
    # Until two writes were signalled (at most six tries).  The temp file
    # lives for the write alone (open, write, fsync, rename), after the
    # update's work, which grows with the entries (each printed and
    # scrubbed): 300 entries cost ~0.3 CPU-s a try (3,000: ~5 CPU-s), and
    # the poll saw the temp file in 18 of 20 tries on a loaded machine
    # (the fsync holds it), so six tries without one are a one in a
    # million.
    for _attempt in range(6):
        if hit == 2:
            break
        _big_baseline(git_repo, 300)  # without a.txt's key: the update writes
        with open(git_repo.parent / 'err.txt', 'w+b') as err_file:
            proc = subprocess.Popen(  # no pipe: a full one would stall the update
                (os.path.join(BIN, 'together-hooks'), 'baseline', 'update'), cwd=git_repo,
                stdout=subprocess.DEVNULL, stderr=err_file,
                preexec_fn=_interruptible,  # SIGINT as a terminal gives it (``started``)
            )
            # Safety nets, not speed checks: a loaded machine took minutes.
            deadline = time.monotonic() + 600
            while proc.poll() is None and time.monotonic() < deadline:
                if any(n.startswith(TEMP_PREFIX) for n in os.listdir(git_repo)):
                    proc.send_signal(sig)
                    hit += 1
                    break
                # A look a millisecond: the temp file lives for the whole
                # write of the baseline, while a loop with no pause took a
                # core from the update it waits for.
                time.sleep(0.001)
            proc.wait(timeout=600)
            err_file.seek(0)
            err = err_file.read()
        assert b'Traceback' not in err
        now = [n for n in os.listdir(git_repo) if n.startswith(TEMP_PREFIX)]
        for name in now:
            os.remove(git_repo / name)
        left += now
        json.loads((git_repo / '.secrets.baseline').read_text())  # whole, old or new
    assert hit and left == []


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir(procfs.PROC):
        if name.isdigit():
            ppid = procfs.parent(name)
            if ppid is not None:
                children.setdefault(ppid, []).append(int(name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    read = procfs.stat(pid)
    return read is not None and read[1][:1] != [b'Z']


def _cmdline(pid: int) -> str:
    return ' '.join(procfs.argv(pid) or ())


def _slow_history(git_repo) -> None:
    """A commit slow to scan and quick to store: four blobs, each 2.4 MB
    of a Together client call repeated (9.4 MB in all, over history's 8 MB
    fork threshold), so each half of history's blobs keeps its process
    busy for seconds (four times that with 9 MB blobs: a killed half's
    sibling ran on for all of it)."""
    from together_hooks.sources.history import FORK_MIN_BYTES

    for i in range(4):
        (git_repo / f'f{i}.py').write_bytes(b'Together(' * (1 << 18) + b'%d\n' % i)
    assert 4 * 9 << 18 > FORK_MIN_BYTES
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'm')


@pytest.mark.skipif(not sys.platform.startswith('linux'), reason='reads /proc')
def test_sigterm_to_history_parent_leaves_no_child(git_repo):
    _slow_history(git_repo)
    # Not a pipe: reading one would wait for every process holding it.
    err_file = open(git_repo.parent / 'err.txt', 'w+b')
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan', '--history'), cwd=git_repo,
        stdout=subprocess.DEVNULL, stderr=err_file,
    )
    deadline = time.monotonic() + 60
    seen: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        seen = _descendants(proc.pid)
        if sum('cat-file' in _cmdline(p) for p in seen) >= 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, 'the scan ended before both halves started'
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    err_file.close()
    assert b'Traceback' not in (git_repo.parent / 'err.txt').read_bytes()
    deadline = time.monotonic() + 3  # scanning the rest would take longer
    while time.monotonic() < deadline and any(_alive(p) for p in seen):
        time.sleep(0.05)
    left = [p for p in seen if _alive(p)]
    for pid in left:  # the test's own clean-up
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.skipif(not sys.platform.startswith('linux'), reason='reads /proc')
def test_a_history_worker_killed_fails_closed_in_one_line(git_repo):
    """The forked process that scans half of history's blobs, killed
    (SIGKILL: no ``finally``, no result sent): the run ends with exit 2
    and one line, never with the other half's findings alone."""
    _slow_history(git_repo)
    err_file = open(git_repo.parent / 'err.txt', 'w+b')
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan', '--history'), cwd=git_repo,
        stdout=subprocess.PIPE, stderr=err_file,
    )
    worker = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and worker is None:
        seen = _descendants(proc.pid)
        if sum('cat-file' in _cmdline(p) for p in seen) >= 2:  # both halves read
            worker = next((
                p for p in seen if 'together-hooks' in _cmdline(p) and 'scan' in _cmdline(p)
            ), None)
        time.sleep(0.02)
    assert worker is not None and proc.poll() is None, 'the scan ended before both halves started'
    os.kill(worker, signal.SIGKILL)
    out, _none = proc.communicate(timeout=120)
    err_file.seek(0)
    err = err_file.read().decode('utf-8', 'replace')
    err_file.close()
    assert proc.returncode == 2, (proc.returncode, err)
    assert 'Traceback' not in err and len(err.strip().splitlines()) == 1, err
    assert 'scan worker failed' in err, err
    assert out == b''


def test_a_folder_gone_under_git_is_not_git_missing(tmp_path):
    """A folder deleted between finding it and asking git about it (a race
    with the user's shell or a build) is named, never "git is not installed"."""
    from together_hooks import gitrun
    from together_hooks.errors import InputError

    gone = str(tmp_path / 'gone')
    for call in (lambda: gitrun.git(gone, 'status'), lambda: gitrun.git_output(gone, 'status')):
        with pytest.raises(InputError) as e:
            call()
        assert 'not installed' not in str(e.value) and 'gone' in str(e.value)


def test_git_given_input_that_answers_slowly(git_repo):
    """git still working after the first FIFO check (a loaded machine, a
    long batch): the wait goes on without handing git its input again (a
    pre-receive failed with an internal error this way)."""
    from together_hooks import gitrun

    env = dict(os.environ, GIT_TERMINAL_PROMPT='0')
    out = gitrun.git(
        str(git_repo), '-c', 'credential.helper=!sleep 1.2; echo username=someone; :',
        'credential', 'fill', input=b'protocol=https\nhost=example.invalid\n\n',
        ok=(0, 128), env=env,
    )
    assert b'host=example.invalid' in out or out == b''


def test_a_corrupt_ref_names_git_command_and_reason(git_repo, keys):
    """A ref pointing at no object: one line with git's reason, naming the
    git command that failed (never one of its ``-c`` options)."""
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'c', '--no-verify')
    (git_repo / '.git/refs/heads/broken').write_text('01' * 20 + '\n')
    r = spawn('together-hooks', 'scan', '--history', cwd=git_repo)
    assert_error_line(r, 'bad object refs/heads/broken')
    assert 'git -c' not in r.err and 'failed' in r.err, r.err


def test_git_errors_name_the_command_not_its_options(git_repo):
    from together_hooks import gitrun
    from together_hooks.errors import InputError

    with pytest.raises(InputError) as e:
        gitrun.git(str(git_repo), '-c', 'core.quotepath=off', 'rev-parse', '--verify', 'nosuch')
    assert str(e.value).startswith('git rev-parse failed: '), e.value


@pytest.mark.parametrize(('name', 'args'), [
    ('.together-hooks.toml', ()),
    ('pyproject.toml', ()),
    ('.secrets.baseline', ('--baseline', '.secrets.baseline')),
])
def test_a_huge_config_or_baseline_is_refused_unread(git_repo, name, args):
    """A config or baseline of gigabytes (here a sparse file) is not read
    whole to find out: one line, exit 2, under an address-space limit a
    whole read would pass."""
    with open(git_repo / name, 'wb') as f:
        f.truncate(3 << 30)

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan', *args), cwd=git_repo,
        capture_output=True, timeout=120, preexec_fn=bounded,
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    assert result.rc == 2, result.err
    assert_error_line(result, 'larger than')


def test_ctrl_c_while_a_console_script_imports_is_one_line(tmp_path):
    """SIGINT before a command's guard runs (importing the command, which
    takes a second on a loaded machine): one line, never a traceback, as
    the guard says it once running."""
    script = tmp_path / 'together-hooks'  # as the console script is named
    script.write_text(
        'import os, signal, together_hooks\n'
        # A shell starts background jobs (CI's, too) with SIGINT ignored, and
        # Python then installs no handler: give it the one a terminal's has.
        'signal.signal(signal.SIGINT, signal.default_int_handler)\n'
        'os.kill(os.getpid(), signal.SIGINT)\n'  # raised in the next import
        'from together_hooks.cli import main\n'
        'main()\n',
    )
    proc = subprocess.run(
        (sys.executable, str(script)), cwd=tmp_path, capture_output=True, text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert proc.stderr == 'together-hooks: interrupted\n', proc.stderr


@pytest.mark.parametrize('module', ['together_hooks', 'together_hooks.hooks.detect_together_keys'])
def test_ctrl_c_while_python_m_imports_is_one_line(tmp_path, module):
    """``python -m together_hooks`` (and a hook's module) gets the same one
    line: while runpy imports the package, ``sys.argv[0]`` is ``-m``, not
    a console script's name (a traceback and exit 130 before)."""
    site = tmp_path / 'site'
    site.mkdir()
    # Interrupted as the command's imports begin, as a loaded machine's Ctrl-C is.
    (site / 'sitecustomize.py').write_text(
        'import signal, sys\n'
        'signal.signal(signal.SIGINT, signal.default_int_handler)\n'
        'class _Ctrl_C:\n'
        '    def find_spec(self, name, path=None, target=None):\n'
        '        if name == "together_hooks.runtime":\n'
        '            sys.meta_path.remove(self)\n'
        '            raise KeyboardInterrupt\n'
        'sys.meta_path.insert(0, _Ctrl_C())\n',
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(site), os.environ.get('PYTHONPATH', '')]).rstrip(os.pathsep))
    proc = subprocess.run(
        (sys.executable, '-m', module, 'scan', 'x') if module == 'together_hooks'
        else (sys.executable, '-m', module, 'x'),
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env,
    )
    assert 'Traceback' not in proc.stderr, proc.stderr
    assert proc.stderr.endswith(': interrupted\n'), proc.stderr


def test_importing_together_hooks_leaves_a_programs_excepthook_alone(tmp_path):
    """Only our console scripts get the one-line excepthook: any other
    program importing the package (a test runner, a notebook) keeps its
    own, and its KeyboardInterrupt and MemoryError as it shows them."""
    code = (
        'import sys\n'
        'before = sys.excepthook\n'
        'import together_hooks, together_hooks.cli\n'
        'print(sys.excepthook is before)\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, 'True\n'), proc.stderr


def test_the_console_scripts_are_the_ones_setup_cfg_installs():
    """``together_hooks.SCRIPTS`` (which programs get the excepthook) is
    setup.cfg's ``console_scripts``."""
    import configparser

    import together_hooks

    setup = configparser.ConfigParser()
    setup.read(os.path.join(os.path.dirname(together_hooks.__file__), '..', 'setup.cfg'))
    installed = {line.split('=')[0].strip()
                 for line in setup['options.entry_points']['console_scripts'].splitlines()
                 if line.strip()}
    assert installed == together_hooks.SCRIPTS


def test_ctrl_c_while_importing_names_the_console_script(tmp_path):
    """The hook a user ran, as its guard names it (it said together-hooks
    for every console script)."""
    script = tmp_path / 'detect-together-keys'
    script.write_text(
        'import os, signal, together_hooks\n'
        'signal.signal(signal.SIGINT, signal.default_int_handler)\n'
        'os.kill(os.getpid(), signal.SIGINT)\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'main()\n',
    )
    proc = subprocess.run(
        (sys.executable, str(script)), cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode != 0
    assert proc.stderr == 'detect-together-keys: interrupted\n', proc.stderr


# ------------------------------------------------------------------ a git that is not git

def _fake_git(tmp_path, output: bytes):
    """A ``git`` first on PATH that answers every command with ``output``
    and exit 0 (a wrapper printing a banner, a broken shim)."""
    folder = tmp_path / 'fakebin'
    folder.mkdir(exist_ok=True)
    (folder / 'out').write_bytes(output)
    script = folder / 'git'
    script.write_text(f'#!/bin/sh\ncat {str(folder / "out")!r}\n')
    script.chmod(0o755)
    return {'PATH': f'{folder}{os.pathsep}{os.environ["PATH"]}'}


@pytest.mark.parametrize('output', (
    b'garbage output here\n',  # no NUL: not a -z listing
    b'garbage\0output\0',  # NUL-separated, but no diff --raw record
    b':100644 100644 zz 00 M\0a.txt\0',  # a record of no object
), ids=('text', 'fields', 'record'))
def test_staged_with_git_output_we_cannot_read_fails_closed(git_repo, keys, tmp_path, output):
    # It was "0 files, no Together keys", exit 0: a commit let through.
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', 'a.txt')
    r = spawn('together-hooks', 'scan', '--staged', cwd=git_repo, env=_fake_git(tmp_path, output))
    assert_error_line(r, "not git's", 'git on PATH')


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan'),  # was "1 file, no Together keys", exit 0
    ('check-env-gitignored',),  # was "would not be ignored" for every name
))
def test_a_listing_that_is_not_git_output_fails_closed(git_repo, keys, tmp_path, argv):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', 'a.txt')
    r = spawn(*argv, cwd=git_repo, env=_fake_git(tmp_path, b'garbage output here\n'))
    assert_error_line(r, "not git's", 'git on PATH')


# ------------------------------------------------------------------ files that change while read

def test_a_file_that_never_stops_growing_is_read_as_it_was_opened(git_repo, keys):
    """A file another process keeps extending (a log written to) was read
    in windows to its end, and the scan ended only when the writer did.
    It is read as it was when opened."""
    big = git_repo / 'big.log'
    with open(big, 'wb') as f:
        f.write(f'k = "{keys()}"\n'.encode())
        f.truncate(6 << 20)  # larger than a window
    env = dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    scan = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan', 'big.log'), cwd=git_repo, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and scan.poll() is None and not _holds(scan.pid, big):
        time.sleep(0.001)
    grower = subprocess.Popen((sys.executable, '-c', (
        'import os, sys, time\n'
        'fd = os.open(sys.argv[1], os.O_WRONLY)\n'
        'size = os.fstat(fd).st_size\n'
        'end = time.monotonic() + 120\n'
        'while time.monotonic() < end:\n'  # sparse: no disk is used
        '    size += 16 << 20\n'
        '    os.ftruncate(fd, size)\n'
        '    time.sleep(0.01)\n'
    ), str(big)))
    try:
        out, err = scan.communicate(timeout=150)
        still_growing = grower.poll() is None
    finally:
        scan.kill()
        grower.kill()
        grower.wait()
        big.unlink()
    CAPTURED.extend((out.decode(), err.decode()))
    assert still_growing, 'the scan read on until the writer stopped'
    assert scan.returncode == 1, err
    assert 'big.log:1' + FINDING in out.decode()


def _holds(pid: int, path) -> bool:
    """Whether process ``pid`` has ``path`` open (Linux)."""
    try:
        fds = os.listdir(f'/proc/{pid}/fd')
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f'/proc/{pid}/fd/{fd}') == str(path):
                return True
        except OSError:
            pass
    return False


# ------------------------------------------------------------------ per-process limits

# Python's own start-up under a limit too low for it (before any code of
# ours runs) is out of our reach; such a run says so in Python's words
# (its parser, out of memory compiling a module, says SyntaxError).
_PYTHON_DIED = ('Fatal Python error', 'lost sys.stderr', 'error while loading shared libraries',
                'SyntaxError')


def _under_limits(git_repo, keys, argv, which, values, words):
    """``argv`` run under each limit in ``values``: it finds the key
    (exit 1), or says in one line which limit stopped it (exit 2, every
    one of ``words``), never ``internal error``; at least one run must be
    stopped by the limit inside our code."""
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', 'a.txt')
    git(git_repo, 'commit', '-qm', 'a key')
    stopped = []
    for value in values:
        r = spawn(*argv, cwd=git_repo, limits={which: value})
        if any(w in r.err for w in _PYTHON_DIED) or r.err.strip() == 'MemoryError':
            continue
        if r.rc == 1:
            assert 'a.txt:1' + FINDING in r.out, (value, r.err)
            continue
        try:
            assert_error_line(r, *words)
        except AssertionError as e:  # which step, and what it said
            raise AssertionError(f'at {value >> 20} MB: exit {r.rc}, stderr {r.err!r}, stdout {r.out[-300:]!r}') from e
        stopped.append(value)
    assert stopped, 'no limit stopped the run inside our code'


def test_a_memory_limit_too_low_is_one_line(git_repo, keys):
    # Each was "internal error (MemoryError)" or "internal error
    # (RuntimeError): can't start new thread".
    _under_limits(git_repo, keys, ('together-hooks', 'scan', '--history'), resource.RLIMIT_AS,
                  [mb << 20 for mb in range(14, 48, 2)], ('ulimit -v',))


# A command's guard with the process at its memory limit when it reports:
# every byte the limit leaves is held (by a global, as a run's other
# threads and tables hold theirs: a traceback is not made when no memory
# is left) while the guard says why it stopped.
_AT_THE_LIMIT = (
    'import sys\n'
    "sys.argv[0] = 'together-hooks'  # as the console script names itself\n"
    'import resource\n'
    'from together_hooks import runtime\n'
    'runtime.configure_process()\n'
    'held = []\n'
    'def fill():\n'
    "    with open('/proc/self/status') as f:\n"
    "        vm = next(int(l.split()[1]) for l in f if l.startswith('VmSize:')) << 10\n"
    '    resource.setrlimit(resource.RLIMIT_AS, (vm + (32 << 20), resource.RLIM_INFINITY))\n'
    '    size = 1 << 20\n'
    '    while size >= 16:\n'
    '        try:\n'
    '            held.append(bytearray(size))\n'
    '        except MemoryError:\n'
    '            size //= 2\n'
    '    raise STOP\n'
    "raise SystemExit(runtime.guard('together-hooks', fill))\n"
)


def test_out_of_memory_while_saying_so_is_still_one_line(tmp_path):
    """The guard's error line goes through the output's scrub, whose first
    use imports and compiles what it needs: at the limit that raised
    MemoryError, and the line was dropped (exit 2, nothing on stderr: the
    memory-limit test below, once under load)."""
    proc = subprocess.run((sys.executable, '-c', _AT_THE_LIMIT.replace('STOP', 'MemoryError')),
                          cwd=tmp_path, capture_output=True, timeout=120)
    err = proc.stderr.decode('utf-8', 'replace')
    CAPTURED.append(err)
    assert proc.returncode == 2, err
    assert err.count('\n') == 1 and err.startswith('together-hooks: error: out of memory'), err
    assert 'ulimit -v' in err


def test_memory_the_os_refuses_names_the_limit(tmp_path):
    """The OS's own "Cannot allocate memory" (an OSError, not Python's
    MemoryError: starting git under ``ulimit -v``, a mapping) says which
    limit to raise.  It was "Cannot allocate memory '/usr/bin/git'": the
    memory-limit test below failed on it at one step, now and then."""
    script = _AT_THE_LIMIT.split('held = []')[0] + (
        'import mmap\n'
        'def fill():\n'
        "    with open('/proc/self/status') as f:\n"
        "        vm = next(int(l.split()[1]) for l in f if l.startswith('VmSize:')) << 10\n"
        '    resource.setrlimit(resource.RLIMIT_AS, (vm + (32 << 20), resource.RLIM_INFINITY))\n'
        '    mmap.mmap(-1, 1 << 30)\n'
        "raise SystemExit(runtime.guard('together-hooks', fill))\n"
    )
    proc = subprocess.run((sys.executable, '-c', script), cwd=tmp_path, capture_output=True, timeout=120)
    err = proc.stderr.decode('utf-8', 'replace')
    CAPTURED.append(err)
    assert proc.returncode == 2, err
    assert err.count('\n') == 1 and err.startswith('together-hooks: error: Cannot allocate memory'), err
    assert 'ulimit -v' in err


# The guard run as a console script runs it, with what ``fill`` does.
_GUARDED = (
    'import sys\n'
    "sys.argv[0] = 'together-hooks'\n"
    'from together_hooks import runtime\n'
    'from together_hooks.errors import InputError\n'
    'runtime.configure_process()\n'
    'FILL\n'
    "raise SystemExit(runtime.guard('together-hooks', fill))\n"
)


def test_a_reason_that_cannot_be_written_still_gives_a_line(tmp_path):
    """The scrub a reason goes through failing with something other than
    MemoryError (at a memory limit: a thread, a git, a module it needs
    refused): the line was dropped, exit 2 with stderr empty (the
    memory-limit test below, at one step of a fresh-clone CI)."""
    fill = (
        'class Refusing:\n'
        '    def write(self, text): raise RuntimeError("can\'t start new thread")\n'
        '    def flush(self): pass\n'
        'def fill():\n'
        '    sys.stderr = Refusing()\n'
        "    raise InputError('a reason')\n"
    )
    proc = subprocess.run((sys.executable, '-c', _GUARDED.replace('FILL', fill)),
                          cwd=tmp_path, capture_output=True, timeout=120)
    err = proc.stderr.decode('utf-8', 'replace')
    CAPTURED.append(err)
    assert proc.returncode == 2, err
    assert err.count('\n') == 1 and err.startswith('together-hooks: error: stopped'), err
    assert 'ulimit -v' in err


def test_a_git_that_stopped_reading_is_a_line_a_closed_reader_is_not(tmp_path):
    """A broken pipe to a git the run feeds (git died at a memory limit)
    was taken for ``| head`` closing our output: exit 2, stderr empty.
    Our own output's reader gone is exit 2 and its own line (faults36:
    it was silent), which names no memory limit."""
    fill = 'def fill():\n    raise BrokenPipeError(32, "Broken pipe")\n'
    script = _GUARDED.replace('FILL', fill)
    proc = subprocess.run((sys.executable, '-c', script), cwd=tmp_path, capture_output=True, timeout=120)
    err = proc.stderr.decode('utf-8', 'replace')
    CAPTURED.append(err)
    assert proc.returncode == 2, err
    assert err.count('\n') == 1 and 'broken pipe' in err and 'ulimit -v' in err, err
    # ``| head`` that has read all it wanted: nobody reads our output.
    fill = ('import os, time\n'
            'def fill():\n'
            '    while True:\n'
            "        os.write(1, b'x' * 4096)\n")
    proc = subprocess.Popen((sys.executable, '-c', _GUARDED.replace('FILL', fill)), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode('utf-8', 'replace')
    assert proc.wait(timeout=120) == 2, err
    assert err.count('\n') == 1 and 'report is incomplete' in err and 'ulimit' not in err, err


@pytest.mark.parametrize(('stop', 'code', 'line'), (
    ('KeyboardInterrupt', 130, 'together-hooks: interrupted\n'),
    ('runtime.Terminated', 143, 'together-hooks: terminated\n'),
))
def test_stopped_at_the_memory_limit_says_it_was_stopped(tmp_path, stop, code, line):
    """Ctrl-C or SIGTERM with no memory left to scrub the line: the guard's
    own words (nothing a run read is in them) are written as they are, not
    the out-of-memory line, which named a cause the run did not stop for."""
    proc = subprocess.run((sys.executable, '-c', _AT_THE_LIMIT.replace('STOP', stop)),
                          cwd=tmp_path, capture_output=True, timeout=300)
    err = proc.stderr.decode('utf-8', 'replace')
    CAPTURED.append(err)
    assert (proc.returncode, err) == (code, line)


def test_an_open_file_limit_too_low_says_so(git_repo, keys):
    # It was "Too many open files": which limit, and what to do, unsaid.
    _under_limits(git_repo, keys, ('together-hooks', 'scan'), resource.RLIMIT_NOFILE,
                  range(3, 12), ('Too many open files', 'ulimit -n'))


# ------------------------------------------------------------------ a broken repository

@pytest.mark.parametrize('argv', (
    ('check-env-gitignored',), ('together-hooks', 'doctor'),
    ('together-hooks', 'scan', '--staged'), ('together-hooks', 'scan', '--history'),
))
def test_a_git_file_pointing_nowhere_is_named_not_no_repository(tmp_path, argv):
    """A ``.git`` file whose ``gitdir:`` is gone (a moved worktree or
    submodule): git's reason and the path, not "needs a git repository
    (run it inside one)" said to someone inside one."""
    top = tmp_path / 'wt'
    top.mkdir()
    (top / '.git').write_text(f'gitdir: {tmp_path / "gone" / "worktrees" / "wt"}\n')
    (top / 'a.txt').write_text('hello\n')
    r = spawn(*argv, cwd=top)
    assert_error_line(r, 'git refuses the repository here', 'not a git repository', 'gone')


def test_a_git_file_pointing_nowhere_is_named_in_any_language(tmp_path):
    """git in German writes ``Schwerwiegend:``, not ``fatal:``: the probe
    runs git with its messages in English, so the reason is still named."""
    top = tmp_path / 'wt'
    top.mkdir()
    (top / '.git').write_text(f'gitdir: {tmp_path / "gone" / "worktrees" / "wt"}\n')
    german = {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8'}  # spawn adds LC_ALL=C.UTF-8
    said = subprocess.run(('git', 'rev-parse', '--git-dir'), cwd=top, capture_output=True,
                          text=True, env=dict(os.environ, LC_ALL='C.UTF-8', **german))
    if 'fatal:' in said.stderr:
        pytest.skip('git has no German messages here')
    r = spawn('together-hooks', 'scan', '--staged', cwd=top, env=german)
    assert_error_line(r, 'git refuses the repository here', 'not a git repository', 'gone')


# ------------------------------------------------------------------ a named pipe written to

# Each of these waits out the TOGETHER_HOOKS_PIPE_WAIT it is given for a
# reader (fileio.pipe_reader_wait; the default 5 s is what
# test_a_named_pipe_with_a_reader_gets_the_report runs with): the runs
# start together, each in a repository of its own; the late reader
# attaches after 1 s of a 60 s wait.
NO_READER = (
    (('together-hooks', 'baseline', 'create', '--force'), '.secrets.baseline', '0.5',
     ('a named pipe no process reads (waited 0.5 s)', 'cannot write')),
    (('together-hooks', 'scan', '--format', 'json', '--output', 'report.pipe'), 'report.pipe',
     '0.25', ('a named pipe no process reads (waited 0.25 s)', 'cannot write')),
    (('together-hooks', 'scan', '--format', 'json', '--output', 'report.pipe'), 'report.pipe',
     'soon', ('TOGETHER_HOOKS_PIPE_WAIT must be a number of seconds',)),
    (('together-hooks', 'baseline', 'create', '--force'), '.secrets.baseline', '-1',
     ('TOGETHER_HOOKS_PIPE_WAIT must be a number of seconds',)),
)


def test_a_named_pipe_no_process_reads_is_one_line_not_a_hang_one_read_late_gets_the_report(
        tmp_path, git_repo_template, keys):
    """A FIFO where a report or baseline goes is written to (``>(...)``, a
    log shipper): with no process reading it, open() blocked for good.

    ``mkfifo p; (sleep 2; cat p) & together-hooks scan a.txt --output p``:
    the reader is waited for a few seconds, not refused at once; as long
    as ``TOGETHER_HOOKS_PIPE_WAIT`` says, and a value that is no number of
    seconds in range is one line and exit 2, never a wait of another
    length."""
    runs = []
    for n, (argv, name, wait, said) in enumerate(NO_READER):
        repo = tmp_path / f'no-reader-{n}'
        shutil.copytree(git_repo_template, repo, symlinks=True)  # as git_repo is
        (repo / 'a.txt').write_text(f'k = "{keys()}"\n')
        git(repo, 'add', 'a.txt')
        os.mkfifo(repo / name)
        runs.append((repo, name, said, started(
            *argv, cwd=repo, env={'TOGETHER_HOOKS_PIPE_WAIT': wait})))
    late = tmp_path / 'late'
    shutil.copytree(git_repo_template, late, symlinks=True)
    (late / 'a.txt').write_text(f'k = "{keys()}"\n')
    fifo = late / 'report.pipe'
    os.mkfifo(fifo)
    reader = subprocess.Popen(('sh', '-c', 'sleep 1; exec cat "$0"', str(fifo)),
                              stdout=subprocess.PIPE)
    try:
        r = finished(started('together-hooks', 'scan', 'a.txt', '--format', 'json',
                             '--output', 'report.pipe', cwd=late,
                             env={'TOGETHER_HOOKS_PIPE_WAIT': '60'}))
        got, _ = reader.communicate(timeout=60)
    finally:
        reader.kill()
    CAPTURED.append(got.decode())
    assert r.rc == 1, r.err
    assert [f['path'] for f in json.loads(got)['findings']] == ['a.txt']
    for repo, name, said, proc in runs:
        r = finished(proc, timeout=60)
        assert_error_line(r, *said)
        assert os.path.exists(repo / name)


def _opening(pid: int) -> None:
    """Until ``pid`` waits in its open() of a FIFO for a writer (the reader
    counts from then on: a writer's open finds it), at most 0.5 s, the
    sleep this replaced, where the kernel does not say (``wchan``)."""
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        try:
            with open(f'/proc/{pid}/wchan') as f:
                if f.read() == 'wait_for_partner':  # fs/pipe.c's fifo_open
                    return
        except OSError:
            pass
        time.sleep(0.001)


def test_a_named_pipe_with_a_reader_gets_the_report(git_repo, keys):
    (git_repo / 'a.txt').write_text(f'k = "{keys()}"\n')
    git(git_repo, 'add', 'a.txt')
    fifo = git_repo / 'report.pipe'
    os.mkfifo(fifo)
    reader = subprocess.Popen(('cat', str(fifo)), stdout=subprocess.PIPE)
    try:
        _opening(reader.pid)  # cat has the pipe open for reading
        r = spawn('together-hooks', 'scan', '--format', 'json', '--output', 'report.pipe',
                  cwd=git_repo)
        got, _ = reader.communicate(timeout=60)
    finally:
        reader.kill()
    CAPTURED.append(got.decode())
    assert r.rc == 1, r.err
    assert [f['path'] for f in json.loads(got)['findings']] == ['a.txt']


