"""pre-commit tells a hook it runs for a push through ``PRE_COMMIT_*``
variables, and never clears them: left in a shell or a CI job's
environment, they made the commit hook scan a push range instead of what
is being committed, and pass.  Real git, the real pre-commit."""
from __future__ import annotations

import os
import shutil
from typing import Callable

import pytest

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


@pytest.fixture
def committing(git_repo, repo_templates):
    """The hook installed by the real pre-commit and its config committed
    (once a session: tests/gitplay.Templates); the pre-commit home."""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys'))))
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'push-env-committing', build)['PRE_COMMIT_HOME']


@pytest.mark.parametrize('stale', [
    {'PRE_COMMIT_FROM_REF': 'HEAD', 'PRE_COMMIT_TO_REF': 'HEAD'},
    {'PRE_COMMIT_REMOTE_NAME': 'origin', 'PRE_COMMIT_LOCAL_BRANCH': 'main'},
])
def test_a_commit_with_push_variables_left_in_the_environment(
        git_repo, committing, keys, stale):
    key = keys()
    hashed = hash_secret(key)
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'settings.py')
    env = clean_env(PRE_COMMIT_HOME=committing, PRE_COMMIT_COLOR='never', **stale)
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1 and hashed in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_run_all_files_with_a_range_left_in_the_environment(git_repo, committing, keys):
    """``pre-commit run --all-files`` passes every file: those the range
    does not change are scanned as they are."""
    key = keys()
    hashed = hash_secret(key)
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    commit(git_repo, 'key')
    env = clean_env(PRE_COMMIT_HOME=committing, PRE_COMMIT_COLOR='never',
                    PRE_COMMIT_FROM_REF='HEAD', PRE_COMMIT_TO_REF='HEAD')
    rc, out = run(git_repo, env, 'pre-commit', 'run', '--all-files')
    assert rc == 1 and hashed in out, out


# ------------------------------------------- env files inside a push

def _env_pushing_build(repo_templates):
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('forbid-env-files', manifest('forbid-env-files')), stages='pre-push'))
        install(repo, repo_templates.env)
        write(repo, 'a.py', 'x = 1\n')
        commit(repo)
        rc, out = run(repo, repo_templates.env, 'git', 'push', 'origin', 'main')
        assert rc == 0, out
    return build


@pytest.fixture
def env_pushing(git_repo, tmp_path, repo_templates):
    """``origin`` is a real bare repository with a clean ``main``;
    forbid-env-files runs on pre-push, installed by the real pre-commit as
    its manifest publishes it.  Installed, committed and pushed once a
    session (tests/gitplay.Templates): each test has its own copies of the
    repository and of ``origin`` (``tmp_path / 'remote.git'``)."""
    return repo_templates.pushed(git_repo, tmp_path / 'remote.git', 'push-env-pushing',
                                 _env_pushing_build(repo_templates))


def _env_then_gone(repo, path: str) -> str:
    """One commit adds the env file ``path`` (past the hooks), the next
    takes it out again; the adding commit."""
    write(repo, path, 'LOCAL_SETTING=1\n')
    git(repo, 'add', '-f', path)
    git(repo, 'commit', '-q', '--no-verify', '-m', 'env')
    adding = git(repo, 'rev-parse', 'HEAD').strip()
    git(repo, 'rm', '-q', '-r', '--cached', path.split('/')[0] if path.startswith('.env/') else path)
    git(repo, 'commit', '-q', '--no-verify', '-m', 'untracked')
    return adding


@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_pre_push_refuses_an_env_file_added_and_removed_inside_the_push(
        git_repo, env_pushing, path):
    """pre-commit passes forbid-env-files only the files the whole push
    changes: a ``.env`` one commit added and the next removed was in no
    list (the hook was skipped, "no files to check"), and the remote got
    it in history.  Its name and adding commit are reported now."""
    adding = _env_then_gone(git_repo, path)
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main')
    assert rc == 1, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in pushed commit {adding[:12]}' in out
    assert git(git_repo, 'ls-remote', 'origin', 'main').split()[0] != adding


