"""A twenty-fifth held-out probe (session 29): ``tgp_v1_`` keys as they
really leak where earlier sets did not look.  Terminal output with ANSI
codes inside a key (ripgrep's match colour, a cursor move and an erase
from a ``script`` recording, an asciinema event's ``\\u001b[`` inside
the key), a key hard-wrapped at 80 columns in a pasted log; URLs (a key
in a path segment, in an encoded ``next=`` URL); a CSV cell of JSON with
doubled quotes, a Markdown table's double-backtick code span; RTF
(TextEdit's line ends, Word's revision runs inside a key), LaTeX
``\\_`` throughout a key, roff ``\\-`` and ``nroff`` overstrike; HTML
with ``<wbr>``, ``&shy;`` and a zero-width space inside a key (Gmail and
web UIs insert them: a copy keeps them); JSON with ``\\u005f`` and
``\\u002d`` throughout; a YAML folded scalar; Python's prefix and body
as two literals; a shell heredoc, ``git config --list``, a notebook's
coloured stream output, a crash dump's ``repr``, a minified bundle, a
source map's ``sourcesContent``, a HAR request header, a Postman
collection variable, a ``.http`` file, VS Code ``launch.json``, an
``.npmrc`` token and a ``.pypirc`` password.  Decoys: truncated and
ellipsised keys, 42 and 44 characters (also behind the same escapes),
masked keys, key ids, references, placeholders, ``tgp_v1_`` inside a
longer base64 run, a ``repr`` cut below 50.
Written before any fix; what the 2e3cc7a8 code missed is in ``MISSED``
(strict xfails) or was fixed in the same session (docs/detection.md,
"Found since the twenty-fifth held-out set").
"""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

ESC = '\x1b'

# -- terminal output ------------------------------------------------------------------------------


def _rg_match_colour(m: Made):
    # ``rg --color=always v1_`` over a config: the match coloured inside
    # the key, its path and line number coloured before it
    k = m.key()
    line = (f'{ESC}[0m{ESC}[35mconfig/prod.env{ESC}[0m:{ESC}[0m{ESC}[32m3{ESC}[0m:'
            f'TOGETHER_API_KEY=tgp_{ESC}[0m{ESC}[1m{ESC}[31mv1_{ESC}[0m{k[7:]}\n')
    return 'rg --color=always v1_ config/\n' + line, [(2, k)]


def _script_cursor_moves(m: Made):
    # a ``script`` recording of readline redrawing a pasted line: the
    # cursor moved back and the rest erased, inside the key
    k = m.key()
    text = ('Script started on 2025-02-03 09:00:00+00:00 [TERM="xterm-256color" COLUMNS="120"]\n'
            f'$ export TOGETHER_API_KEY={k[:30]}{ESC}[K{k[30:]}\r\n'
            f'$ echo ok{ESC}[?2004l\r\r\nok\r\n')
    return text, [(2, k)]


def _cast_bold_inside(m: Made):
    # an asciinema event: ``bat`` highlighting the value, a bold code
    # written after the key's prefix inside the JSON string
    k = m.key()
    text = ('{"version": 2, "width": 100, "height": 30}\n'
            '[0.2, "o", "\\u001b[38;5;231mTOGETHER_API_KEY\\u001b[0m\\u001b[38;5;203m=\\u001b[0m'
            f'\\u001b[38;5;186m{k[:7]}\\u001b[1m{k[7:]}\\u001b[0m\\r\\n"]\n')
    return text, [(2, k)]


def _wrapped_80(m: Made):
    # a log line pasted from an 80-column terminal: hard newlines where
    # the terminal wrapped, one inside the key
    k = m.key()
    line = ('2025-02-03T09:00:00Z DEBUG together.client request headers={"Authorization": '
            f'"Bearer {k}", "User-Agent": "together-python/1.3.0"}}')
    rows = [line[i:i + 80] for i in range(0, len(line), 80)]
    text = 'pasted from my terminal:\n\n' + '\n'.join(rows) + '\n'
    return text, [(line_of(text, k[:10]), k)]


def _overstrike(m: Made):
    # ``nroff -man`` (or an old ``.cat`` page) writes bold as a
    # character, a backspace, the character again
    k = m.key()
    bold = ''.join(f'{c}\b{c}' for c in k)
    text = ('CHAT(1)                    User Commands                    CHAT(1)\n\n'
            'EXAMPLES\n'
            f'       TOGETHER_API_KEY={bold} chat --model llama\n')
    return text, [(4, k)]


