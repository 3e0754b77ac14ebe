"""Session 35 (leak35): a key cut by a ``\\`` before white space is one key.

A shell's line continuation (``tgp_v1_Ab…\\<newline>…yz``) and a space
escaped for a shell (``\\ ``) are skipped by a reader joining the pieces;
an error that puts an argument's lines on one shows ``\\ `` between them.
``scan --diff`` printed such a key whole (docs/hardening.md, "Session 35
(leak35)").  Unknown keys (read as the engine reads them) and known ones
(spelt out with gaps) are redacted; a short name before ``\\ `` and
Windows paths print as typed.  Keys are made at run time; a failure
names a glue and a cut, never a key.
"""
from __future__ import annotations

import random

import pytest

from tests.cli_run import leaked
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

GLUES = ['\\\n', '\\ ', '\\\t', ' \\\n  ', '\\\r\n']
GLUE_IDS = ['continued', 'escaped-space', 'escaped-tab', 'continued-indented', 'continued-crlf']


@pytest.mark.parametrize('glue', GLUES, ids=GLUE_IDS)
@pytest.mark.parametrize('known', [False, True], ids=['unknown', 'known'])
def test_a_key_cut_by_a_backslash_before_white_space_is_never_shown_whole(glue, known):
    rng = random.Random(f'leak35-continued-{glue!r}-{known}')
    leaks = []
    for cut in (5, 9, 21, 33, 47):
        key = make_key(rng)
        scrubber = Scrubber()
        if known:
            scrubber.learn([key])
        shown = scrubber.scrub(f"error: --diff BASE: {key[:cut]}{glue}{key[cut:]} is not a commit")
        if leaked([key], shown, shown.replace(glue, '').replace('\\ ', '')):
            leaks.append(cut)
    assert leaks == [], (glue, leaks)


def test_a_known_legacy_key_cut_by_a_continued_line_is_never_shown_whole():
    hexkey = make_hex(random.Random('leak35-continued-hex'))
    scrubber = Scrubber()
    scrubber.learn([hexkey])
    shown = scrubber.scrub(f'TOKEN={hexkey[:30]}\\\n{hexkey[30:]}\n')
    assert leaked([hexkey], shown, shown.replace('\\\n', '')) == []


@pytest.mark.parametrize('text', [
    'tgp_v1_build\\ README.md: no such file',
    'C:\\Users\\dev\\ notes\\tgp_v1_cache\\ old.txt',
    'key_' + make_key(random.Random('leak35-continued-id'))[7:30] + '\\ revoked',
    'make all \\\n  CFLAGS=-O2 \\\n  PREFIX=/usr/local',
])
def test_a_backslash_before_white_space_in_no_key_is_shown_as_typed(text):
    assert Scrubber().scrub(text) == text
