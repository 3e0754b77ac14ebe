"""The git index: exactly what the next commit will contain."""
from __future__ import annotations

import os

from together_hooks.sources.content import Content
from together_hooks.sources.content import blob_contents
from together_hooks.sources.content import path_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import EllipsisType
    from typing import Any
    from typing import Callable
    from typing import Iterable
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
    yield from _contents(root, staged_changes(root))


def _contents(root: str, records: list[tuple[str, str, str]]) -> Iterator[Content]:
    """The names of ``records`` (path, mode, blob), then their blobs."""
    yield from path_names(name for name, _mode, _sha in records)  # a submodule's name too
    by_sha: dict[str, list[str]] = {}
    for name, mode, sha in records:
        if mode in CONTENT_MODES:
            by_sha.setdefault(sha, []).append(name)
    if by_sha:
        yield from blob_contents(root, by_sha)  # a large one in windows


CONTENT_MODES = ('100644', '100755', '120000')  # a symlink's blob is its target


def staged_changes(root: str, against: str | None = None) -> list[tuple[str, str, str]]:
    """(path, new mode, new blob) of each path the next commit adds or
    changes: one diff of the index against HEAD (or the tree-ish
    ``against``), ``:old-mode new-mode old-sha new-sha status`` then the
    path (a submodule's too, whatever config or .gitmodules says to
    ignore)."""
    from together_hooks.gitrun import git
    from together_hooks.gitrun import unreadable
    from together_hooks.gitrun import zfields

    out = git(
        root, 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames',
        '--ignore-submodules=none', '--diff-filter=ACMT', *((against, '--') if against else ()),
    )
    fields = zfields(out)
    if len(fields) % 2:
        raise unreadable(out)
    records = []
    for meta, name in zip(fields[0::2], fields[1::2]):
        record = _raw_record(meta)
        if record is not None and (not name or not record[1].strip('0')):
            raise _damaged_index()
        if record is None or not name:
            raise unreadable(meta)
        records.append((os.fsdecode(name), *record))
    return records


def _damaged_index() -> Exception:
    """A staged path with no object (an id of zeros) or no name: git
    writes neither for an index it wrote (an intent-to-add entry is not in
    a ``--cached`` diff); a cut or damaged index file reads so (git:
    "cache entry has null sha1").  Not git on PATH at fault: say what is."""
    from together_hooks.errors import InputError

    return InputError(
        'the index (.git/index) is damaged: it stages a file with no object '
        '(`git status` says "cache entry has null sha1"); `rm .git/index && '
        'git reset` rebuilds it from HEAD, then add your changes again',
    )


def amended_changes(
        root: str, paths: Sequence[str], takes: Callable[[str], bool] | None = None,
) -> Iterator[Content]:
    """Under ``git commit --amend``: the commit replaces HEAD on HEAD's
    parents, so it stores what HEAD itself changed as well as what is
    staged (a key committed with ``--no-verify``, then only the message
    amended through the hooks).  pre-commit passes the files the index
    changes against HEAD (``paths``); these are the others the index holds
    unlike every parent of HEAD (a root commit's: the empty tree), each
    with its name and staged blob, as ``staged`` reads them.  ``takes``:
    whether pre-commit would pass the hook a path (from the top), where
    known (``env.hints.key_hook_takes``): a path it would not (the
    config's ``exclude:``) is left out, as pre-commit leaves it out of a
    commit."""
    from together_hooks.gitrun import git

    line = git(root, 'rev-list', '--parents', '-n', '1', 'HEAD', '--').split()
    parents = [p.decode() for p in line[1:]] or [
        git(root, 'hash-object', '-t', 'tree', os.devnull).strip().decode()]
    here = os.path.abspath('.')  # as ``root`` was found (gitdir.worktree_root)
    given = {os.path.relpath(os.path.join(here, p), root) for p in paths}
    # In every parent's diff (a merge amended): what the merge itself brings.
    records = None
    for parent in parents:
        changed = {
            r for r in staged_changes(root, parent)
            if r[0] not in given and (takes is None or takes(r[0]))
        }
        records = changed if records is None else records & changed
    yield from _contents(root, sorted(records or ()))


