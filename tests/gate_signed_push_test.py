"""A signed push (``git push --signed``) and the gate.

git writes the push certificate (pusher, push options, ref lines) into the
receiving repository as a blob before pre-receive runs, and keeps it
whether or not the push is accepted; ``GIT_PUSH_CERT`` names it.  A real
gpg key, a real bare repository that accepts signed pushes, the documented
pre-receive hook, and the pre-push hooks (pre-commit's and the plain one).
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.cli.pre_receive_test import remote_has
from tests.cli.pre_receive_test import served  # noqa: F401 (fixture)
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gate_push_test import _plain_hook
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
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


def test_a_key_in_a_signed_push_certificate_is_refused(git_repo, served, keys, gnupg):  # noqa: F811
    """The pusher line is the committer's name and email (gpg finds the
    signing key by them): a push that brings no commit, with a key in
    that name, stored the key on the server and was accepted.  (The
    server's ``main`` is the clean commit checked out: ``served``.)"""
    key = keys()
    remote = served
    git(remote, 'config', 'receive.certNonceSeed', 'seed')
    env = clean_env(GNUPGHOME=gnupg)
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


@pytest.mark.parametrize('hook', ('pre-commit', 'plain'))
def test_the_pre_push_hooks_refuse_a_key_in_the_pusher_of_a_signed_push(
        git_repo, tmp_path, keys, gnupg, pushing, hook):  # noqa: F811
    """Pushed as someone else (``GIT_COMMITTER_NAME``, or a ``-c
    user.name``) than the commits name, a signed push's certificate
    carries that name to the server; both pre-push hooks read the
    ``git push`` they run under and scan the pusher it will sign as."""
    key = keys()
    remote = git(git_repo, 'remote', 'get-url', 'origin').strip()
    git(remote, 'config', 'receive.certNonceSeed', 'seed')
    env = dict(pushing, GNUPGHOME=gnupg)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    if hook == 'plain':
        _plain_hook(git_repo)
        git(git_repo, 'remote', 'set-head', 'origin', '--auto')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    name = f'Rel {key}'
    subprocess.run(
        ('gpg', '--batch', '--passphrase', '', '--quick-gen-key',
         f'{name} <dev@example.com>', 'ed25519', 'sign', 'never'),
        env=env, check=True, capture_output=True,
    )
    signing = dict(env, GIT_COMMITTER_NAME=name)
    rc, out = run(git_repo, signing, 'git', 'push', '--signed', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push certificate>' in out, out
    # Unsigned, the name goes nowhere: the push passes.
    rc, out = run(git_repo, signing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
