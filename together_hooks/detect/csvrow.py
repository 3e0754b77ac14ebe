"""Is a key in a CSV row the credential column of a row naming Together?

A password manager's export (``Title,Website,Username,Password`` then a
row per item): the header may be any distance above the row (a big
export), and quoted fields may hold commas (``"Together, prod"``), so the
columns are counted by the csv module's quoting rules, one line at a
time.  The header is the nearest export header above the row (``Headers``:
the export headers of the bytes scanned are found once, in one search,
however many rows ask), else the file's first line (a window of a large
file is told it: ``Budget.head``).  Bounded: lines of at most ``_LINE``
bytes.
"""
from __future__ import annotations

import codecs
from bisect import bisect_left

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# The longest line read as a row or a header.
_LINE = 4096


def _fields(line: bytes) -> list[str] | None:
    import csv

    try:
        return next(csv.reader([line.rstrip(b'\r').decode('latin-1')]), None)
    except csv.Error:
        return None


def _line_at(data: bytes, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the line holding ``data[start:end]``, or None when it
    is longer than ``_LINE``."""
    lo = data.rfind(b'\n', max(0, start - _LINE), start) + 1
    if lo == 0 and start > _LINE:
        return None
    hi = data.find(b'\n', end, end + _LINE)
    if hi == -1:
        if len(data) - end > _LINE:
            return None
        hi = len(data)
    return lo, hi


def first_line(data: bytes) -> bytes:
    """A file's first line, its BOM taken off (a CSV's header; empty when
    longer than ``_LINE``)."""
    end = data.find(b'\n', 0, _LINE)
    return b'' if end == -1 else data[:end].removeprefix(codecs.BOM_UTF8)


class Headers:
    """The export headers of one stretch of bytes (a file, or a window of
    one), found once, in one search for a credential column's name
    (``header``) over all of it: each row then finds the nearest above by
    bisection, so an export of many Together rows costs one pass, not a
    look above each row.  ``head``: the file's first line, for rows with no
    header above them in these bytes (a window past the file's start)."""

    __slots__ = ('data', '_starts', '_fields', '_head')

    def __init__(
            self, data: bytes, head: bytes, header: re.Pattern[str], user: re.Pattern[str],
            title: re.Pattern[str], veto: re.Pattern[str],
    ) -> None:
        self.data = data
        self._starts: list[int] = []
        self._fields: list[list[str]] = []
        text = data.decode('latin-1')
        at = 0
        for m in header.finditer(text):
            if m.start() < at:
                continue  # on a line already read
            lo = text.rfind('\n', 0, m.start()) + 1
            hi = text.find('\n', m.end())
            at = len(text) if hi == -1 else hi
            if at - lo > _LINE:
                continue
            fields = _fields(data[lo:at].removeprefix(codecs.BOM_UTF8) if lo == 0 else data[lo:at])
            if fields and _export(fields, header, user, title, veto):
                self._starts.append(lo)
                self._fields.append([f.strip() for f in fields])
        head_fields = _fields(head) if head else None
        self._head = (
            [f.strip() for f in head_fields]
            if head_fields and _export(head_fields, header, user, title, veto) else None
        )

    def above(self, lo: int) -> list[str] | None:
        """The fields of the nearest export header above the line at ``lo``."""
        i = bisect_left(self._starts, lo) - 1
        return self._fields[i] if i >= 0 else self._head


def credential_column(
        data: bytes, start: int, end: int, headers: Headers,
        header: re.Pattern[str], names: re.Pattern[str],
) -> bool:
    """Is ``data[start:end]`` a whole field of its line, in a row one of
    whose fields ``names`` matches (searched), under an export header
    (``headers``) whose field of the same column ``header`` matches whole?"""
    bounds = _line_at(data, start, end)
    if bounds is None:
        return False
    lo, hi = bounds
    row = _fields(data[lo:hi])
    if not row or not any(names.search(field) for field in row):
        return False
    key = data[start:end].decode('latin-1')
    fields = headers.above(lo)
    return fields is not None and any(
        field.strip() == key and i < len(fields) and header.fullmatch(fields[i]) is not None
        for i, field in enumerate(row)
    )


def _export(
        fields: list[str], header: re.Pattern[str],
        user: re.Pattern[str], title: re.Pattern[str], veto: re.Pattern[str],
) -> bool:
    """Are ``fields`` a password manager's export header: a credential
    column, a user and a title column (whole fields), nothing ``veto``
    finds?"""
    names = [f.strip() for f in fields]
    return (
        any(header.fullmatch(n) for n in names)
        and any(user.fullmatch(n) for n in names)
        and any(title.fullmatch(n) for n in names)
        and not any(veto.search(n) for n in names)
    )