_HEX = frozenset(b'0123456789abcdef')


def _raw_record(meta: bytes) -> tuple[str, str] | None:
    """(new mode, new object id) of one ``diff --raw --no-abbrev`` record
    (``:old-mode new-mode old-id new-id status``), None for anything else."""
    parts = meta.split(b' ')
    if len(parts) != 5 or parts[0][:1] != b':' or parts[4] not in (b'A', b'C', b'M', b'T'):
        return None
    old_mode, mode, old_id, new_id = parts[0][1:], parts[1], parts[2], parts[3]
    for field, sizes in ((old_mode, (6,)), (mode, (6,)), (old_id, (40, 64)), (new_id, (40, 64))):
        if len(field) not in sizes or not _HEX.issuperset(field):
            return None
    return mode.decode(), new_id.decode()


def unlike_work_tree(
        root: str, paths: Sequence[str], committing: bool = False,
        entries: dict[bytes, tuple[bytes, int, int]] | None | EllipsisType = ...,
        listed: dict[bytes, set[bytes]] | None = None,
) -> Iterator[Content]:
    """The staged blob of each of ``paths`` whose bytes are not the work
    tree's: the next commit stores the blob, and the pre-commit hook is
    given the file.  They differ where git's own diff does not look (an
    ``assume-unchanged`` or ``skip-worktree`` entry, a file rewritten with
    its size and time kept), and where ``git add`` converts (a clean
    filter, ``working-tree-encoding``, line ends).  Each file's bytes are
    hashed as git hashes a blob and held to the index entry, read from the
    index file (``index_entries``; where it cannot be, one ``git
    cat-file``); a file larger than a window, or one whose name git's
    batch cannot take, is not hashed: its blob is scanned all the same.

    ``committing`` (pre-commit runs the hook): a file the commit adds or
    changes that pre-commit could not pass (missing from the work tree: a
    ``skip-worktree`` entry of a sparse checkout, or ``assume-unchanged``,
    which nothing stashed brings back) is scanned as staged, with its
    name.  When the index file reads (``INDEX_ENTRIES_LSTAT`` entries at
    most) and every entry not given is in the work tree, there is none
    such, and each given file is held to its entry; else each is held to
    what ``git diff --cached`` says the commit changes, and that diff finds
    the ones not passed.  ``entries``: ``index_entries(root)``, when the
    caller has read it already; ``listed``: the regular files and links
    in each folder of the work tree, when the caller has listed them all
    (``env.held.none_under``)."""
    here = os.path.abspath('.')  # as ``root`` was found (gitdir.worktree_root)
    named = {os.path.relpath(os.path.join(here, p), root): p for p in paths}
    named = {n: p for n, p in named.items() if not n.startswith('..')}  # in the repository
    if entries is ...:
        entries = index_entries(root)
    if committing:
        yield from _unlike_in_commit(root, here, named, entries, listed)
        return
    if entries is not None:  # the index file itself: no git process
        staged = {}
        for n in named:
            entry = entries.get(os.fsencode(n))
            if entry is not None and entry[1] in _BLOB_MODES and not entry[2] & INTENT_TO_ADD:
                staged[n] = entry[0].hex()
    else:
        staged = _staged_by_git(root, named)
    by_sha: dict[str, list[str]] = {}
    for name, sha in staged.items():
        if name in named and sha not in _blob_ids(named[name], len(sha)):
            by_sha.setdefault(sha, []).append(named[name])
    if by_sha:  # no ``cat-file --batch`` stream (nor ``subprocess``) when none differs
        yield from blob_contents(root, by_sha)


