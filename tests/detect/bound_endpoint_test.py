"""A context index's endpoint bindings (``context._Index.urls``: the
names bound to the API's URL, ``base_url = "https://api.together.xyz"``)
are looked for with ``Walker.url``, a pattern tried at every identifier
that reads up to 64 name characters each time: a long line of them
before a bare ``curl https://api.together.xyz`` cost ~1 us a byte.
Only an endpoint after ``[:=][ \\t]*[fr]?`` and a quote can end such a
binding, so the pattern is tried only where one does
(``context._bound_endpoint``): the same bindings, exactly, as trying it
everywhere."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect import context
from together_hooks.rules import TOGETHER_CONTEXT as C

WALKER = context.Walker(C.mention, C.label, C.url, C.reach)

PIECES = (
    'base_url="https://api.together.xyz/v1"\n', "url = f'https://api.together.ai/v1'\n",
    'API_BASE: r"https://api.together.xyz"\n', 'base: str = `https://api.together.xyz`\n',
    'TOGETHER_BASE_URL=\t\t"http://api.together.ai"', 'x:="https://api.together.xyz"',
    'curl https://api.together.xyz/v1 \\\n', '"https://api.together.xyz"\n',
    'url = https://api.together.xyz\n', 'name:"https://api.together.xyzz"\n',
    'https://api.together.xyz', '=', ':', '"', "'", 'f', 'r', ' ', '\t', '\n',
    'a' * 70, 'spring.ai.together.base-url', 'client.base_url', '_', '.', '-',
)


def _everywhere(data: bytes, lo: int, hi: int) -> list[tuple[int, bytes]]:
    """The bindings as trying ``Walker.url`` at every byte finds them."""
    return [
        (m.start(), m.group('name').rsplit(b'.', 1)[-1]) for m in WALKER.url.finditer(data, lo, hi)
    ]


class _Tries:
    """A pattern that counts its searches."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.tries = 0

    def finditer(self, *args):
        self.tries += 1
        return self.pattern.finditer(*args)


@pytest.mark.parametrize(('text', 'names'), [
    ('curl https://api.together.xyz/v1 \\\n' + 'a' * 50_000 + '\n', []),
    ('see "https://api.together.xyz" and https://api.together.ai\n', []),
    ('url: https://api.together.xyz\n', []),
    ('base_url="https://api.together.xyz/v1"\n', [b'base_url']),
    ('client.base_url: str = f"https://api.together.ai"\n', [b'base_url']),
])
def test_the_binding_pattern_is_tried_only_after_a_bound_endpoint(text, names):
    walker = context.Walker(C.mention, C.label, C.url, C.reach)
    walker.url = tries = _Tries(walker.url)
    data = text.encode()
    index = context._Index(walker, data, 0, len(data))
    assert [name for _at, name in index.urls] == names
    assert tries.tries == (1 if names else 0)


def test_the_bindings_are_those_the_pattern_finds_everywhere():
    """Random lines of bindings, bare endpoints and their parts, each
    indexed whole and from random bounds (a binding cut by the index's
    start is no binding)."""
    rng = random.Random(20261204)
    bound = 0
    for _ in range(3_000):
        data = ''.join(rng.choices(PIECES, k=rng.randrange(1, 12))).encode()
        lo = rng.randrange(len(data) + 1) if rng.random() < 0.5 else 0
        hi = rng.randrange(lo, len(data) + 1) if rng.random() < 0.5 else len(data)
        expected = _everywhere(data, lo, hi)
        assert context._Index(WALKER, data, lo, hi).urls == expected, (data, lo, hi)
        assert context._bound_endpoint(WALKER.endpoint, data, lo, hi) or not expected
        bound += bool(expected)
    assert 300 < bound < 2_700  # both kinds drawn often
