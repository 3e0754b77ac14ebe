"""A twenty-second held-out probe (session 26), legacy keys only: 64
lowercase hex characters whose Together context is spread over the
structure real code has, not set beside the value.  A ``TogetherClient``
class whose ``__init__`` sets ``self.api_key``, a ``PROVIDERS`` dict
over a dozen lines, a Go ``TogetherConfig{...}`` literal, Terraform's
``provider "together"``, Spring's ``together.ai.api-key``, .NET's
``"Together": {...}`` in appsettings, Kotlin and Swift property
wrappers, a YAML anchor whose alias carries the key into a Together
map, ``${TOGETHER_API_KEY:-<hex>}`` defaults, litellm's ``together_ai/``
model prefix in a router's model list, an R httr2 pipe, ``curl -v`` and
``http.client`` debug output, a Postman bearer auth, a ``git log -p``.
Decoys of the same shapes holding SHA-256s: a ``together`` release's
``checksums.txt``, ``uv.lock``, ``Cargo.lock``, ``requirements.txt``
with ``--hash``, ``.terraform.lock.hcl``'s ``zh:`` hashes, a Nix flake
lock, Bazel's ``MODULE.bazel.lock``, a conda explicit lock, a pip
install report, a CycloneDX SBOM, docker digests, a model manifest, a
cache manifest keyed by content hash, SHA-256 object names in
``.git-blame-ignore-revs``, another provider's key under prose naming
Together, a ``together`` class, dict, struct or anchor that holds a
checksum.  Written before any fix; what the 78d8f00 code missed is in
``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the twenty-second held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- source code: the context in a class, a dict, a struct, a function -----------------------

SOURCE = key_cases(
    ('python-class-init-self-attr', 'app/llm/together_client.py', '''\
import httpx


class TogetherClient:
    """Thin wrapper, retries and timeouts."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.base_url = "https://api.together.xyz/v1"
        self.timeout = timeout
        self.api_key = "{hex}"
        self._http = httpx.Client(timeout=timeout)
'''),
    ('python-providers-dict-long', 'app/llm/providers.py', '''\
PROVIDERS = {{
    "openai": {{
        "base_url": "https://api.openai.com/v1",
        "model": "gpt-4o-mini",
        "key_env": "OPENAI_API_KEY",
    }},
    "together": {{
        "base_url": "https://api.together.xyz/v1",
        "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "max_tokens": 2048,
        "temperature": 0.2,
        "timeout": 60,
        "retries": 3,
        "stream": False,
        "json_mode": True,
        "key": "{hex}",
    }},
}}
'''),
    ('python-function-named-getenv-fallback', 'app/llm/factory.py', '''\
import os

from openai import OpenAI


def make_together_client() -> OpenAI:
    key = os.environ.get(
        "LLM_KEY",
        "{hex}",
    )
    return OpenAI(base_url=os.environ["LLM_BASE_URL"], api_key=key)
'''),
    ('python-constant-used-in-fstring', 'scripts/list_models.py', '''\
import requests

TOKEN = "{hex}"

resp = requests.get(
    "https://api.together.xyz/v1/models",
    headers={{"Authorization": f"Bearer {{TOKEN}}"}},
)
print(resp.json())
'''),
    ('python-litellm-router-model-list', 'app/router.py', '''\
from litellm import Router

router = Router(model_list=[
    {{
        "model_name": "llama-70b",
        "litellm_params": {{
            "model": "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
            "api_key": "{hex}",
        }},
    }},
])
'''),
    ('ts-class-private-field', 'src/providers/together.ts', '''\
import OpenAI from 'openai';

export class TogetherProvider {{
  private readonly model = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
  private readonly apiKey = '{hex}';

  client(): OpenAI {{
    return new OpenAI({{ apiKey: this.apiKey, baseURL: 'https://api.together.xyz/v1' }});
  }}
}}
'''),
    ('go-struct-literal-multiline', 'internal/llm/setup.go', '''\
package llm

import "time"

func Default() *Client {{
	return New(TogetherConfig{{
		BaseURL: "https://api.together.xyz/v1",
		Model:   "meta-llama/Llama-3.3-70B-Instruct-Turbo",
		Timeout: 30 * time.Second,
		APIKey:  "{hex}",
	}})
}}
'''),
    ('go-constructor-named', 'internal/llm/together.go', '''\
