"""A JSON text whose every character is ``\\u``-escaped, inside base64 (a
config snapshot's payload, an API's ``data`` field): the screen finds the
key prefix's ``gp`` so escaped at each base64 alignment
(``Rule.b64_keywords``), the value is decoded (``engine._b64_plain`` keeps
a value holding a ``\\u`` escape mark) and the level below undoes the
escapes (``_escape_marks``, ``codec.escapes_view``)."""
from __future__ import annotations

import base64
import json
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


def _escaped(text: str, spelling: str) -> str:
    return ''.join(spelling % ord(c) for c in text)


def _snapshot(text: str, lead: str, spelling: str) -> bytes:
    # ``lead`` moves the escaped text to each of base64's three alignments.
    inner = ('{"file": ".env", ' + lead + '"text": "' + _escaped(text, spelling) + '"}').encode()
    payload = base64.b64encode(inner).decode()
    return (json.dumps({'kind': 'ConfigSnapshot', 'payload': payload}) + '\n').encode()


@pytest.mark.parametrize('spelling', ('\\u%04x', '\\u%04X'))
@pytest.mark.parametrize('lead', ('', ' ', '  '))
def test_a_key_in_escaped_json_in_base64_is_found(lead, spelling):
    key = make_key(random.Random(f'b64-u-escaped-{len(lead)}-{spelling}'))
    data = _snapshot(f'APP_ENV=prod\nTOGETHER_API_KEY={key}\n', lead, spelling)
    found = scan_bytes(data, 'snapshot.json')
    assert [(f.line, f.hashed_secret) for f in found] == [(1, hash_secret(key))]


@pytest.mark.parametrize('lead', ('', ' ', '  '))
def test_escaped_json_in_base64_without_a_key_is_no_finding(lead):
    # A placeholder, and a random value under the name: nothing a key.
    rng = random.Random(f'b64-u-escaped-decoy-{len(lead)}')
    text = ('TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\nOTHER=tgp_v1_'
            + ''.join(rng.choice('ab') for _ in range(43)) + '\n')
    assert scan_bytes(_snapshot(text, lead, '\\u%04x'), 'snapshot.json') == []
