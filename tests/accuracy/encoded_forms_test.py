"""Keys in the encoded forms outside checkers plant (docs/detection.md,
"Encoded forms"): base64 three levels deep (a whole value encoded three
times, or such a value in an encoded file at any alignment), PowerShell's
``-EncodedCommand`` (base64 of UTF-16LE), a JWT's payload (base64url
without padding), a ``data:`` URI, a kubeconfig's base64 field, base64
split across JSON array strings; and decoys: random base64, base32 and
hex, and base64 of UTF-16 text without a key."""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import make_tests


def _b64(raw: str | bytes) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


def _b64url(raw: str | bytes) -> str:
    return base64.urlsafe_b64encode(raw.encode() if isinstance(raw, str) else raw).decode().rstrip('=')


def three_deep(lead: str):
    """``echo -n $KEY | base64 | base64 | base64``, as a whole value, or
    inside a file encoded at one of its three byte alignments."""
    def build(m):
        key = m.key()
        value = _b64(_b64(_b64(key)))
        if lead is None:
            return f'LLM_KEY_B64X3={value}\n', [(1, key)]
        env = f'{lead}LLM_KEY={_b64(_b64(key))}\n'
        return f'apiVersion: v1\nkind: Secret\ndata:\n  .env: {_b64(env)}\n', [(4, key)]
    return build


def encoded_command(lead: str):
    """``powershell -EncodedCommand <base64 of UTF-16LE>``: the key in the
    script at each of the three alignments its UTF-16 bytes can take."""
    def build(m):
        key = m.key()
        script = f'{lead}$env:TOGETHER_API_KEY = "{key}"; python app.py'
        enc = _b64(script.encode('utf-16-le'))
        return f'@echo off\r\npowershell.exe -NoProfile -EncodedCommand {enc}\r\n', [(2, key)]
    return build


def jwt(m):
    key = m.key()
    head = _b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}))
    body = _b64url(json.dumps({'sub': 'svc', 'together_api_key': key, 'iat': 1733000000}))
    sig = _b64url(m.rng.randbytes(32))
    return f'Authorization: Bearer {head}.{body}.{sig}\n', [(1, key)]


def data_uri(m):
    key = m.key()
    env = f'TOGETHER_API_KEY={key}\n'
    return f'<a href="data:text/plain;base64,{_b64(env)}">env</a>\n', [(1, key)]


def kubeconfig(m):
    key = m.key()
    text = (
        'apiVersion: v1\nkind: Config\nusers:\n- name: llm\n  user:\n'
        f'    token: {_b64(key)}\n'
    )
    return text, [(6, key)]


def json_array(m):
    key = m.key()
    lead = '# config\nTOGETHER_API_KEY='
    enc = _b64(f'{lead}{key}\nDEBUG=0\n')
    parts = [enc[i:i + 16] for i in range(0, len(enc), 16)]
    # Reported where the key's encoding starts: the piece holding the
    # group of its first byte, one piece a line from line 3.
    return json.dumps({'env_b64': parts}, indent=1) + '\n', [(3 + len(lead) // 3 * 4 // 16, key)]


def json_string_then_more(shape: str):
    """A whole value in one JSON string, a key at its end (its length a
    multiple of 3: no padding), and a short string after it: decoded
    joined with that string, the key would run on into its bytes; each
    string is decoded alone too."""
    def build(m):
        key = m.key()
        if shape == 'object':
            return json.dumps({'auth': _b64(f'Bearer {key}'), 'description': 'prod'}) + '\n', [(1, key)]
        return json.dumps(['prod', _b64(f'xxTOGETHER_API_KEY={key}'), 'abcdefgh']) + '\n', [(1, key)]
    return build


def decoy_encoded(m):
    rng = m.rng
    lines = [
        _b64(rng.randbytes(48)),
        base64.b32encode(rng.randbytes(40)).decode(),
        rng.randbytes(50).hex(),
        _b64('Write-Host "hello together"; exit 0'.encode('utf-16-le')),
        _b64(_b64(_b64('just some text, no key at all'))),
    ]
    return '\n'.join(lines) + '\n', []


CASES = [
    Case('b64x3-whole', 'env/three.env', three_deep(None)),
    Case('b64x3-env-0', 'k8s/s0.yaml', three_deep('')),
    Case('b64x3-env-1', 'k8s/s1.yaml', three_deep('#\n')),
    Case('b64x3-env-2', 'k8s/s2.yaml', three_deep('# \n')),
    Case('encoded-command-0', 'run0.cmd', encoded_command('')),
    Case('encoded-command-1', 'run1.cmd', encoded_command('#')),
    Case('encoded-command-2', 'run2.cmd', encoded_command('# ')),
    Case('jwt-payload', 'logs/req.txt', jwt),
    Case('data-uri', 'site/index.html', data_uri),
    Case('kubeconfig-token', 'kube/config', kubeconfig),
    Case('json-array-base64', 'cfg/env.json', json_array),
    Case('json-object-string-then-more', 'cfg/auth.json', json_string_then_more('object')),
    Case('json-array-string-then-more', 'cfg/list.json', json_string_then_more('array')),
    Case('decoy-encoded', 'data/blobs.txt', decoy_encoded),
]

results, test_case = make_tests(CASES)
