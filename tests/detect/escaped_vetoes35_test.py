"""A structure written escaped sees the vetoes the plain structure sees
(session 35, fp35).

The rules' own "not a key" sample ``{"Together:BaseUrl": <Together's
endpoint>, "OpenAI:ApiKey": <hex>}`` (another provider's key name beside
Together's endpoint: its own name decides) was reported when the JSON was
itself a string inside JSON (``json.dumps({"settings": json.dumps(cfg)})``),
with its slashes or quotes escaped, in a YAML or TOML string or a Python
repr, and even plainly when the object was on one line.  Two causes:

- the structure was judged on the original only, where the config is one
  line of escapes: the key found in a reading was judged on the original,
  and a key the original's bytes match was never judged unescaped.  Now a
  key judged held is judged again on its line unescaped (once, twice,
  thrice: ``engine._unescaped_holds``) where that reading writes Together's
  name near it;
- a key's own dotted name was a label only when its item started the
  line: ``"OpenAI:ApiKey"`` after ``"Together:BaseUrl": "...",`` on the
  same line was judged by the object around both
  (``context._other_dotted_item``).

Decoys: every legacy "not a key" sample of rules.py, put through each
escaping the engine undoes.  True positives beside them: the same layouts
with a generic ``ApiKey`` (or a sibling sharing the other provider's
prefix) beside Together's endpoint are still found.
"""
from __future__ import annotations

import html
import json
import random

import pytest

from tests.keys import fill
from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

_URL = 'https://api.together.xyz/v1'


def _json_in_json(text: str, indent: int | None = None) -> str:
    return json.dumps({'settings': text}, indent=indent)


LAYOUTS = {
    'json-in-json': lambda t: _json_in_json(t),
    'json-in-json-indented': lambda t: _json_in_json(t, 2),
    'json-in-json-twice': lambda t: json.dumps({'app': _json_in_json(t)}),
    # PHP's json_encode default: every ``/`` escaped
    'slashes-escaped': lambda t: _json_in_json(t).replace('/', '\\/'),
    # JSON_HEX_QUOT: the inner quotes as ``\u0022``
    'quotes-u0022': lambda t: '{"settings": "' + json.dumps(t)[1:-1].replace('\\"', '\\u0022') + '"}',
    'html-attribute': lambda t: '<div data-config="' + html.escape(t) + '"></div>',
    'yaml-string': lambda t: 'settings: ' + json.dumps(t) + '\n',
    'toml-string': lambda t: 'settings = ' + json.dumps(t) + '\n',
    'python-repr': lambda t: 'CFG = ' + repr(t) + '\n',
}


def _config(name: str, hexkey: str, indent: int | None) -> str:
    return json.dumps({'Together:BaseUrl': _URL, name: hexkey}, indent=indent)


@pytest.mark.parametrize('indent', [None, 2])
@pytest.mark.parametrize('layout', ['plain', *LAYOUTS])
def test_another_providers_key_name_beside_togethers_endpoint_is_no_key(layout, indent):
    hexkey = make_hex(random.Random(f'fp35-other-{layout}-{indent}'))
    text = _config('OpenAI:ApiKey', hexkey, indent)
    data = text if layout == 'plain' else LAYOUTS[layout](text)
    assert scan_bytes(data.encode(), 'config/settings.json') == []


@pytest.mark.parametrize('indent', [None, 2])
@pytest.mark.parametrize('layout', ['plain', *LAYOUTS])
@pytest.mark.parametrize('name', ['ApiKey', 'Llm:ApiKey', 'Together:ApiKey'])
def test_a_generic_key_name_beside_togethers_endpoint_is_a_key(layout, indent, name):
    hexkey = make_hex(random.Random(f'fp35-generic-{layout}-{indent}-{name}'))
    text = _config(name, hexkey, indent)
    data = text if layout == 'plain' else LAYOUTS[layout](text)
    found = scan_bytes(data.encode(), 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(hexkey)]


@pytest.mark.parametrize('layout', ['plain', 'json-in-json', 'python-repr', 'slashes-escaped'])
@pytest.mark.parametrize('prefix', ['OpenAI:', 'openai.'])
def test_a_sibling_sharing_the_other_providers_prefix_with_togethers_endpoint_is_a_key(layout, prefix):
    # (``"OpenAI:BaseUrl"`` pointed at Together, as OpenAI-compatible
    # clients are: the items sharing the key's prefix answer)
    hexkey = make_hex(random.Random(f'fp35-sibling-{layout}-{prefix}'))
    text = json.dumps({prefix + 'BaseUrl': _URL, prefix + 'ApiKey': hexkey})
    data = text if layout == 'plain' else LAYOUTS[layout](text)
    found = scan_bytes(data.encode(), 'config/settings.json')
    assert [f.hashed_secret for f in found] == [hash_secret(hexkey)]


_LEGACY = next(rule for rule in RULES if rule.id == 'together-legacy-api-key')

# The legacy "not a key" samples some escapings still report (5 of 586;
# 69 at 414d8b39, 29 after fp35: docs/detection.md, "Session 35 (fp35)"
# and "Session 36 (fp36)").  All 5 only as an HTML attribute: its
# ``&quot;`` escapes leave the sample's line breaks raw, so the attribute
# spans lines and is no string literal on the key's line to read as a
# document of its own (``engine._embedded_vetoes``); each sample's first
# line joins ``<div data-config="``, which a pattern that wants the line's
# start (a hash under a commit subject, a flat ``.env`` group) then
# misses.  Left open: a sample reported that is not here fails the test.
OPEN = frozenset((
    'TOGETHER_API_KEYS="x"\nOTHER="a {hex}"',
    'Rotate Together key\n{hex}',
    'fix: revoke the leaked TOGETHER_API_KEY\n{hex}',
    '- Removed the Together API key\n  {hex}',
    'checksums:\n- name: together\n  key: {hex}',
    # (outside36: the list item's form of ``checksums:`` then ``together:``
    # above, joined to the outer object's line the same way)
    'checksums:\n  - together: {hex}',
))


def _family(layout: str) -> list[str]:
    reported = []
    for sample in _LEGACY.false_positives:
        text, _key = fill(sample, random.Random(0))
        if scan_bytes(LAYOUTS[layout](text).encode(), 'config/settings.json'):
            reported.append(sample)
    return reported


@pytest.mark.parametrize('layout', sorted(LAYOUTS))
def test_the_legacy_rules_decoys_written_escaped_stay_no_key(layout):
    reported = _family(layout)
    assert [s for s in reported if s not in OPEN] == []
