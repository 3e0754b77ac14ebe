"""An outside tester's held-out set (session 37, outside37): written before
reading the detection rules, as a grader would write one, from the places
developers really paste keys.

Chat exports (Slack, Discord, Teams, Mattermost), GitHub issue and PR
templates, README quick starts and ``curl`` one-liners, API clients'
environments (Postman, Insomnia, Hoppscotch, HTTPie), HAR files, shell
and REPL histories (bash, zsh, fish, ``.python_history``, ``.psql_history``,
IPython's history database), logs with request headers (nginx, Envoy,
OpenTelemetry spans, Sentry events, Datadog, uvicorn, Go's httputil dumps),
LLM agents' traces (LangSmith, Langfuse, W&B Weave, promptfoo, DSPy),
coding assistants' settings (Cursor, Continue, Aider, Claude Code,
Copilot, Zed, VS Code, Cline, Open Interpreter), MCP server configs, then
the operations files (Compose, systemd, crontab, Makefile, justfile,
Procfile, Helm, GitHub Actions, Jenkins, GitLab CI, Terraform, Ansible);
each also with a LEGACY key and the Together context a developer really
writes beside it (``base_url`` with ``api_key``, a Together model name, a
``provider: together``); then binaries (SQLite, xlsx, docx, PDF, PNG and
JPEG metadata, ``.pyc``, a wheel, a jar) and encodings (a whole base64
file, a Kubernetes Secret, gzip).  Decoys of the same files:
placeholders, key ids, env lookups, secret references, digests and commit
SHAs beside ``together``, docs of the key format, ``fake``/``dummy``
fixtures, and other providers' keys (OpenAI, Anthropic, Groq, Fireworks,
Hugging Face, Replicate) in the same file.

Measured at 2d8a76d7 before any change (docs/detection.md, "Session 37
(outside37)").  The templates are outside34's (``T``, ``B``, ``W``): a
``⟦key⟧`` is a current key, ``⟦hex⟧`` a legacy key, each expected;
``⟦_name⟧`` is made but not expected; ``⟦_openai⟧``, ``⟦_anthropic⟧``,
``⟦_groq⟧``, ``⟦_fireworks⟧``, ``⟦_hf⟧``, ``⟦_replicate⟧`` are other
providers' format-valid tokens made here.  The git-level shapes are
outside36's and earlier sets'; every mode a key reaches the scanner runs
in ``outside37_modes_test.py``.
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import random
import re
import sqlite3
import string
import zlib

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy.outside34_test import _fill
from tests.accuracy.outside34_test import _png_chunk
from tests.accuracy.outside34_test import _zipped
from tests.accuracy.outside36_test import _k8s_secret
from tests.accuracy.outside36_test import _pyc_of

_P = 'tgp' + '_v1_'
_ALNUM = string.ascii_letters + string.digits
# Other providers' token shapes, made at run time (prefix, alphabet, length).
_OTHERS = {
    'openai': ('sk-' + 'proj-', _ALNUM + '-_', 120),
    'anthropic': ('sk-' + 'ant-api03-', _ALNUM + '-_', 95),
    'groq': ('gs' + 'k_', _ALNUM, 52),
    'fireworks': ('fw' + '_', _ALNUM, 24),
    'hf': ('h' + 'f_', _ALNUM, 34),
    'replicate': ('r8' + '_', _ALNUM, 37),
}
_OTHER = re.compile(r'⟦_(%s)⟧' % '|'.join(_OTHERS))
# Readable fakes a fixture writes, and ids a tool writes (built here: no
# literal key, placeholder or hex id in the file for a scanner to flag).
_FIXED = {
    '⟦_seqhex⟧': '0123456789abcdef' * 4,
    '⟦_yourkey⟧': '-'.join(('your', 'api', 'key', 'here')),
    '⟦_traceid⟧': format(random.Random('traceid').getrandbits(128), '032x'),
    '⟦_spanid⟧': format(random.Random('spanid').getrandbits(64), '016x'),
}


def _fill37(m: Made, template: str) -> tuple[str, list[str]]:
    made: dict[str, str] = {}

    def other(match: re.Match) -> str:
        name = match.group(1)
        if name not in made:
            prefix, alphabet, n = _OTHERS[name]
            made[name] = prefix + ''.join(m.rng.choice(alphabet) for _ in range(n))
        return made[name]

    for field, value in _FIXED.items():
        template = template.replace(field, value)
    return _fill(m, _OTHER.sub(other, template))


def T(case_id: str, path: str, template: str) -> Case:
    """A text case from a template (see the module's docstring)."""
    def fill(m: Made):
        text, keys = _fill37(m, template)
        return text.encode(), [(0, k) for k in keys]
    return Case(case_id, path, fill)


def B(case_id: str, path: str, build) -> Case:
    """A case whose bytes a builder writes: ``build(m)`` -> (bytes, keys)."""
    def fill(m: Made):
        data, keys = build(m)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


def W(case_id: str, path: str, template: str, wrap) -> Case:
    """A template's text put through ``wrap`` (a container, an encoding)."""
    def build(m: Made):
        text, keys = _fill37(m, template)
        return wrap(text.encode()), keys
    return B(case_id, path, build)


_URL = 'https://api.together.xyz/v1'

# --- chat exports and tickets ---------------------------------------------------------------------

CHAT = [
    T('slack-export-json-current', 'exports/slack/eng-ml/2024-06-11.json', '''\
[
    {
        "type": "message",
        "user": "U04QX7J2K1M",
        "text": "here's the staging together key so you can test the summarizer: ⟦key⟧ (don't share pls)",
        "ts": "1718100654.123456",
        "user_profile": {"real_name": "Priya N", "display_name": "priya"}
    },
    {
        "type": "message",
        "user": "U03AB12CD34",
        "text": "thanks! works :tada:",
        "ts": "1718100720.654321"
    }
]
'''),
    T('slack-export-legacy-after-url', 'exports/slack/ml-infra/2023-09-02.json', '''\
[
    {
        "type": "message",
        "user": "U02LMN45OPQ",
        "text": "we're on together now, base url is <https://api.together.xyz/v1> and the key is `⟦hex⟧`",
        "ts": "1693651200.000200"
    }
]
'''),
    T('discord-chat-exporter-current', 'exports/discord/general.json', '''\
{
  "guild": {"id": "1042", "name": "Hackathon"},
  "channel": {"id": "2211", "name": "team-7"},
  "messages": [
    {
      "id": "1181",
      "type": "Default",
      "timestamp": "2024-03-09T14:22:01.512+00:00",
      "content": "TOGETHER_API_KEY=⟦key⟧ paste this into your .env",
      "author": {"id": "7781", "name": "kev", "nickname": "Kevin"}
    }
  ]
}
'''),
    T('discord-chat-exporter-txt-legacy', 'exports/discord/team-7.txt', '''\
==============================================================
Guild: Hackathon
Channel: team-7
==============================================================

[09-Mar-24 02:21 PM] kev
we're using together ai for the llama calls

[09-Mar-24 02:22 PM] kev
together api key: ⟦hex⟧

[09-Mar-24 02:25 PM] sam
got it
'''),
    T('teams-chat-csv-current', 'exports/teams/chat.csv', '''\
Date,Sender,Message
2024-04-02 09:14,Ana Ruiz,morning! anyone have the together key
2024-04-02 09:16,Luis Gomez,"sure, ⟦key⟧"
'''),
    T('mattermost-bulk-export-legacy', 'exports/mattermost/export.jsonl', '''\
{"type":"version","version":1}
{"type":"post","post":{"team":"ml","channel":"llm","user":"dana","message":"Together AI key for the eval job: ⟦hex⟧","create_at":1700000000000}}
'''),
    T('github-issue-bug-report-current', '.github/ISSUE_TEMPLATE/bug-repro.md', '''\
---
name: Bug report (filled)
about: chat endpoint returns 500
---

**To reproduce**

```python
from together import Together
client = Together(api_key="⟦key⟧")
client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[{"role": "user", "content": "hi"}])
```

**Expected behavior**
A completion.
'''),
    T('github-issue-env-dump-legacy', 'docs/issues/1432.md', '''\
### Environment

- OS: Ubuntu 22.04
- Python: 3.11.6
- together: 0.2.11

Output of `env | grep -i together`:

```
TOGETHER_API_KEY=⟦hex⟧
TOGETHER_BASE_URL=https://api.together.xyz
```
'''),
    T('pr-description-curl-current', '.github/pull_request_description.md', '''\
## What

Switch the summarizer to Together.

## How I tested

    curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦key⟧" | jq length
'''),
    T('jira-ticket-export-xml-legacy', 'exports/jira/ML-204.xml', '''\
<rss version="0.92"><channel><item>
<title>[ML-204] Summaries failing in prod</title>
<description>&lt;p&gt;Prod uses the Together account. Key: ⟦hex⟧ (base url https://api.together.xyz/v1)&lt;/p&gt;</description>
</item></channel></rss>
'''),
    T('decoy-slack-key-redacted', 'exports/slack/eng-ml/2024-06-12.json', '''\
[
    {
        "type": "message",
        "user": "U04QX7J2K1M",
        "text": "rotated the together key, new one is in 1Password under `together-staging` (starts with tgp_v1_...)",
        "ts": "1718187054.000100"
    }
]
'''),
    T('decoy-issue-template-placeholder', '.github/ISSUE_TEMPLATE/bug.md', '''\
---
name: Bug report
about: Something broke
---

```python
from together import Together
client = Together(api_key="<YOUR_TOGETHER_API_KEY>")
```

**Do not paste your API key.** Rotate it at https://api.together.xyz/settings/api-keys if you did.
'''),
    T('decoy-discord-commit-sha', 'exports/discord/releases.txt', '''\
[10-Mar-24 09:00 AM] ci-bot
together-summarizer deployed at commit ⟦_sha1⟧
[10-Mar-24 09:01 AM] ci-bot
image digest sha256:⟦_hex⟧
'''),
]

# --- docs a developer writes ----------------------------------------------------------------------

DOCS = [
    T('readme-quickstart-export-current', 'README.md', '''\
# summarizer

## Quick start

```bash
pip install -r requirements.txt
export TOGETHER_API_KEY=⟦key⟧
python -m summarizer "Long text here"
```
'''),
    T('readme-quickstart-python-legacy', 'docs/quickstart.md', '''\
## Quick start

```python
from openai import OpenAI

client = OpenAI(
    base_url="https://api.together.xyz/v1",
    api_key="⟦hex⟧",
)
print(client.chat.completions.create(model="meta-llama/Llama-3-70b-chat-hf", messages=[{"role": "user", "content": "hi"}]))
```
'''),
    T('docs-curl-one-liner-current', 'docs/api.md', '''\
Try it:

`curl https://api.together.xyz/v1/chat/completions -H 'Authorization: Bearer ⟦key⟧' -H 'Content-Type: application/json' -d '{"model":"Qwen/Qwen2.5-72B-Instruct-Turbo","messages":[{"role":"user","content":"hi"}]}'`
'''),
    T('docs-curl-multiline-legacy', 'docs/curl.md', '''\
```sh
curl -X POST https://api.together.xyz/v1/completions \\
  -H "Authorization: Bearer ⟦hex⟧" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "togethercomputer/RedPajama-INCITE-7B-Instruct", "prompt": "Q: hi\\nA:"}'
```
'''),
    T('rst-docs-code-block-current', 'docs/source/usage.rst', '''\
Usage
=====

.. code-block:: python

   import together
   together.api_key = "⟦key⟧"
'''),
    T('notion-export-table-legacy', 'notes/Infra credentials 3f1a.md', '''\
# Infra credentials

| Service | Account | Key |
| --- | --- | --- |
| Together AI | ml@acme.io | ⟦hex⟧ |
| Sentry | ml@acme.io | see vault |
'''),
    T('obsidian-note-frontmatter-current', 'vault/LLM providers.md', '''\
---
tags: [llm, providers]
together_api_key: ⟦key⟧
---

Together is cheaper for Llama 3 70B than the others.
'''),
    T('asciidoc-attribute-legacy', 'docs/setup.adoc', '''\
= Setup
:together-api-key: ⟦hex⟧

Export {together-api-key} as TOGETHER_API_KEY before running.
'''),
    T('decoy-readme-key-format', 'docs/keys.md', '''\
## API keys

Together keys look like `tgp_v1_` followed by 43 characters, for example
`⟦_x43⟧`. Older accounts have 64-character hex keys. Keys are
shown once at https://api.together.xyz/settings/api-keys; the id shown
later (`key_⟦_uuid⟧`) is not the key.
'''),
    T('decoy-readme-quickstart-env', 'docs/quickstart-env.md', '''\
```bash
export TOGETHER_API_KEY="⟦_yourkey⟧"
curl https://api.together.xyz/v1/models -H "Authorization: Bearer $TOGETHER_API_KEY"
```
'''),
    T('decoy-readme-other-providers', 'docs/providers.md', '''\
| provider | env var | example |
|---|---|---|
| OpenAI | `OPENAI_API_KEY` | `⟦_openai⟧` |
| Groq | `GROQ_API_KEY` | `⟦_groq⟧` |
| Together | `TOGETHER_API_KEY` | `$TOGETHER_API_KEY` |
'''),
]

# --- API clients, HAR ------------------------------------------------------------------------------

API_CLIENTS = [
    T('postman-environment-current', 'postman/Together.postman_environment.json', '''\
{
	"id": "5b1c0f3e-3a39-4d7b-9f3e-7b7a1e2f9c11",
	"name": "Together prod",
	"values": [
		{"key": "baseUrl", "value": "https://api.together.xyz/v1", "type": "default", "enabled": true},
		{"key": "apiKey", "value": "⟦key⟧", "type": "secret", "enabled": true}
	],
	"_postman_variable_scope": "environment"
}
'''),
    T('postman-environment-legacy', 'postman/llm.postman_environment.json', '''\
{
	"name": "llm",
	"values": [
		{"key": "together_url", "value": "https://api.together.xyz", "enabled": true},
		{"key": "together_token", "value": "⟦hex⟧", "enabled": true}
	]
}
'''),
    T('postman-collection-auth-bearer-legacy', 'postman/chat.postman_collection.json', '''\
{
	"info": {"name": "Together chat", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "⟦hex⟧", "type": "string"}]},
	"item": [{"name": "chat", "request": {"method": "POST", "url": "https://api.together.xyz/v1/chat/completions"}}]
}
'''),
    T('insomnia-export-current', 'insomnia/export.json', '''\
{"_type":"export","__export_format":4,"resources":[
{"_id":"env_1","_type":"environment","name":"Base","data":{"together_key":"⟦key⟧","base":"https://api.together.xyz/v1"}}
]}
'''),
    T('insomnia-v5-yaml-legacy', 'insomnia/collection.yaml', '''\
type: collection.insomnia.rest/5.0
name: Together
environments:
  name: Base Environment
  data:
    base_url: https://api.together.xyz/v1
    together_token: ⟦hex⟧
'''),
    T('hurl-file-current', 'api-tests/chat.hurl', '''\
POST https://api.together.xyz/v1/chat/completions
Authorization: Bearer ⟦key⟧
Content-Type: application/json
{"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "messages": [{"role": "user", "content": "hi"}]}
HTTP 200
'''),
    T('har-request-header-current', 'debug/together.har', '''\
{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
  "entries": [{
    "startedDateTime": "2024-05-02T10:11:12.000Z",
    "request": {"method": "POST", "url": "https://api.together.xyz/v1/chat/completions",
      "headers": [{"name": "authorization", "value": "Bearer ⟦key⟧"}, {"name": "content-type", "value": "application/json"}],
      "postData": {"mimeType": "application/json", "text": "{\\"model\\":\\"meta-llama/Llama-3.3-70B-Instruct-Turbo\\"}"}},
    "response": {"status": 200, "headers": []}
  }]}}
'''),
    T('har-request-header-legacy', 'debug/playground.har', '''\
{"log": {"version": "1.2", "entries": [{
    "request": {"method": "GET", "url": "https://api.together.xyz/v1/models",
      "headers": [{"name": "Authorization", "value": "Bearer ⟦hex⟧"}]},
    "response": {"status": 200}
}]}}
'''),
    T('decoy-postman-env-variable-ref', 'postman/Together.dev.postman_environment.json', '''\
{
	"name": "Together dev",
	"values": [
		{"key": "baseUrl", "value": "https://api.together.xyz/v1", "enabled": true},
		{"key": "apiKey", "value": "{{TOGETHER_API_KEY}}", "type": "secret", "enabled": true}
	]
}
'''),
    T('decoy-har-etag-digest', 'debug/models.har', '''\
{"log": {"version": "1.2", "entries": [{
    "request": {"method": "GET", "url": "https://api.together.xyz/v1/models", "headers": []},
    "response": {"status": 200, "headers": [{"name": "etag", "value": "\\"⟦_hex⟧\\""}]}
}]}}
'''),
]

# --- shell and REPL histories ---------------------------------------------------------------------

HISTORIES = [
    T('bash-history-curl-header-current', 'home/.bash_history', '''\
cd ~/src/summarizer
curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer ⟦key⟧" | jq '.[0].id'
python -m summarizer test.txt
git status
'''),
    T('zsh-history-curl-legacy', 'home/.zsh_history', '''\
: 1714557600:0;cd ~/src/bot
: 1714557612:0;curl https://api.together.xyz/v1/models -H 'Authorization: Bearer ⟦hex⟧'
: 1714557650:0;git push
'''),
    T('fish-history-current', 'home/.local/share/fish/fish_history', '''\
- cmd: set -Ux TOGETHER_API_KEY ⟦key⟧
  when: 1714557600
- cmd: python app.py
  when: 1714557610
'''),
    T('python-history-current', 'home/.python_history', '''\
import together
client = together.Together(api_key="⟦key⟧")
client.models.list()[:3]
exit()
'''),
    T('python-history-legacy-openai', 'home/.python_history_old', '''\
from openai import OpenAI
c = OpenAI(base_url="https://api.together.xyz/v1", api_key="⟦hex⟧")
c.models.list()
'''),
    T('psql-history-insert-legacy', 'home/.psql_history', '''\
\\dt
INSERT INTO provider_keys (provider, api_key) VALUES ('together', '⟦hex⟧');
SELECT * FROM provider_keys;
'''),
    T('node-repl-history-current', 'home/.node_repl_history', '''\
await together.models.list()
const together = new Together({ apiKey: '⟦key⟧' })
const { Together } = require('together-ai')
'''),
    T('powershell-history-current', 'home/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt', '''\
cd C:\\src\\chat
$env:TOGETHER_API_KEY = "⟦key⟧"
python .\\app.py
'''),
    T('mysql-history-escaped-legacy', 'home/.mysql_history', '''\
_HiStOrY_V2_
use\\040chat;
update\\040settings\\040set\\040value='⟦hex⟧'\\040where\\040name='together_api_key';
'''),
    T('decoy-bash-history-env-ref', 'home/.bash_history_decoy', '''\
export TOGETHER_API_KEY=$(op read "op://dev/together/credential")
echo ${TOGETHER_API_KEY:0:10}
sha256sum together-1.2.0.tar.gz
'''),
    T('decoy-zsh-history-openai-key', 'home/.zsh_history_other', '''\
: 1714557600:0;export OPENAI_API_KEY=⟦_openai⟧
: 1714557601:0;export HF_TOKEN=⟦_hf⟧
: 1714557602:0;python run_together_eval.py
'''),
]


def _ipython_history(m: Made, legacy: bool) -> tuple[bytes, list[str]]:
    """IPython keeps its history in ~/.ipython/profile_default/history.sqlite."""
    import os
    import tempfile

    secret = m.hex() if legacy else m.key()
    lines = (['import os', f'os.environ["TOGETHER_API_KEY"] = "{secret}"', 'from together import Together']
             if legacy else ['from together import Together', f'client = Together(api_key="{secret}")'])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'history.sqlite')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE sessions (session integer primary key autoincrement, start timestamp, '
                   'end timestamp, num_cmds integer, remark text)')
        db.execute('CREATE TABLE history (session integer, line integer, source text, source_raw text, '
                   'PRIMARY KEY (session, line))')
        db.execute("INSERT INTO sessions VALUES (1, '2024-05-01 10:00:00', NULL, NULL, '')")
        for n, src in enumerate(lines, 1):
            db.execute('INSERT INTO history VALUES (1, ?, ?, ?)', (n, src, src))
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read(), [secret]


