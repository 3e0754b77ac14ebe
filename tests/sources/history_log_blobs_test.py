"""``scan --history`` reads the file blobs its commit walk (``git log
--raw``) names, sized as the walk goes (``history.LogSized``), instead of a
reachability walk of its own where the store holds more than the refs reach
(a local clone's hard-linked packs, alternates, a clone left with commits
no ref reaches).  Those are exactly the blobs attribution can name; the
findings stay those of a clone that holds only what its refs reach."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import scan
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import branchy_history
from tests.sources.histories import tree_walks
from together_hooks import gitrun
from together_hooks.findings import hash_secret
from together_hooks.sources import history


def commit(repo, msg: str = 'c') -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)
    return git(repo, 'rev-parse', 'HEAD').strip()


def _log_sized(root: str) -> list[tuple[bytes, int]]:
    sized = history.LogSized(root)
    log = history.CommitLog(root, None, sized=sized)
    try:
        return sized.blobs()
    finally:
        log.close()
        sized.close()


def _walk_sized(root: str) -> list[tuple[bytes, int]]:
    walk = history._Sized(root)
    try:
        return walk.blobs()
    finally:
        walk.close()


def _planted(repo, keys) -> str:
    """Keys where a commit walk could miss them: only in a merge's
    resolution, as a symlink's target, added then removed, in a file a
    merge took from one side, under a note; the branchy history around
    them (a submodule, a ``-s ours`` merge, a file deleted and added
    again); a tag of a blob (reached through no commit).  The blob tagged."""
    branchy_history(repo, commit)
    write(repo, 'conf.py', 'x = 1\n')
    commit(repo, 'conf')
    git(repo, 'checkout', '-q', '-b', 'two')
    write(repo, 'conf.py', 'x = 2\n')
    write(repo, 'theirs.py', f'K = "{keys()}"\n')
    commit(repo, 'two')
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'conf.py', 'x = 3\n')
    commit(repo, 'three')
    git(repo, 'merge', '-q', '--no-edit', 'two', '--no-commit', '--strategy-option=ours')
    write(repo, 'conf.py', f'client = Together(api_key="{keys()}")\n')
    commit(repo, 'merge two, the key only in the resolution')
    os.symlink(keys(), os.path.join(repo, 'key-link'))
    commit(repo, 'a link whose target is a key')
    write(repo, 'gone.py', f'TOGETHER_API_KEY = "{keys()}"\n')
    commit(repo, 'add a key')
    os.unlink(os.path.join(repo, 'gone.py'))
    commit(repo, 'remove it')
    git(repo, 'notes', 'add', '-m', f'TOGETHER_API_KEY={keys()}', 'HEAD')
    blob = gitrun.git(str(repo), 'hash-object', '-w', '--stdin', input=f'TOGETHER_API_KEY={keys()}\n'.encode())
    git(repo, 'tag', 'a-blob', blob.decode().strip())
    git(repo, 'tag', '-a', 'v1', '-m', 'release', 'HEAD~1')
    return blob.decode().strip()


def test_the_commit_walk_names_every_blob_a_commit_reaches(git_repo, keys):
    """Merges (a resolution, ``-s ours``), symlinks, a submodule, notes,
    a file deleted and added again: the walk's blobs are the reachability
    walk's, with the same sizes, but for a blob only a tag reaches."""
    tagged = _planted(git_repo, keys).encode()
    from_log = dict(_log_sized(str(git_repo)))
    walked = dict(_walk_sized(str(git_repo)))
    assert walked.keys() - from_log.keys() == {tagged}
    assert not from_log.keys() - walked.keys()
    assert all(walked[sha] == size for sha, size in from_log.items())
    # Each blob once, newest first: the walk is newest commit first and
    # names a blob where it first meets it, so a blob only the first commit
    # puts at a path (the symlink) comes last, and one a later commit puts
    # back (``a/b.py`` added again) where that commit is.
    listed = [sha for sha, _n in _log_sized(str(git_repo))]
    assert len(listed) == len(set(listed))
    root = git(git_repo, 'rev-list', '--max-parents=0', 'main', '--').strip()
    link, again = (git(git_repo, 'rev-parse', f'{root}:{name}').strip().encode() for name in ('link', 'a/b.py'))
    assert listed[-1] == link
    assert listed.index(again) < len(listed) - 2


