"""A detect-secrets plugin with together-hooks' rules, for detect-secrets users.

    detect-secrets scan --plugin path/to/together_hooks/detect_secrets_plugin.py

One detector class per rule in ``together_hooks.rules`` (``TogetherApiKeyDetector``,
``TogetherLegacyApiKeyDetector``), judged by our own engine
(``detect.engine.scan_bytes``), so context rules (a legacy key must be
named as a Together key; a ``Bearer`` key must be sent to
``api.together.xyz``), placeholder shapes and inline pragmas behave as in
``detect-together-keys``.  Where detect-secrets scans a file on disk
(``scan``, ``detect-secrets-hook``, ``audit``) and hands over that file's
own lines, the engine scans the whole file once and each line is answered
from that scan: the findings are ``detect-together-keys``' for the file.
Elsewhere (a diff, ``scan --string``, a file that was transformed, changed
or is larger than the hook reads whole) a line is judged with the lines
detect-secrets shows around it, five either way.
``denylist`` holds the same regexes, for tools that only read it.

detect-secrets loads this file by path, often from a Python that does not have
together-hooks installed, so the engine is loaded from the folder this file
sits in.  Only detect-secrets imports this module; the hook never does.
"""
from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
from typing import Any
from typing import Iterator

from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.plugins.base import RegexBasedDetector


def _engine() -> Any:
    """``together_hooks`` itself: the one already imported, else the one here."""
    if 'together_hooks' not in sys.modules:
        package_dir = os.path.dirname(os.path.abspath(__file__))
        spec = importlib.util.spec_from_file_location(
            'together_hooks', os.path.join(package_dir, '__init__.py'),
            submodule_search_locations=[package_dir],
        )
        if spec is None or spec.loader is None:  # pragma: no cover
            raise ImportError(f'together_hooks not found next to {__file__}')
        module = importlib.util.module_from_spec(spec)
        sys.modules['together_hooks'] = module
        spec.loader.exec_module(module)
    import together_hooks.baseline.format
    import together_hooks.detect.engine
    import together_hooks.fileio
    import together_hooks.rules

    return together_hooks


_together_hooks = _engine()
_baseline = _together_hooks.baseline.format
_detect = _together_hooks.detect.engine
_fileio = _together_hooks.fileio
_rules = _together_hooks.rules


def _detect_secrets_runs() -> bool:
    """Whether the program is detect-secrets' own (``detect-secrets``,
    ``detect-secrets-hook``, ``python -m detect_secrets``), not a process of
    ours or a test that loads the plugin to scan with it."""
    program = sys.argv[0] if sys.argv else ''
    name = os.path.splitext(os.path.basename(program))[0]
    return name in ('detect-secrets', 'detect-secrets-hook') or (
        name == '__main__' and os.path.basename(os.path.dirname(program)) == 'detect_secrets'
    )


def _scrub_output() -> Any:
    """What detect-secrets prints goes through our scrub from now on, as
    our own commands' output does: it names each file it reports
    (``Location:``, a baseline's results on stdout), and a name may hold a
    key.  Its own colours pass (it draws them).  Our processes put the
    sink in front themselves (``baseline audit``'s child: its screen).
    The developer's own keys are known before its first line, as in ours
    (``runtime.held_keys``): a file it names may be named by one."""
    from together_hooks.detect import scrub

    if _detect_secrets_runs() and scrub.run_scrubber() is None:
        from together_hooks.runtime import held_keys

        scrub.install(held_keys)
        for stream in (sys.stdout, sys.stderr):
            stream.colours = True
    return scrub


_scrub = _scrub_output()


def _str_regex(pattern: Any) -> re.Pattern[str]:
    # Our rules match bytes; detect-secrets hands plugins str lines.
    return re.compile(pattern.regex.pattern.decode('ascii'), re.ASCII)


class _FileScan:
    """One file's findings from one engine scan of it, by line, and the
    lines detect-secrets reads from it (``open()``'s text, its lines), to
    tell that a line handed over is this file's."""

    __slots__ = ('digest', 'lines', 'by_line')

    def __init__(self, name: str, data: bytes, digest: bytes, lines: list[str]) -> None:
        self.digest = digest
        self.lines = lines
        self.by_line: dict[int, list[Any]] = {}
        for finding in _scan_bytes(data, name, _rules.RULES):
            self.by_line.setdefault(finding.line, []).append(finding)

    def holds(self, line: str, line_number: int, context: Any) -> bool:
        """Is ``line`` (number ``line_number``, shown in ``context``) this
        file's line, with the same lines around it?  detect-secrets
        strips a line's end (``audit`` every line's)."""
        start = line_number - 1 - context.target_index
        if (
                start != context.start_line or line_number > len(self.lines)
                or line != self.lines[line_number - 1].rstrip()
        ):
            return False
        shown = context.lines
        ours = self.lines[start:start + len(shown)]
        return shown == ours or [s.rstrip() for s in shown] == [s.rstrip() for s in ours]


def _stamp(filename: str) -> tuple[int, ...] | None:
    try:
        st = os.stat(filename)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).digest()


