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

    from together_hooks.findings import Finding

from together_hooks import fileio

WINDOW = fileio.WINDOW  # the pipeline's window size


def scan_windows(
        windows: Iterable[tuple[int, int, int, bytes]],
        scan: Callable[[bytes], list[Finding]],
) -> list[Finding]:
    """The findings of ``scan`` over each window, kept where its region
    holds them, with file lines and columns."""
    scanned = WindowScan(scan)
    for window in windows:
        scanned.add(window)
    return scanned.found


class WindowScan:
    """``scan_windows`` fed one window at a time (``add``), in order."""

    __slots__ = ('scan', 'found', '_newlines', '_last_newline')

    def __init__(self, scan: Callable[[bytes], list[Finding]]) -> None:
        self.scan = scan
        self.found: list[Finding] = []
        self._newlines = 0  # in the file before the current region
        self._last_newline = -1  # where the last of them is

    def add(self, window: tuple[int, int, int, bytes]) -> None:
        base, lo, hi, data = window
        head = data.count(b'\n', 0, lo - base)
        lines_before = self._newlines - head  # in the file before ``base``
        for f, offset in _offsets(data, self.scan(data)):
            if lo <= base + offset < hi:
                if f.line == 1:  # its line starts before this window
                    f.column += base - (self._last_newline + 1)
                f.line += lines_before
                self.found.append(f)
        region = data[lo - base:hi - base]
        count = region.count(b'\n')
        if count:
            self._newlines += count
            self._last_newline = lo + region.rfind(b'\n')


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
