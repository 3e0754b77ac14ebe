"""Session 32's adversarial review (review32) of the changes merged this
session: a pre-push from a partial clone skips the blobs the
destination's remote-tracking branches hold, and those branches must be
the destination's own (not a fetch URL's, when the push goes elsewhere).
"""
from __future__ import annotations

import random

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.gate_partial_clone_test import _missing
from tests.gate_partial_clone_test import partial_clone_of_dev
from tests.gitplay import commit
from tests.keys import make_key


def _partial_clone_with_merged_key(git_repo, tmp_path, rng, fork=None):
    """A partial clone of ``git_repo`` that merged ``origin/dev``, whose
    first commit holds a key the clone never fetched; a clean commit on
    top.  ``fork``: a bare repository given the clone's ``main`` before
    the merge (it has the root commit, not dev).  Returns (clone, the
    old key)."""
    old = make_key(rng)
    clone = partial_clone_of_dev(git_repo, tmp_path, old)
    if fork is not None:
        git(clone, 'push', '-q', f'file://{fork}', 'main')
    git(clone, 'merge', '-q', '--no-edit', 'origin/dev')
    (clone / 'app.py').write_text('KEY = os.environ["TOGETHER_API_KEY"]\n')
    commit(clone, 'clean')
    assert _missing(clone) >= 1  # dev 1's blob: never fetched
    git(git_repo, 'checkout', '-q', '--detach')  # the remote's main can move
    return clone, old


# How the push is sent somewhere origin's tracking branches do not describe.
_ELSEWHERE = {
    'pushurl': lambda clone, origin, fork: git(
        clone, 'remote', 'set-url', '--push', 'origin', f'file://{fork}'),
    'pushInsteadOf': lambda clone, origin, fork: git(
        clone, 'config', f'url.file://{fork}.pushInsteadOf', f'file://{origin}'),
    # git fetches from a remote's first url and pushes to every one.
    'second-url': lambda clone, origin, fork: git(
        clone, 'remote', 'set-url', '--add', 'origin', f'file://{fork}'),
}


@pytest.mark.parametrize('how', sorted(_ELSEWHERE))
def test_a_partial_clone_push_whose_push_url_is_elsewhere_fails_closed(git_repo, tmp_path, how):
    """``remote.origin.pushurl`` (fetch upstream, push to a fork),
    ``url.<fork>.pushInsteadOf``, or a second ``remote.origin.url`` (git
    fetches from the first, pushes to all): ``git push origin`` goes to a repository
    ``refs/remotes/origin/*`` do not describe (they are the fetch URL's).
    Before, the blobs those branches hold counted as ones the destination
    has, so the scan passed and git fetched the merged branch's key blob
    to send it to the fork, unscanned.  Now the destination is unknown
    there, every blob the clone lacks counts as sent: one line, exit 2,
    nothing fetched, nothing pushed."""
    from tests.gitplay import bare
    from tests.gitplay import clean_env
    from tests.gitplay import run as run_git

    fork = bare(tmp_path / 'fork.git')
    clone, old = _partial_clone_with_merged_key(
        git_repo, tmp_path, random.Random(f'review32-{how}'), fork)
    lacked = _missing(clone)
    before = git(fork, 'rev-parse', 'main')
    _ELSEWHERE[how](clone, git_repo, fork)
    rc, out = run_git(clone, clean_env(), 'git', 'push', 'origin', 'HEAD:main')
    ours = [line for line in out.splitlines() if line.startswith('together-hooks: error:')]
    assert rc != 0, out
    # git runs the hook once per URL it pushes to: one line each.
    assert len(ours) == (2 if how == 'second-url' else 1), out
    assert all('partial clone' in line and 'dev.txt' in line for line in ours), out
    assert 'Traceback' not in out
    assert git(fork, 'rev-parse', 'main') == before  # nothing reached the fork
    assert _missing(clone) == lacked  # nothing was fetched
    assert leaked([old], out) == []


def test_a_partial_clone_push_whose_push_url_is_its_fetch_url_passes(git_repo, tmp_path):
    """The decoy: a push URL written out but equal to the fetch URL (and a
    pushInsteadOf that does not apply to it) is the same repository, so the
    clean push passes as before, with nothing fetched."""
    from tests.gitplay import clean_env
    from tests.gitplay import run as run_git

    clone, old = _partial_clone_with_merged_key(git_repo, tmp_path, random.Random('review32-same'))
    lacked = _missing(clone)
    git(clone, 'remote', 'set-url', '--push', 'origin', f'file://{git_repo}')
    git(clone, 'config', f'url.file://{tmp_path}/elsewhere.git.pushInsteadOf', 'file:///nowhere')
    rc, out = run_git(clone, clean_env(), 'git', 'push', 'origin', 'HEAD:main')
    assert rc == 0, out
    assert git(git_repo, 'rev-parse', 'main').strip() == git(clone, 'rev-parse', 'HEAD').strip()
    assert _missing(clone) == lacked
    assert leaked([old], out) == []


