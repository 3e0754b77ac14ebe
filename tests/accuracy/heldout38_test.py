"""A held-out set of session 38 (acc38): legacy keys (and some current
ones) the way 2023-2025 code and configs write them and the earlier sets
lack: SDK clients and their config objects in a dozen languages (OpenAI
clients pointed at Together, the Vercel AI SDK, LangChain JS, LlamaIndex
TS, pydantic-ai, instructor, aider, mem0, crewAI), framework settings
(pydantic ``BaseSettings``, Django, Rails initializers, Spring
``application.yml``/``.properties``/``@Value`` defaults, Quarkus,
``appsettings.json``, user-secrets, Laravel ``config/services.php``,
Phoenix ``runtime.exs``, Symfony, Nest, Next), secret managers' exports
(Doppler, Infisical, 1Password ``op item get``, SOPS in clear, Vault KV
JSON, AWS Secrets Manager and SSM, GCP Secret Manager, Azure Key Vault,
Bitwarden, Heroku, Vercel), notebooks (Colab ``userdata`` fallbacks,
Kaggle, ``%env``, outputs, marimo), test fixtures and cassettes (VCR.py,
Betamax, go-vcr, Polly.js, nock, WireMock, MSW, pytest and Jest setup),
logs and traces (httpx debug, OpenTelemetry, LangSmith, ``curl -v``,
access logs, ``kubectl describe``, ``docker inspect``, journald, Sentry,
``ps``, CI logs), data files (CSV, TSV, SQL ``INSERT``, ``COPY``, SQLite
dumps, JSON Lines, Mongo exports, pandas printouts, Redis ``MONITOR``),
templating (Jinja defaults, Helm values, Kustomize ``secretGenerator``,
Cookiecutter, Copier, Go templates, Terraform state), and whole files
encoded (a Kubernetes Secret's value, a hand-written SealedSecret, a
Docker ``auth``, ``xxd``/``od``/``hexdump -C``, a quoted-printable and a
MIME mail, uuencode, percent-encoding, JSON ``\\u`` escapes, HTML
entities, a data URL, a JWT payload, YAML ``!!binary``, UTF-16 from
PowerShell, gzip/bzip2/xz under base64, base64 twice and three times,
base85, Ascii85, base32, percent-encoding twice, ``\\x`` escapes, ``xxd
-i``, PowerShell's ``-EncodedCommand``, a plist ``<data>``, a ConfigMap's
``binaryData``, a PDF's deflated page, an ``.xlsx``, an SQLite database,
a raw zlib stream in an app's cache, a zip and a tar.gz of a project,
notebooks).

Decoys: digests beside Together's name in new places (Gradle
verification metadata, Bazel's lock, Terraform's ``output_sha256``, a
Dockerfile ``ARG``, Helm image digests, ``sha256sum .env``, a SHA-256
git repository's log, a key's hash column in SQL), lockfiles and
checksum files under a ``together/`` folder, references in each tool's
syntax, SOPS ciphertext, a real SealedSecret, cassettes whose headers
were filtered, a completion's id, readable runs, placeholders encoded as
the keys are, an encoded command reading a secret store, a plist
digest, ``xxd -i`` and base85 of checksums, a PDF of checksums.

Written before any fix and measured at 5418d64c (docs/detection.md,
"Session 38 (acc38)").  Templates: tests/accuracy/templates.py.
"""
from __future__ import annotations

import base64
import binascii
import html
import io
import json
import quopri
import sqlite3
import urllib.parse
import zipfile
import zlib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from typing import Callable

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.templates import _b64
from tests.accuracy.templates import _cfg
from tests.accuracy.templates import _env
from tests.accuracy.templates import _gz
from tests.accuracy.templates import _tar
from tests.accuracy.templates import _wrap
from tests.accuracy.templates import _zip
from tests.accuracy.templates import B
from tests.accuracy.templates import ENC
from tests.accuracy.templates import POST
from tests.accuracy.templates import templates


def _b64url(s: str) -> str:
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip('=')


def _jwt(payload: dict[str, str]) -> str:
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')))
    body = _b64url(json.dumps(payload, separators=(',', ':')))
    return f'{head}.{body}.' + _b64url('s' * 32)


def _xxd_i(b: bytes) -> str:
    """``xxd -i``: a C array of the bytes, 12 a line."""
    rows = [', '.join('0x%02x' % c for c in b[i:i + 12]) for i in range(0, len(b), 12)]
    return 'unsigned char env[] = {\n  ' + ',\n  '.join(rows) + f'\n}};\nunsigned int env_len = {len(b)};'


ENC38: dict[str, Callable[[str], str]] = {
    **ENC,
    'json_str': lambda v: json.dumps(json.dumps({'TOGETHER_API_KEY': v}))[1:-1],
    'env_dataurl': lambda v: 'data:text/plain;base64,' + _b64(_env(v)),
    'jwt_together': lambda v: _jwt({'iss': 'gateway', 'together_api_key': v}),
    'jwt_jti': lambda v: _jwt({'iss': 'together', 'jti': v}),
    'html_cfg': lambda v: html.escape(json.dumps({'provider': 'together', 'apiKey': v})),
    'env_yaml_binary': lambda v: _wrap(_b64(_env(v)), 64, '\n    '),
    'body_pct': lambda v: urllib.parse.quote(json.dumps({'model': 'meta-llama/Llama-3-8b-chat-hf', 'api_key': v}), safe=''),
    'yaml_gzb64w76': lambda v: _wrap(_b64(_gz(f'together:\n  api_key: {v}\n'.encode()))),
    'ph_b64': lambda v: _b64('<your-together-api-key>'),
    'sums_hex': lambda v: f'{v}  together-1.2.0-py3-none-any.whl\n'.encode().hex(),
    'env_b64x3': lambda v: _b64(_b64(_b64(_env(v)))),
    'env_b85': lambda v: base64.b85encode(_env(v).encode()).decode(),
    'env_a85': lambda v: base64.a85encode(_env(v).encode(), adobe=True, wrapcol=76).decode(),
    'env_b32': lambda v: base64.b32encode(_env(v).encode()).decode(),
    'env_pct2': lambda v: urllib.parse.quote(urllib.parse.quote(_env(v), safe=''), safe=''),
    'env_jsx': lambda v: ''.join('\\x%02x' % c for c in _env(v).encode()),
    'env_xxd_i': lambda v: _xxd_i(_env(v).encode()),
    'ps_encoded': lambda v: _b64(f"$env:TOGETHER_API_KEY = '{v}'; python app.py".encode('utf-16-le')),
    'ps_encoded_ref': lambda v: _b64("$env:TOGETHER_API_KEY = (Get-Secret -Name together -AsPlainText)".encode('utf-16-le')),
    'plist_b64': lambda v: _wrap(_b64(v), 68, '\n\t'),
    'sums_xxd_i': lambda v: _xxd_i(f'{v}  together-1.2.0.tar.gz\n'.encode()),
    'rand_b85': lambda v: base64.b85encode(bytes.fromhex(v) * 3).decode(),
}

T = templates(ENC38, POST)


# --- SDK clients and their config objects ------------------------------------------------------------------

