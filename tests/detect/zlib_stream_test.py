"""A file that is one zlib stream (a committed git loose object: ``blob
<size>\\0`` and the content, deflated; a ``.zz``) is read as a container
of one member, in every mode (docs/detection.md, "Inside compressed
containers"); a cut one is scanned as far as it inflates; a zlib stream of text without a
key, and random bytes that start with a zlib header, pass."""
from __future__ import annotations

import random
import zlib

from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import scan as scan_process  # a bomb's guards: a regression blows up a process, not the test's
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from together_hooks.detect.prefilter import container_kind


def _loose(content: bytes, level: int = -1) -> bytes:
    return zlib.compress(b'blob %d\0' % len(content) + content, level)


def test_a_key_in_a_git_loose_object_is_found_in_the_tree_and_the_history(git_repo, keys):
    key, other = keys(), keys()
    objects = git_repo / 'fixtures' / 'bare.git' / 'objects' / 'ab'
    objects.mkdir(parents=True)
    (objects / 'cdef01').write_bytes(_loose(f'TOGETHER_API_KEY={key}\n'.encode()))
    (objects / 'cdef02').write_bytes(_loose(f'# cfg\n\nx = "{other}"\n'.encode(), 9))
    (git_repo / 'notes.zz').write_bytes(_loose(b'hello, no key in here\n' * 200, 1))
    rng = random.Random(3)
    (git_repo / 'noise.bin').write_bytes(b'x\x9c' + rng.randbytes(4000))
    git(git_repo, 'add', '.')
    want = {
        ('fixtures/bare.git/objects/ab/cdef01!cdef01', 1),
        ('fixtures/bare.git/objects/ab/cdef02!cdef02', 3),
    }
    for args in (('.',), ('--staged',), ('--history',)):
        if args == ('--history',):
            git(git_repo, 'commit', '-qm', 'fixtures')
        r = scan('--format', 'json', *args, cwd=git_repo)
        assert r.rc == 1, (args, r.err)
        assert {(f['path'], f['line']) for f in r.json()['findings']} == want, args
        assert leaked([key, other], r.out, r.err) == []


def test_random_bytes_after_a_zlib_header_are_no_container():
    rng = random.Random(5)
    told = sum(
        container_kind(header + rng.randbytes(200)) == 'zlib'
        for header in (b'x\x01', b'x\x9c', b'x\xda') for _ in range(300)
    )
    assert told == 0
    assert container_kind(_loose(b'text')) == 'zlib'
    assert container_kind(b'x^2 + y^2 = 1\n') is None


def test_a_cut_zlib_stream_is_scanned_as_far_as_it_inflates(git_repo, keys):
    """A zlib stream is told by a heuristic, not a magic: cut short (a
    corrupt loose object, a 2-byte ``x\\x9c`` file) it is no error; what
    inflates before the cut is scanned (a key there is found), the file's
    bytes as plain bytes, in every mode."""
    key, raw = keys(), keys()
    (git_repo / 'dump.zz').write_bytes(_loose(f'TOGETHER_API_KEY={key}\n'.encode() * 400)[:-40])
    (git_repo / 'tiny.bin').write_bytes(b'x\x9c')
    (git_repo / 'corrupt.obj').write_bytes(_loose(b'hello\n' * 50)[:9])
    # A plain key right after a header-like start, in bytes that do not inflate whole.
    (git_repo / 'head.txt').write_bytes(b'x\xda' + f'\nTOGETHER_API_KEY={raw}\n'.encode())
    git(git_repo, 'add', '.')
    for args in (('.',), ('--staged',), ('--history',)):
        if args == ('--history',):
            git(git_repo, 'commit', '-qm', 'fixtures')
        r = scan('--format', 'json', *args, cwd=git_repo)
        assert r.rc == 1, (args, r.err[-300:])
        paths = {f['path'] for f in r.json()['findings']}
        assert any(p.startswith('dump.zz') for p in paths), (args, paths)
        assert 'head.txt' in paths, (args, paths)
        assert leaked([key, raw], r.out, r.err) == []


