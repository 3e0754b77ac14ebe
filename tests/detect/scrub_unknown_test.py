"""The output scrub hides a key the run never learnt, written as a reader
still reads it: cut by spaces or tabs (an error echoing a path typed with
one), cut by an invisible character, legacy hex in capitals (all or some:
a reader lowers hex), base64 wrapped across the lines of an argument.
What is no key (prose about the prefix, a digest in capitals with no
Together context) is shown as it is."""
from __future__ import annotations

import base64
import random
import re
import textwrap

import pytest

from tests.detect.baits import mixed_case as _mixed
from tests.keys import make_hex
from tests.keys import make_key
from tests.scrub_edge_test import forms
from together_hooks.detect.scrub import Scrubber

RNG = random.Random('scrub-unknown')
KEY = make_key(RNG)
HEX = make_hex(RNG)


def _cut(text: str, sep: str, width: int) -> str:
    return sep.join(text[i:i + width] for i in range(0, len(text), width))


def _read(text: str) -> str:
    """What a reader reassembles: white space and escapes unseen."""
    return re.sub(r'\s|\\u[0-9a-f]{4}|\\[nrt]|%20', '', text)


def _shows(secret: str, shown: str) -> int:
    """How many whole forms of ``secret`` a reader finds (a count: a
    failing test never prints a key)."""
    reads = (shown, _read(shown), _read(shown).lower())
    return sum(any(f in r for r in reads) for f in forms(secret))


@pytest.mark.parametrize(('sep', 'width'), [
    (' ', 25), (' ', 10), (' ', 1), ('\t', 25), ('  ', 7), ('\xa0', 10), ('\u3000', 20),
    ('\\t', 25), (' \n', 15),  # a tab escaped (JSON, a name git quotes); a break too
    ('%20', 25),  # a SARIF uri
])
def test_an_unknown_key_cut_by_spaces_is_never_shown(sep, width):
    cut = 'tgp_v1_' + _cut(KEY[7:], sep, width)
    for text in (
            f'error: {cut}: no such file or directory',
            f'error: dir/{cut}.txt: no such file',
            f'{cut}\n',
    ):
        shown = Scrubber().scrub(text)
        leaked = _shows(KEY, shown)
        assert leaked == 0, (sep, width)
        redacted = 'tgp_v1_' in shown
        assert redacted  # not dropped


@pytest.mark.parametrize('text', [
    pytest.param(
        'a tgp_v1_ key is the prefix and fortythree characters of url safe base64 text',
        marks=pytest.mark.xfail(strict=True, reason=(
            'lower-case words after tgp_v1_ are what a lower-cased key cut by spaces looks '
            'like (leak35: 43 letters of a lower-cased key, 1.3e-4): over-redacted, which fails safe'))),
    'tgp_v1_ then 43 key characters: tgp_v1_ A-Z a-z 0-9 - and _ make the key text here',
])
def test_prose_about_the_prefix_is_shown_as_it_is(text):
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('char', ['\ufff0', '\ufff4', '\ufff8', '\ufff9', '\ufffb'])
def test_an_unknown_key_cut_by_an_unassigned_special_is_never_shown(char):
    shown = Scrubber().scrub(f'error: {KEY[:25]}{char}{KEY[25:]}: no such file')
    escaped = char not in shown
    assert escaped  # a terminal shows it as nothing
    leaked = _shows(KEY, shown)
    assert leaked == 0




@pytest.mark.parametrize('cased', [str.upper, _mixed])
def test_a_legacy_key_in_capitals_with_its_context_is_never_shown(cased):
    for text in (
            f'error: TOGETHER_API_KEY={cased(HEX)}: no such file',
            f'together_api_key: "{cased(HEX)}"',
    ):
        shown = Scrubber().scrub(text)
        leaked = _shows(HEX, shown)
        assert leaked == 0, cased
        redacted = HEX[:4] in shown.lower()
        assert redacted  # not dropped


def test_a_known_legacy_key_in_mixed_case_is_never_shown():
    shown = Scrubber([HEX]).scrub(f'error: refs/heads/{_mixed(HEX)}: not a ref')
    leaked = _shows(HEX, shown)
    assert leaked == 0


def test_a_digest_in_capitals_with_no_together_context_is_shown_as_it_is():
    text = f'sha256 {HEX.upper()} {_mixed(HEX)} ok'
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('width', [76, 64, 20, 12])
@pytest.mark.parametrize('value', ['{key}', 'TOGETHER_API_KEY={key}\n'])
def test_an_unknown_key_in_wrapped_base64_is_never_shown(width, value):
    encoded = base64.b64encode(value.format(key=KEY).encode()).decode()
    for text in (
            'error: ' + '\n'.join(textwrap.wrap(encoded, width)) + ': no such file',
            'error: ' + '\\n'.join(textwrap.wrap(encoded, width)),  # quoted
    ):
        shown = Scrubber().scrub(text)
        leaked = _shows(KEY, shown)
        assert leaked == 0, width


