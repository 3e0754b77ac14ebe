"""The encoded held-out cases (tests/accuracy/encoded_heldout_test.py) in
every mode a key reaches the scanner (tests/accuracy/modes.py): the file
scan, ``--staged``, ``--history`` (JSON and SARIF), ``--diff``, the hook
and a real push."""
from __future__ import annotations

import pytest

from tests.accuracy import encoded_heldout_test as heldout
from tests.accuracy.modes import every_mode_finds_the_same_keys
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)


def test_every_mode_finds_the_same_keys(git_repo, pushing):
    if not heldout._tools_present():
        pytest.skip('base64, openssl, kubectl, xxd, hexdump and od are needed')
    cases = [c for c in heldout.CASES if c.id not in heldout.MISSED]
    every_mode_finds_the_same_keys(git_repo, pushing, cases)
