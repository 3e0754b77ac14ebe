"""An outside tester's held-out set (session 34, outside34): what a
developer really commits, written before reading the detection rules.

Source in more than twenty languages, configs, notebooks, CI files,
infrastructure as code, docs, logs and debug dumps, shell and REPL
histories, test fixtures and recordings, files beside lockfiles, binaries
people commit (compiled Python, SQLite, Office and Java archives, a PE's
UTF-16 strings, ML checkpoints and safetensors headers, PNG text chunks,
a PDF) and generated files (bundles, source maps, coverage and Sphinx
HTML); current keys and legacy keys with Together context.  Decoys an
outsider uses against false positives: placeholders, key ids, env
lookups in many languages, lockfile checksums beside ``together``
packages, docs and validators that describe the key format, fixtures
with obviously fake keys, redacted and masked values.

Measured at 105bea8d before any change (docs/detection.md, "Session 34
(outside34)").  Keys are made at run time (``tests/keys.py``); a case is
held to the keys its file yields (``by_key``), not to their lines; every
mode a key reaches the scanner runs in ``outside34_modes_test.py``.

A template writes ``⟦name⟧`` where a value goes: ``key`` (``key2``...) a
current key, ``hex`` (``hex2``...) a legacy key, each expected; a name
starting with ``_`` is made but not expected (a decoy's value);
``_uuid``, ``_b64``, ``_sha1`` random values; ``_x43``, ``_a43``,
``_seq``, ``_words`` the fake keys of docs and fixtures (built here, at
run time: each is format-valid).
"""
from __future__ import annotations

import base64
import importlib.util
import io
import json
import marshal
import pickle
import re
import sqlite3
import struct
import tempfile
import uuid
import zipfile
import zlib
from typing import Callable

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases

_P = 'tgp' + '_v1_'
_FAKE = {
    'x43': _P + 'x' * 43,
    'a43': _P + 'A' * 43,
    'seq': _P + ('0123456789' * 5)[:43],
    'words': _P + ''.join(('This', 'Is', 'Not', 'A', 'Real', 'Key', 'Just', 'An', 'Example', 'For', 'The', 'Docs', '123')),
}
assert all(len(v) == 50 for v in _FAKE.values())

_FIELD = re.compile(r'⟦(_?[a-z0-9]+)⟧')


def _fill(m: Made, template: str) -> tuple[str, list[str]]:
    values: dict[str, str] = {}
    expected: list[str] = []

    def value(name: str) -> str:
        if name not in values:
            bare = name.lstrip('_')
            if bare in _FAKE:
                values[name] = _FAKE[bare]
            elif bare.startswith('key'):
                values[name] = m.key()
            elif bare.startswith('hex'):
                values[name] = m.hex()
            elif bare.startswith('uuid'):
                values[name] = str(uuid.UUID(int=m.rng.getrandbits(128)))
            elif bare.startswith('b64'):
                values[name] = base64.b64encode(m.rng.randbytes(32)).decode()
            elif bare.startswith('sha1'):
                values[name] = '%040x' % m.rng.getrandbits(160)
            else:
                raise KeyError(name)
            if not name.startswith('_'):
                expected.append(values[name])
        return values[name]

    return _FIELD.sub(lambda match: value(match.group(1)), template), expected


def T(case_id: str, path: str, template: str) -> Case:
    """A text case from a template (see the module's docstring)."""
    def fill(m: Made):
        text, keys = _fill(m, template)
        return text.encode(), [(0, k) for k in keys]
    return Case(case_id, path, fill)


def B(case_id: str, path: str, build: Callable[[Made], tuple[bytes, list[str]]]) -> Case:
    """A case whose bytes a builder writes: ``build(m)`` -> (bytes, keys)."""
    def fill(m: Made):
        data, keys = build(m)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


def W(case_id: str, path: str, template: str, wrap: Callable[[bytes], bytes]) -> Case:
    """A template's text put through ``wrap`` (a container, an encoding)."""
    def build(m: Made) -> tuple[bytes, list[str]]:
        text, keys = _fill(m, template)
        return wrap(text.encode()), keys
    return B(case_id, path, build)


# --- source, in many languages -------------------------------------------------------------------

SOURCE = [
    T('py-implicit-concat-parens', 'app/settings.py', '''\
TOGETHER_API_KEY = (
    "⟦key⟧"
)
DEBUG = False
'''),
    T('py-legacy-old-sdk', 'scripts/old_together.py', '''\
import together

together.api_key = "⟦hex⟧"
print(together.Models.list())
'''),
    T('py-openai-compatible-legacy', 'app/openai_client.py', '''\
from openai import OpenAI

client = OpenAI(
    api_key="⟦hex⟧",
    base_url="https://api.together.xyz/v1",
)
'''),
    T('py-langchain-legacy', 'app/chains.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(model="mistralai/Mixtral-8x7B-Instruct-v0.1", together_api_key='⟦hex⟧')
'''),
    T('js-esm-default', 'web/src/together.mjs', '''\
import Together from "together-ai";

export const together = new Together({ apiKey: '⟦key⟧' });
'''),
    T('ts-const-legacy', 'web/src/config.ts', '''\
export const config = {
  togetherApiKey: "⟦hex⟧",
  model: "meta-llama/Llama-3-70b-chat-hf",
} as const;
'''),
    T('tsx-component-prop', 'web/src/Chat.tsx', '''\
export function Chat() {
  return <TogetherProvider apiKey="⟦key⟧" model="Qwen/Qwen2.5-72B-Instruct-Turbo"><ChatBox /></TogetherProvider>;
}
'''),
    T('vue-sfc', 'web/src/components/Ask.vue', '''\
<script setup lang="ts">
const headers = { Authorization: `Bearer ⟦key⟧` };
</script>
<template><button @click="ask">Ask</button></template>
'''),
    T('go-raw-string', 'cmd/bot/main.go', '''\
package main

const togetherKey = `⟦key⟧`

func main() { run(togetherKey) }
'''),
    T('go-setenv-test-legacy', 'internal/llm/client_test.go', '''\
func TestChat(t *testing.T) {
\tt.Setenv("TOGETHER_API_KEY", "⟦hex⟧")
\tc := New()
\tif c == nil { t.Fatal("nil") }
}
'''),
    T('rust-raw-string', 'src/main.rs', '''\
const TOGETHER_API_KEY: &str = r#"⟦key⟧"#;

fn main() {
    println!("{}", TOGETHER_API_KEY.len());
}
'''),
    T('java-spring-value-default-legacy', 'src/main/java/com/acme/TogetherConfig.java', '''\
@Configuration
public class TogetherConfig {
    @Value("${together.api-key:⟦hex⟧}")
    private String apiKey;
}
'''),
    T('kotlin-buildconfig', 'app/build.gradle.kts', '''\
android {
    defaultConfig {
        buildConfigField("String", "TOGETHER_API_KEY", "\\"⟦key⟧\\"")
    }
}
'''),
    T('csharp-verbatim', 'src/Acme/TogetherClient.cs', '''\
namespace Acme;
public static class Secrets {
    public const string Together = @"⟦key⟧";
}
'''),
    T('ruby-env-default-legacy', 'config/initializers/together.rb', '''\
ENV['TOGETHER_API_KEY'] ||= '⟦hex⟧'
TOGETHER = Together::Client.new(api_key: ENV['TOGETHER_API_KEY'])
'''),
    T('php-array-legacy', 'config/services.php', '''\
<?php
return [
    'together' => [
        'key' => '⟦hex⟧',
        'url' => 'https://api.together.xyz/v1',
    ],
];
'''),
    T('lua-table', 'nvim/lua/plugins/ai.lua', '''\
return {
  "acme/together.nvim",
  opts = { api_key = "⟦key⟧", model = "codellama/CodeLlama-34b-Instruct-hf" },
}
'''),
    T('r-sys-setenv-legacy', 'analysis/setup.R', '''\
Sys.setenv(TOGETHER_API_KEY = "⟦hex⟧")
library(httr2)
'''),
    T('haskell-string', 'src/Config.hs', '''\
module Config where

togetherKey :: String
togetherKey = "⟦key⟧"
'''),
    T('cpp-constexpr', 'src/llm.cpp', '''\
#include <string_view>
constexpr std::string_view kTogetherKey{"⟦key⟧"};
'''),
    T('perl-hash', 'scripts/ask.pl', '''\
my %cfg = (together_key => '⟦key⟧', model => 'meta-llama/Llama-3-8b-chat-hf');
'''),
    T('powershell-env-legacy', 'scripts/setup.ps1', '''\
$env:TOGETHER_API_KEY = "⟦hex⟧"
python -m app
'''),
    T('zig-const', 'src/main.zig', '''\
const together_key = "⟦key⟧";
pub fn main() void { _ = together_key; }
'''),
    T('sql-seed-legacy', 'db/seeds/002_providers.sql', '''\
INSERT INTO providers (name, base_url, api_key)
VALUES ('together', 'https://api.together.xyz/v1', '⟦hex⟧');
'''),
    T('nim-const', 'src/llm.nim', '''\
const togetherKey = "⟦key⟧"
echo togetherKey.len
'''),
    T('erlang-define', 'src/llm.erl', '''\
-define(TOGETHER_KEY, <<"⟦key⟧">>).
'''),
]

# --- configs ------------------------------------------------------------------------------------

CONFIGS = [
    T('dotenv-local', '.env.local', 'NEXT_PUBLIC_APP=acme\nTOGETHER_API_KEY=⟦key⟧\n'),
    T('dotenv-quoted-legacy', '.env.production', 'TOGETHER_API_KEY="⟦hex⟧"\nNODE_ENV=production\n'),
    T('dotenv-example-real', '.env.example', '# copy to .env\nTOGETHER_API_KEY=⟦key⟧\nOPENAI_API_KEY=\n'),
    T('toml-provider-legacy', 'config/providers.toml', '''\
[providers.together]
api_key = "⟦hex⟧"
base_url = "https://api.together.xyz/v1"
'''),
    T('ini-section-legacy', 'setup/llm.ini', '''\
[together]
api_key = ⟦hex⟧
model = meta-llama/Llama-3-70b-chat-hf
'''),
    T('yaml-nested', 'config/app.yaml', '''\
llm:
  provider: together
  together:
    api_key: ⟦key⟧
'''),
    T('json5-comment', 'config/app.json5', '''\
{
  // Together
  togetherKey: '⟦key⟧',
}
'''),
    T('properties-dotted-legacy', 'src/main/resources/application.properties', '''\
server.port=8080
together.api.key=⟦hex⟧
'''),
    T('spring-yaml-kebab-legacy', 'src/main/resources/application.yml', '''\
together:
  api-key: ⟦hex⟧
  base-url: https://api.together.xyz/v1
'''),
    T('plist', 'iOS/Acme/Info.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>TogetherAPIKey</key>
\t<string>⟦key⟧</string>
</dict>
</plist>
'''),
    T('plist-legacy', 'iOS/Acme/Config.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>TOGETHER_API_KEY</key>
\t<string>⟦hex⟧</string>
</dict>
</plist>
'''),
    T('nginx-proxy-header', 'deploy/nginx/llm.conf', '''\
location /llm/ {
    proxy_pass https://api.together.xyz/;
    proxy_set_header Authorization "Bearer ⟦key⟧";
}
'''),
    T('nginx-proxy-header-legacy', 'deploy/nginx/llm-old.conf', '''\
location /v1/ {
    proxy_pass https://api.together.xyz/v1/;
    proxy_set_header Authorization "Bearer ⟦hex⟧";
}
'''),
    T('dockerfile-arg', 'Dockerfile', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY=⟦key⟧
ENV TOGETHER_API_KEY=${TOGETHER_API_KEY}
'''),
    T('makefile-export-legacy', 'Makefile', '''\
export TOGETHER_API_KEY := ⟦hex⟧

run:
\tpython -m app
'''),
    # (the URL in two literals: detect-secrets' basic-auth plugin reads this line)
    T('git-credentials', 'home/.git-credentials', 'https://bot:' '⟦key⟧@api.together.xyz\n'),
    T('aider-conf-legacy', '.aider.conf.yml', '''\
model: together_ai/meta-llama/Llama-3-70b-chat-hf
api-key:
  - together_ai=⟦hex⟧
'''),
    T('http-client-file', 'requests/chat.http', '''\
POST https://api.together.xyz/v1/chat/completions
Authorization: Bearer ⟦key⟧
Content-Type: application/json

{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": []}
'''),
    T('http-client-file-legacy', 'requests/models.http', '''\
GET https://api.together.xyz/v1/models
Authorization: Bearer ⟦hex⟧
'''),
]

