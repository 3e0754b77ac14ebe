"""A sixth held-out set of keys in encoded and binary forms (round 8):
forms the first five sets (``encoded_heldout_test.py``, ``2`` to ``5``)
do not try.  UTF-16 in more places (little-endian with and without a BOM
between random bytes, a whole file by ``iconv``, a Python repr with a
BOM, big-endian repr, SQLite in UTF-16be, a ``.reg`` file's ``hex(2):``
value, PowerShell's ``-EncodedCommand`` and ``Unicode.GetBytes`` in
base64); xz, raw deflate and a git bundle as a base64 *value* within a
line; decimal bytes without commas (Go's ``%v``, ``od -An -tu1``, a tab
a number); C, C# and Go hex byte arrays with no Together name near;
Java and Kotlin ``byte[]`` with negative bytes; Rust's ``b"\\x.."``;
a legacy key whose name is ``\\u005f``-escaped too; HTTP Basic of
``together:<legacy key>`` in curl's header; base64 of JSON holding
base64 (and a JWT so nested); a Kubernetes Secret of ``.env.production``;
quoted-printable soft line breaks inside the key; uuencode of a gzip;
and decoys (xz, deflate and random bytes in base64 values, UTF-16
placeholders, decimal and hex lists of other data, hashes near
"together").

Built by the real tools where the machine has them (``base64``, ``xz``,
``gzip``, ``git``, ``sqlite3``, ``iconv``, ``od``, ``xxd``) and by the
standard library otherwise; a case needing a missing tool is skipped
alone.  Keys are made at run time (``tests/keys.py``); each case checks
which keys its file yields.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import json
import lzma
import os
import quopri
import subprocess
import tempfile
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout4_test import _bundle
from tests.accuracy.encoded_heldout4_test import _stdlib
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _b64url
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool


def _raw_deflate(data: bytes, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _sqlite_cli(encoding: str, rows: list[tuple[str, str]]) -> bytes:
    # The sqlite3 shell itself writes the database.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        sql = f"PRAGMA encoding = '{encoding}';\nCREATE TABLE kv (k TEXT, v TEXT);\n" + ''.join(
            f"INSERT INTO kv VALUES ('{k}', '{v}');\n" for k, v in rows
        )
        subprocess.run(['sqlite3', path], input=sql.encode(), check=True, capture_output=True)
        with open(path, 'rb') as f:
            return f.read()


def _signed(data: bytes) -> list[int]:
    return [b - 256 if b > 127 else b for b in data]


def _reg_hex(data: bytes) -> str:
    # regedit's export: comma-separated bytes, lines of ~25 bytes ending `,\`.
    parts = [f'{b:02x}' for b in data]
    lines, line = [], []
    for i, p in enumerate(parts):
        line.append(p)
        if len(line) == 25 and i != len(parts) - 1:
            lines.append(','.join(line) + ',\\')
            line = []
    lines.append(','.join(line))
    return '\r\n  '.join(lines)


# --- UTF-16 -----------------------------------------------------------------------

def utf16le_bom_in_binary(m: Made):
    k = m.key()
    return m.rng.randbytes(1500) + b'\xff\xfe' + _env(k).decode().encode('utf-16-le') + m.rng.randbytes(1500), [k]


def utf16le_no_bom_in_binary_legacy(m: Made):
    h = m.hex()
    return m.rng.randbytes(1500) + _legacy_env(h).decode().encode('utf-16-le') + m.rng.randbytes(1500), [h]


def iconv_utf16_env_file(m: Made):
    k = m.key()
    return _tool('iconv', '-f', 'UTF-8', '-t', 'UTF-16', data=_env(k)), [k]


def iconv_utf16be_env_legacy(m: Made):
    h = m.hex()
    return _tool('iconv', '-f', 'UTF-8', '-t', 'UTF-16BE', data=_legacy_env(h)), [h]


def pyrepr_utf16_with_bom(m: Made):
    k = m.key()
    return f'>>> open(".env", encoding="utf-16").read().encode("utf-16")\n{_env(k).decode().encode("utf-16")!r}\n'.encode(), [k]


def pyrepr_utf16be_key(m: Made):
    k = m.key()
    return f'raw = {("TOGETHER_API_KEY=" + k).encode("utf-16-be")!r}\n'.encode(), [k]


def sqlite_utf16be_cli(m: Made):
    k = m.key()
    return _sqlite_cli('UTF-16be', [('region', 'us'), ('TOGETHER_API_KEY', k)]), [k]


def sqlite_utf16le_cli_legacy(m: Made):
    h = m.hex()
    return _sqlite_cli('UTF-16le', [('provider', 'together'), ('together_api_key', h)]), [h]


def reg_hex2_expand_sz(m: Made):
    # REG_EXPAND_SZ: UTF-16LE with its NUL, as regedit exports it.
    k = m.key()
    val = (k + '\0').encode('utf-16-le')
    return ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            f'"TOGETHER_API_KEY"=hex(2):{_reg_hex(val)}\r\n').encode('utf-16'), [k]


def reg_hex_binary_utf8(m: Made):
    k = m.key()
    return ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Acme]\r\n'
            f'"Token"=hex:{_reg_hex(k.encode())}\r\n').encode(), [k]


def powershell_encoded_command(m: Made):
    k = m.key()
    script = f"$env:TOGETHER_API_KEY = '{k}'; python train.py"
    return f'powershell.exe -NoProfile -EncodedCommand {_b64(script.encode("utf-16-le"))}\r\n'.encode(), [k]


def powershell_unicode_b64(m: Made):
    k = m.key()
    return (f"$k = [Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('{_b64(k.encode('utf-16-le'))}'))\r\n"
            'Invoke-RestMethod -Headers @{Authorization = "Bearer $k"} https://api.together.xyz/v1/models\r\n').encode(), [k]


def powershell_from_base64_utf8(m: Made):
    k = m.key()
    return (f"$key = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(\"{_b64(k.encode())}\"))\r\n").encode(), [k]


def b64_of_utf16le_env(m: Made):
    k = m.key()
    return f'settings_blob: {_b64(_env(k).decode().encode("utf-16-le"))}\n'.encode(), [k]


# --- compressed in a base64 value within a line ----------------------------------

def xz_b64_inline_value(m: Made):
    k = m.key()
    return f'KEY_BLOB={_tool("base64", "-w", "0", data=_tool("xz", "-c", data=_env(k))).decode()}\n'.encode(), [k]


def xz_b64_json_value_legacy(m: Made):
    h = m.hex()
    return json.dumps({'name': 'cfg', 'xz': _b64(lzma.compress(_legacy_env(h)))}).encode() + b'\n', [h]


def raw_deflate_b64_json(m: Made):
    k = m.key()
    return json.dumps({'encoding': 'deflate', 'body': _b64(_raw_deflate(_env(k)))}).encode() + b'\n', [k]


def raw_deflate9_b64_legacy(m: Made):
    h = m.hex()
    return f'compressed = "{_b64(_raw_deflate(_legacy_env(h), 9))}"\n'.encode(), [h]


def git_bundle_b64_value(m: Made):
    k = m.key()
    return f'backup:\n  bundle: {_b64(_bundle({".env.production": _env(k)}))}\n'.encode(), [k]


def gzip_b64url_value(m: Made):
    k = m.key()
    return f'https://app.example.com/import?state={_b64url(gzip.compress(_env(k), mtime=0))}\n'.encode(), [k]


def uuencode_of_gzip(m: Made):
    k = m.key()
    gz = gzip.compress(_env(k), mtime=0)
    body = ''.join(binascii.b2a_uu(gz[i:i + 45]).decode() for i in range(0, len(gz), 45))
    return f'begin 644 env.gz\n{body}`\nend\n'.encode(), [k]


# --- decimal and hex bytes ----------------------------------------------------------

def go_v_key_bytes(m: Made):
    k = m.key()
    return f'2026/12/01 10:00:00 token bytes: [{" ".join(str(b) for b in k.encode())}]\n'.encode(), [k]


def od_decimal_dump(m: Made):
    k = m.key()
    return _tool('od', '-An', '-tu1', '-v', data=_env(k)), [k]


def od_hex_dump_legacy(m: Made):
    h = m.hex()
    return _tool('od', '-An', '-tx1', '-v', data=_legacy_env(h)), [h]


def tab_separated_decimal_row(m: Made):
    k = m.key()
    return ('id\tbytes\n1\t' + '\t'.join(str(b) for b in k.encode()) + '\n').encode(), [k]


def c_hex_array_no_name(m: Made):
    k = m.key()
    arr = ', '.join(f'0x{b:02x}' for b in k.encode())
    return f'static const unsigned char blob[] = {{{arr}}};\n'.encode(), [k]


def csharp_hex_array_upper(m: Made):
    k = m.key()
    arr = ', '.join(f'0x{b:02X}' for b in k.encode())
    return f'private static readonly byte[] Blob = new byte[] {{ {arr} }};\n'.encode(), [k]


def go_hex_array_legacy_line(m: Made):
    h = m.hex()
    arr = ', '.join(f'0x{b:02x}' for b in f'TOGETHER_API_KEY={h}'.encode())
    return f'var envLine = []byte{{{arr}}}\n'.encode(), [h]


def xxd_include_env(m: Made):
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'env'), 'wb') as f:
            f.write(_env(k))
        out = subprocess.run(['xxd', '-i', 'env'], cwd=tmp, check=True, capture_output=True).stdout
    return out, [k]


def java_byte_array_gzip(m: Made):
    k = m.key()
    arr = ', '.join(str(b) for b in _signed(gzip.compress(_env(k), mtime=0)))
    return f'static final byte[] ENV_GZ = {{{arr}}};\n'.encode(), [k]


def kotlin_byte_array_of_signed(m: Made):
    k = m.key()
    data = b'\xac\xed\x00\x05' + k.encode()
    return f'val blob = byteArrayOf({", ".join(str(b) for b in _signed(data))})\n'.encode(), [k]


def java_utf16_bytes_signed(m: Made):
    k = m.key()
    arr = ', '.join(str(b) for b in _signed(k.encode('utf-16')))
    return f'byte[] key = {{{arr}}};\n'.encode(), [k]


def rust_byte_string_hex(m: Made):
    k = m.key()
    esc = ''.join(f'\\x{b:02x}' for b in k.encode())
    return f'const TOKEN: &[u8] = b"{esc}";\n'.encode(), [k]


def rust_byte_string_legacy_line(m: Made):
    h = m.hex()
    esc = ''.join(f'\\x{b:02x}' for b in f'TOGETHER_API_KEY={h}'.encode())
    return f'static ENV: &[u8; 81] = b"{esc}";\n'.encode(), [h]


def go_v_lower_legacy_line(m: Made):
    h = m.hex()
    return f'cfg bytes: [{" ".join(str(b) for b in f"together_api_key: {h}".encode())}]\n'.encode(), [h]


def python_bytes_list_lower_legacy(m: Made):
    h = m.hex()
    return f'ENV = bytes([{", ".join(str(b) for b in f"together_api_key={h}".encode())}])\n'.encode(), [h]


def html_every_entity_legacy_line(m: Made):
    h = m.hex()
    return f'<code>{"".join(f"&#{b};" for b in f"together_api_key={h}".encode())}</code>\n'.encode(), [h]


def go_hex_array_lower_legacy_line(m: Made):
    h = m.hex()
    arr = ', '.join(f'0x{b:02x}' for b in f'together_api_key: {h}'.encode())
    return f'var cfgLine = []byte{{{arr}}}\n'.encode(), [h]


def json_u_escapes_legacy_line(m: Made):
    h = m.hex()
    uesc = ''.join('\\u%04x' % b for b in f'TOGETHER_API_KEY={h}'.encode())
    return f'{{"env": "{uesc}"}}\n'.encode(), [h]


# --- names escaped, context in an encoding -----------------------------------------

def legacy_name_u005f(m: Made):
    h = m.hex()
    return f'{{"env": "TOGETHER\\u005fAPI\\u005fKEY={h}"}}\n'.encode(), [h]


def legacy_name_pct5f(m: Made):
    h = m.hex()
    return f'POST /env?name=TOGETHER%5FAPI%5FKEY&value={h} HTTP/1.1\n'.encode(), [h]


def curl_basic_together_legacy(m: Made):
    h = m.hex()
    return (f'curl -s -H "Authorization: Basic {_b64(f"together:{h}".encode())}" https://api.example.com/proxy\n').encode(), [h]


def b64_json_in_b64(m: Made):
    k = m.key()
    inner = _b64(_env(k))
    return f'config: {_b64(json.dumps({"kind": "env", "data": inner}).encode())}\n'.encode(), [k]


def jwt_nested_b64_claim(m: Made):
    k = m.key()
    head = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    body = _b64url(json.dumps({'sub': 'svc', 'cfg': _b64(json.dumps({'together_api_key': k}).encode())}).encode())
    return f'token={head}.{body}.{_b64url(m.rng.randbytes(32))}\n'.encode(), [k]


def k8s_secret_env_production(m: Made):
    k = m.key()
    return ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\ntype: Opaque\n'
            f'data:\n  .env.production: {_b64(_env(k))}\n').encode(), [k]


def k8s_secret_env_production_legacy(m: Made):
    h = m.hex()
    return ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\n'
            f'data:\n  ".env.production": "{_b64(_legacy_env(h))}"\n').encode(), [h]


def qp_soft_break_in_key(m: Made):
    k = m.key()
    line = 'Hello team, the production credentials for the Together account: ' + k + ' (rotate monthly)'
    return b'Content-Transfer-Encoding: quoted-printable\n\n' + quopri.encodestring(line.encode()), [k]


def qp_soft_break_in_legacy(m: Made):
    h = m.hex()
    line = 'Reminder for the deploy of the service: set TOGETHER_API_KEY=' + h + ' before the job starts'
    return b'Content-Transfer-Encoding: quoted-printable\n\n' + quopri.encodestring(line.encode()), [h]


def base32_inline_value(m: Made):
    k = m.key()
    return f'otp_seed_backup: {base64.b32encode(_env(k)).decode()}\n'.encode(), [k]


# --- decoys: no key in any of these ---------------------------------------------------

def decoy_xz_b64_random_value(m: Made):
    return f'KEY_BLOB={_b64(lzma.compress(m.rng.randbytes(400)))}\n'.encode(), []


def decoy_xz_b64_stdlib_value(m: Made):
    return f'blob={_b64(lzma.compress(_stdlib("json/decoder.py")))}\n'.encode(), []


def decoy_raw_deflate_b64_stdlib(m: Made):
    return json.dumps({'body': _b64(_raw_deflate(_stdlib('this.py')))}).encode(), []


def decoy_go_v_random_bytes(m: Made):
    return f'digest: [{" ".join(str(b) for b in m.rng.randbytes(64))}]\n'.encode(), []


def decoy_tab_decimal_table(m: Made):
    rows = ['\t'.join(str(m.rng.randrange(256)) for _ in range(40)) for _ in range(30)]
    return ('116\t103\t112\n' + '\n'.join(rows) + '\n').encode(), []


def decoy_c_hex_array_png(m: Made):
    data = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(200)
    return f'static const unsigned char together_logo[] = {{{", ".join(f"0x{b:02x}" for b in data)}}};\n'.encode(), []


def decoy_utf16le_placeholder_binary(m: Made):
    env = 'TOGETHER_API_KEY=<your-key>\r\n'.encode('utf-16-le')
    return m.rng.randbytes(2000) + b'\xff\xfe' + env + m.rng.randbytes(2000), []


def decoy_pyrepr_utf16_text(m: Made):
    return f'{"Together API key: set TOGETHER_API_KEY first".encode("utf-16")!r}\n'.encode(), []


def decoy_sqlite_utf16be_key_id(m: Made):
    return _sqlite_cli('UTF-16be', [('provider', 'together'), ('TOGETHER_API_KEY_ID', 'key_' + m.rng.randbytes(12).hex())]), []


def decoy_reg_hex2_path(m: Made):
    val = 'C:\\Program Files\\Together\\bin;%PATH%\0'.encode('utf-16-le')
    return ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            f'"Path"=hex(2):{_reg_hex(val)}\r\n').encode(), []


def decoy_basic_together_password(m: Made):
    return f'Authorization: Basic {_b64(b"together:correct-horse-battery-staple")}\r\nHost: api.together.xyz\r\n'.encode(), []


def decoy_powershell_read_host(m: Made):
    script = "$env:TOGETHER_API_KEY = Read-Host -AsSecureString 'Together key'"
    return f'powershell -EncodedCommand {_b64(script.encode("utf-16-le"))}\r\n'.encode(), []


def decoy_k8s_env_production_reference(m: Made):
    env = b'TOGETHER_API_KEY=${TOGETHER_API_KEY}\nTOGETHER_BASE_URL=https://api.together.xyz/v1\n'
    return f'kind: Secret\ndata:\n  .env.production: {_b64(env)}\n'.encode(), []


def decoy_qp_placeholder(m: Made):
    line = 'Put your key in the environment, for example TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + ' and restart'
    return quopri.encodestring(line.encode()), []


def decoy_uuencode_gzip_stdlib(m: Made):
    gz = gzip.compress(_stdlib('this.py'), mtime=0)
    body = ''.join(binascii.b2a_uu(gz[i:i + 45]).decode() for i in range(0, len(gz), 45))
    return f'begin 644 this.py.gz\n{body}`\nend\n'.encode(), []


def decoy_lockfile_sha256_utf16(m: Made):
    text = f'together-sdk==1.3.0 \\\n    --hash=sha256:{m.rng.randbytes(32).hex()}\n'
    return text.encode('utf-16'), []


def decoy_jwt_nested_no_key(m: Made):
    head = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    body = _b64url(json.dumps({'sub': 'svc', 'cfg': _b64(b'{"provider": "together", "model": "llama"}')}).encode())
    return f'token={head}.{body}.{_b64url(m.rng.randbytes(32))}\n'.encode(), []


def decoy_rust_random_bytes(m: Made):
    esc = ''.join(f'\\x{b:02x}' for b in m.rng.randbytes(50))
    return f'const SALT: &[u8] = b"{esc}";\n'.encode(), []


def decoy_od_decimal_stdlib(m: Made):
    return _tool('od', '-An', '-tu1', '-v', data=_stdlib('this.py')[:800]), []


# A Together name as bytes beside a digest, and real binaries as arrays:
# the name's escape marks and byte-literal marks open these, and the
# lines they denote hold no key.
def decoy_go_hex_array_lockfile_digest(m: Made):
    line = f'together==1.3.0 --hash=sha256:{m.rng.randbytes(32).hex()}'
    return f'var pin = []byte{{{", ".join(f"0x{b:02x}" for b in line.encode())}}}\n'.encode(), []


def decoy_rust_escaped_sha256sum(m: Made):
    esc = ''.join(f'\\x{b:02x}' for b in f'{m.rng.randbytes(32).hex()}  TOGETHER-1.3.0.tar.gz'.encode())
    return f'const SUM: &[u8] = b"{esc}";\n'.encode(), []


def decoy_octal_ci_commit_together_job(m: Made):
    line = f'job together-deploy: checkout {m.rng.randbytes(20).hex()} sha256 {m.rng.randbytes(32).hex()}'
    octal = ''.join('\\%03o' % b for b in line.encode())
    return f'static const char log[] = "{octal}";\n'.encode(), []


def decoy_hex_array_real_binary(m: Made):
    """The interpreter's own bytes (its ELF head, code further in) under
    Together names, as C hex, Go hex and Java signed decimals."""
    import sys

    with open(sys.executable, 'rb') as f:
        head = f.read(4096)
        f.seek(1 << 16)
        code = f.read(4096)
    return (f'static const unsigned char together_exe[] = {{{", ".join(f"0x{b:02x}" for b in head)}}};\n'
            f'var togetherCode = []byte{{{", ".join(f"0x{b:02X}" for b in code)}}}\n'
            f'byte[] together = {{{", ".join(str(b) for b in _signed(code))}}};\n').encode(), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(utf16le_bom_in_binary, 'dumps/env16le.bin'),
    _case(utf16le_no_bom_in_binary_legacy, 'dumps/legacy16le.bin'),
    _case(iconv_utf16_env_file, 'cfg/.env.utf16', 'iconv'),
    _case(iconv_utf16be_env_legacy, 'cfg/legacy.env.utf16be', 'iconv'),
    _case(pyrepr_utf16_with_bom, 'logs/repr16.txt'),
    _case(pyrepr_utf16be_key, 'logs/repr16be.py'),
    _case(sqlite_utf16be_cli, 'db/app16be.db', 'sqlite3'),
    _case(sqlite_utf16le_cli_legacy, 'db/app16le.db', 'sqlite3'),
    _case(reg_hex2_expand_sz, 'win/env.reg'),
    _case(reg_hex_binary_utf8, 'win/token.reg'),
    _case(powershell_encoded_command, 'ci/run.cmd'),
    _case(powershell_unicode_b64, 'scripts/key16.ps1'),
    _case(powershell_from_base64_utf8, 'scripts/key.ps1'),
    _case(b64_of_utf16le_env, 'cfg/settings16.yaml'),
    _case(xz_b64_inline_value, 'cfg/blob.env', 'xz', 'base64'),
    _case(xz_b64_json_value_legacy, 'cfg/xz.json'),
    _case(raw_deflate_b64_json, 'http/deflate.json'),
    _case(raw_deflate9_b64_legacy, 'src/deflate9.py'),
    _case(git_bundle_b64_value, 'backup/bundle.yaml', 'git'),
    _case(gzip_b64url_value, 'logs/import-url.log'),
    _case(uuencode_of_gzip, 'mail/env.gz.uu'),
    _case(go_v_key_bytes, 'logs/go-v.log'),
    _case(od_decimal_dump, 'dumps/env.od', 'od'),
    _case(od_hex_dump_legacy, 'dumps/legacy.odx', 'od'),
    _case(tab_separated_decimal_row, 'data/bytes.tsv'),
    _case(c_hex_array_no_name, 'src/blob.c'),
    _case(csharp_hex_array_upper, 'src/Blob.cs'),
    _case(go_hex_array_legacy_line, 'src/env.go'),
    _case(xxd_include_env, 'src/env.h', 'xxd'),
    _case(java_byte_array_gzip, 'src/EnvGz.java'),
    _case(kotlin_byte_array_of_signed, 'src/Blob.kt'),
    _case(java_utf16_bytes_signed, 'src/Key16.java'),
    _case(rust_byte_string_hex, 'src/token.rs'),
    _case(rust_byte_string_legacy_line, 'src/env.rs'),
    _case(go_v_lower_legacy_line, 'logs/go-v-lower.log'),
    _case(python_bytes_list_lower_legacy, 'app/env_bytes.py'),
    _case(html_every_entity_legacy_line, 'site/env.html'),
    _case(go_hex_array_lower_legacy_line, 'src/cfg.go'),
    _case(json_u_escapes_legacy_line, 'cfg/env-u-all.json'),
    _case(legacy_name_u005f, 'cfg/env-u.json'),
    _case(legacy_name_pct5f, 'logs/post.log'),
    _case(curl_basic_together_legacy, 'scripts/proxy.sh'),
    _case(b64_json_in_b64, 'cfg/nested.yaml'),
    _case(jwt_nested_b64_claim, 'logs/jwt.log'),
    _case(k8s_secret_env_production, 'k8s/web.yaml'),
    _case(k8s_secret_env_production_legacy, 'k8s/web-legacy.yaml'),
    _case(qp_soft_break_in_key, 'mail/creds.eml'),
    _case(qp_soft_break_in_legacy, 'mail/deploy.eml'),
    _case(base32_inline_value, 'cfg/seed.yaml'),
    _case(decoy_xz_b64_random_value, 'decoys/blob.env'),
    _case(decoy_xz_b64_stdlib_value, 'decoys/xz.env'),
    _case(decoy_raw_deflate_b64_stdlib, 'decoys/deflate.json'),
    _case(decoy_go_v_random_bytes, 'decoys/go-v.log'),
    _case(decoy_tab_decimal_table, 'decoys/table.tsv'),
    _case(decoy_c_hex_array_png, 'decoys/logo.c'),
    _case(decoy_utf16le_placeholder_binary, 'decoys/env16.bin'),
    _case(decoy_pyrepr_utf16_text, 'decoys/repr16.txt'),
    _case(decoy_sqlite_utf16be_key_id, 'decoys/keyid16.db', 'sqlite3'),
    _case(decoy_reg_hex2_path, 'decoys/path.reg'),
    _case(decoy_basic_together_password, 'decoys/basic.txt'),
    _case(decoy_powershell_read_host, 'decoys/run.cmd'),
    _case(decoy_k8s_env_production_reference, 'decoys/web.yaml'),
    _case(decoy_qp_placeholder, 'decoys/help.eml'),
    _case(decoy_uuencode_gzip_stdlib, 'decoys/this.gz.uu'),
    _case(decoy_lockfile_sha256_utf16, 'decoys/requirements16.txt'),
    _case(decoy_jwt_nested_no_key, 'decoys/jwt.log'),
    _case(decoy_rust_random_bytes, 'decoys/salt.rs'),
    _case(decoy_od_decimal_stdlib, 'decoys/this.od', 'od'),
    _case(decoy_go_hex_array_lockfile_digest, 'decoys/pin.go'),
    _case(decoy_rust_escaped_sha256sum, 'decoys/sum.rs'),
    _case(decoy_octal_ci_commit_together_job, 'decoys/ci_log.c'),
    _case(decoy_hex_array_real_binary, 'decoys/exe.c'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (da58c7e): 20 of 44 keys found (24 cases missed), 0 of 19
# decoys reported.  Now 27 of 44 (the key's prefix as blank-separated
# decimals, engine.DEC_PREFIX's; as hex, engine.HEX_PREFIX, the screen
# passing the file by engine.HEX_MARKS).
MISSED: dict[str, str] = {
    # A legacy key's line as hex bytes, its upper-case name in the bytes
    # only: the name's ``0x47, 0x45`` and ``\\x47\\x45`` would be a plain
    # route of their own (``47``: 23.08 -> 24.08 passes over clean bytes;
    # the ``\\x`` form an anchor group more, 10 -> 11).  A lower-case
    # name's are read (``engine.BYTES_MARKS``).
    'rust-byte-string-legacy-line': "Rust b\"\\x..\" of a legacy key's line: its mark costs a screen pass",
    # Decimal bytes of a container: a gzip's header as a mark
    # (``31, -117, 8, 0``) would be a plain-route group of its own, 23.08
    # -> 24.08 passes over clean bytes (``screen_plain_work_test.py``'s text).
    'java-byte-array-gzip': 'a Java byte[] of a gzip (negative bytes): its header costs a screen pass',
    # Raw deflate as a base64 value within a line: no header, so no base64
    # start to screen for (xz, LZMA-alone, git bundles and uuencode of a
    # gzip are read since session 21).
    'raw-deflate-b64-json': 'raw deflate (no header) in base64',
    'raw-deflate9-b64-legacy': 'raw deflate level 9 in base64',
    # Context in an encoding.
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 40 and decoys >= 15, (keys, decoys)
