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

