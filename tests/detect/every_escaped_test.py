"""A key whose every character is escaped (an obfuscator, a template that
escapes all it writes, ``native2ascii``, ``quote(key, safe='')``): no
``tgp`` is left, so the screen finds it by its second and third
characters so written (``codec.every_escaped_marks``) and the readings
undo the escapes around them (``codec.escapes_view``), twice where a
reading still holds them (``%2574``: every byte percent-encoded twice)."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect import codec
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

NOTATIONS = {
    'html-decimal': lambda c: f'&#{ord(c)};',
    'html-hex': lambda c: f'&#x{ord(c):x};',
    'html-hex-padded': lambda c: f'&#x{ord(c):04X};',
    'html-hex-upper-x': lambda c: f'&#X{ord(c):X};',
    'percent-upper': lambda c: f'%{ord(c):02X}',
    'percent-lower': lambda c: f'%{ord(c):02x}',
    'backslash-x': lambda c: f'\\x{ord(c):02x}',
    'backslash-u': lambda c: f'\\u{ord(c):04x}',
    'backslash-big-u': lambda c: f'\\U{ord(c):08x}',
    'octal': lambda c: f'\\{ord(c):03o}',
    # quoted, then quoted again as a parameter: every ``%`` is ``%25``
    'percent-twice-upper': lambda c: f'%25{ord(c):02X}',
    'percent-twice-lower': lambda c: f'%25{ord(c):02x}',
}


@pytest.mark.parametrize('notation', sorted(NOTATIONS))
def test_a_key_with_every_character_escaped_is_found(notation):
    key = make_key(random.Random(f'every-escaped-{notation}'))
    escaped = ''.join(map(NOTATIONS[notation], key))
    assert 'tgp' not in escaped and 'gp_v1_' not in escaped
    data = f'# settings\nvalue = "{escaped}"\nnext = 1\n'.encode()
    found = scan_bytes(data, 'settings.txt')
    assert [(f.line, f.hashed_secret) for f in found] == [(2, hash_secret(key))]


@pytest.mark.parametrize('notation', sorted(NOTATIONS))
def test_text_with_every_character_escaped_is_no_key(notation):
    text = 'tgp_v1_ keys go in TOGETHER_API_KEY, ' + 'tgp_v1_' + 'x' * 43
    escaped = ''.join(map(NOTATIONS[notation], text))
    assert scan_bytes(f'msg = "{escaped}"\n'.encode(), 'msg.txt') == []


def test_the_rules_marks_are_every_notations():
    # Each notation above writes the prefix's "gp" holding one of the marks.
    marks = codec.every_escaped_marks(ord('g'), ord('p'))
    assert marks <= {m for rule in RULES for m in rule.escape_marks}
    for notation, write in NOTATIONS.items():
        written = ''.join(map(write, 'tgp_v1_')).encode()
        assert any(m in written for m in marks), notation


def test_the_marks_cost_the_screen_one_pass():
    # Each anchor group is a pass over every byte a scan reads: the
    # notations' marks share one (``0``), not a group each (enc7's
    # ``67;&#x`` made a ``#`` group of its own: +7% instructions).
    from together_hooks.detect import prefilter
    from together_hooks.detect.engine import keyword_screen

    marks = codec.every_escaped_marks(ord('g'), ord('p'))
    groups = prefilter._anchors(keyword_screen(RULES).keywords)
    assert len({a for a, needles in groups.items() if marks & set(needles)}) == 1
