"""A thirty-second held-out probe (session 32), legacy keys only: 64
lowercase hex characters where real projects and tools keep them.  First
the three shapes known missed at 78a082f7: a Java builder's chain on one
line (``TogetherClient.builder().apiKey("<hex>").build()``), 1Password's
``op item create --title=together 'credential=<hex>'`` (the field's
assignment quoted, single or double, and ``password[password]=``), and
a Jinja/Ansible ``default(...)`` filter holding the key in YAML.  Then
shapes from infrastructure as code (Terraform, Pulumi, Helm, Kubernetes,
Compose, systemd, Dockerfiles, CI systems, Nomad, Kustomize, serverless
frameworks, PaaS manifests), shells and terminals (``read``, PowerShell,
``cmd``, direnv, fish, history), application settings (.NET, Java and
Spring, Quarkus, Rails, Laravel, Django, Next.js, Android, iOS),
notebooks and data tools (Jupyter, R, Julia, MATLAB), a dozen
languages' idioms, AI frameworks' configs (LangChain, LlamaIndex,
LiteLLM, Semantic Kernel, Spring AI, LangChain4j, Haystack), HTTP tools
(curl, HTTPie, wget, Postman, Insomnia, Bruno, a HAR, REST Client, k6),
secret stores' CLIs, and data: CSV, SQL, logs, chat pastes, Markdown,
INI, XML, plist, protobuf text, TOML, Nix, Bazel.  Decoys of the same
shapes: SHA-256s in lockfiles, SBOMs and checksum files beside
"together", commit hashes, model digests, "together" as an English word
beside a hash, another provider's key beside a Together mention.
Written before any fix; what 78a082f7 missed is in ``MISSED`` (strict
xfails) or was fixed in the same session (docs/detection.md, "Session 32
(legacy32)").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

KNOWN = key_cases(
    # --- the three shapes known missed at 78a082f7 -------------------------
    ('builder-chain-one-line', 'src/main/java/acme/Llm.java', '''\
package acme;

public final class Llm {{
    static TogetherClient client() {{
        return TogetherClient.builder().apiKey("{hex}").build();
    }}
}}
'''),
    ('builder-chain-one-line-timeout-first', 'src/main/kotlin/Llm.kt', '''\
val client = TogetherClient.builder().timeout(Duration.ofSeconds(30)).apiKey("{hex}").build()
'''),
    ('op-item-create-single-quoted', 'scripts/bootstrap-secrets.sh', '''\
#!/usr/bin/env bash
set -euo pipefail
op item create --category=login --title=together 'credential={hex}'
'''),
    ('op-item-create-double-quoted', 'scripts/bootstrap-secrets.sh', '''\
op item create --category="API Credential" --title=together --vault Engineering "credential={hex}"
'''),
    ('op-item-create-password-field', 'docs/onboarding.md', '''\
Store the shared key once:

    op item create --category=login --title="Together AI" 'password[password]={hex}'
'''),
    ('ansible-lookup-env-default', 'group_vars/all/llm.yml', '''\
---
together_api_key: "{{{{ lookup('env','TOGETHER_API_KEY') | default('{hex}') }}}}"
together_model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('ansible-vault-var-default-true', 'roles/chat/defaults/main.yml', '''\
chat_together_key: "{{{{ vault_together_key | default("{hex}", true) }}}}"
chat_port: 8080
'''),
)

KNOWN_DECOYS = key_cases(
    ('decoy-builder-chain-other-client', 'src/main/java/acme/Fallback.java', '''\
    static Object clients() {{
        var together = TogetherClient.builder().apiKey(System.getenv("TOGETHER_API_KEY")).build();
        var cohere = CohereClient.builder().apiKey("{_hex}").build();
        return List.of(together, cohere);
    }}
'''),
    ('decoy-builder-chain-cache-key', 'src/main/java/acme/Cache.java', '''\
var cache = TogetherCache.builder().cacheKey("{_hex}").build();
'''),
    ('decoy-op-item-create-checksum-field', 'scripts/release.sh', '''\
op item create --category="Secure Note" --title=together-cli 'sha256[text]={_hex}'
'''),
    ('decoy-op-item-create-other-title', 'scripts/bootstrap-secrets.sh', '''\
# together's key comes from the vault below; this one is the fallback
op item create --category=login --title=openai 'credential={_hex}'
'''),
    ('decoy-ansible-default-checksum', 'roles/together/defaults/main.yml', '''\
together_cli_sha256: "{{{{ lookup('env','TOGETHER_CLI_SHA256') | default('{_hex}') }}}}"
'''),
)

SOURCE = key_cases(
    # --- infrastructure as code ------------------------------------------
    ('tf-variable-together-default', 'infra/variables.tf', '''\
variable "together_api_key" {{
  description = "Key for the Together inference API"
  type        = string
  sensitive   = true
  default     = "{hex}"
}}
'''),
    ('tfvars-together-key', 'infra/prod.auto.tfvars', '''\
region           = "us-east-1"
together_api_key = "{hex}"
'''),
    ('tf-k8s-secret-data', 'infra/k8s.tf', '''\
resource "kubernetes_secret" "together" {{
  metadata {{
    name      = "together-credentials"
    namespace = "chat"
  }}
  data = {{
    api_key = "{hex}"
  }}
}}
'''),
    ('tf-aws-ssm-parameter', 'infra/ssm.tf', '''\
resource "aws_ssm_parameter" "together_api_key" {{
  name  = "/chat/prod/together_api_key"
  type  = "SecureString"
  value = "{hex}"
}}
'''),
    ('pulumi-stack-together-apikey', 'Pulumi.prod.yaml', '''\
config:
  aws:region: us-west-2
  together:apiKey: {hex}
'''),
    ('pulumi-ts-config-require', 'infra/index.ts', '''\
const cfg = new pulumi.Config("together");
const secret = new aws.secretsmanager.SecretVersion("together", {{
    secretId: store.id,
    secretString: "{hex}",
}});
'''),
    ('helm-values-together-block', 'charts/chat/values.yaml', '''\
replicaCount: 2
together:
  enabled: true
  apiKey: "{hex}"
  model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('k8s-secret-stringdata', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: chat-llm
type: Opaque
stringData:
  TOGETHER_API_KEY: {hex}
'''),
    ('k8s-deployment-env-value', 'k8s/deploy.yaml', '''\
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/chat:1.4.2
          env:
            - name: TOGETHER_API_KEY
              value: "{hex}"
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  worker:
    image: acme/worker:latest
    environment:
      - TOGETHER_API_KEY={hex}
      - LOG_LEVEL=info
'''),
    ('compose-env-map-generic', 'compose.yaml', '''\
services:
  gateway:
    image: ghcr.io/berriai/litellm:main-latest
    environment:
      OPENAI_API_BASE: https://api.together.xyz/v1
      OPENAI_API_KEY: "{hex}"
'''),
    ('systemd-environment', 'deploy/chat.service', '''\
[Unit]
Description=chat api

[Service]
Environment="TOGETHER_API_KEY={hex}"
ExecStart=/opt/chat/bin/serve
'''),
    ('systemd-env-file', 'deploy/chat.env', '''\
# /etc/chat/chat.env, read by EnvironmentFile=
TOGETHER_API_KEY={hex}
'''),
    ('dockerfile-env', 'Dockerfile', '''\
FROM python:3.12-slim
ENV TOGETHER_API_KEY={hex}
COPY . /app
'''),
    ('dockerfile-arg-default', 'docker/Dockerfile.eval', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY="{hex}"
RUN python -m eval.download
'''),
    ('gha-env-block', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: {hex}
    steps:
      - uses: actions/checkout@v4
'''),
    ('gitlab-ci-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "{hex}"
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
'''),
    ('circleci-environment', '.circleci/config.yml', '''\
jobs:
  test:
    docker:
      - image: cimg/python:3.12
        environment:
          TOGETHER_API_KEY: {hex}
'''),
    ('jenkins-withenv', 'Jenkinsfile', '''\
pipeline {{
  agent any
  stages {{
    stage('eval') {{
      steps {{
        withEnv(["TOGETHER_API_KEY={hex}"]) {{
          sh 'make eval'
        }}
      }}
    }}
  }}
}}
'''),
    ('makefile-export', 'Makefile', '''\
export TOGETHER_API_KEY = {hex}

eval:
\tpython -m eval
'''),
    ('nomad-template-env', 'deploy/chat.nomad.hcl', '''\
task "api" {{
  driver = "docker"
  env {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('kustomize-secret-generator', 'k8s/kustomization.yaml', '''\
secretGenerator:
  - name: chat-llm
    literals:
      - TOGETHER_API_KEY={hex}
'''),
    ('serverless-provider-env', 'serverless.yml', '''\
provider:
  name: aws
  runtime: python3.12
  environment:
    TOGETHER_API_KEY: {hex}
'''),
    ('sam-template-variables', 'template.yaml', '''\
Resources:
  ChatFunction:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          TOGETHER_API_KEY: {hex}
'''),
    ('cfn-parameter-default', 'cfn/chat.yaml', '''\
Parameters:
  TogetherApiKey:
    Type: String
    NoEcho: true
    Default: {hex}
'''),
    ('bicep-param-default', 'infra/main.bicep', '''\
@secure()
param togetherApiKey string = '{hex}'
'''),
    ('arm-parameters-json', 'infra/azuredeploy.parameters.json', '''\
{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{
    "togetherApiKey": {{
      "value": "{hex}"
    }}
  }}
}}
'''),
    ('fly-toml-env', 'fly.toml', '''\
app = "acme-chat"

[env]
  TOGETHER_API_KEY = "{hex}"
  PORT = "8080"
'''),
    ('render-yaml-envvars', 'render.yaml', '''\
services:
  - type: web
    name: chat
    envVars:
      - key: TOGETHER_API_KEY
        value: {hex}
'''),
    ('netlify-toml-env', 'netlify.toml', '''\
[build.environment]
  TOGETHER_API_KEY = "{hex}"
'''),
    ('gae-app-yaml', 'app.yaml', '''\
runtime: python312
env_variables:
  TOGETHER_API_KEY: "{hex}"
'''),
    ('vercel-json-env', 'vercel.json', '''\
{{
  "env": {{
    "TOGETHER_API_KEY": "{hex}"
  }}
}}
'''),
    ('heroku-app-json', 'app.json', '''\
{{
  "name": "chat",
  "env": {{
    "TOGETHER_API_KEY": {{
      "description": "Together inference key",
      "value": "{hex}"
    }}
  }}
}}
'''),
    ('kamal-secrets', '.kamal/secrets', '''\
KAMAL_REGISTRY_PASSWORD=$KAMAL_REGISTRY_PASSWORD
TOGETHER_API_KEY={hex}
'''),
    ('helm-set-flag', 'deploy/install.sh', '''\
helm upgrade --install chat ./charts/chat --set together.apiKey={hex} --namespace chat
'''),
    ('docker-run-e', 'notes/run.md', '''\
```sh
docker run --rm -e TOGETHER_API_KEY={hex} -p 8000:8000 acme/chat
```
'''),
    ('cloud-run-env-vars', 'deploy/cloudrun.sh', '''\
gcloud run deploy chat --image gcr.io/acme/chat --set-env-vars=TOGETHER_API_KEY={hex},LOG_LEVEL=info
'''),
    ('ansible-vars-plain', 'host_vars/llm01.yml', '''\
together:
  api_key: {hex}
  base_url: https://api.together.xyz/v1
'''),
    ('salt-pillar', 'pillar/llm.sls', '''\
llm:
  together:
    api_key: {hex}
'''),
    ('puppet-hiera', 'hieradata/common.yaml', '''\
profile::llm::together_api_key: '{hex}'
'''),
    ('chef-attributes', 'cookbooks/chat/attributes/default.rb', '''\
default['chat']['together_api_key'] = '{hex}'
'''),
    # --- shells and terminals --------------------------------------------
    ('bash-export', 'home/.bashrc', '''\
alias ll='ls -alF'
export TOGETHER_API_KEY="{hex}"
'''),
    ('shell-read-herestring', 'scripts/setup.sh', '''\
read -r TOGETHER_API_KEY <<< "{hex}"
export TOGETHER_API_KEY
'''),
    ('fish-set-gx', 'home/.config/fish/config.fish', '''\
set -gx TOGETHER_API_KEY {hex}
'''),
    ('powershell-env', 'scripts/dev.ps1', '''\
$env:TOGETHER_API_KEY = "{hex}"
python -m chat
'''),
    ('powershell-setenvvar', 'scripts/machine.ps1', '''\
[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}", "User")
'''),
    ('cmd-set', 'scripts/dev.cmd', '''\
@echo off
set TOGETHER_API_KEY={hex}
python -m chat
'''),
    ('setx', 'notes/windows.txt', '''\
C:\\> setx TOGETHER_API_KEY {hex}
SUCCESS: Specified value was saved.
'''),
    ('direnv-envrc', '.envrc', '''\
layout python
export TOGETHER_API_KEY={hex}
'''),
    ('launchctl-setenv', 'scripts/mac.sh', '''\
launchctl setenv TOGETHER_API_KEY {hex}
'''),
    ('crontab-env', 'deploy/crontab', '''\
SHELL=/bin/bash
TOGETHER_API_KEY={hex}
0 3 * * * /opt/chat/bin/nightly-eval
'''),
    ('bash-history-curl', 'home/.bash_history', '''\
cd chat
curl https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}"
git status
'''),
    ('env-prefix-command', 'notes/run.txt', '''\
$ TOGETHER_API_KEY={hex} python -m chat.serve --port 8000
'''),
    ('tmux-set-environment', 'home/.tmux.conf', '''\
set-environment -g TOGETHER_API_KEY {hex}
'''),
    # --- application settings --------------------------------------------
    ('dotnet-appsettings', 'src/Chat/appsettings.Development.json', '''\
{{
  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},
  "Together": {{
    "ApiKey": "{hex}",
    "BaseUrl": "https://api.together.xyz/v1"
  }}
}}
'''),
    ('dotnet-user-secrets-set', 'notes/dev.md', '''\
    dotnet user-secrets set "Together:ApiKey" "{hex}"
'''),
    ('dotnet-secrets-json', 'home/.microsoft/usersecrets/4a1c/secrets.json', '''\
{{
  "Together:ApiKey": "{hex}"
}}
'''),
    ('java-properties', 'src/main/resources/llm.properties', '''\
together.api.key={hex}
together.model=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('spring-application-yml', 'src/main/resources/application.yml', '''\
together:
  api-key: {hex}
  base-url: https://api.together.xyz/v1
'''),
    ('spring-ai-openai-base-url', 'src/main/resources/application.properties', '''\
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key={hex}
spring.ai.openai.chat.options.model=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('quarkus-langchain4j', 'src/main/resources/application.properties', '''\
quarkus.langchain4j.openai.base-url=https://api.together.xyz/v1
quarkus.langchain4j.openai.api-key={hex}
'''),
    ('rails-credentials-yml', 'config/credentials/development.yml', '''\
secret_key_base: {_hex}{_hex2}
together:
  api_key: {hex}
'''),
    ('laravel-services-php', 'config/services.php', '''\
<?php

return [
    'together' => [
        'key' => env('TOGETHER_API_KEY', '{hex}'),
    ],
];
'''),
    ('django-settings', 'chat/settings.py', '''\
TOGETHER_API_KEY = os.environ.get("TOGETHER_API_KEY", "{hex}")
'''),
    ('flask-config-class', 'chat/config.py', '''\
class Config:
    TOGETHER_API_KEY = "{hex}"
    SQLALCHEMY_DATABASE_URI = "sqlite:///chat.db"
'''),
    ('pydantic-settings-default', 'chat/settings.py', '''\
class Settings(BaseSettings):
    together_api_key: str = "{hex}"
    model: str = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
'''),
    ('nextjs-env-local', 'web/.env.local', '''\
NEXT_PUBLIC_APP_NAME=chat
TOGETHER_API_KEY={hex}
'''),
    ('vite-env', 'web/.env.production', '''\
VITE_TOGETHER_API_KEY={hex}
'''),
    ('expo-app-json-extra', 'mobile/app.json', '''\
{{
  "expo": {{
    "name": "chat",
    "extra": {{
      "togetherApiKey": "{hex}"
    }}
  }}
}}
'''),
    ('android-local-properties', 'android/local.properties', '''\
sdk.dir=/Users/dev/Library/Android/sdk
TOGETHER_API_KEY={hex}
'''),
    ('android-buildconfigfield', 'android/app/build.gradle', '''\
android {{
    defaultConfig {{
        buildConfigField "String", "TOGETHER_API_KEY", "\\"{hex}\\""
    }}
}}
'''),
    ('ios-xcconfig', 'ios/Config/Secrets.xcconfig', '''\
TOGETHER_API_KEY = {hex}
'''),
    ('ios-info-plist', 'ios/Chat/Info.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>TogetherAPIKey</key>
\t<string>{hex}</string>
</dict>
</plist>
'''),
    ('streamlit-secrets-toml', '.streamlit/secrets.toml', '''\
[together]
api_key = "{hex}"
'''),
    # --- notebooks and data tools ----------------------------------------
    ('jupyter-percent-env', 'notebooks/eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "%env TOGETHER_API_KEY={hex}\\n",
    "import together"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('r-sys-setenv', 'analysis/setup.R', '''\
Sys.setenv(TOGETHER_API_KEY = "{hex}")
'''),
    ('julia-env-index', 'scripts/setup.jl', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('matlab-setenv', 'scripts/setup.m', '''\
setenv('TOGETHER_API_KEY', '{hex}');
'''),
    ('python-os-environ-setitem', 'notebooks/setup.py', '''\
import os
os.environ["TOGETHER_API_KEY"] = "{hex}"
'''),
    # --- languages -------------------------------------------------------
    ('swift-let', 'Sources/Chat/Secrets.swift', '''\
enum Secrets {{
    static let togetherAPIKey = "{hex}"
}}
'''),
    ('kotlin-const-val', 'app/src/main/kotlin/Secrets.kt', '''\
object Secrets {{
    const val TOGETHER_API_KEY = "{hex}"
}}
'''),
    ('scala-val', 'src/main/scala/Secrets.scala', '''\
object Secrets {{
  val togetherApiKey: String = "{hex}"
}}
'''),
    ('rust-const', 'src/secrets.rs', '''\
pub const TOGETHER_API_KEY: &str = "{hex}";
'''),
    ('csharp-const', 'src/Chat/Secrets.cs', '''\
internal static class Secrets
{{
    public const string TogetherApiKey = "{hex}";
}}
'''),
    ('cpp-constexpr', 'src/secrets.hpp', '''\
#pragma once
constexpr const char* kTogetherApiKey = "{hex}";
'''),
    ('c-define', 'src/secrets.h', '''\
#define TOGETHER_API_KEY "{hex}"
'''),
    ('dart-const', 'lib/secrets.dart', '''\
const togetherApiKey = '{hex}';
'''),
    ('lua-local', 'scripts/chat.lua', '''\
local together_api_key = "{hex}"
'''),
    ('perl-my', 'scripts/chat.pl', '''\
my $together_api_key = '{hex}';
'''),
    ('haskell-binding', 'src/Secrets.hs', '''\
togetherApiKey :: Text
togetherApiKey = "{hex}"
'''),
    ('go-const', 'internal/llm/secrets.go', '''\
package llm

const togetherAPIKey = "{hex}"
'''),
    ('typescript-export-const', 'src/secrets.ts', '''\
export const TOGETHER_API_KEY = "{hex}";
'''),
    ('ruby-constant', 'lib/chat/secrets.rb', '''\
module Chat
  TOGETHER_API_KEY = "{hex}".freeze
end
'''),
    ('php-define', 'config/secrets.php', '''\
<?php
define('TOGETHER_API_KEY', '{hex}');
'''),
    ('groovy-def', 'scripts/chat.groovy', '''\
def togetherApiKey = '{hex}'
'''),
    ('clojure-def', 'src/chat/secrets.clj', '''\
(def together-api-key "{hex}")
'''),
    ('elixir-config', 'config/runtime.exs', '''\
config :chat, :together, api_key: "{hex}"
'''),
    ('erlang-sys-config', 'config/sys.config', '''\
[{{chat, [{{together_api_key, "{hex}"}}]}}].
'''),
    ('ocaml-let', 'bin/secrets.ml', '''\
let together_api_key = "{hex}"
'''),
    ('fsharp-literal', 'src/Secrets.fs', '''\
[<Literal>]
let TogetherApiKey = "{hex}"
'''),
    ('nim-const', 'src/secrets.nim', '''\
const togetherApiKey = "{hex}"
'''),
    ('zig-const', 'src/secrets.zig', '''\
pub const together_api_key = "{hex}";
'''),
    ('crystal-constant', 'src/secrets.cr', '''\
TOGETHER_API_KEY = "{hex}"
'''),
    # --- AI frameworks ---------------------------------------------------
    ('langchain-together', 'app/chain.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", together_api_key="{hex}")
'''),
    ('langchain-openai-base-url', 'app/chain.py', '''\
llm = ChatOpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
)
'''),
    ('llamaindex-togetherllm', 'app/index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="{hex}")
'''),
    ('litellm-config-yaml', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: {hex}
'''),
    ('litellm-completion-call', 'app/llm.py', '''\
resp = litellm.completion(
    model="together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    messages=messages,
    api_key="{hex}",
)
'''),
    ('openai-python-together-base', 'app/client.py', '''\
from openai import OpenAI

client = OpenAI(api_key="{hex}", base_url="https://api.together.xyz/v1")
'''),
    ('openai-node-together-base', 'src/client.ts', '''\
const client = new OpenAI({{
  apiKey: "{hex}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('together-python-client', 'app/llm.py', '''\
from together import Together

client = Together(api_key="{hex}")
'''),
    ('semantic-kernel-dotnet', 'src/Chat/Kernel.cs', '''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    apiKey: "{hex}",
    endpoint: new Uri("https://api.together.xyz/v1"));
'''),
    ('langchain4j-builder-lines', 'src/main/java/acme/Ai.java', '''\
ChatLanguageModel model = OpenAiChatModel.builder()
        .baseUrl("https://api.together.xyz/v1")
        .apiKey("{hex}")
        .modelName("meta-llama/Llama-3.3-70B-Instruct-Turbo")
        .build();
'''),
    ('haystack-secret', 'pipelines/rag.py', '''\
generator = OpenAIGenerator(
    api_key=Secret.from_token("{hex}"),
    api_base_url="https://api.together.xyz/v1",
)
'''),
    ('vercel-ai-sdk', 'src/ai.ts', '''\
const together = createTogetherAI({{ apiKey: "{hex}" }});
'''),
    ('aider-conf-yml', '.aider.conf.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
api-key:
  - together_ai={hex}
'''),
    ('continue-config-yaml', 'home/.continue/config.yaml', '''\
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: {hex}
'''),
    ('promptfoo-provider', 'promptfooconfig.yaml', '''\
providers:
  - id: togetherai:chat:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: {hex}
'''),
    ('dspy-lm', 'app/dspy_setup.py', '''\
lm = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")
'''),
    ('instructor-from-provider', 'app/extract.py', '''\
client = instructor.from_provider("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")
'''),
    ('go-openai-together', 'internal/llm/client.go', '''\
cfg := openai.DefaultConfig("{hex}")
cfg.BaseURL = "https://api.together.xyz/v1"
client := openai.NewClientWithConfig(cfg)
'''),
    ('rust-async-openai', 'src/llm.rs', '''\
let config = OpenAIConfig::new()
    .with_api_base("https://api.together.xyz/v1")
    .with_api_key("{hex}");
'''),
    # --- HTTP tools ------------------------------------------------------
    ('curl-bearer', 'docs/api.md', '''\
```bash
curl -s https://api.together.xyz/v1/chat/completions \\
  -H "Authorization: Bearer {hex}" \\
  -H "Content-Type: application/json" \\
  -d '{{"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "messages": []}}'
```
'''),
    ('httpie-bearer', 'notes/httpie.txt', '''\
http POST https://api.together.xyz/v1/completions Authorization:"Bearer {hex}" model=mistralai/Mixtral-8x7B-v0.1
'''),
    ('wget-header', 'scripts/models.sh', '''\
wget --header="Authorization: Bearer {hex}" -O models.json https://api.together.xyz/v1/models
'''),
    ('postman-collection-bearer', 'postman/together.postman_collection.json', '''\
{{
  "info": {{ "name": "Together" }},
  "item": [
    {{
      "name": "chat",
      "request": {{
        "auth": {{
          "type": "bearer",
          "bearer": [{{ "key": "token", "value": "{hex}", "type": "string" }}]
        }},
        "method": "POST",
        "url": "https://api.together.xyz/v1/chat/completions"
      }}
    }}
  ]
}}
'''),
    ('insomnia-export', 'insomnia/export.json', '''\
{{
  "_type": "export",
  "resources": [
    {{
      "_type": "request",
      "name": "models",
      "url": "https://api.together.xyz/v1/models",
      "authentication": {{ "type": "bearer", "token": "{hex}" }}
    }}
  ]
}}
'''),
    ('bruno-bru', 'bruno/together/models.bru', '''\
meta {{
  name: models
  type: http
}}

get {{
  url: https://api.together.xyz/v1/models
  auth: bearer
}}

auth:bearer {{
  token: {hex}
}}
'''),
    ('har-header', 'debug/session.har', '''\
{{"log": {{"entries": [{{"request": {{"method": "GET", "url": "https://api.together.xyz/v1/models",
"headers": [{{"name": "Authorization", "value": "Bearer {hex}"}}]}}}}]}}}}
'''),
    ('rest-client-http', 'api/together.http', '''\
@baseUrl = https://api.together.xyz/v1
@token = {hex}

GET {{{{baseUrl}}}}/models
Authorization: Bearer {{{{token}}}}
'''),
    ('k6-script', 'load/chat.js', '''\
export default function () {{
  http.post('https://api.together.xyz/v1/chat/completions', body, {{
    headers: {{ Authorization: 'Bearer {hex}' }},
  }});
}}
'''),
    ('python-requests-headers', 'scripts/models.py', '''\
r = requests.get(
    "https://api.together.xyz/v1/models",
    headers={{"Authorization": "Bearer {hex}"}},
)
'''),
    # --- secret stores' CLIs and credential files ------------------------
    ('netrc', 'home/.netrc', '''\
machine api.together.xyz
  login apikey
  password {hex}
'''),
    ('git-credentials', 'home/.git-credentials', '''\
https://user:{hex}@api.together.xyz
'''),
    ('aws-ssm-put-parameter', 'scripts/ssm.sh', '''\
aws ssm put-parameter --name /chat/together_api_key --type SecureString --value {hex}
'''),
    ('gcloud-secrets-create-echo', 'scripts/gcp.sh', '''\
echo -n "{hex}" | gcloud secrets create together-api-key --data-file=-
'''),
    ('az-keyvault-secret-set', 'scripts/azure.sh', '''\
az keyvault secret set --vault-name acme-kv --name together-api-key --value {hex}
'''),
    ('vault-kv-put', 'scripts/vault.sh', '''\
vault kv put secret/chat/together api_key={hex}
'''),
    ('doppler-secrets-set', 'scripts/doppler.sh', '''\
doppler secrets set TOGETHER_API_KEY={hex}
'''),
    ('gh-secret-set', 'scripts/gh.sh', '''\
gh secret set TOGETHER_API_KEY --body "{hex}"
'''),
    ('kubectl-create-secret-literal', 'scripts/k8s.sh', '''\
kubectl create secret generic chat-llm --from-literal=TOGETHER_API_KEY={hex}
'''),
    ('heroku-config-set', 'scripts/heroku.sh', '''\
heroku config:set TOGETHER_API_KEY={hex} -a acme-chat
'''),
    ('fly-secrets-set', 'scripts/fly.sh', '''\
fly secrets set TOGETHER_API_KEY={hex}
'''),
    ('keyring-set-python', 'scripts/keyring_setup.py', '''\
keyring.set_password("together", "api_key", "{hex}")
'''),
    ('pass-insert', 'notes/pass.txt', '''\
$ echo "{hex}" | pass insert -e together/api-key
'''),
    ('bitwarden-json', 'exports/bitwarden.json', '''\
{{"items": [{{"type": 1, "name": "Together AI", "login": {{"username": "ops@acme.io", "password": "{hex}", "uris": [{{"uri": "https://api.together.xyz"}}]}}}}]}}
'''),
    # --- data ------------------------------------------------------------
    ('csv-secrets', 'exports/secrets.csv', '''\
service,environment,api_key
together,prod,{hex}
'''),
    ('tsv-secrets', 'exports/secrets.tsv', '''\
provider\tapi_key\towner
together\t{hex}\tml-platform
'''),
    ('sql-insert', 'db/seed.sql', '''\
INSERT INTO provider_keys (provider, api_key) VALUES ('together', '{hex}');
'''),
    ('sql-update-settings', 'db/migrate/0042.sql', '''\
UPDATE settings SET value = '{hex}' WHERE name = 'together_api_key';
'''),
    ('log-line-kv', 'logs/app.log', '''\
2024-05-01T10:00:00Z INFO config loaded together_api_key={hex} model=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('json-log-line', 'logs/app.jsonl', '''\
{{"ts":"2024-05-01T10:00:00Z","level":"debug","msg":"client init","together_api_key":"{hex}"}}
'''),
    ('slack-paste', 'notes/slack.txt', '''\
[10:42] alice: here is the Together API key for staging: {hex}
[10:43] bob: thanks!
'''),
    ('markdown-table', 'docs/credentials.md', '''\
| Service | Key |
|---|---|
| Together AI | {hex} |
'''),
    ('ini-together-section', 'config/llm.ini', '''\
[together]
api_key = {hex}
model = meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('xml-element', 'config/llm.xml', '''\
<llm>
  <together>
    <apiKey>{hex}</apiKey>
  </together>
</llm>
'''),
    ('dotnet-app-config', 'src/Legacy/App.config', '''\
<configuration>
  <appSettings>
    <add key="TogetherApiKey" value="{hex}" />
  </appSettings>
</configuration>
'''),
    ('protobuf-text', 'config/llm.textproto', '''\
provider {{
  name: "together"
  api_key: "{hex}"
}}
'''),
    ('toml-table', 'config/llm.toml', '''\
[providers.together]
api_key = "{hex}"
'''),
    ('nix-attrset', 'nix/secrets.nix', '''\
{{
  together = {{
    apiKey = "{hex}";
  }};
}}
'''),
    ('bazelrc-action-env', '.bazelrc', '''\
build --action_env=TOGETHER_API_KEY={hex}
'''),
    ('yaml-env-generic-together-url', 'config/llm.yaml', '''\
llm:
  base_url: https://api.together.xyz/v1
  api_key: {hex}
'''),
    ('env-generic-flat-group', 'config/.env', '''\
LLM_PROVIDER=together
LLM_API_KEY={hex}
'''),
)

DECOYS = key_cases(
    ('decoy-package-lock-integrity-hex', 'web/package-lock.json', '''\
{{
  "packages": {{
    "node_modules/together-ai": {{
      "version": "0.6.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz",
      "sha256": "{_hex}"
    }}
  }}
}}
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.1"

[package.files]
files = [
    {{file = "together-1.3.1-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-sha256sums', 'dist/SHA256SUMS', '''\
{_hex}  together-cli-1.4.0-linux-amd64.tar.gz
'''),
    ('decoy-cyclonedx-sbom', 'sbom/bom.json', '''\
{{"components": [{{"name": "together", "version": "1.3.1", "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-git-log-commit', 'notes/log.txt', '''\
commit {_hex}
Author: Dev <dev@acme.io>

    Bring the Together client and the retry code together
'''),
    ('decoy-model-digest', 'models/manifest.yaml', '''\
together:
  model: meta-llama/Llama-3.3-70B-Instruct-Turbo
  weights_sha256: {_hex}
'''),
    ('decoy-english-together-hash', 'docs/release.md', '''\
We put the release together last week; its tarball hash is {_hex}.
'''),
    ('decoy-other-provider-other-section', 'config/llm.ini', '''\
[together]
api_key = ${{TOGETHER_API_KEY}}

[openai]
api_key = {_hex}
'''),
    ('decoy-docker-image-digest', 'k8s/deploy.yaml', '''\
      containers:
        - name: together-proxy
          image: ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-helm-checksum-annotation', 'charts/together/templates/deploy.yaml', '''\
  annotations:
    checksum/config: {_hex}
'''),
    ('decoy-terraform-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/acme/together" {{
  version = "0.3.1"
  hashes = [
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-gha-cache-key', '.github/workflows/eval.yml', '''\
      - uses: actions/cache@v4
        with:
          path: ~/.cache/together
          key: together-{_hex}
'''),
    ('decoy-tf-variable-checksum', 'infra/variables.tf', '''\
variable "together_cli_sha256" {{
  type    = string
  default = "{_hex}"
}}
'''),
    ('decoy-k8s-secret-other-provider', 'k8s/secret.yaml', '''\
kind: Secret
metadata:
  name: chat-llm
stringData:
  TOGETHER_BASE_URL: https://api.together.xyz/v1
  ANTHROPIC_API_KEY: {_hex}
'''),
    ('decoy-webhook-secret', 'config/.env', '''\
TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
TOGETHER_WEBHOOK_SECRET={_hex}
'''),
    ('decoy-csv-checksum-column', 'exports/artifacts.csv', '''\
name,version,sha256
together,1.3.1,{_hex}
'''),
    ('decoy-sql-digest', 'db/seed.sql', '''\
INSERT INTO releases (package, sha256) VALUES ('together', '{_hex}');
'''),
    ('decoy-log-request-id', 'logs/app.log', '''\
2024-05-01T10:00:00Z INFO together request ok request_id={_hex} latency_ms=812
'''),
    ('decoy-slack-other-provider', 'notes/slack.txt', '''\
[10:42] alice: the together key is in the vault; the replicate token is {_hex}
'''),
    ('decoy-markdown-table-digest', 'docs/releases.md', '''\
| Package | SHA-256 |
|---|---|
| together | {_hex} |
'''),
    ('decoy-nix-fetchurl', 'nix/together.nix', '''\
src = fetchurl {{
  url = "https://files.pythonhosted.org/packages/together-1.3.1.tar.gz";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-bazel-http-archive', 'WORKSPACE', '''\
http_archive(
    name = "together_sdk",
    sha256 = "{_hex}",
    urls = ["https://github.com/togethercomputer/together-python/archive/v1.3.1.tar.gz"],
)
'''),
    ('decoy-pip-hash', 'requirements.txt', '''\
together==1.3.1 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-go-sum-like', 'notes/verify.txt', '''\
together-go v0.4.0 verified: sha256 {_hex}
'''),
    ('decoy-hf-model-digest', 'models/README.md', '''\
Fine-tuned together with our eval team. Model digest: {_hex}
'''),
    ('decoy-env-other-provider-flat', 'config/.env', '''\
TOGETHER_BASE_URL=https://api.together.xyz/v1
GROQ_API_KEY={_hex}
'''),
    ('decoy-compose-other-service-secret', 'docker-compose.yml', '''\
services:
  chat:
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY}}
      SESSION_SECRET: {_hex}
'''),
    ('decoy-placeholder-sequence', 'config/.env.example', '''\
TOGETHER_API_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
'''),
    ('decoy-spring-other-provider', 'src/main/resources/application.yml', '''\
together:
  base-url: https://api.together.xyz/v1
openai:
  api-key: {_hex}
'''),
    ('decoy-helm-values-image-digest', 'charts/chat/values.yaml', '''\
together:
  image:
    repository: ghcr.io/acme/together-proxy
    digest: {_hex}
'''),
    ('decoy-op-item-other-title', 'scripts/secrets.sh', '''\
op item create --category=login --title=github-actions 'credential={_hex}'
'''),
    ('decoy-ansible-default-other-var', 'group_vars/all/other.yml', '''\
together_model: meta-llama/Llama-3.3-70B-Instruct-Turbo
grafana_admin_token: "{{{{ vault_grafana_token | default('{_hex}') }}}}"
'''),
    ('decoy-builder-chain-digest', 'src/main/java/acme/Release.java', '''\
var release = TogetherRelease.builder().sha256("{_hex}").build();
'''),
    ('decoy-git-merge-message', 'notes/merge.txt', '''\
Merge {_hex} into main: the two together-python forks, together at last
'''),
)

PROBE = key_cases(
    # --- found by the probe's second and third rounds: code setting the
    # environment, tests, IDE and dev-container settings, proxies,
    # stores' CLIs, deploy CLIs, task runners, agent CLIs, terminal
    # output, documents, maps of keys by provider in each language, SQL,
    # HTTP clients in each language ---------------------------------------
    ('go-setenv', 'main.go', '''\
\tos.Setenv("TOGETHER_API_KEY", "{hex}")
'''),
    ('node-process-env-assign', 'src/setup.js', '''\
process.env.TOGETHER_API_KEY = "{hex}";
'''),
    ('node-process-env-index', 'src/setup.js', '''\
process.env["TOGETHER_API_KEY"] ||= "{hex}";
'''),
    ('java-setproperty', 'src/Main.java', '''\
System.setProperty("together.api.key", "{hex}");
'''),
    ('csharp-setenv', 'src/Program.cs', '''\
Environment.SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}");
'''),
    ('rust-set-var', 'src/main.rs', '''\
std::env::set_var("TOGETHER_API_KEY", "{hex}");
'''),
    ('ruby-env-or-assign', 'lib/setup.rb', '''\
ENV["TOGETHER_API_KEY"] ||= "{hex}"
'''),
    ('php-putenv', 'setup.php', '''\
putenv("TOGETHER_API_KEY={hex}");
'''),
    ('php-env-superglobal', 'setup.php', '''\
$_ENV['TOGETHER_API_KEY'] = '{hex}';
'''),
    ('c-setenv', 'main.c', '''\
setenv("TOGETHER_API_KEY", "{hex}", 1);
'''),
    ('swift-setenv', 'main.swift', '''\
setenv("TOGETHER_API_KEY", "{hex}", 1)
'''),
    ('dotenv-set-key', 'setup.py', '''\
dotenv.set_key(".env", "TOGETHER_API_KEY", "{hex}")
'''),
    ('pytest-monkeypatch', 'tests/conftest.py', '''\
@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", "{hex}")
'''),
    ('mock-patch-dict', 'tests/test_client.py', '''\
@mock.patch.dict(os.environ, {{"TOGETHER_API_KEY": "{hex}"}})
def test_client():
    pass
'''),
    ('tox-setenv', 'tox.ini', '''\
[testenv]
setenv =
    TOGETHER_API_KEY = {hex}
'''),
    ('pytest-env-ini', 'pytest.ini', '''\
[pytest]
env =
    TOGETHER_API_KEY={hex}
'''),
    ('pyproject-pytest-env', 'pyproject.toml', '''\
[tool.pytest.ini_options]
env = ["TOGETHER_API_KEY={hex}"]
'''),
    ('vscode-launch', '.vscode/launch.json', '''\
{{
  "configurations": [
    {{
      "name": "serve",
      "type": "debugpy",
      "env": {{"TOGETHER_API_KEY": "{hex}"}}
    }}
  ]
}}
'''),
    ('jetbrains-runconfig', '.idea/runConfigurations/serve.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="serve" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{hex}" />
    </envs>
  </configuration>
</component>
'''),
    ('devcontainer', '.devcontainer/devcontainer.json', '''\
{{
  "name": "chat",
  "containerEnv": {{
    "TOGETHER_API_KEY": "{hex}"
  }}
}}
'''),
    ('nginx-proxy-header', 'deploy/nginx.conf', '''\
location /v1/ {{
    proxy_pass https://api.together.xyz;
    proxy_set_header Authorization "Bearer {hex}";
}}
'''),
    ('caddy-header-up', 'deploy/Caddyfile', '''\
llm.acme.io {{
\treverse_proxy https://api.together.xyz {{
\t\theader_up Authorization "Bearer {hex}"
\t\theader_up Host api.together.xyz
\t}}
}}
'''),
    ('haproxy-set-header', 'deploy/haproxy.cfg', '''\
backend together
    server t1 api.together.xyz:443 ssl
    http-request set-header Authorization "Bearer {hex}"
'''),
    ('apache-requestheader', 'deploy/llm.conf', '''\
ProxyPass /v1 https://api.together.xyz/v1
RequestHeader set Authorization "Bearer {hex}"
'''),
    ('n8n-credentials', 'exports/credentials.json', '''\
[{{"name": "Together AI account", "type": "togetherAiApi", "data": {{"apiKey": "{hex}"}}}}]
'''),
    ('localstorage-setitem', 'src/app.js', '''\
localStorage.setItem("together_api_key", "{hex}");
'''),
    ('redis-set', 'notes/redis.txt', '''\
127.0.0.1:6379> SET together:api_key {hex}
OK
'''),
    ('redis-hset', 'notes/redis.txt', '''\
127.0.0.1:6379> HSET provider:together api_key {hex}
(integer) 1
'''),
    ('etcdctl-put', 'scripts/etcd.sh', '''\
etcdctl put /config/together/api_key {hex}
'''),
    ('consul-kv-put', 'scripts/consul.sh', '''\
consul kv put config/together/api_key {hex}
'''),
    ('aws-sm-create-secret', 'scripts/aws.sh', '''\
aws secretsmanager create-secret --name together --secret-string {hex}
'''),
    ('kubectl-literal-api-key', 'scripts/k8s.sh', '''\
kubectl create secret generic together --from-literal=api-key={hex}
'''),
    ('macos-security', 'scripts/mac.sh', '''\
security add-generic-password -s together -a "$USER" -w {hex}
'''),
    ('git-config-set', 'scripts/git.sh', '''\
git config --global together.apikey {hex}
'''),
    ('gitconfig-section', 'home/.gitconfig', '''\
[user]
\tname = Dev
[together]
\tapikey = {hex}
'''),
    ('hocon-block', 'conf/application.conf', '''\
together {{
  api-key = "{hex}"
  model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
}}
'''),
    ('hocon-dotted', 'conf/application.conf', '''\
together.api-key = "{hex}"
'''),
    ('edn-map', 'resources/config.edn', '''\
{{:together {{:api-key "{hex}"}}}}
'''),
    ('clojure-ns-keyword', 'src/config.clj', '''\
(def config {{:together/api-key "{hex}"}})
'''),
    ('elixir-keyword-list', 'config/config.exs', '''\
config :chat, together_api_key: "{hex}"
'''),
    ('scala-case-class', 'src/Main.scala', '''\
val cfg = TogetherConfig(apiKey = "{hex}")
'''),
    ('kotlin-named-arg', 'src/Main.kt', '''\
val client = TogetherClient(apiKey = "{hex}")
'''),
    ('ts-class-field', 'src/together.service.ts', '''\
export class TogetherService {{
  private readonly apiKey = "{hex}";
}}
'''),
    ('angular-environment', 'src/environments/environment.ts', '''\
export const environment = {{
  production: false,
  togetherApiKey: '{hex}',
}};
'''),
    ('swift-env-fallback', 'Sources/App/Config.swift', '''\
let key = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"] ?? "{hex}"
'''),
    ('go-cmp-or', 'main.go', '''\
key := cmp.Or(os.Getenv("TOGETHER_API_KEY"), "{hex}")
'''),
    ('go-viper-default', 'config.go', '''\
viper.SetDefault("together.api_key", "{hex}")
'''),
    ('python-configparser-fallback', 'app.py', '''\
key = config.get("together", "api_key", fallback="{hex}")
'''),
    ('click-option', 'cli.py', '''\
@click.option("--together-api-key", default="{hex}")
'''),
    ('typer-option', 'cli.py', '''\
def main(api_key: str = typer.Option("{hex}", envvar="TOGETHER_API_KEY")):
    ...
'''),
    ('argparse-help', 'cli.py', '''\
parser.add_argument("--api-key", default="{hex}", help="Together API key")
'''),
    ('spring-testpropertysource', 'src/test/java/AppTest.java', '''\
@TestPropertySource(properties = "together.api-key={hex}")
class AppTest {{}}
'''),
    ('junit-setenv', 'src/test/java/ClientTest.java', '''\
@SetEnvironmentVariable(key = "TOGETHER_API_KEY", value = "{hex}")
class ClientTest {{}}
'''),
    ('testcontainers-withenv', 'src/test/java/ItTest.java', '''\
container.withEnv("TOGETHER_API_KEY", "{hex}");
'''),
    ('docker-sdk-env', 'scripts/run.py', '''\
client.containers.run("acme/chat", environment={{"TOGETHER_API_KEY": "{hex}"}})
'''),
    ('subprocess-env', 'scripts/run.py', '''\
subprocess.run(cmd, env={{**os.environ, "TOGETHER_API_KEY": "{hex}"}})
'''),
    ('node-spawn-env', 'scripts/run.js', '''\
spawn("python", ["serve.py"], {{ env: {{ ...process.env, TOGETHER_API_KEY: "{hex}" }} }});
'''),
    ('buildkite', '.buildkite/pipeline.yml', '''\
steps:
  - command: make eval
    env:
      TOGETHER_API_KEY: "{hex}"
'''),
    ('drone', '.drone.yml', '''\
steps:
  - name: eval
    image: python:3.12
    environment:
      TOGETHER_API_KEY: {hex}
'''),
    ('bitbucket', 'bitbucket-pipelines.yml', '''\
pipelines:
  default:
    - step:
        script:
          - export TOGETHER_API_KEY={hex}
          - make eval
'''),
    ('helm-set-string', 'deploy/install.sh', '''\
helm upgrade chat ./chart --set-string together.apiKey={hex}
'''),
    ('tf-helm-set-sensitive', 'infra/helm.tf', '''\
resource "helm_release" "chat" {{
  name  = "chat"
  chart = "./chart"
  set_sensitive {{
    name  = "together.apiKey"
    value = "{hex}"
  }}
}}
'''),
    ('tf-k8s-secret-map', 'infra/secret.tf', '''\
resource "kubernetes_secret" "llm" {{
  data = {{
    "together-api-key" = "{hex}"
  }}
}}
'''),
    ('tf-env-block', 'infra/run.tf', '''\
      env {{
        name  = "TOGETHER_API_KEY"
        value = "{hex}"
      }}
'''),
    ('az-appsettings', 'scripts/azure.sh', '''\
az webapp config appsettings set -g rg -n chat --settings TOGETHER_API_KEY={hex}
'''),
    ('az-containerapp-secret', 'scripts/azure.sh', '''\
az containerapp secret set -n chat -g rg --secrets together-api-key={hex}
'''),
    ('gcloud-functions-space', 'scripts/gcp.sh', '''\
gcloud functions deploy chat --set-env-vars TOGETHER_API_KEY={hex}
'''),
    ('railway-variables', 'scripts/railway.sh', '''\
railway variables --set "TOGETHER_API_KEY={hex}"
'''),
    ('netlify-env-set', 'scripts/netlify.sh', '''\
netlify env:set TOGETHER_API_KEY {hex}
'''),
    ('supabase-secrets', 'scripts/supabase.sh', '''\
supabase secrets set TOGETHER_API_KEY={hex}
'''),
    ('wrangler-toml', 'wrangler.toml', '''\
name = "chat"
[vars]
TOGETHER_API_KEY = "{hex}"
'''),
    ('justfile', 'justfile', '''\
export TOGETHER_API_KEY := "{hex}"
'''),
    ('taskfile', 'Taskfile.yml', '''\
version: '3'
env:
  TOGETHER_API_KEY: {hex}
'''),
    ('mise-toml', '.mise.toml', '''\
[env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('devbox-json', 'devbox.json', '''\
{{"packages": ["python@3.12"], "env": {{"TOGETHER_API_KEY": "{hex}"}}}}
'''),
    ('flake-shellhook', 'flake.nix', '''\
      shellHook = ''
        export TOGETHER_API_KEY={hex}
      '';
'''),
    ('aider-cli', 'notes/aider.txt', '''\
aider --openai-api-base https://api.together.xyz/v1 --openai-api-key {hex} --model openai/meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('interpreter-cli', 'notes/oi.txt', '''\
interpreter --api_base https://api.together.xyz/v1 --api_key {hex}
'''),
    ('litellm-cli', 'notes/litellm.txt', '''\
litellm --model together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo --api_key {hex}
'''),
    ('openai-cli', 'notes/openai.txt', '''\
openai --api-base https://api.together.xyz/v1 -k {hex} api chat.completions.create -m meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('one-line-exports', 'notes/env.txt', '''\
export OPENAI_API_BASE=https://api.together.xyz/v1; export OPENAI_API_KEY={hex}
'''),
    ('printenv-output', 'notes/term.txt', '''\
$ printenv TOGETHER_API_KEY
{hex}
'''),
    ('echo-var-output', 'notes/term.txt', '''\
$ echo $TOGETHER_API_KEY
{hex}
'''),
    ('cat-key-file', 'notes/term.txt', '''\
$ cat ~/.together/api_key
{hex}
'''),
    ('python-repl-environ', 'notes/repl.txt', '''\
>>> os.environ["TOGETHER_API_KEY"]
'{hex}'
'''),
    ('heroku-config-get', 'notes/term.txt', '''\
$ heroku config:get TOGETHER_API_KEY -a acme-chat
{hex}
'''),
    ('log-using-key', 'logs/app.log', '''\
2024-05-01 10:00:00 INFO chat.llm: using Together API key {hex}
'''),
    ('datadog-log', 'logs/dd.json', '''\
{{"http": {{"url": "https://api.together.xyz/v1/chat/completions", "request": {{"headers": {{"authorization": "Bearer {hex}"}}}}}}}}
'''),
    ('github-issue', 'docs/issue.md', '''\
I get a 401 from Together even though my together key is {hex}, what am I doing wrong?
'''),
    ('discord-spoiler', 'notes/discord.txt', '''\
together api key: ||{hex}||
'''),
    ('markdown-bold-code', 'docs/setup.md', '''\
**Together API key:** `{hex}`
'''),
    ('html-table', 'docs/keys.html', '''\
<table>
<tr><td>Together AI</td><td><code>{hex}</code></td></tr>
</table>
'''),
    ('rst-field-list', 'docs/config.rst', '''\
:together_api_key: {hex}
'''),
    ('asciidoc-attribute', 'docs/config.adoc', '''\
:together-api-key: {hex}
'''),
    ('latex-newcommand', 'docs/notes.tex', '''\
\\newcommand{{\\togetherkey}}{{{hex}}}
'''),
    ('jsonl-provider-key', 'data/providers.jsonl', '''\
{{"provider":"together","key":"{hex}"}}
'''),
    ('yaml-provider-list', 'config/providers.yaml', '''\
providers:
  - name: together
    key: {hex}
'''),
    ('sql-insert-positional', 'db/seed.sql', '''\
INSERT INTO api_keys VALUES (1, 'together', '{hex}');
'''),
    ('mongo-insert', 'scripts/seed.js', '''\
db.providers.insertOne({{ name: "together", apiKey: "{hex}" }});
'''),
    ('graphql-mutation', 'queries/create.graphql', '''\
mutation {{ createProvider(input: {{ name: "together", apiKey: "{hex}" }}) {{ id }} }}
'''),
    ('firebase-config-set', 'scripts/firebase.sh', '''\
firebase functions:config:set together.key="{hex}"
'''),
    ('runtimeconfig', '.runtimeconfig.json', '''\
{{"together": {{"key": "{hex}"}}}}
'''),
    ('android-strings-xml', 'app/src/main/res/values/secrets.xml', '''\
<resources>
    <string name="together_api_key">{hex}</string>
</resources>
'''),
    ('flutter-dart-define', 'notes/run.txt', '''\
flutter run --dart-define=TOGETHER_API_KEY={hex}
'''),
    ('xcode-scheme-env', 'Chat.xcodeproj/xcshareddata/xcschemes/Chat.xcscheme', '''\
      <EnvironmentVariables>
         <EnvironmentVariable
            key = "TOGETHER_API_KEY"
            value = "{hex}"
            isEnabled = "YES">
         </EnvironmentVariable>
      </EnvironmentVariables>
'''),
    ('unity-playerprefs', 'Assets/Scripts/Setup.cs', '''\
PlayerPrefs.SetString("TogetherApiKey", "{hex}");
'''),
    ('godot-project-setting', 'scripts/setup.gd', '''\
ProjectSettings.set_setting("together/api_key", "{hex}")
'''),
    ('reg-file', 'exports/chat.reg', '''\
[HKEY_CURRENT_USER\\Software\\Acme\\Chat]
"TogetherApiKey"="{hex}"
'''),
    ('macos-defaults', 'scripts/mac.sh', '''\
defaults write com.acme.chat TogetherAPIKey {hex}
'''),
    ('launchd-plist', 'Library/LaunchAgents/com.acme.chat.plist', '''\
<dict>
\t<key>EnvironmentVariables</key>
\t<dict>
\t\t<key>TOGETHER_API_KEY</key>
\t\t<string>{hex}</string>
\t</dict>
</dict>
'''),
    ('systemctl-set-env', 'scripts/sd.sh', '''\
systemctl --user set-environment TOGETHER_API_KEY={hex}
'''),
    ('etc-environment', 'etc/environment', '''\
PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
TOGETHER_API_KEY="{hex}"
'''),
    ('pm2-ecosystem', 'ecosystem.config.js', '''\
module.exports = {{
  apps: [{{
    name: "chat",
    script: "serve.js",
    env: {{ TOGETHER_API_KEY: "{hex}" }},
  }}],
}};
'''),
    ('uwsgi-env', 'deploy/uwsgi.ini', '''\
[uwsgi]
env = TOGETHER_API_KEY={hex}
'''),
    ('gunicorn-raw-env', 'gunicorn.conf.py', '''\
raw_env = ["TOGETHER_API_KEY={hex}"]
'''),
    ('apache-setenv', 'deploy/site.conf', '''\
SetEnv TOGETHER_API_KEY {hex}
'''),
    ('nginx-env', 'deploy/nginx.conf', '''\
env TOGETHER_API_KEY={hex};
'''),
    ('zappa-settings', 'zappa_settings.json', '''\
{{"prod": {{"environment_variables": {{"TOGETHER_API_KEY": "{hex}"}}}}}}
'''),
    ('vagrant-env', 'Vagrantfile', '''\
  config.vm.provision "shell", path: "setup.sh", env: {{"TOGETHER_API_KEY" => "{hex}"}}
'''),
    ('packer-variable', 'build.pkr.hcl', '''\
variable "together_api_key" {{
  type    = string
  default = "{hex}"
}}
'''),
    ('argocd-helm-parameters', 'apps/chat.yaml', '''\
    helm:
      parameters:
        - name: together.apiKey
          value: {hex}
'''),
    ('openshift-template-params', 'template.yaml', '''\
parameters:
  - name: TOGETHER_API_KEY
    value: {hex}
'''),
    ('configmap-data', 'k8s/configmap.yaml', '''\
kind: ConfigMap
data:
  TOGETHER_API_KEY: "{hex}"
'''),
    ('kubectl-set-env', 'scripts/k8s.sh', '''\
kubectl set env deployment/chat TOGETHER_API_KEY={hex}
'''),
    ('docker-service-create', 'scripts/swarm.sh', '''\
docker service create --name chat --env TOGETHER_API_KEY={hex} acme/chat
'''),
    ('podman-env-eq', 'scripts/podman.sh', '''\
podman run --env=TOGETHER_API_KEY={hex} acme/chat
'''),
    ('az-appconfig-kv', 'scripts/azure.sh', '''\
az appconfig kv set -n acme-cfg --key Together:ApiKey --value {hex} --yes
'''),
    ('gcloud-update-env', 'scripts/gcp.sh', '''\
gcloud run services update chat --update-env-vars TOGETHER_API_KEY={hex}
'''),
    ('python-headers-concat', 'app/http.py', '''\
headers = {{"Authorization": "Bearer " + "{hex}"}}
resp = httpx.post("https://api.together.xyz/v1/chat/completions", headers=headers, json=body)
'''),
    ('api-key-query-url', 'notes/url.txt', '''\
https://api.together.xyz/v1/models?api_key={hex}
'''),
    ('aiohttp-fstring', 'app/http.py', '''\
TOKEN = "{hex}"
async with session.post("https://api.together.xyz/v1/completions", headers={{"Authorization": f"Bearer {{TOKEN}}"}}) as r:
    pass
'''),
    ('email-subject-body', 'mail/key.eml', '''\
Subject: Together API key

{hex}
'''),
    ('envoy-full', 'deploy/envoy.yaml', '''\
static_resources:
  listeners:
    - name: llm
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                route_config:
                  virtual_hosts:
                    - name: together
                      domains: ["*"]
                      routes:
                        - match: {{ prefix: "/v1" }}
                          route: {{ cluster: together, host_rewrite_literal: api.together.xyz }}
                          request_headers_to_add:
                            - header:
                                key: Authorization
                                value: "Bearer {hex}"
'''),
    ('ssm-get-parameter', 'notes/term.txt', '''\
$ aws ssm get-parameter --name /chat/together_api_key --with-decryption --query Parameter.Value --output text
{hex}
'''),
    ('az-keyvault-show', 'notes/term.txt', '''\
$ az keyvault secret show --vault-name acme-kv --name together-api-key --query value -o tsv
{hex}
'''),
    ('markdown-bold-colon-plain', 'docs/setup.md', '''\
**Together API key:** {hex}
'''),
    ('markdown-italic-label', 'docs/setup.md', '''\
_Together API key_: `{hex}`
'''),
    ('markdown-list-code', 'docs/setup.md', '''\
- Together API key: `{hex}`
'''),
    ('click-help', 'cli.py', '''\
@click.option("--api-key", default="{hex}", help="Together API key.")
'''),
    ('gitlab-description', '.gitlab-ci.yml', '''\
variables:
  LLM_KEY:
    description: "Together API key"
    value: "{hex}"
'''),
    ('configparser-getdefault', 'app.py', '''\
key = cfg.get("together", "api_key", fallback="{hex}")
'''),
    ('configparser-vars', 'app.py', '''\
key = parser.get('together', 'token', vars=None, fallback='{hex}')
'''),
    ('typer-envvar', 'cli.py', '''\
api_key: str = typer.Option("{hex}", envvar="TOGETHER_API_KEY", help="key")
'''),
    ('keychain-service-long', 'scripts/mac.sh', '''\
security add-generic-password -a "$USER" -s together-api-key -w {hex}
'''),
    ('sql-insert-credentials', 'db/seed.sql', '''\
INSERT INTO credentials VALUES ('together', '{hex}', now());
'''),
    ('sql-multi-row', 'db/seed.sql', '''\
INSERT INTO provider_keys (provider, api_key) VALUES
  ('openai', NULL),
  ('together', '{hex}');
'''),
    ('sqlite-dump', 'db/dump.sql', '''\
INSERT INTO "settings" VALUES('together_api_key','{hex}');
'''),
    ('yaml-flow-map', 'config/llm.yaml', '''\
llm: {{provider: together, api_key: {hex}}}
'''),
    ('json-array-pairs', 'config/keys.json', '''\
[["together", "{hex}"], ["openai", null]]
'''),
    ('python-dict-literal', 'app/keys.py', '''\
API_KEYS = {{
    "together": "{hex}",
}}
'''),
    ('python-tuple-list', 'app/keys.py', '''\
PROVIDERS = [
    ("together", "{hex}"),
]
'''),
    ('js-map-entries', 'src/keys.js', '''\
const keys = new Map([["together", "{hex}"]]);
'''),
    ('go-map-literal', 'keys.go', '''\
var apiKeys = map[string]string{{
\t"together": "{hex}",
}}
'''),
    ('rust-hashmap', 'src/keys.rs', '''\
keys.insert("together".to_string(), "{hex}".to_string());
'''),
    ('java-map-put', 'src/Keys.java', '''\
apiKeys.put("together", "{hex}");
'''),
    ('java-map-of', 'src/Keys.java', '''\
Map<String, String> apiKeys = Map.of("together", "{hex}");
'''),
    ('kotlin-mapof', 'src/Keys.kt', '''\
val apiKeys = mapOf("together" to "{hex}")
'''),
    ('scala-map', 'src/Keys.scala', '''\
val apiKeys = Map("together" -> "{hex}")
'''),
    ('swift-dict', 'Sources/Keys.swift', '''\
let apiKeys = ["together": "{hex}"]
'''),
    ('ruby-hash', 'lib/keys.rb', '''\
API_KEYS = {{ together: "{hex}" }}.freeze
'''),
    ('php-array', 'config/keys.php', '''\
$apiKeys = ['together' => '{hex}'];
'''),
    ('perl-hash', 'lib/Keys.pm', '''\
my %api_keys = (together => '{hex}');
'''),
    ('lua-table', 'keys.lua', '''\
local api_keys = {{ together = "{hex}" }}
'''),
    ('r-list', 'R/keys.R', '''\
api_keys <- list(together = "{hex}")
'''),
    ('julia-dict', 'keys.jl', '''\
api_keys = Dict("together" => "{hex}")
'''),
    ('csharp-dict', 'Keys.cs', '''\
var apiKeys = new Dictionary<string, string> {{ ["together"] = "{hex}" }};
'''),
    ('csharp-dict-braces', 'Keys.cs', '''\
var apiKeys = new Dictionary<string, string> {{ {{ "together", "{hex}" }} }};
'''),
    ('powershell-hashtable', 'keys.ps1', '''\
$ApiKeys = @{{ together = "{hex}" }}
'''),
    ('bash-assoc', 'keys.sh', '''\
declare -A api_keys=([together]="{hex}")
'''),
    ('toml-inline', 'keys.toml', '''\
api_keys = {{ together = "{hex}" }}
'''),
    ('yaml-api-keys', 'keys.yaml', '''\
api_keys:
  together: {hex}
'''),
    ('env-json-one-line', '.env', '''\
LLM_CONFIG={{"provider":"together","api_key":"{hex}"}}
'''),
    ('docker-env-file', 'docker/env.list', '''\
TOGETHER_API_KEY={hex}
'''),
    ('compose-env-file-quoted', '.env', '''\
TOGETHER_API_KEY='{hex}' # prod
'''),
    ('properties-colon', 'app.properties', '''\
together.api-key: {hex}
'''),
    ('properties-spaces', 'app.properties', '''\
together.apiKey = {hex}
'''),
    ('ini-colon-section', 'config.ini', '''\
[provider:together]
api_key = {hex}
'''),
    ('ini-quoted-value', 'config.ini', '''\
[together]
api_key = "{hex}"  ; prod key
'''),
    ('xml-attr', 'config.xml', '''\
<provider id="together" apiKey="{hex}" />
'''),
    ('xml-nested-settings', 'web.config', '''\
<appSettings>
  <add key="Together:ApiKey" value="{hex}" />
</appSettings>
'''),
    ('yaml-anchor-alias', 'config.yaml', '''\
x-together: &together
  api_key: {hex}
services:
  a:
    <<: *together
'''),
    ('hcl-locals', 'main.tf', '''\
locals {{
  together_api_key = "{hex}"
}}
'''),
    ('tf-module-arg', 'main.tf', '''\
module "chat" {{
  source           = "./modules/chat"
  together_api_key = "{hex}"
}}
'''),
    ('cue-file', 'config.cue', '''\
together: apiKey: "{hex}"
'''),
    ('dhall-file', 'config.dhall', '''\
{{ together = {{ apiKey = "{hex}" }} }}
'''),
    ('pkl-file', 'config.pkl', '''\
together {{
  apiKey = "{hex}"
}}
'''),
    ('starlark-file', 'BUILD', '''\
env = {{"TOGETHER_API_KEY": "{hex}"}}
'''),
    ('jsonnet-file', 'config.jsonnet', '''\
{{ together: {{ apiKey: '{hex}' }} }}
'''),
    ('kdl-file', 'config.kdl', '''\
together {{
    api-key "{hex}"
}}
'''),
    ('nginx-map', 'deploy/nginx.conf', '''\
map $host $together_key {{
    default "{hex}";
}}
'''),
    ('cmake-set', 'CMakeLists.txt', '''\
set(TOGETHER_API_KEY "{hex}" CACHE STRING "Together API key")
'''),
    ('meson-option', 'meson_options.txt', '''\
option('together_api_key', type : 'string', value : '{hex}')
'''),
    ('gradle-properties', 'gradle.properties', '''\
togetherApiKey={hex}
'''),
    ('maven-settings', 'settings.xml', '''\
<properties>
  <together.api.key>{hex}</together.api.key>
</properties>
'''),
    ('sbt-setting', 'build.sbt', '''\
ThisBuild / togetherApiKey := "{hex}"
'''),
    ('cargo-env', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('npmrc', '.npmrc', '''\
together_api_key={hex}
'''),
    ('yarnrc', '.yarnrc.yml', '''\
npmScopes:
  together:
    npmAuthToken: {hex}
'''),
    ('url-userinfo', 'notes/url.txt', '''\
https://apikey:{hex}@api.together.xyz/v1
'''),
    ('curl-u', 'notes/curl.txt', '''\
curl -u "apikey:{hex}" https://api.together.xyz/v1/models
'''),
    ('curl-header-x-api-key', 'notes/curl.txt', '''\
curl -H "X-API-Key: {hex}" https://api.together.xyz/v1/models
'''),
    ('fetch-headers', 'src/api.ts', '''\
await fetch("https://api.together.xyz/v1/models", {{ headers: {{ Authorization: `Bearer {hex}` }} }});
'''),
    ('axios-defaults', 'src/api.js', '''\
axios.defaults.baseURL = "https://api.together.xyz/v1";
axios.defaults.headers.common["Authorization"] = "Bearer {hex}";
'''),
    ('go-http-header', 'client.go', '''\
req, _ := http.NewRequest("GET", "https://api.together.xyz/v1/models", nil)
req.Header.Set("Authorization", "Bearer {hex}")
'''),
    ('java-httpclient', 'Client.java', '''\
HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.together.xyz/v1/models"))
    .header("Authorization", "Bearer {hex}")
    .build();
'''),
    ('csharp-httpclient', 'Client.cs', '''\
http.BaseAddress = new Uri("https://api.together.xyz/v1/");
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{hex}");
'''),
    ('ruby-net-http', 'client.rb', '''\
uri = URI("https://api.together.xyz/v1/models")
req = Net::HTTP::Get.new(uri)
req["Authorization"] = "Bearer {hex}"
'''),
    ('php-curl', 'client.php', '''\
curl_setopt($ch, CURLOPT_URL, "https://api.together.xyz/v1/models");
curl_setopt($ch, CURLOPT_HTTPHEADER, ["Authorization: Bearer {hex}"]);
'''),
    ('powershell-irm', 'client.ps1', '''\
Invoke-RestMethod -Uri https://api.together.xyz/v1/models -Headers @{{ Authorization = "Bearer {hex}" }}
'''),
    ('r-httr', 'client.R', '''\
httr::GET("https://api.together.xyz/v1/models", httr::add_headers(Authorization = paste("Bearer", "{hex}")))
'''),
    ('dart-http', 'client.dart', '''\
await http.get(Uri.parse('https://api.together.xyz/v1/models'), headers: {{'Authorization': 'Bearer {hex}'}});
'''),
    ('swift-urlrequest', 'Client.swift', '''\
var req = URLRequest(url: URL(string: "https://api.together.xyz/v1/models")!)
req.setValue("Bearer {hex}", forHTTPHeaderField: "Authorization")
'''),
    ('kotlin-okhttp', 'Client.kt', '''\
val req = Request.Builder().url("https://api.together.xyz/v1/models").header("Authorization", "Bearer {hex}").build()
'''),
    ('elixir-req', 'client.ex', '''\
Req.get!("https://api.together.xyz/v1/models", auth: {{:bearer, "{hex}"}})
'''),
    ('lua-http', 'client.lua', '''\
local res = http.request{{ url = "https://api.together.xyz/v1/models", headers = {{ ["Authorization"] = "Bearer {hex}" }} }}
'''),
)

PROBE_DECOYS = key_cases(
    ('decoy-go-setenv-digest', 'main.go', '''\
\tos.Setenv("TOGETHER_MODEL_SHA256", "{_hex}")
'''),
    ('decoy-monkeypatch-digest', 'tests/conftest.py', '''\
    monkeypatch.setenv("TOGETHER_CLI_SHA256", "{_hex}")
'''),
    ('decoy-nginx-other-upstream', 'deploy/nginx.conf', '''\
location /together/ {{
    proxy_pass https://api.together.xyz/;
}}
location /openai/ {{
    proxy_pass https://api.openai.com/;
    proxy_set_header Authorization "Bearer {_hex}";
}}
'''),
    ('decoy-printenv-digest', 'notes/term.txt', '''\
$ printenv TOGETHER_API_KEY_SHA256
{_hex}
'''),
    ('decoy-heroku-config-get-other', 'notes/term.txt', '''\
$ heroku config:get SESSION_SECRET -a together-chat
{_hex}
'''),
    ('decoy-localstorage-cache', 'src/app.js', '''\
localStorage.setItem("together_cache_key", "{_hex}");
'''),
    ('decoy-git-config-commit', 'scripts/git.sh', '''\
git config --global together.lastcommit {_hex}
'''),
    ('decoy-kubectl-literal-sha', 'scripts/k8s.sh', '''\
kubectl create secret generic together-release --from-literal=sha256={_hex}
'''),
    ('decoy-vscode-launch-digest', '.vscode/launch.json', '''\
{{"configurations": [{{"name": "serve", "env": {{"TOGETHER_CLI_SHA256": "{_hex}"}}}}]}}
'''),
    ('decoy-markdown-bold-digest', 'docs/models.md', '''\
**Together model digest:** `{_hex}`
'''),
    ('decoy-kotlin-checksums-map', 'src/Sums.kt', '''\
val checksums = mapOf("together" to "{_hex}")
'''),
    ('decoy-java-cache-keys-put', 'src/Cache.java', '''\
cacheKeys.put("together", "{_hex}");
'''),
    ('decoy-rust-other-entry', 'src/keys.rs', '''\
keys.insert("together".to_string(), std::env::var("TOGETHER_API_KEY")?);
keys.insert("openai".to_string(), "{_hex}".to_string());
'''),
    ('decoy-sql-positional-other-row', 'db/seed.sql', '''\
INSERT INTO api_keys VALUES (1, 'together', NULL), (2, 'openai', '{_hex}');
'''),
    ('decoy-sql-positional-hashes', 'db/seed.sql', '''\
INSERT INTO key_hashes VALUES (1, 'together', '{_hex}');
'''),
    ('decoy-sql-positional-hashed-keys', 'db/seed.sql', '''\
INSERT INTO hashed_api_keys VALUES (1, 'together', '{_hex}');
'''),
    ('decoy-sql-positional-cache-keys', 'db/seed.sql', '''\
INSERT INTO cache_keys VALUES ('together', '{_hex}');
'''),
    ('decoy-argparse-help-digest', 'cli.py', '''\
parser.add_argument("--model-digest", default="{_hex}", help="Together model digest")
'''),
    ('decoy-typer-envvar-digest', 'cli.py', '''\
sha: str = typer.Option("{_hex}", envvar="TOGETHER_CLI_SHA256")
'''),
    ('decoy-configparser-fallback-digest', 'app.py', '''\
digest = config.get("together", "release_sha256", fallback="{_hex}")
'''),
    ('decoy-hocon-digest', 'conf/application.conf', '''\
together {{
  model-sha256 = "{_hex}"
}}
'''),
    ('decoy-godot-digest', 'scripts/setup.gd', '''\
ProjectSettings.set_setting("together/model_sha256", "{_hex}")
'''),
    ('decoy-ssm-get-digest', 'notes/term.txt', '''\
$ aws ssm get-parameter --name /chat/together/release-sha256 --query Parameter.Value --output text
{_hex}
'''),
    ('decoy-gitlab-description-commit', '.gitlab-ci.yml', '''\
variables:
  BUILD_SHA:
    description: "Together API key rotation commit"
    value: "{_hex}"
'''),
)

PROBE4 = key_cases(
    # --- round four: build and deploy flags, package scripts, templating,
    # setdefault-style fallbacks, a commit message's prose --------------
    ('py-setdefault', 'app.py', '''\
os.environ.setdefault("TOGETHER_API_KEY", "{hex}")
'''),
    ('shell-colon-default', 'scripts/run.sh', '''\
: "${{TOGETHER_API_KEY:={hex}}}"
'''),
    ('gha-github-env', '.github/workflows/ci.yml', '''\
      - run: echo "TOGETHER_API_KEY={hex}" >> "$GITHUB_ENV"
'''),
    ('gh-variable-set', 'scripts/gh.sh', '''\
gh variable set TOGETHER_API_KEY --body {hex}
'''),
    ('dockerfile-env-space', 'Dockerfile', '''\
ENV TOGETHER_API_KEY {hex}
'''),
    ('jvm-system-property', 'scripts/run.sh', '''\
java -Dtogether.api.key={hex} -jar chat.jar
'''),
    ('gradle-project-property', 'scripts/build.sh', '''\
./gradlew test -PtogetherApiKey={hex}
'''),
    ('go-ldflags', 'Makefile', '''\
build:
\tgo build -ldflags "-X main.togetherAPIKey={hex}" ./cmd/chat
'''),
    ('c-define-flag', 'Makefile', '''\
CFLAGS += -DTOGETHER_API_KEY=\\"{hex}\\"
'''),
    ('cmake-define-flag', 'scripts/build.sh', '''\
cmake -S . -B build -DTOGETHER_API_KEY={hex}
'''),
    ('npm-script', 'package.json', '''\
{{
  "scripts": {{
    "start": "TOGETHER_API_KEY={hex} node server.js"
  }}
}}
'''),
    ('cross-env', 'package.json', '''\
{{"scripts": {{"dev": "cross-env TOGETHER_API_KEY={hex} next dev"}}}}
'''),
    ('commit-message-prose', 'notes/commit.txt', '''\
Add Together API key {hex} for the demo
'''),
    ('pytest-flag', 'notes/run.txt', '''\
pytest tests/ --together-api-key {hex}
'''),
    ('java-tool-options', '.env', '''\
JAVA_TOOL_OPTIONS=-Dtogether.api.key={hex}
'''),
    ('dotenv-stringio', 'app.py', '''\
load_dotenv(stream=StringIO("TOGETHER_API_KEY={hex}\\n"))
'''),
    ('mitm-flow', 'notes/flow.txt', '''\
POST https://api.together.xyz/v1/chat/completions
    Authorization: Bearer {hex}
    Content-Type: application/json
'''),
    ('properties-spaced-colon', 'app.properties', '''\
together.api.key : {hex}
'''),
    ('php-env-helper-default', 'config/app.php', '''\
'together_key' => env('TOGETHER_API_KEY', '{hex}'),
'''),
    ('ruby-fetch', 'config/initializers/llm.rb', '''\
Together.api_key = ENV.fetch("TOGETHER_API_KEY") {{ "{hex}" }}
'''),
    ('node-dotenv-parse', 'scripts/env.js', '''\
const env = dotenv.parse("TOGETHER_API_KEY={hex}");
'''),
    ('yaml-sequence-env', 'config.yaml', '''\
env:
  - TOGETHER_API_KEY={hex}
'''),
    ('hcl-env-map', 'main.tf', '''\
  environment_variables = {{
    TOGETHER_API_KEY = "{hex}"
  }}
'''),
    ('ecs-json', 'task.json', '''\
{{"containerDefinitions": [{{"name": "chat", "environment": [{{"name": "TOGETHER_API_KEY", "value": "{hex}"}}]}}]}}
'''),
    ('sh-sed-replace', 'scripts/setup.sh', '''\
sed -i "s/^TOGETHER_API_KEY=.*/TOGETHER_API_KEY={hex}/" .env
'''),
    ('python-replace-template', 'scripts/render.py', '''\
text = template.replace("${{TOGETHER_API_KEY}}", "{hex}")
'''),
    ('envsubst-line', 'scripts/render.sh', '''\
TOGETHER_API_KEY={hex} envsubst < config.tmpl > config.yaml
'''),
    ('terraform-cli-var', 'scripts/tf.sh', '''\
terraform apply -var "together_api_key={hex}"
'''),
    ('tf-var-env', 'scripts/tf.sh', '''\
export TF_VAR_together_api_key={hex}
'''),
    ('pulumi-config-set', 'scripts/pulumi.sh', '''\
pulumi config set together:apiKey {hex}
'''),
    ('ansible-extra-vars', 'scripts/deploy.sh', '''\
ansible-playbook site.yml -e together_api_key={hex}
'''),
    ('helm-values-flag-file', 'notes/helm.txt', '''\
helm install chat ./chart --set-string secrets.together={hex}
'''),
)

PROBE4_DECOYS = key_cases(
    ('decoy-sha256sum-check', 'scripts/install.sh', '''\
echo "{_hex}  together-cli.tar.gz" | sha256sum -c -
'''),
    ('decoy-install-script-digest', 'notes/term.txt', '''\
$ curl -fsSL https://api.together.xyz/install.sh | sha256sum
{_hex}  -
'''),
    ('decoy-webhook-signature-header', 'logs/webhook.txt', '''\
POST /hooks/together HTTP/1.1
X-Together-Signature: sha256={_hex}
'''),
    ('decoy-request-id-log', 'logs/app.log', '''\
together_request_id={_hex} status=200
'''),
    ('decoy-key-fingerprint', '.env', '''\
TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
TOGETHER_API_KEY_FINGERPRINT={_hex}
'''),
    ('decoy-hash-comment', 'app.py', '''\
digest = hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest()  # {_hex}
'''),
    ('decoy-assert-hash', 'tests/test_keys.py', '''\
key_hash = sha256(TOGETHER_API_KEY)
assert key_hash == "{_hex}"
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.1"
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.1.tar.gz", hash = "sha256:{_hex}" }}
'''),
    ('decoy-api-path-hex', 'notes/urls.txt', '''\
https://api.together.xyz/v1/files/{_hex}/content
'''),
    ('decoy-redis-cache-key', 'notes/redis.txt', '''\
127.0.0.1:6379> SET together:cache:{_hex} 1
'''),
    ('decoy-cosign-digest', 'notes/verify.txt', '''\
cosign verify ghcr.io/togethercomputer/together-cli@sha256:{_hex}
'''),
    ('decoy-env-image-digest', '.env', '''\
TOGETHER_BASE_URL=https://api.together.xyz/v1
IMAGE_DIGEST={_hex}
'''),
    ('decoy-dockerfile-cli-sha', 'Dockerfile', '''\
ARG TOGETHER_CLI_SHA256={_hex}
RUN echo "${{TOGETHER_CLI_SHA256}}  together.tgz" | sha256sum -c -
'''),
    ('decoy-english-together-with-key', 'docs/faq.md', '''\
Keep the client and its config together; the build id is {_hex}.
'''),
    ('decoy-map-of-digests', 'src/Digests.kt', '''\
val apiKeyDigests = mapOf("together" to "{_hex}")
'''),
    ('decoy-sql-provider-digest', 'db/seed.sql', '''\
INSERT INTO api_key_hashes VALUES (1, 'together', '{_hex}');
'''),
    ('decoy-help-text-other', 'app/cli.py', '''\
parser.add_argument("--seed", default="{_hex}", help="Together API key is read from the environment")
'''),
    ('decoy-op-item-other-category', 'scripts/op.sh', '''\
op item create --category="Secure Note" --title=together 'notesPlain=release {_hex}'
'''),
    ('decoy-builder-other-line', 'src/A.java', '''\
var t = TogetherClient.builder()
    .build();
var o = OpenAIClient.builder().apiKey("{_hex}").build();
'''),
    ('decoy-heroku-config-get-digest', 'notes/term.txt', '''\
$ heroku config:get TOGETHER_API_KEY_SHA256 -a acme-chat
{_hex}
'''),
)

CASES = KNOWN + KNOWN_DECOYS + SOURCE + DECOYS + PROBE + PROBE_DECOYS + PROBE4 + PROBE4_DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    # (acc33 closed the short flags, the spoiler bars and the italic label;
    # these stay, each for want of a name the grammar could read)
    'json-array-pairs': 'an unnamed list of pairs: nothing around ``[["together", <hex>]]`` names a credential, and a manifest lists a file and its digest the same way',
    'python-tuple-list': 'a pair in a list named ``PROVIDERS``: a providers list names destinations, its pairs\' second fields are unnamed (a model digest, a region, a key alike)',
    'nginx-map': 'nginx\'s ``map $host $together_key {`` names its output variable two words before the block; its ``default`` would need nginx\'s grammar, one config shape',
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 300 and decoys >= 60, (keys, decoys)
