"""The readings' regexes, written so ``re`` can skip to their first byte,
match exactly what their plain spelling matches, with the same result."""
from __future__ import annotations

import functools
import random
import re

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect import codec

# As they were first written (every alternative spelt out in the plain way),
# with what was added since (``\\U000000xx``, a backslash before ``_`` and
# ``-``, a statement appending on the next line, Perl's ``\\x{5f}``, a
# Haskell string gap's closing backslash, VB's `` _`` and PowerShell's
# backtick before a continued line).
PLAIN_UNESCAPE = re.compile(
    rb'(?P<ansi>(?:\x1b|\\u001[bB]|\\x1[bB]|\\033|\\e)\[[0-9;]{0,32}[A-Za-z])'
    rb'|\\u00(?P<u>[0-7][0-9A-Fa-f])|\\U000000(?P<U>[0-7][0-9A-Fa-f])|\\x(?P<x>[0-7][0-9A-Fa-f])'
    rb'|\\[ux]\{0{0,4}(?P<ub>[0-7]?[0-9A-Fa-f])\}|\\(?P<o>[0-1][0-7]{2})'
    rb'|\\(?P<cont>\r?\n(?:[ \t]*\r?\n)*[ \t]*)(?P<gap>\\(?=[A-Za-z0-9_-]))?'
    rb'|\\(?P<css>[2-7][0-9A-Fa-f]) |\\N\{(?P<name>(?i:low line|hyphen-minus))\}'
    rb'|\\(?P<c>[\\"\'/`nrtabefv0_-])',
)
PLAIN_JOIN = re.compile(
    rb'(\\?["\'`])[ \t]*(?:' + codec._OP + rb'(?:(?:\\|`|_)?\r?\n[ \t]*' + codec._OP + rb')?|' + codec._APPEND + rb')'
    + codec._STRING_PREFIX + rb'\1'
    rb'(?![\w.-]{1,64}\1[ \t]*:(?!:))',
)
PLAIN_WORD_JOIN = re.compile(
    rb'(?<=[\w-])(?:(["\'])(?=[\w-]{1,64}\1(?![\w-]))|\$?\{(["\'])(?=[\w-]{1,64}\2\}))',
)


def _plain_unescape_one(m: re.Match[bytes]) -> bytes:
    if m.group('ansi') or m.group('cont'):
        return b''
    if m.group('name'):
        return {b'l': b'_', b'h': b'-'}[m.group('name')[:1].lower()]
    hexed = m.group('u') or m.group('U') or m.group('x') or m.group('ub') or m.group('css')
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

# Whole constructs, each at and just past the edges of what the regexes
# take (a digit either side of a range, a count either side of a bound, a
# byte either side of a class), drawn from a seeded ``random.Random``: a
# list of loose pieces rarely spells a whole escape, so a regex that lost
# one alternative or moved one bound went unseen (the plain spellings
# above had fallen behind three changes to the regexes, unnoticed).
_HEX = tuple(b'0 1 7 8 9 a f A F g G'.split())
_BLANK = (b'', b' ', b'\t', b' \t ')
_NL = (b'\n', b'\r\n', b'\r')
_ANSI_HEAD = (
    b'\x1b', b'\x1c', b'\\u001b', b'\\u001B', b'\\u001c', b'\\x1b', b'\\x1B', b'\\x1c', b'\\033', b'\\034',
    b'\\e', b'\\E',
)
_HEXED_HEAD = (b'\\u00', b'\\x', b'\\u0', b'\\u000', b'\\U000000', b'\\U00000', b'\\U0000000')
_ONE = tuple(bytes((c,)) for c in b'\\"\'/`nrtabefv0_-cdzNU9 {}+.')


def _escape(rng: random.Random) -> bytes:
    c = rng.choice
    kind = rng.randrange(8)
    if kind == 6:
        return b'\\' + bytes((c(b'12578'),)) + c(_HEX) + c((b' ', b' ', b'', b'\t'))
    if kind == 7:
        return b'\\N{' + c((b'LOW LINE', b'low line', b'Low Line', b'HYPHEN-MINUS', b'hyphen-minus', b'LOW  LINE',
                                b'SPACE')) + c((b'}', b'}', b''))
    if kind == 0:
        return c(_ANSI_HEAD) + c((b'[', b'[', b'', b']')) + b'0' * c((0, 1, 31, 32, 33)) + bytes(
            c(b'019;') for _ in range(rng.randrange(3))) + c((b'm', b'A', b'z', b'Z', b'', b'1', b'@'))
    if kind == 1:
        return c(_HEXED_HEAD) + c(_HEX) + c(_HEX)
    if kind == 2:
        return c((b'\\u{', b'\\x{', b'\\y{')) + b'0' * c((0, 1, 4, 5)) + c((b'', b'0', b'7', b'8', b'f')) + c(_HEX) + c((b'}', b'}', b'', b'0}'))
    if kind == 3:
        return b'\\' + bytes((c(b'012378'), c(b'078'), c(b'0789')))
    if kind == 4:
        return b'\\' + c(_NL) + b''.join(c(_BLANK) + c(_NL) for _ in range(rng.randrange(3))) + c(_BLANK) + c((b'', b'x', b'\\', b'\\a', b'\\.'))
    return b'\\' + c(_ONE)


