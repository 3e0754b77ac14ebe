"""A twenty-fifth held-out probe (session 28), legacy keys only: 64
lowercase hex characters as they leak in what tools PRINT and EXPORT,
not in source code: ``env``, ``printenv``, ``export -p``/``declare -x``
and bash's ``set`` dumps, fish's ``set --show``, ``ps eww``,
``systemctl show``, ``docker inspect``'s ``Env`` array (pretty and as
one JSON line), ``kubectl describe pod`` and ``get -o yaml`` (a pod's
``env``, a Secret's last-applied ``stringData``), ``heroku config``,
``fly`` and ``vercel env pull``, ``doppler secrets download`` (JSON and
env), ``infisical export`` (JSON), ``aws secretsmanager
get-secret-value`` (a ``SecretString`` holding escaped JSON), ``vault kv
get`` (JSON and its table), ``terraform output -json``, ``etcdctl get``,
Redis ``MONITOR``, 1Password's CSV and Bitwarden's JSON exports, CSV and
TSV with a header row, SQL ``INSERT``, a notebook's output cell printing
``os.environ``, a pytest failure's repr, Python/Node/irb REPL echoes, a
Markdown table, ``curl -v``, HTTPie, a HAR entry, an httpx debug log,
JSON and logfmt logs, an Actions log, ``.netrc``, a git credential
store, PowerShell's ``Get-ChildItem env:``.  Decoys of the same shapes:
other providers' rows and entries, SHA-256s in the same dumps
(``IMAGE_DIGEST``, ``GIT_COMMIT_SHA256``, image ids, ETags, checksum
columns), a REPL printing the key's own SHA-256, redacted values and
placeholders.  Written before any fix; what 859dedc2 missed is in
``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the twenty-fifth legacy held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

SOURCE = key_cases(
    ('env-dump-named', 'debug/env.txt', '''\
SHELL=/bin/bash
HOSTNAME=chat-7d9f8b6c5-x2kqp
TOGETHER_API_KEY={hex}
PYTHONUNBUFFERED=1
PATH=/usr/local/bin:/usr/bin:/bin
'''),
    ('env-dump-generic-endpoint', 'debug/printenv.txt', '''\
HOME=/root
LANG=C.UTF-8
OPENAI_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
OPENAI_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo
PWD=/app
'''),
    ('export-p-sorted', 'debug/export-p.txt', '''\
declare -x HOME="/home/dev"
declare -x LLM_API_KEY="{hex}"
declare -x LLM_BASE_URL="https://api.together.xyz/v1"
declare -x LLM_MODEL="mistralai/Mixtral-8x7B-Instruct-v0.1"
declare -x OLDPWD
declare -x PATH="/usr/local/bin:/usr/bin"
'''),
    ('declare-x-named', 'ci/env-before.log', '''\
declare -x CI="true"
declare -x GITHUB_REF="refs/heads/main"
declare -x TOGETHER_API_KEY="{hex}"
declare -x RUNNER_OS="Linux"
'''),
    ('bash-set-output', 'debug/set.txt', '''\
BASH=/usr/bin/bash
BASHOPTS=checkwinsize:cmdhist:complete_fullquote:expand_aliases
BASH_VERSINFO=([0]="5" [1]="2" [2]="21" [3]="1" [4]="release" [5]="x86_64-pc-linux-gnu")
COLUMNS=120
LLM_API_KEY={hex}
LLM_PROVIDER=together
PS1='\\u@\\h:\\w\\$ '
_=clear
'''),
    ('fish-set-show', 'debug/fish-set-show.txt', '''\
$TOGETHER_API_KEY: set in global scope, exported, with 1 elements
$TOGETHER_API_KEY[1]: |{hex}|
'''),
    ('ps-eww-environment', 'debug/ps.txt', '''\
    PID TTY      STAT   TIME COMMAND
   4121 pts/0    Sl+    0:02 python serve.py HOSTNAME=worker-3 TOGETHER_API_KEY={hex} PATH=/usr/bin
'''),
    ('systemctl-show-named', 'debug/systemctl-show.txt', '''\
Id=llm-gateway.service
Environment=LOG_LEVEL=info TOGETHER_API_KEY={hex} PORT=8080
ExecMainPID=913
'''),
    ('docker-inspect-env-pretty', 'debug/docker-inspect.json', '''\
[
    {{
        "Id": "chat-1",
        "Config": {{
            "Hostname": "chat-1",
            "Env": [
                "LLM_PROVIDER=together",
                "LLM_API_KEY={hex}",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
            ],
            "Cmd": ["python", "serve.py"]
        }}
    }}
]
'''),
    ('docker-inspect-env-one-line', 'debug/env.json', '''\
["PATH=/usr/local/bin:/usr/bin","TOGETHER_API_KEY={hex}","LANG=C.UTF-8"]
'''),
    ('kubectl-describe-pod', 'debug/describe-pod.txt', '''\
Name:             chat-7d9f8b6c5-x2kqp
Namespace:        prod
Containers:
  chat:
    Image:          ghcr.io/acme/chat:1.4.2
    Port:           8080/TCP
    Environment:
      LLM_BASE_URL:  https://api.together.xyz/v1
      LLM_API_KEY:   {hex}
      LOG_LEVEL:     info
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)
'''),
    ('kubectl-get-pod-yaml-env', 'debug/pod.yaml', '''\
apiVersion: v1
kind: Pod
metadata:
  name: chat-7d9f8b6c5-x2kqp
spec:
  containers:
  - env:
    - name: TOGETHER_API_KEY
      value: {hex}
    - name: LOG_LEVEL
      value: info
    image: ghcr.io/acme/chat:1.4.2
    name: chat
'''),
    ('kubectl-secret-last-applied', 'debug/secret.yaml', '''\
apiVersion: v1
data:
  api-key: KioqKg==
kind: Secret
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {{"apiVersion":"v1","kind":"Secret","metadata":{{"annotations":{{}},"name":"together-credentials","namespace":"prod"}},"stringData":{{"api-key":"{hex}"}},"type":"Opaque"}}
  name: together-credentials
  namespace: prod
type: Opaque
'''),
    ('heroku-config', 'debug/heroku-config.txt', '''\
=== acme-chat Config Vars
DATABASE_URL:     postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1
TOGETHER_API_KEY: {hex}
WEB_CONCURRENCY:  2
'''),
    ('heroku-config-json', 'debug/heroku-config.json', '''\
{{
  "LLM_PROVIDER": "together",
  "LLM_API_KEY": "{hex}",
  "WEB_CONCURRENCY": "2"
}}
'''),
    ('fly-ssh-env', 'debug/fly-env.txt', '''\
FLY_APP_NAME=acme-chat
FLY_REGION=ams
TOGETHER_API_KEY={hex}
PRIMARY_REGION=ams
'''),
    ('vercel-env-pull', 'web/.env.local', '''\
# Created by Vercel CLI
NX_DAEMON="false"
TOGETHER_API_KEY="{hex}"
TURBO_REMOTE_ONLY="true"
VERCEL="1"
'''),
    ('doppler-download-json', 'debug/doppler.json', '''\
{{"DOPPLER_CONFIG":"prd","DOPPLER_ENVIRONMENT":"prd","DOPPLER_PROJECT":"chat","TOGETHER_API_KEY":"{hex}"}}
'''),
    ('doppler-download-env-generic', 'debug/doppler.env', '''\
DOPPLER_CONFIG="prd"
DOPPLER_PROJECT="chat"
LLM_API_KEY="{hex}"
LLM_BASE_URL="https://api.together.xyz/v1"
'''),
    ('infisical-export-json', 'debug/infisical.json', '''\
[
  {{
    "key": "TOGETHER_API_KEY",
    "workspace": "chat-prod",
    "value": "{hex}",
    "type": "shared"
  }},
  {{
    "key": "LOG_LEVEL",
    "workspace": "chat-prod",
    "value": "info",
    "type": "shared"
  }}
]
'''),
    ('aws-secret-escaped-json-provider', 'debug/get-secret-value.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm-AbCdEf",
    "Name": "prod/llm",
    "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    "SecretString": "{{\\"provider\\":\\"together\\",\\"api_key\\":\\"{hex}\\"}}",
    "VersionStages": [
        "AWSCURRENT"
    ],
    "CreatedDate": "2024-05-01T10:00:00.000000+00:00"
}}
'''),
    ('aws-secret-escaped-json-named', 'debug/secret-together.json', '''\
{{
    "Name": "prod/chat",
    "SecretString": "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\",\\"LOG_LEVEL\\":\\"info\\"}}",
    "VersionStages": ["AWSCURRENT"]
}}
'''),
    ('vault-kv-get-json', 'debug/vault.json', '''\
{{
  "request_id": "2d7e4b1c-0000-4000-8000-000000000000",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": {{
    "data": {{
      "api_key": "{hex}",
      "provider": "together"
    }},
    "metadata": {{
      "created_time": "2024-05-01T10:00:00.000Z",
      "version": 3
    }}
  }}
}}
'''),
    ('vault-kv-get-table', 'debug/vault.txt', '''\
======= Secret Path =======
secret/data/llm/together

======= Metadata =======
Key                Value
---                -----
created_time       2024-05-01T10:00:00.000Z
version            3

===== Data =====
Key        Value
---        -----
api_key    {hex}
'''),
    ('terraform-output-json', 'debug/tf-output.json', '''\
{{
  "together_api_key": {{
    "sensitive": true,
    "type": "string",
    "value": "{hex}"
  }}
}}
'''),
    ('etcdctl-get', 'debug/etcd.txt', '''\
/config/together/api_key
{hex}
'''),
    ('redis-monitor', 'debug/redis-monitor.log', '''\
OK
1714557600.123456 [0 10.0.0.7:51234] "SET" "together:api_key" "{hex}"
1714557600.223456 [0 10.0.0.7:51234] "GET" "together:model"
'''),
    ('onepassword-csv', 'exports/1password.csv', '''\
Title,Website,Username,Password,One-time password,Favorite status,Archived status,Tags,Notes
GitHub,https://github.com,dev@acme.io,correct-horse-battery,,false,false,,
Together AI,https://api.together.xyz,dev@acme.io,{hex},,false,false,llm,
'''),
    ('bitwarden-json', 'exports/bitwarden.json', '''\
{{
  "encrypted": false,
  "items": [
    {{
      "id": "0f6d2f8e-1c5a-4b7e-9d3a-000000000001",
      "type": 1,
      "name": "Together AI",
      "notes": null,
      "login": {{
        "uris": [{{"match": null, "uri": "https://api.together.xyz"}}],
        "username": "dev@acme.io",
        "password": "{hex}",
        "totp": null
      }}
    }}
  ]
}}
'''),
    ('csv-provider-header', 'exports/keys.csv', '''\
provider,api_key,created_at
openai,,2024-03-01
together,{hex},2024-05-01
'''),
    ('tsv-provider-header', 'exports/keys.tsv', '''\
service\tsecret\towner
together\t{hex}\tml-platform
'''),
    ('sql-insert-provider-key', 'db/seed.sql', '''\
INSERT INTO api_keys (provider, key) VALUES ('together', '{hex}');
'''),
    ('sql-insert-multi-row', 'db/fixtures.sql', '''\
INSERT INTO provider_credentials (provider, api_key, enabled) VALUES
  ('anthropic', NULL, false),
  ('together', '{hex}', true);
'''),
    ('notebook-environ-output', 'notebooks/debug.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [
    {{
     "data": {{
      "text/plain": [
       "environ({{'HOME': '/root', 'TOGETHER_API_KEY': '{hex}', 'PATH': '/usr/bin'}})"
      ]
     }},
     "execution_count": 3,
     "metadata": {{}},
     "output_type": "execute_result"
    }}
   ],
   "source": [
    "os.environ"
   ]
  }}
 ],
 "metadata": {{}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('pytest-dict-repr', 'ci/pytest.log', '''\
    def test_settings():
>       assert load_settings() == {{'provider': 'together'}}
E       AssertionError: assert {{'provider': 'together', 'api_key': '{hex}'}} == {{'provider': 'together'}}
E         Left contains 1 more item:
E         {{'api_key': '{hex2}'}}
'''),
    ('python-repl-dict', 'notes/repl.txt', '''\
>>> from app.config import settings
>>> settings.model_dump()
{{'TOGETHER_API_KEY': '{hex}', 'LOG_LEVEL': 'info'}}
'''),
    ('node-repl-echo', 'notes/node-repl.txt', '''\
> process.env.TOGETHER_API_KEY
'{hex}'
> .exit
'''),
    ('irb-echo', 'notes/irb.txt', '''\
irb(main):001> ENV["TOGETHER_API_KEY"]
=> "{hex}"
'''),
    ('markdown-table-provider', 'docs/keys.md', '''\
# Staging credentials

| Provider | API key | Owner |
|---|---|---|
| Together | {hex} | ml-platform |
'''),
    ('curl-verbose-bearer', 'debug/curl.txt', '''\
*   Trying 104.18.2.2:443...
* Connected to api.together.xyz (104.18.2.2) port 443
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> accept: */*
> authorization: Bearer {hex}
> content-type: application/json
>
'''),
    ('httpie-print-headers', 'debug/httpie.txt', '''\
POST /v1/completions HTTP/1.1
Accept: application/json, */*;q=0.5
Authorization: Bearer {hex}
Content-Type: application/json
Host: api.together.xyz
User-Agent: HTTPie/3.2.2
'''),
    ('har-request-bearer', 'debug/session.har', '''\
{{
  "log": {{
    "entries": [
      {{
        "request": {{
          "method": "POST",
          "url": "https://api.together.xyz/v1/chat/completions",
          "headers": [
            {{"name": "content-type", "value": "application/json"}},
            {{"name": "authorization", "value": "Bearer {hex}"}}
          ]
        }}
      }}
    ]
  }}
}}
'''),
    ('httpx-debug-headers', 'logs/httpx.log', '''\
DEBUG:httpx:HTTP Request: POST https://api.together.xyz/v1/chat/completions headers={{'authorization': 'Bearer {hex}', 'content-type': 'application/json'}}
'''),
    ('json-log-provider', 'logs/app.jsonl', '''\
{{"ts":"2024-05-01T10:00:00Z","level":"info","msg":"server started"}}
{{"ts":"2024-05-01T10:00:01Z","level":"debug","msg":"llm client","provider":"together","api_key":"{hex}"}}
'''),
    ('logfmt-provider', 'logs/app.log', '''\
ts=2024-05-01T10:00:01Z level=debug msg="llm client" provider=together api_key={hex}
'''),
    ('actions-log-env', 'ci/job.log', '''\
2024-05-01T10:00:00.1234567Z ##[group]Run python eval.py
2024-05-01T10:00:00.1234567Z python eval.py
2024-05-01T10:00:00.1234567Z shell: /usr/bin/bash -e {{0}}
2024-05-01T10:00:00.1234567Z env:
2024-05-01T10:00:00.1234567Z   TOGETHER_API_KEY: {hex}
2024-05-01T10:00:00.1234567Z ##[endgroup]
'''),
    ('netrc-multiline', 'home/.netrc', '''\
machine github.com
  login dev
  password ghp-not-a-key
machine api.together.xyz
  login apikey
  password {hex}
'''),
    ('git-credential-store', 'home/.git-credentials', '''\
https://dev:{_hex2}@github.com
https://x:{hex}@api.together.xyz
'''),
    ('powershell-env-table', 'debug/env-ps.txt', '''\

Name                           Value
----                           -----
ProgramData                    C:\\ProgramData
TOGETHER_API_KEY               {hex}
USERNAME                       dev

'''),
)

PLACEHOLDER = '0123456789abcdef' * 4

DECOYS = key_cases(
    ('decoy-env-image-digest', 'debug/env.txt', '''\
LLM_PROVIDER=together
IMAGE_DIGEST={_hex}
GIT_COMMIT_SHA256={_hex2}
TOGETHER_API_KEY=
'''),
    ('decoy-export-p-digest', 'debug/export-p.txt', '''\
declare -x LLM_BASE_URL="https://api.together.xyz/v1"
declare -x LLM_BUNDLE_SHA256="{_hex}"
declare -x LLM_MODEL="mistralai/Mixtral-8x7B-Instruct-v0.1"
'''),
    ('decoy-docker-inspect-image-id', 'debug/docker-inspect.json', '''\
[
    {{
        "Id": "{_hex}",
        "Image": "sha256:{_hex2}",
        "Config": {{
            "Env": [
                "TOGETHER_BASE_URL=https://api.together.xyz/v1",
                "TOGETHER_API_KEY_FILE=/run/secrets/together"
            ]
        }}
    }}
]
'''),
    ('decoy-kubectl-describe-image-id', 'debug/describe-pod.txt', '''\
Containers:
  chat:
    Image:          registry.together.ai/acme/chat:1.4.2
    Image ID:       registry.together.ai/acme/chat@sha256:{_hex}
    Environment:
      TOGETHER_API_KEY:  <set to the key 'api-key' in secret 'together'>  Optional: false
'''),
    ('decoy-kubectl-secret-checksum', 'debug/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: together-credentials
  annotations:
    checksum/config: {_hex}
data:
  api-key: KioqKg==
'''),
    ('decoy-heroku-release-digest', 'debug/heroku-config.txt', '''\
=== acme-chat Config Vars
TOGETHER_BASE_URL: https://api.together.xyz/v1
SLUG_SHA256:       {_hex}
'''),
    ('decoy-fly-secrets-digest', 'debug/fly-secrets.txt', '''\
NAME                    DIGEST                                                                  CREATED AT
TOGETHER_API_KEY        {_hex}        2024-05-01T10:00:00Z
'''),
    ('decoy-doppler-json-sha', 'debug/doppler.json', '''\
{{"DOPPLER_CONFIG":"prd","MODEL_WEIGHTS_SHA256":"{_hex}","TOGETHER_BASE_URL":"https://api.together.xyz/v1"}}
'''),
    ('decoy-aws-secret-other-provider', 'debug/get-secret-value.json', '''\
{{
    "Name": "prod/llm-openai",
    "SecretString": "{{\\"provider\\":\\"openai\\",\\"api_key\\":\\"{_hex}\\"}}",
    "VersionStages": ["AWSCURRENT"]
}}
'''),
    ('decoy-vault-checksum', 'debug/vault.json', '''\
{{
  "data": {{
    "data": {{
      "provider": "together",
      "bundle_sha256": "{_hex}"
    }}
  }}
}}
'''),
    ('decoy-onepassword-other-row', 'exports/1password.csv', '''\
Title,Website,Username,Password,Notes
Together AI,https://api.together.xyz,dev@acme.io,,rotated
OpenAI,https://platform.openai.com,dev@acme.io,{_hex},
'''),
    ('decoy-bitwarden-sibling-item', 'exports/bitwarden.json', '''\
{{
  "items": [
    {{
      "name": "Together AI",
      "login": {{"username": "dev@acme.io", "password": null}}
    }},
    {{
      "name": "Anthropic",
      "login": {{"username": "dev@acme.io", "password": "{_hex}"}}
    }}
  ]
}}
'''),
    ('decoy-csv-other-provider', 'exports/keys.csv', '''\
provider,api_key,created_at
together,,2024-05-01
openai,{_hex},2024-03-01
'''),
    ('decoy-csv-checksum-column', 'release/checksums.csv', '''\
file,sha256
together-cli-linux-amd64.tar.gz,{_hex}
'''),
    ('decoy-sql-other-provider', 'db/seed.sql', '''\
INSERT INTO api_keys (provider, key) VALUES ('openai', '{_hex}');
INSERT INTO api_keys (provider, key) VALUES ('together', NULL);
'''),
    ('decoy-sql-artifact-sha', 'db/artifacts.sql', '''\
INSERT INTO artifacts (name, sha256) VALUES ('together-cli', '{_hex}');
'''),
    ('decoy-notebook-environ-digest', 'notebooks/env.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "outputs": [
    {{
     "data": {{
      "text/plain": [
       "environ({{'TOGETHER_API_KEY': '***', 'IMAGE_DIGEST': '{_hex}'}})"
      ]
     }},
     "output_type": "execute_result"
    }}
   ],
   "source": ["os.environ"]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('decoy-pytest-repr-sha', 'ci/pytest.log', '''\
E       AssertionError: assert {{'provider': 'together', 'sha256': '{_hex}'}} == {{'provider': 'together'}}
'''),
    ('decoy-repl-key-digest', 'notes/repl.txt', '''\
>>> hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest()
'{_hex}'
'''),
    ('decoy-markdown-fingerprint', 'docs/keys.md', '''\
| Provider | Key fingerprint (sha256) |
|---|---|
| Together | {_hex} |
'''),
    ('decoy-curl-etag', 'debug/curl.txt', '''\
> GET /v1/models HTTP/2
> Host: api.together.xyz
> authorization: Bearer ${{TOGETHER_API_KEY}}
>
< HTTP/2 200
< etag: "{_hex}"
'''),
    ('decoy-har-other-host', 'debug/openai.har', '''\
{{
  "log": {{
    "entries": [
      {{
        "request": {{
          "url": "https://api.openai.com/v1/chat/completions",
          "headers": [{{"name": "authorization", "value": "Bearer {_hex}"}}]
        }}
      }}
    ]
  }}
}}
'''),
    ('decoy-json-log-request-id', 'logs/app.jsonl', '''\
{{"level":"info","provider":"together","request_id":"{_hex}","api_key":"[REDACTED]"}}
'''),
    ('decoy-netrc-other-host', 'home/.netrc', '''\
machine api.together.xyz login apikey password $TOGETHER_API_KEY
machine api.openai.com login apikey password {_hex}
'''),
    ('decoy-git-credential-other-host', 'home/.git-credentials', '''\
https://x:{_hex}@api.openai.com
'''),
    ('decoy-placeholder-env', 'debug/env.txt', '''\
TOGETHER_API_KEY=PLACEHOLDER
LLM_PROVIDER=together
'''.replace('PLACEHOLDER', PLACEHOLDER)),
    ('decoy-gh-secret-list', 'ci/secrets.txt', '''\
NAME              UPDATED
TOGETHER_API_KEY  about 2 days ago
BUILD_SHA256      {_hex}
'''),
)

# Written after the first run, from what it taught (export -p's group
# was missed; every other key was found): the same leaks as more tools
# print them, a log's timestamp before a flat group, the language
# runtimes' own reprs (Go's %+v, Kotlin's data class, PHP's var_dump and
# print_r, Ruby's hash), and decoys of those shapes.
PROBED = key_cases(
    ('probed-actions-log-flat-group', 'ci/step.log', '''\
2024-05-01T10:00:00.1234567Z ##[group]Run python eval.py
2024-05-01T10:00:00.1234567Z env:
2024-05-01T10:00:00.1234567Z   LLM_BASE_URL: https://api.together.xyz/v1
2024-05-01T10:00:00.1234567Z   LLM_API_KEY: {hex}
2024-05-01T10:00:00.1234567Z ##[endgroup]
'''),
    ('probed-kubectl-logs-timestamps', 'debug/logs.txt', '''\
2024-05-01T10:00:00.000000000Z LLM_API_KEY={hex}
2024-05-01T10:00:00.000000000Z LLM_PROVIDER=together
'''),
    ('probed-pytest-showlocals', 'ci/pytest-l.log', '''\
api_key    = '{hex}'
provider   = 'together'
retries    = 3
'''),
    ('probed-aws-ssm-parameter', 'debug/ssm.json', '''\
{{
    "Parameter": {{
        "Name": "/prod/together/api_key",
        "Type": "SecureString",
        "Value": "{hex}",
        "Version": 3
    }}
}}
'''),
    ('probed-az-keyvault-show', 'debug/az.json', '''\
{{
  "id": "https://acme.vault.azure.net/secrets/together-api-key/0f1e",
  "name": "together-api-key",
  "value": "{hex}"
}}
'''),
    ('probed-op-item-get-json', 'debug/op.json', '''\
{{
  "title": "Together AI",
  "category": "API_CREDENTIAL",
  "fields": [
    {{"id": "credential", "type": "CONCEALED", "label": "credential", "value": "{hex}"}}
  ]
}}
'''),
    ('probed-php-var-dump', 'debug/var_dump.txt', '''\
array(2) {{
  ["HOME"]=>
  string(5) "/root"
  ["TOGETHER_API_KEY"]=>
  string(64) "{hex}"
}}
'''),
    ('probed-php-print-r', 'debug/print_r.txt', '''\
Array
(
    [HOME] => /root
    [TOGETHER_API_KEY] => {hex}
)
'''),
    ('probed-go-plus-v', 'logs/go.log', '''\
2024/05/01 10:00:00 config: {{Provider:together APIKey:{hex} Timeout:30s}}
'''),
    ('probed-kotlin-data-class', 'logs/kotlin.log', '''\
Config(provider=together, apiKey={hex}, timeoutMs=30000)
'''),
    ('probed-ruby-env-hash', 'notes/rails-console.txt', '''\
irb(main):001> pp ENV.to_h
{{"HOME"=>"/root", "TOGETHER_API_KEY"=>"{hex}"}}
'''),
    ('probed-sql-update', 'db/rotate.sql', '''\
UPDATE api_keys SET key = '{hex}' WHERE provider = 'together';
'''),
    ('probed-redis-hset', 'debug/redis-cli.txt', '''\
127.0.0.1:6379> HSET provider:together api_key {hex}
(integer) 1
'''),
    ('probed-journalctl-logfmt', 'debug/journal.txt', '''\
May 01 10:00:00 web-1 app[123]: provider=together api_key={hex} msg=init
'''),
    ('decoy-probed-actions-log-digest', 'ci/step.log', '''\
2024-05-01T10:00:00.1234567Z env:
2024-05-01T10:00:00.1234567Z   LLM_PROVIDER: together
2024-05-01T10:00:00.1234567Z   LLM_BUNDLE_SHA256: {_hex}
'''),
    ('decoy-probed-actions-log-other-provider', 'ci/other.log', '''\
2024-05-01T10:00:00.1234567Z   LLM_API_KEY: {_hex}
2024-05-01T10:00:00.1234567Z   LLM_PROVIDER: openai
2024-05-01T10:00:00.1234567Z   MODEL: together
'''),
    ('decoy-probed-go-plus-v-digest', 'logs/go.log', '''\
config: {{Provider:together ModelSHA256:{_hex} Timeout:30s}}
'''),
    ('decoy-probed-go-plus-v-other', 'logs/go-openai.log', '''\
config: {{Provider:openai APIKey:{_hex} Timeout:30s}}
'''),
    ('decoy-probed-php-var-dump-sha', 'debug/var_dump.txt', '''\
array(1) {{
  ["TOGETHER_MODEL_SHA256"]=>
  string(64) "{_hex}"
}}
'''),
    ('decoy-probed-sql-update-sha', 'db/artifacts.sql', '''\
UPDATE artifacts SET sha256 = '{_hex}' WHERE name = 'together-cli';
'''),
    ('decoy-probed-ssm-digest', 'debug/ssm.json', '''\
{{
    "Parameter": {{
        "Name": "/prod/together/model_sha256",
        "Type": "String",
        "Value": "{_hex}"
    }}
}}
'''),
    ('decoy-probed-az-other-secret', 'debug/az.json', '''\
{{
  "id": "https://acme.vault.azure.net/secrets/openai-api-key/0f1e",
  "name": "openai-api-key",
  "value": "{_hex}",
  "tags": {{"team": "together"}}
}}
'''),
    ('decoy-probed-journalctl-request-id', 'debug/journal.txt', '''\
May 01 10:00:00 web-1 app[123]: provider=together request_id={_hex} msg=done
'''),
    ('decoy-probed-ps-cache-key', 'debug/ps.txt', '''\
python serve.py LLM_PROVIDER=together LLM_CACHE_KEY={_hex}
'''),
)

CASES = SOURCE + DECOYS + PROBED

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'decoy-fly-secrets-digest': 'a column-aligned listing whose header names the value\'s column a DIGEST: the row\'s Together name right before the value reads as its assignment; no column of a blank-aligned table is read',
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 25, (keys, decoys)
