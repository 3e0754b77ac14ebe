"""The pre-push stage against every ref a push can carry.

pre-commit hands its pre-push hooks the first pushed ref only (and runs
them not at all when no pushed ref brings a commit): tags, tags on blobs
or trees, a second ref in one push must not slip past the hook.  Real
repositories, a real bare remote, the real pre-commit installed as users
install it.
"""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import _main_pushed
from tests.gate_range_test import main_pushed  # noqa: F401 (a fixture)
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from tests.once import once
from together_hooks.findings import hash_secret


def _push(repo, env, *args: str) -> tuple[int, str]:
    return run(repo, env, 'git', 'push', 'origin', *args)


def _options_remote(repo, env, *branches: str) -> str:
    """origin's path (``main`` pushed to it: ``main_pushed``), set to
    advertise push options, with main pushed to each of ``branches``
    (setup, past the hooks: a push of a commit the remote has)."""
    remote = git(repo, 'remote', 'get-url', 'origin').strip()
    git(remote, 'config', 'receive.advertisePushOptions', 'true')
    for branch in branches:
        rc, out = _push(repo, env, '--no-verify', f'main:refs/heads/{branch}')
        assert rc == 0, out
    return remote


def _remote_refs(repo) -> str:
    return git(repo, 'ls-remote', 'origin')


def _off_branch_commit(repo, key: str, path: str = 'k.py') -> str:
    """A commit adding ``key`` that only a tag will hold."""
    git(repo, 'checkout', '-q', '-b', 'side')
    write(repo, path, f'K = "{key}"\n')
    sha = commit(repo, 'key')
    git(repo, 'checkout', '-q', 'main')
    git(repo, 'branch', '-q', '-D', 'side')
    return sha


def _plain_hook(repo, name: str = 'pre-push') -> None:
    """examples/pre-push.md's plain hook as ``.git/hooks/<name>``."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(here, 'examples', 'pre-push.md'), encoding='utf-8') as f:
        script = f.read().split('```sh\n#!/bin/sh\n', 1)[1].split('```', 1)[0]
    hook = repo / '.git' / 'hooks' / name
    hook.write_text('#!/bin/sh\n' + script)
    hook.chmod(0o755)


def test_push_tags_with_a_branch_scans_the_tagged_commit(git_repo, keys, main_pushed):
    """``git push origin main --tags``: pre-commit describes ``main``; the
    tag's commit, on no branch, is pushed too."""
    key = keys()
    pushing = main_pushed
    tagged = _off_branch_commit(git_repo, key)
    git(git_repo, 'tag', 'v1', tagged)
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, 'main', '--tags')
    assert rc != 0, out
    assert hash_secret(key) in out and tagged[:12] in out
    assert 'refs/tags/v1' not in _remote_refs(git_repo)


def test_push_of_an_annotated_tag_alone(git_repo, keys, main_pushed):
    key = keys()
    pushing = main_pushed
    tagged = _off_branch_commit(git_repo, key)
    git(git_repo, 'tag', '-a', '-m', 'release', 'v1', tagged)
    rc, out = _push(git_repo, pushing, '--tags')
    assert rc != 0, out
    assert hash_secret(key) in out
    assert 'refs/tags/v1' not in _remote_refs(git_repo)


def _blob(repo, text: str) -> str:
    return subprocess.run(
        ('git', 'hash-object', '-w', '--stdin'), cwd=repo, check=True,
        capture_output=True, input=text.encode(),
    ).stdout.decode().strip()


def test_tags_on_blobs_and_trees_and_tag_messages_ride_with_a_branch(git_repo, keys, main_pushed):
    """Objects no commit reaches, and an annotated tag's message, pushed
    along with a branch that brings a commit."""
    made = {name: keys() for name in ('blob', 'tree', 'message', 'name')}
    pushing = main_pushed
    git(git_repo, 'tag', 'on-blob', _blob(git_repo, f'K = "{made["blob"]}"\n'))
    tree = subprocess.run(
        ('git', 'mktree'), cwd=git_repo, check=True, capture_output=True, text=True,
        input=f'100644 blob {_blob(git_repo, "T = " + repr(made["tree"]) + chr(10))}\tdeep.py\n',
    ).stdout.strip()
    git(git_repo, 'tag', '-a', '-m', 'tree', 'on-tree', tree)
    git(git_repo, 'tag', '-a', '-m', f'release {made["message"]}', 'v2', 'main')
    git(git_repo, 'tag', f'k/{made["name"]}', 'main')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, 'main', '--tags')
    assert rc != 0, out
    for name, key in made.items():
        assert hash_secret(key) in out, name
    assert 'refs/tags' not in _remote_refs(git_repo)


