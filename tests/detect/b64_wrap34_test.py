"""A whole file in base64, wrapped (``base64``'s 76, ``openssl``'s 64,
60, or one long line), with LF or CRLF, its plain text shifted so every
keyword and the key fall at every column against the line breaks and
base64's 3-byte groups; the block's last line ending at a line break, at
the data's end, or where the value closes: an escaped line end (a block
printed into a string, ``...fQ==\\n``), a closing quote.  Every key is
found, no decoy reported (``codec._B64_LINE_END``: a last line so ended
was not joined to the block, and a key the last break cut was lost)."""
from __future__ import annotations

import base64
import json
import random

import pytest

from together_hooks.detect.engine import scan_bytes
from tests.keys import make_hex
from tests.keys import make_key

WIDTHS = (60, 64, 76, 1000)
SEPS = (b'\n', b'\r\n')
# How the block's last line ends: a line break, nothing, an escaped line
# end, a closing quote, an end tag.
TAILS = (b'\n', b'', b'\\n', b'"\n', b'</data>\n')
PADS = range(0, 72, 5)


def _wrap(text: bytes, width: int, sep: bytes) -> bytes:
    return sep.join(text[i:i + width] for i in range(0, len(text), width))


def _env(pad: int, key: str) -> bytes:
    return f'# {"x" * pad}\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _provider(pad: int, key: str) -> bytes:
    # A generic name beside Together's provider: the legacy key's context
    # is the object around it.
    return json.dumps(
        {'note': 'x' * pad, 'llm': {'provider': 'together', 'api_key': key, 'max_tokens': 512}},
        indent=2,
    ).encode()


def _lockfile(pad: int, digest: str) -> bytes:
    return f'# {"x" * pad}\ntogether==1.3.0 \\\n    --hash=sha256:{digest}\n'.encode()


SHAPES = {
    'current-env': (make_key, _env),
    'legacy-env': (make_hex, _env),
    'legacy-json-provider': (make_hex, _provider),
}


def _cases(shape: str):
    make, write = SHAPES[shape]
    rng = random.Random(f'wrap34-{shape}')
    for width in WIDTHS:
        for sep in SEPS:
            for tail in TAILS:
                for pad in PADS:
                    key = make(rng)
                    yield key, _wrap(base64.b64encode(write(pad, key)), width, sep) + tail


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_every_wrap_and_end_of_a_block_is_read(shape: str) -> None:
    missed = []
    count = 0
    for key, data in _cases(shape):
        count += 1
        found = [f.secret for f in scan_bytes(data, 'config.b64')]
        if found != [key]:
            missed.append((data[-12:], len(found)))
    assert count == len(WIDTHS) * len(SEPS) * len(TAILS) * len(PADS)
    assert missed == []


def test_held_out_shape_at_76() -> None:
    # ``base64.encodebytes`` of the JSON config, printed with an escaped
    # line end after it (the held-out case ``b64w76-json-provider``).
    rng = random.Random('wrap34-held-out')
    for _ in range(20):
        key = make_hex(rng)
        text = json.dumps({'llm': {'provider': 'together', 'api_key': key, 'max_tokens': 512}}, indent=2)
        data = base64.encodebytes(text.encode()).rstrip(b'\n') + b'\\n'
        assert [f.secret for f in scan_bytes(data, 'enc/provider.b64')] == [key]


def test_decoys_at_every_wrap_and_end() -> None:
    rng = random.Random('wrap34-decoys')
    reported = []
    count = 0
    for width in WIDTHS:
        for sep in SEPS:
            for tail in TAILS:
                for pad in PADS:
                    # Random bytes of the files' sizes, and a lockfile's
                    # SHA-256 beside "together" (no key, legacy-shaped).
                    noise = rng.randbytes(len(_provider(pad, make_hex(rng))))
                    for plain in (noise, _lockfile(pad, make_hex(rng))):
                        count += 1
                        data = _wrap(base64.b64encode(plain), width, sep) + tail
                        if scan_bytes(data, 'config.b64'):
                            reported.append((width, sep, tail, pad))
    assert count == 2 * len(WIDTHS) * len(SEPS) * len(TAILS) * len(PADS)
    assert reported == []


def test_a_line_after_the_block_is_not_joined() -> None:
    # A block followed by an assignment whose quote follows ``=``: the
    # line is no part of the value (``NAME="x"`` is no closed last line),
    # and the key the block holds is found once.
    key = make_hex(random.Random('wrap34-after'))
    block = _wrap(base64.b64encode(_env(3, key)), 76, b'\n')
    for after in (b'\nNAME="x"\n', b"\nNAME='x'\n", b'\nDEBUG=1\n'):
        assert [f.secret for f in scan_bytes(block + after, 'config.b64')] == [key], after


def test_an_assignment_after_a_block_ending_in_its_key() -> None:
    # The block decodes to text ending in the key itself (no line break,
    # a whole number of 3-byte groups: no padding), and the next line is
    # an assignment whose name is base64 characters (``YWJj`` decodes to
    # ``abc``): joined, the key would run on into those letters and lose
    # its boundary.  A quote right after ``=`` is no value's close.
    rng = random.Random('wrap34-glued')
    for pad in range(3, 60):
        key = make_hex(rng)
        plain = f'# {"x" * pad}\nTOGETHER_API_KEY={key}'.encode()
        if len(plain) % 3:
            continue
        block = _wrap(base64.b64encode(plain), 76, b'\n')
        for after in (b'\nYWJj="x"\n', b"\nYWJj='x'\n"):
            assert [f.secret for f in scan_bytes(block + after, 'config.b64')] == [key], (pad, after)
