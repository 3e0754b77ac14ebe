"""An eleventh held-out probe (session 15), written as an outside tester
would: current and legacy keys as people leak them in 2026, in shapes
the earlier sets (probe2..probe10, the legacy, escape, concatenation and
decoy sets) do not hold -- the context reach (a minified JSON or JS
bundle, or a YAML/Helm/TOML block, whose ``together`` label is more than
4 KB above the key; many tenants under one ``together:``), HTML (table
rows, a ``<!-- Together AI -->`` comment over a form, ``<input>``,
``<meta>``, ``<dl>``), comment headings of many lines, terminal output
(ANSI colours between a name and its value, asciinema ``.cast`` events,
``script`` typescripts with CR line ends and backspaces), logs (JSON
logs, tracebacks with locals, curl/urllib3/httpx/http.client debug
dumps), shell (``$'…'`` quoting, heredocs, ``set -x`` traces, fish,
nushell), notebooks (an output echoing ``os.environ[...]``, a password
widget's state), CI logs with timestamps and section markers, keys split
by concatenation in many languages, URL/HTML/``\\x``/``\\u`` escapes,
CSV/TSV, mail (quoted-printable soft breaks, a base64 body), patches,
credential files, password-manager and secret-store exports, Terraform
plans, CloudFormation/Bicep/Pulumi/CDK, and the agent and IDE configs of
2026 (MCP servers, Claude Code, Cursor, Continue, Zed, Codex, aider,
goose, opencode, LibreChat, LiteLLM).  Decoys: digests and ids beside
the word together in lockfiles, SBOMs, Nix, Bazel, image digests,
SHA-256 git ids, webhook signatures, ``key_`` ids, placeholders,
environment references, readable runs and public test vectors.  The
same cases are scanned as staged, history, a pushed range and the hook
in tests/accuracy/probe11_modes_test.py.
"""
from __future__ import annotations

import string

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import marked


def written(case_id: str, path: str, template: str, form) -> Case:
    """A case whose one ``{key}`` or ``{hex}`` field is written through
    ``form`` (escaped, split, encoded); the key is expected on the line
    where the field starts."""
    def build(m):
        kind = 'key' if '{key}' in template else 'hex'
        raw = m.key() if kind == 'key' else m.hex()
        text, expected = marked(template, **{kind: form(raw)})
        return text, [(line, raw) for line, _ in expected]
    return Case(case_id, path, build)


def many(case_id: str, path: str, head: str, item: str, tail: str, count: int) -> Case:
    """``head``, ``count`` items (``{i}`` their number, ``{hex}`` a fresh
    legacy key each), then ``tail``: a long block under
    one label, every key expected."""
    def build(m):
        parts, keys = [head], []
        for i in range(count):
            hexkey = m.hex() if '{hex}' in item else ''
            keys.append(hexkey)
            parts.append(item.format(i=i, hex=hexkey))
        parts.append(tail)
        text = ''.join(parts)
        return text, [(line_of(text, k), k) for k in keys if k]
    return Case(case_id, path, build)


def padded(case_id: str, path: str, head: str, filler: str, count: int, tail: str) -> Case:
    """``head`` (the label), ``count`` filler items (``{i}``), then
    ``tail`` holding one ``{hex}`` or ``{key}``: the label far above."""
    def build(m):
        kind = 'key' if '{key}' in tail else 'hex'
        raw = m.key() if kind == 'key' else m.hex()
        text = head + ''.join(filler.format(i=i) for i in range(count)) + tail.format(**{kind: raw})
        return text, [(line_of(text, raw), raw)]
    return Case(case_id, path, build)


def _split(at: int, joiner: str):
    return lambda k: k[:at] + joiner + k[at:]


def _qp_soft(k: str) -> str:
    return k[:30] + '=\n' + k[30:]


def _pct(k: str) -> str:
    return k.replace('_', '%5F')


def _pct2(k: str) -> str:
    return k.replace('_', '%255F')


def _hexent(k: str) -> str:
    return k.replace('_', '&#x5F;')


def _pyx(k: str) -> str:
    return k.replace('_', '\\x5f')


def _uesc(k: str) -> str:
    return '\\u0074' + k[1:]


def _bs(k: str) -> str:
    # a typo corrected with backspace, as `script` records it
    return k[:12] + 'Q\b \b' + k[12:]


def _b64body(k: str) -> str:
    import base64
    text = f'Hi team,\n\nthe new staging key:\n\nTOGETHER_API_KEY={k}\n\nRotate it Friday.\n'
    enc = base64.b64encode(text.encode()).decode()
    return '\n'.join(enc[i:i + 76] for i in range(0, len(enc), 76))


# -- the context reach: a label more than 4 KB above the key ---------------------------

_MODEL = '{{"id":"meta-llama/Llama-3.{i}-70B-Instruct-Turbo","context_length":131072,"pricing":{{"input":0.88,"output":0.88}},"type":"chat"}},'
_MODEL_JS = '{{id:"meta-llama/Llama-3.{i}-70B-Instruct-Turbo",contextLength:131072,pricing:{{input:.88,output:.88}},type:"chat"}},'

REACH = [
    padded('json-minified-models-then-key', 'config/providers.min.json',
           '{"together":{"base":"v1","models":[', _MODEL, 40,
           '{{"id":"last"}}],"api_key":"{hex}"}}}}\n'),
    padded('js-bundle-minified', 'dist/assets/index-4f2a9c.js',
           'var e={together:{models:[', _MODEL_JS, 45,
           '{{id:"last"}}],apiKey:"{hex}"}}}};export{{e as default}};\n'),
    padded('json-one-line-tenants-array', 'config/tenants.json',
           '{"together":[', '{{"tenant":"t{i}","region":"us-east-1","quota":{{"rpm":600,"tpm":200000}},"notes":"batch jobs for team {i} in the EU and US regions"}},', 40,
           '{{"tenant":"acme","key":"{hex}"}}]}}\n'),
    many('yaml-many-tenants', 'deploy/tenants.yaml',
         'together:\n  tenants:\n',
         '    - name: tenant-{i:03d}\n      region: us-east-1\n      rateLimit: 600\n      owner: team-{i:03d}@example.com\n      api_key: {hex}\n',
         '', 40),
    padded('helm-values-long', 'charts/llm/values.yaml',
           'together:\n  enabled: true\n  models:\n',
           '    - name: meta-llama/Llama-3.{i}-70B-Instruct-Turbo\n      maxTokens: 4096\n      temperature: 0.7\n', 60,
           '  apiKey: {hex}\n'),
    padded('json-pretty-long-models', 'config/llm.json',
           '{\n  "together": {\n    "models": [\n',
           '      {{"id": "meta-llama/Llama-3.{i}-70B-Instruct-Turbo", "context_length": 131072}},\n', 60,
           '      {{"id": "last"}}\n    ],\n    "api_key": "{hex}"\n  }}\n}}\n'),
    padded('toml-section-long-array', 'config/llm.toml',
           '[together]\nmodels = [\n', '  "meta-llama/Llama-3.{i}-70B-Instruct-Turbo-with-a-long-suffix",\n', 70,
           ']\napi_key = "{hex}"\n'),
    padded('ini-section-many-options', 'config/app.ini',
           '[together]\n', 'model_{i} = meta-llama/Llama-3.{i}-70B-Instruct-Turbo\n', 90,
           'key = {hex}\n'),
]

