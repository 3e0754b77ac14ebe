"""Naming a commit range: ``BASE...HEAD`` / ``BASE..HEAD``, the commits at
its ends, and one line with the fix when a clone lacks them.  What the
commits of a range add is ``sources/commits.py``."""
from __future__ import annotations

import os

from together_hooks.errors import InputError
from together_hooks.gitrun import git
from together_hooks.gitrun import git_output

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable

FULL_HISTORY = (
    'clone with full history (actions/checkout: fetch-depth: 0; GitLab: '
    'GIT_DEPTH: 0)'
)


_HEX = frozenset('0123456789abcdefABCDEF')


def _fetch_fix(rev: str | None, shallow: bool = True, remotes: frozenset[str] = frozenset({'origin'})) -> str:
    """How to get ``rev`` (or the history between two commits) into a
    clone: a fetch after which ``rev``, or the name the line gives
    instead, resolves (tests/sources/range_fetch_hint_test.py follows
    each one), from the clone's own remote: ``origin``, else its only
    one (``git clone -o upstream``); with none, or several and no
    ``origin``, no fetch can be named
    (tests/sources/range_fetch_remote34_test.py)."""
    if rev is None:
        return f'fetch the history (git fetch --unshallow) or {FULL_HISTORY}'
    home = 'origin' if 'origin' in remotes else next(iter(remotes)) if len(remotes) == 1 else None
    name = rev[len('refs/remotes/'):] if rev.startswith('refs/remotes/') else rev
    remote, slash, branch = name.partition('/')
    if slash and remote == 'origin' and 'origin' not in remotes and home is not None:
        # The name the examples give (origin/main) in a clone whose one
        # remote is named otherwise: that remote's branch of that name.
        name = branch
    if home is None:
        has = 'give a branch, tag or commit it has (git branch -a; git tag)'
        if not remotes:
            return f'it has no remote to fetch it from: {has}'
        return f'{has}, or fetch it from the remote that has it, one of {", ".join(sorted(remotes))}'
    if len(name) in (40, 64) and set(name) <= _HEX:
        # A whole id: a server hands out a commit it can reach by its id.
        return f'fetch it (git fetch {home} {name}) or {FULL_HISTORY}'
    if (len(name) < 4 or not set(name) <= _HEX) and not any(
            mark in name for mark in ('~', '^', ':', '@{', '..', '\\', ' ', '?', '*', '[')):
        remote, slash, branch = name.partition('/')
        if slash and (remote == home or remote in remotes):
            # With a destination: a single-branch clone (most CI checkouts)
            # keeps a plain 'git fetch origin main' in FETCH_HEAD only,
            # never origin/main.
            return (f'fetch it (git fetch {remote} {branch}:refs/remotes/{remote}/{branch}) '
                    f'or {FULL_HISTORY}')
        if name.startswith('refs/'):  # a full ref name: fetched to itself
            return f'fetch it (git fetch {home} {name}:{name}) or {FULL_HISTORY}'
        # A plain 'git fetch origin main' (or a tag) names nothing here
        # afterwards, and a destination 'main:main' turns a tag into a
        # branch: fetch it as origin's, and give that name.
        return (f'fetch it as {home}/{name} (git fetch {home} '
                f'{name}:refs/remotes/{home}/{name}) and give {home}/{name}, or {FULL_HISTORY}')
    # A revision walked from a name (HEAD~1, main^, @{u}) or an abbreviated
    # id: no fetch takes it by that name ('invalid refspec', 'couldn't find
    # remote ref'); the history it walks does, every branch's (a
    # single-branch clone fetches one branch without a refspec).
    every = f"{home} '+refs/heads/*:refs/remotes/{home}/*'"
    if shallow:
        return f'fetch the history (git fetch --unshallow {every}) or {FULL_HISTORY}'
    return f"fetch {home}'s branches (git fetch {every}) or {FULL_HISTORY}"


def _remotes(root: str) -> frozenset[str]:
    out = git_output(root, 'remote') or b''
    return frozenset(out.decode(errors='replace').split())


def is_shallow(root: str) -> bool:
    return git_output(root, 'rev-parse', '--is-shallow-repository') == b'true\n'


