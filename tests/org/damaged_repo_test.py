"""A repository that lost a blob its commits hold is never audited as
clean: ``scan --history`` there exits 2, and so does ``scan-org``, with the
repository counted failed and the line saying what is missing."""
from __future__ import annotations

import os
import random

import pytest

from tests.conftest import git
from tests.keys import make_key
from tests.org.scan_org_test import scan_org


@pytest.mark.parametrize('with_key', [False, True])
def test_a_repository_missing_a_blob_fails_the_audit(tmp_path, with_key):
    # Without a key found, the scan read the store's blobs and lost the one
    # missing quietly: '1 scanned, 0 failed', exit 0 (a repository with a
    # key failed on the walk that attributes it).
    repo = tmp_path / 'damaged'
    repo.mkdir()
    git(repo, 'init', '-q')
    (repo / 'a.txt').write_text('hello1\n')
    (repo / 'b.txt').write_text('world2\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'one')
    key = make_key(random.Random(1502))
    (repo / 'c.py').write_text(f'TOGETHER_API_KEY = "{key}"\n' if with_key else 'x = 1\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'two')
    lost = git(repo, 'rev-parse', 'HEAD:b.txt').strip()
    os.remove(repo / '.git' / 'objects' / lost[:2] / lost[2:])  # loose: one file
    repos = tmp_path / 'repos.txt'
    repos.write_text(f'{repo}\n')
    result = scan_org(
        '--repos', str(repos), '--store', str(tmp_path / 'audit.sqlite'),
        '--cache-dir', str(tmp_path / 'cache'), cwd=tmp_path,
    )
    out = result.out + result.err
    assert result.rc == 2, out
    assert '1 failed' in out and lost in out and 'missing' in out, out
    assert 'Traceback' not in out and 'InputError' not in out, out
    assert key not in out and key[7:] not in out
