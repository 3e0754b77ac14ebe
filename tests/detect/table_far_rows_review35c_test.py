"""A table whose header names a column for Together's key holds its
keys however far below the header they are (session 35, review35c).

Outside35 made such a column's cells Together's (``csvrow._Header.together``)
but the table's rows were read only within the legacy rule's reach of the
header's Together name (about 4 KB): a CSV export's 57th row on was never
read, so a key 300 rows down, and all but the first 57 keys of a long
export, passed; and a window of a large file past its header (its head,
``Budget.head``) was not read at all, as no keyword is in it.  Now every
line of such a table holding a run of hex is read
(``csvrow.Headers.together_tables``, ``engine._run_lines``), and a window
whose file's head is such a header is (``engine._head_tables``); an HTML
table whose header row names the column, whole.  Decoys:
the same far rows in the next section, in another column, in a row of
another width, a digest row, a column named for the key's digest."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.fileio import WINDOW
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

# Filler rows enough to put the last row 5-8 KB below its header (past
# the legacy rule's reach of the header's name).
N = 400

FOUND = [
    # (id, path, header, filler row (i), last row with {k})
    ('csv', 'exports/keys.csv', 'team,owner,together_api_key\n', 'team{i},u{i},\n', 'ml,dana,{k}\n'),
    ('tsv', 'exports/keys.tsv', 'team\towner\tTOGETHER_API_KEY\n', 'team{i}\tu{i}\t\n', 'ml\tdana\t{k}\n'),
    ('markdown', 'docs/keys.md', '| team | owner | Together API key |\n|---|---|---|\n', '| team{i} | u{i} | |\n',
     '| ml | dana | `{k}` |\n'),
    ('psql', 'notes/query.txt', ' team | owner | together_api_key\n------+-------+-----\n', ' team{i} | u{i} | \n',
     ' ml | dana | {k}\n'),
    ('excel-semicolons', 'exports/excel.csv', 'sep=;\nTeam;Owner;Together API Key\n', 'team{i};u{i};\n',
     'ml;dana;{k}\n'),
    ('html', 'docs/keys.html', '<table>\n<tr><th>Team</th><th>Owner</th><th>Together API key</th></tr>\n',
     '<tr><td>team{i}</td><td>u{i}</td><td></td></tr>\n', '<tr><td>ml</td><td>dana</td><td><code>{k}</code></td></tr>\n</table>\n'),
    ('quoted-bom-header', 'exports/keys.csv', '\ufeff"team","owner","together_api_key"\n', '"team{i}","u{i}",""\n',
     '"ml","dana","{k}"\n'),
]

CLEAN = [
    ('next-section', 'exports/report.csv', 'team,owner,together_api_key\n', 'team{i},u{i},\n',
     '\nartifact,size,digest\ntogether-cli.tar.gz,1,{k}\n'),
    ('other-column', 'exports/keys.csv', 'team,together_api_key,commit\n', 'team{i},,\n', 'ml,,{k}\n'),
    ('other-width', 'exports/keys.csv', 'team,together_api_key\n', 'team{i},\n', 'ml,{k},x\n'),
    ('digest-row', 'exports/sums.csv', 'file,together_api_key,algo\n', 'f{i},,\n', 'k.txt,{k},sha256\n'),
    ('digest-header', 'exports/audit.csv', 'team,together_api_key_sha256\n', 'team{i},\n', 'ml,{k}\n'),
    ('html-other-column', 'docs/keys.html', '<table>\n<tr><th>Team</th><th>Together API key</th><th>Commit</th></tr>\n',
     '<tr><td>team{i}</td><td></td><td></td></tr>\n', '<tr><td>ml</td><td></td><td>{k}</td></tr>\n</table>\n'),
    ('html-next-table', 'docs/keys.html', '<table>\n<tr><th>Team</th><th>Together API key</th></tr>\n',
     '<tr><td>team{i}</td><td></td></tr>\n',
     '</table>\n<table><tr><th>File</th><th>Checksum</th></tr>\n<tr><td>together.tgz</td><td>{k}</td></tr></table>\n'),
    ('markdown-other-column', 'docs/keys.md', '| team | Together API key | model digest |\n|---|---|---|\n',
     '| team{i} | | |\n', '| ml | | {k} |\n'),
]


def _text(case_id: str, header: str, filler: str, last: str) -> tuple[str, str]:
    k = make_hex(random.Random(case_id))
    return header + ''.join(filler.format(i=i) for i in range(N)) + last.format(k=k), k


def _hashes(text: str, path: str) -> list[str]:
    return sorted(f.hashed_secret for f in scan_bytes(text.encode(), path))


@pytest.mark.parametrize('case_id,path,header,filler,last', FOUND, ids=[c[0] for c in FOUND])
def test_a_key_far_below_a_together_key_column_header_is_found(case_id, path, header, filler, last):
    text, k = _text(case_id, header, filler, last)
    assert len(text) > 5000
    assert _hashes(text, path) == [hash_secret(k)]


@pytest.mark.parametrize('case_id,path,header,filler,last', CLEAN, ids=[c[0] for c in CLEAN])
def test_a_far_digest_outside_the_column_stays_clean(case_id, path, header, filler, last):
    text, _k = _text(case_id, header, filler, last)
    assert _hashes(text, path) == []


def test_every_key_of_a_long_together_key_column_is_found():
    rng = random.Random('long-column')
    keys = [make_hex(rng) for _ in range(300)]
    text = 'team,together_api_key\n' + ''.join(f'team{i},{k}\n' for i, k in enumerate(keys))
    assert _hashes(text, 'exports/keys.csv') == sorted(map(hash_secret, keys))


def _file_scan(tmp_path, name: str, data: bytes) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_bytes(data)
    return sorted((f.line, f.hashed_secret) for f in Scanner().scan_one(Content(name, fs_path=str(path))))


@pytest.fixture(scope='module')
def large_rows() -> bytes:
    # rows enough to put the last past the first window of the file
    row = b'team0000000,u0000000,\n'
    return row * (WINDOW // len(row) * 5 // 4)


def test_a_key_in_a_window_past_the_header_is_found(tmp_path, large_rows):
    """The second window of a large CSV holds no keyword: its file's head,
    the header naming Together's key column, says its rows are read."""
    k, d = make_hex(random.Random('window')), make_hex(random.Random('window-decoy'))
    data = b'team,owner,together_api_key\n' + large_rows + f'ml,dana,{k}\n'.encode()
    line = data.count(b'\n')
    assert _file_scan(tmp_path, 'keys.csv', data) == [(line, hash_secret(k))]
    decoy = b'team,owner,together_api_key,commit\n' + large_rows.replace(b',\n', b',,\n') + f'ml,dana,,{d}\n'.encode()
    assert _file_scan(tmp_path, 'decoy.csv', decoy) == []
