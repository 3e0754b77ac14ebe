"""``engine._list_runs`` given the rule's run test (``_run_test``) skips the
value search at a span's end that holds no run of the value's characters:
the spans it gives are exactly those it gives without the test."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect import engine
from together_hooks.rules import LIST_GAP_REACH
from together_hooks.rules import RULES_BY_ID

LEGACY = RULES_BY_ID['together-legacy-api-key']
RUN = engine._run_test(LEGACY.value_run)


def _hex(rng: random.Random, n: int) -> str:
    return ''.join(rng.choice('0123456789abcdef') for _ in range(n))


def _b64(rng: random.Random, n: int) -> str:
    return ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(n))


# Values, near misses and what lies between a list's items.
_PIECE_KINDS = ('hex64', 'hex63', 'hex65', 'b64_86', 'b64_85', 'b64_63', 'gap', 'word', 'line')


def _build(rng: random.Random, kinds: list[str]) -> bytes:
    out = []
    for kind in kinds:
        if kind.startswith('hex'):
            out.append(_hex(rng, int(kind[3:])))
        elif kind.startswith('b64_'):
            out.append(_b64(rng, int(kind[4:])))
        elif kind == 'gap':
            out.append(rng.choice([', ', ',\n  ', '\n- ', '", "', ' ', '\n']))
        elif kind == 'word':
            out.append(rng.choice(['together', 'api_key', 'TOGETHER_API_KEY=', 'keys:', '# note']))
        else:
            out.append('x' * rng.randrange(1, 600) + '\n')
    return ''.join(out).encode()


def _spans(rng: random.Random, size: int) -> list[tuple[int, int]]:
    raw = []
    for _ in range(rng.randrange(1, 4)):
        lo = rng.randrange(0, size + 1)
        raw.append((lo, rng.randrange(lo, size + 1)))
    return engine._merged(raw)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECE_KINDS), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=2**32),
)
def test_the_run_test_changes_no_span(kinds, seed):
    rng = random.Random(seed)
    data = _build(rng, kinds)
    spans = _spans(rng, len(data))
    assert engine._list_runs(data, spans, LEGACY.value, RUN) == engine._list_runs(data, spans, LEGACY.value)


def test_a_list_run_on_past_the_span_is_still_followed():
    rng = random.Random(7)
    keys = [_hex(rng, 64) for _ in range(40)]
    head = b'TOGETHER_KEYS = [\n'
    data = head + b''.join(b'  "' + k.encode() + b'",\n' for k in keys) + b']\n'
    spans = [(0, len(head) + 200)]  # the name's window ends inside the list
    ran = engine._list_runs(data, spans, LEGACY.value, RUN)
    assert ran == engine._list_runs(data, spans, LEGACY.value)
    assert ran[0][1] >= data.index(keys[-1].encode()) + 64  # on to the last key


def test_a_span_whose_end_holds_no_value_is_left_as_it_is():
    data = b'together = 1\n' + b'word ' * 1000
    spans = [(0, 300), (2000, 2000 + 2 * LIST_GAP_REACH + 10)]
    assert engine._list_runs(data, spans, LEGACY.value, RUN) == spans
    assert engine._list_runs(data, spans, LEGACY.value) == spans
