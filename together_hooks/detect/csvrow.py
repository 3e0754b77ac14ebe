"""Is a key in a table's row the credential column of a row naming Together?

A password manager's export (``Title,Website,Username,Password`` then a
row per item), or a database's rows (a CSV or TSV export, a ``psql`` or
``mysql`` table: ``provider | api_key`` then ``together | <key>``, the
row's provider column naming Together): the header may be far above the
row (a big export), and
quoted fields may hold commas (``"Together, prod"``), so the columns are
counted by the csv module's quoting rules, one line at a time, and the
header is the nearest line above naming a credential column in an
export's or a database table's shape, or else the file's first line.  The
delimiter is the one before the key: a comma, a tab or a ``|``.  Bounded: lines of at most ``_LINE`` bytes, at most
``_LINES`` lines looked at above the row.
"""
from __future__ import annotations

from together_hooks.fileio import text_start

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# The longest line read as a row or a header, and how many lines above a
# row the header is looked for before the file's first line.
_LINE = 4096
_LINES = 64


def _fields(line: bytes, delimiter: str = ',') -> list[str] | None:
    text = line.rstrip(b'\r').decode('latin-1')
    if delimiter == '\t' and text.startswith('COPY ') and '(' in text:
        # (pg_dump's ``COPY t (id, provider, api_key) FROM stdin;`` heads
        # its tab-separated rows)
        return text[text.index('(') + 1:text.find(')')].replace('"', '').split(',')
    if delimiter == '|':
        # (a psql table ``a | b``, a mysql or Markdown one ``| a | b |``:
        # the same split for the header and the row keeps columns aligned)
        return text.split('|')
    import csv

    try:
        return next(csv.reader([text], delimiter=delimiter), None)
    except csv.Error:
        return None


def _delimiter(data: bytes, start: int) -> str:
    """The delimiter before the field at ``start`` (blanks passed over)."""
    at = start - 1
    while at >= 0 and data[at] in b' "':
        at -= 1
    return {0x7c: '|', 0x09: '\t'}.get(data[at], ',') if at >= 0 else ','


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


def credential_column(
        data: bytes, start: int, end: int,
        header: re.Pattern[str], names: re.Pattern[str],
        user: re.Pattern[str], title: re.Pattern[str], veto: re.Pattern[str],
        owner: re.Pattern[str] | None = None,
) -> bool:
    """Is ``data[start:end]`` a whole field of its line, in a row one of
    whose fields ``names`` matches (searched), under a header whose field
    of the same column ``header`` matches (whole), shaped as an export's:
    a field ``user`` and one ``title`` match (whole), none ``veto`` finds?
    Or, with ``owner``, a database table's: the header's field ``owner``
    matches (whole) heads a column whose field in the row ``names``
    matches (``provider | api_key`` over ``together | <key>``)."""
    bounds = _line_at(data, start, end)
    if bounds is None:
        return False
    lo, hi = bounds
    delimiter = _delimiter(data, start)
    row, heads = _row_and_heads(data, lo, hi, delimiter, header, names)
    if not row:
        return False
    key = data[start:end].decode('latin-1')
    columns = [i for i, field in enumerate(row) if field.strip() == key]
    if not columns:
        return False
    return any(
        _export(fields, columns, header, user, title, veto)  # type: ignore[arg-type]
        or _owned(fields, row, columns, header, names, veto, owner)  # type: ignore[arg-type]
        for fields in heads
    )


# The last row read and the headers above it: every key of a wide row (a
# table of 60 digest columns) asks for the same row, so it is read and its
# headers looked for once, not once a key (the first version's walk of 64
# lines for each key cost 18 s a MB).  The bytes are held, not their id:
# an id may be reused by other bytes once these are freed.
_LAST: list[object] = [None, None, None]


def _row_and_heads(
        data: bytes, lo: int, hi: int, delimiter: str, header: re.Pattern[str],
        names: re.Pattern[str],
) -> tuple[list[str] | None, list[list[str]]]:
    """The fields of the row at ``data[lo:hi]`` (None when it names no
    Together, ``names``) and the fields of each header candidate above it,
    nearest first (the lines within ``_LINES`` naming a credential,
    ``header``), then the file's first line."""
    asked = (lo, hi, delimiter, header, names)
    if _LAST[0] is data and _LAST[1] == asked:
        return _LAST[2]  # type: ignore[return-value]
    row = _fields(data[lo:hi], delimiter)
    heads: list[list[str]] = []
    if row and any(names.search(field) for field in row):
        heads = _heads(data, lo, delimiter, header)
    else:
        row = None
    _LAST[:] = [data, asked, (row, heads)]
    return row, heads


def _heads(data: bytes, lo: int, delimiter: str, header: re.Pattern[str]) -> list[list[str]]:
    """The header candidates above the line at ``lo``, nearest first (see
    ``_row_and_heads``)."""
    # The nearest header above, else the file's first line.
    from together_hooks.rules import CSV_HEADER_WORDS

    heads: list[list[str]] = []
    starts = []  # of the lines above, nearest first
    at = lo
    for _ in range(_LINES):
        if at == 0:
            break
        above = data.rfind(b'\n', max(0, at - 1 - _LINE), at - 1) + 1
        if above == 0 and at - 1 > _LINE:
            break
        starts.append(above)
        at = above
    # (most lines above are other rows: a word every header holds, looked
    # for in all of them at once, rules them out; the case-insensitive
    # regex costs ~40 us a line, 20,000 rows of a table took 18 s)
    top = starts[-1] if starts else lo
    low = data[top:lo].lower()
    if any(word in low for word in CSV_HEADER_WORDS):
        at = lo
        for above in starts:
            line = low[above - top:at - 1 - top]
            if any(word in line for word in CSV_HEADER_WORDS) and header.search(
                    data[above:at - 1].decode('latin-1')):
                fields = _fields(data[above:at - 1], delimiter)
                # (a row may name a credential too, ``API Key`` an item's
                # name: only an export's header ends the search)
                if fields:
                    heads.append(fields)
            at = above
    first = data.find(b'\n', 0, _LINE)
    if first != -1 and first < lo:
        fields = _fields(data[text_start(data):first], delimiter)
        if fields:
            heads.append(fields)
    return heads


def _owned(
        fields: list[str], row: list[str], columns: list[int], header: re.Pattern[str],
        names: re.Pattern[str], veto: re.Pattern[str], owner: re.Pattern[str] | None,
) -> bool:
    """Does the header ``fields`` name a credential in one of ``columns``
    and, in another column, the owner (``provider``) whose field in ``row``
    names Together?"""
    if owner is None or len(fields) != len(row):
        return False
    heads = [f.strip() for f in fields]
    return (
        any(header.fullmatch(heads[i]) for i in columns)
        and any(owner.fullmatch(h) and names.search(row[j]) for j, h in enumerate(heads) if j not in columns)
        and not any(veto.search(h) for h in heads)
    )


def _export(
        fields: list[str], columns: list[int], header: re.Pattern[str],
        user: re.Pattern[str], title: re.Pattern[str], veto: re.Pattern[str],
) -> bool:
    """Does the header ``fields`` name a credential in one of ``columns``,
    in a password manager's export's shape?"""
    names = [f.strip() for f in fields]
    return (
        any(i < len(names) and header.fullmatch(names[i]) for i in columns)
        and any(user.fullmatch(n) for n in names)
        and any(title.fullmatch(n) for n in names)
        and not any(veto.search(n) for n in names)
    )
