"""Requests traced by the real tools: ``curl --trace`` (16 bytes a line,
hex then text, each line after a 4-digit offset, ``--trace-time`` a
clock before it) and ``curl --trace-ascii`` (a header line cut at 64
bytes, the next line starting with its offset), from a real ``curl`` to
a real loopback server, Together's host name sent (``--connect-to``).
The key is in the trace's bytes only, cut into 16-byte pieces
(``codec._CURL_LINE``), or cut by a line break and an offset
(``codec._WRAP``).  ``tcpdump -X`` lines (``codec._TCPDUMP_HEX``) are
written here as tcpdump's ``print-ascii.c`` writes them: reading a
capture file needs ``tcpdump``, which this machine lacks."""
from __future__ import annotations

import http.server
import random
import shutil
import struct
import subprocess
import threading
from typing import Any
from typing import Iterator

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import codec
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import dump_head


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'{}')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope='module')
def port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join()


def _trace(tmp_path, port: int, key: str, *flags: str) -> bytes:
    out = tmp_path / 'trace.txt'
    subprocess.run(
        ('curl', '-s', '-o', '/dev/null', *flags, str(out),
         '--connect-to', f'api.together.xyz:80:127.0.0.1:{port}',
         '-H', f'Authorization: Bearer {key}', 'http://api.together.xyz/v1/models'),
        check=True, capture_output=True, timeout=30,
    )
    return out.read_bytes()


needs_curl = pytest.mark.skipif(shutil.which('curl') is None, reason='needs curl')


@needs_curl
@pytest.mark.parametrize('flags', [('--trace',), ('--trace-time', '--trace')])
@pytest.mark.parametrize('legacy', [False, True])
def test_a_key_in_a_hex_trace(tmp_path, port, flags, legacy):
    rng = random.Random(f'trace{flags}{legacy}')
    key = make_hex(rng) if legacy else make_key(rng)
    data = _trace(tmp_path, port, key, *flags)
    assert key.encode() not in data and key[16:32].encode() not in data.replace(b'\n', b'')
    assert dump_head(data)
    assert [f.secret for f in scan_bytes(data, 'trace.txt')] == [key]


@needs_curl
def test_a_key_cut_in_an_ascii_trace(tmp_path, port):
    key = make_key(random.Random('trace-ascii'))
    data = _trace(tmp_path, port, key, '--trace-ascii')
    assert key.encode() not in data  # cut at 64 columns
    assert [f.secret for f in scan_bytes(data, 'trace.txt')] == [key]


@needs_curl
@pytest.mark.parametrize('cut', [1, 2, 3, 4, 5, 6])
def test_a_key_cut_inside_its_prefix_in_an_ascii_trace(tmp_path, port, cut):
    """A header line is cut at 64 bytes: ``X-<pad>: <key>`` with the pad
    chosen so the cut falls ``cut`` characters into ``tgp_v1_`` (a body or
    a query's key falls there at 6 of 64 offsets; ``Authorization: Bearer``
    cuts it at 42, joined above).  Found since acc33: the dump's rows are
    joined where their offsets say the width cut them
    (``codec.trace_rows_view``)."""
    key = make_key(random.Random(f'trace-prefix{cut}'))
    name = 'X-' + 'p' * (64 - cut - len('X-: '))
    out = tmp_path / 'trace.txt'
    subprocess.run(
        ('curl', '-s', '-o', '/dev/null', '--trace-ascii', str(out),
         '--connect-to', f'api.together.xyz:80:127.0.0.1:{port}',
         '-H', f'{name}: {key}', 'http://api.together.xyz/v1/models'),
        check=True, capture_output=True, timeout=30,
    )
    data = out.read_bytes()
    assert f'{name}: {key[:cut]}\n'.encode() in data  # cut where meant
    assert [f.secret for f in scan_bytes(data, 'trace.txt')] == [key]


@needs_curl
def test_a_trace_without_a_key_is_clean(tmp_path, port):
    digest = make_hex(random.Random('trace-digest'))
    for flags in (('--trace',), ('--trace-ascii',)):
        data = _trace(tmp_path, port, f'x-amz-content-sha256: {digest}', *flags)
        assert scan_bytes(data, 'trace.txt') == []


