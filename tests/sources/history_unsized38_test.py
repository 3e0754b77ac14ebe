"""A large store of its own (``history.UNSIZED_IDX_BYTES`` of pack
indexes) is listed without the blobs' sizes: git gives each object's bytes
in the pack from its index, where a size makes it inflate the head of
every object stored as a delta.  Discovery cuts its halves by those bytes,
takes the store for large in its choices (``LARGE_STORE_BYTES``), and
counts the bytes it reads, which are the blobs' sizes (``cat-file
--batch``'s header): the report says the same whichever way the store was
listed, forked or not, with the blobs of commits no ref reaches left to
after discovery or dropped."""
from __future__ import annotations

import json
import os
import random
import shutil

import pytest

from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.sources import history
from together_hooks.sources import parallel


def _commit(repo, msg: str) -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)


@pytest.fixture(scope='module')
def store(tmp_path_factory):
    """A packed repository whose file's thirty versions are deltas (their
    bytes in the pack far under their sizes), a blob of random bytes (in
    the pack a little over its size), a key added then removed, and a
    commit reset away (no ref reaches it) that alone held a second key and
    put the first one's blob back: both its blobs are left to after
    discovery, the first scanned then (a kept commit adds it), the second
    not; (its folder, the reachable key, the lost key)."""
    rng = random.Random('perfF38-unsized')
    kept, lost = make_key(rng), make_key(rng)
    repo = tmp_path_factory.mktemp('unsized') / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    for name, value in (('user.email', 'dev@example.com'), ('user.name', 'Dev'), ('commit.gpgsign', 'false')):
        git(repo, 'config', name, value)
    lines = [f'line {n}: {rng.getrandbits(64):016x} and words enough to make it long\n' for n in range(300)]
    for version in range(30):
        lines[rng.randrange(len(lines))] = f'changed {version}: {rng.getrandbits(64):016x}\n'
        lines.append(f'added {version}: {rng.getrandbits(64):016x}\n')
        write(repo, 'data.txt', ''.join(lines))
        if version == 5:
            with open(os.path.join(repo, 'noise.bin'), 'wb') as f:
                f.write(rng.randbytes(50_000))
            write(repo, 'conf.py', f'client = Together(api_key="{kept}")\n')
        if version == 6:
            os.unlink(os.path.join(repo, 'conf.py'))
        _commit(repo, f'v{version}')
    write(repo, 'late.py', f'client = Together(api_key="{lost}")\n')
    write(repo, 'conf.py', f'client = Together(api_key="{kept}")\n')  # v5's blob again
    _commit(repo, 'typo')
    git(repo, 'reset', '-q', '--hard', 'HEAD~1')
    git(repo, 'reflog', 'expire', '--expire=now', '--all')
    git(repo, 'gc', '-q', '--prune=never')
    return str(repo), kept, lost


def _listed_with(repo: str, fmt: str) -> dict[bytes, int]:
    out = git(repo, 'cat-file', '--batch-all-objects', f'--batch-check=%(objecttype) %(objectname) {fmt}')
    return {
        sha.encode(): int(size)
        for kind, sha, size in (line.split() for line in out.splitlines()) if kind == 'blob'
    }


def _reachable(repo: str) -> list[bytes]:
    """The blobs the refs reach (``rev-list`` names the commits too)."""
    shas = git(repo, 'rev-list', '--objects', '--no-object-names', '--filter=object:type=blob', '--all')
    sizes = _listed_with(repo, '%(objectsize)')
    return [sha.encode() for sha in shas.split() if sha.encode() in sizes]


def _reachable_bytes(repo: str) -> int:
    """The sizes of the blobs the refs reach, summed."""
    sizes = _listed_with(repo, '%(objectsize)')
    return sum(sizes[sha] for sha in _reachable(repo))


def _objects(repo: str) -> str:
    return os.path.join(repo, '.git', 'objects')


@pytest.mark.parametrize('large', [True, False])
def test_a_large_store_is_listed_by_its_blobs_bytes_in_the_pack(store, monkeypatch, large):
    repo, _kept, _lost = store
    assert not history._shares_store(repo)
    monkeypatch.setattr(history, 'UNSIZED_IDX_BYTES', 1 if large else 1 << 40)
    listing = history.Listing(repo, False, objects=_objects(repo))
    try:
        blobs = dict(listing.blobs())
    finally:
        listing.close()
    assert listing.exact is not large
    packed, sized = _listed_with(repo, '%(objectsize:disk)'), _listed_with(repo, '%(objectsize)')
    assert blobs == {sha: (packed if large else sized)[sha] for sha in blobs}
    # The deltas' bytes in the pack are far under their sizes, random bytes
    # a little over: what the report must not take for the sizes.
    assert sum(packed[sha] for sha in blobs) * 4 < sum(sized[sha] for sha in blobs)
    assert any(packed[sha] > sized[sha] for sha in blobs)


def test_a_store_below_the_bound_is_listed_with_its_sizes(store):
    repo, _kept, _lost = store
    for shared in (False, True):  # a shared store is never listed whole
        listing = history.Listing(repo, shared, objects=_objects(repo))
        listing.close()
        assert listing.exact


