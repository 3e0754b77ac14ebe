"""A document written as an escaped string is judged as the document it
is (session 36, fp36).

A config, a commit message or a shell script kept as one string inside
JSON, YAML, TOML or a Python repr (``{"settings": "Rotate Together
key\\n<hex>"}``) was reported where the same text on its own is no key.
Three causes, all one fault: the escaped text is another shape to the
rules' patterns.

- Its first line joins the outer object's (``{"settings": "Rotate ...``),
  so a veto that wants the line's start (a hash under a commit subject)
  does not hold.
- A generic name takes the escape's letter (``\\nOPENAI_API_KEY`` reads as
  ``nOPENAI_API_KEY``), so the name's own vetoes are not asked.
- The escaped ``\\n`` is no line to a pattern of lines (a ``machine``
  line of ``.netrc``, a flat ``.env`` group, a command's own line).

Now a key inside a string literal that holds escapes, whose Together
context is the literal's own (a keyword near the key once unescaped, none
outside the literal), is reported only if the literal, unescaped one
level and scanned as a document of its own, holds it
(``engine._embedded_vetoes``).  One level at a time: JSON in JSON in
JSON is judged level by level, as each level is a document.
"""
from __future__ import annotations

import json
import random

import pytest

from tests.detect.escaped_vetoes35_test import LAYOUTS
from tests.keys import fill
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_URL = 'https://api.together.xyz/v1'
# Every escaping written with backslashes (an HTML attribute leaves the
# line breaks raw: escaped_vetoes35_test's ``OPEN``).
BACKSLASHED = sorted(name for name in LAYOUTS if name != 'html-attribute')

# Not keys on their own, by cause.
DECOYS = {
    'commit-subject': 'Rotate Together key\n{hex}',
    'changelog-entry': '- Removed the Together API key\n  {hex}',
    'netrc-other-host': 'machine api.github.com login me password {hex}\nmachine api.together.xyz login me password x',
    'flat-group-other-endpoint': 'LLM_API_KEY={hex}\nLLM_BASE_URL=https://llm.example.com/v1\nTOGETHER_BASE_URL=' + _URL,
    'checksums-heading': 'checksums:\n  together: {hex}',
    'sibling-section': '[together]\nbase_url = "' + _URL + '"\n\n[openai]\napi_key = "{hex}"',
    'other-command': "llm -m gpt-4o --key {hex} 'hi'\nllm -m together/m 'hi'",
    'make-other-provider': 'LLM_BASE_URL ?= ' + _URL + '\nOPENAI_BASE_URL ?= https://api.openai.com/v1\nOPENAI_API_KEY ?= {hex}',
}

# Keys on their own: the same shapes, Together's.
KEYS = {
    'env': 'TOGETHER_API_KEY={hex}\nOTHER=1',
    'rotated-and-pasted': 'Rotated the Together key: {hex}',
    'netrc-together-host': 'machine api.github.com login me password x\nmachine api.together.xyz login me password {hex}',
    'flat-group-together-endpoint': 'LLM_BASE_URL=' + _URL + '\nLLM_API_KEY={hex}',
}


def _doc(template: str, seed: str) -> tuple[str, str]:
    text, key = fill(template, random.Random(seed))
    assert key is not None
    return text, key


@pytest.mark.parametrize('layout', BACKSLASHED)
@pytest.mark.parametrize('case', sorted(DECOYS))
def test_a_document_no_key_on_its_own_stays_none_written_escaped(case, layout):
    text, _key = _doc(DECOYS[case], f'fp36-decoy-{case}')
    assert scan_bytes(text.encode(), 'config/settings.json') == []
    assert scan_bytes(LAYOUTS[layout](text).encode(), 'config/settings.json') == []


# Missed before this change as after it (a miss, not noise): an ``LLM_``
# group beside Together's endpoint written in a YAML or TOML string or a
# Python repr, not in a JSON object.
_MISSED = {('flat-group-together-endpoint', layout) for layout in ('python-repr', 'toml-string', 'yaml-string')}


@pytest.mark.parametrize('case,layout', [
    pytest.param(case, layout, marks=pytest.mark.xfail(strict=True, reason='missed before and after (a miss)'))
    if (case, layout) in _MISSED else (case, layout)
    for case in sorted(KEYS) for layout in ['plain', *BACKSLASHED]
])
def test_a_document_holding_a_key_still_does_written_escaped(case, layout):
    text, key = _doc(KEYS[case], f'fp36-key-{case}-{layout}')
    data = text if layout == 'plain' else LAYOUTS[layout](text)
    found = scan_bytes(data.encode(), 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]


@pytest.mark.parametrize('wrap', ['once', 'twice'])
def test_the_structure_outside_the_string_still_answers(wrap):
    # The document alone names Together only in prose (no key on its own),
    # but the object holding the string is Together's: what makes it a key
    # is outside the literal, so the literal alone does not judge.
    text, key = _doc('API_KEY={hex}\n# run the two together', f'fp36-outer-{wrap}')
    assert scan_bytes(text.encode(), 'config/settings.json') == []
    data = json.dumps({'together': {'env': text}})
    if wrap == 'twice':
        data = json.dumps({'together': {'app': data}})
    found = scan_bytes(data.encode(), 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]


def test_each_level_of_json_in_json_is_its_own_document():
    # Unescaped all at once, the inner object's string would hold real
    # line breaks, on no line of escapes: judged one level at a time.
    text, _key = _doc(DECOYS['netrc-other-host'], 'fp36-levels')
    data = text
    for _ in range(3):
        data = json.dumps({'settings': data})
    assert scan_bytes(data.encode(), 'config/settings.json') == []


def test_a_string_naming_nothing_is_not_judged_alone():
    # The literal names nothing and Together's name is farther than the
    # rule's window outside it (a long object under ``"together"``, one
    # item a line): the structure around answers, as for any value.
    text, key = _doc('API_KEY={hex}\nX=1', 'fp36-far')
    notes = {f'note{i}': 'n' * 1000 for i in range(5)}
    data = json.dumps({'together': {**notes, 'env': text}}, indent=2)
    found = scan_bytes(data.encode(), 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]


def test_records_each_naming_together_are_each_their_own_document():
    # A JSON Lines file of such records names Together on every line, each
    # inside another record's string: none is the structure around this
    # one, which is judged alone as on a line of its own.
    rng = random.Random('fp36-jsonl')
    lines = []
    for _ in range(20):
        text, _key = fill(DECOYS['commit-subject'], rng)
        lines.append(json.dumps({'message': text}))
    data = '\n'.join(lines) + '\n'
    assert scan_bytes(data.encode(), 'commits.jsonl') == []
    # (and a record holding a key among them is found)
    text, key = fill(KEYS['env'], rng)
    lines.insert(10, json.dumps({'message': text}))
    found = scan_bytes(('\n'.join(lines) + '\n').encode(), 'commits.jsonl')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]