def unborn_head(root: str, revisions: Revisions | None = None) -> bool:
    """HEAD names a branch with no commit yet (``git init``, perhaps with
    refs fetched since); never when ``revisions`` resolved ``HEAD``."""
    from together_hooks.gitrun import git_probe

    if revisions is not None and revisions.known('HEAD') is not None:
        return False  # (rev-parse --verify HEAD gives that object)
    return (git_probe(root, 'rev-parse', '--verify', '--quiet', 'HEAD') is None
            and git_probe(root, 'symbolic-ref', '--quiet', 'HEAD') is not None)


def names_no_commit(root: str, rev: str, revisions: Revisions | None = None) -> bool:
    """``rev`` names a tree or a blob (through any chain of tags), not a
    commit: a tag of a tree.  False when it names nothing
    (``resolve_commit`` says why).  ``revisions``: as ``resolve_commit``'s
    (``cat-file -t`` and the batch resolve ``rev^{}`` alike)."""
    if not rev or rev.startswith(('-', '^')):
        return False
    known = revisions.known(f'{rev}^{{}}') if revisions is not None else None
    if known is not None:
        return known[1] in ('tree', 'blob')
    out = git_output(root, 'cat-file', '-t', f'{rev}^{{}}')
    return out is not None and out.strip() in (b'tree', b'blob')


# A name ``cat-file --batch-check`` can be asked as ``rev-parse`` is: one a
# line, so none with a newline, nor ending in a carriage return (git's line
# reader drops one before the newline: ``HEAD\r`` would be read as ``HEAD``),
# nor empty or starting with ``-``/``^`` (``resolve_commit`` refuses those).
def _batchable(name: str) -> bool:
    return bool(name) and '\n' not in name and not name.endswith('\r') and not name.startswith(('-', '^'))


_TYPES = (b'commit', b'tree', b'blob', b'tag')


class Revisions:
    """The objects one run's names resolve to, each name asked of git once:
    ``ask`` puts every name a command needs to one ``git cat-file
    --batch-check`` (it resolves a name as ``rev-parse --verify`` does:
    the same lookup, under the same ``GIT`` options), and each answer is
    kept only when it is one (an object id and a type); a name it was not
    given, or did not answer (missing, ambiguous, anything else), is asked
    of ``rev-parse`` alone, as before, whose failure says why.  A run's
    ends are then one object throughout (the config that judges the
    range, the range itself, its tags), however often they are named."""

    __slots__ = ('root', '_known')

    def __init__(self, root: str) -> None:
        self.root = root
        self._known: dict[str, tuple[str, str]] = {}  # name -> (object id, type)

    def ask(self, names: Iterable[str]) -> None:
        """One ``cat-file --batch-check`` for every batchable name not yet
        known; a git that fails answers nothing (each name is then asked
        alone, as before, and fails as before)."""
        todo = list(dict.fromkeys(n for n in names if _batchable(n) and n not in self._known))
        if not todo:
            return
        out = _batch_check(self.root, todo)
        if out is None:
            return
        lines = out.split(b'\n')
        if len(lines) != len(todo) + 1 or lines[-1]:
            return  # not one answer a name: none is taken
        for name, line in zip(todo, lines):
            fields = line.split(b' ')
            if (len(fields) == 2 and len(fields[0]) in (40, 64)
                    and not fields[0].strip(b'0123456789abcdef') and fields[1] in _TYPES):
                self._known[name] = (fields[0].decode(), fields[1].decode())

    def known(self, name: str) -> tuple[str, str] | None:
        """(object id, type) of ``name`` when a batch answered it."""
        return self._known.get(name)

    def commit(self, rev: str, what: str) -> str:
        """``resolve_commit``, answered from the batch where it can be."""
        return resolve_commit(self.root, rev, what, self)


def _batch_check(root: str, names: list[str]) -> bytes | None:
    """git's answer a name (its output), or None when it failed."""
    request = b''.join(os.fsencode(n) + b'\n' for n in names)  # as argv is encoded
    try:
        return git(root, 'cat-file', '--batch-check=%(objectname) %(objecttype)', input=request)
    except InputError:
        return None


