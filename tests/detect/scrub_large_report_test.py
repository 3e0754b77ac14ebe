"""The scrub of a large report (an org audit, a history of hundreds of
findings): nothing planted in it survives, and its shortcuts show what
the scrub without them shows.

The shortcuts (session 30): a line met again is answered as before while
nothing was learnt since (``Scrubber._rejoined_lines``); the glued reading
is made piece by piece only where its one reading may hold a key
(``Scrubber._glued_key_in``); the percent pass reads only the runs holding
an escape (``_PCT_RUN``); the gutter-dash search tries only the places a
line break starts (``_DASH_LEAD``)."""
from __future__ import annotations

import base64
import random
import re
from urllib.parse import quote

import pytest

from tests.cli_run import leaked
from tests.detect.scrub_report_lines_test import _hostile
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub
from together_hooks.detect.scrub import Scrubber
from together_hooks.findings import hash_secret
from together_hooks.findings import redact


class _Reference(Scrubber):
    """The scrub without this file's shortcuts: every line read, the glued
    reading always made piece by piece."""
    __slots__ = ()

    def _rejoined_lines(self, lines: list[str]) -> list[str]:
        return [self._rejoined(line) for line in lines]

    def _glued_key_in(self, view: str) -> bool:
        return True


def _planted(rng: random.Random, key: str) -> list[str]:
    """``key`` in every form the scrub knows, as a report's fields hold it."""
    body = key[7:]
    cut = rng.randint(12, 40)
    hexed = key.encode().hex()
    return [
        f'"message": "found {key} in a config"',
        f'"uri": "src/{key}/settings.py"',
        f'"author": "Dev <{key}@example.com>"',
        f'"message": "commit: rotate {key[:cut]}\\n{key[cut:]}"',  # split by an escaped break
        f'"text": "{key[:cut]}" + "{key[cut:]}"',  # split across literals
        f'"uri": "src/{quote(key, safe="")}.py"',  # URL-encoded
        f'"uri": "src/{key[:cut]}/{key[cut:]}/x.py"',  # cut by a folder
        f'"data": "{base64.b64encode(key.encode()).decode()}"',
        f'"data": "{base64.b64encode(b"x" + key.encode()).decode()}"',
        f'"data": "{hexed}"',
        f'"data": "{base64.b32encode(key.encode()).decode()}"',
        f'"text": "{key[:cut]}\x1b[1m{key[cut:]}"',  # ANSI inside
        f'"text": "{key[:cut]}\u200b{key[cut:]}"',  # ZWSP inside
        f'"text": "{key[:cut]}\\u200b{key[cut:]}"',  # ZWSP escaped inside
        f'"message": "tgp\u00ad_v1_{body[:20]} {body[20:]}"',  # invisible and a space
    ]