# -- comment headings of many lines ---------------------------------------------------

HEADINGS = key_cases(
    ('env-comment-heading-10-lines', 'deploy/.env.example.local', '''\
# Together AI
# -----------
# Used by the summariser and the eval jobs.
# Owner: platform team (#llm-platform on Slack).
# Rotated every 90 days; last rotation 2026-01-12.
# Staging and production use different keys:
#   staging  -> this file
#   prod     -> the vault path secret/llm/prod
# Do not commit the real value (we did, see INC-1042).
# Ask in #llm-platform for access.
API_KEY={hex}
'''),
    ('python-comment-heading-12-lines', 'app/settings_llm.py', '''\
# Together AI
#
# The inference client reads these at import time.  Keep the base URL in
# sync with infra/terraform/llm.tf and the model list in models.yaml.
#
# History:
#   2025-11  moved from OpenAI to Together
#   2026-01  new key after the laptop incident
#   2026-02  added the reranker model
#
# TODO: read from the secret store instead.
api_key = "{hex}"
'''),
    ('sh-comment-heading-9-lines', 'scripts/bench.sh', '''\
#!/usr/bin/env bash
# Together AI
# Runs the nightly latency benchmark against the chat endpoint.
# Needs: jq, curl, hyperfine.
# The key below is the benchmark account's (low quota).
# Results go to s3://bench-results/llm/.
# Usage: ./bench.sh [model]
# Exit codes: 0 ok, 1 regression, 2 setup error.
# Maintainer: perf team.
# Last reviewed: 2026-02-01.
KEY="{hex}"
'''),
    ('yaml-comment-heading-many-lines', 'config/llm-prod.yaml', '''\
# Together AI
# Production settings for the chat service.
# Reviewed by security on 2026-01-20.
# Timeouts in seconds; retries with exponential back-off.
# The token is scoped to inference only.
# Ticket: SEC-3311.
# Contact: llm-oncall@example.com
# Do not change without a change request.
# Rollout: canary first.
token: {hex}
timeout: 60
'''),
)

# -- HTML --------------------------------------------------------------------------

HTML = key_cases(
    ('html-table-row', 'docs/credentials.html', '''\
<table>
  <tr><th>Provider</th><th>API key</th></tr>
  <tr><td>OpenAI</td><td>(in vault)</td></tr>
  <tr><td>Together AI</td><td>{hex}</td></tr>
</table>
'''),
    ('html-table-rows-multiline', 'docs/keys.html', '''\
<table class="keys">
  <thead>
    <tr>
      <th>Service</th>
      <th>Key</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <td>Together AI</td>
      <td><code>{hex}</code></td>
    </tr>
  </tbody>
</table>
'''),
    ('html-comment-over-input', 'templates/settings.html', '''\
<form method="post" action="/settings">
  <!-- Together AI -->
  <input type="hidden" name="api_key" value="{hex}">
  <button type="submit">Save</button>
</form>
'''),
    ('html-comment-over-script', 'public/index.html', '''\
<!-- Together AI -->
<script>
  window.LLM_CONFIG = {{ apiKey: "{hex}", model: "meta-llama/Llama-3-70b-chat-hf" }};
</script>
'''),
    ('html-input-named', 'templates/admin.html', '''\
<label for="together-api-key">Together API key</label>
<input type="password" id="together-api-key" name="together_api_key" value="{hex}">
'''),
    ('html-meta-named', 'public/app.html', '''\
<head>
  <meta charset="utf-8">
  <meta name="together-api-key" content="{hex}">
</head>
'''),
    ('html-data-attribute', 'public/widget.html', '''\
<div id="chat" data-together-api-key="{hex}" data-model="meta-llama/Llama-3-8b-chat-hf"></div>
'''),
    ('html-dl-pair', 'docs/onboarding.html', '''\
<dl>
  <dt>Together API key</dt>
  <dd>{hex}</dd>
</dl>
'''),
    ('html-pre-export-current', 'docs/quickstart.html', '''\
<pre><code>export TOGETHER_API_KEY={key}
python app.py</code></pre>
'''),
    ('html-entity-quotes-legacy', 'docs/snippet.html', '''\
<code>TOGETHER_API_KEY=&quot;{hex}&quot;</code>
'''),
    ('html-input-current-in-attribute', 'templates/debug.html', '''\
<input type="text" readonly value="{key}">
'''),
    ('html-script-json-config', 'public/config.html', '''\
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"togetherApiKey":"{hex}"}}}}}}</script>
'''),
)

# -- terminal output -------------------------------------------------------------------

TERMINAL = key_cases(
    ('ansi-256-colour-glued-current', 'logs/term.txt', '''\
\x1b[38;5;208m{key}\x1b[0m
'''),
    ('ansi-osc8-hyperlink-current', 'logs/term-link.txt', '''\
\x1b]8;;https://api.together.xyz/settings\x1b\\{key}\x1b]8;;\x1b\\
'''),
    ('ansi-between-name-and-value', 'logs/env-colour.txt', '''\
\x1b[36mTOGETHER_API_KEY\x1b[0m=\x1b[33m{hex}\x1b[0m
'''),
    ('ansi-rich-table-legacy', 'logs/settings-table.txt', '''\
\x1b[1m Setting          \x1b[0m\x1b[1m Value \x1b[0m
 TOGETHER_API_KEY  \x1b[32m{hex}\x1b[0m
'''),
    ('asciinema-cast-export', 'demo/setup.cast', '''\
{{"version": 2, "width": 120, "height": 30, "timestamp": 1767225600, "env": {{"SHELL": "/bin/zsh", "TERM": "xterm-256color"}}}}
[0.412, "o", "$ "]
[1.905, "o", "export TOGETHER_API_KEY={hex}\\r\\n"]
[2.310, "o", "$ "]
'''),
    ('asciinema-cast-current-coloured', 'demo/keys.cast', '''\
{{"version": 2, "width": 100, "height": 24}}
[3.118, "o", "\\u001b[32m{key}\\u001b[0m\\r\\n"]
'''),
    ('asciinema-cast-env-header', 'demo/run.cast', '''\
{{"version": 2, "width": 80, "height": 24, "env": {{"TERM": "xterm", "TOGETHER_API_KEY": "{hex}"}}}}
[0.1, "o", "hello\\r\\n"]
'''),
    ('script-typescript-crlf', 'logs/typescript', '''\
Script started on 2026-01-12 10:00:00+00:00 [TERM="xterm-256color" TTY="/dev/pts/3"]\r
$ export TOGETHER_API_KEY={hex}\r
$ python chat.py\r
Script done on 2026-01-12 10:05:00+00:00 [COMMAND_EXIT_CODE="0"]\r
'''),
    ('script-typescript-progress-cr', 'logs/session.log', '''\
$ together files upload data.jsonl\r
Uploading  10%\rUploading  60%\rUploading 100%\r
$ echo "TOGETHER_API_KEY={key}" >> .env\r
'''),
    ('printenv-then-value', 'notes/debug-session.txt', '''\
$ printenv TOGETHER_API_KEY
{hex}
$ python -c 'import together; print(together.__version__)'
1.3.3
'''),
    ('echo-var-then-value', 'notes/shell.txt', '''\
$ echo $TOGETHER_API_KEY
{hex}
'''),
)

