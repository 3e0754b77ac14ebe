"""scan-org's lock files never truncate what a symlink in their place
points to (a store or a cache kept beside other files)."""
from __future__ import annotations

import os

from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def test_lock_files_that_are_symlinks_keep_their_target(tmp_path, keys):
    precious, kept = tmp_path / 'precious.txt', tmp_path / 'kept.txt'
    precious.write_text('keep me\n')
    kept.write_text('keep me too\n')
    repo, _ = key_repo(tmp_path / 'app', keys())
    cache = tmp_path / 'cache'
    cache.mkdir()
    store = tmp_path / 's.sqlite'
    os.symlink(precious, f'{store}.lock')
    first = scan_org('--repos', write_lines(tmp_path / 'r.txt', repo),
                     '--store', str(store), '--cache-dir', str(cache))
    assert first.rc == 1, first.err
    for entry in os.listdir(cache):  # the mirror's lock, now a link too
        if entry.endswith('.lock'):
            os.unlink(cache / entry)
            os.symlink(kept, cache / entry)
    second = scan_org('--repos', write_lines(tmp_path / 'r.txt', repo),
                      '--store', str(store), '--cache-dir', str(cache))
    assert second.rc == 1, second.err
    assert precious.read_text() == 'keep me\n'
    assert kept.read_text() == 'keep me too\n'
