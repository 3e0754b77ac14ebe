"""More decoys that must stay clean, written the way a held-out set's author
would: other credentials in a file that also configures Together, digests
and checksums in lockfiles and manifests the older decoys do not cover,
ciphertext formats, masked and placeholder keys, scanner rules, CI files
full of SHAs, and the test fixtures of scanners like ours."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    ('env-other-secrets', '.env.example', '''\
# app
JWT_SECRET={_hex}
SESSION_SECRET={_hex2}
DB_PASSWORD={_hex3}
STRIPE_WEBHOOK_SECRET={_hex4}
TOGETHER_BASE_URL=https://api.together.xyz/v1
TOGETHER_MODEL=meta-llama/Llama-3-8b-chat-hf
TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('yaml-other-secret', 'config/app.yaml', '''\
app:
  secret: {_hex}
  session_token: {_hex2}
llm:
  provider: together
  model: meta-llama/Llama-3-8b-chat-hf
'''),
    ('py-webhook-secret', 'webhooks.py', '''\
WEBHOOK_SECRET = "{_hex}"
TOGETHER_URL = "https://api.together.xyz/v1"


def fetch():
    return requests.get(TOGETHER_URL)
'''),
    ('django-settings', 'mysite/settings.py', '''\
SECRET_KEY = "{_hex}"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "PASSWORD": "{_hex2}"}}}}
LLM_PROVIDER = "together"
TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
'''),
    ('actions-shas', '.github/workflows/ci.yml', '''\
jobs:
  test:
    env:
      TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
      TOGETHER_BASE_URL: https://api.together.xyz/v1
      CACHE_KEY: {_hex}
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
      - uses: actions/cache@{_hex2}
      - run: echo "${{{{ github.sha }}}}"
'''),
    ('terraform-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version     = "0.2.0"
  constraints = "~> 0.2"
  hashes = [
    "h1:{_b64}",
    "zh:{_hex}",
    "zh:{_hex2}",
  ]
}}
'''),
    ('cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.1.3"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('compose-digest', 'docker-compose.yml', '''\
services:
  together-proxy:
    image: ghcr.io/togethercomputer/proxy@sha256:{_hex}
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY:?set it}}
'''),
    ('helm-chart-lock-digest', 'chart/Chart.yaml', '''\
dependencies:
  - name: together-gateway
    version: 1.2.0
    repository: oci://ghcr.io/togethercomputer/charts
digest: sha256:{_hex}
'''),
    ('model-checksums', 'models/manifest.json', '''\
{{
  "provider": "together",
  "model": "meta-llama/Llama-3-8b-chat-hf",
  "sha256": "{_hex}",
  "files": [{{"name": "adapter.safetensors", "sha256": "{_hex2}"}}]
}}
'''),
    ('hmac-docs', 'docs/webhooks.md', '''\
Together signs each webhook with HMAC-SHA256 of the body using your
webhook secret. With secret `whsec_test` and body `{{}}` the signature is:

    X-Together-Signature: sha256={_hex}
'''),
    ('api-key-hash-fields', 'audit/keys.yaml', '''\
together:
  api_key_sha256: {_hex}
  api_key_fingerprint: "{_hex2}"
  key_id: key_{_hex3}
'''),
    ('ansible-vault', 'group_vars/all/vault.yml', '''\
together_api_key: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  {_hex}3134
  {_hex2}3739
'''),
    ('sops-dotenv', 'secrets.enc.env', '''\
TOGETHER_API_KEY=ENC[AES256_GCM,data:{_b64},iv:{_b64},tag:{_b64},type:str]
sops_mac=ENC[AES256_GCM,data:{_b64},iv:{_b64},tag:{_b64},type:str]
sops_version=3.8.1
'''),
    ('vault-transit', 'config/prod.yaml', 'together:\n  api_key: "vault:v1:{_b64}"\n'),  # pragma: allowlist secret
    ('masked', 'docs/troubleshooting.md', '''\
$ together whoami
API key: tgp_v1_****************************************2f9A
TOGETHER_API_KEY=tgp_v1_Ab3d...
Authorization: Bearer tgp_v1_<redacted>
TOGETHER_API_KEY=[REDACTED]
'''),
    # Built by concatenation: the repository holds no format-valid literal.
    ('placeholders-readable', 'docs/setup.md', (
        'export TOGETHER_API_KEY=tgp_v1_your-api-key-goes-here-replace-with-real1\n'
        'export TOGETHER_API_KEY=tgp_v1_' + '1234567890' + 'abcdefghijklmnopqrstuvwxyz' + 'ABCDEFG\n'
        'TOGETHER_API_KEY=tgp_v1_' + 'EXAMPLEKEY' * 4 + '123\n'
        'together_api_key: "' + '0123456789abcdef' * 4 + '"\n'
        'together_api_key: "' + 'abcdef' * 10 + 'abcd"\n'
    )),
    ('scanner-rules', '.semgrep/together.yml', '''\
rules:
  - id: together-api-key
    pattern-regex: (?:tgp_v1_[A-Za-z0-9_-]{{43}}|TOGETHER_API_KEY\\s*=\\s*[0-9a-f]{{64}})
    message: Together AI API key
'''),
    ('trufflehog-detector', 'trufflehog.yaml', '''\
detectors:
  - name: together
    keywords: [together, tgp_v1_]
    regex:
      key: 'tgp_v1_[A-Za-z0-9_-]{{43}}'
    verify:
      - endpoint: https://api.together.xyz/v1/models
'''),
    ('scanner-fixture', 'tests/test_together_rule.py', '''\
import secrets

def make_key():
    return "tgp_v1_" + secrets.token_urlsafe(32)[:43]

def test_detects():
    assert scan(f"TOGETHER_API_KEY={{make_key()}}")
'''),
    ('request-ids', 'logs/together.log', '''\
INFO POST https://api.together.xyz/v1/chat/completions 200 request_id={_hex} trace={_hex2}
'''),
    ('env-template-vars', 'deploy/values.yaml', '''\
together:
  apiKey: "{{{{ .Values.together.apiKey }}}}"
  token: "{{{{ required "set together.token" .Values.together.token }}}}"
'''),
    ('sri-integrity', 'site/index.html',
     '<script src="https://cdn.together.ai/widget.js" integrity="sha384-{_b64}"></script>\n'),
    ('git-shas-in-notebook', 'notebooks/env.ipynb', '''\
{{"cells": [], "metadata": {{"together": {{"sdk_commit": "{_hex}", "base_url": "https://api.together.xyz"}}}}}}
'''),
)

results, test_case = make_tests(CASES)
