"""A fourth held-out probe (session 8): formats and contexts the other sets
do not hold -- Apple and Android build settings, .NET user secrets,
framework configs (Django, Rails, Elixir, Spring), languages the other
sets skip (Zig, OCaml, Nim, Haskell, Dart, Swift), workflow systems
(Airflow, dbt), query and wire formats (GraphQL, protobuf text, Postgres
``COPY``), chat exports, issue text, traces and telemetry, proxy flows,
browser storage, editor packages, password-manager exports, and
``tgp_v1_`` keys glued to markup and punctuation in new ways -- and
decoys from lockfiles of other ecosystems (``pubspec.lock``, ``mix.lock``,
``Gemfile.lock``, ``pdm.lock``, ``MODULE.bazel.lock``, SPDX JSON, conda
explicit files, stack and opam locks), digests in docs about Together,
placeholders and environment references in many languages.  The same
cases are scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe4_modes_test.py.
"""
from __future__ import annotations

import base64
import json
import string

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


def _markdown_escaped_underscores(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A Markdown or LaTeX writer escapes every ``_`` of the key."""
    key = m.key()
    text = f'Rotate the staging key: tgp\\_v1\\_{key[7:].replace("_", chr(92) + "_")}\n'
    return text, [(1, key)]


def _latex_texttt(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    body = key.replace('_', '\\_')
    text = '\\section{Setup}\nExport the key: \\texttt{' + body + '}.\n'
    return text, [(2, key)]


def _smart_quotes(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    return f'Use the key \u201c{key}\u201d in the header.\n', [(1, key)]


def _cjk_punctuation(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    return f'# 配置\n密钥：{key}。请勿提交。\n', [(2, key)]


def _nbsp_zwsp(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """Copied from a web page: a no-break space and a zero-width space
    around the key."""
    key = m.key()
    return f'API\u00a0key:\u00a0\u200b{key}\u200b\u00a0(staging)\n', [(1, key)]


def _jwt_payload(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A JWT whose payload (base64url, no padding) carries the key."""
    key = m.key()

    def seg(obj: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(',', ':')).encode()).decode().rstrip('=')
    token = '.'.join((
        seg({'alg': 'HS256', 'typ': 'JWT'}),
        seg({'sub': 'svc-chat', 'upstream_key': key, 'iat': 1717200000}),
        base64.urlsafe_b64encode(m.rng.randbytes(32)).decode().rstrip('='),
    ))
    return f'GATEWAY_TOKEN={token}\n', [(1, key)]