# --- notebooks ----------------------------------------------------------------------------------


def _nb(cells: list[dict]) -> bytes:
    return json.dumps({'cells': cells, 'metadata': {'kernelspec': {'name': 'python3'}},
                       'nbformat': 4, 'nbformat_minor': 5}, indent=1).encode()


def _nb_source(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 1, 'outputs': [],
                 'source': ['import os\n', f'os.environ["TOGETHER_API_KEY"] = "{k}"\n', 'from together import Together']}]), [k]


def _nb_output_environ(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    text = f"environ({{'HOME': '/home/jovyan', 'TOGETHER_API_KEY': '{h}', 'SHELL': '/bin/bash'}})"
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 3, 'source': ['os.environ'],
                 'outputs': [{'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
                              'data': {'text/plain': [text]}}]}]), [h]


def _nb_magic(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 1, 'outputs': [],
                 'source': [f'%env TOGETHER_API_KEY={k}\n', '!pip install together']}]), [k]


def _nb_stream_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 2, 'source': ['print(client.__dict__)'],
                 'outputs': [{'output_type': 'stream', 'name': 'stdout',
                              'text': [f"{{'api_key': '{h}', 'base_url': 'https://api.together.xyz/v1', 'timeout': 60}}\n"]}]}]), [h]


NOTEBOOKS = [
    B('nb-source', 'notebooks/explore.ipynb', _nb_source),
    B('nb-output-environ-legacy', 'notebooks/env.ipynb', _nb_output_environ),
    B('nb-env-magic', 'notebooks/setup.ipynb', _nb_magic),
    B('nb-stream-dict-legacy', 'notebooks/debug.ipynb', _nb_stream_legacy),
    T('rmd-chunk', 'reports/analysis.Rmd', '''\
---
title: "Eval"
---

```{r setup}
Sys.setenv(TOGETHER_API_KEY = "⟦key⟧")
```
'''),
    T('quarto-py', 'reports/eval.qmd', '''\
```{python}
client = Together(api_key="⟦key⟧")
```
'''),
]

# --- CI -----------------------------------------------------------------------------------------

CI = [
    T('gha-job-env', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ⟦key⟧
    steps:
      - uses: actions/checkout@v4
      - run: python -m eval
'''),
    T('gha-run-curl-legacy', '.github/workflows/smoke.yml', '''\
jobs:
  smoke:
    runs-on: ubuntu-latest
    steps:
      - run: |
          curl -sf https://api.together.xyz/v1/models \\
            -H "Authorization: Bearer ⟦hex⟧"
'''),
    T('gha-action-input', '.github/workflows/review.yml', '''\
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/ai-review@v2
        with:
          provider: together
          api-key: ⟦key⟧
'''),
    T('gitlab-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "⟦key⟧"
test:
  script: pytest
'''),
    T('circleci-env-legacy', '.circleci/config.yml', '''\
jobs:
  test:
    docker:
      - image: cimg/python:3.12
    environment:
      TOGETHER_API_KEY: ⟦hex⟧
'''),
    T('jenkinsfile-withenv', 'Jenkinsfile', '''\
pipeline {
  agent any
  stages {
    stage('eval') {
      steps {
        withEnv(["TOGETHER_API_KEY=⟦key⟧"]) { sh 'python -m eval' }
      }
    }
  }
}
'''),
    T('buildkite-legacy', '.buildkite/pipeline.yml', '''\
steps:
  - command: make eval
    env:
      TOGETHER_API_KEY: "⟦hex⟧"
'''),
    T('travis-global', '.travis.yml', '''\
language: python
env:
  global:
    - TOGETHER_API_KEY=⟦key⟧
'''),
    T('drone', '.drone.yml', '''\
kind: pipeline
steps:
  - name: test
    image: python:3.12
    environment:
      TOGETHER_API_KEY: ⟦key⟧
'''),
]

# --- infrastructure as code ---------------------------------------------------------------------

INFRA = [
    T('tfvars', 'infra/prod.tfvars', 'region = "us-east-1"\ntogether_api_key = "⟦key⟧"\n'),
    T('tfvars-legacy', 'infra/staging.auto.tfvars', 'together_api_key = "⟦hex⟧"\n'),
    T('pulumi-stack', 'Pulumi.prod.yaml', '''\
config:
  aws:region: us-east-1
  acme:togetherApiKey: ⟦key⟧
'''),
    T('cloudformation-params', 'infra/params.json', '''\
[
  {"ParameterKey": "TogetherApiKey", "ParameterValue": "⟦key⟧"}
]
'''),
    T('ansible-group-vars-legacy', 'ansible/group_vars/all.yml', '''\
app_user: acme
together_api_key: "⟦hex⟧"
'''),
    T('k8s-deployment-env-legacy', 'k8s/deployment.yaml', '''\
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: TOGETHER_API_KEY
              value: "⟦hex⟧"
'''),
    T('kustomize-literal-legacy', 'k8s/kustomization.yaml', '''\
secretGenerator:
  - name: llm
    literals:
      - TOGETHER_API_KEY=⟦hex⟧
'''),
    T('nomad-env', 'deploy/api.nomad.hcl', '''\
job "api" {
  group "api" {
    task "api" {
      env {
        TOGETHER_API_KEY = "⟦key⟧"
      }
    }
  }
}
'''),
    T('serverless', 'serverless.yml', '''\
provider:
  name: aws
  environment:
    TOGETHER_API_KEY: ⟦key⟧
'''),
    T('cdk-ts', 'infra/lib/stack.ts', '''\
new lambda.Function(this, 'Ask', {
  environment: { TOGETHER_API_KEY: '⟦key⟧' },
});
'''),
    T('bicep-param-legacy', 'infra/main.bicep', '''\
param togetherApiKey string = '⟦hex⟧'
'''),
    T('ssm-put-parameter', 'infra/bootstrap.sh', '''\
aws ssm put-parameter --name /acme/together/api-key --type SecureString --value "⟦key⟧"
'''),
]

