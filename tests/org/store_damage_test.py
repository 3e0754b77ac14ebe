"""A store file damaged past its first pages (a disk error, a copy cut
short): sqlite opens it and fails only where it reads the damage."""
from __future__ import annotations

import pytest

from tests.cli_run import assert_error_line
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def _store_with_findings(path: str) -> None:
    from together_hooks.org.store import Store

    store = Store(path)
    try:
        run, _resumed = store.open_run('v', 'rules', 'test', 'local')
        for i in range(40):
            url = f'https://example.invalid/acme/repo{i}.git'
            store.attempt([url], url)
            store.record(run, {
                'urls': [url], 'status': 'done', 'fingerprint': 'f', 'size': 1, 'blobs': 1,
                'findings': [{
                    'repo': url, 'commit': f'{n:040x}', 'path': f'src/f{n}.py',
                    'hashed_secret': f'{i * 100 + n:040x}', 'rule': 'together-api-key',
                    'redacted': 'tgp_v1_Ab…yz', 'line': 1, 'author': 'A <a@example.com>',
                    'date': '2026-01-01T00:00:00+00:00', 'verification': None,
                } for n in range(5)],
            }, 'rules')
        store.finish_run(run, 40, 0)
    finally:
        store.close()


@pytest.mark.parametrize('action', ['report', 'scan'])
def test_a_damaged_store_is_one_line_naming_it(tmp_path, action):
    """It was ``internal error (DatabaseError)``: a bug of ours, as it
    read, not a file to restore."""
    store = str(tmp_path / 's.sqlite')
    _store_with_findings(store)
    with open(store, 'r+b') as f:
        size = f.seek(0, 2)
        assert size > 8 * 4096
        f.seek(4 * 4096)
        f.write(b'\0' * (size - 4 * 4096))  # every page after the schema's
    if action == 'report':
        result = scan_org('report', '--store', store)
    else:
        empty = write_lines(tmp_path / 'r.txt', '# nothing to scan')
        result = scan_org('--repos', empty, '--store', store, '--cache-dir', str(tmp_path / 'c'))
    assert_error_line(result, store, 'the store is damaged', 'new --store')
