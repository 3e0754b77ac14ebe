"""The hook and ``scan`` agree on which keys you hold.

The hook read only the env files at the root and beside the staged files;
``scan`` and ``baseline create`` every ignored one.  A key held in
``services/api/.env`` (ignored), copied into the root's ``app.py`` with a
pragma or a baseline entry, passed the hook while ``scan .`` failed.  Now
both read the same env files (docs/env-policy.md#your-own-keys).

Every test runs the installed console scripts in a real repository.
"""
from __future__ import annotations

import json

import pytest

from tests.cli_run import hook
from tests.cli_run import run
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write


@pytest.fixture
def held_far(git_repo, keys, monkeypatch):
    """A key in an ignored env file two folders down, nothing at the root."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    write(git_repo, '.gitignore', '.env\n')
    write(git_repo, 'services/api/main.py', 'print("api")\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'c', '--no-verify')
    return git_repo


def _hold(repo, key: str) -> None:
    write(repo, 'services/api/.env', f'TOGETHER_API_KEY={key}\n')


def test_a_pragma_on_a_key_you_hold_far_away_fails_the_hook_as_scan(held_far, keys):
    key = keys()
    _hold(held_far, key)
    write(held_far, 'app.py', f'KEY = "{key}"  # pragma: allowlist secret\n')
    git(held_far, 'add', 'app.py')
    assert scan('.').rc == 1
    result = hook('app.py')
    assert result.rc == 1, result.out + result.err
    assert 'a copy of a key you hold (in the env file services/api/.env)' in result.out, result.out


def test_a_baseline_entry_for_a_key_you_hold_far_away_fails_the_hook_as_scan(held_far, keys):
    key = keys()
    write(held_far, 'app.py', f'KEY = "{key}"\n')
    git(held_far, 'add', 'app.py')
    created = run('together-hooks', 'baseline', 'create', cwd=held_far)
    assert created.rc == 0, created.err  # not held yet: recorded
    with open(held_far / '.secrets.baseline', encoding='utf-8') as f:
        assert list(json.load(f)['results']) == ['app.py']
    git(held_far, 'add', '.secrets.baseline')
    assert hook('--baseline', '.secrets.baseline', 'app.py').rc == 0
    _hold(held_far, key)  # now it is the key in your services/api/.env
    assert scan('.').rc == 1
    result = hook('--baseline', '.secrets.baseline', 'app.py')
    assert result.rc == 1, result.out + result.err
    assert 'a copy of a key you hold' in result.out, result.out


def test_a_legacy_key_you_hold_far_away_is_found_with_no_context(held_far, keys):
    """Only the own-key rule finds a bare 64-hex copy: the hook found it only
    when the env file was beside the file."""
    key = keys('hex')
    _hold(held_far, key)
    write(held_far, 'fixtures.txt', f'{key}\n')
    git(held_far, 'add', 'fixtures.txt')
    assert scan('.').rc == 1
    result = hook('fixtures.txt')
    assert result.rc == 1, result.out + result.err
    assert 'together-own-key' in result.out, result.out


def test_an_env_file_git_tracks_is_still_not_yours(held_far, keys):
    """The walk keeps the rule that a committed env file is the repository's."""
    key = keys()
    write(held_far, 'services/api/.env', f'TOGETHER_API_KEY={key}\n')
    git(held_far, 'add', '-f', 'services/api/.env')
    git(held_far, 'commit', '-qm', 'env', '--no-verify')
    write(held_far, 'app.py', f'KEY = "{key}"  # pragma: allowlist secret\n')
    git(held_far, 'add', 'app.py')
    assert hook('app.py').rc == 0