_QUOTE = (b'"', b"'", b'`', b'\\"', b"\\'", b'\\`')
_OPS = (b'', b'+', b'.', b'..', b'&', b'||', b',', b'|', b'-', b'++', b'<>', b'<', b'+++', b').append(', b'.concat(', b') .append(',
        b')\n  .concat(', b'.append')
_APPENDS = (b'+=', b'.=', b'&=', b'<<', b'-=', b'=', b'.push_str(', b'.append(', b'.Append(', b'.concat(',
            b'.write(', b'.put(')
_PREFIX = (b'', b'b', b'rb', b'bR', b'Rbu', b'f', b's', b'fs', b'S', b'@', b'@$', b'$@', b'$', b'$$', b'L', b'u8', b'u', b'8')
_RUNS = (0, 1, 2, 62, 63, 64, 65)


def _word(rng: random.Random) -> bytes:
    return rng.choice((b'a', b'-', b'.', b'_')) * rng.choice(_RUNS)


def _join(rng: random.Random) -> bytes:
    c = rng.choice
    if rng.randrange(2):
        joiner = c(_BLANK) + c(_OPS) + c(_BLANK) + c((b'', b'\\\n', b'\n', b'\r\n', b'\\\r\n', b'\n\n', b'_\n', b'`\n', b'`\r\n', b'-\n')) + c(
            _BLANK) + c(_OPS) + c(_BLANK)
    else:
        joiner = c((b'', b')', b');', b';', b')) ')) + c(_BLANK) + c(_NL) + c(_BLANK) + c((b'', b'$', b'@', b'1')) + (
            b'k' * c((0, 1, 63, 64, 65))) + c((b'', b'.x')) + c(_BLANK) + c(_APPENDS)
    quote = c(_QUOTE)  # mostly the same quote again, as a join needs
    again = c((quote, quote, quote, c(_QUOTE)))
    return c((b'', b'k', b'"tgp_v1_')) + quote + joiner + c(_PREFIX) + again + _word(rng) + c(
        (again, again, c(_QUOTE))) + c(_BLANK) + c((b'', b':', b'::', b' :', b'x'))


def _word_join(rng: random.Random) -> bytes:
    c = rng.choice
    return c((b'', b'k', b'-', b' ', b'.')) + c((b'"', b"'", b'${"', b"${'", b'{"', b"{'", b'$"', b'{')) + _word(
        rng) + c((b'"', b"'", b'"}', b"'}", b'}')) + c((b'', b'x', b'-', b' ', b'.'))


def constructs(rng: random.Random, count: int) -> bytes:
    """``count`` whole constructs and loose pieces, apart or glued."""
    makers = (_escape, _escape, _join, _word_join, lambda r: r.choice(PIECES))
    return b''.join(rng.choice(makers)(rng) + rng.choice((b'', b' ', b'\n')) for _ in range(count))


texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(b''.join),
    st.binary(max_size=200),
    st.randoms(use_true_random=False).map(lambda r: constructs(r, r.randrange(1, 12))),
)


@functools.lru_cache(maxsize=None)
def batch() -> bytes:
    """Many constructs in one text, checked in one pass (a few hundred
    KB: milliseconds for a regex).  10,000 catch each of 27 bugs written
    into the regexes and ``_unescape_one`` (one bound, class or
    alternative each: a one-off script, on four seeds; 5,000 did too);
    the hypothesis tests' 600 examples of loose pieces caught 5."""
    return constructs(random.Random(20261203), 10_000)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(texts)
def test_unescape_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._UNESCAPE.finditer(data)] == [
        m.span() for m in PLAIN_UNESCAPE.finditer(data)
    ]
    assert codec._UNESCAPE.sub(codec._unescape_one, data) == PLAIN_UNESCAPE.sub(_plain_unescape_one, data)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(texts)
