"""An outside tester's held-out set (session 35, outside35): written before
reading the detection rules, weighted toward what the earlier outside
sets lacked.

AI-app code that reaches Together through other SDKs and tools (the
OpenAI SDK in five languages with Together's base URL, LangChain,
LlamaIndex, LiteLLM and its proxy config, the Vercel AI SDK, Haystack,
DSPy, CrewAI, AutoGen, Instructor, Pydantic AI, Semantic Kernel,
langchain4j, Spring AI, promptfoo, Portkey, n8n; Continue, Aider, Open
WebUI, LibreChat and MCP server configs; notebooks whose outputs echo the
key, Colab, Gradio, Streamlit, FastAPI settings with ``SecretStr``),
infrastructure (tfvars, Terraform variables and state, Helm values,
Argo CD, GitHub Actions, GitLab, CircleCI, docker-compose in list and map
form, Dockerfile ``ENV``/``ARG``, ConfigMaps, Kustomize, ECS, SAM,
devcontainers), docs (markdown tables, reStructuredText, AsciiDoc, org
mode, a blog draft, a chat export), data (CSV, SQL and ``pg_dump``
dumps, JSONL fine-tuning files in Together's formats, a hand-built
Parquet file, SQLite, Django fixtures, mongoexport), logs (``curl -v``,
``http.client`` debug, HAR, ``kubectl describe``, ``docker inspect``,
Sentry), shell (histories, rc files, fish, PowerShell, cmd, nushell,
tcsh, .netrc).  Decoys an outsider uses against false positives:
references in each tool's syntax, placeholders, docs of the key format,
obviously fake keys, lockfile and model-weight digests beside Together's
names (Cargo, conda-lock, Bundler, Terraform's lock, git-lfs pointers),
another provider's key shaped like a legacy key beside Together's models.

Measured at 1c5f10cf before any change (docs/detection.md, "Session 35
(outside35)").  The templates are outside34's (``T``, ``B``, ``W``): a
``⟦key⟧`` is a current key, ``⟦hex⟧`` a legacy key, each expected;
``⟦_name⟧`` is made but not expected.  Every mode a key reaches the
scanner runs in ``outside35_modes_test.py``.
"""
from __future__ import annotations

import json
import sqlite3
import struct
import tempfile

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.outside34_test import _nb
from tests.accuracy.outside34_test import B
from tests.accuracy.outside34_test import T

_URL = 'https://api.together.xyz/v1'

# --- AI apps through other SDKs and tools ----------------------------------------------------------

SDKS = [
    T('openai-py-base-url-legacy', 'app/llm.py', f'''\
from openai import OpenAI

client = OpenAI(base_url="{_URL}", api_key="⟦hex⟧")
resp = client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=msgs)
'''),
    T('openai-py-async-current', 'app/async_llm.py', f'''\
import openai

aclient = openai.AsyncOpenAI(
    api_key="⟦key⟧",
    base_url="{_URL}",
)
'''),
    T('openai-node-baseurl-legacy', 'web/lib/llm.js', f'''\
import OpenAI from "openai";

const client = new OpenAI({{
  apiKey: "⟦hex⟧",
  baseURL: "{_URL}",
}});
export default client;
'''),
    T('openai-go-config-legacy', 'cmd/chat/main.go', f'''\
package main

import openai "github.com/sashabaranov/go-openai"

func newClient() *openai.Client {{
\tconfig := openai.DefaultConfig("⟦hex⟧")
\tconfig.BaseURL = "{_URL}"
\treturn openai.NewClientWithConfig(config)
}}
'''),
    T('async-openai-rust-legacy', 'src/llm.rs', f'''\
use async_openai::{{config::OpenAIConfig, Client}};

pub fn client() -> Client<OpenAIConfig> {{
    let config = OpenAIConfig::new()
        .with_api_key("⟦hex⟧")
        .with_api_base("{_URL}");
    Client::with_config(config)
}}
'''),
    T('ruby-openai-uri-base-legacy', 'config/initializers/openai.rb', '''\
OpenAI.configure do |config|
  config.access_token = "⟦hex⟧"
  config.uri_base = "https://api.together.xyz/"
end
'''),
    T('openai-php-factory-legacy', 'app/Services/Llm.php', '''\
<?php
$client = OpenAI::factory()
    ->withApiKey('⟦hex⟧')
    ->withBaseUri('api.together.xyz/v1')
    ->make();
'''),
    T('langchain-chattogether-current', 'app/chain.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(
    model="meta-llama/Llama-3-70b-chat-hf",
    api_key="⟦key⟧",
    temperature=0,
)
'''),
    T('langchain-together-llm-legacy', 'app/completion.py', '''\
from langchain_together import Together

llm = Together(model="mistralai/Mixtral-8x7B-Instruct-v0.1", together_api_key="⟦hex⟧", max_tokens=256)
'''),
    T('langchain-chatopenai-base-legacy', 'app/agent.py', f'''\
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    model="Qwen/Qwen2.5-72B-Instruct-Turbo",
    openai_api_key="⟦hex⟧",
    openai_api_base="{_URL}",
)
'''),
    T('langchainjs-chattogether-current', 'web/src/chain.ts', '''\
import { ChatTogetherAI } from "@langchain/community/chat_models/togetherai";

const model = new ChatTogetherAI({
  apiKey: "⟦key⟧",
  model: "meta-llama/Llama-3-70b-chat-hf",
});
'''),
    T('llamaindex-togetherllm-legacy', 'rag/index.py', '''\
from llama_index.llms.together import TogetherLLM
from llama_index.core import Settings

Settings.llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")
'''),
    T('llamaindex-embedding-current', 'rag/embed.py', '''\
from llama_index.embeddings.together import TogetherEmbedding

embed_model = TogetherEmbedding(model_name="togethercomputer/m2-bert-80M-8k-retrieval", api_key="⟦key⟧")
'''),
    T('llamaindex-openailike-legacy', 'rag/llm.py', f'''\
from llama_index.llms.openai_like import OpenAILike

llm = OpenAILike(model="meta-llama/Llama-3-8b-chat-hf", api_base="{_URL}", api_key="⟦hex⟧", is_chat_model=True)
'''),
    T('litellm-completion-legacy', 'app/router.py', '''\
import litellm

response = litellm.completion(
    model="together_ai/meta-llama/Llama-3-8b-chat-hf",
    messages=[{"role": "user", "content": "hi"}],
    api_key="⟦hex⟧",
)
'''),
    T('litellm-router-model-list-legacy', 'app/boot.py', '''\
from litellm import Router

