"""Keys in the maps and client constructors people write for several
providers at once: a YAML/JSON/TOML/INI entry headed by Together, a
provider list, a client's builder, initializer or struct literal, a key
shown in a notebook's or a log's repr of the environment or settings.

Not here, on purpose (docs/detection.md): a Kubernetes Secret whose
``metadata.name`` is the only Together word (``name: together-api-key``
then ``stringData: key: <key>``)."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

CASES = key_cases(
    ('nb-environ-repr', 'nb.ipynb', '{{"cells": [{{"cell_type": "code", "source": ["os.environ"], "outputs": [{{"output_type": "execute_result", "data": {{"text/plain": ["environ({{\'PATH\': \'/usr/bin\', \'TOGETHER_API_KEY\': \'{hex}\', \'HOME\': \'/root\'}})"]}}}}]}}]}}\n'),
    ('pydantic-repr', 'run.log', "Settings(together_api_key='{hex}', model='m', debug=False)\n"),
    ('yaml-keys-map', 'keys.yaml', 'keys:\n  openai: sk-placeholder\n  together: {hex}\n'),
    ('yaml-anchor-alias', 'cfg.yaml', 'secrets:\n  together_key: &tk {hex}\nllm:\n  api_key: *tk\n'),
    ('reg-file', 'env.reg.txt', 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Environment]\n"TOGETHER_API_KEY"="{hex}"\n'),
    ('github-env', '.github/workflows/x.yml', 'steps:\n  - run: echo "TOGETHER_API_KEY={hex}" >> $GITHUB_ENV\n'),
    ('py-bearer-concat', 'c.py', 'URL = "https://api.together.xyz/v1/models"\nheaders = {{"Authorization": "Bearer " + "{hex}"}}\n'),
    ('py-token-fstring', 'c2.py', 'TOKEN = "{hex}"\nr = requests.get("https://api.together.xyz/v1/models", headers={{"Authorization": f"Bearer {{TOKEN}}"}})\n'),
    ('azure-style-api-key-header', 'req.sh', 'curl https://api.together.xyz/v1/models -H "api-key: {hex}"\n'),
    ('url-key-param', 'links.md', '<https://api.together.xyz/v1/models?key={hex}>\n'),
    ('together-keys-json-nested', 'io.datasette.llm/keys.json', '{{\n  "// Note": "This file stores secret API credentials. Do not share!",\n  "together": "{hex}"\n}}\n'),
    ('toml-together-table-token', 'cfg.toml', '[tool.together]\ntoken = "{hex}"\n'),
    ('ini-together-ai-section', 'creds.ini', '[together-ai]\nkey = {hex}\n'),
    ('yaml-together-ai-heading', 'creds.yaml', 'together_ai:\n  key: {hex}\n'),
    ('json-together-ai-heading', 'creds.json', '{{"togetherAI": {{"key": "{hex}"}}}}\n'),
    ('nested-provider-config-ts', 'providers.ts', "export default {{\n  providers: {{\n    together: {{\n      name: 'Together AI',\n      baseURL: 'https://api.together.xyz/v1',\n      apiKey: '{hex}',\n    }},\n  }},\n}};\n"),
    ('py-dict-provider-list', 'p.py', 'PROVIDERS = [\n    {{"name": "together", "key": "{hex}"}},\n]\n'),
    ('rb-hash-provider', 'p.rb', 'PROVIDERS = {{\n  together: {{ api_key: "{hex}" }},\n}}\n'),
    ('go-struct-literal', 'p.go', 'cfg := Config{{\n\tProvider: "together",\n\tAPIKey:   "{hex}",\n}}\n'),
    ('java-builder', 'P.java', 'var client = TogetherClient.builder()\n    .apiKey("{hex}")\n    .build();\n'),
    ('kotlin-named-args', 'P.kt', 'val client = TogetherClient(apiKey = "{hex}")\n'),
    ('csharp-object-init', 'P.cs', 'var options = new TogetherOptions {{ ApiKey = "{hex}" }};\n'),
    ('swift-init', 'P.swift', 'let client = TogetherClient(apiKey: "{hex}")\n'),
    ('rust-struct', 'p.rs', 'let client = Together::new(TogetherConfig {{ api_key: "{hex}".into() }});\n'),
    ('php-new', 'p.php', "<?php\n$client = new TogetherClient(apiKey: '{hex}');\n"),
)

results, test_case = make_tests(CASES)