TERMINAL_WRITTEN = [
    written('typescript-backspace-in-key', 'logs/typescript-bs', '''\
$ export TOGETHER_API_KEY={key}\r
''', _bs),
]

# -- logs --------------------------------------------------------------------------------

LOGS = key_cases(
    ('json-log-bearer-url-after', 'logs/app.jsonl', '''\
{{"ts":"2026-01-12T10:00:00Z","level":"debug","msg":"outgoing request","headers":{{"Authorization":"Bearer {hex}","Content-Type":"application/json"}},"url":"https://api.together.xyz/v1/chat/completions"}}
'''),
    ('json-log-config-dump', 'logs/startup.jsonl', '''\
{{"level":"info","event":"config loaded","config":{{"llm":{{"provider":"together","api_key":"{hex}","model":"meta-llama/Llama-3-70b-chat-hf"}}}}}}
'''),
    ('json-log-current-escaped', 'logs/worker.jsonl', '''\
{{"level":"error","msg":"auth failed for key \\"{key}\\"","status":401}}
'''),
    ('python-traceback-locals-rich', 'logs/crash.txt', '''\
╭───────────────────── Traceback (most recent call last) ─────────────────────╮
│ /app/chat.py:42 in ask                                                       │
│                                                                              │
│ ╭──────────────────────────────── locals ────────────────────────────────╮ │
│ │  api_key = '{hex}' │ │
│ │ base_url = 'https://api.together.xyz/v1'                                │ │
│ │   prompt = 'hello'                                                      │ │
│ ╰──────────────────────────────────────────────────────────────────────────╯ │
╰──────────────────────────────────────────────────────────────────────────────╯
'''),
    ('pytest-locals', 'logs/pytest.txt', '''\
    def test_chat():
        client = Together()
>       client.chat.completions.create(model=MODEL, messages=[])

api_key    = '{hex}'
client     = <together.Together object at 0x7f3a2c1b9d90>

tests/test_chat.py:12: AuthenticationError
'''),
    ('curl-verbose-dump', 'logs/curl-v.txt', '''\
*   Trying 104.18.2.1:443...
* Connected to api.together.xyz (104.18.2.1) port 443
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> user-agent: curl/8.5.0
> authorization: Bearer {hex}
> content-type: application/json
'''),
    ('copy-as-curl-h-after-url', 'notes/repro.sh', '''\
curl 'https://api.together.xyz/v1/completions' \\
  -H 'Content-Type: application/json' \\
  -H 'Authorization: Bearer {hex}' \\
  --data-raw '{{"model":"meta-llama/Llama-3-8b-chat-hf","prompt":"hi"}}'
'''),
    ('http-client-debuglevel', 'logs/http-debug.txt', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nAccept-Encoding: identity\\r\\nAuthorization: Bearer {hex}\\r\\nContent-Length: 87\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    ('httpx-debug-headers', 'logs/httpx.txt', '''\
DEBUG:httpcore.connection:connect_tcp.started host='api.together.xyz' port=443
DEBUG:httpcore.http11:send_request_headers.started request=<Request [b'POST']>
DEBUG:httpx:headers=[(b'Host', b'api.together.xyz'), (b'Authorization', b'Bearer {hex}')]
'''),
    ('urllib3-debug-url-key', 'logs/urllib3.txt', '''\
DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.together.xyz:443
DEBUG:urllib3.connectionpool:https://api.together.xyz:443 "GET /v1/models?api_key={hex} HTTP/1.1" 200 None
'''),
    ('nginx-access-log-proxy', 'logs/access.log', '''\
10.0.0.5 - - [12/Jan/2026:10:00:00 +0000] "POST /together/v1/chat/completions HTTP/1.1" 200 512 "-" "python-httpx/0.27" "Bearer {hex}"
'''),
    ('k8s-pod-env-dump', 'logs/pod-env.txt', '''\
$ kubectl exec deploy/chat -- env
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOSTNAME=chat-7d9f8b6c5-x2k4q
TOGETHER_API_KEY={hex}
KUBERNETES_SERVICE_HOST=10.96.0.1
'''),
    ('openai-sdk-debug-log', 'logs/openai-debug.txt', '''\
[2026-01-12 10:00:00 - openai._base_client:482 - DEBUG] Request options: {{'method': 'post', 'url': '/chat/completions', 'headers': {{'Authorization': 'Bearer {hex}'}}, 'json_data': {{'model': 'meta-llama/Llama-3-8b-chat-hf'}}}}
[2026-01-12 10:00:00 - httpx:1026 - INFO] HTTP Request: POST https://api.together.xyz/v1/chat/completions "HTTP/1.1 200 OK"
'''),
    ('logfmt-current', 'logs/gateway.log', '''\
ts=2026-01-12T10:00:00Z level=warn msg="key rejected" key={key} upstream=together
'''),
)

# -- shell -------------------------------------------------------------------------------

SHELL = key_cases(
    ('export-ansi-c-quoting', 'scripts/env.sh', '''\
export TOGETHER_API_KEY=$'{hex}'
'''),
    ('export-escaped-quotes', 'scripts/wrap.sh', '''\
ssh build01 "export TOGETHER_API_KEY=\\"{hex}\\" && ./run.sh"
'''),
    ('heredoc-json-config-path', 'scripts/bootstrap.sh', '''\
mkdir -p ~/.together
cat > ~/.together/config.json <<EOF
{{"api_key": "{hex}"}}
EOF
'''),
    ('heredoc-env-file', 'scripts/setup-env.sh', '''\
cat <<'EOF' > .env
APP_ENV=dev
TOGETHER_API_KEY={hex}
EOF
'''),
    ('set-x-curl-trace', 'logs/ci-trace.txt', '''\
+ MODEL=meta-llama/Llama-3-8b-chat-hf
+ curl -sS https://api.together.xyz/v1/models -H 'Authorization: Bearer {hex}'
'''),
    ('set-x-assignment-trace', 'logs/deploy-trace.txt', '''\
++ vault kv get -field=api_key secret/llm/together
+ TOGETHER_API_KEY={hex}
+ export TOGETHER_API_KEY
'''),
    ('fish-set-gx', 'config/fish/conf.d/llm.fish', '''\
set -gx TOGETHER_API_KEY {hex}
'''),
    ('nushell-env', 'config/nushell/env.nu', '''\
$env.TOGETHER_API_KEY = "{hex}"
'''),
    ('docker-run-e', 'scripts/run-local.sh', '''\
docker run --rm -p 8080:8080 -e TOGETHER_API_KEY={hex} ghcr.io/acme/chat:latest
'''),
    ('env-prefix-command', 'Procfile', '''\
web: env TOGETHER_API_KEY={hex} gunicorn app:app
'''),
    ('export-current-double-quoted', 'scripts/dev.zsh', '''\
export TOGETHER_API_KEY="{key}"
'''),
    ('xargs-curl-current', 'notes/oneliner.txt', '''\
echo '{key}' | xargs -I{{}} curl -H "Authorization: Bearer {{}}" https://api.together.xyz/v1/models
'''),
)

# -- notebooks -------------------------------------------------------------------------

NOTEBOOKS = key_cases(
    ('nb-output-echo-environ', 'nb/explore.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {{}},
   "outputs": [
    {{
     "data": {{
      "text/plain": [
       "'{hex}'"
      ]
     }},
     "execution_count": 3,
     "metadata": {{}},
     "output_type": "execute_result"
    }}
   ],
   "source": [
    "os.environ[\\"TOGETHER_API_KEY\\"]"
   ]
  }}
 ]
}}
'''),
    ('nb-password-widget-state', 'nb/setup.ipynb', '''\
{{
 "metadata": {{
  "widgets": {{
   "application/vnd.jupyter.widget-state+json": {{
    "state": {{
     "a1b2c3": {{
      "model_name": "PasswordModel",
      "state": {{
       "description": "Together API key",
       "value": "{hex}"
      }}
     }}
    }}
   }}
  }}
 }}
}}
'''),
    ('nb-colab-param', 'nb/colab.ipynb', '''\
{{"cells": [{{"cell_type": "code", "source": ["TOGETHER_API_KEY = \\"{hex}\\"  # @param {{type:\\"string\\"}}\\n", "client = Together(api_key=TOGETHER_API_KEY)"], "outputs": []}}]}}
'''),
    ('nb-stream-output-current', 'nb/debug.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"name": "stdout", "output_type": "stream", "text": ["key loaded: {key}\\n"]}}], "source": ["print('key loaded:', key)"]}}]}}
'''),
    ('nb-source-generic-with-base', 'nb/rag.ipynb', '''\
{{"cells": [{{"cell_type": "code", "source": ["from openai import OpenAI\\n", "client = OpenAI(\\n", "    base_url=\\"https://api.together.xyz/v1\\",\\n", "    api_key=\\"{hex}\\",\\n", ")"]}}]}}
'''),
)