@pytest.mark.parametrize('folder', ['api', 'new/api'])
def test_a_key_in_an_env_file_no_rule_ignores_yet_is_yours_in_any_folder(git_repo, keys, monkeypatch, folder):
    """No ``.gitignore`` rule yet covers ``api/.env``: git neither tracks
    nor ignores it.  The hook used to read it beside ``api/app.py``; the
    one walk of ignored files lost it, so the key's copy under a pragma
    passed the hook and ``scan``.  Nor in a folder git knows nothing of."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    key = keys()
    write(git_repo, f'{folder}/.env.local', f'TOGETHER_API_KEY={key}\n')
    write(git_repo, f'{folder}/app.py', f'KEY = "{key}"  # pragma: allowlist secret\n')
    git(git_repo, 'add', f'{folder}/app.py')
    result = hook(f'{folder}/app.py')
    assert result.rc == 1, result.out + result.err
    assert f'a copy of a key you hold (in the env file {folder}/.env.local)' in result.out, result.out
    assert scan('.').rc == 1


def test_the_env_walk_never_enters_an_ignored_folder(git_repo, keys, monkeypatch):
    """Env files are let back in past ``.env`` rules, not folders: a
    virtualenv named ``.env/`` is not walked, its files never read."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    from together_hooks.env.held import local_env_files

    write(git_repo, '.gitignore', '.env\nnode_modules/\n')
    write(git_repo, 'svc/.env/lib/.env.site', f'TOGETHER_API_KEY={keys()}\n')
    write(git_repo, 'node_modules/pkg/.env.local', f'TOGETHER_API_KEY={keys()}\n')
    write(git_repo, 'web/.ENV.Local', f'TOGETHER_API_KEY={keys()}\n')
    write(git_repo, 'web/.env', f'TOGETHER_API_KEY={keys()}\n')
    assert local_env_files(str(git_repo)) == ['web/.ENV.Local', 'web/.env']


def test_literal_pathspecs_in_the_environment_do_not_blind_the_walk(held_far, keys, monkeypatch):
    """The walk names env files by glob pathspecs; ``GIT_LITERAL_PATHSPECS=1``
    made them match nothing, so the hook read no env file and passed."""
    key = keys()
    _hold(held_far, key)
    write(held_far, 'app.py', f'KEY = "{key}"  # pragma: allowlist secret\n')
    git(held_far, 'add', 'app.py')
    monkeypatch.setenv('GIT_LITERAL_PATHSPECS', '1')
    result = hook('app.py')
    assert result.rc == 1, result.out + result.err
    assert 'a copy of a key you hold (in the env file services/api/.env)' in result.out, result.out


def test_keys_held_only_in_ignored_copies_of_env_files_fail_the_hook_as_scan(git_repo, keys, monkeypatch):
    """``.gitignore`` ``.env*`` ignores an editor's or a developer's copy of
    an env file (``web/.env-local``, ``.env~``, ``.#.env``, ``.env copy``,
    ``.env_local``): their keys were not read (only ``.env.local``-style
    names were let back into the walk), so each one's copy under a pragma
    passed the hook and ``scan``.  An ignored folder so named (a
    virtualenv in ``web/.env-py311/``) and ``node_modules/`` stay unread."""
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    write(git_repo, '.gitignore', '.env*\nnode_modules/\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'c', '--no-verify')
    names = ['.env-local', '.env~', '.#.env', '.env copy', '.env_local']
    held = {name: keys() for name in names}
    unread = {'web/.env-py311/lib/.env': keys(), 'node_modules/x/.env': keys()}
    for name, key in held.items():
        write(git_repo, f'web/{name}', f'TOGETHER_API_KEY={key}\n')
    for path, key in unread.items():
        write(git_repo, path, f'TOGETHER_API_KEY={key}\n')
    write(git_repo, 'app.py', ''.join(
        f'K{i} = "{key}"  # pragma: allowlist secret\n'
        for i, key in enumerate([*held.values(), *unread.values()])))
    git(git_repo, 'add', 'app.py')
    result = hook('app.py')
    assert result.rc == 1, result.out + result.err
    # A held key's copy is reported whatever its pragma (by the key rule:
    # the pragma no longer excuses it, faults38); the copies of unread
    # files' keys (lines 6, 7) stay excused by theirs.
    own = [line.split(':')[1] for line in result.out.splitlines() if line.startswith('app.py:') and ': together-' in line]
    assert own == [str(i + 1) for i in range(len(names))], result.out
    assert 'a copy of a key you hold' in result.out, result.out
    assert 'env-py311' not in result.out and 'node_modules' not in result.out, result.out
    scanned = scan('app.py')
    assert scanned.rc == 1
    assert [line.split(':')[1] for line in scanned.out.splitlines() if line.startswith('app.py:') and ': together-' in line] == own
