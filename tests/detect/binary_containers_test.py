"""Containers a file may be, told by their first bytes (``prefilter.
container_kind``) and opened whole (``containers._open``): an ``ar``
archive (a ``.deb`` from ``dpkg-deb``: its ``data.tar.xz`` opened in turn;
a static library ``ar rc`` writes) and a binary OpenPGP message that is
compressed but not encrypted (``gpg --store`` without ``--armor``: the
armored one is read by ``engine._openpgp_hits``).  Both are flagged by the
history's blob test and the hook's first stage, so every mode reads
them; an encrypted message stays unread and reports nothing; a damaged
archive fails closed in one line."""
from __future__ import annotations

import os
import random
import shutil
import subprocess

import pytest

from tests.cli_run import scan_in_process
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.prefilter import container_kind
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _flagged(data: bytes) -> bool:
    """The history's blob test (and, asked about a history's worth of
    bytes, its one hyperscan pass: ``_fused_blob_test``, which such a file
    reaches by its NULs) and the hook's first stage alike."""
    def fresh() -> Keywords:
        return Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    return (keyword_screen(RULES).blob_test(len(data))(data) and fresh().blob_test(len(data))(data)
            and fresh().blob_test(1 << 30)(data))


def _scanned(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    r = scan_in_process('--format', 'json', name, cwd=tmp_path)
    return r


def _gpg(tmp_path, argv: list[str], data: bytes) -> bytes:
    home = tmp_path / 'gnupg'
    home.mkdir(mode=0o700, exist_ok=True)
    return subprocess.run(['gpg', '--homedir', str(home), '--batch', '--quiet', *argv], input=data,
                          capture_output=True, check=True).stdout


@pytest.mark.skipif(shutil.which('gpg') is None, reason='gpg not installed')
@pytest.mark.parametrize('algo', ['zip', 'zlib', 'bzip2'])
def test_a_binary_stored_message_is_opened(tmp_path, algo):
    key = make_key(random.Random(f'gpg-binary-{algo}'))
    data = _gpg(tmp_path, ['--store', '--compress-algo', algo, '-o', '-'], _env(key))
    assert not data.startswith(b'-----') and container_kind(data) == 'openpgp'
    assert _flagged(data)
    r = _scanned(tmp_path, 'env.gpg', data)
    assert r.rc == 1, r.err
    assert [f['hashed_secret'] for f in r.json()['findings']] == [hash_secret(key)]


def test_random_bytes_after_a_compressed_packet_header_are_no_container():
    rng = random.Random('gpg-binary-random')
    for first in (0xA3, 0xC8):
        for algo in (1, 2, 3):
            data = bytes((first, 40, algo)) if first == 0xC8 else bytes((first, algo))
            assert container_kind(data + rng.randbytes(300)) is None
    # What ``gpg --symmetric`` starts with (a session key packet, tag 3,
    # then encrypted data): no compressed packet; the real one is a decoy
    # of tests/accuracy/encoded_heldout12_test.py.
    assert container_kind(b'\x8c\x0d\x04\x09\x03\x02' + rng.randbytes(300)) is None


def _deb(tmp_path, files: dict[str, bytes], compressor: str) -> bytes:
    root = tmp_path / 'pkg'
    (root / 'DEBIAN').mkdir(parents=True)
    (root / 'DEBIAN' / 'control').write_text(
        'Package: llm\nVersion: 1.0\nArchitecture: all\nMaintainer: o <o@example.com>\nDescription: x\n')
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    subprocess.run(['dpkg-deb', '--root-owner-group', f'-Z{compressor}', '--build', str(root), str(tmp_path / 'o.deb')],
                   capture_output=True, check=True)
    return (tmp_path / 'o.deb').read_bytes()


@pytest.mark.skipif(shutil.which('dpkg-deb') is None, reason='dpkg-deb not installed')
@pytest.mark.parametrize('compressor', ['xz', 'gzip'])
def test_a_deb_package_is_opened_to_its_data_tar(tmp_path, compressor):
    rng = random.Random(f'deb-{compressor}')
    key, legacy = make_key(rng), make_hex(rng)
    data = _deb(tmp_path, {'etc/llm/.env': _env(key), 'etc/llm/old.env': _env(legacy)}, compressor)
    assert data.startswith(b'!<arch>\n') and _flagged(data)
    r = _scanned(tmp_path, 'llm.deb', data)
    assert r.rc == 1, r.err
    found = sorted((f['path'], f['hashed_secret']) for f in r.json()['findings'])
    ext = {'xz': '.xz', 'gzip': '.gz'}[compressor]
    assert found == sorted([
        (f'llm.deb!data.tar{ext}!./etc/llm/.env', hash_secret(key)),
        (f'llm.deb!data.tar{ext}!./etc/llm/old.env', hash_secret(legacy)),
    ])


@pytest.mark.skipif(shutil.which('ar') is None, reason='ar not installed')
def test_an_ar_archive_of_text_members(tmp_path):
    key = make_key(random.Random('ar-plain'))
    (tmp_path / 'a.txt').write_bytes(b'x' * 33)  # odd: padded to an even length
    (tmp_path / 'settings.env').write_bytes(_env(key))
    subprocess.run(['ar', 'rcD', 'lib.a', 'a.txt', 'settings.env'], cwd=tmp_path, check=True)
    for name in ('a.txt', 'settings.env'):
        os.remove(tmp_path / name)
    r = _scanned(tmp_path, 'lib.a', (tmp_path / 'lib.a').read_bytes())
    assert r.rc == 1, r.err
    assert [(f['path'], f['hashed_secret']) for f in r.json()['findings']] == [
        ('lib.a!settings.env', hash_secret(key)),
    ]


def test_a_damaged_ar_archive_fails_closed(tmp_path):
    data = b'!<arch>\n' + b'settings.env/   0           0     0     644     9999      `\n' + b'TOGETHER=1\n'
    r = _scanned(tmp_path, 'bad.a', data)
    assert r.rc == 2
    assert r.err.count('\n') == 1 and 'bad.a: an ar that does not decompress' in r.err, r.err
