"""Legacy keys for Together's OpenAI-compatible API.

The key carries a generic name (``api_key``, ``apiKey``, ``password``...);
what makes it a Together key is the endpoint or provider in the same
structure (call, object, YAML block, .netrc entry).  The same generic name
without that context is not a Together key.
"""
from __future__ import annotations

from tests.accuracy import hex_cases
from tests.accuracy import make_tests

OPENAI_CLIENT = '''\
from openai import OpenAI

client = OpenAI(api_key="{hex}", base_url="https://api.together.xyz/v1")
'''

OPENAI_CLIENT_REVERSED = '''\
import openai

client = openai.OpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="{hex}",
)
response = client.chat.completions.create(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1",
    messages=[{{"role": "user", "content": "Say hi"}}],
)
'''

OPENAI_CLIENT_KEY_FIRST = '''\
client = AsyncOpenAI(
    api_key="{hex}",
    timeout=60,
    max_retries=2,
    base_url="https://api.together.xyz/v1",
)
'''

OPENAI_JS = '''\
import OpenAI from "openai";

const client = new OpenAI({{
  apiKey: "{hex}",
  baseURL: "https://api.together.xyz/v1",
}});
'''

AUTOGEN_CONFIG = '''\
config_list = [
    {{
        "model": "gpt-4o",
        "api_key": os.environ["OPENAI_API_KEY"],
    }},
    {{
        "model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "api_key": "{hex}",
        "base_url": "https://api.together.xyz/v1",
    }},
]
llm_config = {{"config_list": config_list, "cache_seed": 42}}
'''

OAI_CONFIG_LIST = '''\
[
    {{
        "model": "meta-llama/Llama-3-70b-chat-hf",
        "api_key": "{hex}",
        "api_type": "together"
    }}
]
'''

LITELLM_CALL = '''\
from litellm import completion

response = completion(
    model="together_ai/togethercomputer/llama-2-70b-chat",
    messages=[{{"content": "Hello, how are you?", "role": "user"}}],
    api_key="{hex}",
)
'''

LITELLM_PROXY = '''\
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: llama-3-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: "{hex}"
      rpm: 60

litellm_settings:
  drop_params: true
'''

CONTINUE_JSON = '''\
{{
  "models": [
    {{
      "title": "Llama 3 70B",
      "provider": "together",
      "model": "meta-llama/Llama-3-70b-chat-hf",
      "apiKey": "{hex}"
    }}
  ],
  "tabAutocompleteModel": {{
    "title": "Starcoder",
    "provider": "ollama",
    "model": "starcoder2:3b"
  }}
}}
'''

CONTINUE_YAML = '''\
name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Qwen Coder
    provider: together
    model: Qwen/Qwen2.5-Coder-32B-Instruct
    apiKey: {hex}
    roles:
      - chat
      - edit
'''

LLM_KEYS = '''\
{{
  "// Note": "This file stores secret API credentials. Do not share!",
  "openai": "sk-proj-not-a-real-key",
  "together": "{hex}"
}}
'''

NETRC = '''\
machine github.com
  login octocat
  password ghp_notarealtokennotarealtokenxx
machine api.together.xyz
  login apikey
  password {hex}
'''

NETRC_ONE_LINE = 'machine api.together.xyz login me password {hex}\n'

DOTENV_OPENAI_VARS = '''\
# Together through the OpenAI SDK
OPENAI_BASE_URL=https://api.together.xyz/v1
OPENAI_API_KEY={hex}
'''

# The same generic names with no Together context: not Together keys.
PLAIN_OPENAI = '''\
from openai import OpenAI

client = OpenAI(api_key="{_hex}")
'''

AUTOGEN_OTHER = '''\
# models we can run together in one group chat
config_list = [
    {{"model": "gpt-4o", "api_key": "{_hex}"}},
]
'''

LITELLM_PROXY_OTHER = '''\
model_list:
  - model_name: llama-3-70b
    litellm_params:
      model: together_ai/meta-llama/Llama-3-70b-chat-hf
      api_key: os.environ/TOGETHERAI_API_KEY
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o
      api_key: "{_hex}"
'''

NETRC_OTHER = '''\
machine api.together.xyz
  login apikey
  password ${{TOGETHER_API_KEY}}
machine registry.example.com
  login ci
  password {_hex}
'''

CONFIG_SIBLINGS = '''\
{{
  "together": {{"model": "meta-llama/Llama-3-8b-chat-hf"}},
  "openai": {{"apiKey": "{_hex}"}}
}}
'''

CASES = [
    *hex_cases(
        ('openai-client', 'app.py', OPENAI_CLIENT),
        ('openai-client-reversed', 'chat.py', OPENAI_CLIENT_REVERSED),
        ('openai-client-key-first', 'worker.py', OPENAI_CLIENT_KEY_FIRST),
        ('openai-js', 'src/client.ts', OPENAI_JS),
        ('autogen-config-list', 'agents.py', AUTOGEN_CONFIG),
        ('autogen-oai-config-list', 'OAI_CONFIG_LIST', OAI_CONFIG_LIST),
        ('litellm-call', 'llm.py', LITELLM_CALL),
        ('litellm-proxy-config', 'litellm/config.yaml', LITELLM_PROXY),
        ('continue-json', '.continue/config.json', CONTINUE_JSON),
        ('continue-yaml', '.continue/config.yaml', CONTINUE_YAML),
        ('llm-keys-json', 'io.datasette.llm/keys.json', LLM_KEYS),
        ('netrc', 'home/.netrc', NETRC),
        ('netrc-one-line', 'ci/netrc', NETRC_ONE_LINE),
        ('dotenv-openai-vars', 'deploy/together.env', DOTENV_OPENAI_VARS),
        ('decoy-plain-openai', 'openai_app.py', PLAIN_OPENAI),
        ('decoy-autogen-other', 'group_chat.py', AUTOGEN_OTHER),
        ('decoy-litellm-sibling', 'proxy/config.yaml', LITELLM_PROXY_OTHER),
        ('decoy-netrc-other-machine', 'home2/.netrc', NETRC_OTHER),
        ('decoy-config-siblings', 'providers.json', CONFIG_SIBLINGS),
    ),
]

results, test_case = make_tests(CASES)
