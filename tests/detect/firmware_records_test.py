"""A firmware image written as Intel HEX or Motorola S-records (``objcopy
-O ihex``/``-O srec``: each line a record of hex digits with its own
length and checksum, ``prefilter.firmware_record``) is read as the bytes
its data records hold, as a hex dump is (``codec.dump_view``): a key in
them is found by the scan, through a gzip too, and the history's blob
test flags the file by its first line.  A line whose checksum is wrong is
no record."""
from __future__ import annotations

import gzip
import os
import random
import shutil
import subprocess
import tempfile

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import dump_head
from together_hooks.detect.prefilter import firmware_record
from together_hooks.findings import hash_secret

needs_objcopy = pytest.mark.skipif(shutil.which('objcopy') is None, reason='objcopy not installed')


def _objcopy(fmt: str, data: bytes, *extra: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, 'cfg.bin'), os.path.join(tmp, 'cfg.out')
        with open(src, 'wb') as f:
            f.write(data)
        subprocess.run(['objcopy', '-I', 'binary', '-O', fmt, *extra, src, out], check=True)
        with open(out, 'rb') as f:
            return f.read()


def _image(text: bytes, rng: random.Random) -> bytes:
    return b'\x00\x01CFG\x00' + rng.randbytes(37) + text + b'\x00' + rng.randbytes(64)


def test_a_line_with_a_wrong_checksum_or_blanks_is_no_record():
    good = b':0B0010006164647265737320676170A7'
    assert firmware_record(good) == b'address gap'
    assert firmware_record(good[:-2] + b'A8') is None
    assert firmware_record(b':0B 0010006164647265737320676170A7') is None
    assert firmware_record(b'S1130000544F4745544845525F4150495F4B455909') == b'TOGETHER_API_KEY'
    assert firmware_record(b'S1130000544F4745544845525F4150495F4B45590A') is None
    assert firmware_record(b'SELECT 1') is None
