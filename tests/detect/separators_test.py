"""A key glued to a letter by a separator the codec knows (an escape, an
ANSI colour code, an encoded "="), and a key cut by a line break that
YAML or TOML fold away with the empty lines after it."""
from __future__ import annotations

import json
import random
from urllib.parse import quote

import pytest

from tests.detect.baits import ESCAPE_MARK_UNITS
from tests.detect.baits import KB
from tests.detect.baits import units
from tests.keys import make_key
from together_hooks.detect import codec
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('separators'))

# Every separator the readings know, written right after a letter.
SEPARATORS = [
    '\\n', '\\t', '\\r', '\\0', '\\a', '\\b', '\\e', '\\f', '\\v', '\\\\', '\\"', "\\'", '\\/',
    '\\u003d', '\\u003D', '\\x3d', '\\u{3d}', '\\075', '%3D', '%3d', '%253D', '=3D',
    '&quot;', '&#61;', '&#x3D;', '&equals;', '&colon;',
    '\x1b[0m', '\x1b[K', '\x1b[38;5;124m', '\\e[0m', '\\e[1;31m', '\\u001b[0m', '\\u001B[0m',
    '\\x1b[0m', '\\x1B[32m', '\\033[0m', '\\\\u001b[0m',
]


@pytest.mark.parametrize('sep', SEPARATORS)
def test_a_key_after_a_letter_and_a_separator_is_found(sep):
    data = f'log: x{sep}{KEY}\n'.encode()
    found = scan_bytes(data, 'sep.log')
    assert [(f.secret, f.column) for f in found] == [(KEY, data.index(KEY.encode()) + 1)]


@pytest.mark.parametrize('sep', ['\x1b[0m', '\\e[0m', '\\u001b[0m', '%3D'])
def test_a_separator_does_not_free_a_run_longer_than_a_key(sep):
    # The key's characters run on after it: not a key, whatever came before.
    assert scan_bytes(f'log: x{sep}{KEY}Q\n'.encode(), 'sep.log') == []


@pytest.mark.parametrize(('text', 'joined'), [
    # YAML's escaped line break: dropped with the next line's indentation.
    (b'"ab\\\n    cd"', b'"abcd"'),
    # ... and the empty lines after it (TOML trims them; YAML folds each to
    # a newline that the key's two pieces still straddle).
    (b'"ab\\\n\n    cd"', b'"abcd"'),
    (b'"ab\\\r\n  \t\r\n\r\n    cd"', b'"abcd"'),
])
def test_an_escaped_break_goes_with_the_empty_lines_after_it(text, joined):
    assert codec.escapes_view(text).data == joined


@pytest.mark.parametrize('gap', ['\n', '\n\n', '\n  \n\t\n', '\r\n\r\n', ' \n\n'])
def test_a_key_wrapped_across_empty_lines_is_joined(gap):
    data = f'key: "{KEY[:30]}{gap}    {KEY[30:]}"\n'.encode()
    view = codec.wrapped_view(data)
    assert view is not None and KEY.encode() in view.data
    assert view.origin(view.data.index(KEY.encode())) == data.index(KEY[:30].encode())


def test_wrapped_pieces_across_empty_lines_must_make_exactly_one_key():
    # A short run, an empty line, a run that overshoots: no key.
    assert codec.wrapped_view(f'{KEY[:30]}\n\n{KEY[30:]}abc\n'.encode()) is None


def test_a_key_cut_by_a_traces_offset_is_joined():
    # ``curl --trace-ascii`` cuts a header line at 64 bytes and starts the
    # next with its hex offset
    head = 'authorization: Bearer '
    line = head + KEY
    data = f'0000: {line[:64]}\n0040: {line[64:]}\n0058: content-type: application/json\n'.encode()
    view = codec.wrapped_view(data)
    assert view is not None and KEY.encode() in view.data
    assert [f.secret for f in scan_bytes(data, 'trace.txt')] == [KEY]


def test_a_traces_offset_joins_no_run_longer_than_a_key():
    # the next line's run overshoots a key: nothing joined
    data = f'0000: Bearer {KEY[:40]}\n0040: {KEY[40:]}abc\n'.encode()
    assert codec.wrapped_view(data) is None


# UTF-7 (``codec._UTF7``): decoded where an encoded underscore is.
@pytest.mark.parametrize(('text', 'decoded'), [
    (b'tgp+AF8-v1+AF8-ab', b'tgp_v1_ab'),
    (b'KEY+AD0-x +AF8AIg- 1 +- 2', b'KEY=x _" 1 + 2'),
    (b'a+AF8-b+AF8', b'a_b_'),  # a run ends at the end, or at any other byte
    (b'a+AF8-b+ c', b'a_b+ c'),  # "+" with no base64 after it stays
])
def test_utf7_is_decoded_exactly(text, decoded):
    assert codec.escapes_view(text).data == decoded


