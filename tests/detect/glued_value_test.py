"""A container's base64 value glued to a name or a path by one of base64's
own characters (``v2-H4sI...``, ``SNAPSHOT_H4sI...``, ``/state/H4sI...``),
and one inside a JSON string whose writer escaped ``/`` and ``+``
(``\\/``, ``\\u002b``): both opened and their keys found, while the short
zlib marks after the same characters (``is_eNotation``) still send
nothing to the engine (work counted, not timed)."""
from __future__ import annotations

import base64
import gzip
import json
import random

import pytest

from tests.keys import make_key
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

SCREEN = keyword_screen(RULES)


def _gzip_value(seed: str, urlsafe: bool = False) -> tuple[str, str]:
    rng = random.Random(seed)
    key = make_key(rng)
    payload = json.dumps({'together_api_key': key, 'pad': rng.randbytes(60).hex()}).encode()
    raw = gzip.compress(payload, mtime=0)
    value = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(raw).decode()
    assert value.startswith('H4sI')
    return key, value


GLUED = {
    'after-dash': 'cache-key: v2-{v}\n',
    'after-underscore': 'SNAPSHOT_{v}\n',
    'after-slash': 'GET /state/{v} HTTP/1.1\n',
}


@pytest.mark.parametrize('place', sorted(GLUED))
@pytest.mark.parametrize('pad', [0, 300])  # a short file's plain loops; grouped searches
def test_a_gzip_value_glued_by_a_base64_character_is_found(place, pad):
    key, value = _gzip_value(f'glued-{place}', urlsafe=place == 'after-slash')
    data = ('x = 1\n' * pad + GLUED[place].format(v=value)).encode()
    assert prefilter.value_start(data, data.index(b'H4sI'))
    assert SCREEN.blob_test(0)(data)
    assert b'H4sI' in SCREEN.where(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'x.txt')] == [hash_secret(key)]


# The three-character zlib marks after a glue character: identifiers,
# where no value starts (``is_eNotation``, ``x-eJwt``, ``a/eAEx``).
SHORT = b'is_eNotation x-eJwt a/eAEx some_eNrich line-eNqueue'


@pytest.mark.parametrize('size', [40, 4000])
def test_a_short_magic_after_a_glue_character_sends_nothing_to_the_engine(size):
    data = (b'def f(n):\n    return ' + SHORT + b'\n') * (size // 60 + 1)
    screen = prefilter.Keywords(SCREEN.needles)
    if size > 1000:
        screen.prepare()
    assert not screen.where(data)
    assert not screen.blob_test(0)(data)
    assert all(m in data for m in (b'_eNo', b'-eJw', b'/eAE', b'_eNr', b'-eNq'))


@pytest.mark.parametrize('escapes', [
    {'/': '\\/'},  # PHP's json_encode
    {'/': '\\u002f', '+': '\\u002b'},  # .NET's HTML-safe escaping
    {'/': '\\/', '+': '\\u002B'},
])
def test_a_gzip_value_with_json_escaped_characters_is_found(escapes):
    for n in range(40):  # a value holding both characters
        key, value = _gzip_value(f'json-escaped-{n}')
        if '/' in value and '+' in value:
            break
    escaped = ''.join(escapes.get(c, c) for c in value)
    assert '\\' in escaped
    data = ('{"kind":"cfg","gz":"' + escaped + '","n":1}\n').encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'cfg.json')] == [hash_secret(key)]
