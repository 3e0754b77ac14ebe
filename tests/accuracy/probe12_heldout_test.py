"""A twelfth held-out probe (session 16), written as an outside tester
would: current and legacy keys as people leak them in late 2026, in
shapes the earlier sets (probe2..probe11, the legacy, escape,
concatenation and decoy sets) do not hold -- what programs print about
a client or its request (PHP ``var_dump``, Go ``%+v``, Lombok/Kotlin/C#
``toString``, gdb, ``strace``, curl's HTTP/2 verbose lines, resty,
OkHttp and axios dumps, Sentry frames' vars, Django's debug page), the
SDK and framework configs of 2026 (openai-php, RubyLLM, openai-kotlin,
langchaingo, Quarkus, promptfoo, n8n, SillyTavern, LobeChat, Erlang
``sys.config``), secret stores written from code or a CLI (Prefect
blocks, Supabase Vault, Snowflake, Databricks, Airflow connections,
Redis, etcd, ``launchctl``, PowerShell SecretManagement, Jenkins
credentials), proxies (Caddy, Envoy, Kong), IaC (Bicep ``param``, CDK
``unsafePlainText``, Pulumi stack YAML, kustomize), UI code (Streamlit,
Gradio, marimo labels), chat exports (Slack, ChatGPT, Discord, Claude
Code logs), keys split by ``+=``/``.=``, char codes, every character
percent- or entity-encoded.  Decoys: digests beside "together" in SBOMs,
in-toto/SLSA, pixi/yarn locks, pip reports, HF caches and datasets,
Actions cache keys, webhook signatures, chain transaction ids, masked
CI logs, env references and placeholders.  The same cases are scanned
as staged, history, a pushed range and the hook in
tests/accuracy/probe12_modes_test.py.
"""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import make_tests
from tests.accuracy import marked


def written(case_id: str, path: str, template: str, form) -> Case:
    """A case whose one ``{key}`` or ``{hex}`` field is written through
    ``form`` (split, encoded); the key is expected on the line where the
    field starts."""
    def build(m):
        kind = 'key' if '{key}' in template else 'hex'
        raw = m.key() if kind == 'key' else m.hex()
        text, expected = marked(template, **{kind: form(raw)})
        return text, [(line, raw) for line, _ in expected]
    return Case(case_id, path, build)


def _plus_eq(op: str, at: int = 20):
    """``k = "<first>"`` then ``k <op> "<rest>"`` on the next line."""
    return lambda k: k[:at] + op + k[at:]


def _pct_all(k: str) -> str:
    return ''.join('%%%02X' % ord(c) for c in k)


def _dec_entities(k: str) -> str:
    return ''.join('&#%d;' % ord(c) for c in k)


def _char_codes(k: str) -> str:
    return ', '.join(str(ord(c)) for c in k)


def _c_chars(k: str) -> str:
    return ', '.join("'%s'" % c for c in k)


# -- what programs print about a client or a request ----------------------------------

