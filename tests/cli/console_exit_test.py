"""``together-hooks``' console script (``cli.console``) ends its process
without Python's teardown once its command has returned
(``errors.exit_now``), as ``detect-together-keys``' does: what every
command writes must be whole by then.  One test per kind of write, each
run as the console script runs it (``console()`` over the process's own
command line): the report on a pipe (larger than the pipe holds, the
forked tree's path), ``--output`` and ``--sarif-out`` files, the
``--audit-log`` line, the per-user regex cache (written by an exit
function), a baseline file, scan-org's store (its database and lock), and
no temporary file left in ``TMPDIR``; a failed run's one line; ``main``
called in process still returns."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from tests.cli_run import CAPTURED
from tests.conftest import write

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Run as the console script runs it, with an object of the process's own
# that says when it is freed (in a module of its own: freed by Python's
# teardown, never by ``os._exit``) and an exit function that says it ran.
_CONSOLE = (
    'import sys, os, atexit\n'
    f'sys.path.insert(0, {SOURCE!r})\n'
    'from together_hooks.cli import console, main\n'
    'class Freed:\n'
    '    def __del__(self):\n'
    '        os.write(2, b"torn down\\n")\n'
    'sys.modules["kept"] = type(sys)("kept")\n'
    'sys.modules["kept"].object = Freed()\n'
    'atexit.register(lambda: os.write(2, b"exit functions ran\\n"))\n'
    'sys.argv[1:] = sys.argv[2:]\n'
    'raise SystemExit(console())\n'
)


def _console(*args: str, cwd, tmp_path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``together-hooks ARGS`` through ``console()``, with its own cache
    folder and ``TMPDIR`` (both under ``tmp_path``); the run must end
    without teardown, its exit functions run."""
    temp = tmp_path / 'tmpdir'
    temp.mkdir(exist_ok=True)
    env = dict(os.environ if env is None else env, TMPDIR=str(temp))
    env.setdefault('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    proc = subprocess.run(
        (sys.executable, '-c', _CONSOLE, 'together-hooks', *args),
        cwd=cwd, capture_output=True, text=True, env=env, timeout=300,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert 'torn down' not in proc.stderr, proc.stderr
    assert proc.stderr.endswith('exit functions ran\n'), proc.stderr[-2000:]
    assert os.listdir(temp) == [], os.listdir(temp)  # no temporary file left behind
    return proc


def _tree(root, keys, files: int = 300) -> None:
    """``files`` files (enough for the forked scan), each holding a key."""
    for n in range(files):
        write(root, f'pkg{n % 7}/mod_{n}.py', f'TOKEN = "{keys()}"  # long enough a line {"x" * 120}\n')


def test_a_report_larger_than_a_pipe_reaches_its_reader_whole(tmp_path, keys):
    tree = tmp_path / 'tree'
    _tree(tree, keys)
    proc = _console('scan', str(tree), '--format', 'json', cwd=tmp_path, tmp_path=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout) > 1 << 16  # more than a pipe holds: written as it was read
    report = json.loads(proc.stdout)
    assert len(report['findings']) == 300
    assert proc.stderr == 'exit functions ran\n'


def test_report_files_and_the_audit_log_are_whole_on_disk(tmp_path, keys):
    tree = tmp_path / 'tree'
    _tree(tree, keys, files=20)
    out, sarif, log = tmp_path / 'report.json', tmp_path / 'keys.sarif', tmp_path / 'audit.jsonl'
    proc = _console('scan', str(tree), '--format', 'json', '--output', str(out), '--sarif-out', str(sarif),
                    '--audit-log', str(log), cwd=tmp_path, tmp_path=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(out.read_text())['findings']) == 20
    assert len(json.loads(sarif.read_text())['runs'][0]['results']) == 20
    lines = log.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])['metadata']['findings'] == 20, lines
    assert f'report written to {out}' in proc.stdout


