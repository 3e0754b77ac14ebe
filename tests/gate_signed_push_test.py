"""A signed push (``git push --signed``) and the server-side gate.

git writes the push certificate (pusher, push options, ref lines) into the
receiving repository as a blob before pre-receive runs, and keeps it
whether or not the push is accepted; ``GIT_PUSH_CERT`` names it.  A real
gpg key, a real bare repository that accepts signed pushes, the documented
pre-receive hook.
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret

pytestmark = pytest.mark.skipif(shutil.which('gpg') is None, reason='needs gpg')


@pytest.fixture
def gnupg(tmp_path_factory):
    """A GNUPGHOME of its own (short: gpg-agent's socket path is bounded);
    its agent is stopped afterwards."""
    home = tmp_path_factory.mktemp('gpg')
    home.chmod(0o700)
    yield str(home)
    subprocess.run(('gpgconf', '--kill', 'gpg-agent'), env=dict(os.environ, GNUPGHOME=str(home)),
                   capture_output=True, check=False)


def test_a_key_in_a_signed_push_certificate_is_refused(git_repo, tmp_path, keys, gnupg):
    """The pusher line is the committer's name and email (gpg finds the
    signing key by them): a push that brings no commit, with a key in
    that name, stored the key on the server and was accepted."""
    key = keys()
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(remote, 'config', 'receive.certNonceSeed', 'seed')
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    env = clean_env(GNUPGHOME=gnupg)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    name = f'Rel {key}'
    subprocess.run(
        ('gpg', '--batch', '--passphrase', '', '--quick-gen-key',
         f'{name} <dev@example.com>', 'ed25519', 'sign', 'never'),
        env=env, check=True, capture_output=True,
    )
    git(git_repo, 'config', 'user.name', name)
    rc, out = run(git_repo, env, 'git', 'push', '--signed', 'origin', 'main:refs/heads/release')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push certificate>' in out, out
    assert 'git prune --expire=now' in out and 'nothing was stored' not in out, out
    assert remote_has(remote, 'refs/heads/release') == ''
    # Signed by a clean name, the same push goes through.
    git(git_repo, 'config', 'user.name', 'Rel')
    subprocess.run(
        ('gpg', '--batch', '--passphrase', '', '--quick-gen-key',
         'Rel <dev@example.com>', 'ed25519', 'sign', 'never'),
        env=env, check=True, capture_output=True,
    )
    git(git_repo, 'config', 'user.signingkey', 'Rel <dev@example.com>')
    rc, out = run(git_repo, env, 'git', 'push', '--signed', 'origin', 'main:refs/heads/release')
    assert rc == 0, out
