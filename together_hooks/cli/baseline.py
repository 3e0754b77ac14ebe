"""``together-hooks baseline create|update|audit``: the detect-secrets baseline.

- ``create`` writes a detect-secrets baseline of every key in the repository.
- ``update`` rescans and merges: new keys are added, every label
  (``is_secret``, ``is_verified``) and every entry detect-secrets' own plugins
  made is kept; entries of our plugins whose key is gone from the file, and
  entries of deleted files, are dropped (as ``detect-secrets scan
  --baseline`` does).  Nothing changed, nothing written.
- ``audit`` runs detect-secrets' own audit (interactive, ``--stats``,
  ``--report``) on a temp copy that points at this install's plugin, so any
  machine can audit any baseline; labels set in the session are copied back.

create and update read and write the JSON themselves (no detect-secrets
needed; ``baseline/update.py``); audit needs detect-secrets and runs it in
a child process (``baseline/audit.py``).
"""
from __future__ import annotations

import argparse
import os
import sys

from together_hooks.baseline.update import check_updatable
from together_hooks.baseline.update import created
from together_hooks.baseline.update import Found
from together_hooks.baseline.update import found_by_key
from together_hooks.baseline.update import rel
from together_hooks.baseline.update import unloadable_plugin_path
from together_hooks.baseline.update import updated
from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import EXIT_FINDINGS
from together_hooks.errors import InputError
from together_hooks.messages import doc_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HELP = 'create, update or audit a detect-secrets baseline (.secrets.baseline)'

PROG = 'together-hooks baseline'
EPILOG = """\
examples:
  together-hooks baseline create        write .secrets.baseline of every key found now
  together-hooks baseline update        add new keys, keep the labels
  together-hooks baseline update fixture.json:3
                                        record only the key(s) on that line (PATH: the file's)
  together-hooks baseline audit         label each entry real or false positive

exit codes: 0 done, 1 written, but a copy of a key you hold was not recorded
  (create, update: named on stderr; take it out of the file), 2 usage or
  input error (one line on stderr)"""