def _staged_by_git(root: str, named: dict[str, str]) -> dict[str, str]:
    """The stage-0 blob id of each of ``named`` that has one, asked of git
    (one ``cat-file``; a name git's batch cannot take, of ``ls-files``)."""
    from together_hooks.gitrun import git
    from together_hooks.gitrun import zfields

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
        listed = zfields(git(
            root, 'ls-files', '--stage', '-z', '--', *(f':(literal){n}' for n in odd),
        ))
        for record in listed:
            meta, _tab, name = record.partition(b'\t')
            fields = meta.split()
            if len(fields) == 3 and fields[2] == b'0':
                staged[os.fsdecode(name)] = fields[1].decode()
    return staged


def _unlike_in_commit(
        root: str, here: str, named: dict[str, str],
        entries: dict[bytes, tuple[bytes, int, int]] | None,
        listed: dict[bytes, set[bytes]] | None = None,
) -> Iterator[Content]:
    from together_hooks.sources.content import could_be_offered

    given = {os.fsencode(n) for n in named}
    merging = merge_offered(root)
    if merging is None and entries is not None and len(entries) <= INDEX_ENTRIES_LSTAT and _all_offered(
            os.fsencode(root), (name for name in entries if name not in given), listed,
    ):
        # Every entry not given is in the work tree, where pre-commit could
        # pass it: none is "unseen", and each given file is held to its
        # entry (whether or not the commit changes it: stricter, not less).
        by_sha: dict[str, list[str]] = {}
        for name, path in named.items():
            entry = entries.get(os.fsencode(name))
            if entry is None or entry[1] not in _BLOB_MODES or entry[2] & INTENT_TO_ADD:
                continue  # nothing staged for it
            sha = entry[0].hex()
            if sha not in _blob_ids(path, len(sha)):
                by_sha.setdefault(sha, []).append(path)
        if by_sha:
            yield from blob_contents(root, by_sha)
        return
    by_sha = {}
    unseen = []
    for name, mode, sha in staged_changes(root):
        given = named.get(name)
        if given is None:
            full = os.path.join(root, name)
            if could_be_offered(full) and (merging is None or name in merging):
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


def merge_offered(root: str) -> set[str] | None:
    """The files pre-commit offers a commit that concludes a merge (its
    ``MERGE_MSG`` and ``MERGE_HEAD`` exist: ``git commit`` after a
    conflict, ``git merge --continue``), by its own rule: the conflicted
    ones ``MERGE_MSG`` lists and those the index differs in from both
    ``HEAD`` and ``MERGE_HEAD`` ("Checking merge-conflict files only");
    None when no merge is under way.  A file the merge brings unchanged
    from the other branch is offered to no hook: a key committed there
    with ``--no-verify`` reached the merge commit unchecked."""
    index = os.environ.get('GIT_INDEX_FILE')
    folder = os.path.dirname(os.path.abspath(index)) if index else ''
    if not (folder and os.path.isfile(os.path.join(folder, 'HEAD'))):
        # No commit's index in a git directory (``pre-commit run`` by
        # hand): the work tree's own ``.git`` folder where nothing points
        # elsewhere, else git says where (one process).
        folder = os.path.join(root, '.git')
        if os.environ.get('GIT_DIR') or not os.path.isfile(os.path.join(folder, 'HEAD')):
            folder = ''

    def path(name: str) -> str:
        if folder:  # a commit's hooks: no git process on every commit
            return os.path.join(folder, name)
        from together_hooks.gitrun import git

        where = git(root, 'rev-parse', '--git-path', name, ok=(0, 128)).rstrip(b'\n')
        return os.path.join(root, os.fsdecode(where))

    try:
        if not os.path.exists(path('MERGE_HEAD')):
            return None
        with open(path('MERGE_MSG'), 'rb') as f:
            message = f.read()
    except OSError:
        return None
    offered = {
        line.lstrip(b'#').strip().decode('utf-8', 'surrogateescape') for line in message.splitlines()
        if line.startswith((b'\t', b'#\t'))
    }
    # (the runner only here, in a merge's commit: a clean commit's first
    # stage does not import it, ``gitdir``)
    from together_hooks.gitrun import git
    from together_hooks.gitrun import zfields

    tree = git(root, 'write-tree', ok=(0, 128)).strip().decode()
    if tree:
        offered.update(os.fsdecode(n) for n in zfields(git(
            root, 'diff', '--name-only', '--no-ext-diff', '-z', '-m', tree, 'HEAD', 'MERGE_HEAD', '--',
            ok=(0, 128))) if n)
    return offered


