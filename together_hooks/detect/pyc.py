"""A ``.pyc`` or a ``marshal`` dump read as the program it holds: each
name beside the value the program gives it.

A compiled module keeps its strings in tuples, the constants of a code
object in one (``co_consts``) and the names it stores to in another
(``co_names``): ``TOGETHER_API_KEY = "<hex>"`` leaves the key and its name
apart, and a dict's keys and values are pairs in ``marshal`` but
neighbours in no text.  ``marshal_view`` parses the marshal format itself
(a grammar of type bytes and lengths: ``marshal.loads`` is not meant for
untrusted bytes) and writes each code object's bytecode back as lines of
source (``NAME = "value"``, ``call(kw="value")``, ``{"key": "value"}``), a
dict as ``{"key": "value"}``; each string is a copy of its bytes in the
file, so a key found there is reported where the file holds it.

Bytecode differs between Python versions: a ``.pyc``'s magic names its
version, and so its code objects' layout (3.7; 3.8 to 3.10; 3.11 on) and
its instructions.  It is read as a program when its magic is 3.8 to
3.10's (their instructions are fixed: ``_OPS_38``) or this interpreter's
(its ``opcode`` table); another version's, and a bare marshal dump of code
(no version), give their dicts only: no instruction is read with the
wrong table.
Anything that does not parse whole, to its last byte, is no marshal dump
(None): a text file that starts with ``{`` fails at its second byte.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from together_hooks.detect.codec import View

# Nesting deeper than this is no compiled module's (a malformed dump).
_DEPTH = 64
# Values parsed in one dump at most (a real module holds a few thousand).
_VALUES = 1 << 20
_REF = 0x80


class _Str:
    """A string or bytes constant: where its bytes are in the file."""

    __slots__ = ('at', 'size', 'is_bytes')

    def __init__(self, at: int, size: int, is_bytes: bool) -> None:
        self.at = at
        self.size = size
        self.is_bytes = is_bytes


class _Code:
    __slots__ = ('code', 'consts', 'names', 'locals')

    def __init__(self, code: Any, consts: Any, names: Any, local: Any) -> None:
        self.code = code
        self.consts = consts
        self.names = names
        self.locals = local


class _Bad(Exception):
    pass


class _Reader:
    def __init__(self, data: bytes, at: int, magic: int) -> None:
        self.data = data
        self.at = at
        self.magic = magic
        self.refs: list[Any] = []
        self.count = 0
        self.codes: list[_Code] = []
        self.dicts: list[list[tuple[Any, Any]]] = []

    def take(self, n: int) -> int:
        at = self.at
        if n < 0 or at + n > len(self.data):
            raise _Bad
        self.at = at + n
        return at

    def int32(self) -> int:
        at = self.take(4)
        return int.from_bytes(self.data[at:at + 4], 'little', signed=True)

    def value(self, depth: int = 0) -> Any:
        self.count += 1
        if depth > _DEPTH or self.count > _VALUES:
            raise _Bad
        byte = self.data[self.take(1)]
        kind, ref = chr(byte & ~_REF), byte & _REF
        slot = len(self.refs)
        if ref:
            self.refs.append(None)
        out: Any
        if kind in 'NFTS.0':
            out = kind
        elif kind == 'i':
            out = self.int32()
        elif kind == 'l':
            self.take(2 * abs(self.int32()))
            out = 'long'
        elif kind == 'g':
            self.take(8)
            out = 'float'
        elif kind == 'y':
            self.take(16)
            out = 'complex'
        elif kind in 'fx':
            for _ in range(1 + (kind == 'x')):
                self.take(self.data[self.take(1)])
            out = 'float'
        elif kind in 'stuaA':
            size = self.int32()
            out = _Str(self.take(size), size, kind == 's')
        elif kind in 'zZ':
            size = self.data[self.take(1)]
            out = _Str(self.take(size), size, False)
        elif kind in '([<>':
            n = self.int32()
            if n < 0 or n > len(self.data) - self.at:
                raise _Bad
            out = tuple(self.value(depth + 1) for _ in range(n))
        elif kind == ')':
            out = tuple(self.value(depth + 1) for _ in range(self.data[self.take(1)]))
        elif kind == '{':
            pairs = []
            while True:
                key = self.value(depth + 1)
                if key == '0':
                    break
                pairs.append((key, self.value(depth + 1)))
            self.dicts.append(pairs)
            out = 'dict'
        elif kind == 'r':
            index = self.int32()
            if not 0 <= index < len(self.refs):
                raise _Bad
            out = self.refs[index]
        elif kind == 'c':
            # Counts (3.7: five; 3.8 to 3.10: six; 3.11 on: five), then
            # bytecode, constants, names, local names, four more (free and
            # cell names, file, name; from 3.11: local kinds, file, name,
            # qualified name), first line, line table (from 3.11: and the
            # exception table).
            self.take(24 if _MAGIC_38 <= self.magic < _MAGIC_311 else 20)
            code = self.value(depth + 1)
            consts = self.value(depth + 1)
            names = self.value(depth + 1)
            local = self.value(depth + 1)
            for _ in range(4):
                self.value(depth + 1)
            self.take(4)
            for _ in range(1 + (self.magic >= _MAGIC_311)):
                self.value(depth + 1)
            out = _Code(code, consts, names, local)
            self.codes.append(out)
        else:
            raise _Bad
        if ref:
            self.refs[slot] = out
        return out


def _magic() -> bytes:
    """This interpreter's ``.pyc`` magic, from the import system every
    process has loaded (``importlib.util`` is no import of a clean run)."""
    try:
        from _frozen_importlib_external import MAGIC_NUMBER  # type: ignore[import-not-found]
    except ImportError:  # not CPython's frozen import system
        from importlib.util import MAGIC_NUMBER
    return MAGIC_NUMBER


# The ``.pyc`` magic numbers (the header's first two bytes, little-endian)
# where 3.8's and 3.11's code-object layouts begin; 3.7 begins at 3390.
_MAGIC_37, _MAGIC_38, _MAGIC_311 = 3390, 3400, 3450
# Python 3.8 to 3.10's instructions that set a name beside its value
# (their numbers did not change in those versions; no inline caches).
_OPS_38 = {
    100: 'LOAD_CONST', 101: 'LOAD_NAME', 116: 'LOAD_GLOBAL', 124: 'LOAD_FAST', 106: 'LOAD_ATTR',
    160: 'LOAD_METHOD', 90: 'STORE_NAME', 97: 'STORE_GLOBAL', 125: 'STORE_FAST', 95: 'STORE_ATTR',
    131: 'CALL', 161: 'CALL', 141: 'CALL_FUNCTION_KW', 105: 'BUILD_MAP', 156: 'BUILD_CONST_KEY_MAP',
    144: 'EXTENDED_ARG', 9: 'NOP',
}


class _Table:
    """A version's instructions: names by number, inline cache sizes, and
    the flag bits LOAD_GLOBAL's and LOAD_ATTR's arguments hold."""

    def __init__(self, names: Any, caches: Any, global_shift: int, attr_shift: int) -> None:
        self.names = names
        self.caches = caches
        self.global_shift = global_shift
        self.attr_shift = attr_shift


def _table(magic: int, ours: bool) -> _Table | None:
    """The instructions of a ``.pyc`` of ``magic`` (None: not known here)."""
    if _MAGIC_38 <= magic < _MAGIC_311:
        return _Table([_OPS_38.get(op, '') for op in range(256)], None, 0, 0)
    if not ours or magic < _MAGIC_311:
        return None
    import opcode
    import sys

    # 3.11 keeps a flag in LOAD_GLOBAL's low bit, 3.12 in LOAD_ATTR's too.
    return _Table(
        opcode.opname, getattr(opcode, '_inline_cache_entries', None), 1, 1 if sys.version_info >= (3, 12) else 0,
    )


def _parsed(data: bytes) -> tuple[_Reader, _Table | None] | None:
    """The dump's reader, and the instructions its bytecode is read with
    (None: its dicts only); None when ``data`` is no marshal dump (or
    ``.pyc``) read whole, but for line breaks after it (a base64 value's
    decoding in ``codec.b64_view``, which ends each with one)."""
    start, magic, ours = 0, _MAGIC_311, False
    if len(data) > 16 and data[2:4] == b'\r\n' and data[16] & ~_REF == ord('c'):
        start, magic, ours = 16, int.from_bytes(data[:2], 'little'), data[:4] == _magic()
        if magic < _MAGIC_37:  # a header before 3.7's is 12 bytes: no .pyc of these
            return None
    elif not data or data[0] & ~_REF not in b'{[()c':
        return None
    reader = _Reader(data, start, magic)
    try:
        reader.value()
    except (_Bad, IndexError, RecursionError):
        return None
    if data[reader.at:].strip(b'\r\n'):  # a line break after it: a decoded value's end in a view
        return None
    return reader, _table(magic, ours) if start else None


class _Out:
    """The view's bytes: text written, and strings copied from the file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.out = bytearray()
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.copied: list[int] = []

    def expr(self, value: Any) -> list[Any]:
        """``value`` as pieces: bytes written, or a ``_Str`` copied."""
        if isinstance(value, _Str):
            return [b'b"' if value.is_bytes else b'"', value, b'"']
        if isinstance(value, tuple):
            pieces: list[Any] = [b'(']
            for i, item in enumerate(value):
                pieces += ([b', '] if i else []) + self.expr(item)
            return pieces + [b')']
        if isinstance(value, _Code):
            return [b'<code>']
        if isinstance(value, int):
            return [str(value).encode()]
        return [{'N': b'None', 'T': b'True', 'F': b'False'}.get(value, b'...')]

    def line(self, pieces: list[Any]) -> None:
        for piece in pieces + [b'\n']:
            self.starts.append(len(self.out))
            if isinstance(piece, _Str):
                self.sources.append(piece.at)
                self.copied.append(1)
                self.out += self.data[piece.at:piece.at + piece.size]
            else:
                self.sources.append(self.sources[-1] if self.sources else 0)
                self.copied.append(0)
                self.out += piece


