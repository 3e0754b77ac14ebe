"""Keys inside binary files written by the real libraries: a ``.pyc``'s
marshalled constants, pickles, a SQLite page.  Binary formats lay a
length or type byte before a string and the next field's byte right
after it, so in a binary file (a NUL in its first 8 KB, as git judges,
or a control byte or bytes that are not UTF-8: msgpack, CBOR, protobuf)
the ``tgp_v1_`` prefix is a key's left edge and its 50th character its
right edge; a text file keeps the whole-run boundary."""
from __future__ import annotations

import importlib.util
import marshal
import pickle
import random

import pytest

from tests import jdk
from tests.detect.baits import glued
from tests.detect.baits import GLUED_UNITS
from tests.detect.baits import KB
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

_rng = random.Random('binary-formats')


def _pyc(source: str) -> bytes:
    """What ``py_compile`` writes: the header, then the marshalled code."""
    code = compile(source, 'settings.py', 'exec')
    return importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(code)


def _secrets(data: bytes) -> list[str]:
    return sorted(f.secret for f in scan_bytes(data, 'blob.bin'))


@pytest.mark.parametrize('after', [
    'NAME = None',  # "N" touches the key's last character
    'NAME = "Zebra"',  # an interned short string: "Z" or "\xda"
    'PAIR = ("a", "b")',  # a small tuple: ")"
    'N = 1',
])
def test_a_key_in_a_pyc_file_is_found(after):
    key = make_key(_rng)
    data = _pyc(f'KEY = "{key}"\n{after}\n')
    assert _secrets(data) == [key]


def test_keys_in_a_pyc_functions_constants_are_found():
    a, b = make_key(_rng), make_key(_rng)
    data = _pyc(f'def f():\n    return ("{a}", "{b}")\n')
    assert _secrets(data) == sorted([a, b])


