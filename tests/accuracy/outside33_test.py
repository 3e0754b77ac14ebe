"""An outside tester's held-out set (session 33, outside33), written
before reading the detection rules: ``tgp_v1_`` keys and legacy hex keys
with Together context where a developer really commits them.  Source in
many languages (Python, JavaScript, TypeScript, Go, Rust, Java, Kotlin,
Swift, C#, Ruby, PHP, Scala, R, Julia, Lua, Perl, Elixir, Dart, C,
Haskell, Clojure, PowerShell, Objective-C, Groovy, Zig, Nim, F#, OCaml),
configs (dotenv, YAML, TOML, INI, JSON, XML, properties, HCL), notebooks,
CI files, infrastructure as code, Markdown/RST/AsciiDoc docs, logs, shell
histories, test fixtures (cassettes, snapshots, HAR), lockfile-adjacent
files (package.json scripts, tox, pytest-env), binaries people commit
(``.pyc``, SQLite, pickle, zip, gzip, UTF-16 ``.reg``) and generated
files (bundles, source maps, generated config).  Decoys: what an
outsider writes to catch false positives (placeholders, key ids, env
lookups, lockfile checksums and image digests beside ``together``,
docs that explain the format, ``tgp_v1_`` + 43 ``x``, a README's
``tgp_v1_...``, a hex key with another provider's context).
Measured on 4a7da8bb before any change; what it missed is in ``MISSED``
(strict xfails) or was fixed in the same session (docs/detection.md,
"Session 33 (outside33)").
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import re
import zipfile

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made


def rows(*items: tuple[str, str, str]) -> list[Case]:
    """key_cases rows written with ``<<key>>`` / ``<<hex>>`` / ``<<_key>>``
    markers in place of ``str.format`` fields, so braces stay as typed."""
    out = []
    for case_id, path, text in items:
        text = text.replace('{', '{{').replace('}', '}}')
        out.append((case_id, path, re.sub(r'<<(\w+)>>', r'{\1}', text)))
    return key_cases(*out)


# -- source code, current keys -------------------------------------------------
SOURCE = rows(
    ('py-client-kwarg', 'app/llm.py', '''\
from together import Together

client = Together(api_key="<<key>>")
resp = client.chat.completions.create(model="meta-llama/Llama-3-8b-chat-hf", messages=[])
'''),
    ('py-environ-setdefault', 'scripts/run_eval.py', '''\
import os
os.environ.setdefault("TOGETHER_API_KEY", "<<key>>")
'''),
    ('py-dict-settings', 'settings/local.py', '''\
PROVIDERS = {
    "together": {
        "base_url": "https://api.together.xyz/v1",
        "key": '<<key>>',
    },
}
'''),
    ('py-fstring-header', 'bench/load.py', '''\
headers = {"Authorization": f"Bearer {'<<key>>'}"}
'''),
    ('js-client', 'src/together.js', '''\
import Together from 'together-ai';

const together = new Together({ apiKey: '<<key>>' });
export default together;
'''),
    ('js-fetch-header', 'web/api/chat.js', '''\
const res = await fetch('https://api.together.xyz/v1/chat/completions', {
  method: 'POST',
  headers: { Authorization: `Bearer <<key>>`, 'Content-Type': 'application/json' },
  body: JSON.stringify(payload),
});
'''),
    ('ts-const-export', 'src/config.ts', '''\
export const TOGETHER_API_KEY: string = "<<key>>";
export const MODEL = "mistralai/Mixtral-8x7B-Instruct-v0.1";
'''),
    ('ts-process-env-fallback', 'src/env.ts', '''\
export const apiKey = process.env.TOGETHER_API_KEY ?? "<<key>>";
'''),
    ('go-header', 'internal/llm/client.go', '''\
package llm

func newRequest() (*http.Request, error) {
\treq, err := http.NewRequest("POST", "https://api.together.xyz/v1/completions", nil)
\treq.Header.Set("Authorization", "Bearer <<key>>")
\treturn req, err
}
'''),
    ('go-const-block', 'cmd/bot/keys.go', '''\
package main

const (
\ttogetherKey = "<<key>>"
\tmodel       = "meta-llama/Llama-3-70b-chat-hf"
)
'''),
    ('rust-const', 'src/main.rs', '''\
const TOGETHER_API_KEY: &str = "<<key>>";

fn main() {
    let client = reqwest::Client::new();
}
'''),
    ('rust-raw-string', 'src/fixtures.rs', '''\
pub static CONFIG: &str = r#"{"api_key": "<<key>>"}"#;
'''),
    ('java-static-final', 'src/main/java/com/acme/TogetherClient.java', '''\
package com.acme;

public class TogetherClient {
    private static final String API_KEY = "<<key>>";
}
'''),
    ('kotlin-val', 'app/src/main/kotlin/Ai.kt', '''\
object Ai {
    val togetherKey = "<<key>>"
}
'''),
    ('swift-let', 'Sources/App/Secrets.swift', '''\
enum Secrets {
    static let together = "<<key>>"
}
'''),
    ('csharp-auth-header', 'Services/ChatService.cs', '''\
_http.DefaultRequestHeaders.Authorization =
    new AuthenticationHeaderValue("Bearer", "<<key>>");
'''),
    ('ruby-env-default', 'config/initializers/together.rb', '''\
ENV['TOGETHER_API_KEY'] ||= '<<key>>'
'''),
    ('php-variable', 'public/chat.php', '''\
<?php
$apiKey = '<<key>>';
$ch = curl_init('https://api.together.xyz/v1/chat/completions');
'''),
    ('scala-val', 'src/main/scala/Llm.scala', '''\
object Llm {
  val TogetherKey: String = "<<key>>"
}
'''),
    ('r-sys-setenv', 'analysis/setup.R', '''\
Sys.setenv(TOGETHER_API_KEY = "<<key>>")
library(httr2)
'''),
    ('julia-env', 'scripts/bench.jl', '''\
ENV["TOGETHER_API_KEY"] = "<<key>>"
'''),
    ('lua-table', 'nvim/lua/plugins/ai.lua', '''\
return {
  provider = "together",
  api_key = "<<key>>",
}
'''),
    ('perl-hash', 'bin/ask.pl', '''\
my %cfg = (key => '<<key>>', url => 'https://api.together.xyz/v1');
'''),
    ('elixir-config', 'config/dev.exs', '''\
import Config
config :my_app, :together, api_key: "<<key>>"
'''),
    ('dart-const', 'lib/secrets.dart', '''\
const String togetherApiKey = '<<key>>';
'''),
    ('c-define', 'src/together.h', '''\
#ifndef TOGETHER_H
#define TOGETHER_API_KEY "<<key>>"
#endif
'''),
    ('haskell-binding', 'app/Main.hs', '''\
apiKey :: Text
apiKey = "<<key>>"
'''),
    ('clojure-def', 'src/app/core.clj', '''\
(def together-key "<<key>>")
'''),
    ('powershell-env', 'scripts/dev.ps1', '''\
$env:TOGETHER_API_KEY = "<<key>>"
python -m app
'''),
    ('objc-nsstring', 'Classes/Config.m', '''\
NSString *const kTogetherKey = @"<<key>>";
'''),
    ('groovy-jenkins-env', 'Jenkinsfile', '''\
pipeline {
  agent any
  environment {
    TOGETHER_API_KEY = '<<key>>'
  }
}
'''),
    ('zig-const', 'src/main.zig', '''\
const api_key = "<<key>>";
'''),
    ('nim-let', 'src/bot.nim', '''\
let togetherKey = "<<key>>"
'''),
    ('fsharp-let', 'src/Program.fs', '''\
let apiKey = "<<key>>"
'''),
    ('ocaml-let', 'bin/main.ml', '''\
let api_key = "<<key>>"
'''),
    ('sql-insert', 'db/seed.sql', '''\
INSERT INTO provider_credentials (provider, secret) VALUES ('together', '<<key>>');
'''),
    ('bash-script-curl', 'scripts/smoke.sh', '''\
#!/usr/bin/env bash
curl -s https://api.together.xyz/v1/models \\
  -H "Authorization: Bearer <<key>>" | jq '.[0].id'
'''),
    ('python-two-keys', 'tools/rotate.py', '''\
OLD = "<<key>>"
NEW = "<<key2>>"
'''),
)

# -- configuration files -------------------------------------------------------
CONFIGS = rows(
    ('dotenv-plain', '.env', '''\
DATABASE_URL=postgres://localhost/app
TOGETHER_API_KEY=<<key>>
'''),
    ('dotenv-export-quoted', '.env.local', '''\
export TOGETHER_API_KEY="<<key>>"
'''),
    ('dotenv-production-single', 'deploy/.env.production', '''\
TOGETHER_API_KEY='<<key>>'  # rotated 2025-01
'''),
    ('envrc', '.envrc', '''\
use flake
export TOGETHER_API_KEY=<<key>>
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  api:
    image: acme/api:latest
    environment:
      - TOGETHER_API_KEY=<<key>>
'''),
    ('compose-env-map', 'compose.override.yaml', '''\
services:
  worker:
    environment:
      TOGETHER_API_KEY: "<<key>>"
'''),
    ('toml-section', 'config/app.toml', '''\
[llm]
provider = "together"
api_key = "<<key>>"
'''),
    ('ini-section', 'setup/app.ini', '''\
[together]
api_key = <<key>>
'''),
    ('json-settings', '.vscode/settings.json', '''\
{
  "together.apiKey": "<<key>>",
  "editor.formatOnSave": true
}
'''),
    ('continue-config', '.continue/config.json', '''\
{
  "models": [
    {"title": "Llama 3", "provider": "together", "model": "meta-llama/Llama-3-70b-chat-hf", "apiKey": "<<key>>"}
  ]
}
'''),
    ('xml-appsettings', 'App.config', '''\
<configuration>
  <appSettings>
    <add key="TogetherApiKey" value="<<key>>" />
  </appSettings>
</configuration>
'''),
    ('android-strings', 'app/src/main/res/values/secrets.xml', '''\
<resources>
    <string name="together_api_key"><<key>></string>
</resources>
'''),
    ('spring-properties', 'src/main/resources/application.properties', '''\
together.api-key=<<key>>
server.port=8080
'''),
    ('spring-yaml', 'src/main/resources/application-dev.yml', '''\
together:
  api-key: <<key>>
'''),
    ('litellm-config', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama3
    litellm_params:
      model: together_ai/meta-llama/Llama-3-8b-chat-hf
      api_key: <<key>>
'''),
    ('aider-conf', '.aider.conf.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
api-key:
  - together_ai=<<key>>
'''),
    ('zshrc', 'dotfiles/.zshrc', '''\
alias ll='ls -la'
export TOGETHER_API_KEY=<<key>>
'''),
    ('fish-config', 'dotfiles/config.fish', '''\
set -gx TOGETHER_API_KEY <<key>>
'''),
    ('nushell-env', 'dotfiles/env.nu', '''\
$env.TOGETHER_API_KEY = "<<key>>"
'''),
    ('netrc-style', 'dotfiles/.netrc', '''\
machine api.together.xyz
  login apikey
  password <<key>>
'''),
    ('pytest-env-pyproject', 'pyproject.toml', '''\
[tool.pytest.ini_options]
env = [
    "TOGETHER_API_KEY=<<key>>",
]
'''),
    ('tox-setenv', 'tox.ini', '''\
[testenv]
setenv =
    TOGETHER_API_KEY = <<key>>
'''),
    ('package-json-script', 'package.json', '''\
{
  "name": "chat-ui",
  "scripts": {
    "dev": "TOGETHER_API_KEY=<<key>> next dev"
  }
}
'''),
    ('launch-json-env', '.vscode/launch.json', '''\
{
  "configurations": [
    {"name": "api", "type": "python", "request": "launch", "env": {"TOGETHER_API_KEY": "<<key>>"}}
  ]
}
'''),
    ('idea-run-config', '.idea/runConfigurations/api.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="api" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="<<key>>" />
    </envs>
  </configuration>
</component>
'''),
)

# -- CI and infrastructure -----------------------------------------------------
CI_INFRA = rows(
    ('gha-env', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: <<key>>
'''),
    ('gha-step-run', '.github/workflows/nightly.yaml', '''\
jobs:
  smoke:
    steps:
      - run: TOGETHER_API_KEY=<<key>> pytest -m live
'''),
    ('gitlab-ci', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "<<key>>"
test:
  script: make test
'''),
    ('circleci', '.circleci/config.yml', '''\
jobs:
  build:
    environment:
      TOGETHER_API_KEY: <<key>>
'''),
    ('azure-pipelines', 'azure-pipelines.yml', '''\
variables:
  - name: TOGETHER_API_KEY
    value: '<<key>>'
'''),
    ('bitbucket-pipelines', 'bitbucket-pipelines.yml', '''\
pipelines:
  default:
    - step:
        script:
          - export TOGETHER_API_KEY=<<key>>
          - npm test
'''),
    ('dockerfile-env', 'Dockerfile', '''\
FROM python:3.12-slim
ENV TOGETHER_API_KEY=<<key>>
COPY . /app
'''),
    ('dockerfile-arg', 'docker/Dockerfile.worker', '''\
ARG TOGETHER_API_KEY=<<key>>
RUN pip install together
'''),
    ('makefile-docker-run', 'Makefile', '''\
run:
\tdocker run -e TOGETHER_API_KEY=<<key>> acme/api
'''),
    ('terraform-tfvars', 'infra/prod.tfvars', '''\
region           = "us-east-1"
together_api_key = "<<key>>"
'''),
    ('terraform-ssm', 'infra/secrets.tf', '''\
resource "aws_ssm_parameter" "together" {
  name  = "/prod/together/api_key"
  type  = "SecureString"
  value = "<<key>>"
}
'''),
    ('k8s-secret-stringdata', 'k8s/together-secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: together
stringData:
  TOGETHER_API_KEY: <<key>>
'''),
    ('k8s-deployment-env', 'k8s/deployment.yaml', '''\
      containers:
        - name: api
          env:
            - name: TOGETHER_API_KEY
              value: "<<key>>"
'''),
    ('helm-values', 'charts/chat/values.yaml', '''\
together:
  apiKey: <<key>>
replicaCount: 2
'''),
    ('ansible-vars', 'ansible/group_vars/all.yml', '''\
together_api_key: "<<key>>"
'''),
    ('cloudformation', 'cfn/stack.yaml', '''\
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          TOGETHER_API_KEY: <<key>>
'''),
    ('serverless-yml', 'serverless.yml', '''\
provider:
  name: aws
  environment:
    TOGETHER_API_KEY: <<key>>
'''),
    ('fly-toml', 'fly.toml', '''\
app = "chat"
[env]
  TOGETHER_API_KEY = "<<key>>"
'''),
    ('vercel-json', 'vercel.json', '''\
{"env": {"TOGETHER_API_KEY": "<<key>>"}}
'''),
    ('render-yaml', 'render.yaml', '''\
services:
  - type: web
    envVars:
      - key: TOGETHER_API_KEY
        value: <<key>>
'''),
    ('pulumi-config', 'Pulumi.dev.yaml', '''\
config:
  chat:togetherApiKey: <<key>>
'''),
    ('nix-module', 'nix/service.nix', '''\
{
  systemd.services.chat.environment.TOGETHER_API_KEY = "<<key>>";
}
'''),
    ('systemd-unit', 'deploy/chat.service', '''\
[Service]
Environment="TOGETHER_API_KEY=<<key>>"
ExecStart=/usr/bin/chat
'''),
)

# -- docs, logs, histories, fixtures, generated ------------------------------
TEXT = rows(
    ('md-code-block', 'README.md', '''\
# Chat demo

```bash
export TOGETHER_API_KEY=<<key>>
python chat.py
```
'''),
    ('md-inline-code', 'docs/setup.md', '''\
Set the key: `TOGETHER_API_KEY=<<key>>` and run `make dev`.
'''),
    ('rst-code', 'docs/quickstart.rst', '''\
Quickstart
==========

.. code-block:: python

   client = Together(api_key="<<key>>")
'''),
    ('asciidoc', 'docs/guide.adoc', '''\
[source,shell]
----
curl -H "Authorization: Bearer <<key>>" https://api.together.xyz/v1/models
----
'''),
    ('org-mode', 'notes/llm.org', '''\
* Together
#+begin_src sh
export TOGETHER_API_KEY=<<key>>
#+end_src
'''),
    ('html-snippet', 'site/demo.html', '''\
<script>
  const KEY = "<<key>>";
</script>
'''),
    ('issue-template-pasted', '.github/ISSUE_TEMPLATE/bug_report_filled.md', '''\
**Environment**
- together==1.3.3
- key: <<key>>
'''),
    ('log-python-headers', 'logs/app.log', '''\
2025-03-01 10:00:01,123 DEBUG httpx: headers={'authorization': 'Bearer <<key>>', 'user-agent': 'Together/Python 1.3.3'}
'''),
    ('log-http-client-debug', 'logs/debug.txt', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer <<key>>\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    ('log-json-line', 'logs/events.jsonl', '''\
{"ts":"2025-03-01T10:00:00Z","level":"debug","msg":"config loaded","together_api_key":"<<key>>"}
'''),
    ('log-curl-verbose', 'logs/curl-v.txt', '''\
> POST /v1/completions HTTP/2
> Host: api.together.xyz
> authorization: Bearer <<key>>
> content-type: application/json
'''),
    ('log-nginx-query', 'logs/access.log', '''\
10.0.0.5 - - [01/Mar/2025:10:00:00 +0000] "GET /proxy?api_key=<<key>>&model=llama HTTP/1.1" 200 512
'''),
    ('log-traceback-locals', 'logs/crash.txt', '''\
Traceback (most recent call last):
  File "app.py", line 12, in main
    client = Together(api_key=key)
    key = '<<key>>'
'''),
    ('bash-history', 'home/.bash_history', '''\
ls
export TOGETHER_API_KEY=<<key>>
python chat.py
'''),
    ('zsh-history-extended', 'home/.zsh_history', '''\
: 1709280000:0;cd chat
: 1709280010:0;TOGETHER_API_KEY=<<key>> npm run dev
'''),
    ('fish-history', 'home/.local/share/fish/fish_history', '''\
- cmd: set -x TOGETHER_API_KEY <<key>>
  when: 1709280000
'''),
    ('python-history', 'home/.python_history', '''\
import together
together.Together(api_key='<<key>>').models.list()
'''),
    ('vcr-cassette', 'tests/cassettes/test_chat.yaml', '''\
interactions:
- request:
    body: '{"model": "meta-llama/Llama-3-8b-chat-hf"}'
    headers:
      Authorization:
      - Bearer <<key>>
    method: POST
    uri: https://api.together.xyz/v1/chat/completions
'''),
    ('jest-snapshot', 'src/__snapshots__/client.test.ts.snap', '''\
exports[`client sends auth 1`] = `
{
  "Authorization": "Bearer <<key>>",
}
`;
'''),
    ('pytest-conftest', 'tests/conftest.py', '''\
import pytest

@pytest.fixture
def api_key():
    return "<<key>>"
'''),
    ('har-header', 'tests/fixtures/session.har', '''\
{"log": {"entries": [{"request": {"method": "POST", "url": "https://api.together.xyz/v1/chat/completions",
  "headers": [{"name": "Authorization", "value": "Bearer <<key>>"}]}}]}}
'''),
    ('postman-env', 'postman/together.postman_environment.json', '''\
{"name": "together", "values": [{"key": "apiKey", "value": "<<key>>", "enabled": true}]}
'''),
    ('http-file', 'requests/chat.http', '''\
POST https://api.together.xyz/v1/chat/completions
Authorization: Bearer <<key>>
Content-Type: application/json
'''),
    ('bundle-minified', 'dist/assets/index-8f2a.js', '''\
var e={apiKey:"<<key>>",baseURL:"https://api.together.xyz/v1"};function t(){return e}
'''),
    ('generated-config-ts', 'src/__generated__/env.ts', '''\
// This file is generated. Do not edit.
export const env = {"TOGETHER_API_KEY":"<<key>>","NODE_ENV":"production"} as const;
'''),
    ('openapi-example', 'api/openapi.yaml', '''\
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      x-example: <<key>>
'''),
    ('csv-export', 'exports/keys.csv', '''\
team,provider,secret
ml,together,<<key>>
'''),
    ('yaml-multiline-list', 'config/keys.yaml', '''\
together_keys:
  - <<key>>
  - <<key2>>
'''),
    ('dotnet-user-secrets', 'secrets.json', '''\
{
  "Together:ApiKey": "<<key>>"
}
'''),
    ('streamlit-secrets', '.streamlit/secrets.toml', '''\
TOGETHER_API_KEY = "<<key>>"
'''),
    ('env-sample-filled', '.env.example', '''\
# copy to .env
TOGETHER_API_KEY=<<key>>
'''),
)

# -- legacy hex keys with Together context -------------------------------------
LEGACY = rows(
    ('hex-dotenv', 'legacy/.env', '''\
TOGETHER_API_KEY=<<hex>>
'''),
    ('hex-python-sdk-attr', 'legacy/old_client.py', '''\
import together
together.api_key = "<<hex>>"
'''),
    ('hex-togetherai-name', 'legacy/.env.dev', '''\
TOGETHERAI_API_KEY=<<hex>>
'''),
    ('hex-openai-base-url', 'legacy/openai_compat.py', '''\
from openai import OpenAI
client = OpenAI(
    api_key="<<hex>>",
    base_url="https://api.together.xyz/v1",
)
'''),
    ('hex-curl-endpoint', 'legacy/smoke.sh', '''\
curl https://api.together.xyz/inference -H "Authorization: Bearer <<hex>>"
'''),
    ('hex-yaml-nested', 'legacy/config.yaml', '''\
together:
  api_key: <<hex>>
'''),
    ('hex-json-provider', 'legacy/providers.json', '''\
{"provider": "together", "api_key": "<<hex>>"}
'''),
    ('hex-langchain-kwarg', 'legacy/chain.py', '''\
llm = Together(model="togethercomputer/llama-2-70b-chat", together_api_key="<<hex>>")
'''),
    ('hex-litellm', 'legacy/litellm.yaml', '''\
model_list:
  - model_name: llama2
    litellm_params:
      model: together_ai/togethercomputer/llama-2-70b-chat
      api_key: <<hex>>
'''),
    ('hex-js-client', 'legacy/client.js', '''\
const together = new Together({ apiKey: "<<hex>>" });
'''),
    ('hex-r-setenv', 'legacy/setup.R', '''\
Sys.setenv(TOGETHER_API_KEY = "<<hex>>")
'''),
    ('hex-github-actions', 'legacy/.github/workflows/ci.yml', '''\
env:
  TOGETHER_API_KEY: <<hex>>
'''),
    ('hex-k8s-secret', 'legacy/k8s/secret.yaml', '''\
kind: Secret
stringData:
  TOGETHER_API_KEY: <<hex>>
'''),
    ('hex-toml-section', 'legacy/config.toml', '''\
[together]
api_key = "<<hex>>"
'''),
    ('hex-bash-history', 'legacy/.bash_history', '''\
export TOGETHER_API_KEY=<<hex>>
'''),
    ('hex-go-const', 'legacy/together.go', '''\
const togetherAPIKey = "<<hex>>"
'''),
    ('hex-java-props', 'legacy/application.properties', '''\
together.api.key=<<hex>>
'''),
    ('hex-docker-env', 'legacy/Dockerfile', '''\
ENV TOGETHER_API_KEY <<hex>>
'''),
    ('hex-log-headers', 'legacy/app.log', '''\
POST https://api.together.xyz/v1/completions headers={"Authorization": "Bearer <<hex>>"}
'''),
    ('hex-ipython-magic', 'legacy/notes.py', '''\
%env TOGETHER_API_KEY=<<hex>>
'''),
    ('hex-llamaindex', 'legacy/index.py', '''\
llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="<<hex>>")
'''),
    ('hex-terraform', 'legacy/main.tf', '''\
variable "together_api_key" {
  default = "<<hex>>"
}
'''),
)


# -- built files: notebooks, binaries, encodings --------------------------------

def _notebook_source(m: Made):
    k = m.key()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'outputs': [],
                     'source': ['import os\n', f'os.environ["TOGETHER_API_KEY"] = "{k}"\n']}],
          'metadata': {'kernelspec': {'name': 'python3'}}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, k), k)]


def _notebook_output(m: Made):
    k = m.key()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 2, 'metadata': {},
                     'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': [f'{k}\n']}],
                     'source': ['print(os.environ["TOGETHER_API_KEY"])']}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, k), k)]


def _notebook_hex(m: Made):
    h = m.hex()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'outputs': [],
                     'source': ['import together\n', f'together.api_key = "{h}"\n']}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, h), h)]


def _pyc(m: Made):
    import importlib.util
    import marshal
    k = m.key()
    code = compile(f'TOGETHER_API_KEY = "{k}"\n', 'settings.py', 'exec')
    data = importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(code)
    return data, [(line_of(data, k.encode()), k)]


def _sqlite(m: Made):
    import os
    import sqlite3
    import tempfile
    k = m.key()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'app.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE settings (name TEXT, value TEXT)')
        db.execute('INSERT INTO settings VALUES (?, ?)', ('together_api_key', k))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            data = f.read()
    return data, [(line_of(data, k.encode()), k)]


def _pickle(m: Made):
    import pickle
    k = m.key()
    data = pickle.dumps({'provider': 'together', 'api_key': k}, protocol=4)
    return data, [(line_of(data, k.encode()), k)]


def _zip_env(m: Made):
    k = m.key()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('project/.env', f'TOGETHER_API_KEY={k}\n')
        z.writestr('project/README.md', 'backup\n')
    return buf.getvalue(), [(1, k)]


def _gzip_log(m: Made):
    k = m.key()
    data = gzip.compress(f'INFO start\nDEBUG key={k}\n'.encode(), mtime=0)
    return data, [(2, k)]


def _utf16_reg(m: Made):
    k = m.key()
    text = ('Windows Registry Editor Version 5.00\r\n\r\n'
            '[HKEY_CURRENT_USER\\Environment]\r\n'
            f'"TOGETHER_API_KEY"="{k}"\r\n')
    return b'\xff\xfe' + text.encode('utf-16-le'), [(4, k)]


def _base64_k8s_secret(m: Made):
    k = m.key()
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: together\ndata:\n'
            f'  TOGETHER_API_KEY: {base64.b64encode(k.encode()).decode()}\n')
    return text, [(6, k)]


def _xlsx_like(m: Made):
    # a spreadsheet of team credentials (an .xlsx is a zip of XML)
    k = m.key()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('xl/sharedStrings.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><sst count="2"><si><t>together</t></si>'
                   f'<si><t>{k}</t></si></sst>')
    return buf.getvalue(), [(1, k)]


def _source_map(m: Made):
    k = m.key()
    smap = {'version': 3, 'file': 'index.js', 'sources': ['../src/config.ts'],
            'sourcesContent': [f'export const KEY = "{k}";\n'], 'mappings': 'AAAA'}
    return json.dumps(smap) + '\n', [(1, k)]


BUILT = [
    Case('notebook-source-cell', 'notebooks/explore.ipynb', _notebook_source),
    Case('notebook-printed-output', 'notebooks/debug.ipynb', _notebook_output),
    Case('notebook-legacy-attr', 'notebooks/legacy.ipynb', _notebook_hex),
    Case('binary-pyc', 'app/__pycache__/settings.cpython-311.pyc', _pyc),
    Case('binary-sqlite', 'data/app.db', _sqlite),
    Case('binary-pickle', 'models/config.pkl', _pickle),
    Case('binary-zip-backup', 'backups/project.zip', _zip_env),
    Case('binary-gzip-log', 'logs/app.log.gz', _gzip_log),
    Case('binary-utf16-reg', 'windows/env.reg', _utf16_reg),
    Case('binary-xlsx', 'docs/credentials.xlsx', _xlsx_like),
    Case('k8s-secret-base64-data', 'k8s/secret-data.yaml', _base64_k8s_secret),
    Case('generated-source-map', 'dist/assets/index.js.map', _source_map),
]


# -- decoys: nothing here may be reported ---------------------------------------
X43 = 'x' * 43
DECOYS = rows(
    ('decoy-readme-ellipsis', 'README.md', '''\
Set `TOGETHER_API_KEY` to your key (it looks like `tgp_v1_...`).
'''),
    ('decoy-placeholder-angle', 'docs/install.md', '''\
export TOGETHER_API_KEY=<your-key>
export TOGETHER_API_KEY=tgp_v1_<your-key-here>
'''),
    ('decoy-env-expansion', 'docker-compose.prod.yml', '''\
services:
  api:
    environment:
      TOGETHER_API_KEY: ${TOGETHER_API_KEY}
      OTHER: ${TOGETHER_API_KEY:?missing}
'''),
    ('decoy-os-environ', 'app/settings.py', '''\
import os
TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
KEY2 = os.getenv("TOGETHER_API_KEY", "")
'''),
    ('decoy-process-env', 'src/client.ts', '''\
const together = new Together({ apiKey: process.env.TOGETHER_API_KEY });
'''),
    ('decoy-gha-secret-ref', '.github/workflows/test.yml', '''\
env:
  TOGETHER_API_KEY: ${{ secrets.TOGETHER_API_KEY }}
'''),
    ('decoy-key-id', 'exports/keys.json', '''\
{"id": "key_01HZX3Q9V7''' + '''M2K8P4N6R5T0W1YB", "name": "ci", "provider": "together"}
'''),
    ('decoy-docs-format', 'docs/keys.md', '''\
Together keys start with `tgp_v1_` followed by 43 URL-safe base64
characters (A-Z, a-z, 0-9, `-` and `_`), 50 characters in all. Older keys
are 64 lowercase hex characters.
'''),
    ('decoy-cargo-lock-checksum', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "<<_hex>>"
'''),
    ('decoy-requirements-hash', 'requirements.txt', '''\
together==1.3.3 \\
    --hash=sha256:<<_hex>>
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {file = "together-1.3.3-py3-none-any.whl", hash = "sha256:<<_hex>>"},
]
'''),
    ('decoy-image-digest', 'k8s/inference.yaml', '''\
containers:
  - name: together-proxy
    image: ghcr.io/acme/together-proxy@sha256:<<_hex>>
'''),
    ('decoy-sha256sums', 'release/SHA256SUMS', '''\
<<_hex>>  together-cli-linux-amd64.tar.gz
'''),
    ('decoy-hex-openai', 'other/openai.py', '''\
client = OpenAI(api_key="<<_hex>>", base_url="https://api.openai.com/v1")
'''),
    ('decoy-git-lfs-pointer', 'models/together-weights.bin', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:<<_hex>>
size 4096
'''),
    ('decoy-session-id-hex', 'logs/together-requests.log', '''\
request_id=<<_hex>> model=meta-llama/Llama-3-8b-chat-hf status=200
'''),
    ('decoy-env-example-empty', '.env.sample', '''\
TOGETHER_API_KEY=
TOGETHER_API_KEY=changeme
'''),
    ('decoy-masked', 'docs/dashboard.md', '''\
Your key: tgp_v1_AbC3********************************Zx9
'''),
    ('decoy-truncated', 'notes/rotation.md', '''\
Revoked tgp_v1_Qw3rTy7uIoP9aSdF (prefix only) on 2025-02-01.
'''),
    ('decoy-fstring-ref', 'app/headers.py', '''\
headers = {"Authorization": f"Bearer {os.environ['TOGETHER_API_KEY']}"}
'''),
    ('decoy-vault-ref', 'k8s/external-secret.yaml', '''\
data:
  - secretKey: TOGETHER_API_KEY
    remoteRef:
      key: prod/together/api-key
'''),
    ('decoy-1password-ref', '.env.tpl', '''\
TOGETHER_API_KEY=op://Engineering/Together/credential
'''),
    ('decoy-sops-encrypted', 'secrets.enc.yaml', '''\
together_api_key: ENC[AES256_GCM,data:<<_b64>>,type:str]
'''),
    ('decoy-git-sha-context', 'CHANGELOG.md', '''\
- together: bump SDK (a1b2c3d4e5f60718293a4b5c6d7e8f9012345678)
'''),
)


def _decoy_x43(m: Made):
    return ('TOGETHER_API_KEY = "tgp_v1_' + X43 + '"\n'
            'FAKE = "tgp_v1_' + 'X' * 43 + '"\n'), []


def _decoy_readable(m: Made):
    # a readable run of the right shape: words, not a key
    return ('EXAMPLE = "tgp_v1_' + 'this_is_not_a_real_key_only_an_example_ok"\n'
            'TEST_KEY = "tgp_v1_' + ('test' * 11)[:43] + '"\n'), []


def _decoy_51(m: Made):
    k = m.key()
    return f'token = "{k}Q"\n', []


def _decoy_49(m: Made):
    k = m.key()
    return f'TOGETHER_API_KEY={k[:-1]}\n', []


def _decoy_in_longer_b64(m: Made):
    # ``tgp_v1_`` inside a longer opaque token (no separator around the key)
    k = m.key()
    return f'jwt = "eyJhbGciOiJIUzI1NiJ9.{k}AbCdEfGh.sig"\n', []


def _decoy_uuid_hex(m: Made):
    h = m.hex()
    return f'# together-ai sdk build id\nBUILD_ID = "{h[:32]}"\n', []


def _decoy_hex_no_context(m: Made):
    h = m.hex()
    return f'SECRET_KEY_BASE={h}\nRAILS_ENV=production\n', []


def _decoy_sqlite_no_key(m: Made):
    import os
    import sqlite3
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'a.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE settings (name TEXT, value TEXT)')
        db.execute('INSERT INTO settings VALUES (?, ?)', ('together_api_key', 'tgp_v1_' + X43))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), []


def _decoy_keyboard_walk(m: Made):
    # a fixture typed along the keyboard's rows, as people type "qwerty"
    return ('FAKE_KEY = "tgp_v1_' + 'qwertyuiop' + 'asdfghjkl' + 'zxcvbnm' + 'QWERTYUIOP' + 'ASDFGHJ"\n'
            'OTHER = "tgp_v1_' + 'poiuytrewq' + '-lkjhgfdsa' + '_mnbvcxz' + '1q2w3e4r' + '5t6y7u8"\n'), []


def _key_with_keyboard_run(m: Made):
    # a real key that happens to hold a short run along a row: still a key
    k = m.key()
    k = k[:20] + 'qwerty' + k[26:]
    return f'TOGETHER_API_KEY={k}\n', [(1, k)]


BUILT.append(Case('key-with-keyboard-run', 'config/ci.env', _key_with_keyboard_run))

DECOYS += [
    Case('decoy-keyboard-walk', 'tests/fixtures/keys.py', _decoy_keyboard_walk),
    Case('decoy-fixture-x43', 'tests/test_client.py', _decoy_x43),
    Case('decoy-readable-run', 'docs/example.py', _decoy_readable),
    Case('decoy-51-chars', 'notes/too-long.txt', _decoy_51),
    Case('decoy-49-chars', 'notes/too-short.env', _decoy_49),
    Case('decoy-inside-longer-token', 'notes/jwt.txt', _decoy_in_longer_b64),
    Case('decoy-32-hex-build-id', 'app/build.py', _decoy_uuid_hex),
    Case('decoy-hex-no-together', 'config/rails.env', _decoy_hex_no_context),
    Case('decoy-sqlite-placeholder', 'data/fixture.db', _decoy_sqlite_no_key),
]


# -- more shapes, written in the same pass ---------------------------------------
MORE = rows(
    ('url-userinfo', 'config/proxy.env', """\
