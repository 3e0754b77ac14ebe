"""Inline allow comments, checked per line while a file is scanned.

detect-secrets' ``pragma: allowlist secret`` on the line and ``pragma:
allowlist nextline secret`` on the line before, in every comment style
detect-secrets accepts, and gitleaks' ``gitleaks:allow``.
"""
from __future__ import annotations

from together_hooks.fileio import text_start

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_COMMENT_STARTS = (rb'#', rb'//', rb'/\*', rb"'", rb'--', rb'<!--[# \t]*?')
_COMMENT_ENDS = (rb'', rb'', rb' *\*/', rb'', rb'', rb' *?-->')
# Sources only: compiled when a finding's line mentions a pragma, and by
# ``prepare`` before a tree scan forks; through the regex cache (their
# programs kept per user: ``re``'s compile of the two took 0.9 ms of every
# forked tree scan).
_ALLOW_LINE = (
    rb'(?:' + rb'|'.join(
        rb'[ \t]*' + s + rb' *pragma: ?(?:allow|white)list[ -]secret.*?' + e
        + rb'[ \t]*$'
        for s, e in zip(_COMMENT_STARTS, _COMMENT_ENDS)
    ) + rb')|gitleaks:allow'
)
# No text may precede a nextline pragma (as in detect-secrets): otherwise
# ``x = 1  # pragma: allowlist nextline secret`` could hide the next line.
_ALLOW_NEXTLINE = (
    rb'^[ \t]*(?:' + rb'|'.join(
        s + rb' *pragma: ?allowlist[ -]nextline[ -]secret.*?' + e
        for s, e in zip(_COMMENT_STARTS, _COMMENT_ENDS)
    ) + rb')[ \t]*$'
)
_LOOKBACK = 4096
# A pragma counts only where a reviewer sees it.  Not on a line with bidi
# controls (they show the text reversed or moved: CVE-2021-42574) or
# invisible characters, in UTF-8: U+061C, U+200B-U+200F, U+202A-U+202E,
# U+2060-U+2064, U+2066-U+2069, U+FEFF; nor with control characters (C0
# but the tab, DEL, C1): in ``git diff`` through ``less -R`` an escape
# sequence conceals the text after it (ESC [8m) or erases the line, and a
# backspace moves back over it.
_HIDING = (
    rb'\xd8\x9c|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]'
    rb'|\xef\xbb\xbf|[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]'
)
# Nor pushed out of view (a diff view does not wrap): by a run of more
# than ``_MAX_GAP`` columns of blanks before it on its line, an indentation
# wider than ``_MAX_INDENT``, or anything at all, code or filler, that puts
# it past column ``_MAX_COLUMN`` of its line.  Aligned comments, nested
# code and a key with its pragma after it stay well inside all three; a
# longer line takes a nextline pragma above it, or a baseline entry.
_MAX_GAP = 40
_MAX_INDENT = 80
_MAX_COLUMN = 120
_TAB = 8


def _strip_cr(line: bytes) -> bytes:
    return line[:-1] if line.endswith(b'\r') else line


# False only inside ``ignored()`` (rotate-help): no pragma excuses a key.
_HONOURED = [True]


class ignored:
    """``with ignored():`` scans find what a pragma hides, wherever it
    is read (a UTF-16 file, a zip or gzip member, a base64 value): what a
    key would be found as without its excuse (``rotate-help`` names the
    key a pragma excuses; a pragma never makes a key harmless)."""

    def __enter__(self) -> None:
        _HONOURED.append(False)

    def __exit__(self, *exc: object) -> None:
        _HONOURED.pop()


def prepare() -> None:
    """Compile both pragma regexes (``engine.prepare``: before a scan
    forks): a key under any line holding ``pragma`` (C's ``#pragma once``
    over a constant) asks the nextline one, in each process otherwise."""
    from together_hooks.regex_cache import cached

    cached(_ALLOW_LINE)
    cached(_ALLOW_NEXTLINE)


def allowed_inline(data: bytes, start: int, end: int) -> bool:
    """Is the line ``data[start:end]`` (no newline) allowed by a pragma?

    A bare ``\r`` ends a line too (old Mac files, terminal captures), so
    callers pass the CR-bounded part of the line that holds the finding:
    one pragma must never cover a whole file that has no ``\n``.
    """
    if not _HONOURED[-1]:
        return False
    if data.find(b'pragma', start, end) != -1 or data.find(
            b'gitleaks:allow', start, end,
    ) != -1:
        from together_hooks.regex_cache import cached

        start = start or text_start(data)
        line = _strip_cr(data[start:end])
        found = cached(_ALLOW_LINE).search(line)
        if found is not None and _seen(data, start, line, found):
            return True
    if start >= 1 and data[start - 1:start] in (b'\n', b'\r'):
        prev_end = start - 1
        if data[prev_end - 1:prev_end] == b'\r' and data[prev_end:start] == b'\n':
            prev_end -= 1
        lo = max(0, prev_end - _LOOKBACK)
        prev_start = max(data.rfind(b'\n', lo, prev_end), data.rfind(b'\r', lo, prev_end)) + 1
        if data.find(b'pragma', prev_start, prev_end) != -1:
            from together_hooks.regex_cache import cached

            prev_start = prev_start or text_start(data)
            line = data[prev_start:prev_end]
            found = cached(_ALLOW_NEXTLINE).search(line)
            return found is not None and _seen(data, prev_start, line, found)
    return False


