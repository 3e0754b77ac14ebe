"""``prefilter._fused_blob_test``: once the keyword screen reads by
hyperscan's one pass (a large history run with the ``fast`` extra), the
blob test asks the needles and the head and tail questions of its other
checks (``_hint_patterns``) in one hyperscan call, and the first byte for
the rest.  It must flag exactly the blobs the checks asked one after the
other (``Keywords._worth``) flag, for every kind of blob each check is
there for, at the edges of each bound (the head's 2 KB, the first 4 KB,
the tar's 257), and keep the needles' offsets for the engine as ``where``
does."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import random
import tarfile
import zipfile
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect import prefilter

CODE = b'def f(x):\n    return x + 1  # plain code, nothing to find\n' * 80


def _tar(data: bytes) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo('a.txt')
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('a.txt', data)
    return out.getvalue()


def _tar_without_nul() -> bytes:
    """A tar header that holds no NUL (every field filled, numbers ended by
    a space) and a right checksum: told by its ``ustar`` at 257 alone,
    not by a NUL among the first 4 KB as a tar ``tarfile`` writes is."""
    header = bytearray(b'a' * 512)
    header[257:262] = b'ustar'
    header[148:156] = b' ' * 8
    header[148:156] = b'%07o ' % sum(header)
    return bytes(header) + CODE


def _kinds(rng: random.Random) -> list[bytes]:
    """A blob for each check of the test, and a near miss beside it."""
    key = make_key(rng).encode()
    hex64 = make_hex(rng).encode()
    block = b'\n'.join(b'QUJD' * 16 for _ in range(3)) + b'\n'  # wrapped base64, 64 columns
    a85 = b'<~' + bytes(rng.choice(range(0x21, 0x76)) for _ in range(60)) + b'~>\n'
    tar = _tar(CODE)
    bad_tar = tar[:148] + b'0000000\0' + tar[156:]
    zipped = _zip(CODE)
    return [
        b'', b'x', CODE, rng.randbytes(5000), rng.randbytes(70000),
        # needles: a key, a keyword, a container's base64 magic in and out of a value
        CODE + key + CODE, b'TOGETHER_API_KEY=1\n' + CODE, CODE + b'x = "eNoabc"\n', CODE + b'TypeNode lineNo\n',
        # wide text: a NUL in the first 4 KB or after it, byte order marks
        CODE.replace(b'x', b'x\0'), b'g' * 4095 + b'\0' + CODE, b'g' * 4096 + b'\0' + CODE,
        b'\xff\xfe' + CODE, b'\xfe\xff' + CODE,
        # hex dumps
        b'00000000: 7467 705f  tgp_\n' + CODE, hex64 + b'\n' + CODE, b' 74 67 70 5f 76 31 5f 41 42\n',
        b'IP 1.2.3.4 > 5.6.7.8\n\t0x0000:  4500\n', b'== Info: hi\n' + CODE,
        # wrapped blocks: in the head, past it, an ASCII85 mark in and past the head, short files
        block + CODE, CODE * 2 + block, a85 + CODE, b'x' * 2040 + a85 + CODE, b'x' * 2047 + b'<~' + CODE,
        b'y' * 2046 + b'<~', b'h\n' + bytes(rng.choice(range(0x21, 0x76)) for _ in range(45)) + b'\n',
        b'h\n' + b'\t' * 90 + b'\n',
        # containers: magics, behind a stub, a tar's ustar at 257 (good and bad checksum), a zip's end record alone
        gzip.compress(CODE), lzma.compress(CODE), bz2.compress(CODE), zlib.compress(CODE), zlib.compress(CODE, 9),
        lzma.compress(CODE, format=lzma.FORMAT_ALONE), zipped, b'#!/bin/sh\nexit 0\n' + zipped,
        b'echo stub\n' * 500 + zipped,  # behind a stub longer than 4 KB: no NUL in the head
        b'#!/bin/sh\nexec tail\n' + gzip.compress(CODE), tar, bad_tar, b'x' * 257 + b'ustar' + CODE,
        _tar_without_nul(), _tar_without_nul()[:300] + b'0' + _tar_without_nul()[301:],
        CODE + b'PK\x05\x06' + b'\0' * 18, b'%PDF-1.4\n' + CODE, b'\x89PNG\r\n\x1a\n' + b'zTXt' + CODE,
        b'PACK\0\0\0\2' + CODE, b'# v2 git bundle\n' + CODE, b'# v3 git bundle\n' + CODE, b'# v4 git bundle\n' + CODE,
        # a script's payloads (``#!``: the only ``#`` a container follows), a near miss, one past its head
        b'#!/bin/sh\nexec tail\n' + lzma.compress(CODE), b'#!/bin/sh\nexec tail\n' + bz2.compress(CODE),
        b'#!/bin/sh\nexec tail\n' + b'x' * 5000 + b'\n' + gzip.compress(CODE), b'#!/bin/sh\nBZh9 no\n' + CODE, b'#!/bin/sh\n' + b'#' * (1 << 16) + b'\n' + gzip.compress(CODE),
        b'# /bin/sh\nexec tail\n' + gzip.compress(CODE)[:200].replace(b'\0', b'.'),
        # SQLite, an Office part, a bare legacy key
        b'SQLite format 3\0' + CODE, b'<?xml version="1.0"?><w:document><w:t>a</w:t></w:document>',
        b'<w:document xmlns:w="x"><w:t>a</w:t>', hex64, b'"' + hex64 + b'"\n', b'\xef\xbb\xbf' + hex64,
    ]


def _cases() -> list[bytes]:
    rng = random.Random('blob-test-pass')
    kinds = _kinds(rng)
    cases = list(kinds)
    for data in kinds:  # each behind a first byte of another kind, and cut short
        cases += [b'P' + data, b'#' + data, b' ' + data, b'a' + data, data[:300], data[:-1]]
    for _ in range(300):  # pieces of the kinds, joined
        cases.append(b''.join(rng.choice(kinds)[:rng.randrange(1, 3000)] for _ in range(rng.randrange(1, 4))))
    # Dense with needles: past ``where``'s budget, the other route
    cases.append(b'together ' * 20000)
    return cases


@pytest.fixture(scope='module')
def screen() -> prefilter.Keywords:
    pytest.importorskip('hyperscan')
    screen = prefilter.Keywords(engine.keyword_screen(engine.RULES).needles)
    test = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)  # as a large history run chooses
    assert screen.one_pass and test is not screen._worth
    return screen


def test_the_pass_flags_what_the_checks_flag(screen: prefilter.Keywords) -> None:
    fused = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)
    cases = _cases()
    got = [fused(data) for data in cases]
    assert got == [screen._worth(data) for data in cases]
    assert 60 <= sum(got) < len(cases) - 200  # most kinds flagged, most plain pieces not


def test_each_kind_is_flagged_by_the_check_it_is_there_for(screen: prefilter.Keywords) -> None:
    """The cases reach every check: each check is the only one that flags
    some case holding no needle (a zip or a tar is no test of the
    container checks where a NUL in its head flags it anyway), and such a
    case is flagged by the pass after each first byte the pass reads its
    own way (a magic's, a plain letter)."""
    fused = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)
    checks = {
        'wide': prefilter.may_be_wide, 'dump': prefilter.dump_head,
        'block': lambda d: prefilter.wrapped_block(d)[0] != -1,
        'container': lambda d: prefilter.container_kind(d, whole=True) is not None,
        'sqlite': lambda d: d.startswith(prefilter.SQLITE_MAGIC), 'ooxml': prefilter.ooxml_part,
        'hex': prefilter.bare_hex,
    }
    alone = set()
    for data in _cases():
        if screen.where(data):
            continue
        held = {name for name, check in checks.items() if check(data)}
        assert fused(data) is bool(held)
        if len(held) == 1:
            alone |= held
    assert alone == set(checks) - {'sqlite'}  # SQLite's magic ends in a NUL: never alone
    # Told by the hints alone (no magic's first byte), and by the first byte alone.
    for data in (b'echo stub\n' * 500 + _zip(CODE), _tar_without_nul(), b'g' * 4095 + b'\0' + CODE, b'%PDF-1.4\n' + CODE):
        assert fused(data) and not screen.where(data)
        assert data[:1] not in prefilter._FIRST_ASKED or data[:1] == b'%'