def merged_heads(root: str) -> list[str]:
    """The commits whose content the commit being made carries over, as
    a commit's hooks see it: ``git merge`` names each it merges in a
    ``GITHEAD_<id>`` variable for the hooks it runs (pre-merge-commit runs
    before ``MERGE_HEAD`` is written), the commit concluding a merge
    (``git commit`` after a conflict) finds them in ``MERGE_HEAD``, and a
    pick of ``git cherry-pick`` or ``git rebase`` names the commit it
    replays in ``CHERRY_PICK_HEAD``.  None outside a commit's hooks (git
    sets ``GIT_INDEX_FILE`` for those only)."""
    if not os.environ.get('GIT_INDEX_FILE'):
        return []
    heads = [name[len('GITHEAD_'):] for name in os.environ if name.startswith('GITHEAD_')]
    from together_hooks.gitrun import git_probe

    names = ('CHERRY_PICK_HEAD',) if heads else ('MERGE_HEAD', 'CHERRY_PICK_HEAD')
    asked = [arg for name in names for arg in ('--git-path', name)]
    for where in (git_probe(root, 'rev-parse', *asked) or b'').splitlines():
        try:
            with open(os.path.join(os.fsencode(root), where), 'rb') as f:
                heads += [line.strip().decode('ascii', 'replace') for line in f if line.strip()]
        except OSError:
            pass
    return heads


def merge_unoffered(root: str) -> list[str]:
    """The files the commit concluding a merge adds or changes that
    pre-commit offers no hook (``merge_offered``); none outside a merge."""
    offered = merge_offered(root)
    if offered is None:
        return []
    return [name for name, _mode, _sha in staged_changes(root) if name not in offered]


def missing_changes(root: str, wanted: Callable[[str], bool]) -> list[str]:
    """Of the paths ``wanted`` accepts, those the commit adds or changes
    that are missing from the work tree, so pre-commit passes them to no
    hook (``content.could_be_offered``): a ``skip-worktree`` entry of a
    sparse checkout (``git cherry-pick -n`` brings one in) or a deleted
    ``assume-unchanged`` one, which pre-commit's stash of unstaged
    changes does not bring back.  The index file is read first (no git
    process): when every entry ``wanted`` accepts is in the work tree,
    there is none; else (or where it cannot be read) ``git diff --cached``
    says which ones the commit changes."""
    from together_hooks.sources.content import could_be_offered

    entries = index_entries(root)
    if entries is not None and all(
            could_be_offered(os.path.join(root, name))
            for name in map(os.fsdecode, entries) if wanted(name)
    ):
        return []
    return [
        name for name, _mode, _sha in staged_changes(root)
        if wanted(name) and not could_be_offered(os.path.join(root, name))
    ]


def _all_offered(
        top: bytes, names: Iterable[bytes], listed: dict[bytes, set[bytes]] | None = None,
) -> bool:
    """Whether pre-commit could pass each of ``names`` (relative to the
    work tree ``top``): ``content.could_be_offered``, a file or a symlink
    in the work tree.  A folder holding several is listed once (its
    entries' types come with the listing) instead of an lstat per name,
    and read only as far as they need (a folder of untracked files is not
    read whole); a name the listing does not show as a file or a link
    (another type, a name the file system folds) is asked of lstat, as
    each one was.  ``listed``: each folder's regular files and links, as
    a walk of the whole work tree just found them (a name there is one)."""
    from together_hooks.sources.content import could_be_offered

    folders: dict[bytes, set[bytes]] = {}
    for name in names:
        folder, _slash, base = name.rpartition(b'/')
        if listed is not None and base in listed.get(folder, ()):
            continue
        folders.setdefault(folder, set()).add(base)
    for folder, wanted in folders.items():
        path = os.path.join(top, folder) if folder else top
        if len(wanted) >= _LISTED:
            others = len(wanted) + _LISTED_EXTRA  # entries read that are none of them
            try:
                with os.scandir(path) as listing:
                    for entry in listing:
                        if entry.name in wanted and (
                                entry.is_file(follow_symlinks=False) or entry.is_symlink()
                        ):
                            wanted.discard(entry.name)
                            if not wanted:
                                break
                        else:
                            others -= 1
                            if not others:
                                break
            except OSError:
                pass
        for base in wanted:
            if not could_be_offered(os.fsdecode(os.path.join(path, base))):
                return False
    return True


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


