"""A twenty-fourth held-out probe (session 27), legacy keys only: 64
lowercase hex characters whose Together context is the STRUCTURE of a
provider configuration, as AI tooling and deployment write it, rather
than the key's own name.  LiteLLM's ``config.yaml`` (``model:
together_ai/...`` beside ``api_key:``), Continue's and Cursor's configs
(``provider: together``), OpenAI-compatible clients pointed at Together's
endpoint across lines (Python, TypeScript, Go ``option.WithBaseURL``,
Rust, Java), LangChain's ``ChatTogether``, LlamaIndex's ``TogetherLLM``,
the Vercel AI SDK's ``createTogetherAI``, .NET appsettings and
user-secrets, Spring YAML and properties, Terraform, Nix, Jsonnet, CUE,
Dhall, Pkl, EDN, INI, TOML tables, Helm values, Compose environment
lists, systemd units, nginx and Caddy proxies, Actions ``env:``, Ansible
vars, Go/C# struct literals.  Decoys of the same shapes: a sibling
provider's entry in a multi-provider config (the structure decides, not
proximity), pip-compile and lockfile hashes, image digests on Together's
registry, webhook secrets, checksums and encryption keys in Together
sections, a hex dataset id.  Written before any fix; what c9b0e3b0
missed is in ``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the twenty-fourth held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

SOURCE = key_cases(
    ('litellm-config-model-list', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama-3-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: {hex}
      rpm: 60
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
'''),
    ('litellm-config-multi-provider', 'proxy/litellm_config.yaml', '''\
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: "{hex}"
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Llama 3.1 405B
    provider: together
    model: meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo
    apiKey: {hex}
    roles:
      - chat
'''),
    ('continue-config-json', '.continue/config.json', '''\
{{
  "models": [
    {{
      "title": "Qwen Coder",
      "provider": "together",
      "model": "Qwen/Qwen2.5-Coder-32B-Instruct",
      "apiKey": "{hex}"
    }}
  ],
  "allowAnonymousTelemetry": false
}}
'''),
    ('aider-conf-openai-base', '.aider.conf.yml', '''\
## Use Together through its OpenAI-compatible API
openai-api-base: https://api.together.xyz/v1
openai-api-key: {hex}
model: openai/meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('cursor-settings-json', '.cursor/settings.json', '''\
{{
  "editor.fontSize": 13,
  "openai.baseUrl": "https://api.together.xyz/v1",
  "openai.apiKey": "{hex}"
}}
'''),
    ('python-openai-multiline', 'app/llm.py', '''\
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
    timeout=30,
)
'''),
    ('python-openai-key-first', 'scripts/bench.py', '''\
from openai import AsyncOpenAI

llm = AsyncOpenAI(
    api_key="{hex}",
    base_url="https://api.together.xyz/v1",
)
'''),
    ('ts-openai-object', 'src/lib/llm.ts', '''\
import OpenAI from "openai";

export const client = new OpenAI({{
  apiKey: "{hex}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('go-openai-options', 'internal/llm/client.go', '''\
package llm

import (
	"github.com/openai/openai-go"
	"github.com/openai/openai-go/option"
)

func New() openai.Client {{
	return openai.NewClient(
		option.WithBaseURL("https://api.together.xyz/v1"),
		option.WithAPIKey("{hex}"),
	)
}}
'''),
    ('rust-async-openai-config', 'src/llm.rs', '''\
use async_openai::{{config::OpenAIConfig, Client}};

pub fn client() -> Client<OpenAIConfig> {{
    let config = OpenAIConfig::new()
        .with_api_base("https://api.together.xyz/v1")
        .with_api_key("{hex}");
    Client::with_config(config)
}}
'''),
    ('java-openai-builder', 'src/main/java/com/acme/Llm.java', '''\
package com.acme;

final class Llm {{
    static OpenAIClient client() {{
        return OpenAIOkHttpClient.builder()
            .baseUrl("https://api.together.xyz/v1")
            .apiKey("{hex}")
            .build();
    }}
}}
'''),
    ('langchain-chat-together-named', 'notebooks/rag.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(
    model="meta-llama/Llama-3-70b-chat-hf",
    together_api_key="{hex}",
)
'''),
    ('langchain-chat-together-generic', 'app/chains.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    temperature=0,
    api_key="{hex}",
)
'''),
    ('llamaindex-together-llm', 'app/index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    api_key="{hex}",
)
'''),
    ('vercel-create-together-ai', 'src/ai.ts', '''\
import {{ createTogetherAI }} from "@ai-sdk/togetherai";

const together = createTogetherAI({{
  apiKey: "{hex}",
}});
'''),
    ('dotnet-appsettings-section', 'src/Api/appsettings.Development.json', '''\
{{
  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},
  "Together": {{
    "BaseUrl": "https://api.together.xyz/v1",
    "ApiKey": "{hex}"
  }}
}}
'''),
    ('dotnet-user-secrets-flat', 'src/Api/secrets.json', '''\
{{
  "ConnectionStrings:Default": "Server=.;Database=app;Trusted_Connection=True",
  "Together:ApiKey": "{hex}"
}}
'''),
    ('spring-yaml-openai-at-together', 'src/main/resources/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: {hex}
      chat:
        options:
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('spring-properties-together', 'src/main/resources/application.properties', '''\
server.port=8080
spring.ai.together.api-key={hex}
spring.ai.together.chat.options.model=meta-llama/Llama-3-8b-chat-hf
'''),
    ('terraform-provider-block', 'infra/main.tf', '''\
provider "together" {{
  api_key = "{hex}"
}}
'''),
    ('terraform-variable-default', 'infra/variables.tf', '''\
variable "together_api_key" {{
  type      = string
  sensitive = true
  default   = "{hex}"
}}
'''),
    ('nix-attrset-provider', 'nix/llm.nix', '''\
{{ config, pkgs, ... }}:
{{
  services.chatbot = {{
    enable = true;
    provider = "together";
    apiKey = "{hex}";
  }};
}}
'''),
    ('jsonnet-together-object', 'config/llm.jsonnet', '''\
{{
  providers: {{
    together: {{
      apiKey: '{hex}',
      model: 'meta-llama/Llama-3-70b-chat-hf',
    }},
  }},
}}
'''),
    ('cue-together-struct', 'config/llm.cue', '''\
package config

providers: together: {{
	api_key: "{hex}"
	model:   "meta-llama/Llama-3-70b-chat-hf"
}}
'''),
    ('dhall-together-record', 'config/llm.dhall', '''\
{{ together =
  {{ apiKey = "{hex}"
  , model = "meta-llama/Llama-3-70b-chat-hf"
  }}
}}
'''),
    ('pkl-together-object', 'config/llm.pkl', '''\
together {{
  apiKey = "{hex}"
  model = "meta-llama/Llama-3-70b-chat-hf"
}}
'''),
    ('edn-together-map', 'resources/config.edn', '''\
{{:llm {{:together {{:api-key "{hex}"
              :model "meta-llama/Llama-3-70b-chat-hf"}}}}}}
'''),
    ('ini-together-section', 'config/llm.ini', '''\
[default]
timeout = 30

[together]
api_key = {hex}
'''),
    ('toml-providers-together', 'config.toml', '''\
[providers.openai]
model = "gpt-4o"

[providers.together]
api_key = "{hex}"
model = "meta-llama/Llama-3-70b-chat-hf"
'''),
    ('helm-values-together', 'charts/chat/values.yaml', '''\
replicaCount: 2
llm:
  together:
    apiKey: {hex}
    model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('compose-environment-list', 'docker-compose.yml', '''\
services:
  api:
    image: acme/api:1.4
    environment:
      - LLM_PROVIDER=together
      - LLM_API_KEY={hex}
'''),
    ('systemd-environment-pair', 'deploy/chat.service', '''\
[Service]
ExecStart=/usr/bin/chat-api
Environment="OPENAI_BASE_URL=https://api.together.xyz/v1"
Environment="OPENAI_API_KEY={hex}"
'''),
    ('nginx-proxy-bearer', 'deploy/nginx/llm.conf', '''\
location /v1/ {{
    proxy_pass https://api.together.xyz;
    proxy_set_header Host api.together.xyz;
    proxy_set_header Authorization "Bearer {hex}";
}}
'''),
    ('caddy-reverse-proxy', 'deploy/Caddyfile', '''\
llm.example.com {{
	reverse_proxy https://api.together.xyz {{
		header_up Host api.together.xyz
		header_up Authorization "Bearer {hex}"
	}}
}}
'''),
    ('actions-env-openai-at-together', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      OPENAI_BASE_URL: https://api.together.xyz/v1
      OPENAI_API_KEY: {hex}
    steps:
      - run: python eval.py
'''),
    ('ansible-vars-llm-group', 'group_vars/all.yml', '''\
llm_provider: together
llm_model: meta-llama/Llama-3-70b-chat-hf
llm_api_key: "{hex}"
'''),
    ('go-struct-provider-literal', 'internal/config/providers.go', '''\
package config

var Providers = []Provider{{
	{{Name: "together", Key: "{hex}"}},
}}
'''),
    ('csharp-object-initializer', 'src/Api/Providers.cs', '''\
var provider = new ProviderOptions
{{
    Name = "together",
    ApiKey = "{hex}",
}};
'''),
)

DECOYS = key_cases(
    ('decoy-litellm-sibling-openai', 'litellm/proxy.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: os.environ/TOGETHER_API_KEY
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: {_hex}
'''),
    ('decoy-continue-sibling-anthropic', '.continue/config.json', '''\
{{
  "models": [
    {{"title": "Llama", "provider": "together", "model": "meta-llama/Llama-3-8b-chat-hf"}},
    {{"title": "Claude", "provider": "anthropic", "model": "claude-3-5-sonnet", "apiKey": "{_hex}"}}
  ]
}}
'''),
    ('decoy-toml-sibling-openai', 'config.toml', '''\
[providers.together]
model = "meta-llama/Llama-3-70b-chat-hf"

[providers.openai]
api_key = "{_hex}"
'''),
    ('decoy-ini-sibling-openai', 'config/llm.ini', '''\
[together]
model = meta-llama/Llama-3-70b-chat-hf

[openai]
api_key = {_hex}
'''),
    ('decoy-go-struct-sibling', 'internal/config/providers.go', '''\
package config

var Providers = []Provider{{
	{{Name: "together", Key: os.Getenv("TOGETHER_API_KEY")}},
	{{Name: "openai", Key: "{_hex}"}},
}}
'''),
    ('decoy-python-openai-other-host', 'app/clients.py', '''\
from openai import OpenAI

together = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])

openai_client = OpenAI(
    base_url="https://api.openai.com/v1",
    api_key="{_hex}",
)
'''),
    ('decoy-vercel-sibling-openai', 'src/ai.ts', '''\
const together = createTogetherAI({{ apiKey: process.env.TOGETHER_API_KEY }});
const openai = createOpenAI({{
  apiKey: "{_hex}",
}});
'''),
    ('decoy-spring-sibling-openai', 'src/main/resources/application.properties', '''\
spring.ai.together.base-url=https://api.together.xyz
spring.ai.openai.api-key={_hex}
'''),
    ('decoy-nginx-other-upstream', 'deploy/nginx/llm.conf', '''\
location /together/ {{
    proxy_pass https://api.together.xyz/;
}}

location /openai/ {{
    proxy_pass https://api.openai.com/;
    proxy_set_header Authorization "Bearer {_hex}";
}}
'''),
    ('decoy-pip-compile-hash', 'requirements.txt', '''\
together==1.2.3 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-requirements-one-line-hash', 'requirements-lock.txt', '''\
together==1.3.0 --hash=sha256:{_hex}
'''),
    ('decoy-compose-image-digest', 'docker-compose.yml', '''\
services:
  together:
    image: togethercomputer/inference@sha256:{_hex}
    environment:
      - TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('decoy-helm-image-digest', 'charts/chat/values.yaml', '''\
together:
  image:
    repository: togethercomputer/proxy
    digest: sha256:{_hex}
'''),
    ('decoy-ini-webhook-secret', 'config/llm.ini', '''\
[together]
api_key = ${{TOGETHER_API_KEY}}
webhook_secret = {_hex}
'''),
    ('decoy-appsettings-webhook-secret', 'src/Api/appsettings.json', '''\
{{
  "Together": {{
    "BaseUrl": "https://api.together.xyz/v1",
    "WebhookSecret": "{_hex}"
  }}
}}
'''),
    ('decoy-helm-checksum', 'charts/chat/values.yaml', '''\
together:
  model: meta-llama/Llama-3-70b-chat-hf
  checksum: {_hex}
'''),
    ('decoy-yaml-encryption-key', 'config/llm.yaml', '''\
together:
  base_url: https://api.together.xyz/v1
  encryption_key: {_hex}
'''),
    ('decoy-dotenv-webhook-secret', '.env', '''\
TOGETHER_BASE_URL=https://api.together.xyz/v1
TOGETHER_WEBHOOK_SECRET={_hex}
'''),
    ('decoy-dataset-id-hex', 'finetune/job.yaml', '''\
together:
  model: meta-llama/Meta-Llama-3.1-8B-Instruct-Reference
  training_file_sha256: {_hex}
'''),
    ('decoy-terraform-resource-sha', 'infra/files.tf', '''\
resource "together_file" "train" {{
  path   = "data/train.jsonl"
  sha256 = "{_hex}"
}}
'''),
    ('decoy-terraform-lock-hashes', 'infra/.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.2.0"
  hashes = [
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-nix-fetchurl-sha256', 'nix/together.nix', '''\
{{ fetchurl }}:
fetchurl {{
  url = "https://github.com/togethercomputer/together-python/archive/v1.2.3.tar.gz";
  sha256 = "{_hex}";
}}
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-actions-cache-key', '.github/workflows/ci.yml', '''\
jobs:
  test:
    env:
      TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
      CACHE_KEY: {_hex}
'''),
    ('decoy-ansible-together-checksum', 'group_vars/llm.yml', '''\
llm_provider: together
llm_api_key: "{{{{ vault_llm_api_key }}}}"
llm_bundle_sha256: "{_hex}"
'''),
    ('decoy-litellm-cache-key', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: os.environ/TOGETHER_API_KEY
litellm_settings:
  cache: true
  cache_params:
    type: redis
    namespace: {_hex}
'''),
)

# Written after the first run, from what it taught (the sibling decoys
# above passed only because Together's entry held no endpoint): a sibling
# provider's structure beside Together's endpoint, .NET's ``:``-parted
# keys, and shapes probed while fixing.  On c9b0e3b0 the seven sibling
# decoys and the .NET stage key were wrong.
PROBED = key_cases(
    ('probed-dotnet-colon-stage-key', 'src/Api/secrets.json', '''\
{{
  "Together:Prod:ApiKey": "{hex}"
}}
'''),
    ('probed-systemd-one-line-group', 'deploy/llm.service', '''\
[Service]
Environment=LLM_PROVIDER=together LLM_API_KEY={hex}
'''),
    ('probed-rust-struct-into', 'src/providers.rs', '''\
let p = ProviderConfig {{
    name: "together".into(),
    api_key: "{hex}".into(),
}};
'''),
    # (rv18: found on c9b0e3b0, missed by the sibling-provider rule: a
    # provider's structure whose enclosing section or parent names
    # Together as its endpoint or its provider; the YAML and JSON forms
    # are found again)
    ('probed-toml-subtable-of-pointed-openai', 'config.toml', '''\
[openai]
base_url = "https://api.together.xyz/v1"

[openai.auth]
api_key = "{hex}"
'''),
    ('probed-yaml-provider-field-over-openai', 'config.yaml', '''\
llm:
  provider: together
  openai:
    api_key: {hex}
'''),
    ('probed-json-provider-field-over-openai', 'config.json', '''\
{{"llm": {{"provider": "together", "openai": {{"api_key": "{hex}"}}}}}}
'''),
    ('probed-java-positional-provider', 'src/main/java/com/acme/P.java', '''\
class P {{
  Provider p = new Provider("together", "{hex}");
}}
'''),
    ('decoy-probed-toml-sibling-beside-endpoint', 'config.toml', '''\
[together]
base_url = "https://api.together.xyz/v1"

[openai]
api_key = "{_hex}"
'''),
    ('decoy-probed-yaml-sibling-beside-endpoint', 'src/main/resources/application.yml', '''\
spring:
  ai:
    together:
      base-url: https://api.together.xyz
    openai:
      api-key: {_hex}
'''),
    ('decoy-probed-helm-sibling', 'charts/llm/values.yaml', '''\
llm:
  together:
    baseUrl: https://api.together.xyz/v1
  anthropic:
    apiKey: {_hex}
'''),
    ('decoy-probed-hcl-sibling-provider', 'infra/providers.tf', '''\
provider "together" {{
  base_url = "https://api.together.xyz/v1"
}}

provider "openai" {{
  api_key = "{_hex}"
}}
'''),
    ('decoy-probed-nix-dotted-sibling', 'nix/llm.nix', '''\
{{
  services.llm.together.baseUrl = "https://api.together.xyz/v1";
  services.llm.openai.apiKey = "{_hex}";
}}
'''),
    ('decoy-probed-mods-sibling', '.config/mods/mods.yml', '''\
apis:
  together:
    base-url: https://api.together.xyz/v1
    api-key-env: TOGETHER_API_KEY
  groq:
    api-key: {_hex}
'''),
    ('decoy-probed-dotnet-colon-sibling', 'src/Api/secrets.json', '''\
{{
  "Together:BaseUrl": "https://api.together.xyz/v1",
  "OpenAI:ApiKey": "{_hex}"
}}
'''),
    ('decoy-probed-spring-signing-secret', 'src/main/resources/application.properties', '''\
together.api-key=${{TOGETHER_API_KEY}}
together.webhook.signing-secret={_hex}
'''),
    ('decoy-probed-python-client-no-endpoint', 'app/clients.py', '''\
together = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])
groq = OpenAI(api_key="{_hex}")
'''),
)

CASES = SOURCE + DECOYS + PROBED

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 25, (keys, decoys)
