"""A password manager's CSV export: every Together row's key, however far
below the header (past a large file's first window too), in time linear
in the export's size (``detect.csvrow.Headers``: the headers are found
once, not looked for above each row)."""
from __future__ import annotations

import random

from tests.cli_run import run_in_process as run
from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.fileio import WINDOW
from together_hooks.findings import hash_secret

HEADER = 'Title,Website,Username,Password,Notes'


def _row(rng: random.Random, title: str, site: str, pad: int) -> tuple[str, str]:
    key = make_hex(rng)
    return f'{title},{site},alice,{key},{"n" * pad}', key


def _export(rows: int, others: int = 0, pad: int = 3000, seed: int = 0) -> tuple[bytes, list[str]]:
    """``others`` rows of other sites, then ``rows`` Together rows."""
    rng = random.Random(seed)
    lines = [HEADER]
    keys = []
    for i in range(others):
        lines.append(_row(rng, f'Site {i}', f'https://s{i}.example', pad)[0])
    for i in range(rows):
        line, key = _row(rng, f'Together AI {i}', 'https://api.together.xyz', pad)
        lines.append(line)
        keys.append(key)
    return ('\n'.join(lines) + '\n').encode(), keys


def test_every_together_row_of_a_long_export_is_found():
    data, keys = _export(300)
    assert {f.hashed_secret for f in scan_bytes(data, 'export.csv')} == {hash_secret(k) for k in keys}


def test_a_row_far_below_its_header_is_found():
    # 200 rows of other sites between the header and the Together row (the
    # header was looked for 64 lines above a row at most).
    data, keys = _export(1, others=200, pad=20)
    assert [f.hashed_secret for f in scan_bytes(data, 'export.csv')] == [hash_secret(keys[0])]


def test_the_nearest_header_above_decides():
    # A second table below whose credential column is elsewhere: the row
    # under it is read by its own header, not the file's first.
    rng = random.Random(5)
    row, key = _row(rng, 'Together AI', 'https://api.together.xyz', 0)
    data = f'{HEADER}\nx,https://x.example,bob,y,\n\nTitle,Website,Username,Notes,Password\n{row}\n'.encode()
    assert scan_bytes(data, 'export.csv') == []
    data = f'{HEADER}\nx,https://x.example,bob,y,\n\nTitle,Website,Username,Password,Notes\n{row}\n'.encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'export.csv')] == [hash_secret(key)]


def test_many_together_rows_are_each_found():
    # (each row once read the lines above it, up to 64: 500 rows of 3 KB
    # took 8-11 s; its growth is measured in bench/complexity.py, family
    # ``tables``)
    for rows, seed in ((16, 1), (64, 2)):
        data, keys = _export(rows, seed=seed)
        assert sorted(f.hashed_secret for f in scan_bytes(data, 'export.csv')) == sorted(map(hash_secret, keys))


def test_a_together_row_windows_below_the_header_of_a_large_export(tmp_path):
    # Over 4 MB, read in windows: the Together rows are past the first
    # window, which alone holds the header (the file's first line).
    others = 2 * WINDOW // 3000
    data, keys = _export(3, others=others)
    assert len(data) > 2 * WINDOW
    (tmp_path / 'export.csv').write_bytes(data)
    result = run('together-hooks', 'scan', '--format', 'json', 'export.csv', cwd=tmp_path)
    assert result.rc == 1, result.err
    assert sorted(h for _p, _l, _r, h in result.found()) == sorted(hash_secret(k) for k in keys)
    # Not a password manager's export: no finding, windowed or not.
    (tmp_path / 'export.csv').write_bytes(data.replace(b'Username', b'Request ID', 1))
    result = run('together-hooks', 'scan', '--format', 'json', 'export.csv', cwd=tmp_path)
    assert result.rc == 0, result.err


def test_a_table_header_between_does_not_hide_the_export_header():
    # A line shaped like a database table's header (a credential and an
    # owner column) between the export's header and a Together row whose
    # columns it does not fit: the export's header still reads the row.
    rng = random.Random(6)
    row, key = _row(rng, 'Together AI', 'https://api.together.xyz', 0)
    data = f'{HEADER}\nx,https://x.example,bob,y,\nprovider,secret\n{row}\n'.encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'export.csv')] == [hash_secret(key)]


def test_a_windowed_export_whose_header_is_its_second_line(tmp_path):
    # A title or ``sep=,`` line first: the header is line 2; the Together
    # rows are past the first window.
    others = 2 * WINDOW // 3000
    data, keys = _export(3, others=others)
    for first in (b'sep=,\n', b'1Password export 2024-05-01\n'):
        (tmp_path / 'export.csv').write_bytes(first + data)
        result = run('together-hooks', 'scan', '--format', 'json', 'export.csv', cwd=tmp_path)
        assert result.rc == 1, result.err
        assert sorted(h for _p, _l, _r, h in result.found()) == sorted(hash_secret(k) for k in keys)
