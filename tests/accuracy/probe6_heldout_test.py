"""A sixth held-out probe (session 10): legacy keys the way real people and
tools write them across infrastructure and tool configs the other sets
skip -- Terraform resources and terragrunt inputs, Pulumi and CDK on the
command line, Ansible inventories and extra vars, Helm ``--set-string``,
Kustomize ``secretGenerator`` literals, systemd, supervisord, Procfile,
proxies (nginx ``set``, Caddy ``header_up``, HAProxy, Envoy, Traefik
labels), Compose flow lists and anchors, devcontainer ``runArgs``, NixOS
options, Bazel ``--action_env``/``--test_env``, Make ``?=``/``override``,
CMake cache and compile definitions, Jenkins ``withEnv``, CI logging
commands and metadata, PaaS CLIs (Netlify, Fly, Vercel), Cloudflare
``[env.*.vars]``, Deno and Bun, LLM frameworks and OpenAI-compatible
clients in Java, PHP, C# and AutoGen, notebook magics and outputs, logs of
request headers (Go's ``map[...]``, OkHttp, pino, ``curl -v``), HAR
pseudo-headers, Postman and Insomnia auth blocks, HTTPie, wget, k6,
Locust and mitmproxy scripts; keys inside base64-encoded files
(cloud-init ``write_files``, Terraform ``user_data_base64``, a MIME
attachment, a ``data:`` URI, Secrets holding INI/JSON configs); and
``tgp_v1_`` keys glued to punctuation the other sets skip (guillemets,
corner brackets, dashes, ellipses, spoilers) -- with decoys: 64-hex
digests beside Together names (containerd ids, SHA-256 git object ids,
in-toto and Rekor entries, Nix and Homebrew bottle hashes, webhook
signatures, Docker ids), keys glued inside longer tokens, placeholders,
masked keys, key ids and environment references in more languages.  The
same cases are scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe6_modes_test.py.
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


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# -- keys inside base64-encoded files ----------------------------------------

def _cloud_init_write_files(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    env = f'MODEL=meta-llama/Llama-3-8b-chat-hf\nTOGETHER_API_KEY={hx}\n'
    text = (
        '#cloud-config\n'
        'write_files:\n'
        '  - path: /etc/chat/env\n'
        '    owner: root:root\n'
        "    permissions: '0600'\n"
        '    encoding: b64\n'
        f'    content: {_b64(env)}\n'
    )
    return text, [(7, hx)]


def _terraform_user_data_b64(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    script = f'#!/bin/bash\necho "TOGETHER_API_KEY={hx}" >> /etc/environment\nsystemctl restart chat\n'
    text = (
        'resource "aws_instance" "chat" {\n'
        '  ami           = "ami-0c55b159cbfafe1f0"\n'
        '  instance_type = "t3.small"\n'
        f'  user_data_base64 = "{_b64(script)}"\n'
        '}\n'
    )
    return text, [(4, hx)]


def _mime_env_attachment(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A mail forwarding a ``.env``: base64 wrapped at 76 columns."""
    hx = m.hex()
    env = ('# staging\nAPP_ENV=staging\nDATABASE_URL=postgres://chat@db/chat\n'
           f'TOGETHER_API_KEY={hx}\nLOG_LEVEL=info\n')
    enc = _b64(env)
    wrapped = '\n'.join(enc[i:i + 76] for i in range(0, len(enc), 76))
    head = (
        'From: dev@example.com\nTo: ops@example.com\nSubject: staging env\n'
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n'
        '--b1\nContent-Type: text/plain\n\nattached, as asked\n\n'
        '--b1\nContent-Type: application/octet-stream; name=".env"\n'
        'Content-Disposition: attachment; filename=".env"\n'
        'Content-Transfer-Encoding: base64\n\n'
    )
    text = head + wrapped + '\n--b1--\n'
    # Reported on the line where the key's encoding starts.
    at = env.index(hx) // 3 * 4
    return text, [(line_of(text, enc[:76]) + at // 76, hx)]


def _secret_ini_config(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    ini = f'[together]\napi_key = {hx}\nmodel = mistralai/Mixtral-8x7B-Instruct-v0.1\n'
    text = (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat-config\ntype: Opaque\n'
        f'data:\n  llm.ini: {_b64(ini)}\n'
    )
    return text, [(7, hx)]


def _configmap_binary_json(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    cfg = json.dumps({'providers': {'together': {'apiKey': hx, 'baseURL': 'https://api.together.xyz/v1'}}})
    text = (
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gateway\n'
        f'binaryData:\n  providers.json: {_b64(cfg)}\n'
    )
    return text, [(6, hx)]


def _data_uri_download(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    tfvars = f'region = "us-east-1"\ntogether_api_key = "{hx}"\n'
    text = (
        '<p>Download your settings:\n'
        f'<a download="prod.auto.tfvars" href="data:text/plain;base64,{_b64(tfvars)}">prod.auto.tfvars</a></p>\n'
    )
    return text, [(2, hx)]


def _dockerfile_b64_env(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    env = f'TOGETHER_API_KEY={key}\r\nPORT=8080\r\n'
    text = (
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n'
        f'RUN echo "{_b64(env)}" | base64 -d > .env\n'
        'CMD ["python", "app.py"]\n'
    )
    return text, [(4, key)]


def _postman_env_b64(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    hx = m.hex()
    env = json.dumps({'name': 'together-prod', 'values': [
        {'key': 'baseUrl', 'value': 'https://api.together.xyz/v1', 'enabled': True},
        {'key': 'togetherApiKey', 'value': hx, 'enabled': True},
    ]}, indent=2)
    text = f'POSTMAN_ENVIRONMENT_B64={_b64(env)}\n'
    return text, [(1, hx)]


def _ini_glued_to_name(template: str):
    """An INI file whose first line is ``[together]``, base64-encoded as
    a value glued to its name by ``=``: the name's letters are base64
    characters too, and must not be decoded with the value."""
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        hx = m.hex()
        ini = f'[together]\napi_key = {hx}\nmodel = meta-llama/Llama-3-8b-chat-hf\n'
        text = template.replace('B64', _b64(ini))
        return text, [(line_of(text, _b64(ini)), hx)]
    return build


# -- tgp_v1_ keys glued to punctuation and markup ----------------------------

def _glued(template: str):
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        text = template.replace('KEY', key)
        return text, [(line_of(text, key), key)]
    return build


def _glued_decoy(template: str):
    """A key's shape glued to other key characters: part of a longer token."""
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        pad = ''.join(m.rng.choice(string.ascii_letters + string.digits) for _ in range(24))
        return template.replace('KEY', key).replace('PAD', pad), []
    return build


SPECIAL = [
    Case('b64-cloud-init-write-files', 'cloud-init/user-data.yaml', _cloud_init_write_files),
    Case('b64-terraform-user-data', 'infra/ec2.tf', _terraform_user_data_b64),
    Case('b64-mime-env-attachment', 'mail/staging-env.eml', _mime_env_attachment),
    Case('b64-secret-ini-config', 'k8s/chat-config.yaml', _secret_ini_config),
    Case('b64-configmap-binarydata-json', 'k8s/gateway-cm.yaml', _configmap_binary_json),
    Case('b64-data-uri-tfvars', 'site/settings.html', _data_uri_download),
    Case('b64-dockerfile-crlf-env-tgp', 'Dockerfile', _dockerfile_b64_env),
    Case('b64-postman-env-in-dotenv', 'ci/postman.env', _postman_env_b64),
    Case('b64-ini-glued-dotenv', 'deploy/chat.env',
         _ini_glued_to_name('# written by deploy.sh\nLLM_CONFIG_INI_B64=B64\nREPLICAS=2\n')),
    Case('b64-ini-glued-helm-set-string', 'deploy/README.md',
         _ini_glued_to_name('    helm upgrade chat ./chart \\\n      --set-string config.llmIni=B64\n')),
    Case('b64-ini-glued-shell-export', 'scripts/env.sh',
         _ini_glued_to_name('#!/bin/sh\nexport VALUE=B64\nexec chat\n')),
    Case('b64-ini-glued-url-path', 'docs/render.md',
         _ini_glued_to_name('Fetch it with:\n\n    curl -s https://config.internal/v1/render/B64 -o llm.ini\n')),
    Case('b64-ini-glued-underscore', 'deploy/values.txt',
         _ini_glued_to_name('blob: llm_ini_b64_B64\n')),
    Case('tgp-guillemets', 'docs/fr/config.md', _glued('Copiez la clé «KEY» dans le fichier .env.\n')),
    Case('tgp-corner-brackets', 'docs/ja/setup.md', _glued('APIキーは「KEY」です。\n')),
    Case('tgp-em-dash', 'notes/meeting.md', _glued('the new key\u2014KEY\u2014works for staging\n')),
    Case('tgp-ellipsis', 'notes/chat.txt', _glued('[10:02] sam: try KEY\u2026 no wait\n')),
    Case('tgp-discord-spoiler', 'exports/discord.txt', _glued('key is ||KEY|| dont leak\n')),
    Case('tgp-markdown-strike', 'CHANGELOG.old.md', _glued('- ~~KEY~~ revoked\n')),
    Case('tgp-markdown-link-text', 'wiki/Keys.md', _glued('Staging: [KEY](https://api.together.xyz/settings/api-keys)\n')),
    Case('tgp-html-code-entity', 'site/keys.html', _glued('<td><code>KEY</code>&nbsp;</td>\n')),
    Case('tgp-url-query-amp', 'logs/access.log', _glued('GET /proxy?api_key=KEY&model=llama HTTP/1.1 200\n')),
    Case('tgp-percent-encoded-quotes', 'logs/params.log', _glued('body=%7B%22key%22%3A%22KEY%22%7D\n')),
    Case('tgp-literal-tab-escape', 'logs/app.jsonl', _glued('{"msg":"cfg\\tKEY\\tok"}\n')),
    Case('tgp-fullwidth-colon-paren', 'docs/zh/faq.md', _glued('密钥（KEY）已失效\n')),
    Case('tgp-bom-start', 'secrets.txt', _glued('\ufeffKEY\n')),
    Case('tgp-fullwidth-equals', 'notes/ime.txt', _glued('TOGETHER_API_KEY＝KEY\n')),
    Case('decoy-tgp-inside-longer-token', 'logs/session.log',
         _glued_decoy('session=PADKEYPAD; Path=/; HttpOnly\n')),
    Case('decoy-tgp-prefixed-word', 'src/ids.py', _glued_decoy("CACHE_ID = 'PAD_KEY'\n")),
    Case('decoy-tgp-dash-glued', 'data/tokens.txt', _glued_decoy('PAD-KEY\n')),
    Case('decoy-tgp-suffix-glued', 'data/refs.txt', _glued_decoy('ref: KEY-PAD\n')),
]

LEAKS = key_cases(
    # -- Terraform, terragrunt, Pulumi, CDK -----------------------------------
    ('digest-words-beside-a-real-key', 'notes/handover.md', '''\
Verify the checksum of the tarball, then set TOGETHER_API_KEY={hex}
The digest of the build is pinned. Our Together API key is {hex2}
'''),
    ('prose-bracketed-qualifier-next-line', 'notes/onboarding.md', '''\
Ask in #infra for access. The shared keys:

Together API key (staging)
{hex}

Together API key (prod):
{hex2}
'''),
    ('markdown-list-bracketed-qualifier', 'wiki/Credentials.md', '''\
- **Together API key (staging)**: `{hex}`
- Together API key (load tests):
  {hex2}
'''),
    ('markdown-table-bracketed-qualifier', 'docs/secrets.md', '''\
| secret | value |
|---|---|
| Together API key (staging) | `{hex}` |
'''),
    ('tf-kubernetes-secret-data', 'infra/k8s.tf', '''\
resource "kubernetes_secret" "chat" {{
  metadata {{
    name = "chat-env"
  }}
  data = {{
    TOGETHER_API_KEY = "{hex}"
  }}
}}
'''),
    ('tf-ssm-parameter', 'infra/ssm.tf', '''\
resource "aws_ssm_parameter" "llm" {{
  name  = "/chat/prod/together-api-key"
  type  = "SecureString"
  value = "{hex}"
}}
'''),
    ('tf-lambda-environment', 'infra/lambda.tf', '''\
resource "aws_lambda_function" "chat" {{
  function_name = "chat"
  environment {{
    variables = {{
      TOGETHER_API_KEY = "{hex}"
      LOG_LEVEL        = "info"
    }}
  }}
}}
'''),
    ('terragrunt-inputs', 'live/prod/chat/terragrunt.hcl', '''\
include "root" {{
  path = find_in_parent_folders()
}}

inputs = {{
  together_api_key = "{hex}"
  replicas         = 3
}}
'''),
    ('pulumi-config-set-cli', 'docs/deploy.md', '''\
    pulumi config set chat:togetherApiKey {hex} --secret
'''),
    ('pulumi-stack-config-namespaced', 'Pulumi.dev.yaml', '''\
config:
  aws:region: us-west-2
  chat:togetherApiKey: {hex}
'''),
    ('cdk-context-flag', 'scripts/deploy.sh', '''\
npx cdk deploy ChatStack -c togetherApiKey={hex} --require-approval never
'''),
    # -- Ansible --------------------------------------------------------------
    ('ansible-inventory-host-vars', 'inventory/hosts.ini', '''\
[chat]
chat01 ansible_host=10.0.0.5 together_api_key={hex}
chat02 ansible_host=10.0.0.6
'''),
    ('ansible-extra-vars', 'Makefile.deploy', '''\
ansible-playbook site.yml --extra-vars "env=prod together_api_key={hex}"
'''),
    ('ansible-vault-prefixed', 'group_vars/prod/vault.yml', '''\
vault_db_password: hunter2
vault_together_api_key: "{hex}"
'''),
    # -- Helm, Kustomize ------------------------------------------------------
    ('helm-set-string-nested', 'scripts/helm-up.sh', '''\
helm upgrade --install chat ./charts/chat \\
  --namespace chat \\
  --set-string secrets.together.apiKey={hex} \\
  --wait
'''),
    ('helm-set-env-list', 'ci/deploy.sh', '''\
helm upgrade chat ./chart --set "env[0].name=TOGETHER_API_KEY,env[0].value={hex}"
'''),
    ('kustomize-secret-generator', 'overlays/prod/kustomization.yaml', '''\
secretGenerator:
  - name: chat-secrets
    literals:
      - TOGETHER_API_KEY={hex}
      - LOG_LEVEL=info
'''),
    # -- services ---------------------------------------------------------------
    ('systemd-environment-quoted-many', 'deploy/chat.service', '''\
[Service]
Environment="LOG_LEVEL=info" "TOGETHER_API_KEY={hex}"
ExecStart=/opt/chat/bin/chat
'''),
    ('supervisord-environment-list', 'deploy/supervisord.conf', '''\
[program:chat]
command=/opt/chat/venv/bin/gunicorn app:app
environment=PORT="8000",TOGETHER_API_KEY="{hex}",WORKERS="4"
'''),
    ('procfile-inline-env', 'Procfile', '''\
web: TOGETHER_API_KEY={hex} gunicorn app:app --bind 0.0.0.0:$PORT
'''),
    # -- proxies ----------------------------------------------------------------
    ('nginx-set-variable', 'nginx/conf.d/llm.conf', '''\
location /v1/ {{
    set $together_key "{hex}";
    proxy_set_header Authorization "Bearer $together_key";
    proxy_pass https://upstream;
}}
'''),
    ('caddy-header-up', 'Caddyfile', '''\
llm.example.com {{
\treverse_proxy https://api.together.xyz {{
\t\theader_up Host {{upstream_hostport}}
\t\theader_up Authorization "Bearer {hex}"
\t}}
}}
'''),
    ('haproxy-set-header', 'haproxy/haproxy.cfg', '''\
backend together
    server api api.together.xyz:443 ssl verify required sni str(api.together.xyz)
    http-request set-header Authorization "Bearer {hex}"
'''),
    ('envoy-request-headers-to-add', 'envoy/envoy.yaml', '''\
          routes:
          - match: {{ prefix: "/v1/" }}
            route: {{ cluster: together_api, host_rewrite_literal: api.together.xyz }}
            request_headers_to_add:
            - header:
                key: Authorization
                value: "Bearer {hex}"
'''),
    ('traefik-labels-headers', 'docker-compose.proxy.yml', '''\
services:
  llm-proxy:
    image: traefik:v3.0
    labels:
      - "traefik.http.services.together.loadbalancer.server.url=https://api.together.xyz"
      - "traefik.http.middlewares.together-auth.headers.customrequestheaders.Authorization=Bearer {hex}"
'''),
    # -- Compose, devcontainer, Nix, Bazel, Make, CMake ----------------------
    ('compose-flow-list', 'compose.yaml', '''\
services:
  chat:
    image: acme/chat:1.4
    environment: [LOG_LEVEL=debug, TOGETHER_API_KEY={hex}]
'''),
    ('compose-anchor-map', 'docker-compose.yml', '''\
x-llm-env: &llm-env
  TOGETHER_API_KEY: {hex}
  MODEL: meta-llama/Llama-3-8b-chat-hf

services:
  worker:
    environment: *llm-env
'''),
    ('devcontainer-run-args', '.devcontainer/devcontainer.json', '''\
{{
  "name": "chat",
  "image": "mcr.microsoft.com/devcontainers/python:3.12",
  "runArgs": ["--env", "TOGETHER_API_KEY={hex}"]
}}
'''),
    ('nixos-environment-variables', 'hosts/chat/configuration.nix', '''\
{{ config, pkgs, ... }}:
{{
  environment.variables.TOGETHER_API_KEY = "{hex}";
}}
'''),
    ('nix-systemd-service-env', 'modules/chat.nix', '''\
  systemd.services.chat = {{
    wantedBy = [ "multi-user.target" ];
    environment = {{
      TOGETHER_API_KEY = "{hex}";
    }};
  }};
'''),
    ('bazelrc-action-env', '.bazelrc', '''\
build --action_env=TOGETHER_API_KEY={hex}
'''),
    ('bazelrc-test-env', 'user.bazelrc', '''\
test:integration --test_env=TOGETHER_API_KEY={hex}
'''),
    ('make-conditional-assign', 'Makefile', '''\
export TOGETHER_API_KEY ?= {hex}

run:
\tpython -m chat
'''),
    ('make-override', 'mk/env.mk', '''\
override TOGETHER_API_KEY = {hex}
'''),
    ('cmake-cache-string', 'CMakeLists.txt', '''\
set(TOGETHER_API_KEY "{hex}" CACHE STRING "Together API key for tests")
'''),
    ('cmake-compile-definitions', 'src/CMakeLists.txt', '''\
target_compile_definitions(chat PRIVATE TOGETHER_API_KEY="{hex}")
'''),
    # -- CI ---------------------------------------------------------------------
    ('jenkins-withenv', 'Jenkinsfile', '''\
stage('e2e') {{
    withEnv(["MODEL=llama3", "TOGETHER_API_KEY={hex}"]) {{
        sh 'pytest tests/e2e'
    }}
}}
'''),
    ('circleci-run-inline-env', '.circleci/config.yml', '''\
    steps:
      - checkout
      - run: TOGETHER_API_KEY={hex} pytest tests/integration
'''),
    ('buildkite-meta-data-set', '.buildkite/pipeline.yml', '''\
steps:
  - command: buildkite-agent meta-data set "together-api-key" "{hex}"
'''),
    # -- PaaS -------------------------------------------------------------------
    # -- found missed on main, fixed in the grammar --------------------------
    ('azure-logging-command', 'azure-pipelines.yml', '''\
steps:
  - bash: echo "##vso[task.setvariable variable=TOGETHER_API_KEY;issecret=true]{hex}"
'''),
    ('gha-set-env-workflow-command', '.github/workflows/legacy.yml', '''\
    steps:
      - run: echo "::set-env name=TOGETHER_API_KEY::{hex}"
'''),
    ('drone-secret-add', 'docs/ci.md', '''\
    drone secret add --repository acme/chat --name together_api_key --data {hex}
'''),
    ('docker-secret-herestring', 'scripts/swarm.sh', '''\
docker secret create together_api_key - <<< {hex}
'''),
    ('kotlin-elvis-fallback', 'app/src/main/kotlin/Env.kt', '''\
val togetherKey = System.getenv("TOGETHER_API_KEY") ?: "{hex}"
'''),
    ('php-short-ternary-fallback', 'bootstrap/env.php', '''\
$together = getenv('TOGETHER_API_KEY') ?: '{hex}';
'''),
    ('rust-unwrap-or-else-fallback', 'src/config.rs', '''\
let key = std::env::var("TOGETHER_API_KEY").unwrap_or_else(|_| "{hex}".to_string());
'''),
    ('java-optional-or-else', 'src/main/java/ai/acme/Env.java', '''\
String key = Optional.ofNullable(System.getenv("TOGETHER_API_KEY")).orElse("{hex}");
'''),
    ('k8s-env-value-block-scalar', 'k8s/deployment.yaml', '''\
        env:
          - name: TOGETHER_API_KEY
            value: >-
              {hex}
'''),
    ('gateway-provider-type-field', 'gateway/config.yaml', '''\
providers:
  - type: together
    token: {hex}
    models: [meta-llama/Llama-3-8b-chat-hf]
'''),
    ('chat-app-provider-display-name', 'backup/chatbox-settings.json', '''\
{{"providers": [{{"name": "Together AI", "apiKey": "{hex}", "models": ["meta-llama/Llama-3-70b-chat-hf"]}}]}}
'''),
    ('plugin-data-domain-heading', '.obsidian/plugins/llm/data.json', '''\
{{
  "theme": "dark",
  "together.ai": {{
    "apiKey": "{hex}"
  }}
}}
'''),
    ('langchain-secretstr-wrapper', 'chains/qa.py', '''\
llm = ChatOpenAI(
    base_url="https://api.together.xyz/v1",
    api_key=SecretStr("{hex}"),
    model="meta-llama/Llama-3-70b-chat-hf",
)
'''),
    ('cloudformation-parameters-json', 'cfn/params-prod.json', '''\
[
  {{"ParameterKey": "Environment", "ParameterValue": "prod"}},
  {{"ParameterKey": "TogetherApiKey", "ParameterValue": "{hex}"}}
]
'''),
    ('cloudformation-cli-parameters', 'scripts/stack.sh', '''\
aws cloudformation create-stack --stack-name chat --template-body file://chat.yaml \\
  --parameters ParameterKey=TogetherApiKey,ParameterValue={hex}
'''),
    ('azure-aci-secure-value', 'infra/aci.json', '''\
"environmentVariables": [
  {{"name": "LOG_LEVEL", "value": "info"}},
  {{"name": "TOGETHER_API_KEY", "secureValue": "{hex}"}}
]
'''),
    ('netlify-env-set', 'scripts/netlify.sh', '''\
netlify env:set TOGETHER_API_KEY {hex} --context production
'''),
    ('fly-secrets-set', 'docs/fly.md', '''\
    fly secrets set TOGETHER_API_KEY={hex} -a chat-prod
'''),
    ('vercel-deploy-env-flag', 'scripts/preview.sh', '''\
vercel deploy --prebuilt -e TOGETHER_API_KEY={hex}
'''),
    ('wrangler-env-vars', 'wrangler.toml', '''\
name = "chat-worker"
main = "src/index.ts"

[env.staging.vars]
TOGETHER_KEY = "{hex}"
'''),
    # -- runtimes ----------------------------------------------------------------
    ('deno-env-set', 'test/setup.ts', '''\
Deno.env.set("TOGETHER_API_KEY", "{hex}");
'''),
    ('bun-env-assign', 'scripts/seed.ts', '''\
Bun.env.TOGETHER_API_KEY ??= "{hex}";
'''),
    ('git-config-cli', 'docs/setup.md', '''\
    git config --global together.apikey {hex}
'''),
    ('dotenv-togetherai-name', '.env.aider', '''\
TOGETHERAI_API_KEY={hex}
'''),
    # -- LLM frameworks and OpenAI-compatible clients -------------------------
    ('autogen-ext-client', 'agents/team.py', '''\
client = OpenAIChatCompletionClient(
    model="meta-llama/Llama-3.3-70B-Instruct-Turbo",
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
    model_info={{"vision": False, "function_calling": True, "json_output": True, "family": "unknown"}},
)
'''),
    ('java-openai-okhttp-builder', 'src/main/java/ai/acme/Llm.java', '''\
OpenAIClient client = OpenAIOkHttpClient.builder()
    .apiKey("{hex}")
    .baseUrl("https://api.together.xyz/v1")
    .build();
'''),
    ('php-openai-factory', 'app/Services/Llm.php', '''\
$client = OpenAI::factory()
    ->withApiKey('{hex}')
    ->withBaseUri('api.together.xyz/v1')
    ->make();
'''),
    ('csharp-openai-options', 'src/Chat/Llm.cs', '''\
var client = new ChatClient(
    model: "meta-llama/Llama-3-70b-chat-hf",
    credential: new ApiKeyCredential("{hex}"),
    options: new OpenAIClientOptions {{ Endpoint = new Uri("https://api.together.xyz/v1") }});
'''),
    ('litellm-completion-call', 'app/llm.py', '''\
resp = litellm.completion(
    model="together_ai/meta-llama/Llama-3-8b-chat-hf",
    messages=messages,
    api_key="{hex}",
)
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: acme
version: 0.0.1
models:
  - name: Llama 3.1 405B
    provider: together
    model: meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo
    apiKey: {hex}
    roles:
      - chat
'''),
    ('langchain-openai-compatible-kw', 'chains/summarize.py', '''\
llm = ChatOpenAI(
    openai_api_base="https://api.together.xyz/v1",
    openai_api_key="{hex}",
    model_name="mistralai/Mixtral-8x7B-Instruct-v0.1",
)
'''),
    # -- notebooks --------------------------------------------------------------
    ('ipynb-env-magic', 'notebooks/eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "%env TOGETHER_API_KEY={hex}\\n",
    "from together import Together"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('ipynb-output-headers', 'notebooks/debug.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [
    {{
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "{{'User-Agent': 'python-requests/2.31.0', 'Authorization': 'Bearer {hex}'}}\\n"
     ]
    }}
   ],
   "source": [
    "r = requests.post('https://api.together.xyz/v1/completions', headers=h, json=body)\\n",
    "print(r.request.headers)"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    # -- logs -----------------------------------------------------------------
    ('go-log-header-map', 'logs/gateway.log', '''\
2024/06/01 12:00:00 POST https://api.together.xyz/v1/chat/completions header=map[Authorization:[Bearer {hex}] Content-Type:[application/json]]
'''),
    ('okhttp-logging-interceptor', 'logs/android.txt', '''\
I/okhttp.OkHttpClient: --> POST https://api.together.xyz/v1/chat/completions
I/okhttp.OkHttpClient: Content-Type: application/json; charset=utf-8
I/okhttp.OkHttpClient: Authorization: Bearer {hex}
I/okhttp.OkHttpClient: --> END POST (212-byte body)
'''),
    ('pino-json-request', 'logs/api.jsonl', '''\
{{"level":30,"time":1717200000000,"msg":"upstream","req":{{"method":"POST","url":"https://api.together.xyz/v1/completions","headers":{{"authorization":"Bearer {hex}","content-type":"application/json"}}}}}}
'''),
    ('curl-verbose-http2', 'debug/curl-trace.txt', '''\
* Connected to api.together.xyz (104.18.2.3) port 443
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> accept: */*
> authorization: Bearer {hex}
> content-type: application/json
'''),
    ('python-requests-debug-log', 'logs/worker.log', '''\
DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.together.xyz:443
DEBUG:chat.client:sending headers={{'Authorization': 'Bearer {hex}', 'Accept': 'application/json'}}
DEBUG:urllib3.connectionpool:https://api.together.xyz:443 "POST /v1/chat/completions HTTP/1.1" 200 None
'''),
    # -- HTTP collections and tools -------------------------------------------
    ('har-http2-pseudo-headers', 'captures/chat.har', '''\
{{
  "log": {{
    "entries": [
      {{
        "request": {{
          "method": "POST",
          "url": "https://api.together.xyz/v1/chat/completions",
          "httpVersion": "h2",
          "headers": [
            {{"name": ":authority", "value": "api.together.xyz"}},
            {{"name": "authorization", "value": "Bearer {hex}"}}
          ]
        }}
      }}
    ]
  }}
}}
'''),
    ('postman-bearer-auth-raw-url', 'postman/together.postman_collection.json', '''\
{{
  "info": {{"name": "LLM", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "item": [
    {{
      "name": "chat",
      "request": {{
        "auth": {{"type": "bearer", "bearer": [{{"key": "token", "value": "{hex}", "type": "string"}}]}},
        "method": "POST",
        "url": {{"raw": "https://api.together.xyz/v1/chat/completions", "host": ["api", "together", "xyz"]}}
      }}
    }}
  ]
}}
'''),
    ('insomnia-bearer-authentication', 'insomnia/export.json', '''\
{{
  "_type": "export",
  "resources": [
    {{
      "_type": "request",
      "name": "completions",
      "method": "POST",
      "url": "https://api.together.xyz/v1/completions",
      "authentication": {{"type": "bearer", "token": "{hex}", "prefix": ""}}
    }}
  ]
}}
'''),
    ('httpie-header-colon', 'docs/try-it.md', '''\
    http POST api.together.xyz/v1/chat/completions "Authorization:Bearer {hex}" model=meta-llama/Llama-3-8b-chat-hf
'''),
    ('wget-header-flag', 'scripts/models.sh', '''\
wget -qO- --header="Authorization: Bearer {hex}" https://api.together.xyz/v1/models
'''),
    ('k6-const-api-key', 'load/chat.js', '''\
import http from 'k6/http';

const API_KEY = '{hex}';

export default function () {{
  http.post('https://api.together.xyz/v1/completions', JSON.stringify(body), {{
    headers: {{ Authorization: `Bearer ${{API_KEY}}` }},
  }});
}}
'''),
    ('locust-session-header', 'load/locustfile.py', '''\
class ChatUser(HttpUser):
    host = "https://api.together.xyz"

    def on_start(self):
        self.client.headers["Authorization"] = "Bearer {hex}"
'''),
    ('mitmproxy-addon-inject', 'addons/auth.py', '''\
def request(flow):
    if flow.request.pretty_host == "api.together.xyz":
        flow.request.headers["Authorization"] = "Bearer {hex}"
'''),
)

DECOYS = key_cases(
    ('decoy-containerd-id', 'debug/pod.yaml', '''\
metadata:
  name: together-proxy-7c9f
status:
  containerStatuses:
  - containerID: containerd://{_hex}
    image: ghcr.io/acme/together-proxy:1.2.0
    name: together-proxy
'''),
    ('decoy-docker-ps-no-trunc', 'debug/docker-ps.txt', '''\
CONTAINER ID                                                       IMAGE                    NAMES
{_hex}   acme/together-proxy:1.2   together-proxy
'''),
    ('decoy-git-sha256-object-id', 'notes/release.md', '''\
Merged the Together provider work together in
commit {_hex} (this repository uses --object-format=sha256).
'''),
    ('decoy-in-toto-statement', 'attest/together-cli.intoto.json', '''\
{{
  "_type": "https://in-toto.io/Statement/v1",
  "subject": [{{"name": "together-cli_1.2.0_linux_amd64.tar.gz", "digest": {{"sha256": "{_hex}"}}}}],
  "predicateType": "https://slsa.dev/provenance/v1"
}}
'''),
    ('decoy-rekor-entry', 'attest/rekor.json', '''\
{{
  "logIndex": 93182734,
  "logID": "{_hex}",
  "body": {{"kind": "hashedrekord", "spec": {{"data": {{"hash": {{"algorithm": "sha256", "value": "{_hex2}"}}}}}}}},
  "artifact": "together-1.2.0-py3-none-any.whl"
}}
'''),
    ('decoy-nix-fetch-hex', 'pkgs/together-cli/default.nix', '''\
  src = fetchFromGitHub {{
    owner = "togethercomputer";
    repo = "together-cli";
    rev = "v1.2.0";
    sha256 = "{_hex}";
  }};
'''),
    ('decoy-homebrew-bottle', 'Formula/together-cli.rb', '''\
class TogetherCli < Formula
  bottle do
    sha256 cellar: :any_skip_relocation, arm64_sonoma: "{_hex}"
    sha256 cellar: :any_skip_relocation, x86_64_linux: "{_hex2}"
  end
end
'''),
    ('decoy-webhook-signature', 'tests/fixtures/webhook.http', '''\
POST /hooks/together HTTP/1.1
Host: chat.example.com
X-Together-Signature: sha256={_hex}
Content-Type: application/json
'''),
    ('decoy-oci-index-digest', 'oci/index.json', '''\
{{
  "schemaVersion": 2,
  "manifests": [{{
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": "sha256:{_hex}",
    "annotations": {{"org.opencontainers.image.title": "together-proxy"}}
  }}]
}}
'''),
    ('decoy-tf-lock-together-provider', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.3.1"
  hashes = [
    "h1:{_b64}",
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-helm-chart-lock', 'charts/chat/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 0.4.2
digest: sha256:{_hex}
'''),
    ('decoy-sha256sums-together', 'dist/SHA256SUMS.txt', '''\
{_hex} *together-cli-1.2.0-windows-amd64.zip
'''),
    ('decoy-together-cache-etag', 'cache/together/models.json', '''\
{{"provider": "together", "etag": "{_hex}", "fetched_at": "2024-06-01T12:00:00Z"}}
'''),
    ('decoy-request-id-log', 'logs/requests.log', '''\
POST https://api.together.xyz/v1/chat/completions 200 request_id={_hex}
'''),
    ('decoy-prose-hashed-together', 'docs/design.md', '''\
The two halves are hashed together; for the sample input the digest is
{_hex}.
'''),
    ('decoy-session-hash-bearer-env', 'tests/test_client.py', '''\
EXPECTED_BODY_SHA256 = "{_hex}"
client = Together(api_key=os.environ["TOGETHER_API_KEY"])
'''),
    ('decoy-cfn-parameter-digest', 'cfn/params-model.json', '''\
[{{"ParameterKey": "TogetherModelSha256", "ParameterValue": "{_hex}"}}]
'''),
    ('decoy-k8s-env-key-digest', 'k8s/rollout.yaml', '''\
        env:
          # bumps the pods when the key is rotated
          - name: TOGETHER_API_KEY_SHA256
            value: "{_hex}"
          - name: TOGETHER_API_KEY
            valueFrom:
              secretKeyRef: {{name: together, key: api-key}}
'''),
    ('decoy-provider-type-checksums', 'gateway/cache.yaml', '''\
checksums:
  - type: together
    token: {_hex}
'''),
    ('decoy-kotlin-elvis-digest', 'app/src/main/kotlin/Model.kt', '''\
val weightsSha = System.getenv("TOGETHER_MODEL_SHA256") ?: "{_hex}"
'''),
    ('decoy-display-name-digest', 'models/manifest.json', '''\
{{"name": "Together AI", "sha256": "{_hex}", "size": 4096}}
'''),
    ('decoy-lua-getenv', 'plugins/llm.lua', '''\
local together_key = os.getenv("TOGETHER_API_KEY")
local model_digest = "{_hex}"
'''),
    ('decoy-julia-env', 'src/Chat.jl', '''\
const TOGETHER_API_KEY = ENV["TOGETHER_API_KEY"]
const WEIGHTS_SHA256 = "{_hex}"
'''),
    ('decoy-nushell-env', 'config/env.nu', '''\
$env.OPENAI_BASE_URL = "https://api.together.xyz/v1"
$env.OPENAI_API_KEY = $env.TOGETHER_API_KEY
$env.PROMPT_HASH = "{_hex}"
'''),
    ('decoy-fish-set-ref', 'config.fish', '''\
set -gx TOGETHER_API_KEY (security find-generic-password -s together -w)
set -gx CACHE_KEY {_hex}
'''),
    ('decoy-ansible-lookup', 'roles/chat/defaults/main.yml', '''\
together_api_key: "{{{{ lookup('env', 'TOGETHER_API_KEY') }}}}"
chat_release_sha256: "{_hex}"
'''),
    ('decoy-terraform-var-ref', 'infra/secrets.tf', '''\
resource "kubernetes_secret" "together" {{
  data = {{
    TOGETHER_API_KEY = var.together_api_key
  }}
}}
# state serial checksum {_hex}
'''),
    ('decoy-nix-getenv', 'shell.nix', '''\
  TOGETHER_API_KEY = builtins.getEnv "TOGETHER_API_KEY";
  MODEL_HASH = "{_hex}";
'''),
    ('decoy-bazel-passthrough', '.bazelrc.ci', '''\
build --action_env=TOGETHER_API_KEY
build --remote_instance_name={_hex}
'''),
    ('decoy-cmake-env-ref', 'cmake/Secrets.cmake', '''\
set(TOGETHER_API_KEY "$ENV{{TOGETHER_API_KEY}}")
set(MODEL_SHA256 "{_hex}")
'''),
    ('decoy-jenkins-credentials', 'Jenkinsfile.release', '''\
environment {{
    TOGETHER_API_KEY = credentials('together-api-key')
    ARTIFACT_SHA256 = '{_hex}'
}}
'''),
    ('decoy-compose-passthrough', 'compose.override.yaml', '''\
services:
  chat:
    environment:
      - TOGETHER_API_KEY
      - BUILD_SHA256={_hex}
'''),
    ('decoy-deno-env-get', 'main.ts', '''\
const key = Deno.env.get("TOGETHER_API_KEY");
const integrity = "{_hex}";
'''),
    ('decoy-systemd-envfile', 'deploy/chat-worker.service', '''\
[Service]
EnvironmentFile=/etc/chat/together.env
Environment=BUILD_ID={_hex}
'''),
    ('decoy-helm-values-ref', 'charts/chat/templates/secret.yaml', '''\
stringData:
  TOGETHER_API_KEY: {{{{ .Values.together.apiKey | quote }}}}
  checksum/config: {_hex}
'''),
    ('decoy-librechat-env-ref', 'librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "${{TOGETHER_API_KEY}}"
      baseURL: "https://api.together.xyz/v1"
'''),
    ('decoy-masked-key-log', 'logs/startup.log', '''\
INFO using Together key tgp_v1_AbCd****************************************
INFO TOGETHER_API_KEY=****************************************************************
'''),
    ('decoy-digest-of-named-key', 'ops/rotation.md', '''\
Rotated on 2024-06-01. To check a deploy holds the new key without
printing it, compare digests:

    sha256(TOGETHER_API_KEY) = {_hex}

The SHA-256 of our Together API key is {_hex2} (staging).
'''),
    ('decoy-bracketed-digest-qualifier', 'docs/verify.md', '''\
| secret | sha256 |
|---|---|
| Together API key (SHA-256 fingerprint) | {_hex} |

Together API key (sha256):
{_hex2}
'''),
    ('decoy-digest-call-in-script', 'scripts/check_key.py', '''\
EXPECTED = {{
    "prod": "{_hex}",  # hashlib.sha256(b"TOGETHER_API_KEY").hexdigest() of the prod value
}}
# md5sum(together_api_key): {_hex2}
'''),
    ('decoy-zero-placeholder', '.env.example', '''\
TOGETHER_API_KEY=0000000000000000000000000000000000000000000000000000000000000000
'''),
    ('decoy-caddy-env-placeholder', 'Caddyfile.prod', '''\
llm.example.com {{
\treverse_proxy https://api.together.xyz {{
\t\theader_up Authorization "Bearer {{$TOGETHER_API_KEY}}"
\t}}
}}
'''),
)


def _key_id_table(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """``together keys list`` as a table: ids are names, not keys."""
    ids = [''.join(m.rng.choice(string.digits + string.ascii_uppercase) for _ in range(26)) for _ in range(2)]
    return (
        'ID                              NAME      CREATED\n'
        f'key_{ids[0]}  ci        2024-06-01\n'
        f'key_{ids[1]}  staging   2024-06-02\n'
    ), []


def _placeholder_tgp_words(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    body = ('your_together_key_goes_here_' + 'X' * 43)[:43]
    return f'TOGETHER_API_KEY="tgp_v1_{body}"  # replace me\n', []  # pragma: allowlist secret


DECOYS += [
    Case('decoy-key-id-table', 'docs/keys-list.txt', _key_id_table),
    Case('decoy-placeholder-words-tgp', 'config/sample.env', _placeholder_tgp_words),
]

CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