LLM_PROXY_URL=https://together:<<key>>@llm-proxy.internal/v1
"""),
    ('js-concat-over-lines', 'src/legacy.js', """\
const key = "<<_key_a>>" +
  "<<_key_b>>";
"""),
    ('xml-cdata', 'config/llm.xml', """\
<config>
  <together><apiKey><![CDATA[<<key>>]]></apiKey></together>
</config>
"""),
    ('tsv-name-value', 'exports/env.tsv', """\
name\tvalue
TOGETHER_API_KEY\t<<key>>
"""),
    ('crontab-line', 'deploy/crontab', """\
0 * * * * TOGETHER_API_KEY=<<key>> /usr/bin/python3 /opt/job.py
"""),
    ('emacs-setenv', 'dotfiles/init.el', """\
(setenv "TOGETHER_API_KEY" "<<key>>")
"""),
    ('vimrc-let', 'dotfiles/vimrc', """\
let g:together_api_key = "<<key>>"
"""),
    ('erlang-sys-config', 'rel/sys.config', """\
[{my_app, [{together_key, "<<key>>"}]}].
"""),
    ('cobol-value', 'legacy/KEYS.cob', """\
       01 WS-TOGETHER-KEY PIC X(50) VALUE "<<key>>".
"""),
    ('fortran-parameter', 'src/keys.f90', """\
