"""A wide table of digests: each key of a row (a table of many digest
columns) reads the row and looks for its headers once, not once a key (60
columns of 1 MB took 18 s; its time at 4x the bytes: ``bench/complexity.py``)."""
from __future__ import annotations

from tests.detect.baits import wide_table as _table
from together_hooks.detect.engine import scan_bytes


def test_a_wide_table_of_digests_is_no_key():
    # (its time at twice the columns and twice the rows: bench/complexity.py)
    assert scan_bytes(_table(15, 40), 't.tsv') == []  # digests: no key, no finding
