"""A map of base64 entries read with every entry decoded
(``codec.b64_entries_view``, ``engine._entries_hits``): a Kubernetes
Secret's ``data:`` as ``kubectl create secret generic --from-literal``
writes it, each literal encoded alone, so Together's endpoint or
``provider: together`` in one entry is the context of a legacy key in
another (encoded_heldout13's ``secret-literals-*``).  The screen flags
such a file by the encoded context's base64 forms; the engine reads the
map.  Decoys: a digest beside the endpoint, another provider's map, an
entry of another map (another indentation), a lone entry."""
from __future__ import annotations

import base64
import hashlib
import json
import random

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret

_ENDPOINT = 'https://api.together.xyz/v1'


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _yaml(entries: list[tuple[str, str]], indent: str = '  ', parent: str = 'data') -> bytes:
    lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: llm-credentials', f'{parent}:']
    lines += [f'{indent}{name}: {_b64(value)}' for name, value in entries]
    return ('\n'.join(lines) + '\ntype: Opaque\n').encode()


def _json(entries: list[tuple[str, str]]) -> bytes:
    doc = {'kind': 'Secret', 'apiVersion': 'v1', 'metadata': {'name': 'llm'},
           'data': {name: _b64(value) for name, value in entries}}
    return json.dumps(doc, indent=4).encode()


def _screened(data: bytes) -> bool:
    screen = Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    return bool(screen.plain(data)) and bool(screen.grouped()(data))


_CASES = {
    # (the file from a legacy key, the line its value is on)
    'yaml-endpoint-after': (lambda h: _yaml([('api_key', h), ('base_url', _ENDPOINT)]), 6),
    'yaml-endpoint-before': (lambda h: _yaml([('base_url', _ENDPOINT), ('api_key', h)]), 7),
    'yaml-provider-among-others': (
        lambda h: _yaml([('model', 'meta-llama/Llama-3-70b'), ('provider', 'together'), ('token', h)]), 8),
    'yaml-indented-four': (lambda h: _yaml([('api_key', h), ('endpoint', _ENDPOINT)], '    '), 6),
    'configmap-binary-data': (
        lambda h: _yaml([('OPENAI_BASE_URL', _ENDPOINT), ('OPENAI_API_KEY', h)], parent='binaryData'), 7),
    'json-provider': (lambda h: _json([('api_key', h), ('provider', 'together')]), 8),
}


@pytest.mark.parametrize('case', sorted(_CASES))
def test_a_legacy_key_beside_an_encoded_context_entry_is_found(case):
    build, line = _CASES[case]
    key = make_hex(random.Random(f'b64-entries-{case}'))
    data = build(key)
    assert key.encode() not in data
    assert _screened(data)
    found = scan_bytes(data, 'secret.yaml')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(line, hash_secret(key), 'base64')]


def test_a_current_key_in_an_entry_is_reported_once():
    key = make_key(random.Random('b64-entries-current'))
    data = _yaml([('TOGETHER_API_KEY', key), ('base_url', _ENDPOINT)])
    found = scan_bytes(data, 'secret.yaml')
    assert [(f.line, f.hashed_secret) for f in found] == [(6, hash_secret(key))]


_DECOYS = {
    'digest-beside-endpoint': lambda rng: _yaml([
        ('checksum', hashlib.sha256(rng.randbytes(8)).hexdigest()), ('base_url', _ENDPOINT)]),
    'other-provider': lambda rng: _yaml([
        ('provider', 'openai'), ('api_key', make_hex(rng)), ('note', 'moved off together')]),
    # the endpoint ends an inner map, the key's entry is its parent's
    'entry-of-another-map': lambda rng: (
        b'spec:\n  template:\n    base_url: ' + _b64(_ENDPOINT).encode()
        + b'\n  api_key: ' + _b64(make_hex(rng)).encode() + b'\n'),
    'lone-context-entry': lambda rng: _yaml([('base_url', _ENDPOINT)]) + b'# api_key: '
    + _b64(make_hex(rng)).encode() + b'\n',
    'binary-entries': lambda rng: (
        b'data:\n  blob: ' + base64.b64encode(rng.randbytes(32) + make_hex(rng).encode())
        + b'\n  base_url: ' + _b64(_ENDPOINT).encode() + b'\n'),
    'json-digest-beside-provider': lambda rng: _json([
        ('api_key_sha256', hashlib.sha256(rng.randbytes(8)).hexdigest()), ('provider', 'together')]),
}


@pytest.mark.parametrize('case', sorted(_DECOYS))
def test_decoys_stay_clean(case):
    data = _DECOYS[case](random.Random(f'b64-entries-decoy-{case}'))
    assert scan_bytes(data, 'secret.yaml') == []


def test_the_view_maps_each_entry_to_its_value():
    from together_hooks.detect.codec import b64_entries_view

    key = make_hex(random.Random('b64-entries-view'))
    data = _yaml([('api_key', key), ('base_url', _ENDPOINT), ('blob', '\x00\x01')])
    starts = [data.index(_b64(v).encode()) for v in (key, _ENDPOINT)]
    view = b64_entries_view(data, [starts[1]])
    assert view is not None
    # the binary entry is left out; each line maps to its value's start
    assert view.data == f'  api_key: {key}\n  base_url: {_ENDPOINT}\n'.encode()
    assert view.origin(view.data.index(key.encode()) + 5) == starts[0]
    assert view.origin(view.data.index(b'base_url')) == starts[1]
    # a value that is not an entry's (mid-line) reads nothing
    assert b64_entries_view(data, [starts[1] + 4]) is None
