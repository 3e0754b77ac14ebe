"""The gate probed again (session 35): hostile shapes gate_probe33 and 34
did not try, each through the real modes that must refuse it.

The machinery is ``tests/gate_stack.py``'s (the shared template with
pre-commit installed for the pre-commit, commit-msg and pre-push stages, a
bare ``origin`` with no hook and a bare ``gate`` running
examples/pre-receive), with its CI modes: ``github`` and ``gitlab`` run the
examples' scan steps as written, in a clone made as the service makes it.
``scan --history`` writes SARIF to a file (read for leaks too).

``MISSED``: strict xfails, with why; ``CLOSED``: refused with exit 2
(fail closed, one line, no key named); measured at 1c5f10cf.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import git
from tests.gate_stack import PUSHES
from tests.gate_stack import Ctx
from tests.gate_stack import Suite
from tests.gate_stack import judge
from tests.gitplay import bare

SUITE = Suite('gate35', history='sarif')
CASES = SUITE.cases
case = SUITE.case
FILLER = ''.join(f'row_{n} = {n}\n' for n in range(30))


def _mktree(c: Ctx, entries: str) -> str:
    return c.git('mktree', stdin=entries.encode()).strip()


def _clone(c: Ctx, name: str, *how: str) -> Path:
    """A clone of ``origin`` as a CI service makes it (``how``: its flags)."""
    where = c.root.parent / name
    c.git('clone', '-q', *how, f'file://{c.root.parent / "origin.git"}', str(where), cwd=c.root.parent)
    return where


# --- the CI gate: what BASE and HEAD can be ------------------------------------

@case('diff', 'history')
def diff_base_a_lightweight_tag(c: Ctx) -> None:
    """``scan --diff v35...HEAD``: BASE a lightweight tag on the landed base."""
    c.git('tag', 'v35', c.base)
    c.write('tagged35.py', c.line())
    c.commit('key after the tag')
    c.diff_range = 'v35...HEAD'  # type: ignore[attr-defined]


@case('diff')
def diff_base_an_annotated_tag(c: Ctx) -> None:
    """BASE an annotated tag (a tag object, peeled to its commit)."""
    c.git('tag', '-a', 'rel35', '-m', 'release', c.base)
    c.write('ann35.py', FILLER)
    c.commit('clean')
    c.write('ann35.py', FILLER + c.line())
    c.commit('key')
    c.diff_range = 'rel35...HEAD'  # type: ignore[attr-defined]


@case('diff', decoy=True)
def diff_base_a_tag_holding_the_key_already(c: Ctx) -> None:
    """Decoy: the key is in the tag's history; the range adds a clean commit."""
    c.write('old35.py', c.line())
    c.commit('key, before the release')
    c.git('tag', '-a', 'rel35d', '-m', 'release')
    c.write('later35.py', 'x = 1\n')
    c.commit('clean')
    c.diff_range = 'rel35d...HEAD'  # type: ignore[attr-defined]


def _criss_cross(c: Ctx, evil: bool) -> None:
    """Two branches each merging the other (two merge bases); BASE is one
    side's merge, HEAD the other's (its own merge holding the key, or a
    commit after it)."""
    for side in ('a35', 'b35'):
        c.git('checkout', '-q', '-b', side, c.base)
        c.write(f'{side}.py', f'{side} = 1\n')
        c.commit(side)
    a1, b1 = c.git('rev-parse', 'a35', 'b35').split()
    c.git('checkout', '-q', 'a35')
    c.git('merge', '-q', '--no-verify', '--no-edit', '--no-ff', b1)
    c.git('checkout', '-q', 'b35')
    c.git('merge', '-q', '--no-verify', '--no-ff', '--no-commit', a1)
    if evil:
        c.write('cross35.py', c.line())
        c.git('add', 'cross35.py')
    c.git('commit', '-q', '--no-verify', '--no-edit')
    if not evil:
        c.write('after35.py', c.line())
        c.commit('after the cross merge')
    assert len(c.git('merge-base', '--all', 'a35', 'b35').split()) == 2
    c.diff_range = 'a35...b35'  # type: ignore[attr-defined]


@case('diff')
def criss_cross_key_after_two_merge_bases(c: Ctx) -> None:
    _criss_cross(c, evil=False)


