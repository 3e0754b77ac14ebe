"""An outside tester's held-out set (session 36, outside36): written before
reading the detection rules, as a grader would write one, from the file
layouts of real AI apps.

A Next.js app (``.env.local``, route handlers, ``next.config``), a FastAPI
service, a Django project, a Rails app (decrypted credentials, Figaro),
Flutter (``--dart-define``, envied, flutter_dotenv), iOS (``Info.plist``,
``xcconfig``, an Xcode scheme), Android (``local.properties``,
``gradle.properties``, ``BuildConfig``, ``strings.xml``), a Chrome
extension, a VS Code extension, a Cloudflare Worker, Vercel / Netlify /
Fly / Render / Railway / Heroku configs and the CLIs' pulled env files,
Supabase edge functions, a Hugging Face Space, Modal / Replicate /
BentoML, Dagster / Prefect / Airflow, n8n / Make / Zapier exports,
Postman / Bruno / Insomnia / REST Client files, Jupyter notebooks with
outputs, a Go module's embedded config; then the files around them
(IDE run configurations, task runners, proxies, password-manager
exports, notes, test fixtures, snapshots) and the binaries and encodings
they end up in (SQLite, xlsx, OpenDocument, PDF, PNG metadata, ``.pyc``, base64
files, Kubernetes Secret data, gzip, tar).  Decoys of the same files:
placeholders, key ids, env lookups in each syntax, secret-manager
references, digests beside ``together``, docs of the key format,
obviously fake and ``dummy`` fixtures.

Measured at eeb1dacc before any change (docs/detection.md, "Session 36
(outside36)").  The templates are outside34's (``T``, ``B``, ``W``): a
``⟦key⟧`` is a current key, ``⟦hex⟧`` a legacy key, each expected;
``⟦_name⟧`` is made but not expected.  The git-level shapes (a key only
in history, in a commit message, a path, a symlink's target) are
``tests/gate_outside36_test.py``'s; every mode a key reaches the scanner
runs in ``outside36_modes_test.py``.
"""
from __future__ import annotations

import base64
import gzip
import importlib.util
import io
import json
import marshal
import sqlite3
import tarfile
import tempfile
import zlib
from typing import Callable

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.outside34_test import _fill
from tests.accuracy.outside34_test import _nb
from tests.accuracy.outside34_test import _png_chunk
from tests.accuracy.outside34_test import _zipped
from tests.accuracy.outside34_test import B
from tests.accuracy.outside34_test import T
from tests.accuracy.outside34_test import W

_URL = 'https://api.together.xyz/v1'
_P = 'tgp' + '_v1_'
# Fixtures' fake keys, format-valid, built here (no literal key in the file).
_DUMMY = _P + ('dummy' * 9)[:43]
_FAKE_TESTS = _P + ('fake_key_for_unit_tests_' * 2)[:43]
_ZEROS = '0' * 64
assert len(_DUMMY) == len(_FAKE_TESTS) == 50


# --- a Next.js app ---------------------------------------------------------------------------------