def test_pre_push_refuses_an_env_file_on_a_second_pushed_branch(git_repo, env_pushing):
    """pre-commit describes only the first ref of ``git push origin main
    topic``: a ``.env`` on ``topic`` passed."""
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    write(git_repo, '.env.local', 'SECRET=1\n')
    git(git_repo, 'add', '-f', '.env.local')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    git(git_repo, 'checkout', '-q', 'main')
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main', 'topic')
    assert rc == 1, out
    assert '.env.local: env file in pushed commit' in out
    assert git(git_repo, 'ls-remote', 'origin', 'topic') == ''


def test_pre_push_passes_templates_and_excluded_env_files(git_repo, env_pushing, tmp_path):
    """A template added and removed passes by name (its keys are
    detect-together-keys' to find); so does an env file the config
    file's ``exclude`` leaves out, and a clean push."""
    _env_then_gone(git_repo, '.env.example')
    write(git_repo, '.together-hooks.toml', 'exclude = ["fixtures/*"]\n')
    commit(git_repo, 'config')
    _env_then_gone(git_repo, 'fixtures/.env')
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out


def test_a_commit_with_no_env_file_stays_quiet(git_repo, repo_templates):
    """``always_run`` makes the hook run on every commit: with no env file
    staged it passes, whatever push variables a shell left behind and
    whatever env file history holds; a staged one is still refused.
    (Installed by the real pre-commit and its config committed once a
    session: tests/gitplay.Templates.)"""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('forbid-env-files', manifest('forbid-env-files'))))
        install(repo, repo_templates.env)
        commit(repo, 'config')
    env = dict(repo_templates.into(git_repo, 'push-env-commit-forbid', build),
               PRE_COMMIT_REMOTE_NAME='origin', PRE_COMMIT_LOCAL_BRANCH='main')
    _env_then_gone(git_repo, '.env')
    write(git_repo, 'c.py', 'z = 3\n')
    git(git_repo, 'add', 'c.py')
    rc, out = run(git_repo, env, 'git', 'commit', '-m', 'c')
    assert rc == 0, out
    assert 'forbid-env-files' in out and 'Passed' in out, out
    write(git_repo, '.env', 'X=1\n')
    git(git_repo, 'add', '-f', '.env')
    rc, out = run(git_repo, env, 'git', 'commit', '-m', 'env')
    assert rc == 1 and '.env: env file staged' in out, out


def _env_on_wip(repo) -> str:
    """A ``.env`` committed on a local branch ``wip`` that is not pushed;
    ``main`` gets a clean commit to push.  The ``wip`` commit."""
    git(repo, 'checkout', '-q', '-b', 'wip')
    write(repo, '.env', 'SECRET=1\n')
    git(repo, 'add', '-f', '.env')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'wipenv')
    adding = git(repo, 'rev-parse', 'HEAD').strip()
    git(repo, 'checkout', '-q', 'main')
    git(repo, 'branch', '-q', '--set-upstream-to=origin/main')  # for a bare ``git push origin``
    write(repo, 'b.py', 'y = 2\n')
    commit(repo)
    return adding


@pytest.mark.parametrize('push', [
    ('origin', 'main'), ('origin', 'main:main'), ('origin',), ('origin', 'HEAD'),
])
def test_pre_push_passes_an_env_file_on_a_branch_not_pushed(git_repo, env_pushing, push):
    """A push is judged by the commits it sends: a ``.env`` on a local
    branch ``wip`` that ``git push origin main`` does not send was named
    "env file in pushed commit" and refused the push."""
    _env_on_wip(git_repo)
    rc, out = run(git_repo, env_pushing, 'git', 'push', *push)
    assert rc == 0, out
    assert '.env' not in out, out
    assert git(git_repo, 'ls-remote', 'origin', 'wip') == ''