def test_a_clean_tag_push_passes(git_repo, keys, main_pushed):
    pushing = main_pushed
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'c.py', 'z = 3\n')
    sha = commit(git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'tag', '-a', '-m', 'fine', 'v1', sha)
    rc, out = _push(git_repo, pushing, 'main', '--tags')
    assert rc == 0, out
    assert 'refs/tags/v1' in _remote_refs(git_repo)


def test_a_push_is_reported_once_whatever_the_batches(git_repo, keys, main_pushed):
    """pre-commit splits many files into batches, one hook process each
    (in parallel): every key is still reported once, whichever batch has
    its file, and what belongs to no file (a commit message, a path's
    name, a file added and deleted again) by one batch only."""
    in_file, in_message, in_name, gone = keys(), keys(), keys(), keys()
    pushing = main_pushed
    for i in range(40):
        write(git_repo, f'm{i:02}.py', f'n = {i}\n')
    write(git_repo, 'm17.py', f'K = "{in_file}"\n')
    write(git_repo, f'dir/{in_name}/x.py', 'x = 0\n')
    write(git_repo, 'gone.py', f'G = "{gone}"\n')
    commit(git_repo, f'add {in_message}')
    os.remove(git_repo / 'gone.py')
    commit(git_repo, 'drop')
    rc, out = _push(git_repo, pushing, 'main')
    assert rc != 0, out
    for key in (in_file, in_message, in_name, gone):
        assert out.count(f'(hashed_secret {hash_secret(key)})') == 1, out


def test_notes_and_a_detached_commit_ride_with_a_branch(git_repo, keys, main_pushed):
    """``git push origin main refs/notes/commits`` and ``git push origin
    main HEAD:refs/heads/x`` from a detached HEAD: refs beside branches
    and tags."""
    in_note, detached = keys(), keys()
    pushing = main_pushed
    git(git_repo, 'notes', 'add', '-m', f'note {in_note}', 'HEAD')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '--detach')
    write(git_repo, 'd.py', f'D = "{detached}"\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, 'main', 'refs/notes/commits', 'HEAD:refs/heads/x')
    assert rc != 0, out
    assert hash_secret(in_note) in out and hash_secret(detached) in out
    assert 'refs/notes' not in _remote_refs(git_repo)


def test_a_new_tag_on_a_pushed_commit_and_the_plain_hook_beside_pre_commit(
        git_repo, keys, main_pushed, tmp_path):
    """A push that brings no commit (an annotated tag on a commit the
    remote has) runs no pre-commit pre-push hook at all: pre-commit finds
    nothing new and skips.  It still runs ``.git/hooks/pre-push.legacy``
    on every push, and the plain hook of examples/pre-push.md there
    refuses the tag's message."""
    key = keys()
    pushing = main_pushed
    sha = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'remote', 'set-head', 'origin', '--auto')
    git(git_repo, 'tag', '-a', '-m', f'release notes TOGETHER_API_KEY={key}', 'v1', sha)
    rc, out = _push(git_repo, pushing, '--dry-run', 'v1')
    assert rc == 0 and 'Passed' not in out and 'Failed' not in out, out  # pre-commit skips
    _plain_hook(git_repo, 'pre-push.legacy')
    rc, out = _push(git_repo, pushing, 'v1')
    assert rc != 0, out
    assert hash_secret(key) in out and '<tag message>' in out
    assert 'refs/tags/v1' not in _remote_refs(git_repo)
    # A clean tag still goes through both.
    git(git_repo, 'tag', '-a', '-m', 'release notes', 'v2', sha)
    rc, out = _push(git_repo, pushing, 'v2')
    assert rc == 0, out
    assert 'refs/tags/v2' in _remote_refs(git_repo)


