"""A byte array read through its constructor (``codec._CONSTRUCTOR``): a
legacy key's characters as a decimal or hex byte array, built into a
string by a call or a type between the Together name and the array
(Java's ``new String(new byte[]{…})``, Go's ``string([]byte{0x…})``,
JS's ``String.fromCharCode(…)``, C#, Kotlin, Rust, Node, Python), are
read as the text they spell standing where the value does, so the name
right before holds it (session 35, acc35).  Decoys: the same arrays
under a digest's name, under a name that is no Together key's, and an
array spelling no key."""
from __future__ import annotations

import random
import uuid

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_rng = random.Random('byte-constructors35')


def _dec(text: str) -> str:
    return ', '.join(str(b) for b in text.encode())


def _hex(text: str) -> str:
    return ', '.join('0x%02x' % b for b in text.encode())


# (name, source with ``{name}`` and ``{array}``, how the array is written)
SHAPES = [
    ('java', 'class T {{ static final String {name} = new String(new byte[]{{{array}}}); }}\n', _dec),
    ('java-spaced', 'class T {{\n    static final String {name} = new String(new byte[] {{ {array} }});\n}}\n', _dec),
    ('go-hex', 'package k\n\nvar {name} = string([]byte{{{array}}})\n', _hex),
    ('go-dec', 'package k\n\nvar {name} = string([]byte{{{array}}})\n', _dec),
    ('js', 'const {name} = String.fromCharCode({array});\n', _dec),
    ('node', 'const {name} = Buffer.from([{array}]).toString();\n', _dec),
    ('csharp', 'var {name} = Encoding.UTF8.GetString(new byte[] {{ {array} }});\n', _dec),
    ('kotlin', 'val {name} = String(byteArrayOf({array}))\n', _dec),
    ('rust', 'let {name} = String::from_utf8(vec![{array}]).unwrap();\n', _dec),
    ('python-hex', '{name} = bytes([{array}]).decode()\n', _hex),
    ('python-arg', 'client = Together(api_key=bytes([{array}]).decode())\n', _dec),
]


@pytest.mark.parametrize('shape, template, write', SHAPES, ids=[s[0] for s in SHAPES])
def test_a_legacy_key_built_from_bytes_under_a_together_name_is_found(shape, template, write):
    h = make_hex(_rng)
    source = template.format(name='TOGETHER_API_KEY' if shape != 'go-hex' else 'togetherAPIKey', array=write(h))
    found = scan_bytes(source.encode(), f'src/{shape}.txt')
    assert [f.hashed_secret for f in found] == [hash_secret(h)], source


@pytest.mark.parametrize('shape, template, write', SHAPES[:-1], ids=[s[0] for s in SHAPES[:-1]])
@pytest.mark.parametrize('name', ['togetherSdkSha256', 'OPENAI_API_KEY', 'TOGETHER_MODEL'])
def test_the_same_bytes_under_a_name_that_is_no_together_keys_stay_clean(shape, template, write, name):
    h = make_hex(_rng)
    source = template.format(name=name, array=write(h))
    assert scan_bytes(source.encode(), f'src/{shape}.txt') == [], source


@pytest.mark.parametrize('shape, template, write', SHAPES[:-1], ids=[s[0] for s in SHAPES[:-1]])
def test_an_array_spelling_no_key_stays_clean(shape, template, write):
    text = str(uuid.UUID(int=_rng.getrandbits(128)))
    source = template.format(name='TOGETHER_API_KEY', array=write(text))
    assert scan_bytes(source.encode(), f'src/{shape}.txt') == [], source


@pytest.mark.parametrize('shape, template, write', SHAPES[:-1], ids=[s[0] for s in SHAPES[:-1]])
def test_a_current_key_so_built_is_found_once(shape, template, write):
    k = make_key(_rng)
    source = template.format(name='key', array=write(k))
    assert [f.hashed_secret for f in scan_bytes(source.encode(), f'src/{shape}.txt')] == [hash_secret(k)]


def test_a_call_before_a_value_that_is_no_array_is_left_alone():
    """The constructor is read only with an array after it: a name, then
    a call over plain arguments and a legacy-shaped digest in another
    statement, stays as it was."""
    h = make_hex(_rng)
    source = f'TOGETHER_API_KEY = os.environ.get("TOGETHER_API_KEY")\nchecksum = sha256("{h}")\n'
    assert scan_bytes(source.encode(), 'src/app.py') == []


@pytest.mark.parametrize('source', [
    'function k() {{ return String.fromCharCode({}); }}\n',
    'String.fromCharCode({})\n',
    'console.log(`${{String.fromCharCode({})}}`)\n',
])
def test_a_call_read_without_a_delimiter_before_it_is_kept_apart_from_the_text(source):
    """No ``=``, ``:``, ``,`` or ``(`` before the call (``return``, a
    line's start): the call stays, a space between its name and the text
    the array spells, so the key does not run into ``fromCharCode``."""
    k = make_key(_rng)
    found = scan_bytes(source.format(_dec(k)).encode(), 'src/k.js')
    assert [f.hashed_secret for f in found] == [hash_secret(k)]
