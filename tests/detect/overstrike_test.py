"""A key a terminal overstruck: ``nroff -man`` (a man page written out,
an old ``.cat`` page) writes bold as a character, a backspace, the
character again (``t\\bt``), every character of a key, its prefix too
(probe25's ``nroff-overstrike-bold``).  The prefix so written is an
escape mark (``codec.escape_marks``); the backspaces are undone around
it.  Underline (``_\\bt``, italic) is not found yet: its mark would be
a search of its own in the hook's screen."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('overstrike'))


def bold(text: str) -> str:
    return ''.join(f'{c}\b{c}' for c in text)


def underline(text: str) -> str:
    return ''.join(f'_\b{c}' for c in text)


UNDERLINE_MISSED = pytest.param(underline, marks=pytest.mark.xfail(
    strict=True, reason="underline's mark (`_\\bg_\\bp`) shares no search with the screen's: not looked for"))


@pytest.mark.parametrize('strike', [bold, UNDERLINE_MISSED])
def test_a_key_overstruck_whole_is_found(strike):
    text = ('CHAT(1)            User Commands            CHAT(1)\n\nEXAMPLES\n'
            f'       TOGETHER_API_KEY={strike(KEY)} chat --model llama\n')
    found = scan_bytes(text.encode(), 'man/cat1/chat.1')
    assert [(f.secret, f.line) for f in found] == [(KEY, 4)]


@pytest.mark.parametrize('strike', [bold, UNDERLINE_MISSED])
def test_a_key_whose_prefix_alone_is_overstruck_is_found(strike):
    text = f'  --key {strike(KEY[:9])}{KEY[9:]}\n'
    assert [f.secret for f in scan_bytes(text.encode(), 'chat.1.txt')] == [KEY]


@pytest.mark.parametrize('strike', [bold, underline])
@pytest.mark.parametrize('text', [KEY[:-1], KEY + 'Q', 'tgp_v1_<your-key>'])
def test_what_is_no_key_overstruck_stays_clean(strike, text):
    assert scan_bytes(f'       {strike(text)}\n'.encode(), 'chat.1.txt') == []
