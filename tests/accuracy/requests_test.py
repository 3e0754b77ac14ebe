"""Bearer headers and keys in saved requests, as HTTP clients export them:
Postman collections, Insomnia exports, HAR files, HTTPie and curl
commands, VS Code / JetBrains ``.http`` files, Bruno ``.bru`` files, raw
HTTP transcripts and Python/JS request code."""
from __future__ import annotations

import json

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests


def postman_collection(m):
    key = m.hex()
    doc = {
        'info': {'name': 'Together', 'schema': 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'},
        'item': [{
            'name': 'chat',
            'request': {
                'method': 'POST',
                'header': [
                    {'key': 'Content-Type', 'value': 'application/json'},
                    {'key': 'Authorization', 'value': f'Bearer {key}', 'type': 'text'},
                ],
                'body': {'mode': 'raw', 'raw': '{"model": "m", "messages": []}'},
                'url': {
                    'raw': 'https://api.together.xyz/v1/chat/completions',
                    'protocol': 'https', 'host': ['api', 'together', 'xyz'],
                    'path': ['v1', 'chat', 'completions'],
                },
            },
        }],
    }
    text = json.dumps(doc, indent='\t') + '\n'
    return text, [(line_of(text, key), key)]


def postman_auth_bearer(m):
    key = m.hex()
    doc = {
        'info': {'name': 'Together API'},
        'auth': {'type': 'bearer', 'bearer': [{'key': 'token', 'value': key, 'type': 'string'}]},
        'item': [{'name': 'models', 'request': {
            'method': 'GET', 'url': {'raw': 'https://api.together.xyz/v1/models'}}}],
    }
    text = json.dumps(doc, indent=2) + '\n'
    return text, [(line_of(text, key), key)]


def insomnia_export(m):
    key = m.hex()
    doc = {
        '_type': 'export', '__export_format': 4,
        'resources': [{
            '_id': 'req_1', '_type': 'request', 'name': 'completions',
            'url': 'https://api.together.xyz/v1/completions', 'method': 'POST',
            'body': {'mimeType': 'application/json', 'text': '{"model": "m"}'},
            'headers': [{'name': 'Content-Type', 'value': 'application/json'}],
            'authentication': {'type': 'bearer', 'token': key, 'prefix': ''},
        }],
    }
    text = json.dumps(doc, indent=2) + '\n'
    return text, [(line_of(text, key), key)]


def har_entry(m):
    key = m.hex()
    headers = [{'name': n, 'value': v} for n, v in [
        (':authority', 'api.together.xyz'), (':method', 'POST'), (':path', '/v1/chat/completions'),
        (':scheme', 'https'), ('accept', '*/*'), ('accept-encoding', 'gzip, deflate, br'),
        ('accept-language', 'en-US,en;q=0.9'), ('content-type', 'application/json'),
        ('origin', 'https://app.example.com'), ('referer', 'https://app.example.com/'),
        ('sec-fetch-mode', 'cors'), ('user-agent', 'Mozilla/5.0'),
        ('authorization', f'Bearer {key}'),
    ]]
    doc = {'log': {'version': '1.2', 'entries': [{
        'startedDateTime': '2024-05-01T10:00:00.000Z',
        'request': {'method': 'POST', 'url': 'https://api.together.xyz/v1/chat/completions',
                    'httpVersion': 'http/2.0', 'headers': headers, 'queryString': []},
        'response': {'status': 200, 'headers': []},
    }]}}
    text = json.dumps(doc, indent=2) + '\n'
    return text, [(line_of(text, key), key)]


CASES = [
    Case('postman-collection-header', 'Together.postman_collection.json', postman_collection),
    Case('postman-collection-auth', 'api.postman_collection.json', postman_auth_bearer),
    Case('insomnia-export', 'insomnia.json', insomnia_export),
    Case('har-entry', 'session.har', har_entry),
    *key_cases(
        ('httpie', 'docs/try.md', '''\
```bash
http POST https://api.together.xyz/v1/chat/completions \\
  Authorization:"Bearer {hex}" \\
  model=meta-llama/Llama-3-8b-chat-hf
```
'''),
        ('httpie-auth-flag', 'scripts/try.sh',
         'http -A bearer -a {hex} https://api.together.xyz/v1/models\n'),
        ('vscode-http', 'requests.http', '''\
@baseUrl = https://api.together.xyz/v1

### list models
GET {{{{baseUrl}}}}/models
Authorization: Bearer {hex}
'''),
        ('vscode-http-variable', 'api.http', '''\
@host = api.together.xyz
@token = {hex}

GET https://{{{{host}}}}/v1/models
Authorization: Bearer {{{{token}}}}
'''),
        ('jetbrains-http-env', 'http-client.private.env.json', '''\
{{
  "together": {{
    "token": "{hex}"
  }}
}}
'''),
        ('bruno', 'together/chat.bru', '''\
meta {{
  name: chat
  type: http
}}

post {{
  url: https://api.together.xyz/v1/chat/completions
  body: json
  auth: bearer
}}

auth:bearer {{
  token: {hex}
}}
'''),
        ('raw-http', 'notes/request.txt', '''\
POST /v1/chat/completions HTTP/1.1
Host: api.together.xyz
Content-Type: application/json
Authorization: Bearer {hex}
'''),
        ('curl-long-flag', 'scripts/chat.sh',
         'curl --request POST --url https://api.together.xyz/v1/completions '
         '--header "authorization: Bearer {hex}"\n'),
        ('curl-oauth2-bearer', 'scripts/models.sh',
         'curl --oauth2-bearer {hex} https://api.together.xyz/v1/models\n'),
        ('wget-header', 'scripts/get.sh',
         "wget --header='Authorization: Bearer {hex}' https://api.together.xyz/v1/models\n"),
        ('requests-session', 'client.py', '''\
import requests

BASE = "https://api.together.xyz"
session = requests.Session()
session.headers.update({{"Authorization": "Bearer {hex}"}})
resp = session.get(f"{{BASE}}/v1/models")
'''),
        ('fetch-js', 'src/api.js', '''\
const res = await fetch("https://api.together.xyz/v1/chat/completions", {{
  method: "POST",
  headers: {{
    "Content-Type": "application/json",
    Authorization: "Bearer {hex}",
  }},
  body: JSON.stringify(body),
}});
'''),
        ('axios-instance', 'src/client.ts', '''\
export const together = axios.create({{
  baseURL: "https://api.together.xyz/v1",
  headers: {{ Authorization: `Bearer {hex}` }},
}});
'''),
        ('bearer-tgp-anywhere', 'notes/other.txt',
         'curl -H "Authorization: Bearer {key}" https://llm.example.com/v1/models\n'),
        ('bearer-other-host', 'scripts/other.sh',
         'curl https://api.openai.com/v1/models -H "Authorization: Bearer {_hex}"\n'),
        ('har-other-host', 'other.har', '''\
{{"log": {{"entries": [
  {{"request": {{"url": "https://api.together.xyz/v1/models", "headers": []}}}},
  {{"request": {{"url": "https://api.example.com/v1/things", "headers": [
    {{"name": "authorization", "value": "Bearer {_hex}"}}]}}}}
]}}}}
'''),
    ),
]

results, test_case = make_tests(CASES)