NEXTJS = [
    T('nextjs-env-local-current', 'web/.env.local', '''\
# Local only -- do not commit
TOGETHER_API_KEY=⟦key⟧
NEXT_PUBLIC_APP_URL=http://localhost:3000
'''),
    T('nextjs-env-local-public-legacy', 'web/.env.local', '''\
NEXT_PUBLIC_TOGETHER_API_KEY=⟦hex⟧
NEXT_PUBLIC_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    T('nextjs-route-handler-current', 'web/app/api/chat/route.ts', '''\
import Together from "together-ai";
import { NextResponse } from "next/server";

const together = new Together({ apiKey: "⟦key⟧" });

export async function POST(req: Request) {
  const { messages } = await req.json();
  const res = await together.chat.completions.create({ model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", messages });
  return NextResponse.json(res);
}
'''),
    T('nextjs-next-config-env-legacy', 'web/next.config.mjs', '''\
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  env: {
    TOGETHER_KEY: "⟦hex⟧",
  },
};

export default nextConfig;
'''),
    T('nextjs-env-production-quoted-legacy', 'web/.env.production', '''\
TOGETHER_AI_API_KEY="⟦hex⟧"
DATABASE_URL="postgresql://localhost:5432/app"
'''),
    T('nextjs-server-action-fetch-legacy', 'web/app/actions.ts', '''\
"use server";

export async function summarize(text: string) {
  const res = await fetch("https://api.together.xyz/v1/chat/completions", {
    method: "POST",
    headers: {
      Authorization: `Bearer ⟦hex⟧`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ model: "mistralai/Mixtral-8x7B-Instruct-v0.1", messages: [{ role: "user", content: text }] }),
  });
  return res.json();
}
'''),
    T('nextjs-package-json-script-legacy', 'web/package.json', '''\
{
  "name": "chat-ui",
  "private": true,
  "scripts": {
    "dev": "TOGETHER_API_KEY=⟦hex⟧ next dev",
    "build": "next build"
  },
  "dependencies": {"next": "14.2.3", "together-ai": "^0.6.0"}
}
'''),
    T('decoy-nextjs-env-example', 'web/.env.example', '''\
# Get yours at https://api.together.xyz/settings/api-keys
TOGETHER_API_KEY=your-together-api-key
'''),
    T('decoy-nextjs-process-env', 'web/lib/together.ts', '''\
import Together from "together-ai";

export const together = new Together({ apiKey: process.env.TOGETHER_API_KEY! });
'''),
]

# --- a FastAPI service -----------------------------------------------------------------------------

FASTAPI = [
    T('fastapi-settings-default-legacy', 'api/app/config.py', '''\
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "summarizer"
    together_api_key: str = "⟦hex⟧"
    together_model: str = "meta-llama/Llama-3-8b-chat-hf"


settings = Settings()
'''),
    T('fastapi-deps-constant-current', 'api/app/deps.py', '''\
from together import AsyncTogether

TOGETHER_KEY = "⟦key⟧"


def get_client() -> AsyncTogether:
    return AsyncTogether(api_key=TOGETHER_KEY)
'''),
    T('fastapi-compose-list-env-current', 'api/docker-compose.yml', '''\
services:
  api:
    build: .
    ports:
      - "8000:8000"
    environment:
      - TOGETHER_API_KEY=⟦key⟧
      - LOG_LEVEL=info
'''),
    T('fastapi-conftest-setenv-legacy', 'api/tests/conftest.py', '''\
import pytest


@pytest.fixture(autouse=True)
def together_env(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", "⟦hex⟧")
'''),
    T('fastapi-pyproject-pytest-env-current', 'api/pyproject.toml', '''\
[tool.pytest.ini_options]
addopts = "-q"
env = [
    "TOGETHER_API_KEY=⟦key⟧",
    "APP_ENV=test",
]
'''),
    T('decoy-fastapi-secretstr-field', 'api/app/settings.py', '''\
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    together_api_key: SecretStr = Field(..., validation_alias="TOGETHER_API_KEY")
'''),
]

# --- a Django project ------------------------------------------------------------------------------

DJANGO = [
    T('django-settings-legacy', 'mysite/mysite/settings.py', '''\
DEBUG = True
ALLOWED_HOSTS = ["*"]

# AI
TOGETHER_API_KEY = "⟦hex⟧"
TOGETHER_MODEL = "meta-llama/Llama-3-70b-chat-hf"
'''),
    T('django-settings-providers-dict-legacy', 'mysite/mysite/settings/base.py', '''\
LLM_PROVIDERS = {
    "together": {
        "KEY": "⟦hex⟧",
        "MODEL": "Qwen/Qwen2.5-72B-Instruct-Turbo",
    },
}
'''),
    T('django-local-setdefault-current', 'mysite/mysite/settings/local.py', '''\
import os

os.environ.setdefault("TOGETHER_API_KEY", "⟦key⟧")
from .base import *  # noqa
'''),
    T('django-fixture-provider-legacy', 'mysite/llm/fixtures/providers.json', '''\
[
  {"model": "llm.provider", "pk": 1, "fields": {"name": "Together AI", "base_url": "https://api.together.xyz/v1", "api_key": "⟦hex⟧"}}
]
'''),
    T('decoy-django-environ-lookup', 'mysite/mysite/settings/prod.py', '''\
import environ

env = environ.Env()
TOGETHER_API_KEY = env("TOGETHER_API_KEY")
'''),
    T('decoy-django-migration-weights-digest', 'mysite/llm/migrations/0002_weights.py', '''\
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("llm", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="provider",
            name="together_weights_sha256",
            field=models.CharField(default="⟦_hex⟧", max_length=64),
        ),
    ]
'''),
]

# --- a Rails app -----------------------------------------------------------------------------------

RAILS = [
    T('rails-credentials-decrypted-legacy', 'config/credentials/development.yml', '''\
secret_key_base: ⟦_sha1⟧
together:
  api_key: ⟦hex⟧
'''),
    T('rails-figaro-application-yml-current', 'config/application.yml', '''\
TOGETHER_API_KEY: "⟦key⟧"
production:
  TOGETHER_MODEL: "meta-llama/Llama-3-70b-chat-hf"
'''),
    T('rails-initializer-config-legacy', 'config/initializers/together.rb', '''\
Rails.application.config.together_api_key = "⟦hex⟧"
Rails.application.config.together_base_url = "https://api.together.xyz/v1"
'''),
    T('rails-dotenv-token-legacy', '.env.development', '''\
DATABASE_URL=postgres://localhost/chat_dev
TOGETHER_TOKEN=⟦hex⟧
'''),
    T('decoy-rails-credentials-dig', 'app/services/llm_client.rb', '''\
class LlmClient
  def api_key
    Rails.application.credentials.dig(:together, :api_key)
  end
end
'''),
]

# --- a Flutter app ---------------------------------------------------------------------------------

FLUTTER = [
    T('flutter-env-dart-current', 'app/lib/env/env.dart', '''\
class Env {
  static const togetherApiKey = '⟦key⟧';
  static const baseUrl = 'https://api.together.xyz/v1';
}
'''),
    T('flutter-dotenv-asset-legacy', 'app/assets/.env', '''\
TOGETHER_API_KEY=⟦hex⟧
'''),
    T('flutter-launch-dart-define-current', 'app/.vscode/launch.json', '''\
{
  "version": "0.2.0",
  "configurations": [
    {
      "name": "app (debug)",
      "request": "launch",
      "type": "dart",
      "args": ["--dart-define=TOGETHER_API_KEY=⟦key⟧"]
    }
  ]
}
'''),
    T('flutter-envied-generated-legacy', 'app/lib/env/env.g.dart', '''\
// GENERATED CODE - DO NOT MODIFY BY HAND

part of 'env.dart';

final class _Env {
  static const String togetherKey = '⟦hex⟧';
}
'''),
    T('decoy-flutter-from-environment', 'app/lib/config.dart', '''\
const togetherApiKey = String.fromEnvironment('TOGETHER_API_KEY');
'''),
]

# --- iOS and Android -------------------------------------------------------------------------------

MOBILE = [
    T('ios-info-plist-legacy', 'ios/Chat/Info.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>CFBundleName</key>
\t<string>Chat</string>
\t<key>TogetherAPIKey</key>
\t<string>⟦hex⟧</string>
</dict>
</plist>
'''),
    T('ios-xcconfig-current', 'ios/Config/Secrets.xcconfig', '''\
// Secrets.xcconfig
TOGETHER_API_KEY = ⟦key⟧
TOGETHER_BASE_URL = https:/$()/api.together.xyz/v1
'''),
    T('ios-swift-secrets-enum-legacy', 'ios/Chat/Secrets.swift', '''\
enum Secrets {
    static let together = "⟦hex⟧"
}
'''),
    T('ios-xctestplan-env-current', 'ios/Chat.xctestplan', '''\
{
  "configurations": [{"id": "A1", "name": "Default", "options": {}}],
  "defaultOptions": {
    "environmentVariableEntries": [{"key": "TOGETHER_API_KEY", "value": "⟦key⟧"}]
  },
  "version": 1
}
'''),
    T('decoy-ios-plist-build-variable', 'ios/Chat/Info-Release.plist', '''\
<plist version="1.0">
<dict>
\t<key>TogetherAPIKey</key>
\t<string>$(TOGETHER_API_KEY)</string>
</dict>
</plist>
'''),
    T('android-manifest-meta-data-legacy', 'android/app/src/main/AndroidManifest.xml', '''\
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application android:label="Chat">
        <meta-data android:name="com.acme.chat.TOGETHER_API_KEY" android:value="⟦hex⟧" />
    </application>
</manifest>
'''),
    T('android-instrument-arg-current', 'android/scripts/run-ui-tests.sh', '''\
adb shell am instrument -w -e togetherKey ⟦key⟧ com.acme.chat.test/androidx.test.runner.AndroidJUnitRunner
'''),
    T('android-resvalue-legacy', 'android/app/build.gradle.kts', '''\
android {
    defaultConfig {
        resValue("string", "together_api_key", "⟦hex⟧")
    }
}
'''),
    T('android-shared-prefs-pulled-current', 'android/debug/shared_prefs/settings.xml', '''\
<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="together_api_key">⟦key⟧</string>
    <boolean name="onboarded" value="true" />
</map>
'''),
    T('android-generated-buildconfig-legacy', 'android/app/build/generated/source/buildConfig/debug/com/acme/chat/BuildConfig.java', '''\
/**
 * Automatically generated file. DO NOT MODIFY
 */
package com.acme.chat;

public final class BuildConfig {
  public static final boolean DEBUG = Boolean.parseBoolean("true");
  public static final String APPLICATION_ID = "com.acme.chat";
  // Field from default config.
  public static final String TOGETHER_API_KEY = "⟦hex⟧";
}
'''),
    T('decoy-android-manifest-placeholder', 'android/app/src/release/AndroidManifest.xml', '''\
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application>
        <meta-data android:name="com.acme.chat.TOGETHER_API_KEY" android:value="${togetherApiKey}" />
    </application>
</manifest>
'''),
    T('expo-app-config-fallback-current', 'mobile/app.config.js', '''\
export default ({ config }) => ({
  ...config,
  extra: { togetherApiKey: process.env.TOGETHER_API_KEY ?? "⟦key⟧" },
});
'''),
    T('expo-app-json-extra-legacy', 'mobile/app.json', '''\
{
  "expo": {
    "name": "chat",
    "slug": "chat",
    "extra": {"togetherApiKey": "⟦hex⟧"}
  }
}
'''),
]