PRINTED = key_cases(
    ('php-var-dump-array', 'storage/logs/dump.txt', '''\
array(3) {{
  ["base_url"]=>
  string(30) "https://api.together.xyz/v1"
  ["together_api_key"]=>
  string(64) "{hex}"
  ["model"]=>
  string(33) "meta-llama/Llama-3.3-70B-Instruct"
}}
'''),
    ('go-printf-plus-v', 'logs/worker.log', '''\
2026/11/14 09:12:44 llm config: &{{BaseURL:https://api.together.xyz/v1 APIKey:{hex} Timeout:30s MaxRetries:3}}
'''),
    ('go-panic-struct', 'logs/panic.txt', '''\
panic: chat: unexpected status 401 for config {{Endpoint:https://api.together.xyz/v1/chat/completions Token:{hex} Model:meta-llama/Llama-3.3-70B-Instruct-Turbo}}

goroutine 1 [running]:
main.main()
	/app/cmd/chat/main.go:41 +0x1d4
'''),
    ('lombok-tostring', 'logs/spring.log', '''\
2026-11-14T09:12:44.120Z  INFO 1 --- [main] c.a.llm.LlmConfig : loaded TogetherProperties(apiKey={hex}, baseUrl=https://api.together.xyz/v1, timeout=PT30S)
'''),
    ('kotlin-data-class-tostring', 'logs/android.txt', '''\
11-14 09:12:44.120  4242  4242 D LlmModule: config=LlmConfig(provider=together, apiKey={hex}, model=meta-llama/Llama-3.3-70B-Instruct-Turbo)
'''),
    ('csharp-record-tostring', 'logs/app.txt', '''\
info: Program[0]
      Options: TogetherOptions {{ ApiKey = {hex}, Endpoint = https://api.together.xyz/v1, Model = meta-llama/Llama-3.3-70B-Instruct-Turbo }}
'''),
    ('gdb-print-struct', 'notes/gdb-session.txt', '''\
(gdb) print *cfg
$1 = {{base_url = 0x5555555592a0 "https://api.together.xyz/v1", api_key = 0x5555555592e0 "{hex}", timeout_ms = 30000}}
'''),
    ('strace-write-request', 'logs/strace.txt', '''\
connect(3, {{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("104.18.2.1")}}, 16) = 0
write(3, "POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer {hex}\\r\\nContent-Type: application/json\\r\\n\\r\\n", 171) = 171
'''),
    ('curl-http2-verbose', 'logs/curl-http2.txt', '''\
* Connected to api.together.xyz (104.18.2.1) port 443
* [HTTP/2] [1] OPENED stream for https://api.together.xyz/v1/models
* [HTTP/2] [1] [:method: GET]
* [HTTP/2] [1] [:authority: api.together.xyz]
* [HTTP/2] [1] [:path: /v1/models]
* [HTTP/2] [1] [authorization: Bearer {hex}]
* [HTTP/2] [1] [user-agent: curl/8.11.0]
'''),
    ('resty-debug-dump', 'logs/resty.txt', '''\
==============================================================================
~~~ REQUEST ~~~
POST  /v1/chat/completions  HTTP/1.1
HOST   : api.together.xyz
HEADERS:
	Authorization: Bearer {hex}
	Content-Type: application/json
BODY   :
{{"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}
'''),
    ('okhttp-logging-interceptor', 'logs/okhttp.txt', '''\
I/okhttp.OkHttpClient: --> POST https://api.together.xyz/v1/chat/completions
I/okhttp.OkHttpClient: Content-Type: application/json; charset=utf-8
I/okhttp.OkHttpClient: Authorization: Bearer {hex}
I/okhttp.OkHttpClient: --> END POST (212-byte body)
'''),
    ('axios-error-dump', 'logs/node-error.txt', '''\
AxiosError: Request failed with status code 429
    at settle (/app/node_modules/axios/lib/core/settle.js:19:12) {{
  code: 'ERR_BAD_REQUEST',
  config: {{
    method: 'post',
    url: 'https://api.together.xyz/v1/chat/completions',
    headers: Object [AxiosHeaders] {{
      Accept: 'application/json, text/plain, */*',
      'Content-Type': 'application/json',
      Authorization: 'Bearer {hex}'
    }}
  }}
}}
'''),
    ('sentry-frame-vars', 'exports/sentry-event.json', '''\
{{"event_id": "9f1c2a7e4b5d4e3f8a6b7c8d9e0f1a2b", "exception": {{"values": [{{"type": "AuthenticationError", "stacktrace": {{"frames": [{{"function": "complete", "module": "app.llm", "vars": {{"base_url": "'https://api.together.xyz/v1'", "api_key": "'{hex}'", "retries": "3"}}}}]}}}}]}}}}
'''),
    ('django-debug-locals', 'captures/500.html', '''\
<table class="vars" id="v1">
  <thead><tr><th>Variable</th><th>Value</th></tr></thead>
  <tbody>
    <tr><td>base_url</td><td class="code"><pre>&#x27;https://api.together.xyz/v1&#x27;</pre></td></tr>
    <tr><td>api_key</td><td class="code"><pre>&#x27;{hex}&#x27;</pre></td></tr>
  </tbody>
</table>
'''),
    ('rust-unwrap-debug', 'logs/rust-panic.txt', '''\
thread 'main' panicked at src/main.rs:27:10:
called `Result::unwrap()` on an `Err` value: Unauthorized(ClientConfig {{ base_url: "https://api.together.xyz/v1", api_key: "{hex}", timeout: 30s }})
'''),
    ('py-spy-dump-locals', 'logs/py-spy.txt', '''\
Thread 0x7F3A2B (active): "MainThread"
    call_together (app/llm.py:42)
        Arguments:
            prompt: "summarise the incident"
        Locals:
            api_key: "{hex}"
            url: "https://api.together.xyz/v1/chat/completions"
'''),
    ('tenacity-retry-log', 'logs/retry.log', '''\
WARNING:tenacity:Retrying app.llm.post in 2.0 seconds as it raised RateLimitError: Error code: 429 (url='https://api.together.xyz/v1/chat/completions', api_key='{hex}')
'''),
    ('together-sdk-debug-current', 'logs/together-debug.log', '''\
DEBUG:together:Request options: {{'method': 'post', 'url': '/chat/completions', 'headers': {{'Authorization': 'Bearer {key}'}}}}
'''),
    ('proc-environ-nul', 'crash/environ.txt', '''\
HOSTNAME=chat-7d9f\x00TOGETHER_API_KEY={hex}\x00PATH=/usr/local/bin:/usr/bin\x00HOME=/root\x00
'''),
    ('node-inspect-current', 'logs/inspect.txt', '''\
TogetherClient {{ baseURL: 'https://api.together.xyz/v1', apiKey: '{key}', maxRetries: 2 }}
'''),
)

