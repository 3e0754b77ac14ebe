"""The gaps, glue and base64 gaps a scrub takes out of a text to read a
key spelt out (``scrub._GAP_OUT``, ``_B64_GAP_OUT``, ``_GLUE_OUT``) are
tried only where one of their pieces can start: the text left is the
same as with the patterns tried at every letter (``_GAP``, ``_B64_GAP``,
``_GLUE``), on seeded texts made of every piece's characters, line leads,
escapes and Unicode spaces."""
from __future__ import annotations

import random
import re

import pytest

from together_hooks.detect import scrub

_PIECES = (
    list(' \t\n\r=\\%#/*>;"\'+`,-_[]:|.0129ADadnrtxuZk') + [
        '\xa0', '\u3000', '\u2028', '\x0b', '\x0c', '\\n', '\\r\\n', '\\t', '%0A', '%0d%0a',
        '%20', '%09', '\\x41', '\\u00e9', '[job 12] ', '[worker-1]', 'remote: ',
        'stderr:\t', '2026-12-02T11:01:22+00:00 ', '03:04:05.123 ', '12: ', '7 | ',
        '// ', '-- ', '> > ', '+ ', '- ', ' =\n', '=\r\n', 'tgp_v1_', 'Ab9-', 'ffee',
    ]
)

_PAIRS = (
    (scrub._GAP, scrub._GAP_OUT),
    (scrub._B64_GAP, scrub._B64_GAP_OUT),
    (scrub._GLUE, scrub._GLUE_OUT),
)


@pytest.mark.parametrize('seed', range(4))
def test_taken_out_where_a_piece_starts_leaves_the_same_text(seed):
    rng = random.Random(seed)
    everywhere = [re.compile(a) for a, _ in _PAIRS]
    where_one_starts = [re.compile(b) for _, b in _PAIRS]
    for _ in range(500):
        text = ''.join(rng.choices(_PIECES, k=rng.randint(0, 60)))
        for slow, fast in zip(everywhere, where_one_starts):
            assert fast.sub('', text) == slow.sub('', text), (slow.pattern[:30], text)


# Every character Python's ``\s`` takes (C0 separators, NEL, Unicode's
# spaces and separators), escapes cut short or of every kind, each lead
# form's pieces, quoted-printable's soft breaks, and key characters.
_WIDE = _PIECES + [
    '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\u1680', '\u2000', '\u200a', '\u2029',
    '\u202f', '\u205f', '\u200b', '\ufeff', '\\', '\\r', '\\x4', '\\xZZ', '\\u12',
    '\\u12G4', '%0', '%0D', '%0D%0A', '%0a', '%2', '%0Z', '=\n', '=\r', ' =\r\n',
    '[', ']', '[w]', '12 |', '12:', 'T', 'Z', '2026-12-02', '11:01:22', 'stderr:',
    '+AF8-', '&#95;', '\x1b[1m', 'tgp', 'v1', '\u2026', '-\n-', '\n--', '\n//',
]


@pytest.mark.parametrize('seed', range(4))
def test_no_piece_starts_where_the_lookahead_skips(seed):
    """Where a ``_OUT`` pattern's lookahead fails, the pattern tried
    everywhere matches empty: the lookahead takes out nothing it took
    out (checked at every place, not only through ``sub``)."""
    rng = random.Random(1000 + seed)
    pairs = [(re.compile(a), re.compile(b)) for a, b in _PAIRS]
    for _ in range(400):
        text = ''.join(rng.choices(_WIDE, k=rng.randint(0, 50)))
        for slow, fast in pairs:
            for at in range(len(text) + 1):
                if fast.match(text, at) is None:
                    m = slow.match(text, at)
                    assert m is None or m.end() == at, (slow.pattern[:30], text, at)
            assert fast.sub('', text) == slow.sub('', text), (slow.pattern[:30], text)