CLIENTS = [
    T('py-together-v1-client-base-url-legacy', 'py/client.py', '''\
from together import Together

client = Together(
    api_key = "⟦hex⟧",
    base_url="https://api.together.xyz/v1",
)
'''),
    T('py-async-together-kwargs-legacy', 'py/async_client.py', '''\
from together import AsyncTogether

kwargs = {"api_key": "⟦hex⟧", "timeout": 30}
client = AsyncTogether(**kwargs)
'''),
    T('ts-together-ai-sdk-legacy', 'ts/together.ts', '''\
import Together from "together-ai";

const together = new Together({ apiKey: '⟦hex⟧' });
'''),
    T('ts-openai-base-url-legacy', 'ts/openai.ts', '''\
import OpenAI from "openai";

export const client = new OpenAI({
  apiKey: "⟦hex⟧",
  baseURL: "https://api.together.xyz/v1",
});
'''),
    T('go-openai-option-legacy', 'go/client.go', '''\
client := openai.NewClient(
	option.WithBaseURL("https://api.together.xyz/v1/"),
	option.WithAPIKey("⟦hex⟧"),
)
'''),
    T('java-together-builder-legacy', 'java/Llm.java', '''\
TogetherClient client = TogetherClient.builder()
    .apiKey("⟦hex⟧")
    .build();
'''),
    T('kotlin-openai-host-legacy', 'kt/Client.kt', '''\
val openAI = OpenAI(
    token = "⟦hex⟧",
    host = OpenAIHost(baseUrl = "https://api.together.xyz/v1/"),
)
'''),
    T('rust-async-openai-config-legacy', 'rs/client.rs', '''\
let config = OpenAIConfig::new()
    .with_api_base("https://api.together.xyz/v1")
    .with_api_key("⟦hex⟧");
let client = Client::with_config(config);
'''),
    T('csharp-api-key-credential-legacy', 'cs/Client.cs', '''\
var client = new OpenAIClient(
    new ApiKeyCredential("⟦hex⟧"),
    new OpenAIClientOptions { Endpoint = new Uri("https://api.together.xyz/v1") });
'''),
    T('ruby-openai-uri-base-legacy', 'rb/client.rb', '''\
client = OpenAI::Client.new(
  access_token: "⟦hex⟧",
  uri_base: "https://api.together.xyz/"
)
'''),
    T('php-openai-factory-legacy', 'php/client.php', '''\
<?php
$client = OpenAI::factory()
    ->withApiKey('⟦hex⟧')
    ->withBaseUri('api.together.xyz/v1')
    ->make();
'''),
    T('swift-openai-configuration-legacy', 'swift/Client.swift', '''\
let configuration = OpenAI.Configuration(token: "⟦hex⟧", host: "api.together.xyz", scheme: "https")
let openAI = OpenAI(configuration: configuration)
'''),
    T('dart-openai-static-legacy', 'dart/main.dart', '''\
void main() {
  OpenAI.baseUrl = "https://api.together.xyz";
  OpenAI.apiKey = "⟦hex⟧";
}
'''),
    T('r-sys-setenv-legacy', 'r/setup.R', 'Sys.setenv(TOGETHER_API_KEY = "⟦hex⟧")\nlibrary(ellmer)\n'),
    T('julia-env-assign-legacy', 'jl/setup.jl', 'ENV["TOGETHER_API_KEY"] = "⟦hex⟧"\nusing OpenAI\n'),
    T('scala-sttp-bearer-legacy', 'scala/Call.scala', '''\
val request = basicRequest
  .auth.bearer("⟦hex⟧")
  .post(uri"https://api.together.xyz/v1/chat/completions")
'''),
    T('vercel-ai-create-together-legacy', 'ts/ai.ts', '''\
import { createTogetherAI } from '@ai-sdk/togetherai';

const together = createTogetherAI({ apiKey: '⟦hex⟧' });
'''),
    T('langchainjs-chat-together-legacy', 'ts/lc.ts', '''\
const model = new ChatTogetherAI({
  togetherAIApiKey: "⟦hex⟧",
  model: "mistralai/Mixtral-8x7B-Instruct-v0.1",
});
'''),
    T('llamaindex-ts-together-legacy', 'ts/li.ts', 'Settings.llm = new TogetherLLM({ apiKey: "⟦hex⟧", model: "meta-llama/Llama-3-70b-chat-hf" });\n'),
    T('pydantic-ai-provider-legacy', 'py/agent.py', '''\
model = OpenAIModel(
    "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    provider=OpenAIProvider(base_url="https://api.together.xyz/v1", api_key="⟦hex⟧"),
)
'''),
    T('instructor-from-openai-legacy', 'py/extract.py', '''\
client = instructor.from_openai(
    OpenAI(base_url="https://api.together.xyz/v1", api_key="⟦hex⟧"),
    mode=instructor.Mode.TOOLS,
)
'''),
    T('aider-conf-yml-legacy', 'cfg/.aider.conf.yml', 'openai-api-base: https://api.together.xyz/v1\nopenai-api-key: ⟦hex⟧\nmodel: openai/Qwen/Qwen2.5-Coder-32B-Instruct\n'),
    T('mem0-config-dict-legacy', 'py/memory.py', '''\
config = {
    "llm": {
        "provider": "together",
        "config": {"model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "api_key": "⟦hex⟧"},
    }
}
m = Memory.from_config(config)
'''),
    T('crewai-llm-legacy', 'py/crew.py', 'llm = LLM(model="together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="⟦hex⟧")\n'),
    T('py-together-v1-current', 'py/client_cur.py', 'from together import Together\nclient = Together(api_key="⟦key⟧")\n'),
    T('ts-openai-base-url-current', 'ts/openai_cur.ts', 'const client = new OpenAI({ apiKey: "⟦key⟧", baseURL: "https://api.together.xyz/v1" });\n'),
]


# --- framework settings -------------------------------------------------------------------------------------