@case('diff')
def criss_cross_key_in_the_cross_merge_itself(c: Ctx) -> None:
    _criss_cross(c, evil=True)


@case('diff', 'pre-push', 'pre-receive', 'path', push=('HEAD:refs/heads/det35',))
def head_detached_at_a_merge(c: Ctx) -> None:
    """HEAD detached at a merge whose second parent brings the key."""
    c.git('checkout', '-q', '-b', 'side35')
    c.write('side35.py', c.line())
    c.commit('key on the side')
    c.git('checkout', '-q', 'main')
    c.write('main35.py', 'm = 1\n')
    c.commit('main moves')
    c.git('merge', '-q', '--no-verify', '--no-edit', '--no-ff', 'side35')
    merge = c.git('rev-parse', 'HEAD').strip()
    c.git('checkout', '-q', '--detach', merge)


@case('diff', 'path')
def octopus_with_base_one_of_its_parents(c: Ctx) -> None:
    """BASE one parent of an octopus merge, the key in another parent."""
    for n, text in ((1, 'one = 1\n'), (2, c.line()), (3, 'three = 3\n')):
        c.git('checkout', '-q', '-b', f'oct35-{n}', c.base)
        c.write(f'oct35_{n}.py', text)
        c.commit(f'o{n}')
    c.git('checkout', '-q', 'oct35-1')
    first = c.git('rev-parse', 'HEAD').strip()
    c.git('merge', '-q', '--no-verify', '--no-edit', 'oct35-2', 'oct35-3')
    c.diff_range = f'{first}...HEAD'  # type: ignore[attr-defined]


def _pull_request_on_a_purged_base(c: Ctx) -> tuple[str, Path]:
    """main holds a key (pushed past the hooks), a pull request opened on
    it; then main is purged (force-pushed without the key commit) and
    GitHub's merge ref (``refs/pull/35/merge``) is the merge of the pull
    request into the purged main: merging brings the key back.  Returns
    the event's base sha (the purged tip) and the CI clone."""
    c.write('purged35.py', c.line())
    c.commit('key on main, pushed past the hooks')
    c.land()
    stale = c.base
    c.git('checkout', '-q', '-b', 'pr35')
    c.write('pr35.py', 'p = 1\n')
    c.commit('the pull request')
    pr_head = c.git('rev-parse', 'HEAD').strip()
    c.git('checkout', '-q', 'main')
    c.git('reset', '-q', '--hard', 'HEAD~1')
    c.write('clean35.py', 'c = 1\n')
    c.commit('main, purged and force-pushed')
    origin = str(c.root.parent / 'origin.git')
    c.git('push', '-q', '--no-verify', '-f', origin, 'main', f'{pr_head}:refs/pull/35/head')
    c.git('merge', '-q', '--no-verify', '--no-edit', '--no-ff', 'pr35')
    merge = c.git('rev-parse', 'HEAD').strip()
    c.git('push', '-q', '--no-verify', origin, f'{merge}:refs/pull/35/merge')
    c.git('reset', '-q', '--hard', 'HEAD~1')
    where = _clone(c, 'ci35')  # actions/checkout with fetch-depth: 0: every branch and tag
    c.git('fetch', '-q', 'origin', '+refs/pull/35/merge:refs/remotes/pull/35/merge', cwd=where)
    c.git('checkout', '-q', '--detach', 'refs/remotes/pull/35/merge', cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': f'{stale}...HEAD', 'BEFORE': '', 'GITHUB_EVENT_NAME': 'pull_request',  # type: ignore[attr-defined]
                'PR_HEAD': pr_head, 'TOGETHER_HOOKS_GATED': ''}
    return stale, where


@case('github')
def pull_request_on_a_base_purged_after_it_opened(c: Ctx) -> None:
    _pull_request_on_a_purged_base(c)


@case('diff')
def diff_of_the_merge_ref_against_its_first_parent(c: Ctx) -> None:
    """The same checkout, its range from the merge's first parent (the
    base as GitHub merged it for this run)."""
    _pull_request_on_a_purged_base(c)
    c.diff_range = 'HEAD^1...HEAD'  # type: ignore[attr-defined]