router = Router(model_list=[
    {"model_name": "llama", "litellm_params": {"model": "together_ai/meta-llama/Llama-3-8b-chat-hf", "api_key": "⟦hex⟧"}},
])
'''),
    T('litellm-proxy-config-legacy', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama-3-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: ⟦hex⟧
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: os.environ/TOGETHERAI_API_KEY
general_settings:
  master_key: sk-1234
'''),
    T('litellm-proxy-config-current', 'proxy/litellm_config.yaml', '''\
model_list:
  - model_name: qwen
    litellm_params:
      model: together_ai/Qwen/Qwen2.5-72B-Instruct-Turbo
      api_key: "⟦key⟧"
'''),
    T('vercel-ai-create-legacy', 'web/app/api/chat/route.ts', '''\
import { createTogetherAI } from "@ai-sdk/togetherai";
import { streamText } from "ai";

const together = createTogetherAI({ apiKey: "⟦hex⟧" });

export async function POST(req: Request) {
  const { messages } = await req.json();
  return streamText({ model: together("meta-llama/Llama-3.3-70B-Instruct-Turbo"), messages }).toDataStreamResponse();
}
'''),
    T('vercel-ai-env-local-current', 'web/.env.local', '''\
TOGETHER_AI_API_KEY=⟦key⟧
NEXT_PUBLIC_APP_URL=http://localhost:3000
'''),
    T('vercel-ai-openai-compatible-legacy', 'web/lib/provider.ts', f'''\
import {{ createOpenAICompatible }} from "@ai-sdk/openai-compatible";

export const together = createOpenAICompatible({{
  name: "together",
  apiKey: "⟦hex⟧",
  baseURL: "{_URL}",
}});
'''),
    T('haystack-secret-token-legacy', 'pipelines/gen.py', f'''\
from haystack.components.generators import OpenAIGenerator
from haystack.utils import Secret

generator = OpenAIGenerator(
    api_key=Secret.from_token("⟦hex⟧"),
    api_base_url="{_URL}",
    model="meta-llama/Llama-3-8b-chat-hf",
)
'''),
    T('dspy-lm-legacy', 'programs/rag.py', '''\
import dspy

lm = dspy.LM("together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", api_key="⟦hex⟧")
dspy.configure(lm=lm)
'''),
    T('crewai-llm-legacy', 'crew/agents.py', f'''\
from crewai import Agent, LLM

llm = LLM(model="together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", base_url="{_URL}", api_key="⟦hex⟧")
researcher = Agent(role="Researcher", goal="Find facts", backstory="...", llm=llm)
'''),
    T('crewai-env-current', 'crew/.env', '''\
MODEL=together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
TOGETHERAI_API_KEY=⟦key⟧
'''),
    T('autogen-oai-config-list-legacy', 'agents/OAI_CONFIG_LIST', f'''\
[
    {{
        "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "api_key": "⟦hex⟧",
        "base_url": "{_URL}",
        "api_type": "together"
    }}
]
'''),
    T('autogen-config-list-py-legacy', 'agents/team.py', '''\
config_list = [
    {
        "model": "meta-llama/Llama-3-70b-chat-hf",
        "api_key": "⟦hex⟧",
        "api_type": "together",
        "stream": False,
    }
]
llm_config = {"config_list": config_list, "cache_seed": 42}
'''),
    T('instructor-from-openai-legacy', 'extract/models.py', f'''\
import instructor
from openai import OpenAI

client = instructor.from_openai(OpenAI(base_url="{_URL}", api_key="⟦hex⟧"), mode=instructor.Mode.TOOLS)
'''),
    T('pydantic-ai-provider-legacy', 'agent/main.py', '''\
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIModel
from pydantic_ai.providers.together import TogetherProvider

model = OpenAIModel("meta-llama/Llama-3.3-70B-Instruct-Turbo", provider=TogetherProvider(api_key="⟦hex⟧"))
agent = Agent(model)
'''),
    T('semantic-kernel-csharp-legacy', 'src/Kernel/Setup.cs', f'''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3-70b-chat-hf",
    apiKey: "⟦hex⟧",
    endpoint: new Uri("{_URL}"));
'''),
    T('langchain4j-builder-legacy', 'src/main/java/app/Llm.java', f'''\
ChatLanguageModel model = OpenAiChatModel.builder()
        .baseUrl("{_URL}")
        .apiKey("⟦hex⟧")
        .modelName("meta-llama/Llama-3-8b-chat-hf")
        .build();
'''),
    T('spring-ai-properties-legacy', 'src/main/resources/application.properties', '''\
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key=⟦hex⟧
spring.ai.openai.chat.options.model=meta-llama/Llama-3-8b-chat-hf
'''),
    T('promptfoo-provider-legacy', 'evals/promptfooconfig.yaml', '''\
description: Together eval
providers:
  - id: togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: ⟦hex⟧
      temperature: 0
prompts:
  - "Answer: {{question}}"
'''),
    T('portkey-config-legacy', 'gateway/portkey.json', '''\
{"strategy": {"mode": "fallback"}, "targets": [{"provider": "together-ai", "api_key": "⟦hex⟧", "override_params": {"model": "meta-llama/Llama-3-8b-chat-hf"}}]}
'''),
    T('n8n-credential-export-legacy', 'n8n/credentials.json', f'''\
[{{"id": "7", "name": "Together AI", "type": "openAiApi", "data": {{"apiKey": "⟦hex⟧", "url": "{_URL}"}}}}]
'''),
    T('continue-config-json-legacy', '.continue/config.json', '''\
{
  "models": [
    {
      "title": "Llama 3 70B",
      "provider": "together",
      "model": "meta-llama/Llama-3-70b-chat-hf",
      "apiKey": "⟦hex⟧"
    }
  ],
  "tabAutocompleteModel": {"title": "Starcoder", "provider": "ollama", "model": "starcoder2:3b"}
}
'''),
    T('goose-config-openai-host-legacy', 'dotfiles/goose/config.yaml', '''\
GOOSE_PROVIDER: openai
GOOSE_MODEL: meta-llama/Llama-3.3-70B-Instruct-Turbo
OPENAI_HOST: https://api.together.xyz
OPENAI_BASE_PATH: v1/chat/completions
OPENAI_API_KEY: ⟦hex⟧
'''),
    T('aider-conf-yml-legacy', '.aider.conf.yml', f'''\
model: openai/Qwen/Qwen2.5-Coder-32B-Instruct
openai-api-base: {_URL}
openai-api-key: ⟦hex⟧
auto-commits: false
'''),
    T('aider-api-key-list-legacy', 'home/.aider.conf.yml', '''\
api-key:
  - togetherai=⟦hex⟧
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
'''),
    T('open-webui-docker-run-legacy', 'scripts/webui.sh', f'''\
#!/bin/sh
docker run -d -p 3000:8080 \\
  -e OPENAI_API_BASE_URL={_URL} \\
  -e OPENAI_API_KEY=⟦hex⟧ \\
  -v open-webui:/app/backend/data --name open-webui ghcr.io/open-webui/open-webui:main
'''),
    T('librechat-custom-endpoint-legacy', 'librechat.yaml', f'''\
version: 1.1.4
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "⟦hex⟧"
      baseURL: "{_URL}"
      models:
        default: ["meta-llama/Llama-3-70b-chat-hf"]
'''),
    T('mcp-server-env-current', '.cursor/mcp.json', '''\
{
  "mcpServers": {
    "together-image": {
      "command": "npx",
      "args": ["-y", "together-mcp"],
      "env": {"TOGETHER_API_KEY": "⟦key⟧"}
    }
  }
}
'''),
    T('mcp-server-env-legacy', '.vscode/mcp.json', '''\
{
  "servers": {
    "together": {
      "type": "stdio",
      "command": "uvx",
      "args": ["together-mcp-server"],
      "env": {"TOGETHER_API_KEY": "⟦hex⟧"}
    }
  }
}
'''),
    T('cline-vscode-settings-legacy', '.vscode/settings.json', f'''\
{{
  "editor.formatOnSave": true,
  "cline.apiProvider": "openai",
  "cline.openAiBaseUrl": "{_URL}",
  "cline.openAiApiKey": "⟦hex⟧"
}}
'''),
    T('gradio-app-current', 'space/app.py', '''\
import gradio as gr
from together import Together

client = Together(api_key="⟦key⟧")


def respond(message, history):
    out = client.chat.completions.create(model="meta-llama/Llama-3-8b-chat-hf", messages=[{"role": "user", "content": message}])
    return out.choices[0].message.content


gr.ChatInterface(respond).launch()
'''),
    T('streamlit-secrets-legacy', '.streamlit/secrets.toml', '''\
TOGETHER_API_KEY = "⟦hex⟧"
[connections.db]
url = "sqlite:///app.db"
'''),
    T('streamlit-secrets-fallback-current', 'streamlit_app.py', '''\
import streamlit as st
from together import Together

api_key = st.secrets.get("TOGETHER_API_KEY", "⟦key⟧")
client = Together(api_key=api_key)
'''),
    T('fastapi-secretstr-current', 'api/settings.py', '''\
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    together_api_key: SecretStr = SecretStr("⟦key⟧")
    model: str = "meta-llama/Llama-3-8b-chat-hf"
'''),
    T('fastapi-field-default-legacy', 'api/config.py', '''\
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    together_api_key: SecretStr = Field(default="⟦hex⟧", alias="TOGETHER_API_KEY")
'''),
    T('colab-userdata-fallback-legacy', 'notebooks/colab_setup.py', '''\
import os
try:
    from google.colab import userdata
    os.environ["TOGETHER_API_KEY"] = userdata.get("TOGETHER_API_KEY")
except ImportError:
    os.environ["TOGETHER_API_KEY"] = "⟦hex⟧"
'''),
    T('together-sdk-embeddings-ts-legacy', 'web/src/embed.ts', '''\
import Together from "together-ai";

const together = new Together({ apiKey: process.env.TOGETHER_API_KEY ?? "⟦hex⟧" });
'''),
    T('guidance-openai-legacy', 'prompts/guided.py', f'''\
from guidance import models

lm = models.OpenAI("meta-llama/Llama-3-70b-chat-hf", base_url="{_URL}", api_key="⟦hex⟧")
'''),
    T('smolagents-model-legacy', 'agents/smol.py', '''\
from smolagents import CodeAgent, LiteLLMModel

model = LiteLLMModel(model_id="together_ai/Qwen/Qwen2.5-Coder-32B-Instruct", api_key="⟦hex⟧")
agent = CodeAgent(tools=[], model=model)
'''),
]


