"""``scan-org --github-org`` against a hostile or failing API on loopback:
git reaches no host but the API's own, paging cannot loop, and a failing
server is retried a bounded number of times, then one line and exit 2."""
from __future__ import annotations

import concurrent.futures
import http.server
import threading
import time

import pytest

from tests.cli_run import assert_error_line
from tests.conftest import git
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import found
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos
from tests.org.scan_org_test import write_lines


class Elsewhere(http.server.BaseHTTPRequestHandler):
    """Another host (another port of loopback): must never be asked."""

    asked: list = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.asked.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def elsewhere():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Elsewhere)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Elsewhere.asked = []
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


class Redirecting(FakeGitHub):
    """The API's host answers a clone with a redirect to ``target``."""

    target = ''

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith('/git/moved/'):
            self.send_response(302)
            self.send_header('Location', self.target + self.path)
            self.end_headers()
            return
        super().do_GET()


def test_a_clone_redirected_off_the_api_host_is_not_followed(tmp_path, keys, github, elsewhere):
    """The clone URL is on the API's host, but its server redirects git to
    another host: git followed it (``http.followRedirects`` is ``initial``
    by default), so a server answering for the API could send workers
    anywhere.  Now git follows no redirect and speaks the API's scheme only."""
    import urllib.parse

    key = keys()
    good, good_commit = key_repo(tmp_path / 'good', key)
    url = serve_repos(github, tmp_path, 'good')
    Redirecting.target = elsewhere
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Redirecting)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        api = f'http://127.0.0.1:{server.server_address[1]}'
        good_url = url['good'].replace(github, api)
        FakeGitHub.routes = {'/orgs/acme/repos?per_page=100&type=all': (
            [api_repo('good', good_url), api_repo('moved', f'{api}/git/moved/.git')], None,
        )}
        result = scan_org('--github-org', 'acme', '--github-api-url', api, '--store',
                          str(tmp_path / 's.sqlite'), '--format', 'json',
                          '--cache-dir', str(tmp_path / 'cache'), env={})
    finally:
        server.shutdown()
        server.server_close()
    assert Elsewhere.asked == []
    assert result.rc == 2, result.err
    assert found(result) == {(good_url, good_commit, 'config.py', hashed(key))}
    assert f'{api}/git/moved/.git: not scanned: ' in result.err
    assert urllib.parse.urlsplit(elsewhere).netloc not in result.err


def test_git_speaks_only_the_api_scheme(tmp_path):
    """The transport check of a clone URL is made twice: by the listing,
    and by git itself (``protocol.allow``), for what the listing misses."""
    import subprocess

    from together_hooks.org.mirror import git_env

    repo, _ = key_repo(tmp_path / 'r', 'no key here')

    def ls_remote(env: dict) -> int:
        return subprocess.run(('git', 'ls-remote', f'file://{repo}'), env=env,
                              capture_output=True).returncode

    assert ls_remote(git_env(None, None)) == 0  # a repos file's own URLs: git's defaults
    assert ls_remote(git_env(None, None, 'https')) != 0


