"""A held-out probe of the merged main (session 6): current keys after
escapes, split, in base64 forms, URLs, notebooks and logs; legacy keys in
more syntaxes; hard decoys beside the word "together".  The same cases are
scanned as files here; tests/accuracy/probe2_modes_test.py scans them as
staged, as history and as a pushed range and asks for the same keys."""
from __future__ import annotations

import base64
import string
import textwrap

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


def _b64_env_wrapped(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """`base64 .env` output (76 columns) pasted into a CI file."""
    key = m.key()
    env = f'NODE_ENV=production\nLOG_LEVEL=info\nTOGETHER_API_KEY={key}\nPORT=8080\n'
    lines = textwrap.wrap(base64.b64encode(env.encode()).decode(), 76)
    text = 'env:\n  DOTENV_B64: |\n' + ''.join(f'    {ln}\n' for ln in lines)
    return text, [(3, key)]


def _urlsafe_b64(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    enc = base64.urlsafe_b64encode(key.encode()).decode().rstrip('=')
    return f'# token for the together client\nSTATE_TOKEN = "{enc}"\n', [(2, key)]


def _k8s_secret(m: Made, hexkey: bool = False) -> tuple[Text, list[tuple[int, str]]]:
    """``kubectl create secret --dry-run -o yaml``: the value in base64."""
    key = m.hex() if hexkey else m.key()
    text = (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: inference-creds\n'
        f'type: Opaque\ndata:\n  TOGETHER_API_KEY: {base64.b64encode(key.encode()).decode()}\n'
    )
    return text, [(7, key)]


def _k8s_secret_hex(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    return _k8s_secret(m, hexkey=True)


def _sqlite_db(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A committed SQLite database (Django's db.sqlite3) with a key row."""
    import os
    import sqlite3
    import tempfile

    key, key2 = m.key(), m.key()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'db.sqlite3')
        db = sqlite3.connect(path)
        # The key's column right after another's text, and alone.
        db.execute('create table settings (name text, value text)')
        db.execute('insert into settings values (?, ?)', ('provider', 'together'))
        db.execute('insert into settings values (?, ?)', ('api_key', key))
        db.execute('create table tokens (value text)')
        db.execute('insert into tokens values (?)', (key2,))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            data = f.read()
    return data, sorted((line_of(data, k.encode()), k) for k in (key, key2))


def _powershell_utf16(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = f'$env:TOGETHER_API_KEY = "{key}"\r\npython .\\run.py\r\n'
    return b'\xff\xfe' + text.encode('utf-16-le'), [(1, key)]


def _key_ending_dash(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()[:-2] + '_-'
    m.made.append(key)
    return f'TOGETHER_API_KEY={key}\nNEXT=1\n', [(1, key)]


def _key_after_escaped_tab(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()[:-1] + '-'
    m.made.append(key)
    text = '{"ts":"2024-05-02T10:00:00Z","msg":"loaded env\\tTOGETHER_API_KEY\\t' + key + '\\n"}\n'
    return text, [(1, key)]


def _crlf_env(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key, hx = m.key(), m.hex()
    text = f'# windows checkout\r\nexport TOGETHER_API_KEY="{key}"\r\nTOGETHER_API_KEY_OLD={hx}\r\n'
    return text, [(2, key), (3, hx)]


def _notebook_output(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = '''{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "DEBUG:httpx:Request headers: {'authorization': 'Bearer %s', 'host': 'api.together.xyz'}\\n"
     ]
    }
   ],
   "source": [
    "resp = client.chat.completions.create(model=MODEL, messages=msgs)"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
''' % key
    return text, [(line_of(text, key), key)]


SPECIAL = [
    Case('b64-env-wrapped-76', '.github/workflows/deploy.yml', _b64_env_wrapped),
    Case('urlsafe-b64-nopad', 'app/state.py', _urlsafe_b64),
    Case('powershell-utf16-bom', 'scripts/setup.ps1', _powershell_utf16),
    Case('env-key-ending-underscore-dash', 'deploy/.env.staging', _key_ending_dash),
    Case('json-log-escaped-tabs', 'logs/app.jsonl', _key_after_escaped_tab),
    Case('k8s-secret-data-b64', 'k8s/secret.yaml', _k8s_secret),
    Case('legacy-k8s-secret-b64', 'k8s/legacy-secret.yaml', _k8s_secret_hex),
    Case('sqlite-db-row', 'db.sqlite3', _sqlite_db),
    Case('env-crlf-mixed', 'config/dev.env', _crlf_env),
    Case('ipynb-httpx-debug-output', 'notebooks/debug.ipynb', _notebook_output),
]

LEAKS = key_cases(
    ('langchain-chattogether', 'agent/llm.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
    together_api_key="{key}",
    temperature=0,
)
'''),
    ('llamaindex-togetherllm', 'rag/settings.py', '''\
from llama_index.llms.together import TogetherLLM
Settings.llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key='{key}')
'''),
    ('litellm-completion', 'bench/run_litellm.py', '''\
response = litellm.completion(
    model="together_ai/togethercomputer/llama-2-70b-chat",
    messages=[{{"content": "Hello", "role": "user"}}],
    api_key="{key}",
)
'''),
    ('python-implicit-concat', 'client.py', '''\
TOGETHER_KEY = ("{_key_a}"
                "{_key_b}")
'''),
    ('js-plus-concat', 'src/together.js', '''\
const apiKey = "{_key_a}" +
  "{_key_b}";
export const client = new Together({{ apiKey }});
'''),
    ('url-query-api-key', 'docs/debug.md', '''\
Reproduce with:

    curl "https://api.together.xyz/v1/models?api_key={key}"
'''),
    ('url-userinfo-proxy', 'proxy.conf', '''\
upstream_url = https://together:{key}@llm-gateway.internal:8443/v1
'''),
    ('go-json-u0026-url', 'testdata/golden.json', '''\
{{"endpoint":"https://gateway.example.com/v1/chat?model=llama\\u0026api_key={key}","retries":3}}
'''),
    ('form-urlencoded-body', 'logs/requests.log', '''\
POST /oauth/exchange body=grant_type=api_key%26api_key%3D{key}%26provider%3Dtogether
'''),
    ('html-escaped-json', 'templates/debug.html', '''\
<pre>{{&quot;provider&quot;:&quot;together&quot;,&quot;apiKey&quot;:&quot;{key}&quot;}}</pre>
'''),
    ('ipynb-source-escaped-quotes', 'nb/quickstart.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "metadata": {{}},
   "source": [
    "import os\\n",
    "os.environ[\\"TOGETHER_API_KEY\\"] = \\"{key}\\"\\n",
    "from together import Together\\n"
   ]
  }}
 ],
 "nbformat": 4
}}
'''),
    ('curl-verbose-log', 'ci/curl.log', '''\
*   Trying 104.18.12.34:443...
> GET /v1/models HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.4.0
> authorization: Bearer {key}
>
< HTTP/2 200
'''),
    ('http-client-send-bytes', 'logs/http.client.log', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer {key}\\r\\nContent-Length: 87\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    ('docker-run-e', 'Makefile', '''\
run:
\tdocker run --rm -e TOGETHER_API_KEY={key} -p 8000:8000 ghcr.io/acme/chat:latest
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  worker:
    image: acme/worker
    environment:
      - REDIS_URL=redis://redis:6379
      - TOGETHER_API_KEY={key}
'''),
    ('rust-const', 'src/main.rs', '''\
const TOGETHER_API_KEY: &str = "{key}";
'''),
    ('go-setenv', 'cmd/seed/main.go', '''\
func init() {{
\tos.Setenv("TOGETHER_API_KEY", "{key}")
}}
'''),
    ('spring-properties', 'src/main/resources/application.properties', '''\
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key={key}
'''),
    ('php-define', 'wp-config.php', '''\
<?php
define( 'TOGETHER_API_KEY', '{key}' );
'''),
    ('elixir-config', 'config/runtime.exs', '''\
config :my_app, :together,
  api_key: "{key}",
  model: "meta-llama/Llama-3-8b-chat-hf"
'''),
    ('github-actions-log-unmasked', 'ci/job.log', '''\
2024-03-01T10:11:12.1234567Z ##[group]Run python eval.py
2024-03-01T10:11:12.1234568Z env:
2024-03-01T10:11:12.1234569Z   TOGETHER_API_KEY: {key}
'''),
    ('markdown-inline-code', 'README.md', '''\
Set your key: `export TOGETHER_API_KEY={key}` and run `make demo`.
'''),
    ('sql-insert', 'db/seed.sql', '''\
INSERT INTO provider_keys (provider, api_key) VALUES ('together', '{key}');
'''),
    ('csv-row', 'exports/keys.csv', '''\
team,provider,key,created
ml,together,{key},2024-04-01
'''),
    ('double-escaped-json-in-json', 'fixtures/event.json', '''\
{{"body":"{{\\"env\\":\\"TOGETHER_API_KEY=\\\\n{key}\\"}}"}}
'''),
    ('python-fstring-header', 'tools/probe.py', '''\
headers = {{"Authorization": f"Bearer {{'{key}'}}"}}
'''),
    ('yaml-folded-split', 'helm/values.yaml', '''\
together:
  apiKey: "{_key_a}\\
    {_key_b}"
'''),
    # -- legacy 64-hex with Together context --------------------------------
    ('legacy-old-sdk-attr', 'legacy/old_client.py', '''\
import together
together.api_key = "{hex}"
'''),
    ('legacy-r-sys-setenv', 'analysis/setup.R', '''\
Sys.setenv(TOGETHER_API_KEY = "{hex}")
'''),
    ('legacy-julia-env', 'scripts/run.jl', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('legacy-fish-set', '.config/fish/conf.d/llm.fish', '''\
set -gx TOGETHER_API_KEY {hex}
'''),
    ('legacy-cmd-set', 'run.bat', '''\
@echo off
set TOGETHER_API_KEY={hex}
python main.py
'''),
    ('legacy-dockerfile-env-space', 'Dockerfile', '''\
FROM python:3.11-slim
ENV TOGETHERAI_API_KEY {hex}
'''),
    ('legacy-openai-base-env', '.env.local', '''\
OPENAI_API_BASE=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
'''),
    ('legacy-kotlin-buildconfig', 'app/build.gradle.kts', '''\
buildConfigField("String", "TOGETHER_API_KEY", "\\"{hex}\\"")
'''),
    ('legacy-netrc', 'home/.netrc', '''\
machine api.together.xyz
  login apikey
  password {hex}
'''),
    ('legacy-powershell-setenv', 'setup.ps1', '''\
[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}", "User")
'''),
    ('legacy-curl-bearer-together', 'notes/curl.sh', '''\
curl -s -H "Authorization: Bearer {hex}" https://api.together.xyz/inference -d @req.json
'''),
    ('legacy-qualified-names', 'deploy/keys.env', '''\
TOGETHER_API_KEY_PROD={hex}
TOGETHER_STAGING_API_KEY={hex2}
TOGETHER_API_KEY_2={hex3}
export TOGETHER_API_KEY_V2={hex4}
'''),
    ('legacy-nushell', 'env.nu', '''\
$env.TOGETHER_API_KEY = "{hex}"
'''),
)

# An API key's id as Together's key listing shows it: not a secret.
_KEY_ID = 'key_01HV8W7QK3X9ZP2M4N6R8T0Y1B'  # pragma: allowlist secret

DECOYS = key_cases(
    ('decoy-requirements-hash', 'requirements.txt', '''\
together==1.3.3 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.2.1"
files = [
    {{file = "together-1.2.1-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-pipfile-lock', 'Pipfile.lock', '''\
{{
    "default": {{
        "together": {{
            "hashes": [
                "sha256:{_hex}"
            ],
            "version": "==1.3.0"
        }}
    }}
}}
'''),
    ('decoy-sha256sums', 'dist/SHA256SUMS', '''\
{_hex}  together-cli_0.4.1_linux_amd64.tar.gz
'''),
    ('decoy-docker-digest', 'deploy/compose.yml', '''\
services:
  together-proxy:
    image: ghcr.io/togethercomputer/proxy@sha256:{_hex}
'''),
    ('decoy-sympy-together', 'math/simplify.py', '''\
from sympy import together, symbols
x, y = symbols("x y")
EXPECTED_SHA256 = "{_hex}"
assert together(1/x + 1/y) == (x + y)/(x*y)
'''),
    # Placeholders built here, so no format-valid key is committed.
    ('decoy-placeholder-x', '.env.example', 'TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n'),
    ('decoy-placeholder-angle', 'docs/setup.md', '''\
export TOGETHER_API_KEY=<your-together-api-key>
'''),
    ('decoy-key-id', 'out/keys.json',
     '{{"data":[{{"id":"' + _KEY_ID + '","name":"ci","provider":"together"}}]}}\n'),
    ('decoy-shell-var', 'run.sh', '''\
curl -H "Authorization: Bearer ${{TOGETHER_API_KEY}}" https://api.together.xyz/v1/models
'''),
    ('decoy-os-environ', 'app/cfg.py', '''\
client = Together(api_key=os.environ["TOGETHER_API_KEY"])
'''),
    ('decoy-process-env', 'src/cfg.ts', '''\
const together = new Together({{ apiKey: process.env.TOGETHER_API_KEY! }});
'''),
    ('decoy-gha-secret', '.github/workflows/ci.yml', '''\
    env:
      TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
'''),
    ('decoy-terraform-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.1.0"
  hashes = [
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-model-checksum', 'models/manifest.yaml', '''\
model: togethercomputer/RedPajama-INCITE-7B-Base
sha256: {_hex}
'''),
    ('decoy-readable-run', 'docs/format.md',
     'A key looks like tgp_v1_' + string.ascii_letters[:43] + ' (50 characters).\n'),
    ('decoy-git-lfs-pointer', 'weights/together-7b.bin', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 13476839424
'''),
    ('decoy-b64-ciphertext', 'sops/together.enc.yaml', '''\
together_api_key: ENC[AES256_GCM,data:{_b64},type:str]
'''),
)

CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