def resolve_commit(root: str, rev: str, what: str, revisions: Revisions | None = None) -> str:
    """The commit ``rev`` names, or one line saying why it cannot be had;
    ``revisions``: a run's names already asked (``Revisions``), where a
    commit it knows is taken and a new one kept."""
    if not rev or rev.startswith(('-', '^')):
        raise InputError(f'{what}: {rev!r} is not a revision')
    if len(rev) in (40, 64) and not rev.strip('0'):
        # No fetch gets it: the commit before a branch pushed anew (or the
        # default branch deleted and pushed again) is none.
        raise InputError(
            f"{what}: {rev} is git's zero id, no commit (a branch pushed anew "
            'has none before it: GitHub github.event.before, GitLab '
            'CI_COMMIT_BEFORE_SHA); scan every commit of the head instead: '
            '--commits HEAD',
        )
    name = f'{rev}^{{commit}}'
    known = revisions.known(name) if revisions is not None else None
    if known is not None and known[1] == 'commit':
        return known[0]
    out = git_output(root, 'rev-parse', '--verify', '--quiet', name)
    if out is None and '..' in rev:  # a range where one commit goes: no fetch fixes it
        raise InputError(
            f'{what}: {rev} is a range, not a commit; give its last commit and '
            'what to leave out apart (--commits HEAD --since origin/main), or '
            'use --diff for a range',
        )
    if out is None:
        # Nothing to fetch into; a history git cannot read (a missing
        # object, a truncated pack) is git's own words, never "no commits".
        if not git(root, 'rev-list', '-n1', '--all'):
            raise InputError(
                f'{what}: {rev} names no commit: this repository has no commits '
                'yet (commit first, or run it in a clone that has them)',
            )
        where = 'this shallow clone' if is_shallow(root) else 'this repository'
        raise InputError(
            f'{what}: {rev} is not a commit in {where}; '
            f'{_fetch_fix(rev, where != "this repository", _remotes(root))}')
    sha = out.decode().strip()
    if revisions is not None:
        revisions._known[name] = (sha, 'commit')
    return sha


def parse_range(spec: str) -> tuple[str, str, bool]:
    """``BASE...HEAD`` / ``BASE..HEAD`` / ``BASE`` -> (base, head, since merge base).

    Three dots (and a bare BASE, meaning ``BASE...HEAD``): what HEAD adds
    since it forked from BASE, as a pull request shows it.  Two dots: what
    HEAD has that BASE's tip does not (``git diff BASE HEAD``).  An empty
    side is HEAD, as in git.
    """
    for sep, since_fork in (('...', True), ('..', False)):
        if sep in spec:
            base, head = spec.split(sep, 1)
            return base or 'HEAD', head or 'HEAD', since_fork
    return spec, 'HEAD', True


def range_start(
        root: str, base: str, head: str, since_fork: bool,
        what: str = '--diff', fork_fallback: bool = False, revisions: Revisions | None = None,
) -> tuple[str, str]:
    """(old, new) commits whose difference is what the range adds;
    ``revisions``: see ``resolve_commit``."""
    base_sha = resolve_commit(root, base, f'{what} BASE', revisions)
    head_sha = resolve_commit(root, head, f'{what} HEAD', revisions)
    if not since_fork:
        return base_sha, head_sha
    out = git_output(root, 'merge-base', base_sha, head_sha)
    if out:
        return out.split()[0].decode(), head_sha
    if fork_fallback:  # as pre-commit does for its own file list
        return base_sha, head_sha
    if is_shallow(root):
        raise InputError(
            f'{what}: {base} and {head} have no common ancestor in this shallow '
            f'clone; {_fetch_fix(None)}',
        )
    # Complete, and still apart: the base was rewritten from its first
    # commit (a history purge) or the head comes from another repository.
    raise InputError(
        f'{what}: {base} and {head} share no history (a base rewritten from '
        f'its first commit, as a history purge does, or a head from another '
        f'repository); rebase {head} onto {base}, or scan every commit '
        f'{head} has that {base} lacks: --diff {base}..{head}',
    )
