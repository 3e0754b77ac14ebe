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


def partial_clone_of_dev(git_repo, tmp_path, old: str):
    """``git_repo`` (the remote) with a branch ``dev`` whose first commit
    holds ``old`` and whose second takes it out, and a partial clone of it
    (``--filter=blob:none``: dev's blobs never fetched) with the plain
    pre-push hook (examples/pre-push.md) installed."""
    from tests.gate_push_test import _plain_hook

    git(git_repo, 'config', 'uploadpack.allowFilter', 'true')
    (git_repo / 'a.txt').write_text('clean\n')
    commit(git_repo, 'root')
    git(git_repo, 'checkout', '-q', '-b', 'dev')
    (git_repo / 'dev.txt').write_text(f'TOGETHER_API_KEY={old}\n')  # on the remote already
    commit(git_repo, 'dev 1')
    (git_repo / 'dev.txt').write_text('TOGETHER_API_KEY=${TOGETHER_API_KEY}\n')
    commit(git_repo, 'dev 2')
    git(git_repo, 'checkout', '-q', 'main')
    clone = tmp_path / 'partial'
    git(tmp_path, 'clone', '-q', '--filter=blob:none', f'file://{git_repo}', str(clone))
    for name, value in (('user.name', 'Dev'), ('user.email', 'dev@example.com')):
        git(clone, 'config', name, value)
    _plain_hook(clone)
    return clone


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


def test_a_push_from_a_partial_clone_scans_what_it_sends(git_repo, tmp_path):
    """``git push`` from a partial clone (examples/pre-push.md's plain
    hook: ``scan --diff R...L``) after merging a branch of the remote
    exited 2: the merged branch's older blobs were never fetched, and the
    range reads that branch's commits.  Those blobs are ones the remote
    already has (the user made none of them), so the push is scanned
    without them: a key the user commits is refused (exit 1, found), a
    clean push passes.  A decoy: the same commits pushed to another remote
    (a fork that lacks the branch) would make git fetch those blobs and
    send them unscanned, so that push fails closed, in one line naming
    the blob, and nothing is fetched."""
    from tests.gitplay import clean_env
    from tests.gitplay import run as run_git
    from tests.gitplay import bare

    rng = random.Random('partial-clone-push')
    old, new = make_key(rng), make_key(rng)
    clone = partial_clone_of_dev(git_repo, tmp_path, old)
    git(clone, 'merge', '-q', '--no-edit', 'origin/dev')
    lacked = _missing(clone)
    assert lacked >= 1  # dev 1's blob: never fetched
    git(git_repo, 'checkout', '-q', '--detach')  # the remote's main can move
    env = clean_env()
    (clone / 'app.py').write_text(f'KEY = "{new}"\n')
    commit(clone, 'key')
    rc, refused = run_git(clone, env, 'git', 'push', 'origin', 'HEAD:main')
    assert rc != 0, refused
    assert hash_secret(new) in refused and 'partial clone' not in refused, refused
    assert hash_secret(old) not in refused, refused
    git(clone, 'reset', '-q', '--hard', 'HEAD~1')
    (clone / 'app.py').write_text('KEY = os.environ["TOGETHER_API_KEY"]\n')
    commit(clone, 'clean')
    rc, passed = run_git(clone, env, 'git', 'push', 'origin', 'HEAD:main')
    assert rc == 0, passed
    assert git(git_repo, 'rev-parse', 'main').strip() == git(clone, 'rev-parse', 'HEAD').strip()
    assert _missing(clone) == lacked  # nothing was fetched
    # The decoy: a fork lacks dev, so git would fetch dev 1's blob to send it.
    fork = bare(tmp_path / 'fork.git')
    git(clone, 'remote', 'add', 'fork', f'file://{fork}')
    rc, fails = run_git(clone, env, 'git', 'push', 'fork', 'HEAD:main')
    assert rc != 0, fails
    ours = [line for line in fails.splitlines() if line.startswith('together-hooks: error:')]
    assert len(ours) == 1 and 'partial clone' in ours[0] and 'dev.txt' in ours[0], fails
    assert 'no branch of fork holds it' in ours[0] and 'git cat-file -e' in ours[0], ours
    assert 'Traceback' not in fails
    assert _missing(clone) == lacked
    assert not git(fork, 'for-each-ref').strip()
    assert leaked([old, new], refused, passed, fails) == []