def _fullwidth(text: str) -> str:
    return ''.join(chr(ord(c) + 0xfee0) if '!' <= c <= '~' else c for c in text)


def _read_all(text: str) -> str:
    """What a reader reassembles from text cut two ways at once: white
    space, folders, escapes and invisible characters unseen."""
    text = re.sub(r'\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[nrt]|%20|%09|%0[ADad]', '', text)
    return re.sub(r'[\s/\u200b\ufff0-\ufffb\xad]', '', text)


_B = KEY[7:]


@pytest.mark.parametrize('text', [
    f'error: dir/tgp_v1_{_B[:15]}/{_B[15:30]} {_B[30:]}.txt: nope',
    f'error: tgp_v1_{_B[:15]}\u200b{_B[15:30]} {_B[30:]}: nope',
    f'error: tgp_v1_{_B[:15]}\ufff0{_B[15:30]} {_B[30:]}: nope',
    f'error: tgp_v1_{_B[:15]}\xad{_B[15:30]}\t{_B[30:]}: nope',
    'error: ' + _fullwidth(f'tgp_v1_{_B[:20]} {_B[20:]}') + ': nope',
    'FileNotFoundError: ' + repr(f'tgp_v1_{_B[:20]}\xa0{_B[20:]}'),
    'FileNotFoundError: ' + repr(f'tgp_v1_{_B[:20]}\u3000{_B[20:]}'),
    '{"path": "tgp_v1_%s\\u00a0%s"}' % (_B[:20], _B[20:]),
    f'error: tgp_ v1_{_B}: nope',
    f'error: tgp_v1 _{_B}: nope',
    f'error: tgp_v1_{_B[:20]}     {_B[20:]}: nope',  # five spaces
    f'error: tgp_v1_{_B[:20]} {_B[20:]}-old: no such file',  # a suffix glued on
    f'error: tgp_v1_{_B[:20]} {_B[20:]}_bak.txt: no such file',
], ids=[
    'folder-and-space', 'zwsp-and-space', 'fff0-and-space', 'soft-hyphen-and-tab',
    'fullwidth-and-space', 'repr-nbsp', 'repr-u3000', 'json-nbsp', 'prefix-cut',
    'prefix-cut-before-underscore', 'five-spaces', 'suffix-old', 'suffix-bak',
])  # ids: a failing test never prints a key
def test_an_unknown_key_cut_by_space_and_one_more_separator_is_never_shown(text):
    shown = Scrubber().scrub(text)
    reads = (shown, _read_all(shown), _read_all(shown).lower())
    leaked = sum(_B in r for r in reads)
    assert leaked == 0
    assert 'tgp_v1_' in shown  # redacted, not dropped


@pytest.mark.parametrize('sep', [' ', '\t', '/', '\xa0'], ids=['space', 'tab', 'slash', 'nbsp'])
@pytest.mark.parametrize('lead', ['# ', '// ', '> '], ids=['hash', 'slashes', 'quote'])
def test_an_unknown_key_cut_by_a_gap_and_a_commented_line_break_is_never_shown(sep, lead):
    """A key wrapped in a comment (``\n# `` before its last piece) and cut
    by a space, a tab, a folder or a no-break space besides: the wrapped
    line's lead is one gap too."""
    text = f'# key: tgp_v1_{_B[:13]}{sep}{_B[13:28]}\n{lead}{_B[28:]}\n'
    shown = Scrubber().scrub(text)
    joined = re.sub(r'\n(?:#|//|>) ', '', shown)
    reads = (shown, _read_all(joined))
    assert sum(_B in r for r in reads) == 0
    assert 'tgp_v1_' in shown


@pytest.mark.parametrize('cased', [str.lower, str.upper], ids=['lower', 'upper'])
@pytest.mark.parametrize('sep', [' ', '\t', '  ', '\\t'], ids=['space', 'tab', 'two', 'escaped-tab'])
def test_a_legacy_key_cut_by_white_space_with_its_context_is_never_shown(cased, sep):
    text = f'error: TOGETHER_API_KEY={cased(HEX[:32])}{sep}{cased(HEX[32:])}: no such file'
    shown = Scrubber().scrub(text)
    reads = (shown, _read_all(shown), _read_all(shown).lower())
    leaked = sum(HEX in r for r in reads)
    assert leaked == 0
    assert 'TOGETHER_API_KEY=' in shown  # redacted, the rest shown