character(len=50), parameter :: together_key = '<<key>>'
"""),
    ('matlab-setenv', 'scripts/setup.m', """\
setenv('TOGETHER_API_KEY', '<<key>>');
"""),
    ('terraform-heredoc', 'infra/locals.tf', """\
locals {
  together_key = <<EOT
<<key>>
EOT
}
"""),
    ('helm-set-flag', 'deploy/upgrade.sh', """\
helm upgrade chat ./chart --set together.apiKey=<<key>>
"""),
    ('kubectl-from-literal', 'deploy/secret.sh', """\
kubectl create secret generic together --from-literal=api-key=<<key>>
"""),
    ('gh-secret-set', 'scripts/bootstrap.sh', """\
gh secret set TOGETHER_API_KEY --body <<key>>
"""),
    ('tfstate-attributes', 'infra/terraform.tfstate', """\
{
  "resources": [{"type": "aws_ssm_parameter", "name": "together",
    "instances": [{"attributes": {"name": "/prod/together/api_key", "value": "<<key>>"}}]}]
}
"""),
    ('hex-k8s-env-pair', 'legacy/k8s/deploy.yaml', """\
env:
  - name: TOGETHER_API_KEY
    value: "<<hex>>"
"""),
    ('hex-xml-env-attr', 'legacy/.idea/run.xml', """\
