"""A ninth held-out probe (session 12), written as an outside tester
would, more than half of it legacy 64-hex keys with the Together context
real files give them: secret managers' outputs (``vault kv get``, AWS
Secrets Manager and SSM, Azure Key Vault, ``gcloud``, Doppler's table,
Infisical, Consul's base64 values, sops ``_unencrypted``), deployment
CLIs (``heroku config``, ``railway``, ``wrangler secret put`` and
``vercel env add`` fed by a pipe, GitLab's variables API, CircleCI
contexts, ``helm --set``, CloudFormation overrides, ``terraform -var``),
``kubectl describe`` and ``get -o yaml``, CI logs (GitHub Actions lines
with timestamps, Jenkins, GitLab with ANSI colours), database shells and
dumps (``psql`` and ``mysql`` tables, ``COPY`` blocks with tabs, Redis,
Mongo), values printed by programs (Python, pydantic, Rust, Go, Node,
Java and Elixir reprs, journald, Sentry events), LLM tools' own files
(Open WebUI's parallel URL/key lists, Continue's config.yaml, Jan,
aider, LibreChat) -- and keys inside binary and encoded files: a pickle,
a ``.pyc``, a Java ``.class`` constant pool, a binary plist, an SQLite
database, a gzip'd log, a ``.docx`` and an ``.xlsx``, a PDF stream, MIME
mail with base64 and quoted-printable attachments, a JWT, ``data:`` URIs,
URL-encoded form bodies and a UTF-16 registry export's ``hex(2):``
bytes.  Decoys: digests next to the word together that real tools write
(lockfiles of many ecosystems, Docker image digests, LFS pointers,
model-card checksum tables, ``--hash`` pins), placeholders, runs one
short or long, ``key_`` ids and env references in each syntax.  The same
cases are scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe9_modes_test.py.
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import marshal
import pickle
import plistlib
import quopri
import string
import struct
import urllib.parse
import zipfile
import zlib

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


def _b64(data: str | bytes) -> str:
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def _wrap(text: str, width: int = 76) -> str:
    return '\n'.join(text[i:i + width] for i in range(0, len(text), width))


def _inner(m: Made, template: str, kind: str) -> tuple[str, str]:
    key = m.key() if kind == 'key' else m.hex()
    return template.replace('<<KEY>>', key), key


# -- binary containers and serialised objects ---------------------------------------

def _pickle_dict(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A pickled settings dict (joblib/pickle caches get committed)."""
    key = m.hex()
    data = pickle.dumps({'provider': 'together', 'together_api_key': key, 'timeout': 30}, protocol=4)
    return data, [(line_of(data, key.encode()), key)]


