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


FORMATS = [
    ('ihex', ()),
    ('ihex', ('--change-addresses', '0x08000000')),  # an extended linear address record first
    ('srec', ()),
    ('srec', ('--srec-forceS3',)),
]


@needs_objcopy
@pytest.mark.parametrize('fmt, extra', FORMATS, ids=[f'{f}{"-" + e[0] if e else ""}' for f, e in FORMATS])
def test_a_key_in_a_firmware_image_is_found(fmt, extra):
    rng = random.Random(fmt + str(extra))
    key = make_key(rng)
    data = _objcopy(fmt, _image(f'TOGETHER_API_KEY={key}'.encode(), rng), *extra)
    assert dump_head(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'fw/config.hex')] == [hash_secret(key)]


@needs_objcopy
def test_a_legacy_key_and_a_gzip_in_records_are_found():
    rng = random.Random('legacy-srec')
    h = make_hex(rng)
    data = _objcopy('srec', _image(f'together_api_key = "{h}"\n'.encode(), rng))
    assert [f.hashed_secret for f in scan_bytes(data, 'fw/legacy.s19')] == [hash_secret(h)]
    key = make_key(rng)
    packed = _objcopy('ihex', gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode(), mtime=0))
    assert [f.hashed_secret for f in scan_bytes(packed, 'fw/env.gz.hex')] == [hash_secret(key)]


def test_a_line_with_a_wrong_checksum_or_blanks_is_no_record():
    good = b':0B0010006164647265737320676170A7'
    assert firmware_record(good) == b'address gap'
    assert firmware_record(good[:-2] + b'A8') is None
    assert firmware_record(b':0B 0010006164647265737320676170A7') is None
    assert firmware_record(b'S1130000544F4745544845525F4150495F4B455909') == b'TOGETHER_API_KEY'
    assert firmware_record(b'S1130000544F4745544845525F4150495F4B45590A') is None
    assert firmware_record(b'SELECT 1') is None
    assert not dump_head(b'SELECT name FROM settings;\n')
    assert not dump_head(b':root:x:0:0:root:/root:/bin/bash\n')
