"""Objects as they are stored, never as a local rewrite shows them.

``git replace`` (``refs/replace/*``) and the old ``info/grafts`` file make
git's walks show another commit (or other parents) in place of the real
one, while a push sends the real objects.  A commit that adds a key,
replaced by a clean look-alike or grafted out of view, must not pass the
pre-push hook, ``scan --history`` or ``scan --diff``; and a replace ref
pushed to a server first must not blind its pre-receive gate.  Real
repositories, real pushes to real bare remotes, the real pre-commit.
"""
from __future__ import annotations

from tests.cli.pre_receive_test import install_gate
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


def _replaced_key_commit(repo, key: str) -> tuple[str, str]:
    """A commit adding ``key``, replaced (``git replace``) by a commit with
    the same parent and message and its parent's clean tree: (the real
    commit, its stand-in)."""
    write(repo, 'k.py', f'K = "{key}"\n')
    real = commit(repo, 'settings')
    stand_in = git(
        repo, 'commit-tree', git(repo, 'rev-parse', 'HEAD~1^{tree}').strip(),
        '-p', 'HEAD~1', '-m', 'settings',
    ).strip()
    git(repo, 'replace', real, stand_in)
    return real, stand_in


def _pushed_main(repo, env, remote: str = 'origin') -> None:
    write(repo, 'a.py', 'x = 1\n')
    commit(repo)
    rc, out = run(repo, env, 'git', 'push', remote, 'main')
    assert rc == 0, out


def test_pre_push_reads_a_replaced_commit_as_it_is_sent(git_repo, keys, pushing):
    key = keys()
    _pushed_main(git_repo, pushing)
    real, _ = _replaced_key_commit(git_repo, key)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and real[:12] in out
    assert git(git_repo, 'ls-remote', 'origin', 'main').split()[0] != real


def test_history_reads_a_replaced_commit_as_it_is_stored(git_repo, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    real, _ = _replaced_key_commit(git_repo, key)
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert [(p, h) for p, _line, _rule, h in res.found()] == [('k.py', hash_secret(key))]
    assert res.json()['findings'][0]['commit'] == real


def test_diff_reads_a_replaced_commit_as_it_is_stored(git_repo, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    _replaced_key_commit(git_repo, key)
    res = scan('--diff', f'{base}..HEAD', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert [h for *_rest, h in res.found()] == [hash_secret(key)]


def test_history_ignores_grafts_that_hide_a_commit(git_repo, keys):
    """``info/grafts`` giving the key's removal the key's parent as its
    own: the adding commit drops out of every walk git does."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'k.py', f'K = "{key}"\n')
    adding = commit(git_repo, 'key')
    write(git_repo, 'k.py', 'K = None\n')
    commit(git_repo, 'no key')
    grafts = git(git_repo, 'rev-parse', '--git-path', 'info/grafts').strip()
    with open(git_repo / grafts, 'w') as f:
        f.write(f'{git(git_repo, "rev-parse", "HEAD").strip()} {git(git_repo, "rev-parse", "HEAD~2").strip()}\n')
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert [f['commit'] for f in res.json()['findings']] == [adding]


def test_pre_receive_ignores_a_replace_ref_pushed_before(git_repo, keys, tmp_path):
    """First push ``refs/replace/<the key's commit>`` (a clean stand-in),
    then the branch with the real commit: the server's walks would show
    the stand-in."""
    key = keys()
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    env = clean_env()
    _pushed_main(git_repo, env)
    real, _ = _replaced_key_commit(git_repo, key)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'refs/replace/*')
    assert rc == 0, out
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out
    assert git(remote, 'rev-parse', 'main').strip() != real
