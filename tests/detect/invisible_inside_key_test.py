"""A character no one sees inside a key: a zero-width space, non-joiner
or joiner, a word joiner, a zero-width no-break space or a soft hyphen,
raw in UTF-8 or escaped in JSON (``\\u200b``).  Chat apps and web pages
put them inside long words where a line may break, and a copy keeps them
(probe25's ``zero-width-space-paste``, ``slack-export-zero-width-escaped``,
``word-joiner-inside-key``): the key is whole to a reader.  The pieces
must still make exactly one key."""
from __future__ import annotations

import json
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('invisible-inside'))
INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']


@pytest.mark.parametrize('char', INVISIBLE)
@pytest.mark.parametrize('at', [3, 7, 25, 49])
def test_a_key_with_an_invisible_character_inside_is_found(char, at):
    text = f'TOGETHER_API_KEY={KEY[:at]}{char}{KEY[at:]}\n'
    found = scan_bytes(text.encode(), 'notes/staging.md')
    assert [(f.secret, f.line) for f in found] == [(KEY, 1)]


@pytest.mark.parametrize('char', INVISIBLE)
def test_the_json_escape_of_one_inside_a_key_is_read(char):
    text = json.dumps({'text': f'new key {KEY[:22]}{char}{KEY[22:]} (staging)'}) + '\n'
    assert '\\u' in text
    found = scan_bytes(text.encode(), 'slack/2025-02-03.json')
    assert [f.secret for f in found] == [KEY]


def test_several_inside_one_key():
    text = f'{KEY[:10]}\u200b{KEY[10:30]}\u00ad{KEY[30:]}\n'
    assert [f.secret for f in scan_bytes(text.encode(), 'a.txt')] == [KEY]


@pytest.mark.parametrize('text', [
    # the pieces make 49 and 51 characters
    f'TOGETHER_API_KEY={KEY[:25]}\u200b{KEY[25:-1]}\n',
    f'TOGETHER_API_KEY={KEY[:25]}\u200b{KEY[25:]}Q\n',
    f'{{"t": "{KEY[:25]}\\u200b{KEY[25:]}Q"}}\n',
    # a visible character between the pieces stays a separator
    f'TOGETHER_API_KEY={KEY[:25]}\u00b7{KEY[25:]}\n',
])
def test_pieces_that_make_no_key_stay_clean(text):
    assert scan_bytes(text.encode(), 'a.txt') == []
