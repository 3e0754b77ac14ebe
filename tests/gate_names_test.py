"""Names are content: a file or a submodule (gitlink) named with a key is
stored in a tree on every remote it reaches, and a ``.gitmodules`` URL
with a key in its credentials is a file like any other.

Real repositories; the real pre-commit for the commit stage, a real
``git push`` to a real bare repository for pre-push and pre-receive.
"""
from __future__ import annotations

import subprocess

import pytest


import shutil

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.cli.pre_receive_test import served  # noqa: F401 (fixture)
from tests.gitplay import bare
from together_hooks.findings import hash_secret


def _gitlink(repo, path: str) -> None:
    """Stage a submodule entry at ``path`` (its commit: HEAD)."""
    head = git(repo, 'rev-parse', 'HEAD').strip()
    git(repo, 'update-index', '--add', '--cacheinfo', f'160000,{head},{path}')


def _fed(repo, text: str, *args: str) -> str:
    """git's one-line answer to ``args`` with ``text`` on its stdin."""
    return subprocess.run(
        ('git', *args), cwd=repo, input=text, check=True, capture_output=True, text=True,
    ).stdout.strip()


def _base(repo) -> str:
    write(repo, 'a.py', 'x = 1\n')
    return commit(repo)


def _found(result) -> set[tuple[str, str]]:
    return {(f[0], f[3]) for f in result.found()}


def test_staged_names_of_files_and_submodules(git_repo, keys):
    in_file_name, in_link_name = keys(), keys()
    _base(git_repo)
    write(git_repo, f'notes/{in_file_name}.txt', 'hello\n')
    git(git_repo, 'add', 'notes')
    _gitlink(git_repo, f'vendor/{in_link_name}')
    result = scan('--staged', '--format', 'json')
    assert result.rc == 1, (result.out, result.err)
    assert _found(result) == {
        ('<path name>', hash_secret(in_file_name)), ('<path name>', hash_secret(in_link_name)),
    }
    # A clean name costs no finding and counts as no file.
    git(git_repo, 'reset', '-q')
    write(git_repo, 'b.py', 'y = 2\n')
    git(git_repo, 'add', 'b.py')
    result = scan('--staged')
    assert result.rc == 0 and '1 file,' in result.err, result.err


def test_a_range_names_a_submodule_with_a_key(git_repo, keys):
    key = keys()
    base = _base(git_repo)
    _gitlink(git_repo, f'sub/{key}')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'sub')
    result = scan('--diff', f'{base}..HEAD', '--format', 'json')
    assert result.rc == 1, (result.out, result.err)
    assert _found(result) == {('<path name>', hash_secret(key))}


def test_pre_commit_refuses_a_file_named_with_a_key(git_repo, tmp_path, keys):
    key = keys()
    write(git_repo, '.pre-commit-config.yaml', local_hooks_config(
        ('detect-together-keys', manifest('detect-together-keys'))))
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(git_repo, env)
    write(git_repo, f'{key}.txt', 'hello\n')
    git(git_repo, 'add', '-A')
    rc, out = run(git_repo, env, 'git', 'commit', '-m', 'named')
    assert rc != 0, out
    assert hash_secret(key) in out


def test_pre_push_refuses_a_submodule_named_with_a_key(git_repo, keys, pushing):
    key = keys()
    _base(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    _gitlink(git_repo, f'sub/{key}')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'sub')
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out


def test_pre_receive_refuses_submodule_names_and_gitmodules_credentials(git_repo, tmp_path, keys):
    in_name, in_url = keys(), keys()
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    _base(git_repo)
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    _gitlink(git_repo, f'sub/{in_name}')
    write(git_repo, '.gitmodules', (
        '[submodule "lib"]\n\tpath = lib\n'
        f'\turl = https://x-token:{in_url}@github.com/acme/lib.git\n'
    ))
    git(git_repo, 'add', '.gitmodules')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'subs')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(in_name) in out and hash_secret(in_url) in out
    assert remote_has(remote, 'refs/heads/main') == git(git_repo, 'rev-parse', 'HEAD~1').strip()


