"""The detect-secrets baseline (``.secrets.baseline``): read, look up, write.

The file is detect-secrets' own JSON, read and written with the standard
library alone (importing detect-secrets costs ~0.3 s; the hook never does)::

    {"version": "1.5.0",
     "plugins_used": [{"name": "TogetherApiKeyDetector", "path": "file://..."}],
     "filters_used": [{"path": "detect_secrets.filters..."}],
     "results": {"app.py": [{"type": "Together API Key", "filename": "app.py",
                             "hashed_secret": "<sha1 hex>", "is_verified": false,
                             "line_number": 3, "is_secret": false}]},
     "generated_at": "2026-01-01T00:00:00Z"}

A finding is known when its ``hashed_secret`` is recorded for the same file,
whatever the line number (so inserting lines above a key changes nothing) and
whatever plugin ``type`` recorded it (a Together key baselined by
detect-secrets' ``Base64HighEntropyString`` counts).  An entry labelled
``is_secret: true`` by an audit is a confirmed real key and never passes.
Slim baselines (``detect-secrets scan --slim``: no line numbers, no
``generated_at``) read the same.

Reading never changes the file.  Writing (``baseline create/update`` and the
labels an audit records) goes through a temp file and a rename, keeps every
field and key order it did not mean to change, and is byte-compatible with
detect-secrets' own ``json.dumps(indent=2)``.
"""
from __future__ import annotations

import os

from together_hooks import config as _config
from together_hooks.errors import InputError

DEFAULT_NAME = _config.DEFAULT_BASELINE  # its name here

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Iterable

# detect-secrets' regex filters a baseline may carry in ``filters_used``
# (``--exclude-files``, ``--exclude-lines``, ``--exclude-secrets``), each
# with a ``pattern`` list searched (re.search) in the file name, the line,
# or the secret.
EXCLUDE_FILTERS = {
    kind: f'detect_secrets.filters.regex.should_exclude_{kind}'
    for kind in ('file', 'line', 'secret')
}
# The detect-secrets release whose format ``baseline create`` writes.
FORMAT_VERSION = '1.5.0'

# The plugin sits at the package top (users' baselines record that path).
PLUGIN_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'detect_secrets_plugin.py',
)
# detect-secrets records a custom plugin as ``file://`` + its absolute path,
# which ties the baseline to one machine's site-packages and changes with
# every machine that rewrites it.  We record this fixed path instead: it
# resolves from the root of a together-hooks checkout, and
# ``together-hooks baseline audit`` points detect-secrets at the installed
# plugin in a temp copy, so any machine can audit any baseline.
PORTABLE_PLUGIN_PATH = 'file://together_hooks/detect_secrets_plugin.py'

# The filters ``baseline create`` records: detect-secrets' inline allowlist
# and verification policy.  Its heuristic filters are left out on purpose:
# our rules judge placeholders and context themselves, and
# ``is_indirect_reference`` would drop ``Together(api_key="tgp_v1_...")``.
CREATE_FILTERS: tuple[dict[str, Any], ...] = (
    {'path': 'detect_secrets.filters.allowlist.is_line_allowlisted'},
    {'path': 'detect_secrets.filters.common.is_ignored_due_to_verification_policies',
     'min_level': 2},
)

_SUPPORTED_MAJOR = ('0', '1')


def class_name(rule_id: str) -> str:
    """The detect-secrets plugin class of a rule: ``TogetherApiKeyDetector``."""
    return ''.join(word.capitalize() for word in rule_id.split('-')) + 'Detector'


def secret_type(rule_id: str) -> str:
    """The ``type`` a rule's entries carry: ``Together API Key``.

    Part of every entry's identity in detect-secrets: never change it.
    """
    upper = {'ai': 'AI', 'api': 'API'}
    return ' '.join(upper.get(w, w.capitalize()) for w in rule_id.split('-'))


def our_plugins() -> dict[str, str]:
    """{plugin class name: secret type} for every rule, in rule order."""
    from together_hooks.rules import RULES

    return {class_name(rule.id): secret_type(rule.id) for rule in RULES}


def normalise(filename: str) -> str:
    """A results key as detect-secrets writes it: ``/``-separated, no
    ``./``; a key the name holds redacted (a baseline is committed: it
    must never carry one, and an entry still matches its file)."""
    name = filename.replace('\\', '/')
    while name.startswith('./'):
        name = name[2:]
    if not long_run(name):
        return name  # too short a run for a key in any form: as it is
    from together_hooks.detect.scrub import scrub

    return scrub(name)