def _name(value: Any) -> Any:
    return value if isinstance(value, _Str) else b'?'


def _program(code: _Code, out: _Out, table: _Table) -> None:
    """``code``'s bytecode written back as lines of source, far enough to
    set each name beside its value: loads of constants and names, stores,
    calls with keyword names, maps and tuples built; what any other
    instruction leaves on the stack is written as it stands."""
    if not isinstance(code.code, _Str) or code.code.is_bytes is False:
        return
    ops = out.data[code.code.at:code.code.at + code.code.size]
    consts = code.consts if isinstance(code.consts, tuple) else ()
    names = code.names if isinstance(code.names, tuple) else ()
    local = code.locals if isinstance(code.locals, tuple) else ()
    caches = table.caches
    name_of = table.names
    stack: list[list[Any]] = []
    raw: list[Any] = []  # the constant each stack entry is, when one
    kwnames: Any = ()
    extended = 0
    i = 0
    while i + 1 < len(ops):
        op, arg = ops[i], ops[i + 1] | extended
        i += 2 + 2 * (caches[op] if caches else 0)
        name = name_of[op]
        if name == 'EXTENDED_ARG':
            extended = arg << 8
            continue
        extended = 0

        def at(seq: tuple[Any, ...], n: int) -> Any:
            return seq[n] if 0 <= n < len(seq) else None
        if name == 'CALL_FUNCTION_KW' and stack:  # 3.8 to 3.10: the keywords' names last
            stack.pop()
            kwnames = raw.pop() or ()
            name = 'CALL'
        if name == 'LOAD_CONST' or name == 'RETURN_CONST':
            value = at(consts, arg)
            stack.append(out.expr(value))
            raw.append(value)
        elif name == 'KW_NAMES':
            kwnames = at(consts, arg) or ()
        elif name in ('LOAD_NAME', 'LOAD_GLOBAL', 'LOAD_FAST', 'LOAD_DEREF', 'LOAD_CLASSDEREF'):
            seq = local if name in ('LOAD_FAST', 'LOAD_DEREF', 'LOAD_CLASSDEREF') else names
            stack.append([_name(at(seq, arg >> table.global_shift if name == 'LOAD_GLOBAL' else arg))])
            raw.append(None)
        elif name in ('LOAD_ATTR', 'LOAD_METHOD') and stack:
            stack[-1] = stack[-1] + [b'.', _name(at(names, arg >> table.attr_shift if name == 'LOAD_ATTR' else arg))]
            raw[-1] = None
        elif name in ('STORE_NAME', 'STORE_GLOBAL', 'STORE_FAST', 'STORE_DEREF') and stack:
            seq = local if name in ('STORE_FAST', 'STORE_DEREF') else names
            out.line([_name(at(seq, arg)), b' = '] + stack.pop())
            raw.pop()
        elif name == 'STORE_ATTR' and len(stack) > 1:
            target = stack.pop()
            raw.pop()
            out.line(target + [b'.', _name(at(names, arg)), b' = '] + stack.pop())
            raw.pop()
        elif name == 'CALL' and len(stack) > arg:
            args = stack[len(stack) - arg:]
            del stack[len(stack) - arg:], raw[len(raw) - arg:]
            named = len(kwnames) if isinstance(kwnames, tuple) else 0
            parts: list[Any] = []
            for j, piece in enumerate(args):
                k = j - (len(args) - named)
                parts += ([b', '] if j else []) + ([_name(kwnames[k]), b'='] if k >= 0 else []) + piece
            stack[-1] = stack[-1] + [b'('] + parts + [b')']
            raw[-1] = None
            kwnames = ()
        elif name == 'BUILD_CONST_KEY_MAP' and len(stack) > arg:
            keys = raw[-1] if isinstance(raw[-1], tuple) else ()
            values = stack[len(stack) - 1 - arg:-1]
            del stack[len(stack) - 1 - arg:], raw[len(raw) - 1 - arg:]
            parts = []
            for j, piece in enumerate(values):
                parts += ([b', '] if j else []) + out.expr(at(keys, j)) + [b': '] + piece
            stack.append([b'{'] + parts + [b'}'])
            raw.append(None)
        elif name == 'BUILD_MAP' and len(stack) >= 2 * arg:
            items = stack[len(stack) - 2 * arg:]
            del stack[len(stack) - 2 * arg:], raw[len(raw) - 2 * arg:]
            parts = []
            for j in range(0, len(items), 2):
                parts += ([b', '] if j else []) + items[j] + [b': '] + items[j + 1]
            stack.append([b'{'] + parts + [b'}'])
            raw.append(None)
        elif name in ('RESUME', 'NOP', 'CACHE', 'PRECALL', 'PUSH_NULL', 'MAKE_FUNCTION', 'COPY_FREE_VARS'):
            continue
        elif stack:
            # Any other instruction: what the stack holds is written as it
            # stands, one line, and the stack starts again.
            for piece in stack:
                if piece != [b'None']:
                    out.line(piece)
            stack, raw = [], []


def marshal_view(data: bytes) -> View | None:
    """``data`` (a ``.pyc``, a marshal dump) read as the module's notes
    say, or None when it is none or holds nothing to write."""
    from together_hooks.detect.codec import View

    parsed = _parsed(data)
    if parsed is None:
        return None
    reader, table = parsed
    out = _Out(data)
    for pairs in reader.dicts:
        parts: list[Any] = [b'{']
        for j, (key, value) in enumerate(pairs):
            parts += ([b', '] if j else []) + out.expr(key) + [b': '] + out.expr(value)
        out.line(parts + [b'}'])
    if table is not None:
        for code in reader.codes:
            _program(code, out, table)
    if not out.out:
        return None
    return View(bytes(out.out), 'raw', None, out.starts, out.sources, out.copied)
