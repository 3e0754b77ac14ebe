"""A thirteenth held-out set of keys in encoded and container forms
(session 32): shapes the first twelve sets (``encoded_heldout_test.py``,
``2`` to ``12``) do not try.  Kubernetes as operators write it by hand
and as ``kubectl`` prints it: a Secret whose ``.env`` is ``base64 -w76``
pasted into a ``|`` block, a Secret whose endpoint and key are two
encoded entries (``--from-literal`` twice, YAML and JSON), a ConfigMap
Helm release (``HELM_DRIVER=configmap``: base64 of gzip once), a Secret
holding an ``.env`` that holds a base64 value; SOPS files whose values
are not encrypted (``unencrypted_suffix``, ``encrypted_regex``, dotenv);
a JS bundle's inline source map (``sourceMappingURL=data:…;base64,``);
dumps pasted into issues and chats (``xxd``, ``hexdump -C``); hex of a
gzip in ``pg_dump``'s ``bytea`` and MySQL's ``X'…'``; ``certutil
-encode``; an OCI image layout (``docker save``); a PDF's kerned ``TJ``
text; an XML plist's ``<data>``; a notebook's printed base64; form
bodies and cookies whose base64 is percent-encoded; HTML that writes
every character as a reference; C's octal escapes; UTF-32BE without a
BOM.  And decoys: the same wrappings holding placeholders, digests, key
ids, SRI hashes, random bytes, encrypted values, and lookalike hosts.

ROT13 and reversed keys are not in the set, by decision: a key so
written was hidden on purpose, and a pre-commit guard is for the keys
that leak by accident (docs/detection.md, "Session 32 (enc32)").

Built by the real tools where the machine has them (``kubectl``,
``xxd``, ``hexdump``, ``base64``, ``openssl``) and by the standard
library or fpdf2 otherwise; a case needing a missing tool is skipped
alone.  Keys are made at run time (``tests/keys.py``).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import plistlib
import tarfile
import urllib.parse
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _b64url
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout8_test import _other_key
from tests.accuracy.encoded_heldout8_test import _wrap
from tests.accuracy.encoded_heldout9_test import _gz
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool
from tests.accuracy.encoded_heldout11_test import _placeholder_env


def _placeholder_key() -> str:
    return 'tgp_v1_' + 'x' * 43


def _two_key_env(k: str, h: str) -> bytes:
    return (f'APP_ENV=production\nDATABASE_URL=postgres://app@db/app\nTOGETHER_API_KEY={k}\n'
            f'TOGETHER_LEGACY_API_KEY={h}\nTOGETHER_BASE_URL=https://api.together.xyz/v1\nLOG_LEVEL=info\n').encode()


def _kubectl(*argv: str) -> bytes:
    return _tool('kubectl', 'create', *argv, '--dry-run=client', data=b'')


def _header(m: Made, lines: int = 20) -> str:
    """A manifest's labels and annotations: what puts a value past a
    file's first lines."""
    out = ['metadata:', '  name: app-env', '  namespace: llm', '  labels:']
    out += [f'    app.kubernetes.io/part-{i}: gateway-{m.rng.randrange(1000)}' for i in range(lines)]
    return '\n'.join(out) + '\n'


# --- Kubernetes ----------------------------------------------------------------------------------

def secret_env_block_wrapped(m: Made):
    k, h = m.key(), m.hex()
    block = _tool('base64', '-w', '76', data=_two_key_env(k, h)).decode()
    body = ''.join('    ' + line + '\n' for line in block.splitlines())
    return (f'apiVersion: v1\nkind: Secret\n{_header(m)}type: Opaque\ndata:\n  .env: |\n{body}').encode(), [k, h]


def secret_literals_endpoint_apart(m: Made):
    h = m.hex()
    return _kubectl('secret', 'generic', 'llm-credentials', f'--from-literal=api_key={h}',
                    '--from-literal=base_url=https://api.together.xyz/v1', '-o', 'yaml'), [h]


def secret_literals_provider_apart_json(m: Made):
    h = m.hex()
    return _kubectl('secret', 'generic', 'llm', '--from-literal=provider=together',
                    f'--from-literal=api_key={h}', '--from-literal=model=meta-llama/Llama-3-70b', '-o', 'json'), [h]


