"""A twenty-sixth held-out probe (session 29), legacy keys only: 64
lowercase hex characters in configuration languages and their nesting,
where the structure around a value says whose key it is: HCL/Terraform
``provider "together" {}`` blocks, a ``variable``'s default and tfvars
maps, Pulumi stack config (``together:apiKey``), CUE, Jsonnet, Dhall,
Nix attrsets, Starlark/Bazel, Helm values with anchors and aliases,
Ansible vars and inventories, INI ``[provider.together]``, .properties
``together.api.key=``, Spring XML beans, Java ``@Value`` defaults, a
Kotlin DSL, Swift and Objective-C dictionaries, PHP arrays, Lua tables,
R lists, Julia Dicts, Perl hashes, PowerShell hashtables, Makefile
``export``, CMake ``set()``, Dockerfile ``ARG``/``ENV``, GitHub Actions
``env:`` at job and step level, GitLab CI ``variables``, LangChain and
LiteLLM configs (``model: together_ai/...`` + ``api_key``), OpenAI-style
clients whose ``base_url`` is Together's several lines away in the same
call or object, LlamaIndex ``TogetherLLM(api_key=...)``.  Decoys of the
same shapes: another provider's block beside a Together block, SHA-256s
(checksums, digests, lockfile integrity, ``sha256:`` image refs) inside
Together-named structures, Together model/file/job ids, placeholders, a
key one structure away (a sibling that is not Together's).  Written
before any fix; what 2e3cc7a8 missed is in ``MISSED`` (strict xfails) or
was fixed in the same session (docs/detection.md, "Found since the
twenty-sixth legacy held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

PLACEHOLDER = '0123456789abcdef' * 4

SOURCE = key_cases(
    ('hcl-provider-block-nested', 'infra/llm/providers.tf', '''\
terraform {{
  required_providers {{
    together = {{
      source  = "acme/together"
      version = "~> 0.3"
    }}
  }}
}}

provider "together" {{
  region = "us-east-1"
  auth {{
    api_key = "{hex}"
  }}
}}
'''),
    ('hcl-variable-default-generic', 'infra/llm/variables.tf', '''\
variable "llm_endpoint" {{
  type    = string
  default = "https://api.together.xyz/v1"
}}

variable "llm_api_key" {{
  type      = string
  sensitive = true
  default   = "{hex}"
}}
'''),
    ('tfvars-map-together', 'infra/envs/prod.tfvars', '''\
region = "eu-west-1"
llm_providers = {{
  together = {{
    api_key  = "{hex}"
    model    = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
  }}
}}
'''),
    ('pulumi-stack-config', 'Pulumi.prod.yaml', '''\
config:
  aws:region: us-west-2
  together:apiKey: {hex}
  chat:replicas: "3"
'''),
    ('pulumi-stack-object', 'Pulumi.dev.yaml', '''\
config:
  chat:llm:
    provider: together
    apiKey: {hex}
'''),
    ('cue-nested-struct', 'cue/llm.cue', '''\
package llm

providers: together: {{
	baseURL: "https://api.together.xyz/v1"
	apiKey:  "{hex}"
}}
'''),
    ('jsonnet-local-object', 'jsonnet/chat.libsonnet', '''\
local together = {{
  endpoint: 'https://api.together.xyz/v1',
  token: '{hex}',
}};
{{ llm: together }}
'''),
    ('dhall-record', 'dhall/chat.dhall', '''\
let Together =
      {{ baseUrl = "https://api.together.xyz/v1"
      , apiKey = "{hex}"
      }}
in  {{ llm = Together }}
'''),
    ('nix-attrset-nested', 'nix/services.nix', '''\
{{ config, ... }}:
{{
  services.chat = {{
    enable = true;
    together = {{
      apiKey = "{hex}";
      model = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    }};
  }};
}}
'''),
    ('starlark-dict', 'tools/BUILD.bazel', '''\
LLM = {{
    "provider": "together",
    "api_key": "{hex}",
}}

py_binary(
    name = "chat",
    srcs = ["chat.py"],
)
'''),
    ('helm-anchor-alias', 'charts/chat/values.yaml', '''\
togetherDefaults: &together
  baseUrl: https://api.together.xyz/v1
  apiKey: {hex}

chat:
  llm: *together
'''),
    ('ansible-group-vars-nested', 'ansible/group_vars/llm.yml', '''\
llm_backends:
  together:
    url: https://api.together.xyz/v1
    key: "{hex}"
'''),
    ('ansible-inventory-ini', 'ansible/inventory.ini', '''\
[llm]
gpu-1 ansible_host=10.0.0.5 together_api_key={hex}
'''),
    ('ini-provider-dotted-section', 'conf/llm.ini', '''\
[provider.together]
endpoint = https://api.together.xyz/v1
key = {hex}
'''),
    ('properties-dotted-together', 'src/main/resources/chat.properties', '''\
chat.timeout=30
together.api.key={hex}
together.api.model=meta-llama/Llama-3-8b-chat-hf
'''),
    ('spring-xml-bean', 'src/main/resources/beans.xml', '''\
<beans>
  <bean id="togetherClient" class="com.acme.llm.TogetherClient">
    <property name="baseUrl" value="https://api.together.xyz/v1"/>
    <property name="apiKey" value="{hex}"/>
  </bean>
</beans>
'''),
    ('java-value-default', 'src/main/java/com/acme/LlmProps.java', '''\
@Component
public class LlmProps {{
  @Value("${{together.api-key:{hex}}}")
  private String apiKey;
}}
'''),
    ('kotlin-dsl-block', 'build.gradle.kts', '''\
llm {{
    together {{
        apiKey.set("{hex}")
        model.set("meta-llama/Llama-3-70b-chat-hf")
    }}
}}
'''),
    ('swift-dictionary', 'App/Providers.swift', '''\
let providers: [String: [String: String]] = [
    "together": [
        "baseURL": "https://api.together.xyz/v1",
        "apiKey": "{hex}",
    ],
]
'''),
    ('objc-dictionary', 'App/Providers.m', '''\
NSDictionary *together = @{{
    @"endpoint": @"https://api.together.xyz/v1",
    @"apiKey": @"{hex}",
}};
'''),
    ('php-nested-array', 'config/llm.php', '''\
<?php
return [
    'default' => 'together',
    'together' => [
        'key' => '{hex}',
        'model' => 'meta-llama/Llama-3-8b-chat-hf',
    ],
];
'''),
    ('lua-table-nested', 'lua/llm/config.lua', '''\
return {{
  providers = {{
    together = {{
      api_key = "{hex}",
      endpoint = "https://api.together.xyz/v1",
    }},
  }},
}}
'''),
    ('r-list', 'R/llm.R', '''\
providers <- list(
  together = list(
    base_url = "https://api.together.xyz/v1",
    key = "{hex}"
  )
)
'''),
    ('julia-dict', 'src/llm.jl', '''\
const PROVIDERS = Dict(
    "together" => Dict(
        "api_key" => "{hex}",
        "url" => "https://api.together.xyz/v1",
    ),
)
'''),
    ('perl-hash', 'lib/Acme/LLM.pm', '''\
my %providers = (
    together => {{
        base_url => 'https://api.together.xyz/v1',
        api_key  => '{hex}',
    }},
);
'''),
    ('powershell-hashtable', 'scripts/config.ps1', '''\
$Config = @{{
    Together = @{{
        ApiKey = '{hex}'
        Model  = 'meta-llama/Llama-3-70b-chat-hf'
    }}
}}
'''),
    ('makefile-export', 'Makefile', '''\
export LLM_BASE_URL := https://api.together.xyz/v1
export LLM_API_KEY := {hex}

run:
\tpython serve.py
'''),
    ('cmake-set', 'CMakeLists.txt', '''\
cmake_minimum_required(VERSION 3.20)
set(TOGETHER_API_KEY "{hex}" CACHE STRING "Together key")
add_compile_definitions(TOGETHER_API_KEY="${{TOGETHER_API_KEY}}")
'''),
    ('dockerfile-arg-env', 'Dockerfile', '''\
FROM python:3.12-slim
ARG LLM_PROVIDER=together
ENV LLM_API_KEY={hex}
CMD ["python", "serve.py"]
'''),
    ('actions-job-env', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      OPENAI_BASE_URL: https://api.together.xyz/v1
      OPENAI_API_KEY: {hex}
    steps:
      - run: python eval.py
'''),
    ('gitlab-ci-variables-expanded', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY:
    value: "{hex}"
    description: "Together inference key"
'''),
    ('litellm-model-prefix', 'litellm/proxy.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: "{hex}"
'''),
    ('langchain-yaml-llm', 'chains/qa.yaml', '''\
llm:
  _type: together
  model: meta-llama/Llama-3-70b-chat-hf
  together_api_key: {hex}
'''),
    ('python-client-base-url-lines-away', 'app/llm.py', '''\
client = OpenAI(
    api_key="{hex}",
    timeout=30,
    max_retries=2,
    default_headers={{"X-App": "chat"}},
    base_url="https://api.together.xyz/v1",
)
'''),
    ('ts-client-object-lines-away', 'src/llm.ts', '''\
const client = new OpenAI({{
  apiKey: "{hex}",
  maxRetries: 2,
  timeout: 30_000,
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('llamaindex-together-llm', 'rag/index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    api_key="{hex}",
)
'''),
)

DECOYS = key_cases(
    ('decoy-hcl-other-provider-block', 'infra/llm/providers.tf', '''\
provider "together" {{
  api_key = var.together_api_key
}}

provider "openai" {{
  api_key = "{_hex}"
}}
'''),
    ('decoy-hcl-lock-hashes', 'infra/.terraform.lock.hcl', '''\
provider "registry.terraform.io/acme/together" {{
  version = "0.3.1"
  hashes = [
    "zh:{_hex}",
  ]
}}
'''),
    ('decoy-tfvars-sibling-openai', 'infra/envs/prod.tfvars', '''\
llm_providers = {{
  together = {{
    base_url = "https://api.together.xyz/v1"
  }}
  openai = {{
    api_key = "{_hex}"
  }}
}}
'''),
    ('decoy-pulumi-other-namespace', 'Pulumi.prod.yaml', '''\
config:
  together:model: meta-llama/Llama-3-70b-chat-hf
  openai:apiKey: {_hex}
'''),
    ('decoy-cue-digest', 'cue/images.cue', '''\
together: image: {{
	repo:   "ghcr.io/acme/together-proxy"
	digest: "sha256:{_hex}"
}}
'''),
    ('decoy-nix-src-hash', 'nix/together.nix', '''\
together-cli = pkgs.fetchurl {{
  url = "https://example.org/together-cli-1.3.0.tar.gz";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-helm-image-digest', 'charts/together/values.yaml', '''\
together:
  image:
    repository: ghcr.io/acme/together-proxy
    digest: sha256:{_hex}
'''),
    ('decoy-helm-anchor-other', 'charts/chat/values.yaml', '''\
togetherDefaults: &together
  baseUrl: https://api.together.xyz/v1

anthropic:
  apiKey: {_hex}
'''),
    ('decoy-ansible-checksum', 'ansible/roles/together/tasks/main.yml', '''\
- name: fetch the together cli
  get_url:
    url: https://example.org/together-cli.tar.gz
    dest: /opt/together-cli.tar.gz
    checksum: "sha256:{_hex}"
'''),
    ('decoy-ini-sibling-section', 'conf/llm.ini', '''\
[provider.together]
endpoint = https://api.together.xyz/v1

[provider.mistral]
key = {_hex}
'''),
    ('decoy-properties-checksum', 'src/main/resources/chat.properties', '''\
together.cli.version=1.3.0
together.cli.sha256={_hex}
'''),
    ('decoy-spring-xml-other-bean', 'src/main/resources/beans.xml', '''\
<beans>
  <bean id="togetherClient" class="com.acme.llm.TogetherClient">
    <property name="baseUrl" value="https://api.together.xyz/v1"/>
  </bean>
  <bean id="cohereClient" class="com.acme.llm.CohereClient">
    <property name="apiKey" value="{_hex}"/>
  </bean>
</beans>
'''),
    ('decoy-php-other-array', 'config/llm.php', '''\
<?php
return [
    'together' => [
        'model' => 'meta-llama/Llama-3-8b-chat-hf',
    ],
    'openai' => [
        'key' => '{_hex}',
    ],
];
'''),
    ('decoy-lua-cache-key', 'lua/llm/cache.lua', '''\
return {{
  together = {{
    cache_key = "{_hex}",
  }},
}}
'''),
    ('decoy-julia-file-id', 'src/files.jl', '''\
const TOGETHER_FILES = Dict(
    "train" => "file-{_hex}",
)
'''),
    ('decoy-powershell-file-hash', 'scripts/verify.ps1', '''\
$Together = @{{
    Installer = 'together-setup.exe'
    Sha256    = '{_hex}'
}}
'''),
    ('decoy-makefile-checksum', 'Makefile', '''\
TOGETHER_CLI_VERSION := 1.3.0
TOGETHER_CLI_SHA256 := {_hex}
'''),
    ('decoy-dockerfile-image-digest', 'Dockerfile', '''\
FROM ghcr.io/acme/together-proxy@sha256:{_hex}
ENV LLM_PROVIDER=together
'''),
    ('decoy-actions-step-other-provider', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    env:
      LLM_PROVIDER: together
    steps:
      - name: anthropic smoke test
        env:
          ANTHROPIC_API_KEY: {_hex}
        run: python smoke.py
'''),
    ('decoy-gitlab-ci-cache-key', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_MODEL: meta-llama/Llama-3-70b-chat-hf
  PIP_CACHE_KEY: "{_hex}"
'''),
    ('decoy-litellm-other-model', 'litellm/proxy.yaml', '''\
model_list:
  - model_name: mixtral
    litellm_params:
      model: together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1
      api_key: os.environ/TOGETHER_API_KEY
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: "{_hex}"
'''),
    ('decoy-python-client-other-call', 'app/llm.py', '''\
together = OpenAI(
    base_url="https://api.together.xyz/v1",
    api_key=os.environ["TOGETHER_API_KEY"],
)
anthropic = Anthropic(
    api_key="{_hex}",
)
'''),
    ('decoy-llamaindex-placeholder', 'rag/index.py', '''\
llm = TogetherLLM(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    api_key="PLACEHOLDER",
)
'''.replace('PLACEHOLDER', PLACEHOLDER)),
    ('decoy-package-lock-integrity', 'web/package-lock.json', '''\
{{
  "packages": {{
    "node_modules/together-ai": {{
      "version": "0.6.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz",
      "integrity": "sha256-{_hex}"
    }}
  }}
}}
'''),
    ('decoy-kotlin-dsl-checksum', 'build.gradle.kts', '''\
together {{
    cliVersion.set("1.3.0")
    cliSha256.set("{_hex}")
}}
'''),
    ('decoy-r-job-id', 'R/jobs.R', '''\
together_jobs <- list(
  finetune = "ft-{_hex}"
)
'''),
)

# Written after the first run: the known misses the brief named (a YAML
# list item ``- provider: together`` whose sibling mapping ``openai:``
# holds the key, not in any earlier set; a TOML sub-table under a parent
# table pointed at Together, legacy24's strict xfail, in more shapes) and
# decoys of those shapes.
PROBED = key_cases(
    ('probed-yaml-top-list-item-provider', 'config/backends.yaml', '''\
- provider: together
  openai:
    api_key: {hex}
- provider: anthropic
  timeout: 30
'''),
    ('probed-yaml-nested-list-item-provider', 'config/llm.yaml', '''\
llm:
  backends:
    - provider: together
      openai:
        api_key: {hex}
'''),
    ('probed-toml-subtable-of-provider-table', 'config/llm.toml', '''\
[llm]
provider = "together"

[llm.openai]
api_key = "{hex}"
'''),
    ('probed-toml-subtable-two-deep', 'config/app.toml', '''\
[openai]
base_url = "https://api.together.xyz/v1"

[openai.auth.prod]
api_key = "{hex}"
'''),
    ('probed-spring-xml-ref-bean', 'src/main/resources/llm.xml', '''\
<beans>
  <bean id="togetherBaseUrl" class="java.lang.String">
    <constructor-arg value="https://api.together.xyz/v1"/>
  </bean>
  <bean id="openaiClient" class="com.acme.llm.OpenAIClient">
    <property name="baseUrl" ref="togetherBaseUrl"/>
    <property name="apiKey" value="{hex}"/>
  </bean>
</beans>
'''),
    ('decoy-probed-xml-other-provider-element', 'conf/providers.xml', '''\
<providers>
  <provider name="together" class="com.acme.llm.TogetherProvider">
    <endpoint>https://api.together.xyz/v1</endpoint>
  </provider>
  <provider name="mistral">
    <apiKey>{_hex}</apiKey>
  </provider>
</providers>
'''),
    ('decoy-probed-yaml-item-fallback', 'config/backends.yaml', '''\
- provider: together
  fallback:
    openai:
      api_key: {_hex}
'''),
    ('decoy-probed-yaml-next-item', 'config/backends.yaml', '''\
- provider: together
  model: meta-llama/Llama-3-70b-chat-hf
- openai:
    api_key: {_hex}
'''),
    ('decoy-probed-toml-subtable-other-parent', 'config/app.toml', '''\
[together]
base_url = "https://api.together.xyz/v1"

[openai]
base_url = "https://api.openai.com/v1"

[openai.auth]
api_key = "{_hex}"
'''),
)

CASES = SOURCE + DECOYS + PROBED

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 35 and decoys >= 25, (keys, decoys)
