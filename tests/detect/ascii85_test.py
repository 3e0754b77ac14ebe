"""ASCII85 and Z85 blocks (``prefilter.wrapped_block``, ``codec.a85_view``):
Python's ``a85encode`` (Adobe's ``<~ ~>``, the btoa form's ``z``/``y``),
a PDF stream, PostScript's ``/ASCII85Decode`` over ``/FlateDecode``, and
``basenc --z85``, each read as the bytes it encodes.  Keys made at run
time (``tests/keys.py``)."""
from __future__ import annotations

import base64
import bz2
import gzip
import random
import shutil
import subprocess
import zlib

import pytest

from together_hooks.detect import budget
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import wrapped_block
from together_hooks.errors import InputError
from together_hooks.rules import B64_REACH
from tests.keys import make_hex
from tests.keys import make_key


def _env(key: str, pad: int = 0) -> bytes:
    return (
        f'APP_ENV=production{"x" * pad}\nDATABASE_URL=postgres://app@db/app\n'
        f'TOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'
    ).encode()


def _z85(data: bytes) -> bytes:
    data += b'#' * (-len(data) % 4)
    return subprocess.run(['basenc', '--z85'], input=data, capture_output=True, check=True).stdout


FORMS = {
    'adobe': lambda d: base64.a85encode(d, adobe=True, wrapcol=75) + b'\n',
    'adobe-under-a-comment': lambda d: b'# env, ascii85\n' + base64.a85encode(d, adobe=True, wrapcol=75) + b'\n',
    'btoa': lambda d: b'xbtoa Begin\n' + base64.a85encode(d, foldspaces=True, wrapcol=72) + b'\nxbtoa End\n',
    'pdf': lambda d: (
        b'%PDF-1.4\n1 0 obj\n<< /Filter /ASCII85Decode >>\nstream\n'
        + base64.a85encode(d, adobe=True, wrapcol=75) + b'\nendstream\nendobj\n'
    ),
    'postscript-flate': lambda d: (
        b'%!PS-Adobe-3.0\n/env currentfile /ASCII85Decode filter /FlateDecode filter def\n'
        + base64.a85encode(zlib.compress(d), adobe=True, wrapcol=75) + b'\n'
    ),
    'z85': _z85,
    # The mark inside its line, a string's value (missed before: only a
    # ``<~`` starting its line was told), on one line or wrapped.
    'in-a-string': lambda d: b'ENV_A85 = "' + base64.a85encode(d, adobe=True) + b'"\n',
    'in-json': lambda d: b'{"name": "env", "a85": "' + base64.a85encode(d, adobe=True) + b'"}\n',
    'wrapped-after-a-label': lambda d: b'env: ' + base64.a85encode(d, adobe=True, wrapcol=75) + b'\n',
}


def _needs(form: str) -> None:
    if form == 'z85' and shutil.which('basenc') is None:
        pytest.skip('basenc is needed')


@pytest.mark.parametrize('form', sorted(FORMS))
@pytest.mark.parametrize('legacy', [False, True])
def test_an_env_file_encoded(form: str, legacy: bool) -> None:
    # Was missed in every form: ASCII85 and Z85 were not read.
    _needs(form)
    rng = random.Random(f'{form}{legacy}')
    for pad in (0, 1, 2, 3, 200):  # the key at each byte of a group, and lines down
        key = make_hex(rng) if legacy else make_key(rng)
        found = [f.secret for f in scan_bytes(FORMS[form](_env(key, pad)), 'env.a85')]
        assert found == [key], (form, pad, len(found))


def test_a_block_of_one_line_and_a_bit_under_its_mark() -> None:
    # Shorter than two lines of one width: told by Adobe's ``<~``.
    key = make_key(random.Random('short'))
    data = base64.a85encode(f'TOGETHER_API_KEY={key}\n'.encode(), adobe=True, wrapcol=75) + b'\n'
    assert data.count(b'\n') == 2
    assert [f.secret for f in scan_bytes(data, 'k.a85')] == [key]


@pytest.mark.parametrize('form', sorted(FORMS))
def test_random_blocks_and_prose_stay_clean(form: str) -> None:
    _needs(form)
    rng = random.Random(form)
    assert scan_bytes(FORMS[form](rng.randbytes(6000)), 'random.a85') == []
    text = b'We work together; set TOGETHER_API_KEY in your environment.\n' * 40
    assert scan_bytes(FORMS[form](text), 'prose.a85') == []


