"""Where content comes from: files on disk, a repository's files, the git index.

Every source yields ``Content`` items: a display path (relative to the scan
root, ``/``-separated) and the raw bytes.  Symlinks are never followed and
submodules are left to their own repositories.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from typing import TYPE_CHECKING

from together_hooks.errors import InputError

if TYPE_CHECKING:
    from typing import Iterable
    from typing import Iterator


class Content:
    """A display path and its bytes; file-backed content is read on demand,
    so a parallel scan can read in the worker that scans it."""

    __slots__ = ('path', '_data', 'fs_path')

    def __init__(
            self, path: str, data: bytes | None = None, fs_path: str | None = None,
    ) -> None:
        self.path = path
        self._data = data
        self.fs_path = fs_path

    @property
    def data(self) -> bytes:
        """The bytes; b'' for a file-backed entry that is not a regular file."""
        if self._data is None:
            read = read_file(self.fs_path) if self.fs_path is not None else None
            self._data = b'' if read is None else read
        return self._data

    def release(self) -> None:
        """Drop the bytes once scanned (a tree scan must not hold them all)."""
        if self.fs_path is not None:
            self._data = None


def to_display(path: str) -> str:
    path = path.replace(os.sep, '/') if os.sep != '/' else path
    return path[2:] if path.startswith('./') else path


def git(root: str, *args: str, input: bytes | None = None) -> bytes:
    """Run git in ``root``; a failure is an InputError with git's own words."""
    import subprocess  # only sources that ask git pay for it

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
    import subprocess  # only sources that ask git pay for it

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


def walk(top: str, rel: str = '') -> list[str]:
    """Every regular file below ``top`` (outside git), relative to it, sorted.

    Symlinks are not followed; ``.git`` folders are skipped.
    """
    found = []
    with os.scandir(os.path.join(top, rel) if rel else top) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        path = f'{rel}/{entry.name}' if rel else entry.name
        if entry.is_dir(follow_symlinks=False):
            if entry.name != '.git':
                found.extend(walk(top, path))
        elif entry.is_file(follow_symlinks=False):
            found.append(path)
    return found


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_NONBLOCK', 0)
    | getattr(os, 'O_BINARY', 0)
)


def read_file(path: str) -> bytes | None:
    """The bytes of a regular file; None for symlinks, FIFOs, folders, gone.

    One open with O_NOFOLLOW (a symlink is never followed) and O_NONBLOCK
    (a FIFO never blocks), then fstat: no separate lstat per file.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:  # a symlink
            return None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with open(fd, 'rb', buffering=0, closefd=False) as f:
            return f.readall()
    finally:
        os.close(fd)


def from_files(root: str, relpaths: Iterable[str]) -> Iterator[Content]:
    for rel in relpaths:
        yield Content(to_display(rel), fs_path=os.path.join(root, rel))


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
        yield Content(to_display(path), fs_path=path)


def from_tree(top: str, display_prefix: str = '') -> list[Content]:
    """A folder: its git files when inside a work tree, else every file.

    A list (not a stream) of file-backed content: nothing is read yet, and
    the pipeline may split it across processes.
    """
    root = git_toplevel(top)
    if root is not None:
        rels = repo_files(top)
    else:
        rels = walk(top)
    prefix = display_prefix.rstrip('/\\')
    if prefix and prefix != '.':
        return [
            Content(to_display(f'{prefix}/{rel}'), fs_path=os.path.join(top, rel))
            for rel in rels
        ]
    return [Content(to_display(rel), fs_path=os.path.join(top, rel)) for rel in rels]


def _cat_blobs(root: str, shas: list[str]) -> Iterator[tuple[str, bytes]]:
    """(sha, bytes) for each blob, streamed from one ``git cat-file --batch``."""
    import subprocess
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
