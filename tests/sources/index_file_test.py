"""``sources.index.index_entries``: the hook reads the index file itself
(no git process per commit), in every format real git writes (2, 3, 4),
and hands anything it is not sure of to git: a split index, a sparse
index, a wrong checksum, an unknown version or required extension."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.cli_run import hook
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret
from together_hooks.sources.index import ASSUME_VALID
from together_hooks.sources.index import INTENT_TO_ADD
from together_hooks.sources.index import SKIP_WORKTREE
from together_hooks.sources.index import index_entries
from together_hooks.sources.index import parse_index


def _listed(repo) -> dict[str, tuple[str, int]]:
    """What git itself says the index holds: path -> (object id, mode)."""
    out = subprocess.run(('git', 'ls-files', '--stage', '-z'), cwd=repo, check=True,
                         capture_output=True).stdout
    listed = {}
    for record in filter(None, out.split(b'\0')):
        meta, _tab, name = record.partition(b'\t')
        mode, oid, stage = meta.split()
        assert stage == b'0'
        listed[os.fsdecode(name)] = (oid.decode(), int(mode, 8))
    return listed


def _as_listed(entries) -> dict[str, tuple[str, int]]:
    """``index_entries``' bytes as ``_listed`` gives them."""
    return {os.fsdecode(n): (oid.hex(), mode) for n, (oid, mode, _flags) in entries.items()}


def _version(repo) -> int:
    with open(os.path.join(repo, '.git', 'index'), 'rb') as f:
        return int.from_bytes(f.read(8)[4:], 'big')


def _fill(repo, phantoms: bool = True) -> None:
    """Names of every shape: nested, a newline, non-ASCII, a symlink, an
    executable; ``phantoms``: entries with nothing in the work tree, a name
    longer than the 12-bit length field (0xFFF) and a submodule."""
    for i in range(20):
        write(repo, f'pkg/sub/module_{i}.py', f'x = {i}\n')
        write(repo, f'pkg/other_{i}.txt', f'{i}\n')
    write(repo, 'new\nline é.txt', 'n\n')
    os.symlink('pkg/other_1.txt', os.path.join(repo, 'link'))
    write(repo, 'run.sh', 'echo hi\n')
    os.chmod(os.path.join(repo, 'run.sh'), 0o755)
    git(repo, 'add', '-A')
    if not phantoms:
        return
    blob = git(repo, 'hash-object', '-w', 'run.sh').strip()
    long_name = '/'.join(['d' * 200] * 22) + '/f.txt'  # 4,428 bytes: no file needed
    git(repo, 'update-index', '--add', '--cacheinfo', f'100644,{blob},{long_name}')
    git(repo, 'update-index', '--add', '--cacheinfo', f'160000,{"1" * 40},vendor/lib')


@pytest.mark.parametrize('version', [2, 3, 4])
def test_every_index_version_reads_as_git_lists_it(git_repo, version):
    _fill(git_repo)
    if version >= 3:  # flags that need the extended field
        git(git_repo, 'update-index', '--skip-worktree', 'pkg/other_3.txt')
        write(git_repo, 'later.txt', 'l\n')
        git(git_repo, 'add', '-N', 'later.txt')
    git(git_repo, 'update-index', '--assume-unchanged', 'pkg/other_2.txt')
    git(git_repo, 'update-index', '--index-version', str(version))
    assert _version(git_repo) == version

    entries = index_entries(str(git_repo))

    assert entries is not None
    assert _as_listed(entries) == _listed(git_repo)
    flagged = {
        os.fsdecode(n): flags for n, (_oid, _mode, flags) in entries.items() if flags & ~0x4000
    }
    want = {'pkg/other_2.txt': ASSUME_VALID}
    if version >= 3:
        want.update({'pkg/other_3.txt': SKIP_WORKTREE, 'later.txt': INTENT_TO_ADD})
    assert {n: f & (ASSUME_VALID | SKIP_WORKTREE | INTENT_TO_ADD) for n, f in flagged.items()} == want


def test_a_split_index_is_left_to_git(git_repo, keys):
    """``core.splitIndex``: the entries live in two files (``link``
    extension): git reads them, and the gate holds all the same."""
    write(git_repo, 'a.py', 'K = None\n')
    git(git_repo, 'add', 'a.py')
    git(git_repo, 'update-index', '--split-index')
    assert any(n.startswith('sharedindex.') for n in os.listdir(git_repo / '.git'))
    assert index_entries(str(git_repo)) is None
    _staged_key_passes_nowhere(git_repo, keys)


