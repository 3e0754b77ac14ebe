"""History discovery reads only what a ref reaches: a store shared with
(or left over from) other histories costs nothing extra, and finds the same."""
from __future__ import annotations

import base64
import json
import os

import pytest

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import branchy_history
from tests.sources.histories import tree_walks
from together_hooks import gitrun
from together_hooks.errors import InputError
from together_hooks.pipeline import Scanner
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
    # A shared store: the blobs the commit walk (which names paths and
    # attributes keys) names are read, sized as it goes: no second walk of
    # the trees; the store itself is never listed whole.
    walks = tree_walks(lambda: scan('--history', '--format', 'json', cwd=clone))
    got = walks.result
    assert got.rc == 1
    assert [f['path'] for f in got.json()['findings']] == ['b.py']
    if how != ('--no-local',):
        assert len(walks.argvs) == 1, walks.argvs
        assert not any('--batch-all-objects' in a for a in walks.started), walks.started


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
    # The bitmap answers reachability at once: the commit walk is not waited for.
    walks = tree_walks(lambda: scan('--history', cwd=clone))
    assert walks.result.rc == 0
    assert len(walks.argvs) == 2 and any('--use-bitmap-index' in a for a in walks.argvs)
    # What it reaches is read each blob after its deltas, with the small
    # delta-base cache (``_bases_last``); the store is never listed whole.
    reads = [a for a in walks.started if 'cat-file' in a and '--batch' in a]
    assert any('core.deltaBaseCacheLimit=16m' in a for a in reads), reads
    assert not any('--batch-all-objects' in a for a in walks.started), walks.started
    listing = history.Listing(str(clone), True, counted=False)
    try:
        assert len(listing.blobs()) == 2
    finally:
        listing.close()


@pytest.mark.parametrize('small', [True, False])
def test_one_walk_of_the_commits_lists_and_counts_them(git_repo, keys, monkeypatch, small):
    """The commits listed for their messages are counted for the store's
    leftovers too: ``scan --history`` walks the commits once (a store of at
    most ``ONE_WALK_IDX_BYTES`` of pack indexes: the tree diffs' walk, no
    ``rev-list`` at all), and a store with a commit no ref reaches still
    reads only what refs reach."""
    if not small:
        monkeypatch.setattr(history, 'ONE_WALK_IDX_BYTES', -1)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    commit(git_repo, 'abandoned')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    for leftover in (True, False):
        if not leftover:
            git(git_repo, 'gc', '-q', '--prune=now')  # the abandoned commit is gone
        walks = tree_walks(lambda: scan('--history'))
        assert walks.result.rc == 0, walks.result
        commit_walks = [a for a in walks.started if 'rev-list' in a and '--objects' not in a]
        assert len(commit_walks) == (0 if small else 1), commit_walks
        assert len([a for a in walks.started if 'log' in a and '--raw' in a]) == 1, walks.started


@pytest.mark.parametrize('how', [(), ('--no-local',)])
def test_what_discovery_waits_for_is_asked_of_git_first(tmp_path, git_repo, keys, monkeypatch, how):
    """Discovery waits for the listing of the blobs (in a store of its own,
    also for the list of the commits it is counted against); the walk of
    the tree diffs (``log --raw``) is read only after discovery, so git is
    asked for it last."""
    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    commit(git_repo)
    write(git_repo, 'a.py', 'K = None\n')
    commit(git_repo)
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', *how, str(git_repo), str(clone))
    started: list[tuple[str, ...]] = []
    real = history.git_stream

    def recorded(root, *args, **kw):
        started.append(args)
        return real(root, *args, **kw)

    monkeypatch.setattr(history, 'git_stream', recorded)
    scanner = Scanner.for_run()
    found = history.scan_history(str(clone), scanner.scan_one, names=True, worth=scanner.blob_test)
    try:
        assert [r.path for r in found] == ['a.py']
    finally:
        found.log.close()
        found.commits.close()
    kinds = [
        'listing' if '--batch-all-objects' in a or '--objects' in a
        else 'sizes' if 'cat-file' in a
        else 'commits' if 'rev-list' in a
        else 'log' if 'log' in a else None
        for a in started
    ]
    kinds = [k for k in kinds if k is not None]
    # A shared store: the blobs the tree diffs name, sized as they come
    # (``LogSized``), so that walk is what discovery waits for, and its
    # commits are the list of the commits (``CommitList.of_log``); so are a
    # small store's of its own (``ONE_WALK_IDX_BYTES``).
    assert kinds == (['listing', 'log'] if how else ['sizes', 'log']), started