def secret_env_holding_b64_value(m: Made):
    k = m.key()
    inner = f'APP_ENV=production\nTOGETHER_API_KEY_B64={_b64(k.encode())}\n'.encode()
    return _kubectl('secret', 'generic', 'app-env', f'--from-literal=.env={inner.decode()}', '-o', 'yaml'), [k]


def helm_release_configmap_driver(m: Made):
    k, h = m.key(), m.hex()
    release = {'name': 'llm', 'namespace': 'llm', 'version': 3, 'info': {'status': 'deployed'},
               'config': {'together': {'apiKey': k, 'legacyApiKey': h, 'baseUrl': 'https://api.together.xyz/v1'}},
               'manifest': '---\n# Source: llm/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n'}
    value = _b64(_gz(json.dumps(release).encode()))
    return ('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sh.helm.release.v1.llm.v3\n  labels:\n'
            f'    owner: helm\n    status: deployed\ndata:\n  release: {value}\n').encode(), [k, h]


# --- SOPS, values left plain ----------------------------------------------------------------------

def _enc(m: Made) -> str:
    return f'ENC[AES256_GCM,data:{_b64(m.rng.randbytes(24))},iv:{_b64(m.rng.randbytes(32))},tag:{_b64(m.rng.randbytes(16))},type:str]'


def _sops_meta(m: Made, rule: str) -> str:
    return (f'sops:\n    age:\n        - recipient: age1{m.rng.randbytes(20).hex()}\n'
            f'    lastmodified: "2026-12-04T10:00:00Z"\n    mac: {_enc(m)}\n    {rule}\n    version: 3.9.1\n')


def sops_yaml_unencrypted_suffix(m: Made):
    k, h = m.key(), m.hex()
    return (f'together:\n    api_key_unencrypted: {k}\n    legacy_api_key_unencrypted: {h}\n'
            f'    base_url_unencrypted: https://api.together.xyz/v1\ndatabase:\n    password: {_enc(m)}\n'
            + _sops_meta(m, 'unencrypted_suffix: _unencrypted')).encode(), [k, h]


def sops_json_encrypted_regex(m: Made):
    h = m.hex()
    doc = {'together': {'api_key': h, 'password': _enc(m)},
           'sops': {'lastmodified': '2026-12-04T10:00:00Z', 'mac': _enc(m), 'encrypted_regex': '^(password|secret)$',
                    'version': '3.9.1'}}
    return json.dumps(doc, indent=4).encode(), [h]


def sops_dotenv_unencrypted(m: Made):
    k = m.key()
    return (f'DATABASE_PASSWORD={_enc(m)}\nTOGETHER_API_KEY_UNENCRYPTED={k}\nsops_version=3.9.1\n'
            f'sops_mac={_enc(m)}\nsops_unencrypted_suffix=_UNENCRYPTED\n').encode(), [k]


# --- web: source maps, forms, cookies, entities ---------------------------------------------------

def js_inline_source_map(m: Made):
    h = m.hex()
    source = (f'export const together = {{\n  baseURL: "https://api.together.xyz/v1",\n  apiKey: "{h}",\n}};\n')
    smap = {'version': 3, 'file': 'app.js', 'sources': ['../src/config.ts'], 'sourcesContent': [source],
            'names': [], 'mappings': 'AAAA,OAAO,MAAM'}
    return ('"use strict";var t={baseURL:"https://api.together.xyz/v1",apiKey:window.__K};\n'
            '//# sourceMappingURL=data:application/json;charset=utf-8;base64,'
            + _b64(json.dumps(smap).encode()) + '\n').encode(), [h]


def form_body_b64_percent_encoded(m: Made):
    k = m.key()
    value = urllib.parse.quote(_b64(_env(k)), safe='')
    return (f'POST /api/settings HTTP/1.1\r\nHost: internal.example.com\r\n'
            f'Content-Type: application/x-www-form-urlencoded\r\n\r\nname=prod&env_file={value}&submit=Save\r\n').encode(), [k]


def rails_cookie_percent_b64(m: Made):
    h = m.hex()
    payload = json.dumps({'session_id': m.rng.randbytes(16).hex(), 'together_api_key': h}).encode()
    cookie = urllib.parse.quote(_b64(payload), safe='') + '--' + m.rng.randbytes(20).hex()
    return (f'Started GET "/dashboard" for 10.0.0.8\n  Cookie: _llm_session={cookie}\n').encode(), [h]


