"""review36b: keys in tag characters that leak36's reading missed.

leak36 read tag characters (U+E0020-E007E, "ASCII smuggling") and
variation selectors as the letters and bytes they encode, but only in
the line as shown and its backslash escapes, and never folded after: a
key in tag characters each carrying a combining mark, or written as
percent-encoded UTF-8, HTML references (``&#xE0074;``, ``&#917620;``) or
JavaScript's ``\\u{E0074}``, was echoed whole.  Decoys: a flag's tag
sequence and an emoji's presentation selector in the same spellings print
as given.  docs/hardening.md, "Session 36 (review36b)".
"""
from __future__ import annotations

import html
import random
import re
import unicodedata
import urllib.parse

import pytest

from tests.cli_run import run_in_process
from tests.keys import make_key
from tests.leak_probe36_test import _environ
from tests.leak_probe36_test import _new_repo
from tests.leak_probe36_test import _tag_letters
from tests.leak_probe36_test import seen
from tests.leak_probe36_test import terminal

_RNG = random.Random('review36b-tags')
KEY = make_key(_RNG)


def _tag(c: str) -> int:
    return 0xe0000 + ord(c)


SPELLINGS = {
    'tags-each-marked': lambda k: ''.join(chr(_tag(c)) + '\u0301' for c in k),
    'tags-percent-encoded': lambda k: urllib.parse.quote(''.join(chr(_tag(c)) for c in k)),
    'tags-html-hex': lambda k: ''.join('&#x%X;' % _tag(c) for c in k),
    'tags-html-decimal': lambda k: ''.join('&#%d;' % _tag(c) for c in k),
    'tags-js-braces': lambda k: ''.join('\\u{%X}' % _tag(c) for c in k),
}


def _js(text: str) -> str:
    return re.sub(r'\\u\{([0-9a-fA-F]{1,6})\}', lambda m: chr(int(m.group(1), 16)), text)


def _read(texts: list[str]) -> list[str]:
    """Every text as shown, and as a reader decodes it (percent, HTML,
    JavaScript's braces), then as a terminal draws it and with its tag
    characters read as their letters."""
    out = []
    for text in texts:
        for form in (text, urllib.parse.unquote(text), html.unescape(text), _js(text)):
            out += [form, terminal(form), _tag_letters(form)]
    return out


@pytest.fixture(scope='module')
def repo(tmp_path_factory):
    return _new_repo(tmp_path_factory.mktemp('r36b') / 'repo')


@pytest.mark.parametrize('name', list(SPELLINGS))
def test_a_key_in_tag_characters_spelt_another_way_is_not_echoed(repo, name):
    spelt = SPELLINGS[name](KEY)
    runs = [run_in_process('together-hooks', 'scan', '--format', spelt, cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', f'no/{spelt}.txt', cwd=repo, env=_environ())]
    texts = [t for r in runs for t in (r.out, r.err)]
    assert [r.rc for r in runs] == [2, 2], texts
    assert not any('Traceback' in t or 'internal error' in t for t in texts), texts
    assert seen([KEY], *_read(texts)) == [], texts
    assert '--format' in texts[1] and 'no/' in texts[3], texts


DECOYS = {
    # Scotland's flag (its tag sequence) and a heart with VS16, spelt so
    'flag-html-hex': '&#x1F3F4;' + ''.join('&#x%X;' % _tag(c) for c in 'gbsct') + '&#xE007F;',
    'flag-percent': urllib.parse.quote('\U0001f3f4' + ''.join(chr(_tag(c)) for c in 'gbsct') + '\U000e007f'),
    'heart-js-selector': '\\u{2764}\\u{FE0F} together',
    'heart-html-decimal': '&#10084;&#65039; together',
}


@pytest.mark.parametrize('name', list(DECOYS))
def test_a_tag_sequence_spelt_another_way_is_echoed_as_given(repo, name):
    given = DECOYS[name]
    r = run_in_process('together-hooks', 'scan', '--format', given, cwd=repo, env=_environ())
    assert r.rc == 2 and (given in r.err or given.replace('\\', '\\\\') in r.err), r.err
    assert 'REDACTED' not in r.err.upper() and '***' not in r.err, r.err


# --- which marks send a line to the folded reading ----------------------------

_CYRILLIC = str.maketrans('aceopxyABCEHKMOPTX', 'асеорхуАВСЕНКМОРТХ')


@pytest.mark.parametrize('spell', [
    # (a mark on each Cyrillic twin only: no other letter marks the line)
    lambda k: ''.join(c + '\u0301' if c != o else c for c, o in zip(k.translate(_CYRILLIC), k)),
    lambda k: ''.join(c + '\u0332' for c in unicodedata.normalize('NFC', ''.join(c + '\u0301' for c in k))),
    lambda k: ''.join(chr(ord(c) + 0xfee0) + '\u0336' if c.isalnum() else c for c in k),
], ids=['cyrillic-look-alikes-marked', 'precomposed-then-underlined', 'fullwidth-struck'])
def test_a_key_of_letters_drawn_as_latin_under_marks_is_not_echoed(repo, spell):
    """A mark on a letter a reader takes for an ASCII one (a Cyrillic
    twin, a precomposed ``é``, a fullwidth letter) still sends its line to
    the folded reading."""
    spelt = spell(KEY)
    assert spelt != KEY and '\u0301' in spelt + unicodedata.normalize('NFD', spelt) or '\u0336' in spelt
    runs = [run_in_process('together-hooks', 'scan', '--format', spelt, cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', f'no/{spelt}.txt', cwd=repo, env=_environ())]
    texts = [t for r in runs for t in (r.out, r.err)]
    assert [r.rc for r in runs] == [2, 2], texts
    assert seen([KEY], *_read(texts)) == [], texts


@pytest.mark.parametrize('text, marked', [
    ('नमस्ते दुनिया', False),  # Devanagari's vowel signs and virama
    ('שָׁלוֹם עוֹלָם', False),  # Hebrew's points
    ('สวัสดี', False),  # Thai's vowel signs
    ('مَرْحَبًا', False),  # Arabic's harakat
    ('t\u0301', True),
    ('\u0430\u0301', True),  # Cyrillic a, a Latin twin
    ('\u00e9\u0332', True),  # precomposed, then underlined
    ('\uff54\u0301', True),  # fullwidth t
    ('1\u20e3', True),  # a keycap on a digit
], ids=['devanagari', 'hebrew', 'thai', 'arabic', 'latin', 'cyrillic-twin', 'precomposed', 'fullwidth', 'keycap'])
def test_only_marks_on_letters_read_as_latin_make_a_line_marked(text, marked):
    """A mark on another script's letter hides no key: its line is not
    read once more (a report of 10,000 Devanagari lines: 3x the scrub)."""
    from together_hooks.detect.scrub import _marked

    assert _marked(text) is marked
    assert _marked(unicodedata.normalize('NFKD', text)) is marked
