"""A tenth held-out probe (session 14), written as an outside tester
would: legacy 64-hex keys in the files real tools write, shaped the way
those tools shape them rather than the way earlier sets did -- Terraform
state (a module's resources, a ``kubernetes_secret``'s ``data``, an SSM
parameter named by path), ``.tfvars`` maps, Helm values that reach a key
through an anchor or an alias, docker-compose ``environment:`` lists and
maps under a service, Kubernetes Secrets' ``stringData`` and ConfigMaps
with an embedded file, GitHub Actions ``env:``/``with:``, GitLab CI's
``value:``/``description:`` variables, Ansible group vars and inventory
INI, systemd ``Environment=`` lines with several assignments, nginx and
Apache, Dockerfile ``ENV``/``ARG``, Makefile exports, shell histories,
Postman/Insomnia/Bruno, HAR, curl/httpie/wget, Jupyter notebooks (source
and outputs as JSON string lists), client code in fourteen languages
(SDK constructors, LangChain/LlamaIndex/LiteLLM ``together_ai/`` model
strings, OpenAI-compatible clients given Together's endpoint), log lines,
Markdown tables, CSV/TSV, TOML/INI/properties/XML/plist.  Decoys: the
digests those same formats carry beside the word together (Terraform
lock files and archive hashes, image digests, lock files, checksum
lists, SHA-256 git object ids, content hashes, request ids).  The same
cases are scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe10_modes_test.py.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- infrastructure as code ----------------------------------------------------------

INFRA = key_cases(
    ('tfstate-output-sensitive', 'infra/terraform.tfstate', '''\
{{
  "version": 4,
  "terraform_version": "1.7.5",
  "serial": 12,
  "lineage": "5d2f6c1e-0a4b-4c3e-9f1d-2b7a8e6c4d10",
  "outputs": {{
    "together_api_key": {{
      "value": "{hex}",
      "type": "string",
      "sensitive": true
    }}
  }},
  "resources": []
}}
'''),
    ('tfstate-k8s-secret-data', 'infra/prod.tfstate', '''\
{{
  "version": 4,
  "resources": [
    {{
      "module": "module.inference",
      "mode": "managed",
      "type": "kubernetes_secret",
      "name": "together",
      "provider": "provider[\\"registry.terraform.io/hashicorp/kubernetes\\"]",
      "instances": [
        {{
          "schema_version": 0,
          "attributes": {{
            "binary_data": null,
            "data": {{
              "api-key": "{hex}"
            }},
            "id": "llm/together-credentials",
            "metadata": [{{"name": "together-credentials", "namespace": "llm"}}],
            "type": "Opaque"
          }},
          "sensitive_attributes": [[{{"type": "get_attr", "value": "data"}}]]
        }}
      ]
    }}
  ]
}}
'''),
    ('tfstate-ssm-parameter', 'infra/ssm.tfstate', '''\
{{
  "version": 4,
  "resources": [
    {{
      "mode": "managed",
      "type": "aws_ssm_parameter",
      "name": "llm_key",
      "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
      "instances": [
        {{
          "schema_version": 0,
          "attributes": {{
            "arn": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/together/api_key",
            "data_type": "text",
            "description": "Together AI inference key",
            "name": "/prod/together/api_key",
            "type": "SecureString",
            "value": "{hex}",
            "version": 3
          }}
        }}
      ]
    }}
  ]
}}
'''),
    ('tfvars-provider-map', 'infra/prod.auto.tfvars', '''\
region = "us-east-1"

llm_providers = {{
  together = {{
    base_url = "https://api.together.xyz/v1"
    api_key  = "{hex}"
    models   = ["meta-llama/Llama-3-70b-chat-hf"]
  }}
}}
'''),
    ('tfvars-quoted-env-map', 'infra/worker.tfvars', '''\
container_env = {{
  "LOG_LEVEL"        = "info"
  "TOGETHER_API_KEY" = "{hex}"
}}
'''),
    ('helm-anchor-block', 'charts/eval/values.yaml', '''\
llmDefaults: &together
  provider: together
  baseUrl: https://api.together.xyz/v1
  apiKey: {hex}
  timeoutSeconds: 60

worker:
  replicas: 2
  llm: *together
'''),
    ('helm-anchor-scalar', 'charts/chat/values.yaml', '''\
secrets:
  togetherApiKey: &togetherKey {hex}

api:
  env:
    - name: LLM_API_KEY
      value: *togetherKey
'''),
    ('helm-merge-key', 'charts/rag/values-prod.yaml', '''\
_base: &llm
  timeoutSeconds: 30
  retries: 2

together:
  <<: *llm
  apiKey: "{hex}"
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  api:
    image: ghcr.io/acme/chat-api:1.4.2
    ports:
      - "8080:8080"
    environment:
      - NODE_ENV=production
      - TOGETHER_API_KEY={hex}
      - REDIS_URL=redis://cache:6379
'''),
    ('compose-env-list-generic', 'compose.prod.yaml', '''\
services:
  worker:
    build: .
    environment:
      - OPENAI_BASE_URL=https://api.together.xyz/v1
      - OPENAI_API_KEY={hex}
      - MODEL=meta-llama/Llama-3-8b-chat-hf
'''),
    ('compose-env-map-quoted', 'docker-compose.override.yml', '''\
services:
  litellm:
    image: ghcr.io/berriai/litellm:main-latest
    environment:
      TOGETHERAI_API_KEY: "{hex}"
      LITELLM_LOG: "INFO"
'''),
    ('k8s-secret-stringdata', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: together-credentials
  namespace: llm
type: Opaque
stringData:
  api-key: {hex}
'''),
    ('k8s-configmap-embedded-file', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: router-config
data:
  config.yaml: |
    providers:
      together:
        base_url: https://api.together.xyz/v1
        api_key: {hex}
    default_model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('k8s-deployment-generic-sibling', 'k8s/deployment.yaml', '''\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - name: chat
          image: ghcr.io/acme/chat:2.0.1
          env:
            - name: LLM_BASE_URL
              value: https://api.together.xyz/v1
            - name: LLM_API_KEY
              value: "{hex}"
'''),
    ('k8s-multidoc-secret', 'k8s/all.yaml', '''\
apiVersion: v1
kind: Namespace
metadata:
  name: llm
---
apiVersion: v1
kind: Secret
metadata:
  name: llm-keys
  namespace: llm
stringData:
  TOGETHER_API_KEY: "{hex}"
'''),
)

# -- CI and deployment ---------------------------------------------------------------

CI = key_cases(
    ('gha-job-env', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: {hex}
    steps:
      - uses: actions/checkout@v4
      - run: python -m evals.run
'''),
    ('gha-step-with', '.github/workflows/review.yml', '''\
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/llm-review-action@v2
        with:
          base-url: https://api.together.xyz/v1
          api-key: {hex}
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('gitlab-ci-variable-value', '.gitlab-ci.yml', '''\
variables:
  LLM_PROVIDER: together
  LLM_API_KEY:
    value: "{hex}"
    description: "inference key"

test:
  script:
    - pytest
'''),
    ('gitlab-ci-job-variables', 'ci/eval.gitlab-ci.yml', '''\
eval:
  stage: test
  variables:
    TOGETHER_API_KEY: "{hex}"
  script:
    - python eval.py
'''),
    ('ansible-group-vars', 'ansible/group_vars/llm.yml', '''\
---
llm_user: inference
together_api_key: "{hex}"
together_base_url: https://api.together.xyz/v1
'''),
    ('ansible-inventory-group-vars', 'ansible/inventory.ini', '''\
[gpu]
gpu-1 ansible_host=10.0.0.11
gpu-2 ansible_host=10.0.0.12

[gpu:vars]
ansible_user=ubuntu
together_api_key={hex}
'''),
    ('ansible-inventory-host-line', 'ansible/hosts', '''\
[workers]
worker-1 ansible_host=10.0.1.5 together_api_key={hex} model=llama3
'''),
    ('ansible-task-environment', 'ansible/roles/eval/tasks/main.yml', '''\
- name: run the eval
  ansible.builtin.command: python /opt/eval/run.py
  environment:
    TOGETHER_API_KEY: "{hex}"
'''),
    ('systemd-environment-several', 'deploy/chat.service', '''\
[Unit]
Description=chat api

[Service]
ExecStart=/opt/chat/bin/serve
Environment="LOG_LEVEL=info" "TOGETHER_API_KEY={hex}"
Restart=always
'''),
    ('systemd-dropin-generic', 'deploy/chat.service.d/override.conf', '''\
[Service]
Environment=LLM_BASE_URL=https://api.together.xyz/v1
Environment=LLM_API_KEY={hex}
'''),
    ('nginx-proxy-header', 'deploy/nginx/llm.conf', '''\
location /v1/ {{
    proxy_pass https://api.together.xyz/v1/;
    proxy_set_header Host api.together.xyz;
    proxy_set_header Authorization "Bearer {hex}";
}}
'''),
    ('apache-setenv', 'deploy/apache/site.conf', '''\
<VirtualHost *:80>
    ServerName chat.example.com
    SetEnv TOGETHER_API_KEY {hex}
    WSGIScriptAlias / /srv/chat/wsgi.py
</VirtualHost>
'''),
    ('dockerfile-env-legacy-form', 'Dockerfile', '''\
FROM python:3.12-slim
WORKDIR /app
ENV TOGETHER_API_KEY {hex}
COPY . .
CMD ["python", "serve.py"]
'''),
    ('dockerfile-arg-default', 'docker/eval.Dockerfile', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY={hex}
ENV TOGETHER_API_KEY=$TOGETHER_API_KEY
'''),
    ('dockerfile-env-multi', 'docker/api.Dockerfile', '''\
FROM node:20
ENV NODE_ENV=production \\
    TOGETHER_API_KEY={hex} \\
    PORT=8080
'''),
    ('makefile-export', 'Makefile', '''\
export TOGETHER_API_KEY := {hex}

eval:
\tpython -m evals.run
'''),
    ('makefile-target-var', 'mk/eval.mk', '''\
eval: TOGETHER_API_KEY = {hex}
eval:
\tpython -m evals.run
'''),
)

# -- shells, HTTP tools and their files ----------------------------------------------

TOOLS = key_cases(
    ('bash-history-inline-env', 'home/.bash_history', '''\
cd ~/src/chat
TOGETHER_API_KEY={hex} python app.py
git status
'''),
    ('zsh-extended-history', 'home/.zsh_history', '''\
: 1714557600:0;cd ~/src/eval
: 1714557612:0;export TOGETHER_API_KEY='{hex}'
: 1714557620:3;python run.py
'''),
    ('fish-history', 'home/.local/share/fish/fish_history', '''\
- cmd: set -gx TOGETHER_API_KEY {hex}
  when: 1714557600
- cmd: python run.py
  when: 1714557610
'''),
    ('netrc-together', 'home/.netrc', '''\
machine github.com login octocat password ghp_notarealtoken
machine api.together.xyz login apikey password {hex}
'''),
    ('postman-environment', 'postman/Together.postman_environment.json', '''\
{{
  "id": "8c4f2b1a-3d5e-4f6a-8b7c-9d0e1f2a3b4c",
  "name": "Together prod",
  "values": [
    {{"key": "baseUrl", "value": "https://api.together.xyz/v1", "type": "default", "enabled": true}},
    {{"key": "apiKey", "value": "{hex}", "type": "secret", "enabled": true}}
  ],
  "_postman_variable_scope": "environment"
}}
'''),
    ('postman-collection-bearer', 'postman/llm.postman_collection.json', '''\
{{
  "info": {{"name": "LLM", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "item": [
    {{
      "name": "chat completion",
      "request": {{
        "auth": {{
          "type": "bearer",
          "bearer": [{{"key": "token", "value": "{hex}", "type": "string"}}]
        }},
        "method": "POST",
        "url": {{"raw": "https://api.together.xyz/v1/chat/completions", "protocol": "https",
                 "host": ["api", "together", "xyz"], "path": ["v1", "chat", "completions"]}}
      }}
    }}
  ]
}}
'''),
    ('insomnia-export', 'insomnia/export.json', '''\
{{"_type": "export", "__export_format": 4, "resources": [
  {{"_id": "req_1", "_type": "request", "name": "completions", "method": "POST",
    "url": "https://api.together.xyz/v1/completions",
    "authentication": {{"type": "bearer", "token": "{hex}", "prefix": "Bearer"}},
    "headers": [{{"name": "Content-Type", "value": "application/json"}}]}}
]}}
'''),
    ('bruno-request', 'bruno/together/chat.bru', '''\
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
    ('bruno-environment', 'bruno/llm/environments/prod.bru', '''\
vars {{
  baseUrl: https://api.together.xyz/v1
  apiKey: {hex}
}}
'''),
    ('har-request-header', 'captures/session.har', '''\
{{"log": {{"version": "1.2", "creator": {{"name": "Firefox", "version": "125.0"}}, "entries": [
  {{"startedDateTime": "2024-05-01T10:00:00.000Z", "time": 812,
    "request": {{"method": "POST", "url": "https://api.together.xyz/v1/chat/completions", "httpVersion": "HTTP/2",
      "headers": [
        {{"name": "content-type", "value": "application/json"}},
        {{"name": "authorization", "value": "Bearer {hex}"}}
      ]}},
    "response": {{"status": 200, "headers": []}}}}
]}}}}
'''),
    ('curl-continued', 'scripts/chat.sh', '''\
#!/bin/sh
curl -sS https://api.together.xyz/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer {hex}" \\
  -d '{{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": [{{"role": "user", "content": "hi"}}]}}'
'''),
    ('curl-header-first', 'notes/curl.txt', '''\
$ curl -H 'Authorization: Bearer {hex}' https://api.together.xyz/v1/models | jq '.[0].id'
'''),
    ('httpie-request', 'notes/httpie.txt', '''\
$ http POST api.together.xyz/v1/completions Authorization:'Bearer {hex}' model=mistralai/Mixtral-8x7B-v0.1 prompt=hi
'''),
    ('wget-header', 'scripts/models.sh', '''\
wget -qO- --header="Authorization: Bearer {hex}" https://api.together.xyz/v1/models
'''),
    ('notebook-source-client', 'notebooks/eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "from together import Together\\n",
    "\\n",
    "client = Together(api_key=\\"{hex}\\")\\n"
   ]
  }}
 ],
 "metadata": {{"kernelspec": {{"name": "python3", "display_name": "Python 3"}}}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('notebook-output-env', 'notebooks/debug.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [
    {{
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "HOME=/home/jovyan\\n",
      "TOGETHER_API_KEY={hex}\\n"
     ]
    }}
   ],
   "source": [
    "!env | sort"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('notebook-source-openai', 'notebooks/compare.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "from openai import OpenAI\\n",
    "client = OpenAI(\\n",
    "    base_url=\\"https://api.together.xyz/v1\\",\\n",
    "    api_key=\\"{hex}\\",\\n",
    ")\\n"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
)

# -- client code ---------------------------------------------------------------------

CODE = key_cases(
    ('py-together-client', 'app/llm.py', '''\
from together import Together

client = Together(api_key="{hex}")
'''),
    ('py-openai-compatible', 'app/client.py', '''\
from openai import OpenAI

client = OpenAI(
    api_key="{hex}",
    base_url="https://api.together.xyz/v1",
)
'''),
    ('py-langchain-chattogether', 'app/chain.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(model="meta-llama/Llama-3-70b-chat-hf", together_api_key="{hex}")
'''),
    ('py-litellm-model-string', 'app/router.py', '''\
import litellm

resp = litellm.completion(
    model="together_ai/meta-llama/Llama-3-8b-chat-hf",
    api_key="{hex}",
    messages=[{{"role": "user", "content": "hi"}}],
)
'''),
    ('py-llamaindex-openailike', 'app/index.py', '''\
from llama_index.llms.openai_like import OpenAILike

llm = OpenAILike(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    api_base="https://api.together.xyz/v1",
    api_key="{hex}",
    is_chat_model=True,
)
'''),
    ('py-comment-over-assignment', 'app/settings.py', '''\
import os

# Together AI
api_key = "{hex}"
timeout = 30
'''),
    ('js-together-sdk', 'web/lib/together.ts', '''\
import Together from "together-ai";

export const together = new Together({{ apiKey: "{hex}" }});
'''),
    ('js-openai-baseurl', 'web/lib/llm.js', '''\
const OpenAI = require("openai");

const client = new OpenAI({{
  apiKey: '{hex}',
  baseURL: 'https://api.together.xyz/v1',
}});
'''),
    ('js-vercel-ai-sdk', 'web/app/api/chat/route.ts', '''\
import {{ createTogetherAI }} from "@ai-sdk/togetherai";

const togetherai = createTogetherAI({{ apiKey: "{hex}" }});
'''),
    ('go-openai-config', 'cmd/chat/main.go', '''\
package main

import openai "github.com/sashabaranov/go-openai"

func newClient() *openai.Client {{
\tcfg := openai.DefaultConfig("{hex}")
\tcfg.BaseURL = "https://api.together.xyz/v1"
\treturn openai.NewClientWithConfig(cfg)
}}
'''),
    ('rust-async-openai', 'src/llm.rs', '''\
use async_openai::{{config::OpenAIConfig, Client}};

pub fn client() -> Client<OpenAIConfig> {{
    let config = OpenAIConfig::new()
        .with_api_base("https://api.together.xyz/v1")
        .with_api_key("{hex}");
    Client::with_config(config)
}}
'''),
    ('java-okhttp-builder', 'src/main/java/com/acme/Llm.java', '''\
package com.acme;

public final class Llm {{
    static OpenAIClient client() {{
        return OpenAIOkHttpClient.builder()
            .baseUrl("https://api.together.xyz/v1")
            .apiKey("{hex}")
            .build();
    }}
}}
'''),
    ('csharp-const', 'src/Chat/TogetherSettings.cs', '''\
namespace Chat;

public static class TogetherSettings
{{
    public const string Endpoint = "https://api.together.xyz/v1";
    public const string ApiKey = "{hex}";
}}
'''),
    ('php-array-config', 'config/llm.php', '''\
<?php

return [
    'default' => 'together',
    'together' => [
        'api_key' => '{hex}',
        'base_uri' => 'https://api.together.xyz/v1',
    ],
];
'''),
    ('ruby-client', 'lib/llm.rb', '''\
require "openai"

CLIENT = OpenAI::Client.new(
  access_token: "{hex}",
  uri_base: "https://api.together.xyz/v1"
)
'''),
    ('kotlin-client', 'app/src/main/kotlin/Llm.kt', '''\
val openAI = OpenAI(
    token = "{hex}",
    host = OpenAIHost(baseUrl = "https://api.together.xyz/v1/"),
)
'''),
    ('swift-client', 'Sources/App/LLM.swift', '''\
let configuration = OpenAI.Configuration(token: "{hex}", host: "api.together.xyz", scheme: "https")
let client = OpenAI(configuration: configuration)
'''),
    ('r-ellmer', 'analysis/chat.R', '''\
library(ellmer)
chat <- chat_openai(base_url = "https://api.together.xyz/v1", api_key = "{hex}")
'''),
    ('julia-env', 'scripts/eval.jl', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
using HTTP
'''),
)

# -- logs, tables and settings files -------------------------------------------------

DATA = key_cases(
    ('log-python-headers-dict', 'logs/app.log', '''\
2024-05-01 10:00:00,101 DEBUG httpx: HTTP Request: POST https://api.together.xyz/v1/chat/completions "HTTP/1.1 200 OK"
2024-05-01 10:00:00,102 DEBUG app.llm: request headers={{'Authorization': 'Bearer {hex}', 'Content-Type': 'application/json'}}
'''),
    ('log-litellm-kwargs', 'logs/litellm.log', '''\
10:00:00 - LiteLLM:DEBUG: utils.py:412 - model=together_ai/meta-llama/Llama-3-8b-chat-hf api_key={hex} max_tokens=256
'''),
    ('log-json-line', 'logs/events.jsonl', '''\
{{"ts": "2024-05-01T10:00:00Z", "level": "debug", "msg": "llm config", "provider": "together", "api_key": "{hex}"}}
'''),
    ('markdown-table', 'docs/keys.md', '''\
# Team keys

| Service | Environment | Key |
|---------|-------------|-----|
| Together AI | prod | `{hex}` |
'''),
    ('csv-export', 'exports/credentials.csv', '''\
service,environment,api_key,owner
together,prod,{hex},ml-platform
'''),
    ('tsv-export', 'exports/credentials.tsv', '''\
name\tprovider\tsecret
eval-bot\ttogether\t{hex}
'''),
    ('toml-dotted-table', 'config/app.toml', '''\
[llm.together]
base_url = "https://api.together.xyz/v1"
api_key = "{hex}"
'''),
    ('ini-section', 'config/llm.ini', '''\
[together]
model = meta-llama/Llama-3-8b-chat-hf
api_key = {hex}
'''),
    ('git-config-style-subsection', 'config/providers.cfg', '''\
[provider "together"]
\turl = https://api.together.xyz/v1
\tkey = {hex}
'''),
    ('properties-spring-ai', 'src/main/resources/application-prod.properties', '''\
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key={hex}
spring.ai.openai.chat.options.model=meta-llama/Llama-3-70b-chat-hf
'''),
    ('xml-appsettings', 'web/Web.config', '''\
<configuration>
  <appSettings>
    <add key="Together:BaseUrl" value="https://api.together.xyz/v1" />
    <add key="Together:ApiKey" value="{hex}" />
  </appSettings>
</configuration>
'''),
    ('plist-launchd-env', 'Library/LaunchAgents/ai.acme.eval.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>EnvironmentVariables</key>
  <dict>
    <key>TOGETHER_API_KEY</key>
    <string>{hex}</string>
  </dict>
</dict>
</plist>
'''),
    ('yaml-provider-then-keys', 'config/rotation.yaml', '''\
provider: together
keys:
  - {hex}
  - {hex2}
'''),
)

# -- decoys: the digests these formats carry near together ---------------------------

DECOYS = key_cases(
    ('decoy-tf-lock', 'infra/.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version     = "0.3.1"
  constraints = "~> 0.3"
  hashes = [
    "h1:3q2+7wMo0xYkQ9p5rT1vN8sLzK4aHbC6dE0fG2hIjKs=",
    "zh:{_hex}",
    "zh:{_hex2}",
  ]
}}
'''),
    ('decoy-tfstate-archive', 'infra/lambda.tfstate', '''\
{{"version": 4, "resources": [{{"mode": "data", "type": "archive_file", "name": "together_proxy",
  "instances": [{{"attributes": {{"output_base64sha256": "{_b64}", "output_sha256": "{_hex}",
  "output_path": "build/together_proxy.zip", "source_code_hash": "{_hex2}"}}}}]}}]}}
'''),
    ('decoy-helm-chart-lock', 'charts/eval/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 0.4.2
digest: sha256:{_hex}
generated: "2024-05-01T10:00:00Z"
'''),
    ('decoy-compose-image-digest', 'compose.digest.yaml', '''\
services:
  together-proxy:
    image: ghcr.io/acme/together-proxy@sha256:{_hex}
    environment:
      - TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('decoy-k8s-image-and-ref', 'k8s/proxy.yaml', '''\
containers:
  - name: together-proxy
    image: ghcr.io/acme/together-proxy@sha256:{_hex}
    env:
      - name: TOGETHER_API_KEY
        valueFrom:
          secretKeyRef:
            name: together-credentials
            key: api-key
'''),
    ('decoy-k8s-configmap-checksum', 'k8s/checksum.yaml', '''\
spec:
  template:
    metadata:
      annotations:
        checksum/together-config: {_hex}
'''),
    ('decoy-gha-pinned-sha256', '.github/workflows/release.yml', '''\
jobs:
  release:
    steps:
      - run: echo "{_hex}  together-cli.tar.gz" | sha256sum -c -
        env:
          TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
'''),
    ('decoy-gitlab-cache-key', '.gitlab/ci/cache.yml', '''\
together-build:
  cache:
    key: {_hex}
  variables:
    TOGETHER_API_KEY: $TOGETHER_API_KEY
'''),
    ('decoy-dockerfile-digest', 'docker/proxy.Dockerfile', '''\
FROM python:3.12-slim@sha256:{_hex}
ARG TOGETHER_API_KEY
RUN echo "{_hex2}  /tmp/together.whl" | sha256sum -c -
'''),
    ('decoy-makefile-sha', 'mk/fetch.mk', '''\
TOGETHER_CLI_SHA256 := {_hex}
fetch:
\tcurl -LO https://github.com/togethercomputer/together-cli/releases/download/v1/together-cli.tar.gz
'''),
    ('decoy-shell-history-sha', 'home/.bash_history2', '''\
sha256sum together-1.3.3.tar.gz
git -C ~/src/together-python rev-parse HEAD
export TOGETHER_API_KEY=$(pass show together/api-key)
'''),
    ('decoy-sha256sum-output', 'notes/checks.txt', '''\
$ sha256sum dist/together-1.3.3-py3-none-any.whl
{_hex}  dist/together-1.3.3-py3-none-any.whl
'''),
    ('decoy-git-sha256-log', 'notes/gitlog.txt', '''\
commit {_hex}
Author: Dana <dana@example.com>
Date:   Wed May 1 10:00:00 2024 +0000

    Use the Together AI API key from the environment
'''),
    ('decoy-postman-ids', 'postman/ids.postman_collection.json', '''\
{{"info": {{"_postman_id": "8c4f2b1a-3d5e-4f6a-8b7c-9d0e1f2a3b4c", "name": "Together"}},
 "item": [{{"name": "models", "request": {{"url": "https://api.together.xyz/v1/models",
   "auth": {{"type": "bearer", "bearer": [{{"key": "token", "value": "{{{{together_api_key}}}}"}}]}}}},
   "event": [{{"listen": "test", "script": {{"exec": ["// body sha256 {_hex}"]}}}}]}}]}}
'''),
    ('decoy-har-etag', 'captures/etag.har', '''\
{{"log": {{"entries": [{{"request": {{"url": "https://api.together.xyz/v1/models", "headers": []}},
  "response": {{"status": 200, "headers": [{{"name": "etag", "value": "\\"{_hex}\\""}},
  {{"name": "x-request-id", "value": "{_hex2}"}}]}}}}]}}}}
'''),
    ('decoy-curl-request-id', 'notes/curl2.txt', '''\
$ curl -H "Authorization: Bearer $TOGETHER_API_KEY" -H "Idempotency-Key: {_hex}" https://api.together.xyz/v1/files
'''),
    ('decoy-notebook-sha-output', 'notebooks/hash.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "outputs": [{{"name": "stdout", "output_type": "stream", "text": ["{_hex}\\n"]}}],
   "source": ["import hashlib\\n", "print(hashlib.sha256(open('together.tar.gz','rb').read()).hexdigest())\\n"]
  }}
 ],
 "nbformat": 4
}}
'''),
    ('decoy-py-comment-sha', 'app/verify.py', '''\
# sha256 of together.tar.gz
digest = "{_hex}"
'''),
    ('decoy-py-env-and-hash', 'app/cache.py', '''\
import os
client = Together(api_key=os.environ["TOGETHER_API_KEY"])
CACHE_KEY = "{_hex}"
'''),
    ('decoy-js-integrity', 'web/sri.js', '''\
// together-ai bundle, SHA-256
const TOGETHER_BUNDLE_SHA256 = "{_hex}";
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {{file = "together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
    {{file = "together-1.3.3.tar.gz", hash = "sha256:{_hex2}"}},
]
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-markdown-checksums', 'docs/downloads.md', '''\
## Together CLI downloads

| file | sha256 |
|------|--------|
| together-linux-amd64 | `{_hex}` |
'''),
    ('decoy-csv-model-hashes', 'exports/models.csv', '''\
provider,model,sha256
together,meta-llama/Llama-3-8b-chat-hf,{_hex}
'''),
    ('decoy-toml-together-digest', 'config/cache.toml', '''\
[together]
api_key = "${{TOGETHER_API_KEY}}"
response_cache_digest = "{_hex}"
'''),
    ('decoy-ini-together-checksum', 'config/dist.ini', '''\
[together]
version = 1.3.3
sha256 = {_hex}
'''),
    ('decoy-xml-file-hash', 'build/manifest.xml', '''\
<files>
  <file name="together.dll" sha256="{_hex}" />
</files>
'''),
    ('decoy-log-request-id', 'logs/req.log', '''\
2024-05-01 10:00:00 INFO together: POST /v1/chat/completions 200 request_id={_hex} trace={_hex2}
'''),
    ('decoy-plist-hash', 'Library/ai.acme.together.plist', '''\
<plist version="1.0"><dict>
  <key>TogetherBundleSHA256</key>
  <string>{_hex}</string>
</dict></plist>
'''),
    ('decoy-systemd-env-ref', 'deploy/ref.service', '''\
[Service]
EnvironmentFile=/etc/together/env
Environment=TOGETHER_BUILD={_hex}
'''),
    ('decoy-nginx-etag', 'deploy/nginx/cache.conf', '''\
location /together/ {{
    proxy_pass https://api.together.xyz/;
    add_header X-Config-Digest {_hex};
}}
'''),
    ('decoy-tfvars-ami-hash', 'infra/image.tfvars', '''\
together_proxy_image_digest = "sha256:{_hex}"
together_api_key            = ""
'''),
)

# -- deployment platforms, IDE and agent configs, git-config sections ------------------

PLATFORMS = key_cases(
    ('gitconfig-together-prod', 'config/llm.gitconfig', '''\
[together "prod"]
\tkey = {hex}
\tmodel = llama3
'''),
    ('gitconfig-remote-together', '.llmconfig', '''\
[remote "together"]
\turl = https://api.together.xyz/v1
\ttoken = {hex}
'''),
    ('json-one-line-array', 'data/providers.json', '{{"together": [' + ', '.join(['{{"name": "k%d", "note": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}}' % i for i in range(60)]) + ', {{"name": "prod", "key": "{hex}"}}]}}\n'),
    ('helm-set-file', 'scripts/deploy.sh', '''\
helm upgrade --install chat ./charts/chat \\
  --set llm.provider=together \\
  --set llm.apiKey={hex}
'''),
    ('tf-plan-output', 'logs/plan.txt', '''\
  # kubernetes_secret.together will be created
  + resource "kubernetes_secret" "together" {{
      + data = {{
          + "api-key" = "{hex}"
        }}
      + id   = (known after apply)
    }}
'''),
    ('docker-run-env', 'scripts/run.sh', '''\
docker run --rm -e TOGETHER_API_KEY={hex} -p 8080:8080 ghcr.io/acme/chat:1.0
'''),
    ('docker-inspect-env', 'notes/inspect.json', '''\
[{{"Id": "3f2a", "Config": {{"Env": ["PATH=/usr/local/bin", "TOGETHER_API_KEY={hex}"], "Image": "chat:1.0"}}}}]
'''),
    ('env-json-aws-ecs', 'deploy/taskdef.json', '''\
{{"containerDefinitions": [{{"name": "chat", "image": "chat:1.0",
  "environment": [
    {{"name": "LLM_BASE_URL", "value": "https://api.together.xyz/v1"}},
    {{"name": "LLM_API_KEY", "value": "{hex}"}}
  ]}}]}}
'''),
    ('ecs-generic-apikey', 'deploy/taskdef2.json', '''\
{{
  "containerDefinitions": [
    {{
      "name": "chat",
      "environment": [
        {{
          "name": "BASE_URL",
          "value": "https://api.together.xyz/v1"
        }},
        {{
          "name": "API_KEY",
          "value": "{hex}"
        }}
      ]
    }}
  ]
}}
'''),
    ('cloudrun-yaml', 'deploy/service.yaml', '''\
apiVersion: serving.knative.dev/v1
kind: Service
spec:
  template:
    spec:
      containers:
      - image: gcr.io/acme/chat
        env:
        - name: OPENAI_API_BASE
          value: https://api.together.xyz/v1
        - name: OPENAI_API_KEY
          value: {hex}
'''),
    ('fly-toml', 'fly.toml', '''\
app = "chat"
[env]
  TOGETHER_API_KEY = "{hex}"
'''),
    ('render-yaml', 'render.yaml', '''\
services:
  - type: web
    name: chat
    envVars:
      - key: TOGETHER_API_KEY
        value: {hex}
'''),
    ('render-yaml-generic', 'render2.yaml', '''\
services:
  - type: web
    name: chat
    envVars:
      - key: LLM_BASE_URL
        value: https://api.together.xyz/v1
      - key: LLM_API_KEY
        value: {hex}
'''),
    ('app-yaml-gae', 'app.yaml', '''\
runtime: python312
env_variables:
  TOGETHER_API_KEY: "{hex}"
'''),
    ('procfile-env', 'Procfile', '''\
web: TOGETHER_API_KEY={hex} gunicorn app:app
'''),
    ('pm2-ecosystem', 'ecosystem.config.js', '''\
module.exports = {{
  apps: [{{
    name: "chat",
    script: "server.js",
    env: {{ TOGETHER_API_KEY: "{hex}" }}
  }}]
}};
'''),
    ('vscode-launch', '.vscode/launch.json', '''\
{{
  "configurations": [
    {{"name": "chat", "type": "python", "request": "launch", "program": "app.py",
      "env": {{"TOGETHER_API_KEY": "{hex}"}}}}
  ]
}}
'''),
    ('intellij-runconfig', '.idea/runConfigurations/chat.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="chat" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{hex}" />
    </envs>
  </configuration>
</component>
'''),
    ('intellij-generic', '.idea/runConfigurations/llm.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="llm" type="PythonConfigurationType">
    <envs>
      <env name="OPENAI_BASE_URL" value="https://api.together.xyz/v1" />
      <env name="OPENAI_API_KEY" value="{hex}" />
    </envs>
  </configuration>
</component>
'''),
    ('direnv-envrc', '.envrc', '''\
export TOGETHER_API_KEY="{hex}"
'''),
    ('powershell-profile', 'profile.ps1', '''\
$env:TOGETHER_API_KEY = "{hex}"
'''),
    ('cmd-set', 'run.bat', '''\
@echo off
set TOGETHER_API_KEY={hex}
python app.py
'''),
    ('github-secret-cli', 'notes/gh.txt', '''\
$ gh secret set TOGETHER_API_KEY --body "{hex}" --repo acme/chat
'''),
    ('continue-config-json', '.continue/config.json', '''\
{{"models": [{{"title": "Llama 3 70B", "provider": "together", "model": "meta-llama/Llama-3-70b-chat-hf", "apiKey": "{hex}"}}]}}
'''),
    ('cursor-mcp-json', '.cursor/mcp.json', '''\
{{"mcpServers": {{"together": {{"command": "npx", "args": ["-y", "together-mcp"], "env": {{"API_KEY": "{hex}"}}}}}}}}
'''),
    ('claude-desktop-config', 'claude_desktop_config.json', '''\
{{
  "mcpServers": {{
    "llm-router": {{
      "command": "uvx",
      "args": ["llm-router"],
      "env": {{
        "OPENAI_BASE_URL": "https://api.together.xyz/v1",
        "OPENAI_API_KEY": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('litellm-proxy-config', 'litellm_config.yaml', '''\
model_list:
  - model_name: llama-3-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: {hex}
'''),
    ('dspy-lm', 'app/dspy_setup.py', '''\
import dspy
lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="{hex}")
'''),
    ('haystack', 'app/pipe.py', '''\
generator = OpenAIGenerator(api_key=Secret.from_token("{hex}"), api_base_url="https://api.together.xyz/v1")
'''),
    ('pydantic-settings-env', 'app/config.py', '''\
class Settings(BaseSettings):
    together_api_key: str = "{hex}"
'''),
    ('streamlit-secrets', '.streamlit/secrets.toml', '''\
[together]
api_key = "{hex}"
'''),
    ('mlflow-gateway', 'gateway.yaml', '''\
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: togetherai
      name: meta-llama/Llama-3-70b-chat-hf
      config:
        togetherai_api_key: {hex}
'''),
    ('openwebui-env', 'open-webui.env', '''\
OPENAI_API_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
'''),
    ('go-env-default', 'internal/cfg/cfg.go', '''\
package cfg

var TogetherAPIKey = getenv("TOGETHER_API_KEY", "{hex}")
'''),
    ('yaml-comment-heading', 'config/llm.yaml', '''\
# Together AI
api_key: {hex}
model: meta-llama/Llama-3-8b-chat-hf
'''),
    ('log-kv-together-prefix', 'logs/worker.log', '''\
level=debug msg="client init" provider=together base_url=https://api.together.xyz/v1 api_key={hex}
'''),
    ('python-dict-providers', 'app/providers.py', '''\
PROVIDERS = {{
    "together": {{"base_url": "https://api.together.xyz/v1", "api_key": "{hex}"}},
    "openai": {{"base_url": "https://api.openai.com/v1", "api_key": os.environ["OPENAI_API_KEY"]}},
}}
'''),
)

# -- decoys: lock files and build pins of many ecosystems, digests beside the
# -- forms the fixes above read (a value field, a top-level list, a code comment) --

DECOYS_MORE = key_cases(
    ('decoy-mix-lock', 'mix.lock', '''\
%{{
  "together": {{:hex, :together, "0.2.1", "{_hex}", [:mix], [{{:req, "~> 0.4", [hex: :req, repo: "hexpm", optional: false]}}], "hexpm", "{_hex2}"}},
}}
'''),
    ('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
GEM
  remote: https://rubygems.org/
  specs:
    together-ruby (0.1.0)

CHECKSUMS
  together-ruby (0.1.0) sha256={_hex}
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
    version: "0.1.2"
'''),
    ('decoy-pipfile-lock', 'Pipfile.lock', '''\
{{"default": {{"together": {{"hashes": ["sha256:{_hex}", "sha256:{_hex2}"], "index": "pypi", "version": "==1.3.3"}}}}}}
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz", hash = "sha256:{_hex}", size = 51234 }}
'''),
    ('decoy-conda-lock', 'conda-lock.yml', '''\
package:
- name: together
  version: 1.3.3
  manager: pip
  url: https://files.pythonhosted.org/packages/together-1.3.3-py3-none-any.whl
  hash:
    sha256: {_hex}
'''),
    ('decoy-bazel-http-archive', 'WORKSPACE', '''\
http_archive(
    name = "together_sdk",
    sha256 = "{_hex}",
    urls = ["https://github.com/togethercomputer/together-go/archive/v0.1.0.tar.gz"],
)
'''),
    ('decoy-nix-fetchurl', 'nix/together.nix', '''\
src = fetchurl {{
  url = "https://github.com/togethercomputer/together-cli/releases/download/v1.0/together-linux.tar.gz";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-homebrew-formula', 'Formula/together-cli.rb', '''\
class TogetherCli < Formula
  desc "Together AI command line"
  url "https://github.com/togethercomputer/together-cli/archive/v1.0.tar.gz"
  sha256 "{_hex}"
end
'''),
    ('decoy-oci-index', 'oci/index.json', '''\
{{"schemaVersion": 2, "manifests": [{{"mediaType": "application/vnd.oci.image.manifest.v1+json",
  "digest": "sha256:{_hex}", "size": 1024,
  "annotations": {{"org.opencontainers.image.title": "together-proxy"}}}}]}}
'''),
    ('decoy-ecs-image-digest', 'deploy/taskdef3.json', '''\
{{"containerDefinitions": [{{"name": "together-proxy", "image": "123.dkr.ecr.us-east-1.amazonaws.com/together-proxy@sha256:{_hex}",
  "secrets": [{{"name": "TOGETHER_API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123:parameter/together"}}]}}]}}
'''),
    ('decoy-sha256-file', 'dist/together-cli.tar.gz.sha256', '''\
{_hex}  together-cli.tar.gz
'''),
    ('decoy-k8s-env-digest-value', 'k8s/env-digest.yaml', '''\
env:
  - name: TOGETHER_BASE_URL
    value: https://api.together.xyz/v1
  - name: CONFIG_SHA256
    value: {_hex}
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef: {{name: together, key: api-key}}
'''),
    ('decoy-gitlab-variable-digest', '.gitlab/ci/vars.yml', '''\
variables:
  LLM_PROVIDER: together
  LLM_MODEL_SHA:
    value: "{_hex}"
    description: "model weights digest"
'''),
    ('decoy-toplevel-checksums', 'release.yaml', '''\
provider: together
checksums:
  - {_hex}
  - {_hex2}
'''),
    ('decoy-git-config-subsection-hash', 'config/gitcfg', '''\
[together "cache"]
\tkey = {_hex}
'''),
    ('decoy-code-comment-together-hash', 'app/pin.py', '''\
# Together AI
WHEEL_SHA256 = "{_hex}"
'''),
    ('decoy-markdown-key-fingerprint', 'docs/keys2.md', '''\
| Service | Key fingerprint |
|---------|-----------------|
| Together AI | `{_hex}` |
'''),
)


CASES = INFRA + CI + TOOLS + CODE + DATA + PLATFORMS + DECOYS + DECOYS_MORE

# Missed, and why (each left on purpose; the modes test leaves them out).
MISSED: dict[str, str] = {}

results, test_case = make_tests(CASES, MISSED)
