"""Pushes over smart HTTP: ``git http-backend`` (the CGI program GitHub
Enterprise-style and plain Apache/nginx set-ups run) behind a small CGI
server on 127.0.0.1, the gate installed as the bare repository's
``hooks/pre-receive``.  A push of a key is refused and the pusher sees the
gate's message (relayed by git as ``remote:`` lines over HTTP), a clean
push is accepted.  Real git, real HTTP, real pushes."""
from __future__ import annotations

import http.server
import subprocess
import threading

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret

BACKEND = subprocess.run(
    ('git', '--exec-path'), capture_output=True, text=True,
).stdout.strip() + '/git-http-backend'


def _handler(root: str, hook_env: dict[str, str]):
    class CGI(http.server.BaseHTTPRequestHandler):
        """Every request handed to ``git http-backend`` as CGI (RFC 3875)."""

        def _cgi(self) -> None:
            path, _, query = self.path.partition('?')
            length = int(self.headers.get('Content-Length') or 0)
            if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
                body = b''
                while True:
                    size = int(self.rfile.readline().strip(), 16)
                    if not size:
                        self.rfile.readline()
                        break
                    body += self.rfile.read(size)
                    self.rfile.readline()
            else:
                body = self.rfile.read(length)
            env = dict(
                hook_env, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL='1',
                REQUEST_METHOD=self.command, PATH_INFO=path, QUERY_STRING=query,
                CONTENT_TYPE=self.headers.get('Content-Type', ''),
                CONTENT_LENGTH=str(len(body)), REMOTE_USER='dev', REMOTE_ADDR='127.0.0.1',
                GATEWAY_INTERFACE='CGI/1.1', SERVER_PROTOCOL='HTTP/1.1',
            )
            if self.headers.get('Content-Encoding'):
                env['HTTP_CONTENT_ENCODING'] = self.headers['Content-Encoding']
            if self.headers.get('Git-Protocol'):
                env['GIT_PROTOCOL'] = self.headers['Git-Protocol']
            proc = subprocess.run((BACKEND,), input=body, env=env, capture_output=True)
            head, _, out = proc.stdout.partition(b'\r\n\r\n')
            status, headers = 200, []
            for line in head.decode('latin-1').split('\r\n'):
                name, _, value = line.partition(':')
                if name.lower() == 'status':
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = _cgi

        def log_message(self, *args: object) -> None:
            pass

    return CGI


@pytest.fixture
def http_server(tmp_path):
    """(the URL of ``server.git`` over HTTP, its path): the gate installed."""
    root = tmp_path / 'srv'
    root.mkdir()
    remote = bare(root / 'server.git')
    git(remote, 'config', 'http.receivepack', 'true')
    install_gate(remote)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _handler(str(root), clean_env()))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}/server.git', remote
    finally:
        server.shutdown()
        server.server_close()


def test_a_key_pushed_over_smart_http_is_refused_with_the_message(git_repo, http_server, keys):
    url, remote = http_server
    env = clean_env()
    git(git_repo, 'remote', 'add', 'origin', url)
    write(git_repo, 'a.py', 'x = 1\n')
    first = commit(git_repo)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert git(remote, 'rev-parse', 'main').strip() == first
    key = keys()
    write(git_repo, 'cfg.py', f'K = "{key}"\n')
    adding = commit(git_repo, 'add key')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    # The gate's own words reach the pusher through HTTP, as remote: lines.
    assert 'remote:' in out and hash_secret(key) in out and 'cfg.py' in out, out
    assert 'pre-receive hook declined' in out, out
    assert git(remote, 'rev-parse', 'main').strip() == first != adding
