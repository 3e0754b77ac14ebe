"""The gate probed again (session 36): hostile shapes gate_probe33, 34 and
35 did not try, each through the real modes that must refuse it.

The machinery is ``tests/gate_stack.py``'s (the shared template with
pre-commit installed for the pre-commit, commit-msg and pre-push stages, a
bare ``origin`` with no hook and a bare ``gate`` running
examples/pre-receive), with its CI modes (``github``, ``gitlab``: the
examples' scan steps as written, in a clone made as the service makes it).
New here: commits git makes with other commands than ``git commit``
(cherry-pick, revert, am, rebase, merge, stash), each through the installed
hooks (``commit`` is found when that command exits non-zero naming the
key), ``git replace`` objects, ``--mirror`` and ``--prune`` pushes, paths
git normalises or quotes, and CI clones that lack blobs or branches.
``scan --history`` writes SARIF to a file (read for leaks too).

``MISSED``: strict xfails, with why; ``CLOSED``: refused with exit 2
(fail closed, one line, no key named); measured at eeb1dacc.
"""
from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest

from tests.gate_stack import PUSHES
from tests.gate_stack import RANGE
from tests.gate_stack import Ctx
from tests.gate_stack import Suite
from tests.gate_stack import judge
from tests.gitplay import BIN
from tests.gitplay import run

SUITE = Suite('gate36', history='sarif')
CASES = SUITE.cases
case = SUITE.case
FILLER = ''.join(f'row_{n} = {n}\n' for n in range(30))


def _hooked(c: Ctx, *args: str, env: dict[str, str] | None = None) -> int:
    """A git command (not only ``commit``) run through the installed hooks:
    its exit code and output are the case's ``commit`` result."""
    rc, out = run(c.root, env or c.env, 'git', *args)
    c.outputs.append(out)
    c.commit_rc = rc
    return rc


def _conclude(c: Ctx, *merge: str) -> None:
    """After the hooks refused a merge: the merge made past them."""
    c.git('merge', '--abort', ok=True)
    c.git(*merge, '--no-verify')


def _side(c: Ctx, name: str, rel: str, text: str) -> str:
    """A branch ``name`` off HEAD with one commit (made past the hooks)
    writing ``text`` to ``rel``; HEAD goes back where it was."""
    here = c.git('rev-parse', '--abbrev-ref', 'HEAD').strip()
    c.git('checkout', '-q', '-b', name)
    c.write(rel, text)
    sha = c.commit(f'{name}: {rel}')
    c.git('checkout', '-q', here)
    return sha


def _editor_adding(c: Ctx, line: str) -> dict[str, str]:
    """An editor that appends ``line`` to the message file (a script
    outside the repository, so no command line shows the key)."""
    script = c.root.parent / f'editor-{abs(hash(line)) % 10 ** 8}.sh'
    script.write_text(f'#!/bin/sh\nprintf \'%s\\n\' \'{line}\' >> "$1"\n')
    script.chmod(0o755)
    return dict(c.env, GIT_EDITOR=str(script))


# --- commits git makes without `git commit` ------------------------------------

@case('commit', *PUSHES, stack='seq36')
def cherry_pick_of_a_no_verify_key_commit(c: Ctx) -> Iterator[None]:
    """``git cherry-pick`` of a commit made with ``--no-verify``: git runs
    prepare-commit-msg and post-commit only."""
    yield
    sha = _side(c, 'pick36', 'pick36.py', c.line())
    if _hooked(c, 'cherry-pick', sha):
        c.git('cherry-pick', '--abort', ok=True)
        c.git('cherry-pick', '--no-verify', sha, ok=True)


@case('commit', *PUSHES, stack='seq36')
def revert_whose_edited_message_holds_the_key(c: Ctx) -> Iterator[None]:
    """``git revert`` with the editor: the message typed holds the key."""
    c.write('rev36.py', 'r = 1\n')
    sha = c.commit('to revert')
    yield
    env = _editor_adding(c, f'reverted, token {c.key}')
    if _hooked(c, 'revert', '--edit', sha, env=env):
        c.git('revert', '--abort', ok=True)
        c.git('revert', '--no-edit', sha, ok=True)
        c.git('commit', '-q', '--no-verify', '--amend', '-m', f'reverted, token {c.key}')


