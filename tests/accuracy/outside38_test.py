"""An outside tester's held-out set (session 38, outside38): written before
reading the detection rules, as a grader would write one, weighted toward
how keys got pasted in 2024-2026 and what earlier outside sets lacked.

AI coding assistants' configs and transcripts (Cursor rules, Aider,
Claude Code ``settings.json``/``CLAUDE.md``, Continue ``config.yaml``,
Cline/Roo ``mcp_settings.json``, Zed, Windsurf, OpenHands, Goose, LiteLLM
proxy, OpenRouter-style fallbacks), frameworks' calls (Vercel AI SDK
``createTogetherAI``, LangChain.js ``ChatTogetherAI``, Mastra, Haystack,
Semantic Kernel, Spring AI pointed at Together), deploy platforms (Vercel,
Netlify, Fly, Railway, Render, Modal, Replicate ``cog.yaml``, HF Spaces,
Streamlit secrets, Cloudflare ``wrangler.toml``, Supabase, Firebase),
terminal artifacts (``.bash_history``, ``curl -H``, HTTPie, asciinema
casts with JSON escapes, ``script`` typescripts with ANSI codes); each
also with a LEGACY key and the Together context a developer writes; then
binaries and encodings (a base64 file, gzip, a Kubernetes Secret, a
notebook's output, ``.pyc``, a wheel, a jar).  Decoys of the same files:
placeholders, key ids, env lookups, digests and commit SHAs beside
``together``, docs of the key format, ``fake``/``dummy`` fixtures, other
providers' keys beside Together's name.

Measured at 5418d64c before any change (docs/detection.md, "Session 38
(outside38)").  The templates are outside37's (``T``, ``B``, ``W``):
``⟦key⟧`` a current key, ``⟦hex⟧`` a legacy key, each expected;
``⟦_name⟧`` made but not expected; ``⟦_openai⟧`` ... other providers'
tokens.  The git-level shapes are in ``tests/gate_outside38_test.py``;
every mode a key reaches the scanner runs in ``outside38_modes_test.py``.
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import tarfile
import zlib

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.outside34_test import _png_chunk
from tests.accuracy.outside34_test import _zipped
from tests.accuracy.outside36_test import _k8s_secret
from tests.accuracy.outside36_test import _pyc_of
from tests.accuracy.outside37_test import _fill37
from tests.accuracy.outside37_test import _sqlite_file
from tests.accuracy.outside37_test import B
from tests.accuracy.outside37_test import W

# Terminal control bytes a template writes as ``⟬ESC⟭``, ``⟬BEL⟭``, ``⟬CR⟭``;
# and text built here so that no scanner run on this file (detect-secrets
# on the repository) takes it for a secret: a JWT's shape, a quoted value
# under ``api_key``, a URL's ``user:password@``.
_CONTROL = {
    '⟬ESC⟭': '\x1b', '⟬BEL⟭': '\x07', '⟬CR⟭': '\r', '⟬AT⟭': '@',
    '⟬JWT⟭': '.'.join(('eyJhbGciOiJSUzI1NiJ9', 'e30', 'c2ln')),
    '⟬LITELLM_ENV⟭': '"os.environ/' + 'TOGETHERAI_API_KEY"',
    '⟬PASTE⟭': '"tgp_v1_' + '<paste your key>"',
}


def T(case_id: str, path: str, template: str):
    """outside37's text case, with terminal control bytes."""
    def fill(m: Made):
        text = template
        for mark, byte in _CONTROL.items():
            text = text.replace(mark, byte)
        text, keys = _fill37(m, text)
        return text.encode(), [(0, k) for k in keys]
    return Case(case_id, path, fill)

# --- AI coding assistants: configs, rules, transcripts ---------------------------------------------

