"""A legacy key whose Together context is escaped with it (session 34,
enc34): a whole JSON config or ``.env`` written with every character
``\\u00NN`` or ``&#NN;`` (an obfuscator, a template escaping all it
writes).  The readings undo the escapes around a Together name
(``codec.escapes_view``); a generic ``api_key`` there is a key only
where Together's provider or endpoint sits with it, and that context is
written in the reading, not in the file's own bytes: the context is
asked of the reading when the original does not hold it
(``engine._secret_of``).  Decoys: the same configs for another provider,
a digest beside "together", a key id."""
from __future__ import annotations

import hashlib
import json
import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

NOTATIONS = {
    'backslash-u': lambda b: f'\\u{b:04x}',
    'html-decimal': lambda b: f'&#{b};',
}


def _escaped(notation: str, payload: bytes) -> bytes:
    text = ''.join(map(NOTATIONS[notation], payload))
    return ('{"name": "gateway",\n "settings": "' + text + '"}\n').encode()


def _config(provider: str, url: str, value: str, name: str = 'api_key') -> bytes:
    return json.dumps({'llm': {'provider': provider, 'base_url': url, name: value,
                               'model': 'meta-llama/Llama-3-70b-chat-hf'}}, indent=2).encode()


@pytest.mark.parametrize('notation', sorted(NOTATIONS))
@pytest.mark.parametrize('shape', ['provider', 'endpoint', 'yaml'])
def test_a_legacy_key_beside_escaped_together_context_is_found(notation, shape):
    h = make_hex(random.Random(f'escaped-context-{notation}-{shape}'))
    payload = {
        'provider': _config('together', 'https://gateway.internal/v1', h),
        'endpoint': json.dumps({'base_url': 'https://api.together.xyz/v1', 'api_key': h}).encode(),
        'yaml': f'provider: together\nmodel: llama-3\napi_key: {h}\n'.encode(),
    }[shape]
    data = _escaped(notation, payload)
    assert b'together' not in data and h.encode() not in data
    found = scan_bytes(data, 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(h)]


@pytest.mark.parametrize('notation', sorted(NOTATIONS))
@pytest.mark.parametrize('decoy', ['other-provider', 'other-name-beside-url', 'digest', 'key-id'])
def test_escaped_context_of_no_key_is_not_reported(notation, decoy):
    rng = random.Random(f'escaped-context-decoy-{notation}-{decoy}')
    payload = {
        # another provider's config that says it moved off Together
        'other-provider': _config('openai', 'https://api.openai.com/v1', rng.randbytes(32).hex())
        + b'\n# moved off together in 2026\n',
        # Together's endpoint beside another provider's key (rules.py's decoy, escaped)
        'other-name-beside-url': json.dumps({'Together:BaseUrl': 'https://api.together.xyz/v1',
                                             'OpenAI:ApiKey': rng.randbytes(32).hex()}, indent=2).encode(),
        # a lockfile's digest of Together's package
        'digest': (f'together==1.3.1 \\\n    --hash=sha256:{hashlib.sha256(rng.randbytes(8)).hexdigest()}\n'
                   ).encode(),
        # a key id under Together's provider
        'key-id': _config('together', 'https://api.together.xyz/v1', 'key_' + rng.randbytes(12).hex(), 'key_id'),
    }[decoy]
    assert scan_bytes(_escaped(notation, payload), 'config/settings.json') == []


def test_a_plain_structure_that_vetoes_is_not_overruled_by_a_reading():
    # The original writes Together's name plainly beside another provider's
    # key name: its structure has judged, and a reading (a stretch of it,
    # joined or unescaped) that cuts the veto off does not judge again.
    rng = random.Random('escaped-context-plain-veto')
    data = ('{\n  "Together:BaseUrl": "https://api.together.xyz/v1",\n'
            f'  "OpenAI:ApiKey": "{rng.randbytes(32).hex()}"\n}}\n').encode()
    assert scan_bytes(data, 'appsettings.json') == []
