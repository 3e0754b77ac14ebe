"""The keyword screen finds a rare anchor's occurrences by ``find``
(``memchr``) and tries its group's pattern at each, and leaves the rest of
the bytes to ``re``'s search once the anchor turns out dense
(``prefilter._sparse_hit``, ``SPARSE``).  By either route, and switching
mid-way, it flags exactly what one ``in`` per needle flags and places every
needle where a ``find`` loop does: on random bytes, on bytes dense with the
anchors and the needles, on every rule sample and on every case of
``tests/accuracy``; and every one of those the engine finds a key in is
flagged.  The plain route (``Keywords.plain``, without ``re``) is held to
the same answer on each."""
from __future__ import annotations

import base64
import functools
import random
import string

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.detect.accuracy_built import built
from tests.detect.where_test import by_find
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import RULES

NEEDLES = keyword_screen(RULES).needles
SCREEN = prefilter.Keywords(NEEDLES)
SCREEN.prepare()  # the grouped searches from the first byte
ANY = SCREEN.grouped()
WHERE = SCREEN._where_grouped()
ANCHORS = sorted(prefilter._anchors(SCREEN.keywords))
RARE = [a for a in ANCHORS if a in prefilter._UPPER]


def holds_to_find(
        data: bytes, expected: dict[bytes, list[int]] | None = None, measured_only: bool = False,
) -> None:
    """Both routes of the screen, with the anchors always sparse, always
    dense and as measured (``measured_only``: as measured), against one
    ``in`` and a ``find`` loop per needle (``expected``: that loop's
    answer, when the caller has it)."""
    if expected is None:
        expected = by_find(data)
    saved = prefilter.SPARSE
    try:
        for sparse in (saved,) if measured_only else (saved, 1, 1 << 40):
            prefilter.SPARSE = sparse
            assert ANY(data) is bool(expected)
            assert SCREEN.plain(data) is bool(expected)  # the plain route's leads too
            where = WHERE(data)
            assert {n: where.offsets(n) for n in NEEDLES if n in where} == expected
    finally:
        prefilter.SPARSE = saved


# Base64 text is as dense in upper-case letters as text gets.
_B64 = base64.b64encode(random.Random('screen-sparse').randbytes(3000))
PIECES = sorted(
    set(NEEDLES)
    | {n[:-1] for n in NEEDLES} | {n[1:] for n in NEEDLES} | {n.swapcase() for n in NEEDLES}
    | {a * k for a in ANCHORS for k in (1, 2, 15, 16, 17, 40)}
    | {_B64[i:i + 600] for i in range(0, len(_B64), 600)}
    | {b'\0', b'\n', b'x' * 700, b'x' * 9000},
)
inputs = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(b''.join),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.binary(max_size=40)), max_size=80,
    ).map(b''.join),
)


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(inputs)
def test_both_routes_flag_and_place_exactly_what_find_does(data):
    holds_to_find(data)


@pytest.mark.parametrize('anchor', RARE)
def test_a_dense_anchor_is_left_to_search(anchor):
    group = prefilter._anchors(SCREEN.keywords)[anchor]
    pattern = prefilter._group_search(anchor, group)
    needle = group[0]  # the first keyword holding the anchor may be in another group
    # Sparse: every anchor tried, the needle found where it is.
    sparse = (b'x' * 2 * prefilter.SPARSE + anchor) * 40 + needle
    assert prefilter._sparse_hit(sparse, anchor, pattern, sparse.find(anchor)) == (
        len(sparse) - len(needle) + needle.index(anchor), True,
    )
    # Dense: handed over after 16 tries, from the byte after the last tried.
    dense = (b'x' + anchor) * 100 + needle
    assert prefilter._sparse_hit(dense, anchor, pattern, 1) == (32, False)
    assert pattern.search(dense, 32).start() == len(dense) - len(needle) + needle.index(anchor)
    holds_to_find(dense)
    holds_to_find(sparse)


@pytest.fixture(scope='module')
def texts(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[str, bytes, bool], ...]:
    """Every rule sample and accuracy case (built once a run:
    ``accuracy_built``), and whether it holds a key: a case that expects
    keys (a sample is its template, ``{key}`` unfilled)."""
    return tuple([
        (f'{rule.id} sample', sample.encode(), False)
        for rule in RULES for sample in (*rule.true_positives, *rule.false_positives)
    ] + [(case.id, case.data, bool(case.keys)) for case in built(tmp_path_factory)])


# Every upper-case letter 17 times: each rare anchor is tried 16 times
# before its density is measured (``tried & 15``: ``_sparse_hit``,
# ``Keywords.plain``), so a measured route hands a dense one over to
# ``re``'s search (or to ``in``) within these bytes, before the text's.
DENSE = string.ascii_letters.encode() * 17


