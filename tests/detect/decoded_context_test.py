"""A legacy key encoded inside a value whose Together context stands
outside the encoded run (session 34, ctx34): base64url of the bare hex
under ``TOGETHER_API_KEY_B64URL``, HTTP Basic's ``:<key>`` in base64 on a
request to Together's endpoint, base64 of the hex under a ``together:``
YAML key, and a PNG text chunk whose keyword is a Together name, its NUL
the assignment.  A decoded value is judged where its encoded run stands
(a pattern's group ``encoded``, ``engine._secret_of``): the name it is
assigned to, the request it is on.  Decoys: base64 of a digest under a
digest's name, Basic credentials to another host, a PNG ``checksum``
chunk, lockfile ``integrity`` values, each beside "together"."""
from __future__ import annotations

import base64
import random
import struct
import zlib

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _b64url(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip('=')


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(*chunks: bytes) -> bytes:
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _chunk(b'IEND', b'')


def _text(template: str):
    return lambda h: template.format(b64=_b64(h), b64url=_b64url(h), basic=_b64(':' + h),
                                     user_basic=_b64('apikey:' + h), hex=h).encode()


CASES = {
    # base64url without padding under a Together name's encoded suffix
    'b64url-named': ('.env', _text('TOGETHER_API_KEY_B64URL={b64url}\n')),
    'b64url-named-export': ('env.sh', _text('export together_api_key_base64_url="{b64url}"\n')),
    'b64url-named-yaml': ('values.yaml', _text('env:\n  TOGETHER_TOKEN_B64URL: {b64url}\n')),
    # HTTP Basic on a request to Together's endpoint (same line, line before)
    'basic-same-line': ('logs/basic.log', _text(
        'GET https://api.together.xyz/v1/models Authorization: Basic {basic}\n')),
    'basic-line-before': ('logs/raw.http', _text(
        'POST https://api.together.ai/v1/chat/completions HTTP/1.1\nAuthorization: Basic {basic}\n')),
    'basic-user-curl': ('run.sh', _text(
        "curl https://api.together.xyz/v1/models -H 'Authorization: Basic {user_basic}'\n")),
    # a Together name as the YAML key, the value base64 of the hex
    'together-yaml-b64': ('keys.yaml', _text('providers:\n  together: {b64}\n')),
    'together-ai-yaml-b64': ('keys.yaml', _text('together_ai: "{b64}"\n')),
    'x-together-key': ('logs/h.log', _text('X-Together-Key: {b64}\n')),
    # a PNG text chunk keyword\0text
    'png-text': ('img/named.png', lambda h: _png(_chunk(b'tEXt', b'TOGETHER_API_KEY\x00' + h.encode()))),
    'png-itxt': ('img/i.png', lambda h: _png(_chunk(b'iTXt', b'together_api_key\x00\x00\x00\x00\x00' + h.encode()))),
    'png-itxt-lang': ('img/l.png', lambda h: _png(
        _chunk(b'iTXt', b'TOGETHER_TOKEN\x00\x00\x00en\x00Together token\x00' + h.encode()))),
}

DECOYS = {
    'sha-b64': ('sums.env', _text('# together wheel\nSHA256_B64={b64}\n')),
    'sha-b64url': ('sums.env', _text('TOGETHER_WHEEL_SHA256_B64URL={b64url}\n')),
    'basic-other-host': ('logs/basic.log', _text(
        'GET https://api.example.com/v1/models Authorization: Basic {basic}\n')),
    'basic-other-host-before': ('logs/raw.http', _text(
        '# together proxy test\nPOST https://auth.example.org/login HTTP/1.1\nAuthorization: Basic {user_basic}\n')),
    'basic-other-host-together-note': ('logs/basic.log', _text(
        '# moving off together\nGET https://api.example.com/v1/models Authorization: Basic {basic}\n')),
    'record-digest-of-key': ('data/records.bin', lambda h: (
        b'\x00\x00sha256 of TOGETHER_API_KEY\x00' + h.encode() + b'\x00\x00')),
    'basic-no-key': ('logs/b.log', lambda h: (
        'GET https://api.together.xyz/v1/models Authorization: Basic ' + _b64('user:' + h[:40]) + '\n').encode()),
    'png-checksum': ('img/c.png', lambda h: _png(
        _chunk(b'tEXt', b'Software\x00together-render'), _chunk(b'tEXt', b'checksum\x00' + h.encode()))),
    'png-together-sha': ('img/s.png', lambda h: _png(_chunk(b'tEXt', b'together_model_sha256\x00' + h.encode()))),
    'integrity': ('package-lock.json', lambda h: (
        '{"together-ai": {"version": "1.0.0", "integrity": "sha512-' + _b64(h) + '"}}\n').encode()),
    'integrity-raw': ('package-lock.json', lambda h: (
        '{"together-ai": {"version": "1.0.0", "integrity": "sha256-'
        + base64.b64encode(bytes.fromhex(h)).decode() + '"}}\n').encode()),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_found(name: str) -> None:
    path, build = CASES[name]
    h = make_hex(random.Random(name))
    found = scan_bytes(build(h), path)
    assert [f.secret for f in found] == [h], name


@pytest.mark.parametrize('name', sorted(DECOYS))
def test_decoy_quiet(name: str) -> None:
    path, build = DECOYS[name]
    h = make_hex(random.Random(name))
    assert scan_bytes(build(h), path) == [], name
