"""The gate probed again (session 38): hostile shapes gate_probe33 to 37
and gate_outside36/37 did not try, each through the real modes that must
refuse it (``tests/gate_stack.py``: real pre-commit stages, the plain
hook, ``pre-receive`` behind ``git push --no-verify``, ``scan --diff``,
``--history`` (SARIF to a file), ``scan PATH``, ``--staged``).

New here: remote-tracking refs that say more than the remote holds
(``update-ref``, a fetch from another URL, refs left from the old server
after ``set-url``) for pre-push and pre-merge-commit; our hook's stages
narrowed by the user's config; a ``.secrets.baseline`` the commit does not
carry (untracked, or edited and not staged); refspecs of other shapes
(``+HEAD:``, ``@:``, ``tag <name>``, ``refs/stash``, ``push.default
matching``) and ``--push-option``; a blobless clone pushing what it lacks;
``git -c core.hooksPath=/dev/null``; ``commit --only`` and
``--pathspec-from-file``; ``read-tree``, ``checkout <branch> -- path``,
``stash branch`` then committed; a fast-forward merge; autosquash with
``--exec``; ``working-tree-encoding``; a replaced blob; an ``index.lock``
left behind; a 100 MB file; commits only a linked worktree's HEAD,
``refs/worktree/`` or ``refs/bisect/`` reach; ``--diff`` against an
unrelated base and with a two-dot range.

``MISSED``: strict xfails, with why; ``CLOSED``: refused with exit 2
(fail closed, one line, no key named); ``REFUSED``: refused by a program
before ours.  Measured at 5418d64c; docs/hardening.md, "Session 38
(gate38)".
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

import pytest

from tests.gate_probe36_test import _pre_merge_commit_installed
from tests.gate_stack import PUSHES
from tests.gate_stack import RANGE
from tests.gate_stack import Ctx
from tests.gate_stack import Suite
from tests.gate_stack import judge
from tests.gitplay import BIN
from tests.gitplay import bare
from tests.gitplay import install
from tests.gitplay import run
from together_hooks.findings import hash_secret

SUITE = Suite('gate38', history='sarif')
CASES = SUITE.cases
case = SUITE.case
FILLER = ''.join(f'row_{n} = {n}\n' for n in range(30))


def _outside(c: Ctx, name: str, text: str) -> Path:
    """A file beside the repository (so no command line holds the key)."""
    path = c.root.parent / name
    path.write_text(text)
    return path


def _past(c: Ctx, rel: str, text: str, msg: str = 'key') -> str:
    """``rel`` committed past every hook; its commit."""
    c.write(rel, text)
    c.git('add', '-f', '--', rel)
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', msg)
    return c.git('rev-parse', 'HEAD').strip()


def _branch_past(c: Ctx, name: str, rel: str, text: str) -> str:
    """A branch ``name`` from HEAD with ``rel`` committed past every hook;
    HEAD back where it was; the branch's commit."""
    here = c.git('rev-parse', '--abbrev-ref', 'HEAD').strip()
    c.git('checkout', '-q', '-b', name)
    sha = _past(c, rel, text, name)
    c.git('checkout', '-q', here)
    return sha


def _hooked_or_past(c: Ctx, *args: str, env: dict[str, str] | None = None) -> None:
    """``git commit <args>`` through the hooks; past them when they refuse
    (the pushes and scans judge it then)."""
    if c.hooked_commit(*args, env=env):
        c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', *args, env=env)


# --- commits: what git commits beside what pre-commit is shown -------------------------

