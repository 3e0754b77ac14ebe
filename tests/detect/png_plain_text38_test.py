"""A PNG's uncompressed text chunks (``tEXt``, a plain ``iTXt``) are read
within their chunk's length (``containers._png``; a PNG holding one is a
container: ``prefilter.PNG_TEXT_CHUNKS``), not only as the file's bytes,
where the chunk's CRC follows the text: when the CRC's first byte is a
letter or a digit (1 in 4) a legacy key ending the text touched it and
was no key (session 38, outside38's ``png-text-comment-legacy``: a
screenshot tool's ``Comment`` ending in ``TOGETHER_API_KEY=<hex>``).
Decoys: a digest beside ``together`` ending a chunk the same way, and an
image's ordinary text."""
from __future__ import annotations

import random
import string
import struct
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('png-plain-text38')
_TOUCHING = (string.ascii_letters + string.digits).encode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(*chunks: bytes) -> bytes:
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _chunk(b'IEND', b'')


def _labels(kind: bytes, keyword: bytes) -> bytes:
    return keyword + (b'\0' if kind == b'tEXt' else b'\0\0\0en\0\0')


def _touching(kind: bytes, keyword: bytes, text: bytes, value) -> tuple[bytes, str]:
    """A chunk whose text ends with ``value()`` and whose CRC's first byte
    is a letter or a digit (drawn until it is)."""
    while True:
        v = value(_rng)
        data = _labels(kind, keyword) + text + v.encode()
        chunk = _chunk(kind, data)
        if chunk[-4] in _TOUCHING:
            return chunk, v


def _found(data: bytes) -> list[tuple[str, str]]:
    return sorted((f.path, f.hashed_secret) for f in Scanner().scan_one(Content('img/shot.png', data)))


@pytest.mark.parametrize('kind', [b'tEXt', b'iTXt'])
@pytest.mark.parametrize('keyword, text', [
    (b'Comment', b'TOGETHER_API_KEY='),
    (b'Description', b'together api key: '),
    (b'together_api_key', b''),
])
def test_a_legacy_key_ending_a_plain_chunk_is_found_whatever_its_crc(kind, keyword, text):
    chunk, h = _touching(kind, keyword, text, make_hex)
    found = _found(_png(_chunk(b'tEXt', b'Software\0gimp'), chunk))
    assert found == [(f'img/shot.png!{kind.decode()} 3', hash_secret(h))]


@pytest.mark.parametrize('kind', [b'tEXt', b'iTXt'])
def test_a_current_key_in_a_plain_chunk_is_reported_once_at_its_chunk(kind):
    chunk, k = _touching(kind, b'Comment', b'export TOGETHER_API_KEY=', make_key)
    assert _found(_png(chunk)) == [(f'img/shot.png!{kind.decode()} 2', hash_secret(k))]


@pytest.mark.parametrize('kind', [b'tEXt', b'iTXt'])
@pytest.mark.parametrize('keyword, text', [
    (b'Comment', b'together-1.3.3.tar.gz sha256:'),
    (b'together_model_sha256', b''),
    (b'Source', b'together commit '),
])
def test_a_digest_ending_a_plain_chunk_beside_together_stays_clean(kind, keyword, text):
    chunk, _h = _touching(kind, keyword, text, make_hex)
    assert _found(_png(_chunk(b'tEXt', b'Software\0matplotlib version3.8.2, https://matplotlib.org/'), chunk)) == []


def test_an_images_ordinary_text_chunks_find_nothing():
    assert _found(_png(_chunk(b'tEXt', b'Software\0matplotlib version3.8.2'),
                       _chunk(b'tEXt', b'no keyword NUL in this one'),
                       _chunk(b'iTXt', b'XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>'))) == []
