"""A held-out set of session 37 (acc37): legacy keys in the formats a
2023-era Together user wrote them in and the earlier sets lack (DSPy,
Haystack, AutoGen, CrewAI, LlamaIndex and LangChain 0.0.x configs,
Streamlit ``secrets.toml`` sections, Gradio and Hugging Face Spaces,
notebooks with outputs, code in 20 languages with blanks, type parameters
and map literals, CI files of vendors the earlier sets lack, IaC, shell
profiles of fish/zsh/nushell/PowerShell, IDE run configs, API-client
exports, app configs) and whole files encoded (base64 once and twice in
OpenShift, Nomad and Vault exports, Podman ``auth.json``, ``.yarnrc.yml``,
xz/bzip2/gzip+base64, ``hexdump -C``, quoted-printable, uuencode,
percent-encoding, JSON ``\\u`` escapes, archives of a project, notebooks
whose output prints the key).

Decoys: lockfiles and digests beside Together's name in new formats,
references in each tool's syntax, a ``DEBUG:together.client`` cache key,
notebook image outputs, placeholders encoded as the keys are.

Written before any fix and measured at 2d8a76d7 (docs/detection.md,
"Session 37 (acc37)").  Templates: tests/accuracy/templates.py.
"""
from __future__ import annotations

import base64
import binascii
import bz2
import json
import lzma
import quopri
import urllib.parse
import zipfile
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


def _hexdump_c(b: bytes) -> str:
    """``hexdump -C``: offset, 16 bytes in two groups of 8, ``|text|``."""
    out = []
    for off in range(0, len(b), 16):
        row = b[off:off + 16]
        cells = ' '.join('%02x' % c for c in row[:8]) + '  ' + ' '.join('%02x' % c for c in row[8:])
        text = ''.join(chr(c) if 32 <= c < 127 else '.' for c in row)
        out.append(f'{off:08x}  {cells:<48}  |{text}|')
    return '\n'.join(out) + f'\n{len(b):08x}\n'


def _uu(b: bytes) -> str:
    lines = ['begin 644 .env']
    for i in range(0, len(b), 45):
        lines.append(binascii.b2a_uu(b[i:i + 45]).decode().rstrip('\n'))
    return '\n'.join(lines + ['`', 'end']) + '\n'


def _ju(s: str) -> str:
    return ''.join('\\u%04x' % ord(c) for c in s)


def _yaml(v: str) -> str:
    return f'together:\n  api_key: {v}\n  model: togethercomputer/llama-2-70b-chat\n'


ENC37: dict[str, Callable[[str], str]] = {
    **ENC,
    'env_xzb64': lambda v: _b64(lzma.compress(_env(v).encode())),
    'env_bz2b64w76': lambda v: _wrap(_b64(bz2.compress(_env(v).encode()))),
    'yaml_gzb64x2': lambda v: _b64(_b64(_gz(_yaml(v).encode()))),
    'yaml_b64w64': lambda v: _wrap(_b64(_yaml(v)), 64),
    'cfg_b64url': lambda v: base64.urlsafe_b64encode(_cfg(v).encode()).decode(),
    'env_pct': lambda v: urllib.parse.quote(_env(v), safe=''),
    'value_pct': lambda v: urllib.parse.quote(v, safe=''),
    'ju': _ju,
    'env_b64x2w64': lambda v: _wrap(_b64(_b64(_env(v))), 64),
    'auth_user': lambda v: _b64('user:' + v),
    'yarn_ident': lambda v: _b64('together-bot:' + v),
    'vault_b64': lambda v: _b64(json.dumps({'TOGETHER_API_KEY': v})),
    'ini_xzb64': lambda v: _b64(lzma.compress(f'[together]\napi_key = {v}\n'.encode())),
    'ph_env_xzb64': lambda v: _b64(lzma.compress(('TOGETHER_API_KEY=' + '-'.join(('your', 'together', 'api', 'key', 'here')) + '\n').encode())),
    'sums_gzb64': lambda v: _b64(_gz(f'{v}  together-0.2.4-py3-none-any.whl\n'.encode())),
    'lock_pct': lambda v: urllib.parse.quote(f'together==0.2.4 --hash=sha256:{v}', safe=''),
}

POST37: dict[str, Callable[[bytes], bytes]] = {
    **POST,
    'hexdump_c': lambda b: _hexdump_c(b).encode(),
    'qp': lambda b: quopri.encodestring(b),
    'uu': lambda b: _uu(b).encode(),
    'b64w64': lambda b: (_wrap(_b64(b), 64) + '\n').encode(),
    'xz_b64': lambda b: (_wrap(_b64(lzma.compress(b))) + '\n').encode(),
    'utf16be': lambda b: b'\xfe\xff' + b.decode().encode('utf-16-be'),
}

T = templates(ENC37, POST37)


# --- AI frameworks and apps of 2023 ------------------------------------------------------------------------

