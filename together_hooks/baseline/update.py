"""Making and updating a baseline from a scan: the new document, a rescan
merged into the old one, the portable plugin path.  The scan itself is the
caller's (the pipeline's scanner); this module only turns findings into a
detect-secrets document."""
from __future__ import annotations

import os
import time
from typing import NamedTuple

from together_hooks.baseline.format import Baseline
from together_hooks.baseline.format import CREATE_FILTERS
from together_hooks.baseline.format import FORMAT_VERSION
from together_hooks.baseline.format import normalise
from together_hooks.baseline.format import our_plugins
from together_hooks.baseline.format import PORTABLE_PLUGIN_PATH
from together_hooks.baseline.format import secret_type
from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Iterable

    from together_hooks.findings import Finding


class Found:
    """Where our scan found one key in one file: its first line and rule."""

    __slots__ = ('line', 'rule', 'finding')

    def __init__(self, line: int, rule: str, finding: Any) -> None:
        self.line = line
        self.rule = rule
        self.finding = finding


def found_by_key(findings: Iterable[Finding]) -> dict[tuple[str, str], Found]:
    """Findings by (file, hashed_secret), each at its first line."""
    found: dict[tuple[str, str], Found] = {}
    for f in findings:
        key = (normalise(f.path), f.hashed_secret)
        if key not in found or f.line < found[key].line:
            found[key] = Found(f.line, f.rule, f)
    return found


def entry(name: str, hashed: str, hit: Found, slim: bool) -> dict[str, Any]:
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


def sort_key(entry: dict[str, Any]) -> tuple[int, str, str]:
    # detect-secrets' own order within a file.
    return (entry.get('line_number') or 0, entry['hashed_secret'], entry['type'])


def portable_plugin_path(path: Any, root: str) -> str:
    """The path to record for our plugin, given the one recorded now.

    A relative path that exists from the root (a copy or shim the team keeps
    in the repository) is kept; an absolute one inside the repository is
    made relative (detect-secrets records absolute paths); anything else is
    one machine's install and becomes the portable path.
    """
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


def now() -> str:
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())


def rel(path: str, root: str) -> str:
    return normalise(os.path.relpath(os.path.abspath(path), root))


class Gone(NamedTuple):
    """An entry whose key a rescan no longer finds: dropped, or ``kept``
    (it was audited) and listed as stale."""

    filename: str
    entry: dict[str, Any]
    why: str
    kept: bool


def merge(
        doc: dict[str, Any], found: dict[tuple[str, str], Found],
        scanned: set[str], root: str, slim: bool,
) -> tuple[list[tuple[str, str, Found]], list[Gone], int]:
    """Merge a rescan into ``doc`` in place.

    Returns (added, entries whose key is gone: removed, or kept as stale,
    line numbers refreshed).  Kept: every entry someone audited (it carries
    ``is_secret``: a team's audit record is never dropped by a tool, even
    when its file or key is gone; such entries are listed as stale), every
    entry of detect-secrets' own plugins in a file that still exists (we
    cannot rescan for them), and our entries whose key is still in the
    file.  Dropped: unaudited entries of files that no longer exist, and
    unaudited entries of ours whose key our rescan no longer finds.
    """
    our_types = set(our_plugins().values())
    known = {(normalise(f), e['hashed_secret'])
             for f, entries in doc['results'].items() for e in entries}
    removed: list[Gone] = []
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
                        removed.append(Gone(filename, e, f'kept (audited): {why}', True))
                        kept.append(e)
                    else:
                        removed.append(Gone(filename, e, why, False))
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
        results.setdefault(filename, []).append(entry(name, hashed, hit, slim))
        touched.add(filename)
        added.append((name, hashed, hit))
    for filename in touched:
        results[filename].sort(key=sort_key)
    if added:
        results = dict(sorted(results.items()))
    doc['results'] = results
    return added, removed, refreshed


def make_slim(doc: dict[str, Any]) -> None:
    doc.pop('generated_at', None)
    for entries in doc['results'].values():
        for e in entries:
            e.pop('line_number', None)


def created(found: dict[tuple[str, str], Found], slim: bool) -> dict[str, Any]:
    """A new baseline document of every key ``found``, listing our plugins
    (portable path) and the filters ``detect-secrets scan`` uses."""
    results: dict[str, list[dict[str, Any]]] = {}
    for (name, hashed), hit in sorted(found.items()):
        results.setdefault(name, []).append(entry(name, hashed, hit, slim))
    for entries in results.values():
        entries.sort(key=sort_key)
    doc: dict[str, Any] = {
        'version': FORMAT_VERSION,
        'plugins_used': sorted(
            ({'name': name, 'path': PORTABLE_PLUGIN_PATH} for name in our_plugins()),
            key=lambda p: p['name'].lower(),
        ),
        'filters_used': [dict(f) for f in CREATE_FILTERS],
        'results': results,
    }
    if not slim:
        doc['generated_at'] = now()
    return doc


def check_updatable(current: Baseline) -> None:
    """Only a 1.x document is merged into (asked before the rescan)."""
    if not str(current.doc['version']).startswith('1.'):
        raise InputError(
            f'{current.path}: a detect-secrets {current.doc["version"]} baseline; upgrade '
            f'it once with `detect-secrets scan --baseline {current.path}`, then update',
        )


class Update(NamedTuple):
    """A rescan merged into a baseline (``merge``'s counts)."""

    doc: dict[str, Any]
    added: list[tuple[str, str, Found]]
    removed: list[Gone]
    refreshed: int


def updated(
        current: Baseline, found: dict[tuple[str, str], Found],
        scanned: set[str], root: str, slim: bool,
) -> Update | None:
    """``current`` with a rescan merged in (a copy; ``slim`` makes it
    slim), or None when the file would not change."""
    import copy

    doc = copy.deepcopy(current.doc)
    added, removed, refreshed = merge(doc, found, scanned, root, slim or current.slim)
    ensure_plugins(doc, root)
    if slim:
        make_slim(doc)
        refreshed = 0
    if Baseline(current.path, doc).dumps() == current.dumps():
        return None
    if 'generated_at' in doc:
        doc['generated_at'] = now()
    return Update(doc, added, removed, refreshed)


def unloadable_plugin_path(doc: dict[str, Any], root: str) -> str | None:
    """The path recorded for our plugin when plain detect-secrets cannot
    load it from ``root`` (it is relative to a together-hooks checkout)."""
    ours = our_plugins()
    for p in doc.get('plugins_used') or ():
        if not isinstance(p, dict) or p.get('name') not in ours:
            continue
        rest = str(p.get('path', ''))[len('file://'):]
        return None if os.path.isfile(os.path.join(root, rest)) else str(p.get('path'))
    return None
