"""A pre-push run of ``detect-together-keys`` asks git for the files
pre-commit offers the push (its own ``git diff --name-only FROM...TO``)
once: the push's range and the files it leaves out (push variables left
in the environment: those files are scanned as they are) both read that
one answer (``sources.commits.Remotes.offered``), and find what each
found asking apart: the key the range adds, and the one in a file the
range never changes.
"""
from __future__ import annotations

import os

from tests.cli_run import run_in_process
from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import tree_walks


def _commit(repo, message: str) -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', message)
    return git(repo, 'rev-parse', 'HEAD').strip()


def test_the_files_offered_a_push_are_asked_once(git_repo, keys):
    pushed_key, loose_key = keys(), keys()
    write(git_repo, 'a.txt', 'a\n')
    write(git_repo, 'loose.py', f'K = "{loose_key}"\n')
    first = _commit(git_repo, 'one')
    write(git_repo, 'b.py', f'K = "{pushed_key}"\n')
    second = _commit(git_repo, 'two')
    def push() -> object:
        env = {**os.environ, 'PRE_COMMIT_FROM_REF': first, 'PRE_COMMIT_TO_REF': second}
        for name in ('GIT_INDEX_FILE', 'PRE_COMMIT_REMOTE_NAME', 'PRE_COMMIT_LOCAL_BRANCH'):
            env.pop(name, None)
        return run_in_process('detect-together-keys', 'b.py', 'loose.py', cwd=git_repo, env=env)

    walk = tree_walks(push)
    result = walk.result
    assert result.rc == 1, result.err
    shown = result.out + result.err
    assert 'b.py' in shown, shown
    assert 'loose.py' in shown, shown  # a file the range never changes: scanned as it is
    diffs = [a for a in walk.started if 'diff' in a and '--name-only' in a and '--no-ext-diff' in a]
    assert len(diffs) == 1, diffs
