"""A file that is a wrapped base64 block (``base64 .env``, ``openssl
base64``, PEM armour, a MIME part): a keyword's base64 form may be cut by
one of the block's line breaks, where the screen's needles do not see it
(``prefilter.wrapped_b64``).  Every alignment of the name against the
wrap is found."""
from __future__ import annotations

import base64
import random

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import wrapped_b64
from tests.keys import make_hex
from tests.keys import make_key


def _wrap(text: bytes, width: int, sep: bytes) -> bytes:
    return sep.join(text[i:i + width] for i in range(0, len(text), width)) + sep


def _env(pad: int, key: str) -> bytes:
    # ``pad`` moves the name across the wrap's columns.
    return f'APP_NAME={"x" * pad}\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


@pytest.mark.parametrize('width,sep', [(76, b'\n'), (64, b'\n'), (76, b'\r\n')])
@pytest.mark.parametrize('legacy', [False, True])
def test_every_alignment_against_the_wrap(width: int, sep: bytes, legacy: bool) -> None:
    rng = random.Random(f'{width}{sep!r}{legacy}')
    missed = []
    for pad in range(width):
        key = make_hex(rng) if legacy else make_key(rng)
        data = _wrap(base64.b64encode(_env(pad, key)), width, sep)
        found = [f.secret for f in scan_bytes(data, 'env.b64')]
        if found != [key]:
            missed.append((pad, len(found)))
    assert missed == []


def test_armoured_block_under_a_header() -> None:
    key = make_hex(random.Random('armour'))
    for pad in range(64):
        body = _wrap(base64.b64encode(_env(pad, key)), 64, b'\n')
        data = b'-----BEGIN CONFIG-----\nVersion: 1\n\n' + body + b'-----END CONFIG-----\n'
        assert [f.secret for f in scan_bytes(data, 'config.asc')] == [key], pad


def test_what_is_told_a_block() -> None:
    line = base64.b64encode(bytes(range(57)))  # 76 characters
    assert wrapped_b64(line + b'\n' + line + b'\n') == 0
    assert wrapped_b64(b'# head\n' + line + b'\r\n' + line + b'\r\n') == 7
    # One line, two widths, a character outside base64, a block too deep.
    assert wrapped_b64(line + b'\n') == -1
    assert wrapped_b64(line + b'\n' + line[:-4] + b'\n') == -1
    assert wrapped_b64(line + b'\n' + line[:-1] + b' \n') == -1
    assert wrapped_b64(b'x\n' * 16 + line + b'\n' + line + b'\n') == -1
    # Code with two lines of one width is no block.
    code = b'    result = compute_the_total(first_value, other)\n' * 2
    assert wrapped_b64(code) == -1


def test_random_blocks_and_code_stay_clean() -> None:
    rng = random.Random('clean')
    for _ in range(50):
        data = _wrap(base64.b64encode(rng.randbytes(3000)), 76, b'\n')
        assert scan_bytes(data, 'blob.b64') == []
