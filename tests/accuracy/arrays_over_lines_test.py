"""Byte arrays written a few bytes a line, as formatters leave them:
black's one element a line with a magic trailing comma (``bytes([0x74,
0x67, ...])`` and ``[116, 103, ...]``), CRLF files, a C array wrapped at
fewer than seven bytes a line, tabs after the commas.  The hex and
decimal readers always took line breaks between bytes; the marks that
decide whether a window is read (``HEX_RUN_MARK``, ``DEC_ARRAY_MARK``)
wanted seven bytes on one line, so none of these was read.  Decoys:
random bytes laid out the same way beside a Together name."""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import make_tests


def _lines(items: list[str], per_line: int, indent: str, eol: str, sep: str = ', ') -> str:
    return ''.join(
        indent + sep.join(items[i:i + per_line]) + ',' + eol for i in range(0, len(items), per_line)
    )


def black_list(form: str, per_line: int = 1, eol: str = '\n', legacy: bool = False):
    """``TOGETHER_API_KEY = bytes(\\n    [\\n`` then the bytes, ``per_line``
    a line: reported on the line of the first byte (3)."""
    def build(m):
        key = m.hex() if legacy else m.key()
        items = [form.format(b) for b in key.encode()]
        body = _lines(items, per_line, '        ', eol)
        return f'TOGETHER_API_KEY = bytes({eol}    [{eol}{body}    ]{eol}){eol}', [(3, key)]
    return build


def c_array_tabs(m):
    key = m.key()
    items = ['0x{:02x}'.format(b) for b in key.encode()]
    body = _lines(items, 4, '\t', '\n', sep=',\t')
    return f'static const char together_key[] = {{\n{body}}};\n', [(2, key)]


def decoy_random(form: str, per_line: int):
    def build(m):
        items = [form.format(b) for b in m.rng.randbytes(48)]
        return f'TOGETHER_IV = [\n{_lines(items, per_line, "    ", chr(10))}]\n', []
    return build


CASES = [
    Case('lines-hex-one-a-line', 'src/key_hex.py', black_list('0x{:02x}')),
    Case('lines-hex-upper-one-a-line', 'src/key_hex_upper.py', black_list('0X{:02X}')),
    Case('lines-hex-bare-two-a-line', 'src/key_bare.py', black_list('{:02x}', 2)),
    Case('lines-hex-crlf', 'src/key_crlf.py', black_list('0x{:02x}', 1, '\r\n')),
    Case('lines-hex-six-a-line', 'src/key_six.py', black_list('0x{:02x}', 6)),
    Case('lines-hex-escapes-three-a-line', 'src/key_esc.py', black_list('"\\x{:02x}"', 3)),
    Case('lines-dec-one-a-line', 'src/key_dec.py', black_list('{}')),
    Case('lines-dec-crlf', 'src/key_dec_crlf.py', black_list('{}', 1, '\r\n')),
    Case('lines-dec-five-a-line', 'src/key_dec5.py', black_list('{}', 5)),
    Case('lines-dec-legacy', 'src/key_dec_legacy.py', black_list('{}', 1, legacy=True)),
    Case('lines-hex-legacy', 'src/key_hex_legacy.py', black_list('0x{:02x}', 1, legacy=True)),
    Case('lines-c-array-tabs', 'src/key.c', c_array_tabs),
    Case('decoy-lines-hex', 'src/iv_hex.py', decoy_random('0x{:02x}', 1)),
    Case('decoy-lines-dec', 'src/iv_dec.py', decoy_random('{}', 1)),
    Case('decoy-lines-dec-three', 'src/iv_dec3.py', decoy_random('{}', 3)),
]

# The strict xfails, by the name every set uses (tests/sources' forked-tree
# test reads ``MISSED`` to know which keys a tree scan is not held to).
MISSED = {
}

results, test_case = make_tests(CASES, missed=MISSED)