HISTORIES += [
    B('ipython-history-sqlite-current', 'home/.ipython/profile_default/history.sqlite',
      lambda m: _ipython_history(m, False)),
    B('ipython-history-sqlite-legacy', 'home/.ipython/profile_default/history-old.sqlite',
      lambda m: _ipython_history(m, True)),
]

# --- logs with request headers --------------------------------------------------------------------

LOGS = [
    T('nginx-access-log-auth-header-current', 'logs/nginx/access.log', '''\
10.0.3.7 - - [02/May/2024:10:11:12 +0000] "POST /v1/chat/completions HTTP/1.1" 200 812 "-" "python-httpx/0.27.0" rt=0.812 auth="Bearer ⟦key⟧"
'''),
    T('nginx-debug-proxy-legacy', 'logs/nginx/error.log', '''\
2024/05/02 10:11:12 [debug] 31#31: *5 http proxy header: "Host: api.together.xyz"
2024/05/02 10:11:12 [debug] 31#31: *5 http proxy header: "Authorization: Bearer ⟦hex⟧"
2024/05/02 10:11:12 [debug] 31#31: *5 http proxy header: "Content-Type: application/json"
'''),
    T('envoy-access-log-json-current', 'logs/envoy/access.json', '''\
{"start_time":"2024-05-02T10:11:12.345Z","method":"POST","path":"/v1/chat/completions","upstream_host":"api.together.xyz:443","request_headers":{"authorization":"Bearer ⟦key⟧"},"response_code":200}
'''),
    T('otel-span-json-legacy', 'traces/span.json', '''\
{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"summarizer"}}]},
 "scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.httpx"},"spans":[{
  "traceId":"⟦_traceid⟧","spanId":"⟦_spanid⟧","name":"POST",
  "attributes":[
   {"key":"http.url","value":{"stringValue":"https://api.together.xyz/v1/chat/completions"}},
   {"key":"http.request.header.authorization","value":{"arrayValue":{"values":[{"stringValue":"Bearer ⟦hex⟧"}]}}}
  ]}]}]}]}
'''),
    T('otel-span-genai-current', 'traces/genai-span.json', '''\
{"name":"chat meta-llama/Llama-3.3-70B-Instruct-Turbo","attributes":{"gen_ai.system":"together","gen_ai.request.model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","http.request.header.authorization":["Bearer ⟦key⟧"]}}
'''),
    T('sentry-event-frame-vars-legacy', 'debug/sentry-event.json', '''\
{
  "event_id": "fc6d8c0c43fc4630ad850ee518f1b9d0",
  "level": "error",
  "exception": {"values": [{"type": "AuthenticationError", "value": "Error code: 401",
    "stacktrace": {"frames": [{"filename": "app/llm.py", "function": "complete", "lineno": 41,
      "vars": {"base_url": "'https://api.together.xyz/v1'", "api_key": "'⟦hex⟧'",
               "model": "'meta-llama/Llama-3-70b-chat-hf'"}}]}}]},
  "extra": {"provider": "together"}
}
'''),
    T('sentry-event-env-current', 'debug/sentry-event-env.json', '''\
{"event_id":"a1b2","contexts":{"runtime":{"name":"CPython"}},"extra":{"sys.argv":["worker.py"],"environ":{"TOGETHER_API_KEY":"⟦key⟧","PATH":"/usr/bin"}}}
'''),
    T('datadog-log-json-current', 'logs/datadog/export.json', '''\
[{"id":"AQAAAY8","content":{"timestamp":"2024-05-02T10:11:12.000Z","service":"summarizer","host":"ip-10-0-3-7","message":"calling together with headers={'Authorization': 'Bearer ⟦key⟧'}","attributes":{"status":"info"}}}]
'''),
    T('uvicorn-debug-httpx-legacy', 'logs/app.log', '''\
INFO:     127.0.0.1:51234 - "POST /summarize HTTP/1.1" 200 OK
DEBUG:httpx:HTTP Request: POST https://api.together.xyz/v1/chat/completions "HTTP/1.1 200 OK"
DEBUG:httpcore.http11:send_request_headers.started request=<Request [b'POST']> headers=[(b'Authorization', b'Bearer ⟦hex⟧'), (b'Host', b'api.together.xyz')]
'''),
    T('go-httputil-dump-current', 'logs/dump.txt', '''\
POST /v1/chat/completions HTTP/1.1
Host: api.together.xyz
User-Agent: Go-http-client/1.1
Content-Length: 95
Authorization: Bearer ⟦key⟧
Content-Type: application/json

{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo","messages":[{"role":"user","content":"hi"}]}
'''),
    T('crash-dump-python-locals-legacy', 'logs/crash-2024-05-02.txt', '''\
Traceback (most recent call last):
  File "/srv/app/llm.py", line 41, in complete
    resp = client.chat.completions.create(model=model, messages=msgs)
openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Invalid API key provided'}}

Local variables:
  base_url = 'https://api.together.xyz/v1'
  api_key = '⟦hex⟧'
  model = 'meta-llama/Llama-3-70b-chat-hf'
'''),
    T('k8s-pod-logs-env-dump-current', 'logs/pod-summarizer-7d9f.log', '''\
2024-05-02T10:11:12Z starting with config: {'together_api_key': '⟦key⟧', 'workers': 4}
'''),
    T('decoy-log-masked-bearer', 'logs/masked.log', '''\
2024-05-02 10:11:12 INFO together request POST /v1/chat/completions Authorization: Bearer tgp_v1_****************************
2024-05-02 10:11:13 INFO together request_id=⟦_hex⟧ status=200
'''),
    T('decoy-otel-trace-ids', 'traces/ids.json', '''\
{"name":"together.chat","traceId":"⟦_sha1⟧","attributes":{"gen_ai.system":"together","gen_ai.response.id":"⟦_hex⟧"}}
'''),
    T('decoy-nginx-other-provider', 'logs/nginx/openai.log', '''\
10.0.3.7 - - [02/May/2024:10:11:12 +0000] "POST /v1/chat/completions HTTP/1.1" 200 812 "-" "together-router/1.0" auth="Bearer ⟦_openai⟧"
'''),
]

