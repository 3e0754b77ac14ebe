"""Where content comes from, driven through ``together-hooks scan``.

Real repositories in tmp dirs: the default repository scan, folders outside
git, the index (``--staged``), symlinks, submodules and odd file names.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from tests.cli_run import CAPTURED
from tests.cli_run import leaked
from tests.cli_run import quiet_and_clean
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks import fileio
from together_hooks import gitdir
from together_hooks import gitrun
from together_hooks.findings import hash_secret

KEY = 'together-api-key'


@pytest.fixture
def keys():
    """Makes keys; afterwards, none may appear in anything scan printed."""
    rng = random.Random(20261127)
    made: list[str] = []

    def new() -> str:
        made.append(make_key(rng))
        return made[-1]
    new.made = made  # type: ignore[attr-defined]
    CAPTURED.clear()
    yield new
    assert CAPTURED and leaked(made, *CAPTURED) == []


def _write(root, rel: str, text: str) -> None:
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)


def _commit(repo, msg: str = 'c') -> None:
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)


def test_repo_scan_is_tracked_plus_untracked_not_ignored(git_repo, keys):
    k_tracked, k_untracked, k_ignored, k_ignored_dir = (
        keys(), keys(), keys(), keys())
    _write(git_repo, '.gitignore', 'secret.log\nbuild/\n')
    _write(git_repo, 'src/app.py', f'KEY = "{k_tracked}"\n')
    _write(git_repo, 'README.md', 'clean\n')
    git(git_repo, 'add', '.')
    _commit(git_repo)
    _write(git_repo, 'notes/new.txt', f'\n\n{k_untracked}\n')
    _write(git_repo, 'secret.log', k_ignored)
    _write(git_repo, 'build/out.js', k_ignored_dir)
    expected = [
        ('notes/new.txt', 3, KEY, hash_secret(k_untracked)),
        ('src/app.py', 1, KEY, hash_secret(k_tracked)),
    ]
    for cwd in (git_repo, git_repo / 'src'):
        r = scan('--format', 'json', cwd=cwd)
        assert r.rc == 1, r.err
        assert r.found() == expected
        assert r.json()['summary']['files_scanned'] == 4  # .gitignore too
        assert leaked(keys.made, r.out, r.err) == []
    # The repository given as a folder: the same files.
    r = scan('--format', 'json', '.', cwd=git_repo)
    assert r.found() == expected


def test_tracked_file_deleted_from_work_tree_is_skipped(git_repo, keys):
    _write(git_repo, 'gone.txt', keys())
    git(git_repo, 'add', '.')
    _commit(git_repo)
    os.unlink(git_repo / 'gone.txt')
    r = scan(cwd=git_repo)
    assert r.rc == 0 and quiet_and_clean(r), r.err


def test_folder_outside_git_is_walked(tmp_path, keys):
    top = tmp_path / 'plain'
    k1, k2, k3 = keys(), keys(), keys()
    _write(top, 'a.txt', f'x {k1}\n')
    _write(top, '.env', f'TOGETHER_API_KEY={k2}\n')
    _write(top, 'deep/er/still/b.cfg', f'\n{k3}')
    _write(top, 'node_modules/pkg/index.js', 'module.exports = 1\n')
    _write(top, '.git/config', f'not a repo, never scanned {k1}\n')
    r = scan('--format', 'json', str(top), cwd=tmp_path)
    assert r.rc == 1, r.err
    assert r.found() == [
        ('.env', 1, KEY, hash_secret(k2)),
        ('a.txt', 1, KEY, hash_secret(k1)),
        ('deep/er/still/b.cfg', 2, KEY, hash_secret(k3)),
    ]
    # Run from inside: no path means "the repository", and there is none,
    # so the current folder is walked.
    r = scan('--format', 'json', cwd=top)
    assert [f[0] for f in r.found()] == ['.env', 'a.txt', 'deep/er/still/b.cfg']


def test_several_paths_keep_their_given_names(git_repo, keys):
    k1, k2 = keys(), keys()
    _write(git_repo, 'a/one.txt', k1)
    _write(git_repo, 'b/two.txt', k2)
    _write(git_repo, 'b/clean.txt', 'clean')
    r = scan('--format', 'json', 'a/one.txt', 'b', cwd=git_repo)
    assert r.found() == [
        ('a/one.txt', 1, KEY, hash_secret(k1)),
        ('b/two.txt', 1, KEY, hash_secret(k2)),
    ]


# --- the index ------------------------------------------------------------

def test_staged_key_deleted_from_work_tree_still_blocks(git_repo, keys):
    key = keys()
    _write(git_repo, 'base.txt', 'base\n')
    git(git_repo, 'add', '.')
    _commit(git_repo)
    _write(git_repo, 'config.py', f'# c\nKEY = "{key}"\n')
    git(git_repo, 'add', 'config.py')
    _write(git_repo, 'config.py', '# c\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    assert r.rc == 1, r.err
    assert r.found() == [('config.py', 2, KEY, hash_secret(key))]
    os.unlink(git_repo / 'config.py')
    r = scan('--staged', '--format', 'json', cwd=git_repo / '.')
    assert (r.rc, r.found()) == (1, [('config.py', 2, KEY, hash_secret(key))])
    # The working tree scan no longer sees it: the two really differ.
    assert scan(cwd=git_repo).rc == 0


def test_staged_ignores_work_tree_only_keys(git_repo, keys):
    _write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    _commit(git_repo)
    _write(git_repo, 'app.py', 'x = 2\n')
    git(git_repo, 'add', 'app.py')
    # After staging: the key lives only in the work tree (and untracked).
    _write(git_repo, 'app.py', f'x = "{keys()}"\n')
    _write(git_repo, 'untracked.txt', keys())
    r = scan('--staged', cwd=git_repo)
    assert r.rc == 0 and quiet_and_clean(r), r.err
    assert scan(cwd=git_repo).rc == 1


def test_staged_scans_only_what_the_commit_changes(git_repo, keys):
    # A key already committed in an untouched file is not what this commit
    # adds: --staged passes, while a scan of the tree still finds it.
    old = keys()
    _write(git_repo, 'legacy.txt', f'{old}\n')
    _write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    _commit(git_repo)
    _write(git_repo, 'app.py', 'x = 2\n')
    git(git_repo, 'add', 'app.py')
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    assert (r.rc, r.found()) == (0, []), r.err
    assert r.json()['summary']['files_scanned'] == 1
    r = scan('--format', 'json', cwd=git_repo)
    assert (r.rc, r.found()) == (1, [('legacy.txt', 1, KEY, hash_secret(old))])


def test_staged_renames_and_deletions(git_repo, keys):
    k_moved, k_deleted = keys(), keys()
    _write(git_repo, 'old/name.txt', f'{k_moved}\n')
    _write(git_repo, 'doomed.txt', f'{k_deleted}\n')
    _write(git_repo, 'clean.txt', 'clean\n')
    git(git_repo, 'add', '.')
    _commit(git_repo)
    git(git_repo, 'mv', 'old/name.txt', 'new name.txt')
    git(git_repo, 'rm', '-q', 'doomed.txt')
    git(git_repo, 'mv', 'clean.txt', 'clean2.txt')
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    # The renamed file is in the next commit, at its new path; the deleted
    # one is not, and unchanged committed files are not rescanned.
    assert (r.rc, r.found()) == (1, [('new name.txt', 1, KEY, hash_secret(k_moved))])
    assert r.json()['summary']['files_scanned'] == 2
    git(git_repo, 'rm', '-q', '--cached', 'new name.txt')
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    assert (r.rc, r.found()) == (0, [])


def test_staged_on_initial_commit(git_repo, keys):
    r = scan('--staged', cwd=git_repo)  # nothing staged, no HEAD
    assert r.rc == 0 and quiet_and_clean(r), r.err
    key = keys()
    _write(git_repo, 'clean.txt', 'clean\n')
    _write(git_repo, 'sub/k.env', f'TOGETHER_API_KEY={key}\n')
    git(git_repo, 'add', '.')
    r = scan('--staged', '--format', 'json', cwd=git_repo / 'sub')
    assert (r.rc, r.found()) == (1, [('sub/k.env', 1, KEY, hash_secret(key))])
    git(git_repo, 'rm', '-q', '--cached', 'sub/k.env')
    assert scan('--staged', cwd=git_repo).rc == 0


def test_staged_legacy_and_same_blob_at_two_paths(git_repo):
    h = make_hex(random.Random(5))
    text = f'export TOGETHER_API_KEY={h}\n'
    _write(git_repo, 'a.sh', text)
    _write(git_repo, 'b/a.sh', text)
    git(git_repo, 'add', '.')
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    kind = 'together-legacy-api-key'
    assert r.found() == [
        ('a.sh', 1, kind, hash_secret(h)), ('b/a.sh', 1, kind, hash_secret(h)),
    ]


# --- symlinks and submodules ----------------------------------------------

def test_symlinks_are_never_followed(tmp_path, git_repo, keys):
    outside = tmp_path / 'outside'
    _write(outside, 'secret.txt', keys())
    _write(outside, 'dir/inner.txt', keys())
    _write(git_repo, 'clean.txt', 'clean\n')
    os.symlink(outside / 'secret.txt', git_repo / 'link.txt')
    os.symlink(outside / 'dir', git_repo / 'linkdir')
    os.symlink('/nonexistent/target', git_repo / 'dangling')
    r = scan('--format', 'json', cwd=git_repo)  # untracked symlinks
    assert (r.rc, r.found()) == (0, []), r.err
    git(git_repo, 'add', '.')
    for args in ((), ('--staged',), ('link.txt', 'linkdir', 'clean.txt')):
        r = scan('--format', 'json', *args, cwd=git_repo)
        assert (r.rc, r.found()) == (0, []), (args, r.err)
    # A folder outside git holding a symlink to the key.
    plain = tmp_path / 'plain'
    plain.mkdir()
    os.symlink(outside / 'secret.txt', plain / 'link.txt')
    os.symlink(outside / 'dir', plain / 'linkdir')
    r = scan('--format', 'json', str(plain), cwd=tmp_path)
    assert (r.rc, r.found()) == (0, []), r.err
    # The same file scanned where it lives is found.
    assert scan(str(outside), cwd=tmp_path).rc == 1


def test_read_file_refuses_symlinks_and_special_files(tmp_path):
    target = tmp_path / 't.txt'
    target.write_bytes(b'data')
    os.symlink(target, tmp_path / 'l.txt')
    os.mkfifo(tmp_path / 'fifo')
    assert fileio.read_file(str(target)) == b'data'
    assert fileio.read_file(str(tmp_path / 'l.txt')) is None
    with pytest.raises(fileio.NotScanned) as refused:  # never blocks; reported
        fileio.read_file(str(tmp_path / 'fifo'))
    assert not refused.value.fatal
    assert fileio.read_file(str(tmp_path)) is None
    assert fileio.read_file(str(tmp_path / 'missing')) is None



def test_read_file_reads_on_past_one_read(tmp_path, monkeypatch):
    """A file larger than one read() returns (2 GiB on Linux) or grown since
    its fstat is read to its end, not cut at the first read."""
    path = tmp_path / 'big.txt'
    path.write_bytes(b'0123456789' * 1000)
    monkeypatch.setattr(fileio, '_MAX_READ', 7)
    assert fileio.read_file(str(path)) == b'0123456789' * 1000
    path.write_bytes(b'')
    assert fileio.read_file(str(path)) == b''


def test_a_scanned_file_is_opened_once(tmp_path, monkeypatch, rng):
    """Its size (whole read or windows) and its bytes come from one open."""
    from together_hooks.pipeline import Scanner
    from together_hooks.sources.content import Content

    key = make_key(rng)
    path = tmp_path / 'a.py'
    path.write_text(f'k = "{key}"\n')
    opened = []
    real_open = os.open

    def spy(name, *args, **kwargs):
        opened.append(name)
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, 'open', spy)
    found = Scanner().scan_one(Content('a.py', fs_path=str(path)))
    assert [hash_secret(f.secret) for f in found] == [hash_secret(key)]
    # Only the scanned file counts: the regex cache (its own file, read at
    # the first compile of a process) is not a file scanned.
    assert [name for name in opened if str(name).startswith(str(tmp_path))] == [str(path)]


@pytest.mark.parametrize('in_git', [False, True, 'ceiling'], ids=['plain-folder', 'repository', 'below-a-ceiling'])
def test_a_plain_folder_is_scanned_without_starting_git(tmp_path, monkeypatch, keys, in_git):
    """A spy ``git`` first on PATH records each call and runs the real one."""
    spy = tmp_path / 'spy'
    spy.mkdir()
    real = subprocess.run(('sh', '-c', 'command -v git'), capture_output=True, text=True).stdout.strip()
    (spy / 'git').write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/calls\nexec {real} "$@"\n')
    (spy / 'git').chmod(0o755)
    top = tmp_path / 'top'
    key = keys()
    _write(top, 'a/b.txt', f'{key}\n')
    if in_git == 'ceiling':  # git finds no repository past the ceiling: none is asked
        git(tmp_path, 'init', '-q')
        monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
        in_git, cwd = False, top
    else:
        cwd = tmp_path
    if in_git:
        git(top, 'init', '-q')
    monkeypatch.setenv('PATH', f'{spy}{os.pathsep}{os.environ["PATH"]}')
    r = scan('--format', 'json', str(top), cwd=cwd)
    assert r.rc == 1, r.err
    assert [f[0] for f in r.found()] == ['a/b.txt']
    calls = (tmp_path / 'calls').read_text() if (tmp_path / 'calls').exists() else ''
    assert ('ls-files' in calls) is in_git, calls
    assert bool(calls) is in_git, calls

def test_submodule_entries_are_skipped(tmp_path, git_repo, keys):
    sub = tmp_path / 'sub'
    sub.mkdir()
    git(sub, 'init', '-q', '-b', 'main')
    git(sub, 'config', 'user.email', 'dev@example.com')
    git(sub, 'config', 'user.name', 'Dev')
    _write(sub, 'inner.txt', keys())
    git(sub, 'add', '.')
    _commit(sub)
    _write(git_repo, 'top.txt', 'clean\n')
    subprocess.run(
        ('git', '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q',
         str(sub), 'vendor/sub'),
        cwd=git_repo, check=True, capture_output=True,
    )
    git(git_repo, 'add', '.')
    assert (git_repo / 'vendor/sub/inner.txt').exists()
    for args in ((), ('--staged',), ('.',), ('vendor',)):
        r = scan('--format', 'json', *args, cwd=git_repo)
        assert (r.rc, r.found()) == (0, []), (args, r.err)
    _commit(git_repo)
    assert scan(cwd=git_repo).rc == 0


# --- odd names ------------------------------------------------------------

ODD_NAMES = (
    'with space.txt',
    'ünïcødé/ключ.txt',
    'quote"s.txt',
    "single'quote.txt",
    '-leading-dash.txt',
    'new\nline.txt',
    'tab\there.txt',
    'back\\slash.txt',
    '#hash;semi&amp.txt',
)


@pytest.mark.parametrize('mode', ('repo', 'staged', 'walk'))
def test_odd_file_names_reported_exactly(tmp_path, mode, keys):
    top = tmp_path / 'top'
    top.mkdir()
    if mode != 'walk':
        git(top, 'init', '-q', '-b', 'main')
    expected = []
    for name in ODD_NAMES:
        key = keys()
        _write(top, name, f'first\n{key}\n')
        expected.append((name, 2, KEY, hash_secret(key)))
    if mode == 'staged':
        git(top, 'add', '.')
    args = ('--staged',) if mode == 'staged' else ()
    r = scan('--format', 'json', *args, cwd=top)
    assert r.rc == 1, r.err
    assert sorted(r.found()) == sorted(expected)
    assert leaked(keys.made, r.out, r.err) == []
    # Text output: one line per finding even for a newline in a name.
    r = scan(*args, cwd=top)
    lines = [ln for ln in r.out.splitlines() if ': together-api-key: ' in ln]
    assert len(lines) == len(ODD_NAMES)
    assert any(ln.startswith('new\\nline.txt:2: ') for ln in lines)


@pytest.mark.parametrize('mode', ('repo', 'walk'))
def test_file_name_not_utf8(tmp_path, mode, keys):
    top = tmp_path / 'top'
    top.mkdir()
    if mode == 'repo':
        git(top, 'init', '-q', '-b', 'main')
    key = keys()
    with open(os.path.join(os.fsencode(top), b'caf\xe9.txt'), 'w') as f:
        f.write(key)
    report = tmp_path / 'r.json'
    r = scan('--format', 'json', '--output', str(report), cwd=top)
    assert r.rc == 1, r.err
    (finding,) = json.loads(report.read_text(encoding='utf-8'))['findings']
    # The JSON escape of the undecodable byte leads back to the real name.
    assert os.fsencode(finding['path']) == b'caf\xe9.txt'
    assert finding['hashed_secret'] == hash_secret(key)
    # On screen, the byte the name holds (it said caf\udce9.txt).
    assert 'caf\\xe9.txt:1: together-api-key' in r.out


@pytest.mark.parametrize('mode', ('repo', 'walk'))
def test_many_files(tmp_path, mode, keys):
    # Enough files that the scan is split across two processes.
    top = tmp_path / 'top'
    top.mkdir()
    if mode == 'repo':
        git(top, 'init', '-q', '-b', 'main')
    expected = []
    for i in range(600):
        name = f'd{i % 7}/f{i:04d}.txt'
        if i in (0, 1, 2, 301, 598, 599):
            key = keys()
            _write(top, name, f'line\n{key}\n')
            expected.append((name, 2, KEY, hash_secret(key)))
        else:
            _write(top, name, f'nothing {i}\n')
    r = scan('--format', 'json', cwd=top)
    assert r.rc == 1, r.err
    assert r.found() == sorted(expected)
    assert r.json()['summary']['files_scanned'] == 600
    assert leaked(keys.made, r.out, r.err) == []


def test_scan_of_an_ignored_folder_scans_it_whole(git_repo, rng):
    """A folder named on purpose is never a silent pass because git ignores it."""
    key = make_key(rng)
    (git_repo / '.gitignore').write_text('ign/\n')
    (git_repo / 'ign').mkdir()
    (git_repo / 'ign' / 'a.py').write_text(f'K = "{key}"\n')
    result = scan('ign', '--format', 'json', cwd=git_repo)
    assert result.rc == 1
    assert 'ignored by git' in result.err
    assert [f['hashed_secret'] for f in json.loads(result.out)['findings']] == [hash_secret(key)]
    # The repository scan still honours .gitignore.
    assert scan('--format', 'json', cwd=git_repo).rc == 0


def test_worktree_root_walks_up_and_honours_git_ceiling(git_repo, monkeypatch):
    deep = git_repo / 'a' / 'b'
    deep.mkdir(parents=True)
    assert gitdir.worktree_root(str(deep)) == str(git_repo)
    assert gitdir.worktree_root(str(deep)) == os.path.realpath(
        git(deep, 'rev-parse', '--show-toplevel').strip(),
    )
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(git_repo / 'a'))
    assert gitdir.worktree_root(str(deep)) is None
    assert gitdir.worktree_root(str(git_repo)) == str(git_repo)


@pytest.mark.parametrize('n', [0, 1, 2, 255, 256])
def test_turns_hand_each_number_to_exactly_one_of_two_processes(n):
    from together_hooks.sources import parallel

    turns = parallel.Turns(n)
    try:
        mine, theirs = parallel.split(lambda: list(turns), lambda: list(turns))
    finally:
        turns.close()
    assert sorted(mine + theirs) == list(range(n))
    with pytest.raises(ValueError):
        parallel.Turns(257)


def test_a_tree_with_its_names_is_split_across_two_processes(tmp_path, monkeypatch):
    """A folder's scan holds its files and, first, their names (one
    in-memory content): the files are still shared by two processes, the
    names scanned once, and the findings are the serial scan's."""
    from together_hooks import pipeline
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel

    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    rng = random.Random(20261201)  # nothing is printed: no output to check
    top = tmp_path / 'top'
    named = make_key(rng)
    for i in range(300):
        _write(top, f'd{i % 5}/f{i:04d}.txt', f'line\n{make_key(rng)}\n' if i % 97 == 0 else f'plain {i}\n')
    _write(top, f'{named}.txt', 'plain\n')  # a key only in a file name
    if not parallel.available():
        pytest.skip('one core: no second process')
    splits = []
    split = parallel.split
    monkeypatch.setattr(parallel, 'split', lambda *a: splits.append(1) or split(*a))

    def scanned(min_files: int) -> tuple[list[tuple[object, ...]], int]:
        monkeypatch.setattr(pipeline, 'PARALLEL_MIN_FILES', min_files)
        summary = Summary()
        found = pipeline.scan_contents(
            list(files.from_tree(str(top), names=True)), summary, pipeline.Scanner(),
        )
        return sorted((f.path, f.line, f.column, f.secret) for f in found), summary.files_scanned

    forked = scanned(256)
    assert splits == [1]
    serial = scanned(10 ** 9)
    assert splits == [1]
    assert forked == serial and serial[1] == 301
    assert len(serial[0]) == 5 and any(f[3] == named for f in serial[0])


