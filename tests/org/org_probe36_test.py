"""Session 36 (org36): a hostile round against ``scan-org`` as an outsider
reading README.md, docs/org-audit.md and docs/server-side-gate.md, after
session 35's (``org_probe35_test.py``), whose probes are not repeated.

Each case runs the real command (in process, ``scan_org``): a repos file
with a byte-order mark, Windows line ends and one server spelled in two
cases; what a local path's store holds that no ref reaches (decided as
``scan --history`` decides); submodules; shallow and partial clones;
refs that change between two runs (a tag alone, a renamed default branch,
a force-push); 5,000 refs; and the GitHub API answering with a 403, a
cut page, an empty page that points on, a repeated entry, a redirect to
another host and credentials in a clone URL (the loopback fake of
``scan_org_test``).  Each measured on 46de03d9.
"""
from __future__ import annotations

import http.server
import json
import os
import random
import shutil
import sqlite3
import subprocess
import threading

import pytest

from together_hooks.errors import InputError
from together_hooks.org import inputs
from tests.cli_run import leaked
from tests.cli_run import scan
from tests.conftest import git
from tests.keys import make_key
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos

RNG = random.Random('org36')
K = {name: make_key(RNG) for name in (
    'bom', 'crlf', 'case', 'dangling', 'amended', 'reached', 'sub', 'tag', 'retag', 'rename',
    'old', 'new', 'refs', 'shallow', 'api', 'page', 'moved', 'encoded')}
LISTING = '/orgs/acme/repos?per_page=100&type=all'


def _blob(repo: str, text: str) -> str:
    return subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=repo, input=text.encode(),
                          capture_output=True, check=True).stdout.decode().strip()


def _audit(top, lines: str, name: str = 'audit', *more: str, encoding: str = 'utf-8'):
    """scan-org of a repos file whose text is ``lines`` exactly."""
    repos = os.path.join(top, f'{name}.txt')
    with open(repos, 'w', encoding=encoding, newline='') as f:
        f.write(lines)
    return scan_org('--repos', repos, '--store', os.path.join(top, f'{name}.sqlite'),
                    '--cache-dir', os.path.join(top, 'cache'), '--format', 'json', *more, cwd=top)


def _keys_of(result) -> dict[str, set[str]]:
    """repo -> hashed_secret of each JSON finding."""
    out: dict[str, set[str]] = {}
    for f in result.json()['findings']:
        out.setdefault(f['repo'], set()).add(f['hashed_secret'])
    return out


# ------------------------------------------------------- the repos file

def test_a_byte_order_mark_is_no_part_of_the_first_repository(tmp_path):
    """Notepad and PowerShell's ``Out-File`` start a UTF-8 file with a
    byte-order mark: before, the first line named ``\\ufeff/path``, no such
    repository, and the whole audit was exit 2 with nothing scanned."""
    repo, added = key_repo(tmp_path / 'app', K['bom'])
    result = _audit(tmp_path, repo + '\r\n', 'bom', encoding='utf-8-sig')
    assert result.rc == 1, result.err
    assert _keys_of(result) == {repo: {hashed(K['bom'])}}


def test_a_mark_on_a_later_line_is_a_character_of_that_name(tmp_path):
    """The decoy: only the file's first bytes are a byte-order mark; a
    folder really named with U+FEFF first on another line is that folder."""
    repo, _ = key_repo(tmp_path / '\ufeffapp', K['bom'])
    result = _audit(tmp_path, '# repositories\n' + os.path.basename(repo) + '\n', 'mark')
    assert result.rc == 1, result.err
    assert list(_keys_of(result).values()) == [{hashed(K['bom'])}]  # its name shown escaped


def test_windows_line_ends_blanks_tabs_and_comments_are_read_as_one_repository(tmp_path):
    repo, added = key_repo(tmp_path / 'app', K['crlf'])
    text = ('# the audit\r\n\r\n   \r\n\t' + repo + '   \t\r\n' + repo + '/  # again\r\n'
            + repo + '\t#' + K['crlf'][:20] + '\r\n')
    result = _audit(tmp_path, text, 'crlf')
    assert result.rc == 1, result.err
    assert [(f['repo'], f['commit']) for f in result.json()['findings']] == [(repo, added)]
    assert '1 repositories (1 scanned' in result.err


