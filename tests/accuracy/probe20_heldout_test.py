"""A twentieth held-out probe (session 24): base64-encoded files first,
then legacy keys in formats the earlier sets wrote none of.  Keys inside
whole files base64'd as real tools write them: a Kubernetes Secret's
``data:`` holding a whole ``config.json``, ``openssl base64`` (64
columns), ``uuencode -m`` (``begin-base64``), cloud-init's
``encoding: b64``, Terraform state's ``content_base64``, an Ignition
config's ``data:;base64,`` source, a ``.eml`` with a ``config.json``
attached, a HAR's ``Authorization: Basic`` header, a Windows scheduled
task's ``-EncodedCommand`` (UTF-16LE), a plist ``<data>`` block (tab
indented), YAML's ``!!binary |`` (space indented), a Helm value that is one base64'd key, a Dockerfile's
``echo ... | base64 -d``.  Legacy keys (64 lowercase hex) in Stata,
SAS (``%let``, ``options set=``), uWSGI's ``env =``, Dart's
``String.fromEnvironment`` default, Ruby's ``||=``, Python's
``environ.get(...) or``, a KeePass 2 XML export, a semicolon Excel CSV
(``sep=;``), 1Password's ``API_CREDENTIAL`` JSON, a Bitwarden item's
custom fields, a .NET ``<add key= value=>``, a Java properties line
continuation, a LiteLLM ``Router`` with a ``together_ai/`` model, the
Vercel AI SDK's ``createOpenAI`` pointed at Together, ``set -x`` traces
in a CI log, Terraform's ``variable`` default.  Decoys: SHA-256s in
lockfiles and SBOMs (CycloneDX XML, SPDX tag-value, ``.terraform.lock.hcl``
``zh:`` hashes, ``uv.lock``, ``Cargo.lock``, ``Gemfile.lock``'s
``CHECKSUMS``, ``requirements.txt`` ``--hash``), BSD ``shasum``
output, a SHA-256 git log whose message names the key, buildkit's
layer lines, webhook signatures, an HMAC test vector, a digest held
base64 in a Secret, sealed (encrypted) values, placeholders,
``${{ secrets.TOGETHER_API_KEY }}``, ``key_...`` ids.  Written before
any fix (but ``yaml-binary-tag-env`` and ``decoy-plist-data-checksums``,
written with the fix for ``plist-data-env``); what the cb5919d code
missed is in ``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the twentieth held-out set").
"""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made


def _b64(data: bytes | str) -> str:
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def _wrap(value: str, width: int, indent: str = '', sep: str = '\n') -> str:
    return sep.join(indent + value[i:i + width] for i in range(0, len(value), width))


def _env(key: str) -> str:
    return f'MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'


# -- keys inside base64-encoded files and values ------------------------------------------------

def _k8s_secret_config_json(m: Made):
    # ``kubectl create secret generic --from-file=config.json -o yaml``:
    # a whole JSON config, one base64 value, its legacy key under a
    # provider block
    key = m.hex()
    cfg = json.dumps({'providers': {'together': {'api_key': key, 'base_url': 'https://api.together.xyz/v1'}},
                      'default_model': 'meta-llama/Llama-3.3-70B-Instruct-Turbo'}, indent=2)
    value = _b64(cfg + '\n')
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-config\n  namespace: chat\ntype: Opaque\n'
            f'data:\n  config.json: {value}\n')
    return text, [(line_of(text, value), key)]