class Failing(http.server.BaseHTTPRequestHandler):
    """``/ok`` answers a page; ``/5xx`` a 502 the first ``failures[path]``
    times; ``/cut`` a body cut short; ``/hang`` nothing at all; ``/a`` and
    ``/b`` are pages whose next page is each other."""

    failures: dict = {}
    calls: list = []

    def do_GET(self) -> None:  # noqa: N802
        self.calls.append(self.path)
        left = self.failures.get(self.path, 0)
        if left:
            self.failures[self.path] = left - 1
            if self.path == '/hang':
                time.sleep(3)
                return
            if self.path == '/cut':
                self.send_response(200)
                self.send_header('Content-Length', '1000')
                self.end_headers()
                self.wfile.write(b'[{"a": ')
                return
            if self.path == '/busy':
                self.send_response(503)
                self.send_header('Retry-After', '7')
            elif self.path in ('/secondary', '/forbidden', '/dated'):
                message = (b'Resource not accessible by integration' if self.path == '/forbidden'
                           else b'You have exceeded a secondary rate limit.')
                self.send_response(403)
                if self.path == '/dated':
                    import email.utils

                    self.send_header('Retry-After', email.utils.formatdate(
                        time.time() + 120, usegmt=True))
                self.send_header('Content-Length', str(len(message) + 16))
                self.end_headers()
                self.wfile.write(b'{"message": "' + message + b'"}')
                return
            else:
                self.send_response(502)
            self.end_headers()
            return
        other = {'/a': '/b', '/b': '/a'}.get(self.path)
        self.send_response(200)
        if other:
            self.send_header('Link', f'<http://{self.headers["Host"]}{other}>; rel="next"')
        data = b'[{"a": 1}]'
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def failing():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Failing)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Failing.failures, Failing.calls = {}, []
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize('path', ['/5xx', '/cut', '/hang'])
def test_a_failing_api_is_tried_again_a_bounded_number_of_times(failing, path):
    """A 502, an answer cut short, a request that times out: each ended
    the listing at once, so one passing failure lost an audit of
    thousands of repositories.  Each is tried
    again after 1, 2, 4, 8, 16 seconds; a server failing every time ends
    the run with one line naming the last failure."""
    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    waits: list[float] = []
    said: list[str] = []
    client = GitHub(failing, 'a-token', sleep=waits.append, say=said.append, timeout=0.5)
    Failing.failures = {path: 2}
    assert list(client.pages(path)) == [{'a': 1}]
    assert waits == [1, 2] and len(said) == 2
    assert Failing.calls == [path] * 3

    Failing.failures = {path: 100}
    waits.clear()
    client.timeout = 0.1  # every call fails now: /hang's six need not wait 0.5 s each
    with pytest.raises(InputError, match=r'after 6 attempts\)$') as e:
        list(client.pages(path))
    assert waits == [1, 2, 4, 8, 16]
    assert '\n' not in str(e.value) and 'a-token' not in str(e.value)


def test_paging_that_loops_stops(failing):
    """A next page that was already read: paging went on forever,
    reading the same repositories again and again."""
    import itertools

    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    client = GitHub(failing, None, sleep=lambda _s: None, say=lambda _t: None)
    with pytest.raises(InputError, match='repeats an earlier one'):
        list(itertools.islice(client.pages('/a'), 50))
    assert Failing.calls == ['/a', '/b']


def test_an_unreachable_api_is_one_line_at_once(tmp_path):
    """A refused connection is the same next time: no retries."""
    import socket

    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]  # closed: nothing listens there
    result = scan_org('--github-org', 'acme', '--github-api-url', f'http://127.0.0.1:{port}',
                      '--store', str(tmp_path / 's.sqlite'), env={})
    assert result.rc == 2 and 'cannot reach' in result.err and 'trying again' not in result.err


def test_repositories_left_out_by_choice_are_said(tmp_path, github):
    """Forks of the organisation (off by default) and, with
    ``--skip-archived``, archived repositories were left out without a
    word: a clean audit that had not read them."""
    FakeGitHub.routes = {'/orgs/acme/repos?per_page=100&type=all': ([
        api_repo('fork-a', f'{github}/git/a.git', fork=True),
        api_repo('fork-b', f'{github}/git/b.git', fork=True),
        api_repo('old', f'{github}/git/old.git', archived=True),
    ], None)}
    args = ('--github-org', 'acme', '--github-api-url', github,
            '--cache-dir', str(tmp_path / 'c'))
    result = scan_org(*args, '--store', str(tmp_path / 's.sqlite'), '--skip-archived', env={})
    assert result.rc == 0, result.err
    assert ('left out 2 fork(s) of the organisation (--include-forks scans them) and '
            '1 archived repositories (--skip-archived)') in result.err
    none = scan_org(*args, '--store', str(tmp_path / 't.sqlite'), '--include-forks', env={})
    assert 'left out' not in none.err


