"""Lists of keys: every item of a list under a Together name, or under a
generic name where the context is Together's (Open WebUI's
``OPENAI_API_KEYS`` split by ``;`` beside Together's endpoint), whatever
the separator; a ``keys:`` list only where its nearest named parent is
Together's.  Each case holds several different keys (a rule sample holds
one)."""
from __future__ import annotations

import random
import re

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

FOUND = [
    ('semicolons', 'TOGETHER_API_KEYS="{hex};{hex};{hex}"'),
    ('commas', 'TOGETHER_API_KEYS={hex},{hex},{hex}'),
    ('blanks', 'TOGETHER_API_KEYS="{hex} {hex} {hex}"'),
    ('current-keys', 'TOGETHER_API_KEYS="{key};{key};{key}"'),
    ('flow-list', 'together_api_keys = ["{hex}", "{hex}", "{hex}"]'),
    ('multi-line', 'together_api_keys = [\n  "{hex}",\n  "{hex}",\n  "{hex}",\n]'),
    ('open-webui', 'OPENAI_API_BASE_URLS="https://a.example/v1;https://api.together.xyz/v1;https://b.example/v1"\n'
                   'OPENAI_API_KEYS="{hex};{hex};{hex}"'),
    ('yaml-flow', 'base_urls: [https://a.example/v1, https://api.together.xyz/v1]\napi_keys: [{hex}, {hex}, {hex}]'),
    ('together-keys', 'together:\n  keys:\n    - {hex}\n    - {hex}\n    - {hex}'),
    ('json-keys', '{{"together": {{"keys": ["{hex}", "{hex}", "{hex}"]}}}}'),
    ('anchored', 'together: &t\n  keys: [{hex}, {hex}, {hex}]'),
]

NOT_FOUND = [
    ('cache-keys', 'together:\n  cache:\n    keys: [{hex}, {hex}, {hex}]'),
    ('idempotency', 'together:\n  idempotency:\n    keys:\n      - {hex}\n      - {hex}'),
    ('json-cache', '{{"together": {{"cache": {{"keys": ["{hex}", "{hex}"]}}}}}}'),
    ('toml-table', '[together.cache]\nkeys = ["{hex}", "{hex}"]'),
    ('no-context', 'OPENAI_API_KEYS="{hex};{hex};{hex}"'),
    ('digests', 'TOGETHER_KEY_HASHES="{hex};{hex}"'),
]


def _fill(template: str, seed: str) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    keys: list[str] = []

    def one(m: re.Match[str]) -> str:
        keys.append(make_hex(rng) if m.group(1) == 'hex' else make_key(rng))
        return keys[-1]

    return re.sub(r'\{(hex|key)\}', one, template.replace('{{', '\0').replace('}}', '\1')).replace(
        '\0', '{').replace('\1', '}'), keys


@pytest.mark.parametrize(('name', 'template'), FOUND, ids=[c[0] for c in FOUND])
def test_every_item_is_found(name, template):
    text, keys = _fill(template, name)
    found = {f.hashed_secret for f in scan_bytes(text.encode(), 'config.txt')}
    assert found == {hash_secret(k) for k in keys}


@pytest.mark.parametrize(('name', 'template'), NOT_FOUND, ids=[c[0] for c in NOT_FOUND])
def test_no_item_is_found(name, template):
    text, _keys = _fill(template, name)
    assert scan_bytes(text.encode(), 'config.txt') == []
