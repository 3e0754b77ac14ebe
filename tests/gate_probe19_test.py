"""The gate probed again (session 29): pushes from a shallow clone, and
what the CI range and the server make of them.  Real git, the real
pre-commit framework installed for pre-push, real bare remotes.
"""
from __future__ import annotations

import shutil
import subprocess

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.gate_push_test import _plain_hook
from tests.gate_push_test import main_pushed  # noqa: F401 (a fixture)
from tests.gitplay import bare
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


def _objects_hold(repo, key: str) -> bool:
    """Whether any object ``repo`` stores holds ``key`` (loose or packed)."""
    out = subprocess.run(
        ('git', 'cat-file', '--batch-all-objects', '--batch'), cwd=repo,
        capture_output=True, check=True,
    ).stdout
    return key.encode() in out


def test_pre_push_from_a_shallow_clone_reads_what_it_can_send(
        git_repo, keys, main_pushed, tmp_path):
    """A ``--depth 1`` clone pushes a new branch to a remote it has no
    remote-tracking refs of (a fork added beside ``origin``).  Every commit
    of the branch is "new", down to the clone's cut, and the hook refused
    the push (exit 2, "this shallow clone does not have every commit")
    however clean it was.  git sends only the objects the clone has: a
    commit below the cut cannot be pushed, and the commit at the cut has
    no parent here, so it is read whole (as a first commit).  So a clean
    push passes (and the remote then holds nothing the cut hid), a key in
    a new commit or in the cut commit's own tree is refused, by rule and
    place, and no output shows it."""
    gone, added, at_cut = keys(), keys(), keys()
    # origin's main: a key added and removed again, below the clone's cut.
    write(git_repo, 'old.py', f'K = "{gone}"\n')
    commit(git_repo, 'key')
    git(git_repo, 'rm', '-q', 'old.py')
    commit(git_repo, 'gone')
    git(git_repo, 'push', '-q', '--no-verify', 'origin', 'main')
    origin = git(git_repo, 'remote', 'get-url', 'origin').strip()
    clone = tmp_path / 'shallow'
    git(tmp_path, 'clone', '-q', '--depth', '1', f'file://{origin}', str(clone))
    assert git(clone, 'rev-parse', '--is-shallow-repository').strip() == 'true'
    # pre-commit's own pre-push hook, as `pre-commit install` wrote it.
    shutil.copy2(git_repo / '.git' / 'hooks' / 'pre-push', clone / '.git' / 'hooks' / 'pre-push')
    fork = bare(tmp_path / 'fork.git')
    git(fork, 'config', 'receive.shallowUpdate', 'true')  # takes a shallow push
    git(clone, 'remote', 'add', 'fork', fork)

    git(clone, 'checkout', '-q', '-b', 'feat')
    write(clone, 'c.py', 'y = 2\n')
    commit(clone, 'clean')
    rc, out = run(clone, main_pushed, 'git', 'push', 'fork', 'feat')
    assert rc == 0, out
    assert 'error' not in out, out
    assert git(fork, 'rev-parse', 'feat').strip() == git(clone, 'rev-parse', 'feat').strip()
    assert not _objects_hold(fork, gone)

    write(clone, 'k.py', f'K = "{added}"\n')
    commit(clone, 'key')
    rc, out = run(clone, main_pushed, 'git', 'push', 'fork', 'feat')
    assert rc == 1, out
    assert hash_secret(added) in out and 'k.py:1: together-api-key' in out, out
    assert git(fork, 'rev-parse', 'feat').strip() != git(clone, 'rev-parse', 'feat').strip()

    # The cut itself holds a key (pushed to origin past the hooks): a
    # remote without that commit receives its whole tree.
    write(git_repo, 's.py', f'S = "{at_cut}"\n')
    commit(git_repo, 'key at the cut')
    git(git_repo, 'push', '-q', '--no-verify', 'origin', 'main')
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main')
    git(clone, 'checkout', '-q', '-b', 'feat2', 'origin/main')
    rc, out2 = run(clone, main_pushed, 'git', 'push', 'fork', 'feat2')
    assert rc == 1, out2
    assert hash_secret(at_cut) in out2 and 's.py:1: together-api-key' in out2, out2
    assert git(fork, 'for-each-ref', 'refs/heads/feat2') == ''

    # examples/pre-push.md's plain hook (``scan --commits``) decides alike,
    # the tracking ref the first push left deleted (``git fetch --prune``
    # after the fork's branch went).
    _plain_hook(clone)
    git(clone, 'update-ref', '-d', 'refs/remotes/fork/feat')
    git(clone, 'checkout', '-q', '-b', 'feat3', 'feat~1')
    rc, out3 = run(clone, main_pushed, 'git', 'push', 'fork', 'feat3')
    assert rc == 0, out3
    rc, out4 = run(clone, main_pushed, 'git', 'push', 'fork', 'feat2')
    assert rc == 1, out4
    assert hash_secret(at_cut) in out4 and 's.py:1: together-api-key' in out4, out4
    assert git(fork, 'for-each-ref', 'refs/heads/feat2') == ''
    assert leaked([gone, added, at_cut], out, out2, out3, out4) == []


