"""The readings' regexes, written so ``re`` can skip to their first byte,
match exactly what their plain spelling matches, with the same result."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect import codec

# As they were first written (every alternative spelt out in the plain way).
PLAIN_UNESCAPE = re.compile(
    rb'(?P<ansi>(?:\x1b|\\u001[bB]|\\x1[bB]|\\033|\\e)\[[0-9;]{0,32}[A-Za-z])'
    rb'|\\u00(?P<u>[0-7][0-9A-Fa-f])|\\x(?P<x>[0-7][0-9A-Fa-f])'
    rb'|\\u\{0{0,4}(?P<ub>[0-7]?[0-9A-Fa-f])\}|\\(?P<o>[0-1][0-7]{2})'
    rb'|\\(?P<cont>\r?\n(?:[ \t]*\r?\n)*[ \t]*)'
    rb'|\\(?P<c>[\\"\'/`nrtabefv0])',
)
PLAIN_JOIN = re.compile(
    rb'(\\?["\'`])[ \t]*' + codec._OP + rb'(?:\\?\r?\n[ \t]*' + codec._OP + rb')?' + codec._STRING_PREFIX + rb'\1'
    rb'(?![\w.-]{1,64}\1[ \t]*:(?!:))',
)
PLAIN_WORD_JOIN = re.compile(
    rb'(?<=[\w-])(?:(["\'])(?=[\w-]{1,64}\1(?![\w-]))|\$?\{(["\'])(?=[\w-]{1,64}\2\}))',
)


def _plain_unescape_one(m: re.Match[bytes]) -> bytes:
    if m.group('ansi') or m.group('cont'):
        return b''
    hexed = m.group('u') or m.group('x') or m.group('ub')
    if hexed:
        return bytes((int(hexed, 16),))
    if m.group('o'):
        return bytes((int(m.group('o'), 8),))
    c = m.group('c')
    return codec._CONTROL.get(c, c)


PIECES = [
    b'\\', b'\\\\', b'\x1b', b'[', b'31m', b'0;1', b'm', b'u001b', b'u001B', b'x1b', b'033', b'e',
    b'u00', b'41', b'7f', b'x', b'4a', b'n', b'r', b't', b'"', b"'", b'`', b'/', b' ', b'\t',
    b'\n', b'\r\n', b'+', b'u{', b'}', b'{', b'0000', b'012', b'137', b'177', b'a', b'f', b'v',
    b'.', b'..', b'&', b'||', b',', b'tgp_v1_', b'abc', b'9',
    b'b', b'@', b'$', b'L', b'u8', b').append(', b'.concat(', b'${',
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(b''.join),
    st.binary(max_size=200),
)


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(texts)
def test_unescape_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._UNESCAPE.finditer(data)] == [
        m.span() for m in PLAIN_UNESCAPE.finditer(data)
    ]
    assert codec._UNESCAPE.sub(codec._unescape_one, data) == PLAIN_UNESCAPE.sub(_plain_unescape_one, data)


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(texts)
def test_join_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._JOIN.finditer(data)] == [
        m.span() for m in PLAIN_JOIN.finditer(data)
    ]


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(texts)
def test_word_join_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._WORD_JOIN.finditer(data)] == [
        m.span() for m in PLAIN_WORD_JOIN.finditer(data)
    ]


def test_the_readings_still_undo_what_they_undo():
    assert codec.escapes_view(b'a\\u0041\\x42\\n\x1b[31mC\\u001b[0m').data == b'aAB\nC'
    assert codec.joined_view(b'"tgp_v1_" + "abc" \\\n  "def"').data == b'"tgp_v1_abcdef"'
    assert codec.joined_view(b"\\'a\\' + \\'b\\'").data == b"\\'ab\\'"
