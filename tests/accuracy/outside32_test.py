"""An outside tester's held-out set (session 32, outside32): written
before reading the detection rules, the way a developer's repository
really holds a Together key.  Source in many languages (Python, a
notebook, TypeScript, Go, Rust, Java, Kotlin, C#, Ruby, PHP, Swift,
Elixir, R, Julia, Lua, Dart, C++, Haskell, PowerShell, Bash), configs
(``.env``, Compose, a Kubernetes Secret's ``stringData``, Helm values,
Terraform, Pulumi, Ansible), CI files (GitHub Actions, GitLab CI,
CircleCI, a Jenkinsfile), docs (a README's curl, a wiki table), logs, shell
histories, test fixtures (a VCR cassette, a pytest ``conftest``), files
beside lockfiles, binaries people commit (a ``.pyc``, a SQLite database,
a pickle) and generated files; current keys (``tgp_v1_`` + 43) and
legacy hex keys with Together context.  Decoys: placeholders, key ids,
env lookups in each language, a digest beside ``together`` in a
lockfile, a pinned hash in ``requirements.txt``, an image digest, docs
that explain the key format, fixtures with obviously fake keys
(``tgp_v1_`` + 43 ``x``), a README's ``tgp_v1_...``, a 64-hex session
secret with no Together near it.
What the 6b50fee9 code missed is in ``MISSED`` (strict xfails) or was
found in the same session (docs/detection.md, "Session 32 (outside32)").
"""
from __future__ import annotations

import json

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- source code, current keys ----------------------------------------------------------------------