def _report(rng: random.Random, keys: list[str], findings: int) -> tuple[str, list[str]]:
    """A SARIF-like report of ``findings`` results, each the same few lines
    (a message naming Together, a URI with ``%``), one in ten holding a
    planted form of a key; and every form planted."""
    out = ['{', '  "runs": [{"results": [']
    planted = []
    for i in range(findings):
        key = keys[i % len(keys)]
        out += [
            '    {',
            '      "ruleId": "together-api-key",',
            f'      "text": "Together API key {redact(key)} (hashed_secret {hash_secret(key)}). '
            'Rotate it at https://api.together.xyz/settings/api-keys",',
            '      "uri": "src/app.py", "uriBaseId": "%SRCROOT%"',
        ]
        if i % 10 == 0:
            forms = _planted(rng, key)
            form = forms[(i // 10) % len(forms)]
            out.append(f'      {form},')
            planted.append(form)
        out.append('    },')
    return '\n'.join(out + ['  ]}]', '}', '']), planted


def _pieces(shown: str, keys: list[str]) -> list[str]:
    """The keys of which ``shown`` still holds 16 characters of the random
    part in a row, raw or in base32 (``leaked`` reads the other forms),
    invisible characters read as nothing."""
    read = re.sub('[\u00ad\u200b]|\\\\u200b|\\\\u00ad|\x1b\\[1m|\\\\u001b\\[1m', '', shown)
    out = []
    for key in keys:
        b32 = base64.b32encode(key.encode()).decode()
        for form in (key[7:], b32[16:-8]):
            if any(form[at:at + 16] in read for at in range(len(form) - 15)):
                out.append(key)
    return out


@pytest.mark.parametrize('known', [True, False], ids=['learnt', 'format-valid only'])
def test_no_planted_form_survives_a_large_report(known):
    """300 findings (~1,500 lines), every form planted at least twice: a
    key the run found (learnt, as the pipeline teaches the scrub), or only
    format-valid (a key the scan did not report)."""
    rng = random.Random(30)
    keys = [make_key(rng) for _ in range(4)]
    text, planted = _report(rng, keys, 300)
    assert len(planted) == 30 and len(text.splitlines()) > 1500
    shown = Scrubber(keys if known else ()).scrub(text)
    assert leaked(keys, shown) == []
    assert _pieces(shown, keys) == []
    # The report's own text passes: its redactions, hashes, Together's URL.
    assert shown.count('"uriBaseId": "%SRCROOT%"') == 300
    assert shown.count(hash_secret(keys[0])) == 75


def test_a_line_met_again_after_a_key_is_learnt_is_read_again():
    """A line reading a piece of a key (an invisible character inside it)
    before and after the line its key is learnt from (a soft hyphen and a
    space cut it): the second time, the piece is known and goes."""
    rng = random.Random(7)
    key = make_key(rng)
    body = key[7:]
    teach = f'name: tgp\u00ad_v1_{body[:20]} {body[20:]}'
    piece = f'piece: {body[5:10]}\u00ad{body[10:16]}'
    scrubber = Scrubber()
    shown = scrubber.redacted('\n'.join([piece, teach, piece])).split('\n')
    assert key in scrubber._known
    assert body[5:16] not in shown[2].replace('\u00ad', '')
    assert shown == _Reference().redacted('\n'.join([piece, teach, piece])).split('\n')


def test_a_line_before_the_one_a_key_is_learnt_from_is_read_again():
    """The same piece above the line its key is learnt from (a line's
    reading taught it, after the line above was read): it goes too."""
    rng = random.Random(8)
    key = make_key(rng)
    body = key[7:]
    teach = f'name: tgp\u00ad_v1_{body[:20]} {body[20:]}'
    piece = f'piece: {body[5:10]}\u00ad{body[10:16]}'
    shown = Scrubber().scrub('\n'.join([piece, teach]))
    assert body[5:16] not in shown.replace('\\u00ad', '')
    assert leaked([key], shown) == []


@pytest.mark.parametrize('seed', range(3))
def test_the_shortcuts_show_what_the_scrub_without_them_shows(seed):
    """Hostile lines (keys cut, encoded, glued, in capitals) repeated in a
    text among a report's own lines: the same shown and learnt both ways."""
    rng = random.Random(300 + seed)
    keys = [make_key(rng) for _ in range(2)] + [make_hex(rng) for _ in range(2)]
    plain = [
        '    {', '      "uri": "src/a.py", "uriBaseId": "%SRCROOT%"',
        f'      "text": "Together API key {redact(keys[0])}"', '+00:00 by D', '',
    ]
    for known in ([], keys[:1], keys[2:]):
        for _ in range(25):
            fast, reference = Scrubber(known), _Reference(known)
            lines = [
                _hostile(rng, rng.choice(keys)) if rng.random() < .4 else rng.choice(plain)
                for _ in range(rng.randint(2, 6))
            ]
            lines += rng.sample(lines, len(lines))  # each line met again
            text = '\n'.join(lines) + rng.choice(['', '\n%SRCROOT%', '\ncaf\u00e9'])
            assert fast.scrub(text) == reference.scrub(text), text
            assert fast._known == reference._known


def _pct_runs_before(text: str) -> list[tuple[int, int]]:
    """The runs the percent pass read before: every run of its characters
    and escapes, those holding an escape kept (the pass gave back the others)."""
    runs = re.finditer(r'(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9_.~+/=-])+', text)
    return [m.span() for m in runs if '%' in m.group()]


def _dash_lead_before(text: str) -> int | None:
    m = re.search(r'(?<![ \t])' + scrub._NEWLINE + scrub._LEAD_NO_DASH + '-', text)
    return None if m is None else m.start()


@pytest.mark.parametrize('seed', range(4))
def test_the_percent_and_dash_patterns_find_what_they_found(seed):
    rng = random.Random(seed)
    atoms = [
        '%41', '%4', '%%', '%5F', '%0A', '%0a', '%0D%0A', 'ab', 'Z9', '_', '.', '~', '+', '/', '=', '-',
        ' ', '\t', '\n', '\\n', '\\r\\n', '"', ':', '#', '[job 1]', '12:', '--', '- ', '=\n', '%SRCROOT%',
    ]
    for _ in range(300):
        text = ''.join(rng.choice(atoms) for _ in range(rng.randint(1, 30)))
        found = [m.span() for m in scrub._pattern(scrub._PCT_RUN).finditer(text)]
        assert found == _pct_runs_before(text), text
        m = scrub._pattern(scrub._DASH_LEAD).search(text)
        assert (None if m is None else m.start()) == _dash_lead_before(text), text