def test_join_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._JOIN.finditer(data)] == [
        m.span() for m in PLAIN_JOIN.finditer(data)
    ]


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(texts)
def test_word_join_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._WORD_JOIN.finditer(data)] == [
        m.span() for m in PLAIN_WORD_JOIN.finditer(data)
    ]


def test_unescape_matches_its_plain_spelling_on_many_constructs():
    used = {name for m in PLAIN_UNESCAPE.finditer(batch()) for name, v in m.groupdict().items() if v is not None}
    assert used == set(PLAIN_UNESCAPE.groupindex)  # every alternative, matched somewhere
    assert [m.span() for m in codec._UNESCAPE.finditer(batch())] == [m.span() for m in PLAIN_UNESCAPE.finditer(batch())]
    assert codec._UNESCAPE.sub(codec._unescape_one, batch()) == PLAIN_UNESCAPE.sub(_plain_unescape_one, batch())


def test_join_matches_its_plain_spelling_on_many_constructs():
    assert [m.span() for m in codec._JOIN.finditer(batch())] == [m.span() for m in PLAIN_JOIN.finditer(batch())]


def test_word_join_matches_its_plain_spelling_on_many_constructs():
    assert [m.span() for m in codec._WORD_JOIN.finditer(batch())] == [m.span() for m in PLAIN_WORD_JOIN.finditer(batch())]


def test_the_readings_still_undo_what_they_undo():
    assert codec.escapes_view(b'a\\u0041\\x42\\n\x1b[31mC\\u001b[0m').data == b'aAB\nC'
    assert codec.joined_view(b'"tgp_v1_" + "abc" \\\n  "def"').data == b'"tgp_v1_abcdef"'
    assert codec.joined_view(b"\\'a\\' + \\'b\\'").data == b"\\'ab\\'"


# The quoted-printable key cut as first written: its look-behind first.
PLAIN_QP_KEY_CUT = re.compile(
    rb'(?<=[' + codec.KEY_CHARS + rb'])=\r?\n(?=[' + codec.KEY_CHARS + rb'])',
)


def _soft_breaks(rng: random.Random, count: int) -> bytes:
    """Soft line breaks (``=`` then a line end) between key characters
    and other bytes, and ``=`` not before a line end."""
    c = rng.choice
    around = (b'a', b'Z', b'0', b'_', b'-', b' ', b'=', b'.', b'"', b'', b'\n')
    return b''.join(
        c(around) + c((b'=\n', b'=\r\n', b'=\r', b'=', b'==\n', b'=\n\n', b'=3D')) + c(around)
        for _ in range(count)
    )


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.one_of(texts, st.randoms(use_true_random=False).map(lambda r: _soft_breaks(r, r.randrange(1, 20)))))
def test_qp_key_cut_matches_its_plain_spelling(data):
    assert [m.span() for m in codec._QP_KEY_CUT.finditer(data)] == [
        m.span() for m in PLAIN_QP_KEY_CUT.finditer(data)
    ]


def test_qp_key_cut_matches_its_plain_spelling_on_many_soft_breaks():
    data = _soft_breaks(random.Random(20261204), 20_000)
    spans = [m.span() for m in PLAIN_QP_KEY_CUT.finditer(data)]
    assert len(spans) > 1000
    assert [m.span() for m in codec._QP_KEY_CUT.finditer(data)] == spans


def _starts_on_a_byte(items) -> bool:
    """Does a parsed regex (``re``'s parser) start on a byte or a set of
    bytes in each of its alternatives, never on a look-around (from which
    ``re`` cannot skip ahead: it tries it at every byte)?"""
    from re import _constants as c  # type: ignore[attr-defined]

    if not items:
        return False
    op, av = items[0]
    if op in (c.LITERAL, c.IN):
        return True
    if op is c.SUBPATTERN:
        return _starts_on_a_byte(list(av[3]))
    if op is c.BRANCH:
        return all(_starts_on_a_byte(list(alt)) for alt in av[1])
    return False


def test_the_readings_regexes_start_on_a_byte():
    """The regexes run over every stretch read around a keyword skip to
    their first byte: the key cut once began with its look-behind, 11 ns
    a byte on a tree's files saying "together" against 1 for the rest."""
    from re import _parser  # type: ignore[attr-defined]

    for regex in (codec._UNESCAPE, codec._JOIN, codec._WORD_JOIN, codec._QP_KEY_CUT, codec._QP):
        assert _starts_on_a_byte(list(_parser.parse(regex.pattern))), regex.pattern
