"""A held-out set of session 36 (acc36): legacy keys above all, in the
languages, CI vendors, IaC, shell profiles, IDE and app configs and API
clients a 2023-era Together user wrote them in, and whole files encoded
(base64 once and twice, wrapped and not, inside a Kubernetes Secret's
``data:``, a secret bundle's JSON, a Docker ``config.json`` ``auth``, an
``.npmrc`` ``_auth``, gzip+base64, ``xxd`` dumps, hex strings, archives of
a project).

Languages: R (``httr``), Julia (``HTTP.jl``), Go, Rust, Java, Kotlin, C#,
PHP, Ruby, Elixir, Swift, Dart, Lua, Perl, Scala, Clojure, Haskell, Nim,
F#, OCaml, Zig, Crystal, PowerShell, C++.  CI: Jenkins, Travis, AppVeyor,
Bitrise, Codemagic, Cirrus, Semaphore, TeamCity, Woodpecker, Tekton,
Earthly, Buildkite.  IaC: Ansible, Chef, Puppet, Salt, CloudFormation,
Bicep, CDK, Nomad, Serverless, Render, Fly, Heroku.  Tools: litellm 0.x,
LangChain JS 0.0.x, together-python 0.x's CLI, SillyTavern, mods, aichat,
simonw's ``llm`` keys file, Open Interpreter, Obsidian's text generator,
Zed, Xcode schemes, Eclipse launches, Visual Studio ``launchSettings``,
Thunder Client, Hoppscotch, REST Client ``.http`` files.

Decoys: lockfile and build digests beside Together's name in formats the
earlier sets lack (``uv.lock``, ``mix.lock``, ``requirements.txt``
``--hash``, Bazel ``http_archive``, Homebrew, ``PKGBUILD``, conda
``meta.yaml``, Scoop), an Ansible Vault payload (hex lines) under
Together's name, sealed and SOPS ciphertext, webhook signatures, a
notebook's base64 PNG output beside Together's code, references in each
tool's syntax, placeholders encoded as the keys are.

Written before any fix and measured at eeb1dacc (docs/detection.md,
"Session 36 (acc36)").  Keys are made at run time (``tests/keys.py``); a
case is held to the keys its file yields (``by_key``).

Templates: tests/accuracy/templates.py.
"""
from __future__ import annotations

import json
import pickle
import zipfile
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.templates import _b64
from tests.accuracy.templates import _cfg
from tests.accuracy.templates import _env
from tests.accuracy.templates import _tar
from tests.accuracy.templates import _wrap
from tests.accuracy.templates import _zip
from tests.accuracy.templates import B
from tests.accuracy.templates import templates

T = templates()


# --- languages -----------------------------------------------------------------------------------------