_DONE = 'exit codes: 0 done, 2 usage or input error (one line on stderr)'
# create and update write the rest and exit 1 on a key you hold (docs/baseline.md).
_WRITTEN = """\
exit codes: 0 done, 1 written, but a copy of a key you hold was not recorded
  (named on stderr; take it out of the file), 2 usage or input error (one
  line on stderr)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The actions in the error for none given, as argparse names choices.
    actions = parser.add_subparsers(dest='action', metavar='{create,update,audit}')
    actions.required = True
    create = actions.add_parser(
        'create', epilog=_WRITTEN, help='write a baseline holding every key found now',
        description='Scan the repository (tracked and untracked, not ignored '
                    'files) and write a detect-secrets baseline of every key.',
    )
    update = actions.add_parser(
        'update', epilog=_WRITTEN,
        help='rescan; add new keys, keep every label, drop unaudited entries of keys gone',
        description='Rescan the repository and merge into the baseline: new '
                    'keys are added, all labels kept; entries of keys that '
                    'left their file are dropped.  Unchanged, it is not written.',
    )
    audit = actions.add_parser(
        'audit', epilog=_DONE, help="run detect-secrets' audit on the baseline",
        description="Run detect-secrets' own audit on the baseline (on any "
                    'machine: the plugin path is pointed at this install in a '
                    'temp copy).  Without --stats/--report it is the '
                    'interactive labelling session; labels are saved back.',
    )
    for sub in (create, update, audit):
        sub.add_argument(
            '--baseline', metavar='FILE',
            help="the baseline (default: the config's `baseline`, else "
                 '.secrets.baseline at the repository root)',
        )
    for sub in (create, update):
        sub.add_argument(
            'paths', nargs='*', metavar='PATH[:LINE]',
            help='record only the keys in these files, or on that line of one '
                 '(as the blocked commit names them: an untracked file too); '
                 'default: every tracked and untracked, not ignored file',
        )
        sub.add_argument(
            '--slim', action='store_true',
            help='no line numbers and no generated_at (like detect-secrets '
                 '--slim): nothing in it changes when lines move',
        )
    create.add_argument(
        '--force', action='store_true',
        help='replace an existing baseline (its labels are lost)',
    )
    mode = audit.add_mutually_exclusive_group()
    mode.add_argument('--stats', action='store_true', help='label counts per plugin')
    mode.add_argument(
        '--report', action='store_true',
        help='every entry with its lines, as JSON (secrets shown redacted)',
    )
    audit.add_argument('--json', action='store_true', help='with --stats: as JSON')
    only = audit.add_mutually_exclusive_group()
    only.add_argument('--only-real', action='store_true', help='with --report: only real secrets')
    only.add_argument('--only-false', action='store_true', help='with --report: only false positives')


def baseline_path(args: argparse.Namespace) -> str:
    """The flag, else the config file's ``baseline``, else
    ``.secrets.baseline`` at the repository root (as the hooks find it)."""
    from together_hooks import config
    from together_hooks.baseline.format import DEFAULT_NAME
    from together_hooks.gitrun import git_toplevel
    from together_hooks.pipeline import baseline_location

    root = git_toplevel('.')
    path, why = baseline_location(root or '.', args.baseline, config.load(root or '.'))
    if path and why in ('config', 'found'):  # the repository named it: it is written where the repository may
        from together_hooks.env import committed

        committed.refuse(path, root, 'the baseline', tracked_ok=True)  # teams commit it
    if path:
        return path
    return os.path.relpath(os.path.join(root, DEFAULT_NAME)) if root else DEFAULT_NAME


def run(args: argparse.Namespace) -> int:
    path = baseline_path(args)
    if args.action == 'create':
        return create(path, slim=args.slim, force=args.force, named=args.paths)
    if args.action == 'update':
        return update(path, slim=args.slim, named=args.paths)
    flags = []
    if args.stats:
        flags.append('--stats')
        if args.json:
            flags.append('--json')
    elif args.report:
        flags.append('--report')
        if args.only_real:
            flags.append('--only-real')
        if args.only_false:
            flags.append('--only-false')
    elif args.json:
        raise InputError('--json needs --stats (label counts as JSON)')
    elif args.only_real or args.only_false:
        given = '--only-real' if args.only_real else '--only-false'
        raise InputError(f'{given} needs --report (every entry, as JSON)')
    return audit(path, flags)


# --- create / update ---------------------------------------------------------

def selectors(named: list[str], root: str) -> dict[str, set[int] | None]:
    """``PATH[:LINE]`` arguments as repository-relative names -> the lines
    named (None: the whole file).  A name that exists is a file, whatever
    it ends with; else ``:LINE`` is split off; a container's member
    (``b.zip!in/c.py``, as a finding names it) is a file's name, ``!`` and
    the member.  A name that is no file, or a folder, is one line and exit
    2: nothing is recorded for a selector that selects nothing."""
    from together_hooks.baseline.format import normalise

    wanted: dict[str, set[int] | None] = {}
    for arg in named:
        name, line = arg, None
        head, sep, tail = arg.rpartition(':')
        numbered = bool(sep) and tail.isdigit() and int(tail) > 0
        if not os.path.lexists(arg):
            if numbered:
                name, line = head, int(tail)
        elif numbered and os.path.lexists(head.split('!', 1)[0]):
            # `x.py:1` is a file and also line 1 of x.py: recording the
            # file would excuse keys the advice never showed.
            raise InputError(
                f'{arg}: both a file and a line of {head}: rename one of them '
                '(nothing was recorded)',
            )
        file = name
        while not os.path.lexists(file) and '!' in file:
            file = file.rpartition('!')[0]
        if not os.path.lexists(file) or (os.path.isdir(file) and not os.path.islink(file)):
            what = 'a folder' if os.path.lexists(file) else 'no such file'
            raise InputError(
                f'{arg}: {what}: name a file (or FILE:LINE) as the blocked commit names it',
            )
        key = rel(file, root) + name[len(file):]
        key = normalise(key)
        if line is None:
            wanted[key] = None
        elif wanted.get(key, set()) is not None:
            wanted.setdefault(key, set()).add(line)  # type: ignore[union-attr]
    return wanted


def _selected(path: str, line: int, wanted: dict[str, set[int] | None]) -> bool:
    """Whether a finding at ``path:line`` is one the user named: its file
    (a container's members too), or that line of it."""
    for name, lines in wanted.items():
        if path == name:
            return lines is None or line in lines
        if lines is None and path.startswith(name + '!'):
            return True
    return False


def _refuse_moved_lines(wanted: dict[str, set[int] | None], root: str) -> None:
    """A line named of a tracked file whose staged content differs from
    the file: the hook's line numbers are the staged ones, ``scan``'s the
    file's, so the line may hold another key (an unstaged real one)."""
    from together_hooks.gitrun import git_probe

    files = sorted({name.split('!', 1)[0] for name, lines in wanted.items() if lines})
    if not files:
        return
    if git_probe(root, 'rev-parse', '--git-dir') is None:
        return  # no repository: no index, `scan`'s line numbers are the file's
    # Names as they are (a name starting ``:`` or holding ``*`` is no pathspec
    # magic), and an entry git is told not to look at (assume-unchanged,
    # skip-worktree) is refused: git diff would not read its file.
    literal = ('--literal-pathspecs',)
    out = git_probe(root, *literal, 'diff', '--no-ext-diff', '-z', '--name-only', '--', *files)
    flags = git_probe(root, *literal, 'ls-files', '-z', '-v', '--', *files)
    if out is None or flags is None:
        raise InputError(
            f'{files[0]}: git could not compare the file with what is staged, so a line '
            'number may name another key: name the file whole, or stage it and run this '
            'again (nothing was recorded)',
        )
    unread = [
        n[2:] for n in flags.decode('utf-8', 'surrogateescape').split('\0')
        if n[:1].islower() or n[:1] == 'S'
    ]
    if unread:
        raise InputError(
            f'{unread[0]}: git is told not to read this file (assume-unchanged or '
            'skip-worktree), so its staged lines are unknown here and a line number may '
            'name another key: name the file whole (nothing was recorded)',
        )
    differ = [n for n in out.decode('utf-8', 'surrogateescape').split('\0') if n]
    if differ:
        from together_hooks.messages import shell_quote

        raise InputError(
            f'{differ[0]}: the file differs from what is staged, so a line number may name '
            f'another key: stage it (`git add {shell_quote(differ[0])}`) first, then run this '
            'again (nothing was recorded)',
        )


def scan_repository(
        root: str, skip: str, current: Any = None, named: list[str] | None = None,
) -> tuple[dict[tuple[str, str], Found], set[str], dict[tuple[str, str], Found]]:
    """Our findings by (file, hashed_secret), and every file name scanned,
    with the developer's own keys as the hook has them.  What the config
    file (and the ``current`` baseline's detect-secrets filters) leave out
    is not scanned, as the hooks do not scan it.  A copy of a key the
    developer holds is not returned (no entry would excuse it: the hooks
    keep it whatever the baseline says); it is named on stderr, and the
    command exits 1.

    ``named`` (``PATH[:LINE]``, what the not-a-key advice names): only
    those files (an untracked or ignored one too, named), and of a line
    named only the keys on it: allowing one fixture must not also excuse
    another key, in it or in a scratch file nobody staged.  Returned as
    found: the keys selected, and every key a file named already has
    recorded (``known``, so an update keeps their entries)."""
    from together_hooks import config
    from together_hooks import pipeline
    from together_hooks.baseline.format import normalise
    from together_hooks.filters import Exclusions
    from together_hooks.report import Summary
    from together_hooks.sources.content import Content
    from together_hooks.sources.content import to_display
    from together_hooks.sources.files import from_tree

    from together_hooks.findings import PATH_NAME

    wanted = selectors(named, root) if named else None
    if wanted is not None:
        _refuse_moved_lines(wanted, root)
        files = sorted({name.split('!', 1)[0] for name in wanted} - {skip})
        contents = [Content(to_display(f), fs_path=os.path.join(root, f)) for f in files]
    else:
        # The names too, as `scan` reads them: a key there is reported by the
        # hooks, and named on stderr here (no entry can record it).
        contents = [
            c for c in from_tree(root, names=True)
            if normalise(c.path) != skip
        ]
    scanned = {normalise(c.path) for c in contents if c.path != PATH_NAME}
    exclusions = Exclusions(config.load(root), current)
    scanner = pipeline.Scanner.for_run(where=root, exclusions=exclusions)
    findings = list(pipeline.scan_contents(contents, Summary(), scanner))
    found = found_by_key(findings)
    if wanted is not None:
        known = {(normalise(f), e['hashed_secret'])
                 for f, entries in (current.doc['results'].items() if current else ())
                 for e in entries}
        chosen = found_by_key(f for f in findings if _selected(normalise(f.path), f.line, wanted))
        at = {(normalise(f.path), f.line) for f in findings}
        missing = [
            f'{n}:{line}' if line else n
            for n, lines in wanted.items()
            for line in (sorted(lines) if lines else [0])
            if not any((p == n or (not line and p.startswith(n + '!'))) and line in (0, where)
                       for p, where in at)
        ]
        if missing:
            raise InputError(
                f'{missing[0]}: no key found there now (nothing was recorded); name the file '
                'and line as the blocked commit shows them',
            )
        found = {k: v for k, v in found.items() if k in known and k not in chosen}
        found.update(chosen)
    names = next((c.data.split(b'\n') for c in contents if c.path == PATH_NAME), [])
    _in_names({k: v for k, v in found.items() if k[0] == PATH_NAME}, names)
    found = {k: v for k, v in found.items() if k[0] != PATH_NAME}
    held = set(scanner.own_keys.hashes) if scanner.own_keys else set()
    yours = {k: v for k, v in found.items() if k[1] in held}
    return {k: v for k, v in found.items() if k not in yours}, scanned, yours


def _in_names(named: dict[tuple[str, str], Found], names: list[bytes]) -> None:
    """Names each key found in a file or folder name, which no entry can
    record: the baseline is keyed by file name, and would write the key.
    The path (``names``: the ``<path name>`` content's lines) is shown
    with its key redacted, the key by its hash only."""
    from together_hooks.config import WHERE
    from together_hooks.detect.scrub import scrub
    from together_hooks.report import shown_path

    for (_name, hashed), hit in sorted(named.items()):
        raw = names[hit.line - 1] if 0 < hit.line <= len(names) else b''
        path = scrub(shown_path(raw.decode('utf-8', 'surrogateescape'))) if raw else hit.finding.path
        print(
            f'  not recorded {path} (hashed_secret {hashed}): '
            'a key in a file or folder name, which a baseline cannot record without writing '
            f'the key: rename the path, or if it is no key, `allow = ["{hashed}"]` in the '
            f'config file ({WHERE})',
            file=sys.stderr,
        )


def _not_recorded(yours: dict[tuple[str, str], Found]) -> int:
    """Names each copy of a key the developer holds that was found and
    not recorded; EXIT_FINDINGS when there is one."""
    from together_hooks.report import shown_path

    for (name, hashed), hit in sorted(yours.items()):
        print(
            f'  not recorded {shown_path(name)}:{hit.line}: {hit.finding.redacted} '
            f'(hashed_secret {hashed}): a copy of a key you hold (in your environment '
            'or a local env file), so a real key: take it out of the file',
            file=sys.stderr,
        )
    return EXIT_FINDINGS if yours else EXIT_CLEAN


def create(path: str, slim: bool = False, force: bool = False, named: list[str] | None = None) -> int:
    from together_hooks.baseline import format as bl
    from together_hooks.doctor.ds_hooks import refuse_unusable
    from together_hooks.report import shown_path

    if os.path.isdir(path):  # neither `update` nor `--force` would help
        raise bl.not_a_baseline_file(path)
    if os.path.lexists(path) and not force:
        raise InputError(
            f'{path} already exists: `together-hooks baseline update` keeps '
            'its labels (--force replaces it and loses them)',
        )
    root = bl.root_of(path)
    found, _scanned, yours = scan_repository(root, rel(path, root), named=named)
    doc = created(found, slim)
    refuse_unusable(doc, root, path, create=True)
    bl.save(bl.Baseline(path, doc))
    for (name, hashed), hit in sorted(found.items()):
        print(f'  {shown_path(name)}:{hit.line}: {hit.finding.redacted} (hashed_secret {hashed})')
    print(
        f'together-hooks: wrote {shown_path(path)}{_outside_git(root)}: '
        f'{len(found)} key(s) in {len(doc["results"])} file(s).',
    )
    _warn_plugin_path(doc, root)
    return _not_recorded(yours)


def _outside_git(root: str) -> str:
    """Where a baseline made outside any git repository was written, and
    what was scanned: as ``detect-secrets scan`` there, every file under
    the folder (there is no repository root for the hooks to find it at)."""
    from together_hooks.gitdir import worktree_root

    if worktree_root(root) is not None:
        return ''
    return (
        f' (in {os.path.abspath(root)}, not a git repository: every file '
        'under it was scanned)'
    )


def update(path: str, slim: bool = False, named: list[str] | None = None) -> int:
    from together_hooks.baseline import format as bl
    from together_hooks.doctor.ds_hooks import refuse_unusable
    from together_hooks.report import shown_path

    current = bl.load(path)
    check_updatable(current)
    root = bl.root_of(path)
    found, scanned, yours = scan_repository(root, rel(path, root), current, named)
    # An entry already there stays (it excuses nothing now); none is added.
    found.update((k, v) for k, v in yours.items() if current.label(*k) is not None)
    yours = {k: v for k, v in yours.items() if k not in found}
    change = updated(current, found, scanned, root, slim)
    if change is None:
        print(f'together-hooks: {shown_path(path)} is up to date (file unchanged).')
        return _not_recorded(yours)
    refuse_unusable(change.doc, root, path)
    bl.save(bl.Baseline(path, change.doc))
    for name, hashed, hit in change.added:
        print(f'  added   {shown_path(name)}:{hit.line}: {hit.finding.redacted} (hashed_secret {hashed})')
    for filename, e, why, kept in change.removed:
        verb = 'stale  ' if kept else 'removed'
        print(f'  {verb} {shown_path(filename)}: {e["type"]} (hashed_secret {e["hashed_secret"]}): {why}')
    stale = sum(1 for gone in change.removed if gone.kept)
    print(
        f'together-hooks: updated {shown_path(path)}: {len(change.added)} added, '
        f'{len(change.removed) - stale} removed, '
        + (f'{stale} audited stale entr{"y" if stale == 1 else "ies"} kept (delete by hand if unwanted), ' if stale else '')
        + ('written slim' if slim else f'{change.refreshed} line number(s) refreshed')
        + '; every label kept.',
    )
    _warn_plugin_path(change.doc, root, current.doc)
    return _not_recorded(yours)


def _warn_plugin_path(
        doc: dict[str, Any], root: str, before: dict[str, Any] | None = None,
) -> None:
    """The note on a plugin path plain detect-secrets cannot load here:
    said when a baseline first records it, not again on each update of a
    baseline that already did (the team has read it, or chose it)."""
    recorded = unloadable_plugin_path(doc, root)
    if recorded is not None and (before is None or unloadable_plugin_path(before, root) != recorded):
        print(
            f'together-hooks: note: only if you also run detect-secrets\' '
            f'own hook: the baseline names our plugin as {recorded}, which '
            'it cannot load here (it would scan nothing); our hooks and '
            '`together-hooks baseline audit` read the baseline as it is. '
            f'To run both: {doc_url("baseline.md")}.',
            file=sys.stderr,
        )


# --- audit ---------------------------------------------------------------------

def audit(path: str, flags: list[str]) -> int:
    from together_hooks.baseline.audit import run_audit
    from together_hooks.report import shown_path

    try:
        result = run_audit(path, flags)
    except ValueError:  # --report: no JSON came back
        if '--report' not in flags:
            raise
        print(f'{PROG}: error: detect-secrets printed no report', file=sys.stderr)
        return EXIT_ERROR
    if isinstance(result, int):
        print(
            f'together-hooks: {result} label(s) saved to {shown_path(path)}.'
            if result else
            f'together-hooks: no label changed; {shown_path(path)} left as it was.',
        )
    else:
        sys.stdout.write(result)
    return EXIT_CLEAN