@pytest.fixture(scope='module')
def linked(store, tmp_path_factory):
    """A clone by its path of a copy of ``store`` (whose own files keep one
    link each): packs hard-linked, a shared store (``LogSized`` lists the
    blobs the commit walk names)."""
    base = tmp_path_factory.mktemp('unsized-linked')
    shutil.copytree(store[0], base / 'src', symlinks=True)
    clone = str(base / 'clone')
    git(base, 'clone', '-q', str(base / 'src'), clone)
    assert history._shares_store(clone)
    return clone


def test_a_shared_large_store_lists_the_walk_s_blobs_by_their_bytes_in_the_pack(linked, monkeypatch):
    for large in (True, False):
        monkeypatch.setattr(history, 'UNSIZED_IDX_BYTES', 1 if large else 1 << 40)
        objects = _objects(linked)
        sized = history.LogSized(linked, history._small_store(objects))
        log = history.CommitLog(linked, None, names=True, sized=sized, commits=True)
        listing = history.Listing(linked, True, counted=False, sized=sized, objects=objects)
        try:
            blobs = dict(listing.blobs())
        finally:
            listing.close()
            log.close()
        assert listing.exact is not large
        wanted = _listed_with(linked, '%(objectsize:disk)' if large else '%(objectsize)')
        assert blobs == {sha: wanted[sha] for sha in blobs}
        assert set(blobs) == set(_reachable(linked))


@pytest.mark.parametrize('large', [True, False])
@pytest.mark.parametrize('fork', [True, False])
@pytest.mark.parametrize('kind', ['own', 'linked'])
def test_the_report_counts_the_blobs_sizes_however_the_store_was_listed(
        store, linked, monkeypatch, large, fork, kind):
    repo, kept, lost = store
    if kind == 'linked':
        repo = linked
    assert history._shares_store(repo) is (kind == 'linked')
    monkeypatch.setattr(history, 'UNSIZED_IDX_BYTES', 1 if large else 1 << 40)
    monkeypatch.setattr(history, 'FORK_MIN_BYTES', 0 if fork else 1 << 40)
    if large and not fork:  # a store listed without sizes is taken for large: it forks
        monkeypatch.setattr(parallel, 'available', lambda: False)
    result = scan_in_process('--history', '--format', 'json', cwd=repo)
    assert result.rc == 1, result.err
    report = result.json()
    summary = report['summary']
    assert summary['blob_bytes_scanned'] == _reachable_bytes(repo)
    assert summary['blobs_scanned'] == len(_reachable(repo))  # all but the lost one
    hashes = {f['hashed_secret'] for f in report['findings']}
    assert hash_secret(kept) in hashes
    assert hash_secret(lost) not in hashes  # only in a commit no ref reaches
    assert summary['commits_scanned'] == 30


def test_discovery_takes_a_store_listed_without_sizes_for_large(store, monkeypatch):
    """Its choices (the blob test, the fork, what ``prepare`` compiles)
    are asked for more than any of their bounds, whatever the blobs'
    bytes in the pack sum to."""
    repo, _kept, _lost = store
    asked: list[int] = []

    def worth(nbytes: int):
        asked.append(nbytes)
        return None

    monkeypatch.setattr(parallel, 'available', lambda: False)
    blobs = list(_listed_with(repo, '%(objectsize:disk)').items())
    quiet = history.Progress(False)
    history.discover(repo, blobs, quiet, lambda content: [], worth=worth, exact=False)
    history.discover(repo, blobs, quiet, lambda content: [], worth=worth)
    assert asked == [history.LARGE_STORE_BYTES, sum(n for _sha, n in blobs)]
    assert history.LARGE_STORE_BYTES >= max(history.FORK_MIN_BYTES, 16 << 20)


@pytest.mark.parametrize('large', [True, False])
def test_a_store_holding_many_unreached_commits_asks_the_walk_s_blobs_as_it_was_listed(store, monkeypatch, large):
    """Past ``FEW_UNREACHED`` the blobs the commit walk names are asked
    again by name, with their delta bases (a copied local clone, a
    mirror): by their bytes in the pack where the store was listed so,
    and the report still counts their sizes."""
    repo, kept, lost = store
    monkeypatch.setattr(history, 'UNSIZED_IDX_BYTES', 1 if large else 1 << 40)
    monkeypatch.setattr(history, 'FEW_UNREACHED', 0)
    log = history.CommitLog(repo, None, names=True, blobs=True, commits=True)
    commits = history.CommitList.of_log(log)
    listing = history.Listing(repo, False, counted=False, objects=_objects(repo))
    listing.counted_by(commits, log)
    try:
        blobs = dict(listing.blobs())
    finally:
        listing.close()
        log.close()
    assert listing.deferred == []
    assert set(blobs) == set(_reachable(repo))
    wanted = _listed_with(repo, '%(objectsize:disk)' if large else '%(objectsize)')
    assert blobs == {sha: wanted[sha] for sha in blobs}
    result = scan_in_process('--history', '--format', 'json', cwd=repo)
    assert result.rc == 1, result.err
    assert result.json()['summary']['blob_bytes_scanned'] == _reachable_bytes(repo)
    assert {f['hashed_secret'] for f in result.json()['findings']} >= {hash_secret(kept)}
    assert hash_secret(lost) not in {f['hashed_secret'] for f in result.json()['findings']}
