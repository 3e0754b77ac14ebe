"""Reports: findings out, in the format asked for.

Each format is a function ``(findings, summary) -> str`` in ``FORMATS``.
No format ever holds a whole secret: findings expose only ``redacted`` and
``hashed_secret`` through ``Finding.to_dict()``.
"""
from __future__ import annotations

from typing import Callable
from typing import Sequence

from together_hooks.detect import Finding

ROTATE_URL = 'https://api.together.xyz/settings/api-keys'
ADVICE = (
    f'What to do: rotate each key at {ROTATE_URL} (create a new key, update '
    'your environment, verify it, then revoke the old one). If a key was '
    'ever committed, remove it from git history too (git filter-repo '
    '--replace-text) and force-push. Not a real key? Add '
    '"# pragma: allowlist secret" to its line, or record it in the baseline.'
)


class Summary:
    """What was scanned, for the report's footer and JSON ``summary``."""

    __slots__ = ('files_scanned', 'bytes_scanned', 'baselined', 'tool')

    def __init__(self) -> None:
        self.files_scanned = 0
        self.bytes_scanned = 0
        self.baselined = 0
        self.tool = 'together-hooks'

    def to_dict(self) -> dict[str, int]:
        return {
            'files_scanned': self.files_scanned,
            'bytes_scanned': self.bytes_scanned,
            'baselined': self.baselined,
        }


def shown_path(path: str) -> str:
    """A path safe to print on one line (newlines and controls escaped)."""
    if path.isprintable():
        return path
    return path.encode('unicode_escape').decode('ascii')


def text_line(f: Finding) -> str:
    line = (
        f'{shown_path(f.path)}:{f.line}: {f.rule}: {f.redacted} '
        f'(hashed_secret {f.hashed_secret})'
    )
    if f.encoding != 'raw':
        line += f' [{f.encoding}-encoded]'
    if f.commit:
        line += f' in commit {f.commit[:12]} by {f.author} on {f.date}'
    if f.verification:
        reason = f' ({f.verification_reason})' if f.verification_reason else ''
        line += f' [verification: {f.verification}{reason}]'
    return line


def text(findings: Sequence[Finding], summary: Summary) -> str:
    if not findings:
        return ''
    lines = [text_line(f) for f in findings]
    files = len({f.path for f in findings})
    lines.append(
        f'{summary.tool}: {len(findings)} Together API key(s) found in '
        f'{files} file(s).',
    )
    lines.append(ADVICE)
    return '\n'.join(lines) + '\n'


def json_(findings: Sequence[Finding], summary: Summary) -> str:
    import json

    doc = {
        'tool': summary.tool,
        'findings': [f.to_dict() for f in findings],
        'summary': dict(summary.to_dict(), findings=len(findings)),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + '\n'


FORMATS: dict[str, Callable[[Sequence[Finding], Summary], str]] = {
    'text': text,
    'json': json_,
}
