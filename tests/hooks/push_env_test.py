"""pre-commit tells a hook it runs for a push through ``PRE_COMMIT_*``
variables, and never clears them: left in a shell or a CI job's
environment, they made the commit hook scan a push range instead of what
is being committed, and pass.  Real git, the real pre-commit."""
from __future__ import annotations

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture
def committing(git_repo, tmp_path):
    write(git_repo, '.pre-commit-config.yaml', local_hooks_config(
        ('detect-together-keys', manifest('detect-together-keys'))))
    install(git_repo, clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home')))
    commit(git_repo, 'config')
    return str(tmp_path / 'pc-home')


@pytest.mark.parametrize('stale', [
    {'PRE_COMMIT_FROM_REF': 'HEAD', 'PRE_COMMIT_TO_REF': 'HEAD'},
    {'PRE_COMMIT_REMOTE_NAME': 'origin', 'PRE_COMMIT_LOCAL_BRANCH': 'main'},
])
def test_a_commit_with_push_variables_left_in_the_environment(
        git_repo, committing, keys, stale):
    key = keys()
    hashed = hash_secret(key)
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'settings.py')
    env = clean_env(PRE_COMMIT_HOME=committing, PRE_COMMIT_COLOR='never', **stale)
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1 and hashed in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_run_all_files_with_a_range_left_in_the_environment(git_repo, committing, keys):
    """``pre-commit run --all-files`` passes every file: those the range
    does not change are scanned as they are."""
    key = keys()
    hashed = hash_secret(key)
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    commit(git_repo, 'key')
    env = clean_env(PRE_COMMIT_HOME=committing, PRE_COMMIT_COLOR='never',
                    PRE_COMMIT_FROM_REF='HEAD', PRE_COMMIT_TO_REF='HEAD')
    rc, out = run(git_repo, env, 'pre-commit', 'run', '--all-files')
    assert rc == 1 and hashed in out, out
