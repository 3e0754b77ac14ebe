"""Every rule's own samples: true positives found, false positives not."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.keys import fill
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import KEY_PREFIX
from together_hooks.rules import RULES

TRUE_POSITIVES = [
    (rule.id, sample) for rule in RULES for sample in rule.true_positives
]
FALSE_POSITIVES = [
    (rule.id, sample) for rule in RULES for sample in rule.false_positives
]


# The seeds each sample is filled with: five keys of each kind, the same
# five for every sample (their failure names the seed).  Twenty were tried
# before, 22,640 engine calls a run for what five of them prove: seeds
# 0-19 make ordinary keys alike (none starts or ends with ``-`` or ``_``,
# each hex key mixes letters and digits), and every mutation naming this
# file that the twenty caught, the first five catch (docs/testing.md,
# "Session 32 (suiteC32)").  Keys ending in `-` or `_` have tests of their own
# (``detect/detect_test.py``, ``baseline/baseline_test.py``).
SEEDS = range(5)


@pytest.mark.parametrize(('rule_id', 'sample'), TRUE_POSITIVES)
def test_true_positive(rule_id, sample):
    for seed in SEEDS:
        text, key = fill(sample, random.Random(seed))
        findings = scan_bytes(text.encode(), 'sample.txt')
        got = [(f.rule, f.hashed_secret) for f in findings]
        assert got == [(rule_id, hash_secret(key))], (sample, seed)


@pytest.mark.parametrize(('rule_id', 'sample'), FALSE_POSITIVES)
def test_false_positive(rule_id, sample):
    for seed in SEEDS:
        text, _key = fill(sample, random.Random(seed))
        assert scan_bytes(text.encode(), 'sample.txt') == [], (sample, seed)


def test_make_key_is_a_choice_a_character():
    """``tests/keys.make_key`` draws a key's characters in C; its keys, and
    the generator it leaves, are those of a ``choice`` a character (every
    test's keys stay what they were)."""
    from tests.keys import KEY_ALPHABET

    for seed in range(300):
        ours, theirs = random.Random(seed), random.Random(seed)
        for last in (None, '-', None):
            body = ''.join(theirs.choice(KEY_ALPHABET) for _ in range(43))
            body = body if last is None else body[:-1] + last
            assert make_key(ours, last) == KEY_PREFIX.decode() + body
            assert ours.getstate() == theirs.getstate()


def test_every_rule_has_samples():
    for rule in RULES:
        assert len(rule.true_positives) >= 3
        assert len(rule.false_positives) >= 3
        assert rule.help and rule.description and rule.keywords


def test_rule_ids_unique():
    assert len({r.id for r in RULES}) == len(RULES)


def test_pattern_keywords_are_in_every_match_and_every_pattern_is_exercised():
    """A pattern's ``keyword`` gates whether its regex runs at all, so each
    match of it in the rule's true positives must hold the keyword; and
    every pattern must find at least one of its rule's true positives."""
    for rule in RULES:
        for pattern in rule.patterns:
            matched = 0
            for sample in rule.true_positives:
                text, _key = fill(sample, random.Random(0))
                for m in pattern.regex.finditer(text.encode()):
                    matched += 1
                    if pattern.keyword is not None:
                        assert pattern.keyword in m.group(), (rule.id, sample)
            assert matched, (rule.id, pattern.regex.pattern[:60])


def test_escape_marks_are_the_key_prefixes_marks():
    """A prefixed rule's escape marks are its prefix's, and what mail
    encoded-words cutting it hold (``codec.word_cut_marks``), those
    holding an anchor the screen searches without them (a mark holding
    none would be a pass more over every file); a named rule's
    (the legacy key's) are each two adjacent characters of one of its
    names written every-escaped (``codec.every_escaped_marks``), each
    holding ``0``, an anchor the grouped route searches already."""
    from together_hooks.detect.codec import escape_marks
    from together_hooks.detect.codec import every_escaped_marks
    from together_hooks.detect.codec import word_cut_marks
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.detect.prefilter import _anchors

    for rule in RULES:
        if rule.escape_marks and rule.patterns[0].keyword is not None:
            keyword = rule.patterns[0].keyword
            words = set(rule.escape_marks) - escape_marks(keyword)
            others = tuple(n for n in keyword_screen(RULES).keywords if n not in words)
            anchors = b''.join(_anchors(others))
            assert words == word_cut_marks(keyword, anchors), rule.id
            assert set(b''.join(_anchors(keyword_screen(RULES).keywords))) == set(anchors)
        elif rule.escape_marks:
            pairs = {m for k in rule.keywords for a, b in zip(k, k[1:]) for m in every_escaped_marks(a, b)}
            assert set(rule.escape_marks) <= pairs, (rule.id, set(rule.escape_marks) - pairs)
            assert all(b'0' in mark for mark in rule.escape_marks), rule.id


def _anchors_without_nested_names() -> set[int]:
    # The screen's anchors without the legacy names' UTF-16LE and
    # twice-encoded base64 forms: those forms add no group (no pass).
    from together_hooks.detect.codec import b64_forms
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.detect.prefilter import _anchors

    nested = {
        f for name in (b'OGETHER', b'ogether')
        for f in (*b64_forms(name.decode().encode('utf-16-le')), *(g for inner in b64_forms(name) for g in b64_forms(inner)))
    }
    needles = keyword_screen(RULES).needles
    return set(b''.join(_anchors(tuple(n for n in needles if n not in nested))))


_ANCHORS_WITHOUT_NESTED_NAMES = _anchors_without_nested_names()


def test_the_legacy_names_nested_forms_add_no_anchor_group():
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.detect.prefilter import _anchors

    assert set(b''.join(_anchors(keyword_screen(RULES).needles))) == _ANCHORS_WITHOUT_NESTED_NAMES


def test_b64_keywords_are_each_keyword_inside_base64():
    """A rule's written-out base64 keyword forms are exactly what its
    keywords look like inside base64; a keyword that is itself base64
    ("dGdwX3Yx", a key's prefix encoded; "ZEdkd1gzWX", encoded twice) has
    its own forms too: a value encoded twice, three times.  A key's prefix
    also has its hex text's forms (base64 of ``xxd -p``) and its UTF-16LE text's forms (``-EncodedCommand``); the legacy
    rule's names have their UTF-16LE forms, and their forms encoded
    again where that holds an anchor the screen searches already."""
    from together_hooks.detect.codec import b64_forms

    for rule in RULES:
        forms = {k: b64_forms(k) for k in rule.keywords}
        wide = {
            f for k in rule.keywords if k in (KEY_PREFIX, b'OGETHER', b'ogether')
            for f in b64_forms(k.decode('latin-1').encode('utf-16-le'))
        }
        named_twice = {
            f for k in rule.keywords if k in (b'OGETHER', b'ogether') for inner in forms[k]
            for f in b64_forms(inner) if set(f) & _ANCHORS_WITHOUT_NESTED_NAMES
        }
        assert len(named_twice) == 16 or not named_twice
        # The prefix's forms that are no keyword, encoded again, where the
        # form holds an anchor the screen searches already (no pass more).
        again = {
            f for k in rule.keywords if k == KEY_PREFIX
            for inner in forms[k] if inner[:8] not in rule.keywords
            for f in b64_forms(inner) if any(a in f for a in (b'G', b'H', b'Q', b'V', b'Z', b'g'))
        }
        assert again == {b'BaM0JmZGpGZ', b'MFozQmZkakZm', b'wWjNCZmRqRm', b'SbmNGOTJNV', b'Um5jRjkyTV'} or not again
        # The prefix as hex text (``xxd -p``, ``.hex()``) inside base64.
        hexed = {f for k in rule.keywords if k == KEY_PREFIX for f in b64_forms(k.hex().encode())}
        assert set(rule.b64_keywords) == {f for k in rule.keywords for f in forms[k]} | wide | again | hexed | named_twice, rule.id



def test_radix_keywords_are_the_forms_holding_an_anchor_of_the_screen():
    """A rule's base32 forms are what its text keywords (a key's prefix, a
    Together name) look like inside base32 at the byte alignments whose
    form holds an anchor the keyword screen searches without them; its
    base85 forms the same for the key's prefix (``codec.b32_forms``,
    ``b85_forms``).  A form holding none would add an anchor group, a
    pass over every byte (docs/detection.md); base64 inside base32 is not
    read."""
    from together_hooks.detect.codec import b32_forms
    from together_hooks.detect.codec import b85_forms
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.detect.prefilter import Keywords
    from together_hooks.detect.prefilter import _anchors

    radix = {f for rule in RULES for f in (*rule.b32_keywords, *rule.b85_keywords)}
    screen = Keywords(tuple(n for n in keyword_screen(RULES).needles if n not in radix))
    anchors = set(b''.join(_anchors(screen.keywords)))
    assert set(b''.join(_anchors(keyword_screen(RULES).keywords))) == anchors
    for rule in RULES:
        texts = [k for k in rule.keywords if k.lower() in (KEY_PREFIX, b'ogether')]
        assert texts, rule.id
        b32 = {f for k in texts for f in b32_forms(k)}
        assert set(rule.b32_keywords) == {f for f in b32 if set(f) & anchors}, rule.id
        b85 = {f for k in texts if k == KEY_PREFIX for f in b85_forms(k)}
        assert set(rule.b85_keywords) == {f for f in b85 if set(f) & anchors}, rule.id

# Runs of value characters (hex, base64 with ``+`` and ``/``) near a
# value's length, between other value-like bytes: a run of 86 base64
# characters drawn one byte at a time never comes.
VALUE_SHAPED = st.lists(
    st.one_of(
        st.text(alphabet=st.sampled_from('0123456789abcdef'), min_size=60, max_size=70),
        st.text(alphabet=st.sampled_from('0123456789abcdefABCXYZ+/'), min_size=80, max_size=92),
        st.text(alphabet=st.sampled_from('0123456789abcdefABCXYZ+/_-= \n'), max_size=8),
    ),
    max_size=8,
).map(lambda parts: ''.join(parts).encode())


def _value_matches_hold_the_run(texts: list[bytes]) -> None:
    for rule in RULES:
        if rule.value_run is None:
            continue
        chars, n = rule.value_run
        run = re.compile(b'[' + chars + b']{%d}' % n)
        for text in texts:
            for m in rule.value.finditer(text):
                assert run.search(m.group()), (rule.id, m.group()[:8])


def test_every_value_match_holds_the_rules_value_run():
    """``value_run`` lets the engine pass over a stretch without a run of
    its characters, so every match of ``value`` must hold one: on every
    true positive (filled once: they are the same for every generated
    text below)."""
    _value_matches_hold_the_run([
        fill(s, random.Random(0))[0].encode() for rule in RULES for s in rule.true_positives
    ])


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(VALUE_SHAPED)
def test_every_value_match_holds_the_rules_value_run_on_any_text(data):
    """... and on generated runs of value-like characters."""
    _value_matches_hold_the_run([data])


def test_value_run_is_given_where_a_value_is():
    assert [r.id for r in RULES if r.value is not None] == [r.id for r in RULES if r.value_run]


def _group(node: list, index: int) -> list | None:  # type: ignore[type-arg]
    """The parsed body of group ``index`` in ``node`` (``re._parser``)."""
    for item in node:
        op, av = item
        subs = {
            'SUBPATTERN': lambda: [av[3]], 'MAX_REPEAT': lambda: [av[2]], 'MIN_REPEAT': lambda: [av[2]],
            'POSSESSIVE_REPEAT': lambda: [av[2]], 'BRANCH': lambda: av[1], 'ASSERT': lambda: [av[1]],
            'ASSERT_NOT': lambda: [av[1]], 'ATOMIC_GROUP': lambda: [av],
            'GROUPREF_EXISTS': lambda: [b for b in av[1:] if b is not None],
        }.get(str(op), lambda: [])()
        if str(op) == 'SUBPATTERN' and av[0] == index:
            return av[3]  # type: ignore[no-any-return]
        for sub in subs:
            found = _group(sub, index)
            if found is not None:
                return found
    return None


def _class_bytes(item: tuple) -> set[int] | None:  # type: ignore[type-arg]
    """The bytes one parsed item (a literal, or a set of literals and
    ranges) matches; None for anything else."""
    op, av = item
    if str(op) == 'LITERAL':
        return {av}
    if str(op) != 'IN':
        return None
    out: set[int] = set()
    for sop, sav in av:
        if str(sop) == 'LITERAL':
            out.add(sav)
        elif str(sop) == 'RANGE':
            out |= set(range(sav[0], sav[1] + 1))
        else:
            return None  # a negated set, a category: not provably inside
    return out


def test_every_patterns_key_holds_the_rules_value_run():
    """A reading without a rule's value run is passed over
    (``engine._valued``), and so are the stretches of a file without one
    (``engine._spans``): every key any pattern can match (group
    ``secret``, or ``encoded``), not only the samples' keys, must hold the
    run.  Read from each regex itself: a repeat of at least n bytes of the
    run's characters stands at the group's top level.  (A CSV or table
    pattern runs on rows no value opened: only this holds its keys to the
    run.)"""
    import re._parser as parser  # type: ignore[import-not-found]

    for rule in RULES:
        if rule.value_run is None:
            continue
        chars, n = rule.value_run
        inside = re.compile(b'[' + chars + b']')
        allowed = {b for b in range(256) if inside.match(bytes((b,)))}
        for i, pattern in enumerate(rule.patterns):
            regex = pattern.regex
            tree = parser.parse(regex.pattern)
            groups = [g for g in ('secret', 'encoded') if g in regex.groupindex]
            assert groups, (rule.id, i)
            for name in groups:
                body = _group(list(tree), regex.groupindex[name])
                assert body is not None, (rule.id, i, name)
                runs = [
                    av[0] for op, av in body
                    if str(op) in ('MAX_REPEAT', 'MIN_REPEAT', 'POSSESSIVE_REPEAT') and len(av[2]) == 1
                    and (chars_of := _class_bytes(list(av[2])[0])) is not None and chars_of <= allowed
                ]
                assert runs and max(runs) >= n, (rule.id, i, name, body)


def test_pattern_keywords_are_rule_keywords():
    """The engine tests a pattern's keyword from where the one pass found
    its rule's keywords (``Keywords.where``): a keyword of its own would
    never be found there."""
    for rule in RULES:
        for pattern in rule.patterns:
            assert pattern.keyword is None or pattern.keyword in rule.keywords, rule.id


# Lists of keys (a rotation: the new key beside the old ones), every item
# a key; ``{}`` marks each item.  Each list must be found whole: regex
# matches do not overlap, so a regex consuming a list's name finds one of
# its items only.
KEY_LISTS = (
    'together:\n  keys:\n    - {}\n    - {}\n    - {}\n    - {}\n',
    'together:\n  api_keys:\n  - "{}"\n  - "{}"\n  - "{}"\n',
    'together:\n  tokens:  # rotated monthly\n    - {}\n    # old\n    - {}\n    - {}\n',
    '## Together AI\n\nkeys:\n- {}\n- {}\n- {}\n',
    'together:\n  keys: [{}, {}, {}]\n',
    'together:\n  api_keys: ["{}", "{}", "{}", "{}"]\n',
    '{{"together": {{"keys": ["{}", "{}", "{}"]}}}}\n',
    '{{\n  "together": {{\n    "keys": [\n      "{}",\n      "{}",\n      "{}"\n    ]\n  }}\n}}\n',
    '[together]\nkeys = ["{}", "{}", "{}"]\n',
    '[together]\napi_keys = [\n  "{}",\n  "{}",\n  "{}",\n]\n',
)
# The same lists' shapes holding digests, under Together's name.
DIGEST_LISTS = (
    'together:\n  checksums:\n    - {}\n    - {}\n    - {}\n',
    'together:\n  sha256:\n  - {}\n  - {}\n  - {}\n',
    'together:\n  version: 1.2.0\n  digests:\n    - {}\n    - {}\n    - {}\n',
    'packages:\n  together:\n    version: 1.2.0\n    hashes: [{}, {}, {}]\n',
    '[together]\nsha256 = ["{}", "{}", "{}"]\n',
    '{{"together": {{"checksums": ["{}", "{}", "{}"]}}}}\n',
    'together:\n  public_keys:\n    - {}\n    - {}\n    - {}\n',
)


@pytest.mark.parametrize('make', [make_hex, make_key], ids=['legacy', 'current'])
@pytest.mark.parametrize('template', KEY_LISTS)
def test_every_key_of_a_list_is_found(template, make):
    for seed in range(5):
        rng = random.Random(seed)
        keys = [make(rng) for _ in range(template.count('{}'))]
        text = template.format(*keys)
        got = [f.hashed_secret for f in scan_bytes(text.encode(), 'config.yaml')]
        assert got == [hash_secret(k) for k in keys], (template, seed)


@pytest.mark.parametrize('template', DIGEST_LISTS)
def test_a_list_of_digests_under_together_is_clean(template):
    for seed in range(5):
        rng = random.Random(seed)
        text = template.format(*(make_hex(rng) for _ in range(template.count('{}'))))
        assert scan_bytes(text.encode(), 'config.yaml') == [], (template, seed)


def _export(rows_above: int, row: str, header: str = 'Title,Website,Username,Password,Notes') -> str:
    """A password manager's CSV export, ``rows_above`` other items between
    the header and ``row``; some fields quoted, with commas inside."""
    rng = random.Random(rows_above)
    lines = [header]
    for i in range(rows_above):
        lines.append(f'"Site {i}, shared",https://s{i}.example.com,user{i},{make_hex(rng)[:20]},"a, b"')
    return '\n'.join([*lines, row, 'GitHub,https://github.com,me,pw,']) + '\n'


@pytest.mark.parametrize(('rows_above', 'row'), [
    # The header 5-20 KB above (a big export).
    (100, 'Together AI,https://api.together.xyz,ml-team,{},'),
    (400, '"Together AI",https://api.together.xyz,ml-team,"{}",rotated'),
    # Quoted fields holding commas before the key's column.
    (2, '"Together, prod","https://api.together.xyz/v1, dashboard",ml-team,{},"x, y"'),
    (3, '"Together AI","ml, team",,"{}",'),
])
def test_a_csv_exports_credential_column_is_found(rows_above, row):
    for seed in range(5):
        key = make_hex(random.Random(seed))
        text = _export(rows_above, row.format(key))
        got = [f.hashed_secret for f in scan_bytes(text.encode(), 'export.csv')]
        assert got == [hash_secret(key)], (rows_above, row, seed)


@pytest.mark.parametrize(('rows_above', 'row'), [
    # Not the credential column: a quoted comma must not shift the count.
    (2, '"Together, prod",https://api.together.xyz,"{}",pw,'),
    (100, 'Together AI,https://api.together.xyz,ml-team,,{}'),
    # Not a row naming Together.
    (100, 'GitLab,https://gitlab.com,me,{},'),
    (2, '"Working together, GitLab",https://gitlab.com,me,{},'),
])
def test_a_csv_exports_other_columns_stay_clean(rows_above, row):
    for seed in range(5):
        key = make_hex(random.Random(seed))
        text = _export(rows_above, row.format(key))
        assert scan_bytes(text.encode(), 'export.csv') == [], (rows_above, row, seed)


def test_a_csv_header_nearer_than_the_first_line_rules():
    key = make_hex(random.Random(1))
    text = ('Title,Website,Username,Password\nA,https://a.example,me,pw\n\n'
            'name,url,sha256,password\n'
            f'Together,https://api.together.xyz,{key},\n')
    assert scan_bytes(text.encode(), 'export.csv') == []


def test_every_csv_header_holds_one_of_the_header_words():
    """``detect.csvrow`` rules out a line holding none of
    ``CSV_HEADER_WORDS`` without the header regex: each of the regex's
    alternatives holds one."""
    import re as _re

    from together_hooks.rules import _CSV_CREDENTIAL
    from together_hooks.rules import CSV_HEADER_WORDS

    source = _CSV_CREDENTIAL[0]
    assert source.startswith('(?i:') and source.endswith(')')
    for alternative in source[4:-1].split('|'):
        assert any(w.decode() in alternative.lower() for w in CSV_HEADER_WORDS), alternative
    header = _re.compile(source)
    for name in ('Password', 'login_password', 'API Key', 'api-key', 'ApiKey', 'SECRET', 'Token', 'credential'):
        assert header.fullmatch(name), name
        assert any(w in name.lower().encode() for w in CSV_HEADER_WORDS), name


@pytest.mark.parametrize('delimiter', [',', '\t', ' | '])
def test_a_tables_header_far_above_still_names_the_column(delimiter):
    """The header within 64 lines above a row, other rows between (each
    holding no header word); past that, the file's first line."""
    for seed in range(3):
        rng = random.Random(seed)
        key = make_hex(rng)
        head = delimiter.join(['provider', 'api_key', 'created_at'])
        rows = [delimiter.join(['other', make_hex(rng), '2024-05-01']) for _ in range(50)]
        text = '\n'.join([head, *rows, delimiter.join(['together', key, '2024-05-01'])]) + '\n'
        got = [f.hashed_secret for f in scan_bytes(text.encode(), 'dump.txt')]
        assert got == [hash_secret(key)], (delimiter, seed)


# Pieces of names around a mapping of keys by provider: the words of the
# legacy rule's mapping branch, purposes it refuses, prefixes at and past
# its 30-character bound, and what may follow the name.
_MAPPING_PIECES = (
    'api', 'api_', '_', 'keys', 'Keys', 'secrets', 'Tokens', 'credentials', 'Creds', 'creds',
    'cache', 'hash', 'sha256', 'lock', 'x' * 29, 'y' * 30, 'z' * 31, 'A', '0', '-', ' ',
    '[', '[:', '["', "['", '.', 'together', 'TOGETHER', 'Together', 'ai', '_ai', '"', "'", ']',
)
_MAPPING_VALUES = (' = "', '=', ': ', '["together"] = \'', '.together = "', '[:together] = "',
                   # (session 34, mut34: the other quote, the provider in capitals)
                   "['together'] = '", '["TOGETHER"] = "', '.Together = "')


def test_the_legacy_mapping_gate_changes_no_match():
    """``rules._MAPPING_GATE`` only says sooner what the mapping branch
    of the legacy names needs (docs/performance.md, "Issue 17, session 33
    (perfT33)"): every pattern holding it finds the same spans and groups
    as that pattern without it, on seeded names of every length around
    the branch's bounds (the longest name, one character past it), of
    every purpose and after every separator, each before a legacy key."""
    from together_hooks.rules import _MAPPING_GATE

    pairs = [
        (p.regex, re.compile(p.regex.pattern.replace(_MAPPING_GATE, b''), p.regex.flags))
        for rule in RULES for p in rule.patterns if _MAPPING_GATE in p.regex.pattern
    ]
    assert pairs
    rng = random.Random(33)
    # (first the bounds: the longest name, 46 characters, and one past it)
    names = [p + '_api_credentials' for p in ('y' * 30, 'z' * 31)] + [
        ''.join(rng.choice(_MAPPING_PIECES) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    found = 0
    for i, name in enumerate(names):
        if i < 2:
            for value in _MAPPING_VALUES:
                _same_matches(pairs, (name + value + make_hex(rng) + '"').encode())
        text = (name + rng.choice(_MAPPING_VALUES) + make_hex(rng) + rng.choice('"\'\n')).encode()
        found += _same_matches(pairs, text)
    assert found > 100  # the names reach the branch's matches, not only its misses


def _same_matches(pairs: list[tuple[re.Pattern[bytes], re.Pattern[bytes]]], text: bytes) -> int:
    """How many of ``pairs`` match ``text``, each pair's two patterns
    failing the test unless they give the same matches."""
    found = 0
    for gated, plain in pairs:
        got = [(m.span(), m.groupdict()) for m in gated.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text
        found += bool(got)
    return found
