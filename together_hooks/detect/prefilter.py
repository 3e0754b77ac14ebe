"""Can a blob hold a key at all?  The question history discovery asks of
every blob in a repository, most of which hold none of the rules' keywords.

The plain answer is one ``bytes in`` per keyword: four passes over the
bytes.  Hyperscan, when installed (the ``fast`` extra), answers in one
vectorised pass over the bytes for all keywords together; it is asked only
when there are enough bytes to pay for importing it and compiling the
keywords (``one_pass``).  Both answer exactly the same question
(``tests/detect/prefilter_test.py`` holds them to it), and a flagged blob is then
scanned by the full engine, which checks the keywords itself: the
prefilter only ever decides which blobs can be skipped.
"""
from __future__ import annotations

from together_hooks.detect.engine import may_be_wide

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable

# Importing hyperscan and compiling the keywords is a fixed cost: below this
# many bytes in all, the plain checks cost less (docs/performance.md).
ONE_PASS_MIN_BYTES = 64 << 20


class Keywords:
    """Any of ``keywords`` in the bytes, by plain ``in`` checks."""

    __slots__ = ('keywords',)

    def __init__(self, keywords: Iterable[bytes]) -> None:
        self.keywords = tuple(sorted(set(keywords)))

    def __call__(self, data: bytes) -> bool:
        for keyword in self.keywords:
            if keyword in data:
                return True
        return False

    def one_pass(self, nbytes: int) -> Callable[[bytes], bool]:
        """The fastest matcher to ask about ``nbytes`` of data in all: one
        hyperscan pass when it is installed and worth its set-up, else the
        plain checks."""
        if nbytes < ONE_PASS_MIN_BYTES or not self.keywords:
            return self
        return hyperscan_matcher(self.keywords) or self

    def blob_test(self, nbytes: int) -> Callable[[bytes], bool]:
        """True for every blob ``scan_bytes`` could find a key in with
        rules of these keywords: one that holds a keyword, or may be
        UTF-16/UTF-32 text (decoded before keywords are looked for)."""
        has_keyword = self.one_pass(nbytes)

        def worth(data: bytes) -> bool:
            return has_keyword(data) or may_be_wide(data)

        return worth


def hyperscan_matcher(keywords: tuple[bytes, ...]) -> Callable[[bytes], bool] | None:
    """A one-pass matcher for ``keywords``, or None without hyperscan (or
    where its library cannot run on this machine)."""
    try:
        import hyperscan
    except ImportError:
        return None
    import re

    try:
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(
            expressions=[re.escape(k) for k in keywords],
            ids=list(range(len(keywords))),
            elements=len(keywords),
            flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(keywords),
        )
    except Exception:  # hyperscan.error, or a CPU it does not support
        return None
    stopped = hyperscan.ScanTerminated

    def stop(*_match: object) -> bool:
        return True  # the first match answers: stop scanning

    def matches(data: bytes) -> bool:
        if len(data) >= 1 << 32:  # past the length one hyperscan call takes
            return any(k in data for k in keywords)
        try:
            db.scan(data, match_event_handler=stop)
        except stopped:
            return True
        return False

    return matches
