"""``codec.hex_marked`` and ``codec.dec_marked``: the hex and decimal marks
searched only inside the stretches that can hold a match give exactly the
answer of the mark searched over the whole window (``_hex_hits`` asks
them of every window near a Together name: history's flagged blobs)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect import codec

# Bytes of the marks' leads, digits and separators, with a few that break
# a stretch (a newline, a letter past f, a semicolon, a tab).
_PIECES = [
    b'0', b'7', b'9', b'a', b'F', b'e', b' ', b',', b':', b', ', b'\\x', b'0x', b'0X',
    b'(byte)', b'(byte) 0x', b'b', b'y', b't', b'(', b')', b'x', b'X',
    b'\n', b'g', b';', b'\t', b'z', b'123, ', b'-', b'74', b'67',
    # Whole runs and bytes of each mark, so that draws hold runs the marks
    # match: of the pieces above, none in 3000 examples did, and the
    # property held with a room that left out every digit or hex letter.
    b'74 67 70 5f 76 31 5f', b'0x74,0X67, 0x70', b'\\x74\\x67\\x70\\x5f',
    b'(byte) 0x70, (byte)0X31,', b'116, 103, 112, 95,', b'118,49,95,',
    b'74 ', b'5f:', b'0x74, ', b'\\x67', b'116, ', b'1,',
]


def _reference(mark, data: bytes, lo: int, hi: int) -> bool:
    return mark.search(data, lo, hi) is not None


@settings(max_examples=1000, derandomize=True, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=80),
    st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400),
)
def test_the_same_answer_as_the_mark_searched_whole(pieces, lo, hi):
    data = b''.join(pieces)
    # The drawn bounds, and the whole: bounds drawn up to 400 past a short
    # draw seldom hold a whole run.
    for lo, hi in ((lo, hi), (0, len(data))):
        assert codec.hex_marked(data, lo, hi) == _reference(codec.HEX_RUN_MARK, data, lo, hi)
        assert codec.dec_marked(data, lo, hi) == _reference(codec.DEC_ARRAY_MARK, data, lo, hi)


@pytest.mark.parametrize('text, hexed, dec', [
    (b'x = "74677";', False, False),
    (b'74677076315f', False, False),  # six bytes: one short
    (b'74677076315f76', True, False),  # seven bytes, fourteen digits: the shortest
    (b'k 74 67 70 5f 76 31 5f', True, False),
    (b'\\x74\\x67\\x70\\x5f\\x76\\x31\\x5f', True, False),
    (b'{(byte) 0x74, (byte) 0x67, (byte) 0x70, (byte) 0x5f, (byte) 0x76, (byte) 0x31, (byte) 0x5f}', True, False),
    (b'74:67:70:5f:76:31:5f', True, False),
    (b'{0X74, 0X67, 0X70, 0X5F, 0X76, 0X31, 0X5F}', True, False),  # the upper-case lead
    (b'(byte)0X74,(byte)0X67,(byte)0X70,(byte)0X5f,(byte)0X76,(byte)0X31,(byte)0X5f', True, False),
    (b'74 67 70 5f\n76 31 5f', True, False),  # bytes wrapped over lines
    (b'116, 103, 112, 95, 118, 49, 95', False, False),  # the seventh needs its comma
    (b'116, 103, 112, 95, 118, 49, 95,', False, True),
    (b'116,103,112,95,118,49,95,', False, True),
    (b'11,22,33,44,55,66,77,', True, True),  # hex pairs too: both marks
    (b'1,2,3,4,5,6,7,', False, True),  # fourteen bytes: the shortest
    (b'116,\n    103,\n    112,\n    95,\r\n    118,\n    49,\n    95,', False, True),  # one a line (black)
    (b'0x74,\n    0x67,\n    0x70,\n    0x5f,\r\n    0x76,\n    0x31,\n    0x5f,', True, False),
    (b'0x74,\t0x67,\t0x70,\t0x5f,\t0x76,\t0x31,\t0x5f', True, False),
    (b'1,2,3,4,5,6,7', False, False),
    (b'116, 103, 112, 95, 118, 49', False, False),  # six numbers
    (b'a' * 13 + b'g' + b'b' * 13, False, False),
    (b'deadbeefcafe01', True, False),
])
def test_edges(text, hexed, dec):
    for pad in (b'', b'together ', b'zz\n'):
        data = pad + text + pad[::-1]
        assert codec.hex_marked(data, 0, len(data)) is hexed
        assert codec.dec_marked(data, 0, len(data)) is dec
        assert _reference(codec.HEX_RUN_MARK, data, 0, len(data)) is hexed
        assert _reference(codec.DEC_ARRAY_MARK, data, 0, len(data)) is dec


def test_the_window_bounds_cut_a_stretch_as_they_cut_the_mark():
    data = b'name: ' + b'74 67 70 5f 76 31 5f' + b' end'
    start = data.index(b'74')
    end = start + len(b'74 67 70 5f 76 31 5f')
    for lo in range(0, end + 1):
        for hi in range(lo, len(data) + 1):
            assert codec.hex_marked(data, lo, hi) == _reference(codec.HEX_RUN_MARK, data, lo, hi), (lo, hi)


def test_random_text_of_the_marks_bytes():
    rng = random.Random(17)
    alphabet = b'0123456789abcdefABCDEF ,:\\xX()byt\ng;'
    for _ in range(2000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        lo = rng.randrange(0, len(data) + 1)
        hi = rng.randrange(lo, len(data) + 2)
        assert codec.hex_marked(data, lo, hi) == _reference(codec.HEX_RUN_MARK, data, lo, hi)
        assert codec.dec_marked(data, lo, hi) == _reference(codec.DEC_ARRAY_MARK, data, lo, hi)


def _hex_mark_match(rng: random.Random) -> bytes:
    """A string ``HEX_RUN_MARK`` matches, drawn from its grammar: each of
    seven bytes behind any of its leads (``\\x``, ``0x``, ``0X``,
    ``(byte)``, ``(byte) ``), in either case, then up to two separators."""
    out = []
    for _ in range(7):
        lead = rng.choice([b'', b'\\x', b'0x', b'0X', b'(byte)0x', b'(byte) 0X', b'(byte)0X', b'(byte) 0x'])
        pair = bytes(rng.choice(b'0123456789abcdefABCDEF') for _ in range(2))
        sep = bytes(rng.choice(b' ,:') for _ in range(rng.randrange(3)))
        out.append(lead + pair + sep)
    return b''.join(out)


def _dec_mark_match(rng: random.Random) -> bytes:
    return b''.join(
        str(rng.randrange(10 ** rng.randrange(1, 4))).encode() + b',' + rng.choice([b'', b' ']) for _ in range(7)
    )


def test_every_match_the_marks_grammar_allows_is_in_a_room():
    """The rooms must hold every byte a mark can match: a lead left out of
    ``_HEX_MARK_ROOM`` (``0X``'s ``X``, a blank after ``(byte)``) would cut
    every such array into stretches too short and miss its key."""
    rng = random.Random(1702)
    pads = [b'', b'k = {', b'together\n', b'zz;', b'\t']
    for _ in range(3000):
        for make, marked, mark in (
            (_hex_mark_match, codec.hex_marked, codec.HEX_RUN_MARK),
            (_dec_mark_match, codec.dec_marked, codec.DEC_ARRAY_MARK),
        ):
            body = make(rng)
            data = rng.choice(pads) + body + rng.choice(pads)
            assert mark.search(data) is not None
            assert marked(data, 0, len(data)), data



def _parser():
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as p  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        import sre_constants as c
        import sre_parse as p
    return c, p


def _bytes_of(pattern: bytes) -> set[int]:
    """Every byte a match of ``pattern`` can hold, read from its parse
    (literals, classes and ranges; no negated class, no wildcard)."""
    c, p = _parser()
    out: set[int] = set()

    def walk(items) -> None:
        for op, av in items:
            if op is c.LITERAL:
                out.add(av)
            elif op is c.IN:
                out.update(_class_bytes(c, av))  # (a negated class or another category raises)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                walk(av[2])
            elif op is c.SUBPATTERN:
                walk(av[-1])
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            else:  # a wildcard, an anchor or a look-around: _marked's reasoning no longer holds
                raise AssertionError(op)

    walk(p.parse(pattern))
    return out


def _first_bytes(pattern: bytes) -> set[int]:
    """Every byte a match of ``pattern`` can start with (read from its
    parse as ``_bytes_of`` reads it; an optional piece lets the next one's
    first bytes in)."""
    c, p = _parser()

    def seq(items) -> tuple[set[int], bool]:
        out: set[int] = set()
        for item in items:
            first, empty = one(*item)
            out |= first
            if not empty:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[int], bool]:
        if op is c.LITERAL:
            return {av}, False
        if op is c.IN:
            return _class_bytes(c, av), False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, empty = seq(av[2])
            return first, empty or av[0] == 0
        if op is c.SUBPATTERN:
            return seq(av[-1])
        if op is c.BRANCH:
            out: set[int] = set()
            empty = False
            for branch in av[1]:
                first, e = seq(branch)
                out |= first
                empty = empty or e
            return out, empty
        raise AssertionError(op)

    return seq(p.parse(pattern))[0]


def _class_bytes(c, av) -> set[int]:
    out: set[int] = set()
    for iop, iav in av:
        if iop is c.LITERAL:
            out.add(iav)
        elif iop is c.RANGE:
            out.update(range(iav[0], iav[1] + 1))
        elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
            out.update(b'0123456789')
        else:
            raise AssertionError((iop, iav))
    return out


@pytest.mark.parametrize('room, mark', [
    (codec._HEX_MARK_ROOM, codec.HEX_RUN_MARK),
    (codec._DEC_MARK_ROOM, codec.DEC_ARRAY_MARK),
])
def test_a_room_holds_every_byte_of_its_mark_and_its_shortest_match(room, mark):
    """Whatever a later change adds to a mark (a lead, a separator), its
    room must hold it, start on every byte a match can start on (a room
    is one class of first bytes, then a class repeated: the first within
    the second), and be no longer than the mark's shortest match, or
    ``_marked`` says no where the mark says yes."""
    head, _, least = room.pattern.rpartition(b'{')
    first, _, cls = head.partition(b']')
    first += b']'
    assert _bytes_of(mark.pattern) <= _bytes_of(cls)
    assert _first_bytes(mark.pattern) <= _bytes_of(first) <= _bytes_of(cls)
    assert 1 + int(least.rstrip(b',}')) <= _parser()[1].parse(mark.pattern).getwidth()[0]


def test_blank_lines_and_indentation_are_no_room(monkeypatch):
    """A stretch of blanks and line ends (code's indentation, around every
    Together name ``_hex_hits`` reads near) is not searched for a mark: no
    match starts on a blank."""
    asked = []

    class Mark:
        def __init__(self, mark):
            self.mark = mark

        def search(self, data, lo, hi):
            asked.append(data[lo:hi])
            return self.mark.search(data, lo, hi)

    monkeypatch.setattr(codec, 'HEX_RUN_MARK', Mark(codec.HEX_RUN_MARK))
    monkeypatch.setattr(codec, 'DEC_ARRAY_MARK', Mark(codec.DEC_ARRAY_MARK))
    data = b'k:\n' + b'        z = q\n\n' * 4 + b'    return {\n' + b' ' * 40 + b'\n\n    }\n'
    assert not codec.hex_marked(data, 0, len(data)) and not codec.dec_marked(data, 0, len(data))
    assert asked == []
    array = b'k = [\n        116, 103, 112, 95, 118, 49, 95,\n]'
    assert codec.dec_marked(array, 0, len(array)) and asked[-1].startswith(b'116')
