"""A sixteenth held-out probe (session 20), legacy keys (64 lowercase hex)
in the formats people paste them into, written as an outside tester would
before any fix: Jenkins' credentials.xml, nested Erlang and Elixir terms,
Fortran namelists, Emacs Lisp, Airflow connections, HTML tables, HTTP
Basic ``together:<key>`` in URLs and headers, and their siblings (systemd
units, Ansible vault plaintext, Kubernetes ``stringData``, HCL, Helm
values, Nix, PowerShell, Windows ``.reg``, Java properties, LaTeX, Org
tables, SQL, CSV with a header, a notebook's output).  The decoys, the
same formats holding digests beside "together", are in
tests/accuracy/probe16_decoys_test.py.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- the families the outside checks named ------------------------------------------------

NAMED = key_cases(
    ('jenkins-credentials-id', 'jenkins/credentials.xml', '''\
<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@2.6.1">
  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
    <entry>
      <java.util.concurrent.CopyOnWriteArrayList>
        <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
          <scope>GLOBAL</scope>
          <id>together</id>
          <description>LLM calls</description>
          <secret>{hex}</secret>
        </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
      </java.util.concurrent.CopyOnWriteArrayList>
    </entry>
  </domainCredentialsMap>
</com.cloudbees.plugins.credentials.SystemCredentialsProvider>
'''),
    ('jenkins-credentials-description', 'jenkins/credentials.xml', '''\
<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
  <scope>GLOBAL</scope>
  <id>llm-prod</id>
  <description>Together AI API key</description>
  <secret>{hex}</secret>
</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
'''),
    ('jenkins-apikey-element', 'jenkins/config.xml', '''\
<com.example.LlmStep>
  <id>together</id>
  <apiKey>{hex}</apiKey>
</com.example.LlmStep>
'''),
    ('erlang-nested-binary', 'config/sys.config', '''\
[{{my_app, [
  {{together, [{{api_key, <<"{hex}">>}}]}}
]}}].
'''),
    ('elixir-keyword-nested', 'config/prod.exs', '''\
config :my_app, :llm,
  providers: [together: [api_key: "{hex}"]]
'''),
    ('fortran-namelist-group', 'run/input.nml', '''\
&together api_key = '{hex}' /
'''),
    ('fortran-namelist-multiline', 'run/llm.nml', '''\
&together_settings
  api_key = "{hex}",
  model = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'
/
'''),
    ('emacs-setq', 'init.el', '''\
(setq together-api-key "{hex}")
'''),
    ('emacs-setq-gptel', '.emacs.d/config.el', '''\
(setq gptel-api-key "{hex}")
(gptel-make-openai "TogetherAI" :host "api.together.xyz")
'''),
    ('airflow-cli-conn-password', 'scripts/airflow_setup.sh', '''\
airflow connections add together --conn-type http --conn-host api.together.xyz --conn-password {hex}
'''),
    ('airflow-env-uri', '.env.airflow', '''\
AIRFLOW_CONN_TOGETHER='http://:{hex}@api.together.xyz/https'
'''),
    ('airflow-env-uri-user', 'docker/airflow.env', '''\
AIRFLOW_CONN_TOGETHER_DEFAULT=https://together:{hex}@api.together.xyz
'''),
    ('html-table-name-cell', 'docs/secrets.html', '''\
<table>
  <tr><th>Name</th><th>Value</th></tr>
  <tr><td>TOGETHER_API_KEY</td><td>{hex}</td></tr>
</table>
'''),
    ('html-table-provider-cell', 'wiki/keys.html', '''\
<table>
<tr><td>Together AI</td><td><code>{hex}</code></td></tr>
</table>
'''),
    ('basic-auth-url-together-user', 'scripts/smoke.sh', '''\
curl https://together:{hex}@api.together.xyz/v1/models
'''),
    ('basic-auth-header-user-pass', 'http/together.http', '''\
GET https://api.together.xyz/v1/models
Authorization: Basic together:{hex}
'''),
    ('traefik-basic-label', 'docker-compose.yml', '''\
services:
  together-proxy:
    labels:
      - "traefik.http.middlewares.together-auth.basicauth.users=together:{hex}"
'''),
)

# -- siblings: more config formats, CLIs and secret stores --------------------------------

SIBLINGS = key_cases(
    ('systemd-environment', 'deploy/llm.service', '''\
[Service]
Environment="TOGETHER_API_KEY={hex}"
ExecStart=/usr/bin/python3 -m app
'''),
    ('systemd-setenv', 'etc/systemd/system/llm.service.d/override.conf', '''\
[Service]
Environment=TOGETHER_API_KEY={hex} LOG_LEVEL=info
'''),
    ('ansible-vault-plaintext', 'group_vars/all/vault.yml', '''\
---
vault_together_api_key: "{hex}"
'''),
    ('k8s-stringdata', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: together-credentials
type: Opaque
stringData:
  api-key: {hex}
'''),
    ('terraform-tfvars', 'infra/prod.tfvars', '''\
together_api_key = "{hex}"
'''),
    ('hcl-provider-block', 'infra/main.tf', '''\
provider "together" {{
  api_key = "{hex}"
}}
'''),
    ('helm-values-nested', 'charts/llm/values.yaml', '''\
together:
  enabled: true
  auth:
    apiKey: {hex}
'''),
    ('nix-attrset', 'hosts/llm.nix', '''\
{{
  services.together.apiKey = "{hex}";
}}
'''),
    ('powershell-env', 'profile.ps1', '''\
$env:TOGETHER_API_KEY = "{hex}"
'''),
    ('windows-reg-export', 'env.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Environment]
"TOGETHER_API_KEY"="{hex}"
'''),
    ('java-properties-dotted', 'src/main/resources/application.properties', '''\
together.api-key={hex}
'''),
    ('java-properties-colon', 'conf/app.properties', '''\
together.apiKey : {hex}
'''),
    ('latex-newcommand', 'paper/secrets.tex', '''\
\\newcommand{{\\togetherapikey}}{{{hex}}}
'''),
    ('org-table', 'notes/keys.org', '''\
| service  | key |
|----------+-----|
| together | {hex} |
'''),
    ('sql-insert-columns', 'db/seed.sql', '''\
INSERT INTO api_keys (provider, secret) VALUES ('together', '{hex}');
'''),
    # (rf_acc9: a multi-row VALUES, each row under the column list)
    ('sql-insert-multirow', 'db/seeds/002_keys.sql', '''\
INSERT INTO `integrations` (`id`, `name`, `api_key`, `enabled`)
VALUES
  (1, 'openai', 'sk-placeholder', 1),
  (2, 'together', '{hex}', 1);
'''),
    ('sql-insert-or-replace', 'db/fixtures.sql', '''\
INSERT OR REPLACE INTO credentials (service, token) VALUES ('Together AI', '{hex}');
'''),
    ('csv-header', 'exports/keys.csv', '''\
provider,api_key
together,{hex}
'''),
    ('jupyter-output', 'notebooks/explore.ipynb', '''\
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
      "TOGETHER_API_KEY={hex}\\n"
     ]
    }}
   ],
   "source": [
    "!env | grep TOGETHER"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('docker-run-env', 'Makefile', '''\
run:
\tdocker run -e TOGETHER_API_KEY={hex} ghcr.io/acme/llm:latest
'''),
    ('gh-secret-set', 'scripts/ci-secrets.sh', '''\
gh secret set TOGETHER_API_KEY --body "{hex}"
'''),
    ('vault-kv-put', 'scripts/vault.sh', '''\
vault kv put secret/together api_key={hex}
'''),
    ('toml-section-nested', 'config.toml', '''\
[providers.together]
api_key = "{hex}"
'''),
)

CASES = NAMED + SIBLINGS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys == 0, (keys, decoys)