def test_pre_push_of_the_branch_with_the_env_file_is_refused(git_repo, env_pushing):
    adding = _env_on_wip(git_repo)
    # ``-d`` as a push option's value deletes nothing (it was read as
    # ``--delete``, so the push counted as sending no commit, and passed).
    for push in (('origin', 'wip'), ('origin', 'main', 'wip'), ('--all', 'origin'),
                 ('-o', '-d', 'origin', 'main', 'wip'), ('--push-option', '--delete', 'origin', 'wip')):
        rc, out = run(git_repo, env_pushing, 'git', 'push', *push)
        assert rc == 1, (push, out)
        assert f'.env: env file in pushed commit {adding[:12]}' in out, out
    assert git(git_repo, 'ls-remote', 'origin', 'wip') == ''


def test_a_push_whose_refspecs_cannot_be_read_names_other_branches_truly(
        git_repo, env_pushing, tmp_path):
    """git run under another name: the ``git push`` cannot be seen, so
    every local branch the remote lacks may be sent and is read, and the
    message says so rather than "pushed commit"."""
    adding = _env_on_wip(git_repo)
    renamed = tmp_path / 'bin' / 'gitx'  # not git-*: git takes that for a command
    renamed.parent.mkdir()
    renamed.symlink_to(shutil.which('git'))
    rc, out = run(git_repo, env_pushing, str(renamed), 'push', 'origin', 'main')
    assert rc == 1, out
    assert 'env file in pushed commit' not in out, out
    assert f'.env: env file in commit {adding[:12]} on a local ref' in out, out


def _tree_with(repo, path: str) -> str:
    """A tree holding ``path`` (an env file) and ``a.py``, made by git
    from an index of its own, never committed."""
    import os
    import subprocess

    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(str(repo), '.git', 'other-index'))

    def out(*args: str, stdin: str | None = None) -> str:
        return subprocess.run(('git', *args), cwd=repo, env=env, input=stdin, check=True,
                              capture_output=True, text=True).stdout.strip()

    out('read-tree', '--empty')
    for name, text in ((path, 'LOCAL_SETTING=1\n'), ('a.py', 'x = 1\n')):
        sha = out('hash-object', '-w', '--stdin', stdin=text)
        out('update-index', '--add', '--cacheinfo', f'100644,{sha},{name}')
    return out('write-tree')


_TREE_TAG_PATHS = (('.env', 'svc/.env.production'), ('.env/bin/activate',))


_TREE_TAG_HOWS = ('annotated', 'lightweight', 'tag-of-tag')


@pytest.fixture(scope='module')
def tree_tag_pushes(tmp_path_factory, repo_templates, git_repo_template):
    """``tree_tag_pushes(how, path)``: for the kind of tag ``how`` and the
    group of _TREE_TAG_PATHS holding ``path``, a new commit on ``main``
    and, for each path of the group, a tag (``snap<i>``) of a tree holding
    it, pushed together (``git push origin main snap0 ...``) through the
    real pre-commit; the exit code, the output and what ``origin`` then
    has.  The hook names a tree's env file once per path, so a group's
    paths differ, and a ``.env/`` folder is not in one push with a
    ``.env`` file (a folder read as a file too would hide behind the
    file's line).  Each push once a run (tests/once.py); under xdist a
    worker whose push the other is making makes the next ones meanwhile
    (``tests/once.meanwhile``: the tests come in that order, dealt out in
    turn)."""
    import shutil

    from tests.once import meanwhile

    def build(how: str, n: int) -> Callable[[], dict[str, object]]:
        def push() -> dict[str, object]:
            group = _TREE_TAG_PATHS[n]
            repo = tmp_path_factory.mktemp(f'tree-tags-{how}-{n}') / 'repo'
            shutil.copytree(git_repo_template, repo, symlinks=True)
            env = repo_templates.pushed(repo, repo.parent / 'remote.git', 'push-env-pushing',
                                        _env_pushing_build(repo_templates))
            write(repo, 'b.py', 'y = 2\n')
            commit(repo)
            for i, path in enumerate(group):
                tree = _tree_with(repo, path)
                if how == 'lightweight':
                    git(repo, 'tag', f'snap{i}', tree)
                else:
                    git(repo, 'tag', '-a', '-m', 'snapshot',
                        f'snap{i}' if how == 'annotated' else f'inner{i}', tree)
                    if how == 'tag-of-tag':
                        git(repo, 'tag', '-a', '-m', 'outer', f'snap{i}', f'inner{i}')
                        git(repo, 'tag', '-d', f'inner{i}')
            rc, out = run(repo, env, 'git', 'push', 'origin', 'main',
                          *(f'snap{i}' for i in range(len(group))))
            return {'rc': rc, 'out': out, 'remote': git(repo, 'ls-remote', 'origin'), 'group': len(group)}
        return push

    units = [(how, n) for n in range(len(_TREE_TAG_PATHS)) for how in _TREE_TAG_HOWS]

    def get(how: str, path: str) -> dict[str, object]:
        n = next(n for n, group in enumerate(_TREE_TAG_PATHS) if path in group)
        later = [(f'push-env-tree-tags-{h}-{m}', build(h, m)) for h, m in units[units.index((how, n)) + 1:]]
        return meanwhile(tmp_path_factory, f'push-env-tree-tags-{how}-{n}', build(how, n), later)
    return get


