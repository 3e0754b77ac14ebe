"""The screen's plain route (``Keywords.plain``) asks the bytes fewer
passes than one ``in`` a keyword did: work counted, not timed
(``screen_plain_test.py`` holds it to the same answers)."""
from __future__ import annotations

from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.rules import RULES

SCREEN = prefilter.Keywords(keyword_screen(RULES).needles)


class Counted(bytes):
    """Bytes that count how many of their bytes each ``in`` and ``find``
    passes over (a ``find`` up to its match, or to the end), and how many
    ``in``, ``find`` and ``startswith`` calls were made (``calls``)."""

    passed = 0
    calls = 0

    def __contains__(self, needle: object) -> bool:
        Counted.passed += len(self)
        Counted.calls += 1
        return super().__contains__(needle)  # type: ignore[operator]

    def find(self, sub, start=0, *rest):  # type: ignore[no-untyped-def,override]
        at = super().find(sub, start, *rest)
        Counted.passed += (len(self) if at == -1 else at + len(sub)) - start
        Counted.calls += 1
        return at

    def startswith(self, prefix, start=0, *rest):  # type: ignore[no-untyped-def,override]
        Counted.calls += 1
        return super().startswith(prefix, start, *rest)


def test_clean_bytes_take_fewer_passes_than_one_in_a_keyword():
    """Work, not time: on bytes holding no keyword each ``in`` a keyword
    was a pass over all of them (48 for the rules' needles); the plain
    route asks a ``memchr`` per upper-case lead and a ``find`` per group
    of the others, 13 passes here; a lead dense in the bytes adds one
    ``in`` per keyword of its group (the next test's ``V``: 17).  At most
    half of what it was.  Session 18's encoded marks (zlib levels 1 and 9
    in base64, every character escaped, decimal lists: 92 keywords) took
    these bytes from 13 passes to 25 and the next test's from 17 to 29:
    the bound is 30, a cost kept for the keys it finds (docs/performance.md;
    issue 17's first lever)."""
    text = (b'def handler(request):\n    """Return the cached value."""\n'
            b'    return cache.get(request.path, default=None)\n') * 200
    assert not any(k in text for k in SCREEN.keywords) and len(SCREEN.keywords) >= 40
    Counted.passed = 0
    assert SCREEN.plain(Counted(text)) is False
    assert Counted.passed <= 30 * len(text)


def test_a_clean_file_asked_where_takes_the_same_few_passes():
    """``where`` (the engine's and the hook's first stage's question) of
    a file holding no keyword, below the grouped searches' threshold: the
    plain route's passes (32), not one ``in`` a needle (105).  ``V`` is
    dense here (``VALUE`` on every line): its keywords go to ``in``, one
    pass each, and the containers' base64 starts folded into its route
    (``test_forms_that_hold_another_routes_letter_add_no_pass``) took these
    bytes from 29 passes to 32, while mypy's 195 sources went from 20.0
    passes a byte to 19.4 (session 21, enc11); the prefix's hex text in
    base64 at its third alignment (``c0Njc3MDVm…``, ``V`` its rarest
    letter) one ``in`` more here: 33.1 (session 22, enc12); a legacy
    name's forms in UTF-16LE and encoded twice, two whose rarest letter
    is ``V`` (``TwBHAEUAVABIAEUAUg``, ``UMGRGVkVoRl``: no letter of theirs
    leads a route not dense here), two more: 35.1 (session 25, acc15;
    flask's screen, every route, unchanged: docs/performance.md); a
    gzip's first bytes as a byte literal (``\\x1f\\x8b\\x08``,
    ``0x1f, 0x8b, 0x08``: two routes of their own), two more: 36.1
    (session 28, enc18); a zip's base64 start of any version
    (``UEsDB``), led by ``U`` (``VALUE``: dense here), one more: 37.1
    (session 30, enc20; flask's plain screen +0.1%); two marks of mail
    encoded-words cutting the prefix (``?cF92MV``, ``?MV``: ``V`` their
    rarest letter), two more: 39.1 (session 31, probe21)."""
    text = b'import os\n\nVALUE = os.environ.get("HOME", "/")\n' * 500
    screen = prefilter.Keywords(keyword_screen(RULES).needles)
    Counted.passed = 0
    assert not screen.where(Counted(text))
    assert Counted.passed <= 40 * len(text)
    passing = text + b'# together\n'  # a keyword: every needle is then asked, as before
    assert screen.where(passing) and b'ogether' in screen.where(passing)


def test_a_lead_dense_in_the_bytes_goes_back_to_in():
    """Hostile bytes (a hook's file full of one upper-case letter, ``tg``
    repeated, every lead at once): a lead found more than once in
    ``SPARSE`` bytes hands its keywords to ``in`` after 16 tries, so the
    calls stay a few per keyword whatever the size, and the bytes read
    about one ``in`` a keyword's at most (48.3 passes for bytes dense in
    every lead at once, where the old route took 48).  Tried at every one of
    its occurrences instead, 64 KiB of ``Z`` took ~1.1 million calls
    (1 MiB: 5 s of CPU)."""
    # A lead that is a whole keyword (``ogether``) is a hit wherever it is.
    leads = [lead for lead, _needles in prefilter._plain_routes(SCREEN.keywords)
             if lead not in SCREEN.keywords]
    assert len(leads) >= 10 and b'Z' in leads and b'tg' in leads
    size = 64 << 10
    dense = leads + [b''.join(leads)]
    for unit in dense + [lead + b'x' * 100 for lead in dense]:
        text = (unit * (size // len(unit) + 1))[:size]
        assert not any(k in text for k in SCREEN.keywords), unit[:20]
        Counted.passed = Counted.calls = 0
        assert SCREEN.plain(Counted(text)) is False
        assert Counted.calls <= 40 * len(SCREEN.keywords), unit[:20]
        assert Counted.passed <= (len(SCREEN.keywords) + 1) * len(text), unit[:20]


def test_forms_that_hold_another_routes_letter_add_no_pass():
    """The containers' base64 starts that ride on the screen (a PNG's, an
    xz's, LZMA-alone's, a git pack's and bundle's: ``prefilter.B64_MAGIC``)
    add no route of their own: a letter whose keywords all hold another
    route's letter is folded into it (xz's ``/Td6WFoAAA`` would lead
    with ``W``, a memchr pass more over every clean file)."""
    riding = (b'iVBORw0KGgo', b'/Td6WFoAAA', b'XQAA', b'UEFDSwAAAA', b'IyB2MiBnaXQg', b'IyB2MyBnaXQg')
    assert set(riding) <= set(SCREEN.keywords)
    without = prefilter.outermost_free(tuple(k for k in SCREEN.keywords if k not in riding))
    leads = [lead for lead, _needles in prefilter._plain_routes(SCREEN.keywords)]
    assert len(leads) == len(prefilter._plain_routes(without))
    assert b'W' not in leads
    # Each keyword is tried where its lead is, at the right offset.
    for lead, needles in prefilter._plain_routes(SCREEN.keywords):
        for keyword, back in needles:
            assert keyword[back:].startswith(lead)
            text = b'x' * 50 + keyword + b'y' * 50
            assert SCREEN.plain(text) is True, keyword
