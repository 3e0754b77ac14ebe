"""doctor's fix where ``core.hooksPath`` is set, followed word for word
(session 36, gate36): the hook is installed after it, wherever git reads
the setting from.

``git config --unset-all core.hooksPath`` edits the repository's own
config file only.  A ``core.hooksPath`` in the global config (set by a
company's laptop image, or for a hooks manager) survived it: pre-commit
still refused ("Cowardly refusing to install hooks with `core.hooksPath`
set"), and so did doctor's next run.  Each file that sets it is now named.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import git
from tests.gitplay import local_hooks_config
from together_hooks.doctor import checks as doctor


def _repo(tmp_path):
    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    (repo / '.pre-commit-config.yaml').write_text(
        local_hooks_config(('detect-together-keys', ''), ('forbid-env-files', '')))
    return repo


def _followed(repo, fix: str) -> None:
    """Each step of ``fix`` before ``then pre-commit install`` run as a
    user types it, then pre-commit's own install."""
    steps, sep, last = fix.rpartition(', then ')
    assert sep and last == 'pre-commit install', fix
    for step in steps.split(', '):
        subprocess.run(('sh', '-c', step), cwd=repo, check=True, capture_output=True)
    subprocess.run((sys.executable, '-m', 'pre_commit', 'install'), cwd=repo, check=True, capture_output=True)


@pytest.mark.parametrize('where', ['global', 'included-from-global', 'local', 'local-and-global'])
def test_following_the_fix_installs_the_hook_wherever_hooks_path_is_set(tmp_path, monkeypatch, where):
    repo = _repo(tmp_path)
    home = tmp_path / 'global.gitconfig'
    home.write_text('')
    monkeypatch.setenv('GIT_CONFIG_GLOBAL', str(home))
    monkeypatch.chdir(repo)
    if where in ('global', 'local-and-global'):
        git(repo, 'config', '--global', 'core.hooksPath', str(tmp_path / 'company-hooks'))
    if where == 'included-from-global':
        included = tmp_path / 'company.gitconfig'
        included.write_text(f'[core]\n\thooksPath = {tmp_path / "company-hooks"}\n')
        git(repo, 'config', '--global', 'include.path', str(included))
    if where.startswith('local'):
        git(repo, 'config', 'core.hooksPath', '.githooks')
    refused = subprocess.run((sys.executable, '-m', 'pre_commit', 'install'), cwd=repo, capture_output=True,
                             text=True)
    assert refused.returncode != 0 and 'core.hooksPath' in refused.stdout + refused.stderr
    check = doctor.check_hooks(doctor.Repo.at(str(repo)))
    assert check.status == doctor.FAIL and check.fix, check
    if where == 'local':  # the repository's own file: the command as it was
        assert check.fix == 'run git config --unset-all core.hooksPath, then pre-commit install', check
    _followed(repo, check.fix.removeprefix('run '))
    assert doctor.check_hooks(doctor.Repo.at(str(repo))).status == doctor.PASS


def test_a_hooks_path_given_in_the_environment_is_said_so(tmp_path, monkeypatch):
    """``GIT_CONFIG_COUNT`` (or ``-c``) sets it: no file to edit, and no
    ``git config --unset-all`` (which exits 5 there) is offered."""
    repo = _repo(tmp_path)
    monkeypatch.setenv('GIT_CONFIG_GLOBAL', str(tmp_path / 'none'))
    for k, v in (('GIT_CONFIG_COUNT', '1'), ('GIT_CONFIG_KEY_0', 'core.hooksPath'),
                 ('GIT_CONFIG_VALUE_0', str(tmp_path / 'elsewhere'))):
        monkeypatch.setenv(k, v)
    check = doctor.check_hooks(doctor.Repo.at(str(repo)))
    assert check.status == doctor.FAIL, check
    assert 'GIT_CONFIG_*' in check.fix and '--unset-all' not in check.fix, check
