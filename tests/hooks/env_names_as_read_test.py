"""Env files whose names read as ``.env`` but are not spelt so (a
trailing blank or dot, ``\\r`` from a CRLF script, a tab, a no-break or
zero-width space, ``.ENV``, ``.env::$DATA``, a fullwidth dot) went
through the client hook under the real pre-commit (the manifest's
``files`` regex never passed them, and the hook's names did not match)
and through a real push to a real bare server running ``pre-receive
--forbid-env-files``.  ``env.names.read_as`` decides them now, in the
one place env names are defined; tests/env/names_as_read_test.py holds
the rule and the manifest to it.

Each name is a test of its own, read from ONE real commit and ONE real
push that carry every name at once (a few groups: names that cannot
share a work tree, such as a file ``.env `` and a folder ``.env ``, or
that a refusal shows alike), made
once a run (tests/once.py): each test finds its own name's line in that
refusal, so a name the hook let through fails its own test, whatever the
others did."""
from __future__ import annotations

import os
import shutil
from functools import partial
from typing import Any
from typing import Callable

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
from together_hooks.report import shown_path

NAMES = [
    '.env ', '.env\r', '.env\t', '.env\xa0', '.env\u200b', '\uff0eenv', '.env::$DATA',
    'svc/.env.production ', '.env /bin/activate',
]
SERVER_NAMES = [*NAMES, os.fsdecode(b'.env\xa0'), os.fsdecode(b'\xff/.env')]
PASSING = ['environment.py', 'src/env.ts', '.env-cmdrc', 'x.env ', 'caf\u00e9.txt']


def _write(repo, path: str) -> None:
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w') as f:
        f.write('LOCAL_SETTING=1\n')


def _groups(paths: list[str]) -> list[list[str]]:
    """``paths`` in as few groups as can share a work tree (a file's name
    is no other's folder) and a refusal (no two shown alike), in order."""
    groups: list[list[str]] = []
    for path in paths:
        for group in groups:
            if not any(p.startswith(path + '/') or path.startswith(p + '/') or _shown(p) == _shown(path)
                       for p in group):
                group.append(path)
                break
        else:
            groups.append([path])
    return groups


def _shown(path: str) -> str:
    """How a refusal names ``path``: a file inside a ``.env`` folder by
    the folder."""
    return shown_path('.env /' if path == '.env /bin/activate' else path)


def _line(out: str, path: str) -> str:
    """The one line of ``out`` (``remote: `` taken off) that names ``path``."""
    shown = _shown(path)
    lines = [ln.removeprefix('remote: ') for ln in out.splitlines()]
    named = [ln for ln in lines if ln.startswith(f'{shown}: ')]
    assert len(named) == 1, (shown, out)
    return named[0]


def _build_hooked(repo_templates):
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
    return build


def _fresh(tmp_path_factory, template, name: str):
    """A fresh repository (a copy of the session's ``git init``) of its own."""
    repo = tmp_path_factory.mktemp(name) / 'repo'
    shutil.copytree(template, repo, symlinks=True)
    return repo


@pytest.fixture
def hooked(git_repo, tmp_path, repo_templates):
    """forbid-env-files on pre-commit and pre-push, as the manifest
    publishes it, installed by the real pre-commit; ``origin`` a bare
    repository with a clean ``main`` pushed through the hook.  Set up once
    a session (tests/gitplay.Templates.pushed): each test has its own
    copies of the repository and of ``origin`` (``remote.git``)."""
    return repo_templates.pushed(git_repo, tmp_path / 'remote.git', 'env-names-hooked',
                                 _build_hooked(repo_templates))


