"""The git index: exactly what the next commit will contain."""
from __future__ import annotations

import os

from together_hooks.gitrun import git
from together_hooks.gitrun import read_blobs
from together_hooks.gitrun import zsplit
from together_hooks.sources.content import Content
from together_hooks.sources.content import path_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterator


def staged(root: str) -> Iterator[Content]:
    """Exactly what the next commit will contain, from the index blobs.

    Only files the commit adds or changes; a file staged and then edited or
    deleted in the work tree is scanned as staged.  Renames are scanned at
    their new path; a symlink's blob is its target; deletions and
    submodules have nothing to scan but the names they add.
    """
    changed = set(zsplit(git(
        root, 'diff', '--cached', '--name-only', '-z', '--no-renames',
        '--diff-filter=ACMT',
    )))
    if not changed:
        return
    yield from path_names(changed)  # a submodule's name too
    entries: list[tuple[str, str]] = []
    for record in git(root, 'ls-files', '--stage', '-z').split(b'\0'):
        if not record:
            continue
        meta, _tab, name = record.partition(b'\t')
        mode, sha, stage = meta.decode().split()
        path = os.fsdecode(name)
        if stage == '0' and path in changed and mode in ('100644', '100755', '120000'):
            entries.append((path, sha))
    by_sha: dict[str, list[str]] = {}
    for path, sha in entries:
        by_sha.setdefault(sha, []).append(path)
    for sha, data in read_blobs(root, list(by_sha)):
        for path in by_sha[sha]:
            yield Content(path, data)
