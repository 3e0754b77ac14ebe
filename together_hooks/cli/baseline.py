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
needed); audit needs detect-secrets and runs it in a child process.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from typing import Any
from typing import Sequence

from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import InputError

HELP = 'create, update or audit a detect-secrets baseline (.secrets.baseline)'

PROG = 'together-hooks baseline'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest='action', metavar='ACTION')
    actions.required = True
    create = actions.add_parser(
        'create', help='write a baseline holding every key found now',
        description='Scan the repository (tracked and untracked, not ignored '
                    'files) and write a detect-secrets baseline of every key.',
    )
    update = actions.add_parser(
        'update', help='rescan; add new keys, keep every label and entry',
        description='Rescan the repository and merge into the baseline: new '
                    'keys are added, all labels kept; entries of keys that '
                    'left their file are dropped.  Unchanged, it is not written.',
    )
    audit = actions.add_parser(
        'audit', help="run detect-secrets' audit on the baseline",
        description="Run detect-secrets' own audit on the baseline (on any "
                    'machine: the plugin path is pointed at this install in a '
                    'temp copy).  Without --stats/--report it is the '
                    'interactive labelling session; labels are saved back.',
    )
    for sub in (create, update, audit):
        sub.add_argument(
            '--baseline', metavar='FILE',
            help='the baseline (default: .secrets.baseline at the repository root)',
        )
    for sub in (create, update):
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
    if args.baseline:
        return str(args.baseline)
    from together_hooks.baseline import DEFAULT_NAME
    from together_hooks.sources import git_toplevel

    root = git_toplevel('.')
    return os.path.relpath(os.path.join(root, DEFAULT_NAME)) if root else DEFAULT_NAME


def run(args: argparse.Namespace) -> int:
    path = baseline_path(args)
    if args.action == 'create':
        return create(path, slim=args.slim, force=args.force)
    if args.action == 'update':
        return update(path, slim=args.slim)
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
    elif args.json or args.only_real or args.only_false:
        raise InputError('--json needs --stats; --only-real/--only-false need --report')
    return audit(path, flags)


# --- create / update ---------------------------------------------------------

class Found:
    """Where our scan found one key in one file: its first line and rule."""

    __slots__ = ('line', 'rule', 'finding')

    def __init__(self, line: int, rule: str, finding: Any) -> None:
        self.line = line
        self.rule = rule
        self.finding = finding


def scan_repository(root: str, skip: str) -> tuple[dict[tuple[str, str], Found], set[str]]:
    """Our findings by (file, hashed_secret), and every file name scanned."""
    from together_hooks import pipeline
    from together_hooks import sources
    from together_hooks.baseline import normalise
    from together_hooks.report import Summary

    contents = [c for c in sources.from_tree(root) if normalise(c.path) != skip]
    scanned = {normalise(c.path) for c in contents}
    found: dict[tuple[str, str], Found] = {}
    for f in pipeline.scan_contents(contents, Summary()):
        key = (normalise(f.path), f.hashed_secret)
        if key not in found or f.line < found[key].line:
            found[key] = Found(f.line, f.rule, f)
    return found, scanned


def _entry(name: str, hashed: str, hit: Found, slim: bool) -> dict[str, Any]:
    from together_hooks.baseline import secret_type

    # Field order as detect-secrets' PotentialSecret.json() writes it.
    entry: dict[str, Any] = {
        'type': secret_type(hit.rule),
        'filename': name,
        'hashed_secret': hashed,
        'is_verified': False,
    }
    if not slim:
        entry['line_number'] = hit.line
    return entry


def _sort_key(entry: dict[str, Any]) -> tuple[int, str, str]:
    # detect-secrets' own order within a file.
    return (entry.get('line_number') or 0, entry['hashed_secret'], entry['type'])


def portable_plugin_path(path: Any, root: str) -> str:
    """The path to record for our plugin, given the one recorded now.

    A relative path that exists from the root (a copy or shim the team keeps
    in the repository) is kept; an absolute one inside the repository is
    made relative (detect-secrets records absolute paths); anything else is
    one machine's install and becomes the portable path.
    """
    from together_hooks.baseline import normalise
    from together_hooks.baseline import PORTABLE_PLUGIN_PATH

    if not isinstance(path, str) or not path.startswith('file://'):
        return PORTABLE_PLUGIN_PATH
    rest = path[len('file://'):]
    if os.path.isabs(rest):
        rel = os.path.relpath(rest, root)
        if rel.startswith(os.pardir) or not os.path.isfile(rest):
            return PORTABLE_PLUGIN_PATH
        rest = normalise(rel)
    elif not os.path.isfile(os.path.join(root, rest)):
        return PORTABLE_PLUGIN_PATH
    return f'file://{rest}'