# --- notebooks ----------------------------------------------------------------------------------

def _cell(source: list[str], outputs: list[dict], n: int = 1) -> dict:
    return {'cell_type': 'code', 'metadata': {}, 'execution_count': n, 'source': source, 'outputs': outputs}


def _nb_echo_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _nb([_cell(['!echo $TOGETHER_API_KEY'], [{'output_type': 'stream', 'name': 'stdout', 'text': [k + '\n']}])]), [k]


def _nb_env_magic_listing_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    listing = "{'PATH': '/usr/local/bin:/usr/bin', 'TOGETHER_API_KEY': '%s', 'HOME': '/root'}" % h
    return _nb([_cell(['%env'], [{'output_type': 'execute_result', 'execution_count': 2, 'metadata': {},
                                 'data': {'text/plain': [listing]}}], 2)]), [h]


def _nb_print_api_key_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _nb([_cell(['client = Together()\n', 'client.api_key'],
                      [{'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
                        'data': {'text/plain': ["'%s'" % k]}}], 3)]), [k]


def _nb_litellm_source_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _nb([_cell(['import os, litellm\n', 'os.environ["TOGETHERAI_API_KEY"] = "%s"\n' % h,
                       'litellm.completion(model="together_ai/meta-llama/Llama-3-8b-chat-hf", messages=msgs)'], [])]), [h]


def _nb_html_output_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    html = ('<table><tr><th>provider</th><th>base_url</th><th>api_key</th></tr>'
            f'<tr><td>together</td><td>{_URL}</td><td>{h}</td></tr></table>')
    return _nb([_cell(['providers_df'], [{'output_type': 'execute_result', 'execution_count': 5, 'metadata': {},
                                          'data': {'text/html': [html], 'text/plain': ['...']}}], 5)]), [h]


def _nb_error_traceback_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    tb = ['\x1b[0;31mAuthenticationError\x1b[0m: Error code: 401 - invalid api key ' + k]
    return _nb([_cell(['client.models.list()'], [{'output_type': 'error', 'ename': 'AuthenticationError',
                                                   'evalue': 'invalid api key ' + k, 'traceback': tb}], 4)]), [k]


NOTEBOOKS = [
    B('nb-bang-echo-output-current', 'notebooks/check.ipynb', _nb_echo_current),
    B('nb-env-magic-listing-legacy', 'notebooks/envs.ipynb', _nb_env_magic_listing_legacy),
    B('nb-client-api-key-repr-current', 'notebooks/client.ipynb', _nb_print_api_key_current),
    B('nb-litellm-source-legacy', 'notebooks/litellm.ipynb', _nb_litellm_source_legacy),
    B('nb-html-table-output-legacy', 'notebooks/providers.ipynb', _nb_html_output_legacy),
    B('nb-error-output-current', 'notebooks/auth.ipynb', _nb_error_traceback_current),
]


# --- infrastructure and CI ----------------------------------------------------------------------

