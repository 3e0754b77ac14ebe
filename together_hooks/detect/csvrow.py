"""Is a key in a table's row the credential column of a row naming Together?

A password manager's export (``Title,Website,Username,Password`` then a
row per item), or a database's rows (a CSV or TSV dump, a ``psql`` or
``mysql`` table: ``provider | api_key`` then ``together | <key>``,
pg_dump's ``COPY t (provider, api_key) FROM stdin;`` over its
tab-separated rows; the row's provider column naming Together).  The
header may be any distance above the row (a big export, a long query
result), and quoted fields may hold commas (``"Together, prod"``), so the
columns are counted by the csv module's quoting rules, one line at a
time.  A row's delimiter is the one beside its key (a comma, a tab or a
``|``), and its header is the nearest table header above it of that
delimiter (``Headers``: the headers of the bytes scanned are found once,
in one search, however many rows ask), else the file's first line (a
window of a large file is told it: ``Budget.head``).  Bounded: lines of at
most ``ROW`` bytes; a row's fields are read once, however many of them
are keys (a wide table's row of digests).
"""
from __future__ import annotations

from bisect import bisect_left

from together_hooks import regex_cache
from together_hooks.fileio import text_start

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# The longest line read as a row or a header: as far as an SQL
# statement's rows are (``SQL_REACH``), so a row's notes field of a few
# KB (a password manager's notes, a ticket's text) keeps its key in the
# row naming Together.  Lines are found by ``find``: a file of short lines
# reads no more.
ROW = 16384
# The delimiters a table's row may have, the comma CSV's (a semicolon
# where a spreadsheet's locale writes decimals with a comma: Excel's CSV
# in most of Europe).
_DELIMITERS = (',', '\t', '|', ';')


def _fields(line: bytes, delimiter: str = ',') -> list[str] | None:
    text = line.rstrip(b'\r').decode('latin-1')
    if delimiter == '\t' and text.startswith('COPY ') and '(' in text:
        # (pg_dump's ``COPY t (id, provider, api_key) FROM stdin;`` heads
        # its tab-separated rows)
        return text[text.index('(') + 1:text.find(')')].replace('"', '').split(',')
    if delimiter == '|':
        # (a psql table ``a | b``, a mysql or Markdown one ``| a | b |``:
        # the same split for the header and the row keeps columns aligned;
        # Jira's and Confluence's header ``||a||b||`` over rows ``|x|y|``:
        # a line starting with ``||`` has ``||`` between its cells)
        # (MediaWiki's header ``! a !! b`` over rows ``| x || y``: a row
        # starting with ``|`` and not ending with one, ``||`` between its
        # cells; as ``| a | b`` and ``| x | y``)
        lead = text.lstrip()
        if lead.startswith('||'):
            text = text.replace('||', '|')
        elif lead.startswith('!') and '!!' in lead:
            text = '|' + lead[1:].replace('!!', '|')
        elif lead.startswith('|') and '||' in lead and not lead.rstrip().endswith('|'):
            text = lead.replace('||', '|')
        return [_cell(field) for field in text.split('|')]
    import csv

    try:
        return next(csv.reader([text], delimiter=delimiter), None)
    except csv.Error:
        return None


# A Markdown link's text (``[Together AI](https://www.together.ai)``).
_LINK = regex_cache.compile(r'\[([^\]\r\n]{0,200})\]\([^)\r\n]{0,400}\)')


def _cell(field: str) -> str:
    """A ``|`` table's cell as its text: a Markdown link's text, bold or
    italic markup taken off (``**Together AI**``, ``__Together__``)."""
    if '[' in field:
        field = _LINK.sub(r'\1', field)
    return field.strip().strip('*_').strip()


def _delimiters(line: bytes) -> tuple[str, ...]:
    """The delimiters ``line`` may be a table's line of (a comma always:
    one field is no header)."""
    return ',', *(
        d for d, there in (
            ('\t', b'\t' in line or line.startswith(b'COPY ')), ('|', b'|' in line or b'!!' in line),
            (';', b';' in line),
        ) if there
    )