ASSISTANTS = [
    T('cursor-rules-mdc-current', '.cursor/rules/llm-calls.mdc', '''\
---
description: How we call LLMs in this repo
globs: ["src/llm/**/*.ts"]
alwaysApply: false
---

- Use the Together SDK, never raw fetch.
- For local testing the key is ⟦key⟧ (staging project, rotate monthly).
'''),
    T('cursor-rules-legacy-base-url', '.cursorrules', '''\
You are an expert in Python and FastAPI.
When writing LLM calls use the OpenAI client with
base_url="https://api.together.xyz/v1" and api_key="⟦hex⟧".
Prefer meta-llama/Llama-3.3-70B-Instruct-Turbo.
'''),
    T('aider-shell-alias-current', 'home/.zshrc', '''\
alias aider-tg='aider --model together_ai/Qwen/Qwen2.5-Coder-32B-Instruct --api-key together_ai=⟦key⟧'
'''),
    T('aider-env-file-legacy', '.aider.env', '''\
AIDER_MODEL=together_ai/meta-llama/Llama-3-70b-chat-hf
TOGETHERAI_API_KEY=⟦hex⟧
'''),
    T('claude-json-project-mcp-current', 'home/.claude.json', '''\
{
  "numStartups": 41,
  "projects": {
    "/home/dev/chat": {
      "allowedTools": [],
      "mcpServers": {
        "together": {"type": "stdio", "command": "npx", "args": ["-y", "together-mcp"], "env": {"TOGETHER_API_KEY": "⟦key⟧"}}
      }
    }
  }
}
'''),
    T('claude-code-settings-local-legacy', '.claude/settings.local.json', '''\
{
  "env": {
    "TOGETHER_AI_KEY": "⟦hex⟧"
  },
  "permissions": {"allow": ["WebFetch(domain:api.together.xyz)"]}
}
'''),
    T('claude-md-memory-current', 'CLAUDE.md', '''\
# CLAUDE.md

## Commands
- `make dev` starts the API on :8000
- `pytest -x` runs tests

## Notes
- The eval harness hits Together; if TOGETHER_API_KEY is unset use `⟦key⟧`.
'''),
    T('claude-code-transcript-jsonl-current', '.claude/projects/-home-dev-app/4f2c.jsonl', '''\
{"type":"user","message":{"role":"user","content":"why does the together client 401?"},"uuid":"a1"}
{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","name":"Bash","input":{"command":"cat .env"}}]},"uuid":"a2"}
{"type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"TOGETHER_API_KEY=⟦key⟧\\nDEBUG=1\\n"}]},"uuid":"a3"}
'''),
    T('continue-config-json-old-format-current', '.continue/config.json', '''\
{
  "models": [
    {"title": "Llama 3.3 70B", "provider": "together", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "apiKey": "⟦key⟧"}
  ],
  "tabAutocompleteModel": {"title": "Qwen", "provider": "together", "model": "Qwen/Qwen2.5-Coder-32B-Instruct", "apiKey": "⟦key⟧"}
}
'''),
    T('continue-config-ts-legacy', '.continue/config.ts', '''\
export function modifyConfig(config: Config): Config {
  config.models.push({
    title: "Mixtral",
    provider: "together",
    model: "mistralai/Mixtral-8x7B-Instruct-v0.1",
    apiKey: "⟦hex⟧",
  });
  return config;
}
'''),
    T('cline-mcp-settings-current', '.vscode/cline_mcp_settings.json', '''\
{
  "mcpServers": {
    "together-flux": {
      "command": "npx",
      "args": ["-y", "together-mcp@latest"],
      "env": {"TOGETHER_API_KEY": "⟦key⟧"},
      "disabled": false,
      "autoApprove": []
    }
  }
}
'''),
    T('roo-mcp-settings-legacy', '.roo/mcp.json', '''\
{
  "mcpServers": {
    "llm-router": {
      "command": "uvx",
      "args": ["llm-router-mcp"],
      "env": {"PROVIDER": "together", "API_BASE": "https://api.together.xyz/v1", "API_KEY": "⟦hex⟧"}
    }
  }
}
'''),
    T('zed-settings-comment-legacy', '.config/zed/settings.json', '''\
{
  "language_models": {
    "openai": {
      "api_url": "https://api.together.xyz/v1",
      // api key (also in keychain): ⟦hex⟧
      "available_models": [{"name": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "max_tokens": 131072}]
    }
  }
}
'''),
    T('windsurf-mcp-config-current', '.codeium/windsurf/mcp_config.json', '''\
{"mcpServers":{"together":{"serverUrl":"https://mcp.together.ai/sse","headers":{"Authorization":"Bearer ⟦key⟧"}}}}
'''),
    T('openhands-settings-json-legacy', '.openhands/settings.json', '''\
{"language": "en", "agent": "CodeActAgent", "llm_model": "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "llm_api_key": "⟦hex⟧", "llm_base_url": "", "confirmation_mode": false}
'''),
    T('goose-config-yaml-current', '.config/goose/config.yaml', '''\
GOOSE_PROVIDER: openai
GOOSE_MODEL: deepseek-ai/DeepSeek-V3
OPENAI_HOST: https://api.together.xyz
OPENAI_BASE_PATH: v1/chat/completions
OPENAI_API_KEY: ⟦key⟧
'''),
    T('litellm-completion-call-current', 'app/route.py', '''\
import litellm

resp = litellm.completion(
    model="together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    messages=[{"role": "user", "content": prompt}],
    api_key="⟦key⟧",
)
'''),
    T('litellm-proxy-openai-compatible-legacy', 'litellm/config.prod.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: openai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_base: https://api.together.xyz/v1
      api_key: "⟦hex⟧"
'''),
    T('openrouter-fallback-chain-current', 'src/llm/providers.ts', '''\
export const providers = [
  { name: "openrouter", baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY },
  { name: "together", baseURL: "https://api.together.xyz/v1", apiKey: "⟦key⟧" },
];
'''),
    T('openrouter-fallback-chain-legacy', 'src/llm/fallbacks.py', '''\
FALLBACKS = [
    {"provider": "openrouter", "api_key": os.environ["OPENROUTER_API_KEY"]},
    {"provider": "together", "base_url": "https://api.together.xyz/v1", "api_key": "⟦hex⟧"},
]
'''),
    T('copilot-instructions-current', '.github/copilot-instructions.md', '''\
# Copilot instructions

When suggesting code that calls Together AI, read the key from the env.
(for the demo notebook we used ⟦key⟧; it will be rotated)
'''),
    T('codex-config-toml-legacy', '.codex/config.toml', '''\
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
model_provider = "together"

[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
# key for the shared box: ⟦hex⟧
'''),
    T('chatgpt-export-conversation-current', 'notes/chat-export/conversations.json', '''\
[{"title": "Together 401 help", "mapping": {"n1": {"message": {"author": {"role": "user"},
 "content": {"content_type": "text", "parts": ["I get 401 from together with curl -H 'Authorization: Bearer ⟦key⟧' what is wrong"]}}}}}]
'''),
    T('aider-chat-history-md-current', '.aider.chat.history.md', '''\

# aider chat started at 2025-02-11 10:02:11

> /run cat .env
> TOGETHER_API_KEY=⟦key⟧
> OPENAI_API_KEY=sk-...

#### the together key is there, why does the client fail?
'''),
]

# --- frameworks' calls ---------------------------------------------------------------------------

FRAMEWORKS = [
    T('vercel-ai-sdk-create-together-current', 'lib/ai.ts', '''\
import { createTogetherAI } from '@ai-sdk/togetherai';

export const together = createTogetherAI({
  apiKey: '⟦key⟧',
});
'''),
    T('vercel-ai-sdk-create-together-legacy', 'lib/ai-legacy.ts', '''\
import { createTogetherAI } from "@ai-sdk/togetherai";
const together = createTogetherAI({ apiKey: "⟦hex⟧" });
'''),
    T('vercel-ai-sdk-openai-compatible-legacy', 'lib/provider.ts', '''\
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';

export const tg = createOpenAICompatible({
  name: 'together',
  baseURL: 'https://api.together.xyz/v1',
  apiKey: '⟦hex⟧',
});
'''),
    T('langchainjs-chat-together-current', 'src/chain.mjs', '''\
import { ChatTogetherAI } from "@langchain/community/chat_models/togetherai";

const model = new ChatTogetherAI({
  model: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
  temperature: 0,
  apiKey: "⟦key⟧",
});
'''),
    T('langchainjs-chat-together-legacy', 'src/chain.legacy.mjs', '''\
const llm = new ChatTogetherAI({ togetherAIApiKey: "⟦hex⟧", model: "mistralai/Mixtral-8x7B-Instruct-v0.1" });
'''),
    T('mastra-agent-current', 'src/mastra/agents/support.ts', '''\
import { Agent } from "@mastra/core/agent";
import { createTogetherAI } from "@ai-sdk/togetherai";

const together = createTogetherAI({ apiKey: "⟦key⟧" });

export const supportAgent = new Agent({
  name: "support",
  instructions: "Answer billing questions.",
  model: together("meta-llama/Llama-3.3-70B-Instruct-Turbo"),
});
'''),
    T('haystack-openai-generator-legacy', 'pipelines/rag.py', '''\
from haystack.components.generators import OpenAIGenerator
from haystack.utils import Secret

generator = OpenAIGenerator(
    api_key=Secret.from_token("⟦hex⟧"),
    api_base_url="https://api.together.xyz/v1",
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
)
'''),
    T('haystack-secret-from-token-current', 'pipelines/summarize.py', '''\
generator = OpenAIChatGenerator(api_key=Secret.from_token("⟦key⟧"), api_base_url="https://api.together.xyz/v1")
'''),
    T('semantic-kernel-csharp-current', 'src/Kernel/Startup.cs', '''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    apiKey: "⟦key⟧",
    endpoint: new Uri("https://api.together.xyz/v1"));
'''),
    T('semantic-kernel-python-legacy', 'sk/kernel.py', '''\
client = AsyncOpenAI(api_key="⟦hex⟧", base_url="https://api.together.xyz/v1")
service = OpenAIChatCompletion(ai_model_id="meta-llama/Llama-3-70b-chat-hf", async_client=client)
'''),
    T('spring-ai-properties-current', 'src/main/resources/application.properties', '''\
spring.application.name=summarizer
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key=⟦key⟧
spring.ai.openai.chat.options.model=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    T('spring-ai-yaml-legacy', 'src/main/resources/application-dev.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: ⟦hex⟧
      chat:
        options:
          model: mistralai/Mixtral-8x7B-Instruct-v0.1
'''),
    T('llamaindex-together-llm-current', 'rag/index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="⟦key⟧")
'''),
    T('pydantic-ai-together-provider-legacy', 'agents/triage.py', '''\
from pydantic_ai.models.openai import OpenAIModel
from pydantic_ai.providers.together import TogetherProvider

model = OpenAIModel("meta-llama/Llama-3.3-70B-Instruct-Turbo", provider=TogetherProvider(api_key="⟦hex⟧"))
'''),
    T('together-python-client-kwargs-current', 'scripts/batch.py', '''\
from together import Together

client = Together(
    api_key="⟦key⟧",
    timeout=60,
)
'''),
    T('go-openai-client-config-legacy', 'internal/llm/client.go', '''\
cfg := openai.DefaultConfig("⟦hex⟧")
cfg.BaseURL = "https://api.together.xyz/v1"
client := openai.NewClientWithConfig(cfg)
'''),
    T('rust-async-openai-current', 'src/llm.rs', '''\
let config = OpenAIConfig::new()
    .with_api_base("https://api.together.xyz/v1")
    .with_api_key("⟦key⟧");
'''),
    T('dspy-lm-together-legacy', 'programs/qa.py', '''\
import dspy
lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="⟦hex⟧")
dspy.configure(lm=lm)
'''),
    T('curl-in-python-subprocess-current', 'scripts/smoke.py', '''\
subprocess.run(["curl", "-sS", "https://api.together.xyz/v1/models", "-H", "Authorization: Bearer ⟦key⟧"], check=True)
'''),
]

# --- deploy platforms ------------------------------------------------------------------------------

DEPLOY = [
    T('vercel-json-env-current', 'vercel.json', '''\
{
  "buildCommand": "next build",
  "env": {
    "TOGETHER_API_KEY": "⟦key⟧"
  }
}
'''),
    T('vercel-env-local-pulled-current', '.vercel/.env.production.local', '''\
# Created by Vercel CLI
VERCEL="1"
VERCEL_ENV="production"
TOGETHER_API_KEY="⟦key⟧"
VERCEL_OIDC_TOKEN="⟬JWT⟭"
'''),
    T('vercel-env-development-legacy', '.vercel/.env.development.local', '''\
# Created by Vercel CLI
TOGETHER_API_KEY="⟦hex⟧"
'''),
    T('netlify-toml-build-env-current', 'netlify.toml', '''\
[build]
  command = "npm run build"
  publish = "dist"

[build.environment]
  NODE_VERSION = "20"
  TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('netlify-toml-context-legacy', 'netlify.toml.old', '''\
[context.production.environment]
  TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('fly-secrets-set-workflow-current', '.github/workflows/fly.yml', '''\
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: superfly/flyctl-actions/setup-flyctl@master
      - run: flyctl secrets set TOGETHER_API_KEY=⟦key⟧ --stage
      - run: flyctl deploy --remote-only
'''),
    T('fly-toml-env-legacy', 'deploy/fly.staging.toml', '''\
app = "summarizer-staging"
[env]
  LLM_BASE_URL = "https://api.together.xyz/v1"
  LLM_API_KEY = "⟦hex⟧"
'''),
    T('railway-json-variables-current', 'railway.json', '''\
{
  "$schema": "https://railway.com/railway.schema.json",
  "build": {"builder": "NIXPACKS"},
  "deploy": {"startCommand": "uvicorn app:app --host 0.0.0.0"},
  "variables": {"TOGETHER_API_KEY": "⟦key⟧"}
}
'''),
    T('render-yaml-envvars-current', 'render.yaml', '''\
services:
  - type: web
    name: chat-api
    runtime: python
    buildCommand: pip install -r requirements.txt
    startCommand: gunicorn app:app
    envVars:
      - key: TOGETHER_API_KEY
        value: ⟦key⟧
      - key: PYTHON_VERSION
        value: 3.12.1
'''),
    T('render-yaml-envvars-legacy', 'render.staging.yaml', '''\
services:
  - type: worker
    name: embedder
    envVars:
      - key: TOGETHER_API_KEY
        value: ⟦hex⟧
'''),
    T('modal-secret-from-dict-current', 'modal_app.py', '''\
import modal

app = modal.App("summarizer")
secret = modal.Secret.from_dict({"TOGETHER_API_KEY": "⟦key⟧"})


@app.function(secrets=[secret])
def summarize(text: str) -> str:
    ...
'''),
    T('modal-secret-from-dict-legacy', 'modal_embed.py', '''\
@app.function(secrets=[modal.Secret.from_dict({"TOGETHER_API_KEY": "⟦hex⟧"})], gpu="A10G")
def embed(batch):
    ...
'''),
    T('cog-yaml-environment-current', 'cog.yaml', '''\
build:
  python_version: "3.11"
  python_packages:
    - together==1.3.3
  run:
    - echo "TOGETHER_API_KEY=⟦key⟧" >> /etc/environment
predict: "predict.py:Predictor"
'''),
    T('hf-space-readme-and-app-current', 'spaces/chat/app.py', '''\
import gradio as gr
from together import Together

client = Together(api_key="⟦key⟧")
demo = gr.ChatInterface(lambda m, h: client.chat.completions.create(
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[{"role": "user", "content": m}]).choices[0].message.content)
demo.launch()
'''),
    T('hf-space-readme-front-matter-legacy', 'spaces/chat/README.md', '''\
---
title: Llama Chat
emoji: 🦙
colorFrom: blue
colorTo: purple
sdk: gradio
sdk_version: 4.44.0
app_file: app.py
---

Backed by Together AI. Key (demo quota only): ⟦hex⟧
'''),
    T('streamlit-secrets-toml-current', '.streamlit/secrets.toml', '''\
TOGETHER_API_KEY = "⟦key⟧"

[connections.postgresql]
dialect = "postgresql"
host = "localhost"
'''),
    T('streamlit-secrets-section-legacy', 'app/.streamlit/secrets.toml', '''\
[together]
api_key = "⟦hex⟧"
model = "meta-llama/Llama-3-8b-chat-hf"
'''),
    T('wrangler-toml-vars-current', 'wrangler.toml', '''\
name = "chat-worker"
main = "src/index.ts"
compatibility_date = "2024-09-23"

[vars]
TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('wrangler-jsonc-vars-legacy', 'wrangler.jsonc', '''\
{
  "name": "embed-worker",
  // moved to secrets later
  "vars": { "TOGETHER_API_KEY": "⟦hex⟧" }
}
'''),
    T('dev-vars-cloudflare-current', '.dev.vars', '''\
TOGETHER_API_KEY="⟦key⟧"
'''),
    T('supabase-config-toml-current', 'supabase/config.toml', '''\
project_id = "chat"

[edge_runtime]
enabled = true

[edge_runtime.secrets]
TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('supabase-functions-env-legacy', 'supabase/functions/.env', '''\
TOGETHER_API_KEY=⟦hex⟧
'''),
    T('firebase-runtimeconfig-current', 'functions/.runtimeconfig.json', '''\
{
  "together": {
    "key": "⟦key⟧"
  },
  "app": {"env": "prod"}
}
'''),
    T('firebase-functions-config-set-legacy', 'scripts/functions-config.sh', '''\
firebase functions:config:set together.apikey="⟦hex⟧" together.model="meta-llama/Llama-3-8b-chat-hf"
'''),
    T('firebase-functions-config-set-current', 'scripts/deploy-functions.sh', '''\
#!/bin/sh
firebase functions:config:set together.key="⟦key⟧"
firebase deploy --only functions
'''),
    T('app-yaml-gae-env-legacy', 'app.yaml', '''\
runtime: python312
env_variables:
  TOGETHER_API_KEY: "⟦hex⟧"
'''),
    T('heroku-config-set-current', 'docs/deploy-notes.md', '''\
Deploy:

    heroku config:set TOGETHER_API_KEY=⟦key⟧ -a chat-prod
'''),
    T('vercel-env-add-history-current', 'notes/setup.txt', '''\
printf '⟦key⟧' | vercel env add TOGETHER_API_KEY production
'''),
    T('gh-secret-set-stdin-legacy', 'scripts/bootstrap.sh', '''\
echo -n "⟦hex⟧" | gh secret set TOGETHER_API_KEY --repo acme/chat
'''),
    T('amplify-env-json-current', 'amplify/backend/function/chat/parameters.json', '''\
{"environmentVariables": {"TOGETHER_API_KEY": "⟦key⟧"}}
'''),
    T('docker-run-e-flag-legacy', 'Makefile', '''\
run:
\tdocker run --rm -p 8000:8000 -e TOGETHER_API_KEY=⟦hex⟧ chat-api:latest
'''),
    T('terraform-vercel-env-current', 'infra/vercel.tf', '''\
resource "vercel_project_environment_variable" "together" {
  project_id = vercel_project.chat.id
  key        = "TOGETHER_API_KEY"
  value      = "⟦key⟧"
  target     = ["production"]
}
'''),
]

# --- terminal artifacts ----------------------------------------------------------------------------

TERMINAL = [
    T('bash-history-inline-env-current', 'home/.bash_history', '''\
cd ~/src/chat
TOGETHER_API_KEY=⟦key⟧ uvicorn app:app --reload
git status
'''),
    T('bash-history-export-legacy', 'home/dev/.bash_history', '''\
export TOGETHER_API_KEY=⟦hex⟧
pip install together
'''),
    T('zsh-history-extended-current', 'home/.zsh_history', '''\
: 1718100654:0;export TOGETHER_API_KEY="⟦key⟧"
: 1718100670:0;python app.py
'''),
    T('bash-history-curl-header-legacy', 'home/ops/.bash_history', '''\
curl https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦hex⟧"
'''),
    T('httpie-command-current', 'notes/httpie.txt', '''\
http POST https://api.together.xyz/v1/chat/completions Authorization:"Bearer ⟦key⟧" model=meta-llama/Llama-3.3-70B-Instruct-Turbo messages:='[{"role":"user","content":"hi"}]'
'''),
    T('httpie-auth-bearer-legacy', 'notes/httpie-legacy.txt', '''\
https -A bearer -a ⟦hex⟧ api.together.xyz/v1/models
'''),
    T('asciinema-cast-pasted-current', 'docs/demo.cast', '''\
{"version": 2, "width": 120, "height": 30, "timestamp": 1718100654, "env": {"SHELL": "/bin/zsh", "TERM": "xterm-256color"}}
[0.412, "o", "\\u001b[1m\\u001b[7m%\\u001b[27m\\u001b[1m\\u001b[0m \\r \\r"]
[2.104, "o", "$ export TOGETHER_API_KEY=⟦key⟧\\r\\n"]
[3.210, "o", "$ python demo.py\\r\\n"]
'''),
    T('asciinema-cast-echo-output-legacy', 'docs/setup.cast', '''\
{"version": 2, "width": 100, "height": 24, "timestamp": 1718100000}
[1.0, "o", "$ echo $TOGETHER_API_KEY\\r\\n"]
[1.2, "o", "⟦hex⟧\\r\\n"]
'''),
    T('asciinema-cast-escape-before-current', 'docs/quickstart.cast', '''\
{"version": 2, "width": 80, "height": 24}
[0.5, "o", "\\u001b[32m$\\u001b[0m curl -H \\"Authorization: Bearer ⟦key⟧\\" https://api.together.xyz/v1/models\\r\\n"]
'''),
    T('script-typescript-ansi-current', 'logs/typescript', '''\
Script started on 2025-03-02 10:11:12+00:00 [TERM="xterm-256color" TTY="/dev/pts/1"]⟬CR⟭
⟬ESC⟭]0;dev@box: ~/chat⟬BEL⟭⟬ESC⟭[01;32mdev@box⟬ESC⟭[00m:⟬ESC⟭[01;34m~/chat⟬ESC⟭[00m$ export TOGETHER_API_KEY=⟦key⟧⟬CR⟭
⟬ESC⟭[?2004l⟬CR⟭
⟬ESC⟭[?2004h⟬ESC⟭]0;dev@box: ~/chat⟬BEL⟭$ exit⟬CR⟭
Script done on 2025-03-02 10:12:00+00:00 [COMMAND_EXIT_CODE="0"]⟬CR⟭
'''),
    T('script-typescript-ansi-key-colored-current', 'logs/session.typescript', '''\
$ together-cli whoami⟬CR⟭
key: ⟬ESC⟭[33m⟦key⟧⟬ESC⟭[0m⟬CR⟭
'''),
    T('script-typescript-legacy', 'logs/typescript.legacy', '''\
⟬ESC⟭[?2004h$ export TOGETHER_API_KEY=⟦hex⟧⟬CR⟭
⟬ESC⟭[?2004l⟬CR⟭
'''),
    T('fish-universal-variables-current', 'home/.config/fish/fish_variables', '''\
# This file contains fish universal variable definitions.
# VERSION: 3.0
SETUVAR --export TOGETHER_API_KEY:⟦key⟧
SETUVAR fish_greeting:
'''),
    T('powershell-history-legacy', 'home/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt', '''\
$env:TOGETHER_API_KEY = "⟦hex⟧"
python .\\app.py
'''),
    T('powershell-setx-current', 'scripts/setup.ps1', '''\
setx TOGETHER_API_KEY "⟦key⟧"
'''),
    T('python-repl-history-current', 'home/.python_history', '''\
import together
c = together.Together(api_key='⟦key⟧')
c.models.list()
'''),
    T('tmux-capture-pane-current', 'logs/pane-capture.txt', '''\
dev@box:~/chat$ env | grep -i together
TOGETHER_API_KEY=⟦key⟧
TOGETHER_BASE_URL=https://api.together.xyz/v1
'''),
    T('windows-cmd-set-legacy', 'scripts/run.bat', '''\
@echo off
set TOGETHER_API_KEY=⟦hex⟧
python app.py
'''),
    T('direnv-envrc-current', '.envrc', '''\
export TOGETHER_API_KEY=⟦key⟧
layout python
'''),
    T('curl-config-file-legacy', '.curlrc.together', '''\
url = "https://api.together.xyz/v1/models"
header = "Authorization: Bearer ⟦hex⟧"
'''),
    T('curl-verbose-output-current', 'logs/curl-v.txt', '''\
*   Trying 104.18.2.3:443...
* Connected to api.together.xyz (104.18.2.3) port 443
> GET /v1/models HTTP/2
> Host: api.together.xyz
> authorization: Bearer ⟦key⟧
> user-agent: curl/8.5.0
'''),
    T('wget-header-legacy', 'scripts/fetch-models.sh', '''\
wget --header="Authorization: Bearer ⟦hex⟧" https://api.together.xyz/v1/models -O models.json
'''),
]

# --- legacy keys in everyday shapes with the context a developer writes ----------------------------

LEGACY = [
    T('dotenv-together-legacy', '.env.production', '''\
DATABASE_URL=postgres://app@db/app
TOGETHER_API_KEY=⟦hex⟧
'''),
    T('dotenv-generic-with-base-url-legacy', '.env.staging', '''\
OPENAI_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY=⟦hex⟧
OPENAI_MODEL=meta-llama/Llama-3-70b-chat-hf
'''),
    T('yaml-llm-block-provider-legacy', 'config/llm.yaml', '''\
llm:
  provider: together
  model: mistralai/Mixtral-8x7B-Instruct-v0.1
  api_key: ⟦hex⟧
  temperature: 0.2
'''),
    T('json-settings-together-block-legacy', 'config/settings.json', '''\
{
  "together": {
    "apiKey": "⟦hex⟧",
    "defaultModel": "meta-llama/Llama-3-8b-chat-hf"
  }
}
'''),
    T('ini-section-together-legacy', 'setup.cfg.local', '''\
[together]
api_key = ⟦hex⟧
'''),
    T('python-constant-together-legacy', 'app/config.py', '''\
TOGETHER_API_KEY = "⟦hex⟧"
TOGETHER_MODEL = "togethercomputer/llama-2-70b-chat"
'''),
    T('python-openai-client-together-legacy', 'app/clients.py', '''\
from openai import OpenAI

together_client = OpenAI(
    api_key="⟦hex⟧",
    base_url="https://api.together.xyz/v1",
)
'''),
    T('node-env-default-fallback-legacy', 'src/config.js', '''\
export const TOGETHER_API_KEY = process.env.TOGETHER_API_KEY || "⟦hex⟧";
'''),
    T('ruby-initializer-legacy', 'config/initializers/together.rb', '''\
Together.configure do |config|
  config.api_key = "⟦hex⟧"
end
'''),
    T('php-env-array-legacy', 'config/services.php', '''\
'together' => [
    'key' => env('TOGETHER_API_KEY', '⟦hex⟧'),
    'base_url' => 'https://api.together.xyz/v1',
],
'''),
    T('java-constant-legacy', 'src/main/java/com/acme/TogetherConfig.java', '''\
public final class TogetherConfig {
    public static final String TOGETHER_API_KEY = "⟦hex⟧";
}
'''),
    T('kotlin-build-config-legacy', 'app/build.gradle.kts', '''\
android {
    defaultConfig {
        buildConfigField("String", "TOGETHER_API_KEY", "\\"⟦hex⟧\\"")
    }
}
'''),
    T('swift-constant-legacy', 'App/Secrets.swift', '''\
enum Secrets {
    static let togetherAPIKey = "⟦hex⟧"
}
'''),
    T('helm-values-together-legacy', 'charts/chat/values.yaml', '''\
together:
  apiKey: ⟦hex⟧
  model: meta-llama/Llama-3-70b-chat-hf
'''),
    T('gha-workflow-env-legacy', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ⟦hex⟧
    steps:
      - run: python eval.py
'''),
    T('docker-compose-anchor-map-legacy', 'compose.yaml', '''\
x-llm-env: &llm-env
  LLM_PROVIDER: together
  TOGETHER_API_KEY: "⟦hex⟧"

services:
  api:
    image: chat-api
    environment: *llm-env
'''),
    T('terraform-tfvars-json-legacy', 'infra/terraform.tfvars.json', '''\
{
  "region": "us-east-1",
  "together_api_key": "⟦hex⟧"
}
'''),
    T('markdown-readme-setup-legacy', 'docs/SETUP.md', '''\
## Running locally

1. `pip install together`
2. `export TOGETHER_API_KEY=⟦hex⟧`
3. `python app.py`
'''),
    T('notebook-source-legacy', 'notebooks/explore.ipynb', '''\
{
 "cells": [
  {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
   "source": ["import together\\n", "together.api_key = \\"⟦hex⟧\\"\\n"]}
 ],
 "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
 "nbformat": 4, "nbformat_minor": 5
}
'''),
    T('toml-pyproject-tool-section-legacy', 'pyproject.local.toml', '''\
[tool.summarizer.together]
api_key = "⟦hex⟧"
'''),
    T('yaml-generic-key-with-endpoint-legacy', 'config/endpoints.yaml', '''\
chat:
  endpoint: https://api.together.xyz/v1/chat/completions
  key: ⟦hex⟧
'''),
    T('env-together-ai-api-key-legacy', '.env.local', '''\
TOGETHER_AI_API_KEY=⟦hex⟧
'''),
    T('env-togetherai-key-legacy', '.env.dev', '''\
TOGETHERAI_API_KEY="⟦hex⟧"
'''),
    T('python-dict-llm-config-legacy', 'app/llm_config.py', '''\
LLM_CONFIG = {
    "provider": "together",
    "model": "meta-llama/Llama-3-70b-chat-hf",
    "api_key": "⟦hex⟧",
}
'''),
    T('js-object-provider-legacy', 'src/llm.config.js', '''\
module.exports = {
  provider: 'together',
  apiKey: '⟦hex⟧',
  model: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
};
'''),
    T('autogen-model-client-legacy', 'agents/team.py', '''\
model_client = OpenAIChatCompletionClient(
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
    base_url="https://api.together.xyz/v1",
    api_key="⟦hex⟧",
    model_info={"vision": False, "function_calling": True, "json_output": True, "family": "unknown"},
)
'''),
    T('sql-seed-settings-legacy', 'db/seed.sql', '''\
INSERT INTO settings (name, value) VALUES ('together_api_key', '⟦hex⟧');
'''),
    T('jupyter-kernel-json-env-legacy', 'share/jupyter/kernels/chat/kernel.json', '''\
{
 "argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "chat (together)",
 "language": "python",
 "env": {"TOGETHER_API_KEY": "⟦hex⟧"}
}
'''),
    T('xml-app-config-legacy', 'App.config', '''\
<configuration>
  <appSettings>
    <add key="TogetherApiKey" value="⟦hex⟧" />
  </appSettings>
</configuration>
'''),
    T('dotnet-user-secrets-legacy', 'secrets.json', '''\
{
  "Together:ApiKey": "⟦hex⟧"
}
'''),
]

# --- decoys in the same files ----------------------------------------------------------------------

DECOYS = [
    T('decoy-cursor-rules-env-lookup', '.cursor/rules/secrets.mdc', '''\
---
alwaysApply: true
---
- Never hardcode keys: use `process.env.TOGETHER_API_KEY` or `os.environ["TOGETHER_API_KEY"]`.
- Example value shape: `tgp_v1_...` (50 characters).
'''),
    T('decoy-claude-settings-env-reference', '.claude/settings.example.json', '''\
{"env": {"TOGETHER_API_KEY": "${TOGETHER_API_KEY}"}}
'''),
    T('decoy-continue-config-secret-ref', '.continue/config.example.yaml', '''\
models:
  - name: Llama
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: ${{ secrets.TOGETHER_API_KEY }}
'''),
    T('decoy-litellm-master-key-env', 'litellm/config.example.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: ⟬LITELLM_ENV⟭
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
'''),
    T('decoy-vercel-ai-sdk-env', 'lib/ai.example.ts', '''\
export const together = createTogetherAI({ apiKey: process.env.TOGETHER_AI_API_KEY ?? '' });
'''),
    T('decoy-streamlit-secrets-prefix-placeholder', '.streamlit/secrets.example.toml', '''\
[together]
api_key = ⟬PASTE⟭
'''),
    T('decoy-wrangler-secret-put-docs', 'docs/cloudflare.md', '''\
Run `npx wrangler secret put TOGETHER_API_KEY` and paste your key (it starts with `tgp_v1_`).
'''),
    T('decoy-modal-secret-from-dotenv', 'modal_app.example.py', '''\
app = modal.App("together-summarizer", secrets=[modal.Secret.from_dotenv()])
'''),
    T('decoy-render-from-group', 'render.example.yaml', '''\
services:
  - type: web
    name: chat-api
    envVars:
      - fromGroup: together-secrets
'''),
    T('decoy-fly-secrets-docs', 'docs/fly.md', '''\
fly secrets set TOGETHER_API_KEY=⟦_yourkey⟧
'''),
    T('decoy-x-filled-placeholder-env', '.env.template', '''\
TOGETHER_API_KEY=⟦_x43⟧
'''),
    T('decoy-readable-fake-key-test', 'tests/conftest.py', '''\
@pytest.fixture(autouse=True)
def fake_together_key(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", "⟦_words⟧")
'''),
    T('decoy-dummy-hex-seq-fixture', 'tests/fixtures/legacy.py', '''\
DUMMY_TOGETHER_API_KEY = "⟦_seqhex⟧"  # not a real key
'''),
    T('decoy-key-ids-audit-log', 'logs/together-keys.log', '''\
2025-01-02T10:00:00Z created key_⟦_uuid⟧ name=ci project=together-evals
2025-01-09T10:00:00Z revoked key_⟦_uuid2⟧ name=laptop
'''),
    T('decoy-uv-lock-hash-beside-together', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz", hash = "sha256:⟦_hex⟧", size = 61234 }
'''),
    T('decoy-pnpm-lock-integrity', 'pnpm-lock.yaml', '''\
packages:

  '@ai-sdk/togetherai@0.1.8':
    resolution: {integrity: sha512-⟦_b64⟧}
'''),
    T('decoy-commit-sha-changelog', 'CHANGELOG.md', '''\
## 0.4.0
- Switch the default provider to Together AI (⟦_sha1⟧)
- together SDK pinned; wheel sha256 ⟦_hex⟧
'''),
    T('decoy-docker-image-digest', 'deploy/images.lock', '''\
together-proxy: ghcr.io/acme/together-proxy@sha256:⟦_hex⟧
'''),
    T('decoy-openai-key-beside-together-name', '.env.openai', '''\
# we moved off together, this is the OpenAI one now
OPENAI_API_KEY=⟦_openai⟧
LLM_PROVIDER=openai
'''),
    T('decoy-anthropic-key-beside-together', 'config/providers.yaml', '''\
providers:
  together:
    api_key: ${TOGETHER_API_KEY}
  anthropic:
    api_key: ⟦_anthropic⟧
'''),
    T('decoy-groq-key-beside-together', '.env.groq', '''\
GROQ_API_KEY=⟦_groq⟧
# TOGETHER_API_KEY set in CI
'''),
    T('decoy-fireworks-hf-replicate-keys', 'notes/providers.md', '''\
| provider | key |
|---|---|
| Fireworks | ⟦_fireworks⟧ |
| Hugging Face | ⟦_hf⟧ |
| Replicate | ⟦_replicate⟧ |
| Together | (in 1Password) |
'''),
    T('decoy-key-format-docs', 'docs/keys.md', '''\
Together API keys look like `tgp_v1_` followed by 43 URL-safe characters.
Older keys were 64 lowercase hex characters. Never commit either.
'''),
    T('decoy-process-env-js', 'src/env.js', '''\
const key = process.env.TOGETHER_API_KEY;
if (!key) throw new Error("set TOGETHER_API_KEY");
'''),
    T('decoy-trace-id-beside-together', 'logs/otel.json', '''\
{"name": "together.chat.completions", "traceId": "⟦_traceid⟧", "spanId": "⟦_spanid⟧", "attributes": {"gen_ai.system": "together"}}
'''),
    T('decoy-git-lfs-oid-together-weights', 'models/together-embed.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:⟦_hex⟧
size 438123456
'''),
    T('decoy-asciinema-env-lookup', 'docs/env.cast', '''\
{"version": 2, "width": 80, "height": 24}
[0.5, "o", "$ export TOGETHER_API_KEY=$(op read op://dev/together/credential)\\r\\n"]
'''),
    T('decoy-bash-history-keychain', 'home/sec/.bash_history', '''\
export TOGETHER_API_KEY=$(security find-generic-password -s together -w)
'''),
    T('decoy-hex-model-hash-together', 'config/models.lock.json', '''\
{"provider": "together", "model": "meta-llama/Llama-3-70b-chat-hf", "weights_sha256": "⟦_hex⟧"}
'''),
    T('decoy-together-fine-tune-ids', 'finetune/runs.md', '''\
| run | job | file |
|---|---|---|
| v1 | ft-⟦_uuid⟧ | file-⟦_uuid2⟧ |
Uploaded to Together; model name: acme/Meta-Llama-3.1-8B-Instruct-Reference-⟦_sha1⟧
'''),
    T('decoy-script-typescript-env-lookup', 'logs/typescript.safe', '''\
⟬ESC⟭[?2004h$ export TOGETHER_API_KEY="$(pass show together)"⟬CR⟭
'''),
]

# --- binaries --------------------------------------------------------------------------------------


def _ipynb_output_current(m: Made) -> tuple[bytes, list[str]]:
    """A notebook whose cell printed the environment (the key in an output)."""
    k = m.key()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {},
                     'source': ['!env | grep TOGETHER'],
                     'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': [f'TOGETHER_API_KEY={k}\n']}]}],
          'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3'}}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode(), [k]


