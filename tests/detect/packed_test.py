"""Containers written as base64 values (``engine._packed_hits``,
``containers.scan_packed``): the magics' forms, the budget one file's
values share, and what is passed over cheaply (accuracy cases in every
mode: tests/accuracy/base64_packed_test.py)."""
from __future__ import annotations

import base64
import gzip
import json
import lzma
import random
import zlib

import pytest

from tests.keys import make_key
from together_hooks.detect import budget
from together_hooks.detect import prefilter
from together_hooks.detect.codec import b64_value_at
from together_hooks.detect.engine import scan_bytes
from together_hooks.errors import InputError
from together_hooks.findings import hash_secret

_rng = random.Random('packed')


def test_the_magic_forms_are_the_containers_magics_in_base64():
    # Each written out once (prefilter.B64_MAGIC); derived here from _MAGIC.
    magics = {kind: magic for magic, kind in prefilter._MAGIC.values()}
    starts = {
        'gzip': magics['gzip'] + b'\0' * 8,  # any header: once
        'zip': magics['zip'] + b'\x0a\0\0\0',  # any version (1.0 to 6.3: the same 5 characters)
        'bzip2': b'BZh9',
    }
    once = {kind: base64.b64encode(head) for kind, head in starts.items()}
    twice = {
        'gzip': base64.b64encode(base64.b64encode(magics['gzip'] + b'\0' * 7)),  # Go's zeroed header
        'zip': base64.b64encode(base64.b64encode(magics['zip'] + b'\x14\0\0\0')),  # twice: 2.0's only
    }
    # zlib at each level it is told by (1, the default, 9): its header and
    # any first byte of deflate.
    zlib_forms = {
        base64.b64encode(header + bytes((b,)))[:3] for header in prefilter.ZLIB_HEADERS for b in range(256)
    }
    assert len(zlib_forms) == 4 * len(prefilter.ZLIB_HEADERS) == 12
    # The starts no group of their own: a PNG, an xz (its stream flags'
    # first byte), LZMA-alone's properties, a git pack and bundle.
    heads = (
        magics['png'], magics['pdf'], magics['xz'] + b'\0', b']\0\0', *prefilter.GIT_PACKS, *prefilter._GIT_BUNDLES,
    )
    riding = {base64.b64encode(head) for head in heads}
    every = (*once.values(), *twice.values(), *zlib_forms, *riding)
    forms = prefilter.B64_MAGIC
    for encoded in every:
        assert any(encoded.startswith(f) for f in forms), encoded
    assert all(any(e.startswith(f) for e in every) for f in forms)
    # Letters, digits and ``/`` only: written into a regex as they are.
    assert all(f.replace(b'/', b'').isalnum() for f in forms)


def test_a_value_of_escaped_lines_decodes_whole():
    raw = bytes(range(256)) * 2
    lines = base64.encodebytes(raw).decode().replace('\n', '\\n')
    data = f'{{"blob": "{lines}"}}'.encode()
    at = data.index(b'AAEC')
    decoded, end = b64_value_at(data, at)
    assert decoded == raw
    assert data[end:] == b'\\n"}'  # the last line break ends it


def test_a_gzip_value_is_found_at_its_line():
    key = make_key(_rng)
    value = base64.b64encode(gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode())).decode()
    found = scan_bytes(f'# a\nblob = "{value}"\n'.encode(), 'x.py')
    assert [(f.line, f.column, f.hashed_secret, f.encoding) for f in found] == [
        (2, 9, hash_secret(key), 'base64 gzip'),
    ]


