"""Env files whose names read as ``.env`` but are not spelt so (a
trailing blank or dot, ``\\r`` from a CRLF script, a tab, a no-break or
zero-width space, ``.ENV``, ``.env::$DATA``, a fullwidth dot) went
through the client hook under the real pre-commit (the manifest's
``files`` regex never passed them, and the hook's names did not match)
and through a real push to a real bare server running ``pre-receive
--forbid-env-files``.  ``env.names.read_as`` decides them now, in the
one place env names are defined; tests/env/names_as_read_test.py holds
the rule and the manifest to it."""
from __future__ import annotations

import os

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.conftest import git
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run

NAMES = [
    '.env ', '.env\r', '.env\t', '.env\xa0', '.env\u200b', '\uff0eenv', '.env::$DATA',
    'svc/.env.production ', '.env /bin/activate',
]


def _write(repo, path: str) -> None:
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w') as f:
        f.write('LOCAL_SETTING=1\n')


@pytest.fixture
def hooked(git_repo, tmp_path, repo_templates):
    """forbid-env-files on pre-commit and pre-push, as the manifest
    publishes it, installed by the real pre-commit; ``origin`` a bare
    repository with a clean ``main`` pushed through the hook.  Set up once
    a session (tests/gitplay.Templates.pushed): each test has its own
    copies of the repository and of ``origin`` (``remote.git``)."""
    def build(repo):
        config = local_hooks_config(('forbid-env-files', manifest('forbid-env-files')))
        (repo / '.pre-commit-config.yaml').write_text(
            config.replace('        name: forbid-env-files\n',
                           '        name: forbid-env-files\n        stages: [pre-commit, pre-push]\n'))
        install(repo, repo_templates.env)
        (repo / 'a.py').write_text('x = 1\n')
        commit(repo)
        rc, out = run(repo, repo_templates.env, 'git', 'push', 'origin', 'main')
        assert rc == 0, out
    return repo_templates.pushed(git_repo, tmp_path / 'remote.git', 'env-names-hooked', build)


@pytest.mark.parametrize('path', NAMES)
def test_the_client_hook_refuses_the_commit_and_the_push(git_repo, hooked, path):
    _write(git_repo, path)
    git(git_repo, 'add', '-f', '--', path)
    rc, out = run(git_repo, hooked, 'git', 'commit', '-q', '-m', 'env')
    assert rc == 1, out
    assert 'staged' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'
    # Past the commit hook, the push of the commit is refused too.
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    rc, out = run(git_repo, hooked, 'git', 'push', 'origin', 'main')
    assert rc == 1, out
    assert 'pushed' in out, out
    assert remote_has(os.path.join(str(git_repo.parent), 'remote.git'), 'refs/heads/main') \
        != git(git_repo, 'rev-parse', 'HEAD').strip()


@pytest.mark.parametrize('path', [*NAMES, os.fsdecode(b'.env\xa0'), os.fsdecode(b'\xff/.env')])
def test_the_server_refuses_the_push(git_repo, tmp_path, path, repo_templates):
    def build(repo):
        install_gate(git(repo, 'remote', 'get-url', 'origin').strip(), '--forbid-env-files')
        (repo / 'a.py').write_text('x = 1\n')
        commit(repo)
        rc, out = run(repo, clean_env(), 'git', 'push', 'origin', 'main')
        assert rc == 0, out
    # ``main`` pushed through the gate once a session; the server and the
    # clone are this test's own copies (tests/gitplay.Templates.pushed).
    remote = str(tmp_path / 'server.git')
    repo_templates.pushed(git_repo, tmp_path / 'server.git', 'env-names-server', build)
    first = git(git_repo, 'rev-parse', 'HEAD').strip()
    assert remote_has(remote, 'refs/heads/main') == first
    env = clean_env()
    _write(git_repo, path)
    git(git_repo, 'add', '-f', '--', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert 'env file in pushed commit' in out and 'pre-receive hook declined' in out, out
    assert remote_has(remote, 'refs/heads/main') == first


@pytest.mark.parametrize('path', ['environment.py', 'src/env.ts', '.env-cmdrc', 'x.env ', 'caf\u00e9.txt'])
def test_names_that_only_contain_env_pass_both(git_repo, hooked, tmp_path, path):
    remote = str(tmp_path / 'remote.git')
    install_gate(remote, '--forbid-env-files')
    _write(git_repo, path)
    git(git_repo, 'add', '-f', '--', path)
    rc, out = run(git_repo, hooked, 'git', 'commit', '-q', '-m', 'fine')
    assert rc == 0, out
    rc, out = run(git_repo, hooked, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