@case('commit', *RANGE, stack='commit38')
def commit_with_hooks_path_set_to_dev_null(c: Ctx) -> None:
    """``git -c core.hooksPath=/dev/null commit``: git runs no hook at
    all (as ``--no-verify`` for every hook type): the user's choice."""
    c.write('devnull38.py', FILLER + c.line())
    c.git('add', 'devnull38.py')
    rc, out = run(c.root, c.env, 'git', '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'dev null')
    c.outputs.append(out)
    c.commit_rc = rc


@case('commit', *RANGE, stack='commit38')
def commit_only_of_a_path_whose_work_tree_holds_the_key(c: Ctx) -> None:
    """``git commit --only <path>``: git commits the work tree's bytes of
    the path (a temporary index), not what is staged (clean)."""
    _past(c, 'only38.py', FILLER, 'only clean')
    c.write('only38.py', FILLER + c.line())
    _hooked_or_past(c, '--only', '-m', 'only', '--', 'only38.py')


@case('commit', *RANGE, stack='commit38')
def commit_pathspec_from_file_naming_the_key_file(c: Ctx) -> None:
    """``git commit --pathspec-from-file=<file>``: the paths come from a
    file, the key's modification unstaged."""
    _past(c, 'pfile38.py', FILLER, 'pfile clean')
    c.write('pfile38.py', FILLER + c.line())
    listed = _outside(c, 'paths38.txt', 'pfile38.py\n')
    _hooked_or_past(c, f'--pathspec-from-file={listed}', '-m', 'from file')


@case('commit', *RANGE, stack='commit38')
def read_tree_of_a_key_tree_then_committed(c: Ctx) -> None:
    """``git read-tree -m -u`` of a tree holding the key (plumbing into
    the index and the work tree), then a commit through the hooks."""
    blob = c.blob(FILLER + c.line())
    here = c.git('rev-parse', 'HEAD^{tree}').strip()
    listing = c.git('ls-tree', here) + f'100644 blob {blob}\treadtree38.py\n'
    tree = c.git('mktree', stdin=listing.encode()).strip()
    c.git('read-tree', '-m', '-u', here, tree)
    _hooked_or_past(c, '-m', 'read tree')


@case('commit', *RANGE, stack='commit38')
def checkout_of_a_path_from_a_no_verify_branch_then_committed(c: Ctx) -> None:
    """``git checkout <branch> -- <path>`` stages a key file another local
    branch got past the hooks; then a commit through them."""
    _branch_past(c, 'side38', 'co38.py', FILLER + c.line())
    c.git('checkout', 'side38', '--', 'co38.py')
    _hooked_or_past(c, '-m', 'checked out')
    c.git('branch', '-q', '-D', 'side38')


@case('commit', *RANGE, stack='commit38')
def stash_branch_then_committed(c: Ctx) -> None:
    """``git stash`` of a staged key file, ``git stash branch`` (a branch
    at the stash's base, the stash applied), committed there through the
    hooks and merged back fast-forward."""
    c.write('stbr38.py', c.line())
    c.git('add', 'stbr38.py')
    c.git('stash', '-q')
    c.git('stash', 'branch', 'stbr38')
    _hooked_or_past(c, '-m', 'from the stash')
    c.git('checkout', '-q', 'main')
    c.git('merge', '-q', '--ff-only', 'stbr38')
    c.git('branch', '-q', '-d', 'stbr38')


@case('commit', *RANGE, 'path', stack='commit38')
def working_tree_encoding_utf16_file(c: Ctx) -> None:
    """``working-tree-encoding=UTF-16``: the work tree holds UTF-16, git
    stores (and a remote serves) UTF-8."""
    c.attributes('wte38.txt working-tree-encoding=UTF-16\n')
    c.git('add', '.gitattributes')
    c.write('wte38.txt', (FILLER + c.line()).encode('utf-16'))
    c.git('add', 'wte38.txt')
    _hooked_or_past(c, '-m', 'utf-16')


@case(*RANGE, stack='commit38')
def fast_forward_merge_of_a_no_verify_key_branch(c: Ctx) -> None:
    """``git merge --ff-only`` makes no commit: no commit hook runs (the
    branch was made past them); the pushes and scans judge it."""
    _branch_past(c, 'ff38', 'ff38.py', FILLER + c.line())
    c.git('merge', '-q', '--ff-only', 'ff38')
    c.git('branch', '-q', '-d', 'ff38')


@case(*RANGE, stack='commit38')
def fixup_folded_by_autosquash_with_exec(c: Ctx) -> None:
    """``git commit --fixup`` made past the hooks, folded in by ``git
    rebase -i --autosquash --exec true`` (no editor: the todo as made)."""
    base = c.git('rev-parse', 'HEAD').strip()
    _past(c, 'asq38.py', FILLER, 'to fix up')
    c.write('asq38.py', FILLER + c.line())
    c.git('add', 'asq38.py')
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--fixup', 'HEAD')
    env = dict(c.env, GIT_SEQUENCE_EDITOR='true')
    c.git('-c', 'core.hooksPath=/dev/null', 'rebase', '-q', '-i', '--autosquash', '--exec', 'true', base,
          env=env)


@case(*RANGE, stack='commit38')
def replaced_key_blob_shows_a_clean_one(c: Ctx) -> None:
    """``git replace <key blob> <clean blob>``: every local reading of the
    commit shows the clean blob; the push sends the key's."""
    sha = _past(c, 'rblob38.py', FILLER + c.line())
    key_blob = c.git('rev-parse', f'{sha}:rblob38.py').strip()
    c.git('replace', key_blob, c.blob(FILLER))


@case('commit', *RANGE, 'path', stack='big38')
def hundred_megabyte_file_with_the_key_at_its_end(c: Ctx) -> None:
    chunk = ('lorem ipsum dolor sit amet ' * 37 + '\n') * 1000
    with open(c.root / 'big38.txt', 'w') as f:
        for _ in range(100):
            f.write(chunk)
        f.write(c.line())
    c.git('add', 'big38.txt')
    _hooked_or_past(c, '-m', 'a hundred megabytes')


@case(*RANGE, 'plain', stack='lock38')
def index_lock_left_behind_by_a_killed_git(c: Ctx) -> None:
    """A key commit made past the hooks, then ``.git/index.lock`` left
    behind (a git killed mid-write): the push and the scans still run."""
    _past(c, 'lock38.py', FILLER + c.line())
    (c.root / '.git' / 'index.lock').write_bytes(b'')


# --- remote-tracking refs that say more than the remote holds -------------------------------

@case(*PUSHES, 'plain', push=('forged38',))
def tracking_ref_forged_by_update_ref(c: Ctx) -> None:
    """``git update-ref refs/remotes/origin/<branch>`` names a key branch
    no remote has: pre-push reads the remote's refs as what it holds."""
    sha = _branch_past(c, 'forged38', 'forged38.py', FILLER + c.line())
    c.git('update-ref', 'refs/remotes/origin/forged38', sha)


@case(*PUSHES, 'plain', push=('other38',))
def tracking_refs_fetched_from_another_url(c: Ctx) -> None:
    """``git fetch <another repository> +refs/heads/*:refs/remotes/origin/*``:
    origin's tracking refs now describe another server, which has the
    key branch."""
    sha = _branch_past(c, 'other38', 'other38.py', FILLER + c.line())
    other = bare(c.root.parent / 'elsewhere38.git')
    c.git('push', '-q', '--no-verify', other, 'other38')
    c.git('fetch', '-q', other, '+refs/heads/*:refs/remotes/origin/*')
    assert c.git('rev-parse', 'refs/remotes/origin/other38').strip() == sha


@case(*PUSHES, 'plain', push=('moved38',))
def tracking_refs_left_from_the_old_server_after_set_url(c: Ctx) -> None:
    """The key branch was pushed (past the hooks) to the old server;
    ``git remote set-url origin <new server>``, which has only main: the
    refs still name the old server's branches."""
    _branch_past(c, 'moved38', 'moved38.py', FILLER + c.line())
    c.git('push', '-q', '--no-verify', 'origin', 'moved38')
    new = bare(c.root.parent / 'new-origin38.git')
    c.git('push', '-q', '--no-verify', new, 'main')
    c.git('remote', 'set-url', 'origin', new)


@case('commit', *PUSHES, push=('main',))
def merge_of_a_branch_whose_tracking_refs_were_forged(c: Ctx) -> None:
    """pre-merge-commit (installed): a key branch made past the hooks, its
    tracking refs for both remotes made by ``update-ref``, merged with
    ``--no-ff`` through the hooks."""
    _pre_merge_commit_installed(c)
    sha = _branch_past(c, 'fm38', 'fm38.py', FILLER + c.line())
    for name in ('origin', 'gate'):
        c.git('update-ref', f'refs/remotes/{name}/fm38', sha)
    rc, out = run(c.root, c.env, 'git', 'merge', '-q', '--no-ff', '-m', 'merge fm38', 'fm38')
    c.outputs.append(out)
    c.commit_rc = rc
    if rc:
        c.git('merge', '--abort', ok=True)
        c.git('-c', 'core.hooksPath=/dev/null', 'merge', '-q', '--no-ff', '-m', 'merge fm38', 'fm38')


# --- refspecs and push options ---------------------------------------------------------------

@case(*PUSHES, 'plain', 'history', push=('+HEAD:refs/heads/plus38',))
def forced_head_refspec_from_a_detached_head(c: Ctx) -> None:
    """``git push origin +HEAD:refs/heads/<new>`` from a detached HEAD
    whose commits add and remove the key."""
    c.git('checkout', '-q', '--detach')
    _past(c, 'plus38.py', FILLER + c.line())
    _past(c, 'plus38.py', FILLER, 'removed')


@case(*PUSHES, 'plain', push=('@:refs/heads/at38',))
def at_sign_refspec_for_head(c: Ctx) -> None:
    """``@`` is HEAD: ``git push origin @:refs/heads/<new>``."""
    _past(c, 'at38.py', FILLER + c.line())


@case(*PUSHES, 'plain', 'history', push=('tag', 'kw38'))
def tag_keyword_refspec(c: Ctx) -> None:
    """``git push origin tag <name>`` (the ``tag`` word): an annotated
    tag whose message holds the key."""
    msg = _outside(c, 'tagmsg38.txt', f'release\n\ntoken {c.key}\n')
    c.git('tag', '-a', 'kw38', '-F', str(msg))


@case(*PUSHES, 'plain', 'history', push=('refs/stash',))
def stash_ref_pushed_by_its_name(c: Ctx) -> None:
    """``git push origin refs/stash``: the stash commits (the key staged
    in its index commit) sent as a ref of that name."""
    c.write('stash38.py', c.line())
    c.git('add', 'stash38.py')
    c.git('stash', '-q')


@case('pre-push', 'pre-receive', 'plain', push=())
def push_default_matching_sends_a_key_branch_beside_main(c: Ctx) -> None:
    """``push.default=matching`` and ``git push <remote>``: every branch
    both sides have, a landed branch with a new key commit among them."""
    c.git('checkout', '-q', '-b', 'match38')
    c.land('match38')
    _past(c, 'match38.py', FILLER + c.line())
    c.git('checkout', '-q', 'main')
    c.git('config', 'push.default', 'matching')


@case(*PUSHES, push=('main',))
def push_option_holding_the_key(c: Ctx) -> None:
    """``git push -o <option>`` (both servers advertise push options): the
    option's text reaches the server's hooks and logs."""
    for name in ('origin', 'gate'):
        c.git('config', 'receive.advertisePushOptions', 'true', cwd=c.root.parent / f'{name}.git')
    _past(c, 'opt38.py', FILLER, 'clean')
    c.push = ('-o', f'ticket={c.key}', 'main')  # type: ignore[attr-defined]


@case('pre-push', 'pre-receive', push=('blobless38',))
def blobless_clone_pushing_a_branch_whose_key_blob_it_lacks(c: Ctx) -> None:
    """A ``--filter=blob:none`` clone (pre-commit installed) pushes a
    branch another remote holds to a server that lacks it: the key's blob
    was never fetched (git fetches it lazily to send it)."""
    _branch_past(c, 'blobless38', 'blobless38.py', FILLER + c.line())
    origin = c.root.parent / 'origin.git'
    c.git('push', '-q', '--no-verify', 'origin', 'blobless38')
    for k, v in (('uploadpack.allowFilter', 'true'), ('uploadpack.allowAnySHA1InWant', 'true')):
        c.git('config', k, v, cwd=origin)
    clone = c.root.parent / 'blobless38'
    c.git('clone', '-q', '--filter=blob:none', f'file://{origin}', str(clone), cwd=c.root.parent)
    c.git('branch', '-q', 'blobless38', 'origin/blobless38', cwd=clone)
    for k, v in (('user.email', 'dev@example.com'), ('user.name', 'Dev')):
        c.git('config', k, v, cwd=clone)
    install(clone, c.env)
    third = bare(c.root.parent / 'third38.git')
    c.git('remote', 'add', 'third', third, cwd=clone)
    c.push_cwd = clone  # type: ignore[attr-defined]
    c.remotes = {'origin': 'third', 'gate': str(c.root.parent / 'gate.git')}  # type: ignore[attr-defined]


# --- our hook's stage narrowed, and a baseline the commit does not carry ---------------------

def _config(c: Ctx, stages: str, prepare: bool) -> None:
    config = (c.root / '.pre-commit-config.yaml').read_text()
    c.write('.pre-commit-config.yaml', config.replace('[pre-commit, commit-msg, pre-push]', f'[{stages}]'))
    _past(c, '.pre-commit-config.yaml', (c.root / '.pre-commit-config.yaml').read_text(), 'stages')
    if prepare:
        rc, out = run(c.root, c.env, os.path.join(BIN, 'pre-commit'), 'install', '--hook-type',
                      'prepare-commit-msg')
        assert rc == 0, out


@case('commit', *PUSHES, push=('main',))
def key_hook_stages_narrowed_to_prepare_commit_msg(c: Ctx) -> None:
    """The user's config runs our hook at ``prepare-commit-msg`` (and
    pre-push) only; pre-commit's pre-commit hook is installed (for other
    hooks), so git runs it, but our hook is not among its hooks."""
    _config(c, 'prepare-commit-msg, pre-push', prepare=True)
    c.write('narrow38.py', FILLER + c.line())
    c.git('add', 'narrow38.py')
    _hooked_or_past(c, '-m', 'narrowed')


@case('commit', 'pre-push', push=('main',), decoy=True)
def clean_commit_with_stages_narrowed_to_prepare_commit_msg(c: Ctx) -> None:
    _config(c, 'prepare-commit-msg, pre-push', prepare=True)
    c.write('narrow38.py', FILLER)
    c.git('add', 'narrow38.py')
    _hooked_or_past(c, '-m', 'narrowed, clean')


def _baseline(c: Ctx, rel: str) -> str:
    """A detect-secrets baseline recording the case's key in ``rel``."""
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {rel: [{'type': 'Together AI API Key', 'filename': rel, 'is_verified': False,
                           'hashed_secret': hash_secret(c.key), 'line_number': 31}]},
        'generated_at': '2026-01-01T00:00:00Z'}, indent=2) + '\n'