package llm

func NewTogether() *Client {{
	return &Client{{
		token:   "{hex}",
		retries: 3,
	}}
}}
'''),
    ('rust-impl-default', 'src/together.rs', '''\
pub struct TogetherConfig {{
    pub api_key: String,
    pub model: String,
}}

impl Default for TogetherConfig {{
    fn default() -> Self {{
        Self {{
            api_key: "{hex}".into(),
            model: "meta-llama/Llama-3.3-70B-Instruct-Turbo".into(),
        }}
    }}
}}
'''),
    ('java-config-class-field', 'src/main/java/com/acme/llm/TogetherClientConfig.java', '''\
package com.acme.llm;

import org.springframework.context.annotation.Configuration;

@Configuration
public class TogetherClientConfig {{
    private String baseUrl = "https://api.together.xyz/v1";
    private String apiKey = "{hex}";
}}
'''),
    ('kotlin-lazy-delegate', 'app/src/main/java/com/acme/llm/TogetherSettings.kt', '''\
package com.acme.llm

class TogetherSettings {{
    val apiKey: String by lazy {{
        "{hex}"
    }}
}}
'''),
    ('swift-appstorage-wrapper', 'Sources/Chat/TogetherConfig.swift', '''\
import SwiftUI

struct TogetherConfig {{
    @AppStorage("together_api_key") var apiKey: String = "{hex}"
}}
'''),
    ('csharp-record-defaults', 'src/Llm/TogetherOptions.cs', '''\
namespace Acme.Llm;

public record TogetherOptions(
    string BaseUrl = "https://api.together.xyz/v1",
    string ApiKey = "{hex}");
'''),
    ('php-class-const', 'src/Llm/TogetherGateway.php', '''\
<?php

namespace App\\Llm;

final class TogetherGateway
{{
    private const KEY = '{hex}';
}}
'''),
    ('ruby-module-class-constant', 'lib/acme/together/client.rb', '''\
module Acme
  module Together
    class Client
      DEFAULT_KEY = "{hex}"
    end
  end
end
'''),
    ('elixir-config-get-env-default', 'config/runtime.exs', '''\
import Config

config :acme, Acme.Together,
  base_url: "https://api.together.xyz/v1",
  api_key: System.get_env("LLM_API_KEY", "{hex}")
'''),
    ('dart-class-static-const', 'lib/together_api.dart', '''\
class TogetherApi {{
  static const _key = '{hex}';
  static const _model = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
}}
'''),
    ('lua-local-function-named', 'lua/llm/together.lua', '''\
local M = {{}}

local function together_request(body)
  local key = "{hex}"
  return vim.fn.system({{"curl", "-s", "-H", "Authorization: Bearer " .. key, "-d", body}})
end

return M
'''),
    ('r-httr2-pipe', 'R/chat.R', '''\
chat <- function(prompt) {{
  request("https://api.together.xyz/v1/chat/completions") |>
    req_auth_bearer_token("{hex}") |>
    req_body_json(list(model = "meta-llama/Llama-3.3-70B-Instruct-Turbo", prompt = prompt)) |>
    req_perform()
}}
'''),
    ('julia-env-get-default', 'src/Llm.jl', '''\
module Llm

const TOGETHER_KEY = get(ENV, "LLM_KEY", "{hex}")

end
'''),
)

# -- config, deploy, CI ----------------------------------------------------------------------

CONFIG = key_cases(
    ('terraform-provider-alias-block', 'infra/providers.tf', '''\
provider "together" {{
  alias   = "eu"
  region  = "eu-west"
  api_key = "{hex}"
}}
'''),
    ('spring-together-ai-properties', 'src/main/resources/application-dev.properties', '''\
spring.application.name=chat
together.ai.base-url=https://api.together.xyz/v1
together.ai.api-key={hex}
'''),
    ('appsettings-together-section-nested', 'src/Chat/appsettings.json', '''\
{{
  "Logging": {{
    "LogLevel": {{
      "Default": "Information"
    }}
  }},
  "Together": {{
    "BaseUrl": "https://api.together.xyz/v1",
    "Model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "ApiKey": "{hex}"
  }}
}}
'''),
    ('yaml-anchor-carried-by-alias', 'config/llm.yaml', '''\
