"""A wide table's rows cost in proportion to their size: each key of a row
(a table of many digest columns) reads the row and looks for its headers
once, not once a key (60 columns of 1 MB took 18 s)."""
from __future__ import annotations

import hashlib

from tests.detect.adversarial_test import assert_linear
from together_hooks.detect.engine import scan_bytes


def _table(columns: int, rows: int) -> bytes:
    head = '\t'.join(['provider'] + [f'sha256_{i}' for i in range(columns)])
    body = [
        '\t'.join(['together'] + [hashlib.sha256(f'{r}-{i}'.encode()).hexdigest() for i in range(columns)])
        for r in range(rows)
    ]
    return ('\n'.join([head, *body]) + '\n').encode()


def test_a_wide_table_of_digests_scans_in_linear_time():
    # (twice the columns and twice the rows: 4x the bytes)
    small, large = _table(15, 40), _table(30, 80)
    assert scan_bytes(small, 't.tsv') == []  # digests: no key, no finding
    assert_linear(lambda: scan_bytes(small, 't.tsv'), lambda: scan_bytes(large, 't.tsv'))
