"""Session 34 (mut34): ``shapes.readable_share``'s keyboard rows
(outside33) are three rows apart: a row's end is no step to the next
row's start, and the bottom row (``zxcvbnm``) is a row like the others.

outside33's samples type whole rows in turn (``qwertyuiop`` +
``asdfghjkl`` + ...), which read as runs whether the rows are apart or
joined, and their bottom row sits beside runs of the other rows.  Here:

- a real key whose random body happens to hold row-crossing triples
  (``opa``, ``pas``, ``klz``, ``lzx``) often: joined rows read it as
  more than half typed, and the key passed as a placeholder;
- the decoy, a fixture typed along the bottom row only (``zxcvb``,
  ``mnbvc``), with random characters between: not a key.

Bodies are seeded (the seed picked once, never by the code under test).
"""
from __future__ import annotations

import random
import string

from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_CHARS = string.ascii_uppercase + string.ascii_lowercase + string.digits + '_-'
# (the decoy's random characters: none of the bottom row, so its runs are
# the pieces it is built of)
_OFF_BOTTOM = string.ascii_uppercase + ''.join(
    c for c in string.ascii_lowercase if c not in 'zxcvbnm') + string.digits


def _body(seed: str, pieces: tuple[str, ...], chars: str, between: int) -> str:
    rng = random.Random(seed)
    body = ''
    while len(body) < 43:
        body += rng.choice(pieces) + ''.join(rng.choices(chars, k=between))
    return body[:43]


def _found(key: str) -> list[str]:
    return [f.hashed_secret for f in scan_bytes(f'API_KEY = "{key}"\n'.encode(), 'settings.py')]


def test_a_key_crossing_from_one_keyboard_row_to_the_next_is_a_key():
    key = 'tgp_v1_' + _body('mut34-keyboard-rows-1', ('opa', 'pas', 'klz', 'lzx', 'OPA', 'KLZ'), _CHARS, 2)
    assert _found(key) == [hash_secret(key)]


def test_the_decoy_a_fixture_typed_along_the_bottom_row_is_no_key():
    for seed in (0, 2, 11):
        key = 'tgp_v1_' + _body(f'mut34-keyboard-bottom-{seed}',
                                ('zxcvb', 'xcvbn', 'cvbnm', 'mnbvc', 'nbvcx', 'bvcxz'), _OFF_BOTTOM, 3)
        assert _found(key) == [], seed