@pytest.mark.parametrize('text', ['', '\n\n', '# acme/app\n  # acme/web\n', '\ufeff\r\n'])
def test_a_repos_file_naming_no_repository_is_exit_2_never_clean(tmp_path, text):
    """A list whose making failed (``gh repo list acme > repos.txt``
    without a login leaves it empty), or one all comments: before, 0
    repositories and exit 0, an audit that read nothing read as clean."""
    result = _audit(tmp_path, text, 'none')
    assert result.rc == 2, result.err
    assert 'names no repository' in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err


def test_one_repository_among_comments_is_an_audit(tmp_path):
    """The decoy: comments and blank lines around one repository."""
    repo, _ = key_repo(tmp_path / 'app', K['crlf'])
    result = _audit(tmp_path, f'# acme\n\n{repo}\n# end\n', 'one')
    assert result.rc == 1, result.err


@pytest.fixture(scope='module')
def served(tmp_path_factory):
    """Two repositories served over git's dumb HTTP protocol on loopback,
    ``app`` holding a key and ``App`` (another folder) the same key."""
    top = tmp_path_factory.mktemp('org36served')
    key_repo(top / 'app', K['case'])
    key_repo(top / 'App', K['case'])

    class Served(FakeGitHub):
        routes: dict = {}
        seen: list = []
        served = str(top)

    for name in ('app', 'App'):
        git(top / name, 'update-server-info')
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Served)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize('second', ['http://LocalHost:{}/git/app/.git', 'HTTP://localhost:{}/git/app/.git'])
def test_one_server_spelled_in_two_cases_is_one_repository(served, tmp_path, second):
    """A scheme and a host name the same server in any case: before,
    ``http://localhost`` and ``http://LocalHost`` were two repositories
    (the key reported twice), and ``HTTP://`` a clone git refused
    ("transport 'HTTP' not allowed"): exit 2."""
    first = f'http://localhost:{served}/git/app/.git'
    result = _audit(tmp_path, f'{first}\n{second.format(served)}\n', 'case')
    assert result.rc == 1, result.err
    assert _keys_of(result) == {first: {hashed(K['case'])}}
    assert '1 repositories (1 scanned' in result.err


def test_a_scheme_in_capitals_alone_is_cloned(served, tmp_path):
    result = _audit(tmp_path, f'HTTPS://localhost:1/x\nHTTP://localhost:{served}/git/app/.git\n', 'caps',
                    '--retries', '0')
    assert result.rc == 2, result.err  # nothing listens on port 1
    assert 'not allowed' not in result.err
    assert _keys_of(result) == {f'http://localhost:{served}/git/app/.git': {hashed(K['case'])}}


def test_paths_differing_in_case_on_one_server_stay_two(served, tmp_path):
    """The decoy: a URL's path is the server's to read (``app`` and
    ``App`` are two folders here), so each is scanned."""
    one, two = (f'http://localhost:{served}/git/{n}/.git' for n in ('app', 'App'))
    result = _audit(tmp_path, f'{one}\n{two}\n', 'paths')
    assert result.rc == 1, result.err
    assert set(_keys_of(result)) == {one, two}


def test_ssh_hosts_in_two_cases_are_one_repository_and_users_and_paths_keep_theirs(tmp_path):
    """git's ``user@host:path`` and ``ssh://`` forms: the host in any
    case is one server (before: two repositories); a user's name and a
    path keep their case (the decoys: each is another repository).  ssh
    is ``false`` here: every clone fails, each named once."""
    lines = ['git@Example.invalid:acme/app.git', 'git@example.invalid:acme/app.git',
             'git@example.invalid:Acme/app.git', 'ssh://Deploy@EXAMPLE.invalid/acme/app.git',
             'ssh://deploy@example.invalid/acme/app.git', 'ssh://deploy@example.INVALID/acme/app.git']
    result = _audit(tmp_path, ''.join(line + '\n' for line in lines), 'ssh', '--retries', '0',
                    '--timeout', '30')
    assert result.rc == 2, result.err
    assert sorted(f['repo'] for f in result.json()['failures']) == sorted(
        [lines[0], lines[2], lines[3], lines[4]])