def _underline(m: Made):
    # ``.I`` (italic): an underline struck over each character
    k = m.key()
    under = ''.join(f'_\b{c}' for c in k)
    return f'OPTIONS\n       --key {under}\n', [(2, k)]


def _diff_highlight(m: Made):
    # ``git log -p`` through ``diff-highlight``: the changed part of each
    # line in reverse video, inside the old and the new key
    k1, k2 = m.key(), m.key()
    text = (f'{ESC}[1mdiff --git a/.env b/.env{ESC}[m\n'
            f'{ESC}[31m-TOGETHER_API_KEY={k1[:7]}{ESC}[7m{k1[7:]}{ESC}[27m{ESC}[m\n'
            f'{ESC}[32m+TOGETHER_API_KEY={k2[:7]}{ESC}[7m{k2[7:]}{ESC}[27m{ESC}[m\n')
    return text, [(2, k1), (3, k2)]


def _less_search(m: Made):
    # ``less -R`` with a search for ``Bearer`` kept on screen, captured by
    # ``tmux capture-pane -e``: the match in reverse video, then the key
    # with a colour reset between two characters where a highlight ended
    k = m.key()
    return (f'{ESC}[7mBearer{ESC}[27m {k[:19]}{ESC}[m{ESC}[m{k[19:]}{ESC}[K\n'), [(1, k)]


def _format_list(m: Made):
    # PowerShell's ``Get-ChildItem env: | Format-List`` wraps a long value
    # at the console's width, its rest under the value column
    k = m.key()
    value = k
    first, rest = value[:33], value[33:]
    text = ('\nName  : TOGETHER_API_KEY\n'
            f'Value : {first}\n'
            f'        {rest}\n\n'
            'Name  : USERNAME\nValue : alice\n')
    return text, [(3, k)]


TERMINAL = [
    Case('rg-colour-match-inside-key', 'notes/rg-output.txt', _rg_match_colour),
    Case('script-erase-inside-key', 'notes/paste.typescript', _script_cursor_moves),
    Case('asciinema-bold-after-prefix', 'casts/bat.cast', _cast_bold_inside),
    Case('terminal-wrap-80-pasted-log', 'notes/debug-paste.md', _wrapped_80),
    Case('nroff-overstrike-bold', 'man/cat1/chat.1.txt', _overstrike),
    Case('nroff-overstrike-underline', 'man/cat1/chat-key.1.txt', _underline),
    Case('diff-highlight-reverse-video', 'notes/log-p.txt', _diff_highlight),
    Case('less-search-capture-reset-inside', 'notes/less-pane.txt', _less_search),
    Case('powershell-format-list-wrapped', 'notes/env-list.txt', _format_list),
]

# -- URLs and tables ---------------------------------------------------------------------------------

