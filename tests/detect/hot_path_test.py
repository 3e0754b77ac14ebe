"""The detection's cheap paths decide exactly what the full paths decide.

Checked on generated input (hypothesis):

- the scrubber looks for only the known forms a text holds: its output is
  the output of the regex of every form (how it worked before), and no
  form of a key it knows is left;
- a key's URL-quoted form is ``urllib.parse.quote``'s, without importing
  it for a value it would not change;
- the context walker looks for an endpoint binding only where the
  endpoint itself occurs: the bindings it finds are the full pattern's;
- the engine walks no structure for a key a pattern of the same rule
  found already: its findings are those of the walk.

Examples are generated the same way on every run (``derandomize``).
"""
from __future__ import annotations

import base64
import random
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.keys import make_hex
from tests.keys import make_key
from tests.scrub_edge_test import leaks
from together_hooks.detect import context
from together_hooks.detect import engine
from together_hooks.detect.ownkeys import encoded_forms
from together_hooks.detect.scrub import Scrubber
from together_hooks.rules import TOGETHER_CONTEXT

SETTINGS = settings(
    max_examples=150, deadline=None, database=None,
    derandomize=True,
)


class EveryForm(Scrubber):
    """The scrubber as it was: every known form looked for in the whole
    text (``in``), not by its head in the runs that may hold one.  (Not
    every form whatever the text holds: ``_present`` also answers whether
    a decoded reading holds a key.)"""

    __slots__ = ()

    def _present(self, text: str) -> tuple[str, ...]:
        found = {form for form in self._known_forms() if form in text}
        return tuple(sorted(found, key=lambda form: (-len(form), form)))


def _encodings(secret: str, align: int) -> list[str]:
    raw = secret.encode()
    padded = b'\0' * align + raw
    return [
        secret,
        secret[7:] if secret.startswith('tgp_v1_') else secret[3:],
        base64.b64encode(padded).decode(),
        base64.urlsafe_b64encode(padded).decode(),
        ''.join(f'%{b:02X}' for b in raw),
        ''.join(f'%{b:02x}' for b in raw),
        quote(secret, safe=''),
        f'together_api_key = "{secret}"',
        secret[:20],  # a part alone is no form
    ]


FILLER = st.text(
    alphabet=st.sampled_from('abcXYZ019 _-+/=%:.\n\t"\'#[]{}()together'), max_size=40,
)


@st.composite
def reports(draw: st.DrawFn) -> tuple[list[str], list[str], str]:
    """(keys the scrubber knows, keys it does not, a text holding forms of
    both between filler)."""
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    makers = [make_key, make_hex, lambda r: 'own-' + make_hex(r)[:30] + '/+ä']
    keys = [draw(st.sampled_from(makers))(rng) for _ in range(draw(st.integers(1, 4)))]
    known = keys[:draw(st.integers(0, len(keys)))]
    pieces = [draw(FILLER)]
    for _ in range(draw(st.integers(0, 6))):
        secret = draw(st.sampled_from(keys))
        pieces.append(draw(st.sampled_from(_encodings(secret, draw(st.integers(0, 2))))))
        pieces.append(draw(FILLER))
    return known, keys[len(known):], ''.join(pieces)


@SETTINGS
@given(reports(), st.booleans(), st.booleans())
def test_scrubbing_only_the_forms_present_scrubs_what_every_form_does(report, commands, colours):
    known, _unknown, text = report
    cheap = Scrubber(known).scrub(text, commands, colours=colours)
    assert cheap == EveryForm(known).scrub(text, commands, colours=colours)
    assert leaks(known, cheap) == []


def test_a_scrubber_compiles_nothing_for_text_without_a_known_form():
    rng = random.Random(7)
    scrubber = Scrubber([make_key(rng), make_hex(rng)])
    text = 'src/app.py:3: together-api-key: tgp_v1_Ab…yz (hashed_secret ' + '0' * 40 + ')\n'
    assert scrubber.scrub(text) == text
    assert scrubber._regexes == {}


@SETTINGS
@given(st.binary(max_size=80))
def test_url_quoted_form_is_urllib_quote(raw):
    assert encoded_forms(raw)[0] == (quote(raw, safe='').encode('ascii'), 'url')


def _walker() -> context.Walker:
    c = TOGETHER_CONTEXT
    return context.Walker(c.mention, c.label, c.url, c.reach)


BINDINGS = [
    b'TOGETHER_URL = "https://api.together.xyz/v1"\n',
    b'base: str = \'http://api.together.ai/v1\'\n',
    b'cfg.endpoint: f"https://api.together.xyz"',
    b'url = "https://api.together.xyzzy/"\n',
    b'x = "https://api.together.example"\n',
    b'other = "https://example.com/v1"\n',
]


@SETTINGS
@given(
    st.lists(st.one_of(st.sampled_from(BINDINGS), st.binary(max_size=30)), max_size=8),
    st.integers(0, 400), st.integers(0, 400),
)
def test_endpoint_bindings_found_where_the_endpoint_is_are_all_of_them(parts, lo, hi):
    data = b''.join(parts)
    lo, hi = sorted((min(lo, len(data)), min(hi, len(data))))
    walker = _walker()
    full = [
        (m.start(), m.group('name').rsplit(b'.', 1)[-1])
        for m in walker.url.finditer(data, lo, hi)
    ]
    assert context._Index(_walker(), data, lo, hi).urls == full


@pytest.mark.parametrize(('sample', 'bound'), [(b, i < 3) for i, b in enumerate(BINDINGS)])
def test_the_binding_samples_bind_or_not(sample, bound):
    """The generated cases above hold both kinds."""
    assert bool(context._Index(_walker(), sample, 0, len(sample)).urls) == bound


LINES = [
    'TOGETHER_API_KEY = "{hex}"', 'api_key = "{hex}"', 'api_key: {hex}', 'export API_KEY={hex}',
    'base_url = "https://api.together.xyz/v1"', 'client = Together(', 'client = OpenAI(', ')',
    'together:', '  api_key: {hex}', 'url = "https://example.com"', 'key = "{key}"', '# notes',
    'headers = {{"Authorization": "Bearer {hex}"}}', 'TOGETHER_API_KEY=\\"{hex}\\"',
]


@SETTINGS
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.integers(0, 2 ** 32))
def test_skipping_the_walk_for_a_key_found_already_finds_the_same(lines, seed):
    rng = random.Random(seed)
    text = '\n'.join(
        line.format(hex=make_hex(rng), key=make_key(rng)) for line in lines
    ).encode()
    def found() -> list[tuple[object, ...]]:
        return [
            (f.line, f.column, f.rule, f.secret, f.encoding) for f in engine.scan_bytes(text, 'f.py')
        ]
    cheap = found()
    walk_all = engine._secret_of

    def walk(data, m, pattern, rule, walkers, original, had):
        return walk_all(data, m, pattern, rule, walkers, original, set())
    engine._secret_of = walk
    try:
        full = found()
    finally:
        engine._secret_of = walk_all
    assert cheap == full
