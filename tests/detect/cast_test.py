"""An asciinema recording (``codec.cast_view``): the terminal's output as
the recorder read it from the pty, one event a line; a read may end
inside a key, whose rest is the next output event's text.  The output
events are joined (escapes kept, read as separators); input events,
another stream, are not."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('cast'))
HEAD = '{"version": 2, "width": 120, "height": 40, "timestamp": 1714557600, "env": {"SHELL": "/bin/bash"}}\n'


@pytest.mark.parametrize('cut', [2, 7, 30, 49])
def test_a_key_two_reads_cut_is_found_where_it_starts(cut):
    text = (HEAD + '[0.512, "o", "$ env\\r\\n"]\n'
            f'[1.024, "o", "HOME=/home/alice\\r\\nTOGETHER_API_KEY={KEY[:cut]}"]\n'
            f'[1.025, "o", "{KEY[cut:]}\\r\\nPATH=/usr/bin\\r\\n"]\n')
    found = scan_bytes(text.encode(), 'env.cast')
    assert [(f.secret, f.line) for f in found] == [(KEY, 3)]


def test_a_coloured_key_cut_between_reads():
    text = (HEAD + f'[1.0, "o", "\\u001b[32m{KEY[:25]}"]\n'
            f'[1.1, "o", "{KEY[25:]}\\u001b[0m\\r\\n"]\n')
    assert [f.secret for f in scan_bytes(text.encode(), 'colour.cast')] == [KEY]


@pytest.mark.parametrize('text', [
    # the joined pieces make 51 characters
    HEAD + f'[1.0, "o", "{KEY[:30]}"]\n[1.1, "o", "x{KEY[30:]}"]\n',
    # typed input, then output: two streams, never one string
    HEAD + f'[1.0, "i", "{KEY[:30]}"]\n[1.1, "o", "{KEY[30:]}"]\n',
    # not a recording (no header first): lines of JSON arrays are not joined
    f'log:\n[1.0, "o", "{KEY[:30]}"]\n[1.1, "o", "{KEY[30:]}"]\n',
])
def test_what_is_not_one_output_is_not_joined(text):
    assert scan_bytes(text.encode(), 'other.cast') == []
