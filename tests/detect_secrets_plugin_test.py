"""The detect-secrets plugin under detect-secrets' own file scan: a file
on disk is scanned once for every rule and every line (its findings are
detect-together-keys'), each detector still reports only its own rule's
keys, on their own lines, and lines that are not the file's on disk (a
diff, ``--string``, a file changed since detect-secrets read it) are
judged with the lines around them."""
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


def test_each_file_is_scanned_once_for_both_rules_and_every_line(tmp_path, monkeypatch):
    path, lines, key, legacy = _file(tmp_path)
    found, scans = _ds_scan(path, bl.our_plugins(), monkeypatch)
    assert found == [(8, CURRENT, hash_secret(key)), (10, LEGACY, hash_secret(legacy))]
    # One engine pass for the file, not one a line (its window) or a rule.
    assert (scans, lines) == (1, 30)


@pytest.mark.parametrize('name, expected', [
    ('TogetherApiKeyDetector', [(8, CURRENT, 'key')]),
    ('TogetherLegacyApiKeyDetector', [(10, LEGACY, 'legacy')]),
])
def test_one_detector_alone_reports_only_its_rules_keys(tmp_path, monkeypatch, name, expected):
    path, lines, key, legacy = _file(tmp_path)
    found, scans = _ds_scan(path, [name], monkeypatch)
    secrets = {'key': key, 'legacy': legacy}
    assert found == [(line, kind, hash_secret(secrets[s])) for line, kind, s in expected]
    assert (scans, lines) == (1, 30)


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


def _named_far_up(tmp_path, name='settings.py', key=None):
    """A legacy key named as Together's only by a comment eight lines up:
    detect-together-keys reads the comment; a window of five lines does not."""
    legacy = key or make_hex(random.Random(29))
    lines = ['import os', '# Together AI credentials'] + [f'option_{n} = {n}' for n in range(7)]
    lines += [f'API_KEY = "{legacy}"', 'DEBUG = False']
    path = tmp_path / name
    path.write_text('\n'.join(lines) + '\n')
    return path, legacy


def test_a_key_named_eight_lines_up_is_found_as_the_hook_finds_it(tmp_path, monkeypatch):
    path, legacy = _named_far_up(tmp_path)
    hook = [(f.line, f.secret) for f in engine.scan_bytes(path.read_bytes(), str(path))]
    assert hook == [(10, legacy)]
    found, scans = _ds_scan(path, bl.our_plugins(), monkeypatch)
    assert (found, scans) == ([(10, LEGACY, hash_secret(legacy))], 1)


def _ds_lines(path, lines, monkeypatch, filename=None):
    """detect-secrets' own line loop (``scan_file``'s) over ``lines``, as
    if read from ``path``: what it reports, and the engine's scans."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import _process_line_based_plugins
    from detect_secrets.settings import transient_settings

    calls = []
    scan_bytes = engine.scan_bytes

    def counted(data, name, *args, **kwargs):
        calls.append(name)
        return scan_bytes(data, name, *args, **kwargs)

    monkeypatch.setattr(engine, 'scan_bytes', counted)
    config = {'plugins_used': [{'name': n, 'path': f'file://{bl.PLUGIN_FILE}'} for n in bl.our_plugins()]}
    with transient_settings(config):
        get_mapping_from_secret_type_to_class.cache_clear()
        found = sorted(
            (s.line_number, s.type, s.secret_hash)
            for s in _process_line_based_plugins(list(enumerate(lines, start=1)), filename or str(path))
        )
    return found, len(calls)


def test_a_file_changed_since_detect_secrets_read_it_is_judged_as_read(tmp_path, monkeypatch):
    """detect-secrets read the file, then it changed (a key of the same
    length in its place): the lines it asks about are judged as it read
    them, never answered from the file now on disk."""
    path, lines, key, legacy = _file(tmp_path)
    read = path.read_text().splitlines(keepends=True)
    path.write_text(path.read_text().replace(key, make_key(random.Random(99))))
    found, scans = _ds_lines(path, read, monkeypatch)
    assert found == [(8, CURRENT, hash_secret(key)), (10, LEGACY, hash_secret(legacy))]
    assert scans > 1  # the lines around the changed one: one scan a window


def test_lines_of_another_file_are_not_answered_from_this_ones_scan(tmp_path, monkeypatch):
    """Two files, the same lines but the comment that names the key:
    the lines handed over under one's name while the other is on disk
    are judged by their own windows."""
    path, legacy = _named_far_up(tmp_path)
    other = path.read_text().replace('# Together AI credentials', '# Acme credentials')
    found, _scans = _ds_lines(path, other.splitlines(keepends=True), monkeypatch)
    assert found == []
    found, scans = _ds_lines(path, path.read_text().splitlines(keepends=True), monkeypatch)
    assert (found, scans) == ([(10, LEGACY, hash_secret(legacy))], 1)


def test_a_diff_is_judged_by_the_lines_it_adds(tmp_path, monkeypatch):
    """``scan_diff`` hands detect-secrets' line loop the lines a diff adds,
    numbered as in the new file, under the file's name (its parse needs
    ``unidiff``, which the test extra leaves out: the loop is called with
    what it hands over).  The file on disk names the key eight lines up;
    the diff adds only the key's line, which is not the file's lines
    around it."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import _process_line_based_plugins
    from detect_secrets.settings import transient_settings

    path, legacy = _named_far_up(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = {'plugins_used': [{'name': n, 'path': f'file://{bl.PLUGIN_FILE}'} for n in bl.our_plugins()]}
    with transient_settings(config):
        get_mapping_from_secret_type_to_class.cache_clear()
        for added, expected in [
            (f'API_KEY = "{legacy}"\n', []),
            (f'TOGETHER_API_KEY = "{legacy}"\n', [(10, hash_secret(legacy))]),
        ]:
            found = _process_line_based_plugins([(10, added)], filename='settings.py')
            assert [(s.line_number, s.secret_hash) for s in found] == expected


def test_an_adhoc_string_is_judged_alone(tmp_path, monkeypatch):
    """``detect-secrets scan --string``: its name (``adhoc-string-scan``)
    may be a file's in the folder; the string is still judged alone."""
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import transient_settings

    path, legacy = _named_far_up(tmp_path, 'adhoc-string-scan')
    monkeypatch.chdir(tmp_path)
    config = {'plugins_used': [{'name': n, 'path': f'file://{bl.PLUGIN_FILE}'} for n in bl.our_plugins()]}
    with transient_settings(config):
        assert list(scan_line(f'API_KEY = "{legacy}"')) == []
        assert [s.secret_hash for s in scan_line(f'TOGETHER_API_KEY = "{legacy}"')] == [hash_secret(legacy)]
