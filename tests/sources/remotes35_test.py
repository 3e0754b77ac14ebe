"""``sources.commits.Remotes`` and what a mirror push sends (mut35): the
remotes' settings read from one ``git config --get-regexp`` as git reads
them (a remote named with dots, a bare ``mirror`` line, a variable set
twice), and every path a mirror push takes through the hook (the stash,
a ref naming a tree, a ref's name, an abbreviated ``--mirror``), each refused with the real pre-commit; the
decoy: another remote's mirror setting does not widen a push to origin."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import main_pushed  # noqa: F401 (a fixture)
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret
from together_hooks.sources.commits import Remotes

# Sections written as a user (or an included file) writes them: a bare
# ``mirror`` line is true to git, a variable set twice is its last value.
CONFIG = '''\
[remote "back.up"]
\turl = ../elsewhere.git
\tmirror
[remote "twice"]
\turl = ../elsewhere.git
\tmirror = false
\tmirror = true
[remote "un.done"]
\turl = ../elsewhere.git
\tmirror = true
\tmirror = false
[remote "a.b.c"]
\turl = ../elsewhere.git
\tmirror = 0
'''


def test_remotes_are_read_as_git_reads_them(tmp_path):
    """Each remote's name and its ``mirror`` against ``git config --bool
    --get`` itself (the last value, a bare line, a name with dots)."""
    root = tmp_path / 'r'
    subprocess.run(('git', 'init', '-q', str(root)), check=True)
    with open(root / '.git' / 'config', 'a') as f:
        f.write(CONFIG)
    remotes = Remotes(str(root))
    assert remotes.names() == ['back.up', 'twice', 'un.done', 'a.b.c']
    said = {}
    for name in remotes.names():
        read = subprocess.run(('git', 'config', '--bool', '--get', f'remote.{name}.mirror'), cwd=root,
                              capture_output=True, text=True)
        said[name] = {'true\n': True, 'false\n': False}[read.stdout]
        assert remotes.mirror(name) is said[name], name
    assert said == {'back.up': True, 'twice': True, 'un.done': False, 'a.b.c': False}
    assert remotes.values('back.up', 'url') == ['../elsewhere.git']


def _keep(repo, ref: str, rel: str, text: str) -> str:
    """A commit on no branch, holding ``rel``, named ``ref``."""
    branch = git(repo, 'symbolic-ref', '--short', 'HEAD').strip()
    git(repo, 'checkout', '-q', '--detach')
    write(repo, rel, text)
    made = commit(repo, 'kept aside')
    git(repo, 'update-ref', ref, made)
    git(repo, 'checkout', '-q', branch)
    return made


def _tree_ref(repo, ref: str, rel: str, text: str) -> None:
    """``ref`` names a tree (no commit) holding ``rel``."""
    blob = subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=repo, input=text.encode(),
                          capture_output=True, check=True).stdout.decode().strip()
    tree = subprocess.run(('git', 'mktree'), cwd=repo, input=f'100644 blob {blob}\t{rel}\n'.encode(),
                          capture_output=True, check=True).stdout.decode().strip()
    git(repo, 'update-ref', ref, tree)


@pytest.mark.parametrize('case', [
    'stash-holding-the-key', 'ref-naming-a-tree', 'name-to-a-dotted-bare-mirror', 'abbreviated-mirror',
])
def test_what_a_mirror_push_sends_is_refused(git_repo, keys, main_pushed, case):
    """A mirror push sends every ref: the stash (its work tree holds the
    key; no branch nor tag reaches it), a ref naming a tree that holds it, a ref's
    name holding it (pushed to a remote named ``back.up`` whose section
    says ``mirror`` bare), and ``git push --mirro`` (git takes a unique
    abbreviation).  Each is refused, and the remote gets none of it.
    Each push also brings a clean commit on main, the ref pre-commit
    describes (its first with new commits; a push bringing none runs no
    pre-commit hook, docs/ci-gate.md), so what the keep ref sends is read
    only as the hook reads the rest of a mirror push; a ref named with the
    key names a commit the remote has."""
    key = keys()
    pushing = main_pushed
    git(git_repo, 'config', 'push.default', 'current')
    old = git(git_repo, 'rev-parse', 'HEAD').strip()  # main as pushed
    target = 'origin'
    args: tuple[str, ...] = ('origin',)
    if case == 'stash-holding-the-key':
        git(git_repo, 'config', 'remote.origin.mirror', 'true')
        write(git_repo, 'a.py', f'K = "{key}"\n')
        git(git_repo, 'stash', '-q')
    elif case == 'ref-naming-a-tree':
        git(git_repo, 'config', 'remote.origin.mirror', 'true')
        _tree_ref(git_repo, 'refs/keep/snapshot', 'settings.py', f'K = "{key}"\n')
    elif case == 'name-to-a-dotted-bare-mirror':
        url = git(git_repo, 'remote', 'get-url', 'origin').strip()
        with open(git_repo / '.git' / 'config', 'a') as f:
            f.write(f'[remote "back.up"]\n\turl = {url}\n\tmirror\n')
        git(git_repo, 'update-ref', f'refs/keep/{key}', old)
        target, args = 'back.up', ('back.up',)
    else:
        git(git_repo, 'update-ref', f'refs/keep/{key}', old)
        args = ('--mirro', 'origin')
    write(git_repo, 'b.py', 'y = 3\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', *args)
    assert rc == 1 and hash_secret(key) in out, out
    assert 'refs/keep/' not in git(git_repo, 'ls-remote', target), out
    assert key not in out


def test_another_remotes_mirror_does_not_widen_a_push_to_origin(git_repo, keys, main_pushed):
    """The decoy: a backup remote mirrors, origin does not; ``git push
    origin main`` sends main alone, and a local ``refs/keep/<key>`` it
    never sends does not refuse it."""
    key = keys()
    pushing = main_pushed
    url = git(git_repo, 'remote', 'get-url', 'origin').strip()
    git(git_repo, 'remote', 'add', '--mirror=push', 'backup', url)
    _keep(git_repo, f'refs/keep/{key}', 'c.py', 'y = 2\n')
    write(git_repo, 'b.py', 'y = 3\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert 'refs/keep/' not in git(git_repo, 'ls-remote', 'origin')
    assert key not in out
