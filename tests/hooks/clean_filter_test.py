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


def _hook_modules(repo, home) -> list[str]:
    """The modules a blocking hook run loads beyond its own (``-S``, as
    ``hook_imports_test``), with ``home`` as HOME."""
    import subprocess
    import sys

    import together_hooks

    source = os.path.dirname(os.path.dirname(os.path.abspath(together_hooks.__file__)))
    code = (
        'import sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'main(["settings.py"])\n'
        'print(sorted({"subprocess", "together_hooks.sources.index"} & set(sys.modules)))\n'
    )
    env = dict(clean_env(HOME=str(home)), GIT_CONFIG_NOSYSTEM='1')
    proc = subprocess.run((sys.executable, '-S', '-c', code), cwd=repo, env=env,
                          capture_output=True, text=True)
    return proc.stdout.strip().splitlines()[-1:]


LFS_INSTALL = (
    '[filter "lfs"]\n\tclean = git-lfs clean -- %f\n\tsmudge = git-lfs smudge -- %f\n'
    '\tprocess = git-lfs filter-process\n\trequired = true\n'
)


def test_git_lfs_own_filter_costs_no_git_process(git_repo, tmp_path):
    """``git lfs install`` sets a filter for every repository of a user; it
    stores pointers, so a commit pays nothing for it.  Any other setting
    in its section does make the hook read what is staged."""
    home = tmp_path / 'home'
    home.mkdir()
    write(git_repo, 'settings.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    (home / '.gitconfig').write_text('[user]\n\tname = Dev\n' + LFS_INSTALL)
    assert _hook_modules(git_repo, home) == ['[]']
    (home / '.gitconfig').write_text(LFS_INSTALL + '\tclean = sed s/x/y/\n')
    assert _hook_modules(git_repo, home) == ["['together_hooks.sources.index']"]
