"""doctor reads the pre-commit config git's installed hook runs (session
38, outside38, a newcomer's monorepo): ``pre-commit install -c
services/api/.pre-commit-config.yaml`` installs a hook running that
config for the whole repository, with no config at the root.  doctor
read the root's alone: it failed ``hooks-installed`` ("no
.pre-commit-config.yaml in the repository") while every commit was
checked, and its fix (a config at the root, then ``pre-commit install``)
would have replaced the hook the team set up.  The near-miss: a hook
installed for a sub-folder's config that runs none of our hooks while
the root's does must fail (before, it passed: the root's was read)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import git
from tests.gitplay import local_hooks_config
from together_hooks.doctor import checks as doctor

_OURS = local_hooks_config(('detect-together-keys', ''), ('forbid-env-files', ''))
_OTHER = 'repos:\n-   repo: meta\n    hooks:\n    -   id: check-useless-excludes\n'


def _monorepo(tmp_path, configs: dict[str, str], installed: str | None):
    repo = tmp_path / 'mono'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    for rel, text in configs.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    args = ('-c', installed) if installed else ()
    subprocess.run((sys.executable, '-m', 'pre_commit', 'install', *args), cwd=repo, check=True, capture_output=True)
    return doctor.check_hooks(doctor.Repo.at(str(repo)))


def test_the_other_checks_fixes_name_the_config_the_hook_runs(tmp_path, monkeypatch):
    monkeypatch.delenv('TOGETHER_HOOKS_AUDIT_LOG', raising=False)
    _monorepo(tmp_path, {'services/api/.pre-commit-config.yaml': _OURS}, 'services/api/.pre-commit-config.yaml')
    check = doctor.check_audit_log(doctor.Repo.at(str(tmp_path / 'mono')))
    assert 'hook in services/api/.pre-commit-config.yaml (a path' in check.fix, check


def test_a_sub_folders_config_the_hook_runs_is_read(tmp_path):
    check = _monorepo(tmp_path, {'services/api/.pre-commit-config.yaml': _OURS,
                                 'services/web/.pre-commit-config.yaml': _OTHER},
                      'services/api/.pre-commit-config.yaml')
    assert check.status == doctor.PASS, check
    assert check.detail.startswith('services/api/.pre-commit-config.yaml runs detect-together-keys'), check


def test_a_hook_running_a_config_without_ours_fails_though_the_roots_has_them(tmp_path):
    check = _monorepo(tmp_path, {'.pre-commit-config.yaml': _OURS,
                                 'services/web/.pre-commit-config.yaml': _OTHER},
                      'services/web/.pre-commit-config.yaml')
    assert check.status == doctor.FAIL, check
    assert check.detail.startswith('services/web/.pre-commit-config.yaml does not run detect-together-keys'), check


def test_a_name_with_a_blank_is_read_as_pre_commit_quotes_it(tmp_path):
    check = _monorepo(tmp_path, {'my service/.pre-commit-config.yaml': _OURS},
                      'my service/.pre-commit-config.yaml')
    assert check.status == doctor.PASS, check
    assert check.detail.startswith('my service/.pre-commit-config.yaml runs'), check


def test_the_roots_config_installed_plainly_is_read_as_before(tmp_path):
    check = _monorepo(tmp_path, {'.pre-commit-config.yaml': _OURS,
                                 'services/web/.pre-commit-config.yaml': _OTHER}, None)
    assert check.status == doctor.PASS, check
    assert check.detail.startswith('.pre-commit-config.yaml runs'), check
