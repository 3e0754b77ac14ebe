"""The gate probed again (session 24): ways a key reaches a remote past
the hooks as a user configures them.  Real git, the real pre-commit
framework, real pushes to a bare repository.
"""
from __future__ import annotations

import os
import subprocess

import yaml

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.hooks.env_hooks_test import _local_config
from tests.hooks.env_hooks_test import _sh
from tests.hooks.env_hooks_test import BIN
from tests.hooks.env_hooks_test import precommit_env  # noqa: F401 (a fixture)
from together_hooks.findings import hash_secret


def test_an_env_file_forbid_env_files_is_not_passed_is_scanned_for_keys(
        git_repo, precommit_env, keys, tmp_path):
    """detect-together-keys leaves a staged env file to forbid-env-files
    when the config runs that hook too (one ``.env``, one failure).  It
    read only that the config named the hook: one the user narrowed
    (``exclude: ^deploy/``, ``stages`` without pre-push) is never passed
    ``deploy/.env.production``, nor run on a push, and the key hook left
    the file out as well: a key in it was committed, and pushed after a
    ``--no-verify`` commit, with every hook passing.  Now the key hook
    leaves out only the paths forbid-env-files is passed in this stage
    (the config read as pre-commit reads it: stages, files, exclude,
    types); an unnarrowed entry still owns a root ``.env`` alone."""
    repo, env = git_repo, precommit_env
    doc = yaml.safe_load(_local_config('detect-together-keys', 'forbid-env-files'))
    forbid = doc['repos'][0]['hooks'][1]
    forbid['exclude'] = '^deploy/'
    forbid['stages'] = ['pre-commit', 'pre-merge-commit', 'manual']
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(doc, sort_keys=False))
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'install',
                  '-t', 'pre-commit', '-t', 'pre-push')
    assert rc == 0, out
    write(repo, 'a.py', 'x = 1\n')
    git(repo, 'add', '.pre-commit-config.yaml', 'a.py')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'start')
    bare = tmp_path / 'origin.git'
    subprocess.run(('git', 'init', '-q', '--bare', str(bare)), check=True)
    git(repo, 'remote', 'add', 'origin', str(bare))
    git(repo, 'push', '-q', '--no-verify', 'origin', 'main')
    excluded, pushed, owned = keys(), keys(), keys()

    # forbid-env-files excludes deploy/: the key hook scans it.
    write(repo, 'deploy/.env.production', f'TOGETHER_API_KEY={excluded}\n')
    git(repo, 'add', '-f', 'deploy/.env.production')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'deploy settings')
    assert rc != 0 and hash_secret(excluded) in out, out
    assert 'detect-together-keys' in out.split('Failed', 1)[1], out
    git(repo, 'reset', '-q')

    # A root .env forbid-env-files is passed: its alone, one failure.
    write(repo, '.env', f'TOGETHER_API_KEY={owned}\n')
    git(repo, 'add', '-f', '.env')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'env')
    assert rc != 0 and out.count('Failed') == 1, out
    assert 'forbid-env-files' in out.split('Failed', 1)[1], out
    git(repo, 'reset', '-q')

    # forbid-env-files does not run on a push: the key hook scans the env
    # file a --no-verify commit brought.
    write(repo, '.env.ci', f'TOGETHER_API_KEY={pushed}\n')
    git(repo, 'add', '-f', '.env.ci')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'ci settings')
    rc, out = _sh(repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(pushed) in out, out
    assert git(bare, 'rev-list', '--all').split() == git(repo, 'rev-list', 'HEAD~').split()
    assert leaked([excluded, pushed, owned], out) == []
