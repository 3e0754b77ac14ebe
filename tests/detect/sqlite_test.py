"""SQLite databases written by Python's sqlite3: a row's columns read
apart and under their names (``detect.sqlite``), so a legacy key does
not run into the next column and its row's provider is its context."""
from __future__ import annotations

import os
import random
import sqlite3

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.sqlite import RowsFull
from together_hooks.detect.sqlite import sqlite_view
from together_hooks.errors import InputError
from tests.keys import make_hex
from tests.keys import make_key


def _db(tmp_path, name: str, setup) -> bytes:  # type: ignore[no-untyped-def]
    path = os.path.join(tmp_path, name)
    con = sqlite3.connect(path)
    setup(con)
    con.commit()
    con.close()
    with open(path, 'rb') as f:
        return f.read()


@pytest.mark.parametrize('after', ['2024-05-01', '1714521600', ''])
def test_a_legacy_key_beside_its_provider(tmp_path, after: str) -> None:
    key = make_hex(random.Random(after))

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table credentials (provider text, api_key text, created text)')
        con.execute('insert into credentials values (?, ?, ?)', ('together', key, after))
    assert [f.secret for f in scan_bytes(_db(tmp_path, 'a.db', setup), 'a.db')] == [key]


def test_many_rows_over_interior_pages(tmp_path) -> None:
    rng = random.Random('many')
    keys = [make_hex(rng) for _ in range(300)]

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table "api keys" (id integer primary key, vendor text, secret text, n int)')
        con.execute('create table notes (body text)')
        con.executemany('insert into notes values (?)', [('x' * 500,)] * 50)
        con.executemany(
            'insert into "api keys" (vendor, secret, n) values (?, ?, ?)',
            [('together', k, 7) for k in keys],
        )
    found = {f.secret for f in scan_bytes(_db(tmp_path, 'b.db', setup), 'b.db')}
    assert found == set(keys)


def test_current_keys_stay_found(tmp_path) -> None:
    key = make_key(random.Random('current'))

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table settings (name text, value text)')
        con.execute('insert into settings values (?, ?)', ('TOGETHER_API_KEY', key))
    assert [f.secret for f in scan_bytes(_db(tmp_path, 'c.db', setup), 'c.db')] == [key]


def test_digests_and_other_providers_stay_clean(tmp_path) -> None:
    rng = random.Random('clean')

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table files (provider text, sha256 text)')
        con.execute('insert into files values (?, ?)', ('together', make_hex(rng)))
        con.execute('create table credentials (provider text, api_key text)')
        con.execute('insert into credentials values (?, ?)', ('openai', make_hex(rng)))
    assert scan_bytes(_db(tmp_path, 'd.db', setup), 'd.db') == []


def test_a_damaged_database_is_passed_over(tmp_path) -> None:
    key = make_hex(random.Random('damaged'))

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table credentials (provider text, api_key text)')
        con.execute('insert into credentials values (?, ?)', ('together', key))
    data = _db(tmp_path, 'e.db', setup)
    for cut in (20, 100, 1000, len(data) - 1):
        scan_bytes(data[:cut], 'e.db')  # no exception
    garbled = bytearray(data)
    garbled[16:18] = b'\x00\x03'  # a page size no database has
    assert sqlite_view(bytes(garbled)) is None
    rng = random.Random('noise')
    for _ in range(50):
        noisy = bytearray(data)
        for _ in range(20):
            noisy[rng.randrange(100, len(noisy))] = rng.randrange(256)
        sqlite_view(bytes(noisy))  # parses or gives up, never raises


