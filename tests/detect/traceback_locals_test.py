"""A traceback's locals read with the frame they belong to
(``codec.locals_view``): a legacy key held by a local that the frame's
code line passes to Together's client by keyword (``Together(api_key=key)``
over ``key = '<hex>'``) is found, in Python's own traceback with
``capture_locals=True`` and in ``pytest --showlocals``' report, both
written by the real tools; a local passed to another purpose or another
provider, or a digest beside a Together call, stays clean."""
from __future__ import annotations

import random
import subprocess
import sys
import traceback

import pytest

from tests.keys import make_hex
from together_hooks.detect.codec import locals_view
from together_hooks.detect.engine import scan_bytes


class Together:
    def __init__(self, api_key: str) -> None:
        raise PermissionError('401 Unauthorized')


class OpenAI:
    def __init__(self, api_key: str, base_url: str) -> None:
        raise PermissionError('401 Unauthorized')


def _verify(path: str, expected: str) -> None:
    raise ValueError('checksum mismatch')


def _python_traceback(call) -> bytes:  # type: ignore[no-untyped-def]
    try:
        call()
    except Exception as e:  # noqa: BLE001 (any exception: its traceback is the file)
        te = traceback.TracebackException.from_exception(e, capture_locals=True)
        return ''.join(te.format()).encode()
    raise AssertionError('no exception')


def _found(data: bytes) -> list[str]:
    return sorted({f.secret for f in scan_bytes(data, 'logs/crash.txt')})


def _hex(seed: str) -> str:
    return make_hex(random.Random(seed))


def test_a_local_passed_to_together_by_keyword_is_found() -> None:
    h = _hex('py')

    def ask() -> None:
        key = h
        client = Together(api_key=key)  # noqa: F841
    data = _python_traceback(ask)
    assert f"key = '{h}'".encode() in data
    assert _found(data) == [h]
    view = locals_view(data)
    at = view.data.index(h.encode())
    assert data[view.origin(at):view.origin(at) + 64] == h.encode()  # reported where the file holds it


@pytest.mark.parametrize('call', ['digest', 'other-provider'])
def test_a_local_passed_elsewhere_stays_clean(call: str) -> None:
    h = _hex(call)

    def digest() -> None:
        digest = h
        _verify('together-1.3.0.tar.gz', expected=digest)

    def other_provider() -> None:
        key = h
        OpenAI(api_key=key, base_url='https://api.openai.com/v1')
    data = _python_traceback({'digest': digest, 'other-provider': other_provider}[call])
    assert h.encode() in data
    assert _found(data) == []


@pytest.fixture(scope='module')
def showlocals(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str], str]:
    """``pytest --showlocals`` on a test that passes a local to Together's
    client (raising inside the client, and at the call: its ``E`` lines
    then stand between the call and the locals; and made three code lines
    above the assert that fails: the frame's code lines all count), and one that passes a
    digest to a checksum check."""
    d = tmp_path_factory.mktemp('showlocals')
    h, h2, digest = _hex('pytest'), _hex('pytest-2'), _hex('pytest-digest')
    h3 = _hex('pytest-3')  # the client made three code lines above the failing assert
    digest2 = _hex('pytest-digest-2')  # the decoy after it: a digest under the same name
    (d / 'test_chat.py').write_text(f'''\
class Together:
    def __init__(self, api_key, offline=False):
        if not offline:
            raise PermissionError("401 Unauthorized")

    def chat(self, prompt):
        return {{"choices": []}}


def verify(path, expected):
    assert expected == "0" * 64, "checksum mismatch"


def test_chat():
    key = "{h}"
    client = Together(api_key=key)


def test_chat_wrong_argument():
    tk = "{h2}"
    client = Together(api_key=tk, timeout=30)


def test_chat_reply_later():
    kk = "{h3}"
    client = Together(api_key=kk, offline=True)
    reply = client.chat("hello")
    choices = reply["choices"]
    assert choices, "no reply"


def test_checksum_later():
    kk = "{digest2}"
    attempts = 3
    verify("together-1.3.0.tar.gz", expected=kk)


def test_download():
    digest = "{digest}"
    verify("together-1.3.0.tar.gz", expected=digest)
''')
    r = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--showlocals', '-n', '0',
                        'test_chat.py'], cwd=d, capture_output=True)
    return r.stdout, [h, h2, h3], digest


def test_pytest_showlocals_is_read_with_its_frame(showlocals: tuple[bytes, list[str], str]) -> None:
    out, keys, digest = showlocals
    assert f"key        = '{keys[0]}'".encode() in out and f"tk         = '{keys[1]}'".encode() in out
    assert digest.encode() in out
    assert b'\nE       TypeError' in out
    assert _found(out) == sorted(keys)


def test_pytest_locals_of_any_value_stay_in_their_frame(showlocals: tuple[bytes, list[str], str]) -> None:
    """pytest lists a frame's locals by name, each at a line's start: a
    local whose value is no string (``choices    = []``, ``client     =
    <...>``) sorted before the key's is one of them, not a frame's start,
    so ``kk``'s key is read with the call three code lines up; the next
    test's ``kk``, a digest passed to a checksum check, is not (its
    frame's start, pytest's header line, still parts them)."""
    out, keys, _digest = showlocals
    assert b'\nchoices    = []\nclient     = <' in out and f"kk         = '{keys[2]}'".encode() in out
    assert _hex('pytest-digest-2').encode() in out and b'\nattempts   = 3\n' in out
    found = _found(out)
    assert keys[2] in found and _hex('pytest-digest-2') not in found
