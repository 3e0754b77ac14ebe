"""The first stage's own walk for env files (``env.held.none_under``)
says "none" only where git's walk (``local_env_files``) finds none past
the top folder's: one repository, each layout added in turn."""
from __future__ import annotations

import os

import pytest

from tests.conftest import git
from tests.conftest import write
from together_hooks.env.held import local_env_files
from together_hooks.env.held import none_under
from together_hooks.env.held import root_env_files
from together_hooks.sources.index import index_entries

# (path, what it holds or None for a folder link, whether git's walk lists it)
LAYOUTS = [
    ('api/.env.local', 'X=1\n', True),  # untracked, two folders down
    ('deep/er/still/.envrc', 'export X=1\n', True),
    ('ignored/.env', 'X=1\n', False),  # in an ignored folder: git never enters it
    ('src/.ENV.prod', 'X=1\n', True),  # any case
    ('src/\uff0eenv', 'X=1\n', None),  # a name that is not ASCII: git's to say
    ('src/.env\x7f', 'X=1\n', None),
    ('.env backup/creds', 'X=1\n', None),  # a folder named like one
    ('link/.env', None, None),  # a link named like one
    ('tracked/.env.example', 'X=\n', False),  # tracked: no untracked env file
]


@pytest.fixture
def walked(git_repo):
    write(git_repo, 'app.py', 'print(1)\n')
    write(git_repo, '.gitignore', 'ignored/\n')
    write(git_repo, 'ignored/keep.txt', 'x\n')
    write(git_repo, 'tracked/.env.example', 'X=\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'base')
    return git_repo


def _answers(root) -> tuple[bool, list[str]]:
    entries = index_entries(str(root))
    assert entries is not None
    listed = [p for p in local_env_files(str(root)) if p not in root_env_files(str(root))]
    return none_under(str(root), entries), listed


def test_none_found_only_where_git_finds_none(walked):
    """Each layout alone: where git's walk lists an env file the first
    stage's says "maybe" (then git is asked, as before); a file git does
    not list may say "maybe" too (an ignored folder's), never the other
    way round."""
    assert _answers(walked) == (True, [])  # the control: nothing to find, no git asked
    os.makedirs(walked / 'api')
    for path, text, git_lists in LAYOUTS:
        if text is None:
            os.makedirs(walked / os.path.dirname(path), exist_ok=True)
            os.symlink(str(walked / 'api'), walked / path)
        elif not path.startswith('tracked/'):
            write(walked, path, text)
        none, listed = _answers(walked)
        assert not (none and listed), (path, listed)
        if git_lists:
            assert (none, path in listed) == (False, True), path
        if path.startswith('tracked/'):
            assert none is True  # a tracked one is no question for git
        else:
            os.remove(walked / path)


def test_a_large_tree_is_left_to_git(walked):
    for i in range(20):
        write(walked, f'many/f{i}.txt', 'x\n')
    entries = index_entries(str(walked))
    assert none_under(str(walked), entries) is True
    assert none_under(str(walked), entries, most=10) is False
