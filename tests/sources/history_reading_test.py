"""How ``scan --history``'s ``cat-file`` reads the packs: a store listed
whole is read from its packs' end with a small delta-base cache (git's
default is 96 MiB; mypy's ``--no-local`` clone: peak RSS 159 -> 104 MB
at the same CPU): docs/performance.md, "Issue 17, session 22"; so is a
store shared with another repository, each blob after its deltas
(``_bases_last``: mypy's local clone 2.5 -> 1.8 CPU-s of git, peak 147 ->
57 MB; in the walk's order, until session 36, it kept git's own cache:
the small one cost 14% more there)."""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import git
from together_hooks.sources.history import scan_history

pytestmark = pytest.mark.skipif(not os.path.exists('/proc/self/task'), reason='reads /proc')


def _children_cmdlines() -> list[list[bytes]]:
    """The command line of each running child of this process (Linux)."""
    pids = []
    for task in os.listdir('/proc/self/task'):
        with open(f'/proc/self/task/{task}/children', 'rb') as f:
            pids += f.read().split()
    lines = []
    for pid in pids:
        try:
            with open(f'/proc/{pid.decode()}/cmdline', 'rb') as f:
                lines.append(f.read().split(b'\0'))
        except OSError:  # ended meanwhile
            pass
    return lines


def _settings(argv: list[bytes]) -> dict[bytes, bytes]:
    return dict(arg.partition(b'=')[::2] for before, arg in zip(argv, argv[1:]) if before == b'-c')


def _blob_reader_settings(root) -> dict[bytes, bytes]:
    """The ``-c`` settings of the ``cat-file --batch`` a history scan of
    ``root`` reads its blobs with, seen while it reads them: a 2 MB blob
    keeps git waiting on the full pipe, alive, while one before it is
    scanned."""
    seen: list[list[bytes]] = []

    def scan(content):  # the pipeline's step: this one only looks
        if not seen:
            seen.extend(argv for argv in _children_cmdlines() if b'--batch' in argv)
        return []

    listed = scan_history(str(root), scan)
    try:
        assert list(listed) == []
    finally:
        listed.close()
    assert len(seen) == 1, seen
    return _settings(seen[0])


def _history(repo) -> None:
    (repo / 'a.txt').write_text('first\n')
    for name in ('big.bin', 'big2.bin'):  # whichever comes first, git waits on the other
        (repo / name).write_bytes(name.encode() + bytes(range(256)) * 8192)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'one')
    git(repo, 'repack', '-adq')


def _megabytes(value: bytes) -> float:
    units = {b'k': 1 / 1024, b'm': 1, b'g': 1024}
    return int(value[:-1]) * units[value[-1:].lower()]


def test_a_store_read_from_its_packs_end_holds_the_delta_cache_small(git_repo):
    _history(git_repo)
    settings = _blob_reader_settings(git_repo)
    assert _megabytes(settings.get(b'core.deltaBaseCacheLimit', b'96m')) <= 16, settings
    assert settings[b'core.packedGitLimit'] == b'32m', settings


def test_a_shared_store_read_each_blob_after_its_deltas_holds_the_delta_cache_small(git_repo, tmp_path):
    _history(git_repo)
    clone = tmp_path / 'clone'
    subprocess.run(('git', 'clone', '-q', str(git_repo), str(clone)), check=True)
    settings = _blob_reader_settings(clone)
    assert _megabytes(settings.get(b'core.deltaBaseCacheLimit', b'96m')) <= 16, settings
    assert settings[b'core.packedGitLimit'] == b'32m', settings
