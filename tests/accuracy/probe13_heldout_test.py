"""A thirteenth held-out probe (session 17), written as an outside tester
would: current and legacy keys where people configure Together at the
end of 2026, in shapes the earlier sets (probe2..probe12, the legacy,
escape, concatenation and decoy sets) do not hold -- MCP server configs
of every client (Claude Desktop and Claude Code, VS Code's
``servers``/``inputs``, Windsurf, Gemini CLI, Codex's TOML, Goose, Zed's
``context_servers``, ``claude mcp add -e``), agent frameworks (OpenAI
Agents SDK, smolagents, Agno, Strands, Google ADK, LangGraph's
``init_chat_model``, Genkit, Letta, BeeAI), secret-manager exports and
CLIs (Doppler, Infisical, Bitwarden ``bws``, chamber, ``op inject``
results, ``aws secretsmanager`` JSON, ``vault kv get``), deploy configs
(systemd credentials and drop-ins, Procfile inline env, render.yaml
``envVars``, wrangler ``[vars]``/``.dev.vars``, Railway, Modal, Baseten
truss, Replicate's cog, mise, devbox, pixi activation, justfile,
Taskfile, Nomad templates), and what people paste (GitHub issue bodies,
Slack export JSON, Claude Code transcripts, crash reports).  Decoys:
digests, ids and references beside Together in the same tools' files.
The same cases run in every mode through the shared group in
tests/accuracy/probe13_modes_test.py.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- MCP server configs ------------------------------------------------------------------

MCP = key_cases(
    ('claude-desktop-config', 'Library/Application Support/Claude/claude_desktop_config.json', '''\
{{
  "mcpServers": {{
    "together-images": {{
      "command": "npx",
      "args": ["-y", "@together-community/mcp-server"],
      "env": {{
        "TOGETHER_API_KEY": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('claude-code-dot-mcp', '.mcp.json', '''\
{{"mcpServers":{{"llm":{{"type":"stdio","command":"uvx","args":["together-mcp"],"env":{{"TOGETHER_API_KEY":"{key}"}}}}}}}}
'''),
    ('vscode-mcp-servers-headers', '.vscode/mcp.json', '''\
{{
  "inputs": [],
  "servers": {{
    "together": {{
      "type": "http",
      "url": "https://mcp.together.ai/mcp",
      "headers": {{ "Authorization": "Bearer {hex}" }}
    }}
  }}
}}
'''),
    ('windsurf-mcp-config', '.codeium/windsurf/mcp_config.json', '''\
{{
  "mcpServers": {{
    "together": {{
      "serverUrl": "https://api.together.xyz/mcp",
      "headers": {{
        "X-API-Key": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('gemini-cli-settings', '.gemini/settings.json', '''\
{{
  "theme": "Default",
  "mcpServers": {{
    "togetherServer": {{
      "command": "python",
      "args": ["-m", "together_mcp"],
      "env": {{ "TOGETHER_API_KEY": "{hex}" }},
      "timeout": 30000
    }}
  }}
}}
'''),
    ('codex-config-toml-mcp-env', '.codex/config.toml', '''\
model = "o4-mini"

[mcp_servers.together]
command = "npx"
args = ["-y", "together-mcp"]

[mcp_servers.together.env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('codex-model-provider', '.codex/config.toml', '''\
model_provider = "together"

[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
experimental_bearer_token = "{hex}"
'''),
    ('goose-config-extension', '.config/goose/config.yaml', '''\
GOOSE_PROVIDER: openai
extensions:
  together:
    enabled: true
    type: stdio
    cmd: uvx
    args:
      - together-mcp
    envs:
      TOGETHER_API_KEY: {hex}
    timeout: 300
'''),
    ('zed-context-servers', '.config/zed/settings.json', '''\
{{
  "context_servers": {{
    "together-context": {{
      "command": {{
        "path": "npx",
        "args": ["-y", "together-mcp"],
        "env": {{ "TOGETHER_API_KEY": "{hex}" }}
      }}
    }}
  }}
}}
'''),
    ('claude-mcp-add-command', 'docs/mcp-setup.md', '''\
Register the server once per machine:

```sh
claude mcp add together-images -e TOGETHER_API_KEY={hex} -- npx -y together-mcp
```
'''),
    ('cline-mcp-settings', '.vscode-server/data/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', '''\
{{"mcpServers": {{"together": {{"command": "node", "args": ["/opt/together-mcp/build/index.js"], "env": {{"TOGETHER_API_KEY": "{key}"}}, "disabled": false, "autoApprove": []}}}}}}
'''),
    ('opencode-provider-options', 'opencode.json', '''\
{{
  "$schema": "https://opencode.ai/config.json",
  "provider": {{
    "togetherai": {{
      "options": {{
        "apiKey": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('kilo-code-profile', '.kilocode/profiles.json', '''\
{{"currentApiConfigName": "together", "apiConfigs": {{"together": {{"apiProvider": "openai", "openAiBaseUrl": "https://api.together.xyz/v1", "openAiApiKey": "{hex}", "openAiModelId": "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8"}}}}}}
'''),
)

# -- agent frameworks ---------------------------------------------------------------------

AGENTS = key_cases(
    ('openai-agents-sdk', 'agents/run.py', '''\
from agents import Agent, OpenAIChatCompletionsModel, Runner
from openai import AsyncOpenAI

client = AsyncOpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
)
agent = Agent(name="triage", model=OpenAIChatCompletionsModel(model="moonshotai/Kimi-K2-Instruct", openai_client=client))
'''),
    ('smolagents-server-model', 'agent.py', '''\
from smolagents import CodeAgent, OpenAIServerModel

model = OpenAIServerModel(
    model_id="deepseek-ai/DeepSeek-V3",
    api_base="https://api.together.xyz/v1",
    api_key="{hex}",
)
'''),
    ('agno-together-model', 'team.py', '''\
from agno.agent import Agent
from agno.models.together import Together

agent = Agent(model=Together(id="meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}"), markdown=True)
'''),
    ('strands-litellm-client-args', 'strands_app.py', '''\
from strands.models.litellm import LiteLLMModel

model = LiteLLMModel(
    client_args={{"api_key": "{hex}"}},
    model_id="together_ai/openai/gpt-oss-120b",
)
'''),
    ('google-adk-litellm', 'adk_agent/agent.py', '''\
from google.adk.agents import Agent
from google.adk.models.lite_llm import LiteLlm

root_agent = Agent(
    name="helper",
    model=LiteLlm(model="together_ai/Qwen/Qwen3-235B-A22B-Instruct-2507-tput", api_key="{hex}"),
)
'''),
    ('langgraph-init-chat-model', 'graph.py', '''\
from langchain.chat_models import init_chat_model

llm = init_chat_model("mistralai/Mixtral-8x7B-Instruct-v0.1", model_provider="together", api_key="{hex}")
'''),
    ('genkit-compat-oai', 'src/genkit.ts', '''\
import {{ genkit }} from 'genkit';
import {{ openAICompatible }} from '@genkit-ai/compat-oai';

export const ai = genkit({{
  plugins: [
    openAICompatible({{
      name: 'together',
      apiKey: '{hex}',
      baseURL: 'https://api.together.xyz/v1',
    }}),
  ],
}});
'''),
    ('letta-provider-create', 'scripts/letta_setup.py', '''\
client.providers.create(name="together", provider_type="together", api_key="{hex}")
'''),
    ('beeai-chat-model', 'beeai_app.py', '''\
from beeai_framework.backend import ChatModel

llm = ChatModel.from_name("openai:meta-llama/Llama-3.3-70B-Instruct-Turbo", {{"api_key": "{hex}", "base_url": "https://api.together.xyz/v1"}})
'''),
    ('vercel-ai-create-together', 'lib/model.ts', '''\
import {{ createTogetherAI }} from '@ai-sdk/togetherai';

export const together = createTogetherAI({{ apiKey: '{key}' }});
'''),
    ('mastra-env-object', 'src/mastra/index.ts', '''\
export const mastra = new Mastra({{
  agents: {{ support }},
  env: {{ TOGETHER_API_KEY: "{hex}" }},
}});
'''),
    ('dspy-lm-together', 'optimize.py', '''\
import dspy

lm = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}", temperature=0.2)
dspy.configure(lm=lm)
'''),
    ('llamaindex-together-llm-kw', 'rag/llm.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(model="Qwen/Qwen2.5-72B-Instruct-Turbo", api_key="{hex}")
'''),
    ('instructor-from-provider', 'extract/run.py', '''\
import instructor

client = instructor.from_provider("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")
'''),
    ('spring-ai-openai-base-url-env', 'compose.yaml', '''\
services:
  api:
    image: ghcr.io/acme/chat-api:2.4
    environment:
      SPRING_AI_OPENAI_BASE_URL: https://api.together.xyz
      SPRING_AI_OPENAI_API_KEY: {hex}
'''),
)

# -- secret managers: exports and CLIs ----------------------------------------------------

SECRETS = key_cases(
    ('doppler-download-json', 'tmp/doppler.json', '''\
{{
  "DOPPLER_CONFIG": "prd",
  "DOPPLER_ENVIRONMENT": "prd",
  "DOPPLER_PROJECT": "chat-api",
  "TOGETHER_API_KEY": "{hex}"
}}
'''),
    ('infisical-export-dotenv-export', 'tmp/infisical.env', '''\
export DATABASE_URL='postgres://app@db:5432/app'
export TOGETHER_API_KEY='{hex}'
'''),
    ('bws-secret-list', 'tmp/bws-secrets.json', '''\
[
  {{
    "object": "secret",
    "id": "be8e0ad8-d545-4017-a55a-b02f014d4158",
    "organizationId": "10e8cbfa-7bd2-4361-bd6f-b02e013f9c41",
    "projectId": "e325ea69-a3ab-4dff-836f-b02e013fe530",
    "key": "TOGETHER_API_KEY",
    "value": "{hex}",
    "note": "",
    "creationDate": "2026-11-02T18:12:04.170Z",
    "revisionDate": "2026-11-02T18:12:04.170Z"
  }}
]
'''),
    ('chamber-export-json', 'tmp/chamber.json', '''\
{{"database_url":"postgres://app@db:5432/app","together_api_key":"{hex}"}}
'''),
    ('op-inject-result', 'config/app.resolved.yaml', '''\
# generated by: op inject -i config/app.tpl.yaml -o config/app.resolved.yaml
llm:
  provider: together
  token: {hex}
'''),
    ('aws-secretsmanager-get-escaped-json', 'tmp/secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm-AbCdEf",
    "Name": "prod/llm",
    "VersionId": "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE",
    "SecretString": "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\"}}",
    "CreatedDate": "2026-11-30T10:01:02.123000+00:00"
}}
'''),
    ('vault-kv-get-table', 'notes/vault-output.txt', '''\
$ vault kv get -mount=secret llm/prod
======= Secret Path =======
secret/data/llm/prod

====== Data ======
Key                 Value
---                 -----
together_api_key    {hex}
'''),
    ('gcloud-secrets-versions-access', 'notes/gcloud.txt', '''\
$ gcloud secrets versions access latest --secret=together-api-key
{hex}
'''),
    ('azure-keyvault-show', 'tmp/kv.json', '''\
{{
  "attributes": {{"enabled": true}},
  "id": "https://acme-kv.vault.azure.net/secrets/together-api-key/4b8e2f",
  "name": "together-api-key",
  "value": "{hex}"
}}
'''),
    ('kubectl-create-secret-literal', 'deploy/README.md', '''\
kubectl -n chat create secret generic llm-keys --from-literal=TOGETHER_API_KEY={hex}
'''),
    ('sealed-secret-raw-input', 'deploy/make-sealed.sh', '''\
echo -n '{hex}' | kubectl create secret generic together-api --dry-run=client --from-file=api-key=/dev/stdin -o yaml | kubeseal -o yaml > sealed.yaml
'''),
    ('infisical-secrets-set', 'scripts/bootstrap.sh', '''\
infisical secrets set TOGETHER_API_KEY={hex} --env=prod
'''),
    ('doppler-secrets-set', 'scripts/bootstrap-doppler.sh', '''\
doppler secrets set TOGETHER_API_KEY="{hex}" --project chat-api --config prd
'''),
)

# -- deployment and dev-environment configs -----------------------------------------------

DEPLOY = key_cases(
    ('systemd-dropin-quoted', 'etc/systemd/system/chat.service.d/override.conf', '''\
[Service]
Environment="LOG_LEVEL=info" "TOGETHER_API_KEY={hex}"
'''),
    ('systemd-set-credential', 'etc/systemd/system/chat.service', '''\
[Service]
ExecStart=/usr/local/bin/chat-api
SetCredential=together_api_key:{hex}
'''),
    ('procfile-inline-env', 'Procfile', '''\
web: TOGETHER_API_KEY={hex} gunicorn app:app --workers 2
worker: celery -A tasks worker
'''),
    ('render-yaml-envvars', 'render.yaml', '''\
services:
  - type: web
    name: chat-api
    runtime: python
    envVars:
      - key: TOGETHER_API_KEY
        value: {hex}
      - key: PYTHON_VERSION
        value: 3.12.7
'''),
    ('wrangler-toml-vars', 'wrangler.toml', '''\
name = "chat-worker"
main = "src/index.ts"
compatibility_date = "2026-11-01"

[vars]
TOGETHER_API_KEY = "{hex}"
'''),
    ('wrangler-jsonc-vars', 'wrangler.jsonc', '''\
{{
  // Cloudflare Workers config
  "name": "chat-worker",
  "vars": {{
    "TOGETHER_API_KEY": "{hex}", // TODO move to a secret
  }},
}}
'''),
    ('cloudflare-dev-vars', '.dev.vars', '''\
TOGETHER_API_KEY="{hex}"
'''),
    ('railway-variables-set', 'docs/deploy-railway.md', '''\
railway variables --set "TOGETHER_API_KEY={hex}" --service chat-api
'''),
    ('modal-secret-create', 'scripts/modal_setup.sh', '''\
modal secret create together-secret TOGETHER_API_KEY={hex}
'''),
    ('modal-secret-from-dict', 'modal_app.py', '''\
import modal

app = modal.App("chat")
secret = modal.Secret.from_dict({{"TOGETHER_API_KEY": "{hex}"}})
'''),
    ('baseten-truss-secrets', 'truss/config.yaml', '''\
model_name: together-proxy
secrets:
  together_api_key: {hex}
resources:
  cpu: "1"
'''),
    ('replicate-cog-env', 'cog.yaml', '''\
build:
  python_version: "3.12"
  python_packages:
    - together==1.5.3
environment:
  - TOGETHER_API_KEY={hex}
predict: "predict.py:Predictor"
'''),
    ('mise-toml-env', '.mise.toml', '''\
[tools]
python = "3.12"

[env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('devbox-json-env', 'devbox.json', '''\
{{
  "packages": ["python@3.12"],
  "env": {{
    "TOGETHER_API_KEY": "{hex}"
  }}
}}
'''),
    ('pixi-activation-env', 'pixi.toml', '''\
[workspace]
name = "rag"
channels = ["conda-forge"]

[activation.env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('justfile-export', 'justfile', '''\
export TOGETHER_API_KEY := "{hex}"

serve:
    uvicorn app:app --reload
'''),
    ('taskfile-env', 'Taskfile.yml', '''\
version: '3'
env:
  TOGETHER_API_KEY: {hex}
tasks:
  eval:
    cmds:
      - python eval.py
'''),
    ('nomad-template-env', 'deploy/chat.nomad.hcl', '''\
task "api" {{
  driver = "docker"
  env {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('devcontainer-remote-env', '.devcontainer/devcontainer.json', '''\
{{
  "name": "rag",
  "image": "mcr.microsoft.com/devcontainers/python:3.12",
  "remoteEnv": {{ "TOGETHER_API_KEY": "{hex}" }}
}}
'''),
    ('docker-compose-secrets-environment', 'compose.prod.yaml', '''\
secrets:
  together_api_key:
    environment: TOGETHER_API_KEY
services:
  api:
    image: acme/chat
    environment:
      - TOGETHER_API_KEY={hex}
'''),
    ('dockerfile-build-secret-echo', 'Dockerfile', '''\
FROM python:3.12-slim
RUN echo "TOGETHER_API_KEY={hex}" >> /app/.env
'''),
    ('pulumi-esc-environment', 'esc/prod.yaml', '''\
values:
  together:
    apiKey:
      fn::secret: {hex}
  environmentVariables:
    TOGETHER_API_KEY: ${{together.apiKey}}
'''),
    ('hf-space-readme-secret', 'spaces/chat/app.py', '''\
import os
os.environ.setdefault("TOGETHER_API_KEY", "{hex}")
'''),
    ('jupyter-kernel-env', 'share/jupyter/kernels/rag/kernel.json', '''\
{{
  "argv": ["python", "-m", "ipykernel_launcher", "-f", "{{connection_file}}"],
  "display_name": "rag (together)",
  "env": {{"TOGETHER_API_KEY": "{hex}"}}
}}
'''),
)

# -- what people paste ---------------------------------------------------------------------

PASTED = key_cases(
    ('github-issue-env-block', 'issues/4821.md', '''\
### Environment

- together==1.5.3
- Python 3.12.7

### Reproduction

```
TOGETHER_API_KEY={hex} python repro.py
```
'''),
    ('slack-export-message', 'slack-export/eng-llm/2026-11-20.json', '''\
[
    {{
        "type": "message",
        "user": "U07ABCDEF",
        "text": "here is the staging together key for the demo: {key}",
        "ts": "1763651234.123459"
    }}
]
'''),
    ('slack-export-legacy-code', 'slack-export/eng-llm/2026-11-21.json', '''\
[{{"type": "message", "user": "U07ABCDEF", "text": "new one: ```TOGETHER_API_KEY={hex}```", "ts": "1763737634.000100"}}]
'''),
    ('claude-code-transcript', '.claude/projects/-home-dev-app/8f1c.jsonl', '''\
{{"type":"user","message":{{"role":"user","content":"set TOGETHER_API_KEY to {hex} in the .env please"}},"uuid":"0b2d"}}
'''),
    ('python-crash-report-env', 'crash/report.txt', '''\
Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    client = Together()
together.error.AuthenticationError: Error code: 401 - invalid api key
Environment:
  TOGETHER_API_KEY={hex}
  PATH=/usr/local/bin:/usr/bin
'''),
    ('env-printout-docker-exec', 'notes/debug.txt', '''\
$ docker exec chat-api env | sort
HOME=/root
HOSTNAME=4f2a1c
TOGETHER_API_KEY={hex}
'''),
    ('stack-overflow-question', 'notes/question.md', '''\
I get 401 even though the key is right:

```python
client = OpenAI(api_key="{hex}", base_url="https://api.together.xyz/v1")
```
'''),
    ('jira-wiki-table', 'notes/jira.txt', '''\
||Service||API key||
|Together AI|{hex}|
'''),
    ('email-forward-key', 'mail/fwd.eml', '''\
Subject: Fwd: Together account
From: ops@example.com

Together API key: {hex}
'''),
    ('terraform-plan-output', 'ci/plan.txt', '''\
  # kubernetes_secret.llm will be created
  + resource "kubernetes_secret" "llm" {{
      + data = {{
          + "TOGETHER_API_KEY" = "{hex}"
        }}
    }}
'''),
    ('github-actions-log-unmasked', 'ci/run.log', '''\
2026-11-20T10:01:02.1234567Z ##[group]Run python eval.py
2026-11-20T10:01:02.1234567Z env:
2026-11-20T10:01:02.1234567Z   TOGETHER_API_KEY: {hex}
2026-11-20T10:01:02.1234567Z ##[endgroup]
'''),
    ('sentry-event-extra', 'exports/sentry-event.json', '''\
{{"event_id": "fc6d8c0c43fc4630ad850ee518f1b9d0", "extra": {{"together_api_key": "{hex}", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}}}
'''),
    ('otel-span-attributes', 'traces/span.json', '''\
{{"name": "chat.completions", "attributes": {{"server.address": "api.together.xyz", "http.request.header.authorization": ["Bearer {hex}"]}}}}
'''),
    ('curl-in-issue-oneline', 'issues/5110.md', '''\
Repro: `curl https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}"`
'''),
    ('httpx-debug-log', 'logs/httpx.log', '''\
DEBUG:httpcore.http11:send_request_headers.started request=<Request [b'POST']>
DEBUG:httpx:HTTP Request: POST https://api.together.xyz/v1/chat/completions headers={{'authorization': 'Bearer {hex}', 'content-type': 'application/json'}}
'''),
)

# -- current keys in new places -----------------------------------------------------------

CURRENT = key_cases(
    ('tgp-in-mcp-args', '.cursor/mcp.json', '''\
{{"mcpServers": {{"together": {{"command": "npx", "args": ["-y", "together-mcp", "--api-key", "{key}"]}}}}}}
'''),
    ('tgp-in-url-fragment', 'notes/links.txt', '''\
https://playground.example.com/#provider=together&key={key}
'''),
    ('tgp-in-yaml-flow-seq', 'config/keys.yaml', '''\
keys: [{key}, {key2}]
'''),
    ('tgp-in-sql-comment', 'db/seed.sql', '''\
-- temp key: {key}
INSERT INTO settings (name) VALUES ('llm');
'''),
    ('tgp-after-colon-no-space', 'logs/app.log', '''\
level=info msg="client ready" key:{key} model=llama
'''),
    ('tgp-in-markdown-link', 'README.md', '''\
[try it](https://chat.example.com/?together_key={key})
'''),
    ('tgp-ends-in-dash', 'config/dash.env', '''\
LLM_KEY={key}
'''),
)

# -- structure shapes the reach still misses (last session's notes) ------------------------

SHAPES = key_cases(
    ('json-display-name-object', 'config/providers.json', '''\
{{"providers": {{"Together AI": {{"apiKey": "{hex}", "models": ["meta-llama/Llama-3.3-70B-Instruct-Turbo"]}}}}}}
'''),
    ('yaml-label-line-comment', 'config/llm.yaml', '''\
together:  # moved from the old vault
  api_key: {hex}
'''),
    ('escaped-json-provider-in-string', 'events/config-changed.json', '''\
{{"event": "config.updated", "payload": "{{\\"provider\\":\\"together\\",\\"api_key\\":\\"{hex}\\"}}"}}
'''),
    ('k8s-env-list-after-valuefrom', 'deploy/chat.yaml', '''\
      containers:
        - name: api
          env:
            - name: OPENAI_BASE_URL
              value: https://api.together.xyz/v1
            - name: OPENAI_API_KEY
              value: {hex}
'''),
    ('confluence-table-pipes', 'notes/confluence.txt', '''\
|| Provider || Key ||
| Together | {hex} |
'''),
)

LEAKS = MCP + AGENTS + SECRETS + DEPLOY + PASTED + CURRENT + SHAPES

# -- decoys -------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-mcp-registry-file-sha', 'server.json', '''\
{{
  "name": "io.github.together/mcp-server",
  "packages": [{{"registryType": "mcpb", "identifier": "https://github.com/together/mcp/releases/download/v1.0.0/together.mcpb", "fileSha256": "{_hex}"}}]
}}
'''),
    ('decoy-mcp-env-reference', '.vscode/mcp.json', '''\
{{
  "inputs": [{{"type": "promptString", "id": "together-key", "description": "Together API key", "password": true}}],
  "servers": {{"together": {{"command": "npx", "args": ["together-mcp"], "env": {{"TOGETHER_API_KEY": "${{input:together-key}}"}}}}}}
}}
'''),
    ('decoy-claude-session-ids', '.claude/projects/-home-dev-together/5e1a.jsonl', '''\
{{"type":"assistant","sessionId":"{_hex}","cwd":"/home/dev/together","message":{{"role":"assistant","content":"Done."}}}}
'''),
    ('decoy-git-sha256-commit', 'notes/release.md', '''\
Merged the Together provider in commit {_hex} (sha256 object format).
'''),
    ('decoy-fly-image-digest', 'fly.toml', '''\
app = "together-proxy"
[build]
  image = "registry.fly.io/together-proxy@sha256:{_hex}"
'''),
    ('decoy-modal-image-id', 'logs/modal.txt', '''\
Building image im-together-{_hex}
'''),
    ('decoy-docker-history', 'notes/layers.txt', '''\
IMAGE          CREATED       CREATED BY                                      SIZE
ghcr.io/acme/together-proxy:2.1
sha256:{_hex}   2 days ago    /bin/sh -c pip install together==1.5.3      41MB
'''),
    ('decoy-wrangler-secret-ref', 'wrangler.toml', '''\
name = "together-worker"
[vars]
TOGETHER_BASE_URL = "https://api.together.xyz/v1"
# TOGETHER_API_KEY is set with `wrangler secret put TOGETHER_API_KEY`
'''),
    ('decoy-render-from-group', 'render.yaml', '''\
services:
  - type: web
    name: together-chat
    envVars:
      - key: TOGETHER_API_KEY
        sync: false
      - key: BUILD_SHA
        value: {_hex}
'''),
    ('decoy-op-references', '.env.tpl', '''\
TOGETHER_API_KEY=op://Engineering/Together AI/credential
TOGETHER_KEY_SHA256={_hex}
'''),
    ('decoy-doppler-references', 'doppler.yaml', '''\
setup:
  - project: together-chat
    config: dev
# checksum of the last export: {_hex}
'''),
    ('decoy-uv-lock-together', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.5.3"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.5.3.tar.gz", hash = "sha256:{_hex}", size = 63121 }}
'''),
    ('decoy-npm-together-ai-lock', 'pnpm-lock.yaml', '''\
  together-ai@0.9.0:
    resolution: {{integrity: sha512-abc}}
    # tarball sha256 {_hex}
'''),
    ('decoy-pixi-lock-together', 'pixi.lock', '''\
- kind: pypi
  name: together
  version: 1.5.3
  sha256: {_hex}
'''),
    ('decoy-github-run-cache', '.github/workflows/together.yml', '''\
jobs:
  eval:
    steps:
      - uses: actions/cache@v4
        with:
          path: ~/.cache/together
          key: together-{_hex}
'''),
    ('decoy-webhook-signature-header', 'logs/webhook.log', '''\
POST /hooks/together X-Together-Signature: sha256={_hex}
'''),
    ('decoy-hf-model-sha', 'models/together-llama.json', '''\
{{"modelId": "togethercomputer/LLaMA-2-7B-32K", "siblings": [{{"rfilename": "model.safetensors", "lfs": {{"sha256": "{_hex}"}}}}]}}
'''),
    ('decoy-lfs-pointer-together', 'weights/together-embed.onnx', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 438012345
'''),
    ('decoy-slack-file-id', 'slack-export/together-team/2026-11-20.json', '''\
[{{"type": "message", "text": "uploaded the together eval results", "files": [{{"id": "F07ABCDEF", "sha256": "{_hex}"}}]}}]
'''),
    ('decoy-env-var-reference-justfile', 'justfile', '''\
export TOGETHER_API_KEY := env_var("TOGETHER_API_KEY")
build-id := "{_hex}"
'''),
    ('decoy-taskfile-checksum', 'Taskfile.yml', '''\
version: '3'
tasks:
  together-download:
    cmds:
      - curl -LO https://example.com/together-cli.tar.gz
      - echo "{_hex}  together-cli.tar.gz" | sha256sum -c
'''),
    ('decoy-systemd-load-credential', 'etc/systemd/system/together.service', '''\
[Service]
LoadCredential=together_api_key:/etc/credstore/together_api_key
Environment=CONFIG_DIGEST={_hex}
'''),
    ('decoy-procfile-release-sha', 'Procfile', '''\
release: python manage.py migrate && echo together-deploy {_hex}
'''),
    ('decoy-mise-lock', 'mise.lock', '''\
[tools.together-cli]
version = "0.4.1"
backend = "aqua:togethercomputer/together-cli"
checksum = "sha256:{_hex}"
'''),
    ('decoy-nomad-artifact', 'deploy/together.nomad.hcl', '''\
artifact {{
  source = "https://example.com/together-proxy.tar.gz"
  options {{ checksum = "sha256:{_hex}" }}
}}
'''),
    ('decoy-sops-mac', 'secrets/together.enc.yaml', '''\
together_api_key: ENC[AES256_GCM,data:Zm9vYmFy,iv:aXY=,tag:dGFn,type:str]
sops:
  lastmodified: "2026-11-20T10:00:00Z"
  mac_sha256: {_hex}
'''),
    ('decoy-terraform-plan-sensitive', 'ci/plan-masked.txt', '''\
  + resource "kubernetes_secret" "together" {{
      + data = (sensitive value)
      + id   = "{_hex}"
    }}
'''),
    ('decoy-actions-log-masked', 'ci/run-masked.log', '''\
2026-11-20T10:01:02Z   TOGETHER_API_KEY: ***
2026-11-20T10:01:02Z   CACHE_KEY: together-{_hex}
'''),
    ('decoy-tgp-truncated-log', 'logs/redacted.log', '''\
auth ok for key tgp_v1_Abc4…Qz9 (together)
'''),
    ('decoy-tgp-placeholder-docs', 'docs/quickstart.md', '''\
export TOGETHER_API_KEY=tgp_v1_your-key-here
'''),
    ('decoy-tgp-redacted-stars', 'logs/debug.log', '''\
Authorization: Bearer tgp_v1_*******************************************
'''),
    ('decoy-otel-trace-together', 'traces/spans.json', '''\
{{"traceId": "{_hex}", "name": "together.chat", "attributes": {{"server.address": "api.together.xyz"}}}}
'''),
    ('decoy-vault-metadata', 'notes/vault-meta.txt', '''\
$ vault kv metadata get secret/together
custom_metadata    map[owner:platform checksum:{_hex}]
'''),
    ('decoy-gcloud-secret-etag', 'notes/gcloud-describe.txt', '''\
name: projects/123/secrets/together-api-key
etag: '"{_hex}"'
'''),
    ('decoy-bws-project-list', 'tmp/bws-projects.json', '''\
[{{"object": "project", "id": "e325ea69", "name": "together", "revisionDate": "2026-11-02", "hash": "{_hex}"}}]
'''),
    ('decoy-cog-weights-digest', 'cog.yaml', '''\
build:
  python_packages:
    - together==1.5.3
image: "r8.im/acme/together-proxy@sha256:{_hex}"
'''),
    ('decoy-codex-config-env-key-name', '.codex/config.toml', '''\
[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
'''),
    ('decoy-goose-extension-hash', '.config/goose/config.yaml', '''\
extensions:
  together:
    enabled: true
    bundle_sha256: {_hex}
'''),
    ('decoy-jsonl-content-hash', 'datasets/together-finetune.jsonl', '''\
{{"messages": [{{"role": "user", "content": "hi"}}], "sha256": "{_hex}"}}
'''),
    ('decoy-git-lfs-batch', 'logs/lfs.log', '''\
trace git-lfs: HTTP: POST https://lfs.example.com/together/models.git/info/lfs/objects/batch {{"oid":"{_hex}","size":1024}}
'''),
    ('decoy-package-integrity-sha256', 'deno.lock', '''\
{{"remote": {{"https://esm.sh/together-ai@0.9.0": "{_hex}"}}}}
'''),
    ('decoy-k8s-env-valuefrom-then-sha', 'deploy/worker.yaml', '''\
          env:
            - name: TOGETHER_API_KEY
              valueFrom:
                secretKeyRef: {{name: together, key: api-key}}
            - name: GIT_SHA256
              value: {_hex}
'''),
    ('decoy-actions-cache-under-together-job', '.github/workflows/nightly.yml', '''\
jobs:
  together:
    runs-on: ubuntu-latest
    env:
      TOGETHER_BASE_URL: https://api.together.xyz/v1
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/.cache/pip
          key: {_hex}
'''),
    ('decoy-render-other-item-value', 'render.prod.yaml', '''\
envVars:
  - key: TOGETHER_API_KEY
    fromGroup: llm-secrets
  - key: ASSET_DIGEST
    value: {_hex}
'''),
    ('decoy-together-key-id-object', 'audit/keys.json', '''\
[{{"value": "{_hex}", "name": "Together API key id"}}]
'''),
)

CASES = LEAKS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)
