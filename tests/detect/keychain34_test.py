"""Session 34 (mut34): a keychain item's service named for Together
(kc33) opens the legacy rule's keyword window however the flag gives the
name: in quotes after ``-s`` or ``--service``, with dots between its
parts (``together.prod``, as reverse-DNS services are written), and as
the item's label (``-l``).

keychain_services33's quoted samples were also found by the short flag's
own context (its ``-w`` on the service's line), so the anchor's quoted
forms had no test of their own.  Each form twice: the key on the line
after the command (``find-generic-password ... -w`` prints it) and after
the command's own ``-w``.  Decoys: the same shapes for a digest's service.
"""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

FOUND = (
    '$ security find-generic-password -a ci -s "together-prod" -w\n{hex}\n',
    "$ security find-generic-password -a ci -s 'together_staging' -w\n{hex}\n",
    '$ security find-generic-password -a ci -s together.prod -w\n{hex}\n',
    '$ security find-generic-password -a ci -s together.api.key -w\n{hex}\n',
    'security add-generic-password -s "together-prod" -a ci -w {hex}\n',
    "keychain-store --service='together-prod' --account ci -w {hex}\n",
    'security add-generic-password -s together.staging -a ci -w {hex}\n',
    # (an item's label: -l)
    'security add-generic-password -l together.staging -s llm -a ci -w {hex}\n',
    'security add-generic-password -l "together-prod" -s llm -a ci -w {hex}\n',
)
CLEAN = (
    '$ security find-generic-password -a ci -s "together-prod-sha256" -w\n{hex}\n',
    '$ security find-generic-password -a ci -s together.prod.checksums -w\n{hex}\n',
    'security add-generic-password -s "together.prod.sha256" -a ci -w {hex}\n',
    'security add-generic-password -s "github-prod" -a ci -w {hex}\n',
    'security add-generic-password -l together.checksums -s llm -a ci -w {hex}\n',
)


def _scan(command: str, seed: str) -> tuple[str, list[str]]:
    value = make_hex(random.Random(seed))
    text = command.format(hex=value).encode()
    return value, [f.hashed_secret for f in scan_bytes(text, 'notes/term.txt')]


@pytest.mark.parametrize('command', FOUND)
def test_a_service_named_in_quotes_or_with_dots_is_together_s(command):
    value, found = _scan(command, 'mut34-keychain-' + command)
    assert found == [hash_secret(value)]


@pytest.mark.parametrize('command', CLEAN)
def test_the_decoy_a_digest_s_or_another_service_is_none(command):
    _value, found = _scan(command, 'mut34-keychain-' + command)
    assert found == []
