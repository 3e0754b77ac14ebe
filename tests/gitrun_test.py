"""The one git runner: git started without ``subprocess``, still failing
closed (timeouts, no git, no folder), never stuck on a full pipe."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from together_hooks.errors import InputError
from together_hooks.gitrun import git
from together_hooks.gitrun import git_output
from together_hooks.gitrun import git_probe

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_input_and_output_larger_than_a_pipe_both_ways(git_repo):
    """Requests are written while answers are read: 5,000 lines in, 700 kB
    out, no deadlock, every byte."""
    blob = git(git_repo, 'hash-object', '-w', '--stdin', input=b'x' * 100).strip()
    out = git(git_repo, 'cat-file', '--batch', input=(blob + b'\n') * 5000)
    one = blob + b' blob 100\n' + b'x' * 100 + b'\n'
    assert out == one * 5000


def test_a_timeout_stops_git_and_is_an_error(git_repo):
    start = time.monotonic()
    with pytest.raises(InputError, match=r'^git nap timed out after 0\.2s$'):
        git(git_repo, '-c', 'alias.nap=!sleep 30', 'nap', timeout=0.2)
    assert time.monotonic() - start < 10


def test_git_failures_are_git_own_words_or_none(git_repo):
    with pytest.raises(InputError, match=r'^git rev-parse failed: fatal: Needed a single revision$'):
        git(git_repo, 'rev-parse', '--verify', 'nope')
    assert git_output(git_repo, 'rev-parse', '--verify', '-q', 'nope') is None
    assert git(git_repo, 'check-ignore', 'x', ok=(0, 1)) == b''


def test_no_git_and_no_folder_are_errors_that_say_so(git_repo, tmp_path):
    with pytest.raises(InputError, match='git is not installed or not on PATH'):
        git(git_repo, 'status', env={'PATH': str(tmp_path)})
    gone = str(tmp_path / 'gone')
    with pytest.raises(InputError, match='no such folder'):
        git(gone, 'status')
    assert git_probe(gone, 'status') is None


def test_git_runs_in_the_folder_and_environment_given(git_repo, tmp_path):
    (git_repo / 'sub').mkdir()
    assert git(str(git_repo / 'sub'), 'rev-parse', '--show-prefix') == b'sub/\n'
    env = {**os.environ, 'GIT_AUTHOR_NAME': 'Someone Else'}
    assert git(git_repo, 'var', 'GIT_AUTHOR_IDENT', env=env).startswith(b'Someone Else <')


def test_without_standard_streams_git_still_answers(git_repo):
    """A process started with stdin and stdout closed: the pipes would take
    their numbers, so git is started by subprocess instead."""
    code = (
        'import os, sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.gitrun import git\n'
        'os.close(0)\n'
        'os.close(1)\n'
        'out = git(".", "rev-parse", "--is-inside-work-tree", input=b"")\n'
        'print(out, "subprocess" in sys.modules, file=sys.stderr)\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), cwd=git_repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "b'true\\n' True\n"


def _many_blobs(repo, n: int) -> dict[str, bytes]:
    """``n`` distinct blobs written into ``repo``: sha -> bytes."""
    contents = [f'blob {i}\n'.encode() * (1 + i % 7) for i in range(n)]
    folder = repo / 'many'
    folder.mkdir()
    for i, data in enumerate(contents):
        (folder / str(i)).write_bytes(data)
    shas = git(repo, 'hash-object', '-w', '--stdin-paths', input=b''.join(
        os.fsencode(folder / str(i)) + b'\n' for i in range(n)
    )).split()
    return {sha.decode(): data for sha, data in zip(shas, contents)}


def test_streamed_blobs_asked_for_by_more_than_a_pipe_holds(git_repo):
    """4,000 requests (164 KB, more than a pipe holds): written on while
    the blobs are read, every blob comes back in order, whole; stopping
    early stops git."""
    from together_hooks.gitrun import stream_blobs

    blobs = _many_blobs(git_repo, 4000)
    order = sorted(blobs)
    got = [(sha, blob.read()) for sha, blob in stream_blobs(str(git_repo), order)]
    assert got == [(sha, blobs[sha]) for sha in order]
    stream = stream_blobs(str(git_repo), [s.encode() for s in order])
    sha, blob = next(stream)
    assert (sha, blob.read(5)) == (order[0].encode(), blobs[order[0]][:5])
    stream.close()


def test_streamed_blobs_up_to_whole_come_as_their_bytes(git_repo):
    """``whole``: a blob of at most that many bytes comes as its bytes
    (its newline read past), a larger one as a ``Blob`` read as it is
    asked, both in order; an empty blob is ``b''``."""
    from together_hooks.gitrun import Blob
    from together_hooks.gitrun import stream_blobs

    blobs = _many_blobs(git_repo, 40)
    blobs[git(git_repo, 'hash-object', '-w', '--stdin', input=b'').decode().strip()] = b''
    order = sorted(blobs)
    cut = 3 * len(b'blob 10\n')
    got = list(stream_blobs(str(git_repo), order, whole=cut))
    assert [sha for sha, _blob in got] == order
    kinds = {type(blob) for _sha, blob in got}
    assert kinds == {bytes, Blob}
    for sha, blob in got:
        if len(blobs[sha]) <= cut:
            assert blob == blobs[sha]
    # Read as they come: each large blob read part by part, each small whole.
    read = {sha: blob if type(blob) is bytes else blob.read(4) + blob.read()
            for sha, blob in stream_blobs(str(git_repo), order, whole=cut)}
    assert read == blobs


def test_streamed_blobs_without_standard_streams(git_repo):
    """With stdin and stdout closed, the stream is started by subprocess
    and gives the same blobs."""
    blobs = _many_blobs(git_repo, 3)
    code = (
        'import os, sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.gitrun import stream_blobs\n'
        'os.close(0)\n'
        'os.close(1)\n'
        f'got = {{sha: b.read() for sha, b in stream_blobs(".", {sorted(blobs)!r})}}\n'
        'print(repr(got), "subprocess" in sys.modules, file=sys.stderr)\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), cwd=git_repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    got, _sp, loaded = proc.stderr.strip().rpartition(' ')
    assert eval(got) == blobs and loaded == 'True'


def test_the_work_tree_top_found_without_git_is_git_own(git_repo, tmp_path):
    """``work_tree_top`` gives what ``git rev-parse --show-toplevel`` gives
    wherever it is asked: in and below a work tree, inside its git
    folder, in a linked worktree, through a symlink, below an empty
    ``.git`` folder, with ``core.worktree`` or ``core.bare`` set."""
    from together_hooks.gitrun import git_toplevel
    from together_hooks.gitrun import work_tree_top

    (git_repo / 'sub' / 'deep').mkdir(parents=True)
    (git_repo / 'a.txt').write_text('a\n')
    git(git_repo, 'add', 'a.txt')
    git(git_repo, '-c', 'user.name=D', '-c', 'user.email=d@e', 'commit', '-qm', 'a')
    git(git_repo, 'worktree', 'add', '-q', str(tmp_path / 'linked'))
    (git_repo / 'sub' / 'fake' / '.git').mkdir(parents=True)  # not a repository: git looks on up
    os.symlink(git_repo / 'sub', tmp_path / 'link')
    outer = tmp_path / 'outer'  # a repository holding a link into this one
    outer.mkdir()
    git(outer, 'init', '-q')
    os.symlink(git_repo / 'sub', outer / 'link')
    other = tmp_path / 'other'
    other.mkdir()
    git(other, 'init', '-q')
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    places = [
        git_repo, git_repo / 'sub' / 'deep', git_repo / '.git', git_repo / '.git' / 'refs',
        tmp_path / 'linked', tmp_path / 'link', outer / 'link', outer,
        git_repo / 'sub' / 'fake',
        other, tmp_path,
    ]
    for place in places:
        assert work_tree_top(str(place)) == git_toplevel(str(place)), place
    git(other, 'config', 'core.worktree', str(elsewhere))
    assert work_tree_top(str(other)) == git_toplevel(str(other)), 'core.worktree'
    git(other, 'config', '--unset', 'core.worktree')
    git(other, 'config', 'core.bare', 'true')
    assert work_tree_top(str(other)) == git_toplevel(str(other)) is None, 'bare'
    if os.geteuid() == 0 and 'SUDO_UID' not in os.environ:
        # Another user's repository: git refuses it (safe.directory).
        git(other, 'config', 'core.bare', 'false')
        for place in (other, other / '.git'):
            os.chown(place, 65534, 65534)
        assert work_tree_top(str(other)) == git_toplevel(str(other)) is None, 'owner'


def test_no_repository_names_a_git_folder_and_its_work_tree(git_repo, tmp_path):
    """Run inside ``.git`` (or a bare repository), a command that needs a
    work tree says where it is, never "not inside a git work tree", which
    sends the user looking for a repository they are standing in."""
    from together_hooks.gitrun import no_repository

    inside = os.path.join(str(git_repo), '.git')
    words = str(no_repository('not inside a git work tree', inside))
    assert 'not inside' not in words
    assert os.path.realpath(str(git_repo)) in words and 'work tree' in words
    bare = tmp_path / 'bare.git'
    git(str(tmp_path), 'init', '-q', '--bare', str(bare))
    words = str(no_repository('not inside a git work tree', str(bare)))
    assert 'bare repository' in words and 'clone' in words and 'scan --history' in words
    plain = tmp_path / 'plain'
    plain.mkdir()
    assert str(no_repository('not inside a git work tree', str(plain))) == 'not inside a git work tree'
    # A linked worktree's git folder (.git/worktrees/NAME) names its tree
    # too, not only "run this in its work tree".
    git(str(git_repo), 'commit', '-q', '--allow-empty', '-m', 'x')
    linked = tmp_path / 'linked'
    git(str(git_repo), 'worktree', 'add', '-q', str(linked))
    inside = os.path.join(str(git_repo), '.git', 'worktrees', 'linked')
    words = str(no_repository('not inside a git work tree', inside))
    assert words.endswith(f'run this in its work tree, {os.path.realpath(str(linked))}'), words


def test_a_streamed_git_failure_says_the_fatal_line_not_the_advice(git_repo):
    """The listings streamed from git (``--commits``, ``--history``) said
    git's last line, the advice after the cause ("'git <command>
    [<revision>...] -- [<file>...]'"), where every other "git X failed"
    says its first ``fatal:`` line (``gitrun.git_reason``)."""
    from together_hooks.sources import commits
    from together_hooks.sources import history

    proc = subprocess.run(['git', 'log', 'no-such-ref'], cwd=str(git_repo), capture_output=True)
    assert proc.returncode != 0 and b"Use '--'" in proc.stderr, proc.stderr  # real git's advice
    words = str(history._failed('log', proc.returncode, proc.stderr))
    assert words.startswith("git log failed: fatal: ambiguous argument 'no-such-ref'"), words
    with pytest.raises(InputError) as streamed:
        list(commits._streamed_tokens(str(git_repo), ('log', '-z', 'no-such-ref')))
    assert "failed: fatal: ambiguous argument 'no-such-ref'" in str(streamed.value), streamed.value


def test_many_revisions_go_to_git_on_stdin_with_their_signs(git_repo):
    """A ``rev-list`` or ``log`` naming more ids than a command line holds
    reads them from stdin (``revisions_on_stdin``), each with the sign
    ``--not`` or ``^`` gave it, other arguments where they were: the same
    answer as the short command line."""
    from together_hooks import gitrun

    shas = []
    for n in range(4):
        git(git_repo, 'commit', '-q', '--allow-empty', '--no-verify', '-m', f'c{n}')
        shas.append(git(git_repo, 'rev-parse', 'HEAD').strip().decode())
    a, b, c, d = shas
    pad = (gitrun.ARGV_REVISIONS // 40) + 1
    for args in (
            ('rev-list', d, '--not', b, '--'),
            ('rev-list', '--boundary', d, '--not', a, '--not', c, '--'),
            ('rev-list', d, f'^{b}', '--not', a, '--not', c),
            ('log', '--format=%H %s', d, '--not', '--all', '--not', b, '--'),
            ('rev-list', '--end-of-options', d, f'^{b}'),
            # What is no full id stays on the command line, sign and all:
            # a range, an abbreviated id, a ref, --since, ``^`` undone by --not.
            ('rev-list', f'{a}..{d}', '--not', c[:10], '--since=1970-01-02', c),
            ('rev-list', 'HEAD', '--not', f'^{c}', a),
            ('rev-list', d, '--not', 'HEAD~3', f'^{b[:12]}', b),
    ):
        short = git(git_repo, *args)
        end = args.index('--') if '--' in args else len(args)
        # Each id named again and again: the same range, past the limit.
        padded = (*args[:end - 1], *[args[end - 1]] * pad, *args[end - 1:])
        moved, given = gitrun.revisions_on_stdin(padded)
        assert given is not None and '--stdin' in moved and len(moved) < 12, moved
        assert git(git_repo, *padded) == short, args
        # The same through a stream (its ids in a private temporary file).
        proc = gitrun.git_stream(str(git_repo), *padded)
        streamed, _err = proc.communicate()
        assert proc.returncode == 0 and streamed == short, args
    assert gitrun.revisions_on_stdin(('rev-list', d, '--not', b)) == (('rev-list', d, '--not', b), None)
