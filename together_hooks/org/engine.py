"""The one place this package touches the scanner.

Everything ``scan-org`` needs from the rest of together-hooks (the history
scan and its attribution, the rules, the live check) goes through the
functions here, so a change of the package layout is a change of this file.
"""
from __future__ import annotations

import hashlib
from typing import Callable
from typing import Iterator
from typing import NamedTuple


class Hit(NamedTuple):
    """One key added at one path by one commit; ``secret`` never leaves the task."""

    rule: str
    secret: str
    hashed_secret: str
    redacted: str
    commit: str
    path: str
    line: int
    author: str
    date: str


def history_hits(root: str) -> Iterator[Hit]:
    """Each (key, path) ever added in the repository at ``root`` (a bare
    store is fine), with the commit that first added it: ``scan --history``."""
    from together_hooks.pipeline import Scanner
    from together_hooks.sources import history

    # The rules alone: a worker holds no developer's own keys.
    scanner = Scanner()
    for revision in history.scan_history(
            root, scanner.scan_one, matters=scanner.path_matters,
    ):
        for f in scanner.scan_one(revision):
            yield Hit(
                f.rule, f.secret, f.hashed_secret, f.redacted,
                f.commit or '', f.path, f.line, f.author or '', f.date or '',
            )


def shown(hits: list[Hit]) -> Callable[[str], str]:
    """How a path or author of ``hits`` leaves the scan process: every
    form and piece of each key found redacted (a path that holds its key
    cut by a folder, an author who is a key cut by a space), which only
    this process, holding the raw keys, can see."""
    from together_hooks.detect.scrub import Scrubber

    return Scrubber(h.secret for h in hits).scrub


def one_line(text: str) -> str:
    """A message on one line, anything key-shaped in it redacted."""
    from together_hooks.detect.scrub import one_line as flat

    return flat(text)


def count_blobs(root: str) -> int:
    """How many distinct blobs the history scan reads (each once)."""
    from together_hooks.sources import history

    return len(history.list_blobs(root, None))


def rules_fingerprint() -> str:
    """Changes whenever what is detected changes (the rules, the detection
    engine, the version): a repository scanned otherwise is scanned again."""
    import os

    from together_hooks import __version__
    from together_hooks import detect
    from together_hooks import rules

    h = hashlib.sha256(__version__.encode())
    folder = os.path.dirname(detect.__file__)
    files = [rules.__file__] + sorted(
        os.path.join(folder, name) for name in os.listdir(folder) if name.endswith('.py')
    )
    for path in files:  # the source is the identity: a changed regex rescans
        with open(path, 'rb') as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


def verify(secrets: list[str], timeout: float) -> dict[str, str]:
    """secret -> live | invalid | unknown (``--verify``)."""
    from together_hooks import verify as live

    where = live.endpoint()
    return {
        key: verdict.status
        for key, verdict in live.verify_keys(secrets, where, timeout).items()
    }


def verify_endpoint_check() -> None:
    """Refuse a bad ``TOGETHER_HOOKS_API_BASE`` before anything runs."""
    from together_hooks import verify as live

    live.endpoint()


def verifiable(rule: str) -> bool:
    from together_hooks import verify as live

    return rule in live.VERIFIABLE_RULES


def rule_texts() -> dict[str, tuple[str, str]]:
    """rule id -> (description, help), for the store's SARIF report."""
    from together_hooks.rules import RULES

    return {rule.id: (rule.description, rule.help) for rule in RULES}
