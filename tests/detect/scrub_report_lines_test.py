"""A report's lines are not scrubbed one by one when nothing in them can
read otherwise (``Scrubber._still``): a SARIF report of 1,000 keys has
~40,000 lines, of which ~3,700 name Together, and each line's own scrub
ran the engine on it (``_in_context``) before the whole text was scrubbed
again.  What is shown stays the same: the scrub with the shortcut and
without it (``_Reference``) agree on seeded report-like texts, keys in
every form among them."""
from __future__ import annotations

import base64
import random
import sys
from urllib.parse import quote

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect.scrub import Scrubber
from together_hooks.findings import hash_secret
from together_hooks.findings import redact


class _Reference(Scrubber):
    """The scrub as it was: every line read again (``_rejoined``)."""
    __slots__ = ()

    def _still(self, line: str) -> bool:
        return False


def _scans(func) -> int:
    """How many times ``func`` runs the engine (``engine.scan_bytes``)."""
    count = 0
    code = engine.scan_bytes.__code__

    def profile(frame, event, arg):
        nonlocal count
        if event == 'call' and frame.f_code is code:
            count += 1

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return count


def _report(keys: list[str], lines: int) -> str:
    """A SARIF-like report: a message naming Together for each finding,
    and a URI with ``%`` (a reading starts from it: each line is looked at)."""
    out = ['{', '  "runs": [{"results": [']
    for i in range(lines):
        key = keys[i % len(keys)]
        out += [
            '    {',
            f'      "text": "Together API key {redact(key)} (hashed_secret {hash_secret(key)}), '
            f'added in commit 3a4b629638a6 by D <d@e.com> on 2026-12-02T11:01:22+00:00.",',
            f'      "uri": "src/file%20{i}.py", "uriBaseId": "%SRCROOT%"',
            '    },',
        ]
    return '\n'.join(out + ['  ]}]', '}', ''])


@pytest.mark.parametrize('lines', [10, 40])
def test_a_report_runs_the_engine_once_not_once_a_line(lines):
    rng = random.Random(lines)
    keys = [make_key(rng) for _ in range(5)] + [make_hex(rng) for _ in range(5)]
    text = _report(keys, lines)
    shown: list[str] = []
    # The whole text's context check, and no more (one a line naming
    # Together before: 11 and 41).
    assert _scans(lambda: shown.append(Scrubber(keys).scrub(text))) == 1
    assert shown[0] == _Reference(keys).scrub(text) == text


def _line(rng: random.Random, keys: list[str]) -> str:
    key = rng.choice(keys)
    hexkey = make_hex(rng)
    other = make_key(rng)
    forms = [
        f'Together API key {redact(key)} (hashed_secret {hash_secret(key)})',
        f'"uri": "src/{quote(key)}%20x.py", "uriBaseId": "%SRCROOT%"',
        f'path: {key[:20]}/{key[20:]}/x.py',
        f'TOGETHER_API_KEY={hexkey}',
        f'TOGETHER_API_KEY={hexkey.upper()}',
        f'key = "{other[:25]}" + "{other[25:]}"',
        f'b64: {base64.b64encode(key.encode()).decode()}',
        f'escaped: {key[:9]}\\u200b{key[9:]}',
        f'utf7: {key.replace("_", "+AF8-")}',
        f'ansi: {key[:12]}\x1b[1m{key[12:]}',
        f'wide: {key[:10].translate({c: c + 0xfee0 for c in range(0x21, 0x7f)})}{key[10:]}',
        f'amp: {key[:8]}&#95;{key[9:]}',
        f'date +00:00 {redact(key)} {key[-20:]}',
        f'+AF{hexkey[1:]}',
        f'- {other[7:30]}',
        f'  {other[30:]}',
        'A Together AI API key. Rotate it at https://api.together.xyz/settings/api-keys.',
    ]
    return rng.choice(forms)