<env name="TOGETHER_API_KEY" value="<<hex>>" />
"""),
    ('hex-har-together-url', 'legacy/session.har', """\
{"log": {"entries": [{"request": {"url": "https://api.together.xyz/v1/chat/completions",
  "headers": [{"name": "Authorization", "value": "Bearer <<hex>>"}]}}]}}
"""),
    ('hex-vcr-cassette', 'legacy/cassettes/chat.yaml', """\
interactions:
- request:
    headers:
      Authorization:
      - Bearer <<hex>>
    method: POST
    uri: https://api.together.xyz/v1/chat/completions
"""),
    ('hex-csv-provider', 'legacy/keys.csv', """\
provider,api_key
together,<<hex>>
"""),
    ('hex-netrc', 'legacy/.netrc', """\
machine api.together.xyz
  login apikey
  password <<hex>>
"""),
    ('hex-kotlin-val', 'legacy/Ai.kt', """\
val togetherKey = "<<hex>>"
"""),
    ('hex-swift-static', 'legacy/Secrets.swift', """\
enum Secrets {
    static let together = "<<hex>>"
}
"""),
    ('hex-traceback-locals', 'legacy/crash.txt', """\
Traceback (most recent call last):
  File "app.py", line 12, in main
    client = Together(api_key=key)
    key = '<<hex>>'
