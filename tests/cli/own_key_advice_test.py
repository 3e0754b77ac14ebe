"""A copy of a key the developer holds (in an ignored .env), committed by
a first-day user who follows the advice the block prints.

The advice once said "Not a real key? Add a pragma, or record it in the
baseline" for it.  The pragma never silenced it (the block came back
saying the same), and the baseline did: `baseline create` recorded the
key of the user's own .env, and the commit of it passed.

Every test runs the installed console scripts in a real repository.
"""
from __future__ import annotations

import json

import pytest

from tests.cli_run import hook_in_process as hook
from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write


@pytest.fixture
def own_key_in_app(git_repo, keys, monkeypatch):
    """app.py holds the key that the ignored .env holds, staged."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    key = keys()
    write(git_repo, '.gitignore', '.env\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={key}\n')
    write(git_repo, 'app.py', f'import together\nclient = together.Together(api_key="{key}")\n')
    git(git_repo, 'add', '.gitignore', 'app.py')
    return key


def _step(result) -> str:
    return result.out.splitlines()[-1]


def test_the_advice_for_your_own_key_names_it_and_offers_no_pragma(own_key_in_app, git_repo):
    first = hook('app.py')
    assert first.rc == 1, first.err
    assert 'a copy of a key you hold' in _step(first), first.out
    assert 'pragma' not in _step(first) and 'baseline create' not in _step(first)
    # The pragma the old advice named: still blocked, and not told it again.
    with open(git_repo / 'app.py', encoding='utf-8') as f:
        lines = f.read().splitlines()
    lines[1] += '  # pragma: allowlist secret'
    write(git_repo, 'app.py', '\n'.join(lines) + '\n')
    second = hook('app.py')
    assert second.rc == 1, second.err
    # reported by the key rule (the pragma excuses no held key, faults38)
    assert 'app.py:2: together-' in second.out, second.out
    assert 'a copy of a key you hold' in _step(second) and 'pragma' not in _step(second)


def test_a_false_positive_beside_your_own_key_still_gets_its_advice(own_key_in_app, git_repo, keys):
    write(git_repo, 'fixture.py', f'FAKE = "{keys()}"\n')
    result = hook('app.py', 'fixture.py')
    assert result.rc == 1, result.err
    step = _step(result)
    assert step.startswith('app.py: a copy of a key you hold'), step
    assert 'Not a real key? Add "# pragma: allowlist secret"' in step, step


def test_baseline_create_does_not_record_your_own_key(own_key_in_app, git_repo, keys):
    write(git_repo, 'fixture.py', f'FAKE = "{keys()}"\n')
    git(git_repo, 'add', 'fixture.py')
    created = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert created.rc == 1, created.err
    assert 'not recorded app.py:2:' in created.err and 'a copy of a key you hold' in created.err
    with open(git_repo / '.secrets.baseline', encoding='utf-8') as f:
        assert sorted(json.load(f)['results']) == ['fixture.py']
    git(git_repo, 'add', '.secrets.baseline')
    after = hook('--format', 'json', 'app.py', 'fixture.py')
    assert after.rc == 1 and [f[0] for f in after.found()] == ['app.py'], after.out
    # update adds it neither, and says so again.
    updated = run('together-hooks', 'baseline', 'update', cwd=git_repo)
    assert updated.rc == 1 and 'not recorded app.py:2:' in updated.err, updated.err


def test_a_baseline_entry_does_not_excuse_your_own_key(own_key_in_app, git_repo):
    """A baseline made before (by an older version, or by detect-secrets)
    that records the key: the hook, scan and doctor still fail on it."""
    from together_hooks.findings import hash_secret

    entry = {'type': 'Together API Key', 'filename': 'app.py',
             'hashed_secret': hash_secret(own_key_in_app), 'is_verified': False, 'line_number': 2}
    doc = {'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
           'results': {'app.py': [entry]}, 'generated_at': '2026-01-01T00:00:00Z'}
    write(git_repo, '.secrets.baseline', json.dumps(doc, indent=2) + '\n')
    git(git_repo, 'add', '.secrets.baseline')
    assert hook('app.py').rc == 1
    assert scan('.').rc == 1
    git(git_repo, 'commit', '-qm', 'c', '--no-verify')
    doctor = run('together-hooks', 'doctor', '--format', 'json', cwd=git_repo)
    check, = [c for c in json.loads(doctor.out)['checks'] if c['id'] == 'no-hardcoded-keys']
    assert check['status'] == 'fail', check


@pytest.mark.parametrize('folder', ['', 'tests/'])
def test_a_committed_env_file_is_no_key_you_hold(git_repo, keys, monkeypatch, folder):
    """A tracked env file is the repository's (docs/env-policy.md), so its
    key is an ordinary finding the baseline may record: at the root and in
    a subfolder, for baseline create, scan and the hook alike (the hook on
    one staged file read the tracked tests/.env as yours and failed, on 300
    it passed)."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    key = keys()
    write(git_repo, f'{folder}.env', f'TOGETHER_API_KEY={key}\n')
    write(git_repo, f'{folder}test_app.py', f'import together\nclient = together.Together(api_key="{key}")\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'c', '--no-verify')
    created = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert created.rc == 0 and 'not recorded' not in created.err, created.err
    with open(git_repo / '.secrets.baseline', encoding='utf-8') as f:
        assert sorted(json.load(f)['results']) == [f'{folder}.env', f'{folder}test_app.py']
    git(git_repo, 'add', '.secrets.baseline')
    assert scan('.').rc == 0
    assert hook(f'{folder}test_app.py').rc == 0
    assert hook(f'{folder}.env', f'{folder}test_app.py').rc == 0


def test_an_unignored_env_file_holding_your_key_is_told_one_thing(git_repo, keys, monkeypatch):
    """The env file a held key is read from holds the original: the report
    says keep it there and have git ignore the file, and no longer also
    calls it a copy to take out of the file."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys()}\n')
    result = scan('.')
    assert result.rc == 1, result.err
    assert 'keep the key there' in result.out, result.out
    assert 'a copy of a key you hold' not in result.out, result.out
    assert 'take it out of the file' not in result.out, result.out


def test_the_take_out_names_the_commit_of_your_key_when_another_key_is_later(
        own_key_in_app, git_repo, keys, monkeypatch):
    """Your key committed in fixtures.py, another key in the next commit:
    the take-out names the first commit, not `--amend` of HEAD."""
    git(git_repo, 'commit', '-qm', 'app', '--no-verify')
    write(git_repo, 'other.py', f'FAKE = "{keys()}"\n')
    git(git_repo, 'add', 'other.py')
    # Dated before its parent (a skewed clock): date order is not history's.
    monkeypatch.setenv('GIT_COMMITTER_DATE', '2001-01-01T00:00:00Z')
    git(git_repo, 'commit', '-qm', 'other', '--no-verify')
    monkeypatch.delenv('GIT_COMMITTER_DATE')
    first = git(git_repo, 'rev-parse', 'HEAD~1').strip()
    result = scan('--history')
    assert result.rc == 1, result.err
    step = _step(result)
    assert 'a copy of a key you hold' in step, step
    assert '--amend' not in step and (f'{first[:12]}^' in step or '--root' in step), step


def test_the_block_names_where_the_held_key_comes_from_and_the_way_out(
        own_key_in_app, git_repo, keys, monkeypatch):
    """CI sets TOGETHER_API_KEY to a fixture key: the block named no way
    out.  It names the variable (or the env file) and what to do there."""
    step = _step(hook('app.py'))
    assert 'a copy of a key you hold (in the env file .env)' in step, step
    assert 'change it in the env file .env' in step and 'rotate it at' in step, step
    fixture = keys()
    monkeypatch.setenv('TOGETHER_API_KEY', fixture)
    write(git_repo, 'test_client.py', f'KEY = "{fixture}"\n')
    result = hook('test_client.py')
    assert result.rc == 1, result.err
    step = _step(result)
    assert 'a copy of a key you hold (in the variable TOGETHER_API_KEY)' in step, step
    assert 'change it in the variable TOGETHER_API_KEY' in step, step
    assert fixture not in result.out + result.err
