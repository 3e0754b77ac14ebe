"""``curl --trace-ascii``'s dump (``codec.trace_rows_view``): each row is
64 bytes of what was sent, led by its offset, so a header longer than a
row goes on in the next one (``005f: authorization: Bearer <42 hex>``
then ``009f: <22 hex>``).  A row of 64 bytes whose next row starts 64
bytes on was cut at the width and is joined back; a line that ended there
(its next row more than 64 bytes on) is not.  Written by the real
``curl`` against a server on 127.0.0.1.  Decoys: the same trace to
another host, a digest header's value cut the same way, and a line that
ends at 64 bytes followed by a line of hex (offsets tell them apart)."""
from __future__ import annotations

import http.server
import random
import shutil
import subprocess
import threading

import pytest

from tests.keys import make_hex
from together_hooks.detect.codec import trace_rows_view
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


class _Quiet(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (the handler's own name)
        self.rfile.read(int(self.headers.get('content-length') or 0))
        self.send_response(200)
        self.send_header('content-length', '2')
        self.end_headers()
        self.wfile.write(b'{}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope='module')
def server():
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _trace(port: int, host: str, *headers: str) -> bytes:
    if shutil.which('curl') is None:
        pytest.skip('needs curl')
    argv = ['curl', '-s', '-o', '/dev/null', '--trace-ascii', '-', '-H', f'Host: {host}']
    for h in headers:
        argv += ['-H', h]
    argv += ['--data', '{"model":"meta-llama/Llama-3-8b"}', f'http://127.0.0.1:{port}/v1/chat/completions']
    return subprocess.run(argv, capture_output=True, check=True, timeout=30).stdout


@pytest.mark.parametrize('pad', [0, 5, 21, 40])
def test_a_legacy_key_the_trace_cut_is_found(server, pad):
    key = make_hex(random.Random(pad))
    # the padding header moves the key's row so the width cuts it at
    # another place each time
    data = _trace(server, 'api.together.xyz', 'x-pad: ' + 'p' * pad, f'Authorization: Bearer {key}')
    assert key.encode() not in data  # cut by the dump, as curl writes it
    got = [(f.rule, f.hashed_secret) for f in scan_bytes(data, 'notes/trace.txt')]
    assert got == [('together-legacy-api-key', hash_secret(key))]


def test_the_same_trace_to_another_host_is_clean(server):
    key = make_hex(random.Random(7))
    data = _trace(server, 'api.example-llm.com', f'Authorization: Bearer {key}')
    assert trace_rows_view(data) is not None  # joined, and still no Together context
    assert scan_bytes(data, 'notes/trace.txt') == []


def test_a_digest_header_cut_the_same_way_is_clean(server):
    digest = make_hex(random.Random(8))
    data = _trace(server, 'api.together.xyz', f'x-amz-content-sha256: {digest}')
    assert scan_bytes(data, 'notes/trace.txt') == []


def test_rows_are_joined_only_where_the_offsets_say_the_width_cut_them():
    key = make_hex(random.Random(9))
    line = 'authorization: Bearer ' + key[:42]  # 64 bytes: a line that ends there
    assert len(line) == 64
    ended = ('=> Send header, 120 bytes (0x78)\n0000: Host: api.together.xyz\n'
             f'0018: {line}\n005a: {key[42:]}\n').encode()  # 0x18 + 64 + 2 (CR LF) = 0x5a
    assert trace_rows_view(ended) is None
    assert scan_bytes(ended, 'notes/trace.txt') == []
    cut = ended.replace(b'005a: ', b'0058: ')  # 0x18 + 64: the width cut it
    view = trace_rows_view(cut)
    assert view is not None and key.encode() in view.data
    assert [f.hashed_secret for f in scan_bytes(cut, 'notes/trace.txt')] == [hash_secret(key)]
