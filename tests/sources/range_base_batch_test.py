"""A range's base (its boundary commits) is asked for the keys it already
had at the range's flagged paths in one batch (``scan --diff``, pre-push,
pre-receive: ``sources.commits._base_keys``): the gits started do not grow
with the number of paths, and the answer is the same as asking path by
path (a key the base had at that path is not the range's; a path git
cannot be asked about keeps its keys: fail closed).
"""
from __future__ import annotations

import os

from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import tree_walks
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.commits import added_by_commits


def _commit(repo) -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c')
    return git(repo, 'rev-parse', 'HEAD').strip()


def _added(root: str, base: str) -> list[tuple[str, tuple[str, ...]]]:
    scan = Scanner().scan_one
    return sorted(
        (r.path, tuple(sorted(r.keep.hashes)))
        for r in added_by_commits(root, ['HEAD'], [base], scan, messages=False, names=False)
    )


def _base_deleted_and_added_again(repo, folder: str, n: int, keys) -> tuple[str, list]:
    """``n`` files (and one whose name holds a newline) that the base had
    with a key, deleted and added again with it and one more key: (the
    base, what the range adds)."""
    paths = [f'{folder}/m{i}.py' for i in range(n)] + [f'{folder}/new\nline.py']
    old = {p: keys() for p in paths}
    for p in paths:
        write(repo, p, f'K = "{old[p]}"\n')
    base = _commit(repo)
    for p in paths:
        os.unlink(os.path.join(repo, p))
    _commit(repo)
    new = {p: keys() for p in paths}
    for p in paths:
        write(repo, p, f'K = "{old[p]}"\nN = "{new[p]}"\n')
    _commit(repo)
    expected = sorted(
        (p, tuple(sorted({hash_secret(new[p])} | ({hash_secret(old[p])} if '\n' in p else set()))))
        for p in paths
    )
    return base, expected


def test_the_bases_keys_cost_the_same_gits_for_2_or_24_paths(git_repo, keys):
    root = str(git_repo)
    few_base, few = _base_deleted_and_added_again(git_repo, 'few', 2, keys)
    few_walk = tree_walks(lambda: _added(root, few_base))
    many_base, many = _base_deleted_and_added_again(git_repo, 'many', 24, keys)
    many_walk = tree_walks(lambda: _added(root, many_base))
    # Only the keys the range brings; the base's came back in the range,
    # but for the path git cannot be asked about: fail closed.
    assert few_walk.result == few
    assert many_walk.result == many
    started = [a[1:] for a in many_walk.started if a[0] == 'git']
    assert len(started) == len([a for a in few_walk.started if a[0] == 'git']), started
    assert sum('--batch-check' in ' '.join(a) for a in started) == 1, started


def test_a_path_ending_in_a_carriage_return_is_not_asked_as_its_twin(git_repo, keys):
    """git drops a carriage return before a name's newline: asked for
    ``BASE:a.py\\r`` it answers ``a.py``'s blob, and the key the base had
    at ``a.py`` would hide the one the range adds at ``a.py\\r``."""
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    base = _commit(git_repo)
    write(git_repo, 'a.py\r', f'K = "{key}"\n')
    _commit(git_repo)
    assert _added(str(git_repo), base) == [('a.py\r', (hash_secret(key),))]


def test_a_blob_the_base_had_at_two_paths_is_judged_at_each(git_repo, keys):
    """One blob read once for the base, its keys found under each path it
    is at (and under none but a path): a bare legacy key is one only in a
    file named for a key."""
    bare = keys('hex')
    paths = ('.together_api_key', 'deploy/.together_api_key')
    for p in paths:
        write(git_repo, p, f'{bare}\n')
    base = _commit(git_repo)
    for p in paths:
        os.unlink(os.path.join(git_repo, p))
    _commit(git_repo)
    for p in paths:
        write(git_repo, p, f'{bare}\n')
    _commit(git_repo)
    # The key the range adds again at both paths was the base's at both.
    assert _added(str(git_repo), base) == []
    # At a path not named for a key, the same bare one is no key: the base
    # did not have it there, though a blob read with no path holds it.
    write(git_repo, 'notes.txt', f'{bare}\n')
    base = _commit(git_repo)
    os.unlink(git_repo / 'notes.txt')
    _commit(git_repo)
    write(git_repo, 'notes.txt', f'TOGETHER_API_KEY={bare}\n')
    _commit(git_repo)
    assert _added(str(git_repo), base) == [('notes.txt', (hash_secret(bare),))]


