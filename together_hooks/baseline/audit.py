"""Auditing a baseline with detect-secrets' own audit, in a child process
on a temp copy that points at this install's plugin (so any machine can
audit any baseline); labels set in the session are copied back, and
everything detect-secrets shows is redacted."""
from __future__ import annotations

import copy
import json
import os
import sys

from together_hooks.baseline import format as bl
from together_hooks.errors import InputError
from together_hooks.messages import json_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import Sequence


def point_plugins_here(doc: dict[str, Any]) -> None:
    """Point our plugins at this install's plugin file (temp copy only)."""
    ours = bl.our_plugins()
    used = {e.get('type') for entries in doc['results'].values() for e in entries}
    plugins = [p for p in doc.get('plugins_used') or () if isinstance(p, dict)]
    if used & set(ours.values()) or any(p.get('name') in ours for p in plugins):
        plugins = [p for p in plugins if p.get('name') not in ours]
        plugins += [{'name': name, 'path': f'file://{bl.PLUGIN_FILE}'} for name in ours]
    doc['plugins_used'] = plugins
    for filename, entries in doc['results'].items():
        for e in entries:  # detect-secrets would read the entry's own name
            e['filename'] = filename


def check_types(doc: dict[str, Any], known: Any) -> None:
    """Every entry's type is one a plugin detect-secrets loaded reports
    (else its audit stops with a bare TypeError or KeyError)."""
    for filename, entries in doc['results'].items():
        for n, e in enumerate(entries):
            if e['type'] not in known:
                raise InputError(
                    f'results[{filename!r}][{n}]: type {e["type"]!r} is reported by '
                    'no plugin detect-secrets can load here (a custom plugin missing '
                    'from "plugins_used", or its file?); add the plugin, or remove '
                    'the entry',
                )


def refresh_lines(doc: dict[str, Any], root: str) -> None:
    """Put each entry on a line that holds its key, where our engine finds it.

    detect-secrets' audit looks for an entry's secret on its recorded line
    only; after edits above a key (which the hook lets pass) that line is
    stale, and slim baselines have none.  Temp copy only.
    """
    from together_hooks.detect.engine import scan_bytes
    from together_hooks.fileio import read_file

    for filename, entries in doc['results'].items():
        name = bl.normalise(filename)
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


# The child's exit code when stdin ended before every secret was labelled.
_STDIN_ENDED = 3
_CHILD = (
    'import sys\n'
    'from together_hooks.baseline.audit import audit_child\n'
    'raise SystemExit(audit_child(sys.argv[1:]))\n'
)


def audit_child(argv: Sequence[str]) -> int:
    """In the child process: detect-secrets' own audit on the temp copy."""
    tmp, flags = argv[0], list(argv[1:])
    if not flags:
        from together_hooks.detect.scrub import install
        from together_hooks.env.ownkeys import held_keys

        # Before detect-secrets binds its log handler to the stderr of the
        # moment: its error lines name a baseline's plugins and files.
        # The developer's own keys are known before its first screen, as
        # in any command's scrub (``env.ownkeys.held_keys``): the lines it
        # shows around a secret may hold one, as a file name may.
        install(held_keys)
        _locate_unnumbered(tmp)
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.main import main as detect_secrets_main
    from detect_secrets.settings import configure_settings_from_baseline

    # detect-secrets 1.5.0 caches its secret-type -> plugin map while parsing
    # arguments, before the baseline's custom plugins are configured, so its
    # audit fails on any baseline with a custom plugin (Yelp/detect-secrets
    # #611).  With the baseline's settings in place first, it skips that.
    with open(tmp, encoding='utf-8') as f:
        doc = json.load(f)
    configure_settings_from_baseline(doc)
    get_mapping_from_secret_type_to_class.cache_clear()
    try:
        check_types(doc, get_mapping_from_secret_type_to_class())
    except InputError as e:
        print(e, file=sys.stderr)
        return 2
    _redact_audit_screen(interactive=not flags)
    _clear_only_a_terminal()
    try:
        return detect_secrets_main(['audit', tmp, *flags])
    except EOFError:  # its answers come from stdin, which ended first
        return _STDIN_ENDED
    except KeyboardInterrupt:  # the parent, interrupted too, says so
        return 130
    except Exception as e:  # its crash (a plugin it cannot load): one line
        print(f'detect-secrets: {type(e).__name__}: {" ".join(str(e).split())}',
              file=sys.stderr)
        return 1


def _clear_only_a_terminal() -> None:
    """detect-secrets clears the screen before each secret by running
    ``clear`` (``cls``), which writes its codes to our stdout whatever it
    is: into a file or a pipe (answers given on stdin, a CI log) they are
    noise before every screen.  Only a terminal is cleared."""
    if sys.stdout.isatty():
        return
    from detect_secrets.audit import io

    io.clear_screen = lambda: None


