"""Text stored two or four bytes a character (UTF-16, UTF-32), read as
UTF-8 so the rules see ASCII keys without the NUL bytes between them.

Windows editors and PowerShell redirects (``>``, ``Out-File``) write
UTF-16, often with a byte-order mark, sometimes without; ``echo >>`` from
cmd appends single bytes to such a file.  The encoding is taken from the
BOM, else from where the NUL bytes fall in the first few KB (ASCII in
UTF-16LE has a NUL at every odd offset); a stray byte at the end, or an
odd one inside, never stops the rest from being read.
"""
from __future__ import annotations

from together_hooks.fileio import stream_windows

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Callable
    from typing import Iterable
    from typing import Iterator

    Window = tuple[int, int, int, bytes]

# (BOM, codec, bytes per character); UTF-32's BOMs first: FF FE 00 00
# starts with UTF-16LE's.
_BOMS = (
    (b'\xff\xfe\x00\x00', 'utf-32-le', 4), (b'\x00\x00\xfe\xff', 'utf-32-be', 4),
    (b'\xff\xfe', 'utf-16-le', 2), (b'\xfe\xff', 'utf-16-be', 2),
)
_SAMPLE = 4096
# Share of NUL bytes at a character's high positions (and at most at its
# low one) for the layout to count as wide text.
_HIGH, _LOW = 0.7, 0.3


