"""``widetext.holds_wide`` searches for the keywords' wide forms between
runs of NULs only (a form never holds four NULs in a row): it must answer
as a search of the whole bytes does, wherever the runs and the forms sit,
and must not search a hole or a bomb's zeros byte by byte."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.widetext import _NULS
from together_hooks.detect.widetext import holds_wide
from together_hooks.detect.widetext import wide_forms
from together_hooks.rules import RULES

FORMS = wide_forms(k for rule in RULES for k in rule.keywords)


class _Counted(bytes):
    """Bytes that count how many bytes ``find`` was asked to search for a
    form (a search for the NUL run itself is not counted)."""

    searched = 0

    def find(self, sub, start=0, end=None):  # type: ignore[override]
        if sub != _NULS:
            stop = len(self) if end is None else min(end, len(self))
            type(self).searched += max(0, stop - start)
        return super().find(sub, start, end)


def _piece(rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:  # a run of NULs about the skipped size
        return bytes(rng.choice((1, 3, 4, len(_NULS) - 1, len(_NULS), len(_NULS) + 1, 3 * len(_NULS) + 5)))
    if kind == 1:
        return rng.choice(FORMS)
    if kind == 2:  # a form cut short, or with a NUL more in it
        form = rng.choice(FORMS)
        cut = rng.randrange(1, len(form))
        return form[:cut] if rng.random() < 0.5 else form[:cut] + b'\0' + form[cut:]
    if kind == 3:
        return rng.randbytes(rng.randrange(1, 40))
    if kind == 4:
        return b'\0' * rng.randrange(1, 8) + rng.choice(FORMS)[: rng.randrange(2, 6)]
    return bytes(rng.randrange(0, 3) for _ in range(rng.randrange(1, 600)))


def test_holds_wide_answers_as_a_search_of_the_whole_bytes() -> None:
    rng = random.Random('nul-runs')
    held = 0
    for _ in range(4000):
        data = b''.join(_piece(rng) for _ in range(rng.randrange(1, 12)))
        expected = any(form in data for form in FORMS)
        assert holds_wide(data, FORMS) is expected, data
        held += expected
    assert 1000 < held < 3000, held  # both answers are asked often


def test_a_form_beside_a_long_nul_run_is_found_and_the_run_is_not_searched() -> None:
    rng = random.Random('hole')
    key = make_key(rng)
    wide = f'TOGETHER_API_KEY={key}'.encode('utf-16-le')
    hole = 8 << 20
    for data, found in (
            (bytes(hole), False),
            (bytes(hole) + wide, True),
            (wide + bytes(hole), True),
            (bytes(hole >> 1) + b'\1' + wide + b'\1' + bytes(hole >> 1), True),
            (bytes(hole >> 1) + 'TOGETHE'.encode('utf-16-le') + bytes(hole >> 1), False),
    ):
        _Counted.searched = 0
        assert holds_wide(_Counted(data), FORMS) is found
        # Each form is searched for over what lies between the runs (and
        # the short tail of a run), not over the 8 MB of NULs.
        assert _Counted.searched < len(FORMS) * (len(wide) + 4 * len(_NULS)), _Counted.searched
    assert [f.secret for f in scan_bytes(bytes(1 << 20) + wide + bytes(1 << 20), 'disk.img')] == [key]


def test_every_form_keeps_the_skips_premise():
    """The skip is sound only for forms that start and end with a non-NUL
    byte and hold no run of four NULs (so none reaches into a run of
    ``_NULS``): a keyword holding a NUL, or an empty one, would be missed
    beside a hole.  Every rule's keywords, as ``engine._holds_wide`` forms
    them."""
    assert FORMS
    for form in FORMS:
        assert form[:1] not in (b'', b'\0') and form[-1:] != b'\0', form
        assert b'\0' * 4 not in form and len(form) < len(_NULS), form


def _one_pass_usable() -> bool:
    from together_hooks.detect import prefilter

    return prefilter._hyperscan_installed() and prefilter.hyperscan_where((b'ab',)) is not None


def test_hyperscans_test_of_needles_holding_a_nul_reads_the_whole_needle() -> None:
    """hyperscan reads an expression as a C string: a NUL byte left as it
    is (``re.escape`` leaves it) ended the expression, so a wide form's
    test matched its first letter alone."""
    if not _one_pass_usable():
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    from together_hooks.detect.prefilter import hyperscan_routes

    routes = hyperscan_routes((b'a\0b', b'\0\0c\0'))
    assert routes is not None
    present = routes[1]
    for data, found in ((b'xa', False), (b'xa\0', False), (b'a\0b', True), (b'\0\0c', False), (b'x\0\0c\0y', True)):
        assert present(data) is found, data


def test_a_one_pass_screens_wide_test_reads_the_bytes_once_and_answers_as_the_search(monkeypatch) -> None:
    """Once the screen reads by hyperscan's one pass (a forked tree scan,
    ``engine.prepare``), a binary's wide forms are asked by one pass of
    their own, not by a ``find`` for each of the ten forms; its answers
    are ``holds_wide``'s."""
    if not _one_pass_usable():
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    from together_hooks.detect import engine

    monkeypatch.setattr(engine, '_SCREENS', {})  # a fresh screen, its route unset
    monkeypatch.setattr(engine, '_WIDE_TESTS', {}, raising=False)
    engine.keyword_screen(RULES).prepare(lambda _n: True)
    engine.prepare(RULES)
    rng = random.Random('one-pass-wide')
    held = 0
    _Counted.searched = 0
    for _ in range(1500):
        data = b''.join(_piece(rng) for _ in range(rng.randrange(1, 12)))
        expected = holds_wide(data, FORMS)
        assert engine._holds_wide(_Counted(data), RULES) is expected, data
        held += expected
    assert 300 < held < 1200, held
    assert _Counted.searched == 0