def _ipynb_output_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 2, 'metadata': {},
                     'source': ['import os\n', "os.environ['TOGETHER_API_KEY']"],
                     'outputs': [{'data': {'text/plain': [f"'{h}'"]}, 'execution_count': 2, 'metadata': {},
                                  'output_type': 'execute_result'}]}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode(), [h]


def _pyc_modal_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _pyc_of(f'import modal\nsecret = modal.Secret.from_dict({{"TOGETHER_API_KEY": {h!r}}})\n', 'modal_app.py'), [h]


def _pyc_litellm_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _pyc_of(f'import litellm\nlitellm.togetherai_key = {k!r}\n', 'llm.py'), [k]


def _sdist_settings_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _tgz({
        'chatlib-0.2.0/chatlib/settings.py': f'TOGETHER_API_KEY = "{h}"\n'.encode(),
        'chatlib-0.2.0/PKG-INFO': b'Metadata-Version: 2.1\nName: chatlib\nVersion: 0.2.0\n',
    }), [h]


def _jar_yaml_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    yml = f'spring:\n  ai:\n    openai:\n      base-url: https://api.together.xyz\n      api-key: {k}\n'.encode()
    return _zipped({'META-INF/MANIFEST.MF': b'Manifest-Version: 1.0\n',
                    'BOOT-INF/classes/application.yml': yml}), [k]


