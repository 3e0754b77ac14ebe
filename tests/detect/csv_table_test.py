"""A database table's rows (a TSV dump, ``psql`` output): every Together
row's key however far below its header, the key in any column, prose
with a ``|`` or a tab left alone, and a wide row of digests read once
(``detect.csvrow.Headers``)."""
from __future__ import annotations

import random

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


def _hashes(text: str) -> list[str]:
    return sorted(f.hashed_secret for f in scan_bytes(text.encode(), 'out.txt'))


def test_a_psql_row_far_below_a_header_that_is_not_the_first_line():
    # The command line above the table, 100 other rows between: the
    # header was looked for 64 lines above a row, then on line 1 only.
    rng = random.Random(3)
    key = make_hex(rng)
    rows = ''.join(f' other{i} | {make_hex(rng)}\n' for i in range(100))
    text = (f"$ psql -c 'select provider, api_key from creds'\n provider | api_key\n"
            f'----------+---------\n{rows} together | {key}\n(101 rows)\n')
    assert _hashes(text) == [hash_secret(key)]


def test_the_key_in_a_rows_first_column():
    rng = random.Random(4)
    key = make_hex(rng)
    for text in (
            f'api_key\tprovider\n{key}\ttogether\n',
            f' api_key | provider\n---------+---------\n {key} | together\n',
            f'COPY c (api_key, provider) FROM stdin;\n{key}\ttogether\n\\.\n',
            f'api_key,provider\n{key},together\n',
    ):
        assert _hashes(text) == [hash_secret(key)], text.splitlines()[0]


def test_prose_naming_together_before_a_pipe_or_a_tab_is_no_table():
    rng = random.Random(5)
    for text in ('ssh host key for together | {}', 'deploy key for together\t{}'):
        assert _hashes(text.format(make_hex(rng))) == [], text


def _table(rows: int, width: int, seed: int) -> tuple[str, list[str]]:
    """A provider column, an api_key column, then ``width`` sha256 ones;
    every row Together's."""
    rng = random.Random(seed)
    lines = ['provider\tapi_key\t' + '\t'.join(f'sha256_{i}' for i in range(width))]
    keys = []
    for _ in range(rows):
        keys.append(make_hex(rng))
        lines.append('together\t' + keys[-1] + '\t' + '\t'.join(make_hex(rng) for _ in range(width)))
    return '\n'.join(lines) + '\n', keys


def test_every_key_of_a_table_is_found():
    text, keys = _table(80, 8, 1)
    assert _hashes(text) == sorted(hash_secret(k) for k in keys)


def test_wide_and_long_tables_have_each_key_found():
    # (each digest of a row read the row again, and the lines above it: 1 MB
    # of 60 columns took 18 s; the growth is measured in bench/complexity.py,
    # family ``tables``)
    for rows, width, seed in ((16, 14, 2), (16, 59, 3), (12, 59, 4), (48, 59, 5)):
        text, keys = _table(rows, width, seed)
        assert sorted(f.hashed_secret for f in scan_bytes(text.encode(), 'a.tsv')) == sorted(map(hash_secret, keys))
