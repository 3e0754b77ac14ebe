"""This repository holds no literal key: its own scanner finds nothing.

Nothing is excluded: tests, rule samples, benchmarks and docs are scanned
like any user's files, tracked and untracked-not-ignored alike.
"""
from __future__ import annotations

from pathlib import Path

from tests.cli_run import scan

CHECKOUT = Path(__file__).resolve().parent.parent


def test_scan_of_this_checkout_finds_nothing():
    r = scan('--format', 'json', cwd=CHECKOUT)
    assert r.err == ''
    doc = r.json()
    assert [(f['path'], f['line'], f['rule']) for f in doc['findings']] == []
    assert r.rc == 0
    # It really looked: the rules, the engine and these tests were scanned.
    assert doc['summary']['files_scanned'] >= 20
    assert doc['summary']['bytes_scanned'] > 50_000


def test_scan_of_this_checkout_as_a_folder_finds_nothing():
    r = scan(str(CHECKOUT), cwd=CHECKOUT.parent)
    assert (r.rc, r.out, r.err) == (0, '', '')
