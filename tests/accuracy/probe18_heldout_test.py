"""An eighteenth held-out probe (session 22): keys where the earlier sets
wrote none.  Legacy keys (64 lowercase hex) set by code rather than read
(``os.Setenv``, ``std::env::set_var``, ``System.put_env``, ``putenv``,
``$ENV{...} =``, Julia's ``ENV[...] =``, PowerShell's ``$env:`` and
``[Environment]::SetEnvironmentVariable``, ``cmd``'s ``set "..."``,
``reg add HKCU\\Environment``), JavaScript test runners' configuration
(Vitest, Playwright, Cypress, a Jest setup file, Next.js ``env``, EAS),
secret managers' command lines (``vault kv put``/``get -field``,
``pass show``, Doppler, Infisical, chamber, ``wrangler secret put`` fed
by a pipe), and ``tgp_v1_`` keys in unusual places (a YAML double-quoted
string continued over lines, a PowerShell here-string, a git
credential store, a Sentry event, a SQL seed).  The decoys are 64-hex
values that are no key beside "together": webhook and request signatures
(GitHub, Stripe, Slack, AWS SigV4 and presigned URLs), a Hugging Face
cache's blob names, ``certutil`` output, a notebook's signature, a
SHA-256 git repository's commit ids in a together-named CI job, a
checksums table.  Written before any fix; what the 03916bf code missed is
in ``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the eighteenth held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- code that sets the variable -----------------------------------------------------------

SETTERS = key_cases(
    ('go-os-setenv', 'internal/llm/testenv.go', '''\
package llm

import "os"

func init() {{
\tos.Setenv("TOGETHER_API_KEY", "{hex}")
}}
'''),
    ('rust-set-var', 'examples/chat.rs', '''\
fn main() {{
    std::env::set_var("TOGETHER_API_KEY", "{hex}");
    let client = together::Client::from_env();
}}
'''),
    ('elixir-put-env', 'config/runtime.exs', '''\
import Config

System.put_env("TOGETHER_API_KEY", "{hex}")
'''),
    ('php-putenv', 'bootstrap/llm.php', '''\
<?php
putenv("TOGETHER_API_KEY={hex}");
$client = new Together\\Client(getenv("TOGETHER_API_KEY"));
'''),
    ('perl-env-hash', 'script/chat.pl', '''\
use strict;
$ENV{{TOGETHER_API_KEY}} = '{hex}';
'''),
    ('julia-env-index', 'scripts/setup.jl', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
using OpenAI
'''),
    ('powershell-env-drive', 'scripts/dev.ps1', '''\
$env:TOGETHER_API_KEY = "{hex}"
python -m app
'''),
    ('powershell-set-environment-variable', 'scripts/install.ps1', '''\
[System.Environment]::SetEnvironmentVariable('TogetherApiKey', '{hex}', 'User')
'''),
    ('cmd-set-quoted', 'scripts/dev.cmd', '''\
@echo off
set "TOGETHER_API_KEY={hex}"
python -m app
'''),
    ('reg-add-environment', 'scripts/setup.bat', '''\
reg add "HKCU\\Environment" /v TOGETHER_API_KEY /t REG_SZ /d {hex} /f
'''),
    ('launchctl-setenv', 'scripts/macos-setup.sh', '''\
launchctl setenv TOGETHER_API_KEY {hex}
'''),
    ('java-system-set-property', 'src/test/java/LlmIT.java', '''\
class LlmIT {{
    static {{ System.setProperty("together.api.key", "{hex}"); }}
}}
'''),
    ('jest-setup-assign', 'test/setupEnv.js', '''\
process.env.TOGETHER_API_KEY = '{hex}';
process.env.NODE_ENV = 'test';
'''),
)

# -- JavaScript tooling's configuration ------------------------------------------------------

JS = key_cases(
    ('vitest-config-env', 'vitest.config.ts', '''\
import {{ defineConfig }} from 'vitest/config'

export default defineConfig({{
  test: {{
    environment: 'node',
    env: {{
      TOGETHER_API_KEY: '{hex}',
    }},
  }},
}})
'''),
    ('playwright-extra-headers', 'playwright.config.ts', '''\
export default defineConfig({{
  use: {{
    baseURL: 'https://api.together.xyz',
    extraHTTPHeaders: {{
      Authorization: 'Bearer {hex}',
    }},
  }},
}});
'''),
    ('cypress-env-json', 'cypress.env.json', '''\
{{
  "togetherApiKey": "{hex}",
  "baseUrl": "http://localhost:3000"
}}
'''),
    ('nextjs-config-env', 'next.config.js', '''\
module.exports = {{
  reactStrictMode: true,
  env: {{
    TOGETHER_API_KEY: '{hex}',
  }},
}}
'''),
    ('eas-build-env', 'eas.json', '''\
{{
  "build": {{
    "preview": {{
      "distribution": "internal",
      "env": {{
        "EXPO_PUBLIC_TOGETHER_API_KEY": "{hex}"
      }}
    }}
  }}
}}
'''),
)

# -- secret managers' command lines ----------------------------------------------------------

CLIS = key_cases(
    ('vault-kv-put', 'notes/vault.txt', '''\
$ vault kv put secret/llm/together api_key={hex}
'''),
    ('vault-kv-get-field-odd-name', 'notes/vault-get.txt', '''\
$ vault kv get -field=api-token secret/together
{hex}
'''),
    ('pass-show-public-folder', 'notes/pass.txt', '''\
$ pass show api/public/together
{hex}
'''),
    ('doppler-secrets-set', 'notes/doppler.txt', '''\
$ doppler secrets set TOGETHER_API_KEY="{hex}" --project llm --config dev
'''),
    ('infisical-secrets-set', 'notes/infisical.txt', '''\
infisical secrets set TOGETHER_API_KEY={hex} --env=dev
'''),
    ('chamber-write', 'notes/chamber.txt', '''\
$ chamber write together api_key {hex}
'''),
    ('wrangler-secret-piped', 'notes/wrangler.txt', '''\
$ echo "{hex}" | npx wrangler secret put TOGETHER_API_KEY
'''),
)

# -- written after the first run, before any fix for them --------------------------------

LATER = key_cases(
    ('gha-action-with-input', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    steps:
      - uses: togethercomputer/together-eval-action@v1
        with:
          api-key: {hex}
          model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('traceback-frame-in-together-package', 'logs/crash.txt', '''\
Traceback (most recent call last):
  File "/srv/app/.venv/lib/python3.12/site-packages/together/client.py", line 88, in __init__
    api_key = "{hex}"
ValueError: invalid base_url
'''),
    # Together's action's inputs again, its step a list item of a job
    # whose next step is another owner's (each step its own destination).
    ('gha-action-with-input-then-other-step', '.github/workflows/eval2.yml', '''\
steps:
  - uses: actions/checkout@v4
  - uses: "togethercomputer/together-eval-action@v1"
    with:
      model: meta-llama/Llama-3.3-70B-Instruct-Turbo
      api-key: {hex}
  - uses: acme/notify@v2
'''),
    # An action pinned by a 64-hex ref, and another owner's action whose
    # input is a digest, a Together action's step beside it.
    ('decoy-gha-together-action-pinned', '.github/workflows/pin.yml', '''\
steps:
  - uses: togethercomputer/setup-together@{_hex}
  - uses: acme/verify-download@v1
    with:
      url: artifacts/together.tar.gz
      sha256: {_hex2}
'''),
    # Another owner's action given a token, in a job with Together's: the
    # token is that action's service's.
    ('decoy-gha-other-action-token', '.github/workflows/deploy.yml', '''\
steps:
  - uses: togethercomputer/setup-together@v1
  - uses: acme/deploy-action@v2
    with:
      token: {_hex}
'''),
    ('decoy-gha-docker-step-after-together', '.github/workflows/docker.yml', '''\
steps:
  - uses: togethercomputer/setup-together@v1
  - uses: docker://ghcr.io/acme/scanner:1.0
    with:
      args: --digest {_hex}
'''),
    # The same frame's key, the traceback deeper: a frame of another
    # package under it quotes that package's line.
    ('decoy-traceback-frame-in-other-package', 'logs/crash2.txt', '''\
Traceback (most recent call last):
  File "/srv/app/.venv/lib/python3.12/site-packages/together/client.py", line 88, in __init__
    self._client = OpenAI(api_key=key)
  File "/srv/app/.venv/lib/python3.12/site-packages/openai/_client.py", line 120, in __init__
    api_key = "{_hex}"
ValueError: invalid base_url
'''),
    # A frame in Together's package quoting a checksum check.
    ('decoy-traceback-together-frame-checksum', 'logs/crash3.txt', '''\
Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/together/utils/files.py", line 40, in check_file
    assert digest == "{_hex}"
AssertionError
'''),
    ('pydantic-settings-nested-delimiter', '.env', '''\
APP_LLM__TOGETHER__API_KEY={hex}
'''),
    ('decoy-gha-other-action-after-together', '.github/workflows/release.yml', '''\
steps:
  - uses: togethercomputer/setup-together@v1
    with:
      version: 1.3.0
  - uses: acme/upload-artifact@v2
    with:
      checksum: {_hex}
'''),
)

# -- review (session 22): a flow map's unquoted key named for the provider ----------------

FLOW_MAPS = key_cases(
    ('ts-object-together', 'src/providers.ts', '''\
export const providerKeys = {{ openai: process.env.OPENAI_API_KEY, together: "{hex}" }};
'''),
    ('js-object-togetherai', 'scripts/seed.mjs', '''\
await seed({{togetherai: '{hex}'}});
'''),
    ('ruby-symbol-together-ai', 'config/initializers/llm.rb', '''\
LLM_KEYS = {{ together_ai: "{hex}" }}.freeze
'''),
    ('yaml-flow-map', 'config/keys.yml', '''\
llm: {{together: {hex}, model: meta-llama/Llama-3.3-70B-Instruct-Turbo}}
'''),
    ('decoy-ts-checksums-by-package', 'scripts/verify.ts', '''\
const EXPECTED_SHA256 = {{ together: "{_hex}", openai: "{_hex}" }};
'''),
    ('decoy-js-integrity-map', 'scripts/pins.js', '''\
module.exports = {{ integrity: {{ together: "{_hex}" }} }};
'''),
    ('decoy-lockfile-integrity', 'package-lock.json', '''\
{{"packages": {{"node_modules/together": {{"version": "1.3.0", "integrity": "sha256-{_hex}"}}}}}}
'''),
)

# -- review (session 22): Together's config folder, its client object's repr ----------------

MENTIONS = key_cases(
    ('home-config-together-write', 'scripts/install.sh', '''\
install -d "$HOME/.config/together"
cat > "$HOME/.config/together/settings.json" <<'JSON'
{{"api_key": "{hex}", "timeout": 30}}
JSON
'''),
    ('decoy-project-folder-named-together', 'scripts/bootstrap.sh', '''\
mkdir -p ~/together
cat > ~/together/.openai.json <<EOF
{{"api_key": "{_hex}"}}
EOF
'''),
    ('decoy-pytest-locals-other-client', 'logs/pytest.txt', '''\
api_key    = '{_hex}'
client     = <openai.OpenAI object at 0x7f3a2c1b9d90>
together_model = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'
tests/test_chat.py:12: AuthenticationError
'''),
)

# -- tgp_v1_ keys in unusual places -----------------------------------------------------------

CURRENT = key_cases(
    ('yaml-double-quoted-continued', 'config/llm.yaml', '''\
together:
  api_key: "{_key_a}\\
    {_key_b}"
'''),
    ('powershell-here-string', 'scripts/env.ps1', '''\
$body = @"
{{"model": "meta-llama/Llama-3-8b-chat-hf", "api_key": "{key}"}}
"@
'''),
    ('git-credential-store', '.git-credentials', '''\
https://svc:{key}@api.together.xyz
'''),
    ('sentry-event-extra', 'logs/sentry-event.json', '''\
{{"event_id":"9f1c","level":"error","extra":{{"request_headers":{{"Authorization":"Bearer {key}"}}}},"tags":{{"provider":"together"}}}}
'''),
    ('sql-seed-insert', 'db/seeds.sql', '''\
INSERT INTO provider_keys (provider, api_key) VALUES ('together', '{key}');
'''),
    ('reg-file-user-environment', 'setup/user-env.reg', '''\
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Environment]
"TOGETHER_API_KEY"="{hex}"
'''),
)

# -- decoys: 64 hex beside "together" that is no key -----------------------------------------

DECOYS = key_cases(
    ('decoy-github-webhook-signature', 'logs/webhook.log', '''\
POST /hooks/github HTTP/1.1
X-GitHub-Event: push
X-Hub-Signature-256: sha256={_hex}
{{"repository": {{"full_name": "acme/together-bot"}}}}
'''),
    ('decoy-stripe-signature', 'logs/stripe.log', '''\
2026-11-30 10:00:01 together-billing received event
Stripe-Signature: t=1764496801,v1={_hex}
'''),
    ('decoy-slack-signature', 'logs/slack.log', '''\
X-Slack-Request-Timestamp: 1764496801
X-Slack-Signature: v0={_hex}
text=/together ask what is a token
'''),
    ('decoy-aws-sigv4-header', 'logs/curl-v.txt', '''\
> PUT /together-datasets/train.jsonl HTTP/1.1
> Host: s3.us-east-1.amazonaws.com
> x-amz-date: 20261130T100000Z
> Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261130/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={_hex}
'''),
    ('decoy-aws-content-sha256', 'logs/curl-v2.txt', '''\
> PUT /together-datasets/train.jsonl HTTP/1.1
> x-amz-content-sha256: {_hex}
'''),
    ('decoy-presigned-url', 'notes/download.md', '''\
Download the Together fine-tune export:
https://together-exports.s3.amazonaws.com/ft-1234/model.tar?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261130T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={_hex}
'''),
    ('decoy-hf-cache-blobs', 'notes/hf-cache.txt', '''\
$ ls -l ~/.cache/huggingface/hub/models--togethercomputer--RedPajama-INCITE-7B-Chat/snapshots/main/
config.json -> ../../blobs/{_hex}
'''),
    ('decoy-certutil-hashfile', 'notes/verify.txt', '''\
C:\\> certutil -hashfile together-cli-setup.exe SHA256
SHA256 hash of together-cli-setup.exe:
{_hex}
CertUtil: -hashfile command completed successfully.
'''),
    ('decoy-notebook-signature', 'notebooks/together-demo.ipynb', '''\
{{
 "metadata": {{
  "signature": "sha256:{_hex}",
  "kernelspec": {{"name": "python3", "display_name": "Python 3"}}
 }},
 "cells": [{{"cell_type": "code", "source": ["from together import Together"], "outputs": []}}],
 "nbformat": 4, "nbformat_minor": 5
}}
'''),
    ('decoy-sha256-git-ci-log', 'logs/ci.txt', '''\
Run together-integration / test (ubuntu-latest)
  git -c protocol.version=2 fetch --no-tags --depth=1 origin {_hex}
HEAD is now at {_hex2} together: retry on 429
'''),
    ('decoy-checksums-markdown-table', 'docs/downloads.md', '''\
| File | SHA-256 |
|------|---------|
| together-cli-linux-amd64 | {_hex} |
| together-cli-darwin-arm64 | {_hex2} |
'''),
    ('decoy-html-checksum-table', 'docs/downloads.html', '''\
<table>
<tr><th>together-cli release</th><th>sha256</th></tr>
<tr><td>v1.3.0</td><td>{_hex}</td></tr>
</table>
'''),
    ('decoy-cosign-verify', 'logs/cosign.txt', '''\
$ cosign verify ghcr.io/acme/together-proxy:1.2
[{{"critical":{{"identity":{{"docker-reference":"ghcr.io/acme/together-proxy"}},"image":{{"docker-manifest-digest":"sha256:{_hex}"}},"type":"cosign container image signature"}}}}]
'''),
    ('decoy-sbom-component-hash', 'sbom.cdx.json', '''\
{{"components": [{{"name": "together", "version": "1.3.0", "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-request-id-log', 'logs/app.log', '''\
2026-11-30T10:00:00Z INFO together chat.completions ok request_id={_hex} latency_ms=812
'''),
    ('decoy-vault-kv-metadata', 'notes/vault-meta.txt', '''\
$ vault kv metadata get secret/together
======= Metadata =======
Key                Value
---                -----
cas_required       false
current_version    3
checksum_sha256    {_hex}
'''),
)

CASES = SETTERS + JS + CLIS + CURRENT + DECOYS + LATER + FLOW_MAPS + MENTIONS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 30 and decoys >= 15, (keys, decoys)