@pytest.mark.parametrize('how', [(), ('--no-local',)])
def test_the_history_is_listed_before_the_own_keys_are_looked_for(
        tmp_path, git_repo, keys, monkeypatch, capsys, how):
    """``scan --history`` asks git for what discovery waits for (the
    listing, the commits, the tree diffs) before it looks for the
    developer's own keys (``ls-files --others`` of the work tree, the env
    files read): git lists while they are read.  The own keys still apply
    to the whole history: a legacy key with no Together word near it is
    found in a commit because the ignored .env holds it."""
    from together_hooks.cli import main

    held = keys('hex')
    write(git_repo, 'a.py', f'DIGEST = "{held}"\n')
    commit(git_repo)
    write(git_repo, 'a.py', 'DIGEST = None\n')
    commit(git_repo)
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', *how, str(git_repo), str(clone))
    write(clone, '.gitignore', '.env\n')
    write(clone, '.env', f'TOGETHER_API_KEY={held}\n')
    for name in [n for n in os.environ if 'TOGETHER' in n.upper()]:
        monkeypatch.delenv(name)
    started: list[tuple[str, ...]] = []
    real = gitrun._command

    def recorded(args, *more, **kw):
        started.append(tuple(args))
        return real(args, *more, **kw)

    monkeypatch.setattr(gitrun, '_command', recorded)
    monkeypatch.chdir(clone)
    assert main(['scan', '--history', '--format', 'json']) == 1
    out = capsys.readouterr().out
    assert '"path": "a.py"' in out and held not in out
    kinds = [
        'own keys' if 'ls-files' in a and '--others' in a
        else 'listing' if '--batch-all-objects' in a or '--objects' in a
        else 'sizes' if 'cat-file' in a and '--batch-check=%(objecttype) %(objectname) %(objectsize) %(deltabase)' in a
        else 'commits' if 'rev-list' in a and '--date-order' in a
        else 'log' if 'log' in a and '--raw' in a else None
        for a in started
    ]
    kinds = [k for k in kinds if k is not None]
    assert kinds[:3] == (
        ['listing', 'log', 'own keys'] if how else ['sizes', 'log', 'own keys']
    ), started


@pytest.mark.parametrize('encode', [str, lambda k: base64.b64encode(k.encode()).decode()])
def test_the_own_keys_apply_to_the_commit_messages_and_headers_too(
        git_repo, keys, monkeypatch, encode):
    """The own keys read while git lists apply to the commits' messages
    and headers as to the blobs: a legacy key with no Together word near it
    (or its base64) in a commit message or an author's name is found because
    the ignored .env holds it (the messages' test was made before they were
    read: no commit was read for a key held)."""
    held = keys('hex')
    write(git_repo, '.gitignore', '.env\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={held}\n')
    commit(git_repo)
    git(git_repo, 'commit', '-q', '--allow-empty', '--no-verify', '-m', f'note {encode(held)}')
    for name in [n for n in os.environ if 'TOGETHER' in n.upper()]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(git_repo)
    result = scan('--history', '--format', 'json')
    assert result.rc == 1, result.err
    assert [f[0] for f in result.found()] == ['<commit message>'], result.out
    git(git_repo, 'commit', '--amend', '-q', '--allow-empty', '--no-verify', '-m', 'note',
        f'--author={encode(held)} <a@b>')
    result = scan('--history', '--format', 'json')
    assert result.rc == 1, result.err
    assert [f[0] for f in result.found()] == ['<commit header>'], result.out
    assert held not in result.out + result.err