def test_a_503_that_says_when_to_come_back_is_waited_for(failing):
    """``503`` with ``Retry-After`` (a server in maintenance): its wait was
    ignored and the next try came after 1 second."""
    from together_hooks.org.inputs import GitHub

    waits: list[float] = []
    client = GitHub(failing, None, sleep=waits.append, say=lambda _t: None)
    Failing.failures = {'/busy': 1}
    assert list(client.pages('/busy')) == [{'a': 1}]
    assert waits == [7]


class Renamed(FakeGitHub):
    """An organisation renamed (or moved): its old listing URL answers a
    redirect to ``moved_to``; the listing shows the private repositories
    only to a request with the token, as GitHub's does."""

    moved_to = ''
    private: dict = {}

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith('/orgs/old/'):
            self.seen.append((self.path, self.headers.get('Authorization')))
            self.send_response(301)
            self.send_header('Location', self.moved_to)
            self.end_headers()
            return
        body, link = self.routes.get(self.path, (None, None))
        if body is not None and self.headers.get('Authorization'):
            self.routes = {**self.routes, self.path: (body + [self.private], link)}
        super().do_GET()


@pytest.fixture
def renamed():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Renamed)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    FakeGitHub.routes, FakeGitHub.seen, FakeGitHub.served = {}, [], None
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


def test_a_redirected_listing_keeps_the_token_on_the_api_host(tmp_path, keys, renamed):
    """GitHub answers a renamed organisation or repository with a 301 on
    its own host.  urllib followed it and dropped the token (it was an
    unredirected header), so the listing came back without the private
    repositories and the audit read as clean (exit 0) without them.  Now
    a redirect on the API's own host is followed with the token."""
    key = keys()
    key_repo(tmp_path / 'secret', key)
    clean = new_repo(tmp_path / 'public')
    commit(clean, {'a.txt': 'nothing\n'})
    url = serve_repos(renamed, tmp_path, 'public', 'secret')
    listing = '/organizations/7/repos?per_page=100&type=all'
    Renamed.moved_to = f'{renamed}{listing}'
    Renamed.private = api_repo('secret', url['secret'], private=True)
    FakeGitHub.routes = {listing: ([api_repo('public', url['public'])], None)}
    result = scan_org('--github-org', 'old', '--github-api-url', renamed, '--format', 'json',
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      env={'GITHUB_TOKEN': 'gh-test-token-1234'})
    assert result.rc == 1, result.err
    assert {f['repo'] for f in result.json()['findings']} == {url['secret']}
    assert '2 repositories (2 scanned' in result.err
    api_calls = [(p, a) for p, a in FakeGitHub.seen if not p.startswith('/git/')]
    # the organisation's counts first (GET /orgs/old), then the listing
    assert api_calls[1:3] == [('/orgs/old/repos?per_page=100&type=all',
                               'Bearer gh-test-token-1234'),
                              (listing, 'Bearer gh-test-token-1234')]
    assert {a for _, a in api_calls} == {'Bearer gh-test-token-1234'}
    assert 'gh-test-token-1234' not in result.out + result.err


def test_a_listing_redirected_off_the_api_host_stops(tmp_path, renamed, elsewhere):
    """A redirect to another host was followed (without the token, but
    the listing then came from a host the user never named, and paging
    went on from there).  Now it stops the run: one line, exit 2."""
    Renamed.moved_to = f'{elsewhere}/orgs/acme/repos'
    result = scan_org('--github-org', 'old', '--github-api-url', renamed,
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      env={'GITHUB_TOKEN': 'gh-test-token-1234'})
    assert Elsewhere.asked == []
    assert_error_line(result, 'redirect')