def test_a_shared_store_reads_what_the_commit_walk_names(tmp_path, git_repo, keys):
    """A local clone (hard-linked packs) holding a branch it did not clone:
    one walk of the trees (the commit log), no reachability walk, and the
    findings of a ``--no-local`` clone, key for key."""
    _planted(git_repo, keys)
    git(git_repo, 'checkout', '-q', '-b', 'wip')
    write(git_repo, 'wip.py', f'K = "{keys()}"\n')  # reached by no ref of the clones
    commit(git_repo, 'wip')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'gc', '-q')
    found = {}
    for how in ('--no-local', '--local'):
        clone = tmp_path / how.strip('-')
        git(tmp_path, 'clone', '-q', '--single-branch', how, str(git_repo), str(clone))
        git(clone, 'fetch', '-q', 'origin', 'refs/notes/*:refs/notes/*', 'refs/tags/*:refs/tags/*')
        walks = tree_walks(lambda: scan('--history', '--format', 'json', cwd=clone))
        got = walks.result
        assert got.rc == 1, got
        found[how] = sorted(
            (f['path'], f.get('commit'), f['hashed_secret']) for f in got.json()['findings'])
        if how == '--local':
            assert history._shares_store(str(clone))
            # (The tag of a blob is walked from that blob alone.)
            assert [a for a in walks.argvs if '--all' in a] == [
                a for a in walks.argvs if 'log' in a], walks.argvs
            assert len([a for a in walks.argvs if 'log' in a]) == 1, walks.argvs
    assert found['--local'] == found['--no-local']
    paths = {path for path, _c, _h in found['--local']}
    assert {'conf.py', 'key-link', 'gone.py', 'theirs.py'} <= paths
    assert 'wip.py' not in paths
    assert len(found['--local']) == 6, paths  # four in files, a note, a tagged blob


def test_a_store_with_commits_no_ref_reaches_keeps_what_the_walk_names(git_repo, keys):
    """A store that is not shared but holds an abandoned commit (a reset):
    the blobs the commit walk names are kept, with no second walk of the
    trees (before: a reachability walk, after the listing); only the
    abandoned commit's own trees are walked (``Listing._apart``)."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    abandoned = commit(git_repo, 'abandoned')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    write(git_repo, 'c.py', f'K = "{keys()}"\n')
    commit(git_repo, 'kept')
    assert not history._shares_store(str(git_repo))
    walks = tree_walks(lambda: scan('--history', '--format', 'json'))
    got = walks.result
    assert got.rc == 1, got
    assert [f['path'] for f in got.json()['findings']] == ['c.py']
    # One walk of the trees beside the commit log: the abandoned commit's,
    # down to its edge, no more.
    objects = [a[a.index('rev-list'):] for a in walks.argvs if '--objects' in a]
    assert objects == [[
        'rev-list', '--objects', '--no-object-names', '--filter=object:type=blob',
        abandoned, '--not', '--all', '--',
    ]], walks.argvs


def test_a_blob_the_walk_names_that_a_shared_store_lacks_fails_closed(tmp_path, git_repo, keys):
    """A clone borrowing its objects (alternates) whose source lost a blob
    a commit holds: one line naming it, exit 2 (the walk of the trees reads
    no blob, so it cannot tell)."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    commit(git_repo)
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--shared', str(git_repo), str(clone))
    lost = git(git_repo, 'rev-parse', 'HEAD:b.py').strip()
    os.remove(os.path.join(git_repo, '.git', 'objects', lost[:2], lost[2:]))
    got = scan('--history', cwd=clone)
    assert got.rc == 2, got
    assert 'Traceback' not in got.err and len(got.err.strip().splitlines()) == 1, got.err
    assert lost in got.err


