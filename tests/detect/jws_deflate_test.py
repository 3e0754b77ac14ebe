"""A JWS whose header says ``"zip":"DEF"`` (SMART Health Cards, JWE-style
compression): its payload is raw deflate, no magic to open it by.  The
header's ``"zip":"DEF"`` in base64url is a mark (``engine.JWS_DEFLATE_MARKS``),
the payload is inflated and a key in it found, by the scan and by the
history's blob test, when the header starts with its ``zip`` member (as
SMART Health Cards write it; compact or spaced JSON); a header without it, a payload that does not inflate or a token with no
signature part reports nothing."""
from __future__ import annotations

import base64
import json
import random
import zlib

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


HEADS = [
    ({'zip': 'DEF', 'alg': 'ES256', 'kid': 'k1'}, (',', ':')),
    ({'zip': 'DEF', 'alg': 'ES256', 'kid': '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s'}, (',', ':')),
    ({'zip': 'DEF', 'kid': 'k1', 'alg': 'ES256'}, (', ', ': ')),
]


@pytest.mark.parametrize('n', range(len(HEADS)))
def test_a_key_in_a_deflated_jws_payload_is_found(n):
    rng = random.Random(n)
    key = make_key(rng)
    head, seps = HEADS[n]
    claims = json.dumps({'iss': 'https://issuer.example.com', 'together_api_key': key}).encode()
    token = (f'{_b64url(json.dumps(head, separators=seps).encode())}.{_b64url(_deflate(claims))}.'
             f'{_b64url(rng.randbytes(64))}')
    data = f'shc:\ncredential: {token}\n'.encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'cards/card.yaml')] == [hash_secret(key)]
    assert keyword_screen(RULES).blob_test(len(data))(data)


def test_no_key_without_zip_def_a_payload_that_does_not_inflate_or_no_signature():
    rng = random.Random(9)
    key = make_key(rng)
    claims = json.dumps({'together_api_key': key}).encode()
    zipped = _b64url(json.dumps({'zip': 'DEF', 'alg': 'ES256'}, separators=(',', ':')).encode())
    plain = _b64url(json.dumps({'zip': 'GZ', 'alg': 'ES256'}, separators=(',', ':')).encode())
    # A header that starts as the mark does but whose ``zip`` is not DEF
    # once parsed (a repeated member: the last counts): not inflated.
    nested = _b64url(b'{"zip":"DEF","zip":"GZ","alg":"ES256"}')
    cases = [
        f'{plain}.{_b64url(_deflate(claims))}.{_b64url(rng.randbytes(64))}',  # not DEF: not inflated
        f'{nested}.{_b64url(_deflate(claims))}.{_b64url(rng.randbytes(64))}',
        f'{zipped}.{_b64url(rng.randbytes(300))}.{_b64url(rng.randbytes(64))}',  # random: no key
        f'{zipped}.{_b64url(_deflate(claims))}',  # no signature part: no JWS
    ]
    for token in cases:
        assert scan_bytes(f'token: {token}\n'.encode(), 'cards/x.txt') == [], token
