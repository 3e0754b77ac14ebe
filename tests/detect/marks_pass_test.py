"""``engine._marks_test``: where the keyword screen reads by hyperscan's
one pass (a large run with the ``fast`` extra), what ``_hits`` asks of a
whole file of ``_MARKS_MIN`` bytes or more (a quoted-printable soft line
break, ``codec._QP_SOFT``; a chunked body's header value, ``CHUNKED``; a
traceback's marks, ``TRACEBACK_MARKS``) is one hyperscan pass too: it answers as the searches do, at every place in
the bytes and for the near misses beside each, and a large file read by it
keeps the keys those readings find."""
from __future__ import annotations

import random
import traceback

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import codec
from together_hooks.detect import engine
from together_hooks.detect.prefilter import Keywords

KEY = make_key(random.Random('marks-pass'))
# Past 30,000 bytes CPython's ``in`` takes its two-way search (a needle of
# 6 bytes or more): the place the pass pays, and sizes on both sides.
FILLER = b'x = {"a": 1, "b": [2, 3]}  # chunk of text = ok\r\n' * 700


def _expected(data: bytes) -> int:
    return ((engine.MARK_SOFT if codec._QP_SOFT.search(data) else 0)
            | (engine.MARK_CHUNKED if engine.CHUNKED in data else 0)
            | (engine.MARK_TRACEBACK if b'Traceback (most recent call last)' in data or b'\n>' in data else 0))


def _cases() -> list[bytes]:
    rng = random.Random('marks-pass')
    cases = [b'', FILLER, FILLER[:1024], rng.randbytes(40000)]
    for mark in (b'=\n', b'=\r\n', engine.CHUNKED, *engine.TRACEBACK_MARKS):
        for size in (1024, 4096, len(FILLER)):
            body = FILLER[:size]
            for at in (0, size // 2, size):
                cases.append(body[:at] + mark + body[at:])
        cases.append(mark)
        for i in range(len(mark)):  # one byte changed: not the mark
            cases.append(FILLER + mark[:i] + b'#' + mark[i + 1:])
        cases.append(FILLER + mark[:-1])
    cases.append(FILLER + b'Chunked =\r\r\n= \n')
    cases.append(FILLER + b'=\n' + engine.CHUNKED)
    cases.append(FILLER + b'traceback (most recent call last)\n>      x\n >       ')  # near misses
    for bits in range(8):  # every set of groups, each group by each of its marks
        for pick in range(2):
            chosen = [marks[pick % len(marks)] for bit, marks in engine._MARK_GROUPS if bits & bit]
            cases.append(FILLER[:2048] + b'\n'.join(chosen) + FILLER[:100])
    alphabet = b'=\r\nchunked x'
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(1024, 3000))) for _ in range(200)]
    # pieces of the traceback marks, whole or cut, beside the others
    pieces = (b'\n', b'>', b' ', b'    ', b'Traceback (most recent call last)', b'Traceback (most recent call',
              b' last)', b'\n>      ', b'=', b'chunked', b'x = 1')
    cases += [FILLER[:1024] + b''.join(rng.choice(pieces) for _ in range(rng.randrange(20, 400)))
              for _ in range(200)]
    return cases


def test_the_one_pass_screen_takes_hyperscans_marks(one_pass_screen: Keywords) -> None:
    assert engine._marks_test(one_pass_screen) is not None
    assert engine._marks_test(Keywords((b'together',))) is None  # no pass: each asked by ``in``


def test_the_pass_answers_as_the_searches(one_pass_screen: Keywords) -> None:
    marks = engine._marks_test(one_pass_screen)
    assert marks is not None
    cases = _cases()
    assert [marks(data) for data in cases] == [_expected(data) for data in cases]
    assert [engine._plain_marks(data) for data in cases] == [_expected(data) for data in cases]
    assert {_expected(data) for data in cases} == set(range(engine._MARKS_ALL + 1))
    # The pass asks a traceback's hints: it never says none where a mark is.
    assert all(any(hint in mark for hint in engine.TRACEBACK_HINTS) for mark in engine.TRACEBACK_MARKS)
    held = [data for data in cases if any(mark in data for mark in engine.TRACEBACK_MARKS)]
    assert held and all(marks(data) & engine.MARK_TRACEBACK for data in held)


