"""Thousands of short base64 values, each decoded: the keywords are looked
for in a value with one search, not one ``find`` per keyword and again
to place the first (``codec.any_keyword``).  Base64 tokens of ``tgp_v1_``
alone cost 3-4 CPU-s a MB when each value walked every keyword twice.
Counted as passes over the keywords, not timed."""
from __future__ import annotations

import base64
import random

from together_hooks.detect import codec
from together_hooks.rules import RULES


class _Counted(tuple):
    """The keywords, counting each walk over them."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()

    def __hash__(self):
        return tuple.__hash__(self)

    def __eq__(self, other):
        return tuple.__eq__(self, other)


def _plain() -> tuple[bytes, ...]:
    return tuple(k for rule in RULES for k in rule.keywords + rule.b64_keywords)


def test_many_encoded_keywords_walk_the_keywords_a_few_times():
    token = base64.b64encode(b'tgp_v1_')
    data = (token + b' ') * 2000
    hits = [i * (len(token) + 1) for i in range(2000)]
    _Counted.walks = 0
    view = codec.b64_view(data, hits, _Counted(_plain()))
    assert view is not None and view.data.count(b'tgp_v1_') == 2000
    assert _Counted.walks <= 4, _Counted.walks  # 4000 when each value walked them twice


def test_the_first_keyword_is_where_the_least_find_is():
    plain = _plain()
    rng = random.Random('any-of')
    words = [*plain, b'x', b'_', b'tgp', b'\n', b'==']
    for _ in range(2000):
        raw = b''.join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        found = codec.any_keyword(plain).search(raw)
        places = [i for i in (raw.find(k) for k in plain) if i != -1]
        assert (found.start() if found else None) == (min(places) if places else None)
