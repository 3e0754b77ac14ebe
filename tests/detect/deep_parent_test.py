"""A key any depth under a parent naming Together (up to
``context._LEVELS`` structures): YAML, JSON, HCL nesting five levels
deep, a block list of keys four levels under ``together:``; a nearer
parent named for another purpose still vetoes at that depth."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

FOUND = [
    ('config.yaml', 'together:\n  a:\n    b:\n      c:\n        d:\n          key: {k}\n'),
    ('config.yaml', 'together:\n  a:\n    b:\n      c:\n        d:\n          api_key: {k}\n'),
    ('config.yaml', 'providers:\n  together:\n    credentials:\n      prod:\n        eu:\n'
                    '          keys:\n            - {k}\n            - {k}\n'),
    ('config.yaml', 'together:\n  prod:\n    eu:\n      west:\n        keys:\n          - {k}\n          - {k}\n'),
    ('config.json', '{{"together": {{"a": {{"b": {{"c": {{"d": {{"key": "{k}"}}}}}}}}}}}}'),
    ('main.tf', 'together {{\n  a {{\n    b {{\n      c {{\n        d {{\n          key = "{k}"\n'
                '        }}\n      }}\n    }}\n  }}\n}}\n'),
]
NOT_FOUND = [
    ('config.yaml', 'together:\n  a:\n    b:\n      c:\n        cache:\n          key: {k}\n'),
    ('config.yaml', 'together:\n  a:\n    b:\n      c:\n        checksums:\n          keys:\n            - {k}\n'),
    ('config.json', '{{"together": {{"a": {{"b": {{"c": {{"etag": {{"key": "{k}"}}}}}}}}}}}}'),
]


def _fill(template: str, seed: int) -> tuple[str, set[str]]:
    rng = random.Random(seed)
    keys: list[str] = []
    parts = template.split('{k}')
    text = parts[0]
    for part in parts[1:]:
        keys.append(make_hex(rng))
        text += keys[-1] + part
    return text.replace('{{', '{').replace('}}', '}'), {hash_secret(k) for k in keys}


@pytest.mark.parametrize(('path', 'template'), FOUND)
def test_deep_under_together_is_found(path, template):
    text, keys = _fill(template, 1)
    assert {f.hashed_secret for f in scan_bytes(text.encode(), path)} == keys


@pytest.mark.parametrize(('path', 'template'), NOT_FOUND)
def test_deep_under_another_purpose_is_not_found(path, template):
    text, _keys = _fill(template, 2)
    assert scan_bytes(text.encode(), path) == []
