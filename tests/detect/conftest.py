"""Fixtures the detection tests share."""
from __future__ import annotations

import pytest

from together_hooks.detect import engine
from together_hooks.detect.prefilter import Keywords


@pytest.fixture(scope='module')
def one_pass_screen() -> Keywords:
    """The rules' keyword screen reading by hyperscan's one pass, as a
    large run chooses (the ``fast`` extra; skipped without it)."""
    pytest.importorskip('hyperscan')
    screen = Keywords(engine.keyword_screen(engine.RULES).needles)
    screen.prepare(lambda _nbytes: True)
    assert screen.one_pass
    return screen