def test_what_a_tree_holds_in_memory_is_scanned_after_the_fork(tmp_path, monkeypatch):
    """A tree's path names (one in-memory content) are scanned by the
    parent while the child already scans files: before the fork they
    held both back."""
    from together_hooks import pipeline
    from together_hooks.findings import PATH_NAME
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel
    from together_hooks.sources.content import Content

    if not parallel.available():
        pytest.skip('one core: no second process')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    rng = random.Random(20261202)  # nothing is printed: no output to check
    named = make_key(rng)
    for i in range(300):
        _write(tmp_path / 'top', f'd{i % 5}/f{i:04d}.txt', f'plain {i}\n')
    order = []

    class Held(Content):
        __slots__ = ()

        @property
        def data(self) -> bytes:
            order.append('names')
            return Content.data.fget(self)  # type: ignore[attr-defined]

    split = parallel.split
    monkeypatch.setattr(parallel, 'split', lambda *a: order.append('fork') or split(*a))
    contents = list(files.from_tree(str(tmp_path / 'top')))
    contents.insert(0, Held(PATH_NAME, f'd0/{named}.txt\n'.encode()))
    summary = Summary()
    found = pipeline.scan_contents(contents, summary, pipeline.Scanner())
    assert order == ['fork', 'names']
    assert [(f.path, f.secret) for f in found] == [(PATH_NAME, named)]
    assert summary.files_scanned == 300


