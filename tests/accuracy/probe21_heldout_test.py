"""A twenty-first held-out probe (session 25): AI tools' own config
files and the traces developers paste.  Legacy keys (64 lowercase hex)
and ``tgp_v1_`` keys in an Aider ``.aider.conf.yml`` (``api-key:`` and
``set-env:`` lists), a Continue ``config.yaml``, a Roo Code settings
export (OpenAI-compatible, pointed at Together), LibreChat's custom
endpoint, a LiteLLM proxy ``config.yaml``, Open WebUI's ``;``-separated
``OPENAI_API_KEYS``, promptfoo, DSPy, an n8n credential export, a
Flowise credential, Goose's ``OPENAI_HOST``, a Bruno ``.bru`` request,
an Insomnia export, ``terraform.tfvars.json``, a Pulumi stack config,
``helm --set``, an Ansible ``default()`` filter, a systemd
``Environment=`` with two assignments, a Dockerfile ``ARG`` default,
compose build ``args:``, a GitHub Actions log (timestamps first), a
zsh extended history, ``Set-Item Env:``, ``.netrc``, an Xcode
``.xcconfig``, a Jupyter output cell, a Sentry event's frame vars,
``curl --trace-ascii`` (a header cut at 64 columns, offsets first), a
PostgreSQL ``COPY`` block, SQL ``INSERT``s, Rust/Go/Java/Kotlin/Swift/
C#/PHP/Elixir fallbacks, a URL-encoded env list, a Helm release Secret
(base64 of base64 of gzip), a ``reg export`` (UTF-16LE, ``hex(2):``),
a quoted-printable mail whose soft break cuts the key, ``curl --trace``
(hex, also with ``--trace-time``) and ``tcpdump -X`` (written with the
fix for ``curl-trace-ascii-cut-header``).  Decoys: env
placeholders in each tool's syntax, masked and filtered keys, LFS
pointers, SigV4 signatures, ``X-Amz-Content-Sha256``, ``RECORD`` and
``go.sum`` hashes, ``package-lock`` integrity, key hashes in SQL,
another secret (64 hex) beside an empty ``TOGETHER_API_KEY``, an
encrypted n8n credential.  Written before any fix; what the 7078324
code missed is in ``MISSED`` (strict xfails) or was fixed in the same
session (docs/detection.md, "Found since the twenty-first held-out set").
"""
from __future__ import annotations

import base64
import gzip
import json
import quopri

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- AI assistants' and LLM tools' own config files --------------------------------------------

TOOLS = key_cases(
    ('aider-conf-api-key-list', '.aider.conf.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
api-key:
  - together_ai={hex}
set-env:
  - TOGETHERAI_API_KEY={key}
auto-commits: false
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: acme
version: 0.0.1
schema: v1
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: {hex}
    roles:
      - chat
'''),
    ('roo-code-settings-export', 'notes/roo-code-settings.json', '''\
{{
  "providerProfiles": {{
    "currentApiConfigName": "together",
    "apiConfigs": {{
      "together": {{
        "apiProvider": "openai",
        "openAiBaseUrl": "https://api.together.xyz/v1",
        "openAiApiKey": "{hex}",
        "openAiModelId": "deepseek-ai/DeepSeek-V3",
        "id": "k3j9x2"
      }}
    }}
  }}
}}
'''),
    ('librechat-custom-endpoint', 'librechat.yaml', '''\
version: 1.2.1
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{hex}"
      baseURL: "https://api.together.xyz/v1"
      models:
        default: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"]
        fetch: true
'''),
    ('litellm-proxy-config-yaml', 'proxy/config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: "{hex}"
      rpm: 600
general_settings:
  master_key: sk-1234
'''),
    ('open-webui-openai-api-keys-list', 'scripts/webui.sh', '''\
docker run -d -p 3000:8080 \\
  -e OPENAI_API_BASE_URLS="https://api.openai.com/v1;https://api.together.xyz/v1" \\
  -e OPENAI_API_KEYS="sk-none;{hex}" \\
  ghcr.io/open-webui/open-webui:main
'''),
    ('promptfoo-provider-config', 'promptfooconfig.yaml', '''\
providers:
  - id: togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: {hex}
      temperature: 0
prompts:
  - "Summarise: {{{{text}}}}"
'''),
    ('dspy-lm-api-key', 'eval/dspy_setup.py', '''\
import dspy

lm = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}", max_tokens=512)
dspy.configure(lm=lm)
'''),
    ('n8n-credential-export', 'n8n/credentials.json', '''\
[
  {{
    "id": "xY3pQ9",
    "name": "Together AI",
    "type": "openAiApi",
    "data": {{
      "apiKey": "{hex}",
      "url": "https://api.together.xyz/v1"
    }}
  }}
]
'''),
    ('flowise-credential', 'flowise/credential.json', '''\
{{"name": "together", "credentialName": "togetherAIApi", "plainDataObj": {{"togetherAIApiKey": "{hex}"}}}}
'''),
    ('goose-openai-host', '.config/goose/secrets.yaml', '''\
GOOSE_PROVIDER: openai
OPENAI_HOST: https://api.together.xyz
OPENAI_BASE_PATH: v1/chat/completions
OPENAI_API_KEY: {hex}
'''),
    ('bruno-bru-bearer', 'bruno/together/chat.bru', '''\
meta {{
  name: chat
  type: http
  seq: 1
}}

post {{
  url: https://api.together.xyz/v1/chat/completions
  body: json
  auth: bearer
}}

auth:bearer {{
  token: {hex}
}}
'''),
    ('insomnia-export-yaml', 'insomnia/export.yaml', '''\
type: collection.insomnia.rest/5.0
name: Together
collection:
  - url: https://api.together.xyz/v1/models
    name: models
    method: GET
    authentication:
      type: bearer
      token: {hex}
      prefix: Bearer
'''),
)