def test_plus_signs_without_an_encoded_underscore_stay():
    assert codec.escapes_view(b'a+b=c+AD0-') is None


def test_a_utf7_key_is_reported_where_it_starts():
    body = KEY[7:].replace('_', '+AF8-')
    data = f'TOGETHER+AF8-API+AF8-KEY+AD0-tgp+AF8-v1+AF8-{body}\n'.encode()
    found = scan_bytes(data, 'a.env')
    assert [(f.secret, f.column) for f in found] == [(KEY, data.index(b'tgp') + 1)]


def test_a_utf7_placeholder_is_not_a_key():
    assert scan_bytes(b'TOGETHER+AF8-API+AF8-KEY+AD0-tgp+AF8-v1+AF8-' + b'x' * 43 + b'\n', 'a.env') == []


@pytest.mark.parametrize(('sep', 'form'), [
    ('\x1b[0m', '%5F'), ('\\u001b[0m', '\\u005f'), ('\\e[1m', '\\x5f'), ('%3D', '%5F'),
])
def test_a_separator_before_a_key_that_needs_decoding(sep, form):
    # The reading that decodes the key takes the colour code out too; the
    # file still holds it before the key.
    data = f'log: x{sep}{KEY.replace("_", form)}\n'.encode()
    found = scan_bytes(data, 'sep.log')
    assert [(f.secret, f.column) for f in found] == [(KEY, data.index(b'tgp') + 1)]


# An ANSI colour code inside a key's prefix (a highlighter or ``grep
# --color`` marking part of it), after a letter, at every place in the
# prefix, in the file raw, in a JSON string (a notebook's output), in a
# JSON string inside a JSON string (a log line holding a notebook cell),
# URL-encoded or as HTML references (the code's ESC decoded by a later
# step than the one that takes codes out).
_OUTERS = {
    'raw': lambda s: s,
    'json': lambda s: json.dumps({'o': s}),
    'json-in-json': lambda s: json.dumps({'o': json.dumps({'p': s})}),
    'percent': lambda s: 'q=' + quote(s),
    'html': lambda s: '<pre>' + s.replace('\x1b', '&#27;') + '</pre>',
}


@pytest.mark.parametrize('outer', _OUTERS)
@pytest.mark.parametrize('at', range(8))
def test_a_key_whose_prefix_an_ansi_code_splits_is_found(outer, at):
    # In the percent and HTML forms a letter before the codes stays glued
    # to the key, and ``tg%1B``, ``tg&#27;`` hold no escape mark
    # (docs/detection.md).
    encoded = outer in ('percent', 'html')
    if at == 2 and encoded:
        pytest.skip('no escape mark')
    lead = ' ' if encoded else 'x'
    text = _OUTERS[outer](f'log:{lead}\x1b[32m{KEY[:at]}\x1b[0m{KEY[at:]}\n').encode()
    assert [f.secret for f in scan_bytes(text, 'out.log')] == [KEY]


def test_an_escape_left_by_the_first_unescaping_is_undone_once_more():
    view = codec.escapes_view(b'"a\\\\u001b[0mb \\\\n"')
    assert view is not None and view.data == b'"ab \n"'


@pytest.mark.parametrize('unit', ESCAPE_MARK_UNITS)
def test_escape_marks_and_a_second_undoing_scan_are_no_key(unit):
    # (their time at 4x the size: bench/complexity.py)
    assert scan_bytes(units(unit, 64 * KB), 'bait.log') == []


OTHER = make_key(random.Random('separators-other'))


@pytest.mark.parametrize('line', [
    # ``git diff --word-diff``: a rotated key, the old one between ``[-``
    # and ``-]`` (both of key characters), the new one between ``{+``
    # and ``+}``; a removed word alone, before a blank or the line's end.
    '[-TOGETHER_API_KEY={old}-]{{+TOGETHER_API_KEY={new}+}}',
    '[-{old}-]{{+{new}+}}',
    'key: [-{old}-] (rotated)',
    'key: [-{old}-]',
])
def test_a_word_diffs_deleted_key_is_found(line):
    text = line.format(old=KEY, new=OTHER)
    found = {f.secret for f in scan_bytes((text + '\n').encode(), 'rotation.diff')}
    assert found == ({KEY, OTHER} if OTHER in text else {KEY})


@pytest.mark.parametrize('text', [
    # a run longer than a key inside the marks, or ``-]`` after a 51st
    # key character: no key
    f'[-{KEY}Z-]{{+x+}}', f'[-x{KEY}-]{{+x+}}', f'{KEY}Z-]{{+x+}}',
    # ``-]`` not a word diff's (a key character then a bracket, then a letter)
    f'[{KEY}-]x',
])
def test_a_word_diffs_marks_free_no_longer_run(text):
    assert scan_bytes((text + '\n').encode(), 'rotation.diff') == []