# -- CI logs -------------------------------------------------------------------------

CI_LOGS = key_cases(
    ('gha-log-env-timestamps', 'ci/gha-job.log', '''\
2026-01-12T10:00:00.1234567Z ##[group]Run python eval.py
2026-01-12T10:00:00.1234890Z python eval.py
2026-01-12T10:00:00.1235012Z shell: /usr/bin/bash -e {{0}}
2026-01-12T10:00:00.1235101Z env:
2026-01-12T10:00:00.1235190Z   TOGETHER_API_KEY: {hex}
2026-01-12T10:00:00.1235290Z ##[endgroup]
'''),
    ('gitlab-log-section', 'ci/gitlab-job.log', '''\
section_start:1767225600:step_script\r\x1b[0KExecuting "step_script" stage of the job script\x1b[0;m
\x1b[32;1m$ export TOGETHER_API_KEY={hex}\x1b[0;m
\x1b[32;1m$ pytest -q\x1b[0;m
section_end:1767225660:step_script\r\x1b[0K
'''),
    ('jenkins-console-trace', 'ci/jenkins.log', '''\
[Pipeline] sh
+ export TOGETHER_API_KEY={hex}
+ python -m eval
'''),
    ('buildkite-timestamped', 'ci/buildkite.log', '''\
_bk;t=1767225600000\x07~~~ Running commands
_bk;t=1767225600100\x07$ TOGETHER_API_KEY={hex} ./scripts/eval.sh
'''),
    ('gha-log-current-masked-fail', 'ci/gha-step.log', '''\
2026-01-12T10:00:01.0000000Z Using key {key}
'''),
    ('circleci-env-table', 'ci/circle.txt', '''\
Environment variables:
  CIRCLE_BRANCH=main
  TOGETHER_API_KEY={hex}
'''),
)

# -- source code splitting a key ---------------------------------------------------------

SPLIT = [
    written('py-prefix-plus-body', 'app/k1.py', 'KEY = "{key}"\n', _split(7, '" + "')),
    written('py-implicit-concat-lines', 'app/k2.py', 'KEY = (\n    "{key}"\n)\n', _split(25, '"\n    "')),
    written('go-plus', 'cmd/k3.go', 'const key = "{key}"\n', _split(7, '" + "')),
    written('c-adjacent', 'src/k4.c', 'static const char *KEY = "{key}";\n', _split(7, '" "')),
    written('c-adjacent-define-lines', 'src/k5.h', '#define TOGETHER_KEY "{key}"\n', _split(25, '" \\\n    "')),
    written('rust-concat-macro', 'src/k6.rs', 'const KEY: &str = concat!("{key}");\n', _split(7, '", "')),
    written('js-template-literal', 'web/k7.js', 'const key = `{key}`;\n', lambda k: k[:7] + '${"' + k[7:] + '"}'),
    written('js-array-join', 'web/k8.js', 'const key = ["{key}"].join("");\n', _split(7, '", "')),
    written('java-stringbuilder', 'src/K9.java', 'String k = new StringBuilder("{key}").toString();\n', _split(7, '").append("')),
    written('shell-adjacent-quotes', 'scripts/k10.sh', 'KEY="{key}"\n', _split(7, '""')),
    written('shell-unquoted-prefix', 'scripts/k11.sh', 'KEY={key}"\n', lambda k: k[:7] + '"' + k[7:]),
    written('php-dot', 'src/k12.php', '$key = \'{key}\';\n', _split(7, "' . '")),
    written('ruby-adjacent', 'lib/k13.rb', 'KEY = "{key}"\n', _split(7, '" "')),
    written('lua-dotdot', 'conf/k14.lua', 'local key = "{key}"\n', _split(7, '" .. "')),
    written('sql-pipes', 'db/k15.sql', "INSERT INTO settings VALUES ('llm', '{key}');\n", _split(7, "' || '")),
    written('vb-ampersand', 'src/K16.vb', 'Dim key As String = "{key}"\n', _split(7, '" & "')),
    written('kotlin-plus-lines', 'src/K17.kt', 'val key = "{key}"\n', _split(25, '" +\n    "')),
    written('python-bytes-join', 'app/k18.py', 'KEY = b"".join([b"{key}"])\n', _split(7, '", b"')),
    written('swift-plus', 'Sources/K19.swift', 'let key = "{key}"\n', _split(7, '" + "')),
    written('csharp-verbatim', 'src/K20.cs', 'var key = @"{key}";\n', _split(7, '" + @"')),
    written('python-fstring-piece', 'app/k21.py', 'KEY = f"{key}"\n', lambda k: k[:7] + "{'" + k[7:] + "'}"),
]

