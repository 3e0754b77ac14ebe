"""A walker (one per scan) is asked about many buffers: the file and each
reading of it (an unescaped or decoded view, freed when the next is made).
Its per-block index was cached by the buffer's ``id`` alone, and an id is
unique only while its object lives: a view made at a freed view's address
was answered from the freed view's index."""
from __future__ import annotations

from together_hooks.detect import context
from together_hooks.rules import TOGETHER_CONTEXT as C


def _bytes(text: str) -> bytes:
    return bytes(bytearray(text.encode()))  # a new object each time, never interned


def test_a_buffer_at_a_freed_buffers_address_gets_its_own_answer():
    walker = context.Walker(C.mention, C.label, C.url, C.reach)
    with_context = 'provider: together\nkey: ' + 'a' * 64 + '\n'
    without = 'provider: nothings\nkey: ' + 'a' * 64 + '\n'
    assert len(with_context) == len(without)
    at = with_context.index('key: ') + 5
    fresh = context.Walker(C.mention, C.label, C.url, C.reach)
    assert fresh.holds(_bytes(with_context), at) is True
    assert fresh.holds(_bytes(without), at) is False
    # CPython hands a freed block to the next object of its size: with the
    # id alone as the key, ``second`` was answered from ``first``'s index.
    for _ in range(50):
        first = _bytes(with_context)
        assert walker.holds(first, at) is True
        del first
        second = _bytes(without)
        assert walker.holds(second, at) is False
        del second