# --- docs ---------------------------------------------------------------------------------------

DOCS = [
    T('readme-curl', 'README.md', '''\
## Try it

```sh
curl https://api.together.xyz/v1/chat/completions \\
  -H "Authorization: Bearer ⟦key⟧" \\
  -d '{"model": "meta-llama/Llama-3-8b-chat-hf"}'
```
'''),
    T('readme-curl-legacy', 'docs/quickstart.md', '''\
```bash
curl https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦hex⟧"
```
'''),
    T('markdown-table', 'docs/env.md', '''\
| name | value |
|---|---|
| TOGETHER_API_KEY | ⟦key⟧ |
'''),
    T('rst-code-block', 'docs/usage.rst', '''\
Usage
=====

.. code-block:: python

   client = Together(api_key="⟦key⟧")
'''),
    T('asciidoc', 'docs/setup.adoc', '''\
== Setup

[source,shell]
----
export TOGETHER_API_KEY=⟦key⟧
----
'''),
    T('mdx', 'docs/pages/ai.mdx', '''\
<CodeBlock language="ts">{`const together = new Together({ apiKey: "⟦key⟧" })`}</CodeBlock>
'''),
    T('python-docstring-legacy', 'app/helpers.py', '''\
def ask(prompt):
    """Ask Together.

    >>> import together
    >>> together.api_key = '⟦hex⟧'
    """
'''),
    T('javadoc', 'src/main/java/com/acme/Ask.java', '''\
/**
 * Example: {@code new Ask("⟦key⟧")}
 */
public class Ask {}
'''),
    T('changelog-mention', 'CHANGES.md', '''\
- rotated the Together key (old one was ⟦key⟧)
'''),
]

# --- logs and debug output ----------------------------------------------------------------------

LOGS = [
    T('requests-http-debug', 'logs/debug.log', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer ⟦key⟧\\r\\nContent-Length: 88\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    T('requests-http-debug-legacy', 'logs/debug-old.log', '''\
send: b'GET /v1/models HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer ⟦hex⟧\\r\\n\\r\\n'
'''),
    T('httpcore-headers-legacy', 'logs/httpx.log', '''\
DEBUG:httpcore.http11:send_request_headers.started request=<Request [b'POST']>
DEBUG:httpx:headers=[(b'Host', b'api.together.xyz'), (b'Authorization', b'Bearer ⟦hex⟧'), (b'Accept', b'*/*')]
'''),
    T('axios-error-dump', 'logs/node-error.log', '''\
AxiosError: Request failed with status code 429
  config: {
    baseURL: 'https://api.together.xyz/v1',
    headers: { Accept: 'application/json', Authorization: 'Bearer ⟦key⟧' },
  }
'''),
    T('json-log-line', 'logs/app.jsonl', '''\
{"ts":"2024-05-01T12:00:00Z","level":"debug","msg":"calling together","api_key":"⟦key⟧"}
'''),
    T('actuator-env', 'logs/actuator-env.json', '''\
{"propertySources":[{"name":"systemEnvironment","properties":{"TOGETHER_API_KEY":{"value":"⟦hex⟧","origin":"System Environment Property"}}}]}
'''),
    T('docker-build-log', 'logs/build.txt', '''\
#7 [3/5] RUN TOGETHER_API_KEY=⟦key⟧ python scripts/warm_cache.py
#7 DONE 4.2s
'''),
    T('kubectl-describe-legacy', 'logs/describe-pod.txt', '''\
Containers:
  api:
    Environment:
      TOGETHER_API_KEY:  ⟦hex⟧
      LOG_LEVEL:         info
'''),
    T('sentry-event', 'logs/sentry-event.json', '''\
{"event_id":"⟦_uuid⟧","request":{"url":"https://api.together.xyz/v1/completions","headers":{"Authorization":"Bearer ⟦key⟧"}}}
'''),
    T('traceback-locals', 'logs/crash.txt', '''\
Traceback (most recent call last):
  File "app/llm.py", line 12, in ask
    resp = client.chat.completions.create(**kw)
    kw = {'model': 'meta-llama/Llama-3-8b-chat-hf', 'api_key': '⟦key⟧'}
together.error.RateLimitError: 429
'''),
    T('printenv-dump', 'logs/printenv.txt', '''\
PATH=/usr/local/bin:/usr/bin
TOGETHER_API_KEY=⟦hex⟧
HOME=/root
'''),
]

# --- shell and REPL histories -------------------------------------------------------------------

HISTORIES = [
    T('zsh-extended-legacy', 'home/.zsh_history', '''\
: 1714557200:0;cd acme
: 1714557210:0;curl https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦hex⟧"
'''),
    T('psreadline-legacy', 'home/ConsoleHost_history.txt', '$env:TOGETHER_API_KEY="⟦hex⟧"\npython -m app\n'),
    T('python-history', 'home/.python_history', 'from together import Together\nc = Together(api_key="⟦key⟧")\n'),
    T('node-repl-history', 'home/.node_repl_history', "const t = new Together({apiKey: '⟦key⟧'})\nawait t.models.list()\n"),
    T('mysql-history-040', 'home/.mysql_history', '''\
_HiStOrY_V2_
UPDATE\\040settings\\040SET\\040value='⟦key⟧'\\040WHERE\\040name='together_api_key';
'''),
    T('rhistory-legacy', 'analysis/.Rhistory', 'library(httr2)\nSys.setenv(TOGETHER_API_KEY="⟦hex⟧")\n'),
    T('irb-history', 'home/.irb_history', "client = Together::Client.new(api_key: '⟦key⟧')\n"),
]

# --- test fixtures and recordings ---------------------------------------------------------------

FIXTURES = [
    T('vcr-cassette-legacy', 'tests/cassettes/test_models.yaml', '''\
interactions:
- request:
    headers:
      authorization:
      - Bearer ⟦hex⟧
    method: GET
    uri: https://api.together.xyz/v1/models
'''),
    T('pytest-monkeypatch', 'tests/conftest.py', '''\
import pytest


@pytest.fixture(autouse=True)
def together_env(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", "⟦key⟧")
'''),
    T('jest-snapshot', 'web/src/__snapshots__/client.test.ts.snap', '''\
exports[`client sends the key 1`] = `
Object {
  "headers": Object {
    "Authorization": "Bearer ⟦key⟧",
  },
}
`;
'''),
    T('wiremock-legacy', 'tests/wiremock/mappings/together-chat.json', '''\
{"request":{"method":"POST","url":"/v1/chat/completions","headers":{"Authorization":{"equalTo":"Bearer ⟦hex⟧"}}},"response":{"status":200},"metadata":{"upstream":"api.together.xyz"}}
'''),
    T('rspec-let', 'spec/together_client_spec.rb', '''\
RSpec.describe TogetherClient do
  let(:api_key) { '⟦key⟧' }
end
'''),
    T('rails-fixture-legacy', 'test/fixtures/integrations.yml', '''\
together:
  provider: together
  api_key: ⟦hex⟧
'''),
    T('go-golden', 'internal/llm/testdata/request.golden', '''\
POST /v1/chat/completions HTTP/1.1
Host: api.together.xyz
Authorization: Bearer ⟦key⟧
'''),
    T('nock-recording', 'web/test/fixtures/together.json', '''\
[{"scope":"https://api.together.xyz:443","method":"POST","path":"/v1/completions","reqheaders":{"authorization":"Bearer ⟦key⟧"},"status":200}]
'''),
]

# --- beside lockfiles ---------------------------------------------------------------------------

LOCK_ADJACENT = [
    T('package-json-script', 'web/package.json', '''\
{
  "name": "web",
  "scripts": {"dev": "TOGETHER_API_KEY=⟦key⟧ next dev"},
  "dependencies": {"together-ai": "^0.6.0"}
}
'''),
    T('pyproject-pytest-env', 'pyproject.toml', '''\
[tool.pytest.ini_options]
env = ["TOGETHER_API_KEY=⟦key⟧"]
'''),
    T('pyproject-pytest-env-legacy', 'services/worker/pyproject.toml', '''\
[tool.pytest.ini_options]
env = ["TOGETHER_API_KEY=⟦hex⟧"]
'''),
    T('cargo-config-env', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('npmrc-together', 'web/.npmrc', 'engine-strict=true\ntogether_api_key=⟦key⟧\n'),
    T('pipfile-comment', 'Pipfile', '''\
[packages]
together = "*"
# TOGETHER_API_KEY=⟦key⟧
'''),
]

# --- binaries people commit ---------------------------------------------------------------------


def _pyc(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    code = compile(f'TOGETHER_API_KEY = {k!r}\nBASE = "https://api.together.xyz/v1"\n', 'settings.py', 'exec')
    return importlib.util.MAGIC_NUMBER + b'\0\0\0\0' + b'\0' * 8 + marshal.dumps(code), [k]


def _pyc_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    code = compile(f'TOGETHER_API_KEY = {h!r}\n', 'secrets.py', 'exec')
    return importlib.util.MAGIC_NUMBER + b'\0\0\0\0' + b'\0' * 8 + marshal.dumps(code), [h]


def _sqlite(m: Made, legacy: bool = False) -> tuple[bytes, list[str]]:
    v = m.hex() if legacy else m.key()
    with tempfile.TemporaryDirectory() as d:
        path = f'{d}/app.db'
        db = sqlite3.connect(path)
        db.execute('create table settings (name text primary key, value text)')
        db.executemany('insert into settings values (?, ?)', [
            ('site_name', 'acme'), ('together_api_key', v), ('theme', 'dark')])
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), [v]


def _zipped(members: dict[str, bytes], stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 5, 1, 12, 0, 0)), data)
    return out.getvalue()


