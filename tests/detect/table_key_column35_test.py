"""A table whose header names a column for Together's key (session 35,
outside35): ``team,owner,together_api_key`` over a CSV export, a
Markdown table headed ``| environment | Together API key |``, psql's and
an ``INSERT``'s column lists, an HTML table's ``<th>``.  The column's
name says whose key each of its cells is, so a row need not name a
provider, however far below its header it is; a column named for a
digest of the key (``together_api_key_sha256``) or a key's id stays
clean, as does another column of the same row (``detect.csvrow``)."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


def _hashes(text: str, path: str) -> list[str]:
    return sorted(f.hashed_secret for f in scan_bytes(text.encode(), path))


def _rows(rng: random.Random, n: int) -> str:
    return ''.join(f'team{i},user{i}@acme.io,,2024-01-{i % 28 + 1:02d}\n' for i in range(n))


FOUND = [
    # (id, path, template: {k} the key, {k2} a second one)
    ('csv-far-below', 'exports/team_keys.csv',
     'team,owner,together_api_key,created\n{rows}ml,dana@acme.io,{k},2024-05-01\n'),
    ('csv-first-column', 'keys.csv', 'together_api_key,team\n{k},ml\n'),
    ('tsv-upper-name', 'keys.tsv', 'name\tTOGETHER_API_KEY\nml\t{k}\n'),
    ('semicolons-display-name', 'keys_excel.csv', 'Team;Together API key;Owner\nml;{k};dana\n'),
    ('markdown-header-column', 'docs/environments.md',
     '| environment | Together API key | region |\n|---|---|---|\n| prod | {k} | us |\n| staging | `{k2}` | eu |\n'),
    ('markdown-header-code-name', 'docs/env.md',
     '| stage | `TOGETHER_API_KEY` |\n|---|---|\n| prod | {k} |\n'),
    ('psql-column', 'notes/query.txt',
     ' team | together_api_key\n------+-----------------\n ml   | {k}\n(1 row)\n'),
    ('sql-insert-column-list', 'db/seed.sql',
     "INSERT INTO team_keys (team, together_api_key) VALUES\n  ('ml', '{k}'),\n  ('search', '{k2}');\n"),
    ('html-th-column', 'docs/keys.html',
     '<table><tr><th>Team</th><th>Together API key</th></tr>\n<tr><td>ml</td><td>{k}</td></tr></table>\n'),
    ('csv-key-beside-digest-column', 'exports/keys.csv',
     'team,together_api_key,weights_sha256\nml,{k},{_d}\n'),
]

CLEAN = [
    ('csv-digest-of-key-column', 'exports/audit.csv', 'team,together_api_key_sha256\nml,{_d}\n'),
    ('csv-key-id-column', 'exports/ids.csv', 'team,together_api_key_id\nml,{_d}\n'),
    ('markdown-digest-row', 'docs/sums.md',
     '| file | Together API key | algo |\n|---|---|---|\n| key.txt | {_d} | sha256 |\n'),
    ('csv-other-column', 'exports/other.csv', 'team,together_api_key,commit\nml,,{_d}\n'),
    ('csv-other-provider-column', 'exports/openai.csv', 'team,openai_api_key\nml,{_d}\n'),
    # The next table of a document, its header naming nothing: its rows are
    # not the first table's.
    ('markdown-next-table', 'docs/release.md',
     '| stage | Together API key |\n|---|---|\n| prod | (in the vault) |\n\n'
     '| file | checksum |\n|---|---|\n| together-cli.tar.gz | {_d} |\n'),
    # A line of another width is no row of the table (a trailer's
    # checksum of the file).
    ('csv-trailer-other-width', 'exports/keys.csv', 'team,together_api_key\nml,\n#sha256,{_d},keys.csv\n'),
    ('csv-next-section', 'exports/report.csv',
     'team,together_api_key\nml,\n\nartifact,digest\ntogether-cli.tar.gz,{_d}\n'),
]


def _fill(template: str, seed: str) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    k, k2, d = make_hex(rng), make_hex(rng), make_hex(rng)
    text = template.format(k=k, k2=k2, _d=d, rows=_rows(rng, 40))
    return text, [x for x, name in ((k, '{k}'), (k2, '{k2}')) if name in template]


@pytest.mark.parametrize('case_id,path,template', FOUND, ids=[c[0] for c in FOUND])
def test_a_column_named_for_togethers_key_holds_its_keys(case_id, path, template):
    text, keys = _fill(template, case_id)
    assert _hashes(text, path) == sorted(map(hash_secret, keys))


@pytest.mark.parametrize('case_id,path,template', CLEAN, ids=[c[0] for c in CLEAN])
def test_a_digest_an_id_or_another_column_stays_clean(case_id, path, template):
    text, _keys = _fill(template, case_id)
    assert _hashes(text, path) == []