def test_own_keys_that_fail_stop_the_history_gits_started(
        tmp_path, git_repo, keys, monkeypatch, capsys):
    """The own keys are read after the history's gits are started: when
    reading them fails, the run is one line, exit 2, and every git started
    for the history is stopped and reaped (a slow walk, here a ``git log``
    that sleeps first, does not run on as an orphan)."""
    import shutil

    from together_hooks import pipeline
    from together_hooks.cli import main

    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    commit(git_repo)
    shim = tmp_path / 'bin'
    shim.mkdir()
    real_git = shutil.which('git')
    (shim / 'git').write_text(
        '#!/bin/sh\n'
        'for a in "$@"; do [ "$a" = log ] && exec sleep 60; done\n'
        f'exec {real_git} "$@"\n',
    )
    (shim / 'git').chmod(0o755)
    monkeypatch.setenv('PATH', f'{shim}{os.pathsep}{os.environ["PATH"]}')
    streamed = []
    real = history.git_stream

    def recorded(root, *args, **kw):
        proc = real(root, *args, **kw)
        streamed.append((args, proc))
        return proc

    def broken(*_args, **_kw):
        raise InputError('.env: cannot read it')

    monkeypatch.setattr(history, 'git_stream', recorded)
    monkeypatch.setattr(pipeline, 'load_own_keys', broken)
    monkeypatch.chdir(git_repo)
    assert main(['scan', '--history', '--format', 'json']) == 2
    assert '.env: cannot read it' in capsys.readouterr().err
    logs = [proc for args, proc in streamed if 'log' in args]
    try:
        assert len(logs) == 1 and len(streamed) >= 3, streamed
        assert all(proc.returncode is not None for _args, proc in streamed), streamed
    finally:
        for _args, proc in streamed:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_listed_blob_git_cannot_find_fails_in_one_line(git_repo):
    """A blob a walk names but the store lacks (a damaged repository) is an
    InputError, never skipped: skipping it would pass whatever it holds."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    kept = blob_of(git_repo, 'HEAD:a.py')

    def sized(listed: bytes) -> list[tuple[bytes, int]]:
        return history._blobs_of(gitrun.git(str(git_repo), 'cat-file', history._LISTING, input=listed))

    assert sized(kept + b'\n') == [(kept, 6)]
    gone = b'0' * len(kept)  # no object has this id
    with pytest.raises(InputError, match=f'{gone.decode()} is missing'):
        sized(kept + b'\n' + gone + b'\n')


def _store_shared_with(tmp_path, git_repo, keys) -> tuple:
    """A clone borrowing ``git_repo``'s loose objects (alternates), which
    has three commits, each adding a file (a key in the second)."""
    for name, text in (('a.py', 'x = 1\n'), ('b.py', f'K = "{keys()}"\n'), ('c.py', 'y = 2\n')):
        write(git_repo, name, text)
        commit(git_repo, f'add {name}')
    clone = tmp_path / 'clone'
    git(tmp_path, 'clone', '-q', '--shared', str(git_repo), str(clone))
    assert history._shares_store(str(clone))
    return str(clone)


def test_a_shared_store_is_sized_as_its_walk_goes(tmp_path, git_repo, keys):
    """The walk's blobs are sized by a cat-file reading the walk's own
    output (a pipe from one git to the other): exactly what the walk and
    then cat-file asked one after the other give, in the walk's order."""
    clone = _store_shared_with(tmp_path, git_repo, keys)
    for more, names in (((), 'abc'), (('--not', git(git_repo, 'rev-parse', 'HEAD~1').strip()), 'c')):
        walked = gitrun.git(clone, *history._REACHABLE, *more)
        expected = history._blobs_of(gitrun.git(clone, 'cat-file', history._LISTING, input=walked))
        assert [sha for sha, _n in expected] == [blob_of(git_repo, f'HEAD:{n}.py') for n in names]
        sized = history._Sized(clone, *more)
        try:
            assert sized.blobs() == expected
        finally:
            sized.close()


def test_a_walk_cut_short_fails_in_one_line(tmp_path, git_repo, keys):
    """When the walk fails partway (a tree the store lacks), cat-file has
    sized what it was sent and ends well: the walk's own failure is the
    answer (exit 2, one line), never the blobs listed so far."""
    clone = _store_shared_with(tmp_path, git_repo, keys)
    tree = git(git_repo, 'rev-parse', 'HEAD~2^{tree}').strip()
    os.remove(os.path.join(git_repo, '.git', 'objects', tree[:2], tree[2:]))
    sized = history._Sized(clone)
    try:
        with pytest.raises(InputError, match='^git rev-list failed: '):
            sized.blobs()
    finally:
        sized.close()
    got = scan('--history', cwd=clone)
    assert got.rc == 2, got
    assert 'Traceback' not in got.err and len(got.err.strip().splitlines()) == 1, got.err


