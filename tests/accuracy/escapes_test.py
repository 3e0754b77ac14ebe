"""Escapes before or around a key: ANSI colour codes, quoted-printable,
double URL-encoding."""
from __future__ import annotations

import json

from tests.accuracy import Case
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import marked

ESC = '\x1b'


def ipython_traceback(key: str) -> list[str]:
    """The traceback lines IPython stores in a notebook's error output."""
    c = lambda code, s: f'{ESC}[{code}m{s}{ESC}[39m'  # noqa: E731
    return [
        f'{ESC}[0;31m---------------------------------------------------------------------------{ESC}[0m',
        f'{ESC}[0;31mAuthenticationError{ESC}[0m                       Traceback (most recent call last)',
        f'Cell {ESC}[0;32mIn[3], line 4{ESC}[0m\n'
        f'{ESC}[1;32m      1{ESC}[0m {c("38;5;28;01", "from")} {c("38;5;21;01", "together")} '
        f'{c("38;5;28;01", "import")} Together\n'
        f'{ESC}[0;32m----> 4{ESC}[0m client {c("38;5;241", "=")} Together(api_key{c("38;5;241", "=")}'
        f'{c("38;5;124", chr(34))}{c("38;5;124", key)}{c("38;5;124", chr(34))})\n',
        f'{ESC}[0;31mAuthenticationError{ESC}[0m: Error code: 401 - Invalid API key provided',
    ]


def notebook_error(m, kind):
    key = m.key() if kind == 'tgp' else m.hex()
    nb = {
        'cells': [{
            'cell_type': 'code', 'execution_count': 3, 'id': 'a1b2c3d4', 'metadata': {},
            'outputs': [{
                'ename': 'AuthenticationError', 'evalue': 'Error code: 401',
                'output_type': 'error', 'traceback': ipython_traceback(key),
            }],
            'source': ['from together import Together\n', 'client = Together()'],
        }],
        'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5,
    }
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, key), key)]


def terminal_log(m):
    key = m.key()
    text = (
        f'{ESC}[32mINFO{ESC}[0m  starting worker\n'
        f'{ESC}[33mDEBUG{ESC}[0m together client configured with key {ESC}[38;5;124m{key}{ESC}[0m\n'
    )
    return text, [(2, key)]


def qp_mail(m, kind):
    """A key pasted into an e-mail body, quoted-printable: ``=`` is ``=3D``
    and lines over 76 characters end in a soft break ``=``."""
    key = m.key() if kind == 'tgp' else m.hex()
    line = f'Here is the key for staging: TOGETHER_API_KEY={key} (please rotate after the demo)'
    encoded = line.replace('=', '=3D')
    key_at = encoded.index(key)
    soft = []
    key_row = 0
    while len(encoded) > 75:
        cut = 75
        while encoded[cut - 2:cut].startswith('=') or encoded[cut - 1] == '=':
            cut -= 1
        if key_at >= cut:
            key_at -= cut
            key_row += 1
        soft.append(encoded[:cut] + '=')
        encoded = encoded[cut:]
    soft.append(encoded)
    head = (
        'From: Dana <dana@example.com>\n'
        'To: team@example.com\n'
        'Subject: staging credentials\n'
        'MIME-Version: 1.0\n'
        'Content-Type: text/plain; charset="utf-8"\n'
        'Content-Transfer-Encoding: quoted-printable\n'
        '\n'
        'Hi all,\n'
        '\n'
    )
    text = head + '\n'.join(soft) + '\n\nDana\n'
    # Reported on the line where the key starts.
    return text, [(head.count('\n') + 1 + key_row, key)]


ACCESS_LOG_DOUBLE = (
    '10.0.3.7 - - [02/May/2024:09:14:27 +0000] "GET /redirect?next=https%3A%2F%2Fproxy.example.com'
    '%2Fforward%3Furl%3Dhttps%253A%252F%252Fapi.together.xyz%252Fv1%252Fmodels%26key%253D{key} HTTP/1.1" 302 0\n'
)

ACCESS_LOG_LEGACY = (
    '10.0.3.7 - - [02/May/2024:09:14:28 +0000] "GET /callback?state=%257B%2522'
    'together_api_key%2522%253A%2522{hex}%2522%257D HTTP/1.1" 200 512\n'
)

URL_ENCODED_LEGACY = 'curl "https://gateway.example.com/hook?together_api_key%3D{hex}&model=m"\n'

CASES = [
    Case('notebook-ansi-tgp', 'notebooks/error.ipynb', lambda m: notebook_error(m, 'tgp')),
    Case('notebook-ansi-hex', 'notebooks/error-legacy.ipynb', lambda m: notebook_error(m, 'hex')),
    Case('terminal-log-ansi', 'logs/worker.log', terminal_log),
    Case('quoted-printable-tgp', 'mail/credentials.eml', lambda m: qp_mail(m, 'tgp')),
    Case('quoted-printable-hex', 'mail/legacy.eml', lambda m: qp_mail(m, 'hex')),
    Case('double-url-encoded-tgp', 'logs/access.log', lambda m: marked(ACCESS_LOG_DOUBLE, key=m.key())),
    Case('double-url-encoded-hex', 'logs/access2.log', lambda m: marked(ACCESS_LOG_LEGACY, hex=m.hex())),
    Case('url-encoded-hex', 'scripts/hook.sh', lambda m: marked(URL_ENCODED_LEGACY, hex=m.hex())),
]

results, test_case = make_tests(CASES)