def html_every_char_reference(m: Made):
    k = m.key()
    refs = ''.join(f'&#x{ord(c):x};' for c in k)
    return (f'<p>Your Together API key:</p>\n<pre class="key">{refs}</pre>\n').encode(), [k]


def html_decimal_references_legacy(m: Made):
    h = m.hex()
    refs = ''.join(f'&#{ord(c)};' for c in f'TOGETHER_API_KEY={h}')
    return (f'<html><body><code>{refs}</code></body></html>\n').encode(), [h]


def c_octal_escaped_string(m: Made):
    k = m.key()
    octal = ''.join(f'\\{ord(c):03o}' for c in k)
    return (f'/* obfuscated so strings(1) does not show it */\nstatic const char together_key[] = "{octal}";\n').encode(), [k]


# --- dumps pasted into other files ----------------------------------------------------------------

def issue_xxd_paste(m: Made):
    k = m.key()
    dump = _tool('xxd', data=b'\xef\xbb\xbf' + _env(k).replace(b'\n', b'\r\n')).decode()
    return ('## .env not loaded on Windows\n\nThe app says the key is missing. Here is `xxd .env`:\n\n'
            f'```\n{dump}```\n\nAny idea why the first line is ignored?\n').encode(), [k]


def issue_hexdump_c_paste_legacy(m: Made):
    h = m.hex()
    dump = _tool('hexdump', '-C', data=_legacy_env(h)).decode()
    return ('Steps to reproduce:\n\n1. copy the .env\n2. run the service\n\n    $ hexdump -C .env\n'
            + ''.join('    ' + line + '\n' for line in dump.splitlines()) + '\nExpected: loads.\n').encode(), [h]


def chat_log_xxd_plain_key(m: Made):
    k = m.key()
    dump = _tool('xxd', '-p', data=f'export TOGETHER_API_KEY={k}\n'.encode()).decode()
    return (f'[10:02] alice: can you check what is in the file?\n[10:03] bob: sure\n{dump}'
            '[10:04] alice: thanks\n').encode(), [k]


def pg_dump_bytea_gzip(m: Made):
    k = m.key()
    blob = _gz(_env(k)).hex()
    return ('--\n-- PostgreSQL database dump\n--\n\nCOPY public.app_files (id, name, content) FROM stdin;\n'
            f'1\tlogo.txt\t\\\\x68656c6c6f\n2\t.env.gz\t\\\\x{blob}\n\\.\n').encode(), [k]


def mysql_hex_literal_gzip(m: Made):
    h = m.hex()
    blob = _gz(_legacy_env(h)).hex().upper()
    return ("INSERT INTO `app_files` (`id`, `name`, `content`) VALUES "
            f"(2,'.env.gz',X'{blob}');\n").encode(), [h]


# --- Windows and Apple ---------------------------------------------------------------------------------

def certutil_encode_env(m: Made):
    k, h = m.key(), m.hex()
    body = _wrap(_b64(_two_key_env(k, h).replace(b'\n', b'\r\n')), 64, '\r\n')
    return (f'-----BEGIN CERTIFICATE-----\r\n{body}\r\n-----END CERTIFICATE-----\r\n').encode(), [k, h]


def plist_xml_data_legacy(m: Made):
    h = m.hex()
    return plistlib.dumps({'TogetherAPIKey': h.encode(), 'TogetherBaseURL': 'https://api.together.xyz/v1'}), [h]


def plist_xml_data_env(m: Made):
    k = m.key()
    return plistlib.dumps({'EnvironmentFile': _env(k), 'Label': 'ai.example.gateway'}), [k]


def utf32be_no_bom_legacy(m: Made):
    h = m.hex()
    return _legacy_env(h).decode().encode('utf-32-be'), [h]


# --- containers -----------------------------------------------------------------------------------------

def _tar_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1733000000, 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def oci_image_layout(m: Made):
    k = m.key()
    layer = _gz(_tar_bytes({'app/.env': _env(k), 'app/main.py': b'print(1)\n'}))
    digest = hashlib.sha256(layer).hexdigest()
    config = json.dumps({'architecture': 'amd64', 'os': 'linux', 'config': {'Env': ['PATH=/usr/bin']}}).encode()
    cdigest = hashlib.sha256(config).hexdigest()
    manifest = json.dumps({'schemaVersion': 2, 'config': {'digest': f'sha256:{cdigest}'},
                           'layers': [{'digest': f'sha256:{digest}', 'size': len(layer)}]}).encode()
    mdigest = hashlib.sha256(manifest).hexdigest()
    return _tar_bytes({'oci-layout': b'{"imageLayoutVersion": "1.0.0"}',
                       'index.json': json.dumps({'manifests': [{'digest': f'sha256:{mdigest}'}]}).encode(),
                       f'blobs/sha256/{mdigest}': manifest, f'blobs/sha256/{cdigest}': config,
                       f'blobs/sha256/{digest}': layer}), [k]


