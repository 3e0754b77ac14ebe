"""scan-org's GitHub client against a hostile or broken API (a real HTTP
server on loopback): the token never leaves TLS, a huge or malformed answer
is one clear error, never an unbounded read or an internal error."""
from __future__ import annotations

import http.server
import json
import threading

import pytest

from tests.cli_run import assert_error_line
from tests.org.scan_org_test import scan_org


class Api(http.server.BaseHTTPRequestHandler):
    """Answers every GET with ``status``, ``headers`` and ``body``."""

    status = 200
    headers_out: dict = {}
    body = b'[]'

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b'{"public_repos": 0}' if self.path == '/orgs/acme' else self.body
        self.send_response(self.status)
        for name, value in self.headers_out.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def api():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Api)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Api.status, Api.headers_out, Api.body = 200, {}, b'[]'
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


def test_next_page_on_the_same_host_without_tls_is_refused():
    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    client = GitHub('https://ghe.example/api/v3', 'secret-token')
    assert client._same_host('https://ghe.example/api/v3/x?page=2')
    with pytest.raises(InputError, match='another host'):
        client._same_host('http://ghe.example/api/v3/x?page=2')  # the token in clear


def test_an_answer_too_large_is_refused_unread(api, monkeypatch):
    from together_hooks.errors import InputError
    from together_hooks.org import inputs

    monkeypatch.setattr(inputs, 'MAX_BODY', 1000)
    Api.body = json.dumps([{'name': 'x' * 100}] * 20).encode()
    client = inputs.GitHub(api, None, say=lambda _t: None)
    with pytest.raises(InputError, match='too large'):
        client.get(f'{api}/orgs/acme/repos')


@pytest.mark.parametrize('header', [
    {'Retry-After': 'nan'},
    {'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': 'nan'},
])
def test_a_rate_limit_with_no_usable_wait_is_an_http_error(api, header):
    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    Api.status, Api.headers_out = 429, header
    waits: list[float] = []
    client = GitHub(api, None, sleep=waits.append, say=lambda _t: None)
    with pytest.raises(InputError, match='429'):
        client.get(f'{api}/orgs/acme/repos')
    assert waits == []


@pytest.mark.parametrize('body', [
    b'[' * 100000,  # nested past the parser's depth
    json.dumps([{'clone_url': 'https://example.com/a.git', 'size': 'big'}]).encode(),
    json.dumps([{'clone_url': 'https://example.com/a.git', 'forks_count': 1,
                 'full_name': ['a']}]).encode(),
    # An entry that is no repository was dropped without a word: a listing
    # of them read as an organisation with nothing to scan (exit 0).
    b'[1]',
    b'[null, "acme/app"]',
])
def test_a_malformed_listing_is_one_line_and_exit_2(api, tmp_path, body):
    Api.body = body
    result = scan_org('--github-org', 'acme', '--github-api-url', api, '--include-forks',
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      env={'GITHUB_TOKEN': 'ghp_' + 'T3stT0ken' * 4})
    assert_error_line(result)
    assert 'GitHub API' in result.err and 'internal error' not in result.err


class Echo(http.server.BaseHTTPRequestHandler):
    """A server (or a proxy before it) that echoes the request's
    Authorization header back in its status line."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(401, f'Bad credentials: {self.headers.get("Authorization")}')
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_token_the_api_echoes_back_is_never_shown(tmp_path):
    """The GitHub token is a secret of the run like a found key: what the
    server says is shown, the token in it is not, in any form."""
    import base64
    import random

    rng = random.Random(7)
    token = 'ghp_' + ''.join(rng.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(36))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Echo)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        api = f'http://127.0.0.1:{server.server_address[1]}'
        result = scan_org('--github-org', 'acme', '--github-api-url', api,
                          '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                          env={'TOGETHER_HOOKS_GITHUB_TOKEN': token})
    finally:
        server.shutdown()
        server.server_close()
    assert_error_line(result, 'GitHub API: 401 Bad credentials: Bearer ')
    shown = result.out + result.err
    assert token not in shown and token[4:] not in shown
    assert base64.b64encode(token.encode()).decode()[:-4] not in shown
