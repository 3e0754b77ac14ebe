"""``together-hooks scan``: what it prints, writes and returns.

Every test runs the installed console script in a real repository and
checks that no generated key ever shows up whole in stdout, stderr or a
report file.
"""
from __future__ import annotations

import hashlib
import json
import random

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import CAPTURED
from tests.cli_run import leaked
from tests.cli_run import quiet_and_clean
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.keys import b64
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.findings import redact

ROTATE_URL = 'https://api.together.xyz/settings/api-keys'


@pytest.fixture
def leaky_repo(git_repo):
    """A repository with every kind of key, and the keys it holds."""
    rng = random.Random(77)
    k1, k2, k3 = make_key(rng, last='-'), make_key(rng, last='_'), make_key(rng)
    h1, h2 = make_hex(rng), make_hex(rng)
    files = {
        'src/app.py': f'import os\n\nclient = Together(api_key="{k1}")\n',
        '.env': f'TOGETHER_API_KEY={h1}\nOTHER=1\n',
        'deploy/secret.yaml': f'kind: Secret\ndata:\n  key: {b64(k2)}\n',
        'win\\dows.txt': f'{k3}\r\n',
        'call.sh': (
            'curl https://api.together.xyz/v1/models \\\n'
            f'  -H "Authorization: Bearer {h2}"\n'
        ),
        'allowed.py': f'k = "{k3}"  # pragma: allowlist secret\n',
    }
    for rel, text in files.items():
        path = git_repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    git(git_repo, 'add', '.')
    expected = Hidden([
        ('.env', 1, 'together-legacy-api-key', h1),
        ('call.sh', 2, 'together-legacy-api-key', h2),
        ('deploy/secret.yaml', 3, 'together-api-key', k2),
        ('src/app.py', 3, 'together-api-key', k1),
        ('win\\dows.txt', 1, 'together-api-key', k3),
    ])
    keys = Hidden([k1, k2, k3, h1, h2])
    CAPTURED.clear()
    yield git_repo, expected, keys
    # Whatever a test ran, no key reached the terminal.
    assert CAPTURED and leaked(keys, *CAPTURED) == []


class Hidden(list):
    """Holds keys; its repr (shown by pytest on failure) does not."""

    def __repr__(self) -> str:
        return f'<{len(self)} items holding keys>'