def _pdf_tj(lines: list[str]) -> bytes:
    """A one-page PDF whose text is shown by ``TJ`` arrays, a kerning
    number between pieces (as pdfTeX and Word write), its content
    stream deflated."""
    ops = ['BT', '/F1 10 Tf', '72 720 Td']
    for line in lines:
        pieces, at = [], 0
        while at < len(line):
            step = 3 + (at * 7) % 5
            pieces.append('(' + line[at:at + step].replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)') + ')')
            at += step
        ops += ['[' + '-15'.join(pieces) + '] TJ', '0 -14 Td']
    ops.append('ET')
    content = zlib.compress('\n'.join(ops).encode())
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R '
            b'/Resources << /Font << /F1 5 0 R >> >> >>',
            b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(content) + content + b'\nendstream',
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>']
    out = b'%PDF-1.5\n'
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + obj + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    return out


def pdf_kerned_tj_text(m: Made):
    k = m.key()
    return _pdf_tj(['Deployment runbook', f'export TOGETHER_API_KEY={k}', 'then restart the gateway']), [k]


def pdf_kerned_tj_legacy(m: Made):
    h = m.hex()
    return _pdf_tj(['Together AI credentials', f'TOGETHER_API_KEY={h}']), [h]


# --- notebooks --------------------------------------------------------------------------------------

def _notebook(outputs: list[dict], source: str) -> bytes:
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {}, 'outputs': outputs,
                     'source': source.splitlines(True)}],
          'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3'}}, 'nbformat': 4,
          'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode()


def notebook_stream_wrapped_base64(m: Made):
    k = m.key()
    lines = _tool('base64', data=_env(k)).decode().splitlines(True)
    return _notebook([{'output_type': 'stream', 'name': 'stdout', 'text': lines}], '!base64 .env'), [k]


def notebook_bytes_repr_of_b64(m: Made):
    h = m.hex()
    value = base64.b64encode(f'together_api_key={h}'.encode())
    return _notebook([{'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
                       'data': {'text/plain': [repr(value)]}}], 'base64.b64encode(line.encode())'), [h]


# --- base64 once more -------------------------------------------------------------------------------

def jwt_nested_provider_claim(m: Made):
    h = m.hex()
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())
    body = _b64url(json.dumps({'sub': 'svc-llm', 'creds': {'together': h}, 'exp': 1765000000}).encode())
    return (f'Authorization: Bearer {head}.{body}.{_b64url(m.rng.randbytes(32))}\n').encode(), [h]


def urlsafe_b64_env_config(m: Made):
    k = m.key()
    return json.dumps({'name': 'gateway', 'env_b64url': _b64url(_env(k))}, indent=2).encode(), [k]


def yaml_binary_tag_block_legacy(m: Made):
    h = m.hex()
    block = _wrap(_b64(_legacy_env(h)), 60, '\n    ')
    return (f'# generated by tools/pack_env.py\n{_header(m, 18)}env_file: !!binary |\n    {block}\n').encode(), [h]


def b64_dotenv_bom_crlf(m: Made):
    k = m.key()
    value = _b64(b'\xef\xbb\xbf' + _env(k).replace(b'\n', b'\r\n'))
    return f'ENV_FILE_B64={value}\n'.encode(), [k]


def b64_of_gzip_tar_in_dockerfile(m: Made):
    k = m.key()
    payload = _b64(_gz(_tar_bytes({'app/.env': _env(k)})))
    return (f'FROM python:3.12-slim\nRUN echo "{payload}" | base64 -d | tar -xz -C /\nCMD ["python", "-m", "app"]\n'
            ).encode(), [k]


# --- decoys ---------------------------------------------------------------------------------------------

def decoy_secret_literals_digest_beside_endpoint(m: Made):
    return _kubectl('secret', 'generic', 'llm-cache', f'--from-literal=checksum={hashlib.sha256(m.rng.randbytes(8)).hexdigest()}',
                    '--from-literal=base_url=https://api.together.xyz/v1', '-o', 'yaml'), []