def _openssl_base64_env(m: Made):
    # ``openssl base64 -in .env`` wraps at 64 columns (not base64's 76)
    key = m.key()
    body = _wrap(_b64(_env(key)), 64)
    text = 'Restore the staging env with:\n\n```\nopenssl base64 -d > .env <<EOF\n' + body + '\nEOF\n```\n'
    at = _env(key).index(key) // 3 * 4
    return text, [(line_of(text, body[:64]) + at // 65, key)]


def _uuencode_m_env(m: Made):
    # ``uuencode -m .env .env``: base64 between ``begin-base64`` and ``====``
    key = m.hex()
    body = _wrap(_b64(_env(key)), 60)
    text = 'begin-base64 644 .env\n' + body + '\n====\n'
    at = _env(key).index(key) // 3 * 4
    return text, [(2 + at // 60, key)]


def _cloud_init_write_files(m: Made):
    key = m.hex()
    value = _b64(_env(key))
    text = ('#cloud-config\npackages: [python3-pip]\nwrite_files:\n  - path: /etc/chat/.env\n'
            f"    permissions: '0600'\n    encoding: b64\n    content: {value}\n"
            'runcmd:\n  - systemctl restart chat\n')
    return text, [(line_of(text, value), key)]


def _tfstate_content_base64(m: Made):
    key = m.key()
    value = _b64(_env(key))
    state = {'version': 4, 'terraform_version': '1.9.8', 'resources': [{
        'mode': 'managed', 'type': 'local_sensitive_file', 'name': 'dotenv',
        'instances': [{'attributes': {'filename': './.env', 'content_base64': value,
                                      'file_permission': '0600'}}]}]}
    text = json.dumps(state, indent=2) + '\n'
    return text, [(line_of(text, value), key)]


def _ignition_data_url(m: Made):
    key = m.hex()
    value = _b64(_env(key))
    cfg = {'ignition': {'version': '3.4.0'}, 'storage': {'files': [{
        'path': '/etc/chat/chat.env', 'mode': 384,
        'contents': {'source': 'data:;base64,' + value}}]}}
    text = json.dumps(cfg) + '\n'
    return text, [(1, key)]


def _eml_config_json(m: Made):
    key = m.hex()
    cfg = json.dumps({'together': {'apiKey': key, 'model': 'meta-llama/Llama-3.3-70B-Instruct-Turbo'}}, indent=2)
    body = _wrap(_b64(cfg + '\n'), 76, sep='\r\n')
    text = ('From: ops@example.com\r\nTo: dev@example.com\r\nSubject: chat config\r\nMIME-Version: 1.0\r\n'
            'Content-Type: multipart/mixed; boundary="b2"\r\n\r\n--b2\r\nContent-Type: text/plain\r\n\r\n'
            'config attached\r\n--b2\r\nContent-Type: application/json; name="config.json"\r\n'
            'Content-Disposition: attachment; filename="config.json"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + body + '\r\n--b2--\r\n')
    at = (cfg + '\n').index(key) // 3 * 4
    return text, [(line_of(text, body[:76]) + at // 76, key)]


def _har_basic_auth(m: Made):
    # a browser's HAR: Basic auth whose password is the key
    key = m.key()
    value = _b64('apikey:' + key)
    har = {'log': {'version': '1.2', 'entries': [{'request': {
        'method': 'GET', 'url': 'https://api.together.xyz/v1/models',
        'headers': [{'name': 'Accept', 'value': 'application/json'},
                    {'name': 'Authorization', 'value': 'Basic ' + value}]}}]}}
    text = json.dumps(har, indent=1) + '\n'
    return text, [(line_of(text, value), key)]


def _schtasks_encoded_command(m: Made):
    # a scheduled task's XML: ``-EncodedCommand`` is base64 of UTF-16LE
    key = m.key()
    script = f"[Environment]::SetEnvironmentVariable('TOGETHER_API_KEY', '{key}', 'User')"
    value = _b64(script.encode('utf-16-le'))
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
            '  <Actions Context="Author">\n    <Exec>\n      <Command>powershell.exe</Command>\n'
            f'      <Arguments>-NoProfile -EncodedCommand {value}</Arguments>\n    </Exec>\n  </Actions>\n</Task>\n')
    return text, [(line_of(text, value), key)]


def _plist_data_env(m: Made):
    # a plist ``<data>`` element: base64 in tab-indented lines
    key = m.hex()
    body = _wrap(_b64(_env(key)), 68, indent='\t')
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
            '\t<key>EnvironmentFile</key>\n\t<data>\n' + body + '\n\t</data>\n</dict>\n</plist>\n')
    at = _env(key).index(key) // 3 * 4
    return text, [(6 + at // 68, key)]


def _yaml_binary_env(m: Made):
    # YAML's ``!!binary |``: base64 in 76-column lines, indented by spaces
    # (its name's form cut by a line break: ``TOGETHER`` at columns 69-80)
    key = m.hex()
    env = f'MODEL=meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo\nTOGETHER_API_KEY={key}\n'
    body = _wrap(_b64(env), 76, indent='      ')
    text = '- name: write .env\n  copy:\n    dest: /etc/chat/.env\n    content: !!binary |\n' + body + '\n'
    at = env.index(key) // 3 * 4
    return text, [(5 + at // 76, key)]


def _plist_data_digest(m: Made):
    # a tab-indented plist ``<data>`` block of a checksum file: no key
    body = _wrap(_b64(f'{m.hex()}  together-cli-darwin-arm64.tar.gz\n{m.hex()}  together-cli-linux-amd64.tar.gz\n'), 68, indent='\t')
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
            '\t<key>TogetherReleaseChecksums</key>\n\t<data>\n' + body + '\n\t</data>\n</dict>\n</plist>\n')
    return text, []


def _helm_value_b64(m: Made):
    # a chart whose template writes the value into a Secret's ``data:``
    # as is: the user base64s the key itself
    key, key2 = m.hex(), m.key()
    v1, v2 = _b64(key), _b64(key2)
    text = ('together:\n  secret:\n    # base64, written into data: as is\n'
            f'    apiKey: {v1}\n  fallback:\n    apiKey: "{v2}"\n')
    return text, [(line_of(text, v1), key), (line_of(text, v2), key2)]


def _dockerfile_echo_b64(m: Made):
    key = m.hex()
    value = _b64(_env(key))
    text = f"FROM python:3.12-slim\nWORKDIR /app\nRUN echo '{value}' | base64 -d > /app/.env\nCMD [\"python\", \"-m\", \"app\"]\n"
    return text, [(3, key)]


def _creds_json_b64_workflow(m: Made):
    # ``base64 -w0 credentials.json`` pasted into a workflow's env
    key = m.hex()
    value = _b64(json.dumps({'type': 'together', 'api_key': key, 'base_url': 'https://api.together.xyz/v1'}))
    text = ('name: eval\non: push\njobs:\n  eval:\n    runs-on: ubuntu-latest\n    env:\n'
            f'      CREDENTIALS_JSON_B64: {value}\n    steps:\n      - run: echo "$CREDENTIALS_JSON_B64" | base64 -d > creds.json\n')
    return text, [(line_of(text, value), key)]


ENCODED = [
    Case('k8s-secret-data-config-json', 'k8s/live/llm-config.yaml', _k8s_secret_config_json),
    Case('openssl-base64-64-columns', 'docs/restore.md', _openssl_base64_env),
    Case('uuencode-m-begin-base64', 'backup/env.b64', _uuencode_m_env),
    Case('cloud-init-write-files-b64', 'deploy/user-data.yaml', _cloud_init_write_files),
    Case('tfstate-content-base64', 'infra/terraform.tfstate', _tfstate_content_base64),
    Case('ignition-data-url', 'deploy/chat.ign', _ignition_data_url),
    Case('eml-config-json-attachment', 'mail/config.eml', _eml_config_json),
    Case('har-basic-auth', 'notes/session.har', _har_basic_auth),
    Case('schtasks-encoded-command', 'ops/ChatEnv.xml', _schtasks_encoded_command),
    Case('plist-data-env', 'ops/com.acme.chat.plist', _plist_data_env),
    Case('yaml-binary-tag-env', 'ansible/tasks/env.yml', _yaml_binary_env),
    Case('helm-value-base64-key', 'charts/chat/values.yaml', _helm_value_b64),
    Case('dockerfile-echo-base64-d', 'Dockerfile', _dockerfile_echo_b64),
    Case('workflow-credentials-json-b64', '.github/workflows/eval.yml', _creds_json_b64_workflow),
]

# -- legacy keys in statistics, web servers and languages --------------------------------------

LEGACY = key_cases(
    ('stata-global', 'analysis/setup.do', '''\
* read once per session
global TOGETHER_API_KEY "{hex}"
shell curl -s -H "Authorization: Bearer $TOGETHER_API_KEY" https://api.together.xyz/v1/models
'''),
    ('sas-let-and-options-set', 'analysis/setup.sas', '''\
%let together_api_key = {hex};
options set=TOGETHER_API_KEY "{hex2}";
'''),
    ('uwsgi-ini-env', 'deploy/uwsgi.ini', '''\
[uwsgi]
module = app:application
master = true
env = TOGETHER_API_KEY={hex}
env = LOG_LEVEL=info
'''),
    ('dart-from-environment-default', 'lib/config.dart', '''\
const togetherApiKey = String.fromEnvironment(
  'TOGETHER_API_KEY',
  defaultValue: '{hex}',
);
'''),
    ('ruby-env-or-assign', 'config/initializers/together.rb', '''\
ENV['TOGETHER_API_KEY'] ||= '{hex}'
'''),
    ('python-environ-get-or', 'app/llm.py', '''\
import os

api_key = os.environ.get("TOGETHER_API_KEY") or "{hex}"
'''),
    ('keepass-xml-export', 'backup/keepass.xml', '''\
<KeePassFile>
  <Root>
    <Group>
      <Name>API</Name>
      <Entry>
        <String><Key>Title</Key><Value>Together AI</Value></String>
        <String><Key>UserName</Key><Value>ops@acme.dev</Value></String>
        <String><Key>Password</Key><Value ProtectInMemory="True">{hex}</Value></String>
        <String><Key>URL</Key><Value>https://api.together.xyz</Value></String>
      </Entry>
    </Group>
  </Root>
</KeePassFile>
'''),
    ('excel-csv-semicolon', 'exports/keys.csv', '''\
sep=;
"Service";"API Key";"Endpoint"
"Together AI";"{hex}";"https://api.together.xyz/v1"
"Internal";"n/a";"https://llm.acme.dev"
'''),
    ('onepassword-api-credential-json', 'notes/op-item.json', '''\
{{
  "id": "q4xv7ymx3dze3kz4w2eq6s6wdy",
  "title": "Together AI",
  "category": "API_CREDENTIAL",
  "fields": [
    {{"id": "username", "type": "STRING", "label": "username", "value": "ops"}},
    {{"id": "credential", "type": "CONCEALED", "label": "credential", "value": "{hex}"}},
    {{"id": "hostname", "type": "STRING", "label": "hostname", "value": "api.together.xyz"}}
  ]
}}
'''),
    ('bitwarden-custom-fields', 'notes/bw-item.json', '''\
{{"object": "item", "name": "LLM providers", "type": 2, "fields": [{{"name": "OPENAI_ORG", "value": "org-acme", "type": 0}}, {{"name": "TOGETHER_API_KEY", "value": "{hex}", "type": 1}}]}}
'''),
    ('dotnet-app-config-add-key', 'App.config', '''\
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="TogetherApiKey" value="{hex}" />
    <add key="TogetherModel" value="meta-llama/Llama-3.3-70B-Instruct-Turbo" />
  </appSettings>
</configuration>
'''),
    ('java-properties-continuation', 'src/main/resources/application.properties', '''\
together.base-url=https://api.together.xyz/v1
together.api-key=\\
    {hex}
'''),
    ('litellm-router-together-ai-model', 'app/router.py', '''\
from litellm import Router

router = Router(model_list=[
    {{"model_name": "llama", "litellm_params": {{"model": "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "api_key": "{hex}"}}}},
])
'''),
    ('vercel-ai-sdk-create-openai', 'src/llm.ts', '''\
import {{ createOpenAI }} from '@ai-sdk/openai';

export const together = createOpenAI({{
  baseURL: 'https://api.together.xyz/v1',
  apiKey: '{hex}',
}});
'''),
    ('ci-log-set-x-trace', 'logs/build.log', '''\
+ cd /builds/acme/chat
+ export TOGETHER_API_KEY={hex}
+ TOGETHER_API_KEY={hex2}
++ python -c 'import together; print(together.__version__)'
'''),
    ('terraform-variable-default', 'infra/variables.tf', '''\
variable "together_api_key" {{
  type      = string
  sensitive = true
  default   = "{hex}"
}}
'''),
)

# -- environment dumps in CI logs and shells -----------------------------------------------------

DUMPS = key_cases(
    ('systemd-run-setenv', 'scripts/run-chat.sh', '''\
systemd-run --user --unit=chat --setenv=TOGETHER_API_KEY={hex} --setenv=LOG_LEVEL=info python -m app
'''),
    ('bash-export-p-dump', 'logs/env-dump.txt', '''\
$ export -p
declare -x HOME="/home/runner"
declare -x LANG="C.UTF-8"
declare -x TOGETHER_API_KEY="{hex}"
declare -x TOGETHER_BASE_URL="https://api.together.xyz/v1"
'''),
    ('powershell-get-childitem-env', 'logs/win-env.txt', '''\
PS C:\\src> Get-ChildItem env: | Format-Table -AutoSize

Name                           Value
----                           -----
PROCESSOR_ARCHITECTURE         AMD64
TOGETHER_API_KEY               {hex}
USERNAME                       runneradmin
'''),
    ('docker-inspect-config-env', 'notes/inspect-chat.json', '''\
[{{"Id": "4b8c", "Config": {{"Hostname": "chat", "Env": ["PATH=/usr/local/bin:/usr/bin", "TOGETHER_API_KEY={key}", "PYTHONUNBUFFERED=1"]}}}}]
'''),
    ('k8s-pod-env-value', 'k8s/live/pod-chat.yaml', '''\
spec:
  containers:
  - name: chat
    env:
    - name: LOG_LEVEL
      value: info
    - name: TOGETHER_API_KEY
      value: {hex}
'''),
)

# -- current keys in the same places ------------------------------------------------------------

CURRENT = key_cases(
    ('stata-local-key', 'analysis/chat.do', '''\
local key "{key}"
'''),
    ('uwsgi-yaml-env', 'deploy/uwsgi.yaml', '''\
uwsgi:
  env:
    - TOGETHER_API_KEY={key}
'''),
    ('keepass-csv-export', 'backup/keepass.csv', '''\
"Group","Title","Username","Password","URL","Notes"
"Root","Together AI","ops","{key}","https://api.together.xyz",""
'''),
    ('excel-csv-key-split-cell', 'exports/keys2.csv', '''\
"name","value"
"together","{key}"
'''),
)

# -- decoys -------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-cyclonedx-xml-hash', 'sbom/bom.xml', '''\
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library">
      <name>together</name>
      <version>1.3.0</version>
      <hashes>
        <hash alg="SHA-256">{_hex}</hash>
      </hashes>
      <purl>pkg:pypi/together@1.3.0</purl>
    </component>
  </components>
</bom>
'''),
    ('decoy-spdx-tag-value', 'sbom/together.spdx', '''\
PackageName: together
SPDXID: SPDXRef-Package-together
PackageVersion: 1.3.0
PackageChecksum: SHA256: {_hex}
PackageDownloadLocation: https://pypi.org/project/together/
'''),
    ('decoy-terraform-lock-zh-hashes', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.2.1"
  hashes = [
    "h1:Q2xhdWRlIGlzIG5vdCBhIGtleSwganVzdCBhIGRlY295IQ=",
    "zh:{_hex}",
    "zh:{_hex2}",
  ]
}}
'''),
    ('decoy-uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.0"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.0.tar.gz", hash = "sha256:{_hex}", size = 60321 }}
wheels = [
    {{ url = "https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl", hash = "sha256:{_hex2}", size = 70211 }},
]
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-gemfile-lock-checksums', 'Gemfile.lock', '''\
GEM
  remote: https://rubygems.org/
  specs:
    together-ai (0.2.0)

CHECKSUMS
  together-ai (0.2.0) sha256={_hex}
'''),
    ('decoy-requirements-hashes', 'requirements.txt', '''\
together==1.3.0 \\
    --hash=sha256:{_hex} \\
    --hash=sha256:{_hex2}
'''),
    ('decoy-bsd-shasum', 'notes/checksums.txt', '''\
SHA256 (together-cli-darwin-arm64.tar.gz) = {_hex}
SHA256 (together-cli-linux-amd64.tar.gz) = {_hex2}
'''),
    ('decoy-sha256-git-log-message', 'notes/gitlog.txt', '''\
commit {_hex}
Author: Ops <ops@acme.dev>
Date:   Mon Nov 30 10:00:00 2026 +0000

    together: rotate TOGETHER_API_KEY in the deploy secrets

commit {_hex2}
Author: Ops <ops@acme.dev>
'''),
    ('decoy-gitlab-log-checkout', 'logs/gitlab-job.log', '''\
Running with gitlab-runner 17.5.0 on together-eval-runner
Fetching changes with git depth set to 20...
Checking out {_hex} as detached HEAD (ref is main)...
$ echo "TOGETHER_API_KEY is masked"
'''),
    ('decoy-buildkit-layer-lines', 'logs/docker-build.log', '''\
#5 [together-api 2/4] RUN pip install together==1.3.0
#6 sha256:{_hex} 12.58MB / 12.58MB 0.4s done
#7 writing image sha256:{_hex2} done
#7 naming to ghcr.io/acme/together-api:dev done
'''),
    ('decoy-webhook-signature-log', 'logs/webhooks.log', '''\
POST /hooks/together 200 X-Together-Signature: sha256={_hex}
POST /hooks/together 200 X-Together-Signature: t=1764496800,v1={_hex2}
'''),
    ('decoy-hmac-test-vector', 'tests/test_webhook.py', '''\
def test_signature():
    secret = b"together-test-secret"
    body = b'{{"event": "fine_tune.completed"}}'
    assert sign(secret, body) == "{_hex}"
'''),
    ('decoy-sealed-secret', 'k8s/sealed/together.yaml', '''\
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: together
spec:
  encryptedData:
    TOGETHER_API_KEY: {_b64}
'''),
    ('decoy-gha-secrets-expression', '.github/workflows/chat.yml', '''\
jobs:
  chat:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
      TOGETHER_API_KEY_B64: ${{{{ secrets.TOGETHER_API_KEY_B64 }}}}
'''),
    ('decoy-key-ids', 'notes/keys.yaml', '''\
provider: together
data:
  - id: key_01JE4X9Q2W7R5T8Y3U6I1O0PAS
    name: ci
  - id: key_01JE4X9Q2W7R5T8Y3U6I1O0PAT
    name: laptop
'''),
    ('decoy-placeholders-stata-sas', 'analysis/template.do', '''\
global TOGETHER_API_KEY "<your-together-api-key>"
%let together_api_key = YOUR_TOGETHER_API_KEY_HERE;
env = TOGETHER_API_KEY=changeme
'''),
    ('decoy-keepass-xml-digest', 'backup/keepass-attach.xml', '''\
<Entry>
  <String><Key>Title</Key><Value>Together AI release</Value></String>
  <String><Key>SHA256</Key><Value>{_hex}</Value></String>
</Entry>
'''),
    ('decoy-dotnet-app-config-checksum', 'Web.config', '''\
<appSettings>
  <add key="TogetherModelSha256" value="{_hex}" />
  <add key="TogetherApiKey" value="%TOGETHER_API_KEY%" />
</appSettings>
'''),
    ('decoy-excel-csv-checksums', 'exports/artifacts.csv', '''\
sep=;
"Artifact";"SHA-256";"Provider"
"llama-3-8b.gguf";"{_hex}";"Together AI"
'''),
    ('decoy-docker-compose-digest', 'compose.yaml', '''\
services:
  together-proxy:
    image: ghcr.io/togethercomputer/proxy@sha256:{_hex}
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY:?set it}}
'''),
    ('decoy-in-toto-subject', 'attest/provenance.json', '''\
{{"_type": "https://in-toto.io/Statement/v1", "subject": [{{"name": "together-cli-linux-amd64", "digest": {{"sha256": "{_hex}"}}}}], "predicateType": "https://slsa.dev/provenance/v1"}}
'''),
    ('decoy-model-cache-path', 'logs/cache.log', '''\
INFO loading together model from /home/ops/.cache/together/blobs/{_hex}/model.safetensors
'''),
    ('decoy-ruby-env-fetch-default', 'config/initializers/together_default.rb', '''\
ENV['TOGETHER_API_KEY'] ||= ENV.fetch('TOGETHER_KEY', nil)
TOGETHER_MODEL_DIGEST = '{_hex}'
'''),
)


def _secret_digest_b64(m: Made):
    # a digest (64 hex and a newline) kept base64 in a Secret named for Together
    value = _b64(m.hex() + '\n')
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-model-pin\n'
            f'data:\n  model.sha256: {value}\n')
    return text, []


def _cloud_init_digest_b64(m: Made):
    value = _b64(m.hex() + '  together-cli.tar.gz\n')
    text = ('#cloud-config\nwrite_files:\n  - path: /etc/chat/together.sha256\n'
            f'    encoding: b64\n    content: {value}\n')
    return text, []


ENCODED_DECOYS = [
    Case('decoy-secret-data-digest-b64', 'k8s/live/model-pin.yaml', _secret_digest_b64),
    Case('decoy-cloud-init-b64-digest', 'deploy/user-data2.yaml', _cloud_init_digest_b64),
    Case('decoy-plist-data-checksums', 'ops/com.acme.release.plist', _plist_data_digest),
]


CASES = ENCODED + LEGACY + DUMPS + CURRENT + DECOYS + ENCODED_DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'yaml-binary-tag-env': "a wrapped base64 block indented by spaces (YAML's `!!binary |`) whose keyword's form a line break cuts: prefilter.wrapped_block's head test counts a tab as a block byte, not a space (every line of prose would run on), so the block is not told and no cut form is a needle; reading a line break and its spaces as one would be another pass over every file's head (not measured); the same block tab-indented (plist-data-env) is found",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 25, (keys, decoys)
