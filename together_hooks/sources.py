"""Where content comes from: files on disk, a repository's files, the git index.

Every source yields ``Content`` items: a display path (relative to the scan
root, ``/``-separated) and the raw bytes.  Symlinks are never followed and
submodules are left to their own repositories.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from typing import Iterable
from typing import Iterator

from together_hooks.errors import InputError


class Content:
    __slots__ = ('path', 'data')

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data


def to_display(path: str) -> str:
    path = path.replace(os.sep, '/') if os.sep != '/' else path
    return path[2:] if path.startswith('./') else path


def git(root: str, *args: str, input: bytes | None = None) -> bytes:
    """Run git in ``root``; a failure is an InputError with git's own words."""
    try:
        proc = subprocess.run(
            ('git', *args), cwd=root, input=input,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise InputError('git is not installed or not on PATH')
    if proc.returncode != 0:
        err = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        reason = err[-1] if err else f'exit {proc.returncode}'
        raise InputError(f'git {args[0]} failed: {reason}')
    return proc.stdout


def git_toplevel(path: str) -> str | None:
    """The work tree root holding ``path``, or None outside a work tree."""
    where = path if os.path.isdir(path) else (os.path.dirname(path) or '.')
    try:
        proc = subprocess.run(
            ('git', 'rev-parse', '--show-toplevel'), cwd=where,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    return os.fsdecode(proc.stdout.rstrip(b'\n'))


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b'\0') if p]


def repo_files(root: str, under: str = '') -> list[str]:
    """Tracked files and untracked files that are not ignored, under a folder."""
    args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard']
    if under:
        args += ['--', under]
    return sorted(set(_split_z(git(root, *args))))


def walk(top: str) -> list[str]:
    """Every regular file below ``top`` (outside git); symlinks not followed."""
    found = []
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != '.git')
        for name in sorted(filenames):
            found.append(os.path.join(dirpath, name))
    return found


def read_file(path: str) -> bytes | None:
    """The bytes of a regular file; None for symlinks, sockets, folders."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    with open(path, 'rb') as f:
        return f.read()


def from_files(root: str, relpaths: Iterable[str]) -> Iterator[Content]:
    for rel in relpaths:
        data = read_file(os.path.join(root, rel))
        if data is not None:
            yield Content(to_display(rel), data)


def _is_submodule(path: str) -> bool:
    return os.path.exists(os.path.join(path, '.git'))


def from_paths(paths: Iterable[str]) -> Iterator[Content]:
    """Files named on the command line (a hook's arguments), as given.

    A folder is walked (tracked + untracked-not-ignored files inside a git
    work tree); a missing path is an input error, since a hook that was told
    to check a file it cannot read must not pass.
    """
    for path in paths:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise InputError(f'{path}: no such file or directory')
        if stat.S_ISLNK(st.st_mode):
            continue  # never followed: the target is scanned where it lives
        if stat.S_ISDIR(st.st_mode):
            if _is_submodule(path) and os.path.abspath(path) != os.path.abspath('.'):
                print(f'{path}: submodule skipped (scan it in its own repository)',
                      file=sys.stderr)
                continue
            yield from from_tree(path, display_prefix=path)
            continue
        data = read_file(path)
        if data is not None:
            yield Content(to_display(path), data)


def from_tree(top: str, display_prefix: str = '') -> Iterator[Content]:
    """A folder: its git files when inside a work tree, else every file."""
    root = git_toplevel(top)
    if root is not None:
        rels = repo_files(top)
    else:
        rels = [os.path.relpath(p, top) for p in walk(top)]
    prefix = display_prefix.rstrip('/\\')
    for rel in rels:
        full = os.path.join(top, rel)
        data = read_file(full)
        if data is not None:
            shown = f'{prefix}/{rel}' if prefix and prefix != '.' else rel
            yield Content(to_display(shown), data)


def _cat_blobs(root: str, shas: list[str]) -> Iterator[tuple[str, bytes]]:
    """(sha, bytes) for each blob, streamed from one ``git cat-file --batch``."""
    import threading

    proc = subprocess.Popen(
        ('git', 'cat-file', '--batch'), cwd=root,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None

    def feed() -> None:
        try:
            for sha in shas:
                proc.stdin.write(sha.encode() + b'\n')
            proc.stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for sha in shas:
            header = proc.stdout.readline().split()
            if len(header) != 3:
                raise InputError(f'git cat-file could not read object {sha}')
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
            yield sha, data
    finally:
        writer.join()
        proc.stdout.close()
        proc.wait()


def staged(root: str) -> Iterator[Content]:
    """Exactly what the next commit will contain, from the index blobs.

    Only files the commit adds or changes; a file staged and then edited or
    deleted in the work tree is scanned as staged.  Renames are scanned at
    their new path; deletions, symlinks and submodules have nothing to scan.
    """
    changed = set(_split_z(git(
        root, 'diff', '--cached', '--name-only', '-z', '--no-renames',
        '--diff-filter=ACMT',
    )))
    if not changed:
        return
    entries: list[tuple[str, str]] = []
    for record in git(root, 'ls-files', '--stage', '-z').split(b'\0'):
        if not record:
            continue
        meta, _tab, name = record.partition(b'\t')
        mode, sha, stage = meta.decode().split()
        path = os.fsdecode(name)
        if stage == '0' and path in changed and mode in ('100644', '100755'):
            entries.append((path, sha))
    by_sha: dict[str, list[str]] = {}
    for path, sha in entries:
        by_sha.setdefault(sha, []).append(path)
    for sha, data in _cat_blobs(root, list(by_sha)):
        for path in by_sha[sha]:
            yield Content(path, data)