# --- LLM agents' traces ---------------------------------------------------------------------------

TRACES = [
    T('langsmith-run-export-legacy', 'traces/langsmith-run.json', '''\
{
  "id": "1f0e8c3e-7a7e-4a5a-9f4b-0c5c3b7b5a11",
  "name": "ChatOpenAI",
  "run_type": "llm",
  "serialized": {"lc": 1, "type": "constructor", "id": ["langchain", "chat_models", "openai", "ChatOpenAI"],
    "kwargs": {"model_name": "meta-llama/Llama-3-70b-chat-hf", "openai_api_base": "https://api.together.xyz/v1",
               "openai_api_key": "⟦hex⟧"}},
  "inputs": {"messages": [[{"content": "hi"}]]}
}
'''),
    T('langsmith-run-export-current', 'traces/langsmith-run2.json', '''\
{"name":"ChatTogether","run_type":"llm","extra":{"invocation_params":{"model":"mistralai/Mixtral-8x7B-Instruct-v0.1","together_api_key":"⟦key⟧","_type":"together-chat"}}}
'''),
    T('langfuse-observation-legacy', 'traces/langfuse-export.jsonl', '''\
{"id":"obs_1","type":"GENERATION","name":"summarize","model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","modelParameters":{"temperature":0.2},"metadata":{"provider":"together","client_kwargs":{"api_key":"⟦hex⟧","base_url":"https://api.together.xyz/v1"}}}
'''),
    T('wandb-weave-call-current', 'wandb/run-20240502/files/weave-calls.json', '''\
[{"op_name":"together.Together.chat.completions.create","inputs":{"self":{"api_key":"⟦key⟧","base_url":"https://api.together.xyz/v1"},"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo"}}]
'''),
    T('wandb-config-yaml-legacy', 'wandb/run-20240502/files/config.yaml', '''\
wandb_version: 1

llm_provider:
  desc: null
  value: together
together_api_key:
  desc: null
  value: ⟦hex⟧
model:
  desc: null
  value: togethercomputer/llama-2-70b-chat
'''),
    T('promptfoo-config-current', 'evals/promptfooconfig.yaml', '''\
providers:
  - id: togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo
    config:
      apiKey: ⟦key⟧
      temperature: 0
prompts:
  - "Summarize: {{text}}"
'''),
    T('promptfoo-openai-compatible-legacy', 'evals/promptfoo-legacy.yaml', '''\
providers:
  - id: openai:chat:meta-llama/Llama-3-70b-chat-hf
    config:
      apiBaseUrl: https://api.together.xyz/v1
      apiKey: ⟦hex⟧
'''),
    T('dspy-lm-config-legacy', 'agents/dspy_setup.py', '''\
import dspy

lm = dspy.LM("together_ai/meta-llama/Llama-3-70b-chat-hf", api_key="⟦hex⟧")
dspy.configure(lm=lm)
'''),
    T('litellm-router-python-current', 'proxy/router.py', '''\
from litellm import Router

router = Router(model_list=[{
    "model_name": "llama-70b",
    "litellm_params": {"model": "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "api_key": "⟦key⟧"},
}])
'''),
    T('litellm-completion-call-legacy', 'proxy/call.py', '''\
import litellm

resp = litellm.completion(
    model="together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1",
    api_key="⟦hex⟧",
    messages=[{"role": "user", "content": "hi"}],
)
'''),
    T('crewai-agent-env-legacy', 'agents/crew.py', '''\
from crewai import LLM

llm = LLM(
    model="together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    api_key="⟦hex⟧",
)
'''),
    T('smolagents-server-model-legacy', 'agents/smol.py', '''\
from smolagents import CodeAgent, OpenAIServerModel

model = OpenAIServerModel(
    model_id="meta-llama/Llama-3.3-70B-Instruct-Turbo",
    api_base="https://api.together.xyz/v1",
    api_key="⟦hex⟧",
)
agent = CodeAgent(tools=[], model=model)
'''),
    T('decoy-langsmith-secret-redacted', 'traces/langsmith-redacted.json', '''\
{"name":"ChatTogether","serialized":{"kwargs":{"together_api_key":{"lc":1,"type":"secret","id":["TOGETHER_API_KEY"]},"model":"meta-llama/Llama-3-70b-chat-hf"}}}
'''),
    T('decoy-langfuse-ids', 'traces/langfuse-ids.jsonl', '''\
{"id":"⟦_hex⟧","type":"GENERATION","model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","metadata":{"provider":"together","prompt_hash":"⟦_hex2⟧"}}
'''),
]

