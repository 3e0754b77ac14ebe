"""Writes never follow a link out of the repository: a committed baseline or
report name that is a symlink elsewhere is refused, one line, exit 2, and
what it points to is left as it was (a link inside the repository is
written where it points: hardening_test)."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import run
from tests.conftest import write


@pytest.mark.parametrize(('command', 'name', 'exists'), [
    (('baseline', 'create', '--force'), '.secrets.baseline', False),
    (('baseline', 'update'), '.secrets.baseline', True),
    (('scan', '--format', 'json', '--output', 'report.json'), 'report.json', True),
    (('scan', '--format', 'json', '--output', 'report.json'), 'report.json', False),
])
def test_a_link_out_of_the_repository_is_not_written_through(
        git_repo, tmp_path, keys, command, name, exists,
):
    outside = tmp_path / 'outside.json'
    write(git_repo, 'a.txt', keys())
    if exists:  # a real baseline, so only the link is wrong
        made = run('together-hooks', 'baseline', 'create', '--baseline', str(outside),
                   cwd=git_repo)
        assert made.rc == 0, made.err
    write(git_repo, 'b.txt', keys())  # something new for an update to record
    before = outside.read_bytes() if exists else None
    os.symlink(os.path.relpath(outside, git_repo), git_repo / name)
    result = run('together-hooks', *command, cwd=git_repo)
    assert_error_line(result, name, 'symlink')
    assert (outside.read_bytes() if outside.exists() else None) == before
    assert (git_repo / name).is_symlink()


@pytest.mark.parametrize('command', [
    ('scan', '--format', 'json', '--output', 'reports/report.json'),
    ('baseline', 'create', '--baseline', 'reports/report.json'),
    ('rotate-help', '--replacements', 'reports/report.json', 'a.txt'),
])
def test_a_folder_linked_out_of_the_repository_is_not_written_through(
        git_repo, tmp_path, keys, command,
):
    """Only a link at the file's own name was refused: a committed folder
    link on the way (``reports -> ~/.ssh``) wrote the report out of the
    repository."""
    outside = tmp_path / 'outside'
    outside.mkdir()
    write(git_repo, 'a.txt', keys())
    os.symlink(outside, git_repo / 'reports')
    result = run('together-hooks', *command, cwd=git_repo)
    assert_error_line(result, 'reports/report.json', 'symlink')
    assert os.listdir(outside) == []
    # Named as it really is (outside the repository, by the user), it is written.
    real = str(outside / 'report.json')
    result = run('together-hooks', *[real if a == 'reports/report.json' else a for a in command],
                 cwd=git_repo)
    assert result.rc in (0, 1) and os.path.isfile(real), result.err


def test_temp_files_a_killed_write_left_are_swept_by_the_next(git_repo, tmp_path, keys):
    """A write killed by SIGKILL leaves its temp file (the old file whole):
    the next write in that folder removes it, and only it."""
    import signal
    import subprocess
    import sys
    import time

    write(git_repo, 'a.txt', keys())
    outside = tmp_path / 'outside.txt'
    outside.write_text('mine\n')
    # A real killed write: held after mkstemp, then SIGKILL.
    held = subprocess.Popen((sys.executable, '-c', (
        'import os, sys, tempfile, time\n'
        "fd, name = tempfile.mkstemp(prefix='.together-hooks-tmp-', suffix='.partial', dir='.')\n"
        "os.write(fd, b'half'); print(name, flush=True); time.sleep(60)\n"
    )), cwd=git_repo, stdout=subprocess.PIPE, text=True)
    killed = os.path.basename(held.stdout.readline().strip())
    held.send_signal(signal.SIGKILL)
    held.wait()
    held.stdout.close()
    old = time.time() - 2 * 3600
    names = {
        'killed': killed,
        'fresh': '.together-hooks-tmp-fresh123.partial',  # a write running now
        'link': '.together-hooks-tmp-link1234.partial',  # a link named as ours
        'folder': '.together-hooks-tmp-folder12.partial',
        'other': '.together-hooks-not-ours-at-all',  # not a name mkstemp gives
        # A user's file (tracked) with a name as long as a temp's once was.
        'user': '.together-hooks-baseline',
        'unmarked': '.together-hooks-tmp-abcdefgh',
    }
    (git_repo / names['fresh']).write_text('x')
    os.symlink(outside, git_repo / names['link'])
    (git_repo / names['folder']).mkdir()
    (git_repo / names['other']).write_text('x')
    (git_repo / names['unmarked']).write_text('x')
    (git_repo / names['user']).write_text('mine\n')
    subprocess.run(('git', 'add', names['user']), cwd=git_repo, check=True)
    for key, name in names.items():
        if key != 'fresh':
            os.utime(git_repo / name, (old, old), follow_symlinks=False)
    r = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert r.rc == 0, r.err
    left = {n for n in os.listdir(git_repo) if n.startswith('.together-hooks-')}
    assert left == {names['fresh'], names['link'], names['folder'], names['other'],
                    names['user'], names['unmarked']}
    assert outside.read_text() == 'mine\n'


@pytest.mark.parametrize('command', [
    ('scan', '--format', 'json', '--output', 'reports/report.json'),
    ('baseline', 'create', '--force', '--baseline', 'reports/report.json'),
])
def test_a_folder_link_to_another_repository_is_not_written_through(
        git_repo, tmp_path, keys, command,
):
    """``reports -> ../victim`` where victim holds a .git: the link's own
    .git made victim "the repository", and the file was written there."""
    victim = tmp_path / 'victim'
    victim.mkdir()
    (victim / '.git').mkdir()
    write(git_repo, 'a.txt', keys())
    os.symlink(victim, git_repo / 'reports')
    result = run('together-hooks', *command, cwd=git_repo)
    assert_error_line(result, 'reports/report.json', 'symlink', 'out of the repository')
    assert sorted(os.listdir(victim)) == ['.git']


@pytest.mark.parametrize('command', [
    ('scan', '--format', 'json', '--output', 'report.json'),
    ('baseline', 'create', '--force', '--baseline', 'report.json'),
])
def test_a_link_into_the_git_folder_is_not_written_through(git_repo, keys, command):
    """A committed ``report.json -> .git/config`` replaced git's config."""
    write(git_repo, 'a.txt', keys())
    config = git_repo / '.git' / 'config'
    before = config.read_bytes()
    os.symlink(os.path.join('.git', 'config'), git_repo / 'report.json')
    result = run('together-hooks', *command, cwd=git_repo)
    assert_error_line(result, 'report.json', 'symlink', '.git')
    assert config.read_bytes() == before
