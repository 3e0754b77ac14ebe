"""CI report formats: SARIF 2.1.0 (validated against the official schema,
shipped beside this file) and GitHub workflow annotations; no format ever
holds a whole key."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import jsonschema
import pytest

from tests.cli_run import CAPTURED
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.keys import b64
from tests.keys import make_key
from together_hooks import __version__
from together_hooks import report
from together_hooks.findings import Finding
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

SCHEMA_PATH = Path(__file__).with_name('sarif-schema-2.1.0.json')
# An artifact URI is a path relative to %SRCROOT%: an RFC 3986
# relative-ref made of a path-noscheme alone.  Segments hold unreserved
# characters, sub-delims, '@', ':' and percent-encoded octets, except that the
# first may not hold ':' (``colon:x.py`` would parse as scheme ``colon``); no
# '?' query, no '#' fragment, no leading '/', no empty, '.' or '..' segment.
# (jsonschema checks "uri-reference" only with extra packages, and more
# loosely, so it is checked here.)
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@:]|%[0-9A-F]{2})"
_PCHAR_NC = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})"
URI_REFERENCE = re.compile(
    rf'(?!\.\.?(?:/|\Z))(?!.*/\.\.?(?:/|\Z)){_PCHAR_NC}+(?:/{_PCHAR}+)*\Z',
)
KEY = 'together-api-key'


@pytest.fixture(scope='module')
def validator():
    with open(SCHEMA_PATH, encoding='utf-8') as f:
        schema = json.load(f)
    assert schema['$schema'] == 'http://json-schema.org/draft-04/schema#'
    assert schema['title'].startswith('Static Analysis Results Format (SARIF) Version 2.1.0')
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def commit(repo) -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c')
    return git(repo, 'rev-parse', 'HEAD').strip()


def sarif_of(validator, *args: str, cwd='.') -> dict:
    result = scan('--format', 'sarif', *args, cwd=cwd)
    assert result.rc in (0, 1), result.err
    doc = json.loads(result.out)
    errors = [e.message for e in validator.iter_errors(doc)]
    assert errors == []
    return doc


def uri_path(result: dict) -> str:
    uri = result['locations'][0]['physicalLocation']['artifactLocation']['uri']
    assert URI_REFERENCE.match(uri), uri
    return os.fsdecode(unquote_to_bytes(uri))


@pytest.mark.parametrize('mode', ['tree', 'diff', 'history'])
def test_sarif_validates_and_says_what_github_needs(git_repo, keys, validator, mode):
    write(git_repo, 'README.md', 'x\n')
    base = commit(git_repo)
    key, legacy = keys(), keys('hex')
    write(git_repo, 'app/config.py', f'\n\nKEY = "{key}"\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={legacy}\n')
    commit(git_repo)
    args = {'tree': [], 'diff': ['--diff', f'{base}...HEAD'], 'history': ['--history']}[mode]
    doc = sarif_of(validator, *args)
    assert doc['$schema'].endswith('sarif-schema-2.1.0.json')
    assert doc['version'] == '2.1.0'
    (run,) = doc['runs']
    driver = run['tool']['driver']
    assert (driver['name'], driver['version']) == ('together-hooks', __version__)
    assert driver['informationUri'].startswith('https://')
    rules = {r['id']: r for r in driver['rules']}
    assert list(rules) == [r.id for r in RULES]
    for rule in RULES:
        entry = rules[rule.id]
        assert entry['shortDescription']['text'] == rule.description
        assert rule.help in entry['help']['text']
        assert entry['fullDescription']['text']
    got = sorted(
        (uri_path(r), r['locations'][0]['physicalLocation']['region']['startLine'],
         r['ruleId'], r['properties']['hashed_secret'])
        for r in run['results']
    )
    assert got == sorted([
        ('.env', 1, 'together-legacy-api-key', hash_secret(legacy)),
        ('app/config.py', 3, KEY, hash_secret(key)),
    ])
    for r in run['results']:
        assert driver['rules'][r['ruleIndex']]['id'] == r['ruleId']
        assert r['level'] == 'error'
        assert r['properties']['redacted'] in r['message']['text']
        region = r['locations'][0]['physicalLocation']['region']
        assert region['startColumn'] >= 1
        assert set(r['partialFingerprints']) == {'togetherHooksSecret/v1'}
        if mode == 'history':
            assert r['properties']['commit'] and r['properties']['author']


def test_empty_sarif_is_valid_with_all_rules(git_repo, validator):
    write(git_repo, 'a.py', 'clean = True\n')
    commit(git_repo)
    doc = sarif_of(validator)
    assert doc['runs'][0]['results'] == []
    assert len(doc['runs'][0]['tool']['driver']['rules']) == len(RULES)


def test_fingerprints_do_not_follow_lines(git_repo, keys, validator):
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    before = sarif_of(validator)['runs'][0]['results'][0]
    write(git_repo, 'a.py', '# one\n# two\n' + f'K = "{key}"\n')
    after = sarif_of(validator)['runs'][0]['results'][0]
    lines = [r['locations'][0]['physicalLocation']['region']['startLine'] for r in (before, after)]
    assert lines == [1, 3]
    assert before['partialFingerprints'] == after['partialFingerprints']
    write(git_repo, 'b.py', f'K = "{key}"\n')
    other = [
        r for r in sarif_of(validator)['runs'][0]['results']
        if uri_path(r) == 'b.py'
    ][0]
    assert other['partialFingerprints'] != before['partialFingerprints']


@pytest.mark.parametrize(('uri', 'ok'), [
    ('app/config.py', True), ('colon%3Asemi%3Bcomma%2C.py', True), ('a/b:c;d,e.py', True),
    ('%C3%BCn%C3%AFcode/%C3%9F.py', True), ('-dash.py', True), ('.env', True), ('a/.b/c', True),
    ('colon:semi%3Bcomma%2C.py', False), ('a b.py', False), ('a%2', False), ('a%zz', False),
    ('a?.py', False), ('a#.py', False), ('/abs.py', False), ('//host/x.py', False),
    ('../up.py', False), ('a/./b.py', False), ('a/..', False), ('', False), ('a//b.py', False),
])
def test_the_uri_check_itself(uri, ok):
    assert bool(URI_REFERENCE.match(uri)) is ok


@pytest.mark.parametrize('name', [
    'dir with space/a%b#c?.py', 'ünïcode/ß.py', 'colon:semi;comma,.py', '-dash.py',
])
def test_odd_paths_are_percent_encoded(git_repo, keys, validator, name):
    key = keys()
    write(git_repo, name, f'K = "{key}"\n')
    (result,) = sarif_of(validator)['runs'][0]['results']
    uri = result['locations'][0]['physicalLocation']['artifactLocation']['uri']
    assert ' ' not in uri and '#' not in uri and '?' not in uri
    assert uri_path(result) == name


def test_uris_are_relative_to_the_repository(git_repo, keys, validator):
    key = keys()
    write(git_repo, 'sub/dir/x.py', f'K = "{key}"\n')
    commit(git_repo)
    for args, cwd in (
            (['sub'], git_repo),
            (['dir/x.py'], git_repo / 'sub'),
            ([], git_repo / 'sub'),
    ):
        (result,) = sarif_of(validator, *args, cwd=cwd)['runs'][0]['results']
        assert uri_path(result) == 'sub/dir/x.py', (args, cwd)
        location = result['locations'][0]['physicalLocation']['artifactLocation']
        assert location['uriBaseId'] == '%SRCROOT%'


def test_rules_added_at_run_time_and_verification_are_described(validator):
    own = Finding('a.py', 2, 5, 'together-own-key', 'x' * 40)
    live = Finding('b.py', 1, 1, KEY, make_key(random.Random(3)))
    live.verification, live.verification_reason = 'live', 'HTTP 200'
    doc = json.loads(report.sarif([own, live], report.Summary()))
    assert list(validator.iter_errors(doc)) == []
    driver = doc['runs'][0]['tool']['driver']
    assert [r['id'] for r in driver['rules']] == [r.id for r in RULES] + ['together-own-key']
    own_result, live_result = doc['runs'][0]['results']
    assert driver['rules'][own_result['ruleIndex']]['help']['text']
    assert live_result['properties']['verification'] == 'live'
    assert live_result['properties']['verification_reason'] == 'HTTP 200'
    assert live.secret not in json.dumps(doc)


# ------------------------------------------------------------ github

@pytest.mark.parametrize(('raw', 'data', 'prop'), [
    ('plain.py', 'plain.py', 'plain.py'),
    ('100%.py', '100%25.py', '100%25.py'),
    ('a,b:c.py', 'a,b:c.py', 'a%2Cb%3Ac.py'),
    ('line\nbreak\r.py', 'line%0Abreak%0D.py', 'line%0Abreak%0D.py'),
    ('%0A', '%250A', '%250A'),
])
def test_github_escaping(raw, data, prop):
    assert report._escape_data(raw) == data
    assert report._escape_property(raw) == prop


def test_github_annotations(git_repo, keys):
    key = keys()
    write(git_repo, 'sub/we,ird:name%.py', f'\nK = "{key}"\n')
    commit(git_repo)
    result = scan('--format', 'github', 'sub')
    assert result.rc == 1
    (line,) = [x for x in result.out.splitlines() if x.startswith('::')]
    head, message = line[2:].split('::', 1)
    assert head.startswith('error file=sub/we%2Cird%3Aname%25.py,line=2,col=6,title=')
    props = dict(p.split('=', 1) for p in head[len('error '):].split(','))
    assert props['title'] == 'Together AI API key (tgp_v1_...)'
    assert hash_secret(key) in message and 'Rotate it at' in message
    assert 'Together API key(s) found' in result.out  # the plain log summary
    assert scan('--format', 'github', 'sub/..').rc == 1


def test_github_clean_prints_nothing(git_repo):
    write(git_repo, 'a.py', 'x = 1\n')
    result = scan('--format', 'github')
    assert (result.rc, result.out) == (0, '')


# ------------------------------------------------------------ --output, leaks

@pytest.mark.parametrize('fmt', sorted(report.FORMATS))
def test_output_file_gets_the_report_terminal_the_summary(git_repo, keys, fmt, validator):
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    result = scan('--format', fmt, '--output', 'report.out', 'a.py')
    assert result.rc == 1
    with open(git_repo / 'report.out', encoding='utf-8') as f:
        written = f.read()
    CAPTURED.append(written)
    assert hash_secret(key) in written
    assert f'a.py:1: {KEY}' in result.out  # the text summary on the terminal
    assert 'report written to report.out' in result.out
    if fmt == 'sarif':
        assert list(validator.iter_errors(json.loads(written))) == []


@pytest.mark.parametrize('mode', ['tree', 'staged', 'diff', 'history'])
@pytest.mark.parametrize('fmt', sorted(report.FORMATS))
def test_no_whole_key_in_any_format_or_mode(git_repo, keys, mode, fmt):
    write(git_repo, 'README.md', 'x\n')
    base = commit(git_repo)
    made = [keys(), keys(), keys('hex')]
    write(git_repo, 'a.py', f'A = "{made[0]}"\n')
    write(git_repo, 'k8s.yaml', f'data:\n  key: {b64(made[1])}\n')
    write(git_repo, 'b.env', f'TOGETHER_API_KEY={made[2]}\n')
    git(git_repo, 'add', '-A')
    if mode in ('diff', 'history'):
        commit(git_repo)
    args = {
        'tree': [], 'staged': ['--staged'],
        'diff': ['--diff', f'{base}...HEAD'], 'history': ['--history'],
    }[mode]
    result = scan('--format', fmt, *args)
    assert result.rc == 1, result.err
    for key in made:
        assert hash_secret(key) in result.out
    # The keys fixture checks every captured output for whole keys.


def test_hook_run_from_a_subfolder_reports_repository_relative_uris(git_repo, keys):
    key = keys()
    write(git_repo, 'deep/er/z.py', f'K = "{key}"\n')
    hook = os.path.join(os.path.dirname(sys.executable), 'detect-together-keys')
    proc = subprocess.run(
        (hook, 'z.py', '--format', 'sarif'), cwd=git_repo / 'deep' / 'er',
        capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    CAPTURED.extend((proc.stdout, proc.stderr))
    result = json.loads(proc.stdout)['runs'][0]['results'][0]
    uri = result['locations'][0]['physicalLocation']['artifactLocation']['uri']
    assert uri == 'deep/er/z.py'