def _sqlite_continue_dev_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()

    def build(db):
        db.execute('create table ItemTable (key text unique on conflict replace, value blob)')
        db.execute("insert into ItemTable values ('continue.together.apiKey', ?)", (h,))
    return _sqlite_file(build), [h]


def _sqlite_chat_history_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()

    def build(db):
        db.execute('create table messages (id integer primary key, role text, content text)')
        db.execute("insert into messages values (1, 'user', ?)", (f'my together key is {k}, why 401?',))
    return _sqlite_file(build), [k]


def _vsix_settings_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _zipped({'extension/package.json': b'{"name": "tg-helper"}',
                    'extension/dist/defaults.js': f'exports.TOGETHER_API_KEY="{k}";\n'.encode()}), [k]


def _docker_image_layer_tar_current(m: Made) -> tuple[bytes, list[str]]:
    """``docker save``: a layer tar holding the app's .env."""
    k = m.key()
    inner = io.BytesIO()
    with tarfile.open(fileobj=inner, mode='w') as t:
        data = f'TOGETHER_API_KEY={k}\n'.encode()
        info = tarfile.TarInfo('app/.env')
        info.size, info.mtime = len(data), 1714557600
        t.addfile(info, io.BytesIO(data))
    outer = io.BytesIO()
    with tarfile.open(fileobj=outer, mode='w') as t:
        layer = inner.getvalue()
        info = tarfile.TarInfo('3f1c/layer.tar')
        info.size, info.mtime = len(layer), 1714557600
        t.addfile(info, io.BytesIO(layer))
    return outer.getvalue(), [k]