def test_cells_sharing_bytes_are_bounded(tmp_path) -> None:
    # A crafted leaf page pointing at its one cell 1,500 times.
    key = make_hex(random.Random('bomb'))

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table credentials (provider text, api_key text)')
        con.execute('insert into credentials values (?, ?)', ('together', key))
    data = bytearray(_db(tmp_path, 'f.db', setup))
    page = 4096  # Python's sqlite3 default; page 2 is the table's root
    assert int.from_bytes(data[16:18], 'big') == page and data[page] == 0x0D
    pointer = data[page + 8:page + 10]
    data[page + 3:page + 5] = (1500).to_bytes(2, 'big')
    data[page + 8:page + 8 + 3000] = pointer * 1500
    # Its rows past three times the file: not read on (bounded), and not
    # passed either (the rows after would be dropped unread): one line, exit 2.
    with pytest.raises(RowsFull):
        sqlite_view(bytes(data))
    with pytest.raises(InputError, match='rows read as more than 3 times its size'):
        scan_bytes(bytes(data), 'f.db')


def _crafted(pages: int, pointers: int, record: bytes, tail: bytes = b'') -> bytes:
    """A database of 64 KB pages: its schema names one table ``pointers``
    times (one cell, pointed at again and again), page 2 is an interior
    page over pages 3 to ``pages``, each a leaf pointing ``pointers``
    times at its one cell holding ``record``; ``tail`` after the pages."""
    size = 65536
    out = [bytearray(size) for _ in range(pages)]

    def serial(text: bytes) -> int:
        return 2 * len(text) + 13

    sql = b'CREATE TABLE together_keys (api_key TEXT)'
    values = [b'table', b'together_keys', b'together_keys', b'\x02', sql]
    types = bytes([serial(values[0]), serial(values[1]), serial(values[2]), 1])
    types += bytes([0x80 | serial(sql) >> 7, serial(sql) & 0x7F])
    schema = bytes([len(types) + 1]) + types + b''.join(values)
    cell = bytes([len(schema), 1]) + schema
    first = out[0]
    first[:16] = b'SQLite format 3\0'
    first[16:18] = (1).to_bytes(2, 'big')  # 64 KB pages
    first[18:24] = bytes([1, 1, 0, 64, 32, 32])
    first[100] = 0x0D
    first[103:105] = pointers.to_bytes(2, 'big')
    first[size - len(cell):] = cell
    first[108:108 + 2 * pointers] = (size - len(cell)).to_bytes(2, 'big') * pointers
    interior = out[1]
    kids = list(range(3, pages + 1))
    interior[0] = 0x05
    interior[3:5] = (len(kids) - 1).to_bytes(2, 'big')
    interior[8:12] = kids[-1].to_bytes(4, 'big')
    at = size
    for i, kid in enumerate(kids[:-1]):
        child = kid.to_bytes(4, 'big') + bytes([i + 1])
        at -= len(child)
        interior[at:at + len(child)] = child
        interior[12 + 2 * i:14 + 2 * i] = at.to_bytes(2, 'big')
    leaf_cell = bytes([len(record), 1]) + record
    for kid in kids:
        leaf = out[kid - 1]
        leaf[0] = 0x0D
        leaf[3:5] = pointers.to_bytes(2, 'big')
        leaf[size - len(leaf_cell):] = leaf_cell
        leaf[8:8 + 2 * pointers] = (size - len(leaf_cell)).to_bytes(2, 'big') * pointers
    return b''.join(out) + tail


def test_a_record_of_no_values_is_passed_over_and_the_file_still_scanned() -> None:
    # A record whose header lists no value: was an internal error (exit 2)
    # for the whole file, a key in its raw bytes never reported.
    key = make_key(random.Random('empty-record'))
    data = _crafted(4, 8, b'\x01', tail=f'\nTOGETHER_API_KEY={key}\n'.encode())
    view = sqlite_view(data)
    assert view is not None and b'together_keys' in view.data
    assert [f.secret for f in scan_bytes(data, 'a.db')] == [key]


def test_cells_and_tables_named_again_and_again_cost_work_bounded_by_the_file(monkeypatch) -> None:
    # 4 MB of such pages: 280 MB and 4 s before a table's cells were
    # counted against the file (1.5 GB and 24 s once the record of no
    # values above no longer failed first).
    from together_hooks.detect import sqlite

    calls = 0
    real = sqlite._varint

    def counted(data: bytes, at: int) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return real(data, at)

    monkeypatch.setattr(sqlite, '_varint', counted)
    data = _crafted(6, 30000, b'\x02\x08')  # one value: the integer 0
    with pytest.raises(RowsFull):  # more cells than the file holds room for
        sqlite_view(data)
    assert calls <= 2 * len(data), (calls, len(data))  # 1,990,440 before


