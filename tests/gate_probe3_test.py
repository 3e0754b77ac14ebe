"""A hostile tester's fourth round against the gate (session 18).

Each test is an attack that let a key through (or refused what was not
pushed) before its fix: real repositories, real git and pre-commit, real
``git push`` to a real bare repository.
"""
from __future__ import annotations

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.precommit_test import _head
from tests.precommit_test import _run
from tests.precommit_test import env  # noqa: F401 (fixture)
from tests.precommit_test import pre_commit_home  # noqa: F401 (fixture)
from tests.precommit_test import PRE_COMMIT
from tests.precommit_test import snapshot  # noqa: F401 (fixture)
from together_hooks.findings import hash_secret


# ------------------------------------------- what git merge commits

def test_a_merge_commit_is_checked_where_its_hook_is_installed(git_repo, env, snapshot, keys):  # noqa: F811
    """``git merge`` makes its commit without the pre-commit hook: git
    runs ``pre-merge-commit`` instead.  The manifest did not list that
    stage, so with it installed (``pre-commit install --hook-type
    pre-merge-commit``) a branch committed with ``--no-verify`` merged
    its key and its ``.env.local`` into main unchecked; the hooks run
    there now, as on any commit."""
    repo, rev = snapshot
    write(git_repo, '.pre-commit-config.yaml', (
        f'repos:\n-   repo: {repo}\n    rev: {rev}\n    hooks:\n'
        '    -   id: detect-together-keys\n    -   id: forbid-env-files\n'))
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install', '--hook-type', 'pre-merge-commit')
    assert rc == 0, out
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'config')
    git(git_repo, 'checkout', '-q', '-b', 'side')
    key = keys()
    write(git_repo, 'side.py', f'KEY = "{key}"\n')
    write(git_repo, '.env.local', 'DEBUG=1\n')
    git(git_repo, 'add', '-f', 'side.py', '.env.local')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'side')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'main.py', 'x = 1\n')
    git(git_repo, 'add', 'main.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'main')
    before = _head(git_repo)
    rc, out = _run(git_repo, env, 'git', 'merge', '--no-edit', 'side')
    assert rc != 0, out
    assert _head(git_repo) == before  # no merge commit
    assert 'side.py:1: together-api-key' in out and hash_secret(key) in out, out
    assert '.env.local: env file staged' in out, out
    assert leaked([key], out) == []
    # A clean merge commits through the same hooks.
    git(git_repo, 'merge', '--abort')
    git(git_repo, 'checkout', '-q', '-b', 'clean', 'main~1')
    write(git_repo, 'clean.py', 'y = 2\n')
    git(git_repo, 'add', 'clean.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'clean')
    git(git_repo, 'checkout', '-q', 'main')
    rc, out = _run(git_repo, env, 'git', 'merge', '--no-edit', 'clean')
    assert rc == 0 and 'Passed' in out, out
    assert _head(git_repo) != before
