"""A known key spelt out with gaps is found without a pattern a key
(``detect/spelt.py``), and what goes is exactly what went.

The scrub's ``_gapped_out`` compiled one regex of every key present, each
key's characters with the gap's ~320-character pattern between them
(~16 KB, ~40 ms a key: most of the scrub tests' CPU, and ~40 ms a key on
a blocked commit's report).  Here: the same text out, character for
character, as that regex (``gapped_reference``) and as the whole scrub of
61d2ac5 on seeded keys cut with every kind of gap, glued, in capitals,
dashed, in base64; and no compile at all for a key shown.  Seeded: a
failure names its seed and case, never a key."""
from __future__ import annotations

import base64
import random
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests.detect.gapped_reference import gapped_out as reference
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

ROOT = Path(__file__).resolve().parents[2]
BEFORE = '61d2ac5'  # the scrub before ``spelt``

# What the gap grammar reads between a key's characters, and some it
# does not (a key's own characters among them: a lead's digits, ``-``).
INLINE = [
    ' ', '\t', '  ', '", "', "', '", '","', '" + "', '\\t', '%20', '%09', '#', '/', '*',
    '>', ';', '`', '=', ',', '+', '\\n', '\\r', '        ', '         ', '\u3000', '\xa0',
]
BREAKS = ['\n', '\r\n', '\\n', '\\r\\n', '%0A', '%0D%0A', '=\n', ' \n', '\t=\n']
LEADS = [
    '', '  ', '[worker-1] ', '[job 12] -', '2024-01-02T03:04:05.123Z ', '2024-01-02 ',
    '2024-01-02T03:04:05+01:00 ', '03:04:05,123 ', 'remote: ', 'stderr: ', '> ', '> > ',
    '# ', '// ', ' * ', '12:', '  12 | ', '1234567:', '+', '-', '--', '---', ' -- ',
    '[worker-1] 2024-01-02T03:04:05Z ', '+ # > ', '12', 'a:', 'ab: ', '[x]', '[]',
]
NOISE = ['', 'key: ', '["', 'export X=', 'tgp_v1_', 'x ', '-', '2024-', '12:', ' 9', 'ab']
SEEDS = range(8)
CASES = 20  # a seed


def _glue(rng: random.Random) -> str:
    if rng.random() < 0.35:
        # (One unit, few cuts: runs of several, or many cuts, can drive
        # the old pattern's backtracking past minutes, docs/performance.md;
        # ``spelt`` lists each gap's ends once a place.)
        return rng.choice(INLINE)
    return rng.choice(BREAKS) + rng.choice(LEADS)


def _spelt(rng: random.Random, value: str, most: int) -> str:
    """``value`` cut at up to ``most`` places, a gap (or a near miss) in each."""
    cuts = sorted(rng.sample(range(1, len(value)), min(most, len(value) - 1)))
    pieces = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)])]
    return ''.join(p + (_glue(rng) if i < len(pieces) - 1 else '') for i, p in enumerate(pieces))


def _case(rng: random.Random, keys: list[str], b64s: list[str]) -> str:
    parts = [rng.choice(NOISE)]
    for _ in range(rng.choice((1, 1, 2, 3))):
        kind = rng.random()
        if kind < 0.15 and b64s:
            value = rng.choice(b64s)
        else:
            value = rng.choice(keys)
            if value.strip('0123456789abcdef') == '' and rng.random() < 0.5:
                value = ''.join(c.upper() if rng.random() < 0.5 else c for c in value)
        if rng.random() < 0.1:
            value = value[:-1]  # one short: not the key
        parts += [_spelt(rng, value, rng.choice((1, 2, 3, 5))), rng.choice(NOISE)]
        parts.append(_glue(rng) if rng.random() < 0.5 else ' ')
    return ''.join(parts)


def _keys(rng: random.Random) -> list[str]:
    keys = [make_key(rng) for _ in range(3)] + [make_hex(rng)]
    keys.append('tgp_v1_-' + make_key(rng)[8:])  # a ``-`` where a gutter's may be
    keys.append(make_key(rng)[:-1] + '-')
    return keys


@pytest.mark.parametrize('seed', SEEDS)
def test_gapped_out_removes_what_the_compiled_pattern_removed(seed):
    rng = random.Random(f'spelt-{seed}')
    keys = _keys(rng)
    scrubber = Scrubber(keys)
    scrubber._known_forms()
    b64s = sorted(f for f in scrubber._b64 if len(f) < 80)[:6]
    for case in range(CASES):
        text = _case(rng, keys, b64s)
        same = scrubber._gapped_out(text) == reference(scrubber, text)
        assert same, (seed, case)  # (never the texts: they spell keys)


def _scrub_before() -> types.ModuleType:
    """The scrub module of ``BEFORE``, loaded beside today's."""
    try:
        source = subprocess.run(
            ['git', 'show', f'{BEFORE}:together_hooks/detect/scrub.py'],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f'{BEFORE} is not in this clone')
    module = types.ModuleType('_scrub_before')
    module.__file__ = '<scrub of %s>' % BEFORE
    sys.modules['_scrub_before'] = module
    exec(compile(source, module.__file__, 'exec'), module.__dict__)
    return module


