"""The git index: exactly what the next commit will contain."""
from __future__ import annotations

import os

from together_hooks.gitrun import git
from together_hooks.sources.content import Content
from together_hooks.sources.content import blob_contents
from together_hooks.sources.content import path_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Callable
    from typing import Iterator
    from typing import Sequence


def staged(root: str) -> Iterator[Content]:
    """Exactly what the next commit will contain, from the index blobs.

    Only files the commit adds or changes; a file staged and then edited or
    deleted in the work tree is scanned as staged.  Renames are scanned at
    their new path; a symlink's blob is its target; deletions and
    submodules have nothing to scan but the names they add.  A blob larger
    than a window is scanned in windows as git streams it.
    """
    records = staged_changes(root)
    yield from path_names(name for name, _mode, _sha in records)  # a submodule's name too
    by_sha: dict[str, list[str]] = {}
    for name, mode, sha in records:
        if mode in CONTENT_MODES:
            by_sha.setdefault(sha, []).append(name)
    if by_sha:
        yield from blob_contents(root, by_sha)  # a large one in windows


CONTENT_MODES = ('100644', '100755', '120000')  # a symlink's blob is its target


def staged_changes(root: str) -> list[tuple[str, str, str]]:
    """(path, new mode, new blob) of each path the next commit adds or
    changes: one diff of the index against HEAD, ``:old-mode new-mode
    old-sha new-sha status`` then the path (a submodule's too, whatever
    config or .gitmodules says to ignore)."""
    fields = git(
        root, 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames',
        '--ignore-submodules=none', '--diff-filter=ACMT',
    ).split(b'\0')
    records = []
    for meta, name in zip(fields[0::2], fields[1::2]):
        _old_mode, mode, _old_sha, sha, _status = meta.decode().split()
        records.append((os.fsdecode(name), mode, sha))
    return records


def unlike_work_tree(
        root: str, paths: Sequence[str], committing: bool = False,
) -> Iterator[Content]:
    """The staged blob of each of ``paths`` whose bytes are not the work
    tree's: the next commit stores the blob, and the pre-commit hook is
    given the file.  They differ where git's own diff does not look (an
    ``assume-unchanged`` or ``skip-worktree`` entry, a file rewritten with
    its size and time kept), and where ``git add`` converts (a clean
    filter, ``working-tree-encoding``, line ends).  Each file's bytes are
    hashed as git hashes a blob and held to the index entry (one ``git
    cat-file``); a file larger than a window, or one whose name git's
    batch cannot take, is not hashed: its blob is scanned all the same.

    ``committing`` (pre-commit runs the hook): held to what the commit
    changes instead, and a file it adds or changes that pre-commit could
    not pass (missing from the work tree: a ``skip-worktree`` entry of a
    sparse checkout, or ``assume-unchanged``, which nothing stashed brings
    back) is scanned as staged, with its name."""
    here = os.path.abspath('.')  # as ``root`` was found (gitrun.worktree_root)
    named = {os.path.relpath(os.path.join(here, p), root): p for p in paths}
    named = {n: p for n, p in named.items() if not n.startswith('..')}  # in the repository
    if committing:
        yield from _unlike_in_commit(root, here, named)
        return
    plain = [n for n in named if '\n' not in n]
    out = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
        input=b''.join(b':0:' + os.fsencode(n) + b'\n' for n in plain),
    ).split(b'\n')
    staged = {
        n: fields[0].decode() for n, fields in zip(plain, (line.split() for line in out))
        if len(fields) == 2 and fields[1] == b'blob'
    }
    odd = [n for n in named if '\n' in n]
    if odd:
        listed = git(
            root, 'ls-files', '--stage', '-z', '--', *(f':(literal){n}' for n in odd),
        ).split(b'\0')
        for record in listed:
            meta, _tab, name = record.partition(b'\t')
            fields = meta.split()
            if len(fields) == 3 and fields[2] == b'0':
                staged[os.fsdecode(name)] = fields[1].decode()
    by_sha: dict[str, list[str]] = {}
    for name, sha in staged.items():
        if name in named and sha not in _blob_ids(named[name], len(sha)):
            by_sha.setdefault(sha, []).append(named[name])
    if by_sha:  # no ``cat-file --batch`` stream (nor ``subprocess``) when none differs
        yield from blob_contents(root, by_sha)


def _unlike_in_commit(root: str, here: str, named: dict[str, str]) -> Iterator[Content]:
    from together_hooks.sources.content import could_be_offered

    by_sha: dict[str, list[str]] = {}
    unseen = []
    for name, mode, sha in staged_changes(root):
        given = named.get(name)
        if given is None:
            full = os.path.join(root, name)
            if could_be_offered(full):
                continue  # pre-commit could pass it: the user's config filtered it out
            given = os.path.relpath(full, here)
            unseen.append(given)
        elif sha in _blob_ids(given, len(sha)):
            continue
        if mode in CONTENT_MODES:
            by_sha.setdefault(sha, []).append(given)
    yield from path_names(unseen)
    if by_sha:
        yield from blob_contents(root, by_sha)


def _blob_ids(path: str, width: int) -> tuple[str, ...]:
    """The object ids git gives the bytes at ``path`` (a symlink's target)
    as they are, and with CRLF line ends made LF as ``core.autocrlf`` and
    ``eol`` store them (no key holds a CR: the same keys either way, so a
    Windows checkout's files are not read twice); none when there is
    nothing to read here."""
    import stat

    from together_hooks.fileio import NotScanned
    from together_hooks.fileio import WINDOW
    from together_hooks.fileio import read_whole
    from together_hooks.sources.content import link_target

    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            data = link_target(path)
        else:
            data = read_whole(path, WINDOW)
    except (OSError, NotScanned):
        return ()
    if not isinstance(data, bytes):
        return ()
    digest = _digest(width)
    forms = [data, data.replace(b'\r\n', b'\n')] if b'\r\n' in data else [data]
    return tuple(digest(b'blob %d\0' % len(d) + d).hexdigest() for d in forms)


def _digest(width: int) -> Callable[[bytes], Any]:
    """git's object hash for ids ``width`` hex digits long.  SHA-1 from
    CPython's own module where there is one: ``hashlib`` loads OpenSSL,
    a cost every commit would pay."""
    if width == 40:
        try:
            from _sha1 import sha1
        except ImportError:
            from hashlib import sha1
        return sha1
    from hashlib import sha256

    return sha256