@pytest.mark.parametrize('how', _TREE_TAG_HOWS)
@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_pre_push_refuses_a_tag_of_a_tree_holding_an_env_file(tree_tag_pushes, how, path):
    """A tag of a tree (no commit) is pushed with every object the tree
    holds: only refs to commits were read, so its ``.env`` passed.  (With
    a new commit beside it: pre-commit runs no pre-push hook for a push
    that brings no commit, examples/pre-push.md.)"""
    done = tree_tag_pushes(how, path)
    out = done['out']
    assert done['rc'] == 1, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in the tree' in out, out
    # One line a path: a .env/ folder is no .env file.
    assert out.count(': env file in the tree') == done['group'], out
    assert out.count(f'\n{shown}: env file in the tree') + out.startswith(f'{shown}: ') == 1, out
    assert 'staged' not in out, out
    assert 'snap' not in done['remote'], out


def test_pre_push_of_tags_refuses_a_tag_of_a_tree_holding_an_env_file(git_repo, env_pushing):
    """``git push --tags`` of a tag of a tree with a ``.env`` beside a
    new commit: refused; a tag of a tree without one passes."""
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', '-m', 'envsnap', 'envsnap', _tree_with(git_repo, '.env.local'))
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out  # the tag is not sent
    write(git_repo, 'b.py', 'y = 3\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', '-m', 'clean', 'clean', _tree_with(git_repo, 'c.py'))
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main', 'clean')
    assert rc == 0, out
    write(git_repo, 'b.py', 'y = 4\n')
    commit(git_repo)
    rc, out = run(git_repo, env_pushing, 'git', 'push', '--tags', 'origin', 'main')
    assert rc == 1, out
    assert '.env.local: env file in the tree' in out, out


@pytest.mark.parametrize('path, said', [
    ('.env', '.env: env file in the pushed commits'),
    ('.env/bin/activate', '.env/: a virtualenv is in the pushed commits'),
    ('.env/settings', '.env/: files inside a .env/ folder are in the pushed commits'),
])
def test_a_pushed_env_file_is_not_called_staged(git_repo, env_pushing, path, said):
    """On pre-push, pre-commit passes the files the push changes: a
    ``.env`` there was named "env file staged", though nothing is staged."""
    write(git_repo, path, 'SECRET=1\n')
    git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main')
    assert rc == 1 and said in out, out
    assert 'staged' not in out, out


@pytest.mark.parametrize('case', [
    'glob', 'partial-glob', 'config-glob', 'mirror', 'mirror-remote', 'unreadable', 'url'])