def _repo_moving_its_baseline(root, key_or_none):
    """``main`` names ``old.baseline``, which holds a merge's conflict
    markers (not JSON); the branch ``pr`` names ``new.baseline`` instead
    (an empty, valid one) and leaves the old file, adding ``a.py``."""
    import json

    from tests.conftest import write

    git(root, 'init', '-q', '-b', 'main')
    git(root, 'config', 'user.email', 'dev@example.com')
    git(root, 'config', 'user.name', 'Dev')
    write(root, '.together-hooks.toml', 'baseline = "old.baseline"\n')
    write(root, 'old.baseline', '<<<<<<< HEAD\n{"results": {}}\n=======\n>>>>>>> other\n')
    commit(root, 'base')
    git(root, 'checkout', '-q', '-b', 'pr')
    write(root, '.together-hooks.toml', 'baseline = "new.baseline"\n')
    write(root, 'new.baseline', json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {}}) + '\n')
    write(root, 'a.py', f'KEY = "{key_or_none}"\n' if key_or_none else 'KEY = None\n')
    commit(root, 'pr')


@pytest.mark.parametrize('with_key', [True, False])
def test_a_range_mending_the_baseline_its_base_names_is_judged_not_refused(tmp_path, with_key):
    """A base whose config names a baseline that cannot be read (conflict
    markers in it) refused every range that changed the config, with
    exit 2: the pull request naming a sound baseline instead could not
    pass, though a base whose config cannot be read is promised to excuse
    nothing rather than refuse.  Now such a baseline excuses nothing, as
    that config: the range's key is found (exit 1), a clean range passes
    (exit 0), and the note says why."""
    from tests.cli_run import scan_in_process
    from together_hooks.findings import hash_secret

    key = make_key(random.Random('review32-baseline')) if with_key else None
    _repo_moving_its_baseline(tmp_path, key)
    result = scan_in_process('--diff', 'main...HEAD', '--format', 'json', cwd=tmp_path)
    assert 'Traceback' not in result.err
    notes = [line for line in result.err.splitlines() if 'note:' in line]
    assert len(notes) == 1 and 'old.baseline' in notes[0] and 'excuses nothing' in notes[0], result.err
    if with_key:
        assert result.rc == 1, result.err
        assert [f['hashed_secret'] for f in result.json()['findings']] == [hash_secret(key)]
        assert leaked([key], result.out, result.err) == []
    else:
        assert result.rc == 0, result.err


@pytest.mark.parametrize('pushed_to', ['fork', 'origin'])
def test_a_remote_name_left_in_the_environment_is_not_the_destination(git_repo, tmp_path, pushed_to):
    """``PRE_COMMIT_REMOTE_NAME=origin`` left in the shell (a hook tried by
    hand) while the plain hook runs ``git push fork``: the variable named
    the destination, so the blobs ``origin``'s branches hold were skipped
    and git fetched the merged branch's key blob to send it to the fork,
    unscanned.  Now the ``git push`` seen running decides, and a variable
    naming another remote leaves the destination unknown (fail closed).
    The decoy: the variable naming the remote pushed to, ``origin``, which
    holds the blob: the clean push passes, nothing fetched."""
    from tests.gitplay import bare
    from tests.gitplay import clean_env
    from tests.gitplay import run as run_git

    fork = bare(tmp_path / 'fork.git')
    clone, old = _partial_clone_with_merged_key(
        git_repo, tmp_path, random.Random(f'review32-stale-{pushed_to}'), fork)
    git(clone, 'remote', 'add', 'fork', f'file://{fork}')
    lacked = _missing(clone)
    before = git(fork, 'rev-parse', 'main')
    env = {**clean_env(), 'PRE_COMMIT_REMOTE_NAME': 'origin'}
    rc, out = run_git(clone, env, 'git', 'push', pushed_to, 'HEAD:main')
    assert 'Traceback' not in out
    assert _missing(clone) == lacked
    assert leaked([old], out) == []
    if pushed_to == 'origin':
        assert rc == 0, out
        assert git(git_repo, 'rev-parse', 'main').strip() == git(clone, 'rev-parse', 'HEAD').strip()
        return
    ours = [line for line in out.splitlines() if line.startswith('together-hooks: error:')]
    assert rc != 0, out
    assert len(ours) == 1 and 'partial clone' in ours[0] and 'dev.txt' in ours[0], out
    assert git(fork, 'rev-parse', 'main') == before  # nothing reached the fork