def _seen(data: bytes, start: int, line: bytes, found: re.Match[bytes]) -> bool:
    """Whether the pragma ``found`` on ``line`` (``data`` from ``start``) is
    one a reviewer sees (``_HIDING``, ``_MAX_GAP``, ``_MAX_INDENT``,
    ``_MAX_COLUMN``)."""
    import re

    if re.search(_HIDING, line):
        return False
    at = found.start()
    while line[at:at + 1] in (b' ', b'\t'):  # the blanks the match begins with
        at += 1
    before = _before(data, start + at)
    if before is None:
        return False
    for run in re.finditer(r'[^\S\n]+', before + '#'):
        width = _width(run.group())
        if width > (_MAX_INDENT if run.start() == 0 else _MAX_GAP):
            return False
    return True


def in_view(data: bytes, at: int) -> bool:
    """Whether a key starting at ``at`` is where a reviewer sees it (by
    column ``_MAX_COLUMN`` of its line).  A pragma allows only such keys:
    one far out to the right of a line, or in the comment after its
    pragma (``# pragma: allowlist secret <300 blanks> KEY``), is seen by
    no one who approves that pragma."""
    return _before(data, at) is not None


def _before(data: bytes, at: int) -> str | None:
    """What precedes ``at`` on its line, None when that puts ``at`` past
    column ``_MAX_COLUMN``.  A bare CR ends a line too (a browser breaks
    the line there, a terminal goes back to its first column); a line that
    began further back than ``_LOOKBACK`` puts it out of view."""
    lo = max(0, at - _LOOKBACK)
    line_start = max(data.rfind(b'\n', lo, at), data.rfind(b'\r', lo, at)) + 1
    if line_start == 0 and lo > 0:
        return None
    before = data[line_start:at].decode('utf-8', 'replace')
    return None if _width(before) > _MAX_COLUMN else before


def _width(text: str) -> int:
    """Columns ``text`` takes in a diff view: a tab ``_TAB``, a wide
    (CJK) character two, any other character one (none zero: a mark
    that stacks on another in one view is a box in the next)."""
    import unicodedata

    return sum(
        _TAB if c == '\t' else 2 if unicodedata.east_asian_width(c) in 'WF' else 1
        for c in text
    )


# The allow comment to suggest for a file, by its name's last suffix: the
# comment its language has (each one ``allowed_inline`` reads).  JSON and
# CSV have no comment at all, nor one our parser reads in batch files (REM)
# or TeX (%): there a baseline entry, or ``allow`` in the config.
_JSON = frozenset(('.json', '.ipynb', '.jsonl', '.geojson', '.har'))
_NO_COMMENT = _JSON | frozenset(('.csv', '.tsv', '.bat', '.cmd', '.tex'))
_SLASHES = frozenset((
    '.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.go',
    '.java', '.kt', '.kts', '.scala', '.groovy', '.gradle', '.c', '.h',
    '.cc', '.cpp', '.cxx', '.hpp', '.cs', '.swift', '.rs', '.dart', '.php',
    '.jsonc', '.json5', '.proto', '.zig', '.vue', '.svelte',
))
_STARS = frozenset(('.css', '.scss', '.less'))
_DASHES = frozenset(('.sql', '.lua', '.hs', '.elm', '.ada'))
_MARKUP = frozenset(('.html', '.htm', '.xml', '.md', '.markdown', '.svg', '.xhtml'))
# Formats where ``#`` starts a comment only at the start of a line: after
# a value, configparser and Java's Properties keep it as part of the value,
# and a Dockerfile passes it on (``ENV K=v # x``).  There the nextline
# pragma, on a line of its own above the key.
_LINE_START = frozenset(('.ini', '.properties', '.cfg', '.dockerfile'))
NEXTLINE = '# pragma: allowlist nextline secret'


def _suffix(path: str) -> tuple[str, str]:
    """The file name of ``path`` (a container member's own), lowercased,
    and its last suffix ('' for none)."""
    name = path.rsplit('/', 1)[-1].rsplit('!', 1)[-1].lower()
    return name, name[name.rfind('.'):] if '.' in name.lstrip('.') else ''


def is_json(path: str) -> bool:
    """Is the file at ``path`` JSON (no comment at all)?"""
    return _suffix(path)[1] in _JSON


def allow_comment(path: str) -> str | None:
    """The allow comment that works in the file at ``path`` (``# pragma:
    allowlist secret`` where nothing says otherwise): a same-line one, or
    ``NEXTLINE``, for its own line above the key; None where the format
    has no comment our parser reads (JSON, CSV)."""
    name, suffix = _suffix(path)
    if suffix in _NO_COMMENT:
        return None
    if suffix in _LINE_START or name in ('dockerfile', 'containerfile') or name.startswith('dockerfile.'):
        return NEXTLINE
    if suffix in _SLASHES:
        return '// pragma: allowlist secret'
    if suffix in _STARS:
        return '/* pragma: allowlist secret */'
    if suffix in _DASHES:
        return '-- pragma: allowlist secret'
    if suffix in _MARKUP:
        return '<!-- pragma: allowlist secret -->'
    return '# pragma: allowlist secret'