def test_push_of_a_branch_whose_file_is_a_folder_in_the_work_tree(git_repo, keys, main_pushed):
    """``git push origin feat`` while ``main`` is checked out, where the
    path ``feat`` keys is a folder: pre-commit passes no folder to a hook
    (``types_or: [file, symlink]``), so no filter of the user's left it
    out, and it is scanned."""
    key = keys()
    pushing = main_pushed
    git(git_repo, 'checkout', '-q', '-b', 'feat')
    write(git_repo, 'cfg', f'K = "{key}"\n')
    adding = commit(git_repo, 'key')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'cfg/x.py', 'x = 1\n')
    commit(git_repo, 'folder')
    rc, out = _push(git_repo, pushing, 'feat')
    assert rc != 0, out
    assert hash_secret(key) in out and adding[:12] in out
    assert 'refs/heads/feat' not in _remote_refs(git_repo)


def test_push_of_a_key_whose_file_a_later_commit_renames(git_repo, keys, pushing):
    """``feat`` adds a key to ``a.py``, then moves ``a.py`` to ``b.py``
    without it; pushed while ``main`` (which has ``a.py``) is checked out.
    pre-commit's diff follows the rename and offers only ``b.py``: ``a.py``
    was never offered, so no filter of the user's left it out."""
    key = keys()
    write(git_repo, 'a.py', ''.join(f'x{i} = {i}\n' for i in range(40)))
    commit(git_repo)
    assert _push(git_repo, pushing, '--no-verify', 'main')[0] == 0  # setup: main on the remote
    git(git_repo, 'checkout', '-q', '-b', 'feat')
    with open(git_repo / 'a.py', 'a') as f:
        f.write(f'K = "{key}"\n')
    adding = commit(git_repo, 'key')
    write(git_repo, 'a.py', ''.join(f'x{i} = {i}\n' for i in range(40)))
    git(git_repo, 'mv', 'a.py', 'b.py')
    commit(git_repo, 'move')
    git(git_repo, 'checkout', '-q', 'main')
    rc, out = _push(git_repo, pushing, 'feat')
    assert rc != 0, out
    assert hash_secret(key) in out and adding[:12] in out
    assert 'refs/heads/feat' not in _remote_refs(git_repo)


def test_mirror_push_sends_the_stash_and_other_remotes_refs(git_repo, keys, main_pushed, tmp_path):
    """``git push --mirror`` sends every ref: the stash and another
    remote's tracking refs too, which an ordinary push never does."""
    stashed, fetched = keys(), keys()
    pushing = main_pushed
    other = bare(tmp_path / 'other.git')
    git(git_repo, 'remote', 'add', 'other', other)
    git(git_repo, 'checkout', '-q', '-b', 'theirs')
    write(git_repo, 'k.py', f'K = "{fetched}"\n')
    commit(git_repo, 'key')
    git(git_repo, 'push', '-q', '--no-verify', 'other', 'theirs')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'branch', '-q', '-D', 'theirs')
    write(git_repo, 'a.py', f'x = "{stashed}"\n')
    git(git_repo, 'stash', '-q')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, '--mirror')
    assert rc != 0, out
    assert hash_secret(stashed) in out and hash_secret(fetched) in out
    assert 'refs/stash' not in _remote_refs(git_repo)


def test_ordinary_push_is_not_held_up_by_the_stash(git_repo, keys, main_pushed):
    stashed = keys()
    pushing = main_pushed
    write(git_repo, 'a.py', f'x = "{stashed}"\n')
    git(git_repo, 'stash', '-q')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, 'main')
    assert rc == 0, out


@pytest.mark.parametrize('second', ('sha', 'other-remote', 'glob'))
def test_a_later_ref_naming_a_commit_no_local_ref_reaches(git_repo, keys, main_pushed, tmp_path, second):
    """``git push origin main <src>:refs/heads/x``: pre-commit describes
    only ``main``; ``<src>`` (a commit on no branch, another remote's
    tracking ref, a glob over them) is read from the ``git push`` itself."""
    key = keys()
    pushing = main_pushed
    git(git_repo, 'remote', 'add', 'other', bare(tmp_path / 'other.git'))
    git(git_repo, 'checkout', '-q', '-b', 'theirs')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    adding = commit(git_repo, 'key')
    git(git_repo, 'push', '-q', '--no-verify', 'other', 'theirs')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'branch', '-q', '-D', 'theirs')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    spec = {
        'sha': f'{adding}:refs/heads/x', 'other-remote': 'other/theirs:refs/heads/x',
        'glob': 'refs/remotes/other/*:refs/heads/*',
    }[second]
    rc, out = _push(git_repo, pushing, 'main', spec)
    assert rc != 0, out
    assert hash_secret(key) in out and adding[:12] in out
    assert adding not in _remote_refs(git_repo)