@case('commit', *PUSHES, stack='seq36')
def am_of_a_patch_holding_the_key(c: Ctx) -> Iterator[None]:
    """``git am`` of a mailed patch adding the key (git runs applypatch-msg
    and pre-applypatch, which pre-commit does not offer)."""
    yield
    sha = _side(c, 'am36', 'am36.py', c.line())
    patch = c.root.parent / 'am36.patch'
    c.git('format-patch', '-1', '-o', str(patch), sha)
    patch = next(patch.iterdir())
    if _hooked(c, 'am', '-q', str(patch)):
        c.git('am', '--abort', ok=True)
        c.git('am', '-q', '--no-verify', str(patch))


@case('commit', *PUSHES, stack='seq36')
def apply_index_of_a_patch_then_committed(c: Ctx) -> Iterator[None]:
    yield
    sha = _side(c, 'ap36', 'ap36.py', c.line())
    patch = c.root.parent / 'ap36.patch'
    c.git('format-patch', '-1', '-o', str(patch), sha)
    patch = next(patch.iterdir())
    c.git('apply', '--index', str(patch))
    if c.hooked_commit('-m', 'applied'):
        c.git('commit', '-q', '--no-verify', '-m', 'applied')


@case('commit', *PUSHES, stack='seq36')
def stash_pop_then_committed(c: Ctx) -> Iterator[None]:
    yield
    c.write('pop36.py', c.line())
    c.git('add', 'pop36.py')
    c.git('stash', '-q')
    c.git('stash', 'pop', '-q', '--index')
    if c.hooked_commit('-m', 'popped'):
        c.git('commit', '-q', '--no-verify', '-m', 'popped')


@case('commit', *PUSHES, stack='seq36')
def autosquash_of_a_fixup_adding_the_key(c: Ctx) -> Iterator[None]:
    """A ``fixup!`` commit made with ``--no-verify`` folded in by ``git
    rebase -i --autosquash`` (the rebase commits the result itself)."""
    yield
    c.write('fix36.py', 'f = 1\n')
    c.git('add', 'fix36.py')
    c.git('commit', '-q', '--no-verify', '-m', 'to fix')
    c.write('fix36.py', 'f = 1\n' + c.line())
    c.git('add', 'fix36.py')
    c.git('commit', '-q', '--no-verify', '--fixup=HEAD')
    env = dict(c.env, GIT_SEQUENCE_EDITOR='true', GIT_EDITOR='true')
    if _hooked(c, 'rebase', '-q', '-i', '--autosquash', 'HEAD~2', env=env):
        c.git('rebase', '--abort', ok=True)


@case('commit', *PUSHES, stack='seq36')
def rebase_exec_line_committing_the_key(c: Ctx) -> Iterator[None]:
    """``git rebase -x`` whose command commits the key: its ``git commit``
    runs the hooks."""
    yield
    c.write('exb36.py', 'e = 1\n')
    c.commit('before the exec')
    script = c.root.parent / 'exec36.sh'
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' 'TOGETHER_API_KEY = \"{c.key}\"' > ex36.py\n"
                      'git add ex36.py && git commit -q -m exec36\n')
    script.chmod(0o755)
    if _hooked(c, 'rebase', '-q', '-x', str(script), 'HEAD~1'):
        c.git('commit', '-q', '--no-verify', '-m', 'exec36', ok=True)
        c.git('rebase', '--continue', ok=True)


@case('commit', *PUSHES, stack='seq36')
def merge_with_a_message_holding_the_key(c: Ctx) -> Iterator[None]:
    """``git merge -m``: git runs commit-msg for a merge's message."""
    yield
    _side(c, 'mm36', 'mm36.py', 'm = 1\n')
    merge = ('merge', '-q', '--no-ff', '-m', f'merge, token {c.key}', 'mm36')
    if _hooked(c, *merge):
        _conclude(c, *merge)


