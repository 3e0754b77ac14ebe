"""Session 34 (mut34): ``pre-receive --forbid-env-files`` blames an env
file on the pushed commits that set a *file* of that name, never on one
that deletes it, nor on a folder's own name.

The pushed commits' paths come with their folders (``changes`` lists
them with no blob, for the key check's names); a folder named as an env
file is (``.env.d/`` of snippets, its files no env file) is none, as
forbid-env-files on the developer's machine judges it.  Read with the
files, the folder's name refused the push: no test held that.  And a
server whose ``.env`` came in before the gate refused env files must take
the push that removes it.  Real git, a real bare server running the gate.
"""
from __future__ import annotations

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import run


def test_a_push_deleting_an_env_file_or_adding_a_folder_so_named_passes(git_repo, tmp_path):
    server = bare(tmp_path / 'server.git')
    git(git_repo, 'remote', 'add', 'origin', server)
    write(git_repo, 'a.py', 'x = 1\n')
    write(git_repo, 'deploy/.env', 'DEBUG=1\n')
    git(git_repo, 'add', '-f', 'a.py', 'deploy/.env')
    git(git_repo, 'commit', '-qm', 'before the gate')
    rc, out = run(git_repo, clean_env(), 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out  # no gate yet
    install_gate(server, '--forbid-env-files')
    git(git_repo, 'rm', '-q', 'deploy/.env')
    write(git_repo, '.env.d/README.md', 'Snippets the loader reads.\n')
    git(git_repo, 'add', '.env.d/README.md')
    git(git_repo, 'commit', '-qm', 'take the env file out')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 0 and 'env file' not in out, out
    assert remote_has(server, 'refs/heads/main') == git(git_repo, 'rev-parse', 'main').strip()
    # The true positive beside it: a pushed commit setting one is refused.
    write(git_repo, 'local/.env', 'DEBUG=2\n')
    git(git_repo, 'add', '-f', 'local/.env')
    git(git_repo, 'commit', '-qm', 'another')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and 'local/.env: env file in pushed commit' in out, out
    assert 'deploy/.env' not in out, out