def test_a_store_with_a_bitmap_is_still_walked(tmp_path, git_repo, keys):
    """A pack bitmap answers the reachability walk at once, so discovery
    need not wait for the commit log: that store keeps the walk."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'repack', '-q', '-a', '-d', '-b')
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', str(git_repo), str(clone))
    assert history._has_bitmap(os.path.join(clone, '.git', 'objects'))
    assert not history._has_bitmap(os.path.join(git_repo, 'nothing'))
    walks = tree_walks(lambda: scan('--history', cwd=clone))
    assert walks.result.rc == 0
    assert any('--use-bitmap-index' in a for a in walks.argvs)


def test_a_commit_walk_read_in_part_fails_the_run(tmp_path, git_repo, keys, monkeypatch):
    """The walk's reader dying partway (a MemoryError under ``ulimit -v``)
    fed only part of the blobs to be sized: discovery must not scan that
    part and pass; the reader's failure is raised where the listing is
    waited for."""
    from together_hooks.pipeline import Scanner

    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    commit(git_repo)
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', str(git_repo), str(clone))
    assert history._shares_store(str(clone))

    def dies(self, chunk):
        raise MemoryError('the reader died')

    monkeypatch.setattr(history.AddedNames, '__call__', dies)
    scanner = Scanner.for_run()
    found = history.scan_history(str(clone), scanner.scan_one, names=True, worth=scanner.blob_test)
    try:
        with pytest.raises(MemoryError, match='the reader died'):
            list(found)
    finally:
        found.close()


@pytest.mark.parametrize('how', ['shared', 'chain', 'relative'])
def test_a_store_borrowing_a_bitmap_is_still_walked(tmp_path, git_repo, keys, how):
    """A store that borrows its objects (alternates: ``git clone --shared``,
    a server's fork of a pooled repository) from one with a pack bitmap:
    git answers the reachability walk from that bitmap at once, so this
    store keeps the walk too, and discovery does not wait for the commit
    log (before: only the store's own packs were looked at).  Through a
    chain of alternates, and a relative one, as git follows them; the key
    is found either way."""
    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    commit(git_repo)
    git(git_repo, 'repack', '-q', '-a', '-d', '-b')
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--shared', str(git_repo), str(clone))
    if how == 'chain':
        middle, clone = clone, tmp_path / 'clone2'
        git(tmp_path, 'clone', '-q', '--shared', str(middle), str(clone))
    elif how == 'relative':
        objects = os.path.join(clone, '.git', 'objects')
        source = os.path.join(git_repo, '.git', 'objects')
        with open(os.path.join(objects, 'info', 'alternates'), 'w') as f:
            f.write(f'# borrowed\n\n{os.path.relpath(source, objects)}\n')
    objects = os.path.join(clone, '.git', 'objects')
    assert not [n for n in os.listdir(os.path.join(objects, 'pack')) if n.endswith('.bitmap')]
    assert history._shares_store(str(clone))
    walks = tree_walks(lambda: scan('--history', '--format', 'json', cwd=clone))
    assert walks.result.rc == 1, walks.result
    assert [f['path'] for f in walks.result.json()['findings']] == ['a.py']
    assert any('--use-bitmap-index' in a for a in walks.argvs), walks.argvs
    assert history._has_bitmap(objects)
    # The store is not listed whole: that would list every object of the
    # store it borrows from too (a pool of forks).
    assert not any('--batch-all-objects' in a for a in walks.started), walks.started


def test_a_store_borrowing_no_bitmap_reads_the_log_blobs(tmp_path, git_repo):
    """Alternates that lead to no bitmap (a missing folder, a loop of
    alternates): the commit walk's blobs, no reachability walk."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--shared', str(git_repo), str(clone))
    objects = os.path.join(clone, '.git', 'objects')
    with open(os.path.join(git_repo, '.git', 'objects', 'info', 'alternates'), 'w') as f:
        f.write(f'{objects}\n{tmp_path / "nowhere"}\n')  # back to the clone: a loop
    assert not history._has_bitmap(objects)
    walks = tree_walks(lambda: scan('--history', cwd=clone))
    assert walks.result.rc == 0, walks.result
    assert not any('--objects' in a for a in walks.argvs), walks.argvs


def test_a_store_with_a_bitmap_and_commits_no_ref_reaches_is_still_walked(git_repo, keys):
    """A store that is not shared, holds commits no ref reaches (a branch
    force-pushed over, before git gc prunes it: a server's, a mirror's)
    and has a pack bitmap: the bitmap answers which blobs the refs reach
    at once, so discovery does not wait for the commit log to keep them
    (before: the log's blobs, whatever the store had)."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    commit(git_repo, 'abandoned')
    git(git_repo, 'repack', '-q', '-a', '-d', '-b')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    git(git_repo, 'reflog', 'expire', '--expire=now', '--all')
    write(git_repo, 'c.py', f'K = "{keys()}"\n')
    commit(git_repo, 'kept')
    assert not history._shares_store(str(git_repo))
    assert history._has_bitmap(os.path.join(git_repo, '.git', 'objects'))
    walks = tree_walks(lambda: scan('--history', '--format', 'json'))
    got = walks.result
    assert got.rc == 1, got
    assert [f['path'] for f in got.json()['findings']] == ['c.py']
    assert any('--use-bitmap-index' in a for a in walks.argvs), walks.argvs


def test_what_only_an_evil_merge_brings_is_found_at_the_merge(tmp_path, git_repo, keys, monkeypatch):
    """A merge whose tree holds what neither parent has (an "evil merge"):
    a new file holding a key, and a file renamed to a name that makes its
    bare 64 hex digits a legacy key (an old blob, a new name).  Neither
    shows in a log of the merges' parents' diffs (``log --raw`` without
    ``-c``): both are found and given to the merge, in a ``--no-local``
    clone and in a local one (hard-linked packs: the commit walk names the
    blobs to read, ``LogSized``), whose list of the commits is that walk's,
    as a small store of its own's is (``ONE_WALK_IDX_BYTES``; a larger
    one's is a ``rev-list``'s).
    A key in two commits' messages is the older one's (the commit walk's
    order, ``--date-order``) in both, though ``--topo-order`` lists the
    other first."""
    key, legacy, said = keys(), keys('hex'), keys()
    write(git_repo, 'a.py', 'x = 1\n')
    write(git_repo, 'notes/data.txt', f'{legacy}\n')
    monkeypatch.setenv('GIT_COMMITTER_DATE', '2024-01-01T00:00:00+00:00')
    commit(git_repo, 'base')
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'side.py', 's = 1\n')
    monkeypatch.setenv('GIT_COMMITTER_DATE', '2024-01-02T00:00:00+00:00')
    side = commit(git_repo, f'side, saying {said}')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'a.py', 'x = 2\n')
    monkeypatch.setenv('GIT_COMMITTER_DATE', '2024-01-03T00:00:00+00:00')
    commit(git_repo, f'main, saying {said}')
    monkeypatch.delenv('GIT_COMMITTER_DATE')
    git(git_repo, 'merge', '-q', '--no-ff', '--no-commit', 'side')
    write(git_repo, 'added.py', f'K = "{key}"\n')
    git(git_repo, 'mv', 'notes/data.txt', 'together_api_key.txt')
    merge = commit(git_repo, 'merge side, adding and renaming')
    git(git_repo, 'checkout', '-q', '-b', 'wip')  # left out of the clone
    write(git_repo, 'wip.py', 'w = 1\n')
    commit(git_repo, 'wip')
    git(git_repo, 'checkout', '-q', 'main')
    clones = []
    for how in ('--no-local', '--local'):
        clones.append(tmp_path / how.strip('-'))
        git(tmp_path, 'clone', '-q', '--single-branch', how, str(git_repo), str(clones[-1]))
    assert [history._shares_store(str(clone)) for clone in clones] == [False, True]
    assert git(git_repo, 'log', '--reverse', '--topo-order', '--format=%H', 'main')[41:81] != side
    want = sorted([
        ('<commit message>', 'together-api-key', hash_secret(said), side),
        ('added.py', 'together-api-key', hash_secret(key), merge),
        ('together_api_key.txt', 'together-legacy-api-key', hash_secret(legacy), merge),
    ])
    # The --no-local clone twice: a small store's commits are its commit
    # walk's too (``ONE_WALK_IDX_BYTES``); a larger one's, a ``rev-list``'s.
    small = history.ONE_WALK_IDX_BYTES
    for where, limit in ((clones[0], small), (clones[0], -1), (clones[1], small)):
        monkeypatch.setattr(history, 'ONE_WALK_IDX_BYTES', limit)
        walks = tree_walks(lambda: scan_in_process('--history', '--format', 'json', cwd=where))
        listed = [a for a in walks.started if 'rev-list' in a and '--date-order' in a]
        assert len(listed) == (limit < 0), walks.started
        got = walks.result
        assert got.rc == 1, got
        assert sorted(
            (f['path'], f['rule'], f['hashed_secret'], f['commit'])
            for f in got.json()['findings']) == want, where
        commits = git(where, 'rev-list', '--all', '--').split()
        assert got.json()['summary']['commits_scanned'] == len(commits)
    # The clone's commits are its commit walk's (``CommitList.of_log``),
    # which discovery waits for there anyway: no ``rev-list`` walk of them.
    assert not [a for a in walks.started if 'rev-list' in a and '--objects' not in a], walks.started
