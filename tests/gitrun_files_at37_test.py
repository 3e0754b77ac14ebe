"""``gitrun.files_at``: a commit's files read by name, their kinds and sizes
asked in one ``cat-file --batch-check``, answer what ``file_at`` answers
for each alone: the blob, None (no such path, a folder, a submodule, a
commit that is none), or the same one-line error (a blob past the limit),
and a name a line cannot carry is asked alone.  The range's config
(``narrow_to_base``, ``committed_config``) reads its two files so.
"""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.sources.histories import tree_walks
from together_hooks import config
from together_hooks.errors import InputError
from together_hooks.gitrun import file_at
from together_hooks.gitrun import files_at
from together_hooks.pipeline import committed_config


def _git(repo, *args: str) -> str:
    return subprocess.run(('git', *args), cwd=repo, check=True, capture_output=True).stdout.decode()


@pytest.fixture(scope='module')
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp('files_at37') / 'repo'
    root.mkdir()
    _git(root, 'init', '-q', '-b', 'main')
    _git(root, 'config', 'user.email', 'dev@example.com')
    _git(root, 'config', 'user.name', 'Dev')
    (root / '.together-hooks.toml').write_text('exclude = ["docs/*"]\n')
    (root / 'pyproject.toml').write_text('[tool.together-hooks]\nexclude = ["x"]\n')
    (root / 'folder').mkdir()
    (root / 'folder' / 'f.txt').write_text('f\n')
    (root / 'big.txt').write_text('b' * 5000)
    (root / 'has space.txt').write_text('s\n')
    os.symlink('big.txt', root / 'link')
    (root / 'new\nline').write_text('n\n')
    (root / 'cr\r').write_text('cr\n')
    _git(root, 'add', '-A')
    _git(root, 'commit', '-q', '--no-verify', '-m', 'c')
    sub = _git(root, 'rev-parse', 'HEAD').strip()
    _git(root, 'update-index', '--add', '--cacheinfo', f'160000,{sub},module')
    _git(root, 'commit', '-q', '--no-verify', '-m', 'a submodule')
    return str(root)


NAMES = [
    '.together-hooks.toml', 'pyproject.toml', 'folder', 'folder/f.txt', 'big.txt', 'link',
    'has space.txt', 'module', 'missing', 'new\nline', 'cr\r', 'cr', 'folder/',
]


def _alone(root: str, commit: str, name: str, limit: int):
    try:
        return file_at(root, commit, name, limit)
    except InputError as e:
        return f'error: {e}'


def _together(read, name: str):
    try:
        return read(name)
    except InputError as e:
        return f'error: {e}'


@pytest.mark.parametrize('commit', ['HEAD', 'HEAD~1', 'HEAD~9'])
@pytest.mark.parametrize('limit', [100, 10000])
def test_each_name_reads_as_file_at_reads_it_alone(repo, commit, limit):
    read = files_at(repo, commit, NAMES, limit)
    for name in reversed(NAMES):  # any order a reader asks in
        assert _together(read, name) == _alone(repo, commit, name, limit), repr(name)
    assert _together(read, 'not listed') == _alone(repo, commit, 'not listed', limit)


def test_the_config_files_cost_one_question(repo):
    walk = tree_walks(lambda: committed_config(repo, 'HEAD'))
    assert walk.result.exclude == config.load(repo).exclude
    checks = [a for a in walk.started if any(x.startswith('--batch-check') for x in a)]
    assert len(checks) == 1, walk.started
