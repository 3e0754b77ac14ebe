"""A PNG's compressed text chunk (``zTXt``, a compressed ``iTXt``) is read
with its keyword before its text, a NUL between them as a ``tEXt`` chunk
holds them (``containers._png``): the keyword is the name its value
stands under, so a legacy key alone in the text under the keyword
``together_api_key`` is found, and one under a digest's keyword
(``together_model_sha256``) stays clean (session 35, acc35)."""
from __future__ import annotations

import random
import struct
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('png-keyword35')


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(*chunks: bytes) -> bytes:
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _chunk(b'IEND', b'')


def _ztxt(keyword: bytes, text: bytes) -> bytes:
    return _chunk(b'zTXt', keyword + b'\0\0' + zlib.compress(text))


def _itxt(keyword: bytes, text: bytes) -> bytes:
    return _chunk(b'iTXt', keyword + b'\0\1\0en\0\0' + zlib.compress(text))


def _found(data: bytes) -> list[tuple[str, str]]:
    return sorted((f.path, f.hashed_secret) for f in Scanner().scan_one(Content('img/shot.png', data)))


@pytest.mark.parametrize('chunk', [_ztxt, _itxt])
@pytest.mark.parametrize('keyword', [b'together_api_key', b'TOGETHER_API_KEY', b'TogetherApiKey'])
def test_a_compressed_chunks_keyword_names_its_value(chunk, keyword):
    h = make_hex(_rng)
    kind = chunk(b'k', b'')[4:8].decode()
    found = _found(_png(_chunk(b'tEXt', b'Software\0gimp'), chunk(keyword, h.encode())))
    assert found == [(f'img/shot.png!{kind} 3', hash_secret(h))]


@pytest.mark.parametrize('chunk', [_ztxt, _itxt])
@pytest.mark.parametrize('keyword', [b'together_model_sha256', b'Comment', b'parameters', b'api_key'])
def test_a_keyword_that_names_no_together_key_leaves_a_digest_clean(chunk, keyword):
    """Decoys: a digest under a digest's keyword, or under a keyword that
    is no Together name, as the same bytes in a ``tEXt`` chunk are."""
    h = make_hex(_rng)
    assert _found(_png(chunk(keyword, h.encode()))) == []
    assert _found(_png(_chunk(b'tEXt', keyword + b'\0' + h.encode()))) == []


def test_a_current_key_in_the_text_is_still_found_once():
    k = make_key(_rng)
    found = _found(_png(_ztxt(b'parameters', f'prompt: a cat, key {k}'.encode())))
    assert found == [('img/shot.png!zTXt 2', hash_secret(k))]
