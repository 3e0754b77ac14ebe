"""False positives of session 37's rules, closed (session 37, fp37).

- acc36's constructor bound to a Together name took Python's ``list(`` of
  a call (``together_items = list(map(f, [("api_key", <hex>)]))``): the
  names inside are the inner call's arguments, no mapping's entries
  (``rules._NO_CALL_INSIDE``: a lower-case function's call; a type's
  constructor, ``Pair(``, ``Map.entry(``, or a mapping type's, still
  builds entries).
- outside37's dotted or colon-joined setting (``"codegpt.apiKey.Together"``,
  .NET's ``ApiKey:Together``) took any name ending in ``key``:
  ``"cache.key.together"``, ``"i18n.key.Together"``.  Now the part
  before Together's must hold a key by the key-name grammar's words
  (``rules._KEY_HOLDER``, ``env.values._KEY_WORD``'s qualifiers).

Each decoy stands beside the true shape it nearly is, through the whole
engine, over several seeds.
"""
from __future__ import annotations

import random
import re

import pytest

from tests.keys import fill
from together_hooks import rules
from together_hooks.detect.engine import scan_bytes
from together_hooks.env import values

DECOYS = {
    'list-of-map': 'together_items = list(map(f, [("api_key", "{hex}")]))',
    'list-of-map-kwarg': 'together_items = list(map(f, api_key="{hex}"))',
    'dict-of-zip': 'together_cfg = dict(zip(names, ["api_key", "{hex}"]))',
    'cache-key-dotted': '{{\n  "cache.key.together": "{hex}"\n}}',
    'i18n-key-dotted': '{{\n  "i18n.key.Together": "{hex}"\n}}',
    'colon-key': '{{\n  "Settings:Key:Together": "{hex}"\n}}',
    'primary-key-dotted': '"primaryKey.together": "{hex}"',
    'lexer-token-dotted': '{{\n  "lexer.token.together": "{hex}"\n}}',
    'csrf-token-colon': '"Csrf:Token:Together": "{hex}"',
    'api-key-goes-on': 'apiKey:together:{hex}',
    'dict-of-zip-names': 'together = dict(zip(["api_key"], ["{hex}"]))',
}
KEYS = {
    'r-list': 'together <- list(api_key = "{hex}")',
    'dict-of-dict': 'together = dict(dict(api_key="{hex}"))',
    'list-of-pairs': 'together_items = list([("api_key", "{hex}")])',
    'api-key-dotted': '{{\n  "codegpt.apiKey.Together": "{hex}"\n}}',
    'net-colon': '{{\n  "Settings:ApiKey:Together": "{hex}"\n}}',
    'access-token-dotted': '"codegpt.accessToken.Together": "{hex}"',
    'secret-key-colon': '"Settings:SecretKey:Together": "{hex}"',
    'bare-token-first': '"token:together": "{hex}"',
    'dict-of-pair': 'together_cfg = Dict(Pair("api_key", "{hex}"))',
    'map-of-entries': 'var together = Map.ofEntries(Map.entry("apiKey", "{hex}"));',
    'r-list-of-list': 'together <- list(list(api_key = "{hex}"))',
}
SEEDS = range(3)


def _found(template: str, seed: int) -> tuple[set[str], str]:
    text, _ = fill(template, random.Random(seed))
    hexes = re.findall(r'(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])', text)
    assert len(hexes) == 1, template
    return {f.secret for f in scan_bytes(text.encode(), 'x.txt')}, hexes[0]


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('name', sorted(DECOYS))
def test_decoy_is_no_key(name: str, seed: int) -> None:
    found, _ = _found(DECOYS[name], seed)
    assert found == set(), name


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('name', sorted(KEYS))
def test_true_shape_beside_it_is_found(name: str, seed: int) -> None:
    found, hexkey = _found(KEYS[name], seed)
    assert found == {hexkey}, name


def test_key_holding_words_are_the_key_name_grammars() -> None:
    """The dotted rule's qualifiers are the env grammar's, not a new list."""
    grammar = re.match(r'\(\?:([a-z|]+)\)\?', values._KEY_WORD)
    assert grammar is not None
    ours = re.fullmatch(rb'\(\?:([a-z|]+)\)', rules._KEY_HOLDER)
    assert ours is not None
    assert set(ours.group(1).decode().split('|')) == set(grammar.group(1).split('|'))