def _redact_audit_screen(interactive: bool) -> None:
    """detect-secrets' interactive audit prints the lines around each secret
    whole, and each file's name, straight to the terminal: its output goes
    through the scrubbing sink (every form of each secret shown, any other
    key, control characters but its own colours), and the highlighted
    secret is shown redacted (``tgp_v1_Ab…yz``), so the audit never prints a
    key.  A secret found encoded (base64) is highlighted where its
    encoding stands, instead of failing the audit.  (``--report`` and
    ``--stats`` go to the parent, which redacts and scrubs them itself.)"""
    from detect_secrets.exceptions import SecretNotFoundOnSpecifiedLineError
    from detect_secrets.util.code_snippet import CodeSnippet

    from together_hooks.detect.scrub import Scrubber
    from together_hooks.detect.scrub import encoded_runs
    from together_hooks.detect.scrub import install
    from together_hooks.findings import redact

    scrubber = Scrubber()
    if interactive:
        scrubber = install()
        for stream in (sys.stdout, sys.stderr):
            stream.colours = True  # type: ignore[union-attr]
    highlight = CodeSnippet.apply_highlight
    highlight_line = CodeSnippet.highlight_line

    def apply_highlight(self: CodeSnippet, payload: str) -> str:
        return highlight(self, redact(payload))

    def find_and_highlight(self: CodeSnippet, payload: str) -> CodeSnippet:
        scrubber.learn([payload])
        try:
            return highlight_line(self, payload)
        except SecretNotFoundOnSpecifiedLineError:
            for run in encoded_runs(self.target_line, payload):
                return highlight_line(self, run)
            return self  # shown unhighlighted; scrubbed all the same

    CodeSnippet.apply_highlight = apply_highlight  # type: ignore[method-assign]
    CodeSnippet.highlight_line = find_and_highlight  # type: ignore[method-assign]


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


def _leave_out_gone(doc: dict[str, Any], root: str) -> None:
    """Entries whose file is gone (kept by ``update`` for their labels)
    cannot be shown: detect-secrets would fail reading them.  They stay in
    the baseline; the audit names them and goes on with the rest (the
    output sink escapes what a name may hold)."""
    results = doc.get('results') or {}
    for name in sorted(results):
        if not os.path.isfile(os.path.join(root, name)):
            del results[name]
            print(
                f'together-hooks: {name}: file gone; its baseline '
                'entries are kept, but not audited',
                file=sys.stderr,
            )


def redact_report(text: str) -> str:
    """detect-secrets' --report holds raw secrets: show them redacted."""
    from together_hooks.detect.scrub import learn
    from together_hooks.findings import hash_secret
    from together_hooks.findings import redact

    doc = json.loads(text)
    # Lines show secrets encoded too (base64): every form is scrubbed on output.
    learn(item.get('secrets') for item in doc.get('results', ()) if isinstance(item.get('secrets'), str))
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
    return json_text(doc, indent=4, sort_keys=True) + '\n'


def copy_labels(path: str, audited: dict[str, Any]) -> int:
    """Copy ``is_secret`` labels from the audited copy into the user's file."""
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


def run_audit(path: str, flags: list[str]) -> int | str:
    """detect-secrets' audit of ``path``: interactive without ``flags`` (the
    number of labels copied back), else its output (a ``--report``
    redacted)."""
    import importlib.util
    import subprocess
    import tempfile

    current = bl.load(path)
    if not flags:  # the labels are read from our stdin, by the child
        from together_hooks.fileio import stdin_bytes

        stdin_bytes()
    if importlib.util.find_spec('detect_secrets') is None:
        raise InputError(
            "baseline audit runs detect-secrets' own audit: "
            'pip install detect-secrets==1.5.0',
        )
    root = bl.root_of(path)
    doc = copy.deepcopy(current.doc)
    point_plugins_here(doc)
    _leave_out_gone(doc, root)
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
        if proc.returncode == _STDIN_ENDED and interactive:
            raise InputError(
                f'baseline audit of {path}: stdin ended before every secret '
                'was labelled; no label changed',
            )
        if proc.returncode != 0:
            err = (proc.stderr or b'').decode('utf-8', 'replace').strip().splitlines()
            why = err[-1] if err else f'exit {proc.returncode}'
            raise InputError(f'detect-secrets audit failed on {path}: {why}')
        if interactive:
            with open(tmp, encoding='utf-8') as f:
                audited = json.load(f)
            return copy_labels(path, audited)
    out = proc.stdout.decode('utf-8', 'replace')
    return redact_report(out) if '--report' in flags else out
