"""A third held-out probe (session 7): how real projects and tools write
Together keys and 64-hex secrets in formats the other sets do not hold --
editor and container settings, CI systems, deployment and secret stores,
shells and service managers, build files, application configs in many
languages, LLM framework configs, HTTP captures and logs, and line-ending
edge cases -- and decoys from lockfiles, digests, checksums, SBOMs and
references to a key kept elsewhere.  The same cases are scanned as staged,
history, a pushed range and the hook in tests/accuracy/probe3_modes_test.py.
"""
from __future__ import annotations

import base64

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


def _no_newline_at_eof(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    return f'# local only\nTOGETHER_API_KEY={key}', [(2, key)]


def _tabs_crlf(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key, hx = m.key(), m.hex()
    text = f'[together]\r\n\tapi_key\t=\t{hx}\r\n\tkey2\t=\t{key}\r\n'
    return text, [(2, hx), (3, key)]


def _crlf_bare_cr_end(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.hex()
    return f'@echo off\r\nset "TOGETHER_API_KEY={key}"\r\npython app.py', [(2, key)]


def _reg_utf16(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """``reg export HKCU\\Environment``: UTF-16LE with a BOM."""
    key, hx = m.key(), m.hex()
    text = (
        'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
        f'"TOGETHER_API_KEY"="{hx}"\r\n"TOGETHER_KEY_NEW"="{key}"\r\n'
    )
    return b'\xff\xfe' + text.encode('utf-16-le'), [(4, hx), (5, key)]


def _docker_config_auth(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """``~/.docker/config.json``: ``auth`` is base64 of ``user:password``."""
    key = m.key()
    auth = base64.b64encode(f'together:{key}'.encode()).decode()
    text = '{\n  "auths": {\n    "registry.together.ai": {\n      "auth": "%s"\n    }\n  }\n}\n' % auth
    return text, [(4, key)]


def _basic_auth_header(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    enc = base64.b64encode(f'apikey:{key}'.encode()).decode()
    text = f'> POST /v1/completions HTTP/1.1\n> Host: api.together.xyz\n> Authorization: Basic {enc}\n'
    return text, [(3, key)]


def _k8s_secret_generic_b64(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A Secret whose ``data:`` holds the key under a generic name, the
    provider named by the Secret's own name and the URL beside it."""
    key = m.key()
    text = (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-credentials\ntype: Opaque\n'
        'data:\n  base-url: ' + base64.b64encode(b'https://api.together.xyz/v1').decode() + '\n'
        '  api-key: ' + base64.b64encode(key.encode()).decode() + '\n'
    )
    return text, [(8, key)]


def _notebook_output(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A notebook cell that echoed the variable: its output holds the key."""
    key = m.key()
    text = '''{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {"tags": []},
   "outputs": [
    {
     "data": {"text/plain": ["'%s'"]},
     "execution_count": 2,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": ["os.environ.get('TOGETHER_API_KEY')"]
  }
 ],
 "metadata": {"kernelspec": {"name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
''' % key
    return text, [(line_of(text, key), key)]


def _tfstate_gha_secret(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """Terraform state of a ``github_actions_secret``: the name, then the
    value in ``plaintext_value``."""
    key = m.hex()
    text = (
        '{\n  "resources": [\n    {\n      "type": "github_actions_secret",\n'
        '      "name": "together",\n      "instances": [{"attributes": {\n'
        '        "repository": "chat",\n'
        '        "secret_name": "TOGETHER_API_KEY",\n'  # pragma: allowlist secret
        f'        "plaintext_value": "{key}"\n'
        '      }}]\n    }\n  ]\n}\n'
    )
    return text, [(line_of(text, key), key)]


SPECIAL = [
    Case('env-no-newline-at-eof', '.env', _no_newline_at_eof),
    Case('ini-tabs-crlf', 'together.ini', _tabs_crlf),
    Case('bat-quoted-set-no-eol', 'run.cmd', _crlf_bare_cr_end),
    Case('windows-reg-export-utf16', 'env.reg', _reg_utf16),
    Case('docker-config-auth-b64', '.docker/config.json', _docker_config_auth),
    Case('curl-basic-auth-b64', 'logs/curl-v.txt', _basic_auth_header),
    Case('k8s-secret-generic-b64', 'k8s/together-secret.yaml', _k8s_secret_generic_b64),
    Case('ipynb-execute-result', 'nb/check-env.ipynb', _notebook_output),
    Case('tfstate-gha-secret-plaintext', 'infra/terraform.tfstate', _tfstate_gha_secret),
]

LEAKS = key_cases(
    # -- editors and dev containers ----------------------------------------
    ('vscode-launch-env', '.vscode/launch.json', '''\
{{
  "version": "0.2.0",
  "configurations": [
    {{
      "name": "Python: serve",
      "type": "debugpy",
      "request": "launch",
      "program": "${{workspaceFolder}}/serve.py",
      "env": {{
        "TOGETHER_API_KEY": "{hex}",
        "LOG_LEVEL": "debug"
      }}
    }}
  ]
}}
'''),
    ('vscode-settings-terminal-env', '.vscode/settings.json', '''\
{{
  "python.defaultInterpreterPath": ".venv/bin/python",
  "terminal.integrated.env.linux": {{
    "TOGETHER_API_KEY": "{key}"
  }}
}}
'''),
    ('devcontainer-remote-env', '.devcontainer/devcontainer.json', '''\
{{
  "name": "llm-dev",
  "image": "mcr.microsoft.com/devcontainers/python:3.11",
  "containerEnv": {{ "TOGETHER_API_KEY": "{hex}" }},
  "remoteEnv": {{ "OPENAI_BASE_URL": "https://api.together.xyz/v1", "OPENAI_API_KEY": "{hex2}" }}
}}
'''),
    ('jupyter-kernel-json-env', 'share/jupyter/kernels/llm/kernel.json', '''\
{{
 "argv": ["python", "-m", "ipykernel_launcher", "-f", "{{connection_file}}"],
 "display_name": "LLM (together)",
 "env": {{"TOGETHER_API_KEY": "{hex}"}}
}}
'''),
    ('ipynb-env-magic', 'nb/setup.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "source": [
    "%env TOGETHER_API_KEY={hex}\\n",
    "%env MODEL=meta-llama/Llama-3-70b-chat-hf"
   ]
  }}
 ],
 "nbformat": 4
}}
'''),
    ('ipynb-openai-compatible-source', 'nb/compare.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "source": [
    "from openai import OpenAI\\n",
    "client = OpenAI(\\n",
    "    api_key=\\"{hex}\\",\\n",
    "    base_url=\\"https://api.together.xyz/v1\\",\\n",
    ")"
   ]
  }}
 ]
}}
'''),
    # -- containers and orchestration ---------------------------------------
    ('compose-env-map', 'compose.yaml', '''\
services:
  api:
    build: .
    environment:
      DATABASE_URL: postgres://app@db/app
      TOGETHER_API_KEY: "{hex}"
'''),
    ('compose-env-list-quoted', 'docker-compose.override.yml', '''\
services:
  worker:
    environment:
      - "TOGETHER_API_KEY={hex}"
      - 'TOGETHER_KEY_FALLBACK={key}'
'''),
    ('k8s-secret-stringdata', 'k8s/llm-secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: llm
stringData:
  TOGETHER_API_KEY: {hex}
'''),
    ('k8s-deployment-env-value', 'k8s/deploy.yaml', '''\
        env:
          - name: OPENAI_BASE_URL
            value: https://api.together.xyz/v1
          - name: TOGETHER_API_KEY
            value: "{hex}"
'''),
    ('helm-values-anchor', 'charts/chat/values.yaml', '''\
common: &together
  provider: together
  apiKey: {hex}
chat:
  <<: *together
  model: meta-llama/Llama-3-8b-chat-hf
'''),
    ('helm-set-flag', 'deploy.sh', '''\
helm upgrade --install chat ./charts/chat \\
  --set together.apiKey={hex} \\
  --set image.tag=1.4.2
'''),
    ('ecs-task-definition', 'ecs/task.json', '''\
{{
  "containerDefinitions": [{{
    "name": "api",
    "environment": [
      {{"name": "TOGETHER_API_KEY", "value": "{hex}"}}
    ]
  }}]
}}
'''),
    # -- CI ------------------------------------------------------------------
    ('gha-run-script-export', '.github/workflows/smoke.yml', '''\
    steps:
      - name: smoke test
        run: |
          export TOGETHER_API_KEY={hex}
          python smoke.py --model "$MODEL"
'''),
    ('gha-with-input', '.github/workflows/review.yml', '''\
      - uses: acme/ai-review-action@v2
        with:
          provider: together
          api-key: {hex}
          model: Qwen/Qwen2.5-Coder-32B-Instruct
'''),
    ('gitlab-ci-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "{hex}"
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
test:
  script: pytest
'''),
    ('circleci-environment', '.circleci/config.yml', '''\
jobs:
  build:
    docker:
      - image: cimg/python:3.12
        environment:
          TOGETHER_API_KEY: {key}
'''),
    ('jenkinsfile-environment', 'Jenkinsfile', '''\
pipeline {{
  agent any
  environment {{
    TOGETHER_API_KEY = '{hex}'
  }}
  stages {{ stage('test') {{ steps {{ sh 'pytest' }} }} }}
}}
'''),
    ('azure-pipelines-variables', 'azure-pipelines.yml', '''\
variables:
  - name: TOGETHER_API_KEY
    value: {hex}
'''),
    ('bitbucket-pipelines-export', 'bitbucket-pipelines.yml', '''\
pipelines:
  default:
    - step:
        script:
          - export TOGETHER_API_KEY={hex}
          - python -m pytest
'''),
    # -- infrastructure and secret stores -----------------------------------
    ('ansible-group-vars', 'group_vars/all.yml', '''\
app_user: deploy
together_api_key: "{hex}"
'''),
    ('ansible-task-environment', 'roles/app/tasks/main.yml', '''\
- name: run the eval
  ansible.builtin.command: python eval.py
  environment:
    TOGETHER_API_KEY: "{hex}"
'''),
    ('terraform-tfvars', 'prod.auto.tfvars', '''\
region           = "us-east-1"
together_api_key = "{hex}"
'''),
    ('tfstate-output', 'terraform.tfstate', '''\
{{
  "version": 4,
  "outputs": {{
    "together_api_key": {{
      "value": "{hex}",
      "type": "string",
      "sensitive": true
    }}
  }}
}}
'''),
    ('terraform-k8s-secret-data', 'infra/k8s.tf', '''\
resource "kubernetes_secret" "llm" {{
  metadata {{ name = "llm" }}
  data = {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('pulumi-plain-config', 'Pulumi.dev.yaml', '''\
config:
  aws:region: us-west-2
  chat:togetherApiKey: {hex}
'''),
    ('serverless-env', 'serverless.yml', '''\
service: chat
provider:
  name: aws
  runtime: python3.12
  environment:
    TOGETHER_API_KEY: {hex}
'''),
    ('ssm-get-parameter', 'out/ssm.json', '''\
{{
    "Parameter": {{
        "Name": "/prod/together/api-key",
        "Type": "SecureString",
        "Value": "{hex}",
        "Version": 3
    }}
}}
'''),
    ('secretsmanager-secret-string', 'out/secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm-AbCdEf",
    "Name": "prod/llm",
    "SecretString": "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\"}}"
}}
'''),
    ('vault-kv-get-json', 'out/vault.json', '''\
{{
  "data": {{
    "data": {{
      "together_api_key": "{hex}"
    }},
    "metadata": {{"version": 2}}
  }}
}}
'''),
    ('netrc-one-line', '.netrc', '''\
machine github.com login octo password x
machine api.together.xyz login apikey password {hex}
'''),
    ('npmrc-style-auth-token', '.npmrc', '''\
registry=https://registry.npmjs.org/
//api.together.xyz/:_authToken={hex}
'''),
    ('pypirc-style-ini', 'llm.cfg', '''\
[distutils]
index-servers = together

[together]
repository = https://api.together.xyz/v1
password = {hex}
'''),
    # -- shells and service managers ----------------------------------------
    ('powershell-env-generic', 'scripts/dev.ps1', '''\
$env:OPENAI_BASE_URL = "https://api.together.xyz/v1"
$env:OPENAI_API_KEY = "{hex}"
python .\\chat.py
'''),
    ('powershell-env-named', 'profile.ps1', '''\
$Env:TOGETHER_API_KEY='{hex}'
'''),
    ('windows-setx-quoted', 'setup.cmd', '''\
setx TOGETHER_API_KEY "{hex}"
'''),
    ('fish-set-export', 'config.fish', '''\
set --export TOGETHER_API_KEY {hex}
'''),
    ('nushell-load-env', 'env.nu', '''\
load-env {{ TOGETHER_API_KEY: "{hex}" }}
'''),
    ('direnv-envrc', '.envrc', '''\
use flake
export TOGETHER_API_KEY={hex}
'''),
    ('systemd-environment-quoted', 'deploy/chat.service', '''\
[Service]
ExecStart=/opt/chat/bin/serve
Environment="TOGETHER_API_KEY={hex}" "PORT=8080"
'''),
    ('systemd-environment-multi', 'deploy/worker.service', '''\
[Service]
Environment=PORT=9000 TOGETHER_API_KEY={hex}
'''),
    ('crontab-line', 'deploy/crontab', '''\
MAILTO=ops@example.com
15 3 * * * TOGETHER_API_KEY={hex} /opt/venv/bin/python /opt/jobs/nightly.py
'''),
    ('makefile-export-assign', 'Makefile', '''\
export TOGETHER_API_KEY := {hex}
test:
\tpytest
'''),
    ('makefile-conditional-assign', 'mk/env.mk', '''\
TOGETHER_API_KEY ?= {hex}
'''),
    ('cmake-set', 'CMakeLists.txt', '''\
cmake_minimum_required(VERSION 3.20)
set(TOGETHER_API_KEY "{hex}")
'''),
    ('cmake-compile-definition', 'src/CMakeLists.txt', '''\
target_compile_definitions(chat PRIVATE TOGETHER_API_KEY="{hex}")
'''),
    # -- languages -------------------------------------------------------------
    ('rust-static-generic', 'src/config.rs', '''\
pub static TOGETHER_BASE_URL: &str = "https://api.together.xyz/v1";
pub static API_KEY: &str = "{hex}";
'''),
    ('go-const-camel', 'internal/llm/keys.go', '''\
const togetherAPIKey = "{hex}"
'''),
    ('go-struct-literal', 'internal/llm/client.go', '''\
cfg := openai.DefaultConfig("{hex}")
cfg.BaseURL = "https://api.together.xyz/v1"
'''),
    ('java-properties-dotted', 'src/main/resources/llm.properties', '''\
llm.together.api-key={hex}
llm.together.model=meta-llama/Llama-3-8b-chat-hf
'''),
    ('spring-application-yml', 'src/main/resources/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: {hex}
      chat:
        options:
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('dotnet-appsettings', 'appsettings.Development.json', '''\
{{
  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},
  "Together": {{
    "ApiKey": "{hex}",
    "Model": "meta-llama/Llama-3-8b-chat-hf"
  }}
}}
'''),
    ('dotnet-appsettings-openai-endpoint', 'appsettings.json', '''\
{{
  "OpenAI": {{
    "Endpoint": "https://api.together.xyz/v1",
    "Key": "{hex}"
  }}
}}
'''),
    ('laravel-env-default', 'config/services.php', '''\
'together' => [
    'key' => env('TOGETHER_API_KEY', '{hex}'),
],
'''),
    ('ruby-env-fetch-default', 'config/initializers/together.rb', '''\
TOGETHER_KEY = ENV.fetch("TOGETHER_API_KEY", "{hex}")
'''),
    ('ruby-env-assign', 'spec/spec_helper.rb', '''\
ENV['TOGETHER_API_KEY'] = '{hex}'
'''),
    ('elixir-one-line', 'config/dev.exs', '''\
config :my_app, :together, api_key: "{hex}"
'''),
    ('r-renviron', '.Renviron', '''\
TOGETHER_API_KEY="{hex}"
'''),
    ('julia-setenv', 'setup.jl', '''\
ENV["TOGETHER_API_KEY"]="{hex}"
'''),
    ('swift-static-let', 'Sources/App/Secrets.swift', '''\
enum Secrets {{
    static let togetherAPIKey = "{hex}"
}}
'''),
    ('kotlin-const-val', 'app/src/main/java/ai/Keys.kt', '''\
object Keys {{
    const val TOGETHER_API_KEY = "{hex}"
}}
'''),
    ('dart-const', 'lib/env.dart', '''\
const String togetherApiKey = '{hex}';
'''),
    ('scala-hocon', 'conf/application.conf', '''\
together {{
  api-key = "{hex}"
  model = "meta-llama/Llama-3-8b-chat-hf"
}}
'''),
    ('lua-table', 'config.lua', '''\
return {{
  together = {{ api_key = "{hex}" }},
}}
'''),
    # -- LLM frameworks and OpenAI-compatible clients ------------------------
    ('litellm-proxy-config', 'litellm_config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: "{hex}"
'''),
    ('litellm-openai-prefix-api-base', 'proxy/config.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: openai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_base: https://api.together.xyz/v1
      api_key: {hex}
'''),
    ('llamaindex-openailike', 'rag/llm.py', '''\
llm = OpenAILike(
    model="meta-llama/Llama-3-70b-chat-hf",
    api_base="https://api.together.xyz/v1",
    api_key="{hex}",
    is_chat_model=True,
)
'''),
    ('langchain-chatopenai-together', 'agents/llm.py', '''\
llm = ChatOpenAI(
    openai_api_base="https://api.together.xyz/v1",
    openai_api_key="{hex}",
    model_name="mistralai/Mixtral-8x7B-Instruct-v0.1",
)
'''),
    ('openai-js-baseurl-after', 'src/llm.ts', '''\
const client = new OpenAI({{
  apiKey: "{hex}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('dspy-lm', 'pipeline.py', '''\
lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="{hex}")
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
models:
  - name: Llama 3 70B
    provider: together
    model: meta-llama/Llama-3-70b-chat-hf
    apiKey: {hex}
'''),
    ('autogen-config-list', 'OAI_CONFIG_LIST', '''\
[
  {{
    "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
    "base_url": "https://api.together.xyz/v1",
    "api_key": "{hex}"
  }}
]
'''),
    # -- HTTP captures, logs, URLs ---------------------------------------------
    ('wget-header', 'scripts/fetch-models.sh', '''\
wget -q --header="Authorization: Bearer {hex}" https://api.together.xyz/v1/models -O models.json
'''),
    ('har-request-headers', 'captures/session.har', '''\
{{"log": {{"entries": [{{
  "request": {{
    "method": "POST",
    "url": "https://api.together.xyz/v1/chat/completions",
    "headers": [
      {{"name": "content-type", "value": "application/json"}},
      {{"name": "authorization", "value": "Bearer {hex}"}}
    ]
  }}
}}]}}}}
'''),
    ('postman-environment-generic', 'postman/together.postman_environment.json', '''\
{{
  "name": "Together",
  "values": [
    {{"key": "baseUrl", "value": "https://api.together.xyz/v1", "enabled": true}},
    {{"key": "apiKey", "value": "{hex}", "type": "secret", "enabled": true}}
  ]
}}
'''),
    ('python-logging-headers', 'logs/app.log', '''\
2024-06-01 12:00:01,123 DEBUG openai._base_client Request options: {{'method': 'post', 'url': '/chat/completions', 'headers': {{'Authorization': 'Bearer {hex}'}}}} base_url=https://api.together.xyz/v1/
'''),
    ('url-query-api-key-hex', 'docs/troubleshooting.md', '''\
    GET https://api.together.xyz/v1/models?api_key={hex} HTTP/1.1
'''),
    ('traceback-locals', 'logs/crash.txt', '''\
Traceback (most recent call last):
  File "/app/venv/lib/python3.11/site-packages/together/client.py", line 64, in __init__
    api_key = '{key}'
together.error.AuthenticationError: Error code: 401
'''),
    ('nginx-proxy-set-header', 'deploy/nginx.conf', '''\
location /llm/ {{
    proxy_pass https://api.together.xyz/v1/;
    proxy_set_header Authorization "Bearer {hex}";
}}
'''),
    ('http-file-rest-client', 'requests.http', '''\
POST https://api.together.xyz/v1/chat/completions
Content-Type: application/json
Authorization: Bearer {hex}

{{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": []}}
'''),
    ('env-tab-separated-export', 'env.tsv', '''\
NAME\tVALUE
TOGETHER_API_KEY\t{hex}
'''),
)

DECOYS = key_cases(
    # -- lockfiles and package metadata near "together" -------------------
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
sdist = {{ url = "https://files.pythonhosted.org/together-1.3.3.tar.gz", hash = "sha256:{_hex}", size = 61530 }}
'''),
    ('decoy-yarn-berry-checksum', 'yarn.lock', '''\
"together-ai@npm:^0.6.0":
  version: 0.6.0
  resolution: "together-ai@npm:0.6.0"
  checksum: 10c0/{_hex}{_hex2}
'''),
    ('decoy-package-lock-integrity', 'package-lock.json', '''\
    "node_modules/together-ai": {{
      "version": "0.6.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz",
      "integrity": "sha512-{_b64}{_b642}",
      "license": "Apache-2.0"
    }},
'''),
    ('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.1.0 h1:{_b64}
github.com/togethercomputer/together-go v0.1.0/go.mod h1:{_b642}
'''),
    ('decoy-pip-hash-extra', 'requirements.lock', '''\
together[pyarrow]==1.3.3 --hash=sha256:{_hex} --hash=sha256:{_hex2}
'''),
    ('decoy-conda-lock', 'conda-lock.yml', '''\
- name: together
  version: 1.3.3
  manager: pip
  hash:
    sha256: {_hex}
'''),
    ('decoy-pypi-json-digests', 'cache/pypi-together.json', '''\
{{"info": {{"name": "together", "version": "1.3.3"}},
 "urls": [{{"filename": "together-1.3.3-py3-none-any.whl",
   "digests": {{"blake2b_256": "{_hex}", "sha256": "{_hex2}"}}}}]}}
'''),
    ('decoy-nix-fetch', 'nix/together.nix', '''\
src = fetchFromGitHub {{
  owner = "togethercomputer";
  repo = "together-python";
  rev = "v1.3.3";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-homebrew-formula', 'Formula/together-cli.rb', '''\
class TogetherCli < Formula
  url "https://github.com/togethercomputer/together-cli/archive/v0.4.1.tar.gz"
  sha256 "{_hex}"
end
'''),
    ('decoy-bazel-http-archive', 'WORKSPACE', '''\
http_archive(
    name = "together",
    sha256 = "{_hex}",
    urls = ["https://github.com/togethercomputer/together-cpp/archive/v0.1.tar.gz"],
)
'''),
    ('decoy-helm-chart-lock', 'charts/chat/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/togethercomputer/charts
  version: 0.3.1
digest: sha256:{_hex}
'''),
    ('decoy-cyclonedx-sbom', 'sbom.cdx.json', '''\
{{"components": [{{"name": "together", "version": "1.3.3",
  "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-spdx', 'sbom.spdx', '''\
PackageName: together
PackageVersion: 1.3.3
PackageChecksum: SHA256: {_hex}
'''),
    ('decoy-debian-checksums', 'debian/together_1.3.3.dsc', '''\
Source: together
Checksums-Sha256:
 {_hex} 61530 together_1.3.3.orig.tar.gz
'''),
    ('decoy-hf-lfs-listing', 'cache/hf-files.json', '''\
[{{"rfilename": "model-00001-of-00002.safetensors", "size": 4943162336,
  "lfs": {{"sha256": "{_hex}", "size": 4943162336}}}}]
'''),
    # -- digests, commits, checksums --------------------------------------
    ('decoy-git-sha256-log', 'notes/history.txt', '''\
{_hex} (HEAD -> main) together: rotate TOGETHER_API_KEY, stop logging it
{_hex2} Merge branch 'together-api-key-docs'
'''),
    ('decoy-oci-index', 'oci/index.json', '''\
{{"manifests": [{{"mediaType": "application/vnd.oci.image.manifest.v1+json",
  "digest": "sha256:{_hex}",
  "annotations": {{"org.opencontainers.image.title": "together-inference"}}}}]}}
'''),
    ('decoy-sha256sum-output', 'release/checksums.txt', '''\
{_hex}  together_linux_arm64.zip
{_hex2}  together_darwin_arm64.zip
'''),
    ('decoy-sri-hash', 'public/index.html', '''\
<script src="https://cdn.example.com/together-widget.js"
        integrity="sha384-{_b64}" crossorigin="anonymous"></script>
'''),
    ('decoy-s3-content-sha', 'logs/upload.log', '''\
PUT /together-datasets/train.jsonl HTTP/1.1
x-amz-content-sha256: {_hex}
'''),
    ('decoy-har-response-ids', 'captures/resp.har', '''\
{{"request": {{"url": "https://api.together.xyz/v1/models"}},
 "response": {{"headers": [
   {{"name": "etag", "value": "W/\\"{_hex}\\""}},
   {{"name": "x-request-id", "value": "{_hex2}"}}
 ]}}}}
'''),
    ('decoy-har-csrf-token', 'captures/settings.har', '''\
{{"request": {{"url": "https://api.together.xyz/settings/api-keys", "headers": [
  {{"name": "x-csrf-token", "value": "{_hex}"}}
]}}}}
'''),
    ('decoy-django-secret-key', 'site/settings.py', '''\
TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
TOGETHER_BASE_URL = "https://api.together.xyz/v1"
SECRET_KEY = "{_hex}"
'''),
    ('decoy-webhook-secret-beside', 'app/config.py', '''\
client = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])
GITHUB_WEBHOOK_SECRET = "{_hex}"
'''),
    ('decoy-session-token-together-dict', 'app/state.py', '''\
SESSION = {{"base_url": "https://api.together.xyz/v1", "session_token": "{_hex}"}}
'''),
    ('decoy-test-vector', 'tests/test_hashing.py', '''\
from together.utils import sha256_file

def test_empty_file_digest(tmp_path):
    assert sha256_file(tmp_path / "empty") == "{_hex}"
'''),
    # -- references to a key kept elsewhere, in every syntax --------------
    ('decoy-litellm-env-ref', 'litellm.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-8b-chat-hf
      api_key: os.environ/TOGETHER_API_KEY
'''),
    ('decoy-ansible-jinja', 'roles/app/vars/main.yml', '''\
together_api_key: "{{{{ vault_together_api_key }}}}"
'''),
    ('decoy-terraform-var', 'main.tf', '''\
resource "kubernetes_secret" "llm" {{
  data = {{ TOGETHER_API_KEY = var.together_api_key }}
}}
'''),
    ('decoy-k8s-secret-key-ref', 'k8s/env.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef: {{name: together, key: api-key}}
'''),
    ('decoy-windows-refs', 'run.bat', '''\
set TOGETHER_API_KEY=%TOGETHER_API_KEY%
powershell -Command "$env:TOGETHER_API_KEY"
'''),
    ('decoy-jenkins-with-credentials', 'ci/Jenkinsfile', '''\
withCredentials([string(credentialsId: 'together-api-key', variable: 'TOGETHER_API_KEY')]) {{
  sh 'python eval.py'
}}
'''),
    ('decoy-helm-template-ref', 'charts/chat/templates/secret.yaml', '''\
stringData:
  TOGETHER_API_KEY: {{{{ .Values.together.apiKey | quote }}}}
'''),
    ('decoy-pulumi-secure', 'Pulumi.prod.yaml', '''\
config:
  chat:togetherApiKey:
    secure: v1:{_b64}
'''),
    ('decoy-spring-placeholder', 'application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: ${{TOGETHER_API_KEY}}
'''),
    ('decoy-dotnet-user-secrets-id', 'Chat.csproj', '''\
<PropertyGroup>
  <UserSecretsId>together-chat-{_hex}</UserSecretsId>
</PropertyGroup>
'''),
    # -- placeholders, masks, ids -----------------------------------------
    ('decoy-masked-log', 'logs/masked.log', '''\
2024-06-01T00:00:00Z env TOGETHER_API_KEY=***
2024-06-01T00:00:00Z using key tgp_v1_****************************...
'''),
    ('decoy-placeholder-angle-prefix', 'README.md', '''\
export TOGETHER_API_KEY=tgp_v1_<your-key>
'''),
    ('decoy-key-id-list', 'out/key-list.txt', '''\
ID                              NAME      CREATED
key_2bF7kQ9xLmN4pR8sT1vW3yZ6  ci-bot    2024-05-01
'''),
    ('decoy-hex-under-together-model', 'models.yaml', '''\
together:
  model: meta-llama/Llama-3-8b-chat-hf
  revision: {_hex}
'''),
    ('decoy-wandb-run', 'wandb/run.json', '''\
{{"project": "together-finetune", "run_id": "{_hex}", "config": {{"provider": "together"}}}}
'''),
)

CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
