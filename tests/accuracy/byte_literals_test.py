"""Keys in byte literals, as code and programs write bytes that are no
text: Python's repr of UTF-16 bytes (``repr(s.encode('utf-16'))``, either
byte order, with or without a BOM, on a long line of other output), a Java
or C# array of UTF-16 bytes (signed or not), a key's hex text with no name
near (``bytes.fromhex``), each byte its own escaped literal under a
Together name (hex or octal escapes, a few a line), a Ruby word array
joined.  The bytes a literal
denotes are read as a file's bytes are (``codec.byte_literal_at``, then
``engine.scan_bytes``: wide text decoded).  Every literal is written by
Python's own ``repr``/``encode`` here, not by hand.  Decoys: the same
forms holding prose, random bytes (a test vector, an image's bytes in a C
header, a lookup table) or a placeholder beside Together names.  Also run
in every mode (``byte_literals_modes_test.py``)."""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import make_tests


def _repr16(encoding: str, template: str, legacy: bool = False, before: str = ''):
    """``before`` + Python's repr of ``template`` (``{k}`` the key) encoded."""
    def build(m):
        key = m.hex() if legacy else m.key()
        text = repr(template.format(k=key).encode(encoding))
        return f'{before}{text}\n', [(1 + before.count(chr(10)), key)]
    return build


def _java16(encoding: str, signed: bool, name: str = 'key'):
    def build(m):
        key = m.key()
        raw = key.encode(encoding)
        items = ', '.join(str(b - 256 if signed and b > 127 else b) for b in raw)
        return f'class K {{\n    static final byte[] {name} = {{{items}}};\n}}\n', [(2, key)]
    return build


def _fromhex(m):
    key = m.key()
    return f'blob = bytes.fromhex("{key.encode().hex()}")\n', [(1, key)]


def _hex_log(m):
    key = m.key()
    return f'2026-11-30 10:00:01 DEBUG payload={key.encode().hex()} len={len(key)}\n', [(1, key)]


def _pieces(form: str, per_line: int):
    """Each byte its own string literal, ``per_line`` a line, under a
    Together name (reported on the first byte's line, 2)."""
    def build(m):
        key = m.key()
        items = [form % b for b in key.encode()]
        body = ''.join('    ' + ', '.join(items[i:i + per_line]) + ',\n' for i in range(0, len(items), per_line))
        return f'TOGETHER_API_KEY = b"".join([\n{body}])\n', [(2, key)]
    return build


def _ruby_words(sep: str):
    """A key split in two in a Ruby word array joined by ``sep``: one key
    when joined with nothing between, none with a separator."""
    def build(m):
        key = m.key()
        joined = '.join' if sep == '' else f'.join("{sep}")'
        return f'KEY = %w[{key[:20]} {key[20:]}]{joined}\n', [(1, key)] if sep == '' else []
    return build


def _decoy_repr16(m):
    text = 'TOGETHER_API_KEY is read from the environment; a tgp_v1_ key is never written here\n'
    return f'>>> open("README", encoding="utf-16").read().encode("utf-16")\n{repr(text.encode("utf-16"))}\n', []


def _decoy_placeholder16(m):
    text = 'TOGETHER_API_KEY=tgp_v1_<your-key-here>\n'
    return f'example = {repr(text.encode("utf-16-le"))}\n', []


def _decoy_random_repr(m):
    raw = bytes(m.rng.getrandbits(8) if i % 2 == 0 else 0 for i in range(256))
    return f'# together test vector\nTOGETHER_VECTOR = {raw!r}\n', []


def _decoy_c_image(m):
    # An image's bytes beside a Together name, with the UTF-16 mark's
    # numbers in it: 116, 0, 103, 0, 112 and more bytes that spell nothing.
    raw = [116, 0, 103, 0, 112, 0] + [m.rng.getrandbits(8) for _ in range(200)]
    rows = ',\n'.join('    ' + ', '.join(str(b) for b in raw[i:i + 16]) for i in range(0, len(raw), 16))
    return f'/* together logo */\nstatic const unsigned char logo[] = {{\n{rows}\n}};\n', []


def _decoy_lookup_table(m):
    table = ', '.join(str((i * 37 + 116) % 256) for i in range(256))
    return f'TOGETHER_CRC = [{table}]\n', []


CASES = [
    Case('repr-utf16-env', 'logs/env16.txt', _repr16('utf-16', 'APP_ENV=prod\nTOGETHER_API_KEY={k}\nDEBUG=0\n')),
    Case('repr-utf16le-key', 'app/k16le.py', _repr16('utf-16-le', '{k}', before='raw = ')),
    Case('repr-utf16be-env', 'app/k16be.py', _repr16('utf-16-be', 'TOGETHER_API_KEY={k}', before='data = ')),
    Case('repr-utf16-long-line', 'logs/trace.log', _repr16(
        'utf-16', 'key={k}', before='2026-11-30T10:00:00Z DEBUG request=7f3a status=200 body=')),
    Case('java-utf16-signed', 'src/K16.java', _java16('utf-16', True)),
    Case('java-utf16le-unsigned', 'src/K16le.java', _java16('utf-16-le', False)),
    Case('csharp-unicode-bytes', 'src/K.cs', _java16('utf-16-le', False, 'Unicode')),
    Case('fromhex-no-name', 'app/blob.py', _fromhex),
    Case('hex-payload-log', 'logs/payload.log', _hex_log),
    Case('pieces-hex-three', 'app/pieces_hex.py', _pieces('"\\x%02x"', 3)),
    Case('pieces-hex-one', 'app/pieces_one.py', _pieces('b"\\x%02x"', 1)),
    Case('pieces-octal-four', 'app/pieces_oct.py', _pieces('"\\%03o"', 4)),
    Case('ruby-words-joined', 'lib/key.rb', _ruby_words('')),
    Case('decoy-ruby-words-joined-by-dash', 'lib/key_dash.rb', _ruby_words('-')),
    Case('decoy-repr-utf16-prose', 'logs/readme16.txt', _decoy_repr16),
    Case('decoy-repr-utf16-placeholder', 'app/example16.py', _decoy_placeholder16),
    Case('decoy-repr-random-vector', 'tests/vector.py', _decoy_random_repr),
    Case('decoy-c-image-bytes', 'src/logo.h', _decoy_c_image),
    Case('decoy-lookup-table', 'app/crc.py', _decoy_lookup_table),
]

results, test_case = make_tests(CASES)