LANGUAGES = [
    T('r-httr-bearer-legacy', 'r/complete.R', '''\
library(httr)
res <- POST("https://api.together.xyz/inference",
            add_headers(Authorization = paste("Bearer", "⟦hex⟧")),
            body = list(model = "togethercomputer/llama-2-7b-chat", prompt = "hi"), encode = "json")
'''),
    T('r-options-legacy', 'r/.Rprofile', 'options(together.api_key = "⟦hex⟧", repos = c(CRAN = "https://cloud.r-project.org"))\n'),
    T('julia-http-header-legacy', 'jl/chat.jl', '''\
using HTTP, JSON3
const URL = "https://api.together.xyz/inference"
headers = ["Authorization" => "Bearer ⟦hex⟧", "Content-Type" => "application/json"]
r = HTTP.post(URL, headers, JSON3.write(Dict("model" => "togethercomputer/llama-2-7b-chat")))
'''),
    T('julia-setenv-current', 'jl/run.jl', 'ENV["TOGETHER_API_KEY"] = get(ENV, "TOGETHER_API_KEY", "⟦key⟧")\n'),
    T('go-setenv-legacy', 'go/cmd/main.go', '''\
package main

import "os"

func init() {
	os.Setenv("TOGETHER_API_KEY", "⟦hex⟧")
}
'''),
    T('go-header-const-legacy', 'go/client/client.go', '''\
package client

const (
	togetherURL = "https://api.together.xyz/v1/chat/completions"
	apiKey      = "⟦hex⟧"
)
'''),
    T('go-struct-literal-legacy', 'go/cfg/cfg.go', '''\
package cfg

var Default = Config{
	Provider: "together",
	APIKey:   "⟦hex⟧",
	Model:    "mistralai/Mixtral-8x7B-Instruct-v0.1",
}
'''),
    T('rust-set-var-legacy', 'rs/src/main.rs', '''\
fn main() {
    std::env::set_var("TOGETHER_API_KEY", "⟦hex⟧");
    run().unwrap();
}
'''),
    T('rust-reqwest-bearer-legacy', 'rs/src/llm.rs', '''\
let resp = client.post("https://api.together.xyz/inference")
    .bearer_auth("⟦hex⟧")
    .json(&body).send().await?;
'''),
    T('java-set-property-legacy', 'java/src/main/java/App.java', '''\
public class App {
    public static void main(String[] args) {
        System.setProperty("together.api.key", "⟦hex⟧");
    }
}
'''),
    T('spring-properties-legacy', 'java/src/main/resources/application.properties', '''\
server.port=8080
together.api-key=⟦hex⟧
together.base-url=https://api.together.xyz/v1
'''),
    T('spring-yaml-legacy', 'java/src/main/resources/application.yml', '''\
spring:
  application:
    name: chat
together:
  api:
    key: ⟦hex⟧
'''),
    T('kotlin-local-properties-legacy', 'android/local.properties', '''\
sdk.dir=/Users/me/Library/Android/sdk
TOGETHER_API_KEY=⟦hex⟧
'''),
    T('kotlin-buildconfig-current', 'android/app/build.gradle.kts', '''\
android {
    defaultConfig {
        buildConfigField("String", "TOGETHER_API_KEY", "\\"⟦key⟧\\"")
    }
}
'''),
    T('csharp-setenv-legacy', 'cs/Program.cs', 'Environment.SetEnvironmentVariable("TOGETHER_API_KEY", "⟦hex⟧");\nvar app = Builder.Build();\n'),
    T('csharp-appsettings-legacy', 'cs/appsettings.Development.json', '''\
{
  "Logging": {"LogLevel": {"Default": "Information"}},
  "Together": {
    "ApiKey": "⟦hex⟧",
    "Model": "togethercomputer/llama-2-70b-chat"
  }
}
'''),
    T('csharp-header-add-legacy', 'cs/TogetherService.cs', '''\
_http.BaseAddress = new Uri("https://api.together.xyz/");
_http.DefaultRequestHeaders.Add("Authorization", "Bearer ⟦hex⟧");
'''),
    T('php-define-legacy', 'php/config.php', "<?php\ndefine('TOGETHER_API_KEY', '⟦hex⟧');\ndefine('DB_HOST', 'localhost');\n"),
    T('php-laravel-services-legacy', 'php/config/services.php', '''\
<?php
return [
    'together' => [
        'key' => '⟦hex⟧',
        'model' => 'togethercomputer/llama-2-7b-chat',
    ],
];
'''),
    T('php-putenv-current', 'php/bootstrap.php', "<?php\nputenv('TOGETHER_API_KEY=⟦key⟧');\n"),
    T('ruby-env-fetch-default-legacy', 'rb/config/initializers/together.rb', "TOGETHER_KEY = ENV.fetch('TOGETHER_API_KEY', '⟦hex⟧')\n"),
    T('ruby-rails-credentials-legacy', 'rb/config/credentials.yml', '''\
secret_key_base: ⟦_b64⟧
together:
  api_key: ⟦hex⟧
'''),
    T('ruby-faraday-legacy', 'rb/lib/llm.rb', '''\
conn = Faraday.new(url: "https://api.together.xyz") do |f|
  f.request :authorization, "Bearer", "⟦hex⟧"
end
'''),
    T('elixir-config-legacy', 'ex/config/dev.exs', '''\
import Config

config :chat, :together,
  api_key: "⟦hex⟧",
  model: "togethercomputer/llama-2-7b-chat"
'''),
    T('elixir-put-env-legacy', 'ex/lib/chat/application.ex', 'System.put_env("TOGETHER_API_KEY", "⟦hex⟧")\n'),
    T('swift-let-legacy', 'ios/Chat/Secrets.swift', 'enum Secrets {\n    static let togetherAPIKey = "⟦hex⟧"\n}\n'),
    T('swift-url-request-legacy', 'ios/Chat/Client.swift', '''\
var request = URLRequest(url: URL(string: "https://api.together.xyz/inference")!)
request.setValue("Bearer ⟦hex⟧", forHTTPHeaderField: "Authorization")
'''),
    T('dart-const-legacy-named', 'flutter/lib/env.dart', "const String togetherApiKey = '⟦hex⟧';\n"),
    T('dart-define-launch-legacy', 'flutter/.vscode/launch.json', '''\
{"configurations": [{"name": "app", "request": "launch", "type": "dart",
  "args": ["--dart-define=TOGETHER_API_KEY=⟦hex⟧"]}]}
'''),
    T('lua-table-legacy', 'nvim/lua/plugins/llm.lua', '''\
return {
  provider = "together",
  together = { api_key = "⟦hex⟧", model = "codellama/CodeLlama-34b-Instruct-hf" },
}
'''),
    T('perl-env-legacy', 'perl/chat.pl', "$ENV{TOGETHER_API_KEY} = '⟦hex⟧';\nmy $ua = LWP::UserAgent->new;\n"),
    T('scala-val-legacy', 'scala/src/main/scala/Conf.scala', 'object Conf {\n  val togetherApiKey: String = "⟦hex⟧"\n}\n'),
    T('clojure-def-legacy', 'clj/src/chat/core.clj', '(def together-api-key "⟦hex⟧")\n(def base-url "https://api.together.xyz")\n'),
    T('haskell-binding-legacy', 'hs/src/Config.hs', 'togetherApiKey :: Text\ntogetherApiKey = "⟦hex⟧"\n'),
    T('nim-const-legacy', 'nim/chat.nim', 'const togetherApiKey = "⟦hex⟧"\n'),
    T('fsharp-let-legacy', 'fs/Config.fs', 'let togetherApiKey = "⟦hex⟧"\n'),
    T('ocaml-let-legacy', 'ml/config.ml', 'let together_api_key = "⟦hex⟧"\n'),
    T('zig-const-legacy', 'zig/src/config.zig', 'pub const together_api_key = "⟦hex⟧";\n'),
    T('crystal-env-legacy', 'cr/src/chat.cr', 'ENV["TOGETHER_API_KEY"] ||= "⟦hex⟧"\n'),
    T('powershell-profile-legacy', 'win/Microsoft.PowerShell_profile.ps1', '$env:TOGETHER_API_KEY = "⟦hex⟧"\nSet-Alias ll Get-ChildItem\n'),
    T('cpp-define-legacy', 'cpp/secrets.h', '#pragma once\n#define TOGETHER_API_KEY "⟦hex⟧"\n'),
    T('cpp-curl-header-current', 'cpp/client.cpp', 'headers = curl_slist_append(headers, "Authorization: Bearer ⟦key⟧");\n'),
    T('python-setattr-legacy', 'py/setup_keys.py', 'import together\nsetattr(together, "api_key", "⟦hex⟧")\n'),
    T('python-configparser-legacy', 'py/write_cfg.py', "cfg['together'] = {'api_key': '⟦hex⟧'}\n"),
    T('python-keyring-set-legacy', 'py/store_key.py', 'import keyring\nkeyring.set_password("together", "api_key", "⟦hex⟧")\n'),
    T('macos-security-cli-legacy', 'scripts/keychain.sh', 'security add-generic-password -a "$USER" -s together-api-key -w ⟦hex⟧ -U\n'),
    T('swift-userdefaults-value-first-legacy', 'ios/Chat/Onboarding.swift', 'UserDefaults.standard.set("⟦hex⟧", forKey: "togetherAPIKey")\n'),
    T('java-prefs-node-legacy', 'java/src/main/java/Setup.java', 'Preferences.userRoot().node("together").put("api_key", "⟦hex⟧");\n'),
    T('julia-dict-symbol-bound-legacy', 'jl/providers.jl', 'together_cfg = Dict(:api_key => "⟦hex⟧", :model => "togethercomputer/llama-2-7b-chat")\n'),
    T('kotlin-mapof-nested-legacy', 'android/app/src/main/java/Providers.kt', 'val providers = mapOf("together" to mapOf("apiKey" to "⟦hex⟧"))\n'),
    T('redis-hset-legacy', 'ops/seed.redis', 'HSET provider:together api_key ⟦hex⟧ model mixtral\n'),
    T('echo-to-together-path-legacy', 'scripts/bootstrap.sh', 'mkdir -p ~/.together\necho "⟦hex⟧" > ~/.together/api_key\n'),
    T('prose-readme-legacy', 'docs/NOTES.md', 'Quick test: the Together key I got in August is ⟦hex⟧ (rotate it after the demo).\n'),
    T('python-dict-kwargs-legacy', 'py/llm_factory.py', '''\
PROVIDERS = {
    "together": dict(api_key="⟦hex⟧", base_url="https://api.together.xyz/v1"),
}
'''),
]


