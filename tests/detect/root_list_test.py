"""A list at a YAML document's top level (``keys:``) has the document as
its parent: the top-level field nearest the list decides whose keys it
holds, and only a field of the same document (a ``---`` line starts the
next one of a stream)."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _found(text: str, path: str = 'llm.yaml') -> bool:
    key = make_hex(random.Random(5))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('text', [
    # the nearest top-level field names another provider; Together's is farther
    'compare_with: https://api.together.xyz/v1\nprovider: openai\nkeys:\n  - {key}\n',
    'fallback: together\nprovider: openai\nkeys:\n  - {key}\n',
    # another document of the stream names Together
    'provider: together\nmodel: llama\n---\nprovider: openai\nkeys:\n  - {key}\n',
    'provider: openai\nkeys:\n  - {key}\n---\nprovider: together\n',
    'provider: together\n...\n---\nkeys:\n  - {key}\n',
])
def test_a_top_level_list_is_not_together_s_past_a_nearer_field_or_its_document(text):
    assert not _found(text)


@pytest.mark.parametrize('text', [
    'provider: together\nkeys:\n  - x\n  - {key}\n',
    'keys:\n  - {key}\nbase_url: https://api.together.xyz/v1\n',
    'provider: openai\n---\nprovider: together\nkeys:\n  - {key}\n',
    'provider: together\nkeys:\n  - {key}\n---\nprovider: openai\n',
    'note: see openai docs\nprovider: together\nkeys:\n  - {key}\n',
])
def test_a_top_level_list_beside_together_s_field_is_still_found(text):
    assert _found(text)