@case('commit', *PUSHES, stack='seq36')
def merge_continue_after_a_conflict_resolved_with_the_key(c: Ctx) -> Iterator[None]:
    """A conflict resolved by typing the key, concluded by ``git merge
    --continue`` (git runs ``git commit`` for it)."""
    c.write('mc36.py', 'v = 0\n')
    c.commit('base of the conflict')
    yield
    _side(c, 'mc36', 'mc36.py', 'v = 1\n')
    c.write('mc36.py', 'v = 2\n')
    c.commit('ours')
    c.git('merge', '-q', '--no-verify', 'mc36', ok=True)
    c.write('mc36.py', 'v = 3\n' + c.line())
    c.git('add', 'mc36.py')
    if _hooked(c, 'merge', '--continue', env=dict(c.env, GIT_EDITOR='true')):
        c.git('commit', '-q', '--no-verify', '--no-edit')


def _pre_merge_commit_installed(c: Ctx) -> None:
    """The stage the manifest offers for ``git merge`` installed too."""
    config = (c.root / '.pre-commit-config.yaml').read_text()
    if 'pre-merge-commit' in config:
        return
    c.write('.pre-commit-config.yaml', config.replace('[pre-commit, commit-msg, pre-push]',
                                                      '[pre-commit, pre-merge-commit, commit-msg, pre-push]'))
    c.commit('pre-merge-commit stage')
    rc, out = run(c.root, c.env, os.path.join(BIN, 'pre-commit'), 'install', '--hook-type', 'pre-merge-commit')
    assert rc == 0, out


@case('commit', *PUSHES, stack='merge36')
def merge_of_a_no_verify_key_branch_through_pre_merge_commit(c: Ctx) -> Iterator[None]:
    _pre_merge_commit_installed(c)
    yield
    _side(c, 'pmc36', 'pmc36.py', c.line())
    if _hooked(c, 'merge', '-q', '--no-ff', '--no-edit', 'pmc36'):
        _conclude(c, 'merge', '-q', '--no-ff', '--no-edit', 'pmc36')


@case('commit', 'pre-receive', stack='merge36')
def pull_of_a_no_verify_key_branch_through_pre_merge_commit(c: Ctx) -> Iterator[None]:
    """``git pull`` (fetch, then merge) of a branch ``origin`` got past
    every hook (so only the gate lacks it)."""
    _pre_merge_commit_installed(c)
    yield
    c.git('checkout', '-q', '-b', 'pl36', c.base)
    c.write('pl36.py', c.line())
    c.commit('key, pushed past the hooks')
    c.git('push', '-q', '--no-verify', 'origin', 'pl36')
    c.git('checkout', '-q', 'main')
    c.git('branch', '-q', '-D', 'pl36')
    c.git('update-ref', '-d', 'refs/remotes/origin/pl36')
    c.write('pl_main36.py', 'p = 1\n')
    c.commit('main moves')
    if _hooked(c, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'pl36'):
        _conclude(c, 'merge', '-q', '--no-edit', 'FETCH_HEAD')


@case('commit', *PUSHES, decoy=True, stack='merge-decoys36')
def merge_of_a_branch_whose_key_the_remote_has(c: Ctx) -> Iterator[None]:
    """Decoy: the merged branch's key reached the remotes long ago; the
    merge brings nothing new."""
    _pre_merge_commit_installed(c)
    c.git('checkout', '-q', '-b', 'had36')
    c.write('had36.py', c.line())
    c.commit('key, long ago')
    c.land('had36')
    c.git('checkout', '-q', 'main')
    yield
    c.write('m_d36.py', 'd = 1\n')
    c.commit('main moves')
    if _hooked(c, 'merge', '-q', '--no-ff', '--no-edit', 'had36'):
        _conclude(c, 'merge', '-q', '--no-ff', '--no-edit', 'had36')


