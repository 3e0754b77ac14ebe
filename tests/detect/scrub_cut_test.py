"""A key cut by the folders of a path is learnt and scrubbed; a path that
only holds ``tgp_v1_`` and enough folders is not a key, and is shown as it
is (it, and every later line, were redacted)."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

KEY = make_key(random.Random('scrub-cut'))
OTHER = make_key(random.Random('scrub-cut-other'))


def _not_keys() -> list[str]:
    body = OTHER[7:]
    return [
        'fixtures/tgp_v1_placeholder/values/for/unit/tests/and/more/nested/dirs/file.txt',
        # Readable runs of exactly 43 between the cuts: placeholders by the
        # engine's own test.
        'a/tgp_v1_abcdefghijklmnopqrstu/vwxyzABCDEFGHIJKLMNOPQ/f.txt',
        'a/tgp_v1_' + 'ab' * 10 + '/' + 'cd' * 11 + 'e/f.txt',
        # Short of 43.
        f'a/tgp_v1_{body[:20]}/{body[20:40]}/f.txt',
    ]


@pytest.mark.parametrize('path', _not_keys(), ids=range(len(_not_keys())))
def test_a_path_that_is_no_key_cut_by_folders_is_shown_as_it_is(path):
    scrubber = Scrubber()
    assert scrubber.scrub(f'{path}:1: found\n') == f'{path}:1: found\n'
    # Nothing was learnt: a later line with a stretch of the path stays.
    later = 'see ' + path.replace('/', '')[9:40] + ' here\n'
    assert scrubber.scrub(later) == later


CUTS = {
    'in-the-body': lambda k: f'a/{k[:25]}/{k[25:]}/f.txt',
    'ends-the-path': lambda k: f'a/{k[:25]}/{k[25:]}:1: found',
    'glued-after-a-name': lambda k: f'a/25{k[:25]}/{k[25:]}',
    'prefix-cut': lambda k: f'{k[:5]}/{k[5:]}',
    'three-pieces': lambda k: f'x/{k[:7]}/{k[7:20]}/{k[20:]}/y',
    # The run goes on into the last folder's name (a key renamed with a
    # suffix): an uncut run that does is scrubbed too, so this one is;
    # the key showed whole once the slash was dropped.
    'suffixed': lambda k: f'a/{k[:20]}/{k[20:]}-old/settings.py',
    'suffixed-one-letter': lambda k: f'a/{k[:27]}/{k[27:]}x/f.txt',
    'suffixed-across-folders': lambda k: f'a/{k[:27]}/{k[27:37]}/{k[37:]}{k[7:24]}/f.txt',
}


@pytest.mark.parametrize('cut', CUTS, ids=list(CUTS))
def test_a_key_cut_by_folders_is_learnt(cut):
    scrubber = Scrubber()
    out = scrubber.scrub(CUTS[cut](KEY))
    assert KEY[7:] not in out.replace('/', '')
    later = scrubber.scrub('then ' + KEY[10:30] + ' again')
    assert KEY[10:30] not in later


def test_a_long_run_without_a_folder_is_read_once():
    """A long run of key characters (a base64 blob on one line) beside a
    path and ``tgp_v1_``: the run is walked once, not backtracked into
    from each of its characters (30,000 took 14 s): shown as it is (4x the
    run costs under 8x: ``bench/complexity.py``)."""
    from tests.detect.baits import long_run_text

    small = long_run_text(8_000)
    assert Scrubber().scrub(small) == small