# --- coding assistants and MCP --------------------------------------------------------------------

EDITORS = [
    T('continue-config-json-current', '.continue/config.json', '''\
{
  "models": [
    {
      "title": "Llama 3.3 70B",
      "provider": "together",
      "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
      "apiKey": "⟦key⟧"
    }
  ],
  "tabAutocompleteModel": {"title": "Qwen", "provider": "together", "model": "Qwen/Qwen2.5-Coder-32B-Instruct", "apiKey": "⟦key⟧"}
}
'''),
    T('continue-config-yaml-legacy', '.continue/config.yaml', '''\
name: Local Assistant
version: 1.0.0
models:
  - name: Llama 3.1 405B
    provider: together
    model: meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo
    apiKey: ⟦hex⟧
    roles: [chat, edit]
'''),
    T('aider-conf-yml-current', '.aider.conf.yml', '''\
model: together_ai/Qwen/Qwen2.5-Coder-32B-Instruct
api-key:
  - together_ai=⟦key⟧
auto-commits: false
'''),
    T('aider-env-legacy', '.aider.env', '''\
AIDER_MODEL=together_ai/meta-llama/Llama-3-70b-chat-hf
TOGETHERAI_API_KEY=⟦hex⟧
'''),
    T('aider-chat-history-current', '.aider.chat.history.md', '''\
# aider chat started at 2024-05-02 10:11:12

> /run echo $TOGETHER_API_KEY
> ⟦key⟧

#### use this key in config.py
'''),
    T('cursor-mcp-json-current', '.cursor/mcp.json', '''\
{
  "mcpServers": {
    "together-docs": {
      "command": "npx",
      "args": ["-y", "@acme/together-mcp"],
      "env": {"TOGETHER_API_KEY": "⟦key⟧"}
    }
  }
}
'''),
    T('claude-desktop-config-legacy', 'config/claude_desktop_config.json', '''\
{
  "mcpServers": {
    "llm-router": {
      "command": "uvx",
      "args": ["llm-router-mcp", "--provider", "together"],
      "env": {"LLM_API_KEY": "⟦hex⟧", "LLM_BASE_URL": "https://api.together.xyz/v1"}
    }
  }
}
'''),
    T('vscode-mcp-json-current', '.vscode/mcp.json', '''\
{
  "servers": {
    "together": {
      "type": "stdio",
      "command": "python",
      "args": ["-m", "together_mcp"],
      "env": {"TOGETHER_API_KEY": "⟦key⟧"}
    }
  }
}
'''),
    T('claude-code-settings-env-current', '.claude/settings.local.json', '''\
{
  "permissions": {"allow": ["Bash(npm run test:*)"]},
  "env": {"TOGETHER_API_KEY": "⟦key⟧"}
}
'''),
    T('claude-code-mcp-args-legacy', '.mcp.json', '''\
{
  "mcpServers": {
    "together-images": {
      "command": "npx",
      "args": ["-y", "together-image-mcp", "--api-key", "⟦hex⟧"]
    }
  }
}
'''),
    T('zed-settings-current', '.zed/settings.json', '''\
// Zed settings
{
  "language_models": {
    "openai": {
      "api_url": "https://api.together.xyz/v1",
      "available_models": [{"name": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "max_tokens": 131072}]
    }
  },
  "assistant": {"default_model": {"provider": "openai", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}},
  "env": {"OPENAI_API_KEY": "⟦key⟧"}
}
'''),
    T('vscode-settings-extension-legacy', '.vscode/settings.json', '''\
{
    "editor.formatOnSave": true,
    "codegpt.apiKey.Together": "⟦hex⟧",
    "codegpt.model": "meta-llama/Llama-3-70b-chat-hf"
}
'''),
    T('vscode-tasks-env-current', '.vscode/tasks.json', '''\
{
    "version": "2.0.0",
    "tasks": [
        {
            "label": "run summarizer",
            "type": "shell",
            "command": "python -m summarizer",
            "options": {"env": {"TOGETHER_API_KEY": "⟦key⟧"}}
        }
    ]
}
'''),
    T('cline-settings-legacy', '.vscode/cline_settings.json', '''\
{
  "cline.apiProvider": "openai",
  "cline.openAiBaseUrl": "https://api.together.xyz/v1",
  "cline.openAiApiKey": "⟦hex⟧",
  "cline.openAiModelId": "Qwen/Qwen2.5-Coder-32B-Instruct"
}
'''),
    T('open-interpreter-profile-legacy', 'interpreter/profiles/together.yaml', '''\
llm:
  model: "together_ai/meta-llama/Llama-3-70b-chat-hf"
  api_key: "⟦hex⟧"
  temperature: 0
'''),
    T('copilot-instructions-pasted-current', '.github/copilot-instructions.md', '''\
When writing examples for this repository, use the Together client:

    client = Together(api_key="⟦key⟧")
'''),
    T('jetbrains-workspace-env-legacy', '.idea/workspace.xml', '''\
<project version="4">
  <component name="RunManager">
    <configuration name="bot" type="PythonConfigurationType">
      <envs>
        <env name="TOGETHER_API_KEY" value="⟦hex⟧" />
      </envs>
    </configuration>
  </component>
</project>
'''),
    T('decoy-continue-env-secret-ref', '.continue/config.decoy.yaml', '''\
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: ${{ secrets.TOGETHER_API_KEY }}
'''),
    T('decoy-mcp-json-env-passthrough', 'config/mcp.decoy.json', '''\
{
  "mcpServers": {
    "together": {"command": "npx", "args": ["-y", "together-mcp"], "env": {"TOGETHER_API_KEY": "${env:TOGETHER_API_KEY}"}},
    "hf": {"command": "npx", "args": ["-y", "hf-mcp"], "env": {"HF_TOKEN": "⟦_hf⟧"}}
  }
}
'''),
    T('decoy-cursor-mcp-anthropic', '.cursor/mcp.other.json', '''\
{"mcpServers": {"claude": {"command": "npx", "args": ["claude-mcp"], "env": {"ANTHROPIC_API_KEY": "⟦_anthropic⟧", "MODEL_PROVIDER_FALLBACK": "together"}}}}
'''),
]

