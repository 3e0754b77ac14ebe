"""A nineteenth held-out probe (session 23): keys in what deploy and
ops tools print or keep, where the earlier sets wrote none.  Legacy keys
(64 lowercase hex) in a Terraform plan's JSON, ``TF_VAR_`` exports, an
AWS Lambda configuration dump, Azure's app settings list (name and
value apart), a ``kubectl`` last-applied-configuration annotation (JSON
in YAML), a kustomize generator's literals, a Flux HelmRelease, a
CodeBuild buildspec, SAM's ``parameter_overrides``, CDK context, Ray's
``runtime_env``, SkyPilot ``envs``, Airflow's ``Variable.set``, MLflow's
gateway, Modal secrets, ``gh secret set --body``, Makefile/just/Task/
pixi/hatch environment tables, Apps Script properties, Unity's
``PlayerPrefs``, MATLAB's ``setenv``, Rust's ``option_env!`` fallback,
Spring's ``@Value`` default; ``tgp_v1_`` keys in a notebook traceback's
ANSI colours, ``http.client`` debug output (``\\r\\n`` escapes), an
OpenAPI example, a PowerShell history, ``docker history``'s
``#(nop)`` lines, a git config ``extraHeader``, a ``.curlrc``, a Consul
KV export (base64 values).  The decoys are 64-hex values that are no key
beside "together": container ids (``kubectl`` status, ``docker ps``,
``docker inspect``), image and chart digests, a Terraform archive's
``output_sha256``, Bazel/Nix/conda/Homebrew/Scoop/Flatpak pins, a
Dockerfile ``ADD --checksum``, a Helm ``Chart.lock``, GitHub Actions log
lines (timestamps first), ``key_...`` ids and template placeholders in
many syntaxes.  Written before any fix; what the 7160482 code missed is
in ``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the nineteenth held-out set").
"""
from __future__ import annotations

import base64

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- deploy tools' own files and output -------------------------------------------------------

