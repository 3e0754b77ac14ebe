"""Your keys are read from your env files in every folder
(``env.held.local_env_files``); where git cannot list them because it is
stuck on a FIFO among the exclude files it reads (a ``.gitignore`` in an
untracked folder, ``core.excludesFile``), the hook fails closed with one
line (exit 2), as it does for a damaged index.  It fell back to the top
folder's env files and passed: a legacy key held in ``api/.env`` and
committed bare (no Together name near it, so only your own keys make it
one) went in with exit 0.  Decoy: in the same tree without the FIFO,
another hex run committed bare is no key (exit 0), and the held one is
reported (exit 1).
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess

import pytest

from tests.cli_run import run_in_process
from tests.keys import make_hex

pytestmark = pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='FIFOs are POSIX')


def _git(repo, *args: str) -> None:
    subprocess.run(('git', *args), cwd=repo, check=True, capture_output=True)


def _write(root: str, rel: str, text: str) -> None:
    os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
    with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
        f.write(text)


@pytest.fixture(scope='module')
def repos(tmp_path_factory):
    """(plain, with a FIFO .gitignore, with a FIFO core.excludesFile), the
    held key, another hex run."""
    base = tmp_path_factory.mktemp('ownkeys_fifo_review37')
    rng = random.Random(37_3737)
    held, other = make_hex(rng), make_hex(rng)
    plain = str(base / 'plain')
    os.makedirs(plain)
    _git(plain, 'init', '-q', '-b', 'main')
    _git(plain, 'config', 'user.email', 'dev@example.com')
    _git(plain, 'config', 'user.name', 'Dev')
    _write(plain, 'a.txt', 'a\n')
    _git(plain, 'add', 'a.txt')
    _git(plain, 'commit', '-q', '--no-verify', '-m', 'one')
    _write(plain, 'api/.env', 'TOGETHER_API_KEY=' + held + '\n')
    _write(plain, 'held.py', 'checksum = "' + held + '"\n')
    _write(plain, 'other.py', 'checksum = "' + other + '"\n')
    _git(plain, 'add', 'held.py', 'other.py')
    in_tree = str(base / 'in_tree')
    shutil.copytree(plain, in_tree, symlinks=True)
    os.mkdir(os.path.join(in_tree, 'scratch'))
    os.mkfifo(os.path.join(in_tree, 'scratch', '.gitignore'))
    excludes = str(base / 'excludes')
    shutil.copytree(plain, excludes, symlinks=True)
    os.mkfifo(str(base / 'excludes.fifo'))
    _git(excludes, 'config', 'core.excludesFile', str(base / 'excludes.fifo'))
    return plain, in_tree, excludes, held


def _hook(repo: str, name: str, monkeypatch):
    monkeypatch.chdir(repo)
    env = {k: v for k, v in os.environ.items() if 'TOGETHER' not in k}
    return run_in_process('detect-together-keys', name, cwd=repo, env=env)


def test_a_held_legacy_key_is_found_and_another_hex_run_is_not(repos, monkeypatch):
    plain, _in_tree, _excludes, held = repos
    found = _hook(plain, 'held.py', monkeypatch)
    assert found.rc == 1, found.err
    assert 'held.py:1: together-own-key' in found.out
    decoy = _hook(plain, 'other.py', monkeypatch)
    assert decoy.rc == 0, decoy.out + decoy.err
    assert held not in found.out + found.err


@pytest.mark.parametrize('where', ['in_tree', 'excludes'])
def test_env_files_git_cannot_list_fail_closed(repos, monkeypatch, where):
    plain, in_tree, excludes, held = repos
    repo = in_tree if where == 'in_tree' else excludes
    r = _hook(repo, 'held.py', monkeypatch)
    assert r.rc == 2, (r.rc, r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and 'cannot list the untracked env files whose keys you hold' in lines[0], r.err
    assert 'FIFO' in lines[0] and 'Traceback' not in r.err
    assert held not in r.out + r.err