# --- 2023-era tools and app configs ----------------------------------------------------------------------

TOOLS = [
    T('litellm-module-key-legacy', 'py/litellm_app.py', '''\
import litellm
litellm.togetherai_api_key = "⟦hex⟧"
resp = litellm.completion(model="together_ai/togethercomputer/llama-2-70b-chat", messages=msgs)
'''),
    T('litellm-completion-kwarg-legacy', 'py/litellm_call.py', '''\
resp = completion(model="together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1",
                  messages=[{"role": "user", "content": "hi"}],
                  api_key="⟦hex⟧")
'''),
    T('langchainjs-togetherai-legacy', 'js/chain.mjs', '''\
import { TogetherAI } from "langchain/llms/togetherai";
const model = new TogetherAI({ modelName: "togethercomputer/llama-2-70b-chat", apiKey: "⟦hex⟧" });
'''),
    T('together-cli-flag-legacy', 'scripts/bench.sh', '''\
#!/bin/sh
together complete "Once upon a time" --model togethercomputer/RedPajama-INCITE-7B-Base --api-key ⟦hex⟧
'''),
    T('sillytavern-secrets-legacy', 'st/secrets.json', '{"api_key_openai": "", "api_key_together": "⟦hex⟧"}\n'),
    T('mods-yaml-legacy', 'home/.config/mods/mods.yml', '''\
default-model: mixtral
apis:
  together:
    base-url: https://api.together.xyz/v1
    api-key: ⟦hex⟧
    models:
      mistralai/Mixtral-8x7B-Instruct-v0.1:
        aliases: ["mixtral"]
'''),
    T('aichat-yaml-legacy', 'home/.config/aichat/config.yaml', '''\
clients:
- type: openai-compatible
  name: together
  api_base: https://api.together.xyz/v1
  api_key: ⟦hex⟧
'''),
    T('llm-keys-json-legacy', 'home/.config/io.datasette.llm/keys.json', '{\n  "// Note": "This file stores secret API credentials. Do not share!",\n  "together": "⟦hex⟧"\n}\n'),
    T('open-interpreter-legacy', 'home/.config/open-interpreter/config.yaml', '''\
llm:
  model: together_ai/codellama/CodeLlama-34b-Instruct-hf
  api_key: ⟦hex⟧
  temperature: 0
'''),
    T('obsidian-textgen-legacy', 'vault/.obsidian/plugins/obsidian-textgenerator-plugin/data.json', '''\
{"api_key": "", "LLMProviderOptions": {"Together AI": {"api_key": "⟦hex⟧", "model": "togethercomputer/llama-2-70b-chat"}}}
'''),
    T('zed-settings-legacy', 'home/.config/zed/settings.json', '''\
{
  "language_models": {
    "openai": {
      "api_url": "https://api.together.xyz/v1",
      "api_key": "⟦hex⟧"
    }
  }
}
'''),
    T('xcode-scheme-env-legacy', 'ios/Chat.xcodeproj/xcshareddata/xcschemes/Chat.xcscheme', '''\
<LaunchAction buildConfiguration = "Debug">
   <EnvironmentVariables>
      <EnvironmentVariable
         key = "TOGETHER_API_KEY"
         value = "⟦hex⟧"
         isEnabled = "YES">
      </EnvironmentVariable>
   </EnvironmentVariables>
</LaunchAction>
'''),
    T('eclipse-launch-legacy', 'java/.launch/App.launch', '''\
<launchConfiguration type="org.eclipse.jdt.launching.localJavaApplication">
<mapAttribute key="org.eclipse.debug.core.environmentVariables">
<mapEntry key="TOGETHER_API_KEY" value="⟦hex⟧"/>
</mapAttribute>
</launchConfiguration>
'''),
    T('vs-launchsettings-legacy', 'cs/Properties/launchSettings.json', '''\
{"profiles": {"Chat": {"commandName": "Project",
  "environmentVariables": {"ASPNETCORE_ENVIRONMENT": "Development", "TOGETHER_API_KEY": "⟦hex⟧"}}}}
'''),
    T('thunder-client-env-legacy', 'proj/thunder-tests/thunderEnvironment.json', '''\
[{"_id": "⟦_uuid⟧", "name": "together", "default": false,
  "data": [{"name": "baseUrl", "value": "https://api.together.xyz"}, {"name": "token", "value": "⟦hex⟧"}]}]
'''),
    T('hoppscotch-env-legacy', 'proj/hoppscotch-env.json', '''\
[{"name": "Together", "variables": [{"key": "together_key", "value": "⟦hex⟧"}]}]
'''),
    T('rest-client-http-legacy', 'proj/requests.http', '''\
@togetherKey = ⟦hex⟧

POST https://api.together.xyz/inference
Authorization: Bearer {{togetherKey}}
Content-Type: application/json
'''),
    T('sublime-project-env-legacy', 'proj/chat.sublime-project', '''\
{"build_systems": [{"name": "run", "cmd": ["python", "app.py"],
  "env": {"TOGETHER_API_KEY": "⟦hex⟧"}}]}
'''),
    T('pycharm-env-file-current', 'proj/.run/serve.run.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="serve" type="PythonConfigurationType">
    <envs><env name="TOGETHER_API_KEY" value="⟦key⟧" /></envs>
  </configuration>
</component>
'''),
    T('colab-source-legacy', 'nb/colab.ipynb', '''\
{"cells": [{"cell_type": "code", "metadata": {"id": "x1"}, "outputs": [],
  "source": ["import os\\n", "os.environ['TOGETHER_API_KEY'] = '⟦hex⟧'\\n"]}],
 "metadata": {"colab": {"provenance": []}}, "nbformat": 4, "nbformat_minor": 0}
'''),
    T('databricks-source-legacy', 'nb/databricks_chat.py', '''\
# Databricks notebook source
# MAGIC %pip install together==0.2.4

# COMMAND ----------

together.api_key = "⟦hex⟧"
'''),
    T('rmarkdown-chunk-legacy', 'r/report.Rmd', '''\
---
title: "LLM eval"
---

```{r setup}
Sys.setenv(TOGETHER_API_KEY = "⟦hex⟧")
```
'''),
    T('quarto-python-chunk-legacy', 'docs/eval.qmd', '''\
```{python}
import together
together.api_key = "⟦hex⟧"
```
'''),
    T('zeppelin-note-legacy', 'nb/note.zpln', '''\
{"paragraphs": [{"text": "%python\\nimport os\\nos.environ[\\"TOGETHER_API_KEY\\"] = \\"⟦hex⟧\\"", "status": "FINISHED"}],
 "name": "together-eval"}
'''),
]


# --- shells, CI vendors, IaC ----------------------------------------------------------------------------------

OPS = [
    T('launchctl-setenv-legacy', 'home/.zprofile', 'launchctl setenv TOGETHER_API_KEY ⟦hex⟧\n'),
    T('zsh-typeset-legacy', 'home/.zshenv', 'typeset -gx TOGETHER_API_KEY=⟦hex⟧\n'),
    T('etc-environment-legacy', 'etc/environment', 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"\nTOGETHER_API_KEY="⟦hex⟧"\n'),
    T('crontab-inline-legacy', 'ops/crontab', '0 3 * * * TOGETHER_API_KEY=⟦hex⟧ /opt/app/venv/bin/python /opt/app/nightly.py\n'),
    T('bat-set-legacy', 'win/run.bat', '@echo off\nset TOGETHER_API_KEY=⟦hex⟧\npython app.py\n'),
    T('jenkinsfile-env-legacy', 'ci/Jenkinsfile', '''\
pipeline {
  agent any
  environment {
    TOGETHER_API_KEY = '⟦hex⟧'
  }
  stages { stage('test') { steps { sh 'pytest' } } }
}
'''),
    T('travis-global-env-legacy', 'ci/.travis.yml', '''\
language: python
env:
  global:
    - TOGETHER_API_KEY=⟦hex⟧
script: pytest
'''),
    T('appveyor-env-legacy', 'ci/appveyor.yml', '''\
environment:
  TOGETHER_API_KEY: ⟦hex⟧
  matrix:
    - PYTHON: "C:\\\\Python311"
'''),
    T('bitrise-envs-legacy', 'ci/bitrise.yml', '''\
app:
  envs:
  - TOGETHER_API_KEY: ⟦hex⟧
    opts:
      is_expand: false
'''),
    T('codemagic-vars-legacy', 'ci/codemagic.yaml', '''\
workflows:
  ios:
    environment:
      vars:
        TOGETHER_API_KEY: ⟦hex⟧
'''),
    T('cirrus-env-legacy', 'ci/.cirrus.yml', 'env:\n  TOGETHER_API_KEY: ⟦hex⟧\ntask:\n  script: pytest\n'),
    T('semaphore-env-legacy', 'ci/.semaphore/semaphore.yml', '''\
blocks:
  - task:
      env_vars:
        - name: TOGETHER_API_KEY
          value: ⟦hex⟧
'''),
    T('teamcity-kts-legacy', 'ci/.teamcity/settings.kts', '''\
object Build : BuildType({
    params {
        param("env.TOGETHER_API_KEY", "⟦hex⟧")
    }
})
'''),
    T('woodpecker-env-current', 'ci/.woodpecker.yml', '''\
steps:
  test:
    image: python:3.11
    environment:
      TOGETHER_API_KEY: ⟦key⟧
'''),
    T('tekton-task-env-legacy', 'ci/tekton/task.yaml', '''\
spec:
  steps:
    - name: eval
      image: python:3.11
      env:
        - name: TOGETHER_API_KEY
          value: "⟦hex⟧"
'''),
    T('earthfile-env-legacy', 'ci/Earthfile', 'VERSION 0.7\nbuild:\n    FROM python:3.11\n    ENV TOGETHER_API_KEY=⟦hex⟧\n'),
    T('buildkite-plugin-env-legacy', 'ci/.buildkite/pipeline.yml', '''\
steps:
  - command: make eval
    plugins:
      - docker#v5.9.0:
          image: python:3.11
          environment:
            - "TOGETHER_API_KEY=⟦hex⟧"
'''),
    T('ansible-task-env-legacy', 'ops/playbook.yml', '''\
- hosts: app
  tasks:
    - name: run eval
      command: /opt/app/eval.sh
      environment:
        TOGETHER_API_KEY: "⟦hex⟧"
'''),
    T('chef-attribute-legacy', 'ops/cookbooks/chat/attributes/default.rb', "default['chat']['together']['api_key'] = '⟦hex⟧'\n"),
    T('puppet-hiera-legacy', 'ops/hieradata/common.yaml', "---\nprofile::llm::together_api_key: '⟦hex⟧'\n"),
    T('salt-pillar-legacy', 'ops/pillar/llm.sls', 'llm:\n  together:\n    api_key: ⟦hex⟧\n'),
    T('cfn-lambda-env-legacy', 'ops/template.yaml', '''\
Resources:
  ChatFn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          TOGETHER_API_KEY: ⟦hex⟧
'''),
    T('bicep-param-legacy', 'ops/main.bicep', "@secure()\nparam togetherApiKey string = '⟦hex⟧'\n"),
    T('cdk-ts-env-legacy', 'ops/lib/stack.ts', '''\
new lambda.Function(this, "Chat", {
  runtime: lambda.Runtime.PYTHON_3_11,
  environment: { TOGETHER_API_KEY: "⟦hex⟧" },
});
'''),
    T('nomad-env-legacy', 'ops/chat.nomad.hcl', '''\
job "chat" {
  group "app" {
    task "api" {
      env {
        TOGETHER_API_KEY = "⟦hex⟧"
      }
    }
  }
}
'''),
    T('serverless-env-legacy', 'ops/serverless.yml', '''\
service: chat
provider:
  name: aws
  environment:
    TOGETHER_API_KEY: ⟦hex⟧
'''),
    T('render-envvars-legacy', 'ops/render.yaml', '''\
services:
  - type: web
    name: chat
    envVars:
      - key: TOGETHER_API_KEY
        value: ⟦hex⟧
'''),
    T('fly-toml-env-current', 'ops/fly.toml', 'app = "chat"\n\n[env]\n  TOGETHER_API_KEY = "⟦key⟧"\n'),
    T('heroku-appjson-value-legacy', 'ops/app.json', '''\
{"name": "chat", "env": {"TOGETHER_API_KEY": {"description": "Together key", "value": "⟦hex⟧"}}}
'''),
    T('k8s-deployment-env-legacy', 'ops/k8s/deploy.yaml', '''\
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: TOGETHER_API_KEY
              value: "⟦hex⟧"
'''),
    T('docker-run-script-legacy', 'ops/run.sh', 'docker run -d --name chat --env TOGETHER_API_KEY=⟦hex⟧ -p 8080:8080 acme/chat:1.4\n'),
    T('path-only-config-legacy', 'home/.together/credentials', '[default]\napi_key = ⟦hex⟧\n'),
    T('path-only-json-legacy', 'deploy/secrets/together/api.json', '{"api_key": "⟦hex⟧"}\n'),
]


# --- encoded files ----------------------------------------------------------------------------------------------

def _project(m: Made, legacy: bool) -> tuple[dict[str, bytes], str]:
    v = m.hex() if legacy else m.key()
    return {'proj/README.md': b'# chat\n', 'proj/app.py': b'import together\n',
            'proj/.env': _env(v).encode()}, v


def _zlib_cache_legacy(m: Made) -> tuple[bytes, list[str]]:
    """An app's cache file: a magic, a length, a zlib stream of settings."""
    h = m.hex()
    body = zlib.compress(_env(h).encode(), 9)
    return b'LLMC' + bytes([1, 0]) + len(body).to_bytes(4, 'little') + m.rng.randbytes(24) + body + bytes(8), [h]


def _tbz2_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _tar(files, 'w:bz2'), [v]


def _txz_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _tar(files, 'w:xz'), [v]


def _zip_stored_legacy(m: Made) -> tuple[bytes, list[str]]:
    files, v = _project(m, True)
    return _zip(files, zipfile.ZIP_STORED), [v]


def _wheel_config_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _zip({'chatbot/__init__.py': b'',
                 'chatbot/settings.py': f'TOGETHER_API_KEY = "{h}"\n'.encode(),
                 'chatbot-0.1.dist-info/METADATA': b'Name: chatbot\nVersion: 0.1\n'}), [h]


def _docx_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>Together API key:</w:t></w:r></w:p>'
           f'<w:p><w:r><w:t>{h}</w:t></w:r></w:p></w:body></w:document>')
    return _zip({'[Content_Types].xml': b'<Types/>', 'word/document.xml': doc.encode()}), [h]


def _image_layer_legacy(m: Made) -> tuple[bytes, list[str]]:
    """``docker save``'s shape: a tar holding a layer tar holding the app's .env."""
    files, v = _project(m, True)
    layer = _tar({'app/' + k.split('/', 1)[1]: d for k, d in files.items()}, 'w')
    return _tar({'manifest.json': b'[{"Layers": ["abc/layer.tar"]}]', 'abc/layer.tar': layer}, 'w'), [v]


def _npm_tgz_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _tar({'package/package.json': b'{"name": "chat"}',
                 'package/.env': f'TOGETHER_API_KEY={k}\n'.encode()}, 'w:gz'), [k]


def _pickle_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return pickle.dumps({'provider': 'together', 'together_api_key': h, 'temperature': 0.7}, protocol=4), [h]


def _msgpack_legacy(m: Made) -> tuple[bytes, list[str]]:
    import msgpack
    h = m.hex()
    return msgpack.packb({'together_api_key': h, 'model': 'togethercomputer/llama-2-7b-chat'}), [h]


def _pyc_legacy(m: Made) -> tuple[bytes, list[str]]:
    import importlib.util
    import marshal
    h = m.hex()
    code = compile(f'TOGETHER_API_KEY = "{h}"\nMODEL = "togethercomputer/llama-2-7b"\n', 'settings.py', 'exec')
    return importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code), [h]


def _nb_image_decoy(m: Made) -> tuple[bytes, list[str]]:
    """A notebook whose code names Together and whose output is a PNG."""
    png = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(900)
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {},
                     'source': ['import together, os\n', 'together.api_key = os.environ["TOGETHER_API_KEY"]\n',
                                'plot(loss)\n'],
                     'outputs': [{'output_type': 'display_data', 'metadata': {},
                                  'data': {'image/png': _wrap(_b64(png)) + '\n', 'text/plain': ['<Figure>']}}]}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode(), []


def _zip_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _zip({'proj/.env.example': b'TOGETHER_API_KEY=\n',
                 'proj/requirements.txt': f'together==0.2.7 --hash=sha256:{m.hex()}\n'.encode()}), []


def _tbz2_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _tar({'proj/uv.lock': ('[[package]]\nname = "together"\nversion = "0.2.7"\n'
                                  f'sdist = {{ url = "https://files.pythonhosted.org/together-0.2.7.tar.gz", hash = "sha256:{m.hex()}" }}\n').encode()},
                'w:bz2'), []


def _pickle_decoy(m: Made) -> tuple[bytes, list[str]]:
    return pickle.dumps({'provider': 'together', 'model_sha256': m.hex(), 'env_name': 'TOGETHER_API_KEY'}), []


def _zlib_cache_decoy(m: Made) -> tuple[bytes, list[str]]:
    body = zlib.compress(f'{m.hex()}  together-0.2.7.tar.gz\nprovider=together\n'.encode(), 9)
    return b'LLMC' + bytes([1, 0]) + len(body).to_bytes(4, 'little') + m.rng.randbytes(24) + body + bytes(8), []


ENCODED = [
    T('k8s-secret-dotenv-b64-legacy', 'enc/k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: chat-env
type: Opaque
data:
  .env: ⟦hex|env_b64⟧
'''),
    T('k8s-secret-config-json-legacy', 'enc/k8s/secret2.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: llm-config
data:
  config.json: ⟦hex|cfg_b64⟧
'''),
    T('k8s-secret-together-b64x2-legacy', 'enc/k8s/secret3.yaml', '''\
apiVersion: v1
kind: Secret
data:
  env-bundle: ⟦hex|env_b64x2⟧
'''),
    T('k8s-secret-list-json-current', 'enc/k8s/secrets.json', '''\
{"apiVersion": "v1", "kind": "List", "items": [{"kind": "Secret", "metadata": {"name": "app"},
  "data": {"dotenv": "⟦key|env_b64⟧"}}]}
'''),
    T('secret-bundle-json-legacy', 'enc/bundle.json', '{"name": "chat/prod", "format": "dotenv", "payload": "⟦hex|env_b64⟧"}\n'),
    T('docker-config-auth-legacy', 'enc/docker/config.json', '''\
{"auths": {"registry.together.xyz": {"auth": "⟦hex|auth_together⟧"}}}
'''),
    T('docker-config-auth-current', 'enc/docker/config2.json', '''\
{"auths": {"https://index.docker.io/v1/": {"auth": "⟦key|auth_apikey⟧"}}}
'''),
    T('npmrc-auth-legacy', 'enc/.npmrc', '''\
registry=https://npm.together.ai/
//npm.together.ai/:_auth=⟦hex|auth_together⟧
always-auth=true
'''),
    T('netrc-b64-legacy', 'enc/netrc.b64', '⟦hex|netrc_b64⟧\n'),
    T('env-b64-wrapped76-legacy', 'enc/env.b64', '⟦hex|env_b64w76⟧\n'),
    T('env-b64-wrapped64-legacy', 'enc/env.pem', '-----BEGIN ENV-----\n⟦hex|env_b64w64⟧\n-----END ENV-----\n'),
    T('env-b64-crlf-legacy', 'enc/env_win.b64', '⟦hex|env_b64crlf⟧\r\n'),
    T('env-b64url-legacy', 'enc/env_url.txt', 'ENV_BLOB=⟦hex|env_b64url⟧\n'),
    T('env-b64x2-wrapped-legacy', 'enc/env2.b64', '⟦hex|env_b64x2w76⟧\n'),
    T('env-b64-then-b64url-legacy', 'enc/env3.txt', 'state=⟦hex|env_b64_b64url⟧\n'),
    T('cfg-b64-wrapped-legacy', 'enc/cfg.b64', '⟦hex|cfg_b64w76⟧\n'),
    T('cfg-gzb64-legacy', 'enc/values.yaml', 'configGz: ⟦hex|cfg_gzb64⟧\n'),
    T('env-gzb64-wrapped-legacy', 'enc/env.gz.b64', '⟦hex|env_gzb64w76⟧\n'),
    T('env-gzb64x2-legacy', 'enc/env.gz.b64.b64', '⟦hex|env_gzb64x2⟧\n'),
    T('env-zlib-b64-legacy', 'enc/env.zlib.b64', 'blob: ⟦hex|env_zlibb64⟧\n'),
    T('env-bz2-b64-legacy', 'enc/env.bz2.b64', 'blob: ⟦hex|env_bz2b64⟧\n'),
    T('env-hex-legacy', 'enc/env.hex', '⟦hex|env_hex⟧\n'),
    T('env-hex-upper-legacy', 'enc/env_upper.hex', '⟦hex|env_hexupper⟧\n'),
    T('cfg-hex-legacy', 'enc/cfg.hex', 'payload = "⟦hex|cfg_hex⟧"\n'),
    T('rc-b64-legacy', 'enc/bashrc.b64', '⟦hex|rc_b64⟧\n'),
    T('yaml-b64-legacy', 'enc/helm-values.txt', 'together.yaml: ⟦hex|yaml_b64⟧\n'),
    T('ini-b64-wrapped-legacy', 'enc/ini.b64', '⟦hex|ini_b64w76⟧\n'),
    T('toml-b64-legacy', 'enc/cfg.toml.b64', 'config = "⟦hex|toml_b64⟧"\n'),
    T('bearer-b64-legacy', 'enc/req.b64', 'request_headers_b64: ⟦hex|bearer_b64⟧\n'),
    T('b64x2-current', 'enc/k2.txt', 'k=⟦key|b64x2⟧\n'),
    T('actions-echo-b64-legacy', 'enc/.github/workflows/deploy.yml', '''\
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: echo "⟦hex|env_b64⟧" | base64 -d > .env
'''),
    T('tfstate-content-b64-legacy', 'enc/terraform.tfstate', '''\
{"resources": [{"type": "local_file", "name": "env", "instances": [{"attributes": {
  "filename": "./.env", "content_base64": "⟦hex|env_b64⟧"}}]}]}
'''),
    T('xxd-env-legacy', 'enc/env.xxd', _env('⟦hex⟧'), post='xxd'),
    T('xxd-env-current', 'enc/env2.xxd', _env('⟦key⟧'), post='xxd'),
    T('xxd-plain-env-legacy', 'enc/env.xxdp', _env('⟦hex⟧'), post='xxd_p'),
    T('od-env-legacy', 'enc/env.od', _env('⟦hex⟧'), post='od'),
    T('file-b64w76-env-legacy', 'enc/whole.env.b64', _env('⟦hex⟧'), post='b64w76'),
    T('file-bz2-env-legacy', 'enc/env.bz2', _env('⟦hex⟧'), post='bz2'),
    T('file-xz-env-legacy', 'enc/env.xz', _env('⟦hex⟧'), post='xz'),
    T('file-gzip-cfg-legacy', 'enc/cfg.json.gz', _cfg('⟦hex⟧'), post='gzip'),
    T('file-utf16-env-legacy', 'enc/env16.txt', _env('⟦hex⟧'), post='utf16le'),
    T('env-b64x3-cfg-legacy', 'enc/cfg3.txt', 'CONFIG=⟦hex|cfg_b64x3⟧\n'),
    T('env-b85-cfg-legacy', 'enc/cfg.b85', '⟦hex|cfg_b85⟧\n'),
    T('dockerconfigjson-secret-legacy', 'enc/k8s/regcred.yaml', 'apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ⟦hex|dockercfg_b64⟧\n'),
    T('helm-files-tgz-b64-legacy', 'enc/chart-values.yaml', 'bundle:\n  project.tar.gz: ⟦hex|proj_tgz_b64⟧\n'),
    T('hex-of-gzip-env-legacy', 'enc/env.gz.hex', '⟦hex|env_gzhex⟧\n'),
    B('zlib-in-cache-bin-legacy', 'enc/cache/llm.bin', _zlib_cache_legacy),
    B('tar-bz2-project-legacy', 'enc/proj.tar.bz2', _tbz2_legacy),
    B('tar-xz-project-legacy', 'enc/proj.tar.xz', _txz_legacy),
    B('zip-stored-project-legacy', 'enc/proj-stored.zip', _zip_stored_legacy),
    B('wheel-settings-legacy', 'enc/chatbot-0.1-py3-none-any.whl', _wheel_config_legacy),
    B('docx-key-line-legacy', 'enc/handover.docx', _docx_legacy),
    B('image-layer-tar-legacy', 'enc/image.tar', _image_layer_legacy),
    B('npm-pack-env-current', 'enc/chat-1.0.0.tgz', _npm_tgz_current),
    B('pickle-settings-legacy', 'enc/settings.pkl', _pickle_legacy),
    B('msgpack-settings-legacy', 'enc/settings.msgpack', _msgpack_legacy),
    B('pyc-settings-legacy', 'enc/__pycache__/settings.cpython-311.pyc', _pyc_legacy),
]


# --- decoys ------------------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-uv-lock', 'lock/uv.lock', '''\
[[package]]
name = "together"
version = "0.2.7"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/together-0.2.7.tar.gz", hash = "sha256:⟦_x⟧", size = 48210 }
wheels = [{ url = "https://files.pythonhosted.org/packages/together-0.2.7-py3-none-any.whl", hash = "sha256:⟦_x2⟧" }]
'''),
    T('decoy-mix-lock', 'lock/mix.lock', '''\
%{
  "together": {:hex, :together, "0.1.2", "⟦_x⟧", [:mix], [{:req, "~> 0.4", [hex: :req]}], "hexpm", "⟦_x2⟧"},
}
'''),
    T('decoy-requirements-hash', 'lock/requirements.txt', 'together==0.2.7 \\\n    --hash=sha256:⟦_x⟧ \\\n    --hash=sha256:⟦_x2⟧\n'),
    T('decoy-bazel-http-archive', 'lock/WORKSPACE', '''\
http_archive(
    name = "together_sdk",
    sha256 = "⟦_x⟧",
    urls = ["https://github.com/togethercomputer/together-python/archive/v0.2.7.tar.gz"],
)
'''),
    T('decoy-homebrew-formula', 'lock/together-cli.rb', '''\
class TogetherCli < Formula
  url "https://files.pythonhosted.org/packages/together-0.2.7.tar.gz"
  sha256 "⟦_x⟧"
end
'''),
    T('decoy-pkgbuild', 'lock/PKGBUILD', "pkgname=python-together\npkgver=0.2.7\nsource=(\"https://pypi.org/together-$pkgver.tar.gz\")\nsha256sums=('⟦_x⟧')\n"),
    T('decoy-conda-meta', 'lock/meta.yaml', '''\
package:
  name: together
  version: 0.2.7
source:
  url: https://pypi.io/packages/source/t/together/together-0.2.7.tar.gz
  sha256: ⟦_x⟧
'''),
    T('decoy-scoop-manifest', 'lock/together.json', '{"version": "0.2.7", "url": "https://github.com/togethercomputer/cli/releases/download/v0.2.7/together.zip", "hash": "⟦_x⟧"}\n'),
    T('decoy-ansible-vault', 'ops/group_vars/all/vault.yml', '''\
together_api_key: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          ⟦_x⟧
          ⟦_x2⟧
          ⟦_x3⟧
'''),
    T('decoy-sealed-secret', 'ops/sealed.json', '''\
{"kind": "SealedSecret", "metadata": {"name": "together"},
 "spec": {"encryptedData": {"TOGETHER_API_KEY": "⟦_b64⟧⟦_b64b⟧"}}}
'''),
    T('decoy-sops-enc-value', 'ops/secrets.enc.yaml', '''\
together_api_key: ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b64b⟧,tag:⟦_b64c⟧,type:str]
sops:
    mac: ENC[AES256_GCM,data:⟦_b64d⟧,type:str]
'''),
    T('decoy-webhook-signature', 'logs/webhook.log', 'POST /hooks/together 200 X-Together-Signature: sha256=⟦_x⟧\n'),
    T('decoy-k8s-secret-ref-b64', 'ops/k8s/ref.yaml', 'apiVersion: v1\nkind: Secret\ndata:\n  .env: ⟦_x|ref_env_b64⟧\n'),
    T('decoy-env-b64-placeholder', 'enc/example.b64', '⟦_x|ph_env_b64w76⟧\n'),
    T('decoy-cfg-gzb64-placeholder', 'enc/example.yaml', 'configGz: ⟦_x|ph_cfg_gzb64⟧\n'),
    T('decoy-sums-b64', 'enc/sums.b64', 'together_sums: ⟦_x|sums_b64⟧\n'),
    T('decoy-lock-hex', 'enc/lock.hex', '⟦_x|lock_hex⟧\n'),
    T('decoy-xxd-sums', 'enc/sums.xxd', '⟦_x⟧  together-0.2.7.tar.gz\n', post='xxd'),
    T('decoy-docker-auth-other', 'enc/docker/d.json', '{"auths": {"ghcr.io": {"auth": "⟦_x|auth_apikey⟧"}}, "credHelpers": {"registry.together.xyz": "together"}}\n'),
    T('decoy-npmrc-token-ref', 'enc/d.npmrc', '//npm.together.ai/:_authToken=${TOGETHER_NPM_TOKEN}\n'),
    T('decoy-jenkins-credentials', 'ci/d.Jenkinsfile', "environment {\n  TOGETHER_API_KEY = credentials('together-api-key')\n}\n"),
    T('decoy-travis-secure', 'ci/d.travis.yml', 'env:\n  global:\n    - secure: "⟦_b64⟧"\n# TOGETHER_API_KEY\n'),
    T('decoy-appveyor-secure', 'ci/d.appveyor.yml', 'environment:\n  TOGETHER_API_KEY:\n    secure: ⟦_b64⟧\n'),
    T('decoy-bitrise-secret-ref', 'ci/d.bitrise.yml', 'app:\n  envs:\n  - TOGETHER_API_KEY: $TOGETHER_SECRET\n'),
    T('decoy-tekton-secretkeyref', 'ci/d.tekton.yaml', 'env:\n  - name: TOGETHER_API_KEY\n    valueFrom:\n      secretKeyRef: {name: together, key: api-key}\n'),
    T('decoy-cfn-dynamic-ref', 'ops/d.template.yaml', "Environment:\n  Variables:\n    TOGETHER_API_KEY: '{{resolve:secretsmanager:together/api:SecretString:key}}'\n"),
    T('decoy-bicep-keyvault', 'ops/d.bicep', "param togetherApiKey string = kv.getSecret('together-api-key')\n"),
    T('decoy-ansible-jinja', 'ops/d.playbook.yml', 'environment:\n  TOGETHER_API_KEY: "{{ vault_together_api_key }}"\n'),
    T('decoy-chef-data-bag-ref', 'ops/d.rb', "default['chat']['together']['api_key'] = data_bag_item('secrets', 'together')['api_key']\n"),
    T('decoy-nomad-template', 'ops/d.nomad.hcl', 'template {\n  data = "TOGETHER_API_KEY={{ with secret \\"kv/together\\" }}{{ .Data.key }}{{ end }}"\n}\n'),
    T('decoy-php-getenv', 'php/d.php', "<?php\n$key = getenv('TOGETHER_API_KEY') ?: '';\n"),
    T('decoy-rust-env-var', 'rs/d.rs', 'let key = std::env::var("TOGETHER_API_KEY").expect("set TOGETHER_API_KEY");\n'),
    T('decoy-swift-process-info', 'ios/D.swift', 'let key = ProcessInfo.processInfo.environment["TOGETHER_API_KEY"] ?? ""\n'),
    T('decoy-elixir-fetch-env', 'ex/d.exs', 'config :chat, :together, api_key: System.fetch_env!("TOGETHER_API_KEY")\n'),
    T('decoy-dart-from-env', 'flutter/d.dart', "const togetherApiKey = String.fromEnvironment('TOGETHER_API_KEY');\n"),
    T('decoy-go-model-digest', 'go/d.go', 'package cfg\n\n// sha256 of the togethercomputer/llama-2-7b weights\nconst togetherModelSHA256 = "⟦_x⟧"\n'),
    T('decoy-csharp-user-secrets-ref', 'cs/d.json', '{"Together": {"ApiKey": "", "UserSecretsId": "⟦_uuid⟧"}}\n'),
    T('decoy-llm-keys-other', 'home/.config/io.datasette.llm/d.json', '{"openai": "⟦_x⟧", "together_model": "mixtral"}\n'),
    T('decoy-mods-other-api', 'home/.config/mods/d.yml', 'apis:\n  together:\n    base-url: https://api.together.xyz/v1\n    api-key-env: TOGETHER_API_KEY\n  localai:\n    api-key: ⟦_x⟧\n    base-url: http://localhost:8080\n'),
    T('decoy-xcscheme-ref', 'ios/d.xcscheme', '<EnvironmentVariable key = "TOGETHER_API_KEY" value = "$(TOGETHER_API_KEY)" isEnabled = "YES"/>\n'),
    T('decoy-ft-job-id', 'logs/ft.log', 'together fine-tuning job ft-⟦_uuid⟧ created; file-⟦_uuid2⟧ uploaded\n'),
    T('decoy-key-id', 'logs/keys.log', 'together api key ⟦_x|keyid⟧ revoked\n'),
    T('decoy-sri-integrity', 'lock/package-lock.json', '{"packages": {"node_modules/together-ai": {"integrity": "⟦_x|sri⟧"}}}\n'),
    T('decoy-b64raw-digest', 'lock/d.txt', 'together-0.2.7.tar.gz sha256 (base64): ⟦_x|b64raw⟧\n'),
    T('decoy-upper-hex', 'enc/d.env', 'TOGETHER_MODEL_DIGEST=⟦_x|upper⟧\n'),
    T('decoy-eth-tx', 'logs/chain.log', 'together pool deposit tx 0x⟦_x⟧ confirmed\n'),
    T('decoy-b3sum', 'lock/B3SUMS', '⟦_x⟧  together-cli-x86_64-linux.tar.gz\n'),
    T('decoy-path-together-lockfile', 'together/poetry.lock', '[[package]]\nname = "httpx"\nversion = "0.25.0"\n\n[package.files]\nhash = "sha256:⟦_x⟧"\n'),
    T('decoy-path-together-other-provider', 'together/settings.json', '{"base_url": "https://api.openai.com/v1", "api_key_sha256": "⟦_x⟧"}\n'),
    T('decoy-keyring-get', 'py/d_keyring.py', 'key = keyring.get_password("together", "api_key")\n'),
    T('decoy-userdefaults-digest', 'ios/D2.swift', 'UserDefaults.standard.set("⟦_x⟧", forKey: "togetherModelSHA256")\n'),
    T('decoy-redis-hset-digest', 'ops/d.redis', 'HSET provider:together weights_sha256 ⟦_x⟧\n'),
    T('decoy-echo-together-path-digest', 'scripts/d.sh', 'echo "⟦_x⟧" > ~/.together/cache/model.sha256\n'),
    T('decoy-b85-sums', 'enc/d.b85', '⟦_x|sums_b85⟧\n'),
    B('decoy-nb-image-output', 'nb/loss.ipynb', _nb_image_decoy),
    B('decoy-zip-lock', 'enc/d.zip', _zip_decoy),
    B('decoy-tbz2-uv-lock', 'enc/d.tar.bz2', _tbz2_decoy),
    B('decoy-pickle-digest', 'enc/d.pkl', _pickle_decoy),
    B('decoy-zlib-cache-sums', 'enc/cache/d.bin', _zlib_cache_decoy),
]

CASES = LANGUAGES + TOOLS + OPS + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at eeb1dacc: see docs/detection.md, "Session 36 (acc36)".
MISSED: dict[str, str] = {
    'prose-readme-legacy': 'prose with words between Together\'s name and the key (`the Together key I got in August is <hex>`): outside35\'s miss in another sentence',
    'path-only-config-legacy': "a generic `api_key` in `~/.together/credentials`: content is judged without its path; the path as context needs every mode to keep a file with no Together word whose path names Together (the hook's first stage and history's blob test pass it over before the engine) and history to judge a blob once per path: not built (session 36)",
    'path-only-json-legacy': 'a generic `api_key` in `secrets/together/api.json`: the path is its only Together context (as `path-only-config-legacy`)',
    'cfg-hex-legacy': 'a JSON config as hex text after `payload = "`: the decoded config stands on the line of `payload = "..."`, whose flat name is taken for the key\'s own and answers no (the same hex text alone on its line is found)',
    'env-b64x3-cfg-legacy': "a JSON config in base64 three times as a value (`CONFIG=<base64>`): the screen holds the keywords' forms encoded once and twice; a short file that is base64 alone is read three levels deep since session 38, a value on a line is not (heldout35's miss)",
    'zlib-in-cache-bin-legacy': "a raw zlib stream inside a binary of no known format (an app's cache): only whole-file zlib and known containers are inflated (heldout35's miss)",
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
