"""A twenty-fourth held-out probe (session 27): ``tgp_v1_`` keys in the
files where they really leak that are not source code, beyond the shell
histories, HAR files, API clients and ANSI captures earlier sets hold.
Histories: zsh's continued lines and its metafied bytes glued to a key,
libedit's ``_HiStOrY_V2_`` with ``\\040``, ``.node_repl_history``,
``.psql_history``; terminal captures: a ``git diff --word-diff`` of a
rotated key (``[-…-]{+…+}``) and its ``--color-words`` form, a key
printed without a newline with bash's prompt glued after it (plain and
coloured), zsh-autosuggestions' grey tail, an asciinema output cut
between two pty reads, ``tmux capture-pane`` cutting
a key at the pane's width; debug output: ``strace -s 256`` and ``-xx``,
``ltrace``, ``gdb``; HTTP captures: a chunked body whose size line cuts a
key, Burp's XML with a base64 request, a HAR response's base64 content,
a mitmproxy flow (tnetstring), Wireshark's packet-bytes export; Postman's ``apikey`` auth; ML tools: an
MLflow param file (no newline), W&B's ``config.yaml``; stores: a
``.reg`` ``hex(7)`` multi-string (UTF-16LE hex), a SQLite WAL file's row, Chrome's localStorage LevelDB log (Latin-1 and
UTF-16 values).  Decoys: ``strace``'s own truncation (``"…tgp_v1_Ab"...``,
also in ``-xx`` hex), pytest's ellipsised repr, UI-redacted keys,
placeholders in each tool's syntax, a key id ``key_…``, references
(``${TOGETHER_API_KEY}``, ``{{together_api_key}}``, ``$(pass show …)``),
a 51-character run, a chunked body whose pieces make 57 characters.
Written before any fix; what the c9b0e3b code missed is in ``MISSED``
(strict xfails) or was fixed in the same session (docs/detection.md,
"Found since the twenty-fourth held-out set").
"""
from __future__ import annotations

import base64
import json
import os
import sqlite3
import struct
import tempfile

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- histories ----------------------------------------------------------------------------------

HISTORIES = key_cases(
    ('zsh-history-continued-curl', '.zsh_history', '''\
: 1700000000:0;cd ~/src/chat
: 1700000042:12;curl https://api.together.xyz/v1/models \\
  -H "Authorization: Bearer {key}"
: 1700000100:0;git status
'''),
    ('libedit-python-history', '.python_history', '''\
_HiStOrY_V2_
import\\040os
os.environ["TOGETHER_API_KEY"]\\040=\\040"{key}"
'''),
    ('node-repl-history', '.node_repl_history', '''\
await client.chat.completions.create({{ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages }})
const client = new Together({{ apiKey: '{key}' }})
const Together = require('together-ai')
'''),
    ('psql-history-libedit', '.psql_history', '''\
_HiStOrY_V2_
INSERT\\040INTO\\040provider_keys\\040(provider,\\040api_key)\\040VALUES\\040('together',\\040'{key}');
\\\\q
'''),
)


def _zsh_metafied(m: Made):
    # zsh writes each byte >= 0x83 of a command as 0x83 then the byte ^ 0x20:
    # the guillemets and arrows around a key become runs of 0x83 bytes
    def meta(text: str) -> bytes:
        out = bytearray()
        for b in text.encode():
            out += bytes((0x83, b ^ 0x20)) if b >= 0x83 else bytes((b,))
        return bytes(out)
    k1, k2 = m.key(), m.key()
    data = (b': 1700000000:0;cd ~/src/chat\n'
            b': 1700000010:0;echo ' + meta('\u00ab') + k1.encode() + meta('\u00bb') + b'\n'
            b': 1700000020:0;export TOGETHER_API_KEY=' + k2.encode() + meta(' # \u2192 prod') + b'\n')
    return data, [(2, k1), (3, k2)]


# -- terminal captures ----------------------------------------------------------------------------

