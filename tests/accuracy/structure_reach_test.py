"""A Together structure label's reach (``rules.STRUCTURE_LABEL``,
``detect.context.Scopes``) as real files write it: the legacy key under a
generic name 8 KB or more below the label, past the 4 KB reach, with what
the first version read wrong between them (session 16's review): a
bracket inside a string or a comment, a YAML comment at the line's start,
a UTF-8 BOM, a section header's comment, HCL's ``provider "together" {``,
a truncated file, Together's own ``openai/...`` models in a minified
list; and decoys: the next section's header with a comment, a hole
still a hole."""
from __future__ import annotations

from tests.accuracy import hex_cases
from tests.accuracy import make_tests

# Filler that names no provider and holds no key name: past the reach.
_YAML = '    - name: llama-3-70b-instruct\n      max_tokens: 4096\n' * 160
_JSON = '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
_INI = 'timeout_seconds_for_the_batch_jobs = 60\n' * 240
_HCL = '  timeout_seconds_for_the_batch_jobs = 60\n' * 240

CASES = hex_cases(
    # A bracket inside a string: a stop sequence, a prompt template.
    ('json-brace-in-string', 'json/stop.json',
     '{{"together":{{"stop":["}}"],"models":[' + _JSON + '{{"id":"x"}}],"api_key":"{hex}"}}}}'),
    ('json-escaped-quote', 'json/escaped.json',
     '{{"together":{{"prompt":"say \\"}}\\" twice","models":[' + _JSON + '{{"id":"x"}}],\n"api_key":"{hex}"}}}}'),
    ('js-line-comment', 'js/config.js',
     'export default {{\n  together: {{ // }} closes nothing\n    models: [' + _JSON + '{{"id":"x"}}],\n'
     '    apiKey: "{hex}",\n  }},\n}};\n'),
    ('js-block-comment', 'js/block.js',
     'const cfg = {{together: {{ /* ] }} */ models: [' + _JSON + '{{"id":"x"}}],\n apiKey: "{hex}"}}}};\n'),
    ('js-template-literal', 'js/template.js',
     'const cfg = {{together: {{ greeting: `}}`, models: [' + _JSON + '{{"id":"x"}}],\n apiKey: "{hex}"}}}};\n'),
    # Together serves other labs' open models: their ids name no destination.
    ('json-minified-openai-model-ids', 'json/models.json',
     '{{"together":{{"models":[' + _JSON + '{{"id":"openai/gpt-oss-120b"}}],"api_key":"{hex}"}}}}'),
    ('json-truncated', 'logs/cut.json',
     '{{"together":{{"models":[' + _JSON + '{{"id":"x"}}],\n"api_key":"{hex}",\n"timeout":'),
    ('json-together-dot-ai', 'json/dotai.json',
     '{{"together.ai":{{"models":[' + _JSON + '{{"id":"x"}}],\n"api_key":"{hex}"}}}}'),
    ('yaml-comment-at-line-start', 'yaml/values.yaml',
     'together:\n  models:\n' + _YAML + '# api_key: rotated on 2026-11-30\n  api_key: {hex}\n'),
    ('yaml-bom', 'yaml/bom.yaml',
     '\ufefftogether:\n  models:\n' + _YAML + '  api_key: {hex}\n'),
    ('ini-section-comment', 'ini/llm.ini',
     '[together] ; production\n' + _INI + 'api_key = {hex}\n'),
    ('hcl-provider-block', 'tf/main.tf',
     'provider "together" {{\n' + _HCL + '  api_key = "{hex}"\n}}\n'),
    ('hcl-bare-block', 'tf/llm.hcl',
     'together {{\n' + _HCL + '  api_key = "{hex}"\n}}\n'),
    # An OpenAI-compatible block is a protocol's, not another provider's.
    ('yaml-openai-compatible-block', 'yaml/compat.yaml',
     'together:\n  openai_compatible:\n    models:\n' + _YAML.replace('\n  ', '\n    ')
     + '    api_key: {hex}\n'),
    # Decoys: a header with a comment ends the section before it; a
    # string's bracket does not end a hole early.
    ('decoy-ini-next-section-comment', 'ini/two.ini',
     '[together]\n' + _INI + '[openai]  ; fallback\napi_key = {_hex}\n'),
    ('decoy-toml-next-table-comment', 'toml/two.toml',
     '[together]\n' + _INI + '[database] # primary\npassword = "{_hex}"\n'),
    ('decoy-json-hole-with-brace-string', 'json/hole.json',
     '{{"together":{{"models":[' + _JSON + '{{"id":"x"}}],"openai":{{"stop":["}}"],\n"api_key":"{_hex}"}}}}}}'),
)

results, test_case = make_tests(CASES)