def test_an_at_sign_in_an_scp_like_path_has_a_spelling_that_is_cloned(tmp_path):
    """``host:app@2.git`` is spelled as ``user:password@host`` is, and
    stays refused (unprinted); the docs give ``ssh://host/~/app@2.git``,
    which is a location."""
    with pytest.raises(InputError, match='carries credentials') as e:
        inputs.normalize('host:app@2.git', str(tmp_path))
    assert 'app@2' not in str(e.value)
    assert inputs.normalize('ssh://host/~/app@2.git', str(tmp_path)) == 'ssh://host/~/app@2.git'


# ------------------------------------- what a local path's store holds

@pytest.fixture(scope='module')
def unreached(tmp_path_factory):
    """A local repository whose store holds a key no ref reaches (a blob
    ``git add``ed and never committed, a commit amended away) beside one
    a ref reaches; audited once, and scanned by ``scan --history``."""
    top = tmp_path_factory.mktemp('org36unreached')
    repo, _ = key_repo(top / 'app', K['reached'])
    _blob(repo, f'TOGETHER_API_KEY={K["dangling"]}\n')
    commit(repo, {'amend.py': f'KEY = "{K["amended"]}"\n'})
    git(repo, 'reset', '-q', '--hard', 'HEAD~1')
    git(repo, 'reflog', 'expire', '--expire=now', '--all')
    audit = _audit(top, repo + '\n', 'unreached')
    history = scan('--history', '--format', 'json', cwd=repo)
    return repo, audit, history


def test_a_key_no_ref_reaches_is_not_the_audits_as_it_is_not_scan_historys(unreached):
    """docs/org-audit.md: what refs reach is audited; an object only the
    store holds (a local path's, copied by the mirror clone) is not, as
    ``scan --history`` decides for a local clone."""
    repo, audit, history = unreached
    assert audit.rc == 1 and history.rc == 1, (audit.err, history.err)
    assert _keys_of(audit) == {repo: {hashed(K['reached'])}}
    assert {f['hashed_secret'] for f in history.json()['findings']} == {hashed(K['reached'])}


def test_the_mirror_of_a_local_path_holds_what_was_left_unscanned(unreached):
    """What the docs warn of: the mirror clone copies the store whole, so
    the dangling blob is on the cache's disk (``git fsck`` finds it)."""
    repo, _, _ = unreached
    cache = os.path.join(os.path.dirname(repo), 'cache')
    (entry,) = [e for e in os.listdir(cache) if not e.endswith('.lock')]
    out = git(os.path.join(cache, entry), 'fsck', '--unreachable', '--no-reflogs')
    assert 'unreachable blob' in out