def test_a_ci_range_from_git_s_zero_id_says_to_scan_the_head(git_repo, tmp_path):
    """``scan --diff "$BEFORE..HEAD"`` with the before of a branch pushed
    anew (GitHub's ``github.event.before``, GitLab's
    ``CI_COMMIT_BEFORE_SHA``: all zeros, 64 in a SHA-256 repository) was
    told to ``git fetch origin 0000…``, which no fetch can do.  It still
    exits 2, and says what to scan.  A shallow CI checkout
    (``fetch-depth: 1`` or ``2``) then scanning every commit of HEAD is
    refused as before: the remote has the commits below the cut."""
    from tests.cli_run import assert_error_line
    from tests.cli_run import scan_in_process

    for n in range(3):
        write(git_repo, 'a.py', f'x = {n}\n')
        commit(git_repo, f'c{n}')
    for zeros in ('0' * 40, '0' * 64):
        for spec in ('--diff', f'{zeros}..HEAD'), ('--diff', f'{zeros}...HEAD'), \
                ('--commits', 'HEAD', '--since', zeros):
            result = scan_in_process(*spec, cwd=git_repo)
            assert_error_line(result, "git's zero id", '--commits HEAD')
            assert 'git fetch' not in result.err, result.err
    for depth in ('1', '2'):
        clone = tmp_path / f'ci{depth}'
        git(tmp_path, 'clone', '-q', '--depth', depth, f'file://{git_repo}', str(clone))
        result = scan_in_process('--commits', 'HEAD', cwd=clone)
        assert_error_line(result, 'shallow', 'git fetch --unshallow')


def test_pre_push_with_a_shallow_submodule_reads_what_it_can_send(
        git_repo, keys, main_pushed, tmp_path):
    """A submodule cloned shallow (``--shallow-submodules``, ``git
    submodule update --depth 1``) at a commit below its remote's tip: the
    commits pushing it would send reach its cut, and every push of a
    gitlink change was refused (exit 2, "submodule lib: this shallow clone
    does not have every commit").  The submodule sends only what it has:
    a clean bump passes, a key in its new commit is refused at
    ``lib/k.py``."""
    key = keys()
    upstream = tmp_path / 'S'
    upstream.mkdir()
    git(upstream, 'init', '-q', '-b', 'main')
    for n in range(3):
        write(upstream, f's{n}.py', f'x = {n}\n')
        commit(upstream, f's{n}')
    pinned = git(upstream, 'rev-parse', 'HEAD~1').strip()
    lib = git_repo / 'lib'
    git(git_repo, 'clone', '-q', '--depth', '1', '--no-single-branch', f'file://{upstream}', str(lib))
    git(lib, 'fetch', '-q', '--depth', '1', 'origin', pinned)
    git(lib, 'checkout', '-q', '-b', 'work', pinned)
    assert pinned in (lib / '.git' / 'shallow').read_text()
    git(git_repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', f'file://{upstream}', 'lib')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'lib')
    git(git_repo, 'push', '-q', '--no-verify', 'origin', 'main')

    write(lib, 's3.py', 'y = 3\n')
    commit(lib, 'clean')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'bump')
    rc, out = run(git_repo, main_pushed, 'git', 'push', 'origin', 'main')
    assert rc == 0, out

    write(lib, 'k.py', f'K = "{key}"\n')
    commit(lib, 'key')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'bump')
    rc, out2 = run(git_repo, main_pushed, 'git', 'push', 'origin', 'main')
    assert rc == 1, out2
    assert hash_secret(key) in out2 and 'lib/k.py:1: together-api-key' in out2, out2
    assert leaked([key], out, out2) == []