@pytest.mark.parametrize('seed', SEEDS[:4])
def test_the_whole_scrub_shows_what_it_showed_before(seed):
    before = _scrub_before()
    rng = random.Random(f'spelt-whole-{seed}')
    keys = _keys(rng)
    new, old = Scrubber(keys), before.Scrubber(keys)
    for case in range(CASES // 2):
        text = _case(rng, keys, [base64.b64encode(k.encode()).decode() for k in keys[:2]])
        shown = new.scrub(text)
        same = shown == old.scrub(text) or shown == old.scrub(_cut_redacted(text))
        assert same, (seed, case)


def _cut_redacted(text: str) -> str:
    """``text`` with what the scrub has redacted since ``BEFORE`` redacted
    first: a key cut short by up to 7 characters (``scrub._TGP_SHOWN``;
    the scrub of ``BEFORE`` read one glued to what follows a ``+`` as a
    key and redacted the ``+`` with it)."""
    import re

    from together_hooks.findings import redact

    return re.sub(r'(?:tgp_v1_|TGP_V1_)[A-Za-z0-9_-]{36,42}(?![A-Za-z0-9_-])',
                  lambda m: redact(m.group()), text)


@pytest.mark.parametrize('text', [
    # Gaps a key's characters could also be read into (a lead's ``-``,
    # digits, a label): the regex's first reading is the one taken.
    '{k1}\n--{k2}', '{k1}\n-{k2}', '{k1}\n12:{k2}', '{k1}\n2024-01-02 {k2}',
    '{k1}\n[{k2}]', '{k1}=\n  # {k2}', '{k1} \\n {k2}', 'x{k1}%0A-{k2}y',
])
def test_a_gap_read_either_way_ends_where_the_regex_ends(text):
    rng = random.Random('spelt-either')
    for key in _keys(rng):
        for cut in (1, 7, 8, 20, len(key) - 1):
            shown = text.format(k1=key[:cut], k2=key[cut:])
            scrubber = Scrubber([key])
            scrubber._known_forms()
            same = scrubber._gapped_out(shown) == reference(scrubber, shown)
            assert same, (text, cut)
            shown_whole = key in scrubber.scrub(shown)
            assert not shown_whole, (text, cut)


def test_a_key_shown_spelt_out_compiles_nothing(monkeypatch):
    """Work counted, not timed: the regex was compiled anew for each key
    shown (a blocked commit pays it once a key); now nothing is."""
    import re

    rng = random.Random('spelt-count')
    keys = [make_key(rng) for _ in range(12)] + [make_hex(rng) for _ in range(4)]
    scrubber = Scrubber(keys)
    scrubber._known_forms()
    texts = [rng.choice(('\n', ' ', '\n# ')).join(key) for key in keys]
    scrubber._gapped_out(texts[0])  # the gap's own (constant) patterns
    compiler = getattr(re, '_compiler', None) or __import__('sre_compile')
    compiled = []
    real = compiler.compile
    monkeypatch.setattr(compiler, 'compile', lambda p, *a: compiled.append(p) or real(p, *a))
    redacted = sum(scrubber._gapped_out(text) != text for text in texts)
    assert redacted == len(texts)
    assert len(compiled) == 0


def test_near_misses_spelt_out_cost_work_in_proportion(monkeypatch):
    """Work counted, not timed.  A known key spelt out with gaps of
    several units (spaces, ``\\u3000``, escaped breaks with a log's lead),
    beside copies of it whose last character is wrong: the old compiled
    pattern backtracked through every way of reading each gap (one near
    miss: past 120 CPU-s, killed); ``spelt`` lists each gap's ends once
    a place, so its walk grows with the text, not with the readings
    (16 walks a character; without listing each end once, 36 here and
    50 on other seeds: this fails)."""
    from together_hooks.detect import spelt

    walks = [0]

    def counted(real):
        def call(self, *args):
            walks[0] += 1
            return real(self, *args)
        return call

    # A gap's ends at a place, and a key's characters tried from a place.
    monkeypatch.setattr(spelt._Gap, '_walk', counted(spelt._Gap._walk))
    monkeypatch.setattr(spelt._Matcher, '_end', counted(spelt._Matcher._end))
    rng = random.Random('spelt-near-misses')
    key = make_key(rng)
    gaps = ['  \u3000 ', ' \\n  ', '\\n[worker-1] 2024-01-02T03:04:05Z ', '" + "', '\u3000\u3000 \t', '%0A# ']

    def spelt_out(value):
        return ''.join(c + rng.choice(gaps) for c in value[:-1]) + value[-1]

    work = {}
    for misses in (2, 8):
        whole = spelt_out(key)
        near = [spelt_out(key[:-1] + '!') for _ in range(misses)]
        shown = '\n'.join([whole] + near)
        scrubber = Scrubber([key])
        scrubber._known_forms()
        walks[0] = 0
        out = scrubber._gapped_out(shown)
        assert whole not in out and out.endswith(near[-1])  # the key out, a near miss kept
        work[misses] = walks[0]
        assert walks[0] < 24 * len(shown), (misses, walks[0], len(shown))  # 16.3 and 16.5
    assert work[8] < 4.5 * work[2], work
