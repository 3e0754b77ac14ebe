"""Session 35 (leak35): each test by which the scrub shows a key-shaped
run whole is a bound on chance, at most 1e-9 a key (docs/hardening.md,
"Session 35 (leak35)").

Three criteria show a ``tgp_v1_`` run whole: a placeholder of four kinds
of characters or fewer (``_plain_placeholder``), the engine's placeholder
test on a key cut by gaps or folders (``_placeholder``) and a listing of
names after ``tgp_v1_`` (``_a_listing``).  A key lower- or upper-cased
lacks a case, which the cased placeholder test took for a placeholder's
sign every time, and whose pieces, weighed against 64 kinds, read as
names in 3% of cuts: such a key cut by a space, a line break or a folder
was shown whole (before this session, every one).  Random keys, in each
case, are measured here on seeded samples (the million-key figures are
in the docs), with the decoys that must still print whole beside them.
Keys are made at run time (``tests/keys.py``); a failure names a seed and
a count, never a key.
"""
from __future__ import annotations

import math
import random

import pytest

from tests.keys import KEY_ALPHABET
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub
from together_hooks.detect.scrub import Scrubber

FORMS = {'mixed': str, 'lower': str.lower, 'upper': str.upper}


def _cuts(rng: random.Random) -> list[int]:
    """Where a body of 43 is cut: one to three gaps anywhere, or a wrap at
    one width after a first piece of any length."""
    if rng.random() < 0.5:
        points = sorted(rng.sample(range(1, 43), rng.randint(1, 3)))
    else:
        width = rng.randint(1, 42)
        points = list(range(rng.randint(1, width), 43, width))
    return [0, *points, 43]


def _shown_whole(key: str, shown: str, glue: str) -> bool:
    """Whether ``shown`` holds ``key`` once ``glue`` is taken out, in any case."""
    return key.lower() in shown.replace(glue, '').lower()


@pytest.mark.parametrize('form', ['lower', 'upper'])
@pytest.mark.parametrize('glue', [' ', '\t', '\n', '\n# ', '/', '\\'],
                         ids=['space', 'tab', 'newline', 'comment', 'folder', 'backslash'])
def test_a_key_in_one_case_cut_by_a_gap_is_never_shown_whole(form, glue):
    """A key lower- or upper-cased (a name a tool lowered, a path on a
    case-blind disk, ``tr a-z A-Z``) cut once at each place: redacted as
    the key as typed is."""
    rng = random.Random(f'leak35-one-case-{form}-{glue!r}')
    leaks = []
    for cut in range(9, 49, 3):
        key = FORMS[form](make_key(rng))
        text = f"fatal: no such path '{key[:cut]}{glue}{key[cut:]}' in HEAD"
        shown = Scrubber().scrub(text)
        if _shown_whole(key, shown, glue):
            leaks.append(cut)
    assert leaks == [], (form, leaks)


def test_a_key_whose_pieces_read_as_names_one_cut_in_a_million_is_redacted():
    """A key whose body, cut at line breaks, is capitalised words (each
    piece ``[A-Z][a-z]+`` run together, the last cut where the key ends):
    random keys read so about once in 1e6-1e8 cuts, which the old bound
    (1e-5) showed whole as a listing; the bound is 1e-9 now."""
    rng = random.Random('leak35-camel-key')
    letters = 'abcdefghijklmnopqrstuvwxyz'
    checked = 0
    for _ in range(6):
        pieces = []
        while sum(map(len, pieces)) < 43:
            word = ''.join(rng.choice(letters.upper()) + ''.join(
                rng.choice(letters) for _ in range(rng.randint(3, 6))) for _ in range(3))
            pieces.append(word)
        body = ''.join(pieces)[:43]
        cut = [piece for piece in _pieces(body, [len(p) for p in pieces]) if piece]
        observed = sum(_score(piece) for piece in cut)
        tail = scrub._score_tail(tuple(map(len, cut)), observed)
        if not 1e-9 < tail < 1e-5:
            continue
        checked += 1
        key = 'tgp_v1_' + body
        text = 'grep -l tgp_v1_\n' + 'tgp_v1_\n' + '\n'.join(cut) + '\n'
        shown = Scrubber().scrub(text)
        assert not _shown_whole(key, shown, '\n'), tail
    assert checked >= 3


def _pieces(body: str, lengths: list[int]) -> list[str]:
    out, at = [], 0
    for n in lengths:
        out.append(body[at:at + n])
        at += n
    return out


def _score(piece: str) -> float:
    """``_named_beyond_chance``'s score of a piece of a key as typed."""
    held = sum(size for chars, size in scrub._CLASSES if any(c in chars for c in piece))
    score = len(piece) * math.log(held / 64)
    if scrub._pattern(scrub._CAMEL).fullmatch(piece):
        score = min(score, math.log(scrub._camel_count(len(piece)) / 64 ** len(piece)))
    return score