@pytest.mark.parametrize('unseen', ('no-proc', 'no-git-push'))
def test_where_the_git_push_cannot_be_seen_every_ref_is_scanned(
        git_repo, keys, main_pushed, tmp_path, monkeypatch, unseen,
):
    """``git push origin main upstream/theirs:refs/heads/x`` where the
    hook cannot read that ``git push`` (no ``/proc``: macOS, a container;
    or no ``git push`` among its ancestors: a git alias, a wrapper): the
    later refspec is unknown, so every ref is scanned, another remote's
    tracking ref too, and its key is found (the hook is called here, in
    this process, with what pre-commit would tell it)."""
    from together_hooks.pipeline import Scanner
    from together_hooks.sources import commits

    key = keys()
    base = git(git_repo, 'rev-parse', 'HEAD').strip()  # main, pushed (main_pushed)
    git(git_repo, 'remote', 'add', 'upstream', bare(tmp_path / 'upstream.git'))
    git(git_repo, 'checkout', '-q', '-b', 'theirs')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo, 'key')
    git(git_repo, 'push', '-q', '--no-verify', 'upstream', 'theirs')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'branch', '-q', '-D', 'theirs')
    write(git_repo, 'b.py', 'y = 2\n')
    head = commit(git_repo)
    if unseen == 'no-proc':
        from together_hooks import proc

        monkeypatch.setattr(proc, 'PROC', str(tmp_path / 'no-proc'))
    environ = {
        'PRE_COMMIT_FROM_REF': base, 'PRE_COMMIT_TO_REF': head,
        'PRE_COMMIT_REMOTE_NAME': 'origin',
    }
    scanner = Scanner()
    contents = commits.pushed(str(git_repo), environ, ['b.py'], scanner.scan_one)
    assert contents is not None
    found = {f.hashed_secret for c in contents for f in scanner.scan_one(c)}
    assert found == {hash_secret(key)}


_OPTION_FORMS = (('-o', '{}'), ('--push-option={}',), ('--push-option', '{}'), ('-o{}',), ('--push-opt={}',))


@pytest.fixture(scope='module')
def option_pushes(tmp_path_factory, repo_templates, git_repo_template):
    """``git push <every form of _OPTION_FORMS, each with a key of its own>
    origin main`` after ``main_pushed`` (one real push through the real
    pre-commit, not one a form), then ``push.pushOption`` set to another
    key and a push with no ``-o`` (git sends the configured option only
    then): for each push its keys, exit code, output and whether
    ``origin``'s main moved.  Once a run (tests/once.py)."""
    import random
    import shutil

    from tests.keys import make_key

    def build() -> dict[str, dict[str, object]]:
        rng = random.Random('gate_push_test.option_pushes')
        repo = tmp_path_factory.mktemp('push-options') / 'repo'
        shutil.copytree(git_repo_template, repo, symlinks=True)
        pushing = _main_pushed(repo, repo.parent / 'remote.git', repo_templates)
        remote = _options_remote(repo, pushing)
        write(repo, 'b.py', 'y = 2\n')
        commit(repo)
        before = git(remote, 'rev-parse', 'main').strip()
        made: dict[str, dict[str, object]] = {}
        keys = [make_key(rng) for _ in _OPTION_FORMS]
        args = [a.format(f'ci.variable=TOGETHER_API_KEY={key}') for how, key in zip(_OPTION_FORMS, keys) for a in how]
        rc, out = run(repo, pushing, 'git', 'push', *args, 'origin', 'main')
        kept = git(remote, 'rev-parse', 'main').strip() == before
        made.update({' '.join(how): {'key': key, 'rc': rc, 'out': out, 'kept': kept}
                     for how, key in zip(_OPTION_FORMS, keys)})
        key = make_key(rng)
        git(repo, 'config', 'push.pushOption', f'ci.variable=TOGETHER_API_KEY={key}')
        rc, out = run(repo, pushing, 'git', 'push', 'origin', 'main')
        kept = git(remote, 'rev-parse', 'main').strip() == before
        made['config'] = {'key': key, 'rc': rc, 'out': out, 'kept': kept}
        return made
    return once(tmp_path_factory, 'gate-push-options', build)