def test_what_is_told_a_block() -> None:
    rng = random.Random('told')
    b64 = base64.b64encode(rng.randbytes(300))
    a85 = base64.a85encode(rng.randbytes(300), wrapcol=60)
    assert wrapped_block(b64[:76] + b'\n' + b64[76:152] + b'\n') == (0, 'base64')
    assert wrapped_block(a85 + b'\n')[1] == 'ascii85'
    z85 = b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#'
    assert wrapped_block(b'# z\n' + z85[:60] + b'\n' + z85[20:80] + b'\n') == (4, 'z85')
    # Code and prose: words apart by blanks, no two lines of one width
    # in one alphabet.
    assert wrapped_block(b'def f(x):\n    return x\n' * 10) == (-1, '')
    # ``<~`` in code (Haskell's, Scala's operators): blanks after it.
    assert wrapped_block(b'main = do\n  x <~ fetch (url "a") <* pure ()\n') == (-1, '')


# The bombs below cross a budget of 16 MB: the same ``Budget.take`` on the
# same path as at the default 256 MB (``containers_test`` and
# ``gate_containers_test`` cross that one), without compressing 300-512
# MB of zeros here (3.5-3.8 CPU-s a test).
SMALL_BUDGET = 16 << 20


def test_a_bomb_so_encoded_fails_closed(monkeypatch) -> None:
    # Twice the budget of zeros as bzip2 (a few hundred bytes), ASCII85 in
    # PostScript's way: past the file's decompression budget, exit 2.
    monkeypatch.setattr(budget, 'EXPANDED', SMALL_BUDGET)
    packer = bz2.BZ2Compressor(9)
    chunk = bytes(1 << 20)
    packed = b''.join(packer.compress(chunk) for _ in range(2 * SMALL_BUDGET >> 20)) + packer.flush()
    assert len(packed) < 1024
    data = b'%!PS\n' + base64.a85encode(packed, adobe=True, wrapcol=75) + b'\n'
    with pytest.raises(InputError, match=r'^bomb\.ps: more than 16 MB decompressed'):
        scan_bytes(data, 'bomb.ps')


@pytest.mark.parametrize('pack', ['zlib', 'gzip'])
def test_a_compressed_stream_longer_than_the_reach_is_read_whole(pack: str) -> None:
    # Was missed: the block was decoded to ``B64_REACH`` bytes only, so a
    # stream more than 8 KB compressed was cut there and its later keys
    # lost, with no word of it.
    rng = random.Random(f'long {pack}')
    key = make_key(rng)
    lines = ''.join(f'VAR_{i}={rng.getrandbits(96):x}\n' for i in range(2500))
    data = (lines + f'TOGETHER_API_KEY={key}\n').encode()
    packed = zlib.compress(data) if pack == 'zlib' else gzip.compress(data)
    assert len(packed) > 4 * 8192
    text = b'%!PS\n' + base64.a85encode(packed, adobe=True, wrapcol=75) + b'\n'
    assert [f.secret for f in scan_bytes(text, 'long.ps')] == [key]


def test_a_zlib_bomb_longer_than_the_reach_fails_closed(monkeypatch) -> None:
    # Twice the decompression budget of zeros as zlib is 32 KB: cut at
    # 8 KB (``B64_REACH``) it passed unread, its 8 MB under the budget.
    # (1 GB, then 512 MB at the default budget before: the same failure,
    # 4.4 and 2.3 CPU-s of compressing them.)
    monkeypatch.setattr(budget, 'EXPANDED', SMALL_BUDGET)
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    packed = b''.join(packer.compress(chunk) for _ in range(2 * SMALL_BUDGET >> 20)) + packer.flush()
    assert len(packed) > 3 * B64_REACH
    assert len(zlib.decompressobj().decompress(packed[:B64_REACH])) < SMALL_BUDGET
    data = b'%!PS\n' + base64.a85encode(packed, adobe=True, wrapcol=75) + b'\n'
    with pytest.raises(InputError, match=r'^bomb\.ps: more than 16 MB decompressed'):
        scan_bytes(data, 'bomb.ps')


_Z85 = b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#'
_B85 = b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~'