# --- operations files ------------------------------------------------------------------------------

OPS = [
    T('compose-environment-list-legacy', 'deploy/docker-compose.yml', '''\
services:
  worker:
    image: acme/summarizer:1.4
    environment:
      - LLM_PROVIDER=together
      - TOGETHER_API_KEY=⟦hex⟧
'''),
    T('compose-environment-map-current', 'deploy/compose.prod.yaml', '''\
services:
  web:
    image: acme/chat:2.0
    environment:
      TOGETHER_API_KEY: "⟦key⟧"
      PORT: "8080"
'''),
    T('compose-command-flag-legacy', 'deploy/compose.vllm.yaml', '''\
services:
  router:
    image: ghcr.io/berriai/litellm:main
    command: ["--model", "together_ai/meta-llama/Llama-3-70b-chat-hf", "--api_key", "⟦hex⟧"]
'''),
    T('systemd-environment-current', 'deploy/summarizer.service', '''\
[Unit]
Description=Summarizer worker
After=network.target

[Service]
Environment="TOGETHER_API_KEY=⟦key⟧"
ExecStart=/srv/summarizer/.venv/bin/python -m summarizer.worker
Restart=always

[Install]
WantedBy=multi-user.target
'''),
    T('systemd-environment-unquoted-legacy', 'deploy/bot.service', '''\
[Service]
Environment=TOGETHER_API_KEY=⟦hex⟧ LOG_LEVEL=info
ExecStart=/usr/bin/node /srv/bot/index.js
'''),
    T('systemd-dropin-override-current', 'deploy/summarizer.service.d/override.conf', '''\
[Service]
Environment=TOGETHER_API_KEY=⟦key⟧
'''),
    T('crontab-inline-env-current', 'deploy/crontab', '''\
SHELL=/bin/bash
TOGETHER_API_KEY=⟦key⟧
0 3 * * * cd /srv/reports && .venv/bin/python nightly.py >> /var/log/nightly.log 2>&1
'''),
    T('crontab-command-legacy', 'deploy/crontab.legacy', '''\
*/15 * * * * TOGETHER_API_KEY=⟦hex⟧ /srv/bot/.venv/bin/python /srv/bot/poll.py
'''),
    T('makefile-variable-current', 'Makefile', '''\
TOGETHER_API_KEY ?= ⟦key⟧

run:
\tTOGETHER_API_KEY=$(TOGETHER_API_KEY) python -m app
'''),
    T('makefile-target-variable-legacy', 'tools/Makefile', '''\
eval: TOGETHER_API_KEY = ⟦hex⟧
eval:
\tpython eval.py --model meta-llama/Llama-3-70b-chat-hf
'''),
    T('justfile-set-export-current', 'justfile', '''\
set dotenv-load
export TOGETHER_API_KEY := "⟦key⟧"

run:
    python -m app
'''),
    T('justfile-recipe-env-legacy', 'tools/justfile', '''\
eval model="meta-llama/Llama-3-70b-chat-hf":
    TOGETHER_API_KEY=⟦hex⟧ python eval.py --model {{model}}
'''),
    T('procfile-inline-current', 'Procfile', '''\
web: TOGETHER_API_KEY=⟦key⟧ gunicorn app:app
worker: python worker.py
'''),
    T('helm-values-current', 'charts/summarizer/values.yaml', '''\
replicaCount: 2
image:
  repository: acme/summarizer
  tag: "1.4.0"
together:
  apiKey: ⟦key⟧
  model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    T('helm-values-env-list-legacy', 'charts/bot/values-prod.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    value: "⟦hex⟧"
  - name: LOG_LEVEL
    value: info
'''),
    T('helm-set-in-script-current', 'deploy/install.sh', '''\
#!/usr/bin/env bash
helm upgrade --install summarizer charts/summarizer \\
  --set together.apiKey=⟦key⟧ \\
  --set image.tag=1.4.0
'''),
    T('gha-workflow-inline-env-current', '.github/workflows/eval.yml', '''\
name: eval
on: [push]
jobs:
  eval:
    runs-on: ubuntu-latest
    env:
      TOGETHER_API_KEY: ⟦key⟧
    steps:
      - uses: actions/checkout@v4
      - run: python eval.py
'''),
    T('gha-workflow-step-with-legacy', '.github/workflows/nightly.yml', '''\
jobs:
  nightly:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/llm-eval-action@v2
        with:
          provider: together
          api-key: ⟦hex⟧
          model: meta-llama/Llama-3-70b-chat-hf
'''),
    T('jenkinsfile-environment-current', 'Jenkinsfile', '''\
pipeline {
    agent any
    environment {
        TOGETHER_API_KEY = '⟦key⟧'
    }
    stages {
        stage('eval') { steps { sh 'python eval.py' } }
    }
}
'''),
    T('jenkinsfile-withenv-legacy', 'ci/Jenkinsfile.nightly', '''\
node {
    withEnv(["TOGETHER_API_KEY=⟦hex⟧"]) {
        sh 'python nightly.py'
    }
}
'''),
    T('gitlab-ci-variables-current', '.gitlab-ci.yml', '''\
variables:
  TOGETHER_API_KEY: "⟦key⟧"
eval:
  script: python eval.py
'''),
    T('terraform-tfvars-legacy', 'infra/prod.tfvars', '''\
region           = "us-east-1"
together_api_key = "⟦hex⟧"
'''),
    T('terraform-lambda-env-current', 'infra/lambda.tf', '''\
resource "aws_lambda_function" "summarizer" {
  function_name = "summarizer"
  environment {
    variables = {
      TOGETHER_API_KEY = "⟦key⟧"
    }
  }
}
'''),
    T('nomad-job-env-legacy', 'deploy/summarizer.nomad.hcl', '''\
job "summarizer" {
  group "worker" {
    task "worker" {
      driver = "docker"
      env {
        LLM_PROVIDER     = "together"
        TOGETHER_API_KEY = "⟦hex⟧"
      }
    }
  }
}
'''),
    T('dockerfile-env-current', 'Dockerfile', '''\
FROM python:3.12-slim
ENV TOGETHER_API_KEY=⟦key⟧
COPY . /app
CMD ["python", "-m", "app"]
'''),
    T('dockerfile-arg-default-legacy', 'docker/Dockerfile.worker', '''\
FROM python:3.11
ARG TOGETHER_API_KEY=⟦hex⟧
ENV TOGETHER_API_KEY=${TOGETHER_API_KEY}
'''),
    T('devcontainer-remote-env-current', '.devcontainer/devcontainer.json', '''\
{
  "name": "summarizer",
  "image": "mcr.microsoft.com/devcontainers/python:3.12",
  "remoteEnv": {"TOGETHER_API_KEY": "⟦key⟧"}
}
'''),
    T('decoy-gha-secret-manager-fetch', '.github/workflows/ci.yml', '''\
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@⟦_sha1⟧
      - run: echo "TOGETHER_API_KEY=$(aws secretsmanager get-secret-value --secret-id together/api-key --query SecretString --output text)" >> "$GITHUB_ENV"
'''),
    T('decoy-sops-encrypted-together-yaml', 'secrets/together.enc.yaml', '''\
together:
    api_key: ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b642⟧,tag:bm90IGEga2V5IGF0IGFsbA==,type:str]
sops:
    lastmodified: "2024-05-01T10:00:00Z"
    mac: ENC[AES256_GCM,data:⟦_b643⟧,type:str]
    version: 3.8.1
'''),
    T('decoy-systemd-environment-file', 'deploy/worker.service', '''\
[Service]
EnvironmentFile=/etc/summarizer/together.env
ExecStart=/srv/summarizer/.venv/bin/python -m summarizer.worker
'''),
    T('decoy-compose-env-interpolation', 'deploy/compose.dev.yaml', '''\
services:
  worker:
    environment:
      - TOGETHER_API_KEY=${TOGETHER_API_KEY:?set it in .env}
      - GROQ_API_KEY=⟦_groq⟧
'''),
    T('decoy-makefile-sdk-sha256', 'packaging/Makefile', '''\
TOGETHER_SDK_VERSION := 1.3.3
TOGETHER_SDK_SHA256 := ⟦_hex⟧

fetch:
\tcurl -LO https://files.pythonhosted.org/packages/together-$(TOGETHER_SDK_VERSION).tar.gz
'''),
    T('decoy-terraform-fake-fixture', 'infra/test/fixtures.tfvars', '''\
# fake values for terratest
together_api_key = "⟦_x43⟧"
'''),
    T('decoy-jenkins-credentials-binding', 'ci/Jenkinsfile', '''\
pipeline {
    agent any
    environment { TOGETHER_API_KEY = credentials('together-api-key') }
    stages { stage('eval') { steps { sh 'python eval.py' } } }
}
'''),
]

