"""Keys inside compressed containers: a ``backup.zip``, a ``logs.tar.gz``,
an ``.xlsx``, a ``.jar``, a ``.whl``, a gzip'd ``.sql.gz`` dump.

Each member is decompressed as it streams (never written to disk) and
scanned in windows as a large file is (``windows``), so memory is bounded
by the window whatever a member's size; a finding names the container and
the member (``backup.zip!config/.env``, line and column in the member).
Read here: zip (stored, deflated, bzip2 and LZMA members; zip64 and data
descriptors, as ``zipfile`` reads them from the central directory), gzip
(every member), bzip2, xz, LZMA-alone (``.lzma``) and zlib (a git loose object: every stream,
and what follows the last), a tar (plain or inside any of these; the tars after it, and what follows
them), a PDF's zlib streams, a PNG's compressed text chunks, and a
container inside a member, up to ``DEPTH`` deep.

A container is told by its magic bytes (``prefilter.container_kind``, the
one test every mode shares).  Fail closed: what cannot be scanned whole
(past ``budget.EXPANDED`` bytes decompressed for one file, nested deeper than
``DEPTH``, a member that does not decompress; not a zlib stream cut short,
told by a heuristic only, scanned as far as it inflates) stops the run with one line
and exit 2 (``InputError``), in every mode alike: a zip bomb costs at most
the budget, and a container that cannot be vouched for is never passed.
An encrypted zip member is left unread, like any encrypted data.
"""
from __future__ import annotations

import io
from itertools import chain

from together_hooks import regex_cache
from together_hooks.detect.budget import Budget
from together_hooks.detect.budget import no_edge
from together_hooks.detect.prefilter import a_kind
from together_hooks.detect.prefilter import AR_MAGIC
from together_hooks.detect.prefilter import container_kind
from together_hooks.detect.prefilter import container_start
from together_hooks.detect.prefilter import GIT_PACKS
from together_hooks.detect.prefilter import openpgp_compressed
from together_hooks.detect.prefilter import PNG_TEXT_CHUNKS
from together_hooks.detect.windows import WINDOW
from together_hooks.detect.windows import scan_stream_windows
from together_hooks.errors import InputError
from together_hooks.fileio import filled
from together_hooks.fileio import stream_windows
from together_hooks.messages import cut_text
from together_hooks.rules import MAX_CONTEXT

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import BinaryIO
    from typing import Callable
    from typing import Iterator

    from together_hooks.findings import Finding

    # (bytes, path, wide) -> findings: the pipeline's scan of one file.
    Scan = Callable[[bytes, str, bool], list[Finding]]
    Window = tuple[int, int, int, bytes]

# Containers inside containers (a .jar in a .war in a .zip).
DEPTH = 4
# A zip is read through its central directory, which needs it whole: a
# zip streamed from git (no file to seek in) is held up to this size.
HELD = 64 << 20
# Members of one zip or tar, objects of one git pack.
MEMBERS = 1 << 16
# An xz's decoder (its dictionary, which its header names: up to 4 GiB):
# xz -9 needs 65 MB.
XZ_MEMORY = 96 << 20
# A tar's pax or GNU long-name header, held whole by ``tarfile``; and its
# names, link targets and header values together.
TAR_HEADER = 1 << 20
TAR_NAMES = 16 << 20
_CHUNK = 1 << 16
_HEAD = 512  # enough to tell a tar (its magic is at 257)


class _Damaged(InputError):
    """A container, or a member of one, that does not decompress."""


class _Reader(io.RawIOBase):
    """A readable raw stream over ``_take(n)`` (up to ``n`` bytes, b'' at
    the end): what the decompressors and ``zipfile`` read from."""

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        return self._take(_CHUNK if n is None or n < 0 else n)

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _take(self, n: int) -> bytes:
        raise NotImplementedError


class _Metered(_Reader):
    """A decompressed stream that counts what it gives against the budget."""

    def __init__(self, read: Callable[[int], bytes], budget: Budget, where: str) -> None:
        self._read = read
        self._budget = budget
        self._where = where

    def _take(self, n: int) -> bytes:
        data = self._read(n)
        self._budget.take(len(data), self._where)
        return data


class _Prefixed(_Reader):
    """``head`` then the rest of a stream: the bytes peeked at, given back."""

    def __init__(self, head: bytes, read: Callable[[int], bytes], at: int = 0) -> None:
        self._head = head
        self._at = at  # ``head`` given back from here: never copied whole again
        self._read = read

    def _take(self, n: int) -> bytes:
        if self._at < len(self._head):
            out = self._head[self._at:self._at + n]
            self._at += len(out)
            if self._at >= len(self._head):
                self._head = b''  # freed once given back
            return out
        return self._read(n)


def scan_container(
        source: bytes | BinaryIO, path: str, scan: Scan, budget: Budget | None = None,
) -> list[Finding]:
    """The findings in every member of the container ``source`` (its bytes,
    or a file object: seekable for a zip), each at its member's path under
    ``path``; [] for what is no container.  ``budget``: the file's, shared
    with the scans of its own bytes (a new one when not given).
    InputError when it cannot be scanned whole (see the module's docstring)."""
    started = None
    if isinstance(source, bytes):  # all its bytes: a container behind a stub too
        started = container_start(source)
        if started is not None and started[1]:
            source = source[started[1]:]
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
    if stream.seekable():  # the head peeked at, left in place
        at = stream.tell()
        head = _read_head(stream.read)
        stream.seek(at)
    else:  # the head read: ``_open`` gives it back first
        head = _read_head(stream.read)
    kind = container_kind(head, cut=True)
    if kind is None and started is not None:
        kind = started[0]  # a zip read from its end record
    if kind is None:
        return []
    found: list[Finding] = []
    _open(kind, head, stream, path, scan, budget or Budget(path), 1, found)
    return found


def scan_packed(
        data: bytes, path: str, scan: Scan, budget: Budget,
) -> tuple[list[Finding], bool]:
    """The findings in the container ``data``, decoded from a value in a
    file (a Helm release's base64 of gzip, a zip in a JSON field), and
    whether it decompressed whole.  A value cut short (an example in a
    document, a value cut by a window's end) is scanned as far as it
    decompresses: a gzip, bzip2 or xz, a tar (also inside them: its
    members up to the cut, the one cut as far as it goes), a zip without
    its central directory (its entries by their local headers, as
    ``_locals`` reads them: one whose method or size leaves it undecided
    fails closed), a PDF's streams.  Held to ``budget`` and ``DEPTH`` as
    any container is, failing closed past them; the caller judges a value
    not whole."""
    kind = container_kind(data)
    found: list[Finding] = []
    if kind is None:
        return found, True
    damaged: list[bool] = []
    stream: Any = io.BytesIO(data)
    try:
        if kind in ('gzip', 'bzip2', 'xz', 'lzma', 'zlib'):
            _compressed(kind, stream, path, scan, budget, 1, found, damaged)
        elif kind == 'tar':
            _tar(stream, path, scan, budget, 1, found, damaged)
        elif kind == 'zip':
            try:
                _open(kind, data[:_HEAD], stream, path, scan, budget, 1, found)
            except _Damaged:  # no central directory: cut short
                damaged.append(True)
                del found[:]
                _locals(stream, {}, path, scan, budget, 1, found, damaged)
        else:
            _open(kind, data[:_HEAD], stream, path, scan, budget, 1, found)
    except _Damaged:
        damaged.append(True)
    except InputError:
        raise
    except Exception:  # zlib.error, tarfile.ReadError, ...: damaged where it stops
        damaged.append(True)
    return found, not damaged


def scan_inflated(data: bytes, path: str, scan: Scan, budget: object, wbits: int = 15) -> list[Finding]:
    """The findings in the zlib stream ``data`` (a ``GIT binary patch``'s
    hunk; raw deflate with ``wbits`` -15: a JWS payload under ``"zip":
    "DEF"``), inflated as it streams and scanned as a member is, as far as
    it inflates; held to ``budget`` as ``scan_packed`` is."""
    import zlib

    decoder = zlib.decompressobj(wbits)
    pending = [data]

    def read(n: int) -> bytes:
        while not decoder.eof and (pending[0] or decoder.unconsumed_tail):
            try:
                out = decoder.decompress(decoder.unconsumed_tail or pending[0], n)
            except zlib.error:
                break
            pending[0] = b''
            if out:
                return out
        return b''

    metered = _Metered(read, budget, path)  # type: ignore[arg-type]
    found: list[Finding] = []
    _member(_read_head(metered.read), metered.read, path, scan, budget, 1, found)  # type: ignore[arg-type]
    return found