@pytest.mark.parametrize('encode', [base64.b64encode, base64.urlsafe_b64encode])
@pytest.mark.parametrize('before', ['session=', 'session=.', '"log_z": "'])
@pytest.mark.parametrize('level', [-1, 1, 9])
def test_a_zlib_value_is_found(encode, before, level):
    _rng = random.Random(f'packed-zlib-{encode.__name__}-{before}-{level}')
    # zlib.compress's stream in base64(url): Flask's and Django's signed
    # cookies ('.' + value), a JSON field of compressed logs; at the
    # default level (eJ...), 1 (eA...) and 9 (eN...).
    key = make_key(_rng)
    payload = json.dumps({'user': 'ana', 'together_api_key': key, 'pad': 'x' * 80}).encode()
    value = encode(zlib.compress(payload, level)).decode().rstrip('=')
    assert value[:2] == {-1: 'eJ', 1: 'eA', 9: 'eN'}[level]
    found = scan_bytes(f'# a\n{before}{value}.sig\n'.encode(), 'x.txt')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [
        (2, hash_secret(key), 'base64 zlib'),
    ]


def test_a_zlib_bomb_in_base64_fails_closed(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    value = base64.b64encode(zlib.compress(b'\0' * (4 << 20))).decode()
    assert value.startswith('eJ')
    with pytest.raises(InputError, match=r'^bomb\.json: more than 3 MB decompressed'):
        scan_bytes(f'{{"z": "{value}"}}\n'.encode(), 'bomb.json')


def test_the_values_of_one_file_share_one_budget(monkeypatch):
    # Each value alone is under the budget; together they pass it.
    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    value = base64.b64encode(gzip.compress(b'\0' * (1 << 20))).decode()
    assert scan_bytes(f'a: {value}\n'.encode(), 'one.yaml') == []
    with pytest.raises(InputError, match=r'^values\.yaml: more than 3 MB decompressed'):
        scan_bytes(''.join(f'v{i}: {value}\n' for i in range(4)).encode(), 'values.yaml')


def test_a_gzip_bomb_in_a_value_fails_closed(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 4 << 20)
    bomb = gzip.compress(b'\0' * (1 << 20), mtime=0) * 8  # Go's header, as Helm writes it
    twice = base64.b64encode(base64.b64encode(bomb)).decode()
    with pytest.raises(InputError, match=r'^release\.yaml: more than 4 MB decompressed'):
        scan_bytes(f'data:\n  release: {twice}\n'.encode(), 'release.yaml')


@pytest.mark.parametrize('data', [
    b'H4sI ' * 20000,  # a magic with no value after it
    b'H4sI' * 25000,  # one run, no gzip in it
    b'release: H4sIAAAAAAAA/+y9a3PbyJIo+...\n' * 2000,  # truncated examples
    b'x' + b'H4sI' + b'A' * 60 + b'\n',  # inside another value
])
def test_what_is_no_container_value_is_passed_over(data):
    assert scan_bytes(data, 'notes.md') == []


def test_the_detect_secrets_plugin_decodes_a_release_on_its_line():
    # detect-secrets hands the plugin lines: a container never reaches it,
    # a base64 value of one does (docs/baseline.md).
    pytest.importorskip('detect_secrets')
    from together_hooks.detect_secrets_plugin import TogetherApiKeyDetector

    key = make_key(_rng)
    release = base64.b64encode(base64.b64encode(gzip.compress(
        ('{"config": {"apiKey": "%s"}}' % key).encode(), mtime=0,
    ))).decode()
    got = TogetherApiKeyDetector().analyze_line('release.yaml', f'  release: {release}', 3)
    assert [s.secret_hash for s in got] == [hash_secret(key)]


def _git_base85_lines(raw: bytes) -> str:
    """``raw`` as a ``GIT binary patch`` hunk writes it (git's diff.c)."""
    lines = []
    for at in range(0, len(raw), 52):
        piece = raw[at:at + 52]
        head = chr(ord('A') + len(piece) - 1) if len(piece) <= 26 else chr(ord('a') + len(piece) - 27)
        lines.append(head + base64.b85encode(piece + b'\0' * (-len(piece) % 4)).decode())
    return '\n'.join(lines) + '\n'


def test_a_literal_hunk_that_inflates_past_the_budget_fails_closed(monkeypatch):
    import zlib

    monkeypatch.setattr(budget, 'EXPANDED', 4 << 20)
    size = 6 << 20
    hunk = _git_base85_lines(zlib.compress(b'\0' * size, 9))
    patch = f'diff --git a/z.bin b/z.bin\nGIT binary patch\nliteral {size}\n{hunk}\nliteral 0\nHcmV?d00001\n\n'
    with pytest.raises(InputError, match=r'^z\.patch: more than 4 MB decompressed'):
        scan_bytes(patch.encode(), 'z.patch')


def test_a_hunk_written_as_git_writes_it_is_found():
    import zlib

    key = make_key(random.Random('packed-hunk-written'))
    content = bytes(range(256)) + f'\0{key}\0'.encode()
    hunk = _git_base85_lines(zlib.compress(content))
    patch = f'GIT binary patch\nliteral {len(content)}\n{hunk}\nliteral 0\nHcmV?d00001\n\n'
    found = scan_bytes(patch.encode(), 'a.patch')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(3, hash_secret(key), 'git binary patch')]


