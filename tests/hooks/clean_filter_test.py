"""A clean filter: what a commit stores is the filter's output, not the
work tree.

``git add`` passes a file whose attributes name ``filter=<name>`` through
``filter.<name>.clean`` (or ``.process``) and stores what comes out; the
pre-commit hook is given work-tree files.  A key that only the clean
output holds must block the commit all the same.  Real git, the real
pre-commit installed as users install it.
"""
from __future__ import annotations

import os

from tests.cli_run import hook
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


def _filter_inserting(repo, key: str, where: str = 'repo') -> None:
    """``settings.py`` goes through a clean filter that writes ``key`` in
    place of ``PLACEHOLDER`` (set in the repository's config, or as a
    user's global one)."""
    command = f"sed 's/PLACEHOLDER/{key}/'"
    if where == 'repo':
        git(repo, 'config', 'filter.fill.clean', command)
        git(repo, 'config', 'filter.fill.smudge', 'cat')
    else:
        with open(os.path.join(where, '.gitconfig'), 'w') as f:
            f.write(f'[filter "fill"]\n\tclean = {command}\n\tsmudge = cat\n')
    write(repo, '.gitattributes', 'settings.py filter=fill\n')
    write(repo, 'settings.py', 'TOGETHER_API_KEY = "PLACEHOLDER"\n')  # pragma: allowlist secret


def test_hook_scans_the_staged_clean_output(git_repo, keys):
    key = keys()
    _filter_inserting(git_repo, key)
    git(git_repo, 'add', '-A')
    assert key in git(git_repo, 'cat-file', 'blob', ':settings.py')  # what git stores
    res = hook('settings.py', cwd=git_repo)
    assert res.rc == 1, res.err
    assert hash_secret(key) in res.out and 'settings.py:1' in res.out


def test_commit_through_pre_commit_is_blocked(git_repo, keys, tmp_path):
    """A user's global filter (``~/.gitconfig``), the hook as pre-commit
    runs it."""
    key = keys()
    home = tmp_path / 'home'
    home.mkdir()
    env = clean_env(HOME=str(home), PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    write(git_repo, '.pre-commit-config.yaml', local_hooks_config(
        ('detect-together-keys', manifest('detect-together-keys'))))
    install(git_repo, env)
    commit(git_repo, 'config')
    _filter_inserting(git_repo, key, str(home))
    rc, out = run(git_repo, env, 'git', 'add', '-A')
    assert rc == 0, out
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-m', 'settings')
    assert rc == 1, out
    assert hash_secret(key) in out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_filtered_file_without_a_key_passes(git_repo, keys):
    git(git_repo, 'config', 'filter.fill.clean', "sed 's/PLACEHOLDER/nothing/'")
    write(git_repo, '.gitattributes', 'settings.py filter=fill\n')
    write(git_repo, 'settings.py', 'TOGETHER_API_KEY = "PLACEHOLDER"\n')  # pragma: allowlist secret
    git(git_repo, 'add', '-A')
    res = hook('settings.py', cwd=git_repo)
    assert res.rc == 0, res.out + res.err
