"""History discovery reads only what a ref reaches: a store shared with
(or left over from) other histories costs nothing extra, and finds the same."""
from __future__ import annotations

import pytest

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.sources import history


def commit(repo, msg: str = 'c') -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)
    return git(repo, 'rev-parse', 'HEAD').strip()


def blob_of(repo, rev_path: str) -> bytes:
    return git(repo, 'rev-parse', rev_path).strip().encode()


def listed(repo) -> set[bytes]:
    return {sha for sha, _size in history.list_blobs(str(repo), None)}


def test_blobs_of_commits_no_ref_reaches_are_not_read(git_repo, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    gone = commit(git_repo, 'abandoned')
    dropped = blob_of(git_repo, f'{gone}:b.py')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')  # reachable from no ref now
    kept = blob_of(git_repo, 'HEAD:a.py')
    assert listed(git_repo) == {kept}
    assert scan('--history').rc == 0


@pytest.mark.parametrize('how', [(), ('--shared',), ('--no-local',)])
def test_a_local_clone_reads_only_what_its_refs_reach(tmp_path, git_repo, keys, how):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'wip')
    write(git_repo, 'wip.py', f'K = "{keys()}"\n')
    commit(git_repo, 'wip')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'b.py', f'K = "{key}"\n')
    commit(git_repo, 'add b')
    write(git_repo, 'b.py', 'K = None\n')
    commit(git_repo, 'remove b')
    # A local clone hard-links the source's objects (--shared: borrows them
    # through alternates): wip's blobs come along, but only main is cloned
    # as a branch.
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--single-branch', *how, str(git_repo), str(clone))
    assert history._shares_store(str(clone)) is (how != ('--no-local',))
    assert blob_of(git_repo, 'wip:wip.py') not in listed(clone)
    assert blob_of(git_repo, 'main~1:b.py') in listed(clone)
    got = scan('--history', '--format', 'json', cwd=clone)
    assert got.rc == 1
    assert [f['path'] for f in got.json()['findings']] == ['b.py']


def test_a_store_without_unreachable_commits_is_listed_whole(git_repo, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'a.py', 'x = 2\n')
    commit(git_repo)
    assert listed(git_repo) == {
        blob_of(git_repo, 'HEAD:a.py'), blob_of(git_repo, 'HEAD~1:a.py'),
    }


def test_a_pack_bitmap_answers_reachability_exactly(tmp_path, git_repo, keys):
    # A clone of a server's repository hard-links packs that carry a
    # bitmap (written for every ref the source had): the walk asks it,
    # and must still leave out what only the source's other refs reach.
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'wip')
    write(git_repo, 'wip.py', f'K = "{keys()}"\n')
    commit(git_repo, 'wip')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo, 'add b')
    git(git_repo, 'repack', '-q', '-a', '-d', '-b')
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--single-branch', str(git_repo), str(clone))
    assert list((clone / '.git' / 'objects' / 'pack').glob('*.bitmap'))
    assert history._shares_store(str(clone))
    assert listed(clone) == {
        blob_of(git_repo, 'main:a.py'), blob_of(git_repo, 'main:b.py'),
    }
    assert scan('--history', cwd=clone).rc == 0


def _started(trace) -> list[list[str]]:
    import json

    events = (json.loads(line) for line in trace.read_text().splitlines() if line.strip())
    return [e['argv'] for e in events if e.get('event') == 'start']


@pytest.mark.parametrize('bitmap', [False, True])
def test_a_shared_store_is_walked_once(tmp_path, git_repo, keys, monkeypatch, bitmap):
    """In a local clone the commit walk that names paths and attributes
    keys also tells which blobs commits reach: no second walk of every
    tree (``rev-list --objects``), unless a pack bitmap answers at once;
    what only the source's other refs reach is still left out."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    write(git_repo, 'run.sh', '#!/bin/sh\n')
    (git_repo / 'run.sh').chmod(0o755)
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'wip')
    write(git_repo, 'wip.py', f'K = "{keys()}"\n')
    commit(git_repo, 'wip')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'b.py', f'K = "{key}"\n')
    write(git_repo, 'same/a.py', 'x = 1\n')  # a blob at a second path
    commit(git_repo, 'add b')
    write(git_repo, 'b.py', 'K = None\n')
    commit(git_repo, 'remove b')
    if bitmap:
        git(git_repo, 'repack', '-q', '-a', '-d', '-b')
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--single-branch', str(git_repo), str(clone))
    assert history._shares_store(str(clone))
    trace = tmp_path / 'trace.json'
    monkeypatch.setenv('GIT_TRACE2_EVENT', str(trace))
    got = scan('--history', '--format', 'json', cwd=clone)
    assert got.rc == 1
    assert [f['path'] for f in got.json()['findings']] == ['b.py']
    walks = [a for a in _started(trace) if ('log' in a and '--raw' in a) or '--objects' in a]
    assert len(walks) == 1 + bitmap, walks


def test_the_walk_sets_every_blob_commits_reach(git_repo):
    """``CommitLog(blobs=True)``: exactly the blobs ``rev-list --objects``
    finds through commits (merges, a blob kept from one parent, a file
    deleted and added again, executables, symlinks, a submodule)."""
    import os
    import subprocess

    write(git_repo, 'a/b.py', 'x = 1\n')
    os.symlink('a/b.py', git_repo / 'link')
    commit(git_repo)
    sub = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'update-index', '--add', '--cacheinfo', f'160000,{sub},vendor/lib')
    git(git_repo, 'commit', '-q', '-m', 'a submodule')
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'a/b.py', 'x = 2\n')
    write(git_repo, 'side.py', 'y = 1\n')
    commit(git_repo, 'side')
    git(git_repo, 'checkout', '-q', 'main')
    os.unlink(git_repo / 'a/b.py')
    commit(git_repo, 'delete')
    write(git_repo, 'a/b.py', 'x = 1\n')
    commit(git_repo, 'add again')
    git(git_repo, 'merge', '-q', '--no-edit', '-s', 'ours', 'side')
    out = git(git_repo, 'rev-list', '--objects', '--no-object-names', '--filter=object:type=blob', '--all')
    kinds = subprocess.run(  # tips' commits are listed too
        ('git', 'cat-file', '--batch-check'), cwd=git_repo, input=out,
        check=True, capture_output=True, text=True,
    ).stdout
    reached = {line.split()[0].encode() for line in kinds.splitlines() if line.split()[1] == 'blob'}
    assert len(reached) == 4
    log = history.CommitLog(str(git_repo), None, blobs=True)
    try:
        assert log.set_blobs() == reached
    finally:
        log.close()
