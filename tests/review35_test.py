"""Session 35's review (review35) of the amend stage (gate35): ``git
commit --amend`` through real pre-commit reads what HEAD itself changed
(``sources.index.amended_changes``), but only what pre-commit would pass
the hook: a path the user's config keeps from it (a hook's or the
config's own ``exclude:``) was read under an amend, and a commit that had
passed its hooks could no longer have its message amended.

Each test is one real repository with pre-commit installed (the key
hook as a ``local`` entry with the published manifest's settings), its
commits made through the hooks or past them (``--no-verify``), then one
real ``git commit --amend`` through the hooks.
"""
from __future__ import annotations

import shutil

import pytest

from tests.gitplay import clean_env
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from tests.conftest import git
from together_hooks.findings import hash_secret

HOOK = 'detect-together-keys'


@pytest.fixture(scope='module')
def template(tmp_path_factory):
    """A repository with pre-commit installed once; each test copies it.
    The config keeps ``fixtures/`` from the key hook and ``vendor/`` from
    every hook."""
    home = tmp_path_factory.mktemp('review35-home')
    env = clean_env(PRE_COMMIT_HOME=str(home / 'pre-commit'))
    repo = tmp_path_factory.mktemp('review35') / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    git(repo, 'config', 'commit.gpgsign', 'false')
    config = local_hooks_config((HOOK, manifest(HOOK) + '\nexclude: ^fixtures/'))
    (repo / '.pre-commit-config.yaml').write_text('exclude: ^vendor/\n' + config)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'config')
    install(repo, env)
    return repo, env


@pytest.fixture
def repo(template, tmp_path):
    src, env = template
    dst = tmp_path / 'repo'
    shutil.copytree(src, dst, symlinks=True)
    return dst, env


def _add(repo, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    git(repo, 'add', rel)


def _line(key: str) -> str:
    return f"TOGETHER_API_KEY = '{key}'\n"


@pytest.mark.parametrize('folder', ['fixtures', 'vendor'])
def test_an_amend_does_not_read_a_path_the_config_keeps_from_the_hook(repo, keys, folder):
    """Decoy: a key fixture the config excludes (from the hook, or from
    every hook), committed through the hooks, then the commit's message
    amended through them: pre-commit never passes the path, so the amend
    passes as the commit did (on 0cb0e4d3: refused, the path read)."""
    root, env = repo
    _add(root, f'{folder}/fake_key.py', _line(keys()))
    rc, out = run(root, env, 'git', 'commit', '-q', '-m', 'fixture')
    assert rc == 0, out
    rc, out = run(root, env, 'git', 'commit', '-q', '--amend', '-m', 'fixture, reworded')
    assert rc == 0, out
    assert 'hashed_secret' not in out


def test_an_amend_still_reads_what_head_changed_beside_an_excluded_path(repo, keys):
    """The true positive beside the decoy: HEAD (made with ``--no-verify``)
    adds a key to a path the config does not exclude and one to a path it
    does; the amend is refused for the first only."""
    root, env = repo
    kept, excluded = keys(), keys()
    _add(root, 'app/settings.py', _line(kept))
    _add(root, 'fixtures/fake_key.py', _line(excluded))
    git(root, 'commit', '-q', '--no-verify', '-m', 'wip')
    rc, out = run(root, env, 'git', 'commit', '-q', '--amend', '-m', 'wip, tidied')
    assert rc != 0, out
    assert hash_secret(kept) in out and 'app/settings.py' in out
    assert hash_secret(excluded) not in out


def test_an_amend_through_an_alias_of_an_alias_is_read(repo, keys):
    """``git ca`` with ``alias.ca = ci --amend`` and ``alias.ci = commit``:
    git runs the second alias as a new ``git commit --amend`` process,
    which ``/proc`` shows the hook; the key HEAD added is refused."""
    root, env = repo
    git(root, 'config', 'alias.ci', 'commit')
    git(root, 'config', 'alias.ca', 'ci --am')
    key = keys()
    _add(root, 'app/settings.py', _line(key))
    git(root, 'commit', '-q', '--no-verify', '-m', 'wip')
    rc, out = run(root, env, 'git', 'ca', '-q', '-m', 'wip, tidied')
    assert rc != 0, out
    assert hash_secret(key) in out


def test_the_config_read_for_an_amend_is_not_known_outside_pre_commit(tmp_path, monkeypatch):
    """``key_hook_takes`` says nothing (every path read) where no
    pre-commit runs us: the amend then reads all HEAD changed."""
    from together_hooks.env.hints import key_hook_takes

    monkeypatch.delenv('PRE_COMMIT', raising=False)
    assert key_hook_takes(str(tmp_path)) is None
    monkeypatch.setenv('PRE_COMMIT', '1')
    assert key_hook_takes(str(tmp_path)) is None  # no pre-commit among our parents