@pytest.mark.parametrize('how', (*_OPTION_FORMS, ('config',)))
def test_a_key_in_a_push_option_is_refused(option_pushes, how):
    """``git push -o ci.variable=TOGETHER_API_KEY=<key>`` (GitLab turns it
    into a pipeline variable, stored and shown on the server) sends the
    option's text to the remote with the commits; so does each
    ``push.pushOption`` value when no ``-o`` is given.  Each form's key is
    found on a line of its own (option_pushes: one push carries them)."""
    done = option_pushes[' '.join(how)]
    key, out = done['key'], done['out']
    assert done['rc'] != 0, out
    assert [ln for ln in out.splitlines() if hash_secret(key) in ln and '<push option>' in ln], out
    assert done['kept']
    assert leaked([d['key'] for d in option_pushes.values()], out) == []


def test_a_clean_push_option_passes(git_repo, keys, main_pushed):
    pushing = main_pushed
    _options_remote(git_repo, pushing)
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', '-o', 'ci.skip', 'origin', 'main')
    assert rc == 0, out


def test_the_plain_hook_refuses_a_key_in_a_push_option(git_repo, keys, main_pushed):
    """examples/pre-push.md's plain hook (``scan --diff``) reads the
    ``git push`` it runs under for its push options; the same scan in a
    CI job (no ``git push``) has none."""
    key = keys()
    pushing = main_pushed
    _options_remote(git_repo, pushing)
    _plain_hook(git_repo)
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, pushing, '-o', f'TOGETHER_API_KEY={key}', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push option>' in out, out
    rc, out = run(git_repo, pushing, 'together-hooks', 'scan', '--diff', 'HEAD~1...HEAD')
    assert rc == 0, out


@pytest.mark.parametrize('hook', ('pre-push', 'pre-push.legacy'))
def test_a_key_in_a_push_option_of_a_push_that_only_deletes(git_repo, keys, main_pushed, hook):
    """git sends push options with a push that only deletes; pre-commit
    then runs none of its hooks, and the plain hook skipped every line.
    It now scans the options of such a push too, alone or as
    pre-commit's ``pre-push.legacy``."""
    key = keys()
    pushing = main_pushed
    _options_remote(git_repo, pushing, 'old')
    _plain_hook(git_repo, hook)
    rc, out = _push(git_repo, pushing, '-o', f'TOGETHER_API_KEY={key}', ':old')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push option>' in out, out
    assert 'refs/heads/old' in _remote_refs(git_repo)
    rc, out = _push(git_repo, pushing, '-o', 'ci.skip', ':old')
    assert rc == 0, out
    assert 'refs/heads/old' not in _remote_refs(git_repo)


@pytest.mark.parametrize('hook', ('pre-push', 'pre-push.legacy'))
def test_a_key_in_a_ref_name_of_a_push_that_brings_no_commit(git_repo, keys, main_pushed, hook):
    """The plain hook scanned commits only: a branch or tag named with a
    key, on a commit the remote has, reached the remote (where ref names
    are listed, mailed and shown); pre-commit runs no hook of its own for
    such a push.  It now scans the names the push may create."""
    key = keys()
    pushing = main_pushed
    _plain_hook(git_repo, hook)
    git(git_repo, 'remote', 'set-head', 'origin', '--auto')
    rc, out = _push(git_repo, pushing, f'main:refs/heads/wip/{key}')
    assert rc != 0, out
    assert hash_secret(key) in out and '<ref name>' in out, out
    git(git_repo, 'tag', f'rel/{key}')
    rc, out = _push(git_repo, pushing, f'rel/{key}')
    assert rc != 0, out
    assert hash_secret(key) in out and '<ref name>' in out, out
    assert key not in _remote_refs(git_repo)
    git(git_repo, 'tag', '-d', f'rel/{key}')
    rc, out = _push(git_repo, pushing, 'main:refs/heads/wip/clean')
    assert rc == 0, out