def _open(
        kind: str, head: bytes, stream: BinaryIO, path: str, scan: Scan,
        budget: Budget, depth: int, found: list[Finding], damaged: list[bool] | None = None,
) -> None:
    """Scan the container ``stream``: seekable and at its start, or not
    seekable and just past ``head``, its first bytes.  A zlib stream that
    does not inflate whole is forgiven; ``damaged`` is told so."""
    if depth > DEPTH:
        raise InputError(
            f'{path}: containers nested more than {DEPTH} deep: not scanned whole',
        )
    try:
        if kind == 'zip':
            _zip(stream, head, path, scan, budget, depth, found)
        elif kind == 'pdf':
            _pdf(_whole_stream(stream, head), path, scan, budget, depth, found)
        elif kind == 'png':
            _png(_whole_stream(stream, head), path, scan, budget, depth, found)
        elif kind == 'tar':
            _tar(_whole_stream(stream, head), path, scan, budget, depth, found)
        elif kind in ('git pack', 'git bundle'):
            _git_pack(_whole_stream(stream, head), kind, path, scan, budget, depth, found)
        elif kind == 'ar':
            _ar(_whole_stream(stream, head), path, scan, budget, depth, found)
        elif kind == 'openpgp':
            _openpgp(_whole_stream(stream, head), path, scan, budget, depth, found)
        elif kind == 'zlib':
            # Told by a heuristic (two bytes and what inflates after them),
            # not a magic: a stream cut short is scanned as far as it
            # inflates, its bytes as they are by the file's own scan; only
            # the budget (a bomb) fails closed.
            _compressed(
                kind, _whole_stream(stream, head), path, scan, budget, depth, found,
                [] if damaged is None else damaged,
            )
        else:
            _compressed(kind, _whole_stream(stream, head), path, scan, budget, depth, found)
    except InputError:
        raise
    except Exception as e:  # zlib.error, BadZipFile, BadGzipFile, TarError, EOFError, ...
        raise _Damaged(
            f'{path}: {a_kind(kind)} that does not decompress ({_why(e)}): not scanned whole',
        ) from None


# A bundle's header (its refs) read before its pack, at most this much.
_BUNDLE_HEADER = 1 << 20
_PACK_TYPES = frozenset((1, 2, 3, 4, 6, 7))  # commit, tree, blob, tag, two deltas
# An object's size and a delta's offset: 64 bits, 7 a byte (and 4 in the
# first); a longer number is damage, never read on byte after byte.
_VARINT = 10
# A delta's copy instruction, charged to the budget as this many bytes.
_COPY = 64
_COPY_STEP = tuple(1 + bin(op & 0x7f).count('1') for op in range(256))
# What follows a pack's last object: its checksum, SHA-1 or SHA-256.
_TRAILER = (20, 32)


def _git_pack(
        stream: BinaryIO, kind: str, path: str, scan: Scan, budget: Budget,
        depth: int, found: list[Finding],
) -> None:
    """A git pack, or a bundle's pack after its header: every object's
    zlib stream inflated as it streams and scanned as a member
    (``<object N>``); a delta as its inserted bytes (``_DeltaInserts``).
    Cut short or damaged, it fails closed (``_open``)."""
    import zlib

    pending = b''

    def need(n: int) -> bytes:
        nonlocal pending
        while len(pending) < n:
            more = stream.read(_CHUNK)
            if not more:
                raise EOFError('cut short')
            pending += more
        return pending

    if kind == 'git bundle':
        while b'\n\n' not in need(len(pending) + 1):
            if len(pending) > _BUNDLE_HEADER:
                raise ValueError('a bundle header without its end')
        pending = pending[pending.index(b'\n\n') + 2:]
        if not need(8).startswith(GIT_PACKS):
            raise ValueError('no pack after the bundle header')
    count = int.from_bytes(need(12)[8:12], 'big')
    if count > MEMBERS:
        raise InputError(f'{path}: {a_kind(kind)} of more than {MEMBERS} objects: not scanned whole')
    pending = pending[12:]
    for number in range(count):
        at = 0
        byte = need(at + 1)[at]
        kind_of = (byte >> 4) & 7
        while byte & 0x80:
            at += 1
            if at >= _VARINT:
                raise ValueError(f'object {number} of a size past 64 bits')
            byte = need(at + 1)[at]
        at += 1
        if kind_of not in _PACK_TYPES:
            raise ValueError(f'object {number} of unknown type {kind_of}')
        if kind_of == 6:  # a delta against an object this many bytes back
            while need(at + 1)[at] & 0x80:
                at += 1
                if at >= 2 * _VARINT:
                    raise ValueError(f'object {number} a delta of an offset past 64 bits')
            at += 1
        elif kind_of == 7:  # a delta against an object named by its id
            at += 20
        need(at)
        pending = pending[at:]
        decoder = zlib.decompressobj()

        def inflate(n: int, decoder: Any = decoder) -> bytes:
            nonlocal pending
            while not decoder.eof:
                tail = decoder.unconsumed_tail
                if not tail:
                    tail, pending = need(1), b''
                out: bytes = decoder.decompress(tail, n)
                if out:
                    return out
            return b''

        metered = _Metered(inflate, budget, path)
        where = f'{path}!<object {number}>'
        if kind_of in (6, 7):
            inserts = _DeltaInserts(metered.read, budget, path)
            _member(_read_head(inserts.read), inserts.read, where, scan, budget, depth, found)
        else:
            _member(_read_head(metered.read), metered.read, where, scan, budget, depth, found)
        while metered.read(_CHUNK):  # never: a member is read to its end
            pass
        pending = decoder.unused_data + pending
    # Then only its checksum (SHA-1 or SHA-256): objects past the count
    # its header names are never read, so a pack that holds more is
    # damaged, not clean.
    while len(pending) <= _TRAILER[-1]:
        more = stream.read(_CHUNK)
        if not more:
            break
        pending += more
    if len(pending) not in _TRAILER:
        raise ValueError(f'{len(pending)} bytes after its {count} objects')


class _DeltaInserts(_Reader):
    """A git delta's inserted bytes, joined as its target holds them: git
    writes at most 127 bytes an insert instruction, so an added run longer
    than that is cut every 127 bytes by the next one's length byte (a key
    across it would pass).  A copy (bytes of the base, not here) stands
    as one line break.  Each copy is charged ``_COPY`` bytes of the
    budget: a delta of nothing but copies costs Python a loop turn each."""

    def __init__(self, read: Callable[[int], bytes], budget: Budget, where: str) -> None:
        self._read = read
        self._budget = budget
        self._where = where
        self._buf = b''
        self._at = 0
        self._sizes = 2  # the base's and the target's, first
        self._insert = 0  # bytes of an insert still to give
        self._copied = False

    def _more(self) -> bool:
        if self._at < len(self._buf):
            return True
        self._buf, self._at = self._read(_CHUNK), 0
        return bool(self._buf)

    def _byte(self) -> int:
        if not self._more():
            raise EOFError('a delta cut short')
        self._at += 1
        return self._buf[self._at - 1]

    def _take(self, n: int) -> bytes:
        out: list[bytes] = []
        size = 0
        while size < n:
            if self._insert:
                if not self._more():
                    raise EOFError('a delta cut short')
                piece = self._buf[self._at:self._at + min(self._insert, n - size)]
                self._at += len(piece)
                self._insert -= len(piece)
                out.append(piece)
                size += len(piece)
            elif self._sizes:
                while self._byte() & 0x80:
                    pass
                self._sizes -= 1
            elif not self._more():
                break
            else:
                # Instructions read here while whole in the chunk; one
                # across its end, byte by byte below.
                buf, at, end = self._buf, self._at, len(self._buf)
                copies = 0
                copied = self._copied
                while at < end and size < n:
                    op = buf[at]
                    if op & 0x80:
                        if at + _COPY_STEP[op] > end:
                            break
                        at += _COPY_STEP[op]
                        copies += 1
                        if not copied:
                            out.append(b'\n')
                            size += 1
                            copied = True
                    elif op:
                        if at + 1 + op > end or op > n - size:
                            break
                        out.append(buf[at + 1:at + 1 + op])
                        size += op
                        at += 1 + op
                        copied = False
                    else:
                        raise ValueError('a delta instruction 0')
                self._copied = copied
                if copies:
                    self._budget.take(_COPY * copies, self._where)
                if at != self._at:
                    self._at = at
                    continue
                op = self._byte()
                if op & 0x80:  # a copy: up to 4 offset and 3 size bytes, by its bits
                    for bit in range(7):
                        if op & (1 << bit):
                            self._byte()
                    self._budget.take(_COPY, self._where)
                    if not self._copied:
                        out.append(b'\n')
                        size += 1
                        self._copied = True
                elif op:
                    self._insert = op
                    self._copied = False
                else:
                    raise ValueError('a delta instruction 0')
        return b''.join(out)


def _why(e: BaseException) -> str:
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    return cut_text(text, 120) or type(e).__name__


