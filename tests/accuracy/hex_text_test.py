"""Keys written as hex text (docs/detection.md, "Encoded forms: which are
read"): a key's bytes as ``.hex()``, ``xxd -p`` (wrapped at 60, the key
at each byte alignment of a line), upper or lower case, apart by blanks,
commas or colons, ``\\x`` escapes, Postgres' ``\\x`` bytea, C's and
Java's byte arrays (wrapped), a registry export's ``hex:`` and
``hex(2):`` (UTF-16LE, continued with ``,\\``); a legacy key's 128 hex
characters with its Together name plain before them or encoded with
them.  Hex text is read near a keyword the screen finds (a Together
name, ``tgp_v1_``): a hex run with none is not read.  Decoys: random hex
lines, sha256 lists, random byte arrays, hex of text and of a digest
beside the word together."""
from __future__ import annotations

import hashlib

from tests.accuracy import Case
from tests.accuracy import make_tests


def _hx(raw: bytes, sep: str = '', lead: str = '', upper: bool = False) -> str:
    form = '{:02X}' if upper else '{:02x}'
    return sep.join(lead + form.format(b) for b in raw)


def _named(value_of, legacy: bool = False, after: str = ''):
    """``TOGETHER_API_KEY = <the key's bytes in some hex form>``, then
    ``after`` (the file's next lines: the decoded key must not run into
    them)."""
    def build(m):
        key = m.hex() if legacy else m.key()
        return f'# deploy settings\nTOGETHER_API_KEY = {value_of(key.encode())}\n{after}', [(2, key)]
    return build


FORMS = {
    'hex': lambda raw: raw.hex(),
    'hex-upper': lambda raw: raw.hex().upper(),
    'blanks': lambda raw: _hx(raw, ' '),
    'commas': lambda raw: _hx(raw, ','),
    'colons-upper': lambda raw: _hx(raw, ':', upper=True),
    'backslash-x': lambda raw: '"' + _hx(raw, lead='\\x') + '"',
    'bytea': lambda raw: "'\\x" + raw.hex() + "'::bytea",
    'fromhex': lambda raw: 'bytes.fromhex("' + _hx(raw, ' ') + '").decode()',
    'odd-lead': lambda raw: 'a' + raw.hex(),
}


def c_array(upper: bool, per_line: int):
    """``static const char together_key[] = {`` then ``0x74, 0x67, …``
    wrapped at ``per_line`` bytes: reported where its first line starts."""
    def build(m):
        key = m.key()
        raw = key.encode()
        lines = [_hx(raw[i:i + per_line], ', ', '0x', upper) for i in range(0, len(raw), per_line)]
        body = ',\n    '.join(lines)
        return f'static const char together_key[] = {{\n    {body}\n}};\n', [(2, key)]
    return build


def go_slice(m):
    """Go's ``[]byte{0x74, …}``: the type's name right before the brace
    (the decoded key must not run into it)."""
    key = m.key()
    return f'package cfg\n\nvar togetherAPIKey = []byte{{{_hx(key.encode(), ", ", "0x")}}}\n', [(3, key)]


def java_array(m):
    key = m.hex()
    arr = _hx(key.encode(), ', ', '(byte) 0x')
    return f'class Cfg {{\n  static final byte[] TOGETHER_API_KEY = {{{arr}}};\n}}\n', [(2, key)]


def xxd_env(pad: int, legacy: bool = False):
    """``xxd -p .env`` (60 digits a line) under a note naming the file,
    the key at byte ``pad + 18`` of the dump (every alignment within a
    line over the pads): reported on the line of its first byte."""
    def build(m):
        key = m.hex() if legacy else m.key()
        env = f'#{"x" * pad}\nTOGETHER_API_KEY={key}\nDEBUG=0\n'.encode()
        h = env.hex()
        lines = [h[i:i + 60] for i in range(0, len(h), 60)]
        first = env.index(key.encode()) * 2 // 60
        return '# the Together API key in .env, as xxd -p wrote it\n' + '\n'.join(lines) + '\n', [(2 + first, key)]
    return build


def reg_value(kind: str, legacy: bool = False):
    """regedit's export: ``hex:`` (REG_BINARY, the bytes) or ``hex(2):``
    (REG_EXPAND_SZ, UTF-16LE and a NUL), 25 bytes a line, ``,\\`` joins."""
    def build(m):
        key = m.hex() if legacy else m.key()
        raw = key.encode() if kind == 'hex' else (key + '\0').encode('utf-16-le')
        pairs = _hx(raw, ',').split(',')
        rows = [','.join(pairs[i:i + 25]) for i in range(0, len(pairs), 25)]
        value = ',\\\r\n  '.join(rows)
        text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
                f'"TOGETHER_API_KEY"={kind}:{value}\r\n')
        return text, [(4, key)]
    return build


