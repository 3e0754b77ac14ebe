"""A listing of the organisation that may have missed repositories never
reads as a complete audit: counted by distinct repository against the
organisation's counts from before and after it, a private count the token
cannot see, and the shortfall in every report format (#review of cf1edcf)."""
from __future__ import annotations

import json

from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos

FIRST = '/orgs/acme/repos?per_page=100&type=all'
PAGE2 = FIRST + '&page=2'
TOKEN = {'GITHUB_TOKEN': 'gh-test-token-1234'}


def _four(tmp_path, keys, github):  # noqa: F811
    """a b c d served, c with a key."""
    k = keys()
    key_repo(tmp_path / 'c', k)
    for n in ('a', 'b', 'd'):
        commit(new_repo(tmp_path / n), {'x.txt': 'nothing\n'})
    return k, serve_repos(github, tmp_path, 'a', 'b', 'c', 'd')


def _run(tmp_path, github, *extra, env=None):  # noqa: F811
    return scan_org('--github-org', 'acme', '--github-api-url', github, *extra,
                    '--cache-dir', str(tmp_path / 'cc'), '--store', str(tmp_path / 's.sqlite'),
                    env=env if env is not None else {})


def test_a_repository_deleted_while_the_listing_is_read_is_caught(tmp_path, keys, github):  # noqa: F811,E501
    """a b c d, 2 a page: page 1 gives a b; then a is deleted, so page 2
    (offset 2 of b c d) gives d, and c is never listed.  GitHub's count
    afterwards (3) matches the 3 listed: read only after the listing, it
    hid c (with a key) and the audit exited 0.  The count from before (4)
    catches it."""
    k, url = _four(tmp_path, keys, github)
    FakeGitHub.routes = {
        FIRST: ([api_repo('a', url['a']), api_repo('b', url['b'])],
                f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('d', url['d'])], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 4}, None),
    }
    FakeGitHub.changes = {FIRST: {'/orgs/acme': ({'login': 'acme', 'public_repos': 3}, None)}}
    r = _run(tmp_path, github, '--format', 'json')
    assert r.rc == 2, r.err
    assert hashed(k) not in r.out  # c is not scanned: said, not hidden
    assert r.err.strip().splitlines()[-1].startswith(
        'together-hooks: scan-org: not scanned: the GitHub API listed 3 of its 4 public '
        'repositories of acme (GET /orgs/acme before and after the listing)')
    failures = json.loads(r.out)['failures']
    assert [f['repo'] for f in failures] == [f'{github}/orgs/acme']


def test_a_repeated_entry_does_not_stand_in_for_a_skipped_one(tmp_path, keys, github):  # noqa: F811,E501
    """Page 2 repeats b (a repository created while the listing is read
    shifts the offset back) and c is never given: 4 entries, 3
    repositories; counting entries met the count of 4 and exited 0."""
    k, url = _four(tmp_path, keys, github)
    FakeGitHub.routes = {
        FIRST: ([api_repo('a', url['a']), api_repo('b', url['b'])],
                f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('b', url['b']), api_repo('d', url['d'])], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 4}, None),
    }
    r = _run(tmp_path, github, '--format', 'json')
    assert r.rc == 2, r.err
    assert 'listed 3 of its 4 public repositories of acme' in r.err.strip().splitlines()[-1]
    # The same repository twice by id (renamed between the pages) is one.
    FakeGitHub.routes[PAGE2] = ([api_repo('b2', url['b'], id=2), api_repo('d', url['d'])], None)
    FakeGitHub.routes[FIRST] = ([api_repo('a', url['a'], id=1), api_repo('b', url['b'], id=2)],
                                f'<{github}{PAGE2}>; rel="next"')
    r = _run(tmp_path, github, '--format', 'json')
    assert r.rc == 2 and 'listed 3 of its 4 public' in r.err, r.err