@pytest.mark.parametrize('level', [0, 1, 6, 9, -1])
def test_a_hunk_is_read_by_the_git_route_alone(level):
    # A stored block (level 0, or zlib's choice for bytes that do not
    # compress) leaves the key's bytes raw in the hunk's base85: the
    # generic base85 reader, joining the hunk's lines (each framed by a
    # count character), decoded a key's prefix glued to bytes not its own.
    import zlib

    rng = random.Random(f'packed-hunk-alone-{level}')
    for i in range(12):
        key = make_key(rng)
        content = rng.randbytes(rng.randrange(0, 300)) + f'\0{key}\0'.encode() + rng.randbytes(rng.randrange(0, 99))
        hunk = _git_base85_lines(zlib.compress(content, level))
        patch = f'GIT binary patch\nliteral {len(content)}\n{hunk}\nliteral 0\nHcmV?d00001\n\n'
        found = scan_bytes(patch.encode(), 'a.patch')
        assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(3, hash_secret(key), 'git binary patch')], i


def test_values_that_start_as_zlib_but_do_not_inflate_are_counted():
    _rng = random.Random('packed-zlib-counted')
    # Each costs a decompressor's try (``container_kind``): a file of
    # them (random bytes behind a zlib header, in base64) fails closed
    # at the count a file of real containers does, not 20 us a line on.
    from together_hooks.detect.engine import VALUES_OPENED

    headers = sorted(prefilter.ZLIB_HEADERS)
    lines = ''.join(
        f'v{i}: {base64.b64encode(headers[i % len(headers)] + _rng.randbytes(40)).decode()}\n'
        for i in range(VALUES_OPENED + 1)
    )
    with pytest.raises(InputError, match=rf'^z\.yaml: more than {VALUES_OPENED} base64 values of containers'):
        scan_bytes(lines.encode(), 'z.yaml')
    assert scan_bytes(lines.encode()[:len(lines) // 2], 'half.yaml') == []


def _whole_file_b64(raw: bytes) -> bytes:
    return base64.encodebytes(raw)  # base64(1)'s 76 columns


@pytest.mark.parametrize('kind', ['xz', 'git pack'])
def test_a_file_that_is_a_container_in_base64_is_opened(kind):
    # ``base64 < env.xz``, a git pack so encoded: no magic form the screen
    # holds, but the file's head is a wrapped base64 block.
    key = make_key(random.Random(f'packed-head-{kind}'))
    env = f'APP=1\nTOGETHER_API_KEY={key}\n'.encode() + bytes(random.Random(kind).randbytes(300)).hex().encode()
    if kind == 'xz':
        import lzma
        raw = lzma.compress(env)
    else:
        from tests.accuracy.encoded_heldout4_test import _pack
        raw = _pack({'.env': env})
    assert not any(f.encode() in _whole_file_b64(raw) for f in ('tgp', 'dGdw'))
    found = scan_bytes(_whole_file_b64(raw), 'blob.b64')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(1, hash_secret(key), f'base64 {kind}')]


def test_a_file_of_random_base64_opens_nothing():
    data = _whole_file_b64(random.Random('packed-head-random').randbytes(20000))
    assert scan_bytes(data, 'random.b64') == []


def test_a_bomb_that_is_the_whole_base64_file_fails_closed(monkeypatch):
    import lzma

    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    with pytest.raises(InputError, match=r'^bomb\.b64: more than 3 MB decompressed'):
        scan_bytes(_whole_file_b64(lzma.compress(b'\0' * (4 << 20))), 'bomb.b64')


def test_an_lzma_alone_header_is_told_whole():
    """LZMA-alone has no magic: its properties byte, a dictionary size xz
    accepts, a size and the range coder's zero byte are checked whole, so
    text or random bytes after a ``]`` are no container."""
    text = b'TOGETHER_API_KEY=x\n' * 4
    for preset in (0, 6, 9):
        packed = lzma.compress(text, format=lzma.FORMAT_ALONE, preset=preset)
        assert prefilter.container_kind(packed) == 'lzma'
        assert prefilter.container_kind(base64.b64decode(base64.b64encode(packed))) == 'lzma'
    packed = lzma.compress(text, format=lzma.FORMAT_ALONE)
    for bad in (
        packed[:13] + b'\x01' + packed[14:],  # the range coder starts at 0
        packed[:1] + (5 << 20).to_bytes(4, 'little') + packed[5:],  # 5 MiB: 2^n + 2^(n-2)
        packed[:1] + (1 << 11).to_bytes(4, 'little') + packed[5:],  # below 4 KiB
        packed[:5] + (1 << 50).to_bytes(8, 'little') + packed[13:],  # a size no encoder writes
        b']]  # a comment\n' * 4,
        b']' + bytes(_rng.randrange(256) for _ in range(64)),
    ):
        assert prefilter.container_kind(bad) is None, bad[:14]


def _uu(name: str, data: bytes) -> bytes:
    from binascii import b2a_uu

    lines = b''.join(b2a_uu(data[i:i + 45]) for i in range(0, len(data), 45))
    return b'begin 644 ' + name.encode() + b'\n' + lines + b'`\nend\n'


def _sqlite(rows: list[tuple[str, bytes]], page_size: int = 4096) -> bytes:
    import os
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.join(tmp, 'cache.db')
        db = sqlite3.connect(name)
        db.execute(f'PRAGMA page_size = {page_size}')
        db.execute('CREATE TABLE files (path TEXT, content BLOB)')
        db.executemany('INSERT INTO files VALUES (?, ?)', rows)
        db.commit()
        db.close()
        with open(name, 'rb') as f:
            return f.read()


def test_decoded_bytes_that_start_a_container_are_opened():
    """What a decoder already gave (a uuencoded block, a SQLite BLOB) is
    opened when it starts a container, reported where it is; a second
    block or row and key-less or random ones give nothing more."""
    keys = [make_key(_rng) for _ in range(3)]
    env = [f'TOGETHER_API_KEY={k}\n'.encode() for k in keys]
    mail = (b'Subject: env\n\n' + _uu('notes.txt', b'hello\n') + b'\n'
            + _uu('env.gz', gzip.compress(env[0])) + _uu('env.xz', lzma.compress(env[1])))
    found = scan_bytes(mail, 'mail.txt')

    def first_line(name: bytes) -> int:  # the block's first line after ``begin``
        return mail[:mail.index(b'begin 644 ' + name)].count(b'\n') + 2
    assert {(f.line, f.hashed_secret, f.encoding) for f in found} == {
        (first_line(b'env.gz'), hash_secret(keys[0]), 'uuencode gzip'),
        (first_line(b'env.xz'), hash_secret(keys[1]), 'uuencode xz'),
    }
    db = _sqlite([('a', _rng.randbytes(900)), ('b', zlib.compress(b'no key here\n' * 50)),
                  ('.env', zlib.compress(env[2])), ('c', b'x\x9c' + _rng.randbytes(40))])
    found = scan_bytes(db, 'cache.db')
    assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(keys[2]), 'sqlite blob zlib')]