def _whole_stream(stream: BinaryIO, head: bytes) -> BinaryIO:
    """``stream`` from its start: as it is when seekable (the head was
    peeked), else with ``head`` given back first."""
    if stream.seekable():
        return stream
    return io.BufferedReader(_Prefixed(head, stream.read), _CHUNK)  # type: ignore[arg-type]


def _ar(stream: BinaryIO, path: str, scan: Scan, budget: Budget, depth: int, found: list[Finding]) -> None:
    """Every member of an ``ar`` archive (a ``.deb``: ``debian-binary``,
    ``control.tar.xz``, ``data.tar.xz``; a static library), each read as
    any member is (a compressed tar in it opened): a 60-byte header, the
    name (GNU's ``name/``, BSD's ``#1/N`` with the name in the data), the
    size in decimal, the data padded to an even length.  A header that is
    none, or data cut short, is a damaged archive (``_open``)."""
    if stream.read(len(AR_MAGIC)) != AR_MAGIC:
        raise ValueError('no ar magic')
    while True:
        header = stream.read(60)
        if not header:
            return
        size_field = header[48:58].strip()
        if len(header) != 60 or header[58:60] != b'`\n' or not size_field.isdigit():
            raise ValueError('a damaged member header')
        size = int(size_field)
        name = header[:16].rstrip(b' ')
        if name.startswith(b'#1/') and name[3:].isdigit():  # BSD: the name leads the data
            long = int(name[3:])
            name, size = stream.read(long).rstrip(b'\0'), size - long
        name = name.rstrip(b'/') or b'<ar symbols>'
        left = [size]

        def read(n: int) -> bytes:
            chunk = stream.read(min(n, left[0])) if left[0] > 0 else b''
            left[0] -= len(chunk)
            return chunk

        _member(
            _read_head(read), read, f'{path}!{name.decode("utf-8", "replace")}', scan, budget, depth, found,
        )
        while read(_CHUNK):  # what the member's reading left
            pass
        if left[0]:
            raise EOFError('cut short')
        if size & 1:
            stream.read(1)


def _openpgp(stream: BinaryIO, path: str, scan: Scan, budget: Budget, depth: int, found: list[Finding]) -> None:
    """An OpenPGP message that is compressed, not encrypted (``gpg
    --store``, ``gpg --sign`` without ``--detach-sign``): a binary file, or
    an armored block's base64 decoded (``engine._packed_hits``): its
    compressed packet (``openpgp_compressed``) inflated as it streams (ZIP:
    raw deflate, ZLIB) or opened (BZip2) on the budget, its packets (the
    literal data among them) scanned as a member; held up to ``HELD`` (a
    packet's partial lengths are joined before it inflates)."""
    data = stream.read(HELD + 1)
    if len(data) > HELD:
        raise InputError(f'{path}: an OpenPGP message larger than {HELD >> 20} MB: not scanned whole')
    packet = openpgp_compressed(data)
    if packet is None:
        raise ValueError('no compressed packet')
    algorithm, body = packet
    del data
    if algorithm == 3:
        _compressed('bzip2', io.BytesIO(body), path, scan, budget, depth, found)
    else:
        found += scan_inflated(body, path, scan, budget, -15 if algorithm == 1 else 15)


def _inner_name(path: str, kind: str) -> str:
    """The name ``gunzip`` would give what ``path`` decompresses to."""
    name = path.rsplit('!', 1)[-1].rsplit('/', 1)[-1]
    lower = name.lower()
    for suffix, becomes in (('.tgz', '.tar'), ('.gz', ''), ('.bz2', ''), ('.xz', ''), ('.lzma', ''), ('.z', '')):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)] + becomes
    return name


def _compressed(
        kind: str, stream: BinaryIO, path: str, scan: Scan, budget: Budget,
        depth: int, found: list[Finding], damaged: list[bool] | None = None,
) -> None:
    """gzip (every member), bzip2 or xz (every stream): one member, named
    as the decompressor would name it; a tar inside is read as one, its
    members named right under ``path``.  What follows the last bzip2 or
    xz stream (past NUL padding) is a member of its own (``<after the
    bzip2>``); gzip refuses what follows its last member."""
    streams = None
    if kind == 'gzip':
        import gzip

        reader: Any = gzip.GzipFile(fileobj=stream, mode='rb')
    else:
        reader = streams = _Streams(kind, stream, path)
    def forgiving(n: int) -> bytes:
        if damaged:
            return b''
        try:
            # ``read1``: GzipFile's ``read`` drops what it decompressed
            # before the error, up to n bytes.
            return (reader.read1 if streams is None else reader.read)(n)  # type: ignore[no-any-return]
        except InputError:
            raise
        except Exception:  # zlib.error, EOFError, BadGzipFile, OSError, ...
            damaged.append(True)  # type: ignore[union-attr]
            return b''
    with reader:
        # Forgiven (``damaged`` given): what came out before the damage is scanned.
        metered = _Metered(reader.read if damaged is None else forgiving, budget, path)
        head = _read_head(metered.read)
        if container_kind(head) == 'tar':
            _tar(_whole_stream(metered, head), path, scan, budget, depth, found, damaged)  # type: ignore[arg-type]
        else:
            _member(head, metered.read, f'{path}!{_inner_name(path, kind)}', scan, budget, depth, found)
        if metered.read(1):  # never: every reader reads to the end
            raise InputError(f'{path}: {a_kind(kind)} not read to its end: not scanned whole')
    if streams is not None and streams.after and not damaged:
        _member(streams.after, stream.read, f'{path}!<after the {kind}>', scan, budget, depth, found)


class _Streams:
    """A bzip2, xz or LZMA-alone file decompressed by hand, stream after
    stream (NUL padding between them, as xz allows), until what follows is
    no stream of the kind: that is left in ``after``, its first bytes
    (``bz2`` and ``lzma``'s files drop it unread).  An xz's or
    LZMA-alone's decoder (its dictionary, which its header names) is held
    to ``XZ_MEMORY``."""

    def __init__(self, kind: str, stream: BinaryIO, path: str) -> None:
        self._kind = kind
        self._stream = stream
        self._path = path
        self._pending = b''
        self._decoder: Any = self._new()
        self.after = b''

    def __enter__(self) -> _Streams:
        return self

    def __exit__(self, *exc: object) -> None:
        self._decoder = None

    def _new(self) -> Any:
        if self._kind == 'bzip2':
            import bz2

            return bz2.BZ2Decompressor()
        if self._kind == 'zlib':
            return _Zlib()
        import lzma

        form = lzma.FORMAT_ALONE if self._kind == 'lzma' else lzma.FORMAT_XZ
        return lzma.LZMADecompressor(form, memlimit=XZ_MEMORY)

    def read(self, n: int) -> bytes:
        while self._decoder is not None:
            decoder = self._decoder
            if decoder.eof:
                self._next(decoder.unused_data)
                continue
            data = b''
            if decoder.needs_input:
                data, self._pending = self._pending or self._stream.read(_CHUNK), b''
                if not data:
                    raise EOFError(f'the {self._kind} data ends before its end-of-stream marker')
            try:
                out = decoder.decompress(data, n)
            except Exception as e:
                if 'memory usage limit' in str(e).lower():
                    raise InputError(
                        f'{self._path}: an {self._kind} that needs more than {XZ_MEMORY >> 20} MB of memory '
                        'to decompress: not scanned whole',
                    ) from None
                raise
            if out:
                return out
        return b''

    def _next(self, left: bytes) -> None:
        """Past a stream's end: the next stream, or the end."""
        head = left.lstrip(b'\0')
        while len(head) < _HEAD:
            more = self._stream.read(_CHUNK)
            if not more:
                break
            head = (head + more).lstrip(b'\0')
        if container_kind(head) == self._kind:
            self._decoder, self._pending = self._new(), head
        else:
            self._decoder, self.after = None, head


class _Zlib:
    """A zlib stream's decoder as ``_Streams`` drives bzip2's and xz's:
    ``needs_input`` once it has given all it can of what it was given
    (less than asked, nothing held back unread)."""

    def __init__(self) -> None:
        import zlib

        self._decoder = zlib.decompressobj()
        self.needs_input = True

    @property
    def eof(self) -> bool:
        return self._decoder.eof  # type: ignore[no-any-return]

    @property
    def unused_data(self) -> bytes:
        return self._decoder.unused_data  # type: ignore[no-any-return]

    def decompress(self, data: bytes, n: int) -> bytes:
        decoder = self._decoder
        n = max(n, 0)  # zlib's "no limit"
        out: bytes = decoder.decompress(decoder.unconsumed_tail + data, n)
        self.needs_input = not decoder.unconsumed_tail and (not n or len(out) < n)
        return out


def _read_head(read: Callable[[int], bytes]) -> bytes:
    return filled(read, b'', _HEAD)


