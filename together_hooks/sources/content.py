"""What every source yields: ``Content`` (a display path and its bytes),
and ``Revision`` (a file as a commit has it, keeping the findings that
count there)."""
from __future__ import annotations

import os

from together_hooks.fileio import NotScanned
from together_hooks.fileio import read_file
from together_hooks.fileio import read_whole
from together_hooks.fileio import read_windows
from together_hooks.fileio import stream_windows

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable
    from typing import Iterator

    from together_hooks.findings import Finding
    from together_hooks.gitrun import Blob
    from together_hooks.gitrun import BlobAt


def link_target(path: str) -> bytes | None:
    """A symlink's target, as git stores it (the blob of a symlink is its
    target): content to scan, never followed.  None for anything else."""
    try:
        return os.fsencode(os.readlink(path))
    except (OSError, ValueError):
        return None


def could_be_offered(path: str) -> bool:
    """Whether pre-commit could pass ``path`` to a hook: it passes what is
    in the work tree and ``identify`` calls a file or a symlink
    (``types_or: [file, symlink]``), never a folder or a socket.  A file
    a commit or a push holds that is missing, or a folder, in the work
    tree was not filtered out by the user's config: it was never offered."""
    import stat

    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISDIR(mode) or stat.S_ISSOCK(mode))


class Walked:
    """What a source of commits read (``scan --history``, ``--diff``):
    commits and blobs, not files, so a clean run's summary says these."""

    __slots__ = ('commits', 'blobs', 'nbytes')

    def __init__(self) -> None:
        self.commits = 0
        self.blobs = 0
        self.nbytes = 0


class _Read:
    """The stream of a content already read in windows: never again."""

    size = 0

    def read(self, n: int = -1) -> bytes:
        from together_hooks.errors import InputError

        raise InputError('internal error: a git blob was asked for twice')


_READ = _Read()


class Content:
    """A display path and its bytes; file-backed content is read on demand,
    so a parallel scan can read in the worker that scans it.  ``stream``:
    a git blob read as it is scanned (in windows when large), read once."""

    __slots__ = ('path', '_data', 'fs_path', 'size', 'problem', 'stream')

    # Whether ``size`` is the whole size before it is all read (a file's,
    # a blob's); a stream's counts only what was read so far.
    size_known = True

    def __init__(
            self, path: str, data: bytes | None = None, fs_path: str | None = None,
            stream: Blob | BlobAt | None = None,
    ) -> None:
        self.path = path
        self._data = data
        self.fs_path = fs_path
        self.stream = stream
        self.size = len(data) if data is not None else stream.size if stream is not None else None
        # Why a file-backed entry could not be scanned (fileio.NotScanned).
        self.problem: NotScanned | None = None

    @property
    def data(self) -> bytes:
        """The bytes (a symlink's: its target, the blob git stores for it);
        b'' for a file-backed entry that is neither, or that cannot be
        read (``problem`` says why)."""
        if self._data is None and self.stream is not None:
            self._data, self.stream = self.stream.read(), None
        if self._data is None:
            try:
                read = read_file(self.fs_path) if self.fs_path is not None else None
            except NotScanned as e:
                self.problem, read = e, None
            if read is None and self.fs_path is not None and self.problem is None:
                read = link_target(self.fs_path)
            self._data = b'' if read is None else read
            self.size = len(self._data)
        return self._data

    def windows(self, step: int, overlap: int) -> Iterator[tuple[int, int, int, bytes]] | None:
        """A file larger than one window, in windows (``fileio.read_windows``);
        None for anything read whole."""
        if self._data is None and self.stream is not None:
            if self.stream.size <= step + overlap:
                return None
            stream, self.stream = self.stream, _READ  # read once
            return stream_windows(stream.read, step, overlap)
        if self._data is not None or self.fs_path is None:
            return None
        try:  # one open: a file that fits is read now
            read = read_whole(self.fs_path, step + overlap)
        except NotScanned as e:
            self.problem, self._data, self.size = e, b'', 0
            return None
        if isinstance(read, bytes):
            self._data, self.size = read, len(read)
            return None
        if read is None:  # a symlink, or gone: ``data`` tells which
            return None
        self.size = read
        return self._windows(step, overlap)

    def _windows(self, step: int, overlap: int) -> Iterator[tuple[int, int, int, bytes]]:
        assert self.fs_path is not None
        try:
            yield from read_windows(self.fs_path, step, overlap)
        except NotScanned as e:
            self.problem = e

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


def blob_contents(root: str, by_sha: dict[str, list[str]]) -> Iterator[Content]:
    """The blobs ``by_sha`` names, at each of their paths, streamed from one
    ``git cat-file --batch``: a small blob read whole, a larger one than a
    window read in windows when it is scanned, by a ``git cat-file`` of its
    own for each path (``BlobAt``), so memory stays bounded and a content
    can be scanned after the stream has moved on."""
    from together_hooks.fileio import WINDOW
    from together_hooks.gitrun import BlobAt
    from together_hooks.gitrun import stream_blobs

    for sha, blob in stream_blobs(root, list(by_sha)):
        if blob.size <= WINDOW:
            data = blob.read()
            for path in by_sha[sha]:
                yield Content(path, data)
        else:
            for path in by_sha[sha]:
                yield Content(path, stream=BlobAt(root, sha, blob.size))


def to_display(path: str) -> str:
    path = path.replace(os.sep, '/') if os.sep != '/' else path
    return path[2:] if path.startswith('./') else path


def path_names(paths: Iterable[str]) -> Iterator[Content]:
    """The names of ``paths`` (files, submodules) as one ``<path name>``
    content, line = which: a tree stores each name as it stores content."""
    from together_hooks.findings import PATH_NAME

    listed = sorted({to_display(p) for p in paths if p})
    if listed:
        yield Content(PATH_NAME, '\n'.join(listed).encode('utf-8', 'surrogateescape'))



class Revision(Content):
    """A file as a commit has it; ``keep`` picks the findings that count.

    Kept findings are stamped with the commit that added them, when known,
    so every report says who added a key and when.
    """

    __slots__ = ('keep', 'commit', 'author', 'date', 'tag', 'reached')

    def __init__(
            self, path: str, data: bytes | None,
            keep: Callable[[list[Finding]], list[Finding]],
            commit: str | None = None, author: str | None = None,
            date: str | None = None, stream: Blob | BlobAt | None = None,
            tag: str | None = None, reached: str | None = None,
    ) -> None:
        Content.__init__(self, path, data, stream=stream)
        self.tag = tag  # an annotated tag's name: ``commit`` is that tag
        self.reached = reached  # ``commit`` is no commit: what it is
        self.keep = keep
        self.commit = commit
        self.author = author
        self.date = date

    def select(self, findings: list[Finding]) -> list[Finding]:
        kept = self.keep(findings) if findings else []
        if self.commit is not None:
            for f in kept:
                f.commit, f.author, f.date = self.commit, self.author, self.date
                f.tag, f.reached = self.tag, self.reached
        return kept