TERMINAL = key_cases(
    ('git-word-diff-plain', 'notes/rotation-diff.txt', '''\
$ git diff --word-diff
diff --git a/.env b/.env
index 3b18e51..a4c7f2d 100644
--- a/.env
+++ b/.env
@@ -1,3 +1,3 @@
APP_ENV=prod
[-TOGETHER_API_KEY={key}-]{{+TOGETHER_API_KEY={key2}+}}
DEBUG=0
'''),
    ('git-word-diff-porcelain', 'notes/rotation-porcelain.txt', '''\
@@ -2 +2 @@
-TOGETHER_API_KEY={key}
+TOGETHER_API_KEY={key2}
~
'''),
    ('git-color-words', 'notes/rotation-color.log', '''\
\x1b[1mdiff --git a/.env b/.env\x1b[m
\x1b[36m@@ -1,3 +1,3 @@\x1b[m
APP_ENV=prod\x1b[m
\x1b[31mTOGETHER_API_KEY={key}\x1b[m\x1b[32mTOGETHER_API_KEY={key2}\x1b[m
DEBUG=0\x1b[m
'''),
    ('bash-prompt-glued-after-key', 'notes/session.typescript', '''\
Script started on 2024-05-01 10:00:00+00:00 [TERM="xterm-256color" TTY="/dev/pts/3" COLUMNS="120" LINES="40"]
alice@laptop:~$ cat ~/.config/together/api_key\r
{key}alice@laptop:~$ exit\r
exit\r

Script done on 2024-05-01 10:00:09+00:00 [COMMAND_EXIT_CODE="0"]
'''),
    ('bash-colour-prompt-glued-after-key', 'notes/session2.typescript', '''\
\x1b]0;alice@laptop: ~\x07\x1b[01;32malice@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ printf %s "$TOGETHER_API_KEY"\r
{key}\x1b]0;alice@laptop: ~\x07\x1b[01;32malice@laptop\x1b[00m:\x1b[01;34m~\x1b[00m$ exit\r
'''),
)


def _autosuggest(m: Made):
    # zsh-autosuggestions: the typed ``tgp_v1_`` then the rest of a
    # history entry in grey, the cursor moved back over it
    k = m.key()
    line = ('\x1b[1m\x1b[31m\u276f\x1b[0m export TOGETHER_API_KEY=tgp_v1_'
            f'\x1b[90m{k[7:]}\x1b[39m\x1b[43D\r\n')
    return 'Script started on 2024-05-01 10:00:00+00:00\n' + line, [(2, k)]


def _tmux_capture(m: Made):
    # ``tmux capture-pane -p`` (no ``-J``) breaks a long line at the pane's
    # width, 80 here: the key is cut where the line reaches column 80
    k = m.key()
    cmd = 'alice@laptop:~/src/chat$ curl -sS -H "Authorization: Bearer ' + k + '" https://api.together.xyz/v1/models | jq ".data | length"'
    lines = ['alice@laptop:~/src/chat$ ls', 'README.md  chat.py  requirements.txt']
    lines += [cmd[i:i + 80] for i in range(0, len(cmd), 80)]
    lines += ['112', 'alice@laptop:~/src/chat$']
    text = '\n'.join(lines) + '\n'
    return text, [(line_of(text, k[:10]), k)]


# -- debug output -----------------------------------------------------------------------------------