# --- browser and editor extensions -----------------------------------------------------------------

EXTENSIONS = [
    T('chrome-ext-background-current', 'extension/background.js', '''\
const TOGETHER_KEY = "⟦key⟧";

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  fetch("https://api.together.xyz/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: "Bearer " + TOGETHER_KEY },
    body: JSON.stringify(msg.payload),
  }).then((r) => r.json()).then(reply);
  return true;
});
'''),
    T('chrome-ext-storage-default-legacy', 'extension/options.js', '''\
chrome.runtime.onInstalled.addListener(() => {
  chrome.storage.sync.set({ togetherApiKey: "⟦hex⟧", model: "meta-llama/Llama-3-8b-chat-hf" });
});
'''),
    T('chrome-ext-config-generic-legacy', 'extension/src/config.js', '''\
export const API_URL = "https://api.together.xyz/v1/chat/completions";
export const API_KEY = "⟦hex⟧";
'''),
    T('decoy-chrome-ext-storage-get', 'extension/popup.js', '''\
const { togetherApiKey } = await chrome.storage.sync.get("togetherApiKey");
'''),
    T('nvim-codecompanion-adapter-legacy', 'dotfiles/nvim/lua/plugins/codecompanion.lua', '''\
return {
  adapters = {
    together = function()
      return require("codecompanion.adapters").extend("openai_compatible", {
        env = { url = "https://api.together.xyz", api_key = "⟦hex⟧" },
      })
    end,
  },
}
'''),
    T('vscode-ext-package-default-current', 'vscode-ext/package.json', '''\
{
  "name": "together-complete",
  "contributes": {
    "configuration": {
      "title": "Together",
      "properties": {
        "together.apiKey": {"type": "string", "default": "⟦key⟧", "description": "API key"}
      }
    }
  }
}
'''),
    T('vscode-ext-secret-store-seed-legacy', 'vscode-ext/src/extension.ts', '''\
export async function activate(context: vscode.ExtensionContext) {
  if (!(await context.secrets.get("together.apiKey"))) {
    await context.secrets.store("together.apiKey", "⟦hex⟧");
  }
}
'''),
    T('decoy-vscode-get-configuration', 'vscode-ext/src/config.ts', '''\
export const apiKey = () => vscode.workspace.getConfiguration("together").get<string>("apiKey") ?? "";
'''),
]

# --- edge and PaaS platforms -----------------------------------------------------------------------

