"""Paths the system refuses to open say why: a name too long, a component
that is a file, a folder we may not enter.  One line naming the reason,
exit 2; never "no such file" for a path that may well exist."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import hook
from tests.cli_run import hook_in_process
from tests.cli_run import run_in_process
from tests.cli_run import scan
from tests.cli_run import scan_in_process

LONG = 'a' * 300  # over NAME_MAX (255 bytes) on every common file system


@pytest.mark.parametrize('run', (scan, hook), ids=('scan', 'hook'))
def test_a_name_over_255_bytes_says_too_long(git_repo, run):
    result = run(LONG)
    assert_error_line(result, 'too long')
    assert 'no such file' not in result.err


@pytest.mark.parametrize('run', (scan, hook), ids=('scan', 'hook'))
def test_a_path_through_a_file_says_not_a_directory(git_repo, run):
    (git_repo / 'notes.txt').write_text('plain\n')
    result = run(os.path.join('notes.txt', 'x'))
    assert_error_line(result, 'not a directory')
    assert 'no such file' not in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason='root enters any folder')
@pytest.mark.parametrize('run', (scan, hook), ids=('scan', 'hook'))
def test_a_file_in_a_folder_we_cannot_enter_says_permission_denied(git_repo, run):
    locked = git_repo / 'locked'
    locked.mkdir()
    (locked / 'a.txt').write_text('plain\n')
    locked.chmod(0)
    try:
        result = run(os.path.join('locked', 'a.txt'))
    finally:
        locked.chmod(0o755)
    assert_error_line(result, 'permission denied')


@pytest.mark.parametrize('run', (scan, hook), ids=('scan', 'hook'))
def test_a_missing_file_still_says_no_such_file(git_repo, run):
    assert_error_line(run('gone.txt'), 'gone.txt', 'no such file or directory')


def _as_nobody():
    """The argv prefix running a command as nobody (root enters any
    folder, so the refusal is only seen as another user)."""
    import shutil

    if os.geteuid() != 0 or shutil.which('setpriv') is None:
        pytest.skip('needs root and setpriv(1) to run as nobody')
    return ('setpriv', '--reuid=65534', '--regid=65534', '--clear-groups')


@pytest.mark.parametrize('named', ('d', '.'), ids=('folder', 'inside'))
def test_a_folder_nobody_may_enter_says_permission_denied_as_nobody(named):
    """``scan d`` (and a folder we may not enter inside the one named)
    printed the OS's wording, ``Permission denied 'd'``."""
    import shutil
    import subprocess
    import sys
    import tempfile

    prefix = _as_nobody()
    top = tempfile.mkdtemp(prefix='together-hooks-nobody-')
    try:
        os.chmod(top, 0o755)
        os.makedirs(os.path.join(top, 'd'))
        with open(os.path.join(top, 'd', 'a.txt'), 'w') as f:
            f.write('plain\n')
        os.chmod(os.path.join(top, 'd'), 0)
        scanner = os.path.join(os.path.dirname(sys.executable), 'together-hooks')
        proc = subprocess.run(
            (*prefix, scanner, 'scan', named), cwd=top, capture_output=True, text=True,
            timeout=120, env=dict(os.environ, GIT_CEILING_DIRECTORIES=os.path.dirname(top)),
        )
    finally:
        os.chmod(os.path.join(top, 'd'), 0o755)
        shutil.rmtree(top)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and 'Traceback' not in proc.stderr, proc.stderr
    assert lines[0].endswith('d: permission denied'), lines[0]


@pytest.mark.parametrize('run', (scan_in_process, hook_in_process), ids=('scan', 'hook'))
def test_a_link_named_outside_any_work_tree_is_read_through(tmp_path, keys, run):
    """A link named to scan outside any work tree (a dotfile GNU stow
    links, ``~/.bashrc -> dotfiles/.bashrc``) is no committed link: git
    stores it nowhere, so its text is not what the user asked to check.
    Its target's key was passed (exit 0, "no Together keys")."""
    key = keys()
    (tmp_path / 'dotfiles').mkdir()
    (tmp_path / 'dotfiles' / '.bashrc').write_text(f'export TOGETHER_API_KEY={key}\n')
    os.symlink('dotfiles/.bashrc', tmp_path / '.bashrc')
    os.symlink('/nonexistent/target', tmp_path / 'dangling')
    result = run('--format', 'json', '.bashrc', 'dangling', cwd=tmp_path)
    assert result.rc == 1, result.err
    assert [f[:2] for f in result.found()] == [('.bashrc', 1)]


@pytest.mark.parametrize('argv', (
    ('together-hooks', 'scan', '--output', 'app.py'),
    ('together-hooks', 'scan', '--sarif-out', './app.py'),
    ('detect-together-keys', '--format', 'json', '--output', 'app.py'),
    ('together-hooks', 'rotate-help', '--replacements', 'app.py'),
), ids=('scan-output', 'scan-sarif-out', 'hook-output', 'rotate-help-replacements'))
def test_an_output_naming_a_file_the_run_scans_never_replaces_it(git_repo, keys, argv):
    """``--output app.py app.py`` (a slip of the argument order): the
    report replaced the file it was about, the key in it (still to be
    rotated) and any work not yet committed with it."""
    text = f'TOGETHER_API_KEY = "{keys()}"  # not committed yet\n'
    (git_repo / 'app.py').write_text(text)
    result = run_in_process(*argv, 'app.py', cwd=git_repo)
    assert_error_line(result, 'app.py', 'scans')
    assert (git_repo / 'app.py').read_text() == text


def test_an_audit_log_naming_a_file_the_run_scans_is_never_appended_to(git_repo, keys):
    """``--audit-log app.py app.py``: the run's JSON line was appended to
    the file it scanned.  A run with findings keeps its exit 1 (as for any
    log it cannot write), a clean one fails, 2; the file stays as it was."""
    text = f'TOGETHER_API_KEY = "{keys()}"\n'
    (git_repo / 'app.py').write_text(text)
    (git_repo / '.env.example').write_text('TOGETHER_API_KEY=\n')
    found = run_in_process('detect-together-keys', '--audit-log', 'app.py', 'app.py', cwd=git_repo)
    assert found.rc == 1 and 'app.py' in found.err and 'scans' in found.err, found.err
    clean = run_in_process(
        'forbid-env-files', '--audit-log', '.env.example', '.env.example', cwd=git_repo,
    )
    assert_error_line(clean, '.env.example', 'scans')
    assert (git_repo / 'app.py').read_text() == text
    assert (git_repo / '.env.example').read_text() == 'TOGETHER_API_KEY=\n'