# A run that could be a key, raw or in any encoding scrub reads (base64,
# percent-encoding): 40 or more of these; names without one are left as
# they are.  Told by translate and ``in``, without re: every commit reads
# the baseline.
_RUN_CHARS = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_%=-'
_RUN_TABLE = bytes(b in _RUN_CHARS for b in range(256))
_RUN = b'\1' * 40


def long_run(name: str) -> bool:
    """Does ``name`` hold 40 or more ``_RUN_CHARS`` in a row?  (Its other
    characters, encoded, are bytes outside them: each ends a run.)"""
    return len(name) >= len(_RUN) and _RUN in name.encode('utf-8', 'surrogatepass').translate(_RUN_TABLE)


class Baseline:
    """A loaded baseline: the JSON document as read, and a lookup index."""

    __slots__ = ('path', 'doc', '_index')

    def __init__(self, path: str, doc: dict[str, Any]) -> None:
        self.path = path
        self.doc = doc
        self._index: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for filename, entries in doc['results'].items():
            for entry in entries:
                key = (normalise(filename), entry['hashed_secret'])
                self._index.setdefault(key, []).append(entry)

    @property
    def results(self) -> dict[str, list[dict[str, Any]]]:
        return self.doc['results']  # type: ignore[no-any-return]

    @property
    def slim(self) -> bool:
        """Made with ``--slim``: no ``generated_at``, no line numbers."""
        if 'generated_at' in self.doc:
            return False
        return not any(
            'line_number' in e for entries in self.results.values() for e in entries
        )

    def entries(self, filename: str, hashed_secret: str) -> list[dict[str, Any]]:
        """Every entry for this secret in this file, of any type, any line."""
        return self._index.get((normalise(filename), hashed_secret), [])

    def label(self, filename: str, hashed_secret: str) -> str | None:
        """``'real'`` (labelled ``is_secret: true``), ``'known'``, or None."""
        entries = self.entries(filename, hashed_secret)
        if not entries:
            return None
        if any(e.get('is_secret') is True for e in entries):
            return 'real'
        return 'known'

    def excludes(self, kind: str) -> list[str]:
        """The patterns of detect-secrets' ``should_exclude_<kind>`` filter."""
        path = EXCLUDE_FILTERS[kind]
        return [
            pattern for f in self.doc.get('filters_used', ())
            if f.get('path') == path for pattern in f.get('pattern', ())
        ]

    def dumps(self) -> str:
        """The file's text, exactly as detect-secrets writes it."""
        import json

        return json.dumps(self.doc, indent=2) + '\n'


def _shape_error(path: str, what: str) -> InputError:
    return InputError(
        f'{path}: not a detect-secrets baseline ({what}); the file was left '
        'as it is',
    )


def _check_version(path: str, version: Any) -> None:
    if not isinstance(version, str):
        raise _shape_error(path, '"version" is missing or not a string')
    # 'major.minor[.patch]' (a regex would cost its compile on every hook run)
    parts = version.split('.')
    shaped = 2 <= len(parts) <= 3 and all(p.isdecimal() for p in parts)
    if not shaped or parts[0] not in _SUPPORTED_MAJOR:
        raise InputError(
            f'{path}: baseline version {version!r} is not supported (this '
            'together-hooks reads detect-secrets 0.x and 1.x baselines); the '
            'file was left as it is',
        )


