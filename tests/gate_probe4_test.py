"""The gate probed again (session 19): ways a key reaches a remote past
the hooks.  Real repositories, a real bare remote, a real ``git push``
running examples/pre-push.md's plain hook.

Where the hook cannot read the ``git push`` command line (macOS, a
container mounting ``/proc`` with ``hidepid``, git run under another
name), git's own ref lines on the hook's stdin are the only account of
the names the push creates: the plain hook hands each ``<remote ref>``
to ``scan --ref-name``.  ``exec -a`` runs git under another name, so its
``/proc/<pid>/cmdline`` shows no ``git push``, as there.
"""
from __future__ import annotations

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gate_push_test import _options_remote
from tests.gate_push_test import _plain_hook
from tests.gate_push_test import _remote_refs
from tests.gate_push_test import main_pushed  # noqa: F401 (a fixture)
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret

# ``git push origin ...`` as a process whose command line names no
# ``git`` (``/proc`` unreadable to the hook, as on macOS).  Where it can
# be read, gate_push_test's ref name tests hold the plain hook to it.
UNSEEN = ('bash', '-c', 'exec -a hidden-git git push origin "$@"', 'push')


@pytest.mark.parametrize('hook', ('pre-push', 'pre-push.legacy'))
def test_the_plain_hook_scans_the_ref_names_git_hands_it(git_repo, keys, main_pushed, hook):
    """Before: where the ``git push`` could not be seen, the plain hook
    scanned no ref name at all: ``main:refs/heads/wip/<key>`` (a name
    no local ref has) and a new branch ``x/<key>`` reached the remote;
    nor the configured push options git sends with it.  As
    ``pre-push.legacy`` beside pre-commit's own pre-push hook (which is
    told the first ref's name only) it refuses a second ref's name."""
    key = keys()
    pushing = main_pushed
    _plain_hook(git_repo, hook)
    push = UNSEEN
    write(git_repo, 'd.py', 'w = 4\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, *push, 'main', f'main:refs/heads/wip/{key}')
    assert rc != 0, out
    assert hash_secret(key) in out and '<ref name>' in out and key not in out, out
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'branch', f'x/{key}')
    rc, out = run(git_repo, pushing, *push, f'x/{key}')
    assert rc != 0, out
    assert hash_secret(key) in out and key not in out, out
    assert key not in _remote_refs(git_repo)
    git(git_repo, 'branch', '-D', f'x/{key}')  # pre-commit's hook scans every local name unseen
    rc, out = run(git_repo, pushing, *push, 'main:refs/heads/wip/clean', 'main')
    assert rc == 0, out
    assert 'refs/heads/wip/clean' in _remote_refs(git_repo)
    # git sends push.pushOption's values on a push with no -o: read from
    # the config where the command line cannot be seen.
    _options_remote(git_repo, pushing)
    git(git_repo, 'config', 'push.pushOption', f'TOGETHER_API_KEY={key}')
    write(git_repo, 'c.py', 'z = 3\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, *push, 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push option>' in out, out


def test_ref_name_needs_a_range(git_repo):
    """``--ref-name`` names what a push creates: alone, or with a path,
    it is a usage error (exit 2), never a silent pass."""
    rc, out = run(git_repo, clean_env(), 'together-hooks', 'scan', '--ref-name', 'refs/heads/x')
    assert rc == 2 and '--ref-name' in out and 'Traceback' not in out, out


def test_an_option_this_hook_does_not_know_reads_the_push_widest(git_repo, keys):
    """git push options that take a value were a list: an option a newer
    git adds (``--future-option VALUE``) was read as a flag, its value as
    the repository, and a bare push's ``remote.origin.push`` destination
    (a name no local ref has) went unscanned.  Now such a command line is
    not taken apart: every remote's configured refspecs and every local
    name are scanned, as where the ``git push`` cannot be seen.  (git
    2.39 refuses unknown options itself, so the command line is given.)"""
    from together_hooks.sources import commits

    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'remote', 'add', 'origin', str(git_repo))
    git(git_repo, 'config', 'remote.origin.push', f'HEAD:refs/heads/wip/{key}')
    root = str(git_repo)
    for argv in (['--future-option', 'value'], ['-z', 'value'], ['--fut', 'value', 'origin'],
                 ['-o', '--', '--future-option', 'value', 'origin']):  # -o's value is no end of options
        assert f'refs/heads/wip/{key}' in commits._names_sent(root, argv), argv
        assert commits.sent_names(root, 'origin', argv) is None, argv
    # Known options still read exactly (a local branch named with a key is
    # not scanned on a push that does not send it).
    git(git_repo, 'branch', f'other/{key}')
    names = commits.sent_names(root, 'origin', ['--recurse-submodules', 'check', '-fo', 'v', 'origin', 'main'])
    assert names is not None and not any(key in n for n in names), names