def _sha1(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()


@pytest.mark.parametrize('args', ((), ('--staged',), ('.',)))
def test_json_findings(leaky_repo, args):
    repo, expected, keys = leaky_repo
    r = scan('--format', 'json', *args, cwd=repo)
    assert r.rc == 1, r.err
    assert r.err == ''
    doc = r.json()
    got = [
        (f['path'], f['line'], f['rule'], f['hashed_secret'])
        for f in doc['findings']
    ]
    assert got == [(p, ln, rule, _sha1(k)) for p, ln, rule, k in expected]
    for finding, (_p, _l, _r, key) in zip(doc['findings'], expected):
        assert finding['redacted'] == redact(key)
        assert len(finding['redacted']) < len(key) // 2
        assert isinstance(finding['line'], int)
    assert leaked(keys, r.out, r.err) == []


def test_text_report(leaky_repo):
    repo, expected, keys = leaky_repo
    r = scan(cwd=repo)
    assert r.rc == 1
    lines = r.out.splitlines()
    for path, line, rule, key in expected:
        want = (
            f'{path}:{line}: {rule}: {redact(key)} '
            f'(hashed_secret {_sha1(key)})'
        )
        assert any(ln.startswith(want) for ln in lines), want
    assert '5 Together API key(s) found in 5 file(s)' in r.out
    assert ROTATE_URL in r.out
    assert 'revoke the old one' in r.out
    assert 'history' in r.out
    assert leaked(keys, r.out, r.err) == []


@pytest.mark.parametrize('fmt', ('json', 'text'))
def test_output_file(leaky_repo, tmp_path, fmt):
    repo, expected, keys = leaky_repo
    (tmp_path / 'reports').mkdir()
    out = tmp_path / 'reports' / f'report.{fmt}'
    out.write_text('old report\n')
    r = scan('--format', fmt, '--output', str(out), cwd=repo)
    assert r.rc == 1, r.err
    report = out.read_text(encoding='utf-8')
    assert 'old report' not in report
    if fmt == 'json':
        assert len(json.loads(report)['findings']) == len(expected)
    else:
        assert ROTATE_URL in report
    # The terminal still says what was found and where the report went.
    assert 'src/app.py:3: together-api-key' in r.out
    assert str(out) in r.out
    assert leaked(keys, r.out, r.err, report) == []
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temp left


def test_clean_repo_exit_0_and_quiet(git_repo, tmp_path):
    (git_repo / 'a.py').write_text('KEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'add', '.')
    for args in ((), ('--staged',), ('a.py',)):
        r = scan(*args, cwd=git_repo)
        assert r.rc == 0 and quiet_and_clean(r), (args, r.err)
    r = scan('--format', 'json', cwd=git_repo)
    assert r.rc == 0
    assert r.json()['findings'] == []
    assert r.json()['summary']['files_scanned'] == 1
    out = tmp_path / 'clean.json'
    r = scan('--format', 'json', '--output', str(out), cwd=git_repo)
    assert r.rc == 0 and json.loads(out.read_text())['findings'] == []


def _key() -> str:
    return make_key(random.Random(99))


# (args, cwd: 'repo' or 'plain', words the single error line must hold)
ERRORS = (
    (('missing.txt',), 'repo', ('missing.txt', 'no such file')),
    (('a.txt', 'missing/dir'), 'repo', ('missing/dir',)),
    (('--no-such-flag',), 'repo', ('--no-such-flag',)),
    (('--format', 'xml'), 'repo', ('xml',)),
    (('--format',), 'repo', ('--format',)),
    (('--staged',), 'plain', ('--staged', 'git repository')),
    (('--staged', 'a.txt'), 'repo', ('--staged',)),
    (('--output', '/nonexistent-dir/r.json'), 'repo', ('/nonexistent-dir/r.json',)),
    (('--output', '.'), 'repo', ('.: cannot write',)),
    # A key pasted where a path or flag goes is echoed only redacted.
    (('{key}',), 'repo', ('tgp_v1_',)),
    (('--format', '{key}'), 'repo', ('tgp_v1_',)),
    (('--{key}',), 'repo', ('tgp_v1_',)),
)


@pytest.mark.parametrize(('args', 'where', 'words'), ERRORS)
def test_usage_and_input_errors(tmp_path, git_repo, args, where, words):
    (git_repo / 'a.txt').write_text('clean\n')
    plain = tmp_path / 'plain'
    plain.mkdir()
    key = _key()
    argv = [a.format(key=key) for a in args]
    r = scan(*argv, cwd=git_repo if where == 'repo' else plain)
    assert_error_line(r, *words)
    assert r.out == ''
    assert leaked([key], r.out, r.err) == []


def test_no_subcommand_is_usage_error(git_repo):
    from tests.cli_run import run

    r = run('together-hooks', cwd=git_repo)
    assert_error_line(r, 'a command is required', 'scan, doctor, rotate-help, baseline', '--help')
    assert r.out == ''
    r = run('together-hooks', 'scan', '--help', cwd=git_repo)
    assert r.rc == 0 and '--staged' in r.out and '--format' in r.out


@pytest.mark.parametrize('tracked', (True, False))
def test_a_file_named_with_a_key_is_found(git_repo, tmp_path, tracked):
    """A name is stored in a tree as content is: ``scan`` of a repository
    (or of a folder outside git) reads the names it lists too."""
    key = make_key(random.Random('named file'))
    folder = git_repo if tracked else tmp_path / 'plain'
    folder.mkdir(exist_ok=True)
    (folder / f'{key}.txt').write_text('x = 1\n')
    (folder / 'a.py').write_text('y = 2\n')
    if tracked:
        git(git_repo, 'add', '-A')
    res = scan('--format', 'json', cwd=git_repo) if tracked else scan(str(folder), '--format', 'json')
    assert res.rc == 1, res.err
    assert [(p, h) for p, _line, _rule, h in res.found()] == [('<path name>', hash_secret(key))]
    assert leaked([key], res.out, res.err) == []


def test_scan_staged_asks_git_what_it_must_only(git_repo, keys, monkeypatch, tmp_path):
    """Each git process costs every run: in a plain work tree the top is
    found without one (``gitrun.work_tree_top``); what is left is the
    developer's ignored env files (own keys), the staged diff and one
    ``cat-file`` for the blobs."""
    key = keys()
    write(git_repo, 'app.py', f'client = Together(api_key="{key}")\n')
    git(git_repo, 'add', 'app.py')
    trace = tmp_path / 'trace'
    monkeypatch.setenv('GIT_TRACE', str(trace))
    r = scan('--staged', '--format', 'json', cwd=git_repo)
    assert r.rc == 1 and 'app.py' in r.out, r.err
    started = [line.split('built-in: ', 1)[1] for line in trace.read_text().splitlines()
               if 'built-in: ' in line]
    assert len(started) == 3, started
    assert not any('rev-parse' in command for command in started), started


@pytest.mark.parametrize('spec', ['HEAD', 'main...HEAD', 'HEAD~1..HEAD'])
def test_diff_in_a_repository_with_no_commits_says_so(git_repo, spec):
    """A new repository has nothing to fetch: it said "fetch it (git fetch
    origin HEAD)"."""
    result = scan('--diff', spec, cwd=git_repo)
    assert_error_line(result, 'this repository has no commits yet')
    assert 'git fetch' not in result.err


@pytest.mark.parametrize('since', ['HEAD~1..HEAD', 'HEAD~1...HEAD', 'HEAD^!', '^HEAD~1', 'HEAD~1 HEAD^@'])
def test_commits_since_a_range_is_refused_not_a_pass(git_repo, since):
    """``--commits REV --since`` takes ref sets and commits: a range (or
    ``^!``, ``^X``) handed to git after ``--not`` turns round and leaves
    nothing to scan, a silent pass where HEAD adds a key."""
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'base')
    key = make_key(random.Random(since))
    write(git_repo, 'b.py', f'K = "{key}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'adds a key')
    result = scan('--commits', 'HEAD', f'--since={since}')
    assert result.rc == 2, (result.out, result.err)
    assert '--since' in result.err and 'no Together keys' not in result.out + result.err
    assert scan('--commits', 'HEAD', '--since=HEAD~1').rc == 1  # one commit: fine
    assert leaked([key], result.out, result.err) == []
