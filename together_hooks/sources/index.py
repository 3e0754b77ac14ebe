"""The git index: exactly what the next commit will contain."""
from __future__ import annotations

import os

from together_hooks.gitrun import git
from together_hooks.sources.content import Content
from together_hooks.sources.content import blob_contents
from together_hooks.sources.content import path_names

TYPE_CHECKING = False
if TYPE_CHECKING:
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
    # One diff of the index against HEAD gives each path's new mode and
    # blob: ``:old-mode new-mode old-sha new-sha status`` then the path
    # (a submodule's too, whatever config or .gitmodules says to ignore).
    fields = git(
        root, 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames',
        '--ignore-submodules=none', '--diff-filter=ACMT',
    ).split(b'\0')
    records = list(zip(fields[0::2], fields[1::2]))
    yield from path_names(os.fsdecode(name) for _meta, name in records)  # a submodule's name too
    by_sha: dict[str, list[str]] = {}
    for meta, name in records:
        _old_mode, mode, _old_sha, sha, _status = meta.decode().split()
        if mode in ('100644', '100755', '120000'):
            by_sha.setdefault(sha, []).append(os.fsdecode(name))
    if by_sha:
        yield from blob_contents(root, by_sha)  # a large one in windows


def cleaned(root: str, paths: Sequence[str]) -> Iterator[Content]:
    """The staged blob of each of ``paths`` that git passes through a
    clean filter (``filter=`` in its attributes): ``git add`` stores the
    filter's output, which may hold a key the work-tree file does not.
    The caller asks ``gitrun.may_clean_filter`` first (the hook, before
    importing this module), so a commit with no filter starts no git."""
    if not paths:
        return
    here = os.path.abspath('.')  # as ``root`` was found (gitrun.worktree_root)
    named = {os.path.relpath(os.path.join(here, p), root): p for p in paths}
    named = {n: p for n, p in named.items() if not n.startswith('..')}  # in the repository
    out = git(
        root, 'check-attr', '-z', '--stdin', 'filter',
        input=b''.join(os.fsencode(n) + b'\0' for n in named),
    ).split(b'\0')
    filtered = [
        os.fsdecode(name) for name, value in zip(out[0::3], out[2::3])
        if value not in (b'unspecified', b'unset')
    ]
    if not filtered:
        return
    staged = git(
        root, 'ls-files', '--stage', '-z', '--', *(f':(literal){n}' for n in filtered),
    ).split(b'\0')
    by_sha: dict[str, list[str]] = {}
    for record in staged:
        meta, _tab, name = record.partition(b'\t')
        fields = meta.split()
        if len(fields) == 3 and fields[0] in (b'100644', b'100755'):
            by_sha.setdefault(fields[1].decode(), []).append(named[os.fsdecode(name)])
    yield from blob_contents(root, by_sha)