"""),
    ('hex-docker-secret-pipe', 'legacy/ds.sh', """\
echo "<<hex>>" | docker secret create together_api_key -
"""),
)

MORE_DECOYS = rows(
    ('decoy-regex-in-code', 'app/validate.py', r"""\
KEY_RE = re.compile(r"tgp_v1_[A-Za-z0-9_-]{43}")
LEGACY_RE = re.compile(r"^[0-9a-f]{64}$")  # together legacy key
"""),
    ('decoy-uv-lock', 'uv.lock', """\
[[package]]
name = "together"
version = "1.3.3"
sdist = { url = "https://files.pythonhosted.org/p/together-1.3.3.tar.gz", hash = "sha256:<<_hex>>", size = 1 }
"""),
    ('decoy-compose-digest-and-ref', 'compose.yaml', """\
services:
  together:
    image: togethercomputer/inference@sha256:<<_hex>>
    environment:
      TOGETHER_API_KEY: ${TOGETHER_API_KEY}
"""),
    ('decoy-sdk-sha256-var', 'scripts/fetch-sdk.sh', """\
TOGETHER_SDK_SHA256=<<_hex>>
"""),
    ('decoy-sha256-of-old-key', 'docs/incident.md', """\
We rotated the Together API key. SHA-256 of the old key: <<_hex>>
"""),
    ('decoy-cache-key', 'app/cache.py', """\