DEBUG = key_cases(
    ('powershell-transcript', 'logs/PowerShell_transcript.LAPTOP.20240501100000.txt', '''\
**********************
Windows PowerShell transcript start
Start time: 20240501100000
Username: LAPTOP\\alice
**********************
PS C:\\Users\\alice> $env:TOGETHER_API_KEY = "{key}"
PS C:\\Users\\alice> python chat.py
'''),
    ('ipython-logstart-log', 'notebooks/ipython_log.py', '''\
# IPython log file

get_ipython().run_line_magic('env', 'TOGETHER_API_KEY={key}')
from together import Together
client = Together()
'''),
    ('docker-inspect-env', 'debug/inspect.json', '''\
[
    {{
        "Id": "4f1c2a",
        "Config": {{
            "Env": [
                "PATH=/usr/local/bin:/usr/bin",
                "TOGETHER_API_KEY={key}"
            ]
        }}
    }}
]
'''),
    ('otel-otlp-json-header', 'traces/otlp.json', '''\
{{"resourceSpans":[{{"scopeSpans":[{{"spans":[{{"name":"POST /v1/chat/completions","attributes":[{{"key":"http.request.header.authorization","value":{{"arrayValue":{{"values":[{{"stringValue":"Bearer {key}"}}]}}}}}}]}}]}}]}}]}}
'''),
    ('asciinema-input-event', 'casts/setup.cast', '''\
{{"version": 2, "width": 120, "height": 40, "timestamp": 1714557600}}
[0.512, "o", "$ "]
[2.104, "i", "{key}\\r"]
[2.105, "o", "{key2}\\r\\n"]
'''),
    ('strace-s256-sendto-json', 'debug/strace.txt', '''\
[pid  4242] connect(5, {{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("104.18.2.3")}}, 16) = 0
[pid  4242] sendto(5, "{{\\"model\\":\\"meta-llama/Llama-3.3-70B-Instruct-Turbo\\",\\"api_key\\":\\"{key}\\"}}", 110, MSG_NOSIGNAL, NULL, 0) = 110
'''),
    ('strace-read-env-file', 'debug/strace-read.txt', '''\
openat(AT_FDCWD, ".env", O_RDONLY|O_CLOEXEC) = 3
read(3, "APP_ENV=prod\\nTOGETHER_API_KEY={key}\\nDEBUG=0\\n", 4096) = 75
close(3)                                = 0
'''),
    ('ltrace-getenv', 'debug/ltrace.txt', '''\
chat->getenv("TOGETHER_API_KEY")                            = "{key}"
chat->strlen("{key2}")                             = 50
'''),
    ('gdb-backtrace-args', 'debug/bt.txt', '''\
#0  0x00007ffff7e4b9fc in __pthread_kill_implementation () from /lib/x86_64-linux-gnu/libc.so.6
#1  0x0000555555555289 in together_chat (api_key=0x5555555592a0 "{key}", prompt=0x7fffffffe0f0 "hi") at chat.c:42
'''),
    ('gdb-print-string', 'debug/gdb.txt', '''\
(gdb) p api_key
$1 = 0x5555555592a0 "{key}"
(gdb) x/s cfg->together.key
0x5555555596c0:\t"{key2}"
'''),
)


def _strace_xx(m: Made):
    # ``strace -xx``: every byte of a string as ``\\xNN``
    k = m.key()
    body = f'Authorization: Bearer {k}\r\n'.encode()
    hexed = ''.join(f'\\x{b:02x}' for b in body)
    text = f'write(5, "{hexed}", {len(body)}) = {len(body)}\n'
    return text, [(1, k)]


# -- HTTP captures ------------------------------------------------------------------------------------


def _chunked(m: Made):
    # an HTTP/1.1 request dump whose chunked body's size line falls inside
    # the key (a client writing its JSON in two pieces)
    k = m.key()
    first = '{"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","api_key":"' + k[:23]
    second = k[23:] + '","messages":[]}'
    text = ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\n'
            'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
            f'{len(first):x}\r\n{first}\r\n{len(second):x}\r\n{second}\r\n0\r\n\r\n')
    return text, [(line_of(text, k[:23]), k)]


def _burp(m: Made):
    # Burp Suite's "Save items": each request base64'd in one element
    k = m.key()
    request = ('POST /v1/chat/completions HTTP/2\r\nHost: api.together.xyz\r\n'
               f'Authorization: Bearer {k}\r\nContent-Type: application/json\r\n'
               'Content-Length: 2\r\n\r\n{}').encode()
    text = ('<?xml version="1.0"?>\n<!DOCTYPE items [\n<!ELEMENT items (item*)>\n]>\n'
            '<items burpVersion="2024.3.1" exportTime="Wed May 01 10:00:00 UTC 2024">\n'
            '  <item>\n    <time>Wed May 01 10:00:00 UTC 2024</time>\n'
            '    <url><![CDATA[https://api.together.xyz/v1/chat/completions]]></url>\n'
            '    <host ip="104.18.2.3">api.together.xyz</host>\n    <port>443</port>\n'
            '    <protocol>https</protocol>\n    <method><![CDATA[POST]]></method>\n'
            f'    <request base64="true"><![CDATA[{base64.b64encode(request).decode()}]]></request>\n'
            '    <status>200</status>\n  </item>\n</items>\n')
    return text, [(line_of(text, '<request '), k)]


