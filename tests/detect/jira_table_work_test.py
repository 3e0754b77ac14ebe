"""Jira's and Confluence's tables (a ``||a||b||`` header over ``|x|y|``
rows) cost work linear in the rows: every row of Together's is found, and
the lines split into fields grow as the rows do, counted, not timed (a
header looked for again above each row is quadratic; bench/complexity.py,
family ``grammar``, times the ``jira-*`` baits)."""
from __future__ import annotations

import random

from tests.keys import make_hex
from together_hooks.detect import csvrow
from together_hooks.detect.engine import scan_bytes


def _table(rows: int) -> tuple[bytes, set[str]]:
    rng = random.Random(rows)
    keys = [make_hex(rng) for _ in range(rows)]
    body = ''.join(f'|Together AI|{k}|\n|OpenAI|x{i}|\n' for i, k in enumerate(keys))
    # (code lines starting ``||`` above it: no header of a table of keys)
    return ('  || a || b\n' * rows + '||Service||API key||\n' + body).encode(), set(keys)


def _work(monkeypatch, rows: int) -> tuple[int, int]:
    """(lines split into fields, passes over the file for its headers)."""
    calls = {'fields': 0, 'index': 0}
    fields, index = csvrow._fields, csvrow.Headers._index

    def counted_fields(line, delimiter=','):
        calls['fields'] += 1
        return fields(line, delimiter)

    def counted_index(self):
        calls['index'] += 1
        return index(self)

    monkeypatch.setattr(csvrow, '_fields', counted_fields)
    monkeypatch.setattr(csvrow.Headers, '_index', counted_index)
    data, keys = _table(rows)
    assert {f.secret for f in scan_bytes(data, 'wiki.txt')} == keys
    return calls['fields'], calls['index']


def test_a_jira_table_is_read_in_work_linear_in_its_rows(monkeypatch):
    (small, small_passes), (large, large_passes) = _work(monkeypatch, 25), _work(monkeypatch, 100)
    assert small >= 25  # every row was split
    assert large <= 5 * small, (small, large)
    # the headers found in one pass over the file, not one pass a row
    assert small_passes == large_passes == 1, (small_passes, large_passes)