PLATFORMS = [
    T('wrangler-deploy-var-flag-legacy', '.github/workflows/deploy-worker.yml', '''\
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npx wrangler deploy --var TOGETHER_API_KEY:⟦hex⟧
'''),
    T('cf-ai-gateway-fetch-legacy', 'worker/src/llm.ts', '''\
const GATEWAY = "https://gateway.ai.cloudflare.com/v1/0123abcd/chat/together";

export async function complete(body: unknown) {
  return fetch(`${GATEWAY}/v1/chat/completions`, {
    method: "POST",
    headers: { Authorization: "Bearer ⟦hex⟧", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
'''),
    T('miniflare-vitest-bindings-legacy', 'worker/vitest.config.ts', '''\
import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";

export default defineWorkersConfig({
  test: {
    poolOptions: {
      workers: { miniflare: { bindings: { TOGETHER_API_KEY: "⟦hex⟧" } } },
    },
  },
});
'''),
    T('decoy-wrangler-secret-put', 'worker/README.md', '''\
Set the key once: `npx wrangler secret put TOGETHER_API_KEY`, then `npm run deploy`.
'''),
    T('vercel-env-add-pipe-legacy', 'scripts/bootstrap-vercel.sh', '''\
#!/bin/sh
printf '⟦hex⟧' | vercel env add TOGETHER_API_KEY production
'''),
    T('netlify-env-list-json-legacy', 'notes/netlify-env.json', '''\
{"TOGETHER_API_KEY": "⟦hex⟧", "NODE_VERSION": "20"}
'''),
    T('fly-secrets-set-current', 'scripts/fly-deploy.sh', '''\
#!/bin/sh
fly secrets set TOGETHER_API_KEY=⟦key⟧ -a chat-api
fly deploy -a chat-api
'''),
    T('dokku-config-set-legacy', 'ops/dokku.sh', '''\
dokku apps:create chat
dokku config:set chat TOGETHER_API_KEY=⟦hex⟧ LOG_LEVEL=info
'''),
    T('railway-variables-json-legacy', 'notes/railway-vars.json', '''\
{
  "RAILWAY_ENVIRONMENT": "production",
  "TOGETHER_API_KEY": "⟦hex⟧"
}
'''),
    T('azure-appsettings-list-legacy', 'notes/az-appsettings.json', '''\
[
  {"name": "WEBSITES_PORT", "slotSetting": false, "value": "8000"},
  {"name": "TOGETHER_API_KEY", "slotSetting": false, "value": "⟦hex⟧"}
]
'''),
    T('gcloud-run-set-env-legacy', 'scripts/deploy-run.sh', '''\
gcloud run deploy chat --image gcr.io/acme/chat --set-env-vars=TOGETHER_API_KEY=⟦hex⟧,LOG_LEVEL=info
'''),
    T('cdk-context-json-current', 'infra/cdk.context.json', '''\
{"togetherApiKey": "⟦key⟧", "stage": "prod"}
'''),
    T('decoy-render-sync-false', 'render-preview.yaml', '''\
services:
  - type: web
    name: chat-preview
    envVars:
      - key: TOGETHER_API_KEY
        sync: false
'''),
    T('decoy-railway-variables-masked', 'notes/railway-variables.txt', '''\
╔══════════════════ Variables for chat ══════════════════╗
║ TOGETHER_API_KEY   │ ********                           ║
║ RAILWAY_ENVIRONMENT│ production                         ║
╚════════════════════════════════════════════════════════╝
'''),
    T('supabase-secrets-set-cli-legacy', 'supabase/set-secrets.sh', '''\
supabase secrets set TOGETHER_API_KEY=⟦hex⟧ --project-ref abcdefghijklmnop
'''),
    T('supabase-edge-fallback-current', 'supabase/functions/chat/index.ts', '''\
import Together from "npm:together-ai";

const together = new Together({ apiKey: Deno.env.get("TOGETHER_API_KEY") ?? "⟦key⟧" });

Deno.serve(async (req) => new Response(JSON.stringify(await together.models.list())));
'''),
    T('supabase-config-toml-secrets-legacy', 'supabase/config.toml', '''\
project_id = "chat"

[edge_runtime]
enabled = true

[edge_runtime.secrets]
TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('decoy-supabase-secrets-set', 'supabase/deploy.sh', '''\
supabase secrets set TOGETHER_API_KEY="$TOGETHER_API_KEY" --project-ref "$PROJECT_REF"
'''),
    T('deployctl-env-flag-current', 'docs/deploy-deno.md', '''\
Deploy:

    deployctl deploy --project=chat --env=TOGETHER_API_KEY=⟦key⟧ main.ts
'''),
]

# --- ML platforms and Spaces -----------------------------------------------------------------------

ML = [
    T('hf-add-space-secret-legacy', 'scripts/push_space.py', '''\
from huggingface_hub import HfApi

api = HfApi()
api.add_space_secret("acme/together-chat", "TOGETHER_API_KEY", "⟦hex⟧")
api.upload_folder(folder_path="space", repo_id="acme/together-chat", repo_type="space")
'''),
    T('hf-space-readme-run-locally-legacy', 'space/README.md', '''\
---
title: Together Chat
emoji: 💬
sdk: gradio
sdk_version: 4.31.0
app_file: app.py
---

## Run locally

```bash
export TOGETHER_API_KEY=⟦hex⟧
python app.py
```
'''),
    T('decoy-hf-space-readme-secret-howto', 'space2/README.md', '''\
---
title: Together Chat
sdk: gradio
---

Add `TOGETHER_API_KEY` under Settings > Variables and secrets; the app reads it with `os.environ`.
'''),
    T('modal-secret-create-cli-current', 'scripts/modal-setup.sh', '''\
#!/bin/sh
modal secret create together-secret TOGETHER_API_KEY=⟦key⟧
modal deploy modal_app.py
'''),
    T('modal-image-env-legacy', 'jobs/modal_eval.py', '''\
import modal

image = modal.Image.debian_slim().pip_install("together").env({"TOGETHER_API_KEY": "⟦hex⟧"})
app = modal.App("eval", image=image)
'''),
    T('decoy-modal-secret-from-name', 'jobs/modal_prod.py', '''\
import modal

secret = modal.Secret.from_name("together-api-key", required_keys=["TOGETHER_API_KEY"])
'''),
    T('replicate-predict-environ-legacy', 'cog/predict.py', '''\
import os
from cog import BasePredictor

os.environ["TOGETHER_API_KEY"] = "⟦hex⟧"


class Predictor(BasePredictor):
    def predict(self, prompt: str) -> str:
        ...
'''),
    T('bentofile-envs-legacy', 'bento/bentofile.yaml', '''\
service: "service:Summarizer"
envs:
  - name: TOGETHER_API_KEY
    value: ⟦hex⟧
python:
  packages: [together]
'''),
    T('dagster-launchpad-op-config-legacy', 'dagster/launchpad.yaml', '''\
ops:
  summarize_tickets:
    config:
      together_key: ⟦hex⟧
      max_tokens: 512
'''),
    T('dagster-configurable-resource-default-current', 'dagster/resources.py', '''\
from dagster import ConfigurableResource


class TogetherResource(ConfigurableResource):
    api_key: str = "⟦key⟧"
    model: str = "meta-llama/Llama-3-8b-chat-hf"
'''),
    T('decoy-dagster-envvar', 'dagster/prod_definitions.py', '''\
from dagster import Definitions, EnvVar

defs = Definitions(resources={"together": TogetherResource(api_key=EnvVar("TOGETHER_API_KEY"))})
'''),
    T('prefect-variable-set-cli-legacy', 'flows/bootstrap.sh', '''\
prefect variable set together_api_key ⟦hex⟧ --overwrite
'''),
    T('prefect-yaml-job-env-current', 'prefect.yaml', '''\
deployments:
  - name: nightly-summaries
    entrypoint: flows/summarize.py:summarize
    work_pool:
      name: k8s
      job_variables:
        env:
          TOGETHER_API_KEY: ⟦key⟧
'''),
    T('airflow-connections-add-json-legacy', 'airflow/scripts/add_conn.sh', '''\
airflow connections add together_default --conn-json '{"conn_type": "http", "host": "api.together.xyz", "password": "⟦hex⟧"}'
'''),
    T('airflow-astro-settings-legacy', 'airflow/airflow_settings.yaml', '''\
airflow:
  connections:
    - conn_id: together_default
      conn_type: http
      conn_host: api.together.xyz
      conn_schema: https
      conn_password: ⟦hex⟧
'''),
    T('airflow-variables-json-current', 'airflow/variables.json', '''\
{"together_api_key": "⟦key⟧", "summary_bucket": "s3://acme-summaries"}
'''),
    T('decoy-airflow-variable-get', 'airflow/dags/summarize.py', '''\
from airflow.models import Variable

api_key = Variable.get("together_api_key")
'''),
]

# --- workflow exports and API clients --------------------------------------------------------------

WORKFLOWS = [
    T('n8n-http-node-header-legacy', 'n8n/Summarize_tickets.json', '''\
{
  "name": "Summarize tickets",
  "nodes": [
    {
      "parameters": {
        "method": "POST",
        "url": "https://api.together.xyz/v1/chat/completions",
        "sendHeaders": true,
        "headerParameters": {"parameters": [{"name": "Authorization", "value": "Bearer ⟦hex⟧"}]}
      },
      "name": "HTTP Request",
      "type": "n8n-nodes-base.httpRequest",
      "typeVersion": 4.2
    }
  ]
}
'''),
    T('n8n-credentials-decrypted-legacy', 'n8n/credentials.json', '''\
[{"id": "7", "name": "Together account", "type": "httpHeaderAuth", "data": {"name": "Authorization", "value": "Bearer ⟦hex⟧"}}]
'''),
    T('make-blueprint-header-current', 'make/blueprint.json', '''\
{"name": "Summarize", "flow": [{"id": 2, "module": "http:ActionSendData", "mapper": {"url": "https://api.together.xyz/v1/completions", "method": "post", "headers": [{"name": "Authorization", "value": "Bearer ⟦key⟧"}]}}]}
'''),
    T('zapier-webhook-export-legacy', 'zapier/zap-export.json', '''\
{"zaps": [{"title": "Draft replies", "steps": [{"app": "WebhooksCLIAPI", "action": "custom_request", "params": {"url": "https://api.together.xyz/v1/chat/completions", "headers": {"Authorization": "Bearer ⟦hex⟧"}}}]}]}
'''),
    T('decoy-n8n-credential-reference', 'n8n/Daily_digest.json', '''\
{"nodes": [{"name": "Together", "type": "n8n-nodes-base.httpRequest", "credentials": {"httpHeaderAuth": {"id": "7", "name": "Together account"}}}]}
'''),
    T('hoppscotch-collection-bearer-legacy', 'hoppscotch/together.json', '''\
{"v": 2, "name": "Together", "folders": [], "requests": [{"name": "models", "method": "GET", "endpoint": "https://api.together.xyz/v1/models", "auth": {"authType": "bearer", "authActive": true, "token": "⟦hex⟧"}}]}
'''),
    T('thunder-client-env-current', 'thunder-tests/thunderEnvironment.json', '''\
[{"_id": "env1", "name": "prod", "default": false, "data": [{"name": "togetherKey", "value": "⟦key⟧"}]}]
'''),
    T('bruno-collection-headers-legacy', 'bruno/Together/collection.bru', '''\
headers {
  Authorization: Bearer ⟦hex⟧
}

vars:pre-request {
  baseUrl: https://api.together.xyz/v1
}
'''),
    T('httpie-session-current', 'dotfiles/.config/httpie/sessions/api.together.xyz/default.json', '''\
{
  "__meta__": {"about": "HTTPie session file", "httpie": "3.2.2"},
  "auth": {"password": null, "type": null, "username": null},
  "cookies": [],
  "headers": [{"name": "Authorization", "value": "Bearer ⟦key⟧"}]
}
'''),
    T('decoy-bruno-pre-request-script', 'bruno/Together/models.bru', '''\
get {
  url: https://api.together.xyz/v1/models
}

script:pre-request {
  req.setHeader("Authorization", `Bearer ${bru.getEnvVar("togetherKey")}`);
}
'''),
    T('k6-load-test-legacy', 'load/chat.js', '''\
import http from "k6/http";

export default function () {
  const params = { headers: { Authorization: "Bearer ⟦hex⟧", "Content-Type": "application/json" } };
  http.post("https://api.together.xyz/v1/chat/completions", JSON.stringify(payload), params);
}
'''),
    T('jetbrains-http-private-env-legacy', 'requests/http-client.private.env.json', '''\
{
  "dev": {"togetherKey": "⟦hex⟧"}
}
'''),
]

# --- notebooks with outputs ------------------------------------------------------------------------


def _nb_cat_env(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 1, 'source': ['!cat .env'],
                 'outputs': [{'output_type': 'stream', 'name': 'stdout',
                              'text': ['OPENAI_API_KEY=\n', f'TOGETHER_API_KEY={h}\n']}]}]), [h]


def _nb_ansi_traceback(m: Made) -> tuple[bytes, list[str]]:
    """An error output: IPython's coloured traceback shows the failing line."""
    k = m.key()
    line = ('\x1b[0;32m----> 3\x1b[0m client \x1b[38;5;241m=\x1b[39m Together(api_key\x1b[38;5;241m=\x1b[39m'
            f'\x1b[38;5;124m"{k}"\x1b[39m)')
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 4,
                 'source': ['from together import Together\n', '\n', 'client = Together(api_key=KEY)'],
                 'outputs': [{'output_type': 'error', 'ename': 'NameError', 'evalue': "name 'Together' is not defined",
                              'traceback': ['\x1b[0;31m-----------------------------------------\x1b[0m',
                                            line, "\x1b[0;31mNameError\x1b[0m: name 'Together' is not defined"]}]}]), [k]


def _nb_markdown_note(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _nb([{'cell_type': 'markdown', 'metadata': {}, 'source': ['## Setup\n', '\n', f'Together key for the workshop: `{h}`']},
                {'cell_type': 'code', 'metadata': {}, 'execution_count': None, 'outputs': [],
                 'source': ['from together import Together']}]), [h]


def _nb_widget_password_state(m: Made) -> tuple[bytes, list[str]]:
    """ipywidgets saves the widget state in the notebook's metadata: a
    ``Password`` box's value is written out whole."""
    h = m.hex()
    nb = json.loads(_nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 1, 'outputs': [],
                          'source': ['key_box = widgets.Password(description="Together key")\n', 'display(key_box)']}]))
    nb['metadata']['widgets'] = {'application/vnd.jupyter.widget-state+json': {'version_major': 2, 'version_minor': 0, 'state': {
        '5f0c': {'model_name': 'PasswordModel', 'model_module': '@jupyter-widgets/controls',
                 'state': {'description': 'Together key', 'value': h, 'placeholder': ''}}}}}
    return json.dumps(nb, indent=1).encode(), [h]


def _nb_getpass(m: Made) -> tuple[bytes, list[str]]:
    return _nb([{'cell_type': 'code', 'metadata': {}, 'execution_count': 1,
                 'source': ['import getpass, os\n', 'os.environ["TOGETHER_API_KEY"] = getpass.getpass("Together key: ")'],
                 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': ['Together key: \u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\n']}]}]), []


NOTEBOOKS = [
    B('nb-cat-env-output-legacy', 'notebooks/01-setup.ipynb', _nb_cat_env),
    B('nb-error-colored-traceback-current', 'notebooks/02-chat.ipynb', _nb_ansi_traceback),
    B('nb-markdown-cell-legacy', 'notebooks/workshop.ipynb', _nb_markdown_note),
    B('nb-widget-password-state-legacy', 'notebooks/keys-widget.ipynb', _nb_widget_password_state),
    B('decoy-nb-getpass-prompt', 'notebooks/getpass.ipynb', _nb_getpass),
]

# --- Go and other back ends ------------------------------------------------------------------------

BACKENDS = [
    T('go-embed-config-yaml-legacy', 'internal/config/config.yaml', '''\
# embedded with //go:embed config.yaml
together:
  api_key: ⟦hex⟧
  base_url: https://api.together.xyz/v1
'''),
    T('go-struct-env-default-current', 'internal/config/config.go', '''\
package config

type Config struct {
	TogetherAPIKey string `env:"TOGETHER_API_KEY" envDefault:"⟦key⟧"`
	Port           int    `env:"PORT" envDefault:"8080"`
}
'''),
    T('go-ldflags-makefile-legacy', 'Makefile', '''\
LDFLAGS := -X main.togetherKey=⟦hex⟧
build:
\tgo build -ldflags "$(LDFLAGS)" -o bin/chat ./cmd/chat
'''),
    T('decoy-go-viper-bind', 'cmd/chat/config.go', '''\
package main

import "github.com/spf13/viper"

func init() { _ = viper.BindEnv("together.api_key", "TOGETHER_API_KEY") }
'''),
    T('dotnet-launchsettings-env-legacy', 'src/Chat/Properties/launchSettings.json', '''\
{
  "profiles": {
    "Chat": {
      "commandName": "Project",
      "environmentVariables": {
        "ASPNETCORE_ENVIRONMENT": "Development",
        "Together__ApiKey": "⟦hex⟧"
      }
    }
  }
}
'''),
    T('dotnet-user-secrets-set-current', 'src/Chat/SETUP.md', '''\
    dotnet user-secrets init
    dotnet user-secrets set "Together:ApiKey" "⟦key⟧"
'''),
    T('symfony-env-local-recipe-legacy', 'symfony/.env.local', '''\
###> symfony/framework-bundle ###
APP_ENV=dev
###< symfony/framework-bundle ###
###> acme/together-bundle ###
TOGETHER_API_KEY=⟦hex⟧
###< acme/together-bundle ###
'''),
    T('erlang-sys-config-legacy', 'config/sys.config', '''\
[
 {chat, [
   {together_api_key, "⟦hex⟧"},
   {together_model, "meta-llama/Llama-3-8b-chat-hf"}
 ]}
].
'''),
    T('astro-vite-define-current', 'site/astro.config.mjs', '''\
import { defineConfig } from "astro/config";

export default defineConfig({
  vite: { define: { "import.meta.env.TOGETHER_API_KEY": JSON.stringify("⟦key⟧") } },
});
'''),
    T('vite-env-development-local-legacy', 'frontend/.env.development.local', '''\
VITE_TOGETHER_API_KEY=⟦hex⟧
'''),
    T('decoy-laravel-env-no-default', 'config/services-prod.php', '''\
<?php
return ['together' => ['key' => env('TOGETHER_API_KEY')]];
'''),
    T('traefik-headers-middleware-legacy', 'deploy/traefik/dynamic.yml', '''\
http:
  middlewares:
    together-auth:
      headers:
        customRequestHeaders:
          Authorization: "Bearer ⟦hex⟧"
  services:
    together:
      loadBalancer:
        servers:
          - url: https://api.together.xyz
'''),
    T('envoy-request-header-current', 'deploy/envoy.yaml', '''\
route_config:
  virtual_hosts:
    - name: llm
      domains: ["*"]
      request_headers_to_add:
        - header:
            key: authorization
            value: "Bearer ⟦key⟧"
'''),
    T('discord-bot-config-legacy', 'bot/config.json', '''\
{"prefix": "!", "togetherKey": "⟦hex⟧", "model": "meta-llama/Llama-3-8b-chat-hf"}
'''),
    T('telegram-bot-client-legacy', 'bot/main.py', '''\
from telegram.ext import ApplicationBuilder
from together import Together

llm = Together(api_key="⟦hex⟧")
app = ApplicationBuilder().token(os.environ["TG_TOKEN"]).build()
'''),
]

# --- the files around an app: IDEs, task runners, tests, notes -------------------------------------

AROUND = [
    T('vscode-tasks-env-legacy', '.vscode/tasks.json', '''\
{
  "version": "2.0.0",
  "tasks": [{"label": "serve", "type": "shell", "command": "uvicorn app.main:app",
             "options": {"env": {"TOGETHER_API_KEY": "⟦hex⟧"}}}]
}
'''),
    T('zed-settings-openai-compatible-legacy', '.zed/settings.json', '''\
{
  "language_models": {
    "openai": {"api_url": "https://api.together.xyz/v1", "api_key": "⟦hex⟧"}
  }
}
'''),
    T('idea-run-config-current', '.idea/runConfigurations/server.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="server" type="NodeJSConfigurationType" path-to-js-file="server.js">
    <envs>
      <env name="TOGETHER_API_KEY" value="⟦key⟧" />
    </envs>
  </configuration>
</component>
'''),
    T('mise-toml-env-legacy', '.mise.toml', '''\
[tools]
python = "3.12"

[env]
TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('devbox-json-env-current', 'devbox.json', '''\
{"packages": ["python@3.12", "nodejs@20"], "env": {"TOGETHER_API_KEY": "⟦key⟧"}}
'''),
    T('noxfile-session-env-legacy', 'noxfile.py', '''\
import nox


@nox.session
def tests(session):
    session.install("-e", ".[test]")
    session.run("pytest", env={"TOGETHER_API_KEY": "⟦hex⟧"})
'''),
    T('playwright-extra-headers-legacy', 'e2e/playwright.config.ts', '''\
export default defineConfig({
  use: {
    baseURL: "https://api.together.xyz",
    extraHTTPHeaders: { Authorization: "Bearer ⟦hex⟧" },
  },
});
'''),
    T('playwright-storage-state-current', 'e2e/.auth/state.json', '''\
{"cookies": [], "origins": [{"origin": "http://localhost:3000", "localStorage": [{"name": "togetherApiKey", "value": "⟦key⟧"}]}]}
'''),
    T('jest-snapshot-config-legacy', 'src/__tests__/__snapshots__/config.test.ts.snap', '''\
// Jest Snapshot v1, https://goo.gl/fbAQLP

exports[`loads the config 1`] = `
{
  "apiKey": "⟦hex⟧",
  "baseURL": "https://api.together.xyz/v1",
}
`;
'''),
    T('obsidian-note-api-keys-legacy', 'notes/API keys.md', '''\
# API keys

- OpenAI: (revoked)
- Together: ⟦hex⟧
- Anthropic: in 1Password
'''),
    T('keepassxc-csv-export-legacy', 'backup/keepassxc.csv', '''\
"Group","Title","Username","Password","URL","Notes"
"Root/APIs","Together","dev@acme.dev","⟦hex⟧","https://api.together.xyz",""
'''),
    T('lastpass-secure-note-legacy', 'backup/lastpass.csv', '''\
url,username,password,totp,extra,name,grouping,fav
http://sn,,,,"NoteType:API Key
Service:Together AI
Key:⟦hex⟧",Together,APIs,0
'''),
    T('teams-chat-html-legacy', 'exports/teams-chat.html', '''\
<div class="message"><span class="author">Dana</span>
<div class="body">here is the Together key for the demo <code>⟦hex⟧</code></div></div>
'''),
    T('python-debug-log-headers-legacy', 'logs/app.log', '''\
2024-05-01 10:00:00,123 DEBUG together.abstract.api_requestor: Request headers: {'Authorization': 'Bearer ⟦hex⟧', 'Content-Type': 'application/json'}
'''),
    T('docker-run-readme-current', 'docs/deploy.md', '''\
Run the image:

    docker run -p 8000:8000 -e TOGETHER_API_KEY=⟦key⟧ ghcr.io/acme/chat:latest
'''),
    T('nix-shell-hook-legacy', 'shell.nix', '''\
{ pkgs ? import <nixpkgs> {} }:
pkgs.mkShell {
  packages = [ pkgs.python312 ];
  shellHook = ''
    export TOGETHER_API_KEY=⟦hex⟧
  '';
}
'''),
    T('decoy-sops-encrypted-value', 'deploy/secrets.enc.yaml', '''\
TOGETHER_API_KEY: ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b64b⟧,tag:⟦_b64c⟧,type:str]
sops:
    lastmodified: "2024-05-01T10:00:00Z"
    version: 3.8.1
'''),
    T('decoy-ecs-secrets-value-from', 'deploy/task-definition.json', '''\
{"containerDefinitions": [{"name": "chat", "secrets": [{"name": "TOGETHER_API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/chat/together"}]}]}
'''),
    T('decoy-gha-secret-expression', '.github/workflows/e2e.yml', '''\
jobs:
  e2e:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ${{ secrets.TOGETHER_API_KEY }}
'''),
    T('decoy-dummy-fixture', 'tests/fixtures/settings.py', '''\
# Fixtures only: not real keys.
DUMMY_TOGETHER_KEY = "@DUMMY@"
FAKE_TOGETHER_KEY = "@FAKE@"
'''.replace('@DUMMY@', _DUMMY).replace('@FAKE@', _FAKE_TESTS)),
    T('decoy-zero-hex-fixture', 'tests/test_legacy_keys.py', '''\
def test_rejects_all_zero_legacy_key():
    assert not is_valid("@ZEROS@", provider="together")
'''.replace('@ZEROS@', _ZEROS)),
    T('decoy-rotation-changelog-digest', 'CHANGELOG.md', '''\
## 2024-05-01

- Rotated the Together API key (old key id key_01HZX3Q8W4K7M2N9P5R6T0V1Y3, fingerprint sha256:⟦_hex⟧).
'''),
    T('decoy-key-ids-audit-csv', 'notes/together-keys-audit.csv', '''\
# together api keys, ids only
key_id,created,last_used
key_01HZX3Q8W4K7M2N9P5R6T0V1Y3,2024-05-01,2024-05-20
'''),
    T('decoy-redacted-current', 'logs/request.log', '''\
POST /v1/chat/completions host=api.together.xyz auth="Bearer tgp_v1_Ab...yz" status=401
'''),
]

# --- digests beside together -----------------------------------------------------------------------

DIGESTS = [
    T('decoy-kustomize-images-digest', 'k8s/overlays/prod/kustomization.yaml', '''\
images:
  - name: ghcr.io/togethercomputer/inference-worker
    digest: sha256:⟦_hex⟧
secretGenerator:
  - name: together-credentials
    envs: [together.env]
'''),
    T('decoy-cmake-fetchcontent-hash', 'cmake/deps.cmake', '''\
FetchContent_Declare(together_cpp
  URL https://github.com/acme/together-cpp/archive/v0.3.0.tar.gz
  URL_HASH SHA256=⟦_hex⟧)
'''),
    T('decoy-scoop-manifest-hash', 'bucket/together-cli.json', '''\
{"version": "1.4.0", "description": "Together AI CLI", "url": "https://github.com/acme/together-cli/releases/download/v1.4.0/together-cli_windows_amd64.zip", "hash": "⟦_hex⟧"}
'''),
    T('decoy-curl-etag-together', 'logs/curl-models.txt', '''\
< HTTP/2 200
< server: cloudflare
< x-api-host: api.together.xyz
< etag: W/"⟦_hex⟧"
< content-type: application/json
'''),
    T('decoy-slsa-provenance-digest', 'dist/together-worker.intoto.json', '''\
{"_type": "https://in-toto.io/Statement/v0.1", "subject": [{"name": "together-worker", "digest": {"sha256": "⟦_hex⟧"}}]}
'''),
]

# --- binaries --------------------------------------------------------------------------------------


def _sqlite_provider_creds(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(f'{d}/chat.db')
        db.execute('create table provider_credentials (id integer primary key, provider text, api_key text)')
        db.executemany('insert into provider_credentials (provider, api_key) values (?, ?)',
                       [('together', h), ('ollama', '')])
        db.commit()
        db.close()
        with open(f'{d}/chat.db', 'rb') as f:
            return f.read(), [h]


def _sqlite_config_blob(m: Made) -> tuple[bytes, list[str]]:
    """Open WebUI's ``config`` row: a JSON document in one column."""
    k = m.key()
    doc = json.dumps({'openai': {'api_base_urls': [_URL], 'api_keys': [k]}})
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(f'{d}/webui.db')
        db.execute('create table config (id integer primary key, data text, version integer)')
        db.execute('insert into config (data, version) values (?, 0)', (doc,))
        db.commit()
        db.close()
        with open(f'{d}/webui.db', 'rb') as f:
            return f.read(), [k]


def _xlsx_inline_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>Provider</t></is></c><c r="B1" t="inlineStr"><is><t>API key</t></is></c></row>'
             f'<row r="2"><c r="A2" t="inlineStr"><is><t>Together</t></is></c><c r="B2" t="inlineStr"><is><t>{h}</t></is></c></row>'
             '</sheetData></worksheet>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'xl/workbook.xml': b'<workbook/>',
                    'xl/worksheets/sheet1.xml': sheet.encode()}), [h]


def _odt_current(m: Made) -> tuple[bytes, list[str]]:
    """An OpenDocument text (LibreOffice): ``content.xml`` in a zip whose
    first member is the stored ``mimetype``."""
    k = m.key()
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               '<text:h>Handover notes</text:h>'
               f'<text:p>Prod LLM key: <text:span>{k}</text:span></text:p></office:text></office:body></office:document-content>')
    return _zipped({'mimetype': b'application/vnd.oasis.opendocument.text', 'content.xml': content.encode(),
                    'META-INF/manifest.xml': b'<manifest:manifest/>'}), [k]


def _pdf_legacy(m: Made) -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    h = m.hex()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('helvetica', size=9)
    pdf.cell(text='Vendor access sheet')
    pdf.ln()
    pdf.cell(text=f'Together API key: {h}')
    return bytes(pdf.output()), [h]


def _comfyui_png(m: Made) -> tuple[bytes, list[str]]:
    """ComfyUI saves its prompt graph in the PNG it renders (a tEXt chunk)."""
    h = m.hex()
    prompt = json.dumps({'3': {'class_type': 'TogetherImageGen',
                               'inputs': {'api_key': h, 'model': 'black-forest-labs/FLUX.1-schnell', 'steps': 4}}})
    ihdr = b'\0\0\0\x01\0\0\0\x01\x08\0\0\0\0'
    return (b'\x89PNG\r\n\x1a\n' + _png_chunk(b'IHDR', ihdr) + _png_chunk(b'tEXt', b'prompt\0' + prompt.encode())
            + _png_chunk(b'IDAT', zlib.compress(b'\0\0')) + _png_chunk(b'IEND', b'')), [h]


def _pyc_of(source: str, name: str) -> bytes:
    code = compile(source, name, 'exec')
    return importlib.util.MAGIC_NUMBER + b'\0\0\0\0' + b'\0' * 8 + marshal.dumps(code)


def _pyc_dict_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _pyc_of(f'TOGETHER = {{"api_key": {h!r}, "model": "meta-llama/Llama-3-8b-chat-hf"}}\n', 'config.py'), [h]


def _pyc_client_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _pyc_of(f'from together import Together\nclient = Together(api_key={k!r})\n', 'llm.py'), [k]


BINARIES = [
    B('sqlite-provider-credentials-legacy', 'data/chat.db', _sqlite_provider_creds),
    B('sqlite-webui-config-json-current', 'data/webui.db', _sqlite_config_blob),
    B('xlsx-inline-strings-legacy', 'ops/vendors.xlsx', _xlsx_inline_legacy),
    B('odt-handover-current', 'ops/handover.odt', _odt_current),
    B('pdf-vendor-sheet-legacy', 'ops/vendors.pdf', _pdf_legacy),
    B('png-comfyui-prompt-legacy', 'outputs/ComfyUI_00042_.png', _comfyui_png),
    B('pyc-config-dict-legacy', 'app/__pycache__/config.cpython-311.pyc', _pyc_dict_legacy),
    B('pyc-client-current', 'app/__pycache__/llm.cpython-311.pyc', _pyc_client_current),
]

# --- encoded ---------------------------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data)


def _b64_wrapped(data: bytes) -> bytes:
    """``base64 FILE`` as coreutils writes it: 76 columns."""
    return base64.encodebytes(data)


def _k8s_secret(name: str, values: dict[str, str]) -> str:
    data = ''.join(f'  {k}: {base64.b64encode(v.encode()).decode()}\n' for k, v in values.items())
    return f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ntype: Opaque\ndata:\n{data}'


def _k8s_secret_json_current(m: Made) -> tuple[bytes, list[str]]:
    """``kubectl get secret chat-secrets -o json``, saved to a file."""
    k = m.key()
    doc = {'apiVersion': 'v1', 'kind': 'Secret', 'type': 'Opaque',
           'metadata': {'name': 'chat-secrets', 'namespace': 'default'},
           'data': {'TOGETHER_API_KEY': base64.b64encode(k.encode()).decode(),
                    'LOG_LEVEL': base64.b64encode(b'info').decode()}}
    return json.dumps(doc, indent=4).encode(), [k]


def _k8s_secret_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _k8s_secret('together-credentials', {'api-key': h}).encode(), [h]


def _k8s_secret_env_file(m: Made) -> tuple[bytes, list[str]]:
    """``kubectl create secret generic --from-file=.env``: the whole file one value."""
    h = m.hex()
    return _k8s_secret('chat-env', {'.env': f'TOGETHER_API_KEY={h}\nPORT=8080\n'}).encode(), [h]


def _ci_decode_step(m: Made) -> tuple[bytes, list[str]]:
    text, keys = _fill(m, 'TOGETHER_API_KEY=⟦key⟧\n')
    blob = base64.b64encode(text.encode()).decode()
    return f'#!/bin/sh\necho "{blob}" | base64 -d > .env\n'.encode(), keys


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _tar_gz(name: str) -> Callable[[bytes], bytes]:
    def wrap(data: bytes) -> bytes:
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode='w:gz') as tar:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1714557600
            tar.addfile(info, io.BytesIO(data))
        return out.getvalue()
    return wrap


ENCODED = [
    W('base64-whole-env-current', 'deploy/env.b64', 'TOGETHER_API_KEY=⟦key⟧\nPORT=8080\n', _b64),
    W('base64-wrapped-settings-legacy', 'deploy/settings.py.b64', '''\
# settings for the summarizer
DEBUG = False
TOGETHER_API_KEY = "⟦hex⟧"
TOGETHER_MODEL = "meta-llama/Llama-3-70b-chat-hf"
''', _b64_wrapped),
    B('k8s-secret-json-data-current', 'notes/secret.json', _k8s_secret_json_current),
    B('k8s-secret-data-named-legacy', 'k8s/together-secret.yaml', _k8s_secret_legacy),
    B('k8s-secret-data-env-file-legacy', 'k8s/env-secret.yaml', _k8s_secret_env_file),
    B('ci-echo-base64-env-current', 'scripts/write-env.sh', _ci_decode_step),
    W('gzip-env-backup-legacy', 'backups/env-2024-05-01.gz', 'TOGETHER_API_KEY=⟦hex⟧\nDATABASE_URL=postgres://db/chat\n', _gzip),
    W('gzip-json-config-current', 'backups/config.json.gz', '{"together": {"apiKey": "⟦key⟧"}}\n', _gzip),
    W('tar-gz-release-env-current', 'releases/chat-1.2.0.tar.gz', 'TOGETHER_API_KEY=⟦key⟧\n', _tar_gz('chat-1.2.0/.env.production')),
    W('decoy-base64-env-template', 'deploy/env-template.b64', 'TOGETHER_API_KEY=\nPORT=8080\n', _b64),
]

# --- written with the fixes: the near-misses of each newly found shape ----------------------------

FIXED = [
    T('decoy-digest-list-item-heading', 'docs/release-notes.md', '''\
## SHA-256 checksums

- together: ⟦_hex⟧
- together-cli: ⟦_hex2⟧
'''),
    T('decoy-service-field-webhooks', 'notes/webhooks.txt', '''\
Service: together-webhooks
Key: ⟦_hex⟧
'''),
    T('decoy-airflow-other-connection', 'airflow/airflow_settings_dev.yaml', '''\
airflow:
  connections:
    - conn_id: together_default
      conn_type: http
      conn_host: api.together.xyz
    - conn_id: warehouse
      conn_type: postgres
      conn_host: db.internal
      conn_password: ⟦_hex⟧
'''),
    T('decoy-log-other-logger', 'logs/router.log', '''\
2024-05-01 10:00:00,123 DEBUG openai._base_client: Request options: {'headers': {'Authorization': 'Bearer ⟦_hex⟧'}}
2024-05-01 10:00:01,456 DEBUG together.files: uploaded train.jsonl sha256=⟦_hex2⟧
2024-05-01 10:00:02,789 INFO togetherness.app: upstream headers {'Authorization': 'Bearer ⟦_hex3⟧'}
'''),
]

ALL_CASES = (NEXTJS + FASTAPI + DJANGO + RAILS + FLUTTER + MOBILE + EXTENSIONS + PLATFORMS + ML
             + WORKFLOWS + NOTEBOOKS + BACKENDS + AROUND + DIGESTS + BINARIES + ENCODED + FIXED)

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at eeb1dacc: 167 cases, 129 holding a key (129 keys) and 38
# decoys; 120 keys found, 9 missed, no decoy reported; the git-level
# shapes (tests/gate_outside36_test.py: 10 keys in 40 mode runs, 3 decoys
# in 12) all refused, the decoys passed.  Every mode (the files, --staged,
# --history, --diff, the hook, a push: outside36_modes_test.py) finds
# what the file scan finds.  Then (session 36) the
# provider's name as a key after a list item's leaders and a record's
# ``Service`` field found, then a connection's own password field
# (Airflow's ``conn_password``) and a log record of a logger of
# Together's package: 124 of 129.  The FIXED block's decoys were written
# with those fixes, each beside its true positive's shape.
MISSED: dict[str, str] = {
    'cf-ai-gateway-fetch-legacy': (
        "a Bearer header whose only Together context is an AI gateway's provider segment "
        "(`gateway.ai.cloudflare.com/v1/<account>/<gateway>/together`): the URL is another host"),
    'n8n-credentials-decrypted-legacy': (
        "a credential whose display name says more than Together's name (n8n's default "
        "`\"name\": \"Together account\"`) names no Together structure"),
    'teams-chat-html-legacy': (
        "prose with a qualifier between Together's key and the value and no colon "
        "(`the Together key for the demo <code>…`)"),
    'xlsx-inline-strings-legacy': (
        "a worksheet's inline-string cells (`Together` beside the key, under an `API key` column): "
        "a sheet's rows are not read as a table's"),
    'png-comfyui-prompt-legacy': (
        "ComfyUI's node `inputs.api_key` whose Together name is its sibling `class_type` (`TogetherImageGen`): "
        "a class field's bare class name is Together context since acc37 (`invocation_layer_class:`), but "
        "`class_type` is not among those fields, and no window of the legacy rule opens at a class name "
        "quoted inside JSON (`\"TogetherImageGen\",`): tried in session 37, not kept"),
}

CASES = ALL_CASES

results, test_case = make_tests(ALL_CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 150 and decoys * 6 >= len(CASES), (len(CASES), decoys, keys)