_PACKET = b'IP 10.0.0.2.51234 > api.together.xyz.http: Flags [P.], length 300'


def _tcpdump_x(blob: bytes, clock: bytes = b'10:00:00.000000 ') -> bytes:
    # print-ascii.c: "%s0x%04x: %-*s  %s", each 2-byte group " %02x%02x"
    lines = [clock + _PACKET]
    for i in range(0, len(blob), 16):
        part = blob[i:i + 16]
        groups = ''.join(f' {part[j:j + 2].hex()}' for j in range(0, len(part), 2))
        text = ''.join(chr(b) if 32 <= b < 127 else '.' for b in part)
        lines.append(f'\t0x{i:04x}: {groups:<40}  {text}'.encode())
    return b'\n'.join(lines) + b'\n'


@pytest.mark.parametrize('clock', [b'10:00:00.000000 ', b''])  # ``-t``: no clock
@pytest.mark.parametrize('pad', [0, 1, 7])  # the key at each alignment of a group, an odd last byte
def test_a_key_in_tcpdump_x(pad, clock):
    key = make_key(random.Random(f'tcpdump{pad}'))
    blob = b'E\x00' + b'x' * pad + f'GET /v1/models HTTP/1.1\r\nHost: api.together.xyz\r\nAuthorization: Bearer {key}\r\n\r\n'.encode()
    data = _tcpdump_x(blob, clock)
    assert dump_head(data)
    assert codec.dump_view(data).data == b'\n' + blob
    assert [f.secret for f in scan_bytes(data, 'tcpdump.txt')] == [key]


def test_what_is_told_a_trace():
    assert dump_head(b'== Info: Connected to x\n')
    assert dump_head(b'10:00:00.123456 => Send header, 10 bytes (0xa)\n')
    assert dump_head(b'10:00:00.000000 IP a > b: Flags [P.]\n\t0x0000:  4500 0034\n')
    # a gemtext link, an AsciiDoc heading, a clock in a log: no dump
    assert not dump_head(b'=> gemini://example.org/ together\n')
    assert not dump_head(b'== Together AI\n')
    assert not dump_head(b'10:00:00.123456 INFO => Send to together\n')
    assert dump_head(b'IP 10.0.0.2.5 > 10.0.0.1.80: Flags [P.]\n\t0x0000:  4500 0034\n')  # tcpdump -t
    assert dump_head(b'IP6 ::1.5 > ::1.80: Flags [P.]\n\t0x0000:  6000 0000\n')
    # a note about an address, a line after it not tcpdump's bytes: no dump
    assert not dump_head(b'IP address of api.together.xyz\n0x0000: 4500\n')
    assert not dump_head(b'IP 10.0.0.2.5 > 10.0.0.1.80: Flags [P.], length 0\n')


def _pcap(payload: bytes) -> bytes:
    """A libpcap file (raw IPv4 link type) of one TCP segment holding ``payload``."""
    tcp = struct.pack('!HHIIBBHHH', 51234, 80, 1, 1, 5 << 4, 0x18, 65535, 0, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(payload), 1, 0, 64, 6, 0,
                     bytes((10, 0, 0, 2)), bytes((10, 0, 0, 1)))
    packet = ip + tcp + payload
    return (struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101)
            + struct.pack('<IIII', 1, 0, len(packet), len(packet)) + packet)


@pytest.mark.skipif(shutil.which('tcpdump') is None, reason='needs tcpdump')
@pytest.mark.parametrize('flags', [('-X',), ('-tX',), ('-x',), ('-tx',)])
def test_a_key_in_a_real_tcpdump(tmp_path, flags):
    """The real tcpdump reading a capture: with its clock and without (``-t``)."""
    key = make_key(random.Random(f'real-tcpdump{flags}'))
    capture = tmp_path / 'k.pcap'
    capture.write_bytes(_pcap(f'GET /v1/models HTTP/1.1\r\nHost: api.together.xyz\r\nAuthorization: Bearer {key}\r\n\r\n'.encode()))
    data = subprocess.run(('tcpdump', '-nr', str(capture), *flags), check=True, capture_output=True, timeout=30).stdout
    assert key[20:36].encode() not in data
    assert [f.secret for f in scan_bytes(data, 'tcpdump.txt')] == [key]
