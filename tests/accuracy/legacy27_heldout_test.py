"""A twenty-seventh held-out probe (session 30), legacy keys only: 64
lowercase hex characters where secret managers, notebooks, experiment
trackers, agent frameworks and shells put them: ``vault kv get`` (YAML
and ``-field=``), ``aws secretsmanager get-secret-value`` (a
``SecretString`` of escaped JSON, ``--output text``), ``doppler secrets
--json`` (``computed`` and ``raw``) and ``get --plain``, ``op item get
--fields --reveal``, ``sops`` decrypted YAML, JSON and dotenv (their
``sops`` metadata beside), ``kubectl get secret`` read back through
``base64 -d`` and ``jq @base64d``, ``heroku config --json``, ``vercel
env pull`` with comments, ``gcloud secrets versions access``; notebooks'
``%env`` magics and ``os.environ[...] =`` in a cell's JSON source list,
``.Renviron``, Streamlit's ``secrets.toml``, an MLflow run's param file,
a W&B run's ``config.yaml``; CrewAI's YAML ``llm:``, AutoGen's
``OAI_CONFIG_LIST``, DSPy's and smolagents' ``together_ai/`` models,
LiteLLM's ``TOGETHERAI_API_KEY``; ``set -x`` traces, zsh's extended
history, ``/proc/<pid>/environ`` (NUL-separated), ``docker inspect``'s
Go-template ``Env``, ``ps e``; Kotlin/Scala positional calls without
``new`` and a Java constructor spread over lines, Go short declarations.
An ``OPENAI_API_KEY`` of 64 hex beside ``TOGETHER_BASE_URL`` is a
KEY here: OpenAI's own keys are never 64 hex (``sk-``), the name is the
generic one every OpenAI-compatible client reads, and the export points
at Together.  Decoys of the same shapes: other providers' keys in the same exports
(``ANTHROPIC_API_KEY`` beside ``TOGETHER_BASE_URL``), webhook and
signing secrets, digests (``fly secrets list --json``, ``sha256sum``,
image digests, checksums in Together-named exports), placeholders.
Written before any fix; what e33a2cc1 missed is in ``MISSED`` (strict
xfails) or was fixed in the same session (docs/detection.md, "Found
since the twenty-seventh legacy held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

PLACEHOLDER = '0123456789abcdef' * 4

SOURCE = key_cases(
    # --- secret managers -------------------------------------------------
    ('vault-kv-get-yaml-endpoint', 'debug/vault-kv.yaml', '''\
data:
  data:
    api_key: {hex}
    base_url: https://api.together.xyz/v1
  metadata:
    created_time: "2024-05-01T10:00:00.000000Z"
    custom_metadata: null
    deletion_time: ""
    destroyed: false
    version: 4
lease_duration: 0
lease_id: ""
renewable: false
request_id: 5f1e2d3c-0000-4000-8000-000000000000
'''),
    ('vault-kv-get-field-output', 'notes/vault.txt', '''\
$ vault kv get -mount=secret -field=api_key llm/together
{hex}
$ vault kv metadata get -mount=secret llm/together
'''),
    ('aws-sm-secretstring-base-url', 'debug/sm.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:chat/llm-Q1w2E3",
    "Name": "chat/llm",
    "VersionId": "b2c3d4e5-6789-01ab-cdef-EXAMPLE22222",
    "SecretString": "{{\\"base_url\\":\\"https://api.together.xyz/v1\\",\\"api_key\\":\\"{hex}\\",\\"model\\":\\"meta-llama/Llama-3.3-70B-Instruct-Turbo\\"}}",
    "VersionStages": [
        "AWSCURRENT"
    ],
    "CreatedDate": "2024-05-01T10:00:00.000000+00:00"
}}
'''),
    ('aws-sm-text-output', 'notes/aws.txt', '''\
$ aws secretsmanager get-secret-value --secret-id prod/together-api-key --query SecretString --output text
{hex}
'''),
    ('doppler-secrets-json-computed-raw', 'debug/doppler-secrets.json', '''\
{{
  "DOPPLER_CONFIG": {{
    "computed": "prd",
    "note": "",
    "raw": "prd"
  }},
  "TOGETHER_API_KEY": {{
    "computed": "{hex}",
    "note": "rotated 2024-05",
    "raw": "${{shared.prd.TOGETHER_API_KEY}}"
  }}
}}
'''),
    ('doppler-secrets-get-plain', 'notes/doppler.txt', '''\
$ doppler secrets get TOGETHER_API_KEY --plain
{hex}
'''),
    ('op-item-get-fields-reveal', 'notes/op.txt', '''\
$ op item get "Together AI" --vault Engineering --fields label=credential --reveal
{hex}
'''),
    ('sops-decrypted-yaml', 'secrets/llm.dec.yaml', '''\
together:
    api_key: {hex}
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
sops:
    kms: []
    gcp_kms: []
    azure_kv: []
    hc_vault: []
    age:
        - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
    lastmodified: "2024-05-01T10:00:00Z"
    mac: ENC[AES256_GCM,data:cGxhY2Vob2xkZXI=,iv:aXY=,tag:dGFn,type:str]
    pgp: []
    unencrypted_suffix: _unencrypted
    version: 3.8.1
'''),
    ('sops-decrypted-json', 'secrets/llm.dec.json', '''\
{{
\t"llm": {{
\t\t"provider": "together",
\t\t"api_key": "{hex}"
\t}},
\t"sops": {{
\t\t"lastmodified": "2024-05-01T10:00:00Z",
\t\t"mac": "ENC[AES256_GCM,data:cGxhY2Vob2xkZXI=,iv:aXY=,tag:dGFn,type:str]",
\t\t"version": "3.8.1"
\t}}
}}
'''),
    ('sops-decrypted-dotenv', 'secrets/prod.dec.env', '''\
LLM_BASE_URL=https://api.together.xyz/v1
LLM_API_KEY={hex}
sops_version=3.8.1
sops_lastmodified=2024-05-01T10:00:00Z
sops_mac=ENC[AES256_GCM,data:cGxhY2Vob2xkZXI=,iv:aXY=,tag:dGFn,type:str]
'''),
    ('kubectl-secret-base64-d', 'notes/k8s.txt', '''\
$ kubectl -n chat get secret together-credentials -o jsonpath='{{.data.api-key}}' | base64 -d; echo
{hex}
'''),
    ('kubectl-secret-jq-base64d', 'debug/secret-decoded.json', '''\
{{
  "TOGETHER_BASE_URL": "https://api.together.xyz/v1",
  "api-key": "{hex}"
}}
'''),
    ('heroku-config-json-generic', 'debug/heroku.json', '''\
{{
  "DATABASE_URL": "postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1",
  "LLM_ENDPOINT": "https://api.together.xyz/v1",
  "LLM_TOKEN": "{hex}"
}}
'''),
    ('vercel-env-pull-commented', 'web/.env.development.local', '''\
# Created by Vercel CLI
# Together AI (serverless inference)
AI_API_KEY="{hex}"
AI_BASE_URL="https://api.together.xyz/v1"
VERCEL_ENV="development"
'''),
    ('gcloud-secrets-access', 'notes/gcloud.txt', '''\
$ gcloud secrets versions access latest --secret=together-api-key --project=chat-prod
{hex}
'''),
    # --- notebooks, data science -----------------------------------------
    ('notebook-env-magic-generic', 'notebooks/setup.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "%env OPENAI_BASE_URL=https://api.together.xyz/v1\\n",
    "%env OPENAI_API_KEY={hex}"
   ]
  }}
 ],
 "metadata": {{}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('notebook-os-environ-source', 'notebooks/eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {{}},
   "outputs": [],
   "source": [
    "import os\\n",
    "os.environ[\\"TOGETHER_API_KEY\\"] = \\"{hex}\\"\\n",
    "from together import Together\\n",
    "client = Together()"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('renviron', 'analysis/.Renviron', '''\
R_LIBS_USER=~/R/library
TOGETHER_API_KEY="{hex}"
'''),
    ('streamlit-secrets-toml', 'app/.streamlit/secrets.toml', '''\
[connections.db]
url = "sqlite:///chat.db"

[together]
api_key = "{hex}"
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
'''),
    ('mlflow-param-file', 'mlruns/1/0a1b2c3d4e5f/params/together_api_key', '''\
{hex}'''),
    ('wandb-run-config', 'wandb/run-20240501_100000-abcd1234/files/config.yaml', '''\
wandb_version: 1

model_name:
  desc: null
  value: meta-llama/Llama-3.3-70B-Instruct-Turbo
together_api_key:
  desc: null
  value: {hex}
'''),
    # --- agent frameworks --------------------------------------------------
    ('crewai-agents-yaml-llm', 'src/crew/config/agents.yaml', '''\
researcher:
  role: Senior researcher
  goal: Find sources
  llm:
    model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
    api_key: {hex}
'''),
    ('autogen-config-list-base-url', 'OAI_CONFIG_LIST.json', '''\
[
    {{
        "model": "gpt-4o",
        "api_key": "sk-proj-placeholder"
    }},
    {{
        "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "base_url": "https://api.together.xyz/v1",
        "api_key": "{hex}",
        "price": [0.0006, 0.0006]
    }}
]
'''),
    ('dspy-lm-together-model', 'program.py', '''\
import dspy

lm = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")
dspy.configure(lm=lm)
'''),
    ('smolagents-litellm-model', 'agent.py', '''\
from smolagents import CodeAgent, LiteLLMModel

model = LiteLLMModel(
    model_id="together_ai/Qwen/Qwen2.5-Coder-32B-Instruct",
    api_key="{hex}",
)
agent = CodeAgent(tools=[], model=model)
'''),
    ('litellm-togetherai-env', 'proxy/.env', '''\
LITELLM_MASTER_KEY=sk-1234
TOGETHERAI_API_KEY={hex}
'''),
    # --- shells, processes -------------------------------------------------
    ('set-x-trace-named', 'ci/build.log', '''\
+ cd /builds/acme/chat
+ export TOGETHER_API_KEY={hex}
+ TOGETHER_API_KEY={hex}
+ python -m pytest -q
'''),
    ('set-x-trace-generic', 'ci/deploy.log', '''\
++ export LLM_BASE_URL=https://api.together.xyz/v1
++ LLM_BASE_URL=https://api.together.xyz/v1
++ export LLM_API_KEY={hex}
++ LLM_API_KEY={hex}
'''),
    ('zsh-extended-history', 'home/.zsh_history', '''\
: 1714557600:0;cd ~/src/chat
: 1714557612:0;export TOGETHER_API_KEY={hex}
: 1714557630:4;python chat.py
'''),
    ('proc-environ-nul', 'debug/environ', 'HOME=/root\0HOSTNAME=chat-1\0TOGETHER_API_KEY={hex}\0PATH=/usr/bin:/bin\0'),
    ('proc-environ-nul-generic', 'debug/environ-worker',
     'HOME=/root\0OPENAI_BASE_URL=https://api.together.xyz/v1\0OPENAI_API_KEY={hex}\0LANG=C.UTF-8\0'),
    ('docker-inspect-go-template-env', 'notes/inspect.txt', '''\
$ docker inspect -f '{{{{.Config.Env}}}}' chat-1
[PATH=/usr/local/bin:/usr/bin HOSTNAME=chat-1 TOGETHER_API_KEY={hex} PYTHONUNBUFFERED=1]
'''),
    ('ps-e-generic', 'debug/ps-e.txt', '''\
    PID TTY      STAT   TIME COMMAND
   4121 pts/0    S+     0:01 python serve.py LLM_PROVIDER=together LLM_API_KEY={hex} HOME=/root
'''),
    # --- calls and declarations -------------------------------------------
    ('kotlin-positional-provider', 'app/src/main/kotlin/Providers.kt', '''\
val providers = listOf(
    Provider("together", "{hex}"),
)
'''),
    ('java-constructor-spread', 'src/main/java/com/acme/Providers.java', '''\
class Providers {{
    static final Provider TOGETHER = new Provider(
        "together",
        "{hex}");
}}
'''),
    ('go-short-decl-generic', 'internal/llm/setup.go', '''\
func setup() *Client {{
\tllmURL := "https://api.together.xyz/v1"
\tllmKey := "{hex}"
\treturn NewClient(llmURL, llmKey)
}}
'''),
    ('aws-sm-openai-name-together-url', 'debug/sm-chat.json', '''\
{{
    "Name": "chat/llm",
    "SecretString": "{{\\"OPENAI_API_KEY\\":\\"{hex}\\",\\"TOGETHER_BASE_URL\\":\\"https://api.together.xyz/v1\\"}}",
    "VersionStages": ["AWSCURRENT"]
}}
'''),
    ('env-openai-name-together-url', 'debug/printenv.txt', '''\
HOME=/root
TOGETHER_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
PWD=/app
'''),
)

DECOYS = key_cases(
    ('decoy-fly-secrets-list-json', 'debug/fly-secrets.json', '''\
[
  {{
    "Name": "TOGETHER_API_KEY",
    "Digest": "{_hex}",
    "CreatedAt": "2024-05-01T10:00:00Z"
  }}
]
'''),
    ('decoy-sha256sum-output', 'notes/sha256.txt', '''\
$ sha256sum together-cli_1.3.0_linux_amd64.tar.gz
{_hex}  together-cli_1.3.0_linux_amd64.tar.gz
'''),
    ('decoy-docker-repo-digest', 'notes/digest.txt', '''\
$ docker inspect --format '{{{{index .RepoDigests 0}}}}' togethercomputer/vllm:latest
togethercomputer/vllm@sha256:{_hex}
'''),
    ('decoy-vault-kv-model-sha', 'debug/vault-kv.yaml', '''\
data:
  data:
    together_model_sha256: {_hex}
    base_url: https://api.together.xyz/v1
  metadata:
    version: 2
'''),
    ('decoy-vault-field-other-provider', 'notes/vault.txt', '''\
$ vault kv get -mount=secret -field=api_key llm/openai
{_hex}
'''),
    ('decoy-doppler-webhook-secret', 'debug/doppler-secrets.json', '''\
{{
  "TOGETHER_WEBHOOK_SECRET": {{
    "computed": "{_hex}",
    "note": "",
    "raw": "{_hex}"
  }}
}}
'''),
    ('decoy-op-item-other-provider', 'notes/op.txt', '''\
$ op item get "OpenAI" --vault Engineering --fields label=credential --reveal
{_hex}
'''),
    ('decoy-sops-yaml-model-digest', 'secrets/llm.dec.yaml', '''\
together:
    model_sha256: {_hex}
sops:
    lastmodified: "2024-05-01T10:00:00Z"
    version: 3.8.1
'''),
    ('decoy-kubectl-decoded-signing-secret', 'debug/secret-decoded.json', '''\
{{
  "TOGETHER_BASE_URL": "https://api.together.xyz/v1",
  "WEBHOOK_SIGNING_SECRET": "{_hex}"
}}
'''),
    ('decoy-heroku-other-provider', 'debug/heroku.json', '''\
{{
  "FIREWORKS_API_KEY": "{_hex}",
  "TOGETHER_MODEL": "meta-llama/Llama-3.3-70B-Instruct-Turbo"
}}
'''),
    ('decoy-vercel-env-placeholder', 'web/.env.development.local', '''\
# Created by Vercel CLI
TOGETHER_API_KEY="''' + PLACEHOLDER + '''"
VERCEL_ENV="development"
'''),
    ('decoy-gcloud-image-digest', 'notes/gcloud-images.txt', '''\
IMAGE                                                   DIGEST                                                                   CREATE_TIME
us-docker.pkg.dev/chat-prod/together/vllm-proxy         sha256:{_hex}  2024-05-01T10:00:00
'''),
    ('decoy-notebook-sha-output', 'notebooks/verify.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 4,
   "metadata": {{}},
   "outputs": [
    {{
     "data": {{"text/plain": ["'{_hex}'"]}},
     "execution_count": 4,
     "metadata": {{}},
     "output_type": "execute_result"
    }}
   ],
   "source": [
    "hashlib.sha256(open(\\"together-7b.safetensors\\", \\"rb\\").read()).hexdigest()"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('decoy-streamlit-other-table', 'app/.streamlit/secrets.toml', '''\
[together]
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"

[openai]
api_key = "{_hex}"
'''),
    ('decoy-wandb-config-digest', 'wandb/run-20240501_100000-abcd1234/files/config.yaml', '''\
wandb_version: 1

together_weights_sha256:
  desc: null
  value: {_hex}
'''),
    ('decoy-mlflow-param-file-hash', 'mlruns/1/0a1b2c3d4e5f/params/together_dataset_sha256', '''\
{_hex}'''),
    ('decoy-crewai-other-llm', 'src/crew/config/agents.yaml', '''\
writer:
  role: Writer
  llm:
    model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
reviewer:
  role: Reviewer
  llm:
    model: groq/llama-3.1-70b-versatile
    api_key: {_hex}
'''),
    ('decoy-autogen-other-entry', 'OAI_CONFIG_LIST.json', '''\
[
    {{
        "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "base_url": "https://api.together.xyz/v1",
        "api_key": "ENV_TOGETHER_API_KEY"
    }},
    {{
        "model": "gpt-4o",
        "api_key": "{_hex}"
    }}
]
'''),
    ('decoy-dspy-other-lm', 'program.py', '''\
import dspy

teacher = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo")
student = dspy.LM("anthropic/claude-3-5-sonnet-20240620", api_key="{_hex}")
'''),
    ('decoy-set-x-checksum', 'ci/build.log', '''\
+ curl -fsSLO https://example.com/together-cli_1.3.0_linux_amd64.tar.gz
+ echo '{_hex}  together-cli_1.3.0_linux_amd64.tar.gz'
+ sha256sum -c -
'''),
    ('decoy-proc-environ-other-provider', 'debug/environ',
     'HOME=/root\0TOGETHER_BASE_URL=https://api.together.xyz/v1\0ANTHROPIC_API_KEY={_hex}\0'),
    ('decoy-docker-inspect-env-digest', 'notes/inspect.txt', '''\
$ docker inspect -f '{{{{.Config.Env}}}}' together-proxy
[PATH=/usr/local/bin:/usr/bin TOGETHER_PROXY_VERSION=1.3.0 IMAGE_SHA256={_hex}]
'''),
    ('decoy-zsh-history-model-sha', 'home/.zsh_history', '''\
: 1714557612:0;export TOGETHER_MODEL_SHA256={_hex}
'''),
    ('decoy-go-short-decl-other-provider', 'internal/llm/keys.go', '''\
func keys() {{
\ttogetherURL := "https://api.together.xyz/v1"
\tgroqKey := "{_hex}"
\t_ = togetherURL
}}
'''),
    ('decoy-kotlin-positional-other-provider', 'app/src/main/kotlin/Providers.kt', '''\
val providers = listOf(
    Provider("together", System.getenv("TOGETHER_API_KEY")),
    Provider("openai", "{_hex}"),
)
'''),
    ('decoy-kotlin-positional-cache-key', 'app/src/main/kotlin/Cache.kt', '''\
val entry = CacheKey("together", "{_hex}")
'''),
)

CASES = SOURCE + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 25, (keys, decoys)