@case('commit', 'pre-push', 'pre-receive')
def hooks_path_taken_over_by_another_hooks_folder(c: Ctx) -> None:
    """``core.hooksPath`` set to another tool's (empty) hooks folder after
    ``pre-commit install``: git runs none of the installed hooks."""
    elsewhere = c.root.parent / 'company-hooks36'
    elsewhere.mkdir()
    c.git('config', 'core.hooksPath', str(elsewhere))
    c.write('hp36.py', c.line())
    c.git('add', 'hp36.py')
    if c.hooked_commit('-m', 'hooks elsewhere'):
        c.git('commit', '-q', '--no-verify', '-m', 'hooks elsewhere')


# --- objects git shows in place of others, and what pushes send ------------------

@case(stack='range36')
def replace_ref_hides_the_key_commit_locally(c: Ctx) -> None:
    """``git replace`` shows a clean commit in place of the key's; the
    push sends the real one."""
    c.write('rp36.py', c.line())
    key = c.commit('key')
    tree = c.git('rev-parse', f'{key}^^{{tree}}').strip()
    clean = c.git('commit-tree', tree, '-p', f'{key}^', '-m', 'key').strip()
    c.write('rp_after36.py', 'a = 1\n')
    c.commit('after')
    os.remove(c.root / 'rp36.py')
    c.commit('removed')
    c.git('replace', key, clean)


@case(stack='range36')
def empty_commit_whose_message_is_only_the_key(c: Ctx) -> None:
    c.git('commit', '-q', '--no-verify', '--allow-empty', '-m', c.key)


@case(stack='range36')
def ssh_signed_commit_with_the_key_in_its_message(c: Ctx) -> None:
    """A commit signed with an SSH key (``gpg.format=ssh``): a ``gpgsig``
    header beside a message holding the key."""
    ident = c.root.parent / 'sign36'
    if not ident.exists():
        subprocess.run(('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', str(ident)), check=True)
    c.write('signed36.py', 's = 1\n')
    c.git('add', 'signed36.py')
    c.git('-c', 'gpg.format=ssh', '-c', f'user.signingkey={ident}', 'commit', '-q', '--no-verify', '-S',
          '-m', f'signed\n\ntoken {c.key}')
    stored = subprocess.run(('git', 'cat-file', 'commit', 'HEAD'), cwd=c.root, stdout=subprocess.PIPE, check=True)
    assert b'gpgsig' in stored.stdout  # (not kept among the case's outputs: the message is the key's)


@case(*PUSHES, 'plain', push=(), flags=('--mirror',))
def mirror_push_of_a_key_branch_deleting_another(c: Ctx) -> None:
    """``git push --mirror``: every local ref goes, and what the remote
    has that the clone lacks is deleted."""
    c.land('main:gone36')
    c.git('branch', '-q', '-D', 'gone36', ok=True)
    c.git('update-ref', '-d', 'refs/remotes/origin/gone36')
    c.git('checkout', '-q', '-b', 'mir36')
    c.write('mir36.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')


@case(*PUSHES, 'plain', push=(), flags=('--mirror',), decoy=True)
def mirror_push_leaves_the_stash_behind(c: Ctx) -> None:
    """Decoy: ``git push --mirror`` sends no ``refs/stash``: a key only
    in the stash stays here."""
    c.write('mir36.py', c.line())
    c.git('add', 'mir36.py')
    c.git('stash', '-q')


@case(*PUSHES, 'plain', push=('refs/heads/*:refs/heads/*',), flags=('--prune',))
def prune_push_deleting_one_branch_and_adding_a_key_branch(c: Ctx) -> None:
    c.land('main:old36')
    c.git('branch', '-q', 'new36')
    c.git('checkout', '-q', 'new36')
    c.write('pr36.py', c.line())
    c.commit('key')
    c.git('checkout', '-q', 'main')


