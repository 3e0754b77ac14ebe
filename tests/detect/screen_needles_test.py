"""The first stage's needle table is the full screen's needles, as the
rules make them now (``tools/screen_needles.py`` writes it)."""
from __future__ import annotations

import os
import sys

from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.prefilter import Keywords
from together_hooks.detect.screen_needles import KEYWORDS
from together_hooks.detect.screen_needles import NEEDLES
from together_hooks.detect.screen_needles import PLAIN_ROUTES
from together_hooks.rules import RULES

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'tools'))


def test_the_table_is_the_rules_screen():
    assert NEEDLES == keyword_screen(RULES).needles, (
        'stale: run python tools/screen_needles.py'
    )


def test_the_table_is_the_file_the_tool_writes():
    import screen_needles as tool

    with open(tool.TARGET, encoding='utf-8') as f:
        assert f.read() == tool.render(keyword_screen(RULES).needles)


def test_a_screen_of_the_table_answers_as_the_rules_screen(rng):
    """Same keywords, same answers: on every needle alone and inside
    random bytes."""
    mine, theirs = Keywords(NEEDLES), keyword_screen(RULES)
    made = Keywords(NEEDLES, (KEYWORDS, PLAIN_ROUTES))  # the first stage's
    for needle in NEEDLES:
        for data in (needle, rng.randbytes(40) + needle + rng.randbytes(40), needle[:-1]):
            assert mine(data) == theirs(data) == made(data)
            assert bool(mine.where(data)) == bool(theirs.where(data)) == bool(made.where(data))
