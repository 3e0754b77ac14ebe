"""A new user blocked by a false positive does what the advice says, word
by word, and the next commit goes in with the baseline (outside37).

The advice used to end "then commit .secrets.baseline".  Through the real
pre-commit that was not enough: a baseline ``baseline update`` changed
but nobody staged is stashed by pre-commit before the hook runs, so the
same commit was refused again with the same advice; and a baseline
``baseline create`` wrote, left untracked, excused the key in the hook
while the commit went in without it (CI and the team then met the key).
The advice now names the step between, as check-env-gitignored names
its own: "stage it (``git add <baseline>``) and commit it".
"""
from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture
def committing(git_repo, repo_templates):
    """The hook installed by the real pre-commit (once a session)."""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys'))))
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'baseline-advice-committing', build)


def _follow_the_advice(repo, env, out: str) -> list[str]:
    """Run every command the "Not a real key?" advice names after "record
    it in the baseline:", as typed (the commit is the test's)."""
    advice = next(line for line in out.splitlines() if line.startswith('Not a real key?'))
    said = advice.split('ecord it in the baseline:', 1)[1]
    commands = re.findall(r'`([^`]+)`', said)
    for command in commands:
        proc = subprocess.run(command, shell=True, cwd=repo, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert proc.returncode == 0, (command, proc.stdout)
    return commands


def _committed_baseline(repo) -> str:
    return git(repo, 'show', 'HEAD:.secrets.baseline')


def test_a_new_baseline_goes_into_the_commit_it_excuses(git_repo, committing, keys):
    key = keys()
    write(git_repo, 'tests/fixtures/client.json', '{"together_api_key": "%s"}\n' % key)
    git(git_repo, 'add', 'tests/fixtures/client.json')
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'fixture')
    assert rc == 1 and hash_secret(key) in out, out
    commands = _follow_the_advice(git_repo, committing, out)
    assert any(c.startswith('git add') for c in commands), commands
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'fixture')
    assert rc == 0, out
    assert hash_secret(key) in _committed_baseline(git_repo)
    assert git(git_repo, 'status', '--porcelain', '--', '.secrets.baseline') == ''


def test_an_updated_baseline_passes_the_next_commit(git_repo, committing, keys):
    first, second = keys(), keys()
    write(git_repo, 'tests/fixtures/a.json', '{"together_api_key": "%s"}\n' % first)
    assert subprocess.run(('together-hooks', 'baseline', 'create'), cwd=git_repo, env=committing,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT).returncode == 0
    commit(git_repo, 'fixture a, baseline')
    write(git_repo, 'tests/fixtures/b.json', '{"together_api_key": "%s"}\n' % second)
    git(git_repo, 'add', 'tests/fixtures/b.json')
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'fixture b')
    assert rc == 1 and hash_secret(second) in out, out
    _follow_the_advice(git_repo, committing, out)
    # Done as said, the same commit goes in, its baseline with it.
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'fixture b')
    assert rc == 0, out
    assert hash_secret(second) in _committed_baseline(git_repo)


def test_outside_git_the_advice_names_no_git_step(tmp_path, monkeypatch, keys):
    # (the decoy: no repository, nothing to stage)
    from tests.cli_run import scan_in_process as scan

    monkeypatch.chdir(tmp_path)
    write(tmp_path, 'fixture.json', '{"together_api_key": "%s"}\n' % keys())
    result = scan('.')
    assert result.rc == 1
    advice = next(line for line in result.out.splitlines() if line.startswith('Not a real key?'))
    assert 'git add' not in advice and '(it writes .secrets.baseline)' in advice, advice
