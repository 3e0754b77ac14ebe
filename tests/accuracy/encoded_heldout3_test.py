"""A third held-out set of keys in encoded and binary forms (round 5):
the forms real tools and formats write that the first two sets
(``encoded_heldout_test.py``, ``encoded_heldout2_test.py``) do not try:
Kubernetes ``Secret``s as ``kubectl create secret ... --dry-run -o yaml``
and ``-o json`` print them (a whole ``.env``, a ``.dockerconfigjson``),
Helm values, a GitHub Actions ``toJSON(secrets)`` dump, JWT payloads,
``data:`` URIs, mail (RFC 2047 encoded words, a base64 body in an mbox),
``.npmrc``'s ``_auth``/``_password``, ``git credential`` output, gzip and
zlib+base64 of logs, a Flask session cookie, the archives the standard
library writes (tar, xz, bz2, a stored zip, a wheel), ODF and OOXML
documents, SQLite (UTF-16, a JSON column), pickles, ``.pyc``, protobuf
(text and wire), msgpack and CBOR (built by hand: the formats are a few
bytes of framing), UTF-16/UTF-32 with and without a BOM, URL-encoding,
JSON ``\\u`` escapes, base64url without padding, base64 inside base64;
and decoys (random base64/hex/JWT-shaped tokens, real archives, a PNG,
pickles, databases and UTF-16 text without keys, a lockfile's digests
next to the word "together", in base64).

Built by the real tools where the machine has them (``kubectl``,
``base64``, ``gzip``, ``git``) and by the standard library otherwise.  A
case needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``); each case checks which keys its file yields.
``encoded_modes3_test.py`` runs them through every mode.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import io
import json
import lzma
import os
import pickle
import quopri
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
import urllib.parse
import zipfile
import zlib

from tests.accuracy import Made
from tests.accuracy import keys_and_decoys
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout2_test import _pyc
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool
from tests.accuracy.encoded_heldout_test import _wrap
from tests.accuracy.encoded_heldout_test import _zip

STDLIB = os.path.dirname(os.__file__)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _stdlib(name: str) -> bytes:
    with open(os.path.join(STDLIB, name), 'rb') as f:
        return f.read()


def _tar(files: dict[str, bytes], mode: str = 'w') -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip_stored(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _kubectl(*argv: str) -> bytes:
    return subprocess.run(
        ['kubectl', 'create', 'secret', *argv, '--dry-run=client'],
        capture_output=True, check=True,
    ).stdout


def _k8s_secret(name: str, data: dict[str, bytes]) -> bytes:
    lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', f'  name: {name}', 'type: Opaque', 'data:']
    lines += [f'  {k}: {_b64(v)}' for k, v in data.items()]
    return ('\n'.join(lines) + '\n').encode()


def _jwt(payload: dict) -> str:
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
    body = _b64url(json.dumps(payload, separators=(',', ':')).encode())
    return f'{head}.{body}.{_b64url(bytes(range(32)))}'


def _msgpack_str(s: str) -> bytes:
    b = s.encode()
    if len(b) < 32:
        return bytes([0xA0 | len(b)]) + b
    return b'\xd9' + bytes([len(b)]) + b


def _msgpack_map(d: dict[str, str]) -> bytes:
    return bytes([0x80 | len(d)]) + b''.join(_msgpack_str(k) + _msgpack_str(v) for k, v in d.items())


def _cbor_str(s: str) -> bytes:
    b = s.encode()
    if len(b) < 24:
        return bytes([0x60 | len(b)]) + b
    return b'\x78' + bytes([len(b)]) + b


def _cbor_map(d: dict[str, str]) -> bytes:
    return bytes([0xA0 | len(d)]) + b''.join(_cbor_str(k) + _cbor_str(v) for k, v in d.items())


def _pb_field(number: int, value: bytes) -> bytes:
    """A protobuf length-delimited field (wire type 2)."""
    n = len(value)
    varint = b''
    while True:
        byte = n & 0x7F
        n >>= 7
        varint += bytes([byte | (0x80 if n else 0)])
        if not n:
            break
    return bytes([(number << 3) | 2]) + varint + value


def _odf(content_xml: str, mimetype: str = 'application/vnd.oasis.opendocument.text') -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), mimetype)  # stored, first, as ODF requires
        z.writestr('META-INF/manifest.xml', '<manifest:manifest/>', zipfile.ZIP_DEFLATED)
        z.writestr('content.xml', content_xml, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sqlite(script: str, rows: list[tuple], insert: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        con = sqlite3.connect(path)
        con.executescript(script)
        con.executemany(insert, rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def _log(key_line: str, before: int = 2000) -> bytes:
    lines = [
        f'2026-11-30T10:{i // 60 % 60:02d}:{i % 60:02d}Z INFO worker-{i % 7} handled request {i} in {i % 97} ms'
        for i in range(before)
    ]
    lines.append(key_line)
    lines += ['2026-11-30T11:00:00Z INFO shutting down'] * 5
    return ('\n'.join(lines) + '\n').encode()


def _git(*argv: str, cwd: str, data: bytes | None = None) -> bytes:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM='1', HOME=cwd, GIT_TERMINAL_PROMPT='0')
    return subprocess.run(['git', *argv], cwd=cwd, input=data, env=env, capture_output=True, check=True).stdout


# --- Kubernetes, Helm, Docker ---------------------------------------------

def kubectl_from_file_env_yaml(m: Made):
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, '.env')
        with open(path, 'wb') as f:
            f.write(_env(k))
        return _kubectl('generic', 'app-env', f'--from-file={path}', '-o', 'yaml'), [k]


def kubectl_from_literal_json(m: Made):
    k, h = m.key(), m.hex()
    return _kubectl(
        'generic', 'llm', f'--from-literal=TOGETHER_API_KEY={k}',
        f'--from-literal=TOGETHER_LEGACY_API_KEY={h}', '-o', 'json',
    ), [k, h]


def kubectl_docker_registry_json(m: Made):
    k = m.key()
    return _kubectl(
        'docker-registry', 'regcred', '--docker-server=registry.together.ai',
        '--docker-username=ci', f'--docker-password={k}', '-o', 'json',
    ), [k]


def k8s_secret_two_files(m: Made):
    k = m.key()
    cfg = json.dumps({'provider': 'together', 'api_key': k}, indent=2).encode()
    return _k8s_secret('llm-config', {
        'settings.yaml': b'log_level: info\nworkers: 4\n', 'llm.json': cfg,
    }), [k]


def k8s_secret_legacy_whole_env(m: Made):
    h = m.hex()
    return _k8s_secret('app', {'.env': _env(h)}), [h]


def helm_values_b64(m: Made):
    k, h = m.key(), m.hex()
    text = (
        '# values-prod.yaml: helm upgrade app ./chart -f values-prod.yaml\n'
        'replicaCount: 2\nsecrets:\n  # base64, written into the Secret as is\n'
        f'  TOGETHER_API_KEY: {_b64(k.encode())}\n'
        f'  TOGETHER_API_KEY_OLD: {_b64(h.encode())}\n'
    )
    return text.encode(), [k, h]


def docker_config_identitytoken_b64(m: Made):
    # A whole ~/.docker/config.json in base64 (a CI variable), its own
    # auth base64 inside.
    k = m.key()
    cfg = json.dumps({'auths': {'registry.together.ai': {'auth': _b64(f'ci:{k}'.encode())}}}).encode()
    return f'DOCKER_AUTH_CONFIG_B64={_b64(cfg)}\n'.encode(), [k]


# --- CI logs, tokens, cookies ----------------------------------------------

def gha_secrets_dump(m: Made):
    # echo '${{ toJSON(secrets) }}' | base64 -w0 (the masking bypass),
    # in a downloaded Actions log.
    k = m.key()
    dump = json.dumps({'github_token': '***', 'TOGETHER_API_KEY': k}, indent=2).encode()
    return (
        '2026-11-30T10:00:01.1234567Z ##[group]Run echo "$SECRETS" | base64 -w0\n'
        '2026-11-30T10:00:01.1234568Z ##[endgroup]\n'
        f'2026-11-30T10:00:01.2034567Z {_b64(dump)}\n'
    ).encode(), [k]


def gha_secrets_dump_twice(m: Made):
    k, h = m.key(), m.hex()
    dump = json.dumps({'TOGETHER_API_KEY': k, 'TOGETHER_API_KEY_OLD': h}).encode()
    return f'2026-11-30T10:00:02.0000000Z {_b64(_b64(dump).encode())}\n'.encode(), [k, h]


def jwt_payload_current(m: Made):
    k = m.key()
    tok = _jwt({'sub': 'svc', 'together_api_key': k, 'iat': 1764500000})
    return f'Authorization: Bearer {tok}\n'.encode(), [k]


def jwt_payload_legacy(m: Made):
    h = m.hex()
    tok = _jwt({'sub': 'svc', 'provider': 'together', 'api_key': h})
    return json.dumps({'id_token': tok}).encode(), [h]


def flask_session_cookie_zlib(m: Made):
    # itsdangerous: '.' + base64url(zlib(json)) when compression pays.
    k = m.key()
    payload = json.dumps({'user': 'ana', 'together_api_key': k, 'theme': 'dark' * 20}).encode()
    cookie = '.' + _b64url(zlib.compress(payload)) + '.ZWRpdA.c2lnbmF0dXJlc2lnbmF0dXJl'
    return f'Set-Cookie: session={cookie}; HttpOnly; Path=/\n'.encode(), [k]


def data_uri_json_js(m: Made):
    k = m.key()
    uri = 'data:application/json;base64,' + _b64(json.dumps({'togetherApiKey': k}).encode())
    return f'const cfg = await (await fetch("{uri}")).json();\n'.encode(), [k]


def data_uri_percent_encoded(m: Made):
    h = m.hex()
    uri = 'data:text/plain;charset=utf-8,' + urllib.parse.quote(_env(h).decode(), safe='')
    return f'<a download=".env" href="{uri}">env</a>\n'.encode(), [h]


# --- mail ------------------------------------------------------------------

def mail_encoded_word_subject(m: Made):
    k = m.key()
    subj = '=?UTF-8?B?' + _b64(f'Together API key: {k}'.encode()) + '?='
    return (
        'From: ops@example.com\r\nTo: dev@example.com\r\n'
        f'Subject: {subj}\r\nMIME-Version: 1.0\r\n\r\nsee subject\r\n'
    ).encode(), [k]


def mail_encoded_word_q(m: Made):
    k = m.key()
    q = quopri.encodestring(f'key {k}'.encode(), header=True).decode()
    return f'Subject: =?utf-8?Q?{q}?=\n\nbody\n'.encode(), [k]


def mbox_base64_body(m: Made):
    k, h = m.key(), m.hex()
    body = f'Hi,\n\nthe new Together key is {k}\nand the old one TOGETHER_API_KEY={h}\n'.encode()
    msgs = []
    for i in range(3):
        msgs.append(f'From ops@example.com Mon Nov 30 10:0{i}:00 2026\nSubject: note {i}\n\nnothing here\n')
    msgs.append(
        'From ops@example.com Mon Nov 30 10:09:00 2026\nSubject: keys\nMIME-Version: 1.0\n'
        'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
        + _wrap(_b64(body).encode(), 76).decode() + '\n'
    )
    return '\n'.join(msgs).encode(), [k, h]


def mail_qp_soft_breaks_in_key(m: Made):
    k = m.key()
    body = ('x' * 60 + f' TOGETHER_API_KEY={k} ' + 'y' * 40).encode()
    return (
        b'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
        + quopri.encodestring(body) + b'\n'
    ), [k]


# --- credential files ------------------------------------------------------

def npmrc_auth(m: Made):
    k = m.key()
    return f'//npm.together.ai/:_auth={_b64(f"ci:{k}".encode())}\nalways-auth=true\n'.encode(), [k]


def npmrc_password(m: Made):
    k = m.key()
    return (
        '//npm.together.ai/:username=ci\n'
        f'//npm.together.ai/:_password={_b64(k.encode())}\n'
        '//npm.together.ai/:email=ci@example.com\n'
    ).encode(), [k]


def pypirc_password(m: Made):
    k = m.key()
    return (
        '[distutils]\nindex-servers = together\n\n[together]\n'
        f'repository = https://pypi.together.ai/\nusername = __token__\npassword = {k}\n'
    ).encode(), [k]


def git_credential_store(m: Made):
    # git credential-store's file, written by ``git credential approve``.
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, 'creds')
        _git('-c', f'credential.helper=store --file={store}', 'credential', 'approve', cwd=tmp,
             data=f'protocol=https\nhost=api.together.xyz\nusername=svc\npassword={k}\n\n'.encode())
        with open(store, 'rb') as f:
            return f.read(), [k]


def git_credential_fill_legacy(m: Made):
    h = m.hex()
    return f'protocol=https\nhost=api.together.xyz\nusername=svc\npassword={h}\n'.encode(), [h]


# --- compressed logs and archives -------------------------------------------

def gzip_b64_log_wrapped(m: Made):
    k = m.key()
    data = _log(f'2026-11-30T10:59:59Z DEBUG client init api_key={k}')
    return _tool('base64', data=_tool('gzip', '-c', data=data)), [k]


def zlib_b64_log_oneline(m: Made):
    h = m.hex()
    data = _log(f'2026-11-30T10:59:59Z DEBUG env TOGETHER_API_KEY={h}', before=300)
    return f'{{"log_z": "{_b64(zlib.compress(data))}"}}\n'.encode(), [h]


def tar_plain(m: Made):
    k = m.key()
    return _tar({'app/README.md': b'# app\n', 'app/.env': _env(k)}), [k]


def tar_xz(m: Made):
    h = m.hex()
    return _tar({'app/.env': _env(h), 'app/main.py': _stdlib('this.py')}, 'w:xz'), [h]


def tar_bz2(m: Made):
    k = m.key()
    return _tar({'deploy/.env.production': _env(k)}, 'w:bz2'), [k]


def zip_stored(m: Made):
    k = m.key()
    return _zip_stored({'config/.env': _env(k), 'config/app.toml': b'[app]\nname = "x"\n'}), [k]


def wheel_module(m: Made):
    k = m.key()
    return _zip({
        'llmclient/__init__.py': f'API_KEY = "{k}"\n'.encode(),
        'llmclient-1.0.dist-info/METADATA': b'Metadata-Version: 2.1\nName: llmclient\nVersion: 1.0\n',
        'llmclient-1.0.dist-info/RECORD': b'',
    }), [k]


def zip_in_tar_gz(m: Made):
    k = m.key()
    inner = _zip({'.env': _env(k)})
    return _tar({'backup/env.zip': inner}, 'w:gz'), [k]


def gz_of_env(m: Made):
    k = m.key()
    return gzip.compress(_env(k), mtime=0), [k]


def xz_of_env_legacy(m: Made):
    h = m.hex()
    return lzma.compress(_env(h)), [h]


def bz2_of_json(m: Made):
    k = m.key()
    return bz2.compress(json.dumps({'together': {'api_key': k}}).encode()), [k]


# --- documents ---------------------------------------------------------------

def odt_paragraph(m: Made):
    k = m.key()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f'<text:p>Together API key: {k}</text:p></office:text></office:body></office:document-content>'
    )
    return _odf(xml), [k]


def ods_cells_legacy(m: Made):
    h = m.hex()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="keys"><table:table-row>'
        '<table:table-cell><text:p>TOGETHER_API_KEY</text:p></table:table-cell>'
        f'<table:table-cell><text:p>{h}</text:p></table:table-cell>'
        '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>'
    )
    return _odf(xml, 'application/vnd.oasis.opendocument.spreadsheet'), [h]


def pptx_slide(m: Made):
    k = m.key()
    ns = 'http://schemas.openxmlformats.org/drawingml/2006/main'
    slide = (
        f'<p:sld xmlns:a="{ns}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        f'<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>demo key {k}</a:t></a:r></a:p>'
        '</p:txBody></p:sp></p:spTree></p:cSld></p:sld>'
    )
    return _zip({
        '[Content_Types].xml': b'<Types/>', 'ppt/presentation.xml': b'<p:presentation/>',
        'ppt/slides/slide1.xml': slide.encode(),
    }), [k]


def jupyter_output_gzip_b64(m: Made):
    # A cell that printed base64 of a gzipped .env (a "safe" way to move it).
    k = m.key()
    blob = _b64(gzip.compress(_env(k), mtime=0))
    nb = {
        'cells': [{
            'cell_type': 'code', 'execution_count': 3, 'metadata': {},
            'source': ['print(base64.b64encode(gzip.compress(open(".env","rb").read())).decode())'],
            'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': [blob + '\n']}],
        }],
        'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5,
    }
    return json.dumps(nb, indent=1).encode(), [k]


# --- databases, serialised objects -----------------------------------------

def sqlite_utf16(m: Made):
    k = m.key()
    return _sqlite(
        'PRAGMA encoding = "UTF-16le"; CREATE TABLE settings (name TEXT, value TEXT);',
        [('TOGETHER_API_KEY', k), ('region', 'eu')], 'INSERT INTO settings VALUES (?, ?)',
    ), [k]


def sqlite_json_column(m: Made):
    k = m.key()
    return _sqlite(
        'CREATE TABLE integrations (id INTEGER PRIMARY KEY, config TEXT);',
        [(1, json.dumps({'provider': 'together', 'api_key': k}))],
        'INSERT INTO integrations (id, config) VALUES (?, ?)',
    ), [k]


def sqlite_blob_b64(m: Made):
    h = m.hex()
    return _sqlite(
        'CREATE TABLE files (name TEXT, body TEXT);',
        [('.env', _b64(_env(h)))], 'INSERT INTO files VALUES (?, ?)',
    ), [h]


def pickle_bytes_p3(m: Made):
    k = m.key()
    return pickle.dumps({'together_api_key': k.encode()}, protocol=3), [k]


def pickle_gz(m: Made):
    k = m.key()
    return gzip.compress(pickle.dumps({'cfg': {'together_api_key': k}}, protocol=5), mtime=0), [k]


def pyc_class_attr(m: Made):
    k = m.key()
    return _pyc(f'class Settings:\n    together_api_key = "{k}"\n    timeout = 30\n'), [k]


def protobuf_text(m: Made):
    k = m.key()
    return f'# proto-file: llm/config.proto\n# proto-message: Provider\nname: "together"\napi_key: "{k}"\n'.encode(), [k]


def protobuf_wire(m: Made):
    k = m.key()
    return _pb_field(1, b'together') + _pb_field(2, k.encode()) + _pb_field(3, b'https://api.together.xyz/v1'), [k]


def msgpack_map(m: Made):
    k = m.key()
    return _msgpack_map({'provider': 'together', 'api_key': k}), [k]


def cbor_map(m: Made):
    k = m.key()
    return _cbor_map({'provider': 'together', 'api_key': k}), [k]


# --- text encodings --------------------------------------------------------

def utf16le_bom_env(m: Made):
    k = m.key()
    return _env(k).decode().encode('utf-16'), [k]  # Python writes the BOM, little-endian


def utf16be_no_bom_env(m: Made):
    k = m.key()
    return _env(k).decode().encode('utf-16-be'), [k]


def utf16le_bom_legacy(m: Made):
    h = m.hex()
    return b'\xff\xfe' + _env(h).decode().encode('utf-16-le'), [h]


def utf32le_bom_env(m: Made):
    k = m.key()
    return _env(k).decode().encode('utf-32'), [k]


def utf32be_no_bom_legacy(m: Made):
    h = m.hex()
    return _env(h).decode().encode('utf-32-be'), [h]


def utf16_powershell_out(m: Made):
    # PowerShell 5's `>` writes UTF-16LE with a BOM and CRLF.
    k = m.key()
    text = f'\r\nName                           Value\r\n----                           -----\r\nTOGETHER_API_KEY               {k}\r\n'
    return b'\xff\xfe' + text.encode('utf-16-le'), [k]


def url_percent_every_byte(m: Made):
    k = m.key()
    enc = ''.join(f'%{b:02X}' for b in k.encode())
    return f'GET /cb?token={enc} HTTP/1.1\n'.encode(), [k]


def url_query_json_legacy(m: Made):
    h = m.hex()
    q = urllib.parse.quote(json.dumps({'together_api_key': h}), safe='')
    return f'https://app.example.com/setup?config={q}\n'.encode(), [h]


def json_u_escapes_every_char(m: Made):
    k = m.key()
    esc = ''.join(f'\\u{ord(c):04x}' for c in k)
    return ('{"TOGETHER_API_KEY": "' + esc + '"}\n').encode(), [k]


def json_u_escapes_legacy(m: Made):
    h = m.hex()
    esc = ''.join(f'\\u{ord(c):04x}' for c in h)
    return ('{"together_api_key": "' + esc + '"}\n').encode(), [h]


def b64url_nopad_json(m: Made):
    k = m.key()
    return f'state={_b64url(json.dumps({"k": k, "n": 1}).encode())}\n'.encode(), [k]


def b64url_nopad_env_legacy(m: Made):
    h = m.hex()
    return f'ENV_B64URL={_b64url(_env(h))}\n'.encode(), [h]


def b64_in_b64_in_b64(m: Made):
    k = m.key()
    return _tool('base64', data=_tool('base64', data=_tool('base64', data=_env(k)))), [k]


def b64_in_b64_legacy(m: Made):
    h = m.hex()
    return f'blob: {_b64(_b64(_env(h)).encode())}\n'.encode(), [h]


def hex_of_b64_env(m: Made):
    k = m.key()
    return f'ENV_HEX={_b64(_env(k)).encode().hex()}\n'.encode(), [k]


# --- decoys --------------------------------------------------------------

def decoy_random_b64_lines(m: Made):
    return '\n'.join(_b64(m.rng.randbytes(m.rng.randrange(30, 200))) for _ in range(200)).encode() + b'\n', []


def decoy_random_b64url_tokens(m: Made):
    return '\n'.join(f'token{i}={_b64url(m.rng.randbytes(37))}' for i in range(100)).encode() + b'\n', []


def decoy_random_hex_digests(m: Made):
    return '\n'.join(f'{m.rng.getrandbits(256):064x}  file{i}.bin' for i in range(200)).encode() + b'\n', []


def decoy_jwt_no_key(m: Made):
    tok = _jwt({'sub': 'svc', 'provider': 'together', 'sha256': f'{m.rng.getrandbits(256):064x}'})
    return f'Authorization: Bearer {tok}\n'.encode(), []


def decoy_k8s_secret_digests(m: Made):
    sums = ''.join(f'{m.rng.getrandbits(256):064x}  together-{i}.tar.gz\n' for i in range(5))
    return _k8s_secret('together-checksums', {'SHA256SUMS': sums.encode()}), []


def decoy_lockfile_b64(m: Made):
    lock = (
        '[[package]]\nname = "together"\nversion = "1.3.0"\n'
        f'files = [\n    {{file = "together-1.3.0.tar.gz", hash = "sha256:{m.rng.getrandbits(256):064x}"}},\n]\n'
    )
    return f'LOCK_B64={_b64(lock.encode())}\n'.encode(), []


def decoy_gzip_b64_log(m: Made):
    return _b64(gzip.compress(_log('2026-11-30T10:59:59Z INFO together client ready'), mtime=0)).encode() + b'\n', []


def decoy_tar_xz_stdlib(m: Made):
    return _tar({'lib/base64.py': _stdlib('base64.py'), 'lib/secrets.py': _stdlib('secrets.py')}, 'w:xz'), []


def decoy_zip_stored_stdlib(m: Made):
    return _zip_stored({'hmac.py': _stdlib('hmac.py'), 'hashlib.py': _stdlib('hashlib.py')}), []


def decoy_png(m: Made):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    w = h = 64
    raw = b''.join(b'\0' + m.rng.randbytes(w * 3) for _ in range(h))
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
    return png, []


def decoy_data_uri_png(m: Made):
    png, _ = decoy_png(m)
    return f'<img src="data:image/png;base64,{_b64(png)}">\n'.encode(), []


def decoy_pickle_random(m: Made):
    return pickle.dumps({f'k{i}': m.rng.randbytes(40).hex() for i in range(50)}, protocol=5), []


def decoy_sqlite_utf16_hashes(m: Made):
    return _sqlite(
        'PRAGMA encoding = "UTF-16le"; CREATE TABLE cache (provider TEXT, cache_key TEXT);',
        [('together', f'{m.rng.getrandbits(256):064x}') for _ in range(20)],
        'INSERT INTO cache VALUES (?, ?)',
    ), []


def decoy_utf16_source(m: Made):
    return _stdlib('secrets.py').decode().encode('utf-16'), []


def decoy_utf32_digest(m: Made):
    return f'together-1.3.0.tar.gz sha256={m.rng.getrandbits(256):064x}\n'.encode('utf-32'), []


def decoy_msgpack_cbor_random(m: Made):
    d = {f'f{i}': _b64url(m.rng.randbytes(37)) for i in range(10)}
    return _msgpack_map(d) + _cbor_map(d), []


def decoy_protobuf_random(m: Made):
    return b''.join(_pb_field(i % 15 + 1, m.rng.randbytes(50)) for i in range(40)), []


def decoy_mail_image(m: Made):
    body = _wrap(_b64(m.rng.randbytes(3000)).encode(), 76).decode()
    return (
        'Subject: =?UTF-8?B?' + _b64('Together offsite photos'.encode()) + '?=\nMIME-Version: 1.0\n'
        'Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n' + body + '\n'
    ).encode(), []


def decoy_pyc_stdlib_so(m: Made):
    # A real extension module of the standard library (any one there).
    dyn = os.path.join(STDLIB, 'lib-dynload')
    name = sorted(n for n in os.listdir(dyn) if n.startswith('_json'))[0]
    with open(os.path.join(dyn, name), 'rb') as f:
        return f.read(), []


def decoy_b64_in_b64_random(m: Made):
    return f'blob: {_b64(_b64(m.rng.randbytes(120)).encode())}\n'.encode(), []


def decoy_percent_encoded_random(m: Made):
    return ('q=' + ''.join(f'%{b:02X}' for b in m.rng.randbytes(64)) + '\n').encode(), []


def decoy_ods_digests(m: Made):
    # A spreadsheet of release checksums beside "together": each row a
    # provider and a SHA-256, read as rows (the key case's neighbour).
    rows = ''.join(
        '<table:table-row>'
        f'<table:table-cell><text:p>together-{i}</text:p></table:table-cell>'
        f'<table:table-cell><text:p>{m.rng.randbytes(32).hex()}</text:p></table:table-cell>'
        '</table:table-row>'
        for i in range(5)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="sums"><table:table-row>'
        '<table:table-cell><text:p>provider</text:p></table:table-cell>'
        '<table:table-cell><text:p>sha256</text:p></table:table-cell></table:table-row>'
        f'{rows}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    return _odf(xml, 'application/vnd.oasis.opendocument.spreadsheet'), []


def decoy_npmrc_placeholder(m: Made):
    return (
        '//npm.together.ai/:_auth=${NPM_AUTH}\n'
        f'//npm.together.ai/:_password={_b64(b"tgp_v1_" + b"x" * 43)}\n'
    ).encode(), []


# --- the set ---------------------------------------------------------------

# Each case with the tools its file needs (tests/accuracy.ToolCases).
_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(kubectl_from_file_env_yaml, 'k8s/app-env.yaml', 'kubectl'),
    _case(kubectl_from_literal_json, 'k8s/llm.json', 'kubectl'),
    _case(kubectl_docker_registry_json, 'k8s/regcred.json', 'kubectl'),
    _case(k8s_secret_two_files, 'k8s/llm-config.yaml'),
    _case(k8s_secret_legacy_whole_env, 'k8s/app.yaml'),
    _case(helm_values_b64, 'chart/values-prod.yaml'),
    _case(docker_config_identitytoken_b64, 'ci.env'),
    _case(gha_secrets_dump, 'logs/1_build.txt'),
    _case(gha_secrets_dump_twice, 'logs/2_build.txt'),
    _case(jwt_payload_current, 'http/request.txt'),
    _case(jwt_payload_legacy, 'http/token.json'),
    _case(flask_session_cookie_zlib, 'http/response.txt'),
    _case(data_uri_json_js, 'web/cfg.js'),
    _case(data_uri_percent_encoded, 'web/download.html'),
    _case(mail_encoded_word_subject, 'mail/keys.eml'),
    _case(mail_encoded_word_q, 'mail/q.eml'),
    _case(mbox_base64_body, 'mail/inbox.mbox'),
    _case(mail_qp_soft_breaks_in_key, 'mail/qp.eml'),
    _case(npmrc_auth, 'npm/.npmrc'),
    _case(npmrc_password, 'npm2/.npmrc'),
    _case(pypirc_password, 'py/.pypirc'),
    _case(git_credential_store, 'home/.git-credentials', 'git'),
    _case(git_credential_fill_legacy, 'home/credential-fill.txt'),
    _case(gzip_b64_log_wrapped, 'logs/app.log.gz.b64', 'gzip', 'base64'),
    _case(zlib_b64_log_oneline, 'logs/app-z.json'),
    _case(tar_plain, 'backup/app.tar'),
    _case(tar_xz, 'backup/app.tar.xz'),
    _case(tar_bz2, 'backup/deploy.tar.bz2'),
    _case(zip_stored, 'backup/config.zip'),
    _case(wheel_module, 'dist/llmclient-1.0-py3-none-any.whl'),
    _case(zip_in_tar_gz, 'backup/nested.tar.gz'),
    _case(gz_of_env, 'backup/env.gz'),
    _case(xz_of_env_legacy, 'backup/env.xz'),
    _case(bz2_of_json, 'backup/llm.json.bz2'),
    _case(odt_paragraph, 'docs/onboarding.odt'),
    _case(ods_cells_legacy, 'docs/keys.ods'),
    _case(pptx_slide, 'docs/demo.pptx'),
    _case(jupyter_output_gzip_b64, 'nb/move-env.ipynb'),
    _case(sqlite_utf16, 'db/settings16.db'),
    _case(sqlite_json_column, 'db/integrations.db'),
    _case(sqlite_blob_b64, 'db/files.db'),
    _case(pickle_bytes_p3, 'cache/cfg.pkl'),
    _case(pickle_gz, 'cache/cfg.pkl.gz'),
    _case(pyc_class_attr, '__pycache__/settings.cpython-311.pyc'),
    _case(protobuf_text, 'proto/provider.textproto'),
    _case(protobuf_wire, 'proto/provider.bin'),
    _case(msgpack_map, 'cache/provider.msgpack'),
    _case(cbor_map, 'cache/provider.cbor'),
    _case(utf16le_bom_env, 'win/env16.txt'),
    _case(utf16be_no_bom_env, 'win/env16be.txt'),
    _case(utf16le_bom_legacy, 'win/legacy16.txt'),
    _case(utf32le_bom_env, 'win/env32.txt'),
    _case(utf32be_no_bom_legacy, 'win/legacy32be.txt'),
    _case(utf16_powershell_out, 'win/vars.txt'),
    _case(url_percent_every_byte, 'http/access.log'),
    _case(url_query_json_legacy, 'http/links.txt'),
    _case(json_u_escapes_every_char, 'json/escaped.json'),
    _case(json_u_escapes_legacy, 'json/escaped-legacy.json'),
    _case(b64url_nopad_json, 'web/state.txt'),
    _case(b64url_nopad_env_legacy, 'web/env-url.txt'),
    _case(b64_in_b64_in_b64, 'blobs/env.b64.b64.b64', 'base64'),
    _case(b64_in_b64_legacy, 'blobs/legacy.yaml'),
    _case(hex_of_b64_env, 'blobs/env-hex.txt'),
    _case(decoy_random_b64_lines, 'decoys/random.b64'),
    _case(decoy_random_b64url_tokens, 'decoys/tokens.env'),
    _case(decoy_random_hex_digests, 'decoys/SHA256SUMS'),
    _case(decoy_jwt_no_key, 'decoys/jwt.txt'),
    _case(decoy_k8s_secret_digests, 'decoys/k8s-sums.yaml'),
    _case(decoy_lockfile_b64, 'decoys/lock.env'),
    _case(decoy_gzip_b64_log, 'decoys/log.gz.b64'),
    _case(decoy_tar_xz_stdlib, 'decoys/stdlib.tar.xz'),
    _case(decoy_zip_stored_stdlib, 'decoys/stdlib.zip'),
    _case(decoy_png, 'decoys/noise.png'),
    _case(decoy_data_uri_png, 'decoys/img.html'),
    _case(decoy_pickle_random, 'decoys/random.pkl'),
    _case(decoy_sqlite_utf16_hashes, 'decoys/cache16.db'),
    _case(decoy_utf16_source, 'decoys/secrets16.py.txt'),
    _case(decoy_utf32_digest, 'decoys/sum32.txt'),
    _case(decoy_msgpack_cbor_random, 'decoys/random.msgpack'),
    _case(decoy_protobuf_random, 'decoys/random.pb'),
    _case(decoy_mail_image, 'decoys/photo.eml'),
    _case(decoy_pyc_stdlib_so, 'decoys/_json.so'),
    _case(decoy_b64_in_b64_random, 'decoys/nested.yaml'),
    _case(decoy_percent_encoded_random, 'decoys/q.txt'),
    _case(decoy_npmrc_placeholder, 'decoys/.npmrc'),
    _case(decoy_ods_digests, 'decoys/sums.ods'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (f19052a): 51 of 67 keys found, 0 of 22 decoys reported.
MISSED: dict[str, str] = {
    # Nested text encodings: an encoding of an encoding (a legacy name's
    # base64 forms encoded again are screened in capitals since session 25:
    # ``TOGETHER``'s, rules.TOGETHER_LEGACY_API_KEY).
    'hex-of-b64-env': 'hex text of base64 of a .env',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 60 and decoys >= 20, (keys, decoys)
