"""``scan-org --github-org`` against a hostile or failing API on loopback:
git reaches no host but the API's own, paging cannot loop, and a failing
server is retried a bounded number of times, then one line and exit 2."""
from __future__ import annotations

import http.server
import threading

import pytest

from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import found
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos


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
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
