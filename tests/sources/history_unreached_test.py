"""A store that is not shared but holds a few commits no ref reaches (an
amend, a rebase, a deleted branch: ``rev-list --all`` reads no reflog, so
nearly every developer's clone is one): ``scan --history`` starts on the
store's blobs at once instead of waiting for its whole commit walk, and
leaves only what those commits alone hold to after discovery, scanned
then if the walk names it (``history.Listing._apart``).  The findings stay
those of the walk's blobs: a key in a lost commit is not reported, one in
a blob a kept commit holds too (an amend that changed only the message)
is."""
from __future__ import annotations

import json

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.sources import history


def commit(repo, msg: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)


def _amended_and_lost(repo, keys) -> tuple[str, str]:
    """A key added then removed on main, a commit amended (the old one no
    ref reaches), and a branch deleted whose commit adds that key's blob
    again beside a key of its own: both its blobs are left to after
    discovery (its parent and the refs' trees lack them), the first one
    scanned then (a kept commit adds it); (the kept blob, the lost one)."""
    write(repo, 'a.py', 'x = 1\n')
    commit(repo, 'one')
    key = keys()
    write(repo, 'kept.py', f'K = "{key}"\n')
    commit(repo, 'add')
    git(repo, 'rm', '-q', 'kept.py')
    commit(repo, 'remove')
    write(repo, 'a.py', 'x = 2\n')
    commit(repo, 'typo')
    git(repo, 'commit', '-q', '--amend', '--no-verify', '-m', 'later')
    git(repo, 'checkout', '-q', '-b', 'lost')
    write(repo, 'kept.py', f'K = "{key}"\n')
    write(repo, 'lost.py', f'K = "{keys()}"\n')
    commit(repo, 'lost')
    lost = git(repo, 'rev-parse', 'HEAD:lost.py').strip()
    git(repo, 'checkout', '-q', 'main')
    git(repo, 'branch', '-q', '-D', 'lost')
    kept = git(repo, 'rev-parse', 'HEAD~2:kept.py').strip()
    return kept, lost


def _listed(repo) -> tuple[list[bytes], list[bytes], list[str]]:
    """(the blobs listed for discovery, those left to after it, what waited
    for the commit walk while they were listed)."""
    waited: list[str] = []
    log = history.CommitLog(str(repo), None, names=True, blobs=True)
    commits = history.CommitList(str(repo), ['--all'])
    listing = history.Listing(str(repo), False, counted=False)
    listing.counted_by(commits, log)
    wait = log.wait
    log.wait = lambda: (waited.append('log'), wait())[1]  # type: ignore[method-assign]
    try:
        blobs = [sha for sha, _size in listing.blobs()]
        return blobs, [sha for sha, _size in getattr(listing, 'deferred', [])], waited
    finally:
        listing.close()
        commits.close()
        log.close()


def test_the_store_is_listed_without_waiting_for_the_commit_walk(git_repo, keys):
    kept, lost = _amended_and_lost(git_repo, keys)
    assert not history._shares_store(str(git_repo))
    blobs, deferred, waited = _listed(git_repo)
    assert waited == []  # before: the whole walk, then the blobs it names
    assert set(deferred) == {kept.encode(), lost.encode()}
    assert kept.encode() not in blobs and lost.encode() not in blobs
    assert git(git_repo, 'rev-parse', 'HEAD:a.py').strip().encode() in blobs


def test_a_blob_left_to_after_discovery_is_scanned_when_a_kept_commit_holds_it(git_repo, keys):
    _amended_and_lost(git_repo, keys)
    got = scan('--history', '--format', 'json')
    assert got.rc == 1, got
    found = json.loads(got.out)['findings']
    assert [(f['path'], f['commit']) for f in found] == [
        ('kept.py', git(git_repo, 'rev-parse', 'HEAD~2').strip()),
    ]


def test_many_commits_no_ref_reaches_wait_for_the_walk_as_before(git_repo, keys, monkeypatch):
    """Past ``FEW_UNREACHED`` of them the listing keeps what the walk names."""
    kept, lost = _amended_and_lost(git_repo, keys)
    monkeypatch.setattr(history, 'FEW_UNREACHED', 1, raising=False)
    blobs, deferred, waited = _listed(git_repo)
    assert waited and deferred == []
    assert kept.encode() in blobs and lost.encode() not in blobs


def test_exactly_few_unreached_commits_are_listed_without_the_walk(git_repo, keys, monkeypatch):
    """``FEW_UNREACHED`` of them (here two: the amended commit and the
    deleted branch's) still take the route that does not wait."""
    kept, lost = _amended_and_lost(git_repo, keys)
    monkeypatch.setattr(history, 'FEW_UNREACHED', 2)
    blobs, deferred, waited = _listed(git_repo)
    assert waited == [] and set(deferred) == {kept.encode(), lost.encode()}