EMPTY_BASELINE = json.dumps({'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {},
                             'generated_at': '2026-01-01T00:00:00Z'}, indent=2) + '\n'


@case('commit', *PUSHES, push=('main',))
def untracked_baseline_excusing_the_key(c: Ctx) -> None:
    """A ``.secrets.baseline`` git does not track (never added) records the
    key: no clone, no CI and no server-side gate knows it."""
    c.write('.secrets.baseline', _baseline(c, 'bl38.py'))
    c.write('bl38.py', FILLER + c.line())
    c.git('add', 'bl38.py')
    _hooked_or_past(c, '-m', 'baselined locally')


@case('commit', *PUSHES, push=('main',))
def baseline_edited_but_not_staged_excusing_the_key(c: Ctx) -> None:
    """The tracked baseline (empty) edited in the work tree to record the
    key, the edit not staged: the commit carries the empty one."""
    _past(c, '.secrets.baseline', EMPTY_BASELINE, 'baseline')
    c.write('.secrets.baseline', _baseline(c, 'bl38.py'))
    c.write('bl38.py', FILLER + c.line())
    c.git('add', 'bl38.py')
    _hooked_or_past(c, '-m', 'baselined in the work tree')


@case('commit', 'pre-push', push=('main',), decoy=True)
def staged_baseline_excusing_a_key_committed_with_it(c: Ctx) -> None:
    """The baseline recording the key staged with the key's file: the
    commit carries both (what CI will read)."""
    c.write('.secrets.baseline', _baseline(c, 'bl38.py'))
    c.write('bl38.py', FILLER + c.line())
    c.git('add', 'bl38.py', '.secrets.baseline')
    _hooked_or_past(c, '-m', 'baselined')


