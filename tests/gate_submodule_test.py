"""A key committed inside a submodule lives in the submodule's own
repository: the outer repository records only the submodule's commit id
(a gitlink), so the outer server's gate never sees its files
(docs/server-side-gate.md says so, and what to do: gate the submodule's
server too).  What does see it: the client hooks installed in the
submodule's checkout, and the submodule server's gate.  Real git, real
pre-commit, real pushes to bare repositories."""
from __future__ import annotations

import os

from tests.cli.pre_receive_test import install_gate
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


def test_a_key_in_a_submodule_is_stopped_where_the_submodule_lives(git_repo, tmp_path, keys):
    key = keys()
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    sub_server, outer_server = bare(tmp_path / 'sub.git'), bare(tmp_path / 'outer.git')
    install_gate(sub_server)
    install_gate(outer_server)
    seed = tmp_path / 'seed'
    git(tmp_path, 'clone', '-q', sub_server, str(seed))
    write(seed, 'a.py', 'x = 1\n')
    commit(seed)
    assert run(seed, env, 'git', 'push', '-q', 'origin', 'HEAD:main')[0] == 0
    git(git_repo, 'remote', 'add', 'origin', outer_server)
    git(git_repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub_server, 'lib')
    commit(git_repo, 'add lib')
    assert run(git_repo, env, 'git', 'push', '-q', 'origin', 'main')[0] == 0

    # The client hooks, installed in the submodule's checkout, see the key.
    lib = git_repo / 'lib'
    for name in ('user.email', 'user.name'):
        git(lib, 'config', name, git(git_repo, 'config', name).strip())
    write(lib, '.pre-commit-config.yaml', local_hooks_config(
        ('detect-together-keys', manifest('detect-together-keys'))))
    git(lib, 'add', '.pre-commit-config.yaml')
    git(lib, 'commit', '-qm', 'hooks', '--no-verify')
    install(lib, env)
    write(lib, 'settings.py', f'TOGETHER_API_KEY = "{key}"\n')
    git(lib, 'add', 'settings.py')
    rc, out = run(lib, env, 'git', 'commit', '-m', 'oops')
    assert rc != 0 and hash_secret(key) in out, out

    # Committed past them (--no-verify): the submodule's server refuses it.
    adding = commit(lib, 'oops')
    rc, out = run(lib, env, 'git', 'push', 'origin', 'HEAD:main')
    assert rc != 0 and hash_secret(key) in out, out
    assert git(sub_server, 'rev-parse', 'main').strip() != adding

    # The outer repository's server sees only the gitlink (the commit id):
    # nothing of the submodule's files reaches it, as documented.
    commit(git_repo, 'bump lib')
    assert git(git_repo, 'ls-tree', 'HEAD', 'lib').split()[1] == 'commit'
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert not os.path.exists(os.path.join(outer_server, 'modules'))
