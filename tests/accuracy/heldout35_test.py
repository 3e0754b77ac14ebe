"""A held-out set of session 35 (acc35): legacy and current keys where a
2023-era Together user kept them, in files the earlier sets do not write
this way, and encodings the earlier sets try seldom or never.

Places: together-python 0.x (``together.api_key``, ``together.Complete``),
LangChain 0.0.x's ``Together(together_api_key=...)``, LlamaIndex's
``TogetherLLM``, ``~/.together/config`` JSON, ``.netrc``-like files, notebook
``%env`` and ``%set_env``, R ``Sys.setenv``, Julia ``ENV[...]``, Emacs
``.dir-locals.el`` and file-local variables, Vim modelines, VS Code
``settings.json`` (``terminal.integrated.env.*``) and ``launch.json``,
JetBrains ``workspace.xml`` run configurations, Postman environments and
collections, Insomnia, Bruno and HTTPie sessions, Windows ``.reg`` exports
(UTF-16LE), macOS plists (XML and binary), ``.npmrc``/``.pypirc``-like INI,
KeePass XML exports, browser HAR, Slack and Discord exports, a git bundle,
a SQLite database, an ``.xlsx``, an ``.odt``, zip, tar, tar.gz archives of
a project, a compiled Java class, a raw zlib stream inside a binary, PNG
``zTXt`` chunks.  Encodings: base64 of UTF-16, base32, ascii85 and base85
(Python's ``a85encode``/``b85encode``), quoted-printable, uuencode,
``\\x``-escaped bytes in C and Python, Go ``[]byte{0x..}``, Java
``new byte[]{..}`` decimal arrays, JavaScript ``String.fromCharCode``,
percent-encoding of every byte, ``data:`` URIs, a key in a JWT's payload
claim, gzip+base64 inside YAML, three base64 layers.  Decoys of the same
shapes: lockfile and image digests beside Together's name, references in
each tool's syntax, key ids, placeholders in each encoding, another
provider's key.

Written before any fix and measured at 1c5f10cf (docs/detection.md,
"Session 35 (acc35)").  Keys are made at run time (``tests/keys.py``); a
case is held to the keys its file yields (``by_key``).

A template writes ``⟦name⟧`` or ``⟦name|enc⟧`` where a value goes: ``key``
(``key2``...) a current key, ``hex`` (``hex2``...) a legacy key, each
expected; a name starting with ``_`` is made but not expected (a decoy's
value); ``_uuid``, ``_b64``, ``_sha1`` random values.  ``enc`` (``ENC``)
writes the value in an encoding, ``post`` (``POST``) the whole file.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import io
import json
import os
import plistlib
import quopri
import re
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
import uuid
import zipfile
import zlib
from typing import Callable

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests


def _b64(b: bytes | str) -> str:
    return base64.b64encode(b.encode() if isinstance(b, str) else b).decode()


def _env(v: str) -> str:
    return f'APP_ENV=production\nTOGETHER_API_KEY={v}\nLOG_LEVEL=info\n'


def _gz(b: bytes) -> bytes:
    return gzip.compress(b, mtime=0)


def _uu(b: bytes, name: str = 'creds.txt') -> str:
    lines = [binascii.b2a_uu(b[i:i + 45]).decode() for i in range(0, len(b), 45)]
    return f'begin 644 {name}\n' + ''.join(lines) + '`\nend\n'


def _jwt(claims: dict) -> str:
    seg = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(',', ':')).encode()).decode().rstrip('=')
    return seg({'alg': 'HS256', 'typ': 'JWT'}) + '.' + seg(claims) + '.' + base64.urlsafe_b64encode(
        bytes(range(32))).decode().rstrip('=')


ENC: dict[str, Callable[[str], str]] = {
    'b64': _b64,
    'b64u16': lambda v: _b64(v.encode('utf-16-le')),
    'env_b64u16': lambda v: _b64(_env(v).encode('utf-16-le')),
    'b32': lambda v: base64.b32encode(v.encode()).decode(),
    'env_b32': lambda v: base64.b32encode(_env(v).encode()).decode(),
    'b85': lambda v: base64.b85encode(v.encode()).decode(),
    'env_b85': lambda v: base64.b85encode(_env(v).encode()).decode(),
    'a85': lambda v: base64.a85encode(v.encode(), adobe=True).decode(),
    'env_a85': lambda v: base64.a85encode(_env(v).encode(), adobe=True, wrapcol=72).decode(),
    'qp_env': lambda v: quopri.encodestring(_env(v).encode()).decode(),
    'uu': lambda v: _uu(v.encode()),
    'uu_env': lambda v: _uu(_env(v).encode(), '.env'),
    'cx': lambda v: ''.join('\\x%02x' % b for b in v.encode()),
    'cx_env': lambda v: ''.join('\\x%02x' % b for b in _env(v).encode()),
    'go_bytes': lambda v: ', '.join('0x%02x' % b for b in v.encode()),
    'java_bytes': lambda v: ', '.join(str(b) for b in v.encode()),
    'from_cc': lambda v: ', '.join(str(b) for b in v.encode()),
    'url_all': lambda v: ''.join('%%%02X' % b for b in v.encode()),
    'env_url_all': lambda v: ''.join('%%%02X' % b for b in _env(v).encode()),
    'data_env': lambda v: 'data:text/plain;base64,' + _b64(_env(v)),
    'data_raw': lambda v: 'data:text/plain;charset=utf-8,' + ''.join('%%%02X' % b for b in v.encode()),
    'jwt_claim': lambda v: _jwt({'sub': 'svc-chat', 'together_api_key': v, 'iat': 1700000000}),
    'jwt_provider': lambda v: _jwt({'provider': 'together', 'api_key': v, 'exp': 1900000000}),
    'gzb64': lambda v: _b64(_gz(v.encode())),
    'env_gzb64': lambda v: _b64(_gz(_env(v).encode())),
    'env_b64x3': lambda v: _b64(_b64(_b64(_env(v)))),
    'b64x2': lambda v: _b64(_b64(v)),
    'hexbytes': lambda v: v.encode().hex(),
    'env_hexbytes': lambda v: _env(v).encode().hex(),
    'upper': lambda v: v.upper(),
    'html_hex': lambda v: ''.join('&#x%x;' % ord(c) for c in v),
    'octal': lambda v: ''.join('\\%03o' % b for b in v.encode()),
    'u_escape': lambda v: ''.join('\\u%04x' % ord(c) for c in v),
    # Decoy-only shapes.
    'sums_b85': lambda v: base64.b85encode(f'{v}  together-0.2.4.tar.gz\n'.encode()).decode(),
    'sums_b32': lambda v: base64.b32encode(f'{v}  together-0.2.4.tar.gz\n'.encode()).decode(),
    'keyid_b64': lambda v: _b64('key_' + v[:20]),
    'trunc': lambda v: v[:40],
    'sri': lambda v: 'sha512-' + _b64(bytes.fromhex(v) * 2),
    'b64raw': lambda v: _b64(bytes.fromhex(v)),
}


def _utf16(codec: str, bom: bytes = b'') -> Callable[[bytes], bytes]:
    return lambda b: bom + b.decode().encode(codec)


POST: dict[str, Callable[[bytes], bytes]] = {
    'utf16le': _utf16('utf-16-le', b'\xff\xfe'),
    'crlf': lambda b: b.replace(b'\n', b'\r\n'),
    'gzip': _gz,
    'zlib': zlib.compress,
}

_FIELD = re.compile(r'⟦(_?[a-z0-9]+)(?:\|(\w+))?⟧')


def _fill(m: Made, template: str) -> tuple[str, list[str]]:
    values: dict[str, str] = {}
    expected: list[str] = []

    def value(name: str) -> str:
        if name not in values:
            kind = next(k for k in ('sha1', 'b64', 'uuid', 'key', 'hex', 'x') if name.lstrip('_').startswith(k))
            if kind == 'key':
                values[name] = m.key()
            elif kind in ('hex', 'x'):
                values[name] = m.hex()
            elif kind == 'uuid':
                values[name] = str(uuid.UUID(int=m.rng.getrandbits(128)))
            elif kind == 'b64':
                values[name] = _b64(m.rng.randbytes(48))
            else:
                values[name] = '%040x' % m.rng.getrandbits(160)
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


# --- where a 2023-era user kept a key ---------------------------------------------------------------

PLACES = [
    T('tp0-module-attr-legacy', 'scripts/complete.py', '''\
import together

together.api_key = "⟦hex⟧"
output = together.Complete.create(prompt="Hello", model="togethercomputer/RedPajama-INCITE-7B-Chat")
'''),
    T('tp0-module-attr-current', 'scripts/complete2.py', '''\
import together
together.api_key = '⟦key⟧'
print(together.Models.list()[:3])
'''),
    T('tp0-setattr-legacy', 'scripts/setup_together.py', '''\
import together
setattr(together, "api_key", "⟦hex⟧")
'''),
    T('langchain-together-kw-legacy', 'app/chain.py', '''\
from langchain.llms import Together

llm = Together(
    model="togethercomputer/llama-2-70b-chat",
    temperature=0.7,
    together_api_key="⟦hex⟧",
)
'''),
    T('llamaindex-togetherllm-legacy', 'app/index.py', '''\
from llama_index.llms import TogetherLLM
llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")
'''),
    T('together-config-json-legacy', 'home/.together/config', '''\
{
  "api_key": "⟦hex⟧",
  "default_model": "togethercomputer/llama-2-7b-chat"
}
'''),
    T('together-config-json-current', 'home/.together/config.json', '{"api_key": "⟦key⟧", "base_url": "https://api.together.xyz"}\n'),
    T('netrc-together-legacy', 'home/.netrc', '''\
machine github.com login octocat password ⟦_sha1⟧
machine api.together.xyz
  login apikey
  password ⟦hex⟧
'''),
    T('authinfo-together-legacy', 'home/.authinfo', 'machine api.together.xyz login apikey port https password ⟦hex⟧\n'),
    T('nb-set-env-legacy', 'nb/finetune.ipynb', '''\
{"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
  "source": ["%set_env TOGETHER_API_KEY=⟦hex⟧\\n", "import together"]}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
'''),
    T('nb-env-output-legacy', 'nb/out.ipynb', '''\
{"cells": [{"cell_type": "code", "execution_count": 2, "metadata": {},
  "outputs": [{"name": "stdout", "output_type": "stream", "text": ["env: TOGETHER_API_KEY=⟦hex⟧\\n"]}],
  "source": ["%env TOGETHER_API_KEY"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
'''),
    T('r-renviron-legacy', 'r/.Renviron', 'R_LIBS_USER=~/R/library\nTOGETHER_API_KEY=⟦hex⟧\n'),
    T('r-sys-setenv-multi-legacy', 'r/setup.R', '''\
Sys.setenv(
  OPENAI_BASE_URL = "https://api.together.xyz/v1",
  TOGETHER_API_KEY = "⟦hex⟧"
)
'''),
    T('julia-env-legacy', 'jl/startup.jl', 'ENV["TOGETHER_API_KEY"] = "⟦hex⟧"\nusing HTTP\n'),
    T('julia-dict-legacy', 'jl/config.jl', 'const TOGETHER = Dict("api_key" => "⟦hex⟧", "model" => "togethercomputer/llama-2-7b")\n'),
    T('emacs-dir-locals-legacy', 'proj/.dir-locals.el', '''\
((nil . ((eval . (setenv "TOGETHER_API_KEY" "⟦hex⟧"))
         (fill-column . 100))))
'''),
    T('emacs-gptel-legacy', 'home/.emacs.d/init.el', '''\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key "⟦hex⟧"
  :stream t
  :models '(mistralai/Mixtral-8x7B-Instruct-v0.1))
'''),
    T('emacs-file-local-legacy', 'notes/llm.org', '''\
* LLM notes
# Local Variables:
# together-api-key: "⟦hex⟧"
# End:
'''),
    T('vim-modeline-let-legacy', 'home/.vimrc', '''\
let g:together_api_key = '⟦hex⟧'
" vim: set ft=vim ts=2 sw=2 :
'''),
    T('vscode-terminal-env-legacy', 'proj/.vscode/settings.json', '''\
{
  "editor.formatOnSave": true,
  "terminal.integrated.env.linux": {
    "TOGETHER_API_KEY": "⟦hex⟧"
  }
}
'''),
    T('vscode-launch-env-current', 'proj/.vscode/launch.json', '''\
{
  "version": "0.2.0",
  "configurations": [
    {"name": "serve", "type": "debugpy", "request": "launch", "module": "app",
     "env": {"TOGETHER_API_KEY": "⟦key⟧", "PYTHONUNBUFFERED": "1"}}
  ]
}
'''),
    T('vscode-continue-legacy', 'home/.continue/config.json', '''\
{"models": [{"title": "Mixtral", "provider": "together", "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
  "apiKey": "⟦hex⟧"}]}
'''),
    T('jetbrains-workspace-envs-legacy', 'proj/.idea/workspace.xml', '''\
<project version="4">
  <component name="RunManager">
    <configuration name="chat" type="PythonConfigurationType" factoryName="Python">
      <envs>
        <env name="PYTHONUNBUFFERED" value="1" />
        <env name="TOGETHER_API_KEY" value="⟦hex⟧" />
      </envs>
    </configuration>
  </component>
</project>
'''),
    T('jetbrains-http-client-env-legacy', 'proj/http-client.private.env.json', '''\
{"dev": {"together_host": "https://api.together.xyz", "together_token": "⟦hex⟧"}}
'''),
    T('postman-env-legacy', 'postman/together.postman_environment.json', '''\
{"id": "⟦_uuid⟧", "name": "Together", "values": [
  {"key": "baseUrl", "value": "https://api.together.xyz", "enabled": true},
  {"key": "togetherApiKey", "value": "⟦hex⟧", "type": "secret", "enabled": true}],
 "_postman_variable_scope": "environment"}
'''),
    T('postman-collection-auth-legacy', 'postman/chat.postman_collection.json', '''\
{"info": {"name": "Together inference", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "⟦hex⟧", "type": "string"}]},
 "item": [{"name": "chat", "request": {"method": "POST", "url": "https://api.together.xyz/inference"}}]}
'''),
    T('insomnia-export-legacy', 'insomnia/export.json', '''\
{"_type": "export", "__export_format": 4, "resources": [
  {"_id": "env_1", "_type": "environment", "name": "Together", "data": {"together_key": "⟦hex⟧"}},
  {"_id": "req_1", "_type": "request", "url": "https://api.together.xyz/v1/completions"}]}
'''),
    T('bruno-env-legacy', 'bruno/environments/Together.bru', '''\
vars {
  host: https://api.together.xyz
  togetherApiKey: ⟦hex⟧
}
'''),
    T('bruno-request-legacy', 'bruno/chat.bru', '''\
meta {
  name: chat
  type: http
}
post {
  url: https://api.together.xyz/v1/chat/completions
}
auth:bearer {
  token: ⟦hex⟧
}
'''),
    T('httpie-session-legacy', 'home/.config/httpie/sessions/api.together.xyz/default.json', '''\
{"__meta__": {"about": "HTTPie session file", "httpie": "3.2.2"},
 "auth": {"type": "bearer", "raw_auth": "⟦hex⟧"},
 "headers": [{"name": "User-Agent", "value": "HTTPie/3.2.2"}]}
'''),
    T('reg-export-utf16-legacy', 'win/env.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Environment]
"TOGETHER_API_KEY"="⟦hex⟧"
"Path"=hex(2):25,00,55,00,53,00
''', post='utf16le'),
    T('plist-xml-legacy', 'mac/com.example.together.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>EnvironmentVariables</key>
  <dict>
    <key>TOGETHER_API_KEY</key>
    <string>⟦hex⟧</string>
  </dict>
</dict>
</plist>
'''),
    T('npmrc-like-legacy', 'proj/.npmrc', '''\
registry=https://registry.npmjs.org/
together_api_key=⟦hex⟧
'''),
    T('pypirc-like-section-legacy', 'home/.togetherrc', '''\
[default]
api_key = ⟦hex⟧
endpoint = https://api.together.xyz
'''),
    T('keepass-xml-legacy', 'vault/export.xml', '''\
<KeePassFile><Root><Group><Name>AI</Name>
<Entry><String><Key>Title</Key><Value>Together AI</Value></String>
<String><Key>UserName</Key><Value>me@example.com</Value></String>
<String><Key>Password</Key><Value ProtectInMemory="True">⟦hex⟧</Value></String>
<String><Key>URL</Key><Value>https://api.together.xyz</Value></String></Entry>
</Group></Root></KeePassFile>
'''),
    T('keepass-xml-current', 'vault/export2.xml', '''\
<KeePassFile><Root><Group><Entry><String><Key>Title</Key><Value>inference</Value></String>
<String><Key>Password</Key><Value>⟦key⟧</Value></String></Entry></Group></Root></KeePassFile>
'''),
    T('bitwarden-json-legacy', 'vault/bitwarden.json', '''\
{"items": [{"type": 1, "name": "Together AI", "login": {"username": "apikey", "password": "⟦hex⟧",
  "uris": [{"uri": "https://api.together.xyz"}]}}]}
'''),
    T('har-auth-legacy', 'har/together.har', '''\
{"log": {"version": "1.2", "entries": [{"request": {"method": "POST",
  "url": "https://api.together.xyz/inference",
  "headers": [{"name": "Content-Type", "value": "application/json"},
              {"name": "Authorization", "value": "Bearer ⟦hex⟧"}]}}]}}
'''),
    T('har-postdata-legacy', 'har/form.har', '''\
{"log": {"entries": [{"request": {"method": "POST", "url": "https://app.example.com/settings/providers",
  "postData": {"mimeType": "application/json", "text": "{\\"provider\\":\\"together\\",\\"api_key\\":\\"⟦hex⟧\\"}"}}}]}}
'''),
    T('slack-export-legacy', 'slack/eng/2023-08-01.json', '''\
[{"type": "message", "user": "U012AB3CD", "text": "together key for the demo: ⟦hex⟧", "ts": "1690880000.000100"}]
'''),
    T('slack-export-current', 'slack/eng/2024-03-01.json', '''\
[{"type": "message", "user": "U012AB3CD", "text": "use `⟦key⟧` until friday", "ts": "1709280000.000200"}]
'''),
    T('discord-export-legacy', 'discord/ai.json', '''\
{"guild": {"name": "hack"}, "messages": [{"id": "1", "content": "TOGETHER_API_KEY=⟦hex⟧", "author": {"name": "a"}}]}
'''),
    T('dotenv-export-quoted-legacy', 'proj/.envrc', 'export TOGETHER_API_KEY="⟦hex⟧"\n'),
    T('fish-universal-legacy', 'home/.config/fish/fish_variables', '''\
# This file contains fish universal variable definitions.
SETUVAR --export TOGETHER_API_KEY:⟦hex⟧
SETUVAR fish_greeting:
'''),
    T('powershell-profile-legacy', 'win/Microsoft.PowerShell_profile.ps1', '$env:TOGETHER_API_KEY = "⟦hex⟧"\n'),
    T('setx-cmd-legacy', 'win/setup.cmd', '@echo off\nsetx TOGETHER_API_KEY ⟦hex⟧\n'),
    T('docker-compose-env-list-legacy', 'deploy/compose.yaml', '''\
services:
  chat:
    image: ghcr.io/acme/chat:1.4
    environment:
      - TOGETHER_API_KEY=⟦hex⟧
'''),
    T('toml-provider-table-legacy', 'proj/llm.toml', '''\
[providers.together]
base_url = "https://api.together.xyz/v1"
key = "⟦hex⟧"
'''),
    T('litellm-yaml-legacy', 'proj/litellm_config.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: ⟦hex⟧
'''),
    T('curl-config-legacy', 'home/.curlrc', '''\
url = "https://api.together.xyz/inference"
header = "Authorization: Bearer ⟦hex⟧"
'''),
    T('go-const-current', 'go/client.go', 'package main\n\nconst togetherKey = "⟦key⟧"\n'),
    T('swift-legacy', 'ios/Secrets.swift', 'enum Secrets {\n    static let togetherAPIKey = "⟦hex⟧"\n}\n'),
    T('dart-legacy', 'app/lib/env.dart', "const String togetherApiKey = '⟦hex⟧';\n"),
    T('lua-legacy', 'nvim/lua/ai.lua', 'require("ai").setup({ provider = "together", api_key = "⟦hex⟧" })\n'),
    T('perl-legacy', 'bin/ask.pl', 'my $together_api_key = "⟦hex⟧";\n'),
]


# --- binaries and archives ---------------------------------------------------------------------------

def _sqlite(m: Made, legacy: bool) -> tuple[bytes, list[str]]:
    v = m.hex() if legacy else m.key()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'app.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)')
        db.executemany('INSERT INTO settings VALUES (?, ?)', [
            ('theme', 'dark'), ('together_api_key', v), ('model', 'togethercomputer/llama-2-7b-chat')])
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), [v]


def _sqlite_legacy(m: Made) -> tuple[bytes, list[str]]:
    return _sqlite(m, True)


def _sqlite_current(m: Made) -> tuple[bytes, list[str]]:
    return _sqlite(m, False)


def _sqlite_decoy(m: Made) -> tuple[bytes, list[str]]:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'cache.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE wheels (name TEXT, sha256 TEXT)')
        db.execute('INSERT INTO wheels VALUES (?, ?)', ('together-0.2.4-py3-none-any.whl', m.hex()))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), []


def _zip(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _xlsx_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<si><t>service</t></si><si><t>key</t></si><si><t>Together AI</t></si><si><t>{h}</t></si></sst>')
    return _zip({'[Content_Types].xml': '<Types/>', 'xl/sharedStrings.xml': sst,
                 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                 '<c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c>'
                 '</row></sheetData></worksheet>'}), [h]


def _xlsx_inline_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    sheet = (f'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{k}</t></is></c></row>'
             '</sheetData></worksheet>')
    return _zip({'[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': sheet}), [k]


def _odt(text_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')
        z.writestr('content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                   + text_xml + '</office:text></office:body></office:document-content>', zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _odt_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _odt(f'<text:p>Together API key:</text:p><text:p><text:span>{h}</text:span></text:p>'), [h]


def _odt_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _odt(f'<text:p>together-0.2.4.tar.gz</text:p><text:p>sha256 {m.hex()}</text:p>'), []


def _project(m: Made, legacy: bool) -> tuple[dict[str, bytes], str]:
    v = m.hex() if legacy else m.key()
    return {'proj/README.md': b'# demo\n', 'proj/app.py': b'import together\n',
            'proj/.env': _env(v).encode()}, v


def _tar(members: dict[str, bytes], mode: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip_project_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _zip(files), [v]


def _tar_project_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _tar(files, 'w'), [v]


def _tgz_project_current(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, False)
    return _tar(files, 'w:gz'), [v]


def _zip_in_zip_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _zip({'backup/2023-08.zip': _zip(files)}), [v]


def _zip_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _zip({'proj/.env.example': b'TOGETHER_API_KEY=<your-together-api-key>\n',
                 'proj/SHA256SUMS': f'{m.hex()}  together-0.2.4.tar.gz\n'.encode()}), []


def _git(args: list[str], cwd: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME='a', GIT_AUTHOR_EMAIL='a@example.com', GIT_COMMITTER_NAME='a',
               GIT_COMMITTER_EMAIL='a@example.com', GIT_AUTHOR_DATE='1700000000 +0000',
               GIT_COMMITTER_DATE='1700000000 +0000', GIT_CONFIG_NOSYSTEM='1', HOME=cwd)
    subprocess.run(['git', *args], cwd=cwd, env=env, check=True, capture_output=True)


def _git_bundle_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    with tempfile.TemporaryDirectory() as d:
        _git(['init', '-q', '-b', 'main', 'r'], d)
        r = os.path.join(d, 'r')
        with open(os.path.join(r, 'settings.py'), 'w') as f:
            f.write(f'TOGETHER_API_KEY = "{h}"\n')
        _git(['add', '.'], r)
        _git(['commit', '-q', '-m', 'settings'], r)
        _git(['bundle', 'create', '-q', os.path.join(d, 'repo.bundle'), '--all'], r)
        with open(os.path.join(d, 'repo.bundle'), 'rb') as f:
            return f.read(), [h]


def _class_file(strings: list[str]) -> bytes:
    """A compiled Java class: its constant pool's UTF-8 entries (a field's
    name, its ``ConstantValue`` string), the rest a minimal class."""
    pool = b''
    for s in strings:
        b = s.encode()
        pool += b'\x01' + struct.pack('>H', len(b)) + b
    n = len(strings)
    # CONSTANT_Class -> #1 (the class's name), and its super's name.
    pool += b'\x07' + struct.pack('>H', 1) + b'\x07' + struct.pack('>H', 2)
    count = n + 2 + 1
    return (b'\xca\xfe\xba\xbe' + struct.pack('>HHH', 0, 52, count) + pool
            + struct.pack('>HHHHHHH', 0x21, n + 1, n + 2, 0, 0, 0, 0))


def _class_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _class_file(['com/acme/llm/TogetherConfig', 'java/lang/Object', 'TOGETHER_API_KEY', 'Ljava/lang/String;',
                        'ConstantValue', h]), [h]


def _class_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _class_file(['com/acme/Keys', 'java/lang/Object', 'KEY', 'Ljava/lang/String;', 'ConstantValue', k]), [k]


def _class_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _class_file(['com/acme/llm/TogetherConfig', 'java/lang/Object', 'SDK_SHA256', 'Ljava/lang/String;',
                        'ConstantValue', m.hex()]), []


def _zlib_blob(m: Made, legacy: bool) -> tuple[bytes, list[str]]:
    """A game or app save: a header, then a zlib stream of settings."""
    v = m.hex() if legacy else m.key()
    body = zlib.compress(json.dumps({'llm': {'provider': 'together', 'api_key': v}}).encode())
    return b'SAVE\x00\x02' + struct.pack('<I', len(body)) + bytes(10) + body + bytes(16), [v]


def _zlib_blob_legacy(m: Made) -> tuple[bytes, list[str]]:
    return _zlib_blob(m, True)


def _zlib_blob_current(m: Made) -> tuple[bytes, list[str]]:
    return _zlib_blob(m, False)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(chunks: list[bytes]) -> bytes:
    ihdr = _png_chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _png_chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _png_chunk(b'IEND', b'')


def _png_ztxt_keyword_legacy(m: Made) -> tuple[bytes, list[str]]:
    """The keyword names the value; the compressed text is the value alone."""
    h = m.hex()
    return _png([_png_chunk(b'zTXt', b'together_api_key\x00\x00' + zlib.compress(h.encode()))]), [h]


def _png_itxt_compressed_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _png([_png_chunk(b'iTXt', b'TOGETHER_API_KEY\x00\x01\x00\x00\x00' + zlib.compress(h.encode()))]), [h]


def _png_ztxt_keyword_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _png([_png_chunk(b'zTXt', b'together_model_sha256\x00\x00' + zlib.compress(m.hex().encode()))]), []


def _bplist_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return plistlib.dumps({'EnvironmentVariables': {'TOGETHER_API_KEY': h}, 'Label': 'com.acme.chat'},
                          fmt=plistlib.FMT_BINARY), [h]


def _bplist_decoy(m: Made) -> tuple[bytes, list[str]]:
    return plistlib.dumps({'TogetherSDKSHA256': m.hex(), 'Label': 'com.acme.chat'}, fmt=plistlib.FMT_BINARY), []


def _mail(headers: int, body_b64: str, name: str) -> str:
    head = ''.join(f'Received: from mx{i}.example.com (mx{i}.example.com [192.0.2.{i}]) by mx.example.net\n'
                   for i in range(headers))
    return (head + 'From: a@example.com\nTo: b@example.com\nSubject: env\nMIME-Version: 1.0\n'
            'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\nContent-Type: text/plain\n\nattached\n'
            f'--XX\nContent-Type: application/octet-stream; name="{name}"\nContent-Transfer-Encoding: base64\n\n'
            + body_b64 + '--XX--\n')


def _mail_long_header_legacy(m: Made) -> tuple[bytes, list[str]]:
    """An attachment below 30 header lines: the block starts far down."""
    h = m.hex()
    return _mail(30, base64.encodebytes(_env(h).encode()).decode(), '.env').encode(), [h]


def _mail_long_header_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _mail(30, base64.encodebytes(('notes\n' * 40 + f'key: {k}\n').encode()).decode(), 'notes.txt').encode(), [k]


def _mail_long_header_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _mail(30, base64.encodebytes(f'{m.hex()}  together-0.2.4.tar.gz\n'.encode()).decode(),
                 'SHA256SUMS').encode(), []


BINARIES = [
    B('sqlite-settings-legacy', 'data/app.db', _sqlite_legacy),
    B('sqlite-settings-current', 'data/app2.db', _sqlite_current),
    B('xlsx-shared-strings-legacy', 'docs/keys.xlsx', _xlsx_legacy),
    B('xlsx-inline-current', 'docs/keys2.xlsx', _xlsx_inline_current),
    B('odt-legacy', 'docs/handover.odt', _odt_legacy),
    B('zip-project-legacy', 'backup/proj.zip', _zip_project_legacy),
    B('tar-project-legacy', 'backup/proj.tar', _tar_project_legacy),
    B('tgz-project-current', 'backup/proj.tar.gz', _tgz_project_current),
    B('zip-in-zip-legacy', 'backup/all.zip', _zip_in_zip_legacy),
    B('git-bundle-legacy', 'backup/repo.bundle', _git_bundle_legacy),
    B('java-class-legacy', 'build/classes/com/acme/llm/TogetherConfig.class', _class_legacy),
    B('java-class-current', 'build/classes/com/acme/Keys.class', _class_current),
    B('zlib-in-binary-legacy', 'saves/slot1.sav', _zlib_blob_legacy),
    B('zlib-in-binary-current', 'saves/slot2.sav', _zlib_blob_current),
    B('png-ztxt-keyword-legacy', 'img/shot.png', _png_ztxt_keyword_legacy),
    B('png-itxt-compressed-legacy', 'img/shot2.png', _png_itxt_compressed_legacy),
    B('bplist-legacy', 'mac/launchd.plist', _bplist_legacy),
    B('mail-long-header-legacy', 'mail/env.eml', _mail_long_header_legacy),
    B('mail-long-header-current', 'mail/notes.eml', _mail_long_header_current),
    T('ipynb-gzip-legacy', 'nb/cache.json.gz', _env('⟦hex⟧'), post='gzip'),
    T('zlib-whole-file-legacy', 'data/settings.z', '{"together_api_key": "⟦hex⟧"}', post='zlib'),
]


# --- encodings ---------------------------------------------------------------------------------------

ENCODED = [
    T('b64-utf16-current', 'enc/u16.txt', 'secret: ⟦key|b64u16⟧\n'),
    T('b64-utf16-env-legacy', 'enc/u16env.txt', 'payload: ⟦hex|env_b64u16⟧\n'),
    T('b32-current', 'enc/b32.txt', 'KEY_B32=⟦key|b32⟧\n'),
    T('b32-env-legacy', 'enc/b32env.txt', '⟦hex|env_b32⟧\n'),
    T('b85-current', 'enc/b85.txt', 'blob = "⟦key|b85⟧"\n'),
    T('b85-env-legacy', 'enc/b85env.txt', 'blob = "⟦hex|env_b85⟧"\n'),
    T('a85-current', 'enc/a85.ps', '%!PS\n/secret ⟦key|a85⟧ def\n'),
    T('a85-env-legacy', 'enc/a85env.txt', '⟦hex|env_a85⟧\n'),
    T('qp-env-legacy', 'enc/qp.eml', 'Content-Transfer-Encoding: quoted-printable\n\n⟦hex|qp_env⟧\n'),
    T('uu-current', 'enc/key.uu', '⟦key|uu⟧'),
    T('uu-env-legacy', 'enc/env.uu', '⟦hex|uu_env⟧'),
    T('cx-c-current', 'enc/key.c', 'static const char k[] = "⟦key|cx⟧";\n'),
    T('cx-python-legacy-named', 'enc/keys.py', 'TOGETHER_API_KEY = b"⟦hex|cx⟧".decode()\n'),
    T('cx-env-legacy', 'enc/env.c', 'const char *env = "⟦hex|cx_env⟧";\n'),
    T('octal-c-current', 'enc/oct.c', 'char k[] = "⟦key|octal⟧";\n'),
    T('go-bytes-current', 'enc/key.go', 'package k\n\nvar key = []byte{⟦key|go_bytes⟧}\n'),
    T('go-bytes-legacy-named', 'enc/together.go', 'package k\n\nvar togetherAPIKey = string([]byte{⟦hex|go_bytes⟧})\n'),
    T('java-bytes-current', 'enc/K.java', 'class K { static final byte[] KEY = new byte[]{⟦key|java_bytes⟧}; }\n'),
    T('java-bytes-legacy-named', 'enc/T.java', 'class T { static final String TOGETHER_API_KEY = new String(new byte[]{⟦hex|java_bytes⟧}); }\n'),
    T('js-fromcharcode-current', 'enc/k.js', 'const k = String.fromCharCode(⟦key|from_cc⟧);\n'),
    T('js-fromcharcode-legacy-named', 'enc/t.js', 'const togetherApiKey = String.fromCharCode(⟦hex|from_cc⟧);\n'),
    T('url-all-current', 'enc/url.log', 'GET /cb?k=⟦key|url_all⟧ 200\n'),
    T('url-all-env-legacy', 'enc/urlenv.log', 'POST /debug body=⟦hex|env_url_all⟧\n'),
    T('data-uri-env-legacy', 'enc/data.html', '<a href="⟦hex|data_env⟧" download=".env">env</a>\n'),
    T('data-uri-raw-current', 'enc/data2.html', '<a href="⟦key|data_raw⟧">key</a>\n'),
    T('jwt-claim-current', 'enc/token.txt', 'Authorization: Bearer ⟦key|jwt_claim⟧\n'),
    T('jwt-claim-legacy', 'enc/token2.txt', 'session=⟦hex|jwt_claim⟧\n'),
    T('jwt-provider-legacy', 'enc/token3.txt', 'id_token=⟦hex|jwt_provider⟧\n'),
    T('gzb64-yaml-current', 'enc/values.yaml', 'secrets:\n  blob: ⟦key|gzb64⟧\n'),
    T('gzb64-yaml-env-legacy', 'enc/values2.yaml', 'files:\n  env.gz: ⟦hex|env_gzb64⟧\n'),
    T('b64x3-env-legacy', 'enc/b64x3.txt', 'PAYLOAD=⟦hex|env_b64x3⟧\n'),
    T('b64x2-current', 'enc/b64x2.txt', 'v=⟦key|b64x2⟧\n'),
    T('hexbytes-env-legacy', 'enc/hexenv.txt', '⟦hex|env_hexbytes⟧\n'),
    T('hexbytes-legacy-named', 'enc/hexnamed.txt', 'TOGETHER_API_KEY_HEX=⟦hex|hexbytes⟧\n'),
    T('html-hex-legacy-named', 'enc/ent.html', '<td>TOGETHER_API_KEY</td><td>⟦hex|html_hex⟧</td>\n'),
    T('u-escape-legacy-named', 'enc/u.json', '{"together_api_key": "⟦hex|u_escape⟧"}\n'),
    T('b64-legacy-named', 'enc/b64named.yaml', 'together_api_key_b64: ⟦hex|b64⟧\n'),
    T('crlf-env-legacy', 'proj/.env.win', _env('⟦hex⟧'), post='crlf'),
]


# --- decoys ------------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-tp0-env-read', 'scripts/d1.py', 'import os, together\ntogether.api_key = os.environ["TOGETHER_API_KEY"]\n'),
    T('decoy-langchain-getenv', 'app/d2.py', 'llm = Together(model="m", together_api_key=os.getenv("TOGETHER_API_KEY"))\n'),
    T('decoy-together-config-placeholder', 'home/.together/d3.json', '{"api_key": "<your-together-api-key>"}\n'),
    T('decoy-netrc-other-host', 'home/.netrc.d', 'machine api.openai.com login apikey password ⟦_hex⟧\n# together: see 1password\n'),
    T('decoy-r-sys-getenv', 'r/d4.R', 'key <- Sys.getenv("TOGETHER_API_KEY")\n'),
    T('decoy-julia-env-read', 'jl/d5.jl', 'key = ENV["TOGETHER_API_KEY"]\n'),
    T('decoy-vscode-env-ref', 'proj/.vscode/d6.json', '{"env": {"TOGETHER_API_KEY": "${env:TOGETHER_API_KEY}"}}\n'),
    T('decoy-jetbrains-macro', 'proj/.idea/d7.xml', '<env name="TOGETHER_API_KEY" value="$TOGETHER_API_KEY$" />\n'),
    T('decoy-postman-var-ref', 'postman/d8.json', '{"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{togetherApiKey}}"}]}, "url": "https://api.together.xyz"}\n'),
    T('decoy-bruno-process-env', 'bruno/d9.bru', 'auth:bearer {\n  token: {{process.env.TOGETHER_API_KEY}}\n}\n'),
    T('decoy-poetry-lock-sha', 'proj/poetry.lock', '''\
[[package]]
name = "together"
version = "0.2.4"
files = [
    {file = "together-0.2.4-py3-none-any.whl", hash = "sha256:⟦_x⟧"},
    {file = "together-0.2.4.tar.gz", hash = "sha256:⟦_x2⟧"},
]
'''),
    T('decoy-pipfile-lock-sha', 'proj/Pipfile.lock', '''\
{"default": {"together": {"hashes": ["sha256:⟦_x⟧", "sha256:⟦_x2⟧"], "version": "==0.2.4"}}}
'''),
    T('decoy-npm-integrity', 'proj/package-lock.json', '''\
{"packages": {"node_modules/together-ai": {"version": "0.1.0", "integrity": "⟦_x|sri⟧"}}}
'''),
    T('decoy-cargo-lock', 'rs/Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟦_x⟧"
'''),
    T('decoy-docker-digest', 'deploy/d10.yaml', 'image: ghcr.io/togethercomputer/inference@sha256:⟦_x⟧\n'),
    T('decoy-git-sha256-oid', 'logs/git.log', 'commit ⟦_x⟧ (HEAD -> together-integration)\n'),
    T('decoy-keyid', 'logs/keys.log', 'together key rotated: key_⟦_b64|trunc⟧ (old) -> new id issued\n'),
    T('decoy-placeholder-xxx', 'docs/d11.md', 'together.api_key = "tgp_v1_' + 'x' * 43 + '"\n'),
    T('decoy-readable-run', 'docs/d12.md', 'TOGETHER_API_KEY=tgp_v1_' + 'your_together_api_key_goes_here_replace_me'[:43] + '\n'),
    T('decoy-openai-key-beside', 'proj/d13.env', 'TOGETHER_BASE_URL=https://api.together.xyz/v1\nANTHROPIC_API_KEY=⟦_hex⟧\n'),
    T('decoy-b64-placeholder', 'enc/d14.txt', 'TOGETHER_API_KEY_B64=' + _b64('tgp_v1_' + 'x' * 43) + '\n'),
    T('decoy-b85-sums', 'enc/d15.txt', 'blob = "⟦_x|sums_b85⟧"\n'),
    T('decoy-b32-sums', 'enc/d16.txt', '⟦_x|sums_b32⟧\n'),
    T('decoy-b64-keyid', 'enc/d17.txt', 'together_key_id: ⟦_x|keyid_b64⟧\n'),
    T('decoy-cx-digest', 'enc/d18.c', '/* together-0.2.4 sha256 */ static const char d[] = "⟦_x|cx⟧";\n'),
    T('decoy-go-bytes-digest', 'enc/d19.go', 'package k\n\n// sha256 of together-0.2.4.tar.gz\nvar togetherSDKDigest = []byte{⟦_x|go_bytes⟧}\n'),
    T('decoy-fromcharcode-placeholder', 'enc/d20.js', 'const k = String.fromCharCode(' + ', '.join(str(b) for b in ('tgp_v1_' + 'x' * 43).encode()) + ');\n'),
    T('decoy-jwt-kid', 'enc/d21.txt', 'Authorization: Bearer ' + _jwt({'iss': 'together', 'kid': 'key_3f9a', 'sub': 'svc'}) + '\n'),
    T('decoy-url-all-ref', 'enc/d22.log', 'GET /cb?k=' + ''.join('%%%02X' % b for b in b'${TOGETHER_API_KEY}') + ' 200\n'),
    T('decoy-data-uri-example', 'enc/d23.html', '<a href="data:text/plain;base64,' + _b64('TOGETHER_API_KEY=<your-key>\n') + '">example</a>\n'),
    T('decoy-hexbytes-sha-named', 'enc/d24.txt', 'TOGETHER_SDK_SHA256=⟦_x⟧\n'),
    T('decoy-b64raw-digest', 'enc/d25.txt', 'together-0.2.4.tar.gz sha256-b64: ⟦_x|b64raw⟧\n'),
    T('decoy-har-redacted', 'har/d26.har', '{"log": {"entries": [{"request": {"url": "https://api.together.xyz/inference", "headers": [{"name": "Authorization", "value": "Bearer <redacted>"}]}}]}}\n'),
    T('decoy-har-etag', 'har/d27.har', '{"log": {"entries": [{"request": {"url": "https://api.together.xyz/models"}, "response": {"headers": [{"name": "ETag", "value": "\\"⟦_x⟧\\""}]}}]}}\n'),
    T('decoy-slack-sha', 'slack/d28.json', '[{"type": "message", "text": "together 0.2.4 wheel sha256 ⟦_x⟧", "ts": "1690880000.1"}]\n'),
    T('decoy-keepass-other', 'vault/d29.xml', '<Entry><String><Key>Title</Key><Value>Together AI</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">⟦_b64⟧</Value></String></Entry>\n'),
    T('decoy-emacs-auth-source', 'home/.emacs.d/d30.el', '(setq gptel-api-key (lambda () (auth-source-pick-first-password :host "api.together.xyz")))\n'),
    T('decoy-plist-ref', 'mac/d31.plist', '<dict><key>TOGETHER_API_KEY</key><string>$(TOGETHER_API_KEY)</string></dict>\n'),
    T('decoy-reg-ref', 'win/d32.reg', 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Environment]\n"TOGETHER_API_KEY"="%TOGETHER_API_KEY%"\n', post='utf16le'),
    T('decoy-ini-other-section', 'home/.d33rc', '[together]\nendpoint = https://api.together.xyz\n\n[openai]\napi_key = ⟦_hex⟧\n'),
    T('decoy-uu-sums', 'enc/d34.uu', '⟦_x|uu⟧'),
    T('decoy-gzb64-sums', 'enc/d35.yaml', 'files:\n  sums.gz: ' + '⟦_x|gzb64⟧' + '\n'),
    B('decoy-sqlite-wheel-sha', 'data/d36.db', _sqlite_decoy),
    B('decoy-odt-sha', 'docs/d37.odt', _odt_decoy),
    B('decoy-zip-example-and-sums', 'backup/d38.zip', _zip_decoy),
    B('decoy-class-sha', 'build/classes/d39/TogetherConfig.class', _class_decoy),
    B('decoy-png-ztxt-sha-keyword', 'img/d40.png', _png_ztxt_keyword_decoy),
    B('decoy-bplist-sha', 'mac/d41.plist', _bplist_decoy),
    B('decoy-mail-long-header-sums', 'mail/d42.eml', _mail_long_header_decoy),
    T('decoy-b64x3-placeholder', 'enc/d43.txt', 'PAYLOAD=' + _b64(_b64(_b64('TOGETHER_API_KEY=<your-key>\n'))) + '\n'),
    T('decoy-java-bytes-uuid', 'enc/D44.java', 'class D { static final byte[] TOGETHER_ID = new byte[]{⟦_uuid|java_bytes⟧}; }\n'),
    T('decoy-u-escape-ref', 'enc/d45.json', '{"together_api_key": "' + ''.join('\\u%04x' % ord(c) for c in '${TOGETHER_API_KEY}') + '"}\n'),
    T('decoy-git-lfs-pointer', 'models/together.bin', 'version https://git-lfs.github.com/spec/v1\noid sha256:⟦_x⟧\nsize 12345\n'),
    T('decoy-upper-hex', 'enc/d46.env', 'TOGETHER_API_KEY=⟦_x|upper⟧\n'),
    T('decoy-npmrc-auth-other', 'proj/.npmrc.d', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\ntogether_model=mixtral\n'),
]

CASES = PLACES + BINARIES + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 1c5f10cf: see docs/detection.md, "Session 35 (acc35)".
MISSED: dict[str, str] = {
    'together-config-json-legacy': '`~/.together/config` JSON holding `api_key` beside a `togethercomputer/` model only: the path is no context (a blob has many paths) and a model field alone names no destination',
    'httpie-session-legacy': 'an HTTPie session whose only Together word is its path (`sessions/api.together.xyz/`): by design, docs/detection.md (a blob has many paths)',
    'keepass-xml-legacy': "a compact KeePass XML export (no indentation, `<Entry>` on the group's line, the title before the password): the title names the entry only over the indented lines under `<Entry>` (an indented export, probe20's, is found)",
    'java-class-legacy': "a legacy key in a class's constant pool as this case builds it: the field's name, its descriptor and `ConstantValue` as UTF-8 entries with the key's right after, no `CONSTANT_String` between them (javac writes one, and that layout is found: docs/detection.md); no string-table reader lists a pool's entries with their neighbours as context",
    'zlib-in-binary-legacy': 'a raw zlib stream inside a binary of no known format: only whole-file zlib (a loose object) and known containers are decompressed',
    'zlib-in-binary-current': 'a raw zlib stream inside a binary of no known format: only whole-file zlib (a loose object) and known containers are decompressed',
    'b85-env-legacy': "a whole legacy `.env` in base85: the legacy rule holds no base85 forms of Together's name; the five of eight forms holding an anchor would find it at most alignments (not this one, `OGETHER` at a 4-byte boundary) but cost the hook's plain screen 9-13% (measured session 35, docs/detection.md)",
    'cx-env-legacy': 'a legacy `.env` every byte `\\x`-escaped, the name too: by design (no name left to read, docs/detection.md)',
    'url-all-env-legacy': 'a legacy `.env` every byte percent-encoded, the name too: by design (no name left to read)',
    'b64x3-env-legacy': "a legacy `.env` in base64 three times: the screen holds the keywords' forms encoded once and twice",
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
