"""Whether an index file marks an entry that git's diff passes over.

pre-commit makes the work tree match the index before it runs hooks (it
stashes what ``git diff`` shows unstaged), then passes each staged file the
work tree holds.  An entry marked ``assume-unchanged`` or ``skip-worktree``
is one ``git diff`` passes over: a file of it that is missing from the work
tree stays missing, and no hook is passed it (a sparse checkout's files
outside its cone, which ``git cherry-pick -n`` or ``git checkout BRANCH --
PATH`` stage).  A hook that returns early when pre-commit passes it no file
(``forbid-env-files`` on nearly every commit) asks this first.

This reads only the entries' flags, not their names or ids, and imports
nothing: the early return of a hook that runs on every commit would
otherwise pay for the git runner's imports (``sources.index.parse_index``
reads the whole entries, as the key hook needs them).
"""
from __future__ import annotations

ASSUME_VALID = 0x8000  # ``assume-unchanged``, in an entry's flags
EXTENDED = 0x4000  # an entry's flags are followed by two more bytes (v3+)
SKIP_WORKTREE = 0x4000  # in the extended flags
# Extensions that put entries elsewhere: a split index's shared file
# (``link``) and a sparse index's folders standing for their files (``sdir``).
ELSEWHERE = (b'link', b'sdir')


def may_hide_files(data: bytes) -> bool:
    """False when the index file ``data`` (format 2, 3 or 4) marks no
    entry ``assume-unchanged`` or ``skip-worktree`` and keeps no entry
    elsewhere (``ELSEWHERE``): then each file a commit adds or changes is
    in the work tree once pre-commit has stashed what is unstaged.  True
    for anything else, and for bytes this reader does not know."""
    if len(data) < 32 or data[:4] != b'DIRC':
        return True
    version = int.from_bytes(data[4:8], 'big')
    count = int.from_bytes(data[8:12], 'big')
    if version not in (2, 3, 4):
        return True
    end = len(data) - 20  # the checksum
    at = 12
    for _ in range(count):
        if at + 62 > end:
            return True
        flags = int.from_bytes(data[at + 60:at + 62], 'big')
        start = at
        at += 62
        if flags & ASSUME_VALID:
            return True
        if flags & EXTENDED:
            if version < 3 or at + 2 > end or int.from_bytes(data[at:at + 2], 'big') & SKIP_WORKTREE:
                return True
            at += 2
        if version == 4:  # a varint (bytes of the name before to drop), then the rest
            while at < end and data[at] & 0x80:
                at += 1
            at += 1
        nul = data.find(b'\0', at, end)
        if nul < 0:
            return True
        # Format 2 and 3 pad each entry with 1-8 NULs to a multiple of 8.
        at = nul + 1 if version == 4 else start + ((nul - start) // 8 + 1) * 8
    while at + 8 <= end:  # extensions: a signature and a size each
        signature = data[at:at + 4]
        if signature in ELSEWHERE:
            return True
        at += 8 + int.from_bytes(data[at + 4:at + 8], 'big')
    return at != end