def decoy_secret_literals_other_endpoint(m: Made):
    return _kubectl('secret', 'generic', 'llm', '--from-literal=provider=openai',
                    f'--from-literal=api_key={m.rng.randbytes(32).hex()}', '--from-literal=note=moved off together',
                    '-o', 'yaml'), []


def decoy_secret_tls_random(m: Made):
    return (f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-gateway-tls\ntype: kubernetes.io/tls\n'
            f'data:\n  tls.crt: {_b64(m.rng.randbytes(900))}\n  tls.key: {_b64(m.rng.randbytes(1200))}\n').encode(), []


def decoy_secret_block_placeholder(m: Made):
    block = _tool('base64', '-w', '76', data=_placeholder_env() * 3).decode()
    body = ''.join('    ' + line + '\n' for line in block.splitlines())
    return (f'apiVersion: v1\nkind: Secret\n{_header(m)}data:\n  .env: |\n{body}').encode(), []


def decoy_sops_fully_encrypted(m: Made):
    return (f'together:\n    api_key: {_enc(m)}\n    base_url: {_enc(m)}\n' + _sops_meta(m, 'unencrypted_suffix: _unencrypted')
            ).encode(), []


def decoy_sealed_secret(m: Made):
    return (f'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: together-credentials\nspec:\n'
            f'  encryptedData:\n    TOGETHER_API_KEY: {_b64(m.rng.randbytes(400))}\n').encode(), []


def decoy_package_lock_integrity(m: Made):
    lock = {'name': 'app', 'lockfileVersion': 3, 'packages': {'node_modules/together-ai': {
        'version': '0.9.0', 'resolved': 'https://registry.npmjs.org/together-ai/-/together-ai-0.9.0.tgz',
        'integrity': 'sha512-' + _b64(m.rng.randbytes(64))}}}
    return json.dumps(lock, indent=2).encode(), []


def decoy_sri_script_tag(m: Made):
    return (f'<script src="https://cdn.example.com/together-ai@0.9.0/dist/index.js"\n'
            f'  integrity="sha384-{_b64(m.rng.randbytes(48))}" crossorigin="anonymous"></script>\n').encode(), []


def decoy_b64_manifest_of_checksums(m: Made):
    sums = ''.join(f'{hashlib.sha256(m.rng.randbytes(8)).hexdigest()}  together-{i}.whl\n' for i in range(3))
    return (f'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: together-wheels\nbinaryData:\n'
            f'  SHA256SUMS: {_b64(sums.encode())}\n').encode(), []


def decoy_key_ids_in_b64(m: Made):
    ids = {'together': {'key_id': 'key_' + m.rng.randbytes(12).hex(), 'created': '2026-12-01'}}
    return f'KEY_META_B64={_b64(json.dumps(ids).encode())}\n'.encode(), []


def decoy_punycode_lookalike_host(m: Made):
    return (f'llm:\n  base_url: https://api.xn--tgether-u4a.xyz/v1\n  api_key: {m.rng.randbytes(32).hex()}\n').encode(), []


def decoy_issue_xxd_placeholder(m: Made):
    dump = _tool('xxd', data=_placeholder_env()).decode()
    return f'## .env not loaded\n\nHere is `xxd .env.example`:\n\n```\n{dump}```\n'.encode(), []


def decoy_issue_hexdump_random_together(m: Made):
    dump = _tool('hexdump', '-C', data=b'together weights ' + m.rng.randbytes(200)).decode()
    return f'The model shard looks corrupt:\n\n```\n{dump}```\n'.encode(), []


def decoy_pg_dump_bytea_gzip_placeholder(m: Made):
    blob = _gz(_placeholder_env()).hex()
    return ('COPY public.app_files (id, name, content) FROM stdin;\n'
            f'1\ttogether.env.gz\t\\\\x{blob}\n2\tweights.bin\t\\\\x{m.rng.randbytes(200).hex()}\n\\.\n').encode(), []


def decoy_certutil_random(m: Made):
    body = _wrap(_b64(m.rng.randbytes(600)), 64, '\r\n')
    return f'-----BEGIN CERTIFICATE-----\r\n{body}\r\n-----END CERTIFICATE-----\r\n'.encode(), []


