"""pre-merge-commit's tracking refs without a reflog (session 38, gate38):
a ref git wrote with ``core.logAllRefUpdates=false`` (or one whose log
expired) is taken as git left it, so the owner rule alone
(``_tracking_owner``) decides whose it is; a ref whose reflog's newest
entry is ``git update-ref``'s bounds nothing (``Remotes.vouches``).  A
real ``git merge`` through a plain pre-merge-commit hook, as
``remote_held_review37c_test.py``."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.hooks.remote_held_review37c_test import _git
from tests.hooks.remote_held_review37c_test import _ok
from tests.hooks.remote_held_review37c_test import _setup
from tests.keys import make_hex

NO_LOG = ('-c', 'core.logAllRefUpdates=false')


def _prefix_unlogged(repo: Path, decoy: bool) -> None:
    """Remote ``origin/old`` has the branch, fetched with no reflog written;
    ``origin`` (the push's) has it only in the decoy."""
    _ok(repo, 'remote', 'add', 'origin/old', '../other.git')
    _ok(repo, 'push', '-q', '../other.git', 'feat', 'main')
    if decoy:
        _ok(repo, 'push', '-q', '../srv.git', 'feat')
    for log in repo.glob('.git/logs/refs/remotes/**/*'):
        if log.is_file():
            log.unlink()
    _ok(repo, *NO_LOG, 'fetch', '-q', '--all')
    assert not [p for p in repo.glob('.git/logs/refs/remotes/**/feat')]


def _update_ref(repo: Path, decoy: bool) -> None:
    """``refs/remotes/origin/feat`` made by ``git update-ref`` (``origin``
    lacks the branch); the decoy's was written by a push."""
    if decoy:
        _ok(repo, 'push', '-q', 'origin', 'feat')
    else:
        _ok(repo, 'update-ref', 'refs/remotes/origin/feat', 'feat')


@pytest.mark.parametrize('decoy', (False, True), ids=('key', 'decoy'))
@pytest.mark.parametrize('shape', (_prefix_unlogged, _update_ref), ids=lambda f: f.__name__.strip('_'))
def test_a_merged_key_passes_only_where_every_remote_is_known_to_hold_it(tmp_path, shape, decoy):
    key = make_hex(random.Random(38 + len(shape.__name__)))
    repo = _setup(tmp_path, key)
    shape(repo, decoy)
    proc = _git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'feat')
    out = proc.stdout + proc.stderr
    assert key not in out
    if decoy:
        assert proc.returncode == 0, out
        assert 'on a remote branch already' in out
    else:
        assert proc.returncode != 0, out
        assert 'together-legacy-api-key' in out
        assert _ok(repo, 'rev-parse', 'HEAD^@').count('\n') == 1  # no merge commit made
