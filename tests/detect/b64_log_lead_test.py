"""Wrapped base64 printed into a log whose every line is led by a
timestamp (a GitHub Actions log, ``kubectl logs --timestamps``, any
ISO-8601 stamp with or without a fraction and a zone): the value is read
joined across the lines, each line's timestamp no character of it, and a
key past the first line is found; a log line after the value that is no
base64 ends it."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.codec import b64_value_at
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

STAMPS = [
    '2026-12-01T10:00:01.{n:07d}Z',  # GitHub Actions
    '2026-12-01T10:00:01.{n:09d}Z',  # kubectl logs --timestamps
    '2026-12-01 10:00:{n:02d}',
    '2026-12-01T10:00:{n:02d}+01:00',
]


def _logged(raw: bytes, stamp: str, width: int = 76) -> str:
    text = base64.b64encode(raw).decode()
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return ''.join(f'{stamp.format(n=n)} {line}\n' for n, line in enumerate(lines))


@pytest.mark.parametrize('stamp', STAMPS)
def test_a_key_past_the_first_line_is_found(stamp):
    key = make_key(random.Random(stamp))
    env = f'APP_ENV=production\nDATABASE_URL=postgres://app@db/app\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()
    head = '2026-12-01T10:00:00.0000000Z ##[group]Run base64 .env\n2026-12-01T10:00:00.0000000Z ##[endgroup]\n'
    data = (head + _logged(env, stamp)).encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'logs/job.txt')] == [hash_secret(key)]


def test_the_value_decodes_whole_and_ends_at_a_line_that_is_no_base64():
    raw = bytes(range(256)) * 2
    tail = '2026-12-01T10:00:09.0000000Z ##[endgroup]\n'
    data = (_logged(raw, STAMPS[0]) + tail).encode()
    start = data.index(b'Z ') + 2
    decoded, end = b64_value_at(data, start)
    assert decoded == raw
    assert data[end:] == b'\n' + tail.encode()
