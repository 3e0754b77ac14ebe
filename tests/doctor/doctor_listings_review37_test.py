"""``doctor``'s tracked files do not hang on its untracked walk: they are
the tracked half of one ``ls-files -t --cached --others --exclude-standard``
(``gitrun.Listings``), and when that listing fails in the walk only the
untracked half needs (a ``.gitignore`` that is a FIFO: git blocks opening
it), the index is asked alone, as ``ls-files --cached`` was before the
listings were shared (2d8a76d7): the keys of tracked files are still
reported by name, never "could not check".  Decoy: the same tree whose
tracked file holds a placeholder passes.
"""
from __future__ import annotations

import os
import random
import subprocess

import pytest

from tests.cli_run import run_in_process
from tests.keys import make_key
from together_hooks.gitrun import Listings
from together_hooks.gitrun import zsplit

pytestmark = pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='FIFOs are POSIX')


def _git(repo, *args: str) -> bytes:
    return subprocess.run(('git', *args), cwd=repo, check=True, capture_output=True).stdout


def _repo(root: str, line: str) -> str:
    os.makedirs(root)
    _git(root, 'init', '-q', '-b', 'main')
    _git(root, 'config', 'user.email', 'dev@example.com')
    _git(root, 'config', 'user.name', 'Dev')
    with open(os.path.join(root, 'app.py'), 'w', encoding='utf-8') as f:
        f.write(line)
    _git(root, 'add', 'app.py')
    _git(root, 'commit', '-q', '--no-verify', '-m', 'one')
    os.mkdir(os.path.join(root, 'scratch'))
    os.mkfifo(os.path.join(root, 'scratch', '.gitignore'))  # git's walk blocks opening it
    return root


@pytest.fixture(scope='module')
def trees(tmp_path_factory):
    base = str(tmp_path_factory.mktemp('listings_review37'))
    key = make_key(random.Random(3737_37))
    keyed = _repo(os.path.join(base, 'keyed'), 'KEY = "' + key + '"\n')
    placeholder = _repo(os.path.join(base, 'placeholder'), 'KEY = "tgp_v1_' + 'x' * 43 + '"\n')
    return keyed, placeholder, key


def test_tracked_half_is_the_index_when_the_untracked_walk_fails(trees):
    keyed, _placeholder, _key = trees
    listings = Listings(keyed)
    assert listings.tracked() == zsplit(_git(keyed, 'ls-files', '-z', '--cached')) == ['app.py']
    with pytest.raises(Exception, match='FIFO'):
        listings.untracked()  # the walk still fails, as it did


def test_doctor_names_a_tracked_key_beside_a_fifo_gitignore(trees, monkeypatch):
    keyed, _placeholder, key = trees
    monkeypatch.chdir(keyed)
    result = run_in_process('together-hooks', 'doctor', cwd=keyed)
    assert result.rc == 1, result.err
    line = next(li for li in result.out.splitlines() if 'no-hardcoded-keys' in li)
    assert line.startswith('[FAIL] no-hardcoded-keys: 1 Together key in 1 tracked file: app.py:1'), line
    assert 'could not check' not in line
    assert key not in result.out + result.err


def test_doctor_passes_a_placeholder_beside_a_fifo_gitignore(trees, monkeypatch):
    _keyed, placeholder, _key = trees
    monkeypatch.chdir(placeholder)
    result = run_in_process('together-hooks', 'doctor', cwd=placeholder)
    line = next(li for li in result.out.splitlines() if 'no-hardcoded-keys' in li)
    assert line.startswith('[pass] no-hardcoded-keys'), line