@case(*PUSHES, 'plain', push=('main',), flags=('--tags',))
def tags_flag_sending_a_tag_of_an_older_commit_beside_main(c: Ctx) -> None:
    """``git push --tags origin main``: main brings a clean commit, an
    annotated tag on the landed commit holds the key in its message."""
    c.git('tag', '-a', 'old36', '-m', f'release\n\ntoken {c.key}', c.base)
    c.write('tg36.py', 't = 1\n')
    c.commit('clean')


@case('pre-push', 'pre-receive', 'plain', decoy=True)
def replace_ref_key_only_in_the_replacement(c: Ctx) -> None:
    """Decoy: the key only in a replacement commit (``refs/replace``, not
    pushed): ``git log`` shows it, the push sends the real clean commit.
    At eeb1dacc the pre-push hook refused the push (it read every local
    ref, replace refs too); gate_probe33's pushes of ``refs/replace/*``
    (named) are still refused."""
    c.write('rd36.py', 'r = 1\n')
    real = c.commit('clean')
    c.write('rd36.py', 'r = 1\n' + c.line())
    c.git('add', 'rd36.py')
    tree = c.git('write-tree').strip()
    fake = c.git('commit-tree', tree, '-p', f'{real}^', '-m', 'clean').strip()
    c.git('reset', '-q', '--hard', real)
    c.git('replace', real, fake)


# --- paths git normalises, quotes or nests ------------------------------------------

def _path36(name: str, rel: bytes, text: str | None = None) -> None:
    def build(c: Ctx) -> None:
        c.write(rel, c.line() if text is None else text)
        c.git('add', '-A')
        c.git('commit', '-q', '--no-verify', '-m', 'odd path')
    build.__name__ = name
    case(*RANGE, 'path', stack='paths36')(build)


_path36('path_in_nfd_beside_its_nfc_twin', unicodedata.normalize('NFD', 'café36/clé.py').encode())
_path36('path_of_3900_bytes', b'/'.join([b'p' * 190] * 20) + b'/deep36.py')
_path36('path_with_a_carriage_return', b'cr36\r.py')
_path36('path_with_terminal_escapes', b'esc36\x1b[2J\x1b[1;1H.py')
_path36('path_with_a_byte_order_mark', '\ufeffbom36.py'.encode())


@case(*RANGE, 'path', stack='paths36')
def path_in_nfc_beside_its_nfd_twin(c: Ctx) -> None:
    """The NFC spelling of the NFD folder above, holding the key (the two
    are one path on macOS, two in git)."""
    c.write(unicodedata.normalize('NFC', 'café36/key.py').encode(), c.line())
    c.git('add', '-A')
    c.git('commit', '-q', '--no-verify', '-m', 'nfc')


@case(*RANGE, stack='paths36')
def key_only_in_a_folder_name_50_deep(c: Ctx) -> None:
    rel = '/'.join(['n36'] * 49 + [c.key, 'f.py'])
    c.write(rel, 'x = 1\n')
    c.git('add', '-A')
    c.git('commit', '-q', '--no-verify', '-m', 'deep name')


@case(*RANGE, 'path', stack='paths36')
def case_only_rename_under_ignorecase(c: Ctx) -> Iterator[None]:
    """``core.ignorecase=true`` (as on macOS and Windows): a file renamed
    in case only, the key added in the same commit."""
    c.write('Conf36.py', FILLER)
    c.commit('conf')
    yield
    c.git('config', 'core.ignorecase', 'true')
    c.git('mv', 'Conf36.py', 'conf36.py')
    c.write('conf36.py', FILLER + c.line())
    c.git('add', 'conf36.py')
    c.git('commit', '-q', '--no-verify', '-m', 'rename in case')


@case(*RANGE, 'path', stack='paths36')
def tracked_file_under_an_ignored_folder(c: Ctx) -> None:
    """``git add -f`` of a file a ``.gitignore`` ignores: tracked all the
    same, pushed all the same."""
    c.write('.gitignore', 'build36/\n')
    c.write('build36/gen.py', c.line())
    c.git('add', '.gitignore')
    c.git('add', '-f', 'build36/gen.py')
    c.git('commit', '-q', '--no-verify', '-m', 'forced')