def ensure_plugins(doc: dict[str, Any], root: str) -> bool:
    """List our plugins (portable path) when entries use our types.

    detect-secrets' audit needs a plugin for every entry's type.  A path
    detect-secrets itself recorded (absolute, one machine's site-packages)
    is replaced by the portable one.  Returns whether ``doc`` changed.
    """
    from together_hooks.baseline import our_plugins
    from together_hooks.baseline import PORTABLE_PLUGIN_PATH

    ours = our_plugins()
    plugins = doc.get('plugins_used')
    if not isinstance(plugins, list):
        plugins = []
    used = {e.get('type') for entries in doc['results'].values() for e in entries}
    listed = {p.get('name') for p in plugins if isinstance(p, dict)}
    changed = False
    recorded = PORTABLE_PLUGIN_PATH
    for p in plugins:
        if isinstance(p, dict) and p.get('name') in ours:
            recorded = portable_plugin_path(p.get('path'), root)
            if p.get('path') != recorded:
                p['path'] = recorded
                changed = True
    if used & set(ours.values()):
        for name in ours:
            if name in listed:
                continue
            at = next(
                (i for i, p in enumerate(plugins)
                 if isinstance(p, dict) and str(p.get('name', '')).lower() > name.lower()),
                len(plugins),
            )
            plugins.insert(at, {'name': name, 'path': recorded})
            changed = True
    if changed:
        doc['plugins_used'] = plugins
    return changed


def _now() -> str:
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())


def _rel(path: str, root: str) -> str:
    from together_hooks.baseline import normalise

    return normalise(os.path.relpath(os.path.abspath(path), root))


def create(path: str, slim: bool = False, force: bool = False) -> int:
    from together_hooks import baseline as bl
    from together_hooks.report import shown_path

    if os.path.lexists(path) and not force:
        raise InputError(
            f'{path} already exists: `together-hooks baseline update` keeps '
            'its labels (--force replaces it and loses them)',
        )
    root = bl.root_of(path)
    found, _scanned = scan_repository(root, _rel(path, root))
    results: dict[str, list[dict[str, Any]]] = {}
    for (name, hashed), hit in sorted(found.items()):
        results.setdefault(name, []).append(_entry(name, hashed, hit, slim))
    for entries in results.values():
        entries.sort(key=_sort_key)
    doc: dict[str, Any] = {
        'version': bl.FORMAT_VERSION,
        'plugins_used': sorted(
            ({'name': name, 'path': bl.PORTABLE_PLUGIN_PATH} for name in bl.our_plugins()),
            key=lambda p: p['name'].lower(),
        ),
        'filters_used': [dict(f) for f in bl.CREATE_FILTERS],
        'results': results,
    }
    if not slim:
        doc['generated_at'] = _now()
    bl.save(bl.Baseline(path, doc))
    for (name, hashed), hit in sorted(found.items()):
        print(f'  {shown_path(name)}:{hit.line}: {hit.finding.redacted} (hashed_secret {hashed})')
    print(
        f'together-hooks: wrote {shown_path(path)}: {len(found)} key(s) in '
        f'{len(results)} file(s).',
    )
    _warn_plugin_path(doc, root)
    return EXIT_CLEAN


