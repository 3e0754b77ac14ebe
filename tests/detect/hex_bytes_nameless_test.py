"""A key's bytes written as hex with no Together name near
(``engine.HEX_PREFIX``, ``codec.hex_view``): C, C# and Go ``0x`` arrays,
``xxd -i`` (the prefix cut by its line end), a ``.reg`` file's ``hex:``
value, in a file with a Together name far above them or none at all
(the screen passes it by ``engine.HEX_MARKS``); placeholders and other
data stay clean, and the marks cost the screen no pass more."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect.engine import scan_bytes
from tests.keys import make_key


def _hex(text: str, fmt: str, sep: str = ', ') -> str:
    return sep.join(fmt.format(b) for b in text.encode())


def _xxd_i(data: bytes) -> str:
    # xxd -i's layout: 12 bytes a line, two blanks' indent.
    rows = [', '.join(f'0x{b:02x}' for b in data[i:i + 12]) for i in range(0, len(data), 12)]
    return 'unsigned char env[] = {\n  ' + ',\n  '.join(rows) + '\n};\n'


SHAPES = {
    'c': ('blob.c', lambda k: f'static const unsigned char blob[] = {{{_hex(k, "0x{:02x}")}}};\n'),
    'c-tight': ('blob.c', lambda k: f'char b[] = {{{_hex(k, "0x{:02x}", ",")}}};\n'),
    'csharp-upper': ('Blob.cs', lambda k: f'static readonly byte[] B = new byte[] {{ {_hex(k, "0X{:02X}")} }};\n'),
    'reg-hex': ('token.reg', lambda k: f'"Token"=hex:{_hex(k, "{:02x}", ",")}\r\n'),
    # A REG_MULTI_SZ environment block: UTF-16LE, the variable's name in
    # the hex too.
    'reg-hex7-utf16': ('service.reg', lambda k: '"Environment"=hex(7):' + ','.join(
        f'{b:02x}' for b in f'PATH=C:\\bin\0TOKEN={k}\0\0'.encode('utf-16-le')) + '\r\n'),
    # The prefix's 0x74 ends a line, or 0x67 does.
    'xxd-i-cut-after-t': ('env.h', lambda k: _xxd_i(b'#' * 11 + k.encode())),
    'xxd-i-cut-after-g': ('env.h', lambda k: _xxd_i(b'#' * 10 + k.encode())),
}


# A Together name the screen passes the file for, more than _HEX_AFTER
# (1 KB) above the bytes: no window of ``_hex_hits`` reaches them.
FAR = '// A client for Together AI\n' + '// filler line of a long header comment\n' * 80


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_found_with_no_name(shape: str) -> None:
    path, write = SHAPES[shape]
    key = make_key(random.Random(f'hex-nameless-{shape}'))
    found = scan_bytes((FAR + write(key)).encode(), path)
    assert [(f.secret, f.encoding) for f in found] == [(key, 'hex')]


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_a_placeholder_is_clean(shape: str) -> None:
    path, write = SHAPES[shape]
    assert scan_bytes((FAR + write('tgp_v1_' + 'x' * 43)).encode(), path) == []


def test_other_bytes_after_the_prefix_are_clean() -> None:
    rng = random.Random('hex-clean')
    data = FAR + 'const unsigned char png[] = {' + ', '.join(f'0x{b:02x}' for b in b'tgp' + rng.randbytes(200)) + '};\n'
    assert scan_bytes(data.encode(), 'png.c') == []


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_found_with_no_together_name_in_the_file(shape: str) -> None:
    # No name, no key prefix: the screen passes the file by
    # ``engine.HEX_MARKS`` (the prefix's hex from its ``67``).
    path, write = SHAPES[shape]
    key = make_key(random.Random(f'hex-no-name-{shape}'))
    found = scan_bytes(write(key).encode(), path)
    assert [(f.secret, f.encoding) for f in found] == [(key, 'hex')]


def test_the_marks_cost_the_screen_no_pass_more():
    # Screen needles starting ``0x`` or ``74`` are groups of their own in
    # the plain route: a pass more over every clean file the hook reads.
    # ``HEX_MARKS`` start with ``67`` or hold ``X``: the same plain routes
    # and anchor groups as without them.
    from together_hooks.detect import prefilter
    from together_hooks.detect.engine import HEX_MARKS
    from together_hooks.detect.engine import HEX_PREFIX
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.rules import RULES

    needles = keyword_screen(RULES).needles
    assert set(HEX_MARKS) <= set(needles)
    assert not (set(HEX_PREFIX) - set(HEX_MARKS)) & set(needles)
    without = tuple(n for n in needles if n not in HEX_MARKS)
    assert [lead for lead, _ in prefilter._plain_routes(needles)] == [lead for lead, _ in prefilter._plain_routes(without)]
    assert sorted(prefilter._anchors(needles)) == sorted(prefilter._anchors(without))


def test_a_file_dense_in_marks_is_read_in_bounded_views():
    # A view keeps an origin a byte: one view over a whole window of
    # marks held ~200 bytes a byte (a 4 MB file: 786 MB).  Views are cut
    # at engine._PREFIX_SPAN, overlapping; a key where one is cut is found
    # once.
    from together_hooks.detect import codec
    from together_hooks.detect import engine
    from together_hooks.detect.budget import Budget
    from together_hooks.rules import RULES

    key = make_key(random.Random('dense'))
    filler = ', '.join(f'0x{b:02x}' for b in b'tgp_v1_x') + ',\n'
    arr = 'k = {' + ', '.join(f'0x{b:02x}' for b in key.encode()) + '};\n'
    step = engine._PREFIX_SPAN
    text = filler * (step // len(filler) - 3) + arr + filler * (3 * step // len(filler)) + arr
    data = text.encode()
    spans = []

    def hex_view(data: bytes, lo: int, hi: int):
        spans.append(hi - lo)
        return codec.hex_view(data, lo, hi)
    where = engine.keyword_screen(RULES).where(data)
    hits = engine._prefix_view_hits(
        data, 'k.c', RULES, 0, where, Budget('k.c'), engine.HEX_PREFIX, hex_view, 'hex', screened=False,
    )
    assert len(spans) > 3 and max(spans) <= step + engine._HEX_BEFORE
    assert [(secret, kind) for _at, secret, _rule, kind in hits] == [(key, 'hex')] * 2


def test_every_prefix_form_is_told_by_the_gate_before_it():
    """``_hits`` looks for the ``HEX_PREFIX`` forms holding
    ``HEX_PREFIX_CORE`` only in bytes holding it, the others on their own:
    each form alone, amid other text, is told (hex text ``7467…`` holds no
    ``74,``: gated on the core alone, a merge let it pass unread)."""
    from together_hooks.detect.engine import HEX_PREFIX
    from together_hooks.detect.engine import _holds_hex_prefix

    assert HEX_PREFIX
    for form in HEX_PREFIX:
        assert _holds_hex_prefix(b'x = 1\n' + form + b'\n'), form
    assert not _holds_hex_prefix(b'x = [0x74, 0x67]\n74, 67\n7467\n')


def _reg_export(value: bytes, nl: str) -> str:
    # ``reg export``: a value's bytes two digits each, apart by commas,
    # lines of at most 80 continued by ``,\`` and two blanks
    head = '"Environment"=hex(7):'
    lines, line = [], head
    for b in value:
        if len(line) + 3 > 78:
            lines.append(line + ',\\')
            line = f'  {b:02x}'
        else:
            line += ('' if line == head else ',') + f'{b:02x}'
    lines.append(line)
    return f'Windows Registry Editor Version 5.00{nl}{nl}[HKEY_LOCAL_MACHINE\\SYSTEM\\Svc]{nl}' + nl.join(lines) + nl


@pytest.mark.parametrize('nl', ['\r\n', '\n'])
def test_a_reg_utf16_value_is_found_wherever_its_lines_wrap(nl):
    # The continuation may cut the prefix's hex (a mark or a form of
    # ``HEX_PREFIX`` cut after any comma), and the view around it may start
    # on a character's high byte (``codec._hex_text``): every alignment.
    rng = random.Random(f'reg-wrap{nl!r}')
    missed = []
    for pad in range(30):
        key = make_key(rng)
        value = f'{"X" * pad}=1\0TOGETHER_API_KEY={key}\0\0'.encode('utf-16-le')
        found = scan_bytes(_reg_export(value, nl).encode(), 'service.reg')
        if [f.secret for f in found] != [key]:
            missed.append(pad)
    assert missed == []


def test_a_reg_utf16_placeholder_is_clean_wherever_its_lines_wrap():
    for pad in range(30):
        value = f'{"X" * pad}=1\0TOKEN=tgp_v1_{"x" * 43}\0\0'.encode('utf-16-le')
        assert scan_bytes(_reg_export(value, '\r\n').encode(), 'service.reg') == []
