"""A held-out set of session 33 (acc33): current and legacy keys in the
files real tools write that the earlier sets do not try, and encodings
around them.  Terraform state, plans and lock files; Helm values and
``helm get values``; ``docker inspect`` and ``docker compose config``;
Vault KV JSON; AWS Secrets Manager and GCP Secret Manager output; 1Password
and Bitwarden exports; Postman collections and environments, Insomnia,
Bruno and HTTPie files; VS Code's settings, ``launch.json`` and
``mcp.json``; JetBrains' ``.idea`` XML; Jupyter outputs with ANSI colour
codes; GitHub Actions logs with timestamps; Slack and Discord exports; HAR
files; ``curl -v`` and ``--trace-ascii`` traces; mitmproxy's text dump and
its tnetstring flow file; pickles, ``shelve`` (``dbm.dumb``) and SQLite
files and dumps; ``.npmrc``, ``.pypirc``, ``.netrc``; LangChain, LlamaIndex
and LiteLLM configs; OpenRouter-style provider lists.  Encodings:
URL-encoding (once and twice), JSON ``\\u`` escapes, base64 of base64,
base32, quoted-printable, UTF-16 files, gzip, zip and tar members, and
``data:`` URIs.  Decoys of the same shapes: lock-file and image digests,
container ids, etags, cache keys, key ids, placeholders, TOTP secrets,
ciphertext, another host's secret.

Written before any fix and measured at 4a7da8bb (docs/detection.md,
"Session 33 (acc33)").  Keys are made at run time (``tests/keys.py``); a
case is held to the keys its file yields (``by_key``), not to their lines.

A template writes ``⟦name⟧`` or ``⟦name|enc⟧`` where a value goes: ``key``
(``key2``...) a current key, ``hex`` (``hex2``...) a legacy key, each
expected; a name starting with ``_`` is made but not expected (a decoy's
value); ``_uuid``, ``_b64``, ``_b32`` random values.  ``enc`` (``ENC``)
writes the value in an encoding, ``post`` (``POST``) the whole file.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import io
import json
import os
import pickle
import quopri
import re
import sqlite3
import tarfile
import tempfile
import urllib.parse
import uuid
import zipfile
from typing import Callable

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests


def _b64(b: bytes | str) -> str:
    return base64.b64encode(b.encode() if isinstance(b, str) else b).decode()


def _ju(s: str) -> str:
    return ''.join('\\u%04x' % ord(c) for c in s)


def _qp(s: str) -> str:
    return quopri.encodestring(s.encode()).decode()


ENC: dict[str, Callable[[str], str]] = {
    'url': lambda v: urllib.parse.quote(v, safe=''),
    'b64': _b64,
    'b64b64': lambda v: _b64(_b64(v)),
    'b32': lambda v: base64.b32encode(v.encode()).decode(),
    'ju': _ju,
    'hexupper': lambda v: v.upper(),
    # A whole .env line (name and key) in an encoding: a legacy key is
    # a key only with its name.
    'env': lambda v: f'TOGETHER_API_KEY={v}\n',
    'env_b64': lambda v: _b64(f'APP_ENV=production\nTOGETHER_API_KEY={v}\nLOG_LEVEL=info\n'),
    'env_b64b64': lambda v: _b64(_b64(f'APP_ENV=production\nTOGETHER_API_KEY={v}\n')),
    'env_b32': lambda v: base64.b32encode(f'TOGETHER_API_KEY={v}\n'.encode()).decode(),
    'env_ju': lambda v: _ju(f'TOGETHER_API_KEY={v}'),
    'json_url': lambda v: urllib.parse.quote(json.dumps({'together_api_key': v}), safe=''),
    'json_url2': lambda v: urllib.parse.quote(urllib.parse.quote(json.dumps({'together_api_key': v}), safe=''), safe=''),
    'env_url': lambda v: urllib.parse.quote(f'TOGETHER_API_KEY={v}', safe=''),
    'json_str': lambda v: json.dumps(json.dumps({'TOGETHER_API_KEY': v}))[1:-1],
}


def _gz(b: bytes) -> bytes:
    return gzip.compress(b, mtime=0)


def _zip(name: str) -> Callable[[bytes], bytes]:
    def post(b: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('README.txt', 'Exported settings.\n')
            z.writestr(name, b)
        return out.getvalue()
    return post


def _tar(name: str, gz: bool = False) -> Callable[[bytes], bytes]:
    def post(b: bytes) -> bytes:
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode='w:gz' if gz else 'w', format=tarfile.PAX_FORMAT) as t:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(b), 1700000000, 0o600
            t.addfile(info, io.BytesIO(b))
        return out.getvalue()
    return post


POST: dict[str, Callable[[bytes], bytes]] = {
    'utf16le': lambda b: b'\xff\xfe' + b.decode().encode('utf-16-le'),
    'utf16be': lambda b: b'\xfe\xff' + b.decode().encode('utf-16-be'),
    'utf16le_nobom': lambda b: b.decode().encode('utf-16-le'),
    'gzip': _gz,
    'crlf': lambda b: b.replace(b'\n', b'\r\n'),
}

_FIELD = re.compile(r'⟦(_?[a-z0-9]+)(?:\|(\w+))?⟧')


def _fill(m: Made, template: str) -> tuple[str, list[str]]:
    values: dict[str, str] = {}
    expected: list[str] = []

    def value(name: str) -> str:
        if name not in values:
            kind = next(k for k in ('sha1', 'b64', 'b32', 'uuid', 'key', 'hex') if name.lstrip('_').startswith(k))
            if kind == 'key':
                values[name] = m.key()
            elif kind == 'hex':
                values[name] = m.hex()
            elif kind == 'uuid':
                values[name] = str(uuid.UUID(int=m.rng.getrandbits(128)))
            elif kind == 'b64':
                values[name] = _b64(m.rng.randbytes(32))
            elif kind == 'b32':
                values[name] = base64.b32encode(m.rng.randbytes(20)).decode().rstrip('=')
            elif kind == 'sha1':
                values[name] = '%040x' % m.rng.getrandbits(160)
            else:
                raise KeyError(name)
            if not name.startswith('_'):
                expected.append(values[name])
        return values[name]

    def sub(match: re.Match[str]) -> str:
        v = value(match.group(1))
        return ENC[match.group(2)](v) if match.group(2) else v

    return _FIELD.sub(sub, template), expected


def T(case_id: str, path: str, template: str, post: str | Callable[[bytes], bytes] | None = None) -> Case:
    """A case from a template (see the module's docstring)."""
    def fill(m: Made):
        text, keys = _fill(m, template)
        data = text.encode()
        if post is not None:
            data = (POST[post] if isinstance(post, str) else post)(data)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


def B(case_id: str, path: str, build: Callable[[Made], tuple[bytes, list[str]]]) -> Case:
    """A case whose file a library writes: ``build(m)`` -> (bytes, keys)."""
    def fill(m: Made):
        data, keys = build(m)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


# --- files libraries write -----------------------------------------------------------------------

def _pickle_session(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    state = {'base_url': 'https://api.together.xyz/v1', 'headers': {'Authorization': f'Bearer {h}'},
             'timeout': 30.0}
    return pickle.dumps(state, protocol=4), [h]


def _pickle_settings_p5(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return pickle.dumps({'provider': 'together', 'api_key': k, 'model': 'meta-llama/Llama-3.3-70B'}, protocol=5), [k]


def _pickle_decoy(m: Made) -> tuple[bytes, list[str]]:
    return pickle.dumps({'together_wheel_sha256': m.hex(), 'version': '1.3.0'}, protocol=4), []


def _shelve_dumb(m: Made) -> tuple[bytes, list[str]]:
    import dbm.dumb
    import shelve
    h = m.hex()
    with tempfile.TemporaryDirectory() as d:
        db = dbm.dumb.open(os.path.join(d, 'cache'), 'c')
        with shelve.Shelf(db, protocol=4) as s:
            s['together'] = {'api_key': h, 'base_url': 'https://api.together.xyz/v1'}
        with open(os.path.join(d, 'cache.dat'), 'rb') as f:
            return f.read(), [h]


def _sqlite_db(rows: list[tuple[str, str]], table: str = 'providers', cols: str = 'name, api_key') -> bytes:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'app.db')
        con = sqlite3.connect(path)
        con.execute(f'CREATE TABLE {table} (id INTEGER PRIMARY KEY, {cols})')
        con.executemany(f'INSERT INTO {table} ({cols}) VALUES (?, ?)', rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def _sqlite_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _sqlite_db([('openai', 'sk-proj-placeholder'), ('together', h)]), [h]


def _sqlite_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _sqlite_db([('together', k)]), [k]


def _sqlite_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _sqlite_db([('together-1.3.0.tar.gz', m.hex()), ('together-1.2.0.tar.gz', m.hex())],
                      table='checksums', cols='file, sha256'), []


def _sqlite_dump(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    with tempfile.TemporaryDirectory() as d:
        con = sqlite3.connect(os.path.join(d, 'x.db'))
        con.execute('CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)')
        con.executemany('INSERT INTO settings VALUES (?, ?)',
                        [('together_base_url', 'https://api.together.xyz/v1'), ('together_api_key', h)])
        con.commit()
        text = '\n'.join(con.iterdump()) + '\n'
        con.close()
    return text.encode(), [h]


def _sqlite_dump_decoy(m: Made) -> tuple[bytes, list[str]]:
    with tempfile.TemporaryDirectory() as d:
        con = sqlite3.connect(os.path.join(d, 'x.db'))
        con.execute('CREATE TABLE downloads (name TEXT, sha256 TEXT)')
        con.executemany('INSERT INTO downloads VALUES (?, ?)',
                        [('together-1.3.0-py3-none-any.whl', m.hex()), ('together-1.3.0.tar.gz', m.hex())])
        con.commit()
        text = '\n'.join(con.iterdump()) + '\n'
        con.close()
    return text.encode(), []


def _tnet(v: object) -> bytes:
    """mitmproxy's flow files are tnetstrings."""
    if isinstance(v, bytes):
        return b'%d:%s,' % (len(v), v)
    if isinstance(v, str):
        b = v.encode()
        return b'%d:%s;' % (len(b), b)
    if isinstance(v, bool):
        b = b'true' if v else b'false'
        return b'%d:%s!' % (len(b), b)
    if isinstance(v, int):
        b = str(v).encode()
        return b'%d:%s#' % (len(b), b)
    if isinstance(v, float):
        b = repr(v).encode()
        return b'%d:%s^' % (len(b), b)
    if v is None:
        return b'0:~'
    if isinstance(v, (list, tuple)):
        b = b''.join(_tnet(x) for x in v)
        return b'%d:%s]' % (len(b), b)
    if isinstance(v, dict):
        b = b''.join(_tnet(k) + _tnet(x) for k, x in v.items())
        return b'%d:%s}' % (len(b), b)
    raise TypeError(v)


def _mitm_flow(auth: bytes, host: bytes = b'api.together.xyz') -> bytes:
    request = {'host': host, 'port': 443, 'method': b'POST', 'scheme': b'https', 'authority': b'',
               'path': b'/v1/chat/completions', 'http_version': b'HTTP/1.1',
               'headers': [[b'host', host], [b'authorization', auth], [b'content-type', b'application/json']],
               'content': b'{"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","messages":[]}',
               'timestamp_start': 1700000000.5, 'timestamp_end': 1700000000.6}
    return _tnet({'version': 19, 'type': 'http', 'id': '2f7a', 'request': request, 'response': None,
                  'error': None, 'is_replay': None, 'marked': '', 'comment': ''})


def _mitm_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _mitm_flow(b'Bearer ' + h.encode()), [h]


def _mitm_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _mitm_flow(b'Bearer ' + k.encode()), [k]


def _mitm_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _mitm_flow(b'Bearer ' + m.hex().encode(), host=b'api.example-llm.com'), []


def _onepux(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    item = {'uuid': 'x3vqd4', 'overview': {'title': 'Together AI', 'url': 'https://api.together.xyz'},
            'details': {'loginFields': [], 'sections': [{'title': '', 'fields': [
                {'title': 'credential', 'id': 'credential', 'value': {'concealed': h}}]}]}}
    data = {'accounts': [{'attrs': {'name': 'Acme'}, 'vaults': [{'attrs': {'name': 'Engineering'}, 'items': [item]}]}]}
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('export.attributes', json.dumps({'version': 3, 'description': '1Password Unencrypted Export'}))
        z.writestr('export.data', json.dumps(data, indent=2))
    return out.getvalue(), [h]


def _qp_mail(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    body = (f'Hi team,\r\n\r\nThe rotated Together API key for the staging gateway is {h} and the old one is revoked '
            'as of this morning.\r\n')
    return ('From: ops@example.com\r\nTo: dev@example.com\r\nSubject: staging credentials\r\nMIME-Version: 1.0\r\n'
            'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            + quopri.encodestring(body.encode()).decode()).encode(), [h]


def _qp_mail_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    body = f'Use this in .env:\r\nTOGETHER_API_KEY={k}\r\n'
    return ('Subject: key\r\nContent-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            + quopri.encodestring(body.encode()).decode()).encode(), [k]


def _qp_mail_decoy(m: Made) -> tuple[bytes, list[str]]:
    body = (f'Release together-1.3.0 is out. The SHA-256 of together-1.3.0.tar.gz is {m.hex()} as published on the '
            'release page.\r\n')
    return ('Subject: release\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            + quopri.encodestring(body.encode()).decode()).encode(), []


def _trace_ascii(lines: list[str]) -> str:
    """curl --trace-ascii's header block: 64 bytes a row, each led by its offset."""
    data = ''.join(line + '\r\n' for line in lines)
    out = [f'=> Send header, {len(data)} bytes (0x{len(data):x})']
    at = 0
    while at < len(data):
        row = data[at:at + 64]
        cut = row.find('\r\n')
        row = row[:cut + 2] if cut >= 0 else row
        out.append('%04x: %s' % (at, row.replace('\r\n', '')))
        at += len(row)
    return '\n'.join(out) + '\n'


def _curl_trace_ascii(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    text = ('== Info:   Trying 104.18.0.1:443...\n== Info: Connected to api.together.xyz (104.18.0.1) port 443\n'
            + _trace_ascii(['POST /v1/chat/completions HTTP/2', 'Host: api.together.xyz', 'user-agent: curl/8.5.0',
                            'accept: */*', f'authorization: Bearer {h}', 'content-type: application/json']))
    return text.encode(), [h]


def _curl_trace_ascii_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    text = ('== Info: Connected to api.together.xyz (104.18.0.1) port 443\n'
            + _trace_ascii(['POST /v1/completions HTTP/2', 'Host: api.together.xyz', 'accept: */*',
                            f'authorization: Bearer {k}']))
    return text.encode(), [k]


def _har_b64_response(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    body = json.dumps({'object': 'api_key', 'id': 'key_9f2c', 'key': k, 'created': 1700000000})
    har = {'log': {'version': '1.2', 'creator': {'name': 'Firefox', 'version': '126.0'}, 'entries': [{
        'request': {'method': 'POST', 'url': 'https://api.together.xyz/v1/keys', 'headers': []},
        'response': {'status': 200, 'content': {'size': len(body), 'mimeType': 'application/json',
                                                'encoding': 'base64', 'text': _b64(body)}}}]}}
    return json.dumps(har, indent=2).encode(), [k]


def _har_b64_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    body = json.dumps({'provider': 'together', 'api_key': h})
    har = {'log': {'version': '1.2', 'entries': [{
        'request': {'method': 'GET', 'url': 'https://admin.example.com/api/settings/llm', 'headers': []},
        'response': {'status': 200, 'content': {'mimeType': 'application/json', 'encoding': 'base64',
                                                'text': _b64(body)}}}]}}
    return json.dumps(har, indent=2).encode(), [h]


def _ipynb(outputs: list[dict], source: str = "client.models.list()") -> bytes:
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {}, 'source': [source],
                     'outputs': outputs}],
          'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3'}}, 'nbformat': 4,
          'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode()


def _nb_ansi_stream(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    text = f'\x1b[1m\x1b[32mTOGETHER_API_KEY\x1b[0m = \x1b[33m{h}\x1b[0m\n'
    return _ipynb([{'output_type': 'stream', 'name': 'stdout', 'text': [text]}], 'print_env()'), [h]


def _nb_ansi_traceback(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    tb = ['\x1b[0;31m---------------------------------------------------------------------------\x1b[0m',
          '\x1b[0;31mAuthenticationError\x1b[0m                       Traceback (most recent call last)',
          f"\x1b[0;31mAuthenticationError\x1b[0m: Error code: 401 - invalid api key \x1b[1;32m'{k}'\x1b[0m"]
    return _ipynb([{'output_type': 'error', 'ename': 'AuthenticationError', 'evalue': '401', 'traceback': tb}]), [k]


def _nb_ansi_key_cut(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    text = f'key: \x1b[38;5;208m{k[:20]}\x1b[39m\x1b[38;5;208m{k[20:]}\x1b[39m\n'
    return _ipynb([{'output_type': 'stream', 'name': 'stdout', 'text': [text]}]), [k]


def _nb_repr_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    data = {'text/plain': ["{'provider': 'together',\n", f" 'api_key': '{h}',\n", " 'model': 'mistralai/Mixtral-8x7B'}"]}
    return _ipynb([{'output_type': 'execute_result', 'execution_count': 3, 'data': data, 'metadata': {}}],
                  'cfg'), [h]


def _nb_decoy_sha(m: Made) -> tuple[bytes, list[str]]:
    text = f'\x1b[32m{m.hex()}\x1b[0m  together-1.3.0.tar.gz\n'
    return _ipynb([{'output_type': 'stream', 'name': 'stdout', 'text': [text]}], '!sha256sum together-1.3.0.tar.gz'), []


def _nb_decoy_key_id(m: Made) -> tuple[bytes, list[str]]:
    text = "\x1b[1mKey(id='key_4Rw8nZpQ2', name='staging', prefix='tgp_v1_xxxx')\x1b[0m\n"
    return _ipynb([{'output_type': 'stream', 'name': 'stdout', 'text': [text]}]), []


def _zip_data_uri(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    env = f'TOGETHER_API_KEY={h}\n'
    html = f'<a download=".env" href="data:text/plain;base64,{_b64(env)}">Download your .env</a>\n'
    return html.encode(), [h]


def _tar_gz_env(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _tar('app/.env', gz=True)(f'APP_ENV=prod\nTOGETHER_API_KEY={h}\n'.encode()), [h]


def _zip_in_b64_in_json(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    z = _zip('config/settings.json')(json.dumps({'together': {'apiKey': k}}).encode())
    return json.dumps({'name': 'backup', 'archive': _b64(z)}, indent=2).encode(), [k]


def _wheel_record_decoy(m: Made) -> tuple[bytes, list[str]]:
    def rec(name: str) -> str:
        return f'{name},sha256={base64.urlsafe_b64encode(m.rng.randbytes(32)).decode().rstrip("=")},{m.rng.randrange(9999)}'
    record = '\n'.join(rec(f'together/{n}.py') for n in ('__init__', 'client', 'error', 'types')) + '\n'
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('together/__init__.py', 'from together.client import Together\n')
        z.writestr('together-1.3.0.dist-info/RECORD', record)
        z.writestr('together-1.3.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: together\nVersion: 1.3.0\n')
    return out.getvalue(), []


def _png_data_uri_decoy(m: Made) -> tuple[bytes, list[str]]:
    png = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(300)
    return (f'<h2>Together AI</h2>\n<img alt="Together AI logo" src="data:image/png;base64,{_b64(png)}">\n'
            '<p>Set TOGETHER_API_KEY in your environment.</p>\n').encode(), []


# --- current and legacy keys in tools' files ------------------------------------------------------

SOURCE = [
    # Terraform
    T('tfstate-k8s-secret-data', 'infra/terraform.tfstate', '''\
{
  "version": 4,
  "terraform_version": "1.7.5",
  "serial": 12,
  "lineage": "⟦_uuid⟧",
  "outputs": {},
  "resources": [
    {
      "mode": "managed",
      "type": "kubernetes_secret",
      "name": "llm",
      "provider": "provider[\\"registry.terraform.io/hashicorp/kubernetes\\"]",
      "instances": [
        {
          "schema_version": 0,
          "attributes": {
            "data": {
              "TOGETHER_API_KEY": "⟦hex⟧"
            },
            "metadata": [{"name": "llm-env", "namespace": "prod"}],
            "type": "Opaque"
          },
          "sensitive_attributes": [[{"type": "get_attr", "value": "data"}]]
        }
      ]
    }
  ]
}
'''),
    T('tfstate-output-sensitive', 'infra/state/prod.tfstate', '''\
{
  "version": 4,
  "outputs": {
    "together_api_key": {
      "value": "⟦key⟧",
      "type": "string",
      "sensitive": true
    }
  },
  "resources": []
}
'''),
    T('tfstate-ssm-parameter', 'infra/terraform.tfstate.backup', '''\
{
  "version": 4,
  "resources": [
    {
      "mode": "managed",
      "type": "aws_ssm_parameter",
      "name": "together",
      "instances": [
        {
          "attributes": {
            "arn": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/together/api_key",
            "name": "/prod/together/api_key",
            "type": "SecureString",
            "value": "⟦hex⟧",
            "version": 3
          }
        }
      ]
    }
  ]
}
'''),
    T('tfplan-json-actions-secret', 'infra/plan.json', '''\
{"format_version":"1.2","terraform_version":"1.7.5","resource_changes":[{"address":"github_actions_secret.together","mode":"managed","type":"github_actions_secret","name":"together","change":{"actions":["create"],"before":null,"after":{"plaintext_value":"⟦hex⟧","repository":"gateway","SECRET-NAME":"TOGETHER_API_KEY"},"after_unknown":{"created_at":true},"before_sensitive":false,"after_sensitive":{"plaintext_value":true}}}]}
''', lambda b: b.replace(b'SECRET-NAME', b'secret' + b'_name')),
    T('tfplan-text-variable', 'infra/plan.txt', '''\
Terraform used the selected providers to generate the following execution plan. Resource actions are
indicated with the following symbols:
  + create

Terraform will perform the following actions:

  # module.llm.kubernetes_secret.together will be created
  + resource "kubernetes_secret" "together" {
      + data = {
          + "api_key"  = "⟦hex⟧"
          + "base_url" = "https://api.together.xyz/v1"
        }
      + id   = (known after apply)
      + type = "Opaque"
    }

Plan: 1 to add, 0 to change, 0 to destroy.
'''),
    T('tfvars-json', 'infra/prod.auto.tfvars.json', '''\
{
  "region": "us-east-1",
  "together_api_key": "⟦hex⟧",
  "replicas": 3
}
'''),
    # Helm
    T('helm-values-nested', 'charts/gateway/values-prod.yaml', '''\
replicaCount: 2
image:
  repository: ghcr.io/acme/gateway
  tag: "1.4.2"
together:
  baseUrl: https://api.together.xyz/v1
  apiKey: ⟦hex⟧
resources:
  limits:
    memory: 512Mi
'''),
    T('helm-get-values', 'notes/helm-get-values.txt', '''\
$ helm get values gateway -n prod
USER-SUPPLIED VALUES:
env:
- name: LLM_PROVIDER
  value: together
- name: LLM_API_KEY
  value: ⟦hex⟧
image:
  tag: 1.4.2
'''),
    T('helm-set-flag', 'deploy/release.sh', '''\
#!/usr/bin/env bash
helm upgrade --install gateway ./charts/gateway \\
  --namespace prod \\
  --set image.tag="$GIT_SHA" \\
  --set together.apiKey=⟦hex⟧ \\
  --wait
'''),
    T('helm-template-secret', 'rendered/secret.yaml', '''\
---
# Source: gateway/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: gateway-together
  labels:
    helm.sh/chart: gateway-0.3.1
type: Opaque
stringData:
  TOGETHER_API_KEY: "⟦key⟧"
'''),
    # docker
    T('docker-inspect-env', 'notes/docker-inspect.json', '''\
[
    {
        "Id": "⟦_hex⟧",
        "Created": "2024-05-01T10:11:12.123456789Z",
        "Name": "/gateway",
        "Config": {
            "Hostname": "gateway",
            "Env": [
                "TOGETHER_API_KEY=⟦hex⟧",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "PYTHON_VERSION=3.12.3"
            ],
            "Image": "ghcr.io/acme/gateway:1.4.2"
        }
    }
]
'''),
    T('docker-inspect-env-flat-group', 'notes/inspect-llm.json', '''\
[
    {
        "Id": "⟦_hex⟧",
        "Config": {
            "Env": [
                "LLM_PROVIDER=together",
                "LLM_API_KEY=⟦hex⟧",
                "LLM_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo"
            ]
        }
    }
]
'''),
    T('docker-inspect-current', 'notes/inspect.json', '''\
[{"Id":"⟦_hex⟧","Config":{"Env":["HOME=/root","TOGETHER_API_KEY=⟦key⟧"],"Cmd":["python","-m","gateway"]}}]
'''),
    T('docker-compose-config', 'notes/compose-config.yaml', '''\
name: gateway
services:
  api:
    environment:
      LOG_LEVEL: info
      TOGETHER_API_KEY: ⟦hex⟧
    image: ghcr.io/acme/gateway:1.4.2
    networks:
      default: null
'''),
    # Vault
    T('vault-kv-get-json', 'notes/vault.json', '''\
{
  "request_id": "⟦_uuid⟧",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": {
    "data": {
      "together_api_key": "⟦hex⟧"
    },
    "metadata": {
      "created_time": "2024-05-01T10:11:12.123Z",
      "version": 4
    }
  },
  "warnings": null
}
'''),
    T('vault-kv-get-json-provider', 'notes/vault-llm.json', '''\
{
  "request_id": "⟦_uuid⟧",
  "data": {
    "data": {
      "provider": "together",
      "api_key": "⟦hex⟧"
    },
    "metadata": {"version": 2}
  }
}
'''),
    T('vault-kv-put-history', 'notes/history.txt', '''\
 1021  vault login -method=oidc
 1022  vault kv put -mount=secret llm/together api_key=⟦hex⟧
 1023  vault kv get -mount=secret llm/together
'''),
    T('vault-kv-current', 'notes/vault-current.json', '''\
{"request_id":"⟦_uuid⟧","data":{"data":{"key":"⟦key⟧"},"metadata":{"version":1}}}
'''),
    # AWS Secrets Manager
    T('aws-sm-batch-get', 'notes/batch.json', '''\
{
    "SecretValues": [
        {
            "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm/together-Ab12Cd",
            "Name": "prod/llm/together",
            "VersionId": "⟦_uuid⟧",
            "SecretString": "{\\"TOGETHER_API_KEY\\":\\"⟦hex⟧\\"}",
            "VersionStages": ["AWSCURRENT"]
        }
    ],
    "Errors": []
}
'''),
    T('aws-sm-create-secret-history', 'notes/zsh_history', '''\
: 1714557000:0;aws secretsmanager create-secret --name prod/together --secret-string '{"api_key":"⟦hex⟧"}'
: 1714557042:0;aws secretsmanager describe-secret --secret-id prod/together
'''),
    T('aws-sm-secret-binary-current', 'notes/secret-binary.json', '''\
{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together-Xy12",
    "Name": "together",
    "VersionId": "⟦_uuid⟧",
    "SecretBinary": "⟦key|b64⟧",
    "VersionStages": ["AWSCURRENT"]
}
'''),
    # GCP Secret Manager
    T('gcp-sm-access-json-legacy', 'notes/gcp-access.json', '''\
{
  "name": "projects/123456789012/secrets/together-api-key/versions/3",
  "payload": {
    "data": "⟦hex|b64⟧",
    "dataCrc32c": "2719392823"
  }
}
'''),
    T('gcp-sm-access-yaml-current', 'notes/gcp-access.yaml', '''\
name: projects/123456789012/secrets/llm-key/versions/1
payload:
  data: ⟦key|b64⟧
  dataCrc32c: '1150268352'
'''),
    T('gcp-sm-versions-add-history', 'notes/bash_history', '''\
printf '%s' '⟦hex⟧' | gcloud secrets versions add together-api-key --data-file=-
gcloud secrets versions list together-api-key
'''),
    # 1Password, Bitwarden
    T('op-item-get-json', 'notes/op-item.json', '''\
{
  "id": "x3vqd4gnlbdfzmh2pg4kq",
  "title": "Together AI",
  "version": 4,
  "vault": {"id": "abc", "name": "Engineering"},
  "category": "API_CREDENTIAL",
  "fields": [
    {
      "id": "username",
      "type": "STRING",
      "label": "username",
      "value": "ml-platform"
    },
    {
      "id": "credential",
      "type": "CONCEALED",
      "label": "credential",
      "value": "⟦hex⟧"
    }
  ]
}
'''),
    B('onepux-export', 'backups/1PasswordExport.1pux', _onepux),
    T('bitwarden-json-export', 'backups/bitwarden_export.json', '''\
{
  "encrypted": false,
  "folders": [],
  "items": [
    {
      "id": "⟦_uuid⟧",
      "type": 1,
      "name": "Together AI",
      "notes": null,
      "login": {
        "uris": [{"match": null, "uri": "https://api.together.xyz"}],
        "username": "ml-platform@acme.com",
        "password": "⟦hex⟧",
        "totp": null
      }
    }
  ]
}
'''),
    T('bitwarden-notes-current', 'backups/bw.json', '''\
{"encrypted":false,"items":[{"id":"⟦_uuid⟧","type":2,"name":"LLM keys","notes":"staging: ⟦key⟧\\nprod: rotate monthly","secureNote":{"type":0}}]}
'''),
    T('bitwarden-custom-field', 'backups/bw-fields.json', '''\
{"items":[{"name":"Inference","type":1,"fields":[{"name":"TOGETHER_API_KEY","value":"⟦hex⟧","type":1}],"login":{"username":"ops"}}]}
'''),
    # Postman, Insomnia, Bruno, HTTPie
    T('postman-collection-bearer', 'api/Together.postman_collection.json', '''\
{
  "info": {
    "_postman_id": "⟦_uuid⟧",
    "name": "Together",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "item": [
    {
      "name": "chat completion",
      "request": {
        "auth": {
          "type": "bearer",
          "bearer": [
            {
              "key": "token",
              "value": "⟦hex⟧",
              "type": "string"
            }
          ]
        },
        "method": "POST",
        "url": {
          "raw": "https://api.together.xyz/v1/chat/completions",
          "protocol": "https",
          "host": ["api", "together", "xyz"],
          "path": ["v1", "chat", "completions"]
        }
      }
    }
  ]
}
'''),
    T('postman-collection-variable', 'api/llm.postman_collection.json', '''\
{
  "info": {"name": "LLM", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [],
  "variable": [
    {"key": "baseUrl", "value": "https://api.together.xyz/v1", "type": "string"},
    {"key": "together_api_key", "value": "⟦hex⟧", "type": "string"}
  ]
}
'''),
    T('postman-environment-secret', 'api/prod.postman_environment.json', '''\
{
  "id": "⟦_uuid⟧",
  "name": "prod",
  "values": [
    {
      "key": "TOGETHER_API_KEY",
      "value": "⟦hex⟧",
      "type": "secret",
      "enabled": true
    }
  ],
  "_postman_variable_scope": "environment"
}
'''),
    T('postman-header-current', 'api/chat.postman_collection.json', '''\
{"info":{"name":"chat"},"item":[{"name":"chat","request":{"method":"POST","header":[{"key":"Authorization","value":"Bearer ⟦key⟧","type":"text"}],"url":{"raw":"https://api.together.xyz/v1/chat/completions"}}}]}
'''),
    T('insomnia-export-yaml', 'api/insomnia.yaml', '''\
type: collection.insomnia.rest/5.0
name: Together
collection:
  - url: https://api.together.xyz/v1/chat/completions
    name: chat
    method: POST
    authentication:
      type: bearer
      token: ⟦hex⟧
      prefix: Bearer
'''),
    T('insomnia-v4-environment', 'api/insomnia-v4.json', '''\
{"_type":"export","__export_format":4,"resources":[{"_id":"env_1","_type":"environment","name":"Base Environment","data":{"together_api_key":"⟦hex⟧","base_url":"https://api.together.xyz"}}]}
'''),
    T('bruno-request', 'api/bruno/chat.bru', '''\
meta {
  name: chat
  type: http
  seq: 1
}

post {
  url: https://api.together.xyz/v1/chat/completions
  body: json
  auth: bearer
}

auth:bearer {
  token: ⟦hex⟧
}
'''),
    T('bruno-environment', 'api/bruno/environments/prod.bru', '''\
vars {
  baseUrl: https://api.together.xyz/v1
  togetherApiKey: ⟦hex⟧
}
'''),
    T('httpie-session', 'home/.config/httpie/sessions/api.together.xyz/default.json', '''\
{
    "__meta__": {
        "about": "HTTPie session file",
        "help": "https://httpie.io/docs#sessions",
        "httpie": "3.2.2"
    },
    "auth": {
        "password": null,
        "type": null,
        "username": null
    },
    "cookies": [],
    "headers": [
        {
            "name": "Authorization",
            "value": "Bearer ⟦key⟧"
        }
    ]
}
'''),
    T('httpie-command', 'notes/httpie.txt', '''\
$ http POST https://api.together.xyz/v1/chat/completions "Authorization:Bearer ⟦hex⟧" model=meta-llama/Llama-3-8b
'''),
    # VS Code
    T('vscode-settings-dotted', '.vscode/settings.json', '''\
{
    "editor.formatOnSave": true,
    "together.apiKey": "⟦hex⟧",
    "python.defaultInterpreterPath": ".venv/bin/python"
}
'''),
    T('vscode-launch-env', '.vscode/launch.json', '''\
{
    // Use IntelliSense to learn about possible attributes.
    "version": "0.2.0",
    "configurations": [
        {
            "name": "Python: gateway",
            "type": "debugpy",
            "request": "launch",
            "module": "gateway",
            "env": {
                "TOGETHER_API_KEY": "⟦hex⟧",
                "LOG_LEVEL": "debug"
            },
        }
    ]
}
'''),
    T('vscode-mcp-json', '.vscode/mcp.json', '''\
{
  "servers": {
    "together": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "together-mcp"],
      "env": {"TOGETHER_API_KEY": "⟦key⟧"}
    }
  }
}
'''),
    T('vscode-terminal-env', '.vscode/settings.json', '''\
{
  "terminal.integrated.env.linux": {
    "TOGETHER_API_KEY": "⟦hex⟧"
  }
}
'''),
    T('vscode-rest-client-vars', '.vscode/settings.json', '''\
{
  "rest-client.environmentVariables": {
    "prod": {
      "baseUrl": "https://api.together.xyz/v1",
      "token": "⟦hex⟧"
    }
  }
}
'''),
    # JetBrains
    T('idea-workspace-envs', '.idea/workspace.xml', '''\
<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="RunManager">
    <configuration name="gateway" type="PythonConfigurationType" factoryName="Python">
      <module name="gateway" />
      <envs>
        <env name="PYTHONUNBUFFERED" value="1" />
        <env name="TOGETHER_API_KEY" value="⟦hex⟧" />
      </envs>
    </configuration>
  </component>
</project>
'''),
    T('idea-run-config-map', '.idea/runConfigurations/Gateway.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="Gateway" type="Application" factoryName="Application">
    <option name="MAIN_CLASS_NAME" value="acme.Gateway" />
    <envs>
      <env name="TOGETHER_API_KEY" value="⟦key⟧" />
    </envs>
    <method v="2" />
  </configuration>
</component>
'''),
    T('idea-properties-json-escaped', '.idea/workspace.xml', '''\
<project version="4">
  <component name="PropertiesComponent"><![CDATA[{
  "keyToString": {
    "RunOnceActivity.ShowReadmeOnStart": "true",
    "TOGETHER_API_KEY": "⟦hex⟧"
  }
}]]></component>
</project>
'''),
    T('idea-http-client-private-env', 'http-client.private.env.json', '''\
{
  "prod": {
    "together_api_key": "⟦hex⟧"
  }
}
'''),
    T('idea-quoted-json-in-attribute', '.idea/workspace.xml', '''\
<project version="4">
  <component name="PropertiesComponent">{
  &quot;keyToString&quot;: {
    &quot;TOGETHER_API_KEY&quot;: &quot;⟦hex⟧&quot;
  }
}</component>
</project>
'''),
    # Jupyter
    B('nb-ansi-stream-legacy', 'notebooks/env.ipynb', _nb_ansi_stream),
    B('nb-ansi-traceback-current', 'notebooks/auth.ipynb', _nb_ansi_traceback),
    B('nb-ansi-key-cut', 'notebooks/cut.ipynb', _nb_ansi_key_cut),
    B('nb-repr-lines-legacy', 'notebooks/cfg.ipynb', _nb_repr_legacy),
    # CI logs
    T('actions-log-timestamp-env', 'logs/actions/3_build.txt', '''\
2024-05-01T12:00:00.1234567Z ##[group]Run python -m gateway.selftest
2024-05-01T12:00:00.1234890Z env:
2024-05-01T12:00:00.1235012Z   TOGETHER_API_KEY: ⟦hex⟧
2024-05-01T12:00:00.1235113Z   pythonLocation: /opt/hostedtoolcache/Python/3.12.3/x64
2024-05-01T12:00:00.1235201Z ##[endgroup]
'''),
    T('actions-log-command', 'logs/actions/4_deploy.txt', '''\
2024-05-01T12:01:10.0000001Z ##[command]echo "TOGETHER_API_KEY=⟦hex⟧" >> $GITHUB_ENV
'''),
    T('actions-log-ansi-current', 'logs/actions/5_test.txt', '''\
2024-05-01T12:02:00.1000000Z \x1b[36;1mexport TOGETHER_API_KEY=⟦key⟧\x1b[0m
2024-05-01T12:02:00.1000100Z \x1b[36;1mpytest -q\x1b[0m
'''),
    T('gitlab-job-log', 'logs/gitlab/job.log', '''\
section_start:1714557000:prepare_script\r\x1b[0K\x1b[0K\x1b[36;1mPreparing environment\x1b[0;m
\x1b[32;1m$ export TOGETHER_API_KEY=⟦hex⟧\x1b[0;m
section_end:1714557001:prepare_script\r\x1b[0K
'''),
    # chat exports
    T('slack-export-text', 'exports/slack/ml-platform/2024-05-01.json', '''\
[
    {
        "type": "message",
        "user": "U04ABCDEF",
        "text": "here's the together key for staging: ⟦hex⟧",
        "ts": "1714557000.123456",
        "client_msg_id": "⟦_uuid⟧"
    }
]
'''),
    T('slack-export-code-block', 'exports/slack/ops/2024-05-02.json', '''\
[{"type":"message","user":"U04ABCDEF","text":"```TOGETHER_API_KEY=⟦hex⟧```","ts":"1714557100.000200"}]
'''),
    T('slack-export-rich-text-current', 'exports/slack/ops/2024-05-03.json', '''\
[{"type":"message","text":"new key ⟦key⟧","blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"new key "},{"type":"text","text":"⟦key⟧","style":{"code":true}}]}]}]}]
'''),
    T('discord-export-json', 'exports/discord/dev.json', '''\
{
  "guild": {"id": "1000", "name": "Acme"},
  "channel": {"id": "2000", "name": "dev"},
  "messages": [
    {
      "id": "3000",
      "type": "Default",
      "timestamp": "2024-05-01T12:00:00+00:00",
      "content": "TOGETHER_API_KEY=⟦hex⟧",
      "author": {"id": "4000", "name": "alice"}
    }
  ]
}
'''),
    T('discord-export-html', 'exports/discord/dev.html', '''\
<div class="chatlog__message-group"><div class="chatlog__message"><div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve">my together api key is ⟦hex⟧</span></div></div></div>
'''),
    # HAR, curl, mitmproxy
    T('har-authorization-header', 'captures/session.har', '''\
{
  "log": {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "entries": [
      {
        "request": {
          "method": "POST",
          "url": "https://api.together.xyz/v1/chat/completions",
          "httpVersion": "http/2.0",
          "headers": [
            {"name": ":authority", "value": "api.together.xyz"},
            {"name": "authorization", "value": "Bearer ⟦hex⟧"},
            {"name": "content-type", "value": "application/json"}
          ]
        }
      }
    ]
  }
}
'''),
    T('har-post-data-current', 'captures/login.har', '''\
{"log":{"entries":[{"request":{"method":"POST","url":"https://app.example.com/settings","postData":{"mimeType":"application/json","text":"{\\"together_api_key\\":\\"⟦key⟧\\"}"}}}]}}
'''),
    B('har-base64-response-current', 'captures/keys.har', _har_b64_response),
    B('har-base64-response-legacy', 'captures/settings.har', _har_b64_legacy),
    T('curl-verbose-legacy', 'notes/curl-v.txt', '''\
*   Trying 104.18.0.1:443...
* Connected to api.together.xyz (104.18.0.1) port 443
* ALPN: curl offers h2,http/1.1
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> User-Agent: curl/8.5.0
> Accept: */*
> Authorization: Bearer ⟦hex⟧
> Content-Type: application/json
>
< HTTP/2 200
'''),
    T('curl-verbose-current', 'notes/curl-v2.txt', '''\
* Connected to api.together.xyz (104.18.0.1) port 443
> GET /v1/models HTTP/2
> authorization: Bearer ⟦key⟧
'''),
    B('curl-trace-ascii-legacy', 'notes/trace.txt', _curl_trace_ascii),
    B('curl-trace-ascii-current', 'notes/trace2.txt', _curl_trace_ascii_current),
    T('mitmdump-text', 'captures/mitmdump.txt', '''\
127.0.0.1:53412: POST https://api.together.xyz/v1/chat/completions
    Host: api.together.xyz
    Authorization: Bearer ⟦hex⟧
    Content-Type: application/json
 << 200 OK 1.2k
'''),
    B('mitmproxy-flow-legacy', 'captures/flows.mitm', _mitm_legacy),
    B('mitmproxy-flow-current', 'captures/flows2.mitm', _mitm_current),
    # pickles, shelve, SQLite
    B('pickle-session-bearer', 'cache/session.pkl', _pickle_session),
    B('pickle-p5-settings', 'cache/settings.pkl', _pickle_settings_p5),
    B('shelve-dumb', 'cache/llm.dat', _shelve_dumb),
    B('sqlite-db-providers', 'data/app.db', _sqlite_legacy),
    B('sqlite-db-current', 'data/keys.sqlite3', _sqlite_current),
    B('sqlite-dump-settings', 'data/dump.sql', _sqlite_dump),
    # rc files
    T('netrc-together', 'home/.netrc', '''\
machine github.com login alice password ghp_placeholder
machine api.together.xyz login apikey password ⟦hex⟧
'''),
    T('netrc-current', 'home/_netrc', '''\
machine api.together.xyz
  login alice
  password ⟦key⟧
'''),
    T('npmrc-env-current', 'home/.npmrc', '''\
//registry.npmjs.org/:_authToken=${NPM_TOKEN}
together_api_key=⟦key⟧
'''),
    T('pypirc-current', 'home/.pypirc', '''\
[distutils]
index-servers = pypi

[pypi]
username = __token__
password = ⟦key⟧
'''),
    # AI framework configs
    T('langchain-llm-yaml', 'configs/llm.yaml', '''\
_type: together
model: meta-llama/Llama-3.3-70B-Instruct-Turbo
temperature: 0.2
together_api_key: ⟦hex⟧
'''),
    T('llamaindex-settings-json', 'configs/llamaindex.json', '''\
{"llm": {"class_name": "TogetherLLM", "model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "api_key": "⟦hex⟧", "api_base": "https://api.together.xyz/v1"}}
'''),
    T('litellm-model-list', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: ⟦hex⟧
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
'''),
    T('litellm-environment-variables', 'litellm/proxy.yaml', '''\
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
environment_variables:
  TOGETHERAI_API_KEY: ⟦hex⟧
'''),
    T('openrouter-provider-list-json', 'configs/providers.json', '''\
{
  "providers": [
    {"id": "together", "base_url": "https://api.together.xyz/v1", "api_key": "⟦hex⟧"},
    {"id": "openai", "base_url": "https://api.openai.com/v1", "api_key": "${OPENAI_API_KEY}"}
  ]
}
'''),
    T('openrouter-provider-list-yaml', 'configs/providers.yaml', '''\
providers:
  - name: together
    apiKey: ⟦hex⟧
    models: [meta-llama/Llama-3.3-70B-Instruct-Turbo]
  - name: groq
    apiKey: ${GROQ_API_KEY}
'''),
    T('continue-config-yaml-current', 'home/.continue/config.yaml', '''\
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: ⟦key⟧
'''),
]

# --- encodings -----------------------------------------------------------------------------------

ENCODED = [
    T('form-body-json-url', 'captures/form.txt', '''\
POST /settings HTTP/1.1
Host: admin.example.com
Content-Type: application/x-www-form-urlencoded

csrf=ok&payload=⟦hex|json_url⟧&submit=Save
'''),
    T('redirect-json-url-twice', 'logs/nginx-access.log', '''\
10.0.0.3 - - [01/May/2024:12:00:00 +0000] "GET /oauth/next?state=⟦hex|json_url2⟧ HTTP/1.1" 302 0 "-" "Mozilla/5.0"
'''),
    T('url-encoded-env-line', 'logs/app.log', '''\
2024-05-01 12:00:00 DEBUG saved env=⟦hex|env_url⟧ ok
'''),
    T('json-u-escaped-legacy-line', 'data/export.json', '''\
{"line": "⟦hex|env_ju⟧"}
'''),
    T('json-u-escaped-current', 'data/export2.json', '''\
{"together": {"apiKey": "⟦key|ju⟧"}}
'''),
    T('json-string-in-json', 'data/nested.json', '''\
{"kind": "config", "payload": "⟦hex|json_str⟧"}
'''),
    T('b64-of-b64-env-legacy', 'deploy/double.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: app-env
data:
  env.b64: ⟦hex|env_b64b64⟧
'''),
    T('b64-of-b64-current', 'deploy/double-key.txt', '''\
token=⟦key|b64b64⟧
'''),
    T('b32-env-current', 'deploy/env.b32', '''\
⟦key|env_b32⟧
'''),
    T('b32-env-legacy', 'deploy/legacy.b32', '''\
⟦hex|env_b32⟧
'''),
    B('qp-mail-legacy-prose', 'mail/staging.eml', _qp_mail),
    B('qp-mail-current', 'mail/key.eml', _qp_mail_current),
    T('utf16le-env-legacy', 'config/legacy.env', 'APP_ENV=production\nTOGETHER_API_KEY=⟦hex⟧\n', 'utf16le'),
    T('utf16be-json-current', 'config/settings.json', '{\n  "together": {"apiKey": "⟦key⟧"}\n}\n', 'utf16be'),
    T('utf16le-ps1-legacy', 'scripts/setenv.ps1', '$env:TOGETHER_API_KEY = "⟦hex⟧"\r\n', 'utf16le'),
    T('utf16le-nobom-reg', 'exports/env.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Environment]
"TOGETHER_API_KEY"="⟦hex⟧"
''', 'utf16le'),
    T('gzip-env-legacy', 'backups/env.gz', 'APP_ENV=prod\nTOGETHER_API_KEY=⟦hex⟧\n', 'gzip'),
    T('gzip-json-current', 'backups/settings.json.gz', '{"together": {"apiKey": "⟦key⟧"}}\n', 'gzip'),
    T('zip-member-env-legacy', 'backups/config.zip', 'TOGETHER_API_KEY=⟦hex⟧\n', _zip('config/.env')),
    T('zip-member-vscode-current', 'backups/vscode-profile.zip', '{"terminal.integrated.env.linux": {"TOGETHER_API_KEY": "⟦key⟧"}}\n', _zip('settings.json')),
    T('tar-member-current', 'backups/home.tar', 'export TOGETHER_API_KEY=⟦key⟧\n', _tar('home/alice/.bashrc')),
    B('tar-gz-env-legacy', 'backups/app.tar.gz', _tar_gz_env),
    B('zip-b64-in-json-current', 'backups/backup.json', _zip_in_b64_in_json),
    T('bitwarden-zip-export-current', 'backups/bitwarden_export.zip', '''\
{"encrypted":false,"items":[{"name":"Together AI","type":1,"login":{"username":"ops","password":"⟦key⟧"}}]}
''', _zip('data.json')),
    B('data-uri-env-legacy', 'site/download.html', _zip_data_uri),
    T('data-uri-url-encoded-json', 'site/settings.html', '''\
<a download="settings.json" href="data:application/json,⟦hex|json_url⟧">settings.json</a>
'''),
    T('data-uri-b64-current', 'site/key.md', '''\
[Download key](data:text/plain;base64,⟦key|b64⟧)
'''),
]

# --- decoys --------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-terraform-lock', 'infra/.terraform.lock.hcl', '''\
# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/togethercomputer/together" {
  version     = "0.3.1"
  constraints = "~> 0.3"
  hashes = [
    "h1:⟦_b64⟧",
    "zh:⟦_hex⟧",
    "zh:⟦_hex2⟧",
  ]
}
'''),
    T('decoy-tfstate-variable-ref', 'infra/decoy.tfstate', '''\
{"version":4,"resources":[{"type":"together_endpoint","name":"chat","instances":[{"attributes":{"id":"ep-⟦_uuid⟧","api_key":"${var.together_api_key}","model_sha256":"⟦_hex⟧"}}]}]}
'''),
    T('decoy-helm-existing-secret', 'charts/gateway/values.yaml', '''\
together:
  apiKey: ""
  existingSecret: together-api-key
  existingSecretKey: TOGETHER_API_KEY
image:
  digest: sha256:⟦_hex⟧
'''),
    T('decoy-helm-chart-lock', 'charts/gateway/Chart.lock', '''\
dependencies:
- name: together-gateway
  repository: oci://ghcr.io/acme/charts
  version: 0.3.1
digest: sha256:⟦_hex⟧
generated: "2024-05-01T10:11:12.123456+00:00"
'''),
    T('decoy-docker-inspect-ids', 'notes/inspect-decoy.json', '''\
[
    {
        "Id": "⟦_hex⟧",
        "Image": "sha256:⟦_hex2⟧",
        "Name": "/together-gateway",
        "Config": {
            "Env": [
                "TOGETHER_BASE_URL=https://api.together.xyz/v1",
                "LOG_LEVEL=info"
            ],
            "Labels": {"org.opencontainers.image.revision": "⟦_sha1⟧"}
        }
    }
]
'''),
    T('decoy-vault-placeholder', 'notes/vault-decoy.json', '''\
{"request_id":"⟦_uuid⟧","data":{"data":{"together_api_key":"tgp_v1_''' + 'x' * 43 + '''","key_id":"key_8fQ2mZ"},"metadata":{"version":2}}}
'''),
    T('decoy-aws-sm-env-ref', 'notes/sm-decoy.json', '''\
{
    "Name": "prod/together",
    "VersionId": "⟦_uuid⟧",
    "SecretString": "{\\"api_key\\":\\"${TOGETHER_API_KEY}\\"}",
    "VersionStages": ["AWSCURRENT"]
}
'''),
    T('decoy-gcp-placeholder-b64', 'notes/gcp-decoy.json', '''\
{"name":"projects/1/secrets/together-api-key/versions/1","payload":{"data":"PHlvdXIta2V5Pg==","dataCrc32c":"123"}}
'''),
    T('decoy-gcp-random-payload-other', 'notes/gcp-decoy2.json', '''\
{"name":"projects/1/secrets/session-signing-key/versions/7","payload":{"data":"⟦_b64⟧","dataCrc32c":"99"}}
'''),
    T('decoy-op-item-reference', 'notes/op-decoy.json', '''\
{"title":"Together AI","category":"API_CREDENTIAL","fields":[{"id":"credential","type":"CONCEALED","value":"op://Engineering/Together AI/credential"},{"id":"notesPlain","value":"sha256 of the old key: ⟦_hex⟧"}]}
'''),
    T('decoy-bitwarden-encrypted', 'backups/bw-encrypted.json', '''\
{"encrypted":true,"passwordProtected":true,"salt":"⟦_b64⟧","kdfType":0,"kdfIterations":600000,"encKeyValidation_DO_NOT_EDIT":"2.⟦_b64⟧|⟦_b64⟧","data":"2.⟦_b64⟧|⟦_b64⟧"}
'''),
    T('decoy-bitwarden-totp-other', 'backups/bw-other.json', '''\
{"items":[{"name":"Together AI","login":{"username":"alice","password":null,"totp":"otpauth://totp/Together:alice?secret=⟦_b32⟧&issuer=Together"}}]}
'''),
    T('decoy-postman-variable-ref', 'api/decoy.postman_collection.json', '''\
{"info":{"_postman_id":"⟦_uuid⟧","name":"Together","exporter_id":"1234"},"auth":{"type":"bearer","bearer":[{"key":"token","value":"{{together_api_key}}","type":"string"}]},"item":[{"name":"models","request":{"method":"GET","url":{"raw":"https://api.together.xyz/v1/models"}},"response":[{"header":[{"key":"etag","value":"W/\\"⟦_hex⟧\\""}]}]}]}
'''),
    T('decoy-insomnia-template', 'api/insomnia-decoy.yaml', '''\
collection:
  - url: https://api.together.xyz/v1/models
    authentication:
      type: bearer
      token: "{{ _.together_api_key }}"
    headers:
      - name: If-None-Match
        value: "⟦_hex⟧"
'''),
    T('decoy-bruno-secret-var', 'api/bruno/environments/dev.bru', '''\
vars {
  baseUrl: https://api.together.xyz/v1
  requestSha: ⟦_hex⟧
}
vars:secret [
  togetherApiKey
]
'''),
    T('decoy-vscode-extension-sha', '.vscode/extensions-lock.json', '''\
{"recommendations":["togethercomputer.together-vscode"],"sha256":{"togethercomputer.together-vscode-0.2.0.vsix":"⟦_hex⟧"}}
'''),
    T('decoy-idea-commit-hash', '.idea/vcs-decoy.xml', '''\
<project version="4">
  <component name="Git.Settings">
    <option name="RECENT_BRANCH_BY_REPOSITORY">
      <map>
        <entry key="$PROJECT_DIR$/together-gateway" value="⟦_hex⟧" />
      </map>
    </option>
  </component>
</project>
'''),
    B('decoy-nb-sha256sum', 'notebooks/sums.ipynb', _nb_decoy_sha),
    B('decoy-nb-key-id', 'notebooks/keys.ipynb', _nb_decoy_key_id),
    T('decoy-actions-cache-key', 'logs/actions/1_setup.txt', '''\
2024-05-01T11:59:00.1000000Z Cache restored from key: Linux-pip-together-⟦_hex⟧
2024-05-01T11:59:00.2000000Z TOGETHER_API_KEY: ***
2024-05-01T11:59:01.0000000Z Digest: sha256:⟦_hex2⟧
'''),
    T('decoy-actions-ansi-masked', 'logs/actions/2_env.txt', '''\
2024-05-01T11:59:02.0000000Z \x1b[36;1mexport TOGETHER_API_KEY=***\x1b[0m
2024-05-01T11:59:02.1000000Z \x1b[36;1mexport TOGETHER_SHA=⟦_hex⟧\x1b[0m
'''),
    T('decoy-slack-commit-hash', 'exports/slack/dev/2024-05-04.json', '''\
[{"type":"message","text":"we merged the two branches together in ⟦_hex⟧, see the PR","ts":"1714557200.000300","client_msg_id":"⟦_uuid⟧"}]
'''),
    T('decoy-discord-emoji-hash', 'exports/discord/general.json', '''\
{"messages":[{"id":"5000","content":"lunch together?","reactions":[{"emoji":{"id":"6000","name":"together","imageUrl":"https://cdn.discordapp.com/emojis/⟦_hex⟧.png"},"count":3}]}]}
'''),
    T('decoy-har-etag', 'captures/decoy.har', '''\
{"log":{"entries":[{"request":{"method":"GET","url":"https://api.together.xyz/v1/models","headers":[{"name":"authorization","value":"Bearer <your-key>"}]},"response":{"status":200,"headers":[{"name":"etag","value":"\\"⟦_hex⟧\\""},{"name":"x-request-id","value":"⟦_uuid⟧"}]}}]}}
'''),
    T('decoy-curl-env-var', 'notes/curl-decoy.txt', '''\
* Connected to api.together.xyz (104.18.0.1) port 443
*  subject: CN=api.together.xyz
*  SHA256 fingerprint: ⟦_hex⟧
> Authorization: Bearer $TOGETHER_API_KEY
'''),
    B('decoy-mitmproxy-other-host', 'captures/other.mitm', _mitm_decoy),
    T('decoy-mitmdump-other-host', 'captures/other.txt', '''\
127.0.0.1:53412: POST https://api.example-llm.com/v1/chat
    Authorization: Bearer ⟦_hex⟧
    X-Together-Compat: 1
'''),
    B('decoy-pickle-digest', 'cache/digests.pkl', _pickle_decoy),
    B('decoy-sqlite-checksums', 'data/checksums.db', _sqlite_decoy),
    B('decoy-sqlite-dump-downloads', 'data/downloads.sql', _sqlite_dump_decoy),
    T('decoy-netrc-other-host', 'home/.netrc-other', '''\
machine api.example-llm.com login apikey password ⟦_hex⟧
# together: see 1Password
'''),
    T('decoy-npmrc-token-ref', 'home/.npmrc-decoy', '''\
//registry.npmjs.org/:_authToken=${NPM_TOKEN}
together_api_key=${TOGETHER_API_KEY}
'''),
    T('decoy-langchain-env-ref', 'configs/llm-decoy.yaml', '''\
_type: together
together_api_key: ${TOGETHER_API_KEY}
model_sha256: ⟦_hex⟧
'''),
    T('decoy-litellm-spend-hash', 'litellm/spend.json', '''\
[{"request_id":"chatcmpl-⟦_uuid⟧","api_key":"⟦_hex⟧","model":"together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo","spend":0.00042,"total_tokens":812}]
'''),
    T('decoy-provider-list-model-hash', 'configs/providers-decoy.json', '''\
{"providers":[{"id":"together","env":"TOGETHER_API_KEY","model_hash":"⟦_hex⟧"}]}
'''),
    T('decoy-url-state-param', 'logs/nginx-decoy.log', '''\
10.0.0.3 - - [01/May/2024:12:00:00 +0000] "GET /callback?redirect_uri=https%3A%2F%2Fapi.together.xyz%2Fcb&state=⟦_hex⟧ HTTP/1.1" 302 0
'''),
    T('decoy-json-u-placeholder', 'data/decoy-u.json', '''\
{"TOGETHER_API_KEY": "\\u0074gp_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
'''),
    T('decoy-b64b64-placeholder', 'deploy/decoy-double.yaml', '''\
data:
  env.b64: ⟦_hex|env_b64b64⟧
'''.replace('⟦_hex|env_b64b64⟧', _b64(_b64('TOGETHER_API_KEY=<your-key>\n')))),
    T('decoy-b32-totp', 'home/totp.txt', '''\
Together AI 2FA backup: otpauth://totp/Together%20AI:alice?secret=⟦_b32⟧&issuer=Together%20AI
'''),
    B('decoy-qp-mail-sha', 'mail/release.eml', _qp_mail_decoy),
    T('decoy-utf16-key-id', 'config/keyid.txt', 'TOGETHER_API_KEY_ID=key_8fQ2mZpRt\nTOGETHER_SHA256=⟦_hex⟧\n', 'utf16le'),
    T('decoy-gzip-sha256sums', 'dist/SHA256SUMS.gz', '⟦_hex⟧  together-1.3.0.tar.gz\n⟦_hex2⟧  together-1.3.0-py3-none-any.whl\n', 'gzip'),
    B('decoy-wheel-record', 'dist/together-1.3.0-py3-none-any.whl', _wheel_record_decoy),
    T('decoy-tar-package-lock', 'backups/web.tar', '''\
{"name":"web","lockfileVersion":3,"packages":{"node_modules/together-ai":{"version":"0.6.0","integrity":"sha512-⟦_b64⟧⟦_b64⟧"}}}
''', _tar('web/package-lock.json')),
    B('decoy-data-uri-png', 'site/logo.html', _png_data_uri_decoy),
    T('decoy-data-uri-placeholder', 'site/example.html', '''\
<a download=".env" href="data:text/plain;base64,⟦_hex|b64⟧">x</a>
'''.replace('⟦_hex|b64⟧', _b64('TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n'))),
    T('decoy-zip-checksums', 'dist/release.zip', '⟦_hex⟧  together-cli-linux-amd64\n', _zip('checksums.txt')),
    T('decoy-hex-upper-sha', 'logs/verify.log', '''\
2024-05-01 INFO together-1.3.0.tar.gz SHA256=⟦_hex|hexupper⟧ OK
'''),
    T('decoy-docker-compose-secret-file', 'notes/compose-decoy.yaml', '''\
services:
  api:
    environment:
      TOGETHER_API_KEY_FILE: /run/secrets/together_api_key
    image: ghcr.io/acme/gateway@sha256:⟦_hex⟧
secrets:
  together_api_key:
    file: ./secrets/together_api_key.txt
'''),
    T('decoy-tfstate-output-digest', 'infra/digest.tfstate', '''\
{"version":4,"outputs":{"together_api_key_sha256":{"value":"⟦_hex⟧","type":"string"},"together_api_key_secret_arn":{"value":"arn:aws:secretsmanager:us-east-1:1:secret:together-Ab12","type":"string"}},"resources":[]}
'''),
    T('decoy-helm-values-checksum', 'charts/gateway/values-checksum.yaml', '''\
together:
  apiKeySecret: together-api-key
  apiKeyChecksum: ⟦_hex⟧
'''),
    T('decoy-vscode-launch-env-ref', '.vscode/launch-decoy.json', '''\
{"configurations":[{"name":"gateway","type":"debugpy","envFile":"${workspaceFolder}/.env","env":{"TOGETHER_API_KEY":"${env:TOGETHER_API_KEY}","BUILD_SHA":"⟦_hex⟧"}}]}
'''),
    T('decoy-idea-env-placeholder', '.idea/workspace-decoy.xml', '''\
<project version="4">
  <component name="RunManager">
    <configuration name="gateway" type="PythonConfigurationType">
      <envs>
        <env name="TOGETHER_API_KEY" value="&lt;your-key&gt;" />
        <env name="GIT_COMMIT" value="⟦_hex⟧" />
      </envs>
    </configuration>
  </component>
</project>
'''),
    T('decoy-discord-attachment-url', 'exports/discord/files.json', '''\
{"messages":[{"id":"7000","content":"the together deck","attachments":[{"id":"8000","url":"https://cdn.example.com/attachments/⟦_hex⟧/together-deck.pdf","fileName":"together-deck.pdf"}]}]}
'''),
    T('decoy-provider-list-other-key', 'configs/providers-other.json', '''\
{
  "providers": [
    {"id": "together", "base_url": "https://api.together.xyz/v1", "api_key": "${TOGETHER_API_KEY}"},
    {"id": "deepinfra", "base_url": "https://api.deepinfra.com/v1/openai", "api_key": "⟦_hex⟧"}
  ]
}
'''),
    T('decoy-litellm-other-provider', 'litellm/config-decoy.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: os.environ/TOGETHERAI_API_KEY
  - model_name: llama-70b-di
    litellm_params:
      model: deepinfra/meta-llama/Llama-3.3-70B-Instruct
      api_key: ⟦_hex⟧
'''),
    T('decoy-url-encoded-checksum', 'logs/pip.log', '''\
GET /simple/together/together-1.3.0.tar.gz#sha256%3D⟦_hex⟧ HTTP/1.1 200
'''),
]

CASES = SOURCE + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 4a7da8bb: 174 cases, 117 holding a key (117 keys) and 57
# decoys; 109 keys found, 8 missed, 2 decoys reported
# (decoy-op-item-reference, decoy-litellm-spend-hash).
MISSED: dict[str, str] = {
    'gcp-sm-access-json-legacy': 'a base64 payload holding a bare legacy key; the Together name is the resource name beside it',
    'onepux-export': 'a 1Password export item titled Together, its credential under a concealed value',
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