def merge(
        doc: dict[str, Any], found: dict[tuple[str, str], Found],
        scanned: set[str], root: str, slim: bool,
) -> tuple[list[tuple[str, str, Found]], list[tuple[str, dict[str, Any], str]], int]:
    """Merge a rescan into ``doc`` in place.

    Returns (added, removed or kept stale with the reason, line numbers
    refreshed).  Kept: every entry someone audited (it carries
    ``is_secret``: a team's audit record is never dropped by a tool, even
    when its file or key is gone; such entries are listed as stale), every
    entry of detect-secrets' own plugins in a file that still exists (we
    cannot rescan for them), and our entries whose key is still in the
    file.  Dropped: unaudited entries of files that no longer exist, and
    unaudited entries of ours whose key our rescan no longer finds.
    """
    from together_hooks.baseline import normalise
    from together_hooks.baseline import our_plugins

    our_types = set(our_plugins().values())
    known = {(normalise(f), e['hashed_secret'])
             for f, entries in doc['results'].items() for e in entries}
    removed: list[tuple[str, dict[str, Any], str]] = []
    refreshed = 0
    results: dict[str, list[dict[str, Any]]] = {}
    key_of: dict[str, str] = {}
    for filename, entries in doc['results'].items():
        name = normalise(filename)
        gone = not os.path.lexists(os.path.join(root, name))
        kept = []
        for e in entries:
            if gone or (e['type'] in our_types and name in scanned):
                hit = None if gone else found.get((name, e['hashed_secret']))
                if hit is None:
                    why = 'file no longer exists' if gone else 'key no longer in the file'
                    if 'is_secret' in e:
                        removed.append((filename, e, f'kept (audited): {why}'))
                        kept.append(e)
                    else:
                        removed.append((filename, e, why))
                    continue
                if 'line_number' in e and e['line_number'] != hit.line:
                    e['line_number'] = hit.line
                    refreshed += 1
            kept.append(e)
        if kept:
            results[filename] = kept
            key_of[name] = filename
    added = []
    touched = set()
    for (name, hashed), hit in sorted(found.items()):
        if (name, hashed) in known:
            continue  # recorded already, by whatever plugin: leave it be
        filename = key_of.setdefault(name, name)
        results.setdefault(filename, []).append(_entry(name, hashed, hit, slim))
        touched.add(filename)
        added.append((name, hashed, hit))
    for filename in touched:
        results[filename].sort(key=_sort_key)
    if added:
        results = dict(sorted(results.items()))
    doc['results'] = results
    return added, removed, refreshed


def make_slim(doc: dict[str, Any]) -> None:
    doc.pop('generated_at', None)
    for entries in doc['results'].values():
        for e in entries:
            e.pop('line_number', None)


def update(path: str, slim: bool = False) -> int:
    from together_hooks import baseline as bl
    from together_hooks.report import shown_path

    current = bl.load(path)
    before = current.dumps()
    if not str(current.doc['version']).startswith('1.'):
        raise InputError(
            f'{path}: a detect-secrets {current.doc["version"]} baseline; upgrade '
            f'it once with `detect-secrets scan --baseline {path}`, then update',
        )
    root = bl.root_of(path)
    found, scanned = scan_repository(root, _rel(path, root))
    doc = copy.deepcopy(current.doc)
    added, removed, refreshed = merge(doc, found, scanned, root, slim or current.slim)
    ensure_plugins(doc, root)
    if slim:
        make_slim(doc)
        refreshed = 0
    if json.dumps(doc, indent=2) + '\n' == before:
        print(f'together-hooks: {shown_path(path)} is up to date (file unchanged).')
        return EXIT_CLEAN
    if 'generated_at' in doc:
        doc['generated_at'] = _now()
    bl.save(bl.Baseline(path, doc))
    for name, hashed, hit in added:
        print(f'  added   {shown_path(name)}:{hit.line}: {hit.finding.redacted} (hashed_secret {hashed})')
    for filename, e, why in removed:
        verb = 'stale  ' if why.startswith('kept') else 'removed'
        print(f'  {verb} {shown_path(filename)}: {e["type"]} (hashed_secret {e["hashed_secret"]}): {why}')
    stale = sum(1 for _f, _e, why in removed if why.startswith('kept'))
    print(
        f'together-hooks: updated {shown_path(path)}: {len(added)} added, '
        f'{len(removed) - stale} removed, '
        + (f'{stale} audited stale entr{"y" if stale == 1 else "ies"} kept (delete by hand if unwanted), ' if stale else '')
        + ('written slim' if slim else f'{refreshed} line number(s) refreshed')
        + '; every label kept.',
    )
    _warn_plugin_path(doc, root)
    return EXIT_CLEAN


def _warn_plugin_path(doc: dict[str, Any], root: str) -> None:
    from together_hooks.baseline import our_plugins

    ours = our_plugins()
    for p in doc.get('plugins_used') or ():
        if not isinstance(p, dict) or p.get('name') not in ours:
            continue
        rest = str(p.get('path', ''))[len('file://'):]
        if not os.path.isfile(os.path.join(root, rest)):
            print(
                f'together-hooks: note: {p.get("path")} is relative to a '
                'together-hooks checkout, so plain detect-secrets cannot load '
                'the plugin here (without it detect-secrets-hook scans '
                'nothing); audit with `together-hooks baseline audit`, see '
                'README "Baseline" to run detect-secrets\' own hook too.',
                file=sys.stderr,
            )
        return