# --- history: commits only per-worktree refs reach ------------------------------------------

@case('history', stack='history38')
def commit_only_a_linked_worktree_s_detached_head_reaches(c: Ctx) -> None:
    where = c.root.parent / 'wt-history38'
    c.git('worktree', 'add', '-q', '--detach', str(where), 'HEAD')
    c.write('../wt-history38/wth38.py', FILLER + c.line())
    c.git('add', 'wth38.py', cwd=where)
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'in the worktree', cwd=where)


@case('history', stack='history38')
def commit_only_a_per_worktree_ref_reaches(c: Ctx) -> None:
    """``refs/worktree/<name>`` (per worktree, like HEAD)."""
    sha = _branch_past(c, 'perwt38', 'perwt38.py', FILLER + c.line())
    c.git('update-ref', 'refs/worktree/keep38', sha)
    c.git('branch', '-q', '-D', 'perwt38')


@case('history', stack='history38')
def commit_only_a_bisect_ref_reaches(c: Ctx) -> None:
    sha = _branch_past(c, 'bisect38', 'bisect38.py', FILLER + c.line())
    c.git('update-ref', 'refs/bisect/bad', sha)
    c.git('branch', '-q', '-D', 'bisect38')


# --- the CI gate's range ----------------------------------------------------------------------

