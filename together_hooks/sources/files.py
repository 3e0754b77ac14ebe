"""Files as content: on disk, named on the command line, or a folder
(its git files inside a work tree, else every file).

Every source yields ``Content`` items: a display path (relative to the scan
root, ``/``-separated) and the raw bytes.  Symlinks are never followed and
submodules are left to their own repositories.
"""
from __future__ import annotations

import os
import stat
import sys

from together_hooks.errors import InputError
from together_hooks.fileio import SUBMODULE_SKIPPED
from together_hooks.fileio import NotScanned
from together_hooks.gitdir import worktree_root
from together_hooks.gitrun import git
from together_hooks.gitrun import zfields
from together_hooks.gitrun import git_dir_without_work_tree
from together_hooks.gitrun import git_may_claim
from together_hooks.gitrun import git_toplevel
from together_hooks.gitrun import git_refusal
from together_hooks.gitrun import git_probe
from together_hooks.gitrun import zsplit
from together_hooks.sources.content import Content
from together_hooks.sources.content import blob_contents
from together_hooks.sources.content import link_target
from together_hooks.sources.content import path_names
from together_hooks.sources.content import to_display

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable
    from typing import Iterator


def repo_prefix(folder: str) -> str:
    """Where ``folder`` sits in its work tree ('' at the top or outside
    git): SARIF and GitHub annotations need repository-relative paths."""
    top = worktree_root(folder)
    if top is None:
        return ''
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    return '' if rel == '.' else to_display(rel)


_LS_FILES = ('ls-files', '-z', '--cached', '--others', '--exclude-standard')


def repo_files(root: str, under: str = '') -> list[str]:
    """Tracked files and untracked files that are not ignored, under a folder."""
    args = list(_LS_FILES)
    if under:
        args += ['--', under]
    return sorted(set(zsplit(git(root, *args))))


def walk(top: str) -> list[str]:
    """Every file below ``top`` (outside git), relative to it, sorted.

    Symlinks are listed, never followed: git stores a link as a blob
    holding its target, under its name, and the scan reads it so (a link
    named with a key, or pointing at one, is found as in a repository).
    ``.git`` folders are skipped.  FIFOs, sockets and devices are listed
    too: reading them is refused, and the scan reports them.  A stack, not
    recursion: any depth of folders.
    """
    found = []
    stack = ['']
    while stack:
        rel = stack.pop()
        folder = os.path.join(top, rel) if rel else top
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:  # a folder we may not enter: said as a path given is
            raise _cannot_open(folder, e) from None
        folders = []
        for entry in entries:
            path = f'{rel}/{entry.name}' if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name != '.git':
                    folders.append(path)
            else:
                found.append(path)
        stack.extend(reversed(folders))
    return sorted(found)


def from_files(root: str, relpaths: Iterable[str]) -> Iterator[Content]:
    for rel in relpaths:
        yield Content(to_display(rel), fs_path=os.path.join(root, rel))


def _is_submodule(path: str) -> bool:
    return os.path.exists(os.path.join(path, '.git'))


def lstat_given(path: str) -> os.stat_result:
    """``os.lstat`` of a path the user named, or one line saying why it
    cannot be opened: a name too long, a component that is a file, a folder
    we may not enter are each named, never taken for a missing file."""
    try:
        return os.lstat(path)
    except OSError as e:
        raise _cannot_open(path, e) from None


def empty_path() -> InputError:
    """An empty argument (``scan "$DIR"`` with the variable unset) names
    nothing: said so, not ``: no such file or directory``."""
    return InputError(
        "an empty PATH ('') names no file or folder; name one "
        '(a variable that is unset or empty?)',
    )


def _cannot_open(path: str, e: OSError) -> InputError:
    """``path: why`` in our words' case (``permission denied``), one line."""
    if path == '':
        return empty_path()
    return InputError(f'{to_display(path)}: {(e.strerror or str(e)).lower()}')