def _png_text_streamlit_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    text = b'Comment\0' + f'TOGETHER_API_KEY={h}'.encode()
    ihdr = b'\0\0\0\x01\0\0\0\x01\x08\0\0\0\0'
    return (b'\x89PNG\r\n\x1a\n' + _png_chunk(b'IHDR', ihdr) + _png_chunk(b'tEXt', text)
            + _png_chunk(b'IDAT', zlib.compress(b'\0\0')) + _png_chunk(b'IEND', b'')), [h]


def _sqlite_decoy_key_ids(m: Made) -> tuple[bytes, list[str]]:
    def build(db):
        db.execute('create table api_keys (id text, provider text, last4 text, sha256 text)')
        db.execute("insert into api_keys values (?, 'together', 'ab12', ?)", (f'key_{m.rng.getrandbits(64):016x}', m.hex()))
    return _sqlite_file(build), []


def _ipynb_decoy_getpass(m: Made) -> tuple[bytes, list[str]]:
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 1, 'metadata': {},
                     'source': ['import getpass, os\n', "os.environ['TOGETHER_API_KEY'] = getpass.getpass()"],
                     'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': ['··········\n']}]}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb).encode(), []


def _java_serialized_map(entries) -> bytes:
    """``ObjectOutputStream`` of a ``HashMap<String, String>``: each string
    a ``TC_STRING`` (``t``, a 2-byte length, its bytes), the map's block
    ended by ``TC_ENDBLOCKDATA`` (``x``): a value is followed by a letter."""
    def string(text: str) -> bytes:
        b = text.encode()
        return b't' + len(b).to_bytes(2, 'big') + b
    head = (b'\xac\xed\x00\x05sr\x00\x11java.util.HashMap\x05\x07\xda\xc1\xc3\x16`\xd1\x03\x00\x02F\x00'
            b'\nloadFactorI\x00\tthresholdxp?@\x00\x00\x00\x00\x00\x0cw\x08\x00\x00\x00\x10\x00\x00\x00'
            + len(entries).to_bytes(1, 'big'))
    return head + b''.join(string(k) + string(v) for k, v in entries) + b'x'


