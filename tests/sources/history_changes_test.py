"""Attribution reads the commit walk (``git log --raw -z``) for the entries
that put a flagged blob at a path (``history.changes``).  When the flagged
blobs are few, only the commits whose text holds one are parsed
(``history._holding``): the same entries, in the same order, as the parse
of every token, whatever bytes the paths hold (a path may look like a
commit's line or a raw entry, or hold a blob's id), and the work no longer
grows with every token of the log (counted in bytecodes, not time)."""
from __future__ import annotations

import itertools
import os
import subprocess

import pytest

from tests.bytecode import work as bytecodes
from tests.conftest import git
from tests.conftest import write
from together_hooks import pipeline
from together_hooks.sources import history


def commit(repo, msg: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)


def _log(repo) -> bytes:
    return subprocess.run(
        ('git', *history.CommitLog.args(None)), cwd=repo, check=True, capture_output=True,
    ).stdout


def _entries(found) -> list[tuple[str, str, str, str, tuple[bytes, ...], bytes]]:
    return [(c.sha, c.author, c.date, path, olds, new) for c, path, olds, new in found]


class _Shown:
    def __init__(self) -> None:
        self.counts: list[int] = []

    def commits(self, done: int) -> None:
        self.counts.append(done)


@pytest.fixture
def hostile(git_repo):
    """Paths that look like a commit's line (``\\x01``, a sha, ``\\x02``),
    like a raw entry (``:100644 ...``), that hold a blob's id, a newline,
    a space; a merge whose resolution differs from both sides (``-c``)."""
    repo = str(git_repo)
    write(repo, 'a.py', 'x = 1\n')
    commit(repo, 'one')
    blob = git(repo, 'rev-parse', 'HEAD:a.py').strip()
    zeros = '0' * len(blob)
    for name in (
            f'\x01{blob}\x02Eve <e@x>\x022020-01-01T00:00:00+00:00',
            f':100644 100644 {zeros} {blob} A',
            f'\n:100644 100644 {zeros} {blob} M',
            f'holds {blob} in its name',
            'line\nbreak.py', 'two words.txt',
    ):
        with open(os.path.join(repo, name), 'wb') as f:
            f.write(name.encode() + b'\n')
        commit(repo, 'hostile')
    git(repo, 'checkout', '-q', '-b', 'side')
    write(repo, 'a.py', 'x = 2\n')
    commit(repo, 'side')
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'a.py', 'x = 3\n')
    commit(repo, 'main')
    subprocess.run(('git', 'merge', '-q', '--no-edit', 'side'), cwd=repo, capture_output=True)
    write(repo, 'a.py', 'x = 4\n')
    commit(repo, 'merged by hand')
    write(repo, 'a.py', 'x = 1\n')  # blob one again, in a later commit
    commit(repo, 'back')
    return repo


def test_the_commits_holding_a_wanted_blob_give_the_whole_parse(hostile):
    log = _log(hostile)
    entries = [token.split(b' ') for token in log.split(b'\0') if token.lstrip(b'\n')[:1] == b':']
    blobs = sorted({fields[-2] for fields in entries} - {b'0' * 40})
    assert len(blobs) >= 10
    # The log whole, and cut into pieces of a few bytes (as read from git).
    for pieces in ([log], [log[i:i + 7] for i in range(0, len(log), 7)]):
        sets = [set(c) for n in (1, 2) for c in itertools.combinations(blobs, n)]
        sets += [set(blobs[:history.FEW_WANTED]), set(blobs), set()]
        for wanted in sets:
            whole, few = _Shown(), _Shown()
            expected = _entries(history.changes(pieces, whole, wanted.__contains__))
            got = _entries(history.changes(pieces, few, wanted.__contains__, wanted))
            assert got == expected
            assert few.counts[-1] == whole.counts[-1]  # every commit counted
    # Each hostile path is given as the path it is, where its blob is wanted.
    paths = {path for _sha, _a, _d, path, _o, _n in _entries(
        history.changes([log], _Shown(), set(blobs).__contains__, set(blobs[:1])))}
    assert all('\x01' not in p or p.startswith('\x01') for p in paths)


def test_the_walk_lists_its_commits_as_git_walks_them(hostile):
    """``AddedNames(commits=True)``: each commit of the walk once, in its
    order, read in pieces of a few bytes, whatever its paths look like (a
    commit's line, a raw entry); a last line git left without its NUL
    too (``end``).  What a local clone's scan takes for the list of the
    commits instead of a ``rev-list`` of its own (``CommitList.of_log``)."""
    # The walk is newest first: a first commit with no entry (an empty
    # tree, dated before every other) is its last line.
    empty = git(hostile, 'hash-object', '-t', 'tree', '/dev/null').strip()
    old = dict(os.environ, GIT_AUTHOR_DATE='2001-01-01T00:00:00+00:00', GIT_COMMITTER_DATE='2001-01-01T00:00:00+00:00')
    first = subprocess.run(
        ('git', 'commit-tree', empty, '-m', 'last, with no entry'), cwd=hostile, env=old,
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    git(hostile, 'update-ref', 'refs/heads/empty-root', first)
    log = _log(hostile)
    assert log.endswith(b'\0') and log.rstrip(b'\0').rpartition(b'\0')[2].startswith(b'\x01')
    want = git(hostile, 'log', '--reverse', '--date-order', '--format=%H', '--all').split()
    assert len(want) >= 10
    for stream in (log, log.rstrip(b'\0')):
        for pieces in ([stream], [stream[i:i + 7] for i in range(0, len(stream), 7)]):
            names = history.AddedNames(commits=True)
            for piece in pieces:
                names(piece)
            names.end()
            assert names.commits == want


def _many_commits(repo, n: int) -> tuple[bytes, bytes]:
    """``n`` commits changing four files each (``git fast-import``), the
    last of them adding one more file; (its blob, the log)."""
    lines = []
    for i in range(n):
        lines.append(b'commit refs/heads/main\n')
        lines.append(b'committer Dev <dev@example.com> %d +0000\n' % (1_600_000_000 + i))
        lines.append(b'data 2\nc\n')  # each on the last: one import, one branch
        for f in range(4):
            data = b'v = %d\n' % (i * 4 + f)
            lines.append(b'M 100644 inline f%d.py\ndata %d\n%s\n' % (f, len(data), data))
        if i == n - 1:
            lines.append(b'M 100644 inline last.py\ndata 8\nlast = 1\n')
    subprocess.run(('git', 'fast-import', '--quiet'), cwd=repo, input=b''.join(lines), check=True)
    blob = git(repo, 'rev-parse', 'main:last.py').strip().encode()
    return blob, _log(repo)


def test_attribution_parses_only_the_commits_of_a_flagged_blob(git_repo):
    """Attribution of one flagged blob in a walk of 1,200 commits (4,800
    raw entries): the parse of every token ran ~20 bytecodes a token; now
    the work is the commit that holds it, not the walk."""
    repo = str(git_repo)
    blob, out = _many_commits(repo, 1200)
    log = history.CommitLog(repo, None)
    scan = pipeline.Scanner.for_run().scan_one
    try:
        work = bytecodes(lambda: history.attribute(
            repo, {blob: frozenset({'k'})}, None, history.Progress(False), log, scan),
            package=history.__name__)  # ``sources.history``'s own code
    finally:
        log.close()
    assert out.count(b'\x01') >= 1200
    assert work < 1200  # less than one bytecode a commit of the log