def test_a_members_token_cannot_check_the_listing_and_fails_closed(tmp_path, github):  # noqa: F811,E501
    """GitHub shows ``owned_private_repos`` to the organisation's owners
    only (``admin:org``): with a member's token a private repository it
    cannot read is neither listed nor counted, and the run exited 0.  Now
    what was listed is scanned and reported, then one line says why the
    listing is unchecked and what to do; ``--trust-listing`` accepts it,
    and says so."""
    commit(new_repo(tmp_path / 'a'), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'a')
    FakeGitHub.routes = {FIRST: ([api_repo('a', url['a'])], None)}
    FakeGitHub.owner = False
    r = _run(tmp_path, github, '--format', 'markdown', env=TOKEN)
    assert r.rc == 2, r.err
    assert '1 repositories (1 scanned, 0 unchanged, 0 failed)' in r.err
    last = r.err.strip().splitlines()[-1]
    assert last.startswith('together-hooks: scan-org: not scanned: the token cannot see how '
                           'many private repositories acme has'), last
    assert "use an owner's token, or --trust-listing" in last
    assert '## Not scanned' in r.out and 'owned_private_repos' in r.out
    assert 'Traceback' not in r.err

    trusted = _run(tmp_path, github, '--trust-listing', env=TOKEN)
    assert trusted.rc == 0, trusted.err
    assert 'taken as complete (--trust-listing)' in trusted.err
    assert 'NOT SCANNED' not in trusted.out

    FakeGitHub.owner = True  # an owner's token: the count is checked, clean
    owner = _run(tmp_path, github, env=TOKEN)
    assert owner.rc == 0 and 'private' not in owner.err, owner.err
    none = _run(tmp_path, github, env={})  # no token: public only, as said
    assert none.rc == 0 and 'public repositories only' in none.err, none.err


def test_internal_repositories_count_as_the_private_ones_they_are(tmp_path, github):  # noqa: F811,E501
    """An internal repository is a private one to GitHub's API
    (``"private": true``): counted apart, an organisation whose own count
    holds it read short on every run, for good (exit 2 with nothing
    missed).  A private repository the token cannot read is still said."""
    commit(new_repo(tmp_path / 'a'), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'a')
    listing = [api_repo('a', url['a'], private=True, visibility='internal')]
    FakeGitHub.routes = {
        FIRST: (listing, None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 0, 'owned_private_repos': 1}, None),
    }
    r = _run(tmp_path, github, env=TOKEN)
    assert r.rc == 0, r.err
    FakeGitHub.routes = {
        FIRST: (listing, None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 0, 'owned_private_repos': 2}, None),
    }
    r = _run(tmp_path, github, env=TOKEN)
    assert r.rc == 2, r.err
    assert 'listed 1 of its 2 private repositories of acme' in r.err.strip().splitlines()[-1]


def test_every_report_format_carries_the_shortfall(tmp_path, github):  # noqa: F811
    """The shortfall went to stderr only: the markdown report said
    "0 repositories not scanned", the JSON and SARIF ones read complete."""
    commit(new_repo(tmp_path / 'app'), {'a.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'app')
    FakeGitHub.routes = {
        FIRST: ([api_repo('app', url['app'])], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 5}, None),
    }
    md = _run(tmp_path, github, '--format', 'markdown')
    assert md.rc == 2
    assert '1 repositories not scanned' in md.out and '## Not scanned' in md.out
    assert 'listed 1 of its 5 public repositories' in md.out
    js = _run(tmp_path, github, '--format', 'json')
    assert js.rc == 2
    [failure] = json.loads(js.out)['failures']
    assert failure['repo'] == f'{github}/orgs/acme'
    assert 'listed 1 of its 5 public' in failure['error']
    sarif = _run(tmp_path, github, '--format', 'sarif')
    assert sarif.rc == 2
    [run] = [r for r in json.loads(sarif.out)['runs']
             if r['versionControlProvenance'][0]['repositoryUri'] == f'{github}/orgs/acme']
    [invocation] = run['invocations']
    assert invocation['executionSuccessful'] is False
    assert 'listed 1 of its 5 public' in invocation['toolExecutionNotifications'][0]['message'][
        'text']
    text = _run(tmp_path, github)
    assert text.rc == 2 and 'NOT SCANNED: the GitHub API listed 1 of its 5' in text.out


def test_the_wikis_of_forks_left_out_are_said(tmp_path, github):  # noqa: F811
    """With --include-forks --include-wikis only the organisation's own
    repositories' wikis are scanned; the forks' wikis were left out
    without a word."""
    for n in ('app', 'fork'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'app', 'fork')
    FakeGitHub.routes = {
        FIRST: ([api_repo('app', url['app'], forks_count=1)], None),
        '/repos/acme/app/forks?per_page=100': (
            [api_repo('fork', url['fork'], full_name='other/app', fork=True, has_wiki=True)],
            None),
    }
    r = _run(tmp_path, github, '--include-forks', '--include-wikis')
    assert r.rc == 0, r.err
    assert 'left out the wikis of 1 fork(s)' in r.err
