"""Wireshark's packet bytes as text: ``tshark -x`` and "Export Packet
Dissections" with "Packet bytes" write 16 bytes a row after a 4-digit
offset and two blanks, then the same bytes as text, which cuts a key
every 16 bytes (probe24's ``wireshark-packet-bytes-export``).  The rows
are read as a hex dump where the file starts as the export does (the
packet list's header) or with a packet's first row, and a row counts
only where its text column is the bytes it shows."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('wireshark-bytes'))
HEAD = ('No.     Time           Source                Destination           Protocol Length Info\n'
        '      4 0.000512       10.0.0.2              104.18.2.3            HTTP     180    POST /v1/chat/completions HTTP/1.1 \n'
        '\n')


def rows(blob: bytes, text=None) -> list[str]:
    text = text or (lambda part: ''.join(chr(b) if 32 <= b < 127 else '.' for b in part))
    return ['%04x  ' % i + ' '.join('%02x' % b for b in blob[i:i + 16]).ljust(47) + '   ' + text(blob[i:i + 16])
            for i in range(0, len(blob), 16)]


def request(key: str, pad: int = 0) -> bytes:
    return ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\n'
            + 'X-Pad: ' + 'p' * pad + '\r\n'
            + f'Authorization: Bearer {key}\r\n\r\n').encode()


def where(blob: bytes, key: str, first_line: int) -> int:
    return first_line + blob.index(key.encode()) // 16


@pytest.mark.parametrize('pad', range(16))
def test_a_key_in_an_exports_packet_bytes_is_found_at_every_alignment(pad):
    blob = request(KEY, pad)
    text = HEAD + '\n'.join(rows(blob)) + '\n'
    found = scan_bytes(text.encode(), 'captures/dissections.txt')
    assert [(f.secret, f.line) for f in found] == [(KEY, where(blob, KEY, 4))]


def test_tshark_x_without_a_summary_is_read():
    blob = request(KEY)
    text = '\n'.join(rows(blob)) + '\n\n' + '\n'.join(rows(b'HTTP/1.1 401 Unauthorized\r\n\r\n')) + '\n'
    found = scan_bytes(text.encode(), 'captures/tshark-x.txt')
    assert [(f.secret, f.line) for f in found] == [(KEY, where(blob, KEY, 1))]


def test_a_second_packet_after_its_details_is_read():
    first = b'GET /v1/models HTTP/1.1\r\nHost: api.together.xyz\r\n\r\n'
    blob = request(KEY)
    text = (HEAD + '\n'.join(rows(first)) + '\n\n'
            + 'No.     Time           Source                Destination           Protocol Length Info\n'
            + '      9 0.100000       10.0.0.2              104.18.2.3            HTTP     180    POST\n\n'
            + 'Frame 9: 180 bytes on wire (1440 bits)\nHypertext Transfer Protocol\n\n'
            + '\n'.join(rows(blob)) + '\n')
    lines_before = text.count('\n', 0, text.index('\n'.join(rows(blob))))
    found = scan_bytes(text.encode(), 'captures/two.txt')
    assert [(f.secret, f.line) for f in found] == [(KEY, where(blob, KEY, lines_before + 1))]


@pytest.mark.parametrize('text', [
    # a key one character short, and one character long
    HEAD + '\n'.join(rows(request(KEY[:-1]))) + '\n',
    HEAD + '\n'.join(rows(request(KEY + 'Q'))) + '\n',
    # rows whose text column is not the bytes they show: no packet's
    HEAD + '\n'.join(rows(request(KEY), text=lambda part: 'x' * len(part))) + '\n',
    # the header with no bytes under it, the key cut by the summary's own lines
    HEAD + f'Authorization: Bearer {KEY[:20]}\n{KEY[20:]}x\n',
])
def test_what_is_no_key_stays_clean(text):
    assert scan_bytes(text.encode(), 'captures/decoy.txt') == []
