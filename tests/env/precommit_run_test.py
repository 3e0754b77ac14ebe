"""The pre-commit run above a hook: which config, hook and stage it chose
(``together_hooks/env/precommit_run.py``), and what the key hook leaves
to ``forbid-env-files`` by it."""
from __future__ import annotations

import os
import random

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import BIN
from tests.gitplay import clean_env
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from tests.keys import make_key
from together_hooks.env.precommit_run import parse

DEFAULT = '.pre-commit-config.yaml'


@pytest.mark.parametrize('args, expected', [
    (['run'], (DEFAULT, None, 'pre-commit')),
    (['run', 'detect-together-keys'], (DEFAULT, 'detect-together-keys', 'pre-commit')),
    (['run', '-c', 'o.yaml'], ('o.yaml', None, 'pre-commit')),
    (['run', '-co.yaml', '--all-files'], ('o.yaml', None, 'pre-commit')),
    # As argparse reads them: an attached value keeps its '='.
    (['run', '-co=x.yaml'], ('o=x.yaml', None, 'pre-commit')),
    (['run', '-c=o.yaml'], ('o.yaml', None, 'pre-commit')),
    (['run', '--conf=o.yaml', 'x', '--hook-stage', 'manual'], ('o.yaml', 'x', 'manual')),
    (['run', '--files', 'a', 'b', '-v'], (DEFAULT, None, 'pre-commit')),
    (['run', 'x', '--files', 'a', 'b'], (DEFAULT, 'x', 'pre-commit')),
    (['run', '--from-ref', 'a', '--to-ref', 'b', '--', 'x'], (DEFAULT, 'x', 'pre-commit')),
    (['hook-impl', '--config=.pre-commit-config.yaml', '--hook-type=pre-push',
      '--hook-dir', '/r/.git/hooks', '--', 'origin', 'url'], (DEFAULT, None, 'pre-push')),
    (['hook-impl', '--config=c.yaml', '--hook-type=pre-commit', '--skip-on-missing-config', '--'],
     ('c.yaml', None, 'pre-commit')),
    # Not read for sure: None, and the key hook scans env files too.
    (['try-repo', '.', 'forbid-env-files'], None),
    (['run', '--some-new-option', 'x'], None),
    (['run', '-av'], None),
    (['run', 'a', 'b'], None),
    (['run', '-c'], None),
    (['hook-impl', '--config=c.yaml'], None),
    ([], None),
])
def test_what_a_pre_commit_command_line_selects(args, expected):
    assert parse(args) == expected


@pytest.fixture(scope='module')
def repo_with_both_hooks(tmp_path_factory):
    """One repository whose config runs the key hook and forbid-env-files,
    a second config (``other.yaml``) the key hook alone, and a staged
    ``.env`` holding a key; and a copy (``nested``) whose ``sub/`` folder
    has a config of its own, the key hook alone."""
    base = tmp_path_factory.mktemp('pc-run')
    key = make_key(random.Random('precommit_run_test'))
    both = local_hooks_config(
        ('detect-together-keys', manifest('detect-together-keys')),
        ('forbid-env-files', manifest('forbid-env-files')),
    )
    alone = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')))
    repos = {}
    for kind in ('flat', 'nested'):
        repo = repos[kind] = base / kind
        repo.mkdir()
        git(repo, 'init', '-q', '-b', 'main')
        write(repo, DEFAULT, both)
        write(repo, 'other.yaml', alone)
        os.mkdir(repo / 'sub')
        write(repo, 'sub/keep.txt', 'x\n')
        if kind == 'nested':
            write(repo, 'sub/' + DEFAULT, alone)
        write(repo, '.env', f'TOGETHER_API_KEY={key}\n')
        git(repo, 'add', '-f', '.')
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp('pc-home')),
                    PRE_COMMIT_COLOR='never')
    return repos, env, key


@pytest.mark.parametrize('kind, where, pwd, command, key_hook_fails', [
    # Run alone, or from a config without forbid-env-files: the key hook
    # is the only one that can stop the .env (it left it to a hook this
    # run did not run, and the key got through).
    ('flat', '.', '.', ('run', 'detect-together-keys'), True),
    ('flat', '.', '.', ('run', '-c', 'other.yaml'), True),
    ('flat', '.', '.', ('run', '--config=other.yaml', 'detect-together-keys'), True),
    # From a folder with a config of its own, pre-commit reads that one.
    ('nested', 'sub', 'sub', ('run',), True),
    # ... also when PWD still names the top (`make -C sub`, a subprocess
    # cwd=, a wrapper's os.chdir set no PWD): the folder is not known.
    ('nested', 'sub', '.', ('run',), True),
    ('nested', '.', 'sub', ('run',), True),
    # Both hooks run: forbid-env-files reports the .env, once (from a
    # sub-folder too: no config there, pre-commit reads the top's).
    ('flat', '.', '.', ('run',), False),
    ('flat', '.', '.', ('run', '-c', DEFAULT), False),
    ('flat', 'sub', '.', ('run',), False),
])
def test_the_key_hook_scans_a_staged_env_file_forbid_env_files_does_not_run_on(
        repo_with_both_hooks, kind, where, pwd, command, key_hook_fails):
    repos, env, key = repo_with_both_hooks
    repo = repos[kind]
    env = dict(env, PWD=str(repo / pwd))
    rc, out = run(repo / where, env, os.path.join(BIN, 'pre-commit'), *command)
    assert rc == 1, out
    assert not leaked([key], out), out
    key_hook = out.split('detect-together-keys', 1)[1].split('\n', 1)[0]
    assert ('Failed' in key_hook) is key_hook_fails, out
    if key_hook_fails:
        assert '.env' in out.split('detect-together-keys', 1)[1], out


def test_a_hook_not_run_by_pre_commit_scans_env_files_too(repo_with_both_hooks):
    """``PRE_COMMIT=1`` with no pre-commit process above (a wrapper, an IDE
    setting it): which hooks run is not known, so the .env is scanned."""
    repos, env, key = repo_with_both_hooks
    repo = repos['flat']
    rc, out = run(repo, dict(env, PRE_COMMIT='1', PWD=str(repo)), os.path.join(BIN, 'detect-together-keys'), '.env')
    assert rc == 1 and '.env' in out, out
    assert not leaked([key], out), out