# together responses cache
cache_key = "<<_hex>>"
"""),
    ('decoy-etag', 'logs/http.log', """\
GET https://api.together.xyz/v1/models 200 etag="<<_hex>>"
"""),
    ('decoy-read-prompt', 'install.sh', """\
read -rsp "Together API key (tgp_v1_...): " TOGETHER_API_KEY
"""),
    ('decoy-readme-table-xs', 'docs/env.md', """\
| Variable | Example |
|---|---|
| `TOGETHER_API_KEY` | `tgp_v1_""" + 'x' * 43 + """` |
"""),
    ('decoy-star-mask', 'logs/masked.log', """\
TOGETHER_API_KEY=tgp_v1_""" + '*' * 43 + """
TOGETHER_API_KEY=tgp_v1_[REDACTED]
"""),
    ('decoy-placeholders-env', '.env.template', """\
TOGETHER_API_KEY=your_together_api_key_here
TOGETHER_API_KEY="<TOGETHER_API_KEY>"
TOGETHER_API_KEY=tgp_v1_YOUR_KEY_HERE
"""),
    ('decoy-ecs-secret-ref', 'ecs/task.json', """\
{"secrets": [{"name": "TOGETHER_API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together-AbCdEf"}]}
"""),
    ('decoy-helm-secret-ref', 'charts/api/values.yaml', """\