SOURCE = key_cases(
    ('python-client-kwarg', 'app/llm.py', '''\
from together import Together

client = Together(api_key="{key}")
'''),
    ('python-settings-constant', 'app/settings.py', '''\
import os

DEBUG = os.environ.get("DEBUG") == "1"
TOGETHER_KEY = '{key}'  # TODO move to vault
'''),
    ('typescript-openai-compatible', 'src/lib/ai.ts', '''\
import OpenAI from "openai";

export const together = new OpenAI({{
  apiKey: "{key}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('go-const-block', 'internal/llm/client.go', '''\
package llm

const (
\tbaseURL = "https://api.together.xyz/v1"
\tapiKey  = "{key}"
)
'''),
    ('rust-const-str', 'src/main.rs', '''\
const TOGETHER_API_KEY: &str = "{key}";

fn main() {{
    println!("model: {{}}", "meta-llama/Llama-3.3-70B-Instruct-Turbo");
}}
'''),
    ('java-static-final', 'src/main/java/com/acme/Llm.java', '''\
package com.acme;

public final class Llm {{
    private static final String TOGETHER_API_KEY = "{key}";
}}
'''),
    ('kotlin-buildconfig-field', 'app/build.gradle.kts', '''\
android {{
    defaultConfig {{
        buildConfigField("String", "TOGETHER_API_KEY", "\\"{key}\\"")
    }}
}}
'''),
    ('csharp-verbatim-string', 'Services/LlmService.cs', '''\
namespace Acme.Services;

public class LlmService
{{
    private const string ApiKey = @"{key}";
}}
'''),
    ('ruby-env-fetch-default', 'config/initializers/together.rb', '''\
TOGETHER_API_KEY = ENV.fetch("TOGETHER_API_KEY", "{key}")
'''),
    ('php-define', 'wp-content/plugins/ai-helper/config.php', '''\
<?php
define('TOGETHER_API_KEY', '{key}');
'''),
    ('swift-let', 'Sources/App/Secrets.swift', '''\
enum Secrets {{
    static let togetherAPIKey = "{key}"
}}
'''),
    ('elixir-runtime-config', 'config/runtime.exs', '''\
import Config

config :my_app, :together,
  api_key: "{key}"
'''),
    ('r-sys-setenv', 'analysis/run.R', '''\
Sys.setenv(TOGETHER_API_KEY = "{key}")
library(httr2)
'''),
    ('julia-env-assign', 'scripts/bench.jl', '''\
ENV["TOGETHER_API_KEY"] = "{key}"
using HTTP
'''),
    ('lua-table', 'nvim/lua/plugins/ai.lua', '''\
return {{
  provider = "together",
  api_key = "{key}",
}}
'''),
    ('dart-const', 'lib/env.dart', '''\
const String togetherApiKey = '{key}';
'''),
    ('cpp-define', 'src/config.h', '''\
#pragma once
#define TOGETHER_API_KEY "{key}"
'''),
    ('haskell-binding', 'src/Config.hs', '''\
module Config where

apiKey :: String
apiKey = "{key}"
'''),
    ('powershell-env', 'scripts/setup.ps1', '''\
$env:TOGETHER_API_KEY = "{key}"
python -m app
'''),
    ('bash-export', 'scripts/run.sh', '''\
#!/usr/bin/env bash
set -euo pipefail
export TOGETHER_API_KEY={key}
python -m app "$@"
'''),
    ('python-fstring-header', 'app/raw_http.py', '''\
headers = {{"Authorization": f"Bearer {key}"}}
'''),
)


def _notebook(m: Made):
    # a notebook committed with its cell source and a printed output
    k1, k2 = m.key(), m.key()
    nb = {
        'cells': [
            {'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'outputs': [],
             'source': ['import os\n', f'os.environ["TOGETHER_API_KEY"] = "{k1}"\n']},
            {'cell_type': 'code', 'execution_count': 2, 'metadata': {},
             'outputs': [{'name': 'stdout', 'output_type': 'stream',
                          'text': [f'using key {k2}\n']}],
             'source': ['print("using key", os.environ["OTHER"])']},
        ],
        'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3'}},
        'nbformat': 4, 'nbformat_minor': 5,
    }
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, k1), k1), (line_of(text, k2), k2)]


# -- configs, CI, infrastructure as code ---------------------------------------------------------

CONFIGS = key_cases(
    ('dotenv-production', '.env.production', '''\
NODE_ENV=production
TOGETHER_API_KEY={key}
DATABASE_URL=postgres://app@db/app
'''),
    ('compose-environment', 'docker-compose.yml', '''\
services:
  api:
    image: acme/api:1.4
    environment:
      - TOGETHER_API_KEY={key}
'''),
    ('k8s-secret-stringdata', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: llm
type: Opaque
stringData:
  TOGETHER_API_KEY: "{key}"
'''),
    ('helm-values', 'charts/api/values-prod.yaml', '''\
llm:
  provider: together
  apiKey: {key}
'''),
    ('terraform-tfvars', 'infra/prod.tfvars', '''\
region           = "us-east-1"
together_api_key = "{key}"
'''),
    ('pulumi-config', 'Pulumi.prod.yaml', '''\
config:
  app:togetherApiKey: {key}
'''),
    ('ansible-vars', 'ansible/group_vars/all.yml', '''\
---
together_api_key: "{key}"
'''),
    ('github-actions-env', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: {key}
    steps:
      - run: python eval.py
'''),
    ('gitlab-ci-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "{key}"
test:
  script: pytest
'''),
    ('circleci-run-inline', '.circleci/config.yml', '''\
version: 2.1
jobs:
  build:
    docker: [{{image: cimg/python:3.12}}]
    steps:
      - run: TOGETHER_API_KEY={key} pytest -m live
'''),
    ('jenkinsfile-withenv', 'Jenkinsfile', '''\
pipeline {{
  agent any
  stages {{ stage('eval') {{ steps {{
    withEnv(["TOGETHER_API_KEY={key}"]) {{ sh 'make eval' }}
  }} }} }}
}}
'''),
    ('dockerfile-env', 'Dockerfile', '''\
FROM python:3.12-slim
ENV TOGETHER_API_KEY={key}
COPY . /app
'''),
    ('vscode-continue-config', '.continue/config.json', '''\
{{"models": [{{"title": "Llama", "provider": "together", "model": "meta-llama/Llama-3-70b-chat-hf", "apiKey": "{key}"}}]}}
'''),
    ('ini-section', 'setup/llm.ini', '''\
[together]
api_key = {key}
'''),
    ('toml-table', 'config/settings.toml', '''\
[llm.together]
api_key = "{key}"
'''),
    ('xml-appsettings', 'web.config', '''\
<configuration>
  <appSettings>
    <add key="TogetherApiKey" value="{key}" />
  </appSettings>
</configuration>
'''),
)

# -- docs, logs, histories, fixtures -------------------------------------------------------------

