"""The one base64 decoder (``codec.b64_decode``) and the one form builder
(``codec.b64_forms``) that the engine, the own-key matcher and the scrubber
share."""
from __future__ import annotations

import base64
import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.detect.baits import ENCODED_KEYWORD_UNIT
from tests.detect.baits import units
from tests.keys import make_hex
from together_hooks.detect.codec import b64_decode
from together_hooks.detect.codec import b64_forms
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.ownkeys import encoded_forms


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.binary(max_size=200), st.booleans(), st.booleans())
def test_decodes_what_base64_encodes(raw, urlsafe, padded):
    enc = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(raw)
    assert b64_decode(enc if padded else enc.rstrip(b'=')) == raw


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.binary(min_size=8, max_size=60), st.binary(max_size=5), st.binary(max_size=5))
def test_the_forms_of_raw_are_in_every_encoding_that_holds_it(raw, before, after):
    enc = base64.b64encode(before + raw + after)
    forms = b64_forms(raw)
    assert any(f in enc for f in forms)
    assert any(f in enc.translate(bytes.maketrans(b'+/', b'-_')) for f in forms)


@pytest.mark.parametrize('lead', ['', 'A=1\n', 'AB=2\n'])
@pytest.mark.parametrize('kind', ['tgp', 'hex'])
def test_a_base64_env_ending_in_its_key_is_found(keys, lead, kind):
    # kubectl create secret --from-file=.env: the key's line is often the
    # last, so the value ends in a padded group that holds the key's end.
    key = keys(kind) if kind == 'hex' else keys()
    env = f'{lead}TOGETHER_API_KEY={key}\n'.encode()
    data = b'kind: Secret\ndata:\n  .env: ' + base64.b64encode(env) + b'\n'
    found = scan_bytes(data, 'secret.yaml')
    assert [(f.secret, f.line, f.encoding) for f in found] == [(key, 3, 'base64')]


def test_own_key_forms_are_the_codecs(keys):
    raw = keys().encode()
    assert {f for f, how in encoded_forms(raw) if how == 'base64'} == b64_forms(raw)


@pytest.mark.parametrize('name', [
    'VALUE=', 'LLM_INI_B64=', 'export CHAT_CONFIG=', '--set-string config.ini=', 'set ABCD=',
    'X=', 'AB=', 'ABC=',
])
def test_a_base64_ini_glued_to_its_name_decodes_from_the_value(keys, name):
    # The name's letters are base64 characters too: decoded with them, the
    # INI file's first line would follow stray bytes, its [together]
    # heading no longer at a line start.
    hx = keys('hex')
    ini = f'[together]\napi_key = {hx}\nmodel = m\n'.encode()
    data = b'# chat\n' + name.encode() + base64.b64encode(ini) + b'\n'
    found = scan_bytes(data, 'chat.env')
    assert [(f.secret, f.line, f.encoding) for f in found] == [(hx, 2, 'base64')]


def test_padding_inside_a_run_still_joins_a_name_glued_key(keys):
    # The encoded key after an ``=`` inside a longer run: found as before.
    key = keys()
    enc = base64.b64encode(f'TOGETHER_API_KEY={key}\n'.encode()).decode()
    found = scan_bytes(f'A=B={enc}\n'.encode(), 'x.env')
    assert [(f.secret, f.encoding) for f in found] == [(key, 'base64')]


@pytest.mark.parametrize('name, urlsafe', [
    ('GET https://cfg.example.com/v1/config/', False),
    ('llm_ini_b64_', False),
    ('cfg/ini/', False),
    ('ini-', True),
    ('chat_config_', True),
])
def test_a_base64_ini_glued_by_a_base64_character_decodes_from_the_value(keys, name, urlsafe):
    # A name joined to its value by a character base64 holds too (a URL
    # path's ``/``, ``_``, ``-``): the value starts after it where the
    # bytes decoded before it are not text and those after it are.
    hx = keys('hex')
    ini = f'[together]\napi_key = {hx}\n'.encode()
    enc = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(ini)
    found = scan_bytes(b'# chat\n' + name.encode() + enc + b'\n', 'chat.txt')
    assert [(f.secret, f.line, f.encoding) for f in found] == [(hx, 2, 'base64')]


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=60),
       st.sampled_from(['', 'X=', 'cfg/', 'a_b_']))
def test_a_base64_text_value_keeps_every_line(head, name):
    # A text value decodes to no stray bytes: whatever its first line, a
    # [together] heading on a later line still stands at a line start.
    hx = make_hex(random.Random('a text value'))
    ini = f'{head}\n[together]\napi_key = {hx}\n'.encode()
    data = name.encode() + base64.b64encode(ini) + b'\n'
    found = scan_bytes(data, 'x.txt')
    assert [f.secret for f in found] == [hx]


def test_many_encoded_keywords_are_no_key():
    # Each hit once searched the runs of the 8 KB before it: below that
    # reach, 4x the lines cost 16x (now walked once: bench/complexity.py).
    assert scan_bytes(units(ENCODED_KEYWORD_UNIT, 8192), 'run.cmd') == []


def test_every_value_of_a_long_json_list_of_encoded_env_lines_is_found():
    """A one-line JSON list of 300 strings, each the base64 of
    ``TOGETHER_API_KEY=<key>``: the run read around the first hits is cut
    by its window mid-string; the values past the cut are read from their
    own start (one in 74 was missed, read from mid-string)."""
    import hashlib
    import json

    rng = random.Random(74)
    keys = [make_hex(rng) for _ in range(300)]
    data = json.dumps([
        base64.b64encode(f'TOGETHER_API_KEY={k}'.encode()).decode() for k in keys
    ]).encode()
    found = {f.hashed_secret for f in scan_bytes(data, 'list.json')}
    missed = [i for i, k in enumerate(keys) if hashlib.sha1(k.encode()).hexdigest() not in found]
    assert missed == []


def test_the_own_encoders_match_the_standard_library():
    """``codec._b32encode``/``_b85encode`` and ``ownkeys._pct`` (two
    characters a lookup, ``bytes.hex``: a developer holding 5,000 keys
    learns every key's forms on each commit) give exactly what
    ``base64`` and ``'%%%02X' %`` give, at every length and alignment."""
    import base64
    import random

    from together_hooks.detect import codec
    from together_hooks.detect.ownkeys import _pct

    rng = random.Random(85)
    for n in [*range(41), 64, 100, 257]:
        for _ in range(20):
            data = bytes(rng.getrandbits(8) for _ in range(n))
            assert codec._b32encode(data) == base64.b32encode(data)
            assert codec._b85encode(data) == base64.b85encode(data)
            assert _pct(data, upper=True) == ''.join('%%%02X' % b for b in data).encode()
            assert _pct(data, upper=False) == ''.join('%%%02x' % b for b in data).encode()