def test_pre_push_refuses_a_tree_under_any_ref_the_push_sends(git_repo, env_pushing, tmp_path, case):
    """A tree with a ``.env`` under a ref whose name holds a ``/``: git's
    refspec ``*`` matches across ``/`` (``refs/tags/*`` sends
    ``refs/tags/snap/x``; a ``for-each-ref`` pattern does not take it),
    and ``--mirror`` (or a mirror remote, or a push that cannot be read)
    sends every ref, ``refs/snap/x`` too."""
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    tree = _tree_with(git_repo, '.env')
    remote = str(tmp_path / 'remote.git')
    ref = 'refs/tags/snap/x'
    if case in ('mirror', 'mirror-remote', 'unreadable'):
        ref = 'refs/snap/x'
        git(git_repo, 'update-ref', ref, tree)
    else:
        git(git_repo, 'tag', '-a', '-m', 'snapshot', 'snap/x', tree)
    git_cmd = 'git'
    if case == 'unreadable':  # git under another name: the push's argv is not read
        renamed = tmp_path / 'bin' / 'gitx'
        renamed.parent.mkdir()
        renamed.symlink_to(shutil.which('git'))
        git_cmd = str(renamed)
    args = {
        'glob': ['origin', 'main', 'refs/tags/*'],
        'partial-glob': ['origin', 'main', 'refs/tags/sna*'],
        'config-glob': ['origin'],
        'mirror': ['--mirror', 'origin'],
        'mirror-remote': ['origin'],
        'unreadable': ['origin', 'main', 'refs/snap/x'],
        'url': [remote, 'main', 'snap/x'],
    }[case]
    if case == 'config-glob':
        git(git_repo, 'config', '--add', 'remote.origin.push', 'refs/heads/*:refs/heads/*')
        git(git_repo, 'config', '--add', 'remote.origin.push', 'refs/tags/*:refs/tags/*')
    if case == 'mirror-remote':
        git(git_repo, 'config', 'remote.origin.mirror', 'true')
    rc, out = run(git_repo, env_pushing, git_cmd, 'push', *args)
    assert rc == 1, out
    assert '.env: env file in the tree that' in out, out
    if ref.startswith('refs/tags/'):
        assert 'git tag -d' in out, out
    else:
        assert f'git update-ref -d {ref}' in out and 'git tag -d' not in out, out
    assert 'snap' not in git(git_repo, 'ls-remote', remote), out


@pytest.mark.parametrize('name', ['snap', 'snap/x'])
def test_a_glob_refspec_with_no_tree_matching_passes(git_repo, env_pushing, name):
    """The glob's match is git's: ``refs/tags/other*`` takes no
    ``refs/tags/snap...``, and the push passes."""
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', '-m', 's', name, _tree_with(git_repo, '.env'))
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main', 'refs/tags/other*')
    assert rc == 0, out


def test_a_tree_pushed_by_its_id_is_named_so(git_repo, env_pushing, tmp_path):
    """``git push origin <tree>:refs/tags/t``: the refusal names the tree
    by its id and says to leave it out, not to delete a tag."""
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    tree = _tree_with(git_repo, '.env')
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main', f'{tree}:refs/tags/t')
    assert rc == 1, out
    assert f'.env: env file in the tree {tree} the push names by its id' in out, out
    assert 'Leave it out of the push' in out and 'git tag -d' not in out, out
    assert git(git_repo, 'ls-remote', str(tmp_path / 'remote.git'), 'refs/tags/t') == ''


