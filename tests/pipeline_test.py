"""The pipeline's Scanner: what a run detects with (the rules and the
developer's own keys) travels with the run, whoever starts it."""
from __future__ import annotations

import json

from tests.cli_run import run
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret

# An ignored env file holds the developer's key; a tracked file holds a bare
# copy that only the own-key matcher can tell from any other SHA-256.
GITIGNORE = '.env\n.env.*\n!.env.example\n'


def _repo_with_own_key(repo, key: str) -> None:
    write(repo, '.gitignore', GITIGNORE)
    write(repo, '.env', f'TOGETHER_API_KEY={key}\n')
    write(repo, 'cache.txt', f'sha: {key}\n')
    git(repo, 'add', '.gitignore', 'cache.txt')
    git(repo, 'commit', '-q', '-m', 'c')


def test_doctor_sees_your_own_keys(git_repo, keys, monkeypatch):
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    key = keys('hex')
    _repo_with_own_key(git_repo, key)
    result = run('together-hooks', 'doctor', '--format', 'json', cwd=git_repo)
    check, = [c for c in json.loads(result.out)['checks'] if c['id'] == 'no-hardcoded-keys']
    assert check['status'] == 'fail', check
    assert 'cache.txt:1: together-own-key' in check['detail']
    assert hash_secret(key) in check['detail']


def test_baseline_create_sees_your_own_keys(git_repo, keys, monkeypatch):
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    key = keys('hex')
    _repo_with_own_key(git_repo, key)
    result = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    # Seen, and not recorded: no baseline entry excuses a key you hold
    # (tests/cli/own_key_advice_test.py).
    assert result.rc == 1, result.err
    assert f'not recorded cache.txt:1: {key[:4]}' in result.err
    assert f'(hashed_secret {hash_secret(key)})' in result.err
    with open(git_repo / '.secrets.baseline', encoding='utf-8') as f:
        assert json.load(f)['results'] == {}


def test_own_keys_do_not_leak_from_one_run_into_the_next(git_repo, keys, monkeypatch, capsys):
    """One process, two runs: the keys the first run held are not the
    second one's (they used to stay in a module global)."""
    from together_hooks.doctor.checks import check_keys
    from together_hooks.doctor.checks import Repo
    from together_hooks.hooks import detect_together_keys

    key = keys('hex')
    write(git_repo, 'cache.txt', f'sha: {key}\n')
    monkeypatch.setenv('TOGETHER_API_KEY', key)
    assert detect_together_keys.main(['cache.txt']) == 1
    capsys.readouterr()
    monkeypatch.delenv('TOGETHER_API_KEY')
    git(git_repo, 'add', 'cache.txt')
    git(git_repo, 'commit', '-q', '-m', 'c')
    assert check_keys(Repo(str(git_repo))).status == 'pass'
