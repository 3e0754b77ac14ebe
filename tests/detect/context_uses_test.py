"""``Walker._used`` (the uses of identifiers bound to Together's endpoint)
and ``_flat_group`` (the lines sharing a flat name's prefix) answer as the
patterns they make from the file's own names would, on generated input:
they make those patterns (and so load ``re``) only where another
occurrence of a name or prefix could match."""
from __future__ import annotations

import re

from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.detect.context import Walker
from together_hooks.rules import TOGETHER_CONTEXT

SETTINGS = settings(
    max_examples=300, deadline=None, database=None, derandomize=True,
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


def flat_group_reference(data: bytes, at: int, lo: int, hi: int, index) -> bool | None:
    """``_flat_group`` as it was: each prefix's siblings searched with its
    pattern, whether or not another line could start with the prefix."""
    from together_hooks.detect import context

    start = context._line_start(data, at, lo)
    answer = None
    for own, prefix in context.flat_prefixes(data, start, at):
        for s in context.flat_siblings(prefix).finditer(data, lo, hi):
            if s.start('name') == own:
                continue
            end = context._line_end(data, s.end(), hi)
            if context._inside(index.mention, s.start(), end):
                return True
            if context._inside(index.target, s.start(), end):
                answer = False
    return answer


LINES = st.lists(st.tuples(
    st.sampled_from((b'', b'  ', b'export ', b'x ')),
    st.sampled_from((b'LLM_', b'a_', b'a_a_', b'a_a_a_', b'API_', b'api_', b'APP_LLM_', b'x', b'llm.')),
    st.sampled_from((b'API_KEY', b'KEY', b'PROVIDER', b'URL', b'BASE_URL', b'TOKEN', b'key', b'MODEL')),
    st.sampled_from((b'=', b' = ', b': ', b'=="')),
    st.sampled_from((b'together', b'https://api.together.xyz/v1', b'https://example.com', b'abc', b'"x')),
), min_size=1, max_size=8)


@SETTINGS
@given(lines=LINES, which=st.integers(0, 7))
@example(lines=[(b'', b'a_a_', b'KEY', b'=', b'abc'), (b'', b'a_a_', b'PROVIDER', b'=', b'together')], which=0)
@example(lines=[(b'', b'a_a_a_', b'KEY', b'=', b'abc')], which=0)
def test_flat_group_answers_as_searching_every_prefix(lines, which):
    """``_flat_group`` skips a prefix no other place in reach holds (so
    makes no pattern for it) and answers as searching every prefix did;
    the key sits after the name of one of the lines."""
    from together_hooks.detect import context

    which %= len(lines)
    data = b'\n'.join(b''.join(line) for line in lines)
    at = sum(len(b''.join(line)) + 1 for line in lines[:which]) + len(b''.join(lines[which][:4]))
    w = walker()
    lo, hi = max(0, at - w.reach), min(len(data), at + w.reach)
    index = w._index(data, at)
    assert context._flat_group(data, at, lo, hi, index) == flat_group_reference(data, at, lo, hi, index)
