"""``scan --history`` keeps the bytes of the flagged blobs discovery read
whole (``discover(held=)``, up to ``history.HELD_BYTES`` a process, the
forked half's through its result) and the report takes them from there:
git is asked for them again only when one was not kept (read in windows,
or past the bound).  The report is the same either way.  And the
commits' messages come as bytes up to a window (``stream_blobs(whole=)``),
in windows past it, as before."""
from __future__ import annotations

import random
import subprocess

import pytest

from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources import commits
from together_hooks.sources import history
from together_hooks.sources import parallel

_STREAMED = history.stream_blobs  # as git gives them (the tests record each call)
# A blob over this is read in windows here (``history._WHOLE``, lowered).
SMALL_WHOLE = 4096


@pytest.fixture(scope='module')
def repo(tmp_path_factory):
    """Six files each given a key (then removed), one more in a file named
    for a key (a path that matters: attribution scans its blob again under
    it), a placeholder beside them, and a large file (over ``SMALL_WHOLE``)
    given a key: (its folder, the small files' keys, the large file's key)."""
    rng = random.Random('perfG38-held')
    keys = [make_key(rng) for _ in range(7)]
    large = make_key(rng)
    root = tmp_path_factory.mktemp('held') / 'repo'
    root.mkdir()
    git(root, 'init', '-q', '-b', 'main')
    for name, value in (('user.email', 'dev@example.com'), ('user.name', 'Dev'), ('commit.gpgsign', 'false')):
        git(root, 'config', name, value)
    for n, key in enumerate(keys[:6]):
        write(root, f'conf{n}.py', f'# settings {n}\nclient = Together(api_key="{key}")\n')
        write(root, 'decoy.env', f'TOGETHER_API_KEY=tgp_v1_{"x" * 43}\n# {n}\n')
        git(root, 'add', '-A')
        git(root, 'commit', '-q', '--no-verify', '-m', f'c{n}')
    filler = ''.join(f'line {i}: {rng.getrandbits(64):016x}\n' for i in range(400))
    write(root, 'big.txt', filler + f'TOGETHER_API_KEY={large}\n')
    write(root, 'together_api_key.txt', f'{keys[6]}\n')
    git(root, 'add', '-A')
    git(root, 'commit', '-q', '--no-verify', '-m', 'big')
    git(root, 'rm', '-q', *[f'conf{n}.py' for n in range(6)], 'big.txt', 'together_api_key.txt')
    git(root, 'commit', '-q', '--no-verify', '-m', 'removed')
    return root, keys, large


def _scan(root, monkeypatch, fork: bool, held_bytes: int, whole: int):
    """(the JSON report, the lists of blobs asked of ``stream_blobs`` by name)."""
    monkeypatch.setattr(history, 'FORK_MIN_BYTES', 0 if fork else 1 << 40)
    if not fork:
        monkeypatch.setattr(parallel, 'available', lambda: False)
    monkeypatch.setattr(history, 'HELD_BYTES', held_bytes)
    monkeypatch.setattr(history, '_WHOLE', whole)
    asked: list[list[bytes]] = []
    def recorded(root, shas, *args, **kwargs):
        if isinstance(shas, list):
            asked.append(list(shas))
        return _STREAMED(root, shas, *args, **kwargs)

    monkeypatch.setattr(history, 'stream_blobs', recorded)
    result = scan_in_process('--history', '--format', 'json', cwd=root)
    assert result.rc == 1, result.err
    report = result.json()
    report['summary'].pop('elapsed_seconds', None)
    report['summary'].pop('seconds', None)
    return report, asked


@pytest.mark.parametrize('fork', [False, True])
@pytest.mark.parametrize('large_read_whole', [True, False])
def test_the_report_is_the_same_from_kept_bytes(repo, monkeypatch, fork, large_read_whole):
    root, keys, large = repo
    whole = 1 << 20 if large_read_whole else SMALL_WHOLE
    kept, asked = _scan(root, monkeypatch, fork, 8 << 20, whole)
    apart, asked_apart = _scan(root, monkeypatch, fork, 0, whole)
    assert kept['findings'] == apart['findings']
    hashes = {f['hashed_secret'] for f in kept['findings']}
    assert hashes == {hash_secret(k) for k in [*keys, large]}  # and not the placeholder
    emitted = sorted(asked_apart[-1])
    assert len(emitted) == 8  # the report's read of the flagged blobs, with none kept
    assert [len(shas) for shas in asked_apart] == [1, 8]  # attribution's, under the named path, then the report's
    if large_read_whole:  # every flagged blob kept: attribution and the report ask git for none
        assert not any(asked), asked
    else:  # the large one was read in windows: all are asked, as before
        assert sorted(asked[-1]) == emitted


@pytest.mark.parametrize('fork', [False, True])
def test_discovery_keeps_the_flagged_blobs_bytes_up_to_the_bound(repo, monkeypatch, fork):
    """Only flagged blobs, each its bytes as git gives them, and no more
    than ``HELD_BYTES`` of them a process."""
    root, _keys, _large = repo
    root = str(root)
    blobs = history.list_blobs(root, None)
    quiet = history.Progress(False)
    scan = Scanner().scan_one
    monkeypatch.setattr(history, 'FORK_MIN_BYTES', 0 if fork else 1 << 40)
    if not fork:
        monkeypatch.setattr(parallel, 'available', lambda: False)
    held: dict[bytes, bytes] = {}
    flagged = history.discover(root, blobs, quiet, scan, held=held)
    assert len(flagged) == 8 and set(held) == set(flagged)
    for sha, data in held.items():
        assert data == subprocess.run(
            ('git', 'cat-file', 'blob', sha.decode()), cwd=root, check=True, capture_output=True,
        ).stdout
    sizes = sorted(len(data) for data in held.values())
    monkeypatch.setattr(history, 'HELD_BYTES', sizes[0] + sizes[1] - 1)  # room for one only
    held.clear()
    history.discover(root, blobs, quiet, scan, held=held)
    assert 1 <= len(held) <= (2 if fork else 1)  # a bound a process


def test_the_messages_read_whole_up_to_a_window_and_in_windows_past_it(repo, monkeypatch):
    """``message_keys`` takes a commit up to a window as bytes from
    ``stream_blobs(whole=)``, and one over it in windows (``large``): the
    same keys for the same commits either way."""
    root, _keys, _large = repo
    root = str(root)
    rng = random.Random('perfG38-messages')
    key = make_key(rng)
    tree = git(root, 'rev-parse', 'HEAD^{tree}').strip()
    message = 'a long message line\n' * 20 + f'TOGETHER_API_KEY={key}\n'
    sha = git(root, 'commit-tree', tree, '-m', message).strip()  # no ref: asked by name
    shas = [sha, *git(root, 'rev-list', '--all').split()]
    scan = Scanner().scan_one
    hits, _people, large = commits.message_keys(root, shas, scan)
    assert large == {} and [new for _where, _data, new in hits[sha]] == [{hash_secret(key)}]
    monkeypatch.setattr(commits, 'WINDOW', 200)  # every commit here is over it
    windowed, _people, large = commits.message_keys(root, shas, scan)
    assert set(large) == {sha} and [new for _where, _data, new in windowed[sha]] == [{hash_secret(key)}]
    assert set(windowed) == set(hits)