def test_a_ref_names_slash_parts_a_key_from_its_name(git_repo, tmp_path, keys):
    """A ref name is a path: ``refs/heads/together-api-key/<legacy key>``
    names a key as clearly as ``...together-api-key=<key>`` (refused
    before).  Before: the server gate accepted it (the legacy rule takes
    ``=`` or ``:`` between name and value, as in a file, never ``/``).
    A SHA-256 under a name that says no key stays accepted."""
    import random

    from tests.cli.pre_receive_test import install_gate
    from tests.cli.pre_receive_test import remote_has
    from tests.cli_run import CAPTURED
    from tests.gitplay import bare
    from tests.keys import make_hex

    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    digest = make_hex(random.Random(0))  # no key: git prints the name it made
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main', f'main:refs/heads/backport/{digest}')
    assert rc == 0, out
    named, nested = keys('hex'), keys('hex')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin',
                  f'main:refs/heads/together-api-key/{named}', f'main:refs/tags/x/TOGETHER_API_KEY/{nested}')
    # git itself names the refused refs; the leak check is for what the gate says.
    CAPTURED[-1] = said = '\n'.join(ln for ln in out.splitlines() if ln.startswith('remote:'))
    assert rc != 0, out
    assert hash_secret(named) in said and hash_secret(nested) in said and '<ref name>:1' in said, said
    assert not remote_has(remote, 'refs/heads/together-api-key') and not remote_has(remote, 'refs/tags')


def test_the_push_options_this_hook_knows_are_gits_own():
    """``_readable`` and ``_takes_value`` hold ``git push``'s options as
    lists (git 2.39's).  Checked against the installed git's own account
    (``--git-completion-helper-all``: ``=`` marks an option whose value
    may be the next word; ``-h`` for the short flags), so a git that adds
    an option, or gives one a value, fails here before a push is taken
    apart with a stale list."""
    import os
    import re
    import subprocess

    from together_hooks.sources import commits

    env = {**os.environ, 'LC_ALL': 'C', 'LANGUAGE': 'C'}
    words = subprocess.run(('git', 'push', '--git-completion-helper-all'), env=env,
                           capture_output=True, text=True, check=True).stdout.split()
    options, negated = words[:words.index('--')], words[words.index('--') + 1:]
    assert options and negated, words
    for option in options:
        name = option.rstrip('=')
        assert name in commits._PUSH_OPTIONS, option
        assert commits._takes_value(name) == option.endswith('='), option
        assert commits._readable([name, 'origin']), option
    for option in negated:
        assert commits._readable([option, 'origin']) and not commits._takes_value(option), option
    usage = subprocess.run(('git', 'push', '-h'), env=env, capture_output=True, text=True).stdout
    shorts = set(re.findall(r'^ {4}-(\w), ', usage, re.M))
    assert shorts - {'o'} == commits._PUSH_FLAGS and 'o' in shorts, shorts
    assert commits._takes_value('-o') and commits._readable(['-o', 'x', 'origin'])


def test_the_plain_hook_reads_a_sha256_repositorys_zero(tmp_path, keys):
    """git's "no object" is 64 zeros in a SHA-256 repository.  Before: the
    plain hook knew 40 only, so every new branch and every delete was
    refused (exit 2, ``fetch 0000...``) and the hook was unusable there.
    A key is still refused; a line with no sha at all is never skipped."""
    remote = tmp_path / 'server.git'
    repo = tmp_path / 'repo'
    git(tmp_path, 'init', '-q', '--bare', '--object-format=sha256', str(remote))
    git(tmp_path, 'init', '-q', '--object-format=sha256', '-b', 'main', str(repo))
    git(repo, 'config', 'user.name', 'T')
    git(repo, 'config', 'user.email', 't@example.com')
    git(repo, 'remote', 'add', 'origin', str(remote))
    _plain_hook(repo)
    write(repo, 'a.py', 'x = 1\n')
    commit(repo)
    for spec in ('main', 'main:refs/heads/x', ':refs/heads/x'):
        rc, out = run(repo, clean_env(), 'git', 'push', 'origin', spec)
        assert rc == 0, (spec, out)
    key = keys()
    write(repo, 'k.py', f'k = "{key}"\n')
    commit(repo)
    rc, out = run(repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(key) in out, out
    rc, out = run(repo, clean_env(), 'sh', '.git/hooks/pre-push', 'origin', str(remote), stdin=b'refs/heads/main\n')
    assert rc != 0, out


def test_a_push_options_value_is_never_the_end_of_options(git_repo, keys):
    """git reads ``-o --`` as the push option ``--``, and the words after
    it as options still.  Before: the hook stopped reading options there,
    so ``git push -o -- --tags origin main`` was held to ``main``'s name
    (a tag named with a key went unscanned by pre-commit's hook) and
    ``-o -- --signed`` sent the pusher's name unscanned."""
    from together_hooks.sources import commits

    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'remote', 'add', 'origin', str(git_repo))
    git(git_repo, 'config', 'user.signingkey', f'TOGETHER_API_KEY={key}')
    root = str(git_repo)
    assert commits.sent_names(root, 'origin', ['-o', '--', '--tags', 'origin', 'main']) is None
    assert commits.signed_pusher(root, ['-o', '--', '--signed', 'origin', 'main'])
    # the value itself is never read as an option
    assert commits.sent_names(root, 'origin', ['-o', '--tags', 'origin', 'main']) is not None
    assert not commits.signed_pusher(root, ['-o', '--signed', 'origin', 'main'])
