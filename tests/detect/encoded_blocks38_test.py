"""Whole files encoded, read as blocks at the head (session 38, acc38):

- base85 (RFC 1924: ``base64.b85encode``, git's binary-patch alphabet)
  with no patch's frame: a short file of one line, or lines of one width
  (``prefilter.wrapped_block``'s ``base85``; its lines may hold ``|``,
  which no other block alphabet has, so the head's run test counts it);
- a short file that is base64 alone, read three levels deep (``base64 |
  base64 | base64`` of a ``.env``): the screen's forms reach two.

Each key beside decoys of the same encoding (a checksum line beside
Together's name, a placeholder, random bytes), through the whole engine,
over several seeds.
"""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import wrapped_block


def _env(value: str, filler: int = 0) -> bytes:
    pad = ''.join(f'FEATURE_{i}=on\n' for i in range(filler))
    return f'APP_ENV=prod\n{pad}TOGETHER_API_KEY={value}\nDEBUG=0\n'.encode()


def _sums(value: str) -> bytes:
    return f'{value}  together-1.2.0.tar.gz\n'.encode()


def _wrap(text: bytes, width: int = 76) -> bytes:
    return b'\n'.join(text[i:i + width] for i in range(0, len(text), width)) + b'\n'


def _b64x3(raw: bytes) -> bytes:
    return base64.b64encode(base64.b64encode(base64.b64encode(raw))) + b'\n'


KEYS = {
    'base85 one line': lambda k: base64.b85encode(_env(k)) + b'\n',
    'base85 one line, no line break': lambda k: base64.b85encode(_env(k)),
    # past the head (2 KB): lines of one width, told by the walk
    'base85 wrapped at 76, long': lambda k: _wrap(base64.b85encode(_env(k, 200))),
    'base85 wrapped at 64, CRLF': lambda k: _wrap(base64.b85encode(_env(k, 20)), 64).replace(b'\n', b'\r\n'),
    'base64 three times, one line': lambda k: _b64x3(_env(k)),
    'base64 three times, no line break': lambda k: _b64x3(_env(k)).rstrip(b'\n'),
}

DECOYS = {
    'base85 of a checksum line': lambda k: base64.b85encode(_sums(k)) + b'\n',
    'base85 of a placeholder .env': lambda k: base64.b85encode(_env('<your-together-api-key>')) + b'\n',
    'base85 of random bytes, wrapped': lambda k: _wrap(base64.b85encode(bytes.fromhex(k) * 40)),
    'base64 three times of a checksum line': lambda k: _b64x3(_sums(k)),
    'base64 three times of a placeholder .env': lambda k: _b64x3(_env('${TOGETHER_API_KEY}')),
    'base64 of a digest alone': lambda k: base64.b64encode(bytes.fromhex(k)) + b'\n',
    'a bare digest line': lambda k: k.encode() + b'\n',
}


@pytest.mark.parametrize('name', sorted(KEYS))
def test_a_whole_file_so_encoded_is_read(name: str) -> None:
    for seed in range(3):
        key = make_hex(random.Random(seed))
        data = KEYS[name](key)
        found = [(f.rule, f.secret) for f in scan_bytes(data, 'enc/env.txt')]
        assert found == [('together-legacy-api-key', key)], (name, seed)


@pytest.mark.parametrize('name', sorted(DECOYS))
def test_a_decoy_so_encoded_is_not(name: str) -> None:
    for seed in range(3):
        key = make_hex(random.Random(seed))
        assert scan_bytes(DECOYS[name](key), 'enc/together.txt') == [], (name, seed)


def test_a_long_base85_block_holding_a_bar_is_walked() -> None:
    # ``|`` is base85's alone among the block alphabets: a block whose
    # first lines hold one is still a run of block bytes.
    for seed in range(20):
        key = make_hex(random.Random(seed))
        data = KEYS['base85 wrapped at 76, long'](key)
        if b'|' in data[:160]:
            assert len(data) > 2048 and wrapped_block(data) == (0, 'base85')
            return
    raise AssertionError('no seed wrote a bar in the first two lines')


def test_a_short_base64_file_with_a_carriage_return_in_its_first_characters() -> None:
    # A CR is a block byte but no base64 character: the first characters'
    # decode saw 7 of them and raised (a UTF-16 SQLite database's text read
    # as a file: sqlite_test).
    for lead in (b'\r', b'ab\r', b'\r\r'):
        data = lead + base64.b64encode(bytes(range(60))) + b'\n'
        assert wrapped_block(data) == (-1, '')
        assert scan_bytes(data, 'enc/x.txt') == []
