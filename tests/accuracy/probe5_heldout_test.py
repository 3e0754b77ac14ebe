"""A fifth held-out probe (session 9): the legacy-key forms probe4 left
missed -- a shell command substitution that only prints the key
(``$(echo <key>)``, backticks, ``$(printf %s <key>)``), a Ruby heredoc
value, a YAML comment between a name and its value, 1Password's CLI
(``op item create ... --title "Together AI" credential=<key>``), llm's
``--key`` beside a ``together/`` model -- and the decoys beside them:
the same shapes for other names, digests, models and titles, and a
``{"name": "together", "key": <hex>}`` entry in a list of content hashes.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

LEAKS = key_cases(
    # -- 1. shell command substitution that only prints the key -------------
    ('shell-subst-echo', 'scripts/env.sh', '''\
export TOGETHER_API_KEY=$(echo {hex})
'''),
    ('shell-subst-echo-quoted', 'scripts/env2.sh', '''\
TOGETHER_API_KEY="$(echo -n '{hex}')"
'''),
    ('shell-subst-backticks', 'scripts/legacy.sh', '''\
TOGETHER_API_KEY=\x60echo {hex}\x60
'''),
    ('shell-subst-printf', 'scripts/ci.sh', '''\
export TOGETHER_API_KEY="$(printf %s {hex})"
'''),
    ('shell-subst-printf-quoted-format', 'scripts/ci2.sh', '''\
TOGETHER_API_KEY=$(printf '%s' "{hex}")
'''),
    # -- 2. Ruby heredoc ------------------------------------------------------
    ('ruby-heredoc-squiggly', 'config/initializers/together.rb', '''\
TOGETHER_API_KEY = <<~KEY
  {hex}
KEY
'''),
    ('ruby-heredoc-dash-chomp', 'lib/keys.rb', '''\
together_api_key = <<-EOS.chomp
    {hex}
    EOS
'''),
    # -- 3. YAML comments between name and value ------------------------------
    ('yaml-comment-after-name', 'config/secrets.yml', '''\
together_api_key: # rotated 2025-01
  {hex}
'''),
    ('yaml-comment-line-between', 'deploy/values.yaml', '''\
env:
  TOGETHER_API_KEY:
    # prod
    {hex}
'''),
    ('yaml-comment-lines-quoted', 'deploy/values-stg.yaml', '''\
TOGETHER_API_KEY:
  # staging key
  # rotate quarterly
  "{hex}"
'''),
    # -- 4. 1Password CLI -----------------------------------------------------
    ('op-item-create-title', 'scripts/store_key.sh', '''\
op item create --category "API Credential" --title "Together AI" credential={hex}
'''),
    ('op-item-create-title-after', 'docs/ops.md', '''\
    op item create --category="API Credential" --vault Dev 'credential[password]={hex}' --title=together
'''),
    # -- 5. llm's --key with a together/ model --------------------------------
    ('llm-key-flag-together-model', 'notes/try.sh', '''\
llm -m together/meta-llama/Llama-3-8b-chat-hf --key {hex} 'Say hi'
'''),
    ('llm-key-flag-before-model', 'notes/try2.sh', '''\
llm --key={hex} -m together/mistralai/Mixtral-8x7B-Instruct-v0.1 "hello"
'''),
    # -- 6. a providers list stays a key --------------------------------------
    ('providers-list-name-key', 'config/providers.json', '''\
{{"providers": [{{"name": "openai", "key": "${{OPENAI_API_KEY}}"}},
               {{"name":"together","key":"{hex}"}}]}}
'''),
    ('credentials-list-name-key', 'config/credentials.json', '''\
{{
  "credentials": [
    {{"name": "together", "key": "{hex}"}}
  ]
}}
'''),
)

DECOYS = key_cases(
    # 1. substitutions of another name or a digest command
    ('decoy-shell-subst-other-name', 'scripts/d1.sh', '''\
export OPENAI_API_KEY=$(echo {_hex})  # together later
'''),
    ('decoy-shell-subst-sha', 'scripts/d2.sh', '''\
TOGETHER_API_KEY_SHA256=$(echo {_hex})
'''),
    ('decoy-shell-subst-sha256sum', 'scripts/d3.sh', '''\
TOGETHER_API_KEY=$(echo {_hex} | sha256sum)
'''),
    # 2. a Ruby heredoc of another name
    ('decoy-ruby-heredoc-digest', 'lib/d.rb', '''\
TOGETHER_ARCHIVE_SHA256 = <<~SHA
  {_hex}
SHA
'''),
    # 3. a YAML comment between a digest name and its value
    ('decoy-yaml-comment-digest', 'config/d.yml', '''\
together_api_key_sha256: # pinned
  {_hex}
'''),
    ('decoy-yaml-comment-checksums', 'config/d2.yml', '''\
checksums:
  together:
    # release 1.3.0
    {_hex}
'''),
    # 4. 1Password items for another service, or a digest field
    ('decoy-op-item-other-title', 'scripts/d4.sh', '''\
op item create --category "API Credential" --title "OpenAI" credential={_hex}  # together later
'''),
    ('decoy-op-item-together-notes-sha', 'scripts/d5.sh', '''\
op item create --category "Document" --title "Together AI" sha256={_hex}
'''),
    # 5. --key with another provider's model
    ('decoy-llm-key-other-model', 'notes/d.sh', '''\
llm -m gpt-4o --key {_hex} 'work together'
'''),
    ('decoy-llm-key-other-line', 'notes/d2.sh', '''\
llm -m gpt-4o --key {_hex} 'hi'
llm -m together/meta-llama/Llama-3-8b-chat-hf 'hi'
'''),
    # 6. a list of content hashes of files named together
    ('decoy-hash-list-name-key', 'build/content-hashes.json', '''\
{{
  "content_hashes": [
    {{"name": "together", "key": "{_hex}"}},
    {{"name": "apart", "key": "{_hex2}"}}
  ]
}}
'''),
    ('decoy-etag-list-name-key', 'cache/etags.json', '''\
{{"etags": [{{"name":"together","key":"{_hex}"}}, {{"name":"readme","key":"{_hex2}"}}]}}
'''),
    ('decoy-sibling-digest-name-key', 'cache/files.json', '''\
[
  {{"name": "together", "key": "{_hex}", "sha256": "{_hex2}"}}
]
'''),
)

CASES = LEAKS + DECOYS

results, test_case = make_tests(CASES)
