"""An HTTP/1.1 message whose body is chunked (``codec.chunked_view``): a
size line between two chunks cuts the key (a raw request dump, a
capture's followed stream, ``curl --raw``); the chunks are joined as the
receiver joins them, strictly parsed, and a body that is not chunked is
left as it is."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.codec import chunked_view
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('chunked-body'))
OTHER = make_key(random.Random('chunked-body-other'))


def _chunked(pieces: list[str], nl: str = '\r\n', ext: str = '') -> str:
    return ''.join(f'{len(p.encode()):x}{ext}{nl}{p}{nl}' for p in pieces) + f'0{nl}{nl}'


REQUEST = ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\n'
           'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n')


def _lines(found):
    return sorted((f.secret, f.line) for f in found)


@pytest.mark.parametrize('cut', [3, 7, 20, 49])
def test_a_key_a_size_line_cuts_is_found_where_it_starts(cut):
    body = '{"model":"m","api_key":"' + KEY + '","messages":[]}'
    at = body.index(KEY) + cut
    data = REQUEST + _chunked([body[:at], body[at:]])
    assert _lines(scan_bytes(data.encode(), 'request.http')) == [(KEY, 7)]


def test_a_response_of_many_chunks_with_extensions():
    # a key created and sent back, cut twice; chunk extensions after the size
    body = '{"id":"key_1","key":"' + KEY + '"}'
    at = body.index(KEY)
    data = ('HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n'
            'transfer-encoding: chunked\r\n\r\n'
            + _chunked([body[:at + 10], body[at + 10:at + 30], body[at + 30:]], ext=';x=1'))
    assert _lines(scan_bytes(data.encode(), 'response.txt')) == [(KEY, 6)]


def test_line_feeds_alone_and_two_messages():
    # a capture whose CRs were dropped; the second message's key is found too
    body1 = 'api_key=' + KEY
    body2 = 'api_key=' + OTHER
    head = REQUEST.replace('\r\n', '\n')
    data = (head + _chunked([body1[:20], body1[20:]], nl='\n')
            + head + _chunked([body2[:30], body2[30:]], nl='\n'))
    found = _lines(scan_bytes(data.encode(), 'stream.txt'))
    assert [s for s, _ in found] == sorted([KEY, OTHER])


def test_pieces_making_more_than_a_key_are_no_key():
    body = '{"api_key":"' + KEY + 'abcdefg"}'
    at = body.index(KEY) + 23
    data = REQUEST + _chunked([body[:at], body[at:]])
    assert scan_bytes(data.encode(), 'request.http') == []


def test_a_body_that_is_not_chunked_is_left():
    # chunks' very bytes under a Content-Length: the size lines are the
    # body's own, nothing joins across them
    body = '{"api_key":"' + KEY + '"}'
    at = body.index(KEY) + 23
    framed = _chunked([body[:at], body[at:]])
    data = REQUEST.replace('Transfer-Encoding: chunked', f'Content-Length: {len(framed)}') + framed
    assert chunked_view(data.encode()) is None
    assert scan_bytes(data.encode(), 'request.http') == []


def test_a_size_line_its_bytes_do_not_follow_stops_the_join():
    # a size that does not match what follows: not joined past it
    body = '{"api_key":"' + KEY + '"}'
    at = body.index(KEY) + 23
    data = REQUEST + f'{at + 5:x}\r\n{body[:at]}\r\n{len(body) - at:x}\r\n{body[at:]}\r\n0\r\n\r\n'
    assert chunked_view(data.encode()) is None
    assert scan_bytes(data.encode(), 'request.http') == []


def test_a_dump_cut_short_is_read_without_error():
    body = '{"api_key":"' + KEY + '","messages":[' + '1,' * 40
    at = body.index(KEY) + 23
    data = REQUEST + f'{at:x}\r\n{body[:at]}\r\n{len(body):x}\r\n{body[at:]}'
    assert _lines(scan_bytes(data.encode(), 'request.http')) == [(KEY, 7)]
