"""The full hook reads the developer's own keys as its first stage does:
where the index reads without git and a walk of the work tree meets no
env file past its top folder (``env.held.none_under``), no ``git
ls-files`` starts (``pipeline.load_own_keys(walk=True)``); where the walk
may have met one, git lists them as before, and their keys are learnt."""
from __future__ import annotations

import pytest

from tests.cli_run import run_in_process
from tests.conftest import git
from tests.conftest import write


@pytest.fixture
def started(monkeypatch):
    """The arguments of every git command the run starts through the
    runner's ``git`` (each runs for real)."""
    from together_hooks import gitrun

    calls: list[tuple[str, ...]] = []
    real = gitrun.git

    def recording(root, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(root, *args, **kwargs)
    monkeypatch.setattr(gitrun, 'git', recording)
    return calls


@pytest.fixture
def repo(git_repo):
    write(git_repo, 'app.py', 'print(1)\n')
    write(git_repo, '.gitignore', 'ignored/\n')
    write(git_repo, 'ignored/keep.txt', 'x\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'base')
    return git_repo


def _env_walks(calls: list[tuple[str, ...]]) -> int:
    return sum(1 for args in calls if args[:1] == ('ls-files',) and '--others' in args)


def _commit(repo, rel: str, text: str, monkeypatch):  # type: ignore[no-untyped-def]
    write(repo, rel, text)
    git(repo, 'add', rel)
    monkeypatch.setenv('PRE_COMMIT', '1')
    return run_in_process('detect-together-keys', rel, cwd=repo)


def test_a_blocked_commit_finds_no_env_file_without_git(repo, keys, started, monkeypatch):
    """Nothing named like an env file anywhere: the key is blocked, and
    the own keys are read without git's walk."""
    key = keys()
    result = _commit(repo, 'src/client.py', f'client = Together(api_key="{key}")\n', monkeypatch)
    assert result.rc == 1, result.err
    assert result.out.count('src/client.py') >= 1
    assert _env_walks(started) == 0, started


def test_a_key_held_in_an_untracked_env_file_below_the_top_is_learnt(repo, keys, started, monkeypatch):
    """``api/.env.local`` holds the developer's key: the walk cannot say
    "none", git lists the file, and the key's copy under a pragma is
    blocked (an own key is never excused by one)."""
    own = keys()
    write(repo, 'api/.env.local', f'TOGETHER_API_KEY={own}\n')
    result = _commit(repo, 'api/app.py', f'KEY = "{own}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 1, result.err
    assert 'api/app.py' in result.out
    assert _env_walks(started) == 1, started


def test_a_key_in_an_ignored_folders_env_file_is_not_one_held(repo, keys, started, monkeypatch):
    """The decoy: ``ignored/.env`` is in a folder git never enters, so its
    key is no key the developer holds (git's walk, asked since the walk
    met the name, does not list it): its copy under a pragma passes."""
    other = keys()
    write(repo, 'ignored/.env', f'TOGETHER_API_KEY={other}\n')
    result = _commit(repo, 'lib/app.py', f'KEY = "{other}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 0, result.out + result.err
    assert _env_walks(started) == 1, started


def test_a_key_held_at_the_top_is_learnt_without_git(repo, keys, started, monkeypatch):
    """A developer's ``.env`` at the top (its own listing reads it): the
    walk passes over that name, no git lists the env files, and the key's
    copy under a pragma is blocked.  The decoy beside it: a template at
    the top (``.env.example``) is passed over as well and holds no key of
    the developer's, so its value's copy under a pragma passes."""
    own, sample = keys(), keys()
    write(repo, '.env', f'TOGETHER_API_KEY={own}\n')
    write(repo, '.env.example', f'TOGETHER_API_KEY={sample}\n')
    result = _commit(repo, 'web/app.py', f'KEY = "{own}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 1, result.err
    assert 'web/app.py' in result.out
    assert _env_walks(started) == 0, started
    del started[:]
    result = _commit(repo, 'web/sample.py', f'KEY = "{sample}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 0, result.out + result.err
    assert _env_walks(started) == 0, started


def test_a_name_of_the_top_is_passed_over_at_the_top_only(repo, keys, started, monkeypatch):
    """``.env`` at the top and ``api/.env`` below it: the name passed over
    at the top is no pass below, git lists ``api/.env`` and its key is
    learnt."""
    top, below = keys(), keys()
    write(repo, '.env', f'TOGETHER_API_KEY={top}\n')
    write(repo, 'api/.env', f'TOGETHER_API_KEY={below}\n')
    result = _commit(repo, 'api/app.py', f'KEY = "{below}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 1, result.err
    assert 'api/app.py' in result.out
    assert _env_walks(started) == 1, started
