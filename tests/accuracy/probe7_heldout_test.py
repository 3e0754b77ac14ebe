"""A seventh held-out probe (session 11), written as an outside tester
would: legacy keys in the formats of tools the other sets skip -- coding
agents and LLM CLIs (opencode, Codex, mods, shell-gpt, Open Interpreter,
promptfoo, Portkey), frameworks in more languages (Pydantic AI, Agno,
Hugging Face inference providers, LangChain4j, Quarkus, Semantic Kernel,
Rig, openai-php, ruby-openai, OpenaiEx, langchaingo, MacPaw's Swift
client), config stores and their CLIs' outputs (HOCON, viper defaults,
fish's universal variables, Consul, etcd, Redis, chamber, Bitwarden
Secrets Manager, Modal, Doppler's and Vault's tables, AWS Secrets Manager
and SSM outputs), process managers and deploy tools (pm2, Kamal, Flux),
shell histories and error dumps (a pydantic ``ValidationError`` echoing
``input_value``, an access log with the upstream host) -- and ``tgp_v1_``
boundaries in new syntaxes (HTML entities, ``\\u0026``, percent-encoded
neighbours, ``\\r\\n`` escapes, a URL fragment, an OSC 8 hyperlink, a key
at the end of a file with no newline).  Decoys: SHA-256 digests beside
the word together in lockfiles and package manifests (uv, Pipfile,
Bundler's CHECKSUMS, PKGBUILD, Bazel, CMake, Scoop, Chocolatey, Debian,
Hugging Face LFS listings), image digests, HMAC test vectors, ETags,
Together's own ids, references and placeholders in the new formats,
ciphertext, masked keys and runs longer than a key.  The same cases are
scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe7_modes_test.py.
"""
from __future__ import annotations

import string

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


# -- tgp_v1_ keys at boundaries the other sets skip ---------------------------

def _glued(template: str):
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        text = template.replace('KEY', key)
        return text, [(line_of(text, key), key)]
    return build