def test_a_forked_tree_scan_imports_no_pickle(tmp_path):
    """The child's findings come back as plain data (``marshal``, built
    in): importing pickle cost the parent more than the result's size.
    (``struct`` is loaded before the fork on purpose: ``engine.prepare``
    imports ``base64`` once for both processes, prepare_test.)  The
    parent watches for the child's death through ``_signal``, which
    start-up has loaded: ``signal`` builds its enums on import, ~1.2 ms
    of the parent's CPU.  And the cyclic collector does not walk the
    young objects every 700 the run keeps (the modules it imports, the
    tables it builds: ~30 collections, ~5 ms of a bench tree scan's CPU):
    at most one in a scan of 300 files."""
    for i in range(300):
        _write(tmp_path / 'top', f'd{i % 5}/f{i:04d}.txt', f'plain {i}\n')
    source = os.path.dirname(os.path.dirname(os.path.abspath(fileio.__file__)))
    code = (
        'import gc, os, sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'from together_hooks.cli import main\n'
        'from together_hooks.sources import parallel\n'
        'runs, me = [], os.getpid()\n'
        'gc.callbacks.append(lambda phase, info: phase == "start" and os.getpid() == me and runs.append(1))\n'
        'forks = []\n'
        'split = parallel.split\n'
        'parallel.split = lambda *a: forks.append(1) or split(*a)\n'
        'rc = main(["scan", "top", "--format", "json"])\n'
        'print("forks:", len(forks) if parallel.available() else 1, '
        '"loaded:", sorted({"pickle", "signal"} & set(sys.modules)), "collections:", len(runs), file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path))
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code), cwd=tmp_path, capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.rpartition(' collections: ')[0].endswith('forks: 1 loaded: []'), proc.stderr
    # None with the regex cache warm, one where it is cold (its programs
    # built); ~20 when every 700 objects kept set one off.
    assert int(proc.stderr.rpartition(' collections: ')[2]) <= 1, proc.stderr


