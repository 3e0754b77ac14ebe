"""Markdown headings are found in time linear in the lines above a key: a
run of ATX heading lines is looked ahead over a few lines only (16,000
``# x`` lines above a key took 18 s when each looked to the run's end)."""
from __future__ import annotations

import random

from tests.detect.adversarial_test import cpu
from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _wiki(lines: int, key: str) -> bytes:
    return ('# x\n' * lines + f'\n## Together AI\n\napi_key: {key}\n').encode()


def test_a_long_run_of_heading_lines_costs_in_proportion():
    key = make_hex(random.Random(5))
    small, large = _wiki(8000, key), _wiki(16000, key)
    # (the heading under the run still holds its key)
    assert [f.secret for f in scan_bytes(small, 'wiki.md')] == [key]
    scan_bytes(large, 'wiki.md')
    t_small = t_large = float('inf')
    for round_ in range(5):
        t_small = min(t_small, cpu(lambda: scan_bytes(small, 'wiki.md')))
        t_large = min(t_large, cpu(lambda: scan_bytes(large, 'wiki.md')))
        # twice the input: a quadratic walk takes 4x, a linear one 2x
        ratio = t_large / max(t_small, 0.002)
        if round_ >= 1 and ratio < 3:
            return
    assert ratio < 3, f'2x the lines took {ratio:.1f}x the CPU ({t_small:.3f}s, {t_large:.3f}s)'


def test_a_heading_over_its_sub_headings_still_holds_the_key():
    key = make_hex(random.Random(6))
    text = f'## Together AI\n### Production\n#### EU\n\napi_key: {key}\n'.encode()
    assert [f.secret for f in scan_bytes(text, 'wiki.md')] == [key]