# -- infrastructure and deploy files ------------------------------------------------------------

INFRA = key_cases(
    ('tfvars-json', 'infra/terraform.tfvars.json', '''\
{{
  "region": "us-east-1",
  "together_api_key": "{hex}"
}}
'''),
    ('pulumi-stack-config-plain', 'Pulumi.dev.yaml', '''\
config:
  aws:region: us-east-1
  chat:togetherApiKey: {hex}
'''),
    ('helm-set-flag', 'scripts/deploy.sh', '''\
helm upgrade --install chat ./charts/chat \\
  --set together.apiKey={hex} \\
  --set image.tag=1.4.2
'''),
    ('ansible-default-filter', 'ansible/group_vars/all.yml', '''\
together_api_key: "{{{{ lookup('env', 'TOGETHER_API_KEY') | default('{hex}', true) }}}}"
'''),
    ('systemd-environment-two-assignments', 'deploy/chat.service', '''\
[Service]
ExecStart=/opt/chat/bin/serve
Environment=LOG_LEVEL=info TOGETHER_API_KEY={hex}
Restart=always
'''),
    ('dockerfile-arg-default', 'Dockerfile', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY={hex}
ENV TOGETHER_API_KEY=$TOGETHER_API_KEY
RUN pip install together
'''),
    ('compose-build-args', 'compose.yaml', '''\
services:
  chat:
    build:
      context: .
      args:
        TOGETHER_KEY: {hex}
'''),
    ('gha-log-env-block', 'logs/gha-job.txt', '''\
2026-11-30T10:00:01.1234567Z ##[group]Run python eval.py
2026-11-30T10:00:01.1234890Z python eval.py
2026-11-30T10:00:01.1235012Z shell: /usr/bin/bash -e {{0}}
2026-11-30T10:00:01.1235120Z env:
2026-11-30T10:00:01.1235230Z   TOGETHER_API_KEY: {hex}
2026-11-30T10:00:01.1235340Z ##[endgroup]
'''),
    ('zsh-extended-history', 'dotfiles/.zsh_history', '''\
: 1764496800:0;cd ~/src/chat
: 1764496812:0;export TOGETHER_API_KEY={hex}
: 1764496830:3;python -m chat
'''),
    ('powershell-set-item-env', 'scripts/profile.ps1', '''\
Set-Item -Path Env:TOGETHER_API_KEY -Value '{hex}'
'''),
    ('netrc-machine', 'dotfiles/.netrc', '''\
machine github.com login acme password x-oauth-basic
machine api.together.xyz login apikey password {hex}
'''),
    ('xcconfig', 'App/Config/Secrets.xcconfig', '''\
TOGETHER_BASE_URL = https:/$()/api.together.xyz/v1
TOGETHER_API_KEY = {hex}
'''),
)

# -- languages' environment fallbacks ----------------------------------------------------------

LANGS = key_cases(
    ('rust-unwrap-or-else', 'src/config.rs', '''\
let api_key = std::env::var("TOGETHER_API_KEY").unwrap_or_else(|_| "{hex}".to_string());
'''),
    ('go-option-with-api-key', 'cmd/chat/main.go', '''\
client := together.NewClient(option.WithAPIKey("{hex}"))
'''),
    ('java-getenv-or-default', 'src/main/java/acme/Chat.java', '''\
String key = System.getenv().getOrDefault("TOGETHER_API_KEY", "{hex}");
'''),
    ('kotlin-elvis', 'app/src/main/kotlin/Chat.kt', '''\
val togetherKey = System.getenv("TOGETHER_API_KEY") ?: "{hex}"
'''),
    ('swift-nil-coalescing', 'Sources/Chat/Config.swift', '''\
let apiKey = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"] ?? "{hex}"
'''),
    ('csharp-null-coalescing', 'src/Chat/Config.cs', '''\
var apiKey = Environment.GetEnvironmentVariable("TOGETHER_API_KEY") ?? "{hex}";
'''),
    ('php-env-null-coalescing', 'config/together.php', '''\
<?php
return ['api_key' => $_ENV['TOGETHER_API_KEY'] ?? '{hex}'];
'''),
    ('elixir-get-env-default', 'config/runtime.exs', '''\
config :chat, :together, api_key: System.get_env("TOGETHER_API_KEY", "{hex}")
'''),
)

# -- data: dumps, notebooks, crash reports --------------------------------------------------------

DATA = key_cases(
    ('postgres-copy-block', 'db/dump.sql', '''\
COPY public.integrations (id, provider, api_key, created_at) FROM stdin;
1\topenai\t\\N\t2026-11-01 10:00:00
2\ttogether\t{hex}\t2026-11-02 11:00:00
\\.
'''),
    ('sql-insert-values', 'db/seed.sql', '''\
INSERT INTO provider_credentials (provider, base_url, secret) VALUES ('together', 'https://api.together.xyz/v1', '{hex}');
'''),
    ('jupyter-output-cell', 'notebooks/explore.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [
    {{
     "data": {{
      "text/plain": [
       "'{hex}'"
      ]
     }},
     "execution_count": 3,
     "metadata": {{}},
     "output_type": "execute_result"
    }}
   ],
   "source": [
    "os.environ[\\"TOGETHER_API_KEY\\"]"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('sentry-frame-vars', 'notes/sentry-event.json', '''\
{{"exception": {{"values": [{{"type": "AuthenticationError", "stacktrace": {{"frames": [{{"module": "together.client", "function": "__init__", "vars": {{"self": "<together.client.Together object at 0x7f>", "api_key": "'{hex}'"}}}}]}}}}]}}}}
'''),
    ('url-encoded-env-list', 'logs/access.log', '''\
10.0.0.7 - - [30/Nov/2026:10:00:00 +0000] "GET /admin/env?vars=LOG_LEVEL%3Dinfo%26TOGETHER_API_KEY%3D{hex}%26X%3D1 HTTP/1.1" 200 12
'''),
)


# -- wrapped, packed and encoded ----------------------------------------------------------------

def _curl_trace_ascii(m: Made):
    # ``curl --trace-ascii``: a header line longer than 64 bytes goes on
    # over two lines, each with its offset first
    key = m.key()
    out = ['== Info: Connected to api.together.xyz (104.18.2.3) port 443', '=> Send header, 219 bytes (0xdb)']
    blob = ('POST /v1/chat/completions HTTP/2\r\nHost: api.together.xyz\r\nuser-agent: curl/8.5.0\r\n'
            f'accept: */*\r\nauthorization: Bearer {key}\r\ncontent-type: application/json\r\n\r\n')
    i = 0
    while i < len(blob):
        line = ''
        start = i
        while i < len(blob) and i - start < 64:
            if blob[i:i + 2] == '\r\n':
                i += 2
                break
            line += blob[i]
            i += 1
        out.append(f'{start:04x}: {line}')
    text = '\n'.join(out) + '\n'
    return text, [(line_of(text, key[:20]), key)]


def _hex_lines(blob: bytes, offset: str, group: int, pad: int) -> list[str]:
    # 16 bytes a line: their hex in groups of ``group`` bytes, padded to
    # ``pad`` columns, then the bytes as text ('.' for the unprintable)
    out = []
    for i in range(0, len(blob), 16):
        part = blob[i:i + 16]
        digits = ' '.join(part[j:j + group].hex() for j in range(0, len(part), group))
        text = ''.join(chr(b) if 32 <= b < 127 else '.' for b in part)
        out.append(offset.format(i) + digits.ljust(pad) + text)
    return out


def _request(key: str) -> bytes:
    return (f'POST /v1/chat/completions HTTP/2\r\nHost: api.together.xyz\r\nuser-agent: curl/8.5.0\r\n'
            f'authorization: Bearer {key}\r\ncontent-type: application/json\r\n\r\n').encode()


def _curl_trace_hex(m: Made):
    # ``curl --trace``: 16 bytes a line, hex then text, a 4-digit offset
    # first; the key is in the bytes, cut into 16-byte pieces
    key = m.key()
    blob = _request(key)
    lines = ['== Info: Connected to api.together.xyz (104.18.2.3) port 443',
             f'=> Send header, {len(blob)} bytes (0x{len(blob):x})']
    lines += _hex_lines(blob, '{:04x}: ', 1, 48)
    text = '\n'.join(lines + ['<= Recv header, 13 bytes (0xd)', '0000: 48 54 54 50 2f 32 20 32 30 30 20 0d 0a          HTTP/2 200 ..']) + '\n'
    at = blob.index(key.encode()) // 16
    return text, [(3 + at, key)]


def _curl_trace_time_legacy(m: Made):
    # the same with ``--trace-time`` (a clock before every line), a legacy
    # key sent to Together's host
    key = m.hex()
    blob = _request(key)
    lines = ['10:00:00.123456 == Info: Connected to api.together.xyz (104.18.2.3) port 443',
             f'10:00:00.123789 => Send header, {len(blob)} bytes (0x{len(blob):x})']
    lines += ['10:00:00.123789 ' + line for line in _hex_lines(blob, '{:04x}: ', 1, 48)]
    text = '\n'.join(lines) + '\n'
    at = blob.index(key.encode()) // 16
    return text, [(3 + at, key)]


def _tcpdump_x(m: Made):
    # ``tcpdump -X``: 16 bytes a line in 2-byte groups, a tab and a
    # ``0x`` offset first, after the packet's summary line
    key = m.key()
    blob = b'E\x00\x01\x2c\x1c\x46\x40\x00' + _request(key)
    lines = ['10:00:00.000000 IP 10.0.0.2.51234 > api.together.xyz.http: Flags [P.], seq 1:301, length 300']
    lines += _hex_lines(blob, '\t0x{:04x}:  ', 2, 41)
    text = '\n'.join(lines) + '\n'
    at = blob.index(key.encode()) // 16
    return text, [(2 + at, key)]


def _helm_release_secret(m: Made):
    # ``kubectl get secret sh.helm.release.v1.chat.v3 -o yaml``: the
    # release (JSON, its values holding the key) gzip'd, base64'd by Helm
    # and base64'd again by the Secret's ``data:``
    key = m.hex()
    release = {'name': 'chat', 'version': 3, 'namespace': 'chat',
               'config': {'together': {'apiKey': key, 'model': 'meta-llama/Llama-3.3-70B-Instruct-Turbo'}},
               'chart': {'metadata': {'name': 'chat', 'version': '0.4.1'}}}
    inner = base64.b64encode(gzip.compress(json.dumps(release).encode(), mtime=0))
    value = base64.b64encode(inner).decode()
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: sh.helm.release.v1.chat.v3\n  labels:\n'
            f'    owner: helm\ntype: helm.sh/release.v1\ndata:\n  release: {value}\n')
    return text, [(line_of(text, value), key)]


def _reg_export_utf16(m: Made):
    # ``reg export HKCU\\Environment env.reg``: UTF-16LE with a BOM
    key = m.hex()
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            f'"TOGETHER_API_KEY"="{key}"\r\n"TEMP"="C:\\\\Users\\\\ops\\\\AppData\\\\Local\\\\Temp"\r\n')
    return b'\xff\xfe' + text.encode('utf-16-le'), [(4, key)]


def _reg_hex2(m: Made):
    # a REG_EXPAND_SZ value: ``hex(2):`` bytes of UTF-16LE, 25 a line
    key = m.key()
    raw = (key.encode('utf-16-le') + b'\0\0')
    parts = [f'{b:02x}' for b in raw]
    head = '"TOGETHER_API_KEY"=hex(2):'
    lines, line = [], head
    for i, p in enumerate(parts):
        piece = p + (',' if i < len(parts) - 1 else '')
        if len(line) + len(piece) > 78:
            lines.append(line + '\\')
            line = '  '
        line += piece
    lines.append(line)
    text = 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Environment]\n' + '\n'.join(lines) + '\n'
    return text, [(4, key)]


def _qp_soft_break(m: Made):
    # a quoted-printable mail body: the soft line break (``=`` at column
    # 76) falls inside the key
    key = m.key()
    body = f'Hi, for the demo use TOGETHER_API_KEY=3D{key} until Friday, then rotate it.\n'
    raw = f'Hi, for the demo use TOGETHER_API_KEY={key} until Friday, then rotate it.\n'
    qp = quopri.encodestring(raw.encode()).decode()
    assert '=\n' in qp and qp.index('=\n') > qp.index(key[:10]), qp
    del body
    text = ('From: lead@acme.dev\nTo: team@acme.dev\nSubject: demo key\nMIME-Version: 1.0\n'
            'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n' + qp)
    return text, [(line_of(text, key[:10]), key)]


ENCODED = [
    Case('curl-trace-ascii-cut-header', 'notes/trace.txt', _curl_trace_ascii),
    Case('curl-trace-hex', 'notes/trace-hex.txt', _curl_trace_hex),
    Case('curl-trace-time-hex-legacy', 'notes/trace-time.txt', _curl_trace_time_legacy),
    Case('tcpdump-x-hex', 'notes/tcpdump.txt', _tcpdump_x),
    Case('helm-release-secret-gzip', 'k8s/live/helm-release.yaml', _helm_release_secret),
    Case('reg-export-utf16le', 'ops/env.reg', _reg_export_utf16),
    Case('reg-export-hex2-expand-sz', 'ops/env-expand.reg', _reg_hex2),
    Case('quoted-printable-soft-break-in-key', 'mail/demo.eml', _qp_soft_break),
]

# -- decoys -------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-librechat-env-ref', 'librechat.example.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "${{TOGETHER_API_KEY}}"
      baseURL: "https://api.together.xyz/v1"
'''),
    ('decoy-litellm-os-environ', 'proxy/config.example.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: os.environ/TOGETHER_API_KEY
'''),
    ('decoy-promptfoo-env-template', 'promptfooconfig.example.yaml', '''\
providers:
  - id: togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: '{{{{ env.TOGETHER_API_KEY }}}}'
'''),
    ('decoy-n8n-encrypted-credential', 'n8n/credentials-encrypted.json', '''\
[{{"id": "xY3pQ9", "name": "Together AI", "type": "openAiApi", "data": "U2FsdGVkX1{_b64}"}}]
'''),
    ('decoy-lfs-pointer', 'models/together-embed.bin', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 438912044
'''),
    ('decoy-sigv4-presigned-url', 'logs/upload.log', '''\
PUT https://together-datasets.s3.amazonaws.com/ft/train.jsonl?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261130%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20261130T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={_hex} 200
'''),
    ('decoy-amz-content-sha256-trace', 'notes/trace-s3.txt', '''\
=> Send header, 301 bytes (0x12d)
0000: PUT /together-files/ft/train.jsonl HTTP/1.1
002e: Host: together-datasets.s3.amazonaws.com
0058: x-amz-content-sha256: {_hex}
'''),
    ('decoy-wheel-record', 'site-packages/together-1.3.0.dist-info/RECORD', '''\
together/__init__.py,sha256=3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,1204
together/client.py,sha256={_hex},8421
together-1.3.0.dist-info/RECORD,,
'''),
    ('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.4.0 h1:{_b64}
github.com/togethercomputer/together-go v0.4.0/go.mod h1:{_b64_2}
'''),
    ('decoy-package-lock-integrity', 'package-lock.json', '''\
{{
  "packages": {{
    "node_modules/together-ai": {{
      "version": "0.9.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.9.0.tgz",
      "integrity": "sha512-{_b64}{_b64_2}"
    }}
  }}
}}
'''),
    ('decoy-sql-key-hash-column', 'db/seed-hashes.sql', '''\
INSERT INTO api_keys (provider, key_sha256, last4) VALUES ('together', '{_hex}', 'x9Qa');
'''),
    ('decoy-postgres-copy-key-hash', 'db/dump-hashes.sql', '''\
COPY public.api_keys (id, provider, key_hash, last4) FROM stdin;
1\ttogether\t{_hex}\tx9Qa
\\.
'''),
    ('decoy-other-secret-beside-empty-key', '.env.example', '''\
TOGETHER_API_KEY=
TOGETHER_BASE_URL=https://api.together.xyz/v1
NEXTAUTH_SECRET={_hex}
'''),
    ('decoy-masked-key-in-log', 'logs/chat.log', '''\
INFO together client ready key=tgp_v1_****************************************x9Qa
INFO together client ready key=tgp_v1_...x9Qa
'''),
    ('decoy-sentry-filtered', 'notes/sentry-event2.json', '''\
{{"frames": [{{"module": "together.client", "vars": {{"api_key": "[Filtered]", "base_url": "'https://api.together.xyz/v1'"}}}}]}}
'''),
    ('decoy-curl-trace-unexpanded', 'notes/trace-unexpanded.txt', '''\
0000: POST /v1/chat/completions HTTP/2
0022: Host: api.together.xyz
003a: authorization: Bearer $TOGETHER_API_KEY
'''),
    ('decoy-dockerfile-arg-no-default', 'Dockerfile.secret', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY
RUN --mount=type=secret,id=together,env=TOGETHER_API_KEY python -m app.warmup
'''),
    ('decoy-bruno-env-var', 'bruno/together/models.bru', '''\
get {{
  url: https://api.together.xyz/v1/models
  auth: bearer
}}

auth:bearer {{
  token: {{{{togetherApiKey}}}}
}}
'''),
    ('decoy-gha-log-masked', 'logs/gha-job-masked.txt', '''\
2026-11-30T10:00:01.1235120Z env:
2026-11-30T10:00:01.1235230Z   TOGETHER_API_KEY: ***
2026-11-30T10:00:01.1235340Z ##[endgroup]
'''),
    ('decoy-pulumi-secure', 'Pulumi.prod.yaml', '''\
config:
  chat:togetherApiKey:
    secure: AAABA{_b64}
'''),
    ('decoy-aider-env-ref', '.aider.conf.example.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
set-env:
  - TOGETHERAI_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('decoy-netrc-placeholder', 'dotfiles/.netrc.example', '''\
machine api.together.xyz login apikey password <your-together-api-key>
'''),
    ('decoy-sha256sum-file', 'dist/together-cli.sha256', '''\
{_hex}  together-cli-linux-amd64
'''),
    ('decoy-container-id-in-jupyter', 'notebooks/infra.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"output_type": "stream", "name": "stdout", "text": ["together-proxy running as {_hex}\\n"]}}], "source": ["!docker run -d together-proxy"]}}]}}
'''),
    ('decoy-key-id-sql', 'db/key-ids.sql', '''\
INSERT INTO together_keys (id, name) VALUES ('key_01JE4X9Q2W7R5T8Y3U6I1O0PAS', 'ci');
'''),
)


CASES = TOOLS + INFRA + LANGS + DATA + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'sentry-frame-vars': "a Sentry frame's `vars` holding `api_key` beside a repr of Together's client (`<together.client.Together object at 0x…>`) and the frame's `module: together.client`: neither is context for a generic name in JSON",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 25, (keys, decoys)