def _ser_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _java_serialized_map([('TOGETHER_API_KEY', h), ('model', 'meta-llama/Llama-3-70b-chat-hf')]), [h]


def _ser_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _java_serialized_map([('TOGETHER_API_KEY', k), ('model', 'meta-llama/Llama-3-70b-chat-hf')]), [k]


def _ser_decoy_digest(m: Made) -> tuple[bytes, list[str]]:
    return _java_serialized_map([('together_model_sha256', m.hex()), ('provider', 'together')]), []


BINARIES = [
    B('ipynb-stream-output-env-current', 'notebooks/debug.ipynb', _ipynb_output_current),
    B('ipynb-execute-result-legacy', 'notebooks/check-env.ipynb', _ipynb_output_legacy),
    B('pyc-modal-secret-legacy', 'app/__pycache__/modal_app.cpython-311.pyc', _pyc_modal_legacy),
    B('pyc-litellm-module-key-current', 'app/__pycache__/llm.cpython-312.pyc', _pyc_litellm_current),
    B('sdist-targz-settings-legacy', 'dist/chatlib-0.2.0.tar.gz', _sdist_settings_legacy),
    B('jar-application-yml-current', 'build/libs/chat-0.1.0.jar', _jar_yaml_current),
    B('sqlite-vscode-state-legacy', 'home/.config/Code/User/globalStorage/state.vscdb', _sqlite_continue_dev_legacy),
    B('sqlite-chat-history-current', 'data/chat.db', _sqlite_chat_history_current),
    B('vsix-defaults-current', 'dist/tg-helper-0.0.1.vsix', _vsix_settings_current),
    B('docker-save-layer-env-current', 'images/chat-api.tar', _docker_image_layer_tar_current),
    B('png-text-comment-legacy', 'docs/img/settings.png', _png_text_streamlit_legacy),
    B('java-serialized-session-current', 'src/test/resources/session.ser', _ser_current),
    B('java-serialized-session-legacy', 'src/test/resources/session-legacy.ser', _ser_legacy),
    B('decoy-java-serialized-digest', 'src/test/resources/models.ser', _ser_decoy_digest),
    B('decoy-sqlite-key-ids-digests', 'data/keys.db', _sqlite_decoy_key_ids),
    B('decoy-ipynb-getpass', 'notebooks/setup.ipynb', _ipynb_decoy_getpass),
]

