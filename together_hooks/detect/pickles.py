"""A binary pickle (protocols 2-5, what ``pickle.dumps`` and ``shelve``
write) read as the object it holds: each dict written as JSON is, one
item a line, so a value stands beside its siblings.

In the raw bytes a dict's items are strings between opcodes and lengths
(``\\x8c\\x07api_key\\x94\\x8c\\x40<hex>``): a current key is found by its
prefix, but a legacy key is a key only with its context, and a generic
``api_key`` is Together's only where its object names Together's provider
or endpoint (``{"provider": "together", "api_key": …}``).  ``pickle_view``
walks the opcodes itself (a grammar of opcodes and lengths; nothing is
unpickled, no class is looked up, no code runs) with a stack, as the
unpickler does, and writes the result: a dict as ``{`` then ``"key":
value,`` lines, a list or tuple as ``[`` lines ``]``, an object built
from a class as its state (``BUILD``'s dict, else its arguments).  Each
string is a copy of its bytes in the file, so a key found there is
reported where the file holds it.

Every pickle in the file is read: ``shelve``'s ``dbm.dumb`` data file is
its values' pickles one after another, padded with NULs.  A stream that
does not parse ends where it fails, and the search for the next goes on
from there, so every byte is walked at most once; a string fetched again
from the memo is written again when short (a name or a key, up to
``_REPEAT`` bytes), a container fetched again is written once more only
while the view stays within ``ROOM`` times the file's size (a crafted
file of references would be a quadratic text): past it the view stops.
The raw bytes are scanned anyway, so a key is only ever found more.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from together_hooks.detect.codec import View

# The view's bytes at most this many times the file's (and 64 KB more).
ROOM = 4
# A string fetched again from the memo is written again up to this size.
_REPEAT = 256
# Opcodes one pickle is walked for (so the values it makes, the entries
# its stack and memo hold), and the nesting written: past them the walk
# stops and writes what it has (a pickle of settings holds a few hundred
# values; the raw bytes are read whole anyway).
_VALUES = 1 << 20
_DEPTH = 64
# Where a pickle of protocol 2 to 5 starts: PROTO and its version.
STARTS = (b'\x80\x02', b'\x80\x03', b'\x80\x04', b'\x80\x05')

# Opcodes whose argument is a fixed number of bytes, skipped.
_FIXED = {
    b'K': 1, b'M': 2, b'J': 4, b'G': 8, b'\x80': 1, b'\x95': 8,
    b'q': 1, b'r': 4, b'h': 1, b'j': 4, b'\x82': 1, b'\x83': 2, b'\x84': 4,
}
# Opcodes of a string or bytes: (size of the length field, bytes?).
_SIZED = {
    b'\x8c': (1, False), b'X': (4, False), b'\x8d': (8, False),
    b'U': (1, True), b'T': (4, True), b'C': (1, True), b'B': (4, True),
    b'\x8e': (8, True), b'\x96': (8, True),
}
_LINE = frozenset((b'I', b'L', b'F', b'S', b'V', b'P', b'p', b'g', b'c', b'i'))


class _Str:
    __slots__ = ('at', 'size')

    def __init__(self, at: int, size: int) -> None:
        self.at = at
        self.size = size


class _Mark:
    pass


_MARK = _Mark()


class _Bad(Exception):
    """The walk stopped: ``args`` are where, and its stack then."""


class _Obj:
    """An object built from a class: its state, once ``BUILD`` gives it."""

    __slots__ = ('state',)

    def __init__(self, state: Any) -> None:
        self.state = state


def _parse(data: bytes, at: int, end: int) -> tuple[Any, int]:
    """The object of the pickle starting at ``at`` and where it ends, or
    ``_Bad`` carrying where the walk stopped and its stack."""
    stack: list[Any] = []
    memo: dict[int, Any] = {}
    i = at
    made = 0
    try:
        while i < end:
            op = data[i:i + 1]
            i += 1
            made += 1
            if made > _VALUES or len(memo) > _VALUES:
                raise _Bad(i)
            if op == b'.':
                if len(stack) != 1:
                    raise _Bad(i)
                return stack[0], i
            sized = _SIZED.get(op)
            if sized is not None:
                width, _is_bytes = sized
                n = int.from_bytes(data[i:i + width], 'little')
                i += width
                if i + n > end:
                    raise _Bad(i)
                stack.append(_Str(i, n))
                i += n
                continue
            fixed = _FIXED.get(op)
            if fixed is not None:
                arg = int.from_bytes(data[i:i + fixed], 'little')
                i += fixed
                if i > end:
                    raise _Bad(i)
                if op in (b'q', b'r'):
                    memo[arg] = stack[-1]
                elif op in (b'h', b'j'):
                    stack.append(memo[arg])
                elif op not in (b'\x80', b'\x95'):
                    stack.append(None)  # a number, an extension code
                continue
            if op in _LINE:
                nl = data.find(b'\n', i, end)
                if nl < 0:
                    raise _Bad(i)
                line, i = (data[i:nl] if op in (b'p', b'g') and nl - i <= 20 else b''), nl + 1
                if op == b'c' or op == b'i':  # module and name: two lines
                    nl = data.find(b'\n', i, end)
                    if nl < 0:
                        raise _Bad(i)
                    i = nl + 1
                    if op == b'i':
                        _pop_mark(stack)
                    stack.append(_Obj(None))
                elif op == b'p':
                    memo[int(line)] = stack[-1]
                elif op == b'g':
                    stack.append(memo[int(line)])
                else:
                    stack.append(None)
                continue
            if op == b'\x8a' or op == b'\x8b':  # LONG1, LONG4
                width = 1 if op == b'\x8a' else 4
                n = int.from_bytes(data[i:i + width], 'little')
                i += width + n
                stack.append(None)
            elif op == b'\x94':  # MEMOIZE
                memo[len(memo)] = stack[-1]
            elif op in (b'N', b'\x88', b'\x89'):
                stack.append(None)
            elif op == b'}':
                stack.append({})
            elif op == b']' or op == b')' or op == b'\x8f':
                stack.append([])
            elif op == b'(':
                stack.append(_MARK)
            elif op == b's':
                value, key = stack.pop(), stack.pop()
                _set(stack[-1], [key, value])
            elif op == b'u':
                items = _pop_mark(stack)
                _set(stack[-1], items)
            elif op == b'd':
                items = _pop_mark(stack)
                stack.append({})
                _set(stack[-1], items)
            elif op == b'a':
                value = stack.pop()
                _append(stack[-1], [value])
            elif op in (b'e', b'\x90'):
                items = _pop_mark(stack)
                _append(stack[-1], items)
            elif op in (b'l', b't', b'\x91'):
                stack.append(_pop_mark(stack))
            elif op in (b'\x85', b'\x86', b'\x87'):
                n = op[0] - 0x84
                if len(stack) < n:
                    raise _Bad(i)
                items = stack[len(stack) - n:]
                del stack[len(stack) - n:]
                stack.append(items)
            elif op == b'\x93':  # STACK_GLOBAL: module and name
                stack.pop()
                stack[-1] = _Obj(None)
            elif op in (b'R', b'\x81'):  # REDUCE, NEWOBJ: callable, arguments
                args = stack.pop()
                stack[-1] = _Obj(args if isinstance(args, list) and args else None)
            elif op == b'\x92':  # NEWOBJ_EX
                kwargs = stack.pop()
                args = stack.pop()
                stack[-1] = _Obj(kwargs if isinstance(kwargs, dict) and kwargs else args)
            elif op == b'o':
                items = _pop_mark(stack)
                stack.append(_Obj(items[1:] or None))
            elif op == b'b':  # BUILD: the state given to the object below
                state = stack.pop()
                if isinstance(stack[-1], _Obj):
                    stack[-1].state = state
            elif op == b'0':
                stack.pop()
            elif op == b'1':
                _pop_mark(stack)
            elif op == b'2':
                stack.append(stack[-1])
            elif op == b'Q':
                stack[-1] = None
            elif op in (b'\x97', b'\x98'):
                if op == b'\x97':
                    stack.append(None)
            else:
                raise _Bad(i)
    except (_Bad, IndexError, KeyError, TypeError, ValueError, AttributeError):
        raise _Bad(i, stack) from None
    raise _Bad(i, stack)


def _pop_mark(stack: list[Any]) -> list[Any]:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k] is _MARK:
            items = stack[k + 1:]
            del stack[k:]
            return items
    raise _Bad(0)


def _closed(stack: list[Any]) -> list[Any]:
    """A stack the walk left, its marks closed as the items after each
    would have been set (or appended) into the container below it."""
    try:
        while any(item is _MARK for item in stack):
            items = _pop_mark(stack)
            if stack and isinstance(stack[-1], (dict, _Obj)) and len(items) % 2 == 0:
                _set(stack[-1], items)
            elif stack and isinstance(stack[-1], list):
                _append(stack[-1], items)
            else:
                stack.append(items)
    except _Bad:
        return []
    return stack


def _set(target: Any, items: list[Any]) -> None:
    if isinstance(target, dict):
        for k in range(0, len(items) - 1, 2):
            target[len(target)] = (items[k], items[k + 1])
    elif isinstance(target, _Obj):  # SETITEMS on an object: a mapping subclass
        if not isinstance(target.state, dict):
            target.state = {}
        _set(target.state, items)
    else:
        raise _Bad(0)


def _append(target: Any, items: list[Any]) -> None:
    if isinstance(target, list):
        target += items
    elif isinstance(target, _Obj):
        if not isinstance(target.state, list):
            target.state = []
        target.state += items
    else:
        raise _Bad(0)


class _Out:
    """The view's bytes: text written, and strings copied from the file."""

    def __init__(self, data: bytes, room: int) -> None:
        from together_hooks.detect.codec import _offsets

        self.data = data
        self.room = room
        self.out = bytearray()
        # Machine words for a large file: a write is three entries.
        self.starts, self.sources = _offsets(len(data))
        self.copied = bytearray()
        self.seen: set[int] = set()  # strings written once
        self.open: set[int] = set()  # containers being written

    def write(self, piece: bytes, source: int | None = None) -> None:
        self.starts.append(len(self.out))
        if source is None:
            self.sources.append(self.sources[-1] if self.sources else 0)
            self.copied.append(0)
        else:
            self.sources.append(source)
            self.copied.append(1)
        self.out += piece

    def full(self) -> bool:
        return len(self.out) > self.room

    def value(self, value: Any, indent: int) -> None:
        if self.full():
            return
        if indent > _DEPTH:
            self.write(b'null')
            return
        if isinstance(value, _Str):
            if id(value) in self.seen and value.size > _REPEAT:
                self.write(b'"..."')
                return
            self.seen.add(id(value))
            self.write(b'"')
            self.write(self.data[value.at:value.at + value.size], value.at)
            self.write(b'"')
            return
        if isinstance(value, _Obj):
            value = value.state
        if isinstance(value, (dict, list)):
            if id(value) in self.open:  # a container holding itself
                self.write(b'null')
                return
            self.open.add(id(value))
            pad = b'\n' + b'  ' * (indent + 1)
            if isinstance(value, dict):
                self.write(b'{')
                for n, (key, item) in enumerate(value.values()):
                    if self.full():
                        break
                    self.write((b',' if n else b'') + pad)
                    self.value(key, indent + 1)
                    self.write(b': ')
                    self.value(item, indent + 1)
                self.write(b'\n' + b'  ' * indent + b'}')
            else:
                self.write(b'[')
                for n, item in enumerate(value):
                    if self.full():
                        break
                    self.write((b',' if n else b'') + pad)
                    self.value(item, indent + 1)
                self.write(b'\n' + b'  ' * indent + b']')
            self.open.discard(id(value))
            return
        self.write(b'null')