def legacy_hex_of_hex(m):
    key = m.hex()
    return f'together:\n  api_key: {key.encode().hex()}\n', [(2, key)]


def decoy_random_lines(m):
    rng = m.rng
    lines = [rng.randbytes(rng.randrange(7, 64)).hex() for _ in range(200)]
    return '# together build ids\n' + '\n'.join(lines) + '\n', []


def decoy_sha256_list(m):
    rng = m.rng
    rows = [f'{hashlib.sha256(rng.randbytes(16)).hexdigest()}  together-0.{i}.tar.gz' for i in range(40)]
    return '\n'.join(rows) + '\n', []


def decoy_random_array(m):
    raw = m.rng.randbytes(48)
    return f'static const unsigned char together_iv[] = {{{_hx(raw, ", ", "0x")}}};\n', []


def decoy_text(m):
    text = b'We work together on this. TOGETHER_API_KEY=${TOGETHER_API_KEY} key_abc123'
    return f'TOGETHER_NOTE = {text.hex()}\n', []


def decoy_digest_hex(m):
    """A digest's hex text, as hex, beside prose saying together: no
    Together name, no key."""
    digest = hashlib.sha256(m.rng.randbytes(8)).hexdigest()
    return f'# built together with the release team\nchecksum = {digest.encode().hex()}\n', []


def decoy_legacy_generic(m):
    """A 64-hex value's hex under a generic name, nothing of Together's
    but a word in prose."""
    key = m.rng.randbytes(32).hex()
    return f'# notes: we did this together\nAPI_KEY = {key.encode().hex()}\n', []


CASES = [
    *(Case(f'hex-{name}', f'cfg/{name}.txt', _named(form)) for name, form in FORMS.items()),
    *(Case(f'hex-legacy-{name}', f'legacy/{name}.txt', _named(form, True))
      for name, form in FORMS.items() if name in ('hex', 'hex-upper', 'blanks', 'backslash-x')),
    # The next line starts with a key character: the run's line break
    # stays between the decoded key and it.
    *(Case(f'hex-{name}-next-line', f'cfg/next-{name}.txt', _named(form, after='REGION=us\nDEBUG=0\n'))
      for name, form in FORMS.items()),
    *(Case(f'hex-legacy-{name}-next-line', f'legacy/next-{name}.txt', _named(form, True, 'model: llama\n'))
      for name, form in FORMS.items() if name in ('hex', 'blanks')),
    Case('hex-go-slice', 'src/cfg.go', go_slice),
    Case('hex-c-array', 'src/key.c', c_array(False, 12)),
    Case('hex-c-array-upper', 'src/key_upper.c', c_array(True, 8)),
    Case('hex-java-array-legacy', 'src/Cfg.java', java_array),
    *(Case(f'hex-xxd-env-{pad}', f'dump/env{pad}.hex', xxd_env(pad)) for pad in range(0, 30, 3)),
    *(Case(f'hex-xxd-env-legacy-{pad}', f'dump/legacy{pad}.hex', xxd_env(pad, True)) for pad in (0, 7, 14)),
    Case('hex-reg-binary', 'windows/bin.reg', reg_value('hex')),
    Case('hex-reg-expand', 'windows/expand.reg', reg_value('hex(2)')),
    Case('hex-reg-binary-legacy', 'windows/bin_legacy.reg', reg_value('hex', True)),
    Case('hex-legacy-hex-of-hex', 'cfg/together.yaml', legacy_hex_of_hex),
    Case('decoy-hex-random-lines', 'data/random.hex', decoy_random_lines),
    Case('decoy-hex-sha256-list', 'data/SHA256SUMS', decoy_sha256_list),
    Case('decoy-hex-random-array', 'src/iv.c', decoy_random_array),
    Case('decoy-hex-text', 'cfg/note.txt', decoy_text),
    Case('decoy-hex-digest-hex', 'cfg/sum.txt', decoy_digest_hex),
    Case('decoy-hex-legacy-generic', 'cfg/generic.txt', decoy_legacy_generic),
]

results, test_case = make_tests(CASES)
