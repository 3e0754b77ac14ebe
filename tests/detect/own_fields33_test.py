"""Session 33 (review33): a field that says an object is no credential (a
digest's, a usage record's counters: ``rules._OBJECT_VETO``) vetoes a
legacy key only as a field of the key's own object, not of an object
nested in it.  A request logged with its response's ``"usage":
{"total_tokens": ...}``, or a key beside an attached file's ``{"sha256":
...}``, holds a credential; LiteLLM's spend log (``"spend"`` and
``"total_tokens"`` beside the hashed ``api_key``) and a file entry (a
``"sha256"`` beside its ``"key"``) stay clean, as acc33 made them.
Nor does a field's value whose text reads ``sha256: ...`` or ``spend:``
name a field: the veto reads names outside quoted strings."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_URL = 'https://api.together.xyz/v1'

FOUND = (
    ('usage-nested', 'request.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "response": {{"usage": '
     '{{"prompt_tokens": 12, "completion_tokens": 80, "total_tokens": 92}}}}}}\n'),
    ('usage-nested-lines', 'request.json',
     '{{\n  "api_key": "{hex}",\n  "base_url": "' + _URL + '",\n  "usage": {{\n'
     '    "total_tokens": 3\n  }}\n}}\n'),
    ('limits-nested', 'key.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "limits": {{"spend": 0}}}}\n'),
    ('attachment-digest-nested', 'upload.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "file": {{"name": "a.jsonl", "sha256": "x"}}}}\n'),
    # (session 34, mut34: a sibling object after the key's own, in one list)
    ('sibling-digest-after', 'entries.json',
     '[{{"api_key": "{hex}", "base_url": "' + _URL + '"}}, {{"name": "a.jsonl", "sha256": "x"}}]\n'),
    ('sibling-usage-after', 'log.json',
     '[{{"api_key": "{hex}", "base_url": "' + _URL + '"}},\n {{"spend": 0.1, "total_tokens": 9}}]\n'),
    ('statement-after-the-call', 'client.py',
     "cfg = dict(api_key='{hex}', base_url='" + _URL + "')\nartifact_sha256 = 'x'\n"),
    # (a field's value whose text says ``word:`` or ``word=``: no field's name)
    ('value-text-spend', 'key.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "note": "spend: low"}}\n'),
    ('value-text-digest', 'key.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "note": "rotated; sha256=pending"}}\n'),
    ('kwarg-value-text', 'client.py',
     "cfg = dict(api_key='{hex}', base_url='" + _URL + "', comment='checksum: n/a')\n"),
)
CLEAN = (
    ('spend-log-row', 'spend.json',
     '[{{"request_id":"chatcmpl-1","api_key":"{hex}","model":"together_ai/meta-llama/Llama-3",'
     '"spend":0.0004,"total_tokens":812}}]\n'),
    ('usage-own-fields', 'usage.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "prompt_tokens": 12, "completion_tokens": 80}}\n'),
    ('usage-own-after-nested', 'usage.json',
     '{{"api_key": "{hex}", "base_url": "' + _URL + '", "meta": {{"region": "us"}}, "spend": 0.1}}\n'),
    ('file-entry-digest', 'files.json',
     '{{"name": "model.bin", "key": "{hex}", "base_url": "' + _URL + '", "sha256": "x"}}\n'),
    # (the field after a value holding the other quote, an escaped one, or
    # an object written escaped inside a string: still a field's name)
    ('digest-after-apostrophe', 'files.json',
     '{{"key": "{hex}", "base_url": "' + _URL + '", "note": "don\'t", "sha256": "x"}}\n'),
    ('digest-after-escaped-quote', 'files.json',
     '{{"key": "{hex}", "base_url": "' + _URL + '", "note": "say \\"hi", "sha256": "x"}}\n'),
    ('escaped-object-digest', 'log.json',
     '{{"body": "{{\\"api_key\\": \\"{hex}\\", \\"base_url\\": \\"' + _URL + '\\", \\"sha256\\": \\"x\\"}}"}}\n'),
    ('kwarg-digest', 'files.py',
     "entry = dict(key='{hex}', base_url='" + _URL + "', sha256='x')\n"),
)


def _scan(text: str, path: str, seed: int) -> tuple[str, list]:
    secret = make_hex(random.Random(seed))
    return secret, scan_bytes(text.format(hex=secret).encode(), path)


@pytest.mark.parametrize('name,path,text', FOUND, ids=[c[0] for c in FOUND])
def test_a_vetoing_field_of_a_nested_object_leaves_the_key_found(name, path, text):
    secret, found = _scan(text, path, 3300 + len(name))
    assert [f.hashed_secret for f in found] == [hash_secret(secret)]


@pytest.mark.parametrize('name,path,text', CLEAN, ids=[c[0] for c in CLEAN])
def test_a_vetoing_field_of_the_keys_own_object_still_vetoes(name, path, text):
    _secret, found = _scan(text, path, 3400 + len(name))
    assert found == []
