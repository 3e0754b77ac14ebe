"""The known keys' forms are found in a line in one walk of it.

A run that learns every key it finds knows thousands of forms (raw, body,
capitals, percent-encoded, base64, base32 and base85 at each alignment).
``Scrubber._present`` once asked ``form in line`` of each form that is not
a plain run (base85's), and the legacy checks asked ``key in line`` of each
legacy key: the report's scrub grew with the keys known times the lines
shown (``scan --history --format sarif`` over 1,002 findings: 36 CPU-s).
``needles.Needles`` answers the same question with an index of anchors.

Checked here: ``Needles`` gives exactly ``{s for s in held if s in text}``
(random texts dense in near misses); the scrub gives the same output as
one that looks for every form with ``in`` (random reports holding random
known keys in every form the scrub knows, pieces, capitals and gaps); and
the work a line costs does not grow with the keys known (counted, not
timed: ``bench/complexity.py``'s ``scrub`` family holds the time).
Seeded: a failure names its seed, never a key."""
from __future__ import annotations

import random
import sys

import pytest

from tests.keys import KEY_ALPHABET
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import needles
from together_hooks.detect.needles import Needles
from together_hooks.detect.scrub import Scrubber
from together_hooks.detect.scrub import _forms
from together_hooks.findings import redact


class Naive(Scrubber):
    """The scrub with each known form looked for as it is (``in``), as
    before the index: the output the index must keep."""

    __slots__ = ()

    def _forms_in(self, text: str) -> set[str]:
        return {form for form in self._known_forms() if form in text}


# ---------------------------------------------------------------- Needles

@pytest.mark.parametrize('seed', range(8))
def test_needles_find_exactly_what_in_finds(seed):
    rng = random.Random(f'needles-{seed}')
    # A small alphabet: anchors hit often, strings overlap and repeat.
    alphabet = rng.choice(['ab', 'abc', 'ab;', KEY_ALPHABET[:6] + ' "', KEY_ALPHABET])
    held = set()
    for _ in range(rng.randint(1, 40)):
        size = rng.randint(needles.LEAST, needles.LEAST + 30)
        held.add(''.join(rng.choice(alphabet) for _ in range(size)))
    index = Needles(held)
    for _ in range(30):
        parts = []
        for _ in range(rng.randint(0, 6)):
            if held and rng.random() < 0.5:
                s = rng.choice(sorted(held))
                parts.append(s if rng.random() < 0.7 else s[:-1])  # a near miss too
            else:
                parts.append(''.join(rng.choice(alphabet + ' :,') for _ in range(rng.randint(0, 40))))
        text = ''.join(parts)
        assert index.found_in(text) == {s for s in held if s in text}, (seed, alphabet)


def test_needles_at_every_place_and_odd_characters():
    # Every place a string may start relative to the probes, at the text's
    # start and end, inside a run and cut off by other characters; a
    # string of characters no key holds (spaces, non-ASCII) too.
    plain = 'Ab3+/=_%-;#*~' * 3
    odd = 'a secret with spaces, ü and "quotes"'
    index = Needles([plain, odd])
    for s in (plain, odd):
        for before in range(2 * needles.STEP + 1):
            for glue in ('', 'x', ' ', '"'):
                for after in ('', 'y', ' '):
                    text = 'z' * before + glue + s + after
                    assert index.found_in(text) == {s}, (before, glue, after)
                    assert index.found_in(text[:-1 - len(after)]) == set()
    assert not Needles()
    with pytest.raises(ValueError):
        Needles(['x' * (needles.LEAST - 1)])


# ------------------------------------------------- the scrub, old vs new

