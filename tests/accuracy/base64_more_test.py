"""Keys inside base64-encoded files and values, encoded the ways the
older cases do not: a Secret made by ``kubectl create secret generic
--from-literal``, a Helm values file holding an encoded ``.env``, a data:
URL, base64 inside nested JSON, line-wrapped base64 in an e-mail
attachment, URL-safe base64 without padding, a key echoed through ``base64 -d``
in CI, a JWT's payload, a plist's ``<data>``, Basic auth with an empty user.

Not here, on purpose (docs/detection.md): base64 of UTF-16 text
(PowerShell's ``-EncodedCommand``).  Its keyword forms are other
strings; adding them to the keyword screen every file passes through
measured +0.15 ns/byte (+13%) on mypy's tree, for a rare form."""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import line_of
from tests.accuracy import make_tests


def _b64(raw: str | bytes) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


def k8s_from_literal_hex(m):
    key = m.hex()
    enc = _b64(key)
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: together\ntype: Opaque\n'
            f'data:\n  TOGETHER_API_KEY: {enc}\n')
    return text, [(7, key)]


def k8s_from_literal_tgp(m):
    key = m.key()
    text = f'apiVersion: v1\nkind: Secret\ndata:\n  api-key: {_b64(key)}\n'
    return text, [(4, key)]


def helm_values_env_b64(m):
    key = m.hex()
    env = f'# generated\nexport TOGETHER_API_KEY="{key}"\nexport PORT=8080\n'
    enc = _b64(env)
    text = f'app:\n  image: chat:1.2\n  envFile: {enc}\n'
    return text, [(3, key)]


def data_url(m):
    key = m.key()
    enc = _b64(f'TOGETHER_API_KEY={key}\n')
    text = f'<a download=".env" href="data:text/plain;base64,{enc}">download</a>\n'
    return text, [(1, key)]


def json_nested_b64(m):
    key = m.hex()
    inner = json.dumps({'together': {'api_key': key}})
    doc = {'version': 3, 'payload': {'kind': 'config', 'blob': _b64(inner)}}
    text = json.dumps(doc, indent=2) + '\n'
    return text, [(line_of(text, '"blob"'), key)]


def mime_attachment_wrapped(m):
    key = m.key()
    env = 'APP=chat\nREGION=us-east-1\n' + ''.join(f'VAR_{i}=value-{i}\n' for i in range(5)) + f'TOGETHER_API_KEY={key}\n'
    enc = base64.encodebytes(env.encode()).decode()
    head = ('From: dev@example.com\nSubject: env for staging\nMIME-Version: 1.0\n'
            'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
            'Content-Type: text/plain\nContent-Disposition: attachment; filename=".env"\n'
            'Content-Transfer-Encoding: base64\n\n')
    text = head + enc + '--b1--\n'
    # Reported on the line where the key's encoding starts.
    at = env.encode().index(key.encode()) // 3 * 4
    lines = enc.splitlines()
    n = 0
    for i, ln in enumerate(lines):
        if n + len(ln) > at:
            return text, [(head.count('\n') + 1 + i, key)]
        n += len(ln)
    raise AssertionError


def urlsafe_nopad(m):
    key = m.key()
    enc = base64.urlsafe_b64encode(f'{{"k":"{key}"}}'.encode()).decode().rstrip('=')
    text = f'https://app.example.com/share#cfg={enc}\n'
    return text, [(1, key)]


def github_env_b64_secret(m):
    key = m.key()
    text = f'jobs:\n  run:\n    steps:\n      - run: echo "{_b64(key)}" | base64 -d > key.txt\n'
    return text, [(4, key)]


def env_b64_suffix(m):
    key = m.hex()
    text = f'# decoded by the entrypoint\nTOGETHER_API_KEY_B64={_b64(key)}\n'
    return text, [(2, key)]


def jwt_payload(m):
    key = m.key()
    payload = base64.urlsafe_b64encode(json.dumps({'sub': 'u1', 'api_key': key}).encode()).decode().rstrip('=')
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip('=')
    sig = base64.urlsafe_b64encode(m.rng.randbytes(32)).decode().rstrip('=')
    text = f'session: {header}.{payload}.{sig}\n'
    return text, [(1, key)]


def plist_data(m):
    key = m.hex()
    raw = base64.encodebytes(json.dumps({'together': {'api_key': key}}).encode()).decode()
    text = '<key>Config</key>\n<data>\n' + ''.join('\t' + ln + '\n' for ln in raw.splitlines()) + '</data>\n'
    # The key starts at byte 27 of the JSON: within the first 57 bytes,
    # the first line of the encoding.
    return text, [(3, key)]


def basic_auth_empty_user(m):
    key = m.key()
    text = f'GET /v1/models HTTP/1.1\nAuthorization: Basic {_b64(":" + key)}\n'
    return text, [(2, key)]


CASES = [
    Case('jwt-payload', 'fixtures/session.yaml', jwt_payload),
    Case('plist-data-json', 'App.plist', plist_data),
    Case('basic-auth-empty-user', 'capture.http', basic_auth_empty_user),
    Case('env-name-b64-suffix', '.env.ci', env_b64_suffix),
    Case('k8s-from-literal-hex', 'k8s/together.yaml', k8s_from_literal_hex),
    Case('k8s-from-literal-tgp', 'k8s/secret.yaml', k8s_from_literal_tgp),
    Case('helm-values-env-b64', 'chart/values.yaml', helm_values_env_b64),
    Case('data-url-env', 'site/index.html', data_url),
    Case('json-nested-b64', 'state/payload.json', json_nested_b64),
    Case('mime-attachment-wrapped', 'mail/staging.eml', mime_attachment_wrapped),
    Case('urlsafe-nopad-fragment', 'links.txt', urlsafe_nopad),
    Case('ci-echo-b64', '.github/workflows/deploy.yml', github_env_b64_secret),
]

results, test_case = make_tests(CASES)