def decoy_pdf_tj_placeholder(m: Made):
    return _pdf_tj(['Together AI setup', f'export TOGETHER_API_KEY={_placeholder_key()}',
                    f'TOGETHER_KEY_SHA256={hashlib.sha256(m.rng.randbytes(8)).hexdigest()}']), []


def decoy_plist_data_random(m: Made):
    return plistlib.dumps({'TogetherIconData': m.rng.randbytes(300), 'TogetherKeyID': 'key_' + m.rng.randbytes(8).hex()}), []


def decoy_source_map_env_lookup(m: Made):
    source = 'export const together = { apiKey: process.env.TOGETHER_API_KEY };\n'
    smap = {'version': 3, 'sources': ['../src/config.ts'], 'sourcesContent': [source], 'mappings': 'AAAA'}
    return ('var t={apiKey:process.env.TOGETHER_API_KEY};\n//# sourceMappingURL=data:application/json;base64,'
            + _b64(json.dumps(smap).encode()) + '\n').encode(), []


def decoy_form_body_random_b64(m: Made):
    value = urllib.parse.quote(_b64(m.rng.randbytes(120)), safe='')
    return f'provider=together&state={value}&submit=Save\n'.encode(), []


def decoy_html_references_placeholder(m: Made):
    refs = ''.join(f'&#x{ord(c):x};' for c in _placeholder_key())
    return f'<p>Example Together key:</p><pre>{refs}</pre>\n'.encode(), []


def decoy_octal_other_provider(m: Made):
    octal = ''.join(f'\\{ord(c):03o}' for c in _other_key(m, 'sk-proj-', 48))
    return f'static const char together_fallback_openai[] = "{octal}";\n'.encode(), []


def decoy_utf32be_digest(m: Made):
    text = f'TOGETHER_API_KEY_SHA256={hashlib.sha256(m.rng.randbytes(8)).hexdigest()}\n'
    return text.encode('utf-32-be'), []


def decoy_oci_layout_example(m: Made):
    layer = _gz(_tar_bytes({'app/.env.example': _placeholder_env()}))
    return _tar_bytes({'oci-layout': b'{"imageLayoutVersion": "1.0.0"}',
                       f'blobs/sha256/{hashlib.sha256(layer).hexdigest()}': layer}), []