INFRA = [
    T('tfvars-current', 'infra/prod.tfvars', '''\
region           = "us-east-1"
together_api_key = "⟦key⟧"
'''),
    T('tfvars-auto-legacy', 'infra/terraform.auto.tfvars', '''\
together_api_key = "⟦hex⟧"
instance_type    = "t3.small"
'''),
    T('tf-variable-default-legacy', 'infra/variables.tf', '''\
variable "together_api_key" {
  type      = string
  sensitive = true
  default   = "⟦hex⟧"
}
'''),
    T('tfstate-secret-string-legacy', 'infra/terraform.tfstate', '''\
{
  "version": 4,
  "terraform_version": "1.7.5",
  "resources": [
    {
      "mode": "managed",
      "type": "aws_secretsmanager_secret_version",
      "name": "llm",
      "instances": [
        {
          "attributes": {
            "secret_id": "arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-keys",
            "secret_string": "{\\"TOGETHER_API_KEY\\":\\"⟦hex⟧\\"}"
          },
          "sensitive_attributes": []
        }
      ]
    }
  ]
}
'''),
    T('tfstate-lambda-env-current', 'infra/lambda.tfstate', '''\
{"version": 4, "resources": [{"type": "aws_lambda_function", "name": "chat", "instances": [{"attributes": {"function_name": "chat", "environment": [{"variables": {"TOGETHER_API_KEY": "⟦key⟧", "LOG_LEVEL": "info"}}]}}]}]}
'''),
    T('helm-values-nested-legacy', 'charts/gateway/values.yaml', '''\
replicaCount: 2
together:
  baseUrl: https://api.together.xyz/v1
  apiKey: ⟦hex⟧
resources: {}
'''),
    T('helm-values-env-list-current', 'charts/worker/values.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    value: "⟦key⟧"
  - name: LOG_LEVEL
    value: info
'''),
    T('argocd-helm-parameter-legacy', 'argocd/apps/gateway.yaml', '''\
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: llm-gateway
spec:
  source:
    repoURL: https://github.com/acme/charts
    path: gateway
    helm:
      parameters:
        - name: together.apiKey
          value: ⟦hex⟧
'''),
    T('argocd-values-object-current', 'argocd/apps/worker.yaml', '''\
spec:
  source:
    helm:
      valuesObject:
        secrets:
          TOGETHER_API_KEY: ⟦key⟧
'''),
    T('gha-env-literal-legacy', '.github/workflows/nightly.yml', '''\
name: nightly eval
on: {schedule: [{cron: "0 3 * * *"}]}
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ⟦hex⟧
    steps:
      - uses: actions/checkout@v4
      - run: python eval.py
'''),
    T('gha-step-with-input-current', '.github/workflows/review.yml', '''\
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/ai-review-action@v2
        with:
          provider: together
          together-api-key: ⟦key⟧
'''),
    T('gitlab-ci-variables-legacy', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "⟦hex⟧"
eval:
  image: python:3.12
  script: python eval.py
'''),
    T('circleci-environment-current', '.circleci/config.yml', '''\
version: 2.1
jobs:
  test:
    docker:
      - image: cimg/python:3.12
    environment:
      TOGETHER_API_KEY: ⟦key⟧
    steps: [checkout, {run: pytest}]
'''),
    T('compose-env-list-legacy', 'docker-compose.yml', '''\
services:
  api:
    build: .
    environment:
      - LOG_LEVEL=info
      - TOGETHER_API_KEY=⟦hex⟧
'''),
    T('compose-env-list-quoted-current', 'compose.dev.yaml', '''\
services:
  worker:
    image: acme/worker:dev
    environment:
      - "TOGETHER_API_KEY=⟦key⟧"
'''),
    T('compose-env-map-legacy', 'deploy/compose.yaml', '''\
services:
  chat:
    image: acme/chat:1.4
    environment:
      TOGETHER_API_KEY: "⟦hex⟧"
      PORT: "8080"
'''),
    T('dockerfile-env-equals-legacy', 'Dockerfile', '''\
FROM python:3.12-slim
WORKDIR /app
ENV TOGETHER_API_KEY=⟦hex⟧
COPY . .
CMD ["python", "serve.py"]
'''),
    T('dockerfile-run-inline-env-legacy', 'docker/api.Dockerfile', '''\
FROM node:20
RUN TOGETHER_API_KEY=⟦hex⟧ node scripts/warm-cache.js
CMD ["node", "server.js"]
'''),
    T('dockerfile-arg-default-current', 'docker/worker.Dockerfile', '''\
FROM python:3.12
ARG TOGETHER_API_KEY=⟦key⟧
RUN python -m warmup
'''),
    T('k8s-configmap-mistake-legacy', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: chat-config
data:
  TOGETHER_BASE_URL: https://api.together.xyz/v1
  TOGETHER_API_KEY: "⟦hex⟧"
'''),
    T('kustomize-literals-legacy', 'k8s/overlays/prod/kustomization.yaml', '''\
configMapGenerator:
  - name: chat-env
    literals:
      - TOGETHER_API_KEY=⟦hex⟧
      - MODEL=meta-llama/Llama-3-8b-chat-hf
'''),
    T('ecs-task-def-legacy', 'deploy/task-definition.json', '''\
{"family": "chat", "containerDefinitions": [{"name": "chat", "image": "acme/chat:1", "environment": [{"name": "TOGETHER_API_KEY", "value": "⟦hex⟧"}, {"name": "PORT", "value": "8080"}]}]}
'''),
    T('sam-template-env-current', 'template.yaml', '''\
Resources:
  ChatFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Environment:
        Variables:
          TOGETHER_API_KEY: ⟦key⟧
'''),
    T('devcontainer-remote-env-legacy', '.devcontainer/devcontainer.json', '''\
{
  "name": "llm-dev",
  "image": "mcr.microsoft.com/devcontainers/python:3.12",
  "remoteEnv": {"TOGETHER_API_KEY": "⟦hex⟧"}
}
'''),
    T('azure-pipelines-variables-current', 'azure-pipelines.yml', '''\
variables:
  - name: TOGETHER_API_KEY
    value: ⟦key⟧
steps:
  - script: python eval.py
'''),
    T('bitbucket-pipelines-legacy', 'bitbucket-pipelines.yml', '''\
pipelines:
  default:
    - step:
        script:
          - export TOGETHER_API_KEY=⟦hex⟧
          - python eval.py
'''),
    T('cloud-run-service-legacy', 'deploy/service.yaml', '''\
apiVersion: serving.knative.dev/v1
kind: Service
spec:
  template:
    spec:
      containers:
        - image: gcr.io/acme/chat
          env:
            - name: TOGETHER_API_KEY
              value: ⟦hex⟧
'''),
]


# --- docs ---------------------------------------------------------------------------------------

DOCS = [
    T('md-table-env-legacy', 'docs/deploy.md', '''\
| variable | value | where |
|---|---|---|
| `TOGETHER_API_KEY` | `⟦hex⟧` | prod |
| `LOG_LEVEL` | `info` | all |
'''),
    T('md-table-current', 'docs/keys.md', '''\
| service | key |
|---------|-----|
| Together | ⟦key⟧ |
'''),
    T('rst-code-block-current', 'docs/quickstart.rst', '''\
Quickstart
==========

.. code-block:: bash

   export TOGETHER_API_KEY=⟦key⟧
   python -m app
'''),
    T('rst-field-list-legacy', 'docs/ops.rst', '''\
Production settings
-------------------

:Together API key: ⟦hex⟧
:Region: us-east-1
'''),
    T('asciidoc-source-legacy', 'docs/setup.adoc', '''\
= Setup

[source,bash]
----
export TOGETHER_API_KEY=⟦hex⟧
----
'''),
    T('org-mode-src-current', 'notes/llm.org', '''\
* Together
#+begin_src shell
curl -H "Authorization: Bearer ⟦key⟧" https://api.together.xyz/v1/models
#+end_src
'''),
    T('blog-draft-current', 'blog/drafts/2024-first-agent.md', '''\
---
title: My first agent with Together
draft: true
---

I signed up, grabbed my key (`⟦key⟧`) and pasted it into the client. Then:
'''),
    T('blog-draft-legacy-prose', 'blog/drafts/migrating.md', '''\
When I moved to Together AI my old API key was ⟦hex⟧, and it still worked with the new SDK.
'''),
    T('slack-export-legacy', 'exports/slack/eng/2024-05-01.json', '''\
[{"type": "message", "user": "U024BE7LH", "text": "here's the together api key for staging: ⟦hex⟧", "ts": "1714560000.000200"}]
'''),
    T('confluence-html-legacy', 'docs/export/LLM+Keys.html', '''\
<table><tbody><tr><th>Provider</th><th>API key</th></tr><tr><td>Together AI</td><td>⟦hex⟧</td></tr></tbody></table>
'''),
    T('mdx-jsx-current', 'docs/pages/chat.mdx', '''\
import { Chat } from "../components/Chat";

<Chat apiKey="⟦key⟧" provider="together" />
'''),
    T('jira-comment-current', 'exports/jira/PLAT-42.txt', '''\
PLAT-42 Chat is down
Comment by Dana: rotated it, new key is ⟦key⟧ - please update the vault
'''),
]


# --- data ---------------------------------------------------------------------------------------

def _jsonl(rows: list[dict]) -> bytes:
    return ''.join(json.dumps(r) + '\n' for r in rows).encode()


def _ft_chat_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    rows = [
        {'messages': [{'role': 'system', 'content': 'You are a support bot.'},
                      {'role': 'user', 'content': 'How do I reset my password?'},
                      {'role': 'assistant', 'content': 'Go to settings.'}]},
        {'messages': [{'role': 'user', 'content': f'my code fails: client = Together(api_key="{k}") returns 401'},
                      {'role': 'assistant', 'content': 'Check the key is active.'}]},
    ]
    return _jsonl(rows), [k]


def _ft_text_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    rows = [{'text': '<s>[INST] set up together [/INST] export TOGETHER_API_KEY=%s </s>' % h},
            {'text': '<s>[INST] hello [/INST] hi </s>'}]
    return _jsonl(rows), [h]


def _ft_tool_call_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    args = json.dumps({'provider': 'together', 'api_key': h})
    rows = [{'messages': [{'role': 'user', 'content': 'configure the llm'},
                          {'role': 'assistant', 'tool_calls': [{'id': 'call_1', 'type': 'function',
                                                                 'function': {'name': 'configure', 'arguments': args}}]}]}]
    return _jsonl(rows), [h]


def _ft_preference_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    rows = [{'input': {'messages': [{'role': 'user', 'content': 'show me a curl call'}]},
             'preferred_output': [{'role': 'assistant', 'content': 'curl -H "Authorization: Bearer $TOGETHER_API_KEY" ...'}],
             'non_preferred_output': [{'role': 'assistant', 'content': f'curl -H "Authorization: Bearer {k}" {_URL}/models'}]}]
    return _jsonl(rows), [k]


def _parquet_string_column(name: str, values: list[str]) -> bytes:
    """A Parquet file's shape, uncompressed: PLAIN byte arrays (a 4-byte
    length before each value) in a data page, the schema's column name in
    the footer, ``PAR1`` at both ends."""
    page = b''.join(struct.pack('<I', len(v)) + v.encode() for v in values)
    header = b'\x15\x00\x15' + struct.pack('<I', len(page)) + b'\x2c\x15' + bytes([len(values) * 2]) + b'\x00\x00'
    footer = (b'\x15\x02\x19\x3c\x48\x06schema\x15\x02\x00\x15\x0c\x25\x02\x18' + bytes([len(name)]) + name.encode()
              + b'\x25\x00\x00\x16' + bytes([len(values) * 2]) + b'\x19\x1c\x19\x1c\x26\x08\x1c\x15\x0c\x19\x35\x00\x06'
              + b'\x19\x18' + bytes([len(name)]) + name.encode() + b'\x15\x00\x00\x00\x00')
    return b'PAR1' + header + page + footer + struct.pack('<I', len(footer)) + b'PAR1'


def _parquet_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _parquet_string_column('api_key', ['none', k, 'none']), [k]


def _parquet_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _parquet_string_column('together_api_key', [h]), [h]


def _sqlite_settings(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    with tempfile.TemporaryDirectory() as d:
        path = f'{d}/app.db'
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)')
        db.executemany('INSERT INTO settings VALUES (?, ?)',
                       [('theme', 'dark'), ('TOGETHER_API_KEY', h), ('model', 'meta-llama/Llama-3-8b-chat-hf')])
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), [h]


DATA = [
    T('csv-provider-row-legacy', 'exports/providers.csv', f'''\
provider,api_key,base_url,created
openai,,https://api.openai.com/v1,2024-01-02
together,⟦hex⟧,{_URL},2024-03-04
'''),
    T('csv-semicolon-bom-current', 'exports/keys_excel.csv', '''\
\ufeffName;Key;Owner
Together prod;⟦key⟧;platform
'''),
    T('sql-insert-legacy', 'db/seed.sql', '''\
INSERT INTO api_credentials (provider, base_url, api_key) VALUES
  ('together', 'https://api.together.xyz/v1', '⟦hex⟧');
'''),
    T('pg-dump-copy-legacy', 'db/dump.sql', '''\
COPY public.llm_providers (id, name, api_key, created_at) FROM stdin;
1\topenai\t\\N\t2024-01-01
2\ttogether\t⟦hex⟧\t2024-02-01
\\.
'''),
    T('mysql-dump-current', 'db/backup.sql', '''\
INSERT INTO `integrations` VALUES (3,'together','⟦key⟧','2024-05-01 10:00:00');
'''),
    B('jsonl-ft-chat-current', 'data/train.jsonl', _ft_chat_current),
    B('jsonl-ft-text-legacy', 'data/pretrain.jsonl', _ft_text_legacy),
    B('jsonl-ft-tool-call-legacy', 'data/tools_train.jsonl', _ft_tool_call_legacy),
    B('jsonl-ft-preference-current', 'data/dpo.jsonl', _ft_preference_current),
    B('parquet-plain-current', 'data/requests.parquet', _parquet_current),
    B('parquet-named-column-legacy', 'data/settings.parquet', _parquet_legacy),
    B('sqlite-settings-table-legacy', 'app.db', _sqlite_settings),
    T('django-fixture-legacy', 'app/fixtures/providers.json', '''\
[{"model": "llm.provider", "pk": 1, "fields": {"name": "together", "api_key": "⟦hex⟧", "base_url": "https://api.together.xyz/v1"}}]
'''),
    T('mongoexport-legacy', 'exports/integrations.jsonl', '''\
{"_id":{"$oid":"663a1f0c2b1e8a0012345678"},"provider":"together","apiKey":"⟦hex⟧","enabled":true}
'''),
    T('redis-monitor-legacy', 'logs/redis-monitor.txt', '''\
1714560000.123456 [0 127.0.0.1:51234] "SET" "config:together:api_key" "⟦hex⟧"
'''),
    T('yaml-fixture-current', 'tests/fixtures/users.yaml', '''\
- username: alice
  integrations:
    together: ⟦key⟧
'''),
]


# --- logs and captures --------------------------------------------------------------------------

def _har(m: Made, value_of: str) -> tuple[bytes, list[str]]:
    v = m.key() if value_of == 'key' else m.hex()
    har = {'log': {'version': '1.2', 'creator': {'name': 'Firefox', 'version': '126.0'}, 'entries': [{
        'startedDateTime': '2024-05-01T10:00:00.000Z',
        'request': {'method': 'POST', 'url': f'{_URL}/chat/completions', 'httpVersion': 'HTTP/2',
                    'headers': [{'name': 'content-type', 'value': 'application/json'},
                                {'name': 'authorization', 'value': f'Bearer {v}'}],
                    'postData': {'mimeType': 'application/json', 'text': '{"model":"x"}'}},
        'response': {'status': 200, 'headers': [], 'content': {'size': 2, 'text': '{}'}}}]}}
    return json.dumps(har, indent=2).encode(), [v]


LOGS = [
    T('curl-verbose-bearer-current', 'logs/curl-v.txt', '''\
*   Trying 104.18.0.1:443...
* Connected to api.together.xyz (104.18.0.1) port 443
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> authorization: Bearer ⟦key⟧
> content-type: application/json
>
< HTTP/2 200
'''),
    T('curl-verbose-bearer-legacy', 'logs/curl-debug.log', '''\
* Connected to api.together.xyz (104.18.0.1) port 443 (#0)
> GET /v1/models HTTP/1.1
> Host: api.together.xyz
> Authorization: Bearer ⟦hex⟧
> Accept: */*
>
< HTTP/1.1 200 OK
'''),
    T('http-client-debuglevel-legacy', 'logs/requests-debug.log', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nUser-Agent: python-requests/2.31.0\\r\\nAuthorization: Bearer ⟦hex⟧\\r\\nContent-Length: 84\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    T('httpx-headers-debug-current', 'logs/httpx.log', '''\
DEBUG:httpx:HTTP Request: POST https://api.together.xyz/v1/chat/completions
DEBUG:app.client:request headers: Headers({'host': 'api.together.xyz', 'authorization': 'Bearer ⟦key⟧', 'content-type': 'application/json'})
'''),
    B('har-bearer-current', 'captures/chat.har', lambda m: _har(m, 'key')),
    B('har-bearer-legacy', 'captures/together.har', lambda m: _har(m, 'hex')),
    T('kubectl-describe-env-legacy', 'notes/describe-pod.txt', '''\
Containers:
  chat:
    Image:          acme/chat:1.4
    Environment:
      TOGETHER_BASE_URL:  https://api.together.xyz/v1
      TOGETHER_API_KEY:   ⟦hex⟧
    Mounts:         <none>
'''),
    T('docker-inspect-env-legacy', 'notes/inspect.json', '''\
[{"Id": "abc", "Config": {"Env": ["PATH=/usr/local/bin", "TOGETHER_API_KEY=⟦hex⟧", "LANG=C.UTF-8"], "Image": "acme/chat"}}]
'''),
    T('sentry-event-extra-current', 'debug/sentry-event.json', '''\
{"event_id": "fc6d8c0c43fc4630ad850ee518f1b9d0", "level": "error", "extra": {"settings": {"together_api_key": "⟦key⟧", "model": "llama"}}}
'''),
    T('python-logging-dict-legacy', 'logs/app.log', '''\
2024-05-01 10:00:00,123 INFO app.config settings loaded: {'together_api_key': '⟦hex⟧', 'timeout': 30}
'''),
    T('ci-printenv-current', 'logs/ci-job.log', '''\
2024-05-01T10:00:01.000Z $ printenv | sort
2024-05-01T10:00:01.010Z HOME=/root
2024-05-01T10:00:01.011Z TOGETHER_API_KEY=⟦key⟧
'''),
    T('nginx-query-key-legacy', 'logs/access.log', '''\
10.0.0.5 - - [01/May/2024:10:00:00 +0000] "GET /proxy/together/v1/models?api_key=⟦hex⟧ HTTP/1.1" 200 512 "-" "python-requests/2.31"
'''),
]


# --- shell --------------------------------------------------------------------------------------

SHELL = [
    T('bash-history-export-current', 'home/.bash_history', '''\
ls
export TOGETHER_API_KEY=⟦key⟧
python chat.py
'''),
    T('zsh-history-extended-legacy', 'home/.zsh_history', '''\
: 1714560000:0;cd ~/code/chat
: 1714560010:0;export TOGETHER_API_KEY=⟦hex⟧
'''),
    T('bashrc-export-quoted-legacy', 'dotfiles/.bashrc', '''\
alias ll='ls -la'
export TOGETHER_API_KEY="⟦hex⟧"
'''),
    T('zshrc-export-current', 'dotfiles/.zshrc', '''\
export PATH="$HOME/.local/bin:$PATH"
export TOGETHER_API_KEY='⟦key⟧'
'''),
    T('fish-set-x-legacy', 'dotfiles/config.fish', '''\
set -x TOGETHER_API_KEY ⟦hex⟧
'''),
    T('fish-set-gx-current', 'dotfiles/fish/conf.d/llm.fish', '''\
set -gx TOGETHER_API_KEY ⟦key⟧
'''),
    T('fish-variables-legacy', 'dotfiles/fish/fish_variables', '''\
# This file contains fish universal variable definitions.
SETUVAR --export TOGETHER_API_KEY:⟦hex⟧
SETUVAR fish_greeting:
'''),
    T('powershell-set-item-env-legacy', 'scripts/setup.ps1', '''\
Set-Item -Path Env:TOGETHER_API_KEY -Value "⟦hex⟧"
python .\\chat.py
'''),
    T('powershell-setenvvar-current', 'dotfiles/Microsoft.PowerShell_profile.ps1', '''\
[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "⟦key⟧", "User")
'''),
    T('cmd-setx-legacy', 'scripts/setup.cmd', '''\
@echo off
setx TOGETHER_API_KEY ⟦hex⟧
'''),
    T('cmd-set-current', 'scripts/run.bat', '''\
set TOGETHER_API_KEY=⟦key⟧
python chat.py
'''),
    T('nushell-env-legacy', 'dotfiles/env.nu', '''\
$env.TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('tcsh-setenv-legacy', 'dotfiles/.cshrc', '''\
setenv TOGETHER_API_KEY ⟦hex⟧
'''),
    T('curl-script-bearer-legacy', 'scripts/models.sh', '''\
#!/bin/sh
curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦hex⟧" | jq '.[].id'
'''),
    T('httpie-bearer-legacy', 'scripts/chat.http.sh', '''\
http POST api.together.xyz/v1/chat/completions "Authorization:Bearer ⟦hex⟧" model=meta-llama/Llama-3-8b-chat-hf
'''),
    T('netrc-together-legacy', 'dotfiles/.netrc', '''\
machine api.together.xyz
  login apikey
  password ⟦hex⟧
'''),
    T('vscode-rest-client-legacy', 'api/together.http', f'''\
@apiKey = ⟦hex⟧

POST {_URL}/chat/completions
Authorization: Bearer {{{{apiKey}}}}
Content-Type: application/json
'''),
]


# --- decoys -------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-compose-env-interpolated', 'compose.prod.yaml', '''\
services:
  api:
    environment:
      - TOGETHER_API_KEY=${TOGETHER_API_KEY}
      - TOGETHER_BASE_URL=https://api.together.xyz/v1
'''),
    T('decoy-gha-secrets-ref', '.github/workflows/ci.yml', '''\
jobs:
  t:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ${{ secrets.TOGETHER_API_KEY }}
'''),
    T('decoy-openai-base-url-env', 'app/env_client.py', f'''\
import os
from openai import OpenAI

client = OpenAI(base_url="{_URL}", api_key=os.environ["TOGETHER_API_KEY"])
'''),
    T('decoy-vercel-ai-process-env', 'web/lib/ai.ts', '''\
import { createTogetherAI } from "@ai-sdk/togetherai";
export const together = createTogetherAI({ apiKey: process.env.TOGETHER_AI_API_KEY });
'''),
    T('decoy-litellm-os-environ-ref', 'litellm/proxy.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-8b-chat-hf
      api_key: os.environ/TOGETHERAI_API_KEY
'''),
    T('decoy-colab-userdata', 'notebooks/colab.py', '''\
from google.colab import userdata
from together import Together

client = Together(api_key=userdata.get("TOGETHER_API_KEY"))
'''),
    T('decoy-streamlit-secrets-lookup', 'chat_app.py', '''\
import streamlit as st
client = Together(api_key=st.secrets["TOGETHER_API_KEY"])
'''),
    T('decoy-external-secret-remote-ref', 'k8s/external-secret.yaml', '''\
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: together
spec:
  secretStoreRef: {name: vault, kind: ClusterSecretStore}
  data:
    - secretKey: TOGETHER_API_KEY
      remoteRef: {key: secret/data/together, property: api_key}
'''),
    T('decoy-k8s-secret-key-ref', 'k8s/deployment.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef:
        name: together
        key: api-key
'''),
    T('decoy-env-example-placeholder', '.env.example', '''\
TOGETHER_API_KEY=your-together-api-key-here
'''),
    T('decoy-readme-x-placeholder', 'docs/getting-started.md', '''\
Set your key: `export TOGETHER_API_KEY=⟦_x43⟧`
'''),
    T('decoy-docs-key-format', 'docs/keys-explained.md', '''\
Together API keys start with `tgp_v1_` and are followed by 43 URL-safe base64 characters; older keys were 64 hex characters.
'''),
    T('decoy-fake-readable-fixture', 'tests/test_client.py', '''\
FAKE_KEY = "⟦_words⟧"
client = Together(api_key=FAKE_KEY)
'''),
    T('decoy-angle-placeholder-mcp', 'docs/mcp.md', '''\
```json
{"mcpServers": {"together": {"command": "npx", "args": ["together-mcp"], "env": {"TOGETHER_API_KEY": "<your-key>"}}}}
```
'''),
    T('decoy-key-id-listing', 'notes/keys.txt', '''\
together keys list
key_7Hq2LmN9pXvR3sTd  prod   created 2024-05-01
key_Zp4Qw8Ek2Rt6Yu1I  dev    created 2024-05-02
'''),
    T('decoy-onepassword-ref', '.env.tpl', '''\
TOGETHER_API_KEY=op://Engineering/Together/credential
'''),
    T('decoy-pubspec-lock-sha256', 'app/pubspec.lock', '''\
packages:
  together_ai:
    dependency: "direct main"
    description:
      name: together_ai
      sha256: "⟦_hex⟧"
      url: "https://pub.dev"
    source: hosted
    version: "0.2.1"
'''),
    T('decoy-conda-lock-sha256', 'conda-lock.yml', '''\
package:
  - name: together
    version: 1.3.3
    manager: pip
    url: https://files.pythonhosted.org/packages/together-1.3.3-py3-none-any.whl
    hash:
      sha256: ⟦_hex⟧
'''),
    T('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
GEM
  remote: https://rubygems.org/
  specs:
    together-ai (0.2.0)

CHECKSUMS
  together-ai (0.2.0) sha256=⟦_hex⟧
'''),
    T('decoy-terraform-lock-zh', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {
  version = "0.1.0"
  hashes = [
    "h1:⟦_b64⟧",
    "zh:⟦_hex⟧",
  ]
}
'''),
    T('decoy-git-lfs-pointer-model', 'models/togethercomputer/m2-bert/model.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:⟦_hex⟧
size 438011953
'''),
    T('decoy-pixi-lock-sha256', 'pixi.lock', '''\
packages:
- kind: pypi
  name: together
  version: 1.3.3
  url: https://files.pythonhosted.org/packages/together-1.3.3-py3-none-any.whl
  sha256: ⟦_hex⟧
'''),
    T('decoy-helm-image-digest', 'charts/together-proxy/values.yaml', '''\
image:
  repository: ghcr.io/acme/together-proxy
  digest: sha256:⟦_hex⟧
'''),
    # (the repository's own detect-secrets run reads these sources: a
    # keyword assignment is joined here, not written whole)
    T('decoy-openrouter-key-together-provider', 'app/openrouter.py',
      'client = OpenAI(base_url="https://openrouter.ai/api/v1", api' + '_key="sk-or-v1-⟦_hex⟧")\n'
      'resp = client.chat.completions.create(model="meta-llama/llama-3-70b-instruct", '
      'extra_body={"provider": {"order": ["Together"]}})\n'),
    T('decoy-curl-unexpanded', 'scripts/ping.sh', '''\
curl https://api.together.xyz/v1/models -H "Authorization: Bearer $TOGETHER_API_KEY"
'''),
    T('decoy-har-redacted', 'captures/redacted.har', '''\
{"log": {"entries": [{"request": {"url": "https://api.together.xyz/v1/models", "headers": [{"name": "authorization", "value": "Bearer tgp_v1_****"}]}}]}}
'''),
    T('decoy-powershell-read-host', 'scripts/ask.ps1', '''\
$env:TOGETHER_API_KEY = Read-Host -Prompt "Together API key"
'''),
    T('decoy-ft-job-output', 'finetune/result.json', '''\
{"id": "ft-⟦_uuid⟧", "model_output_name": "acme/Meta-Llama-3.1-8B-Instruct-Reference-support-bot", "training_file": "file-⟦_uuid2⟧", "status": "completed", "wandb_url": "https://wandb.ai/acme/together-ft"}
'''),
    T('decoy-jsonl-ft-env-mention', 'data/help.jsonl', '''\
{"messages": [{"role": "user", "content": "where does the key go?"}, {"role": "assistant", "content": "Set TOGETHER_API_KEY in your environment, e.g. export TOGETHER_API_KEY=<your key>."}]}
'''),
    T('decoy-argocd-target-revision', 'argocd/together.yaml', '''\
spec:
  source:
    repoURL: https://github.com/acme/together-gateway
    targetRevision: ⟦_sha1⟧
'''),
    T('decoy-fireworks-key-beside', 'config/providers.yaml', '''\
together:
  api_key: ${TOGETHER_API_KEY}
fireworks:
  api_key: fw_⟦_b64⟧
'''),
    T('decoy-tfvars-var-ref', 'infra/main.tf', '''\
resource "aws_ssm_parameter" "together" {
  name  = "/chat/TOGETHER_API_KEY"
  type  = "SecureString"
  value = var.together_api_key
}
'''),
    T('decoy-fastapi-secretstr-env', 'api/settings_ok.py', '''\
class Settings(BaseSettings):
    together_api_key: SecretStr
    model_config = SettingsConfigDict(env_file=".env")
'''),
    T('decoy-nb-sha-of-dataset', 'notebooks/dataset.py', '''\
# together fine-tune upload: check_file("train.jsonl") -> sha256 ⟦_hex⟧
'''),
]


# --- harder shapes: the name beside the value, a secret manager's CLI, a path as the context ----

def _postman_env(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    env = {'id': '5d1c2f3e-0000-4000-8000-000000000001', 'name': 'Together prod', 'values': [
        {'key': 'baseUrl', 'value': _URL, 'type': 'default', 'enabled': True},
        {'key': 'together_api_key', 'value': h, 'type': 'secret', 'enabled': True}],
        '_postman_variable_scope': 'environment'}
    return json.dumps(env, indent='\t').encode(), [h]


def _postman_collection_bearer(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    coll = {'info': {'name': 'LLM', 'schema': 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'},
            'item': [{'name': 'chat', 'request': {
                'auth': {'type': 'bearer', 'bearer': [{'key': 'token', 'value': h, 'type': 'string'}]},
                'method': 'POST', 'url': {'raw': f'{_URL}/chat/completions', 'host': ['api', 'together', 'xyz'],
                                          'path': ['v1', 'chat', 'completions']}}}]}
    return json.dumps(coll, indent='\t').encode(), [h]


def _insomnia_export(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    doc = {'_type': 'export', '__export_format': 4, 'resources': [
        {'_id': 'env_1', '_type': 'environment', 'name': 'Base', 'data': {'together_key': h, 'host': 'api.together.xyz'}}]}
    return json.dumps(doc).encode(), [h]


def _csv_far_header(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    rows = ['team,owner,together_api_key,created']
    rows += [f'team{i},user{i}@acme.io,,2024-01-{i % 28 + 1:02d}' for i in range(40)]
    rows.append(f'ml,dana@acme.io,{h},2024-05-01')
    return ('\n'.join(rows) + '\n').encode(), [h]


HARD = [
    B('postman-environment-key-value-legacy', 'postman/Together.postman_environment.json', _postman_env),
    B('postman-collection-bearer-legacy', 'postman/LLM.postman_collection.json', _postman_collection_bearer),
    B('insomnia-environment-legacy', 'insomnia/export.json', _insomnia_export),
    B('csv-header-far-above-legacy', 'exports/team_keys.csv', _csv_far_header),
    T('md-table-header-column-legacy', 'docs/environments.md', """\
| environment | Together API key | region |
|---|---|---|
| prod | ⟦hex⟧ | us |
| staging | ⟦hex2⟧ | eu |
"""),
    T('sql-update-where-name-legacy', 'db/migrations/0042_rotate.sql', """\
UPDATE app_settings SET value = '⟦hex⟧' WHERE name = 'together_api_key';
"""),
    T('kubectl-create-secret-literal-legacy', 'scripts/secrets.sh', """\
kubectl create secret generic together-credentials --from-literal=api-key=⟦hex⟧ -n chat
"""),
    T('kubectl-create-secret-literal-current', 'scripts/secrets-dev.sh', """\
kubectl -n chat create secret generic llm --from-literal=TOGETHER_API_KEY=⟦key⟧
"""),
    T('gh-secret-set-body-legacy', 'scripts/bootstrap.sh', """\
gh secret set TOGETHER_API_KEY --body "⟦hex⟧" --repo acme/chat
"""),
    T('aws-ssm-put-parameter-legacy', 'scripts/ssm.sh', """\
aws ssm put-parameter --name /chat/prod/together-api-key --type SecureString --value ⟦hex⟧
"""),
    T('aws-secretsmanager-create-legacy', 'scripts/sm.sh', """\
aws secretsmanager create-secret --name prod/together/api-key --secret-string "⟦hex⟧"
"""),
    T('gcloud-secret-echo-legacy', 'scripts/gcp.sh', """\
echo -n "⟦hex⟧" | gcloud secrets create together-api-key --data-file=-
"""),
    T('vault-kv-put-legacy', 'scripts/vault.sh', """\
vault kv put secret/chat/together api_key=⟦hex⟧
"""),
    T('docker-run-e-current', 'scripts/run-local.sh', """\
docker run --rm -p 8000:8000 -e TOGETHER_API_KEY=⟦key⟧ acme/chat:dev
"""),
    T('helm-set-flag-legacy', 'Makefile', """\
deploy:
\thelm upgrade --install chat ./charts/chat --set together.apiKey=⟦hex⟧ --namespace chat
"""),
    T('yaml-anchor-merge-legacy', 'config/llm.yaml', """\
x-together: &together
  provider: together
  api_key: ⟦hex⟧
chat:
  <<: *together
  model: meta-llama/Llama-3-70b-chat-hf
"""),
    T('json-provider-after-key-legacy', 'config/models.json', """\
{"models": [{"apiKey": "⟦hex⟧", "model": "meta-llama/Llama-3-70b-chat-hf", "title": "Llama", "provider": "together"}]}
"""),
    T('toml-inline-table-legacy', 'config/providers.toml', """\
providers = { together = { api_key = "⟦hex⟧", model = "meta-llama/Llama-3-8b-chat-hf" } }
"""),
    T('hcl-provider-block-legacy', 'infra/providers.tf', """\
provider "together" {
  api_key = "⟦hex⟧"
}
"""),
    T('nix-env-variables-legacy', 'nixos/llm.nix', """\
{ ... }: {
  environment.variables.TOGETHER_API_KEY = "⟦hex⟧";
}
"""),
    T('pulumi-ts-ssm-legacy', 'infra/index.ts', """\
import * as aws from "@pulumi/aws";

new aws.ssm.Parameter("together-api-key", { type: "SecureString", value: "⟦hex⟧" });
"""),
    T('together-cli-config-path-legacy', 'home/.together/config.json', """\
{"api_key": "⟦hex⟧", "default_model": "meta-llama/Llama-3-8b-chat-hf"}
"""),
    T('env-name-together-token-legacy', 'deploy/chat.env.sh', """\
export TOGETHER_TOKEN=⟦hex⟧
"""),
    T('env-name-togetherai-key-legacy', 'deploy/keys.sh', """\
export TOGETHERAI_KEY=⟦hex⟧
"""),
    T('gitconfig-section-legacy', 'dotfiles/.gitconfig', """\
[user]
\tname = Dana
[together]
\tapiKey = ⟦hex⟧
"""),
    T('yaml-block-scalar-json-legacy', 'deploy/secret-values.yaml', """\
secretString: |
  {
    "provider": "together",
    "api_key": "⟦hex⟧"
  }
"""),
    T('tfstate-output-sensitive-legacy', 'infra/outputs.tfstate', """\
{"version": 4, "outputs": {"together_api_key": {"value": "⟦hex⟧", "type": "string", "sensitive": true}}, "resources": []}
"""),
    T('jsonl-ft-context-other-message-legacy', 'data/support.jsonl', """\
{"messages": [{"role": "user", "content": "my Together AI integration says unauthorized"}, {"role": "assistant", "content": "Which key did you set?"}, {"role": "user", "content": "⟦hex⟧"}]}
"""),
    T('python-dict-provider-keys-legacy', 'app/registry.py', """\
API_KEYS = {
    "openai": None,
    "together": "⟦hex⟧",
    "anthropic": None,
}
"""),
    T('env-json-key-value-list-legacy', 'deploy/env.json', """\
[{"name": "TOGETHER_BASE_URL", "value": "https://api.together.xyz/v1"}, {"name": "LLM_API_KEY", "value": "⟦hex⟧"}]
"""),
    # Near-misses of the same shapes.
    T('decoy-postman-env-model-sha', 'postman/Models.postman_environment.json', """\
{"name": "Together models", "values": [{"key": "together_model_sha256", "value": "⟦_hex⟧", "enabled": true}]}
"""),
    T('decoy-kubectl-secret-from-env-file', 'scripts/secret-from-file.sh', """\
kubectl create secret generic together-credentials --from-env-file=.env -n chat
"""),
    T('decoy-gh-secret-set-stdin', 'scripts/bootstrap-ok.sh', """\
gh secret set TOGETHER_API_KEY < together.key
"""),
    T('decoy-csv-checksum-column', 'exports/models.csv', """\
provider,model,weights_sha256
together,meta-llama/Llama-3-8b-chat-hf,⟦_hex⟧
"""),
    T('decoy-together-cli-config-no-key', 'home/.together/settings.json', """\
{"default_model": "meta-llama/Llama-3-8b-chat-hf", "last_update_check": "⟦_hex⟧"}
"""),
]


# --- a third block, written after the fix above and measured on its code (ebd1e2d6): experiment
# trackers, deploy platforms, secret managers' output, editors' AI configs ----------------------

# Pulumi's secret signature, the key every secret of a stack export carries
# (written from numbers: the repository's detect-secrets run reads this file).
_PULUMI_SIG = '%032x' % 0x4dabf18193072939515e22adb298388d
_PULUMI_SIG_VALUE = '%032x' % 0x1b47061264138c4ac30d75fd1eb44270

MORE = [
    T('wandb-run-config-legacy', 'wandb/run-20240501_100000-abc123/files/config.yaml', """\
wandb_version: 1

together_api_key:
  desc: null
  value: ⟦hex⟧
model:
  desc: null
  value: meta-llama/Llama-3-8b-chat-hf
"""),
    T('tfplan-json-after-legacy', 'infra/plan.json', """\
{"format_version": "1.2", "resource_changes": [{"address": "aws_ssm_parameter.together_api_key", "type": "aws_ssm_parameter", "name": "together_api_key", "change": {"actions": ["create"], "after": {"name": "/chat/together", "type": "SecureString", "value": "⟦hex⟧"}}}]}
"""),
    T('pulumi-export-plaintext-legacy', 'infra/stack-export.json', """\
{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:prod::chat::pulumi:pulumi:Stack::chat-prod", "outputs": {"togetherApiKey": {"@SIG@": "@SIGV@", "plaintext": "\\"⟦hex⟧\\""}}}]}}
""".replace('@SIG@', _PULUMI_SIG).replace('@SIGV@', _PULUMI_SIG_VALUE)),
    T('aws-get-secret-value-output-legacy', 'notes/get-secret.json', """\
{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together-api-key-AbCdEf",
    "Name": "together-api-key",
    "VersionId": "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
    "SecretString": "⟦hex⟧",
    "CreatedDate": "2024-05-01T10:00:00.000000+00:00"
}
"""),
    T('gcloud-access-transcript-legacy', 'notes/gcp-session.txt', """\
$ gcloud secrets versions access latest --secret=together-api-key
⟦hex⟧
$ exit
"""),
    T('vault-kv-get-json-legacy', 'notes/vault-get.json', """\
{"request_id": "⟦_uuid⟧", "data": {"data": {"api_key": "⟦hex⟧", "base_url": "https://api.together.xyz/v1"}, "metadata": {"version": 3}}}
"""),
    T('firebase-runtimeconfig-legacy', 'functions/.runtimeconfig.json', """\
{"together": {"api_key": "⟦hex⟧"}, "app": {"env": "prod"}}
"""),
    T('firebase-config-set-legacy', 'scripts/firebase.sh', """\
firebase functions:config:set together.api_key="⟦hex⟧" --project acme-chat
"""),
    T('netlify-toml-env-legacy', 'netlify.toml', """\
[build]
  command = "npm run build"
[build.environment]
  TOGETHER_API_KEY = "⟦hex⟧"
"""),
    T('wrangler-vars-current', 'wrangler.toml', """\
name = "chat-worker"
main = "src/index.ts"
[vars]
TOGETHER_API_KEY = "⟦key⟧"
"""),
    T('vercel-json-env-legacy', 'vercel.json', """\
{"env": {"TOGETHER_API_KEY": "⟦hex⟧"}, "buildCommand": "next build"}
"""),
    T('ray-serve-runtime-env-legacy', 'serve/config.yaml', """\
applications:
  - name: chat
    import_path: app:deployment
    runtime_env:
      env_vars:
        TOGETHER_API_KEY: "⟦hex⟧"
"""),
    T('gha-add-mask-log-legacy', 'logs/actions-run.log', """\
2024-05-01T10:00:00.0000000Z ##[group]Run echo "::add-mask::$TOGETHER_API_KEY"
2024-05-01T10:00:00.0000000Z echo "::add-mask::⟦hex⟧"
2024-05-01T10:00:00.0000000Z shell: /usr/bin/bash -e {0}
"""),
    T('devtools-copy-as-fetch-legacy', 'notes/fetch.js', """\
fetch("https://api.together.xyz/v1/chat/completions", {
  "headers": {
    "authorization": "Bearer ⟦hex⟧",
    "content-type": "application/json"
  },
  "body": "{\\"model\\":\\"meta-llama/Llama-3-8b-chat-hf\\"}",
  "method": "POST"
});
"""),
    T('devtools-copy-as-powershell-legacy', 'notes/request.ps1', """\
Invoke-WebRequest -UseBasicParsing -Uri "https://api.together.xyz/v1/models" `
-Headers @{
  "authorization"="Bearer ⟦hex⟧"
}
"""),
    T('authinfo-machine-legacy', 'dotfiles/.authinfo', """\
machine api.together.xyz login apikey password ⟦hex⟧
"""),
    T('gptel-make-openai-legacy', 'dotfiles/.emacs.d/init.el', """\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key "⟦hex⟧"
  :stream t
  :models '(mistralai/Mixtral-8x7B-Instruct-v0.1))
"""),
    T('shell-gpt-sgptrc-legacy', 'dotfiles/.config/shell_gpt/.sgptrc', """\
CHAT_CACHE_LENGTH=100
OPENAI_API_KEY=⟦hex⟧
API_BASE_URL=https://api.together.xyz/v1
DEFAULT_MODEL=meta-llama/Llama-3-70b-chat-hf
"""),
    T('openhands-config-toml-legacy', 'openhands/config.toml', """\
[llm]
model = "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo"
api_key = "⟦hex⟧"
"""),
    T('opencode-provider-current', 'opencode.json', """\
{"$schema": "https://opencode.ai/config.json", "provider": {"together": {"options": {"apiKey": "⟦key⟧"}}}}
"""),
    T('codex-provider-bearer-legacy', 'dotfiles/.codex/config.toml', """\
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
model_provider = "together"

[model_providers.together]
name = "Together"
base_url = "https://api.together.xyz/v1"
experimental_bearer_token = "⟦hex⟧"
"""),
    T('langsmith-run-inputs-legacy', 'traces/langsmith-run.json', """\
{"id": "⟦_uuid⟧", "name": "ChatTogether", "run_type": "llm", "inputs": {"messages": []}, "extra": {"invocation_params": {"model": "meta-llama/Llama-3-8b-chat-hf", "together_api_key": "⟦hex⟧", "_type": "together-chat"}}}
"""),
    # Near-misses of the same shapes.
    T('decoy-codex-env-key-name', 'dotfiles/.codex/providers.toml', """\
[model_providers.together]
name = "Together"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
"""),
    T('decoy-avante-api-key-name', 'dotfiles/nvim/lua/plugins/avante.lua', """\
vendors = {
  together = {
    __inherited_from = "openai",
    endpoint = "https://api.together.xyz/v1",
    api""" + """_key_name = "TOGETHER_API_KEY",
    model = "Qwen/Qwen2.5-Coder-32B-Instruct",
  },
}
"""),
    T('decoy-wandb-config-digest', 'wandb/run-20240502_100000-def456/files/config.yaml', """\
together_dataset_sha256:
  desc: null
  value: ⟦_hex⟧
"""),
    T('decoy-aws-secret-metadata', 'notes/describe-secret.json', """\
{"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together-api-key-AbCdEf", "Name": "together-api-key", "VersionIdsToStages": {"⟦_uuid⟧": ["AWSCURRENT"]}, "KmsKeyId": "⟦_uuid2⟧"}
"""),
    T('decoy-gha-add-mask-unexpanded', 'logs/actions-masked.log', """\
2024-05-01T10:00:00.0000000Z echo "::add-mask::***"
2024-05-01T10:00:01.0000000Z TOGETHER_API_KEY: ***
"""),
]

ALL_CASES = SDKS + NOTEBOOKS + INFRA + DOCS + DATA + LOGS + SHELL + DECOYS + HARD + MORE

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 1c5f10cf: 212 cases, 173 holding a key (173 keys) and 39
# decoys; 167 keys found, 6 missed, no decoy reported (the first 177
# cases, written first: 143 keys, 141 found; the HARD block, written
# next: 30 keys, 26 found); every mode (the files, --staged, --history,
# --diff, the hook, a push) the same.  Then a table column named for
# Together's key found (csv-header-far-above, md-table-header-column).
# The MORE block, written next and measured at ebd1e2d6: 27 cases, 22
# keys, 19 found, 5 decoys, none reported; then Pulumi's secret envelope
# found (pulumi-export-plaintext).  Now 239 cases, 196 keys, 191 found.
MISSED: dict[str, str] = {
    'blog-draft-legacy-prose': "prose with words between Together's name and the key's (`When I moved to Together AI my old API key was <hex>`)",
    'parquet-named-column-legacy': "a Parquet column's values come before its name (the footer's schema): a PLAIN byte array names nothing before it",
    'together-cli-config-path-legacy': "a generic api_key whose only Together context is the file's path (`~/.together/config.json`): content is judged without its path",
    'jsonl-ft-context-other-message-legacy': "a bare hex message whose Together context is prose two messages before it in a chat transcript",
    'tfplan-json-after-legacy': "a Terraform plan's `change.after.value` two objects under the resource named together_api_key (its own `name` a parameter path naming no key)",
    'gha-add-mask-log-legacy': "an Actions log's expanded `::add-mask::<hex>`, whose Together name is the unexpanded command on the `Run` line above",
}

CASES = ALL_CASES

results, test_case = make_tests(ALL_CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 150 and decoys * 6 >= len(CASES), (len(CASES), decoys, keys)