@case(*RANGE, 'path', stack='paths36')
def quote_path_off_and_a_non_ascii_path(c: Ctx) -> None:
    """``core.quotePath=false`` in the repository's config."""
    c.git('config', 'core.quotePath', 'false')
    c.write('schlüssel36/ключ.py'.encode(), c.line())
    c.git('add', '-A')
    c.git('commit', '-q', '--no-verify', '-m', 'unquoted')


# --- submodules --------------------------------------------------------------------

def _sub_repo(c: Ctx, text: str) -> tuple[Path, str]:
    sub = c.root.parent / 'sub36'
    sub.mkdir()
    c.git('init', '-q', '-b', 'main', cwd=sub)
    (sub / 'sub.py').write_text(text)
    c.git('add', '-A', cwd=sub)
    c.git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '--no-verify', '-m', 'sub',
          cwd=sub)
    return sub, c.git('rev-parse', 'HEAD', cwd=sub).strip()


@case(*PUSHES, 'plain', push=('main', 'refs/heads/sub36'))
def submodule_commit_pushed_beside_its_gitlink(c: Ctx) -> None:
    """A gitlink whose commit (the key in it) the push also sends, under
    a branch of its own: the same objects reach the remote."""
    sub, sha = _sub_repo(c, c.line())
    c.git('fetch', '-q', str(sub), 'main:refs/heads/sub36')
    c.git('update-index', '--add', '--cacheinfo', f'160000,{sha},vendor36')
    c.git('commit', '-q', '--no-verify', '-m', 'gitlink')


@case('path')
def submodule_checked_out_holding_the_key(c: Ctx) -> None:
    """``scan .`` of a work tree whose submodule is checked out with a key
    in a file."""
    sub, _ = _sub_repo(c, c.line())
    c.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', str(sub), 'lib36')
    c.git('commit', '-q', '--no-verify', '-m', 'submodule')


# --- CI clones --------------------------------------------------------------------

def _mr_adding_and_removing(c: Ctx, ref: str) -> str:
    c.git('checkout', '-q', '-b', 'ci36')
    c.write('ci36.py', FILLER + c.line())
    c.commit('add')
    c.write('ci36.py', FILLER)
    c.commit('remove')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), f'HEAD:{ref}')
    return c.git('rev-parse', 'HEAD').strip()


def _ci_clone(c: Ctx, name: str, *how: str) -> Path:
    origin = c.root.parent / 'origin.git'
    c.git('config', 'uploadpack.allowFilter', 'true', cwd=origin)
    c.git('config', 'uploadpack.allowAnySHA1InWant', 'true', cwd=origin)
    where = c.root.parent / name
    c.git('clone', '-q', *how, f'file://{origin}', str(where), cwd=c.root.parent)
    return where


@case('gitlab')
def gitlab_merge_request_in_a_blobless_clone(c: Ctx) -> None:
    """``GIT_DEPTH: 0`` kept, but the runner clones ``--filter=blob:none``
    (a partial clone): the blob holding the key is not in it."""
    head = _mr_adding_and_removing(c, 'refs/merge-requests/36/head')
    where = _ci_clone(c, 'blobless36', '--filter=blob:none')
    c.git('fetch', '-q', 'origin', '+refs/merge-requests/36/head:refs/merge-requests/36/head', cwd=where)
    c.git('checkout', '-q', '--detach', head, cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'CI_MERGE_REQUEST_DIFF_BASE_SHA': c.base, 'CI_COMMIT_SHA': head,  # type: ignore[attr-defined]
                'CI_COMMIT_BEFORE_SHA': '0' * 40, 'CI_PIPELINE_SOURCE': 'merge_request_event',
                'TOGETHER_HOOKS_GATED': ''}


