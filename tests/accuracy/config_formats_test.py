"""Keys in configuration formats the other kinds' tests do not write:
.properties, INI, TOML arrays and inline tables, HCL locals and tfvars,
Helm values, docker-compose environment lists and maps, GitHub Actions
``env:``, Kubernetes ``stringData``, CSV/TSV, SQL inserts, shell heredocs,
PowerShell, Dockerfile ``ENV``/``ARG``, Makefiles."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

CASES = key_cases(
    ('properties', 'src/main/resources/application.properties', '''\
spring.application.name=chat-service
together.api.base-url=https://api.together.xyz/v1
together.api-key={hex}
together.model=meta-llama/Llama-3-8b-chat-hf
'''),
    ('properties-colon', 'conf/app.properties', '''\
# Together settings
together.apiKey : {hex}
'''),
    ('properties-tgp', 'gradle.properties', 'org.gradle.jvmargs=-Xmx2g\ntogetherApiKey={key}\n'),
    ('ini-section-generic', 'setup.cfg', '''\
[metadata]
name = demo

[together]
api_key = {hex}
model = mistralai/Mixtral-8x7B-Instruct-v0.1
'''),
    ('ini-named', 'config.ini', '[llm]\nprovider = openai\ntogether_api_key = {hex}\n'),
    ('toml-inline-table', 'pyproject.toml', '''\
[tool.myapp]
together = {{ api_key = "{hex}", model = "m" }}
'''),
    ('toml-array-of-tables', 'providers.toml', '''\
[[providers]]
name = "openai"
env_var = "OPENAI_API_KEY"

[[providers]]
name = "together"
base_url = "https://api.together.xyz/v1"
api_key = "{hex}"
'''),
    ('toml-array', 'keys.toml', 'together_api_keys = [\n  "{hex}",\n]\n'),
    ('hcl-locals', 'main.tf', '''\
locals {{
  region           = "us-east-1"
  together_api_key = "{hex}"
}}
'''),
    ('tfvars', 'prod.tfvars', 'environment      = "prod"\ntogether_api_key = "{hex}"\n'),
    ('hcl-env-block', 'lambda.tf', '''\
resource "aws_lambda_function" "chat" {{
  function_name = "chat"
  environment {{
    variables = {{
      TOGETHER_API_KEY = "{hex}"
    }}
  }}
}}
'''),
    ('helm-values-nested', 'chart/values.yaml', '''\
replicaCount: 1
together:
  apiKey: "{hex}"
  model: meta-llama/Llama-3-70b-chat-hf
'''),
    ('helm-values-env-map', 'chart/values-prod.yaml', '''\
env:
  TOGETHER_API_KEY: {key}
  LOG_LEVEL: info
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  api:
    image: ghcr.io/acme/api:1.4
    environment:
      - TOGETHER_API_KEY={hex}
      - PORT=8080
'''),
    ('compose-env-list-quoted', 'compose.yaml', '''\
services:
  worker:
    environment:
      - "TOGETHER_API_KEY={key}"
'''),
    ('compose-env-map', 'docker-compose.override.yml', '''\
services:
  api:
    environment:
      TOGETHER_API_KEY: "{hex}"
'''),
    ('actions-env', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: {hex}
    steps:
      - uses: actions/checkout@v4
      - run: python eval.py
'''),
    ('actions-step-env', '.github/workflows/nightly.yml', '''\
jobs:
  run:
    steps:
      - name: smoke
        run: python smoke.py
        env:
          TOGETHER_API_KEY: "{key}"
'''),
    ('k8s-stringdata', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: together
type: Opaque
stringData:
  TOGETHER_API_KEY: {hex}
'''),
    ('k8s-configmap', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: chat
data:
  together-api-key: "{hex}"
'''),
    ('csv-name-column', 'exports/secrets.csv', 'name,value\nTOGETHER_API_KEY,{hex}\nDB_HOST,db\n'),
    ('tsv', 'exports/secrets.tsv', 'name\tvalue\nTOGETHER_API_KEY\t{hex}\n'),
    ('sql-insert', 'db/seed.sql', '''\
INSERT INTO settings (name, value) VALUES ('TOGETHER_API_KEY', '{hex}');
'''),
    ('sql-update', 'db/migrate.sql', "UPDATE config SET together_api_key = '{hex}' WHERE id = 1;\n"),
    ('shell-heredoc', 'setup.sh', '''\
#!/bin/sh
cat > .env <<EOF
TOGETHER_API_KEY={hex}
EOF
'''),
    ('powershell-env', 'setup.ps1', '$env:TOGETHER_API_KEY = "{hex}"\n'),
    ('powershell-setx', 'setup.cmd', 'setx TOGETHER_API_KEY "{hex}"\n'),
    ('cmd-set', 'run.bat', '@echo off\nset TOGETHER_API_KEY={hex}\npython app.py\n'),
    ('dockerfile-env', 'Dockerfile', 'FROM python:3.12-slim\nENV TOGETHER_API_KEY={hex}\n'),
    ('dockerfile-env-space', 'Dockerfile.dev', 'FROM python:3.12-slim\nENV TOGETHER_API_KEY {hex}\n'),
    ('dockerfile-arg', 'Dockerfile.ci', 'ARG TOGETHER_API_KEY={key}\nRUN echo ok\n'),
    ('makefile', 'Makefile', 'TOGETHER_API_KEY := {hex}\nexport TOGETHER_API_KEY\n\nrun:\n\tpython app.py\n'),
    ('makefile-recipe', 'Makefile.local',
     'eval:\n\tTOGETHER_API_KEY={hex} python eval.py\n'),
    ('systemd-env', 'deploy/chat.service',
     '[Service]\nEnvironment="TOGETHER_API_KEY={hex}"\nExecStart=/usr/bin/chat\n'),
    ('env-export-quoted', '.envrc', "export TOGETHER_API_KEY='{hex}'\n"),
    ('short-names', '.env.local', 'TOGETHER_KEY={hex}\nTOGETHER_TOKEN={hex2}\nTOGETHER_MODEL_KEY={_hex3}\n'),
    ('prose-issue', 'docs/issue-1234.md',
     'It fails with 401. My Together API key is {hex}, created yesterday.\n'),
    ('prose-readme', 'README.md', 'Set `TOGETHER_API_KEY` to `{hex}` and run `make eval`.\n'),
    ('fish', 'config.fish', 'set -gx TOGETHER_API_KEY {hex}\n'),
    ('yaml-block-scalar', 'secrets.yaml', 'together_api_key: >-\n  {hex}\n'),
    ('json-nested-provider', 'config/llm.json', '''\
{{
  "providers": {{
    "together": {{
      "api_key": "{hex}",
      "models": ["m"]
    }}
  }}
}}
'''),
)

results, test_case = make_tests(CASES)
