"""A push refused for a key that a later commit of the same push removed
(session 35, outside35: the new user's server-side gate).  Its "not a
real key?" step named the baseline alone, which records only keys a file
still holds: followed word for word, `together-hooks baseline create`
recorded nothing and the push was refused again.  The step names the
config's ``allow`` of the key's hashed_secret too, and following that
lets the same commits in."""
from __future__ import annotations

import os

from tests.cli.pre_receive_test import env  # noqa: F401 (fixture)
from tests.cli.pre_receive_test import push
from tests.cli.pre_receive_test import remote_has
from tests.cli.pre_receive_test import served  # noqa: F401 (fixture)
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import BIN
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


def test_a_key_only_in_the_pushs_history_is_passed_as_the_refusal_says(git_repo, served, env, keys):  # noqa: F811
    key = keys()
    write(git_repo, 'fixture.py', f'K = "{key}"\n')
    commit(git_repo, 'fixture')
    git(git_repo, 'rm', '-q', 'fixture.py')
    commit(git_repo, 'drop the fixture')
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    allow = f'allow = ["{hash_secret(key)}"]'
    assert 'a key only in history' in out and allow in out, out
    # The baseline route records nothing here (no file holds the key).
    rc, made = run(git_repo, env, os.path.join(BIN, 'together-hooks'), 'baseline', 'create')
    assert rc == 0 and '0 key(s)' in made, made
    os.unlink(os.path.join(git_repo, '.secrets.baseline'))
    # As it says: the allow line in a commit of its own on the default
    # branch first, then the same commits.
    head = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~2')
    write(git_repo, '.together-hooks.toml', allow + '\n')
    commit(git_repo, 'allow the fixture key')
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    for sha in git(git_repo, 'rev-list', '--reverse', f'{head}~2..{head}').split():
        git(git_repo, 'cherry-pick', sha)
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    assert remote_has(served, 'refs/heads/main') == git(git_repo, 'rev-parse', 'HEAD').strip()