@pytest.mark.parametrize('form', list(FORMS))
def test_no_random_key_in_any_case_passes_a_criterion(form):
    """Seeded random keys, as typed, lower- and upper-cased: none is a
    placeholder by either test, and none, cut at random, is a listing
    (measured over a million each: docs/hardening.md)."""
    rng = random.Random(f'leak35-rates-{form}')
    plain = placeholder = listing = 0
    for i in range(3000):
        key = FORMS[form](make_key(rng))
        plain += scrub._plain_placeholder(key)
        placeholder += scrub._placeholder(key[7:])
        if i < 1500:
            bounds = _cuts(rng)
            pieces = [key[7:][a:b] for a, b in zip(bounds, bounds[1:])]
            listing += scrub._a_listing(pieces, False)
    assert (plain, placeholder, listing) == (0, 0, 0)


@pytest.mark.parametrize('table', ['lower', 'upper'])
@pytest.mark.parametrize('lengths', [(2, 3, 4, 2), (6, 6, 6), (20, 23)])
def test_the_listing_bound_holds_for_a_key_in_one_case(table, lengths):
    """``_score_tail`` with a one-case table is a bound: random pieces of a
    lower- or upper-cased key score at most a quantile's score no more
    often than it says."""
    classes = scrub._CLASSES_LOWER if table == 'lower' else scrub._CLASSES_UPPER
    case = FORMS[table]

    def score(pieces):
        return sum(len(piece) * math.log(sum(
            size for chars, size in classes if any(c in chars for c in piece)) / 64)
            for piece in pieces)

    rng = random.Random(f'leak35-bound-{table}-{lengths}')
    scores = sorted(
        score([case(''.join(rng.choice(KEY_ALPHABET) for _ in range(n))) for n in lengths])
        for _ in range(5000)
    )
    for quantile in (0.002, 0.02, 0.2):
        observed = scores[int(quantile * len(scores))]
        share = sum(1 for s in scores if s <= observed) / len(scores)
        assert share <= scrub._score_tail(lengths, observed, classes) * 1.1 + 0.001, (quantile, share)


def _decoys() -> list[str]:
    rng = random.Random('leak35-decoys')
    digest = make_hex(rng)
    commit = make_hex(rng)[:40]
    return [
        'key id key_' + make_key(rng)[7:30] + ' revoked',
        'set TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + ' in .env',
        'TOGETHER_API_KEY=TGP_V1_' + 'X' * 43,
        'tgp_v1_' + 'x' * 20 + ' ' + 'x' * 23,
        'export TOGETHER_API_KEY=${TOGETHER_API_KEY}',
        f'fatal: no such path fixtures/tgp_v1_{make_key(rng)[7:30]}/a.txt',
        'fixtures/tgp_v1_placeholder/values/default/file.txt',
        f'commit {commit} (HEAD -> main)',
        f'together==1.3.0 --hash=sha256:{digest}',
        f'"together": {{"version": "1.3.0", "sha256": "{digest}"}}',
        f'together-1.3.0.tar.gz {digest.upper()}',
        '$ ls | grep tgp_v1_\nREADME_together\nCHANGELOG_old\nMakefile_Linux\nDockerfile_prod\n',
        '$ git log --oneline | grep tgp_v1_\nabc1234 Fix the build\nbcd2345 Add docs for it\n',
    ]


@pytest.mark.parametrize('index', range(len(_decoys())))
def test_decoys_beside_the_bounds_print_whole(index):
    """Key ids, placeholders (cut too), a ``tgp_v1_`` name too short in a
    path, git's own hashes, lockfile SHAs beside ``together`` and listings
    of mixed names: no key, shown as typed."""
    text = _decoys()[index]
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('case', [str.lower, str.upper], ids=['lower', 'upper'])
@pytest.mark.parametrize('glue', ['', ' ', '\n', '\\\n'], ids=['whole', 'space', 'newline', 'continued'])
def test_no_random_legacy_key_with_its_context_is_shown(case, glue):
    """A legacy key has no criterion of chance in the scrub but the
    engine's placeholder test (ph34: each under 1e-9 a key): seeded
    random ones with their Together name, in either case, whole or cut
    once anywhere, are redacted."""
    rng = random.Random(f'leak35-legacy-{case.__name__}-{glue!r}')
    leaks = []
    for i in range(6):
        hexkey = make_hex(rng)
        cut = rng.randint(1, 63) if glue else 64
        shown = Scrubber().scrub(f'TOGETHER_API_KEY={case(hexkey[:cut])}{glue}{case(hexkey[cut:])}\n')
        if hexkey in shown.replace(glue, '').lower() if glue else hexkey in shown.lower():
            leaks.append(i)
    assert leaks == [], leaks
