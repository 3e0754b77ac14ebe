"""Which config file counts where (docs/configuration.md, "Where the
config is read").

- pre-receive: the default branch's, as it was before the push; a pushed
  config never weakens the gate it is judged by (as with the baseline).
- a bare repository (``scan --history``/``--diff`` in a mirror): the one
  its default branch holds.
- ``scan --env-reuse``: the work tree's, as every other command.

Real repositories, a real ``git push`` to a real bare repository running
the documented pre-receive hook.
"""
from __future__ import annotations

import subprocess

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret

EXCLUDE_FIXTURES = 'exclude = ["fixtures/"]\n'


def _server(repo, tmp_path) -> str:
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(repo, 'remote', 'add', 'origin', remote)
    return remote


def _push(repo) -> tuple[int, str]:
    return run(repo, clean_env(), 'git', 'push', 'origin', 'main')


def test_pre_receive_uses_the_default_branch_config(git_repo, tmp_path, keys):
    fixture, allowed = keys(), keys()
    remote = _server(git_repo, tmp_path)
    write(git_repo, '.together-hooks.toml',
          EXCLUDE_FIXTURES + f'allow = ["{hash_secret(allowed)}"]\n')
    commit(git_repo)
    rc, out = _push(git_repo)
    assert rc == 0, out
    # What the developer's hooks let through by that config, the server does too.
    write(git_repo, 'fixtures/fake.py', f'K = "{fixture}"\n')
    write(git_repo, 'docs.md', f'example: {allowed}\n')
    head = commit(git_repo)
    rc, out = _push(git_repo)
    assert rc == 0, out
    assert remote_has(remote, 'refs/heads/main') == head


def test_a_pushed_config_cannot_weaken_the_gate(git_repo, tmp_path, keys):
    hidden, allowed = keys(), keys()
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    first = commit(git_repo)
    rc, out = _push(git_repo)
    assert rc == 0, out
    for name, text in (
        ('.together-hooks.toml', 'exclude = ["*.py"]\n'),
        ('pyproject.toml', f'[tool.together-hooks]\nallow = ["{hash_secret(allowed)}"]\n'),
    ):
        write(git_repo, name, text)
    write(git_repo, 'b.py', f'K = "{hidden}"\nA = "{allowed}"\n')
    commit(git_repo)
    rc, out = _push(git_repo)
    assert rc != 0, out
    assert hash_secret(hidden) in out and hash_secret(allowed) in out
    assert 'is not used' in out
    assert remote_has(remote, 'refs/heads/main') == first


def test_a_bare_mirror_uses_its_default_branch_config(git_repo, tmp_path, keys):
    fixture, real = keys(), keys()
    write(git_repo, '.together-hooks.toml', EXCLUDE_FIXTURES)
    write(git_repo, 'fixtures/fake.py', f'K = "{fixture}"\n')
    write(git_repo, 'app.py', f'K = "{real}"\n')
    commit(git_repo)
    mirror = tmp_path / 'mirror.git'
    subprocess.run(('git', 'clone', '-q', '--mirror', str(git_repo), str(mirror)), check=True)
    for args in (('--history',), ('--diff', 'HEAD')):
        result = scan(*args, '--format', 'json', cwd=mirror)
        if args[0] == '--diff':
            # A range with nothing in it: the config is still read, no error.
            assert result.rc == 0, result.err
            continue
        assert result.rc == 1, result.err
        assert {f[3] for f in result.found()} == {hash_secret(real)}


def test_env_reuse_reads_the_config(git_repo, keys):
    key = keys()
    write(git_repo, '.gitignore', '.env*\n')
    write(git_repo, '.env.development', f'TOGETHER_API_KEY={key}\n')
    write(git_repo, 'legacy/.env.production', f'TOGETHER_API_KEY={key}\n')
    result = scan('--env-reuse')
    assert result.rc == 1, (result.out, result.err)
    write(git_repo, '.together-hooks.toml', 'exclude = ["legacy/"]\n')
    result = scan('--env-reuse')
    assert result.rc == 0, (result.out, result.err)


def test_scan_org_is_not_hidden_from_by_a_repository_config(git_repo, tmp_path, keys):
    """An organisation audit reports every key in every history: a
    repository's own config does not take its keys out of it."""
    from tests.org.scan_org_test import scan_org

    key = keys()
    write(git_repo, '.together-hooks.toml', f'exclude = ["*"]\nallow = ["{hash_secret(key)}"]\n')
    write(git_repo, 'fixtures/k.py', f'K = "{key}"\n')
    commit(git_repo)
    repos = tmp_path / 'repos.txt'
    repos.write_text(f'{git_repo}\n')
    result = scan_org('--repos', str(repos), '--store', str(tmp_path / 's.sqlite'),
                      '--cache-dir', str(tmp_path / 'cache'), '--format', 'json', cwd=tmp_path)
    assert result.rc == 1, result.err
    assert [f['hashed_secret'] for f in result.json()['findings']] == [hash_secret(key)]