def test_a_large_blob_the_base_had_at_two_paths_streams_for_each(git_repo, keys):
    """A blob larger than a window is streamed (in windows) once for each
    path the base has it at: its keys count at both, not only at the first
    path its one read was spent on."""
    from together_hooks.fileio import WINDOW

    key = keys()
    big = ('x = 1\n' * (WINDOW // 6 + 1) + f'TOGETHER_API_KEY = "{key}"\n')
    paths = ('a/big.py', 'b/big.py')
    for p in paths:
        write(git_repo, p, big)
    base = _commit(git_repo)
    for p in paths:
        os.unlink(os.path.join(git_repo, p))
    _commit(git_repo)
    for p in paths:
        write(git_repo, p, big)
    _commit(git_repo)
    assert _added(str(git_repo), base) == []


def test_a_base_answer_of_more_lines_than_names_fails_closed(git_repo, keys, tmp_path, monkeypatch):
    """Lines are matched to names by their order: a ``git`` on PATH that
    adds one (a wrapper's banner) would move every blob to the next path,
    so the range's key could pass as the base's.  One line, exit 2."""
    import shutil

    from tests.cli_run import assert_error_line
    from tests.cli_run import run_in_process

    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    base = _commit(git_repo)
    os.unlink(git_repo / 'a.py')
    _commit(git_repo)
    write(git_repo, 'a.py', f'K = "{key}"\n')
    _commit(git_repo)
    shim = tmp_path / 'bin'
    shim.mkdir()
    (shim / 'git').write_text(
        '#!/bin/sh\n'
        f'{shutil.which("git")} "$@"; rc=$?\n'
        'case "$*" in *--batch-check=*) echo "a banner";; esac\n'
        'exit $rc\n',
    )
    (shim / 'git').chmod(0o755)
    monkeypatch.setenv('PATH', f'{shim}{os.pathsep}{os.environ["PATH"]}')
    r = run_in_process('together-hooks', 'scan', '--diff', f'{base}..HEAD', cwd=git_repo)
    assert_error_line(r, "not git's", 'git on PATH')


def _dot_entry_range(repo, key: str, dot: str) -> str:
    """The base has ``key`` at ``a.py``; the range adds a tree entry named
    ``dot`` (``.`` or ``..``: git's own commands never write one, but a
    push of such a tree is taken) holding ``a.py`` with the same key.
    Returns the base."""
    write(repo, 'a.py', f'K = "{key}"\n')
    base = _commit(repo)
    blob = git(repo, 'rev-parse', 'HEAD:a.py').strip()
    sub = _mktree(repo, f'100644 blob {blob}\ta.py\n')
    top = _mktree(repo, f'100644 blob {blob}\ta.py\n040000 tree {sub}\t{dot}\n')
    tip = git(repo, 'commit-tree', top, '-p', base, '-m', 'dot').strip()
    git(repo, 'update-ref', 'refs/heads/main', tip)
    git(repo, 'symbolic-ref', 'HEAD', 'refs/heads/main')
    return base


def _mktree(repo, entries: str) -> str:
    import subprocess

    return subprocess.run(('git', 'mktree'), cwd=repo, input=entries.encode(), capture_output=True,
                          check=True).stdout.decode().strip()


def test_a_path_under_a_dot_entry_is_not_asked_as_its_twin(git_repo, keys, tmp_path):
    """git reads ``BASE:./a.py`` as a path relative to the working
    directory: ``a.py`` in a clone (the base's key there hid the one the
    range adds at ``./a.py``), a fatal error in a bare repository (the
    server's gate stopped on git's error, not the key) or for ``../``.
    Such a path is not asked: its keys are the range's."""
    import subprocess

    from tests.cli_run import run_in_process

    for dot in ('.', '..'):
        repo = tmp_path / f'clone{len(dot)}'
        subprocess.run(('git', 'clone', '-q', str(git_repo), str(repo)), check=True, capture_output=True)
        key = keys()
        base = _dot_entry_range(repo, key, dot)
        r = run_in_process('together-hooks', 'scan', '--diff', f'{base}..HEAD', '--format', 'json', cwd=repo)
        assert r.rc == 1, (dot, r.err)
        assert [f['path'] for f in r.json()['findings']] == [f'{dot}/a.py'], dot
        served = tmp_path / f'served{len(dot)}.git'
        subprocess.run(('git', 'clone', '-q', '--bare', str(repo), str(served)), check=True, capture_output=True)
        assert _added(str(served), base) == [(f'{dot}/a.py', (hash_secret(key),))], dot


def test_a_push_of_a_key_under_a_dot_entry_is_refused_for_the_key(git_repo, keys, tmp_path):
    """The same, through a real ``git push`` to a bare repository gated by
    examples/pre-receive: refused for the key (before: for git's error)."""
    from tests.cli.pre_receive_test import install_gate
    from tests.gitplay import bare
    from tests.gitplay import clean_env
    from tests.gitplay import run
    from together_hooks.findings import redact

    remote = bare(tmp_path / 'server.git')
    git(git_repo, 'remote', 'add', 'origin', remote)
    env = clean_env()
    key = keys()
    _dot_entry_range(git_repo, key, '.')
    git(git_repo, 'push', '-q', 'origin', 'HEAD~1:refs/heads/main')  # the base, before the gate
    install_gate(remote)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert './a.py' in out and redact(key) in out, out
    assert 'cat-file' not in out and key not in out, out


def test_a_stream_of_no_blobs_starts_no_git(git_repo, tmp_path, monkeypatch):
    """A step with nothing to read (no parent blob to scan, no base path
    to ask) starts no ``git cat-file``: the gits a range scan starts follow
    its steps, not what its data happens to hold.  Told with no git to
    start at all (an empty PATH): asked by ``GIT_TRACE2_EVENT``, a git
    started with nothing to read and stopped at once left no trace to
    count (the test passed with the early return gone)."""
    from together_hooks.gitrun import stream_blobs

    empty = tmp_path / 'bin'
    empty.mkdir()
    monkeypatch.setenv('PATH', str(empty))
    assert list(stream_blobs(str(git_repo), [])) == []
