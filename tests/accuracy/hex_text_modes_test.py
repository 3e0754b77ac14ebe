"""The hex text cases (tests/accuracy/hex_text_test.py) in every mode a
key reaches the scanner (tests/accuracy/modes.py): the file scan,
``--staged``, ``--history`` (JSON and SARIF), ``--diff``, the hook and a
real push."""
from __future__ import annotations

from tests.accuracy import hex_text_test as cases
from tests.accuracy.modes import every_mode_finds_the_same_keys
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)


def test_every_mode_finds_the_same_keys(git_repo, pushing):
    every_mode_finds_the_same_keys(git_repo, pushing, cases.CASES)