@case('diff')
def diff_against_a_base_with_no_common_history(c: Ctx) -> None:
    """``scan --diff <base>...HEAD`` where BASE shares no commit with HEAD
    (a pull request from an unrelated history): no merge base."""
    here = c.git('rev-parse', '--abbrev-ref', 'HEAD').strip()
    c.git('checkout', '-q', '--orphan', 'unrelated38')
    c.git('rm', '-rq', '--cached', '.')
    _past(c, 'u38.py', 'u = 1\n', 'unrelated')
    c.git('checkout', '-q', '-f', here)
    _past(c, 'nomb38.py', FILLER + c.line())
    c.diff_range = 'unrelated38...HEAD'  # type: ignore[attr-defined]


@case('diff')
def diff_with_a_two_dot_range(c: Ctx) -> None:
    """``scan --diff BASE..HEAD`` (two dots, as some CI snippets write)."""
    _past(c, 'twodot38.py', FILLER + c.line())
    _past(c, 'twodot38.py', FILLER, 'removed')
    c.diff_range = f'{c.base}..HEAD'  # type: ignore[attr-defined]


# --- decoys -------------------------------------------------------------------------------------

@case(*PUSHES, push=('main', 'second38'))
def push_of_main_and_a_key_branch_named_second(c: Ctx) -> None:
    """``git push origin main <branch>``: pre-commit describes main; the
    key is on the second branch the command line names."""
    _branch_past(c, 'second38', 'second38.py', FILLER + c.line())
    _past(c, 'clean38.py', FILLER, 'clean')


