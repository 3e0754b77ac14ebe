"""``engine._hex_prefix_test``: where the keyword screen reads by
hyperscan's one pass (a large run with the ``fast`` extra), whether bytes
hold a form of ``engine.HEX_PREFIX`` is one hyperscan pass too, and it
answers as the finds (``_holds_hex_prefix``) do, form by form, at every
place in the bytes, and for the near misses beside each."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect import engine
from together_hooks.detect.prefilter import Keywords

FILLER = b'int x = 1; /* 0x74 0x67 67,70 74, */\n' * 40


def _cases() -> list[bytes]:
    rng = random.Random('hex-prefix-pass')
    cases = [b'', FILLER, rng.randbytes(4096)]
    for form in engine.HEX_PREFIX:
        for at in (0, len(FILLER) // 2, len(FILLER)):
            cases.append(FILLER[:at] + form + FILLER[at:])
        cases.append(form)
        for i in range(len(form)):  # one byte changed: not the form
            cases.append(FILLER + form[:i] + (b'#' if form[i:i + 1] != b'#' else b'@') + form[i + 1:])
        cases.append(form.replace(b'\n', b'\r\n'))
        cases.append(form[:-1])
    return cases


def test_the_one_pass_screen_takes_hyperscans_test(one_pass_screen: Keywords) -> None:
    assert engine._hex_prefix_test(one_pass_screen) is not engine._holds_hex_prefix


def test_the_pass_answers_as_the_finds(one_pass_screen: Keywords) -> None:
    test = engine._hex_prefix_test(one_pass_screen)
    cases = _cases()
    assert [test(data) for data in cases] == [engine._holds_hex_prefix(data) for data in cases]
    held = sum(map(engine._holds_hex_prefix, cases))
    assert 4 * len(engine.HEX_PREFIX) <= held < len(cases)  # every form held, most misses not


def test_a_screen_without_the_pass_keeps_the_finds() -> None:
    assert engine._hex_prefix_test(Keywords((b'together',))) is engine._holds_hex_prefix