def _known(rng: random.Random) -> list[str]:
    keys = [make_key(rng) for _ in range(rng.randint(1, 6))]
    keys += [make_hex(rng) for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.3:  # a secret of other characters, as a test may teach
        keys.append('correct horse battery staple ü ' + str(rng.random()))
    return keys


def _shown(rng: random.Random, secret: str) -> str:
    """One way a line may hold some of ``secret``."""
    forms = sorted(_forms(secret))
    form = rng.choice(forms)
    way = rng.randrange(6)
    if way == 0:  # whole
        return form
    if way == 1:  # a piece
        a = rng.randrange(len(form) - 9)
        return form[a:a + rng.randint(9, 20)]
    if way == 2:  # cut by gaps (a narrow column, an error's spaces)
        step = rng.randint(4, 12)
        return rng.choice([' ', '\n', '\\n', '" + "']).join(
            form[i:i + step] for i in range(0, len(form), step))
    if way == 3:  # in mixed case (a reader lowers hex)
        return ''.join(c.upper() if rng.random() < 0.5 else c for c in form)
    if way == 4:  # glued to other characters of its alphabet
        glue = ''.join(rng.choice(KEY_ALPHABET) for _ in range(rng.randint(1, 9)))
        return glue + form + glue[::-1]
    return redact(secret)


def _report(rng: random.Random, known: list[str], lines: int) -> str:
    out = []
    for i in range(lines):
        held = ' '.join(_shown(rng, rng.choice(known)) for _ in range(rng.randint(0, 3)))
        out.append(rng.choice([
            f'{{"ruleId": "together-api-key", "message": {{"text": "{held}"}}, "line": {i}}}',
            f'src/app_{i}.py:{i}: {held}',
            f'  {held}',
            f'{held}',
        ]))
    return '\n'.join(out) + '\n'


@pytest.mark.parametrize('seed', range(12))
def test_scrub_output_is_that_of_looking_for_every_form(seed):
    rng = random.Random(f'known-forms-{seed}')
    known = _known(rng)
    report = _report(rng, known, 40)
    new, old = Scrubber(known), Naive(known)
    for line in report.splitlines():
        assert new._present(line) == old._present(line), seed
    assert new.scrub(report) == old.scrub(report), seed
    shown = new.scrub(report)
    for secret in known:
        assert secret not in shown, seed


# ------------------------------------------------------ work, not time

class _Counted(str):
    """A line that counts what is asked of it: each ``in``, slice and
    ``startswith`` (a form looked for, a place probed, a hit checked)."""

    asked = 0

    def __contains__(self, other: object) -> bool:
        _Counted.asked += 1
        return super().__contains__(other)  # type: ignore[operator]

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        _Counted.asked += 1
        return super().__getitem__(key)

    def startswith(self, *args):  # type: ignore[no-untyped-def]
        _Counted.asked += 1
        return super().startswith(*args)


def keys_and_report(n: int) -> tuple[list[str], str]:
    """``n`` keys, current and legacy, and a SARIF-like report of ``n``
    findings, each line showing a key redacted (as the report does);
    ``bench/complexity.py`` times it."""
    from together_hooks.findings import hash_secret

    rng = random.Random(f'keys-and-report-{n}')
    keys = [make_key(rng) if i % 3 else make_hex(rng) for i in range(n)]
    lines = [
        f'{{"ruleId": "together-api-key", "message": {{"text": "Together AI API key '
        f'{redact(k)} in src/m{i}/settings_{i}.py"}}, "startLine": {i + 1}, '
        f'"partialFingerprints": {{"hashed_secret/v1": "{hash_secret(k)}"}}}},'
        for i, k in enumerate(keys)
    ]
    return keys, '\n'.join(lines) + '\n'


def _asked(n: int) -> int:
    keys, report = keys_and_report(n)
    scrubber = Scrubber(keys)
    _Counted.asked = 0
    for line in report.splitlines():
        scrubber._present(_Counted(line))
    return _Counted.asked


def _lines_run(known: int, shown: int) -> int:
    """Lines of the scrub's own code run to scrub a report of ``shown``
    findings while ``known`` keys are known (its loops' every turn
    counts: a loop over the keys known for each line shown too); the
    keys' forms are made before (``learn``'s share, once a key)."""
    keys, _ = keys_and_report(known)
    report = keys_and_report(shown)[1]
    scrubber = Scrubber(keys)
    scrubber._known_forms()
    files = {sys.modules[Scrubber.__module__].__file__, needles.__file__}
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += event == 'line'
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename in files else None

    sys.settrace(tracer)
    try:
        scrubber.scrub(report)
    finally:
        sys.settrace(None)
    return count


def test_a_line_costs_the_same_however_many_keys_are_known():
    # 4x the keys and 4x the lines: 4x the work, not 16x.
    small, large = _asked(40), _asked(160)
    assert 0 < large < 6 * small, (small, large)


def test_the_scrub_of_a_report_costs_the_same_however_many_keys_are_known():
    # 16x the keys known, the same report: about the same work.
    few, many = _lines_run(20, 20), _lines_run(320, 20)
    assert 0 < many < 1.5 * few, (few, many)
