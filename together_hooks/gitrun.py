"""The one way we run git: ``git`` (output, or git's own words as an
InputError), ``git_output`` / ``git_probe`` (output or None), ``git_stream``
(a long-running git, read as it goes), and ``zsplit`` for ``-z`` output.

Also the questions about repositories that need no git process at all
(``worktree_root``, ``git_may_claim``): each git process costs a few ms.
"""
from __future__ import annotations

import os

from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from typing import IO
    from typing import Iterable
    from typing import Iterator
    from typing import TypeVar

    T = TypeVar('T', str, bytes)

# A repository's own config must not run programs when we only read it:
# a cloned or unpacked repository can carry a hostile ``.git/config``, and
# git starts ``core.fsmonitor`` on every index read (ls-files, diff,
# check-ignore).  The other program-running settings (filters, textconv,
# diff.external, the pager) only run for output we never ask for: patches,
# a terminal, or hashing work-tree files; ``GIT_CONFIG_NOSYSTEM`` is left
# alone, system config is the admin's.
SAFE_CONFIG = ('-c', 'core.fsmonitor=false')


# How often a running git is checked for being stuck on a FIFO.
_STALL_CHECK = 0.5


def _run(
        root: str, args: tuple[str, ...], input: bytes | None, errors: bool,
        env: dict[str, str] | None = None, timeout: float | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """git's completed process; never a hang on a FIFO in the work tree
    (git opens ``.gitignore`` and friends with a blocking open), nor past
    ``timeout`` seconds when one is given."""
    import subprocess  # only commands that ask git pay for it

    if timeout is not None:
        import time

        deadline = time.monotonic() + timeout
    with subprocess.Popen(
            ('git', *SAFE_CONFIG, *args), cwd=root, env=env,
            stdin=subprocess.PIPE if input is not None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if errors else subprocess.DEVNULL,
    ) as proc:
        while True:
            try:
                out, err = proc.communicate(input, timeout=_STALL_CHECK)
                break
            except subprocess.TimeoutExpired:
                if timeout is not None and time.monotonic() >= deadline:
                    proc.kill()
                    raise InputError(f'git {args[0]} timed out after {timeout:g}s')
                if _waits_for_fifo(proc.pid):
                    proc.kill()
                    raise InputError(
                        f'git {args[0]} is stuck opening a FIFO (named pipe) in '
                        f'{root}: a .gitignore or other file git reads is one; '
                        'replace it with a regular file',
                    )
            except BaseException:
                proc.kill()
                raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _waits_for_fifo(pid: int) -> bool:
    """Is the process blocked opening a FIFO no one writes to (Linux)?"""
    try:
        with open(f'/proc/{pid}/wchan') as f:
            return f.read().strip() == 'wait_for_partner'
    except OSError:
        return False


def _cannot_run(root: str) -> InputError:
    """Why git could not be started: no git, or no folder to start it in
    (deleted or moved while we ran)."""
    if not os.path.isdir(root):
        return InputError(f'{root}: no such folder (deleted or moved while running)')
    return InputError('git is not installed or not on PATH')


def git(
        root: str, *args: str, input: bytes | None = None,
        ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None,
        timeout: float | None = None,
) -> bytes:
    """Run git in ``root``; a failure is an InputError with git's own words.

    ``ok``: the exit codes that are answers, not failures (``check-ignore``
    exits 1 for "not ignored"); ``env``: git's whole environment (default:
    ours); ``timeout``: seconds before git is killed and that is the error.
    """
    try:
        proc = _run(root, args, input, errors=True, env=env, timeout=timeout)
    except (FileNotFoundError, NotADirectoryError):
        raise _cannot_run(root)
    if proc.returncode not in ok:
        err = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        reason = err[-1] if err else f'exit {proc.returncode}'
        raise InputError(f'git {args[0]} failed: {reason}')
    return proc.stdout


def git_output(root: str, *args: str) -> bytes | None:
    """git's output, or None when it fails (the caller words the error)."""
    try:
        proc = _run(root, args, None, errors=False)
    except (FileNotFoundError, NotADirectoryError):
        raise _cannot_run(root)
    return proc.stdout if proc.returncode == 0 else None


def git_probe(root: str, *args: str) -> bytes | None:
    """git's output, or None when it fails or cannot run here (no git, no
    such folder): for questions where "no" is an answer."""
    try:
        proc = _run(root, args, None, errors=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def git_stream(root: str, *args: str, stdin: bool = False) -> subprocess.Popen[bytes]:
    """A git process read as it runs (stdout piped; stderr piped unless
    ``stdin`` is asked for, when it is dropped)."""
    import subprocess

    return subprocess.Popen(
        ('git', *SAFE_CONFIG, *args), cwd=root, bufsize=1 << 20,
        stdin=subprocess.PIPE if stdin else None, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if stdin else subprocess.PIPE,
    )


def zsplit(out: bytes) -> list[str]:
    """The paths of a ``-z`` listing."""
    return [os.fsdecode(p) for p in out.split(b'\0') if p]


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


def git_toplevel(path: str) -> str | None:
    """The work tree root holding ``path``, or None outside a work tree."""
    where = path if os.path.isdir(path) else (os.path.dirname(path) or '.')
    out = git_probe(where, 'rev-parse', '--show-toplevel')
    if not out or not out.strip():
        return None
    return os.fsdecode(out.rstrip(b'\n'))


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
    # As git does: never look in or above a GIT_CEILING_DIRECTORIES entry.
    ceilings = {
        os.path.abspath(c)
        for c in os.environ.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep) if c
    }
    while True:
        if os.path.lexists(os.path.join(here, '.git')) or (
                os.path.isfile(os.path.join(here, 'HEAD'))
                and os.path.isdir(os.path.join(here, 'objects'))
        ):
            return True
        parent = os.path.dirname(here)
        if parent == here or parent in ceilings:
            return False
        here = parent


def git_dir_without_work_tree(path: str) -> str | None:
    """The git folder ``path`` is in when there is no work tree (a bare
    repository, or inside ``.git``), else None: only history is there."""
    out = git_probe(path, 'rev-parse', '--is-inside-git-dir', '--absolute-git-dir')
    lines = out.splitlines() if out is not None else []
    if len(lines) != 2 or lines[0] != b'true':
        return None
    return os.fsdecode(lines[1])


# git maps packs in windows of up to 1 GiB, as many as fit in 8 GiB: reading
# every blob of a history would show the whole pack as resident memory.
# Small windows keep git's peak to about what its delta-base cache holds,
# for a little more system time (measured in docs/performance.md).
PACK_READING = ('-c', 'core.packedGitWindowSize=4m', '-c', 'core.packedGitLimit=32m')


def read_blobs(root: str, shas: Iterable[T]) -> Iterator[tuple[T, bytes]]:
    """(sha, bytes) for each blob, each read whole (``stream_blobs``)."""
    for sha, blob in stream_blobs(root, shas):
        yield sha, blob.read()


class Blob:
    """One object of a ``cat-file --batch`` stream: its ``size``, and its
    bytes read in order (``read(n)``), up to its end; what is left unread
    when the next object is asked for is skipped, never held."""

    __slots__ = ('size', '_left', '_stdout')

    def __init__(self, size: int, stdout: IO[bytes]) -> None:
        self.size = size
        self._left = size
        self._stdout = stdout

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` more bytes (all that are left when ``n`` < 0); b''
        at the end."""
        n = self._left if n < 0 else min(n, self._left)
        data = self._stdout.read(n) if n else b''
        if len(data) < n:
            raise InputError('git cat-file stopped in the middle of an object')
        self._left -= n
        return data

    def skip(self) -> None:
        while self._left:
            self.read(min(self._left, 1 << 20))


def stream_blobs(root: str, shas: Iterable[T]) -> Iterator[tuple[T, Blob]]:
    """(sha, ``Blob``) for each blob, streamed from one ``git cat-file
    --batch``: memory is what the reader takes at a time, not the blob.

    Shas may be ``str`` or ``bytes``; each comes back as it was given.  A
    thread feeds the requests (``--buffer``: git flushes only when full), so
    neither side waits on a full pipe.
    """
    import threading

    shas = list(shas)
    proc = git_stream(root, *PACK_READING, 'cat-file', '--batch', '--buffer', stdin=True)
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
            blob = Blob(int(header[2]), stdout)
            yield sha, blob
            blob.skip()
            stdout.read(1)  # the newline after each object
    finally:
        stdout.close()
        proc.kill()
        proc.wait()
        writer.join()


class BlobAt:
    """A blob read only when asked (``read``, as ``Blob.read``), by a ``git
    cat-file blob`` of its own: for a large blob that must be read again
    after its turn in a stream has passed."""

    __slots__ = ('size', '_left', '_root', '_sha', '_proc')

    def __init__(self, root: str, sha: str, size: int) -> None:
        self.size = size
        self._left = size
        self._root = root
        self._sha = sha
        self._proc: subprocess.Popen[bytes] | None = None

    def read(self, n: int = -1) -> bytes:
        n = self._left if n < 0 else min(n, self._left)
        if not n:
            self.close()
            return b''
        if self._proc is None:
            self._proc = git_stream(self._root, *PACK_READING, 'cat-file', 'blob', self._sha)
        assert self._proc.stdout is not None
        data = self._proc.stdout.read(n)
        if len(data) < n:
            self.close()
            raise InputError(f'git cat-file could not read object {self._sha}')
        self._left -= n
        return data

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for f in (self._proc.stdout, self._proc.stderr):
                if f is not None:
                    f.close()
            self._proc = None


def file_at(root: str, commit: str, name: str) -> bytes | None:
    """The blob at path ``name`` in ``commit``, or None when it has none
    there (or something else: a folder, a submodule)."""
    out = git(root, 'cat-file', '--batch', input=f'{commit}^{{commit}}:{name}\n'.encode())
    header, _sep, body = out.partition(b'\n')
    fields = header.split()
    if len(fields) != 3 or fields[1] != b'blob':
        return None
    return body[:int(fields[2])]