def _lib_pushed(repo, tmp_path, repo_templates) -> tuple[dict[str, str], str]:
    """``main_pushed``, then a submodule ``lib`` (its own bare upstream,
    one commit) added and pushed through the hook: built once a session
    (tests/gitplay.Templates.pushed, the upstream beside the template);
    each test has its own copies of the repository, of ``origin`` and of
    the submodule's upstream (``tmp_path / 'lib.git'``, the submodule's
    ``origin`` pointed at it).  The hooks' environment and the upstream."""
    import shutil

    from tests.gitplay import install
    from tests.gitplay import local_hooks_config
    from tests.gitplay import manifest

    name = 'gate-push-lib-pushed'
    made_upstream = repo_templates.root / f'{name}.lib.git'

    def build(made):
        env = repo_templates.env
        write(made, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys')), stages='pre-push'))
        install(made, env)
        write(made, 'a.py', 'x = 1\n')
        commit(made)
        rc, out = _push(made, env, 'main')
        assert rc == 0, out
        seed = repo_templates.root / f'{name}.seed'
        for old in (made_upstream, seed):  # a build that failed half-way
            shutil.rmtree(old, ignore_errors=True)
        upstream = bare(made_upstream)
        git(repo_templates.root, 'clone', '-q', upstream, str(seed))
        write(seed, 'lib.py', 'x = 1\n')
        commit(seed)
        git(seed, 'push', '-q', 'origin', 'HEAD:main')
        git(made, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', upstream, 'lib')
        commit(made, 'lib')
        rc, out = _push(made, env, 'main')
        assert rc == 0, out
    env = repo_templates.pushed(repo, tmp_path / 'remote.git', name, build)
    upstream = tmp_path / 'lib.git'
    shutil.copytree(made_upstream, upstream, symlinks=True)
    git(repo / 'lib', 'remote', 'set-url', 'origin', str(upstream))
    git(repo, 'config', 'submodule.lib.url', str(upstream))
    return env, str(upstream)


@pytest.mark.parametrize('how', ('on-demand', 'config', 'plain hook'))
def test_a_key_in_a_submodule_commit_the_push_sends_too(git_repo, keys, tmp_path, repo_templates, how):
    """``git push --recurse-submodules=on-demand`` (or
    ``push.recurseSubmodules``) first pushes, from the submodule, the
    commits a pushed gitlink names; no hook of the submodule's runs (nobody
    installs one there).  The superproject's hook scans them: the commits
    of the submodule's refs and of each pushed gitlink that the
    submodule's remote-tracking refs do not have."""
    key = keys()
    pushing, upstream = _lib_pushed(git_repo, tmp_path, repo_templates)
    file_ok = ('-c', 'protocol.file.allow=always')
    sub = git_repo / 'lib'
    git(sub, 'config', 'user.email', 'a@b.c')
    git(sub, 'config', 'user.name', 'a')
    write(sub, 'k.py', f'K = "{key}"\n')
    commit(sub, 'key')
    write(sub, 'k.py', 'K = None\n')
    commit(sub, 'no key')
    commit(git_repo, 'bump lib')
    before = git(upstream, 'rev-parse', 'main').strip()
    if how == 'plain hook':
        _plain_hook(git_repo)
    if how != 'on-demand':
        git(git_repo, 'config', 'push.recurseSubmodules', 'on-demand')
        args: tuple[str, ...] = ()
    else:
        args = ('--recurse-submodules=on-demand',)
    rc, out = run(git_repo, pushing, 'git', *file_ok, 'push', *args, 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(key) in out and 'lib/k.py' in out, out
    assert git(upstream, 'rev-parse', 'main').strip() == before
    # Once the submodule's history is clean, both go.
    git(git_repo, 'reset', '-q', 'HEAD~1')
    git(sub, 'reset', '-q', '--hard', 'HEAD~2')
    write(sub, 'ok.py', 'y = 2\n')
    commit(sub, 'clean')
    commit(git_repo, 'bump lib again')
    rc, out = run(git_repo, pushing, 'git', *file_ok, 'push', *args, 'origin', 'main')
    assert rc == 0, out
    assert git(upstream, 'rev-parse', 'main').strip() == git(sub, 'rev-parse', 'HEAD').strip()


def test_a_push_that_only_deletes_from_a_clone_with_no_commit(git_repo, keys, main_pushed, tmp_path):
    """A clone whose HEAD is unborn (``git init`` + ``git fetch``) deleting
    a remote branch: the plain hook's ``scan --diff HEAD...HEAD`` scans
    the push's options (exit 1 on a key, 0 when clean), where it stopped
    with "no commits yet" (exit 2) whatever the push sent."""
    key = keys()
    pushing = main_pushed
    remote = _options_remote(git_repo, pushing, 'old')
    fresh = tmp_path / 'fresh'
    git(tmp_path, 'init', '-q', '-b', 'main', str(fresh))
    git(fresh, 'remote', 'add', 'origin', remote)
    git(fresh, 'fetch', '-q', 'origin')
    _plain_hook(fresh)
    rc, out = _push(fresh, pushing, '-o', f'TOGETHER_API_KEY={key}', ':old')
    assert rc != 0, out
    assert hash_secret(key) in out and '<push option>' in out, out
    assert 'no commits' not in out, out
    assert 'refs/heads/old' in _remote_refs(git_repo)
    rc, out = _push(fresh, pushing, '-o', 'ci.skip', ':old')
    assert rc == 0, out
    assert 'refs/heads/old' not in _remote_refs(git_repo)


def test_a_commit_on_no_local_ref_pushed_into_an_empty_remote(git_repo, keys, pushing):
    """`git push origin <sha>:refs/heads/main`, the commit on no local ref,
    the remote empty: what is pushed is the sha's commits, not a branch's."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    key = keys()
    write(git_repo, 'k.py', f'K = "{key}"\n')
    sha = commit(git_repo, 'key')
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    git(git_repo, 'reflog', 'expire', '--expire=now', '--all')
    rc, out = _push(git_repo, pushing, f'{sha}:refs/heads/main')
    assert rc != 0 and hash_secret(key) in out, out
    assert 'refs/heads/main' not in _remote_refs(git_repo)


def test_submodules_nested_deeper_than_the_hook_follows_fail_closed(tmp_path, keys):
    """``git push --recurse-submodules=on-demand`` with
    ``push.recurseSubmodules`` set in each submodule pushes nested
    submodules' commits at any depth; the pre-push hook read them down to
    its nesting limit (``commits._MAX_NESTING``) and stopped there without
    a word: a key in a submodule nested one deeper went out with "no
    Together keys".  Past the limit the hook now refuses in one line
    (exit 2), and pushes nothing; real git, the plain hook, 10 levels."""
    from together_hooks.sources.commits import _MAX_NESTING

    key = keys()
    depth = _MAX_NESTING + 2
    file_ok = ('-c', 'protocol.file.allow=always')
    for level in range(depth, -1, -1):  # each level a bare remote and a seed holding the next
        remote = bare(tmp_path / f'b{level}')
        seed = tmp_path / f'seed{level}'
        git(tmp_path, 'clone', '-q', remote, str(seed))
        write(seed, f'f{level}.txt', f'{level}\n')
        git(seed, 'add', '.')
        if level < depth:
            git(seed, *file_ok, 'submodule', 'add', '-q', str(tmp_path / f'b{level + 1}'), 's')
        commit(seed, f'level {level}')
        git(seed, 'push', '-q', 'origin', 'HEAD:main')
    top = tmp_path / 'top'
    git(tmp_path, *file_ok, 'clone', '-q', '--recursive', str(tmp_path / 'b0'), str(top))
    levels = [top / os.path.join(*['s'] * n) if n else top for n in range(depth + 1)]
    for folder in levels:
        git(folder, 'checkout', '-q', '-B', 'main')
        git(folder, 'branch', '-q', '-u', 'origin/main')
        git(folder, 'config', 'push.recurseSubmodules', 'on-demand')
        git(folder, 'config', 'user.email', 'a@b.c')
        git(folder, 'config', 'user.name', 'a')
    write(levels[-1], 'k.py', f'K = "{key}"\n')
    commit(levels[-1], 'key')
    for folder in reversed(levels[:-1]):
        git(folder, 'add', 's')
        commit(folder, 'bump')
    before = git(tmp_path / f'b{depth}', 'rev-parse', 'main').strip()
    _plain_hook(top)
    rc, out = run(top, clean_env(), 'git', *file_ok, 'push', 'origin', 'main')
    assert rc != 0, out
    assert 'nested more than' in out and 'no Together keys' not in out, out
    assert key not in out and 'Traceback' not in out
    assert git(tmp_path / f'b{depth}', 'rev-parse', 'main').strip() == before
