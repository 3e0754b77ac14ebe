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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

ASSUME_VALID = 0x8000  # ``assume-unchanged``, in an entry's flags
EXTENDED = 0x4000  # an entry's flags are followed by two more bytes (v3+)
SKIP_WORKTREE = 0x4000  # in the extended flags
# Extensions that put entries elsewhere: a split index's shared file
# (``link``) and a sparse index's folders standing for their files (``sdir``).
ELSEWHERE = (b'link', b'sdir')


def may_hide_files(data: bytes, wanted: Callable[[bytes], bool] | None = None) -> bool:
    """False when the index file ``data`` (format 2, 3 or 4) marks no
    entry ``assume-unchanged`` or ``skip-worktree`` (of those whose path
    ``wanted`` accepts, when given: a sparse checkout marks every file
    outside its cone) and keeps no entry elsewhere (``ELSEWHERE``): then
    each such file a commit adds or changes is in the work tree once
    pre-commit has stashed what is unstaged.  True for anything else, and
    for bytes this reader does not know.  A format 2 or 3 entry's size
    comes from its name's length in its flags, so each entry costs a few
    byte reads (mypy's 1,921-file index: under a millisecond)."""
    if len(data) < 32 or data[:4] != b'DIRC':
        return True
    version = int.from_bytes(data[4:8], 'big')
    count = int.from_bytes(data[8:12], 'big')
    if version not in (2, 3, 4):
        return True
    end = len(data) - 20  # the checksum
    at = 12
    previous = b''  # format 4 writes each path as a change to the one before
    try:
        for _ in range(count):
            high = data[at + 60]  # the flags' first byte
            hidden = high & ASSUME_VALID >> 8
            if high & EXTENDED >> 8:
                if version < 3:
                    return True
                hidden = hidden or data[at + 62] & SKIP_WORKTREE >> 8
                name = at + 64
            else:
                name = at + 62
            if version == 4:  # a varint: the bytes of the path before to drop
                strip = -1
                while True:
                    byte = data[name]
                    name += 1
                    strip = ((strip + 1) << 7) | (byte & 0x7F)
                    if not byte & 0x80:
                        break
                nul = data.index(b'\0', name, end)
                if strip > len(previous):
                    return True
                previous = previous[:len(previous) - strip] + data[name:nul]
                path = previous
                at = nul + 1
            else:
                length = (high & 0x0F) << 8 | data[at + 61]
                if length == 0xFFF:  # a longer name: up to its NUL
                    length = data.index(b'\0', name, end) - name
                path = data[name:name + length] if hidden else b''
                at += (name - at + length + 8) & ~7  # 1-8 NULs pad to a multiple of 8
            if hidden and (wanted is None or wanted(path)):
                return True
    except (IndexError, ValueError):  # cut short
        return True
    if at > end:
        return True
    while at + 8 <= end:  # extensions: a signature and a size each
        if data[at:at + 4] in ELSEWHERE:
            return True
        at += 8 + int.from_bytes(data[at + 4:at + 8], 'big')
    return at != end
