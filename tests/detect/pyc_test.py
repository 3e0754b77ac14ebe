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


def _z(text: str) -> bytes:  # marshal's short ASCII string
    return b'z' + bytes((len(text),)) + text.encode()


def _tuple(*items: bytes) -> bytes:
    return b')' + bytes((len(items),)) + b''.join(items)


def _code_310(ops: list[tuple[int, int]], consts: bytes, names: bytes) -> bytes:
    """A module's code object as Python 3.8 to 3.10 write it: six counts,
    bytecode, constants, names, local, free and cell names, file, name,
    first line, line table (Python 3.11 has five counts, a qualified name
    and an exception table: this is no dump it reads whole)."""
    code = bytes(b for op in ops for b in op)
    return (
        b'c' + (0).to_bytes(4, 'little') * 4 + (3).to_bytes(4, 'little') + (64).to_bytes(4, 'little')
        + b's' + len(code).to_bytes(4, 'little') + code + consts + names + _tuple() + _tuple() + _tuple()
        + _z('settings.py') + _z('<module>') + (1).to_bytes(4, 'little') + b's\0\0\0\0'
    )


def test_a_pyc_of_another_python_is_read_by_its_own_layout_and_instructions() -> None:
    # settings.py compiled by Python 3.10 (magic 3439), whatever Python
    # runs the scan: KEY = "<hex>"; client = together.Together(api_key="<hex>")
    rng = random.Random(310)
    first, second = make_hex(rng), make_hex(rng)
    load_const, load_name, load_attr, store_name, call_kw, return_value = 100, 101, 106, 90, 141, 83
    body = _code_310(
        [(load_const, 0), (store_name, 0), (load_name, 1), (load_attr, 2), (load_const, 1), (load_const, 2),
         (call_kw, 1), (store_name, 3), (load_const, 3), (return_value, 0)],
        _tuple(_z(first), _z(second), _tuple(_z('api_key')), b'N'),
        _tuple(_z('TOGETHER_API_KEY'), _z('together'), _z('Together'), _z('client')),
    )
    data = (3439).to_bytes(2, 'little') + b'\r\n' + b'\0' * 12 + body
    view = marshal_view(data)
    assert view is not None
    for line, key in ((f'TOGETHER_API_KEY = "{first}"', first), (f'client = together.Together(api_key="{second}")', second)):
        at = view.data.find(line.encode())
        assert at != -1
        start = view.origin(view.data.index(key.encode(), at))
        assert data[start:start + 64] == key.encode()
    # The same body under a 3.12 header (another layout), and this
    # interpreter's own .pyc under 3.13's magic (other instructions): no
    # instruction is read with a table not theirs.
    assert marshal_view((3531).to_bytes(2, 'little') + b'\r\n' + b'\0' * 12 + body) is None
    ours = _pyc(f'TOGETHER_API_KEY = {first!r}\n')
    assert b'TOGETHER_API_KEY = ' in marshal_view(ours).data  # type: ignore[union-attr]
    assert marshal_view((3571).to_bytes(2, 'little') + ours[2:]) is None
