"""Session 34's product changes under a hostile review (review34):
each attack run against the changed code, real git and real pre-commit.

- ``sources.commits.Remotes.mirror`` reads ``remote.<name>.mirror`` from
  its one ``git config`` instead of asking ``git config --bool``: a value
  git reads as true (``2``, ``0x1``, ``1k``: any integer but zero, with
  git's base prefixes and unit suffixes) must still make a plain ``git
  push <remote>`` send every ref (the stash too), and a value git reads
  as false (``0x0``, ``off``) must not.
- A push that sends refs outside ``refs/heads`` and ``refs/tags`` (a
  mirror, a refspec pattern such as ``refs/keep/*``) sends their names:
  a name holding a key was let through (both the pre-commit hook and the
  plain pre-push hook scanned only branch, tag, notes and replace names).
"""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gate_push_test import _plain_hook
from tests.gate_range_test import main_pushed  # noqa: F401 (a fixture)
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.mark.parametrize('value, mirrors', [
    ('2', True), ('0x1', True), ('1k', True), ('yes', True), ('-1', True),
    ('0x0', False), ('off', False), ('0k', False),  # decoys: git reads them as false
])
def test_a_mirror_remote_git_reads_as_true_sends_every_ref_name(git_repo, keys, main_pushed, value, mirrors):
    """``remote.origin.mirror`` set to a boolean git spells as an integer:
    ``git push origin`` mirrors (every ref: ``refs/keep/<key>`` too, a
    name holding a key), and the name is refused; where git reads it as
    false, that ref is not sent and the push passes."""
    key = keys()
    pushing = main_pushed
    write(git_repo, 'b.py', 'y = 2\n')
    git(git_repo, 'update-ref', f'refs/keep/{key}', commit(git_repo))
    git(git_repo, 'config', 'push.default', 'current')  # the decoys' push: main alone
    git(git_repo, 'config', 'remote.origin.mirror', value)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin')
    sent = 'refs/keep/' in git(git_repo, 'ls-remote', 'origin')
    if mirrors:
        assert (rc, sent) == (1, False) and hash_secret(key) in out, out
    else:
        assert (rc, sent) == (0, False), out
    assert key not in out


@pytest.mark.parametrize('hook, args, refused', [
    ('pre-commit', ('--mirror', 'origin'), True),
    ('pre-commit', ('origin', 'main', 'refs/keep/*'), True),
    ('pre-commit', ('origin', 'main', '+refs/keep/*:refs/keep/*'), True),
    ('plain', ('origin', 'main', 'refs/keep/*'), True),
    ('plain', ('--mirror', 'origin'), True),
    ('pre-commit', ('origin', 'main', 'refs/other/*'), False),  # decoy: the pattern takes no such ref
    ('plain', ('origin', 'main', 'refs/other/*'), False),
])
def test_a_ref_name_holding_a_key_that_a_pattern_or_mirror_sends(
        git_repo, keys, main_pushed, hook, args, refused):
    """``git push origin main 'refs/keep/*'`` (or ``--mirror``) sends
    ``refs/keep/<key>``: its name is refused, by pre-commit's hook and by
    the plain pre-push hook alike; a pattern that takes no such ref passes."""
    key = keys()
    pushing = main_pushed
    write(git_repo, 'b.py', 'y = 2\n')
    git(git_repo, 'update-ref', f'refs/keep/{key}', commit(git_repo))
    if hook == 'plain':
        _plain_hook(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', *args)
    sent = 'refs/keep/' in git(git_repo, 'ls-remote', 'origin')
    if refused:
        assert (rc, sent) == (1, False) and hash_secret(key) in out, out
    else:
        assert (rc, sent) == (0, False), out
    assert key not in out


MIRROR_VALUES = ('true', 'TRUE', 'yes', 'On', '1', '2', '-1', '+3', '0x1', '0X1f', '1k', '2M', '07',
                 '  1', 'false', 'No', 'OFF', '', '0', '-0', '+0', '00', '0x0', '0k', '0G', '  0')


def test_remotes_mirror_reads_a_boolean_as_git_does(tmp_path):
    """``Remotes.mirror`` against ``git config --bool`` itself, for every
    spelling above: the same answer where git reads the value."""
    from together_hooks.sources.commits import Remotes

    root = tmp_path / 'r'
    subprocess.run(('git', 'init', '-q', str(root)), check=True)
    for value in MIRROR_VALUES:
        git(root, 'config', 'remote.o.mirror', value)
        read = subprocess.run(('git', 'config', '--bool', 'remote.o.mirror'), cwd=root,
                              capture_output=True, text=True)
        said = {'true': True, 'false': False}.get(read.stdout.strip())
        assert read.returncode == 0 and said is not None, value
        assert Remotes(str(root)).mirror('o') is said, value
