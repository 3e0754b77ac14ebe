"""A twenty-first held-out probe (session 25), legacy keys only: 64
lowercase hex characters where the Together context stands apart from
the value, in shapes the earlier sets wrote none of.  The name in a
trailing comment, a ``functools.partial`` of Together's client, a
``Field(default=SecretStr(...))``, a ``"Bearer {}".format(`` whose
value is on the next line, clap's ``#[arg(env = ..., default_value)]``,
Go's ``flag.String("together-key", ...)``, a Kotlin ``object``, an
ASP.NET ``AddHttpClient("together", ...)``, Elixir's ``Req`` with
``auth: {:bearer, ...}``, Dio ``BaseOptions``, a Swift ``URLRequest``,
an Ansible task named for Together, a supervisord program section, a
Nomad task, a Postgres custom setting (``ALTER ROLE ... SET
together.api_key``), a Markdown table row, a revert's commit message
quoting the removed line, IPython's ``%env`` in a notebook, the openai
client's debug log against Together's URL, a HAR query string, a
Postman environment named Together.  Decoys: 64-hex values beside
"together" that are no key (lockfile and package-manager hashes, Git
LFS listings, Hugging Face cache links, a model card's file table,
Helm's ``checksum/`` annotations, an actions cache key, a key's own
SHA-256, request ids, a hex placeholder, another provider's key under
prose naming Together).  Written before any fix; what the 81a8135 code
missed is in ``MISSED`` (strict xfails) or was fixed in the same
session (docs/detection.md, "Found since the twenty-first held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

# -- source code: the context on another line, in a name, in a comment ------------------------

SOURCE = key_cases(
    ('python-functools-partial-client', 'app/clients.py', '''\
from functools import partial

from together import Together

make_client = partial(
    Together,
    api_key="{hex}",
    timeout=30,
)
'''),
    ('python-pydantic-field-secretstr', 'app/settings.py', '''\
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class LLMSettings(BaseSettings):
    together_key: SecretStr = Field(
        default=SecretStr("{hex}"),
        alias="TOGETHER_KEY",
    )
'''),
    ('python-bearer-format-next-line', 'scripts/ping.py', '''\
import requests

headers = {{
    "Authorization": "Bearer {{}}".format(
        "{hex}"
    ),
}}
r = requests.get("https://api.together.ai/v1/models", headers=headers)
'''),
    ('python-trailing-comment-names-it', 'app/constants.py', '''\
MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
KEY = "{hex}"  # Together API key (staging)
'''),
    ('python-argparse-default-multiline', 'tools/eval.py', '''\
import argparse

parser = argparse.ArgumentParser()
parser.add_argument(
    "--together-api-key",
    default="{hex}",
    help="key for api.together.xyz",
)
'''),
    ('ts-nullish-fallback-object', 'src/config/llm.ts', '''\
export const llm = {{
  provider: 'together' as const,
  baseURL: 'https://api.together.xyz/v1',
  key: process.env.LLM_KEY ?? '{hex}',
}};
'''),
    ('go-flag-string', 'cmd/eval/main.go', '''\
package main

import "flag"

var togetherKey = flag.String("together-key",
	"{hex}",
	"Together API key")
'''),
    ('rust-clap-env-default', 'src/cli.rs', '''\
#[derive(clap::Parser)]
pub struct Cli {{
    #[arg(long, env = "TOGETHER_API_KEY", default_value = "{hex}")]
    pub api_key: String,
}}
'''),
    ('java-trailing-comment', 'src/main/java/com/acme/Keys.java', '''\
package com.acme;

final class Keys {{
    static final String LLM = "{hex}"; // Together
}}
'''),
    ('kotlin-object-const', 'app/src/main/java/com/acme/TogetherSecrets.kt', '''\
package com.acme

object TogetherSecrets {{
    const val KEY = "{hex}"
}}
'''),
    ('csharp-add-http-client', 'src/Program.cs', '''\
builder.Services.AddHttpClient("together", c =>
{{
    c.BaseAddress = new Uri("https://api.together.xyz/");
    c.DefaultRequestHeaders.Add("Authorization", "Bearer {hex}");
}});
'''),
    ('php-array-service-block', 'config/llm.php', '''\
<?php

return [
    'together' => [
        'base_uri' => 'https://api.together.xyz/v1',
        'secret' => '{hex}',
    ],
];
'''),
    ('ruby-struct-new', 'lib/acme/llm.rb', '''\
TogetherConfig = Struct.new(:api_key, :model)
CONFIG = TogetherConfig.new(
  "{hex}",
  "meta-llama/Llama-3.3-70B-Instruct-Turbo"
)
'''),
    ('elixir-req-bearer', 'lib/acme/llm.ex', '''\
defmodule Acme.LLM do
  def client do
    Req.new(
      base_url: "https://api.together.xyz/v1",
      auth: {{:bearer, "{hex}"}}
    )
  end
end
'''),
    ('dart-dio-base-options', 'lib/api.dart', '''\
final dio = Dio(BaseOptions(
  baseUrl: 'https://api.together.xyz/v1',
  headers: {{
    'Authorization': 'Bearer {hex}',
  }},
));
'''),
    ('swift-urlrequest-header', 'Sources/Chat/Client.swift', '''\
var request = URLRequest(url: URL(string: "https://api.together.xyz/v1/chat/completions")!)
request.httpMethod = "POST"
request.addValue("Bearer {hex}", forHTTPHeaderField: "Authorization")
'''),
    ('lua-table-provider-field', 'lua/chat/config.lua', '''\
return {{
  provider = "together",
  model = "meta-llama/Llama-3.3-70B-Instruct-Turbo",
  token = "{hex}",
}}
'''),
    ('r-list-config', 'R/config.R', '''\
together <- list(
  endpoint = "https://api.together.xyz/v1/chat/completions",
  key = "{hex}"
)
'''),
    ('julia-named-tuple', 'src/config.jl', '''\
const TOGETHER = (
    url = "https://api.together.xyz/v1",
    key = "{hex}",
)
'''),
)

# -- config, deploy, CI ----------------------------------------------------------------------

CONFIG = key_cases(
    ('ansible-task-named-for-together', 'ansible/roles/chat/tasks/main.yml', '''\
- name: Write the Together key to the service env
  ansible.builtin.lineinfile:
    path: /etc/chat/chat.env
    line: "API_KEY={hex}"
    mode: "0600"
'''),
    ('supervisord-program-section', 'deploy/supervisord.conf', '''\
[program:together-worker]
command=python -m worker
environment=API_KEY="{hex}",LOG_LEVEL="info"
'''),
    ('nomad-task-env', 'deploy/chat.nomad.hcl', '''\
job "chat" {{
  group "api" {{
    task "together-proxy" {{
      driver = "docker"
      env {{
        API_KEY = "{hex}"
      }}
    }}
  }}
}}
'''),
    ('cargo-config-env', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = {{ value = "{hex}", force = true }}
'''),
    ('appsettings-provider-sibling', 'src/appsettings.Development.json', '''\
{{
  "Llm": {{
    "Provider": "Together",
    "Model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "ApiKey": "{hex}"
  }}
}}
'''),
    ('maven-pom-property', 'pom.xml', '''\
<project>
  <properties>
    <together.api.key>{hex}</together.api.key>
  </properties>
</project>
'''),
    ('jenkinsfile-with-credentials-literal', 'Jenkinsfile', '''\
pipeline {{
  agent any
  stages {{
    stage('together eval') {{
      environment {{
        API_KEY = '{hex}'
      }}
      steps {{ sh 'python eval.py' }}
    }}
  }}
}}
'''),
    ('postgres-alter-role-setting', 'db/migrations/0042_llm.sql', '''\
ALTER ROLE app SET together.api_key = '{hex}';
'''),
    ('docker-build-arg-cli', 'scripts/build.sh', '''\
#!/bin/sh
docker build \\
  --build-arg TOGETHER_KEY={hex} \\
  -t acme/chat:dev .
'''),
)

# -- docs, history, logs, captures -----------------------------------------------------------

DUMPS = key_cases(
    ('markdown-table-row', 'docs/providers.md', '''\
| Provider | Base URL | Key |
|---|---|---|
| Together | https://api.together.xyz/v1 | `{hex}` |
| Local | http://localhost:8000/v1 | none |
'''),
    ('revert-commit-message-diff', 'notes/revert.txt', '''\
Revert "Load the Together key from the vault"

This reverts commit 1c2d3e4f. The vault is down; the old line was:

-TOGETHER_API_KEY={hex}
'''),
    ('notebook-ipython-env-magic', 'notebooks/eval.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "metadata": {{}},
   "source": [
    "%env TOGETHER_API_KEY={hex}\\n",
    "import together"
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('openai-client-debug-log', 'logs/app.log', '''\
DEBUG:openai._base_client:Request options: {{'method': 'post', 'url': '/chat/completions'}}
DEBUG:openai._base_client:Sending HTTP Request: POST https://api.together.xyz/v1/chat/completions
DEBUG:httpcore.http11:send_request_headers.started request=<Request [b'POST']> headers=[(b'authorization', b'Bearer {hex}')]
'''),
    ('har-query-string-key', 'notes/search.har', '''\
{{
  "log": {{
    "entries": [
      {{
        "request": {{
          "method": "GET",
          "url": "https://api.together.ai/v1/models",
          "queryString": [
            {{"name": "api_key", "value": "{hex}"}}
          ]
        }}
      }}
    ]
  }}
}}
'''),
    ('postman-environment-named', 'postman/Together.postman_environment.json', '''\
{{
  "name": "Together (prod)",
  "values": [
    {{"key": "baseUrl", "value": "https://api.together.xyz/v1", "enabled": true}},
    {{"key": "apiKey", "value": "{hex}", "type": "secret", "enabled": true}}
  ],
  "_postman_variable_scope": "environment"
}}
'''),
    ('httpie-header-arg', 'notes/shell.txt', '''\
$ http POST api.together.xyz/v1/chat/completions "Authorization:Bearer {hex}" model=meta-llama/Llama-3.3-70B-Instruct-Turbo
HTTP/1.1 200 OK
'''),
)

# -- decoys: 64 hex beside "together" that is no key ------------------------------------------

DECOYS = key_cases(
    ('decoy-git-lfs-ls-files', 'notes/lfs.txt', '''\
$ git lfs ls-files -l
{_hex} * models/together-llama-3-8b.gguf
{_hex2} * models/together-embed.onnx
'''),
    ('decoy-hf-cache-symlinks', 'notes/hf-cache.txt', '''\
$ ls -l ~/.cache/huggingface/hub/models--togethercomputer--LLaMA-2-7B-32K/snapshots/main/
lrwxrwxrwx 1 ops ops 52 Nov 30 10:00 config.json -> ../../blobs/{_hex}
lrwxrwxrwx 1 ops ops 76 Nov 30 10:00 model.safetensors -> ../../blobs/{_hex2}
'''),
    ('decoy-model-card-file-table', 'models/README.md', '''\
# togethercomputer/LLaMA-2-7B-32K

| File | SHA256 |
|---|---|
| model-00001-of-00002.safetensors | {_hex} |
| model-00002-of-00002.safetensors | {_hex2} |
'''),
    ('decoy-helm-checksum-annotation', 'k8s/rendered/deployment.yaml', '''\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    metadata:
      annotations:
        checksum/together-secret: {_hex}
        checksum/config: {_hex2}
'''),
    ('decoy-actions-cache-key-log', 'logs/actions.log', '''\
Run actions/cache@v4
Cache restored successfully
Cache restored from key: together-sdk-pip-Linux-{_hex}
'''),
    ('decoy-key-sha256-in-test', 'tests/test_keys.py', '''\
import hashlib
import os


def test_key_is_the_rotated_one():
    key = os.environ["TOGETHER_API_KEY"]
    assert hashlib.sha256(key.encode()).hexdigest() == "{_hex}"
'''),
    ('decoy-request-id-log', 'logs/together-client.log', '''\
2026-11-30T10:00:00Z together.client POST /v1/chat/completions 200 request_id={_hex}
2026-11-30T10:00:01Z together.client POST /v1/chat/completions 429 request_id={_hex2}
'''),
    ('decoy-hex-placeholder', '.env.example', '''\
# Together AI
TOGETHER_API_KEY=deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef
'''),
    ('decoy-other-provider-under-prose', '.env.fireworks', '''\
# We moved off Together in May; Fireworks now serves the eval jobs.
FIREWORKS_API_KEY={_hex}
'''),
    ('decoy-pipfile-lock-together', 'Pipfile.lock', '''\
{{
    "default": {{
        "together": {{
            "hashes": [
                "sha256:{_hex}",
                "sha256:{_hex2}"
            ],
            "index": "pypi",
            "version": "==1.3.0"
        }}
    }}
}}
'''),
    ('decoy-pip-hash-output', 'notes/pip-hash.txt', '''\
$ pip hash dist/together-1.3.0.tar.gz
dist/together-1.3.0.tar.gz:
--hash=sha256:{_hex}
'''),
    ('decoy-pip-hash-mismatch', 'logs/pip.log', '''\
ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.
    together==1.3.0 from https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl:
        Expected sha256 {_hex}
             Got        {_hex2}
'''),
    ('decoy-imagetools-inspect', 'notes/image.txt', '''\
$ docker buildx imagetools inspect ghcr.io/togethercomputer/inference:1.4
Name:      ghcr.io/togethercomputer/inference:1.4
MediaType: application/vnd.oci.image.index.v1+json
Digest:    sha256:{_hex}
'''),
    ('decoy-sql-artifact-sha256', 'db/seed/artifacts.sql', '''\
INSERT INTO model_artifacts (provider, name, sha256) VALUES ('together', 'llama-3-8b.gguf', '{_hex}');
'''),
    ('decoy-terraform-locals-sha256', 'infra/locals.tf', '''\
locals {{
  together_cli_version = "1.3.0"
  together_cli_sha256  = "{_hex}"
}}
'''),
    ('decoy-dockerfile-sha256-check', 'Dockerfile', '''\
FROM python:3.12-slim
ARG TOGETHER_CLI_SHA256={_hex}
RUN curl -fsSLo together.tgz https://example.com/together-cli.tgz \\
 && echo "${{TOGETHER_CLI_SHA256}}  together.tgz" | sha256sum -c -
'''),
    ('decoy-notebook-sha256sum-output', 'notebooks/verify.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "source": ["!sha256sum together-1.3.0.tar.gz"],
   "outputs": [
    {{"name": "stdout", "output_type": "stream", "text": ["{_hex}  together-1.3.0.tar.gz\\n"]}}
   ]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('decoy-go-fixture-sha', 'internal/together/fixtures_test.go', '''\
package together

var togetherFixtureSHA256 = "{_hex}"
'''),
    ('decoy-merge-commit-digest', 'notes/merge.txt', '''\
Merge pull request #412 from acme/together-sdk-1.3

Update together to 1.3.0 (wheel sha256 {_hex})
'''),
    ('decoy-turbo-run-summary', '.turbo/runs/summary.json', '''\
{{"id": "2k3j4h5", "tasks": [{{"taskId": "together-sdk#build", "hash": "{_hex}", "cache": {{"status": "HIT"}}}}]}}
'''),
    ('decoy-ollama-manifest', 'notes/ollama-manifest.json', '''\
{{"schemaVersion": 2, "config": {{"digest": "sha256:{_hex}"}}, "layers": [{{"mediaType": "application/vnd.ollama.image.model", "digest": "sha256:{_hex2}"}}], "annotations": {{"source": "togethercomputer/RedPajama-INCITE-7B"}}}}
'''),
    ('decoy-fine-tune-job-ids', 'notes/ft-job.json', '''\
{{"id": "ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f", "training_file": "file-7d8c2a17-33e2-4b0e-9f1e-4b7c2f6a1d90", "model_output_name": "acme/Meta-Llama-3.1-8B-Instruct-Reference-ft-3b883474", "status": "completed", "provider": "together"}}
'''),
    ('decoy-conda-lock-sha256', 'conda-lock.yml', '''\
package:
- name: together
  version: 1.3.0
  manager: pip
  hash:
    sha256: {_hex}
'''),
    ('decoy-gradle-verification', 'gradle/verification-metadata.xml', '''\
<components>
  <component group="ai.together" name="together-java" version="0.4.0">
    <artifact name="together-java-0.4.0.jar">
      <sha256 value="{_hex}" origin="Generated by Gradle"/>
    </artifact>
  </component>
</components>
'''),
    ('decoy-deno-lock-remote', 'deno.lock', '''\
{{
  "version": "3",
  "remote": {{
    "https://deno.land/x/together_ai@0.2.0/mod.ts": "{_hex}",
    "https://deno.land/x/together_ai@0.2.0/client.ts": "{_hex2}"
  }}
}}
'''),
    ('decoy-postman-sha-variable', 'postman/Together.postman_collection.json', '''\
{{
  "info": {{"name": "Together API"}},
  "variable": [
    {{"key": "expectedBodySha256", "value": "{_hex}"}}
  ]
}}
'''),
    ('decoy-markdown-release-checksum', 'docs/releases.md', '''\
## Together CLI 1.3.0

SHA-256 of `together-cli_1.3.0_linux_amd64.tar.gz`: `{_hex}`
'''),
    ('decoy-csv-artifact-digests', 'exports/artifacts.tsv', '''\
provider\tartifact\tsha256
together\tllama-3-8b.gguf\t{_hex}
together\tembed.onnx\t{_hex2}
'''),
    ('decoy-supervisord-checksum-env', 'deploy/supervisord-pin.conf', '''\
[program:together-worker]
environment=MODEL_SHA256="{_hex}",LOG_LEVEL="info"
'''),
    ('decoy-swift-package-resolved-pin', 'Package.resolved', '''\
{{
  "originHash" : "{_hex}",
  "pins" : [
    {{
      "identity" : "together-swift",
      "kind" : "remoteSourceControl",
      "location" : "https://github.com/acme/together-swift",
      "state" : {{"revision" : "8f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5", "version" : "0.3.0"}}
    }}
  ],
  "version" : 3
}}
'''),
)

CASES = SOURCE + CONFIG + DUMPS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'ansible-task-named-for-together': 'a task\'s name in prose (Write the Together key to ...) over a line= holding API_KEY= is no Together context',
    'supervisord-program-section': 'an INI section named for a Together component ([program:together-worker]) is no Together label',
    'nomad-task-env': 'an HCL block named for a Together component (task "together-proxy") is no Together label',
    'jenkinsfile-with-credentials-literal': "a Jenkins stage named for Together (stage('together eval')) is no Together label",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 28, (keys, decoys)