SHORT_FORMS = {
    # A block of one full line and a shorter one, or one line alone: no
    # two lines of one width, and no Adobe mark.
    'z85': lambda d: _z85(d),
    'z85-under-a-comment': lambda d: b'# z85\n' + _z85(d),
    'btoa': lambda d: base64.a85encode(d, foldspaces=True, wrapcol=72) + b'\n',
    'a85-one-line': lambda d: base64.a85encode(d) + b'\n',
    'a85-one-line-no-break': lambda d: base64.a85encode(d),
    'z85-crlf': lambda d: _z85(d).replace(b'\n', b'\r\n'),
}


@pytest.mark.parametrize('form', sorted(SHORT_FORMS))
@pytest.mark.parametrize('legacy', [False, True])
def test_a_short_block_without_a_mark(form: str, legacy: bool) -> None:
    # Was missed: a one-line .env file so encoded is a block of two lines
    # of different widths (or one line), told neither by width nor mark.
    if form.startswith('z85'):
        _needs('z85')
    rng = random.Random(f'short {form} {legacy}')
    for pad in (0, 1, 2, 3):
        key = make_hex(rng) if legacy else make_key(rng)
        data = SHORT_FORMS[form](f'{"#" * pad}TOGETHER_API_KEY={key}\n'.encode())
        assert data.count(b'\n') <= 2 + form.endswith('comment')
        assert [f.secret for f in scan_bytes(data, 'env.b85')] == [key], (form, pad)


def test_short_lines_that_are_not_blocks_stay_clean() -> None:
    rng = random.Random('short clean')
    for text in (
            b'-' * 72 + b'\n', b'=' * 60 + b'\n' + b'=' * 20 + b'\n',
            b'# title\n' + b'*' * 50 + b'\n',
            base64.a85encode(rng.randbytes(60)) + b'\n',
            _z85(rng.randbytes(64)) if shutil.which('basenc') else b'',
    ):
        assert scan_bytes(text, 'short.txt') == []


@pytest.mark.parametrize('kind', ['ascii85', 'z85'])
@pytest.mark.parametrize('legacy', [False, True])
def test_a_known_keys_ascii85_and_z85_are_scrubbed(kind: str, legacy: bool) -> None:
    # ``baseline audit`` shows a finding's lines: those of an ASCII85 or
    # Z85 file spelt the key found in it (only base64, base32 and
    # base85's forms were known to the scrub).
    from together_hooks.detect.scrub import Scrubber

    if kind == 'z85':
        _needs('z85')
    rng = random.Random(f'scrub {kind} {legacy}')
    for pad in range(4):
        key = make_hex(rng) if legacy else make_key(rng)
        env = _env(key, pad)
        text = (_z85(env) if kind == 'z85' else base64.a85encode(env, adobe=True, wrapcol=75)).decode()
        # The key's own groups at its alignment here, as the file holds them.
        at = env.index(key.encode())
        first = at + -at % 4
        groups = (text.replace('\n', '')[first // 4 * 5 + (2 if kind == 'ascii85' else 0):])[
            :(at + len(key) - first) // 4 * 5]
        assert len(groups) >= 55
        decode = (lambda g: base64.a85decode(g)) if kind == 'ascii85' else (
            lambda g: base64.b85decode(g.translate(bytes.maketrans(_Z85, _B85))))
        assert decode(groups.encode()) == env[first:first + len(groups) // 5 * 4]
        shown = Scrubber([key]).scrub(text)
        flat = shown.replace('\n', '')
        assert not any(groups[i:i + 12] in flat for i in range(len(groups) - 11)), (kind, pad)


def test_a_long_block_that_does_not_decode_is_decoded_once(monkeypatch) -> None:
    # A group that does not decode deep in a long block (a ``z`` inside a
    # group): each of five cuts decoded the whole block again (counted,
    # not timed).
    rng = random.Random('bad group')
    chars = base64.a85encode(gzip.compress(rng.randbytes(60000)), wrapcol=75)
    chars = chars[:-100] + b'abzcd' + chars[-95:]
    calls = []
    real = base64.a85decode

    def counted(b, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(b))
        return real(b, *args, **kwargs)

    monkeypatch.setattr(base64, 'a85decode', counted)
    assert scan_bytes(b'%!PS\n<~' + chars + b'~>\n', 'bad.ps') == []
    assert len([n for n in calls if n > 2 * 8192]) == 1, calls
