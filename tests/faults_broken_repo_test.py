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