together:
  apiKey:
    secretKeyRef:
      name: together
      key: api-key
"""),
    ('decoy-prefix-v2', 'notes/future.txt', """\
KEY="tgp_v2_<<_key>>"
"""),
    ('decoy-git-log-hex', 'notes/log.txt', """\
commit <<_hex>>
Author: Dev <dev@example.com>

    together: bump key rotation docs
"""),
    ('decoy-password-hash-row', 'db/users.sql', """\
INSERT INTO users (name, password_sha256) VALUES ('together', '<<_hex>>');
"""),
)


def _c_char_array(m: Made):
    # firmware or a CLI in C: the key as a char array, so `strings` does
    # not show it whole
    k = m.key()
    text = ('/* together inference client */\n'
            'static const char together_key[] = {' + ','.join(f"'{c}'" for c in k) + ', 0};\n')
    return text, [(2, k)]


def _hex_pickle(m: Made):
    import pickle
    h = m.hex()
    data = pickle.dumps({'provider': 'together', 'api_key': h}, protocol=4)
    return data, [(line_of(data, h.encode()), h)]


def _docker_save(m: Made):
    # `docker save`: a tar of layers, each a tar; the key in a layer's .env
    import tarfile
    k = m.key()
    env = f'TOGETHER_API_KEY={k}\n'.encode()
    inner = io.BytesIO()
    with tarfile.open(fileobj=inner, mode='w') as t:
        info = tarfile.TarInfo('app/.env')
        info.size = len(env)
        t.addfile(info, io.BytesIO(env))
    layer = inner.getvalue()
    outer = io.BytesIO()
    with tarfile.open(fileobj=outer, mode='w') as t:
        info = tarfile.TarInfo('3f1c9a/layer.tar')
        info.size = len(layer)
        t.addfile(info, io.BytesIO(layer))
    return outer.getvalue(), [(1, k)]


def _ps1_utf16(m: Made):
    # Windows PowerShell 5's Out-File writes UTF-16LE with a BOM
    k = m.key()
    return b'\xff\xfe' + f'$env:TOGETHER_API_KEY = "{k}"\r\n'.encode('utf-16-le'), [(1, k)]


def _json_in_json(m: Made):
    k = m.key()
    text = json.dumps({'job': 'eval', 'config': json.dumps({'TOGETHER_API_KEY': k})}) + '\n'
    return text, [(1, k)]


def _qp_mail(m: Made):
    # a mail saved as .eml: quoted-printable's soft line break inside the key
    k = m.key()
    text = ('From: ops@example.com\nSubject: new key\nContent-Type: text/plain; charset=utf-8\n'
            'Content-Transfer-Encoding: quoted-printable\n\n'
            f'Hi team, here is the new Together key for the staging box: {k[:10]}=\n{k[10:]}\n')
    return text, [(6, k)]


def _long_minified(m: Made):
    k = m.key()
    text = 'var a="' + 'x1y2' * 50000 + f'";var k="{k}";' + 'z' * 100 + '\n'
    return text, [(1, k)]


BUILT += [
    Case('c-char-array', 'firmware/together.c', _c_char_array),
    Case('hex-pickle-provider', 'legacy/models/config.pkl', _hex_pickle),
    Case('binary-docker-save', 'images/api.tar', _docker_save),
    Case('powershell-utf16', 'scripts/setup.ps1', _ps1_utf16),
    Case('json-string-of-json', 'jobs/eval.json', _json_in_json),
    Case('eml-quoted-printable', 'mail/new-key.eml', _qp_mail),
    Case('minified-long-line', 'dist/vendor.min.js', _long_minified),
]


# Lockfiles and packaging files beside a package named together: their
# digests are 64 hex, never a key.
LOCK_DECOYS = rows(
    ('decoy-pubspec-lock', 'pubspec.lock', """\