def _zlib_of_zeros(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of NULs, each MB's deflate blocks
    ended by a full flush (no match reaches back past it, so every MB
    after the first compresses to the same bytes), the adler-32 of them
    all at its end: written once a MB, not compressed 300 times (2 CPU-s)."""
    mb = bytes(1 << 20)
    packer = zlib.compressobj(9)
    first = packer.compress(mb) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(mb) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(mb, adler)
    # The last block: empty, fixed Huffman, BFINAL set (what flush() ends with).
    return first + again * (megabytes - 1) + b'\x03\x00' + adler.to_bytes(4, 'big')


def test_a_zlib_bomb_fails_closed(tmp_path):
    """300 MB of NULs in 300 KB: past the file's decompression budget,
    exit 2 with one line, as a gzip bomb (checked as bytes come out)."""
    assert zlib.decompress(_zlib_of_zeros(3)) == bytes(3 << 20)
    bomb = _zlib_of_zeros(300)
    assert len(bomb) < 400 << 10
    (tmp_path / 'bomb.zz').write_bytes(bomb)
    r = scan_process('bomb.zz', cwd=tmp_path)
    assert_error_line(r, 'bomb.zz', 'not scanned whole')


def test_a_cut_gzip_in_the_history_is_named_by_its_path_and_commit(git_repo):
    """History discovery scans blobs with no path: its error names the
    path and the commit that hold the blob, not ``error: : a gzip``."""
    import gzip

    (git_repo / 'logs').mkdir()
    (git_repo / 'logs' / 'run.log.gz').write_bytes(gzip.compress(b'step ok\n' * 2000)[:-30])
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'logs')
    commit = git(git_repo, 'rev-parse', 'HEAD').strip()
    r = scan('--history', cwd=git_repo)
    assert_error_line(r, 'logs/run.log.gz', commit[:12], 'gzip', 'not scanned whole')
    assert ': : ' not in r.err


def test_a_zlib_looking_member_of_an_archive_is_scanned_as_plain_bytes_too(git_repo, keys):
    """A member of a zip or tar that starts like a zlib stream (a header,
    then bytes that inflate for a while) but is cut or goes on as plain
    bytes: what inflates is scanned, and the member's bytes as they are
    too, as a file's own are (a key after the deflated part was missed)."""
    import io
    import tarfile
    import zipfile

    key, other, inner = keys(), keys(), keys()
    rng = random.Random(5)
    deflated = zlib.compress(f'x = "{inner}"\n'.encode() + rng.randbytes(3000))
    filler = b'# padding, compressible\n' * 2000  # so the archives' deflate codes the key
    member = deflated[:-20] + f'\nTOGETHER_API_KEY={key}\n'.encode() + filler
    assert container_kind(member) == 'zlib'
    # Compressed archives: their own bytes do not show the member's.
    with zipfile.ZipFile(git_repo / 'bundle.zip', 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('data/blob.bin', member)
    with tarfile.open(git_repo / 'bundle.tgz', 'w:gz') as t:
        data = deflated[:-20] + f'\nTOGETHER_API_KEY={other}\n'.encode() + filler
        info = tarfile.TarInfo('blob.bin')
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    git(git_repo, 'add', '.')
    for args in (('.',), ('--staged',), ('--history',)):
        if args == ('--history',):
            git(git_repo, 'commit', '-qm', 'fixtures')
        r = scan('--format', 'json', *args, cwd=git_repo)
        assert r.rc == 1, (args, r.err[-300:])
        found = {(f['path'], f['hashed_secret']) for f in r.json()['findings']}
        paths = {p for p, _ in found}
        assert 'bundle.zip!data/blob.bin' in paths, (args, paths)
        assert 'bundle.tgz!blob.bin' in paths, (args, paths)
        assert any(p.startswith('bundle.zip!data/blob.bin!') for p in paths), (args, paths)
        assert len({h for _, h in found}) == 3, (args, found)
        assert leaked([key, other, inner], r.out, r.err) == []


def test_a_zlib_looking_member_over_the_held_size_fails_closed(git_repo, keys):
    """A zlib-looking member larger than ``HELD`` (64 MB) that does not
    inflate whole: its bytes are not held to scan them as they are, so a
    key after its deflated part was passed silently (rc 0). It now fails
    closed, naming the member."""
    import io
    import tarfile

    from together_hooks.detect.containers import HELD

    key = keys()
    rng = random.Random(5)
    deflated = zlib.compress(b'x = 1\n' + rng.randbytes(3000))
    head = deflated[:-20] + f'\nTOGETHER_API_KEY={key}\n'.encode()
    size = HELD + (1 << 20)
    with tarfile.open(git_repo / 'big.tgz', 'w:gz', compresslevel=1) as t:
        info = tarfile.TarInfo('blob.bin')
        info.size = size
        t.addfile(info, io.BytesIO(head + b'# padding\n' * ((size - len(head)) // 10 + 1)))
    r = scan_process('big.tgz', cwd=git_repo)
    assert r.rc in (1, 2), r.err[-300:]
    if r.rc == 2:
        assert_error_line(r, 'big.tgz!blob.bin', 'not scanned whole')
    assert leaked([key], r.out, r.err) == []


def test_a_stored_zlib_member_reports_its_key_once(git_repo, keys):
    """A zip member that is a level-0 zlib stream holds its text as it
    is: the key was reported twice (the member's bytes and what they
    inflate to); it is one finding, where it inflates."""
    import zipfile

    key = keys()
    with zipfile.ZipFile(git_repo / 'dup.zip', 'w') as z:
        z.writestr('cfg.z', zlib.compress(f'TOGETHER_API_KEY={key}\n'.encode() * 1, 0))
    r = scan('--format', 'json', 'dup.zip', cwd=git_repo)
    assert r.rc == 1, r.err[-300:]
    paths = [f['path'] for f in r.json()['findings']]
    assert paths == ['dup.zip!cfg.z!cfg'], paths
    assert leaked([key], r.out, r.err) == []
