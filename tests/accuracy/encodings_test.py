"""Keys behind encodings the other kinds' tests do not write: JSON
``\\u``-escaped characters, URL-encoded form bodies, quoted-printable with a
soft break inside the key, base64 of a CRLF ``.env`` and of JSON in a
Kubernetes Secret wrapped by ``base64``, a Jupyter traceback with ANSI
colours, a YAML double-quoted string with escapes, a file in UTF-7.

Deliberately not decoded (README, "What is detected"): compressed data
(gzip/zip), encryption, and base64 nested more than twice."""
from __future__ import annotations

import base64
import json
import re

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests


def json_u_escaped(m):
    key = m.hex()
    # Some serializers escape every non-alphanumeric character.
    name = ''.join(f'\\u{ord(c):04x}' if c == '_' else c for c in 'TOGETHER_API_KEY')
    text = '{"env": {"' + name + '": "' + key + '"}}\n'
    return text, [(1, key)]


def json_u_escaped_tgp(m):
    key = m.key()
    text = '{"msg": "export TOGETHER_API_KEY\\u003d' + key + '\\u000a"}\n'
    return text, [(1, key)]


def form_urlencoded(m):
    key = m.hex()
    text = f'POST /login HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\nprovider=together&together_api_key={key}&remember=1\n'
    return text, [(line_of(text, key), key)]


def qp_soft_break_in_key(m):
    key = m.key()
    line = f'TOGETHER_API_KEY=3D{key}'
    text = ('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            'Here is the staging config:\n\n' + line[:40] + '=\n' + line[40:] + '\n')
    return text, [(line_of(text, line[:40]), key)]


def k8s_secret_crlf_env(m):
    key = m.hex()
    env = f'APP_ENV=production\r\nDB_HOST=db.internal\r\nTOGETHER_API_KEY={key}\r\nLOG_LEVEL=info\r\n'
    enc = base64.b64encode(env.encode()).decode()
    text = f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ntype: Opaque\ndata:\n  .env: {enc}\n'
    return text, [(7, key)]


def k8s_secret_json_wrapped(m):
    key = m.key()
    raw = json.dumps({'together': {'apiKey': key, 'model': 'm'}, 'port': 8080}, indent=2).encode()
    enc = base64.encodebytes(raw).decode()  # wrapped at 76
    body = ''.join('    ' + line + '\n' for line in enc.splitlines())
    text = 'apiVersion: v1\nkind: Secret\ndata:\n  config.json: |\n' + body
    first = body.splitlines()
    # Reported on the line where the key's encoding starts.
    import re
    chars = re.sub(r'\s', '', body)
    at = raw.index(key.encode()) // 3 * 4
    count = 0
    for i, ln in enumerate(first):
        stripped = ln.strip()
        if count + len(stripped) > at:
            return text, [(5 + i, key)]
        count += len(stripped)
    raise AssertionError(chars)


def env_b64_value_crlf(m):
    key = m.hex()
    raw = f'{{"TOGETHER_API_KEY": "{key}"}}'.encode()
    enc = base64.b64encode(raw).decode()
    text = f'APP_NAME=chat\r\nCONFIG_JSON_B64={enc}\r\nPORT=80\r\n'
    return text, [(2, key)]


def notebook_traceback(m):
    key = m.key()
    out = {
        'output_type': 'error', 'ename': 'AuthenticationError',
        'evalue': 'Error code: 401',
        'traceback': [
            '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
            '\u001b[0;31mAuthenticationError\u001b[0m                       Traceback (most recent call last)',
            f'Cell \u001b[0;32mIn[3], line 4\u001b[0m\n\u001b[1;32m      2\u001b[0m client \u001b[38;5;241m=\u001b[39m '
            f'Together(api_key\u001b[38;5;241m=\u001b[39m\u001b[38;5;124m\u001b[39m\u001b[38;5;124m{key}\u001b[39m\u001b[38;5;124m"\u001b[39m)',
        ],
    }
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 3, 'metadata': {}, 'outputs': [out],
                     'source': ['client = Together()\n']}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, key), key)]


# UTF-7 as iconv writes it (git's ``working-tree-encoding=UTF-7``): only
# letters, digits, ``'(),-./:?`` and white space stand for themselves;
# each run of other characters is ``+``, its UTF-16 in base64, ``-``.
_UTF7_DIRECT = re.compile(r"[A-Za-z0-9'(),\-./:? \t\r\n]+")


def utf7(text: str) -> str:
    out, at = [], 0
    for m in _UTF7_DIRECT.finditer(text + '\n'):
        if m.start() > at:
            run = base64.b64encode(text[at:m.start()].encode('utf-16-be')).decode()
            out.append('+' + run.rstrip('=') + '-')
        out.append(m.group())
        at = m.end()
    return ''.join(out)[:-1]


def utf7_env(m):
    key = m.key()
    text = utf7(f'# staging\nTOGETHER_API_KEY={key}\nMODEL="llama"\n')
    return text, [(2, key)]


def utf7_legacy_yaml(m):
    key = m.hex()
    text = utf7(f'together:\n  api_key: "{key}"\n  base_url: https://api.together.xyz/v1\n')
    return text, [(2, key)]


CASES = [
    Case('utf7-env', 'config/.env.utf7', utf7_env),
    Case('utf7-legacy-yaml', 'config/together.yaml', utf7_legacy_yaml),
    Case('json-u-escaped-name', 'dump.json', json_u_escaped),
    Case('json-u-escaped-equals', 'log.json', json_u_escaped_tgp),
    Case('form-urlencoded', 'captures/login.txt', form_urlencoded),
    Case('qp-soft-break-in-key', 'mail/config.eml', qp_soft_break_in_key),
    Case('k8s-secret-crlf-env', 'k8s/app-env.yaml', k8s_secret_crlf_env),
    Case('k8s-secret-json-wrapped', 'k8s/config.yaml', k8s_secret_json_wrapped),
    Case('env-b64-json-crlf', 'deploy/.env.prod', env_b64_value_crlf),
    Case('notebook-ansi-traceback', 'notebooks/auth.ipynb', notebook_traceback),
    *key_cases(
        ('yaml-double-quoted-escapes', 'ci.yaml', 'script: "export TOGETHER_API_KEY=\\"{hex}\\"\\n"\n'),
        ('url-double-encoded-query', 'access.log',
         'GET /redirect?to=https%3A%2F%2Fapp%2F%3Ftogether_api_key%253D{hex} HTTP/1.1" 302\n'),
        ('html-entity-quote', 'page.html',
         '<pre data-config="{{&quot;TOGETHER_API_KEY&quot;: &quot;{hex}&quot;}}"></pre>\n'),
    ),
]

results, test_case = make_tests(CASES)
