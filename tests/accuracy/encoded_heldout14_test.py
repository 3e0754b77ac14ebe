"""A fourteenth held-out set of keys in encoded and container forms
(session 34), written as a hostile encoder would, before any fix: one
payload (a whole ``.env`` holding a current key, or a legacy key with
its Together context inside the encoded payload: a ``TOGETHER_API_KEY``
line, or a JSON config whose generic ``api_key`` sits beside Together's
endpoint) through every wrapping a developer or an attacker really
produces: base64 of a whole file at wrap widths 0/60/64/76/1000, CRLF,
a YAML block scalar, a JSON string with ``\\n`` escapes, string
concatenation across lines in Python, JS, Go and Rust, a heredoc piped
to ``base64 -d``; base64url unpadded; base64 of gzip, zlib, bz2, xz and
zstd (the ``zstd`` tool where the machine has it); base64 of base64
(two and three layers); a Kubernetes Secret's ``data:``, a kubeconfig's
token; a Docker ``config.json``'s ``auth``; HTTP Basic; a JWT's
payload; ``data:`` URIs in HTML, CSS and Markdown; MIME parts (base64
and quoted-printable); PEM armour with a custom label; hex (plain,
``\\x``, ``0x``-comma arrays in C, Go and Rust, ``xxd``, ``hexdump
-C``); percent-encoding once and twice; HTML numeric references;
``\\uXXXX`` for every character; UTF-16LE/BE with and without a BOM; a
key split over two base64 chunks; zip, tar and gzip archives committed
as binary and base64-encoded in a text file.

Decoys beside them: the same wrappings holding a placeholder ``.env``
(``tgp_v1_xxxx…``, ``${TOGETHER_API_KEY}``, ``<your-key>``), and random
base64 blobs, a PNG, a certificate, lockfile digests next to "together",
minified JS, key ids.

Keys are made at run time (``tests/keys.py``); a case needing a missing
tool is skipped alone.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import hashlib
import io
import json
import lzma
import quopri
import struct
import tarfile
import urllib.parse
import zipfile
import zlib
from typing import Callable

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout_test import _tool

# --- payloads: what is encoded -------------------------------------------------------------------


def _env(k: str) -> bytes:
    return (f'# production settings\nAPP_ENV=production\nDATABASE_URL=postgres://app@db/app\n'
            f'TOGETHER_API_KEY={k}\nLOG_LEVEL=info\n').encode()


def _legacy_env(h: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={h}\nLOG_LEVEL=info\n'.encode()


def _legacy_json(h: str) -> bytes:
    return json.dumps({'llm': {'provider': 'together', 'base_url': 'https://api.together.xyz/v1',
                               'api_key': h, 'model': 'meta-llama/Llama-3-70b-chat-hf'}}, indent=2).encode()


def _placeholder_env(i: int) -> bytes:
    value = ('tgp_v1_' + 'x' * 43, '${TOGETHER_API_KEY}', '<your-together-api-key>')[i % 3]
    return f'APP_ENV=production\nTOGETHER_API_KEY={value}\nLOG_LEVEL=info\n'.encode()


# --- helpers -------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _wrap(text: str, width: int, sep: str = '\n') -> str:
    if width <= 0:
        return text
    return sep.join(text[i:i + width] for i in range(0, len(text), width))


def _chunks(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2026, 12, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _tar(files: dict[str, bytes], mode: str = 'w') -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1733000000, 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _mime(body: bytes, cte: str) -> bytes:
    if cte == 'base64':
        part = _wrap(_b64(body), 76, '\r\n')
    else:
        part = quopri.encodestring(body).decode().replace('\n', '\r\n')
    return ('From: dev@example.com\r\nTo: ops@example.com\r\nSubject: prod settings\r\nMIME-Version: 1.0\r\n'
            'Content-Type: multipart/mixed; boundary="b0und"\r\n\r\n--b0und\r\nContent-Type: text/plain\r\n\r\n'
            'Attached the settings for the gateway.\r\n--b0und\r\nContent-Type: text/plain; name="settings"\r\n'
            f'Content-Disposition: attachment; filename="settings"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
            f'{part}\r\n--b0und--\r\n').encode()


def _png(m: Made) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    raw = b''.join(b'\0' + m.rng.randbytes(48) for _ in range(16))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 16, 16, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


# --- encodings: payload bytes in, (file bytes, path) out --------------------------------------------------
# Each takes the payload and the case's Made (random bytes for padding).

Enc = Callable[[bytes, Made], bytes]
ENCODINGS: list[tuple[str, str, Enc, tuple[str, ...]]] = []


def enc(name: str, path: str, *tools: str) -> Callable[[Enc], Enc]:
    def add(f: Enc) -> Enc:
        ENCODINGS.append((name, path, f, tools))
        return f
    return add


@enc('b64-wrap0-var', 'deploy/settings.env')
def _(p, m):
    return f'# decoded by entrypoint.sh\nENV_FILE_B64={_b64(p)}\n'.encode()


@enc('b64-wrap60-file', 'deploy/env.b64')
def _(p, m):
    return (_wrap(_b64(p), 60) + '\n').encode()


@enc('b64-wrap64-file', 'deploy/env64.txt')
def _(p, m):
    return (_wrap(_b64(p), 64) + '\n').encode()


@enc('b64-wrap76-tool', 'deploy/env76.txt', 'base64')
def _(p, m):
    return _tool('base64', '-w', '76', data=p)


@enc('b64-wrap1000-file', 'deploy/env1000.txt')
def _(p, m):
    return (_wrap(_b64(p * 3), 1000) + '\n').encode()


@enc('b64-wrap76-crlf', 'deploy/env-win.b64')
def _(p, m):
    return (_wrap(_b64(p.replace(b'\n', b'\r\n')), 76, '\r\n') + '\r\n').encode()


@enc('yaml-block-scalar', 'deploy/values.yaml')
def _(p, m):
    body = _wrap(_b64(p), 64, '\n      ')
    return (f'gateway:\n  replicas: 2\n  envFile:\n    encoding: base64\n    content: |\n      {body}\n'
            '  resources:\n    limits: {cpu: 500m}\n').encode()


@enc('json-string-n-escapes', 'deploy/bundle.json')
def _(p, m):
    return json.dumps({'name': 'gateway', 'env_b64': _wrap(_b64(p), 76) + '\n'}, indent=2).encode()


@enc('python-concat', 'app/packed.py')
def _(p, m):
    parts = '\n'.join(f'    "{c}"' for c in _chunks(_b64(p), 60))
    return f'import base64\n\nENV_B64 = (\n{parts}\n)\nENV = base64.b64decode(ENV_B64)\n'.encode()


@enc('js-concat', 'web/packed.js')
def _(p, m):
    parts = ' +\n  '.join(f"'{c}'" for c in _chunks(_b64(p), 56))
    return f"const ENV_B64 =\n  {parts};\nexport const env = atob(ENV_B64);\n".encode()


@enc('go-concat', 'cmd/gateway/packed.go')
def _(p, m):
    parts = ' +\n\t'.join(f'"{c}"' for c in _chunks(_b64(p), 52))
    return f'package main\n\nconst envB64 = {parts}\n'.encode()


@enc('rust-concat-macro', 'src/packed.rs')
def _(p, m):
    parts = ',\n    '.join(f'"{c}"' for c in _chunks(_b64(p), 48))
    return f'pub const ENV_B64: &str = concat!(\n    {parts}\n);\n'.encode()


@enc('heredoc-base64-d', 'scripts/restore-env.sh', 'base64')
def _(p, m):
    return ('#!/bin/sh\nset -eu\nbase64 -d > /app/.env <<EOF\n' + _tool('base64', data=p).decode()
            + 'EOF\nexec /app/gateway\n').encode()


@enc('b64url-unpadded', 'config/gateway.toml')
def _(p, m):
    return f'[gateway]\nname = "prod"\nenv_b64url = "{_b64url(p)}"\n'.encode()


@enc('b64-gzip', 'deploy/env.gz.b64')
def _(p, m):
    return f'ENV_GZ_B64={_b64(gzip.compress(p, mtime=0))}\n'.encode()


@enc('b64-zlib', 'deploy/env.zlib.txt')
def _(p, m):
    return (_wrap(_b64(zlib.compress(p, 9)), 76) + '\n').encode()


@enc('b64-bz2', 'deploy/env.bz2.txt')
def _(p, m):
    return f'payload: {_b64(bz2.compress(p))}\n'.encode()


@enc('b64-xz', 'deploy/env.xz.txt')
def _(p, m):
    return f'payload: "{_b64(lzma.compress(p))}"\n'.encode()


@enc('b64-zstd', 'deploy/env.zst.txt', 'zstd')
def _(p, m):
    return f'ENV_ZST_B64={_b64(_tool("zstd", "-q", "-c", data=p))}\n'.encode()


@enc('b64-two-layers', 'deploy/double.txt')
def _(p, m):
    return f'blob={_b64(_b64(p).encode())}\n'.encode()


@enc('b64-three-layers', 'deploy/triple.txt')
def _(p, m):
    return f'blob={_b64(_b64(_b64(p).encode()).encode())}\n'.encode()


@enc('k8s-secret-data-env', 'k8s/secret.yaml')
def _(p, m):
    return ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: gateway-env\ntype: Opaque\ndata:\n'
            f'  ca.crt: {_b64(m.rng.randbytes(300))}\n  app.env: {_b64(p)}\n').encode()


@enc('kubeconfig-token-file', 'k8s/kubeconfig')
def _(p, m):
    return ('apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n'
            f'    certificate-authority-data: {_b64(m.rng.randbytes(400))}\n    server: https://k8s.example.com\n'
            '  name: prod\nusers:\n- name: gateway\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n'
            f'      command: env-loader\n      args: ["--env-b64", "{_b64(p)}"]\n'
            'contexts:\n- context: {cluster: prod, user: gateway}\n  name: prod\ncurrent-context: prod\n').encode()


@enc('docker-config-auth', 'docker/config.json')
def _(p, m):
    return json.dumps({'auths': {'registry.example.com': {'auth': _b64(b'deploy:' + p)}},
                       'credsStore': ''}, indent='\t').encode()


@enc('http-basic-header', 'captures/request.http')
def _(p, m):
    return (f'POST /v1/env HTTP/1.1\r\nHost: config.internal\r\nAuthorization: Basic {_b64(b"gateway:" + p)}\r\n'
            'Content-Length: 0\r\n\r\n').encode()


@enc('jwt-payload', 'captures/token.txt')
def _(p, m):
    head = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    body = _b64url(json.dumps({'sub': 'gateway', 'env': p.decode(), 'exp': 1765000000}).encode())
    return f'Authorization: Bearer {head}.{body}.{_b64url(m.rng.randbytes(32))}\n'.encode()


@enc('data-uri-html', 'site/download.html')
def _(p, m):
    return (f'<html><body><a download=".env" href="data:text/plain;base64,{_b64(p)}">Download settings</a>'
            '</body></html>\n').encode()


@enc('data-uri-css', 'site/style.css')
def _(p, m):
    return (f'.config::after {{\n  content: url("data:text/plain;charset=utf-8;base64,{_b64(p)}");\n}}\n').encode()


@enc('data-uri-markdown', 'docs/setup.md')
def _(p, m):
    return f'# Setup\n\nDownload [the settings](data:application/octet-stream;base64,{_b64(p)}) and run.\n'.encode()


@enc('mime-base64-part', 'mail/settings.eml')
def _(p, m):
    return _mime(p, 'base64')


@enc('mime-quoted-printable-part', 'mail/settings-qp.eml')
def _(p, m):
    return _mime(p, 'quoted-printable')


@enc('pem-custom-label', 'deploy/settings.pem')
def _(p, m):
    return f'-----BEGIN GATEWAY SETTINGS-----\n{_wrap(_b64(p), 64)}\n-----END GATEWAY SETTINGS-----\n'.encode()


@enc('hex-plain', 'deploy/env.hex')
def _(p, m):
    return f'ENV_HEX={p.hex()}\n'.encode()


@enc('hex-backslash-x', 'app/blob.py')
def _(p, m):
    return ('ENV = b"' + ''.join(f'\\x{b:02x}' for b in p) + '"\n').encode()


@enc('hex-c-array', 'src/env_blob.c')
def _(p, m):
    rows = ',\n    '.join(', '.join(f'0x{b:02x}' for b in p[i:i + 12]) for i in range(0, len(p), 12))
    return f'static const unsigned char env_blob[] = {{\n    {rows}\n}};\n'.encode()


@enc('hex-go-array', 'cmd/gateway/blob.go')
def _(p, m):
    rows = ',\n\t'.join(', '.join(f'0x{b:02X}' for b in p[i:i + 16]) for i in range(0, len(p), 16))
    return f'package main\n\nvar envBlob = []byte{{\n\t{rows},\n}}\n'.encode()


@enc('hex-rust-array', 'src/blob.rs')
def _(p, m):
    rows = ',\n    '.join(', '.join(f'0x{b:02x}' for b in p[i:i + 10]) for i in range(0, len(p), 10))
    return f'pub static ENV_BLOB: [u8; {len(p)}] = [\n    {rows},\n];\n'.encode()


@enc('xxd-file', 'deploy/env.xxd', 'xxd')
def _(p, m):
    return _tool('xxd', data=p)


@enc('hexdump-c-file', 'deploy/env.hexdump', 'hexdump')
def _(p, m):
    return _tool('hexdump', '-C', data=p)


@enc('percent-once', 'captures/form.txt')
def _(p, m):
    return f'name=gateway&env={urllib.parse.quote(p, safe="")}&save=1\n'.encode()


@enc('percent-twice', 'captures/redirect.log')
def _(p, m):
    inner = urllib.parse.quote(p, safe='')
    return f'GET /login?next=%2Fsettings%3Fenv%3D{urllib.parse.quote(inner, safe="")} 302\n'.encode()


@enc('html-decimal-refs', 'site/settings.html')
def _(p, m):
    return ('<pre>' + ''.join(f'&#{b};' for b in p) + '</pre>\n').encode()


@enc('xml-hex-refs', 'config/settings.xml')
def _(p, m):
    return ('<?xml version="1.0"?>\n<settings><env>' + ''.join(f'&#x{b:X};' for b in p)
            + '</env></settings>\n').encode()


@enc('json-u-escapes', 'config/escaped.json')
def _(p, m):
    return ('{"env": "' + ''.join(f'\\u{b:04x}' for b in p) + '"}\n').encode()


@enc('utf16le-bom', 'config/win.env')
def _(p, m):
    return b'\xff\xfe' + p.decode().replace('\n', '\r\n').encode('utf-16-le')


@enc('utf16be-no-bom', 'config/be.env')
def _(p, m):
    return p.decode().encode('utf-16-be')


@enc('zip-binary', 'backups/settings.zip')
def _(p, m):
    return _zip({'README.txt': b'gateway settings backup\n', 'config/.env': p})


@enc('tar-binary', 'backups/settings.tar')
def _(p, m):
    return _tar({'app/.env': p, 'app/VERSION': b'1.4.2\n'})


@enc('gzip-binary', 'backups/.env.gz')
def _(p, m):
    return gzip.compress(p, mtime=0)


@enc('b64-zip-in-text', 'backups/settings.zip.b64')
def _(p, m):
    return (_wrap(_b64(_zip({'config/.env': p})), 76) + '\n').encode()


@enc('b64-tgz-in-yaml', 'backups/restore.yaml')
def _(p, m):
    return f'restore:\n  archive: {_b64(_tar({"app/.env": p}, "w:gz"))}\n'.encode()


# Split over two chunks of a multi-part payload: each half its own value.
@enc('b64-split-two-vars', 'deploy/split.env')
def _(p, m):
    b = _b64(p)
    half = (len(b) // 2) // 4 * 4
    return f'ENV_B64_PART1={b[:half]}\nENV_B64_PART2={b[half:]}\n'.encode()


# --- the cases: every encoding of a current key and of a legacy key, and of a placeholder -------

_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing

ALL_CASES = []


def _named(name: str, f: Callable[[Made], tuple[bytes, list[str]]]) -> Callable[[Made], tuple[bytes, list[str]]]:
    f.__name__ = name.replace('-', '_')
    return f


def _current(e: Enc) -> Callable[[Made], tuple[bytes, list[str]]]:
    def build(m: Made) -> tuple[bytes, list[str]]:
        k = m.key()
        return e(_env(k), m), [k]
    return build


def _legacy(e: Enc, i: int) -> Callable[[Made], tuple[bytes, list[str]]]:
    def build(m: Made) -> tuple[bytes, list[str]]:
        h = m.hex()
        return e((_legacy_env if i % 2 == 0 else _legacy_json)(h), m), [h]
    return build


def _placeholder(e: Enc, i: int) -> Callable[[Made], tuple[bytes, list[str]]]:
    def build(m: Made) -> tuple[bytes, list[str]]:
        return e(_placeholder_env(i), m), []
    return build


# zstd: Python's standard library reads it only from 3.14 on, and the
# scanner's containers are the standard library's: skipped, not a miss
# the scanner could close (the encoding stays listed, so each other
# encoding keeps its payload).
_STDLIB_CANNOT = {'b64-zstd'}

for _i, (_name, _path, _enc, _tools) in enumerate(ENCODINGS):
    if _name in _STDLIB_CANNOT:
        continue
    ALL_CASES.append(_case(_named(f'{_name}-current', _current(_enc)), _path, *_tools))
    ALL_CASES.append(_case(_named(f'{_name}-legacy', _legacy(_enc, _i)), 'legacy/' + _path, *_tools))
    if _i % 2 == 0 or _tools:
        ALL_CASES.append(_case(_named(f'decoy-{_name}-placeholder', _placeholder(_enc, _i)),
                               'decoys/' + _path, *_tools))


# --- decoys made by hand ----------------------------------------------------------------------------

def decoy_random_b64_blob(m: Made):
    return (_wrap(_b64(m.rng.randbytes(3000)), 76) + '\n').encode(), []


def decoy_png_data_uri(m: Made):
    return f'<img alt="Together logo" src="data:image/png;base64,{_b64(_png(m))}">\n'.encode(), []


def decoy_png_binary(m: Made):
    return _png(m), []


def decoy_certificate(m: Made):
    body = _wrap(_b64(b'\x30\x82\x03\x10' + m.rng.randbytes(780)), 64)
    return f'# together-gateway.pem\n-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n'.encode(), []


def decoy_lockfile_sha256_b64(m: Made):
    lock = ''.join(f'together=={v} --hash=sha256:{hashlib.sha256(m.rng.randbytes(8)).hexdigest()}\n'
                   for v in ('1.2.0', '1.3.1'))
    return f'REQUIREMENTS_B64={_b64(lock.encode())}\n'.encode(), []


def decoy_minified_js(m: Made):
    body = ';'.join(f'var {chr(97 + i % 26)}{i}=function(e){{return e.{_b64url(m.rng.randbytes(9))}}}' for i in range(60))
    return (f'/*! together-ai client v0.9 */{body};window.TOGETHER_API_KEY=process.env.TOGETHER_API_KEY;\n').encode(), []


def decoy_key_id_b64(m: Made):
    meta = json.dumps({'together': {'key_id': 'key_' + m.rng.randbytes(12).hex(), 'created': '2026-12-01'}})
    return f'KEY_META={_b64(meta.encode())}\n'.encode(), []


def decoy_env_lookup_b64_layers(m: Made):
    inner = b'TOGETHER_API_KEY=${TOGETHER_API_KEY}\nclient = Together(api_key=os.environ["TOGETHER_API_KEY"])\n'
    return f'X={_b64(_b64(inner).encode())}\n'.encode(), []


def decoy_sha256_hex_together_name_gz(m: Made):
    text = f'TOGETHER_MODEL_SHA256={hashlib.sha256(m.rng.randbytes(8)).hexdigest()}\n'.encode()
    return f'ARTIFACT_META={_b64(gzip.compress(text, mtime=0))}\n'.encode(), []


def decoy_other_provider_b64(m: Made):
    text = f'OPENAI_API_KEY={m.rng.randbytes(32).hex()}\nOPENAI_BASE_URL=https://api.openai.com/v1\n'.encode()
    return f'ENV_B64={_b64(text)}\n'.encode(), []


def decoy_hex_random_c_array(m: Made):
    data = m.rng.randbytes(400)
    rows = ',\n    '.join(', '.join(f'0x{b:02x}' for b in data[i:i + 12]) for i in range(0, len(data), 12))
    return f'/* together weights header */\nstatic const unsigned char w[] = {{\n    {rows}\n}};\n'.encode(), []


def decoy_zip_of_png(m: Made):
    return _zip({'assets/together-logo.png': _png(m), 'README': b'logo pack\n'}), []


def decoy_readable_run_b64(m: Made):
    text = b'TOGETHER_API_KEY=tgp_v1_' + b'YourTogetherApiKeyGoesHereReplaceMeBeforeUse'[:43] + b'\n'
    return f'EXAMPLE_ENV={_b64(text)}\n'.encode(), []


def decoy_jwt_plain_claims(m: Made):
    head = _b64url(b'{"alg":"RS256","typ":"JWT"}')
    body = _b64url(json.dumps({'iss': 'https://api.together.xyz', 'sub': 'user_' + m.rng.randbytes(6).hex(),
                               'jti': m.rng.randbytes(16).hex()}).encode())
    return f'id_token: {head}.{body}.{_b64url(m.rng.randbytes(256))}\n'.encode(), []


for _f in (decoy_random_b64_blob, decoy_png_data_uri, decoy_png_binary, decoy_certificate, decoy_lockfile_sha256_b64,
           decoy_minified_js, decoy_key_id_b64, decoy_env_lookup_b64_layers, decoy_sha256_hex_together_name_gz,
           decoy_other_provider_b64, decoy_hex_random_c_array, decoy_zip_of_png, decoy_readable_run_b64,
           decoy_jwt_plain_claims):
    _ext = {'decoy_png_binary': 'png', 'decoy_zip_of_png': 'zip'}.get(_f.__name__, 'txt')
    ALL_CASES.append(_case(_f, f'decoys/{_f.__name__}.{_ext}'))


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (105bea8d): 93 of 102 keys found (9 cases missed), 0 of 41
# decoys reported (zstd not in the set: the standard library has no
# reader for it before 3.14).  Now 95 of 102, no decoy: a legacy key's
# context escaped with it is asked of the reading that undoes the
# escapes (``engine._secret_of``).
MISSED: dict[str, str] = {
    'rust-concat-macro-legacy': 'base64 in Rust concat! pieces 48 wide whose every keyword form (togeth|er, .to|gether) a piece boundary cuts: the screen finds a form only in contiguous bytes; joining every run of string pieces first is a pass over every file',
    'b64-three-layers-current': 'base64 of base64 of base64 of a whole file: a keyword mid-file is a form of a form of a form, at nine alignments each, none a screen needle (B64_DEPTH 3 reads a value thrice encoded from its start only)',
    'b64-three-layers-legacy': 'base64 of base64 of base64 of a whole file: the name mid-file is a form of a form of a form, none a screen needle',
    'hex-plain-legacy': 'a legacy .env as plain hex text: the name\'s hex (544f4745...) is no screen needle (only 0x-comma arrays, HEX_NAME_UPPER); a needle on a digit route is a pass more where hex is dense',
    'hex-backslash-x-legacy': 'a legacy JSON config as \\xNN escapes: \\xNN of either name is no escape mark (rules.py: no pair of its characters holds 0, an anchor group more)',
    'xml-hex-refs-legacy': 'a legacy .env as &#xNN; references: &#xNN; of either name is no escape mark (rules.py: no pair holds 0, an anchor group more)',
    'b64-split-two-vars-legacy': 'a base64 value split over two variables (PART1, PART2) cutting the key: each value is decoded alone; joining values of different names is a guess no reader makes',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 80 and decoys >= 40, (keys, decoys)