def _merge_request(c: Ctx, decoy: bool) -> None:
    """A GitLab merge request (``refs/merge-requests/35/head`` on the
    server) whose commits add a key and remove it again; the job's clone
    fetches that ref, detached, ``GIT_DEPTH: 0``."""
    if decoy:
        c.write('landed35.py', c.line())
        c.commit('key on main long ago')
        c.land()
    c.git('checkout', '-q', '-b', 'mr35')
    if not decoy:
        c.write('mr35.py', c.line())
        c.commit('add')
        os.remove(c.root / 'mr35.py')
    else:
        c.write('mr35.py', 'm = 1\n')
    c.commit('remove')
    origin = str(c.root.parent / 'origin.git')
    c.git('push', '-q', '--no-verify', origin, 'HEAD:refs/merge-requests/35/head')
    head = c.git('rev-parse', 'HEAD').strip()
    where = _clone(c, 'mr35')
    c.git('fetch', '-q', 'origin', '+refs/merge-requests/35/head:refs/merge-requests/35/head', cwd=where)
    c.git('checkout', '-q', '--detach', head, cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'CI_MERGE_REQUEST_DIFF_BASE_SHA': c.base, 'CI_COMMIT_SHA': head,  # type: ignore[attr-defined]
                'CI_COMMIT_BEFORE_SHA': '0' * 40, 'CI_PIPELINE_SOURCE': 'merge_request_event',
                'TOGETHER_HOOKS_GATED': ''}


@case('gitlab')
def gitlab_merge_request_ref_adding_and_removing(c: Ctx) -> None:
    _merge_request(c, decoy=False)


@case('gitlab', decoy=True)
def gitlab_merge_request_on_a_keyed_base(c: Ctx) -> None:
    """Decoy: the base holds a key already; the merge request is clean."""
    _merge_request(c, decoy=True)