TEXTS = key_cases(
    ('readme-curl', 'README.md', '''\
## Try it

```bash
curl https://api.together.xyz/v1/chat/completions \\
  -H "Authorization: Bearer {key}" \\
  -H "Content-Type: application/json"
```
'''),
    ('wiki-table', 'docs/onboarding.md', '''\
| Service | Key |
|---|---|
| Together (staging) | `{key}` |
'''),
    ('httpx-debug-log', 'logs/app.log', '''\
2025-03-01 10:00:00,001 DEBUG httpx send_request_headers.started request=<Request [b'POST']>
2025-03-01 10:00:00,002 DEBUG httpx HTTP Request headers: {{'authorization': 'Bearer {key}', 'host': 'api.together.xyz'}}
'''),
    ('bash-history', 'home/.bash_history', '''\
cd ~/src/app
export TOGETHER_API_KEY={key}
python chat.py
'''),
    ('zsh-extended-history', 'home/.zsh_history', '''\
: 1709280000:0;git status
: 1709280010:0;TOGETHER_API_KEY={key} python chat.py
'''),
    ('vcr-cassette', 'tests/cassettes/test_chat.yaml', '''\
interactions:
- request:
    body: '{{"model": "meta-llama/Llama-3-8b-chat-hf"}}'
    headers:
      Authorization:
      - Bearer {key}
    method: POST
    uri: https://api.together.xyz/v1/chat/completions
'''),
    ('pytest-conftest-fixture', 'tests/conftest.py', '''\
import pytest


@pytest.fixture(autouse=True)
def together_key(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", "{key}")
'''),
    ('package-json-script', 'package.json', '''\
{{
  "name": "chat-ui",
  "scripts": {{
    "dev": "TOGETHER_API_KEY={key} next dev"
  }}
}}
'''),
    ('requirements-adjacent-env', 'requirements-dev.txt', '''\
together==1.3.0
# local: TOGETHER_API_KEY={key}
pytest==8.0.0
'''),
    ('generated-openapi-config', 'generated/client/configuration.py', '''\
# Code generated by openapi-generator. DO NOT EDIT.
class Configuration:
    def __init__(self):
        self.host = "https://api.together.xyz/v1"
        self.access_token = "{key}"
'''),
    ('key-in-commit-template', '.gitmessage', '''\
# debug: TOGETHER_API_KEY={key}
'''),
)

# -- legacy keys with Together context -----------------------------------------------------------