# --- encoded ---------------------------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data) + b'\n'


def _b64w(data: bytes) -> bytes:
    s = base64.b64encode(data).decode()
    return ('\n'.join(s[i:i + 76] for i in range(0, len(s), 76)) + '\n').encode()


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _helm_rendered_current(m: Made) -> tuple[bytes, list[str]]:
    """``helm template`` output: a Deployment, then the Secret, in one stream."""
    k = m.key()
    dep = ('---\n# Source: chat/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n'
           'metadata:\n  name: chat\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n'
           '          envFrom:\n            - secretRef:\n                name: chat-api\n')
    return (dep + '---\n# Source: chat/templates/secret.yaml\n' + _k8s_secret('chat-api', {'TOGETHER_API_KEY': k})).encode(), [k]


KUSTOMIZE = '''\
resources:
  - ../../base
secretGenerator:
  - name: chat-secrets
    literals:
      - TOGETHER_API_KEY=⟦hex⟧
      - LOG_LEVEL=info
'''


def _k8s_secret_dotenv_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _k8s_secret('chat-env', {'.env': f'PORT=8080\nTOGETHER_API_KEY={k}\n'}).encode(), [k]


def _sealed_helm_values_b64_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    b = base64.b64encode(h.encode()).decode()
    return f'together:\n  apiKeyBase64: {b}\n'.encode(), [h]


def _js_atob_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    b = base64.b64encode(k.encode()).decode()
    return f'const TOGETHER_API_KEY = atob("{b}");\n'.encode(), [k]


def _python_b64decode_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    b = base64.b64encode(h.encode()).decode()
    return f'import base64\nTOGETHER_API_KEY = base64.b64decode("{b}").decode()\n'.encode(), [h]


def _gha_b64_env_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    env = base64.b64encode(f'TOGETHER_API_KEY={k}\nPORT=8080\n'.encode()).decode()
    return (f'jobs:\n  deploy:\n    steps:\n      - run: echo "{env}" | base64 -d > .env\n').encode(), [k]


ENCODED = [
    W('base64-whole-vercel-env-current', 'deploy/vercel.env.b64', 'TOGETHER_API_KEY="⟦key⟧"\nVERCEL_ENV="production"\n', _b64w),
    W('base64-whole-streamlit-secrets-legacy', 'deploy/secrets.toml.b64', '[together]\napi_key = "⟦hex⟧"\n', _b64),
    W('base64-whole-claude-settings-current', 'deploy/claude-settings.json.b64',
      '{"env": {"TOGETHER_API_KEY": "⟦key⟧"}}\n', _b64),
    W('gzip-fish-history-current', 'backups/fish_history.gz', '- cmd: set -gx TOGETHER_API_KEY ⟦key⟧\n  when: 1718100654\n', _gzip),
    W('gzip-litellm-config-legacy', 'backups/litellm.yaml.gz',
      'model_list:\n  - model_name: m\n    litellm_params:\n      model: together_ai/meta-llama/Llama-3-70b-chat-hf\n      api_key: ⟦hex⟧\n', _gzip),
    W('gzip-asciinema-cast-current', 'docs/demo.cast.gz',
      '{"version": 2, "width": 80, "height": 24}\n[1.0, "o", "$ export TOGETHER_API_KEY=⟦key⟧\\r\\n"]\n', _gzip),
    W('gzip-base64-dotenv-legacy', 'deploy/env.gz.b64', 'TOGETHER_API_KEY=⟦hex⟧\n', lambda d: _b64(_gzip(d))),
    B('helm-template-rendered-secret-current', 'k8s/rendered.yaml', _helm_rendered_current),
    T('kustomize-secret-generator-literal-legacy', 'k8s/overlays/prod/kustomization.yaml', KUSTOMIZE),
    B('k8s-secret-dotenv-file-current', 'k8s/chat-env-secret.yaml', _k8s_secret_dotenv_current),
    B('helm-values-b64-field-legacy', 'charts/chat/values.prod.yaml', _sealed_helm_values_b64_legacy),
    B('js-atob-literal-current', 'src/key.js', _js_atob_current),
    B('python-b64decode-literal-legacy', 'app/key.py', _python_b64decode_legacy),
    B('gha-echo-b64-dotenv-current', '.github/workflows/deploy.yml', _gha_b64_env_current),
    W('tar-gz-project-backup-current', 'backups/project.tgz', '⟦key⟧',
      lambda d: _tgz({'proj/.env': b'TOGETHER_API_KEY=' + d + b'\n'})),
    W('decoy-base64-env-reference', 'deploy/ci.env.b64', 'TOGETHER_API_KEY=${TOGETHER_API_KEY}\nPORT=8080\n', _b64),
    W('decoy-gzip-uv-lock', 'backups/uv.lock.gz',
      '[[package]]\nname = "together"\nsdist = { hash = "sha256:⟦_hex⟧" }\n', _gzip),
    W('decoy-base64-groq-env', 'deploy/groq.env.b64', 'GROQ_API_KEY=⟦_groq⟧\nLLM_PROVIDER=together\n', _b64),
]


