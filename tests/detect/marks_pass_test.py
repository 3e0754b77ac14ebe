"""``engine._marks_test``: where the keyword screen reads by hyperscan's
one pass (a large run with the ``fast`` extra), what ``_hits`` asks of a
whole file of ``_MARKS_MIN`` bytes or more (a quoted-printable soft line
break, ``codec._QP_SOFT``; a chunked body's header value, ``CHUNKED``) is
one hyperscan pass too: it answers as the searches do, at every place in
the bytes and for the near misses beside each, and a large file read by it
keeps the keys those readings find."""
from __future__ import annotations

import random

import pytest

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
            | (engine.MARK_CHUNKED if engine.CHUNKED in data else 0))


def _cases() -> list[bytes]:
    rng = random.Random('marks-pass')
    cases = [b'', FILLER, FILLER[:1024], rng.randbytes(40000)]
    for mark in (b'=\n', b'=\r\n', engine.CHUNKED):
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
    alphabet = b'=\r\nchunked x'
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(1024, 3000))) for _ in range(200)]
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
    answers = {_expected(data) for data in cases}
    assert answers == {0, engine.MARK_SOFT, engine.MARK_CHUNKED, engine.MARK_SOFT | engine.MARK_CHUNKED}


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