FRAMEWORKS = [
    T('together-python-0x-complete-legacy', 'py/complete.py', '''\
import together

together.api_key = "⟦hex⟧"
output = together.Complete.create(prompt="<human>: hi\\n<bot>:", model="togethercomputer/RedPajama-INCITE-7B-Chat")
'''),
    T('together-python-0x-setattr-blanks-legacy', 'py/setup_key.py', 'import together\nsetattr( together , "api_key", "⟦hex⟧" )\n'),
    T('langchain-0x-together-llm-legacy', 'py/lc_chain.py', '''\
from langchain.llms import Together

llm = Together(
    model="togethercomputer/llama-2-70b-chat",
    temperature=0.7,
    together_api_key="⟦hex⟧",
)
'''),
    T('langchain-0x-openai-compat-legacy', 'py/lc_openai.py', '''\
from langchain.chat_models import ChatOpenAI
chat = ChatOpenAI(openai_api_base="https://api.together.xyz/v1",
                  openai_api_key="⟦hex⟧",
                  model_name="mistralai/Mixtral-8x7B-Instruct-v0.1")
'''),
    T('llamaindex-0x-togetherllm-legacy', 'py/li_index.py', '''\
from llama_index.llms import TogetherLLM
llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")
'''),
    T('llamaindex-service-context-legacy', 'py/li_service.py', '''\
from llama_index.llms import OpenAILike
llm = OpenAILike(api_base="https://api.together.xyz/v1", api_key="⟦hex⟧", model="togethercomputer/llama-2-13b-chat", is_chat_model=True)
'''),
    T('litellm-0x-completion-arg-legacy', 'py/ll_call.py', '''\
from litellm import completion
r = completion(model="together_ai/togethercomputer/llama-2-70b-chat", messages=m, api_key="⟦hex⟧")
'''),
    T('litellm-proxy-config-legacy', 'litellm/config.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: ⟦hex⟧
'''),
    T('dspy-together-legacy', 'py/dspy_setup.py', '''\
import dspy
lm = dspy.Together(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")
dspy.settings.configure(lm=lm)
'''),
    T('haystack-pipeline-yaml-legacy', 'haystack/pipeline.yml', '''\
components:
  - name: PromptModel
    type: PromptModel
    params:
      model_name_or_path: togethercomputer/llama-2-70b-chat
      api_key: ⟦hex⟧
      invocation_layer_class: TogetherInvocationLayer
'''),
    T('autogen-oai-config-list-legacy', 'autogen/OAI_CONFIG_LIST', '''\
[
    {
        "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "api_key": "⟦hex⟧",
        "base_url": "https://api.together.xyz/v1"
    }
]
'''),
    T('autogen-config-list-py-legacy', 'autogen/agents.py', '''\
config_list = [{"model": "togethercomputer/llama-2-70b-chat", "api_key": "⟦hex⟧", "api_type": "together"}]
assistant = AssistantAgent("assistant", llm_config={"config_list": config_list})
'''),
    T('crewai-agents-yaml-legacy', 'crew/config/llm.yaml', '''\
llm:
  provider: together
  config:
    model: togethercomputer/llama-2-70b-chat
    api_key: ⟦hex⟧
'''),
    T('crewai-env-current', 'crew/.env', 'OPENAI_API_BASE=https://api.together.xyz/v1\nOPENAI_MODEL_NAME=mistralai/Mixtral-8x7B-Instruct-v0.1\nOPENAI_API_KEY=⟦key⟧\n'),
    T('streamlit-secrets-nested-legacy', 'st/.streamlit/secrets.toml', '''\
[connections.db]
url = "sqlite:///chat.db"

[together]
api_key = "⟦hex⟧"
model = "togethercomputer/llama-2-70b-chat"
'''),
    T('streamlit-secrets-dotted-legacy', 'st2/.streamlit/secrets.toml', 'together.api_key = "⟦hex⟧"\n'),
    T('gradio-app-legacy', 'space/app.py', '''\
import gradio as gr
import together
together.api_key = "⟦hex⟧"  # TODO move to Space secrets

demo = gr.ChatInterface(fn=chat)
'''),
    T('hf-space-readme-variables-legacy', 'space2/README.md', '''\
---
title: Llama Chat
sdk: gradio
sdk_version: 3.41.0
app_file: app.py
---
Set `TOGETHER_API_KEY` to ⟦hex⟧ in the Space settings.
'''),
    T('librechat-yaml-legacy', 'librechat/librechat.yaml', '''\
version: 1.0.1
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "⟦hex⟧"
      baseURL: "https://api.together.xyz"
      models:
        default: ["mistralai/Mixtral-8x7B-Instruct-v0.1"]
'''),
    T('flowise-credential-export-legacy', 'flowise/credentials.json', '''\
[{"name": "togetherAI", "credentialName": "togetherAIApi", "plainDataObj": {"togetherAIApiKey": "⟦hex⟧"}}]
'''),
    T('open-webui-env-legacy', 'webui/.env', 'OPENAI_API_BASE_URLS=https://api.together.xyz/v1\nOPENAI_API_KEYS=⟦hex⟧\n'),
    T('continue-config-json-legacy', 'home/.continue/config.json', '''\
{"models": [{"title": "Mixtral", "provider": "together", "model": "mistral-8x7b", "apiKey": "⟦hex⟧"}]}
'''),
    T('jan-engine-json-legacy', 'home/jan/engines/together.json', '{"full_url": "https://api.together.xyz/v1/chat/completions", "api_key": "⟦hex⟧"}\n'),
    T('guidance-together-legacy', 'py/guide.py', 'from guidance import models\nlm = models.Together("mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")\n'),
    T('semantic-kernel-cs-legacy', 'cs/Kernel.cs', '''\
var kernel = Kernel.CreateBuilder()
    .AddOpenAIChatCompletion(modelId: "mistralai/Mixtral-8x7B-Instruct-v0.1", apiKey: "⟦hex⟧", endpoint: new Uri("https://api.together.xyz/v1"))
    .Build();
'''),
]


# --- languages -----------------------------------------------------------------------------------------

LANGUAGES = [
    T('julia-typed-dict-legacy', 'jl/cfg.jl', 'together_cfg = Dict{String,String}("api_key" => "⟦hex⟧", "model" => "mistral")\n'),
    T('go-map-literal-legacy', 'go/cfg/map.go', '''\
package cfg

var togetherCfg = map[string]string{
	"api_key": "⟦hex⟧",
	"model":   "togethercomputer/llama-2-70b-chat",
}
'''),
    T('go-header-set-legacy', 'go/together/client.go', '''\
req, _ := http.NewRequest("POST", "https://api.together.xyz/v1/completions", body)
req.Header.Set("Authorization", "Bearer ⟦hex⟧")
'''),
    T('rust-hashmap-together-legacy', 'rs/src/cfg.rs', '''\
let together_cfg: HashMap<&str, &str> = HashMap::from([
    ("api_key", "⟦hex⟧"),
    ("model", "mistralai/Mixtral-8x7B-Instruct-v0.1"),
]);
'''),
    T('java-map-of-legacy', 'java/src/main/java/Cfg.java', 'static final Map<String, String> TOGETHER = Map.of("apiKey", "⟦hex⟧", "model", "togethercomputer/llama-2-7b");\n'),
    T('kotlin-const-together-legacy', 'android/app/src/main/java/Keys.kt', 'object Keys {\n    const val TOGETHER_API_KEY = "⟦hex⟧"\n}\n'),
    T('csharp-dictionary-legacy', 'cs/Config.cs', 'var together = new Dictionary<string, string> { ["ApiKey"] = "⟦hex⟧", ["Model"] = "mistral" };\n'),
    T('php-guzzle-header-legacy', 'php/src/Together.php', '''\
<?php
$client = new GuzzleHttp\\Client(['base_uri' => 'https://api.together.xyz/']);
$res = $client->post('inference', ['headers' => ['Authorization' => 'Bearer ⟦hex⟧']]);
'''),
    T('ruby-faraday-legacy', 'rb/lib/together_client.rb', '''\
conn = Faraday.new(url: "https://api.together.xyz") do |f|
  f.request :authorization, "Bearer", "⟦hex⟧"
end
'''),
    T('elixir-req-legacy', 'ex/lib/chat.ex', 'Req.post!("https://api.together.xyz/inference", auth: {:bearer, "⟦hex⟧"}, json: body)\n'),
    T('swift-urlrequest-legacy', 'ios/Together.swift', '''\
var req = URLRequest(url: URL(string: "https://api.together.xyz/inference")!)
req.setValue("Bearer ⟦hex⟧", forHTTPHeaderField: "Authorization")
'''),
    T('dart-http-legacy', 'flutter/lib/together.dart', '''\
final res = await http.post(Uri.parse('https://api.together.xyz/inference'),
    headers: {'Authorization': 'Bearer ⟦hex⟧'});
'''),
    T('lua-table-together-legacy', 'nvim/lua/plugins/llm.lua', '''\
require("llm").setup({
  together = { api_key = "⟦hex⟧", model = "codellama/CodeLlama-34b-Instruct-hf" },
})
'''),
    T('perl-lwp-legacy', 'pl/chat.pl', '''\
my $ua = LWP::UserAgent->new;
$ua->default_header('Authorization' => 'Bearer ⟦hex⟧');
my $r = $ua->post('https://api.together.xyz/inference', Content => $json);
'''),
    T('haskell-record-legacy', 'hs/src/Config.hs', '''\
togetherConfig :: Config
togetherConfig = Config { apiKey = "⟦hex⟧", model = "togethercomputer/llama-2-7b-chat" }
'''),
    T('ocaml-let-legacy', 'ml/bin/main.ml', 'let together_api_key = "⟦hex⟧"\nlet () = Chat.run ~key:together_api_key\n'),
    T('zig-const-legacy', 'zig/src/main.zig', 'const together_api_key = "⟦hex⟧";\npub fn main() !void {}\n'),
    T('r-sys-setenv-legacy', 'r/app.R', 'Sys.setenv(TOGETHER_API_KEY = "⟦hex⟧")\nlibrary(ellmer)\n'),
    T('nim-const-legacy', 'nim/chat.nim', 'const togetherKey = "⟦hex⟧"\n'),
    T('groovy-gradle-legacy', 'android/app/build.gradle', "android {\n  defaultConfig {\n    buildConfigField 'String', 'TOGETHER_KEY', '\"⟦hex⟧\"'\n  }\n}\n"),
    T('scala-config-legacy', 'scala/src/main/resources/application.conf', 'together {\n  api-key = "⟦hex⟧"\n  base-url = "https://api.together.xyz"\n}\n'),
    T('cpp-define-legacy', 'cpp/src/keys.h', '#pragma once\n#define TOGETHER_API_KEY "⟦hex⟧"\n'),
    T('powershell-setenv-user-legacy', 'ps/setup.ps1', '[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "⟦hex⟧", "User")\n'),
    T('typescript-class-field-current', 'ts/src/together.ts', 'export class TogetherClient {\n  private apiKey = "⟦key⟧";\n}\n'),
    T('python-dataclass-default-legacy', 'py/settings.py', '@dataclass\nclass TogetherSettings:\n    api_key: str = "⟦hex⟧"\n    model: str = "mistral"\n'),
]


# --- CI, IaC, shells, IDEs, API clients --------------------------------------------------------------------

OPS = [
    T('gitlab-ci-variables-legacy', 'ci/.gitlab-ci.yml', 'variables:\n  TOGETHER_API_KEY: "⟦hex⟧"\ntest:\n  script: pytest\n'),
    T('circleci-environment-legacy', 'ci/.circleci/config.yml', 'jobs:\n  test:\n    docker:\n      - image: cimg/python:3.11\n    environment:\n      TOGETHER_API_KEY: ⟦hex⟧\n'),
    T('azure-pipelines-variables-legacy', 'ci/azure-pipelines.yml', "variables:\n  - name: togetherApiKey\n    value: '⟦hex⟧'\n"),
    T('bitbucket-pipelines-legacy', 'ci/bitbucket-pipelines.yml', 'pipelines:\n  default:\n    - step:\n        script:\n          - export TOGETHER_API_KEY=⟦hex⟧\n          - pytest\n'),
    T('github-actions-env-legacy', 'ci/.github/workflows/eval.yml', 'jobs:\n  eval:\n    runs-on: ubuntu-latest\n    env:\n      TOGETHER_API_KEY: ⟦hex⟧\n'),
    T('cloudbuild-legacy', 'ci/cloudbuild.yaml', "steps:\n- name: python\n  env: ['TOGETHER_API_KEY=⟦hex⟧']\n  args: ['pytest']\n"),
    T('codebuild-buildspec-legacy', 'ci/buildspec.yml', 'version: 0.2\nenv:\n  variables:\n    TOGETHER_API_KEY: "⟦hex⟧"\n'),
    T('concourse-params-legacy', 'ci/pipeline.yml', 'jobs:\n- name: eval\n  plan:\n  - task: run\n    params:\n      TOGETHER_API_KEY: ⟦hex⟧\n'),
    T('argo-workflow-env-legacy', 'ci/argo.yaml', 'spec:\n  templates:\n  - name: eval\n    container:\n      env:\n      - name: TOGETHER_API_KEY\n        value: "⟦hex⟧"\n'),
    T('harness-pipeline-current', 'ci/.harness/pipeline.yaml', 'pipeline:\n  variables:\n    - name: together_api_key\n      type: String\n      value: ⟦key⟧\n'),
    T('terraform-tfvars-legacy', 'iac/terraform.tfvars', 'region           = "us-east-1"\ntogether_api_key = "⟦hex⟧"\n'),
    T('terraform-lambda-env-legacy', 'iac/lambda.tf', 'resource "aws_lambda_function" "chat" {\n  environment {\n    variables = {\n      TOGETHER_API_KEY = "⟦hex⟧"\n    }\n  }\n}\n'),
    T('pulumi-yaml-config-legacy', 'iac/Pulumi.dev.yaml', 'config:\n  chat:togetherApiKey: ⟦hex⟧\n'),
    T('cdk-ts-env-legacy', 'iac/lib/stack.ts', "new lambda.Function(this, 'Chat', {\n  environment: { TOGETHER_API_KEY: '⟦hex⟧' },\n});\n"),
    T('helm-values-env-list-legacy', 'iac/charts/chat/values.yaml', 'env:\n  - name: TOGETHER_API_KEY\n    value: ⟦hex⟧\n'),
    T('kustomize-literals-legacy', 'iac/kustomization.yaml', 'secretGenerator:\n- name: chat\n  literals:\n  - TOGETHER_API_KEY=⟦hex⟧\n'),
    T('salt-pillar-legacy', 'iac/pillar/chat.sls', 'chat:\n  together:\n    api_key: ⟦hex⟧\n'),
    T('puppet-hiera-legacy', 'iac/hieradata/common.yaml', "profile::chat::together_api_key: '⟦hex⟧'\n"),
    T('nix-env-legacy', 'iac/configuration.nix', '{\n  systemd.services.chat.environment = {\n    TOGETHER_API_KEY = "⟦hex⟧";\n  };\n}\n'),
    T('ansible-vars-legacy', 'iac/roles/chat/defaults/main.yml', 'chat_together_api_key: "⟦hex⟧"\n'),
    T('docker-compose-env-legacy', 'iac/compose.yaml', 'services:\n  chat:\n    image: chat\n    environment:\n      - TOGETHER_API_KEY=⟦hex⟧\n'),
    T('dockerfile-env-legacy', 'iac/Dockerfile', 'FROM python:3.11\nENV TOGETHER_API_KEY=⟦hex⟧\n'),
    T('fish-set-legacy', 'home/.config/fish/config.fish', 'set -gx TOGETHER_API_KEY ⟦hex⟧\n'),
    T('fish-universal-vars-legacy', 'home/.config/fish/fish_variables', '# This file contains fish universal variable definitions.\nSETUVAR --export TOGETHER_API_KEY:⟦hex⟧\n'),
    T('zshenv-legacy', 'home/.zshenv', 'export TOGETHER_API_KEY="⟦hex⟧"\n'),
    T('nushell-env-legacy', 'home/.config/nushell/env.nu', '$env.TOGETHER_API_KEY = "⟦hex⟧"\n'),
    T('powershell-profile-legacy', 'home/Documents/PowerShell/profile.ps1', '$env:TOGETHER_API_KEY = "⟦hex⟧"\n'),
    T('csh-setenv-legacy', 'home/.cshrc', 'setenv TOGETHER_API_KEY ⟦hex⟧\n'),
    T('bash-history-curl-legacy', 'home/.bash_history', 'curl https://api.together.xyz/inference -H "Authorization: Bearer ⟦hex⟧" -d @req.json\n'),
    T('jetbrains-run-config-legacy', 'ide/.idea/runConfigurations/chat.xml', '''\
<component name="ProjectRunConfigurationManager">
  <configuration name="chat" type="PythonConfigurationType">
    <envs>
      <env name="TOGETHER_API_KEY" value="⟦hex⟧" />
    </envs>
  </configuration>
</component>
'''),
    T('vscode-launch-env-legacy', 'ide/.vscode/launch.json', '{"configurations": [{"type": "python", "env": {"TOGETHER_API_KEY": "⟦hex⟧"}}]}\n'),
    T('launchsettings-legacy', 'ide/Properties/launchSettings.json', '{"profiles": {"Chat": {"environmentVariables": {"Together__ApiKey": "⟦hex⟧"}}}}\n'),
    T('insomnia-env-legacy', 'api/insomnia.json', '''\
{"_type": "export", "resources": [{"_type": "environment", "name": "Together",
  "data": {"base_url": "https://api.together.xyz", "api_key": "⟦hex⟧"}}]}
'''),
    T('hoppscotch-env-legacy', 'api/hoppscotch-env.json', '[{"name": "together", "variables": [{"key": "TOGETHER_KEY", "value": "⟦hex⟧"}]}]\n'),
    T('thunder-env-legacy', 'api/thunder-tests/thunderEnvironment.json', '[{"name": "together", "data": [{"name": "apiKey", "value": "⟦hex⟧"}]}]\n'),
    T('httpie-session-together-legacy', 'api/httpie/sessions/api.together.xyz/default.json', '{"headers": {"Authorization": "Bearer ⟦hex⟧"}, "cookies": {}}\n'),
    T('http-file-variable-legacy', 'api/together.http', '@token = ⟦hex⟧\n\nPOST https://api.together.xyz/inference\nAuthorization: Bearer {{token}}\n'),
    T('postman-globals-legacy', 'api/globals.postman_globals.json', '{"name": "Globals", "values": [{"key": "together_api_key", "value": "⟦hex⟧", "enabled": true}]}\n'),
    T('kreya-env-legacy', 'api/kreya/env.json', '{"name": "Together", "variables": {"togetherToken": "⟦hex⟧"}}\n'),
]


# --- encoded files ----------------------------------------------------------------------------------------------

def _nb(cells: list[dict]) -> bytes:
    return json.dumps({'cells': cells, 'metadata': {'kernelspec': {'name': 'python3'}},
                       'nbformat': 4, 'nbformat_minor': 5}, indent=1).encode()


def _nb_print_legacy(m: Made) -> tuple[bytes, list[str]]:
    """A notebook whose code reads the key from the environment and whose
    output cell prints it."""
    h = m.hex()
    return _nb([{'cell_type': 'code', 'execution_count': 2, 'metadata': {},
                 'source': ['import os, together\n', 'print(os.environ["TOGETHER_API_KEY"])\n'],
                 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': [h + '\n']}]}]), [h]


def _nb_repr_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _nb([{'cell_type': 'code', 'execution_count': 5, 'metadata': {},
                 'source': ['together.api_key'],
                 'outputs': [{'output_type': 'execute_result', 'execution_count': 5, 'metadata': {},
                              'data': {'text/plain': [f"'{h}'"]}}]}]), [h]


def _nb_env_dump_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _nb([{'cell_type': 'code', 'execution_count': 1, 'metadata': {},
                 'source': ['!env | grep TOGETHER'],
                 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': [f'TOGETHER_API_KEY={k}\n']}]}]), [k]


def _nb_image_decoy(m: Made) -> tuple[bytes, list[str]]:
    img = b'\xff\xd8\xff\xe0' + m.rng.randbytes(1500)
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><!-- ' + m.hex() + ' --></svg>'
    return _nb([{'cell_type': 'code', 'execution_count': 7, 'metadata': {},
                 'source': ['import together\n', 'show(together.Image.create(prompt="a cat"))\n'],
                 'outputs': [{'output_type': 'display_data', 'metadata': {},
                              'data': {'image/jpeg': _b64(img), 'image/svg+xml': svg}}]}]), []


def _nb_widget_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _nb([{'cell_type': 'code', 'execution_count': 1, 'metadata': {},
                 'source': ['together.api_key = getpass()'],
                 'outputs': [{'output_type': 'display_data', 'metadata': {},
                              'data': {'application/vnd.jupyter.widget-view+json':
                                       {'model_id': m.hex()[:32], 'version_major': 2}}}]}],), []


def _project_zip_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _zip({'chat/app.py': b'import together\n', 'chat/.streamlit/secrets.toml': f'[together]\napi_key = "{h}"\n'.encode()}), [h]


def _project_tar_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _tar({'chat/main.go': b'package main\n', 'chat/.envrc': f'export TOGETHER_API_KEY={k}\n'.encode()}, 'w'), [k]


def _zip_in_zip_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    inner = _zip({'config/llm.yaml': _yaml(h).encode()})
    return _zip({'backup/config.zip': inner, 'backup/README': b'nightly\n'}, zipfile.ZIP_STORED), [h]


def _txz_autogen_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    oai = json.dumps([{'model': 'togethercomputer/llama-2-70b-chat', 'api_key': h, 'base_url': 'https://api.together.xyz/v1'}])
    return _tar({'agents/OAI_CONFIG_LIST': oai.encode()}, 'w:xz'), [h]


def _zip_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _zip({'chat/poetry.lock': f'[[package]]\nname = "together"\nversion = "0.2.4"\nfiles = [{{file = "together-0.2.4.tar.gz", hash = "sha256:{m.hex()}"}}]\n'.encode(),
                 'chat/.env.example': b'TOGETHER_API_KEY=\n'}), []


ENCODED = [
    T('openshift-template-secret-legacy', 'enc/openshift/template.yaml', '''\
apiVersion: template.openshift.io/v1
kind: Template
objects:
- apiVersion: v1
  kind: Secret
  metadata:
    name: chat
  data:
    env: ⟦hex|env_b64⟧
'''),
    T('nomad-var-b64-legacy', 'enc/nomad/vars.json', '{"Path": "nomad/jobs/chat", "Items": {"dotenv_b64": "⟦hex|env_b64⟧"}}\n'),
    T('vault-export-b64-legacy', 'enc/vault/export.json', '{"request_id": "r", "data": {"blob": "⟦hex|vault_b64⟧"}}\n'),
    T('podman-auth-legacy', 'enc/containers/auth.json', '{"auths": {"registry.together.xyz": {"auth": "⟦hex|auth_user⟧"}}}\n'),
    T('yarnrc-npm-auth-ident-legacy', 'enc/.yarnrc.yml', 'npmScopes:\n  together:\n    npmRegistryServer: "https://npm.together.ai"\n    npmAuthIdent: "⟦hex|yarn_ident⟧"\n'),
    T('netrc-b64-current', 'enc/netrc.b64', '⟦key|netrc_b64⟧\n'),
    T('env-xz-b64-legacy', 'enc/env.xz.b64', '⟦hex|env_xzb64⟧\n'),
    T('env-bz2-b64-wrapped-legacy', 'enc/env.bz2.b64', '⟦hex|env_bz2b64w76⟧\n'),
    T('yaml-gz-b64x2-legacy', 'enc/values.txt', 'config: ⟦hex|yaml_gzb64x2⟧\n'),
    T('yaml-b64-wrapped64-legacy', 'enc/llm.yaml.b64', '⟦hex|yaml_b64w64⟧\n'),
    T('cfg-b64url-legacy', 'enc/cfg.b64url', 'CONFIG=⟦hex|cfg_b64url⟧\n'),
    T('env-b64x2-wrapped-legacy', 'enc/env2.b64', '⟦hex|env_b64x2w64⟧\n'),
    T('ini-xz-b64-legacy', 'enc/ini.txt', 'blob: ⟦hex|ini_xzb64⟧\n'),
    T('env-hexdump-c-legacy', 'enc/env.hexdump', _env('⟦hex⟧'), post='hexdump_c'),
    T('cfg-hexdump-c-current', 'enc/cfg.hexdump', _cfg('⟦key⟧'), post='hexdump_c'),
    T('env-qp-legacy', 'enc/env.qp', _env('⟦hex⟧') + 'LONG_LINE=' + 'x' * 90 + '\n', post='qp'),
    T('env-uuencode-legacy', 'enc/env.uu', _env('⟦hex⟧'), post='uu'),
    T('env-uuencode-current', 'enc/env2.uu', _env('⟦key⟧'), post='uu'),
    T('env-percent-legacy', 'enc/env.pct', 'data=⟦hex|env_pct⟧\n'),
    T('value-percent-named-legacy', 'enc/form.txt', 'provider=together&together_api_key=⟦hex|value_pct⟧&model=mixtral\n'),
    T('json-u-escaped-legacy', 'enc/settings.json', '{"⟦_x|ju⟧": 1, "together_api_key": "⟦hex|ju⟧"}\n'),
    T('env-b64-w64-file-legacy', 'enc/env.w64.b64', _env('⟦hex⟧'), post='b64w64'),
    T('yaml-xz-b64-file-legacy', 'enc/yaml.xz.b64', _yaml('⟦hex⟧'), post='xz_b64'),
    T('env-utf16be-legacy', 'enc/env.utf16', _env('⟦hex⟧'), post='utf16be'),
    T('k8s-secret-yaml-b64-current', 'enc/k8s/s.yaml', 'apiVersion: v1\nkind: Secret\ndata:\n  config.yaml: ⟦key|yaml_b64⟧\n'),
    T('docker-config-b64-legacy', 'enc/docker-config.b64', '⟦hex|dockercfg_b64⟧\n'),
    T('env-gz-hex-legacy', 'enc/env.gz.hex', '⟦hex|env_gzhex⟧\n'),
    T('env-b64-crlf-in-json-legacy', 'enc/bundle.json', '{"files": {".env": "⟦hex|env_b64⟧"}, "encoding": "base64"}\n'),
    B('nb-output-prints-key-legacy', 'nb/debug.ipynb', _nb_print_legacy),
    B('nb-repr-output-legacy', 'nb/repr.ipynb', _nb_repr_legacy),
    B('nb-env-dump-current', 'nb/env.ipynb', _nb_env_dump_current),
    B('project-zip-streamlit-legacy', 'enc/chat.zip', _project_zip_legacy),
    B('project-tar-envrc-current', 'enc/chat.tar', _project_tar_current),
    B('zip-in-zip-yaml-legacy', 'enc/backup.zip', _zip_in_zip_legacy),
    B('txz-autogen-legacy', 'enc/agents.tar.xz', _txz_autogen_legacy),
]


# --- decoys -----------------------------------------------------------------------------------------------

DECOYS = [
    T('decoy-together-client-cache-key', 'logs/debug.log', 'DEBUG:together.client:2023-11-02 10:01:22 cache key ⟦_x⟧ hit\n'),
    T('decoy-together-client-etag', 'logs/debug2.log', 'DEBUG:together.client:response etag "⟦_x⟧"\n'),
    T('decoy-langchain-cache-hash', 'logs/lc.log', 'langchain.cache: Together llm_string hash=⟦_x⟧\n'),
    T('decoy-llamaindex-doc-hash', 'py/d_index.json', '{"docstore/metadata": {"⟦_uuid⟧": {"doc_hash": "⟦_x⟧"}}, "llm": "TogetherLLM"}\n'),
    T('decoy-hf-space-lfs-oid', 'space/d.gitattributes.txt', 'version https://git-lfs.github.com/spec/v1\noid sha256:⟦_x⟧\nsize 4013\n# together model weights\n'),
    T('decoy-poetry-lock-together', 'lock/poetry.lock', '[[package]]\nname = "together"\nversion = "0.2.4"\nfiles = [\n    {file = "together-0.2.4-py3-none-any.whl", hash = "sha256:⟦_x⟧"},\n]\n'),
    T('decoy-pipfile-lock', 'lock/Pipfile.lock', '{"default": {"together": {"hashes": ["sha256:⟦_x⟧"], "version": "==0.2.4"}}}\n'),
    T('decoy-pdm-lock', 'lock/pdm.lock', '[[package]]\nname = "together"\nversion = "0.2.4"\nfiles = [\n    {file = "together-0.2.4.tar.gz", hash = "sha256:⟦_x⟧"},\n]\n'),
    T('decoy-cargo-lock-together', 'lock/Cargo.lock', '[[package]]\nname = "together-rs"\nversion = "0.1.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "⟦_x⟧"\n'),
    T('decoy-go-sum-together', 'lock/go.sum', 'github.com/togethercomputer/together-go v0.1.0 h1:⟦_b64⟧\n'),
    T('decoy-nix-flake-lock', 'lock/flake.lock', '{"nodes": {"together": {"locked": {"narHash": "sha256-⟦_b64⟧", "rev": "⟦_sha1⟧"}}}}\n'),
    T('decoy-nix-fetchurl', 'iac/d.nix', 'together = pkgs.fetchurl {\n  url = "https://files.pythonhosted.org/together-0.2.4.tar.gz";\n  sha256 = "⟦_x⟧";\n};\n'),
    T('decoy-dockerfile-digest', 'iac/d.Dockerfile', 'FROM ghcr.io/togethercomputer/chat@sha256:⟦_x⟧\nENV TOGETHER_API_KEY=""\n'),
    T('decoy-helm-chart-digest', 'iac/Chart.lock', 'dependencies:\n- name: together-gateway\n  repository: oci://registry.together.xyz/charts\n  version: 0.3.1\ndigest: sha256:⟦_x⟧\n'),
    T('decoy-terraform-var-ref', 'iac/d.tf', 'variable "together_api_key" {\n  type      = string\n  sensitive = true\n}\nresource "x" "y" { key = var.together_api_key }\n'),
    T('decoy-github-secret-ref', 'ci/d.yml', 'env:\n  TOGETHER_API_KEY: ${{ secrets.TOGETHER_API_KEY }}\n'),
    T('decoy-gitlab-masked-ref', 'ci/d.gitlab-ci.yml', 'variables:\n  TOGETHER_API_KEY: $CI_TOGETHER_API_KEY\n'),
    T('decoy-circleci-context', 'ci/d.circleci.yml', 'workflows:\n  main:\n    jobs:\n      - eval:\n          context: together-secrets\n'),
    T('decoy-actions-cache-key-together', 'ci/d2.yml', '- uses: actions/cache@v3\n  with:\n    key: together-pip-⟦_x⟧\n'),
    T('decoy-fish-op-read', 'home/d.fish', 'set -gx TOGETHER_API_KEY (op read "op://Private/Together/credential")\n'),
    T('decoy-powershell-secret-mgmt', 'home/d.ps1', '$env:TOGETHER_API_KEY = Get-Secret -Name Together -AsPlainText\n'),
    T('decoy-zsh-keychain', 'home/d.zshrc', 'export TOGETHER_API_KEY="$(security find-generic-password -s together -w)"\n'),
    T('decoy-jetbrains-env-file', 'ide/d.xml', '<envs>\n  <env name="TOGETHER_API_KEY" value="$TOGETHER_API_KEY$" />\n</envs>\n'),
    T('decoy-insomnia-template-tag', 'api/d.json', '{"data": {"api_key": "{{ _.together_key }}", "base_url": "https://api.together.xyz"}}\n'),
    T('decoy-http-file-env-ref', 'api/d.http', 'POST https://api.together.xyz/inference\nAuthorization: Bearer {{$dotenv TOGETHER_API_KEY}}\n'),
    T('decoy-streamlit-secrets-placeholder', 'st/d.toml', '[together]\napi_key = "<your-together-api-key>"\n'),
    T('decoy-gradio-env-read', 'space/d.py', 'together.api_key = os.getenv("TOGETHER_API_KEY")\n'),
    T('decoy-autogen-env-ref', 'autogen/d.json', '[{"model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "api_key": "${TOGETHER_API_KEY}", "base_url": "https://api.together.xyz/v1"}]\n'),
    T('decoy-litellm-os-environ', 'litellm/d.yaml', 'model_list:\n  - litellm_params:\n      model: together_ai/mistral\n      api_key: os.environ/TOGETHER_API_KEY\n'),
    T('decoy-dspy-cache-digest', 'py/d_dspy.json', '{"lm": "dspy.Together", "cache_key": "⟦_x⟧"}\n'),
    T('decoy-haystack-model-hash', 'haystack/d.yml', 'components:\n  - name: PromptModel\n    params:\n      model_name_or_path: togethercomputer/llama-2-70b-chat\n      revision: ⟦_sha1⟧\n'),
    T('decoy-go-map-digest', 'go/d_map.go', 'var togetherCfg = map[string]string{\n\t"model_sha256": "⟦_x⟧",\n}\n'),
    T('decoy-julia-typed-dict-digest', 'jl/d.jl', 'together_cfg = Dict{String,String}("weights_sha256" => "⟦_x⟧")\n'),
    T('decoy-setattr-blanks-other', 'py/d_set.py', 'import openai\nsetattr( openai , "api_key", "⟦_x⟧" )\n'),
    T('decoy-git-commit-together', 'logs/d_git.log', 'commit ⟦_sha1⟧\nMerge: together-fix\n    together: bump sha256 ⟦_x⟧\n'),
    T('decoy-sha256sum-together-wheel', 'lock/SHA256SUMS', '⟦_x⟧  together-0.2.4-py3-none-any.whl\n⟦_x2⟧  together-0.2.4.tar.gz\n'),
    T('decoy-env-b64-placeholder-xz', 'enc/d.xz.b64', '⟦_x|ph_env_xzb64⟧\n'),
    T('decoy-sums-gzb64', 'enc/d_sums.gz.b64', '⟦_x|sums_gzb64⟧\n'),
    T('decoy-lock-pct', 'enc/d.pct', 'q=⟦_x|lock_pct⟧\n'),
    T('decoy-hexdump-sums', 'enc/d.hexdump', '⟦_x⟧  together-0.2.4.tar.gz\n', post='hexdump_c'),
    T('decoy-qp-sums', 'enc/d.qp', 'together-0.2.4.tar.gz sha256 ⟦_x⟧\n', post='qp'),
    T('decoy-uu-sums', 'enc/d.uu', '⟦_x⟧  together-0.2.4.tar.gz\n', post='uu'),
    T('decoy-k8s-secret-ref-env', 'enc/d_k8s.yaml', 'apiVersion: v1\nkind: Secret\ndata:\n  .env: ⟦_x|ref_env_b64⟧\n'),
    T('decoy-key-id-together', 'logs/d_keys.log', 'together: created api key ⟦_x|keyid⟧ for user\n'),
    T('decoy-wandb-run-id', 'logs/d_wandb.log', 'wandb: Syncing run together-ft-⟦_x⟧\n'),
    T('decoy-upper-hex-together', 'enc/d_upper.env', 'TOGETHER_BUILD_SHA=⟦_x|upper⟧\n'),
    T('decoy-other-provider-openai-compat', 'py/d_oai.py', 'ChatOpenAI(openai_api_base="https://api.groq.com/openai/v1", openai_api_key="⟦_x⟧")\n# see together.py for the Together one\n'),
    T('decoy-hf-model-card-sha', 'space/d_README.md', '---\nbase_model: togethercomputer/LLaMA-2-7B-32K\n---\nWeights sha256: ⟦_x⟧\n'),
    T('decoy-elixir-mix-lock', 'lock/mix.lock', '%{"together": {:hex, :together, "0.1.0", "⟦_x⟧", [:mix], [], "hexpm", "⟦_x2⟧"}}\n'),
    B('decoy-nb-image-outputs', 'nb/d_img.ipynb', _nb_image_decoy),
    B('decoy-nb-widget-model-id', 'nb/d_widget.ipynb', _nb_widget_decoy),
    B('decoy-zip-poetry-lock', 'enc/d.zip', _zip_decoy),
]

CASES = FRAMEWORKS + LANGUAGES + OPS + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 2d8a76d7: see docs/detection.md, "Session 37 (acc37)".
MISSED: dict[str, str] = {
    'httpie-session-together-legacy': "an HTTPie session whose only Together word is its folder (`sessions/api.together.xyz/`): a path is no context (heldout35's `httpie-session-legacy`, heldout36's path-only misses)",
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
