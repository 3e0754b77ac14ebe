"""A partial clone (``git clone --filter=blob:none``: actions/checkout
with a filter, a large monorepo) holds only the blobs it was sent.  Asked
for one it lacks, git fetches it from the promisor remote: before
``gitrun.NO_NETWORK`` a ``scan --diff`` over such a range connected to
the remote unasked (the product makes no connection unless told to:
``--verify``, ``--github-org``).  Now such a read fails closed in one line,
and the blobs the clone holds are scanned as ever, with no connection.
"""
from __future__ import annotations

import random

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.conftest import git
from tests.gitplay import commit
from tests.keys import make_key
from together_hooks.findings import hash_secret


def _missing(repo) -> int:
    """How many objects the clone lacks (``--missing=print`` never fetches)."""
    listed = git(repo, 'rev-list', '--objects', '--missing=print', '--all')
    return sum(line.startswith('?') for line in listed.splitlines())


def test_a_partial_clone_never_fetches_a_blob_it_lacks(git_repo, tmp_path):
    rng = random.Random('partial-clone')
    gone, kept = make_key(rng), make_key(rng)
    git(git_repo, 'config', 'uploadpack.allowFilter', 'true')
    (git_repo / 'a.txt').write_text('clean\n')
    commit(git_repo, 'root')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    (git_repo / 'k.txt').write_text(f'TOGETHER_API_KEY={gone}\n')
    commit(git_repo, 'add')
    (git_repo / 'k.txt').unlink()
    commit(git_repo, 'remove')
    git(git_repo, 'checkout', '-q', '-b', 'kept', 'main')
    (git_repo / 'kept.txt').write_text(f'TOGETHER_API_KEY={kept}\n')
    commit(git_repo, 'kept')
    clone = tmp_path / 'partial'
    git(tmp_path, 'clone', '-q', '--filter=blob:none', '--no-checkout', f'file://{git_repo}', str(clone))
    git(clone, 'checkout', '-q', 'feature')  # its tree's blobs only: the key's is not among them
    before = _missing(clone)
    assert before >= 1
    ranged = scan('--diff', 'origin/main...HEAD', cwd=clone)
    single = scan('--commits', 'HEAD~1', cwd=clone)
    for result in (ranged, single):
        assert result.rc == 2, result.out + result.err
        assert 'Traceback' not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert 'partial clone' in result.err
    assert _missing(clone) == before  # nothing was fetched
    # What the clone holds is scanned without a connection: exit 1, found.
    git(clone, 'checkout', '-q', 'kept')
    before = _missing(clone)
    held = scan('--diff', 'origin/main...HEAD', '--format', 'json', cwd=clone)
    assert held.rc == 1, held.err
    assert {f['hashed_secret'] for f in held.json()['findings']} == {hash_secret(kept)}
    assert _missing(clone) == before
    assert leaked([gone, kept], ranged.out + ranged.err, single.out + single.err, held.out + held.err) == []