# --- audit ---------------------------------------------------------------------

def point_plugins_here(doc: dict[str, Any]) -> None:
    """Point our plugins at this install's plugin file (temp copy only)."""
    from together_hooks.baseline import our_plugins
    from together_hooks.baseline import PLUGIN_FILE

    ours = our_plugins()
    used = {e.get('type') for entries in doc['results'].values() for e in entries}
    plugins = [p for p in doc.get('plugins_used') or () if isinstance(p, dict)]
    if used & set(ours.values()) or any(p.get('name') in ours for p in plugins):
        plugins = [p for p in plugins if p.get('name') not in ours]
        plugins += [{'name': name, 'path': f'file://{PLUGIN_FILE}'} for name in ours]
    doc['plugins_used'] = plugins


def refresh_lines(doc: dict[str, Any], root: str) -> None:
    """Put each entry on a line that holds its key, where our engine finds it.

    detect-secrets' audit looks for an entry's secret on its recorded line
    only; after edits above a key (which the hook lets pass) that line is
    stale, and slim baselines have none.  Temp copy only.
    """
    from together_hooks.baseline import normalise
    from together_hooks.detect import scan_bytes
    from together_hooks.sources import read_file

    for filename, entries in doc['results'].items():
        name = normalise(filename)
        data = read_file(os.path.join(root, name))
        if not data:
            continue
        lines: dict[str, list[int]] = {}
        for f in scan_bytes(data, name):
            lines.setdefault(f.hashed_secret, []).append(f.line)
        for e in entries:
            where = lines.get(e['hashed_secret'])
            if where and e.get('line_number') not in where:
                e['line_number'] = min(where)


def _child_env() -> dict[str, str]:
    import together_hooks

    env = dict(os.environ)
    here = os.path.dirname(os.path.dirname(os.path.abspath(together_hooks.__file__)))
    env['PYTHONPATH'] = os.pathsep.join(p for p in (here, env.get('PYTHONPATH')) if p)
    return env


_CHILD = (
    'import sys\n'
    'from together_hooks.cli.baseline import audit_child\n'
    'raise SystemExit(audit_child(sys.argv[1:]))\n'
)


def audit_child(argv: Sequence[str]) -> int:
    """In the child process: detect-secrets' own audit on the temp copy."""
    tmp, flags = argv[0], list(argv[1:])
    if not flags:
        _locate_unnumbered(tmp)
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.main import main as detect_secrets_main
    from detect_secrets.settings import configure_settings_from_baseline

    # detect-secrets 1.5.0 caches its secret-type -> plugin map while parsing
    # arguments, before the baseline's custom plugins are configured, so its
    # audit fails on any baseline with a custom plugin (Yelp/detect-secrets
    # #611).  With the baseline's settings in place first, it skips that.
    with open(tmp, encoding='utf-8') as f:
        configure_settings_from_baseline(json.load(f))
    get_mapping_from_secret_type_to_class.cache_clear()
    _redact_audit_screen()
    return detect_secrets_main(['audit', tmp, *flags])


def _redact_audit_screen() -> None:
    """detect-secrets' interactive audit prints the lines around each secret
    whole; show the highlighted secret redacted (``tgp_v1_Ab…yz``) and
    scrub any other key on the screen, so the audit never prints a key."""
    from detect_secrets.util.code_snippet import CodeSnippet

    from together_hooks.detect import redact
    from together_hooks.errors import scrub

    highlight = CodeSnippet.apply_highlight
    as_text = CodeSnippet.__str__

    def apply_highlight(self: CodeSnippet, payload: str) -> str:
        return highlight(self, redact(payload))

    def __str__(self: CodeSnippet) -> str:
        return scrub(as_text(self))

    CodeSnippet.apply_highlight = apply_highlight  # type: ignore[method-assign]
    CodeSnippet.__str__ = __str__  # type: ignore[method-assign]


