"""Leaks the glue reading closes (each shown whole before it): a key cut
unevenly across a JSON list's strings, a cut prefix with a short piece,
lines led by a worker's tag, a timestamp, ``remote:`` or a line number;
the base64 of a ``.env`` led by a diff's gutter, ``--``, ``remote:`` or
joined by ``%0A``.  And listings of names after ``tgp_v1_`` stay."""
from __future__ import annotations

import base64
import json
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

KEY = make_key(random.Random('scrub-glue'))
ENV = base64.b64encode(f'TOGETHER_API_KEY={KEY}\n'.encode()).decode()


def _pieces(value: str, *cuts: int) -> list[str]:
    return [value[a:b] for a, b in zip((0, *cuts), (*cuts, len(value)))]


def _lines(value: str, width: int) -> list[str]:
    return [value[i:i + width] for i in range(0, len(value), width)]


LEADS = ['[worker-1] ', '2024-01-02T03:04:05.123Z ', 'remote: ', '12:', '  12 | ']


@pytest.mark.parametrize('text, pieces', [
    ('["{}", "{}"]', _pieces(KEY, 13)),
    ('["{}", "{}", "{}"]', _pieces(KEY, 5, 31)),
    ('["{}","{}","{}","{}"]', _pieces(KEY, 9, 20, 38)),
    ('{}\n{}\n{}\n{}', _pieces(KEY, 2, 9, 30)),
    *[(lead + ('\n' + lead).join(['{}'] * 3), _pieces(KEY, 11, 30)) for lead in LEADS],
    *[(lead + ('\n' + lead).join(['{}'] * 5), _pieces(KEY, 10, 20, 30, 40)) for lead in LEADS],
], ids=[
    'list-2', 'list-3', 'list-4', 'tg-short-middle',
    *[f'lead{i}-uneven' for i in range(len(LEADS))],
    *[f'lead{i}-even' for i in range(len(LEADS))],
])
def test_a_key_cut_with_glue_is_never_shown_whole(text, pieces):
    shown = Scrubber().scrub(text.format(*pieces) + '\n')
    assert not all(piece in shown for piece in pieces)
    assert 'tgp_v1_' in shown  # redacted, not dropped


@pytest.mark.parametrize('width', [8, 20, 76])
@pytest.mark.parametrize('lead', ['+', '--', '-', 'remote: ', '[worker-1] ', '%0A'])
def test_a_wrapped_base64_env_with_line_leads_is_never_shown_whole(width, lead):
    lines = _lines(ENV, width)
    text = '%0A'.join(lines) if lead == '%0A' else lead + ('\n' + lead).join(lines)
    shown = Scrubber().scrub(text + '\n')
    assert not all(line in shown for line in lines)


# Session 35 (leak35): the listing bound is 1e-9 a cut, as the engine's
# placeholder tests are; three camel-cased names (about 1.7e-6 by their
# classes) are no sign a key's random pieces cannot give so often.
_CAMEL_LISTING = pytest.mark.xfail(strict=True, reason=(
    'camel-cased names after tgp_v1_ read as a key at the 1e-9 listing bound (leak35): '
    'over-redacted, which fails safe'))


@pytest.mark.parametrize('text', [
    pytest.param(
        'grep -l tgp_v1_\nTestRunnerAlpha\nMyComponentView\nDataLoaderFactory\nUserModelSerializer\n',
        marks=_CAMEL_LISTING),
    '$ ls | grep tgp_v1_\nREADME_together\nCHANGELOG_old\nMakefile_Linux\nDockerfile_prod\n',
])
def test_a_listing_of_names_after_the_prefix_is_shown_as_it_is(text):
    assert Scrubber().scrub(text) == text




@pytest.mark.parametrize('seed', range(4))
def test_a_key_cut_before_its_dashes_under_a_dash_gutter_is_never_shown_whole(seed):
    """Lines led by a gutter's ``-`` or ``--``, a piece of the key starting
    with a key's ``-`` or ``--`` (``--`` then ``-Pq…``), the next piece
    not: the gutter's dashes run into the piece's, and a reader still joins
    the key.  Seeded: a failure names its seed and case, never a key."""
    rng = random.Random(f'scrub-glue-dash-{seed}')
    for case in range(50):
        key = make_key(rng)
        at = rng.randint(8, 40)
        run = rng.choice(('-', '--'))
        key = key[:at] + run + key[at + len(run):]
        cut = rng.randint(at + 2, 48)
        pieces = [key[:at], key[at:cut], key[cut:]]
        lead = rng.choice(('-', '--', '> -', '[worker-1] --'))
        text = (
            lead + rng.choice(('', 'export X=')) + pieces[0]
            + rng.choice(('\n', '\\n')) + lead + pieces[1]
            + rng.choice((' ', '\n' + lead, '\\n' + lead)) + pieces[2]
        )
        shown = Scrubber().scrub(text + '\n')
        assert not all(piece in shown for piece in pieces), (seed, case)


@pytest.mark.parametrize('lead', ['[job 12] ', '  12 | ', 'remote: ', '', '> '])
@pytest.mark.parametrize('newline', ['\n', '\\n', '%0A'])
@pytest.mark.parametrize('learnt', [False, True])
def test_a_key_piece_starting_with_a_dash_after_a_lines_lead_is_redacted(lead, newline, learnt):
    """A piece of a key starting with its ``-`` at a line's start after the
    line's lead (``[job 12] -``) reads as a gutter's ``-`` too: the key is
    spelt and redacted, never shown as it is because the dash was taken
    for the lead's."""
    import random

    from tests.keys import make_key

    rng = random.Random(f'dash-piece-{lead}-{newline}')
    key = make_key(rng)
    key = key[:19] + '-' + key[20:]
    pieces = [key[at:at + 4] for at in range(3, 50, 4)]  # short: no piece is redacted alone
    assert pieces[4] == '-' + key[20:23]
    glue = newline + lead
    text = lead + key[:3] + glue.join(pieces) + '\n'
    shown = Scrubber([key] if learnt else ()).scrub(text)
    assert key not in shown.replace(glue, ''), (lead, newline)


@pytest.mark.parametrize('text', [
    '{{"results": {{"dir/{} {}": [1]}}}}',
    '{{"results": {{"dir/{}\\t{}": [1]}}}}',
    '{{"results": {{"dir/{}\\n{}": [1]}}}}',
    '{{"{}" "{}": 1}}',
    "k = on ? '{}' + '{}' : ''",
], ids=['name-blank', 'name-tab', 'name-newline', 'literal-pair', 'ternary'])
def test_a_key_cut_inside_one_quoted_name_before_a_colon_is_never_shown_whole(text):
    """A key whose last piece ends right before ``":`` is a field name
    only past a value's end (``",`` or a quote and a line break): cut
    inside one name (a JSON object's key, a ``"…" "…":`` pair, a ternary's
    ``'…' + '…' :``) it was shown whole once the field-name rule came
    (and a name cut by an escaped break was no JSON)."""
    shown = Scrubber().scrub(text.format(KEY[:20], KEY[20:]))
    assert KEY[:20] not in shown and KEY[20:] not in shown, shown
    assert KEY[:9] in shown  # redacted in place, not dropped
    if text.startswith('{{"results"'):
        json.loads(shown)  # the escaped break stays escaped: still JSON