def _delimiter(data: bytes, start: int, end: int) -> str:
    """The delimiter beside the field ``data[start:end]``: the one before
    it (blanks, a quote and a Markdown code span's backtick passed over),
    or, in a row's first column, the one after it."""
    at = start - 1
    while at >= 0 and data[at] in b' "`':
        at -= 1
    if at < 0 or data[at] == 0x0a:
        at = end
        while at < len(data) and data[at] in b' "`':
            at += 1
        if at == len(data):
            return ','
    return {0x7c: '|', 0x09: '\t', 0x3b: ';'}.get(data[at], ',')


def _line_at(data: bytes, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the line holding ``data[start:end]``, or None when it
    is longer than ``ROW``."""
    lo = data.rfind(b'\n', max(0, start - ROW), start) + 1
    if lo == 0 and start > ROW:
        return None
    hi = data.find(b'\n', end, end + ROW)
    if hi == -1:
        if len(data) - end > ROW:
            return None
        hi = len(data)
    return lo, hi


# The lines at a file's start a table's header may be (a title, a
# ``sep=,`` line or a comment may come first).
HEAD_LINES = 8


def first_line(data: bytes) -> bytes:
    """A file's first lines (``HEAD_LINES``), its BOM taken off (where a
    table's header is; those up to the first longer than ``ROW``)."""
    start = end = text_start(data)
    for _ in range(HEAD_LINES):
        nxt = data.find(b'\n', end, end + ROW)
        if nxt == -1:
            break
        end = nxt + 1
    return data[start:end]


class _Header:
    """A table header's column names and what they make it: ``credentials``,
    the columns naming a credential; ``export``, a password manager's
    export's shape (a user and a title column); ``owners``, the columns
    naming a row's owner (``provider``), a database table's shape;
    ``together``, the columns named for Together's key itself
    (``together_api_key``, ``Together API key``): each of their cells is
    Together's, whatever its row names."""

    __slots__ = ('names', 'credentials', 'export', 'owners', 'together')

    def __init__(
            self, names: list[str], credentials: set[int], export: bool, owners: list[int],
            together: frozenset[int] = frozenset(),
    ) -> None:
        self.names = names
        self.credentials = credentials
        self.export = export
        self.owners = owners
        self.together = together


# A listing's columns (a cache's, an object store's): its ``key`` column
# names the entries.
_LISTING = regex_cache.compile(
    r'(?i:ttl|hits|misses|e-?tag|bucket|size|bytes|last[ _-]?modified|storage[ _-]?class)')
_BARE_KEY = regex_cache.compile(r'(?i:key)')
# A row's cell naming a digest algorithm: its hex value is that digest.
# An empty line: where a table ends.
_BLANK_LINE = regex_cache.compile(rb'\n[ \t\r]*\n')
_DIGEST_CELL = regex_cache.compile(r'(?i:sha-?(?:1|224|256|384|512)|sha3-?\d{3}|md5|blake2[bs]?|blake3)')


def _header(
        fields: list[str] | None, header: re.Pattern[str], user: re.Pattern[str],
        title: re.Pattern[str], veto: re.Pattern[str], owner: re.Pattern[str] | None,
) -> _Header | None:
    """``fields`` as a table's header: a credential column, and either an
    export's user and title columns or an owner column; nothing ``veto``
    finds (a request log's, a usage export's)."""
    if not fields:
        return None
    from together_hooks.rules import HTML_NAME_CELL

    names = [f.strip() for f in fields]
    credentials = {i for i, n in enumerate(names) if header.fullmatch(n)}
    # (a column named for Together's key, as a Markdown header may write
    # it as code: `` `TOGETHER_API_KEY` ``; not its digest's or its id's)
    named = regex_cache.compile(HTML_NAME_CELL)
    together = frozenset(i for i, n in enumerate(names) if named.fullmatch(n.strip('`').strip()))
    credentials |= together
    if any(_LISTING.fullmatch(n) for n in names):
        # (a bare ``key`` beside a cache's or an object store's columns
        # names an entry, not a credential)
        credentials = {i for i in credentials if not _BARE_KEY.fullmatch(names[i])}
    if not credentials or any(veto.search(n) for n in names):
        return None
    export = any(user.fullmatch(n) for n in names) and any(title.fullmatch(n) for n in names)
    owners = [i for i, n in enumerate(names) if owner is not None and owner.fullmatch(n)]
    if not export and not owners and not together:
        return None
    return _Header(names, credentials, export, owners, together)


class Headers:
    """The table headers of one stretch of bytes (a file, or a window of
    one), each with its delimiter, found once, in one search for a
    credential column's name (``header``) over all of it, the first time
    a row asks: each row then finds the nearest above by bisection, so a
    table of many Together rows costs one pass, not a look above each row.
    ``head``: the file's first lines, for rows with no header above them in
    these bytes (a window past the file's start).  The last row read is
    kept: a wide row of keys is read once, not once for each of them."""

    __slots__ = (
        'data', '_head', '_regexes', '_starts', '_found', '_exports', '_heads', '_row', '_table', '_tags', '_ends',
        '_together',
    )

    def __init__(
            self, data: bytes, head: bytes, header: re.Pattern[str], user: re.Pattern[str],
            title: re.Pattern[str], veto: re.Pattern[str], owner: re.Pattern[str] | None = None,
    ) -> None:
        self.data = data
        self._head = head
        self._regexes = header, user, title, veto, owner
        self._starts: dict[str, list[int]] | None = None
        self._found: dict[str, list[_Header]] = {}
        self._exports: dict[str, list[int]] = {}
        self._heads: dict[str, _Header | None] = {}
        # (lo, hi, delimiter) of the last row read, and the columns of it
        # holding a Together row's credential, by the field's text
        self._row: tuple[int, int, str, dict[str, bool]] = (-1, -1, '', {})
        # the HTML table of the last key read in one (``_Table``)
        self._table: _Table | None = None
        self._tags: tuple[list[int], list[bool]] | None = None
        # a header's offset -> where its table ends (``unbroken``)
        self._ends: dict[int, int] = {}
        self._together: list[tuple[int, int]] | None = None  # (``together_tables``)

    def _index(self) -> dict[str, list[int]]:
        from together_hooks.rules import CSV_HEADER_WORDS

        starts: dict[str, list[int]] = {d: [] for d in _DELIMITERS}
        found: dict[str, list[_Header]] = {d: [] for d in _DELIMITERS}
        data = self.data
        # The lines holding a word every header holds, found with bytes'
        # own search (the case-insensitive regex over all the bytes costs
        # ~0.3 s a MB), each read once.
        low = data.lower()
        lines: set[int] = set()
        for word in CSV_HEADER_WORDS:
            at = low.find(word)
            while at != -1:
                lo = low.rfind(b'\n', 0, at) + 1
                lines.add(lo)
                hi = low.find(b'\n', at)
                at = -1 if hi == -1 else low.find(word, hi)
        for lo in sorted(lines):
            hi = data.find(b'\n', lo, lo + ROW + 1)
            if hi == -1 and len(data) - lo > ROW:
                continue
            line = data[text_start(data) if lo == 0 else lo:len(data) if hi == -1 else hi]
            if self._regexes[0].search(line.decode('latin-1')) is None:
                continue
            for d in _delimiters(line):
                shape = _header(_fields(line, d), *self._regexes)
                if shape is not None:
                    starts[d].append(lo)
                    found[d].append(shape)
        # For each header, the nearest export header at or above it.
        exports: dict[str, list[int]] = {}
        for d, shapes in found.items():
            last, exports[d] = -1, []
            for i, shape in enumerate(shapes):
                last = i if shape.export else last
                exports[d].append(last)
        self._starts, self._found, self._exports = starts, found, exports
        return starts

    def above(self, lo: int, delimiter: str = ',') -> _Header | None:
        """The nearest table header of ``delimiter`` above the line at ``lo``,
        else the file's first line read as one."""
        starts = self._starts if self._starts is not None else self._index()
        i = bisect_left(starts[delimiter], lo) - 1
        if i >= 0:
            return self._found[delimiter][i]
        return self._head_shape(delimiter)

    def _head_shape(self, delimiter: str) -> _Header | None:
        if delimiter not in self._heads:
            # (the last of the file's first lines that is one: the nearest)
            shapes = [_header(_fields(line, delimiter), *self._regexes) for line in self._head.splitlines()]
            self._heads[delimiter] = next((h for h in reversed(shapes) if h is not None), None)
        return self._heads[delimiter]

    def unbroken(self, lo: int, delimiter: str) -> bool:
        """Is the line at ``lo`` in the table of the nearest header above
        it: no empty line between them (a Markdown document's next table,
        a CSV's next section, is another table, whose own header may name
        nothing)?  Each header's table end is found once."""
        starts = self._starts if self._starts is not None else self._index()
        i = bisect_left(starts[delimiter], lo) - 1
        if i < 0:
            return True  # (the file's head over a window: read as one table)
        end = self._end(starts[delimiter][i])
        return lo <= end

    def _end(self, top: int) -> int:
        """Where the table of the header at ``top`` ends (its first empty
        line), found once."""
        end = self._ends.get(top)
        if end is None:
            m = _BLANK_LINE.search(self.data, top)
            end = self._ends[top] = len(self.data) if m is None else m.start()
        return end

    def head_together(self) -> bool:
        """Is one of the file's first lines a header naming a column for
        Together's key (for a window past them)?"""
        return any((h := self._head_shape(d)) is not None and bool(h.together) for d in _DELIMITERS)

    def together_tables(self) -> list[tuple[int, int]]:
        """The stretches of the bytes that are tables under a header naming
        a column for Together's key (``_Header.together``): from the header
        to its table's end (``unbroken``); from the start of a window past
        the file's start whose file's head is one, to its first empty
        line; an HTML table whose header row is one, whole.  A row there
        names nothing, so no keyword finds it: these are where such rows
        are read, however far below the header.  Found once."""
        if self._together is not None:
            return self._together
        starts = self._starts if self._starts is not None else self._index()
        spans = []
        for d in _DELIMITERS:
            for lo, shape in zip(starts[d], self._found[d]):
                if shape.together:
                    spans.append((lo, self._end(lo)))
        if self._head and self.head_together():
            m = _BLANK_LINE.search(self.data)
            spans.append((0, len(self.data) if m is None else m.start()))
        self._together = spans + self._html_together()
        return self._together

    def _html_together(self) -> list[tuple[int, int]]:
        """The HTML tables whose header row (``_Table.header``) names a
        column for Together's key, whole: each table read once."""
        if _TABLE_TAG.search(self.data) is None:
            return []
        if self._tags is None:
            self._tags = table_tags(self.data)
        offsets, opens = self._tags
        spans = []
        for at, is_open in zip(offsets, opens):
            if not is_open or spans and at < spans[-1][1]:
                continue
            table = _Table(self.data, at + 1, self._tags)
            shape = None if table.header is None else _header(table.header, *self._regexes)
            if shape is not None and shape.together:
                spans.append((table.lo, table.hi))
        return spans

    def export_above(self, lo: int, delimiter: str) -> _Header | None:
        """The nearest password manager's export header above the line at
        ``lo`` (a nearer table's header, a row naming a credential and an
        owner column, does not end the search), else the file's head's."""
        starts = self._starts if self._starts is not None else self._index()
        i = bisect_left(starts[delimiter], lo) - 1
        j = self._exports[delimiter][i] if i >= 0 else -1
        if j >= 0:
            return self._found[delimiter][j]
        head = self._head_shape(delimiter)
        return head if head is not None and head.export else None

    def holds(self, start: int, end: int, names: re.Pattern[str]) -> bool:
        """Is ``data[start:end]`` a whole field of its row, in a credential
        column of the header above (``above``) and of a row naming
        Together: one of its fields ``names`` finds, which for a database
        table is the owner column's?"""
        data = self.data
        if start and data[start - 1] in b'>;\'"':
            cell = _html_cell(data, start, end)
            if cell is not None:
                table = self._table
                if table is None or not table.lo <= cell < table.hi:
                    if self._tags is None:
                        self._tags = table_tags(data)
                    table = self._table = _Table(data, cell, self._tags)
                return html_holds(data, table, cell, self._regexes, names)
        if start and data[start - 1] == 0x27 and data[end:end + 1] == b"'":
            return self._sql_holds(start, end, names)
        if (start and data[start - 1] == 0x7c and (start < 2 or data[start - 2] == 0x0a)
                and _asciidoc_holds(data, start, end, self._regexes, names)):
            # (a cell starting its line, ``|<key>``: an AsciiDoc table's)
            return True
        lo, hi, delimiter, columns = self._row
        if not (lo <= start and end <= hi and _delimiter(data, start, end) == delimiter):
            bounds = _line_at(data, start, end)
            if bounds is None:
                return False
            lo, hi = bounds
            delimiter = _delimiter(data, start, end)
            columns = self._columns(lo, hi, delimiter, names)
            self._row = lo, hi, delimiter, columns
        return columns.get(data[start:end].decode('latin-1'), False)

    def _sql_holds(self, start: int, end: int, names: re.Pattern[str]) -> bool:
        """The key a quoted value of an SQL ``INSERT``'s row (``INSERT INTO
        creds (provider, secret) VALUES ('together', '<key>')``, and each
        row of a multi-row ``VALUES``): its column list is the row's
        header, read as a CSV's (``_header``); a row is the parenthesised
        tuple around the key on its line, the column list the nearest
        ``INSERT ... VALUES`` above it with no ``;`` between (at most
        ``SQL_REACH`` bytes: a longer statement's later rows are not read)."""
        data = self.data
        bounds = _line_at(data, start, end)
        if bounds is None:
            return False
        lo, hi = bounds
        opener, closer = data.rfind(b'(', lo, start), data.find(b')', end, hi)
        if opener == -1 or closer == -1:
            return False
        import csv

        try:
            row = next(csv.reader([data[opener + 1:closer].decode('latin-1')], quotechar="'", skipinitialspace=True))
        except (csv.Error, StopIteration):
            return False
        before = data[max(0, opener - SQL_REACH):opener].lower()
        values = before.rfind(b'values')
        if values == -1 or b';' in before[values:]:
            return False
        m = _SQL_COLUMNS.search(before, max(0, values - ROW), values)
        if m is None:
            return False
        shape = _header(m.group(1).decode('latin-1').replace('`', '').replace('"', '').split(','), *self._regexes)
        if shape is None or len(shape.names) != len(row):
            return False
        column = next((i for i, field in enumerate(row) if field == data[start:end].decode('latin-1')), -1)
        return column in self._held(shape, row, names, start, None)

    def _held(
            self, shape: _Header, row: list[str], names: re.Pattern[str], lo: int, delimiter: str | None,
    ) -> set[int]:
        """The columns of ``row`` (under ``shape``) holding a Together
        row's credential: none where no field names Together or one names
        a digest (``| together | <hex> | sha256 |``); a password manager's
        export header above counts for a ``delimiter``'s row.  A column
        named for Together's key holds Together's in any row of the
        header's width."""
        if any(_DIGEST_CELL.fullmatch(field.strip().strip('`')) for field in row):
            return set()
        if not any(names.search(field) for field in row):
            return set(shape.together) if len(shape.names) == len(row) else set()
        held = set(shape.together) if len(shape.names) == len(row) else set()
        export = shape if shape.export or delimiter is None else self.export_above(lo, delimiter)
        if export is not None and export.export:
            held |= export.credentials
        if len(shape.names) == len(row):
            owned = [j for j in shape.owners if names.search(row[j])]
            held |= {i for i in shape.credentials if any(j != i for j in owned)}
        return held

    def _columns(self, lo: int, hi: int, delimiter: str, names: re.Pattern[str]) -> dict[str, bool]:
        """Each field of the row ``data[lo:hi]`` (stripped): is it in a
        column holding a Together row's credential?"""
        row = _fields(self.data[lo:hi], delimiter)
        if not row:
            return {}
        shape = self.above(lo, delimiter)
        if shape is None:
            return {}
        if not any(names.search(field) for field in row) and not (
                shape.together and self.unbroken(lo, delimiter)):
            return {}
        held = self._held(shape, row, names, lo, delimiter)
        columns: dict[str, bool] = {}
        for i, field in enumerate(row):
            # (a Markdown cell written as code, `` `<key>` ``: the field's
            # text inside the backticks)
            key = field.strip().strip('`')
            columns[key] = columns.get(key, False) or i in held
        return columns


# How far above a row of a multi-row ``VALUES`` its ``INSERT``'s column
# list is read.
SQL_REACH = 16384
# An ``INSERT``'s table and column list, ending where ``VALUES`` starts
# (lower-cased bytes: ``INSERT INTO api_keys (provider, secret)``,
# MySQL's ``INSERT IGNORE``, SQLite's ``INSERT OR REPLACE``).
_SQL_COLUMNS = regex_cache.compile(
    rb'insert\s+(?:ignore\s+|or\s+\w+\s+)?into\s+[^\s(]{1,128}\s*\(([^()]{1,2000})\)\s*\Z')


def credential_column(data: bytes, start: int, end: int, headers: Headers, names: re.Pattern[str]) -> bool:
    """Is ``data[start:end]`` a whole field of its line, in a row naming
    Together (``names``), under a table header (``headers``) whose field of
    the same column names a credential?"""
    return headers.data is data and headers.holds(start, end, names)


# HTML tables (a wiki's or a README's ``<table>``, Django's debug page's
# locals): a key that is a cell's whole text (its inline markup,
# ``<code>``, ``<pre>``, and quotes, written or as entities, passed over).
# A row is its ``<tr>`` (over lines or on one), its cells ``<td>`` or
# ``<th>``; a table's header is its first row of ``<th>`` cells, read as a
# CSV's (``_header``: a credential column and a provider or service one);
# else the row is a name and its value (``<td>api_key</td><td><key></td>``):
# Together's where the name cell is Together's or a Together key's, or an
# API key's name in a table another row of which names Together's endpoint
# or provider (and none another endpoint).  A file's table tags are found
# once, a table's rows (and what they name) read once, however many of its
# rows hold keys.
_CELL_OPEN = regex_cache.compile(rb'(?i)<t[dh](?=[\s>])')
_CELL_START = regex_cache.compile(
    rb'(?i)<t[dh](?:\s[^<>]{0,200})?>(?:\s{0,64}<(?!/?t[dhr]\b)[a-z][\w:-]{0,20}(?:\s[^<>]{0,200})?>){0,4}'
    rb'\s{0,64}(?:&#x27;|&#39;|&quot;|[\'"])?\Z',
)
_CELL_END = regex_cache.compile(
    rb'(?i)(?:&#x27;|&#39;|&quot;|[\'"])?\s{0,64}(?:</(?!t[dhr]\b)[a-z][\w:-]{0,20}>\s{0,64}){0,4}(?:</t[dh]\s{0,8}>|<t[dh][\s>]|</tr\b)',
)
_TAG = regex_cache.compile(r'<[^<>]{0,400}>')
# A table held as a JSON list of lines (a notebook's ``text/html`` output,
# pandas' DataFrame: ``"      <th>provider</th>\\n",`` then the next
# line's string): the seam between two lines' strings is no cell's text.
_JSON_SEAM = regex_cache.compile(r'\\n",\s{0,64}"')
_VALUE_COLUMN = regex_cache.compile(r'(?i:values?)')
_QUOTES = ' \t\r\n\'"`'


def _html_cell(data: bytes, start: int, end: int) -> int | None:
    """Where the ``<td>``/``<th>`` holding ``data[start:end]`` as its whole
    text opens, or None when the key is no cell's whole text."""
    lo = max(0, start - ROW)
    low = data[lo:start].lower()
    cell = max(low.rfind(b'<td'), low.rfind(b'<th'))
    if cell == -1 or _CELL_START.match(data, lo + cell, start) is None:
        return None
    if _CELL_END.match(data, end, end + ROW) is None:
        return None
    return lo + cell


def _cells(data: bytes, lo: int, hi: int) -> list[tuple[int, bool, str]]:
    """The cells of the row ``data[lo:hi]``: (offset, is a ``<th>``, text)."""
    import html

    opens = [m.start() for m in _CELL_OPEN.finditer(data, lo, hi)]
    cells = []
    for i, at in enumerate(opens):
        stop = opens[i + 1] if i + 1 < len(opens) else hi
        text = html.unescape(_TAG.sub(' ', _JSON_SEAM.sub(' ', data[at:stop].decode('latin-1'))))
        cells.append((at, data[at + 2] in b'hH', ' '.join(text.split()).strip(_QUOTES)))
    return cells


_TABLE_TAG = regex_cache.compile(rb'(?i)</?table(?=[\s>])')
_ROW_OPEN = regex_cache.compile(rb'(?i)<tr(?=[\s>])|</t(?:r|body|head|foot)\s{0,8}>')


def table_tags(data: bytes) -> tuple[list[int], list[bool]]:
    """Every ``<table>`` and ``</table>`` tag's offset, and whether it
    opens one: found once for all the keys of ``data``."""
    offsets, opens = [], []
    for m in _TABLE_TAG.finditer(data):
        offsets.append(m.start())
        opens.append(data[m.start() + 1] != 0x2f)
    return offsets, opens


class _Table:
    """An HTML table's rows (``lo``, ``hi``: its start and end tags, however
    far apart) and its header row's cells' text (None: its first row is no
    ``<th>`` row); ``named``: the rows naming Together and the rows naming
    another endpoint (for a name/value row: read once a table)."""

    __slots__ = ('lo', 'hi', 'rows', 'header', 'named')

    def __init__(self, data: bytes, at: int, tags: tuple[list[int], list[bool]]) -> None:
        offsets, opens = tags
        i = bisect_left(offsets, at) - 1
        if i < 0 or not opens[i]:
            self.lo, self.hi, self.rows, self.header, self.named = at, at + 1, [], None, None
            return  # in no table
        self.lo = offsets[i]
        self.hi = offsets[i + 1] if i + 1 < len(offsets) else len(data)
        # (each row up to the next row's tag or its own end tag)
        marks = [(m.start(), data[m.start() + 1] != 0x2f) for m in _ROW_OPEN.finditer(data, self.lo, self.hi)]
        self.rows = [
            (start, marks[i + 1][0] if i + 1 < len(marks) else self.hi)
            for i, (start, is_open) in enumerate(marks) if is_open
        ]
        self.header: list[str] | None = None
        if self.rows:
            head = _cells(data, *self.rows[0])
            if head and all(th for _at, th, _t in head):
                self.header = [text for _at, _th, text in head]
        self.named: tuple[list[int], list[int]] | None = None

    def row_at(self, at: int) -> tuple[int, int] | None:
        i = bisect_left(self.rows, (at + 1,)) - 1
        if i < 0 or not self.rows[i][0] <= at < self.rows[i][1]:
            return None
        return self.rows[i]


def html_holds(
        data: bytes, table: _Table, cell: int, regexes: tuple[re.Pattern[str], ...], names: re.Pattern[str],
) -> bool:
    """Is the key in the cell at ``cell`` a Together row's credential: its
    table's header names its column a credential and the row's provider
    Together, or its row is a name and the key, the name Together's, or an
    API key's in a table naming Together's endpoint or provider?"""
    from together_hooks.rules import HTML_KEY_CELL
    from together_hooks.rules import HTML_NAME_CELL

    row_at = table.row_at(cell)
    if row_at is None:
        return False
    cells = _cells(data, *row_at)
    column = next((i for i, (at, _th, _t) in enumerate(cells) if at == cell), -1)
    if column < 1:
        return False
    row = [text for _at, _th, text in cells]
    if any(_DIGEST_CELL.fullmatch(text) for text in row):
        return False
    header = table.header if row_at != table.rows[0] else None
    if header is not None:
        if any(_DIGEST_CELL.search(name) or regexes[3].search(name) for name in header):
            return False
        shape = _header(header, *regexes)
        if shape is not None:
            return len(header) == len(row) and column in _held_row(shape, row, names)
        # (a header over a name and its value names the value's column
        # so: ``Variable`` and ``Value``; not ``Provider`` and ``Commit``)
        if len(header) != len(row) or not (
                _VALUE_COLUMN.fullmatch(header[column]) or regexes[0].fullmatch(header[column])):
            return False
    # A name and its value: the name cell is the one before the key's.
    name = row[column - 1]
    if regex_cache.compile(HTML_NAME_CELL).fullmatch(name) or names.fullmatch(name):
        return True
    if not regex_cache.compile(HTML_KEY_CELL).fullmatch(name):
        return False
    # (each row read once a table: the rows naming Together, the rows
    # naming another endpoint; the key's own row is neither's)
    if table.named is None:
        together: list[int] = []
        other: list[int] = []
        for lo, hi in table.rows:
            texts = [text for _at, _th, text in _cells(data, lo, hi)]
            if any(names.search(text) for text in texts):
                together.append(lo)
            elif any('://' in text for text in texts):
                other.append(lo)
        table.named = together, other
    together, other = table.named
    return any(lo != row_at[0] for lo in together) and not any(lo != row_at[0] for lo in other)


def _held_row(shape: _Header, row: list[str], names: re.Pattern[str]) -> set[int]:
    """A table row's credential columns when its owner column (or an
    export's title) names Together (``Headers._held`` for a row with its
    header right above it); a column named for Together's key in any
    row (``Headers._held``)."""
    if any(_DIGEST_CELL.fullmatch(field.strip().strip('`')) for field in row):
        return set()
    together = set(shape.together) if len(shape.names) == len(row) else set()
    if not any(names.search(field) for field in row):
        return together
    held = together | (set(shape.credentials) if shape.export else set())
    owned = [j for j in shape.owners if names.search(row[j])]
    held |= {i for i in shape.credentials if any(j != i for j in owned)}
    return held


# An AsciiDoc table (``|===`` to ``|===``): its first line, when an empty
# line follows it, is its header, its cells the column count (``|Service
# |API key``); the cells after it, one a line or several, fill its rows in
# order (``|Together AI`` then ``|<key>``).  Read within ``ASCIIDOC_REACH``
# bytes above the key.
ASCIIDOC_REACH = 16384
_ADOC_FENCE = regex_cache.compile(rb'(?m)^\|===[ \t]*\r?$')


def _asciidoc_holds(
        data: bytes, start: int, end: int, regexes: tuple[re.Pattern[str], ...], names: re.Pattern[str],
) -> bool:
    """Is the cell ``|<key>`` a Together row's credential in its AsciiDoc
    table, by its header (``_header``) and its row's provider cell?"""
    lo = max(0, start - ASCIIDOC_REACH)
    fences = [m.end() for m in _ADOC_FENCE.finditer(data, lo, start)]
    if len(fences) % 2 == 0 and lo == 0 or not fences:
        return False
    body = data[fences[-1]:start - 1].decode('latin-1').lstrip('\r\n')
    head, blank, rest = body.partition('\n\n')
    if not blank or '|' not in head or '\n' in head.strip():
        return False
    header = [cell.strip() for cell in head.strip().split('|')[1:]]
    shape = _header(header, *regexes)
    if shape is None:
        return False
    cells = [cell.strip() for cell in rest.replace('\r', '').replace('\n', ' ').split('|')[1:]]
    column = len(cells) % len(header)
    row = cells[len(cells) - column:] + [data[start:end].decode('latin-1')]
    if column not in shape.credentials:
        return False
    return column in _held_row(shape, row + [''] * (len(header) - len(row)), names)
