"""A team wiki's keys under a Markdown heading of Together's: a sub-heading
right under it (no empty line), a closed heading (``## Together AI ##``),
keys far below the heading (its section, past the 4 KB the rest of the
context reaches), in a file read whole or in windows."""
from __future__ import annotations

import random
import tempfile

from tests.keys import make_hex
from together_hooks.detect.budget import Budget
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.windows import scan_windows
from together_hooks.fileio import read_windows
from together_hooks.findings import hash_secret
from together_hooks.rules import MAX_CONTEXT
from together_hooks.rules import RULES

NOTES = ''.join(f'- note {i}: who to ask, where the dashboards are\n' for i in range(120))


def _wiki(rng: random.Random, heading: str, n: int) -> tuple[str, list[str]]:
    keys = [make_hex(rng) for _ in range(n)]
    body = ''.join(f'### Key {i}\n\n{NOTES}\nAPI key: {k}\n\n' for i, k in enumerate(keys))
    return f'{heading}\n\n{body}', keys


def _found(data: bytes) -> set[str]:
    return {f.hashed_secret for f in scan_bytes(data, 'wiki.md')}


def test_keys_far_below_their_heading_are_found():
    text, keys = _wiki(random.Random(1), '## Together AI', 3)
    assert len(text) > 3 * 5_000
    assert _found(text.encode()) == {hash_secret(k) for k in keys}


def test_a_sub_heading_right_under_the_heading_and_a_closed_heading():
    rng = random.Random(2)
    a, b = make_hex(rng), make_hex(rng)
    text = f'## Together AI ##\n### Production\n\nAPI key: {a}\n\n### Staging\n\nAPI key: {b}\n'
    assert _found(text.encode()) == {hash_secret(a), hash_secret(b)}


def test_far_below_another_providers_heading_is_not_found():
    text, _keys = _wiki(random.Random(3), '## OpenAI', 2)
    assert _found((text + '\n## Together AI\n\nx\n').encode()) == set()


def test_a_large_wiki_read_in_windows_finds_what_a_whole_read_finds():
    rng = random.Random(4)
    parts, keys = [], []
    for i in range(40):
        text, ks = _wiki(rng, '## Together AI' if i % 2 else '## Other', 1)
        parts.append(text)
        keys += ks if i % 2 else []
    data = ''.join(parts).encode()
    step = 1 << 16
    assert len(data) > 3 * step
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        budget = Budget('wiki.md')
        windowed = scan_windows(
            read_windows(f.name, step, MAX_CONTEXT), lambda d: scan_bytes(d, 'wiki.md', RULES, False, budget),
            budget,
        )
    assert {x.hashed_secret for x in windowed} == _found(data) == {hash_secret(k) for k in keys}
