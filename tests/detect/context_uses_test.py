"""``Walker._used`` (the uses of identifiers bound to Together's endpoint)
answers as the pattern it makes from the names would, on generated input:
it makes that pattern (and so loads ``re``) only where a name occurs."""
from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect.context import Walker
from together_hooks.rules import TOGETHER_CONTEXT

SETTINGS = settings(
    max_examples=300, deadline=timedelta(seconds=2), database=None, derandomize=True,
)
NAMES = (b'base_url', b'API_BASE', b'cfg.api_base', b'url', b'u', b'_', b'base_url2')
# The bytes around a name that its pattern looks at: word characters (a
# longer identifier), an assignment (``=``, ``==``, ``:``, quotes, blanks).
PIECES = st.sampled_from(
    (*NAMES, b'a', b'_', b'0', b'.', b' ', b'\t', b'=', b'==', b':', b'"', b"'", b'(', b'\n', b'x'),
)


def walker() -> Walker:
    c = TOGETHER_CONTEXT
    return Walker(c.mention, c.label, c.url, c.reach, c.veto)


def reference(names: frozenset[bytes], data: bytes, start: int, end: int) -> bool:
    """What ``Walker.holds`` asked before: the pattern, whenever there
    are names."""
    if not names:
        return False
    pattern = re.compile(
        rb'(?<![\w])(?:' + b'|'.join(map(re.escape, sorted(names))) + rb')(?![\w])'
        rb'(?!["\']?[ \t]*[:=](?!=))',
    )
    return pattern.search(data, start, end) is not None


@SETTINGS
@given(
    names=st.frozensets(st.sampled_from(NAMES), max_size=3),
    parts=st.lists(PIECES, max_size=16),
    bounds=st.tuples(st.integers(0, 80), st.integers(0, 80)),
)
@example(names=frozenset((b'base_url',)), parts=[b'x', b'base_url', b')'], bounds=(1, 9))
@example(names=frozenset((b'base_url',)), parts=[b'base_url', b' ', b'='], bounds=(0, 8))
@example(names=frozenset((b'base_url',)), parts=[b'base_url', b'=='], bounds=(0, 80))
def test_used_answers_as_the_names_pattern(names, parts, bounds):
    data = b''.join(parts)
    start, end = min(bounds), max(bounds)
    assert walker()._used(names, data, start, end) == reference(names, data, start, end)