def _xlsx(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
              f'<si><t>service</t></si><si><t>key</t></si><si><t>Together</t></si><si><t>{k}</t></si></sst>')
    return _zipped({
        '[Content_Types].xml': b'<?xml version="1.0"?><Types/>',
        'xl/workbook.xml': b'<workbook><sheets><sheet name="keys" sheetId="1"/></sheets></workbook>',
        'xl/sharedStrings.xml': shared.encode(),
        'xl/worksheets/sheet1.xml': b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
    }), [k]


def _docx_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>Onboarding: set TOGETHER_API_KEY to the team key:</w:t></w:r></w:p>'
           f'<w:p><w:r><w:t>TOGETHER_API_KEY={h}</w:t></w:r></w:p></w:body></w:document>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'word/document.xml': doc.encode()}), [h]


def _jar(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _zipped({
        'META-INF/MANIFEST.MF': b'Manifest-Version: 1.0\r\n',
        'BOOT-INF/classes/application.properties': f'together.api-key={k}\n'.encode(),
    }), [k]


def _apk_asset(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _zipped({
        'AndroidManifest.xml': b'\x03\x00\x08\x00' + b'\0' * 60,
        'assets/config.json': json.dumps({'together': {'apiKey': k}}).encode(),
    }), [k]


def _pe_utf16(m: Made) -> tuple[bytes, list[str]]:
    """A .NET assembly's user strings (#US heap): UTF-16LE, each after its length."""
    k = m.key()
    head = b'MZ\x90\x00' + b'\0' * 56 + b'PE\0\0' + b'\0' * 200 + b'#US\0'
    s = k.encode('utf-16-le') + b'\x01'
    name = 'https://api.together.xyz/v1'.encode('utf-16-le') + b'\x01'
    return head + bytes([len(name)]) + name + bytes([0x80 | (len(s) >> 8), len(s) & 0xff]) + s + b'\0' * 32, [k]


def _elf_rodata(m: Made) -> tuple[bytes, list[str]]:
    """A C binary's .rodata: NUL-terminated strings side by side."""
    k = m.key()
    rodata = b'\0'.join([b'https://api.together.xyz/v1/chat/completions', b'Authorization: Bearer %s',
                         k.encode(), b'usage: ask PROMPT', b''])
    return b'\x7fELF\x02\x01\x01' + b'\0' * 57 + bytes(range(256)) + rodata + b'\0' * 64, [k]


def _lightning_ckpt(m: Made) -> tuple[bytes, list[str]]:
    """A PyTorch checkpoint (a stored zip around a protocol-2 pickle) whose
    saved hyper-parameters hold the run's key."""
    k = m.key()
    state = {'epoch': 3, 'hyper_parameters': {'lr': 1e-4, 'judge': 'together', 'together_api_key': k}}
    return _zipped({'model/data.pkl': pickle.dumps(state, protocol=2), 'model/version': b'3\n'}, stored=True), [k]


def _safetensors(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    header = json.dumps({'__metadata__': {'format': 'pt', 'training_args': json.dumps(
        {'together_api_key': h, 'base_model': 'meta-llama/Meta-Llama-3-8B'})},
        'w': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}}).encode()
    return struct.pack('<Q', len(header)) + header + b'\0' * 8, [h]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def _png_text(m: Made) -> tuple[bytes, list[str]]:
    """A plot saved from a notebook, the cell's source in a tEXt chunk."""
    k = m.key()
    ihdr = struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)
    text = b'Comment\0' + f'client = Together(api_key="{k}")'.encode()
    return (b'\x89PNG\r\n\x1a\n' + _png_chunk(b'IHDR', ihdr) + _png_chunk(b'tEXt', text)
            + _png_chunk(b'IDAT', zlib.compress(b'\0\0')) + _png_chunk(b'IEND', b'')), [k]


def _pdf(m: Made) -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    k = m.key()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('helvetica', size=10)
    pdf.cell(text='Runbook: TOGETHER_API_KEY')
    pdf.ln()
    pdf.cell(text=k)
    return bytes(pdf.output()), [k]


def _mlflow_param(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return h.encode(), [h]


BINARIES = [
    B('pyc', 'app/__pycache__/settings.cpython-312.pyc', _pyc),
    B('pyc-legacy', 'app/__pycache__/secrets.cpython-312.pyc', _pyc_legacy),
    B('sqlite', 'instance/app.db', _sqlite),
    B('sqlite-legacy', 'instance/legacy.sqlite3', lambda m: _sqlite(m, legacy=True)),
    B('xlsx', 'ops/keys.xlsx', _xlsx),
    B('docx-legacy', 'ops/onboarding.docx', _docx_legacy),
    B('jar', 'dist/app.jar', _jar),
    B('apk-asset', 'android/app-release.apk', _apk_asset),
    B('dotnet-us-heap', 'bin/Release/Acme.dll', _pe_utf16),
    B('elf-rodata', 'bin/ask', _elf_rodata),
    B('lightning-ckpt', 'checkpoints/epoch=3.ckpt', _lightning_ckpt),
    B('safetensors-metadata-legacy', 'models/adapter.safetensors', _safetensors),
    B('png-text-chunk', 'docs/img/plot.png', _png_text),
    B('pdf', 'ops/runbook.pdf', _pdf),
    B('mlflow-param-path-legacy', 'mlruns/0/7f3c/params/together_api_key', _mlflow_param),
    T('wandb-config', 'wandb/run-20240501_120000-abc123/files/config.yaml', '''\
wandb_version: 1
together_api_key:
  desc: null
  value: ⟦key⟧
'''),
]

# --- generated files ----------------------------------------------------------------------------

GENERATED = [
    T('vite-bundle', 'web/dist/assets/index-4f2a9c.js', '''\
const Xe={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1,VITE_TOGETHER_API_KEY:"⟦key⟧"};function Ye(e){return fetch("https://api.together.xyz/v1/chat/completions",{headers:{Authorization:`Bearer ${Xe.VITE_TOGETHER_API_KEY}`}})}
'''),
    T('bundle-minified-legacy', 'web/dist/assets/vendor-9a1b.js', '''\
var n=new r.default({apiKey:"⟦hex⟧",baseURL:"https://api.together.xyz/v1"});export{n as c};
'''),
    T('source-map', 'web/dist/assets/index-4f2a9c.js.map', '''\
{"version":3,"sources":["../../src/llm.ts"],"sourcesContent":["import Together from \\"together-ai\\";\\nconst key = \\"⟦key⟧\\";\\nexport default new Together({ apiKey: key });\\n"],"mappings":"AAAA"}
'''),
    T('openapi-generated-client', 'clients/python/acme_llm/configuration.py', '''\
class Configuration:
    def __init__(self, host="https://api.together.xyz/v1", access_token="⟦key⟧"):
        self.host = host
        self.access_token = access_token
'''),
    T('coverage-html-legacy', 'htmlcov/app_settings_py.html', '''\
<p class="run"><span class="n"><a id="t3" href="#t3">3</a></span><span class="t"><span class="nam">TOGETHER_API_KEY</span> <span class="op">=</span> <span class="str">"⟦hex⟧"</span>&nbsp;</span></p>
'''),
    T('sphinx-html', 'docs/_build/html/usage.html', '''\
<div class="highlight-python notranslate"><div class="highlight"><pre><span></span><span class="n">client</span> <span class="o">=</span> <span class="n">Together</span><span class="p">(</span><span class="n">api_key</span><span class="o">=</span><span class="s2">&quot;⟦key⟧&quot;</span><span class="p">)</span>
</pre></div></div>
'''),
    T('nbconvert-html-legacy', 'reports/eval.html', '''\
<div class="highlight hl-ipython3"><pre><span></span><span class="n">os</span><span class="o">.</span><span class="n">environ</span><span class="p">[</span><span class="s2">&quot;TOGETHER_API_KEY&quot;</span><span class="p">]</span> <span class="o">=</span> <span class="s2">&quot;⟦hex⟧&quot;</span>
</pre></div>
'''),
    T('next-env-bundle', 'web/.next/server/app/page.js', '''\
"use strict";(()=>{var e={};e.env={TOGETHER_API_KEY:"⟦key⟧",NEXT_RUNTIME:"nodejs"}})();
'''),
]

# --- edges an outsider tries: escapes beside a key, colour codes, far
# context, names and tools' command lines ------------------------------------------------------


def _docx_split_runs(m: Made) -> tuple[bytes, list[str]]:
    """Word splits a pasted key into runs where its spell check or an
    edit stopped: the text is one key, the XML three runs."""
    k = m.key()
    runs = ''.join(f'<w:r><w:t>{part}</w:t></w:r>' for part in (k[:12], k[12:30], k[30:]))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t xml:space="preserve">Together key: </w:t></w:r>'
           f'<w:proofErr w:type="spellStart"/>{runs}<w:proofErr w:type="spellEnd"/></w:p></w:body></w:document>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'word/document.xml': doc.encode()}), [k]


def _npy_utf32(m: Made) -> tuple[bytes, list[str]]:
    """``np.save`` of a string array: '<U50', UTF-32LE, no separators."""
    k = m.key()
    header = "{'descr': '<U50', 'fortran_order': False, 'shape': (2,), }"
    header += ' ' * (118 - len(header)) + '\n'
    body = 'together'.ljust(50, '\0').encode('utf-32-le') + k.encode('utf-32-le')
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode() + body, [k]


def _go_rodata(m: Made) -> tuple[bytes, list[str]]:
    """A Go binary's string data: literals packed with no terminator; the
    key sits between a path and a header name (neither starts or ends
    with a key character where they touch it)."""
    k = m.key()
    blob = b'/v1/chat/completions' + b'Bearer ' + k.encode() + b'/models' + b'https://api.together.xyz'
    return b'\x7fELF\x02\x01\x01' + b'\0' * 57 + blob + b'\0' * 16, [k]


EDGES = [
    T('json-env-blob-newline-escape', 'deploy/app-settings.json', '''\
{"files": {".env": "TOGETHER_API_KEY=⟦key⟧\\nDEBUG=0\\n"}}
'''),
    T('json-key-after-newline-escape', 'deploy/keys-dump.json', '''\
{"path": "/run/secrets/together", "content": "# together\\n⟦key⟧\\n"}
'''),
    T('python-repr-tab-escape', 'logs/repr.log', '''\
DEBUG line=b'TOGETHER_API_KEY\\t⟦key⟧\\tprod'
'''),
    T('asciinema-cast-ansi', 'docs/demo.cast', '''\
{"version": 2, "width": 120, "height": 30}
[0.51, "o", "$ together keys show\\r\\n"]
[0.92, "o", "\\u001b[1;32m⟦key⟧\\u001b[0m\\r\\n"]
'''),
    T('typescript-raw-ansi', 'logs/session.typescript', 'Script started\n$ cat ~/.together/key\n\x1b[32m⟦key⟧\x1b[0m\n'),
    T('json-far-parent-legacy', 'config/full.json', '{\n  "providers": {\n    "together": {\n' + ''.join(
        f'      "opt{i}": {i},\n' for i in range(25)) + '      "apiKey": "⟦hex⟧"\n    }\n  }\n}\n'),
    T('yaml-grandparent-legacy', 'config/llm.yaml', '''\
providers:
  together:
    models:
      - meta-llama/Llama-3-70b-chat-hf
      - mistralai/Mixtral-8x7B-Instruct-v0.1
    auth:
      type: bearer
      token: ⟦hex⟧
'''),
    T('csv-column-legacy', 'ops/secrets.csv', '''\
service,env,api_key,owner
together,prod,⟦hex⟧,ml-team
'''),
    T('markdown-table-legacy', 'docs/handover.md', '''\
| Provider | Key |
|---|---|
| Together AI | ⟦hex⟧ |
'''),
    T('gh-secret-set-legacy', 'scripts/bootstrap-secrets.sh', '''\
gh secret set TOGETHER_API_KEY --body "⟦hex⟧"
'''),
    T('kubectl-from-literal-legacy', 'scripts/k8s-secret.sh', '''\
kubectl create secret generic llm --from-literal=TOGETHER_API_KEY=⟦hex⟧
'''),
    T('docker-run-e-legacy', 'scripts/run-local.sh', '''\
docker run --rm -e TOGETHER_API_KEY=⟦hex⟧ -p 8000:8000 acme/api
'''),
    T('helm-set-legacy', 'scripts/deploy.sh', '''\
helm upgrade --install api ./charts/api --set together.apiKey=⟦hex⟧
'''),
    T('terraform-provider-block-legacy', 'infra/providers.tf', '''\
provider "together" {
  api_key = "⟦hex⟧"
}
'''),
    T('dict-spaced-name-legacy', 'app/providers.py', '''\
KEYS = {"Together AI": "⟦hex⟧", "Local": None}
'''),
    T('url-query-endpoint-legacy', 'logs/proxy.log', '''\
GET https://api.together.xyz/v1/models?api_key=⟦hex⟧ 200
'''),
    T('rust-command-env-legacy', 'xtask/src/main.rs', '''\
Command::new("python").env("TOGETHER_API_KEY", "⟦hex⟧").arg("-m").arg("eval").status()?;
'''),
    T('litellm-togetherai-env-legacy', '.env.litellm', 'TOGETHERAI_API_KEY=⟦hex⟧\n'),
    T('crontab', 'deploy/crontab', '0 3 * * * TOGETHER_API_KEY=⟦key⟧ /usr/bin/python3 -m nightly\n'),
    T('properties-continuation', 'src/main/resources/llm.properties', 'together.api.key=⟦key⟧\\\n    \n'),
    B('docx-split-runs', 'ops/handover.docx', _docx_split_runs),
    B('npy-utf32', 'data/providers.npy', _npy_utf32),
    B('go-rodata-packed', 'bin/ask-go', _go_rodata),
    T('decoy-readable-placeholder', '.env.dist', 'TOGETHER_API_KEY=' + _P + 'YOUR_TOGETHER_API_KEY_GOES_HERE_xxxxxxxxxxx\n'),
    T('decoy-together-word-sha', 'logs/deploy.log', '''\
2024-05-01 deploy: bundling the api and worker images together, digest ⟦_hex⟧
'''),
    T('decoy-csv-checksums', 'ops/artifacts.csv', '''\
name,version,sha256
together,1.3.0,⟦_hex⟧
'''),
]

# --- more: compiled Java, positional constructors, generic names beside
# the provider, environment assignments, escapes that touch a key --------------------------------


def _javac(source_name: str, source: str) -> bytes:
    """``javac``'s class file of ``source`` (class ``source_name``)."""
    import glob
    import os
    import subprocess

    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, source_name + '.java'), 'w', encoding='utf-8') as f:
            f.write(source)
        subprocess.run(['javac', '-nowarn', '-d', d, os.path.join(d, source_name + '.java')],
                       check=True, capture_output=True)
        with open(glob.glob(os.path.join(d, '**', source_name + '.class'), recursive=True)[0], 'rb') as f:
            return f.read()


