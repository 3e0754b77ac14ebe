"""An HTML table a notebook stores as a JSON list of lines (pandas'
DataFrame in a ``text/html`` output): its cells read as an HTML table's
(``csvrow._cells``), the seam between two lines' strings (``\\n",`` then
the next ``"``) no part of a cell's text.  A Together row's credential is
a key; a ``sha256`` column and another provider's row stay clean.  One
folder, one real scan in process."""
from __future__ import annotations

import json

from tests.cli_run import scan_in_process as scan
from together_hooks.findings import hash_secret


def _notebook(columns: list[str], rows: list[list[str]]) -> str:
    html = ['<table border="1" class="dataframe">\n', '  <thead>\n', '    <tr style="text-align: right;">\n',
            '      <th></th>\n'] + [f'      <th>{c}</th>\n' for c in columns] + ['    </tr>\n', '  </thead>\n', '  <tbody>\n']
    for i, row in enumerate(rows):
        html += ['    <tr>\n', f'      <th>{i}</th>\n'] + [f'      <td>{v}</td>\n' for v in row] + ['    </tr>\n']
    html += ['  </tbody>\n', '</table>\n']
    cell = {'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'source': ['df'],
            'outputs': [{'data': {'text/html': html, 'text/plain': ['(table)']}, 'execution_count': 1,
                         'metadata': {}, 'output_type': 'execute_result'}]}
    return json.dumps({'cells': [cell], 'nbformat': 4, 'nbformat_minor': 5}, indent=1) + '\n'


def test_a_dataframe_table_in_a_notebook_is_read_as_a_table(tmp_path, keys):
    key, other, digest = keys('hex'), keys('hex'), keys('hex')
    files = {
        'creds.ipynb': (_notebook(['provider', 'api_key'], [['openai', ''], ['together', key]]), {key}),
        'other.ipynb': (_notebook(['provider', 'api_key'], [['fireworks', other]]), set()),
        'wheels.ipynb': (_notebook(['package', 'sha256'], [['together', digest]]), set()),
    }
    for rel, (text, _want) in files.items():
        (tmp_path / rel).write_text(text, encoding='utf-8')
    result = scan('--format', 'json', '.', cwd=tmp_path)
    assert result.rc == 1, result.err
    found: dict[str, set[str]] = {rel: set() for rel in files}
    for f in result.json()['findings']:
        found[f['path']].add(f['hashed_secret'])
    for rel, (_text, want) in files.items():
        assert found[rel] == {hash_secret(k) for k in want}, rel
