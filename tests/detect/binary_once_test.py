"""Whether a buffer is binary (``engine._is_binary``: its first 8 KB
searched for control bytes and decoded as UTF-8) is decided once per
buffer a scan reads, not once per candidate glued to a key character: a
file of glued candidates paid 8 KB of decoding for each one (4 MB of
them: 3.1 -> 8.5 CPU-s when the check came in).  A count of the calls,
never a time; the answers are held by binary_formats_test, and by the
two cases at the end, where a reading and its buffer differ (each asked
about itself, never answered for the other)."""
from __future__ import annotations

import random
import sys

import pytest

from tests.detect.baits import glued
from tests.detect.baits import GLUED_UNITS
from tests.detect.baits import KB
from tests.detect.baits import units
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect.engine import scan_bytes

_rng = random.Random('binary-once')
_KEYS = [make_key(_rng) for _ in range(8)]


def _asked(data: bytes, path: str) -> tuple[int, list[str]]:
    """(calls of ``_is_binary``, the secrets found) for one scan."""
    count = 0
    code = engine._is_binary.__code__

    def profile(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == 'call' and frame.f_code is code:
            count += 1

    sys.setprofile(profile)
    try:
        findings = scan_bytes(data, path)
    finally:
        sys.setprofile(None)
    return count, sorted({f.secret for f in findings})


def _glued_text(n: int) -> bytes:
    # A key glued after a letter: in text, not a key (the run is longer).
    return b''.join(b'a' + _KEYS[i % len(_KEYS)].encode() + b'\n' for i in range(n))


def _glued_binary(n: int) -> bytes:
    # Keys glued between a binary format's bytes: each one found.
    return b'\0' + b''.join(b'\x01x' + _KEYS[i % len(_KEYS)].encode() + b'y' for i in range(n))


@pytest.mark.parametrize('data, path, secrets', [
    pytest.param(_glued_text(500), 'app.log', [], id='text'),
    pytest.param(_glued_binary(500), 'blob.bin', sorted(_KEYS), id='binary'),
    pytest.param(glued(GLUED_UNITS[0], 16 * KB), 'bait.bin', [], id='binary-prefixes'),
    pytest.param(units(b'x\\\\u001b[0mtgp_v1_', 16 * KB), 'bait.log', [], id='escape-marks'),
])
def test_binary_is_decided_once_per_buffer(data, path, secrets):
    calls, found = _asked(data, path)
    assert found == secrets
    # Hundreds of glued candidates; a buffer and a reading of it asked
    # once each (the old code: once a candidate, 292 to 1,000).
    assert 1 <= calls <= 4, calls


def _escaped(key: str) -> bytes:
    # The prefix's first '_' written \u005f: only the escapes' reading
    # holds the key whole.
    return key.replace('_', '\\u005f', 1).encode()


def test_a_binary_reading_of_text_is_asked_about_itself():
    # A test fixture holding a SQLite record as a bytes literal: header
    # size, serial types 0x17 (5 characters) and q (50), then 'alice' and
    # the key glued to it.  The file is text (the key glued to a letter:
    # not one); its escapes' reading is binary, where a column's text
    # follows the one before it.  Answered with the file's "text", the
    # key is lost.
    key = _KEYS[0]
    data = b'ROW = b"\\x03\\x17qalice' + key.encode() + b'"\n'
    assert sorted({f.secret for f in scan_bytes(data, 'fixture.py')}) == [key]


def test_a_text_reading_of_a_binary_file_is_asked_about_itself():
    # A binary file (a record with a key glued to its serial type: found)
    # and, past the probe's 8 KB, a text line whose escapes' reading glues
    # a key to a letter: a 51-character run, not a key.  Answered with
    # the file's "binary", the reading reports it.
    glued_in_record, in_text = _KEYS[1], _KEYS[2]
    data = (
        b'\0\x01q' + glued_in_record.encode() + b'\0' + b'# filler line\n' * 600
        + b'TOGETHER_API_KEY="a' + _escaped(in_text) + b'"\n'
    )
    assert sorted({f.secret for f in scan_bytes(data, 'blob.bin')}) == [glued_in_record]
