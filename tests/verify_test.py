"""``--verify`` against a real HTTP server on 127.0.0.1 started by the test.

The server answers per key (by the Bearer token it receives) and records
every request, so the tests see exactly what left the process: the method,
the path, the header and how often each key was sent.  Keys are compared by
hash only; no assertion message ever holds a whole key.
"""
from __future__ import annotations

import http.server
import json
import random
import socket
import ssl
import subprocess
import sys
import threading
import time

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import assert_error_text
from tests.cli_run import hook_in_process as hook
from tests.cli_run import leaked
from tests.cli_run import scan_in_process as scan
from tests.keys import b64
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks import verify
from together_hooks.findings import hash_secret

MODELS = [{'id': 'meta-llama/Llama-3-8b-chat-hf', 'object': 'model'}]

# Every name lookup and connect this process makes while recording: the
# proof that a refused override never reaches a socket.
_NET_EVENTS: list[str] = []
_RECORDING = threading.Event()


def _audit(event: str, args: tuple) -> None:
    if _RECORDING.is_set() and event in (
            'socket.connect', 'socket.getaddrinfo', 'socket.gethostbyname',
    ):
        _NET_EVENTS.append(event)


sys.addaudithook(_audit)


class Api:
    """What the test server does per key, and what it was asked."""

    def __init__(self) -> None:
        self.replies: dict[str, tuple] = {}  # key hash -> reply
        self.requests: list[tuple[str, str, str | None]] = []
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.delay = 0.0
        self.port = 0
        # Answers of ``stall`` and ``drip`` the server is still holding back.
        self.held_back = 0

    def reply(self, key: str, *reply: object) -> None:
        self.replies[hash_secret(key)] = reply

    def sent(self) -> list[str]:
        """Hashes of the keys received, one per request."""
        return [h for _, _, h in self.requests if h is not None]


def _handler(api: Api) -> type:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            auth = self.headers.get('Authorization') or ''
            token = auth[7:] if auth.startswith('Bearer ') else None
            hashed = hash_secret(token) if token is not None else None
            with api.lock:
                api.requests.append(('GET', self.path, hashed))
                api.in_flight += 1
                api.max_in_flight = max(api.max_in_flight, api.in_flight)
            try:
                time.sleep(api.delay)
            finally:
                # Out of flight before the answer is written: once the
                # client has it, its next request may arrive at once.
                with api.lock:
                    api.in_flight -= 1
            self._answer(api.replies.get(hashed or '', (401, '{}')))

        def _answer(self, reply: tuple) -> None:
            if reply[0] in ('stall', 'drip'):
                with api.lock:
                    api.held_back += 1
                try:
                    self._hold_back(reply[0])
                finally:
                    with api.lock:
                        api.held_back -= 1
                return
            status, body = reply[0], reply[1]
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header('Location', f'http://127.0.0.1:{api.port}/elsewhere')
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _hold_back(self, mode: str) -> None:
            """Until the test releases it (the waits are safety nets of
            minutes): nothing, or one header byte at a time (two minutes
            of them: a client waiting per read gets them all, then fails)."""
            if mode == 'stall':
                api.release.wait(600)
                return
            for byte in b'HTTP/1.1 200 OK\r\nX-Slow: ' + b'a' * 600:
                if api.release.wait(0.2):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up mid-answer (the timeout tests) is expected


@pytest.fixture
def api(monkeypatch):
    state = Api()
    server = _Server(('127.0.0.1', 0), _handler(state))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    monkeypatch.setenv(verify.ENV_BASE, f'http://127.0.0.1:{state.port}')
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


def _where(api: Api) -> verify.Endpoint:
    return verify.Endpoint(False, '127.0.0.1', api.port, '127.0.0.1')