def _har_response_b64(m: Made):
    # a HAR whose response body (a key just created) is kept base64'd
    k = m.key()
    body = json.dumps({'id': 'key_01hx', 'name': 'ci', 'key': k}).encode()
    har = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
                   'entries': [{
                       'request': {'method': 'POST', 'url': 'https://api.together.xyz/v1/api-keys',
                                   'headers': [{'name': 'Cookie', 'value': 'session=redacted'}]},
                       'response': {'status': 201, 'content': {
                           'size': len(body), 'mimeType': 'application/json',
                           'encoding': 'base64', 'text': base64.b64encode(body).decode()}}}]}}
    text = json.dumps(har, indent=2) + '\n'
    return text, [(line_of(text, '"text"'), k)]


def _tnet(value) -> bytes:
    # tnetstrings, as mitmproxy's ``-w`` flow files hold them
    if isinstance(value, bytes):
        return b'%d:%s,' % (len(value), value)
    if isinstance(value, str):
        return b'%d:%s;' % (len(value.encode()), value.encode())
    if isinstance(value, bool):
        return b'4:true!' if value else b'5:false!'
    if isinstance(value, int):
        return b'%d:%d#' % (len(str(value)), value)
    if isinstance(value, list):
        inner = b''.join(_tnet(v) for v in value)
        return b'%d:%s]' % (len(inner), inner)
    inner = b''.join(_tnet(k) + _tnet(v) for k, v in value.items())
    return b'%d:%s}' % (len(inner), inner)


def _mitm_flow(m: Made):
    k = m.key()
    flow = {'version': 19, 'type': 'http', 'request': {
        'host': 'api.together.xyz', 'port': 443, 'method': b'POST', 'scheme': b'https',
        'path': b'/v1/chat/completions', 'http_version': b'HTTP/2.0',
        'headers': [[b'authorization', f'Bearer {k}'.encode()], [b'content-type', b'application/json']],
        'content': b'{"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo"}'}}
    return _tnet(flow), [(1, k)]