@case('pre-push', 'pre-receive', 'diff', push=('main',), decoy=True)
def push_of_main_while_another_local_branch_holds_an_unpushed_key(c: Ctx) -> None:
    """Pushing main, clean, while a local branch made past the hooks (and
    never pushed) holds a key: the push sends none of it."""
    _branch_past(c, 'wip38', 'wip38.py', FILLER + c.line())
    _past(c, 'clean38.py', FILLER, 'clean')


@case('commit', 'pre-push', push=('main',), decoy=True)
def commit_only_of_a_clean_path_while_the_index_holds_a_key(c: Ctx) -> None:
    """``git commit --only <clean path>`` while another file with the key
    is staged: the commit holds the clean path alone; the key stays
    staged, never committed (unstaged before the push)."""
    c.write('clean-only38.py', FILLER)
    c.git('add', 'clean-only38.py')
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'clean')
    c.write('clean-only38.py', FILLER + 'more = 1\n')
    c.write('staged-key38.py', FILLER + c.line())
    c.git('add', 'staged-key38.py')
    _hooked_or_past(c, '--only', '-m', 'only the clean path', '--', 'clean-only38.py')
    c.git('rm', '-q', '--cached', 'staged-key38.py')
    os.remove(c.root / 'staged-key38.py')


@case(*PUSHES, push=('main',), decoy=True)
def merge_of_a_key_branch_both_remotes_got_by_push_then_fetched(c: Ctx) -> None:
    """A key branch on both remotes long ago (its tracking refs written by
    a push and by ``git fetch`` of each remote by name), merged into
    main: the push of main brings no key."""
    _branch_past(c, 'held38', 'held38.py', FILLER + c.line())
    c.land('held38')  # origin by a push, gate past its hook (the clone then fetches gate by name)
    c.git('fetch', '-q', 'origin')
    c.git('-c', 'core.hooksPath=/dev/null', 'merge', '-q', '--no-ff', '-m', 'merge held38', 'held38')


