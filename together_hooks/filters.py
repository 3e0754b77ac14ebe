"""Filters: what silences a finding after detection.

- The baseline (``baseline/format.py`` reads it): findings already recorded
  for the same file, matched by ``hashed_secret``, never by line number.
- ``Exclusions``: what a repository leaves out, from its config file
  (``exclude`` paths, ``allow`` values) and from its baseline's
  detect-secrets regex filters (files, lines, secrets).
Inline allow comments are honoured during detection (``detect/pragmas.py``).
"""
from __future__ import annotations

from together_hooks.config import EMPTY
from together_hooks.userregex import bounded

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Callable
    from typing import Container
    from typing import Sequence
    from together_hooks.baseline.format import Baseline
    from together_hooks.config import Config
    from together_hooks.findings import Finding

def _compiled(patterns: list[str]) -> list[re.Pattern[str]]:
    if not patterns:  # most baselines: re is not imported on their commits
        return []
    import re

    return [re.compile(p) for p in patterns]


class Exclusions:
    """What a run leaves out.  Paths are relative to the repository root;
    ``prefix`` turns a reported path into one (a scan of a subfolder)."""

    __slots__ = ('config', 'prefix', '_files', '_lines', '_secrets', '_what')

    def __init__(
            self, config: Config = EMPTY, baseline: Baseline | None = None,
            prefix: str = '',
    ) -> None:
        self.config = config
        self.prefix = prefix.strip('/') + '/' if prefix.strip('/') else ''
        patterns = (
            [baseline.excludes(k) for k in ('file', 'line', 'secret')]
            if baseline is not None else [[], [], []]
        )
        self._files, self._lines, self._secrets = map(_compiled, patterns)
        # The baseline's detect-secrets filters are the repository's own
        # regexes: run under a CPU budget (``userregex``).
        self._what = f'{baseline.path if baseline is not None else "baseline"}: filters_used'

    def __bool__(self) -> bool:
        return bool(
            self.config.exclude or self.config.allow or self._files
            or self._lines or self._secrets,
        )

    def path(self, path: str) -> bool:
        """Is the file at this reported path left out?"""
        name = self.prefix + path.replace('\\', '/')
        if self.config.excluded(name):
            return True
        if not self._files:
            return False
        with bounded(self._what):
            return any(r.search(name) for r in self._files)

    def findings(
            self, findings: list[Finding], data: bytes,
            held: Callable[[str], bool] | None = None,
    ) -> list[Finding]:
        """The findings no allow value, excluded secret or excluded line
        silences (``data``: the bytes they were found in).  ``held``: whether
        a value is a key the developer holds (``OwnKeys.holds``)."""
        return [f for f in findings if not self._silenced(f, data, held)]

    def _silenced(self, f: Finding, data: bytes, held: Callable[[str], bool] | None) -> bool:
        from together_hooks.detect.ownkeys import OWN_KEY_RULE

        # A copy of a key the developer holds is never a false positive:
        # nothing silences it (pragmas do not either), whichever reading
        # found it: the rules' (a base64-wrapped .env, an xxd dump, a raw
        # copy under its name) as well as the own-key matcher's.
        if f.rule == OWN_KEY_RULE or (held is not None and held(f.secret)):
            return False
        if self.config.allow and self.config.allowed_key(f.secret, f.hashed_secret):
            return True
        if not (self._secrets or self._lines):
            return False
        with bounded(self._what):
            if any(r.search(f.secret) for r in self._secrets):
                return True
            return bool(self._lines) and any(
                r.search(_line(data, f.line)) for r in self._lines
            )


def _line(data: bytes, number: int) -> str:
    """Line ``number`` (1-based) of ``data``, as text, without its newline."""
    start = 0
    for _ in range(number - 1):
        start = data.find(b'\n', start) + 1
        if start == 0:
            return ''
    end = data.find(b'\n', start)
    line = data[start:] if end < 0 else data[start:end]
    return line.rstrip(b'\r').decode('utf-8', 'replace')


def _container_label(
        path: str, hashed: str, baseline: Baseline, root: str, bases: Sequence[str],
) -> str | None:
    """The baseline's label for ``hashed`` in the file a member path names
    (each ``!`` from the last: a file's own name may hold one)."""
    at = len(path)
    while (at := path.rfind('!', 0, at)) > 0:
        outer = path[:at]
        label = baseline.label(outer, hashed)
        if label is None:
            label = _label_by_other_name(outer, hashed, baseline, root, bases)
        if label is not None:
            return label
    return None


def _label_by_other_name(
        path: str, hashed: str, baseline: Baseline, root: str, bases: Sequence[str],
) -> str | None:
    """The baseline's label for ``hashed`` recorded under another name of
    the file ``path`` (``candidate_names``: from another folder, as git
    names it)."""
    from together_hooks.baseline.format import candidate_names

    return next((
        found for name in candidate_names(path, root, (*bases, root))
        if (found := baseline.label(name, hashed)) is not None
    ), None)


def apply_baseline(
        findings: list[Finding], baseline: Baseline, bases: Sequence[str] = ('.',),
        held: Container[str] = (),
) -> tuple[list[Finding], list[Finding], int]:
    """Drop what the baseline knows: (kept, confirmed real, how many dropped).

    A finding is known when its ``hashed_secret`` is recorded for the same
    file, on any line, by any plugin type.  A known one labelled
    ``is_secret: true`` is a confirmed real key: kept, and also returned in
    ``confirmed`` so the report can say to rotate it.  ``bases`` are the
    folders a reported path may be relative to.  ``held``: the
    ``hashed_secret`` of each key the developer holds (``OwnKeys.hashes``):
    a copy of one is a real key, kept whatever the baseline records, as no
    pragma excuses it either.
    """
    from together_hooks.baseline.format import root_of
    from together_hooks.findings import STDIN

    kept: list[Finding] = []
    confirmed: list[Finding] = []
    known = 0
    root: str | None = None
    for finding in findings:
        if finding.path == STDIN:  # no file: an entry naming ``<stdin>`` passes nothing
            kept.append(finding)
            continue
        hashed = finding.hashed_secret
        if hashed in held:
            kept.append(finding)
            continue
        label = baseline.label(finding.path, hashed)
        if label is None:
            # Only a miss pays for git: the usual path is already root-relative.
            if root is None:
                root = root_of(baseline.path)
            label = _label_by_other_name(finding.path, hashed, baseline, root, bases)
            if label is None and '!' in finding.path:
                # A key reported in a member (``shot.png!tEXt 2``, ``a.zip!b.txt``)
                # is in its file, the baseline's unit: an entry recorded for the
                # file (before its text chunks were members: 5418d64c) holds.
                label = _container_label(finding.path, hashed, baseline, root, bases)
        if label == 'known':
            known += 1
            continue
        kept.append(finding)
        if label == 'real':
            confirmed.append(finding)
    return kept, confirmed, known
