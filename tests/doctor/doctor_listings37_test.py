"""``doctor`` lists the work tree once a listing (``gitrun.Listings``):
its tracked and untracked files are the two halves of one ``ls-files -t
--cached --others --exclude-standard``, and the env-file walk its keys and
stages checks both made is made once.  Each half is what the listing it
replaces gave (an unmerged path's every stage, a skip-worktree or
intent-to-add entry, a name starting with ``? ``, one with a newline; an
ignored file in neither), and every env function answers the same with the
run's listings as without them.
"""
from __future__ import annotations

import os
import random
import subprocess

import pytest

from tests.cli_run import run_in_process
from tests.keys import make_key
from tests.sources.histories import tree_walks
from together_hooks.env import gitignore
from together_hooks.env.held import local_env_files
from together_hooks.env.ownkeys import own_keys
from together_hooks.env.stages import shared_keys_across_stages
from together_hooks.gitrun import Listings
from together_hooks.gitrun import zsplit


def _git(repo, *args: str) -> str:
    return subprocess.run(('git', *args), cwd=repo, check=True, capture_output=True).stdout.decode()


def _write(root, rel: str, text: str) -> None:
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path) or root, exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)


@pytest.fixture(scope='module')
def tree(tmp_path_factory):
    """A work tree with every kind of entry ``ls-files -t`` tags."""
    root = str(tmp_path_factory.mktemp('listings37') / 'repo')
    os.mkdir(root)
    _git(root, 'init', '-q', '-b', 'main')
    _git(root, 'config', 'user.email', 'dev@example.com')
    _git(root, 'config', 'user.name', 'Dev')
    key = make_key(random.Random(3737))
    for rel, text in (
            ('conflict.txt', 'c\n'), ('? odd name.txt', 'q\n'), ('new\nline.txt', 'n\n'),
            ('.env', 'X=1\n'), ('sub/.gitignore', 'ign/\n*.log\n'), ('skip.txt', 's\n'),
            ('api/.env.example', 'TOGETHER_API_KEY=\n'),
    ):
        _write(root, rel, text)
    _git(root, 'add', '-A')
    _git(root, 'commit', '-q', '--no-verify', '-m', 'one')
    _git(root, 'checkout', '-q', '-b', 'side')
    _write(root, 'conflict.txt', 'side\n')
    _git(root, 'commit', '-q', '--no-verify', '-am', 'side')
    _git(root, 'checkout', '-q', 'main')
    _write(root, 'conflict.txt', 'main\n')
    _git(root, 'commit', '-q', '--no-verify', '-am', 'main')
    subprocess.run(('git', 'merge', '-q', 'side'), cwd=root, capture_output=True)  # a conflict: three stages
    _git(root, 'update-index', '--skip-worktree', 'skip.txt')
    _write(root, 'intent.txt', 'i\n')
    _git(root, 'add', '-N', 'intent.txt')
    for rel in ('untracked.txt', '? untracked.txt', 'sub/ign/x.txt', 'sub/a.log', 'sub/b.txt',
                '.env backup/.env', 'web/.env-local'):
        _write(root, rel, 'u\n')
    _write(root, '.env.development', f'TOGETHER_API_KEY={key}\n')
    _write(root, '.env.production', f'TOGETHER_API_KEY={key}\n')
    return root


def test_the_halves_are_the_listings_they_replace(tree):
    listings = Listings(tree)
    tracked = zsplit(_git(tree, 'ls-files', '-z', '--cached').encode())
    untracked = zsplit(_git(tree, 'ls-files', '-z', '--others', '--exclude-standard').encode())
    assert listings.tracked() == tracked
    assert sorted(listings.untracked()) == sorted(untracked)
    assert tracked.count('conflict.txt') == 3  # every stage, as --cached lists it
    assert '? odd name.txt' in tracked and '? untracked.txt' in untracked
    assert 'new\nline.txt' in tracked and 'intent.txt' in tracked and 'skip.txt' in tracked
    assert not any(p.startswith('sub/ign') or p.endswith('.log') for p in tracked + untracked)


def test_each_env_function_answers_the_same_with_the_runs_listings(tree):
    listings = Listings(tree)
    assert gitignore.tracked_env_files(tree, (), listings) == gitignore.tracked_env_files(tree)
    with_, without = gitignore.listing(tree, listings), gitignore.listing(tree)
    assert (with_.tracked, with_.untracked, with_.ignored) == (without.tracked, without.untracked, without.ignored)
    for everywhere in (False, True):
        assert local_env_files(tree, everywhere, listings=listings) == local_env_files(tree, everywhere)
    assert own_keys(tree, {}, listings=listings).keys == own_keys(tree, {}).keys
    assert own_keys(tree, {}).keys  # (the env files' key: there is one to find)
    assert shared_keys_across_stages(tree, listings=listings) == shared_keys_across_stages(tree)
    assert shared_keys_across_stages(tree) == [('.env.development', '.env.production')]


def test_doctor_asks_git_each_listing_once(tree, monkeypatch):
    monkeypatch.chdir(tree)
    walk = tree_walks(lambda: run_in_process('together-hooks', 'doctor', cwd=tree))
    assert walk.result.rc == 1, walk.result.err
    assert 'hold the same Together key' in walk.result.out
    asked = [tuple(a[a.index('ls-files'):]) for a in walk.started if 'ls-files' in a]
    assert len(asked) == len(set(asked)), asked  # no listing asked twice
    assert ('ls-files', '-z', '--cached') not in asked  # the tracked half of the -t listing
    assert ('ls-files', '-z', '--others', '--exclude-standard') not in asked
