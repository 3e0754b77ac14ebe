"""The output scrub hides a key the engine reads inside a uuencoded block
(``begin 644 .env`` …): ``baseline audit`` shows the lines around a
finding, and two uuencoded lines (45 bytes each) hold a whole key.
Each line holding some of it is redacted, whether the run learnt the
key or not (a ``tgp_v1_`` run in the lines read joined), with the lead
a viewer puts before each line (``2:``) or without."""
from __future__ import annotations

import binascii
import random
import re

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

RNG = random.Random('scrub-uu')
KEY = make_key(RNG)
LEGACY = make_hex(RNG)


def _uu_lines(raw: bytes) -> list[str]:
    return [binascii.b2a_uu(raw[i:i + 45]).decode().rstrip('\n') for i in range(0, len(raw), 45)]


def _decoded(shown: str) -> bytes:
    """Every line of ``shown`` that still reads as uuencode (after its
    lead), decoded and joined: what a reader recovers from it."""
    out = b''
    for line in shown.splitlines():
        body = re.sub(r'^\d+:', '', line)
        try:
            out += binascii.a2b_uu(body)
        except (binascii.Error, ValueError):  # not uuencode, or redacted (…)
            continue
    return out


def _leaks(secret: str, decoded: bytes) -> bool:
    """Any 12 characters of ``secret``'s body in a row."""
    body = secret[7:] if secret.startswith('tgp_v1_') else secret
    return any(body[i:i + 12].encode() in decoded for i in range(len(body) - 11))


@pytest.mark.parametrize('pad', range(0, 46, 3))
@pytest.mark.parametrize('lead', (True, False))
@pytest.mark.parametrize('trimmed', (True, False))
def test_a_key_across_uuencoded_lines_is_redacted(pad, lead, trimmed):
    """At each byte of a line (the prefix split too); a viewer may trim
    the blanks ending a line (uuencode's zeros)."""
    env = f'#{"x" * pad}\nTOGETHER_API_KEY={KEY}\nDEBUG=0\n'.encode()
    lines = ['begin 644 .env', *(line.rstrip(' ') if trimmed else line for line in _uu_lines(env)), '`', 'end']
    text = '\n'.join(f'{n}:{line}' if lead else line for n, line in enumerate(lines, 1)) + '\n'
    assert _leaks(KEY, _decoded(text))  # the block as written holds it
    for learnt in ((), (KEY,)):
        shown = Scrubber(learnt).scrub(text)
        assert not _leaks(KEY, _decoded(shown)), (bool(learnt), pad, lead, trimmed)


@pytest.mark.parametrize('pad', (0, 20, 44))
def test_a_known_legacy_key_in_uuencoded_lines_is_redacted(pad):
    env = f'#{"x" * pad}\nTOGETHER_API_KEY={LEGACY}\n'.encode()
    text = '\n'.join(_uu_lines(env)) + '\n'
    shown = Scrubber((LEGACY,)).scrub(text)
    assert not _leaks(LEGACY, _decoded(shown)), pad


def test_uuencoded_lines_without_a_key_are_kept():
    raw = RNG.randbytes(300) + b'We work together on this.\nTOGETHER_API_KEY=${TOGETHER_API_KEY}\n'
    text = 'begin 644 notes.bin\n' + '\n'.join(_uu_lines(raw)) + '\n`\nend\n'
    assert Scrubber((KEY,)).scrub(text) == text
    prose = 'Secret Type: Together API Key\nWHAT WOULD YOU LIKE TO DO? (S)KIP\n1:SELECT * FROM T;\n'
    assert Scrubber((KEY,)).scrub(prose) == prose
