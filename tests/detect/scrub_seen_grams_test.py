"""The pieces' pass (``Scrubber._pieces_out``) looks a place up in the
index only where the gram there was indexed (``_seen``, a bit a gram's
hash): a report's runs (hashes, paths, fingerprints) cost a bisect of
a bucket at each place before, most of a SARIF report's pieces pass.
What it redacts must be what a look-up at every place redacts: pieces
of every known form, at any place, glued to any run."""
from __future__ import annotations

import random
import string

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub as scrub_module
from together_hooks.detect.scrub import Scrubber

# Characters a piece run holds (``_PIECE_RUN``) that no key form is made of
# alone: filler that glues a piece into a longer run.
_FILLER = string.ascii_letters + string.digits + '+/=_-'


def _scrubber(keys: list[str]) -> Scrubber:
    scrubber = Scrubber()
    scrubber._environ_read = True  # only these keys, whatever the environment holds
    scrubber.learn(keys)
    scrubber._known_forms()
    return scrubber


def _lines(keys: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """A line a piece of some form of some key, glued into filler: (line, piece)."""
    lines = []
    for key in keys:
        forms = [f for f, kind in scrub_module._forms(key).items() if kind != 'url']
        for _ in range(6):
            form = rng.choice(forms)
            size = rng.randint(scrub_module._PIECE, min(len(form), 30))
            at = rng.randrange(len(form) - size + 1)
            piece = form[at:at + size]
            before = ''.join(rng.choice(_FILLER) for _ in range(rng.randint(0, 12)))
            after = ''.join(rng.choice(_FILLER) for _ in range(rng.randint(0, 12)))
            lines.append((f'  "uri": "{before}{piece}{after}",', piece))
    return lines


def test_pieces_out_is_the_look_up_at_every_place():
    rng = random.Random(1313)
    keys = [make_key(rng) for _ in range(30)] + [make_hex(rng) for _ in range(10)]
    scrubber = _scrubber(keys)
    lines = _lines(keys, rng)
    text = '\n'.join(line for line, _ in lines)
    filtered = scrubber._pieces_out(text)
    # The same scrubber with every gram's bit set: a look-up at every place.
    seen = scrubber._seen
    scrubber._seen = bytearray(b'\xff' * len(seen))
    everywhere = scrubber._pieces_out(text)
    scrubber._seen = seen
    assert filtered == everywhere
    shown = filtered.split('\n')
    assert len(shown) == len(lines)
    kept = [piece for (_, piece), out in zip(lines, shown) if piece in out]
    # A piece glued to filler that spells on past it may be shown as the
    # longer run's redaction, never as itself.
    assert kept == [], kept[:3]


def test_a_report_without_pieces_costs_few_look_ups(monkeypatch):
    rng = random.Random(1314)
    keys = [make_key(rng) for _ in range(40)] + [make_hex(rng) for _ in range(20)]
    scrubber = _scrubber(keys)
    # A report's runs of its own: 40-hex hashes, 64-hex digests, paths.
    lines = []
    for _ in range(400):
        lines.append('"hashed_secret": "%040x",' % rng.getrandbits(160))
        lines.append('"togetherHooksSecret/v1": "%064x"' % rng.getrandbits(256))
        lines.append('"uri": "src/%s/config.py",' % ''.join(rng.choice(_FILLER) for _ in range(30)))
    text = '\n'.join(lines)
    calls = []
    real = Scrubber._places_of

    def counted(self, gram):
        calls.append(gram)
        return real(self, gram)

    monkeypatch.setattr(Scrubber, '_places_of', counted)
    assert scrubber._pieces_out(text) == text
    places = sum(max(0, len(m.group()) - scrub_module._GRAM + 1)
                 for m in scrub_module._pattern(scrub_module._PIECE_RUN).finditer(text))
    assert places > 50_000
    # (A bit set by another gram: ~1% of places with these keys' ~40,000
    # grams in 16 million bits; every place looked up before.)
    assert len(calls) < places // 50, (len(calls), places)


def test_legacy_keys_read_from_hex_runs_are_the_probe_of_every_place():
    """``_legacy_in`` (the runs of 64+ hex only) answers as the probe of
    every place of the text did (``_forms_in(low) & _legacy``): keys
    glued to hex on either side, overlapping runs, beside other forms."""
    rng = random.Random(1315)
    keys = [make_hex(rng) for _ in range(12)] + [make_key(rng) for _ in range(4)]
    scrubber = _scrubber(keys)
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.randrange(4)
            key = rng.choice(keys[:12])
            if kind == 0:
                parts.append(key)
            elif kind == 1:  # glued to hex, cut short or whole
                cut = rng.randint(40, 64)
                parts.append('%x' % rng.getrandbits(32) + key[:cut] + '%x' % rng.getrandbits(16))
            elif kind == 2:
                parts.append(rng.choice(list(scrub_module._forms(rng.choice(keys)))))
            else:
                parts.append(''.join(rng.choice(string.hexdigits.lower() + ' :') for _ in range(80)))
        low = rng.choice(['', ' ', '-', 'x']).join(parts).lower()
        assert scrubber._legacy_in(low) == scrubber._forms_in(low) & scrubber._legacy, low


def test_a_dashed_lead_is_searched_as_before():
    """``_DASH_LEAD`` skips starts inside a run of blanks: whether a text
    holds one is what the pattern without the skip says."""
    import re

    before = re.compile(scrub_module._DASH_LEAD.replace('(?<![ \\t])', '', 1))
    assert before.pattern != scrub_module._DASH_LEAD
    now = scrub_module._pattern(scrub_module._DASH_LEAD)
    rng = random.Random(1316)
    bits = [' ', '\t', '  ', '\n', '\\n', '%0A', '=', '-', '--', '[job 1]', '12:', '# ', 'a', 'ab:', '+', '"']
    for _ in range(3000):
        text = ''.join(rng.choice(bits) for _ in range(rng.randint(1, 12)))
        assert (now.search(text) is None) == (before.search(text) is None), repr(text)