@pytest.mark.parametrize('protocol', range(1, pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize('as_bytes', [False, True], ids=['str', 'bytes'])
def test_a_key_in_a_pickle_is_found(protocol, as_bytes):
    # Protocols 1-3 write the next opcode ("q", memoize) right after it.
    key = make_key(_rng)
    value = key.encode() if as_bytes else key
    data = pickle.dumps({'api_key': value, 'retries': 3}, protocol=protocol)
    assert _secrets(data) == [key]


@pytest.mark.parametrize('shape', ['dict', 'list', 'nested', 'object'])
def test_a_key_in_a_protocol_0_pickle_is_found(shape):
    # Text: each str is the ``V`` opcode glued to its text, then a memo
    # line; no NUL marks the file binary.
    key = make_key(_rng)
    obj = {
        'dict': {'api_key': key, 'retries': 3},
        'list': ['x', key, 1.5],
        'nested': {'cfg': {'model': 'm', 'key': key}},
        'object': _Settings(key),
    }[shape]
    data = pickle.dumps(obj, protocol=0)
    assert b'V' + key.encode() in data
    assert _secrets(data) == [key]


def test_a_legacy_key_named_in_a_protocol_0_pickle_is_found():
    hexkey = make_hex(_rng)
    data = pickle.dumps({'TOGETHER_API_KEY': hexkey, 'debug': False}, protocol=0)
    assert _secrets(data) == [hexkey]
    # Unnamed, it is a digest like any other.
    assert _secrets(pickle.dumps({'sha256': hexkey}, protocol=0)) == []


def test_a_protocol_0_pickle_string_longer_than_a_key_is_no_key():
    key = make_key(_rng)
    assert _secrets(pickle.dumps({'k': key + 'Q'}, protocol=0)) == []


class _Settings:
    def __init__(self, key: str) -> None:
        self.api_key = key


def test_a_key_in_marshal_data_is_found():
    # The length byte of a 50-character string is "2"; an int holds NULs.
    key = make_key(_rng)
    assert _secrets(marshal.dumps(('cfg', key, None, 3))) == [key]


def test_two_keys_glued_in_a_binary_file_are_both_found():
    a, b = make_key(_rng), make_key(_rng)
    data = b'\0\x32' + a.encode() + b.encode() + b'N\0'
    assert _secrets(data) == sorted([a, b])


def test_a_text_file_keeps_the_whole_run_boundary():
    # The same bytes without a NUL: a run longer than a key is no key.
    key = make_key(_rng)
    assert _secrets(b'x = "' + key.encode() + b'N"\n') == []
    assert _secrets(b'x = "Q' + key.encode() + b'"\n') == []


# -- serialisations with no NUL: a 50-byte string's length byte is "2" -----------

def _msgpack_str(s: bytes) -> bytes:
    return (bytes([0xA0 | len(s)]) if len(s) < 32 else b'\xd9' + bytes([len(s)])) + s


def _cbor_str(s: bytes) -> bytes:
    return (bytes([0x60 | len(s)]) if len(s) < 24 else b'\x78' + bytes([len(s)])) + s


def _pb_field(number: int, value: bytes) -> bytes:
    assert len(value) < 128
    return bytes([(number << 3) | 2, len(value)]) + value


@pytest.mark.parametrize('form', ['msgpack', 'cbor', 'protobuf'])
def test_a_key_in_a_serialisation_without_a_nul_is_found(form):
    # msgpack's ``\xd92``, CBOR's ``x2``, protobuf's ``\x122``: the length
    # byte of 50 is "2", a key character, glued to the prefix; the next
    # field's header may be a key character too (CBOR's "h" for 8 bytes).
    key = make_key(_rng).encode()
    if form == 'msgpack':
        data = b'\x83' + b''.join(map(_msgpack_str, [b'provider', b'together', b'api_key', key, b'region', b'eu']))
    elif form == 'cbor':
        data = b'\xa3' + b''.join(map(_cbor_str, [b'provider', b'together', b'api_key', key, b'endpoint', b'eu']))
    else:
        data = _pb_field(1, b'together') + _pb_field(2, key) + _pb_field(3, b'https://api.together.xyz/v1')
    assert b'\0' not in data
    assert _secrets(data) == [key.decode()]


@pytest.mark.parametrize('after', [
    b'',  # a message of one field (a ``StringValue``)
    _pb_field(4, b'https://api.together.xyz/v1/models'),  # '"' and a printable length
])
def test_a_key_in_protobuf_field_1_with_no_control_byte_is_found(after):
    # Field 1's tag is LF (0x0a) and a 50-byte length "2": the message can
    # hold no control byte and no byte past ASCII, so it reads as text; the
    # lone "2" right after a separator is the length byte, not a character
    # of a longer run.
    key = make_key(_rng).encode()
    data = _pb_field(1, key) + after
    assert not any(b < 0x20 and b != 0x0a for b in data)
    assert _secrets(data) == [key.decode()]


@pytest.mark.parametrize('text', [
    'x = "v2{k}"\n',  # "2" ending a word: the whole-run boundary holds
    'caf\u00e9 = "{k}N"\n',  # UTF-8 text with an accent
    '\x1b[1mx = "Q{k}"\x1b[0m\n',  # an ANSI-coloured log
    'typed\x08\x08 x = "Q{k}"\n',  # a terminal's backspaces
])
def test_utf8_text_with_escapes_keeps_the_whole_run_boundary(text):
    key = make_key(_rng)
    assert _secrets(text.format(k=key).encode()) == []


def test_a_name_starting_with_the_prefix_in_a_binary_file_is_read():
    # A legacy pattern's match (no run to cut) that starts with the prefix.
    hexkey = make_hex(_rng)
    text = b'tgp_v1_TOGETHER_API_KEY=' + hexkey.encode() + b'\n'
    assert _secrets(text) == [hexkey]
    assert _secrets(b'\0\n' + text) == [hexkey]


def test_a_placeholder_glued_in_a_binary_file_is_not_a_key():
    data = b'\0\x32' + b'tgp_v1_' + b'x' * 43 + b'N\0'
    assert _secrets(data) == []


@pytest.mark.parametrize('unit', GLUED_UNITS)
def test_glued_runs_in_a_binary_file_are_no_key(unit):
    # (their time at 4x the size: bench/complexity.py)
    assert scan_bytes(glued(unit, 64 * KB), 'bait.bin') == []


# -- a Together key name, then a serialised string's own type and length bytes --------

_NAMES = ['together_api_key', 'TOGETHER_API_KEY']


@pytest.mark.parametrize('protocol', range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize('name', _NAMES)
def test_a_legacy_key_named_in_a_pickle_is_found_at_every_protocol(protocol, name):
    # Protocols 1-3 memoize the name (``q\x01``), then ``X@\0\0\0``, and
    # the next opcode after the key is a letter (``q``).
    hexkey = make_hex(_rng)
    data = pickle.dumps({'provider': 'together', name: hexkey, 'timeout': 30}, protocol=protocol)
    assert _secrets(data) == [hexkey]


@pytest.mark.parametrize('protocol', range(3, pickle.HIGHEST_PROTOCOL + 1))
def test_a_legacy_key_pickled_as_bytes_is_found(protocol):
    hexkey = make_hex(_rng)
    assert _secrets(pickle.dumps({'together_api_key': hexkey.encode()}, protocol=protocol)) == [hexkey]


@pytest.mark.parametrize('protocol', range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize('name', ['sha256_of_together_api_key', 'hash_of_together_api_key',
                                  'sha256_together_api_key', 'together_api_key_sha256'])
def test_a_digest_named_for_the_key_in_a_pickle_is_clean(protocol, name):
    hexkey = make_hex(_rng)
    assert _secrets(pickle.dumps({name: hexkey}, protocol=protocol)) == []


def test_a_legacy_key_in_a_binary_plist_is_found():
    import plistlib

    hexkey = make_hex(_rng)
    data = plistlib.dumps({'EnvironmentVariables': {'TOGETHER_API_KEY': hexkey}, 'Label': 'ai.local'},
                          fmt=plistlib.FMT_BINARY)
    assert _secrets(data) == [hexkey]


@pytest.mark.parametrize('data', [
    # msgpack: a fixstr name, then str8 of 64 (``\xd9@``)
    lambda n, k: b'\x82' + bytes([0xa0 | len(n)]) + n + b'\xd9@' + k + b'\xa7timeout\x1e',
    # CBOR: a text name, then text of 64 (``x@``)
    lambda n, k: b'\xa1' + bytes([0x60 | len(n)]) + n + b'x@' + k,
    # BSON: a string element: type 2, the name's cstring, int32 65
    lambda n, k: b'\x60\x00\x00\x00\x02' + n + b'\x00A\x00\x00\x00' + k + b'\x00\x00',
], ids=['msgpack', 'cbor', 'bson'])
def test_a_legacy_key_in_a_serialised_map_is_found(data):
    hexkey = make_hex(_rng)
    assert _secrets(data(b'together_api_key', hexkey.encode())) == [hexkey]


def _compile(tmp_path, tool: str, argv: list[str]) -> None:
    import shutil
    import subprocess

    if shutil.which(tool) is None:
        pytest.skip(f'{tool} is not installed')
    subprocess.run(jdk.argv(argv), cwd=tmp_path, check=True, capture_output=True)


@pytest.mark.parametrize(('modifiers', 'method'), [
    ('public static final', ''),
    ('public static', '    public String get() { return TOGETHER_API_KEY; }\n'),
])
def test_a_legacy_key_in_a_javac_constant_is_found(tmp_path, modifiers, method):
    # The pool: the field's name, ``Ljava/lang/String;``, a final field's
    # ``ConstantValue``, the CONSTANT_String, the key's Utf8 (a non-final
    # field read by a method puts its Fieldref first, the same order).
    # Not yet: a pool with the key first (a method inlining the final
    # constant, a field set only in ``<clinit>``): the name comes after.
    hexkey = make_hex(_rng)
    (tmp_path / 'Config.java').write_text(
        f'public class Config {{\n    {modifiers} String TOGETHER_API_KEY = "{hexkey}";\n{method}}}\n')
    _compile(tmp_path, 'javac', ['javac', '-d', '.', 'Config.java'])
    assert _secrets((tmp_path / 'Config.class').read_bytes()) == [hexkey]


def test_a_javac_digest_constant_beside_a_together_field_is_clean(tmp_path):
    hexkey = make_hex(_rng)
    (tmp_path / 'Pins.java').write_text(
        f'public class Pins {{\n    static final String SHA256 = "{hexkey}";\n    String togetherApiKey;\n'
        '    String together_api_key = System.getenv("TOGETHER_API_KEY");\n}\n')
    _compile(tmp_path, 'javac', ['javac', '-d', '.', 'Pins.java'])
    assert _secrets((tmp_path / 'Pins.class').read_bytes()) == []


def test_a_compiled_programs_adjacent_strings_are_no_key(tmp_path):
    # gcc -O2 lays getenv's name and a printed digest side by side in
    # .rodata, NULs between them: no serialised string's length bytes.
    hexkey = make_hex(_rng)
    (tmp_path / 'm.c').write_text(
        '#include <stdio.h>\n#include <stdlib.h>\n'
        'int main(void) { if (!getenv("TOGETHER_API_KEY")) return 1; '
        f'puts("{hexkey}"); return 0; }}\n')
    _compile(tmp_path, 'gcc', ['gcc', '-O2', '-o', 'm', 'm.c'])
    data = (tmp_path / 'm').read_bytes()
    assert b'TOGETHER_API_KEY' in data and hexkey.encode() in data
    assert _secrets(data) == []
