"""An OpenPGP message that is compressed but not encrypted (``gpg
--store``, ``gpg --sign`` without ``--detach-sign`` or ``--clearsign``),
armored: its block is a wrapped base64 head the engine decodes, and the
decoded bytes start with a compressed data packet (tag 8,
``containers.openpgp_compressed``): inflated (ZIP, ZLIB) or opened
(BZip2) and scanned, so a key in the signed or stored file is found, by
the scan and by the history's blob test.  An encrypted message, or a
compressed packet of random bytes, reports nothing and stops nothing."""
from __future__ import annotations

import base64
import os
import random
import shutil
import subprocess
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.containers import openpgp_compressed
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

pytestmark = pytest.mark.skipif(shutil.which('gpg') is None, reason='gpg not installed')


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    """A GnuPG home with one signing key (ed25519: made in a blink)."""
    path = tmp_path_factory.mktemp('gnupg')
    os.chmod(path, 0o700)
    _gpg(str(path), ['--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key',
                     'Dev <dev@example.com>', 'ed25519', 'sign', 'never'])
    return str(path)


def _gpg(home: str, argv: list[str], data: bytes = b'') -> bytes:
    return subprocess.run(['gpg', '--homedir', home, '--batch', '--quiet', *argv], input=data,
                          capture_output=True, check=True).stdout


def _found(data: bytes) -> list[str]:
    return [f.hashed_secret for f in scan_bytes(data, 'secrets/env.asc')]


@pytest.mark.parametrize('algo', ['zip', 'zlib', 'bzip2'])
def test_a_stored_message_is_opened_by_its_compression(home, algo):
    key = make_key(random.Random(algo))
    data = _gpg(home, ['--store', '--armor', '--compress-algo', algo], _env(key))
    assert data.startswith(b'-----BEGIN PGP MESSAGE-----')
    assert _found(data) == [hash_secret(key)]
    assert keyword_screen(RULES).blob_test(len(data))(data)


def test_a_signed_message_is_read_and_a_legacy_key_keeps_its_context(home):
    rng = random.Random('signed')
    key, h = make_key(rng), make_hex(rng)
    for secret in (key, h):
        assert _found(_gpg(home, ['--sign', '--armor'], _env(secret))) == [hash_secret(secret)]


def test_a_new_format_packet_with_partial_lengths_is_joined():
    key = make_key(random.Random('partial'))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = comp.compress(b'\xcb\x20b\x04.env\x00\x00\x00\x00' + _env(key)) + comp.flush()
    body = b'\x01' + deflated
    chunk = 32  # a partial length (224 + 5: 2**5 bytes), then the rest with a one-byte length
    packet = b'\xc8' + bytes((224 + 5,)) + body[:chunk] + bytes((len(body) - chunk,)) + body[chunk:]
    assert openpgp_compressed(packet) == (1, deflated)
    assert _found(_armored(packet)) == [hash_secret(key)]


def _armored(packets: bytes) -> bytes:
    return b'-----BEGIN PGP MESSAGE-----\n\n' + base64.encodebytes(packets) + b'-----END PGP MESSAGE-----\n'


def test_an_encrypted_or_random_message_reports_nothing():
    rng = random.Random('encrypted')
    # What ``gpg --symmetric`` writes first: a symmetric-key session key
    # packet (tag 3), then the encrypted data (tag 18): no compressed packet.
    assert _found(_armored(b'\x8c\x0d\x04\x09\x03\x02' + rng.randbytes(600))) == []
    noise = b'\xa3\x01' + rng.randbytes(600)
    assert _found(_armored(noise)) == []
    assert openpgp_compressed(b'\xa3\x09' + noise) is None  # no such algorithm
    assert openpgp_compressed(b'\xc9\x05abcde') is None  # tag 9: encrypted data