def test_digests_cut_by_white_space_with_no_together_context_are_shown_as_they_are():
    text = f'sha256 {HEX[:32]} {HEX[32:]} ok'
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('text', [
    # ``git log --oneline | grep tgp_v1_``: short ids and subjects after it
    '$ git log --oneline | grep tgp_v1_\nabc1234 Fix the build\nbcd2345 Add docs for it\ncde3456 More\n',
    pytest.param(
        '$ git log --oneline -S tgp_v1_\n3f2a9c1 Drop Key\n8e7d6b5 Use Env\n1a2b3c4 Init Repo\nZ\n',
        marks=pytest.mark.xfail(strict=True, reason=(
            'ids and short words whose classes a key cut so shows once in 7.5e8 (leak35: '
            'the listing bound is 1e-9 a cut): over-redacted, which fails safe'))),
    # a listing, one name a line, after a line ending in the prefix
    '$ git grep -l tgp_v1_\nconfig.py\nREADME\nsetup\nTestRunnerAlpha\ndata_loader\n8c27dfe\nv2\n',
    '$ grep -rl tgp_v1_\n  docs\n  release\n  MyComponentView\n  requirements_dev\n  87190\n',
], ids=['log-grep', 'log-pickaxe', 'listing', 'indented-listing'])
def test_words_and_ids_on_the_lines_after_the_prefix_are_shown_as_they_are(text):
    """Words, names and short ids of every width after a line ending in
    ``tgp_v1_`` are no key, and are not eaten."""
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('text', [
    '$ git grep -l tgp_v1_\nk3Xq9\nZr7vT2\nb8\nQm4nW5p\nJ2x\nv9Lk3R\nH4tq\nWc8zN1\nxY3\nP7mK\nR2d5G\n',
    '$ grep -rl tgp_v1_\n  Nq7xK\n  b3\n  Zt8Lm2\n  Fv4\n  k9Rw3X\n  T2q\n  m8Hc5v\n  Y7\n  p4Dz9\n  Lr3\n  s6Q\n',
], ids=['listing', 'indented-listing'])
def test_random_looking_names_after_the_prefix_are_read_as_a_key_cut_up(text):
    """Names that look as random as a key's characters, cut at every width
    after a line ending in ``tgp_v1_``, are what a key cut at random looks
    like: the scrub fails closed and redacts them (it cannot tell them
    from a key; names that read as names are shown: above)."""
    assert Scrubber().scrub(text) != text


def _hyphened(rng: random.Random) -> str:
    """A key holding a ``-`` or three (where ``textwrap`` cuts a word)."""
    body = list(make_key(rng)[7:])
    for _ in range(rng.randint(1, 3)):
        body[rng.randrange(2, 41)] = '-'
    return 'tgp_v1_' + ''.join(body)


@pytest.mark.parametrize('prefix', ['', '> ', '# ', '    '], ids=['bare', 'quote', 'hash', 'indent'])
def test_an_unknown_key_textwrap_cut_at_its_hyphens_is_never_shown(prefix):
    """``textwrap`` (Python's default ``break_on_hyphens``) cuts a key
    after each ``-`` it holds, so its lines are of every width: a reader
    still joins them (keys with and without a ``-``; lines joined by
    spaces too, as an error puts an argument's lines on one)."""
    rng = random.Random(f'textwrap-{prefix}')
    leaked = cases = 0
    for n in range(120):
        key = _hyphened(rng) if n % 3 else make_key(rng)
        lines = textwrap.wrap(
            f'error: the key {key} was rejected by the server', (16, 20, 27)[n % 3],
            initial_indent=prefix, subsequent_indent=prefix,
        )
        for join in ('\n', '\r\n', ' ') if not prefix else ('\n',):
            shown = Scrubber().scrub(join.join(lines))
            cases += 1
            leaked += key[7:] in re.sub(r'[^A-Za-z0-9_-]', '', shown.replace(prefix.strip() or ' ', ''))
            assert 'tgp_v1_' in shown
    assert cases >= 120
    assert leaked == 0


@pytest.mark.parametrize('lead', ['+', '+ ', '> > ', '>> ', '# > '], ids=['diff', 'diff-space', 'quoted-twice', 'quoted-close', 'commented-quote'])
def test_an_unknown_key_wrapped_with_a_lead_on_each_line_is_never_shown(lead):
    """A key wrapped in a diff's added lines, or in a reply quoted twice:
    each line's lead (up to three marks) is one gap."""
    rng = random.Random(f'lead-{lead}')
    for _ in range(8):
        key = make_key(rng)
        for width in (10, 17):
            text = ''.join(f'{lead}{key[i:i + width]}\n' for i in range(0, len(key), width))
            shown = Scrubber().scrub(text)
            assert key[7:] not in re.sub(r'[^A-Za-z0-9_-]|\n', '', shown.replace(lead, ''))
            assert 'tgp_v1_' in shown