def _overflowing(tmp_path, name: str, key: str, legacy: bool) -> list[bytes]:
    """Databases whose one value is longer than a page, ``key`` in its
    tail on overflow pages, cut by a page's edge in every one (the raw
    file does not hold it whole): SQLite fills the overflow pages from the
    value's end, so what follows the key decides where the edge falls."""
    out = []
    for pad in range(0, 4096, 13):
        value = (
            'x' * 3000 + f'\nTOGETHER_API_KEY={key}\n' + 'y' * (2000 + pad) if legacy
            else '{"notes": "%s", "api_key": "%s", "tail": "%s"}' % ('n' * 5000, key, 't' * pad)
        )

        def setup(con, value: str = value):  # type: ignore[no-untyped-def]
            con.execute('create table settings (name text, value text)')
            con.execute('insert into settings values (?, ?)', ('app', value))
        data = _db(tmp_path, name, setup)
        os.remove(os.path.join(tmp_path, name))
        if key.encode() not in data:
            out.append(data)
    return out


@pytest.mark.parametrize('legacy', [False, True])
def test_a_key_cut_by_an_overflow_page_edge(tmp_path, legacy: bool) -> None:
    # Was missed: a value's part on overflow pages was not read.
    rng = random.Random(f'overflow{legacy}')
    key = make_hex(rng) if legacy else make_key(rng)
    cut = _overflowing(tmp_path, 'o.db', key, legacy)
    assert len(cut) >= 3
    for data in cut[:3]:
        assert [f.secret for f in scan_bytes(data, 'o.db')] == [key]


def test_overflow_chains_shared_or_looping_cost_work_bounded_by_the_file(tmp_path, monkeypatch) -> None:
    # 300 records each claiming a long value, every overflow pointer
    # rewritten to the first record's chain, whose last page points back
    # at its first: each overflow page is read once in the whole file.
    from together_hooks.detect import sqlite

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table notes (body text)')
        con.executemany('insert into notes values (?)', [('z' * 9000,)] * 300)
    data = bytearray(_db(tmp_path, 'n.db', setup))
    db = sqlite._Db(bytes(data))
    cells = list(db.cells(2))
    assert len(cells) == 300 and all(size > local for _r, _s, local, size in cells)
    first = data[cells[0][1] + cells[0][2]:cells[0][1] + cells[0][2] + 4]
    chain, page = [], int.from_bytes(first, 'big')
    while page:
        chain.append(page)
        page = int.from_bytes(data[(page - 1) * 4096:(page - 1) * 4096 + 4], 'big')
    data[(chain[-1] - 1) * 4096:(chain[-1] - 1) * 4096 + 4] = first
    for _rowid, start, local, _size in cells:
        data[start + local:start + local + 4] = first
    read = 0
    real = sqlite._Db.payload

    def counted(self, start: int, local: int, size: int):  # type: ignore[no-untyped-def]
        nonlocal read
        out = real(self, start, local, size)
        read += len(out[0])
        return out

    monkeypatch.setattr(sqlite._Db, 'payload', counted)
    view = sqlite_view(bytes(data))
    assert view is not None and view.data.count(b'z' * 9000) == 1
    assert read <= 2 * len(data), (read, len(data))