def _cells_named_again(db: bytes, pointers: list[int]) -> bytes:
    """``db`` with its table page's cell pointers (a leaf, page 2) listed
    as ``pointers`` (indices of its first ones)."""
    head = 65536
    assert db[head] == 0x0D
    old = [db[head + 8 + 2 * i:head + 10 + 2 * i] for i in range(int.from_bytes(db[head + 3:head + 5], 'big'))]
    array = b''.join(old[i] for i in pointers)
    return db[:head + 3] + len(pointers).to_bytes(2, 'big') + db[head + 5:head + 8] + array + db[head + 8 + len(array):]


def test_a_blob_whose_cell_is_named_again_is_opened_once():
    """A page whose pointers name one BLOB's cell again (a damaged or
    crafted file) gives it once: five copies of a 52 KB one took the room
    kept for BLOBs (twice the file), and the key's BLOB after them was
    dropped unread, a silent pass."""
    key = make_key(_rng)
    room = 2 * 2 * 65536  # twice a file of two 64 KB pages
    size = room // 5
    big = next(z for n in range(size - 40, size) for z in [zlib.compress(_rng.randbytes(n), 0)] if len(z) == size)
    db = _sqlite([('a', big), ('.env', zlib.compress(f'TOGETHER_API_KEY={key}\n'.encode()))], 65536)
    assert len(db) == 2 * 65536
    crafted = _cells_named_again(db, [0, 0, 0, 0, 0, 1])
    for data in (db, crafted):
        found = scan_bytes(data, 'cache.db')
        assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'sqlite blob zlib')]


