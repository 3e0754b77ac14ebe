"""A store shared with other histories (a local clone's packs, hard-linked
from its source; alternates) is read each blob after the blobs stored as
deltas on it (``history._bases_last``), with the small delta-base cache
(``PACK_END_READING``): the order a store of its own comes in from its
packs' end, which a pack holding other histories' objects between the
refs' own does not keep.  Only the order changes: in every kind of store
the blobs read are those the refs reach (a key only in a blob no ref
reaches is not reported, one in a reachable blob is), and every blob a
listing names comes back once, whatever its delta bases say."""
from __future__ import annotations

import json
import os
import random
import shutil

import pytest

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_key
from tests.sources.histories import tree_walks
from together_hooks.findings import hash_secret
from together_hooks.sources import history


def _commit(repo, msg: str) -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)


@pytest.fixture(scope='module')
def source(tmp_path_factory):
    """A repository whose packs deltify a file's forty versions, a key
    added then removed on ``main`` (reachable), and a branch ``pr`` that
    a ``--single-branch`` clone does not take, holding a key of its own
    and further versions of that file (so a reachable version may be a
    delta on one no clone's ref reaches); (its folder, the reachable
    key, the branch's key)."""
    rng = random.Random('perfL36-bases-last')
    kept, lost = make_key(rng), make_key(rng)
    repo = tmp_path_factory.mktemp('bases-last') / 'src'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    for name, value in (('user.email', 'dev@example.com'), ('user.name', 'Dev'), ('commit.gpgsign', 'false')):
        git(repo, 'config', name, value)
    lines = [f'line {n}: {rng.getrandbits(64):016x} and some words to make it long\n' for n in range(200)]
    for version in range(40):
        # Each version longer: git deltifies the older, smaller ones on
        # the newer (a pack's usual shape), so the newest-first walk meets
        # a base before its deltas.
        lines[rng.randrange(len(lines))] = f'changed {version}: {rng.getrandbits(64):016x}\n'
        lines.append(f'added {version}: {rng.getrandbits(64):016x}\n')
        write(repo, 'data.txt', ''.join(lines))
        if version == 10:
            write(repo, 'conf.py', f'client = Together(api_key="{kept}")\n')
        if version == 11:
            os.unlink(os.path.join(repo, 'conf.py'))
        _commit(repo, f'v{version}')
    git(repo, 'checkout', '-q', '-b', 'pr')
    for version in range(5):
        lines[rng.randrange(len(lines))] = f'pr {version}: {rng.getrandbits(64):016x}\n'
        write(repo, 'data.txt', ''.join(lines))
        write(repo, 'pr.py', f'TOGETHER_API_KEY = "{lost}"  # {version}\n')
        _commit(repo, f'pr {version}')
    git(repo, 'checkout', '-q', 'main')
    git(repo, 'repack', '-q', '-a', '-d', '-f', '--depth=50', '--window=50')
    return repo, kept, lost


def _clone(source, tmp_path, kind: str) -> str:
    """A ``--single-branch`` clone of ``main``: its packs hard-linked
    (``linked``, as ``git clone PATH`` makes), that clone copied (``copy``:
    the links gone, the other branch's objects kept), borrowing the
    source's store (``shared``: alternates), hard-linked from a source
    with a pack bitmap (``bitmap``; ``shared-bitmap``: borrowing from
    it), or a store of its own (``no-local``)."""
    src = source[0]
    if kind in ('bitmap', 'shared-bitmap'):
        bitmapped = tmp_path / 'bitmapped'
        shutil.copytree(src, bitmapped, symlinks=True)
        git(bitmapped, 'repack', '-q', '-a', '-d', '-b')
        src = bitmapped
    clone = tmp_path / 'clone'
    how = {'shared': ['--shared'], 'shared-bitmap': ['--shared'], 'no-local': ['--no-local']}.get(kind, [])
    git(tmp_path, 'clone', '-q', '--single-branch', '--branch', 'main', *how, str(src), str(clone))
    if kind == 'copy':
        copied = tmp_path / 'copied'
        shutil.copytree(clone, copied, symlinks=True)
        shutil.rmtree(clone)
        return str(copied)
    return str(clone)


def _bases(repo: str, shas: list[bytes]) -> dict[bytes, bytes]:
    out = git(repo, 'cat-file', '--batch-check=%(objectname) %(deltabase)', '--batch-all-objects')
    pairs = dict(line.encode().split() for line in out.splitlines())
    return {sha: pairs[sha] for sha in shas if pairs.get(sha, b'0' * 40) != b'0' * 40}


def _walked_blobs(repo: str) -> set[bytes]:
    """Every file blob a commit a ref reaches holds, told from ``git
    rev-list`` apart from the product's walk."""
    out = git(repo, 'rev-list', '--objects', '--no-object-names', '--filter=object:type=blob', '--all')
    return {line.encode() for line in out.split()} - {line.encode() for line in git(repo, 'rev-list', '--all').split()}


def _read_order(clone: str, kind: str) -> list[tuple[bytes, int]]:
    """The blobs discovery is given: the commit walk's (``LogSized``, a
    store without a bitmap), the walk of the refs' (``_Sized``, a bitmap
    answers it), or that walk's from a bound (``--since``)."""
    if kind == 'since':
        return history.list_blobs(clone, git(clone, 'rev-list', '--max-parents=0', 'HEAD').strip())
    if kind == 'bitmap':
        listing = history.Listing(clone, True, counted=False)
        try:
            return listing.blobs()
        finally:
            listing.close()
    sized = history.LogSized(clone)
    log = history.CommitLog(clone, None, sized=sized)
    try:
        return sized.blobs()
    finally:
        log.close()
        sized.close()