def _chunked_request() -> bytes:
    body = '{"model":"m","api_key":"' + KEY + '","messages":[]}'
    at = body.index(KEY) + 3  # ``tgp`` | ``_v1_...``: no keyword whole in the bytes
    chunks = f'{at:x}\r\n{body[:at]}\r\n{len(body) - at:x}\r\n{body[at:]}\r\n0\r\n\r\n'
    return (b'# a capture of the client\n' * 60
            + ('POST /v1/chat/completions HTTP/1.1\r\nHost: api.together.xyz\r\n'
               'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' + chunks).encode())


def _quoted_printable_mail() -> bytes:
    notes = ''.join(f'Line {i} of the notes about the team.\n' for i in range(60))
    return ('Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\nSubject: Together keys\n\n'
            + notes + 'token: tg=\np_v1_' + KEY[7:] + '\n' + notes).encode()


@pytest.mark.parametrize('make', [_chunked_request, _quoted_printable_mail])
def test_a_large_file_read_by_the_pass_keeps_its_keys(make, one_pass_screen: Keywords, monkeypatch) -> None:
    data = make()
    assert len(data) >= engine._MARKS_MIN and KEY.encode() not in data
    plain = [f.secret for f in engine.scan_bytes(data, 'capture.txt')]
    monkeypatch.setitem(engine._SCREENS, tuple(engine.RULES), one_pass_screen)  # the route a large run takes
    assert [f.secret for f in engine.scan_bytes(data, 'capture.txt')] == plain == [KEY]


def test_readings_take_the_callers_soft_answer() -> None:
    data = _quoted_printable_mail()
    told_none = [view.encoding for _lo, view in codec.readings(data, [], soft=False)]
    searched = [view.encoding for _lo, view in codec.readings(data, [])]
    assert told_none == [] and searched == ['quoted-printable']
    assert [view.encoding for _lo, view in codec.readings(data, [], soft=True)] == searched


class Together:
    def __init__(self, api_key: str) -> None:
        raise PermissionError('401 Unauthorized')


def _verify(path: str, expected: str) -> None:
    raise ValueError('checksum mismatch')


def _traceback_log(call) -> bytes:  # type: ignore[no-untyped-def]
    """A service's log: lines of its own, then Python's traceback with its
    locals (``capture_locals=True``), as a crash report writes it."""
    try:
        call()
    except Exception as e:  # noqa: BLE001 (any exception: its traceback is the file)
        te = traceback.TracebackException.from_exception(e, capture_locals=True)
        lines = ''.join(f'INFO worker {i}: request served from the main queue\n' for i in range(30))
        return (lines + ''.join(te.format())).encode()
    raise AssertionError('no exception')


@pytest.mark.parametrize('passed', ['together', 'digest'])
def test_a_large_traceback_read_by_the_pass_keeps_its_locals(
        passed: str, one_pass_screen: Keywords, monkeypatch) -> None:
    hex_key = make_hex(random.Random(f'marks-pass-{passed}'))

    def client() -> None:  # a wrong argument: the call raises, no frame of the client's own
        key = hex_key
        Together(api_key=key, timeout=30)  # type: ignore[call-arg]

    def digest() -> None:  # the decoy: a digest passed to a checksum check
        digest = hex_key
        _verify('together-1.3.0.tar.gz', expected=digest)
    data = _traceback_log(client if passed == 'together' else digest)
    assert len(data) >= engine._MARKS_MIN and hex_key.encode() in data
    plain = [(f.line, f.secret) for f in engine.scan_bytes(data, 'logs/crash.txt')]
    monkeypatch.setitem(engine._SCREENS, tuple(engine.RULES), one_pass_screen)  # the route a large run takes
    assert engine._marks_test(one_pass_screen)(data) & engine.MARK_TRACEBACK
    found = [(f.line, f.secret) for f in engine.scan_bytes(data, 'logs/crash.txt')]
    assert found == plain
    assert {secret for _line, secret in found} == ({hex_key} if passed == 'together' else set())