def test_blobs_past_their_room_fail_closed(monkeypatch):
    """Container BLOBs past the bytes kept for them fail closed, never
    one left unopened."""
    from together_hooks.detect import sqlite

    init = sqlite._Db.__init__

    def small(self, data):  # type: ignore[no-untyped-def]
        init(self, data)
        self.packed_room = 100
    monkeypatch.setattr(sqlite._Db, '__init__', small)
    db = _sqlite([('a', zlib.compress(_rng.randbytes(90), 0)), ('b', zlib.compress(b'no key\n'))])
    with pytest.raises(InputError, match=r"^cache\.db: BLOBs of containers past twice the file's size"):
        scan_bytes(db, 'cache.db')


def test_a_bomb_in_decoded_bytes_fails_closed(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    bomb = gzip.compress(b'\0' * (4 << 20))
    with pytest.raises(InputError, match=r'^mail\.txt: more than 3 MB decompressed'):
        scan_bytes(_uu('zero.gz', bomb), 'mail.txt')
    with pytest.raises(InputError, match=r'^cache\.db: more than 3 MB decompressed'):
        scan_bytes(_sqlite([('zero', zlib.compress(b'\0' * (4 << 20)))]), 'cache.db')


def _png_of(*chunks: tuple[bytes, bytes]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, 'big') + kind + body + zlib.crc32(kind + body).to_bytes(4, 'big')
    ihdr = chunk(b'IHDR', (8).to_bytes(4, 'big') * 2 + b'\x08\x02\0\0\0')
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunk(k, b) for k, b in chunks) + chunk(b'IEND', b'')


