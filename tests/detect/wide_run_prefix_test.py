"""A binary's wide strings are found by one regex a reading
(``widetext.run_regexes``: four or more UTF-16 or UTF-32 characters of
printable ASCII).  Written ``(?:unit){4,}``, a pattern starts with a
repeat, so ``re`` tries it at every byte of the binary; with one unit
ahead of the repeat it starts with a byte or a class, and ``re``'s
prefix scan skips the bytes that cannot start a run.  The same runs,
exactly."""
from __future__ import annotations

import random
import re

from together_hooks.detect import widetext


def _info_flags(pattern: bytes) -> int:
    """The flags of the program's INFO block: what ``re`` knows a match
    starts with (a literal prefix, a character set)."""
    from re import _compiler  # type: ignore[attr-defined]
    from re import _constants  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    code = _compiler._code(_parser.parse(pattern, 0), 0)
    assert code[0] == _constants.INFO
    return code[2]


def test_each_run_pattern_starts_with_what_a_run_starts_with():
    from re import _constants  # type: ignore[attr-defined]

    for run in widetext.run_regexes():
        assert _info_flags(run.pattern) & (_constants.SRE_INFO_PREFIX | _constants.SRE_INFO_CHARSET), run.pattern


def test_the_runs_are_those_of_the_repeat_alone():
    rng = random.Random(20261204)
    repeats = [
        re.compile(rb'(?:%s){%d,}' % (unit, widetext._SHORTEST)) for _c, _w, _a, unit in widetext._RUNS
    ]
    texts = ['TOGETHER_API_KEY=x\n', 'ab', 'abc', 'abcd', '\t\r\n', 'é', '\x7f', ' ']
    pieces = [b'\0', b'\0\0', b'\0\0\0', b'\x80', b'\xff', b'a', b'ab']
    for codec in ('utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'):
        pieces += [t.encode(codec, 'replace') for t in texts]
    runs = 0
    for _ in range(2_000):
        data = b''.join(rng.choices(pieces, k=rng.randrange(0, 40))) + rng.randbytes(rng.randrange(8))
        for repeat, run in zip(repeats, widetext.run_regexes()):
            expected = [m.span() for m in repeat.finditer(data)]
            assert [m.span() for m in run.finditer(data)] == expected, data
            runs += len(expected)
    assert runs > 2_000
