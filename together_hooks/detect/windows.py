"""A large file scanned in windows, with what a whole read finds.

Memory is bounded by the window, not the file: ``fileio.read_windows``
tiles the file into regions and gives each with ``rules.MAX_CONTEXT``
bytes on both sides, the farthest the engine looks from a key for what
decides it (context lines, a rule's keyword window, pragmas on the line
above).  Each window is scanned whole; a finding counts in the window
whose region holds it, at its line and column in the file.
``tests/detect/windows_test.py`` holds this equal to a whole read.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable

    from typing import Iterator

    from together_hooks.detect.budget import Budget
    from together_hooks.findings import Finding

    Window = tuple[int, int, int, bytes]

from together_hooks import fileio

WINDOW = fileio.WINDOW  # the pipeline's window size


def scan_windows(
        windows: Iterable[tuple[int, int, int, bytes]],
        scan: Callable[[bytes], list[Finding]], budget: Budget | None = None,
) -> list[Finding]:
    """The findings of ``scan`` over each window, kept where its region
    holds them, with file lines and columns (``WindowScan``)."""
    scanned = WindowScan(scan, budget)
    for window in windows:
        scanned.add(window)
    return scanned.found


def scan_stream_windows(
        first: Window, windows: Iterator[Window], size: int | None,
        scan_raw: Callable[[bytes], list[Finding]],
        scan_text: Callable[[bytes], list[Finding]], budget: Budget | None = None,
) -> list[Finding]:
    """The findings of a stream too large to read whole (a large file, a
    large container member), read in windows (``first``, then
    ``windows``; ``size`` bytes in all, None when not known).  Wide text
    (UTF-16/32, told by the first window's head) is decoded as it is read
    and scanned in windows of its own (``scan_text``), and its raw bytes
    as well (``scan_raw``), merged as ``Scanner.scan_data`` merges them
    for a whole read: the one home of that logic.  ``budget``: the file's,
    told how each window stands (``WindowScan``)."""
    from itertools import chain

    raw = WindowScan(scan_raw, budget)
    guess = wide_layout(first[3])
    if guess is None:
        raw.add(first)
        for window in windows:
            raw.add(window)
        return raw.found
    from together_hooks.detect.widetext import decoded_windows
    from together_hooks.rules import MAX_CONTEXT

    base = 0  # where the raw window being scanned starts in the file

    def scan_wide_raw(data: bytes) -> list[Finding]:
        return raw_past_text(data, scan_raw(data), guess, guess[0] - base)

    def add_raw(window: Window) -> None:
        nonlocal base
        base = window[0]
        raw.add(window)

    raw.scan = scan_wide_raw
    text = WindowScan(scan_text, budget)
    rest = chain((first,), windows)
    for window in decoded_windows(rest, guess, size, WINDOW, MAX_CONTEXT, add_raw):
        text.add(window)
    for window in rest:  # never left unscanned
        add_raw(window)
    return merge_wide(text.found, raw.found)


def raw_past_text(
        data: bytes, found: list[Finding], guess: tuple[int, str, int], grid: int,
) -> list[Finding]:
    """``found`` in the raw bytes of wide text (``data``: the whole, or a
    window whose characters start at ``grid``, modulo their width) less
    the keys found in the decoded text's own characters: those were
    judged in the text (``widetext.held_as_text``), where a pragma beside
    a key is read; its raw wide string is the same text again.  The one rule for
    a whole read (``engine.scan_bytes``) and a read in windows: it looks
    at a key's own bytes only, which every window holding the key has."""
    from together_hooks.detect.ownkeys import OWN_KEY_RULE
    from together_hooks.detect.widetext import held_as_text

    _start, codec, width = guess
    return [
        f for f, offset in _offsets(data, found)
        if f.rule == OWN_KEY_RULE or not held_as_text(data, offset, grid, codec, width)
    ]


def wide_layout(head: bytes) -> tuple[int, str, int] | None:
    """How the engine would read a stream starting with ``head`` as
    UTF-16/32 text (``widetext.layout``), or None; binary NULs (a sparse
    file) are not wide text."""
    from together_hooks.detect.prefilter import may_be_wide

    if not may_be_wide(head):
        return None
    from together_hooks.detect.widetext import layout

    return layout(head)


def merge_wide(text: list[Finding], raw: list[Finding]) -> list[Finding]:
    """The findings of wide text's decoded windows and of its raw bytes,
    kept as ``Scanner.scan_data`` keeps them for a whole read: a raw
    finding only for a key the text did not show (ASCII appended to UTF-16
    by cmd's ``echo >>``), an own key unless already found on its line."""
    from together_hooks.detect.ownkeys import OWN_KEY_RULE

    secrets = {f.secret for f in text}
    lines = {(f.line, f.hashed_secret) for f in text}
    return text + [
        f for f in raw
        if ((f.line, f.hashed_secret) not in lines if f.rule == OWN_KEY_RULE
            else f.secret not in secrets)
    ]


class WindowScan:
    """``scan_windows`` fed one window at a time (``add``), in order.
    ``budget``: the file's, told how each window stands while it is
    scanned (``Budget.open_end``, ``lead``), the base64 values of
    containers and binary patch hunks the window before left to it
    (``handed``: they run to its end and start in this one's bytes,
    ``engine._window_edge``) and the findings of those (``carried``),
    kept though not in its region.  One key found at one place (its line)
    by two windows is one finding, as in a whole read (the first in the
    line kept)."""

    __slots__ = ('scan', 'budget', 'found', '_newlines', '_last_newline', '_deferred', '_at', '_head', '_probe')

    def __init__(self, scan: Callable[[bytes], list[Finding]], budget: Budget | None = None) -> None:
        self.scan = scan
        self.budget = budget
        self.found: list[Finding] = []
        self._newlines = 0  # in the file before the current region
        self._last_newline = -1  # where the last of them is
        self._deferred: dict[int, tuple[bool, int, int] | None] = {}  # file offsets: to the next window
        self._at: dict[tuple[int, str], int] = {}  # (line, secret): its index in ``found``
        self._head = b''  # the file's first lines, from its first window
        self._probe = b''  # and its first bytes: binary or not is the file's word

    def add(self, window: tuple[int, int, int, bytes]) -> None:
        base, lo, hi, data = window
        head = data.count(b'\n', 0, lo - base)
        lines_before = self._newlines - head  # in the file before ``base``
        carried: list[int] = []
        budget = self.budget
        if budget is None:
            found = self.scan(data)
        else:  # a member's windows inside this one set their own: restored
            handed = {at - base: how for at, how in self._deferred.items()}
            if any(not 0 <= at < len(data) for at in handed):
                from together_hooks.errors import InputError

                raise InputError(
                    f'{budget.path}: a value left to the next window of a large file is not in it '
                    '(the file changed while read?): not scanned whole',
                )
            deferred: dict[int, tuple[bool, int, int] | None] = {}
            was, probe = budget.edge(), budget.probe
            if base == 0:
                from together_hooks.detect.budget import BINARY_PROBE
                from together_hooks.detect.csvrow import first_line

                self._head = first_line(data)
                self._probe = data[:BINARY_PROBE]
            budget.set_edge((base + len(data) > hi, lo - base, carried, handed, deferred, self._head))
            budget.probe = self._probe
            try:
                found = self.scan(data)
            finally:
                budget.set_edge(was)
                budget.probe = probe
            self._deferred = {base + at: how for at, how in deferred.items()}
        for f, offset in _offsets(data, found):
            if lo <= base + offset < hi or offset in carried:
                if f.line == 1:  # its line starts before this window
                    f.column += base - (self._last_newline + 1)
                f.line += lines_before
                self._keep(f)
        region = data[lo - base:hi - base]
        count = region.count(b'\n')
        if count:
            self._newlines += count
            self._last_newline = lo + region.rfind(b'\n')

    def _keep(self, f: Finding) -> None:
        """``f``, unless its key is found on its line already: the first
        in the line of the two kept (a carried value's finding, counted in
        the window after the one that found its key further on)."""
        at = self._at.get((f.line, f.secret))
        if at is None:
            self._at[f.line, f.secret] = len(self.found)
            self.found.append(f)
        elif f.column < self.found[at].column:
            self.found[at] = f


def _offsets(data: bytes, findings: list[Finding]) -> list[tuple[Finding, int]]:
    """Each finding with its offset in ``data`` (from its line and column)."""
    out = []
    line, start = 1, 0
    for f in sorted(findings, key=lambda f: (f.line, f.column)):
        while line < f.line:
            start = data.index(b'\n', start) + 1
            line += 1
        out.append((f, start + f.column - 1))
    return out
