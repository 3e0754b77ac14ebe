"""Inline allow comments, checked per line while a file is scanned.

detect-secrets' ``pragma: allowlist secret`` on the line and ``pragma:
allowlist nextline secret`` on the line before, in every comment style
detect-secrets accepts, and gitleaks' ``gitleaks:allow``.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_COMMENT_STARTS = (rb'#', rb'//', rb'/\*', rb"'", rb'--', rb'<!--[# \t]*?')
_COMMENT_ENDS = (rb'', rb'', rb' *\*/', rb'', rb'', rb' *?-->')
# Sources only: re.compile (with re's own cache) runs when a finding's line
# mentions a pragma, never on the common path.
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
# A pragma counts only where a reviewer sees it.  Not after bidi controls
# (they show the text reversed or moved: CVE-2021-42574) or invisible
# characters on its line, in UTF-8: U+061C, U+200B-U+200F, U+202A-U+202E,
# U+2060-U+2064, U+2066-U+2069, U+FEFF.
_HIDING = (
    rb'\xd8\x9c|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]'
    rb'|\xef\xbb\xbf'
)
# Nor pushed out of view by blanks (a diff view does not wrap): a run of
# more than ``_MAX_GAP`` columns of them before it on its line, or an
# indentation wider than ``_MAX_INDENT``.  Aligned comments and nested
# code stay well inside both.
_MAX_GAP = 40
_MAX_INDENT = 80
_TAB = 8


def _strip_cr(line: bytes) -> bytes:
    return line[:-1] if line.endswith(b'\r') else line


def allowed_inline(data: bytes, start: int, end: int) -> bool:
    """Is the line ``data[start:end]`` (no newline) allowed by a pragma?

    A bare ``\r`` ends a line too (old Mac files, terminal captures), so
    callers pass the CR-bounded part of the line that holds the finding:
    one pragma must never cover a whole file that has no ``\n``.
    """
    if data.find(b'pragma', start, end) != -1 or data.find(
            b'gitleaks:allow', start, end,
    ) != -1:
        import re

        line = _strip_cr(data[start:end])
        if _seen(line, re.compile(_ALLOW_LINE).search(line)):
            return True
    if start >= 1 and data[start - 1:start] in (b'\n', b'\r'):
        prev_end = start - 1
        if data[prev_end - 1:prev_end] == b'\r' and data[prev_end:start] == b'\n':
            prev_end -= 1
        lo = max(0, prev_end - _LOOKBACK)
        prev_start = max(data.rfind(b'\n', lo, prev_end), data.rfind(b'\r', lo, prev_end)) + 1
        if data.find(b'pragma', prev_start, prev_end) != -1:
            import re

            line = data[prev_start:prev_end]
            return _seen(line, re.compile(_ALLOW_NEXTLINE).search(line))
    return False


def _seen(line: bytes, found: re.Match[bytes] | None) -> bool:
    """Whether the pragma ``found`` on ``line`` is one a reviewer sees
    (``_HIDING``, ``_MAX_GAP``, ``_MAX_INDENT``)."""
    import re

    if found is None or re.search(_HIDING, line):
        return False
    at = found.start()
    while line[at:at + 1] in (b' ', b'\t'):  # the blanks the match begins with
        at += 1
    before = line[:at].decode('utf-8', 'replace') + '#'
    for run in re.finditer(r'[^\S\n]+', before):
        width = sum(_TAB if c == '\t' else 1 for c in run.group())
        if width > (_MAX_INDENT if run.start() == 0 else _MAX_GAP):
            return False
    return True
