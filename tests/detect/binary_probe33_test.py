"""``engine._is_binary``'s bounds (session 33, mut33): what makes bytes
binary decides whether a key's glued neighbours are framing (binary: a
key is cut at its 50th character, a length byte before it is no part of
it) or more characters of one longer run (text: no key).  So a text file
judged binary reports a run no whole read of text reports, and a binary
one judged text misses the key its length byte glues.

Each bound is held by a real file: a glued run (a key followed by more
key characters: the decoy, never a key in text) beside a real key (the
true positive, reported either way), and, for the binary side, a
serialised key whose length byte is ``2``."""
from __future__ import annotations

import random
from unittest import mock

import pytest

from tests.keys import make_key
from together_hooks import pipeline
from together_hooks.detect import engine
from together_hooks.detect import windows
from together_hooks.detect.engine import scan_bytes
from together_hooks.pipeline import Scanner
from together_hooks.rules import MAX_CONTEXT
from together_hooks.sources.content import Content

_rng = random.Random('mut33-binary-probe')
PROBE = 8000  # git's own: a NUL in the first 8000 bytes makes a file binary (buffer_is_binary)


def _secrets(data: bytes) -> list[str]:
    return sorted(f.secret for f in scan_bytes(data, 'f.bin'))


def _text_with(filler: bytes) -> tuple[bytes, str]:
    """``filler``, then a glued run and a key on lines of their own."""
    glued, key = make_key(_rng) + 'Zz9', make_key(_rng)
    return filler + f'\nglued = {glued}\nkey = {key}\n'.encode(), key


@pytest.mark.parametrize('char', ['é', '€', '\U0001F600'])
def test_a_character_cut_by_the_probes_end_leaves_text_text(char):
    """Git's probe (8000 bytes) ends inside a character of UTF-8 text:
    the cut is the probe's, not the file's, so the file is text."""
    encoded = char.encode()
    filler = b'a' * (PROBE - 1) + encoded + b' more text\n'
    assert filler[:PROBE].endswith(encoded[:1])  # the probe ends inside it
    data, key = _text_with(filler)
    assert not engine._is_binary(data)
    assert _secrets(data) == [key]


def test_bytes_no_utf8_holds_at_the_probes_end_are_binary():
    """A last probed byte that starts no character (0xff) is no cut
    character: such bytes are binary, and a length-prefixed key in them
    (msgpack's ``\\xd9`` and ``2``) is found past its glued length."""
    key = make_key(_rng)
    head = b'together api_key ' + b'b' * (PROBE - 18) + b'\xff'
    assert len(head) == PROBE
    data = head + b'\xd92' + key.encode() + b'\xa6region'
    assert engine._is_binary(data)
    assert _secrets(data) == [key]
    assert not engine._is_binary(head[:-1] + b'b')  # the decoy: all text


def test_a_nul_anywhere_in_the_first_8000_bytes_is_binary():
    """As git judges it: a NUL in the first 8000 bytes, the last of them
    too; one past them is not looked for."""
    key = make_key(_rng)
    text = b'together api_key ' + b'c' * (PROBE - 200)
    data = text + b'\0' * 4 + b'2' + key.encode() + b'Zz'
    assert len(text) + 3 < PROBE
    assert engine._is_binary(data)
    assert _secrets(data) == [key]
    late = b'c' * PROBE + b'\0'
    assert not engine._is_binary(late)  # past the probe: not git's binary
    assert engine._is_binary(b'c' * (PROBE - 1) + b'\0')


@pytest.mark.parametrize('char, cut', [
    ('é', 1),
    ('€', 1), ('€', 2),
    ('\U0001F600', 1), ('\U0001F600', 2), ('\U0001F600', 3),
])
def test_a_window_starting_inside_any_character_is_text(tmp_path, char, cut):
    """A large file's window starts at any byte: after the first byte of
    a 4-byte character (an emoji) it starts with three continuation
    bytes, which are no reason to call it binary.  The window then
    reports what a whole read does: the key, not the glued run."""
    encoded = char.encode()
    step = 1 << 14
    base = 5 * step - MAX_CONTEXT  # region 5's window starts here
    filler = b'a' * (base - cut) + encoded + ('word ' + char + '\n').encode() * 12_000
    assert filler[base:base + 1] == encoded[cut:cut + 1]
    at = 5 * step + 1000
    glued, key = make_key(_rng) + 'Zz9', make_key(_rng)
    data = filler[:at] + f'\nglued = {glued}\nkey = {key}\n'.encode() + filler[at:]
    assert not engine._is_binary(data[base:], True)
    assert engine._is_binary(data[base:])  # the same bytes as a file's own start
    whole = sorted(f.secret for f in scan_bytes(data, 'f.txt'))
    assert whole == [key]
    if len(encoded) - cut < 3:
        return  # read in windows once, where the window starts with three continuation bytes
    (tmp_path / 'f.txt').write_bytes(data)
    content = Content('f.txt', fs_path=str(tmp_path / 'f.txt'))
    with mock.patch.object(pipeline, 'WINDOW', step), mock.patch.object(windows, 'WINDOW', step):
        assert content.windows(step, MAX_CONTEXT) is not None  # read in windows, not whole
        windowed = Scanner().scan_one(content)
    assert sorted(f.secret for f in windowed) == whole


def test_a_window_starting_at_a_byte_no_utf8_holds_is_binary():
    """Only continuation bytes (0x80-0xbf) are skipped at a window's
    start: one starting at 0xff (a binary file's window) is binary."""
    assert engine._is_binary(b'\xff' + b'a' * 100, True)
    assert engine._is_binary(b'\xfe\xff' + b'a' * 100, True)
    assert not engine._is_binary(b'\x80\x80' + b'a' * 100, True)
    # Four continuation bytes are no cut character: binary.
    assert engine._is_binary(b'\x80' * 4 + b'a' * 100, True)