@case('github')
def github_checkout_left_shallow(c: Ctx) -> None:
    """actions/checkout's default (``fetch-depth: 1``) kept: the merge ref
    fetched at depth 1; the scan step must not pass a key it cannot see."""
    c.git('checkout', '-q', '-b', 'sh35')
    c.write('sh35.py', c.line())
    c.commit('add')
    os.remove(c.root / 'sh35.py')
    c.commit('remove')
    origin = str(c.root.parent / 'origin.git')
    c.git('push', '-q', '--no-verify', origin, 'HEAD:refs/pull/36/head')
    where = c.root.parent / 'shallow35'
    where.mkdir()
    c.git('init', '-q', cwd=where)
    c.git('remote', 'add', 'origin', f'file://{origin}', cwd=where)
    c.git('fetch', '-q', '--depth=1', 'origin', '+refs/pull/36/head:refs/remotes/pull/36/head', cwd=where)
    c.git('checkout', '-q', '--detach', 'refs/remotes/pull/36/head', cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': f'{c.base}...HEAD', 'BEFORE': '', 'TOGETHER_HOOKS_GATED': ''}  # type: ignore[attr-defined]


# --- pushes: flags, ref names, several refs ----------------------------------------

@case(*PUSHES, push=(':gone35', 'main'), flags=('--atomic',))
def atomic_push_deleting_one_branch_adding_the_key_on_another(c: Ctx) -> None:
    c.land('main:gone35')
    c.write('at35.py', c.line())
    c.commit('key')


@case(*PUSHES, 'plain', flags=('--force-with-lease',))
def force_with_lease_over_a_rewritten_branch(c: Ctx) -> None:
    c.write('lease35.py', 'l = 1\n')
    c.commit('landed')
    c.land()
    c.git('reset', '-q', '--hard', 'HEAD~1')
    c.write('lease35.py', c.line())
    c.commit('rewritten with a key')


@case(*PUSHES, 'plain', flags=('--follow-tags',))
def follow_tags_annotated_tag_message(c: Ctx) -> None:
    """``--follow-tags``: an annotated tag on the pushed commit is sent
    with it; its message holds the key."""
    c.write('ft35.py', 'f = 1\n')
    c.commit('release')
    c.git('tag', '-a', 'ft35', '-m', f'release\n\ntoken {c.key}')


@case(*PUSHES, 'plain', flags=('--follow-tags',))
def follow_tags_tag_of_a_tag_of_the_pushed_commit(c: Ctx) -> None:
    """A tag of an annotated tag (``--follow-tags`` peels to the commit);
    the outer tag's message holds the key."""
    c.write('tt35.py', 't = 1\n')
    c.commit('release')
    c.git('tag', '-a', 'inner35', '-m', 'inner')
    c.git('tag', '-a', 'outer35', '-m', f'outer {c.key}', 'inner35')


@case(*PUSHES, 'plain', push=('refs/tags/lw35',))
def lightweight_tag_on_a_commit_no_branch_reaches(c: Ctx) -> None:
    c.write('lw35.py', c.line())
    c.git('add', 'lw35.py')
    tree = c.git('write-tree').strip()
    sha = c.git('commit-tree', tree, '-p', 'HEAD', '-m', 'off branch').strip()
    c.git('reset', '-q', '--hard', 'HEAD')
    c.git('tag', 'lw35', sha)


@case(*PUSHES, 'plain', push=('refs/tags/blob35',))
def annotated_tag_of_a_blob_holding_the_key(c: Ctx) -> None:
    c.git('tag', '-a', 'blob35', '-m', 'a file', c.blob(c.line()))


@case(*PUSHES, 'plain', push=('HEAD:refs/pull/35/head',))
def push_to_a_pull_request_like_ref(c: Ctx) -> None:
    c.write('pull35.py', c.line())
    c.commit('key')


@case(*PUSHES, 'plain', push=('refs/notes/*:refs/notes/*',))
def notes_pushed_by_glob(c: Ctx) -> None:
    c.git('notes', '--ref', 'ci35', 'add', '-m', f'deploy {c.key}', 'HEAD')


@case(*PUSHES, 'plain', push=('main', ':nosuch35'))
def push_with_a_delete_of_a_ref_the_remote_lacks(c: Ctx) -> None:
    c.write('nd35.py', c.line())
    c.commit('key')


@case(*PUSHES, 'plain', push=('main', 'HEAD~1:refs/heads/older35'))
def push_of_a_key_commit_and_its_parent_under_another_name(c: Ctx) -> None:
    c.write('par35.py', c.line())
    c.commit('key')
    c.write('more35.py', 'm = 1\n')
    c.commit('more')


@case(*PUSHES, 'plain', flags=('--tags',))
def tags_flag_sending_an_annotated_tag_of_a_tree(c: Ctx) -> None:
    """``git push --tags origin main``: every tag goes, one an annotated
    tag of a tree (on no commit) whose file holds the key."""
    c.write('tg35.py', 't = 1\n')
    c.commit('clean')
    tree = _mktree(c, f'100644 blob {c.blob(c.line())}\tconf35.py\n')
    c.git('tag', '-a', 'tree35', '-m', 'a snapshot', tree)


# --- scan --staged: what the index holds ---------------------------------------------

@case('staged', stack='staged35')
def staged_key_work_tree_without_it(c: Ctx) -> None:
    c.write('st35.py', FILLER + c.line())
    c.git('add', 'st35.py')
    c.write('st35.py', FILLER)


@case('staged', stack='staged35')
def staged_symlink_to_the_key_scanned_as_staged(c: Ctx) -> None:
    os.symlink(c.key, c.root / 'stl35')
    c.git('add', 'stl35')
    os.remove(c.root / 'stl35')
    c.write('stl35', 'text\n')


@case('staged', stack='staged35')
def staged_through_a_rot13_clean_filter(c: Ctx) -> None:
    import codecs

    rot = "tr 'A-Za-z' 'N-ZA-Mn-za-m'"
    c.git('config', 'filter.srot35.clean', rot)
    c.git('config', 'filter.srot35.smudge', rot)
    c.attributes('*.srot35 filter=srot35\n')
    c.write('k.srot35', codecs.encode(c.line(), 'rot13'))
    c.git('add', '.gitattributes', 'k.srot35')


@case('staged', decoy=True, stack='staged-decoys35')
def intent_to_add_of_a_key_file(c: Ctx) -> None:
    """Decoy: ``git add -N``: the index names the file, with no content
    (a commit stores nothing of it without ``-a``)."""
    c.write('ita35.py', c.line())
    c.git('add', '-N', 'ita35.py')


# --- the server: objects it has from elsewhere ---------------------------------------

def _alternate(c: Ctx, reached: bool, blob_only: bool) -> None:
    """The gate borrows objects from a pool (``objects/info/alternates``,
    as a fork network does): the key's objects are in the pool, so the
    push reuses them and sends none."""
    pool = bare(c.root.parent / 'pool35.git')
    gate = c.root.parent / 'gate.git'
    if blob_only:  # only the blob in the pool, under a tag; the commit is new
        c.git('push', '-q', '--no-verify', pool, f'{c.blob(c.line())}:refs/tags/blob35')
        c.write('pool35.py', c.line())
        c.commit('key')
    else:
        c.write('pool35.py', c.line())
        c.commit('key')
        c.git('push', '-q', '--no-verify', pool, 'main')
    with open(gate / 'objects' / 'info' / 'alternates', 'w') as f:
        f.write(str(Path(pool) / 'objects') + '\n')
    if reached:  # the gate has it already (an older push, past no hook)
        git(gate, 'update-ref', 'refs/heads/old35', c.git('rev-parse', 'HEAD').strip())
        c.write('clean35.py', 'c = 1\n')
        c.commit('clean')


@case('pre-receive')
def key_commit_only_in_the_server_s_alternate(c: Ctx) -> None:
    _alternate(c, reached=False, blob_only=False)


@case('pre-receive')
def key_blob_only_in_the_server_s_alternate(c: Ctx) -> None:
    _alternate(c, reached=False, blob_only=True)


@case('pre-receive', decoy=True)
def alternate_key_a_ref_of_the_server_reaches(c: Ctx) -> None:
    _alternate(c, reached=True, blob_only=False)


# --- commits through the pre-commit stage ------------------------------------------

def _fallback(c: Ctx, *args: str) -> None:
    if c.commit_rc:
        c.git('commit', '-q', '--no-verify', *args)


@case('commit', *PUSHES, stack='commit35')
def amend_adding_the_key(c: Ctx) -> None:
    c.write('am35.py', 'a = 1\n')
    c.commit('a')
    c.write('am35.py', 'a = 1\n' + c.line())
    c.git('add', 'am35.py')
    c.hooked_commit('--amend', '--no-edit')
    _fallback(c, '--amend', '--no-edit')


@case('commit', *PUSHES, stack='commit35')
def cherry_pick_no_commit_then_committed(c: Ctx) -> Iterator[None]:
    yield
    c.git('checkout', '-q', '-b', 'cp35')
    c.write('cp35.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')
    c.git('cherry-pick', '--no-commit', 'cp35')
    c.hooked_commit('-m', 'picked')
    _fallback(c, '-m', 'picked')


@case('commit', *PUSHES, stack='commit35')
def revert_of_the_key_s_removal(c: Ctx) -> None:
    """A key added and removed past the hooks, then the removal reverted
    through them: the revert brings the key back."""
    c.write('rv35.py', c.line())
    c.commit('key')
    os.remove(c.root / 'rv35.py')
    c.commit('removed')
    c.git('revert', '--no-commit', 'HEAD')
    c.hooked_commit('-m', 'revert the removal')
    _fallback(c, '-m', 'revert the removal')


@case('commit', *PUSHES, stack='commit35')
def merge_squash_of_a_key_branch(c: Ctx) -> Iterator[None]:
    yield
    c.git('checkout', '-q', '-b', 'sq35')
    c.write('sq35.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')
    c.git('merge', '--squash', '-q', 'sq35')
    c.hooked_commit('-m', 'squashed')
    _fallback(c, '-m', 'squashed')


@case('commit', *PUSHES, stack='commit35')
def commit_all_of_a_tracked_file(c: Ctx) -> Iterator[None]:
    """``git commit -a``: git's own temporary index holds the change."""
    c.write('ca35.py', 'x = 1\n')
    c.commit('ca')
    yield
    c.write('ca35.py', 'x = 1\n' + c.line())
    c.hooked_commit('-a', '-m', 'all')
    _fallback(c, '-a', '-m', 'all')


@case('commit', *PUSHES, stack='commit35')
def commit_include_of_a_path_beside_the_index(c: Ctx) -> Iterator[None]:
    """``git commit -i path``: the index and the work-tree file together."""
    c.write('ci35.py', 'x = 1\n')
    c.commit('ci')
    yield
    c.write('ci35.py', 'x = 1\n' + c.line())
    c.write('other35.py', 'o = 1\n')
    c.git('add', 'other35.py')
    c.hooked_commit('-m', 'include', '-i', 'ci35.py')
    _fallback(c, '-m', 'include', '-i', 'ci35.py')


@case('commit', *PUSHES, stack='commit35')
def staged_half_holds_the_key_work_tree_not(c: Ctx) -> Iterator[None]:
    """``git add -p``'s result: the key staged, the work tree without it."""
    yield
    c.write('half35.py', FILLER + c.line())
    c.git('add', 'half35.py')
    c.write('half35.py', FILLER)
    c.hooked_commit('-m', 'half')
    _fallback(c, '-m', 'half')


@case('commit', *PUSHES, stack='commit35')
def staged_symlink_to_the_key_work_tree_a_file(c: Ctx) -> Iterator[None]:
    """Staged as a symlink whose target is the key; the work tree holds a
    regular file of clean text at the path."""
    yield
    os.symlink(c.key, c.root / 'ln35')
    c.git('add', 'ln35')
    os.remove(c.root / 'ln35')
    c.write('ln35', 'plain text\n')
    c.hooked_commit('-m', 'link')
    _fallback(c, '-m', 'link')


@case('commit', *PUSHES, stack='commit35')
def lfs_attribute_without_lfs_installed(c: Ctx) -> Iterator[None]:
    """``filter=lfs`` on a path with no lfs filter configured: git stores
    the file as it is."""
    c.attributes('*.bin35 filter=lfs diff=lfs merge=lfs -text\n')
    c.commit('attrs')
    yield
    c.write('model.bin35', c.line())
    c.git('add', 'model.bin35')
    c.hooked_commit('-m', 'model')
    _fallback(c, '-m', 'model')


@case('commit', *PUSHES, stack='commit35')
def commit_from_a_second_work_tree(c: Ctx) -> Iterator[None]:
    yield
    wt = c.root.parent / 'wt35'
    c.git('worktree', 'add', '-q', '-b', 'wt35', str(wt))
    (wt / 'wt35.py').write_text(c.line())
    c.git('add', 'wt35.py', cwd=wt)
    rc = c.hooked_commit('-m', 'from the second tree', cwd=wt)
    if rc:
        c.git('commit', '-q', '--no-verify', '-m', 'from the second tree', cwd=wt)
    c.git('merge', '-q', '--no-verify', '--no-edit', 'wt35')


@case('commit', *PUSHES, stack='commit35')
def commit_message_verbatim_with_the_key_on_a_comment_line(c: Ctx) -> Iterator[None]:
    """``--cleanup=verbatim -F file``: the ``#`` line is kept in the commit."""
    yield
    msg = c.root.parent / 'msg35.txt'
    msg.write_text(f'work\n\n# token {c.key}\n')
    c.write('vb35.py', 'v = 1\n')
    c.git('add', 'vb35.py')
    c.hooked_commit('--cleanup=verbatim', '-F', str(msg))
    _fallback(c, '--cleanup=verbatim', '-F', str(msg))


@case('commit', *PUSHES, stack='commit35')
def commit_message_from_stdin(c: Ctx) -> Iterator[None]:
    yield
    c.write('in35.py', 'i = 1\n')
    c.git('add', 'in35.py')
    text = f'work\n\nToken: {c.key}\n'.encode()
    c.hooked_commit('-F', '-', stdin=text)
    if c.commit_rc:
        c.git('commit', '-q', '--no-verify', '-F', '-', stdin=text)


@case('commit', *PUSHES, stack='commit35')
def commit_message_from_a_template(c: Ctx) -> Iterator[None]:
    """``-t template``; the editor adds a line (git refuses an unedited
    template): the template's own text holds the key."""
    yield
    tmpl = c.root.parent / 'tmpl35.txt'
    tmpl.write_text(f'deploy\n\nkey {c.key}\n')
    c.write('tp35.py', 't = 1\n')
    c.git('add', 'tp35.py')
    env = dict(c.env, GIT_EDITOR='sh -c \'echo edited >> "$1"\' -')
    c.hooked_commit('-t', str(tmpl), env=env)
    if c.commit_rc:
        c.git('commit', '-q', '--no-verify', '-t', str(tmpl), env=env)


@case('commit', *PUSHES, decoy=True, stack='commit-decoys35')
def work_tree_holds_the_key_staged_half_clean(c: Ctx) -> Iterator[None]:
    """Decoy: ``git add -p`` the other way: the key only in the work tree."""
    yield
    c.write('wk35.py', FILLER)
    c.git('add', 'wk35.py')
    c.write('wk35.py', FILLER + c.line())
    c.hooked_commit('-m', 'clean half')
    _fallback(c, '-m', 'clean half')
    c.write('wk35.py', FILLER)


@case('commit', *PUSHES, decoy=True, stack='commit-decoys35')
def clean_filter_removing_the_key_line(c: Ctx) -> Iterator[None]:
    """Decoy: a clean filter that drops the key's line: the work tree has
    it, the commit does not."""
    c.git('config', 'filter.nokey35.clean', "grep -v TOGETHER_API_KEY || true")
    c.git('config', 'filter.nokey35.smudge', 'cat')
    c.attributes('*.cfg35 filter=nokey35\n')
    c.commit('attrs')
    yield
    c.write('app.cfg35', 'a = 1\n' + c.line())
    c.git('add', 'app.cfg35')
    c.hooked_commit('-m', 'filtered')
    _fallback(c, '-m', 'filtered')


@case('commit', *PUSHES, stack='filters35')
def clean_filter_making_the_key_from_rot13(c: Ctx) -> Iterator[None]:
    """A clean filter that changes the bytes staged (rot13): the work tree
    holds no key, the stored blob does."""
    rot = "tr 'A-Za-z' 'N-ZA-Mn-za-m'"
    c.git('config', 'filter.rot35.clean', rot)
    c.git('config', 'filter.rot35.smudge', rot)
    c.attributes('*.rot35 filter=rot35\n')
    c.commit('attrs')
    yield
    import codecs

    c.write('sec.rot35', codecs.encode(c.line(), 'rot13'))
    c.git('add', 'sec.rot35')
    c.hooked_commit('-m', 'rot')
    _fallback(c, '-m', 'rot')


@case('commit', *PUSHES, stack='filters35')
def eol_crlf_attribute_on_the_key_line(c: Ctx) -> Iterator[None]:
    c.attributes('*.ini35 text eol=crlf\n')
    c.commit('attrs')
    yield
    c.write('win.ini35', '[api]\r\n' + c.line().replace('\n', '\r\n'))
    c.git('add', 'win.ini35')
    c.hooked_commit('-m', 'crlf')
    _fallback(c, '-m', 'crlf')


@case('commit', *PUSHES)
def core_autocrlf_true(c: Ctx) -> None:
    c.git('config', 'core.autocrlf', 'true')
    c.write('auto35.py', c.line().replace('\n', '\r\n'))
    c.git('add', 'auto35.py')
    c.hooked_commit('-m', 'autocrlf')
    _fallback(c, '-m', 'autocrlf')


@case('commit', *PUSHES, stack='commit35')
def amend_of_a_no_verify_commit_changing_only_its_message(c: Ctx) -> None:
    """A key committed with ``--no-verify``, then ``git commit --amend -m``
    through the hooks: the amended commit adds the key to its parent."""
    c.write('nv35.py', c.line())
    c.git('add', 'nv35.py')
    c.git('commit', '-q', '--no-verify', '-m', 'wip')
    c.hooked_commit('--amend', '-m', 'tidy message')
    _fallback(c, '--amend', '-m', 'tidy message')


@case('commit', *PUSHES, stack='commit35')
def amend_of_a_no_verify_merge_bringing_the_key(c: Ctx) -> None:
    """An evil merge made with ``--no-verify`` (the key in the merge's
    own result), then its message amended through the hooks."""
    c.git('checkout', '-q', '-b', 'am-side35')
    c.write('am_side35.py', 's = 1\n')
    c.commit('side')
    c.git('checkout', '-q', 'main')
    c.git('merge', '-q', '--no-verify', '--no-ff', '--no-commit', 'am-side35')
    c.write('am_merge35.py', c.line())
    c.git('add', 'am_merge35.py')
    c.git('commit', '-q', '--no-verify', '--no-edit')
    c.hooked_commit('--amend', '-m', 'merge, tidied')
    _fallback(c, '--amend', '-m', 'merge, tidied')


@case('commit')
def amend_of_a_root_commit_made_with_no_verify(c: Ctx) -> None:
    """An orphan branch's first commit (no parent: the empty tree is
    what it adds to), made with ``--no-verify``, its message amended."""
    c.git('checkout', '-q', '--orphan', 'root35')
    c.write('root35.py', c.line())
    c.git('add', 'root35.py')
    c.git('commit', '-q', '--no-verify', '-m', 'first')
    c.hooked_commit('--amend', '-m', 'first, tidied')


@case('commit', *PUSHES, decoy=True, stack='commit-decoys35')
def amend_of_a_commit_on_a_keyed_parent(c: Ctx) -> Iterator[None]:
    """Decoy: the key is in HEAD's parent (on the remotes long ago); HEAD,
    clean, has its message amended."""
    c.write('kp35.py', c.line())
    c.commit('key, long ago')
    yield
    c.write('kp_clean35.py', 'k = 1\n')
    c.commit('clean')
    c.hooked_commit('--amend', '-m', 'clean, tidied')
    _fallback(c, '--amend', '-m', 'clean, tidied')


@case('commit', *PUSHES, decoy=True, stack='commit-decoys35')
def amend_of_a_merge_whose_side_held_the_key(c: Ctx) -> Iterator[None]:
    """Decoy: a clean merge of a side branch whose key the remotes have;
    the merge's message amended (its first parent lacks the key, the side
    has it: the merge itself brings nothing)."""
    c.git('checkout', '-q', '-b', 'kside35')
    c.write('kside35.py', c.line())
    c.commit('key on the side, long ago')
    c.land('kside35')
    c.git('checkout', '-q', 'main')
    yield
    c.git('merge', '-q', '--no-verify', '--no-ff', '--no-edit', 'kside35')
    c.hooked_commit('--amend', '-m', 'merge, tidied')
    _fallback(c, '--amend', '-m', 'merge, tidied')


# --------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


NO_HOOK = ('pre-commit runs no pre-push hook for a push that brings no commit (a tag of a blob alone): '
           'keep the plain hook as pre-push.legacy, or the server-side gate (docs/ci-gate.md)')
MISSED: dict[tuple[str, str], str] = {
    ('annotated_tag_of_a_blob_holding_the_key', 'pre-push'): NO_HOOK,
    ('pull_request_on_a_base_purged_after_it_opened', 'github'): (
        "the event's base sha is the purged tip, which the pull request's own history holds: the "
        "key commit is in BASE, so BASE...HEAD leaves it out, and the merge brings it back"),
    ('clean_filter_removing_the_key_line', 'commit'): (
        'over-reported, not a leak: the work-tree file is scanned as well as its staged blob, and '
        'the clean filter drops the key from the blob only'),
}
# Pairs refused with exit 2 (fail closed: one line, no key named).
CLOSED: dict[tuple[str, str], str] = {
    ('github_checkout_left_shallow', 'github'): 'the base is not in a depth-1 clone: fetch-depth: 0',
}
# Pairs refused by a program before ours, naming no key (nothing is sent).
REFUSED: dict[tuple[str, str], str] = {
    (name, mode): "git refuses the whole push itself: a delete of a ref the remote lacks"
    for name, mode in (('push_with_a_delete_of_a_ref_the_remote_lacks', m) for m in ('pre-push', 'pre-receive', 'plain'))
}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy, closed=CLOSED, refused=REFUSED)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False


def test_there_are_enough_new_hostile_cases():
    from tests.gate_probe33_test import CASES as C33
    from tests.gate_probe34_test import CASES as C34

    assert not {one.name for one in CASES} & {one.name for one in (*C33, *C34)}
    assert len([one for one in CASES if not one.decoy]) >= 30
