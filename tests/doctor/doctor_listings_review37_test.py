"""``doctor``'s tracked files do not wait on its untracked walk: they are
the tracked half of one ``ls-files -t --cached --others --exclude-standard``
(``gitrun.Listings``), and when that listing fails in the walk only the
untracked half needs (a ``.gitignore`` that is a FIFO: git blocks opening
it), the index is asked alone, as ``ls-files --cached`` was before the
listings were shared (2d8a76d7): the checks of tracked files
(``hmac-constant-time``) still read them and name what they find, never
"could not check".  Decoy: the same comparison in an untracked file is
not named.  The checks that need the untracked env files (your keys, the
stages) fail closed there (``env.held.local_env_files``).
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

HMAC_EQ = (
    'import hashlib, hmac\n\n'
    'def ok(secret, body, sig):\n'
    '    digest = hmac.new(secret, body, hashlib.sha256).hexdigest()\n'
    '    return digest == sig\n'
)


def _git(repo, *args: str) -> bytes:
    return subprocess.run(('git', *args), cwd=repo, check=True, capture_output=True).stdout


def _write(root: str, rel: str, text: str) -> None:
    with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
        f.write(text)


@pytest.fixture(scope='module')
def tree(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('listings_review37') / 'repo')
    os.makedirs(root)
    _git(root, 'init', '-q', '-b', 'main')
    _git(root, 'config', 'user.email', 'dev@example.com')
    _git(root, 'config', 'user.name', 'Dev')
    key = make_key(random.Random(3737_37))
    _write(root, 'app.py', 'KEY = "' + key + '"\n')
    _write(root, 'hooks.py', HMAC_EQ)
    _git(root, 'add', 'app.py', 'hooks.py')
    _git(root, 'commit', '-q', '--no-verify', '-m', 'one')
    _write(root, 'loose.py', HMAC_EQ.replace('digest == sig', 'sig == digest'))  # untracked
    os.mkdir(os.path.join(root, 'scratch'))
    os.mkfifo(os.path.join(root, 'scratch', '.gitignore'))  # git's walk blocks opening it
    return root, key


def test_tracked_half_is_the_index_when_the_untracked_walk_fails(tree):
    root, _key = tree
    listings = Listings(root)
    assert listings.tracked() == zsplit(_git(root, 'ls-files', '-z', '--cached')) == ['app.py', 'hooks.py']
    with pytest.raises(Exception, match='FIFO'):
        listings.untracked()  # the walk still fails, as it did


def test_doctor_reads_tracked_files_beside_a_fifo_gitignore(tree, monkeypatch):
    root, key = tree
    monkeypatch.chdir(root)
    result = run_in_process('together-hooks', 'doctor', cwd=root)
    assert result.rc == 1, result.err
    lines = {li.split(':', 1)[0]: li for li in result.out.splitlines() if li.startswith('[')}
    hmac_line = lines['[FAIL] hmac-constant-time']
    assert 'hooks.py:5: ==' in hmac_line, hmac_line
    assert 'loose.py' not in hmac_line  # the decoy: untracked, never read by this check
    assert 'could not check' not in hmac_line
    # No check passes on what it could not list: your keys and the stages
    # need the untracked env files.
    assert lines['[FAIL] no-hardcoded-keys'], result.out
    assert '[FAIL] keys-differ-per-stage' in lines, result.out
    assert key not in result.out + result.err