def decoy_jwt_key_digest_claim(m: Made):
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())
    body = _b64url(json.dumps({'sub': 'svc', 'together_key_sha256': hashlib.sha256(m.rng.randbytes(8)).hexdigest()}).encode())
    return f'token: {head}.{body}.{_b64url(m.rng.randbytes(32))}\n'.encode(), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(secret_env_block_wrapped, 'k8s/app-env-secret.yaml', 'base64'),
    _case(secret_literals_endpoint_apart, 'k8s/llm-credentials.yaml', 'kubectl'),
    _case(secret_literals_provider_apart_json, 'k8s/llm.json', 'kubectl'),
    _case(secret_env_holding_b64_value, 'k8s/app-env.yaml', 'kubectl'),
    _case(helm_release_configmap_driver, 'k8s/helm-release-cm.yaml'),
    _case(sops_yaml_unencrypted_suffix, 'secrets/prod.enc.yaml'),
    _case(sops_json_encrypted_regex, 'secrets/prod.enc.json'),
    _case(sops_dotenv_unencrypted, 'secrets/prod.enc.env'),
    _case(js_inline_source_map, 'public/assets/app.js'),
    _case(form_body_b64_percent_encoded, 'captures/settings.http'),
    _case(rails_cookie_percent_b64, 'log/development.log'),
    _case(html_every_char_reference, 'site/account.html'),
    _case(html_decimal_references_legacy, 'site/legacy.html'),
    _case(c_octal_escaped_string, 'src/key.c'),
    _case(issue_xxd_paste, 'issues/88.md', 'xxd'),
    _case(issue_hexdump_c_paste_legacy, 'issues/89.md', 'hexdump'),
    _case(chat_log_xxd_plain_key, 'logs/chat.txt', 'xxd'),
    _case(pg_dump_bytea_gzip, 'db/dump.sql'),
    _case(mysql_hex_literal_gzip, 'db/mysql-dump.sql'),
    _case(certutil_encode_env, 'deploy/env.b64'),
    _case(plist_xml_data_legacy, 'macos/Settings.plist'),
    _case(plist_xml_data_env, 'macos/ai.example.gateway.plist'),
    _case(utf32be_no_bom_legacy, 'config/legacy.env.utf32'),
    _case(oci_image_layout, 'images/gateway-oci.tar'),
    _case(pdf_kerned_tj_text, 'docs/runbook.pdf'),
    _case(pdf_kerned_tj_legacy, 'docs/credentials.pdf'),
    _case(notebook_stream_wrapped_base64, 'notebooks/debug.ipynb', 'base64'),
    _case(notebook_bytes_repr_of_b64, 'notebooks/encode.ipynb'),
    _case(jwt_nested_provider_claim, 'captures/request.txt'),
    _case(urlsafe_b64_env_config, 'config/gateway.json'),
    _case(yaml_binary_tag_block_legacy, 'config/packed.yaml'),
    _case(b64_dotenv_bom_crlf, 'config/windows.env'),
    _case(b64_of_gzip_tar_in_dockerfile, 'Dockerfile'),
    _case(decoy_secret_literals_digest_beside_endpoint, 'decoys/llm-cache.yaml', 'kubectl'),
    _case(decoy_secret_literals_other_endpoint, 'decoys/llm-openai.yaml', 'kubectl'),
    _case(decoy_secret_tls_random, 'decoys/tls.yaml'),
    _case(decoy_secret_block_placeholder, 'decoys/env-example-secret.yaml', 'base64'),
    _case(decoy_sops_fully_encrypted, 'decoys/prod.enc.yaml'),
    _case(decoy_sealed_secret, 'decoys/sealed.yaml'),
    _case(decoy_package_lock_integrity, 'decoys/package-lock.json'),
    _case(decoy_sri_script_tag, 'decoys/index.html'),
    _case(decoy_b64_manifest_of_checksums, 'decoys/wheels-cm.yaml'),
    _case(decoy_key_ids_in_b64, 'decoys/key-meta.env'),
    _case(decoy_punycode_lookalike_host, 'decoys/lookalike.yaml'),
    _case(decoy_issue_xxd_placeholder, 'decoys/issue-xxd.md', 'xxd'),
    _case(decoy_issue_hexdump_random_together, 'decoys/issue-hexdump.md', 'hexdump'),
    _case(decoy_pg_dump_bytea_gzip_placeholder, 'decoys/dump.sql'),
    _case(decoy_certutil_random, 'decoys/blob.b64'),
    _case(decoy_pdf_tj_placeholder, 'decoys/setup.pdf'),
    _case(decoy_plist_data_random, 'decoys/Icon.plist'),
    _case(decoy_source_map_env_lookup, 'decoys/app.js'),
    _case(decoy_form_body_random_b64, 'decoys/form.txt'),
    _case(decoy_html_references_placeholder, 'decoys/example.html'),
    _case(decoy_octal_other_provider, 'decoys/fallback.c'),
    _case(decoy_utf32be_digest, 'decoys/digest.utf32'),
    _case(decoy_oci_layout_example, 'decoys/example-oci.tar'),
    _case(decoy_jwt_key_digest_claim, 'decoys/token.txt'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (78a082f7): 26 of 37 keys found (11 cases missed), 0 of 24
# decoys reported.  28: a map of base64 entries (a Secret's ``data:``) is
# read with every entry decoded (``codec.b64_entries_view``).  30: a PDF
# page's text is read as a reader extracts it, a ``TJ`` array's pieces
# joined (``containers.pdf_text``).  31: a dump pasted into another file
# is read around a keyword its text column shows
# (``codec.pasted_dump_view``).  33: a gzip written as hex text, as a
# database dump writes a BLOB, is opened (``engine.HEX_PACKED_MARKS``).
# 34: a pasted dump is marked by its first line too
# (``engine.PASTED_DUMP_MARKS``).
MISSED: dict[str, str] = {
    # (acc33: each left; reading it is a pass more over every file's bytes)
    'html-decimal-references-legacy': 'every character of a legacy key\'s line as &#NN;: the upper-case name\'s decimal references (&#71;&#69;) are no escape mark of the legacy rule (no pair holds 0: an anchor group more, a search of every file)',
    'chat-log-xxd-plain-key': 'xxd -p inside a log with no keyword written plainly near it: only hex whose own text shows a keyword or sits under a dump mark is read; every run of hex lines read as bytes is a pass over every file',
    'plist-xml-data-legacy': 'a plist <data> value is decoded alone, wrapped over lines: the legacy key\'s name is the <key> element before the base64, and a key-name-then-base64 value is read only on the name\'s own line',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
