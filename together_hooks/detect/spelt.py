"""Known keys spelt out with gaps, found without a pattern per key.

The scrub redacts a known key whose characters have a gap between them
(``scrub._GAP``: a line break and the next line's lead, white space,
quotes, ...).  It did so with one regex a set of keys: each character of
each key, a copy of the gap's ~320-character pattern between each two.
That is ~16 KB of pattern a key, ~40 ms to compile, paid for every new
key shown (a blocked commit's report, each key of a report of many).

Here the gap's pattern is parsed once (``re``'s own parser) and walked by
hand, and the keys are matched against the text a character at a time:
nothing is compiled per key.  The answer is the regex's own, to the
character: the same leftmost match, the same alternative first, the same
end.  A regex backtracks; its first success depends only on the order in
which each gap's possible ends are tried, and what follows a gap depends
only on where the gap ends.  So each gap's ends are listed, in the order
the regex tries them and without repeats, once a place (``_Gap``), and a
key is matched by trying them in that order (``Spelling``).
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import Iterable
    from typing import Sequence

    Node = Sequence[Any]

# (The parser of the ``re`` already imported: no module more to load.)
try:
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # Python < 3.11
    import sre_parse as _sre  # type: ignore[no-redef]

_TREES: dict[str, Node] = {}


def _tree(source: str) -> Node:
    """``source`` parsed (once a process), as nested tuples."""
    tree = _TREES.get(source)
    if tree is None:
        tree = _TREES[source] = _convert(_sre.parse(source))
    return tree


def _convert(seq: Any) -> tuple[Any, ...]:
    out = []
    for op, av in seq:
        if op is _sre.BRANCH:
            av = (None, tuple(_convert(alt) for alt in av[1]))
        elif op is _sre.MAX_REPEAT:
            av = (av[0], av[1], _convert(av[2]))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            av = (av[0], _convert(av[1]))
        elif op is _sre.SUBPATTERN:
            av = (av[0], av[1], av[2], _convert(av[3]))
        elif op is _sre.IN:
            av = tuple(av)
        elif op not in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY):
            raise ValueError(f'spelt: no walk of {op} here')  # a grammar changed: say so
        out.append((op, av))
    return tuple(out)


def _one(op: Any, av: Any, char: str) -> bool:
    """Whether the one-character item ``(op, av)`` matches ``char``."""
    if op is _sre.LITERAL:
        return ord(char) == av
    if op is _sre.NOT_LITERAL:
        return ord(char) != av
    if op is _sre.ANY:
        return char != '\n'
    code = ord(char)
    negate = False
    for kind, arg in av:
        if kind is _sre.NEGATE:
            negate = True
        elif kind is _sre.LITERAL:
            if code == arg:
                return not negate
        elif kind is _sre.RANGE:
            if arg[0] <= code <= arg[1]:
                return not negate
        elif kind is _sre.CATEGORY:
            if _category(arg, char):
                return not negate
        else:
            raise ValueError(f'spelt: no walk of {kind} here')
    return negate


def _category(arg: Any, char: str) -> bool:
    # A ``str`` pattern's classes are Unicode's (``sre``: ISDECIMAL, ISSPACE).
    name = str(arg)
    if name.endswith('NOT_DIGIT'):
        return not char.isdecimal()
    if name.endswith('DIGIT'):
        return char.isdecimal()
    if name.endswith('NOT_SPACE'):
        return not char.isspace()
    if name.endswith('SPACE'):
        return char.isspace()
    raise ValueError(f'spelt: no walk of {name} here')


_SINGLE = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN)


class _Gap:
    """The ends of one gap pattern at each place of one text: in the
    order a backtracking regex tries them, each once."""

    __slots__ = ('_tree', '_text', '_memo', '_fast', '_ends')

    def __init__(self, source: str, fast: re.Pattern[str], text: str) -> None:
        self._tree = _tree(source)
        self._text = text
        self._memo: dict[tuple[int, int, int, int], list[int]] = {}
        # The gap's compiled pattern: where it matches nothing (a key's
        # next character, mostly) it has one end, its start.
        self._fast = fast
        self._ends: dict[int, list[int]] = {}

    def at(self, p: int) -> list[int]:
        ends = self._ends.get(p)
        if ends is None:
            if self._fast.match(self._text, p).end() == p:  # type: ignore[union-attr]
                ends = [p]
            else:
                ends = self._walk(self._tree, 0, p, 0)
            self._ends[p] = ends
        return ends

    def _walk(self, seq: Node, i: int, p: int, count: int) -> list[int]:
        """The ends of ``seq[i:]`` from ``p`` (``count``: the repeat at
        ``i``'s iterations so far)."""
        if i == len(seq):
            return [p]
        key = (id(seq), i, p, count)
        memo = self._memo
        done = memo.get(key)
        if done is not None:
            return done
        text = self._text
        op, av = seq[i]
        out: list[int] = []
        if op in _SINGLE:
            if p < len(text) and _one(op, av, text[p]):
                out = self._walk(seq, i + 1, p + 1, 0)
        elif op is _sre.BRANCH:
            for alt in av[1]:
                for e in self._walk(alt, 0, p, 0):
                    out.extend(self._walk(seq, i + 1, e, 0))
        elif op is _sre.MAX_REPEAT:
            low, high, body = av
            if len(body) == 1 and body[0][0] in _SINGLE:
                # One character a time: as many as there are, then fewer.
                b_op, b_av = body[0]
                m = 0
                while m < high and p + m < len(text) and _one(b_op, b_av, text[p + m]):
                    m += 1
                for k in range(m, low - 1, -1):
                    out.extend(self._walk(seq, i + 1, p + k, 0))
            else:
                if count < high:
                    nxt = count + 1 if high != _sre.MAXREPEAT else min(count + 1, low)
                    for e in self._walk(body, 0, p, 0):
                        if e != p:
                            out.extend(self._walk(seq, i, e, nxt))
                if count >= low:
                    out.extend(self._walk(seq, i + 1, p, 0))
        elif op is _sre.ASSERT or op is _sre.ASSERT_NOT:
            direction, sub = av
            if direction != 1:
                raise ValueError('spelt: no walk of a look-behind here')
            if bool(self._walk(sub, 0, p, 0)) == (op is _sre.ASSERT):
                out = self._walk(seq, i + 1, p, 0)
        else:  # SUBPATTERN
            for e in self._walk(av[3], 0, p, 0):
                out.extend(self._walk(seq, i + 1, e, 0))
        if len(out) > 1:
            out = list(dict.fromkeys(out))
        memo[key] = out
        return out


_HEX_LETTERS = frozenset('abcdef')


class Spelling:
    """One key to find spelt out: its characters with ``gap`` between
    each two; ``cased``: a hex letter in either case (a legacy key)."""

    __slots__ = ('chars', 'gap', 'cased')

    def __init__(self, chars: str, gap: str, cased: bool = False) -> None:
        self.chars = chars
        self.gap = gap
        self.cased = cased

    def firsts(self) -> str:
        first = self.chars[0]
        return first + first.upper() if self.cased and first in _HEX_LETTERS else first


class _Matcher:
    """One text: its gaps' ends, and each spelling's tried places."""

    def __init__(self, text: str, fast: dict[str, re.Pattern[str]]) -> None:
        self.text = text
        self._fast = fast
        self._gaps: dict[str, _Gap] = {}
        self._memos: dict[int, dict[tuple[int, int], int | None]] = {}
        self._heads: dict[tuple[int, int, int], list[int]] = {}

    def gap(self, source: str) -> _Gap:
        g = self._gaps.get(source)
        if g is None:
            g = self._gaps[source] = _Gap(source, self._fast[source], self.text)
        return g

    def end(self, s: Spelling, p: int) -> int | None:
        """Where ``s`` spelt out from ``p`` ends (the regex's end), or None."""
        memo = self._memos.setdefault(id(s), {})
        return self._end(s, 0, p, memo, self.gap(s.gap))

    def _end(
            self, s: Spelling, j: int, p: int, memo: dict[tuple[int, int], int | None],
            gap: _Gap,
    ) -> int | None:
        text = self.text
        if p >= len(text):
            return None
        c, t = s.chars[j], text[p]
        if t != c and not (s.cased and c in _HEX_LETTERS and t == c.upper()):
            return None
        if j == len(s.chars) - 1:
            return p + 1
        key = (j, p)
        if key in memo:
            return memo[key]
        found = None
        for e in gap.at(p + 1):
            found = self._end(s, j + 1, e, memo, gap)
            if found is not None:
                break
        memo[key] = found
        return found

    def heads(self, s: Spelling, j: int, p: int) -> list[int]:
        """The ends of ``s`` spelt out from ``p`` and one gap more, in the
        regex's order (a prefix before an alternation)."""
        text = self.text
        if p >= len(text) or text[p] != s.chars[j]:
            return []
        key = (id(s), j, p)
        done = self._heads.get(key)
        if done is not None:
            return done
        gap = self.gap(s.gap)
        if j == len(s.chars) - 1:
            out = list(gap.at(p + 1))
        else:
            out = []
            for e in gap.at(p + 1):
                out.extend(self.heads(s, j + 1, e))
            out = list(dict.fromkeys(out))
        self._heads[key] = out
        return out


def spans(
        text: str, spellings: Iterable[Spelling], prefix: Spelling | None,
        bodies: Iterable[Spelling], fast: dict[str, re.Pattern[str]],
) -> list[tuple[int, int]]:
    """Where ``text`` holds a key spelt out, left to right and apart, as
    the regex ``s1|s2|...|P G (?:b1|b2|...)`` finds them (``re.sub``):
    ``spellings`` in their order, then ``prefix`` (``P``: ``tgp_v1_``
    spelt) with one gap more (``G``, the prefix's) and ``bodies`` in
    their order.  ``fast``: each gap's source, compiled."""
    order = list(spellings)
    bodies = list(bodies)
    by_first: dict[str, list[int]] = {}
    for n, s in enumerate(order):
        for c in s.firsts():
            by_first.setdefault(c, []).append(n)
    if prefix is not None and bodies:
        by_first.setdefault(prefix.chars[0], []).append(len(order))
    if not by_first:
        return []
    m = _Matcher(text, fast)
    found: list[tuple[int, int]] = []
    # Each first character's places, in one merged walk.
    from heapq import heapify
    from heapq import heappop
    from heapq import heappush

    heap = [(at, c) for c in by_first for at in (text.find(c),) if at >= 0]
    heapify(heap)
    floor = 0
    while heap:
        s_at, c = heappop(heap)
        if s_at >= floor:
            end = None
            for n in by_first[c]:  # in the regex's order
                if n < len(order):
                    end = m.end(order[n], s_at)
                else:
                    end = _headed(m, prefix, bodies, s_at)  # type: ignore[arg-type]
                if end is not None:
                    break
            if end is not None:
                found.append((s_at, end))
                floor = end
        nxt = text.find(c, max(s_at + 1, floor))
        if nxt >= 0:
            heappush(heap, (nxt, c))
    return found


def _headed(m: _Matcher, prefix: Spelling, bodies: list[Spelling], at: int) -> int | None:
    for e in m.heads(prefix, 0, at):
        for body in bodies:
            end = m.end(body, e)
            if end is not None:
                return end
    return None
