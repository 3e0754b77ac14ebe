"""Session 34 (mut34): with ``GIT_DIR``/``GIT_WORK_TREE`` set, ``scan
PATH`` asks ``files._in_work_tree`` whether the folder is that work
tree's; its two bounds had no test of their own.

- The work tree's parent folder (``..`` from the work tree, no slash
  after it) is outside: read as inside, git's list of the work tree's
  files was read under the parent (none there) and its keys passed.
- A folder of the work tree whose name starts with two dots
  (``..cache``), or named through a symlink, is inside: read as outside,
  it was walked whole and its git-ignored file reported.

gate_probe33's test holds a folder beside the work tree; these hold the
edges.  In process (the environment passed as a process would get it).
"""
from __future__ import annotations

import os
import random

import pytest

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key
from together_hooks.findings import hash_secret


@pytest.fixture(scope='module')
def layout(tmp_path_factory):
    """top/repo (k.py tracked, local.py and ..cache/local.py ignored,
    ..cache/tracked.py tracked) and top/other/copied.py."""
    rng = random.Random('mut34-git-dir-walk')
    keys = {name: make_key(rng) for name in ('k', 'ignored', 'dotted', 'dotted-ignored', 'copied')}
    top = tmp_path_factory.mktemp('git-dir-walk')
    repo = top / 'repo'
    (repo / '..cache').mkdir(parents=True)
    git(repo, 'init', '-q')
    (repo / 'k.py').write_text(f'K = "{keys["k"]}"\n')
    (repo / '.gitignore').write_text('local.py\n')
    (repo / 'local.py').write_text(f'K = "{keys["ignored"]}"\n')
    (repo / '..cache' / 'tracked.py').write_text(f'K = "{keys["dotted"]}"\n')
    (repo / '..cache' / 'local.py').write_text(f'K = "{keys["dotted-ignored"]}"\n')
    git(repo, 'add', 'k.py', '.gitignore', '..cache/tracked.py')
    (top / 'link').symlink_to(repo / '..cache', target_is_directory=True)
    (top / 'other').mkdir()
    (top / 'other' / 'copied.py').write_text(f'K = "{keys["copied"]}"\n')
    env = dict(os.environ, GIT_DIR=str(repo / '.git'), GIT_WORK_TREE=str(repo))
    return top, repo, keys, env


def _scan(layout, cwd, *args):
    _top, _repo, keys, env = layout
    result = run_in_process('together-hooks', 'scan', '--format', 'json', *args, cwd=cwd, env=env)
    assert not leaked(list(keys.values()), result.out, result.err)
    return result.rc, {f['hashed_secret'] for f in result.json()['findings']}


def test_the_work_trees_parent_folder_is_walked_as_a_folder(layout):
    top, _repo, keys, _env = layout
    rc, found = _scan(layout, top, '.')
    assert rc == 1
    assert hash_secret(keys['copied']) in found, found


def test_a_folder_of_the_work_tree_named_with_two_dots_is_the_work_trees(layout):
    _top, repo, keys, _env = layout
    rc, found = _scan(layout, repo / '..cache', '.')
    assert (rc, found) == (1, {hash_secret(keys['dotted'])})


def test_a_folder_of_the_work_tree_named_through_a_symlink_is_the_work_trees(layout):
    """``top/link`` leads to ``repo/..cache``: the folder is the work
    tree's (its ignored file unread), however its name reaches it."""
    top, _repo, keys, _env = layout
    rc, found = _scan(layout, top, 'link')
    assert (rc, found) == (1, {hash_secret(keys['dotted'])})
