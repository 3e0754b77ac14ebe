"""``engine._may_escape``: whether an escape, an encoding or a joint could
hide a key in a file (else its readings are not made).  Its marks are asked
in the order that settles most files first (a search that finds stops
there; one that does not reads every byte), the rare ones last
(docs/performance.md, "Issue 17, session 30: history"); the answer is the
``or`` of the marks below whatever the order: every mark alone, at each
place, each one byte short, and random strings of the marks' bytes."""
from __future__ import annotations

from together_hooks.detect import engine
from together_hooks.rules import KEY_PREFIX

from tests.detect.marks import Asked
from tests.detect.marks import marked_cases

# Every mark the answer holds, as written before the order changed.
MARKS = (
    b'\\', b'\x1b', b'%', b'=3D', b'" ', b"' ", b'"\n', b"'\n", b'` ', b'`\n', b'",', b"',",
    b'";', b"';", b'&quot;', b'&#', b'&apos;', b'uoted-printable', b'+AF8', KEY_PREFIX,
)
FILLER = b'The client works together with the API and returns a result (a, b) = c[0]\n' * 30


def _expected(data: bytes) -> bool:
    return any(mark in data for mark in MARKS) or data.endswith(b'.') and b'p0\n' in data[:256]


def _cases() -> list[bytes]:
    return [b'', FILLER, FILLER + b'.', b'p0\n' + FILLER + b'.', FILLER + b'p0\n.'] + marked_cases(
        FILLER, MARKS, b''.join(MARKS) + b'ab .\n', 'may-escape', 12)


def test_the_answer_is_every_mark_whatever_the_order():
    cases = _cases()
    assert sum(map(_expected, cases)) not in (0, len(cases))
    for data in cases:
        assert engine._may_escape(data) is _expected(data), data


def _asked(data: bytes) -> list[bytes]:
    probe = Asked.of(data)
    assert engine._may_escape(probe)
    return probe.asked


def test_the_common_marks_are_asked_before_the_rare_ones():
    """Prose or code saying "together" with a string ending its line, or a
    backtick before a blank (reStructuredText), and no backslash: settled
    by the third or fourth search, never by reading the whole file for
    ``=3D`` or an escape byte first."""
    # (then a quote, an apostrophe and a backtick, one ``memchr`` each: a
    # mark starting with one is searched only where it is; perfT38)
    gates = [b'"', b"'", b'`']
    assert _asked(FILLER + b'x = "a"\n') == [b'\\', b'%', *gates, b'"\n']
    assert _asked(FILLER + b'use ``together`` here\n') == [b'\\', b'%', *gates, b'` ']
    assert _asked(b'\\' + FILLER) == [b'\\']
    # The rare marks are still asked, after the common ones.
    asked = _asked(FILLER + b'=3D')
    assert asked.index(b'=3D') > asked.index(b'`') and asked[-1] == b'=3D'