def test_redirects_are_followed_a_bounded_number_of_times(tmp_path, renamed):
    """A redirect that leads to itself ends with one line, exit 2 (urllib
    bounded it too; the redirects are followed by our code now)."""
    Renamed.moved_to = f'{renamed}/orgs/old/repos?per_page=100&type=all'
    result = scan_org('--github-org', 'old', '--github-api-url', renamed,
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      env={'GITHUB_TOKEN': 'gh-test-token-1234'})
    assert_error_line(result, 'redirect')
    assert len([p for p, _ in FakeGitHub.seen if p.startswith('/orgs/old/repos')]) <= 6


def test_a_secondary_rate_limit_without_headers_is_waited_for(failing):
    """GitHub's secondary rate limit can come as a ``403`` with neither
    ``Retry-After`` nor ``X-RateLimit-Remaining: 0``, only its message;
    GitHub asks for a wait of at least a minute, longer each time.  It
    ended the listing (exit 2) at once: an audit of thousands of
    repositories lost to one burst.  A ``403`` that is "no access" is
    still one line at once, and ``Retry-After`` as an HTTP date (which
    the standard allows) was not read as a wait either."""
    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    waits: list[float] = []
    client = GitHub(failing, None, sleep=waits.append, say=lambda _t: None)
    Failing.failures = {'/secondary': 2}
    assert list(client.pages('/secondary')) == [{'a': 1}]
    assert waits == [60, 120]

    waits.clear()
    Failing.failures = {'/dated': 1}
    assert list(client.pages('/dated')) == [{'a': 1}]
    assert len(waits) == 1 and 100 < waits[0] <= 121

    waits.clear()
    Failing.failures = {'/forbidden': 1}
    with pytest.raises(InputError, match='403'):
        list(client.pages('/forbidden'))
    assert waits == []


def test_a_listing_short_of_the_organisations_counts_fails_closed(tmp_path, github):
    """The listing is all the audit reads: a token that cannot read some
    private repositories lists the others without a word, and GitHub
    pages by offset, so a repository deleted while the listing is read
    shifts the next page and one that exists is never listed.  The run
    read as clean (exit 0).  Now the listing is held against the
    organisation's own counts (``GET /orgs/ORG``): what it scanned is
    kept and reported, and the run exits 2 naming what is missing."""
    clean = new_repo(tmp_path / 'app')
    commit(clean, {'a.txt': 'nothing\n'})
    url = serve_repos(github, tmp_path, 'app')
    listing = '/orgs/acme/repos?per_page=100&type=all'
    FakeGitHub.routes = {
        listing: ([api_repo('app', url['app'])], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 2, 'owned_private_repos': 1}, None),
    }
    args = ('--github-org', 'acme', '--github-api-url', github,
            '--cache-dir', str(tmp_path / 'c'))
    token = {'GITHUB_TOKEN': 'gh-test-token-1234'}
    short = scan_org(*args, '--store', str(tmp_path / 's.sqlite'), env=token)
    assert short.rc == 2, short.err
    assert '1 repositories (1 scanned, 0 unchanged, 0 failed)' in short.out
    assert short.err.strip().splitlines()[-1] == (
        'together-hooks: scan-org: not scanned: the GitHub API listed 1 of its 2 public and '
        '0 of its 1 private repositories of acme (GET /orgs/acme before and after the '
        'listing): the others are not scanned (a token that cannot read them, or '
        'repositories created or deleted while the listing was read: run again)')

    # A token the organisation does not show its private count to (a
    # member's: GitHub shows it to owners) cannot check the listing: what
    # was listed is scanned, and the run fails closed (tests/org/listing_test.py).
    FakeGitHub.routes['/orgs/acme'] = ({'login': 'acme', 'public_repos': 1}, None)
    hidden = scan_org(*args, '--store', str(tmp_path / 't.sqlite'), env=token)
    assert hidden.rc == 2, hidden.err
    assert 'cannot see how many private repositories acme has' in hidden.err
    assert '1 repositories (1 scanned, 0 unchanged, 0 failed)' in hidden.out
    del FakeGitHub.routes['/orgs/acme']  # the fake's own counts, with the token
    met = scan_org(*args, '--store', str(tmp_path / 'u.sqlite'), env=token)
    assert met.rc == 0 and 'private' not in met.err, met.err


