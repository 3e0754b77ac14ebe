"""Which of many fixed strings occur in a text, in one walk of the text.

The output scrub asks it of every line it shows: which forms of the keys
known in the run (raw, base64, base32, base85, percent-encoded, ... at
each alignment) the line holds.  A run that learns every key it finds
knows thousands of forms; one ``form in line`` each made the scrub grow
with the keys known times the lines shown (a SARIF history report of 840
findings spent most of its 27 CPU-s there).  Here the cost of a look
grows with the text, not with the strings held.

Every string held is at least ``LEAST`` characters long.  Each is indexed
by its ``ANCHOR``-character slices at its first ``STEP`` places, and the
text is probed at every ``STEP``-th place only: a string at place ``p``
has a probe ``q`` in ``[p, p + STEP)``, and ``text[q:q + ANCHOR]`` is its
slice at ``q - p``, inside it since ``STEP - 1 + ANCHOR <= LEAST``.  A
probe that hits an anchor is checked whole (``startswith``), so the
answer is exactly the set of strings ``s in text`` holds.

The strings of ``CHARS`` only (every form of a real key) are probed only
inside runs of those characters at least ``LEAST`` long (such a string
lies inside one): JSON's quotes, spaces, colons and short words are
skipped by one regex.  Any other string (a test's odd secret) is probed
across the whole text, with an index of its own.

The strings and the texts are ``str`` (the scrub's lines) or ``bytes``
(the own-key check's files, ``detect/ownkeys.py``), one kind a set.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable
    from typing import Union

    Text = Union[str, bytes]  # one kind a set

LEAST = 24
STEP = 8
ANCHOR = LEAST - STEP + 1
# A key's characters, base64's (both alphabets, ``=``), base32's,
# percent-encoding's and base85's (RFC 1924: a known key's base85 holds
# ``;#*``): every printable ASCII character but space and ``"',.:[\]``.
CHARS = r'[0-9A-Za-z!#$%&()*+/;<=>?@^_`{|}~-]'


class Needles:
    """A set of strings (or of bytes) of ``LEAST`` characters or more;
    ``found_in`` answers which occur in a text."""

    __slots__ = ('_anchors', '_wide', '_runs', '_chars', '_step')

    def __init__(self, strings: Iterable[Text] = (), step: int = STEP) -> None:
        # ``step``: places a string is indexed at, and the probes' spacing.
        # Fewer places index faster and probe more: the own-key check
        # indexes ~16 forms of each of thousands of keys to probe one or
        # two files (step 1), the scrub probes every line a run shows.
        if not 1 <= step <= STEP:
            raise ValueError(f'a step is 1 to {STEP}')
        self._step = step
        # anchor -> (string, where in it), for the strings of ``CHARS``;
        # ``_wide`` for any other.
        self._anchors: dict[Text, list[tuple[Text, int]]] = {}
        self._wide: dict[Text, list[tuple[Text, int]]] = {}
        self._runs = None
        self._chars = None
        for s in strings:
            self.add(s)

    def __bool__(self) -> bool:
        return bool(self._anchors or self._wide)

    def add(self, string: Text) -> None:
        """Hold ``string`` (at least ``LEAST`` characters)."""
        if len(string) < LEAST:
            raise ValueError(f'a needle is at least {LEAST} characters long')
        if self._chars is None:
            from together_hooks.regex_cache import cached

            chars, runs = CHARS + '+', '%s{%d,}' % (CHARS, LEAST)
            if isinstance(string, bytes):
                chars, runs = chars.encode(), runs.encode()
            self._chars = cached(chars)
            self._runs = cached(runs)
        index = self._anchors if self._chars.fullmatch(string) else self._wide
        step = self._step
        anchor = LEAST - step + 1
        for at in range(step):
            index.setdefault(string[at:at + anchor], []).append((string, at))

    def found_in(self, text: Text) -> set[Text]:
        """The strings held that occur in ``text``."""
        found: set[Text] = set()
        if self._anchors:
            anchors = self._anchors
            for run in self._runs.finditer(text):  # type: ignore[union-attr]
                _probe(text, anchors, run.start(), run.end(), found, self._step)
        if self._wide:
            _probe(text, self._wide, 0, len(text), found, self._step)
        return found


def _probe(
        text: Text, anchors: dict[Text, list[tuple[Text, int]]], start: int, end: int,
        found: set[Text], step: int = STEP,
) -> None:
    """Add to ``found`` the strings of ``anchors`` at a place in
    ``text[start:end]``."""
    anchor = LEAST - step + 1
    for q in range(start, end - anchor + 1, step):
        hits = anchors.get(text[q:q + anchor])
        if hits:
            for string, at in hits:
                if q - at >= 0 and text.startswith(string, q - at):
                    found.add(string)
