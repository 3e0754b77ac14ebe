"""``codec.escapes_view``'s rare marks of several bytes (a terminal's
``\\x1b[D`` and ``^H``, a MIME Q word's ``?Q?``, an invisible character's
UTF-8 or its ``\\u`` escape) are searched for only where their first byte
is (ASCII bytes hold no invisible character's UTF-8): a search that finds
nothing reads every byte of each stretch around a keyword
(docs/performance.md, "Issue 17, session 30: history").  The gates change
no answer: each mark is still found at every place, next to its near
misses, and in random strings of the marks' bytes.  So is ``joined_view``'s
``%w`` (Ruby's word array)."""
from __future__ import annotations

from together_hooks.detect import codec

from tests.detect.marks import Asked
from tests.detect.marks import marked_cases

RARE = (b'\x1b[D', b'^H', *codec._Q_WORD_MARKS, *codec._INVISIBLE_LEADS, b'\\u')
FILLER = b'    client = Together(api_key=os.environ["TOGETHER_API_KEY"])  # together with a result\n' * 8


def _invisible_held_as_written(data: bytes) -> bool:
    """``_invisible_held`` as it was written before its gates."""
    return any(lead in data for lead in codec._INVISIBLE_LEADS) or (
        b'\\u' in data and codec._INVISIBLE.search(data) is not None)


def _cases() -> list[bytes]:
    extra = (b'ab\\u200bcd', b'ab\xe2\x80\x8bcd', b'ab\\u2060cd', b'x\\uFEFFy')
    return [b'', FILLER, FILLER.decode().replace('result', 'r\u00e9sultat').encode()] + marked_cases(
        FILLER, (*RARE, *extra), b''.join(RARE) + b'ab0u2F\\', 'escape-marks-gated', 14)


def test_the_invisible_test_answers_as_before():
    cases = _cases()
    expected = [_invisible_held_as_written(data) for data in cases]
    assert any(expected) and not all(expected)
    assert [codec._invisible_held(data) for data in cases] == expected


def test_each_rare_mark_is_still_read():
    """A stretch holding the mark is rewritten by its step, gated or not."""
    key_chars = b'abcdefghij'
    assert codec.escapes_view(b'x = "abc\x1b[D\x1b[Ddef"\n').data == b'x = "adef"\n'
    assert codec.escapes_view(b'x = "abc^H^Hdef"\n').data == b'x = "adef"\n'
    assert codec.escapes_view(b'Subject: =?utf-8?Q?tgp=5Fv1=5F?=\n').data == b'Subject: tgp_v1_\n'
    for lead in codec._INVISIBLE_LEADS:
        view = codec.escapes_view(b'k = "' + key_chars[:5] + lead + key_chars[5:] + b'"\n')
        assert view is not None and view.data == b'k = "' + key_chars + b'"\n', lead
    view = codec.escapes_view(b'{"k": "abcde\\u200bfghij"}\n')
    assert view is not None and b'abcdefghij' in view.data


def test_a_plain_stretch_is_not_searched_for_the_rare_marks():
    """ASCII code around "together" with no ESC, caret, question mark or
    backslash: one pass for each first byte, none of the rare marks'."""
    probe = Asked.of(FILLER)
    assert codec.escapes_view(probe) is None
    assert probe.asked and not set(probe.asked) & set(RARE), probe.asked
    # Where the first byte is, the mark is asked.
    for lead, marks in ((b'\x1b', [b'\x1b[D']), (b'^', [b'^H']), (b'?', list(codec._Q_WORD_MARKS)),
                        (b'\\', [b'\\u'])):
        probe = Asked.of(FILLER + lead)
        codec.escapes_view(probe)
        assert set(marks) <= set(probe.asked), (lead, probe.asked)


def test_a_stretch_without_a_percent_sign_is_not_searched_for_a_word_array():
    """``joined_view`` asks Ruby's ``%w`` only where a ``%`` is; a word
    array is still joined."""
    probe = Asked.of(FILLER)
    codec.joined_view(probe)
    assert b'%' in probe.asked and codec._WORDS_MARK not in probe.asked, probe.asked
    view = codec.joined_view(b'k = %w[tgp_v1_ abc].join\n')
    assert view is not None and b'tgp_v1_abc' in view.data
