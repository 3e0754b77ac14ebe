"""scan-org's lock files never truncate what a symlink in their place
points to (a store or a cache kept beside other files)."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
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
    # The store's lock as a link: refused in one line, never followed
    # (``open(..., 'a')`` locked the target, and made a dangling one's
    # file), never removed.
    os.symlink(precious, f'{store}.lock')
    refused = scan_org('--repos', write_lines(tmp_path / 'r.txt', repo),
                       '--store', str(store), '--cache-dir', str(cache))
    assert_error_line(refused, 's.sqlite.lock: a symbolic link')
    assert os.readlink(f'{store}.lock') == str(precious)
    os.unlink(f'{store}.lock')
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


def test_the_store_lock_is_never_made_through_a_dangling_link(tmp_path, monkeypatch):
    """A link to a missing file in STORE.lock's place: the file it names is
    not made (it was, wherever it pointed), the link stays; and a
    coordinator that locked the file the one before it removed as it
    finished opens the name anew (``Store.lock``'s retry, deterministic)."""
    import fcntl

    from together_hooks.errors import InputError
    from together_hooks.org import store as store_mod

    path = str(tmp_path / 's.sqlite')
    outside = tmp_path / 'elsewhere' / 'made'
    outside.parent.mkdir()
    os.symlink(outside, path + '.lock')
    first = store_mod.Store(path)
    with pytest.raises(InputError, match='a symbolic link'):
        first.lock()
    assert not outside.exists() and os.path.islink(path + '.lock')
    os.unlink(path + '.lock')
    first.lock()
    second = store_mod.Store(path)
    real = fcntl.flock
    calls = []

    def first_finishes_then_flock(fd, how):  # type: ignore[no-untyped-def]
        calls.append(os.fstat(fd.fileno()).st_ino)
        if len(calls) == 1:
            first.close()  # removes the name second has just opened
        return real(fd, how)

    monkeypatch.setattr(fcntl, 'flock', first_finishes_then_flock)
    second.lock()
    monkeypatch.setattr(fcntl, 'flock', real)
    assert len(calls) == 2  # the removed file, then the name anew
    assert os.fstat(second._lock.fileno()).st_ino == os.stat(path + '.lock').st_ino
    third = store_mod.Store(path)
    with pytest.raises(InputError, match='another scan-org'):
        third.lock()
    third.close()
    second.close()
    assert not os.path.exists(path + '.lock')