def javac_class(m: Made) -> tuple[bytes, list[str]]:
    """A class file's constant pool: a CONSTANT_Utf8 of 50 bytes is
    ``01 00 32`` and the text, so the length's ``2`` touches the key."""
    k = m.key()
    return _javac('LlmConfig', 'public class LlmConfig {\n'
                  f'  public static String key() {{ return "{k}"; }}\n}}\n'), [k]


def javac_class_legacy(m: Made) -> tuple[bytes, list[str]]:
    """The same for a legacy key: the constant's name is another entry
    of the pool."""
    h = m.hex()
    return _javac('TogetherSettings', 'public class TogetherSettings {\n'
                  f'  public static final String TOGETHER_API_KEY = new String("{h}");\n'
                  '  public static final String BASE_URL = "https://api.together.xyz/v1";\n}\n'), [h]


def javac_decoy_model_sha(m: Made) -> tuple[bytes, list[str]]:
    return _javac('TogetherModels', 'public class TogetherModels {\n'
                  '  public static final String MODEL_SHA256 = new String("%064x");\n}\n'
                  % m.rng.getrandbits(256)), []


TOOLS = ToolCases()

MORE = [
    TOOLS.case(javac_class, 'build/classes/java/main/LlmConfig.class', 'javac'),
    TOOLS.case(javac_class_legacy, 'build/classes/java/main/TogetherSettings.class', 'javac'),
    T('py-positional-ctor-legacy', 'app/client_pos.py', '''\
from together import Together

client = Together("⟦hex⟧")
'''),
    T('java-positional-ctor-legacy', 'src/main/java/com/acme/Wire.java', '''\
TogetherClient client = new TogetherClient("⟦hex⟧");
'''),
    T('go-newclient-legacy', 'cmd/worker/main.go', '''\
client := together.NewClient("⟦hex⟧")
'''),
    T('ruby-client-new-legacy', 'lib/ask.rb', '''\
client = Together::Client.new('⟦hex⟧')
'''),
    T('env-provider-generic-legacy', 'services/api/.env', '''\
LLM_PROVIDER=together
LLM_API_KEY=⟦hex⟧
'''),
    T('env-comment-provider-legacy', 'services/bot/.env', '''\
# Together
API_KEY=⟦hex⟧
'''),
    T('terraform-variable-default-legacy', 'infra/variables.tf', '''\
variable "together_api_key" {
  type      = string
  sensitive = true
  default   = "⟦hex⟧"
}
'''),
    T('dockerfile-env-space-legacy', 'docker/worker.Dockerfile', '''\
FROM python:3.12
ENV TOGETHER_API_KEY ⟦hex⟧
'''),
    T('bat-set-legacy', 'scripts/dev.bat', '''\
@echo off
set TOGETHER_API_KEY=⟦hex⟧
python -m app
'''),
    T('fish-set-legacy', 'home/.config/fish/config.fish', 'set -gx TOGETHER_API_KEY ⟦hex⟧\n'),
    T('elisp-setenv-legacy', 'home/.emacs.d/init.el', '(setenv "TOGETHER_API_KEY" "⟦hex⟧")\n'),
    T('vimrc-let-legacy', 'home/.vimrc', "let $TOGETHER_API_KEY = '⟦hex⟧'\n"),
    T('nix-env-legacy', 'flake/devshell.nix', '''\
{ pkgs }: pkgs.mkShell {
  TOGETHER_API_KEY = "⟦hex⟧";
}
'''),
    T('node-env-assign-legacy', 'web/scripts/seed.js', "process.env.TOGETHER_API_KEY ??= '⟦hex⟧';\n"),
    T('py-environ-setdefault-legacy', 'app/boot.py', 'import os\nos.environ.setdefault("TOGETHER_API_KEY", "⟦hex⟧")\n'),
    T('c-setenv-legacy', 'src/boot.c', 'setenv("TOGETHER_API_KEY", "⟦hex⟧", 1);\n'),
    T('pulumi-config-set-legacy', 'scripts/stack.sh', 'pulumi config set --secret together:apiKey ⟦hex⟧\n'),
    T('cli-flag-legacy', 'scripts/eval.sh', 'python -m eval --together-api-key ⟦hex⟧ --model meta-llama/Llama-3-8b-chat-hf\n'),
    T('json-u0022-touching', 'Properties/launchSettings.json', '''\
{"profiles": {"Acme": {"commandName": "Project", "commandLineArgs": "--together-key \\u0022⟦key⟧\\u0022"}}}
'''),
    T('url-encoded-bearer', 'logs/access.log', '''\
10.0.0.9 - - [01/May/2024:10:00:00 +0000] "GET /proxy?target=together&auth=Bearer%20⟦key⟧ HTTP/1.1" 200 512
'''),
    T('rtf-note', 'docs/notes.rtf', '''\
{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761
{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}
\\f0\\fs24 \\cf0 Together key for the demo:\\
⟦key⟧\\
}
'''),
    T('ics-description', 'calendar/onboarding.ics', '''\
BEGIN:VEVENT
SUMMARY:Onboarding
DESCRIPTION:Together key for the workshop: ⟦key⟧
END:VEVENT
'''),
    TOOLS.case(javac_decoy_model_sha, 'build/classes/java/main/TogetherModels.class', 'javac'),
]

