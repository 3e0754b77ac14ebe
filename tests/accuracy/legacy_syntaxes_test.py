"""Legacy keys (64 lowercase hex, no prefix) written the way real tools,
frameworks and people write them, in syntaxes the older cases do not
cover: shell env files with ``export``/quotes/comments, YAML anchors and
folded scalars, nested JSON, TOML, plist, .NET user-secrets, Spring,
languages from Elixir to Julia, notebooks with outputs, logs, HTTP dumps,
infrastructure files, CI, URLs and Authorization headers.

Not here, on purpose (docs/detection.md): a value whose name is a column
or a row's other cell -- ``UPDATE settings SET value = '<key>' WHERE name =
'together_api_key'``, ``INSERT INTO keys (provider, api_key) VALUES
('together', '<key>')``, a CSV row ``together,<key>`` under a
``provider,api_key`` header, a markdown table row ``| Together | <key> |``
(a checksum table is written the same way); a generic name whose only
Together word is another argument of the same command (``kubectl create
secret generic together --from-literal=api-key=<key>``)."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    # -- env files --------------------------------------------------------
    ('env-export-single-quoted', '.envrc', '''\
# direnv
export PATH=$PWD/bin:$PATH
export TOGETHER_API_KEY='{hex}'  # personal, do not share
'''),
    ('env-comment-after-value', '.env.local', '''\
TOGETHER_API_KEY={hex} # rotated 2024-03-01
TOGETHER_MODEL="mistralai/Mixtral-8x7B-Instruct-v0.1"
'''),
    ('env-spaces-around-equals', 'config/.env', '''\
OPENAI_API_BASE = "https://api.together.xyz/v1"
OPENAI_API_KEY = "{hex}"
'''),
    ('csh-setenv', '.cshrc', 'setenv TOGETHER_API_KEY "{hex}"\n'),
    ('bash-declare-x', 'env.sh', 'declare -x TOGETHER_API_KEY="{hex}"\n'),
    ('zsh-history', '.zsh_history', ': 1700000000:0;export TOGETHER_API_KEY={hex}\n: 1700000005:0;python chat.py\n'),
    # -- YAML ---------------------------------------------------------------
    ('yaml-anchor-merge', 'config/llm.yml', '''\
defaults: &together
  base_url: https://api.together.xyz/v1
  api_key: {hex}
dev:
  <<: *together
  model: meta-llama/Llama-3-8b-chat-hf
'''),
    ('yaml-folded-name', 'values.yaml', '''\
together:
  apiKey: >-
    {hex}
'''),
    ('yaml-quoted-key-name', 'secrets.yml', '''\
"TOGETHER_API_KEY": '{hex}'
'''),
    ('yaml-list-of-providers', 'litellm/config.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: "{hex}"
'''),
    # -- JSON ---------------------------------------------------------------
    ('json-nested-providers', 'settings.json', '''\
{{
  "providers": {{
    "together": {{
      "baseUrl": "https://api.together.xyz/v1",
      "apiKey": "{hex}"
    }}
  }}
}}
'''),
    ('json-minified', 'app.min.json', '{{"llm":{{"provider":"together","apiKey":"{hex}","model":"m"}}}}\n'),
    ('vscode-settings', '.vscode/settings.json', '''\
{{
  "continue.telemetryEnabled": false,
  "together.apiKey": "{hex}"
}}
'''),
    # -- TOML / INI -----------------------------------------------------------
    ('toml-dotted-table', 'pyproject.toml', '''\
[tool.myapp.together]
api_key = "{hex}"
'''),
    ('toml-quoted-key', 'config.toml', '''\
[env]
"TOGETHER_API_KEY" = "{hex}"
'''),
    ('cargo-config-env', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = {{ value = "{hex}", force = true }}
'''),
    # -- XML / plist / .NET ---------------------------------------------------
    ('plist', 'Info.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CFBundleName</key>
	<string>Chat</string>
	<key>TogetherAPIKey</key>
	<string>{hex}</string>
</dict>
</plist>
'''),
    ('dotnet-user-secrets', 'secrets.json', '''\
{{
  "Together:ApiKey": "{hex}",
  "ConnectionStrings:Default": "Server=.;Database=app"
}}
'''),
    ('dotnet-appsettings-nested', 'appsettings.Development.json', '''\
{{
  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},
  "Together": {{
    "Endpoint": "https://api.together.xyz/v1",
    "ApiKey": "{hex}"
  }}
}}
'''),
    ('dotnet-user-secrets-set', 'README.md', '''\
Store the key with the Secret Manager:

```
dotnet user-secrets set "Together:ApiKey" "{hex}"
```
'''),
    ('maven-settings', 'settings.xml', '''\
<settings>
  <profiles><profile><id>dev</id>
    <properties>
      <together.api.key>{hex}</together.api.key>
    </properties>
  </profile></profiles>
</settings>
'''),
    # -- Java / Spring --------------------------------------------------------
    ('spring-yaml', 'src/main/resources/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: {hex}
'''),
    ('spring-properties-colon', 'application.properties', 'together.api-key: {hex}\n'),
    ('gradle-properties', 'gradle.properties', 'org.gradle.jvmargs=-Xmx2g\nTOGETHER_API_KEY={hex}\n'),
    # -- languages ------------------------------------------------------------
    ('rust-const', 'src/main.rs', 'const TOGETHER_API_KEY: &str = "{hex}";\n'),
    ('swift-let', 'Sources/App/Config.swift', 'let togetherApiKey = "{hex}"\n'),
    ('php-array', 'config/services.php', "<?php\nreturn [\n    'together' => [\n        'key' => '{hex}',\n    ],\n];\n"),
    ('ruby-env-assign', 'config/initializers/together.rb', "ENV['TOGETHER_API_KEY'] ||= '{hex}'\n"),
    ('rails-credentials', 'config/credentials.yml', 'together:\n  api_key: {hex}\n'),
    ('elixir-runtime', 'config/runtime.exs', 'config :my_app, MyApp.Together,\n  api_key: "{hex}"\n'),
    ('lua-table', 'config.lua', 'return {{\n  together = {{ api_key = "{hex}" }},\n}}\n'),
    ('perl-env', 'script.pl', '$ENV{{TOGETHER_API_KEY}} = "{hex}";\n'),
    ('python-dict-together', 'providers.py', 'PROVIDERS = {{\n    "together": {{"api_key": "{hex}", "base_url": "https://api.together.xyz/v1"}},\n}}\n'),
    ('python-os-environ-set', 'conftest.py', 'os.environ["TOGETHER_API_KEY"] = "{hex}"\n'),
    ('python-setdefault', 'main.py', 'os.environ.setdefault("TOGETHER_API_KEY", "{hex}")\n'),
    ('js-process-env-set', 'setup.js', "process.env.TOGETHER_API_KEY = '{hex}';\n"),
    ('ts-object', 'src/config.ts', "export const config = {{\n  together: {{\n    apiKey: '{hex}',\n  }},\n}};\n"),
    ('python-docstring', 'client.py', '''\
def chat(prompt):
    """Send ``prompt`` to Together.

    Example::

        >>> client = Together(api_key="{hex}")
    """
'''),
    # -- notebooks, logs, HTTP ------------------------------------------------
    ('notebook-env-output', 'explore.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 2,
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
 "metadata": {{}},
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('log-debug-headers', 'logs/app.log', '''\
2024-05-01 12:00:01 DEBUG httpx: HTTP Request: POST https://api.together.xyz/v1/chat/completions headers={{'authorization': 'Bearer {hex}', 'content-type': 'application/json'}}
'''),
    ('http-dump-lowercase', 'dump.txt', '''\
> POST /v1/completions HTTP/2
> host: api.together.xyz
> authorization: bearer {hex}
> content-type: application/json
'''),
    ('curl-header-upper', 'scripts/test.sh', '''\
curl -s https://api.together.xyz/v1/models \\
  -H "AUTHORIZATION: BEARER {hex}"
'''),
    ('url-query-api-key', 'notes.txt', 'https://api.together.xyz/v1/models?api_key={hex}\n'),
    # -- infra, CI, docker ------------------------------------------------------
    ('helm-set', 'deploy.sh', 'helm upgrade --install chat ./chart --set together.apiKey={hex}\n'),
    ('terraform-tfvars', 'prod.auto.tfvars', 'together_api_key = "{hex}"\n'),
    ('gitlab-ci-variables', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "{hex}"
test:
  script: pytest
'''),
    ('circleci-env', '.circleci/config.yml', '''\
jobs:
  build:
    docker:
      - image: cimg/python:3.12
    environment:
      TOGETHER_API_KEY: {hex}
'''),
    ('docker-run-e', 'run.sh', 'docker run --rm -e TOGETHER_API_KEY={hex} -p 8000:8000 chat:latest\n'),
    ('compose-env-file-style', 'docker-compose.yml', '''\
services:
  api:
    environment:
      - "TOGETHER_API_KEY={hex}"
'''),
    # -- docs, data -------------------------------------------------------------
    ('markdown-inline-code', 'docs/setup.md', 'Set `TOGETHER_API_KEY={hex}` in your shell.\n'),
    ('csv-key-value', 'secrets.csv', 'name,value\ntogether_api_key,{hex}\n'),
    # -- more tools and languages -------------------------------------------
    ('ini-section-together', 'setup.cfg', '[together]\napi_key = {hex}\n'),
    ('hcl-provider-block', 'main.tf', 'provider "together" {{\n  api_key = "{hex}"\n}}\n'),
    ('terraform-variable-default', 'variables.tf', 'variable "together_api_key" {{\n  type      = string\n  sensitive = true\n  default   = "{hex}"\n}}\n'),
    ('helm-values-env-list', 'chart/values.yaml', 'env:\n  - name: TOGETHER_API_KEY\n    value: "{hex}"\n'),
    ('k8s-deployment-env', 'deploy.yaml', 'spec:\n  containers:\n    - name: api\n      env:\n        - name: TOGETHER_API_KEY\n          value: {hex}\n'),
    ('ansible-vars', 'group_vars/all.yml', 'together_api_key: "{hex}"\n'),
    ('github-actions-with', '.github/workflows/e2e.yml', 'steps:\n  - uses: acme/llm-eval@v1\n    with:\n      together-api-key: {hex}\n'),
    ('azure-pipelines', 'azure-pipelines.yml', 'variables:\n  - name: TOGETHER_API_KEY\n    value: {hex}\n'),
    ('jenkinsfile', 'Jenkinsfile', "pipeline {{\n  environment {{\n    TOGETHER_API_KEY = '{hex}'\n  }}\n}}\n"),
    ('bitbucket-pipelines', 'bitbucket-pipelines.yml', 'pipelines:\n  default:\n    - step:\n        script:\n          - export TOGETHER_API_KEY={hex}\n'),
    ('dotenv-json-vercel', 'vercel.json', '{{\n  "env": {{\n    "TOGETHER_API_KEY": "{hex}"\n  }}\n}}\n'),
    ('netlify-toml', 'netlify.toml', '[build.environment]\n  TOGETHER_API_KEY = "{hex}"\n'),
    ('fly-toml', 'fly.toml', '[env]\n  TOGETHER_API_KEY = "{hex}"\n'),
    ('python-kwarg-openai-together', 'bot.py', 'client = OpenAI(\n    api_key="{hex}",\n    base_url="https://api.together.xyz/v1",\n)\n'),
    ('js-openai-together', 'bot.mjs', "const client = new OpenAI({{\n  apiKey: '{hex}',\n  baseURL: 'https://api.together.xyz/v1',\n}});\n"),
    ('go-request-header', 'client.go', 'req, _ := http.NewRequest("POST", "https://api.together.xyz/v1/chat/completions", body)\nreq.Header.Set("Authorization", "Bearer {hex}")\n'),
    ('rust-reqwest-bearer', 'src/api.rs', 'let res = client.post("https://api.together.xyz/v1/completions")\n    .bearer_auth("{hex}")\n    .send()?;\n'),
    ('python-requests-headers', 'call.py', 'requests.post(\n    "https://api.together.xyz/v1/chat/completions",\n    headers={{"Authorization": f"Bearer {hex}"}},\n)\n'),
    ('php-curl-header', 'call.php', "<?php\n$ch = curl_init('https://api.together.xyz/v1/completions');\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer {hex}']);\n"),
    ('ruby-net-http', 'call.rb', "uri = URI('https://api.together.xyz/v1/models')\nreq = Net::HTTP::Get.new(uri)\nreq['Authorization'] = 'Bearer {hex}'\n"),
    ('java-httpclient', 'Call.java', 'HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.together.xyz/v1/models"))\n    .header("Authorization", "Bearer {hex}")\n    .build();\n'),
    ('csharp-default-headers', 'Call.cs', 'client.BaseAddress = new Uri("https://api.together.xyz/v1/");\nclient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{hex}");\n'),
    ('kotlin-okhttp', 'Api.kt', 'val request = Request.Builder()\n    .url("https://api.together.xyz/v1/models")\n    .addHeader("Authorization", "Bearer {hex}")\n    .build()\n'),
    ('swift-urlrequest', 'Api.swift', 'var request = URLRequest(url: URL(string: "https://api.together.xyz/v1/models")!)\nrequest.setValue("Bearer {hex}", forHTTPHeaderField: "Authorization")\n'),
    ('httpie', 'try.sh', 'http POST https://api.together.xyz/v1/completions "Authorization:Bearer {hex}" model=m\n'),
    ('wget-header', 'fetch.sh', "wget --header='authorization: Bearer {hex}' https://api.together.xyz/v1/models\n"),
    ('powershell-irm', 'call.ps1', '$headers = @{{ Authorization = "Bearer {hex}" }}\nInvoke-RestMethod -Uri "https://api.together.xyz/v1/models" -Headers $headers\n'),
    ('log-env-dump', 'ci.log', '+ env\nHOME=/root\nTOGETHER_API_KEY={hex}\nPATH=/usr/bin\n'),
    ('log-python-repr', 'debug.log', "DEBUG settings: {{'together_api_key': '{hex}', 'debug': True}}\n"),
    ('yaml-multiline-literal', 'secrets.yaml', 'TOGETHER_API_KEY: |\n  {hex}\n'),
    ('json-escaped-in-string', 'events.ndjson', '{{"payload": "{{\\"together_api_key\\": \\"{hex}\\"}}"}}\n'),
    ('xml-attribute', 'web.config', '<appSettings>\n  <add key="TogetherApiKey" value="{hex}" />\n</appSettings>\n'),
    ('xml-element-caps', 'App.config', '<Together>\n  <Endpoint>https://example.com/proxy</Endpoint>\n  <ApiKey>{hex}</ApiKey>\n</Together>\n'),
    ('lua-env', 'init.lua', 'vim.env.TOGETHER_API_KEY = "{hex}"\n'),
    ('nvim-plugin-setup', 'lua/plugins/ai.lua', 'require("codecompanion").setup({{\n  adapters = {{\n    together = {{ api_key = "{hex}" }},\n  }},\n}})\n'),
    ('emacs-gptel', 'init.el', '(gptel-make-openai "Together"\n  :host "api.together.xyz"\n  :key "{hex}"\n  :models \'(mistralai/Mixtral-8x7B-Instruct-v0.1))\n'),
    ('aider-conf', '.aider.conf.yml', 'openai-api-base: https://api.together.xyz/v1\nopenai-api-key: {hex}\n'),
    ('continue-config', '.continue/config.json', '{{\n  "models": [\n    {{\n      "title": "Llama",\n      "provider": "together",\n      "model": "meta-llama/Llama-3-70b-chat-hf",\n      "apiKey": "{hex}"\n    }}\n  ]\n}}\n'),
    ('julia-kwarg', 'chat.jl', 'client = Together(; api_key = "{hex}")\n'),
    ('r-httr-header', 'call.R', 'httr::POST("https://api.together.xyz/v1/completions",\n  httr::add_headers(Authorization = paste("Bearer", "{hex}")))\n'),
    ('perl-lwp', 'call.pl', 'my $req = HTTP::Request->new(GET => "https://api.together.xyz/v1/models");\n$req->header(Authorization => "Bearer {hex}");\n'),
    ('elixir-req', 'lib/client.ex', 'Req.get!("https://api.together.xyz/v1/models", auth: {{:bearer, "{hex}"}})\n'),
    ('prose-key-is', 'issue.md', 'My together api key is {hex} and it returns 401, help\n'),
    ('ipynb-source-magic', 'nb.ipynb', '{{"cells": [{{"cell_type": "code", "source": ["%env TOGETHER_API_KEY={hex}\\n", "import together"], "outputs": []}}]}}\n'),
    ('auth-header-mixed-case', 'request.txt', 'POST /v1/chat/completions HTTP/1.1\nHost: api.together.xyz\nAuthorization: BEARER {hex}\n'),
    ('x-api-key-header', 'req.http', 'GET https://api.together.xyz/v1/models\nX-API-Key: {hex}\n'),
    # -- setters, CLIs, run configurations -----------------------------------
    ('yaml-tag-str', 'config.yml', 'together_api_key: !!str {hex}\n'),
    ('yaml-value-anchor', 'docker-compose.override.yml', 'x-secrets:\n  TOGETHER_API_KEY: &together_key {hex}\n'),
    ('json-space-before-colon', 'config.json', '{{ "TOGETHER_API_KEY" : "{hex}" }}\n'),
    ('toml-multiline-string', 'secrets.toml', 'together_api_key = """\n{hex}"""\n'),
    ('ini-colon', 'app.ini', '[llm]\ntogether_api_key: {hex}\n'),
    ('java-system-property', 'Main.java', 'System.setProperty("together.api.key", "{hex}");\n'),
    ('go-setenv', 'main_test.go', 'os.Setenv("TOGETHER_API_KEY", "{hex}")\n'),
    ('rust-set-var', 'tests/it.rs', 'std::env::set_var("TOGETHER_API_KEY", "{hex}");\n'),
    ('csharp-setenv', 'Program.cs', 'Environment.SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}");\n'),
    ('kotlin-val-typed', 'Config.kt', 'val togetherApiKey: String = "{hex}"\n'),
    ('dart-const', 'lib/config.dart', "const togetherApiKey = '{hex}';\n"),
    ('terraform-k8s-secret', 'secrets.tf', 'resource "kubernetes_secret" "llm" {{\n  data = {{\n    TOGETHER_API_KEY = "{hex}"\n  }}\n}}\n'),
    ('docker-build-arg', 'build.sh', 'docker build --build-arg TOGETHER_API_KEY={hex} -t chat .\n'),
    ('gh-secret-set', 'setup.sh', 'gh secret set TOGETHER_API_KEY --body "{hex}"\n'),
    ('heroku-config-set', 'deploy.md', '```\nheroku config:set TOGETHER_API_KEY={hex} -a chat-prod\n```\n'),
    ('fly-secrets-set', 'Makefile', 'deploy:\n\tfly secrets set TOGETHER_API_KEY={hex}\n'),
    ('ssm-put-parameter', 'bootstrap.sh', 'aws ssm put-parameter --name /prod/together/api_key --type SecureString --value {hex}\n'),
    ('vault-kv-put', 'vault.sh', 'vault kv put secret/together api_key={hex}\n'),
    ('python-getpass-fallback', 'login.py', 'TOGETHER_API_KEY = os.getenv("TOGETHER_API_KEY") or "{hex}"\n'),
    ('python-old-sdk-attr', 'old.py', 'import together\ntogether.api_key = "{hex}"\n'),
    ('js-env-default', 'config.js', "const apiKey = process.env.TOGETHER_API_KEY ?? '{hex}';\n"),
    ('typescript-class-field', 'src/together.ts', "export class TogetherService {{\n  private readonly apiKey = '{hex}';\n  private readonly baseUrl = 'https://api.together.xyz/v1';\n}}\n"),
    ('python-class-attr', 'service.py', 'class TogetherClient:\n    BASE_URL = "https://api.together.xyz/v1"\n    API_KEY = "{hex}"\n'),
    ('python-pydantic-settings', 'settings.py', 'class Settings(BaseSettings):\n    together_api_key: str = "{hex}"\n'),
    ('traceback-locals', 'error.log', 'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    client = Together(api_key="{hex}")\ntogether.error.AuthenticationError: Error code: 401\n'),
    ('json-log-line', 'app.jsonl', '{{"level":"debug","msg":"calling together","url":"https://api.together.xyz/v1/chat/completions","headers":{{"Authorization":"Bearer {hex}"}}}}\n'),
    ('har-lower-bearer', 'session.har', '{{"log": {{"entries": [{{"request": {{"method": "POST", "url": "https://api.together.xyz/v1/chat/completions", "headers": [{{"name": "authorization", "value": "bearer {hex}"}}]}}}}]}}}}\n'),
    ('env-windows-set', 'setenv.bat', '@echo off\r\nset "TOGETHER_API_KEY={hex}"\r\n'),
    ('powershell-setx', 'setup.ps1', '[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}", "User")\n'),
    ('launch-json-env', '.vscode/launch.json', '{{\n  "configurations": [\n    {{\n      "name": "api",\n      "env": {{ "TOGETHER_API_KEY": "{hex}" }}\n    }}\n  ]\n}}\n'),
    ('idea-run-config', '.idea/runConfigurations/api.xml', '<component name="ProjectRunConfigurationManager">\n  <configuration name="api" type="PythonConfigurationType">\n    <envs>\n      <env name="TOGETHER_API_KEY" value="{hex}" />\n    </envs>\n  </configuration>\n</component>\n'),
    ('supervisor-conf', 'supervisord.conf', '[program:api]\ncommand=python app.py\nenvironment=TOGETHER_API_KEY="{hex}",PORT="8000"\n'),
    ('nginx-proxy-header', 'nginx.conf', 'location /llm/ {{\n    proxy_pass https://api.together.xyz/v1/;\n    proxy_set_header Authorization "Bearer {hex}";\n}}\n'),
    ('streamlit-secrets', '.streamlit/secrets.toml', 'TOGETHER_API_KEY = "{hex}"\n'),
    ('mlflow-gateway', 'gateway.yaml', 'endpoints:\n  - name: chat\n    endpoint_type: llm/v1/chat\n    model:\n      provider: togetherai\n      name: mistralai/Mixtral-8x7B-Instruct-v0.1\n      config:\n        togetherai_api_key: {hex}\n'),
    ('langchain-yaml', 'llm.yaml', '_type: together\nmodel: mistralai/Mixtral-8x7B-Instruct-v0.1\ntogether_api_key: {hex}\n'),
    # -- more languages and LLM frameworks; flat names sharing a prefix -------
    ('ecs-task-definition', 'taskdef.json', '{{\n  "containerDefinitions": [{{\n    "name": "api",\n    "environment": [\n      {{"name": "TOGETHER_API_KEY", "value": "{hex}"}}\n    ]\n  }}]\n}}\n'),
    ('cloudformation-env', 'template.yaml', 'Environment:\n  - Name: TOGETHER_API_KEY\n    Value: {hex}\n'),
    ('cloud-run-set-env', 'deploy.sh', 'gcloud run deploy chat --set-env-vars TOGETHER_API_KEY={hex},LOG_LEVEL=info\n'),
    ('objc-const', 'Keys.m', 'NSString *const kTogetherAPIKey = @"{hex}";\n'),
    ('c-define', 'config.h', '#define TOGETHER_API_KEY "{hex}"\n'),
    ('clojure-map', 'config.edn', '{{:together-api-key "{hex}"\n :port 8080}}\n'),
    ('nix-attr', 'shell.nix', 'pkgs.mkShell {{\n  TOGETHER_API_KEY = "{hex}";\n}}\n'),
    ('groovy-buildconfig', 'app/build.gradle', 'buildConfigField "String", "TOGETHER_API_KEY", "\\"{hex}\\""\n'),
    ('vb-const', 'Module1.vb', 'Const TogetherApiKey As String = "{hex}"\n'),
    ('tcl-set', 'run.tcl', 'set together_api_key "{hex}"\n'),
    ('matlab-setenv', 'run.m', "setenv('TOGETHER_API_KEY', '{hex}')\n"),
    ('jsonnet', 'config.jsonnet', "{{\n  together_api_key: '{hex}',\n}}\n"),
    ('haskell', 'Config.hs', 'togetherApiKey :: Text\ntogetherApiKey = "{hex}"\n'),
    ('env-llm-prefix', '.env', 'LLM_PROVIDER=together\nLLM_MODEL=meta-llama/Llama-3-8b-chat-hf\nLLM_API_KEY={hex}\n'),
    ('yaml-llm-block', 'config.yaml', 'llm:\n  provider: together\n  api_key: {hex}\n'),
    ('python-kwargs-llm', 'app.py', 'llm = LLM(provider="together", model="m", api_key="{hex}")\n'),
    ('dspy-lm', 'prog.py', 'lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="{hex}")\n'),
    ('litellm-env-together-ai', '.env', 'TOGETHERAI_API_KEY={hex}\n'),
    ('together-ai-api-key', '.env.production', 'TOGETHER_AI_API_KEY={hex}\n'),
    ('crewai-env', '.env', 'OPENAI_API_BASE=https://api.together.xyz/v1\nOPENAI_MODEL_NAME=mistralai/Mixtral-8x7B-Instruct-v0.1\nOPENAI_API_KEY={hex}\n'),
    ('autogen-oai-config', 'OAI_CONFIG_LIST', '[\n  {{\n    "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",\n    "api_key": "{hex}",\n    "base_url": "https://api.together.xyz/v1"\n  }}\n]\n'),
    ('langchain-js', 'chain.ts', "const model = new ChatTogetherAI({{\n  model: 'mistralai/Mixtral-8x7B-Instruct-v0.1',\n  togetherAIApiKey: '{hex}',\n}});\n"),
    ('llamaindex-ts', 'index.ts', "const llm = new TogetherLLM({{ apiKey: '{hex}' }});\n"),
    ('haystack', 'pipe.py', 'generator = OpenAIGenerator(\n    api_key=Secret.from_token("{hex}"),\n    api_base_url="https://api.together.xyz/v1",\n)\n'),
    ('guidance-style', 'g.py', 'lm = models.OpenAI("m", base_url="https://api.together.xyz/v1", api_key="{hex}")\n'),
    ('openai-env-var-shell', 'setup.sh', 'export OPENAI_BASE_URL="https://api.together.xyz/v1"\nexport OPENAI_API_KEY="{hex}"\n'),
    ('instructor-patch', 'extract.py', 'client = instructor.from_openai(\n    openai.OpenAI(\n        base_url="https://api.together.xyz/v1",\n        api_key="{hex}",\n    ),\n    mode=instructor.Mode.TOOLS,\n)\n'),
    ('spring-properties-flat', 'src/main/resources/application.properties', 'spring.ai.openai.base-url=https://api.together.xyz\nspring.ai.openai.chat.options.model=meta-llama/Llama-3-70b-chat-hf\nspring.ai.openai.api-key={hex}\n'),
    ('env-chat-prefix-export', '.envrc', 'export CHAT_BASE_URL=https://api.together.xyz/v1\nexport CHAT_TOKEN="{hex}"\n'),
)

results, test_case = make_tests(CASES)
