"""The gate probed again (session 37): hostile shapes gate_probe33 to 36
and gate_outside36 did not try, each through the real modes that must
refuse it (``tests/gate_stack.py``: real pre-commit stages, the plain
hook, ``pre-receive`` behind ``git push --no-verify``, ``scan --diff``,
``--history`` (SARIF to a file), ``scan PATH``, ``--staged`` and the
GitHub example's scan step as written).

New here: commits made by plumbing and ``git filter-branch``, files git
itself reads (``.mailmap``, ``.gitignore``, ``linguist-generated``), a
committed ``git bundle``, a 5 MB message, a commit of 10,000 files, a push
of 1,000 refs, an amended or rewritten branch pushed again (``+main``, a
tree equal to the remote's tip), an orphan branch, a tag of a blob, a
notes ref of its own, a symbolic ref, a detached HEAD, a configured push
refspec, ``push.followTags``, a branch named by the key, a clone set
``core.bare`` by mistake, linked worktrees under ``extensions.worktreeConfig``,
ranges whose BASE is a merge or whose HEAD is a tag, and GitHub's
force-push and ``pull_request_target`` shapes.

Also commits git makes without the pre-commit hook (cherry-pick, revert,
a rebase's fixup, ``commit --no-verify``) through the prepare-commit-msg
stage, ``git am`` through docs/configuration.md's ``pre-applypatch``, and
merges through pre-merge-commit.

``MISSED``: strict xfails, with why; ``CLOSED``: refused with exit 2
(fail closed, one line, no key named); ``REFUSED``: refused by a program
before ours.  Measured at 2d8a76d7: 8 pairs failed there and pass since
(the prepare-commit-msg cases, the merge decoys, ``pull_request_target``);
docs/hardening.md, "Session 37 (gate37)".
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from tests.gate_probe36_test import _conclude
from tests.gate_probe36_test import _pre_merge_commit_installed
from tests.gate_stack import PUSHES
from tests.gate_stack import RANGE
from tests.gate_stack import Ctx
from tests.gate_stack import Suite
from tests.gate_stack import judge
from tests.gitplay import BIN
from tests.gitplay import run

SUITE = Suite('gate37', history='sarif')
CASES = SUITE.cases
case = SUITE.case
FILLER = ''.join(f'row_{n} = {n}\n' for n in range(30))
FILES = ('commit', *RANGE, 'path')


def _hooked(c: Ctx, *args: str, env: dict[str, str] | None = None) -> int:
    rc, out = run(c.root, env or c.env, 'git', *args)
    c.outputs.append(out)
    c.commit_rc = rc
    return rc


def _add_and_commit(c: Ctx, rel: str, msg: str) -> None:
    """``rel`` staged and committed through the hooks (past them when they
    refuse: the pushes and scans judge it then)."""
    c.git('add', '-f', '--', rel)
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


def _outside(c: Ctx, name: str, text: str) -> Path:
    """A file beside the repository (so no command line holds the key)."""
    path = c.root.parent / name
    path.write_text(text)
    return path


# --- files git itself reads, and files that hold git objects ---------------------

@case(*FILES, stack='files37')
def mailmap_entry_holding_the_key(c: Ctx) -> None:
    """``.mailmap`` (git reads it for ``log``/``shortlog``): a comment and
    an email naming the key."""
    c.write('.mailmap', f'# token {c.key}\nDev <dev@example.com> <old@example.com>\n')
    _add_and_commit(c, '.mailmap', 'mailmap')


@case(*FILES, stack='files37')
def gitignore_comment_holding_the_key(c: Ctx) -> None:
    c.write('.gitignore', f'# {c.line()}*.log\n')
    _add_and_commit(c, '.gitignore', 'gitignore')


@case(*FILES, stack='files37')
def linguist_generated_file_holding_the_key(c: Ctx) -> None:
    """A file ``.gitattributes`` marks ``linguist-generated -diff`` (hosts
    fold it in a pull request's diff; git shows it as binary)."""
    c.attributes('gen37/** linguist-generated=true -diff\n')
    c.write('gen37/client.py', FILLER + c.line())
    c.git('add', '.gitattributes')
    _add_and_commit(c, 'gen37/client.py', 'generated')


@case(*FILES, stack='files37')
def bundle_of_a_key_branch_committed(c: Ctx) -> None:
    """``git bundle create`` of a branch made past the hooks, the bundle
    file committed: its pack holds the key's blob deflated."""
    here = c.git('rev-parse', 'HEAD').strip()
    c.git('checkout', '-q', '-b', 'bundled37')
    c.write('bundled37.py', c.line())
    c.commit('bundled')
    c.git('bundle', 'create', str(c.root / 'backup37.bundle'), f'{here}..bundled37')
    c.git('checkout', '-q', 'main')
    c.git('branch', '-q', '-D', 'bundled37')
    _add_and_commit(c, 'backup37.bundle', 'bundle')


@case(*FILES, stack='files37')
def commit_of_ten_thousand_files_one_holding_the_key(c: Ctx) -> None:
    for n in range(10_000):
        c.write(f'many37/{n // 100}/f{n}.py', f'v = {n}\n')
    c.write('many37/77/f7777.py', FILLER + c.line())
    c.git('add', 'many37')
    if c.hooked_commit('-m', 'ten thousand files'):
        c.git('commit', '-q', '--no-verify', '-m', 'ten thousand files')


@case('commit', *RANGE, stack='files37')
def message_of_five_megabytes_ending_in_the_key(c: Ctx) -> None:
    c.write('msg37.py', 'm = 1\n')
    c.git('add', 'msg37.py')
    message = _outside(c, 'msg37.txt', 'big\n\n' + 'lorem ipsum dolor sit amet\n' * 200_000 + f'token {c.key}\n')
    if c.hooked_commit('-F', str(message)):
        c.git('commit', '-q', '--no-verify', '-F', str(message))


@case('commit', *RANGE, stack='files37')
def commit_reusing_a_message_that_holds_the_key(c: Ctx) -> None:
    """``git commit -C <commit>``: a message taken from a commit made past
    the hooks on no branch (no editor; commit-msg still runs)."""
    tree = c.git('rev-parse', 'HEAD^{tree}').strip()
    donor = c.git('commit-tree', tree, '-m', f'donor, token {c.key}').strip()
    c.write('reuse37.py', 'r = 1\n')
    c.git('add', 'reuse37.py')
    if c.hooked_commit('-C', donor):
        c.git('commit', '-q', '--no-verify', '-C', donor)


@case('commit', *RANGE, stack='files37')
def fixup_reword_whose_typed_message_holds_the_key(c: Ctx) -> None:
    """``git commit --fixup=reword:HEAD``: an ``amend!`` commit whose
    message is typed in the editor."""
    c.write('rw37.py', 'w = 1\n')
    c.commit('to reword')
    editor = _outside(c, 'editor37.sh', f"#!/bin/sh\nprintf '%s\\n' 'token {c.key}' >> \"$1\"\n")
    editor.chmod(0o755)
    if c.hooked_commit('--fixup=reword:HEAD', env=dict(c.env, GIT_EDITOR=str(editor))):
        c.git('commit', '-q', '--no-verify', '--allow-empty', '-m', f'amend! to reword\n\ntoken {c.key}')


@case('commit', *RANGE, stack='files37')
def trailer_option_holding_the_key(c: Ctx) -> None:
    """``git commit --trailer``: git adds the trailer before commit-msg."""
    c.write('tr37.py', 't = 1\n')
    c.git('add', 'tr37.py')
    if c.hooked_commit('-m', 'trailer', '--trailer', f'Token: {c.key}'):
        c.git('commit', '-q', '--no-verify', '-m', 'trailer', '--trailer', f'Token: {c.key}')


# --- commits no hook sees -----------------------------------------------------------

@case(*RANGE, stack='plumbing37')
def commit_tree_and_update_ref_past_every_hook(c: Ctx) -> None:
    """Plumbing: ``hash-object``, ``update-index``, ``commit-tree``,
    ``update-ref``; then a clean commit on top."""
    blob = c.blob(FILLER + c.line())
    c.git('update-index', '--add', '--cacheinfo', f'100644,{blob},plumb37.py')
    tree = c.git('write-tree').strip()
    sha = c.git('commit-tree', tree, '-p', 'HEAD', '-m', 'plumbing').strip()
    c.git('update-ref', 'refs/heads/main', sha)
    c.git('reset', '-q', '--hard')
    c.git('rm', '-q', 'plumb37.py')
    c.commit('removed')


@case(*RANGE, stack='plumbing37')
def filter_branch_tree_filter_writing_the_key(c: Ctx) -> None:
    """``git filter-branch --tree-filter`` rewrites the commits since the
    base and writes the key into each (no hook runs)."""
    c.write('fb37.py', 'f = 1\n')
    c.commit('to filter')
    keyfile = _outside(c, 'fb37.txt', FILLER + c.line())
    env = dict(c.env, FILTER_BRANCH_SQUELCH_WARNING='1')
    c.git('filter-branch', '-f', '--tree-filter', f'cp {keyfile} fb37.py', 'HEAD~1..HEAD', env=env)


# --- pushes that rewrite or start a history -------------------------------------------

@case(*RANGE, push=('+main',), stack='rewrite37')
def amend_of_a_pushed_commit_adding_the_key(c: Ctx) -> Iterator[None]:
    """The remote has the tip; ``git commit --amend --no-verify`` adds the
    key to it and the branch is force-pushed (``+main``)."""
    c.write('amend37.py', 'a = 1\n')
    c.commit('pushed')
    yield
    c.write('amend37.py', 'a = 1\n' + c.line())
    c.git('add', 'amend37.py')
    c.git('commit', '-q', '--no-verify', '--amend', '--no-edit')


@case(*RANGE, push=('+main',), stack='lease37')
def rewrite_whose_last_tree_equals_the_remote_tip(c: Ctx) -> Iterator[None]:
    """The branch rewritten: a commit with the key, then one whose tree is
    exactly the remote's tip (the key gone); the push's end state is a
    tree the remote has."""
    c.write('lease37.py', 'l = 1\n')
    c.commit('tip the remote has')
    yield
    tip = c.git('rev-parse', 'HEAD').strip()
    c.git('reset', '-q', '--hard', 'HEAD~1')
    c.write('lease37_key.py', FILLER + c.line())
    c.commit('key')
    c.git('rm', '-q', 'lease37_key.py')
    c.git('checkout', tip, '--', '.')
    c.commit('same tree as the remote tip')
    assert c.git('rev-parse', 'HEAD^{tree}') == c.git('rev-parse', f'{tip}^{{tree}}')


@case(*PUSHES, push=('+main',), decoy=True)
def amend_taking_the_key_out_of_a_pushed_commit(c: Ctx) -> Iterator[None]:
    """Decoy: the remote's tip holds a key (pushed long ago); the amend
    takes it out and the force-push sends no key."""
    c.write('out37.py', 'o = 1\n' + c.line())
    c.commit('key, long ago')
    yield
    c.write('out37.py', 'o = 1\n')
    c.git('add', 'out37.py')
    c.git('commit', '-q', '--no-verify', '--amend', '--no-edit')


@case('pre-push', 'pre-receive', 'plain', push=('orphan37',))
def orphan_branch_adding_and_removing_the_key(c: Ctx) -> None:
    """A new branch whose root is in no remote's history (``checkout
    --orphan``): the range is its whole history."""
    c.git('checkout', '-q', '--orphan', 'orphan37')
    c.git('rm', '-rq', '--cached', '.')
    c.write('orph37.py', FILLER + c.line())
    c.git('add', 'orph37.py', '.pre-commit-config.yaml')
    c.commit('orphan root')
    c.write('orph37.py', FILLER)
    c.commit('removed')


@case(*PUSHES, 'history', push=('refs/tags/blob37',))
def lightweight_tag_of_a_blob_holding_the_key(c: Ctx) -> None:
    c.git('tag', 'blob37', c.blob(FILLER + c.line()))


@case(*PUSHES, 'history', push=('refs/notes/review37',))
def notes_ref_of_its_own_pushed_by_name(c: Ctx) -> None:
    """``git notes --ref=review37``: a notes ref other than
    ``refs/notes/commits``, pushed by its name."""
    c.git('notes', '--ref=review37', 'add', '-F', str(_outside(c, 'note37.txt', f'token {c.key}\n')), 'HEAD')


@case(*PUSHES, push=('alias37',))
def symbolic_ref_naming_a_key_branch(c: Ctx) -> None:
    """``refs/heads/alias37`` a symbolic ref to a key branch: the push
    sends that branch's commits under the alias's name."""
    c.git('checkout', '-q', '-b', 'real37')
    c.write('real37.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')
    c.git('symbolic-ref', 'refs/heads/alias37', 'refs/heads/real37')


@case(*PUSHES, 'plain', push=('HEAD:refs/heads/det37',))
def detached_head_pushed_to_a_new_branch_name(c: Ctx) -> None:
    c.git('checkout', '-q', '--detach')
    c.write('det37.py', c.line())
    c.commit('detached')


@case('pre-push', 'pre-receive', 'plain', push=())
def push_by_a_configured_refspec(c: Ctx) -> None:
    """``git push`` with no refspec: ``remote.<name>.push`` maps a local
    branch to another name on each remote."""
    c.git('checkout', '-q', '-b', 'cfg37')
    c.write('cfg37.py', c.line())
    c.commit('configured')
    c.git('checkout', '-q', 'main')
    for name in ('origin', 'gate'):
        c.git('config', f'remote.{name}.push', 'refs/heads/cfg37:refs/heads/published37')


@case('pre-push', 'pre-receive', 'plain', push=('main',))
def follow_tags_from_the_config(c: Ctx) -> None:
    """``push.followTags=true`` (no flag): an annotated tag whose message
    holds the key rides along with ``main``."""
    c.write('ft37.py', 'f = 1\n')
    c.commit('tagged')
    c.git('tag', '-a', 'v37', '-F', str(_outside(c, 'tagmsg37.txt', f'release, token {c.key}\n')))
    c.git('config', 'push.followTags', 'true')


@case(*PUSHES, push=('refs/heads/many37/*:refs/heads/many37/*',))
def push_of_a_thousand_refs_one_holding_the_key(c: Ctx) -> None:
    c.write('many_refs37.py', c.line())
    key = c.commit('key')
    c.git('reset', '-q', '--hard', 'HEAD~1')
    clean = c.git('rev-parse', 'HEAD').strip()
    lines = ''.join(f'create refs/heads/many37/b{n:04d} {clean}\n' for n in range(1000))
    lines += f'create refs/heads/many37/b0500x {key}\n'
    c.git('update-ref', '--stdin', stdin=lines.encode())


@case(*PUSHES, push=('refs/heads/clean37/*:refs/heads/clean37/*',), decoy=True)
def push_of_a_thousand_clean_refs(c: Ctx) -> None:
    """Decoy: 1,000 branches, none holding a key."""
    c.write('clean37.py', 'c = 1\n')
    clean = c.commit('clean')
    lines = ''.join(f'create refs/heads/clean37/b{n:04d} {clean}\n' for n in range(1000))
    c.git('update-ref', '--stdin', stdin=lines.encode())


@case('pre-push', 'pre-receive', push=('main',), decoy=True)
def filter_branch_backup_refs_hold_the_purged_key(c: Ctx) -> Iterator[None]:
    """Decoy: a key committed but never pushed, purged with ``git
    filter-branch``; its backup ``refs/original/refs/heads/main`` still
    holds it locally, and the push of the purged main sends none of it."""
    yield
    c.write('purge37.py', c.line())
    c.commit('key, never pushed')
    c.write('kept37.py', 'k = 1\n')
    c.commit('kept')
    env = dict(c.env, FILTER_BRANCH_SQUELCH_WARNING='1')
    c.git('filter-branch', '-f', '--index-filter', 'git rm -q --cached --ignore-unmatch purge37.py',
          f'{c.base}..HEAD', env=env)
    assert c.git('for-each-ref', 'refs/original/').strip()


@case('pre-push', 'pre-receive', 'plain', push=('main',))
def push_from_a_clone_set_core_bare_by_mistake(c: Ctx) -> None:
    c.write('bare37.py', c.line())
    c.commit('key')
    c.git('config', 'core.bare', 'true')


# --- linked worktrees ------------------------------------------------------------------

def _linked(c: Ctx, name: str) -> Path:
    c.git('config', 'core.repositoryFormatVersion', '1')
    c.git('config', 'extensions.worktreeConfig', 'true')
    where = c.root.parent / name
    c.git('worktree', 'add', '-q', '-b', name, str(where))
    c.push_cwd = where  # type: ignore[attr-defined]
    c.hook_root = where  # type: ignore[attr-defined]
    return where


@case('commit', *PUSHES, push=('wtc37',))
def commit_in_a_linked_worktree_under_worktree_config(c: Ctx) -> None:
    """``extensions.worktreeConfig`` on, a commit in a linked worktree:
    git runs the hooks of the common folder."""
    where = _linked(c, 'wtc37')
    (where / 'wtc37.py').write_text(c.line())
    c.git('add', 'wtc37.py', cwd=where)
    if c.hooked_commit('-m', 'linked', cwd=where):
        c.git('commit', '-q', '--no-verify', '-m', 'linked', cwd=where)


@case('commit', *PUSHES, push=('wth37',))
def linked_worktree_with_a_hooks_path_of_its_own(c: Ctx) -> None:
    """``git config --worktree core.hooksPath`` (``config.worktree``): the
    linked worktree runs another (empty) hooks folder."""
    where = _linked(c, 'wth37')
    elsewhere = c.root.parent / 'wt-hooks37'
    elsewhere.mkdir()
    c.git('config', '--worktree', 'core.hooksPath', str(elsewhere), cwd=where)
    (where / 'wth37.py').write_text(c.line())
    c.git('add', 'wth37.py', cwd=where)
    if c.hooked_commit('-m', 'linked', cwd=where):
        c.git('commit', '-q', '--no-verify', '-m', 'linked', cwd=where)


# --- merges through the pre-merge-commit stage -------------------------------------------

@case('commit', *PUSHES, stack='merge37')
def merge_of_a_pushed_branch_with_a_key_commit_beyond(c: Ctx) -> Iterator[None]:
    """The merged branch is on the remote, but one commit more (made past
    the hooks, never pushed) adds the key: the merge brings that commit."""
    _pre_merge_commit_installed(c)
    c.git('checkout', '-q', '-b', 'beyond37')
    c.write('beyond37.py', 'b = 1\n')
    c.commit('pushed part')
    c.land('beyond37')
    c.git('checkout', '-q', 'main')
    yield
    c.git('checkout', '-q', 'beyond37')
    c.write('beyond37_key.py', c.line())
    c.commit('key, never pushed')
    c.git('checkout', '-q', 'main')
    c.write('beyond37_main.py', 'm = 1\n')
    c.commit('main moves')
    if _hooked(c, 'merge', '-q', '--no-ff', '--no-edit', 'beyond37'):
        _conclude(c, 'merge', '-q', '--no-ff', '--no-edit', 'beyond37')


@case('commit', *PUSHES, stack='merge37')
def octopus_merge_of_a_pushed_branch_and_a_key_branch(c: Ctx) -> Iterator[None]:
    """``git merge a b``: one branch the remote has, one made past the hooks
    and never pushed (MERGE_HEAD names both)."""
    _pre_merge_commit_installed(c)
    c.git('checkout', '-q', '-b', 'oct_had37')
    c.write('oct_had37.py', 'h = 1\n')
    c.commit('pushed')
    c.land('oct_had37')
    c.git('checkout', '-q', 'main')
    yield
    c.git('checkout', '-q', '-b', 'oct_key37', c.base)
    c.write('oct_key37.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')
    if _hooked(c, 'merge', '-q', '--no-edit', 'oct_had37', 'oct_key37'):
        _conclude(c, 'merge', '-q', '--no-edit', 'oct_had37', 'oct_key37')


@case('commit', *PUSHES, decoy=True, stack='merge-decoys37')
def merge_of_a_pushed_key_branch_into_a_file_main_changed_too(c: Ctx) -> Iterator[None]:
    """Decoy: the merged branch's key reached the remote long ago, in a
    file main changed too (git merges both sides' lines): the merge
    brings no key the remote lacks."""
    _pre_merge_commit_installed(c)
    c.write('both37.py', FILLER)
    c.commit('shared file')
    c.land()
    c.git('checkout', '-q', '-b', 'had37')
    c.write('both37.py', FILLER + c.line())
    c.commit('key, long ago')
    c.land('had37')
    c.git('checkout', '-q', 'main')
    yield
    c.write('both37.py', 'first = 0\n' + FILLER)
    c.commit('main changes the file too')
    if _hooked(c, 'merge', '-q', '--no-ff', '--no-edit', 'had37'):
        _conclude(c, 'merge', '-q', '--no-ff', '--no-edit', 'had37')


@case('commit', *PUSHES, decoy=True, stack='merge-decoys37')
def conflict_over_a_pushed_key_branch_concluded_by_commit(c: Ctx) -> Iterator[None]:
    """Decoy: a conflict with a branch whose key reached the remotes long
    ago, resolved keeping both sides and concluded by ``git commit`` (the
    pre-commit stage, with ``MERGE_HEAD``): no key the remotes lack."""
    c.write('cf37.py', 'v = 0\n')
    c.commit('conflict base')
    c.land()
    c.git('checkout', '-q', '-b', 'cfhad37')
    c.write('cf37.py', 'v = 1\n' + c.line())
    c.commit('key, long ago')
    c.land('cfhad37')
    c.git('checkout', '-q', 'main')
    yield
    c.write('cf37.py', 'v = 2\n')
    c.commit('ours')
    c.git('merge', '-q', '--no-verify', 'cfhad37', ok=True)
    c.write('cf37.py', 'v = 3\n' + c.line())
    c.git('add', 'cf37.py')
    if c.hooked_commit('--no-edit'):
        c.git('commit', '-q', '--no-verify', '--no-edit')


@case(*PUSHES, push=('main', 'refs/tags/at37'), flags=('--atomic',))
def atomic_push_of_main_and_a_tag_of_a_key_commit(c: Ctx) -> None:
    """``git push --atomic`` of a clean main and a tag of a commit on no
    branch holding the key: refused, nothing updated."""
    c.write('at_main37.py', 'a = 1\n')
    c.commit('clean main')
    c.git('checkout', '-q', '--detach')
    c.write('at37.py', c.line())
    c.commit('key')
    c.git('tag', 'at37')
    c.git('checkout', '-q', 'main')


# --- commits git makes without the pre-commit hook ----------------------------------------

def _prepare_commit_msg_installed(c: Ctx) -> None:
    """The prepare-commit-msg stage the manifest offers installed too (and
    pre-merge-commit, so a merge is judged as the manifest says)."""
    _pre_merge_commit_installed(c)
    config = (c.root / '.pre-commit-config.yaml').read_text()
    if 'prepare-commit-msg' in config:
        return
    c.write('.pre-commit-config.yaml', config.replace('[pre-commit, pre-merge-commit, commit-msg, pre-push]',
                                                      '[pre-commit, pre-merge-commit, prepare-commit-msg, '
                                                      'commit-msg, pre-push]'))
    c.commit('prepare-commit-msg stage')
    rc, out = run(c.root, c.env, os.path.join(BIN, 'pre-commit'), 'install', '--hook-type', 'prepare-commit-msg')
    assert rc == 0, out


def _past(c: Ctx, *args: str) -> str:
    """A commit made past every hook (``--no-verify`` skips pre-commit and
    commit-msg only; prepare-commit-msg still runs)."""
    c.git('add', '-A')
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', *args)
    return c.git('rev-parse', 'HEAD').strip()


def _side(c: Ctx, name: str, rel: str, text: str) -> str:
    here = c.git('rev-parse', '--abbrev-ref', 'HEAD').strip()
    c.git('checkout', '-q', '-b', name)
    c.write(rel, text)
    sha = _past(c, '-m', f'{name}: {rel}')
    c.git('checkout', '-q', here)
    return sha


@case('commit', *PUSHES, stack='sequencer37')
def cherry_pick_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    _prepare_commit_msg_installed(c)
    yield
    sha = _side(c, 'pick37', 'pick37.py', c.line())
    if _hooked(c, 'cherry-pick', sha):
        c.git('cherry-pick', '--abort', ok=True)
        c.git('reset', '-q', '--hard', 'HEAD')
        c.git('-c', 'core.hooksPath=/dev/null', 'cherry-pick', sha)


@case('commit', *PUSHES, stack='sequencer37')
def revert_of_the_commit_that_took_the_key_out(c: Ctx) -> Iterator[None]:
    """``git revert`` of a removal (made past the hooks): the revert
    brings the key back."""
    _prepare_commit_msg_installed(c)
    yield
    c.write('back37.py', FILLER + c.line())
    _past(c, '-m', 'key, never pushed')
    c.write('back37.py', FILLER)
    _past(c, '-m', 'key out')
    if _hooked(c, 'revert', '--no-edit', 'HEAD'):
        c.git('revert', '--abort', ok=True)
        c.git('reset', '-q', '--hard', 'HEAD')
        c.git('-c', 'core.hooksPath=/dev/null', 'revert', '--no-edit', 'HEAD')


@case('commit', *PUSHES, stack='sequencer37')
def autosquash_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    _prepare_commit_msg_installed(c)
    yield
    c.write('sq37.py', 'f = 1\n')
    _past(c, '-m', 'to fix')
    c.write('sq37.py', 'f = 1\n' + c.line())
    _past(c, '--fixup=HEAD')
    env = dict(c.env, GIT_SEQUENCE_EDITOR='true', GIT_EDITOR='true')
    if _hooked(c, 'rebase', '-q', '-i', '--autosquash', 'HEAD~2', env=env):
        c.git('rebase', '--abort', ok=True)
        c.git('-c', 'core.hooksPath=/dev/null', 'rebase', '-q', '-i', '--autosquash', 'HEAD~2', env=env)


@case('commit', *PUSHES, stack='sequencer37')
def am_through_a_plain_pre_applypatch_hook(c: Ctx) -> Iterator[None]:
    """docs/configuration.md's two-line ``pre-applypatch`` (``together-hooks
    scan --staged``) installed beside pre-commit's hooks."""
    hook = c.root / '.git' / 'hooks' / 'pre-applypatch'
    hook.write_text('#!/bin/sh\nexec together-hooks scan --staged\n')
    hook.chmod(0o755)
    yield
    sha = _side(c, 'am37', 'am37.py', c.line())
    patch = c.root.parent / 'am37.patch'
    c.git('format-patch', '-1', '-o', str(patch), sha)
    patch = next(patch.iterdir())
    if _hooked(c, 'am', '-q', str(patch)):
        c.git('am', '--abort', ok=True)
        c.git('-c', 'core.hooksPath=/dev/null', 'am', '-q', str(patch))


@case('commit', *PUSHES, stack='sequencer37')
def commit_no_verify_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    """``git commit --no-verify`` skips pre-commit and commit-msg; git
    still runs prepare-commit-msg."""
    _prepare_commit_msg_installed(c)
    yield
    c.write('nv37.py', c.line())
    c.git('add', 'nv37.py')
    if c.hooked_commit('--no-verify', '-m', 'past pre-commit'):
        _past(c, '-m', 'past pre-commit')


@case('commit', *PUSHES, decoy=True, stack='sequencer-decoys37')
def clean_picks_reverts_and_rebases_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    """Decoy: a clean cherry-pick, a clean revert, a rebase replaying clean
    commits and a plain commit, each through prepare-commit-msg."""
    _prepare_commit_msg_installed(c)
    yield
    sha = _side(c, 'cleanpick37', 'cleanpick37.py', 'p = 1\n')
    rc = _hooked(c, 'cherry-pick', sha)
    rc |= _hooked(c, 'revert', '--no-edit', 'HEAD')
    c.write('plain37.py', 'p = 2\n')
    c.git('add', 'plain37.py')
    rc |= _hooked(c, 'commit', '-q', '-m', 'plain')
    env = dict(c.env, GIT_SEQUENCE_EDITOR='true', GIT_EDITOR='true')
    rc |= _hooked(c, 'rebase', '-q', '-i', '--force-rebase', 'HEAD~2', env=env)
    c.commit_rc = rc


@case('commit', *PUSHES, decoy=True, stack='sequencer-decoys37')
def rebase_of_a_pushed_key_branch_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    """Decoy: a branch whose key reached every remote long ago, rebased
    onto main (each pick replays a commit the remotes have:
    ``CHERRY_PICK_HEAD``); the rebased branch is then dropped, so the push
    of main sends none of it."""
    _prepare_commit_msg_installed(c)
    c.git('checkout', '-q', '-b', 'rbhad37')
    c.write('rbhad37.py', c.line())
    _past(c, '-m', 'key, long ago')
    c.land('rbhad37')
    c.git('checkout', '-q', 'main')
    yield
    c.write('rb_main37.py', 'm = 1\n')
    c.commit('main moves')
    rc = _hooked(c, 'rebase', '-q', 'main', 'rbhad37')
    if rc:
        c.git('rebase', '--abort', ok=True)
    c.git('checkout', '-q', 'main')
    c.git('branch', '-q', '-D', 'rbhad37')
    c.commit_rc = rc


@case('commit', *PUSHES, decoy=True, stack='sequencer-decoys37')
def merge_of_a_pushed_key_branch_through_prepare_commit_msg(c: Ctx) -> Iterator[None]:
    """Decoy: the merged branch's key reached every remote long ago; the
    merge's prepare-commit-msg reads what the merge stages, as
    pre-merge-commit does."""
    _prepare_commit_msg_installed(c)
    c.git('checkout', '-q', '-b', 'pcmhad37')
    c.write('pcmhad37.py', c.line())
    _past(c, '-m', 'key, long ago')
    c.land('pcmhad37')
    c.git('checkout', '-q', 'main')
    yield
    c.write('pcm_main37.py', 'm = 1\n')
    c.commit('main moves')
    if _hooked(c, 'merge', '-q', '--no-ff', '--no-edit', 'pcmhad37'):
        _conclude(c, 'merge', '-q', '--no-ff', '--no-edit', 'pcmhad37')


# --- CI ranges ---------------------------------------------------------------------------

@case('diff')
def diff_base_a_merge_commit(c: Ctx) -> None:
    """BASE is a merge commit (main after merging a side branch); HEAD a
    branch off it adding and removing the key."""
    c.git('checkout', '-q', '-b', 'side37')
    c.write('side37.py', 's = 1\n')
    c.commit('side')
    c.git('checkout', '-q', 'main')
    c.write('main37.py', 'm = 1\n')
    c.commit('main')
    c.git('merge', '-q', '--no-ff', '--no-verify', '--no-edit', 'side37')
    c.diff_base = c.git('rev-parse', 'HEAD').strip()  # type: ignore[attr-defined]
    c.write('mb37.py', FILLER + c.line())
    c.commit('key')
    c.write('mb37.py', FILLER)
    c.commit('removed')


@case('diff')
def diff_head_an_annotated_tag_of_the_key_commit(c: Ctx) -> None:
    """HEAD given as an annotated tag (a release pipeline) whose commit
    adds the key; the checkout is elsewhere."""
    c.git('checkout', '-q', '-b', 'rel37')
    c.write('rel37.py', c.line())
    c.commit('key')
    c.git('tag', '-a', 'r37', '-m', 'release')
    c.git('checkout', '-q', 'main')
    c.diff_range = f'{c.base}...r37'  # type: ignore[attr-defined]


@case('diff')
def diff_head_a_tag_of_the_commit_removing_the_key(c: Ctx) -> None:
    c.write('relrm37.py', FILLER + c.line())
    c.commit('key')
    c.write('relrm37.py', FILLER)
    c.commit('removed')
    c.git('tag', 'rm37')
    c.git('checkout', '-q', '--detach', c.base)
    c.diff_range = f'{c.base}...rm37'  # type: ignore[attr-defined]


def _ci_clone(c: Ctx, name: str, *how: str) -> Path:
    origin = c.root.parent / 'origin.git'
    c.git('config', 'uploadpack.allowAnySHA1InWant', 'true', cwd=origin)
    where = c.root.parent / name
    c.git('clone', '-q', *how, f'file://{origin}', str(where), cwd=c.root.parent)
    return where


@case('github')
def github_push_after_a_force_push_whose_old_tip_is_gone(c: Ctx) -> None:
    """A force-push to main: ``github.event.before`` (the old tip) is in no
    clone; the new history adds and removes the key."""
    c.write('old37.py', 'o = 1\n')
    old = c.commit('the old tip')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'HEAD:main')
    c.git('reset', '-q', '--hard', 'HEAD~1')
    c.write('fp37.py', FILLER + c.line())
    c.commit('key')
    c.write('fp37.py', FILLER)
    c.commit('removed')
    c.git('push', '-q', '--no-verify', '--force', str(c.root.parent / 'origin.git'), 'HEAD:main')
    where = _ci_clone(c, 'fp37')
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': '', 'BEFORE': old, 'GITHUB_EVENT_NAME': 'push',  # type: ignore[attr-defined]
                'TOGETHER_HOOKS_GATED': ''}