SPLIT_LEGACY = key_cases(
    ('legacy-py-plus', 'app/legacy_split.py', '''\
TOGETHER_API_KEY = "{_hex_a}" + "{_hex_b}"
'''),
    ('legacy-js-template-pieces', 'web/legacy_split.js', '''\
const togetherApiKey = `{_hex_a}` + `{_hex_b}`;
'''),
)

# -- escapes ---------------------------------------------------------------------------

ESCAPES = [
    written('url-pct-query', 'logs/proxy-url.txt', 'GET /v1/models?key={key} HTTP/1.1\n', _pct),
    written('url-double-pct', 'logs/redirect.txt', 'Location: /login?next=%2Fsettings%3Fkey%3D{key}\n', _pct2),
    written('html-hex-entity', 'docs/entity.html', '<p>Your key: <code>{key}</code></p>\n', _hexent),
    written('python-x-escapes', 'app/esc.py', 'KEY = "{key}"\n', _pyx),
    written('json-u-prefix', 'config/esc.json', '{{"k": "{key}"}}\n', _uesc),
    written('legacy-form-body-encoded', 'logs/form.txt',
            'body: provider=together&TOGETHER_API_KEY%3D{hex}\n', lambda k: k),
]

# -- CSV/TSV, mail, patches ----------------------------------------------------------------