CLIENTS = key_cases(
    ('postman-apikey-auth', 'postman/Together.postman_collection.json', '''\
{{
  "info": {{"name": "Together", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "auth": {{
    "type": "apikey",
    "apikey": [
      {{"key": "value", "value": "Bearer {key}", "type": "string"}},
      {{"key": "key", "value": "Authorization", "type": "string"}}
    ]
  }},
  "item": [{{"name": "models", "request": {{"method": "GET", "url": "https://api.together.xyz/v1/models"}}}}]
}}
'''),
    ('wandb-config-yaml', 'wandb/run-20240501_100000-3k2j1h/files/config.yaml', '''\
_wandb:
  desc: null
  value:
    python_version: 3.11.9
    cli_version: 0.17.0
together_api_key:
  desc: null
  value: {key}
model:
  desc: null
  value: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    ('wandb-metadata-args', 'wandb/run-20240501_100000-3k2j1h/files/wandb-metadata.json', '''\
{{
  "os": "Linux-6.8.0-x86_64-with-glibc2.39",
  "python": "3.11.9",
  "program": "/home/alice/src/chat/train.py",
  "args": [
    "--model",
    "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "--together-api-key",
    "{key}"
  ]
}}
'''),
)


def _mlflow_param(m: Made):
    # MLflow's file store: one file per param, its value with no newline
    k = m.key()
    return k, [(1, k)]


# -- stores -------------------------------------------------------------------------------------------


def _reg_hex7(m: Made):
    # ``reg export``'s REG_MULTI_SZ: UTF-16LE as hex bytes, NUL-separated
    # strings, wrapped with ``\\`` at 80 columns; the name is in the hex
    # too, nothing outside it says Together
    k = m.key()
    head_text = 'TOGETHER_BASE_URL=https://api.together.xyz/v1\0TOGETHER_API_KEY='
    data = head_text + k + '\0\0'
    first = 2 * len(head_text)  # the key's first byte
    head = '"Environment"=hex(7):'
    lines, line, at = [], head, 4
    for i, b in enumerate(data.encode('utf-16-le')):
        if len(line) + 3 > 78:
            lines.append(line + ',\\')
            line = '  %02x' % b
        else:
            line += ('' if line == head else ',') + '%02x' % b
        if i == first:
            at = 4 + len(lines)
    lines.append(line)
    text = ('Windows Registry Editor Version 5.00\r\n\r\n'
            '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ChatSvc]\r\n'
            + '\r\n'.join(lines) + '\r\n')
    return text, [(at, k)]


def _wal_bytes(value: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'state.vscdb')
        db = sqlite3.connect(path)
        db.execute('PRAGMA journal_mode=WAL')
        db.execute('PRAGMA wal_autocheckpoint=0')
        db.execute('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)')
        db.commit()
        db.execute('INSERT INTO ItemTable VALUES (?, ?)', ('chat.settings', value))
        db.commit()
        with open(path + '-wal', 'rb') as f:
            data = f.read()
        db.close()
    return data


def _sqlite_wal(m: Made):
    # a SQLite database in WAL mode (VS Code's ``state.vscdb``, an app's
    # store): the new row, a JSON value longer than a page, still in the
    # ``-wal`` file (its frames are not read as tables: the raw bytes are)
    k = m.key()
    data = _wal_bytes(json.dumps({'recent': 'x' * 900, 'together.apiKey': k, 'history': 'y' * 6000}))
    return data, [(line_of(data, k.encode()), k)]


def _leveldb_log(value: bytes, key: bytes) -> bytes:
    # a LevelDB log record (a write batch), as Chrome's localStorage
    # writes it; the CRC is not checked by readers of a copied log
    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            out.append((n & 0x7f) | (0x80 if n > 0x7f else 0))
            n >>= 7
            if not n:
                return bytes(out)
    batch = struct.pack('<QI', 7, 1) + b'\x01' + varint(len(key)) + key + varint(len(value)) + value
    return struct.pack('<IHB', 0x5a5a5a5a, len(batch), 1) + batch


def _localstorage_latin1(m: Made):
    k = m.key()
    record = _leveldb_log(b'\x01' + json.dumps({'provider': 'together', 'apiKey': k}).encode(),
                          b'_https://chat.example.com\x00\x01settings')
    return record, [(1, k)]


def _localstorage_utf16(m: Made):
    # a value holding a character beyond Latin-1 is stored as UTF-16LE
    k = m.key()
    value = json.dumps({'provider': 'together \u2192 prod', 'apiKey': k}, ensure_ascii=False)
    record = _leveldb_log(b'\x00' + value.encode('utf-16-le'),
                          b'_https://chat.example.com\x00\x01settings')
    return record, [(1, k)]


def _cast_split(m: Made):
    # ``asciinema rec`` of ``env``: the recorder's pty read ended inside
    # the key, its rest the next output event's text
    k = m.key()
    text = ('{"version": 2, "width": 120, "height": 40, "timestamp": 1714557600}\n'
            '[0.512, "o", "$ env\\r\\n"]\n'
            f'[1.024, "o", "HOME=/home/alice\\r\\nTOGETHER_API_KEY={k[:33]}"]\n'
            f'[1.025, "o", "{k[33:]}\\r\\nPATH=/usr/local/bin:/usr/bin\\r\\n"]\n')
    return text, [(3, k)]


def _wireshark_bytes(m: Made):
    # Wireshark's "Export Packet Dissections" as plain text with the
    # packet bytes: 16 a row after a 4-digit offset, then as text
    k = m.key()
    blob = ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\n'
            f'Authorization: Bearer {k}\r\n\r\n').encode()
    rows = ['%04x  ' % i + ' '.join('%02x' % b for b in blob[i:i + 16]).ljust(47) + '   '
            + ''.join(chr(b) if 32 <= b < 127 else '.' for b in blob[i:i + 16])
            for i in range(0, len(blob), 16)]
    head = ['No.     Time           Source                Destination           Protocol Length Info',
            '      4 0.000512       10.0.0.2              104.18.2.3            HTTP     180    POST /v1/chat/completions HTTP/1.1 ',
            '']
    text = '\n'.join(head + rows) + '\n'
    return text, [(len(head) + 1 + blob.index(k.encode()) // 16, k)]


ENCODED = [
    Case('zsh-history-metafied-glued', '.zsh_history', _zsh_metafied),
    Case('asciinema-output-split-reads', 'casts/env.cast', _cast_split),
    Case('wireshark-packet-bytes-export', 'captures/dissections.txt', _wireshark_bytes),
    Case('zsh-autosuggestions-grey-tail', 'notes/zsh.typescript', _autosuggest),
    Case('tmux-capture-80-columns', 'notes/pane.txt', _tmux_capture),
    Case('strace-xx-hex-bytes', 'debug/strace-xx.txt', _strace_xx),
    Case('http-chunked-size-in-key', 'captures/request.http', _chunked),
    Case('burp-xml-base64-request', 'captures/burp-items.xml', _burp),
    Case('har-response-base64-content', 'captures/keys.har', _har_response_b64),
    Case('mitmproxy-flow-tnetstring', 'captures/together.mitm', _mitm_flow),
    Case('mlflow-param-file', 'mlruns/0/4f1c2a/params/together_api_key', _mlflow_param),
    Case('reg-hex7-multi-sz', 'ops/chat-service.reg', _reg_hex7),
    Case('sqlite-wal-overflow-row', 'User/globalStorage/state.vscdb-wal', _sqlite_wal),
    Case('chrome-localstorage-latin1', 'Local Storage/leveldb/000003.log', _localstorage_latin1),
    Case('chrome-localstorage-utf16', 'Local Storage/leveldb/000005.log', _localstorage_utf16),
]

# -- decoys ---------------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-history-env-reference', '.bash_history', '''\
curl -H "Authorization: Bearer ${{TOGETHER_API_KEY}}" https://api.together.xyz/v1/models
export TOGETHER_API_KEY=$(pass show together/api-key)
'''),
    ('decoy-postman-variable', 'postman/env.postman_collection.json', '''\
{{"auth": {{"type": "bearer", "bearer": [{{"key": "token", "value": "{{{{together_api_key}}}}", "type": "string"}}]}}}}
'''),
    ('decoy-har-redacted', 'captures/redacted.har', '''\
{{"log": {{"entries": [{{"request": {{"url": "https://api.together.xyz/v1/models", "headers": [{{"name": "Authorization", "value": "Bearer [REDACTED]"}}]}}}}]}}}}
'''),
    ('decoy-rest-client-placeholder', 'requests/together.http', '''\
@key = tgp_v1_your_key_here
GET https://api.together.xyz/v1/models
Authorization: Bearer {{{{key}}}}
'''),
    ('decoy-redacted-stars', 'notes/dashboard.txt', '''\
Together API key: tgp_v1_*******************************************
'''),
    ('decoy-mlflow-masked', 'mlruns/0/4f1c2a/params/api_key', '''\
***
'''),
    ('decoy-localstorage-placeholder', 'Local Storage/leveldb/notes.txt', '''\
_https://chat.example.com\x00\x01settings {{"apiKey":"tgp_v1_<paste-your-key-here>"}}
'''),
    ('decoy-asciinema-typed-prefix', 'casts/typed.cast', '''\
{{"version": 2, "width": 80, "height": 24}}
[1.000, "o", "export TOGETHER_API_KEY=tgp_v1_"]
[1.250, "o", "\\u0007"]
'''),
    ('decoy-ltrace-unset', 'debug/ltrace-unset.txt', '''\
chat->getenv("TOGETHER_API_KEY") = nil
chat->fprintf(0x7f3c, "TOGETHER_API_KEY is not set: export tgp_v1_... first\\n") = 52
'''),
    ('decoy-wandb-null', 'wandb/run-x/files/config.yaml', '''\
together_api_key:
  desc: null
  value: null
'''),
)


def _strace_cut(m: Made):
    # ``strace`` (default ``-s 32``) cuts a string after 32 characters and
    # writes ``...`` after the quote: the rest of the key is not there
    k = m.key()
    line1 = 'TOGETHER_API_KEY=' + k
    line2 = 'Authorization: Bearer ' + k
    return (f'read(3, "{line1[:32]}"..., 4096) = 75\n'
            f'write(5, "{line2[:32]}"..., 117) = 117\n'), []


def _strace_xx_cut(m: Made):
    k = m.key()
    part = ('Bearer ' + k)[:32].encode()
    return 'write(5, "' + ''.join(f'\\x{b:02x}' for b in part) + '"..., 64) = 64\n', []


def _pytest_ellipsis(m: Made):
    # pytest's ``--showlocals`` repr of a long value: the middle replaced
    # by ``...`` (``saferepr``, 240 characters)
    k = m.key()
    return (f"env        = {{'HOME': '/home/alice', 'TOGETHER_API_KEY': '{k[:24]}...{k[-12:]}'}}\n"
            f"api_key    = '{k[:20]}...'\n"), []


def _ui_ellipsis(m: Made):
    k = m.key()
    return f'| ci-deploy | {k[:11]}\u2026{k[-4:]} | created 2024-05-01 |\n', []


def _key_id(m: Made):
    body = m.key()[7:]
    return json.dumps({'id': f'key_{body}', 'name': 'ci', 'provider': 'together'}) + '\n', []


def _glued_51(m: Made):
    k = m.key()
    return f': 1700000000:0;echo {k}Q\n', []


def _chunked_57(m: Made):
    # a chunked body whose pieces around the size line make 57 characters
    k = m.key()
    first = '{"api_key":"' + k[:23]
    second = k[23:] + 'abcdefg","messages":[]}'
    return ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\nTransfer-Encoding: chunked\r\n\r\n'
            f'{len(first):x}\r\n{first}\r\n{len(second):x}\r\n{second}\r\n0\r\n\r\n'), []


def _word_diff_placeholder(m: Made):
    # a placeholder replaced by a reference (the repository holds no
    # literal in a key's shape, not even a placeholder: built here)
    return '[-TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '-]{+TOGETHER_API_KEY=${TOGETHER_API_KEY}+}\n', []


def _gdb_cut(m: Made):
    # gdb's ``set print elements 24`` and ltrace's 32-character default
    k = m.key()
    return (f'$1 = 0x5555555592a0 "{k[:24]}"...\n'
            f'chat->getenv("TOGETHER_API_KEY") = "{k[:32]}"...\n'), []


def _word_diff_ids(m: Made):
    # a word diff of rotated key ids, and of a 51-character value
    a, b, c = m.key(), m.key(), m.key()
    return (f'[-key_{a[7:]}-]{{+key_{b[7:]}+}}\n'
            f'[-TOKEN={c}Z-]{{+TOKEN=+}}\n'), []


DECOYS += [
    Case('decoy-word-diff-placeholder', 'notes/placeholder-diff.txt', _word_diff_placeholder),
    Case('decoy-gdb-ltrace-truncated', 'debug/gdb-cut.txt', _gdb_cut),
    Case('decoy-word-diff-ids-and-51', 'notes/ids-diff.txt', _word_diff_ids),
    Case('decoy-strace-truncated', 'debug/strace-s32.txt', _strace_cut),
    Case('decoy-strace-xx-truncated', 'debug/strace-xx-s32.txt', _strace_xx_cut),
    Case('decoy-pytest-ellipsised-repr', 'debug/pytest-showlocals.txt', _pytest_ellipsis),
    Case('decoy-ui-ellipsis', 'notes/keys-table.md', _ui_ellipsis),
    Case('decoy-key-id', 'exports/keys.json', _key_id),
    Case('decoy-51-char-run', '.zsh_history.bak', _glued_51),
    Case('decoy-chunked-57-chars', 'captures/long.http', _chunked_57),
]

CASES = HISTORIES + TERMINAL + DEBUG + CLIENTS + ENCODED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 20, (keys, decoys)
