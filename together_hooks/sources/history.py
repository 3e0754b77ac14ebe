"""Git history: every key ever added by a commit reachable from any ref.

Two passes, each as close to the cost of git producing the data as we can:

1. Discovery.  Every blob a ref reaches once (``list_blobs``: a store
   that also holds other repositories' objects is not read whole),
   streamed by ``git cat-file --batch`` in pack order (a shared store's
   each after its deltas: ``_bases_last``; no diffs: cheaper
   for git than ``git log -p``, which inflates both sides of every change
   and diffs them), scanned whole by the normal engine; blobs that cannot
   hold a key (no rule keyword) are skipped first when a test for that is
   given (``detect.prefilter``).  A whole blob gives
   context rules (the name before a legacy key, the URL above a ``Bearer``
   header) and inline pragmas what a tree scan gives them, and covers
   binary files and merge resolutions that ``git log -p`` does not show.
2. Attribution, only when some blob held a key.  One ``git log --raw``
   (tree diffs only, no content; ``CommitLog``) lists which commit put
   which blob at which path.  ``scan --history`` starts it with the
   listing: the same walk names every path a commit added (path names
   can hold keys too).  A commit adds a key at a path when its new blob
   there holds the key and none of its parents' blobs at that path did; the oldest such
   commit is reported, once per (key, path).  Any blob no commit reaches
   that discovery still read (a dangling ``git add``) is dropped here.

Discovery scans with the function it is given (the pipeline's own step,
so every rule and the developer's own keys apply).  The attributed blobs
come back as ``Revision`` contents: the pipeline rescans those few and
applies inline pragmas, the baseline and the report exactly as for any
other source.
"""
from __future__ import annotations

import os
import sys
import threading
import time

from together_hooks.errors import InputError
from together_hooks.gitrun import git
from together_hooks.gitrun import PACK_READING
from together_hooks.gitrun import PACK_END_READING
from together_hooks.gitrun import git_output
from together_hooks.gitrun import git_reason
from together_hooks.gitrun import command_name
from together_hooks.gitrun import git_stream
from together_hooks.gitrun import BlobAt
from together_hooks.gitrun import stream_blobs
from together_hooks.fileio import WINDOW
from together_hooks.fileio import NotScanned
from together_hooks.sources.content import Content
from together_hooks.sources.content import Revision
from together_hooks.sources.ranges import FULL_HISTORY
from together_hooks.sources.ranges import resolve_commit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Collection
    from typing import KeysView
    from typing import Iterable
    from typing import Iterator
    from typing import IO
    from typing import Sequence
    from typing import TextIO

    from together_hooks.findings import Finding
    from together_hooks.gitrun import Blob
    from together_hooks.sources.content import Walked

    # The per-content detection step the pipeline hands down.
    Scan = Callable[[Content], list[Finding]]
    # Given the bytes to read in all, the test a blob must pass to be
    # scanned (see ``Scanner.blob_test``).
    Worth = Callable[[int], Callable[[bytes], bool] | None]
    # (commit, path, its parents' blobs there, its new blob there)
    Entry = tuple['Commit', str, tuple[bytes, ...], bytes]

# Discovery scans with no path: a path only ever switches rules off (a
# rule's file filter, an excluded path), so this finds a superset; attribution then scans
# each flagged blob again under every path it really had (``keys_at``).
_NO_PATH = ''
# Regular files, executables and symlinks (a symlink's blob is its target).
_REGULAR = (b'100644', b'100755', b'120000')
# A blob up to this size is read whole; a larger one is scanned in windows
# as it streams from git (``Content.windows``), so memory stays bounded.
_WHOLE = WINDOW
# The bytes of the flagged blobs (those holding a key) discovery keeps a
# process, for the report: it then asks git for them again only past this
# (a history of many keyed fixtures), and memory stays bounded.
HELD_BYTES = 8 << 20


