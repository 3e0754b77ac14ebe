"""A held-out set of legacy keys (64 lowercase hex, no prefix) written
after looking at how real projects configure Together: coding-assistant
configs (continue.dev, aider, Roo/Cline, Zed), agent frameworks (Haystack,
Semantic Kernel, Spring AI, Vercel AI SDK, CrewAI), deployment files
(Helm, Terraform, ECS, Cloud Run, GitHub Actions), request collections
(Postman, Insomnia, .http files, Bruno), notebooks and logs, with the
Together context far from the key: a parent YAML key, a JSON sibling after
the key, a section header, another argument of the same call.

Not here, on purpose (docs/detection.md): a key printed by a command whose
output a notebook stores apart from its source (``!echo $TOGETHER_API_KEY``
in ``"source"``, the key alone in the cell's ``"outputs"``): the name and
the value are two fields of different objects, and a bare 64-hex output
line is what a ``sha256sum`` cell prints too."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    # -- coding assistants ------------------------------------------------
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: {hex}
    roles:
      - chat
      - edit
'''),
    ('continue-config-json-provider-after', '.continue/config.json', '''\
{{
  "models": [
    {{
      "title": "Qwen Coder",
      "apiKey": "{hex}",
      "model": "Qwen/Qwen2.5-Coder-32B-Instruct",
      "contextLength": 32768,
      "provider": "together"
    }}
  ],
  "allowAnonymousTelemetry": false
}}
'''),
    ('aider-conf-api-key-list', '.aider.conf.yml', '''\
model: together_ai/meta-llama/Llama-3-70b-chat-hf
api-key:
  - together_ai={hex}
auto-commits: false
'''),
    ('roo-cline-settings', '.vscode/settings.json', '''\
{{
  "editor.formatOnSave": true,
  "roo-cline.apiProvider": "openai",
  "roo-cline.openAiBaseUrl": "https://api.together.xyz/v1",
  "roo-cline.openAiApiKey": "{hex}",
  "roo-cline.openAiModelId": "deepseek-ai/DeepSeek-V3"
}}
'''),
    ('zed-settings', '.config/zed/settings.json', '''\
{{
  "language_models": {{
    "openai": {{
      "api_url": "https://api.together.xyz/v1",
      "available_models": [
        {{ "name": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "max_tokens": 131072 }}
      ]
    }}
  }},
  "openai_api_key": "{hex}"
}}
'''),
    # -- frameworks ---------------------------------------------------------
    ('haystack-secret-from-token', 'pipeline.py', '''\
from haystack.components.generators import OpenAIGenerator
from haystack.utils import Secret

generator = OpenAIGenerator(
    api_key=Secret.from_token("{hex}"),
    api_base_url="https://api.together.xyz/v1",
    model="meta-llama/Llama-3-8b-chat-hf",
)
'''),
    ('semantic-kernel-csharp', 'Program.cs', '''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    apiKey: "{hex}",
    endpoint: new Uri("https://api.together.xyz/v1"));
var kernel = builder.Build();
'''),
    ('vercel-ai-sdk-create', 'lib/ai.ts', '''\
import {{ createTogetherAI }} from '@ai-sdk/togetherai';

export const together = createTogetherAI({{
  apiKey: '{hex}',
}});
'''),
    ('spring-ai-yaml-nested', 'src/main/resources/application.yml', '''\
spring:
  application:
    name: chat
  ai:
    openai:
      api-key: {hex}
      chat:
        base-url: https://api.together.xyz
        options:
          model: meta-llama/Llama-3-70b-chat-hf
          temperature: 0.3
'''),
    ('spring-ai-properties', 'application.properties', '''\
server.port=8081
spring.ai.openai.api-key={hex}
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.chat.options.model=mistralai/Mixtral-8x7B-Instruct-v0.1
'''),
    ('crewai-llm', 'crew.py', '''\
from crewai import LLM

llm = LLM(
    model="together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    temperature=0.2,
    api_key="{hex}",
)
'''),
    ('langchain-js-together-ai', 'src/chain.ts', '''\
import {{ ChatTogetherAI }} from "@langchain/community/chat_models/togetherai";

const model = new ChatTogetherAI({{
  model: "mistralai/Mixtral-8x7B-Instruct-v0.1",
  temperature: 0,
  apiKey: "{hex}",
}});
'''),
    ('swift-macpaw-openai', 'Sources/App/Client.swift', '''\
let configuration = OpenAI.Configuration(
    token: "{hex}",
    host: "api.together.xyz",
    scheme: "https"
)
let client = OpenAI(configuration: configuration)
'''),
    ('ruby-openai-configure', 'config/initializers/openai.rb', '''\
OpenAI.configure do |config|
  config.access_token = "{hex}"
  config.uri_base = "https://api.together.xyz/"
  config.request_timeout = 240
end
'''),
    ('laravel-services-env-fallback', 'config/services.php', '''\
<?php

return [
    'together' => [
        'key' => env('TOGETHER_API_KEY', '{hex}'),
        'model' => env('TOGETHER_MODEL', 'meta-llama/Llama-3-8b-chat-hf'),
    ],
];
'''),
    ('django-settings-dict', 'mysite/settings.py', '''\
LLM_BACKENDS = {{
    "default": {{
        "BACKEND": "llm.backends.Together",
        "OPTIONS": {{
            "MODEL": "meta-llama/Llama-3-8b-chat-hf",
            "API_KEY": "{hex}",
        }},
    }},
}}
'''),
    ('clojure-edn', 'resources/config.edn', '''\
{{:llm {{:together {{:api-key "{hex}"
                   :model "meta-llama/Llama-3-8b-chat-hf"}}}}}}
'''),
    # -- context far from the key -------------------------------------------
    ('yaml-provider-after-long-block', 'config/llm.yaml', '''\
llm:
  api_key: {hex}
  params:
    temperature: 0.2
    max_tokens: 512
    top_p: 0.9
    stop:
      - "</s>"
      - "[INST]"
  provider: together
'''),
    ('json-base-url-after-nested', 'config/client.json', '''\
{{
  "apiKey": "{hex}",
  "retry": {{"attempts": 3, "backoff": 1.5}},
  "timeouts": {{"connect": 5, "read": 60}},
  "baseURL": "https://api.together.xyz/v1"
}}
'''),
    ('helm-values-grandparent', 'charts/chat/values.yaml', '''\
replicaCount: 2
llm:
  together:
    enabled: true
    model: meta-llama/Llama-3-70b-chat-hf
    auth:
      token: {hex}
  openai:
    enabled: false
'''),
    ('ini-section-far', 'setup.cfg', '''\
[metadata]
name = chatbot

[tool:llm.together]
model = meta-llama/Llama-3-8b-chat-hf
temperature = 0.7
max_tokens = 1024
stop = </s>
api_key = {hex}
'''),
    ('env-comment-heading', '.env', '''\
# --- Together AI ---
API_KEY={hex}
BASE_URL=https://api.together.xyz/v1
MODEL=meta-llama/Llama-3-8b-chat-hf
'''),
    ('python-dict-two-lines-above', 'providers.py', '''\
PROVIDERS = {{
    "together": {{
        "base": "https://api.together.xyz/v1",
        "headers": {{
            "Authorization": "Bearer {hex}",
        }},
    }},
}}
'''),
    ('ts-call-other-argument', 'src/llm.ts', '''\
const client = makeClient("https://api.together.xyz/v1", {{
  timeout: 30_000,
  apiKey: "{hex}",
}});
'''),
    # -- deployment -----------------------------------------------------------
    ('actions-job-env-generic', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      OPENAI_BASE_URL: https://api.together.xyz/v1
      OPENAI_API_KEY: {hex}
    steps:
      - uses: actions/checkout@v4
      - run: python eval.py
'''),
    ('terraform-secret-version', 'infra/secrets.tf', '''\
resource "aws_secretsmanager_secret" "together" {{
  name = "prod/llm/together"
}}

resource "aws_secretsmanager_secret_version" "together" {{
  secret_id     = aws_secretsmanager_secret.together.id
  secret_string = "{hex}"
}}
'''),
    ('ecs-task-definition-env', 'taskdef.json', '''\
{{
  "family": "chat",
  "containerDefinitions": [
    {{
      "name": "api",
      "image": "acme/chat:1.4.2",
      "environment": [
        {{"name": "LLM_BASE_URL", "value": "https://api.together.xyz/v1"}},
        {{"name": "TOGETHER_API_KEY", "value": "{hex}"}}
      ]
    }}
  ]
}}
'''),
    ('cloud-run-service-yaml', 'service.yaml', '''\
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - image: gcr.io/acme/chat
          env:
            - name: TOGETHER_API_KEY
              value: {hex}
'''),
    ('compose-args-list', 'docker-compose.yml', '''\
services:
  proxy:
    image: ghcr.io/berriai/litellm:main-latest
    command: ["--model", "together_ai/meta-llama/Llama-3-8b-chat-hf", "--api_key", "{hex}"]
'''),
    ('k8s-args-block-list', 'deploy/proxy.yaml', '''\
containers:
  - name: proxy
    image: ghcr.io/acme/llm-proxy:2.1
    args:
      - --upstream
      - https://api.together.xyz/v1
      - --api-key
      - {hex}
'''),
    # -- requests and collections ---------------------------------------------
    ('http-file-variables', 'requests/together.http', '''\
@baseUrl = https://api.together.xyz/v1
@token = {hex}

### List models
GET {{{{baseUrl}}}}/models
Authorization: Bearer {{{{token}}}}
'''),
    ('postman-collection-variable-far', 'together.postman_collection.json', '''\
{{
  "info": {{"name": "Together", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "auth": {{
    "type": "bearer",
    "bearer": [{{"key": "token", "value": "{hex}", "type": "string"}}]
  }},
  "item": [
    {{"name": "models", "request": {{"method": "GET", "url": "{{{{baseUrl}}}}/models"}}}},
    {{"name": "chat", "request": {{"method": "POST", "url": "{{{{baseUrl}}}}/chat/completions"}}}}
  ],
  "variable": [{{"key": "baseUrl", "value": "https://api.together.xyz/v1"}}]
}}
'''),
    ('insomnia-export', 'insomnia.json', '''\
{{
  "_type": "export",
  "resources": [
    {{
      "_type": "request",
      "name": "Chat",
      "method": "POST",
      "url": "https://api.together.xyz/v1/chat/completions",
      "authentication": {{"type": "bearer", "token": "{hex}", "prefix": ""}}
    }}
  ]
}}
'''),
    ('shell-history-curl', '.bash_history', '''\
cd ~/src/chat
curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}" | jq '.[0]'
git status
'''),
    ('php-print-r-env', 'storage/logs/debug.log', '''\
[2024-05-02 10:11:12] local.DEBUG: Array
(
    [APP_ENV] => local
    [TOGETHER_API_KEY] => {hex}
    [TOGETHER_MODEL] => meta-llama/Llama-3-8b-chat-hf
)
'''),
    ('python-repr-client', 'logs/run.log', '''\
DEBUG client=OpenAI(api_key='{hex}', base_url=URL('https://api.together.xyz/v1/'), max_retries=2)
'''),
    ('jetbrains-workspace-env-map', '.idea/workspace.xml', '''\
<component name="RunManager">
  <configuration name="chat" type="PythonConfigurationType">
    <envs>
      <env name="PYTHONUNBUFFERED" value="1" />
    </envs>
    <option name="ENV_VARIABLES">
      <map>
        <entry key="TOGETHER_API_KEY" value="{hex}" />
      </map>
    </option>
  </configuration>
</component>
'''),
    ('dotnet-user-secrets-openai-section', 'secrets.json', '''\
{{
  "OpenAI:Endpoint": "https://api.together.xyz/v1",
  "OpenAI:ApiKey": "{hex}",
  "OpenAI:Model": "meta-llama/Llama-3-8b-chat-hf"
}}
'''),
    ('keyring-set-password', 'setup_keys.py', '''\
import keyring

keyring.set_password("together", "api_key", "{hex}")
'''),
    ('terminal-echo-output', 'docs/troubleshooting.md', '''\
Check that the variable is set:

```console
$ echo $TOGETHER_API_KEY
{hex}
```
'''),
    ('tfvars-map', 'prod.auto.tfvars', '''\
llm_providers = {{
  together = {{
    endpoint = "https://api.together.xyz/v1"
    token    = "{hex}"
  }}
}}
'''),
    ('github-action-with-generic', '.github/workflows/review.yml', '''\
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/ai-review@v2
        with:
          provider: together
          model: Qwen/Qwen2.5-Coder-32B-Instruct
          api-key: {hex}
'''),
    ('go-struct-config', 'config.go', '''\
var cfg = Config{{
\tBaseURL: "https://api.together.xyz/v1",
\tAPIKey:  "{hex}",
\tModel:   "meta-llama/Llama-3-8b-chat-hf",
}}
'''),
    ('java-properties-map-style', 'llm.properties', '''\
llm.together.endpoint=https://api.together.xyz/v1
llm.together.key={hex}
'''),
    ('kotlin-named-together', 'App.kt', '''\
val together = TogetherClient(
    apiKey = "{hex}",
    timeout = 30.seconds,
)
'''),
    ('r-sys-setenv', 'analysis.R', '''\
Sys.setenv(TOGETHER_API_KEY = "{hex}")
library(ellmer)
chat <- chat_together()
'''),
    ('powershell-hashtable', 'profile.ps1', '''\
$headers = @{{
    "Authorization" = "Bearer {hex}"
    "Content-Type"  = "application/json"
}}
Invoke-RestMethod -Uri "https://api.together.xyz/v1/models" -Headers $headers
'''),
    # -- round two: agent memory, Hydra, configparser, chat UIs ------------
    ('mem0-config-dict', 'memory.py', '''\
config = {{
    "llm": {{
        "provider": "together",
        "config": {{
            "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
            "temperature": 0.2,
            "max_tokens": 2000,
            "api_key": "{hex}",
        }},
    }},
}}
m = Memory.from_config(config)
'''),
    ('mem0-config-yaml', 'mem0.yaml', '''\
llm:
  provider: together
  config:
    model: meta-llama/Llama-3-70b-chat-hf
    api_key: {hex}
embedder:
  provider: huggingface
'''),
    ('hydra-target', 'conf/llm/together.yaml', '''\
_target_: langchain_together.ChatTogether
model: meta-llama/Llama-3-70b-chat-hf
temperature: 0.0
api_key: {hex}
'''),
    ('configparser-set', 'write_config.py', '''\
config = configparser.ConfigParser()
config.add_section("together")
config.set("together", "api_key", "{hex}")
with open("settings.ini", "w") as f:
    config.write(f)
'''),
    ('lightrag-binding-env', '.env', '''\
LLM_BINDING=openai
LLM_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo
LLM_BINDING_HOST=https://api.together.xyz/v1
LLM_BINDING_API_KEY={hex}
'''),
    ('librechat-custom-endpoint', 'librechat.yaml', '''\
version: 1.1.4
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{hex}"
      baseURL: "https://api.together.xyz/v1/chat/completions"
      models:
        default: ["meta-llama/Llama-3-70b-chat-hf"]
        fetch: true
'''),
    ('open-webui-key-list', '.env', '''\
OPENAI_API_BASE_URLS="https://api.openai.com/v1;https://api.together.xyz/v1"
OPENAI_API_KEYS=sk-proj-notreal;{hex}
'''),
    ('heroku-app-json', 'app.json', '''\
{{
  "name": "chat",
  "env": {{
    "TOGETHER_API_KEY": {{
      "description": "Together AI key",
      "required": true,
      "value": "{hex}"
    }}
  }}
}}
'''),
    ('spring-value-default', 'src/main/java/Llm.java', '''\
@Value("${{together.api-key:{hex}}}")
private String apiKey;
'''),
    ('pulumi-config-set', 'deploy.sh', '''\
pulumi stack select prod
pulumi config set --secret together:apiKey {hex}
pulumi up --yes
'''),
    ('az-keyvault-set', 'setup.sh', '''\
az keyvault secret set --vault-name acme-kv --name together-api-key --value {hex}
'''),
    ('url-query-to-together', 'notes.txt', '''\
GET https://api.together.xyz/v1/models?api_key={hex}
'''),
    ('python-fstring-bearer-headers', 'client.py', '''\
BASE = "https://api.together.xyz/v1"
session = requests.Session()
session.headers["Authorization"] = f"Bearer {hex}"
resp = session.get(f"{{BASE}}/models")
'''),
    # -- round three: serverless, agents, editors ---------------------------
    ('terraform-lambda-env-group', 'infra/lambda.tf', '''\
resource "aws_lambda_function" "chat" {{
  function_name = "chat"
  runtime       = "python3.12"
  environment {{
    variables = {{
      LLM_ENDPOINT = "https://api.together.xyz/v1"
      LLM_KEY      = "{hex}"
    }}
  }}
}}
'''),
    ('go-setenv-pair', 'main_test.go', '''\
func TestMain(m *testing.M) {{
	os.Setenv("OPENAI_API_KEY", "{hex}")
	os.Setenv("OPENAI_BASE_URL", "https://api.together.xyz/v1")
	os.Exit(m.Run())
}}
'''),
    ('mcp-server-env', '.cursor/mcp.json', '''\
{{
  "mcpServers": {{
    "together": {{
      "command": "npx",
      "args": ["-y", "@acme/llm-mcp"],
      "env": {{
        "API_KEY": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('rust-async-openai-builder', 'src/llm.rs', '''\
let config = OpenAIConfig::new()
    .with_api_base("https://api.together.xyz/v1")
    .with_api_key("{hex}");
let client = Client::with_config(config);
'''),
    ('pydantic-ai-provider', 'agent.py', '''\
model = OpenAIModel(
    "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    provider=OpenAIProvider(
        base_url="https://api.together.xyz/v1",
        api_key="{hex}",
    ),
)
'''),
    ('autogen-oai-config-list', 'OAI_CONFIG_LIST', '''\
[
    {{
        "model": "meta-llama/Llama-3-70b-chat-hf",
        "api_key": "{hex}",
        "base_url": "https://api.together.xyz/v1"
    }}
]
'''),
    ('gitlab-ci-variable-map', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY:
    value: "{hex}"
    description: "Together key for the eval job"
'''),
    ('ansible-vault-plain', 'group_vars/all/vault.yml', '''\
vault_together_api_key: {hex}
vault_db_password: changeme
'''),
    ('codecompanion-lua', 'lua/plugins/ai.lua', '''\
require("codecompanion").setup({{
  adapters = {{
    together = function()
      return require("codecompanion.adapters").extend("openai_compatible", {{
        env = {{
          url = "https://api.together.xyz",
          api_key = "{hex}",
        }},
      }})
    end,
  }},
}})
'''),
    ('mem0-ts-config', 'src/memory.ts', '''\
const memory = new Memory({{
  llm: {{
    provider: "together",
    config: {{
      model: "meta-llama/Llama-3-70b-chat-hf",
      apiKey: "{hex}",
    }},
  }},
}});
'''),
    ('php-putenv', 'bootstrap.php', '''\
<?php
putenv("TOGETHER_API_KEY={hex}");
'''),
    ('ruby-env-fetch-default', 'config/llm.rb', '''\
TOGETHER_KEY = ENV.fetch("TOGETHER_API_KEY", "{hex}")
'''),
    ('ini-remote-quoted-section', '.llmconfig', '''\
[remote "together"]
\turl = https://api.together.xyz/v1
\ttoken = {hex}
'''),
)

results, test_case = make_tests(CASES)