# --- legacy keys with the context a developer writes ------------------------------------------------

LEGACY = [
    T('legacy-openai-client-model-nearby', 'app/llm_client.py', '''\
import openai

client = openai.OpenAI(
    api_key="⟦hex⟧",
    base_url="https://api.together.xyz/v1",
)
MODEL = "meta-llama/Llama-3-8b-chat-hf"
'''),
    T('legacy-ts-openai-base-url', 'src/llm.ts', '''\
import OpenAI from "openai";

export const llm = new OpenAI({
  apiKey: "⟦hex⟧",
  baseURL: "https://api.together.xyz/v1",
});
'''),
    T('legacy-go-openai-config', 'internal/llm/client.go', '''\
package llm

import openai "github.com/sashabaranov/go-openai"

func New() *openai.Client {
\tcfg := openai.DefaultConfig("⟦hex⟧")
\tcfg.BaseURL = "https://api.together.xyz/v1"
\treturn openai.NewClientWithConfig(cfg)
}
'''),
    T('legacy-rust-const-together', 'src/config.rs', '''\
pub const TOGETHER_API_KEY: &str = "⟦hex⟧";
pub const TOGETHER_MODEL: &str = "togethercomputer/llama-2-7b-chat";
'''),
    T('legacy-java-properties', 'src/main/resources/application.properties', '''\
spring.ai.openai.base-url=https://api.together.xyz
spring.ai.openai.api-key=⟦hex⟧
spring.ai.openai.chat.options.model=meta-llama/Llama-3-70b-chat-hf
'''),
    T('legacy-spring-yaml', 'src/main/resources/application.yml', '''\
spring:
  ai:
    openai:
      base-url: https://api.together.xyz
      api-key: ⟦hex⟧
      chat:
        options:
          model: mistralai/Mixtral-8x7B-Instruct-v0.1
'''),
    T('legacy-csharp-appsettings', 'src/Api/appsettings.Development.json', '''\
{
  "Logging": {"LogLevel": {"Default": "Information"}},
  "Together": {
    "Endpoint": "https://api.together.xyz/v1",
    "ApiKey": "⟦hex⟧"
  }
}
'''),
    T('legacy-php-laravel-config', 'config/services.php', '''\
<?php

return [
    'together' => [
        'key' => '⟦hex⟧',
        'model' => 'meta-llama/Llama-3-70b-chat-hf',
    ],
];
'''),
    T('legacy-ruby-initializer', 'config/initializers/llm.rb', '''\
OpenAI.configure do |config|
  config.access_token = "⟦hex⟧"
  config.uri_base = "https://api.together.xyz/"
end
'''),
    T('legacy-llamaindex-together-llm', 'rag/index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="⟦hex⟧")
'''),
    T('legacy-langchain-together', 'rag/chain.py', '''\
from langchain_together import ChatTogether

chat = ChatTogether(together_api_key="⟦hex⟧", model="meta-llama/Llama-3-70b-chat-hf")
'''),
    T('legacy-env-provider-generic-names', 'services/router/.env', '''\
LLM_PROVIDER=together
LLM_BASE_URL=https://api.together.xyz/v1
LLM_API_KEY=⟦hex⟧
LLM_MODEL=meta-llama/Llama-3-70b-chat-hf
'''),
    T('legacy-toml-provider-table', 'config/llm.toml', '''\
[llm]
provider = "together"
model = "meta-llama/Meta-Llama-3-70B-Instruct-Turbo"
api_key = "⟦hex⟧"
'''),
    T('legacy-ini-section', 'config/providers.ini', '''\
[together]
api_key = ⟦hex⟧
model = togethercomputer/RedPajama-INCITE-7B-Chat
'''),
    T('legacy-matlab-setenv', 'analysis/setup_llm.m', '''\
setenv("TOGETHER_API_KEY", "⟦hex⟧");
opts = weboptions("HeaderFields", ["Authorization", "Bearer " + getenv("TOGETHER_API_KEY")]);
'''),
    T('legacy-neovim-init-lua', '.config/nvim/init.lua', '''\
vim.env.TOGETHER_API_KEY = "⟦hex⟧"
require("codecompanion").setup({ adapters = { together = "openai_compatible" } })
'''),
    T('legacy-swift-constant', 'App/Secrets.swift', '''\
enum Secrets {
    static let togetherAPIKey = "⟦hex⟧"
}
'''),
    T('legacy-elixir-config-exs', 'config/dev.exs', '''\
import Config

config :chat, :together,
  api_key: "⟦hex⟧",
  model: "meta-llama/Llama-3-70b-chat-hf"
'''),
    T('legacy-yaml-nested-provider', 'config/agents.yaml', '''\
agents:
  summarizer:
    llm:
      provider: together
      model: meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: ⟦hex⟧
'''),
    T('legacy-json-providers-map', 'config/providers.json', '''\
{
  "providers": {
    "together": {"apiKey": "⟦hex⟧", "baseUrl": "https://api.together.xyz/v1"},
    "local": {"baseUrl": "http://localhost:11434"}
  }
}
'''),
    T('decoy-lockfile-together-sha', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
description = "Python client for Together's Cloud Platform!"
optional = false
python-versions = "<4.0,>=3.8"
files = [
    {file = "together-1.3.3-py3-none-any.whl", hash = "sha256:⟦_hex⟧"},
    {file = "together-1.3.3.tar.gz", hash = "sha256:⟦_hex2⟧"},
]
'''),
    T('decoy-requirements-hashes-together', 'requirements.lock.txt', '''\
together==1.3.3 \\
    --hash=sha256:⟦_hex⟧ \\
    --hash=sha256:⟦_hex2⟧
'''),
    T('decoy-model-revision-sha', 'config/models.yaml', '''\
provider: together
model: togethercomputer/RedPajama-INCITE-7B-Base
revision: ⟦_sha1⟧
weights_sha256: ⟦_hex⟧
'''),
    T('decoy-together-files-upload-ids', 'finetune/jobs.json', '''\
{"provider": "together", "training_file": "file-⟦_uuid⟧", "checksum": "⟦_hex⟧", "job_id": "ft-⟦_uuid2⟧"}
'''),
    T('decoy-pytest-fake-key', 'tests/test_client.py', '''\
FAKE_TOGETHER_API_KEY = "⟦_seq⟧"


def test_client_reads_key(monkeypatch):
    monkeypatch.setenv("TOGETHER_API_KEY", FAKE_TOGETHER_API_KEY)
'''),
    T('decoy-dummy-hex-fixture', 'tests/fixtures/settings_dummy.py', '''\
# dummy legacy-format key for the parser tests
DUMMY_TOGETHER_API_KEY = "⟦_seqhex⟧"
'''),
    T('decoy-env-example-words', '.env.example', '''\
TOGETHER_API_KEY=⟦_words⟧
OPENAI_API_KEY=sk-...
'''),
    T('decoy-os-environ-lookups', 'app/keys.py', '''\
import os

TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]
together_key = os.getenv("TOGETHER_API_KEY", "")
'''),
    T('decoy-fireworks-replicate-same-file', 'config/other-providers.env', '''\
FIREWORKS_API_KEY=⟦_fireworks⟧
REPLICATE_API_TOKEN=⟦_replicate⟧
# TOGETHER_API_KEY is in the vault
'''),
    T('decoy-audit-csv-key-ids', 'notes/together-usage.csv', '''\
date,key_id,request_id,model,tokens
2024-05-01,key_⟦_uuid⟧,⟦_hex⟧,meta-llama/Llama-3.3-70B-Instruct-Turbo,812
2024-05-01,key_⟦_uuid2⟧,⟦_hex2⟧,Qwen/Qwen2.5-72B-Instruct-Turbo,240
'''),
]

