"""The scrub's check for a known key whose ``-`` a line's lead took
(``[job 12] -``, rfo3) asks an index of the keys without their ``-``s,
one walk of the line, instead of one ``in`` per dashed key known on every
line shown with a ``-`` after its lead.  The same keys (seeded texts: a
key's dashes taken out, kept, a piece, short learnt values), the same
scrubbed output, and work that no longer grows with the keys known
(bytecodes counted, not time)."""
from __future__ import annotations

import random

import pytest

from tests.bytecode import work
from tests.cli_run import leaked
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber


def _dashed_key(rng: random.Random) -> str:
    while True:
        key = make_key(rng)
        if '-' in key[7:]:
            return key


def _naive(scrubber: Scrubber, text: str) -> set[str]:
    return {k for k in scrubber._dashed if k.replace('-', '') in text}


@pytest.mark.parametrize('seed', range(30))
def test_the_index_holds_exactly_the_keys_the_in_checks_find(seed):
    rng = random.Random(f'scrub-dashed-{seed}')
    keys = [_dashed_key(rng) for _ in range(rng.randrange(1, 60))]
    keys += ['a-b', 'x-' * rng.randrange(1, 20)]  # learnt values too short to index
    scrubber = Scrubber(keys[:len(keys) // 2])
    for round_ in range(2):  # keys learnt between two asks are indexed too
        for _ in range(20):
            parts = []
            for _ in range(rng.randrange(0, 6)):
                parts.append(''.join(rng.choice('ab_- \n[]0') for _ in range(rng.randrange(0, 12))))
                key = rng.choice(keys)
                bare = key.replace('-', '')
                parts.append(rng.choice((bare, key, bare[:rng.randrange(len(bare) + 1)])))
            text = ''.join(parts)
            assert scrubber._dashed_in(text) == _naive(scrubber, text)
        scrubber.learn(keys[len(keys) // 2:])


def test_a_dash_led_key_piece_is_still_redacted_among_many_keys():
    rng = random.Random('scrub-dashed-many')
    keys = [_dashed_key(rng) for _ in range(300)]
    key = keys[123]
    cut = key.index('-', 8)
    text = f'[job 12] {key[:cut]}\n[job 12] {key[cut:]}\n'
    out = Scrubber(keys).scrub(text)
    assert leaked([key], out, '') == []


def _dash_lines_work(n: int) -> int:
    rng = random.Random(f'scrub-dashed-work-{n}')
    scrubber = Scrubber([_dashed_key(rng) for _ in range(n)])
    scrubber.scrub('warm up: the forms are made here\n[job 1] -x\n')
    lines = [f'[job {i}] step {i} ok\n[job {i}] - done in {i} s\n' for i in range(50)]
    return work(lambda: [scrubber.scrub(line) for line in lines])


def test_lines_with_a_dash_lead_cost_the_same_whatever_the_keys_known():
    # Before: each such line had every dashed key known tried (a turn of a
    # comprehension in the package each): 4x the keys, ~2x the work here.
    small, large = _dash_lines_work(200), _dash_lines_work(800)
    assert large < 1.2 * small, (small, large)


def test_an_odd_learnt_value_is_no_walk_of_the_whole_text():
    # A learnt value with a '-' and a character no key form has (a space,
    # a '.') was indexed apart and probed at every 8th place of the whole
    # text shown, in Python; it is one ``in`` check, as a short one is.
    rng = random.Random('scrub-dashed-odd')
    odd = 'session-' + make_key(rng)[7:] + '.v2 x'
    scrubber = Scrubber([_dashed_key(rng) for _ in range(20)] + [odd])
    text = ''.join(f'[job {i}] - step {i} ok, took {i} s\n' for i in range(400))

    def asked(text: str) -> int:
        assert scrubber._dashed_in(text) == _naive(scrubber, text)
        return work(lambda: scrubber._dashed_in(text))

    small, large = asked(text), asked(text * 4)
    assert large < 1.3 * small, (small, large)
    assert scrubber._dashed_in(text + odd.replace('-', '')) == {odd}
