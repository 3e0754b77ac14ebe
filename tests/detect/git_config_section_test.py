"""A git-config style section of Together's with a subsection, whatever
the subsection holds (git allows blanks and any character but a newline
in it: ``[together "prod eu"]``), anchors the keys under it."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _found(text: str, path: str = 'config/llm.gitconfig') -> bool:
    key = make_hex(random.Random(9))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('sub', ['prod', 'prod eu', 'team@acme', 'us-east-1 (primary)'])
def test_a_subsection_of_any_text_anchors_together_s_keys(sub):
    assert _found('[together "%s"]\n\tkey = {key}\n' % sub)
    assert _found('[together "%s"]\n\tapi_key = {key}\n\tmodel = llama3\n' % sub)


@pytest.mark.parametrize('sub', ['cache', 'prod cache'])
def test_a_subsection_of_another_purpose_or_a_digest_stays_clean(sub):
    assert not _found('[together "%s"]\n\tkey = {key}\n' % sub)
    assert not _found('[together "prod eu"]\n\tsha256 = {key}\n')