@case('github')
def github_pull_request_target_checks_out_the_base(c: Ctx) -> None:
    """The example's ``on:`` switched to ``pull_request_target`` (to get a
    write token on forks' pull requests): GitHub checks out the base, the
    pull request's head fetched by its id only, and the step's RANGE is
    empty (its expression tests ``pull_request``)."""
    c.git('checkout', '-q', '-b', 'prt37')
    c.write('prt37.py', FILLER + c.line())
    head = c.commit('key')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'HEAD:refs/pull/37/head')
    c.git('checkout', '-q', 'main')
    where = _ci_clone(c, 'prt37')
    c.git('fetch', '-q', 'origin', head, cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': '', 'BEFORE': '', 'GITHUB_EVENT_NAME': 'pull_request_target',  # type: ignore[attr-defined]
                'TOGETHER_HOOKS_GATED': ''}


# --------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


NO_HOOK = ('pre-commit starts no pre-push hook when its own `git rev-list TO --not --remotes=<name>` is '
           'empty, as for a ref naming no commit (docs/ci-gate.md: keep the plain hook as pre-push.legacy; '
           'the server-side gate refuses)')
WORKTREE_HOOKS = ('git runs the hooks of the linked worktree\'s own core.hooksPath (config.worktree), where '
                  'none of ours is; the server-side gate refuses')
