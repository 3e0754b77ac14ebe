"""The screen's plain route (``Keywords.plain``: a hook's files,
``--staged``, each source's first bytes) looks for a keyword only where
its rarest upper-case letter is, or where its group's shared start is
(``prefilter._plain_routes``), and tries the keywords there.  It flags
exactly what one ``in`` a keyword flags: on random bytes, on bytes dense
with the leads and the keywords, with the leads sparse, dense and as
measured (every rule sample and every case of ``tests/accuracy``, among
other bytes: ``screen_sparse_test.holds_to_find``, which asks it too);
and it asks the bytes fewer passes than one ``in`` a keyword did
(``screen_plain_work_test.py``)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.detect.screen_sparse_test import PIECES as SPARSE_PIECES
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.screen_needles import NEEDLES as FIRST_STAGE_NEEDLES
from together_hooks.detect.screen_needles import KEYWORDS as FIRST_STAGE_KEYWORDS
from together_hooks.detect.screen_needles import PLAIN_ROUTES as FIRST_STAGE_ROUTES
from together_hooks.rules import RULES

NEEDLES = keyword_screen(RULES).needles
SCREEN = prefilter.Keywords(NEEDLES)
LEADS = [lead for lead, _needles in prefilter._plain_routes(SCREEN.keywords)]
PIECES = sorted(
    set(SPARSE_PIECES)
    | {lead * k for lead in LEADS for k in (1, 2, 15, 16, 17, 40)}
    | {lead + b'x' * 600 for lead in LEADS},
)
inputs = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(b''.join),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.binary(max_size=40)), max_size=80,
    ).map(b''.join),
)


def holds_to_in(screen: prefilter.Keywords, data: bytes) -> None:
    """``plain`` with the leads always sparse, always dense and as
    measured, against one ``in`` a keyword."""
    expected = any(keyword in data for keyword in screen.keywords)
    saved = prefilter.SPARSE
    try:
        for sparse in (saved, 1, 1 << 40):
            prefilter.SPARSE = sparse
            assert screen.plain(data) is expected, (sparse, data[:80])
    finally:
        prefilter.SPARSE = saved


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(inputs)
def test_plain_flags_exactly_what_one_in_a_keyword_flags(data):
    holds_to_in(SCREEN, data)


def test_each_keyword_anywhere_among_its_dense_lead():
    """A keyword after many occurrences of its lead (handed to ``in``
    after 16 tries) and after few, at the start, at the end, alone."""
    for lead, needles in prefilter._plain_routes(SCREEN.keywords):
        for keyword, _back in needles:
            for data in (
                    keyword, b'x' + keyword, keyword + b'x',
                    (b'x' + lead) * 100 + keyword,
                    (b'x' * 2 * prefilter.SPARSE + lead) * 40 + keyword,
                    lead * 50 + keyword + lead * 50,
            ):
                assert SCREEN.plain(data), (lead, keyword)
                holds_to_in(SCREEN, data)
                holds_to_in(SCREEN, data.replace(keyword, keyword[:-1] + b'\0'))


def test_the_first_stage_screen_is_the_same():
    """The first stage's generated needles go the same way, by the routes
    generated with them (``screen_needles``) as by routes made afresh."""
    first = prefilter.Keywords(FIRST_STAGE_NEEDLES, (FIRST_STAGE_KEYWORDS, FIRST_STAGE_ROUTES))
    assert first.keywords == prefilter.Keywords(FIRST_STAGE_NEEDLES).keywords
    for data in SPARSE_PIECES + PIECES:
        holds_to_in(first, data)


@pytest.mark.parametrize('keywords', [
    [b''], [b'a'], [b'A'], [b'ab', b'ac', b'abd'], [b'Ab', b'aB', b'AB', b'ab'],
    [b'begin 0', b'begin 4', b'be'], [b'\xff\xfe', b'\xffA', b'Z\0'],
])
def test_odd_keyword_sets(keywords):
    screen = prefilter.Keywords(keywords)
    for data in (b'', b'a', b'A', b'ab', b'aB', b'abd', b'x' * 40 + b'AB', b'\xff\xfeA',
                 b'begin', b'begin 0', b'Z', b'Z\0', b'be' * 40, b'A' * 100 + b'b'):
        holds_to_in(screen, data)