def test_a_pack_is_read_from_its_end_so_each_base_is_built_once(git_repo):
    """In a pack git wrote, a file's older versions are deltas on newer
    ones and come after them; read from the end, git builds each version
    from the one it has just built (its delta-base cache) instead of
    building each base again.  Every delta is listed before its base."""
    lines = [f'line {i} of a file that changes a little each commit\n' for i in range(200)]
    for version in range(12):
        lines[version * 7] = f'changed in version {version}\n'
        write(git_repo, 'f.txt', ''.join(lines))
        commit(git_repo, f'v{version}')
    git(git_repo, 'gc', '-q')
    bases = {
        sha.encode(): base.encode() for sha, base in (
            line.split() for line in git(
                git_repo, 'cat-file', '--batch-all-objects', '--unordered',
                '--batch-check=%(objectname) %(deltabase)',
            ).splitlines()
        )
    }
    order = [sha for sha, _size in history.list_blobs(str(git_repo), None)]
    at = {sha: i for i, sha in enumerate(order)}
    deltas = [(sha, bases[sha]) for sha in order if bases[sha] in at]
    assert len(deltas) >= 8, 'gc made no deltas to read'
    assert all(at[sha] < at[base] for sha, base in deltas)


def test_the_tags_are_peeled_once_for_the_trees_and_the_blobs_they_reach(git_repo, keys):
    """``scan --history`` peels the refs that are no commit (annotated
    tags) once, for both the tagged trees' path names and the blobs a tag
    reaches through no commit (it asked git twice, and once more for each
    tagged blob or tree).  The key in the tagged blob is still found."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', '-m', 'release', 'v1')
    write(git_repo, 'loose.py', f'K = "{keys()}"\n')
    blob = git(git_repo, 'hash-object', '-w', 'loose.py').strip()
    os.remove(git_repo / 'loose.py')
    git(git_repo, 'tag', '-a', '-m', 'a blob', 'b1', blob)
    write(git_repo, 'tree/k.txt', 'y = 2\n')
    git(git_repo, 'add', '-A')
    tree = git(git_repo, 'write-tree').strip()
    git(git_repo, 'reset', '-q', '--hard')
    git(git_repo, 'clean', '-qfd')
    git(git_repo, 'tag', '-a', '-m', 'a tree', 't1', tree)
    walks = tree_walks(lambda: scan('--history', '--format', 'json'))
    assert walks.result.rc == 1, walks.result.err
    assert [f[0] for f in walks.result.found()] == ['<tagged blob>'], walks.result.out
    peels = [a for a in walks.started if 'cat-file' in a and any(
        x.startswith('--batch-check=%(objectname) %(objecttype)') for x in a)]
    # For the tag of a tree one look at the kinds of the objects it reaches
    # (the tree's names are read without peeling it again; tagged blobs are
    # read in one batch with no such look); the three tags are peeled by the
    # for-each-ref that lists them (``_refs_peeled``): 6 before, then 3, then 2.
    assert len(peels) == 1, walks.started
    assert [a for a in walks.started if 'for-each-ref' in a and any('%(*objectname)' in x for x in a)]


def test_own_keys_git_cannot_list_fail_the_history_run(git_repo, keys, monkeypatch):
    """Where git cannot list the ignored files of a work tree (a damaged
    index), the env files in its folders are not read: the run is one
    line and exit 2, never a pass without the keys they hold (a legacy key
    with no Together word near it, held in ``sub/.env``)."""
    held = keys('hex')
    write(git_repo, '.gitignore', '.env\n')
    write(git_repo, 'sub/.env', f'TOGETHER_API_KEY={held}\n')
    write(git_repo, 'a.txt', f'{held}\n')
    git(git_repo, 'add', '.gitignore', 'a.txt')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'c')
    for name in [n for n in os.environ if 'TOGETHER' in n.upper()]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(git_repo)
    assert scan('--history').rc == 1
    (git_repo / '.git' / 'index').write_bytes(b'DIRC\0\0\0\2\0\0\0\5damaged')
    result = scan('--history')
    assert result.rc == 2, (result.rc, result.out, result.err)
    assert result.err.count('\n') == 1 and 'Traceback' not in result.err, result.err
    assert held not in result.out + result.err


def test_a_key_a_ref_reaches_through_no_commit_says_what_holds_it(git_repo, keys):
    """A key in a blob or tree a ref names (lightweight tag, annotated tag,
    a tag of a tag) is reported ``in blob``/``in tree``/``in tag <id>``,
    one line per ref, never ``in commit <blob id>``, and the advice names
    no ``git rebase -i <blob id>^`` (it did both), nor for a key in a tag's
    message a rebase of the commit it tags (``--root`` here): the tag is
    made again."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'loose.py', f'K = "{keys()}"\n')
    blob = git(git_repo, 'hash-object', '-w', 'loose.py').strip()
    os.remove(git_repo / 'loose.py')
    git(git_repo, 'tag', 'light', blob)
    git(git_repo, 'tag', '-a', '-m', 'a blob', 'ann', blob)
    git(git_repo, 'tag', '-a', '-m', 'a tag', 'annann', 'ann')
    write(git_repo, 'tree/k.txt', f'K = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    tree = git(git_repo, 'write-tree').strip()
    git(git_repo, 'reset', '-q')
    git(git_repo, 'tag', 'ltree', tree)
    git(git_repo, 'tag', '-a', '-m', 'a tree', 'atree', tree)
    ids = {name: git(git_repo, 'rev-parse', name).strip()
           for name in ('light', 'ann', 'annann', 'ltree', 'atree')}
    result = scan('--history')
    assert result.rc == 1, result.err
    lines = [line for line in result.out.splitlines() if 'hashed_secret' in line
             and not line.startswith('What')]
    said = sorted(line[line.rindex(' in ') + 4:] for line in lines)
    assert said == sorted([
        f'blob {ids["light"][:12]}', f'tag {ids["ann"][:12]}', f'tag {ids["annann"][:12]}',
        f'tree {ids["ltree"][:12]}', f'tag {ids["atree"][:12]}',
    ]), result.out
    assert 'rebase -i' not in result.out and 'git tag -d NAME' in result.out, result.out
    # A key in a tag's message: no rebase of the commit under it either.
    git(git_repo, 'tag', '-a', '-m', f'release {keys()}', 'v1')
    tagged = scan('--history')
    assert f'in tag v1 ({git(git_repo, "rev-parse", "v1").strip()[:12]})' in tagged.out
    assert 'rebase -i' not in tagged.out and 'git tag -d NAME' in tagged.out, tagged.out


@pytest.mark.parametrize('how', ['leftover', '--no-local'])
def test_a_small_store_lists_its_commits_by_the_walk_with_the_same_findings(
        tmp_path, git_repo, keys, monkeypatch, how):
    """A store of at most ``ONE_WALK_IDX_BYTES`` of pack indexes takes the
    list of the commits from the tree diffs' walk (``CommitList.of_log``),
    with no ``rev-list`` of its own; a larger one lists them by that
    ``rev-list``.  Both find the same, in the same order: a key in two
    commits' messages is the older one's, a store's commit no ref reaches
    is not read."""
    branchy_history(git_repo, commit)
    twice, blob_key, gone_key = keys(), keys(), keys()
    git(git_repo, 'commit', '-q', '--allow-empty', '--no-verify', '-m', f'note {twice}')
    first = git(git_repo, 'rev-parse', 'HEAD').strip()
    write(git_repo, 'k.py', f'K = "{blob_key}"\n')
    commit(git_repo, f'again {twice}')
    write(git_repo, 'gone.py', f'K = "{gone_key}"\n')
    commit(git_repo, 'abandoned')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')  # reachable from no ref now
    root = git_repo
    if how == '--no-local':
        root = tmp_path / 'clone'
        git(tmp_path, 'clone', '-q', how, str(git_repo), str(root))
    outs = []
    for limit in (history.ONE_WALK_IDX_BYTES, -1):
        monkeypatch.setattr(history, 'ONE_WALK_IDX_BYTES', limit)
        walks = tree_walks(lambda: scan('--history', '--format', 'json', cwd=root))
        assert walks.result.rc == 1, walks.result
        commit_lists = [a for a in walks.started if 'rev-list' in a and '--date-order' in a]
        assert len(commit_lists) == (0 if limit >= 0 else 1), walks.started
        outs.append(walks.result.out)
    assert outs[0] == outs[1]
    found = json.loads(outs[0])['findings']
    assert 'gone.py' not in outs[0]
    messages = [f for f in found if f['commit'] == first]
    assert len(found) == 2 and len(messages) == 1, found
