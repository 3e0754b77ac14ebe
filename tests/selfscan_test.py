"""This repository holds no literal key: its own scanner finds nothing.

Nothing is excluded: tests, rule samples, benchmarks and docs are scanned
like any user's files, tracked and untracked-not-ignored alike.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import CLEAN
from tests.cli_run import quiet_and_clean
from tests.cli_run import scan

CHECKOUT = Path(__file__).resolve().parent.parent


def test_scan_of_this_checkout_finds_nothing():
    r = scan('--format', 'json', cwd=CHECKOUT)
    assert CLEAN.fullmatch(r.err), r.err
    doc = r.json()
    assert [(f['path'], f['line'], f['rule']) for f in doc['findings']] == []
    assert r.rc == 0
    # It really looked: the rules, the engine and these tests were scanned.
    assert doc['summary']['files_scanned'] >= 20
    assert doc['summary']['bytes_scanned'] > 50_000


def test_scan_of_this_checkout_as_a_folder_finds_nothing():
    r = scan(str(CHECKOUT), cwd=CHECKOUT.parent)
    assert r.rc == 0 and quiet_and_clean(r), r.err


# detect-secrets' per-line loop over every tracked file is the suite's
# longest single test: the files go in this many strided chunks, one hook
# run each, which the workers of ``-n 2`` share.  The hook checks and
# trims the baseline's entries of the files it is given only, so each
# chunk holds the baseline to its files, and together to every file.
# The baseline leaves out detect-secrets' ``is_indirect_reference`` line
# filter, as ``baseline create`` does: it hid ``Together(api_key=...)``
# lines from every plugin, ours too, and was a fifth of this loop
# (docs/performance.md, "The test suite's time", session 31).
DS_CHUNKS = 4


@pytest.mark.parametrize('chunk', range(DS_CHUNKS))
def test_detect_secrets_with_this_repos_baseline_passes_on_every_tracked_file(tmp_path, chunk):
    """What .pre-commit-config.yaml runs on each commit, over the whole repo:
    detect-secrets (with our plugin) and its baseline agree with the tree.
    A new high-entropy fixture needs `baseline update` + an audit label.

    The hook runs on a copy: detect-secrets rewrites a stale baseline in
    place, and a test must never change the checkout.
    """
    import os
    import shutil
    import subprocess
    import sys

    files = [
        f for f in subprocess.run(
            ('git', 'ls-files', '-z'), cwd=CHECKOUT, check=True,
            capture_output=True,
        ).stdout.decode().split('\0')
        if f and not f.startswith('baseline/')
    ][chunk::DS_CHUNKS]
    assert len(files) > 50
    copy = tmp_path / '.secrets.baseline'
    shutil.copyfile(CHECKOUT / 'baseline' / '.secrets.baseline', copy)
    before = copy.read_bytes()
    hook = os.path.join(os.path.dirname(sys.executable), 'detect-secrets-hook')
    proc = subprocess.run(
        (hook, '--no-verify', '--baseline', str(copy), *files),
        cwd=CHECKOUT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert copy.read_bytes() == before  # not stale: nothing to rewrite
