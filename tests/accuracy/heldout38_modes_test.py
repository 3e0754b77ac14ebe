"""The heldout38 held-out cases (tests/accuracy/heldout38_test.py) in
every mode a key reaches the scanner (tests/accuracy/modes.py), run
in the shared group of small sets (no repository of its own): the file
scan, ``--staged``, ``--history`` (JSON and SARIF), ``--diff``, the hook
and a real push."""
from __future__ import annotations

import pytest

from tests.accuracy.modes import every_mode
from tests.accuracy.modes import every_mode_finds_the_same_keys

# The set this module checks (tests/accuracy/conftest.py starts its
# group's build as the run starts, and runs this test last).
MODES_SET = 'heldout38'


@pytest.fixture
def modes(tmp_path_factory):
    return every_mode(tmp_path_factory, MODES_SET)


def test_every_mode_finds_the_same_keys(modes):
    every_mode_finds_the_same_keys(modes, MODES_SET)