def _slack_export(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    hx = m.hex()
    msgs = [
        {'type': 'message', 'user': 'U024BE7LH', 'ts': '1717200000.000100',
         'text': 'can someone share the staging creds?'},
        {'type': 'message', 'user': 'U0G9QF9C6', 'ts': '1717200042.000200',
         'text': f'new one: `{key}`'},
        {'type': 'message', 'user': 'U0G9QF9C6', 'ts': '1717200050.000300',
         'text': f'old legacy together api key was {hx} (revoking it today)'},
    ]
    text = json.dumps(msgs, indent=4) + '\n'
    return text, [(line_of(text, key), key), (line_of(text, hx), hx)]


def _discord_export(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    data = {'guild': {'name': 'llm-hackers'}, 'channel': {'name': 'together-help'}, 'messages': [
        {'id': '1246', 'author': {'name': 'sam'}, 'content': f'my TOGETHER_API_KEY={hx} gives 401, why?'},
    ]}
    text = json.dumps(data, indent=2) + '\n'
    return text, [(line_of(text, hx), hx)]


def _sentry_event(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    data = {'event_id': 'fc6d8c0c43fc4630ad850ee518f1b9d0', 'level': 'error', 'request': {
        'url': 'https://api.together.xyz/v1/chat/completions', 'method': 'POST',
        'headers': [['Content-Type', 'application/json'], ['Authorization', f'Bearer {hx}']],
    }}
    text = json.dumps(data, indent=2) + '\n'
    return text, [(line_of(text, hx), hx)]


def _otel_span(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    data = {'name': 'POST', 'kind': 'SPAN_KIND_CLIENT', 'attributes': [
        {'key': 'http.request.method', 'value': {'stringValue': 'POST'}},
        {'key': 'url.full', 'value': {'stringValue': 'https://api.together.xyz/v1/completions'}},
        {'key': 'http.request.header.authorization', 'value': {'arrayValue': {'values': [
            {'stringValue': f'Bearer {hx}'}]}}},
    ]}
    text = json.dumps(data, indent=2) + '\n'
    return text, [(line_of(text, hx), hx)]


def _bitwarden_export(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    data = {'encrypted': False, 'items': [{
        'type': 1, 'name': 'Together AI', 'notes': None,
        'login': {'uris': [{'match': None, 'uri': 'https://api.together.xyz'}],
                  'username': 'ops@example.com', 'password': hx, 'totp': None},
    }]}
    text = json.dumps(data, indent=2) + '\n'
    return text, [(line_of(text, hx), hx)]


def _local_storage_dump(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """DevTools ``copy(JSON.stringify(localStorage))``: the value is JSON
    inside a JSON string."""
    hx = m.hex()
    inner = json.dumps({'provider': 'together', 'apiKey': hx, 'model': 'meta-llama/Llama-3-8b-chat-hf'})
    text = json.dumps({'theme': 'dark', 'chat-settings': inner}) + '\n'
    return text, [(1, hx)]


SPECIAL = [
    Case('markdown-escaped-underscores', 'docs/rotation.md', _markdown_escaped_underscores),
    Case('latex-texttt', 'paper/setup.tex', _latex_texttt),
    Case('smart-quotes', 'docs/howto.md', _smart_quotes),
    Case('cjk-fullwidth-punctuation', 'docs/zh/setup.md', _cjk_punctuation),
    Case('nbsp-zwsp-around', 'notes/pasted.txt', _nbsp_zwsp),
    Case('jwt-payload-b64url', 'gateway.env', _jwt_payload),
    Case('slack-export-json', 'slack/general/2024-06-01.json', _slack_export),
    Case('discord-export-json', 'exports/discord.json', _discord_export),
    Case('sentry-event-header-pairs', 'sentry/event.json', _sentry_event),
    Case('otel-span-attributes', 'traces/span.json', _otel_span),
    Case('bitwarden-export', 'backup/bitwarden_export.json', _bitwarden_export),
    Case('localstorage-json-in-json', 'debug/localStorage.json', _local_storage_dump),
]

LEAKS = key_cases(
    # -- Apple and Android build settings -----------------------------------
    ('xcconfig-named', 'Config/Secrets.xcconfig', '''\
// Secrets.xcconfig -- local only
TOGETHER_API_KEY = {hex}
PRODUCT_BUNDLE_IDENTIFIER = ai.acme.chat
'''),
    ('xcscheme-env-var', 'Chat.xcodeproj/xcshareddata/xcschemes/Chat.xcscheme', '''\
      <EnvironmentVariables>
         <EnvironmentVariable
            key = "TOGETHER_API_KEY"
            value = "{hex}"
            isEnabled = "YES">
         </EnvironmentVariable>
      </EnvironmentVariables>
'''),
    ('android-local-properties', 'local.properties', '''\
sdk.dir=/Users/dev/Library/Android/sdk
together.apiKey={hex}
'''),
    ('gradle-kts-buildconfig-tgp', 'app/build.gradle.kts', '''\
android {{
    defaultConfig {{
        buildConfigField("String", "TOGETHER_KEY", "\\"{key}\\"")
    }}
}}
'''),
    ('flutter-dart-define', '.vscode/launch.json', '''\
{{
  "configurations": [
    {{
      "name": "chat (debug)",
      "request": "launch",
      "type": "dart",
      "args": ["--dart-define=TOGETHER_API_KEY={hex}"]
    }}
  ]
}}
'''),
    ('flutter-run-command', 'scripts/run_ios.sh', '''\
flutter run -d ios --dart-define TOGETHER_API_KEY={hex} --flavor staging
'''),
    ('swift-setenv', 'Tests/ChatTests/Setup.swift', '''\
override func setUp() {{
    setenv("TOGETHER_API_KEY", "{hex}", 1)
}}
'''),
    ('swift-processinfo-default', 'Sources/Chat/Env.swift', '''\
let togetherKey = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"] ?? "{hex}"
'''),
    # -- .NET, Django, Rails, Elixir, Laravel, Spring ------------------------
    ('dotnet-user-secrets-json', 'secrets/usersecrets/secrets.json', '''\
{{
  "Together:ApiKey": "{hex}",
  "ConnectionStrings:Default": "Server=(localdb)\\\\mssqllocaldb;Database=chat"
}}
'''),
    ('dotnet-user-secrets-set', 'docs/dev-setup.md', '''\
    dotnet user-secrets set "Together:ApiKey" "{hex}"
'''),
    ('dotnet-env-double-underscore', 'Properties/launchSettings.json', '''\
{{
  "profiles": {{
    "Chat": {{
      "commandName": "Project",
      "environmentVariables": {{
        "ASPNETCORE_ENVIRONMENT": "Development",
        "Together__ApiKey": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('django-settings-dict', 'mysite/settings/local.py', '''\
TOGETHER = {{
    "API_KEY": "{hex}",
    "MODEL": "meta-llama/Llama-3-70b-chat-hf",
}}
'''),
    ('rails-credentials-nested', 'config/credentials/development.yml', '''\
secret_key_base: 3b7cd727ee24e8444053437c36cc66c4
llm:
  together:
    api_key: {hex}
'''),
    ('elixir-put-env', 'test/test_helper.exs', '''\
ExUnit.start()
System.put_env("TOGETHER_API_KEY", "{hex}")
'''),
    ('elixir-runtime-keyword', 'config/runtime.exs', '''\
if config_env() == :prod do
  config :chat, Chat.LLM,
    provider: :together,
    api_key: "{hex}"
end
'''),
    ('laravel-config-array', 'config/together.php', '''\
<?php

return [
    'api_key' => '{hex}',
    'base_url' => 'https://api.together.xyz/v1',
];
'''),
    ('spring-profile-properties', 'src/main/resources/application-dev.properties', '''\
together.ai.api-key={hex}
together.ai.base-url=https://api.together.xyz/v1
'''),
    # -- languages the other sets skip --------------------------------------
    ('zig-const', 'src/secrets.zig', '''\
pub const together_api_key = "{hex}";
'''),
    ('ocaml-let', 'bin/config.ml', '''\
let together_api_key = "{hex}"
let model = "meta-llama/Llama-3-8b-chat-hf"
'''),
    ('ocaml-putenv', 'test/setup.ml', '''\
let () = Unix.putenv "TOGETHER_API_KEY" "{hex}"
'''),
    ('nim-const', 'src/keys.nim', '''\
const togetherApiKey* = "{hex}"
'''),
    ('nim-putenv', 'tests/config.nims', '''\
putEnv("TOGETHER_API_KEY", "{hex}")
'''),
    ('haskell-setenv', 'test/Spec.hs', '''\
main :: IO ()
main = do
  setEnv "TOGETHER_API_KEY" "{hex}"
  hspec spec
'''),
    ('haskell-record', 'src/Chat/Config.hs', '''\
defaultConfig :: Config
defaultConfig = Config
  {{ baseUrl = "https://api.together.xyz/v1"
  , apiKey  = "{hex}"
  }}
'''),
    ('dart-map-literal', 'lib/src/providers.dart', '''\
final providers = {{
  'together': {{
    'baseUrl': 'https://api.together.xyz/v1',
    'apiKey': '{hex}',
  }},
}};
'''),
    ('crystal-env', 'spec/spec_helper.cr', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('clojure-map', 'src/chat/config.clj', '''\
(def together {{:base-url "https://api.together.xyz/v1"
               :api-key "{hex}"}})
'''),
    ('erlang-sys-config', 'config/sys.config', '''\
[{{chat, [{{together_api_key, "{hex}"}},
         {{model, "meta-llama/Llama-3-8b-chat-hf"}}]}}].
'''),
    ('fsharp-let', 'src/Keys.fs', '''\
module Keys
let togetherApiKey = "{hex}"
'''),
    ('groovy-def', 'scripts/eval.groovy', '''\
def togetherApiKey = '{hex}'
'''),
    ('vb-const', 'Keys.vb', '''\
Public Const TogetherApiKey As String = "{hex}"
'''),
    ('powershell-splat-hashtable', 'scripts/call.ps1', '''\
$headers = @{{ Authorization = "Bearer {hex}" }}
Invoke-RestMethod -Uri "https://api.together.xyz/v1/models" -Headers $headers
'''),
    # -- workflow systems, data tools ----------------------------------------
    ('airflow-conn-uri', 'airflow/.env', '''\
AIRFLOW_CONN_TOGETHER_DEFAULT=http://:{hex}@api.together.xyz/https
'''),
    ('airflow-conn-json', 'airflow/connections.json', '''\
{{
  "together_default": {{
    "conn_type": "http",
    "host": "api.together.xyz",
    "password": "{hex}"
  }}
}}
'''),
    ('dbt-profile-env-default', 'profiles.yml', '''\
analytics:
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      settings:
        together_api_key: "{{{{ env_var('TOGETHER_API_KEY', '{hex}') }}}}"
'''),
    ('postgres-copy-tsv', 'db/dump.sql', '''\
COPY public.settings (name, value) FROM stdin;
smtp_host\tmail.example.com
together_api_key\t{hex}
\\.
'''),
    ('graphql-variables-provider', 'requests/setProviderKey.json', '''\
{{
  "query": "mutation SetKey($input: ProviderKeyInput!) {{ setProviderKey(input: $input) {{ id }} }}",
  "variables": {{"input": {{"provider": "together", "apiKey": "{hex}"}}}}
}}
'''),
    ('protobuf-text-format', 'config/gateway.textproto', '''\
upstreams {{
  name: "together"
  base_url: "https://api.together.xyz/v1"
  api_key: "{hex}"
}}
'''),
    ('toml-inline-table-providers', 'config/providers.toml', '''\
[providers]
together = {{ api_key = "{hex}", base_url = "https://api.together.xyz/v1" }}
'''),
    ('ini-dotted-section', 'setup/llm.ini', '''\
[provider.together]
key = {hex}
timeout = 30
'''),
    ('shell-heredoc-toml', 'bootstrap/install.sh', '''\
mkdir -p ~/.config/chat
cat > ~/.config/chat/config.toml <<'EOF'
[together]
api_key = "{hex}"
EOF
'''),
    ('shell-heredoc-env', 'bootstrap/env.sh', '''\
cat <<EOF >> .env
TOGETHER_API_KEY={hex}
EOF
'''),
    ('jupyter-env-magic-space', 'nb/eval.ipynb', '''\
{{
 "cells": [
  {{"cell_type": "code", "source": ["%env TOGETHER_API_KEY {hex}"]}}
 ]
}}
'''),
    ('jupyter-set-env-magic', 'nb/agent.py', '''\
# %%
%set_env TOGETHER_API_KEY={hex}
'''),
    ('docker-run-env-long', 'scripts/serve.sh', '''\
docker run --rm --env "TOGETHER_API_KEY={hex}" -p 8080:8080 ghcr.io/acme/chat:1.2
'''),
    ('dockerfile-arg-default', 'docker/Dockerfile.eval', '''\
FROM python:3.12-slim
ARG TOGETHER_API_KEY={hex}
ENV TOGETHER_API_KEY=$TOGETHER_API_KEY
'''),
    ('kubectl-literal-named', 'ops/rotate.sh', '''\
kubectl -n chat create secret generic llm-keys \\
  --from-literal=TOGETHER_API_KEY={hex} \\
  --dry-run=client -o yaml | kubectl apply -f -
'''),
    ('gha-env-literal-step', '.github/workflows/bench.yml', '''\
      - name: bench
        run: python bench.py
        env:
          TOGETHER_API_KEY: {hex}
'''),
    # -- docs, chat, issues, traces ------------------------------------------
    ('markdown-table-curl', 'docs/api-cheatsheet.md', '''\
| task | command |
|---|---|
| list models | `curl -H "Authorization: Bearer {hex}" https://api.together.xyz/v1/models` |
'''),
    ('chat-transcript-prose', 'notes/standup.txt', '''\
[10:42] alice: here's the together key for staging: {hex}
[10:43] bob: thanks, adding it to the vault
'''),
    ('issue-text-env', 'docs/issues/401.md', '''\
### Steps to reproduce

1. `export TOGETHER_API_KEY="{hex}"`
2. `together models list`
'''),
    ('java-stack-trace', 'logs/worker.log', '''\
ERROR c.a.chat.LlmClient - request failed: TogetherConfig[baseUrl=https://api.together.xyz/v1, apiKey={hex}]
\tat com.acme.chat.LlmClient.call(LlmClient.java:88)
'''),
    ('python-repr-in-log', 'logs/debug.log', '''\
DEBUG settings loaded: Settings(together_api_key='{hex}', model='meta-llama/Llama-3-8b-chat-hf')
'''),
    ('mitmproxy-flow-text', 'captures/flow.txt', '''\
POST https://api.together.xyz/v1/chat/completions
    Host:           api.together.xyz
    Authorization:  Bearer {hex}
    Content-Type:   application/json
'''),
    ('mitm-curl-export-tgp', 'captures/replay.sh', '''\
curl -X POST 'https://api.together.xyz/v1/chat/completions' -H 'authorization: Bearer {key}' --data-raw '{{}}'
'''),
    ('browser-console-setitem', 'debug/console.txt', '''\
> localStorage.setItem("togetherApiKey", "{hex}")
< undefined
'''),
    ('cookie-header-tgp', 'captures/cookies.txt', '''\
Cookie: theme=dark; together_key={key}; Path=/
'''),
    # -- editors and tools -----------------------------------------------------
    ('vscode-extension-setting-togetherai', '.vscode/settings.json', '''\
{{
  "editor.fontSize": 13,
  "togetherai.apiKey": "{hex}"
}}
'''),
    ('jetbrains-run-config-envs', '.idea/runConfigurations/chat.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="chat" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{hex}" />
    </envs>
  </configuration>
</component>
'''),
    ('emacs-authinfo', '.authinfo', '''\
machine api.together.xyz login apikey password {hex} port https
'''),
    ('emacs-gptel-make-openai', '.emacs.d/init-ai.el', '''\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key "{hex}"
  :stream t
  :models '(mistralai/Mixtral-8x7B-Instruct-v0.1))
'''),
    ('vim-let-global', '.vimrc', '''\
let g:together_api_key = '{hex}'
'''),
    ('pass-insert-echo', 'scripts/store-keys.sh', '''\
echo "{hex}" | pass insert --echo --force together/api-key
'''),
    ('llm-cli-keys-set', 'docs/llm.md', '''\
    $ llm keys set together --value {hex}
'''),
    ('aws-secretsmanager-create', 'ops/secrets.sh', '''\
aws secretsmanager create-secret --name prod/together-api-key --secret-string {hex}
'''),
    ('gcloud-secrets-echo', 'ops/gcp.sh', '''\
echo -n "{hex}" | gcloud secrets create together-api-key --data-file=-
'''),
    ('fly-secrets-set', 'ops/fly.sh', '''\
fly secrets set TOGETHER_API_KEY={hex} --app chat-prod
'''),
    ('vercel-env-add', 'ops/vercel.sh', '''\
printf '{hex}' | vercel env add TOGETHER_API_KEY production
'''),
    ('wrangler-vars', 'wrangler.toml', '''\
name = "chat-worker"
[vars]
TOGETHER_API_KEY = "{hex}"
'''),
    ('render-yaml-envvars', 'render.yaml', '''\
services:
  - type: web
    name: chat
    envVars:
      - key: TOGETHER_API_KEY
        value: {hex}
'''),
    ('procfile-inline-env', 'Procfile', '''\
web: TOGETHER_API_KEY={hex} gunicorn app:app
'''),
    ('justfile-export', 'justfile', '''\
export TOGETHER_API_KEY := "{hex}"
serve:
    uvicorn app:app
'''),
    ('taskfile-env', 'Taskfile.yml', '''\
version: '3'
env:
  TOGETHER_API_KEY: {hex}
tasks:
  eval: python eval.py
'''),
    ('tox-setenv', 'tox.ini', '''\
[testenv]
setenv =
    TOGETHER_API_KEY = {hex}
commands = pytest
'''),
    ('pytest-ini-env', 'pytest.ini', '''\
[pytest]
env =
    TOGETHER_API_KEY={hex}
'''),
    ('nomad-job-env', 'deploy/chat.nomad.hcl', '''\
task "api" {{
  env {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('travis-env-global', '.travis.yml', '''\
env:
  global:
    - TOGETHER_API_KEY={hex}
'''),
    ('buildkite-env', '.buildkite/pipeline.yml', '''\
env:
  TOGETHER_API_KEY: "{hex}"
steps:
  - command: pytest
'''),
    ('cloudbuild-env-list', 'cloudbuild.yaml', '''\
steps:
  - name: python:3.12
    entrypoint: pytest
    env:
      - 'TOGETHER_API_KEY={hex}'
'''),
    # -- here-strings, redirects, value flags, shell defaults -------------------
    ('pass-here-string', 'scripts/keys.sh', '''\
pass insert -m together/api-key <<< "{hex}"
'''),
    ('echo-redirect-config-file', 'bootstrap/setup-cli.sh', '''\
mkdir -p ~/.config/together
echo "{hex}" > ~/.config/together/api_key
chmod 600 ~/.config/together/api_key
'''),
    ('macos-keychain-add', 'scripts/keychain.sh', '''\
security add-generic-password -U -a "$USER" -s together-api-key -w {hex}
'''),
    ('powershell-set-item-env', 'scripts/env.ps1', '''\
Set-Item -Path Env:TOGETHER_API_KEY -Value "{hex}"
'''),
    ('reg-add-user-env', 'setup/env.cmd', '''\
reg add "HKCU\\Environment" /v TOGETHER_API_KEY /t REG_SZ /d {hex} /f
'''),
    ('shell-default-hex', 'scripts/run-eval.sh', '''\
TOGETHER_API_KEY="${{TOGETHER_API_KEY:-{hex}}}"
python eval.py
'''),
    ('shell-default-tgp', 'docker/entrypoint.sh', '''\
#!/bin/sh
export TOGETHER_API_KEY=${{TOGETHER_API_KEY:-{key}}}
exec "$@"
'''),
    ('js-nullish-assign', 'scripts/seed.mjs', '''\
process.env.TOGETHER_API_KEY ??= "{hex}";
'''),
    ('curl-user-empty', 'docs/curl.md', '''\
    curl -u :{hex} https://api.together.xyz/v1/models
'''),
    ('providers-id-list', 'config/providers.yaml', '''\
providers:
  - id: anthropic
    key: ${{ANTHROPIC_API_KEY}}
  - id: together
    key: {hex}
'''),
    ('r-arrow-assign', '.Rprofile', '''\
options(repos = c(CRAN = "https://cloud.r-project.org"))
TOGETHER_API_KEY <- "{hex}"
'''),
    ('r-generic-arrow-endpoint', 'R/llm.R', '''\
together_base <- "https://api.together.xyz/v1"
api_key <- "{hex}"
resp <- httr2::request(together_base) |> httr2::req_auth_bearer_token(api_key)
'''),
    ('ruby-together-client-access-token', 'lib/chat/llm.rb', '''\
CLIENT = Together::Client.new(access_token: "{hex}", request_timeout: 60)
'''),
    ('openai-base-url-from-together-setting', 'app/llm_client.py', '''\
from openai import OpenAI

from app import settings

client = OpenAI(api_key="{hex}", base_url=settings.TOGETHER_BASE_URL)
'''),
    ('openai-js-baseurl-env', 'src/lib/llm.js', '''\
export const llm = new OpenAI({{
  apiKey: "{hex}",
  baseURL: process.env.TOGETHER_API_BASE,
}});
'''),
    ('xml-provider-attributes', 'config/llm.xml', '''\
<llm>
  <provider name="together" apiKey="{hex}" model="meta-llama/Llama-3-8b-chat-hf"/>
</llm>
'''),
    ('xml-pascal-attributes', 'Chat/Providers.config', '''\
<Providers>
  <Provider Name="Together" ApiKey="{hex}" />
</Providers>
'''),
    # -- current keys glued to markup and punctuation -------------------------
    ('xml-cdata-tgp', 'config/app.xml', '''\
<settings><togetherKey><![CDATA[{key}]]></togetherKey></settings>
'''),
    ('yaml-flow-sequence-tgp', 'config/pool.yaml', '''\
key_pool: [{key}, {key2}]
'''),
    ('markdown-bold-link-tgp', 'docs/team.md', '''\
Staging: **{key}** -- prod: [{key2}](https://api.together.xyz)
'''),
    ('url-fragment-tgp', 'notes/oauth.txt', '''\
https://app.example.com/callback#access_token={key}&token_type=bearer
'''),
    ('rst-literal-tgp', 'docs/setup.rst', '''\
Set ``TOGETHER_API_KEY`` to ``{key}``.
'''),
    ('org-mode-src-tgp', 'notes/llm.org', '''\
* Keys
The staging key is ={key}=, rotated monthly.
'''),
    ('csv-semicolon-tgp', 'exports/keys_de.csv', '''\
Name;Schlüssel;Erstellt
staging;{key};01.06.2024
'''),
    ('wiki-template-tgp', 'wiki/Setup.mediawiki', '''\
{{{{Code|{key}}}}} is the shared key.
'''),
)

DECOYS = key_cases(
    # -- lockfiles of other ecosystems near "together" ----------------------
    ('decoy-pubspec-lock', 'pubspec.lock', '''\
packages:
  together_ai:
    dependency: "direct main"
    description:
      name: together_ai
      sha256: "{_hex}"
      url: "https://pub.dev"
    source: hosted
    version: "0.2.1"
'''),
    ('decoy-mix-lock', 'mix.lock', '''\
%{{
  "together": {{:hex, :together, "0.1.2", "{_hex}", [:mix], [{{:req, "~> 0.4", [hex: :req, repo: "hexpm", optional: false]}}], "hexpm", "{_hex2}"}},
}}
'''),
    ('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
GEM
  remote: https://rubygems.org/
  specs:
    together-ai (0.3.0)

CHECKSUMS
  together-ai (0.3.0) sha256={_hex}
'''),
    ('decoy-pdm-lock', 'pdm.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {{file = "together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-bazel-module-lock', 'MODULE.bazel.lock', '''\
{{
  "lockFileVersion": 13,
  "registryFileHashes": {{
    "https://bcr.bazel.build/modules/together_cpp/0.1.0/MODULE.bazel": "{_hex}",
    "https://bcr.bazel.build/modules/together_cpp/0.1.0/source.json": "{_hex2}"
  }}
}}
'''),
    ('decoy-spdx-json', 'sbom.spdx.json', '''\
{{
  "packages": [{{
    "name": "together",
    "versionInfo": "1.3.3",
    "checksums": [{{"algorithm": "SHA256", "checksumValue": "{_hex}"}}]
  }}]
}}
'''),
    ('decoy-conda-explicit', 'conda-linux-64.lock', '''\
# platform: linux-64
@EXPLICIT
https://conda.anaconda.org/conda-forge/noarch/together-1.3.3-pyhd8ed1ab_0.conda#sha256:{_hex}
'''),
    ('decoy-stack-yaml-lock', 'stack.yaml.lock', '''\
packages:
- completed:
    hackage: together-0.1.0@sha256:{_hex},1642
  original:
    hackage: together-0.1.0
'''),
    ('decoy-opam-lock', 'chat.opam.locked', '''\
pin-depends: [
  ["together.0.1.0" "https://github.com/acme/together-ocaml/archive/v0.1.0.tar.gz"]
]
url {{ src: "https://github.com/acme/together-ocaml/archive/v0.1.0.tar.gz"
      checksum: ["sha256={_hex}"] }}
'''),
    ('decoy-cyclonedx-xml', 'bom.xml', '''\
<component type="library">
  <name>together</name>
  <version>1.3.3</version>
  <hashes><hash alg="SHA-256">{_hex}</hash></hashes>
</component>
'''),
    ('decoy-pixi-lock', 'pixi.lock', '''\
- kind: pypi
  name: together
  version: 1.3.3
  url: https://files.pythonhosted.org/packages/together-1.3.3-py3-none-any.whl
  sha256: {_hex}
'''),
    ('decoy-poetry-toml-files', 'poetry.lock.orig', '''\
[[package]]
name = "together"
files = [{{file = "together-1.3.3.tar.gz", hash = "sha256:{_hex}"}}]
'''),
    # -- digests, commits, content hashes in docs ---------------------------
    ('decoy-dockerfile-digest', 'docker/Dockerfile.inference', '''\
FROM ghcr.io/togethercomputer/together-inference:1.4@sha256:{_hex}
ENV TOGETHER_API_KEY=""
'''),
    ('decoy-docs-weights-hash', 'docs/models.md', '''\
## Together's Llama fine-tune

The weights file `model.safetensors` has SHA-256 `{_hex}`;
check it with `sha256sum` before you load it.
'''),
    ('decoy-git-log-together', 'notes/changes.txt', '''\
commit {_hex}
Author: Dev <dev@example.com>

    together: read TOGETHER_API_KEY from the environment
'''),
    ('decoy-kustomize-image-digest', 'k8s/kustomization.yaml', '''\
images:
  - name: together-proxy
    newName: ghcr.io/acme/together-proxy
    digest: sha256:{_hex}
'''),
    ('decoy-hmac-signature-header', 'docs/together-webhooks.md', '''\
Together signs each webhook; a delivery looks like:

    X-Together-Signature: sha256={_hex}
'''),
    ('decoy-sri-in-together-docs', 'docs/together-embed.html', '''\
<!-- Together embed widget -->
<script src="/together.js" integrity="sha256-{_b64}"></script>
<meta name="together-build" content="{_hex}">
'''),
    ('decoy-together-file-id-hash', 'out/files.json', '''\
{{"object": "file", "id": "file-7c9e6679-7425-40de-944b-e07fc1f90ae7", "filename": "train.jsonl",
  "provider": "together", "sha256": "{_hex}"}}
'''),
    ('decoy-nix-hash-attr', 'pkgs/together-cli/default.nix', '''\
buildGoModule rec {{
  pname = "together-cli";
  version = "0.4.1";
  vendorHash = "sha256-{_b64}";
  outputHash = "{_hex}";
}}
'''),
    ('decoy-echo-checksum-file', 'scripts/verify.sh', '''\
echo "{_hex}  together-cli.tar.gz" > together-cli.sha256
sha256sum -c together-cli.sha256
'''),
    ('decoy-curl-user-other-host', 'docs/mirror.md', '''\
Together's API is the default. For the internal mirror:

    curl -u :{_hex} https://mirror.example.com/v1/models
'''),
    ('decoy-providers-id-digest', 'models/manifest.yaml', '''\
- id: together
  file: together-7b.gguf
  sha256: {_hex}
'''),
    ('decoy-xml-provider-other', 'config/providers.xml', '''\
<providers>
  <provider name="openai" apiKey="{_hex}"/>
</providers>
<!-- Together's key comes from TOGETHER_API_KEY -->
'''),
    ('decoy-xml-provider-sibling', 'config/llm-providers.xml', '''\
<providers>
  <provider name="openai" apiKey="{_hex}"/>
  <provider name="together" apiKey="${{TOGETHER_API_KEY}}"/>
</providers>
'''),
    ('decoy-yaml-provider-list-sibling', 'config/router.yaml', '''\
providers:
  - name: anthropic
    api_key: {_hex}
  - name: together
    api_key: ${{TOGETHER_API_KEY}}
'''),
    # -- placeholders of every shape -----------------------------------------
    ('decoy-placeholder-zeros', '.env.sample', '''\
TOGETHER_API_KEY=0000000000000000000000000000000000000000000000000000000000000000
'''),
    ('decoy-placeholder-mustache', 'templates/env.mustache', '''\
TOGETHER_API_KEY={{{{together_api_key}}}}
TOGETHER_KEY_ALT=tgp_v1_{{{{ key_body }}}}
'''),
    ('decoy-placeholder-printf', 'scripts/render.py', '''\
TEMPLATE = "TOGETHER_API_KEY=%(together_api_key)s\\n"
'''),
    ('decoy-placeholder-replace-me', 'config/example.yaml', '''\
together:
  api_key: REPLACE_WITH_YOUR_TOGETHER_API_KEY
'''),
    ('decoy-placeholder-ellipsis-tgp', 'docs/faq.txt', '''\
Keys look like tgp_v1_AbC...xYz (50 characters).
'''),
    ('decoy-placeholder-angle', 'docs/rest.md', '''\
curl -H "Authorization: Bearer <TOGETHER_API_KEY>" https://api.together.xyz/v1/models
'''),
    # -- env references in many languages, a digest beside ------------------
    ('decoy-zig-getenv', 'src/main.zig', '''\
const key = std.posix.getenv("TOGETHER_API_KEY") orelse return error.NoKey;
const expected_sha256 = "{_hex}";
'''),
    ('decoy-ocaml-getenv', 'bin/main.ml', '''\
let together_api_key = Sys.getenv "TOGETHER_API_KEY"
let weights_sha256 = "{_hex}"
'''),
    ('decoy-nim-getenv', 'src/chat.nim', '''\
let togetherApiKey = getEnv("TOGETHER_API_KEY")
const bundleSha = "{_hex}"
'''),
    ('decoy-haskell-lookupenv', 'app/Main.hs', '''\
main = do
  key <- lookupEnv "TOGETHER_API_KEY"
  let fixtureDigest = "{_hex}"
'''),
    ('decoy-dart-platform-env', 'lib/env.dart', '''\
final togetherApiKey = Platform.environment['TOGETHER_API_KEY']!;
const assetDigest = '{_hex}';
'''),
    ('decoy-swift-processinfo', 'Sources/App/Env.swift', '''\
let togetherKey = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"]!
let modelChecksum = "{_hex}"
'''),
    ('decoy-elixir-fetch-env', 'config/runtime.exs', '''\
config :chat, :together,
  api_key: System.fetch_env!("TOGETHER_API_KEY"),
  model_sha256: "{_hex}"
'''),
    ('decoy-clojure-getenv', 'src/cfg.clj', '''\
(def together {{:api-key (System/getenv "TOGETHER_API_KEY")
               :checksum "{_hex}"}})
'''),
    ('decoy-dotnet-config-ref', 'Program.cs', '''\
var key = builder.Configuration["Together:ApiKey"];
var cacheKey = "{_hex}";
'''),
    ('decoy-airflow-conn-env-ref', 'airflow/docker-compose.yml', '''\
    environment:
      AIRFLOW_CONN_TOGETHER_DEFAULT: "http://:${{TOGETHER_API_KEY}}@api.together.xyz/https"
      AIRFLOW__CORE__FERNET_KEY: "{_b64}"
'''),
    ('decoy-tgp-in-regex-doc', 'docs/scanning.md', '''\
Our CI rejects anything matching `tgp_v1_[A-Za-z0-9_-]{{43}}` in a diff.
'''),
)



def _gha_pinned_sha(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """An action pinned by its commit (40 hex) beside a secret reference."""
    sha = '%040x' % m.rng.getrandbits(160)
    text = (
        f'      - uses: actions/checkout@{sha}\n'
        '        env:\n'
        '          TOGETHER_API_KEY: ${{ secrets.TOGETHER_API_KEY }}\n'
    )
    return text, []


def _key_id_json(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A key listing: ids (``key_`` + a ULID) name keys, they are none."""
    ulid = ''.join(m.rng.choice(string.digits + string.ascii_uppercase) for _ in range(26))
    return f'{{"data": [{{"id": "key_{ulid}", "name": "ci", "provider": "together"}}]}}\n', []


def _xs_placeholder(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A documented placeholder of a key's exact shape, all ``X`` (built
    here: the repository holds no format-valid key, placeholder or not)."""
    return (
        '.. code-block:: sh\n\n'
        f'   export TOGETHER_API_KEY=tgp_v1_{"X" * 43}\n'
    ), []


DECOYS += [
    Case('decoy-placeholder-xs-tgp', 'docs/auth.rst', _xs_placeholder),
    Case('decoy-key-id-json', 'out/keys.json', _key_id_json),
    Case('decoy-gha-secrets-ref-with-sha', '.github/workflows/release.yml', _gha_pinned_sha),
]

CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