PLAIN = key_cases(
    ('url-path-segment', 'logs/proxy-access.log', '''\
10.0.0.7 - - [03/Feb/2025:09:00:00 +0000] "GET /relay/together/{key}/v1/models HTTP/1.1" 200 5123 "-" "curl/8.5.0"
'''),
    ('url-encoded-next-param', 'logs/auth.log', '''\
2025-02-03 09:00:01 INFO redirect to /login?next=https%3A%2F%2Fapi.together.xyz%2Fv1%2Fmodels%3Fapi_key%3D{key}%26limit%3D5
'''),
    ('csv-cell-json-doubled-quotes', 'exports/integrations.csv', '''\
id,name,settings,created_at
7,chat,"{{""provider"": ""together"", ""api_key"": ""{key}""}}",2025-02-03
'''),
    ('markdown-double-backtick-span', 'docs/oncall.md', '''\
| env | key |
|-----|-----|
| prod | ``{key}`` |
'''),
    ('rtf-textedit-line-ends', 'notes/keys.rtf', '''\
{{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761
{{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}}
\\f0\\fs24 \\cf0 Together prod\\
{key}\\
rotate monthly}}
'''),
    ('latex-escaped-underscores', 'paper/appendix.tex', '''\
\\section{{Reproducing the runs}}
Set \\texttt{{TOGETHER\\_API\\_KEY=<<<ESCAPED>>>}} before running \\texttt{{make eval}}.
'''),
    ('roff-escaped-dashes', 'man/man1/chat.1', '''\
.TH CHAT 1
.SH EXAMPLES
.B TOGETHER_API_KEY=<<<ROFF>>>
.B chat
'''),
    ('yaml-folded-scalar', 'deploy/values.yaml', '''\
together:
  apiKey: >
    {_key_a}
    {_key_b}
  model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('python-prefix-literal-plus', 'scripts/smoke.py', '''\
API_KEY = "tgp_v1_" + "<<<BODY>>>"
'''),
    ('shell-heredoc-env', 'scripts/bootstrap.sh', '''\
cat > .env <<'EOF'
APP_ENV=prod
TOGETHER_API_KEY={key}
EOF
'''),
    ('git-config-list-output', 'notes/git-config.txt', '''\
$ git config --list --show-origin
file:/home/alice/.gitconfig\tuser.name=Alice
file:.git/config\ttogether.apikey={key}
'''),
    ('minified-bundle', 'dist/assets/index-4f1c2a.js', '''\
"use strict";var e=Object.defineProperty;const n={{baseURL:"https://api.together.xyz/v1",apiKey:"{key}",dangerouslyAllowBrowser:!0}};export{{n as c}};
'''),
    ('http-rest-client-file', 'requests/chat.http', '''\
### list models
GET https://api.together.xyz/v1/models
Authorization: Bearer {key}
'''),
    ('vscode-launch-env', '.vscode/launch.json', '''\
{{
  "version": "0.2.0",
  "configurations": [
    {{"name": "chat", "type": "debugpy", "request": "launch", "program": "chat.py",
     "env": {{"TOGETHER_API_KEY": "{key}"}}}}
  ]
}}
'''),
    ('npmrc-auth-token', '.npmrc', '''\
registry=https://registry.npmjs.org/
//npm.internal.example.com/:_authToken={key}
'''),
    ('pypirc-password', '.pypirc', '''\
[distutils]
index-servers = internal

[internal]
repository = https://pypi.internal.example.com/
username = __token__
password = {key}
'''),
    ('sql-like-escaped-underscores', 'db/cleanup.sql', '''\
DELETE FROM api_keys WHERE provider = 'together' AND secret LIKE '<<<LIKE>>>' ESCAPE '\\';
'''),
    ('excel-csv-formula-text', 'exports/keys.csv', '''\
service,key,owner
Together AI,"=""{key}""",alice
'''),
    ('crash-dump-repr-whole', 'crash/2025-02-03.txt', '''\
Traceback (most recent call last):
  File "/srv/chat/app.py", line 88, in handle
    resp = client.chat(messages)
together.error.AuthenticationError: Error code: 401 - invalid api key
Locals:
  self = <ChatClient base_url='https://api.together.xyz/v1' api_key='{key}'>
'''),
)


def _fill(text: str, k: str, form: str) -> str:
    return text.replace(f'<<<{form}>>>', {
        'ESCAPED': k.replace('_', '\\_'),
        'ROFF': k.replace('-', '\\-'),
        'BODY': k[7:],
        'LIKE': k.replace('_', '\\_'),
    }[form])


def _escaped(case_id: str, form: str):
    template = next(c for c in PLAIN if c.id == case_id).build

    def build(m: Made):
        text, expected = template(m)
        k = m.key()
        text = _fill(text, k, form)
        return text, expected + [(line_of(text, _fill(f'<<<{form}>>>', k, form)[:9]), k)]
    return build


PLAIN = [
    Case(c.id, c.path, _escaped(c.id, form)) if form else c
    for c in PLAIN
    for form in [{'latex-escaped-underscores': 'ESCAPED', 'roff-escaped-dashes': 'ROFF',
                  'python-prefix-literal-plus': 'BODY', 'sql-like-escaped-underscores': 'LIKE'}.get(c.id)]
]

# -- HTML and JSON escapes --------------------------------------------------------------------------


def _html_wbr(m: Made):
    # Gmail's HTML writes ``<wbr>`` into a long unbroken word
    k = m.key()
    cut = k[:20] + '<wbr>' + k[20:40] + '<wbr>' + k[40:]
    text = ('<div dir="ltr">Here is the new Together key for the demo:<br>'
            f'<div><font face="monospace">{cut}</font></div>'
            '<div>Please rotate after Friday.</div></div>\n')
    return text, [(1, k)]


def _html_shy(m: Made):
    # a wiki's rendered HTML saved from the browser: soft hyphens inside
    k = m.key()
    cut = k[:16] + '&shy;' + k[16:32] + '&shy;' + k[32:]
    return f'<tr><td>Together AI</td><td><code>{cut}</code></td></tr>\n', [(1, k)]


def _zero_width(m: Made):
    # copied from a chat app that breaks long words with U+200B
    k = m.key()
    cut = k[:25] + '\u200b' + k[25:]
    return f'# staging\n\nTOGETHER_API_KEY={cut}\n', [(3, k)]


def _zwsp_entity(m: Made):
    # a CMS's HTML: a zero-width space written as a character reference
    k = m.key()
    return f'<p>Key: <code>{k[:30]}&#8203;{k[30:]}</code></p>\n', [(1, k)]


def _slack_export(m: Made):
    # a Slack export's JSON: the zero-width space its client inserted,
    # escaped
    k = m.key()
    msg = {'type': 'message', 'user': 'U024BE7LH', 'ts': '1738573200.000100',
           'text': f'new together key {k[:22]}\u200b{k[22:]} (staging)'}
    return json.dumps([msg], indent=4) + '\n', [(6, k)]


def _word_joiner(m: Made):
    k = m.key()
    return f'TOGETHER_API_KEY = "{k[:40]}\u2060{k[40:]}"\n', [(1, k)]


def _json_u_escapes(m: Made):
    # a JSON writer escaping every character outside [A-Za-z0-9]
    k = m.key()
    esc = ''.join(c if c.isalnum() else '\\u%04x' % ord(c) for c in k)
    text = '{"provider":"together","api_key":"' + esc + '","timeout":30}\n'
    return text, [(1, k)]


def _notebook_stream(m: Made):
    k = m.key()
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {},
                     'source': ['print(client.api_key)'],
                     'outputs': [{'name': 'stdout', 'output_type': 'stream',
                                  'text': [f'\x1b[32m{k}\x1b[0m\n']}]}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, k[:12]), k)]


def _source_map(m: Made):
    k = m.key()
    src = f'import Together from "together-ai";\nexport const client = new Together({{ apiKey: "{k}" }});\n'
    smap = {'version': 3, 'sources': ['../src/client.ts'], 'sourcesContent': [src],
            'names': [], 'mappings': 'AAAA,OAAO'}
    return json.dumps(smap) + '\n', [(1, k)]


def _har_header(m: Made):
    k = m.key()
    har = {'log': {'version': '1.2', 'creator': {'name': 'Firefox', 'version': '122.0'},
                   'entries': [{'request': {
                       'method': 'POST', 'url': 'https://api.together.xyz/v1/chat/completions',
                       'headers': [{'name': 'content-type', 'value': 'application/json'},
                                   {'name': 'authorization', 'value': f'Bearer {k}'}]}}]}}
    text = json.dumps(har, indent=2) + '\n'
    return text, [(line_of(text, k[:12]), k)]


def _postman_variable(m: Made):
    k = m.key()
    coll = {'info': {'name': 'Together', 'schema': 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'},
            'variable': [{'key': 'baseUrl', 'value': 'https://api.together.xyz/v1'},
                         {'key': 'togetherKey', 'value': k, 'type': 'string'}]}
    text = json.dumps(coll, indent='\t') + '\n'
    return text, [(line_of(text, k[:12]), k)]


ESCAPED = [
    Case('html-gmail-wbr', 'mail/keys.html', _html_wbr),
    Case('html-soft-hyphen', 'wiki/keys.html', _html_shy),
    Case('zero-width-space-paste', 'notes/staging.md', _zero_width),
    Case('html-zero-width-entity', 'cms/page.html', _zwsp_entity),
    Case('slack-export-zero-width-escaped', 'slack/eng/2025-02-03.json', _slack_export),
    Case('word-joiner-inside-key', 'config/settings.toml', _word_joiner),
    Case('json-u-escaped-punctuation', 'exports/settings.json', _json_u_escapes),
    Case('notebook-coloured-stream', 'notebooks/debug.ipynb', _notebook_stream),
    Case('source-map-sources-content', 'dist/assets/client.js.map', _source_map),
    Case('har-request-authorization', 'captures/firefox.har', _har_header),
    Case('postman-collection-variable', 'postman/Together.postman_collection.json', _postman_variable),
]


def _word_rsid(m: Made):
    # Word's RTF: a revision run (``\\insrsid``) starts inside the key
    # where it was edited
    k = m.key()
    text = ('{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Calibri;}}\n'
            '{\\*\\rsidtbl \\rsid1839271\\rsid6567811}\n'
            '\\pard\\plain \\f0\\fs22 {\\insrsid1839271 Together API key: ' + k[:24] + '}'
            '{\\insrsid6567811 ' + k[24:] + '}{\\insrsid1839271 \\par }}\n')
    return text, [(3, k)]


KEYS_MORE = [Case('rtf-word-revision-run-inside-key', 'docs/handover.rtf', _word_rsid)]

# -- decoys -------------------------------------------------------------------------------------------


def _masked(m: Made):
    k = m.key()
    return (f'| ci | {k[:7]}{"*" * 39}{k[-4:]} | active |\n'
            f'| dev | {k[:10]}\u2026{k[-4:]} | active |\n'
            f'| old | {k[:12]}... | revoked |\n'), []


def _lengths(m: Made):
    k1, k2 = m.key(), m.key()
    return f'TOGETHER_API_KEY={k1[:-1]}\nTOGETHER_API_KEY_OLD={k2}Q\n', []


def _escaped_lengths(m: Made):
    # the same escapes a key is found behind, around 42 and 44 characters
    k1, k2, k3 = m.key(), m.key(), m.key()
    tex = k1[:-1].replace('_', '\\_')
    roff = (k2 + 'x').replace('-', '\\-')
    esc = ''.join(c if c.isalnum() else '\\u%04x' % ord(c) for c in k3[:-1])
    return (f'\\texttt{{{tex}}}\n.B {roff}\n'
            '{"api_key":"' + esc + '"}\n'), []


def _html_short(m: Made):
    k = m.key()
    return f'<code>{k[:20]}<wbr>{k[20:-1]}</code>\n<code>{k[:20]}&shy;{k[20:]}A</code>\n', []


def _b64_substring(m: Made):
    # ``tgp_v1_`` inside a longer URL-safe base64 run (a JWT signature's
    # bytes happen to spell it)
    k = m.key()
    sig = base64.urlsafe_b64encode(m.rng.randbytes(30)).decode().rstrip('=') + k + 'Xy9'
    return f'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.{sig}\n', []


def _repr_cut(m: Made):
    k = m.key()
    return (f"  api_key = '{k[:40]}...'\n"
            f"  headers = {{'Authorization': 'Bearer {k[:30]}'...}}\n"), []


def _wrapped_short(m: Made):
    # a wrapped log whose pieces make 49 characters
    k = m.key()
    line = 'x' * 60 + 'TOKEN=' + k[:-1] + ' end'
    return '\n'.join(line[i:i + 80] for i in range(0, len(line), 80)) + '\n', []


def _rg_colour_long(m: Made):
    k = m.key()
    return f'TOGETHER_API_KEY=tgp_{ESC}[0m{ESC}[1m{ESC}[31mv1_{ESC}[0m{k[7:]}Z\n', []


def _key_ids(m: Made):
    k = m.key()
    return json.dumps({'data': [{'id': 'key_' + k[7:], 'object': 'api_key', 'last4': k[-4:]}]}) + '\n', []


DECOYS = key_cases(
    ('decoy-env-references', '.vscode/settings.json', '''\
{{"terminal.integrated.env.linux": {{"TOGETHER_API_KEY": "${{env:TOGETHER_API_KEY}}"}}}}
'''),
    ('decoy-http-file-variable', 'requests/models.http', '''\
@token = {{{{$dotenv TOGETHER_API_KEY}}}}
GET https://api.together.xyz/v1/models
Authorization: Bearer {{{{token}}}}
'''),
    ('decoy-npmrc-env', '.npmrc.example', '''\
//npm.internal.example.com/:_authToken=${{NPM_TOKEN}}
'''),
    ('decoy-docs-placeholder', 'docs/quickstart.md', '''\
export TOGETHER_API_KEY=tgp_v1_<your-key>
export TOGETHER_API_KEY="tgp_v1_..."
'''),
    ('decoy-heredoc-reference', 'scripts/env.sh', '''\
cat > .env <<EOF
TOGETHER_API_KEY=$(op read op://dev/together/credential)
EOF
'''),
    ('decoy-pypirc-placeholder', '.pypirc.example', '''\
[pypi]
username = __token__
password = pypi-<your token>
'''),
    ('decoy-git-config-reference', 'notes/git-config2.txt', '''\
file:.git/config\ttogether.apikeycmd=pass show together/api-key
'''),
    ('decoy-minified-env-lookup', 'dist/assets/env-1a2b.js', '''\
const t={{apiKey:import.meta.env.VITE_TOGETHER_API_KEY,baseURL:"https://api.together.xyz/v1"}};
'''),
)


def _zwsp_short(m: Made):
    k = m.key()
    return f'TOGETHER_API_KEY={k[:25]}\u200b{k[25:-1]}\n<p>{k[:30]}&#8203;{k[30:]}Q</p>\n', []


def _diff_ids(m: Made):
    k1, k2 = m.key(), m.key()
    return (f'{ESC}[31m-key_id: key_{k1[7:17]}{ESC}[7m{k1[17:]}{ESC}[27m{ESC}[m\n'
            f'{ESC}[32m+key_id: key_{k2[7:17]}{ESC}[7m{k2[17:]}{ESC}[27m{ESC}[m\n'), []


def _overstrike_placeholder(m: Made):
    ph = 'tgp_v1_<your-key>'
    return '       TOGETHER_API_KEY=' + ''.join(f'{c}\b{c}' for c in ph) + ' chat\n', []


def _sql_like_prefix(m: Made):
    k = m.key()
    return ("SELECT count(*) FROM api_keys WHERE secret LIKE 'tgp\\_v1\\_%' ESCAPE '\\';\n"
            "SELECT * FROM api_keys WHERE secret LIKE '" + k[:20].replace('_', '\\_') + "%';\n"), []


def _format_table_cut(m: Made):
    k = m.key()
    return ('Name                           Value\n----                           -----\n'
            f'TOGETHER_API_KEY               {k[:37]}\u2026\n'), []


def _url_path_long(m: Made):
    k = m.key()
    return f'"GET /relay/together/{k}0/v1/models HTTP/1.1" 404\n', []


def _placeholder_xs(m: Made):
    return ('API_KEY = "tgp_v1_" + "' + 'x' * 43 + '"\n'
            'TOGETHER_API_KEY=tgp_v1_' + 'X' * 20 + '\u200b' + 'X' * 23 + '\n'), []


def _prefix_only(m: Made):
    # a prefix written alone and a body that is the key's without its
    # prefix, far apart: no literal join
    k = m.key()
    return ('PREFIX = "tgp_v1_"\n\n\ndef make(body):\n    return PREFIX + body\n\n\n'
            f'SESSION = "{k[7:-1]}"\n'), []


DECOYS += [
    Case('decoy-masked-and-ellipsised', 'notes/keys-table.md', _masked),
    Case('decoy-42-and-44-chars', 'config/wrong.env', _lengths),
    Case('decoy-escaped-42-and-44', 'docs/escaped.txt', _escaped_lengths),
    Case('decoy-html-breaks-wrong-length', 'wiki/short.html', _html_short),
    Case('decoy-base64-substring', 'tokens/jwt.txt', _b64_substring),
    Case('decoy-repr-cut-below-50', 'crash/short.txt', _repr_cut),
    Case('decoy-wrapped-49', 'notes/wrapped-short.log', _wrapped_short),
    Case('decoy-rg-colour-51', 'notes/rg-long.txt', _rg_colour_long),
    Case('decoy-key-ids', 'exports/api-keys.json', _key_ids),
    Case('decoy-zero-width-wrong-length', 'notes/zw-short.md', _zwsp_short),
    Case('decoy-diff-highlight-key-ids', 'notes/ids-log-p.txt', _diff_ids),
    Case('decoy-overstrike-placeholder', 'man/cat1/ph.1.txt', _overstrike_placeholder),
    Case('decoy-sql-like-prefix', 'db/audit.sql', _sql_like_prefix),
    Case('decoy-format-table-ellipsis', 'notes/env-table.txt', _format_table_cut),
    Case('decoy-url-path-51', 'logs/proxy-404.log', _url_path_long),
    Case('decoy-placeholder-xs', 'scripts/placeholder.py', _placeholder_xs),
    Case('decoy-prefix-and-body-apart', 'scripts/apart.py', _prefix_only),
]

CASES = TERMINAL + PLAIN + ESCAPED + KEYS_MORE + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'nroff-overstrike-underline': "nroff's underline (`_\\bt`) throughout a key, its prefix too: the backspaces are undone only around a keyword or an escape mark, and a mark for the prefix underlined (`_\\bg_\\bp`) would be a search of its own in the hook's screen",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 20, (keys, decoys)