@pytest.mark.parametrize('seed', range(3))
def test_the_shortcut_shows_what_reading_every_line_shows(seed):
    rng = random.Random(seed)
    keys = [make_key(rng) for _ in range(3)] + [make_hex(rng) for _ in range(2)]
    # A known value whose shown ends a reading starts from (an own key or
    # token of any shape): no shortcut then (``_odd_shown``).
    odd = ['AF8' + make_hex(rng)[:30], 'ab%' + make_hex(rng)[:30] + '\\n']
    for known in (keys, keys + odd[:1], keys + odd[1:]):
        # One pair a run: what each learns from a text stays the same too.
        fast, reference = Scrubber(known), _Reference(known)
        for _ in range(12):
            text = '\n'.join(_line(rng, keys) for _ in range(rng.randint(1, 8)))
            assert fast.scrub(text) == reference.scrub(text), text
        assert fast._known == reference._known


def test_a_known_value_with_odd_ends_takes_no_shortcut():
    scrubber = Scrubber(['AF8' + 'x' * 30])
    assert not scrubber._still('+00:00 and more')
    assert Scrubber(['plain' + 'x' * 30])._still('+00:00 and more')
    assert not Scrubber()._still('a +AF8- b')
    assert not Scrubber()._still('%SRCROOT%')
    assert not Scrubber()._still('caf\u00e9')
    assert Scrubber()._still('tgp_v1_Ab\u2026yz')


def _hostile(rng: random.Random, key: str) -> str:
    """``key`` in a form a reading may undo, cut, glued or near one."""
    cuts = sorted(rng.sample(range(1, len(key)), rng.randint(1, 4)))
    pieces = [key[a:b] for a, b in zip([0, *cuts], [*cuts, len(key)])]
    hexed = key.encode().hex()
    glue = rng.choice(['\n', '\n# ', '\n+ ', '\n- ', '\n[job 1] ', ' ', '" + "', '\\n', '\r\n'])
    forms = [
        key, key.upper(), glue.join(pieces), key.replace('_', '+AF8-'), '+AF' + key[3:],
        'AF8' + key, '-' + key + '-', '_' + key + '_', f'x{key}Ab',
        base64.b32encode(key.encode()).decode(), base64.b64encode(key.encode()).decode(),
        ' '.join(hexed[i:i + 2] for i in range(0, len(hexed), 2)), hexed.upper(),
        key.replace('_', '=5F'), ''.join(f'#{ord(c)};' if rng.random() < .2 else c for c in key),
        ''.join(f'&#{ord(c)};' if rng.random() < .2 else c for c in key),
        quote(key, safe=''), f'{key[:10]}\x1b[1m{key[10:]}', f'{key[:20]}\u200b{key[20:]}',
        f'TOGETHER_API_KEY={key}', f'TOGETHER_API_KEY={key.upper()}', f'Together {redact(key)} {key[-30:]}',
    ]
    return rng.choice(forms)


@pytest.mark.parametrize('seed', range(2))
def test_the_shortcut_shows_the_same_on_hostile_texts(seed):
    """Keys cut across lines, encoded, glued to runs, in capitals, with
    known values learnt on the way, among lines with and without
    anything a reading starts from: the same shown both ways."""
    rng = random.Random(100 + seed)
    keys = [make_key(rng) for _ in range(2)] + [make_hex(rng) for _ in range(2)]
    plain = ['{', '  "uri": "src/a.py",', 'plain words', '+00:00 by D', 'Together AI key', '']
    for known in ([], keys[:1], keys[2:], ['AF8' + make_hex(rng)[:30], *keys[:1]]):
        for _ in range(40):
            # A new pair a text: a key learnt from one text is caught by
            # its pieces in the next, whatever the shortcut did.
            fast, reference = Scrubber(known), _Reference(known)
            lines = [
                _hostile(rng, rng.choice(keys)) if rng.random() < .5 else rng.choice(plain)
                for _ in range(rng.randint(1, 8))
            ]
            text = rng.choice(['\n', '\\n']).join(lines) + rng.choice(['', '\n%SRCROOT%', '\ncaf\u00e9'])
            assert fast.scrub(text) == reference.scrub(text), text
            assert fast._known == reference._known