MISSED: dict[tuple[str, str], str] = {
    ('lightweight_tag_of_a_blob_holding_the_key', 'pre-push'): NO_HOOK,
    ('linked_worktree_with_a_hooks_path_of_its_own', 'commit'): WORKTREE_HOOKS,
    ('linked_worktree_with_a_hooks_path_of_its_own', 'pre-push'): WORKTREE_HOOKS,
}
# Pairs refused with exit 2 (fail closed: one line, no key named).
CLOSED: dict[tuple[str, str], str] = {
    ('github_pull_request_target_checks_out_the_base', 'github'): (
        'pull_request_target checks out the base (the step would scan the base, never the pull '
        'request): the example exits 2 with one line saying to run it on pull_request'),
}
# Pairs refused by a program before ours, naming no key (nothing is sent).
REFUSED: dict[tuple[str, str], str] = {
    ('push_from_a_clone_set_core_bare_by_mistake', 'pre-push'): (
        'pre-commit fails before any hook runs (`git diff` needs a work tree): the push is refused'),
    ('push_from_a_clone_set_core_bare_by_mistake', 'plain'): (
        'the plain hook exits 2 (one line: git ls-files needs a work tree); git refuses the push'),
}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy, closed=CLOSED, refused=REFUSED)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False


def test_there_are_enough_new_hostile_cases():
    from tests.gate_outside36_test import CASES as O36
    from tests.gate_probe33_test import CASES as C33
    from tests.gate_probe34_test import CASES as C34
    from tests.gate_probe35_test import CASES as C35
    from tests.gate_probe36_test import CASES as C36

    assert not {one.name for one in CASES} & {one.name for one in (*C33, *C34, *C35, *C36, *O36)}
    assert len([one for one in CASES if not one.decoy]) >= 30