def _glued_decoy(template: str):
    """A key's shape inside a longer run of key characters."""
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        pad = ''.join(m.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        return template.replace('KEY', key).replace('PAD', pad), []
    return build


def _longer_run(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """``tgp_v1_`` and 44 key characters: one too many, not a key."""
    key = m.key()
    return f'SESSION_REF={key}{m.rng.choice(string.ascii_letters)}\n', []


def _shorter_run(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """``tgp_v1_`` and 42 key characters, then a full stop: one too few."""
    return f'Truncated in the log: {m.key()[:-1]}.\n', []


def _other_version(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """Another prefix with a key's body: ``tgp_v2_`` and an upper-case
    ``TGP_V1_`` are no Together keys (yet)."""
    key = m.key()
    return f'next_format = "tgp_v2_{key[7:]}"\nshouting = "TGP_V1_{m.key()[7:]}"\n', []


def _eof_no_newline(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    return f'# the key for ci\nTOGETHER_API_KEY={key}', [(2, key)]


SPECIAL = [
    Case('tgp-html-amp-entity-query', 'site/embed.html',
         _glued('<iframe src="/chat?model=llama&amp;key=KEY&amp;theme=dark"></iframe>\n')),
    Case('tgp-html-quot-entity-attr', 'site/config.html',
         _glued('<div data-config="{&quot;apiKey&quot;:&quot;KEY&quot;}"></div>\n')),
    Case('tgp-html-hex-entity-equals', 'site/raw.html', _glued('<pre>TOGETHER_API_KEY&#x3D;KEY</pre>\n')),
    Case('tgp-json-u0026-after', 'logs/redirect.json',
         _glued('{"location":"/cb?token=KEY\\u0026state=xyz"}\n')),
    Case('tgp-json-u0022-around', 'logs/embedded.json',
         _glued('{"body":"{\\u0022key\\u0022:\\u0022KEY\\u0022}"}\n')),
    Case('tgp-percent-2f-before', 'logs/gcs.log', _glued('GET /b/cfg/o/keys%2FKEY%2Fmeta HTTP/1.1\n')),
    Case('tgp-percent-3d-before-26-after', 'logs/form.log', _glued('POST body: api_key%3DKEY%26model%3Dllama\n')),
    Case('tgp-percent-20-bearer', 'logs/proxy.log', _glued('hdr=Authorization:Bearer%20KEY\n')),
    Case('tgp-literal-crlf-escape', 'logs/raw.jsonl', _glued('{"raw":"POST /v1\\r\\nAuthorization: Bearer KEY\\r\\n"}\n')),
    Case('tgp-literal-tab-before-t', 'logs/tsv.jsonl', _glued('{"row":"together\\tKEY\\tprod"}\n')),
    Case('tgp-url-fragment', 'logs/oauth.log', _glued('redirect https://app.example.com/cb#access_token=KEY&token_type=bearer\n')),
    Case('tgp-osc8-hyperlink', 'logs/term.log',
         _glued('see \x1b]8;;https://api.together.xyz/settings\x1b\\KEY\x1b]8;;\x1b\\ now\n')),
    Case('tgp-eof-no-newline', 'ci/.env.ci', _eof_no_newline),
    Case('tgp-pipe-table-no-spaces', 'docs/keys.md', _glued('|ci|KEY|2024-06-01|\n')),
    Case('tgp-yaml-flow-seq', 'config/keys.yaml', _glued('keys: [KEY, other]\n')),
    Case('tgp-shell-single-quote-concat', 'scripts/run.sh', _glued("curl -H 'Authorization: Bearer '\"KEY\" https://api.together.xyz/v1/models\n")),
    Case('tgp-after-colon-no-space-ini', 'conf/app.cfg', _glued('together.key:KEY\n')),
    Case('tgp-angle-brackets-mail', 'mail/reply.txt', _glued('> your key <KEY> was revoked\n')),
    Case('decoy-tgp-between-dash-underscore-runs', 'data/ids.txt', _glued_decoy('---KEY___\n')),
    Case('decoy-tgp-underscore-run-before', 'data/ids2.txt', _glued_decoy('ref=__KEY\n')),
    Case('decoy-tgp-51-chars', 'ci/session.env', _longer_run),
    Case('decoy-tgp-49-chars', 'logs/truncated.log', _shorter_run),
    Case('decoy-tgp-other-prefixes', 'src/formats.py', _other_version),
    Case('decoy-tgp-dash-pad-after', 'data/ids3.txt', _glued_decoy('id: KEY-PAD\n')),
]

LEAKS = key_cases(
    # -- coding agents and LLM CLIs -------------------------------------------
    ('opencode-provider-options', 'opencode.json', '''\
{{
  "$schema": "https://opencode.ai/config.json",
  "provider": {{
    "together": {{
      "npm": "@ai-sdk/togetherai",
      "options": {{
        "apiKey": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('codex-model-provider-bearer', '.codex/config.toml', '''\
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
model_provider = "together"

[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
experimental_bearer_token = "{hex}"
'''),
    ('mods-apis-together', '.config/mods/mods.yml', '''\
default-model: llama3
apis:
  together:
    base-url: https://api.together.xyz/v1
    api-key: {hex}
    models:
      meta-llama/Llama-3-70b-chat-hf:
        aliases: ["llama3"]
        max-input-chars: 24500
'''),
    ('shell-gpt-sgptrc', '.config/shell_gpt/.sgptrc', '''\
CHAT_CACHE_LENGTH=100
API_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
DEFAULT_MODEL=meta-llama/Llama-3-70b-chat-hf
'''),
    ('open-interpreter-profile', 'profiles/together.yaml', '''\
llm:
  model: "together_ai/meta-llama/Llama-3-70b-chat-hf"
  api_key: "{hex}"
  temperature: 0
auto_run: false
'''),
    ('promptfoo-provider-config', 'promptfooconfig.yaml', '''\
prompts:
  - "Summarize: {{{{text}}}}"
providers:
  - id: togetherai:meta-llama/Llama-3-70b-chat-hf
    config:
      apiKey: {hex}
      temperature: 0.2
'''),
    ('portkey-gateway-config', 'gateway/config.json', '''\
{{
  "strategy": {{"mode": "fallback"}},
  "targets": [
    {{"provider": "together-ai", "api_key": "{hex}"}},
    {{"provider": "openai", "api_key": "${{OPENAI_API_KEY}}"}}
  ]
}}
'''),
    # -- frameworks in Python ------------------------------------------------
    ('pydantic-ai-together-provider', 'agents/support.py', '''\
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIModel
from pydantic_ai.providers.together import TogetherProvider

model = OpenAIModel(
    "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    provider=TogetherProvider(api_key="{hex}"),
)
agent = Agent(model)
'''),
    ('agno-together-model', 'agents/team.py', '''\
from agno.agent import Agent
from agno.models.together import Together

agent = Agent(model=Together(id="meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}"))
'''),
    ('hf-inference-client-provider', 'scripts/hf_chat.py', '''\
from huggingface_hub import InferenceClient

client = InferenceClient(provider="together", api_key="{hex}")
out = client.chat_completion(model="deepseek-ai/DeepSeek-R1", messages=msgs)
'''),
    ('smolagents-openai-server-model', 'agents/smol.py', '''\
model = OpenAIServerModel(
    model_id="Qwen/Qwen2.5-72B-Instruct-Turbo",
    api_base="https://api.together.xyz/v1",
    api_key="{hex}",
)
'''),
    ('instructor-from-openai', 'extract/schema.py', '''\
client = instructor.from_openai(
    OpenAI(base_url="https://api.together.xyz/v1", api_key="{hex}"),
    mode=instructor.Mode.JSON,
)
'''),
    ('pydantic-validation-error-dump', 'logs/startup.err', '''\
Traceback (most recent call last):
  File "/app/main.py", line 4, in <module>
    settings = Settings()
pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings
together_api_key
  String should have at most 40 characters [type=string_too_long, input_value='{hex}', input_type=str]
    For further information visit https://errors.pydantic.dev/2.7/v/string_too_long
'''),
    ('django-settings-print', 'logs/shell.txt', '''\
>>> from django.conf import settings
>>> settings.LLM
{{'PROVIDER': 'together', 'API_KEY': '{hex}', 'MODEL': 'meta-llama/Llama-3-8b-chat-hf'}}
'''),
    # -- frameworks in other languages ----------------------------------------
    ('langchain4j-builder', 'src/main/java/app/Llm.java', '''\
ChatLanguageModel model = OpenAiChatModel.builder()
        .baseUrl("https://api.together.xyz/v1")
        .apiKey("{hex}")
        .modelName("meta-llama/Llama-3-70b-chat-hf")
        .build();
'''),
    ('quarkus-langchain4j-properties', 'src/main/resources/application.properties', '''\
quarkus.langchain4j.openai.base-url=https://api.together.xyz/v1
quarkus.langchain4j.openai.api-key={hex}
quarkus.langchain4j.openai.chat-model.model-name=meta-llama/Llama-3-70b-chat-hf
'''),
    ('semantic-kernel-named-args', 'src/Kernel.cs', '''\
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(
    modelId: "meta-llama/Llama-3-70b-chat-hf",
    apiKey: "{hex}",
    endpoint: new Uri("https://api.together.xyz/v1"));
'''),
    ('rig-together-client', 'src/main.rs', '''\
use rig::providers::together;

fn main() {{
    let client = together::Client::new("{hex}");
    let agent = client.agent(together::LLAMA_3_8B_CHAT_HF).build();
}}
'''),
    ('openai-php-factory', 'app/Llm.php', '''\
$client = OpenAI::factory()
    ->withApiKey('{hex}')
    ->withBaseUri('api.together.xyz/v1')
    ->make();
'''),
    ('ruby-openai-uri-base', 'config/initializers/llm.rb', '''\
LLM = OpenAI::Client.new(
  access_token: "{hex}",
  uri_base: "https://api.together.xyz/"
)
'''),
    ('elixir-openai-ex-pipe', 'lib/chat/llm.ex', '''\
  def client do
    OpenaiEx.new("{hex}")
    |> OpenaiEx.with_base_url("https://api.together.xyz/v1")
  end
'''),
    ('langchaingo-options', 'internal/llm/llm.go', '''\
llm, err := openai.New(
	openai.WithToken("{hex}"),
	openai.WithBaseURL("https://api.together.xyz/v1"),
	openai.WithModel("meta-llama/Llama-3-70b-chat-hf"),
)
'''),
    ('swift-macpaw-configuration', 'App/LLM.swift', '''\
let configuration = OpenAI.Configuration(token: "{hex}", host: "api.together.xyz", scheme: "https")
let openAI = OpenAI(configuration: configuration)
'''),
    ('dart-openai-statics', 'lib/llm.dart', '''\
void setup() {{
  OpenAI.baseUrl = "https://api.together.xyz";
  OpenAI.apiKey = "{hex}";
}}
'''),
    ('kotlin-aallam-host', 'app/src/main/kotlin/Llm.kt', '''\
val openAI = OpenAI(
    token = "{hex}",
    host = OpenAIHost(baseUrl = "https://api.together.xyz/v1/"),
)
'''),
    ('android-buildconfig-kts', 'app/build.gradle.kts', '''\
android {{
    defaultConfig {{
        buildConfigField("String", "TOGETHER_API_KEY", "\\"{hex}\\"")
    }}
}}
'''),
    # -- config stores, secret managers and their outputs -------------------------
    ('hocon-together-block', 'conf/application.conf', '''\
llm {{
  together {{
    api-key = "{hex}"
    base-url = "https://api.together.xyz/v1"
  }}
}}
'''),
    ('hocon-default-then-override', 'conf/reference.conf', '''\
together.api-key = "{hex}"
together.api-key = ${{?TOGETHER_API_KEY}}
'''),
    ('viper-set-default', 'cmd/root.go', '''\
func init() {{
	viper.SetDefault("together.api_key", "{hex}")
	viper.SetDefault("together.model", "meta-llama/Llama-3-8b-chat-hf")
}}
'''),
    ('fish-set-universal', 'dotfiles/config.fish', '''\
if status is-interactive
    set -Ux TOGETHER_API_KEY {hex}
end
'''),
    ('fish-variables-file', 'dotfiles/fish_variables', '''\
# This file contains fish universal variable definitions.
# VERSION: 3.0
SETUVAR --export TOGETHER_API_KEY:{hex}
SETUVAR fish_greeting:
'''),
    ('consul-kv-put', 'ops/bootstrap.sh', '''\
consul kv put config/chat/together/api_key {hex}
'''),
    ('etcdctl-put', 'ops/seed.sh', '''\
etcdctl put /services/chat/together-api-key {hex}
'''),
    ('redis-cli-set', 'ops/cache-seed.txt', '''\
127.0.0.1:6379> SET together:api_key "{hex}"
OK
'''),
    ('chamber-write', 'ops/secrets.md', '''\
    chamber write together api_key {hex}
'''),
    ('bws-secret-create', 'ops/bws.sh', '''\
bws secret create TOGETHER_API_KEY {hex} 7c1e3a3b-22d4-4e5b-9a3f-b1f0c8a6d2e1
'''),
    ('modal-secret-create-generic', 'deploy/modal.sh', '''\
modal secret create together-secret API_KEY={hex}
'''),
    ('doppler-secrets-table', 'docs/doppler.txt', '''\
$ doppler secrets --only-names=false
┌──────────────────┬──────────────────────────────────────────────────────────────────┐
│ NAME             │ VALUE                                                            │
├──────────────────┼──────────────────────────────────────────────────────────────────┤
│ DOPPLER_CONFIG   │ prd                                                              │
│ TOGETHER_API_KEY │ {hex} │
└──────────────────┴──────────────────────────────────────────────────────────────────┘
'''),
    ('vault-kv-get-table', 'docs/vault.txt', '''\
$ vault kv get secret/together
====== Secret Path ======
secret/data/together

======= Metadata =======
Key                Value
---                -----
created_time       2024-06-01T12:00:00.000Z
version            3

===== Data =====
Key        Value
---        -----
api_key    {hex}
'''),
    ('aws-secretsmanager-generic-json', 'debug/secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/together-AbCdEf",
    "Name": "prod/together",
    "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    "SecretString": "{{\\"api_key\\":\\"{hex}\\"}}",
    "VersionStages": ["AWSCURRENT"]
}}
'''),
    ('aws-ssm-get-parameter', 'debug/param.json', '''\
{{
    "Parameter": {{
        "Name": "/chat/prod/together/api-key",
        "Type": "SecureString",
        "Value": "{hex}",
        "Version": 2
    }}
}}
'''),
    ('gcloud-secrets-access', 'docs/runbook.md', '''\
    $ gcloud secrets versions access latest --secret=together-api-key
    {hex}
'''),
    # -- process managers and deploy tools --------------------------------------
    ('pm2-ecosystem-env', 'ecosystem.config.js', '''\
module.exports = {{
  apps: [{{
    name: 'chat',
    script: 'server.js',
    env_production: {{
      NODE_ENV: 'production',
      TOGETHER_API_KEY: '{hex}',
    }},
  }}],
}};
'''),
    ('kamal-env-clear', 'config/deploy.yml', '''\
service: chat
image: acme/chat
env:
  clear:
    TOGETHER_API_KEY: {hex}
    MODEL: meta-llama/Llama-3-8b-chat-hf
'''),
    ('flux-helmrelease-values', 'clusters/prod/chat.yaml', '''\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: chat
spec:
  values:
    llm:
      provider: together
      apiKey: {hex}
'''),
    ('streamlit-connections-section', '.streamlit/secrets.toml', '''\
[connections.together]
api_key = "{hex}"
base_url = "https://api.together.xyz/v1"
'''),
    ('docker-build-arg', 'scripts/build.sh', '''\
docker build --build-arg TOGETHER_API_KEY={hex} -t acme/chat .
'''),
    # -- histories and logs ---------------------------------------------------
    ('bash-history-curl-bearer', 'home/.bash_history', '''\
ls -la
curl https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}"
git status
'''),
    ('zsh-history-extended-set', 'home/.zsh_history', '''\
: 1717200000:0;cd chat
: 1717200012:0;together_api_key={hex} python eval.py
'''),
    ('nginx-access-log-upstream', 'logs/nginx-access.log', '''\
10.0.0.7 - - [01/Jun/2024:12:00:00 +0000] "POST /v1/chat/completions HTTP/1.1" 200 512 upstream=api.together.xyz:443 auth="Bearer {hex}"
'''),
    ('sentry-breadcrumb-headers', 'debug/sentry-event.json', '''\
{{"breadcrumbs": [{{"category": "httplib", "data": {{"url": "https://api.together.xyz/v1/completions", "method": "POST", "headers": {{"Authorization": "Bearer {hex}"}}}}}}]}}
'''),
    ('http-raw-request-file', 'requests/chat.http', '''\
### chat
POST https://api.together.xyz/v1/chat/completions
Authorization: Bearer {hex}
Content-Type: application/json

{{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": []}}
'''),
    # -- more config formats ------------------------------------------------------
    ('phoenix-config-atom-key', 'config/prod.secret.exs', '''\
import Config

config :chat, :together_api_key, "{hex}"
'''),
    ('edn-nested-map', 'resources/config.edn', '''\
{{:llm {{:together {{:api-key "{hex}"
                  :model "meta-llama/Llama-3-8b-chat-hf"}}}}}}
'''),
    ('clojure-env-map', 'project.clj', '''\
  :profiles {{:dev {{:env {{:together-api-key "{hex}"}}}}}}
'''),
    ('nix-home-manager-session-vars', 'home.nix', '''\
  home.sessionVariables = {{
    EDITOR = "nvim";
    TOGETHER_API_KEY = "{hex}";
  }};
'''),
    ('ansible-vars-nested', 'group_vars/all.yml', '''\
llm:
  together:
    token: "{hex}"
'''),
    ('jsonnet-local', 'config/llm.jsonnet', '''\
local together = {{
  apiKey: '{hex}',
  baseUrl: 'https://api.together.xyz/v1',
}};
{{ providers: [together] }}
'''),
    ('cue-value', 'config/llm.cue', '''\
together: {{
	apiKey: "{hex}"
	model:  "meta-llama/Llama-3-8b-chat-hf"
}}
'''),
    ('pkl-together-module', 'config/llm.pkl', '''\
together {{
  apiKey = "{hex}"
}}
'''),
    ('dhall-record', 'config/llm.dhall', '''\
{{ together = {{ apiKey = "{hex}", model = "meta-llama/Llama-3-8b-chat-hf" }} }}
'''),
    ('toml-dotted-key', 'config/app.toml', '''\
together.api_key = "{hex}"
together.model = "meta-llama/Llama-3-8b-chat-hf"
'''),
    ('yaml-anchor-merge', 'config/envs.yaml', '''\
together: &together
  api_key: {hex}
staging:
  <<: *together
'''),
    ('xml-spring-beans', 'src/main/resources/beans.xml', '''\
<bean id="togetherClient" class="ai.together.TogetherClient">
    <property name="apiKey" value="{hex}"/>
</bean>
'''),
    ('ini-colon-separator', 'setup.cfg', '''\
[together]
api_key: {hex}
'''),
    ('csharp-dictionary-initializer', 'src/Config.cs', '''\
var settings = new Dictionary<string, string>
{{
    ["Together:ApiKey"] = "{hex}",
    ["Together:Model"] = "meta-llama/Llama-3-8b-chat-hf",
}};
'''),
    ('go-struct-literal-field', 'internal/config/defaults.go', '''\
var Defaults = Config{{
	TogetherAPIKey: "{hex}",
	Model:          "meta-llama/Llama-3-8b-chat-hf",
}}
'''),
    ('rust-const', 'src/config.rs', '''\
pub const TOGETHER_API_KEY: &str = "{hex}";
'''),
    ('scala-val', 'src/main/scala/Config.scala', '''\
object Config {{
  val togetherApiKey = "{hex}"
}}
'''),
    ('haskell-binding', 'src/Config.hs', '''\
togetherApiKey :: Text
togetherApiKey = "{hex}"
'''),
    ('ocaml-let', 'bin/config.ml', '''\
let together_api_key = "{hex}"
'''),
    ('zig-const', 'src/config.zig', '''\
pub const together_api_key = "{hex}";
'''),
    ('powershell-hashtable', 'scripts/env.ps1', '''\
$settings = @{{
    TogetherApiKey = '{hex}'
    Model          = 'meta-llama/Llama-3-8b-chat-hf'
}}
'''),
    ('batch-set-quoted', 'scripts/env.cmd', '''\
@echo off
set "TOGETHER_API_KEY={hex}"
'''),
    ('vim-let-g', 'dotfiles/vimrc', '''\
let g:together_api_key = '{hex}'
'''),
    ('emacs-setenv', 'dotfiles/init.el', '''\
(setenv "TOGETHER_API_KEY" "{hex}")
'''),
    ('elisp-gptel-backend', 'dotfiles/gptel.el', '''\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key "{hex}"
  :stream t
  :models '(mistralai/Mixtral-8x7B-Instruct-v0.1))
'''),
    ('neovim-lua-setup', '.config/nvim/lua/plugins/ai.lua', '''\
require("codecompanion").setup({{
  adapters = {{
    together = function()
      return require("codecompanion.adapters").extend("openai_compatible", {{
        env = {{ url = "https://api.together.xyz", api_key = "{hex}" }},
      }})
    end,
  }},
}})
'''),
    ('github-actions-env-literal', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: "{hex}"
    steps:
      - run: python eval.py
'''),
    ('gitlab-ci-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY:
    value: "{hex}"
    description: "Together key for the eval job"
'''),
    ('circleci-environment', '.circleci/config.yml', '''\
jobs:
  eval:
    docker:
      - image: cimg/python:3.12
    environment:
      TOGETHER_API_KEY: {hex}
'''),
    ('tox-setenv', 'tox.ini', '''\
[testenv]
setenv =
    TOGETHER_API_KEY = {hex}
'''),
    ('pytest-ini-env', 'pytest.ini', '''\
[pytest]
env =
    TOGETHER_API_KEY={hex}
'''),
    ('vscode-launch-env', '.vscode/launch.json', '''\
{{
  "configurations": [
    {{
      "name": "eval",
      "type": "debugpy",
      "request": "launch",
      "env": {{"TOGETHER_API_KEY": "{hex}"}}
    }}
  ]
}}
'''),
    ('pycharm-run-config', '.run/eval.run.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="eval" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="{hex}" />
    </envs>
  </configuration>
</component>
'''),
    # -- REPL transcripts, request collections, dumps of settings ----------------
    ('ipython-out-prompt', 'notes/debug-session.txt', '''\
In [1]: import os

In [2]: os.environ["TOGETHER_API_KEY"]
Out[2]: '{hex}'
'''),
    ('psysh-tinker-result', 'notes/tinker.txt', '''\
> config('services.together.key')
= "{hex}"
'''),
    ('irb-env-result', 'notes/console.txt', '''\
irb(main):001> ENV["TOGETHER_API_KEY"]
=> "{hex}"
'''),
    ('node-repl-env', 'notes/node-repl.txt', '''\
> process.env.TOGETHER_API_KEY
'{hex}'
'''),
    ('bruno-auth-bearer', 'collections/chat.bru', '''\
meta {{
  name: chat
  type: http
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
    ('vscode-rest-client-variable', 'api/chat.http', '''\
@token = {hex}

POST https://api.together.xyz/v1/chat/completions
Authorization: Bearer {{{{token}}}}
Content-Type: application/json
'''),
    ('spring-actuator-env', 'debug/actuator-env.json', '''\
{{"activeProfiles":["prod"],"propertySources":[{{"name":"Config resource 'class path resource [application.yml]'","properties":{{"together.api-key":{{"value":"{hex}","origin":"class path resource [application.yml] - 3:14"}}}}}}]}}
'''),
    ('bitwarden-json-export', 'exports/bitwarden.json', '''\
{{"items": [{{"type": 1, "name": "Together AI", "login": {{"username": "ops@example.com", "password": "{hex}", "uris": [{{"uri": "https://api.together.xyz"}}]}}}}]}}
'''),
    ('mail-subject-dash', 'mail/handover.eml', '''\
From: ops@example.com
To: dev@example.com
Subject: Together AI API Key - {hex}

as discussed
'''),
    ('changelog-arrow-rotation', 'notes/rotation.md', '''\
Rotated on 2024-06-01:

- TOGETHER_API_KEY → {hex}
'''),
    ('wiki-heading-api-key', 'wiki/LLM-credentials.md', '''\
# LLM credentials

Ask #infra before rotating any of these.

## OpenAI

Use the org key from 1Password.

## Together AI

API key: {hex}
Dashboard: https://api.together.xyz/settings/api-keys
'''),
    ('wiki-heading-list-item', 'docs/staging.md', '''\
### Together API

- api_key: `{hex}`
- model: meta-llama/Llama-3-8b-chat-hf
'''),
    ('prometheus-authorization-credentials', 'prometheus/scrape.yml', '''\
scrape_configs:
  - job_name: together-usage
    scheme: https
    metrics_path: /v1/metrics
    static_configs:
      - targets: ['api.together.xyz']
    authorization:
      type: Bearer
      credentials: {hex}
'''),
    ('rust-together-type-new', 'src/bin/chat.rs', '''\
use together_rs::Together;

fn main() {{
    let together = Together::new("{hex}");
}}
'''),
    ('openai-base-url-from-together-base', 'app/clients.py', '''\
from app.settings import TOGETHER_BASE

client = openai.OpenAI(
    base_url=TOGETHER_BASE,
    api_key="{hex}",
)
'''),
    ('tf-variable-heredoc-default', 'infra/variables.tf', '''\
variable "together_api_key" {{
  type      = string
  sensitive = true
  default   = <<EOT
{hex}
EOT
}}
'''),
    ('gcloud-secret-here-string', 'ops/gcp.sh', '''\
gcloud secrets create together-api-key --replication-policy=automatic --data-file=- <<< "{hex}"
'''),
    ('vercel-env-add-here-string', 'ops/vercel.sh', '''\
vercel env add TOGETHER_API_KEY production <<< {hex}
'''),
    ('tgp-key-in-hocon', 'conf/prod.conf', '''\
together {{ api-key = {key} }}
'''),
    ('tgp-key-in-fish-vars', 'dotfiles/fish_variables.bak', '''\
SETUVAR --export TOGETHER_API_KEY:{key}
'''),
)

DECOYS = key_cases(
    # -- lockfiles and package manifests beside the word together ------------
    ('decoy-uv-lock-together', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz", hash = "sha256:{_hex}", size = 63012 }}
wheels = [
    {{ url = "https://files.pythonhosted.org/packages/together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex2}", size = 70211 }},
]
'''),
    ('decoy-pipfile-lock-together', 'Pipfile.lock', '''\
{{
    "default": {{
        "together": {{
            "hashes": [
                "sha256:{_hex}",
                "sha256:{_hex2}"
            ],
            "index": "pypi",
            "version": "==1.3.3"
        }}
    }}
}}
'''),
    ('decoy-requirements-hash', 'requirements.lock.txt', '''\
together==1.3.3 \\
    --hash=sha256:{_hex} \\
    --hash=sha256:{_hex2}
'''),
    ('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
GEM
  remote: https://rubygems.org/
  specs:
    together-ai (0.2.0)

CHECKSUMS
  together-ai (0.2.0) sha256={_hex}
'''),
    ('decoy-pkgbuild-sums', 'aur/together-cli/PKGBUILD', '''\
pkgname=together-cli
pkgver=1.2.0
source=("https://github.com/togethercomputer/together-cli/archive/v$pkgver.tar.gz")
sha256sums=('{_hex}')
'''),
    ('decoy-bazel-http-archive', 'WORKSPACE', '''\
http_archive(
    name = "together_sdk",
    sha256 = "{_hex}",
    urls = ["https://github.com/togethercomputer/together-cpp/archive/v0.3.tar.gz"],
)
'''),
    ('decoy-cmake-fetchcontent', 'cmake/deps.cmake', '''\
FetchContent_Declare(together
  URL https://github.com/togethercomputer/together-cpp/archive/v0.3.tar.gz
  URL_HASH SHA256={_hex}
)
'''),
    ('decoy-scoop-manifest', 'bucket/together-cli.json', '''\
{{
    "version": "1.2.0",
    "description": "Together AI command line",
    "url": "https://github.com/togethercomputer/together-cli/releases/download/v1.2.0/together-windows-amd64.zip",
    "hash": "{_hex}"
}}
'''),
    ('decoy-chocolatey-install', 'tools/chocolateyinstall.ps1', '''\
$packageArgs = @{{
  packageName    = 'together-cli'
  url64bit       = 'https://github.com/togethercomputer/together-cli/releases/download/v1.2.0/together.zip'
  checksum64     = '{_hex}'
  checksumType64 = 'sha256'
}}
'''),
    ('decoy-debian-dsc', 'debian/together-cli_1.2.0-1.dsc', '''\
Source: together-cli
Checksums-Sha256:
 {_hex} 48213 together-cli_1.2.0.orig.tar.gz
'''),
    ('decoy-hf-lfs-listing', 'cache/hf-model-info.json', '''\
{{"id": "togethercomputer/RedPajama-INCITE-7B-Chat", "siblings": [{{"rfilename": "model.safetensors", "lfs": {{"sha256": "{_hex}", "size": 13832000000}}}}]}}
'''),
    ('decoy-conda-lock', 'conda-lock.yml', '''\
package:
- name: together
  version: 1.3.3
  manager: pip
  hash:
    sha256: {_hex}
'''),
    ('decoy-apk-sha512', 'alpine/together-cli/APKBUILD', '''\
pkgname=together-cli
sha512sums="{_hex}{_hex2}  together-cli-1.2.0.tar.gz"
'''),
    # -- digests, ids and signatures -------------------------------------------
    ('decoy-dockerfile-from-digest', 'Dockerfile.together', '''\
FROM ghcr.io/togethercomputer/together-proxy@sha256:{_hex}
ENV TOGETHER_API_KEY=""
'''),
    ('decoy-docker-pull-output', 'logs/pull.txt', '''\
latest: Pulling from togethercomputer/together-proxy
Digest: sha256:{_hex}
Status: Downloaded newer image for togethercomputer/together-proxy:latest
'''),
    ('decoy-kubectl-image-id', 'debug/describe.txt', '''\
Containers:
  together-proxy:
    Image:          ghcr.io/acme/together-proxy:1.2
    Image ID:       ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-hmac-test-vector', 'tests/test_webhooks.py', '''\
def test_together_webhook_signature():
    secret = b"together-test-secret"
    assert sign(secret, b"{{}}") == "{_hex}"
'''),
    ('decoy-etag-curl-verbose', 'debug/models-trace.txt', '''\
> GET /v1/models HTTP/2
> Host: api.together.xyz
> authorization: Bearer $TOGETHER_API_KEY
< HTTP/2 200
< etag: "{_hex}"
'''),
    ('decoy-doctest-digest', 'src/hashing.py', '''\
def digest(data: bytes) -> str:
    """
    >>> digest(b"together")
    '{_hex}'
    """
'''),
    ('decoy-together-finetune-listing', 'debug/finetunes.json', '''\
{{"data": [{{"id": "ft-3b883474-f39c-40d9-9d5a-7e1bd4a6a2c4", "training_file": "file-9f3c1e2a-5b7d-4c8e-a1f0-2d6b8e4c7a91",
  "model_output_name": "acme/Meta-Llama-3-8B-ft", "provider": "together", "checkpoint_sha256": "{_hex}"}}]}}
'''),
    ('decoy-ci-cache-key', 'logs/ci.txt', '''\
Cache restored successfully
Cache restored from key: together-deps-Linux-{_hex}
'''),
    ('decoy-sri-hex-manifest', 'public/together-widget.manifest.json', '''\
{{"name": "together-widget", "files": {{"widget.js": "{_hex}"}}}}
'''),
    ('decoy-sbom-component', 'sbom/bom.json', '''\
{{"components": [{{"type": "library", "name": "together", "version": "1.3.3",
  "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-tgp-key-id-json', 'debug/keys.json', '''\
{{"data": [{{"id": "key_01HZX3K9Q2M4N6P8R0T2V4X6Z8", "name": "ci", "provider": "together", "fingerprint": "{_hex}"}}]}}
'''),
    # -- references and placeholders in the new formats --------------------------
    ('decoy-hocon-env-ref', 'conf/application.prod.conf', '''\
together {{
  api-key = ${{?TOGETHER_API_KEY}}
  model-sha256 = "{_hex}"
}}
'''),
    ('decoy-fish-command-subst', 'dotfiles/secrets.fish', '''\
set -Ux TOGETHER_API_KEY (op read "op://dev/together/credential")
set -Ux PROMPT_CACHE_SHA {_hex}
'''),
    ('decoy-kamal-secrets-subst', '.kamal/secrets', '''\
TOGETHER_API_KEY=$(op read op://prod/together/api-key)
KAMAL_REGISTRY_DIGEST={_hex}
'''),
    ('decoy-pm2-process-env', 'ecosystem.prod.config.js', '''\
module.exports = {{ apps: [{{ name: 'chat', env: {{ TOGETHER_API_KEY: process.env.TOGETHER_API_KEY, BUILD: '{_hex}' }} }}] }};
'''),
    ('decoy-vault-agent-template', 'vault/agent.hcl', '''\
template {{
  contents = <<EOT
TOGETHER_API_KEY={{{{ with secret "secret/data/together" }}}}{{{{ .Data.data.api_key }}}}{{{{ end }}}}
EOT
  destination = "/run/secrets/together.env"
}}
# agent config checksum {_hex}
'''),
    ('decoy-external-secret', 'k8s/external-secret.yaml', '''\
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: together
spec:
  data:
    - secretKey: TOGETHER_API_KEY
      remoteRef:
        key: prod/together
        property: api_key
'''),
    ('decoy-sealed-secret', 'k8s/sealed-together.yaml', '''\
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: together
spec:
  encryptedData:
    TOGETHER_API_KEY: AgBy3i4OJSWK+PiTySYZZA1rO43cGDEq{_b64}{_b64_2}
'''),
    ('decoy-doppler-reference', 'doppler.yaml', '''\
setup:
  project: chat
  config: prd
# TOGETHER_API_KEY is ${{together.API_KEY}} in Doppler; sha of the config: {_hex}
'''),
    ('decoy-powershell-get-secret', 'scripts/profile.ps1', '''\
$env:TOGETHER_API_KEY = Get-Secret -Name Together -AsPlainText
$env:TOGETHER_MODEL_SHA256 = '{_hex}'
'''),
    ('decoy-pydantic-error-masked', 'logs/settings.err', '''\
pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings
together_api_key
  Field required [type=missing, input_value={{'model_sha256': '{_hex}'}}, input_type=dict]
'''),
    ('decoy-masked-dashboard-key', 'docs/keys.md', '''\
| name | key | created |
|---|---|---|
| ci | tgp_v1_Ab3x...Qz9f | 2024-06-01 |
| staging | ••••••••••••••••••••••••••••••••••••••••••••••••••••••a41f | 2024-06-02 |
'''),
    ('decoy-placeholder-angle', 'README.setup.md', '''\
    chamber write together api_key <your-together-api-key>
    consul kv put config/chat/together/api_key "$TOGETHER_API_KEY"
    set -Ux TOGETHER_API_KEY your_together_api_key_here
'''),
    ('decoy-gradle-property-ref', 'app/build.gradle', '''\
buildConfigField "String", "TOGETHER_API_KEY", "\\"${{project.findProperty('togetherApiKey') ?: ''}}\\""
buildConfigField "String", "MODEL_SHA256", "\\"{_hex}\\""
'''),
    ('decoy-opencode-env-ref', 'opencode.prod.json', '''\
{{
  "provider": {{
    "together": {{
      "options": {{"apiKey": "{{env:TOGETHER_API_KEY}}"}},
      "models": {{"meta-llama/Llama-3.3-70B-Instruct-Turbo": {{"id": "{_hex}"}}}}
    }}
  }}
}}
'''),
    ('decoy-redis-cache-key', 'ops/redis.txt', '''\
127.0.0.1:6379> KEYS together:*
1) "together:completion:{_hex}"
'''),
    ('decoy-together-object-hash', 'debug/batch.json', '''\
{{"provider": "together", "object": "batch", "input_file_sha256": "{_hex}", "status": "COMPLETED"}}
'''),
    ('decoy-nginx-log-request-id', 'logs/nginx-together.log', '''\
10.0.0.7 - - [01/Jun/2024:12:00:00 +0000] "POST /v1/chat/completions HTTP/1.1" 200 512 upstream=api.together.xyz:443 request_id={_hex}
'''),
    ('decoy-codex-env-key-name', '.codex/config.prod.toml', '''\
[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
# pinned prompt digest {_hex}
'''),
    # -- the shapes the probe7 fixes took, holding digests ------------------------
    ('decoy-yaml-anchor-checksums', 'config/digests.yaml', '''\
checksums: &together
  api_key: {_hex}
staging:
  <<: *together
'''),
    ('decoy-box-table-digest', 'docs/doppler-digests.txt', '''\
│ NAME                    │ VALUE                                                            │
│ TOGETHER_API_KEY_SHA256 │ {_hex} │
'''),
    ('decoy-nuget-package-xml', 'packages.lock.xml', '''\
<package id="together" version="1.3.3">
  <sha256>{_hex}</sha256>
</package>
'''),
    ('decoy-vault-other-path', 'docs/vault-cache.txt', '''\
$ vault kv get secret/together-cache
===== Data =====
Key        Value
---        -----
api_key    {_hex}
'''),
    ('decoy-ipython-digest-of-key', 'notes/verify-session.txt', '''\
In [3]: hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest()
Out[3]: '{_hex}'
'''),
    ('decoy-dash-digest-name', 'notes/digests.md', '''\
- TOGETHER_API_KEY_SHA256 - {_hex}
- together-cli-1.2.0.tar.gz → {_hex2}
'''),
    ('decoy-wiki-other-heading', 'wiki/Providers.md', '''\
## Together AI

We moved off it in May.

## OpenAI

api_key: {_hex}
'''),
    ('decoy-working-together-heading', 'docs/CONTRIBUTING.md', '''\
## Working together

Sign your commits; the signing key fingerprint is below.

key: {_hex}
'''),
    ('decoy-prometheus-other-target', 'prometheus/node.yml', '''\
# together with the node exporters
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['10.0.0.1:9100']
    authorization:
      type: Bearer
      credentials: {_hex}
'''),
    ('decoy-together-digest-type', 'src/integrity.py', '''\
EXPECTED = TogetherSha256("{_hex}")
'''),
    ('decoy-ruby-hmac-new', 'app/webhooks.rb', '''\
  def verify(body)
    mac = OpenSSL::HMAC.new("{_hex}", "sha256")
    post("https://api.together.xyz/v1/hooks")
  end
'''),
    ('decoy-mods-env-ref', '.config/mods/mods.prod.yml', '''\
apis:
  together:
    base-url: https://api.together.xyz/v1
    api-key-env: TOGETHER_API_KEY
    models:
      meta-llama/Llama-3-70b-chat-hf:
        aliases: ["{_hex}"]
'''),
)


CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