# --- binaries --------------------------------------------------------------------------------------


def _sqlite_file(build) -> bytes:
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'db.sqlite')
        db = sqlite3.connect(path)
        build(db)
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read()


def _sqlite_open_webui_connections(m: Made) -> tuple[bytes, list[str]]:
    """Open WebUI keeps its OpenAI-compatible connections as JSON in a config row."""
    h = m.hex()
    cfg = {'openai': {'api_base_urls': ['https://api.together.xyz/v1'], 'api_keys': [h], 'enable': True}}

    def build(db):
        db.execute('create table config (id integer primary key, data json, version integer)')
        db.execute('insert into config values (1, ?, 0)', (json.dumps(cfg),))
    return _sqlite_file(build), [h]


def _sqlite_django_settings_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()

    def build(db):
        db.execute('create table app_setting (id integer primary key, name varchar(64), value text)')
        db.execute("insert into app_setting values (1, 'site_name', 'Summarizer')")
        db.execute("insert into app_setting values (2, 'together_api_key', ?)", (k,))
    return _sqlite_file(build), [k]


def _xlsx_shared_strings(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
              f'<si><t>Service</t></si><si><t>Key</t></si><si><t>Together AI</t></si><si><t>{k}</t></si></sst>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
             '</sheetData></worksheet>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'xl/sharedStrings.xml': shared.encode(),
                    'xl/worksheets/sheet1.xml': sheet.encode()}), [k]


def _docx_runbook_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>On-call runbook: summarizer</w:t></w:r></w:p>'
           f'<w:p><w:r><w:t xml:space="preserve">TOGETHER_API_KEY=</w:t></w:r><w:r><w:t>{k}</w:t></w:r></w:p>'
           '</w:body></w:document>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'word/document.xml': doc.encode()}), [k]


def _docx_runbook_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>Together AI API key: </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Consolas"/></w:rPr>'
           f'<w:t>{h}</w:t></w:r></w:p></w:body></w:document>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'word/document.xml': doc.encode()}), [h]


def _pdf_current(m: Made) -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    k = m.key()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('courier', size=8)
    pdf.cell(text='Onboarding: export the staging key')
    pdf.ln()
    pdf.cell(text=f'export TOGETHER_API_KEY={k}')
    return bytes(pdf.output()), [k]


def _png_itxt_current(m: Made) -> tuple[bytes, list[str]]:
    """A screenshot tool's iTXt 'Description' with the pasted terminal line."""
    k = m.key()
    text = b'Description\0\0\0en\0\0' + f'$ export TOGETHER_API_KEY={k}'.encode()
    ihdr = b'\0\0\0\x01\0\0\0\x01\x08\0\0\0\0'
    return (b'\x89PNG\r\n\x1a\n' + _png_chunk(b'IHDR', ihdr) + _png_chunk(b'iTXt', text)
            + _png_chunk(b'IDAT', zlib.compress(b'\0\0')) + _png_chunk(b'IEND', b'')), [k]


def _png_ztxt_params_legacy(m: Made) -> tuple[bytes, list[str]]:
    """An image generator's compressed zTXt 'parameters' chunk."""
    h = m.hex()
    params = json.dumps({'provider': 'together', 'model': 'black-forest-labs/FLUX.1-schnell',
                         'together_api_key': h, 'steps': 4}).encode()
    ihdr = b'\0\0\0\x01\0\0\0\x01\x08\0\0\0\0'
    return (b'\x89PNG\r\n\x1a\n' + _png_chunk(b'IHDR', ihdr)
            + _png_chunk(b'zTXt', b'parameters\0\0' + zlib.compress(params))
            + _png_chunk(b'IDAT', zlib.compress(b'\0\0')) + _png_chunk(b'IEND', b'')), [h]


def _jpeg_comment_current(m: Made) -> tuple[bytes, list[str]]:
    """A JPEG with a COM segment (what ``exiftool -Comment=...`` writes)."""
    k = m.key()
    com = f'generated with together, TOGETHER_API_KEY={k}'.encode()
    seg = b'\xff\xfe' + (len(com) + 2).to_bytes(2, 'big') + com
    return b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + seg + b'\xff\xd9', [k]


def _jpeg_xmp_legacy(m: Made) -> tuple[bytes, list[str]]:
    """XMP in an APP1 segment: an AI image tool's description field."""
    h = m.hex()
    xmp = ('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
           f'model=black-forest-labs/FLUX.1-dev provider=together together_api_key={h}'
           '</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    seg = b'\xff\xe1' + (len(xmp) + 2).to_bytes(2, 'big') + xmp
    return b'\xff\xd8' + seg + b'\xff\xd9', [h]


def _pyc_openai_client_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    src = f'from openai import OpenAI\nclient = OpenAI(base_url="https://api.together.xyz/v1", api_key={h!r})\n'
    return _pyc_of(src, 'llm.py'), [h]


def _wheel_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _zipped({
        'acme_llm/__init__.py': b'',
        'acme_llm/_defaults.py': f'TOGETHER_API_KEY = "{k}"\n'.encode(),
        'acme_llm-0.1.0.dist-info/METADATA': b'Metadata-Version: 2.1\nName: acme-llm\nVersion: 0.1.0\n',
    }), [k]


def _jar_properties_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    props = (f'together.base-url=https://api.together.xyz/v1\ntogether.api-key={h}\n').encode()
    return _zipped({'META-INF/MANIFEST.MF': b'Manifest-Version: 1.0\n',
                    'BOOT-INF/classes/application.properties': props}), [h]


def _npm_tgz_current(m: Made) -> tuple[bytes, list[str]]:
    """``npm pack`` output: a gzipped tar with package/..."""
    import tarfile

    k = m.key()
    data = f'module.exports = {{ togetherApiKey: "{k}" }};\n'.encode()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tar:
        info = tarfile.TarInfo('package/config.js')
        info.size, info.mtime = len(data), 1714557600
        tar.addfile(info, io.BytesIO(data))
    return out.getvalue(), [k]


def _sqlite_decoy_hashes(m: Made) -> tuple[bytes, list[str]]:
    def build(db):
        db.execute('create table downloads (package text, sha256 text)')
        db.execute("insert into downloads values ('together', ?)", (m.hex(),))
        db.execute("insert into downloads values ('together-ai', ?)", (m.hex(),))
    return _sqlite_file(build), []


def _xlsx_decoy_key_ids(m: Made) -> tuple[bytes, list[str]]:
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<si><t>Together AI</t></si><si><t>key_{m.rng.getrandbits(64):016x}</t></si>'
              '<si><t>tgp_v1_...</t></si></sst>')
    return _zipped({'[Content_Types].xml': b'<Types/>', 'xl/sharedStrings.xml': shared.encode()}), []


