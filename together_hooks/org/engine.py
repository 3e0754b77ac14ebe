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
    # What ``commit`` names when it is no commit (as ``Finding.origin``):
    # ``tag`` (a tag's message, or what a tag reaches), ``blob``, ``tree``
    # or ``ref``; '' for a commit.  ``tag`` is the annotated tag's name.
    object_type: str = ''
    tag: str = ''


def history_hits(root: str) -> Iterator[Hit]:
    """Each (key, path) ever added in the repository at ``root`` (a bare
    store is fine), with the commit that first added it: ``scan --history``,
    the same content: every blob, and beside them commit and tag messages,
    ref and path names, and blobs or trees a tag names (``commit`` is then
    the tag, or the object, that holds the key, named in ``object_type``;
    '' for a ref's name)."""
    import itertools

    from together_hooks.pipeline import Scanner
    from together_hooks.sources import history
    from together_hooks.sources.commits import history_extras

    # The rules alone: a worker holds no developer's own keys.
    scanner = Scanner()
    scan = scanner.scan_one
    found = history.scan_history(
        root, scan, worth=scanner.blob_test, matters=scanner.path_matters, names=True,
    )
    contents = itertools.chain(found, history_extras(
        root, None, scan, log=found.log, worth=scanner.blob_test(0), commits=found.commits,
    ))
    unread = []
    for revision in contents:
        for f in scan(revision):
            origin = f.origin()
            yield Hit(
                f.rule, f.secret, f.hashed_secret, f.redacted,
                f.commit or '', f.path, f.line, f.author or '', f.date or '',
                origin.get('object_type', ''), origin.get('tag', ''),
            )
        problem = revision.problem
        if problem is not None and problem.fatal:  # as ``scan --history``'s exit 2
            unread.append(f'{revision.path}: {problem.reason}')
    if unread:  # after every hit: the repository fails, never reads as clean
        from together_hooks.errors import InputError

        raise InputError(f'{unread[0]}' + (f' (and {len(unread) - 1} more)' if len(unread) > 1 else ''))


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


def scanner_files() -> list[str]:
    """The source files that decide what a task finds: the rules, the
    detection engine, the sources that read a history, and this file
    (which of them it reads)."""
    import os

    from together_hooks import detect
    from together_hooks import rules
    from together_hooks import sources

    files = [rules.__file__, __file__]
    for package in (detect, sources):
        folder = os.path.dirname(package.__file__)
        files += sorted(
            os.path.join(folder, name) for name in os.listdir(folder) if name.endswith('.py')
        )
    return files


def rules_fingerprint() -> str:
    """Changes whenever what is found changes (the rules, the detection
    engine, what is read, the version): a repository scanned otherwise is
    scanned again."""
    from together_hooks import __version__

    h = hashlib.sha256(__version__.encode())
    for path in scanner_files():  # the source is the identity: a changed regex rescans
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