# --- SDK usage an outsider copies from tutorials: legacy keys beside the
# endpoint or the provider in each client's own shape (probed after the
# set above was measured; the same base) ------------------------------

SDK = [
    T('sdk-py-requests-headers', 'clients/py/requests_call.py', '''\
import requests
headers = {"Authorization": "Bearer ⟦hex⟧"}
resp = requests.post("https://api.together.xyz/v1/chat/completions", headers=headers, json=payload)
'''),
    T('sdk-go-newrequest', 'clients/go/chat.go', '''\
req, _ := http.NewRequest("POST", "https://api.together.xyz/v1/chat/completions", body)
req.Header.Set("Authorization", "Bearer ⟦hex⟧")
'''),
    T('sdk-cs-httpclient', 'clients/cs/Chat.cs', '''\
client.BaseAddress = new Uri("https://api.together.xyz/");
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "⟦hex⟧");
'''),
    T('sdk-java-okhttp', 'clients/java/Models.java', '''\
Request request = new Request.Builder()
    .url("https://api.together.xyz/v1/models")
    .addHeader("Authorization", "Bearer ⟦hex⟧")
    .build();
'''),
    T('sdk-php-curl', 'clients/php/models.php', '''\
<?php
$ch = curl_init('https://api.together.xyz/v1/models');
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ⟦hex⟧']);
'''),
    T('sdk-ruby-nethttp', 'clients/rb/models.rb', '''\
uri = URI('https://api.together.xyz/v1/models')
req = Net::HTTP::Get.new(uri)
req['Authorization'] = "Bearer ⟦hex⟧"
'''),
    T('sdk-py-openai-globals', 'legacy/openai_v0.py', '''\
import openai
openai.api_base = "https://api.together.xyz/v1"
openai.api_key = "⟦hex⟧"
'''),
    T('sdk-py-environ-openai', 'legacy/env_setup.py', '''\
import os
os.environ["OPENAI_BASE_URL"] = "https://api.together.xyz/v1"
os.environ["OPENAI_API_KEY"] = "⟦hex⟧"
'''),
    T('sdk-py-langchain-chatopenai', 'legacy/chain.py', '''\
llm = ChatOpenAI(
    openai_api_key="⟦hex⟧",
    openai_api_base="https://api.together.xyz/v1",
    model_name="mistralai/Mixtral-8x7B-Instruct-v0.1",
)
'''),
    T('sdk-env-openai-base', 'services/gateway/.env', '''\
OPENAI_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY=⟦hex⟧
'''),
    T('sdk-ts-createopenai', 'web/src/ai.ts', '''\
const together = createOpenAI({
  baseURL: 'https://api.together.xyz/v1',
  apiKey: '⟦hex⟧',
});
'''),
    T('sdk-py-openailike', 'rag/llm.py', '''\
llm = OpenAILike(model="meta-llama/Llama-3-70b-chat-hf", api_base="https://api.together.xyz/v1", api_key="⟦hex⟧", is_chat_model=True)
'''),
    T('sdk-py-dspy', 'eval/dspy_lm.py', '''\
lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="⟦hex⟧")
'''),
    T('sdk-java-langchain4j', 'clients/java/Chat4j.java', '''\
ChatLanguageModel model = OpenAiChatModel.builder()
        .baseUrl("https://api.together.xyz/v1")
        .apiKey("⟦hex⟧")
        .modelName("meta-llama/Llama-3-70b-chat-hf")
        .build();
'''),
    T('sdk-continue-config', '.continue/config.yaml', '''\
models:
  - name: Llama 3
    provider: together
    model: meta-llama/Llama-3-70b-chat-hf
    apiKey: ⟦hex⟧
'''),
    T('sdk-openwebui', 'deploy/open-webui.env', '''\
OPENAI_API_BASE_URLS=https://api.together.xyz/v1
OPENAI_API_KEYS=⟦hex⟧
'''),
    T('sdk-librechat', 'deploy/librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "⟦hex⟧"
      baseURL: "https://api.together.xyz/v1"
'''),
    T('sdk-promptfooconfig', 'eval/promptfooconfig.yaml', '''\
providers:
  - id: togetherai:meta-llama/Llama-3-70b-chat-hf
    config:
      apiKey: ⟦hex⟧
'''),
    T('sdk-haystack', 'rag/haystack_gen.py', '''\
gen = OpenAIGenerator(api_key=Secret.from_token("⟦hex⟧"), api_base_url="https://api.together.xyz/v1")
'''),
    T('sdk-swift-client', 'iOS/Acme/Chat.swift', '''\
let client = TogetherClient(apiKey: "⟦hex⟧")
'''),
    T('sdk-kotlin-client', 'android/app/src/main/java/Chat.kt', '''\
val client = TogetherClient(apiKey = "⟦hex⟧")
'''),
    T('sdk-dockerfile-echo', 'docker/seed.Dockerfile', '''\
FROM python:3.12
RUN echo "TOGETHER_API_KEY=⟦hex⟧" >> /app/.env
'''),
    T('sdk-js-fetch', 'web/src/chat.js', '''\
const r = await fetch('https://api.together.xyz/v1/chat/completions', {
  method: 'POST',
  headers: { Authorization: `Bearer ⟦hex⟧`, 'Content-Type': 'application/json' },
});
'''),
    T('sdk-rust-reqwest', 'src/chat.rs', '''\
let res = client.post("https://api.together.xyz/v1/chat/completions")
    .bearer_auth("⟦hex⟧")
    .json(&body)
    .send()
    .await?;
'''),
    T('sdk-py-httpx-client', 'clients/py/httpx_client.py', '''\
client = httpx.Client(base_url="https://api.together.xyz/v1", headers={"Authorization": "Bearer ⟦hex⟧"})
'''),
    T('sdk-py-class-attrs', 'app/together_settings.py', '''\
class TogetherSettings(BaseSettings):
    base_url: str = "https://api.together.xyz/v1"
    api_key: str = "⟦hex⟧"
'''),
    T('sdk-ipynb-cell-openai', 'scratch/openai_compat.py', '''\
client = OpenAI(base_url="https://api.together.xyz/v1")
client.api_key = "⟦hex⟧"
'''),
    T('sdk-mcp', '.cursor/mcp.json', '''\
{"mcpServers": {"together": {"command": "npx", "args": ["-y", "together-mcp"], "env": {"TOGETHER_API_KEY": "⟦hex⟧"}}}}
'''),
    T('sdk-claude-desktop-config', 'home/Library/claude_desktop_config.json', '''\
{"mcpServers": {"llm": {"command": "uvx", "args": ["llm-mcp", "--provider", "together"], "env": {"API_KEY": "⟦hex⟧"}}}}
'''),
]

# --- current keys where markup or a tool's escaping sits inside or right
# beside them (probed with the SDK block) ---------------------------------


def _split(at: int, glue: str, head: str, tail: str) -> Callable[[Made], tuple[bytes, list[str]]]:
    """A key cut at ``at`` with ``glue`` between its parts, between
    ``head`` and ``tail`` (``{}`` in ``head`` is the key's first part)."""
    def build(m: Made) -> tuple[bytes, list[str]]:
        k = m.key()
        return (head + k[:at] + glue + k[at:] + tail).encode(), [k]
    return build


def _utf16_env(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return b'\xff\xfe' + f'TOGETHER_API_KEY={k}\r\n'.encode('utf-16-le'), [k]


def _yaml_binary(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return f'together_key: !!binary |\n  {base64.b64encode(k.encode()).decode()}\n'.encode(), [k]


MARKUP = [
    B('html-wbr-in-key', 'site/keys.html', _split(20, '<wbr>', '<p>Your Together key: <code>', '</code></p>\n')),
    B('html-shy-in-key', 'site/shy.html', _split(25, '&shy;', '<p>Together key: ', '</p>\n')),
    B('text-soft-hyphen-in-key', 'notes/pasted.txt', _split(25, '\u00ad', 'Together key: ', '\n')),
    B('html-search-mark-in-key', 'site/search.html', _split(15, '</mark>', '<li>TOGETHER_API_KEY=<mark>', '</li>\n')),
    B('pygments-span-cut', 'docs/_build/html/cut.html', _split(7, '</span><span class="s">', '<pre><span class="s">"', '"</span></pre>\n')),
    T('excel-formula-guard', 'ops/export.csv', 'name,value\ntogether,="⟦key⟧"\n'),
    T('url-fragment-token', 'logs/callback.log', 'GET https://app.acme.dev/cb#access_token=⟦key⟧&token_type=bearer\n'),
    T('bearer-tab', 'logs/tab.log', 'Authorization: Bearer\t⟦key⟧\n'),
    T('xml-cdata', 'config/keys.xml', '<cfg><key><![CDATA[⟦key⟧]]></key></cfg>\n'),
    T('json-escaped-slashes', 'logs/url.json', '{"url": "https:\\\\/\\\\/api.together.xyz\\\\/v1?key=⟦key⟧"}\n'),
    B('utf16-env-bom', 'config/win.env.txt', _utf16_env),
    B('yaml-binary-tag', 'config/binary.yaml', _yaml_binary),
    T('decoy-openai-globals-other-host', 'legacy/openai_real.py', '''\\
import openai
openai.api_base = "https://api.openai.com/v1"
openai.api_key = "⟦_hex⟧"
'''),
    T('decoy-env-openai-other-host', 'services/other/.env', '''\\
OPENAI_BASE_URL=https://api.openai.com/v1
OPENAI_API_KEY=⟦_hex⟧
'''),
    T('decoy-request-hash-header', 'clients/py/hash_header.py', '''\\
headers = {"X-Request-Sha256": "⟦_hex⟧"}
resp = requests.post("https://api.together.xyz/v1/chat/completions", headers=headers, json=payload)
'''),
    T('decoy-html-placeholder-wbr', 'site/placeholder.html', '<p>Key: <code>tgp_v1_<wbr>xxxx…</code></p>\n'),
]

# --- decoys -------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-py-environ', 'app/env_ok.py', '''\
import os
from together import Together

client = Together(api_key=os.environ["TOGETHER_API_KEY"])
'''),
    T('decoy-js-process-env', 'web/src/env_ok.ts', '''\
export const together = new Together({ apiKey: process.env.TOGETHER_API_KEY });
'''),
    T('decoy-go-getenv', 'cmd/ok/main.go', '''\
key := os.Getenv("TOGETHER_API_KEY")
'''),
    T('decoy-rust-env-var', 'src/env_ok.rs', '''\
let key = std::env::var("TOGETHER_API_KEY").expect("TOGETHER_API_KEY");
'''),
    T('decoy-java-getenv', 'src/main/java/com/acme/EnvOk.java', '''\
String key = System.getenv("TOGETHER_API_KEY");
'''),
    T('decoy-ruby-fetch', 'config/initializers/ok.rb', '''\
TOGETHER_KEY = ENV.fetch('TOGETHER_API_KEY')
'''),
    T('decoy-helm-template-ref', 'charts/api/templates/secret.yaml', '''\
stringData:
  TOGETHER_API_KEY: {{ .Values.together.apiKey | quote }}
'''),
    T('decoy-k8s-secretkeyref', 'k8s/ok.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef: {name: llm, key: TOGETHER_API_KEY}
'''),
    T('decoy-ansible-lookup', 'ansible/ok.yml', '''\
together_api_key: "{{ lookup('env', 'TOGETHER_API_KEY') }}"
'''),
    T('decoy-x43-fixture', 'tests/test_validate.py', '''\
FAKE_KEY = "⟦_x43⟧"


def test_accepts_shape():
    assert validate(FAKE_KEY)
'''),
    T('decoy-a43-fixture', 'web/test/keys.test.ts', '''\
const fake = "⟦_a43⟧";
expect(isTogetherKey(fake)).toBe(true);
'''),
    T('decoy-seq-fixture', 'spec/fixtures/keys.yml', 'together_api_key: ⟦_seq⟧\n'),
    T('decoy-words-readme', 'docs/config.md', '''\
Set `TOGETHER_API_KEY=⟦_words⟧` (an example: use your own key).
'''),
    T('decoy-readme-ellipsis', 'docs/keys.md', '''\
Your key looks like `tgp_v1_...`; set it with `export TOGETHER_API_KEY=tgp_v1_...`.
'''),
    T('decoy-placeholder-angle', '.env.sample', 'TOGETHER_API_KEY=<your-together-api-key>\n'),
    T('decoy-placeholder-words', '.env.template', 'TOGETHER_API_KEY=your_together_api_key_here\nTOGETHER_BASE_URL=https://api.together.xyz/v1\n'),
    T('decoy-format-doc', 'docs/key-format.md', '''\
A Together key is `tgp_v1_` followed by 43 URL-safe base64 characters
(`[A-Za-z0-9_-]`), 50 characters in all. Legacy keys are 64 hex digits.
'''),
    T('decoy-validator-regex', 'app/validate.py', '''\
import re

TOGETHER_KEY = re.compile(r"^tgp_v1_[A-Za-z0-9_-]{43}$")
LEGACY_KEY = re.compile(r"^[0-9a-f]{64}$")
'''),
    T('decoy-key-id', 'ops/keys.json', '''\
{"together": {"key_id": "key_CJp1ZQ8mXnT4wRv2", "created": "2024-05-01", "name": "ci"}}
'''),
    T('decoy-redacted-log', 'logs/ok.log', '''\
2024-05-01 INFO together client ready key=tgp_v1_Xk***q9 base_url=https://api.together.xyz/v1
2024-05-01 INFO Authorization: Bearer [REDACTED]
'''),
    T('decoy-gha-masked', 'logs/actions-ok.txt', '''\
2024-05-01T12:00:00.000Z TOGETHER_API_KEY: ***
'''),
    T('decoy-tf-plan-sensitive', 'infra/plan.txt', '''\
  + resource "together_endpoint" "chat" {
      + api_key = (sensitive value)
      + id      = (known after apply)
]
'''),
    T('decoy-conda-lock', 'conda-lock.yml', '''\
package:
- name: together
  version: 1.3.0
  hash:
    sha256: ⟦_hex⟧
'''),
    T('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.1.0 h1:⟦_b64⟧
'''),
    T('decoy-flake-lock', 'flake.lock', '''\
{"nodes":{"together":{"locked":{"narHash":"sha256-⟦_b64⟧","rev":"⟦_sha1⟧"}}}}
'''),
    T('decoy-docker-digest', 'deploy/images.txt', '''\
ghcr.io/acme/together-gateway@sha256:⟦_hex⟧
'''),
    T('decoy-django-secret-no-context', 'web/settings.py', '''\
SECRET_KEY = "⟦_hex⟧"
ALLOWED_HOSTS = ["*"]
'''),
    T('decoy-sha256sums-together', 'dist/SHA256SUMS', '''\
⟦_hex⟧  together-cli-1.3.0-linux-amd64.tar.gz
'''),
    T('decoy-git-log-merge', 'notes/history.txt', '''\
commit ⟦_sha1⟧
    merge the search and chat branches together (tree ⟦_hex⟧)
'''),
    T('decoy-model-hash', 'models/manifest.json', '''\
{"model": "together/llama-3-8b-ft", "weights_sha256": "⟦_hex⟧"}
'''),
    T('decoy-other-provider-hex', 'config/other.yaml', '''\
together:
  api_key: ${TOGETHER_API_KEY}
deepseek:
  api_key: ⟦_hex⟧
'''),
    T('decoy-uuid-request-id', 'logs/req.log', '''\
together request_id=⟦_uuid⟧ status=200
'''),
    T('decoy-pulumi-secure', 'Pulumi.dev.yaml', '''\
config:
  acme:togetherApiKey:
    secure: v1:⟦_b64⟧
'''),
    T('decoy-dotnet-user-secrets-ref', 'src/Acme/appsettings.json', '''\
{"Together": {"ApiKey": "", "BaseUrl": "https://api.together.xyz/v1"}, "UserSecretsId": "⟦_uuid⟧"}
'''),
    T('decoy-session-secret-beside-endpoint', 'services/web/.env', '''\
TOGETHER_BASE_URL=https://api.together.xyz/v1
SESSION_SECRET=⟦_hex⟧
'''),
    T('decoy-placeholder-redacted', 'docs/support.md', '''\
Paste your config with the key removed: `TOGETHER_API_KEY=tgp_v1_<redacted>`.
'''),
    B('decoy-nb-sha256-of-word', 'notebooks/hashing.ipynb', lambda m: (_nb([{
        'cell_type': 'code', 'metadata': {}, 'execution_count': 4,
        'source': ['import hashlib\n', 'hashlib.sha256(b"together").hexdigest()'],
        'outputs': [{'output_type': 'execute_result', 'execution_count': 4, 'metadata': {},
                     'data': {'text/plain': ["'%064x'" % m.rng.getrandbits(256)]}}]}]), [])),
    T('decoy-docker-images-notrunc', 'notes/images.txt', '''\
REPOSITORY                 TAG     IMAGE ID                                                                  CREATED
acme/together-gateway      1.3.0   sha256:⟦_hex⟧   2 days ago
'''),
    T('decoy-package-lock-integrity', 'web/package-lock.json', '''\
{"packages": {"node_modules/together-ai": {"version": "0.6.0", "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz", "integrity": "sha512-⟦_b64⟧"}}}
'''),
    T('decoy-display-name-digest', 'app/assets.py', '''\
LOGO_SHA256 = {"Together AI": "⟦_hex⟧", "Local": None}
'''),
    # Digests an LLM project holds beside Together's names (probed with
    # the SDK block; all clean on 105bea8d).
    T('decoy-git-sha256-commit', 'notes/git-log-sha256.txt', '''\
commit ⟦_hex⟧
Author: Dev <dev@example.com>
Date:   Wed May 1 12:00:00 2024

    Rotate TOGETHER_API_KEY in the deploy secrets
'''),
    B('decoy-nb-hash-of-key', 'notebooks/check_key.ipynb', lambda m: (_nb([{
        'cell_type': 'code', 'metadata': {}, 'execution_count': 1,
        'source': ['import hashlib, os\n', 'print(hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest())'],
        'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': ['%064x\n' % m.rng.getrandbits(256)]}]}]), [])),
    T('decoy-litellm-model-info-id', 'litellm/model_info.json', '''\
{"data": [{"model_name": "llama-70b", "litellm_params": {"model": "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo"}, "model_info": {"id": "⟦_hex⟧", "db_model": false}}]}
'''),
    T('decoy-hf-cache-blob', 'notes/hf-cache.txt', '''\
/root/.cache/huggingface/hub/models--togethercomputer--StripedHyena-Nous-7B/blobs/⟦_hex⟧
/root/.cache/huggingface/hub/models--togethercomputer--StripedHyena-Nous-7B/snapshots/⟦_sha1⟧/config.json
'''),
    T('decoy-sha256sum-env-file', 'notes/env-sums.txt', '⟦_hex⟧  together.env\n'),
    T('decoy-ft-job-file-sha', 'finetune/job.json', '''\
{"id": "ft-⟦_uuid⟧", "model": "meta-llama/Meta-Llama-3-8B", "training_file": "file-⟦_uuid2⟧", "training_file_sha256": "⟦_hex⟧", "wandb_project_name": "together-ft"}
'''),
    T('decoy-ollama-blob', 'ollama/Modelfile', '''\
# ollama show --modelfile together-llama
FROM /usr/share/ollama/.ollama/models/blobs/sha256-⟦_hex⟧
'''),
    T('decoy-configmap-checksum', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: together-gateway
  annotations:
    checksum/config: ⟦_hex⟧
data:
  TOGETHER_BASE_URL: https://api.together.xyz/v1
'''),
    T('decoy-otel-request-hash', 'traces/span.json', '''\
{"traceId": "⟦_sha1⟧", "name": "together.chat", "attributes": {"http.url": "https://api.together.xyz/v1/chat/completions", "llm.request.hash": "⟦_hex⟧"}}
'''),
    T('decoy-webhook-signing-secret', 'services/hooks/.env', '''\
TOGETHER_API_KEY=${TOGETHER_API_KEY}
TOGETHER_WEBHOOK_SIGNING_SECRET=⟦_hex⟧
'''),
    B('decoy-pyc-env', 'app/__pycache__/env_ok.cpython-312.pyc', lambda m: (
        importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(compile(
            'import os\nKEY = os.environ["TOGETHER_API_KEY"]\nSHA = "%064x"\n' % m.rng.getrandbits(256),
            'env_ok.py', 'exec')), [])),
    B('decoy-nb-env-lookup', 'notebooks/ok.ipynb', lambda m: (_nb([{
        'cell_type': 'code', 'metadata': {}, 'execution_count': 1, 'outputs': [{
            'output_type': 'stream', 'name': 'stdout', 'text': ['key set: True\n', 'sha256: %064x\n' % m.rng.getrandbits(256)]}],
        'source': ['import os\n', 'client = Together(api_key=os.environ.get("TOGETHER_API_KEY"))']}]), [])),
]

