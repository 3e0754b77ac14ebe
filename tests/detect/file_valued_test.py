"""A file's own bytes are searched by a rule only where they hold its
value run (``engine._file_valued``): a file saying "together" with no run
of 64 key characters (sympy's ``together()``) is not searched for the
legacy rule's anchors, windows and lists, its readings still are.  Exact
by the proof a reading's test rests on (every key a pattern matches holds
the run: ``rules_test``); where the screen reads by hyperscan's one pass
the run is asked by one pass (``engine._run_pass``), which must answer as
``_run_test``'s translate does."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect import prefilter
from together_hooks.rules import RULES

pytestmark = pytest.mark.skipif(
    not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None,
    reason='hyperscan (the fast extra) is not installed or cannot run here',
)

RNG = random.Random('file-valued')
HEX, KEY = make_hex(RNG), make_key(RNG)
RUNS = [rule.value_run for rule in RULES if rule.value_run is not None]
# Code saying "together" with no run of key characters: the file is over
# ``_MARKS_MIN`` bytes, so the one pass asks its run.
PAD = b''.join(b'result = together(expr_%d, deep=True)\n' % i for i in range(60))


@pytest.fixture(scope='module')
def one_pass():  # type: ignore[no-untyped-def]
    """The rules' screen reading by hyperscan's one pass, as a large run
    sets it up (a tree scan of 16 MiB or more, a history)."""
    screen = prefilter.Keywords(engine.keyword_screen(RULES).needles)
    screen.prepare(lambda _nbytes: True)
    assert screen.one_pass
    with pytest.MonkeyPatch.context() as m:
        m.setitem(engine._SCREENS, tuple(RULES), screen)
        yield screen


def _runs_and_edges(chars: bytes, n: int, rng: random.Random) -> list[bytes]:
    """Bytes holding runs of the class around ``n`` long, cut by a byte
    outside it, at the start, the end and inside; and one of each byte."""
    inside = [b for b in range(256) if engine._run_test((chars, n))[0][b]]  # type: ignore[index]
    outside = [b for b in range(256) if b not in inside]
    out = [bytes((b,)) * n for b in range(256)]
    for _ in range(600):
        pieces = []
        for _ in range(rng.randrange(1, 5)):
            length = rng.choice((n - 1, n, n + 1, rng.randrange(0, 2 * n)))
            pieces.append(bytes(rng.choice(inside) for _ in range(length)))
        gap = bytes(rng.choice(outside) for _ in range(rng.randrange(1, 3)))
        data = gap.join(pieces)
        if rng.random() < 0.5:
            data = b'x' * rng.randrange(engine._MARKS_MIN) + gap + data
        out.append(data)
    return out


def test_the_run_pass_answers_as_the_translate(one_pass):  # type: ignore[no-untyped-def]
    rng = random.Random('file-valued-runs')
    for value_run in RUNS:
        test = engine._run_pass(value_run)
        assert test is not None
        table, needle = engine._run_test(value_run)  # type: ignore[misc]
        held = 0
        for data in _runs_and_edges(*value_run, rng):
            assert test(data) == (needle in data.translate(table)), data[:80]
            held += test(data)
        assert 0 < held  # both answers met


CASES = [
    # (name, the file's last line, what is found: rule, encoding)
    ('a legacy key as it is', b'TOGETHER_API_KEY = "%s"\n' % HEX.encode(),
     [('together-legacy-api-key', 'raw')]),
    # no run of 64 in the bytes: found by the joined reading only
    ('a legacy key in two literals', b'TOGETHER_API_KEY = ("%s"\n    "%s")\n' % (
        HEX[:32].encode(), HEX[32:].encode()), [('together-legacy-api-key', 'concatenated')]),
    ('a legacy key in escapes', b'TOGETHER_API_KEY = "%s"\n' % ''.join(
        '\\x%02x' % ord(c) for c in HEX).encode(), [('together-legacy-api-key', 'escaped')]),
    ('a current key beside', b'TOGETHER_API_KEY = "%s"\n' % KEY.encode(), [('together-api-key', 'raw')]),
    # decoys: one digit short; a run of 64 that is no key (no hex)
    ('63 hex digits', b'TOGETHER_API_KEY = "%s"\n' % HEX[:63].encode(), []),
    ('a run that is no key', b'TOGETHER_API_KEY = "%s"\n' % (b'Zq' * 32), []),
]


@pytest.mark.parametrize(('name', 'line', 'found'), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize('head', [PAD, b''], ids=['a file of 2 KB', 'a short file'])
def test_a_file_is_found_as_before(one_pass, name, line, found, head):  # type: ignore[no-untyped-def]
    data = head + line
    got = sorted((f.rule, f.encoding) for f in engine.scan_bytes(data, 'app.py'))
    assert got == sorted(found), name


def test_a_file_without_the_run_is_not_searched_for_its_legacy_key(one_pass, monkeypatch):  # type: ignore[no-untyped-def]
    """The file's own bytes are not searched by the legacy rule; a file
    holding a run (the decoy, no key) is."""
    searched: list[tuple[str, ...]] = []
    real = engine._candidates

    def recording(data, rules, walkers, where, original=None):  # type: ignore[no-untyped-def]
        if original is None:
            searched.append(tuple(rule.id for rule in rules))
        return real(data, rules, walkers, where, original)

    monkeypatch.setattr(engine, '_candidates', recording)
    assert engine.scan_bytes(PAD + b'together_total = 3\n', 'app.py') == []
    assert searched == []
    assert engine.scan_bytes(PAD + b'together_total = "%s"\n' % (b'Zq' * 32), 'app.py') == []
    assert searched == [('together-legacy-api-key',)]
