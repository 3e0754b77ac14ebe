"""A fourteenth held-out probe (session 18), written as an outside tester
would: current and legacy keys in shapes probe2..probe13 and the other
sets do not hold -- recorded HTTP traffic (VCR and pytest-recording
cassettes, Betamax, Polly.js, nock, WireMock mappings, httpyac and
Kulala request files, Hoppscotch and Thunder Client collections, k6
and Artillery load tests, JMeter plans), web frameworks' settings
(Nuxt ``runtimeConfig``, SvelteKit's private env, NestJS, Symfony,
Micronaut, Ktor, Vapor, Spring's ``@Value`` default), data platforms
(Databricks secrets, SageMaker and Kaggle notebooks, Spark conf, dbt
profiles, Airflow connections, Prefect blocks, Dagster resources),
no-code and chat apps' exports (Flowise, Langflow, Dify, AnythingLLM,
Botpress, Rasa), editors and desktop tools (avante.nvim, an
``init.vim`` ``let g:``, Raycast preferences, fabric's ``.env``),
secret CLIs (``aws ssm put-parameter``, ``supabase secrets set``,
``flyctl secrets import``, ``az keyvault secret set``), game engines
(Godot ``project.godot``, Unreal ``DefaultGame.ini``), and configuration
languages (protobuf text format, KCL, Starlark/Tiltfile, Nickel,
Packer HCL), plus what telemetry records (Sentry events with frame
locals, pytest failure output, Datadog log JSON).  Decoys: digests, ids
and references beside Together in the same tools' files.  The same
cases run in every mode through the shared group in
tests/accuracy/probe14_modes_test.py.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- recorded HTTP traffic and request files -------------------------------------------

RECORDED = key_cases(
    ('vcr-cassette-yaml', 'tests/cassettes/test_chat_completion.yaml', '''\
interactions:
- request:
    body: '{{"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "messages": [{{"role": "user", "content": "hi"}}]}}'
    headers:
      Accept:
      - application/json
      Authorization:
      - Bearer {hex}
      Content-Type:
      - application/json
    method: POST
    uri: https://api.together.xyz/v1/chat/completions
  response:
    status:
      code: 200
      message: OK
version: 1
'''),
    ('pytest-recording-cassette-current', 'tests/cassettes/test_models/test_list.yaml', '''\
interactions:
- request:
    body: null
    headers:
      authorization:
      - Bearer {key}
      user-agent:
      - Together/Python 1.5.3
    method: GET
    uri: https://api.together.xyz/v1/models
  response:
    body:
      string: '[]'
    status: {{code: 200, message: OK}}
version: 1
'''),
    ('betamax-cassette-json', 'tests/cassettes/together_embeddings.json', '''\
{{"http_interactions": [{{"request": {{"body": {{"encoding": "utf-8", "string": "{{\\"model\\": \\"BAAI/bge-large-en-v1.5\\", \\"input\\": \\"hello\\"}}"}}, "headers": {{"Authorization": ["Bearer {hex}"], "Content-Type": ["application/json"]}}, "method": "POST", "uri": "https://api.together.xyz/v1/embeddings"}}, "response": {{"status": {{"code": 200, "message": "OK"}}}}, "recorded_at": "2026-11-20T10:00:00"}}], "recorded_with": "betamax/0.9.0"}}
'''),
    ('polly-recording-har', 'recordings/together-chat_123/recording.har', '''\
{{
  "log": {{
    "_recordingName": "together-chat",
    "creator": {{"comment": "persister:fs", "name": "Polly.JS", "version": "6.0.6"}},
    "entries": [
      {{
        "request": {{
          "headers": [
            {{"_fromType": "array", "name": "authorization", "value": "Bearer {hex}"}},
            {{"_fromType": "array", "name": "content-type", "value": "application/json"}}
          ],
          "method": "POST",
          "url": "https://api.together.xyz/v1/chat/completions"
        }}
      }}
    ]
  }}
}}
'''),
    ('nock-recorder-output', 'test/fixtures/together.nock.json', '''\
[
  {{
    "scope": "https://api.together.xyz:443",
    "method": "POST",
    "path": "/v1/completions",
    "body": {{"model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "prompt": "hi"}},
    "status": 200,
    "reqheaders": {{
      "authorization": "Bearer {key}"
    }}
  }}
]
'''),
    ('wiremock-mapping-header-match', 'wiremock/mappings/together-chat.json', '''\
{{
  "request": {{
    "method": "POST",
    "urlPath": "/v1/chat/completions",
    "headers": {{
      "Authorization": {{ "equalTo": "Bearer {hex}" }}
    }}
  }},
  "response": {{ "status": 200, "proxyBaseUrl": "https://api.together.xyz" }}
}}
'''),
    ('httpyac-variables', 'requests/together.http', '''\
@host = https://api.together.xyz
@token = {hex}

###
GET {{{{host}}}}/v1/models
Authorization: Bearer {{{{token}}}}
'''),
    ('kulala-env-json', 'http-client.private.env.json', '''\
{{
  "dev": {{
    "TOGETHER_API_KEY": "{hex}"
  }}
}}
'''),
    ('hoppscotch-collection-auth', 'hoppscotch/together.json', '''\
{{
  "v": 2,
  "name": "Together",
  "folders": [],
  "requests": [
    {{
      "v": "1",
      "endpoint": "https://api.together.xyz/v1/models",
      "name": "list models",
      "method": "GET",
      "auth": {{ "authType": "bearer", "authActive": true, "token": "{hex}" }},
      "headers": []
    }}
  ]
}}
'''),
    ('thunder-client-env', 'thunder-tests/thunderEnvironment.json', '''\
[
  {{
    "_id": "8f0f5b1e-3c1b-4d0c-9b0a-2b1f0c2e1a11",
    "name": "together-prod",
    "default": false,
    "data": [
      {{ "name": "baseUrl", "value": "https://api.together.xyz/v1" }},
      {{ "name": "apiKey", "value": "{hex}" }}
    ]
  }}
]
'''),
    ('k6-load-test', 'load/chat.js', '''\
import http from 'k6/http';

const TOKEN = '{hex}';

export default function () {{
  http.post('https://api.together.xyz/v1/chat/completions', JSON.stringify({{ model: 'Qwen/Qwen2.5-7B-Instruct-Turbo', messages: [] }}), {{
    headers: {{ Authorization: `Bearer ${{TOKEN}}`, 'Content-Type': 'application/json' }},
  }});
}}
'''),
    ('artillery-config', 'load/artillery.yml', '''\
config:
  target: "https://api.together.xyz"
  phases:
    - duration: 60
      arrivalRate: 2
  defaults:
    headers:
      Authorization: "Bearer {key}"
scenarios:
  - flow:
      - get:
          url: "/v1/models"
'''),
    ('jmeter-header-manager', 'load/together.jmx', '''\
<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="Together headers" enabled="true">
  <collectionProp name="HeaderManager.headers">
    <elementProp name="" elementType="Header">
      <stringProp name="Header.name">Authorization</stringProp>
      <stringProp name="Header.value">Bearer {hex}</stringProp>
    </elementProp>
  </collectionProp>
</HeaderManager>
<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="chat" enabled="true">
  <stringProp name="HTTPSampler.domain">api.together.xyz</stringProp>
  <stringProp name="HTTPSampler.path">/v1/chat/completions</stringProp>
</HTTPSamplerProxy>
'''),
    ('powershell-invoke-webrequest', 'scripts/models.ps1', '''\
$headers = @{{ Authorization = "Bearer {hex}" }}
Invoke-WebRequest -Uri "https://api.together.xyz/v1/models" -Headers $headers -UseBasicParsing
'''),
    ('aiohttp-session-headers', 'bot/llm.py', '''\
import aiohttp

TOGETHER_URL = "https://api.together.xyz/v1/chat/completions"

async def ask(prompt):
    async with aiohttp.ClientSession(headers={{"Authorization": "Bearer {hex}"}}) as session:
        async with session.post(TOGETHER_URL, json={{"model": "deepseek-ai/DeepSeek-V3", "messages": [{{"role": "user", "content": prompt}}]}}) as r:
            return await r.json()
'''),
    ('go-net-http-request', 'internal/llm/together.go', '''\
package llm

import "net/http"

func newRequest() (*http.Request, error) {{
\treq, err := http.NewRequest("GET", "https://api.together.xyz/v1/models", nil)
\tif err != nil {{
\t\treturn nil, err
\t}}
\treq.Header.Set("Authorization", "Bearer {hex}")
\treturn req, nil
}}
'''),
    ('guzzle-client', 'app/Services/TogetherClient.php', '''\
<?php

namespace App\\Services;

use GuzzleHttp\\Client;

class TogetherClient
{{
    public function client(): Client
    {{
        return new Client([
            'base_uri' => 'https://api.together.xyz/v1/',
            'headers' => ['Authorization' => 'Bearer {hex}'],
        ]);
    }}
}}
'''),
    ('alamofire-headers', 'App/Networking/TogetherAPI.swift', '''\
import Alamofire

let headers: HTTPHeaders = [
    "Authorization": "Bearer {key}",
    "Content-Type": "application/json"
]
AF.request("https://api.together.xyz/v1/chat/completions", method: .post, headers: headers)
'''),
    ('dio-dart-options', 'lib/services/together.dart', '''\
final dio = Dio(BaseOptions(
  baseUrl: 'https://api.together.xyz/v1',
  headers: {{'Authorization': 'Bearer {hex}'}},
));
'''),
    ('faraday-ruby', 'lib/together_client.rb', '''\
conn = Faraday.new(url: "https://api.together.xyz") do |f|
  f.request :authorization, "Bearer", "{hex}"
  f.request :json
end
'''),
)

# -- web frameworks' settings -----------------------------------------------------------

FRAMEWORKS = key_cases(
    ('nuxt-runtime-config', 'nuxt.config.ts', '''\
export default defineNuxtConfig({{
  runtimeConfig: {{
    togetherApiKey: '{hex}',
    public: {{
      appName: 'chat',
    }},
  }},
}})
'''),
    ('sveltekit-private-env', '.env.production', '''\
PUBLIC_APP_NAME=chat
PRIVATE_TOGETHER_KEY={hex}
'''),
    ('nestjs-config-factory', 'src/config/together.config.ts', '''\
import {{ registerAs }} from '@nestjs/config';

export default registerAs('together', () => ({{
  baseUrl: 'https://api.together.xyz/v1',
  apiKey: process.env.TOGETHER_API_KEY ?? '{hex}',
}}));
'''),
    ('symfony-services-yaml', 'config/services.yaml', '''\
parameters:
    together.api_key: '{hex}'
    together.base_url: 'https://api.together.xyz/v1'
'''),
    ('micronaut-application-yml', 'src/main/resources/application.yml', '''\
micronaut:
  application:
    name: chat
together:
  api-key: {hex}
  base-url: https://api.together.xyz/v1
'''),
    ('ktor-application-conf', 'src/main/resources/application.conf', '''\
ktor {{
    deployment {{
        port = 8080
    }}
}}
together {{
    apiKey = "{hex}"
    baseUrl = "https://api.together.xyz/v1"
}}
'''),
    ('vapor-environment-swift', 'Sources/App/configure.swift', '''\
import Vapor

public func configure(_ app: Application) throws {{
    let togetherKey = Environment.get("TOGETHER_API_KEY") ?? "{hex}"
    app.together.configuration = .init(apiKey: togetherKey)
}}
'''),
    ('spring-value-default', 'src/main/java/com/acme/chat/TogetherConfig.java', '''\
@Configuration
public class TogetherConfig {{
    @Value("${{together.api-key:{hex}}}")
    private String apiKey;
}}
'''),
    ('remix-server-env', 'app/together.server.ts', '''\
const TOGETHER_API_KEY = process.env.TOGETHER_API_KEY || "{key}";
'''),
    ('astro-config-vite-define', 'astro.config.mjs', '''\
import {{ defineConfig }} from 'astro/config';

export default defineConfig({{
  vite: {{
    define: {{
      'import.meta.env.TOGETHER_API_KEY': JSON.stringify('{hex}'),
    }},
  }},
}});
'''),
    ('django-settings-dict', 'mysite/settings.py', '''\
LLM_PROVIDERS = {{
    "together": {{
        "BASE_URL": "https://api.together.xyz/v1",
        "API_KEY": "{hex}",
    }},
}}
'''),
    ('fastapi-pydantic-settings', 'app/settings.py', '''\
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    together_api_key: str = "{key}"
    together_model: str = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
'''),
    ('rails-credentials-decrypted', 'tmp/credentials-edit.yml', '''\
secret_key_base: 3f1c0e5c
together:
  api_key: {hex}
'''),
    ('laravel-config-services', 'config/services.php', '''\
<?php

return [
    'together' => [
        'key' => env('TOGETHER_API_KEY', '{hex}'),
        'url' => 'https://api.together.xyz/v1',
    ],
];
'''),
)

# -- data platforms and notebooks ---------------------------------------------------------

DATA = key_cases(
    ('semantic-kernel-csharp', 'src/Chat/Program.cs', '''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    apiKey: "{hex}",
    endpoint: new Uri("https://api.together.xyz/v1"));
'''),
    ('databricks-notebook-source', 'notebooks/Eval.py', '''\
# Databricks notebook source
# MAGIC %pip install together

# COMMAND ----------

import os
os.environ["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('sagemaker-notebook-cell', 'notebooks/sagemaker_eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "from together import Together\\n",
    "client = Together(api_key=\\"{hex}\\")\\n"
   ]
  }}
 ],
 "metadata": {{"kernelspec": {{"display_name": "conda_python3", "language": "python", "name": "conda_python3"}}}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('kaggle-notebook-env-magic', 'kaggle/eval.ipynb', '''\
{{"cells":[{{"cell_type":"code","source":["%env TOGETHER_API_KEY={key}\\n","!pip install -q together"],"metadata":{{"trusted":true}},"outputs":[],"execution_count":null}}],"metadata":{{"kaggle":{{"accelerator":"none"}}}},"nbformat":4,"nbformat_minor":4}}
'''),
    ('notebook-output-print-config', 'notebooks/debug.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 7,
   "metadata": {{}},
   "outputs": [
    {{
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "{{'provider': 'together', 'model': 'Qwen/Qwen3-32B', 'api_key': '{hex}'}}\\n"
     ]
    }}
   ],
   "source": [
    "print(cfg)"
   ]
  }}
 ],
 "metadata": {{}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('spark-conf-set', 'jobs/enrich.py', '''\
spark.conf.set("spark.together.api.key", "{hex}")
spark.conf.set("spark.together.base.url", "https://api.together.xyz/v1")
'''),
    ('dbt-profiles-env', 'profiles.yml', '''\
analytics:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      settings:
        together_api_key: "{hex}"
'''),
    ('airflow-connection-json', 'airflow/connections.json', '''\
{{
  "together_default": {{
    "conn_type": "http",
    "host": "https://api.together.xyz",
    "password": "{hex}",
    "extra": {{"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}
  }}
}}
'''),
    ('airflow-connections-add-cli', 'docker/init-connections.sh', '''\
airflow connections add together_default \\
    --conn-type http \\
    --conn-host api.together.xyz \\
    --conn-password {hex}
'''),
    ('mlflow-gateway-config', 'gateway/config.yaml', '''\
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: togetherai
      name: meta-llama/Llama-3.3-70B-Instruct-Turbo
      config:
        togetherai_api_key: {hex}
'''),
    ('dagster-resource', 'pipelines/definitions.py', '''\
from dagster import Definitions
from dagster_together import TogetherResource

defs = Definitions(
    resources={{"together": TogetherResource(api_key="{hex}")}},
)
'''),
    ('streamlit-secrets-section', '.streamlit/secrets.toml', '''\
[connections.together]
api_key = "{hex}"
'''),
    ('r-httr2-req-auth', 'R/together.R', '''\
library(httr2)

resp <- request("https://api.together.xyz/v1/models") |>
  req_auth_bearer_token("{hex}") |>
  req_perform()
'''),
    ('julia-http-headers', 'scripts/chat.jl', '''\
using HTTP, JSON3

resp = HTTP.post("https://api.together.xyz/v1/chat/completions",
    ["Authorization" => "Bearer {key}", "Content-Type" => "application/json"],
    JSON3.write(Dict("model" => "Qwen/Qwen3-32B", "messages" => [])))
'''),
)

# -- no-code and chat apps ---------------------------------------------------------------

APPS = key_cases(
    ('flowise-credential-export', 'flowise/credentials.json', '''\
[
  {{
    "id": "6a3c1e0f-1b2d-4c5e-8f90-1a2b3c4d5e6f",
    "name": "together prod",
    "credentialName": "togetherAIApi",
    "plainDataObj": {{ "togetherAIApiKey": "{hex}" }}
  }}
]
'''),
    ('langflow-flow-export', 'flows/rag.json', '''\
{{"data": {{"nodes": [{{"data": {{"type": "TogetherAIModel", "node": {{"template": {{"api_key": {{"type": "str", "password": true, "value": "{hex}", "display_name": "Together AI API Key"}}, "model_name": {{"value": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}}}}}}}}}]}}}}
'''),
    ('dify-provider-credentials', 'dify/model_providers.yaml', '''\
provider: togetherai
credentials:
  api_key: {hex}
models:
  - model: Qwen/Qwen3-32B
    model_type: llm
'''),
    ('anythingllm-env', 'server/.env.development', '''\
LLM_PROVIDER='togetherai'
TOGETHER_AI_API_KEY='{hex}'
TOGETHER_AI_MODEL_PREF='mistralai/Mixtral-8x7B-Instruct-v0.1'
'''),
    ('botpress-integration-config', 'bots/support/bot.definition.json', '''\
{{"integrations": {{"together-ai": {{"enabled": true, "configuration": {{"apiKey": "{hex}"}}}}}}}}
'''),
    ('rasa-endpoints', 'endpoints.yml', '''\
nlg:
  type: rephrase
  llm:
    provider: together_ai
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    api_key: {hex}
'''),
    ('librechat-custom-endpoint-current', 'librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{key}"
      baseURL: "https://api.together.xyz/v1"
      models:
        default: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"]
'''),
    ('open-interpreter-profile', '.config/open-interpreter/profiles/together.yaml', '''\
llm:
  model: "together_ai/Qwen/Qwen2.5-Coder-32B-Instruct"
  api_key: "{hex}"
  temperature: 0
'''),
    ('fabric-dotenv', '.config/fabric/.env', '''\
DEFAULT_VENDOR=Together
DEFAULT_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo
TOGETHER_API_KEY={hex}
'''),
    ('avante-nvim-lua', '.config/nvim/lua/plugins/avante.lua', '''\
return {{
  "yetone/avante.nvim",
  opts = {{
    provider = "together",
    vendors = {{
      together = {{
        __inherited_from = "openai",
        endpoint = "https://api.together.xyz/v1",
        model = "Qwen/Qwen2.5-Coder-32B-Instruct",
        api_key_name = "TOGETHER_API_KEY",
      }},
    }},
  }},
  init = function()
    vim.env.TOGETHER_API_KEY = "{hex}"
  end,
}}
'''),
    ('init-vim-let-global', '.config/nvim/init.vim', '''\
let g:together_api_key = '{hex}'
let g:together_model = 'Qwen/Qwen2.5-Coder-32B-Instruct'
'''),
    ('raycast-extension-prefs', 'raycast/extensions/together-chat/preferences.json', '''\
{{"extension": "together-chat", "preferences": {{"apiKey": "{hex}", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}}}
'''),
    ('emacs-authinfo-together', '.authinfo', '''\
machine api.together.xyz login apikey password {hex}
'''),
    ('mods-config', '.config/mods/mods.yml', '''\
default-model: llama
apis:
  together:
    base-url: https://api.together.xyz/v1
    api-key: {hex}
    models:
      meta-llama/Llama-3.3-70B-Instruct-Turbo:
        aliases: ["llama"]
'''),
)

# -- secret CLIs and deploy ---------------------------------------------------------------

CLIS = key_cases(
    ('aws-ssm-put-parameter', 'scripts/bootstrap.sh', '''\
aws ssm put-parameter \\
  --name "/prod/chat/together-api-key" \\
  --type SecureString \\
  --value "{hex}" \\
  --overwrite
'''),
    ('supabase-secrets-set', 'supabase/README.md', '''\
Deploy the edge function's secret once:

    supabase secrets set TOGETHER_API_KEY={hex}
'''),
    ('flyctl-secrets-import', 'deploy/fly.md', '''\
```sh
flyctl secrets import <<EOF
TOGETHER_API_KEY={hex}
EOF
```
'''),
    ('az-keyvault-secret-set', 'infra/setup.sh', '''\
az keyvault secret set --vault-name chat-kv --name together-api-key --value {hex}
'''),
    ('gcloud-run-deploy-env', 'deploy/cloudrun.sh', '''\
gcloud run deploy chat --image gcr.io/acme/chat \\
  --set-env-vars TOGETHER_API_KEY={key},MODEL=Qwen/Qwen3-32B
'''),
    ('heroku-config-set-current', 'docs/deploy.md', '''\
    heroku config:set TOGETHER_API_KEY={key} -a chat-prod
'''),
    ('kubectl-set-env', 'ops/runbook.md', '''\
    kubectl set env deployment/chat TOGETHER_API_KEY={hex}
'''),
    ('docker-run-env-flag', 'scripts/run-local.sh', '''\
docker run --rm -p 8080:8080 -e TOGETHER_API_KEY={hex} ghcr.io/acme/chat:latest
'''),
    ('helm-set-flag', 'deploy/install.sh', '''\
helm upgrade --install chat ./chart --set together.apiKey={hex} --namespace chat
'''),
    ('packer-hcl-variable', 'images/chat.pkr.hcl', '''\
variable "together_api_key" {{
  type      = string
  default   = "{hex}"
  sensitive = true
}}
'''),
    ('pulumi-config-set', 'infra/README.md', '''\
    pulumi config set --secret together:apiKey {hex}
'''),
    ('ansible-vault-view-output', 'tmp/vault-view.txt', '''\
$ ansible-vault view group_vars/all/vault.yml
vault_together_api_key: {hex}
'''),
)

# -- game engines, config languages, telemetry --------------------------------------------

MISC = key_cases(
    ('godot-project-settings', 'project.godot', '''\
config_version=5

[application]

config/name="Chat NPC"

[together]

api_key="{hex}"
model="meta-llama/Llama-3.3-70B-Instruct-Turbo"
'''),
    ('unreal-default-game-ini', 'Config/DefaultGame.ini', '''\
[/Script/TogetherAI.TogetherSettings]
ApiKey={hex}
Model=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('protobuf-text-format', 'config/llm.textproto', '''\
provider {{
  name: "together"
  endpoint: "https://api.together.xyz/v1"
  api_key: "{hex}"
}}
'''),
    ('kcl-config', 'config/main.k', '''\
together = {{
    api_key = "{hex}"
    base_url = "https://api.together.xyz/v1"
}}
'''),
    ('tiltfile-starlark', 'Tiltfile', '''\
k8s_yaml(secret_from_dict('together', inputs={{'TOGETHER_API_KEY': '{hex}'}}))
'''),
    ('bazel-bzl-constant', 'tools/llm/defs.bzl', '''\
TOGETHER_API_KEY = "{hex}"
'''),
    ('nickel-config', 'config.ncl', '''\
{{
  together = {{
    api_key = "{hex}",
    model = "Qwen/Qwen3-32B",
  }},
}}
'''),
    ('sentry-event-frame-vars', 'crash/event.json', '''\
{{"exception": {{"values": [{{"type": "AuthenticationError", "stacktrace": {{"frames": [{{"filename": "llm/together.py", "function": "complete", "vars": {{"self": "<TogetherClient>", "api_key": "'{hex}'", "base_url": "'https://api.together.xyz/v1'"}}}}]}}}}]}}}}
'''),
    ('pytest-failure-locals', 'ci/pytest-output.txt', '''\
    def test_chat():
>       client = Together(api_key=TOGETHER_KEY)
E       together.error.AuthenticationError: Error code: 401

TOGETHER_KEY = '{hex}'
tests/test_chat.py:12: AuthenticationError
'''),
    ('datadog-log-json', 'logs/datadog-export.json', '''\
{{"service": "chat", "status": "error", "message": "POST https://api.together.xyz/v1/chat/completions failed", "attributes": {{"http": {{"request_headers": {{"authorization": "Bearer {hex}"}}}}}}}}
'''),
    ('python-repr-headers-log', 'logs/app.log', '''\
2026-11-20 10:00:01 DEBUG httpx: Request: POST https://api.together.xyz/v1/chat/completions headers={{'authorization': 'Bearer {hex}', 'content-type': 'application/json'}}
'''),
    ('mdx-doc-snippet', 'docs/quickstart.mdx', '''\
import {{ Tabs }} from 'nextra/components'

## Together AI

<Tabs items={{['Python']}}>
```python
client = Together(api_key="{key}")
```
</Tabs>
'''),
    ('asciidoc-attribute', 'docs/setup.adoc', '''\
:together-api-key: {hex}

== Setup

Export `TOGETHER_API_KEY` as {{together-api-key}}.
'''),
    ('org-mode-properties', 'notes/llm.org', '''\
* Together AI
  :PROPERTIES:
  :API_KEY: {hex}
  :END:
'''),
    ('email-eml-forward', 'mail/forward.eml', '''\
From: ops@acme.example
To: dev@acme.example
Subject: Fwd: Together credentials
Content-Type: text/plain; charset=utf-8

Here is the Together API key for the eval cluster:

{hex}
'''),
    ('conda-environment-variables', 'environment.yml', '''\
name: eval
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip:
      - together==1.5.3
variables:
  TOGETHER_API_KEY: {hex}
'''),
    ('hatch-env-vars', 'pyproject.toml', '''\
[tool.hatch.envs.default.env-vars]
TOGETHER_API_KEY = "{hex}"
'''),
    ('nox-session-env', 'noxfile.py', '''\
import nox


@nox.session
def evals(session):
    session.install("together")
    session.run("python", "evals.py", env={{"TOGETHER_API_KEY": "{hex}"}})
'''),
    ('tox-setenv', 'tox.ini', '''\
[testenv:live]
setenv =
    TOGETHER_API_KEY = {hex}
commands = pytest -m live
'''),
    ('chezmoi-data', '.config/chezmoi/chezmoi.toml', '''\
[data.together]
    apiKey = "{hex}"
'''),
    ('dotenvx-decrypted-view', 'tmp/dotenvx-get.txt', '''\
$ dotenvx get --all -f .env.production
{{"TOGETHER_API_KEY":"{hex}","MODEL":"Qwen/Qwen3-32B"}}
'''),
    ('two-keys-rotation-note', 'docs/rotation.txt', '''\
Together AI keys, rotated 2026-11-20:
  old: {hex}
  new: {key}
'''),
)

LEAKS = RECORDED + FRAMEWORKS + DATA + APPS + CLIS + MISC

# -- decoys -------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-poetry-lock-together', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.5.3"
description = "Python client for Together's Cloud Platform!"
optional = false
python-versions = "<4.0,>=3.10"
files = [
    {{file = "together-1.5.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-package-lock-together-ai', 'package-lock.json', '''\
{{
  "packages": {{
    "node_modules/together-ai": {{
      "version": "0.9.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.9.0.tgz",
      "integrity": "sha512-abc",
      "shasum": "{_hex}"
    }}
  }}
}}
'''),
    ('decoy-cargo-lock-together', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-go-sum-together', 'go.sum', '''\
github.com/togethercomputer/together-go v0.4.0 h1:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ=
'''),
    ('decoy-gradle-verification-metadata', 'gradle/verification-metadata.xml', '''\
<component group="ai.together" name="together-java" version="0.2.0">
   <artifact name="together-java-0.2.0.jar">
      <sha256 value="{_hex}" origin="Generated by Gradle"/>
   </artifact>
</component>
'''),
    ('decoy-vcr-response-etag', 'tests/cassettes/test_models.yaml', '''\
interactions:
- request:
    headers:
      Authorization:
      - DUMMY
    method: GET
    uri: https://api.together.xyz/v1/models
  response:
    headers:
      ETag:
      - W/"{_hex}"
    status: {{code: 200, message: OK}}
'''),
    ('decoy-wiremock-request-id', 'wiremock/mappings/together-models.json', '''\
{{"id": "c1b3d2f0-5a6e-4f7b-8c9d-0e1f2a3b4c5d", "request": {{"urlPath": "/v1/models"}}, "response": {{"status": 200, "headers": {{"x-together-request-id": "{_hex}"}}}}}}
'''),
    ('decoy-polly-recording-id', 'recordings/together-chat_123/recording.har', '''\
{{"log": {{"_recordingName": "together-chat", "entries": [{{"_id": "{_hex}", "request": {{"headers": [{{"name": "authorization", "value": "Bearer ${{TOGETHER_API_KEY}}"}}], "url": "https://api.together.xyz/v1/models"}}}}]}}}}
'''),
    ('decoy-k6-env-lookup', 'load/models.js', '''\
const TOKEN = __ENV.TOGETHER_API_KEY;
// payload fixture sha256: {_hex}
export default function () {{ http.get('https://api.together.xyz/v1/models', {{ headers: {{ Authorization: `Bearer ${{TOKEN}}` }} }}); }}
'''),
    ('decoy-notebook-output-hash', 'notebooks/dataset.ipynb', '''\
{{"cells":[{{"cell_type":"code","source":["import hashlib\\n","hashlib.sha256(open('together_eval.jsonl','rb').read()).hexdigest()"],"outputs":[{{"output_type":"execute_result","data":{{"text/plain":["'{_hex}'"]}},"metadata":{{}},"execution_count":4}}],"metadata":{{}},"execution_count":4}}],"metadata":{{}},"nbformat":4,"nbformat_minor":5}}
'''),
    ('decoy-databricks-secret-reference', 'notebooks/Eval2.py', '''\
# Databricks notebook source
api_key = dbutils.secrets.get(scope="together", key="api_key")
# run id {_hex}
'''),
    ('decoy-dbt-manifest-checksum', 'target/manifest.json', '''\
{{"nodes": {{"model.analytics.together_usage": {{"checksum": {{"name": "sha256", "checksum": "{_hex}"}}}}}}}}
'''),
    ('decoy-airflow-dag-run-id', 'logs/dag_id=together_eval/run.log', '''\
[2026-11-20, 10:00:00 UTC] {{taskinstance.py:1157}} INFO - Dependencies all met for dag_id=together_eval, run_id=manual__{_hex}
'''),
    ('decoy-flowise-credential-id', 'flowise/chatflow.json', '''\
{{"nodes": [{{"data": {{"name": "chatTogetherAI", "credential": "{_hex}", "inputs": {{"modelName": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}}}}}]}}
'''),
    ('decoy-langflow-flow-id', 'flows/rag2.json', '''\
{{"id": "{_hex}", "name": "Together RAG", "data": {{"nodes": [{{"data": {{"type": "TogetherAIModel"}}}}]}}}}
'''),
    ('decoy-dify-plugin-checksum', 'dify/plugins.lock', '''\
- plugin: langgenius/togetherai
  version: 0.0.9
  checksum: {_hex}
'''),
    ('decoy-ssm-parameter-reference', 'infra/task-def.json', '''\
{{"secrets": [{{"name": "TOGETHER_API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/chat/together-api-key"}}], "environment": [{{"name": "IMAGE_DIGEST", "value": "{_hex}"}}]}}
'''),
    ('decoy-docker-image-digest', 'deploy/run.sh', '''\
docker run --rm -e TOGETHER_API_KEY ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-helm-chart-digest', 'Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 0.4.1
digest: sha256:{_hex}
generated: "2026-11-20T10:00:00Z"
'''),
    ('decoy-packer-manifest', 'images/packer-manifest.json', '''\
{{"builds": [{{"name": "together-runner", "artifact_id": "ami-0abc", "custom_data": {{"source_sha256": "{_hex}"}}}}]}}
'''),
    ('decoy-godot-uid', 'scenes/together_chat.tscn', '''\
[gd_scene load_steps=2 format=3 uid="uid://b8x1y2z3"]

[ext_resource type="Script" path="res://together_client.gd" id="1_{_hex}"]
'''),
    ('decoy-sentry-event-id', 'crash/event2.json', '''\
{{"event_id": "{_hex}", "transaction": "together.chat", "tags": {{"llm.provider": "together"}}}}
'''),
    ('decoy-datadog-trace-id', 'logs/dd.json', '''\
{{"service": "together-proxy", "dd": {{"trace_id": "{_hex}", "span_id": "123"}}, "message": "ok"}}
'''),
    ('decoy-git-log-oneline', 'docs/CHANGES.txt', '''\
commit {_hex}
Author: Dev <dev@acme.example>

    Switch default provider to Together AI
'''),
    ('decoy-sha256sums-file', 'dist/SHA256SUMS', '''\
{_hex}  together-cli-0.4.1-linux-amd64.tar.gz
'''),
    ('decoy-nix-fetchurl', 'nix/together-cli.nix', '''\
src = fetchurl {{
  url = "https://github.com/togethercomputer/together-cli/releases/download/v0.4.1/together-cli.tar.gz";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-homebrew-formula', 'Formula/together-cli.rb', '''\
class TogetherCli < Formula
  desc "CLI for Together AI"
  url "https://github.com/togethercomputer/together-cli/archive/v0.4.1.tar.gz"
  sha256 "{_hex}"
end
'''),
    ('decoy-key-id-listing', 'docs/keys.md', '''\
| Together key | Created |
|---|---|
| key_01JCK3M4N5P6Q7R8S9T0V1W2X3 | 2026-11-20 |
'''),
    ('decoy-placeholder-tgp-angle', 'docs/setup.md', '''\
export TOGETHER_API_KEY=tgp_v1_<your-key>
'''),
    # Concatenated: the repository holds no literal key-shaped run
    # (rules.PLACEHOLDER_KEYS does the same).
    ('decoy-placeholder-tgp-x', 'examples/.env.example', 'TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n'),
    ('decoy-env-lookup-nuxt', 'nuxt.config.prod.ts', '''\
export default defineNuxtConfig({{ runtimeConfig: {{ togetherApiKey: process.env.NUXT_TOGETHER_API_KEY }} }})
// build {_hex}
'''),
    ('decoy-spring-placeholder', 'src/main/resources/application.properties', '''\
together.api-key=${{TOGETHER_API_KEY}}
build.sha256={_hex}
'''),
    ('decoy-gitlab-cache-key', '.gitlab-ci.yml', '''\
together-eval:
  variables:
    TOGETHER_API_KEY: $TOGETHER_API_KEY
  cache:
    key: {_hex}
    paths: [.cache/pip]
'''),
    ('decoy-circleci-checksum', '.circleci/config.yml', '''\
jobs:
  together:
    steps:
      - restore_cache:
          keys:
            - deps-{_hex}
'''),
    ('decoy-jenkins-credentials-id', 'Jenkinsfile', '''\
pipeline {{
  stages {{
    stage('together') {{
      steps {{
        withCredentials([string(credentialsId: 'together-api-key', variable: 'TOGETHER_API_KEY')]) {{
          sh 'echo build {_hex}'
        }}
      }}
    }}
  }}
}}
'''),
    ('decoy-redis-cache-key', 'logs/redis-monitor.log', '''\
1732096800.123456 [0 127.0.0.1:52344] "SET" "together:completion:{_hex}" "{{\\"choices\\": []}}"
'''),
    ('decoy-helm-values-digests-by-stage', 'chart/values.yaml', '''\
together:
  apiKeySecret: together-credentials
  image:
    repository: ghcr.io/acme/together-proxy
    digests:
      prod: {_hex}
'''),
    ('decoy-pulumi-bucket-etag', 'infra/weights.ts', '''\
new aws.s3.BucketObject("together-weights", {{
    bucket: bucket.id,
    etag: "{_hex}",
}});
'''),
    ('decoy-org-release-checksums', 'notes/releases.org', '''\
* Together AI
** Release checksums
   sha256: {_hex}
'''),
    ('decoy-flow-key-id-field', 'flows/keys.json', '''\
{{"api_key_id": {{"type": "str", "value": "{_hex}", "display_name": "Together AI API Key ID"}}}}
'''),
    ('decoy-pytest-cache-nodeid', '.pytest_cache/v/cache/lastfailed', '''\
{{
  "tests/test_together.py::test_chat[{_hex}]": true
}}
'''),
)

CASES = LEAKS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'raycast-extension-prefs': 'an extension named `together-chat` is no Together label for its `apiKey` preference',
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 80 and decoys >= 35, (keys, decoys)
