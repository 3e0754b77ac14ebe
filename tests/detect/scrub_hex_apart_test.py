"""A key's hex text with its bytes apart (the engine reads it: ``xxd -p``
wrapped, bytes apart by blanks, colons or commas, C's ``0x`` bytes) is
shown only redacted, the key known or not; hex text holding no key is
shown as it is."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

KEY = make_key(random.Random('scrub-hex-apart'))


def _pairs(value: str) -> list[str]:
    digits = value.encode().hex()
    return [digits[i:i + 2] for i in range(0, len(digits), 2)]


def _wrapped(value: str, width: int) -> str:
    digits = value.encode().hex()
    return '\n'.join(digits[i:i + width] for i in range(0, len(digits), width))


FORMS = {
    'blanks': lambda v: ' '.join(_pairs(v)),
    'colons': lambda v: ':'.join(_pairs(v)),
    'c-bytes': lambda v: ', '.join('0x' + p for p in _pairs(v)),
    'xxd-p-60': lambda v: _wrapped(v, 60),
    'xxd-p-30': lambda v: _wrapped(v, 30),
    'groups-of-4': lambda v: ' '.join(''.join(_pairs(v)[i:i + 2]) for i in range(0, len(v), 2)),
    'upper-blanks': lambda v: ' '.join(_pairs(v)).upper(),
}


@pytest.mark.parametrize('known', [True, False])
@pytest.mark.parametrize('value', [KEY, f'TOGETHER_API_KEY={KEY}\n'], ids=['key', 'env'])
@pytest.mark.parametrize('form', sorted(FORMS))
def test_a_keys_hex_with_its_bytes_apart_is_shown_redacted(form, value, known):
    shown_hex = FORMS[form](value)
    shown = Scrubber([KEY] if known else []).scrub(f'data: {shown_hex}\n')
    digits = ''.join(c for c in shown.replace('0x', '') if c in '0123456789abcdefABCDEF').lower()
    assert KEY.encode().hex() not in digits
    assert shown_hex not in shown


@pytest.mark.parametrize('form', sorted(FORMS))
def test_hex_holding_no_key_is_shown_as_it_is(form):
    text = f'data: {FORMS[form]("x" * 20 + "tgp_v1_" + "not a key at all, only prose here")}\n'
    assert Scrubber().scrub(text) == text