class Progress:
    """One self-rewriting line on stderr; silent unless stderr is a terminal."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def show(self, text: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1:  # ten updates a second are plenty
            return
        self._last = now
        pad = ' ' * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f'\r{text}{pad}')
        self.stream.flush()

    def blobs(self, done: int, total: int, nbytes: int) -> None:
        if not self.enabled:
            return
        secs = max(time.monotonic() - self.start, 1e-6)
        mb = nbytes / 1e6
        self.show(
            f'together-hooks: history: {done:,}/{total:,} blobs, '
            f'{mb:,.1f} MB, {mb / secs:,.1f} MB/s',
        )

    def commits(self, done: int) -> None:
        if self.enabled:
            self.show(f'together-hooks: history: attributing keys, {done:,} commits done')

    def done(self) -> None:
        if self.enabled and self._width:
            # Two writes: the output sink keeps a CR only where a write
            # starts (detect/scrub.Sink) and escapes any other.
            self.stream.write('\r' + ' ' * self._width)
            self.stream.write('\r')
            self.stream.flush()


# ---------------------------------------------------------------- discovery

def keys_in(scan: Scan, data: bytes, path: str = _NO_PATH) -> frozenset[str]:
    """hashed_secret of each key in a blob, by the pipeline's own detection
    step ``scan`` (so every rule, and the developer's own keys, apply); with
    no path every rule applies.  With no path, a small blob holding only 64
    hex digits (``findings.bare_hex``) holds that candidate: a legacy key
    only where its file's name names one (``engine._named_file``), so the
    blob is judged again under each path that reaches it (``keys_at``
    where the path matters, the pipeline's rescan of what is attributed)."""
    found = _hashes(scan(Content(path, data)))
    if found or path != _NO_PATH:
        return found
    from together_hooks.findings import bare_hex_body
    from together_hooks.findings import hash_secret

    body = bare_hex_body(data)
    return found if body is None else frozenset((hash_secret(body.decode('ascii')),))


def _hashes(found: list[Finding]) -> frozenset[str]:
    return frozenset(f.hashed_secret for f in found) if found else _NONE


_NONE: frozenset[str] = frozenset()


def blob_keys(
        scan: Scan, blob: Blob | bytes, worth: Callable[[bytes], bool] | None = None,
) -> frozenset[str]:
    """``keys_in`` a blob streamed from git: read whole (or its bytes, as
    ``stream_blobs(whole=)`` gives them) and tested with ``worth`` first
    when small, else scanned window by window as it comes (the engine
    tests each window's keywords itself)."""
    if type(blob) is bytes:
        data = blob
    elif blob.size > _WHOLE:  # type: ignore[union-attr]
        return _hashes(scan(Content(_NO_PATH, stream=blob)))
    else:
        data = blob.read()  # type: ignore[union-attr]
    return keys_in(scan, data) if worth is None or worth(data) else _NONE


def _named_keys(
        root: str, scan: Scan, sha: bytes, blob: Blob | bytes,
        worth: Callable[[bytes], bool] | None = None,
) -> frozenset[str]:
    """``blob_keys``; a blob that cannot be scanned whole (scanned with no
    path, its error names none) is named by a path and a commit that hold it."""
    try:
        return blob_keys(scan, blob, worth)
    except InputError as e:
        text = str(e)
        if not text.startswith(': '):
            raise
        raise InputError(f'{_blob_where(root, sha.decode("ascii"))}{text}') from None


def _blob_where(root: str, sha: str) -> str:
    """``path at commit <sha>`` of a commit that adds or removes blob
    ``sha`` (the newest), else ``blob <sha>`` (only for an error's words)."""
    out = git_output(root, 'log', '--all', f'--find-object={sha}', '--format=%H', '--name-only', '-z', '-1')
    fields = [f for f in (out or b'').replace(b'\n', b'').split(b'\0') if f]
    if len(fields) >= 2:  # the commit, then its paths holding the blob
        commit, path = fields[0].decode('ascii', 'replace'), fields[1].decode('utf-8', 'replace')
        return f'{path} (blob {sha[:12]}) at commit {commit[:12]}'
    return f'blob {sha}'


# Every blob some ref reaches.  A pack bitmap, where the store has one (a
# server's or a mirror's repository, and the local clones that hard-link its
# packs), answers this without walking a tree; elsewhere it is ignored.
# ``--in-commit-order``: each commit's new blobs as the walk meets them, not
# all at its end (the same order), so what reads the walk works alongside.
_REACHABLE = (
    *PACK_READING, 'rev-list', '--objects', '--no-object-names',
    '--filter=object:type=blob', '--use-bitmap-index', '--in-commit-order', '--all',
)
_LISTING = '--batch-check=%(objecttype) %(objectname) %(objectsize)'
# The same with the object each is stored as a delta on (``_bases_last``):
# git reads that from the pack entry's header, a few ms more (mypy's
# 53,275 blobs: 173 -> 183 ms).
_BASED_LISTING = f'{_LISTING} %(deltabase)'
# The whole store's listing of a large one (``UNSIZED_IDX_BYTES``): each
# object's bytes in the pack, which git reads from the index, not its
# size, for which git inflates the head of every object stored as a delta
# (flask's 26,179 objects: 29 ms against 14).  Discovery's own reads give
# each blob's size (``cat-file --batch``'s header: the report's total).
_PACKED_LISTING = '--batch-check=%(objecttype) %(objectname) %(objectsize:disk)'
_PACKED_BASED_LISTING = f'{_PACKED_LISTING} %(deltabase)'


class _Reader(threading.Thread):
    """A daemon thread reading a git's output from when it is made; what it
    raised is raised again where its answer is waited for (``done``): a
    reader that died (a MemoryError under ``ulimit -v``) left a listing
    cut short, and the scan passed on what it had, exit 0."""

    def __init__(self, target: Callable[[], object]) -> None:
        super().__init__(target=target, daemon=True)
        self.failed: BaseException | None = None

    def start(self) -> None:
        from together_hooks.threads import start  # Ctrl-C is the main thread's

        start(self)

    def run(self) -> None:
        try:
            super().run()
        except BaseException as e:  # given to the waiting thread
            self.failed = e

    def done(self) -> None:
        """Joined; what the reader raised, raised here."""
        self.join()
        if self.failed is not None:
            raise self.failed


class Walk:
    """A git listing read in the background from when it is made, so git
    walks on the other core while blobs are scanned; each line of it is
    handed to ``each`` as it comes."""

    def __init__(self, root: str, *args: str, each: Callable[[bytes], None]) -> None:
        self.command = command_name(args)
        self.proc = git_stream(root, *args)
        self.each = each
        self.err = b''
        self.reader = _Reader(self._read)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None and self.proc.stderr is not None
        each = self.each
        for line in self.proc.stdout:
            each(line)
        self.err = self.proc.stderr.read()

    def wait(self) -> None:
        """Until git has answered whole; git's own words if it failed."""
        self.reader.done()
        code = self.proc.wait()
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self.proc.stdout.close()
        self.proc.stderr.close()
        if code != 0:
            raise _failed(self.command, code, self.err)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.reader.join()
        self.proc.wait()


def _failed(command: str, code: int, err: bytes) -> InputError:
    """A git command's failure, in git's own words (``gitrun.git_reason``)."""
    return InputError(f'git {command} failed: {git_reason(err, code)}')


class _Background:
    """A git command whose whole output is read in a thread from when it is
    made, so git runs while the caller does something else."""

    def __init__(self, root: str, *args: str, source: IO[bytes] | None = None) -> None:
        self.command = command_name(args)
        self.proc = git_stream(root, *args, source=source)
        self._answer: list[tuple[bytes, bytes]] = []
        self._reader = _Reader(self._read)
        self._reader.start()

    def _read(self) -> None:
        self._answer.append(self.proc.communicate())

    def output(self) -> bytes | None:
        """git's output, or None when it failed."""
        self._reader.done()
        code = self.proc.wait()
        return self._answer[0][0] if self._answer and code == 0 else None

    def result(self, ok: tuple[int, ...] = (0,)) -> bytes:
        """git's output; a failure is one line with git's own words."""
        self._reader.done()
        code = self.proc.wait()
        out, err = self._answer[0] if self._answer else (b'', b'')
        if code not in ok:
            raise _failed(self.command, code, err)
        return out

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self._reader.join()
        self.proc.wait()


class _Sized:
    """The blobs a walk (``_REACHABLE`` and ``more``) lists, with their
    sizes, each after its deltas (``_bases_last``): ``git rev-list | git
    cat-file --batch-check``, one git reading
    the other's output as it comes, so the sizes are asked while the walk
    goes on rather than after it.  Made in the background; ``blobs``
    waits for the answer, and either git's failure is one line."""

    def __init__(self, root: str, *more: str) -> None:
        args = (*_REACHABLE, *more)
        self.command = command_name(args)
        self.walk = git_stream(root, *args)
        assert self.walk.stdout is not None and self.walk.stderr is not None
        self._err: list[bytes] = []
        stderr = self.walk.stderr
        self._err_reader = _Reader(lambda: self._err.append(stderr.read()))
        self._err_reader.start()
        try:
            self.sizes = _Background(root, 'cat-file', _BASED_LISTING, source=self.walk.stdout)
        except BaseException:
            self._stop_walk()
            raise
        finally:
            self.walk.stdout.close()  # cat-file's now: the walk sees it go

    def blobs(self) -> list[tuple[bytes, int]]:
        out = self.sizes.result()
        self._err_reader.done()
        code = self.walk.wait()
        if code != 0:  # cat-file saw the end of a walk cut short
            raise _failed(self.command, code, self._err[0] if self._err else b'')
        return _bases_last(out)

    def _stop_walk(self) -> None:
        if self.walk.poll() is None:
            self.walk.kill()
        self._err_reader.join()
        self.walk.wait()
        assert self.walk.stderr is not None
        self.walk.stderr.close()

    def close(self) -> None:
        self.sizes.close()
        self._stop_walk()


class LogSized:
    """The sizes (or bytes in the pack: ``exact``) of the file blobs a commit walk (``CommitLog``) names,
    asked of one ``git cat-file --batch-check`` fed each blob as the walk
    first meets it (``feed``, from the thread reading the walk), so the
    sizes come while git walks; ``blobs`` waits for the answer.

    These are exactly the blobs attribution can name (``changes``: a key
    is reported only at a path a commit put its blob at), so a store shared
    with other histories is read for them without a reachability walk of
    its own (``_REACHABLE``: the trees walked a second time).  Blobs a ref
    reaches through no commit (a tag of a blob or a tree) are not among
    them: ``commits.beside_commits`` scans those, as it did when discovery
    read them and attribution dropped them.  A blob the walk names that
    the store lacks fails the run (``_blobs_of``)."""

    def __init__(self, root: str, exact: bool = True) -> None:
        # ``exact``: sizes, else (a large store: ``UNSIZED_IDX_BYTES``) each
        # blob's bytes in the pack (flask's local clone: 25 ms of git against
        # 16, mypy's 189 against 92).
        self.exact = exact
        read, self._write = os.pipe()
        try:
            with open(read, 'rb', buffering=0) as source:  # git's now
                self.sizes = _Background(
                    root, 'cat-file', _BASED_LISTING if exact else _PACKED_BASED_LISTING, source=source,
                )
        except BaseException:
            os.close(self._write)
            raise
        self._lock = threading.Lock()
        self.log: CommitLog | None = None  # the walk feeding it (``CommitLog``)

    def feed(self, shas: list[bytes]) -> None:
        """Ask for these blobs' sizes (git stopped: its answer says why)."""
        data = memoryview(b'\n'.join(shas) + b'\n')
        with self._lock:
            try:
                while data and self._write >= 0:
                    data = data[os.write(self._write, data):]
            except OSError:  # git is gone (a broken pipe): ``blobs`` says why
                pass

    def end(self) -> None:
        """No more blobs: git answers the last ones and stops."""
        with self._lock:
            if self._write >= 0:
                os.close(self._write)
                self._write = -1

    def blobs(self) -> list[tuple[bytes, int]]:
        """(sha, size) of each blob, each after the blobs stored as deltas
        on it (``_bases_last``): the order git reads a pack shared with
        other histories fastest in, with a small delta-base cache
        (``PACK_END_READING``)."""
        blobs = _bases_last(self.sizes.result())
        if self.log is not None:
            # A walk that failed, or a reader that died (a MemoryError),
            # fed only part of the blobs: that fails the run, here.
            self.log.wait()
        return blobs

    def close(self) -> None:
        self.sizes.close()  # first: a ``feed`` blocked on a full pipe fails
        self.end()


def _bases_last(out: bytes) -> list[tuple[bytes, int]]:
    """(sha, size) of each blob of a ``--batch-check`` listing naming each
    one's delta base (``_BASED_LISTING``), every blob after those stored as
    deltas on it, depth first (each family of deltas together): reading a
    delta, git builds its chain of bases and keeps each in its delta-base
    cache, where the base, asked next, is found and taken out at once.  A
    store of its own, read from its packs' end, comes in about this order
    (``_oldest_first``); a pack that also holds other histories (a local
    clone's, hard-linked from its source; a mirror's) interleaves what the
    refs reach with what they do not, and neither its order nor the
    walk's keeps a family together: in the walk's order git built bases
    again and again, mypy's 2.5 CPU-s against 1.8 this way, and a cache
    of 16 MiB is enough (docs/performance.md, "Issue 17, session 36
    (perfL36)").  A base outside the listing (a blob no ref reaches, a
    loose object: none) makes its deltas roots.  Every blob listed comes
    back once, whatever the bases say (a blob in no tree of bases, as a
    cycle across two packs would leave it, comes last, in listed order);
    an object git lists but cannot find fails the run (``_blobs_of``)."""
    listed = {sha: (size, base) for sha, size, base in _blobs_of(out, based=True)}
    deltas: dict[bytes, list[bytes]] = {}
    roots = []
    for sha, (_size, base) in listed.items():
        if base in listed:
            deltas.setdefault(base, []).append(sha)
        else:
            roots.append(sha)
    # Preorder, a stack's (the last root and the last delta pushed come
    # first), reversed: every blob after its deltas, each family after the
    # one before it in the listing, and so are the deltas on one base.
    order = []
    todo = roots
    while todo:
        sha = todo.pop()
        order.append(sha)
        todo.extend(deltas.pop(sha, ()))
    order.reverse()
    if len(order) != len(listed):
        seen = set(order)
        order += [sha for sha in listed if sha not in seen]
    return [(sha, listed[sha][0]) for sha in order]


def _oldest_first(listed: list[tuple[bytes, int]]) -> list[tuple[bytes, int]]:
    """A store's listing (pack order) in the order git reads fastest: from
    its end.  A pack git wrote (a clone, a fetch, gc) holds each file's
    newest version whole and its older ones as deltas on newer ones, a
    delta after its base.  Read from the end, each version's base is the
    one git has just built and keeps (its delta-base cache); read from the
    start, a version read as an object of its own is not kept, and the next
    delta builds it again.  ``cat-file --batch`` of every blob costs git
    25-40% less CPU this way (flask 0.27 -> 0.20 s, mypy 2.6-2.9 -> 2.0 s:
    docs/performance.md, "Issue 17, seventh round").  A shared store's walk
    order is faster still there, and stays."""
    return listed[::-1]


# At most this many commits no ref reaches: ``Listing`` leaves what only
# they hold to after discovery instead of waiting for the commit walk.
FEW_UNREACHED = 256


class Listing:
    """The blobs of the whole history, listed in the background from when
    it is made (``blobs`` waits for the answer).

    In a store shared with another repository (``_shares_store``), the
    blobs the refs reach are walked (``_REACHABLE``: a pack bitmap answers
    at once where there is one) and sized as the walk goes (``_Sized``);
    given ``sized`` (``scan --history``, no pack bitmap), the blobs the
    commit walk names instead (``LogSized``), and no walk of its own.
    Either way the listing of the whole store is not made at all, and
    each blob is read after the blobs stored as deltas on it
    (``_bases_last``): in a pack that also holds other histories, the
    order in which git inflates them fastest.  Elsewhere the store is listed whole (``--batch-all-objects``;
    a large one by each blob's bytes in the pack, not its size: ``exact``)
    and read in pack order from its end (``_oldest_first``: what git reads
    fastest there) and, alongside, the commits
    the refs reach are counted: only when the store holds more commits than
    that (a long-lived clone keeps what rebases left behind) are the
    reachable blobs kept too (those the commit walk names, given it by
    ``counted_by``; else a walk of the refs), and the others dropped.  A clean clone
    pays for a count, not a walk.  ``counted=False``: the list of every
    commit the refs reach is made anyway and given after (``counted_by``):
    its length is the count.
    """

    def __init__(
            self, root: str, shared: bool, counted: bool = True, sized: LogSized | None = None,
            objects: str | None = None,
    ) -> None:
        self.root = root
        self.shared = shared
        # Whether ``blobs`` gives each blob's size, or (a large store:
        # ``UNSIZED_IDX_BYTES``) its bytes in the pack.
        self.exact = (sized.exact if sized is not None else True) if shared else _small_store(objects)
        self._store: _Background | None = None
        self._commits: CommitList | None = None
        self._log: CommitLog | None = None
        # Blobs of the store left to after discovery: scanned then if the
        # commit walk names them (``blobs``, ``apart``).
        self.deferred: list[tuple[bytes, int]] = []
        self._sized = sized if shared else None
        self._walk = _Sized(root) if shared and sized is None else None
        self._beside = _Background(
            root, 'rev-list', '--all', '--count',
        ) if not shared and counted else None
        if shared:
            return
        try:
            # In full windows: small ones cost the listing more (mapping and
            # unmapping) than they save below the peak that reading the blobs
            # reaches anyway.
            self._store = _Background(
                root, 'cat-file', '--batch-all-objects', _LISTING if self.exact else _PACKED_LISTING, '--unordered',
            )
        except BaseException:
            if self._beside is not None:
                self._beside.close()
            raise

    def counted_by(self, commits: CommitList, log: CommitLog | None = None) -> None:
        """The list of the commits, made after this listing (``counted=False``)
        so that the listing, which discovery waits for, starts first;
        ``log``: the commit walk naming every file blob (``blobs=True``),
        which keeps the blobs of a store holding more than the refs reach
        (none where a pack bitmap answers the walk of the refs at once)."""
        if not self.shared:
            self._commits = commits
            self._log = log

    def blobs(self) -> list[tuple[bytes, int]]:
        """(sha, size) of the blobs to scan, in an order git reads fast
        (not ``exact``: their bytes in the pack for the sizes)."""
        if self._store is None:
            if self._sized is not None:
                return self._sized.blobs()
            assert self._walk is not None
            return self._walk.blobs()
        out = self._store.result()
        blobs = _oldest_first(_blobs_of(out))
        commits = out.count(b'\ncommit ') + out.startswith(b'commit ')
        if self._commits is not None:
            reached: int | None = len(self._commits.result())
        else:
            assert self._beside is not None
            said = self._beside.output()
            reached = None if said is None else int(said.strip() or 0)
        if reached is not None and commits <= reached:
            return blobs
        if self._log is not None:
            # A few commits no ref reaches (an amend, a rebase, a deleted
            # branch: ``--all`` reads no reflog): what only they hold is
            # left to after discovery, scanned then if the commit walk
            # names it (``apart``); the rest at once, not after the walk.
            apart = self._apart(out)
            if apart is not None:
                self.deferred = [blob for blob in blobs if blob[0] in apart]
                return [blob for blob in blobs if blob[0] not in apart]
        # The blobs the commit walk names (``LogSized`` says why they are
        # all that can be reported), else those a walk of the refs reaches.
        if self._log is None:
            keep = set(git(self.root, *_REACHABLE).split())
            return [blob for blob in blobs if blob[0] in keep]
        # Each after its deltas (``_bases_last``), their bases asked by
        # name: the store is one (a copy of a local clone, whose links are
        # gone; a mirror's) whose reachable blobs lie among its other
        # histories' objects.  Read from its end with a small delta-base
        # cache, git built their bases again and again: mypy's 3.3 CPU-s
        # against 2.4 in the walk's order, 1.8 this way (docs/performance.md,
        # "Issue 17, session 36 (perfL36)").
        sizes = dict(blobs)
        named = b''.join(sha + b'\n' for sha in self._log.file_blobs() if sha in sizes)
        listed = _BASED_LISTING if self.exact else _PACKED_BASED_LISTING
        return _bases_last(git(self.root, 'cat-file', listed, input=named)) if named else []

    def _apart(self, out: bytes) -> set[bytes] | None:
        """The blobs the store's commits that no ref reaches hold and the
        commits below them that a ref reaches do not (``rev-list --objects
        <them> --not --all``: their trees and their edge's, not the whole
        history's), when there are at most ``FEW_UNREACHED`` such commits;
        None when more, or when git cannot say.  A blob a ref reaches
        elsewhere may be among them: ``apart`` is only what is left to
        after discovery, never what is dropped."""
        import re

        assert self._commits is not None
        reached = set(self._commits.result())
        unreached = [
            sha for sha in re.findall(rb'^commit ([0-9a-f]+) ', out, re.M)
            if sha.decode() not in reached
        ]
        if not unreached or len(unreached) > FEW_UNREACHED:
            return None
        listed = git_output(
            self.root, 'rev-list', '--objects', '--no-object-names',
            '--filter=object:type=blob', *(sha.decode() for sha in unreached), '--not', '--all', '--',
        )
        return None if listed is None else set(listed.split())

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._beside is not None:
            self._beside.close()
        if self._walk is not None:
            self._walk.close()
        if self._sized is not None:
            self._sized.close()


class CommitList:
    """Every commit ``revs`` reach, parents before children and otherwise
    oldest first (``rev-list --reverse --date-order``: the commit walk's
    order, ``CommitLog``), listed in the background from when it is
    made: commit messages are read in this order (``history_extras``: a
    key in two messages is the first one's, as a blob's is), and
    its length tells whether a store holds commits no ref reaches
    (``Listing``): one walk of the commits for both.  ``of_log``: the
    commits a commit walk that discovery waits for anyway lists
    (``LogSized``), in its order (also parents before children), with
    no walk of their own."""

    def __init__(self, root: str, revs: Sequence[str]) -> None:
        self.shas: list[str] = []
        self.walk: Walk | None = Walk(
            root, 'rev-list', '--reverse', '--date-order', *revs, '--',
            each=lambda line: self.shas.append(line.decode().strip()),
        )
        self.log: CommitLog | None = None

    @classmethod
    def of_log(cls, log: CommitLog) -> CommitList:
        """The commits ``log`` (made with ``commits=True``) walks; its
        maker closes it."""
        listed = cls.__new__(cls)
        assert log.names is not None and log.names.commits is not None
        listed.shas, listed.walk, listed.log = log.names.commits, None, log
        return listed

    def result(self) -> list[str]:
        if self.log is not None:
            self.log.wait()
        else:
            assert self.walk is not None
            self.walk.wait()
        return self.shas

    def close(self) -> None:
        if self.walk is not None:
            self.walk.close()


def list_blobs(root: str, since: str | None) -> list[tuple[bytes, int]]:
    """(sha, size) of the blobs to scan, in an order git reads fast: every
    blob a ref reaches (``Listing``), or with ``since`` only those
    reachable from some ref but not from ``since``."""
    if since is not None:
        walk = _Sized(root, '--not', since)
        try:
            return walk.blobs()
        finally:
            walk.close()
    listing = Listing(root, _shares_store(root))
    try:
        return listing.blobs()
    finally:
        listing.close()


def _objects_dir(root: str) -> str | None:
    where = git_output(root, 'rev-parse', '--git-path', 'objects')
    return None if where is None else _from_root(root, where)


def _from_root(root: str, where: bytes) -> str:
    return os.path.join(root, os.fsdecode(where.rstrip(b'\n')))


def _shares_store(root: str, objects: str | None = None) -> bool:
    """Whether, by a few ``stat`` calls, this object store (``objects``;
    default: asked of git) surely holds objects of another repository:
    borrowed through alternates (``git clone --shared`` or
    ``--reference``), or packs hard-linked by ``git clone PATH`` (its loose
    objects too), which bring along whatever the source's other refs
    reach."""
    if objects is None:
        objects = _objects_dir(root)
        if objects is None:
            return False
    if os.path.exists(os.path.join(objects, 'info', 'alternates')):
        return True
    packs = os.path.join(objects, 'pack')
    looked_at = [os.path.join(packs, n) for n in _names(packs) if n.endswith('.pack')]
    # Loose objects are linked all alike: the first one tells.
    for name in _names(objects):
        if len(name) == 2:
            folder = os.path.join(objects, name)
            looked_at += [os.path.join(folder, n) for n in _names(folder)[:1]]
            break
    try:
        return any(os.stat(path).st_nlink > 1 for path in looked_at)
    except OSError:  # gone meanwhile (git gc): let the count decide
        return False


# At most this many bytes of pack indexes (about 75,000 objects) in a store
# whose list of the commits ``scan --history`` takes from its commit walk
# (``CommitList.of_log``) rather than from a ``rev-list`` of its own: the
# fork of discovery then waits for that walk (``Beside.ready``), which a
# small history's walk ends soon enough for (flask's store 0.7 MB, the
# bench's development history's 0.8-1.4 MB: 0.04-0.06 CPU-s less a run),
# and a larger one's not (mypy's 3.3 MB: no CPU less, ~1 s of wall more).
ONE_WALK_IDX_BYTES = 2 << 20

# From this many bytes of pack indexes (about 9,000 objects) the listing of
# the blobs (the whole store's; a shared one's, those the commit walk names:
# ``LogSized``) leaves their sizes out (``_PACKED_LISTING``), and discovery
# takes the store for large (``LARGE_STORE_BYTES``).
UNSIZED_IDX_BYTES = 256 << 10
# What a store listed without sizes is taken to hold for discovery's
# choices: more than any of them asks (the fork's ``FORK_MIN_BYTES``, the
# blob test's one pass from 16 MiB).
LARGE_STORE_BYTES = 1 << 30


def _small_store(objects: str | None) -> bool:
    """Whether the store's blobs are listed with their sizes
    (``UNSIZED_IDX_BYTES``); a store that borrows another's (alternates)
    or whose indexes cannot be read is."""
    return (_idx_bytes(objects) or 0) < UNSIZED_IDX_BYTES


def _one_walk(objects: str | None) -> bool:
    """Whether the store is small enough (``ONE_WALK_IDX_BYTES``) for the
    commits to be listed by the commit walk, and borrows no other's."""
    size = _idx_bytes(objects)
    return size is not None and size <= ONE_WALK_IDX_BYTES


def _idx_bytes(objects: str | None) -> int | None:
    """The bytes of the store's pack indexes (about 28 an object); None
    when it borrows another's (alternates) or cannot be read."""
    if objects is None or os.path.exists(os.path.join(objects, 'info', 'alternates')):
        return None
    packs = os.path.join(objects, 'pack')
    try:
        return sum(os.stat(os.path.join(packs, n)).st_size for n in _names(packs) if n.endswith('.idx'))
    except OSError:  # gone meanwhile (git gc)
        return None


def _has_bitmap(objects: str | None) -> bool:
    """Whether the store, or one it borrows from (alternates, followed as
    git follows them: a chain, a relative path), has a pack bitmap (``git
    repack -b``, a multi-pack index's): git answers ``_REACHABLE`` from it
    without a walk (a ``--shared`` clone, a server's fork of a pooled
    repository, whose own packs hold no bitmap)."""
    seen: set[str] = set()
    todo = [objects] if objects is not None else []
    while todo and len(seen) < _ALTERNATES_MAX:
        folder = os.path.realpath(todo.pop())
        if folder in seen:
            continue
        seen.add(folder)
        if any(n.endswith('.bitmap') for n in _names(os.path.join(folder, 'pack'))):
            return True
        todo.extend(_alternates(folder))
    return False


# As many object stores as ``_has_bitmap`` looks into (git follows
# alternates five deep).
_ALTERNATES_MAX = 16


def _alternates(objects: str) -> list[str]:
    """The object stores ``objects/info/alternates`` names (a relative one
    is relative to ``objects``); none when it cannot be read."""
    try:
        with open(os.path.join(objects, 'info', 'alternates'), 'rb') as f:
            lines = f.read(1 << 16).splitlines()
    except OSError:
        return []
    return [
        os.path.join(objects, os.fsdecode(line.strip()))
        for line in lines if line.strip() and not line.startswith((b'#', b'"'))
    ]


def _names(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _blobs_of(out: bytes, based: bool = False) -> list:
    """(sha, size) of each blob of a ``--batch-check`` listing (``_LISTING``),
    in its order; ``based``: (sha, size, delta base) of each of a
    ``_BASED_LISTING``.  An object git lists but cannot find fails the run."""
    if b' missing\n' in out:
        missing = out[:out.index(b' missing\n')].rpartition(b'\n')[2].decode('ascii', 'replace')
        raise InputError(f'git cat-file: object {missing} is missing (a damaged repository?)')
    if based:
        return [
            (sha, int(size), base) for sha, size, base in (
                line[5:].split(b' ') for line in out.split(b'\n') if line[:5] == b'blob '
            )
        ]
    return [
        (sha, int(size)) for sha, size in (
            line[5:].split(b' ') for line in out.split(b'\n') if line[:5] == b'blob '
        )
    ]


# Below this many bytes of blobs a second process costs more than it saves.
FORK_MIN_BYTES = 8 << 20


def _discover_part(
        root: str, blobs: list[tuple[bytes, int]],
        tick: Callable[[int, int, int], None], scan: Scan,
        worth: Callable[[bytes], bool] | None, reading: tuple[str, ...] = PACK_READING,
        held: dict[bytes, bytes] | None = None,
) -> dict[bytes, frozenset[str]]:
    """(the blobs that hold a key, the bytes read); ``held``: see ``discover``."""
    flagged: dict[bytes, frozenset[str]] = {}
    done = nbytes = 0
    room = HELD_BYTES
    # Blobs read whole come as bytes, and one that fails ``worth`` (most
    # do) is told here, with no call more.
    for sha, blob in stream_blobs(root, (sha for sha, _size in blobs), reading, whole=_WHOLE):
        if type(blob) is bytes:
            size = len(blob)
            keys = _named_keys(root, scan, sha, blob) if worth is None or worth(blob) else _NONE
        else:
            size = blob.size  # type: ignore[union-attr]
            keys = _named_keys(root, scan, sha, blob, worth)
        if keys:
            flagged[sha] = keys
            if held is not None and type(blob) is bytes and size <= room:
                held[sha] = blob
                room -= size
            tick(done, nbytes, len(flagged))
        done += 1
        nbytes += size
        if done & 63 == 0:
            tick(done, nbytes, len(flagged))
    tick(done, nbytes, len(flagged))
    return flagged, nbytes


def _no_key() -> None:
    pass


class Beside:
    """Work that needs no blob (the commit messages: ``scan_history``'s
    ``beside``), done by whichever process of a forked discovery is done
    with its share of the blobs first, while the other still scans: after
    discovery a single process would do it while the second core idles.
    ``work()`` gives plain data (it may come back from the forked process,
    ``parallel.split``); ``ready()`` is called before the fork, so that
    what the work reads is whole in both processes (a walk read by a
    thread of this one); ``done`` says whether discovery did the work (not
    when it did not fork: then the caller does it itself, as before)."""

    __slots__ = ('work', 'ready', 'done', 'result')

    def __init__(self, work: Callable[[], object], ready: Callable[[], object] = _no_key) -> None:
        self.work = work
        self.ready = ready
        self.done = False
        self.result: object = None

    def take(self, turns: Iterable[int]) -> tuple[bool, object]:
        """(True, the work's result) for the first process to ask, else
        (False, None)."""
        for _turn in turns:
            return True, self.work()
        return False, None


def discover(
        root: str, blobs: list[tuple[bytes, int]], progress: Progress,
        scan: Scan, on_key: Callable[[], None] = _no_key,
        worth: Worth | None = None, beside: Beside | None = None,
        prepare: Callable[[int], None] | None = None,
        reading: tuple[str, ...] = PACK_READING, exact: bool = True,
        walked: Walked | None = None, held: dict[bytes, bytes] | None = None,
) -> dict[bytes, frozenset[str]]:
    """The blobs that hold a key: sha -> the hashed_secret of each key.

    ``on_key`` is called (maybe more than once) as soon as one is found.
    ``worth(nbytes)``, when given, makes the test a blob must pass to be
    scanned at all (one that ``scan`` could find nothing in fails it),
    chosen for this many bytes of blobs.
    On two cores a forked child takes the second half (by bytes, so each
    keeps its stretch of the pack) with its own ``git cat-file``: git's
    inflating and our scanning both run twice as wide; then ``beside``'s
    work is done by the process that is free first (``Beside``).
    ``prepare(nbytes)`` loads and compiles what scanning that many bytes
    needs (the engine's regexes and modules) before the fork, so that the
    two processes share it rather than each doing it on its first key word.
    ``reading``: git's settings for reading the packs (``stream_blobs``).
    ``exact``: whether ``blobs`` carry their sizes; else their bytes in the
    pack (``Listing.exact``), by which the halves are still cut, and the
    choices take a large store (``LARGE_STORE_BYTES``).  ``walked``: the
    bytes of the blobs read are added to its ``nbytes`` (their sizes, as
    ``cat-file`` gives each).  ``held``: the bytes of the flagged blobs
    read whole are kept in it (up to ``HELD_BYTES`` a process), so that
    the report need not ask git for them again.
    """
    total = len(blobs)
    size = sum(n for _sha, n in blobs) if exact else LARGE_STORE_BYTES
    test = worth(size) if worth is not None else None

    def alone(done: int, nbytes: int, found: int) -> None:
        if found:
            on_key()
        progress.blobs(done, total, nbytes)

    from together_hooks.sources import parallel

    if size < FORK_MIN_BYTES or not parallel.available():
        found, nbytes = _discover_part(root, blobs, alone, scan, test, reading, held)
        if walked is not None:
            walked.nbytes += nbytes
        return found
    import mmap
    import struct

    cut, acc, half = 0, 0, sum(n for _sha, n in blobs) // 2
    while cut < total and acc < half:
        acc += blobs[cut][1]
        cut += 1
    counts = mmap.mmap(-1, 24)  # the child's (blobs, bytes, keys), shared

    def tick(done: int, nbytes: int, found: int) -> None:
        other_done, other_bytes, other_found = struct.unpack_from('qqq', counts, 0)
        alone(done + other_done, nbytes + other_bytes, found + other_found)

    if beside is not None:
        beside.ready()
    if prepare is not None:
        prepare(size)
    turns = parallel.Turns(1 if beside is not None else 0)

    def child() -> tuple[tuple[dict[bytes, frozenset[str]], int], tuple[bool, object]]:
        kept: dict[bytes, bytes] | None = {} if held is not None else None
        found, nbytes = _discover_part(
            root, blobs[cut:],
            lambda d, b, f: struct.pack_into('qqq', counts, 0, d, b, f), scan, test, reading, kept,
        )
        return (found, nbytes, kept), beside.take(turns) if beside is not None else (False, None)

    def parent() -> tuple[tuple[dict[bytes, frozenset[str]], int], tuple[bool, object]]:
        found, nbytes = _discover_part(root, blobs[:cut], tick, scan, test, reading, held)
        return (found, nbytes, None), beside.take(turns) if beside is not None else (False, None)

    try:
        ((flagged, nbytes, _), mine), ((theirs, their_bytes, kept), other) = parallel.split(child, parent)
    finally:
        turns.close()
    flagged.update(theirs)
    if held is not None and kept:
        held.update(kept)
    if beside is not None:
        for took, result in (mine, other):
            if took:
                beside.done, beside.result = True, result
    if walked is not None:
        walked.nbytes += nbytes + their_bytes
    alone(total, nbytes + their_bytes, len(flagged))
    return flagged


# ---------------------------------------------------------------- attribution

class Commit:
    __slots__ = ('sha', 'author', 'date')

    def __init__(self, sha: str, author: str, date: str) -> None:
        from together_hooks.detect.scrub import scrub

        self.sha = sha
        self.author = scrub(author)  # a key as a name is found, never shown
        self.date = known_date(date)


def known_date(date: str) -> str:
    """``date`` as git's ``%aI`` gave it, or '' where git could not read
    the commit's date: for a timestamp before 1970 (``author A <a> -100 +0000``,
    written by ``hash-object --literally`` or an import) or garbage, git
    2.39 expands ``%aI`` to itself, and the report said the key came in
    "on %aI".  A strict ISO 8601 date starts with its year's digits."""
    return date if date[:4].isdigit() else ''


def _tokens(stream: Iterable[bytes]) -> Iterator[bytes]:
    """NUL-separated tokens of a ``-z`` stream, read in chunks."""
    rest = b''
    for chunk in stream:
        parts = (rest + chunk).split(b'\0')
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _chunks(f, size: int = 1 << 20) -> Iterator[bytes]:
    while True:
        chunk = f.read(size)
        if not chunk:
            return
        yield chunk


class CommitLog:
    """``git log --raw`` of the scanned commits, read in the background.

    Newest first as git walks (``--date-order``: children before parents):
    ``--reverse`` would hold the whole walk back until its end and cost git
    a fifth more CPU, so it is read oldest first here where the order
    matters (``attribute``, the list of the commits: ``AddedNames.end``),
    and as it comes where it does not (path names, blobs).  Merges show a path only where
    the result differs from every parent (``-c``): a key brought in by a
    merged branch is that branch's, one typed into a conflict resolution
    is the merge's.  Folders (``-t``) and submodules are listed too, so
    the same walk names every path a commit added (``names``, filled in as
    the log is read): ``scan --history`` walks the trees once for both
    questions (``scan_history(names=True)``).  Without that, it is started
    as soon as discovery meets the first key, and a history without keys
    never pays for it.

    The output is tree diffs only (a few MB for tens of thousands of
    commits), kept until it is asked for; past ``keep`` bytes it is
    dropped (a history without keys holds no more than that) and
    ``output`` walks again.
    """

    def __init__(
            self, root: str, since: str | None, names: bool = False,
            keep: int = 64 << 20, blobs: bool = False, sized: LogSized | None = None,
            commits: bool = False,
    ) -> None:
        self.root = root
        self.since = since
        self.sized = sized
        if sized is not None:
            sized.log = self
        self.names = AddedNames(
            blobs, fresh=sized is not None, commits=commits,
        ) if names or sized or commits else None
        self.proc = git_stream(root, *self.args(since))
        self.chunks: list[bytes] | None = []
        self.keep = keep
        self.err = b''
        self.reader = _Reader(self._read)
        self.reader.start()

    @staticmethod
    def args(since: str | None) -> list[str]:
        return [
            # --root: a key in a first commit counts even with log.showRoot off.
            'log', '--raw', '--no-abbrev', '--root', '-c', '-t', '--no-renames',
            '--ignore-submodules=none',  # a submodule's name, whatever config says
            '-z', '--date-order',
            '--format=%x01%H%x02%an <%ae>%x02%aI', '--all',
            *(['--not', since] if since is not None else []), '--',
        ]

    def _read(self) -> None:
        assert self.proc.stdout is not None and self.proc.stderr is not None
        kept = 0
        sized = self.sized
        try:
            for chunk in _chunks(self.proc.stdout):
                if self.names is not None:
                    self.names(chunk)
                    if sized is not None and self.names.fresh:
                        sized.feed(self.names.fresh)
                if self.chunks is not None:
                    kept += len(chunk)
                    if kept > self.keep:
                        self.chunks = None  # walked again if a key needs it
                    else:
                        self.chunks.append(chunk)
            if self.names is not None:
                self.names.end()
        finally:
            if sized is not None:
                sized.end()  # its answer is whole, or git's failure says why
        self.err = self.proc.stderr.read()

    def file_blobs(self) -> KeysView[bytes]:
        """Every file blob a commit of the walk put at a path (``blobs=True``
        or ``sized``): all that attribution can ever name.  In the walk's
        order (each blob where the newest commit that puts it at a path
        is met, as ``LogSized`` asks for them)."""
        assert self.names is not None and self.names.blobs is not None
        self.wait()
        return self.names.blobs.keys()

    def wait(self) -> None:
        """Until git has answered whole; git's own words if it failed."""
        self.reader.done()
        code = self.proc.wait()
        if code != 0:
            raise _failed('log', code, self.err)

    def added_names(self) -> set[bytes]:
        """Every path name a commit of the walk added (a folder, a
        submodule too): made with ``names=True``."""
        assert self.names is not None
        self.wait()
        return self.names.names

    def missing_blobs(self, listed: Iterable[bytes]) -> list[bytes]:
        """The file blobs the walk's commits hold that are not among
        ``listed`` (the store's listing) and that git cannot find: a
        damaged store (a loose object deleted, a pack cut short) lists
        what it holds, and a blob it lost would pass unscanned.  Made
        with ``names=True``."""
        unlisted = self.file_blobs() - set(listed)
        if not unlisted:
            return []
        out = git(self.root, 'cat-file', '--batch-check', input=b'\n'.join(sorted(unlisted)) + b'\n')
        return [line.split(b' ')[0] for line in out.splitlines() if line.endswith(b' missing')]

    def output(self) -> list[bytes]:
        self.wait()
        if self.chunks is None:  # too large to keep: walk again
            out = git(self.root, *self.args(self.since))
            return [out]
        return self.chunks

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.reader.join()
        self.proc.wait()
        if self.sized is not None:
            self.sized.close()


class AddedNames:
    """The paths a ``log --raw -z`` stream adds (an entry whose status,
    against any parent, is ``A``), fed chunk by chunk: what
    ``--diff-filter=A`` would list.  ``blobs`` (when asked for): every
    file blob a commit of the walk put at a path (what ``missing_blobs``
    holds the store's listing against); ``fresh`` too: after each chunk,
    the blobs first met in it, in the walk's order (what ``LogSized``
    is fed); ``commits`` (when asked for): each commit's sha, in the
    walk's order reversed, oldest first, once the stream is whole (what
    ``CommitList.of_log`` gives)."""

    __slots__ = ('names', 'blobs', 'fresh', 'commits', '_rest', '_path_next')

    def __init__(self, blobs: bool = False, fresh: bool = False, commits: bool = False) -> None:
        self.names: set[bytes] = set()
        self.commits: list[str] | None = [] if commits else None
        # Insertion-ordered: the blobs in the walk's order (``CommitLog.walk_blobs``).
        self.blobs: dict[bytes, None] | None = {} if blobs or fresh else None
        # With ``fresh``: the blobs first met in the last chunk, in order.
        self.fresh: list[bytes] | None = [] if fresh else None
        self._rest = b''
        self._path_next: bool | None = None  # True: add it; False: skip it

    def __call__(self, chunk: bytes) -> None:
        tokens = (self._rest + chunk).split(b'\0')
        self._rest = tokens.pop()
        add = self.names.add
        blobs = self.blobs
        fresh = self.fresh
        if fresh:
            fresh.clear()
        commits = self.commits
        path_next = self._path_next
        for token in tokens:
            if path_next is not None:
                if path_next:
                    add(token)
                path_next = None
            elif commits is not None and token.lstrip(b'\n')[:1] == b'\x01':
                # A commit's line (``CommitLog.args``' format): never a
                # path, which always follows its entry.
                commits.append(token.lstrip(b'\n')[1:].partition(b'\x02')[0].decode('ascii'))
            elif token[:1] == b':' or token.lstrip(b'\n')[:1] == b':':
                if blobs is None:
                    path_next = b'A' in token[token.rfind(b' ') + 1:]
                    continue
                fields = token.split(b' ')
                path_next = b'A' in fields[-1]
                if fields[len(fields) // 2 - 1] in _REGULAR:  # the new side's mode
                    sha = fields[-2]
                    if sha not in blobs:
                        blobs[sha] = None
                        if fresh is not None:
                            fresh.append(sha)
        self._path_next = path_next

    def end(self) -> None:
        """The stream is whole: a last commit's line git ended with no NUL."""
        last = self._rest.lstrip(b'\n')
        if self.commits is not None and self._path_next is None and last[:1] == b'\x01':
            self.commits.append(last[1:].partition(b'\x02')[0].decode('ascii'))
        if self.commits is not None:
            self.commits.reverse()  # parents before children (``CommitLog``)
        self._rest = b''


# One commit of a ``log --raw -z`` stream (``CommitLog.args``): its line
# (``\x01``), then its raw entries (``:``), each with the path after it
# (any bytes but NUL), and any other token: the tokens ``changes``'s parse
# reads as that commit's, a path never taken for a commit's line or an
# entry.  Matched commit after commit by ``re``'s own loops, it costs a
# quarter of the parse token by token.
_COMMIT = (
    rb'\n*\x01[^\0]*(?:\0|\Z)'
    rb'(?:\n*:[^\0]*\0[^\0]*(?:\0|\Z)|(?!\n*[\x01:])[^\0]*\0)*'
)
# Up to this many wanted blobs, ``changes`` parses only the commits whose
# text holds one: a ``find`` over the whole log each (3 ms on mypy's 13 MB)
# against ~0.1 s for the parse of every token (a third of it left at 8).
FEW_WANTED = 8


def changes(
        log: list[bytes], progress: Progress, wanted: Callable[[bytes], bool],
        among: Collection[bytes] | None = None,
) -> Iterator[tuple[Commit, str, tuple[bytes, ...], bytes]]:
    """(commit, path, parent blobs, new blob) where the new blob is wanted.

    ``among``: the wanted blobs, when they are few (``FEW_WANTED``): only
    the commits whose text holds one are parsed (``_holding``); a commit
    that holds none has no entry to give."""
    if among is not None and len(among) <= FEW_WANTED:
        commits, parts = _holding(log, among)
        yield from _changes(parts, wanted)
        progress.commits(commits)
        return
    yield from _changes(_tokens(log), wanted, progress)


def _holding(log: list[bytes], among: Collection[bytes]) -> tuple[int, list[bytes]]:
    """(the number of commits in ``log``, the NUL-separated tokens of those
    whose text holds one of ``among``, in the log's order)."""
    import bisect
    import operator
    import re

    text = log[0] if len(log) == 1 else b''.join(log)
    # map: no bytecode a commit
    spans = list(map(operator.methodcaller('span'), re.finditer(_COMMIT, text)))
    starts = list(map(operator.itemgetter(0), spans))
    hit: set[int] = set()
    for sha in among:
        at = text.find(sha)
        while at != -1:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < spans[i][1]:  # before the first commit: none
                hit.add(i)
            at = text.find(sha, at + 1)
    tokens: list[bytes] = []
    for i in sorted(hit):
        start, end = spans[i]
        tokens += text[start:end].split(b'\0')
    return len(spans), tokens


def _changes(
        tokens: Iterable[bytes], wanted: Callable[[bytes], bool], progress: Progress | None = None,
) -> Iterator[tuple[Commit, str, tuple[bytes, ...], bytes]]:
    commit = None
    head = b''  # the commit's line, made a ``Commit`` only if it has a wanted blob
    meta = None
    count = 0
    for token in tokens:
        if meta is not None:  # the path after a raw entry
            fields = meta.split(b' ')
            parents = len(fields) // 2 - 1
            new_mode = fields[parents]
            new = fields[-2]
            if new_mode in _REGULAR and wanted(new):
                if commit is None:
                    # An author may hold any byte but NUL, \x02 included.
                    sha, rest = head.decode('utf-8', 'replace').split('\x02', 1)
                    author, date = rest.rsplit('\x02', 1)
                    commit = Commit(sha, author, date)  # scrubs the author: once a commit
                olds = tuple(
                    old for old, mode in zip(
                        fields[parents + 1:-2], fields[:parents],
                    ) if mode in _REGULAR
                )
                yield commit, os.fsdecode(token), olds, new
            meta = None
            continue
        token = token.lstrip(b'\n')
        if token.startswith(b'\x01'):
            head, commit = token[1:], None
            count += 1
            if count % 256 == 0 and progress is not None:
                progress.commits(count)
        elif token.startswith(b':'):
            meta = token.lstrip(b':')
    if progress is not None:
        progress.commits(count)


def attribute(
        root: str, flagged: dict[bytes, frozenset[str]],
        since: str | None, progress: Progress, log: CommitLog, scan: Scan,
        matters: Callable[[str], bool] | None = None, have: dict[bytes, bytes] | None = None,
) -> dict[tuple[str, str], tuple[Commit, bytes]]:
    """(hashed_secret, path) -> (the commit that first added it, its blob);
    ``matters``, ``have``: see ``keys_at``."""
    entries = list(changes(log.output(), progress, flagged.__contains__, flagged.keys()))
    entries.reverse()  # oldest commit first (``CommitLog``: its walk's is newest first)
    if since is not None:
        # Blobs from before ``since`` were not scanned; a parent's blob
        # still decides whether a key is new, so scan the few needed.
        unknown = {
            old for _c, _p, olds, _n in entries for old in olds
            if old not in flagged
        }
        for sha, blob in stream_blobs(root, sorted(unknown)):
            keys = _named_keys(root, scan, sha, blob)
            if keys:
                flagged[sha] = keys
    return first_adds(entries, keys_at(root, scan, flagged, entries, have, matters))


def keys_at(
        root: str, scan: Scan, flagged: dict[bytes, frozenset[str]],
        entries: Sequence[Entry], have: dict[bytes, bytes] | None = None,
        matters: Callable[[str], bool] | None = None,
) -> dict[tuple[bytes, str], frozenset[str]]:
    """(blob, path) -> the keys the blob holds there, for every flagged blob
    an entry names.  A path can switch rules off (a rule's file filter, an
    excluded path), so a blob is scanned again under such a path by ``scan``,
    the pipeline's own step; ``matters(path)``, when given, says which
    paths can (the others keep what discovery found), else every path is
    rescanned.  ``have``: blobs already read."""
    paths: dict[bytes, set[str]] = {}
    found: dict[tuple[bytes, str], frozenset[str]] = {}
    verdict: dict[str, bool] = {}
    for _commit, path, olds, new in entries:
        if matters is not None and path not in verdict:
            verdict[path] = matters(path)
        for sha in (new, *olds):
            if sha not in flagged:
                continue
            if verdict.get(path, True):
                paths.setdefault(sha, set()).add(path)
            else:
                found[sha, path] = flagged[sha]
    have = have or {}

    def at(sha: bytes, data: bytes) -> None:
        for path in paths[sha]:
            found[sha, path] = flagged[sha] & keys_in(scan, data, path)

    for sha in paths.keys() & have.keys():
        at(sha, have[sha])
    for sha, blob in stream_blobs(root, sorted(paths.keys() - have.keys())):
        if blob.size <= _WHOLE:
            at(sha, blob.read())
            continue
        for path in paths[sha]:  # a large blob: streamed again for each path
            again = BlobAt(root, sha.decode(), blob.size)
            found[sha, path] = flagged[sha] & _hashes(scan(Content(path, stream=again)))
    return found


def first_adds(
        entries: Iterable[Entry], keys: dict[tuple[bytes, str], frozenset[str]],
) -> dict[tuple[str, str], tuple[Commit, bytes]]:
    """(hashed_secret, path) -> (the oldest commit adding it, its blob): a
    commit adds a key at a path when its new blob there holds it and none
    of its parents' blobs there did.  ``keys``: ``keys_at``."""
    first: dict[tuple[str, str], tuple[Commit, bytes]] = {}
    for commit, path, olds, new in entries:
        added = set(keys.get((new, path), _NONE))
        for old in olds:
            added -= keys.get((old, path), _NONE)
        for hashed in added:
            first.setdefault((hashed, path), (commit, new))
    return first


class FirstOf:
    """Keep the first finding of each wanted key (once per key and path)."""

    __slots__ = ('hashes',)

    def __init__(self, hashes: set[str]) -> None:
        self.hashes = hashes

    def __call__(self, findings: list[Finding]) -> list[Finding]:
        kept = []
        left = set(self.hashes)
        for f in findings:
            if f.hashed_secret in left:
                left.discard(f.hashed_secret)
                kept.append(f)
        return kept


class HistoryScan:
    """``scan_history``'s answer: iterate it for the revisions; ``log`` is
    the commit walk it started at once (``names=True``), whose
    ``added_names`` the caller reads, and ``commits`` the list of the
    commits (``CommitList``); the caller closes both; else None.
    ``beside``: the work given to be done beside the blob scan
    (``Beside``: once iterated, whether it was done, and its result)."""

    def __init__(
            self, revisions: Iterator[Revision], log: CommitLog | None,
            commits: CommitList | None = None, beside: Beside | None = None,
            listing: Listing | None = None,
    ) -> None:
        self.revisions = revisions
        self.log = log
        self.commits = commits
        self.beside = beside
        self._listing = listing

    def close(self) -> None:
        """Every git it started stopped and reaped (a run that fails
        before iterating it: the scan closes the listing itself)."""
        for started in (self._listing, self.log, self.commits):
            if started is not None:
                started.close()

    def __iter__(self) -> Iterator[Revision]:
        return self.revisions


def scan_history(
        root: str, scan: Scan, since: str | None = None, progress: bool = False,
        worth: Worth | None = None, matters: Callable[[str], bool] | None = None,
        names: bool = False, walked: Walked | None = None,
        beside: Callable[[list[str]], object] | None = None,
        prepare: Callable[[int], None] | None = None,
) -> HistoryScan:
    """Every (key, path) ever added, as the blob of the commit that added it.

    ``worth``: see ``discover``; ``matters``: see ``keys_at``; ``names``:
    start the commit walk now and list the path names it adds too
    (``CommitLog``), and list the commits (``CommitList``; the caller
    closes both); ``walked``: counts the blobs read and their bytes;
    ``beside(commits)``, with ``names``: work on the list of the commits
    that needs no blob (the commit messages), done by a process of the
    blob scan that is free first (``Beside``; the answer's ``beside``);
    ``prepare``: see ``discover``.  A bad
    ``since``, a partial or a shallow clone fails here, before anything is
    scanned; then the listing of the blobs starts at once, in the
    background (``Listing``), and the scan when the result is iterated.
    """
    since_sha = resolve_commit(root, since, '--since') if since else None
    objects = _check_clone(root)
    shared = since_sha is None and objects is not None and _shares_store(root, objects)
    log = commits = listing = None
    sized: LogSized | None = None
    try:
        # What discovery waits for first (the listing of the blobs, then
        # the commits it is counted against), the walk it needs only after.
        # A shared store: the blobs the commit walk names, sized as it
        # walks (``LogSized``), rather than a reachability walk of its own.
        # Not where a pack bitmap answers the reachability walk at once (a
        # server's or a mirror's store): then discovery need not wait for
        # the commit walk to end.
        # Nor, there, to keep what the refs reach of a store that holds
        # more (``Listing.counted_by``).
        bitmap = _has_bitmap(objects)
        sized = LogSized(root, _small_store(objects)) if names and shared and not bitmap else None
        if since_sha is None:
            listing = Listing(
                root, shared, counted=not names, sized=sized, objects=objects,
            )
        if sized is not None:  # then discovery waits for the commit walk first
            # ... and so the commits can be the walk's: no ``rev-list`` of its own.
            log = CommitLog(root, None, names=True, sized=sized, commits=True)
        elif names and since_sha is None and _one_walk(objects):
            # A small store: its commits are the walk's too (``ONE_WALK_IDX_BYTES``).
            log = CommitLog(root, None, names=True, blobs=not shared, commits=True)
        if names:
            commits = CommitList.of_log(log) if log is not None else CommitList(
                root, ['--all', *(['--not', since_sha] if since_sha else [])])
            # The blobs it names too where the store is listed for what it
            # holds (``Listing``, not shared): what ``_scan`` holds it against.
            log = log or CommitLog(root, since_sha, names=True, blobs=not shared and since_sha is None)
            if listing is not None:
                listing.counted_by(commits, log if since_sha is None and not bitmap else None)
    except BaseException:
        for started in (listing, commits, log, sized):
            if started is not None:
                started.close()
        raise
    listed = commits
    work = Beside(lambda: beside(listed.shas), listed.result) if (
        beside is not None and listed is not None) else None
    return HistoryScan(
        _scan(root, since_sha, Progress(progress), scan, worth, matters, listing, log, walked, work,
              prepare),
        log, commits, work, listing,
    )


def _emitted(root: str, shas: list[bytes], held: dict[bytes, bytes]) -> Iterator[tuple[bytes, Blob | bytes]]:
    """(sha, its bytes as discovery kept them, else the blob as git gives
    it) of each of ``shas``, in their order: git is asked only when
    discovery kept not every one."""
    if all(sha in held for sha in shas):
        return ((sha, held[sha]) for sha in shas)
    return stream_blobs(root, shas)


def _check_clone(root: str) -> str | None:
    """Refuse a partial or a shallow clone (``_refuse_partial_clone``, then
    ``_refuse_shallow_clone``); the object store's folder, when git says.
    Both questions are asked at once, of two gits running side by side."""
    config = _Background(
        root, 'config', '--get-regexp',
        r'^(extensions\.partialclone|remote\..*\.promisor)$',
    )
    try:
        facts = git_output(root, 'rev-parse', '--is-shallow-repository', '--git-path', 'objects')
        _refuse_partial_clone(config.result(ok=(0, 1)))
    finally:
        config.close()
    shallow, _sep, where = (facts or b'').partition(b'\n')
    if shallow == b'true':
        _refuse_shallow_clone()
    return _from_root(root, where) if where.strip() else None


def _refuse_partial_clone(config: bytes) -> None:
    """A partial clone (``--filter=blob:none``) holds only the blobs it was
    sent: the rest of history would pass unscanned, and the gate with it.
    ``config``: the partial clone settings (``git config --get-regexp``)."""
    for line in config.decode('utf-8', 'replace').splitlines():
        name, _sep, value = line.partition(' ')
        if name.endswith('.promisor') and value.lower() not in ('true', 'yes', 'on', '1'):
            continue
        raise InputError(
            '--history: this is a partial clone (git clone --filter), so the '
            'blobs of past commits are not here to scan; run it in a full '
            'clone (actions/checkout: no filter, fetch-depth: 0)',
        )


def _refuse_shallow_clone() -> None:
    """A shallow clone lacks the commits below its cut: a key added and
    removed there would pass unseen."""
    raise InputError(
        '--history: this is a shallow clone, so older commits are not here '
        f'to scan; fetch them (git fetch --unshallow) or {FULL_HISTORY}',
    )


def _scan(
        root: str, since_sha: str | None, shown: Progress, scan: Scan,
        worth: Worth | None, matters: Callable[[str], bool] | None,
        listing: Listing | None, shared_log: CommitLog | None = None,
        walked: Walked | None = None, beside: Beside | None = None,
        prepare: Callable[[int], None] | None = None,
) -> Iterator[Revision]:
    logs: list[CommitLog] = [] if shared_log is None else [shared_log]
    damaged: Content | None = None
    held: dict[bytes, bytes] = {}  # the flagged blobs discovery read whole

    def start_log() -> None:
        if not logs:
            logs.append(CommitLog(root, since_sha))

    try:
        if listing is not None:
            blobs = listing.blobs()
            listing.close()
        else:
            blobs = list_blobs(root, since_sha)
        if walked is not None:
            walked.blobs = len(blobs)  # and ``nbytes`` as discovery reads them
        # A store listed whole is read from its packs' end (``_oldest_first``),
        # a walk's blobs (a shared store's, ``--since``'s, those a store
        # holding many commits no ref reaches keeps) each after its deltas
        # (``_bases_last``): both with the small delta-base cache.
        flagged = discover(
            root, blobs, shown, scan, on_key=start_log, worth=worth, beside=beside, prepare=prepare,
            reading=PACK_END_READING, exact=listing is None or listing.exact, walked=walked,
            held=held,
        )
        deferred = listing.deferred if listing is not None else []
        if deferred and shared_log is not None:
            # What only commits no ref reaches held, and a commit the walk
            # has (each blob it names is scanned, as when discovery waited).
            named = shared_log.file_blobs()
            more = [blob for blob in deferred if blob[0] in named]
            if more:
                if walked is not None:
                    walked.blobs += len(more)
                flagged.update(discover(
                    root, more, shown, scan, on_key=start_log, worth=worth,
                    exact=listing is None or listing.exact, walked=walked, held=held,
                ))
        if listing is not None and shared_log is not None and not listing.shared:
            # The store was listed for what it holds: a blob a commit names
            # that it lost fails the run, as a walk of the refs does (asked
            # once the blobs are scanned: the walk runs beside the scan).
            lost = shared_log.missing_blobs(sha for sha, _size in blobs + deferred)
            if lost:
                # Failed after what was found is shown: the keys the
                # store still holds are reported, then exit 2.
                damaged = Content(f'object {lost[0].decode("ascii", "replace")}', b'')
                damaged.problem = NotScanned(
                    f'is missing from the store ({len(lost)} blob(s) commits hold; '
                    'a damaged repository? git fsck names them)', fatal=True,
                )
        first: dict[tuple[str, str], tuple[Commit, bytes]] = {}
        if flagged:
            start_log()
            first = attribute(root, flagged, since_sha, shown, logs[0], scan, matters, held)
    finally:
        if listing is not None:
            listing.close()
        shown.done()
        for log in logs:
            if log is not shared_log:  # the caller's to close
                log.close()
    by_blob: dict[tuple[str, str, bytes], tuple[Commit, set[str]]] = {}
    for (hashed, path), (commit, sha) in first.items():
        by_blob.setdefault((commit.sha, path, sha), (commit, set()))[1].add(hashed)
    if damaged is not None:
        yield damaged  # shown after the findings, and the run fails closed
    if not by_blob:
        return
    # Blob by blob, each read once (a large one again by a process of its
    # own for each commit that added a key in it).
    revisions: dict[bytes, list[tuple[Commit, str, set[str]]]] = {}
    for (_sha, path, blob_sha), (commit, hashes) in sorted(by_blob.items()):
        revisions.setdefault(blob_sha, []).append((commit, path, hashes))
    for blob_sha, blob in _emitted(root, sorted(revisions), held):
        data = blob if type(blob) is bytes else blob.read() if blob.size <= _WHOLE else None
        for commit, path, hashes in revisions[blob_sha]:
            yield Revision(
                path, data, FirstOf(hashes),
                commit=commit.sha, author=commit.author, date=commit.date,
                stream=None if data is not None else BlobAt(root, blob_sha.decode(), blob.size),
            )