class _Decoder:
    """What json.loads' own decoder gives its C scanner."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {
        '-Infinity': float('-inf'), 'Infinity': float('inf'), 'NaN': float('nan'),
    }.__getitem__


_JSON_SPACE = ' \t\n\r'


def json_loads(text: str) -> Any:
    """``json.loads(text)``, without importing the json package.

    Every hook run reads the baseline, and ``import json`` compiles seven
    regular expressions for its pure-Python decoder and its encoder
    (docs/architecture.md, "Kept on purpose").  ``json.loads`` parses with
    the C scanner of ``_json``, and so does this, with the same settings.
    Text that is not JSON (or a Python without ``_json``) goes to
    json.loads itself, which raises the error with its line and column (the
    scanner of Python 3.11 cannot even say it unless json.decoder is
    imported).
    tests/property_test.py holds the two to the same results.
    """
    try:
        from _json import make_scanner

        start = len(text) - len(text.lstrip(_JSON_SPACE))
        doc, end = make_scanner(_Decoder)(text, start)
    except Exception:
        pass
    else:
        if not text[end:].strip(_JSON_SPACE):
            return doc
    import json

    return json.loads(text)


def _conflict_line(text: str) -> int:
    """The line of the first git merge-conflict marker (``<<<<<<<`` at a
    line's start, later followed by ``=======`` and ``>>>>>>>`` lines, as
    git writes them), 0 when there is none: two branches that each added
    to the baseline merge into one that is no longer JSON.  Lines end at
    ``\\n`` only, as git and the JSON error count them (``str.splitlines``
    also breaks at U+2028, which a file name in the baseline may hold)."""
    start, wants = 0, ('<<<<<<<', '=======', '>>>>>>>')
    for n, line in enumerate(text.split('\n'), 1):
        if wants[0] == '=======' and line.rstrip() != '=======':
            continue
        if line.startswith(wants[0]):
            start, wants = start or n, wants[1:]
            if not wants:
                return start
    return 0


def parse(text: str, path: str) -> Baseline:
    """Validate and index a baseline's text; InputError on anything else."""
    if not text.strip():
        raise InputError(
            f'{path}: the baseline is empty (recreate it with '
            '`together-hooks baseline create`)',
        )
    try:
        doc = json_loads(text)
    except RecursionError:
        raise InputError(
            f'{path}: the baseline is nested too deep to read (no baseline '
            'detect-secrets writes is); the file was left as it is',
        )
    except ValueError as e:
        conflict = _conflict_line(text)
        if conflict:
            from together_hooks.messages import shell_quote

            raise InputError(
                f'{path}: the baseline holds git merge-conflict markers (line '
                f'{conflict}); keep one side (`git checkout --ours -- '
                f'{shell_quote(path)}`, or --theirs), then run `together-hooks '
                f'baseline update --baseline {shell_quote(path)}` to add the '
                'keys the files hold now (labels from the other side are not '
                'carried over); the file was left as it is',
            )
        where = f' at line {e.lineno} column {e.colno}' if hasattr(e, 'lineno') else ''
        raise InputError(
            f'{path}: the baseline is not valid JSON{where} (truncated or '
            'corrupt?); the file was left as it is',
        )
    if not isinstance(doc, dict):
        raise _shape_error(path, 'not a JSON object')
    _check_version(path, doc.get('version'))
    results = doc.get('results')
    if not isinstance(results, dict):
        raise _shape_error(path, '"results" is missing or not an object')
    for key, field in (('plugins_used', 'name'), ('filters_used', 'path')):
        if key not in doc:
            continue
        if not isinstance(doc[key], list):
            raise _shape_error(path, f'"{key}" is not a list')
        for n, item in enumerate(doc[key]):  # each as detect-secrets reads it
            if not isinstance(item, dict):
                raise _shape_error(path, f'{key}[{n}] is not an object')
            if not isinstance(item.get(field), str):
                raise _shape_error(path, f'{key}[{n}] has no "{field}"')
    _check_exclude_filters(path, doc.get('filters_used', ()))
    for filename, entries in results.items():
        if not isinstance(entries, list):
            raise _shape_error(path, f'results[{filename!r}] is not a list')
        for n, entry in enumerate(entries):
            where = f'results[{filename!r}][{n}]'
            if not isinstance(entry, dict):
                raise _shape_error(path, f'{where} is not an object')
            if not isinstance(entry.get('hashed_secret'), str):
                raise _shape_error(path, f'{where} has no "hashed_secret"')
            if not isinstance(entry.get('type'), str):
                raise _shape_error(path, f'{where} has no "type"')
            if not isinstance(entry.get('filename', ''), str):
                raise _shape_error(path, f'{where}: "filename" is not a string')
            if entry.get('is_secret') not in (None, True, False):
                raise _shape_error(path, f'{where}: "is_secret" is not true/false')
            line = entry.get('line_number', 0)
            if isinstance(line, bool) or not isinstance(line, int):
                raise _shape_error(path, f'{where}: "line_number" is not a number')
    return Baseline(path, doc)


def _check_exclude_filters(path: str, filters: list[Any]) -> None:
    """Each regex filter's ``pattern`` is a list of valid regexes (as
    detect-secrets compiles them): a bad one is exit 2, never a silent pass."""
    wanted = set(EXCLUDE_FILTERS.values())
    for f in filters:
        if f.get('path') not in wanted:
            continue
        patterns = f.get('pattern')
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise _shape_error(path, f'{f["path"]}: "pattern" is not a list of strings')
        import re

        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as e:
                raise _shape_error(path, f'{f["path"]}: {pattern!r} is not a valid regex ({e})')