def _pyc_constant(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A committed ``__pycache__/settings.cpython-311.pyc``: the key is a
    code object's constant (marshal)."""
    key = m.hex()
    src = f'TOGETHER_BASE_URL = "https://api.together.xyz/v1"\nTOGETHER_API_KEY = "{key}"\n'
    code = compile(src, 'settings.py', 'exec')
    data = b'\xa7\r\r\n' + b'\0' * 12 + marshal.dumps(code)
    return data, [(line_of(data, key.encode()), key)]


def _java_class(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A compiled ``Config.class``: a static final String's constant-pool
    entries (CONSTANT_Utf8: tag 1, u2 length, bytes)."""
    key = m.key()
    utf8 = [b'Config', b'java/lang/Object', b'TOGETHER_API_KEY', b'Ljava/lang/String;',
            b'ConstantValue', key.encode(), b'SourceFile', b'Config.java']
    pool = b''.join(b'\x01' + struct.pack('>H', len(s)) + s for s in utf8)
    data = (b'\xca\xfe\xba\xbe\x00\x00\x00\x37' + struct.pack('>H', len(utf8) + 1) + pool
            + b'\x00\x31\x00\x01\x00\x02\x00\x00\x00\x01\x00\x19\x00\x03\x00\x04\x00\x00\x00\x00')
    return data, [(line_of(data, key.encode()), key)]


def _binary_plist(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    data = plistlib.dumps({'EnvironmentVariables': {'TOGETHER_API_KEY': key}, 'Label': 'ai.local.eval'},
                          fmt=plistlib.FMT_BINARY)
    return data, [(line_of(data, key.encode()), key)]


def _sqlite_hex(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    import os
    import sqlite3
    import tempfile

    key = m.hex()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        db = sqlite3.connect(path)
        db.execute('create table credentials (provider text, api_key text, created text)')
        db.execute('insert into credentials values (?, ?, ?)', ('together', key, '2024-05-01'))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            data = f.read()
    return data, [(line_of(data, key.encode()), key)]


def _gzip_log(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    text = (
        '2024-05-01 10:00:01 INFO starting worker\n'
        f'2024-05-01 10:00:02 DEBUG POST https://api.together.xyz/v1/chat/completions headers={{"Authorization": "Bearer {key}"}}\n'
        '2024-05-01 10:00:03 INFO done\n'
    )
    return gzip.compress(text.encode(), mtime=0), [(2, key)]


def _docx(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A Word handover note: the label and the key in separate runs."""
    key = m.hex()
    doc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:p><w:r><w:t>Together AI API key: </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Consolas"/></w:rPr>'
        f'<w:t>{key}</w:t></w:r></w:p></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('word/document.xml', doc)
    return buf.getvalue(), [(line_of(doc, key), key)]


def _xlsx(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
        '<si><t>Provider</t></si><si><t>API key</t></si><si><t>Together AI</t></si>'
        f'<si><t>{key}</t></si></sst>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('xl/sharedStrings.xml', shared)
    return buf.getvalue(), [(line_of(shared, key), key)]


def _pdf_stream(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    content = f'BT /F1 10 Tf 72 700 Td (Together API key: {key}) Tj ET\n'
    stream = zlib.compress(content.encode())
    data = (
        b'%PDF-1.4\n1 0 obj\n<< /Length ' + str(len(stream)).encode() + b' /Filter /FlateDecode >>\nstream\n'
        + stream + b'\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
    )
    return data, [(1, key)]


# -- encoded text -------------------------------------------------------------------

def _mime_base64_attachment(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    inner = json.dumps({'provider': 'together', 'base_url': 'https://api.together.xyz/v1',
                        'api_key': key}, indent=2)
    body = _wrap(_b64(inner))
    text = (
        'From: dana@example.com\nSubject: eval config\nMIME-Version: 1.0\n'
        'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nattached\n\n'
        '--b1\nContent-Type: application/json; name="config.json"\n'
        'Content-Disposition: attachment; filename="config.json"\nContent-Transfer-Encoding: base64\n\n'
        f'{body}\n--b1--\n'
    )
    # (the line of the base64 that holds the key's first encoded byte)
    at = len(_b64(inner[:inner.index(key)])) // 76
    return text, [(line_of(text, body[:20]) + at, key)]


def _mime_qp_attachment(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    inner = f'# eval box\nTOGETHER_API_KEY={key}\nMODEL=meta-llama/Llama-3-70b-chat-hf\n'
    body = quopri.encodestring(inner.encode()).decode()
    text = (
        'From: sam@example.com\nSubject: .env for the eval box\nMIME-Version: 1.0\n'
        'Content-Type: multipart/mixed; boundary="zz"\n\n--zz\n'
        'Content-Type: text/plain; name="env.txt"\nContent-Transfer-Encoding: quoted-printable\n\n'
        f'{body}\n--zz--\n'
    )
    return text, [(line_of(text, key[:20]), key)]


def _jwt_payload(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()

    def seg(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip('=')
    token = '.'.join([seg({'alg': 'HS256', 'typ': 'JWT'}),
                      seg({'sub': 'worker', 'upstream': {'provider': 'together', 'key': key}}),
                      'c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXNpZw'])  # pragma: allowlist secret
    text = f'# session captured from the proxy\nX-Upstream-Token: {token}\n'
    return text, [(2, key)]


def _jwt_payload_hex(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()

    def seg(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip('=')
    token = '.'.join([seg({'alg': 'HS256', 'typ': 'JWT'}),
                      seg({'sub': 'worker', 'together_api_key': key}),
                      'c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXNpZw'])  # pragma: allowlist secret
    text = f'{{"access_token": "{token}", "token_type": "bearer"}}\n'
    return text, [(1, key)]


def _data_uri(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    inner = json.dumps({'together': {'apiKey': key, 'model': 'mistralai/Mixtral-8x7B-Instruct-v0.1'}})
    text = f'<script src="app.js" data-config="data:application/json;base64,{_b64(inner)}"></script>\n'
    return text, [(1, key)]


def _data_uri_env(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = f'const envFile = "data:text/plain;base64,{_b64("TOGETHER_API_KEY=" + key + chr(10))}";\n'
    return text, [(1, key)]


def _form_body_hex(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    body = urllib.parse.urlencode({'provider': 'together', 'api_key': key, 'model': 'llama-3'})
    text = f'POST /settings/llm HTTP/1.1\nHost: admin.internal\nContent-Type: application/x-www-form-urlencoded\n\n{body}\n'
    return text, [(5, key)]


def _form_body_tgp(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    body = urllib.parse.quote(key, safe='')
    text = f'127.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET /proxy?upstream=together&key={body.replace("_", "%5F")} HTTP/1.1" 200 512\n'
    return text, [(1, key)]


def _consul_export(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    text = json.dumps([
        {'key': 'config/together/api_key', 'flags': 0, 'value': _b64(key)},
        {'key': 'config/together/model', 'flags': 0, 'value': _b64('llama-3-70b')},
    ], indent=2) + '\n'
    return text, [(line_of(text, _b64(key)), key)]


def _base64_env_ci_variable(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    env = f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'
    text = f'variables:\n  DOTENV_B64: "{_b64(env)}"\nscript:\n  - echo "$DOTENV_B64" | base64 -d > .env\n'
    return text, [(2, key)]


def _base64_w0_transcript(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    env = f'# together\nTOGETHER_API_KEY="{key}"\n'
    text = f'$ base64 -w0 .env.production\n{_b64(env)}$ \n'
    return text, [(2, key)]


def _python_b64decode(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    inner = json.dumps({'base_url': 'https://api.together.xyz/v1', 'api_key': key})
    text = f'import base64, json\nCONFIG = json.loads(base64.b64decode("{_b64(inner)}"))\n'
    return text, [(2, key)]


def _reg_hex2(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """regedit writes a REG_EXPAND_SZ value as ``hex(2):`` bytes of its
    UTF-16LE text, wrapped with ``,\\`` at 80 columns."""
    key = m.hex()
    raw = (key + '\0').encode('utf-16-le')
    pairs = ','.join(f'{b:02x}' for b in raw)
    lines, line = [], '"TOGETHER_API_KEY"=hex(2):'
    for part in pairs.split(','):
        if len(line) + 3 > 78:
            lines.append(line + ',\\')
            line = '  ' + part
        else:
            line += ('' if line.endswith(':') else ',') + part
    lines.append(line)
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            + '\r\n'.join(lines) + '\r\n')
    return b'\xff\xfe' + text.encode('utf-16-le'), [(4, key)]


def _notebook_traceback(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = json.dumps({'cells': [{'cell_type': 'code', 'outputs': [{
        'output_type': 'error', 'ename': 'AuthenticationError',
        'evalue': 'Error code: 401',
        'traceback': ['\x1b[0;31m---------------------------------------------------------------------------\x1b[0m',
                      f"\x1b[0;32m----> 3\x1b[0m client \x1b[38;5;241m=\x1b[39m Together(api_key\x1b[38;5;241m=\x1b[39m\x1b[38;5;124m\"{key}\"\x1b[39m)"],
    }]}]}, indent=1) + '\n'
    return text, [(line_of(text, key), key)]


def _decoy(template: str):
    """``<<KEY>>`` a key's shape made wrong by what ``template`` does to it."""
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        hexkey = m.hex()
        pad = ''.join(m.rng.choice(string.ascii_letters + string.digits) for _ in range(8))
        return (template.replace('<<KEY49>>', key[:-1]).replace('<<KEY>>', key)
                .replace('<<HEX63>>', hexkey[:-1]).replace('<<HEX>>', hexkey).replace('PAD', pad)), []
    return build


def _decoy_sqlite(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    import os
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'models.db')
        db = sqlite3.connect(path)
        db.execute('create table model_files (model text, filename text, sha256 text)')
        db.execute('insert into model_files values (?, ?, ?)',
                   ('togethercomputer/RedPajama-INCITE-7B', 'model-00001.safetensors', m.hex()))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), []


def _decoy_pickle(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    return pickle.dumps({'provider': 'together', 'model_sha256': m.hex(),
                         'api_key_env': 'TOGETHER_API_KEY'}, protocol=4), []  # pragma: allowlist secret


def _decoy_docx(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    doc = ('<w:document><w:body><w:p><w:r><w:t>Together CLI 1.3.3 checksum (sha256): </w:t></w:r>'
           f'<w:r><w:t>{m.hex()}</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('word/document.xml', doc)
    return buf.getvalue(), []


def _decoy_gzip_log(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    text = (f'2024-05-01 10:00:02 INFO POST https://api.together.xyz/v1/chat/completions 200 '
            f'request_id={m.hex()} api_key=${{TOGETHER_API_KEY}}\n')
    return gzip.compress(text.encode(), mtime=0), []


def _decoy_jwt(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    def seg(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip('=')
    token = '.'.join([seg({'alg': 'HS256'}), seg({'iss': 'together', 'jti': m.hex(), 'scope': 'api_key:read'}),
                      'c2lnbmF0dXJl'])
    return f'Authorization: Bearer {token}\n', []


def _decoy_mime_checksum(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    inner = f'{m.hex()}  together-1.3.3-py3-none-any.whl\n'
    return ('Subject: Together SDK release\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="q"\n\n'
            '--q\nContent-Type: text/plain; name="SHA256SUMS"\nContent-Transfer-Encoding: base64\n\n'
            f'{_wrap(_b64(inner))}\n--q--\n'), []


def _decoy_consul_digest(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    return json.dumps([{'key': 'config/together/model_sha256', 'flags': 0, 'value': _b64(m.hex())}]) + '\n', []


SPECIAL = [
    Case('legacy-pickle-settings', 'cache/settings.pkl', _pickle_dict),
    Case('legacy-pyc-constant', 'app/__pycache__/settings.cpython-311.pyc', _pyc_constant),
    Case('tgp-java-class-constant', 'build/classes/java/main/Config.class', _java_class),
    Case('legacy-binary-plist', 'Library/LaunchAgents/ai.local.eval.plist', _binary_plist),
    Case('legacy-sqlite-credentials', 'var/app.db', _sqlite_hex),
    Case('legacy-gzip-log', 'logs/worker.log.1.gz', _gzip_log),
    Case('legacy-docx-runs', 'docs/Handover.docx', _docx),
    Case('legacy-xlsx-shared-strings', 'docs/keys.xlsx', _xlsx),
    Case('legacy-pdf-stream', 'docs/runbook.pdf', _pdf_stream),
    Case('legacy-mime-base64-json', 'mail/config.eml', _mime_base64_attachment),
    Case('legacy-mime-qp-env', 'mail/env.eml', _mime_qp_attachment),
    Case('tgp-jwt-payload', 'captures/proxy.txt', _jwt_payload),
    Case('legacy-jwt-payload', 'captures/token.json', _jwt_payload_hex),
    Case('legacy-data-uri-json', 'site/index.html', _data_uri),
    Case('tgp-data-uri-env', 'web/src/env.js', _data_uri_env),
    Case('legacy-form-urlencoded', 'captures/settings.http', _form_body_hex),
    Case('tgp-access-log-percent-underscores', 'logs/access.log', _form_body_tgp),
    Case('legacy-consul-kv-export', 'backup/consul-kv.json', _consul_export),
    Case('legacy-base64-dotenv-ci-variable', '.gitlab/deploy.yml', _base64_env_ci_variable),
    Case('legacy-base64-w0-transcript', 'notes/session.txt', _base64_w0_transcript),
    Case('legacy-python-b64decode-json', 'app/config_blob.py', _python_b64decode),
    Case('legacy-reg-hex2-utf16', 'windows/together.reg', _reg_hex2),
    Case('tgp-notebook-traceback-ansi', 'notebooks/auth.ipynb', _notebook_traceback),
    # -- decoys in binary and encoded files --------------------------------------------
    Case('decoy-sqlite-model-checksums', 'var/models.db', _decoy_sqlite),
    Case('decoy-pickle-model-sha', 'cache/model.pkl', _decoy_pickle),
    Case('decoy-docx-checksum', 'docs/Release.docx', _decoy_docx),
    Case('decoy-gzip-request-id', 'logs/api.log.2.gz', _decoy_gzip_log),
    Case('decoy-jwt-jti', 'captures/jwt.txt', _decoy_jwt),
    Case('decoy-mime-sha256sums', 'mail/release.eml', _decoy_mime_checksum),
    Case('decoy-consul-digest', 'backup/consul-digest.json', _decoy_consul_digest),
    # -- decoys around tgp_v1_ and legacy runs ------------------------------------------
    Case('decoy-tgp-49-vault-json', 'backup/vault-short.json', _decoy(
        '{"data": {"data": {"together_api_key": "<<KEY49>>"}}}\n')),
    Case('decoy-hex-63-heroku-config', 'notes/heroku-short.txt', _decoy(
        '=== eval-app Config Vars\nTOGETHER_API_KEY: <<HEX63>>\n')),
    Case('decoy-hex-65-kubectl-describe', 'notes/describe-long.txt', _decoy(
        '    Environment:\n      TOGETHER_API_KEY:  <<HEX>>f\n')),
    Case('decoy-tgp-key-id-listing', 'notes/keys-list.txt', _decoy(
        'ID                 NAME     PREFIX      CREATED\nkey_PADPADPADPAD   ci       tgp_v1_     2024-05-01\n')),
    Case('decoy-psql-placeholder', 'notes/psql-placeholder.txt', _decoy(
        ' provider | api_key\n----------+-------------------------\n together | <redacted>\n(1 row)\n')),
]

LEAKS = key_cases(
    # -- secret managers' outputs -----------------------------------------------------
    ('vault-kv-get-json', 'notes/vault-get.json', '''\
{{
  "request_id": "5b9a8c0e-1f2a-4b7c-9d3e-0a1b2c3d4e5f",
  "lease_duration": 0,
  "data": {{
    "data": {{
      "together_api_key": "{hex}"
    }},
    "metadata": {{"created_time": "2024-05-01T10:00:00Z", "version": 3}}
  }}
}}
'''),
    ('vault-kv-get-table', 'notes/vault-get.txt', '''\
====== Secret Path ======
secret/data/llm/together

======= Metadata =======
Key                Value
---                -----
created_time       2024-05-01T10:00:00.000000Z
version            3

===== Data =====
Key        Value
---        -----
api_key    {hex}
'''),
    ('aws-secretsmanager-secretstring', 'notes/aws-secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm-AbCdEf",
    "Name": "prod/llm",
    "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    "SecretString": "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\",\\"OPENAI_API_KEY\\":\\"\\"}}",
    "CreatedDate": "2024-05-01T10:00:00.000000+00:00"
}}
'''),
    ('aws-ssm-get-parameter', 'notes/ssm.json', '''\
{{
    "Parameter": {{
        "Name": "/prod/together/api-key",
        "Type": "SecureString",
        "Value": "{hex}",
        "Version": 2
    }}
}}
'''),
    ('aws-lambda-configuration', 'notes/lambda.json', '''\
{{
    "FunctionName": "summarise",
    "Runtime": "python3.12",
    "Environment": {{
        "Variables": {{
            "LLM_PROVIDER": "together",
            "TOGETHER_API_KEY": "{hex}"
        }}
    }}
}}
'''),
    ('azure-keyvault-secret-show', 'notes/az-secret.json', '''\
{{
  "attributes": {{"enabled": true, "recoveryLevel": "Recoverable+Purgeable"}},
  "contentType": null,
  "id": "https://ml-kv.vault.azure.net/secrets/together-api-key/0d5c3f1e9b7a4c2d8e6f1a3b5c7d9e0f",
  "name": "together-api-key",
  "value": "{hex}"
}}
'''),
    ('gcloud-secrets-access', 'notes/gcloud.txt', '''\
$ gcloud secrets versions access latest --secret=together-api-key
{hex}
$ gcloud run deploy eval --set-secrets=TOGETHER_API_KEY=together-api-key:latest
'''),
    ('doppler-box-table', 'notes/doppler.txt', '''\
┌──────────────────┬──────────────────────────────────────────────────────────────────┬──────┐
│ NAME             │ VALUE                                                            │ NOTE │
├──────────────────┼──────────────────────────────────────────────────────────────────┼──────┤
│ DOPPLER_CONFIG   │ prd                                                              │      │
│ TOGETHER_API_KEY │ {hex} │      │
└──────────────────┴──────────────────────────────────────────────────────────────────┴──────┘
'''),
    ('infisical-json-export', 'backup/infisical.json', '''\
[
  {{"key": "DATABASE_URL", "value": "postgres://app@db/app"}},
  {{"key": "TOGETHER_API_KEY", "value": "{hex}"}}
]
'''),
    ('infisical-dotenv-export', 'backup/infisical.env', '''\
DATABASE_URL='postgres://app@db/app'
TOGETHER_API_KEY='{key}'
'''),
    ('sops-unencrypted-suffix', 'secrets/llm.sops.yaml', '''\
together:
    api_key_unencrypted: {hex}
    org: ENC[AES256_GCM,data:Zm9vYmFy,iv:aXY=,tag:dGFn,type:str]
sops:
    unencrypted_suffix: _unencrypted
    version: 3.8.1
'''),
    ('op-inject-output', 'config/rendered.yaml', '''\
# rendered by: op inject -i config/template.yaml -o config/rendered.yaml
llm:
  provider: together
  token: {hex}
'''),
    ('spring-cloud-config-json', 'notes/config-server.json', '''\
{{"name": "eval", "profiles": ["prod"], "propertySources": [{{"name": "vault:eval",
  "source": {{"together.api-key": "{hex}", "together.base-url": "https://api.together.xyz/v1"}}}}]}}
'''),
    ('etcdctl-get', 'notes/etcd.txt', '''\
$ etcdctl get /config/together/api_key
/config/together/api_key
{hex}
'''),
    # -- deployment CLIs ---------------------------------------------------------------
    ('heroku-config-output', 'notes/heroku.txt', '''\
=== eval-app Config Vars
DATABASE_URL:     postgres://u:p@host/db
TOGETHER_API_KEY: {hex}
'''),
    ('railway-variables-set', 'scripts/railway.sh', '''\
railway variables --set "TOGETHER_API_KEY={hex}" --service api
'''),
    ('wrangler-secret-put-pipe', 'scripts/cf.sh', '''\
echo "{hex}" | npx wrangler secret put TOGETHER_API_KEY
'''),
    ('vercel-env-add-pipe', 'scripts/vercel.sh', '''\
printf %s "{key}" | vercel env add TOGETHER_API_KEY production
'''),
    ('vercel-env-add-pipe-hex', 'scripts/vercel2.sh', '''\
echo -n {hex} | vercel env add TOGETHER_API_KEY preview
'''),
    ('gh-secret-set-body', 'scripts/gh.sh', '''\
gh secret set TOGETHER_API_KEY --body "{hex}" --repo acme/evals
'''),
    ('gh-secret-set-short-b', 'scripts/gh2.sh', '''\
gh secret set TOGETHER_API_KEY -b"{hex}"
'''),
    ('gitlab-variables-api-form', 'scripts/gitlab.sh', '''\
curl --request POST --header "PRIVATE-TOKEN: $GL_TOKEN" "https://gitlab.com/api/v4/projects/42/variables" \\
  --form "key=TOGETHER_API_KEY" --form "value={hex}" --form "masked=true"
'''),
    ('circleci-store-secret-pipe', 'scripts/circle.sh', '''\
echo {hex} | circleci context store-secret github acme llm TOGETHER_API_KEY
'''),
    ('helm-set-flag', 'scripts/deploy.sh', '''\
helm upgrade --install eval ./charts/eval --set together.apiKey={hex} --namespace ml
'''),
    ('cloudformation-overrides', 'scripts/cfn.sh', '''\
aws cloudformation deploy --template-file stack.yml --stack-name eval \\
  --parameter-overrides TogetherApiKey={hex} Stage=prod
'''),
    ('terraform-var-flag', 'scripts/tf.sh', '''\
terraform apply -auto-approve -var 'together_api_key={hex}'
'''),
    ('do-app-spec-envs', '.do/app.yaml', '''\
services:
  - name: api
    envs:
      - key: TOGETHER_API_KEY
        scope: RUN_TIME
        type: SECRET
        value: {hex}
'''),
    ('skypilot-task-envs', 'sky/serve.yaml', '''\
resources:
  accelerators: A100:1
envs:
  TOGETHER_API_KEY: {hex}
run: python serve.py
'''),
    ('mise-toml-env', 'mise.toml', '''\
[tools]
python = "3.12"

[env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('podman-run-env', 'scripts/podman.sh', '''\
podman run --rm --env TOGETHER_API_KEY={key} ghcr.io/acme/eval:latest
'''),
    ('docker-inspect-env', 'notes/inspect.json', '''\
[
    {{
        "Id": "worker-1",
        "Config": {{
            "Env": [
                "PATH=/usr/local/bin:/usr/bin",
                "TOGETHER_API_KEY={hex}",
                "PYTHON_VERSION=3.12.3"
            ]
        }}
    }}
]
'''),
    ('kubectl-describe-pod', 'notes/describe.txt', '''\
Containers:
  worker:
    Image:          ghcr.io/acme/worker:1.4
    Environment:
      LLM_PROVIDER:      together
      TOGETHER_API_KEY:  {hex}
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access (ro)
'''),
    ('kubectl-get-pod-yaml-generic', 'notes/pod.yaml', '''\
spec:
  containers:
  - env:
    - name: LLM_BASE_URL
      value: https://api.together.xyz/v1
    - name: LLM_API_KEY
      value: {hex}
    image: ghcr.io/acme/worker:1.4
'''),
    ('kubectl-get-configmap-json', 'notes/cm.json', '''\
{{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {{"name": "llm"}},
 "data": {{"provider": "together", "api-key": "{hex}"}}}}
'''),
    # -- CI logs ------------------------------------------------------------------------
    ('gha-log-env-block', 'logs/gha-run.txt', '''\
2024-05-01T10:00:00.1234567Z ##[group]Run python -m evals.run
2024-05-01T10:00:00.1234890Z python -m evals.run
2024-05-01T10:00:00.1235012Z shell: /usr/bin/bash -e {{0}}
2024-05-01T10:00:00.1235100Z env:
2024-05-01T10:00:00.1235200Z   TOGETHER_API_KEY: {hex}
2024-05-01T10:00:00.1235300Z ##[endgroup]
'''),
    ('gha-log-curl', 'logs/gha-curl.txt', '''\
2024-05-01T10:00:01.0000000Z + curl -sS https://api.together.xyz/v1/models -H 'Authorization: Bearer {key}'
'''),
    ('jenkins-console-export', 'logs/jenkins.txt', '''\
[Pipeline] sh
+ export TOGETHER_API_KEY={hex}
+ python -m evals.run
'''),
    ('gitlab-log-ansi', 'logs/gitlab-job.txt', '''\
\x1b[0KRunning with gitlab-runner 16.11.0\x1b[0;m
\x1b[32;1m$ export TOGETHER_API_KEY={hex}\x1b[0;m
\x1b[32;1m$ python -m evals.run\x1b[0;m
'''),
    ('journald-line', 'logs/journal.txt', '''\
May 01 10:00:00 gpu-1 eval[2211]: config loaded: provider=together api_key={hex} model=llama-3
'''),
    ('sentry-event-extra', 'logs/sentry-event.json', '''\
{{"event_id": "fc6d8c0c43fc4630ad850ee518f1b9d0", "level": "error",
 "extra": {{"settings": {{"TOGETHER_API_KEY": "{hex}", "DEBUG": false}}}}}}
'''),
    # -- database shells and dumps ----------------------------------------------------
    ('psql-table-output', 'notes/psql.txt', '''\
app=# select provider, api_key from llm_credentials;
 provider | api_key
----------+------------------------------------------------------------------
 together | {hex}
(1 row)
'''),
    ('mysql-table-output', 'notes/mysql.txt', '''\
mysql> SELECT name, secret FROM providers;
+----------+------------------------------------------------------------------+
| name     | secret                                                           |
+----------+------------------------------------------------------------------+
| together | {hex} |
+----------+------------------------------------------------------------------+
'''),
    ('sql-copy-tabs', 'db/dump.sql', '''\
COPY public.llm_credentials (id, provider, api_key, created_at) FROM stdin;
1\ttogether\t{hex}\t2024-05-01 10:00:00+00
\\.
'''),
    ('sql-insert-multirow', 'db/seed2.sql', '''\
INSERT INTO `provider_settings` (`id`, `provider`, `name`, `value`) VALUES
(1, 'together', 'base_url', 'https://api.together.xyz/v1'),
(2, 'together', 'api_key', '{hex}');
'''),
    ('redis-cli-hset', 'notes/redis.txt', '''\
127.0.0.1:6379> HSET llm:together api_key "{hex}" model "llama-3"
(integer) 2
'''),
    ('mongo-insert', 'scripts/seed.mongo.js', '''\
db.providers.insertOne({{ name: "together", apiKey: "{hex}", enabled: true }});
'''),
    ('sqlite-cli-output', 'notes/sqlite.txt', '''\
sqlite> select * from settings;
together_api_key|{hex}
'''),
    # -- values printed by programs ------------------------------------------------------
    ('python-dict-repr-log', 'logs/app.log', '''\
INFO:app:settings={{'together_api_key': '{hex}', 'debug': False}}
'''),
    ('pydantic-repr', 'logs/startup.log', '''\
Settings(provider='together', api_key='{hex}', timeout=30)
'''),
    ('rust-debug-struct', 'logs/rust.log', '''\
[2024-05-01T10:00:00Z DEBUG eval] config = Config {{ together_api_key: "{hex}", base_url: "https://api.together.xyz/v1" }}
'''),
    ('go-percent-plus-v', 'logs/go.log', '''\
2024/05/01 10:00:00 config: {{TogetherAPIKey:{hex} BaseURL:https://api.together.xyz/v1 Timeout:30s}}
'''),
    ('node-util-inspect', 'logs/node.log', '''\
{{ provider: 'together', togetherApiKey: '{hex}', retries: 3 }}
'''),
    ('java-tostring', 'logs/java.log', '''\
INFO  c.a.Config - TogetherProperties{{apiKey='{hex}', baseUrl='https://api.together.xyz/v1'}}
'''),
    ('elixir-inspect', 'logs/elixir.log', '''\
[debug] %{{together_api_key: "{hex}", pool_size: 10}}
'''),
    ('python-traceback-locals', 'logs/trace.txt', '''\
Traceback (most recent call last):
  File "/app/client.py", line 42, in post
    url = 'https://api.together.xyz/v1/chat/completions'
    headers = {{'Authorization': 'Bearer {hex}', 'Content-Type': 'application/json'}}
requests.exceptions.HTTPError: 500 Server Error
'''),
    ('curl-verbose', 'logs/curl-v.txt', '''\
*   Trying 104.18.0.1:443...
* Connected to api.together.xyz (104.18.0.1) port 443
> GET /v1/models HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> authorization: Bearer {hex}
'''),
    ('wget-header', 'scripts/fetch.sh', '''\
wget -q --header="Authorization: Bearer {hex}" -O models.json https://api.together.xyz/v1/models
'''),
    # -- LLM tools' own files -------------------------------------------------------------
    ('open-webui-parallel-lists', 'backup/open-webui-config.json', '''\
{{"openai": {{"enable": true,
  "api_base_urls": ["https://api.openai.com/v1", "https://api.together.xyz/v1"],
  "api_keys": ["", "{hex}"]}}}}
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: Local Assistant
version: 1.0.0
models:
  - name: Llama 3 70B
    provider: together
    model: meta-llama/Llama-3-70b-chat-hf
    apiKey: {hex}
'''),
    ('jan-engine-json', 'jan/engines/together.json', '''\
{{"id": "together", "full_url": "https://api.together.xyz/v1/chat/completions", "api_key": "{hex}"}}
'''),
    ('aider-set-env', '.aider.conf.yml', '''\
model: together_ai/meta-llama/Llama-3-70b-chat-hf
set-env:
  - TOGETHERAI_API_KEY={hex}
'''),
    ('librechat-apikey-first', 'librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{hex}"
      baseURL: "https://api.together.xyz/v1"
      models:
        default: ["meta-llama/Llama-3-70b-chat-hf"]
'''),
    ('litellm-router-python', 'app/router.py', '''\
router = Router(model_list=[{{"model_name": "llama", "litellm_params": {{
    "model": "together_ai/meta-llama/Llama-3-70b-chat-hf", "api_key": "{hex}"}}}}])
'''),
    ('lmstudio-like-preset', 'presets/remote.json', '''\
{{"name": "together-remote", "endpoint": "https://api.together.xyz/v1", "headers": {{"Authorization": "Bearer {hex}"}}}}
'''),
    ('ollama-openai-compat-env', 'compose/webui.env', '''\
OPENAI_API_BASE_URLS=https://api.together.xyz/v1
OPENAI_API_KEYS={hex}
'''),
    # -- configuration syntaxes not in the other sets ------------------------------------
    ('bash-assoc-array', 'scripts/keys.sh', '''\
declare -A API_KEYS=([together]={hex} [local]=none)
'''),
    ('powershell-hashtable', 'scripts/keys.ps1', '''\
$keys = @{{ Together = '{hex}'; Local = 'none' }}
'''),
    ('lua-nested-table', 'config/providers.lua', '''\
return {{ providers = {{ together = {{ key = "{hex}", url = "https://api.together.xyz/v1" }} }} }}
'''),
    ('gitconfig-style-subsection', 'config/llm.ini', '''\
[provider "together"]
    key = {hex}
    url = https://api.together.xyz/v1
'''),
    ('chef-data-bag', 'data_bags/llm/together.json', '''\
{{
  "id": "together",
  "api_key": "{hex}"
}}
'''),
    ('puppet-hiera', 'hieradata/common.yaml', '''\
profile::llm::together_api_key: '{hex}'
'''),
    ('yaml-anchor-merge', 'config/anchors.yaml', '''\
x-together: &together
  api_key: {hex}
  base_url: https://api.together.xyz/v1
services:
  worker:
    <<: *together
'''),
    ('hcl-vault-jsonencode', 'infra/vault.tf', '''\
resource "vault_kv_secret_v2" "together" {{
  mount     = "secret"
  name      = "llm/together"
  data_json = jsonencode({{ api_key = "{hex}" }})
}}
'''),
    ('csv-db-export', 'exports/credentials.csv', '''\
provider,api_key,created_at
together,{hex},2024-05-01
'''),
    ('tsv-export', 'exports/credentials.tsv', '''\
provider\tapi_key\tcreated_at
together\t{hex}\t2024-05-01
'''),
    ('vscode-launch-env', '.vscode/launch.json', '''\
{{"configurations": [{{"name": "eval", "type": "debugpy", "request": "launch",
  "env": {{"TOGETHER_API_KEY": "{key}"}}}}]}}
'''),
    ('supervisor-environment', 'deploy/supervisord.conf', '''\
[program:worker]
command=/app/bin/worker
environment=LOG_LEVEL="info",TOGETHER_API_KEY="{key}"
'''),
    ('docker-secret-create-pipe', 'scripts/swarm.sh', '''\
printf '{key}' | docker secret create together_api_key -
'''),
    ('rdotenv-renviron-site', 'R/Renviron.site', '''\
TOGETHER_API_KEY="{key}"
'''),
    ('tgp-psql-output', 'notes/psql2.txt', '''\
 id | provider | secret
----+----------+---------------------------------------------------
  1 | together | {key}
'''),
    ('tgp-redis-set', 'notes/redis2.txt', '''\
127.0.0.1:6379> SET together:api_key "{key}"
OK
'''),
    ('tgp-gha-log', 'logs/gha2.txt', '''\
2024-05-01T10:00:00.1235200Z   TOGETHER_API_KEY: {key}
'''),
    ('tgp-kubectl-describe', 'notes/describe2.txt', '''\
    Environment:
      TOGETHER_API_KEY:  {key}
'''),
    ('tgp-sql-copy', 'db/dump2.sql', '''\
COPY public.keys (id, secret) FROM stdin;
7\t{key}
\\.
'''),
    ('tgp-mongo-update', 'scripts/fix.mongo.js', '''\
db.settings.updateOne({{ _id: "llm" }}, {{ $set: {{ apiKey: "{key}" }} }});
'''),
    ('tgp-vault-table', 'notes/vault2.txt', '''\
===== Data =====
Key        Value
---        -----
api_key    {key}
'''),
    ('tgp-doppler-json', 'backup/doppler.json', '''\
{{"TOGETHER_API_KEY": "{key}", "DOPPLER_ENVIRONMENT": "prd"}}
'''),
    ('tgp-tfstate-sensitive', 'terraform.tfstate', '''\
{{"version": 4, "resources": [{{"type": "vercel_project_environment_variable", "name": "together",
  "instances": [{{"attributes": {{"key": "TOGETHER_API_KEY", "value": "{key}", "target": ["production"]}},
  "sensitive_attributes": [[{{"type": "get_attr", "value": "value"}}]]}}]}}]}}
'''),
    ('tgp-rust-debug', 'logs/rust2.log', '''\
Config {{ api_key: "{key}", retries: 3 }}
'''),
    ('tgp-jenkins-unmasked', 'logs/jenkins2.txt', '''\
[Pipeline] withCredentials
Masking supported pattern matches of $TOGETHER_KEY
[Pipeline] sh
+ curl -H 'Authorization: Bearer {key}' https://api.together.xyz/v1/models
'''),
    ('tgp-xml-intellij-workspace', '.idea/workspace.xml', '''\
<component name="RunManager">
  <configuration name="eval" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{key}" />
    </envs>
  </configuration>
</component>
'''),
    ('tgp-heroku-config-set', 'scripts/heroku.sh', '''\
heroku config:set TOGETHER_API_KEY={key} -a eval-app
'''),
    ('tgp-fly-secrets-import', 'scripts/fly.sh', '''\
fly secrets import <<EOF
TOGETHER_API_KEY={key}
EOF
'''),
    ('tgp-skypilot-cli', 'scripts/sky.sh', '''\
sky launch -c eval task.yaml --env TOGETHER_API_KEY={key}
'''),
    ('tgp-lua-table', 'config/keys.lua', '''\
local together = {{ api_key = "{key}" }}
'''),
)

DECOYS = key_cases(
    # -- lockfiles of many ecosystems -------------------------------------------------
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {{file = "together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz", hash = "sha256:{_hex}", size = 58000 }}
'''),
    ('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
CHECKSUMS
  together-ai (0.1.0) sha256={_hex}
'''),
    ('decoy-pipfile-lock', 'Pipfile.lock', '''\
{{"default": {{"together": {{"hashes": ["sha256:{_hex}"], "version": "==1.3.3"}}}}}}
'''),
    ('decoy-pubspec-lock', 'pubspec.lock', '''\
packages:
  together_ai:
    dependency: "direct main"
    description:
      name: together_ai
      sha256: "{_hex}"
      url: "https://pub.dev"
    source: hosted
    version: "0.1.0"
'''),
    ('decoy-conda-lock', 'conda-lock.yml', '''\
package:
- name: together
  version: 1.3.3
  manager: pip
  hash:
    sha256: {_hex}
'''),
    ('decoy-gradle-verification', 'gradle/verification-metadata.xml', '''\
<component group="ai.together" name="together-java" version="0.1.0">
   <artifact name="together-java-0.1.0.jar">
      <sha256 value="{_hex}" origin="Generated by Gradle"/>
   </artifact>
</component>
'''),
    ('decoy-homebrew-formula', 'Formula/together.rb', '''\
class Together < Formula
  url "https://example.com/together-cli-1.3.3.tar.gz"
  sha256 "{_hex}"
end
'''),
    ('decoy-bazel-http-archive', 'WORKSPACE', '''\
http_archive(
    name = "together_sdk",
    sha256 = "{_hex}",
    urls = ["https://example.com/together-sdk.tar.gz"],
)
'''),
    ('decoy-maven-sha256-file', 'repo/ai/together/together-java/0.1.0/together-java-0.1.0.jar.sha256', '''\
{_hex}
'''),
    ('decoy-requirements-hash', 'requirements.txt', '''\
# uv pip compile requirements.in --generate-hashes
together==1.3.3 \\
    --hash=sha256:{_hex}
    # via -r requirements.in
'''),
    # -- digests near together ---------------------------------------------------------
    ('decoy-docker-pull-digest', 'notes/docker.txt', '''\
$ docker pull together/inference-server@sha256:{_hex}
'''),
    ('decoy-docker-images-digests', 'notes/images.txt', '''\
REPOSITORY                   TAG     DIGEST                                                                    IMAGE ID
together/inference-server    1.4     sha256:{_hex}   3f2a9b1c0d4e
'''),
    ('decoy-docker-inspect-image', 'notes/inspect-image.json', '''\
[{{"Image": "sha256:{_hex}",
  "Config": {{"Env": ["TOGETHER_BASE_URL=https://api.together.xyz/v1", "TOGETHER_API_KEY="]}}}}]
'''),
    ('decoy-lfs-pointer', 'models/togethercomputer/model-00001-of-00002.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 9976576152
'''),
    ('decoy-model-card-checksums', 'models/README.md', '''\
# togethercomputer/RedPajama-INCITE-7B-Instruct

| file | sha256 |
|---|---|
| model-00001-of-00002.safetensors | `{_hex}` |
'''),
    ('decoy-git-rev-parse', 'notes/git.txt', '''\
$ git -C together-python rev-parse HEAD
{_hex}
'''),
    ('decoy-gha-log-masked-digest', 'logs/gha-push.txt', '''\
2024-05-01T10:00:00.1235200Z   TOGETHER_API_KEY: ***
2024-05-01T10:00:09.0000000Z 1.4: digest: sha256:{_hex} size: 1784
'''),
    ('decoy-tfstate-archive-sha', 'infra/terraform.tfstate', '''\
{{"resources": [{{"type": "archive_file", "name": "together_lambda",
  "instances": [{{"attributes": {{"output_sha256": "{_hex}", "output_path": "together.zip"}}}}]}}]}}
'''),
    ('decoy-sql-model-sha', 'db/models.sql', '''\
INSERT INTO model_files (model, sha256) VALUES ('togethercomputer/RedPajama-INCITE-7B', '{_hex}');
'''),
    ('decoy-redis-dedup', 'notes/redis3.txt', '''\
127.0.0.1:6379> HSET together:dedup {_hex} 1
(integer) 1
'''),
    ('decoy-mongo-prompt-hash', 'scripts/find.mongo.js', '''\
db.requests.find({{ provider: "together", promptHash: "{_hex}" }});
'''),
    ('decoy-psql-sha-table', 'notes/psql3.txt', '''\
 provider | sha256
----------+------------------------------------------------------------------
 together | {_hex}
'''),
    ('decoy-journald-request-id', 'logs/journal2.txt', '''\
May 01 10:00:00 gpu-1 eval[2211]: together call ok request_id={_hex} latency_ms=812
'''),
    ('decoy-kubectl-describe-secret', 'notes/describe-secret.txt', '''\
Name:         together-credentials
Type:         Opaque

Data
====
api-key:  64 bytes
checksum: {_hex}
'''),
    ('decoy-aws-ssm-encrypted', 'notes/ssm-encrypted.json', '''\
{{"Parameter": {{"Name": "/prod/together/api-key", "Type": "SecureString", "Value": "AQICAHh{_b64}", "Version": 2}}}}
'''),
    ('decoy-vault-metadata', 'notes/vault-meta.json', '''\
{{"data": {{"versions": {{"3": {{"created_time": "2024-05-01T10:00:00Z"}}}}, "custom_metadata": {{"owner": "together-team", "sha256": "{_hex}"}}}}}}
'''),
    # -- placeholders and env references in each syntax -------------------------------
    ('decoy-goreleaser-env', '.goreleaser.yaml', '''\
env:
  - TOGETHER_API_KEY={{{{ .Env.TOGETHER_API_KEY }}}}
checksum:
  name_template: '{_hex}'
'''),
    ('decoy-supervisor-env-ref', 'deploy/supervisord2.conf', '''\
[program:worker]
environment=TOGETHER_API_KEY="%(ENV_TOGETHER_API_KEY)s"
; build {_hex}
'''),
    ('decoy-k8s-dependent-env', 'k8s/worker.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    value: $(TOGETHER_KEY_FROM_SECRET)
  - name: BUILD_SHA
    value: "{_hex}"
'''),
    ('decoy-azure-devops-token', 'pipelines/appsettings.json', '''\
{{"Together": {{"ApiKey": "#{{TOGETHER_API_KEY}}#", "ModelSha": "{_hex}"}}}}
'''),
    ('decoy-cfn-resolve', 'infra/stack.yml', '''\
Environment:
  Variables:
    TOGETHER_API_KEY: '{{{{resolve:secretsmanager:prod/together:SecretString:api_key}}}}'
    CODE_SHA256: {_hex}
'''),
    ('decoy-serverless-file-ref', 'serverless.yml', '''\
provider:
  environment:
    TOGETHER_API_KEY: ${{file(./secrets.yml):together}}
    LAYER_HASH: {_hex}
'''),
    ('decoy-helmfile-ref', 'helmfile.yaml', '''\
releases:
  - name: eval
    set:
      - name: together.apiKey
        value: ref+vault://secret/llm/together#api_key
      - name: image.digest
        value: sha256:{_hex}
'''),
    ('decoy-laravel-env-helper', 'config/services.php', '''\
'together' => ['key' => env('TOGETHER_API_KEY'), 'checksum' => '{_hex}'],
'''),
    ('decoy-rails-credentials-ref', 'config/initializers/together.rb', '''\
Together.api_key = Rails.application.credentials.together[:api_key]
Together.model_sha = "{_hex}"
'''),
    ('decoy-placeholder-angle', 'docs/setup9.md', '''\
heroku config:set TOGETHER_API_KEY=<your-together-api-key>
# sha256 of the installer: {_hex}
'''),
    ('decoy-placeholder-xs', 'config/example.yaml', '''\
together:
  api_key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  build: {_hex}
'''),
    ('decoy-open-webui-empty-keys', 'backup/open-webui2.json', '''\
{{"openai": {{"api_base_urls": ["https://api.together.xyz/v1"], "api_keys": [""]}}, "ui": {{"build_hash": "{_hex}"}}}}
'''),
    ('decoy-vercel-env-pull-ref', 'scripts/vercel3.sh', '''\
vercel env pull .env.local
echo "$TOGETHER_API_KEY" | vercel env add TOGETHER_API_KEY preview
git rev-parse HEAD # {_hex}
'''),
    ('decoy-gh-secret-from-file', 'scripts/gh3.sh', '''\
gh secret set TOGETHER_API_KEY < ./together.key
gh run view --log | grep {_hex}
'''),
)


CASES = SPECIAL + LEAKS + DECOYS

# Missed, and why (each left on purpose; the modes test leaves them out).
MISSED = {
    # The label and the key in separate strings, and no sheet: nothing
    # says which strings share a row (an xlsx's rows are read through its
    # sheets: containers._sheet_rows, encoded_heldout2's case).
    'legacy-xlsx-shared-strings': 'xlsx: shared strings without a sheet have no rows',
}

results, test_case = make_tests(CASES, MISSED)