@pytest.mark.parametrize('encoding', ['UTF-16le', 'UTF-16be'])
def test_a_utf16_database_is_read_in_its_encoding(tmp_path, encoding: str) -> None:
    # The header's text encoding (2, 3): every text value, the schema's
    # names and SQL too, is UTF-16; read as UTF-8 (before, the view held
    # NULs between the letters and no rule read a row).
    rng = random.Random(encoding)
    legacy, current, digest = make_hex(rng), make_key(rng), make_hex(rng)

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute(f"pragma encoding = '{encoding}'")
        con.execute('create table credentials (provider text, api_key text, created text)')
        con.execute('insert into credentials values (?, ?, ?)', ('together', legacy, '2024-05-01'))
        con.execute('create table settings (name text, value text)')
        con.execute('insert into settings values (?, ?)', ('TOGETHER_API_KEY', current))
        con.execute('create table files (provider text, sha256 text)')
        con.execute('insert into files values (?, ?)', ('together', digest))
    data = _db(tmp_path, 'w.db', setup)
    view = sqlite_view(data)
    assert view is not None
    assert b'provider\tapi_key\tcreated\ntogether\t' + legacy.encode() + b'\t2024-05-01\n' in view.data
    assert sorted(f.secret for f in scan_bytes(data, 'w.db')) == sorted([legacy, current])



def test_rows_of_small_integers_before_a_key_cut_by_an_overflow_page(tmp_path) -> None:
    # A table of small integers reads as ~2.5 times its bytes (``-100`` and
    # a tab from 2 record bytes): its text passed twice the file's size and
    # the tables after it were dropped unread, a key cut by an overflow
    # page's edge there passed (the raw bytes do not hold it whole).
    key = make_key(random.Random('rows-room'))

    def notes(con, pad: int) -> None:  # type: ignore[no-untyped-def]
        con.execute('create table notes (body text)')
        con.execute('insert into notes values (?)', ('x' * 5000 + f' TOGETHER_API_KEY={key} ' + 'y' * pad,))
    # Where a page's edge falls in the value depends on its size alone:
    # found on a small database, then written after the integers.
    # (a stride shorter than the key meets an edge inside it)
    pad = next(p for p in range(0, 4096, 40) if key.encode() not in _db(tmp_path, f'n{p}.db', lambda con: notes(con, p)))

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('create table metrics (%s)' % ', '.join(f'c{i} integer' for i in range(60)))
        con.executemany('insert into metrics values (%s)' % ', '.join('?' * 60), [(-100,) * 60] * 2000)
        notes(con, pad)
    data = _db(tmp_path, 'm.db', setup)
    assert key.encode() not in data
    view = sqlite_view(data)
    assert view is not None and len(view.data) > 2 * len(data)
    assert [f.secret for f in scan_bytes(data, 'm.db')] == [key]


@pytest.mark.parametrize('encoding', ['UTF-8', 'UTF-16le', 'UTF-16be'])
def test_the_densest_real_databases_read_within_their_room(tmp_path, encoding: str) -> None:
    # What reads as the most text a record byte, as sqlite3 writes it:
    # one-byte integers (``-128`` and a tab from 2 bytes), ``0`` (a serial
    # type alone), an INTEGER PRIMARY KEY's rowid (its varint in the cell,
    # 9 bytes for a negative one), CJK text in UTF-16 (2 bytes, 3 in
    # UTF-8), on the smallest pages: never past ``ROWS_ROOM``, so a
    # legitimate database never exits 2.
    from together_hooks.detect.sqlite import ROWS_ROOM

    def setup(con):  # type: ignore[no-untyped-def]
        con.execute('pragma synchronous = off')
        con.execute('pragma page_size = 512')
        con.execute(f"pragma encoding = '{encoding}'")
        con.execute('create table small (%s)' % ', '.join(f'c{i} integer' for i in range(60)))
        con.executemany('insert into small values (%s)' % ', '.join('?' * 60), [(-128,) * 60, (0,) * 60] * 40)
        con.execute('create table ids (id integer primary key, n integer)')
        con.executemany('insert into ids values (?, ?)', [(i, -128) for i in range(-300, 16383, 97)])
        con.execute('create table names (t text)')
        con.executemany('insert into names values (?)', [('漢字かな' * 30,)] * 20)
    data = _db(tmp_path, 'dense.db', setup)
    view = sqlite_view(data)
    assert view is not None and b'-128\t-128' in view.data and '漢字かな'.encode() in view.data
    assert b'\n-300\t-128\n' in view.data  # the rowid, read from its cell
    assert len(data) < len(view.data) <= 2.5 * len(data) < ROWS_ROOM * len(data)
    assert scan_bytes(data, 'dense.db') == []
