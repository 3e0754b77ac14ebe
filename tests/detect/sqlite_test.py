"""SQLite databases written by Python's sqlite3: a row's columns read
apart and under their names (``detect.sqlite``), so a legacy key does
not run into the next column and its row's provider is its context."""
from __future__ import annotations

import os
import random
import sqlite3

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.sqlite import sqlite_view
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
    view = sqlite_view(bytes(data))
    assert view is not None and len(view.data) <= 2 * len(data) + 4096 + 200
