"""The listing's loose ends after session 11: a repository deleted and
another created while the listing is read net out in the counts; a fork
network shorter than its ``forks_count``; a shortfall that `scan-org
report --store` did not show.

A loopback fake GitHub API (``tests/org/scan_org_test.FakeGitHub``) and
real clones over its dumb-HTTP git.
"""
from __future__ import annotations

import json

from tests.org.listing_test import FIRST
from tests.org.listing_test import PAGE2
from tests.org.listing_test import _four
from tests.org.listing_test import _run
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos


def _listing_requests() -> list[str]:
    return [path for path, _auth in FakeGitHub.seen if path.startswith('/orgs/acme/repos')]


def test_a_deletion_and_a_creation_netting_out_do_not_hide_a_repository(tmp_path, keys, github):  # noqa: F811,E501
    """a b c d, 2 a page, c with a key.  Page 1 gives a b; then a moves out
    of the organisation and e is created, so page 2 (offset 2 of b c d e)
    gives d e, and c is never listed.  The counts are 4 before and 4
    after, and 4 distinct repositories were listed: the audit exited 0
    with c, and its key, never scanned.  A second pass over the listing
    gives c."""
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    FakeGitHub.routes = {
        FIRST: ([api_repo('a', url['a'], id=1), api_repo('b', url['b'], id=2)],
                f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('d', url['d'], id=4), api_repo('e', url['e'], id=5)], None),
    }
    FakeGitHub.changes = {PAGE2: {  # the listing as it is after the first pass
        FIRST: ([api_repo('b', url['b'], id=2), api_repo('c', url['c'], id=3)],
                f'<{github}{PAGE2}>; rel="next"'),
    }}
    r = _run(tmp_path, github, '--format', 'json')
    assert hashed(k) in r.out, r.err
    assert r.rc == 1, r.err
    # Three passes: the second gave c, which the first had not, so the
    # listing moved; the third gave nothing new.
    assert _listing_requests() == [FIRST, PAGE2] * 3


def test_a_listing_of_one_page_is_read_once_and_of_two_twice(tmp_path, github):  # noqa: F811
    """The cost: a single page is one answer (nothing can shift inside
    it), read once; a listing of several pages is read twice when the
    second pass brings nothing new."""
    for n in ('a', 'b'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'a', 'b')
    FakeGitHub.routes = {FIRST: ([api_repo('a', url['a'], id=1), api_repo('b', url['b'], id=2)],
                                 None)}
    assert _run(tmp_path, github).rc == 0
    assert _listing_requests() == [FIRST]
    FakeGitHub.seen.clear()
    FakeGitHub.routes = {
        FIRST: ([api_repo('a', url['a'], id=1)], f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('b', url['b'], id=2)], None),
    }
    r = _run(tmp_path, github)
    assert r.rc == 0, r.err
    assert _listing_requests() == [FIRST, PAGE2, FIRST, PAGE2]


def test_a_fork_network_shorter_than_forks_count_is_a_shortfall(tmp_path, github):  # noqa: F811
    """app counts 3 forks and the API lists 1 (the others private to a
    token that cannot read them, or the listing moved): the run exited 0
    with two forks never scanned."""
    for n in ('app', 'fork'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'app', 'fork')
    fork = api_repo('fork', url['fork'], full_name='other/app', fork=True)
    FakeGitHub.routes = {
        FIRST: ([api_repo('app', url['app'], forks_count=3)], None),
        '/repos/acme/app/forks?per_page=100': ([fork], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 1}, None),
    }
    r = _run(tmp_path, github, '--include-forks', '--format', 'json')
    assert r.rc == 2, r.err
    last = r.err.strip().splitlines()[-1]
    assert last.startswith('together-hooks: scan-org: not scanned: the GitHub API listed '
                           '1 of the 3 forks of acme/app (forks_count)'), last
    [failure] = json.loads(r.out)['failures']
    assert 'forks of acme/app' in failure['error']
    # The network as counted: complete, exit 0.
    FakeGitHub.routes[FIRST] = ([api_repo('app', url['app'], forks_count=1)], None)
    r = _run(tmp_path, github, '--include-forks')
    assert r.rc == 0, r.err