def test_history_names_submodules_files_and_tagged_trees(git_repo, keys):
    """``scan --history`` reads every name a commit or a tag ever stored:
    a submodule named with a key and later removed, a folder whose tree
    another folder has too (a package of one empty ``__init__.py``), a
    file a merge alone added, an empty folder, and a file in a tree only a
    tag points at."""
    in_link, in_merge, in_tagged, in_empty, in_twin = keys(), keys(), keys(), keys(), keys()
    _base(git_repo)
    write(git_repo, 'pkg/__init__.py', '')
    write(git_repo, f'{in_twin}/__init__.py', '')
    commit(git_repo)
    _gitlink(git_repo, f'sub/{in_link}')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'sub')
    sub_commit = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'rm', '-q', '--cached', f'sub/{in_link}')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'unsub')
    # A merge that adds a file neither parent has (an "evil merge").
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'side.py', 's = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'merge', '-q', '--no-ff', '--no-commit', 'side')
    write(git_repo, f'merged/{in_merge}.txt', 'm\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'merge')
    # A commit whose tree holds an empty folder (git never makes one itself).
    empty = _fed(git_repo, '', 'mktree')
    head_tree = git(git_repo, 'ls-tree', 'HEAD').rstrip('\n')
    tree = _fed(git_repo, f'{head_tree}\n040000 tree {empty}\t{in_empty}\n', 'mktree')
    hollow = git(git_repo, 'commit-tree', tree, '-p', 'HEAD', '-m', 'hollow').strip()
    git(git_repo, 'update-ref', 'refs/heads/hollow', hollow)
    # A tree no commit holds, kept by a tag.
    blob = _fed(git_repo, 't\n', 'hash-object', '-w', '--stdin')
    lone = _fed(git_repo, f'100644 blob {blob}\t{in_tagged}.txt\n', 'mktree')
    git(git_repo, 'tag', 'lone-tree', lone)
    result = scan('--history', '--format', 'json')
    assert result.rc == 1, (result.out, result.err)
    got = {(f['path'], f['hashed_secret']) for f in result.json()['findings']}
    assert got == {
        ('<path name>', hash_secret(k)) for k in (in_link, in_merge, in_tagged, in_empty, in_twin)
    }
    by_key = {f['hashed_secret']: f.get('commit') for f in result.json()['findings']}
    assert by_key[hash_secret(in_link)] == sub_commit


@pytest.mark.parametrize('hidden_by', ['config', '.gitmodules'])
def test_a_submodule_told_to_be_ignored_is_still_named(git_repo, keys, hidden_by):
    """``diff.ignoreSubmodules=all`` (the user's config), or ``ignore = all``
    for it in a ``.gitmodules`` committed before, makes git's diffs leave a
    submodule entry out: its name is read all the same, staged, in a range
    and in history."""
    key = keys()
    if hidden_by == 'config':
        git(git_repo, 'config', 'diff.ignoreSubmodules', 'all')
        write(git_repo, 'a.py', 'x = 1\n')
    else:
        write(git_repo, '.gitmodules', f'[submodule "s"]\n\tpath = sub/{key}\n\tignore = all\n')
    base = commit(git_repo)
    _gitlink(git_repo, f'sub/{key}')
    want = {('<path name>', hash_secret(key))}
    assert _found(scan('--staged', '--format', 'json')) == want
    # git commit too sees "nothing to commit", yet writes the index's tree.
    git(git_repo, 'commit', '-q', '--no-verify', '--allow-empty', '-m', 'sub')
    assert f'sub/{key}' in git(git_repo, 'ls-tree', '-r', '--name-only', 'HEAD')
    assert _found(scan('--diff', f'{base}..HEAD', '--format', 'json')) == want
    if hidden_by == 'config':  # else .gitmodules itself holds the key
        assert _found(scan('--history', '--format', 'json')) == want


# Names git stores as bytes: not UTF-8, a newline, quotes, a tab.
ODD_NAMES = (b'bad\xff\xfe.py', b'new\nline.py', b'q"uote.py', b'tab\there.py')


def _odd_named_keys(repo, keys) -> list[str]:
    made = []
    for name in ODD_NAMES:
        made.append(keys())
        with open(bytes(repo) + b'/' + name, 'wb') as f:
            f.write(f'TOGETHER_API_KEY={made[-1]}\n'.encode())
    return made


def test_a_range_finds_keys_in_files_with_odd_names(git_repo, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    made = _odd_named_keys(git_repo, keys)
    commit(git_repo)
    res = scan('--diff', f'{base}..HEAD', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert sorted(h for *_rest, h in res.found()) == sorted(hash_secret(k) for k in made)


def test_pre_receive_refuses_keys_in_files_with_odd_names(git_repo, served, keys):  # noqa: F811
    remote = served  # ``main`` a clean commit on the server already
    first = git(git_repo, 'rev-parse', 'HEAD').strip()
    made = _odd_named_keys(git_repo, keys)
    commit(git_repo)
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 1, out
    assert all(hash_secret(k) in out for k in made), out
    assert remote_has(remote, 'refs/heads/main') == first


def test_a_tree_scan_reads_names_as_the_hook_does(git_repo, tmp_path, keys):
    """``together-hooks scan`` (the job CI runs on a checkout) sees a file
    named with a key as the hook and ``--history`` do: tracked and
    untracked-not-ignored names, in a folder or named on the command line,
    and every name in a folder outside git."""
    tracked, untracked, outside = keys(), keys(), keys()
    _base(git_repo)
    write(git_repo, f'notes/{tracked}.txt', 'hello\n')
    git(git_repo, 'add', 'notes')
    write(git_repo, f'drafts/{untracked}.md', 'hi\n')
    both = {('<path name>', hash_secret(tracked)), ('<path name>', hash_secret(untracked))}
    for args, want in (
            ((), both), (('.',), both),
            (('notes',), {('<path name>', hash_secret(tracked))}),
            ((f'notes/{tracked}.txt', 'a.py'), {('<path name>', hash_secret(tracked))}),
    ):
        result = scan('--format', 'json', *args)
        assert (result.rc, _found(result)) == (1, want), (args, result.err)
    plain = tmp_path / 'plain'
    write(plain, f'sub/{outside}.txt', 'hello\n')
    result = scan('--format', 'json', str(plain), cwd=tmp_path)
    assert (result.rc, _found(result)) == (1, {('<path name>', hash_secret(outside))}), result.err
    # A clean tree's names cost no finding and count as no file.
    git(git_repo, 'rm', '-rq', '--cached', 'notes')
    for name in ('notes', 'drafts'):
        shutil.rmtree(git_repo / name)
    result = scan()
    assert result.rc == 0 and '1 file,' in result.err, result.err


@pytest.mark.parametrize('clean', (False, True), ids=('key', 'no-key'))
def test_a_push_of_odd_names_through_pre_commit_is_refused(git_repo, keys, pushing, clean):
    """pre-commit (3.x, 4.x) decodes ``git diff --name-only`` as UTF-8 and
    stops with a traceback on a name that is not: the push is refused all
    the same (a clean push too: pre-commit ran no hook, so nothing vouches
    for it), and nothing of a key is shown."""
    write(git_repo, 'a.py', 'x = 1\n')
    first = commit(git_repo)
    assert run(git_repo, pushing, 'git', 'push', '-q', 'origin', 'main')[0] == 0
    made = [] if clean else _odd_named_keys(git_repo, keys)
    if clean:
        with open(bytes(git_repo) + b'/' + ODD_NAMES[0], 'wb') as f:
            f.write(b'x = 2\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert git(git_repo, 'ls-remote', 'origin', 'refs/heads/main').split()[0] == first
    assert not any(k in out for k in made)
