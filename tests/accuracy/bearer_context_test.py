"""Bearer headers whose Together URL is far away, in the same request.

Context follows the structure (one curl command over continuation lines, a
URL constant used by the request, one HAR entry), not a fixed window.
"""
from __future__ import annotations

import json

from tests.accuracy import Case
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import marked

CURL_FAR = '''\
curl -X POST https://api.together.xyz/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -d '{{
    "model": "meta-llama/Llama-3-8b-chat-hf",
    "messages": [{{"role": "user", "content": "What are some fun things to do in New York?"}}],
    "max_tokens": 512
  }}' \\
  -H "Authorization: Bearer {hex}"
'''

PYTHON_URL_CONSTANT = '''\
import requests

TOGETHER_URL = "https://api.together.xyz/v1/chat/completions"
MODEL = "meta-llama/Llama-3-8b-chat-hf"


def ask(prompt: str) -> str:
    payload = {{"model": MODEL, "messages": [{{"role": "user", "content": prompt}}]}}
    headers = {{
        "Content-Type": "application/json",
        "Authorization": "Bearer {hex}",
    }}
    r = requests.post(TOGETHER_URL, json=payload, headers=headers, timeout=30)
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]
'''

JS_FETCH = '''\
const API_URL = "https://api.together.xyz/v1/completions";

export async function complete(prompt) {{
  const body = {{
    model: "mistralai/Mixtral-8x7B-Instruct-v0.1",
    prompt,
    max_tokens: 256,
  }};
  const res = await fetch(API_URL, {{
    method: "POST",
    headers: {{
      "Content-Type": "application/json",
      Authorization: `Bearer {hex}`,
    }},
    body: JSON.stringify(body),
  }});
  return res.json();
}}
'''

REST_CLIENT = '''\
### list models
GET https://api.together.xyz/v1/models
Accept: application/json
User-Agent: vscode-restclient
Authorization: Bearer {hex}
'''

CURL_OTHER_HOST = '''\
# the same request against our own gateway (which forwards to together)
curl -X POST https://llm-gateway.example.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -d '{{"model": "meta-llama/Llama-3-8b-chat-hf", "messages": []}}' \\
  -H "Authorization: Bearer {_hex}"
'''


def _headers(host: str, path: str, auth: str) -> list[dict[str, str]]:
    return [
        {'name': ':authority', 'value': host},
        {'name': ':method', 'value': 'POST'},
        {'name': ':path', 'value': path},
        {'name': ':scheme', 'value': 'https'},
        {'name': 'accept', 'value': 'application/json'},
        {'name': 'accept-encoding', 'value': 'gzip, deflate, br, zstd'},
        {'name': 'accept-language', 'value': 'en-US,en;q=0.9'},
        {'name': 'authorization', 'value': f'Bearer {auth}'},
        {'name': 'content-type', 'value': 'application/json'},
        {'name': 'origin', 'value': 'https://playground.example.com'},
    ]


def _entry(host: str, path: str, auth: str) -> dict[str, object]:
    return {
        'startedDateTime': '2024-05-02T09:14:27.301Z',
        'time': 812.4,
        'request': {
            'method': 'POST',
            'url': f'https://{host}{path}',
            'httpVersion': 'h3',
            'headers': _headers(host, path, auth),
            'queryString': [],
            'cookies': [],
            'headersSize': -1,
            'bodySize': 74,
            'postData': {'mimeType': 'application/json', 'text': '{"model":"m","prompt":"hi"}'},
        },
        'response': {'status': 200, 'statusText': '', 'httpVersion': 'h3', 'headers': []},
        'timings': {'send': 0.2, 'wait': 790.1, 'receive': 22.1},
    }


def har(entries: list[dict[str, object]]) -> str:
    log = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
                   'pages': [], 'entries': entries}}
    return json.dumps(log, indent=2) + '\n'


def har_case(m):
    key = m.hex()
    text = har([
        _entry('cdn.example.com', '/app.js', m.hex()),   # a Bearer for another host: not ours
        _entry('api.together.xyz', '/v1/completions', key),
    ])
    # The shape: the authority header far above the authorization.
    authority = text.count('\n', 0, text.rindex(':authority', 0, text.index(key))) + 1
    assert line_of(text, key) - authority >= 28
    return text, [(line_of(text, key), key)]


CASES = [
    Case('curl-header-7-lines-below', 'scripts/chat.sh', lambda m: marked(CURL_FAR, hex=m.hex())),
    Case('python-url-constant-above', 'client.py',
         lambda m: marked(PYTHON_URL_CONSTANT, hex=m.hex())),
    Case('js-fetch-url-constant', 'src/complete.js', lambda m: marked(JS_FETCH, hex=m.hex())),
    Case('rest-client-file', 'requests/models.http', lambda m: marked(REST_CLIENT, hex=m.hex())),
    Case('har-entry', 'playground.har', har_case),
    Case('decoy-curl-other-host', 'scripts/gateway.sh',
         lambda m: marked(CURL_OTHER_HOST, _hex=m.hex())),
]

results, test_case = make_tests(CASES)