def _member(
        head: bytes, read: Callable[[int], bytes], path: str, scan: Scan,
        budget: Budget, depth: int, found: list[Finding], plain: bool = False,
) -> None:
    """Scan one member (``head``: its first bytes, already read; ``read``:
    the rest), or open it as the container its head says it is (not when
    ``plain``: its bytes as they are)."""
    kind = None if plain else container_kind(head, cut=True)
    if kind == 'zlib':
        # Told by a heuristic (``_open``): inflated as far as it goes, and
        # its bytes scanned as they are too, as a file's own are (plain
        # bytes after a zlib-looking start).  Held up to ``HELD``; past
        # that it is inflated as it streams (a real stream's bytes hold
        # no key as they are).
        held, more = _held_up_to(head, read)
        if not more:
            # A stored (level 0) stream holds its text as it is: a key is
            # reported once, where it inflates.
            _opened_and_as_is(kind, held, path, scan, budget, depth, found)
            return
        rest = _Prefixed(held, _Prefixed(more, read).read, len(head))
        del held
        damaged: list[bool] = []
        _open(kind, head, io.BufferedReader(rest, _CHUNK), path, scan, budget, depth + 1, found, damaged)  # type: ignore[arg-type]
        if damaged:  # plain bytes after a zlib-looking start: not held to scan
            raise InputError(
                f'{path}: a member larger than {HELD >> 20} MB that starts like zlib data '
                'but does not inflate whole: not scanned whole',
            )
        return
    if kind in _WITH_TEXT:
        # Text beside its streams (a PDF's strings, a PNG's tEXt): its
        # bytes are scanned as they are too, as a file's own are; held up
        # to ``HELD``, past which it fails closed (its plain bytes unread).
        held, more = _held_up_to(head, read)
        if more:
            raise InputError(
                f'{path}: a {kind.upper()} member larger than {HELD >> 20} MB: not scanned whole',
            )
        _opened_and_as_is(kind, held, path, scan, budget, depth, found)
        return
    if kind is not None:
        stream: BinaryIO
        if kind == 'zip':
            stream = _held(head, read, path)
        else:  # past its head
            stream = io.BufferedReader(_Prefixed(b'', read), _CHUNK)  # type: ignore[arg-type]
        _open(kind, head, stream, path, scan, budget, depth + 1, found)
        return
    windows = stream_windows(_Prefixed(head, read).read, WINDOW, MAX_CONTEXT)
    first = next(windows, None)
    if first is None:
        return
    second = next(windows, None)
    if second is None:  # read whole: UTF-16 text is decoded as in a file
        was = budget.edge()  # the scan this member's container came from: restored
        budget.set_edge(no_edge())
        try:
            found += scan(first[3], path, True)
        finally:
            budget.set_edge(was)
        return
    found += scan_stream_windows(  # it tells ``budget`` how each window stands
        first, chain((second,), windows), None,
        lambda data: scan(data, path, False), lambda data: scan(data, path, False),
        budget,
    )


# Containers whose own bytes hold text beside their compressed streams.
_WITH_TEXT = frozenset(('pdf', 'png'))


def _opened_and_as_is(
        kind: str, held: bytes, path: str, scan: Scan, budget: Budget, depth: int,
        found: list[Finding],
) -> None:
    """A member held whole (``held``) opened as a ``kind`` and scanned as
    its bytes are too; a key both show is reported once, where it opens."""
    opened: list[Finding] = []
    _open(kind, held[:_HEAD], io.BytesIO(held), path, scan, budget, depth + 1, opened)
    as_is: list[Finding] = []
    _member(held[:_HEAD], _Prefixed(held, _no_more, _HEAD).read, path, scan, budget, depth, as_is, plain=True)
    keys = {f.secret for f in opened}
    found += opened + [f for f in as_is if f.secret not in keys]


def _held_up_to(head: bytes, read: Callable[[int], bytes]) -> tuple[bytes, bytes]:
    """A member's bytes from ``head`` on, up to ``HELD``, and the first
    bytes read past that (empty: the member was read whole)."""
    parts = [head]
    size = len(head)
    while size <= HELD:
        more = read(_CHUNK)
        if not more:
            return b''.join(parts), b''
        size += len(more)
        parts.append(more)
    past = size - HELD  # only the last part is cut: the rest joined once, not copied again
    last = parts.pop()
    parts.append(last[:len(last) - past])
    return b''.join(parts), last[len(last) - past:]


def _no_more(n: int) -> bytes:
    return b''


def _held(head: bytes, read: Callable[[int], bytes], path: str) -> io.BytesIO:
    """A zip member or stream that is itself a zip, whole (its central
    directory is at its end): up to ``HELD`` bytes, written into one
    buffer as they are read (a list of chunks joined at the end held the
    member twice: a 64 MB zip inside a zip peaked at 149 MB)."""
    held = io.BytesIO()
    held.write(head)
    size = len(head)
    while True:
        more = read(_CHUNK)
        if not more:
            held.seek(0)
            return held
        size += len(more)
        if size > HELD:
            raise InputError(
                f'{path}: a zip inside a stream larger than {HELD >> 20} MB: not scanned whole',
            )
        held.write(more)


def _zip(
        stream: BinaryIO, head: bytes, path: str, scan: Scan, budget: Budget,
        depth: int, found: list[Finding],
) -> None:
    import zipfile

    if not stream.seekable():
        stream = _held(head, stream.read, path)
    # zipfile reads the whole central directory, and makes an object for
    # each entry: its size and count, from the end record, first.
    end = zipfile._EndRecData(stream)  # type: ignore[attr-defined]
    if end is not None and (
            end[zipfile._ECD_ENTRIES_TOTAL] > MEMBERS  # type: ignore[attr-defined]
            or end[zipfile._ECD_SIZE] > HELD  # type: ignore[attr-defined]
    ):
        raise InputError(
            f'{path}: a zip of more than {MEMBERS} members or a central directory '
            f'larger than {HELD >> 20} MB: not scanned whole',
        )
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
        _names(path, [info.filename for info in infos], scan, budget, found)
        shared = None  # an xlsx's shared strings, once read
        for info in infos:
            if info.flag_bits & 0x1:  # encrypted
                continue
            if info.is_dir() and not info.compress_size and not info.file_size:
                continue  # a folder (one named so that holds data is read)
            where = f'{path}!{info.filename}'
            if info.filename == _SHARED_STRINGS:
                # Held whole for the sheets' rows too: read (and charged) once.
                shared = _held_member(archive, info, budget, where)
                _member(shared[:_HEAD], _Prefixed(shared, _no_more, _HEAD).read, where, scan, budget, depth, found)
                continue
            with archive.open(info) as member:
                metered = _Metered(member.read, budget, where)
                _member(_read_head(metered.read), metered.read, where, scan, budget, depth, found)
        if shared is not None:
            _sheet_rows(archive, infos, shared, path, scan, budget, found)
    covered = {info.header_offset: info for info in infos}
    _locals(stream, covered, path, scan, budget, depth, found)


# A spreadsheet (xlsx) keeps each text cell's string in one list,
# ``xl/sharedStrings.xml``, and the cell in its sheet as the string's index
# (``<c t="s"><v>3</v></c>``): the list has no rows, so a name and its key
# are no neighbours there.  The sheets' rows are read with each index
# resolved (``_sheet_rows``) and scanned as tab-separated lines; a key
# found there is reported where its string is held.
_SHARED_STRINGS = 'xl/sharedStrings.xml'
_SHEET = regex_cache.compile(r'xl/worksheets/[^/]+\.xml\Z')
_SHARED_CELL = regex_cache.compile(rb'\bt="s"')
_V = regex_cache.compile(rb'<v>([^<]*)</v>')