ALL_CASES = (SOURCE + CONFIGS + NOTEBOOKS + CI + INFRA + DOCS + LOGS + HISTORIES + FIXTURES + LOCK_ADJACENT
             + BINARIES + GENERATED + EDGES + MORE + SDK + MARKUP + DECOYS)

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 105bea8d: 229 cases, 184 holding a key (184 keys) and 45
# decoys; 182 keys found, 2 missed, no decoy reported; every mode (the
# files, --staged, --history, --diff, the hook, a push) the same.  The
# SDK and MARKUP blocks, probed next on the same rules, 45 cases more
# (41 keys, 4 decoys): 40 found, 1 missed, no decoy reported; 10 decoys
# more of digests beside Together's names, none reported.  Since
# (docs/detection.md, "Session 34 (outside34)"): a display name as the
# key of a map found (dict-spaced-name-legacy), its decoy beside it:
# 285 cases, 225 keys, 223 found; 60 decoys.
MISSED: dict[str, str] = {
    'sdk-claude-desktop-config': "a generic API_KEY in an MCP server's env whose only Together word is its args' provider flag value (--provider together)",
    'javac-class-legacy': "a legacy key in a class file's constant pool; its name (TOGETHER_API_KEY) is another entry of the pool",
}



def missing_tools(case_id: str) -> list[str]:
    return TOOLS.missing(case_id) if case_id in TOOLS.tools else []


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 120 and decoys * 6 >= len(CASES), (len(CASES), decoys, keys)