def _locate_unnumbered(tmp: str) -> None:
    """Give entries without a line number (slim) the line their plugin finds.

    detect-secrets' interactive audit stops at the first entry without one.
    """
    with open(tmp, encoding='utf-8') as f:
        doc = json.load(f)
    missing = [
        (filename, e) for filename, entries in doc['results'].items()
        for e in entries if not e.get('line_number')
    ]
    if not missing:
        return
    from detect_secrets.audit.common import get_raw_secrets_from_file
    from detect_secrets.core.potential_secret import PotentialSecret
    from detect_secrets.settings import transient_settings

    with transient_settings(doc):
        for filename, e in missing:
            secret = PotentialSecret.load_secret_from_dict({**e, 'filename': filename})
            try:
                hits = get_raw_secrets_from_file(secret)
            except Exception:  # gone or unreadable: the audit itself says so
                continue
            if hits:
                e['line_number'] = min(h.line_number for h in hits)
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(json.dumps(doc, indent=2) + '\n')


def redact_report(text: str) -> str:
    """detect-secrets' --report holds raw secrets: show them redacted."""
    from together_hooks.detect import hash_secret
    from together_hooks.detect import redact

    doc = json.loads(text)
    for item in doc.get('results', ()):
        raw = item.get('secrets')
        if not isinstance(raw, str) or not raw:
            continue
        shown = redact(raw)
        item['secrets'] = shown
        item['hashed_secret'] = hash_secret(raw)
        item['lines'] = {
            n: line.replace(raw, shown) for n, line in (item.get('lines') or {}).items()
        }
    return json.dumps(doc, indent=4, sort_keys=True, ensure_ascii=False) + '\n'


def copy_labels(path: str, audited: dict[str, Any]) -> int:
    """Copy ``is_secret`` labels from the audited copy into the user's file."""
    from together_hooks import baseline as bl

    current = bl.load(path)  # re-read: keep whatever changed meanwhile
    labels = {
        (bl.normalise(f), e['hashed_secret'], e['type']): e.get('is_secret')
        for f, entries in audited['results'].items() for e in entries
        if isinstance(e, dict) and 'hashed_secret' in e
    }
    changed = 0
    for filename, entries in current.results.items():
        for e in entries:
            key = (bl.normalise(filename), e['hashed_secret'], e['type'])
            if key not in labels or labels[key] == e.get('is_secret'):
                continue
            if labels[key] is None:
                e.pop('is_secret', None)
            else:
                e['is_secret'] = labels[key]
            changed += 1
    if changed:
        bl.save(current)
    return changed


def audit(path: str, flags: list[str]) -> int:
    import importlib.util
    import subprocess
    import tempfile

    from together_hooks import baseline as bl
    from together_hooks.report import shown_path

    current = bl.load(path)
    if importlib.util.find_spec('detect_secrets') is None:
        raise InputError(
            "baseline audit runs detect-secrets' own audit: "
            'pip install detect-secrets==1.5.0',
        )
    root = bl.root_of(path)
    doc = copy.deepcopy(current.doc)
    point_plugins_here(doc)
    refresh_lines(doc, root)
    with tempfile.TemporaryDirectory(prefix='together-hooks-audit-') as tmpdir:
        tmp = os.path.join(tmpdir, os.path.basename(path) or bl.DEFAULT_NAME)
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(json.dumps(doc, indent=2) + '\n')
        cmd = [sys.executable, '-c', _CHILD, tmp, *flags]
        interactive = not flags
        proc = subprocess.run(
            cmd, cwd=root, env=_child_env(),
            stdout=None if interactive else subprocess.PIPE,
            stderr=None if interactive else subprocess.PIPE,
        )
        if proc.returncode != 0:
            err = (proc.stderr or b'').decode('utf-8', 'replace').strip().splitlines()
            why = err[-1] if err else f'exit {proc.returncode}'
            raise InputError(f'detect-secrets audit failed on {path}: {why}')
        if interactive:
            with open(tmp, encoding='utf-8') as f:
                audited = json.load(f)
            changed = copy_labels(path, audited)
            print(
                f'together-hooks: {changed} label(s) saved to {shown_path(path)}.'
                if changed else
                f'together-hooks: no label changed; {shown_path(path)} left as it was.',
            )
            return EXIT_CLEAN
    out = proc.stdout.decode('utf-8', 'replace')
    if '--report' in flags:
        try:
            out = redact_report(out)
        except ValueError:
            print(f'{PROG}: error: detect-secrets printed no report', file=sys.stderr)
            return EXIT_ERROR
    sys.stdout.write(out)
    return EXIT_CLEAN
