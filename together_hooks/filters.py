"""Filters: what silences a finding.

- Inline allow comments, checked per line while a file is scanned
  (``allowed_inline``): detect-secrets' ``pragma: allowlist secret`` on the
  line and ``pragma: allowlist nextline secret`` on the line before, in every
  comment style detect-secrets accepts, and gitleaks' ``gitleaks:allow``.
- The baseline (``baseline.py`` reads it): findings already recorded for the
  same file, matched by ``hashed_secret``, never by line number.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False  # importing typing costs ~3 ms of start-up; only type checkers need it
if TYPE_CHECKING:
    from typing import Sequence
    from together_hooks.baseline import Baseline
    from together_hooks.detect import Finding

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
    """Is the line ``data[start:end]`` (no newline) allowed by a pragma?"""
    if data.find(b'pragma', start, end) != -1 or data.find(
            b'gitleaks:allow', start, end,
    ) != -1:
        if re.compile(_ALLOW_LINE).search(_strip_cr(data[start:end])):
            return True
    if start >= 1 and data[start - 1:start] == b'\n':
        prev_end = start - 1
        prev_start = data.rfind(b'\n', max(0, prev_end - _LOOKBACK), prev_end) + 1
        if data.find(b'pragma', prev_start, prev_end) != -1:
            line = _strip_cr(data[prev_start:prev_end])
            return re.compile(_ALLOW_NEXTLINE).search(line) is not None
    return False


def apply_baseline(
        findings: list[Finding], baseline: Baseline, bases: Sequence[str] = ('.',),
) -> tuple[list[Finding], list[Finding], int]:
    """Drop what the baseline knows: (kept, confirmed real, how many dropped).

    A finding is known when its ``hashed_secret`` is recorded for the same
    file, on any line, by any plugin type.  A known one labelled
    ``is_secret: true`` is a confirmed real key: kept, and also returned in
    ``confirmed`` so the report can say to rotate it.  ``bases`` are the
    folders a reported path may be relative to.
    """
    from together_hooks.baseline import candidate_names
    from together_hooks.baseline import root_of

    kept: list[Finding] = []
    confirmed: list[Finding] = []
    known = 0
    root: str | None = None
    for finding in findings:
        hashed = finding.hashed_secret
        label = baseline.label(finding.path, hashed)
        if label is None:
            # Only a miss pays for git: the usual path is already root-relative.
            if root is None:
                root = root_of(baseline.path)
            for name in candidate_names(finding.path, root, (*bases, root)):
                label = baseline.label(name, hashed)
                if label is not None:
                    break
        if label == 'known':
            known += 1
            continue
        kept.append(finding)
        if label == 'real':
            confirmed.append(finding)
    return kept, confirmed, known


def confirmed_message(finding: Finding, baseline_path: str) -> str:
    """The line for a key an audit labelled real: it must be rotated."""
    from together_hooks.report import ROTATE_URL
    from together_hooks.report import shown_path

    return (
        f'{shown_path(finding.path)}:{finding.line}: {finding.redacted} is a '
        f'confirmed real key ("is_secret": true in {shown_path(baseline_path)}),'
        f' so the baseline does not excuse it: rotate it now at {ROTATE_URL} '
        'and remove it from the file.'
    )
