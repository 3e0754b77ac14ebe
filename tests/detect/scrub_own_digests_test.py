"""A report's own digests are no key to the scrub's reading of the rules.

A SARIF report puts a fingerprint (64 hex, ``report.fingerprint``, told to
the scrubber by ``vouch``) beside every result, under a name holding
``together``: the scrub's pass of the rules over a text naming Together
(``scrub._in_context``) tried the legacy rule's patterns around each one
(a report of 714 findings: 12.6 of its 13.5 CPU-s).  It reads them as
``x``s now.  What is shown stays the same: the fingerprints whole, and
every legacy key in Together context beside them redacted, as a scrubber
that was told no digest shows it."""
from __future__ import annotations

import random
import sys

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect import scrub
from together_hooks.detect.scrub import Scrubber
from together_hooks.findings import hash_secret
from together_hooks.findings import redact
from together_hooks.report import fingerprint


def _read_by_the_rules(func) -> list[bytes]:
    """The data each ``engine.scan_bytes`` call of ``func`` reads."""
    read: list[bytes] = []
    code = engine.scan_bytes.__code__

    def profile(frame, event, arg):
        if event == 'call' and frame.f_code is code:
            read.append(frame.f_locals['data'])

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return read


def _told(monkeypatch, scrubber: Scrubber) -> None:
    """``scrubber`` as the run's (``vouch`` tells it the digests)."""
    monkeypatch.setattr(scrub, 'run_scrubber', lambda: scrubber)


def _result(key: str, i: int) -> tuple[list[str], str]:
    rule = 'together-api-key' if key.startswith('tgp_v1_') else 'together-legacy-api-key'
    digest = fingerprint(rule, hash_secret(key), f'src/f{i}.py')
    return [
        '    {',
        f'      "ruleId": "{rule}",',
        f'      "message": {{"text": "Together API key {redact(key)} (hashed_secret {hash_secret(key)})"}},',
        f'      "partialFingerprints": {{"togetherHooksSecret/v1": "{digest}"}}',
        '    },',
    ], digest


def test_the_rules_never_read_a_reports_own_digest(monkeypatch):
    rng = random.Random(5)
    keys = [make_key(rng) for _ in range(4)] + [make_hex(rng) for _ in range(4)]
    scrubber = Scrubber(keys)
    _told(monkeypatch, scrubber)
    lines, digests = ['{"runs": [{"results": ['], []
    for i in range(40):
        more, digest = _result(keys[i % len(keys)], i)
        lines += more
        digests.append(digest)
    text = '\n'.join(lines + [']}]}', ''])
    shown: list[str] = []
    read = _read_by_the_rules(lambda: shown.append(scrubber.scrub(text)))
    assert read  # the text names Together: the rules read it
    assert not [d for d in digests if any(d.encode() in data for data in read)]
    assert shown == [text]  # each fingerprint shown whole


def _line(rng: random.Random, keys: list[str], digest: str) -> str:
    hexkey = make_hex(rng)
    known = rng.choice(keys)
    return rng.choice([
        f'"togetherHooksSecret/v1": "{digest}"',
        f'"togetherHooksSecret/v1": "{digest}", "TOGETHER_API_KEY": "{hexkey}"',
        f'TOGETHER_API_KEY={hexkey}',
        f'"togetherHooksSecret/v1": "{digest}"}}, TOGETHER_API_KEY={hexkey}',
        f'"together": {{"api_key": "{hexkey}", "togetherHooksSecret/v1": "{digest}"}}',
        f'TOGETHER_API_KEY={known}',
        f'curl https://api.together.xyz/v1 -H "Authorization: Bearer {hexkey}"',
    ])


@pytest.mark.parametrize('seed', range(3))
def test_legacy_keys_beside_the_digests_are_redacted_as_before(monkeypatch, seed):
    """The same text shown as by a scrubber told no digest (the
    fingerprints as a report writes them), and no key in Together context
    left in it."""
    rng = random.Random(seed)
    keys = [make_key(rng) for _ in range(3)] + [make_hex(rng) for _ in range(3)]
    told = Scrubber(keys)
    _told(monkeypatch, told)
    digests = [_result(k, i)[1] for i, k in enumerate(keys)]
    assert len(told._digests) == len(digests)
    lines = [_line(rng, keys, rng.choice(digests)) for _ in range(60)]
    text = '\n'.join(lines) + '\n'
    shown = told.scrub(text)
    assert shown == Scrubber(keys).scrub(text)
    for line in lines:  # each key in a line naming Together: gone
        for value in set(scrub._pattern(r'(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])').findall(line)):
            if value not in digests:
                assert value not in shown, line
    assert all(key not in shown for key in keys)
    assert all(digest in shown for digest in digests if digest in text)