def test_a_base64_pngs_text_chunks_are_told_from_its_headers():
    """``codec.b64_png_text`` walks a PNG's chunk headers in its base64
    (each at any of the three alignments), never its pixels: True for a
    ``zTXt`` or ``iTXt`` wherever it is, False for an image without one,
    None (decode it whole) for what a walk cannot tell."""
    from together_hooks.detect.codec import PNG_B64
    from together_hooks.detect.codec import b64_png_text

    text = (b'zTXt', b'iTXt')
    pixels = (b'IDAT', zlib.compress(_rng.randbytes(5000)))
    ztxt = (b'zTXt', b'workflow\0\0' + zlib.compress(b'{"steps": []}'))
    for pad in range(3):  # the chunks after the first at every alignment
        extra = (b'tEXt', b'Software\0' + b'x' * pad)
        for chunks, told in (
                ((extra, pixels), False), ((extra, ztxt, pixels), True), ((extra, pixels, ztxt), True),
                ((extra, pixels, (b'iTXt', b'XML:com.adobe.xmp\0\0\0\0\0<x/>')), True),
        ):
            value = base64.b64encode(_png_of(*chunks))
            assert value.startswith(PNG_B64)
            data = b'{"image/png": "' + value + b'"}'
            at = data.index(PNG_B64)
            assert b64_png_text(data, at, text) is told, (pad, chunks[1][0])
            url = value.translate(bytes.maketrans(b'+/', b'-_'))
            assert b64_png_text(b'x ' + url, 2, text) is told
    value = base64.b64encode(_png_of(pixels))
    assert b64_png_text(value[:len(value) // 2], 0, text) is None  # cut short
    assert b64_png_text(base64.encodebytes(_png_of(pixels)), 0, text) is None  # wrapped
    assert b64_png_text(base64.b64encode(b'\x89PNG\r\n\x1a\n' + b'\0\0\0\0abcd' * 5000), 0, text) is None


def test_a_base64_pngs_chunk_after_iend_is_read():
    """A ``zTXt`` written after ``IEND`` (a PNG with bytes appended, as
    ``containers._png`` reads them) is no image the header walk may pass
    over: the value is decoded whole and the key found, at every
    alignment; an image that ends at its ``IEND`` is still told False."""
    from together_hooks.detect.codec import PNG_B64
    from together_hooks.detect.codec import b64_png_text

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, 'big') + kind + body + zlib.crc32(kind + body).to_bytes(4, 'big')
    for pad in range(3):
        key = make_key(_rng)
        png = _png_of((b'tEXt', b'Software\0' + b'x' * pad), (b'IDAT', zlib.compress(_rng.randbytes(3000))))
        told = b64_png_text(b'"' + base64.b64encode(png) + b'"', 1, (b'zTXt',))
        assert told is False
        png += chunk(b'zTXt', b'workflow\0\0' + zlib.compress(f'{{"api_key": "{key}"}}'.encode()))
        value = base64.b64encode(png)
        assert value.startswith(PNG_B64)
        told = b64_png_text(b'"' + value + b'"', 1, (b'zTXt',))  # the value is never printed
        assert told is None, pad
        notebook = json.dumps({'cells': [{'outputs': [{'data': {'image/png': value.decode()}}]}]}).encode()
        found = scan_bytes(notebook, 'gen.ipynb')
        assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'base64 png')], pad


def test_a_base64_png_without_text_is_not_decoded(monkeypatch):
    """A notebook's plots (no text chunk) cost a walk of their headers, no
    decoding; one with a ``zTXt`` among them is decoded and its key found."""
    from together_hooks.detect import codec

    decoded = []
    real = codec.b64_value_at
    monkeypatch.setattr(codec, 'b64_value_at', lambda data, at: decoded.append(at) or real(data, at))
    pixels = (b'IDAT', zlib.compress(_rng.randbytes(20000)))
    plots = [base64.b64encode(_png_of((b'tEXt', b'Software\0matplotlib'), pixels)).decode() for _ in range(5)]
    notebook = json.dumps({'cells': [{'outputs': [{'data': {'image/png': p}}]} for p in plots]}, indent=1)
    assert scan_bytes(notebook.encode(), 'plots.ipynb') == []
    assert decoded == []
    key = make_key(_rng)
    ztxt = (b'zTXt', b'workflow\0\0' + zlib.compress(f'{{"api_key": "{key}"}}'.encode()))
    plots.append(base64.b64encode(_png_of(pixels, ztxt)).decode())
    notebook = json.dumps({'cells': [{'outputs': [{'data': {'image/png': p}}]} for p in plots]}, indent=1)
    found = scan_bytes(notebook.encode(), 'gen.ipynb')
    assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'base64 png')]
    assert len(decoded) == 1
