"""A key's bytes written as a decimal byte array near a Together name
(``codec.decimal_view``): Java's signed ``byte[]``, C's ``unsigned
char[]``, Python's ``bytes([…])``, JavaScript's ``Uint8Array.of(…)``,
wrapped over lines; random bytes and plain number lists stay clean."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect.engine import scan_bytes
from tests.keys import make_hex
from tests.keys import make_key


def _nums(text: str, signed: bool, per_line: int = 0) -> str:
    out = [str(b - 256 if signed and b > 127 else b) for b in text.encode()]
    if per_line:
        return ',\n    '.join(', '.join(out[i:i + per_line]) for i in range(0, len(out), per_line))
    return ', '.join(out)


SHAPES = {
    'java': ('K.java', 'class K {{\n  static final byte[] TOGETHER_API_KEY = new byte[] {{{}}};\n}}\n', False, 0),
    'java-wrapped': ('K.java', 'class K {{\n  static final byte[] TOGETHER_API_KEY = {{\n    {}\n  }};\n}}\n', False, 12),
    'c': ('k.c', 'static const unsigned char together_api_key[] = {{{}}};\n', False, 0),
    'python': ('k.py', 'TOGETHER_API_KEY = bytes([{}]).decode()\n', False, 0),
    'js': ('k.js', 'const togetherApiKey = new TextDecoder().decode(Uint8Array.of({}));\n', False, 0),
}


# A legacy key needs its name right before its value: a type or a call
# between them (``= new byte[] {…}``, ``key[] =``, ``Uint8Array.of(``)
# leaves it unread, as for its hex (docs/detection.md).
CASES = [(shape, False) for shape in sorted(SHAPES)] + [('java-wrapped', True), ('python', True)]


@pytest.mark.parametrize('shape,legacy', CASES)
def test_found(shape: str, legacy: bool) -> None:
    path, template, signed, per_line = SHAPES[shape]
    rng = random.Random(f'{shape}{legacy}')
    key = make_hex(rng) if legacy else make_key(rng)
    data = template.format(_nums(key, signed, per_line)).encode()
    assert [f.secret for f in scan_bytes(data, path)] == [key]


def test_clean() -> None:
    rng = random.Random('clean')
    noise = ', '.join(str(rng.randrange(-128, 128)) for _ in range(64))
    ports = ', '.join(str(8000 + i) for i in range(20))
    small = ', '.join(str(rng.randrange(10)) for _ in range(80))
    data = (
        f'// Together AI client\nstatic final byte[] TOGETHER_IV = new byte[] {{{noise}}};\n'
        f'TOGETHER_PORTS = [{ports}]\nTOGETHER_WEIGHTS = [{small}]\n'
    ).encode()
    assert scan_bytes(data, 'K.java') == []


# A key's bytes with no Together name near: found by its prefix's numbers
# (``engine.DEC_PREFIX``), the array read whole.
NAMELESS = {
    'python-list': ('out.txt', '{}\n', lambda key: str(list(key.encode()))),
    'js-from-char-code': ('k.js', 'const k = String.fromCharCode({});\n', lambda key: ','.join(str(b) for b in key.encode())),
    'python-bytes': ('k.py', 'k = bytes([{}])\n', lambda key: ', '.join(str(b) for b in key.encode())),
    # A long list as formatters write it, a number a line: black's,
    # ``json.dumps(…, indent=2)`` nested in an object, a tab's indent,
    # CRLF line ends.
    'black-a-line-each': ('k.py', 'k = [\n{}]\n', lambda key: ''.join(f'    {b},\n' for b in key.encode())),
    'json-indent-2': ('k.json', '{{\n  "data": [\n{}\n  ]\n}}\n', lambda key: ',\n'.join(f'    {b}' for b in key.encode())),
    'tab-a-line-each': ('k.c', 'int k[] = {{\n{}}};\n', lambda key: ''.join(f'\t{b},\n' for b in key.encode())),
    'crlf-a-line-each': ('k.json', '[\r\n{}]\r\n', lambda key: ''.join(f'  {b},\r\n' for b in key.encode())),
    # Blanks, no commas: Go's ``%v`` of a ``[]byte``, a tab-separated row.
    'go-v': ('go.log', 'token bytes: [{}]\n', lambda key: ' '.join(str(b) for b in key.encode())),
    'tsv-row': ('bytes.tsv', 'id\tbytes\n1\t{}\n', lambda key: '\t'.join(str(b) for b in key.encode())),
    # A key's row between rows of other text: each row's text stays
    # apart (read over line ends, a row glued to the next is no key).
    'rows-around': ('bytes.txt', '{}\n', lambda key: '\n'.join(
        ' '.join(str(b) for b in row) for row in (b'hello world', key.encode(), b'The quick brown fox'))),
    'tsv-rows-crlf': ('bytes.tsv', '{}\r\n', lambda key: '\r\n'.join(
        '\t'.join(str(b) for b in row) for row in (b'abcdefghij', key.encode(), b'0123456789'))),
}


@pytest.mark.parametrize('shape', sorted(NAMELESS))
def test_found_with_no_name(shape: str) -> None:
    path, template, write = NAMELESS[shape]
    key = make_key(random.Random(f'nameless-{shape}'))
    assert [f.secret for f in scan_bytes(template.format(write(key)).encode(), path)] == [key]


@pytest.mark.parametrize('shape', sorted(NAMELESS))
def test_a_placeholder_with_no_name_is_clean(shape: str) -> None:
    path, template, write = NAMELESS[shape]
    assert scan_bytes(template.format(write('tgp_v1_' + 'x' * 43)).encode(), path) == []


@pytest.mark.parametrize('shape', ['python-list', 'go-v'])
def test_a_decimal_find_says_decimal(shape: str) -> None:
    # Both routes to a decimal list (its prefix's numbers, a Together
    # name near) label the find's encoding as decimal, not hex.
    path, template, write = NAMELESS[shape]
    key = make_key(random.Random(f'label-{shape}'))
    assert [f.encoding for f in scan_bytes(template.format(write(key)).encode(), path)] == ['decimal']
    path, template, signed, per_line = SHAPES['c']
    data = template.format(_nums(key, signed, per_line)).encode()
    assert [f.encoding for f in scan_bytes(data, path)] == ['decimal']


def test_blank_separated_numbers_of_other_data_are_clean() -> None:
    rng = random.Random('blank-clean')
    rows = '\n'.join('\t'.join(str(rng.randrange(256)) for _ in range(40)) for _ in range(20))
    go = ' '.join(str(b) for b in rng.randbytes(64))
    data = f'116\t103\t112\n{rows}\ndigest: [116 103 112 {go}]\n'.encode()
    assert scan_bytes(data, 'table.tsv') == []
