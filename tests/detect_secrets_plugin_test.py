"""The detect-secrets plugin under detect-secrets' own file scan: each
window of lines is scanned once for every rule, and each detector still
reports only its own rule's keys, on their own lines."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.baseline import format as bl
from together_hooks.detect import engine
from together_hooks.findings import hash_secret

CURRENT = 'Together API Key'
LEGACY = 'Together Legacy API Key'


def _file(tmp_path):
    rng = random.Random(17)
    key, legacy = make_key(rng), make_hex(rng)
    lines = [f'value_{n} = {n}' for n in range(1, 31)]
    lines[7] = f'TOGETHER_API_KEY = "{key}"'  # line 8
    lines[9] = f'TOGETHER_LEGACY_API_KEY = "{legacy}"'  # line 10: same window as line 8
    path = tmp_path / 'settings.py'
    path.write_text('\n'.join(lines) + '\n')
    return path, len(lines), key, legacy


def _ds_scan(path, names, monkeypatch):
    """detect-secrets' scan_file with ``names`` of our plugins: what it
    reports, and how many times the engine scanned (the file's windows)."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import scan_file
    from detect_secrets.settings import transient_settings

    calls = []
    scan_bytes = engine.scan_bytes

    def counted(data, name, *args, **kwargs):
        if name == str(path):
            calls.append(name)
        return scan_bytes(data, name, *args, **kwargs)

    monkeypatch.setattr(engine, 'scan_bytes', counted)
    config = {
        'plugins_used': [{'name': name, 'path': f'file://{bl.PLUGIN_FILE}'} for name in names],
        'filters_used': [dict(f) for f in bl.CREATE_FILTERS],
    }
    with transient_settings(config):
        get_mapping_from_secret_type_to_class.cache_clear()
        found = sorted((s.line_number, s.type, s.secret_hash) for s in scan_file(str(path)))
    return found, len(calls)


def test_each_window_is_scanned_once_for_both_rules(tmp_path, monkeypatch):
    path, lines, key, legacy = _file(tmp_path)
    found, scans = _ds_scan(path, bl.our_plugins(), monkeypatch)
    assert found == [(8, CURRENT, hash_secret(key)), (10, LEGACY, hash_secret(legacy))]
    # One engine pass a line (its window), not one a line and a rule.
    assert scans == lines


@pytest.mark.parametrize('name, expected', [
    ('TogetherApiKeyDetector', [(8, CURRENT, 'key')]),
    ('TogetherLegacyApiKeyDetector', [(10, LEGACY, 'legacy')]),
])
def test_one_detector_alone_reports_only_its_rules_keys(tmp_path, monkeypatch, name, expected):
    path, lines, key, legacy = _file(tmp_path)
    found, scans = _ds_scan(path, [name], monkeypatch)
    secrets = {'key': key, 'legacy': legacy}
    assert found == [(line, kind, hash_secret(secrets[s])) for line, kind, s in expected]
    assert scans == lines


def test_a_line_without_its_window_is_judged_alone_by_each_detector():
    from together_hooks.detect_secrets_plugin import TogetherApiKeyDetector
    from together_hooks.detect_secrets_plugin import TogetherLegacyApiKeyDetector

    rng = random.Random(5)
    key, legacy = make_key(rng), make_hex(rng)
    line = f'TOGETHER_API_KEY={key} TOGETHER_API_KEY_OLD={legacy}'
    current = TogetherApiKeyDetector().analyze_line('a.py', line, 4)
    old = TogetherLegacyApiKeyDetector().analyze_line('a.py', line, 4)
    assert [(s.type, s.secret_hash, s.line_number) for s in current] == [(CURRENT, hash_secret(key), 4)]
    assert [(s.type, s.secret_hash, s.line_number) for s in old] == [(LEGACY, hash_secret(legacy), 4)]
    # The same line in another file is that file's: asked again, not read back.
    assert [s.filename for s in TogetherApiKeyDetector().analyze_line('b.py', line, 4)] == ['b.py']


def _accuracy_case(module, case_id, tmp_path):
    import importlib

    from tests.accuracy import write_cases

    cases = [c for c in importlib.import_module(f'tests.accuracy.{module}').CASES if c.id == case_id]
    results, _made = write_cases(tmp_path, cases)
    return tmp_path / results.paths[case_id], results.expected[case_id]


@pytest.mark.parametrize('module, case_id', [
    ('hex_text_test', 'hex-hex'),
    ('hex_text_test', 'hex-c-array'),
    ('hex_text_test', 'hex-xxd-env-12'),
    ('hex_text_test', 'hex-reg-binary'),
])
def test_a_key_read_near_the_other_rules_keyword_is_found(tmp_path, monkeypatch, module, case_id):
    """A key in hex text is read near a keyword of either rule (a name
    holding "together"): scanned one rule at a time, the plugin missed
    every such tgp_v1_ key that detect-together-keys finds."""
    path, expected = _accuracy_case(module, case_id, tmp_path)
    found, _scans = _ds_scan(path, bl.our_plugins(), monkeypatch)
    assert [(line, secret) for line, _kind, secret in found] == expected