@pytest.mark.parametrize(('cuts', 'join'), [
    ((5, 21, 41), '\n'), ((5, 21, 41), ' '), ((5, 21, 41), '\n> '), ((13, 22, 40), ' '),
], ids=['prefix-cut-lines', 'prefix-cut-spaces', 'prefix-cut-quoted', 'prefix-whole-spaces'])
def test_an_unknown_key_cut_unevenly_in_long_pieces_is_never_shown(cuts, join):
    """Four pieces of uneven widths, each but the ends at least as long as
    a known key's piece shown nowhere (``_PIECE``): short ids and words
    are shorter (``test_words_and_ids_on_the_lines_after_the_prefix_are_shown_as_they_are``)."""
    rng = random.Random('uneven')
    for _ in range(12):
        key = make_key(rng)
        a, b, c = cuts
        text = 'error: ' + join.join([key[:a], key[a:b], key[b:c], key[c:]]) + ' was rejected'
        shown = Scrubber().scrub(text)
        assert key[7:] not in shown.replace(join, '')
        assert 'tgp_v1_' in shown


@pytest.mark.parametrize('width', [76, 20, 8, 4, 2])
@pytest.mark.parametrize('join', [' ', '\n# ', '\n', '\n    '], ids=['spaces', 'commented', 'lines', 'indented'])
@pytest.mark.parametrize('value', ['{key}', 'TOGETHER_API_KEY={key}\n'], ids=['key', 'env'])
def test_an_unknown_key_in_base64_wrapped_narrow_joined_or_commented_is_never_shown(
        width, join, value,
):
    """Base64 of a key wrapped narrower than a piece (``_PIECE``), its
    lines joined by spaces (``$(cat f.b64)``), or each led by ``# `` (a
    commented block): a reader joins the lines, and finds no key."""
    encoded = base64.b64encode(value.format(key=KEY).encode()).decode()
    lead = '# ' if '#' in join else ''
    text = f'error: {lead}' + join.join(textwrap.wrap(encoded, width)) + ': no such file'
    shown = Scrubber().scrub(text)
    joined = re.sub(r'\s|#', '', shown)
    leaked = sum(f in joined or f in shown for f in forms(KEY))
    assert leaked == 0
    assert shown.startswith(f'error: {lead}')  # redacted, the rest shown


def test_prose_joined_by_spaces_is_not_read_as_base64():
    text = 'error: could not open the file named in the argument: ' + 'abcd ' * 20 + 'end'
    assert Scrubber().scrub(text) == text


def test_repeats_of_a_known_legacy_key_in_mixed_case_are_each_redacted():
    """Each place a known key is found is checked against the runs of
    cased hex by a look-up, not a walk of them all (4,000 repeats took
    0.9 s; their time at 4x: ``bench/complexity.py``)."""
    scrubber = Scrubber([HEX])
    small = ' '.join([_mixed(HEX)] * 1000)
    shown = scrubber._cased_hex_out(small)
    assert HEX not in shown.lower() and shown.count('…') == 1000


def test_learning_a_key_a_line_makes_each_keys_forms_once(monkeypatch):
    """A run that learns a key and prints its lines, key after key
    (detect-secrets with our plugin), makes each key's forms once: the
    forms known are not sorted again for each key learnt.  Counted, not
    timed (4x the keys sort under 8x the items; quadratic gives 16x; the
    time: ``bench/complexity.py``)."""
    from together_hooks.detect import scrub

    rng = random.Random('learn-a-key-a-line')
    keys = [make_key(rng) for _ in range(800)]
    made: list[str] = []
    items: list[int] = []
    real_forms = scrub._forms

    def forms(secret: str):
        made.append(secret)
        return real_forms(secret)

    def counted_sorted(iterable, **kw):
        out = sorted(iterable, **kw)
        items.append(len(out))
        return out

    monkeypatch.setattr(scrub, '_forms', forms)
    monkeypatch.setattr(scrub, 'sorted', counted_sorted, raising=False)

    def run(n: int) -> int:
        made.clear()
        items.clear()
        scrubber = Scrubber()
        for key in keys[:n]:
            scrubber.learn([key])
            assert key not in scrubber.scrub(f'Secret Type: Together AI API key {key}\n')
        assert made == keys[:n]
        return sum(items)

    small, large = run(200), run(800)
    assert large < 8 * max(small, 1), (small, large)
