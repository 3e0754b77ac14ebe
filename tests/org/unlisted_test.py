"""A repository the store holds findings of, that a later run does not
list (deleted from the organisation, renamed, taken off the repos file)."""
from __future__ import annotations

from tests.org.scan_org_test import commit
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def test_findings_of_a_repository_no_longer_listed_are_said(tmp_path, keys):
    """Its findings stay in the store (a key once pushed stays leaked),
    but the run answers for what it listed: a run after the repository
    was deleted read as clean, exit 0, without a word about the keys the
    store still holds.  The exit stays the run's; a note says how many
    findings of unlisted repositories the store keeps and where to see
    them."""
    leaky, _ = key_repo(tmp_path / 'leaky', keys())
    clean = new_repo(tmp_path / 'clean')
    commit(clean, {'a.txt': 'nothing\n'})
    store = str(tmp_path / 's.sqlite')
    args = ('--store', store, '--cache-dir', str(tmp_path / 'c'))
    first = scan_org('--repos', write_lines(tmp_path / 'a.txt', leaky, clean), *args)
    assert first.rc == 1, first.err
    assert 'note:' not in first.err

    later = scan_org('--repos', write_lines(tmp_path / 'b.txt', clean), *args)
    assert later.rc == 0, later.err
    assert ('note: the store also holds 1 finding(s) in 1 repositories this run did not '
            'list') in later.err
    report = scan_org('report', '--store', store)
    assert report.rc == 1 and leaky in report.out
