"""Base64 split across string literals joined in code, and wrapped by a
backslash that escapes each line break: the value is read joined, and a
key past its first piece is found.  Single or double quotes, joined by a
comma (a Python list of pieces, trailing comma and all), a ``+`` (Go,
Java, JS: the ``+`` is no character of the value, one inside a piece is),
or a line break alone (Python's and C's implicit concatenation); a TOML
or YAML string's, or a shell word's, line-ending backslash.  Two strings
with a space alone between them (arguments) stay two values."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.codec import b64_value_at
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nDATABASE_URL=postgres://app@db/app\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _pieces(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def python_list(b64: str) -> str:
    body = ''.join(f"    '{p}',\n" for p in _pieces(b64, 48))
    return f"ENV_CHUNKS = [\n{body}]\n"


def python_implicit(b64: str) -> str:
    body = '\n'.join(f'    "{p}"' for p in _pieces(b64, 60))
    return f'BLOB = (\n{body}\n)\n'


def go_plus(b64: str) -> str:
    return 'const envB64 = ' + ' +\n\t'.join(f'"{p}"' for p in _pieces(b64, 64)) + '\n'


def js_plus_one_line(b64: str) -> str:
    return "const env = " + " + ".join(f"'{p}'" for p in _pieces(b64, 40)) + ';\n'


def toml_backslash(b64: str) -> str:
    return '[deploy]\nenv_b64 = """\\\n  ' + '\\\n  '.join(_pieces(b64, 64)) + '"""\n'


def shell_backslash(b64: str) -> str:
    return 'echo ' + '\\\n'.join(_pieces(b64, 70)) + ' | base64 -d > .env\n'


SHAPES = [python_list, python_implicit, go_plus, js_plus_one_line, toml_backslash, shell_backslash]


@pytest.mark.parametrize('shape', SHAPES, ids=[s.__name__ for s in SHAPES])
def test_a_key_past_the_first_piece_is_found(shape):
    key = make_key(random.Random(shape.__name__))
    data = shape(base64.b64encode(_env(key)).decode()).encode()
    assert key.encode() not in data
    assert [f.hashed_secret for f in scan_bytes(data, 'src/cfg.txt')] == [hash_secret(key)]


def test_a_plus_between_literals_is_dropped_and_one_inside_kept():
    raw = bytes([0xfb, 0xef, 0xbe]) * 20  # base64 of it is all ``+``, ``7`` and ``+``
    text = base64.b64encode(raw).decode()
    assert '+' in text
    data = go_plus(text).encode()
    decoded, _end = b64_value_at(data, data.index(b'"') + 1)
    assert decoded == raw


def test_two_strings_with_a_space_alone_between_are_two_values():
    data = b'run("QUJD" "REVG")'
    decoded, end = b64_value_at(data, 5)
    assert decoded == b'ABC'
    assert data[end:] == b'" "REVG")'