DATA = key_cases(
    ('csv-quoted-header', 'exports/providers.csv', '''\
"provider","api_key","created"
"OpenAI","","2025-10-01"
"Together AI","{hex}","2026-01-12"
'''),
    ('csv-semicolon', 'exports/keys-eu.csv', '''\
service;api_key;owner
together;{hex};ops@example.com
'''),
    ('tsv-named', 'exports/secrets.tsv', '''\
name\tvalue
TOGETHER_API_KEY\t{hex}
'''),
    ('csv-current-quoted', 'exports/keys.csv', '''\
"name","secret"
"llm","{key}"
'''),
    ('eml-reply-quoted', 'mail/re-keys.eml', '''\
From: ops@example.com
Subject: Re: keys

> TOGETHER_API_KEY={hex}
> (staging)

Thanks, got it.
'''),
    ('patch-hunk-header-label', 'patches/0001-llm.patch', '''\
diff --git a/config/llm.yaml b/config/llm.yaml
--- a/config/llm.yaml
+++ b/config/llm.yaml
@@ -1,3 +1,4 @@
 together:
   model: meta-llama/Llama-3-8b-chat-hf
+  api_key: {hex}
   timeout: 30
'''),
    # The same hunk's edges: a `\\ No newline` mark and a blank context
    # line an editor stripped inside it, and a merge's combined diff
    # (two columns, `@@@`).
    ('patch-hunk-no-newline-mark', 'patches/0004-llm.patch', '''\
diff --git a/config/llm.yaml b/config/llm.yaml
--- a/config/llm.yaml
+++ b/config/llm.yaml
@@ -1,2 +1,4 @@
 together:
-  model: meta-llama/Llama-3-8b-chat-hf
\\ No newline at end of file
+  model: meta-llama/Llama-3-8b-chat-hf

+  api_key: {hex}
'''),
    ('combined-diff-hunk', 'patches/merge.diff', '''\
diff --cc config/llm.yaml
index 1111111,2222222..3333333
--- a/config/llm.yaml
+++ b/config/llm.yaml
@@@ -1,3 -1,3 +1,4 @@@
  together:
    model: meta-llama/Llama-3-8b-chat-hf
++  api_key: {hex}
    timeout: 30
'''),
    ('patch-added-env', 'patches/0002-env.diff', '''\
--- a/.env.example
+++ b/.env.example
@@ -1,2 +1,3 @@
 APP_ENV=dev
+TOGETHER_API_KEY={hex}
 DEBUG=1
'''),
    ('patch-current-removed', 'patches/0003-rotate.diff', '''\
-TOGETHER_API_KEY={key}
+TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('format-patch-mail', 'patches/0004.patch', '''\
From 1a2b3c Mon Sep 17 00:00:00 2001
From: Dev <dev@example.com>
Subject: [PATCH] llm: add Together client

---
 app/llm.py | 2 ++
+client = Together(api_key="{hex}")
'''),
)

MAIL_WRITTEN = [
    written('eml-qp-soft-break-current', 'mail/key.eml', '''\
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Here is the key: {key}
''', _qp_soft),
    written('eml-qp-soft-break-legacy', 'mail/legacy.eml', '''\
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

TOGETHER_API_KEY=3D{hex}
''', _qp_soft),
    written('eml-base64-body', 'mail/b64.eml', '''\
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{key}
''', _b64body),
]

# -- credential files, stores, exports ---------------------------------------------------

CREDS = key_cases(
    ('netrc-multiline', 'home/.netrc', '''\
machine api.together.xyz
  login apikey
  password {hex}
'''),
    ('git-credentials-current', 'home/.git-credentials', '''\
https://me:{key}@git.example.com
'''),
    ('vault-field-command-output', 'notes/vault.txt', '''\
$ vault kv get -field=api_key secret/llm/together
{hex}
'''),
    ('vault-json-output', 'notes/vault-json.txt', '''\
$ vault kv get -format=json secret/llm/together
{{
  "request_id": "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
  "data": {{
    "data": {{
      "api_key": "{hex}"
    }},
    "metadata": {{"version": 4}}
  }}
}}
'''),
    ('1password-op-item-json', 'notes/op-item.json', '''\
{{
  "id": "kx3p2yq",
  "title": "Together AI",
  "category": "API_CREDENTIAL",
  "fields": [
    {{"id": "username", "type": "STRING", "label": "username", "value": "ml-team"}},
    {{"id": "credential", "type": "CONCEALED", "label": "credential", "value": "{hex}"}}
  ]
}}
'''),
    ('bitwarden-json-export', 'exports/bitwarden.json', '''\
{{"items": [{{"type": 1, "name": "Together AI", "login": {{"username": "me@example.com", "password": "{hex}", "uris": [{{"uri": "https://api.together.xyz"}}]}}}}]}}
'''),
    ('aws-secret-string-escaped', 'notes/get-secret.json', '''\
{{
    "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-AbCdEf",
    "Name": "llm",
    "SecretString": "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\"}}"
}}
'''),
    ('doppler-download-env', 'notes/doppler.env', '''\
DOPPLER_CONFIG="prd"
DOPPLER_PROJECT="chat"
TOGETHER_API_KEY="{hex}"
'''),
    ('sops-decrypted-yaml', 'secrets/llm.dec.yaml', '''\
together:
    api_key: {hex}
sops:
    version: 3.9.0
'''),
    ('keychain-find-output', 'notes/keychain.txt', '''\
$ security find-generic-password -s together -w
{hex}
'''),
)

# -- infrastructure: Terraform plans, CloudFormation, Bicep, Pulumi, CDK ---------------

IAC = key_cases(
    ('tf-plan-json-resource-change', 'plan/plan.json', '''\
{{"format_version":"1.2","resource_changes":[{{"address":"aws_secretsmanager_secret_version.together","mode":"managed","type":"aws_secretsmanager_secret_version","name":"together","change":{{"actions":["create"],"before":null,"after":{{"secret_string":"{hex}"}}}}}}]}}
'''),
    ('tf-plan-text', 'plan/plan.txt', '''\
  # github_actions_secret.together_api_key will be created
  + resource "github_actions_secret" "together_api_key" {{
      + plaintext_value = "{hex}"
      + repository      = "chat"
    }}
'''),
    ('cfn-yaml-ssm-parameter', 'cfn/llm.yaml', '''\
Resources:
  TogetherApiKeyParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /chat/together/api-key
      Type: String
      Value: {hex}
'''),
    ('cfn-json-parameter-default', 'cfn/llm.json', '''\
{{
  "Parameters": {{
    "TogetherApiKey": {{
      "Type": "String",
      "NoEcho": true,
      "Default": "{hex}"
    }}
  }}
}}
'''),
    ('bicep-param', 'infra/main.bicep', '''\
@secure()
param togetherApiKey string = '{hex}'
'''),
    ('bicepparam-file', 'infra/main.bicepparam', '''\
using 'main.bicep'
param togetherApiKey = '{hex}'
'''),
    ('pulumi-config-plain', 'Pulumi.prod.yaml', '''\
config:
  chat:togetherApiKey: {hex}
  aws:region: us-east-1
'''),
    ('pulumi-ts-secret-version', 'infra/index.ts', '''\
new aws.secretsmanager.SecretVersion("together", {{
    secretId: secret.id,
    secretString: "{hex}",
}});
'''),
    ('cdk-string-parameter', 'infra/stack.ts', '''\
new ssm.StringParameter(this, 'TogetherApiKey', {{
  parameterName: '/chat/together-api-key',
  stringValue: '{hex}',
}});
'''),
    ('tf-plan-current', 'plan/plan2.txt', '''\
      + value = "{key}"
'''),
)

# -- agent and IDE configs of 2026 --------------------------------------------------------

AGENTS = key_cases(
    ('vscode-mcp-headers-bearer', '.vscode/mcp.json', '''\
{{
  "servers": {{
    "together": {{
      "type": "http",
      "url": "https://api.together.xyz/mcp",
      "headers": {{"Authorization": "Bearer {hex}"}}
    }}
  }}
}}
'''),
    ('claude-code-mcp-args', '.mcp.json', '''\
{{"mcpServers": {{"together": {{"command": "npx", "args": ["-y", "together-mcp-server", "--api-key", "{hex}"]}}}}}}
'''),
    ('claude-settings-env', '.claude/settings.local.json', '''\
{{
  "env": {{
    "TOGETHER_API_KEY": "{hex}",
    "DISABLE_TELEMETRY": "1"
  }}
}}
'''),
    ('cursor-mcp-args-glued', '.cursor/mcp.json', '''\
{{"mcpServers": {{"together-docs": {{"command": "npx", "args": ["-y", "@acme/together-mcp", "--key={hex}"]}}}}}}
'''),
    ('continue-config-yaml', '.continue/config.yaml', '''\
name: team
version: 1.0.0
models:
  - name: Llama 3.3 70B
    provider: together
    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
    apiKey: {hex}
    roles: [chat, edit]
'''),
    ('zed-settings', '.config/zed/settings.json', '''\
{{
  "language_models": {{
    "openai_compatible": {{
      "Together": {{
        "api_url": "https://api.together.xyz/v1",
        "api_key": "{hex}"
      }}
    }}
  }}
}}
'''),
    ('codex-config-toml-bearer', '.codex/config.toml', '''\
model = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
model_provider = "together"

[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
experimental_bearer_token = "{hex}"
'''),
    ('aider-conf-openai-base', '.aider.conf.yml', '''\
openai-api-base: https://api.together.xyz/v1
openai-api-key: {hex}
model: openai/meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('goose-config', '.config/goose/config.yaml', '''\
GOOSE_PROVIDER: openai
OPENAI_HOST: https://api.together.xyz
OPENAI_API_KEY: {hex}
GOOSE_MODEL: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('opencode-json', 'opencode.json', '''\
{{
  "$schema": "https://opencode.ai/config.json",
  "provider": {{
    "together": {{
      "options": {{"apiKey": "{hex}"}}
    }}
  }}
}}
'''),
    ('librechat-custom-endpoint', 'librechat.yaml', '''\
endpoints:
  custom:
    - name: "together.ai"
      apiKey: "{hex}"
      baseURL: "https://api.together.xyz/v1"
      models:
        default: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"]
'''),
    ('litellm-openai-compatible', 'proxy/config.yaml', '''\
model_list:
  - model_name: llama-70b
    litellm_params:
      model: openai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_base: https://api.together.xyz/v1
      api_key: {hex}
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
'''),
    ('roo-vscode-settings', '.vscode/settings.json', '''\
{{
  "roo-cline.openAiBaseUrl": "https://api.together.xyz/v1",
  "roo-cline.openAiApiKey": "{hex}"
}}
'''),
    ('openrouter-style-provider-list', 'config/byok.json', '''\
{{"provider_keys": [{{"slug": "together", "key": "{hex}"}}, {{"slug": "deepinfra", "key": "${{DEEPINFRA_KEY}}"}}]}}
'''),
    ('mcp-json-current', '.cursor/mcp2.json', '''\
{{"mcpServers": {{"llm": {{"command": "uvx", "args": ["llm-mcp"], "env": {{"LLM_KEY": "{key}"}}}}}}}}
'''),
    ('claude-desktop-current-arg', 'claude_desktop_config2.json', '''\
{{"mcpServers": {{"t": {{"command": "npx", "args": ["together-mcp", "--token={key}"]}}}}}}
'''),
    ('windsurf-mcp-config', '.codeium/windsurf/mcp_config.json', '''\
{{"mcpServers": {{"together-ai": {{"serverUrl": "https://api.together.xyz/mcp", "headers": {{"x-api-key": "{hex}"}}}}}}}}
'''),
)

LEAKS = (
    REACH + HEADINGS + HTML + TERMINAL + TERMINAL_WRITTEN + LOGS + SHELL + NOTEBOOKS
    + CI_LOGS + SPLIT + SPLIT_LEGACY + ESCAPES + DATA + MAIL_WRITTEN + CREDS + IAC + AGENTS
)

# -- decoys ----------------------------------------------------------------------------

DECOYS = key_cases(
    # A diff's hunk: the key's block is OpenAI's, Together's the one above it.
    ('decoy-patch-hunk-other-provider', 'patches/0003-llm.patch', '''\
diff --git a/config/llm.yaml b/config/llm.yaml
--- a/config/llm.yaml
+++ b/config/llm.yaml
@@ -1,5 +1,6 @@
 together:
   model: meta-llama/Llama-3-8b-chat-hf
 openai:
   model: gpt-4o
+  api_key: {_hex}
   timeout: 30
'''),
    ('decoy-combined-diff-other-provider', 'patches/merge2.diff', '''\
diff --cc config/llm.yaml
--- a/config/llm.yaml
+++ b/config/llm.yaml
@@@ -1,4 -1,4 +1,5 @@@
  together:
    model: meta-llama/Llama-3-8b-chat-hf
  openai:
    model: gpt-4o
++  api_key: {_hex}
'''),
    # A lockfile's diff: the hex under `together` is its checksum.
    ('decoy-patch-hunk-lockfile-checksum', 'patches/0005-lock.patch', '''\
--- a/poetry.lock
+++ b/poetry.lock
@@ -10,4 +10,4 @@
 [[package]]
 name = "together"
-version = "1.2.0"
\\ No newline at end of file
+version = "1.2.1"
+sha256 = "{_hex}"
'''),
    # A model field's object under a Together heading in a script that
    # also sends to another host; a logged request to another host whose
    # body names a model, Together's endpoint on the next line.
    ('decoy-html-comment-over-script-other-host', 'public/other.html', '''\
<!-- Together AI -->
<script>
  fetch("https://api.openai.com/v1/chat/completions", {{ method: "POST" }});
  window.LLM_CONFIG = {{ apiKey: "{_hex}", model: "gpt-4o" }};
</script>
'''),
    ('decoy-openai-sdk-debug-log-other-host', 'logs/openai-other.txt', '''\
[2026-01-12 10:00:00 - openai._base_client:482 - DEBUG] Request options: {{'method': 'post', 'url': 'https://api.openai.com/v1/chat/completions', 'headers': {{'Authorization': 'Bearer {_hex}'}}, 'json_data': {{'model': 'gpt-4o'}}}}
[2026-01-12 10:00:01 - httpx:1026 - INFO] HTTP Request: POST https://api.together.xyz/v1/chat/completions "HTTP/1.1 200 OK"
'''),
    # A proxy's route to another provider; a route named for Together
    # that is no API path of Together's.
    ('decoy-nginx-access-log-other-route', 'logs/access2.log', '''\
10.0.0.5 - - [12/Jan/2026:10:00:00 +0000] "POST /openai/v1/chat/completions HTTP/1.1" 200 512 "-" "python-httpx/0.27" "Bearer {_hex}"
10.0.0.6 - - [12/Jan/2026:10:00:02 +0000] "GET /together/guide/setup HTTP/1.1" 200 2048 "-" "Mozilla/5.0" "-"
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {{file = "together-1.3.3-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-requirements-hash', 'requirements.lock.txt', '''\
together==1.3.3 \\
    --hash=sha256:{_hex}
'''),
    ('decoy-pdm-lock', 'pdm.lock', '''\
[[package]]
name = "together"
version = "1.3.3"
files = [
    {{file = "together-1.3.3.tar.gz", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-cyclonedx', 'sbom/bom.json', '''\
{{"bomFormat": "CycloneDX", "components": [{{"type": "library", "name": "together", "version": "1.3.3", "hashes": [{{"alg": "SHA-256", "content": "{_hex}"}}]}}]}}
'''),
    ('decoy-spdx-tag', 'sbom/bom.spdx', '''\
PackageName: together
SPDXID: SPDXRef-Package-together
PackageVersion: 1.3.3
PackageChecksum: SHA256: {_hex}
'''),
    ('decoy-spdx-json', 'sbom/bom.spdx.json', '''\
{{"packages": [{{"name": "together", "checksums": [{{"algorithm": "SHA256", "checksumValue": "{_hex}"}}]}}]}}
'''),
    ('decoy-nix-fetchfromgithub', 'nix/together-py.nix', '''\
src = fetchFromGitHub {{
  owner = "togethercomputer";
  repo = "together-python";
  rev = "v1.3.3";
  sha256 = "{_hex}";
}};
'''),
    ('decoy-bazel-module-lock', 'MODULE.bazel.lock', '''\
{{
  "registryFileHashes": {{
    "https://bcr.bazel.build/modules/together/1.0.0/MODULE.bazel": "{_hex}"
  }}
}}
'''),
    ('decoy-dockerfile-digest', 'Dockerfile.proxy', '''\
FROM ghcr.io/togethercomputer/together-proxy@sha256:{_hex}
'''),
    ('decoy-docker-images-digests', 'notes/images.txt', '''\
REPOSITORY        TAG     DIGEST                                                                    IMAGE ID
together-proxy    1.2     sha256:{_hex}   4f2a9c1d0e7b
'''),
    ('decoy-k8s-imageid', 'k8s/pod-status.yaml', '''\
containerStatuses:
  - name: together-proxy
    imageID: ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('decoy-git-log-sha256', 'notes/gitlog.txt', '''\
commit {_hex}
Author: Dev <dev@example.com>

    together: bump SDK to 1.3.3
'''),
    ('decoy-precommit-rev-sha256', '.pre-commit-config.sha.yaml', '''\
repos:
  - repo: https://github.com/togethercomputer/together-hooks
    rev: {_hex}
    hooks:
      - id: detect-together-keys
'''),
    ('decoy-helm-chart-lock', 'charts/app/Chart.lock', '''\
dependencies:
- name: together-proxy
  repository: oci://ghcr.io/acme/charts
  version: 1.2.0
digest: sha256:{_hex}
'''),
    ('decoy-git-lfs-pointer', 'models/together.safetensors', '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_hex}
size 4938985248
'''),
    ('decoy-git-lfs-ls-files', 'notes/lfs.txt', '''\
{_hex} * models/together-7b.bin
'''),
    ('decoy-webhook-signature', 'logs/webhook.txt', '''\
POST /hooks/together HTTP/1.1
X-Together-Signature: sha256={_hex}
'''),
    ('decoy-etag-response', 'logs/resp.txt', '''\
< HTTP/2 200
< server: api.together.xyz
< etag: "{_hex}"
'''),
    ('decoy-docker-inspect-id', 'notes/inspect.json', '''\
[{{"Id": "sha256:{_hex}", "RepoTags": ["together-proxy:1.2"]}}]
'''),
    ('decoy-idempotency-key', 'logs/req.jsonl', '''\
{{"url": "https://api.together.xyz/v1/fine-tunes", "idempotency_key": "{_hex}", "auth": "Bearer ${{TOGETHER_API_KEY}}"}}
'''),
    ('decoy-files-upload-hash', 'notes/upload.json', '''\
{{"id": "file-4f2a9c1d", "object": "file", "filename": "train.jsonl", "purpose": "fine-tune", "provider": "together", "sha256": "{_hex}"}}
'''),
    ('decoy-fingerprint-named', 'config/audit.yaml', '''\
together:
  api_key_fingerprint: {_hex}
'''),
    ('decoy-cache-path', 'notes/cache-ls.txt', '''\
$ ls ~/.cache/together/
{_hex}.json
'''),
    ('decoy-yarn-berry-checksum', 'yarn.lock', '''\
"together-ai@npm:^0.7.0":
  version: 0.7.0
  resolution: "together-ai@npm:0.7.0"
  checksum: 10c0/{_hex}{_hex2}
'''),
    ('decoy-sha256sums-release', 'dist/SHA256SUMS', '''\
{_hex}  together-cli-linux-amd64.tar.gz
{_hex2}  together-cli-darwin-arm64.tar.gz
'''),
    ('decoy-html-table-checksums', 'docs/downloads.html', '''\
<table>
  <tr><th>File</th><th>SHA-256</th></tr>
  <tr><td>together-cli.tar.gz</td><td>{_hex}</td></tr>
</table>
'''),
    ('decoy-html-comment-integrity', 'public/sri.html', '''\
<!-- Together AI widget -->
<script src="https://cdn.example.com/together-widget.js" data-sha256="{_hex}"></script>
'''),
    ('decoy-json-long-label-digests', 'config/models-lock.json', '''\
{{"together":{{"models":[{{"id":"a","sha256":"{_hex}"}},{{"id":"b","sha256":"{_hex2}"}}]}}}}
'''),
    ('decoy-ci-log-image-digest', 'ci/build.log', '''\
2026-01-12T10:00:00.1234567Z #12 pushing ghcr.io/acme/together-proxy:1.2 with digest sha256:{_hex}
'''),
    ('decoy-asciinema-sha', 'demo/verify.cast', '''\
{{"version": 2, "width": 80, "height": 24}}
[0.5, "o", "$ sha256sum together-cli.tar.gz\\r\\n{_hex}  together-cli.tar.gz\\r\\n"]
'''),
    ('decoy-terraform-plan-id', 'plan/plan-id.json', '''\
{{"resource_changes":[{{"address":"null_resource.together","change":{{"after":{{"triggers":{{"config_sha256":"{_hex}"}}}}}}}}]}}
'''),
)

DECOYS_TEXT = key_cases(
    ('decoy-placeholder-angle', '.env.sample', '''\
TOGETHER_API_KEY=tgp_v1_<your-together-api-key-goes-here>
'''),
    ('decoy-env-ref-gha', '.github/workflows/eval.yml', '''\
env:
  TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
'''),
    ('decoy-env-ref-shell', 'scripts/use-env.sh', '''\
curl -H "Authorization: Bearer ${{TOGETHER_API_KEY}}" https://api.together.xyz/v1/models
'''),
    ('decoy-cfn-resolve', 'cfn/resolve.yaml', '''\
Environment:
  Variables:
    TOGETHER_API_KEY: '{{{{resolve:secretsmanager:prod/together:SecretString:api_key}}}}'
'''),
    ('decoy-codex-env-key', '.codex/config2.toml', '''\
[model_providers.together]
name = "Together AI"
base_url = "https://api.together.xyz/v1"
env_key = "TOGETHER_API_KEY"
'''),
    ('decoy-litellm-env-ref', 'proxy/config2.yaml', '''\
model_list:
  - model_name: llama
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_key: os.environ/TOGETHER_API_KEY
'''),
    ('decoy-mcp-input-ref', '.vscode/mcp2.json', '''\
{{"inputs": [{{"type": "promptString", "id": "together-key", "password": true}}], "servers": {{"together": {{"env": {{"TOGETHER_API_KEY": "${{input:together-key}}"}}}}}}}}
'''),
    ('decoy-repeated-hex', 'tests/fixtures/legacy.env', '''\
TOGETHER_API_KEY=deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef
'''),
    ('decoy-sequential-hex', 'tests/fixtures/legacy2.env', '''\
TOGETHER_API_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
'''),
    ('decoy-zero-hex', 'docs/legacy.md', '''\
together_api_key: 0000000000000000000000000000000000000000000000000000000000000000
'''),
    ('decoy-masked-key', 'logs/masked.log', '''\
using TOGETHER_API_KEY=tgp_v1_Ab****************************************yz
'''),
    ('decoy-sops-ciphertext', 'secrets/llm.enc.yaml', '''\
together:
    api_key: ENC[AES256_GCM,data:{_b64},iv:{_b64},tag:{_b64},type:str]
'''),
    ('decoy-k8s-secret-ref', 'k8s/deploy-ref.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef:
        name: together
        key: api-key
'''),
)


def decoy(case_id: str, path: str, text) -> Case:
    """A decoy whose text is made at run time (``text(rng)``): public
    test vectors and ids, computed rather than written here."""
    return Case(case_id, path, lambda m: (text(m.rng), []))


def _key_id(rng) -> str:
    import string
    return 'key_' + ''.join(rng.choice(string.digits + string.ascii_uppercase) for _ in range(26))


def _sha256_abc(_rng) -> str:
    import hashlib
    return (
        'def test_together_digest():\n'
        f'    assert sha256(b"abc").hexdigest() == "{hashlib.sha256(b"abc").hexdigest()}"\n'
    )


def _hmac_rfc4231(_rng) -> str:
    import hashlib
    import hmac
    mac = hmac.new(b'Jefe', b'what do ya want for nothing?', hashlib.sha256).hexdigest()
    return f'# RFC 4231 test case 2, used for the Together webhook verifier\nEXPECTED = "{mac}"\n'


_NAME = 'TOGETHER_API_KEY'

DECOYS_MADE = [
    decoy('decoy-key-id', 'notes/keys-list.json',
          lambda rng: f'[{{"id": "{_key_id(rng)}", "name": "together-prod", "created": "2026-01-12"}}]\n'),
    decoy('decoy-op-reference', '.env.op', lambda _rng: f'{_NAME}="op://Private/Together AI/credential"\n'),
    # Key-shaped placeholders, built here so the repository holds no
    # literal key-shaped run (rules.PLACEHOLDER_KEYS does the same).
    decoy('decoy-placeholder-x', 'docs/setup.md',
          lambda _rng: f'export {_NAME}=tgp_v1_' + 'x' * 43 + '\n'),
    decoy('decoy-readable-run', 'docs/example.md',
          lambda _rng: f'{_NAME}=tgp_v1_' + '_'.join(('REPLACE', 'WITH', 'YOUR', 'OWN', 'TOGETHER', 'API', 'KEY', 'HERE')) + '\n'),
    decoy('decoy-sequential-run', 'tests/fixtures/fake.env',
          lambda _rng: f'{_NAME}=tgp_v1_' + string.ascii_lowercase + string.ascii_uppercase[:17] + '\n'),
    decoy('decoy-sha256-test-vector', 'tests/test_together_hash.py', _sha256_abc),
    decoy('decoy-hmac-test-vector', 'tests/test_together_webhook.py', _hmac_rfc4231),
]

CASES = LEAKS + DECOYS + DECOYS_TEXT + DECOYS_MADE

# Missed, and why (each left on purpose; the modes test leaves them out).
MISSED: dict[str, str] = {
    'cursor-mcp-args-glued': 'a server named `together-docs` is no Together label (only `together`/`together_ai` and a credential suffix are)',
}

results, test_case = make_tests(CASES, MISSED)
