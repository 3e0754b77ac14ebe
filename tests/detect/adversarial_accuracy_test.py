"""Baits aimed at the grammar and readings added for the held-out leaks
(``tests/detect/baits.py``, ``GRAMMAR``) yield what they should; their time
at 4x the size: ``bench/complexity.py``."""
from __future__ import annotations

import pytest

from tests.detect.adversarial_test import check_bait
from tests.detect.baits import GRAMMAR as BAITS


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in BAITS], ids=[b[0] for b in BAITS])
def test_bait_yields_what_it_should(bait, size, count):
    check_bait(bait, size, count)
