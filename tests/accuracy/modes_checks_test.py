"""The modes' check itself (tests/accuracy/modes.py): the sets of a group
may hold the same key (cases of the same id are seeded alike: 6 of the
shared group's keys are in two sets), so the hook's and the push's
findings are held to each set's paths, not only to the group's hashes."""
from __future__ import annotations

import pytest

from tests.accuracy.modes import Modes
from tests.accuracy.modes import _shown
from tests.accuracy.modes import every_mode_finds_the_same_keys

H = 'a' * 40
BOTH = {('probe14/x/a.env', H), ('probe15/x/a.env', H)}


def _modes(hook: set[tuple[str, str]], push: set[tuple[str, str]]) -> Modes:
    return Modes(
        made={'probe14': [], 'probe15': []}, leaked={'probe14': [], 'probe15': []},
        expected={'probe14': {('probe14/x/a.env', H)}, 'probe15': {('probe15/x/a.env', H)}},
        found={'files': BOTH, 'staged': BOTH, 'history': BOTH, 'diff': BOTH,
               'hook': hook, 'push': push},
        hook_rc=1, hook_hashes={H}, push_rc=1, pushed_hashes={H}, sarif_results=2, history_findings=2,
    )


def test_every_mode_reporting_both_copies_passes():
    for name in ('probe14', 'probe15'):
        every_mode_finds_the_same_keys(_modes(BOTH, BOTH), name)


@pytest.mark.parametrize('mode', ['hook', 'push'])
def test_a_set_s_copy_missed_by_the_hook_or_the_push_fails(mode):
    only_probe14 = {('probe14/x/a.env', H)}
    m = _modes(only_probe14 if mode == 'hook' else BOTH, only_probe14 if mode == 'push' else BOTH)
    every_mode_finds_the_same_keys(m, 'probe14')
    with pytest.raises(AssertionError):
        every_mode_finds_the_same_keys(m, 'probe15')


def test_shown_reads_the_hook_s_and_the_push_s_lines():
    out = (
        f'a b/c.env:3: together-api-key: tgp_v1_Ab\u2026yz (hashed_secret {H})\n'
        f'd/e.zip!x/.env:1: together-legacy-api-key: 0123\u2026cdef (hashed_secret {"b" * 40}) '
        'in commit 957bd02ede8b by Dev <dev@example.com> on 2026-12-03T06:02:34+00:00\n'
        'together-hooks: 2 Together API key(s) found in 2 file(s).\n'
    )
    assert _shown(out) == {('a b/c.env', H), ('d/e.zip', 'b' * 40)}
