"""Opt-in live verification: is a found key still accepted by Together?

Only ``--verify`` sends anything.  Each distinct key is sent once, as
``Authorization: Bearer <key>`` on ``GET /v1/models`` -- the one read-only
endpoint the check needs -- to ``https://api.together.xyz`` with TLS verified
by the default context, a short timeout, no redirects and no proxies (a
proxy or a redirect target would be one more party that sees the key).

``TOGETHER_HOOKS_API_BASE`` can point the check at Together's other host or
at a loopback test server, nothing else; it is read from the environment
only, so no file in a scanned repository can change where keys go.

Nothing here ever puts a key in a reason, an exception or a log line:
reasons are fixed strings chosen from the status code or exception type,
with no brackets of their own: a report shows one in brackets already
(``[verification: unknown (no network, connection refused)]``).
"""
from __future__ import annotations

import ipaddress
import math
import os
import queue
import re
import threading
import time
from typing import Iterable
from typing import Mapping
from typing import NamedTuple
from typing import Sequence
from urllib.parse import urlsplit

from together_hooks.findings import Finding
from together_hooks.errors import InputError
from together_hooks.threads import start_daemon

ENV_BASE = 'TOGETHER_HOOKS_API_BASE'
TOGETHER_HOSTS = ('api.together.xyz', 'api.together.ai')
PATH = '/v1/models'
DEFAULT_TIMEOUT = 5.0
MAX_TIMEOUT = 60.0
WORKERS = 4
# Together's model list is a few hundred KB; anything far bigger is not it.
MAX_BODY = 16 * 1024 * 1024

LIVE = 'live'
INVALID = 'invalid'
UNKNOWN = 'unknown'

# Only key findings carry something Together can check (own-key findings
# are copies of the developer's own TOGETHER_API_KEY value).
VERIFIABLE_RULES = frozenset((
    'together-api-key', 'together-legacy-api-key', 'together-own-key',
))
_SENDABLE = re.compile(r'[A-Za-z0-9_-]{16,128}')


class Endpoint(NamedTuple):
    """Where keys are sent: ``connect_host`` is what the socket dials."""

    tls: bool
    host: str
    port: int
    connect_host: str

    @property
    def netloc(self) -> str:
        host = f'[{self.host}]' if ':' in self.host else self.host
        default = 443 if self.tls else 80
        return host if self.port == default else f'{host}:{self.port}'

    @property
    def url(self) -> str:
        return f'{"https" if self.tls else "http"}://{self.netloc}{PATH}'


class Verdict(NamedTuple):
    status: str
    reason: str


def _loopback_ip(host: str) -> str | None:
    """``host`` as a literal loopback address (127.0.0.0/8, ::1), else None.

    ``localhost`` is pinned to 127.0.0.1 rather than resolved, so neither
    DNS nor a hosts file decides where a key goes.
    """
    if host == 'localhost':
        return '127.0.0.1'
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.version == 4 and ip in ipaddress.ip_network('127.0.0.0/8'):
        return str(ip)
    if ip == ipaddress.ip_address('::1'):
        return str(ip)
    return None


def endpoint(environ: Mapping[str, str] | None = None) -> Endpoint:
    """The endpoint to use; an override that is not allowed is an InputError.

    Called before anything is scanned, so a refused override never gets as
    far as a socket.
    """
    env = os.environ if environ is None else environ
    raw = env.get(ENV_BASE, '').strip()
    if not raw:
        return Endpoint(True, TOGETHER_HOSTS[0], 443, TOGETHER_HOSTS[0])
    refused = InputError(
        f'{ENV_BASE}={raw!r} is not allowed: keys are only ever sent to '
        f'https://api.together.xyz, https://api.together.ai or a loopback '
        f'address (127.0.0.0/8, ::1, localhost)',
    )
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise refused from None
    if port == 0:  # urllib would connect to the scheme's default instead
        raise InputError(f'{ENV_BASE}={raw!r}: port 0 is no port to connect to')
    host = parts.hostname or ''
    if (
            parts.scheme not in ('http', 'https') or
            parts.username is not None or '@' in parts.netloc or
            parts.path not in ('', '/') or parts.query or parts.fragment
    ):
        raise refused
    if parts.scheme == 'https' and host in TOGETHER_HOSTS and port in (None, 443):
        return Endpoint(True, host, 443, host)
    loopback = _loopback_ip(host)
    if loopback is None:
        raise refused
    tls = parts.scheme == 'https'
    return Endpoint(tls, host, port or (443 if tls else 80), loopback)


def timeout_arg(text: str) -> float:
    """argparse type for ``--verify-timeout``: seconds, 0 < t <= 60."""
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'{text!r} is not a number of seconds')
    if not (0 < value <= MAX_TIMEOUT) or math.isnan(value):
        raise argparse.ArgumentTypeError(
            f'{text!r}: give a timeout of more than 0 and at most {MAX_TIMEOUT:g} seconds',
        )
    return value


def _classify_body(body: bytes) -> Verdict:
    import json

    try:
        doc = json.loads(body.decode('utf-8'))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Verdict(UNKNOWN, 'HTTP 200 but the body is not JSON')
    if isinstance(doc, list) or (
            isinstance(doc, dict) and isinstance(doc.get('data'), list)
    ):
        return Verdict(LIVE, 'HTTP 200, model list returned')
    return Verdict(UNKNOWN, 'HTTP 200 but not a model list')