def test_wikis_are_scanned_with_include_wikis(tmp_path, keys, github):
    """A GitHub wiki is a git repository of its own (``NAME.wiki.git``),
    where keys get pasted into setup pages; it was never read, and
    nothing said so.  ``--include-wikis`` scans each wiki a repository
    has turned on (``has_wiki``); one with no page yet (GitHub answers
    "not found") is no failure.  Without the flag the run says how many
    wikis it left out."""
    app_key, wiki_key = keys(), keys()
    for name, key in (('app', app_key), ('app.wiki', wiki_key), ('lib', None)):
        src = new_repo(tmp_path / 'src' / name)
        commit(src, {'Home.md' if 'wiki' in name else 'a.py':
                     f'TOGETHER_API_KEY = "{key}"\n' if key else 'nothing\n'})
        git(tmp_path, 'clone', '-q', '--bare', src, str(tmp_path / f'{name}.git'))
        git(tmp_path / f'{name}.git', 'update-server-info')
    FakeGitHub.served = str(tmp_path)
    FakeGitHub.routes = {'/orgs/acme/repos?per_page=100&type=all': ([
        api_repo('app', f'{github}/git/app.git', has_wiki=True),
        api_repo('lib', f'{github}/git/lib.git', has_wiki=True),  # no page: no wiki repository
    ], None)}
    args = ('--github-org', 'acme', '--github-api-url', github, '--format', 'json',
            '--cache-dir', str(tmp_path / 'c'))
    without = scan_org(*args, '--store', str(tmp_path / 's.sqlite'), env={})
    assert without.rc == 1, without.err
    assert {f['hashed_secret'] for f in without.json()['findings']} == {hashed(app_key)}
    assert 'left out 2 wiki(s) (--include-wikis scans them)' in without.err

    wikis = scan_org(*args, '--include-wikis', '--store', str(tmp_path / 't.sqlite'), env={})
    assert wikis.rc == 1, wikis.err
    assert {(f['repo'], f['path'], f['hashed_secret']) for f in wikis.json()['findings']} == {
        (f'{github}/git/app.git', 'a.py', hashed(app_key)),
        (f'{github}/git/app.wiki.git', 'Home.md', hashed(wiki_key)),
    }
    assert '4 repositories (4 scanned, 0 unchanged, 0 failed)' in wikis.err
    assert 'not scanned' not in wikis.err and 'left out' not in wikis.err