@pytest.mark.parametrize('kind', ['linked', 'bitmap', 'since'])
def test_a_shared_store_reads_each_blob_after_its_deltas(source, tmp_path, kind):
    clone = _clone(source, tmp_path, 'bitmap' if kind == 'bitmap' else 'linked')
    assert history._shares_store(clone)
    assert history._has_bitmap(history._objects_dir(clone)) is (kind == 'bitmap')
    blobs = _read_order(clone, kind)
    expected = _walked_blobs(clone)
    if kind == 'since':  # the first commit's blobs are below the bound
        first = git(clone, 'rev-list', '--max-parents=0', 'HEAD').strip()
        expected -= set(git(clone, 'ls-tree', '-r', '--format=%(objectname)', first).encode().split())
    order = [sha for sha, _size in blobs]
    assert len(order) == len(set(order)) and set(order) == expected
    sizes = {sha: int(git(clone, 'cat-file', '-s', sha.decode())) for sha in order}
    assert dict(blobs) == sizes
    bases = {sha: base for sha, base in _bases(clone, order).items() if base in sizes}
    assert len(bases) >= 30  # the file's versions are deltas on each other
    where = {sha: n for n, sha in enumerate(order)}
    # Before: the walk's order, newest first, each base (a newer version)
    # before the older versions stored as deltas on it (a bitmap's store:
    # pack order from its end, listed whole for it).
    assert [sha for sha, base in bases.items() if where[base] < where[sha]] == []


@pytest.mark.parametrize('kind', ['linked', 'copy', 'shared', 'bitmap', 'shared-bitmap', 'no-local'])
def test_only_what_the_refs_reach_is_reported_in_every_kind_of_store(source, tmp_path, kind):
    _src, kept, lost = source
    clone = _clone(source, tmp_path, kind)
    assert history._shares_store(clone) == (kind not in ('copy', 'no-local'))
    walks = tree_walks(lambda: scan('--history', '--format', 'json', cwd=clone))
    got = walks.result
    assert got.rc == 1, got
    assert kept not in got.out + got.err and lost not in got.out + got.err
    found = json.loads(got.out)['findings']
    assert [(f['path'], f['hashed_secret']) for f in found] == [('conf.py', hash_secret(kept))]
    assert json.loads(got.out)['summary']['blobs_scanned'] == len(_walked_blobs(clone))
    reads = [a for a in walks.started if 'cat-file' in a and '--batch' in a and '--batch-check' not in ' '.join(a)]
    if kind in ('linked', 'shared', 'bitmap', 'shared-bitmap'):
        # Each blob after its deltas: the small cache holds what the next needs.
        assert reads and all('core.deltaBaseCacheLimit=16m' in a for a in reads[:1]), reads
    if kind == 'shared-bitmap':
        # Its size unknown (it borrows a store of any size: a pool of
        # forks), its commits are listed by a walk of their own, which
        # discovery's fork does not wait for (``_one_walk``).
        assert any('rev-list' in a and '--date-order' in a for a in walks.started), walks.started


def test_a_shallow_clone_is_still_refused(source, tmp_path):
    clone = tmp_path / 'shallow'
    git(tmp_path, 'clone', '-q', '--depth', '1', f'file://{source[0]}', str(clone))
    got = scan('--history', cwd=clone)
    assert got.rc == 2 and 'shallow clone' in got.err and 'Traceback' not in got.err


def _listing(rows: list[tuple[str, int, str]]) -> bytes:
    return b''.join(f'blob {sha * 40} {size} {base * 40}\n'.encode() for sha, size, base in rows)


def test_every_listed_blob_comes_back_once_whatever_its_bases_say():
    # A base outside the listing (e on f: a blob no ref reaches; j on e),
    # a family (b and c on a, d on c), a cycle across two packs (g on h,
    # h on g), a delta on itself (i), a blob listed twice (a), a tree.
    rows = [
        ('e', 5, 'f'), ('a', 1, '0'), ('b', 2, 'a'), ('c', 3, 'a'), ('d', 4, 'c'), ('j', 9, 'e'),
        ('g', 6, 'h'), ('h', 7, 'g'), ('i', 8, 'i'), ('a', 1, '0'),
    ]
    out = _listing(rows) + b'tree ' + b'9' * 40 + b' 10 ' + b'0' * 40 + b'\n'
    got = history._bases_last(out)
    shas = [sha.decode()[0] for sha, _size in got]
    assert sorted(shas) == sorted('abcdeghij') and len(shas) == 9
    assert dict((sha.decode()[0], n) for sha, n in got) == {s: n for s, n, _b in rows}
    where = {sha: n for n, sha in enumerate(shas)}
    assert where['b'] < where['a'] and where['c'] < where['a'] and where['d'] < where['c']
    # Families in listed order (e's, a root: its base is not listed; then
    # a's), deltas on one base too; what no root reaches last, as listed.
    assert shas[:6] == ['j', 'e', 'b', 'd', 'c', 'a'] and shas[6:] == ['g', 'h', 'i']
    # A blob git cannot find fails the run, as ever.
    with pytest.raises(Exception, match='is missing'):
        history._bases_last(_listing([('a', 1, '0')]) + b'b' * 40 + b' missing\n')