def _classify_status(status: int) -> Verdict | None:
    if status in (401, 403):
        return Verdict(INVALID, f'HTTP {status}, key rejected')
    if 300 <= status < 400:
        return Verdict(UNKNOWN, f'HTTP {status}, redirect not followed')
    if status == 429:
        return Verdict(UNKNOWN, 'HTTP 429, rate limited')
    if status >= 500:
        return Verdict(UNKNOWN, f'HTTP {status}, server error')
    if status != 200:
        return Verdict(UNKNOWN, f'HTTP {status}, unexpected status')
    return None


def _classify_error(e: BaseException, timeout: float) -> Verdict:
    """A fixed reason per kind of failure; never the exception's own text."""
    import http.client
    import socket
    import ssl

    if isinstance(e, (socket.timeout, TimeoutError)):
        return Verdict(UNKNOWN, f'timed out after {timeout:g}s')
    if isinstance(e, ssl.SSLCertVerificationError):
        return Verdict(UNKNOWN, 'TLS certificate not trusted')
    if isinstance(e, ssl.SSLError):
        return Verdict(UNKNOWN, 'TLS error')
    if isinstance(e, socket.gaierror):
        return Verdict(UNKNOWN, 'no network, host name not resolved')
    if isinstance(e, ConnectionRefusedError):
        return Verdict(UNKNOWN, 'no network, connection refused')
    if isinstance(e, (ConnectionResetError, http.client.RemoteDisconnected)):
        return Verdict(UNKNOWN, 'connection closed by the server')
    if isinstance(e, http.client.HTTPException):
        return Verdict(UNKNOWN, 'malformed HTTP response')
    if isinstance(e, OSError):
        import errno

        name = errno.errorcode.get(e.errno or 0, '')
        return Verdict(UNKNOWN, f'no network, {name or "connection failed"}')
    return Verdict(UNKNOWN, f'internal error, {type(e).__name__}')


def check_key(key: str, where: Endpoint, timeout: float = DEFAULT_TIMEOUT,
              context: object = None) -> Verdict:
    """One ``GET /v1/models`` with ``key``; never raises, never echoes it."""
    import http.client

    if not _SENDABLE.fullmatch(key):
        # Only a key-shaped value goes into a header (no CR/LF, no spaces).
        return Verdict(UNKNOWN, 'not sent, not shaped like a key')
    deadline = time.monotonic() + timeout
    conn: http.client.HTTPConnection
    try:
        if where.tls:
            import ssl

            ctx = context if context is not None else ssl.create_default_context()
            conn = http.client.HTTPSConnection(
                where.connect_host, where.port, timeout=timeout,
                context=ctx,  # type: ignore[arg-type]
            )
        else:
            conn = http.client.HTTPConnection(
                where.connect_host, where.port, timeout=timeout,
            )
        try:
            from together_hooks import __version__

            conn.putrequest('GET', PATH, skip_host=True, skip_accept_encoding=True)
            conn.putheader('Host', where.netloc)
            conn.putheader('Authorization', f'Bearer {key}')
            conn.putheader('Accept', 'application/json')
            conn.putheader('User-Agent', f'together-hooks/{__version__}')
            conn.endheaders()
            resp = conn.getresponse()
            verdict = _classify_status(resp.status)
            if verdict is not None:
                return verdict
            if conn.sock is not None:
                # The socket timeout is per read; keep the whole body
                # inside the one deadline.
                conn.sock.settimeout(max(0.01, deadline - time.monotonic()))
            body = resp.read(MAX_BODY + 1)
            if len(body) > MAX_BODY:
                return Verdict(UNKNOWN, 'HTTP 200 but the body is too large')
            return _classify_body(body)
        finally:
            conn.close()
    except Exception as e:  # any failure is "unknown", with a fixed reason
        return _classify_error(e, timeout)


def verify_keys(
        keys: Iterable[str], where: Endpoint,
        timeout: float = DEFAULT_TIMEOUT, workers: int = WORKERS,
) -> dict[str, Verdict]:
    """Check each distinct key once, ``workers`` at a time.

    The whole run is bounded: a key still waiting when the deadline passes
    (a server that trickles bytes, a resolver that hangs) is ``unknown``.
    Workers are daemon threads, so a stuck one never holds the exit.
    """
    todo = list(dict.fromkeys(k for k in keys if k))
    if not todo:
        return {}
    context = None
    if where.tls:
        import ssl

        context = ssl.create_default_context()
    pending: queue.Queue[str] = queue.Queue()
    for key in todo:
        pending.put(key)
    results: dict[str, Verdict] = {}
    done = threading.Condition()

    def work() -> None:
        while True:
            try:
                key = pending.get_nowait()
            except queue.Empty:
                return
            verdict = check_key(key, where, timeout, context)
            with done:
                results[key] = verdict
                done.notify_all()

    count = max(1, min(workers, len(todo)))
    for _ in range(count):
        # Ctrl-C and SIGTERM go to the main thread, waiting below, which a
        # signal wakes; one a worker took would wait for its request.
        start_daemon(work, 'together-hooks-verify')
    waves = math.ceil(len(todo) / count)
    deadline = time.monotonic() + waves * timeout + 1.0
    with done:
        while len(results) < len(todo):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            done.wait(left)
        late = Verdict(UNKNOWN, f'timed out after {timeout:g}s')
        return {key: results.get(key, late) for key in todo}


def verify_findings(
        findings: Sequence[Finding], where: Endpoint,
        timeout: float = DEFAULT_TIMEOUT, workers: int = WORKERS,
) -> None:
    """Set ``verification``/``verification_reason`` on each key finding."""
    keys = [f.secret for f in findings if f.rule in VERIFIABLE_RULES and f.secret]
    verdicts = verify_keys(keys, where, timeout, workers)
    for f in findings:
        verdict = verdicts.get(f.secret)
        if verdict is not None:
            f.verification, f.verification_reason = verdict
