"""A fifteenth held-out probe (session 19), written as an outside tester
would: current and legacy keys in shapes probe2..probe14 and the other
sets do not hold -- languages' literals (Racket, Common Lisp, R, Julia,
MATLAB, Fortran namelists, Elixir config, Gleam, Elm, PureScript, Kotlin
script, Groovy, PowerShell DSC, AutoHotkey, Ada, Pascal, Smalltalk,
Prolog), configuration management (Puppet Hiera, Chef data bags, Salt
pillar, Nomad jobs, Consul KV, Vault CLI, Kustomize literals, Tekton,
Argo Workflows, Buildkite, Drone, Woodpecker, Bazel's ``--action_env``,
Earthly, just, Taskfile), shells and desktops (fish ``set -Ux``,
nushell, csh ``setenv``, Windows ``setx`` and ``.reg`` exports, tmux,
direnv, mise), AI tools' settings (LiteLLM proxy, Continue, Zed, Aider,
LibreChat, Open WebUI, Chainlit, DSPy, Vercel's AI SDK, Haystack,
LangSmith and Langfuse traces, OpenTelemetry span attributes), documents
(LaTeX macros, a man page, Emacs and Vim modelines, gopass output), and
prose and chat as people really write them.  Decoys: digests, ids,
references and placeholders beside Together in the same tools' files.
The same cases run in every mode through the shared group in
tests/accuracy/probe15_modes_test.py.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- languages' literals ------------------------------------------------------------------

LANGUAGES = key_cases(
    ('racket-define', 'src/together.rkt', '''\
#lang racket
(define together-api-key "{hex}")
(define together-base-url "https://api.together.xyz/v1")
'''),
    ('common-lisp-defparameter', 'src/llm.lisp', '''\
(defparameter *together-api-key* "{hex}")
'''),
    ('r-sys-setenv', 'analysis/setup.R', '''\
library(httr2)
Sys.setenv(TOGETHER_API_KEY = "{hex}")
'''),
    ('julia-env-assign', 'scripts/bench.jl', '''\
using HTTP, JSON3
ENV["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('matlab-weboptions', 'matlab/callTogether.m', '''\
opts = weboptions('HeaderFields', {{'Authorization', 'Bearer {hex}'}});
resp = webwrite('https://api.together.xyz/v1/chat/completions', body, opts);
'''),
    ('fortran-namelist', 'run/llm.nml', '''\
&together_config
  api_key = '{hex}'
  model = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'
/
'''),
    ('elixir-runtime-config', 'config/runtime.exs', '''\
import Config

config :my_app, :together,
  api_key: "{hex}",
  base_url: "https://api.together.xyz/v1"
'''),
    ('gleam-const', 'src/app/together.gleam', '''\
pub const together_api_key = "{key}"
'''),
    ('elm-flags', 'src/Main.elm', '''\
togetherApiKey : String
togetherApiKey =
    "{hex}"
'''),
    ('purescript-let', 'src/Together.purs', '''\
togetherKey :: String
togetherKey = "{key}"
'''),
    ('kotlin-script-gradle', 'build.gradle.kts', '''\
tasks.withType<Test> {{
    environment("TOGETHER_API_KEY", "{hex}")
}}
'''),
    ('groovy-map', 'scripts/Together.groovy', '''\
def together = [apiKey: '{hex}', model: 'mistralai/Mixtral-8x7B-Instruct-v0.1']
'''),
    ('powershell-dsc-environment', 'dsc/Together.ps1', '''\
Environment TogetherApiKey {{
    Name   = 'TOGETHER_API_KEY'
    Value  = '{hex}'
    Ensure = 'Present'
}}
'''),
    ('autohotkey-hotstring', 'hotkeys.ahk', '''\
::togkey::{hex}
; Together API key hotstring
'''),
    ('ada-constant', 'src/together_client.ads', '''\
package Together_Client is
   Together_Api_Key : constant String := "{hex}";
end Together_Client;
'''),
    ('pascal-const', 'src/TogetherUnit.pas', '''\
const
  TogetherApiKey = '{key}';
'''),
    ('smalltalk-assignment', 'src/Together.st', '''\
togetherApiKey := '{hex}'.
'''),
    ('prolog-fact', 'kb/secrets.pl', '''\
together_api_key('{hex}').
'''),
    ('erlang-sys-config-nested', 'config/sys.config', '''\
[{{my_app, [
  {{together, [{{api_key, "{hex}"}}, {{model, "meta-llama/Llama-3-8b-chat-hf"}}]}}
]}}].
'''),
    ('scheme-alist', 'conf/llm.scm', '''\
'((together-api-key . "{hex}")
  (together-model . "Qwen/Qwen2.5-72B-Instruct-Turbo"))
'''),
)

# -- configuration management, CI and build ----------------------------------------------

INFRA = key_cases(
    ('puppet-hiera-yaml', 'hieradata/common.yaml', '''\
---
profile::llm::together_api_key: '{hex}'
profile::llm::together_endpoint: 'https://api.together.xyz/v1'
'''),
    ('chef-data-bag', 'data_bags/secrets/together.json', '''\
{{
  "id": "together",
  "api_key": "{hex}"
}}
'''),
    ('salt-pillar', 'pillar/together.sls', '''\
together:
  api_key: {hex}
'''),
    ('nomad-job-template', 'jobs/chat.nomad.hcl', '''\
task "chat" {{
  env {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('consul-kv-put', 'scripts/seed-consul.sh', '''\
consul kv put config/chat/together_api_key {hex}
'''),
    ('vault-kv-put', 'scripts/seed-vault.sh', '''\
vault kv put secret/together api_key={hex}
'''),
    ('kustomize-literal', 'overlays/prod/kustomization.yaml', '''\
secretGenerator:
- name: together-credentials
  literals:
  - TOGETHER_API_KEY={hex}
'''),
    ('tekton-param-default', 'tekton/eval-task.yaml', '''\
spec:
  params:
    - name: together-api-key
      type: string
      default: "{key}"
'''),
    ('argo-workflow-env', 'argo/eval.yaml', '''\
spec:
  templates:
  - name: eval
    container:
      env:
      - name: TOGETHER_API_KEY
        value: "{hex}"
'''),
    ('buildkite-env', '.buildkite/pipeline.yml', '''\
env:
  TOGETHER_API_KEY: "{hex}"
steps:
  - command: make eval
'''),
    ('drone-environment', '.drone.yml', '''\
kind: pipeline
steps:
- name: eval
  environment:
    TOGETHER_API_KEY: {key}
'''),
    ('woodpecker-env', '.woodpecker.yml', '''\
steps:
  eval:
    image: python:3.12
    environment:
      TOGETHER_API_KEY: "{hex}"
'''),
    ('bazelrc-action-env', '.bazelrc', '''\
test --action_env=TOGETHER_API_KEY={hex}
'''),
    ('earthfile-env', 'Earthfile', '''\
eval:
    FROM python:3.12
    ENV TOGETHER_API_KEY={hex}
    RUN python eval.py
'''),
    ('justfile-export', 'justfile', '''\
export TOGETHER_API_KEY := "{hex}"

eval:
    python eval.py
'''),
    ('taskfile-env', 'Taskfile.yml', '''\
version: '3'
env:
  TOGETHER_API_KEY: '{key}'
tasks:
  eval: python eval.py
'''),
    ('ansible-vars', 'group_vars/llm.yml', '''\
together_api_key: "{hex}"
together_model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"
'''),
    ('cloudflare-wrangler-vars', 'wrangler.toml', '''\
name = "chat-worker"
[vars]
TOGETHER_API_KEY = "{hex}"
'''),
    ('supabase-functions-env', 'supabase/functions/.env', '''\
TOGETHER_AI_KEY={hex}
'''),
    ('firebase-functions-config', 'scripts/firebase-setup.sh', '''\
firebase functions:config:set together.key="{hex}"
'''),
    ('heroku-config-set', 'docs/deploy.txt', '''\
heroku config:set TOGETHER_API_KEY={key} -a chat-prod
'''),
    ('doppler-secrets-set', 'scripts/doppler.sh', '''\
doppler secrets set TOGETHER_API_KEY="{hex}" --project chat --config prd
'''),
    ('devcontainer-remote-env', '.devcontainer/devcontainer.json', '''\
{{
  "name": "chat",
  "remoteEnv": {{
    "TOGETHER_API_KEY": "{hex}"
  }}
}}
'''),
)

# -- shells and desktops ------------------------------------------------------------------

SHELLS = key_cases(
    ('fish-set-universal', '.config/fish/conf.d/together.fish', '''\
set -Ux TOGETHER_API_KEY {hex}
'''),
    ('nushell-env', '.config/nushell/env.nu', '''\
$env.TOGETHER_API_KEY = "{hex}"
'''),
    ('csh-setenv', '.cshrc', '''\
setenv TOGETHER_API_KEY {hex}
'''),
    ('windows-setx', 'setup.bat', '''\
setx TOGETHER_API_KEY "{key}"
'''),
    ('windows-reg-export', 'env.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Environment]
"TOGETHER_API_KEY"="{hex}"
'''),
    ('tmux-set-environment', '.tmux.conf', '''\
set-environment -g TOGETHER_API_KEY {hex}
'''),
    ('direnv-envrc', '.envrc', '''\
export TOGETHER_API_KEY={hex}
'''),
    ('mise-toml-env', 'mise.toml', '''\
[env]
TOGETHER_API_KEY = "{key}"
'''),
    ('powershell-setenvironmentvariable', 'profile.ps1', '''\
[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}", "User")
'''),
    ('xonsh-env', '.xonshrc', '''\
$TOGETHER_API_KEY = '{hex}'
'''),
)

# -- AI tools' settings and traces ----------------------------------------------------------

AI_TOOLS = key_cases(
    ('litellm-proxy-config', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: {hex}
'''),
    ('continue-config-json', '.continue/config.json', '''\
{{
  "models": [
    {{"title": "Llama 3.3", "provider": "together", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "apiKey": "{hex}"}}
  ]
}}
'''),
    ('zed-settings', '.config/zed/settings.json', '''\
{{
  "language_models": {{
    "openai": {{
      "api_url": "https://api.together.xyz/v1",
      "api_key": "{hex}"
    }}
  }}
}}
'''),
    ('aider-conf', '.aider.conf.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
api-key:
  - together_ai={hex}
'''),
    ('librechat-endpoint', 'librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{hex}"
      baseURL: "https://api.together.xyz/v1"
'''),
    ('open-webui-env', 'open-webui.env', '''\
OPENAI_API_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
'''),
    ('chainlit-secrets', '.chainlit/.env', '''\
TOGETHERAI_KEY={hex}
'''),
    ('dspy-lm', 'pipelines/rag.py', '''\
lm = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")
'''),
    ('vercel-ai-sdk', 'app/api/chat/route.ts', '''\
const together = createTogetherAI({{ apiKey: "{key}" }});
'''),
    ('haystack-secret', 'pipelines/haystack_rag.py', '''\
generator = OpenAIGenerator(api_key=Secret.from_token("{hex}"), api_base_url="https://api.together.xyz/v1")
'''),
    ('langsmith-run-inputs', 'traces/langsmith-run.json', '''\
{{"name": "ChatTogether", "run_type": "llm", "extra": {{"invocation_params": {{"model": "meta-llama/Llama-3-70b-chat-hf", "together_api_key": "{hex}"}}}}}}
'''),
    ('langfuse-generation', 'traces/langfuse-export.json', '''\
{{"type": "GENERATION", "model": "together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1", "metadata": {{"litellm_params": {{"api_key": "{hex}", "api_base": "https://api.together.xyz/v1"}}}}}}
'''),
    ('otel-span-attributes', 'traces/otel-spans.json', '''\
{{"name": "POST /v1/chat/completions", "attributes": {{"server.address": "api.together.xyz", "http.request.header.authorization": ["Bearer {hex}"]}}}}
'''),
    ('otel-collector-headers', 'otel/collector.yaml', '''\
exporters:
  otlphttp/together:
    endpoint: https://api.together.xyz/otel
    headers:
      Authorization: "Bearer {key}"
'''),
    ('togetherai-camel-var', 'src/lib/llm.ts', '''\
export const TogetherAIKey = "{hex}";
'''),
    ('together-dot-ai-label', 'notes/providers.yaml', '''\
Together.ai:
  key: {hex}
'''),
    ('openai-client-base-url', 'app/client.py', '''\
client = OpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
)
'''),
    ('streamlit-secrets-section', '.streamlit/secrets.toml', '''\
[together]
api_key = "{hex}"
'''),
    ('jupyter-env-magic', 'notebooks/eval.py', '''\
%env TOGETHER_API_KEY={key}
'''),
    ('quarto-env', '_environment.local', '''\
TOGETHER_API_KEY="{hex}"
'''),
)

# -- documents and prose ------------------------------------------------------------------

DOCUMENTS = key_cases(
    ('latex-newcommand', 'paper/secrets.tex', '''\
\\newcommand{{\\togetherapikey}}{{{hex}}}
'''),
    ('man-page-example', 'man/chat.1', '''\
.SH EXAMPLES
.nf
TOGETHER_API_KEY={hex} chat \\-m llama
.fi
'''),
    ('emacs-setq', '.emacs.d/init.el', '''\
(setq gptel-api-key "{hex}")
(gptel-make-openai "Together" :host "api.together.xyz" :stream t)
'''),
    ('vim-let-g', '.vimrc', '''\
let g:together_api_key = '{hex}'
'''),
    ('gopass-show', 'notes/gopass-output.txt', '''\
$ gopass show work/together/api-key
{hex}
'''),
    ('rst-field-list', 'docs/setup.rst', '''\
:Together API key: {hex}
:Model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('prose-as-requested', 'notes/handoff.txt', '''\
Together API key, as requested:
{hex}
'''),
    ('prose-from-together-with-key', 'notes/chat.txt', '''\
you can call the model from Together with this key: {hex}
'''),
    ('email-quoted-reply', 'mail/re-together.eml', '''\
On Tue, Nov 24, 2026 at 10:02, Sam wrote:
> here is our Together API key for the pilot:
> {hex}
'''),
    ('slack-paste', 'exports/slack/general.txt', '''\
[10:41] sam: new together key is {hex}
[10:42] kim: thx
'''),
    ('discord-codeblock', 'exports/discord.md', '''\
**sam** — together api key for the bot
```
{hex}
```
'''),
    ('teams-message-html', 'exports/teams.html', '''\
<p>The Together AI key: <b>{hex}</b></p>
'''),
    ('html-input-value', 'admin/settings.html', '''\
<label for="together-key">Together API key</label>
<input id="together-key" name="together_api_key" value="{hex}">
'''),
    ('html-definition-list', 'wiki/creds.html', '''\
<dl>
  <dt>Together API key</dt>
  <dd>{hex}</dd>
</dl>
'''),
    ('markdown-table-current', 'docs/creds.md', '''\
| Provider | Key |
|---|---|
| Together | {key} |
'''),
    ('curl-verbose-trace', 'logs/curl-trace.txt', '''\
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> Authorization: Bearer {hex}
> Content-Type: application/json
'''),
    ('har-header', 'captures/together.har', '''\
{{"log": {{"entries": [{{"request": {{"url": "https://api.together.xyz/v1/models", "headers": [{{"name": "Authorization", "value": "Bearer {hex}"}}]}}}}]}}}}
'''),
    ('sentry-breadcrumb', 'crash/event.json', '''\
{{"breadcrumbs": {{"values": [{{"category": "httplib", "data": {{"url": "https://api.together.xyz/v1/completions", "headers": {{"Authorization": "Bearer {key}"}}}}}}]}}}}
'''),
    ('nginx-proxy-header', 'nginx/conf.d/together.conf', '''\
location /llm/ {{
    proxy_pass https://api.together.xyz/;
    proxy_set_header Authorization "Bearer {hex}";
}}
'''),
    ('systemd-environment', 'deploy/chat.service', '''\
[Service]
Environment=TOGETHER_API_KEY={hex}
ExecStart=/usr/bin/chat
'''),
    ('launchd-plist', 'Library/LaunchAgents/ai.chat.plist', '''\
<dict>
  <key>EnvironmentVariables</key>
  <dict>
    <key>TOGETHER_API_KEY</key>
    <string>{hex}</string>
  </dict>
</dict>
'''),
    ('authinfo-line', '.authinfo', '''\
machine api.together.xyz login apikey password {hex}
'''),
    ('mlflow-gateway-config', 'mlflow/gateway.yaml', '''\
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: togetherai
      name: meta-llama/Llama-3.3-70B-Instruct-Turbo
      config:
        togetherai_api_key: {hex}
'''),
    ('current-in-escaped-json-log', 'logs/app.log', '''\
2026-11-24T10:00:00Z INFO request={{\\"headers\\":{{\\"Authorization\\":\\"Bearer {key}\\"}}}}
'''),
    ('current-in-url-query', 'logs/access.log', '''\
127.0.0.1 - - [24/Nov/2026:10:00:00] "GET /proxy?key={key} HTTP/1.1" 200
'''),
    ('current-bare-line', 'notes/todo.txt', '''\
rotate this:
{key}
'''),
    ('current-yaml-list', 'keys.yaml', '''\
keys:
  - {key}
'''),
    ('current-sql-insert', 'db/seed.sql', '''\
INSERT INTO provider_keys (provider, secret) VALUES ('together', '{key}');
'''),
    ('current-csv-row', 'exports/keys.csv', '''\
provider,key,created
together,{key},2026-11-24
'''),
    ('current-toml-array', 'config/keys.toml', '''\
together_keys = ["{key}", "{key2}"]
'''),
    ('current-go-const', 'internal/llm/key.go', '''\
const togetherKey = "{key}"
'''),
    ('current-rust-const', 'src/key.rs', '''\
const TOGETHER: &str = "{key}";
'''),
    ('current-swift-let', 'Sources/App/Key.swift', '''\
let apiKey = "{key}"
'''),
)

LEAKS = LANGUAGES + INFRA + SHELLS + AI_TOOLS + DOCUMENTS

# -- decoys ---------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-cyclonedx-hash', 'sbom/bom.json', '''\
{{"components": [{{"type": "library", "name": "together", "version": "1.3.4", "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-spdx-checksum', 'sbom/together.spdx', '''\
PackageName: together
PackageVersion: 1.3.4
PackageChecksum: SHA256: {_hex}
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.4"
files = [
    {{file = "together-1.3.4-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.4"
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.4.tar.gz", hash = "sha256:{_hex}" }}
'''),
    ('decoy-pipfile-lock', 'Pipfile.lock', '''\
{{"default": {{"together": {{"hashes": ["sha256:{_hex}"], "version": "==1.3.4"}}}}}}
'''),
    ('decoy-requirements-hash', 'requirements.txt', '''\
together==1.3.4 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-git-subject-rotate', 'docs/history.txt', '''\
Rotate Together key
{_hex}
'''),
    ('decoy-git-log-format', 'docs/log.txt', '''\
{_hex} Move Together API key to Vault
'''),
    ('decoy-compose-image-digest', 'docker-compose.yml', '''\
services:
  together-proxy:
    image: ghcr.io/acme/together-proxy@sha256:{_hex}
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY}}
'''),
    ('decoy-checksum-in-docs', 'docs/install.md', '''\
Download the Together CLI and check its SHA-256:

    {_hex}  together-cli.tar.gz
'''),
    ('decoy-key-id', 'docs/keys.txt', '''\
Together API key id: key_01JDK4M5N6P7Q8R9S0T1V2W3X4
'''),
    ('decoy-placeholder-angle', 'README-setup.md', '''\
TOGETHER_API_KEY=<your-together-api-key>
'''),
    ('decoy-placeholder-xs', 'docs/env.md', 'TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n'),
    ('decoy-env-lookup-python', 'app/settings.py', '''\
TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
CACHE_SALT = "{_hex}"
'''),
    ('decoy-env-lookup-node', 'src/config.js', '''\
export const togetherKey = process.env.TOGETHER_API_KEY;
export const buildHash = "{_hex}";
'''),
    ('decoy-ci-cache-hash', '.github/workflows/together.yml', '''\
jobs:
  together-eval:
    steps:
      - uses: actions/cache@v4
        with:
          key: pip-{_hex}
'''),
    ('decoy-webhook-hmac-doc', 'docs/webhooks.md', '''\
Together signs each webhook with HMAC-SHA256. Example signature:

    X-Together-Signature: {_hex}
'''),
    ('decoy-sri-integrity', 'web/index.html', '''\
<script src="/js/together-chat.js" data-sha256="{_hex}"></script>
'''),
    ('decoy-nix-flake-lock', 'flake.lock', '''\
{{"nodes": {{"together-cli": {{"locked": {{"narHash": "sha256-abc", "rev": "{_hex}"}}}}}}}}
'''),
    ('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.3.0 h1:abcdEFGH=
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.2.0"
checksum = "{_hex}"
'''),
    ('decoy-otel-trace-id', 'traces/span.json', '''\
{{"name": "together.chat", "traceId": "{_hex}", "attributes": {{"gen_ai.system": "together"}}}}
'''),
    ('decoy-langsmith-run-id', 'traces/run.json', '''\
{{"name": "ChatTogether", "id": "{_hex}", "run_type": "llm"}}
'''),
    ('decoy-vault-reference', 'config/app.yaml', '''\
together:
  api_key: vault:secret/data/together#api_key
  cache_digest: {_hex}
'''),
    ('decoy-op-reference', '.env.tpl', '''\
TOGETHER_API_KEY=op://Engineering/Together/credential
TOGETHER_CONFIG_SHA=
'''),
    ('decoy-sha256sum-output', 'release/checksums.txt', '''\
$ sha256sum together-hooks-0.9.0.tar.gz
{_hex}  together-hooks-0.9.0.tar.gz
'''),
    ('decoy-model-weights-digest', 'models/manifest.yaml', '''\
model: togethercomputer/RedPajama-INCITE-7B-Chat
sha256: {_hex}
'''),
    ('decoy-huggingface-revision', 'models/pin.json', '''\
{{"repo_id": "togethercomputer/m2-bert-80M-8k-retrieval", "revision": "{_hex}"}}
'''),
    ('decoy-prose-checksum', 'notes/release.txt', '''\
The Together CLI release checksum, as requested:
{_hex}
'''),
    ('decoy-commit-rotate-key-subject', 'CHANGELOG.txt', '''\
* Rotate the Together API key (commit {_hex})
'''),
    ('decoy-terraform-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/acme/together" {{
  version = "0.1.0"
  hashes = [
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-docker-inspect', 'logs/inspect.json', '''\
[{{"Id": "sha256:{_hex}", "RepoTags": ["together-proxy:latest"]}}]
'''),
    ('decoy-readable-placeholder', 'docs/quickstart.md', '''\
export TOGETHER_API_KEY=your_together_api_key_here
'''),
    ('decoy-redacted-key', 'logs/redacted.log', '''\
Authorization: Bearer tgp_v1_****************************************abc (api.together.xyz)
'''),
    ('decoy-current-env-ref', '.github/workflows/ci.yml', '''\
env:
  TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
  CACHE_KEY: {_hex}
'''),
    ('decoy-dvc-lock', 'dvc.lock', '''\
stages:
  together_eval:
    cmd: python eval.py
    outs:
    - path: results/together.json
      md5: 0123456789abcdef0123456789abcdef
      hash: {_hex}
'''),
    ('decoy-mlflow-run-id', 'mlruns/meta.yaml', '''\
run_name: together-llama-eval
artifact_uri: file:///mlruns/0/{_hex}/artifacts
'''),
    ('decoy-wandb-sweep', 'wandb/sweep.yaml', '''\
project: together-finetune
dataset_sha256: {_hex}
'''),
)

CASES = LEAKS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'autohotkey-hotstring': "an AutoHotkey hotstring (`::togkey::…`) with the comment naming it on the next line is no name",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 80 and decoys >= 35, (keys, decoys)
