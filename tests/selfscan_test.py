"""This repository holds no literal key: its own scanner finds nothing.

Nothing is excluded: tests, rule samples, benchmarks and docs are scanned
like any user's files, tracked and untracked-not-ignored alike.
"""
from __future__ import annotations

import functools
import subprocess
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
# longest single test: the files go in this many chunks of about the same
# number of lines (its cost is ~0.16 ms a line, whatever the file), one
# hook run each, which the workers of ``-n 2`` share (strided by name,
# the four took 9 to 21 s: the largest docs fell together).  The hook checks and
# trims the baseline's entries of the files it is given only, so each
# chunk holds the baseline to its files, and together to every file.
# The baseline leaves out detect-secrets' ``is_indirect_reference`` line
# filter, as ``baseline create`` does: it hid ``Together(api_key=...)``
# lines from every plugin, ours too, and was a fifth of this loop
# (docs/performance.md, "The test suite's time", session 31).
DS_CHUNKS = 4


@functools.lru_cache(maxsize=None)
def _chunks() -> tuple[tuple[str, ...], ...]:
    """Every tracked file but the baseline's folder, in ``DS_CHUNKS``
    chunks of about the same number of lines: the longest file first,
    each to the chunk with the fewest lines so far."""
    names = [
        f for f in subprocess.run(
            ('git', 'ls-files', '-z'), cwd=CHECKOUT, check=True, capture_output=True,
        ).stdout.decode().split('\0')
        if f and not f.startswith('baseline/')
    ]

    def lines(name: str) -> int:
        try:
            return (CHECKOUT / name).read_bytes().count(b'\n') + 1
        except OSError:  # (a tracked file deleted in the work tree: the hook's to say)
            return 1
    chunks: list[list[str]] = [[] for _ in range(DS_CHUNKS)]
    sizes = [0] * DS_CHUNKS
    for n, name in sorted(((lines(name), name) for name in names), reverse=True):
        at = sizes.index(min(sizes))
        chunks[at].append(name)
        sizes[at] += n
    assert sorted(f for c in chunks for f in c) == sorted(names)  # every file, once
    return tuple(tuple(sorted(c)) for c in chunks)


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
    import sys

    files = _chunks()[chunk]
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
