"""The byte-literal grammar (``codec.byte_literal_at``) and its reading in
the engine (``engine._byte_literal_hits``): what each form denotes, what
it refuses, its bounds, and failing closed on a file of marks."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect import codec
from together_hooks.detect.engine import BYTES_MARKS
from together_hooks.detect.engine import VALUES_OPENED
from together_hooks.detect.engine import scan_bytes
from together_hooks.errors import InputError
from tests.keys import make_key

RAW = 'TOGETHER_API_KEY=x\n'.encode('utf-16')


def _signed(raw: bytes) -> str:
    return ', '.join(str(b - 256 if b > 127 else b) for b in raw)


@pytest.mark.parametrize('written', [
    f'v = {RAW!r}',  # Python's repr
    'v = b"' + ''.join('\\x%02x' % b for b in RAW) + '"',  # Rust, C
    'v = "' + ''.join('\\%03o' % b for b in RAW) + '";',  # C octal
    'byte[] v = {' + _signed(RAW) + '};',  # Java
    'v := []byte{' + ', '.join('0x%02x' % b for b in RAW) + '}',  # Go, C
    'bytes: [' + ' '.join(str(b) for b in RAW) + ']',  # Go's %v
])
def test_each_form_denotes_its_bytes(written):
    data = written.encode()
    at = len(data) // 2  # the literal is most of the line
    found = codec.byte_literal_at(data, at)
    assert found is not None
    start, end, raw = found
    assert raw == RAW
    assert start <= at < end


@pytest.mark.parametrize('written', [
    b'116, 0, 103, 0, 112 are the bytes a key starts with in UTF-16',  # prose: no literal
    b'v = {116, 0, 103, 0, 112, 0, 300, 0}',  # 300 is no byte
    b'v = [116, 0, 103, 0, 112]',  # fewer than seven numbers
])
def test_a_mark_in_no_literal_is_none(written):
    assert codec.byte_literal_at(written, written.index(b'116')) is None


def test_a_literal_is_read_within_its_reach_only():
    # A 1 MB repr: the literal a mark stands in is read no further than
    # ``LITERAL_REACH`` each way (memory bounded by the reach, not the line).
    data = b"v = b'" + b'\\x00' * (1 << 18) + b"'\n"
    found = codec.byte_literal_at(data, len(data) // 2)
    assert found is None or len(found[2]) <= 2 * codec.LITERAL_REACH


def test_a_key_in_a_literal_is_reported_where_the_literal_starts():
    key = make_key(random.Random('byte-literal-line'))
    data = b'# a log\nraw = ' + repr(f'TOGETHER_API_KEY={key}\n'.encode('utf-16-be')).encode() + b'\n'
    [finding] = scan_bytes(data, 'log.py')
    assert (finding.secret, finding.line, finding.column) == (key, 2, 7)


@pytest.mark.parametrize('before, after', [
    (b"# the owner 's key: raw = ", b''),  # an apostrophe earlier on the line
    (b"x = ' ; raw = ", b" # it ' s"),  # and another after the literal
    (b'x = " ; raw = ', b''),
])
def test_a_repr_without_b_is_read_from_its_own_quote(before, after):
    # A repr with no ``b`` (Python 2's ``str``, a log): a quote earlier on
    # the line must not pair with the literal's opening quote.
    key = make_key(random.Random('byte-literal-quote'))
    literal = repr(f'TOGETHER_API_KEY={key}\n'.encode('utf-16-le'))[1:].encode()
    [finding] = scan_bytes(before + literal + after + b'\n', 'log.py')
    assert finding.secret == key


@pytest.mark.parametrize('form', ['repr', 'java'])
def test_a_literal_longer_than_its_reach_is_read_around_its_mark(form):
    # A UTF-16 .env of a thousand variables in one literal: its start is
    # past ``LITERAL_REACH`` from the key's mark, and the key passed.
    key = make_key(random.Random('byte-literal-long'))
    pad = ''.join(f'VAR_{i}=value{i}\n' for i in range(1500))
    raw = (pad + f'TOGETHER_API_KEY={key}\n' + pad).encode('utf-16')
    if form == 'repr':
        data = b'raw = ' + repr(raw).encode() + b'\n'
    else:
        data = b'byte[] v = {' + _signed(raw).encode() + b'};\n'
    assert len(data) > 4 * codec.LITERAL_REACH
    [finding] = scan_bytes(data, 'long.java')
    assert finding.secret == key


def test_a_file_of_more_marks_than_literals_opened_fails_closed():
    # Each mark its own literal holding no key: every one is read, up to
    # the file's count of values opened, then the file fails closed.
    mark = BYTES_MARKS[0]
    data = b''.join(b'v%d = b"t\\x%s"\n' % (i, mark) for i in range(VALUES_OPENED + 1))
    with pytest.raises(InputError, match='byte literals'):
        scan_bytes(data, 'marks.py')