def test_pre_push_refuses_an_env_file_in_a_submodule_commit_the_push_sends(
        git_repo, env_pushing, tmp_path):
    """``git push --recurse-submodules=on-demand`` first pushes, from the
    submodule, the commits a pushed gitlink names, and no hook of the
    submodule's runs for them: a ``.env`` one of them adds (and a later
    one removes) reached the submodule's remote past forbid-env-files,
    which read the superproject's commits only."""
    upstream = bare(tmp_path / 'lib.git')
    seed = tmp_path / 'seed'
    git(tmp_path, 'clone', '-q', upstream, str(seed))
    write(seed, 'lib.py', 'x = 1\n')
    commit(seed)
    git(seed, 'push', '-q', 'origin', 'HEAD:main')
    file_ok = ('-c', 'protocol.file.allow=always')
    git(git_repo, *file_ok, 'submodule', 'add', '-q', upstream, 'lib')
    commit(git_repo, 'lib')
    # Setup: the remote gets the submodule's gitlink (past the hooks: the
    # clean push through them is this test's last step).
    rc, out = run(git_repo, env_pushing, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    sub = git_repo / 'lib'
    git(sub, 'config', 'user.email', 'a@b.c')
    git(sub, 'config', 'user.name', 'a')
    adding = _env_then_gone(sub, 'conf/.env.production')
    commit(git_repo, 'bump lib')
    before = git(upstream, 'rev-parse', 'main').strip()
    rc, out = run(git_repo, env_pushing, 'git', *file_ok, 'push',
                  '--recurse-submodules=on-demand', 'origin', 'main')
    assert rc == 1, out
    assert f'lib/conf/.env.production: env file in pushed commit {adding[:12]}' in out, out
    assert 'submodule lib' in out, out
    assert git(upstream, 'rev-parse', 'main').strip() == before
    # Once the submodule's history holds no env file, both go.
    git(git_repo, 'reset', '-q', 'HEAD~1')
    git(sub, 'reset', '-q', '--hard', 'HEAD~2')
    os.remove(sub / 'conf' / '.env.production')  # untracked, left on disk
    write(sub, 'ok.py', 'y = 2\n')
    commit(sub, 'clean')
    commit(git_repo, 'bump lib again')
    rc, out = run(git_repo, env_pushing, 'git', *file_ok, 'push',
                  '--recurse-submodules=on-demand', 'origin', 'main')
    assert rc == 0, out
    assert git(upstream, 'rev-parse', 'main').strip() == git(sub, 'rev-parse', 'HEAD').strip()


def test_the_plain_hook_as_pre_push_legacy_refuses_a_tree_tag_pushed_alone(
        git_repo, env_pushing):
    """pre-commit runs no pre-push hook for a push that brings no commit:
    a tag of a tree holding ``.env``, pushed alone, passed forbid-env-files.
    pre-commit runs ``.git/hooks/pre-push.legacy`` on every push; the
    documented plain hook there runs forbid-env-files for the push too."""
    from tests.gate_push_test import _plain_hook

    tree = _tree_with(git_repo, '.env')
    git(git_repo, 'tag', '-a', 'snap', '-m', 'snapshot', tree)
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'snap')
    assert rc == 0, out  # pre-commit alone: no hook ran
    rc, out = run(git_repo, env_pushing, 'git', 'push', '--no-verify', 'origin', ':refs/tags/snap')
    assert rc == 0, out  # setup: the remote without the tag again
    _plain_hook(git_repo, 'pre-push.legacy')
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'snap')
    assert rc == 1, out
    assert '.env: env file in the tree that' in out and 'snap' in out, out
    assert git(git_repo, 'ls-remote', 'origin', 'refs/tags/snap') == ''
    # A branch push with no env file passes the plain hook's new line.
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = run(git_repo, env_pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out


# ------------------------- the plain hook alone, per pushed ref (fixgate)

@pytest.fixture
def plain_pushing(git_repo, tmp_path):
    """``origin`` a real bare repository with a clean ``main``; the plain
    hook of examples/pre-push.md as ``.git/hooks/pre-push`` (no pre-commit)."""
    from tests.gate_push_test import _plain_hook

    git(git_repo, 'remote', 'add', 'origin', bare(tmp_path / 'remote.git'))
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    env = clean_env()
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    _plain_hook(git_repo)
    return env


def _commit_env(repo, path: str = '.env') -> str:
    write(repo, path, 'LOCAL_SETTING=1\n')
    git(repo, 'add', '-f', path)
    git(repo, 'commit', '-q', '--no-verify', '-m', 'env')
    return git(repo, 'rev-parse', 'HEAD').strip()


@pytest.mark.parametrize('how', ['checked-out', 'new-branch', 'unborn-head'])
def test_the_plain_hook_refuses_an_env_file_on_the_pushed_ref(git_repo, plain_pushing, how):
    """The plain hook ran forbid-env-files with FROM=TO=HEAD, which made
    the checked-out branch the exclude list: ``git push origin main`` with
    a committed ``.env`` passed; and with HEAD unborn it did not run."""
    env = plain_pushing
    if how != 'checked-out':
        git(git_repo, 'checkout', '-q', '-b', 'topic')
    adding = _commit_env(git_repo)
    ref = 'main' if how == 'checked-out' else 'topic'
    if how == 'unborn-head':
        git(git_repo, 'checkout', '-q', '--orphan', 'fresh')
        git(git_repo, 'rm', '-q', '-r', '--cached', '.')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', ref)
    assert rc == 1, out
    assert f'.env: env file in pushed commit {adding[:12]}' in out, out
    assert git(git_repo, 'ls-remote', 'origin', f'refs/heads/{ref}') == '' or ref == 'main'
    assert adding not in git(git_repo, 'ls-remote', 'origin')


def test_the_plain_hook_passes_a_clean_push_after_an_env_push_elsewhere(git_repo, plain_pushing):
    """A clean commit on main passes; a templates-only push passes too."""
    env = plain_pushing
    write(git_repo, 'b.py', 'y = 2\n')
    write(git_repo, '.env.example', 'SETTING=placeholder\n')
    git(git_repo, 'add', '-f', 'b.py', '.env.example')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'clean')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main', 'main:refs/heads/other')
    assert rc == 0, out