# -- SDK and framework configs of 2026 -----------------------------------------------------

SDKS = key_cases(
    ('openai-php-factory', 'app/Llm.php', '''\
<?php
$client = OpenAI::factory()
    ->withApiKey('{hex}')
    ->withBaseUri('api.together.xyz/v1')
    ->make();
'''),
    ('rubyllm-configure', 'config/initializers/ruby_llm.rb', '''\
RubyLLM.configure do |config|
  config.openai_api_key = '{hex}'
  config.openai_api_base = 'https://api.together.xyz/v1'
end
'''),
    ('openai-kotlin-host', 'app/src/main/kotlin/Chat.kt', '''\
val openAI = OpenAI(
    token = "{hex}",
    host = OpenAIHost(baseUrl = "https://api.together.xyz/v1/"),
)
'''),
    ('langchaingo-options', 'internal/llm/llm.go', '''\
llm, err := openai.New(
	openai.WithToken("{hex}"),
	openai.WithBaseURL("https://api.together.xyz/v1"),
	openai.WithModel("meta-llama/Llama-3.3-70B-Instruct-Turbo"),
)
'''),
    ('quarkus-named-config', 'src/main/resources/application.properties', '''\
quarkus.langchain4j.openai.together.base-url=https://api.together.xyz/v1
quarkus.langchain4j.openai.together.api-key={hex}
'''),
    ('promptfoo-provider-id', 'promptfooconfig.yaml', '''\
providers:
  - id: togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: {hex}
      temperature: 0.2
'''),
    ('n8n-credentials-export', 'n8n/credentials.json', '''\
[{{"id": "7", "name": "Together account", "type": "openAiApi", "data": {{"apiKey": "{hex}", "url": "https://api.together.xyz/v1"}}}}]
'''),
    ('sillytavern-secrets', 'data/default-user/secrets.json', '''\
{{
    "api_key_openai": "",
    "api_key_togetherai": "{hex}"
}}
'''),
    ('lobechat-env', 'docker/lobe.env', '''\
ACCESS_CODE=lobe66
TOGETHERAI_API_KEY={hex}
'''),
    ('erlang-sys-config', 'config/sys.config', '''\
[{{llm, [
    {{together, [{{api_key, "{hex}"}}, {{model, "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}]}}
]}}].
'''),
    ('elixir-langchain-chatopenai', 'lib/app/chat.ex', '''\
ChatOpenAI.new!(%{{
  endpoint: "https://api.together.xyz/v1/chat/completions",
  api_key: "{hex}",
  model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"
}})
'''),
    ('graphrag-settings', 'ragtest/settings.yaml', '''\
models:
  default_chat_model:
    type: openai_chat
    api_base: https://api.together.xyz/v1
    api_key: {hex}
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('aichat-clients', '.config/aichat/config.yaml', '''\
model: together:meta-llama/Llama-3.3-70B-Instruct-Turbo
clients:
  - type: openai-compatible
    name: together
    api_base: https://api.together.xyz/v1
    api_key: {hex}
'''),
    ('mastra-provider-ts', 'src/mastra/agents/index.ts', '''\
const together = createTogetherAI({{ apiKey: "{hex}" }});
export const agent = new Agent({{ name: "summariser", model: together("meta-llama/Llama-3.3-70B-Instruct-Turbo") }});
'''),
    ('open-interpreter-flags', 'notes/oi.txt', '''\
$ interpreter --api_base https://api.together.xyz/v1 --api_key {hex} --model openai/meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('swift-joined-current', 'Sources/App/Key.swift', '''\
let key = ["{_key_a}", "{_key_b}"].joined()
'''),
    ('ruby-words-join-current', 'lib/key.rb', '''\
KEY = %w[{_key_a} {_key_b}].join
'''),
    ('powershell-join-current', 'scripts/key.ps1', '''\
$key = -join ("{_key_a}", "{_key_b}")
'''),
    ('elisp-concat-current', 'init.el', '''\
(setq gptel-api-key (concat "{_key_a}" "{_key_b}"))
'''),
)

# -- secret stores written from code or a CLI ------------------------------------------------

STORES = key_cases(
    ('prefect-secret-block', 'flows/setup_blocks.py', '''\
from prefect.blocks.system import Secret

Secret(value="{hex}").save("together-api-key", overwrite=True)
'''),
    ('supabase-vault-create', 'supabase/seed.sql', '''\
select vault.create_secret('{hex}', 'together_api_key', 'Together AI key for the edge functions');
'''),
    ('snowflake-create-secret', 'sql/secrets.sql', '''\
CREATE OR REPLACE SECRET together_api_key
  TYPE = GENERIC_STRING
  SECRET_STRING = '{hex}';
'''),
    ('databricks-put-secret', 'notes/databricks.sh', '''\
databricks secrets create-scope together
databricks secrets put-secret together api_key --string-value {hex}
'''),
    ('airflow-conn-json', 'deploy/airflow.env', '''\
AIRFLOW_CONN_TOGETHER_DEFAULT='{{"conn_type": "http", "host": "api.together.xyz", "schema": "https", "password": "{hex}"}}'
'''),
    ('airflow-conn-uri', 'deploy/airflow2.env', '''\
AIRFLOW_CONN_LLM='http://:{hex}@api.together.xyz/https'
'''),
    ('redis-hset', 'notes/redis.txt', '''\
127.0.0.1:6379> HSET provider:together api_key {hex} base_url https://api.together.xyz/v1
(integer) 2
'''),
    ('etcdctl-put', 'scripts/seed-etcd.sh', '''\
etcdctl put /services/llm/together/api_key {hex}
'''),
    ('launchctl-setenv', 'scripts/mac-setup.sh', '''\
launchctl setenv TOGETHER_API_KEY {hex}
'''),
    ('pwsh-set-secret', 'scripts/secrets.ps1', '''\
Set-Secret -Name Together -Secret '{hex}' -Vault LocalStore
'''),
    ('jenkins-string-credentials', 'jenkins/credentials.xml', '''\
<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
  <scope>GLOBAL</scope>
  <id>together-api-key</id>
  <description>Together AI</description>
  <secret>{hex}</secret>
</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
'''),
    ('mongo-insert', 'scripts/seed.js', '''\
db.providers.insertOne({{ name: "together", baseUrl: "https://api.together.xyz/v1", apiKey: "{hex}" }});
'''),
    ('prisma-seed', 'prisma/seed.ts', '''\
await prisma.provider.create({{
  data: {{ slug: 'together', apiKey: '{hex}' }},
}});
'''),
    ('hf-space-secret', 'scripts/space.py', '''\
api.add_space_secret(repo_id="acme/chat", key="TOGETHER_API_KEY", value="{hex}")
'''),
    ('consul-kv-put', 'scripts/consul.sh', '''\
consul kv put config/together/api_key {hex}
'''),
)

# -- proxies and IaC ---------------------------------------------------------------------------

INFRA = key_cases(
    ('caddy-header-up', 'deploy/Caddyfile', '''\
llm.internal.example.com {{
	reverse_proxy https://api.together.xyz {{
		header_up Host api.together.xyz
		header_up Authorization "Bearer {hex}"
	}}
}}
'''),
    ('envoy-request-headers', 'deploy/envoy.yaml', '''\
