"""A fifth held-out set of keys in encoded and binary forms (round 7):
forms the first four sets (``encoded_heldout_test.py``, ``2``, ``3``,
``4``) do not try.  Every character escaped in more notations (decimal
HTML references, lower-case ``%xx`` of the key alone, JavaScript
``String.fromCharCode``, ``\\u`` in a JS string, Python's ``\\U`` and
``list(key.encode())``, Java's ``new byte[]{…}``, Go's ``%v`` of a
legacy key's line); UTF-16 text (big-endian in a binary, a Python repr
of UTF-16-LE without a BOM, a SQLite database in UTF-16); zlib at levels
1 and 9 and raw deflate in base64, xz, lzma-alone and bzip2 in base64
and raw, a tar, zip, git pack or bundle inside base64, base64 of base64,
base64url without padding, base64 wrapped at 64 and 76 columns with
CRLF, PHP's ``json_encode`` escaping ``/`` as ``\\/`` inside a base64
value, data: URIs of text, MIME encoded-words (``=?utf-8?b?``, ``?q?``),
a JWT payload, a Kubernetes Secret of a whole ``.env``, a GitHub
Actions log (the key masked, its base64 not), docker's ``config.json``
``auth``, ``.netrc`` and ``.npmrc`` ``_auth``, an HTTP Basic header, a
PDF's Flate stream, hex of gzip; and decoys (random base64, images,
digests, base64 of text naming Together without a key, JWTs, archives
of the standard library).

Built by the real tools where the machine has them (``base64``,
``openssl``, ``xz``, ``bzip2``, ``gzip``, ``tar``, ``zip``, ``git``,
``sqlite3``, ``xxd``) and by the standard library otherwise; a case
needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``); each case checks which keys its file yields.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import json
import lzma
import os
import quopri
import tempfile
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout4_test import _bundle
from tests.accuracy.encoded_heldout4_test import _pack
from tests.accuracy.encoded_heldout4_test import _stdlib
from tests.accuracy.encoded_heldout3_test import _tar
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool
from tests.accuracy.encoded_heldout_test import _tool_file
from tests.accuracy.encoded_heldout_test import _zip


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _legacy_env(h: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={h}\nLOG_LEVEL=info\n'.encode()


def _jwt(payload: dict, m: Made) -> str:
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
    body = _b64url(json.dumps(payload, separators=(',', ':')).encode())
    return f'{head}.{body}.{_b64url(m.rng.randbytes(32))}'


def _sqlite_utf16(rows: list[tuple[str, str]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'settings.db')
        import sqlite3
        con = sqlite3.connect(path)
        con.execute("PRAGMA encoding = 'UTF-16le'")
        con.execute('CREATE TABLE settings (name TEXT, value TEXT)')
        con.executemany('INSERT INTO settings VALUES (?, ?)', rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


# --- every character escaped -----------------------------------------------------

def html_decimal_entities(m: Made):
    k = m.key()
    ents = ''.join(f'&#{ord(c)};' for c in k)
    return f'<meta name="together-api-key" content="{ents}">\n'.encode(), [k]


def html_hex_entities_padded(m: Made):
    # An obfuscator's XML: four-digit hex references.
    k = m.key()
    ents = ''.join(f'&#x{ord(c):04X};' for c in k)
    return f'<setting name="TogetherApiKey">{ents}</setting>\n'.encode(), [k]


def percent_lower_every_byte(m: Made):
    k = m.key()
    q = ''.join(f'%{b:02x}' for b in k.encode())
    return f'https://app.example.com/cb?state=ok&token={q}\n'.encode(), [k]


def js_from_char_code(m: Made):
    k = m.key()
    codes = ','.join(str(ord(c)) for c in k)
    return f'const apiKey = String.fromCharCode({codes});\nfetch(url, {{headers: {{Authorization: "Bearer " + apiKey}}}});\n'.encode(), [k]


def js_unicode_escapes(m: Made):
    k = m.key()
    esc = ''.join(f'\\u{ord(c):04x}' for c in k)
    return f'export const TOGETHER_API_KEY = "{esc}";\n'.encode(), [k]


def python_big_u_escapes(m: Made):
    k = m.key()
    esc = ''.join(f'\\U{ord(c):08x}' for c in k)
    return f'TOGETHER_API_KEY = "{esc}"\n'.encode(), [k]


def python_list_of_bytes(m: Made):
    # print(list(key.encode()))
    k = m.key()
    return (str(list(k.encode())) + '\n').encode(), [k]


def java_byte_array(m: Made):
    k = m.key()
    arr = ', '.join(str(b) for b in k.encode())
    return f'private static final byte[] TOGETHER_KEY = new byte[] {{{arr}}};\n'.encode(), [k]


def go_v_legacy_line(m: Made):
    h = m.hex()
    line = f'TOGETHER_API_KEY={h}'.encode()
    return ('env bytes: [' + ' '.join(str(b) for b in line) + ']\n').encode(), [h]


def c_octal_legacy_line(m: Made):
    h = m.hex()
    esc = ''.join(f'\\{b:03o}' for b in f'TOGETHER_API_KEY={h}'.encode())
    return f'static const char env[] = "{esc}";\n'.encode(), [h]


# --- UTF-16 ------------------------------------------------------------------------

def utf16be_in_binary(m: Made):
    k = m.key()
    env = _env(k).decode().encode('utf-16-be')
    return m.rng.randbytes(2000) + env + m.rng.randbytes(2000), [k]


def pyrepr_utf16le_no_bom(m: Made):
    k = m.key()
    return f'data = {_env(k).decode().encode("utf-16-le")!r}\n'.encode(), [k]


def sqlite_utf16_database(m: Made):
    k = m.key()
    return _sqlite_utf16([('theme', 'dark'), ('together_api_key', k)]), [k]


def utf16le_env_in_zip(m: Made):
    k = m.key()
    return _zip({'cfg/.env': b'\xff\xfe' + _env(k).decode().encode('utf-16-le')}), [k]


# --- compression in base64 and raw ---------------------------------------------

def zlib_level1_b64(m: Made):
    k = m.key()
    return f'{{"blob": "{_b64(zlib.compress(_env(k), 1))}"}}\n'.encode(), [k]


def zlib_level9_b64(m: Made):
    k = m.key()
    return f'payload: {_b64(zlib.compress(_env(k), 9))}\n'.encode(), [k]


def zlib_level9_b64_legacy(m: Made):
    h = m.hex()
    return f'payload: {_b64(zlib.compress(_legacy_env(h), 9))}\n'.encode(), [h]


def raw_deflate_b64(m: Made):
    k = m.key()
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = c.compress(_env(k)) + c.flush()
    return f'x-deflated: {_b64(raw)}\n'.encode(), [k]


def zlib_raw_file_level9(m: Made):
    k = m.key()
    return zlib.compress(_env(k) * 2, 9), [k]


def xz_b64(m: Made):
    k = m.key()
    return _tool('base64', data=_tool('xz', '-c', data=_env(k))), [k]


def xz_b64_legacy(m: Made):
    h = m.hex()
    return _tool('base64', data=_tool('xz', '-c', data=_legacy_env(h))), [h]


def lzma_alone_raw(m: Made):
    k = m.key()
    return _tool('xz', '--format=lzma', '-c', data=_env(k)), [k]


def lzma_alone_b64(m: Made):
    k = m.key()
    return f'BLOB={_b64(lzma.compress(_env(k), format=lzma.FORMAT_ALONE))}\n'.encode(), [k]


def bzip2_b64_wrapped(m: Made):
    k = m.key()
    return _tool('base64', '-w', '64', data=_tool('bzip2', '-c', data=_env(k))), [k]


def bzip2_raw_legacy(m: Made):
    h = m.hex()
    return _tool('bzip2', '-c', data=_legacy_env(h)), [h]


def tar_in_b64(m: Made):
    k = m.key()
    return _b64(_tar({'app/.env': _env(k), 'app/README': b'hello\n'})).encode() + b'\n', [k]


def tar_xz_in_b64(m: Made):
    k = m.key()
    tar = _tool_file(['tar', '-cJf', '-', '.env'], _env(k))
    return f'archive: {_b64(tar)}\n'.encode(), [k]


def zip_in_b64_cli(m: Made):
    k = m.key()
    z = _tool_file(['zip', '-q', '-', '.env'], _env(k))
    return _tool('base64', data=z), [k]


def git_pack_in_b64(m: Made):
    k = m.key()
    return f'pack: {_b64(_pack({".env": _env(k)}))}\n'.encode(), [k]


def git_bundle_in_b64(m: Made):
    k = m.key()
    return _b64(_bundle({'deploy/.env': _env(k)})).encode() + b'\n', [k]


def pdf_flate_stream(m: Made):
    k = m.key()
    content = f'BT /F1 12 Tf 72 720 Td (TOGETHER_API_KEY={k}) Tj ET'.encode()
    stream = zlib.compress(content)
    pdf = (b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ' + str(len(stream)).encode()
           + b' /Filter /FlateDecode >>\nstream\n' + stream + b'\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
    return pdf, [k]


def xxd_of_gzip(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=gzip.compress(_env(k), mtime=0)), [k]


# --- base64 shapes ---------------------------------------------------------------

def b64_of_b64_env(m: Made):
    k = m.key()
    return _b64(_b64(_env(k)).encode()).encode() + b'\n', [k]


def b64url_no_padding_env(m: Made):
    k = m.key()
    return f'?cfg={_b64url(_env(k))}\n'.encode(), [k]


def b64_wrapped_76_crlf(m: Made):
    k = m.key()
    return base64.encodebytes(_env(k) * 2).replace(b'\n', b'\r\n'), [k]


def openssl_b64_64_legacy(m: Made):
    h = m.hex()
    return _tool('openssl', 'base64', '-e', data=_legacy_env(h) * 2), [h]


def php_json_escaped_slash(m: Made):
    # PHP's json_encode writes '/' as '\/': inside a base64 value too.
    k = m.key()
    raw = b'\xff\xfe\xfd' + _env(k)
    val = None
    for pad in range(64):
        b = _b64(bytes([pad]) + raw)
        if '/' in b:
            val = b
            break
    assert val is not None
    return ('{"config":"' + val.replace('/', '\\/') + '"}\n').encode(), [k]


def data_uri_text_plain(m: Made):
    k = m.key()
    return f'<a href="data:text/plain;charset=utf-8;base64,{_b64(_env(k))}">download .env</a>\n'.encode(), [k]


def mime_encoded_word_b(m: Made):
    k = m.key()
    return f'From: ops@example.com\nSubject: =?utf-8?b?{_b64(f"Together key: {k}".encode())}?=\n\nsee subject\n'.encode(), [k]


def mime_encoded_word_q(m: Made):
    k = m.key()
    q = quopri.encodestring(f'Together key {k}'.encode(), header=True).decode()
    return f'Subject: =?UTF-8?Q?{q}?=\n\n'.encode(), [k]


def jwt_payload_key(m: Made):
    k = m.key()
    return f'Authorization: Bearer {_jwt({"sub": "svc", "together_api_key": k}, m)}\n'.encode(), [k]


def k8s_secret_whole_env(m: Made):
    k = m.key()
    return (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ntype: Opaque\n'
        f'data:\n  .env: {_b64(_env(k))}\n'
    ).encode(), [k]


def k8s_secret_whole_env_legacy(m: Made):
    h = m.hex()
    return (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ntype: Opaque\n'
        f'data:\n  app.env: {_b64(_legacy_env(h))}\n'
    ).encode(), [h]


def actions_masked_log(m: Made):
    k = m.key()
    return (
        '2026-12-01T10:00:00.0000000Z ##[group]Run ./deploy.sh\n'
        '2026-12-01T10:00:00.0000000Z env:\n'
        '2026-12-01T10:00:00.0000000Z   TOGETHER_API_KEY: ***\n'
        '2026-12-01T10:00:00.0000000Z ##[endgroup]\n'
        f'2026-12-01T10:00:01.0000000Z encoded config: {_b64(json.dumps({"together_api_key": k}).encode())}\n'
    ).encode(), [k]


def docker_config_auth(m: Made):
    k = m.key()
    cfg = {'auths': {'registry.together.xyz': {'auth': _b64(f'svc:{k}'.encode())}}}
    return json.dumps(cfg, indent='\t').encode(), [k]


def netrc_current_key(m: Made):
    k = m.key()
    return f'machine api.together.xyz\n  login svc\n  password {k}\n'.encode(), [k]


def npmrc_auth(m: Made):
    k = m.key()
    return f'registry=https://npm.example.com/\n//npm.example.com/:_auth={_b64(f"svc:{k}".encode())}\nalways-auth=true\n'.encode(), [k]


def http_basic_header_legacy(m: Made):
    h = m.hex()
    return f'GET /v1/models HTTP/1.1\r\nHost: api.together.xyz\r\nAuthorization: Basic {_b64(f"together:{h}".encode())}\r\n\r\n'.encode(), [h]


# --- decoys: no key in any of these ---------------------------------------------------

def decoy_b64_random_wrapped(m: Made):
    return _tool('base64', data=m.rng.randbytes(5000)), []


def decoy_png_data_uri(m: Made):
    png = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(3000)
    return f'<img alt="Together" src="data:image/png;base64,{_b64(png)}">\n'.encode(), []


def decoy_sha256_b64(m: Made):
    lines = [f'together-{i}.tar.gz sha256-{_b64(m.rng.randbytes(32))}' for i in range(20)]
    return ('\n'.join(lines) + '\n').encode(), []


def decoy_b64_together_text(m: Made):
    text = b'# Together AI\nSet TOGETHER_API_KEY in your shell; never commit it. See https://api.together.xyz/v1/models\n'
    return f'readme: {_b64(text * 3)}\n'.encode(), []


def decoy_zlib9_b64_stdlib(m: Made):
    return f'blob: {_b64(zlib.compress(_stdlib("this.py"), 9))}\n'.encode(), []


def decoy_xz_stdlib(m: Made):
    return _tool('xz', '-c', data=_stdlib('json/decoder.py')), []


def decoy_bz2_b64_stdlib(m: Made):
    return f'x: {_b64(bz2.compress(_stdlib("json/decoder.py")))}\n'.encode(), []


def decoy_jwt_no_key(m: Made):
    return f'Authorization: Bearer {_jwt({"sub": "svc", "provider": "together", "jti": m.rng.randbytes(16).hex()}, m)}\n'.encode(), []


def decoy_docker_config_password(m: Made):
    cfg = {'auths': {'registry.together.xyz': {'auth': _b64(b'svc:correct-horse-battery-staple')}}}
    return json.dumps(cfg, indent='\t').encode(), []


def decoy_html_decimal_text(m: Made):
    ents = ''.join(f'&#{ord(c)};' for c in 'tgp_v1_ keys go in TOGETHER_API_KEY')
    return f'<p>{ents}</p>\n'.encode(), []


def decoy_from_char_code_text(m: Made):
    codes = ','.join(str(ord(c)) for c in 'Together API key missing: set TOGETHER_API_KEY')
    return f'alert(String.fromCharCode({codes}));\n'.encode(), []


def decoy_percent_placeholder(m: Made):
    q = ''.join(f'%{b:02x}' for b in ('tgp_v1_' + 'x' * 43).encode())
    return f'https://app.example.com/cb?token={q}\n'.encode(), []


def decoy_tar_b64_stdlib(m: Made):
    return _b64(_tar({'this.py': _stdlib('this.py')})).encode() + b'\n', []


def decoy_k8s_secret_key_id(m: Made):
    env = f'TOGETHER_API_KEY_ID=key_{m.rng.randbytes(12).hex()}\nTOGETHER_BASE_URL=https://api.together.xyz/v1\n'
    return f'apiVersion: v1\nkind: Secret\ndata:\n  .env: {_b64(env.encode())}\n'.encode(), []


def decoy_utf16_random_binary(m: Made):
    env = 'TOGETHER_API_KEY=${TOGETHER_API_KEY}\n'.encode('utf-16-be')
    return m.rng.randbytes(3000) + env + m.rng.randbytes(3000), []


def decoy_sqlite_utf16_digest(m: Made):
    return _sqlite_utf16([('provider', 'together'), ('together_sha256', m.rng.randbytes(32).hex())]), []


def decoy_pdf_flate_text(m: Made):
    stream = zlib.compress(b'BT /F1 12 Tf 72 720 Td (Set TOGETHER_API_KEY before running) Tj ET')
    return (b'%PDF-1.4\n1 0 obj\n<< /Length ' + str(len(stream)).encode() + b' /Filter /FlateDecode >>\nstream\n'
            + stream + b'\nendstream\nendobj\n%%EOF\n'), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(html_decimal_entities, 'web/meta.html'),
    _case(html_hex_entities_padded, 'web/settings.xml'),
    _case(percent_lower_every_byte, 'web/callback.log'),
    _case(js_from_char_code, 'web/obf.js'),
    _case(js_unicode_escapes, 'web/key.js'),
    _case(python_big_u_escapes, 'src/key_u.py'),
    _case(python_list_of_bytes, 'logs/py-bytes.txt'),
    _case(java_byte_array, 'src/Key.java'),
    _case(go_v_legacy_line, 'logs/go-env.txt'),
    _case(c_octal_legacy_line, 'src/env_octal.c'),
    _case(utf16be_in_binary, 'dumps/env16be.bin'),
    _case(pyrepr_utf16le_no_bom, 'logs/repr16le.txt'),
    _case(sqlite_utf16_database, 'db/settings16.db', 'sqlite3'),
    _case(utf16le_env_in_zip, 'backup/env16.zip'),
    _case(zlib_level1_b64, 'enc/zlib1.json'),
    _case(zlib_level9_b64, 'enc/zlib9.yaml'),
    _case(zlib_level9_b64_legacy, 'enc/zlib9-legacy.yaml'),
    _case(raw_deflate_b64, 'enc/deflate.txt'),
    _case(zlib_raw_file_level9, 'enc/env.zz'),
    _case(xz_b64, 'enc/env.xz.b64', 'xz', 'base64'),
    _case(xz_b64_legacy, 'enc/legacy.xz.b64', 'xz', 'base64'),
    _case(lzma_alone_raw, 'enc/env.lzma', 'xz'),
    _case(lzma_alone_b64, 'enc/lzma.env'),
    _case(bzip2_b64_wrapped, 'enc/env.bz2.b64', 'bzip2', 'base64'),
    _case(bzip2_raw_legacy, 'enc/legacy.env.bz2', 'bzip2'),
    _case(tar_in_b64, 'enc/app.tar.b64'),
    _case(tar_xz_in_b64, 'enc/app.txz.yaml', 'tar', 'xz'),
    _case(zip_in_b64_cli, 'enc/env.zip.b64', 'zip', 'base64'),
    _case(git_pack_in_b64, 'enc/pack.yaml', 'git'),
    _case(git_bundle_in_b64, 'enc/bundle.b64', 'git'),
    _case(pdf_flate_stream, 'docs/runbook.pdf'),
    _case(xxd_of_gzip, 'enc/env.gz.hex', 'xxd'),
    _case(b64_of_b64_env, 'enc/env.b64.b64'),
    _case(b64url_no_padding_env, 'enc/url.txt'),
    _case(b64_wrapped_76_crlf, 'enc/env.mime.b64'),
    _case(openssl_b64_64_legacy, 'enc/legacy.pem', 'openssl'),
    _case(php_json_escaped_slash, 'enc/php.json'),
    _case(data_uri_text_plain, 'web/download.html'),
    _case(mime_encoded_word_b, 'mail/b.eml'),
    _case(mime_encoded_word_q, 'mail/q.eml'),
    _case(jwt_payload_key, 'http/jwt.txt'),
    _case(k8s_secret_whole_env, 'k8s/app-env.yaml'),
    _case(k8s_secret_whole_env_legacy, 'k8s/app-env-legacy.yaml'),
    _case(actions_masked_log, 'ci/deploy.log'),
    _case(docker_config_auth, 'home/.docker/config.json'),
    _case(netrc_current_key, 'home/.netrc'),
    _case(npmrc_auth, 'home/.npmrc'),
    _case(http_basic_header_legacy, 'http/basic.txt'),
    _case(decoy_b64_random_wrapped, 'decoys/random.b64', 'base64'),
    _case(decoy_png_data_uri, 'decoys/logo.html'),
    _case(decoy_sha256_b64, 'decoys/SHA256SUMS'),
    _case(decoy_b64_together_text, 'decoys/readme.yaml'),
    _case(decoy_zlib9_b64_stdlib, 'decoys/zlib9.yaml'),
    _case(decoy_xz_stdlib, 'decoys/decoder.py.xz', 'xz'),
    _case(decoy_bz2_b64_stdlib, 'decoys/bz2.yaml'),
    _case(decoy_jwt_no_key, 'decoys/jwt.txt'),
    _case(decoy_docker_config_password, 'decoys/.docker/config.json'),
    _case(decoy_html_decimal_text, 'decoys/help.html'),
    _case(decoy_from_char_code_text, 'decoys/alert.js'),
    _case(decoy_percent_placeholder, 'decoys/callback.log'),
    _case(decoy_tar_b64_stdlib, 'decoys/this.tar.b64'),
    _case(decoy_k8s_secret_key_id, 'decoys/key-id.yaml'),
    _case(decoy_utf16_random_binary, 'decoys/env16be.bin'),
    _case(decoy_sqlite_utf16_digest, 'decoys/digest16.db'),
    _case(decoy_pdf_flate_text, 'decoys/help.pdf'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (babcca4): 23 of 48 keys found (25 cases missed), 0 of 17
# decoys reported.
MISSED: dict[str, str] = {
    # Decimal bytes without a comma (the prefix's numbers are read as a
    # list's: ``engine.DEC_PREFIX``; a lower-case name's too,
    # ``engine.BYTES_MARKS``).  The upper-case name's ``84 72 69 82``
    # would be a plain-route group of its own: 23.08 -> 24.08 passes over
    # clean bytes (``screen_plain_work_test.py``'s text).
    'go-v-legacy-line': "Go's %v of a []byte: space-separated decimals of an upper-case name (a pass more)",
    # Raw deflate has no header: its base64 has no start to find.
    'raw-deflate-b64': 'raw deflate (no header) in base64',
    # Encodings read elsewhere but not here.
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 40 and decoys >= 15, (keys, decoys)
