"""Session 34 (ph34): a random key is never judged a placeholder by chance.

``shapes.is_placeholder`` passed about one random current key in 200,000
as a placeholder (leak34's key: a case-insensitive run of 6), so the hook
let it through silently.  Each test of a placeholder is now a bound on
chance (docs/detection.md, "Session 34 (ph34)"): random bodies holding
each test's weakest trigger (a mixed-case run of 6, a 5-letter
placeholder word, a keyboard run of 4, ...) are keys, found by the engine
in process, while every placeholder people type stays unreported.  Keys
and bodies are made at run time from seeded generators (``tests/keys.py``).
"""
from __future__ import annotations

import random

import pytest

from tests.keys import KEY_ALPHABET
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.shapes import entropy
from together_hooks.detect.shapes import is_placeholder
from together_hooks.rules import RULES
from together_hooks.rules import TOGETHER_API_KEY

LEGACY = next(r for r in RULES if r.id == 'together-legacy-api-key')


def _leak34_key() -> str:
    """leak34's measured key: the 192,476th of its seed, whose body holds
    a case-insensitive run of 6."""
    rng = random.Random('leak34-measure')
    for _ in range(192475):
        make_key(rng)
    return make_key(rng)


def _planted(rng: random.Random, piece: str, where: str = 'middle') -> str:
    """A random key with ``piece`` written into its body."""
    body = make_key(rng)[7:]
    at = {'start': 0, 'end': 43 - len(piece)}.get(where, rng.randint(3, 40 - len(piece)))
    return 'tgp_v1_' + body[:at] + piece + body[at + len(piece):]


def _mixed(rng: random.Random, word: str) -> str:
    return ''.join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


# Each test's weakest trigger, planted into random bodies: what chance
# alone gives a random key once in ~1e5-1e7 keys, never a placeholder.
TRIGGERS = [
    ('mixed-case-run-6', lambda rng: _planted(rng, _mixed(rng, rng.choice('klmnpq') * 6))),
    ('mixed-case-steps-6', lambda rng: _planted(rng, _mixed(rng, 'defghi'))),
    ('mixed-case-steps-8', lambda rng: _planted(rng, 'dEfGhIjK')),
    ('same-case-run-6', lambda rng: _planted(rng, rng.choice('KMPQ') * 6)),
    ('same-case-steps-7', lambda rng: _planted(rng, 'mnopqrs')),
    ('word-5-inside', lambda rng: _planted(rng, rng.choice(['your_', 'your-', 'YOUR_']))),
    ('word-5-at-start', lambda rng: _planted(rng, 'your_', 'start')),
    ('word-6-inside', lambda rng: _planted(rng, rng.choice(['sample', 'insert', 'apikey', 'Sample']))),
    ('word-6-mixed-case-at-end', lambda rng: _planted(rng, rng.choice(['DuMmY_', 'dUmmY_', 'sAMPLE']), 'end')),
    ('keyboard-run-4', lambda rng: _planted(rng, rng.choice(['qwer', 'asdf', 'zxcv', 'poiu']))),
]


@pytest.fixture(scope='module')
def trigger_keys():
    rng = random.Random('ph34-triggers')
    return [(name, build(rng)) for name, build in TRIGGERS for _ in range(4)]


def _found(text: str) -> list[str]:
    return [f.secret for f in scan_bytes(text.encode(), 'settings.env')]


def test_the_key_leak34_measured_is_found():
    key = _leak34_key()
    assert _found(f'TOGETHER_API_KEY={key}\n') == [key]


def test_random_keys_holding_each_tests_weakest_trigger_are_found(trigger_keys):
    missed = [(name, key[:9]) for name, key in trigger_keys
              if _found(f'TOGETHER_API_KEY={key}\n') != [key]]
    assert missed == []


def test_a_legacy_key_holding_a_run_of_9_is_found():
    """A run of 9 of one hex digit: one random 64-hex key in 67 million
    (a run of 8 was a placeholder: one in 4 million keys passed)."""
    rng = random.Random('ph34-hex-run')
    for digit in '07f':
        key = make_hex(rng)
        key = key[:20] + digit * 9 + key[29:]
        assert _found(f'TOGETHER_API_KEY={key}\n') == [key]