def _read_through(path: str) -> int | None:
    """The mode of what a named link leads to, when the link is outside
    any work tree, else None (also for a dangling link).  Git stores no
    such link (``scan <(cmd)``: /dev/fd/63, a link to ``pipe:[N]``; a
    dotfile GNU stow links, ``~/.bashrc -> dotfiles/.bashrc``), so its
    text is not what the user asked to check: its target is.  A link in a
    work tree is a committed link: its text is its blob."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode) or worktree_root(os.path.dirname(path) or '.') is not None:
        return None
    return mode


NAMED_NOT_REGULAR = (
    'not a regular file (a FIFO, a socket or a device): not read '
    '(text on a pipe: `together-hooks scan -` reads stdin)'
)


def from_paths(paths: Iterable[str], names: bool = False) -> Iterator[Content]:
    """Files named on the command line (a hook's arguments), as given.

    A folder is walked (tracked + untracked-not-ignored files inside a git
    work tree); a missing path is an input error, since a hook that was told
    to check a file it cannot read must not pass.  ``names``: the paths'
    names too, as one ``<path name>`` content (a tree stores names as it
    stores content).
    """
    given = []
    for path in paths:
        given.append(path)
        st = lstat_given(path)
        if stat.S_ISLNK(st.st_mode):
            through = _read_through(path)
            if through is None:
                # Never followed: the link's own blob, its target, is scanned.
                yield Content(to_display(path), link_target(path) or b'')
                continue
            if stat.S_ISREG(through):
                # Read where it leads, under the name the user gave.
                yield Content(to_display(path), fs_path=os.path.realpath(path))
                continue
            st = os.stat(path)  # a pipe or a device: refused below
        if stat.S_ISDIR(st.st_mode):
            if _is_submodule(path) and os.path.abspath(path) != os.path.abspath('.'):
                # Said with the files not read, after the scan: the run has
                # learnt its keys then, and a submodule's name may hold one
                # only the names' scan finds (context from another name).
                skipped = Content(to_display(path), b'')
                skipped.problem = NotScanned(SUBMODULE_SKIPPED, fatal=False)
                yield skipped
                continue
            given.pop()  # its files' names come with them
            yield from from_tree(path, display_prefix=path, names=names)
            continue
        if not stat.S_ISREG(st.st_mode):
            # A FIFO, a socket or a device named to scan, or a link to one
            # outside any work tree (git stores neither: no hook is given
            # one) is input the run cannot check: an error
            # line and exit 2, the other files still scanned.  One a walked
            # folder holds is skipped with a line (``Content.data``).
            named = Content(to_display(path), b'')
            named.problem = NotScanned(NAMED_NOT_REGULAR, fatal=True)
            yield named
            continue
        yield Content(to_display(path), fs_path=path)
    if names:
        yield from path_names(given)


def _work_tree_files(top: str) -> tuple[list[str], bool] | None:
    """(``repo_files(top)``, whether any is skip-worktree), or None when no
    git work tree holds ``top`` (one git process where asking first and
    listing after took two).  A skip-worktree entry (``S``, a sparse
    checkout's or one set by hand with ``update-index --skip-worktree``)
    may be missing from disk while git still commits its blob.

    With ``GIT_DIR`` or ``GIT_WORK_TREE`` set, git lists that work tree's
    files from its top whatever folder it is run in: a folder outside it
    is no part of it (None), never its files read from the wrong place."""
    if ('GIT_DIR' in os.environ or 'GIT_WORK_TREE' in os.environ) and not _in_work_tree(top):
        return None
    out = git_probe(top, *_LS_FILES, '-t')
    if out is not None:
        tagged = zsplit(out)
        return sorted({entry[2:] for entry in tagged}), any(e[:2] == 'S ' for e in tagged)
    if git_toplevel(top) is None:
        return None
    return repo_files(top), True  # a work tree where listing fails: git's own words


def _in_work_tree(folder: str) -> bool:
    """Whether ``folder`` is inside the work tree git gives it (True where
    git names none: the callers' own checks decide there)."""
    top = git_toplevel(folder)
    if top is None:
        return True
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    return not (rel == os.pardir or rel.startswith(os.pardir + os.sep))


def _ignored_by_git(folder: str) -> bool:
    return git_probe(folder, 'check-ignore', '-q', '--', '.') is not None


def from_tree(top: str, display_prefix: str = '', names: bool = False) -> Iterable[Content]:
    """A folder: its git files when inside a work tree, else every file.

    A list (not a stream) of file-backed content: nothing is read yet, and
    the pipeline may split it across processes.  In a sparse checkout the
    tracked files outside the cone follow, streamed from git.  ``names``:
    first, every file's name as one ``<path name>`` content.
    """
    claimed = git_may_claim(top)
    listed = _work_tree_files(top) if claimed else None
    rels, skipping = listed if listed is not None else (None, False)
    if rels is not None:
        if not rels and _ignored_by_git(top):
            # Named on purpose: an ignored folder is scanned whole rather
            # than passing silently with nothing scanned.
            print(f'{top}: ignored by git; scanning every file in it',
                  file=sys.stderr)
            rels = walk(top)
    else:
        refused = git_refusal(top) if claimed else None
        if refused:
            # A broken repository (HEAD, objects or refs gone, a .git file
            # naming a folder that is gone) fails closed, as a broken index
            # does: walked as a plain folder, "the repository's files"
            # would quietly become every file, its index and the blobs
            # outside a sparse cone unread.
            # A repository of another user's (safe.directory) is git's
            # choice to trust, as gitleaks' git mode leaves it: the remedy
            # is git's own line, never "repair it".
            if 'safe.directory' in refused:
                raise InputError(refused)
            raise InputError(f'{refused}; repair it, or move it aside to scan the folder without git')
        if claimed and git_dir_without_work_tree(top) is not None:
            # Walking git's compressed objects would find nothing and pass.
            raise InputError(
                f'{top}: a bare repository (or .git folder) has no work tree '
                'to scan; scan its history inside it: together-hooks scan --history',
            )
        rels = walk(top)
    # git and walk give '/'-separated paths without './': shown as they are.
    base = os.path.join(top, '')
    prefix = display_prefix.rstrip('/\\')
    shown = f'{to_display(prefix)}/' if prefix and prefix != '.' else ''
    outside = _outside_sparse_cone(top, base) if rels and skipping else {}
    if outside:
        rels = [rel for rel in rels if rel not in outside]
    found = [Content(shown + rel, fs_path=base + rel) for rel in rels]
    if names:
        found[:0] = path_names([c.path for c in found] + [shown + rel for rel in outside])
    if not outside:
        return found
    import itertools

    return itertools.chain(found, _index_blobs(top, outside, shown))


def _outside_sparse_cone(top: str, base: str) -> dict[str, str]:
    """The skip-worktree files not in the work tree (rel path -> blob), a
    sparse checkout's or ones set by hand: they are in the repository all
    the same, so they are scanned from git rather than passing unseen."""
    outside = {}
    for record in zfields(git(top, 'ls-files', '-z', '-s', '-t', '--', '.')):
        tag, _sp, rest = record.partition(b' ')
        meta, _tab, name = rest.partition(b'\t')
        fields = meta.split()
        if tag != b'S' or len(fields) != 3 or fields[0] not in (b'100644', b'100755', b'120000'):
            continue
        rel = os.fsdecode(name)
        if not os.path.lexists(base + rel):
            outside[rel] = fields[1].decode()
    return outside


def _index_blobs(top: str, outside: dict[str, str], shown: str) -> Iterator[Content]:
    """The blobs of files outside the sparse cone, streamed (a monorepo's
    other half is never held in memory at once, a large blob in windows)."""
    by_sha: dict[str, list[str]] = {}
    for rel, sha in sorted(outside.items()):
        by_sha.setdefault(sha, []).append(shown + rel)
    return blob_contents(top, by_sha)