def layout(data: bytes) -> tuple[int, str, int] | None:
    """(where text starts, codec, width) of wide text, or None (from its
    first few KB: a window's head is enough)."""
    for bom, codec, width in _BOMS:
        if data.startswith(bom):
            return len(bom), codec, width
    sample = data[:_SAMPLE]
    if b'\0' not in sample or len(sample) < 8:
        return None
    n = len(sample) // 4 * 4
    by4 = [sample[i:n:4].count(0) / (n // 4) for i in range(4)]
    if min(by4[1:]) >= _HIGH and by4[0] <= _LOW:
        return 0, 'utf-32-le', 4
    if min(by4[:3]) >= _HIGH and by4[3] <= _LOW:
        return 0, 'utf-32-be', 4
    even, odd = (by4[0] + by4[2]) / 2, (by4[1] + by4[3]) / 2
    if odd >= _HIGH and even <= _LOW:
        return 0, 'utf-16-le', 2
    if even >= _HIGH and odd <= _LOW:
        return 0, 'utf-16-be', 2
    return None


def decode_wide(data: bytes) -> bytes | None:
    """``data`` as UTF-8 when it is UTF-16/UTF-32 text, else None.

    Bytes that do not decode become U+FFFD (a separator to the rules); a
    trailing part of a character is dropped (the caller still scans the
    raw bytes, where appended ASCII survives).
    """
    guess = layout(data)
    if guess is None:
        return None
    start, codec, width = guess
    end = len(data) - (len(data) - start) % width
    return data[start:end].decode(codec, 'replace').encode('utf-8')


def held_as_text(data: bytes, offset: int, grid: int, codec: str, width: int) -> bool:
    """Whether byte ``offset`` of ``data`` is an ASCII character of wide
    text read on its character grid (``grid``: an offset in ``data`` where
    a character starts; ``codec``, ``width``: the text's, ``layout``).
    A key the raw bytes show there (its wide string, in any encoding:
    base64 too) is the decoded text's, judged there (its pragma, its
    context); one at an ASCII byte (a line appended by cmd's ``echo >>``)
    or off the grid is the raw bytes' own.  Its first two characters are
    looked at: a key of ASCII bytes glued to a wide character's zero byte
    (``\\xfe\\xff\\x00tgp_v1_...``) has its first byte on the grid, its
    second not."""
    for char in (offset, offset + width):
        at = char - (char - grid) % width
        if not (0 <= char < len(data) and data[at:at + width] == chr(data[char]).encode(codec)):
            return False
    return True


def decoded_windows(
        raw: Iterable[Window], guess: tuple[int, str, int], size: int | None,
        step: int, overlap: int, each: Callable[[Window], None],
) -> Iterator[Window]:
    """The text of wide text read in windows (``raw``, which tile its
    ``size`` bytes), as UTF-8 in windows of its own: the bytes
    ``decode_wide`` gives for the whole, ``step`` at a time.  ``each`` is
    called with every raw window as it is used (the raw bytes are scanned
    too).  One incremental decoder reads the regions in turn, so a
    character cut by a window's edge decodes as it does whole."""
    import codecs

    start, codec, width = guess
    # A trailing part of a character is dropped (its size not known: decoded
    # as U+FFFD at the end).
    end = size - (size - start) % width if size is not None else None
    decoder = codecs.getincrementaldecoder(codec)('replace')
    windows = iter(raw)
    text = b''
    ended = False

    def read(n: int) -> bytes:
        nonlocal text, ended
        while len(text) < n and not ended:
            window = next(windows, None)
            if window is None:
                text += decoder.decode(b'', final=True).encode('utf-8')
                ended = True
                break
            each(window)
            base, lo, hi, data = window
            a, b = max(lo, start), hi if end is None else min(hi, end)
            if a < b:
                text += decoder.decode(data[a - base:b - base]).encode('utf-8')
        out, text = text[:n], text[n:]
        return out

    return stream_windows(read, step, overlap)


# --- wide strings among other bytes --------------------------------------
#
# A binary holds text two or four bytes a character in places: a .NET
# assembly's user strings (``#US``), a Windows resource's string table, a
# process's environment block in a minidump or core file, the registry.
# ``strings -el`` / ``-eb`` read them as runs of printable ASCII each
# paired with NUL bytes; so does ``runs_view``, for the rules to read as a
# text file is read.

# (codec, width, where the character sits in its bytes, a run's pattern):
# 4 characters or more, as ``strings`` reads them by default.
_PRINT = rb'[\t\n\r\x20-\x7e]'
_RUNS = (
    ('utf-16-le', 2, 0, _PRINT + rb'\x00'),
    ('utf-16-be', 2, 1, rb'\x00' + _PRINT),
    ('utf-32-le', 4, 0, _PRINT + rb'\x00\x00\x00'),
    ('utf-32-be', 4, 3, rb'\x00\x00\x00' + _PRINT),
)
_SHORTEST = 4


def run_regexes() -> list[re.Pattern[bytes]]:
    """Each reading's run (``_RUNS``), compiled once a process (also by
    ``engine.prepare``, before a scan forks)."""
    from together_hooks.regex_cache import cached

    # One unit ahead of the repeat (the same matches as ``(?:unit){4,}``):
    # a pattern that starts with a byte or a class is searched by ``re``'s
    # prefix scan, which skips the bytes that cannot start a run without
    # entering the repeat at each (1.5-4x less CPU over a binary).
    return [
        cached(rb'%s(?:%s){%d,}' % (unit, unit, _SHORTEST - 1)) for _codec, _width, _at, unit in _RUNS
    ]


def wide_forms(keywords: Iterable[bytes]) -> tuple[bytes, ...]:
    """The forms ``keywords`` take in UTF-16 and UTF-32, either byte
    order: each character with its NULs between (``t\\0g\\0p`` is in
    both UTF-16LE's ``t\\0g\\0p\\0`` and UTF-16BE's ``\\0t\\0g\\0p``)."""
    return tuple(
        sep.join(keyword[i:i + 1] for i in range(len(keyword)))
        for keyword in keywords for sep in (b'\0', b'\0\0\0')
    )


# A form never holds four NULs in a row and starts and ends with a
# keyword's character, so it lies whole between runs of this many NULs.
_NULS = bytes(256)


def holds_wide(data: bytes, forms: tuple[bytes, ...]) -> bool:
    """Whether ``data`` holds one of ``forms`` (``wide_forms``), searched
    for between runs of NULs only: ``bytes.find`` steps one byte at a time
    over a NUL run for a form with NULs in it (a sparse file's hole, a
    bomb's zeros: 4 MB took 0.23 CPU-s for the ten forms, 0.005 skipped)."""
    start, end = 0, len(data)
    while start < end:
        run = data.find(_NULS, start)
        if run == -1:
            run = end
        if run > start and any(data.find(form, start, run) != -1 for form in forms):
            return True
        start = run + len(_NULS)
        while data.startswith(_NULS, start):
            start += len(_NULS)
    return False


class RunsView:
    """The wide strings of a binary (``runs_view``) as text; ``origin``
    maps an offset in it to its character's byte in the binary."""

    __slots__ = ('data', 'encoding', '_starts', '_sources', '_widths')

    def __init__(self, data: bytes, starts: list[int], sources: list[int], widths: list[int]) -> None:
        self.data = data
        self.encoding = 'raw'
        self._starts = starts
        self._sources = sources
        self._widths = widths

    def origin(self, offset: int) -> int:
        from bisect import bisect_right

        i = max(0, bisect_right(self._starts, offset) - 1)
        return self._sources[i] + (offset - self._starts[i]) * self._widths[i]


def _runs(data: bytes) -> list[tuple[int, int, int, int]]:
    """(start, end, width, where the character sits) of every wide run in
    ``data``, in order.  Text of one byte order is text of the other
    read a byte off, the same characters at the same bytes but for one
    at either end: the byte order's reading may lose the first (``A`` in
    UTF-16LE ``A\0t\0g\0...``, no NUL before it) and the other gain a
    stray last one.  A run and a run of the other order over the same
    characters are read as one, from the first character either shows to
    the last: a key is a key only when neither reading shows a key
    character touching it (``A`` + a key in UTF-16LE is no key, whichever
    order its bytes are read in)."""
    # (first character's byte, last one's, width) of each reading.
    spans = sorted(
        (m.start() + at, m.end() - width + at, width)
        for (_codec, width, at, _unit), run in zip(_RUNS, run_regexes())
        for m in run.finditer(data)
    )
    merged: list[list[int]] = []
    for first, last, width in spans:
        # The latest run of this width over characters of these bytes
        # (its characters on the same bytes modulo the width).
        for run in reversed(merged[-4:]):
            if run[2] == width and run[0] % width == first % width and first <= run[1]:
                run[1] = max(run[1], last)
                break
        else:
            merged.append([first, last, width])
    return [(first, last + 1, width, 0) for first, last, width in merged]


def runs_view(data: bytes, keywords: tuple[bytes, ...], reach: int) -> RunsView | None:
    """The wide strings of ``data`` as lines of text, where one of
    ``keywords`` is: runs less than ``reach`` bytes apart form a group
    (a name and its value in two strings, an environment block's
    ``NAME=value`` entries), a line each; a group holding no keyword is
    left out (no key there: a key's prefix or a Together name is a
    keyword), and groups are ``reach`` blank lines apart, as far as a
    rule looks for context.  The text is at most ``data``'s size and a
    ``reach`` more."""
    runs = _runs(data)
    if not runs:
        return None
    groups: list[list[tuple[int, int, int, int]]] = []
    end = 0
    for run in runs:
        if groups and run[0] - end < reach:
            groups[-1].append(run)
        else:
            groups.append([run])
        end = max(end, run[1])
    out = bytearray()
    starts: list[int] = []
    sources: list[int] = []
    widths: list[int] = []
    for group in groups:
        texts = [data[start + at:end:width] for start, end, width, at in group]
        if not any(k in text for text in texts for k in keywords):
            continue
        if out:
            out += b'\n' * reach
        for (start, _end, width, at), text in zip(group, texts):
            starts.append(len(out))
            sources.append(start + at)
            widths.append(width)
            out += text + b'\n'
    if not out:
        return None
    return RunsView(bytes(out), starts, sources, widths)