@case('github')
def github_push_event_in_a_blobless_clone(c: Ctx) -> None:
    """A push to main (``github.event.before`` in the clone) checked out
    ``--filter=blob:none``."""
    c.git('checkout', '-q', '-b', 'ghp36')
    c.write('ghp36.py', FILLER + c.line())
    c.commit('add')
    c.write('ghp36.py', FILLER)
    c.commit('remove')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'HEAD:main')
    where = _ci_clone(c, 'ghblobless36', '--filter=blob:none')
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': '', 'BEFORE': c.base, 'GITHUB_EVENT_NAME': 'push',  # type: ignore[attr-defined]
                'TOGETHER_HOOKS_GATED': ''}


@case('github')
def github_pull_request_in_a_single_branch_clone_without_the_base(c: Ctx) -> None:
    """The pull request's branch cloned ``--single-branch``; its base moved
    on after it opened, so the event's base sha is in no fetched ref."""
    head = _mr_adding_and_removing(c, 'refs/heads/pr36')
    c.git('checkout', '-q', 'main')
    c.write('moved36.py', 'm = 1\n')
    base = c.commit('base moves on')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'main')
    where = _ci_clone(c, 'single36', '--single-branch', '--branch', 'pr36')
    c.git('checkout', '-q', '--detach', head, cwd=where)
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.ci_env = {'RANGE': f'{base}...HEAD', 'BEFORE': '', 'GITHUB_EVENT_NAME': 'pull_request',  # type: ignore[attr-defined]
                'TOGETHER_HOOKS_GATED': ''}


@case('diff')
def diff_in_a_sparse_checkout_clone(c: Ctx) -> None:
    """CI clones sparse (``git sparse-checkout set src``): the key's file
    is outside the cone, never in the work tree."""
    c.write('src36/app.py', 'a = 1\n')
    c.write('hidden36/conf.py', FILLER + c.line())
    head = c.commit('key outside the cone')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'HEAD:refs/heads/sparse36')
    where = _ci_clone(c, 'sparse36', '--no-checkout')
    c.git('sparse-checkout', 'set', 'src36', cwd=where)
    c.git('checkout', '-q', '--detach', head, cwd=where)
    assert not (where / 'hidden36').exists()
    c.scan_cwd = where  # type: ignore[attr-defined]
    c.diff_range = f'{c.base}...HEAD'  # type: ignore[attr-defined]


@case('diff', 'history')
def diff_across_a_submodule_pointer_in_a_ci_clone(c: Ctx) -> None:
    """The range moves a gitlink and adds the key beside it; the CI
    clone has no submodule checked out."""
    sub, sha = _sub_repo(c, 's = 1\n')
    c.git('update-index', '--add', '--cacheinfo', f'160000,{sha},vendor36')
    c.write('beside36.py', c.line())
    c.git('add', 'beside36.py')
    c.git('commit', '-q', '--no-verify', '-m', 'gitlink and key')
    c.git('push', '-q', '--no-verify', str(c.root.parent / 'origin.git'), 'HEAD:refs/heads/gl36')
    where = _ci_clone(c, 'gl36', '--branch', 'gl36')
    c.scan_cwd = where  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


NO_COMMIT_HOOK = ('git runs neither pre-commit nor commit-msg for what {} commits (only {}), so neither stage '
                  'can refuse it; this template installs no prepare-commit-msg (gate_probe37 does: refused there); '
                  'the pre-push hook, CI and the server-side gate do (docs/configuration.md)')
HOOKS_ELSEWHERE = ('git runs the hooks of core.hooksPath, where none of ours is: doctor fails '
                   'hooks-installed and its fix (tests/doctor/hooks_path_scope_test.py) installs them; the '
                   'server-side gate refuses')
