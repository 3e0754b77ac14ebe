"""A body repeating a run of up to 16 characters is no key
(``shapes.is_placeholder``'s periods, mut35): a template's value typed as
a chunk written again and again (``7f3e...`` four times) is passed, for a
legacy key and a current one, where every other test of the shape passes
it as random (16 kinds, the hex alphabet's entropy, no run, nothing
readable); a random key beside it is reported."""
from __future__ import annotations

import random
import string

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.shapes import readable_share

KEY_CHARS = string.ascii_letters + string.digits + '-_'


def _chunk(rng: random.Random, alphabet: str, n: int) -> str:
    """``n`` distinct characters of ``alphabet`` in an order no test of
    readable runs takes (``readable_share`` 0), with a lower-case letter,
    a capital and a digit where the alphabet has them."""
    while True:
        chunk = ''.join(rng.sample(alphabet, n))
        if readable_share(chunk * 4) == 0 and (alphabet == string.hexdigits[:16] or (
                any(c.islower() for c in chunk) and any(c.isupper() for c in chunk)
                and any(c.isdigit() for c in chunk))):
            return chunk


@pytest.mark.parametrize('period', [11, 13, 16])
def test_a_chunk_written_again_and_again_is_no_key(period: int) -> None:
    rng = random.Random(f'period-{period}')
    legacy = (_chunk(rng, '0123456789abcdef', period) * 6)[:64]
    current = 'tgp_v1_' + (_chunk(rng, KEY_CHARS, period) * 4)[:43]
    for value in (legacy, current):
        assert scan_bytes(f'TOGETHER_API_KEY={value}\n'.encode(), '.env.example') == [], value


def test_random_keys_beside_them_are_reported() -> None:
    rng = random.Random('period-decoy')
    for value in (make_hex(rng), make_key(rng)):
        found = scan_bytes(f'TOGETHER_API_KEY={value}\n'.encode(), '.env.example')
        assert [f.secret for f in found] == [value]
