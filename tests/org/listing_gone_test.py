"""A repository every pass of the listing skipped, hidden by one that has
gone since an earlier pass gave it.

The passes are joined and the distinct repositories held against the
organisation's counts; a repository an earlier pass gave that has gone
since (deleted, moved out) was counted all the same, so it stood in for
one no pass gave: exit 0, that repository (and its key) never scanned.
Now one an earlier pass gave and the last did not counts only while
``GET /repos/{full_name}`` still finds it in the organisation.

A loopback fake GitHub API (``tests/org/scan_org_test.FakeGitHub``) and
real clones over its dumb-HTTP git.
"""
from __future__ import annotations

from tests.org.listing_test import FIRST
from tests.org.listing_test import PAGE2
from tests.org.listing_test import _four
from tests.org.listing_test import _run
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import github  # noqa: F401 (a fixture)
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import serve_repos

COUNTS = ({'login': 'acme', 'public_repos': 4}, None)


def _asked(prefix: str) -> list[str]:
    return [path for path, _auth in FakeGitHub.seen if path.startswith(prefix)]


def _moving(github, url, still: dict | None = None) -> None:
    """a b c d, 2 a page.  Pass 1: page 1 gives a b; a goes, e comes, page
    2 gives d e.  Pass 2: page 1 gives b d, page 2 e: nothing new, so the
    passes end; c was given by neither.  Four before, four after."""
    FakeGitHub.routes = {
        '/orgs/acme': COUNTS,
        FIRST: ([api_repo('a', url['a'], id=1), api_repo('b', url['b'], id=2)],
                f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('d', url['d'], id=4), api_repo('e', url['e'], id=5)], None),
        **(still or {}),
    }
    FakeGitHub.changes = {PAGE2: {
        FIRST: ([api_repo('b', url['b'], id=2), api_repo('d', url['d'], id=4)],
                f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('e', url['e'], id=5)], None),
    }}


def test_a_repository_gone_since_the_first_pass_does_not_hide_one_never_listed(
        tmp_path, keys, github):  # noqa: F811
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    _moving(github, url)
    r = _run(tmp_path, github, '--format', 'json')
    assert r.rc == 2, r.err
    assert hashed(k) not in r.out  # c never listed, never scanned
    last = r.err.strip().splitlines()[-1]
    assert 'the GitHub API listed 3 of its 4 public repositories of acme' in last, last
    assert _asked('/repos/') == ['/repos/acme/a']  # only the one the last pass lacked


def test_one_the_last_pass_lacked_that_is_still_there_counts(tmp_path, keys, github):  # noqa: F811
    """a moved within the listing, not out of it: asked, still acme's,
    counted; four of four, and the scan goes on as before."""
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    _moving(github, url, {'/repos/acme/a': (
        {'id': 1, 'full_name': 'acme/a', 'owner': {'login': 'acme'}}, None)})
    r = _run(tmp_path, github, '--format', 'json')
    assert r.rc == 0, r.err
    assert _asked('/repos/') == ['/repos/acme/a']


def test_one_moved_to_another_owner_does_not_count(tmp_path, keys, github):  # noqa: F811
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    _moving(github, url, {'/repos/acme/a': ({'full_name': 'other/a', 'owner': {'login': 'other'}},
                                            None)})
    r = _run(tmp_path, github)
    assert r.rc == 2, r.err
    assert 'listed 3 of its 4 public repositories' in r.err, r.err


def test_a_listing_that_did_not_move_asks_nothing_more(tmp_path, github):  # noqa: F811
    for n in ('a', 'b'):
        commit(new_repo(tmp_path / n), {'x.txt': 'n\n'})
    url = serve_repos(github, tmp_path, 'a', 'b')
    FakeGitHub.routes = {
        FIRST: ([api_repo('a', url['a'], id=1)], f'<{github}{PAGE2}>; rel="next"'),
        PAGE2: ([api_repo('b', url['b'], id=2)], None),
    }
    r = _run(tmp_path, github)
    assert r.rc == 0, r.err
    assert _asked('/repos/') == []


def test_one_whose_name_another_repository_took_does_not_count(tmp_path, keys, github):  # noqa: F811
    """a deleted and a new acme/a made since: GET /repos/acme/a answers,
    in acme, for another repository (another id).  a is gone all the same;
    counted, it stood in for c, and c was never scanned."""
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    _moving(github, url, {'/repos/acme/a': (
        {'id': 99, 'full_name': 'acme/a', 'owner': {'login': 'acme'}}, None)})
    r = _run(tmp_path, github)
    assert r.rc == 2, r.err
    assert hashed(k) not in r.out
    assert 'listed 3 of its 4 public repositories' in r.err, r.err


def test_an_answer_without_an_id_does_not_count(tmp_path, keys, github):  # noqa: F811
    """Which repository answered is unknown: not counted, fail closed."""
    k, url = _four(tmp_path, keys, github)
    commit(new_repo(tmp_path / 'e'), {'x.txt': 'new\n'})
    url.update(serve_repos(github, tmp_path, 'a', 'b', 'c', 'd', 'e'))
    _moving(github, url, {'/repos/acme/a': (
        {'full_name': 'acme/a', 'owner': {'login': 'acme'}}, None)})
    r = _run(tmp_path, github)
    assert r.rc == 2, r.err
