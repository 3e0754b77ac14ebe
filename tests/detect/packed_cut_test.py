"""A base64 value of a container cut short (an example pasted into a
document, a log line cut at its width): what it holds up to the cut is
read, as for a gzip cut short; what it leaves undecided fails closed
(``containers.scan_packed``)."""
from __future__ import annotations

import base64
import gzip
import io
import os
import random
import subprocess
import tarfile
import zipfile

import pytest

from tests.cli_run import BIN
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.errors import InputError
from together_hooks.findings import hash_secret

_rng = random.Random('packed-cut')


def _tar(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w') as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def _filler(n: int) -> bytes:
    return _rng.randbytes(n).hex().encode()


def _found(value: bytes) -> list[tuple[int, str, str]]:
    data = b'Example (cut):\n\n    ' + value + b'\n\nMore prose.\n'
    return [(f.line, f.hashed_secret, f.encoding) for f in scan_bytes(data, 'README.md')]


def _env(key: str) -> bytes:
    return f'APP_ENV=prod\nTOGETHER_API_KEY={key}\n'.encode()


def test_a_tar_gz_value_cut_after_a_member_reads_that_member():
    """It stopped the run with an internal error (tarfile's ReadError)."""
    key = make_key(_rng)
    packed = gzip.compress(_tar([('.env', _env(key)), ('data.txt', _filler(3000))]), mtime=0)
    value = base64.b64encode(packed)[:1500]
    assert _found(value) == [(3, hash_secret(key), 'base64 gzip')]


def test_a_tar_gz_value_cut_inside_a_member_reads_it_as_far_as_it_goes():
    key = make_key(_rng)
    member = _filler(300) + b'\n' + _env(key) + _filler(3000)
    packed = gzip.compress(_tar([('notes.txt', _filler(100)), ('config.env', member)]), mtime=0)
    value = base64.b64encode(packed)[:1400]
    assert _found(value) == [(3, hash_secret(key), 'base64 gzip')]


def test_a_gzip_value_cut_short_keeps_what_decompressed_before_the_cut():
    """GzipFile's read dropped all it had decompressed for one read when
    the data ended: a key more than 512 bytes in, before the cut, was lost."""
    key = make_key(_rng)
    packed = gzip.compress(_filler(2000) + b'\n' + _env(key) + _filler(3000), mtime=0)
    value = base64.b64encode(packed)[:-1200]
    assert _found(value) == [(3, hash_secret(key), 'base64 gzip')]


def test_a_zip_value_cut_before_its_central_directory_reads_its_entries():
    """It gave nothing: zipfile needs the central directory at the end."""
    key = make_key(_rng)
    packed = _zip([('config/.env', _env(key) + b'# ' * 200), ('data.txt', _filler(3000))])
    value = base64.b64encode(packed)[:len(base64.b64encode(packed)) // 2]
    assert _found(value) == [(3, hash_secret(key), 'base64 zip')]


def test_a_zip_value_cut_inside_a_deflated_entry_reads_it_as_far_as_it_goes():
    key = make_key(_rng)
    packed = _zip([('settings.env', b'# settings\n' * 40 + _env(key) + _filler(4000))])
    value = base64.b64encode(packed)[:1200]
    assert _found(value) == [(3, hash_secret(key), 'base64 zip')]


def test_a_cut_zip_value_whose_entry_cannot_be_decided_fails_closed():
    """Without the central directory an entry is read by its local header:
    a method it cannot read there leaves the value undecided."""
    key = make_key(_rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('README.txt', b'read me\n' * 20)
        archive.writestr('.env', _env(key) + _filler(2000), compress_type=zipfile.ZIP_BZIP2)
    value = base64.b64encode(out.getvalue())[:1200]
    with pytest.raises(InputError, match=r'^README\.md!\.env: a zip entry outside its central directory, method 12'):
        _found(value)


def test_the_cli_finds_a_key_in_a_cut_tar_gz_value_exit_1(tmp_path):
    key = make_key(_rng)
    packed = gzip.compress(_tar([('.env', _env(key)), ('data.txt', _filler(3000))]), mtime=0)
    (tmp_path / 'notes.md').write_bytes(b'backup:\n' + base64.b64encode(packed)[:1500] + b'\n')
    run = subprocess.run((os.path.join(BIN, 'together-hooks'), 'scan', 'notes.md'), cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert 'notes.md:2:' in run.stdout and 'base64 gzip' in run.stdout
    assert key not in run.stdout + run.stderr
