"""``together-hooks pre-receive --forbid-env-files``: the server refuses
env files too.

forbid-env-files runs on the developer's machine, where a push can pass it
by ways no hook there can close: ``git push --no-verify``, a machine
without the hooks, and a push that brings no new commit (a tag of a tree
holding ``.env``, pushed alone: pre-commit then runs no pre-push hook at
all).  Real git, a real bare server running the gate, the real pre-commit
installed as users install it.
"""
from __future__ import annotations

import os

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run


@pytest.fixture
def gated(git_repo, tmp_path):
    """(the server, the developer's environment): origin runs the gate
    with ``--forbid-env-files``; the clone has forbid-env-files installed
    on pre-push by the real pre-commit, and a clean ``main`` pushed."""
    remote = bare(tmp_path / 'server.git')
    install_gate(remote, '--forbid-env-files')
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, '.pre-commit-config.yaml', local_hooks_config(
        ('forbid-env-files', manifest('forbid-env-files')), stages='pre-push'))
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(git_repo, env)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    return remote, env


def _tree_tag(repo, path: str) -> str:
    """``snap``, an annotated tag of a tree (no commit) holding ``path``."""
    write(repo, path, 'LOCAL_SETTING=1\n')
    git(repo, 'add', '-f', path)
    tree = git(repo, 'write-tree').strip()
    git(repo, 'rm', '-q', '-r', '--cached', path.split('/')[0] if path.startswith('.env/') else path)
    git(repo, 'tag', '-a', 'snap', '-m', 'snapshot', tree)
    return tree


@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_a_tree_tag_pushed_alone_with_an_env_file_is_refused_by_the_server(
        git_repo, gated, path):
    """pre-commit runs no pre-push hook for a push that brings no commit,
    so the developer's forbid-env-files never sees this tree; the server
    gate does."""
    remote, env = gated
    _tree_tag(git_repo, path)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'snap')
    assert rc != 0, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in the tree that refs/tags/snap names' in out, out
    assert 'pre-receive hook declined' in out, out
    assert remote_has(remote, 'refs/tags/snap') == ''
    # Without the option the gate looks for keys only, as documented.
    install_gate(remote)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'snap')
    assert rc == 0, out


@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_an_env_file_added_and_removed_inside_a_no_verify_push_is_refused(
        git_repo, gated, path):
    remote, env = gated
    before = remote_has(remote, 'refs/heads/main')
    write(git_repo, path, 'LOCAL_SETTING=1\n')
    git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    adding = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'rm', '-q', '-r', '--cached', path.split('/')[0] if path.startswith('.env/') else path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'gone')
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main', 'topic')
    assert rc != 0, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in pushed commit {adding[:12]}' in out, out
    assert 'push refused (--forbid-env-files)' in out, out
    assert remote_has(remote, 'refs/heads/main') == before
    assert remote_has(remote, 'refs/heads/topic') == ''


def test_templates_and_the_default_branch_settings_pass(git_repo, gated):
    """Templates pass by name; the default branch's ``exclude`` and
    ``env-templates`` count, a pushed config does not."""
    remote, env = gated
    write(git_repo, '.together-hooks.toml',
          'exclude = ["fixtures/*"]\nenv-templates = [".env.ci"]\n')
    commit(git_repo, 'config')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    for path in ('.env.example', 'fixtures/.env', '.env.ci'):
        write(git_repo, path, 'SETTING=placeholder\n')
        git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'templates')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    # A pushed config that would leave out everything is not used.
    write(git_repo, '.together-hooks.toml', 'exclude = ["secrets/*"]\n')
    write(git_repo, os.path.join('secrets', '.env'), 'SETTING=1\n')
    git(git_repo, 'add', '-f', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'sneak')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc != 0, out
    assert 'secrets/.env: env file in pushed commit' in out, out
