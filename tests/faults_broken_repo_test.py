"""A repository git cannot read fails closed: one line naming its ``.git``
and git's refusal, exit 2.  git passes over a ``.git`` folder whose HEAD,
objects or refs are gone as if it were not there; walked as a plain folder,
"the repository's tracked files" would quietly become every file (a broken
index already failed closed, so every breakage now does)."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import scan
from tests.conftest import git


def _head(repo):
    (repo / '.git' / 'HEAD').write_text('garbage\n')


def _objects(repo):
    shutil.rmtree(repo / '.git' / 'objects')


def _refs_and_head(repo):
    shutil.rmtree(repo / '.git' / 'refs')
    os.remove(repo / '.git' / 'HEAD')


BREAKAGES = {'bad HEAD': _head, 'objects gone': _objects, 'refs and HEAD gone': _refs_and_head}


@pytest.fixture
def keyed_repo(git_repo, keys):
    (git_repo / 'config.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'config.py')
    git(git_repo, 'commit', '-qm', 'init')
    return git_repo


@pytest.mark.parametrize('breakage', BREAKAGES.values(), ids=BREAKAGES.keys())
@pytest.mark.parametrize('argv', ((), ('.',), ('--staged',)), ids=('scan', 'scan-dot', 'staged'))
def test_a_broken_repository_is_named_not_walked_nor_git_usage(keyed_repo, breakage, argv):
    breakage(keyed_repo)
    result = scan(*argv)
    assert_error_line(result, 'git refuses the repository here', '.git', 'not a repository git can read')
    assert 'usage' not in result.err and '--output' not in result.err


def test_a_folder_with_no_git_is_still_walked(tmp_path, keys, monkeypatch):
    """No ``.git`` anywhere above (a ceiling keeps git from looking): a
    plain folder, scanned whole, its key found."""
    top = tmp_path / 'plain'
    top.mkdir()
    (top / 'config.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    result = scan(cwd=top)
    assert result.rc == 1, result.err
    assert 'config.py' in result.out


# A healthy repository is not called broken where git never reached its
# .git: only a .git git itself walked past fails closed.

def _outside_folder(tmp_path, keys):
    outside = tmp_path / 'outside'
    outside.mkdir()
    (outside / 'config.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    return outside


def test_a_linked_folder_out_of_a_healthy_repository_is_scanned(keyed_repo, tmp_path, keys):
    """``data -> ../outside``: git starts from the real path (outside, no
    repository), so the repository's own .git was never skipped."""
    outside = _outside_folder(tmp_path, keys)
    os.symlink(os.path.relpath(outside, keyed_repo), keyed_repo / 'data')
    result = scan('data', cwd=keyed_repo)
    assert result.rc == 1, result.err
    assert 'config.py' in result.out
    assert 'refuses' not in result.err


def test_a_plain_folder_holding_head_and_objects_is_a_folder(tmp_path, keys, monkeypatch):
    top = tmp_path / 'plain'
    top.mkdir()
    (top / 'HEAD').write_text('not a ref\n')
    (top / 'objects').mkdir()
    (top / 'config.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    result = scan('.', cwd=top)
    assert result.rc == 1, result.err
    assert 'config.py' in result.out


def test_a_mount_inside_a_healthy_repository_is_scanned(keyed_repo, tmp_path, keys):
    """A tmpfs at repo/mnt: git stops at the filesystem boundary (no
    GIT_DISCOVERY_ACROSS_FILESYSTEM), so it skipped no .git."""
    import subprocess
    import sys

    if shutil.which('unshare') is None:
        pytest.skip('needs unshare(1)')
    probe = subprocess.run(('unshare', '--mount', '--map-root-user', 'true'), capture_output=True)
    if probe.returncode:
        pytest.skip('no mount namespace here')
    outside = _outside_folder(tmp_path, keys)
    (keyed_repo / 'mnt').mkdir()
    scanner = os.path.join(os.path.dirname(sys.executable), 'together-hooks')
    script = 'mount -t tmpfs none mnt && cp "$1" mnt/ && cd mnt && "$2" scan . ; echo "rc=$?" >&2'
    proc = subprocess.run(
        ('unshare', '--mount', '--map-root-user', 'sh', '-c', script, 'sh',
         str(outside / 'config.py'), scanner),
        cwd=keyed_repo, capture_output=True, text=True, timeout=120,
    )
    assert 'rc=1' in proc.stderr, proc.stderr
    assert 'config.py' in proc.stdout
    assert 'refuses' not in proc.stderr


@pytest.mark.parametrize('argv', ((), ('.',)), ids=('scan', 'scan-dot'))
def test_a_repository_of_another_user_fails_closed_naming_safe_directory(keyed_repo, argv):
    """Owned by another user (container CI): git refuses it, so the scan
    fails closed as gitleaks' git mode does, with git's own remedy on the
    one line, and no advice to "repair" a healthy repository."""
    import subprocess

    subprocess.run(('chown', '-R', '65534:65534', str(keyed_repo)), capture_output=True)
    if os.stat(keyed_repo).st_uid == os.geteuid():
        pytest.skip('could not give the repository to another user')
    result = scan(*argv, cwd=keyed_repo)
    assert_error_line(result, 'dubious ownership', 'git config --global --add safe.directory')
    assert 'repair' not in result.err
