"""Base64 wrapped with its line breaks written as XML character
references (.NET's ``XmlWriter``, an ``app.config`` or a ``.resx``:
``&#xD;&#xA;`` between 76-character lines): the value is read joined
across them, and a key past its first line is found; an ampersand that is
no line break still ends the value."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.codec import b64_value_at
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

BREAKS = ['&#xD;&#xA;', '&#xA;', '&#13;&#10;', '&#10;', '&#x0D;&#x0A;']


def _wrapped(raw: bytes, brk: str) -> str:
    text = base64.b64encode(raw).decode()
    return brk.join(text[i:i + 76] for i in range(0, len(text), 76))


@pytest.mark.parametrize('brk', BREAKS)
def test_a_value_is_read_across_xml_line_breaks(brk):
    raw = bytes(range(200))
    data = f'<value>{_wrapped(raw, brk)}</value>'.encode()
    decoded, end = b64_value_at(data, data.index(b'AAEC'))
    assert decoded == raw
    assert data[end:] == b'</value>'


@pytest.mark.parametrize('brk', ['&#xD;&#xA;', '&#10;'])
def test_a_key_past_the_first_line_is_found(brk):
    key = make_key(random.Random(f'xml-{brk}'))
    env = f'APP_ENV=production\nDATABASE_URL=postgres://app@db/app\nTOGETHER_API_KEY={key}\n'.encode()
    data = f'<setting name="env"><value>{_wrapped(env, brk)}</value></setting>\n'.encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'app.config')] == [hash_secret(key)]


def test_an_ampersand_that_is_no_line_break_ends_the_value():
    data = b'x=QUJDREVG&amp;y=R0hJ'
    decoded, end = b64_value_at(data, 2)
    assert decoded == b'ABCDEF'
    assert data[end:] == b'&amp;y=R0hJ'