def _tree_holding(repo, name: str, text: str) -> str:
    import subprocess

    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(str(repo), '.git', 'tree-index'))
    subprocess.run(('git', 'read-tree', 'HEAD'), cwd=repo, env=env, check=True)
    sha = subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=repo, env=env, input=text,
                         check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run(('git', 'update-index', '--add', '--cacheinfo', f'100644,{sha},{name}'),
                   cwd=repo, env=env, check=True)
    return subprocess.run(('git', 'write-tree'), cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_the_plain_hook_reads_a_tree_tag(git_repo, plain_pushing, keys):
    """``git push origin <tree>:refs/tags/t`` failed every push (``--commits:
    <tree> is not a commit``), clean or not.  A clean tree passes; one with
    an env file or a key is refused."""
    env = plain_pushing
    clean = git(git_repo, 'write-tree').strip()
    rc, out = run(git_repo, env, 'git', 'push', 'origin', f'{clean}:refs/tags/t0')
    assert rc == 0, out
    fresh = _tree_holding(git_repo, 'b.py', 'y = 2\n')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', f'{fresh}:refs/tags/t1')
    assert rc == 0, out
    with_env = _tree_holding(git_repo, '.env', 'LOCAL_SETTING=1\n')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', f'{with_env}:refs/tags/t2')
    assert rc == 1 and '.env: env file in the tree' in out, out
    key = keys()
    with_key = _tree_holding(git_repo, 'k.py', f'K = "{key}"\n')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', f'{with_key}:refs/tags/t3')
    assert rc == 1 and hash_secret(key) in out and key not in out, out
    git(git_repo, 'tag', '-a', 'snap', '-m', 'snapshot', with_key)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'snap')
    assert rc == 1 and hash_secret(key) in out, out
    remote = git(git_repo, 'ls-remote', 'origin')
    assert 'refs/tags/t2' not in remote and 'refs/tags/t3' not in remote and 'snap' not in remote


def test_the_plain_hook_names_an_env_file_once_for_a_push_of_many_refs(git_repo, plain_pushing):
    """The plain hook runs forbid-env-files once per pushed ref, and each
    run reads every commit the remote lacks: ``git push origin main topic
    topic2`` with one committed ``.env`` printed its message three times.
    One line per file, whatever the number of refs."""
    env = plain_pushing
    adding = _commit_env(git_repo)
    git(git_repo, 'branch', 'topic')
    git(git_repo, 'branch', 'topic2')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main', 'topic', 'topic2')
    assert rc == 1, out
    assert out.count(f'.env: env file in pushed commit {adding[:12]}') == 1, out
    assert adding not in git(git_repo, 'ls-remote', 'origin')