def test_report_of_the_store_shows_the_listings_shortfall(tmp_path, github):  # noqa: F811
    """The shortfall was a row of the run's own report only: `scan-org
    report --store` read the store, found every listed repository scanned,
    and exited 0 as a complete audit.  It is kept with the store until a
    listing of the organisation misses nothing."""
    commit(new_repo(tmp_path / 'app'), {'a.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'app')
    FakeGitHub.routes = {
        FIRST: ([api_repo('app', url['app'])], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 5}, None),
    }
    assert _run(tmp_path, github).rc == 2
    store = str(tmp_path / 's.sqlite')
    for fmt in ('text', 'json', 'markdown'):
        report = scan_org('report', '--store', store, '--format', fmt)
        assert report.rc == 2, (fmt, report.err)
        assert 'listed 1 of its 5 public repositories of acme' in report.out, (fmt, report.out)
    assert report.err.strip().splitlines()[-1].startswith(
        'together-hooks: scan-org: not scanned: the GitHub API listed 1 of its 5')
    # A later listing that misses nothing: the store's report is clean again.
    del FakeGitHub.routes['/orgs/acme']
    assert _run(tmp_path, github).rc == 0
    report = scan_org('report', '--store', store)
    assert report.rc == 0 and 'NOT SCANNED' not in report.out, report.out


class _Moves(dict):
    """``FakeGitHub.changes``: each read of a path takes the next change."""

    def __init__(self, seq):
        super().__init__()
        self.seq = seq

    def pop(self, path, default=None):
        queue = self.seq.get(path)
        return queue.pop(0) if queue else {}


def test_a_listing_still_moving_on_its_last_pass_fails_closed(tmp_path, keys, github):  # noqa: F811,E501
    """Each pass brings a new repository (aa, then ab) in page 1's place,
    and c, holding a key, is never given: the third pass still brought one
    new, so it may have skipped another as well.  The run exited 0 with c
    never listed; it is a shortfall now."""
    k = keys()
    key_repo(tmp_path / 'c', k)
    for n in ('a', 'b', 'd', 'x', 'aa', 'ab'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'x', 'aa', 'ab')
    ids = dict(a=1, b=2, c=3, d=4, x=5, aa=6, ab=7)

    def repo(n):
        return api_repo(n, url[n], id=ids[n])

    nxt = f'<{github}{PAGE2}>; rel="next"'
    FakeGitHub.routes = {'/orgs/acme': ({'login': 'acme', 'public_repos': 4}, None),
                         FIRST: ([repo('a'), repo('b')], nxt), PAGE2: ([repo('d'), repo('x')], None)}
    FakeGitHub.changes = _Moves({PAGE2: [{FIRST: ([repo('aa'), repo('b')], nxt)},
                                         {FIRST: ([repo('ab'), repo('b')], nxt)}, {}]})
    r = _run(tmp_path, github, '--format', 'json')
    assert hashed(k) not in r.out
    assert r.rc == 2, r.err
    last = r.err.strip().splitlines()[-1]
    assert 'still changed after 3 passes' in last and 'run again' in last, last


def test_trust_listing_accepts_a_fork_network_the_token_cannot_read(tmp_path, github):  # noqa: F811,E501
    """Forks the token cannot read fail every run the same ("run again"
    cannot help): --trust-listing takes the network as listed, and says so."""
    for n in ('app', 'fork'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'app', 'fork')
    fork = api_repo('fork', url['fork'], full_name='other/app', fork=True)
    FakeGitHub.routes = {
        FIRST: ([api_repo('app', url['app'], forks_count=3)], None),
        '/repos/acme/app/forks?per_page=100': ([fork], None),
        '/orgs/acme': ({'login': 'acme', 'public_repos': 1}, None),
    }
    r = _run(tmp_path, github, '--include-forks')
    assert r.rc == 2 and '--trust-listing accepts that' in r.err, r.err
    r = _run(tmp_path, github, '--include-forks', '--trust-listing')
    assert r.rc == 0, r.err
    assert 'note (--trust-listing)' in r.err and '1 of the 3 forks of acme/app' in r.err, r.err