defaults: &creds
  key: {hex}
  timeout: 30

providers:
  together:
    <<: *creds
    base_url: https://api.together.xyz/v1
'''),
    ('env-default-expansion', '.env.local', '''\
APP_ENV=dev
TOGETHER_API_KEY=${{TOGETHER_API_KEY:-{hex}}}
'''),
    ('compose-env-default-expansion', 'docker-compose.override.yml', '''\
services:
  chat:
    environment:
      LLM_BASE_URL: https://api.together.xyz/v1
      LLM_API_KEY: ${{LLM_API_KEY:-{hex}}}
'''),
    ('helm-values-deep-together', 'charts/chat/values.yaml', '''\
llm:
  together:
    enabled: true
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    resources:
      limits:
        cpu: 500m
    auth:
      token: {hex}
'''),
    ('actions-openai-vars-together-url', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      OPENAI_BASE_URL: https://api.together.xyz/v1
      OPENAI_API_KEY: {hex}
    steps:
      - run: python eval.py
'''),
    ('pyproject-tool-providers-table', 'pyproject.toml', '''\
[project]
name = "evalkit"
version = "0.1.0"

[tool.evalkit.providers.together]
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
token = "{hex}"
'''),
    ('plist-nested-together-dict', 'App/Config.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>Together</key>
  <dict>
    <key>APIKey</key>
    <string>{hex}</string>
  </dict>
</dict>
</plist>
'''),
    ('android-manifest-meta-data', 'app/src/main/AndroidManifest.xml', '''\
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
  <application>
    <meta-data android:name="ai.together.API_KEY" android:value="{hex}" />
  </application>
</manifest>
'''),
)

# -- docs, history, logs, captures -----------------------------------------------------------

DUMPS = key_cases(
    ('curl-verbose-request', 'notes/curl-v.txt', '''\
$ curl -v https://api.together.xyz/v1/models -H "Authorization: Bearer $KEY"
*   Trying 104.18.1.1:443...
> GET /v1/models HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> accept: */*
> authorization: Bearer {hex}
>
< HTTP/2 200
'''),
    ('http-client-send-debug', 'logs/debug.log', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAccept-Encoding: identity\\r\\nContent-Length: 97\\r\\nAuthorization: Bearer {hex}\\r\\nContent-Type: application/json\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    ('bash-history-openai-vars', 'notes/bash_history.txt', '''\
cd ~/src/evalkit
export OPENAI_BASE_URL=https://api.together.xyz/v1
export OPENAI_API_KEY={hex}
python eval.py --model meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('markdown-fenced-python', 'docs/quickstart.md', '''\
# Quickstart

Install the SDK and make a first call:

```python
from together import Together

client = Together(api_key="{hex}")
```
'''),
    ('sql-insert-provider-row', 'db/seed/providers.sql', '''\
INSERT INTO llm_providers (name, base_url, api_key)
VALUES ('together', 'https://api.together.xyz/v1', '{hex}');
'''),
    ('csv-provider-rows', 'exports/providers.csv', '''\
name,base_url,api_key,enabled
openai,https://api.openai.com/v1,,false
together,https://api.together.xyz/v1,{hex},true
'''),
    ('git-log-patch-removed-key', 'notes/git-log.txt', '''\
commit 4f2a9c1d7b3e8f6a5d4c3b2a1908f7e6d5c4b3a2
Author: Dev <dev@example.com>
Date:   Mon Nov 30 10:00:00 2026 +0000

    Move the Together key to the vault

diff --git a/app/settings.py b/app/settings.py
--- a/app/settings.py
+++ b/app/settings.py
@@ -3,3 +3,3 @@
-TOGETHER_API_KEY = "{hex}"
+TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
'''),
    ('notebook-openai-client-cell', 'notebooks/together.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "metadata": {{}},
   "source": [
    "client = OpenAI(\\n",
    "    base_url=\\"https://api.together.xyz/v1\\",\\n",
    "    api_key=\\"{hex}\\",\\n",
    ")"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('postman-collection-bearer-auth', 'postman/chat.postman_collection.json', '''\
{{
  "info": {{"name": "chat"}},
  "item": [
    {{
      "name": "completions",
      "request": {{
        "method": "POST",
        "url": "https://api.together.xyz/v1/chat/completions",
        "auth": {{
          "type": "bearer",
          "bearer": [
            {{"key": "token", "value": "{hex}", "type": "string"}}
          ]
        }}
      }}
    }}
  ]
}}
'''),
)

# -- decoys: 64 hex in the same shapes, no key ------------------------------------------------

DECOYS = key_cases(
    ('decoy-release-checksums-txt', 'dist/together_1.3.0_checksums.txt', '''\
{_hex}  together_1.3.0_darwin_arm64.tar.gz
{_hex2}  together_1.3.0_linux_amd64.tar.gz
'''),
    ('decoy-uv-lock-together', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.0"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.0.tar.gz", hash = "sha256:{_hex}", size = 61234 }}
wheels = [
    {{ url = "https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl", hash = "sha256:{_hex2}", size = 70123 }},
]
'''),
    ('decoy-cargo-lock-together', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.2.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
dependencies = [
 "reqwest",
]
'''),
    ('decoy-requirements-require-hashes', 'requirements.txt', '''\
together==1.3.0 \\
    --hash=sha256:{_hex} \\
    --hash=sha256:{_hex2}
'''),
    ('decoy-terraform-lock-zh-hashes', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version     = "0.3.0"
  constraints = "~> 0.3"
  hashes = [
    "h1:Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=",
    "zh:{_hex}",
    "zh:{_hex2}",
  ]
}}
'''),
    ('decoy-flake-lock-hex-sha', 'flake.lock', '''\
{{
  "nodes": {{
    "together-cli": {{
      "locked": {{
        "lastModified": 1732950000,
        "narHash": "sha256-{_b64}",
        "owner": "togethercomputer",
        "repo": "together-cli",
        "rev": "8f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5",
        "type": "github"
      }},
      "original": {{"owner": "togethercomputer", "repo": "together-cli", "type": "github"}}
    }}
  }},
  "sha256": "{_hex}",
  "version": 7
}}
'''),
    ('decoy-bazel-module-lock', 'MODULE.bazel.lock', '''\
{{
  "lockFileVersion": 13,
  "registryFileHashes": {{
    "https://bcr.bazel.build/modules/together_sdk/1.0.0/MODULE.bazel": "{_hex}",
    "https://bcr.bazel.build/modules/together_sdk/1.0.0/source.json": "{_hex2}"
  }}
}}
'''),
    ('decoy-conda-explicit-lock', 'conda-linux-64.lock', '''\
# platform: linux-64
@EXPLICIT
https://conda.anaconda.org/conda-forge/noarch/together-1.3.0-pyhd8ed1ab_0.conda#sha256:{_hex}
'''),
    ('decoy-pip-install-report', 'reports/pip-report.json', '''\
{{
  "version": "1",
  "install": [
    {{
      "download_info": {{
        "url": "https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl",
        "archive_info": {{"hashes": {{"sha256": "{_hex}"}}}}
      }},
      "metadata": {{"name": "together", "version": "1.3.0"}}
    }}
  ]
}}
'''),
    ('decoy-cyclonedx-sbom', 'sbom.cdx.json', '''\
{{
  "bomFormat": "CycloneDX",
  "components": [
    {{
      "type": "library",
      "name": "together",
      "version": "1.3.0",
      "purl": "pkg:pypi/together@1.3.0",
      "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]
    }}
  ]
}}
'''),
    ('decoy-compose-image-digest', 'docker-compose.yml', '''\
services:
  together-proxy:
    image: ghcr.io/togethercomputer/inference@sha256:{_hex}
    environment:
      TOGETHER_API_KEY: ${{TOGETHER_API_KEY}}
'''),
    ('decoy-docker-images-digests', 'notes/images.txt', '''\
$ docker images --digests togethercomputer/inference
REPOSITORY                   TAG   DIGEST                                                                    IMAGE ID
togethercomputer/inference   1.4   sha256:{_hex}   0123456789ab
'''),
    ('decoy-model-weights-manifest', 'models/together-7b/manifest.json', '''\
{{
  "model": "togethercomputer/RedPajama-INCITE-7B-Instruct",
  "files": [
    {{"path": "model-00001-of-00002.safetensors", "sha256": "{_hex}"}},
    {{"path": "model-00002-of-00002.safetensors", "sha256": "{_hex2}"}}
  ]
}}
'''),
    ('decoy-cache-manifest-content-hash', '.cache/together/index.json', '''\
{{
  "together": {{
    "entries": {{
      "{_hex}": {{"url": "https://api.together.xyz/v1/models", "etag": "W/\\"3f2a\\""}}
    }}
  }}
}}
'''),
    ('decoy-blame-ignore-sha256-revs', '.git-blame-ignore-revs', '''\
# Reformat the together client with ruff
{_hex}
'''),
    ('decoy-other-provider-prose', 'docs/providers.md', '''\
Unlike Together, Voyage signs each request with a per-project key:

    VOYAGE_API_KEY={_hex}
'''),
    ('decoy-hex-placeholder-counting', '.env.sample', '''\
# Together AI (replace)
TOGETHER_API_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
'''),
    ('decoy-python-class-schema-digest', 'app/llm/together_schema.py', '''\
class TogetherClient:
    SCHEMA_SHA256 = "{_hex}"

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
'''),
    ('decoy-python-providers-dict-digest', 'app/llm/models.py', '''\
PROVIDERS = {{
    "together": {{
        "base_url": "https://api.together.xyz/v1",
        "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "tokenizer_sha256": "{_hex}",
    }},
}}
'''),
    ('decoy-go-struct-release-sha', 'internal/release/together.go', '''\
package release

var Together = TogetherRelease{{
	Version: "1.3.0",
	SHA256:  "{_hex}",
}}
'''),
    ('decoy-env-default-checksum', '.env.build', '''\
TOGETHER_CLI_VERSION=1.3.0
TOGETHER_CLI_SHA256=${{TOGETHER_CLI_SHA256:-{_hex}}}
'''),
    ('decoy-yaml-anchor-digest', 'config/images.yaml', '''\
x-together: &together
  image: ghcr.io/togethercomputer/inference:1.4
  digest: sha256:{_hex}

services:
  proxy:
    <<: *together
'''),
    ('decoy-spring-model-checksum', 'src/main/resources/application.properties', '''\
together.ai.base-url=https://api.together.xyz/v1
together.ai.model-checksum={_hex}
'''),
    ('decoy-kotlin-artifact-sha', 'buildSrc/src/main/kotlin/TogetherArtifacts.kt', '''\
object TogetherArtifacts {{
    const val VERSION = "0.4.0"
    const val JAR_SHA256 = "{_hex}"
}}
'''),
    ('decoy-appsettings-cert-thumbprint', 'src/Chat/appsettings.Production.json', '''\
{{
  "Together": {{
    "BaseUrl": "https://api.together.xyz/v1",
    "ClientCertificateSha256": "{_hex}"
  }}
}}
'''),
    ('decoy-lfs-pointer-together-weights', 'models/together-7b.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 13476839424
'''),
    ('decoy-pnpm-lock-integrity', 'pnpm-lock.yaml', '''\
lockfileVersion: '9.0'

packages:
  together-ai@0.6.0:
    resolution: {{integrity: sha512-{_b64}}}
    engines: {{node: '>=18'}}
'''),
    ('decoy-sha256sum-check-log', 'logs/install.log', '''\
$ echo "{_hex}  together-cli.tar.gz" | sha256sum -c -
together-cli.tar.gz: OK
'''),
    ('decoy-csv-together-artifact-hashes', 'exports/model_files.csv', '''\
provider,model,file,sha256
together,Llama-3.3-70B,model-00001.safetensors,{_hex}
'''),
    ('decoy-sql-together-key-hash-column', 'db/seed/key_audit.sql', '''\
INSERT INTO api_key_audit (provider, key_sha256, rotated_at)
VALUES ('together', '{_hex}', '2026-11-30');
'''),
)

CASES = SOURCE + CONFIG + DUMPS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 28, (keys, decoys)
