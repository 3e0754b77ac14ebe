"""Markdown headings are found in time linear in the lines above a key
(bench/complexity.py, family ``tables``): a
run of ATX heading lines is looked ahead over a few lines only (16,000
``# x`` lines above a key took 18 s when each looked to the run's end)."""
from __future__ import annotations

import random

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _wiki(lines: int, key: str) -> bytes:
    return ('# x\n' * lines + f'\n## Together AI\n\napi_key: {key}\n').encode()


def test_a_long_run_of_heading_lines_still_holds_the_key_under_it():
    # (its growth: bench/complexity.py, family ``tables``)
    key = make_hex(random.Random(5))
    for lines in (8000, 16000):
        assert [f.secret for f in scan_bytes(_wiki(lines, key), 'wiki.md')] == [key]


def test_a_heading_over_its_sub_headings_still_holds_the_key():
    key = make_hex(random.Random(6))
    text = f'## Together AI\n### Production\n#### EU\n\napi_key: {key}\n'.encode()
    assert [f.secret for f in scan_bytes(text, 'wiki.md')] == [key]