def test_the_regex_cache_is_written_by_its_exit_function(tmp_path, keys):
    """A fresh cache folder: the run generates its programs and an exit
    function writes them, before the process ends."""
    tree = tmp_path / 'tree'
    _tree(tree, keys, files=3)
    cache = tmp_path / 'fresh-cache'
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    proc = _console('scan', str(tree), cwd=tmp_path, tmp_path=tmp_path, env=env)
    assert proc.returncode == 1, proc.stderr
    kept = cache / 'together-hooks' / 'regex-programs'
    assert kept.is_file() and kept.stat().st_size > 10_000
    assert [n for n in os.listdir(kept.parent) if n.startswith('.')] == []  # no half-written file


def test_a_baseline_written_by_a_command_is_whole(git_repo, tmp_path, keys):
    write(git_repo, 'app.py', f'client = Together(api_key="{keys()}")\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    proc = _console('baseline', 'create', cwd=git_repo, tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    baseline = json.loads((git_repo / '.secrets.baseline').read_text())
    assert list(baseline['results']) == ['app.py']


def test_scan_org_s_store_is_closed_and_its_lock_removed(git_repo, tmp_path, keys):
    """The store's rows are readable by another process, its write-ahead
    log folded into the database (closed) and its lock file removed."""
    write(git_repo, 'app.py', f'client = Together(api_key="{keys()}")\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    subprocess.run(('git', 'commit', '-qm', 'x'), cwd=git_repo, check=True)
    repos = tmp_path / 'repos.txt'
    repos.write_text(f'{git_repo}\n')
    store = tmp_path / 'org.sqlite'
    proc = _console('scan-org', '--repos', str(repos), '--store', str(store), '--workers', '1',
                    cwd=tmp_path, tmp_path=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert not os.path.exists(f'{store}.lock')
    assert not os.path.exists(f'{store}-wal') or os.path.getsize(f'{store}-wal') == 0
    db = sqlite3.connect(f'file:{store}?mode=ro', uri=True)
    try:
        assert db.execute('SELECT COUNT(*) FROM findings').fetchone()[0] == 1
    finally:
        db.close()


def test_a_failed_run_says_its_one_line(tmp_path):
    proc = _console('scan', str(tmp_path / 'missing'), cwd=tmp_path, tmp_path=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and 'missing' in lines[0] and lines[1] == 'exit functions ran', lines


def test_main_in_process_returns(tmp_path, keys):
    """``main`` (what the tests and a tool importing us call) returns its
    code and leaves the process running."""
    tree = tmp_path / 'tree'
    _tree(tree, keys, files=2)
    code = (
        'import sys, os\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.cli import main\n'
        f'assert main(["scan", {str(tree)!r}]) == 1\n'
        'sys.stdout.flush()\n'
        'os.write(2, b"main returned\\n")\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), capture_output=True, text=True,
                          env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / 'cache')))
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert (proc.returncode, proc.stderr) == (0, 'main returned\n'), proc.stderr


def test_the_console_scripts_are_the_ones_that_end_at_once(tmp_path, keys):
    """``together-hooks`` is installed as ``cli:console`` and ``python -m
    together_hooks`` runs the same: a report whole, no teardown."""
    import configparser

    config = configparser.ConfigParser()
    config.read(os.path.join(SOURCE, 'setup.cfg'))
    scripts = dict(
        line.split(' = ') for line in config['options.entry_points']['console_scripts'].strip().splitlines()
    )
    assert scripts['together-hooks'] == 'together_hooks.cli:console'
    tree = tmp_path / 'tree'
    _tree(tree, keys, files=2)
    code = _CONSOLE.replace(
        'raise SystemExit(console())\n',
        'import runpy\nrunpy.run_module("together_hooks", run_name="__main__")\n',
    )
    proc = subprocess.run(
        (sys.executable, '-c', code, 'together-hooks', 'scan', str(tree), '--format', 'json'),
        capture_output=True, text=True, env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / 'cache')),
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)['findings']) == 2
    assert proc.stderr == 'exit functions ran\n', proc.stderr