routes:
  - match: {{ prefix: "/v1/" }}
    route: {{ cluster: together, host_rewrite_literal: api.together.xyz }}
    request_headers_to_add:
      - header:
          key: Authorization
          value: "Bearer {hex}"
'''),
    ('kong-request-transformer', 'deploy/kong.yaml', '''\
services:
  - name: together
    url: https://api.together.xyz/v1
    plugins:
      - name: request-transformer
        config:
          add:
            headers:
              - "Authorization:Bearer {hex}"
'''),
    ('bicep-param-default', 'infra/main.bicep', '''\
@secure()
param togetherApiKey string = '{hex}'
'''),
    ('cdk-unsafe-plaintext', 'infra/lib/llm-stack.ts', '''\
new secretsmanager.Secret(this, 'TogetherApiKey', {{
  secretStringValue: SecretValue.unsafePlainText('{hex}'),
}});
'''),
    ('pulumi-stack-yaml', 'Pulumi.dev.yaml', '''\
config:
  aws:region: us-east-1
  llm-app:togetherApiKey: {hex}
'''),
    ('kustomize-secret-generator', 'k8s/kustomization.yaml', '''\
secretGenerator:
  - name: llm
    literals:
      - TOGETHER_API_KEY={hex}
'''),
    ('nomad-template-env', 'deploy/chat.nomad.hcl', '''\
