"""A traceback's marks in the marks' one hyperscan pass
(``engine._MARK_GROUPS``, ``MARK_TRACEBACK``): where the keyword screen
reads by hyperscan (a large run with the ``fast`` extra), a file of
``_MARKS_MIN`` bytes or more is searched for ``TRACEBACK_MARKS`` (before
``codec.locals_view``) only where the pass found Python's head line or
``\\n>``, the start of pytest's failing-line marker: the pass sets its
bit wherever a mark is (and for the near misses that start as pytest's
does), the plain route's ``in`` gives the same bits, and a traceback read
by the pass keeps the key its locals hold, a decoy beside it clean."""
from __future__ import annotations

import random
import traceback

import pytest

from tests.keys import make_hex
from together_hooks.detect import codec
from together_hooks.detect import engine
from together_hooks.detect.prefilter import Keywords

HEX = make_hex(random.Random('traceback-marks-pass'))
PY_HEAD, PYTEST = engine.TRACEBACK_MARKS
FILLER = b'2026-12-05 06:00:01 INFO worker: request served in 12 ms (worker 3)\n' * 40


def _bit(data: bytes) -> bool:
    """What the pass answers for a traceback: a mark, or pytest's start."""
    return PY_HEAD in data or PYTEST[:2] in data


def _cases() -> list[bytes]:
    rng = random.Random('traceback-marks-pass')
    cases = [b'', FILLER, FILLER[:1024], rng.randbytes(40000)]
    for mark in (PY_HEAD, PYTEST, PYTEST[:2], b'\n> quoted, as Markdown writes it'):
        for size in (1024, len(FILLER)):
            body = FILLER[:size]
            for at in (0, size // 2, size):
                cases.append(body[:at] + mark + body[at:])
        cases.append(mark)
        for i in range(len(mark)):  # one byte changed: not the mark
            cases.append(FILLER + mark[:i] + b'#' + mark[i + 1:])
        cases.append(FILLER + mark[:-1])
    # Every other mark first: a pass that stops once those are found
    # must not stop before a traceback's.
    cases.append(FILLER + b'=\n' + engine.CHUNKED + FILLER + PY_HEAD)
    cases.append(FILLER + b'=\r\n' + engine.CHUNKED + FILLER + PYTEST)
    alphabet = b'\n> Tracebk(most)' + b'\r='
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(1024, 3000))) for _ in range(200)]
    return cases


def test_the_pass_sets_the_bit_wherever_a_mark_is(one_pass_screen: Keywords) -> None:
    marks = engine._marks_test(one_pass_screen)
    assert marks is not None
    cases = _cases()
    bits = [bool(marks(data) & engine.MARK_TRACEBACK) for data in cases]
    assert bits == [_bit(data) for data in cases]
    assert [engine._plain_marks(data) for data in cases] == [marks(data) for data in cases]
    # Every file holding a mark has the bit: the searches asked after it
    # give the answer they gave alone.
    held = [any(mark in data for mark in engine.TRACEBACK_MARKS) for data in cases]
    assert all(bit for bit, mark in zip(bits, held) if mark)
    # Both ways round: marks found, and the bit set where none is whole.
    assert sum(held) >= 10 and sum(bit and not mark for bit, mark in zip(bits, held)) >= 10
    assert {marks(data) & ~engine.MARK_TRACEBACK for data in cases} >= {0, engine.MARK_SOFT | engine.MARK_CHUNKED}


class Together:
    """A client that takes no argument: the call raises in no frame of
    its own (one holding ``api_key = '<hex>'`` beside its class's name
    would show the key without the locals' view)."""


def _verify(path: str, expected: str) -> None:
    raise ValueError('checksum mismatch')


def _python_traceback(call) -> bytes:  # type: ignore[no-untyped-def]
    try:
        call()
    except Exception as e:  # noqa: BLE001 (any exception: its traceback is the file)
        te = traceback.TracebackException.from_exception(e, capture_locals=True)
        return FILLER + ''.join(te.format()).encode()
    raise AssertionError('no exception')


def _python_key() -> bytes:
    def ask() -> None:
        key = HEX
        client = Together(api_key=key)  # type: ignore[call-arg]  # noqa: F841
    return _python_traceback(ask)


def _python_digest() -> bytes:
    def download() -> None:
        digest = HEX
        _verify('together-1.3.0.tar.gz', expected=digest)
    return _python_traceback(download)


def _pytest_report(call: str) -> bytes:
    """``pytest --showlocals``' shape: the failing line under ``>`` and
    seven blanks, the locals below; no Python head line."""
    return FILLER + (
        '________________________________ test_chat ________________________________\n\n'
        '    def test_chat():\n'
        '        key = load_secret()\n'
        f'>       {call}\n\n'
        f"key        = '{HEX}'\n\n"
        'test_chat.py:12: PermissionError\n'
    ).encode()


CASES = {
    'python': (_python_key, [HEX]),
    'pytest': (lambda: _pytest_report('client = Together(api_key=key)'), [HEX]),
    'python-digest': (_python_digest, []),
    'pytest-digest': (lambda: _pytest_report('verify("together-1.3.0.tar.gz", expected=key)'), []),
}


@pytest.mark.parametrize('case', sorted(CASES))
def test_a_large_traceback_read_by_the_pass_keeps_its_keys(
        case: str, one_pass_screen: Keywords, monkeypatch: pytest.MonkeyPatch,
) -> None:
    make, want = CASES[case]
    data = make()
    assert len(data) >= engine._MARKS_MIN and HEX.encode() in data
    plain = sorted({f.secret for f in engine.scan_bytes(data, 'logs/crash.txt')})
    with monkeypatch.context() as m:  # the route a large run takes
        m.setitem(engine._SCREENS, tuple(engine.RULES), one_pass_screen)
        assert engine._marks_test(engine.keyword_screen(engine.RULES)) is not None
        passed = sorted({f.secret for f in engine.scan_bytes(data, 'logs/crash.txt')})
        # The key is the locals' view's alone: a route that skipped it misses it.
        m.setattr(codec, 'locals_view', lambda _data: None)
        unread = sorted({f.secret for f in engine.scan_bytes(data, 'logs/crash.txt')})
    assert plain == passed == want
    assert unread == []