MISSED: dict[tuple[str, str], str] = {
    ('cherry_pick_of_a_no_verify_key_commit', 'commit'): NO_COMMIT_HOOK.format(
        'git cherry-pick', 'prepare-commit-msg and post-commit'),
    ('revert_whose_edited_message_holds_the_key', 'commit'): NO_COMMIT_HOOK.format(
        'git revert', 'prepare-commit-msg and post-commit'),
    ('autosquash_of_a_fixup_adding_the_key', 'commit'): NO_COMMIT_HOOK.format(
        'git rebase', 'prepare-commit-msg, post-commit and post-rewrite'),
    ('am_of_a_patch_holding_the_key', 'commit'): NO_COMMIT_HOOK.format(
        'git am', 'applypatch-msg and pre-applypatch, hook types pre-commit does not offer'),
    ('hooks_path_taken_over_by_another_hooks_folder', 'commit'): HOOKS_ELSEWHERE,
    ('hooks_path_taken_over_by_another_hooks_folder', 'pre-push'): HOOKS_ELSEWHERE,
    ('submodule_checked_out_holding_the_key', 'path'): (
        'submodules are left to their own repositories (docs/cli.md): scan . walks the '
        "superproject's files; the submodule's own scan (or its own hooks) reads its files. Since "
        'gate36 the walk names each checked-out one it leaves out (test below)'),
}
# Pairs refused with exit 2 (fail closed: one line, no key named).
CLOSED: dict[tuple[str, str], str] = {
    ('gitlab_merge_request_in_a_blobless_clone', 'gitlab'): (
        'a partial clone lacks the blob the range added: never fetched unasked, exit 2 naming it'),
    ('github_push_event_in_a_blobless_clone', 'github'): (
        'a partial clone lacks the blob the push added: never fetched unasked, exit 2 naming it'),
    ('github_pull_request_in_a_single_branch_clone_without_the_base', 'github'): (
        'the base is in no ref of a single-branch clone: exit 2 with the fetch that gets it'),
}
# Pairs refused by a program before ours, naming no key (nothing is sent).
REFUSED: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy, closed=CLOSED, refused=REFUSED)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False


def test_there_are_enough_new_hostile_cases():
    from tests.gate_probe33_test import CASES as C33
    from tests.gate_probe34_test import CASES as C34
    from tests.gate_probe35_test import CASES as C35

    assert not {one.name for one in CASES} & {one.name for one in (*C33, *C34, *C35)}
    assert len([one for one in CASES if not one.decoy]) >= 30



# --- fixed: a walk names each submodule it leaves out ------------------------------

@pytest.mark.parametrize('checked_out', [True, False])
def test_a_walk_names_each_checked_out_submodule_it_leaves_out(git_repo, checked_out):
    """``scan .`` (and ``scan`` with no PATH) in a superproject: a checked-out
    submodule's files are its own repository's to scan, and the run said
    nothing of them, "no Together keys" over a key in one (at eeb1dacc).
    Each one a walk meets is now named on stderr, as one named on the
    command line is (exit 0: it is not this repository's content).  Decoy:
    a gitlink whose submodule is not checked out (an empty folder) has
    nothing on disk to leave out: no line."""
    import random

    from tests.cli_run import leaked
    from tests.cli_run import scan_in_process
    from tests.conftest import git
    from tests.keys import make_key

    key = make_key(random.Random('gate36-walk-submodule'))
    sub = git_repo.parent / 'sub'
    sub.mkdir()
    git(sub, 'init', '-q', '-b', 'main')
    (sub / 'conf.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    git(sub, 'add', '-A')
    git(sub, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'sub')
    sha = git(sub, 'rev-parse', 'HEAD').strip()
    if checked_out:
        git(git_repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', str(sub), 'lib')
    else:
        git(git_repo, 'update-index', '--add', '--cacheinfo', f'160000,{sha},lib')
        (git_repo / 'lib').mkdir()
    (git_repo / 'app.py').write_text('x = 1\n')
    git(git_repo, 'add', 'app.py')
    for args in (('.',), ()):
        result = scan_in_process(*args, cwd=git_repo)
        assert result.rc == 0, (args, result.out, result.err)
        said = 'lib: submodule skipped (scan it in its own repository)' in result.err
        assert said is checked_out, (args, result.err)
        assert not leaked([key], result.out, result.err)