def test_a_tree_scan_confined_to_one_cpu_does_not_fork(tmp_path):
    """A process allowed one CPU (``taskset -c 0``, a container's cpuset)
    scans a large tree in one process: a second would only take turns
    with it on that CPU, for no wall time and the fork's copy-on-write
    faults (~20 ms of CPU on the bench tree).  The machine's CPU count
    decided it before, and it forked.  The findings are the same."""
    if not hasattr(os, 'sched_setaffinity') or len(os.sched_getaffinity(0)) < 2:
        pytest.skip('no CPU affinity to narrow here')
    key = make_key(random.Random('one-cpu'))
    for i in range(300):
        _write(tmp_path / 'top', f'd{i % 5}/f{i:04d}.txt', f'plain {i}\n')
    _write(tmp_path / 'top', 'd1/.env', f'TOGETHER_API_KEY={key}\n')
    source = os.path.dirname(os.path.dirname(os.path.abspath(fileio.__file__)))
    code = (
        'import json, os, sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'from together_hooks.cli import main\n'
        'from together_hooks.sources import parallel\n'
        'forks = []\n'
        'split = parallel.split\n'
        'parallel.split = lambda *a: forks.append(1) or split(*a)\n'
        'if sys.argv[1] == "one":\n'
        '    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n'
        'rc = main(["scan", "top", "--format", "json"])\n'
        'print("forks:", len(forks), file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path))
    runs = {
        cpus: subprocess.run(
            (sys.executable, '-c', code, cpus), cwd=tmp_path, capture_output=True, text=True, env=env,
        )
        for cpus in ('one', 'all')
    }
    for cpus, proc in runs.items():
        assert proc.returncode == 1, proc.stderr
        assert leaked([key], proc.stdout, proc.stderr) == []
        assert proc.stderr.rstrip().endswith('forks: 0' if cpus == 'one' else 'forks: 1'), proc.stderr
    one, all_ = (json.loads(runs[c].stdout) for c in ('one', 'all'))
    assert one['findings'] == all_['findings'] and len(one['findings']) == 1
    assert one['summary']['files_scanned'] == all_['summary']['files_scanned'] == 301


def test_a_forked_tree_finds_what_one_process_finds_in_every_kind_of_file(
        tmp_path, tmp_path_factory, monkeypatch,
):
    """Every case of tests/accuracy as a file of a tree (leaks in every
    format and encoding, decoys), with a key in a binary file, in UTF-16,
    in a file read in windows, in a file name, and a FIFO: the two
    processes report exactly what one process reports, and the summary
    (files, bytes, files skipped) is the same.  So do they with hyperscan
    set up in the parent before the fork (``engine.prepare``: the route
    chosen once serves both processes) against one process with the
    grouped searches (this tree built once for both: it was
    prepare_test's too).  One forked scan, from a fresh screen: a third
    scan of the tree, forked again with the one pass forced, repeated
    the first wherever this process's screen had already taken it
    (session 36: one 62 MB scan less)."""
    import importlib

    from tests.detect.accuracy_built import sets
    from together_hooks import pipeline
    from together_hooks.detect import engine
    from together_hooks.detect import prefilter
    from together_hooks.rules import RULES
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel

    if not parallel.available():
        pytest.skip('one core: no second process')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    top = tmp_path / 'top'
    expected = set()
    for case in sets(tmp_path_factory):  # (built once a run)
        module = importlib.import_module(f'tests.accuracy.{case.module}')
        path = top / case.module / case.id / case.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
        if case.id not in getattr(module, 'MISSED', {}):  # a set's strict xfails
            expected.update(case.keys)
    rng = random.Random(20261203)  # nothing is printed: no output to check
    extra = [make_key(rng) for _ in range(4)]
    legacy = make_hex(rng)
    _write(top, f'extra/{extra[0]}.txt', 'plain\n')
    (top / 'extra' / 'blob.bin').write_bytes(b'\0\1\2' * 100 + b'q' + extra[1].encode() + b'\0\0')
    (top / 'extra' / 'wide.txt').write_bytes(f'TOGETHER_API_KEY={extra[2]}\n'.encode('utf-16'))
    # Read in windows at the real size: a 64 KB window read the accuracy
    # sets' 4.4 MB hex dump (``xxd-past-4mb``) in 68 windows, each with its
    # 64 KB of context read and decoded again (~1.8x the dump's lines).
    big = b'x = 1\n' * (pipeline.WINDOW // 6 + 40000) + f'K = "{extra[3]}"\n'.encode()
    assert len(big) > pipeline.WINDOW
    (top / 'extra' / 'big.py').write_bytes(big)
    _write(top, 'extra/deploy.env', f'TOGETHER_API_KEY={legacy}\n')
    os.mkfifo(top / 'extra' / 'pipe')
    expected.update(extra + [legacy])
    splits = []
    split = parallel.split
    monkeypatch.setattr(parallel, 'split', lambda *a: splits.append(1) or split(*a))

    def scanned(min_files: int, one_pass_from: int | None = None) -> tuple[object, ...]:
        monkeypatch.setattr(pipeline, 'PARALLEL_MIN_FILES', min_files)
        if one_pass_from is not None:  # a fresh screen, route unset: ``prepare`` sets it
            monkeypatch.setattr(prefilter, 'WHERE_ONE_PASS_MIN_BYTES', one_pass_from)
            monkeypatch.setattr(engine, '_SCREENS', {})
        summary = Summary()
        found = pipeline.scan_contents(
            list(files.from_tree(str(top), names=True)), summary, pipeline.Scanner(),
        )
        return (
            sorted((f.path, f.line, f.column, f.rule, f.secret, f.encoding) for f in found),
            summary.files_scanned, summary.bytes_scanned, sorted(summary.skipped),
        )

    # Forked from a fresh screen, as a run's tree scan starts: the fork's
    # ``prepare`` sets hyperscan's one pass up in the parent where it is
    # installed and can run, the grouped searches where not (the routes
    # a forked scan of the product takes).
    forked = scanned(256, 0)
    assert splits == [1]
    one_pass = prefilter._hyperscan_installed() and prefilter.hyperscan_where((b'ab',)) is not None
    screen = engine.keyword_screen(RULES)
    assert screen._where is not None and (screen._where is not screen._grouped_where) is one_pass
    serial = scanned(10 ** 9, 1 << 62)  # one process, the grouped searches
    assert splits == [1]
    assert forked == serial, (
        f'two processes ({"hyperscan set up before the fork" if one_pass else "grouped searches"}) '
        'against one process (grouped searches)')
    assert len(serial[0]) > 100
    missed = {hash_secret(k) for k in expected} - {hash_secret(f[4]) for f in serial[0]}
    assert missed == set()  # hashed: a failure never prints a key
    assert [(path, fatal) for path, _why, fatal in serial[3]] == [('extra/pipe', False)]


@pytest.mark.parametrize('in_git', [False, True], ids=['plain-folder', 'repository'])
def test_a_folder_scans_its_symlinks_as_git_stores_them(tmp_path, monkeypatch, keys, in_git):
    """A symlink is never followed, but git stores it as a blob holding
    its target, under its name: a link named with a key, or pointing at a
    key, is found in a plain folder as in a repository (the walk left
    links out, names and all)."""
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    top = tmp_path / 'top'
    named, target = keys(), keys()
    _write(top, 'real.txt', 'plain\n')
    os.symlink('real.txt', top / f'{named}.txt')
    os.symlink(target, top / 'deploy-key')
    os.symlink(tmp_path, top / 'up')  # a folder: never walked into
    if in_git:
        git(top, 'init', '-q')
    r = scan('--format', 'json', str(top), cwd=tmp_path)
    assert r.rc == 1, r.err
    assert r.found() == [
        ('<path name>', 3, KEY, hash_secret(named)),  # deploy-key, real.txt, it, up
        ('deploy-key', 1, KEY, hash_secret(target)),
    ]
    assert r.json()['summary']['files_scanned'] == 4


def test_a_stop_while_waiting_for_the_childs_result_stops_the_child(tmp_path):
    """A time bound (pre-receive's ``--timeout``: SIGALRM raising in the
    main thread) firing once the parent's half is done, while it waits for
    the child's result, stops the child too: it never runs on past the
    bound holding the hook's output open (git would wait for it)."""
    import signal
    import time

    from together_hooks.sources import parallel

    class Stop(Exception):
        pass

    started = tmp_path / 'child-pid'

    def child():
        started.write_text(str(os.getpid()))
        time.sleep(60)
        return 'late'

    def parent():
        while not started.exists() or not started.read_text():
            time.sleep(0.01)
        return 'mine'

    def fire(_signum, _frame):
        raise Stop

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(Stop):
            parallel.split(child, parent)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    pid = int(started.read_text())
    with pytest.raises(ProcessLookupError):  # stopped and reaped: no such process
        os.kill(pid, 0)
