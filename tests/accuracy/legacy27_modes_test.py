"""The legacy27 held-out cases (tests/accuracy/legacy27_heldout_test.py) in
every mode a key reaches the scanner (tests/accuracy/modes.py), run
in the shared group of small sets (no repository of its own): the file
scan, ``--staged``, ``--history`` (JSON and SARIF), ``--diff``, the hook
and a real push."""
from __future__ import annotations

import pytest

from tests.accuracy.modes import every_mode
from tests.accuracy.modes import every_mode_finds_the_same_keys


@pytest.fixture
def modes(tmp_path_factory):
    return every_mode(tmp_path_factory, 'legacy27')


def test_every_mode_finds_the_same_keys(modes):
    every_mode_finds_the_same_keys(modes, 'legacy27')