def test_a_sparse_index_is_left_to_git(git_repo, keys):
    """A sparse index holds folders outside the cone as one entry
    (``sdir`` extension, mode 040000): git reads it."""
    for folder in ('in', 'out'):
        write(git_repo, f'{folder}/deep/f.txt', f'{folder}\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', 'one')
    git(git_repo, 'sparse-checkout', 'set', '--cone', '--sparse-index', 'in')
    with open(git_repo / '.git' / 'index', 'rb') as f:
        assert b'sdir' in f.read()
    assert not os.path.exists(git_repo / 'out')
    assert index_entries(str(git_repo)) is None
    _staged_key_passes_nowhere(git_repo, keys, 'in/a.py')


def _staged_key_passes_nowhere(repo, keys, path: str = 'a.py') -> None:
    """A key staged, then the file cleaned and flagged so git's diff skips
    it: the staged blob still blocks, by hand and as pre-commit runs it."""
    key = keys()
    write(repo, path, f'K = "{key}"\n')
    git(repo, 'add', path)
    git(repo, 'update-index', '--assume-unchanged', path)
    write(repo, path, 'K = None\n')
    for env in ({}, {'PRE_COMMIT': '1'}):
        res = _hook_with(env, path, '--format', 'json', cwd=repo)
        assert res.rc == 1 and hash_secret(key) in res.out, res.err


def _hook_with(env: dict[str, str], *args: str, cwd):
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return hook(*args, cwd=cwd)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _index_bytes(repo) -> bytes:
    with open(os.path.join(repo, '.git', 'index'), 'rb') as f:
        return f.read()


def _sealed(body: bytes) -> bytes:
    import hashlib

    return body + hashlib.sha1(body).digest()