LEGACY = key_cases(
    ('legacy-dotenv', '.env', '''\
TOGETHER_API_KEY={hex}
'''),
    ('legacy-python-module-attr', 'scripts/old_client.py', '''\
import together

together.api_key = "{hex}"
'''),
    ('legacy-python-client-kwarg', 'app/legacy.py', '''\
from together import Together

client = Together(api_key="{hex}")
'''),
    ('legacy-js-constructor', 'src/legacy.js', '''\
import Together from "together-ai";

const client = new Together({{ apiKey: "{hex}" }});
'''),
    ('legacy-yaml-together-block', 'config/llm.yaml', '''\
together:
  api_key: {hex}
  model: mistralai/Mixtral-8x7B-Instruct-v0.1
'''),
    ('legacy-generic-beside-endpoint', 'config/openai_compat.env', '''\
OPENAI_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
'''),
    ('legacy-langchain', 'app/chain.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(model="meta-llama/Llama-3-70b-chat-hf", together_api_key="{hex}")
'''),
    ('legacy-litellm-config', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: {hex}
'''),
    ('legacy-docker-run', 'scripts/run-container.sh', '''\
docker run --rm -e TOGETHER_API_KEY={hex} acme/chat:latest
'''),
    ('legacy-terraform', 'infra/main.tf', '''\
resource "kubernetes_secret" "llm" {{
  metadata {{ name = "llm" }}
  data = {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('legacy-github-actions', '.github/workflows/legacy.yml', '''\
jobs:
  run:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: {hex}
'''),
    ('legacy-go-client', 'cmd/legacy/main.go', '''\
package main

func main() {{
\tclient := together.NewClient("{hex}")
\t_ = client
}}
'''),
    ('legacy-history', 'home/.bash_history.old', '''\
export TOGETHER_API_KEY={hex}
'''),
    ('legacy-notebook-cell', 'notebooks/legacy.ipynb', '''\
{{"cells": [{{"cell_type": "code", "metadata": {{}}, "outputs": [], "source": ["import together\\n", "together.api_key = \\"{hex}\\"\\n"]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}
'''),
)


# -- binaries and generated files people commit ----------------------------------------------------

def _pyc(m: Made):
    # a committed __pycache__ file: the key a constant of the module
    import importlib.util
    import marshal

    k = m.key()
    code = compile(f'TOGETHER_API_KEY = "{k}"\n', 'settings.py', 'exec')
    data = importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(code)
    return data, [(line_of(data, k.encode()), k)]


def _sqlite(m: Made):
    # a development database committed by mistake, a settings table
    import sqlite3

    k = m.key()
    con = sqlite3.connect(':memory:')
    con.execute('create table settings (name text primary key, value text)')
    con.execute('insert into settings values (?, ?)', ('together_api_key', k))
    con.commit()
    data = con.serialize()
    con.close()
    return data, [(line_of(data, k.encode()), k)]


def _pickle(m: Made):
    # a pickled run config saved beside a model checkpoint
    import pickle

    k = m.key()
    data = pickle.dumps({'provider': 'together', 'api_key': k, 'temperature': 0.2}, protocol=4)
    return data, [(line_of(data, k.encode()), k)]


def _source_map(m: Made):
    # a production bundle's source map, committed with the dist folder
    k = m.key()
    src = f'export const client = new Together({{ apiKey: "{k}" }});\n'
    text = json.dumps({'version': 3, 'sources': ['src/client.ts'], 'sourcesContent': [src],
                       'mappings': 'AAAA'}) + '\n'
    return text, [(1, k)]


BINARY = [
    Case('notebook-cell-and-output', 'notebooks/explore.ipynb', _notebook),
    Case('pyc-constant', 'app/__pycache__/settings.cpython-312.pyc', _pyc),
    Case('sqlite-dev-database', 'db/dev.sqlite3', _sqlite),
    Case('pickle-run-config', 'checkpoints/run_config.pkl', _pickle),
    Case('source-map-sources-content', 'dist/assets/index.js.map', _source_map),
]

# -- decoys ----------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-python-env-lookups', 'app/env.py', '''\
import os
key = os.environ["TOGETHER_API_KEY"]
key2 = os.getenv("TOGETHER_API_KEY", "")
'''),
    ('decoy-node-env', 'src/env.ts', '''\
export const apiKey = process.env.TOGETHER_API_KEY!;
'''),
    ('decoy-go-getenv', 'internal/env.go', '''\
package env

var TogetherKey = os.Getenv("TOGETHER_API_KEY")
'''),
    ('decoy-compose-reference', 'docker-compose.override.yml', '''\
services:
  api:
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY}}
'''),
    ('decoy-actions-secret', '.github/workflows/ci.yml', '''\
env:
  TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
'''),
    ('decoy-readme-placeholders', 'docs/quickstart.md', '''\
export TOGETHER_API_KEY=tgp_v1_...
export TOGETHER_API_KEY=<your-key>
Keys look like `tgp_v1_` followed by 43 characters.
'''),
    ('decoy-format-regex-doc', 'docs/security.md', '''\
Our scanner matches `tgp_v1_[A-Za-z0-9_-]{{43}}` and legacy 64-hex keys.
'''),
    ('decoy-env-example', '.env.example', '''\
TOGETHER_API_KEY=
TOGETHER_API_KEY_OLD=changeme
'''),
    ('decoy-key-id', 'exports/keys.csv', '''\
id,name,created
key_9f3a1c7e2b,ci,2025-01-01
'''),
    ('decoy-package-lock-together', 'package-lock.json', '''\
{{
  "node_modules/together-ai": {{
    "version": "0.6.0",
    "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz",
    "integrity": "sha256-{_hex}"
  }}
}}
'''),
    ('decoy-requirements-hash', 'requirements.lock', '''\
together==1.3.0 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-image-digest', 'k8s/deploy.yaml', '''\
containers:
  - name: together-proxy
    image: ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.0"
files = [
    {{file = "together-1.3.0-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-session-secret-no-together', 'config/session.env', '''\
SESSION_SECRET={_hex}
'''),
)


def _fake_fixture(m: Made):
    return ('FAKE_KEY = "tgp_v1_' + 'x' * 43 + '"\n'
            'OTHER = "tgp_v1_' + 'X' * 43 + '"\n'), []


def _readable(m: Made):
    body = 'thisIsNotARealKeyJustTheDocsExampleValue00'
    assert len(body) == 42
    return f'TOGETHER_API_KEY=tgp_v1_{body}A\n', []


def _truncated(m: Made):
    k = m.key()
    return f'# rotated: {k[:12]}...{k[-4:]}\nTOGETHER_API_KEY={k[:30]}\n', []


def _git_sha_near_together(m: Made):
    # a 40-hex commit and a 64-hex object id of a SHA-256 repository,
    # in a changelog that names together-python
    h = m.hex()
    return f'- bump together-python (commit {h[:40]})\n- object {h} in sha256 repo\n', []


def _env_lookups_many(m: Made):
    return ('apiKey = System.getenv("TOGETHER_API_KEY")\n'
            'key = ENV["TOGETHER_API_KEY"]\n'
            '$key = getenv("TOGETHER_API_KEY");\n'
            'let key = std::env::var("TOGETHER_API_KEY")?;\n'), []


DECOYS += [
    Case('decoy-fake-fixture-xs', 'tests/fixtures/fake.py', _fake_fixture),
    Case('decoy-readable-run', 'docs/example.env', _readable),
    Case('decoy-truncated', 'notes/rotation.md', _truncated),
    Case('decoy-commit-ids-near-together', 'CHANGELOG.md', _git_sha_near_together),
    Case('decoy-env-lookups-many-languages', 'notes/lookups.txt', _env_lookups_many),
]

# -- a second, harder round (still written before reading the rules) -----------------------------

HARDER = key_cases(
    ('makefile-export', 'Makefile', """\
export TOGETHER_API_KEY := {key}
run:
\tpython -m app
"""),
    ('nix-shell-env', 'shell.nix', """\
pkgs.mkShell {{
  TOGETHER_API_KEY = "{key}";
}}
"""),
    ('windows-batch-set', 'scripts/run.bat', """\
@echo off\r
set TOGETHER_API_KEY={key}\r
python -m app\r
"""),
    ('fish-set-gx', '.config/fish/conf.d/together.fish', """\
set -gx TOGETHER_API_KEY {key}
"""),
    ('idea-run-config-env', '.idea/runConfigurations/app.xml', """\
<component name="ProjectRunConfigurationManager">
  <configuration name="app" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{key}" />
    </envs>
  </configuration>
</component>
"""),
    ('android-strings-xml', 'app/src/main/res/values/secrets.xml', """\
<resources>
    <string name="together_api_key">{key}</string>
</resources>
"""),
    ('plist-xml', 'ios/App/Info.plist', """\
<dict>
\t<key>TogetherAPIKey</key>
\t<string>{key}</string>
</dict>
"""),
    ('url-userinfo', 'config/proxy.env', """\
LLM_PROXY=https://svc:{key}@llm-proxy.internal:8443/v1
"""),
    ('sql-migration-insert', 'db/migrations/0007_seed_settings.sql', """\
INSERT INTO settings (name, value) VALUES ('together_api_key', '{key}');
"""),
    ('go-raw-string', 'internal/testdata/config_test.go', """\
var cfg = `
together:
  api_key: {key}
`
"""),
    ('html-meta', 'public/index.html', """\
<meta name="together-api-key" content="{key}">
"""),
    ('env-crlf-quoted-comment', 'win/.env', """\
TOGETHER_API_KEY="{key}" # prod\r
"""),
    ('legacy-netrc', 'home/.netrc', """\
machine api.together.xyz login alice password {hex}
"""),
    ('legacy-curl-bearer', 'docs/debug.md', """\
curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}"
"""),
    ('legacy-helm-set', 'deploy/install.sh', """\
helm upgrade --install chat ./chart --set together.apiKey={hex}
"""),
    ('legacy-kotlin-ctor', 'app/src/main/kotlin/Llm.kt', """\
val client = Together(apiKey = "{hex}")
"""),
    ('legacy-password-manager-csv', 'exports/passwords.csv', """\
name,url,username,password
Together AI,https://api.together.xyz,alice@example.com,{hex}
"""),
    ('legacy-autogen-config-list', 'OAI_CONFIG_LIST.json', """\
[{{"model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "api_key": "{hex}", "base_url": "https://api.together.xyz/v1"}}]
"""),
    ('legacy-ipython-env-magic', 'notebooks/magic.py', """\
# %%
%env TOGETHER_API_KEY={hex}
"""),
    ('legacy-togetherai-name', 'config/ai.env', """\
TOGETHERAI_API_KEY={hex}
"""),
    ('legacy-vercel-ai-sdk', 'src/ai.ts', """\
import {{ createTogetherAI }} from "@ai-sdk/togetherai";
export const together = createTogetherAI({{ apiKey: "{hex}" }});
"""),
    ('legacy-comment-context', 'scripts/bench.py', """\
# Together AI
API_KEY = "{hex}"
"""),
    ('legacy-dspy-lm', 'app/dspy_setup.py', """\
lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="{hex}")
"""),
)


def _utf16_profile(m: Made):
    # Windows PowerShell 5 writes UTF-16LE with a BOM (Out-File, >)
    k = m.key()
    text = f'$env:TOGETHER_API_KEY = "{k}"\r\n'
    return b'\xff\xfe' + text.encode('utf-16-le'), [(1, k)]


def _gzip_log(m: Made):
    import gzip

    k = m.key()
    return gzip.compress(f'INFO start\nDEBUG auth=Bearer {k}\n'.encode(), mtime=0), [(2, k)]


def _xlsx(m: Made):
    import io
    import zipfile

    k = m.key()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('xl/sharedStrings.xml',
                   '<?xml version="1.0"?><sst><si><t>together</t></si>'
                   f'<si><t>{k}</t></si></sst>')
    return buf.getvalue(), [(1, k)]


def _key_edges(m: Made):
    # keys whose body starts or ends with - or _
    k1, k2 = m.key()[:-1] + '-', m.key()[:-1] + '_'
    m.made += [k1, k2]
    return (f'TOGETHER_API_KEY={k1}\nkeys = ["{k2}"]\n'), [(1, k1), (2, k2)]


def _properties_continuation(m: Made):
    # a .properties value continued on the next line (a backslash at
    # the line's end, the next line's leading blanks dropped)
    k = m.key()
    return f'together.api.key={k[:27]}\\\n    {k[27:]}\nother=1\n', [(1, k)]


def _js_concat(m: Made):
    k = m.key()
    return f'const key = "tgp_v1_" + "{k[7:]}";\n', [(1, k)]


HARDER += [
    Case('java-properties-continuation', 'src/main/resources/application.properties',
         _properties_continuation),
    Case('js-concat-prefix', 'src/obfuscated.js', _js_concat),
    Case('utf16-powershell-profile', 'WindowsPowerShell/profile.ps1', _utf16_profile),
    Case('gzip-rotated-log', 'logs/app.log.1.gz', _gzip_log),
    Case('xlsx-shared-strings', 'docs/keys.xlsx', _xlsx),
    Case('key-ends-dash-underscore', 'config/edges.env', _key_edges),
]

DECOYS_HARDER = key_cases(
    ('decoy-cargo-lock', 'Cargo.lock', """\
[[package]]
name = "together-rs"
version = "0.2.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
"""),
    ('decoy-pipfile-lock', 'Pipfile.lock', """\
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
"""),
    ('decoy-uv-lock', 'uv.lock', """\
[[package]]
name = "together"
version = "1.3.0"
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.0.tar.gz", hash = "sha256:{_hex}" }}
"""),
    ('decoy-terraform-lock', '.terraform.lock.hcl', """\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.1.0"
  hashes = [
    "zh:{_hex}",
  ]
}}
"""),
    ('decoy-lfs-pointer', 'models/together-lora.safetensors', """\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 134217728
"""),
    ('decoy-sha256sums', 'dist/SHA256SUMS', """\
{_hex}  together-cli-linux-amd64
"""),
    ('decoy-hf-model-revision', 'config/models.yaml', """\
model: togethercomputer/RedPajama-INCITE-7B-Instruct
revision: {_hex}
"""),
)


def _sequential(m: Made):
    return ('TOGETHER_API_KEY=tgp_v1_' + ('0123456789' * 5)[:43] + '\n'
            'TOGETHER_API_KEY=tgp_v1_' + 'A' * 43 + '\n'
            'TOGETHER_API_KEY=tgp_v1_' + ('test' * 11)[:43] + '\n'), []


def _your_key_here(m: Made):
    body = 'YOUR_TOGETHER_API_KEY_GOES_HERE_xxxxxxxxxxx'
    assert len(body) == 43
    name = 'api' + '_key'
    return f'{name} = "tgp_v1_{body}"\n', []


def _redacted_in_test(m: Made):
    k = m.key()
    return (f'assert redact(key) == "{k[:9]}\u2026{k[-2:]}"\n'
            f'assert masked == "{k[:7]}{"*" * 43}"\n'), []


DECOYS_HARDER += [
    Case('decoy-sequential-fakes', 'tests/fixtures/env.test', _sequential),
    Case('decoy-your-key-here', 'templates/config.py.tmpl', _your_key_here),
    Case('decoy-redacted-in-test', 'tests/test_redact.py', _redacted_in_test),
]

# -- a third round: keys in more tools' files, legacy keys whose Together
# context is the file's own name or a notebook cell's source -------------

THIRD = key_cases(
    ('git-credentials-store', 'home/.git-credentials', """\
https://alice:{key}@api.together.xyz
"""),
    ('patch-file-committed', 'patches/0001-set-key.patch', """\
--- a/.env
+++ b/.env
@@ -1 +1 @@
-TOGETHER_API_KEY=
+TOGETHER_API_KEY={key}
"""),
    ('fine-tune-jsonl-chat', 'data/support-chats.jsonl', """\
{{"messages": [{{"role": "user", "content": "my key is {key} and I get 401"}}]}}
"""),
    ('legacy-path-together-env', 'secrets/together.env', """\
API_KEY={hex}
"""),
    ('legacy-path-together-yaml', 'config/together.yaml', """\
api_key: {hex}
model: meta-llama/Llama-3-70b-chat-hf
"""),
    ('legacy-path-dot-together-folder', '.together/credentials.json', """\
{{"api_key": "{hex}"}}
"""),
    ('legacy-path-provider-file', 'providers/together.json', """\
{{"apiKey": "{hex}", "timeoutMs": 30000}}
"""),
    ('legacy-path-together-ts-module', 'src/config/together.ts', """\
export default {{ apiKey: "{hex}" }};
"""),
    ('legacy-shell-python-c-print', 'notes/debug-session.txt', """\
$ python -c 'import os; print(os.environ["TOGETHER_API_KEY"])'
{hex}
"""),
    ('decoy-shell-python-c-digest', 'notes/fingerprint-session.txt', """\
$ python -c 'import hashlib, os; print(hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest())'
{_hex}
"""),
    ('decoy-path-together-lock', 'vendor/together/poetry.lock', """\
[[package]]
name = "requests"
files = [{{file = "requests-2.32.0-py3-none-any.whl", hash = "sha256:{_hex}"}}]
"""),
    ('decoy-path-together-checksums', 'dist/together.sha256', """\
{_hex}  together-1.3.0.tar.gz
"""),
    ('decoy-path-together-digest', 'together/fixtures.py', """\
DIGEST = "{_hex}"
"""),
    ('decoy-path-together-cache-key', 'together/cache/index.json', """\
{{"key": "{_hex}", "etag": "W/1"}}
"""),
)


def _docker_auth(m: Made):
    # ~/.docker/config.json: ``auth`` is base64 of ``user:password``
    import base64

    k = m.key()
    auth = base64.b64encode(f'alice:{k}'.encode()).decode()
    return json.dumps({'auths': {'registry.together.ai': {'auth': auth}}}) + '\n', [(1, k)]


def _nb_output(source: list[str], output: dict[str, object]):
    return json.dumps({'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {},
                                  'source': source, 'outputs': [output]}],
                       'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}, indent=1) + '\n'


def _nb_repr_output(m: Made):
    # a cell showing the module's key: its repr is the cell's result
    h = m.hex()
    text = _nb_output(['import together\n', 'together.api_key'],
                      {'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
                       'data': {'text/plain': [f"'{h}'"]}})
    return text, [(line_of(text, h), h)]


def _nb_print_output(m: Made):
    h = m.hex()
    text = _nb_output(['print(os.environ["TOGETHER_API_KEY"])'],
                      {'output_type': 'stream', 'name': 'stdout', 'text': [h + '\n']})
    return text, [(line_of(text, h), h)]


def _nb_other_output(m: Made):
    # a cell printing a digest: the notebook names Together elsewhere
    h = m.hex()
    return _nb_output(['import together, hashlib\n', 'hashlib.sha256(data).hexdigest()'],
                      {'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
                       'data': {'text/plain': [f"'{h}'"]}}), []


def _nb_sorted(cells: list[dict[str, object]]) -> str:
    # as Jupyter writes it: keys sorted (a cell's outputs before its
    # source), one space of indent
    return json.dumps({'cells': cells, 'metadata': {'kernelspec': {'name': 'python3'}},
                       'nbformat': 4, 'nbformat_minor': 5},
                      indent=1, sort_keys=True, ensure_ascii=False) + '\n'


def _code(source: list[str], *outputs: dict[str, object], count: int = 1) -> dict[str, object]:
    return {'cell_type': 'code', 'execution_count': count, 'id': f'c{count}', 'metadata': {},
            'outputs': list(outputs), 'source': source}


def _stream(*lines: str) -> dict[str, object]:
    return {'name': 'stdout', 'output_type': 'stream', 'text': list(lines)}


def _result(text: str, count: int = 1) -> dict[str, object]:
    return {'data': {'text/plain': [text]}, 'execution_count': count, 'metadata': {},
            'output_type': 'execute_result'}


def _nb_echo_sorted(m: Made):
    # ``!echo $TOGETHER_API_KEY`` in a notebook saved by Jupyter, a
    # markdown cell and a plain cell before it
    h = m.hex()
    text = _nb_sorted([
        {'cell_type': 'markdown', 'id': 'm1', 'metadata': {}, 'source': ['# Setup']},
        _code(['import pandas as pd'], count=1),
        _code(['!echo $TOGETHER_API_KEY'], _stream(h + '\n'), count=2),
    ])
    return text, [(line_of(text, h), h)]


def _nb_getenv_sorted(m: Made):
    h = m.hex()
    text = _nb_sorted([_code(['import os\n', 'os.getenv("TOGETHER_API_KEY")'],
                             _result(f"'{h}'", 4), count=4)])
    return text, [(line_of(text, h), h)]


def _nb_digest_of_key(m: Made):
    # the key's own digest printed (a fingerprint to compare): no key
    h = m.hex()
    return _nb_sorted([
        _code(['import hashlib, os\n',
               'hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest()'],
              _result(f"'{h}'", 2), count=2),
    ]), []


def _nb_sha256sum(m: Made):
    h = m.hex()
    return _nb_sorted([
        _code(['!echo $TOGETHER_API_KEY | wc -c'], _stream('51\n'), count=1),
        _code(['!sha256sum together-1.3.0.tar.gz'], _stream(f'{h}  together-1.3.0.tar.gz\n'),
              count=2),
    ]), []


def _nb_key_cell_then_digest(m: Made):
    # one cell names Together's key and prints nothing, the next prints
    # a digest: one cell's source does not label another's output
    h = m.hex()
    return _nb_sorted([
        _code(['together.api_key = os.environ["TOGETHER_API_KEY"]'], count=1),
        _code(['model_digest'], _result(f"'{h}'", 2), count=2),
    ]), []


THIRD += [
    Case('legacy-notebook-echo-jupyter-sorted', 'notebooks/setup.ipynb', _nb_echo_sorted),
    Case('legacy-notebook-getenv-repr', 'notebooks/env.ipynb', _nb_getenv_sorted),
    Case('decoy-notebook-digest-of-key', 'notebooks/fingerprint.ipynb', _nb_digest_of_key),
    Case('decoy-notebook-sha256sum', 'notebooks/verify.ipynb', _nb_sha256sum),
    Case('decoy-notebook-key-cell-then-digest', 'notebooks/two-cells.ipynb', _nb_key_cell_then_digest),
    Case('docker-config-auth', 'home/.docker/config.json', _docker_auth),
    Case('legacy-notebook-output-repr', 'notebooks/check-key.ipynb', _nb_repr_output),
    Case('legacy-notebook-output-print', 'notebooks/print-key.ipynb', _nb_print_output),
    Case('decoy-notebook-digest-output', 'notebooks/digest.ipynb', _nb_other_output),
]

CASES = SOURCE + CONFIGS + TEXTS + LEGACY + BINARY + DECOYS + HARDER + DECOYS_HARDER + THIRD

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'legacy-shell-python-c-print': "a legacy key printed in a shell session by `python -c '...print(os.environ[\"TOGETHER_API_KEY\"])'`: the transcript rules read `echo $TOGETHER_API_KEY` and IPython's prompt over a bare key, not a command whose Python program prints the name (legacy32's area)",
    'legacy-path-together-env': "a legacy key under a generic name (api_key, apiKey, API_KEY) in a file whose own name says Together (together.env, together.yaml, .together/, providers/together.json): the file's path is no Together context for a legacy key",
    'legacy-path-together-yaml': "a legacy key under a generic name (api_key, apiKey, API_KEY) in a file whose own name says Together (together.env, together.yaml, .together/, providers/together.json): the file's path is no Together context for a legacy key",
    'legacy-path-dot-together-folder': "a legacy key under a generic name (api_key, apiKey, API_KEY) in a file whose own name says Together (together.env, together.yaml, .together/, providers/together.json): the file's path is no Together context for a legacy key",
    'legacy-path-provider-file': "a legacy key under a generic name (api_key, apiKey, API_KEY) in a file whose own name says Together (together.env, together.yaml, .together/, providers/together.json): the file's path is no Together context for a legacy key",
    'legacy-path-together-ts-module': "a legacy key under a generic name (api_key, apiKey, API_KEY) in a file whose own name says Together (together.env, together.yaml, .together/, providers/together.json): the file's path is no Together context for a legacy key",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 60 and keys >= 60 and decoys >= 15, (len(CASES), keys, decoys)
