"""A PNG's plain text chunks whose labels lie (session 38, review38a, a
hostile review of outside38's plain-text reading in ``containers._png``).

Since a PNG holding a ``tEXt`` is opened as a container, a plain ``iTXt``
whose language tag did not end within 64 KB made the whole file "not
scanned whole" (exit 2), where 5418d64c found the key in the file's bytes;
one whose language labels never end was passed over (a legacy key ending
it touched the CRC there: found nowhere).  And plain text spent the
file's decompression budget, so a large ``tEXt`` was refused as a bomb.
Plain text is the file's own bytes: read within the chunk whatever its
labels say, never metered.  Decoys: a digest beside ``together`` in the
same chunks; a compressed ``iTXt`` whose labels never end is still
refused (its text cannot be told from its labels)."""
from __future__ import annotations

import random
import string
import struct
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import budget as budget_module
from together_hooks.errors import InputError
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('png-text-labels38')
_TOUCHING = (string.ascii_letters + string.digits).encode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(*chunks: bytes) -> bytes:
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _chunk(b'IEND', b'')


def _touching(data_of, value) -> tuple[bytes, str]:
    """An ``iTXt`` chunk ``data_of(value)`` whose CRC's first byte is a
    letter or a digit (drawn until it is)."""
    while True:
        v = value(_rng)
        chunk = _chunk(b'iTXt', data_of(v))
        if chunk[-4] in _TOUCHING:
            return chunk, v


def _found(data: bytes) -> list[tuple[str, str]]:
    return sorted((f.path, f.hashed_secret) for f in Scanner().scan_one(Content('img/shot.png', data)))


# A plain iTXt (flag 0, method 0) whose language tag runs past 64 KB, and
# one whose language labels never end (no NUL after the flags).
_LABELS = {
    'lang-over-64k': lambda text: b'Comment\0\0\0' + b'e' * 70000 + b'\n' + text,
    'labels-never-end': lambda text: b'Comment\0\0\0' + text,
}


@pytest.mark.parametrize('labels', sorted(_LABELS))
@pytest.mark.parametrize('value', [make_key, make_hex], ids=['current', 'legacy'])
def test_a_key_in_a_plain_itxt_whose_labels_lie_is_found(labels, value):
    chunk, v = _touching(lambda v: _LABELS[labels](b'TOGETHER_API_KEY=' + v.encode()), value)
    assert _found(_png(_chunk(b'tEXt', b'Software\0gimp'), chunk)) == [('img/shot.png!iTXt 3', hash_secret(v))]


@pytest.mark.parametrize('labels', sorted(_LABELS))
def test_a_digest_in_a_plain_itxt_whose_labels_lie_stays_clean(labels):
    chunk, _h = _touching(lambda v: _LABELS[labels](b'together-1.3.3.tar.gz sha256:' + v.encode()), make_hex)
    assert _found(_png(_chunk(b'tEXt', b'Software\0gimp'), chunk)) == []


def test_a_compressed_itxt_whose_labels_never_end_is_still_refused():
    data = b'Comment\0\1\0' + b'e' * 70000 + zlib.compress(b'hello')
    with pytest.raises(InputError, match='labels longer than 64 KB'):
        _found(_png(_chunk(b'tEXt', b'Software\0gimp'), _chunk(b'iTXt', data)))


def test_a_plain_text_chunk_larger_than_the_budget_is_read(monkeypatch):
    """Plain text never spends the decompression budget (lowered here to
    1 MB, for a 2 MB chunk: the same as a 300 MB one under 256 MB)."""
    monkeypatch.setattr(budget_module, 'EXPANDED', 1 << 20)
    k = make_key(_rng)
    filler = b'lorem ipsum dolor sit amet\n' * 80000
    png = _png(_chunk(b'tEXt', b'Comment\0' + filler + b'TOGETHER_API_KEY=' + k.encode() + b'\n'))
    assert _found(png) == [('img/shot.png!tEXt 2', hash_secret(k))]
    # The decoy: compressed text still spends it.
    bomb = _png(_chunk(b'zTXt', b'Comment\0\0' + zlib.compress(filler)))
    with pytest.raises(InputError, match='decompressed: not scanned whole'):
        _found(bomb)