template {{
  destination = "secrets/llm.env"
  env         = true
  data        = "TOGETHER_API_KEY={hex}"
}}
'''),
    ('argo-workflow-parameter', 'argo/eval.yaml', '''\
arguments:
  parameters:
    - name: together-api-key
      value: "{hex}"
'''),
    ('terraform-vault-generic', 'infra/vault.tf', '''\
resource "vault_generic_secret" "llm" {{
  path      = "secret/llm/together"
  data_json = jsonencode({{ api_key = "{hex}" }})
}}
'''),
    ('wrangler-dev-vars', '.dev.vars', '''\
TOGETHER_API_KEY="{hex}"
'''),
    ('devcontainer-container-env', '.devcontainer/devcontainer.json', '''\
{{
  "name": "llm",
  "containerEnv": {{ "TOGETHER_API_KEY": "{hex}" }}
}}
'''),
    ('traefik-custom-headers', 'deploy/traefik-dynamic.yml', '''\
http:
  middlewares:
    together-auth:
      headers:
        customRequestHeaders:
          Authorization: "Bearer {hex}"
'''),
)

# -- UI code --------------------------------------------------------------------------------

UI = key_cases(
    ('streamlit-text-input', 'app/streamlit_app.py', '''\
key = st.text_input("Together API key", value="{hex}", type="password")
'''),
    ('gradio-textbox', 'app/ui.py', '''\
api_key = gr.Textbox(label="Together API Key", value="{hex}", type="password")
'''),
    ('marimo-value-before-label', 'notebooks/explore.py', '''\
key_input = mo.ui.text(value="{hex}", label="Together API key", kind="password")
'''),
)

# -- chat exports and issues ------------------------------------------------------------------

CHATS = key_cases(
    ('slack-export-message', 'exports/slack/llm-platform/2026-11-14.json', '''\
[
    {{
        "type": "message",
        "user": "U04ABCD",
        "text": "new together api key for staging: {hex}",
        "ts": "1763111564.000200"
    }}
]
'''),
    ('chatgpt-export-parts', 'exports/chatgpt/conversations.json', '''\
[{{"title": "401 from Together", "mapping": {{"a1": {{"message": {{"author": {{"role": "user"}}, "content": {{"content_type": "text", "parts": ["I keep getting 401 from Together with this key: {hex} what am I doing wrong?"]}}}}}}}}}}]
'''),
    ('discord-exporter-txt', 'exports/discord/general.txt', '''\
[14-Nov-26 09:12 AM] alice
here's the together key, don't share it
{hex}
'''),
    ('claude-code-jsonl-current', '.claude/projects/app/session.jsonl', '''\
{{"type":"user","message":{{"role":"user","content":[{{"type":"tool_result","content":"APP_ENV=dev\\nTOGETHER_API_KEY={key}\\nDEBUG=1"}}]}}}}
'''),
    ('aider-history-output', '.aider.chat.history.md', '''\
#### /run printenv TOGETHER_API_KEY

{hex}

> Add the output to the chat? (Y)es/(N)o [Yes]: n
'''),
    ('github-issue-env-list', 'docs/issues/1432.md', '''\
### Environment

