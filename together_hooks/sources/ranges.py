"""Commit ranges: a pull request's range (``scan --diff``) and a push (the
pre-push hook) yield files as a commit has them, each knowing which of its
findings count (those on lines the range adds)."""
from __future__ import annotations

import os

from together_hooks.errors import InputError
from together_hooks.gitrun import git
from together_hooks.gitrun import git_output
from together_hooks.gitrun import read_blobs
from together_hooks.sources.content import Revision
from together_hooks.sources.content import to_display

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable
    from typing import Iterator

    from together_hooks.findings import Finding


_FULL_HISTORY = (
    'clone with full history (actions/checkout: fetch-depth: 0; GitLab: '
    'GIT_DEPTH: 0)'
)


def _fetch_fix(rev: str | None) -> str:
    """How to get ``rev`` (or the history between two commits) into a clone."""
    if rev is None:
        return f'fetch the history (git fetch --unshallow) or {_FULL_HISTORY}'
    name = rev[len('refs/remotes/'):] if rev.startswith('refs/remotes/') else rev
    remote, slash, branch = name.partition('/')
    fetch = f'git fetch origin {branch}' if slash and remote == 'origin' else (
        f'git fetch origin {name}'
    )
    return f'fetch it ({fetch}) or {_FULL_HISTORY}'


def is_shallow(root: str) -> bool:
    return git_output(root, 'rev-parse', '--is-shallow-repository') == b'true\n'


def resolve_commit(root: str, rev: str, what: str) -> str:
    """The commit ``rev`` names, or one line saying why it cannot be had."""
    if not rev or rev.startswith('-'):
        raise InputError(f'{what}: {rev!r} is not a revision')
    out = git_output(root, 'rev-parse', '--verify', '--quiet', f'{rev}^{{commit}}')
    if out is None:
        where = 'this shallow clone' if is_shallow(root) else 'this repository'
        raise InputError(f'{what}: {rev} is not a commit in {where}; {_fetch_fix(rev)}')
    return out.decode().strip()


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
        what: str = '--diff', fork_fallback: bool = False,
) -> tuple[str, str]:
    """(old, new) commits whose difference is what the range adds."""
    base_sha = resolve_commit(root, base, f'{what} BASE')
    head_sha = resolve_commit(root, head, f'{what} HEAD')
    if not since_fork:
        return base_sha, head_sha
    out = git_output(root, 'merge-base', base_sha, head_sha)
    if out:
        return out.split()[0].decode(), head_sha
    if fork_fallback:  # as pre-commit does for its own file list
        return base_sha, head_sha
    where = 'this shallow clone' if is_shallow(root) else 'this repository'
    raise InputError(
        f'{what}: {base} and {head} have no common ancestor in {where}; '
        f'{_fetch_fix(None)}',
    )


def range_changes(
        root: str, old: str, new: str,
) -> list[tuple[str, str, str | None, str]]:
    """(path, path before, blob before or None, blob) of each file changed.

    Renames are followed, so a file moved unchanged adds nothing; only
    regular files (no symlinks, no submodules) have content to scan.
    """
    out = git(
        root, 'diff', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff',
        '--diff-filter=ACMRT', old, new, '--',
    )
    tokens = out.split(b'\0')
    changed = []
    i = 0
    while i < len(tokens):
        meta = tokens[i]
        if not meta.startswith(b':'):
            i += 1
            continue
        old_mode, new_mode, old_blob, new_blob, status = meta[1:].split(b' ')
        if status[:1] in (b'R', b'C'):
            before, path = tokens[i + 1], tokens[i + 2]
            i += 3
        else:
            before = path = tokens[i + 1]
            i += 2
        if new_mode not in (b'100644', b'100755'):
            continue
        had = old_mode in (b'100644', b'100755')
        changed.append((
            os.fsdecode(path), os.fsdecode(before),
            old_blob.decode() if had else None, new_blob.decode(),
        ))
    return changed


def added_lines(root: str, old_blob: str, new_blob: str) -> set[int]:
    """Line numbers in ``new_blob`` that are not in ``old_blob`` (git diff)."""
    import re

    out = git(
        root, 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv',
        '--text', old_blob, new_blob,
    )
    lines: set[int] = set()
    for m in re.finditer(rb'^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@', out, re.M):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        lines.update(range(start, start + count))
    return lines


class _Added:
    """Keep findings on lines the range added, unless the old file had the key.

    The whole new file is scanned (context rules need the lines around an
    added one); which lines are added is asked of git only for the rare
    file that holds a key.  A key the file already had before the range is
    not blamed on it, even on an edited line.
    """

    __slots__ = ('root', 'old_blob', 'old_path', 'new_blob')

    def __init__(
            self, root: str, old_blob: str | None, old_path: str, new_blob: str,
    ) -> None:
        self.root = root
        self.old_blob = old_blob
        self.old_path = old_path
        self.new_blob = new_blob

    def __call__(self, findings: list[Finding]) -> list[Finding]:
        if self.old_blob is None:  # a new file: every line is added
            return findings
        from together_hooks.detect.engine import scan_bytes

        added = added_lines(self.root, self.old_blob, self.new_blob)
        kept = [f for f in findings if f.line in added]
        if kept:
            (_sha, before), = read_blobs(self.root, [self.old_blob])
            had = {f.hashed_secret for f in scan_bytes(before, self.old_path)}
            kept = [f for f in kept if f.hashed_secret not in had]
        return kept


def added_in_range(
        root: str, old: str, new: str, paths: Iterable[str] | None = None,
) -> Iterator[Revision]:
    """The files changed from commit ``old`` to ``new``, as ``new`` has them;
    only findings on lines that ``new`` adds count.  ``paths`` (relative to
    the repository root) narrows the files, as a hook's arguments do."""
    changed = range_changes(root, old, new)
    if paths is not None:
        wanted = {to_display(os.path.normpath(p)) for p in paths}
        changed = [c for c in changed if c[0] in wanted]
    by_blob: dict[str, list[tuple[str, str, str | None]]] = {}
    for path, before, old_blob, new_blob in changed:
        by_blob.setdefault(new_blob, []).append((path, before, old_blob))
    for sha, data in read_blobs(root, list(by_blob)):
        for path, before, old_blob in by_blob[sha]:
            yield Revision(path, data, _Added(root, old_blob, before, sha))


def pushed(
        root: str, from_ref: str, to_ref: str, paths: Iterable[str] | None = None,
) -> Iterator[Revision]:
    """What a push adds: ``from_ref...to_ref`` as pre-commit passes them to
    pre-push hooks (``PRE_COMMIT_FROM_REF`` / ``PRE_COMMIT_TO_REF``)."""
    old, new = range_start(
        root, from_ref, to_ref, since_fork=True, what='pre-push range',
        fork_fallback=True,
    )
    return added_in_range(root, old, new, paths)