SETTINGS = [
    T('pydantic-settings-secretstr-legacy', 'py/settings.py', '''\
class Settings(BaseSettings):
    together_api_key: SecretStr = SecretStr("⟦hex⟧")
    model: str = "meta-llama/Llama-3-8b-chat-hf"
'''),
    T('pydantic-field-alias-legacy', 'py/settings2.py', '''\
class Settings(BaseSettings):
    together_api_key: str = Field(default="⟦hex⟧", alias="TOGETHER_API_KEY")
'''),
    T('django-settings-dict-legacy', 'dj/settings.py', '''\
TOGETHER = {
    "API_KEY": "⟦hex⟧",
    "MODEL": "mistralai/Mixtral-8x7B-Instruct-v0.1",
}
'''),
    T('rails-initializer-configure-legacy', 'rb/config/initializers/together.rb', '''\
Together.configure do |config|
  config.api_key = "⟦hex⟧"
  config.request_timeout = 120
end
'''),
    T('rails-credentials-decrypted-legacy', 'rb/credentials.yml', 'secret_key_base: ⟦_x⟧⟦_x2⟧\ntogether:\n  api_key: ⟦hex⟧\n'),
    T('spring-ai-application-yml-legacy', 'java/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: ⟦hex⟧
      chat:
        options:
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    T('spring-ai-properties-legacy', 'java/application.properties', 'spring.ai.openai.base-url=https://api.together.xyz\nspring.ai.openai.api-key=⟦hex⟧\n'),
    T('spring-value-default-legacy', 'java/LlmConfig.java', '''\
@Value("${together.api-key:⟦hex⟧}")
private String togetherApiKey;
'''),
    T('quarkus-langchain4j-legacy', 'java/quarkus.properties', 'quarkus.langchain4j.openai.base-url=https://api.together.xyz/v1\nquarkus.langchain4j.openai.api-key=⟦hex⟧\n'),
    T('dotnet-appsettings-section-legacy', 'cs/appsettings.json', '{\n  "Logging": {"LogLevel": {"Default": "Information"}},\n  "Together": {\n    "ApiKey": "⟦hex⟧",\n    "Model": "meta-llama/Llama-3-8b-chat-hf"\n  }\n}\n'),
    T('dotnet-user-secrets-flat-legacy', 'cs/secrets.json', '{\n  "Together:ApiKey": "⟦hex⟧"\n}\n'),
    T('dotnet-user-secrets-set-legacy', 'cs/README.md', 'Run once:\n\n    dotnet user-secrets set "Together:ApiKey" "⟦hex⟧"\n'),
    T('laravel-services-env-default-legacy', 'php/config/services.php', '''\
<?php
return [
    'together' => [
        'key' => env('TOGETHER_API_KEY', '⟦hex⟧'),
        'model' => 'meta-llama/Llama-3-8b-chat-hf',
    ],
];
'''),
    T('phoenix-runtime-exs-fallback-legacy', 'ex/config/runtime.exs', '''\
config :my_app, :together,
  api_key: System.get_env("TOGETHER_API_KEY") || "⟦hex⟧"
'''),
    T('flask-app-config-legacy', 'py/app.py', 'app = Flask(__name__)\napp.config["TOGETHER_API_KEY"] = "⟦hex⟧"\n'),
    T('nest-register-as-legacy', 'ts/together.config.ts', '''\
export default registerAs('together', () => ({
  apiKey: process.env.TOGETHER_API_KEY ?? '⟦hex⟧',
}));
'''),
    T('next-config-env-legacy', 'ts/next.config.js', 'module.exports = {\n  env: {\n    TOGETHER_API_KEY: \'⟦hex⟧\',\n  },\n};\n'),
    T('symfony-parameters-legacy', 'php/config/services.yaml', "parameters:\n    together.api_key: '⟦hex⟧'\n"),
    T('spring-ai-application-yml-current', 'java/application_cur.yml', 'spring:\n  ai:\n    openai:\n      base-url: https://api.together.xyz\n      api-key: ⟦key⟧\n'),
]


# --- secret managers' exports ------------------------------------------------------------------------------

MANAGERS = [
    T('doppler-download-json-legacy', 'sec/doppler.json', '{"DOPPLER_CONFIG":"prd","DOPPLER_ENVIRONMENT":"prd","DOPPLER_PROJECT":"chat","TOGETHER_API_KEY":"⟦hex⟧"}\n'),
    T('doppler-secrets-json-computed-legacy', 'sec/doppler2.json', '{\n  "TOGETHER_API_KEY": {\n    "computed": "⟦hex⟧",\n    "note": "",\n    "raw": "⟦hex⟧"\n  }\n}\n'),
    T('infisical-export-yaml-legacy', 'sec/infisical.yaml', 'TOGETHER_API_KEY: ⟦hex⟧\nDATABASE_URL: postgres://localhost/chat\n'),
    T('onepassword-item-get-legacy', 'sec/op.json', '''\
{
  "id": "3xq7m2",
  "title": "Together AI",
  "category": "API_CREDENTIAL",
  "fields": [
    {"id": "username", "type": "STRING", "label": "username", "value": "ml-team"},
    {"id": "credential", "type": "CONCEALED", "label": "credential", "value": "⟦hex⟧"}
  ]
}
'''),
    T('sops-decrypted-yaml-legacy', 'sec/secrets.dec.yaml', 'together:\n    api_key: ⟦hex⟧\nsops:\n    age: []\n    lastmodified: "2024-03-01T10:00:00Z"\n    version: 3.8.1\n'),
    T('vault-kv-get-json-legacy', 'sec/vault.txt', '''\
$ vault kv get -format=json secret/together
{
  "request_id": "⟦_uuid⟧",
  "data": {
    "data": {
      "api_key": "⟦hex⟧"
    },
    "metadata": {"version": 3}
  }
}
'''),
    T('aws-secretsmanager-secret-string-legacy', 'sec/aws.json', '{\n  "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/together-AbCdEf",\n  "Name": "prod/together",\n  "SecretString": "{\\"TOGETHER_API_KEY\\":\\"⟦hex⟧\\"}"\n}\n'),
    T('aws-ssm-get-parameter-legacy', 'sec/ssm.json', '{\n  "Parameter": {\n    "Name": "/prod/together/api_key",\n    "Type": "SecureString",\n    "Value": "⟦hex⟧",\n    "Version": 2\n  }\n}\n'),
    T('gcloud-secret-access-transcript-legacy', 'sec/gcloud.txt', '$ gcloud secrets versions access latest --secret=together-api-key\n⟦hex⟧\n'),
    T('azure-keyvault-secret-show-legacy', 'sec/az.json', '{\n  "id": "https://kv-chat.vault.azure.net/secrets/together-api-key/0f1e",\n  "name": "together-api-key",\n  "value": "⟦hex⟧"\n}\n'),
    T('bitwarden-bws-secret-legacy', 'sec/bws.json', '{\n  "id": "⟦_uuid⟧",\n  "key": "TOGETHER_API_KEY",\n  "value": "⟦hex⟧",\n  "note": ""\n}\n'),
    T('heroku-config-json-legacy', 'sec/heroku.json', '{\n  "DATABASE_URL": "postgres://u:p@host/db",\n  "TOGETHER_API_KEY": "⟦hex⟧"\n}\n'),
    T('vercel-env-pull-legacy', 'sec/.env.local', '# Created by Vercel CLI\nTOGETHER_API_KEY="⟦hex⟧"\nVERCEL="1"\n'),
    T('fly-secrets-set-history-legacy', 'sec/history.txt', '  501  fly secrets set TOGETHER_API_KEY=⟦hex⟧ -a chat-prod\n'),
    T('chamber-export-transcript-legacy', 'sec/chamber.txt', '$ chamber export together --format json\n{"api_key":"⟦hex⟧"}\n'),
    T('doppler-download-json-current', 'sec/doppler_cur.json', '{"DOPPLER_PROJECT":"chat","TOGETHER_API_KEY":"⟦key⟧"}\n'),
]


# --- notebooks --------------------------------------------------------------------------------------------

def _nb(cells: list[dict]) -> bytes:
    return json.dumps({'cells': cells, 'metadata': {'kernelspec': {'name': 'python3'}},
                       'nbformat': 4, 'nbformat_minor': 5}, indent=1).encode()


def _code(src: str, outputs: list[dict] | None = None) -> dict:
    return {'cell_type': 'code', 'execution_count': 1, 'metadata': {},
            'source': src.splitlines(True), 'outputs': outputs or []}


def _nb_colab_fallback(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    return _nb([_code('try:\n    from google.colab import userdata\n    api_key = userdata.get("TOGETHER_API_KEY")\n'
                      f'except ImportError:\n    api_key = "{k}"\nclient = Together(api_key=api_key)\n')]), [k]


def _nb_kaggle_print(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    out = {'output_type': 'stream', 'name': 'stdout', 'text': [f'together key: {k}\n']}
    return _nb([_code('from kaggle_secrets import UserSecretsClient\n'
                      'key = UserSecretsClient().get_secret("TOGETHER_API_KEY")\nprint("together key:", key)\n', [out])]), [k]


def _nb_env_magic(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    return _nb([_code(f'%env TOGETHER_API_KEY={k}\n'), _code('from together import Together\nclient = Together()\n')]), [k]


def _nb_client_attr_output(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    out = {'output_type': 'execute_result', 'execution_count': 2, 'metadata': {},
           'data': {'text/plain': [f"'{k}'"]}}
    return _nb([_code('from together import Together\nclient = Together()\n'),
                _code('client.api_key', [out])]), [k]


def _nb_environ_repr(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    out = {'output_type': 'execute_result', 'execution_count': 3, 'metadata': {},
           'data': {'text/plain': [f"environ({{'HOME': '/root', 'TOGETHER_API_KEY': '{k}', 'LANG': 'C.UTF-8'}})"]}}
    return _nb([_code('import os\nos.environ', [out])]), [k]


def _nb_sha_decoy(m: Made) -> tuple[bytes, list[str]]:
    out = {'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
           'data': {'text/plain': ["'%064x'" % m.rng.getrandbits(256)]}}
    return _nb([_code('import hashlib, together\nhashlib.sha256(open("together.tar.gz", "rb").read()).hexdigest()', [out])]), []


def _nb_userdata_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _nb([_code('from google.colab import userdata\nclient = Together(api_key=userdata.get("TOGETHER_API_KEY"))\n')]), []


NOTEBOOKS = [
    B('colab-userdata-fallback-legacy', 'nb/colab.ipynb', _nb_colab_fallback),
    B('kaggle-secret-printed-legacy', 'nb/kaggle.ipynb', _nb_kaggle_print),
    B('jupyter-env-magic-legacy', 'nb/magic.ipynb', _nb_env_magic),
    B('jupyter-client-attr-output-legacy', 'nb/attr.ipynb', _nb_client_attr_output),
    B('jupyter-environ-repr-current', 'nb/environ.ipynb', _nb_environ_repr),
    T('marimo-password-input-legacy', 'nb/marimo_app.py', '''\
@app.cell
def _(mo):
    together_key = mo.ui.text(value="⟦hex⟧", kind="password", label="Together API key")
    return (together_key,)
'''),
    T('databricks-widget-default-legacy', 'nb/databricks.py', '# Databricks notebook source\ndbutils.widgets.text("together_api_key", "⟦hex⟧")\n'),
]


# --- test fixtures and cassettes ------------------------------------------------------------------------------

FIXTURES = [
    T('vcrpy-cassette-bearer-legacy', 'tests/cassettes/test_chat.yaml', '''\
interactions:
- request:
    body: '{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": [{"role": "user", "content": "hi"}]}'
    headers:
      Authorization:
      - Bearer ⟦hex⟧
      Content-Type:
      - application/json
    method: POST
    uri: https://api.together.xyz/v1/chat/completions
  response:
    status:
      code: 200
      message: OK
version: 1
'''),
    T('vcrpy-cassette-bearer-current', 'tests/cassettes/test_models.yaml', '''\
interactions:
- request:
    body: null
    headers:
      authorization:
      - Bearer ⟦key⟧
    method: GET
    uri: https://api.together.xyz/v1/models
version: 1
'''),
    T('betamax-ruby-vcr-legacy', 'spec/cassettes/together.yml', '''\
---
http_interactions:
- request:
    method: post
    uri: https://api.together.xyz/v1/completions
    headers:
      Authorization:
      - Bearer ⟦hex⟧
recorded_with: VCR 6.2.0
'''),
    T('go-vcr-cassette-legacy', 'go/fixtures/chat.yaml', '''\
---
version: 2
interactions:
- id: 0
  request:
    url: https://api.together.xyz/v1/chat/completions
    method: POST
    headers:
      Authorization:
      - Bearer ⟦hex⟧
'''),
    T('polly-har-header-legacy', 'ts/recordings/together_1/recording.har', '''\
{
  "log": {
    "_recordingName": "together",
    "entries": [
      {
        "request": {
          "headers": [
            {"name": "authorization", "value": "Bearer ⟦hex⟧"},
            {"name": "content-type", "value": "application/json"}
          ],
          "method": "POST",
          "url": "https://api.together.xyz/v1/completions"
        }
      }
    ]
  }
}
'''),
    T('nock-recording-match-header-legacy', 'ts/nock.js', '''\
nock('https://api.together.xyz:443', {"encodedQueryParams":true})
  .matchHeader('authorization', 'Bearer ⟦hex⟧')
  .post('/v1/chat/completions')
  .reply(200, {"id": "x"});
'''),
    T('wiremock-mapping-legacy', 'java/mappings/chat.json', '''\
{
  "request": {
    "method": "POST",
    "url": "/v1/chat/completions",
    "headers": {"Authorization": {"equalTo": "Bearer ⟦hex⟧"}}
  },
  "response": {"proxyBaseUrl": "https://api.together.xyz"}
}
'''),
    T('msw-handler-legacy', 'ts/handlers.ts', '''\
http.post('https://api.together.xyz/v1/chat/completions', ({ request }) => {
  if (request.headers.get('Authorization') !== 'Bearer ⟦hex⟧') return new HttpResponse(null, { status: 401 })
})
'''),
    T('pytest-fixture-client-legacy', 'tests/conftest.py', '''\
@pytest.fixture
def together_client():
    return Together(api_key="⟦hex⟧")
'''),
    T('jest-setup-env-legacy', 'ts/setupTests.ts', "process.env.TOGETHER_API_KEY = '⟦hex⟧';\n"),
    T('monkeypatch-setenv-legacy', 'tests/test_cli.py', 'def test_cli(monkeypatch):\n    monkeypatch.setenv("TOGETHER_API_KEY", "⟦hex⟧")\n'),
    T('pytest-ini-env-legacy', 'cfg/pytest.ini', '[pytest]\nenv =\n    TOGETHER_API_KEY=⟦hex⟧\n'),
]


# --- logs and traces --------------------------------------------------------------------------------------

LOGS = [
    T('httpx-debug-headers-legacy', 'logs/httpx.log', "DEBUG:httpx:Request: POST https://api.together.xyz/v1/chat/completions headers={'authorization': 'Bearer ⟦hex⟧', 'content-type': 'application/json'}\n"),
    T('otel-span-header-legacy', 'logs/span.json', '{"name": "POST /v1/chat/completions", "attributes": {"http.url": "https://api.together.xyz/v1/chat/completions", "http.request.header.authorization": ["Bearer ⟦hex⟧"]}}\n'),
    T('langsmith-run-serialized-legacy', 'logs/run.json', '{"run_type": "llm", "serialized": {"id": ["langchain", "llms", "together", "Together"], "kwargs": {"together_api_key": "⟦hex⟧", "model": "togethercomputer/llama-2-70b-chat"}}}\n'),
    T('curl-verbose-legacy', 'logs/curl.txt', '> POST /v1/chat/completions HTTP/2\n> Host: api.together.xyz\n> user-agent: curl/8.4.0\n> authorization: Bearer ⟦hex⟧\n> content-type: application/json\n'),
    T('access-log-query-key-legacy', 'logs/access.log', '10.0.0.7 - - [02/Mar/2024:10:01:22 +0000] "GET /together/v1/models?api_key=⟦hex⟧ HTTP/1.1" 200 5123\n'),
    T('kubectl-describe-env-legacy', 'logs/describe.txt', 'Containers:\n  chat:\n    Image: chat:1.2\n    Environment:\n      TOGETHER_API_KEY:  ⟦hex⟧\n      PORT:              8080\n'),
    T('docker-inspect-env-legacy', 'logs/inspect.json', '[{"Config": {"Env": ["TOGETHER_API_KEY=⟦hex⟧", "PATH=/usr/local/bin:/usr/bin"]}}]\n'),
    T('journald-startup-legacy', 'logs/journal.txt', 'Mar 02 10:01:22 web1 chat[811]: config loaded: together_api_key=⟦hex⟧ model=llama-3\n'),
    T('sentry-event-argv-legacy', 'logs/sentry.json', '{"event_id": "⟦_uuid⟧", "extra": {"sys.argv": ["serve.py", "--together-api-key", "⟦hex⟧"]}}\n'),
    T('ps-aux-cmdline-legacy', 'logs/ps.txt', 'app  4242  0.3  1.1 python serve.py --together-key ⟦hex⟧ --port 8000\n'),
    T('gha-log-env-block-legacy', 'logs/gha.txt', '2024-05-01T10:00:00.1234567Z env:\n2024-05-01T10:00:00.1234568Z   TOGETHER_API_KEY: ⟦hex⟧\n'),
    T('structlog-json-legacy', 'logs/app.jsonl', '{"event": "llm_client_created", "provider": "together", "api_key": "⟦hex⟧", "level": "debug"}\n'),
    T('httpx-debug-headers-current', 'logs/httpx_cur.log', "DEBUG:httpx:Request: POST https://api.together.xyz/v1/completions headers={'authorization': 'Bearer ⟦key⟧'}\n"),
]


# --- data files ---------------------------------------------------------------------------------------------

DATA = [
    T('csv-provider-row-legacy', 'data/providers.csv', 'provider,api_key,base_url\ntogether,⟦hex⟧,https://api.together.xyz/v1\n'),
    T('tsv-name-secret-legacy', 'data/secrets.tsv', 'name\tsecret\ntogether_api_key\t⟦hex⟧\n'),
    T('sql-insert-provider-legacy', 'data/seed.sql', "INSERT INTO api_keys (provider, key) VALUES ('together', '⟦hex⟧');\n"),
    T('sql-insert-json-config-legacy', 'data/dump.sql', 'INSERT INTO "integrations" ("id","name","config") VALUES (1,\'together\',\'{"api_key": "⟦hex⟧"}\');\n'),
    T('sqlite-dump-kv-legacy', 'data/sqlite.sql', "CREATE TABLE settings(k TEXT, v TEXT);\nINSERT INTO settings VALUES('together_api_key','⟦hex⟧');\n"),
    T('pg-copy-rows-legacy', 'data/pg.sql', 'COPY public.providers (id, name, api_key) FROM stdin;\n1\ttogether\t⟦hex⟧\n\\.\n'),
    T('jsonl-export-legacy', 'data/export.jsonl', '{"provider": "together", "api_key": "⟦hex⟧"}\n{"provider": "local", "api_key": null}\n'),
    T('mongo-export-legacy', 'data/mongo.json', '{"_id": {"$oid": "65e1f0a2c3b4d5e6f7a8b9c0"}, "name": "Together AI", "apiKey": "⟦hex⟧"}\n'),
    T('pandas-printout-legacy', 'data/df.txt', '   provider                                                           api_key\n0  together  ⟦hex⟧\n'),
    T('csv-semicolon-german-legacy', 'data/anbieter.csv', 'Anbieter;API-Schlüssel\nTogether AI;⟦hex⟧\n'),
    T('rails-fixture-yaml-legacy', 'data/fixtures/providers.yml', 'together:\n  name: Together AI\n  api_key: ⟦hex⟧\n'),
    T('redis-monitor-set-legacy', 'data/monitor.txt', '1709373682.123 [0 10.0.0.2:5123] "SET" "together:api_key" "⟦hex⟧"\n'),
    T('sql-insert-provider-current', 'data/seed_cur.sql', "INSERT INTO api_keys (provider, key) VALUES ('together', '⟦key⟧');\n"),
]


# --- templating ---------------------------------------------------------------------------------------------

TEMPLATING = [
    T('jinja-default-filter-legacy', 'tpl/env.j2', 'TOGETHER_API_KEY={{ together_api_key | default(\'⟦hex⟧\') }}\n'),
    T('jinja-set-variable-legacy', 'tpl/config.j2', '{% set together_key = "⟦hex⟧" %}\napi_key: {{ together_key }}\n'),
    T('helm-values-nested-legacy', 'helm/values.yaml', 'replicaCount: 2\ntogether:\n  apiKey: ⟦hex⟧\n  model: meta-llama/Llama-3-8b-chat-hf\n'),
    T('helm-values-env-list-legacy', 'helm/values-prod.yaml', 'env:\n  - name: TOGETHER_API_KEY\n    value: "⟦hex⟧"\n  - name: PORT\n    value: "8080"\n'),
    T('kustomize-secret-literals-legacy', 'k8s/kustomization.yaml', 'secretGenerator:\n- name: together\n  literals:\n  - api_key=⟦hex⟧\n'),
    T('cookiecutter-json-legacy', 'tpl/cookiecutter.json', '{\n  "project_name": "chatbot",\n  "together_api_key": "⟦hex⟧"\n}\n'),
    T('copier-answers-legacy', 'tpl/.copier-answers.yml', '_src_path: gh:acme/llm-template\nproject_name: chatbot\ntogether_api_key: ⟦hex⟧\n'),
    T('go-template-variable-legacy', 'tpl/config.tmpl', '{{- $togetherKey := "⟦hex⟧" -}}\napi_key: {{ $togetherKey }}\n'),
    T('tfstate-env-name-value-legacy', 'tf/terraform.tfstate', '{"resources": [{"type": "kubernetes_deployment", "instances": [{"attributes": {"env": [{"name": "TOGETHER_API_KEY", "value": "⟦hex⟧"}]}}]}]}\n'),
    T('helm-values-nested-current', 'helm/values-cur.yaml', 'together:\n  apiKey: ⟦key⟧\n'),
]


# --- encoded files ------------------------------------------------------------------------------------------

def _mail_qp(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    body = f'Hi team,\n\nthe new Together key for staging is below.\n\nTOGETHER_API_KEY={k}\n\nThanks\n'
    msg = MIMEText(body, 'plain', 'utf-8')
    msg.replace_header('Content-Transfer-Encoding', 'quoted-printable')
    msg.set_payload(quopri.encodestring(body.encode()).decode())
    msg['Subject'] = 'together staging key'
    return msg.as_bytes(), [k]


def _mail_attachment(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    msg = MIMEMultipart()
    msg['Subject'] = 'env for the demo'
    msg.attach(MIMEText('attached\n'))
    part = MIMEApplication(_env(k).encode(), Name='.env')
    part['Content-Disposition'] = 'attachment; filename=".env"'
    msg.attach(part)
    return msg.as_bytes(), [k]


def _uu_cfg(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    data = f'together:\n  api_key: {k}\n'.encode()
    lines = ['begin 644 together.yaml']
    for i in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[i:i + 45]).decode().rstrip('\n'))
    return ('\n'.join(lines + ['`', 'end']) + '\n').encode(), [k]


def _project_zip(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    return _zip({'chat/settings.py': f'TOGETHER = {{"API_KEY": "{k}"}}\n'.encode(),
                 'chat/__init__.py': b''}, zipfile.ZIP_DEFLATED), [k]


def _project_tgz(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _tar({'app/config/services.php': f"<?php return ['together' => ['key' => '{k}']];\n".encode()}, 'w:gz'), [k]


def _zip_decoy(m: Made) -> tuple[bytes, list[str]]:
    h = '%064x' % m.rng.getrandbits(256)
    return _zip({'together/SHA256SUMS': f'{h}  together-1.2.0.tar.gz\n'.encode()}), []


def _pdf(text: str) -> bytes:
    """A one-page PDF whose content stream (``/FlateDecode``: raw zlib in
    a binary file) draws ``text``'s lines."""
    ops = 'BT /F1 10 Tf 72 720 Td ' + ' '.join(f'({line}) Tj 0 -14 Td' for line in text.splitlines()) + ' ET'
    stream = zlib.compress(ops.encode())
    return (b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
            b'4 0 obj\n<< /Length ' + str(len(stream)).encode() + b' /Filter /FlateDecode >>\nstream\n'
            + stream + b'\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')


def _pdf_env(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    return _pdf(f'Setup notes\nexport TOGETHER_API_KEY={k}\npython app.py'), [k]


def _pdf_sums_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _pdf('Checksums for together-1.2.0.tar.gz\nsha256 %064x' % m.rng.getrandbits(256)), []


def _xlsx(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    strings = ''.join(f'<si><t>{t}</t></si>' for t in ('provider', 'api_key', 'together', k))
    sst = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">{strings}</sst>'
    return _zip({'[Content_Types].xml': b'<Types/>', 'xl/sharedStrings.xml': sst.encode(),
                 'xl/worksheets/sheet1.xml': b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>'}), [k]


def _sqlite(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    con = sqlite3.connect(':memory:')
    con.execute('CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT)')
    con.executemany('INSERT INTO settings VALUES (?, ?)', [('theme', 'dark'), ('together_api_key', k), ('model', 'meta-llama/Llama-3-8b-chat-hf')])
    con.commit()
    data = con.serialize()
    con.close()
    return data, [k]


def _app_cache_zlib(m: Made) -> tuple[bytes, list[str]]:
    k = m.hex()
    body = json.dumps({'providers': {'together': {'api_key': k}}}).encode()
    return b'CHATCACHE\x00\x02\x00\x00' + len(body).to_bytes(4, 'little') + zlib.compress(body) + b'\x00' * 16, [k]


ENCODED = [
    T('k8s-secret-data-value-legacy', 'enc/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-credentials\ntype: Opaque\ndata:\n  api-key: ⟦hex|b64⟧\n'),
    T('k8s-secret-string-data-legacy', 'enc/secret2.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\nstringData:\n  TOGETHER_API_KEY: ⟦hex⟧\n'),
    T('sealedsecret-lookalike-b64-legacy', 'enc/sealed.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: together\nspec:\n  encryptedData:\n    TOGETHER_API_KEY: ⟦hex|b64⟧\n'),
    T('docker-config-auth-legacy', 'enc/config.json', '{"auths": {"registry.together.xyz": {"auth": "⟦hex|auth_together⟧"}}}\n'),
    T('xxd-appsettings-legacy', 'enc/appsettings.xxd', '{"Together": {"ApiKey": "⟦hex⟧"}}\n', post='xxd'),
    T('od-env-current', 'enc/env.od', 'TOGETHER_API_KEY=⟦key⟧\n', post='od'),
    T('percent-encoded-body-legacy', 'logs/body.log', 'POST https://api.together.xyz/v1/completions body=⟦hex|body_pct⟧\n'),
    T('json-string-escaped-env-legacy', 'enc/nested.json', '{"secret": "⟦hex|json_str⟧"}\n'),
    T('html-entities-data-attr-legacy', 'enc/index.html', '<div id="app" data-config="⟦hex|html_cfg⟧"></div>\n'),
    T('data-url-env-legacy', 'enc/bundle.js', 'const ENV_FILE = "⟦hex|env_dataurl⟧";\n'),
    T('jwt-payload-key-legacy', 'enc/token.txt', 'Authorization: Bearer ⟦hex|jwt_together⟧\n'),
    T('yaml-binary-env-legacy', 'enc/binary.yaml', 'files:\n  .env: !!binary |\n    ⟦hex|env_yaml_binary⟧\n'),
    T('powershell-utf16-env-table-legacy', 'enc/env.txt', '\nName                           Value\n----                           -----\nTOGETHER_API_KEY               ⟦hex⟧\n', post='utf16le'),
    T('gzip-b64-yaml-wrapped-legacy', 'enc/cfg.gz.b64', '⟦hex|yaml_gzb64w76⟧\n'),
    T('bz2-b64-env-current', 'enc/env.bz2.b64', '⟦key|env_bz2b64⟧\n'),
    T('b64x2-wrapped-env-legacy', 'enc/env.b64.b64', '⟦hex|env_b64x2w76⟧\n'),
    T('cfg-hex-text-legacy', 'enc/cfg.hex', '⟦hex|cfg_hex⟧\n'),
    T('gzip-file-env-legacy', 'enc/env.gz', 'TOGETHER_API_KEY=⟦hex⟧\n', post='gzip'),
    T('xz-file-cfg-legacy', 'enc/cfg.json.xz', '{"together": {"api_key": "⟦hex⟧"}}\n', post='xz'),
    B('mail-mime-attachment-legacy', 'enc/demo.eml', _mail_attachment),
    B('project-zip-django-legacy', 'enc/chat.zip', _project_zip),
    B('project-tgz-laravel-current', 'enc/app.tar.gz', _project_tgz),
    B('mail-quoted-printable-legacy', 'enc/staging.eml', _mail_qp),
    B('uuencode-yaml-legacy', 'enc/cfg.uu', _uu_cfg),
    T('b64x3-env-legacy', 'enc/env.b64x3', '⟦hex|env_b64x3⟧\n'),
    T('b85-env-legacy', 'enc/env.b85', '⟦hex|env_b85⟧\n'),
    T('ascii85-env-legacy', 'enc/env.a85', '⟦hex|env_a85⟧\n'),
    T('b32-env-legacy', 'enc/env.b32', '⟦hex|env_b32⟧\n'),
    T('payload-hex-cfg-legacy', 'py/payload.py', 'payload = "⟦hex|cfg_hex⟧"\n'),
    T('pct-twice-env-legacy', 'logs/redirect.log', 'GET /callback?next=⟦hex|env_pct2⟧ 302\n'),
    T('js-hex-escapes-env-legacy', 'enc/env.js', 'const envFile = "⟦hex|env_jsx⟧";\n'),
    T('xxd-include-env-legacy', 'enc/env.h', '⟦hex|env_xxd_i⟧\n'),
    T('powershell-encoded-command-legacy', 'ci/run.ps1', 'powershell.exe -NoProfile -EncodedCommand ⟦hex|ps_encoded⟧\n'),
    T('plist-data-key-legacy', 'mac/Info.plist', '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>TogetherAPIKey</key>\n\t<data>\n\t⟦hex|plist_b64⟧\n\t</data>\n</dict>\n</plist>\n'),
    T('configmap-binary-data-env-current', 'enc/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chat\nbinaryData:\n  .env: ⟦key|env_b64⟧\n'),
    B('pdf-flate-setup-notes-legacy', 'enc/setup.pdf', _pdf_env),
    B('xlsx-shared-strings-legacy', 'enc/keys.xlsx', _xlsx),
    B('sqlite-settings-db-legacy', 'enc/app.sqlite', _sqlite),
    B('app-cache-raw-zlib-legacy', 'enc/app.cache', _app_cache_zlib),
]


# --- a path as the only Together context -------------------------------------------------------------------

PATHS = [
    T('path-together-config-yaml-legacy', 'config/together.yaml', 'api_key: ⟦hex⟧\nmodel: meta-llama/Llama-3-8b-chat-hf\n'),
    T('path-together-dir-env-legacy', 'together/.env', 'API_KEY=⟦hex⟧\n'),
]


# --- decoys -----------------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-gradle-verification-metadata', 'java/gradle/verification-metadata.xml', '<component group="ai.together" name="together-java" version="0.1.0">\n  <artifact name="together-java-0.1.0.jar">\n    <sha256 value="⟦_x⟧" origin="Generated by Gradle"/>\n  </artifact>\n</component>\n'),
    T('decoy-bazel-module-lock', 'lock/MODULE.bazel.lock', '{"moduleExtensions": {"together_deps": {"general": {"generatedRepoSpecs": {"together_sdk": {"attributes": {"sha256": "⟦_x⟧"}}}}}}}\n'),
    T('decoy-tf-archive-output-sha', 'tf/d.tfstate', '{"resources": [{"type": "archive_file", "name": "together_lambda", "instances": [{"attributes": {"output_sha256": "⟦_x⟧"}}]}]}\n'),
    T('decoy-dockerfile-arg-sha', 'iac/d2.Dockerfile', 'ARG TOGETHER_CLI_SHA256=⟦_x⟧\nRUN echo "${TOGETHER_CLI_SHA256}  together.tar.gz" | sha256sum -c -\n'),
    T('decoy-helm-image-digest', 'helm/d_values.yaml', 'together:\n  image:\n    repository: ghcr.io/acme/together-proxy\n    digest: sha256:⟦_x⟧\n'),
    T('decoy-sha256sum-dotenv', 'logs/d_sums.txt', '$ sha256sum together/.env\n⟦_x⟧  together/.env\n'),
    T('decoy-sha256-git-log', 'logs/d_gitlog.txt', 'commit ⟦_x⟧\nAuthor: dev <dev@example.com>\n\n    together: rotate api key\n'),
    T('decoy-sql-key-hash-column', 'data/d_seed.sql', "INSERT INTO api_keys (provider, key_sha256) VALUES ('together', '⟦_x⟧');\n"),
    T('decoy-pg-copy-key-hash', 'data/d_pg.sql', 'COPY public.api_keys (id, provider, key_hash) FROM stdin;\n1\ttogether\t⟦_x⟧\n\\.\n'),
    T('decoy-csv-model-checksums', 'data/d_models.csv', 'model,sha256\ntogethercomputer/RedPajama-INCITE-7B-Base,⟦_x⟧\n'),
    T('decoy-together-dir-poetry-lock', 'together/poetry.lock', '[[package]]\nname = "httpx"\nversion = "0.27.0"\nfiles = [\n    {file = "httpx-0.27.0.tar.gz", hash = "sha256:⟦_x⟧"},\n]\n'),
    T('decoy-together-dir-sha256sums', 'together/SHA256SUMS', '⟦_x⟧  model.safetensors\n'),
    T('decoy-together-dir-lfs-pointer', 'together/weights.bin', 'version https://git-lfs.github.com/spec/v1\noid sha256:⟦_x⟧\nsize 13476839424\n'),
    T('decoy-config-together-yaml-digest', 'config/together-models.yaml', 'models:\n  - name: llama-3-8b\n    sha256: ⟦_x⟧\n'),
    T('decoy-vcr-filtered-header', 'tests/cassettes/d_chat.yaml', 'interactions:\n- request:\n    headers:\n      Authorization:\n      - DUMMY\n    method: POST\n    uri: https://api.together.xyz/v1/chat/completions\n  response:\n    body:\n      string: \'{"id": "⟦_x⟧", "object": "chat.completion"}\'\n'),
    T('decoy-together-completion-id', 'logs/d_resp.json', '{"id": "⟦_x⟧", "object": "text.completion", "model": "togethercomputer/llama-2-7b"}\n'),
    T('decoy-request-id-header', 'logs/d_curl.txt', '< HTTP/2 200\n< server: api.together.xyz\n< x-request-id: ⟦_x⟧\n'),
    T('decoy-doppler-refs', 'sec/d_doppler.yaml', 'TOGETHER_API_KEY: ${TOGETHER_API_KEY}\nTOGETHER_MODEL: meta-llama/Llama-3-8b-chat-hf\n'),
    T('decoy-op-template', 'sec/d_op.env', '='.join(('TOGETHER_API_KEY', '"op://Engineering/Together AI/credential"\n'))),
    T('decoy-sops-ciphertext', 'sec/d_sops.yaml', 'together:\n    api_key: ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b64x⟧,tag:AbCdEfGhIjKlMnOpQrStUv==,type:str]\nsops:\n    mac: ENC[AES256_GCM,data:⟦_b64y⟧,type:str]\n    version: 3.8.1\n'),
    T('decoy-vault-metadata-only', 'sec/d_vault.json', '{"request_id": "⟦_uuid⟧", "data": {"versions": {"3": {"created_time": "2024-03-01T10:00:00Z"}}}, "path": "secret/metadata/together"}\n'),
    T('decoy-aws-secret-describe', 'sec/d_aws.json', '{"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/together-AbCdEf", "Name": "prod/together", "VersionIdsToStages": {"⟦_uuid⟧": ["AWSCURRENT"]}}\n'),
    T('decoy-pydantic-field-env', 'py/d_settings.py', 'class Settings(BaseSettings):\n    together_api_key: SecretStr = Field(default=None, alias="TOGETHER_API_KEY")\n'),
    T('decoy-django-env-read', 'dj/d_settings.py', 'TOGETHER = {"API_KEY": env("TOGETHER_API_KEY"), "MODEL": "mistralai/Mixtral-8x7B-Instruct-v0.1"}\n'),
    T('decoy-spring-placeholder', 'java/d_application.yml', 'spring:\n  ai:\n    openai:\n      base-url: https://api.together.xyz\n      api-key: ${TOGETHER_API_KEY}\n'),
    T('decoy-appsettings-empty', 'cs/d_appsettings.json', '{"Together": {"ApiKey": "", "Model": "meta-llama/Llama-3-8b-chat-hf"}}\n'),
    T('decoy-laravel-env-no-default', 'php/d_services.php', "<?php return ['together' => ['key' => env('TOGETHER_API_KEY')]];\n"),
    T('decoy-phoenix-fetch-env', 'ex/d_runtime.exs', 'config :my_app, :together, api_key: System.fetch_env!("TOGETHER_API_KEY")\n'),
    B('decoy-nb-sha-output', 'nb/d_sha.ipynb', _nb_sha_decoy),
    B('decoy-nb-userdata-only', 'nb/d_colab.ipynb', _nb_userdata_decoy),
    T('decoy-kaggle-get-secret', 'nb/d_kaggle.py', 'key = UserSecretsClient().get_secret("together_api_key")\n'),
    T('decoy-curl-env-ref', 'logs/d_curl2.sh', 'curl https://api.together.xyz/v1/models -H "Authorization: Bearer $TOGETHER_API_KEY"\n'),
    T('decoy-helm-existing-secret', 'helm/d2_values.yaml', 'together:\n  apiKey: ""\n  existingSecret: together-credentials\n  existingSecretKey: api-key\n'),
    T('decoy-kustomize-envs-file', 'k8s/d_kustomization.yaml', 'secretGenerator:\n- name: together\n  envs:\n  - together.env\n'),
    T('decoy-cookiecutter-prompt', 'tpl/d_cookiecutter.json', '{"project_name": "chatbot", "together_api_key": "{{ cookiecutter.project_name }}-key"}\n'),
    T('decoy-jinja-vault-lookup', 'tpl/d_env.j2', "TOGETHER_API_KEY={{ lookup('hashi_vault', 'secret=secret/data/together:api_key') }}\n"),
    T('decoy-k8s-secret-placeholder-b64', 'enc/d_secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-credentials\ndata:\n  api-key: ⟦_x|ph_b64⟧\n'),
    T('decoy-real-sealedsecret', 'enc/d_sealed.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: together\nspec:\n  encryptedData:\n    TOGETHER_API_KEY: AgB⟦_b64⟧⟦_b64x⟧\n'),
    T('decoy-hexdump-lock', 'enc/d_lock.xxd', 'together==1.2.0 --hash=sha256:⟦_x⟧\n', post='xxd'),
    T('decoy-xxd-p-sums', 'enc/d_sums.xxd', 'Checksums for together-1.2.0:\nsha256 ⟦_x⟧\n', post='xxd_p'),
    T('decoy-sums-hex-text', 'enc/d_sums.hex', '⟦_x|sums_hex⟧\n'),
    T('decoy-jwt-jti', 'enc/d_token.txt', 'Authorization: Bearer ⟦_x|jwt_jti⟧\n'),
    T('decoy-gzip-b64-placeholder', 'enc/d_cfg.gz.b64', '⟦_x|ph_cfg_gzb64⟧\n'),
    T('decoy-env-b64-refs', 'enc/d_env.b64', '⟦_x|ref_env_b64⟧\n'),
    T('decoy-zeros-placeholder', 'cfg/d_zero.env', 'TOGETHER_API_KEY=' + '0' * 64 + '\n'),
    T('decoy-deadbeef-placeholder', 'cfg/d_beef.env', 'TOGETHER_API_KEY=' + 'deadbeef' * 8 + '\n'),
    T('decoy-webhook-hmac', 'logs/d_hmac.txt', 'together webhook: HMAC-SHA256(body.json)= ⟦_x⟧\n'),
    T('decoy-pip-download-log', 'logs/d_pip.txt', 'Saved ./together-1.2.0-py3-none-any.whl\nSuccessfully downloaded together\n  sha256=⟦_x⟧\n'),
    B('decoy-zip-together-sums', 'enc/d_sums.zip', _zip_decoy),
    T('decoy-otel-trace-ids', 'logs/d_span.json', '{"name": "together.chat", "trace_id": "0x⟦_sha1⟧", "attributes": {"together.request_digest": "⟦_x⟧"}}\n'),
    T('decoy-mongo-key-fingerprint', 'data/d_mongo.json', '{"name": "Together AI", "apiKeyFingerprint": "⟦_x⟧"}\n'),
    T('decoy-ps-encoded-ref', 'ci/d_run.ps1', 'powershell.exe -EncodedCommand ⟦_x|ps_encoded_ref⟧\n'),
    T('decoy-plist-model-hash', 'mac/d_Info.plist', '<dict>\n\t<key>TogetherModelHash</key>\n\t<data>\n\t⟦_x|sri⟧\n\t</data>\n</dict>\n'),
    T('decoy-xxd-include-sums', 'enc/d_sums.h', '⟦_x|sums_xxd_i⟧\n'),
    T('decoy-b85-random-together', 'enc/d_together.b85', '⟦_x|rand_b85⟧\n'),
    B('decoy-pdf-sums', 'enc/d_sums.pdf', _pdf_sums_decoy),
    T('decoy-redis-cache-key', 'data/d_monitor.txt', '1709373682.123 [0 10.0.0.2:5123] "SET" "together:cache:⟦_x⟧" "{}"\n'),
]

CASES = CLIENTS + SETTINGS + MANAGERS + NOTEBOOKS + FIXTURES + LOGS + DATA + TEMPLATING + ENCODED + PATHS + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 5418d64c: see docs/detection.md, "Session 38 (acc38)".
MISSED: dict[str, str] = {
    'chamber-export-transcript-legacy': "a secret store's export whose only Together word is the service named on the command line above the JSON (`chamber export together`)",
    'jupyter-client-attr-output-legacy': "a cell's output is the bare value (`'<hex>'`) of `client.api_key`, the client a Together one built in the cell before",
    'sql-insert-json-config-legacy': "an SQL row's values: Together's name a quoted value (`'together'`) beside a JSON column holding `api_key`",
    'pandas-printout-legacy': "a pandas printout: the `api_key` column's header on the line above, Together's name a cell in the row",
    'csv-semicolon-german-legacy': "a semicolon CSV whose header names the key in German (`API-Schlüssel`), Together's name a cell in the row",
    'path-together-config-yaml-legacy': "a file path as the only Together context (`config/together.yaml` holding `api_key: <hex>`)",
    'payload-hex-cfg-legacy': "a JSON config as hex text after `payload = \"`: the decoded line takes `payload` for the key's own name (heldout36's)",
    'js-hex-escapes-env-legacy': "a `.env` written as a string of `\\xNN` escapes: JSON's `\\u` escapes are read, `\\x` runs of a whole file are not",
    'plist-data-key-legacy': "a plist `<data>` (base64 wrapped with tabs) under `<key>TogetherAPIKey</key>` holding a legacy key's text",
    'app-cache-raw-zlib-legacy': "a raw zlib stream inside an app's binary cache file (no container, no base64: heldout36's)",
    'path-together-dir-env-legacy': "a file path as the only Together context (`together/.env` holding `API_KEY=<hex>`)",
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
