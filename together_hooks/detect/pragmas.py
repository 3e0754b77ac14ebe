"""Inline allow comments, checked per line while a file is scanned.

detect-secrets' ``pragma: allowlist secret`` on the line and ``pragma:
allowlist nextline secret`` on the line before, in every comment style
detect-secrets accepts, and gitleaks' ``gitleaks:allow``.
"""
from __future__ import annotations

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
        if re.compile(_ALLOW_LINE).search(_strip_cr(data[start:end])):
            return True
    if start >= 1 and data[start - 1:start] in (b'\n', b'\r'):
        prev_end = start - 1
        if data[prev_end - 1:prev_end] == b'\r' and data[prev_end:start] == b'\n':
            prev_end -= 1
        lo = max(0, prev_end - _LOOKBACK)
        prev_start = max(data.rfind(b'\n', lo, prev_end), data.rfind(b'\r', lo, prev_end)) + 1
        if data.find(b'pragma', prev_start, prev_end) != -1:
            line = data[prev_start:prev_end]
            return re.compile(_ALLOW_NEXTLINE).search(line) is not None
    return False