def not_a_baseline_file(path: str) -> InputError:
    """A folder named as the baseline: one wording for every command that
    reads or writes one."""
    return InputError(f'{path}: is a folder, not a baseline file')

def load(path: str, repository: str | None = None) -> Baseline:
    """Read and validate ``path``; a one-line InputError if it is unusable.
    ``repository``: the work tree whose config (or root) named the file,
    which it must not lead out of; else the one the path is named in."""
    from together_hooks.fileio import read_config_file
    from together_hooks.fileio import text_start
    from together_hooks.gitdir import repository_naming

    if repository is not None and not _named_inside(path, repository):
        raise InputError(
            f'{path}: the baseline the repository names is out of the repository; '
            'refusing to read it: keep it in the repository, or name it with --baseline',
        )
    try:
        # A FIFO or device: one line, no hang.  A link out of the work tree
        # is refused, as for the config: the repository's baseline is the
        # one it holds (``save`` never writes through one either).
        raw = read_config_file(path, within=repository or repository_naming(path))
    except FileNotFoundError:
        from together_hooks.messages import shell_quote

        # Beside a file of nearly that name, that name first: a typo is
        # fixed there, not by creating the misspelt file.  The advice to
        # create stays: the near file may be a copy (``.secrets.baseline.bak``
        # beside a baseline that is gone) or a baseline of its own.
        near = _near_name(path)
        create = (
            f'create it with `together-hooks baseline create --baseline {shell_quote(path)}`, '
            f'or `detect-secrets scan > {shell_quote(path)}`'
        )
        if near is not None:
            raise InputError(
                f'{path}: baseline not found (did you mean {shell_quote(near)}? if not, {create})',
            )
        raise InputError(f'{path}: baseline not found ({create})')
    except IsADirectoryError:
        raise not_a_baseline_file(path)
    except OSError as e:
        raise InputError(f'{path}: cannot read the baseline ({e.strerror})')
    try:  # a BOM (Windows editors) is dropped, as 'utf-8-sig' would
        text = raw[text_start(raw):].decode('utf-8')
    except UnicodeDecodeError:
        raise InputError(f'{path}: the baseline is not UTF-8 text; the file was left as it is')
    return parse(text, path)


def _named_inside(path: str, folder: str) -> bool:
    named, top = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([named, top]) == top


def save(baseline: Baseline) -> None:
    """Write atomically: the old file stays whole if anything fails."""
    from together_hooks.detect.scrub import scrub
    from together_hooks.detect.scrub import vouch_fields
    from together_hooks.fileio import write_atomic
    from together_hooks.gitdir import repository_naming

    # An entry kept from an older file may still name a key: never again.
    # (Its schema's names are detect-secrets' own, in snake case; its file
    # names were scrubbed each.)
    vouch_fields(baseline.doc, data=('results',), names='[a-z_]+')
    write_atomic(baseline.path, scrub(baseline.dumps()), within=repository_naming(baseline.path))


def _near_name(path: str) -> str | None:
    """A file beside the missing ``path`` whose name is nearly its name
    (``.secrets.baselin`` for ``.secrets.baseline``), named as ``path`` is."""
    from difflib import get_close_matches

    from itertools import islice

    folder, name = os.path.split(path)
    try:  # the first 10,000 entries, no stat each (a folder may hold millions)
        with os.scandir(folder or '.') as entries:
            names = [e.name for e in islice(entries, 10_000)]
    except OSError:
        return None
    for match in get_close_matches(name, names, n=3, cutoff=0.85):
        if os.path.isfile(os.path.join(folder or '.', match)):
            return os.path.join(folder, match)
    return None


def root_of(path: str) -> str:
    """The folder baseline filenames are relative to: the repository root.

    detect-secrets records paths relative to where it ran, which is the
    repository root for every documented workflow, wherever the file lives
    (this repository keeps its own in ``baseline/``).
    """
    from together_hooks.gitdir import worktree_root

    folder = os.path.dirname(os.path.abspath(path))
    return worktree_root(folder) or os.getcwd()


def candidate_names(path: str, root: str, bases: Iterable[str]) -> list[str]:
    """The root-relative names a reported path may stand for.

    A report path is relative to where the scan ran (the current folder, the
    folder scanned, or the repository root); baseline names are relative to
    the repository root.
    """
    names = []
    if os.path.isabs(path):
        tries = [path]
    else:
        tries = [os.path.join(base, path) for base in bases]
    for full in tries:
        rel = os.path.relpath(os.path.abspath(full), root)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            names.append(normalise(rel))
    return names