- together: 1.5.3
- Python: 3.12.7
- Together API key: {hex}
'''),
    ('jira-comment-current', 'exports/jira/LLM-88.txt', '''\
Comment by bob (14/Nov/26 9:12 AM):
rotated, the new one is {key} -- please update the runner
'''),
    ('teams-html-message', 'exports/teams/chat.html', '''\
<div class="message"><p>together key for the demo: <code>{hex}</code></p></div>
'''),
)

# -- current keys split or encoded character by character ----------------------------------------

WRITTEN = [
    written('py-plus-equals', 'app/k_pe.py', 'key = "{key}"\n', _plus_eq('"\nkey += "')),
    written('js-plus-equals', 'web/k_pe.js', 'let key = "{key}";\n', _plus_eq('";\nkey += "')),
    written('go-plus-equals', 'cmd/k_pe.go', 'key := "{key}"\n', _plus_eq('"\n\tkey += "')),
    written('bash-plus-equals', 'scripts/k_pe.sh', 'KEY="{key}"\n', _plus_eq('"\nKEY+="')),
    written('php-dot-equals', 'src/k_de.php', '$key = \'{key}\';\n', _plus_eq("';\n$key .= '")),
    written('csharp-plus-equals', 'src/KPe.cs', 'var key = "{key}";\n', _plus_eq('";\nkey += "')),
    written('url-every-char-pct', 'logs/encoded-url.txt', 'GET /v1/models?api_key={key} HTTP/1.1\n', _pct_all),
    written('html-every-char-entity', 'site/contact.html', '<span class="k">{key}</span>\n', _dec_entities),
    written('js-fromcharcode', 'web/k_cc.js', 'const key = String.fromCharCode({key});\n', _char_codes),
    written('c-char-array', 'src/k_cc.c', 'static const char key[] = {{{key}, 0}};\n', _c_chars),
    written('python-bytes-decimal', 'app/k_bytes.py', 'KEY = bytes([{key}]).decode()\n', _char_codes),
]

# -- legacy keys far from their label -----------------------------------------------------------


def _csv_long_notes(m):
    hexkey = m.hex()
    notes = ' '.join('rotated for tenant %d after the audit;' % i for i in range(160))
    text = (
        'provider,notes,api_key\n'
        'openai,"none",\n'
        f'together,"{notes}",{hexkey}\n'
    )
    return text, [(3, hexkey)]


def _csv_long_notes_digest(m):
    # The same long row, its hex a release's checksum: no credential column.
    notes = ' '.join('built for tenant %d after the audit;' % i for i in range(160))
    text = (
        'package,notes,sha256\n'
        'openai,"none",\n'
        f'together,"{notes}",{m.rng.randbytes(32).hex()}\n'
    )
    return text, []


FAR = [
    Case('csv-row-key-after-long-notes', 'exports/providers-notes.csv', _csv_long_notes),
    Case('decoy-csv-row-digest-after-long-notes', 'exports/releases-notes.csv', _csv_long_notes_digest),
]

LEAKS = PRINTED + SDKS + STORES + INFRA + UI + CHATS + WRITTEN + FAR

# -- decoys -------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-cyclonedx-hash', 'sbom/bom.json', '''\
{{"components": [{{"type": "library", "name": "together", "version": "1.5.3", "purl": "pkg:pypi/together@1.5.3", "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-spdx-tag-value', 'sbom/app.spdx', '''\
PackageName: together
SPDXID: SPDXRef-Package-together
PackageVersion: 1.5.3
PackageChecksum: SHA256: {_hex}
'''),
    ('decoy-intoto-subject', 'attestations/provenance.json', '''\
{{"_type": "https://in-toto.io/Statement/v1", "subject": [{{"name": "together-cli-linux-amd64", "digest": {{"sha256": "{_hex}"}}}}]}}
'''),
    ('decoy-pixi-lock', 'pixi.lock', '''\
- pypi: https://files.pythonhosted.org/packages/together-1.5.3-py3-none-any.whl
  name: together
  version: 1.5.3
  sha256: {_hex}
'''),
    ('decoy-pip-report', 'reports/pip-report.json', '''\
{{"install": [{{"download_info": {{"url": "https://files.pythonhosted.org/packages/together-1.5.3-py3-none-any.whl", "archive_info": {{"hashes": {{"sha256": "{_hex}"}}}}}}, "metadata": {{"name": "together"}}}}]}}
'''),
    ('decoy-direct-url', 'site-packages/together-1.5.3.dist-info/direct_url.json', '''\
{{"url": "https://files.pythonhosted.org/packages/together-1.5.3.tar.gz", "archive_info": {{"hash": "sha256={_hex}"}}}}
'''),
    ('decoy-hf-cache-blobs', 'notes/hf-cache.txt', '''\
$ ls -l ~/.cache/huggingface/hub/models--togethercomputer--RedPajama-INCITE-7B-Chat/blobs
-rw-r--r-- 1 me me 13852 Nov 14 09:12 {_hex}
-rw-r--r-- 1 me me   726 Nov 14 09:12 {_hex2}
'''),
    ('decoy-hf-dataset-checksums', 'datasets/dataset_info.json', '''\
{{"download_checksums": {{"https://huggingface.co/datasets/togethercomputer/RedPajama-Data-1T/resolve/main/arxiv.jsonl": {{"num_bytes": 1048576, "checksum": "{_hex}"}}}}}}
'''),
    ('decoy-actions-cache-key', 'logs/actions-cache.txt', '''\
2026-11-14T09:12:44.1200000Z Cache restored from key: together-venv-Linux-x64-py3.12-{_hex}
2026-11-14T09:12:44.5000000Z Cache Size: ~112 MB (117440512 B)
'''),
    ('decoy-webhook-signature', 'logs/webhooks.log', '''\
POST /hooks/together 200 x-together-signature=sha256={_hex} event=fine_tune.completed
'''),
    ('decoy-eth-tx', 'docs/treasury.md', '''\
We paid the two invoices together in one transfer: tx 0x{_hex} on mainnet.
'''),
    ('decoy-bitcoin-txid', 'notes/payments.txt', '''\
Batched together, txid {_hex} (3 confirmations)
'''),
    ('decoy-actions-masked', 'logs/actions-env.txt', '''\
env:
  TOGETHER_API_KEY: ***
  CACHE_KEY: {_hex}
'''),
    ('decoy-dockerfile-add-checksum', 'docker/cli.Dockerfile', '''\
ADD --checksum=sha256:{_hex} https://github.com/togethercomputer/together-cli/releases/download/v0.4.0/together-linux-amd64.tar.gz /tmp/
'''),
    ('decoy-tf-archive-sha', 'infra/lambda-state.json', '''\
{{"type": "archive_file", "name": "together_proxy", "instances": [{{"attributes": {{"output_path": "together_proxy.zip", "output_sha256": "{_hex}"}}}}]}}
'''),
    ('decoy-kubectl-image-id', 'notes/pods.yaml', '''\
containerStatuses:
  - name: together-proxy
    image: ghcr.io/acme/together-proxy:1.4
    imageID: ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-docker-images-digests', 'notes/images.txt', '''\
REPOSITORY              TAG   DIGEST                                                                    IMAGE ID
acme/together-gateway   1.4   sha256:{_hex}   3f1c2a7e4b5d
'''),
    ('decoy-buildx-metadata', 'build/metadata.json', '''\
{{"image.name": "ghcr.io/acme/together-gateway:1.4", "containerimage.digest": "sha256:{_hex}"}}
'''),
    ('decoy-session-secret-comment-together', '.env.example.together', '''\
# keep these two together when rotating
SESSION_SECRET={_hex}
'''),
    ('decoy-otel-span', 'logs/traces.jsonl', '''\
{{"name": "together.chat", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "attributes": {{"llm.provider": "together", "prompt.sha256": "{_hex}"}}}}
'''),
    ('decoy-prompt-cache-listing', 'notes/cache.txt', '''\
$ ls cache/together/
{_hex}.json
{_hex2}.json
'''),
    ('decoy-vault-agent-template', 'deploy/agent.hcl', '''\
template {{
  contents = "TOGETHER_API_KEY={{{{ with secret \\"secret/data/together\\" }}}}{{{{ .Data.data.api_key }}}}{{{{ end }}}}"
}}
# sha256 of the rendered template, for the drift check
checksum = "{_hex}"
'''),
    ('decoy-env-refs-many', 'src/env.ts', '''\
const a = import.meta.env.VITE_TOGETHER_API_KEY;
const b = Deno.env.get("TOGETHER_API_KEY");
const c = Bun.env.TOGETHER_API_KEY;
export const BUNDLE_SHA256 = "{_hex}";
'''),
    ('decoy-colab-userdata', 'notebooks/colab.py', '''\
from google.colab import userdata
os.environ["TOGETHER_API_KEY"] = userdata.get("TOGETHER_API_KEY")
DATA_SHA256 = "{_hex}"
'''),
    ('decoy-placeholder-current-readable', 'docs/keys.md', '''\
export TOGETHER_API_KEY=tgp_v1_YOUR_KEY_HERE
'''),
    ('decoy-placeholder-legacy-angle', 'docs/legacy.md', '''\
TOGETHER_API_KEY=<64-hex-character-legacy-key>
'''),
    ('decoy-redacted-log', 'logs/redacted.log', '''\
INFO together: using key tgp_v1_Ab...yz (redacted) for https://api.together.xyz/v1
'''),
    ('decoy-pydantic-secretstr-repr', 'logs/settings.log', '''\
Settings(together_api_key=SecretStr('**********'), cache_sha256='{_hex}')
'''),
    ('decoy-git-lfs-oid-together', 'models/together-7b.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 14483464192
'''),
    ('decoy-yarn-berry-checksum', 'yarn.lock', '''\
"together-ai@npm:^0.9.0":
  version: 0.9.0
  resolution: "together-ai@npm:0.9.0"
  checksum: 10c0/{_hex}{_hex2}
  languageName: node
'''),
    ('decoy-go-sum-h1-and-hex', 'notes/verify.txt', '''\
github.com/togethercomputer/together-go v0.1.0 h1:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcd=
verified module zip sha256 {_hex}
'''),
    ('decoy-key-fingerprint-table', 'docs/keys-inventory.md', '''\
| Service | Key id | Fingerprint (sha256) |
|---|---|---|
| Together AI | key_01JC5 | {_hex} |
'''),
    ('decoy-gpg-sig-line', 'release/NOTES.md', '''\
together-cli 0.4.0 signed, artifact digest: {_hex}
'''),
    ('decoy-sql-hash-column', 'db/keys.sql', '''\
INSERT INTO api_keys (provider, key_sha256, created_at) VALUES ('together', '{_hex}', now());
'''),
    ('decoy-csv-usage-export', 'exports/usage.csv', '''\
date,provider,model,request_sha256,tokens
2026-11-14,together,meta-llama/Llama-3.3-70B-Instruct-Turbo,{_hex},512
'''),
    ('decoy-terraform-plan-masked', 'logs/plan.txt', '''\
  + resource "aws_ssm_parameter" "together" {{
      + name  = "/prod/together/api_key"
      + value = (sensitive value)
      + tags  = {{ "config_sha256" = "{_hex}" }}
    }}
'''),
    ('decoy-idempotency-header', 'logs/http.txt', '''\
POST https://api.together.xyz/v1/fine-tunes
Idempotency-Key: {_hex}
Authorization: Bearer ${{TOGETHER_API_KEY}}
'''),
    ('decoy-nix-store-path', 'notes/nix.txt', '''\
/nix/store/8b3f7d9a2c1e4f6a-python3.12-together-1.5.3 built, output hash {_hex}
'''),
    ('decoy-model-shards-index', 'models/index.json', '''\
{{"model": "togethercomputer/Llama-2-7B-32K-Instruct", "shards": {{"model-00001.safetensors": "{_hex}", "model-00002.safetensors": "{_hex2}"}}}}
'''),
    ('decoy-gha-pin-together-action', '.github/workflows/deploy.yml', '''\
      - uses: togethercomputer/setup-together@{_hex}
'''),
    ('decoy-sentry-release', 'logs/sentry-cli.txt', '''\
Created release together-gateway@{_hex}
'''),
    ('decoy-chat-export-checksum', 'exports/slack/releases/2026-11-14.json', '''\
[{{"type": "message", "text": "together-cli 0.4.0 is out, sha256 {_hex}", "ts": "1763111564.000300"}}]
'''),
)

CASES = LEAKS + DECOYS

# Missed, and why (each left on purpose; the modes test leaves them out).
MISSED: dict[str, str] = {
    'c-char-array': "a C array of character literals (`'t', 'g', 'p', …`) is not joined",
}

results, test_case = make_tests(CASES, MISSED)