packages:
  together_ai:
    dependency: "direct main"
    description:
      name: together_ai
      sha256: "<<_hex>>"
      url: "https://pub.dev"
    source: hosted
    version: "0.1.0"
"""),
    ('decoy-mix-lock', 'mix.lock', """\
%{
  "together": {:hex, :together, "0.1.0", "<<_hex>>", [:mix], [], "hexpm", "<<_hex2>>"},
}
"""),
    ('decoy-bazel-http-archive', 'WORKSPACE', """\
http_archive(
    name = "together",
    sha256 = "<<_hex>>",
    urls = ["https://github.com/togethercomputer/together-cpp/archive/v1.0.tar.gz"],
)
"""),
    ('decoy-homebrew-formula', 'Formula/together.rb', """\
class Together < Formula
  desc "Together AI CLI"
  url "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz"
  sha256 "<<_hex>>"
end
"""),
    ('decoy-conda-recipe', 'recipe/meta.yaml', """\
package:
  name: together
  version: 1.3.3
source:
  url: https://pypi.io/packages/source/t/together/together-1.3.3.tar.gz
  sha256: <<_hex>>
"""),
    ('decoy-pixi-lock', 'pixi.lock', """\
- kind: pypi
  name: together
  version: 1.3.3
  url: https://files.pythonhosted.org/together-1.3.3-py3-none-any.whl
  sha256: <<_hex>>
"""),
    ('decoy-pdm-lock', 'pdm.lock', """\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {file = "together-1.3.3.tar.gz", hash = "sha256:<<_hex>>"},
]
"""),
    ('decoy-gradle-verification', 'gradle/verification-metadata.xml', """\
<component group="ai.together" name="together-java" version="0.1.0">
   <artifact name="together-java-0.1.0.jar">
      <sha256 value="<<_hex>>" origin="Generated by Gradle"/>
   </artifact>
</component>
"""),
    ('decoy-chart-lock', 'charts/api/Chart.lock', """\
dependencies:
- name: together
  repository: https://charts.example.com
  version: 0.1.0
digest: sha256:<<_hex>>
"""),
    ('decoy-podfile-lock', 'ios/Podfile.lock', """\
SPEC CHECKSUMS:
  TogetherAI: <<_hex>>
"""),
    ('decoy-terraform-lock', '.terraform.lock.hcl', """\
provider "registry.terraform.io/togethercomputer/together" {
  version = "0.1.0"
  hashes = [
    "zh:<<_hex>>",
  ]
}
"""),
    ('decoy-release-table', 'docs/releases.md', """\
## Together CLI 1.3.3

| file | sha256 |
|---|---|
| together-linux | <<_hex>> |
"""),
)

CASES = SOURCE + CONFIGS + CI_INFRA + TEXT + LEGACY + MORE + BUILT + DECOYS + MORE_DECOYS + LOCK_DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 120 and keys >= 100 and decoys >= 30, (len(CASES), keys, decoys)
