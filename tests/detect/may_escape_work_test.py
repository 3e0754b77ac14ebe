"""``engine._may_escape`` (could an escape, an encoding or a joint hide a
key in a file saying "together"?) searches a mark of two bytes or more
only where its first byte is (or another of its bytes, ``:`` for curl's
``\\n0000: ``): ``in`` of one byte is ``memchr``, of more a loop over
every byte, and a tree's path names (200 KB with no quote, backtick,
``=``, ``&``, ``+`` or ``:``) paid 2.4 ms for searches the one-byte ones
decide.  Held to the plain ``or`` of every mark (its answer in any
order) on seeded bytes, and its searches counted."""
from __future__ import annotations

import random

from together_hooks.detect import engine
from together_hooks.rules import KEY_PREFIX

MARKS = (
    b'\\', b'%', b'"\n', b'` ', b'",', b'" ', b"' ", b"',", b"'\n", b'`\n', b'\x1b', b'=3D', b'";', b"';",
    b'&quot;', b'&#', b'&apos;', b'uoted-printable', b'+AF8', KEY_PREFIX, b'\n0000: ',
)


def _plain(data: bytes) -> bool:
    """The answer as it was: any mark, or a pickle's end."""
    return any(mark in data for mark in MARKS) or data.endswith(b'.') and b'p0\n' in data[:256]


def _bytes(rng: random.Random) -> bytes:
    """Path-like text with, now and then, a mark, its first byte alone,
    or a mark cut short."""
    out = []
    for _ in range(rng.randrange(1, 30)):
        pick = rng.randrange(10)
        if pick == 0:
            out.append(rng.choice(MARKS))
        elif pick == 1:
            out.append(rng.choice(MARKS)[:1])
        elif pick == 2:
            mark = rng.choice(MARKS)
            out.append(mark[:-1] if len(mark) > 1 else b'x')
        elif pick == 3:
            out.append(rng.choice((b'p0\n', b'.', b':', b'0000: ', b'\n')))
        else:
            out.append(rng.choice((b'src/', b'mod_1.py', b'docs/', b'together', b'-', b'_', b'\n')))
    return b''.join(out)


def test_the_answer_is_the_plain_or_of_every_mark():
    rng = random.Random(38_30)
    said = []
    for _ in range(5000):
        data = _bytes(rng)
        assert engine._may_escape(data) == _plain(data), data
        said.append(_plain(data))
    assert 1000 < sum(said) < 4900
    for mark in MARKS:  # each alone, at the start, the middle and the end
        for data in (mark + b'abc', b'abc' + mark + b'def', b'abc' + mark):
            assert engine._may_escape(data), data
    assert not engine._may_escape(b'src/pkg/mod_1.py\ndocs/index.rst\n' * 100)


class _Counted(bytes):
    searched: list[bytes]

    def __contains__(self, needle):  # type: ignore[override]
        self.searched.append(needle)
        return bytes.__contains__(self, needle)


def test_path_names_without_the_marks_first_bytes_are_not_searched_for_the_marks():
    rng = random.Random(38_31)
    names = _Counted(b'\n'.join(
        f'pkg{n % 9}/sub-{rng.randrange(99)}/mod_{n}.py'.encode() for n in range(3000)
    ))
    names.searched = []
    assert engine._may_escape(names) is False
    longer = [n for n in names.searched if len(n) > 1]
    # (``uoted-printable`` and the key's prefix: their bytes are in any
    # path; every other mark's first byte is not here)
    assert longer == [b'uoted-printable', KEY_PREFIX], names.searched
