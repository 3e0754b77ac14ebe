"""Keys in a PNG's compressed text chunks (``zTXt``, a compressed
``iTXt``): what PIL, an image generator's workflow (ComfyUI, Stable
Diffusion front ends) or a screenshot tool writes beside the pixels.

The chunk's text is zlib data, so its key is in no byte of the file as it
is: before ``detect.containers._png`` every mode passed such a PNG with
exit 0.  Each chunk is read as a container's member, at
``shot.png!zTXt N`` (its place among the chunks, never its keyword).
"""
from __future__ import annotations

import random
import struct
import zlib

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.every_mode import assert_found_everywhere
from tests.every_mode import every_mode
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import commit
from tests.keys import make_key
from together_hooks.findings import hash_secret

_SIGNATURE = b'\x89PNG\r\n\x1a\n'


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def _png(*chunks: bytes) -> bytes:
    """A 1x1 grey PNG with ``chunks`` between its header and its pixels."""
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0))
    pixels = _chunk(b'IDAT', zlib.compress(b'\0\0'))
    return _SIGNATURE + ihdr + b''.join(chunks) + pixels + _chunk(b'IEND', b'')


def _ztxt(keyword: bytes, text: bytes) -> bytes:
    return _chunk(b'zTXt', keyword + b'\0\0' + zlib.compress(text))


def _itxt(keyword: bytes, text: bytes) -> bytes:
    return _chunk(b'iTXt', keyword + b'\0\1\0en\0\0' + zlib.compress(text))


def _workflow(key: str) -> bytes:
    return ('{"nodes": [{"type": "TogetherImage", "widgets_values": '
            f'["a cat", "{key}"]}}]}}').encode()


def _pngs(rng: random.Random) -> tuple[dict[str, bytes], list[str], set[tuple[str, str]]]:
    keys = [make_key(rng) for _ in range(3)]
    files = {
        'shot.png': _png(_ztxt(b'Comment', f'TOGETHER_API_KEY={keys[0]}\n'.encode())),
        # The keyword is the key: the finding's path names the chunk by its place.
        'gen/cat.png': _png(_chunk(b'tEXt', b'Software\0x'), _itxt(b'workflow', _workflow(keys[1]))),
        'named.png': _png(_ztxt(keys[2].encode()[:79], f'TOGETHER_API_KEY={keys[2]}'.encode())),
    }
    expected = {
        ('shot.png!zTXt 2', hash_secret(keys[0])),
        ('gen/cat.png!iTXt 3', hash_secret(keys[1])),
        ('named.png!zTXt 2', hash_secret(keys[2])),
    }
    return files, keys, expected


def _found(result) -> set[tuple[str, str]]:
    assert result.rc == 1, result.err
    return {(f['path'], f['hashed_secret']) for f in result.json()['findings']}


def test_every_mode_finds_a_key_in_a_png_text_chunk(git_repo, pushing, tmp_path):  # noqa: F811
    files, keys, expected = _pngs(random.Random('png-every-mode'))
    assert_found_everywhere(every_mode(git_repo, pushing, tmp_path / 'server.git', files), keys, expected)


def test_a_png_is_read_as_a_viewer_reads_it(git_repo):
    rng = random.Random('png-viewer')
    keys = [make_key(rng) for _ in range(2)]
    filler = bytes(rng.choice(b'abcdefghij klmnop\n') for _ in range(4000))  # compresses little
    stream = zlib.compress(f'TOGETHER_API_KEY={keys[0]}\n'.encode() + filler)
    # A text chunk whose stream is cut short (a file truncated), and one
    # whose stream is damaged after the key: each read as far as it inflates.
    cut = _SIGNATURE + _chunk(b'IHDR', b'\0' * 13) + _chunk(b'zTXt', b'c\0\0' + stream)[:-200]
    damaged = _png(_chunk(b'zTXt', b'c\0\0' + zlib.compress(
        f'TOGETHER_API_KEY={keys[1]}\n'.encode() + filler)[:-400] + b'\xff' * 400))
    (git_repo / 'cut.png').write_bytes(cut)
    (git_repo / 'damaged.png').write_bytes(damaged)
    # No compressed text (the pixels alone, a plain tEXt, an uncompressed
    # iTXt): nothing found, no second stage.
    (git_repo / 'plain.png').write_bytes(_png(
        _chunk(b'tEXt', b'Software\0x'), _chunk(b'iTXt', b'Title\0\0\0\0\0cat')))
    result = scan('--format', 'json', '.', cwd=git_repo)
    assert leaked(keys, result.out + result.err) == []
    assert _found(result) == {
        ('cut.png!zTXt 2', hash_secret(keys[0])), ('damaged.png!zTXt 2', hash_secret(keys[1])),
    }
    (git_repo / 'cut.png').unlink()
    (git_repo / 'damaged.png').unlink()
    clean = scan('.', cwd=git_repo)
    assert clean.rc == 0, clean.err


