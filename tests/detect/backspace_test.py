"""A terminal's backspaces undone as a screen shows them: several
characters rubbed out at once (readline's ``\\b \\b`` per character, or
``\\b\\b`` then ``\\x1b[K``), a cursor moved left (``\\x1b[D``), ``^H`` as
``cat -v`` shows a backspace -- not only the one character of
``Q\\b \\b``."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

TYPED = [
    # two and three characters rubbed out, as bash's readline echoes them
    ('QW\b \b\b \b', 'two'),
    ('QWE\b \b\b \b\b \b', 'three'),
    ('QW\b\b\x1b[K', 'two, then erase to the line end'),
    ('QW\b\b  \b\b', 'two, blanked, then back'),
    ('Q\x1b[D\x1b[K', 'cursor left, erase'),
    ('Q^H ^H', 'cat -v'),
    ('QW^H^H  ^H^H', 'cat -v, two'),
]


@pytest.mark.parametrize('typo, why', TYPED, ids=[w for _, w in TYPED])
def test_a_key_typed_with_typos_rubbed_out_is_found(typo: str, why: str) -> None:
    key = make_key(random.Random(why))
    data = f'$ echo start\r\n$ export TOGETHER_API_KEY={key[:20]}{typo}{key[20:]}\r\n$ exit\r\n'.encode()
    found = scan_bytes(data, 'session.typescript')
    assert [(f.line, f.secret) for f in found] == [(2, key)]


@pytest.mark.parametrize('typo, why', TYPED, ids=[w for _, w in TYPED])
def test_a_rubbed_out_join_glued_to_more_is_no_key(typo: str, why: str) -> None:
    key = make_key(random.Random(why))
    data = f'$ export TOGETHER_API_KEY={key[:20]}{typo}{key[20:]}Y\r\n'.encode()
    assert scan_bytes(data, 'session.typescript') == []


def test_characters_rubbed_out_deeper_than_a_key_are_undone_in_linear_passes() -> None:
    # Adversarial nesting (40 characters then 40 backspaces, repeated):
    # the scan ends and finds the key after it.
    key = make_key(random.Random(3))
    data = (b'a' * 40 + b'\b' * 40) * 5000 + f'\nTOGETHER_API_KEY={key}\n'.encode()
    assert [f.secret for f in scan_bytes(data, 'x.log')] == [key]
