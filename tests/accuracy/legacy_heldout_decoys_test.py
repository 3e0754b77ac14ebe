"""Hard decoys for the legacy held-out set: 64-hex digests, ids and
fixtures in the same formats as legacy_heldout_test's keys, beside the
word "together" (a package, a repository, sympy's ``together()``, prose)
or inside files that configure Together, under names that are not a
credential's."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    ('lfs-pointer-manifest', 'models/MANIFEST.txt', '''\
together_model.safetensors: oid sha256:{_hex} size 14483464
together_tokenizer.json: oid sha256:{_hex2} size 1842764
'''),
    ('lfs-pointer', 'weights/together-7b.bin', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 13476839424
# togethercomputer/RedPajama-INCITE-7B-Base
'''),
    ('hf-siblings-metadata', 'cache/togethercomputer__llama-2-7b-32k.json', '''\
{{
  "id": "togethercomputer/LLaMA-2-7B-32K",
  "siblings": [
    {{"rfilename": "model-00001-of-00002.safetensors",
     "lfs": {{"sha256": "{_hex}", "size": 9976576152}}}},
    {{"rfilename": "model-00002-of-00002.safetensors",
     "lfs": {{"sha256": "{_hex2}", "size": 3500296424}}}}
  ]
}}
'''),
    ('sympy-together-expected-digest', 'tests/test_simplify.py', '''\
from sympy import symbols, together

x, y = symbols("x y")
expr = together(1 / x + 1 / y)
EXPECTED_SHA256 = "{_hex}"
'''),
    ('prose-together-commit', 'CHANGELOG.md', '''\
## 1.4.0

We worked together on the key rotation flow; see commit {_hex}
for the token refresh fix, and {_hex2} for the password reset.
'''),
    ('hmac-doc-example', 'docs/webhooks.md', '''\
Together signs every webhook. To check a delivery, compute the HMAC:

```python
hmac.new(b"whsec_test", body, hashlib.sha256).hexdigest()
# -> "{_hex}"
```

The signature header then reads `X-Together-Signature: sha256={_hex2}`.
'''),
    ('provider-digest-map', 'tests/fixtures/digests.py', '''\
EXPECTED_SHA256 = {{
    "together": "{_hex}",
    "openai": "{_hex2}",
}}
'''),
    ('helm-rendered-checksum-annotation', 'rendered/deployment.yaml', '''\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: together-proxy
spec:
  template:
    metadata:
      annotations:
        checksum/config: {_hex}
        checksum/secret: {_hex2}
    spec:
      containers:
        - name: proxy
          env:
            - name: OPENAI_BASE_URL
              value: https://api.together.xyz/v1
            - name: OPENAI_API_KEY
              valueFrom:
                secretKeyRef:
                  name: together
                  key: api-key
'''),
    ('ansible-get-url-checksum', 'roles/llm/tasks/main.yml', '''\
- name: Download the Together CLI
  ansible.builtin.get_url:
    url: https://api.together.xyz/downloads/together-cli-linux-amd64
    dest: /usr/local/bin/together
    checksum: "sha256:{_hex}"
'''),
    ('docker-inspect', 'debug/inspect.json', '''\
[
  {{
    "Id": "{_hex}",
    "Image": "sha256:{_hex2}",
    "Config": {{
      "Env": [
        "OPENAI_BASE_URL=https://api.together.xyz/v1",
        "TOGETHER_API_KEY="
      ]
    }}
  }}
]
'''),
    ('git-log-sha256-repo', 'notes/log.txt', '''\
commit {_hex}
Merge: 1a2b3c4 5d6e7f8
Author: Dev <dev@example.com>

    Merge pull request #42 from acme/together-api-key-rotation

commit {_hex2}
'''),
    ('together-api-key-id', '.env.example', '''\
TOGETHER_API_KEY_ID={_hex}
TOGETHER_API_KEY=
'''),
    ('compose-other-secret-in-env-block', 'docker-compose.yml', '''\
services:
  api:
    image: acme/api:1.2
    environment:
      OPENAI_BASE_URL: https://api.together.xyz/v1
      OPENAI_API_KEY: ${{TOGETHER_API_KEY}}
      SESSION_SECRET: {_hex}
      DB_PASSWORD: {_hex2}
'''),
    ('k8s-configmap-digest', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: together-router
data:
  LLM_PROVIDER: together
  MODEL_DIGEST: {_hex}
  PROMPT_TEMPLATE_SHA256: {_hex2}
'''),
    ('pytest-parametrize-hash-vectors', 'tests/test_hash.py', '''\
@pytest.mark.parametrize("word,digest", [
    ("together", "{_hex}"),
    ("apart", "{_hex2}"),
])
def test_sha256(word, digest):
    assert hashlib.sha256(word.encode()).hexdigest() == digest
'''),
    ('poetry-lock-files', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
description = "Python client for Together's Cloud Platform!"
optional = false
python-versions = "<4.0,>=3.8"
files = [
    {{file = "together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
    {{file = "together-1.3.3.tar.gz", hash = "sha256:{_hex2}"}},
]
'''),
    ('cosign-digest-together-image', 'release.md', '''\
Verify the image before deploying the Together gateway:

    cosign verify ghcr.io/acme/together-gateway@sha256:{_hex} \\
      --certificate-identity-regexp 'acme'
'''),
    ('together-finetune-response', 'runs/ft.json', '''\
{{
  "id": "ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f",
  "model": "meta-llama/Meta-Llama-3-8B",
  "training_file": "file-7f8e6b7a-8d1c-4f6e-9b1a-2c3d4e5f6a7b",
  "training_file_sha256": "{_hex}",
  "status": "completed",
  "token_count": 41210
}}
'''),
    ('nix-together-fetchurl', 'pkgs/together/default.nix', '''\
{{ fetchurl }}:
fetchurl {{
  url = "https://files.pythonhosted.org/packages/together-1.3.3.tar.gz";
  sha256 = "{_hex}";
}}
'''),
    ('csharp-cache-key', 'TogetherCache.cs', '''\
public class TogetherCache {{
    // key of the cached model list (SHA-256 of the request)
    private const string CacheEntry = "{_hex}";
}}
'''),
    ('yaml-together-with-hash-fields', 'together.yaml', '''\
together:
  model: meta-llama/Llama-3-8b-chat-hf
  revision: {_hex}
  weights_sha256: {_hex2}
'''),
    ('go-test-session-token-other', 'auth_test.go', '''\
func TestTogether(t *testing.T) {{
\t// the two halves must work together
\tsessionToken := "{_hex}"
\tif sign(sessionToken) == "" {{
\t\tt.Fatal("empty")
\t}}
}}
'''),
    # -- round two ------------------------------------------------------------
    ('provider-selector-other-sub-block', 'config.json', '''\
{{
  "provider": "together",
  "openai": {{"base_url": "https://llm.example.com/v1", "model": "gpt-4o", "api_key": "{_hex}"}},
  "together": {{"model": "meta-llama/Llama-3-8b-chat-hf", "api_key": "${{TOGETHER_API_KEY}}"}}
}}
'''),
    ('together-api-key-sha-field', 'audit.yaml', '''\
together:
  api_key_sha256: {_hex}
  rotated: 2024-05-01
'''),
    ('sigstore-bundle-together-dist', 'together-1.3.3.tar.gz.sigstore.json', '''\
{{"subject": [{{"name": "together-1.3.3.tar.gz",
  "digest": {{"sha256": "{_hex}"}}}}]}}
'''),
    ('conda-lock-together', 'conda-lock.yml', '''\
package:
  - name: together
    version: 1.3.3
    manager: pip
    hash:
      sha256: {_hex}
'''),
    ('webhook-secret-readme', 'README.md', '''\
Our bot talks to Together (`api.together.xyz`) and to GitHub.
Set `GITHUB_WEBHOOK_SECRET={_hex}` only in your local `.env`.
'''),
    ('configparser-digest', 'tests/test_cache.py', '''\
cache.set("together", "sha256", "{_hex}")
'''),
    ('mem0-other-provider-key', 'memory_cfg.py', '''\
config = {{
    "llm": {{"provider": "together", "config": {{"model": "m"}}}},
    "vector_store": {{
        "provider": "qdrant",
        "config": {{"url": "https://qdrant.example.com", "api_key": "{_hex}"}},
    }},
}}
'''),
    # -- round three: decoys in the shapes the new grammar reads ------------
    ('lambda-other-key-beside-together', 'infra/fn.tf', '''\
resource "aws_lambda_function" "chat" {{
  environment {{
    variables = {{
      LLM_ENDPOINT   = "https://api.together.xyz/v1"
      ENCRYPTION_KEY = "{_hex}"
      CACHE_KEY      = "{_hex2}"
    }}
  }}
}}
'''),
    ('together-heading-cache-key', 'config/cache.yaml', '''\
together:
  model: meta-llama/Llama-3-8b-chat-hf
  cache_key: {_hex}
  idempotency_key: {_hex2}
'''),
    ('pip-hash-argv', 'Dockerfile', '''\
RUN ["pip", "install", "--require-hashes", "together==1.3.3", "--hash", "sha256:{_hex}"]
'''),
    ('provider-list-other-model', 'config/providers.yaml', '''\
providers:
  together:
    base_url: https://api.together.xyz/v1
    api_key: ${{TOGETHER_API_KEY}}
  deepinfra:
    model: meta-llama/Meta-Llama-3-70B-Instruct
    api_key: {_hex}
'''),
    ('hydra-other-target', 'conf/db.yaml', '''\
_target_: acme.db.Postgres
together_cluster: true
password: {_hex}
'''),
    ('argv-token-other-host', 'run.sh', '''\
exec ["python", "sync.py", "--token", "{_hex}", "--host", "https://sync.example.com"]
# models come from together
'''),
    ('name-eq-digest-list', 'SHA256SUMS.txt', '''\
together={_hex}
together-cli={_hex2}
'''),
    ('sentence-together-equals', 'docs/faq.md', '''\
Put the pieces together=> the digest is {_hex}.
'''),
)

results, test_case = make_tests(CASES)
