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
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import tree_walks
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


def _walk_order(repo) -> list[bytes]:
    """The file blobs of every commit a ref reaches, each where git's
    newest-first walk first shows it on a commit's new side: told here
    from ``git log --raw`` apart from the product's own parse."""
    out = git(repo, 'log', '--raw', '--no-abbrev', '--root', '-c', '-t', '--no-renames',
              '--date-order', '--format=', '--all')
    order: list[bytes] = []
    for line in out.splitlines():
        if not line.startswith(':'):
            continue
        fields = line.split('\t')[0].split(' ')
        mode, sha = fields[len(fields) // 2 - 1], fields[-2]
        if mode in ('100644', '100755', '120000') and sha.encode() not in order:
            order.append(sha.encode())
    return order


def test_a_store_holding_many_unreached_commits_is_read_each_blob_after_its_deltas(git_repo, keys, monkeypatch):
    """Past ``FEW_UNREACHED``, a store of its own (a copy of a local clone,
    whose hard links are gone) holds the other histories' objects too,
    the refs' own between them: it is read as a shared store is, the
    commit walk's blobs each after the blobs stored as deltas on it
    (``_bases_last``, their bases asked by name), with the small
    delta-base cache; not in the store's pack order, nor the walk's."""
    kept, lost = _amended_and_lost(git_repo, keys)
    text = ''.join(f'line {n}: some words to make a file git deltifies\n' for n in range(200))
    for n in range(6):  # versions of one file, each longer: older ones are deltas on newer
        text += f'added {n}\n'
        write(git_repo, 'a.py', text)
        commit(git_repo, f'v{n}')
    git(git_repo, 'repack', '-q', '-a', '-d', '-f')
    monkeypatch.setattr(history, 'FEW_UNREACHED', 1)
    log = history.CommitLog(str(git_repo), None, names=True, blobs=True)
    commits = history.CommitList(str(git_repo), ['--all'])
    listing = history.Listing(str(git_repo), False, counted=False)
    listing.counted_by(commits, log)
    try:
        blobs = [sha for sha, _size in listing.blobs()]
    finally:
        listing.close()
        commits.close()
        log.close()
    assert sorted(blobs) == sorted(_walk_order(git_repo))
    assert kept.encode() in blobs and lost.encode() not in blobs
    out = git(git_repo, 'cat-file', '--batch-check=%(objectname) %(deltabase)', '--batch-all-objects')
    bases = {sha.encode(): base.encode() for sha, base in (line.split() for line in out.splitlines())}
    where = {sha: n for n, sha in enumerate(blobs)}
    deltas = [sha for sha in blobs if bases.get(sha) in where]
    assert len(deltas) >= 4  # before: the walk's order, each base (newer) first
    assert [sha for sha in deltas if where[bases[sha]] < where[sha]] == []
    # The same store scanned: the key a ref reaches is reported, the lost
    # commit's is not, and discovery's git reads with the small cache.
    walks = tree_walks(lambda: scan_in_process('--history', '--format', 'json', cwd=git_repo))
    got = walks.result
    assert got.rc == 1, got
    assert [f['path'] for f in json.loads(got.out)['findings']] == ['kept.py']
    reads = [a for a in walks.started if 'cat-file' in a and '--batch' in a and '--buffer' in a]
    assert reads, walks.started
    assert all(any('deltaBaseCacheLimit=16m' in x for x in a) for a in reads[:1]), reads


def test_a_store_with_few_unreached_commits_is_still_read_from_its_end(git_repo, keys):
    """The decoy: an amend or two leave a store git reads fastest from its
    pack's end (``_oldest_first``); that stays."""
    _amended_and_lost(git_repo, keys)
    walks = tree_walks(lambda: scan_in_process('--history', '--format', 'json', cwd=git_repo))
    assert walks.result.rc == 1, walks.result
    reads = [a for a in walks.started if 'cat-file' in a and '--batch' in a and '--buffer' in a]
    assert any(any('deltaBaseCacheLimit' in x for x in a) for a in reads), reads
