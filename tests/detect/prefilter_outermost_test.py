"""The screen's keywords (needles that hold no other needle) are what the
pairwise definition gives: on the rules' own needles and on seeded random
sets over a small alphabet, where needles overlap, nest, repeat a letter
and would match across the seam of two joined needles."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect import engine
from together_hooks.detect import prefilter
from together_hooks.rules import RULES


def pairwise(needles: set[bytes]) -> tuple[bytes, ...]:
    return tuple(sorted(k for k in needles if not any(o != k and o in k for o in needles)))


def test_the_rules_needles_give_the_pairwise_keywords():
    screen = engine.keyword_screen(tuple(RULES))
    assert screen.keywords == pairwise(set(screen.needles))
    assert len(screen.keywords) < len(screen.needles)  # some needle holds another


@pytest.mark.parametrize('seed', range(300))
def test_random_needles_give_the_pairwise_keywords(seed):
    rng = random.Random(seed)
    alphabet = b'ab' if seed % 3 == 0 else b'abc_'
    needles = {
        bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        for _ in range(rng.randint(1, 12))
    }
    assert prefilter.Keywords(needles).keywords == pairwise(needles)


@pytest.mark.parametrize('needles, expected', [
    ({b'ab', b'cd'}, (b'ab', b'cd')),             # b'bc' spans their seam: no needle
    ({b'ab', b'cd', b'bc'}, (b'ab', b'bc', b'cd')),  # a seam match is not "inside"
    ({b'aa', b'aaa'}, (b'aa',)),
    ({b'x', b'tgp_v1_', b'_v1'}, (b'_v1', b'x')),
    ({b'', b'abc'}, (b'',)),                       # the empty needle is in every one
    ({b'abc'}, (b'abc',)),
])
def test_seams_nesting_and_the_empty_needle(needles, expected):
    assert pairwise(needles) == expected
    assert prefilter.Keywords(needles).keywords == expected