@pytest.fixture(scope='module')
def built(tmp_path_factory, repo_templates, git_repo_template):
    """``built(name)``: one of the module's runs, once a run
    (tests/once.py), in the order its tests ask: each group of NAMES
    through the client hooks (``env-names-client<n>``), each group of
    SERVER_NAMES through the gate (``env-names-server<n>``), PASSING
    through both (``env-names-passing``).  Under xdist a worker whose run
    the other is making makes the next ones meanwhile
    (``tests/once.meanwhile``: the tests are dealt out in turn)."""
    from tests.once import meanwhile

    def client(group: list[str]) -> dict[str, dict[str, object]]:
        """The real commit of all the group's names through the hook
        (exit code, output, commits after it), then the same staged names
        committed past it and pushed (exit code, output, whether
        ``origin``'s main is the new commit)."""
        repo = _fresh(tmp_path_factory, git_repo_template, 'env-names-client')
        env = repo_templates.pushed(repo, repo.parent / 'remote.git', 'env-names-hooked',
                                    _build_hooked(repo_templates))
        for path in group:
            _write(repo, path)
        git(repo, 'add', '-f', '--', *group)
        rc, out = run(repo, env, 'git', 'commit', '-q', '-m', 'env')
        count = git(repo, 'rev-list', '--count', 'HEAD').strip()
        git(repo, 'commit', '-q', '--no-verify', '-m', 'env')
        push_rc, push_out = run(repo, env, 'git', 'push', 'origin', 'main')
        sent = remote_has(str(repo.parent / 'remote.git'), 'refs/heads/main') \
            == git(repo, 'rev-parse', 'HEAD').strip()
        result = {'rc': rc, 'out': out, 'count': count,
                  'push_rc': push_rc, 'push_out': push_out, 'sent': sent}
        return {path: result for path in group}

    def server(group: list[str]) -> dict[str, dict[str, object]]:
        """``main`` pushed through the gate (once a session,
        tests/gitplay.Templates.pushed), then one commit of all the
        group's names pushed past no client hook: the push's exit code
        and output, and whether the server's main is still the first."""
        repo = _fresh(tmp_path_factory, git_repo_template, 'env-names-server')
        remote = str(repo.parent / 'server.git')
        repo_templates.pushed(repo, repo.parent / 'server.git', 'env-names-server', _build_server)
        first = git(repo, 'rev-parse', 'HEAD').strip()
        assert remote_has(remote, 'refs/heads/main') == first
        for path in group:
            _write(repo, path)
        git(repo, 'add', '-f', '--', *group)
        git(repo, 'commit', '-q', '--no-verify', '-m', 'env')
        rc, out = run(repo, clean_env(), 'git', 'push', 'origin', 'main')
        result = {'rc': rc, 'out': out, 'kept': remote_has(remote, 'refs/heads/main') == first}
        return {path: result for path in group}

    def passing() -> dict[str, object]:
        """Every PASSING name in one commit through the client hook and
        one push through it to a server running the gate: both exit
        codes and outputs."""
        repo = _fresh(tmp_path_factory, git_repo_template, 'env-names-passing')
        env = repo_templates.pushed(repo, repo.parent / 'remote.git', 'env-names-hooked',
                                    _build_hooked(repo_templates))
        install_gate(str(repo.parent / 'remote.git'), '--forbid-env-files')
        for path in PASSING:
            _write(repo, path)
        git(repo, 'add', '-f', '--', *PASSING)
        rc, out = run(repo, env, 'git', 'commit', '-q', '-m', 'fine')
        push_rc, push_out = run(repo, env, 'git', 'push', 'origin', 'main')
        return {'rc': rc, 'out': out, 'push_rc': push_rc, 'push_out': push_out}

    order: list[tuple[str, Callable[[], object]]] = [
        *((f'env-names-client{n}', partial(client, group)) for n, group in enumerate(_groups(NAMES))),
        *((f'env-names-server{n}', partial(server, group)) for n, group in enumerate(_groups(SERVER_NAMES))),
        ('env-names-passing', passing),
    ]
    names = [name for name, _ in order]

    def get(name: str) -> Any:
        i = names.index(name)
        return meanwhile(tmp_path_factory, name, order[i][1], order[i + 1:])
    return get


def _group_of(paths: list[str], path: str) -> int:
    return next(n for n, group in enumerate(_groups(paths)) if path in group)


@pytest.fixture
def client_refusals(built):
    return lambda path: built(f'env-names-client{_group_of(NAMES, path)}')[path]


@pytest.mark.parametrize('path', NAMES)
def test_the_client_hook_refuses_the_commit_and_the_push(client_refusals, path):
    done = client_refusals(path)
    assert done['rc'] == 1, done['out']
    assert 'staged' in _line(done['out'], path), done['out']
    assert done['count'] == '1'
    # Past the commit hook, the push of the commit is refused too.
    assert done['push_rc'] == 1, done['push_out']
    assert 'pushed' in _line(done['push_out'], path), done['push_out']
    assert not done['sent']


def _build_server(repo):
    install_gate(git(repo, 'remote', 'get-url', 'origin').strip(), '--forbid-env-files')
    (repo / 'a.py').write_text('x = 1\n')
    commit(repo)
    rc, out = run(repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 0, out


@pytest.fixture
def server_refusals(built):
    return lambda path: built(f'env-names-server{_group_of(SERVER_NAMES, path)}')[path]


@pytest.mark.parametrize('path', SERVER_NAMES)
def test_the_server_refuses_the_push(server_refusals, path):
    done = server_refusals(path)
    out = done['out']
    assert done['rc'] != 0, out
    assert 'env file in pushed commit' in _line(out, path) and 'pre-receive hook declined' in out, out
    assert done['kept']


@pytest.fixture
def passing(built):
    return built('env-names-passing')


@pytest.mark.parametrize('path', PASSING)
def test_names_that_only_contain_env_pass_both(passing, path):
    shown = shown_path(path)
    for out in (passing['out'], passing['push_out']):
        assert not [ln for ln in out.splitlines() if ln.removeprefix('remote: ').startswith(shown)], out
    assert passing['rc'] == 0, passing['out']
    assert passing['push_rc'] == 0, passing['push_out']
