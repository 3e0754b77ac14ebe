"""The probe10 held-out cases (tests/accuracy/probe10_heldout_test.py) in
every mode a key reaches the scanner (tests/accuracy/modes.py): the file
scan, ``--staged``, ``--history`` (JSON and SARIF), ``--diff``, the hook
and a real push."""
from __future__ import annotations

from tests.accuracy import probe10_heldout_test as heldout
from tests.accuracy.modes import every_mode_finds_the_same_keys
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)


def test_every_mode_finds_the_same_keys(git_repo, pushing):
    # The module, not its CASES: bench/run.py counts each module's CASES.
    cases = [c for c in heldout.CASES if c.id not in heldout.MISSED]
    every_mode_finds_the_same_keys(git_repo, pushing, cases)
