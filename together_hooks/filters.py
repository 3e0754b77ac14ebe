"""Filters: what silences a finding after detection.

The baseline (``baseline/format.py`` reads it): findings already recorded
for the same file, matched by ``hashed_secret``, never by line number.
Inline allow comments are honoured during detection (``detect/pragmas.py``).
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence
    from together_hooks.baseline.format import Baseline
    from together_hooks.findings import Finding

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
    from together_hooks.baseline.format import candidate_names
    from together_hooks.baseline.format import root_of

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