def _elements(data: bytes, name: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Each ``<name attrs>inner</name>`` (or ``<name attrs/>``) in ``data``,
    in order, as (attrs, inner): one pass, each byte looked at a bounded
    number of times (a regex's lazy ``.*?`` would scan to the end again
    from each of a crafted sheet's unclosed ``<row>``); an element left
    open ends the reading (nothing after it can close)."""
    opener, closer = b'<' + name, b'</' + name + b'>'
    at = 0
    while True:
        start = data.find(opener, at)
        if start == -1:
            return
        after = start + len(opener)
        if data[after:after + 1] not in _TAG_END:  # another tag's name (``<cols>``)
            at = after
            continue
        end = data.find(b'>', after)
        if end == -1:
            return
        if data[end - 1:end] == b'/':
            yield data[after:end - 1], b''
            at = end + 1
            continue
        stop = data.find(closer, end + 1)
        if stop == -1:
            return
        yield data[after:end], data[end + 1:stop]
        at = stop + len(closer)


_TAG_END = frozenset((b' ', b'\t', b'\r', b'\n', b'>', b'/'))


def _text(data: bytes) -> bytes:
    """The ``<t>`` runs' text in ``data`` (a shared string, an inline cell)."""
    return b''.join(inner for _attrs, inner in _elements(data, b't'))


def _held_member(archive: Any, info: Any, budget: Budget, where: str) -> bytes:
    """A member's bytes whole, counted against the budget; past ``HELD``,
    InputError (its rows could not be read whole)."""
    with archive.open(info) as member:
        data = _Metered(member.read, budget, where).read(HELD + 1)
    if len(data) > HELD:
        raise InputError(f'{where}: a spreadsheet part larger than {HELD >> 20} MB: its rows are not read whole')
    return data


def _sheet_rows(
        archive: Any, infos: list[Any], shared: bytes, path: str, scan: Scan, budget: Budget,
        found: list[Finding],
) -> None:
    """Keys in an xlsx's rows, each shared-string cell read as its string
    (``shared``: the member, read once by ``_zip``; the note above): a
    name cell beside its value cell, a header's column name above it."""
    where = f'{path}!{_SHARED_STRINGS}'
    strings = [_text(inner) for _attrs, inner in _elements(shared, b'si')]
    lines: list[bytes] = []
    size = 0
    for info in infos:
        if not _SHEET.match(info.filename) or info.flag_bits & 0x1:  # encrypted: left unread
            continue
        sheet = _held_member(archive, info, budget, f'{path}!{info.filename}')
        for _row_attrs, row in _elements(sheet, b'row'):
            cells = []
            for attrs, inner in _elements(row, b'c'):
                value = _V.search(inner)
                if _SHARED_CELL.search(attrs):
                    index = int(value.group(1)) if value is not None and value.group(1).isdigit() else -1
                    cells.append(strings[index] if 0 <= index < len(strings) else b'')
                else:  # an inline string, a number
                    cells.append(_text(inner) or (value.group(1) if value else b''))
            line = b'\t'.join(cells)
            size += len(line) + 1
            if size > HELD:  # one long string shown in many cells
                raise InputError(f'{path}: a spreadsheet whose rows exceed {HELD >> 20} MB: not read whole')
            lines.append(line)
    if not lines:
        return
    had = {f.secret for f in found}
    for finding in scan(b'\n'.join(lines), where, False):
        if finding.secret in had:
            continue
        had.add(finding.secret)
        at = shared.find(finding.secret.encode())
        if at != -1:  # where the list holds it (an inline cell's: its row's line)
            finding.line = shared.count(b'\n', 0, at) + 1
            finding.column = at - shared.rfind(b'\n', 0, at)
        found.append(finding)


# A zip's local file header: signature, version, flags, method, time,
# date, CRC, compressed and uncompressed sizes, name and extra lengths.
# A local file header's fixed part (30 bytes); ``struct`` is imported where
# a zip is read: a scan forks after loading this module (engine.prepare).
_LOCAL = '<4s5H3I2H'
_LOCAL_SIZE = 30


def _locals(
        stream: BinaryIO, covered: dict[int, Any], path: str, scan: Scan,
        budget: Budget, depth: int, found: list[Finding], cut: list[bool] | None = None,
) -> None:
    """The local file headers, in order, as ``unzip`` may read them: an
    entry the central directory does not name (a zip after a zip), or
    names with another method or sizes, is decompressed as its local
    header says (stored or deflated; any other: InputError).  ``cut``
    given (a value cut short): an entry cut at the end is read as far as
    it goes, and noted there, instead of failing."""
    import struct

    names: list[str] = []
    seen = {(f.path, f.line, f.column, f.secret) for f in found}
    before = len(found)
    at = 0
    while True:
        at = _next_local(stream, at)
        if at < 0:
            break
        stream.seek(at)
        fixed = stream.read(_LOCAL_SIZE)
        if len(fixed) < _LOCAL_SIZE:
            if cut is not None:
                cut.append(True)
                break
            raise _Damaged(f'{path}: a zip local header cut short at {at}: not scanned whole')
        _sig, _version, flags, method, _time, _date, _crc, csize, usize, nlen, elen = struct.unpack(_LOCAL, fixed)
        raw_name = stream.read(nlen)
        extra = stream.read(elen)
        data_at = at + _LOCAL_SIZE + nlen + elen
        csize, usize = _zip64_sizes(extra, csize, usize)
        info = covered.get(at)
        if info is not None and info.compress_type == method and (
                flags & 0x8 or (info.compress_size, info.file_size) == (csize, usize)):
            at = data_at + info.compress_size  # read through the central directory
            continue
        sized = not flags & 0x8 or csize > 0
        if flags & 0x1:  # encrypted: left unread
            at = data_at + csize if sized else data_at
            continue
        name = raw_name.decode('utf-8' if flags & 0x800 else 'cp437', 'replace')
        names.append(name)
        if len(names) > MEMBERS:
            raise InputError(f'{path}: a zip of more than {MEMBERS} members: not scanned whole')
        at = _local_member(stream, data_at, method, csize if sized else None,
                           f'{path}!{name}', scan, budget, depth, found, cut)
    # An entry both read (the local header's sizes differ, its bytes do
    # not): its keys once.
    found[before:] = [f for f in found[before:] if (f.path, f.line, f.column, f.secret) not in seen]
    if names:
        _names(path, names, scan, budget, found)


def _next_local(stream: BinaryIO, at: int) -> int:
    """Where the next local header signature is, from ``at``, or -1."""
    keep = b''
    while True:
        stream.seek(at)
        chunk = stream.read(_CHUNK)
        if not chunk:
            return -1
        data = keep + chunk
        hit = data.find(b'PK\x03\x04')
        if hit >= 0:
            return at - len(keep) + hit
        keep = data[-3:]
        at += len(chunk)


def _zip64_sizes(extra: bytes, csize: int, usize: int) -> tuple[int, int]:
    """The sizes a zip64 extra field (0x0001) gives for the 0xFFFFFFFF ones."""
    import struct

    at = 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from('<HH', extra, at)
        if tag == 1:
            body = extra[at + 4:at + 4 + size]
            values = [struct.unpack_from('<Q', body, i)[0] for i in range(0, len(body) - 7, 8)]
            if usize == 0xFFFFFFFF and values:
                usize = values.pop(0)
            if csize == 0xFFFFFFFF and values:
                csize = values.pop(0)
            break
        at += 4 + size
    return csize, usize


def _local_member(
        stream: BinaryIO, at: int, method: int, csize: int | None, where: str,
        scan: Scan, budget: Budget, depth: int, found: list[Finding],
        cut: list[bool] | None = None,
) -> int:
    """Scan a zip entry from its local header's word (its data at ``at``):
    where its data ends.  Cut short: ``_Damaged``, or with ``cut`` given,
    read as far as it goes and noted there."""
    import zlib

    state = {'pos': at}

    def short(message: str) -> bytes:
        if cut is None:
            raise _Damaged(message)
        cut.append(True)
        return b''
    if method == 0 and csize is not None:
        end = at + csize

        def read(n: int) -> bytes:
            want = min(n, end - state['pos'])
            if want <= 0:
                return b''
            stream.seek(state['pos'])
            data = stream.read(want)
            if not data:
                return short(f'{where}: a zip entry cut short: not scanned whole')
            state['pos'] += len(data)
            return data
    elif method == 8:
        decoder = zlib.decompressobj(-15)

        def read(n: int) -> bytes:
            while not decoder.eof:
                data = decoder.unconsumed_tail
                if not data:
                    stream.seek(state['pos'])
                    data = stream.read(_CHUNK)
                    if not data:
                        return short(f'{where}: a deflated zip entry cut short: not scanned whole')
                    state['pos'] += len(data)
                out = decoder.decompress(data, n)
                if out:
                    return out
            return b''
    else:
        raise InputError(
            f'{where}: a zip entry outside its central directory, method {method}'
            f'{"" if csize is not None else " and no size"}: not scanned whole',
        )
    metered = _Metered(read, budget, where)
    _member(_read_head(metered.read), metered.read, where, scan, budget, depth, found)
    while metered.read(_CHUNK):  # to its end, where the next entry starts
        pass
    if method == 8:
        return state['pos'] - len(decoder.unused_data)
    return state['pos']


class _NotAHeader(Exception):
    """A tar block that is no header (``block``: its bytes)."""

    def __init__(self, block: bytes) -> None:
        self.block = block


class _Blocks:
    """A tar's stream, read in the whole blocks ``tarfile`` asks for
    (``bufsize`` one block): ``count`` bytes given, none held back; the
    data of a pax header, as it passes, kept in ``held`` (``tarfile``
    drops a record it cannot parse)."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self.count = 0
        self.keep = 0  # bytes still to keep
        self.held: list[bytes] = []
        self.ended = False  # the stream ended within a read (a tar cut short)
        self.since: list[bytes] | None = None  # what was read since ``mark``

    def mark(self) -> None:
        self.since = []

    def read(self, n: int) -> bytes:
        data = filled(self._read, b'', n)
        self.count += len(data)
        self.ended = self.ended or len(data) < n
        if self.since is not None:
            self.since.append(data)
        if self.keep > 0:
            self.held.append(data[:self.keep])
            self.keep -= len(data)
        return data

    def records(self, name: str = '', linkname: str = '') -> list[str]:
        """The pax records kept since the last call, less those that give
        ``name`` or ``linkname``, a member's name and link target."""
        data = b''.join(self.held).replace(b'\0', b'\n')
        self.held.clear()
        given = {f'path={name}', f'linkpath={linkname}'}
        out = []
        for record in data.decode('utf-8', 'surrogateescape').split('\n'):
            if record and record.partition(' ')[2] not in given:
                out.append(record)
        return out


def _tar(
        stream: BinaryIO, path: str, scan: Scan, budget: Budget, depth: int,
        found: list[Finding], cut: list[bool] | None = None,
) -> None:
    """Every member of a tar, and of the tars after it (``tar -i``: past
    the zero blocks that end one, another may start); what follows them
    that is no tar is a member of its own (``<after the tar>``).  A block
    that is no header before those zero blocks is a damaged tar.  A sparse
    member counts against the budget as it reads (its holes are
    decompressed bytes); names, link targets and pax header values are
    scanned as the container's ``<path name>``.  ``cut`` given (a value
    cut short): a tar whose stream ends early is read up to its end, the
    member it cuts as far as it goes, and noted there, instead of failing."""
    import tarfile

    blocks = _Blocks(stream.read)
    ended = [False]  # past the zero blocks that end a tar

    class Info(tarfile.TarInfo):
        @classmethod
        def fromtarfile(cls, archive: tarfile.TarFile) -> tarfile.TarInfo:
            try:
                return super().fromtarfile(archive)
            except tarfile.InvalidHeaderError:  # a pax header's records (``ignore_zeros`` would skip it)
                raise InputError(
                    f'{path}: a tar whose header at byte {archive.offset} is damaged: not scanned whole',
                ) from None

        @classmethod
        def frombuf(cls, buf: bytes, encoding: str, errors: str) -> tarfile.TarInfo:
            if not buf.strip(b'\0'):  # zeros, or the stream's end
                ended[0] = ended[0] or bool(buf)
                return super().frombuf(buf, encoding, errors)
            try:
                info = super().frombuf(buf, encoding, errors)
            except (tarfile.InvalidHeaderError, tarfile.TruncatedHeaderError):
                raise _NotAHeader(buf) from None
            ended[0] = False
            if info.type in _TAR_HELD:
                if info.size > TAR_HEADER:
                    raise InputError(
                        f'{path}: a tar header of more than {TAR_HEADER >> 20} MB: not scanned whole',
                    )
                if info.type not in (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK):  # pax: its records
                    blocks.keep = info.size
            return info

    names: list[str] = []
    extra: dict[str, None] = {}  # link targets and pax header values, once each
    size = 0
    archive = None
    after = None
    try:
        # Stream mode: members in order, never a seek back.
        archive = tarfile.open(
            fileobj=blocks, mode='r|', bufsize=tarfile.BLOCKSIZE,  # type: ignore[arg-type]
            ignore_zeros=True, tarinfo=Info,
        )
        with archive:
            for info in archive:
                names.append(info.name)
                if len(names) > MEMBERS:
                    raise InputError(f'{path}: a tar of more than {MEMBERS} members: not scanned whole')
                size += len(info.name)
                for line in (info.linkname, *blocks.records(info.name, info.linkname)):
                    if line and line not in extra:
                        extra[line] = None
                        size += len(line)
                if size > TAR_NAMES:
                    raise InputError(
                        f'{path}: a tar whose names and header values pass '
                        f'{TAR_NAMES >> 20} MB: not scanned whole',
                    )
                if not info.isfile():
                    continue
                member = archive.extractfile(info)
                if member is None:
                    continue
                # A tar stores its members as they are (a tar inside gzip
                # was metered as it came out of gzip), but a sparse one's
                # holes are made as it reads.
                where = f'{path}!{info.name}'
                read = _Metered(member.read, budget, where).read if info.issparse() else member.read
                if cut is not None:
                    read = _forgiving(read, blocks, cut)
                _member(_read_head(read), read, where, scan, budget, depth, found)
    except (_NotAHeader, tarfile.ReadError) as e:
        if cut is not None and blocks.ended:  # cut short: what came before it is read
            cut.append(True)
            _names(path, names + list(extra), scan, budget, found)
            return
        if not isinstance(e, _NotAHeader):
            raise
        at = blocks.count - len(e.block)
        if not ended[0] or archive is None or at != archive.offset:
            raise InputError(f'{path}: a tar whose header at byte {at} is damaged: not scanned whole') from None
        after = e.block
    extra.update(dict.fromkeys(blocks.records()))  # a pax header no member follows
    _names(path, names + list(extra), scan, budget, found)
    if after is not None:
        _member(after, blocks.read, f'{path}!<after the tar>', scan, budget, depth, found)


def _forgiving(read: Callable[[int], bytes], blocks: _Blocks, cut: list[bool]) -> Callable[[int], bytes]:
    """A tar member's ``read`` that, where the tar's stream ends within
    it, gives the bytes read for it before the end (``tarfile`` drops
    them), then b'', and notes the cut in ``cut``."""
    import tarfile

    def forgiving(n: int) -> bytes:
        if blocks.ended and cut:
            return b''
        blocks.mark()
        try:
            return read(n)
        except tarfile.ReadError:
            if not blocks.ended:
                raise
            cut.append(True)
            return b''.join(blocks.since or ())
        finally:
            blocks.since = None
    return forgiving


# pax (a member's, the global, Solaris') and GNU long-name headers
_TAR_HELD = (b'x', b'g', b'X', b'L', b'K')


def _names(path: str, names: list[str], scan: Scan, budget: Budget, found: list[Finding]) -> None:
    """The members' names, as a tree's are (``<path name>``, line = which;
    a tar's link targets and pax records after them): a tar.gz holds them
    compressed, and a name can hold a key.  Scanned whole, as a member
    read whole is (``_member``): not as the window its container is in."""
    from together_hooks.findings import PATH_NAME

    if names:
        data = '\n'.join(names).encode('utf-8', 'surrogateescape')
        was = budget.edge()
        budget.set_edge(no_edge())
        try:
            found += scan(data, f'{path}!{PATH_NAME}', False)
        finally:
            budget.set_edge(was)


_PDF_STREAM = regex_cache.compile(rb'(?<!end)stream\r?\n')
_PDF_IMAGE = regex_cache.compile(rb'/Subtype[ \t\r\n]*/Image\b')
_PDF_OBJECT = regex_cache.compile(rb'([0-9]+)[ \t\r\n]+[0-9]+[ \t\r\n]+obj\b')
# A stream whose zlib data is written as ASCII85 (``/Filter
# [/ASCII85Decode /FlateDecode]``, or their short names: Ghostscript's
# ``-dASCII85EncodePages``, PostScript-minded writers): its text runs to
# ASCII85's end mark ``~>``.
_PDF_A85_FLATE = regex_cache.compile(
    rb'/Filter[ \t\r\n]*\[[ \t\r\n]*/(?:ASCII85Decode|A85)[ \t\r\n]*/(?:FlateDecode|Fl)[ \t\r\n]*\]',
)


# A page's text as a reader extracts it (``pdf_text``): a content stream's
# tokens, a literal string's escapes, the operators that show text and
# those that move to another line.
_PDF_TOKEN = regex_cache.compile(
    rb'[ \t\r\n\f\x00]+|%[^\r\n]*|\(|<<|>>|<[0-9A-Fa-f \t\r\n]*>|\[|\]'
    rb'|[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)|/[^ \t\r\n\f\x00/\[\]()<>{}%]*|[^ \t\r\n\f\x00/\[\]()<>{}%]+|[\s\S]',
)
_PDF_STRING_STOP = regex_cache.compile(rb'[()\\]')
_PDF_OCTAL = regex_cache.compile(rb'[0-7]{1,3}')
_PDF_ESCAPES = {b'n': b'\n', b'r': b'\r', b't': b'\t', b'b': b'\b', b'f': b'\f'}
# Operators that start another line of text (``Td``/``TD`` only when they
# move down: ``0 -14 Td``; across a line, ``120 0 Td``, the text goes on).
_PDF_LINE_OPS = frozenset((b'T*', b'Tm', b'BT', b'ET', b"'", b'"'))
_PDF_SHOW_OPS = frozenset((b'Tj', b'TJ', b"'", b'"'))
# A ``TJ`` array's number this far or farther right (thousandths of a text
# space unit, negative) is a space between words, as pdftotext reads it;
# a kerning pair's few units join the pieces around it.
_PDF_WORD_GAP = -200
# The most bytes of a content stream read as text.
PDF_TEXT_HELD = 4 << 20


def _pdf_string(data: bytes, at: int) -> tuple[bytes, int]:
    """The literal string opening at ``at`` (its ``(``), unescaped, and
    where it ends: balanced parentheses are the string's own, ``\\ddd``
    an octal byte, a backslash before a line end joins the lines."""
    out = bytearray()
    depth = 1
    i = at + 1
    while True:
        m = _PDF_STRING_STOP.search(data, i)
        if m is None:
            out += data[i:]
            return bytes(out), len(data)
        out += data[i:m.start()]
        c = m.group()
        i = m.end()
        if c == b'\\':
            nxt = data[i:i + 1]
            octal = _PDF_OCTAL.match(data, i)
            if octal is not None:
                out.append(int(octal.group(), 8) & 0xff)
                i = octal.end()
            elif nxt in _PDF_ESCAPES:
                out += _PDF_ESCAPES[nxt]
                i += 1
            elif nxt == b'\r':
                i += 2 if data[i + 1:i + 2] == b'\n' else 1
            elif nxt == b'\n':
                i += 1
            else:
                out += nxt
                i += 1
        elif c == b'(':
            depth += 1
            out += c
        else:
            depth -= 1
            if depth == 0:
                return bytes(out), i
            out += c


def pdf_text(data: bytes) -> bytes | None:
    """A PDF content stream's text as a reader extracts it, or None when
    it shows none: each ``Tj`` string, and each ``TJ`` array's strings
    joined across the kerning numbers between them (pdfTeX, Word and
    LibreOffice cut a line's text there: ``[(TOGE)-15(THER_API_KEY=tg)-20(p_v1_…)] TJ``),
    a number of a word's gap a space; a move to another line a line
    break."""
    lines: list[bytes] = []
    line = bytearray()
    operands: list[bytes] = []
    array: list[bytes] | None = None
    shown = False
    i = 0
    while i < len(data):
        m = _PDF_TOKEN.match(data, i)
        assert m is not None  # the last alternative takes any byte
        token = m.group()
        i = m.end()
        first = token[:1]
        if first in b' \t\r\n\f\x00%' or token in (b'<<', b'>>'):
            continue
        if token == b'(':
            text, i = _pdf_string(data, m.start())
            (array if array is not None else operands).append(b'(' + text)
            continue
        if first == b'<':
            digits = bytes(token[1:-1].translate(None, b' \t\r\n'))
            text = bytes.fromhex((digits + b'0' * (len(digits) % 2)).decode('ascii'))
            (array if array is not None else operands).append(b'(' + text)
            continue
        if token == b'[':
            array = []
            continue
        if token == b']':
            if array is not None:
                joined = bytearray()
                for item in array:
                    if item[:1] == b'(':
                        joined += item[1:]
                    else:
                        try:
                            if float(item) <= _PDF_WORD_GAP:
                                joined += b' '
                        except ValueError:
                            pass
                operands.append(b'(' + bytes(joined))
            array = None
            continue
        if array is not None:
            array.append(token)
            continue
        if first in b'+-.0123456789' or first == b'/':
            operands.append(token)
            continue
        # an operator
        if token in _PDF_LINE_OPS or token in (b'Td', b'TD') and len(operands) >= 2 and _moves_down(operands[-1]):
            if line:
                lines.append(bytes(line))
                line = bytearray()
        if token in _PDF_SHOW_OPS:
            for item in operands:
                if item[:1] == b'(':
                    line += item[1:]
                    shown = True
        operands = []
    if line:
        lines.append(bytes(line))
    return b'\n'.join(lines) + b'\n' if shown else None


def _moves_down(number: bytes) -> bool:
    try:
        return float(number) != 0
    except ValueError:
        return True


class _Shown:
    """A member's ``read`` that keeps what it gives, up to
    ``PDF_TEXT_HELD`` (``over`` once past it): a content stream read for
    its bytes, then for its text (``pdf_text``)."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self.held = bytearray()
        self.over = False

    def read(self, n: int) -> bytes:
        data = self._read(n)
        if not self.over:
            if len(self.held) + len(data) > PDF_TEXT_HELD:
                self.over = True
                self.held = bytearray()
            else:
                self.held += data
        return data


def _pdf_shown_text(shown: _Shown, where: str, scan: Scan, found: list[Finding]) -> None:
    """Keys in the text a content stream shows (``pdf_text``) that its
    bytes did not show: a ``TJ`` array's pieces joined.  A key its bytes
    show whole is reported once, where they hold it."""
    if shown.over or b'T' not in shown.held:
        return
    data = bytes(shown.held)
    if b'TJ' not in data and b'Tj' not in data:
        return
    text = pdf_text(data)
    if text is None:
        return
    have = {f.secret for f in found if f.path == where}
    found += [f for f in scan(text, where, True) if f.secret not in have]


def _pdf(
        stream: BinaryIO, path: str, scan: Scan, budget: Budget, depth: int,
        found: list[Finding],
) -> None:
    """Each zlib (``/FlateDecode``) stream of a PDF, decompressed as the
    file streams by: a page's text (``(...) Tj``), an object stream's
    strings, an embedded file; named by its object (``report.pdf!obj 12``).
    Read as a viewer reads them: a stream that is no zlib data (a JPEG)
    is passed over, one that stops decoding is scanned as far as it
    decodes (the file's own bytes are scanned too); an image's pixels are
    not read (a scanned document's pages would spend the budget)."""
    import zlib

    buf = b''
    ended = False
    while True:
        m = _PDF_STREAM.search(buf)
        if m is None or len(buf) < m.end() + 2:
            if ended:
                return
            more = stream.read(_CHUNK)
            if not more:
                ended = True
            buf = (buf if m is not None else buf[-1024:]) + more
            continue
        start = m.end()
        cmf, flg = buf[start], buf[start + 1]
        if cmf & 0x0f != 8 or (cmf << 8 | flg) % 31:  # no zlib header
            named = list(_PDF_OBJECT.finditer(buf, max(0, m.start() - 1024), m.start()))
            head = named[-1].end() if named else max(0, m.start() - 1024)
            if _PDF_A85_FLATE.search(buf, head, m.start()) and not _PDF_IMAGE.search(buf, head, m.start()):
                buf, ended = _pdf_a85(buf, start, stream, ended, named, path, m.start(), scan, budget, depth, found)
            else:
                buf = buf[start:]
            continue
        named = list(_PDF_OBJECT.finditer(buf, max(0, m.start() - 1024), m.start()))
        if _PDF_IMAGE.search(buf, named[-1].end() if named else max(0, m.start() - 1024), m.start()):
            buf = buf[start:]  # pixels: a scan's pages would spend the budget on them
            continue
        where = f'{path}!obj {int(named[-1].group(1))}' if named else f'{path}!stream at {m.start()}'
        # A stream that stops decoding, or never ends, is read again from
        # its start as the file's own bytes: the streams after it are
        # searched for there (a seek back, or what was fed, held up to HELD).
        rewind = stream.tell() - len(buf) + start if stream.seekable() else None
        fed: list[bytes] = [buf[start:]]
        state: dict[str, Any] = {'pending': buf[start:], 'left': b'', 'damaged': False, 'fed': len(buf) - start}
        decoders = [zlib.decompressobj()]  # none left: the stream stopped decoding

        def read(
                n: int, decoders: list[Any] = decoders, state: dict[str, Any] = state,
                fed: list[bytes] = fed, rewind: int | None = rewind,
        ) -> bytes:
            while decoders and not decoders[0].eof:
                decoder = decoders[0]
                if decoder.unconsumed_tail:
                    data = decoder.unconsumed_tail
                elif state['pending']:
                    data, state['pending'] = state['pending'], b''
                else:
                    data = stream.read(_CHUNK)
                    if not data:  # no end: the rest is searched again
                        decoders.clear()
                        state['damaged'] = True
                        return b''
                    if rewind is None:
                        state['fed'] += len(data)
                        if state['fed'] <= HELD:
                            fed.append(data)
                before = decoder.copy()
                try:
                    out = decoder.decompress(data, n)
                except zlib.error:  # what decodes before the damage, and no more
                    decoders.clear()
                    state['damaged'] = True
                    return _decodable(before, data, n)
                if decoder.eof:
                    state['left'] = decoder.unused_data + state['pending']
                if out:
                    return out
            return b''

        metered = _Metered(read, budget, where)
        shown = _Shown(metered.read)
        _member(_read_head(shown.read), shown.read, where, scan, budget, depth, found)
        _pdf_shown_text(shown, where, scan, found)
        if not state['damaged']:
            buf = state['left']
        elif rewind is not None:
            stream.seek(rewind)
            buf, ended = b'', False
        elif state['fed'] > HELD:
            raise InputError(
                f'{where}: a damaged PDF stream larger than {HELD >> 20} MB: not scanned whole',
            )
        else:
            buf = b''.join(fed)


def _pdf_a85(
        buf: bytes, start: int, stream: BinaryIO, ended: bool, named: list[re.Match[bytes]],
        path: str, at: int, scan: Scan, budget: Budget, depth: int, found: list[Finding],
) -> tuple[bytes, bool]:
    """The ASCII85 stream at ``start`` of ``buf`` (``_PDF_A85_FLATE``),
    decoded as it streams, up to ASCII85's end mark ``~>``, and inflated
    as a zlib stream is, scanned as a member (``report.pdf!obj 4``);
    what is left of the file's bytes, and whether it has ended.  Read as
    a viewer reads it: what decodes before damage (a character outside
    ASCII85, zlib data that stops) is scanned, and no more; memory is a
    chunk of text and what ``_Metered`` holds, whatever its length."""
    from base64 import a85decode

    state: dict[str, Any] = {'raw': buf[start:], 'carry': b'', 'done': False, 'ended': ended}

    def text() -> bytes:
        """The next decoded bytes (b'' at the end mark, the file's end or
        damage)."""
        while not state['done']:
            raw = state['raw']
            if not raw:
                if state['ended']:
                    state['done'] = True
                    break
                raw = stream.read(_CHUNK)
                state['ended'] = not raw
            mark = (state['carry'][-1:] + raw).find(b'~>')
            if mark != -1:
                cut = mark - len(state['carry'][-1:])
                piece, state['raw'], state['done'] = raw[:max(cut, 0)], raw[max(cut, 0) + 2:], True
            else:
                piece, state['raw'] = raw, b''
            chars = state['carry'] + piece.translate(None, b' \t\r\n\x0b\x0c')
            if state['done']:
                whole, state['carry'] = chars, b''
            else:
                # Whole groups only: five characters, or a ``z`` (four zeros).
                z = chars.rfind(b'z') + 1
                whole_end = z + (len(chars) - z) // 5 * 5
                whole, state['carry'] = chars[:whole_end], chars[whole_end:]
            try:
                out = a85decode(whole, adobe=False)
            except ValueError:
                state['done'] = True
                break
            if out:
                return out
        return b''

    where = f'{path}!obj {int(named[-1].group(1))}' if named else f'{path}!stream at {at}'
    metered = _Metered(_inflating(text), budget, where)
    _member(_read_head(metered.read), metered.read, where, scan, budget, depth, found)
    return state['raw'], state['ended']


def _inflating(more: Callable[[], bytes]) -> Callable[[int], bytes]:
    """``read(n)`` of the zlib stream whose compressed bytes ``more()``
    gives piece by piece (``b''`` at their end): at most ``n`` bytes a
    call, ``b''`` at the stream's end, and what decodes before damage,
    no more (a PDF's ASCII85 page, a PNG's text chunk)."""
    import zlib

    decoder = zlib.decompressobj()

    def read(n: int) -> bytes:
        while not decoder.eof:
            chunk = decoder.unconsumed_tail or more()
            if not chunk:
                return b''
            try:
                out = decoder.decompress(chunk, n)
            except zlib.error:  # what decodes before the damage, and no more
                return b''
            if out:
                return out
        return b''

    return read


# A PNG text chunk's labels before its text (a keyword of at most 79
# bytes; an ``iTXt``'s language tag and translated keyword): held up to
# this much, a chunk with longer ones fails closed.
_PNG_LABELS = 1 << 16


def _png(
        stream: BinaryIO, path: str, scan: Scan, budget: Budget, depth: int,
        found: list[Finding],
) -> None:
    """Each text chunk of a PNG (``tEXt``, ``zTXt``, ``iTXt``: what PIL,
    ComfyUI or a screenshot tool wrote into it), inflated as it streams
    when compressed, and scanned as a member is within the chunk's length
    (in the file's bytes its CRC follows the text: ``prefilter.
    PNG_TEXT_CHUNKS``), named by its place among the chunks (``shot.png!
    zTXt 2``: never by its keyword, which is the file's text).  Read as a
    viewer reads them: a stream that stops decoding is scanned as far as
    it decodes, a file cut short up to its end; the pixels (``IDAT``) and
    every other chunk are passed over.  The file's own bytes are scanned
    too; a key both show is reported at its chunk."""
    import struct

    filled(stream.read, b'', 8)  # the signature
    index = 0
    while True:
        header = filled(stream.read, b'', 8)
        if len(header) < 8:
            return
        size, kind = struct.unpack('>I4s', header)
        index += 1
        left = [size + 4]  # the chunk's data and its CRC
        if kind in PNG_TEXT_CHUNKS:
            labels = filled(stream.read, b'', min(size, _PNG_LABELS))
            left[0] -= len(labels)
            start, compressed = _png_text_start(kind, labels)
            if start is None and len(labels) == _PNG_LABELS:
                raise InputError(
                    f'{path}: a PNG text chunk with labels longer than {_PNG_LABELS >> 10} KB: '
                    'not scanned whole',
                )
            if start is not None and start != -1:
                where = f'{path}!{kind.decode()} {index}'
                pending = [labels[start:]]

                def more(pending: list[bytes] = pending, left: list[int] = left) -> bytes:
                    if pending[0]:  # the stream's start, read with the labels
                        data, pending[0] = pending[0], b''
                        return data
                    data = stream.read(min(_CHUNK, max(0, left[0] - 4)))
                    left[0] -= len(data)
                    return data

                # Compressed text spends the file's budget as it inflates;
                # plain text is the file's own bytes, read within the
                # chunk's length (a 300 MB ``tEXt`` is no bomb).
                text = _Metered(_inflating(more), budget, where).read if compressed else _chunk_text(more)
                # The keyword before the text, NUL between them as in a
                # ``tEXt`` chunk: the name a value so labelled stands
                # under (``together_api_key`` over a legacy key alone).
                read = _Prefixed(labels[:labels.find(b'\0') + 1], text, 0).read
                _member(_read_head(read), read, where, scan, budget, depth, found)
        while left[0] > 0:  # passed over (a text chunk: what follows its stream)
            skipped = stream.read(min(_CHUNK, left[0]))
            if not skipped:
                return
            left[0] -= len(skipped)


def _png_text_start(kind: bytes, labels: bytes) -> tuple[int | None, bool]:
    """Where a text chunk's text starts in its data (``labels``: its
    first bytes), and whether zlib compressed it: -1 when it holds none
    read here (a method other than zlib's), None when its labels do not
    end within ``labels``.  A ``tEXt`` with no keyword's NUL is text
    from its start."""
    end = labels.find(b'\0')  # the keyword's
    if kind == b'tEXt':
        return end + 1, False
    if end == -1:
        return None, False
    if kind == b'zTXt':
        return (end + 2, True) if labels[end + 1:end + 2] == b'\0' else (-1, False)
    if len(labels) < end + 3:
        return None, False
    flag = labels[end + 1:end + 2]
    if flag != b'\0' and labels[end + 1:end + 3] != b'\1\0':  # compressed, by zlib
        return -1, False
    lang = labels.find(b'\0', end + 3)
    translated = labels.find(b'\0', lang + 1) if lang != -1 else -1
    if translated == -1 and flag == b'\0':
        # Plain text whose language labels do not end (in its first 64 KB,
        # or at all): the chunk's data past its flags is read as text, as
        # the file's bytes hold it, never refused or passed over.
        return end + 3, False
    return (translated + 1 if translated != -1 else None), flag != b'\0'


def _chunk_text(more: Callable[[], bytes]) -> Callable[[int], bytes]:
    """``read(n)`` of an uncompressed chunk's text, which ``more()`` gives
    piece by piece (``b''`` at its end)."""
    held = [b'']

    def read(n: int) -> bytes:
        if not held[0]:
            held[0] = more()
        out, held[0] = held[0][:n], held[0][n:]
        return out
    return read


def _decodable(decoder: Any, data: bytes, n: int) -> bytes:
    """What ``decoder`` gives for the longest start of ``data`` it decodes
    (up to ``n`` bytes): a damaged stream read as far as it goes."""
    import zlib

    lo, hi, out = 0, len(data), b''
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            got = decoder.copy().decompress(data[:mid], n)
        except zlib.error:
            hi = mid - 1
        else:
            lo, out = mid, got
    return out


class WindowStream(_Reader):
    """The bytes of a large file read in windows (``fileio.read_windows``,
    ``stream_windows``) as one stream, for a decompressor: each window is
    handed to ``each`` (the raw scan) as its region is read; ``rest``
    hands over the windows not read."""

    def __init__(
            self, windows: Iterator[Window], each: Callable[[Window], None],
    ) -> None:
        self._windows = windows
        self._each = each
        self._left = b''

    def _take(self, n: int) -> bytes:
        while not self._left:
            window = next(self._windows, None)
            if window is None:
                return b''
            self._each(window)
            base, lo, hi, data = window
            self._left = data[lo - base:hi - base]
        out, self._left = self._left[:n], self._left[n:]
        return out

    def rest(self) -> None:
        for window in self._windows:
            self._each(window)
