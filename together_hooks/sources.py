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

from together_hooks.errors import InputError

TYPE_CHECKING = False  # importing typing costs ~3 ms of start-up; only type checkers need it
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable
    from typing import Iterator
    from typing import TypeVar

    from together_hooks.detect import Finding

    T = TypeVar('T', str, bytes)


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

    def select(self, findings: list[Finding]) -> list[Finding]:
        """The findings that count here: all of them, for a plain file.

        ``Revision`` (a file at a commit) keeps only what its range or
        commit added.
        """
        return findings


def to_display(path: str) -> str:
    path = path.replace(os.sep, '/') if os.sep != '/' else path
    return path[2:] if path.startswith('./') else path


def git(
        root: str, *args: str, input: bytes | None = None,
        ok: tuple[int, ...] = (0,),
) -> bytes:
    """Run git in ``root``; a failure is an InputError with git's own words.

    ``ok``: the exit codes that are answers, not failures (``check-ignore``
    exits 1 for "not ignored").
    """
    import subprocess  # only sources that ask git pay for it

    try:
        proc = subprocess.run(
            ('git', *args), cwd=root, input=input,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise InputError('git is not installed or not on PATH')
    if proc.returncode not in ok:
        err = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        reason = err[-1] if err else f'exit {proc.returncode}'
        raise InputError(f'git {args[0]} failed: {reason}')
    return proc.stdout


def worktree_root(path: str = '.') -> str | None:
    """The work tree holding ``path``, found without starting git.

    The folder above ``path`` that has a ``.git`` entry (a folder, or a file
    in worktrees and submodules).  The hook's path uses this: each git
    process costs a few milliseconds on every commit.
    """
    here = os.path.abspath(path)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    # As git does: never look in or above a GIT_CEILING_DIRECTORIES entry.
    ceilings = {
        os.path.abspath(c)
        for c in os.environ.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep) if c
    }
    while True:
        if os.path.lexists(os.path.join(here, '.git')):
            return here
        parent = os.path.dirname(here)
        if parent == here or parent in ceilings:
            return None
        here = parent


def repo_prefix(folder: str) -> str:
    """Where ``folder`` sits in its work tree ('' at the top or outside
    git): SARIF and GitHub annotations need repository-relative paths."""
    top = worktree_root(folder)
    if top is None:
        return ''
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    return '' if rel == '.' else to_display(rel)


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


def git_installed() -> bool:
    import shutil

    return shutil.which('git') is not None


def no_repository(message: str) -> InputError:
    """The error of a command that needs a repository and found none:
    ``message``, unless the reason is that git itself cannot be run."""
    if not git_installed():
        return InputError('git is not installed or not on PATH (needed to read the repository)')
    return InputError(message)


def git_may_claim(folder: str) -> bool:
    """False only when no git repository can hold ``folder``: no GIT_DIR or
    GIT_WORK_TREE, and no ``.git`` entry nor git folder (HEAD and objects/)
    in it or above it.  Scanning a plain folder then starts no git process
    (each costs a few ms, and importing subprocess as much again); any
    doubt is left to git itself."""
    if 'GIT_DIR' in os.environ or 'GIT_WORK_TREE' in os.environ:
        return True
    here = os.path.abspath(folder)
    while True:
        if os.path.lexists(os.path.join(here, '.git')) or (
                os.path.isfile(os.path.join(here, 'HEAD'))
                and os.path.isdir(os.path.join(here, 'objects'))
        ):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def git_dir_without_work_tree(path: str) -> str | None:
    """The git folder ``path`` is in when there is no work tree (a bare
    repository, or inside ``.git``), else None: only history is there."""
    import subprocess

    try:
        proc = subprocess.run(
            ('git', 'rev-parse', '--is-inside-git-dir', '--absolute-git-dir'),
            cwd=path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or len(lines) != 2 or lines[0] != b'true':
        return None
    return os.fsdecode(lines[1])


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b'\0') if p]


_LS_FILES = ('ls-files', '-z', '--cached', '--others', '--exclude-standard')


def repo_files(root: str, under: str = '') -> list[str]:
    """Tracked files and untracked files that are not ignored, under a folder."""
    args = list(_LS_FILES)
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


