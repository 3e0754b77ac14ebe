"""``Keywords.where`` gives exactly the offsets a ``find`` loop per needle
gives, by every route (plain loops, grouped searches, hyperscan), and the
engine finds the same keys whichever route located its keywords."""
from __future__ import annotations

import base64
import bisect
import functools
import random

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import RULES

SCREEN = keyword_screen(RULES)
NEEDLES = SCREEN.needles
# Needles, their halves and overlapping pairs: needles that share bytes
# with each other (two can end on one anchor byte), near misses.
PIECES = sorted(
    set(NEEDLES)
    | {n[:len(n) // 2] for n in NEEDLES} | {n[len(n) // 2:] for n in NEEDLES}
    | {a + b[len(a) // 2:] for a in NEEDLES for b in NEEDLES if a[-2:] == b[:2]}
    | {n.swapcase() for n in NEEDLES}
    | {b'\0', b'\n', b'x', b'_', b'T', b'g', b'D', b'tgp_v1_tgp_v1_', b'\\n', b'\\u003d'},
)
# Pieces far apart: the test joins them by ``GAP`` (``joined_find``).
GAP = b'x' * 1500
inputs = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(b''.join),
    st.lists(st.sampled_from(PIECES), min_size=40, max_size=200).map(tuple),
)


# A container's base64 magic counts only where a base64 value starts: the
# byte before it is none of a value's (``prefilter._at_value_starts``).
VALUE_BYTES = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-'  # pragma: allowlist secret
# Or right after an escape that stands for none of them (a line break, a
# tab, Gson's ``=``).
ESCAPES = (b'\\n', b'\\r', b'\\t', b'\\u003d', b'\\u003D')


# Or right after a byte that glues a value to a name or a path (``v2-``,
# ``SNAPSHOT_``, ``/state/``), where the magic is four characters or more.
GLUE = b'-_/'


def _long_magic_at(data: bytes, at: int) -> bool:
    return any(len(m) >= 4 and data.startswith(m, at) for m in prefilter.B64_MAGIC)


def by_find(
        data: bytes, needles: tuple[bytes, ...] = NEEDLES, starts: bool = False,
) -> dict[bytes, list[int]]:
    """Every offset of every needle (a route's answer); ``starts``: a
    magic's only where a value starts (``Keywords.where``'s)."""
    found = {}
    for needle in needles:
        offsets = []
        at = data.find(needle)
        while at != -1:
            offsets.append(at)
            at = data.find(needle, at + 1)
        if offsets:
            found[needle] = offsets
    return value_starts(data, found) if starts else found


_REACH = max(map(len, NEEDLES)) - 1  # bytes a needle reaches past the one it starts or ends in


@functools.lru_cache(maxsize=None)
def _piece_find(piece: bytes, first: bool, last: bool) -> tuple[tuple[bytes, tuple[int, ...]], ...]:
    """The needles that overlap ``piece`` in ``GAP.join(pieces)``, at
    offsets from the piece's start: by ``by_find`` over the piece and the
    ``_REACH`` bytes of ``GAP`` each side (none before the first piece,
    none after the last)."""
    left = b'' if first else GAP[:_REACH]
    right = b'' if last else GAP[:_REACH]
    return tuple(
        (needle, kept) for needle, offsets in by_find(left + piece + right).items()
        if (kept := tuple(
            at - len(left) for at in offsets if at < len(left) + len(piece) and at + len(needle) > len(left)
        ))
    )


def joined_find(pieces: tuple[bytes, ...]) -> dict[bytes, list[int]]:
    """``by_find(GAP.join(pieces))``, a piece at a time: no needle lies
    within ``GAP`` alone, and none reaches across it from one piece to the
    next, so each occurrence overlaps one piece and lies within it and the
    ``_REACH`` bytes each side (``by_find`` over the whole joined bytes,
    up to 300 KB, each needle a ``find`` loop, was the most of this
    file's property)."""
    found: dict[bytes, list[int]] = {}
    at = 0
    for i, piece in enumerate(pieces):
        for needle, offsets in _piece_find(piece, i == 0, i == len(pieces) - 1):
            found.setdefault(needle, []).extend(at + o for o in offsets)
        at += len(piece) + len(GAP)
    return found


def value_starts(data: bytes, found: dict[bytes, list[int]]) -> dict[bytes, list[int]]:
    """``found`` (``by_find(data)``) with a magic's offsets kept only where
    a value starts: ``by_find(data, starts=True)`` without the loops again."""
    out = {}
    for needle, offsets in found.items():
        if needle in prefilter.B64_MAGIC:
            offsets = [
                at for at in offsets
                if at == 0 or data[at - 1] not in VALUE_BYTES or any(
                    data.endswith(e, 0, at) for e in ESCAPES  # (``data[:at]`` copied: quadratic)
                ) or data[at - 1] in GLUE and _long_magic_at(data, at)
            ]
        if offsets:
            out[needle] = offsets
    return out


def as_dict(where: prefilter.Where) -> dict[bytes, list[int]]:
    """Every offset of every needle, by ``offsets``; ``next_at`` and
    ``in`` agree with them."""
    found = {n: where.offsets(n) for n in NEEDLES if n in where}
    for needle in NEEDLES:
        offsets = found.get(needle, [])
        assert bool(offsets) is (needle in where)
        ordered = sorted(offsets)  # the first offset at or after each start, by bisection:
        for start in {0, 1, *offsets, *(o + 1 for o in offsets)}:  # a list scan was quadratic
            later = bisect.bisect_left(ordered, start)
            assert where.next_at(needle, start) == (ordered[later] if later < len(ordered) else -1)
    assert bool(where) is bool(found)
    return found


@functools.lru_cache(maxsize=None)
def routes() -> tuple[object, ...]:
    """Each route, built once as ``Keywords`` builds it once (a hyperscan
    database compiled, the grouped searches set up: 0.1 CPU-s a call)."""
    out = [SCREEN._where_plain, SCREEN._where_grouped()]
    fast = prefilter.hyperscan_where(NEEDLES)
    if fast is not None:
        out.append(fast)
    return tuple(out)


# 300 draws, counted by what they catch (docs/testing.md, "Session 37
# (suite37)"): of 13 plausible bugs of the routes, 8 are caught, the last
# at the 152nd draw (grouped searches dropping the needles that hold a
# shorter one; a grouped search from the byte after the anchor at the
# 86th, the rows' two at the 86th and 7th); the other 5 survived 500
# draws too (of 500, the same 8 caught, the last at the 155th).
@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(inputs)
@example(b'-/Td6WFoAAA')  # an xz magic glued by '-': the reference dropped it, the screen kept it
def test_every_route_gives_the_offsets_of_a_find_loop(data):
    if isinstance(data, tuple):
        expected, data = joined_find(data), GAP.join(data)
    else:
        expected = by_find(data)
    for where in routes():
        assert as_dict(where(data)) == expected
    assert as_dict(SCREEN.where(data)) == value_starts(data, expected)
    assert bool(expected) is SCREEN.plain(data)


def test_joined_find_is_a_find_loop_over_the_joined_pieces():
    assert not any(n in GAP for n in NEEDLES) and _REACH < len(GAP)
    rng = random.Random('joined')
    for size in (1, 2, 3, 40, 200):
        pieces = tuple(rng.choice(PIECES) for _ in range(size))
        assert joined_find(pieces) == by_find(GAP.join(pieces))
    # Needles that end or start on ``GAP``'s byte, at either end.
    edges = tuple(n for n in PIECES if n.startswith(b'x') or n.endswith(b'x'))
    assert edges
    assert joined_find(edges) == by_find(GAP.join(edges))
    assert joined_find(edges[::-1] + (b'0', b'eJ')) == by_find(GAP.join(edges[::-1] + (b'0', b'eJ')))


def test_overlapping_needles_are_all_located():
    # 'tgp_v1_' twice in a row, a needle inside a longer one, two forms
    # sharing their anchor byte.
    data = b'tgp_v1_tgp_v1_ dGdwX3YxX T0dFVEhFUPR0VUSEVS ' * 600
    expected = by_find(data)
    assert expected[b'dGdwX3Yx'] == expected[b'dGdwX3YxX']
    for where in routes():
        assert as_dict(where(data)) == expected


def test_hyperscan_route_when_installed():
    pytest.importorskip('hyperscan')
    assert prefilter.hyperscan_where(NEEDLES) is not None


def test_large_inputs_switch_routes_with_the_same_answer(monkeypatch):
    # Without hyperscan: plain loops, then the grouped searches (with it, the
    # one pass where they would be compiled: the test below).
    monkeypatch.setattr(prefilter, '_hyperscan_installed', lambda: False)
    keywords = prefilter.Keywords(NEEDLES)
    monkeypatch.setattr(prefilter, 'GROUPED_MIN_BYTES', 10_000)
    monkeypatch.setattr(prefilter, 'WHERE_ONE_PASS_MIN_BYTES', 30_000)
    data = b'word ' * 2000 + b'TOGETHER_API_KEY=x tgp_v1_ b2dldGhlc' + b' word' * 2000
    answers = [keywords.where(bytes(bytearray(data))) for _ in range(8)]  # other bytes each time
    assert all(as_dict(a) == by_find(data, starts=True) for a in answers)
    assert keywords._grouped_where is not None and keywords._where is not None


@pytest.mark.parametrize('asked', ('where', 'screen'))
def test_an_unprepared_screen_sets_hyperscan_up_where_it_would_compile_the_grouped_searches(monkeypatch, asked):
    """A run of one process (a tree under 256 files, a history under
    16 MiB of blobs: no ``prepare``) that has screened ``GROUPED_MIN_BYTES``
    takes hyperscan's one pass, where installed, instead of compiling the
    grouped searches: set up from the database a run keeps it costs less
    than compiling them, and reads each byte faster (docs/performance.md,
    "Issue 17, session 30").  Asked by ``where`` or by the bare screen,
    the answers stay the plain route's, and the grouped searches are
    never compiled.  (They were, and hyperscan came only at 16 MiB.)"""
    if not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None:
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    monkeypatch.setattr(prefilter, 'GROUPED_MIN_BYTES', 10_000)
    keywords = prefilter.Keywords(NEEDLES)
    data = b'word ' * 2000 + b'TOGETHER_API_KEY=x tgp_v1_ b2dldGhlc' + b' word' * 2000
    clean = b'no keyword here ' * 700
    for i in range(6):  # other bytes each time, past the threshold from the third
        sample = bytes(bytearray(data if i % 2 else clean))
        if asked == 'where':
            assert as_dict(keywords.where(sample)) == by_find(sample, starts=True)
        else:
            assert keywords(sample) is (i % 2 == 1) is keywords.plain(sample)
    assert keywords.one_pass
    assert keywords._grouped is None and keywords._grouped_where is None
    assert as_dict(keywords.where(bytes(bytearray(data)))) == by_find(data, starts=True)
    assert keywords(bytes(bytearray(clean))) is False and keywords._grouped is None


def _documents(seed: int) -> bytes:
    rng = random.Random(seed)
    parts = [f'TOGETHER_API_KEY={make_key(rng)}\n']
    for _ in range(rng.randrange(1, 12)):
        key, hexed = make_key(rng), make_hex(rng)
        parts.append(rng.choice((
            f'TOGETHER_API_KEY={key}\n', f'together_api_key = "{hexed}"\n',
            f'x = "{key[:20]}" + "{key[20:]}"\n', f'"TOGETHER_API_KEY": "\\u0074{key[1:]}"\n',
            'data:\n  env: ' + base64.b64encode(f'TOGETHER_API_KEY={hexed}\n'.encode()).decode() + '\n',
            f'curl https://api.together.xyz/v1 -H "Authorization: Bearer {hexed}"\n',
            'together ' * rng.randrange(1, 50), 'x' * rng.randrange(0, 3000) + '\n',
        )))
    rng.shuffle(parts)
    return ''.join(parts).encode()


@pytest.mark.parametrize('seed', range(40))
def test_the_engine_finds_the_same_by_every_route(monkeypatch, seed):
    data = _documents(seed)
    found = []
    for where in routes():
        monkeypatch.setattr(prefilter.Keywords, 'where', lambda self, d, w=where: w(d))
        found.append(sorted(
            (f.line, f.column, f.rule, f.secret, f.encoding) for f in scan_bytes(data, 'f.env')
        ))
    assert found[0] and all(f == found[0] for f in found)


def test_dense_needles_are_left_to_the_find_loops_with_the_same_answer():
    data = b'tgp_v1_' * 20_000 + b' TOGETHER ' + b'b2dldGhlc' * 3000
    expected = by_find(data)
    for where in routes()[1:]:
        found = where(data)
        assert found._found[b'tgp_v1_'] is None  # left to find, offsets not looked for yet
        assert as_dict(found) == expected


def test_a_wheres_marks_asked_at_once_answer_as_one_in_each():
    """``Where.any_of`` and ``Where.present`` (the engine asks tens of
    marks of each file holding a keyword: base64 magics, uuencode's and
    the numeric prefixes' marks, a rule's base64 forms and escape marks)
    give what one ``in`` a needle gives, in the needles' order, on the
    screen's own answers over generated bytes and on ``_NOWHERE``."""
    from together_hooks.detect.engine import B64_MAGIC
    from together_hooks.detect.engine import DEC_PREFIX
    from together_hooks.detect.engine import UU_BEGIN

    screen = keyword_screen(RULES)
    needles = list(screen.needles)
    rng = random.Random('where-any-of')
    asked = [tuple(B64_MAGIC), tuple(UU_BEGIN), tuple(DEC_PREFIX), tuple(needles), (), (b'not a needle',)]
    wheres = [prefilter._NOWHERE]
    for _ in range(300):
        parts = [rng.choice(needles) if rng.random() < 0.3 else bytes(rng.choices(range(32, 127), k=rng.randrange(9)))
                 for _ in range(rng.randrange(1, 12))]
        wheres.append(screen.where(b' '.join(parts)))
    held = 0
    for where in wheres:
        for _ in range(4):
            asked.append(tuple(rng.sample(needles, rng.randrange(1, 12))))
        for marks in asked:
            assert where.any_of(marks) is any(m in where for m in marks), (where.data, marks)
            assert where.present(marks) == [m for m in marks if m in where], (where.data, marks)
            held += bool(where.present(marks))
    assert held > 100  # the cases hold some marks, not only none