@case(*PUSHES, push=('main',), decoy=True)
def replacement_of_a_clean_blob_by_a_key_blob_kept_local(c: Ctx) -> None:
    """``git replace <clean blob> <key blob>``, the replace ref never
    pushed: the server gets the clean blob."""
    sha = _past(c, 'rclean38.py', FILLER, 'clean')
    clean = c.git('rev-parse', f'{sha}:rclean38.py').strip()
    c.git('replace', '-f', clean, c.blob(FILLER + c.line()))


# --------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


USERS_CHOICE = ('`git -c core.hooksPath=/dev/null commit` runs no hook of any type, as --no-verify skips '
                'pre-commit and commit-msg: the user\'s choice (docs/ci-gate.md); the pushes and scans refuse it')
TRACKING = ('the refs left from the old server after `git remote set-url` were written by a fetch or push '
            'from the remote\'s name, as the new server\'s would be: no local record says which URL (docs/ci-gate.md, '
            '"What the client hooks trust"); the server-side gate and CI refuse it')
NO_HOOK_TRACKING = ('pre-commit starts no pre-push hook: its own `git rev-list TO --not --remotes=<name>` trusts '
                    'the tracking ref our hook no longer does (update-ref, a fetch from another URL); the plain '
                    'hook kept as pre-push.legacy and the server-side gate refuse it')
NO_HOOK = ('pre-commit starts no pre-push hook when its own `git rev-list TO --not --remotes=<name>` is '
           'empty: a tag of a commit the remote has (docs/ci-gate.md: keep the plain hook as pre-push.legacy; '
           'the server-side gate refuses)')
MISSED: dict[tuple[str, str], str] = {
    ('commit_with_hooks_path_set_to_dev_null', 'commit'): USERS_CHOICE,
    ('tracking_ref_forged_by_update_ref', 'pre-push'): NO_HOOK_TRACKING,
    ('tracking_refs_fetched_from_another_url', 'pre-push'): NO_HOOK_TRACKING,
    ('tracking_refs_left_from_the_old_server_after_set_url', 'pre-push'): TRACKING,
    ('tracking_refs_left_from_the_old_server_after_set_url', 'plain'): TRACKING,
    ('tag_keyword_refspec', 'pre-push'): NO_HOOK,
}
# Pairs refused with exit 2 (fail closed: one line, no key named).
CLOSED: dict[tuple[str, str], str] = {
    ('diff_against_a_base_with_no_common_history', 'diff'): (
        'no merge base: one line naming the two-dot range that scans what HEAD has and BASE lacks'),
}
# Pairs refused by a program before ours, naming no key (nothing is sent).
REFUSED: dict[tuple[str, str], str] = {
    ('blobless_clone_pushing_a_branch_whose_key_blob_it_lacks', 'pre-push'): (
        'fail closed: the hook exits 2 (one line with the `git cat-file -e` that fetches the blob the '
        'partial clone lacks; the scan never fetches), so pre-commit exits 1 and git refuses the push'),
    ('index_lock_left_behind_by_a_killed_git', 'pre-push'): (
        'pre-commit fails before any hook (its `git write-tree` cannot take index.lock): the push is refused'),
}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy, closed=CLOSED, refused=REFUSED)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False


def test_there_are_enough_new_hostile_cases():
    from tests.gate_outside36_test import CASES as O36
    from tests.gate_outside37_test import CASES as O37
    from tests.gate_probe33_test import CASES as C33
    from tests.gate_probe34_test import CASES as C34
    from tests.gate_probe35_test import CASES as C35
    from tests.gate_probe36_test import CASES as C36
    from tests.gate_probe37_test import CASES as C37

    older = (*C33, *C34, *C35, *C36, *C37, *O36, *O37)
    assert not {one.name for one in CASES} & {one.name for one in older}
    assert len([one for one in CASES if not one.decoy]) >= 30