_MAX_READ = 0x7ffff000  # Linux returns at most this much from one read()


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
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        # One read of the size fstat gave (no file object): a short read of
        # a regular file is its end.  A file that grew since, or one larger
        # than a single read returns, is read on to its end.
        data = os.read(fd, info.st_size + 1)
        if len(data) <= info.st_size and len(data) < _MAX_READ:
            return data
        with open(fd, 'rb', buffering=0, closefd=False) as f:
            rest = f.readall()
        return data + rest if rest else data
    finally:
        os.close(fd)


def read_config_file(path: str) -> bytes:
    """The bytes of a file we are told to read (a baseline, a config):
    symlinks are followed, but a FIFO or a device (a committed symlink to
    /dev/zero) is refused rather than blocking or reading forever.

    IsADirectoryError for a folder, InputError for anything not a file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_BINARY', 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(mode):
            raise InputError(f'{path}: not a regular file (a FIFO, a device, or a link to one)')
        with open(fd, 'rb', closefd=False) as f:
            return f.read()
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


def _work_tree_files(top: str) -> list[str] | None:
    """``repo_files(top)``, or None when no git work tree holds ``top``
    (one git process where asking first and listing after took two)."""
    import subprocess

    try:
        proc = subprocess.run(
            ('git', *_LS_FILES), cwd=top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None
    if proc.returncode == 0:
        return sorted(set(_split_z(proc.stdout)))
    if git_toplevel(top) is None:
        return None
    return repo_files(top)  # a work tree where listing fails: git's own words


def _ignored_by_git(folder: str) -> bool:
    import subprocess

    proc = subprocess.run(
        ('git', 'check-ignore', '-q', '--', '.'), cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return proc.returncode == 0


def from_tree(top: str, display_prefix: str = '') -> list[Content]:
    """A folder: its git files when inside a work tree, else every file.

    A list (not a stream) of file-backed content: nothing is read yet, and
    the pipeline may split it across processes.
    """
    claimed = git_may_claim(top)
    rels = _work_tree_files(top) if claimed else None
    if rels is not None:
        if not rels and _ignored_by_git(top):
            # Named on purpose: an ignored folder is scanned whole rather
            # than passing silently with nothing scanned.
            print(f'{top}: ignored by git; scanning every file in it',
                  file=sys.stderr)
            rels = walk(top)
    else:
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
    if prefix and prefix != '.':
        return [Content(f'{to_display(prefix)}/{rel}', fs_path=base + rel) for rel in rels]
    return [Content(rel, fs_path=base + rel) for rel in rels]


def read_blobs(root: str, shas: Iterable[T]) -> Iterator[tuple[T, bytes]]:
    """(sha, bytes) for each blob, streamed from one ``git cat-file --batch``.

    Shas may be ``str`` or ``bytes``; each comes back as it was given.  A
    thread feeds the requests (``--buffer``: git flushes only when full), so
    neither side waits on a full pipe.
    """
    import subprocess
    import threading

    shas = list(shas)
    proc = subprocess.Popen(
        ('git', 'cat-file', '--batch', '--buffer'), cwd=root, bufsize=1 << 20,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def feed() -> None:
        try:
            stdin.write(b''.join(
                (sha.encode() if isinstance(sha, str) else sha) + b'\n'
                for sha in shas
            ))
            stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for sha in shas:
            header = stdout.readline().split()
            if len(header) != 3:
                shown = sha.decode() if isinstance(sha, bytes) else sha
                raise InputError(f'git cat-file could not read object {shown}')
            data = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after each object
            yield sha, data
    finally:
        stdout.close()
        proc.kill()
        proc.wait()
        writer.join()


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
    for sha, data in read_blobs(root, list(by_sha)):
        for path in by_sha[sha]:
            yield Content(path, data)


# ---------------------------------------------------------------- commits
# A pull request's range (``scan --diff``), a push (the pre-push hook) and
# the whole history (``scan --history``, see history.py) yield files as a
# commit has them, each knowing which of its findings count.

class Revision(Content):
    """A file as a commit has it; ``keep`` picks the findings that count.

    Kept findings are stamped with the commit that added them, when known,
    so every report says who added a key and when.
    """

    __slots__ = ('keep', 'commit', 'author', 'date')

    def __init__(
            self, path: str, data: bytes,
            keep: Callable[[list[Finding]], list[Finding]],
            commit: str | None = None, author: str | None = None,
            date: str | None = None,
    ) -> None:
        Content.__init__(self, path, data)
        self.keep = keep
        self.commit = commit
        self.author = author
        self.date = date

    def select(self, findings: list[Finding]) -> list[Finding]:
        kept = self.keep(findings) if findings else []
        if self.commit is not None:
            for f in kept:
                f.commit, f.author, f.date = self.commit, self.author, self.date
        return kept


_FULL_HISTORY = (
    'clone with full history (actions/checkout: fetch-depth: 0; GitLab: '
    'GIT_DEPTH: 0)'
)


def _fetch_fix(rev: str | None) -> str:
    """How to get ``rev`` (or the history between two commits) into a clone."""
    if rev is None:
        return f'fetch the history (git fetch --unshallow) or {_FULL_HISTORY}'
    name = rev[len('refs/remotes/'):] if rev.startswith('refs/remotes/') else rev
    remote, slash, branch = name.partition('/')
    fetch = f'git fetch origin {branch}' if slash and remote == 'origin' else (
        f'git fetch origin {name}'
    )
    return f'fetch it ({fetch}) or {_FULL_HISTORY}'


def _git_out(root: str, *args: str) -> bytes | None:
    """git's output, or None when it fails (the caller words the error)."""
    import subprocess

    try:
        proc = subprocess.run(
            ('git', *args), cwd=root,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise InputError('git is not installed or not on PATH')
    return proc.stdout if proc.returncode == 0 else None


def is_shallow(root: str) -> bool:
    return _git_out(root, 'rev-parse', '--is-shallow-repository') == b'true\n'


def resolve_commit(root: str, rev: str, what: str) -> str:
    """The commit ``rev`` names, or one line saying why it cannot be had."""
    if not rev or rev.startswith('-'):
        raise InputError(f'{what}: {rev!r} is not a revision')
    out = _git_out(root, 'rev-parse', '--verify', '--quiet', f'{rev}^{{commit}}')
    if out is None:
        where = 'this shallow clone' if is_shallow(root) else 'this repository'
        raise InputError(f'{what}: {rev} is not a commit in {where}; {_fetch_fix(rev)}')
    return out.decode().strip()


def parse_range(spec: str) -> tuple[str, str, bool]:
    """``BASE...HEAD`` / ``BASE..HEAD`` / ``BASE`` -> (base, head, since merge base).

    Three dots (and a bare BASE, meaning ``BASE...HEAD``): what HEAD adds
    since it forked from BASE, as a pull request shows it.  Two dots: what
    HEAD has that BASE's tip does not (``git diff BASE HEAD``).  An empty
    side is HEAD, as in git.
    """
    for sep, since_fork in (('...', True), ('..', False)):
        if sep in spec:
            base, head = spec.split(sep, 1)
            return base or 'HEAD', head or 'HEAD', since_fork
    return spec, 'HEAD', True


def range_start(
        root: str, base: str, head: str, since_fork: bool,
        what: str = '--diff', fork_fallback: bool = False,
) -> tuple[str, str]:
    """(old, new) commits whose difference is what the range adds."""
    base_sha = resolve_commit(root, base, f'{what} BASE')
    head_sha = resolve_commit(root, head, f'{what} HEAD')
    if not since_fork:
        return base_sha, head_sha
    out = _git_out(root, 'merge-base', base_sha, head_sha)
    if out:
        return out.split()[0].decode(), head_sha
    if fork_fallback:  # as pre-commit does for its own file list
        return base_sha, head_sha
    where = 'this shallow clone' if is_shallow(root) else 'this repository'
    raise InputError(
        f'{what}: {base} and {head} have no common ancestor in {where}; '
        f'{_fetch_fix(None)}',
    )


def range_changes(
        root: str, old: str, new: str,
) -> list[tuple[str, str, str | None, str]]:
    """(path, path before, blob before or None, blob) of each file changed.

    Renames are followed, so a file moved unchanged adds nothing; only
    regular files (no symlinks, no submodules) have content to scan.
    """
    out = git(
        root, 'diff', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff',
        '--diff-filter=ACMRT', old, new, '--',
    )
    tokens = out.split(b'\0')
    changed = []
    i = 0
    while i < len(tokens):
        meta = tokens[i]
        if not meta.startswith(b':'):
            i += 1
            continue
        old_mode, new_mode, old_blob, new_blob, status = meta[1:].split(b' ')
        if status[:1] in (b'R', b'C'):
            before, path = tokens[i + 1], tokens[i + 2]
            i += 3
        else:
            before = path = tokens[i + 1]
            i += 2
        if new_mode not in (b'100644', b'100755'):
            continue
        had = old_mode in (b'100644', b'100755')
        changed.append((
            os.fsdecode(path), os.fsdecode(before),
            old_blob.decode() if had else None, new_blob.decode(),
        ))
    return changed


def added_lines(root: str, old_blob: str, new_blob: str) -> set[int]:
    """Line numbers in ``new_blob`` that are not in ``old_blob`` (git diff)."""
    import re

    out = git(
        root, 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv',
        '--text', old_blob, new_blob,
    )
    lines: set[int] = set()
    for m in re.finditer(rb'^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@', out, re.M):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        lines.update(range(start, start + count))
    return lines


class _Added:
    """Keep findings on lines the range added, unless the old file had the key.

    The whole new file is scanned (context rules need the lines around an
    added one); which lines are added is asked of git only for the rare
    file that holds a key.  A key the file already had before the range is
    not blamed on it, even on an edited line.
    """

    __slots__ = ('root', 'old_blob', 'old_path', 'new_blob')

    def __init__(
            self, root: str, old_blob: str | None, old_path: str, new_blob: str,
    ) -> None:
        self.root = root
        self.old_blob = old_blob
        self.old_path = old_path
        self.new_blob = new_blob

    def __call__(self, findings: list[Finding]) -> list[Finding]:
        if self.old_blob is None:  # a new file: every line is added
            return findings
        from together_hooks.detect import scan_bytes

        added = added_lines(self.root, self.old_blob, self.new_blob)
        kept = [f for f in findings if f.line in added]
        if kept:
            (_sha, before), = read_blobs(self.root, [self.old_blob])
            had = {f.hashed_secret for f in scan_bytes(before, self.old_path)}
            kept = [f for f in kept if f.hashed_secret not in had]
        return kept


def added_in_range(
        root: str, old: str, new: str, paths: Iterable[str] | None = None,
) -> Iterator[Revision]:
    """The files changed from commit ``old`` to ``new``, as ``new`` has them;
    only findings on lines that ``new`` adds count.  ``paths`` (relative to
    the repository root) narrows the files, as a hook's arguments do."""
    changed = range_changes(root, old, new)
    if paths is not None:
        wanted = {to_display(os.path.normpath(p)) for p in paths}
        changed = [c for c in changed if c[0] in wanted]
    by_blob: dict[str, list[tuple[str, str, str | None]]] = {}
    for path, before, old_blob, new_blob in changed:
        by_blob.setdefault(new_blob, []).append((path, before, old_blob))
    for sha, data in read_blobs(root, list(by_blob)):
        for path, before, old_blob in by_blob[sha]:
            yield Revision(path, data, _Added(root, old_blob, before, sha))


def pushed(
        root: str, from_ref: str, to_ref: str, paths: Iterable[str] | None = None,
) -> Iterator[Revision]:
    """What a push adds: ``from_ref...to_ref`` as pre-commit passes them to
    pre-push hooks (``PRE_COMMIT_FROM_REF`` / ``PRE_COMMIT_TO_REF``)."""
    old, new = range_start(
        root, from_ref, to_ref, since_fork=True, what='pre-push range',
        fork_fallback=True,
    )
    return added_in_range(root, old, new, paths)


def history(
        root: str, since: str | None = None, progress: bool = False,
) -> Iterator[Revision]:
    """Every key ever added by a commit reachable from any ref (history.py)."""
    from together_hooks.history import scan_history

    return scan_history(root, since, progress)