# Reading the index file itself, as git does, saves the hook a git process
# on every commit.  Whatever this reader is not sure of is git's to answer:
# then it gives None and the caller asks git.
INDEX_LIMIT = 1 << 20  # bytes
# Entries: above this many, parsing them in Python (and, under pre-commit,
# one lstat each) costs more CPU than the git process it saves.
INDEX_ENTRIES_MAX = 1000
INDEX_ENTRIES_LSTAT = 400  # under pre-commit: each entry is also looked for in the work tree
# A folder holding this many entries is listed rather than each entry
# lstat'ed (``_all_offered``); the listing stops after reading as many
# other names again and this many more.
_LISTED = 4
_LISTED_EXTRA = 64
ASSUME_VALID = 0x8000  # ``assume-unchanged``, in the entry's flags
SKIP_WORKTREE = 0x4000 << 16  # extended flags (v3+), shifted above the flags
INTENT_TO_ADD = 0x2000 << 16  # ``git add -N``: nothing staged yet
_BLOB_MODES = frozenset((0o100644, 0o100755, 0o120000))
# An environment that points git at another repository, work tree or
# config: git alone knows which index it means then.
_OTHER_REPOSITORY = (
    'GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CONFIG_COUNT',
    'GIT_CONFIG_PARAMETERS',
)


def index_entries(root: str) -> dict[bytes, tuple[bytes, int, int]] | None:
    """Each path the index of the work tree ``root`` holds at stage 0, as
    bytes: (object id as bytes, mode, flags), read from the index file
    itself (at most ``INDEX_ENTRIES_MAX`` entries); None
    wherever git might read it otherwise (``_OTHER_REPOSITORY``, a git
    folder another user owns, SHA-256 objects or a config ``include``),
    or the file is not one this reader knows whole (``parse_index``)."""
    if any(k in os.environ for k in _OTHER_REPOSITORY) or os.environ.get('GIT_INDEX_FILE') == '':
        return None
    git_dir = _own_git_dir(root)
    if git_dir is None:
        return None
    from together_hooks.fileio import read_small

    index = os.environ.get('GIT_INDEX_FILE') or os.path.join(git_dir, 'index')
    data = read_small(os.path.join(root, index), INDEX_LIMIT)  # relative: to the top, as git runs
    return parse_index(data) if data else None


def _own_git_dir(root: str) -> str | None:
    """The git folder of ``root`` (its ``.git``, or where a ``.git`` file
    points), when this user owns it and ``root`` (else git may refuse the
    repository) and its config names no other object format, includes
    nothing and sets no ``core.worktree``; else None."""
    from together_hooks.fileio import read_small  # regular files only: never a FIFO

    dot_git = os.path.join(root, '.git')
    git_dir = dot_git
    if not os.path.isdir(dot_git):
        line = read_small(dot_git, 4096)
        if not line or not line.startswith(b'gitdir: '):
            return None
        git_dir = os.path.join(root, os.fsdecode(line[len(b'gitdir: '):].rstrip(b'\r\n')))
    try:
        if any(os.lstat(p).st_uid != os.geteuid() for p in (root, git_dir)):
            return None
        common = git_dir
        if os.path.lexists(os.path.join(git_dir, 'commondir')):
            line = read_small(os.path.join(git_dir, 'commondir'), 4096)
            if not line:
                return None
            common = os.path.join(git_dir, os.fsdecode(line.split(b'\n')[0].rstrip(b'\r')))
        for config in (os.path.join(common, 'config'), os.path.join(git_dir, 'config.worktree')):
            if not os.path.lexists(config):
                continue
            text = read_small(config, INDEX_LIMIT)  # None: empty, larger, not a file
            if text is None or any(
                    word in text.lower() for word in (b'objectformat', b'include', b'worktree')
            ):
                return None  # SHA-256 ids, more config, or a work tree elsewhere
    except OSError:
        return None
    return git_dir