def test_a_png_text_chunk_it_cannot_place_fails_closed_in_one_line(git_repo):
    # Labels (keyword, language, translated keyword) past 64 KB: where the
    # text starts is not known, so the file is not passed.
    huge = _png(_chunk(b'iTXt', b'k\0\1\0' + b'a' * (70 << 10) + b'\0\0' + zlib.compress(b'x')))
    (git_repo / 'huge.png').write_bytes(huge)
    result = scan('.', cwd=git_repo)
    assert result.rc == 2, result.out
    assert 'Traceback' not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert 'huge.png' in result.err and 'not scanned whole' in result.err


def test_a_pdf_or_png_inside_a_zip_has_its_plain_text_read_too(git_repo):
    # A PDF's uncompressed string (its /Title) and a PNG's tEXt beside a
    # zTXt: a file's own bytes are scanned beside its streams, and so are
    # a member's (before, a member was only opened: both passed, exit 0).
    import io
    import zipfile

    rng = random.Random('plain-in-member')
    keys = [make_key(rng) for _ in range(2)]
    pdf = (b'%PDF-1.4\n1 0 obj\n<< /Title (TOGETHER_API_KEY=' + keys[0].encode()
           + b') >>\nendobj\n%%EOF\n')
    png = _png(_ztxt(b'c', b'hello'), _chunk(b'tEXt', f'c\0TOGETHER_API_KEY={keys[1]}'.encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('docs/a.pdf', pdf)
        z.writestr('shots/b.png', png)
    (git_repo / 'bundle.zip').write_bytes(out.getvalue())
    result = scan('--format', 'json', '.', cwd=git_repo)
    assert leaked(keys, result.out + result.err) == []
    # (Session 38: a PNG's tEXt is read within its chunk too, and a key
    # both show is reported at its chunk.)
    assert _found(result) == {
        ('bundle.zip!docs/a.pdf', hash_secret(keys[0])), ('bundle.zip!shots/b.png!tEXt 3', hash_secret(keys[1])),
    }


def test_a_png_whose_text_chunk_comes_late_is_told_by_its_signature(git_repo):
    # A colour profile (iCCP) or a long tEXt before the zTXt puts its type
    # past the first 512 bytes a member's kind was told from, and past the
    # first window of a large file: a PNG is a container by its signature
    # wherever only its first bytes are seen (before, each of these passed
    # with exit 0).
    import gzip
    import io
    import tarfile
    import zipfile

    rng = random.Random('png-late')
    keys = [make_key(rng) for _ in range(2)]
    late = _png(_chunk(b'iCCP', b'icc\0\0' + zlib.compress(b'p' * 3000)),
                _ztxt(b'Comment', f'TOGETHER_API_KEY={keys[0]}\n'.encode()))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('late.png', late)
    (git_repo / 'late.zip').write_bytes(archive.getvalue())
    (git_repo / 'late.png.gz').write_bytes(gzip.compress(late))
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode='w') as tar:
        member = tarfile.TarInfo('late.png')
        member.size = len(late)
        tar.addfile(member, io.BytesIO(late))
    (git_repo / 'late.tar').write_bytes(archive.getvalue())
    # Larger than a window (4 MB): stored pixels first, the text chunk last.
    pixels = bytes(rng.getrandbits(8) for _ in range(1 << 16)) * 80
    big = _png(_chunk(b'IDAT', pixels), _ztxt(b'workflow', _workflow(keys[1])))
    (git_repo / 'big.png').write_bytes(big)
    expected = {
        ('late.zip!late.png!zTXt 3', hash_secret(keys[0])),
        ('late.png.gz!late.png!zTXt 3', hash_secret(keys[0])),
        ('late.tar!late.png!zTXt 3', hash_secret(keys[0])),
        ('big.png!zTXt 3', hash_secret(keys[1])),
    }
    as_files = scan('--format', 'json', '.', cwd=git_repo)
    commit(git_repo, 'images')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    assert leaked(keys, as_files.out + as_files.err, history.out + history.err) == []
    assert _found(as_files) == expected
    assert _found(history) == expected