def test_a_comment_led_blob_asks_the_two_questions_of_its_hash(
        screen: prefilter.Keywords, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A blob starting ``#`` (a comment: most Python, shell and YAML files)
    is asked what the other ordinary blobs are asked, and whether it is a
    git bundle or a script's payload (``_hash_led``): never every check of
    ``_unkeyed_worth`` (a magic, a byte order mark, SQLite, an XML part
    start no ``#``)."""
    fused = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)

    def not_asked(data: bytes) -> bool:
        raise AssertionError('a # blob asked every check')

    monkeypatch.setattr(prefilter, '_unkeyed_worth', not_asked)
    asked = []
    hash_led = getattr(prefilter, '_hash_led', None)  # (absent before it was written: the test fails on the checks)
    monkeypatch.setattr(prefilter, '_hash_led', lambda data: asked.append(data) or hash_led(data), raising=False)
    comment = b'# a comment\n' + CODE
    assert not fused(comment) and asked == [comment]
    assert fused(b'#!/bin/sh\nexec tail\n' + gzip.compress(CODE))
    bundle = b'# v3 git bundle\n' + CODE
    assert fused(bundle) and asked[-1] == bundle
    assert not fused(b'a' + CODE) and asked[-1] == bundle  # no other lead asks it


def test_the_hash_questions_answer_as_every_check(screen: prefilter.Keywords) -> None:
    """``_hash_led`` and the questions of every blob answer, for bytes
    starting ``#``, what ``_unkeyed_worth`` does (generated: each kind's
    pieces behind a comment or a script's first line)."""
    rng = random.Random('hash-led')
    kinds = _kinds(rng)
    fused = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)
    cases = []
    for _ in range(400):
        lead = rng.choice((b'#', b'#!', b'# ', b'#!/bin/sh\n', b'# v2 git bundle\n', b'#!/bin/sh\n\x1f'))
        cases.append(lead + b''.join(rng.choice(kinds)[:rng.randrange(1, 3000)] for _ in range(rng.randrange(1, 4))))
    got = [fused(data) for data in cases]
    assert got == [screen._worth(data) for data in cases]
    assert 20 <= sum(got) < len(cases) - 50


def test_the_pass_keeps_where_the_needles_are(screen: prefilter.Keywords) -> None:
    """A blob the needles flag leaves ``where``'s answer for the engine,
    the offsets a ``find`` loop gives."""
    fused = screen.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES)
    data = CODE + b'together ' + CODE + b'TOGETHER_API_KEY' + b' eNo x=eNoab'
    screen._last = prefilter._NOWHERE
    assert fused(data)
    kept = screen._last
    assert kept.data is data and screen.where(data) is kept  # not searched again
    for needle in screen.needles:
        at, offsets = data.find(needle), []
        while at != -1:
            offsets.append(at)
            at = data.find(needle, at + 1)
        if needle in prefilter.B64_MAGIC:
            offsets = [at for at in offsets if prefilter.value_start(data, at)]
        assert kept.offsets(needle) == offsets, needle


def test_a_screen_without_the_pass_asks_the_checks_in_turn() -> None:
    screen = prefilter.Keywords(engine.keyword_screen(engine.RULES).needles)
    assert screen.blob_test(0) == screen._worth