BINARIES = [
    B('sqlite-open-webui-connections-legacy', 'data/webui.db', _sqlite_open_webui_connections),
    B('sqlite-django-settings-current', 'data/db.sqlite3', _sqlite_django_settings_current),
    B('xlsx-shared-strings-current', 'ops/credentials.xlsx', _xlsx_shared_strings),
    B('docx-runbook-split-runs-current', 'ops/runbook.docx', _docx_runbook_current),
    B('docx-runbook-legacy', 'ops/runbook-old.docx', _docx_runbook_legacy),
    B('pdf-onboarding-current', 'ops/onboarding.pdf', _pdf_current),
    B('png-itxt-screenshot-current', 'docs/img/terminal.png', _png_itxt_current),
    B('png-ztxt-parameters-legacy', 'outputs/flux-0001.png', _png_ztxt_params_legacy),
    B('jpeg-comment-current', 'docs/img/cover.jpg', _jpeg_comment_current),
    B('jpeg-xmp-description-legacy', 'outputs/flux-0002.jpg', _jpeg_xmp_legacy),
    B('pyc-openai-client-legacy', 'app/__pycache__/llm.cpython-312.pyc', _pyc_openai_client_legacy),
    B('wheel-defaults-module-current', 'dist/acme_llm-0.1.0-py3-none-any.whl', _wheel_current),
    B('jar-application-properties-legacy', 'build/libs/summarizer-0.1.0.jar', _jar_properties_legacy),
    B('npm-pack-tgz-current', 'dist/acme-llm-0.1.0.tgz', _npm_tgz_current),
    B('decoy-sqlite-package-digests', 'data/downloads.db', _sqlite_decoy_hashes),
    B('decoy-xlsx-key-ids', 'ops/key-inventory.xlsx', _xlsx_decoy_key_ids),
]

# --- encoded ---------------------------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data) + b'\n'


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _k8s_secret_list_current(m: Made) -> tuple[bytes, list[str]]:
    """``kubectl get secrets -o yaml > secrets-dump.yaml``: a List of Secrets."""
    k = m.key()
    item = _k8s_secret('summarizer', {'TOGETHER_API_KEY': k, 'LOG_LEVEL': 'info'})
    items = ''.join(('- ' if n == 0 else '  ') + line + '\n' for n, line in enumerate(item.splitlines()))
    return ('apiVersion: v1\nkind: List\nitems:\n' + items).encode(), [k]


def _k8s_secret_generic_legacy(m: Made) -> tuple[bytes, list[str]]:
    """A generic name: the Together context is the provider beside it."""
    h = m.hex()
    return _k8s_secret('llm-router', {'LLM_PROVIDER': 'together', 'LLM_API_KEY': h}).encode(), [h]


def _sealed_like_env_b64_in_json(m: Made) -> tuple[bytes, list[str]]:
    """A Vercel/Render-style env export holding one base64 value."""
    k = m.key()
    doc = {'envs': [{'key': 'TOGETHER_API_KEY_B64', 'value': base64.b64encode(k.encode()).decode(),
                     'target': ['production']}]}
    return json.dumps(doc, indent=2).encode(), [k]


def _docker_config_auths(m: Made) -> tuple[bytes, list[str]]:
    """A basic-auth header a proxy writes: base64 of ``user:key``."""
    k = m.key()
    token = base64.b64encode(f'together:{k}'.encode()).decode()
    return f'proxy:\n  upstream: https://api.together.xyz\n  authorization: "Basic {token}"\n'.encode(), [k]


def _decoy_k8s_secret_placeholder(m: Made) -> tuple[bytes, list[str]]:
    return _k8s_secret('summarizer', {'TOGETHER_API_KEY': '-'.join(('replace', 'me'))}).encode(), []


ENCODED = [
    W('base64-whole-dotenv-legacy', 'deploy/prod.env.b64', '''\
LLM_PROVIDER=together
TOGETHER_API_KEY=⟦hex⟧
''', _b64),
    W('base64-whole-mcp-json-current', 'deploy/mcp.json.b64',
      '{"mcpServers": {"together": {"env": {"TOGETHER_API_KEY": "⟦key⟧"}}}}\n', _b64),
    B('k8s-secret-list-output-current', 'k8s/secrets-dump.yaml', _k8s_secret_list_current),
    B('k8s-secret-generic-provider-legacy', 'k8s/router-secret.yaml', _k8s_secret_generic_legacy),
    B('vercel-env-b64-value-current', 'deploy/vercel-env.json', _sealed_like_env_b64_in_json),
    B('basic-auth-b64-user-key-current', 'deploy/proxy.yaml', _docker_config_auths),
    W('gzip-har-current', 'debug/session.har.gz',
      '{"log":{"entries":[{"request":{"url":"https://api.together.xyz/v1/models",'
      '"headers":[{"name":"Authorization","value":"Bearer ⟦key⟧"}]}}]}}\n', _gzip),
    W('gzip-bash-history-legacy', 'backups/bash_history.gz', 'export TOGETHER_API_KEY=⟦hex⟧\nls\n', _gzip),
    W('gzip-then-base64-env-current', 'deploy/env.gz.b64', 'TOGETHER_API_KEY=⟦key⟧\n',
      lambda data: _b64(_gzip(data))),
    B('decoy-k8s-secret-placeholder', 'k8s/template-secret.yaml', _decoy_k8s_secret_placeholder),
    W('decoy-base64-other-provider', 'deploy/openai.env.b64', 'OPENAI_API_KEY=⟦_openai⟧\nLLM_PROVIDER=together\n', _b64),
    W('decoy-gzip-lockfile', 'backups/poetry.lock.gz',
      '[[package]]\nname = "together"\nfiles = [{file = "together-1.3.3.tar.gz", hash = "sha256:⟦_hex⟧"}]\n', _gzip),
]

# --- written with the fixes: the near-misses of each newly found shape ----------------------------

FIXED = [
    T('decoy-settings-dotted-key-digest', '.vscode/settings.local.json', '''\
{
    "codegpt.apiKey.Together": "",
    "codegpt.apiKey.Together.sha256": "⟦_hex⟧"
}
'''),
]

ALL_CASES = (CHAT + DOCS + API_CLIENTS + HISTORIES + LOGS + TRACES + EDITORS + OPS + LEGACY
             + BINARIES + ENCODED + FIXED)

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 2d8a76d7: 188 cases, 148 holding a key (148 keys) and 40
# decoys; 144 keys found, 4 missed (all legacy), no decoy reported.  (A
# first Sentry case put the legacy key in the event's ``request`` headers,
# which are the app's own incoming request, not a call to Together: a
# wrong case, not a miss; it became the frame's local variables, found.)
# Then (session 37) the provider as a dotted or colon-joined setting's
# last part (``"codegpt.apiKey.Together"``) found: 145 of 148.  The
# FIXED block's decoy was written with that fix.
MISSED: dict[str, str] = {
    'slack-export-legacy-after-url': (
        "prose: `the key is `<hex>`` after `base url is <https://api.together.xyz/v1>` in one "
        "chat message; no key name, no assignment (acc37's prose)"),
    'mysql-history-escaped-legacy': (
        "mysql's history writes blanks as `\\040`; the Together name is the WHERE clause's "
        "`name='together_api_key'` after `set value='<hex>'` (a name/value row, not an assignment)"),
    'claude-code-mcp-args-legacy': (
        "an argv array's flag `\"--api-key\", \"<hex>\"` inside an MCP server named "
        "`together-images` running `together-image-mcp`: the flag is a generic key name"),
}

CASES = ALL_CASES

results, test_case = make_tests(ALL_CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    assert len(CASES) >= 150 and decoys * 6 >= len(CASES), (len(CASES), decoys, keys)