def pickled(data: bytes) -> bool:
    """Could ``data`` be a binary pickle, or ``shelve``'s ``dbm.dumb``
    data file (its first value's pickle at offset 0)?"""
    return data[:2] in STARTS


def pickle_view(data: bytes) -> View | None:
    """Every pickle in ``data`` written as its object (the module's
    notes), or None when none parses."""
    from together_hooks.detect.codec import View

    out = _Out(data, ROOM * len(data) + (1 << 16))
    at, end = 0, len(data)
    # Where each start is next, searched again only once passed (a search
    # for a start the file lacks would walk the rest of it every time).
    ahead = [-1] * len(STARTS)
    while at < end and not out.full():
        for n, mark in enumerate(STARTS):
            if ahead[n] < at:
                found = data.find(mark, at)
                ahead[n] = end if found == -1 else found
        start = min(ahead)
        if start >= end:
            break
        try:
            obj, at = _parse(data, start, end)
            made = [obj]
        except _Bad as bad:
            # A stream cut short or damaged: what it had built is written
            # (its containers on the stack); the search goes on from where
            # the walk stopped, so no byte is walked twice.
            at = max(start + 2, bad.args[0])
            made = _closed(bad.args[1]) if len(bad.args) > 1 else []
        for obj in made:
            if isinstance(obj, (dict, list, _Obj)):
                out.value(obj, 0)
                out.write(b'\n')
    if not out.out:
        return None
    return View(bytes(out.out), 'raw', None, out.starts, out.sources, out.copied)
