"""A reading's memory is a small multiple of the bytes it reads.

A URL log whose every character is percent-encoded (``%74%67%70%5F…``,
no key) is an escape every 3 bytes: each is a segment of the view's map
back to the original (``codec.rewrite``).  Kept as Python ints and lists
that was ~90 bytes a segment, ~27x the bytes read for one view and ~66x
for a scan holding its readings at once (349 MB peak RSS on 7.3 MB, a
4 MiB window).  The map is machine words now; these tests bound the peak
Python allocations (``tracemalloc``), not time.
"""
from __future__ import annotations

import random
import tracemalloc

from together_hooks.detect import codec
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import RULES


def _dense_log(size: int) -> bytes:
    """Request lines whose query is a non-key, every character escaped."""
    rng = random.Random('dense-escaped-log')
    lines = []
    total = 0
    while total < size:
        text = 'tgp_v1_' + ''.join(rng.choice('0123456789abcdef') for _ in range(30))
        line = 'GET /q?k=' + ''.join(f'%{ord(c):02X}' for c in text) + '\n'
        lines.append(line)
        total += len(line)
    return ''.join(lines).encode()[:size]


def _peak(call, *args):
    tracemalloc.start()
    try:
        result = call(*args)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, held, peak


def test_an_every_escaped_view_holds_a_few_times_its_bytes():
    data = _dense_log(48 * 1024)
    view, held, peak = _peak(codec.escapes_view, data)
    assert view is not None and b'tgp_v1_' in view.data
    assert held < 6 * len(data), held / len(data)  # 27x with ints in lists
    assert peak < 8 * len(data), peak / len(data)


def test_a_scan_of_a_dense_escaped_log_peaks_at_a_few_times_its_bytes():
    data = _dense_log(64 * 1024)
    found, _held, peak = _peak(scan_bytes, data, 'access.log')
    assert found == []
    assert peak < 12 * len(data), peak / len(data)  # 66x with ints in lists


def test_the_compact_map_answers_as_the_lists_did():
    rng = random.Random('view-map')
    pieces = ['%74', '%67', '&#112;', '\\u005f', 'ab', '%2541', ' ', '\\n', 'x']
    for _ in range(200):
        data = ''.join(rng.choice(pieces) for _ in range(rng.randint(1, 40))).encode()
        view = codec.escapes_view(data)
        if view is None:
            continue
        for offset in range(len(view.data)):
            at = view.origin(offset)
            assert 0 <= at < len(data)
            # each byte maps to where its (escaped or verbatim) form starts
            byte = view.data[offset:offset + 1]
            assert data[at:at + 1] == byte or data[at:at + 1] in b'%&\\', (data, offset, at)


def test_a_view_of_many_base64_values_holds_a_few_times_their_bytes():
    """Base64 tokens of the prefix, each decoded into one view (``_Parts``):
    its map was lists of ints too, ~11x the tokens' bytes."""
    import base64

    token = base64.b64encode(b'tgp_v1_') + b' '
    data = token * 4000
    hits = [i * len(token) for i in range(4000)]
    plain = tuple(k for rule in RULES for k in rule.keywords)
    view, held, _peak_ = _peak(codec.b64_view, data, hits, plain)
    assert view is not None and view.data.count(b'tgp_v1_\n') == 4000
    assert held < 5 * len(data), held / len(data)


def test_a_chunked_body_of_tiny_chunks_holds_a_few_times_its_bytes():
    """An HTTP dump whose body is sent a byte a chunk (``codec.chunked_view``):
    each chunk is a segment of the map; in lists with a ``bytes`` a chunk
    it was ~25x the dump's bytes (12 MB of such chunks: 732 MB peak RSS)."""
    body = b''.join(b'1\r\n%c\r\n' % c for c in b'abcdefgh' * 1024) + b'0\r\n\r\n'
    data = b'POST /v1/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' + body
    view, held, peak = _peak(codec.chunked_view, data)
    assert view is not None and view.data.endswith(b'abcdefgh' * 1024 + b'\r\n')
    assert view.origin(len(view.data) - 3) == data.rindex(b'h\r\n0\r\n')  # the last chunk's byte
    assert held < 4 * len(data), held / len(data)  # 1.7x; 12x with lists of ints, 17x with a bytes a chunk
    assert peak < 5 * len(data), peak / len(data)


def test_a_recording_of_short_events_holds_a_few_times_its_bytes():
    """An asciinema recording of one-character output events
    (``codec.cast_view``): ~10x its bytes with a list and a ``bytes`` an event."""
    data = b'{"version": 2, "width": 80, "height": 24}\n' + b''.join(
        b'[%d.5, "o", "%c"]\n' % (i, c) for i, c in enumerate(b'abcdefgh' * 1024))
    view, held, peak = _peak(codec.cast_view, data)
    assert view is not None and view.data == b'abcdefgh' * 1024 + b'\n'
    assert data[view.origin(8191):].startswith(b'h"]')
    assert held < 2 * len(data), held / len(data)  # 0.55x; 3.9x with lists of ints
    assert peak < 3 * len(data), peak / len(data)
