"""A SQLite database file's rows as text (``sqlite_view``): each table a
tab-separated header of its columns (from its ``CREATE TABLE``) and its
rows, as ``sqlite3 -header -separator $'\\t'`` prints them, so the rules
read a row's columns apart and under their names.

In the raw file a record's values lie side by side with nothing between
them: a legacy key runs into the next column's digits
(``together<key>2024-05-01``) and its column's name is in another page.
The record header gives each value's length (the file format,
https://www.sqlite.org/fileformat2.html): the table b-trees are walked
from ``sqlite_schema``'s root pages, every leaf cell's record decoded.
A record longer than its cell's page holds the rest on a chain of
overflow pages (each starts with the next one's number): the chain is
followed and the record read whole.  Bounded by the file: every page is
visited at most once (an overflow page belongs to one record: a page met
again ends the chain, as a damaged one does), and the text stops at
three times the file's size (``ROWS_ROOM``), past which ``RowsFull``: the
rows after would be dropped unread, and a value cut by its overflow chain
holds no key whole in the raw bytes.  A page
or record that does not parse is passed over (the raw bytes are scanned
anyway)."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterator

    from together_hooks.detect.codec import View


class _Full(Exception):
    pass


class RowsFull(Exception):
    """The rows read as text past ``ROWS_ROOM`` times the file's size, or
    more cells than a quarter of its bytes (cells that overlap, a damaged
    or crafted file): the caller fails closed, as rows dropped unread
    would pass their keys."""


# How many times the file's size its rows may read as: a value's text is
# at most 2.5 times the record bytes it takes (a one-byte integer, ``-128``
# and its tab from its serial type and its byte; ``0`` and its tab from a
# serial type alone twice), a row's newline fewer than its cell's header
# bytes; only cells that share bytes read as more.
ROWS_ROOM = 3


class PackedFull(Exception):
    """More container BLOB bytes than ``_Db.packed_room`` (cells that
    overlap, a damaged or crafted file): the caller fails closed, as a
    BLOB left unopened would pass its keys unread."""

_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}
# A text encoding other than UTF-8 (0 in an empty database, an unknown
# value in a damaged one: read as UTF-8).
_CODECS = {2: 'utf-16-le', 3: 'utf-16-be'}
_SEPARATOR = b'\t'


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise IndexError  # pragma: no cover


class _Db:
    def __init__(self, data: bytes) -> None:
        self.data = data
        size = int.from_bytes(data[16:18], 'big')
        self.page_size = 65536 if size == 1 else size
        if self.page_size < 512 or self.page_size & (self.page_size - 1):
            raise ValueError('page size')
        self.usable = self.page_size - data[20]
        self.pages = len(data) // self.page_size
        # Each cell takes a 2-byte pointer and 2 bytes or more of its own:
        # more cells than a quarter of the file's bytes share them.
        self.left = len(data) // 4
        # Overflow pages already read: each belongs to one record.
        self.overflowed: set[int] = set()
        # The database's text encoding (the header's field at 56: 1 UTF-8,
        # 2 UTF-16le, 3 UTF-16be), which every text value is stored in.
        self.codec = _CODECS.get(int.from_bytes(data[56:60], 'big'))
        # BLOB values that start a compressed container (``sqlite_view``'s
        # ``packed``), and how many bytes more may be kept.
        self.packed: list[tuple[bytes, int]] | None = None
        self.packed_room = 2 * len(data)
        # The BLOBs kept, by cell and place in it: a page whose pointers
        # name one cell again gives its BLOB once.
        self.packed_seen: set[tuple[int, int]] = set()

    def payload(self, start: int, local: int, size: int) -> tuple[bytes, int]:
        """A cell's whole payload (``size`` bytes): its ``local`` bytes at
        ``start``, then its overflow chain (the page number after them;
        each page's next number, then its bytes); and where the local part
        ends.  A chain cut short (a page out of the file, read before,
        damaged) gives what it holds so far."""
        data, page_size = self.data, self.page_size
        end = start + local
        if size <= local:
            return data[start:end], end
        parts = [data[start:end]]
        have = local
        page = int.from_bytes(data[end:end + 4], 'big')
        room = self.usable - 4
        while have < size and 1 <= page <= self.pages and page not in self.overflowed:
            self.overflowed.add(page)
            base = (page - 1) * page_size
            piece = data[base + 4:base + 4 + min(room, size - have)]
            parts.append(piece)
            have += len(piece)
            page = int.from_bytes(data[base:base + 4], 'big')
        return b''.join(parts), end

    def cells(self, root: int) -> Iterator[tuple[int, int, int, int]]:
        """(rowid, payload start, local payload length, payload size) of
        every leaf cell of the table b-tree at ``root``, as they are read:
        at most ``left`` cells in all the file's tables (a crafted page's
        65,535 pointers at one cell, a table named in the schema again and
        again: 280 MB and 4 s for a 4 MB file when each table's cells were
        listed first)."""
        seen: set[int] = set()
        todo = [root]
        data, page_size, usable = self.data, self.page_size, self.usable
        while todo:
            page = todo.pop()
            if page in seen or not 1 <= page <= self.pages:
                continue
            seen.add(page)
            base = (page - 1) * page_size
            head = base + (100 if page == 1 else 0)
            kind = data[head]
            count = int.from_bytes(data[head + 3:head + 5], 'big')
            if kind == 0x05:
                todo.append(int.from_bytes(data[head + 8:head + 12], 'big'))
                pointers = head + 12
            elif kind == 0x0D:
                pointers = head + 8
            else:
                continue
            for i in range(count):
                self.left -= 1
                if self.left < 0:
                    raise _Full
                cell = base + int.from_bytes(data[pointers + 2 * i:pointers + 2 * i + 2], 'big')
                if kind == 0x05:
                    todo.append(int.from_bytes(data[cell:cell + 4], 'big'))
                    continue
                size, at = _varint(data, cell)
                rowid, at = _varint(data, at)
                if rowid >> 63:  # a 64-bit two's complement: a negative rowid
                    rowid -= 1 << 64
                local = size
                most = usable - 35
                if size > most:
                    least = (usable - 12) * 32 // 255 - 23
                    local = least + (size - least) % (usable - 4)
                    if local > most:
                        local = least
                yield rowid, at, min(local, base + page_size - at), size

    def _blob(self, blob: bytes, where: int, cell: tuple[int, int]) -> None:
        """Keep a BLOB that starts a container (an app's cache of
        ``zlib.compress``'d files): a few byte comparisons each, once per
        ``cell`` (its start and the value's place in its record), the
        bytes kept up to twice the file's (cells may share bytes); past
        that ``PackedFull``, never a BLOB dropped unread."""
        from together_hooks.detect.prefilter import container_kind

        if cell in self.packed_seen or container_kind(blob) is None:
            return
        if self.packed_room < len(blob):
            raise PackedFull
        self.packed_seen.add(cell)
        self.packed_room -= len(blob)
        self.packed.append((blob, where))  # type: ignore[union-attr]

    def records(self, root: int):  # type: ignore[no-untyped-def]
        """Each row of the table at ``root``: (rowid, where, [(value, where)])."""
        for rowid, start, local, size in self.cells(root):
            # The record whole: offsets below are into it; one past the
            # cell's local part maps to where that part ends.
            data, local_end = self.payload(start, local, size)
            end = len(data)
            header, at = _varint(data, 0)
            types = []
            while at < header and at < end:
                serial, at = _varint(data, at)
                types.append(serial)
            body = header
            values: list[tuple[bytes | int | None, int, bool]] = []
            for serial in types:
                # Where the value is in the file, and whether its bytes
                # lie there one to one (not past the cell's own page).
                where = start + body if start + body < local_end else local_end
                if serial in _INT_SIZES:
                    n = _INT_SIZES[serial]
                    values.append((int.from_bytes(data[body:body + n], 'big', signed=True), where, False))
                elif serial in (8, 9):
                    values.append((serial - 8, where, False))
                    n = 0
                elif serial == 7 or serial == 0:
                    values.append((None, where, False))
                    n = 8 if serial == 7 else 0
                else:
                    n = (serial - 12) // 2
                    if serial & 1 and self.codec is not None:
                        # UTF-16 text, read as UTF-8: its offsets are the value's start.
                        text = data[body:min(body + n, end)]
                        values.append((
                            text[:len(text) // 2 * 2].decode(self.codec, 'replace').encode('utf-8'),
                            where, False,
                        ))
                    else:
                        values.append((
                            data[body:min(body + n, end)] if serial & 1 else None, where,
                            start + body + n <= local_end,
                        ))
                    if not serial & 1 and n and self.packed is not None:
                        self._blob(data[body:min(body + n, end)], where, (start, body))
                body += n
            yield rowid, start, values


def _columns(sql: bytes) -> list[bytes]:
    """The column names of a ``CREATE TABLE`` statement."""
    open_at = sql.find(b'(')
    close_at = sql.rfind(b')')
    if open_at == -1 or close_at < open_at:
        return []
    names = []
    depth = 0
    piece = bytearray()
    for byte in sql[open_at + 1:close_at] + b',':
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
        if byte == 0x2C and depth == 0:
            words = bytes(piece).split()
            piece.clear()
            if not words:
                continue
            first = words[0].strip(b'"`[]\'')
            if first.upper() in (b'PRIMARY', b'UNIQUE', b'CONSTRAINT', b'FOREIGN', b'CHECK'):
                continue
            names.append(first)
        else:
            piece.append(byte)
    return names


def sqlite_view(data: bytes, packed: list[tuple[bytes, int]] | None = None) -> View | None:
    """The database ``data`` (a whole file starting with ``prefilter.SQLITE_MAGIC``) as
    text: per table its name, a header and its rows, tab-separated; each
    value maps to where it is in the file.  None when nothing parses.
    ``packed``, when given, gets each BLOB value that starts a container
    (``prefilter.container_kind``) and where it is in the file: its bytes
    are no text, and are opened by the caller."""
    from together_hooks.detect.codec import View

    try:
        db = _Db(data)
        db.packed = packed
        schema = list(db.records(1))
    except (ValueError, IndexError):
        return None
    except _Full:
        raise RowsFull from None
    parts: list[bytes] = []
    starts: list[int] = []
    sources: list[int] = []
    copied: list[bool] = []
    size = 0

    # Cells may share bytes (a crafted page pointing at one cell many
    # times): the text stops at ``ROWS_ROOM`` times the file's size.
    most = ROWS_ROOM * len(data) + 4096

    def put(text: bytes, source: int, verbatim: bool) -> None:
        nonlocal size
        if size > most:
            raise _Full
        starts.append(size)
        sources.append(source)
        copied.append(verbatim)
        parts.append(text)
        size += len(text)

    for _rowid, _start, row in schema:
        if len(row) < 5 or row[0][0] != b'table' or not isinstance(row[3][0], int):
            continue
        name, sql = row[1], row[4]
        columns = _columns(sql[0]) if isinstance(sql[0], bytes) else []
        put(name[0] if isinstance(name[0], bytes) else b'', name[1], name[2])
        put(b'\n' + _SEPARATOR.join(columns) + b'\n', sql[1], False)
        try:
            for rowid, start, values in db.records(row[3][0]):
                for i, (value, where, whole) in enumerate(values):
                    if i:
                        put(_SEPARATOR, where, False)
                    if isinstance(value, bytes):
                        put(value, where, whole)
                    elif isinstance(value, int):
                        put(str(value).encode(), where, False)
                    elif value is None and i == 0 and columns:
                        put(str(rowid).encode(), where, False)  # an INTEGER PRIMARY KEY
                put(b'\n', start, False)  # a record may hold no value
        except IndexError:
            continue
        except _Full:
            raise RowsFull from None
        put(b'\n', sql[1], False)
    if not parts:
        return None
    return View(b''.join(parts), 'sqlite', None, starts, sources, copied)
