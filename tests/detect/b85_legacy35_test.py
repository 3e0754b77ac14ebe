"""A legacy key's ``.env`` inside base85 (Python's ``b85encode``, git's
alphabet): the legacy rule's base85 forms of ``ogether``/``OGETHER``
(``Rule.b85_keywords``, the forms holding an anchor the screen searches
already) open the reading, as its base32 forms do, so the decoded name
holds the key (session 35, acc35: missed at every alignment before).
The alignments whose form holds no anchor stay unread, by design
(docs/detection.md).  Decoys: a digest file and a reference in base85."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.codec import b85_forms
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import TOGETHER_LEGACY_API_KEY

_rng = random.Random('b85-legacy35')


def _read(name: bytes, pad: int) -> bool:
    """Whether the name's 4-byte window at its first letter's alignment
    (``pad + 1``, after the ``\\n``) holds an anchor's form: those are read."""
    text = b'A' * pad + b'\n' + name
    start = pad + 1 + 1  # ``ogether`` / ``OGETHER``: the name from its second letter
    forms = set(TOGETHER_LEGACY_API_KEY.b85_keywords)
    return any(
        base64.b85encode(text[at:at + 4]) in forms
        for at in range(start, start + 4) if at % 4 == 0
    )


@pytest.mark.parametrize('name', [b'TOGETHER_API_KEY', b'together_api_key'])
def test_a_legacy_env_in_base85_is_found_where_its_forms_hold_an_anchor(name):
    found = 0
    for pad in range(8):
        h = make_hex(_rng)
        env = b'A' * pad + b'\n' + name + b'=' + h.encode() + b'\n'
        data = b'blob = "' + base64.b85encode(env) + b'"\n'
        got = [f.hashed_secret for f in scan_bytes(data, 'enc/b85.txt')]
        if _read(name, pad):
            assert got == [hash_secret(h)], pad
            found += 1
    # Three of ``ogether``'s four alignments, two of ``OGETHER``'s.
    assert found == (4 if name.isupper() else 6)


def test_the_forms_are_the_names_windows():
    forms = {f for k in (b'ogether', b'OGETHER') for f in b85_forms(k)}
    assert set(TOGETHER_LEGACY_API_KEY.b85_keywords) <= forms


@pytest.mark.parametrize('text', [
    '{}  together-0.2.4.tar.gz\n',
    'TOGETHER_API_KEY_SHA256={}\n',
    'together_model_hash: {}\n',
])
def test_a_digest_beside_together_in_base85_stays_clean(text):
    for pad in range(8):
        data = b'blob = "' + base64.b85encode(b'A' * pad + b'\n' + text.format(make_hex(_rng)).encode()) + b'"\n'
        assert scan_bytes(data, 'enc/b85.txt') == [], pad
