"""The marshal reader (``detect.pyc``) on what is no whole dump: every
truncation of a real ``.pyc``, bytes flipped in it, random bytes, text
that starts like a dump, nesting past its depth.  None or a view, never
an exception (a scan must not crash on a damaged ``.pyc``); a key found
in the view maps back to its own bytes."""
from __future__ import annotations

import importlib.util
import marshal
import random

from tests.keys import make_hex
from together_hooks.detect.pyc import marshal_view


def _pyc(source: str) -> bytes:
    return importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(compile(source, 'm.py', 'exec'))


def test_damaged_dumps_give_none_or_a_view_never_an_exception() -> None:
    rng = random.Random(12)
    key = make_hex(rng)
    whole = _pyc(f'import together\nclient = together.Together(api_key={key!r})\nX = {{"a": (1, 2.5, None)}}\n')
    assert marshal_view(whole) is not None
    for cut in range(len(whole)):  # every truncation: not read whole
        assert marshal_view(whole[:cut]) is None
    for _ in range(100):
        flipped = bytearray(whole)
        flipped[rng.randrange(16, len(whole))] = rng.randrange(256)
        marshal_view(bytes(flipped))  # any answer but an exception
        marshal_view(bytes((rng.choice(b'{[()c\xfb\xe3'),)) + rng.randbytes(rng.randrange(64)))
    for text in (b'{"a": 1}\n', b'[1, 2, 3]\n', b'(defun f ())\n', b'class A:\n    pass\n'):
        assert marshal_view(text) is None
    assert marshal_view(b'(' * 100_000) is None  # a tuple a byte, no end
    assert marshal_view(b')\x01' * 100 + b'N') is None  # nested past the depth kept


def test_a_name_is_written_beside_its_value_and_maps_back() -> None:
    key = make_hex(random.Random(3))
    data = _pyc(f'TIMEOUT = 30\nTOGETHER_API_KEY = {key!r}\n')
    view = marshal_view(data)
    assert view is not None
    line = f'TOGETHER_API_KEY = "{key}"'.encode()
    at = view.data.find(line)
    assert at != -1
    start = view.origin(at + len(line) - 65)
    assert data[start:start + 64] == key.encode()
    dumped = marshal.dumps({'provider': 'together', 'TOGETHER_API_KEY': key})
    assert f'"TOGETHER_API_KEY": "{key}"'.encode() in marshal_view(dumped).data  # type: ignore[union-attr]
