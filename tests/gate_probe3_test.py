"""A hostile tester's fourth round against the gate (session 18).

Each test is an attack that let a key through (or refused what was not
pushed) before its fix: real repositories, real git and pre-commit, real
``git push`` to a real bare repository.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.gate_probe2_test import pre_commit_only  # noqa: F401 (fixture)
from tests.gate_push_test import _plain_hook
from tests.gate_push_test import _push
from tests.gate_push_test import main_pushed  # noqa: F401 (fixture)
from tests.gitplay import run
from tests.precommit_test import _head
from tests.precommit_test import _run
from tests.precommit_test import env  # noqa: F401 (fixture)
from tests.precommit_test import pre_commit_home  # noqa: F401 (fixture)
from tests.precommit_test import PRE_COMMIT
from tests.precommit_test import snapshot  # noqa: F401 (fixture)
from together_hooks.findings import hash_secret
from together_hooks.hooks.first_stage import certainly_clean


# ------------------------------------------- what git merge commits

def test_a_merge_commit_is_checked_where_its_hook_is_installed(git_repo, env, snapshot, keys):  # noqa: F811
    """``git merge`` makes its commit without the pre-commit hook: git
    runs ``pre-merge-commit`` instead.  The manifest did not list that
    stage, so with it installed (``pre-commit install --hook-type
    pre-merge-commit``) a branch committed with ``--no-verify`` merged
    its key and its ``.env.local`` into main unchecked; the hooks run
    there now, as on any commit."""
    repo, rev = snapshot
    write(git_repo, '.pre-commit-config.yaml', (
        f'repos:\n-   repo: {repo}\n    rev: {rev}\n    hooks:\n'
        '    -   id: detect-together-keys\n    -   id: forbid-env-files\n'))
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install', '--hook-type', 'pre-merge-commit')
    assert rc == 0, out
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'config')
    git(git_repo, 'checkout', '-q', '-b', 'side')
    key = keys()
    write(git_repo, 'side.py', f'KEY = "{key}"\n')
    write(git_repo, '.env.local', 'DEBUG=1\n')
    git(git_repo, 'add', '-f', 'side.py', '.env.local')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'side')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'main.py', 'x = 1\n')
    git(git_repo, 'add', 'main.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'main')
    before = _head(git_repo)
    rc, out = _run(git_repo, env, 'git', 'merge', '--no-edit', 'side')
    assert rc != 0, out
    assert _head(git_repo) == before  # no merge commit
    assert 'side.py:1: together-api-key' in out and hash_secret(key) in out, out
    assert '.env.local: env file staged' in out, out
    assert leaked([key], out) == []
    # A clean merge commits through the same hooks.
    git(git_repo, 'merge', '--abort')
    git(git_repo, 'checkout', '-q', '-b', 'clean', 'main~1')
    write(git_repo, 'clean.py', 'y = 2\n')
    git(git_repo, 'add', 'clean.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'clean')
    git(git_repo, 'checkout', '-q', 'main')
    rc, out = _run(git_repo, env, 'git', 'merge', '--no-edit', 'clean')
    assert rc == 0 and 'Passed' in out, out
    assert _head(git_repo) != before


def test_a_merge_concluded_after_a_conflict_is_checked_whole(git_repo, env, snapshot, keys):  # noqa: F811
    """A merge that stops on a conflict is concluded by ``git commit``
    (or ``git merge --continue``), which runs the pre-commit hook; there
    pre-commit passes only the conflicted files ("Checking merge-conflict
    files only"), so a ``--no-verify`` branch's key in another file and
    its ``.env.local`` were merged unchecked.  The hooks read what
    the merge commit brings that pre-commit does not pass."""
    repo, rev = snapshot
    write(git_repo, '.pre-commit-config.yaml', (
        f'repos:\n-   repo: {repo}\n    rev: {rev}\n    hooks:\n'
        '    -   id: detect-together-keys\n    -   id: forbid-env-files\n'))
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    write(git_repo, 'both.py', 'x = 0\n')
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install')
    assert rc == 0, out
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'config')
    key = keys()
    for branch, files in (('clean', {'both.py': 'x = 1\n', 'clean.py': 'y = 1\n'}),
                          ('side', {'both.py': 'x = 2\n', 'side.py': f'KEY = "{key}"\n',
                                    '.env.local': 'DEBUG=1\n'})):
        git(git_repo, 'checkout', '-q', '-b', branch, 'main')
        for name, text in files.items():
            write(git_repo, name, text)
        git(git_repo, 'add', '-f', *files)
        git(git_repo, 'commit', '-q', '--no-verify', '-m', branch)
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'both.py', 'x = 3\n')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'main')
    before = _head(git_repo)
    rc, out = _run(git_repo, env, 'git', 'merge', 'side')
    assert rc != 0 and 'CONFLICT' in out, out
    write(git_repo, 'both.py', 'x = 4\n')
    git(git_repo, 'add', 'both.py')
    rc, out = _run(git_repo, env, 'git', 'commit', '--no-edit')
    assert rc != 0 and _head(git_repo) == before, out
    assert 'side.py:1: together-api-key' in out and hash_secret(key) in out, out
    assert '.env.local: env file staged' in out, out
    assert leaked([key], out) == []
    # A conflicted merge of a clean branch still commits.
    git(git_repo, 'merge', '--abort')
    rc, out = _run(git_repo, env, 'git', 'merge', 'clean')
    assert rc != 0 and 'CONFLICT' in out, out
    write(git_repo, 'both.py', 'x = 4\n')
    git(git_repo, 'add', 'both.py')
    rc, out = _run(git_repo, env, 'git', 'commit', '--no-edit')
    assert rc == 0 and _head(git_repo) != before, out


# -------------------------------------- an identity git makes up itself

def _unset_email(repo, home) -> dict[str, str]:
    """``repo`` with a name but no email anywhere git looks (no variable,
    no config file of the user's or the system's): git makes the email
    up as ``user@<host name>``; the environment such a commit runs in."""
    git(repo, 'config', '--unset', 'user.email')
    os.makedirs(home, exist_ok=True)
    return {'HOME': str(home), 'XDG_CONFIG_HOME': str(home), 'GIT_CONFIG_SYSTEM': os.devnull}


def _stage_with_no_email(git_repo, tmp_path, monkeypatch) -> None:
    """A file staged in a repository where no variable and no config file
    git reads sets an email (git would make the committer's up)."""
    for name in list(os.environ):
        if name.startswith(('GIT_', 'PRE_COMMIT')) or name == 'EMAIL':
            monkeypatch.delenv(name)
    for name, value in _unset_email(git_repo, tmp_path / 'home').items():
        monkeypatch.setenv(name, value)
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')


def test_the_first_stage_hands_off_where_git_makes_up_the_email(git_repo, tmp_path, monkeypatch):
    """With no email set, git builds the committer's from the host name
    (or ``/etc/mailname``), which the first stage never reads: it passed
    the commit as certainly clean.  It hands off now (the full hook asks
    ``git var``), and passes again once an email is set."""
    _stage_with_no_email(git_repo, tmp_path, monkeypatch)
    # What git exports to a commit's pre-commit hook: the author, not the committer.
    environ = {**os.environ, 'GIT_INDEX_FILE': '.git/index', 'PRE_COMMIT': '1',
               'GIT_AUTHOR_NAME': 'Dev', 'GIT_AUTHOR_EMAIL': 'dev@example.com'}
    assert certainly_clean(['a.py'], environ) is False
    assert certainly_clean(['a.py'], {**environ, 'EMAIL': 'dev@example.com'}) is True
    git(git_repo, 'config', 'committer.email', 'dev@example.com')
    assert certainly_clean(['a.py'], environ) is True


def test_the_first_stage_counts_no_email_from_a_file_git_skips(git_repo, tmp_path, monkeypatch):
    """The first stage read an email in the system file as set also under
    ``GIT_CONFIG_NOSYSTEM`` (git skips that file), and one in
    ``.git/config.worktree`` (git reads it only with
    ``extensions.worktreeConfig``): git then makes the email up from the
    host name, and the commit passed as certainly clean."""
    _stage_with_no_email(git_repo, tmp_path, monkeypatch)
    system = tmp_path / 'system'
    system.write_text('[user]\n\temail = dev@example.com\n')
    environ = {**os.environ, 'GIT_INDEX_FILE': '.git/index', 'PRE_COMMIT': '1',
               'GIT_AUTHOR_NAME': 'Dev', 'GIT_AUTHOR_EMAIL': 'dev@example.com',
               'GIT_CONFIG_SYSTEM': str(system)}
    assert certainly_clean(['a.py'], environ) is True  # git reads that file
    assert certainly_clean(['a.py'], {**environ, 'GIT_CONFIG_NOSYSTEM': '1'}) is False
    write(git_repo, '.git/config.worktree', '[user]\n\temail = dev@example.com\n')
    assert certainly_clean(['a.py'], {**environ, 'GIT_CONFIG_SYSTEM': os.devnull}) is False


def _can_name_the_host() -> bool:
    try:
        return subprocess.run(
            ('unshare', '-Ur', '--uts', sys.executable, '-c',
             'import socket; socket.sethostname("x.example")'),
            capture_output=True, timeout=60,
        ).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def test_a_key_in_the_host_name_git_builds_the_email_from(git_repo, pre_commit_only, keys, tmp_path):  # noqa: F811
    """The attack itself, with real git and pre-commit (the pre-commit
    stage alone): a host named ``<key>.example`` (a user namespace of
    its own) and no email set; ``git commit --author`` stored the key as
    the committer's email."""
    if not _can_name_the_host():
        pytest.skip('no user namespace to name a host in (unshare -Ur --uts)')
    key = keys()
    env = {**pre_commit_only, **_unset_email(git_repo, tmp_path / 'home')}
    env.pop('EMAIL', None)
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    before = git(git_repo, 'rev-parse', 'HEAD')
    rc, out = run(
        git_repo, env, 'unshare', '-Ur', '--uts', sys.executable, '-c',
        'import os, socket, sys; socket.sethostname(sys.argv[1]); '
        'os.execvp("git", ["git", "commit", "-q", "--author=Dev <dev@example.com>", "-m", "x"])',
        f'{key}.example',
    )
    assert rc == 1 and '<commit header>' in out and hash_secret(key) in out, out
    assert git(git_repo, 'rev-parse', 'HEAD') == before


# ------------------------------------ a local name the push does not send

@pytest.mark.parametrize('hook', ('pre-commit', 'plain'))
def test_a_local_ref_named_with_a_key_refuses_only_the_push_that_sends_it(
        git_repo, keys, main_pushed, hook):  # noqa: F811
    """Every local branch's and tag's name was scanned on every push: a
    branch or tag named with a key, never pushed, refused ``git push
    origin main``, ``git push`` and ``git push origin HEAD`` (the name
    is not sent).  The names the push sends are scanned now; a push that
    sends that ref, or any ref (``--all``, ``--tags``), is still refused."""
    pushing = main_pushed
    if hook == 'plain':
        _plain_hook(git_repo)
    branch, tag = keys(), keys()
    git(git_repo, 'branch', f'wip/{branch}')
    git(git_repo, 'tag', f'rel/{tag}')
    git(git_repo, 'branch', '-q', '-u', 'origin/main')
    for args in (['main'], [], ['HEAD'], ['main:refs/heads/next']):
        write(git_repo, 'a.py', f'x = {len(args)}\n# {args}\n')
        git(git_repo, 'commit', '-q', '--no-verify', '-am', 'x')
        rc, out = run(git_repo, pushing, 'git', 'push', *(['origin', *args] if args else []))
        assert rc == 0 and '<ref name>' not in out, (args, out)
    # Pushes that send the names, with a commit the remote lacks (else
    # pre-commit runs no pre-push hook at all: the plain hook's case).
    write(git_repo, 'a.py', 'x = 9\n')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'x')
    git(git_repo, 'branch', '-f', f'wip/{branch}')
    git(git_repo, 'tag', '-f', f'rel/{tag}')
    for args, key in (([f'wip/{branch}'], branch), (['--tags'], tag), (['--all'], branch),
                      ([f'main:refs/heads/x/{branch}'], branch)):
        rc, out = _push(git_repo, pushing, *args)
        assert rc != 0 and '<ref name>' in out and hash_secret(key) in out, (args, out)
        # pre-commit's PRE_COMMIT_LOCAL_BRANCH holds the name: it is no
        # key the developer keeps ("a copy of a key you hold ... take it
        # out of the file" was the advice).
        assert 'a key you hold' not in out, (args, out)
        assert leaked([branch, tag], out) == []
    assert branch not in git(git_repo, 'ls-remote', 'origin')


def test_the_plain_hook_reads_the_names_a_push_sends_as_git_picks_them(git_repo, keys, main_pushed):  # noqa: F811
    """The plain hook (examples/pre-push.md) read the names from the
    ``git push`` command line alone: a bare ``git push`` (no repository
    named: ``remote.origin.push`` never read), an option whose value is
    the next word (``--recurse-submodules check origin``: ``check`` taken
    for the repository) each created a ref named with a key on the
    remote; so did an alias's bare push (``git p``: git runs it as a
    child ``git push``)."""
    pushing = main_pushed
    _plain_hook(git_repo)
    branch, configured = keys(), keys()
    git(git_repo, 'config', 'alias.p', 'push')
    write(git_repo, 'a.py', 'x = 9\n')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'x')
    git(git_repo, 'config', 'remote.origin.push', f'HEAD:refs/heads/k/{configured}')
    for args in (['push'], ['p']):
        rc, out = run(git_repo, pushing, 'git', *args)
        assert rc != 0 and hash_secret(configured) in out, (args, out)
    git(git_repo, 'config', '--unset', 'remote.origin.push')
    git(git_repo, 'checkout', '-q', '-b', f'wip/{branch}')
    git(git_repo, 'config', 'push.default', 'current')
    rc, out = run(git_repo, pushing, 'git', 'push', '--recurse-submodules', 'check', 'origin')
    assert rc != 0 and hash_secret(branch) in out, out
    assert leaked([branch, configured], out) == []
    remote = git(git_repo, 'ls-remote', 'origin')
    assert branch not in remote and configured not in remote


def test_an_abbreviated_mirror_push_scans_what_it_mirrors(git_repo, keys, main_pushed):  # noqa: F811
    """``git push --mir origin`` is ``--mirror`` to git (a unique prefix):
    it sends every ref, a remote-tracking one too, but the hook took it
    for a plain push and left such a ref's commit unread: a key in it
    reached the remote."""
    key = keys()
    write(git_repo, 's.py', f'k = "{key}"\n')
    git(git_repo, 'add', 's.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'k')
    git(git_repo, 'update-ref', 'refs/remotes/up/x', 'HEAD')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    write(git_repo, 'a.py', 'x = 5\n')
    git(git_repo, 'commit', '-q', '--no-verify', '-am', 'x')
    rc, out = _push(git_repo, main_pushed, '--mir')
    assert rc != 0 and hash_secret(key) in out, out
    assert 'refs/remotes/up/x' not in git(git_repo, 'ls-remote', 'origin')