DEPLOY = key_cases(
    ('terraform-plan-json-after', 'plan.json', '''\
{{"format_version":"1.2","resource_changes":[{{"address":"aws_lambda_function.chat","type":"aws_lambda_function","change":{{"actions":["update"],"after":{{"function_name":"together-chat","environment":[{{"variables":{{"TOGETHER_API_KEY":"{hex}"}}}}]}}}}}}]}}
'''),
    ('tf-var-export', 'scripts/tf.sh', '''\
export TF_VAR_together_api_key={hex}
terraform apply -auto-approve
'''),
    ('lambda-get-function-configuration', 'notes/lambda.json', '''\
{{
    "FunctionName": "chat-api",
    "Runtime": "python3.12",
    "Environment": {{
        "Variables": {{
            "LOG_LEVEL": "info",
            "TOGETHER_API_KEY": "{hex}"
        }}
    }}
}}
'''),
    ('azure-appsettings-list', 'notes/appsettings.json', '''\
[
  {{
    "name": "TOGETHER_API_KEY",
    "slotSetting": false,
    "value": "{hex}"
  }},
  {{
    "name": "WEBSITES_PORT",
    "slotSetting": false,
    "value": "8000"
  }}
]
'''),
    ('kubectl-last-applied-configuration', 'k8s/live/cm.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {{"apiVersion":"v1","data":{{"MODEL":"meta-llama/Llama-3.3-70B-Instruct-Turbo","TOGETHER_API_KEY":"{hex}"}},"kind":"ConfigMap","metadata":{{"annotations":{{}},"name":"llm","namespace":"default"}}}}
  name: llm
'''),
    ('kustomize-configmap-generator-literal', 'k8s/overlays/dev/kustomization.yaml', '''\
resources:
  - ../../base
configMapGenerator:
  - name: llm-env
    literals:
      - TOGETHER_API_KEY={hex}
      - MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('flux-helmrelease-values', 'clusters/dev/llm-gateway.yaml', '''\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: llm-gateway
spec:
  chart:
    spec:
      chart: llm-gateway
  values:
    providers:
      together:
        apiKey: {hex}
'''),
    ('codebuild-buildspec-variables', 'buildspec.yml', '''\
version: 0.2
env:
  variables:
    TOGETHER_API_KEY: "{hex}"
phases:
  build:
    commands:
      - pytest -q
'''),
    ('sam-parameter-overrides', 'samconfig.toml', '''\
version = 0.1
[default.deploy.parameters]
stack_name = "chat-api"
parameter_overrides = "Stage=\\"dev\\" TogetherApiKey=\\"{hex}\\""
'''),
    ('cdk-context-json', 'cdk.context.json', '''\
{{
  "acknowledged-issue-numbers": [32775],
  "togetherApiKey": "{hex}"
}}
'''),
    ('gh-secret-set-body', 'notes/gh.txt', '''\
$ gh secret set TOGETHER_API_KEY --body "{hex}" --repo acme/chat
'''),
    ('docker-history-nop-env', 'notes/docker-history.txt', '''\
IMAGE          CREATED BY
<missing>      /bin/sh -c #(nop)  ENV TOGETHER_API_KEY={key}
<missing>      /bin/sh -c #(nop)  CMD ["python" "-m" "app"]
'''),
)

# -- ML platforms and schedulers --------------------------------------------------------------

ML = key_cases(
    ('ray-runtime-env', 'jobs/submit.py', '''\
import ray

ray.init(runtime_env={{"env_vars": {{"TOGETHER_API_KEY": "{hex}"}}, "pip": ["together"]}})
'''),
    ('skypilot-envs', 'sky/serve.yaml', '''\
resources:
  accelerators: A100:1
envs:
  TOGETHER_API_KEY: {hex}
run: python serve.py
'''),
    ('airflow-variable-set', 'dags/setup_vars.py', '''\
from airflow.models import Variable

Variable.set("together_api_key", "{hex}")
'''),
    ('mlflow-gateway-config', 'gateway/config.yaml', '''\
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: togetherai
      name: meta-llama/Llama-3.3-70B-Instruct-Turbo
      config:
        togetherai_api_key: {hex}
'''),
    ('modal-secret-from-dict', 'app/modal_app.py', '''\
import modal

app = modal.App("chat")
secret = modal.Secret.from_dict({{"TOGETHER_API_KEY": "{hex}"}})
'''),
    ('notebook-traceback-ansi', 'notebooks/chat.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"output_type": "error", "ename": "AuthenticationError", "evalue": "401", "traceback": ["\\u001b[0;31m---------------------------------------------------------------------------\\u001b[0m", "\\u001b[0;32m----> 3\\u001b[0m client \\u001b[38;5;241m=\\u001b[39m Together(api_key\\u001b[38;5;241m=\\u001b[39m\\u001b[38;5;124m\\"{key}\\"\\u001b[39m)\\n"]}}], "source": ["client = Together()"]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}
'''),
    ('notebook-traceback-ansi-hex', 'notebooks/chat-legacy.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": ["\\u001b[0;32m----> 2\\u001b[0m client \\u001b[38;5;241m=\\u001b[39m Together(api_key\\u001b[38;5;241m=\\u001b[39m\\u001b[38;5;124m\\"{hex}\\"\\u001b[39m)\\n"]}}], "source": ["client = Together()"]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}
'''),
)

# -- task runners and project tables ------------------------------------------------------------

RUNNERS = key_cases(
    ('makefile-export-default', 'Makefile', '''\
export TOGETHER_API_KEY ?= {hex}

test:
\tpytest -q
'''),
    ('justfile-export', 'justfile', '''\
export TOGETHER_API_KEY := "{hex}"

chat:
    python -m app
'''),
    ('taskfile-env', 'Taskfile.yml', '''\
version: '3'
env:
  TOGETHER_API_KEY: {hex}
tasks:
  chat:
    cmds: [python -m app]
'''),
    ('pixi-activation-env', 'pixi.toml', '''\
[project]
name = "chat"

[activation.env]
TOGETHER_API_KEY = "{hex}"
'''),
    ('hatch-env-vars', 'pyproject.toml', '''\
[tool.hatch.envs.test.env-vars]
TOGETHER_API_KEY = "{hex}"
'''),
)

# -- languages and apps that keep a setting ---------------------------------------------------

APPS = key_cases(
    ('apps-script-set-property', 'src/Code.gs', '''\
function setup() {{
  PropertiesService.getScriptProperties().setProperty('TOGETHER_API_KEY', '{hex}');
}}
'''),
    ('unity-playerprefs', 'Assets/Scripts/LlmSetup.cs', '''\
void Awake() {{
    PlayerPrefs.SetString("together_api_key", "{hex}");
}}
'''),
    ('matlab-setenv', 'scripts/setup.m', '''\
setenv('TOGETHER_API_KEY', '{hex}');
resp = webread('https://api.together.xyz/v1/models');
'''),
    ('rust-option-env-fallback', 'src/config.rs', '''\
pub const TOGETHER_API_KEY: &str = match option_env!("TOGETHER_API_KEY") {{
    Some(k) => k,
    None => "{hex}",
}};
'''),
    ('spring-value-default', 'src/main/java/LlmConfig.java', '''\
@Value("${{together.api-key:{hex}}}")
private String togetherApiKey;
'''),
    ('macos-defaults-write-string', 'scripts/macos.sh', '''\
defaults write com.acme.chat TogetherAPIKey -string {hex}
defaults read com.acme.chat
'''),
    ('macos-plutil-replace-string', 'scripts/plist.sh', '''\
plutil -replace TogetherAPIKey -string {hex} ~/Library/Preferences/com.acme.chat.plist
'''),
    # decoys: ``-string`` before hex under a name that is no key's
    ('decoy-defaults-write-string-not-keys', 'scripts/macos-state.sh', '''\
defaults write xyz.together.desktop LastCommit -string {_hex}
defaults write xyz.together.desktop ModelCacheKey -string {_hex2}
defaults write com.acme.chat TogetherAPIKeyID -string {_hex3}
plutil -replace TogetherKitRevision -string {_hex4} Info.plist
'''),
    # (``-string`` is the type of the value right after it, the defaults
    # key right before it: a Together name lines above, or earlier on the
    # line, is no name of that value)
    ('decoy-string-flag-under-a-key-mention', 'scripts/macos-release.sh', '''\
# needs TOGETHER_API_KEY in the login keychain
defaults write xyz.together.cli ReleaseSHA256 -string {_hex}
test -n "$TOGETHER_API_KEY" && defaults write xyz.together.cli LastBuild -string {_hex2}
'''),
    ('value-flag-on-a-continued-line', 'scripts/secrets.sh', '''\
gh secret set TOGETHER_API_KEY \\
  --repo acme/chat \\
  --body "{hex}"
az keyvault secret set --vault-name chat-kv `
  --name together-api-key `
  --value {hex2}
'''),
    # (a URL query's ``&`` before the value flag ended the command, and a
    # heredoc's body after it was not read: both missed on 80250d9)
    ('value-flag-after-a-url-query-and-a-heredoc', 'scripts/vault.sh', '''\
vault-cli put TOGETHER_API_KEY --url "https://vault.example/v1/kv?mount=ci&version=2" --value {hex}
gh secret set TOGETHER_API_KEY --repo acme/chat --body <<'EOF'
{hex2}
EOF
'''),
    ('powershell-set-secret', 'scripts/secrets.ps1', '''\
Set-Secret -Name TogetherApiKey -Secret "{hex}" -Vault LocalStore
$TogetherApiKey = ConvertTo-SecureString -String "{hex2}" -AsPlainText -Force
'''),
    ('openapi-example-bearer', 'openapi.yaml', '''\
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
paths:
  /v1/chat/completions:
    post:
      parameters:
        - in: header
          name: Authorization
          example: Bearer {key}
'''),
)

# -- shells, HTTP clients, git ----------------------------------------------------------------

CLIENTS = key_cases(
    ('powershell-consolehost-history', 'notes/ConsoleHost_history.txt', '''\
cd C:\\src\\chat
Invoke-RestMethod -Uri https://api.together.xyz/v1/models -Headers @{{Authorization="Bearer {key}"}}
'''),
    ('powershell-history-hex', 'notes/ConsoleHost_history2.txt', '''\
Invoke-RestMethod https://api.together.xyz/v1/models -Headers @{{ "Authorization" = "Bearer {hex}" }}
'''),
    ('http-client-debuglevel', 'logs/debug.txt', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer {key}\\r\\nContent-Type: application/json\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    ('http-client-debuglevel-hex', 'logs/debug2.txt', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAuthorization: Bearer {hex}\\r\\nContent-Type: application/json\\r\\n\\r\\n'
'''),
    ('git-config-extraheader', 'notes/gitconfig', '''\
[http "https://api.together.xyz/"]
\textraHeader = Authorization: Bearer {hex}
'''),
    ('curlrc-header', 'notes/.curlrc', '''\
url = "https://api.together.xyz/v1/models"
header = "Authorization: Bearer {hex}"
'''),
    ('wget-header', 'notes/fetch.sh', '''\
wget -q --header="Authorization: Bearer {hex}" -O models.json https://api.together.xyz/v1/models
'''),
    ('gha-log-timestamps-env', 'logs/job.txt', '''\
2026-11-30T10:00:01.1234567Z ##[group]Run python eval.py
2026-11-30T10:00:01.1234567Z python eval.py
2026-11-30T10:00:01.1234568Z shell: /usr/bin/bash -e {{0}}
2026-11-30T10:00:01.1234569Z env:
2026-11-30T10:00:01.1234570Z   TOGETHER_API_KEY: {hex}
2026-11-30T10:00:01.1234571Z ##[endgroup]
'''),
)


# -- keys inside base64 values ------------------------------------------------------------------

def _consul_kv(m: Made) -> tuple[str, list[tuple[int, str]]]:
    key = m.hex()
    value = base64.b64encode(key.encode()).decode()
    text = (
        '[\n'
        '  {"key": "config/chat/model", "flags": 0, "value": "'
        + base64.b64encode(b'meta-llama/Llama-3.3-70B-Instruct-Turbo').decode() + '"},\n'
        '  {"key": "config/chat/together_api_key", "flags": 0, "value": "' + value + '"}\n'
        ']\n'
    )
    return text, [(line_of(text, value), key)]


def _gha_env_file_b64(m: Made) -> tuple[str, list[tuple[int, str]]]:
    key = m.key()
    value = base64.b64encode(f'TOGETHER_API_KEY={key}\nMODEL=llama\n'.encode()).decode()
    text = (
        'jobs:\n'
        '  deploy:\n'
        '    env:\n'
        f'      DOTENV_B64: {value}\n'
        '    steps:\n'
        '      - run: echo "$DOTENV_B64" | base64 -d > .env\n'
    )
    return text, [(line_of(text, value), key)]


def _env_b64(k: str, pad: str = '') -> str:
    return base64.b64encode(
        f'{pad}MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo\nTOGETHER_API_KEY={k}\nLOG_LEVEL=info\n'.encode()
    ).decode()


def _lines76(value: str, sep: str = '\n') -> str:
    return sep.join(value[i:i + 76] for i in range(0, len(value), 76))


def _k8s_secret_data(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # ``kubectl get secret -o yaml``: each value base64, one a whole .env
    key, env_key = m.hex(), m.key()
    value, env = base64.b64encode(key.encode()).decode(), _env_b64(env_key)
    text = (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\ntype: Opaque\ndata:\n'
        f'  MODEL: {base64.b64encode(b"llama").decode()}\n  TOGETHER_API_KEY: {value}\n  .env: {env}\n'
    )
    return text, [(line_of(text, value), key), (line_of(text, env), env_key)]


def _eml_env_attachment(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # an email (CRLF) with a ``.env`` attached, base64 in 76-column lines
    key = m.hex()
    body = _lines76(_env_b64(key), '\r\n')
    text = (
        'From: ops@example.com\r\nTo: dev@example.com\r\nSubject: staging env\r\nMIME-Version: 1.0\r\n'
        'Content-Type: multipart/mixed; boundary="=_b1"\r\n\r\n--=_b1\r\nContent-Type: text/plain\r\n\r\n'
        'attached\r\n--=_b1\r\nContent-Type: application/octet-stream; name=".env"\r\n'
        'Content-Disposition: attachment; filename=".env"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + body + '\r\n--=_b1--\r\n'
    )
    # (reported on the line where the key's encoding starts)
    at = base64.b64decode(_env_b64(key)).index(key.encode()) // 3 * 4
    return text, [(line_of(text, body[:76]) + at // 76, key)]


def _data_urls(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # a ``.env`` as a data: URL in HTML (its base64 percent-encoded) and
    # in Markdown
    html_key, md_key = m.hex(), m.key()
    html = _env_b64(html_key).replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')
    md = _env_b64(md_key)
    text = (
        f'<p><a download=".env" href="data:text/plain;base64,{html}">staging .env</a></p>\n\n'
        f'Or the [same file](data:text/plain;charset=utf-8;base64,{md}), saved as `.env`.\n'
    )
    return text, [(line_of(text, html), html_key), (line_of(text, md), md_key)]


def _json_ci_log_b64(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # a CI log as JSON: ``base64`` output (76 columns, ``\n`` escapes), and
    # PHP's ``json_encode`` escaping every ``/`` of another
    wrapped_key, slashed_key = m.hex(), m.hex()
    slashed = _env_b64(slashed_key, '#??\n')  # (``#??`` is ``IzP/``)
    text = (
        '{"job": "deploy", "steps": [{"name": "encode env", "output": "'
        + _lines76(_env_b64(wrapped_key), '\\n') + '"},\n'
        '  {"name": "php", "env": "' + slashed.replace('/', '\\/') + '"}]}\n'
    )
    return text, [(1, wrapped_key), (2, slashed_key)]


def _utf16_env_b64(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # a Windows (UTF-16LE) ``.env`` base64-encoded: its tgp_v1_ key is
    # found, its legacy key was not on 5b6860d
    key = m.hex()
    value = base64.b64encode(f'TOGETHER_API_KEY={key}\r\n'.encode('utf-16-le')).decode()
    return f'ENV_B64={value}\n', [(1, key)]


def _b64_of_b64_env(m: Made) -> tuple[str, list[tuple[int, str]]]:
    # a .env base64-encoded twice: a legacy key was not found on 5b6860d
    key = m.hex()
    value = base64.b64encode(_env_b64(key).encode()).decode()
    return f'ENV_B64={value}\n', [(1, key)]


ENCODED = [
    Case('consul-kv-export-base64', 'backup/consul-kv.json', _consul_kv),
    Case('gha-dotenv-base64-env', '.github/workflows/deploy.yml', _gha_env_file_b64),
    Case('k8s-secret-data-base64', 'k8s/live/secret.yaml', _k8s_secret_data),
    Case('eml-dotenv-attachment', 'mail/staging-env.eml', _eml_env_attachment),
    Case('dotenv-data-urls', 'docs/download.md', _data_urls),
    Case('json-ci-log-base64-env', 'logs/ci-run.json', _json_ci_log_b64),
    Case('utf16-dotenv-base64-legacy', 'deploy/win-env.txt', _utf16_env_b64),
    Case('double-base64-dotenv-legacy', 'deploy/env2.txt', _b64_of_b64_env),
]

# -- decoys: 64 hex beside "together" that is no key --------------------------------------------

DECOYS = key_cases(
    ('decoy-kubectl-pod-status-container-id', 'k8s/live/pod.yaml', '''\
status:
  containerStatuses:
  - containerID: containerd://{_hex}
    image: ghcr.io/acme/together-proxy:1.2
    imageID: ghcr.io/acme/together-proxy@sha256:{_hex2}
    name: together-proxy
    ready: true
'''),
    ('decoy-docker-ps-no-trunc', 'notes/docker-ps.txt', '''\
CONTAINER ID                                                       IMAGE                  NAMES
{_hex}   together-proxy:1.2     together-proxy
'''),
    ('decoy-docker-inspect-ids', 'notes/inspect.json', '''\
[
    {{
        "Id": "{_hex}",
        "Image": "sha256:{_hex2}",
        "Name": "/together-proxy",
        "Config": {{"Env": ["TOGETHER_API_KEY=${{TOGETHER_API_KEY}}"]}}
    }}
]
'''),
    ('decoy-terraform-archive-output-sha256', 'terraform.tfstate', '''\
{{"version": 4, "resources": [{{"type": "archive_file", "name": "together_lambda", "instances": [{{"attributes": {{"output_path": "together-lambda.zip", "output_sha256": "{_hex}"}}}}]}}]}}
'''),
    ('decoy-bazel-module-archive-override', 'MODULE.bazel', '''\
archive_override(
    module_name = "together_sdk",
    sha256 = "{_hex}",
    urls = ["https://github.com/togethercomputer/together-cpp/archive/v0.3.tar.gz"],
)
'''),
    ('decoy-conda-recipe-source', 'recipe/meta.yaml', '''\
package:
  name: together
  version: 1.3.0
source:
  url: https://pypi.io/packages/source/t/together/together-1.3.0.tar.gz
  sha256: {_hex}
'''),
    ('decoy-scoop-manifest', 'bucket/together-cli.json', '''\
{{
    "version": "1.3.0",
    "url": "https://github.com/togethercomputer/together-cli/releases/download/v1.3.0/together-windows-amd64.zip",
    "hash": "{_hex}"
}}
'''),
    ('decoy-flatpak-module-source', 'xyz.together.Chat.yml', '''\
modules:
  - name: together-chat
    sources:
      - type: archive
        url: https://github.com/acme/together-chat/archive/v0.4.tar.gz
        sha256: {_hex}
'''),
    ('decoy-dockerfile-add-checksum', 'Dockerfile', '''\
FROM python:3.12-slim
ADD --checksum=sha256:{_hex} https://github.com/togethercomputer/together-cli/releases/download/v1.3.0/together.tar.gz /tmp/
'''),
    ('decoy-helm-chart-lock', 'charts/gateway/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 0.4.2
digest: sha256:{_hex}
generated: "2026-11-30T10:00:00Z"
'''),
    ('decoy-gha-log-docker-pull-digest', 'logs/job2.txt', '''\
2026-11-30T10:00:01.1234567Z ##[group]Pull down action image 'ghcr.io/togethercomputer/eval-action:v1'
2026-11-30T10:00:03.1234567Z Digest: sha256:{_hex}
2026-11-30T10:00:03.1234568Z Status: Downloaded newer image for ghcr.io/togethercomputer/eval-action:v1
'''),
    ('decoy-gha-log-cache-key', 'logs/job3.txt', '''\
2026-11-30T10:00:01.1234567Z Run actions/cache@v4
2026-11-30T10:00:01.1234568Z   key: together-eval-pip-{_hex}
2026-11-30T10:00:02.1234567Z Cache restored from key: together-eval-pip-{_hex}
'''),
    ('decoy-key-ids-listing', 'notes/keys.txt', '''\
$ together keys list
ID                              NAME             CREATED
key_01JDX3R4W9KQ7ZB2M5N8P6T0AC  ci               2026-11-30
key_01JDX3R4W9KQ7ZB2M5N8P6T0AD  laptop           2026-11-28
'''),
    ('decoy-template-placeholders', 'deploy/templates.txt', '''\
helm:      apiKey: {{{{ .Values.together.apiKey }}}}
jinja:     TOGETHER_API_KEY={{{{ together_api_key }}}}
ansible:   together_api_key: "{{{{ lookup('env', 'TOGETHER_API_KEY') }}}}"
terraform: TOGETHER_API_KEY = var.together_api_key
erb:       TOGETHER_API_KEY=<%= ENV['TOGETHER_API_KEY'] %>
azure:     TOGETHER_API_KEY: $(TOGETHER_API_KEY)
go:        TOGETHER_API_KEY={{{{ env "TOGETHER_API_KEY" }}}}
vault:     TOGETHER_API_KEY={{{{ with secret "kv/data/together" }}}}{{{{ .Data.data.api_key }}}}{{{{ end }}}}
powershell: $env:TOGETHER_API_KEY = $Env:TOGETHER_API_KEY_PROD
'''),
    ('decoy-together-files-checksum', 'notes/files.json', '''\
{{"object": "file", "id": "file-6f1c", "filename": "train.jsonl", "purpose": "fine-tune", "together_sha256": "{_hex}"}}
'''),
    ('decoy-pip-hash-report', 'notes/pip-report.json', '''\
{{"install": [{{"metadata": {{"name": "together", "version": "1.3.0"}}, "download_info": {{"url": "https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl", "archive_info": {{"hash": "sha256={_hex}", "hashes": {{"sha256": "{_hex}"}}}}}}}}]}}
'''),
    ('decoy-ollama-manifest-layers', 'notes/ollama-manifest.json', '''\
{{"schemaVersion": 2, "config": {{"digest": "sha256:{_hex}"}}, "layers": [{{"mediaType": "application/vnd.ollama.image.model", "digest": "sha256:{_hex2}"}}], "annotations": {{"source": "togethercomputer/RedPajama-INCITE-7B-Chat"}}}}
'''),
    ('decoy-hf-hub-etag', 'logs/hf-download.log', '''\
DEBUG huggingface_hub.file_download: HEAD https://huggingface.co/togethercomputer/RedPajama-INCITE-7B-Chat/resolve/main/model.safetensors
DEBUG huggingface_hub.file_download: x-linked-etag: "{_hex}"
'''),
    ('decoy-sha256sum-check-output', 'notes/verify-together.txt', '''\
$ sha256sum together-linux-amd64.tar.gz
{_hex}  together-linux-amd64.tar.gz
$ echo "{_hex}  together-linux-amd64.tar.gz" | sha256sum -c
together-linux-amd64.tar.gz: OK
'''),
    ('decoy-openssl-dgst', 'notes/openssl.txt', '''\
$ openssl dgst -sha256 together-model.gguf
SHA2-256(together-model.gguf)= {_hex}
'''),
    ('decoy-rekor-entry', 'notes/rekor.json', '''\
{{"body": {{"kind": "hashedrekord", "spec": {{"data": {{"hash": {{"algorithm": "sha256", "value": "{_hex}"}}}}}}}}, "subject": "together-cli-linux-amd64"}}
'''),
    ('decoy-macos-defaults-write-digest', 'scripts/macos-pin.sh', '''\
defaults write xyz.together.cli ReleaseSHA256 -string {_hex}
defaults write xyz.together.cli TogetherApiKeySHA256 -string {_hex2}
'''),
    # (the older value flags, --value, --body, --data, -w, /d, were a
    # Together key's value flag up to six lines below any Together name:
    # each was reported on 7e90913)
    ('decoy-value-flag-under-a-key-mention', 'scripts/setup-keychain.sh', '''\
echo "TOGETHER_API_KEY is read from the keychain"
setting --value {_hex}
# TOGETHER_API_KEY: see docs/keys.md
gh secret set RELEASE_SHA256 --body "{_hex2}"
'''),
    ('decoy-value-flag-after-a-pipe', 'scripts/pin.sh', '''\
printenv TOGETHER_API_KEY >/dev/null && security add-generic-password -s build-digest -w {_hex}
echo "$TOGETHER_API_KEY" | wc -c; drone secret add --name model_sha --data {_hex2}
'''),
    ('decoy-value-flag-after-a-background-amp', 'scripts/pin.sh', '''\
echo TOGETHER_API_KEY&setting --value {_hex}
curl -s "https://api.example.com/v1/pins?provider=together&model=m" & drone secret add --name model_sha --data {_hex2}
'''),
    ('decoy-reg-add-below-a-together-line', 'scripts/win.cmd', '''\
rem TOGETHER_API_KEY comes from the vault
reg add "HKCU\\Software\\Acme" /v BuildDigest /t REG_SZ /d {_hex} /f
'''),
    ('decoy-sql-dump-checksum', 'db/dump.sql', '''\
INSERT INTO artifacts (name, provider, sha256) VALUES ('llama-3-8b.gguf', 'together', '{_hex}');
'''),
)

# -- decoys: a SHA-256 repository's git ids under a heading that says so ------------------------
# (a heading of revisions, commits or pins over a name of Together's was
# no digest heading: each was reported on 7160482)

GIT_IDS = key_cases(
    ('decoy-pinned-revisions-map', 'scripts/pins.py', '''\
PINNED_REVISIONS = {{"together": "{_hex}", "vllm": "{_hex2}"}}
'''),
    ('decoy-commits-object-ts', 'scripts/bump.ts', '''\
const COMMITS = {{ together: "{_hex}" }};
'''),
    ('decoy-pins-yaml', 'deps/pins.yaml', '''\
pins:
  together: {_hex}
  openai: {_hex2}
'''),
    ('decoy-revisions-flow-map', 'deps/revs.yaml', '''\
revisions: {{together: {_hex}, vllm: {_hex2}}}
'''),
    ('decoy-submodule-commits-json', 'deps/submodules.json', '''\
{{"submodule_commits": {{"together": "{_hex}"}}}}
'''),
    ('decoy-sha-map-python', 'tools/shas.py', '''\
UPSTREAM_SHAS = {{
    "together": "{_hex}",
}}
'''),
    # still a key: a word holding one of them is no heading of them
    ('previous-together-key-map', 'config/keys.py', '''\
PREVIOUS_KEYS = {{"together": "{hex}"}}
'''),
)

# -- a Together key's own object with git-id metadata beside it (rf_probe13) --------------------
# (a field of its own named ``revision``, ``last_commit``, ``pin``, ``sha``
# is the credential's metadata: after GIT_IDS's fix it vetoed the key as a
# digest heading does; a heading over the values still does)

KEY_METADATA = key_cases(
    ('credentials-json-revision', 'config/credentials.json', '''\
{{
  "together": {{"api_key": "{hex}", "revision": 3}},
  "updated": "2026-11-30"
}}
'''),
    ('provider-config-last-commit', 'config/providers.json', '''\
{{"together": {{"api_key": "{hex}", "last_commit": "9f3c2e1", "rotated_by": "ops"}}}}
'''),
    ('provider-config-pin', 'config/llm.json', '''\
{{"providers": {{"together": {{"key": "{hex}", "pin": true, "sha": "stable"}}}}}}
'''),
    ('python-settings-revision', 'app/settings.py', '''\
TOGETHER = {{"api_key": "{hex}", "revision": 2, "oid": "prod"}}
'''),
    ('secrets-export-version-revision', 'ops/secrets-export.json', '''\
[{{"name": "together_api_key", "value": "{hex}", "version": 4, "revision": "2026-05-01", "commit": "a1b2c3d"}}]
'''),
    ('vault-kv2-read-metadata', 'ops/vault-read.json', '''\
{{"request_id": "0f1e", "data": {{"data": {{"together_api_key": "{hex}"}}, "metadata": {{"created_time": "2026-01-01T00:00:00Z", "version": 3, "destroyed": false}}}}}}
'''),
    ('config-model-revision-commit', 'config/app.yaml', '''\
llm:
  provider: together
  together_api_key: {hex}
  model_revision: main
  commit: 1f2e3d4
'''),
    # decoys: git ids whose own field, or whose heading, says they are ids
    ('decoy-lock-revision-pinned', 'deps/lock.json', '''\
{{"together": {{"revision": "{_hex}", "pinned": true}}}}
'''),
    ('decoy-submodule-commit-block', 'deps/submodules.yaml', '''\
submodules:
  together:
    commit: {_hex}
    path: vendor/together
'''),
    ('decoy-flake-lock-rev', 'flake.lock', '''\
{{"nodes": {{"together": {{"locked": {{"owner": "togethercomputer", "repo": "together-python", "rev": "{_hex}", "type": "github"}}}}}}}}
'''),
)

CASES = GIT_IDS + KEY_METADATA + DEPLOY + ML + RUNNERS + APPS + CLIENTS + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