def _read_scan(filename: str, kept: _FileScan | None) -> _FileScan | None:
    """``filename`` as it is now on disk, scanned whole (``kept``, its last
    scan, when its bytes are the same), read as the hook reads a file:
    never through a symlink, at most the size the hook reads whole
    (``fileio.WINDOW``).  None when it is not: too large, not a regular
    file, changed while read (its device, inode, size or mtime), or not
    text detect-secrets reads (``open()``: the locale's encoding,
    universal newlines)."""
    stamp = _stamp(filename)
    if stamp is None:
        return None
    try:
        data = _fileio.read_whole(filename, _fileio.WINDOW)
    except _fileio.NotScanned:
        return None
    if not isinstance(data, bytes) or _stamp(filename) != stamp:
        return None
    # A lone CR ends a line for open() but not for the engine's line numbers.
    if data.count(b'\r') != data.count(b'\r\n'):
        return None
    try:
        lines = io.TextIOWrapper(io.BytesIO(data)).readlines()
    except (UnicodeDecodeError, LookupError):
        return None  # detect-secrets skips it too (binary)
    digest = _digest(data)
    if kept is not None and kept.digest == digest:
        kept.lines = lines
        return kept
    return _FileScan(filename, data, digest, lines)


# The file detect-secrets is going through: its name, the last line
# number asked, and its whole scan (None: it has none).  One file at a
# time: the next file's replaces it.
_file: tuple[str, int, _FileScan | None] = ('', 0, None)


def _file_scan(filename: str, line_number: int) -> _FileScan | None:
    """The whole scan of the file detect-secrets is reading line by line.

    detect-secrets reads a file and then asks about its lines in order: a
    line number not past the last one asked (or another file) starts a
    new pass (its eager transformers, ``audit``, the file scanned again),
    so the file is read again then (and scanned again only if its bytes
    changed: their digest), right after detect-secrets read it.  Each line
    is checked against it with the lines around it (``_FileScan.holds``);
    one that differs ends its use for the pass (``_line_findings``): a
    file that changed between the two reads is judged in windows as
    detect-secrets read it.  Left open: a change in that moment only to
    lines more than five below every line already answered, on which a
    finding there depends."""
    global _file
    name, last, scan = _file
    if name == filename and line_number > last:
        _file = (name, line_number, scan)
        return scan
    _file = ('', 0, None)  # one file's lines and findings in memory at a time
    scan = _read_scan(filename, scan if name == filename else None)
    _file = (filename, line_number, scan)
    return scan


def _scan_bytes(data: bytes, filename: str, rules: tuple[Any, ...]) -> list[Any]:
    found = _detect.scan_bytes(data, filename, rules)
    _scrub.learn(f.secret for f in found)
    return found


def _scan(text: str, filename: str, rules: tuple[Any, ...]) -> list[Any]:
    return _scan_bytes(text.encode('utf-8', 'surrogateescape'), filename, rules)


# The line last answered: its file's name, what detect-secrets handed
# over (its code snippet, held so that no other object takes its id, or
# the line), and every rule's findings on it.
_last: tuple[str, Any, list[Any]] = ('', None, [])


def _line_findings(filename: str, line: str, line_number: int, context: Any) -> list[Any]:
    """Every rule's findings on ``line``.

    From the whole file's scan where detect-secrets scans a file on disk
    and ``line`` and the lines around it (``context``, its code snippet)
    are that file's; else from a scan of ``context`` (five lines either
    side of ``line``), or of ``line`` alone when there is none.

    detect-secrets asks each plugin in turn about one line, handing each
    the same snippet: the first detector of ours to ask answers for every
    rule, the next reads that answer.  Only the last line's is kept.
    """
    global _last, _file
    name, seen, found = _last
    if name == filename and (seen is context if context is not None else seen == line):
        return found
    if context is not None and context.lines:
        whole = _file_scan(filename, line_number) if filename and line_number > 0 else None
        if whole is not None and whole.holds(line, line_number, context):
            found = whole.by_line.get(line_number, [])
        else:
            if whole is not None:
                # Not the file on disk, or not as it is now: what its
                # other lines hold is not known either, so windows until
                # the pass ends.
                _file = (filename, line_number, None)
            text = '\n'.join(item.rstrip('\r\n') for item in context.lines)
            target = context.target_index + 1
            found = [f for f in _scan(text, filename, _rules.RULES) if f.line == target]
    else:
        found = [f for f in _scan(line, filename, _rules.RULES) if f.line == 1]
    _last = (filename, line if context is None else context, found)
    return found


class _TogetherDetector(RegexBasedDetector):
    """One rule of ours as a detect-secrets plugin (subclassed per rule)."""

    rule_id = ''
    denylist: tuple[re.Pattern[str], ...] = ()

    def analyze_string(self, string: str) -> Iterator[str]:
        for finding in _scan(string, '', (_rules.RULES_BY_ID[self.rule_id],)):
            yield finding.secret

    def analyze_line(
            self,
            filename: str,
            line: str,
            line_number: int = 0,
            context: Any = None,
            **kwargs: Any,
    ) -> set[PotentialSecret]:
        """The keys on ``line``, judged with its whole file where that is
        the file on disk, else with the lines around it (``context``).

        detect-secrets calls this line by line; our context checks look
        further than one line up and down (``_line_findings``).
        """
        output = set()
        for finding in _line_findings(filename, line, line_number, context):
            if finding.rule == self.rule_id:
                output.add(PotentialSecret(
                    type=self.secret_type,
                    filename=filename,
                    secret=finding.secret,
                    line_number=line_number,
                ))
        return output


def _detector(rule: Any) -> type:
    return type(_baseline.class_name(rule.id), (_TogetherDetector,), {
        '__module__': __name__,
        '__doc__': rule.description,
        'rule_id': rule.id,
        'secret_type': _baseline.secret_type(rule.id),
        'denylist': tuple(_str_regex(p) for p in rule.patterns),
    })


# detect-secrets registers every public plugin class in this module.
for _rule in _rules.RULES:
    globals()[_baseline.class_name(_rule.id)] = _detector(_rule)
del _rule