def _keys(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [make_key(rng) for _ in range(n)]


@pytest.mark.parametrize(('reply', 'status', 'reason'), (
    ((200, MODELS), 'live', 'HTTP 200'),
    ((200, {'object': 'list', 'data': MODELS}), 'live', 'model list'),
    ((200, {'object': 'list'}), 'unknown', 'not a model list'),
    ((200, '<html>hello</html>'), 'unknown', 'not JSON'),
    ((200, '"just a string"'), 'unknown', 'not a model list'),
    ((401, {'error': 'bad key'}), 'invalid', 'HTTP 401'),
    ((403, {'error': 'forbidden'}), 'invalid', 'HTTP 403'),
    ((429, {'error': 'slow down'}), 'unknown', 'HTTP 429, rate limited'),
    ((500, 'oops'), 'unknown', 'HTTP 500, server error'),
    ((503, 'down'), 'unknown', 'HTTP 503, server error'),
    ((404, 'no'), 'unknown', 'HTTP 404'),
    ((302, ''), 'unknown', 'redirect not followed'),
    ((301, ''), 'unknown', 'redirect not followed'),
))
def test_verdict_per_answer(api, reply, status, reason):
    key, = _keys(1)
    api.reply(key, *reply)
    got = verify.verify_keys([key], _where(api), timeout=5)
    assert len(got) == 1
    verdict = got[key]  # asserts name only the verdict, never the key
    assert verdict.status == status, verdict
    assert reason in verdict.reason, verdict
    # One GET /v1/models, never a redirect target or any other path.
    assert api.requests == [('GET', '/v1/models', hash_secret(key))]
    assert not leaked([key], verdict.reason)


def test_request_shape():
    """The raw request: path, Authorization, Host, and nothing extra."""
    key, = _keys(1)
    seen: dict[str, str] = {}

    class Probe(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            seen.update({k.lower(): v for k, v in self.headers.items()})
            seen['path'] = self.path
            self.send_response(200)
            self.send_header('Content-Length', '2')
            self.end_headers()
            self.wfile.write(b'[]')

    server = http.server.HTTPServer(('127.0.0.1', 0), Probe)
    threading.Thread(target=server.handle_request, daemon=True).start()
    where = verify.Endpoint(False, '127.0.0.1', server.server_address[1], '127.0.0.1')
    try:
        assert verify.check_key(key, where, 5).status == 'live'
    finally:
        server.server_close()
    assert seen['path'] == '/v1/models'
    assert hash_secret(seen['authorization'][len('Bearer '):]) == hash_secret(key)
    assert seen['authorization'].startswith('Bearer ')
    assert seen['host'] == f'127.0.0.1:{where.port}'
    assert 'cookie' not in seen and 'accept-encoding' not in seen


def test_each_distinct_key_once_with_bounded_concurrency(api):
    keys = _keys(10)
    for key in keys:
        api.reply(key, 200, MODELS)
    api.delay = 0.3
    got = verify.verify_keys(keys + keys[::-1] + keys[:3], _where(api), timeout=5)
    assert [v.status for v in got.values()] == ['live'] * 10
    assert sorted(api.sent()) == sorted(hash_secret(k) for k in keys)
    assert {p for _, p, _ in api.requests} == {'/v1/models'}
    assert 2 <= api.max_in_flight <= verify.WORKERS


@pytest.mark.parametrize('mode', ('stall', 'drip'))
def test_stalled_server_is_unknown_within_timeout(api, mode):
    key, = _keys(1)
    api.reply(key, mode)
    verdict = verify.verify_keys([key], _where(api), timeout=1)[key]
    assert verdict == ('unknown', 'timed out after 1s')
    # The server still holds its answer back (it does until the test ends):
    # the check gave up on its own deadline, not when the server stopped
    # (a wait per read would have waited out the whole drip).  Counted, not
    # timed: wall time under load says nothing.
    assert api.held_back == 1, api.held_back


def test_closed_port_is_unknown():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    key, = _keys(1)
    where = verify.Endpoint(False, '127.0.0.1', port, '127.0.0.1')
    verdict = verify.verify_keys([key], where, timeout=2)[key]
    assert verdict.status == 'unknown'
    assert verdict.reason.startswith('no network'), verdict


@pytest.mark.parametrize('key_maker', (
    lambda rng: 'tgp_v1_' + 'a' * 20 + '\r\nX-Evil: 1',
    lambda rng: 'has space in it and more',
))
def test_odd_secret_is_never_sent(api, key_maker):
    secret = key_maker(random.Random(1))
    verdict = verify.verify_keys([secret], _where(api), timeout=2)[secret]
    assert verdict == ('unknown', 'not sent, not shaped like a key')
    assert api.requests == []


def test_tls_is_verified(tmp_path):
    """A self-signed server on 127.0.0.1: the default context refuses it."""
    cert, keyfile = tmp_path / 'cert.pem', tmp_path / 'key.pem'
    try:
        subprocess.run(
            ('openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
             '-keyout', str(keyfile), '-out', str(cert), '-days', '1',
             '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'),
            check=True, capture_output=True, timeout=60,
        )
    except FileNotFoundError:
        pytest.skip('openssl not installed')
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(keyfile))
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(1)
    hits: list[bytes] = []

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            with ctx.wrap_socket(conn, server_side=True) as tls:
                hits.append(tls.recv(4096))
        except (ssl.SSLError, OSError):
            pass

    threading.Thread(target=serve, daemon=True).start()
    key, = _keys(1)
    where = verify.Endpoint(True, '127.0.0.1', listener.getsockname()[1], '127.0.0.1')
    try:
        verdict = verify.verify_keys([key], where, timeout=5)[key]
    finally:
        listener.close()
    assert verdict == ('unknown', 'TLS certificate not trusted')
    assert hits == []  # the request (and the key) never went over the wire


@pytest.mark.parametrize(('value', 'tls', 'host', 'port', 'connect'), (
    ('', True, 'api.together.xyz', 443, 'api.together.xyz'),
    ('https://api.together.xyz', True, 'api.together.xyz', 443, 'api.together.xyz'),
    ('https://api.together.ai/', True, 'api.together.ai', 443, 'api.together.ai'),
    ('https://api.together.xyz:443', True, 'api.together.xyz', 443, 'api.together.xyz'),
    ('http://127.0.0.1:8080', False, '127.0.0.1', 8080, '127.0.0.1'),
    ('http://127.9.8.7', False, '127.9.8.7', 80, '127.9.8.7'),
    ('https://127.0.0.1:8443', True, '127.0.0.1', 8443, '127.0.0.1'),
    ('http://[::1]:9000', False, '::1', 9000, '::1'),
    ('http://localhost:9000/', False, 'localhost', 9000, '127.0.0.1'),
))
def test_allowed_base(value, tls, host, port, connect):
    got = verify.endpoint({verify.ENV_BASE: value})
    assert got == (tls, host, port, connect)
    assert got.url.endswith('/v1/models')


def test_audit_hook_sees_a_real_connect(api):
    """Control for the refusal tests: a request does show up as events."""
    key, = _keys(1)
    _NET_EVENTS.clear()
    _RECORDING.set()
    try:
        verify.verify_keys([key], _where(api), timeout=5)
    finally:
        _RECORDING.clear()
    assert 'socket.connect' in _NET_EVENTS


REFUSED = (
    'https://example.com',
    'http://10.0.0.1',
    'http://127.0.0.1.evil.com:{port}',
    'http://evil.com@127.0.0.1:{port}',
    'http://127.0.0.1:{port}@10.0.0.1',
    'http://127.0.0.1:{port}/v2',
    'http://127.0.0.1:{port}?x=1',
    'http://api.together.xyz',
    'https://api.together.xyz:8443',
    'https://api.together.xyz.evil.com',
    'https://evil.com/api.together.xyz',
    'ftp://127.0.0.1:{port}',
    'http://[::ffff:127.0.0.1]:{port}',
    'http://2130706433:{port}',
    'http://127.1:{port}',
    'http://0.0.0.0:{port}',
    '127.0.0.1:{port}',
    'http://127.0.0.1:99999',
)


@pytest.fixture
def listener():
    """A loopback socket that records whether anything tried to connect."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    sock.listen(8)
    yield sock
    sock.close()


def _accepted(sock: socket.socket) -> bool:
    """Whether anything connected, asked once the run is over: on loopback
    ``connect`` returns only once the handshake is done, so a connection
    the run made waits in the backlog already (no wait needed: 0.2 s a
    case, 20 cases, was the file's largest wait)."""
    sock.setblocking(False)
    try:
        conn, _ = sock.accept()
    except (BlockingIOError, OSError):
        return False
    conn.close()
    return True


@pytest.mark.parametrize('template', REFUSED)
def test_refused_base_before_any_socket(git_repo, monkeypatch, capsys, listener, template):
    from together_hooks.cli import main

    key, = _keys(1)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    value = template.format(port=listener.getsockname()[1])
    monkeypatch.setenv(verify.ENV_BASE, value)
    _NET_EVENTS.clear()
    _RECORDING.set()
    try:
        rc = main(['scan', '--verify', 'app.py'])
    finally:
        _RECORDING.clear()
    out, err = capsys.readouterr()
    assert_error_text(rc, err, verify.ENV_BASE, 'is not allowed')
    assert out == ''
    assert _NET_EVENTS == []
    assert not _accepted(listener)
    assert not leaked([key], out, err)


def test_refused_base_through_the_console_script(git_repo, monkeypatch, listener):
    key, = _keys(1)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    port = listener.getsockname()[1]
    monkeypatch.setenv(verify.ENV_BASE, f'http://127.0.0.1.evil.com:{port}')
    for result in (scan('--verify', 'app.py'), hook('--verify', 'app.py')):
        assert_error_line(result, verify.ENV_BASE, 'not allowed')
        assert not leaked([key], result.out, result.err)
    assert not _accepted(listener)


def _repo_with_keys(git_repo, rng: random.Random) -> dict[str, str]:
    keys = {name: make_key(rng) for name in ('live', 'dead', 'busy')}
    hexkey = make_hex(rng)
    keys['legacy'] = hexkey
    (git_repo / 'app.py').write_text(
        f'A = "{keys["live"]}"\nB = "{keys["dead"]}"\nA2 = "{keys["live"]}"\n',
    )
    (git_repo / '.env').write_text(
        f'TOGETHER_API_KEY={hexkey}\nOTHER={keys["busy"]}\n',
    )
    (git_repo / 'secret.yaml').write_text(f'data:\n  key: {b64(keys["live"])}\n')
    return keys


def _setup_replies(api: Api, keys: dict[str, str]) -> None:
    api.reply(keys['live'], 200, {'data': MODELS})
    api.reply(keys['dead'], 401, {'error': 'invalid'})
    api.reply(keys['busy'], 429, {'error': 'rate'})
    api.reply(keys['legacy'], 403, {'error': 'no'})


def test_scan_text_and_json(git_repo, api, rng):
    keys = _repo_with_keys(git_repo, rng)
    _setup_replies(api, keys)
    text = scan('--verify')
    assert text.rc == 1, text.err
    assert sorted(api.sent()) == sorted(hash_secret(k) for k in keys.values())
    assert {p for _, p, _ in api.requests} == {'/v1/models'}
    assert 'verifying 4 key(s) with GET http://127.0.0.1:' in text.err
    status = {}
    for line in text.out.splitlines():
        if '[verification: ' in line:
            hashed = line.split('(hashed_secret ')[1].split(')')[0]
            status.setdefault(hashed, set()).add(line.split('[verification: ')[1])
    assert status == {
        hash_secret(keys['live']): {'live (HTTP 200, model list returned)]'},
        hash_secret(keys['dead']): {'invalid (HTTP 401, key rejected)]'},
        hash_secret(keys['busy']): {'unknown (HTTP 429, rate limited)]'},
        hash_secret(keys['legacy']): {'invalid (HTTP 403, key rejected)]'},
    }
    assert '!!! 1 LIVE Together API key(s)' in text.out
    assert f'rotate-help --hashed-secret {hash_secret(keys["live"])}' in text.out
    assert 'Verified: 3 live, 2 invalid, 1 unknown.' in text.out
    assert text.out.rstrip().splitlines()[-1].startswith('  5. purge it')

    api.requests.clear()
    doc = scan('--verify', '--format', 'json')
    assert doc.rc == 1
    status = {(f['path'], f['line']): f['verification'] for f in doc.json()['findings']}
    assert status == {
        ('.env', 1): 'invalid', ('.env', 2): 'unknown', ('app.py', 1): 'live',
        ('app.py', 2): 'invalid', ('app.py', 3): 'live', ('secret.yaml', 2): 'live',
    }
    reasons = {f['verification_reason'] for f in doc.json()['findings']}
    assert 'HTTP 429, rate limited' in reasons
    assert len(api.sent()) == 4
    assert not leaked(list(keys.values()), text.out, text.err, doc.out, doc.err)


def test_sarif_carries_the_status(git_repo, api, rng):
    from together_hooks.report import FORMATS

    assert 'sarif' in FORMATS  # a build without SARIF fails here, never skips
    keys = _repo_with_keys(git_repo, rng)
    _setup_replies(api, keys)
    result = scan('--verify', '--format', 'sarif')
    assert result.rc == 1, result.err
    results = result.json()['runs'][0]['results']
    got = sorted(r['properties']['verification'] for r in results)
    assert got == ['invalid', 'invalid', 'live', 'live', 'live', 'unknown']
    live = [r for r in results if r['properties']['verification'] == 'live']
    assert all('LIVE' in r['message']['text'] for r in live)
    assert {r['properties']['hashed_secret'] for r in live} == {hash_secret(keys['live'])}
    assert not leaked(list(keys.values()), result.out, result.err)


def test_only_live(git_repo, api, rng):
    keys = _repo_with_keys(git_repo, rng)
    _setup_replies(api, keys)
    result = scan('--verify', '--only-live', '--format', 'json')
    assert result.rc == 1
    # Fail closed: a key the API could not judge (429 here) stays reported;
    # only those it called invalid are left out.
    assert sorted(f['verification'] for f in result.json()['findings']) == [
        'live', 'live', 'live', 'unknown',
    ]
    assert '2 finding(s) the API called invalid left out' in result.err
    # Every key invalid: nothing to report, exit 0 (see docs/verification.md).
    for name in ('live', 'busy'):
        api.reply(keys[name], 401, {})
    result = scan('--verify', '--only-live')
    assert (result.rc, result.out) == (0, '')
    assert '6 finding(s) the API called invalid left out' in result.err
    assert not leaked(list(keys.values()), result.out, result.err)


def test_only_live_with_no_network_leaves_nothing_out(git_repo, rng, monkeypatch):
    """The API cannot be reached (nothing listens on the address): every
    key is unknown, and --only-live must not turn that into a pass."""
    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    key = make_key(rng)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    monkeypatch.setenv(verify.ENV_BASE, f'http://127.0.0.1:{port}')
    result = scan('--verify', '--only-live', '--format', 'json', 'app.py')
    assert result.rc == 1, result.err
    assert [f['verification'] for f in result.json()['findings']] == ['unknown']
    assert not leaked([key], result.out, result.err)


@pytest.mark.parametrize(('args', 'words'), (
    (('--only-live',), ('--only-live needs --verify',)),
    (('--verify', '--verify-timeout', '0'), ('--verify-timeout',)),
    (('--verify', '--verify-timeout', 'soon'), ('--verify-timeout',)),
    (('--verify', '--verify-timeout', '600'), ('--verify-timeout',)),
))
def test_option_errors(git_repo, api, rng, args, words):
    key = make_key(rng)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    result = scan(*args, 'app.py')
    assert_error_line(result, *words)
    assert api.requests == []


@pytest.mark.parametrize('env', (
    {},
    {'CI': 'true', 'GITHUB_ACTIONS': 'true', 'TOGETHER_HOOKS_VERIFY': '1'},
))
def test_nothing_sent_without_verify(git_repo, api, rng, monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    key = make_key(rng)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    for result in (scan(), scan('--format', 'json'), hook('app.py')):
        assert result.rc == 1
        assert 'verification' not in result.out
    assert api.requests == []


def test_no_network_is_unknown_with_the_normal_exit(git_repo, monkeypatch, rng):
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    monkeypatch.setenv(verify.ENV_BASE, f'http://127.0.0.1:{port}')
    key = make_key(rng)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    result = scan('--verify', '--verify-timeout', '2', '--format', 'json')
    assert result.rc == 1, result.err
    finding, = result.json()['findings']
    assert finding['verification'] == 'unknown'
    # Refused at once, not waited out: a check that timed out says so.
    assert finding['verification_reason'].startswith('no network')
    # The text line brackets the verdict once: it was "[verification:
    # unknown (no network (connection refused))]".
    text = scan('--verify', '--verify-timeout', '2')
    assert text.rc == 1, text.err
    shown, = (line for line in text.out.splitlines() if '[verification: ' in line)
    assert shown.endswith(f'[verification: unknown ({finding["verification_reason"]})]'), shown
    assert not set('()[]') & set(finding['verification_reason'])
    assert not leaked([key], result.out, result.err, text.out, text.err)


def test_no_reason_brackets_itself():
    """Every fixed reason the classifiers give goes in a report's brackets
    as it is: none holds a bracket of its own."""
    import errno
    import http.client
    import socket
    import ssl

    failures = [
        socket.timeout(), ssl.SSLCertVerificationError(), ssl.SSLError(),
        socket.gaierror(), ConnectionRefusedError(), ConnectionResetError(),
        http.client.RemoteDisconnected(), http.client.BadStatusLine('x'),
        OSError(errno.ENETUNREACH, 'x'), OSError(), ValueError(),
    ]
    reasons = [verify._classify_error(e, 5).reason for e in failures]
    reasons += [v.reason for v in map(verify._classify_status, range(100, 600)) if v]
    reasons += [verify._classify_body(b).reason for b in (b'x', b'{}', b'[]')]
    reasons.append(verify.check_key('not a key', verify.endpoint({})).reason)
    assert len(set(reasons)) > 15
    assert [r for r in reasons if set('()[]') & set(r)] == []


def test_hook_verify(git_repo, api, rng):
    key = make_key(rng)
    api.reply(key, 200, MODELS)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    result = hook('--verify', 'app.py')
    assert result.rc == 1
    assert '[verification: live' in result.out and 'LIVE' in result.out
    assert api.sent() == [hash_secret(key)]
    assert not leaked([key], result.out, result.err)


def test_hook_verify_under_pre_commit(git_repo, api, rng):
    """The real framework passes --verify through and keeps the env var."""
    import os

    from tests.cli_run import BIN
    from tests.conftest import git

    key = make_key(rng)
    api.reply(key, 401, {})
    (git_repo / '.pre-commit-config.yaml').write_text(
        'repos:\n'
        '-   repo: local\n'
        '    hooks:\n'
        '    -   id: detect-together-keys\n'
        '        name: detect-together-keys\n'
        f'        entry: {os.path.join(BIN, "detect-together-keys")} --verify\n'
        '        language: system\n'
        '        types: [text]\n',
    )
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    git(git_repo, 'add', '.')
    proc = subprocess.run(
        (os.path.join(BIN, 'pre-commit'), 'run', '--all-files'),
        cwd=git_repo, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PRE_COMMIT_HOME=str(git_repo.parent / 'pc-home')),
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert '[verification: invalid (HTTP 401, key rejected)]' in proc.stdout
    assert api.sent() == [hash_secret(key)]
    assert not leaked([key], proc.stdout, proc.stderr)


def test_no_not_a_key_route_when_together_accepted_every_key(git_repo, api, rng):
    """A report whose every key Together just accepted ended with 'Not a
    real key? ... record it in the baseline': it is a real key, so that
    route only hid a live one.  With any key not live, the route stays."""
    live, dead = make_key(rng), make_key(rng)
    api.reply(live, 200, {'data': MODELS})
    api.reply(dead, 401, {'error': 'invalid'})
    (git_repo / 'app.py').write_text(f'A = "{live}"\n')
    result = scan('--verify')
    assert result.rc == 1, result.err
    assert '!!! 1 LIVE' in result.out and 'Not a real key?' not in result.out
    (git_repo / 'b.py').write_text(f'B = "{dead}"\n')
    result = scan('--verify')
    assert 'Not a real key?' in result.out
    assert not leaked([live, dead], result.out, result.err)


def _echoing_server(port_seen: list) -> tuple[http.server.HTTPServer, list]:
    """A server that echoes the key it is sent everywhere an answer can:
    a JSON error body (raw and base64), a ``WWW-Authenticate`` header, and
    a redirect to another host with the key in its query."""
    seen: list[tuple[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            auth = self.headers.get('Authorization') or ''
            key = auth[7:]
            seen.append((self.path, hash_secret(key)))
            kind = len(seen) % 3
            status = (302, 401, 200)[kind]
            data = json.dumps({
                'error': f'bad key {key}', 'b64': b64(key), 'data': f'{key}',
            }).encode()
            self.send_response(status)
            if status == 302:
                self.send_header('Location', f'http://127.0.0.2:{port_seen[0]}/steal?k={key}')
            self.send_header('WWW-Authenticate', f'Bearer realm="{key}", error="{b64(key)}"')
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = _Server(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server, seen


def test_a_server_echoing_the_key_never_gets_it_shown_or_sent_on(git_repo, monkeypatch, rng):
    """Whatever the API answers is never shown: a key echoed in a JSON body,
    a header or a redirect's Location stays out of every output, and the
    redirect (to another host, the Authorization header in hand) is never
    followed: each key goes once, to GET /v1/models, and nowhere else."""
    other = socket.socket()
    other.bind(('127.0.0.2', 0))
    other.listen(8)
    other.setblocking(False)  # asked after the runs: a connect made is in the backlog (_accepted)
    port = [other.getsockname()[1]]
    server, seen = _echoing_server(port)
    try:
        monkeypatch.setenv(verify.ENV_BASE, f'http://127.0.0.1:{server.server_address[1]}')
        keys = [make_key(rng) for _ in range(3)]
        (git_repo / 'app.py').write_text(''.join(f'k{i} = "{k}"\n' for i, k in enumerate(keys)))
        texts = []
        for fmt in ('text', 'json', 'sarif'):
            result = scan('--verify', '--format', fmt)
            assert result.rc == 1, result.err
            texts += [result.out, result.err]
        with pytest.raises(BlockingIOError):
            other.accept()  # nothing ever connected to the other host
    finally:
        server.shutdown()
        server.server_close()
        other.close()
    assert sorted(seen) == sorted(('/v1/models', hash_secret(k)) for k in keys for _ in range(3))
    assert leaked(keys, *texts) == []
