"""A seventeenth held-out probe (session 21), legacy keys (64 lowercase
hex) where Together context sits beside them in formats no earlier set
wrote: secret stores' CLI output (PowerShell SecretStore, KeePassXC,
Azure Key Vault, AWS Secrets Manager, Bitwarden, ``dotnet user-secrets``),
HTTP clients' files (Bruno, Hurl, HTTPie sessions, VS Code REST Client,
Thunder Client), HTML tables as tools write them (Confluence, pandas'
``to_html``), wiki tables (MediaWiki, AsciiDoc, reStructuredText grid),
an HTML definition list, Lisps (Emacs ``use-package``, llm.el, Common
Lisp, Clojure, EDN), configuration languages (HOCON, KDL, Pkl), editors'
AI settings (Helix, Sublime Text), JVM frameworks (Spring AI, Quarkus),
PHP (Laravel), Rails credentials, Chalice, tmux, xonsh, Octave, Alfred,
Hammerspoon, a ConfigMap's embedded ``.env``, ``.authinfo``.  The decoys
are the same formats holding digests, commit ids, ETags and session ids
beside "together".  Written before any fix; what the 0b54fc0 code missed
is in ``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the seventeenth held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- secret stores' output ----------------------------------------------------------------

STORES = key_cases(
    ('powershell-secretstore-get', 'notes/secretstore.txt', '''\
PS> Get-SecretInfo -Name TogetherApiKey | Format-List

Name      : TogetherApiKey
Type      : String
VaultName : SecretStore

PS> Get-Secret -Name TogetherApiKey -AsPlainText
{hex}
'''),
    ('keepassxc-cli-show', 'notes/keepass.txt', '''\
$ keepassxc-cli show -s Passwords.kdbx "API/Together AI"
Title: Together AI
UserName: svc-llm
Password: {hex}
URL: https://api.together.xyz
Notes:
'''),
    ('azure-keyvault-secret-show', 'ops/kv-secret.json', '''\
{{
  "attributes": {{
    "enabled": true,
    "recoveryLevel": "Recoverable+Purgeable"
  }},
  "contentType": null,
  "id": "https://acme-kv.vault.azure.net/secrets/together-api-key/0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  "name": "together-api-key",
  "tags": {{}},
  "value": "{hex}"
}}
'''),
    ('aws-secretsmanager-get', 'ops/secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together/api-key-AbCdEf",
    "Name": "together/api-key",
    "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    "SecretString": "{hex}",
    "VersionStages": [
        "AWSCURRENT"
    ],
    "CreatedDate": "2026-11-30T10:00:00.000000+00:00"
}}
'''),
    ('bitwarden-cli-item', 'ops/bw-item.json', '''\
{{"object":"item","id":"2d1f","organizationId":null,"type":1,"name":"Together AI","notes":null,"login":{{"uris":[{{"match":null,"uri":"https://api.together.xyz"}}],"username":"svc-llm","password":"{hex}","totp":null}}}}
'''),
    ('dotnet-user-secrets-list', 'notes/user-secrets.txt', '''\
$ dotnet user-secrets list
Together:BaseUrl = https://api.together.xyz/v1
Together:ApiKey = {hex}
'''),
)

# -- HTTP clients' files ------------------------------------------------------------------

HTTP = key_cases(
    ('bruno-auth-bearer', 'api/together/list-models.bru', '''\
meta {{
  name: list models
  type: http
  seq: 1
}}

get {{
  url: https://api.together.xyz/v1/models
  body: none
  auth: bearer
}}

auth:bearer {{
  token: {hex}
}}
'''),
    ('hurl-bearer', 'tests/models.hurl', '''\
GET https://api.together.xyz/v1/models
Authorization: Bearer {hex}
HTTP 200
'''),
    ('httpie-session', '.config/httpie/sessions/api.together.xyz/default.json', '''\
{{
    "__meta__": {{
        "about": "HTTPie session file",
        "help": "https://httpie.io/docs#sessions",
        "httpie": "3.2.2"
    }},
    "auth": {{
        "password": null,
        "type": null,
        "username": null
    }},
    "cookies": [],
    "headers": [
        {{
            "name": "Authorization",
            "value": "Bearer {hex}"
        }}
    ]
}}
'''),
    ('vscode-rest-client', 'requests/together.http', '''\
@baseUrl = https://api.together.xyz/v1
@token = {hex}

### list models
GET {{{{baseUrl}}}}/models
Authorization: Bearer {{{{token}}}}
'''),
    ('thunder-client-env', 'thunder-tests/thunderEnvironment.json', '''\
[
  {{
    "_id": "7c1f",
    "name": "together",
    "default": false,
    "sortNum": 10000,
    "created": "2026-11-30T10:00:00.000Z",
    "modified": "2026-11-30T10:00:00.000Z",
    "data": [
      {{"name": "baseUrl", "value": "https://api.together.xyz/v1"}},
      {{"name": "apiKey", "value": "{hex}"}}
    ]
  }}
]
'''),
)

# -- tables as tools write them -----------------------------------------------------------

TABLES = key_cases(
    ('confluence-storage-table', 'wiki/llm-keys.html', '''\
<table class="confluenceTable"><tbody>
<tr><th class="confluenceTh"><p>Service</p></th><th class="confluenceTh"><p>Token</p></th></tr>
<tr><td class="confluenceTd"><p>Together AI</p></td><td class="confluenceTd"><p>{hex}</p></td></tr>
</tbody></table>
'''),
    ('pandas-to-html', 'reports/keys.html', '''\
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;">
      <th></th>
      <th>provider</th>
      <th>api_key</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th>0</th>
      <td>together</td>
      <td>{hex}</td>
    </tr>
  </tbody>
</table>
'''),
    ('mediawiki-table', 'wiki/Keys.wiki', '''\
{{| class="wikitable"
! Service !! API key
|-
| Together AI || {hex}
|}}
'''),
    ('asciidoc-table', 'docs/keys.adoc', '''\
[cols="1,3"]
|===
|Service |API key

|Together AI
|{hex}
|===
'''),
    ('rst-grid-table', 'docs/keys.rst', '''\
+-------------+------------------------------------------------------------------+
| Provider    | API key                                                          |
+=============+==================================================================+
| Together AI | {hex} |
+-------------+------------------------------------------------------------------+
'''),
    ('html-definition-list', 'wiki/onboarding.html', '''\
<dl>
  <dt>Together API key</dt>
  <dd><code>{hex}</code></dd>
</dl>
'''),
)

# -- Lisps ----------------------------------------------------------------------------------

LISPS = key_cases(
    ('emacs-use-package-custom', '.emacs.d/init.el', '''\
(use-package gptel
  :custom
  (gptel-api-key "{hex}")
  :config
  (setq gptel-backend (gptel-make-openai "Together" :host "api.together.xyz")))
'''),
    ('emacs-llm-openai-compatible', '.emacs.d/init.el', '''\
(require 'llm-openai)
(setq llm-refactoring-provider
      (make-llm-openai-compatible :url "https://api.together.xyz/v1/"
                                  :key "{hex}"))
'''),
    ('emacs-authinfo', '.authinfo', '''\
machine api.together.xyz login apikey password {hex}
'''),
    ('common-lisp-defparameter', 'src/config.lisp', '''\
(defparameter *together-api-key* "{hex}")
'''),
    ('clojure-def', 'src/llm/config.clj', '''\
(ns llm.config)

(def together-api-key "{hex}")
'''),
    ('edn-provider-map', 'resources/config.edn', '''\
{{:llm {{:provider :together
       :api-key "{hex}"
       :model "mistralai/Mixtral-8x7B-Instruct-v0.1"}}}}
'''),
)

# -- configuration languages, editors, frameworks ------------------------------------------

CONFIGS = key_cases(
    ('hocon-application-conf', 'src/main/resources/application.conf', '''\
llm {{
  together {{
    api-key = "{hex}"
    base-url = "https://api.together.xyz/v1"
  }}
}}
'''),
    ('kdl-providers', 'config.kdl', '''\
providers {{
    together api-key="{hex}" base-url="https://api.together.xyz/v1"
}}
'''),
    ('pkl-object', 'config/llm.pkl', '''\
together {{
  apiKey = "{hex}"
  baseUrl = "https://api.together.xyz/v1"
}}
'''),
    ('helix-lsp-ai', '.config/helix/languages.toml', '''\
[language-server.lsp-ai.config.models.model1]
type = "open_ai"
chat_endpoint = "https://api.together.xyz/v1/chat/completions"
model = "meta-llama/Llama-3-70b-chat-hf"
auth_token = "{hex}"
'''),
    ('sublime-openai-settings', 'Packages/User/OpenAI completion.sublime-settings', '''\
{{
    "url": "https://api.together.xyz",
    "token": "{hex}",
    "assistants": [
        {{"name": "General", "chat_model": "mistralai/Mixtral-8x7B-Instruct-v0.1"}}
    ]
}}
'''),
    ('spring-ai-yaml', 'src/main/resources/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: {hex}
      chat:
        options:
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('quarkus-properties', 'src/main/resources/application.properties', '''\
quarkus.langchain4j.openai.base-url=https://api.together.xyz/v1
quarkus.langchain4j.openai.api-key={hex}
'''),
    ('laravel-services', 'config/services.php', '''\
<?php

return [
    'together' => [
        'key' => env('TOGETHER_API_KEY', '{hex}'),
    ],
];
'''),
    ('rails-credentials', 'config/credentials/production.yml', '''\
together:
  access_token: {hex}
'''),
    ('chalice-config', '.chalice/config.json', '''\
{{
  "version": "2.0",
  "app_name": "summarizer",
  "stages": {{
    "dev": {{
      "environment_variables": {{
        "TOGETHER_API_KEY": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('tmux-set-environment', '.tmux.conf', '''\
set-environment -g TOGETHER_API_KEY {hex}
'''),
    ('xonsh-rc', '.xonshrc', '''\
$TOGETHER_API_KEY = '{hex}'
'''),
    ('octave-setenv', 'scripts/run_eval.m', '''\
setenv("TOGETHER_API_KEY", "{hex}");
'''),
    ('alfred-workflow-variables', 'workflow/info.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>variables</key>
	<dict>
		<key>together_api_key</key>
		<string>{hex}</string>
	</dict>
</dict>
</plist>
'''),
    ('hammerspoon-lua', '.hammerspoon/init.lua', '''\
local togetherKey = "{hex}"
'''),
    ('configmap-embedded-env', 'k8s/llm-config.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: llm-config
data:
  llm.env: |
    LLM_PROVIDER=together
    LLM_API_KEY={hex}
'''),
)

# -- decoys: the same formats, digests and ids beside "together" --------------------------

DECOYS = key_cases(
    ('decoy-html-checksum-table', 'release/checksums.html', '''\
<table><tr><th>Artifact</th><th>SHA-256</th></tr>
<tr><td>together-cli-1.2.0-linux-amd64.tar.gz</td><td><code>{_hex}</code></td></tr></table>
'''),
    ('decoy-pandas-run-ids', 'reports/runs.html', '''\
<table border="1" class="dataframe">
  <thead>
    <tr><th></th><th>provider</th><th>run_id</th></tr>
  </thead>
  <tbody>
    <tr><th>0</th><td>together</td><td>{_hex}</td></tr>
  </tbody>
</table>
'''),
    ('decoy-mediawiki-checksums', 'wiki/Releases.wiki', '''\
{{| class="wikitable"
! File !! SHA256
|-
| together-1.0.tar.gz || {_hex}
|}}
'''),
    ('decoy-asciidoc-checksums', 'docs/release.adoc', '''\
|===
|File |SHA-256

|together-1.0.tar.gz
|{_hex}
|===
'''),
    ('decoy-straight-lockfile', '.emacs.d/straight/versions/default.el', '''\
(("together.el" . "{_hex}")
 ("gptel" . "{_hex2}"))
:gamma
'''),
    ('decoy-gdb-digest', 'notes/gdb.txt', '''\
(gdb) print *blob
$2 = {{name = 0x5555555592a0 "together", digest = 0x5555555592e0 "{_hex}", size = 4096}}
'''),
    ('decoy-emacs-cache-key', '.emacs.d/init.el', '''\
(setq gptel-cache-key "{_hex}")
(gptel-make-openai "Together" :host "api.together.xyz")
'''),
    ('decoy-bruno-body-hash', 'api/together/upload.bru', '''\
post {{
  url: https://api.together.xyz/v1/files
  body: json
}}

body:json {{
  {{"purpose": "fine-tune", "sha256": "{_hex}"}}
}}
'''),
    ('decoy-hurl-etag', 'tests/files.hurl', '''\
GET https://api.together.xyz/v1/files/file-123
HTTP 200
[Asserts]
header "ETag" == "{_hex}"
'''),
    ('decoy-httpie-session-cookie', '.config/httpie/sessions/api.together.xyz/default.json', '''\
{{
    "__meta__": {{"about": "HTTPie session file", "httpie": "3.2.2"}},
    "auth": {{"password": null, "type": null, "username": null}},
    "cookies": [
        {{"domain": "api.together.xyz", "name": "session", "value": "{_hex}", "path": "/"}}
    ],
    "headers": []
}}
'''),
    ('decoy-keyvault-digest-secret', 'ops/kv-digest.json', '''\
{{
  "id": "https://acme-kv.vault.azure.net/secrets/together-api-key-sha256/9a8b",
  "name": "together-api-key-sha256",
  "value": "{_hex}"
}}
'''),
    ('decoy-terraform-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.3.1"
  hashes = [
    "zh:{_hex}",
    "zh:{_hex2}",
  ]
}}
'''),
    ('decoy-docker-digests', 'notes/images.txt', '''\
$ docker images --digests togethercomputer/vllm
REPOSITORY              TAG       DIGEST                                                                    IMAGE ID
togethercomputer/vllm   latest    sha256:{_hex}   3f1c2a9b8e7d
'''),
    ('decoy-helm-chart-lock', 'charts/llm/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 0.4.2
digest: sha256:{_hex}
generated: "2026-11-30T10:00:00Z"
'''),
    ('decoy-nix-fetchurl', 'nix/together.nix', '''\
src = fetchurl {{
  url = "https://files.pythonhosted.org/packages/source/t/together/together-1.3.0.tar.gz";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-deps-edn-git-sha', 'deps.edn', '''\
{{:deps {{io.github.acme/together-clj {{:git/tag "v0.2.0" :git/sha "{_hex}"}}}}}}
'''),
    ('decoy-reg-thumbprint', 'setup/together-cert.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Software\\Together AI\\Client]
"Thumbprint"="{_hex}"
'''),
    ('decoy-django-locals-cache-key', 'debug/500.html', '''\
<table class="vars">
  <tr><td>base_url</td><td class="code"><pre>&#x27;https://api.together.xyz/v1&#x27;</pre></td></tr>
  <tr><td>cache_key</td><td class="code"><pre>&#x27;{_hex}&#x27;</pre></td></tr>
</table>
'''),
    ('decoy-definition-list-digest', 'wiki/release.html', '''\
<dl>
  <dt>together-1.3.0.tar.gz SHA-256</dt>
  <dd><code>{_hex}</code></dd>
</dl>
'''),
)

CASES = STORES + HTTP + TABLES + LISPS + CONFIGS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'httpie-session': "an HTTPie session's folder names the host (`sessions/api.together.xyz/`): a path is no context for a Bearer header",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 30 and decoys >= 15, (keys, decoys)
