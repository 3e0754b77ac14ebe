"""A camelCase local named ``<prefix>Key`` (Go's ``llmKey := "<hex>"``)
is a legacy key's name where a sibling sharing its lower-case prefix
binds Together's endpoint (``llmURL := "https://api.together.xyz/v1"``):
the locals are a flat group as ``LLM_URL`` and ``LLM_KEY`` are
(``detect.context._FLAT_NAMES``, ``rules.NAME_KINDS``).  A bare ``Key``
glued to a word names a cache's or a map's key as often: another prefix,
another endpoint, or no capital (``monkey``) is no Together key."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_FOUND = {
    'go': 'func setup() *Client {{\n\tllmURL := "https://api.together.xyz/v1"\n\tllmKey := "{hex}"\n'
          '\treturn NewClient(llmURL, llmKey)\n}}\n',
    'go-key-first': 'func setup() {{\n\tchatKey := "{hex}"\n\tchatBaseURL := "https://api.together.xyz/v1"\n'
                    '\tuse(chatKey, chatBaseURL)\n}}\n',
    'go-token': 'func f() {{\n\taiURL := "https://api.together.xyz/v1"\n\taiToken := "{hex}"\n\tuse(aiURL, aiToken)\n}}\n',
}
_CLEAN = {
    'other-prefix': 'func keys() {{\n\ttogetherURL := "https://api.together.xyz/v1"\n\tgroqKey := "{hex}"\n'
                    '\t_ = togetherURL\n}}\n',
    'cache-key': 'func f() {{\n\tcacheURL := "redis://localhost:6379"\n\tcacheKey := "{hex}"\n'
                 '\tclient := together.NewClient()\n\t_ = client\n}}\n',
    'other-endpoint': 'func f() {{\n\tllmURL := "https://api.groq.com/openai/v1"\n\tllmKey := "{hex}"\n'
                      '\tuse(llmURL, llmKey)\n}}\n',
    'no-capital': 'func f() {{\n\tllmURL := "https://api.together.xyz/v1"\n\tmonkey := "{hex}"\n\tuse(llmURL, monkey)\n}}\n',
}


@pytest.mark.parametrize('name', sorted(_FOUND))
def test_a_camel_local_beside_its_together_sibling_is_a_key(name):
    hexed = make_hex(random.Random(f'camel-{name}'))
    found = scan_bytes(_FOUND[name].format(hex=hexed).encode(), 'setup.go')
    assert [f.hashed_secret for f in found] == [hash_secret(hexed)]


@pytest.mark.parametrize('name', sorted(_CLEAN))
def test_a_camel_local_of_another_group_is_none(name):
    hexed = make_hex(random.Random(f'camel-clean-{name}'))
    assert scan_bytes(_CLEAN[name].format(hex=hexed).encode(), 'setup.go') == []
