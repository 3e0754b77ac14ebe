"""A shown line's (a report's) name reading is scanned only when it is
other bytes than the text (``engine.scan_bytes``): a report shows every
current key redacted (``tgp_v1_Ab…yz``), so its ``tgp_v1_`` made the
engine read the whole report a second time, byte for byte the same.
Checked against the engine without that gate on generated reports,
findings and scrubbed text alike."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect import engine
from together_hooks.detect import scrub
from together_hooks.findings import PATH_NAME
from together_hooks.findings import REF_NAME
from together_hooks.findings import SHOWN_LINE
from together_hooks.findings import redact
from tests.keys import make_hex
from tests.keys import make_key


def _ungated(data, path, rules=engine.RULES, wide=True, budget=None):
    """``scan_bytes`` as it was: the name reading scanned whenever the
    text may be a name, the same bytes or not."""
    if budget is None:
        budget = engine.Budget(path)
    text = engine._normalise(data) if wide else data
    findings = engine._scan(text, path, rules, budget)
    assert text is data  # (the generated reports are never wide)
    if not findings:
        findings = engine._named_file(text, path, rules)
    if engine._a_name(text, path):
        seen = {f.secret for f in findings}
        findings += [f for f in engine._scan(engine._name_reading(text, path), path, rules, budget)
                     if f.secret not in seen]
    return findings


def _report(rng: random.Random) -> tuple[str, list[str]]:
    """A report's lines, some of them holding keys in what a report may
    show: redacted, whole, named in a path by a separator, a legacy key
    beside Together's name."""
    keys: list[str] = []
    lines = ['{', '  "tool": "together-hooks",']
    for n in range(rng.randrange(3, 12)):
        key, hexkey = make_key(rng), make_hex(rng)
        pick = rng.randrange(9)
        if pick == 0:
            line = f'  "redacted": "{redact(key)}", "hashed_secret": "{make_hex(rng)[:40]}"'
        elif pick == 1:
            keys.append(key)
            line = f'  "message": "Together API key {key} in config"'
        elif pick == 2:
            keys.append(key)
            line = f'  "uri": "deploy/fix-{key}_backup.txt", "redacted": "{redact(key)}"'
        elif pick == 3:
            keys.append(hexkey)
            line = f'  "uri": "secrets/together-api-key-{hexkey}"'
        elif pick == 4:
            keys.append(hexkey)
            line = f'  "uri": "TOGETHER_API_KEY/{hexkey}.txt", "ruleId": "together-legacy-api-key"'
        elif pick == 5:
            keys.append(hexkey)
            line = f'  "text": "TOGETHER_API_KEY={hexkey}"'
        elif pick == 6:
            line = f'  "fingerprint": "{make_hex(rng)}", "ruleId": "together-api-key"'
        elif pick == 7:
            line = f'  "redacted": "{redact(hexkey)}", "note": "rotate at https://api.together.xyz"'
        else:
            line = f'  "startLine": {n}, "uriBaseId": "%SRCROOT%"'
        lines.append(line + ',')
    lines.append('}')
    return '\n'.join(lines), keys


def _shown(findings) -> list[tuple]:
    return [(f.line, f.column, f.rule, f.secret, f.encoding) for f in findings]


@pytest.mark.parametrize('seed', range(40))
def test_the_gated_scan_finds_what_the_ungated_one_does(seed):
    rng = random.Random(seed)
    text, _keys = _report(rng)
    data = text.encode()
    assert _shown(engine.scan_bytes(data, SHOWN_LINE)) == _shown(_ungated(data, SHOWN_LINE))
    for path in ('notes.txt', PATH_NAME, REF_NAME):
        assert _shown(engine.scan_bytes(data, path)) == _shown(_ungated(data, path))


@pytest.mark.parametrize('seed', range(12))
def test_gated_and_ungated_scrubs_agree_on_generated_reports(seed, monkeypatch):
    rng = random.Random(1000 + seed)
    text, keys = _report(rng)
    gated = scrub.Scrubber().scrub(text)
    with monkeypatch.context() as m:
        m.setattr(engine, 'scan_bytes', _ungated)
        ungated = scrub.Scrubber().scrub(text)
    assert gated == ungated
    for key in keys:  # (and the scrub still hides each one)
        assert key not in gated and key[7:] not in gated


def test_a_report_whose_name_reading_is_itself_is_read_once(monkeypatch):
    rng = random.Random(7)
    key = make_key(rng)
    report = '\n'.join(
        f'"redacted": "{redact(make_key(rng))}", "message": "Together API key"' for _ in range(20))
    report += f'\n"message": "Together API key {key}"'
    data = report.encode()
    assert engine._a_name(data, SHOWN_LINE)  # its redactions show ``tgp_v1_``
    assert engine._name_reading(data, SHOWN_LINE) == data
    scans: list[bytes] = []
    real = engine._scan

    def counted(data, *rest):
        scans.append(data)
        return real(data, *rest)

    monkeypatch.setattr(engine, '_scan', counted)
    found = engine.scan_bytes(data, SHOWN_LINE)
    assert [f.secret for f in found] == [key]
    assert len(scans) == 1 and scans[0] == data  # before: the same bytes twice


def test_a_name_reading_of_other_bytes_is_still_scanned(monkeypatch):
    rng = random.Random(8)
    hexkey = make_hex(rng)
    data = f'refs/heads/together-api-key-{hexkey} and tgp_v1_'.encode()
    reading = engine._name_reading(data, SHOWN_LINE)
    assert reading != data
    scans: list[bytes] = []
    real = engine._scan

    def counted(data, *rest):
        scans.append(data)
        return real(data, *rest)

    monkeypatch.setattr(engine, '_scan', counted)
    found = engine.scan_bytes(data, SHOWN_LINE)
    assert len(scans) == 2 and scans[0] == data and scans[1] == reading
    assert hexkey in [f.secret for f in found]