def test_an_upper_cased_key_of_low_entropy_is_no_placeholder():
    """A key shown in capitals draws from 38 kinds, not 64: about one in
    1,500 falls under the cased entropy floor (4.0), one in 15,000 under
    3.9.  Such bodies are keys still."""
    rng = random.Random('ph34-upper')
    bodies = []
    while len(bodies) < 5:
        body = make_key(rng)[7:].upper()
        if entropy(body) < 4.0:
            bodies.append(body)
    assert [b[:4] for b in bodies if is_placeholder(b, TOGETHER_API_KEY, cased=False)] == []


def _pad(head: str, fill: str = 'x') -> str:
    return (head + fill * 43)[:43]


PLACEHOLDERS = [
    'x' * 43,
    'X' * 43,
    _pad('your_key_here_'),
    _pad('your_together_api_key_here', '0'),
    _pad('YOUR_TOGETHER_KEY_', '_'),
    _pad('REPLACE_ME_', 'X'),
    _pad('REPLACE_ME_' + 'WITH_YOUR_TOGETHER_AI_' + 'API_KEY'),
    ('0123456789abcdef' * 3)[:43],
    ('0123456789' * 5)[:43],
    'qwertyuiop' + 'asdfghjkl' + 'zxcvbnm' + 'qwertyuiop' + 'asdfghj',
    'QWERTYUIOP' + 'ASDFGHJKL' + 'ZXCVBNM' + 'QWERTYUIOP' + 'ASDFGHJ',
    ('xxxx-' * 9)[:43],
    ('XXXX-XXXX-' * 5)[:43],
    _pad('your-key-', '-'),
    ('your-key-here-' * 4)[:43],
    ('YOUR-TOGETHER-KEY-' * 3)[:43],
    'ThisIsNot' + 'ARealKeyJust' + 'ADocumentationSampleOk',
]


@pytest.fixture(scope='module')
def word_decoys():
    """A placeholder word where chance seldom writes it, then random: a
    template's "EXAMPLE…", "dummy_…", "insert-key-…"."""
    rng = random.Random('ph34-word-decoys')
    return [
        _planted(rng, head, 'start')[7:]
        for head in ('EXAMPLE', 'dummy_', 'sample_', 'insert-key-', 'changeme_', 'redacted_',
                     'placeholder', 'YourTogetherKey')
    ]


def test_typed_placeholders_stay_unreported(word_decoys):
    bodies = PLACEHOLDERS + word_decoys
    assert all(len(b) == 43 for b in bodies)
    reported = [b for b in bodies if _found(f'TOGETHER_API_KEY=tgp_v1_{b}\n')]
    assert reported == []


def test_the_rules_own_placeholder_keys_stay_placeholders_in_either_case():
    from together_hooks.rules import PLACEHOLDER_KEYS

    bodies = [k[7:] for k in PLACEHOLDER_KEYS] + PLACEHOLDERS
    assert [b for b in bodies if not is_placeholder(b, TOGETHER_API_KEY)] == []
    assert [b for b in bodies if not is_placeholder(b.upper(), TOGETHER_API_KEY, cased=False)] == []


def test_legacy_placeholders_stay_unreported():
    for value in ('0' * 64, 'deadbeef' * 8, '0123456789abcdef' * 4, 'f' * 64, ('0' * 12 + 'a1') * 5 + 'b2c3'):
        assert _found(f'TOGETHER_API_KEY={value}\n') == [], value


@pytest.mark.parametrize('rule', [TOGETHER_API_KEY, LEGACY], ids=lambda r: r.id)
def test_random_bodies_are_keys(rule):
    """A few thousand seeded random bodies: none a placeholder (the rate
    is below 1e-9 per key; docs/detection.md, "Session 34 (ph34)")."""
    rng = random.Random(f'ph34-random-{rule.id}')
    if rule is LEGACY:
        bodies = [make_hex(rng) for _ in range(3000)]
    else:
        bodies = [''.join(rng.choice(KEY_ALPHABET) for _ in range(43)) for _ in range(3000)]
    assert [b[:4] for b in bodies if is_placeholder(b, rule)] == []