def parse_index(
        data: bytes, most: int = INDEX_ENTRIES_MAX,
) -> dict[bytes, tuple[bytes, int, int]] | None:
    """The stage-0 entries of a git index file (format 2, 3 or 4, SHA-1
    ids, at most ``most`` entries) as ``index_entries`` gives them; None
    for anything else: more entries, another
    version, a wrong checksum, a required extension (a split index's
    ``link``, a sparse index's ``sdir``, any future one), a sparse folder
    entry, an unmerged path, a path listed twice, or bytes that do not
    parse to the end."""
    if len(data) < 32 or data[:4] != b'DIRC':
        return None
    if data[-20:] != _digest(40)(data[:-20]).digest() and any(data[-20:]):
        return None  # a wrong checksum (all zeros: ``index.skipHash``, as git reads it)
    version, count = _u32(data, 4), _u32(data, 8)
    if version not in (2, 3, 4) or count > most:
        return None
    end = len(data) - 20
    entries: dict[bytes, tuple[bytes, int, int]] = {}
    at, previous = 12, b''
    for _ in range(count):
        if at + 62 > end:
            return None
        mode, oid, flags = _u32(data, at + 24), data[at + 40:at + 60], _u16(data, at + 60)
        start = at
        at += 62
        if flags & 0x4000:  # extended flags
            if version < 3 or at + 2 > end:
                return None
            extended = _u16(data, at)
            if extended & ~0x6000:  # a flag this reader does not know
                return None
            flags |= extended << 16
            at += 2
        if version == 4:
            strip, at = _varint(data, at, end)
            nul = data.find(b'\0', at, end)
            if strip is None or nul < 0 or strip > len(previous):
                return None
            name = previous[:len(previous) - strip] + data[at:nul]
            at = nul + 1
        else:
            nul = data.find(b'\0', at, end)
            if nul < 0:
                return None
            name = data[at:nul]
            at = start + ((nul - start) // 8 + 1) * 8  # 1-8 NULs pad to 8
        length = flags & 0xFFF
        if length != min(len(name), 0xFFF) or not name or (flags >> 12) & 3:
            return None  # a wrong length, or an unmerged path: git's to say
        if not (mode in _BLOB_MODES or mode == 0o160000):
            return None  # a sparse index's folder entry (040000), or unknown
        previous = name
        if name in entries:
            return None  # one path twice: which one git takes is git's to say
        entries[name] = (oid, mode, flags & ~0xFFF)
    while at < end:  # extensions: an optional one starts with a capital
        if at + 8 > end:
            return None
        sig, size = data[at:at + 4], _u32(data, at + 4)
        if not b'A' <= sig[:1] <= b'Z' or at + 8 + size > end:
            return None
        at += 8 + size
    return entries if at == end else None


def _u32(data: bytes, at: int) -> int:  # not ``struct``: one import less per commit
    return int.from_bytes(data[at:at + 4], 'big')


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 2], 'big')


def _varint(data: bytes, at: int, end: int) -> tuple[int | None, int]:
    """git's offset varint (``decode_varint``) at ``at``: (value, after)."""
    value = -1
    while at < end:
        c = data[at]
        at += 1
        value = ((value + 1) << 7) | (c & 0x7F)
        if not c & 0x80:
            return value, at
    return None, at