def test_a_submodules_own_history_is_audited_only_when_listed(tmp_path):
    """A submodule is a gitlink in its parent: its content is another
    repository, audited when the repos file lists it (docs/org-audit.md)."""
    sub, added = key_repo(tmp_path / 'sub', K['sub'])
    parent, _ = key_repo(tmp_path / 'parent', make_key(random.Random('org36-parent')))
    git(parent, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/sub')
    git(parent, 'commit', '-q', '-m', 'add the submodule')
    alone = _audit(tmp_path, parent + '\n', 'alone')
    assert hashed(K['sub']) not in _keys_of(alone)[parent]
    both = _audit(tmp_path, f'{parent}\n{sub}\n', 'both')
    assert hashed(K['sub']) in _keys_of(both)[sub]


@pytest.mark.parametrize('how', ['shallow', 'partial'])
def test_a_local_clone_missing_its_history_is_not_scanned_never_clean(tmp_path, how):
    """A shallow or partial local clone lacks what it would audit: not
    scanned, exit 2, never a clean repository."""
    repo, _ = key_repo(tmp_path / 'app', K['shallow'])
    git(repo, 'config', 'uploadpack.allowFilter', 'true')
    flag = '--depth=1' if how == 'shallow' else '--filter=blob:none'
    git(tmp_path, 'clone', '-q', flag, 'file://' + repo, str(tmp_path / how))
    result = _audit(tmp_path, str(tmp_path / how) + '\n', how)
    assert result.rc == 2, result.err
    assert result.json()['findings'] == []
    assert [f['repo'] for f in result.json()['failures']] == [str(tmp_path / how)]


# ----------------------------------------- refs that change between runs

@pytest.fixture(scope='module')
def runs(tmp_path_factory):
    """One repository audited after each change of its refs: a
    lightweight tag on a blob, an annotated tag forced over it, the default
    branch renamed, then a force-push of a new history."""
    top = tmp_path_factory.mktemp('org36runs')
    repo, added = key_repo(top / 'app', K['old'])
    results = {'first': _audit(top, repo + '\n', 'runs')}
    git(repo, 'tag', 'tb', _blob(repo, f'TOGETHER_API_KEY={K["tag"]}\n'))
    results['tag'] = _audit(top, repo + '\n', 'runs')
    git(repo, 'tag', '-f', '-a', 'tb', '-m', f'TOGETHER_API_KEY={K["retag"]}', 'HEAD~1')
    results['retag'] = _audit(top, repo + '\n', 'runs')
    git(repo, 'branch', '-q', '-m', 'main', 'trunk')
    results['rename'] = _audit(top, repo + '\n', 'runs')
    git(repo, 'tag', '-d', 'tb')
    git(repo, 'checkout', '-q', '--orphan', 'fresh')
    new = commit(repo, {'n.py': f'KEY = "{K["new"]}"\n'})
    git(repo, 'branch', '-q', '-M', 'fresh', 'trunk')
    results['force'] = _audit(top, repo + '\n', 'runs')
    with sqlite3.connect(os.path.join(top, 'runs.sqlite')) as db:
        rows = {h: (first, last) for h, first, last in db.execute(
            'SELECT hashed_secret, first_run, last_run FROM findings')}
        scanned = db.execute('SELECT scanned_run FROM repositories').fetchall()
    return repo, added, new, results, rows, scanned


def test_a_new_key_only_in_a_tag_is_found_by_the_next_run(runs):
    repo, _, _, results, _, _ = runs
    assert results['tag'].rc == 1
    assert _keys_of(results['tag'])[repo] == {hashed(K['old']), hashed(K['tag'])}
    assert '(1 scanned, 0 unchanged' in results['tag'].err


def test_a_tag_forced_onto_another_object_is_read_again(runs):
    repo, _, _, results, _, _ = runs
    assert hashed(K['retag']) in _keys_of(results['retag'])[repo]


def test_a_renamed_default_branch_keeps_one_finding_per_key(runs):
    repo, added, _, results, _, _ = runs
    findings = results['rename'].json()['findings']
    assert [f['commit'] for f in findings if f['hashed_secret'] == hashed(K['old'])] == [added]
    assert len(findings) == len({(f['hashed_secret'], f['path']) for f in findings})


def test_a_force_pushed_key_stays_reported_and_the_store_says_when_it_was_last_seen(runs):
    repo, added, new, results, rows, scanned = runs
    result = results['force']
    assert result.rc == 1
    keys = _keys_of(result)[repo]
    assert {hashed(K['old']), hashed(K['tag']), hashed(K['new'])} <= keys
    assert rows[hashed(K['new'])] == (5, 5)
    assert rows[hashed(K['old'])] == (1, 4)  # its history gone from every ref in run 5
    assert rows[hashed(K['tag'])] == (2, 2)  # its tag moved in run 3
    assert rows[hashed(K['retag'])] == (3, 4)
    assert scanned == [(5,)]


def test_the_reports_say_no_author_for_a_tagged_blob_and_one_for_a_commit(runs):
    """A blob a tag names has no author nor date: the text and SARIF
    reports said ``added in blob <id> by  on ``; now they leave both out,
    as ``scan``'s reports do.  The decoy: a commit's line names its author."""
    repo = runs[0]
    store = os.path.join(os.path.dirname(repo), 'runs.sqlite')
    text = scan_org('report', '--store', store, '--format', 'text')
    sarif = scan_org('report', '--store', store, '--format', 'sarif')
    assert text.rc == 1 and sarif.rc == 1
    messages = [r['message']['text'] for run in json.loads(sarif.out)['runs'] for r in run['results']]
    for said in (text.out.splitlines(), messages):
        blob = [line for line in said if 'added in blob ' in line]
        assert blob and all(' by ' not in line and ' on ' not in line for line in blob), blob
        assert any(' by Dev <dev@example.com> on 20' in line for line in said), said


def test_five_thousand_refs_on_one_commit_are_one_finding(tmp_path):
    repo, added = key_repo(tmp_path / 'app', K['refs'])
    head = git(repo, 'rev-parse', 'HEAD').strip()
    subprocess.run(('git', 'update-ref', '--stdin'), cwd=repo, check=True, input=''.join(
        f'create refs/heads/b{n:05} {head}\n' for n in range(5000)).encode())
    result = _audit(tmp_path, repo + '\n', 'refs')
    assert result.rc == 1, result.err
    assert [(f['commit'], f['path']) for f in result.json()['findings']] == [(added, 'config.py')]


# ------------------------------------------------------ the GitHub API

def _org(tmp_path, api, *more: str, token: str = 'ghp_' + 'org36T0ken' * 3):
    return scan_org('--github-org', 'acme', '--github-api-url', api, '--store',
                    str(tmp_path / 'gh.sqlite'), '--cache-dir', str(tmp_path / 'cache'),
                    '--format', 'json', *more, cwd=tmp_path, env={'GITHUB_TOKEN': token})


class _Raw(FakeGitHub):
    """The fake API, and a path answered with raw bytes (a page cut short,
    a 403 of a token without the scope, a redirect)."""

    raw: dict = {}

    def do_GET(self) -> None:  # noqa: N802
        answer = self.raw.get(self.path)
        if answer is None:
            return super().do_GET()
        self.seen.append((self.path, self.headers.get('Authorization')))
        code, headers, body = answer
        self.send_response(code)
        for name, value in {**headers, 'Content-Length': str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def raw_api(tmp_path):
    servers = []

    def start(handler):
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return f'http://127.0.0.1:{server.server_address[1]}'

    FakeGitHub.routes, FakeGitHub.seen, FakeGitHub.limited = {}, [], set()
    FakeGitHub.served, FakeGitHub.flaky, FakeGitHub.changes = None, {}, {}
    FakeGitHub.owner, _Raw.raw = True, {}
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _two_pages(api: str, page1: list, page2: list) -> str:
    second = f'{LISTING}&page=2'
    FakeGitHub.routes = {LISTING: (page1, f'<{api}{second}>; rel="next"'), second: (page2, None)}
    return second


@pytest.mark.parametrize('answer', [
    (403, {'Content-Type': 'application/json'},
     b'{"message": "Resource not accessible by personal access token"}'),
    (200, {'Content-Type': 'application/json'}, b'[{"name": "b", "full_name": "acme/b", "clo'),
    (200, {'Content-Type': 'application/json'}, b'{"message": "Not Found"}'),
])
def test_a_second_page_that_fails_is_exit_2_and_no_report_reads_clean(tmp_path, raw_api, answer):
    """A token lacking a scope (a 403 that is no rate limit), a page cut
    short, an object where a list belongs: one line, exit 2; the first
    page's repository is not reported alone as a clean organisation."""
    api = raw_api(_Raw)
    repo, _ = key_repo(tmp_path / 'a', K['page'])
    url = serve_repos(api, tmp_path, 'a')
    second = _two_pages(api, [api_repo('a', url['a'])], [])
    _Raw.raw = {second: answer}
    result = _org(tmp_path, api)
    assert result.rc == 2, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert result.out == ''
    assert not [p for p, _ in FakeGitHub.seen if p.startswith('/git/')]  # nothing cloned


def test_an_empty_page_pointing_on_is_followed(tmp_path, raw_api):
    api = raw_api(_Raw)
    repo, added = key_repo(tmp_path / 'a', K['page'])
    url = serve_repos(api, tmp_path, 'a')
    _two_pages(api, [], [api_repo('a', url['a'])])
    result = _org(tmp_path, api)
    assert result.rc == 1, result.err
    assert _keys_of(result) == {url['a']: {hashed(K['page'])}}


def test_a_repository_listed_on_two_pages_is_scanned_and_counted_once(tmp_path, raw_api):
    api = raw_api(_Raw)
    key_repo(tmp_path / 'a', K['api'])
    url = serve_repos(api, tmp_path, 'a')
    entry = api_repo('a', url['a'], id=7)
    _two_pages(api, [entry], [dict(entry)])
    FakeGitHub.routes['/orgs/acme'] = ({'login': 'acme', 'public_repos': 1, 'owned_private_repos': 0}, None)
    result = _org(tmp_path, api)
    assert result.rc == 1, result.err
    assert len(result.json()['findings']) == 1
    assert '1 repositories (1 scanned' in result.err


def test_a_redirect_to_another_host_stops_the_run_and_the_token_stays(tmp_path, raw_api):
    """GitHub redirects a renamed organisation on its own host; one to
    another host is refused, and that host never sees the token."""
    other = raw_api(_Raw)  # records every request it gets
    api = raw_api(type('Api', (_Raw,), {'raw': {LISTING: (301, {'Location': f'{other}{LISTING}'}, b'')},
                                        'seen': []}))
    token = 'ghp_' + 'redirT0ken' * 3
    result = _org(tmp_path, api, token=token)
    assert result.rc == 2 and 'another host' in result.err, result.err
    assert not FakeGitHub.seen  # the other host: nothing asked
    assert token not in result.out + result.err


def test_a_clone_url_with_credentials_from_the_api_is_refused_unprinted(tmp_path, raw_api):
    api = raw_api(_Raw)
    word = 'pw' + '%024x' % random.Random('org36-api-pw').getrandbits(96)
    host = api.split('://', 1)[1]
    FakeGitHub.routes = {LISTING: ([api_repo('a', f'http://x-access-token:{word}@{host}/git/a')], None)}
    result = _org(tmp_path, api)
    assert result.rc == 2 and 'carries credentials' in result.err, result.err
    assert word not in result.out + result.err
    assert not os.path.exists(tmp_path / 'gh.sqlite') or word.encode() not in open(
        tmp_path / 'gh.sqlite', 'rb').read()


@pytest.mark.parametrize('org', ['{key}', 'acme/../users/{key}', 'acme?q={key}', 'acme#x'])
def test_an_organisation_name_that_is_none_is_refused_before_any_request(tmp_path, raw_api, org):
    """A key pasted as ``--github-org`` (or a name with a path or a
    query in it): before, ``GET /orgs/<it>`` was sent to the API first
    (the key in a URL to GitHub, ``acme/..`` another endpoint), and only
    then refused.  Now one line, exit 2, nothing asked."""
    api = raw_api(_Raw)
    key = make_key(random.Random('org36-org-' + org))
    result = scan_org('--github-org', org.format(key=key), '--github-api-url', api,
                      '--store', str(tmp_path / 'gh.sqlite'), cwd=tmp_path, env={})
    assert result.rc == 2 and 'not an organisation name' in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert FakeGitHub.seen == []
    assert leaked([key], result.out, result.err) == []


def test_the_counts_of_an_organisation_name_that_is_none_are_never_asked(raw_api):
    """``org_counts`` holds to the same check, for any other caller."""
    api = raw_api(_Raw)
    with pytest.raises(InputError, match='not an organisation name'):
        inputs.org_counts(inputs.GitHub(api, None), 'acme/../users/x')
    assert FakeGitHub.seen == []


def test_an_organisation_name_with_a_hyphen_is_asked_for(tmp_path, raw_api):
    """The decoy: a real organisation's name (letters, digits, ``-``)
    is listed."""
    api = raw_api(_Raw)
    FakeGitHub.routes = {'/orgs/acme-2/repos?per_page=100&type=all': ([], None)}
    result = scan_org('--github-org', 'acme-2', '--github-api-url', api,
                      '--store', str(tmp_path / 'gh.sqlite'), cwd=tmp_path, env={})
    assert result.rc == 0, result.err
    assert [p for p, _ in FakeGitHub.seen][0] == '/orgs/acme-2'


# ------------------------------------------------- the store and reports

def test_a_store_moved_to_another_path_reports_the_same(tmp_path):
    repo, added = key_repo(tmp_path / 'app', K['moved'])
    first = _audit(tmp_path, repo + '\n', 'moved')
    os.makedirs(tmp_path / 'archive')
    shutil.move(str(tmp_path / 'moved.sqlite'), str(tmp_path / 'archive' / 'a.sqlite'))
    report = scan_org('report', '--store', str(tmp_path / 'archive' / 'a.sqlite'),
                      '--format', 'json', cwd=tmp_path)
    assert report.rc == 1, report.err
    assert report.json()['findings'] == first.json()['findings']


def test_a_repos_files_path_holding_a_key_is_kept_redacted_in_the_store(tmp_path):
    """The store keeps each run's source (``repos file PATH``): before,
    a repos file in a folder named with a key put the whole key in the
    store's ``runs`` table.  The decoy: a plain path is kept as written."""
    key = make_key(random.Random('org36-source'))
    repo, _ = key_repo(tmp_path / 'app', K['moved'])
    for folder in ('plain', 'd-' + key):
        os.makedirs(tmp_path / folder)
        result = _audit(tmp_path / folder, repo + '\n', 'repos-' + folder)
        assert result.rc == 1, result.err
        store = tmp_path / folder / f'repos-{folder}.sqlite'
        with sqlite3.connect(store) as db:
            (source,) = db.execute('SELECT source FROM runs').fetchone()
        with open(store, 'rb') as f:
            assert leaked([key], f.read().decode('latin-1'), result.out, result.err) == []
    assert source.startswith('repos file ') and 'd-tgp_v1_' in source
    with sqlite3.connect(tmp_path / 'plain' / 'repos-plain.sqlite') as db:
        assert db.execute('SELECT source FROM runs').fetchall() == [
            (f'repos file {tmp_path}/plain/repos-plain.txt',)]


def test_a_listing_shortfall_under_an_api_url_holding_a_key_is_kept_redacted(tmp_path, raw_api):
    """An organisation listed short is kept in the store (a row of every
    report until a listing misses nothing), named by the API's URL: before,
    an API root whose path held a key (``--github-api-url`` takes a path,
    ``https://HOST/api/v3``) put the whole key in the store's ``meta``."""
    key = make_key(random.Random('org36-listing'))
    api = raw_api(_Raw) + '/' + key
    FakeGitHub.routes = {f'/{key}/orgs/acme': ({'login': 'acme', 'public_repos': 1}, None),
                         f'/{key}{LISTING}': ([], None)}
    result = scan_org('--github-org', 'acme', '--github-api-url', api, '--store',
                      str(tmp_path / 'gh.sqlite'), cwd=tmp_path, env={})
    assert result.rc == 2 and 'listed 0 of its 1 public' in result.err, result.err
    report = scan_org('report', '--store', str(tmp_path / 'gh.sqlite'))
    assert report.rc == 2 and 'NOT SCANNED: the GitHub API listed 0 of its 1' in report.out
    assert '/tgp_v1_' in report.out  # the row is there, its key redacted
    with open(tmp_path / 'gh.sqlite', 'rb') as f:
        assert leaked([key], f.read().decode('latin-1'), result.out, result.err, report.out) == []


def test_a_key_percent_encoded_in_a_file_url_is_in_no_report(tmp_path):
    """A folder named with a key, its ``file://`` URL spelling every
    character as ``%XX``: the key is in no format's output nor the store
    in any form (``leaked`` reads percent-escapes)."""
    repo, _ = key_repo(tmp_path / ('app-' + K['encoded']), K['encoded'])
    url = 'file://' + os.path.dirname(repo) + '/app-' + ''.join('%%%02X' % ord(c) for c in K['encoded'])
    result = _audit(tmp_path, url + '\n', 'encoded', '--format', 'text')
    assert result.rc == 1, result.err
    texts = [result.out, result.err]
    for fmt in ('json', 'sarif', 'markdown'):  # the store's report in each other format
        report = scan_org('report', '--store', str(tmp_path / 'encoded.sqlite'), '--format', fmt)
        assert report.rc == 1, report.err
        texts += [report.out, report.err]
    with open(tmp_path / 'encoded.sqlite', 'rb') as f:
        texts.append(f.read().decode('latin-1'))
    assert leaked([K['encoded']], *texts) == []