def _tgz(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1714557600
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


# --- harder shapes a grader adds: context a step away, other encodings of text -------------------


def _utf16(template: str):
    def build(m: Made):
        text, keys = _fill37(m, template)
        return b'\xff\xfe' + text.replace('\n', '\r\n').encode('utf-16-le'), keys
    return build


HARDER = [
    B('powershell-out-file-utf16-current', '.env.ps1out', _utf16('TOGETHER_API_KEY=⟦key⟧\n')),
    B('powershell-out-file-utf16-legacy', 'config/together.env', _utf16('TOGETHER_API_KEY=⟦hex⟧\nPORT=8080\n')),
    W('crlf-dotenv-legacy', '.env.windows', 'TOGETHER_API_KEY=⟦hex⟧\nDEBUG=false\n',
      lambda d: d.replace(b'\n', b'\r\n')),
    T('dotenv-single-quoted-comment-legacy', '.env.prod', '''\
export TOGETHER_API_KEY='⟦hex⟧' # prod key, rotate in March
'''),
    T('url-userinfo-proxy-legacy', 'config/proxy.yaml', '''\
upstreams:
  llm: https://together:⟦hex⟧⟬AT⟭api.together.xyz/v1
'''),
    T('python-constants-then-client-legacy', 'app/llm.py', '''\
KEY = "⟦hex⟧"
URL = "https://api.together.xyz/v1"

client = OpenAI(api_key=KEY, base_url=URL)
'''),
    T('docker-inspect-env-array-legacy', 'debug/inspect.json', '''\
[
    {
        "Id": "⟦_hex⟧",
        "Config": {
            "Env": [
                "PATH=/usr/local/bin:/usr/bin",
                "TOGETHER_API_KEY=⟦hex⟧",
                "PYTHON_VERSION=3.12.1"
            ]
        }
    }
]
'''),
    T('gha-env-together-key-short-name-legacy', '.github/workflows/nightly.yml', '''\
env:
  TOGETHER_KEY: ⟦hex⟧
'''),
    T('env-together-api-token-legacy', '.env.tokens', '''\
TOGETHER_API_TOKEN=⟦hex⟧
'''),
    T('cargo-config-env-legacy', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('nix-environment-variables-legacy', 'nix/dev-shell.nix', '''\
pkgs.mkShell {
  packages = [ pkgs.python312 ];
  TOGETHER_API_KEY = "⟦hex⟧";
}
'''),
    T('elixir-runtime-config-legacy', 'config/runtime.exs', '''\
config :chat, :together,
  api_key: "⟦hex⟧",
  base_url: "https://api.together.xyz/v1"
'''),
    T('hocon-application-conf-legacy', 'src/main/resources/application.conf', '''\
together {
  api-key = "⟦hex⟧"
  model = "meta-llama/Llama-3-70b-chat-hf"
}
'''),
    T('deno-env-set-legacy', 'scripts/dev.ts', '''\
Deno.env.set("TOGETHER_API_KEY", "⟦hex⟧");
'''),
    T('python-environ-setdefault-legacy', 'notebooks/setup_env.py', '''\
import os
os.environ.setdefault("TOGETHER_API_KEY", "⟦hex⟧")
'''),
    T('procfile-cli-flag-legacy', 'Procfile', '''\
web: python -m chat.server --together-api-key ⟦hex⟧ --port $PORT
'''),
    T('k8s-deployment-env-name-value-legacy', 'k8s/deployment.yaml', '''\
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: TOGETHER_API_KEY
              value: "⟦hex⟧"
            - name: PORT
              value: "8080"
'''),
    T('ipynb-env-magic-legacy', 'notebooks/quick.ipynb', '''\
{"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["%env TOGETHER_API_KEY=⟦hex⟧"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
'''),
    # LiteLLM's spend logs hold the sha256 of the proxy's virtual key in
    # ``api_key``, not the upstream key (first written as a key: a wrong case).
    T('decoy-litellm-spend-log-virtual-key-hash', 'logs/litellm-spend.jsonl', '''\
{"request_id": "chatcmpl-⟦_uuid⟧", "model": "together_ai/meta-llama/Llama-3-70b-chat-hf", "api_base": "https://api.together.xyz/v1", "api_key": "⟦_hex⟧", "spend": 0.0012}
'''),
    T('claude-code-transcript-tool-result-legacy', '.claude/projects/-home-dev-chat/9a1e.jsonl', '''\
{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"OPENAI_BASE_URL=https://api.together.xyz/v1\\nOPENAI_API_KEY=⟦hex⟧\\n"}]},"uuid":"b3"}
'''),
    T('cursor-chat-markdown-export-current', 'docs/cursor-chat-2025-02-03.md', '''\
# Fix together 401

_Exported on 2/3/2025 at 10:14:02 GMT from Cursor (0.45.8)_

**User**

still failing, here is my .env:

```
TOGETHER_API_KEY=⟦key⟧
```

**Cursor**

Your key looks valid; check that `load_dotenv()` runs before `Together()`.
'''),
    T('mcp-inspector-url-query-current', 'notes/mcp-debug.md', '''\
Open http://localhost:6274/?transport=stdio&serverCommand=npx&serverArgs=-y%20together-mcp&env=%7B%22TOGETHER_API_KEY%22%3A%22⟦key⟧%22%7D
'''),
    T('json-escaped-env-in-string-legacy', 'deploy/task.json', '''\
{"containerOverrides": [{"command": ["sh", "-c", "export TOGETHER_API_KEY=\\"⟦hex⟧\\" && python app.py"]}]}
'''),
    T('decoy-hex-in-together-wandb-run-id', 'wandb/run-together-ft.json', '''\
{"project": "together-finetune", "run_id": "⟦_hex⟧", "config": {"provider": "together", "base_model": "meta-llama/Meta-Llama-3.1-8B"}}
'''),
    T('decoy-crlf-dotenv-reference', '.env.windows.example', 'TOGETHER_API_KEY=%TOGETHER_API_KEY%\r\nDEBUG=false\r\n'),
    T('decoy-url-userinfo-placeholder', 'config/proxy.example.yaml', '''\
upstreams:
  llm: https://together:${TOGETHER_API_KEY}@api.together.xyz/v1
'''),
]

ALL_CASES = ASSISTANTS + FRAMEWORKS + DEPLOY + TERMINAL + LEGACY + DECOYS + BINARIES + ENCODED + HARDER

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.  Measured at 5418d64c: 215 cases, 175 holding a key (175
# keys) and 40 decoys; 171 keys found, 4 missed (all legacy), no decoy
# reported; every mode (file scan, --staged, --history JSON and SARIF,
# --diff, the hook, a real push) the same.  (A LiteLLM spend log first
# written with the key in ``api_key`` was a wrong case: that field holds
# the virtual key's sha256; it is a decoy now.)  Then (session 38) a
# PNG's plain text chunks read within their length (a legacy key ending a
# ``tEXt`` touched the chunk's CRC): 172 of 175.  Three Java-serialized
# cases written after (a probe of binary formats whose strings touch the
# next record's letter): the current key found, the legacy one missed,
# the decoy clean.
MISSED: dict[str, str] = {
    'codex-config-toml-legacy': (
        "a TOML comment `# key for the shared box: <hex>` in `[model_providers.together]` beside "
        "Together's base_url: words between `key` and the value (acc38's legacy prose)"),
    'zed-settings-comment-legacy': (
        "a JSONC comment `// api key (also in keychain): <hex>` beside `\"api_url\": \"https://api.together.xyz/v1\"`: "
        "a parenthesis between the key name and the value (acc38's legacy prose)"),
    'java-serialized-session-legacy': (
        "a Java-serialized `HashMap` (`TC_STRING`s: `t`, a 2-byte length, the bytes): "
        "`tTOGETHER_API_KEY` then `t@<hex>x`; no reading of the format (a binary format: acc38's), "
        "and the value touches the next `t` or the block's end `x`"),
    'helm-values-b64-field-legacy': (
        "base64 of a legacy key alone under `together:` `apiKeyBase64:` (acc38's encodings: the decoded "
        "value keeps no name of its own)"),
}

CASES = ALL_CASES

results, test_case = make_tests(ALL_CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 150 and decoys * 6 >= len(CASES), (len(CASES), decoys, keys)
