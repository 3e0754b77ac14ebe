"""pre-merge-commit passes a key the merged branch holds only where every
remote's tracking refs reach the merged commit (gate37's ``RemoteHeld``).
Those refs vouch only for what they say: a ref of remote ``origin/old``
is not remote ``origin``'s, and a remote whose ``pushurl`` is not its
``url`` (or that has several ``url``s, or whose pushes a
``url.<base>.pushInsteadOf`` rewrites) pushes where its tracking refs
were never fetched from.  Real ``git merge`` through a real
pre-merge-commit hook; each refusal beside the decoy it must pass.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keys import make_hex

ROOT = str(Path(__file__).resolve().parents[2])
HOOK = f"""#!/bin/sh
git diff --cached --name-only -z | PYTHONPATH='{ROOT}' xargs -0 '{sys.executable}' -m together_hooks.hooks.detect_together_keys
"""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, 'GIT_AUTHOR_NAME': 'D', 'GIT_AUTHOR_EMAIL': 'd@e', 'GIT_COMMITTER_NAME': 'D',
           'GIT_COMMITTER_EMAIL': 'd@e'}
    for name in [n for n in env if n.startswith(('GIT_INDEX', 'GIT_DIR', 'GITHEAD_', 'PRE_COMMIT_'))]:
        del env[name]
    return subprocess.run(('git', *args), cwd=cwd, env=env, capture_output=True, text=True)


def _ok(cwd: Path, *args: str) -> str:
    proc = _git(cwd, *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _setup(root: Path, key: str) -> Path:
    """``repo``: main pushed to ``srv.git`` (remote ``origin``); branch
    ``feat`` holds the key in a commit made past the hooks; main moved."""
    for name in ('srv.git', 'other.git'):
        _ok(root, 'init', '-q', '--bare', name)
    repo = root / 'repo'
    _ok(root, 'init', '-q', '-b', 'main', 'repo')
    _ok(repo, 'config', 'commit.gpgsign', 'false')
    (repo / 'a.py').write_text('x = 1\n')
    _ok(repo, 'add', 'a.py')
    _ok(repo, 'commit', '-qm', 'init')
    _ok(repo, 'remote', 'add', 'origin', '../srv.git')
    _ok(repo, 'push', '-q', 'origin', 'main')
    hook = repo / '.git' / 'hooks' / 'pre-merge-commit'
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(HOOK)
    hook.chmod(0o755)
    _ok(repo, 'checkout', '-qb', 'feat')
    (repo / 'k.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    _ok(repo, 'add', 'k.py')
    _ok(repo, 'commit', '-qm', 'key')
    _ok(repo, 'checkout', '-q', 'main')
    (repo / 'b.py').write_text('y = 2\n')
    _ok(repo, 'add', 'b.py')
    _ok(repo, 'commit', '-qm', 'main moves')
    return repo


def _prefix(repo: Path, decoy: bool) -> None:
    """Remote ``origin/old`` has the branch; ``origin`` (the push's) has it
    only in the decoy."""
    _ok(repo, 'remote', 'add', 'origin/old', '../other.git')
    _ok(repo, 'push', '-q', '../other.git', 'feat', 'main')
    if decoy:
        _ok(repo, 'push', '-q', 'origin', 'feat')
    _ok(repo, 'fetch', '-q', '--all')


def _pushurl(repo: Path, decoy: bool) -> None:
    """``origin`` fetches from ``srv.git``, which has the branch, and pushes
    to ``other.git``, which lacks it (the decoy's pushurl is its url)."""
    _ok(repo, 'push', '-q', 'origin', 'feat')
    _ok(repo, 'remote', 'set-url', '--push', 'origin', '../srv.git' if decoy else '../other.git')
    _ok(repo, 'fetch', '-q', 'origin')


def _two_urls(repo: Path, decoy: bool) -> None:
    """``origin`` has two ``url``s: a push goes to both, the fetch read
    the first (the decoy's second url is the first's folder again)."""
    _ok(repo, 'push', '-q', 'origin', 'feat')
    _ok(repo, 'fetch', '-q', 'origin')
    if not decoy:
        _ok(repo, 'config', '--add', 'remote.origin.url', '../other.git')


def _push_instead_of(repo: Path, decoy: bool) -> None:
    """``origin`` fetches from ``srv.git``, which has the branch, and a
    ``url.<base>.pushInsteadOf`` sends its pushes to ``other.git``, which
    lacks it (the decoy's rewrite matches no remote's url)."""
    _ok(repo, 'push', '-q', 'origin', 'feat')
    _ok(repo, 'fetch', '-q', 'origin')
    _ok(repo, 'config', 'url.../other.git.pushInsteadOf', '../elsewhere.git' if decoy else '../srv.git')


@pytest.mark.parametrize('decoy', (False, True), ids=('key', 'decoy'))
@pytest.mark.parametrize('shape', (_prefix, _pushurl, _two_urls, _push_instead_of),
                         ids=lambda f: f.__name__.strip('_'))
def test_a_merged_key_passes_only_where_every_push_target_holds_it(tmp_path, shape, decoy):
    key = make_hex(random.Random(37 + len(shape.__name__)))
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