@pytest.mark.parametrize('damage', [
    'checksum', 'truncated', 'version 5', 'required extension', 'unmerged', 'entry count',
    'a path twice',
])
def test_an_index_this_reader_does_not_know_whole_is_none(git_repo, damage):
    _fill(git_repo)
    data = _index_bytes(git_repo)
    body = data[:-20]
    assert parse_index(data) is not None
    if damage == 'checksum':
        bad = body + bytes(19) + b'\1'
    elif damage == 'truncated':
        bad = _sealed(body[:len(body) // 2])
    elif damage == 'version 5':
        bad = _sealed(body[:4] + (5).to_bytes(4, 'big') + body[8:])
    elif damage == 'required extension':  # lowercase: a reader that skips it is wrong
        bad = _sealed(body + b'zzzz' + (0).to_bytes(4, 'big'))
    elif damage == 'unmerged':  # stage 2 in the first entry's flags
        flags = int.from_bytes(body[12 + 60:12 + 62], 'big') | 0x2000
        bad = _sealed(body[:12 + 60] + flags.to_bytes(2, 'big') + body[12 + 62:])
    elif damage == 'a path twice':  # version 2: the first entry, NUL-padded to 8
        git(git_repo, 'update-index', '--index-version', '2')
        body = _index_bytes(git_repo)[:-20]
        size = (body.index(b'\0', 12 + 62) - 12) // 8 * 8 + 8
        count = int.from_bytes(body[8:12], 'big') + 1
        bad = _sealed(body[:8] + count.to_bytes(4, 'big') + body[12:12 + size] + body[12:])
        with open(git_repo / '.git' / 'index', 'wb') as f:
            f.write(bad)
        listed = git(git_repo, 'ls-files', '--stage').splitlines()
        assert len(listed) == len(set(listed)) + 1  # git reads it: one path twice
    else:
        count = int.from_bytes(body[8:12], 'big') + 1
        bad = _sealed(body[:8] + count.to_bytes(4, 'big') + body[12:])
    assert parse_index(bad) is None


def test_a_large_index_is_left_to_git(git_repo):
    """Above ``most`` entries, parsing them in Python costs more than the
    git process it would save."""
    _fill(git_repo)
    data = _index_bytes(git_repo)
    count = int.from_bytes(data[8:12], 'big')
    assert parse_index(data, most=count) is not None
    assert parse_index(data, most=count - 1) is None


def test_an_index_git_writes_without_a_checksum_reads(git_repo):
    """``index.skipHash`` (git 2.40+) leaves the trailer zero; git reads it."""
    _fill(git_repo)
    data = _index_bytes(git_repo)
    assert parse_index(data[:-20] + bytes(20)) == parse_index(data)


def _git_spy(tmp_path, monkeypatch) -> str:
    """A ``git`` first on PATH that logs each run, then runs the real one."""
    real = shutil.which('git')
    folder = tmp_path / 'spy'
    folder.mkdir()
    log = tmp_path / 'git-calls'
    script = folder / 'git'
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv('PATH', f'{folder}{os.pathsep}{os.environ["PATH"]}')
    return str(log)


def _calls(log: str) -> list[str]:
    try:
        with open(log) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


@pytest.mark.parametrize('pre_commit', [False, True])
def test_a_commit_costs_no_git_process(git_repo, tmp_path, monkeypatch, keys, pre_commit):
    """The index file is read, not asked of git (before: one ``cat-file``,
    under pre-commit one ``diff --cached``), and each file is still held
    to its entry: a file cleaned after its key was staged blocks."""
    _fill(git_repo, phantoms=False)
    git(git_repo, 'commit', '-q', '-m', 'one')
    write(git_repo, 'pkg/other_1.txt', 'changed\n')
    git(git_repo, 'add', 'pkg/other_1.txt')
    if pre_commit:
        monkeypatch.setenv('PRE_COMMIT', '1')
    log = _git_spy(tmp_path, monkeypatch)

    clean = hook('pkg/other_1.txt', cwd=git_repo)
    assert clean.rc == 0, clean.err
    # No git at all: the first stage's own walk of the work tree finds no
    # env file (``env.held.none_under``), so git's walk for the env files
    # whose keys you hold (one definition with ``scan``: docs/env-policy.md)
    # is not asked; with one in a folder, it is (and the full hook reads it).
    assert _own_key_walks(_calls(log)) == (0, [])
    write(git_repo, 'pkg/sub/.env.local', 'DEBUG=1\n')
    assert hook('pkg/other_1.txt', cwd=git_repo).rc == 0
    assert _own_key_walks(_calls(log))[0] >= 1
    os.remove(git_repo / 'pkg/sub/.env.local')

    key = keys()
    write(git_repo, 'pkg/sub/module_1.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'pkg/sub/module_1.py')
    write(git_repo, 'pkg/sub/module_1.py', 'K = None\n')
    os.remove(log)
    blocked = hook('pkg/sub/module_1.py', '--format', 'json', cwd=git_repo)
    assert blocked.rc == 1 and hash_secret(key) in blocked.out, blocked.err
    # The blocked commit's full hook reads your own keys by the first
    # stage's walk too (no env file past the top: no ``ls-files``), and
    # streams the one staged blob that differs.
    walks, calls = _own_key_walks(_calls(log))
    assert walks == 0 and len(calls) == 1, calls
    assert ' cat-file --batch' in calls[0] and '--batch-check' not in calls[0], calls


def _own_key_walks(calls: list[str]) -> tuple[int, list[str]]:
    """How many of ``calls`` are the own keys' env-file walk, and the rest."""
    walks = [c for c in calls if ' ls-files ' in c and '--others' in c and '.env' in c]
    return len(walks), [c for c in calls if c not in walks]


@pytest.mark.parametrize('relative', [False, True])
def test_git_index_file_is_the_index_read(git_repo, keys, relative):
    """Under ``git commit -a`` or ``git commit FILE`` git names another
    index (``GIT_INDEX_FILE``, relative to the top or absolute): the
    staged blob is read from that one."""
    write(git_repo, 'a.py', 'K = None\n')
    git(git_repo, 'add', 'a.py')
    git(git_repo, 'commit', '-q', '-m', 'one')
    key = keys()
    other = git_repo / '.git' / 'next-index'
    shutil.copyfile(git_repo / '.git' / 'index', other)
    write(git_repo, 'a.py', f'K = "{key}"\n')
    env = dict(os.environ, GIT_INDEX_FILE=str(other))
    subprocess.run(('git', 'add', 'a.py'), cwd=git_repo, env=env, check=True)
    write(git_repo, 'a.py', 'K = None\n')
    name = os.path.join('.git', 'next-index') if relative else str(other)
    assert index_entries(str(git_repo)) is not None
    for extra in ({}, {'PRE_COMMIT': '1'}):
        res = _hook_with({'GIT_INDEX_FILE': name, **extra}, 'a.py', '--format', 'json', cwd=git_repo)
        assert res.rc == 1 and hash_secret(key) in res.out, res.err


@pytest.mark.parametrize('setting', [
    ('extensions.objectFormat', 'sha256'), ('include.path', 'other.cfg'), ('core.worktree', '.'),
])
def test_a_config_that_changes_what_git_reads_is_left_to_git(git_repo, setting):
    _fill(git_repo, phantoms=False)
    assert index_entries(str(git_repo)) is not None
    git(git_repo, 'config', *setting)
    assert index_entries(str(git_repo)) is None


def test_another_git_dir_is_left_to_git(git_repo, monkeypatch):
    """git sets ``GIT_DIR`` for hooks in a linked work tree."""
    _fill(git_repo, phantoms=False)
    monkeypatch.setenv('GIT_DIR', str(git_repo / '.git'))
    assert index_entries(str(git_repo)) is None


def test_a_linked_work_tree_reads_its_own_index(git_repo, tmp_path):
    """``git worktree add``: ``.git`` is a file naming the work tree's git
    folder, whose ``commondir`` leads to the shared config."""
    _fill(git_repo, phantoms=False)
    git(git_repo, 'commit', '-q', '-m', 'one')
    linked = tmp_path / 'linked'
    git(git_repo, 'worktree', 'add', '-q', str(linked))
    write(linked, 'only-here.txt', 'x\n')
    git(linked, 'add', 'only-here.txt')
    entries = index_entries(str(linked))
    assert entries is not None and b'only-here.txt' in entries
    assert _as_listed(entries) == _listed(linked)
    assert b'only-here.txt' not in (index_entries(str(git_repo)) or {b'only-here.txt': 0})


@pytest.mark.parametrize('most', [0, None])
def test_under_pre_commit_a_larger_index_asks_git_diff(git_repo, tmp_path, monkeypatch, most):
    """Each entry costs an lstat under pre-commit: above the limit the one
    ``git diff --cached`` is cheaper, and finds what the commit changes."""
    from together_hooks.sources import index

    _fill(git_repo, phantoms=False)
    if most is not None:
        monkeypatch.setattr(index, 'INDEX_ENTRIES_LSTAT', most)
    log = _git_spy(tmp_path, monkeypatch)
    assert list(index.unlike_work_tree(str(git_repo), ['run.sh'], committing=True)) == []
    assert [' diff --cached' in c for c in _calls(log)] == ([True] if most == 0 else [])


def test_a_config_that_is_a_fifo_is_left_to_git(git_repo):
    """Opening a FIFO blocks: the reader never opens one (git, run by
    ``gitrun``, is stopped with one line when it waits on one)."""
    _fill(git_repo, phantoms=False)
    config = git_repo / '.git' / 'config'
    config.unlink()
    os.mkfifo(config)
    assert index_entries(str(git_repo)) is None


def _lstats(monkeypatch) -> list[str]:
    """The paths ``os.lstat`` is asked about from here on."""
    asked: list[str] = []
    lstat = os.lstat

    def spy(path, *args, **kwargs):
        asked.append(os.fsdecode(path))
        return lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, 'lstat', spy)
    return asked


def test_under_pre_commit_entries_are_looked_for_by_folder(git_repo, monkeypatch):
    """Under pre-commit each index entry not given must be in the work
    tree (else git's diff decides): a folder holding several is listed
    once, not each entry lstat'ed (an lstat each was ~1 ms of a 232-file
    repository's commit).  A name the listing does not show as a file or
    a link is still asked of lstat: a FIFO is one pre-commit could pass, a
    folder in a file's place is not."""
    from together_hooks.sources import index

    _fill(git_repo, phantoms=False)  # 43 entries, 40 of them in two folders
    root = str(git_repo)
    asked = _lstats(monkeypatch)
    assert list(index.unlike_work_tree(root, ['run.sh'], committing=True)) == []
    looked = [p for p in asked if os.path.relpath(p, root).startswith('pkg')]
    assert looked == [], looked

    monkeypatch.undo()
    os.remove(git_repo / 'pkg' / 'other_7.txt')
    os.mkfifo(git_repo / 'pkg' / 'other_7.txt')
    asked = _lstats(monkeypatch)
    assert index._all_offered(os.fsencode(root), iter(index_entries(root)))
    assert [os.path.relpath(p, root) for p in asked if 'pkg' in p] == ['pkg/other_7.txt']

    os.remove(git_repo / 'pkg' / 'other_7.txt')
    os.mkdir(git_repo / 'pkg' / 'other_7.txt')
    assert not index._all_offered(os.fsencode(root), iter(index_entries(root)))
    shutil.rmtree(git_repo / 'pkg' / 'sub')
    os.rmdir(git_repo / 'pkg' / 'other_7.txt')
    write(git_repo, 'pkg/other_7.txt', '7\n')
    assert not index._all_offered(os.fsencode(root), iter(index_entries(root)))


def test_a_skip_worktree_file_missing_from_disk_is_scanned_from_git(git_repo, keys):
    """``git update-index --skip-worktree`` then deleting the file, with no
    sparse checkout configured: git still commits and pushes its blob, and
    the tree scan read only the files on disk (clean, exit 0)."""
    from tests.cli_run import scan

    key = keys()
    write(git_repo, 'conf/secret.py', f'K = "{key}"\n')
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'c')
    git(git_repo, 'update-index', '--skip-worktree', 'conf/secret.py', 'a.py')
    os.remove(git_repo / 'conf' / 'secret.py')
    result = scan(cwd=git_repo)
    assert result.rc == 1 and 'conf/secret.py:1' in result.out, result.err
    # Only the missing one is read from git: a.py is still on disk, once.
    lines = result.out.splitlines()
    assert [line.split(':')[0] for line in lines if ': together-' in line] == ['conf/secret.py']