def test_the_dense_bytes_hand_every_rare_anchor_over_within_them():
    for anchor in RARE:
        pattern = prefilter._group_search(anchor, prefilter._anchors(SCREEN.keywords)[anchor])
        at, sparse = prefilter._sparse_hit(DENSE, anchor, pattern, DENSE.find(anchor))
        assert not sparse and at < len(DENSE), anchor


# Far from any other bytes: a text's anchors sparse whatever they are.
FAR = b'x' * 20_000
_REACH = max(map(len, NEEDLES)) - 1  # bytes a needle reaches past the one it starts or ends in


@functools.lru_cache(maxsize=None)
def _found_in(around: bytes) -> dict[bytes, list[int]]:
    return by_find(around)


def around_find(
        around: bytes, data: bytes, inside: dict[bytes, list[int]] | None = None,
) -> dict[bytes, list[int]]:
    """``by_find(around + data + around)``, by the same ``find`` loop:
    over ``around`` once (cached), ``data``'s own (``inside``:
    ``by_find(data)``, when the caller has it), and the needles across an
    edge: one that starts in the first copy of ``around`` and reaches past
    it lies within its last ``_REACH`` bytes and the ``_REACH`` after;
    one that ends in the second copy, within ``data``'s last ``_REACH``
    bytes and that copy's first ``_REACH`` (a ``find`` over the 20 KB of
    ``FAR`` on each side was two thirds of this file's oracle, and
    ``data`` read again for each ``around`` the most of what was left)."""
    if inside is None:
        inside = by_find(data)
    head = around[max(0, len(around) - _REACH):]
    tail = around[:_REACH]
    second = len(around) + len(data)
    found: dict[bytes, set[int]] = {}
    for needle, offsets in _found_in(around).items():
        found.setdefault(needle, set()).update(offsets, (at + second for at in offsets))
    for needle, offsets in inside.items():
        found.setdefault(needle, set()).update(at + len(around) for at in offsets)
    shift = len(around) - len(head)
    for needle, offsets in by_find(head + (data + tail)[:_REACH]).items():
        found.setdefault(needle, set()).update(at + shift for at in offsets if at < len(head))
    end = data[max(0, len(data) - _REACH):]
    shift = second - len(end)
    for needle, offsets in by_find(end + tail).items():
        found.setdefault(needle, set()).update(
            at + shift for at in offsets if at + len(needle) > len(end)
        )
    return {needle: sorted(offsets) for needle, offsets in found.items()}


def test_around_find_is_a_find_loop_over_the_whole(texts):
    for data in (b'', *NEEDLES[::8], *(data for _name, data, _keyed in texts[::97])):
        for around in (DENSE, FAR, b'tgp_v1_' + DENSE + b'TOGETHER'):  # the last holds needles
            assert around_find(around, data) == by_find(around + data + around), data[:80]


# The texts in this many chunks (every CHUNKS-th text, so each chunk holds
# its share of samples, cases and of the few large cases): the workers of
# ``-n 2`` share them.
CHUNKS = 8


@pytest.mark.parametrize('chunk', range(CHUNKS))
def test_every_rule_sample_and_accuracy_case(chunk, texts):
    assert len(texts) > 600
    blob_test = SCREEN.blob_test(0)
    keyed_flagged = 0
    for name, data, keyed in texts[chunk::CHUNKS]:
        # Alone, with the anchors always sparse, always dense and as
        # measured; and among other bytes (the anchors dense before the
        # text, then sparse however dense they are in it), as measured.
        # Each route (a lead of ``plain``, an anchor of the grouped
        # searches) decides on its own occurrences only, and among those
        # bytes the other two settings take the paths they take alone:
        # always sparse is the same ``find`` loop (``FAR`` and ``DENSE``
        # only push ``plain``'s first density test later, as measured
        # does), always dense hands a lead absent from ``DENSE`` over
        # after 16 tries as alone, and one in ``DENSE`` within it as
        # measured does (17 of each letter in 884 bytes).
        inside = by_find(data)
        holds_to_find(data, inside)
        for around in (DENSE, FAR):
            holds_to_find(around + data + around, around_find(around, data, inside), measured_only=True)
        # Whatever the engine finds a key in is flagged: the engine is
        # asked only of a text the screen passes over, and must find
        # nothing there (a flagged text passes either way; the engine's
        # whole scan of every text was a third of this test's CPU).
        if blob_test(data):
            keyed_flagged += keyed
        else:
            assert not scan_bytes(data, name), name
    # Over 400 of all the texts hold keys and are flagged, each chunk its
    # share (3,863 of the 3,888 cases that expect keys; in the other 25's
    # bytes, scanned alone under their case's id, the engine finds none).
    assert keyed_flagged > 400 // CHUNKS
