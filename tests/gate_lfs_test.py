"""Git LFS: a commit holds a pointer and ``git push`` uploads the object
from the local store with it, so a range scans the object a pointer names
when it is here (as git-lfs stores it: ``.git/lfs/objects/ab/cd/<oid>``);
a large one in windows, from the store.
"""
from __future__ import annotations

import hashlib
import os

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


def _lfs_file(
        repo, path: str, content: bytes | None = None, size: int | None = None, extra: str = '',
) -> None:
    """What ``git lfs track`` + ``git add`` leave: the object in the local
    store, the pointer in the tree."""
    if content is None:  # a large sparse object
        oid = hashlib.sha256(path.encode()).hexdigest()
    else:
        oid, size = hashlib.sha256(content).hexdigest(), len(content)
    store = os.path.join(repo, '.git', 'lfs', 'objects', oid[:2], oid[2:4])
    os.makedirs(store, exist_ok=True)
    with open(os.path.join(store, oid), 'wb') as f:
        if content is None:
            f.truncate(size)
        else:
            f.write(content)
    write(
        repo, path,
        f'version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n{extra}',
    )


def test_a_range_scans_the_lfs_object_a_pointer_names(git_repo, keys):
    key = keys()
    write(git_repo, '.gitattributes', '*.json filter=lfs diff=lfs merge=lfs -text\n')
    base = commit(git_repo)
    _lfs_file(git_repo, 'data/config.json', f'{{"together_api_key": "{key}"}}\n'.encode())
    adding = commit(git_repo)
    result = scan('--diff', f'{base}..HEAD', '--format', 'json')
    assert result.rc == 1, (result.out, result.err)
    assert [(f[0], f[3]) for f in result.found()] == [('data/config.json', hash_secret(key))]
    assert result.json()['findings'][0]['commit'] == adding


def test_pre_push_refuses_a_key_in_an_lfs_object(git_repo, keys, pushing):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    _lfs_file(git_repo, 'model/notes.txt', f'TOGETHER_API_KEY={key}\n'.encode())
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out
    assert git(git_repo, 'ls-remote', 'origin', 'main').split()[0] != git(
        git_repo, 'rev-parse', 'HEAD').strip()


def _large_lfs_file(repo, path: str, tail: bytes, size: int) -> None:
    """A sparse LFS object of ``size`` bytes ending in ``tail``."""
    _lfs_file(repo, path, size=size)
    oid = hashlib.sha256(path.encode()).hexdigest()
    with open(os.path.join(repo, '.git', 'lfs', 'objects', oid[:2], oid[2:4], oid), 'r+b') as f:
        f.seek(size - len(tail))
        f.write(tail)


def test_a_key_in_an_lfs_object_larger_than_memory_allows_is_found(git_repo, keys):
    """Over ``LFS_MAX`` an object is scanned in windows from the LFS store
    (memory bounded), never passed over: a push would send it whole."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    _large_lfs_file(git_repo, 'weights.bin', f'\nTOGETHER_API_KEY={key}\n'.encode(), 80 << 20)
    adding = commit(git_repo)
    result = scan('--diff', f'{base}..HEAD', '--format', 'json')
    assert result.rc == 1, result.err
    assert [(p, h) for p, _line, _rule, h in result.found()] == [('weights.bin', hash_secret(key))]
    assert result.json()['findings'][0]['commit'] == adding


def test_a_large_lfs_object_without_a_key_passes(git_repo):
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    _lfs_file(git_repo, 'weights.bin', size=200 << 20)
    commit(git_repo)
    result = scan('--diff', f'{base}..HEAD')
    assert result.rc == 0, result.err
    assert 'not scanned' not in result.err, result.err




def test_a_key_in_the_pointer_text_itself_is_found_beside_its_object(git_repo, keys, pushing):
    """The pointer is what the commit stores and the remote receives: a
    key on a line of its own (``x-note ...``, hand-made or pasted) counts
    even though its object is here and clean (the object is scanned
    too)."""
    key, other = keys(), keys()
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    _lfs_file(git_repo, 'model.bin', b'clean weights\n', extra=f'x-note TOGETHER_API_KEY={key}\n')
    _lfs_file(git_repo, 'notes.txt', f'line\nTOGETHER_API_KEY={other}\n'.encode())
    commit(git_repo)
    result = scan('--diff', f'{base}..HEAD', '--format', 'json')
    assert result.rc == 1, (result.out, result.err)
    assert sorted((f[0], f[1], f[3]) for f in result.found()) == sorted([
        ('model.bin', 4, hash_secret(key)), ('notes.txt', 2, hash_secret(other)),
    ])
    before = git(git_repo, 'ls-remote', 'origin', 'main').split()[0]
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and hash_secret(other) in out
    assert git(git_repo, 'ls-remote', 'origin', 'main').split()[0] == before


def test_a_range_says_which_lfs_objects_it_could_not_scan(git_repo):
    """A CI clone has none of the range's LFS objects (the checkout fetches
    at most HEAD's): their pointers were scanned and the range passed
    without a word.  One line on stderr now names them and the fetch."""
    write(git_repo, '.gitattributes', '*.json filter=lfs diff=lfs merge=lfs -text\n')
    base = commit(git_repo)
    _lfs_file(git_repo, 'data/here.json', b'{"x": 1}\n')
    oid = hashlib.sha256(b'elsewhere').hexdigest()
    write(git_repo, 'data/gone.json',
          f'version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 9\n')
    commit(git_repo)
    result = scan('--diff', f'{base}..HEAD')
    assert result.rc == 0, result.err
    assert ('1 Git LFS file(s) of the range (data/gone.json) name objects that '
            'are not in this clone') in result.err
    assert 'git lfs fetch --all' in result.err
    # Fetched (the same pointer, its object now in the store): not a word.
    _lfs_file(git_repo, 'data/gone.json', b'elsewhere')
    assert git(git_repo, 'status', '--porcelain') == ''
    result = scan('--diff', f'{base}..HEAD')
    assert result.rc == 0 and 'Git LFS' not in result.err, result.err