def test_a_clone_failing_on_the_way_is_tried_again(tmp_path, keys, github):
    """A 502 from the git host (or a connection cut) during a clone made
    the repository "not scanned" and the run exit 2: an audit of
    thousands of repositories never came out whole.  A clone or fetch
    that fails so is tried again (after --retry-pause seconds, 2 unless
    set, then twice that); one that keeps failing is still not scanned,
    named with its attempts."""
    key = keys()
    repo, added = key_repo(tmp_path / 'app', key)
    key_repo(tmp_path / 'lib', keys())
    urls = serve_repos(github, tmp_path, 'app', 'lib')
    url = urls['app']
    refs, lib_refs = '/git/app/.git/info/refs', '/git/lib/.git/info/refs'
    # A short pause: the suite need not wait 2 + 4 s; what the pauses are
    # is read from when the host saw each attempt.
    pause = 0.5
    args = ('--format', 'json', '--cache-dir', str(tmp_path / 'c'), '--retry-pause', str(pause))
    # Both runs at once, each on a repository of its own: app fails
    # twice, lib every time.
    FakeGitHub.flaky = {refs: 2, lib_refs: 100}
    listing = write_lines(tmp_path / 'r.txt', url)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        failing_run = pool.submit(
            scan_org, '--repos', write_lines(tmp_path / 'l.txt', urls['lib']),
            '--store', str(tmp_path / 't.sqlite'), '--format', 'json',
            '--cache-dir', str(tmp_path / 'd'), '--retry-pause', str(pause))
        result = scan_org('--repos', listing, '--store', str(tmp_path / 's.sqlite'), *args)
        failing = failing_run.result()
    assert result.rc == 1, result.err
    assert found(result) == {(url, added, 'config.py', hashed(key))}
    assert FakeGitHub.flaky[refs] == 0

    assert failing.rc == 2
    assert 'returned error: 502 (after 3 attempts)' in failing.err
    assert FakeGitHub.flaky[lib_refs] == 97
    # Each retry waited its pause (a lower bound: a loaded machine only
    # adds to it), the second twice the first: the host is not hammered.
    for path in (refs, lib_refs):
        times = [when for seen, when in FakeGitHub.failed_at if seen == path]
        assert len(times) == (2 if path == refs else 3)
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert all(gap >= pause * n for n, gap in enumerate(gaps, 1)), gaps


def test_a_retry_pause_that_is_no_number_of_seconds_is_refused(tmp_path):
    for bad in ('0', 'soon'):
        result = scan_org('--repos', write_lines(tmp_path / 'r.txt', 'https://example.com/a.git'),
                          '--store', str(tmp_path / 's.sqlite'), '--retry-pause', bad)
        assert_error_line(result, '--retry-pause', repr(bad))


def test_include_forks_reads_forks_of_forks(tmp_path, keys, github):
    """GitHub lists a repository's own forks only: a fork of a fork (its
    commits in the same network, reachable from the parent's URL on
    GitHub) was never listed, and a key only it held was missed.  Each
    fork with forks of its own is now asked in turn."""
    app_key, deep_key = keys(), keys()
    app, app_commit = key_repo(tmp_path / 'app', app_key)
    git(tmp_path, 'clone', '-q', app, str(tmp_path / 'bob'))
    git(tmp_path, 'clone', '-q', str(tmp_path / 'bob'), str(tmp_path / 'carol'))
    carol = str(tmp_path / 'carol')
    git(carol, 'config', 'user.email', 'carol@example.com')
    git(carol, 'config', 'user.name', 'Carol')
    deep_commit = commit(carol, {'deep.py': f'TOGETHER_API_KEY = "{deep_key}"\n'})
    url = serve_repos(github, tmp_path, 'app', 'bob', 'carol')
    FakeGitHub.routes = {
        '/orgs/acme/repos?per_page=100&type=all': (
            [api_repo('app', url['app'], forks_count=1)], None),
        '/repos/acme/app/forks?per_page=100': (
            [dict(api_repo('app', url['bob'], fork=True, forks_count=1), full_name='bob/app')],
            None),
        '/repos/bob/app/forks?per_page=100': (
            [dict(api_repo('app', url['carol'], fork=True), full_name='carol/app')], None),
    }
    result = scan_org('--github-org', 'acme', '--github-api-url', github, '--include-forks',
                      '--format', 'json', '--store', str(tmp_path / 's.sqlite'),
                      '--cache-dir', str(tmp_path / 'c'), env={})
    assert result.rc == 1, result.err
    assert found(result) == {
        (url['app'], app_commit, 'config.py', hashed(app_key)),
        (url['bob'], app_commit, 'config.py', hashed(app_key)),
        (url['carol'], app_commit, 'config.py', hashed(app_key)),
        (url['carol'], deep_commit, 'deep.py', hashed(deep_key)),
    }
    assert '3 repositories (3 scanned, 0 unchanged, 0 failed)' in result.err
