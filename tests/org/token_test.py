"""The GitHub token over real TLS on loopback: sent to the API and, by
git, to the clone host, and nowhere else: never in any process's argv
(``ps``), never in a file of the mirror cache (``config``, ``FETCH_HEAD``,
``packed-refs``, reflogs), the store or the output."""
from __future__ import annotations

import base64
import http.server
import os
import ssl
import subprocess
import threading
import time

import pytest

from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import serve_repos


@pytest.fixture
def tls_github(tmp_path):
    """(API root, CA file): the fake API and its git over HTTPS."""
    cert, key = str(tmp_path / 'cert.pem'), str(tmp_path / 'key.pem')
    subprocess.run(
        ('openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
         '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
         '-keyout', key, '-out', cert), check=True, capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FakeGitHub)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    FakeGitHub.routes, FakeGitHub.seen, FakeGitHub.limited = {}, [], set()
    FakeGitHub.served = None
    yield f'https://127.0.0.1:{server.server_address[1]}', cert
    server.shutdown()
    server.server_close()


def _argv_holding(secret: bytes) -> list[str]:
    found = []
    for pid in os.listdir('/proc'):
        try:
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                if secret in f.read():
                    found.append(pid)
        except OSError:
            pass
    return found


def test_the_token_reaches_the_api_and_git_and_nothing_else(tmp_path, keys, tls_github):
    api, ca = tls_github
    key_repo(tmp_path / 'app', keys())
    url = serve_repos(api, tmp_path, 'app')
    FakeGitHub.routes = {'/orgs/acme/repos?per_page=100&type=all': (
        [api_repo('app', url['app'])], None)}
    token = 'ghp_' + 'S3cr3tT0k3n' * 3
    basic = base64.b64encode(f'x-access-token:{token}'.encode()).decode()
    store, cache = tmp_path / 's.sqlite', tmp_path / 'cache'
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--github-org', 'acme',
         '--github-api-url', api, '--store', str(store), '--cache-dir', str(cache),
         '--format', 'json'),
        env=dict(os.environ, GITHUB_TOKEN=token, SSL_CERT_FILE=ca, GIT_SSL_CAINFO=ca),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    in_argv = []
    reader = threading.Thread(target=lambda: in_argv.append(proc.communicate()))
    reader.start()
    while reader.is_alive():
        in_argv += _argv_holding(token.encode()) + _argv_holding(basic.encode())
        time.sleep(0.005)
    (out, err), *pids = in_argv[-1:] + in_argv[:-1]
    CAPTURED.extend((out.decode(), err.decode()))
    assert proc.returncode == 1, err.decode()
    assert pids == []
    # It was sent: as a bearer token to the API, by git to the clone host.
    sent = {(p.startswith('/git/'), a) for p, a in FakeGitHub.seen}
    assert sent == {(False, f'Bearer {token}'), (True, f'Basic {basic}')}
    for secret in (token, basic, token[4:20]):
        assert secret not in out.decode() + err.decode()
        for root, _dirs, files in os.walk(tmp_path):
            for name in files:
                if name.endswith('.pem'):
                    continue
                with open(os.path.join(root, name), 'rb') as f:
                    assert secret.encode() not in f.read(), os.path.join(root, name)
    assert any(os.path.exists(cache / e / 'FETCH_HEAD') or os.path.exists(cache / e / 'packed-refs')
               for e in os.listdir(cache))
