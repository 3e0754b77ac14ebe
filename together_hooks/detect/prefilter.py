"""Can these bytes hold a key at all?  The question every file and every
history blob is asked first: most hold none of the rules' keywords, nor
any keyword's base64 form, and are done after it.

The exact answer is one ``bytes in`` per needle (4 keywords and 9 base64
forms: 13 passes over the bytes).  ``Keywords`` gives the same answer in
fewer passes once enough bytes have gone through it to pay for compiling
its regexes: the needles are grouped by an *anchor*, a byte each needle of
the group holds (``_anchors``: ``g`` for ``tgp_v1_`` and ``ogether``,
upper-case letters for the rest), and each group is one ``re`` search
whose pattern starts with that one byte, which ``re`` runs as a tight
byte loop, checking the group's needles only where the anchor occurs.  An
upper-case anchor is rare: its occurrences are found by ``bytes.find``
(``memchr``, ten times faster than ``re``'s loop) and the group's pattern
is tried at each, until the anchor turns out dense in these bytes
(``SPARSE``), when ``re``'s loop takes the rest.

The engine and history's blob test ask the same passes a fuller question,
where each needle occurs (``Keywords.where``): a ``find`` loop per needle
for small inputs, the grouped searches, or, with hyperscan installed (the
``fast`` extra), one vectorised pass once enough bytes have gone through
to pay for its set-up.  Every route gives exactly the offsets the ``find``
loops give (``tests/detect/where_test.py``, ``prefilter_test.py``), so the
answer is the same question's, and the engine takes every keyword test,
keyword span and base64-form lookup of a file from it.  ``where`` then
keeps a container's base64 magic only where a base64 value starts
(``_at_value_starts``): ``eNo`` inside ``TypeNode`` is no container.  The answer for
the last bytes asked is kept: a history blob that passes the blob test is
not searched again when the engine scans it.
"""
from __future__ import annotations

import sys

from together_hooks.findings import bare_hex  # a small blob holding only 64 hex digits

# re and bisect are imported where used: a clean commit never loads them
# (docs/architecture.md, "Kept on purpose").
TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import Callable
    from typing import Iterable

    # One of ``Keywords.plain``'s routes (``plain_routes``).
    PlainRoute = tuple[
        bytes, tuple[tuple[int, tuple[bytes, ...]], ...], tuple[tuple[bytes, tuple[bytes, ...]], ...],
    ]

# Compiling the grouped searches costs about what the plain checks spend on
# this many bytes: a hook run on a few files never compiles them.
GROUPED_MIN_BYTES = 1 << 20

# Importing hyperscan and compiling the needles costs ~6 ms of CPU (and up
# to ~50 ms of wall time loading its library); its one pass saves ~1 ns a
# byte over the grouped searches in ``where``.  A run told it passes this
# many bytes (``prepare``, ``blob_test``) sets it up at once; a run that
# is told nothing does where it would compile the grouped searches (at
# ``GROUPED_MIN_BYTES``): from the database a run keeps
# (``regex_cache.stored``), the set-up costs less than their compiling.
WHERE_ONE_PASS_MIN_BYTES = 16 << 20
# Below this size a ``find`` loop per needle costs less than a regex search.
WHERE_GROUPED_MIN_SIZE = 1024
# A grouped search or a hyperscan callback costs 0.4-0.6 us per needle
# found: bytes dense with needles (more than one in this many bytes:
# "tgp_v1_" repeated) are left to ``in`` and ``find`` (``Where``), which
# look for only the offsets the engine asks for.
WHERE_DENSE = 128

# Trying a group's pattern at one ``find`` of its anchor costs 0.2-0.4 us,
# what ``re``'s own byte loop spends on ~1 KB: once an anchor has been
# found more than once in this many bytes (tested every 16 finds), the
# rest of the bytes are left to ``search``.
SPARSE = 512

# Upper-case letters are rare in code and prose alike (sympy + mypy:
# 0.05-0.1% of bytes each, against 0.8% for 'g'), and the rarer the
# letter in English the rarer here: anchors are taken from them first, and
# a group whose anchor is absent costs one ``memchr``.
_UPPER = b'ZQJXKVBYWGPFMUCDLHRSNIOATE'  # rarest first  # pragma: allowlist secret
_NOT_UPPER = bytes(b for b in range(256) if b not in _UPPER)


def _commonness(byte: int) -> int:
    at = _UPPER.find(bytes((byte,)))
    return 100 if at == -1 else at + 1


def _anchors(needles: tuple[bytes, ...]) -> dict[bytes, list[bytes]]:
    """anchor byte -> the needles searched from it: a greedy cover of the
    needles by bytes they hold, rare bytes preferred."""
    left = list(needles)
    groups: dict[bytes, list[bytes]] = {}
    while left:
        counts: dict[int, int] = {}
        for needle in left:
            for byte in set(needle):
                counts[byte] = counts.get(byte, 0) + 1
        best = max(sorted(counts), key=lambda b: counts[b] / _commonness(b))
        anchor = bytes((best,))
        groups[anchor] = [n for n in left if anchor in n]
        left = [n for n in left if anchor not in n]
    # Each group is a pass over every byte, a needle more in a group only a
    # try where its anchor is: a group whose needles all hold another
    # group's anchor is folded into those groups (the rarest anchor each
    # holds), so an encoded form that holds an anchor already searched
    # costs no pass (``-EncodedCommand``'s forms hold ``X`` and ``H``).
    for anchor in sorted(groups, key=lambda a: len(groups[a])):
        others = [a for a in groups if a != anchor]
        if all(any(a in n for a in others) for n in groups[anchor]):
            for needle in groups.pop(anchor):
                home = min((a for a in others if a in needle), key=lambda a: _commonness(a[0]))
                groups[home].append(needle)
    return groups


def _plain_routes(keywords: tuple[bytes, ...]) -> list[tuple[bytes, list[tuple[bytes, int]]]]:
    """``Keywords.plain``'s searches: (what is found, [(keyword, how
    far before it the keyword starts)]).  A keyword holding an upper-case
    letter goes with its rarest (``_UPPER``), found alone; the others go
    by their first two bytes, found by what those keywords share from
    their start (``begin `` for uuencode's four marks, ``tg`` for three).
    Made at a hook's first screen: a walk of each keyword, not
    ``_anchors``' greedy cover (~1 ms).  Every occurrence of a keyword
    holds its lead at its offset, so trying each lead's occurrence finds
    each keyword that occurs."""
    by_letter: dict[bytes, list[tuple[bytes, int]]] = {}
    by_start: dict[bytes, list[bytes]] = {}
    for keyword in keywords:
        letters = keyword.translate(None, _NOT_UPPER)
        if letters:
            letter = bytes((min(letters, key=_UPPER.index),))
            by_letter.setdefault(letter, []).append((keyword, keyword.index(letter)))
        else:
            by_start.setdefault(keyword[:2], []).append(keyword)
    # As ``_anchors`` folds its groups: a letter whose keywords all hold
    # another route's letter is no pass of its own (xz's ``/Td6WFoAAA``
    # goes with ``F``, not ``W``), each tried where the rarest it holds is.
    for letter in sorted(by_letter, key=lambda b: len(by_letter[b])):
        others = [o for o in by_letter if o != letter]
        if all(any(o in k for o in others) for k, _at in by_letter[letter]):
            for keyword, _at in by_letter.pop(letter):
                home = min((o for o in others if o in keyword), key=_UPPER.index)
                by_letter[home].append((keyword, keyword.index(home)))
    routes = sorted(by_letter.items(), key=lambda item: _UPPER.index(item[0]))
    for group in by_start.values():
        lead = group[0]
        for keyword in group[1:]:
            while not keyword.startswith(lead):
                lead = lead[:-1]
        routes.append((lead, [(keyword, 0) for keyword in group]))
    return routes


def plain_routes(keywords: tuple[bytes, ...]) -> tuple[PlainRoute, ...]:
    """``Keywords.plain``'s routes for ``keywords`` (``outermost_free``):
    (lead, ((how far before it, keywords), ...) (``_by_back``), ((their
    shared start, keywords), ...) (``_denser``))."""
    routes = []
    for lead, needles in _plain_routes(keywords):
        tries = _by_back(needles)
        routes.append((lead, tuple(tries), tuple(_denser(tries))))
    return tuple(routes)


def _by_back(needles: list[tuple[bytes, int]]) -> list[tuple[int, tuple[bytes, ...]]]:
    """A route's (keyword, how far before the lead it starts) as
    [(how far, the keywords starting that far)]: at each occurrence of the
    lead one ``startswith`` of a tuple per distance, not one call per
    keyword (in code a letter lead such as ``N``, for zlib's ``eNo`` to
    ``eNr``, is found hundreds of times a file)."""
    by_back: dict[int, list[bytes]] = {}
    for needle, back in needles:
        by_back.setdefault(back, []).append(needle)
    return [(back, tuple(group)) for back, group in sorted(by_back.items())]


def _denser(tries: list[tuple[int, tuple[bytes, ...]]]) -> list[tuple[bytes, tuple[bytes, ...]]]:
    """Each of a route's groups (``_by_back``) with what its keywords share
    from their start, where that is longer than a byte (else b''): the
    lead looked for once the route's own is dense (``Keywords.plain``)."""
    groups = []
    for _back, needles in tries:
        shared = needles[0]
        for needle in needles[1:]:
            while not needle.startswith(shared):
                shared = shared[:-1]
        groups.append((shared if len(shared) > 1 else b'', needles))
    return groups


def _found_at(data: bytes, lead: bytes, tries: list[tuple[int, tuple[bytes, ...]]] | tuple[
        tuple[int, tuple[bytes, ...]], ...]) -> bool | None:
    """Whether a keyword of ``tries`` ((how far before ``lead`` they
    start, the keywords)) starts that far before an occurrence of
    ``lead``, by a ``find`` loop; None once ``lead`` turns out dense in
    ``data`` (found more than once in ``SPARSE`` bytes, tested every 16
    finds): not known then."""
    find = data.find
    starts = data.startswith
    at = find(lead)
    tried = 0
    while at != -1:
        for back, needles in tries:
            if at >= back and starts(needles, at - back):
                return True
        tried += 1
        if not tried & 15 and tried * SPARSE > at:
            return None
        at = find(lead, at + 1)
    return False


def _group_search(anchor: bytes, needles: list[bytes]) -> re.Pattern[bytes]:
    """``_group_source`` compiled from the program an earlier run kept
    (``regex_cache``: the needles are the rules' own, never data):
    ``re``'s parser and compiler cost a tree of a few MB about what the
    grouped searches save on it (flask's tree: 6% of a scan's
    instructions)."""
    from together_hooks import regex_cache

    return regex_cache.compile(_group_source(anchor, needles))


def _group_source(anchor: bytes, needles: list[bytes]) -> bytes:
    # The anchor, then for each needle the rest of it and a look back over
    # the whole needle: a search re starts with a literal byte.
    import re

    alternatives = []
    for needle in needles:
        at = needle.index(anchor)
        alternatives.append(
            re.escape(needle[at + 1:]) + (b'(?<=' + re.escape(needle) + b')' if at else b''),
        )
    return re.escape(anchor) + b'(?:' + b'|'.join(alternatives) + b')'


def _sparse_hit(
        data: bytes, anchor: bytes, pattern: re.Pattern[bytes], at: int,
) -> tuple[int, bool]:
    """From ``at`` (where ``anchor`` is), the first offset where
    ``pattern`` matches, or -1, by ``find`` of the anchor and a ``match``
    at each: and whether the anchor is sparse enough for that to go on
    (``SPARSE``); if not, the offset ``pattern.search`` goes on from."""
    match = pattern.match
    find = data.find
    first = at
    tried = 0
    while at != -1:
        if match(data, at) is not None:
            return at, True
        tried += 1
        if not tried & 15 and tried * SPARSE > at - first:
            return at + 1, False
        at = find(anchor, at + 1)
    return -1, True


class Where:
    """Where ``data`` holds each needle (``Keywords.where``): ``in`` and
    ``bool`` for presence, ``offsets`` (every start, ascending, overlapping
    ones too: exactly a ``find`` loop's) and ``next_at`` (``data.find``
    from an offset).  A one-pass route hands every offset over; where it
    was not worth it (small bytes, bytes dense with needles) only presence
    is known and offsets are found when asked, by ``find``."""

    __slots__ = ('data', '_found')

    def __init__(self, data: bytes, found: dict[bytes, list[int] | None]) -> None:
        self.data = data
        self._found = found  # a needle present -> its offsets, or None: not looked for yet

    def __bool__(self) -> bool:
        return bool(self._found)

    def __contains__(self, needle: bytes) -> bool:
        return needle in self._found

    def any_of(self, needles: Iterable[bytes]) -> bool:
        """``any(needle in self for needle in needles)``, in one C call (the
        engine asks tens of marks of each file holding a keyword)."""
        return not self._found.keys().isdisjoint(needles)

    def present(self, needles: Iterable[bytes]) -> list[bytes]:
        """The ``needles`` held, in their order (``[n for n in needles if
        n in self]``, without a method call a needle)."""
        found = self._found
        return [needle for needle in needles if needle in found]

    def offsets(self, needle: bytes) -> list[int]:
        if needle not in self._found:
            return []
        offsets = self._found[needle]
        if offsets is None:
            offsets = self._found[needle] = []
            at = self.data.find(needle)
            while at != -1:
                offsets.append(at)
                at = self.data.find(needle, at + 1)
        return offsets

    def next_at(self, needle: bytes, start: int) -> int:
        """``data.find(needle, start)``."""
        if needle not in self._found:
            return -1
        offsets = self._found[needle]
        if offsets is None:
            return self.data.find(needle, start)
        from bisect import bisect_left

        i = bisect_left(offsets, start)
        return offsets[i] if i < len(offsets) else -1


_NOWHERE = Where(b'', {})


def outermost_free(needles: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """The sorted, distinct ``needles`` that hold no other needle:
    ``k`` for which ``any(o != k and o in k for o in needles)`` is false.
    Asked by one ``find`` loop per needle over all of them joined, as
    every hook run asks it for the rules' 50 needles: 0.05 ms where the
    pairwise ``in`` (2,500 generator steps) took 0.65 ms of a commit's CPU."""
    if b'' in needles:  # the empty needle lies in every other one
        return (b'',)
    joined = b''.join(needles)
    owner: list[int] = []  # the needle each byte of ``joined`` belongs to
    for j, needle in enumerate(needles):
        owner += [j] * len(needle)
    holds_other = [False] * len(needles)
    find = joined.find
    for needle in needles:
        last = len(needle) - 1
        at = find(needle)
        while at != -1:
            j = owner[at]
            # Inside one needle (not across two), and not that needle itself.
            if owner[at + last] == j and needles[j] != needle:
                holds_other[j] = True
            at = find(needle, at + 1)
    return tuple(n for j, n in enumerate(needles) if not holds_other[j])


class Keywords:
    """Any of ``keywords`` in the bytes: exactly ``any(k in data ...)``;
    and where each is (``where``)."""

    __slots__ = (
        'keywords', 'needles', '_seen', '_grouped', '_where_seen', '_grouped_where', '_where',
        '_last', '_plain_routes', '_starts', '_one_pass', '_any', '_fused',
    )

    def __init__(self, keywords: Iterable[bytes], made: tuple[
            tuple[bytes, ...], tuple[PlainRoute, ...]] | None = None) -> None:
        self.needles = tuple(sorted(set(keywords)))
        # A needle holding a shorter one is found whenever it is.  ``made``:
        # these needles' ``outermost_free`` and ``plain_routes``, as a table
        # made from them gives them (``screen_needles``: the hook's first
        # stage, which would make them on every commit).
        self.keywords = outermost_free(self.needles) if made is None else made[0]
        self._seen = 0
        self._grouped: Callable[[bytes], bool] | None = None
        self._where_seen = 0
        self._grouped_where: Callable[[bytes], Where] | None = None
        self._where: Callable[[bytes], Where] | None = None
        # ``_where`` once it is hyperscan's one pass (``_use_one_pass``):
        # then the screen (``__call__``) and small bytes ask it too.
        self._one_pass: Callable[[bytes], Where] | None = None
        self._any: Callable[[bytes], bool] | None = None  # and its first-match test
        # The last answer, which keeps its bytes: ``is`` tells the same
        # bytes asked again.
        self._last = _NOWHERE
        # Made at the first ``plain`` (``plain_routes``), unless given.
        self._plain_routes = None if made is None else made[1]
        # Needles that count only where a base64 value starts (``where``).
        self._starts = tuple(n for n in self.needles if n in B64_MAGIC)
        # ``blob_test``'s test in one hyperscan call (``_fused_blob_test``),
        # made once the one pass is chosen: None until then, False where
        # its database cannot be made.
        self._fused: Callable[[bytes], bool] | None | bool = None

    def plain(self, data: bytes) -> bool:
        """``any(k in data for k in self.keywords)``, without ``re``: a
        keyword holding an upper-case letter is looked for only where its
        rarest one is (``find``: ``memchr``), each keyword of that letter
        tried there by ``startswith``; the others (no upper-case letter)
        where their group's shared start is (``_plain_routes``): 13
        passes for the rules' 48 keywords, most of them ``memchr``'s, where
        one ``in`` a keyword took 48.  A hook's few files, ``--staged`` and
        each source's first bytes are screened so."""
        routes = self._plain_routes
        if routes is None:
            routes = self._plain_routes = plain_routes(self.keywords)
        for lead, tries, denser in routes:
            found = _found_at(data, lead, tries)
            if found is None:
                # ``lead`` is dense in these bytes (a capital letter in
                # code: ``N`` of ``None`` for zlib's ``eNo``): each group
                # by what its keywords share from their start, else one
                # ``in`` a keyword (every occurrence, the ones tried too).
                for shared, needles in denser:
                    found = _found_at(data, shared, ((0, needles),)) if shared else None
                    if found is None:
                        found = any(needle in data for needle in needles)
                    if found:
                        return True
            elif found:
                return True
        return False

    def __call__(self, data: bytes) -> bool:
        grouped = self._grouped
        if grouped is None:
            if self._any is not None:
                # Once hyperscan is loaded its pass (stopped at its first
                # match) answers in ~3 us a commit message or a small file
                # where the grouped searches took 4-10 us, and they are
                # never compiled.
                return self._any(data)
            self._seen += len(data)
            if self._seen < GROUPED_MIN_BYTES or len(self.keywords) < 3:
                return self.plain(data)
            if self._where is None and _hyperscan_installed():
                # hyperscan's set-up from a kept database costs less than
                # compiling the grouped searches (``_where_now``).
                self._use_one_pass()
                if self._any is not None:
                    return self._any(data)
            grouped = self._grouped = self.grouped()
        return grouped(data)

    def prepare(self, enough: Callable[[int], bool] | None = None) -> None:
        """Compile the grouped searches now and use them from the first
        bytes on (the same answers as ``plain``): for a run that passes
        enough bytes to pay for them, before it forks, so that both
        processes share one compile.  The route of ``where`` is chosen
        now too, for good: hyperscan when it is installed and
        ``enough(WHERE_ONE_PASS_MIN_BYTES)`` says the run passes that many
        bytes, else the grouped searches (a forked process that switched
        on its own would load and compile hyperscan for its share alone,
        and too late to pay)."""
        self._seen = max(self._seen, GROUPED_MIN_BYTES)
        self._where_seen = max(self._where_seen, GROUPED_MIN_BYTES)
        if self._where is None and enough is not None and self.keywords and (
                _hyperscan_installed() and enough(WHERE_ONE_PASS_MIN_BYTES)):
            self._use_one_pass()
        if self._one_pass is not None:
            return  # the grouped searches are never asked (``__call__``, ``where``)
        if self._grouped is None and len(self.keywords) >= 3:
            self._grouped = self.grouped()
        if self._grouped_where is None:
            self._grouped_where = self._where_grouped()
        if self._where is None:
            self._where = self._grouped_where

    @property
    def one_pass(self) -> bool:
        """Whether ``where`` reads by hyperscan's one pass (``_use_one_pass``)."""
        return self._one_pass is not None

    def _use_one_pass(self) -> None:
        """``where`` by hyperscan's one pass from now on, when it loads
        (``hyperscan_where``); else left as it was."""
        routes = hyperscan_routes(self.needles)
        if routes is not None:
            self._where = self._one_pass = routes[0]
            self._any = routes[1]

    def grouped(self) -> Callable[[bytes], bool]:
        """The same answer as ``plain``, one ``re`` search per anchor."""
        searches = [
            (anchor, anchor in _UPPER, _group_search(anchor, needles))
            for anchor, needles in _anchors(self.keywords).items()
        ]

        def any_keyword(data: bytes) -> bool:
            for anchor, rare, pattern in searches:
                if rare:  # memchr: most bytes hold no such letter, or few
                    at = data.find(anchor)
                    if at == -1:
                        continue
                    at, sparse = _sparse_hit(data, anchor, pattern, at)
                    if sparse:
                        if at != -1:
                            return True
                        continue
                    if pattern.search(data, at) is not None:
                        return True
                elif pattern.search(data) is not None:
                    return True
            return False

        return any_keyword

    def where(self, data: bytes) -> Where:
        """Where ``data`` holds each needle given (contained ones too).
        Do not change the lists it gives.  A container's base64 magic
        (``B64_MAGIC``) counts only where a base64 value starts
        (``_at_value_starts``)."""
        last = self._last  # read once: history's walks scan in other threads
        if data is last.data:
            return last
        if self._one_pass is not None:
            found = self._one_pass(data)
        elif len(data) < WHERE_GROUPED_MIN_SIZE:
            # A commit message, a path: most hold nothing, asked as cheaply
            # as the bare screen asks.
            found = self._where_plain(data) if self(data) else _NOWHERE
        else:
            found = self._where_now(data)
        if found and self._starts:
            found = _at_value_starts(found, self._starts)
        if found:  # kept for the engine (an answer of nothing is not asked again)
            self._last = found
        return found

    def _where_now(self, data: bytes) -> Where:
        where = self._where
        if where is None:
            # Like ``__call__``: plain checks until the grouped searches pay
            # for their compiling, then hyperscan's pass where installed,
            # else those until hyperscan pays for its.
            seen = self._where_seen = self._where_seen + len(data)
            if seen < GROUPED_MIN_BYTES:
                # Most files hold no keyword: told by the plain route's
                # few passes before one ``in`` a needle.
                return self._where_plain(data) if self.plain(data) else _NOWHERE
            if self._grouped_where is None:
                if _hyperscan_installed():
                    # Set up from the database an earlier run kept
                    # (``regex_cache.stored``), hyperscan's pass costs
                    # less than compiling the grouped searches and reads
                    # each byte faster (docs/performance.md, "Issue 17,
                    # session 30"): asked once, where they would be compiled.
                    self._use_one_pass()
                    if self._one_pass is not None:
                        return self._one_pass(data)
                self._grouped_where = self._where_grouped()
            if seen < WHERE_ONE_PASS_MIN_BYTES:
                return self._grouped_where(data)
            self._use_one_pass()
            where = self._where = self._where or self._grouped_where
        return where(data)

    def _where_plain(self, data: bytes) -> Where:
        """Presence by one ``in`` per needle; offsets when asked."""
        return Where(data, {needle: None for needle in self.needles if needle in data})

    def _where_grouped(self) -> Callable[[bytes], Where]:
        """``where`` by the grouped searches: each anchor occurrence that
        completes some needle of its group is tested against every needle
        of the group (two can end on one anchor), and the search goes on
        from the next byte (so overlapping needles are all seen)."""
        groups = []
        for anchor, needles in _anchors(self.keywords).items():
            pattern = _group_search(anchor, needles)
            groups.append((anchor, anchor in _UPPER, pattern, [(n, n.index(anchor)) for n in needles]))
        # Needles holding a shorter one: wherever that one is found.
        longer = []
        for n in self.needles:
            if n not in self.keywords:
                k = next(k for k in self.keywords if k in n)
                longer.append((n, k, n.index(k)))

        def where(data: bytes) -> Where:
            found: dict[bytes, list[int] | None] = {}
            budget = 0  # set at the first match: most bytes have none
            for anchor, rare, pattern, needles in groups:
                search = pattern.search
                sparse = rare  # memchr: most bytes hold no such letter, or few
                at = data.find(anchor) if rare else 0
                while at != -1:
                    if sparse:
                        at, sparse = _sparse_hit(data, anchor, pattern, at)
                        if at == -1:
                            break
                    if not sparse:
                        m = search(data, at)
                        if m is None:
                            break
                        at = m.start()
                    budget = budget - 1 if budget else _budget(data)
                    if budget == 1:
                        return self._where_plain(data)
                    for needle, shift in needles:
                        if at >= shift and data.startswith(needle, at - shift):
                            found.setdefault(needle, []).append(at - shift)  # type: ignore[union-attr]
                    at += 1
                    if sparse:
                        at = data.find(anchor, at)
            for needle, inner, shift in longer:
                offsets = [
                    at - shift for at in found.get(inner) or ()
                    if at >= shift and data.startswith(needle, at - shift)
                ]
                if offsets:
                    found[needle] = offsets
            return Where(data, found) if found else _NOWHERE

        return where

    def blob_test(self, nbytes: int) -> Callable[[bytes], bool]:
        """True for every blob ``scan_bytes`` could find a key in with
        rules of these keywords (and base64 forms): one that holds one, or
        may be UTF-16/UTF-32 text (decoded before keywords are looked
        for), or is a compressed container (its members are scanned).  Asked about ``nbytes`` of blobs in all: enough to pay for
        hyperscan's set-up, it is set up at once.  And one that starts a
        wrapped base64 block (``wrapped_b64``) or a hex dump (``dump_head``),
        or is a SQLite database (its values may be cut by its pages), or an
        Office document's XML part (``ooxml_part``: its runs may cut a
        keyword)."""
        if self._where is None and nbytes >= WHERE_ONE_PASS_MIN_BYTES and self.keywords:
            self._use_one_pass()
            _head_test()  # made once here, before a scan forks
        if self._one_pass is not None:
            if self._fused is None:
                self._fused = _fused_blob_test(self, self._worth) or False
            if self._fused:
                return self._fused  # type: ignore[return-value]
        return self._worth

    def _worth(self, data: bytes) -> bool:
        """``blob_test``'s test, one check after the other."""
        return bool(self.where(data)) or _unkeyed_worth(data)


def _unkeyed_worth(data: bytes) -> bool:
    """``blob_test``'s checks past the needles: wide text, a dump, a
    wrapped block, a container, SQLite, an OOXML part, bare hex."""
    return (
        may_be_wide(data) or dump_head(data)
        or wrapped_block(data)[0] != -1
        or container_kind(data, whole=True) is not None
        or data.startswith(SQLITE_MAGIC) or ooxml_part(data)
        or bare_hex(data)
    )


# Bytes of a base64 value (either alphabet): a container's magic right
# after one is inside a longer run (``eNo`` of ``TypeNode``, ``eAE`` of
# ``OneAEAD``), where no value starts.
_B64_RUN_BYTES = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-')  # pragma: allowlist secret
# An escape in a string (JSON, a C or Python literal) that ends in a
# base64 byte but stands for none: a line break or a tab written as two
# characters (``"#!/bin/sh\neNo..."``), ``=`` as Gson writes it
# (``"session\u003deJw..."``).  A value starts after one as after the
# byte it stands for.
_ESCAPES_BEFORE = (b'\\n', b'\\r', b'\\t', b'\\u003d', b'\\u003D')
# Their last bytes: the byte before a magic that an escape may end in.
_ESCAPE_ENDS = frozenset(escape[-1] for escape in _ESCAPES_BEFORE)


# Base64 characters that glue a value to a name or a path (``v2-H4sI...``,
# ``SNAPSHOT_H4sI...``, ``/state/H4sI...``).  A magic of four characters
# or more (``_GLUED_MAGIC``) starts a value after one: inside an
# identifier or a random run such a magic stands after one of them about
# once in 10^9 positions, where the three-character zlib marks (``eNo``
# of ``is_eNotation``) would not.
_GLUE_BEFORE = frozenset(b'-_/')


def value_start(data: bytes, at: int) -> bool:
    """Whether a base64 value can start at ``at``: the first byte, or
    the byte before none of a value's (``_B64_RUN_BYTES``), or an escape
    that stands for none (``_ESCAPES_BEFORE``), or a glue byte
    (``_GLUE_BEFORE``) before a long magic (``_GLUED_MAGIC``).  The one
    rule the screen (``Keywords.where``) and the engine
    (``engine._packed_hits``) apply to a container's base64 magic."""
    if not at:
        return True
    before = data[at - 1]
    if before not in _B64_RUN_BYTES:
        return True
    # Inside a run: only an escape's last byte (``_ESCAPE_ENDS``: none is a
    # glue byte) or a glue byte can start one.  Most magics stand after a
    # letter of an identifier (``TypeNode``): one set test, no escape's.
    if before in _ESCAPE_ENDS:
        return _after_escape(data, at)
    return before in _GLUE_BEFORE and data.startswith(_GLUED_MAGIC, at)


def _after_escape(data: bytes, at: int) -> bool:
    """Whether one of ``_ESCAPES_BEFORE`` ends at ``at`` and its backslash
    is an escape's (an even run of backslashes before it: ``\\\\n`` is a
    backslash and the letter ``n``, inside a run as after any letter)."""
    for escape in _ESCAPES_BEFORE:
        if data.endswith(escape, 0, at):
            start = at - len(escape)
            slash = start - 1
            while slash >= 0 and data[slash] == 0x5C:
                slash -= 1
            return (start - 1 - slash) % 2 == 0
    return False


def _at_value_starts(found: Where, starts: tuple[bytes, ...]) -> Where:
    """``found`` without the offsets of ``starts`` (the containers' base64
    magic) where no base64 value starts (``value_start``).  The engine
    opens a value only where one starts (``engine._packed_hits``), so an
    identifier holding ``eNo`` (zlib level 9's mark: ``TypeNode``,
    ``lineNo``) or ``eAE`` sends neither a history blob nor a file to the
    engine: the screen's needles are literals, and the test at each hit
    is a byte's (and, after a byte an escape ends in, a few more)."""
    present = found._found
    data = found.data
    for needle in starts:
        if needle not in present:
            continue
        kept = [at for at in found.offsets(needle) if value_start(data, at)]
        if kept:
            present[needle] = kept
        else:
            del present[needle]
    return found if present else _NOWHERE


def _budget(data: bytes) -> int:
    """How many occurrences a one-pass route reports before leaving
    ``data`` to the ``find`` loops (``WHERE_DENSE``)."""
    return 64 + len(data) // WHERE_DENSE


# A wrapped base64 block: ``base64``'s 76 columns, ``openssl base64``'s
# and PEM's 64, a MIME part's 76 with CRLF.  A keyword's base64 form cut by
# one of its line breaks (~1 in 8 alignments for a 9-character form at 76
# columns) is no needle the screen finds, and a needle for each cut would
# cost the screen ~50% (docs/performance.md).  A block that starts within
# a file's first lines is told instead, two lines of one width all of
# base64's characters, a few ``find``s a file: a whole ``.env`` encoded, an
# armoured block under a header.
WRAPPED_WIDTHS = (40, 120)
WRAPPED_HEAD_LINES = 16
WRAPPED_HEAD = 2048
_B64_CHARS = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\r\n'  # pragma: allowlist secret


# ASCII85's characters (``!`` to ``u``, ``z`` and ``y`` for runs of zeros
# and spaces in its btoa form, ``~`` of its ``<~ ~>`` marks) and Z85's
# (``basenc --z85``): a block of either is told as a base64 block is, by
# two lines of one width, and read as its kind (``codec.a85_view``).
A85_CHARS = bytes(range(0x21, 0x76)) + b'zy~\r\n'
Z85_CHARS = b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#\r\n'
# And base85's (RFC 1924: Python's ``base64.b85encode``, git's binary
# patches, Mercurial's bundles): a whole file so encoded, with no patch's
# frame around it (a ``.env`` pasted through ``b85encode``), read as the
# others are.  Tried after them: ASCII85's and Z85's blocks hold bytes
# base85's alphabet lacks (``"``, ``'``, ``,``, ``.``, ``/``, ``:``,
# ``[``, ``]``), a base85 block of a line almost always one of ``v`` to
# ``~`` or ``;``, ``_``, `` ` ``, ``|`` they lack.
B85_CHARS = b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~\r\n'


# Two lines of one width (``WRAPPED_WIDTHS``) and the line break between
# them are at least this many bytes of one alphabet (base64's, ASCII85's,
# Z85's, base85's, each with CR and LF): a head without a run of that many bytes of
# their union holds no block a walk of its lines would find.  The union is
# every printable byte but space: a line of code or prose has a
# space within 80 bytes, so the head is told in three passes (copy,
# ``translate``, ``in``) instead of a ``find`` and a dozen bytecodes a line.
# A tab counts as a block byte: a block indented by tabs (a plist's
# ``<data>``, as Apple's writers indent it) runs on across its line breaks.
_BLOCK_RUN = b'x' * (2 * WRAPPED_WIDTHS[0] + 1)
_BLOCK_BYTES = bytes(
    0x78 if byte in _B64_CHARS or byte in A85_CHARS or byte in Z85_CHARS or byte in B85_CHARS or byte == 0x09 else 0x20
    for byte in range(256)
)


def wrapped_b64(data: bytes) -> int:
    """Where a wrapped base64 block starts among ``data``'s first lines
    (``wrapped_block``), -1 if none (or the block there is another
    encoding's)."""
    at, kind = wrapped_block(data)
    return at if kind == 'base64' else -1


def wrapped_block(data: bytes) -> tuple[int, str]:
    """Where a wrapped block of an encoding starts among ``data``'s first
    ``WRAPPED_HEAD_LINES`` lines (within ``WRAPPED_HEAD`` bytes), and its
    kind: the first of two lines of one width (``WRAPPED_WIDTHS``), a line
    break (LF or CRLF) after each, every character base64's (``base64``),
    else ASCII85's (``ascii85``), else Z85's (``z85``), else base85's
    (``base85``); or a line of 20
    or more ASCII85 characters starting with its ``<~`` mark (a block
    shorter than two lines), or an ASCII85, Z85 or base85 block of one or two
    lines ending a file shorter than the head (``_short_block``: a short
    file so encoded); (-1, '') if none.
    Asked of every file the screen passes over: most heads are told by a
    few passes over their bytes (``_no_block_run``) before any line is
    walked; else a ``find`` a line, no ``re``; the other alphabets only for
    two lines of one width that are not base64."""
    head = data[:WRAPPED_HEAD]
    if not (_HEAD_TEST[0] or _head_test())(head):
        # No mark, and no two lines of one width all of an alphabet's
        # characters (``_BLOCK_RUN``): only a short file's last lines
        # (``_short_block``) can be one, as the walk below finds.
        if len(data) <= WRAPPED_HEAD and head.count(b'\n') < WRAPPED_HEAD_LINES:
            found = _short_block(data)
            return found if found[0] != -1 else _mail_block(data)
        return _mail_block(data)
    found = _walk_block(data)
    return found if found[0] != -1 else _mail_block(data)


def _mail_block(data: bytes) -> tuple[int, str]:
    """A mail's first base64 part below the head (``mail_b64_parts``)."""
    parts = mail_b64_parts(data)
    return (parts[0], 'base64') if parts else (-1, '')


def _may_start_block(head: bytes) -> bool:
    """Whether ``head`` holds a ``<~`` mark or a run of block bytes
    (``_BLOCK_RUN``): three passes over its bytes."""
    return b'<~' in head or _BLOCK_RUN in head.translate(_BLOCK_BYTES)


# ``wrapped_block``'s test of a head: ``_may_start_block``, or the same in
# one hyperscan pass where the screen has loaded it (``_hyperscan_head``).
_HEAD_TEST: list[Callable[[bytes], bool] | None] = [None]


def _head_test() -> Callable[[bytes], bool]:
    """The test of a head, chosen once hyperscan is loaded or not: a hook
    that never loads it keeps the passes and imports nothing."""
    if _HS_EXT not in sys.modules:
        return _may_start_block
    test = _HEAD_TEST[0] = _hyperscan_head() or _may_start_block
    return test


def _hyperscan_head() -> Callable[[bytes], bool] | None:
    """``_may_start_block`` in one hyperscan pass (the mark, and a class of
    the block bytes repeated ``len(_BLOCK_RUN)`` times: what the
    translation and the two searches find), or None where its library
    cannot run.  Asked of every blob a history scan reads: the three
    passes cost ~3x the call (docs/performance.md)."""
    hyperscan = hyperscan_module()

    block = b''.join(b'\\x%02x' % byte for byte in range(256) if _BLOCK_BYTES[byte] == 0x78)
    db = hyperscan_database(
        hyperscan, [b'<~', b'[' + block + b']{%d}' % len(_BLOCK_RUN)],
        [hyperscan.HS_FLAG_SINGLEMATCH] * 2,
    )
    if db is None:
        return None
    stopped = hyperscan.ScanTerminated

    def on_match(_i: int, _from: int, _to: int, _flags: int, _ctx: object) -> bool:
        return True  # one is enough: stops the scan

    def holds(head: bytes) -> bool:
        try:
            db.scan(head, on_match)
        except stopped:
            return True
        return False

    return holds


def _walk_block(data: bytes) -> tuple[int, str]:
    """``wrapped_block`` by a walk of the head's lines."""
    low, high = WRAPPED_WIDTHS
    high += 1  # a CR counted in
    find = data.find
    start = before = 0
    width_before = -1
    mark = find(b'<~', 0, WRAPPED_HEAD)
    for _ in range(WRAPPED_HEAD_LINES):
        end = find(b'\n', start, WRAPPED_HEAD)
        if end == -1:
            # A file shorter than the head: its last line, or a line and
            # a shorter last one (a short file so encoded, no mark).
            return _short_block(data) if len(data) <= WRAPPED_HEAD else (-1, '')
        width = end - start
        if mark != -1 and mark < start:  # the next ``<~`` (one ``find`` a mark, not a test a line)
            mark = find(b'<~', start, WRAPPED_HEAD)
        if mark == start and low // 2 <= width and not data[start:end].translate(None, A85_CHARS):
            return start, 'ascii85'  # Adobe's mark: a block of one line and a bit
        if start < mark < end:  # the mark inside its line: a string's value (``ENV = "<~…~>"``)
            close = find(b'~>', mark, end)
            block = data[mark:end if close == -1 else close]
            if low // 2 <= len(block) and not block.translate(None, A85_CHARS):
                return mark, 'ascii85'
        if width == width_before:
            pair = data[before:end]
            if not pair.translate(None, _B64_CHARS):
                return before, 'base64'
            if data[before:before + 1] == b'\t':
                # Two lines of one tab indentation: the block starts past it.
                body = pair.lstrip(b'\t')
                lead = len(pair) - len(body)
                if (data[start:start + lead] == b'\t' * lead and data[start + lead:start + lead + 1] != b'\t'
                        and not body.replace(b'\n' + b'\t' * lead, b'\n').translate(None, _B64_CHARS)):
                    return before + lead, 'base64'
            if not pair.translate(None, A85_CHARS):
                return before, 'ascii85'
            if not pair.translate(None, Z85_CHARS):
                return before, 'z85'
            if not pair.translate(None, B85_CHARS):
                return before, 'base85'
        before, width_before = start, (width if low <= width <= high else -1)
        start = end + 1
    return -1, ''


# A mail (RFC 5322: a file that starts with one of its usual first header
# fields) whose base64 parts start below the head the walk reads: an
# attachment under a long header (``Received:``, DKIM and ARC fields run
# to many lines).  Each part marked ``Content-Transfer-Encoding: base64``
# is read from its body's first line as a wrapped block at the head is
# (a keyword's form cut by a line break hides nothing), at most
# ``MAIL_PARTS`` of them; a file that starts otherwise costs one
# ``startswith``.
_MAIL_FIRST = (
    b'Received:', b'Return-Path:', b'Delivered-To:', b'From ', b'From:', b'X-', b'ARC-', b'DKIM-Signature:',
    b'Authentication-Results:', b'MIME-Version:', b'Date:', b'Message-ID:', b'Message-Id:', b'Subject:',
    b'To:', b'Content-Type:', b'Reply-To:', b'Sender:',
)
MAIL_PARTS = 16
# The transfer-encoding fields read in all (parts of other encodings too).
_MAIL_FIELDS = 256
_CTE = b'content-transfer-encoding:'


def mail_b64_parts(data: bytes) -> list[int]:
    """Where the body of each base64 part of a mail starts (see above),
    in order; [] for a file that is no mail or holds no such part."""
    if not data.startswith(_MAIL_FIRST):
        return []
    lowered = data.lower()  # a mail's copy: its fields' names in any case
    out: list[int] = []
    at = lowered.find(_CTE)
    blank = -1  # the empty line ending the last part header read: each found once
    for _field in range(_MAIL_FIELDS):
        if at == -1 or len(out) >= MAIL_PARTS:
            break
        end = lowered.find(b'\n', at)
        if end == -1:
            break
        if lowered[at + len(_CTE):end].strip() == b'base64':
            # The part's header ends at its first empty line.
            if blank < end:
                found = [i for i in (data.find(b'\n\n', end), data.find(b'\n\r\n', end)) if i != -1]
                if not found:
                    break  # no empty line after it: no body below any later field either
                blank = min(found)
                body = blank + 1
                while body < len(data) and data[body:body + 1] in (b'\r', b'\n'):
                    body += 1
                if body < len(data):
                    out.append(body)
        at = lowered.find(_CTE, end)
    return out


def _short_block(data: bytes) -> tuple[int, str]:
    """A base64, ASCII85, Z85 or base85 block ending a short file (``wrapped_block``):
    its last line, ``WRAPPED_WIDTHS[0]`` or more characters, or a line
    of ``WRAPPED_WIDTHS`` and a last line no wider, all of one of their
    alphabets."""
    low, high = WRAPPED_WIDTHS
    body = data.rstrip(b'\r\n')
    cut = body.rfind(b'\n')
    last = body[cut + 1:].rstrip(b'\r')
    at, block = cut + 1, last
    if cut != -1:
        before = body.rfind(b'\n', 0, cut) + 1
        line = body[before:cut].rstrip(b'\r')
        if low <= len(line) <= high and len(last) <= len(line):
            at, block = before, line + last
    if len(block) < low:
        return -1, ''
    if not block.rstrip(b'=').translate(None, _B64_CHARS):
        # A short file that is base64 alone: the screen finds a keyword's
        # forms of one and two levels, not of three (``base64 | base64 |
        # base64`` of a ``.env``): read from here, each level's block the
        # same way (``rules.B64_DEPTH``), at most ``WRAPPED_HEAD`` bytes;
        # only where its first 6 bytes are base64 text again (a level
        # more, as base64 of base64 is), so a digest, a signature or
        # compressed bytes so encoded cost no decode (5,000 one-line
        # files of random bytes: 0.32 CPU-s read as before, 1.92 each
        # decoded).
        from binascii import Error
        from binascii import a2b_base64

        try:
            # (its first 8 characters, line breaks and CRs left out)
            first = a2b_base64(block.translate(None, b'\r\n')[:8])
        except Error:
            return -1, ''
        if not first.translate(None, _B64_CHARS):
            return at, 'base64'
        return -1, ''
    # Lengths the encodings write: Z85's are whole groups of 5; ASCII85's
    # last group is 2 characters or more (``z`` and ``y`` a group each).
    groups = len(block) + 4 * (block.count(b'z') + block.count(b'y'))
    if groups % 5 != 1 and not block.translate(None, A85_CHARS):
        return at, 'ascii85'
    if len(block) % 5 == 0 and not block.translate(None, Z85_CHARS):
        return at, 'z85'
    # (base85's last group is 2 characters or more, as ASCII85's; and a
    # block of it holds one of the 19 bytes base64's URL alphabet and
    # ``=`` lack: a line ``NAME=value`` of key characters (an env file's,
    # or the probe ``env.values.plausible_key`` scans) is all base85's too,
    # and is no block; 40 random base85 bytes lack all 19 once in ~25,000)
    if (len(block) % 5 != 1 and not block.translate(None, B85_CHARS)
            and block.translate(None, _B64_CHARS + b'-_=')):
        return at, 'base85'
    return -1, ''


_HEX_DIGITS = b'0123456789abcdefABCDEF'


def dump_head(data: bytes) -> bool:
    """Whether ``data`` is a hex dump read whole (``codec.dump_view``): it
    starts with a dump's first offset (``xxd``, ``hexdump -C``, ``od``:
    ``000000``), or its first line is hex digits alone, 32 or more
    (``xxd -p``, ``.hex()`` written out).  A hex dump holds no keyword in
    any form the screen searches for, and a needle for hex text costs a
    full pass (docs/performance.md): a file that is one is told by its
    first bytes instead, a few byte comparisons.  A dump saved under the
    command that made it (``$ xxd -p env.gz``, ``# od -An -tx1 .env``: a
    first line led by ``$`` or ``#`` naming a dump tool) is told by its
    second line (``DUMP_COMMAND``)."""
    if data[:1] in _COMMAND_FIRST:
        # A script's ``#!`` or comment, a shell session: most have a second
        # line no dump starts (not a hex digit nor ``od -An``'s blank),
        # asked before the tools (a file's start, a few byte tests).
        end = data.find(b'\n', 0, _COMMAND_LINE)
        if (end != -1 and data[end + 1:end + 2] in _DUMP_SECOND
                and any(data.find(tool, 0, end) != -1 for tool in DUMP_COMMAND)):
            return _dump_start(data[end + 1:end + 1 + WRAPPED_HEAD])
    return _dump_start(data)


# A dump's command line above it: a shell prompt or a comment (``$``,
# ``#``) naming one of these tools, within its first 256 bytes.
DUMP_COMMAND = (b'xxd', b'od -', b'hexdump')
_COMMAND_FIRST = (b'$', b'#')
_DUMP_SECOND = frozenset(bytes((c,)) for c in b'0123456789abcdefABCDEF I=<')
_COMMAND_LINE = 256


def _dump_start(data: bytes) -> bool:
    """``dump_head`` of the dump's first line (at ``data``'s start)."""
    if data[:1] == b' ' and (_pattern_od_bare().match(data) or _pattern_od_bare_decimal().match(data)):
        return True  # ``od -An -t x1`` (``-t u1``, ``-t d1``): the bytes without their offsets
    first = data[:1]
    if first not in _HEX_FIRST:
        if first in RECORD_FIRST:
            # Intel HEX or Motorola S-records (firmware images, ``objcopy -O
            # ihex``/``srec``): the first line a whole record, its checksum right.
            end = data.find(b'\n', 0, _RECORD_LINE)
            return end != -1 and firmware_record(data[:end].rstrip(b'\r')) is not None
        if first == b'N':
            # Wireshark's "Export Packet Dissections" as plain text: the
            # packet list's header, then each packet's bytes from offset 0
            return data.startswith(_WIRESHARK_HEAD) and _WIRESHARK_BYTES in data
        if first == b'I':
            # ``tcpdump -t -X``: no clock, the packet's line starts ``IP `` or ``IP6 ``
            return data.startswith(_TCPDUMP_NO_CLOCK) and _tcpdump_bytes_next(data)
        # ``curl --trace``: its first event's line (``codec._CURL_LINE``)
        return first in _CURL_TRACE_FIRST and data.startswith(_CURL_TRACE_HEAD)
    if data.startswith(b'000000'):
        return True
    if data.startswith(_WIRESHARK_BYTES[1:]):
        return True  # ``tshark -x``: a packet's bytes, no summary over them
    if data[2:3] == b':' and _pattern_curl_trace_time().match(data):
        return True  # the same with ``--trace-time``'s clock first
    end = data.find(b'\n', 0, WRAPPED_HEAD)
    if end != -1 and data.startswith(_TCPDUMP_BYTES, end + 1):
        return True  # ``tcpdump -X``: a packet's line (its clock first), then its bytes from offset 0
    line = data[:end if end != -1 else WRAPPED_HEAD].rstrip(b'\r')
    return len(line) >= 32 and not line.translate(None, _HEX_DIGITS)


def firmware_record(line: bytes) -> bytes | None:
    """The bytes one line of Intel HEX (``:LLAAAATT<data>CC``) or of
    Motorola S-records (``S<t>LL<address><data>CC``) holds, or None when
    the line is no such record (its length or checksum wrong): a data
    record's data, ``b''`` for a record of another type (an address, the
    end, an S0 header)."""
    first = line[:1]
    if first not in RECORD_FIRST or len(line) > _RECORD_LINE or len(line) % 2 != (first == b':'):
        return None
    body = line[1:] if first == b':' else line[2:]
    try:
        raw = bytes.fromhex(body.decode('ascii'))
    except (UnicodeDecodeError, ValueError):
        return None
    if len(raw) < 3 or not body.isalnum():  # no blanks (``fromhex`` passes them over)
        return None
    if first == b':':
        if len(raw) != raw[0] + 5 or sum(raw) & 0xFF or raw[3] > 5:
            return None
        return raw[4:-1] if raw[3] == 0 else b''
    kind = line[1:2]
    if len(raw) != raw[0] + 1 or sum(raw) & 0xFF != 0xFF or kind not in _SREC_ADDRESS:
        return None
    width = _SREC_ADDRESS[kind]
    return raw[1 + width:-1] if width and kind in b'123' else b''


# A firmware record's first byte, the longest line read as one (255 data
# bytes and the record's own), and an S-record's address width by type
# (0 for a type holding no data: S0's header is passed over too).
RECORD_FIRST = frozenset((b':', b'S'))
_RECORD_LINE = 530
_SREC_ADDRESS = {b'0': 2, b'1': 2, b'2': 3, b'3': 4, b'5': 0, b'6': 0, b'7': 0, b'8': 0, b'9': 0}


_TCPDUMP_BYTES = b'\t0x0000:'
# Wireshark's packet bytes (``tshark -x``, "Export Packet Dissections"
# with "Packet bytes"): 16 a row after a 4-digit offset and two blanks,
# then the bytes as text (``codec._WIRESHARK_ROW``); the export starts
# with the packet list's header.
_WIRESHARK_HEAD = b'No.     Time'
_WIRESHARK_BYTES = b'\n0000  '
_TCPDUMP_NO_CLOCK = (b'IP ', b'IP6 ')


def _tcpdump_bytes_next(data: bytes) -> bool:
    """Is ``data``'s second line a ``tcpdump -X`` packet's bytes from offset 0?"""
    end = data.find(b'\n', 0, WRAPPED_HEAD)
    return end != -1 and data.startswith(_TCPDUMP_BYTES, end + 1)


# ``curl --trace`` starts with an event's line: ``== Info: ...``, ``=> Send
# header``, ``<= Recv header`` (after a clock with ``--trace-time``).
_CURL_TRACE_HEAD = (b'== Info: ', b'=> Send ', b'<= Recv ')
_CURL_TRACE_FIRST = frozenset((b'=', b'<'))


def _pattern_curl_trace_time():  # type: ignore[no-untyped-def]
    from together_hooks import regex_cache

    return regex_cache.cached(rb'\d\d:\d\d:\d\d\.\d{6} (?:== Info:|=> Send|<= Recv) ')


# (``cached``, as ``_pattern_curl_trace_time``: ``regex_cache.compile``
# builds a new pattern object from its program at each call, and
# ``_dump_start`` asks these of every blob starting with a blank.)
def _pattern_od_bare():  # type: ignore[no-untyped-def]
    from together_hooks import regex_cache

    return regex_cache.cached(rb' [0-9a-f]{2}(?: [0-9a-f]{2}){7,}[ \t]*(?:>[^\n]*)?(?:\r?\n|$)')


def _pattern_od_bare_decimal():  # type: ignore[no-untyped-def]
    from together_hooks import regex_cache

    # ``od -An -t u1`` (fields 4 wide) or ``-t d1`` (5 wide): 8 or more.
    return regex_cache.cached(rb' {1,4}-?[0-9]{1,3}(?: {1,4}-?[0-9]{1,3}){7,}[ \t]*(?:>[^\n]*)?(?:\r?\n|$)')


_HEX_FIRST = frozenset(_HEX_DIGITS[i:i + 1] for i in range(len(_HEX_DIGITS)))


def may_be_wide(data: bytes) -> bool:
    """Whether ``data`` may be UTF-16/UTF-32 text, which the engine
    decodes before any keyword is looked for."""
    # ``find`` within the head: no copy of it for every file.
    return data.find(b'\0', 0, 4096) != -1 or data.startswith((b'\xff\xfe', b'\xfe\xff'))


def _hyperscan_installed() -> bool:
    """Could ``hyperscan_where`` load it (without loading it)?"""
    from importlib.machinery import PathFinder

    return 'hyperscan' in sys.modules or PathFinder.find_spec('hyperscan') is not None


# An Office document's XML part (Word's ``word/document.xml``, a slide's,
# an OpenDocument's ``content.xml``) holds its text in runs (``<w:t>``,
# ``<a:t>``, ``<text:p>`` and its spans and cells): a keyword cut by a run's
# end (a spell-check mark, another font, ``tg`` | ``p_v1_``) is no needle
# of the screen, so such a part is read for its text whatever it holds
# (``engine._ooxml_hits``, ``codec.ooxml_text_view``).
OOXML_TEXT = (b'<w:t', b'<a:t', b'<text:')


def ooxml_part(data: bytes) -> bool:
    """Whether ``data`` is an Office document's XML part holding text
    runs: it starts ``<?xml`` or, as some writers leave the declaration
    out, its namespace-prefixed root element (``<w:document``,
    ``<office:document-content``), after a UTF-8 BOM or blanks if any
    (one byte compared for every other file)."""
    if data[:1] not in _XML_LEAD:
        return False
    head = data[:128]
    if head.startswith(b'\xef\xbb\xbf'):
        head = head[3:]
    head = head.lstrip(b' \t\r\n')
    if not head.startswith(b'<?xml'):
        colon = head.find(b':', 2, 42)
        if not head.startswith(b'<') or colon == -1 or not head[1:colon].isalnum() or not head[colon + 1:colon + 2].isalpha():
            return False
    return any(data.find(tag) != -1 for tag in OOXML_TEXT)


# An HTML page (``engine._markup_hits``, ``codec.html_text_view``): told by
# its name's suffix, or by its head (a doctype or an ``<html`` root) as a
# history blob's or a member's name may say nothing.
HTML_SUFFIXES = ('.html', '.htm', '.xhtml')
_HTML_HEAD = (b'<!doctype html', b'<html')


def html_page(data: bytes, path: str) -> bool:
    """Whether ``data`` (at ``path``) is an HTML page: its name ends in
    ``.html``, ``.htm`` or ``.xhtml`` (a container's member by its own
    name), or it starts with a doctype or ``<html`` after a BOM or
    blanks; with no path (a history blob before its paths are known),
    whether it may be one."""
    if path.lower().endswith(HTML_SUFFIXES):
        return True
    if not path and _end_tag_in(data):
        # History's discovery scans a blob with no path (``sources.history``:
        # a superset, each blob found then scanned again under every path
        # it had): any blob with an end tag may be a page's.
        return True
    if data[:1] not in _XML_LEAD:
        return False
    head = data[:64]
    if head.startswith(b'\xef\xbb\xbf'):
        head = head[3:]
    return head.lstrip(b' \t\r\n').lower().startswith(_HTML_HEAD)


def _end_tag_in(data: bytes) -> bool:
    """``b'</' in data``, sooner where ``<`` is rare: a one-byte ``find``
    is ``memchr``, a two-byte one a general search of every byte (~0.9
    GB/s), which every blob of a history naming "together" in a comment
    paid in full (mypy's: ~4,200 blobs, ~0.5 CPU-s of ~5.4).  Past a few
    ``<`` with no ``/`` after them, the general search from there."""
    at = data.find(b'<')
    for _ in range(_LT_TRIES):
        if at == -1:
            return False
        if data[at + 1:at + 2] == b'/':
            return True
        at = data.find(b'<', at + 1)
    return at != -1 and data.find(b'</', at) != -1


# How many ``<`` ``_end_tag_in`` tries one by one (a page's first end tag
# is among its first few; code compares or writes generics with a few).
_LT_TRIES = 64


# An RTF document (``engine._markup_hits``, ``codec.rtf_text_view``):
# told by its first bytes, as every RTF reader tells it.
RTF_MAGIC = b'{\\rtf'


# What an XML part's first byte may be: its ``<``, a UTF-8 BOM's first
# byte, a blank.
_XML_LEAD = frozenset((b'<', b'\xef', b' ', b'\t', b'\r', b'\n'))


# Compressed containers by their magic bytes (``detect.containers`` reads
# them): zip's local header, gzip, bzip2, xz, a PDF (its zlib streams), a
# PNG (its compressed text chunks: ``PNG_TEXT``), and a tar's ``ustar`` at
# 257; and a zlib stream (``ZLIB_HEADERS``).
_MAGIC = {
    b'P': (b'PK\x03\x04', 'zip'), b'\x1f': (b'\x1f\x8b\x08', 'gzip'), b'\xfd': (b'\xfd7zXZ\x00', 'xz'),
    b'%': (b'%PDF-', 'pdf'), b'\x89': (b'\x89PNG\r\n\x1a\n', 'png'),
    b'!': (b'!<arch>\n', 'ar'),
}
# An ``ar`` archive's magic (a ``.deb``, a static library: ``containers._ar``).
AR_MAGIC = _MAGIC[b'!'][0]
# A PNG's chunks that may hold compressed text (a tool's settings, an
# image generator's workflow): only a PNG holding one of their types is a
# container, so an image's pixels never cost a second stage; told by its
# signature alone from its first bytes only (``container_kind``'s ``cut``).
PNG_TEXT = (b'zTXt', b'iTXt')
# And every text chunk, compressed or not: a PNG holding one is opened
# (``containers._png``), its plain text scanned within the chunk's length.
# In the file's bytes the chunk's CRC follows the text: a key ending the
# text touches the CRC's first byte when that is a letter or a digit (1
# in 4), and a legacy key's run is then no key.
PNG_TEXT_CHUNKS = PNG_TEXT + (b'tEXt',)

# The start of a base64 value that encodes a container: gzip (``base64 <
# x.gz``, ``b64encode(gzip.compress(...))``), and, behind the rarest
# anchor (``Q``: one group of the keyword screen for all three), bzip2,
# and gzip with a zeroed header
# (Go's: Helm, Terraform's ``base64gzip``) encoded twice (a Helm release
# in a Secret's ``data:``); a zip encoded twice shares ``V`` with the
# keywords' forms.  A zip once: ``UEsDB``, its local header's signature
# and the top two bits of the version it needs (``PK\x03\x04``: the
# fifth character holds the version's top nibble, so 2.0's ``UEsDBBQ``
# missed a bzip2 member's 4.6, LZMA's 6.3 and ZIP64's 4.5): it leads
# ``U``'s route of the hook's plain screen (no pass more); the grouped
# searches give it ``B``, a pass (docs/performance.md).  The keyword screen holds them, and the engine decodes
# a value starting with one (``engine._packed_hits``).  Each group is a
# pass of the screen every file pays: a stored zip and gzip with a
# header of its own encoded twice are left out (docs/performance.md).
# Last, a zlib stream at the levels of ``ZLIB_HEADERS``, each header
# and the third character's four values: the default (``x\x9c``:
# ``eJ``), what ``zlib.compress`` writes (Flask's and Django's signed
# cookies, a JSON field of compressed logs), 1 (``eA``:
# ``compress(data, 1)``) and 9 (``eN``: ``compress(data, 9)``, many
# tools' ``-9``).  The default's hold ``J``, one rare anchor's group
# (``eJ`` alone starts ``parseJSON``); levels 1 and 9 add a group each,
# ``A`` (``eAG`` and ``eAH`` join ``G``'s and ``H``'s) and
# ``N`` (docs/performance.md).  ``tests/detect/packed_test.py`` derives
# them from ``_MAGIC`` and ``ZLIB_HEADERS``.
# Then the containers whose forms ride on anchors the screen searches
# already (no group and no plain route more: ``_anchors`` folds each into
# ``V``'s, ``Q``'s, ``A``'s and ``Z``'s, ``_plain_routes`` into letters
# other keywords lead with): a PDF (``JVBERi0``, ``%PDF-``: a mail's
# attachment, a JSON value; ``J``'s route), a PNG (``iVBORw0KGgo``: a notebook's
# ``image/png``, a ``data:`` URI; read only when it holds a text chunk,
# ``PNG_TEXT``), an xz (``/Td6WFoAAA``: a ``.env.xz`` as a value), an
# LZMA-alone (``XQAA``: ``]`` and a dictionary size, checked whole by
# ``container_kind``), a git pack (``PACK`` and version 2 or 3) and a git
# bundle (``# v2 git ``, ``# v3 git ``).
B64_MAGIC = (
    b'H4sI', b'SDRzSUFBQUFB', b'UEsDB', b'VUVzREJCUU', b'Qlpo',
    b'eJw', b'eJx', b'eJy', b'eJz',
    b'eAE', b'eAF', b'eAG', b'eAH', b'eNo', b'eNp', b'eNq', b'eNr',
    b'JVBERi0',
    b'iVBORw0KGgo', b'/Td6WFoAAA', b'XQAA', b'UEFDSwAAAA', b'IyB2MiBnaXQg', b'IyB2MyBnaXQg',
)
# The magics a glue byte may stand before (``value_start``).
_GLUED_MAGIC = tuple(m for m in B64_MAGIC if len(m) >= 4)


# A git pack (``.git/objects/pack/*.pack``, committed into another
# repository), versions 2 and 3, and a ``git bundle`` (its refs, then a
# pack): ``detect.containers`` inflates each object.
GIT_PACKS = (b'PACK\0\0\0\2', b'PACK\0\0\0\3')
_GIT_BUNDLES = (b'# v2 git bundle\n', b'# v3 git bundle\n')


# A SQLite database's first bytes (``detect.sqlite`` reads its tables).
SQLITE_MAGIC = b'SQLite format 3\0'


def a_kind(kind: str) -> str:
    """``kind`` (``container_kind``'s answer) with its article, as a
    message says it: "an ar", "an openpgp", "an xz", "a zip"."""
    return ('an ' if kind[:1] in 'aeiox' else 'a ') + kind


def container_kind(data: bytes, whole: bool = False, cut: bool = False) -> str | None:
    """The kind of compressed container ``data`` starts, or None: the one
    test every mode asks (the history blob test, the scanner), a few byte
    comparisons.  ``whole``: ``data`` is all the bytes (a blob, a file
    read whole), so a container behind a stub is told too
    (``container_start``).  ``cut``: ``data`` is only the first bytes (a
    member's head, a large file's first window), so a PNG is told by its
    signature alone: its text chunks may come after them."""
    magic = _MAGIC.get(data[:1])
    if magic is not None and data.startswith(magic[0]):
        if magic[1] == 'png' and not cut and not any(data.find(t) != -1 for t in PNG_TEXT_CHUNKS):
            return None
        return magic[1]
    if data.startswith(b'BZh') and data[3:4].isdigit() and data[4:10] in _BZIP2_BLOCKS:
        return 'bzip2'
    if data[:1] == b']' and _lzma_alone(data):
        return 'lzma'
    if data[:2] in ZLIB_HEADERS and _zlib_starts(data):
        return 'zlib'
    if data[:1] in OPENPGP_FIRST and _openpgp_starts(data):
        return 'openpgp'
    if data.startswith(b'ustar', 257) and _tar_checksum_holds(data):
        return 'tar'
    if data.startswith(GIT_PACKS):
        return 'git pack'
    if data.startswith(_GIT_BUNDLES):
        return 'git bundle'
    if whole:
        started = _behind_a_stub(data)
        return started[0] if started is not None else None
    return None


# An OpenPGP compressed data packet's first byte: old format (tag 8,
# each length width) and new (``openpgp_compressed``).
OPENPGP_FIRST = frozenset(bytes((b,)) for b in (0xA0, 0xA1, 0xA2, 0xA3, 0xC8))


def _openpgp_starts(data: bytes) -> bool:
    """``data`` starts an OpenPGP compressed packet whose first bytes open
    (``gpg --store``, ``gpg --sign``; binary, or armored and decoded): raw
    deflate or zlib that inflates as ``_zlib_starts`` asks, or a bzip2
    stream's magic.  Its header alone is read (a partial length's first
    chunk is enough); a few microseconds, only for bytes that start with
    one of ``OPENPGP_FIRST``."""
    first = data[0]
    if not first & 0x40:  # old format: tag 8, the length's width in bits 1-0
        at = 1 + (1, 2, 4, 0)[first & 3]
    elif len(data) < 2:
        return False
    else:
        o = data[1]
        at = 2 if o < 192 or 224 <= o < 255 else 3 if o < 224 else 6
    algorithm, body = data[at:at + 1], data[at + 1:at + 513]
    if algorithm == b'\x03':
        return body.startswith(b'BZh')
    if algorithm not in (b'\x01', b'\x02'):
        return False
    import zlib

    try:
        out = zlib.decompressobj(-15 if algorithm == b'\x01' else 15).decompress(body, 64)
    except zlib.error:
        return False
    return bool(out)


def openpgp_compressed(data: bytes) -> tuple[int, bytes] | None:
    """``(algorithm, body)`` of the OpenPGP compressed data packet (tag 8)
    ``data`` starts with, or None: what ``gpg --store`` and ``gpg --sign``
    (not encrypted, not detached) write, armored or not, its literal data
    compressed: 1 raw deflate (ZIP), 2 zlib, 3 bzip2.  The packet's header
    in the old format (``gpg``'s: ``\\xa3``, no length) or the new (one,
    two or four length bytes, or partial lengths, joined)."""
    if len(data) < 3 or not data[0] & 0x80:
        return None
    first = data[0]
    if not first & 0x40:  # old format: tag in bits 5-2, the length's width in 1-0
        if first >> 2 & 0x0F != 8:
            return None
        width = (1, 2, 4, 0)[first & 3]
        if width == 0:
            body = data[1:]
        else:
            size = int.from_bytes(data[1:1 + width], 'big')
            body = data[1 + width:1 + width + size]
    else:
        if first & 0x3F != 8:
            return None
        body = _new_format_body(data, 1)
    if body is None or len(body) < 2 or body[0] not in (1, 2, 3):
        return None
    return body[0], body[1:]


def _new_format_body(data: bytes, at: int) -> bytes | None:
    """A new-format packet's body from ``at`` (its first length byte),
    partial lengths (224-254: a chunk of 2**n bytes, then another length)
    joined; None when a length runs past ``data``."""
    parts = []
    while at < len(data):
        o = data[at]
        if o < 192:
            size, at = o, at + 1
        elif o < 224:
            if at + 1 >= len(data):
                return None
            size, at = ((o - 192) << 8) + data[at + 1] + 192, at + 2
        elif o == 255:
            size, at = int.from_bytes(data[at + 1:at + 5], 'big'), at + 5
        else:
            chunk = 1 << (o & 0x1F)
            parts.append(data[at + 1:at + 1 + chunk])
            at += 1 + chunk
            continue
        parts.append(data[at:at + size])
        return b''.join(parts)
    return None



def container_start(data: bytes) -> tuple[str, int] | None:
    """(kind, offset) of the container all of ``data`` holds, or None: at
    its start (its magic), or behind a stub (``_behind_a_stub``)."""
    kind = container_kind(data)
    return (kind, 0) if kind is not None else _behind_a_stub(data)


# zipfile finds a zip by its end record, in the last 64 KB + 22 bytes (a
# comment may follow it): whatever comes before (a self-extracting stub).
_ZIP_TAIL = (1 << 16) + 22
# A script's payload (makeself, a self-extracting installer): a compressed
# stream right after one of the script's first 64 KB of lines.
_SCRIPT_HEAD = 1 << 16
_PAYLOADS = (b'\n\x1f\x8b\x08', b'\n\xfd7zXZ\x00', b'\nBZh')


def _behind_a_stub(data: bytes) -> tuple[str, int] | None:
    """A zip whose end record (and the central directory it points at)
    closes ``data``: ('zip', 0), zipfile reads past a stub; a script's
    compressed payload: (kind, where it starts)."""
    tail = max(0, len(data) - _ZIP_TAIL)
    # One byte first (memchr): text holds no \x05; then the signature
    # (rfind: the faster of the two here).
    if data.find(b'\x05', tail) != -1:
        end = data.rfind(b'PK\x05\x06', tail)
        if end != -1 and _zip_end_holds(data, end):
            return ('zip', 0)
    return _script_payload(data)


def _script_payload(data: bytes) -> tuple[str, int] | None:
    """A script's compressed payload (``_PAYLOADS``) in its first
    ``_SCRIPT_HEAD`` bytes: (kind, where it starts), or None; a script
    starts ``#!``."""
    if data.startswith(b'#!'):
        for needle in _PAYLOADS:
            if data.find(needle[1:2], 0, _SCRIPT_HEAD) == -1:
                continue
            at = data.find(needle, 0, _SCRIPT_HEAD)
            if at != -1:
                kind = container_kind(data[at + 1:at + 1 + 512])
                if kind is not None:
                    return (kind, at + 1)
    return None


def _zip_end_holds(data: bytes, end: int) -> bool:
    """The end record at ``end`` has members and points back at a central
    directory (or is zip64's): not four stray bytes in a binary file."""
    import struct

    if len(data) < end + 22:
        return False
    if data.startswith(b'PK\x06\x07', end - 20):  # zip64's locator
        return True
    entries, size = struct.unpack_from('<HI', data, end + 10)
    return entries > 0 and end >= size and data.startswith(b'PK\x01\x02', end - size)


# A zlib stream's header (deflate, a 32 KB window) at the levels git and
# ``zlib.compress`` write: 1 (``x\x01``), the default (``x\x9c``) and
# 9 (``x\xda``): a git loose object, a ``.zz``; levels 2-5 (``x^``) may
# start a text and are not told.
ZLIB_HEADERS = frozenset((b'x\x01', b'x\x9c', b'x\xda'))


def _zlib_starts(data: bytes) -> bool:
    """The first 512 bytes after a zlib header inflate: random bytes so
    started soon point back past what came out, or hold an invalid code
    (none of 9,000 did in 256 bytes); a few microseconds, only for bytes
    that start with a header."""
    import zlib

    try:
        zlib.decompressobj().decompress(data[:512])
    except zlib.error:
        return False
    return True


# A bzip2 stream's first block, or its end (an empty stream): "BZh9" alone
# may start a text.
_BZIP2_BLOCKS = (b'1AY&SY', b'\x17rE8P\x90')


def _lzma_alone(data: bytes) -> bool:
    """An LZMA-alone file's header (``.lzma``, ``xz --format=lzma``,
    ``lzma.FORMAT_ALONE``): the properties every encoder writes (``]``:
    lc=3, lp=0, pb=2), a dictionary size ``xz`` accepts (2^n or
    2^n + 2^(n-1), 4 KiB to 1.5 GiB), the size unknown (eight 0xff) or
    below 2^40, and the range coder's first byte, always 0.  No magic of
    its own: 13 bytes that text and other binaries do not begin with."""
    if len(data) < 14 or data[13] != 0:
        return False
    dictionary = int.from_bytes(data[1:5], 'little')
    if not 1 << 12 <= dictionary <= 3 << 29:
        return False
    top = 1 << (dictionary.bit_length() - 1)
    if dictionary not in (top, top | top >> 1):
        return False
    return data[5:13] == b'\xff' * 8 or data[10:13] == b'\0\0\0'


def _tar_checksum_holds(data: bytes) -> bool:
    """A tar header's checksum (the sum of its 512 bytes, its own field
    counted as spaces) is right: text can hold "ustar" at 257 too."""
    if len(data) < 512:
        return False
    field = data[148:156].split(b'\0', 1)[0].strip()
    try:
        want = int(field, 8)
    except ValueError:
        return False
    return want == sum(data[:148]) + 8 * 32 + sum(data[156:512])


def hyperscan_where(needles: tuple[bytes, ...]) -> Callable[[bytes], Where] | None:
    """``Keywords.where`` in one hyperscan pass, or None without hyperscan
    (or where its library cannot run on this machine)."""
    routes = hyperscan_routes(needles)
    return None if routes is None else routes[0]


def hyperscan_routes(
        needles: tuple[bytes, ...],
) -> tuple[Callable[[bytes], Where], Callable[[bytes], bool]] | None:
    """(``hyperscan_where``, does the bytes hold any needle: the same
    database, stopped at its first match), or None without hyperscan."""
    try:
        hyperscan = hyperscan_module()
    except ImportError:
        return None

    db = hyperscan_database(hyperscan, [hyperscan_literal(k) for k in needles], [0] * len(needles))
    if db is None:
        return None
    sizes = [len(k) for k in needles]
    stopped = hyperscan.ScanTerminated
    plain = Keywords(needles)._where_plain

    def where(data: bytes) -> Where:
        if len(data) >= 1 << 32:  # past the length one hyperscan call takes
            return plain(data)
        ends: list[tuple[int, int]] = []
        add = ends.append
        budget = _budget(data)

        def on_match(i: int, _from: int, to: int, _flags: int, _ctx: object) -> bool:
            add((i, to))
            return len(ends) >= budget  # True stops the scan

        try:
            db.scan(data, on_match)
        except stopped:
            return plain(data)
        found: dict[bytes, list[int] | None] = {}
        for i, to in sorted(ends):
            found.setdefault(needles[i], []).append(to - sizes[i])  # type: ignore[union-attr]
        return Where(data, found) if found else _NOWHERE

    def present(data: bytes) -> bool:
        if len(data) >= 1 << 32:
            return bool(plain(data))
        try:
            db.scan(data, _stop)
        except stopped:
            return True
        return False

    return where, present


# ``blob_test``'s questions that cost its hyperscan pass nothing more,
# asked by the same pass as the needles (``_fused_blob_test``), each
# stopped at its first match: a zip's end record anywhere (what
# ``_behind_a_stub`` reads in the last 64 KB: its absence anywhere is
# enough), a tar's ``ustar`` at 257.  Not a NUL in the first 4 KB nor the
# head test's patterns (``_hyperscan_head``), even bounded to the head by
# ``max_offset``: in the pass over the whole blob they cost more than
# their own tests (docs/performance.md, "Issue 17, session 27").  What a
# blob's first byte decides (magics, an XML part, a byte order mark) is
# told by that byte (``_FIRST_ASKED``).
_HINT_ZIP, _HINT_TAR = 1, 2


def _hint_patterns(hyperscan: Any) -> list[tuple[bytes, int, tuple[int, ...]]]:
    """(expression, hint bit, ``ext``) of each of those questions."""
    at = hyperscan.HS_EXT_FLAG_MIN_OFFSET | hyperscan.HS_EXT_FLAG_MAX_OFFSET
    tar_end = 257 + len(b'ustar')
    return [
        (b'PK\\x05\\x06', _HINT_ZIP, (0, 0, 0, 0, 0, 0)),
        (b'ustar', _HINT_TAR, (at, tar_end, tar_end, 0, 0, 0)),
    ]


# First bytes for which a container's magic (``container_kind``: zip, a git
# pack, gzip, xz, a PDF, a PNG, bzip2, LZMA-alone, zlib), SQLite's, an XML
# part's lead (``ooxml_part``) or a byte order mark (``may_be_wide``) may
# start the bytes: only those blobs ask all those tests
# (``_fused_blob_test``).  An ``ar`` archive and a binary OpenPGP message
# are left out: every one holds a NUL in its first 4 KB (an ``ar``
# header's compressed member's; the compressed packet's flush, or its
# random bytes), which passes it anyway.  So is ``#``, a git bundle's and
# a script's lead (its payload: ``_script_payload``), and a comment's in
# most Python, shell and YAML files (flask's history: 3,450 of 9,351
# blobs): it asks those two questions alone (``_hash_led``).
_FIRST_ASKED = frozenset(
    bytes((b,)) for b in b'P\x1f\xfd%\x89B]xS\xff\xfe'
) | _XML_LEAD


def _hash_led(data: bytes) -> bool:
    """What ``_unkeyed_worth`` asks of bytes starting ``#`` beyond the
    questions every blob of the one pass is asked (a NUL in the head, a
    dump, a wrapped block, a tar's and a zip's hints, bare hex): a git
    bundle (``container_kind``), a script's payload (``_behind_a_stub``).
    No magic, byte order mark, SQLite header or XML part starts ``#``."""
    return data.startswith(_GIT_BUNDLES) or _script_payload(data) is not None


def _fused_blob_test(
        keywords: Keywords, slow: Callable[[bytes], bool],
) -> Callable[[bytes], bool] | None:
    """``keywords.blob_test``'s answer (``slow``, one check after the
    other) with the needles and the other checks' questions
    (``_hint_patterns``) in one hyperscan pass: a blob with no match and an
    ordinary first byte is told by that one call.  The needles' offsets are
    kept as ``where`` keeps them, for the engine.  None without hyperscan."""
    try:
        hyperscan = hyperscan_module()
    except ImportError:
        return None
    needles = keywords.needles
    count = len(needles)
    hints = _hint_patterns(hyperscan)
    single = hyperscan.HS_FLAG_SINGLEMATCH
    db = hyperscan_database(
        hyperscan, [hyperscan_literal(k) for k in needles] + [h[0] for h in hints],
        [0] * count + [single] * len(hints),
        [(0, 0, 0, 0, 0, 0)] * count + [h[2] for h in hints],
    )
    if db is None:
        return None
    bits = [0] * count + [h[1] for h in hints]
    sizes = [len(k) for k in needles]
    starts = keywords._starts
    stopped = hyperscan.ScanTerminated
    first_asked = _FIRST_ASKED
    scan = db.scan

    def worth(data: bytes) -> bool:
        if len(data) >= 1 << 32:  # past the length one hyperscan call takes
            return slow(data)
        ends: list[tuple[int, int]] = []
        add = ends.append
        budget = 64 + len(data) // WHERE_DENSE  # ``_budget``

        def on_match(i: int, _from: int, to: int, _flags: int, _ctx: object) -> bool:
            add((i, to))
            return len(ends) >= budget  # True stops the scan

        try:
            scan(data, on_match)
        except stopped:
            return slow(data)  # dense with needles: ``where`` reads it its own way
        hinted = 0
        if ends:
            found: dict[bytes, list[int] | None] = {}
            for i, to in sorted(ends):
                if i < count:
                    found.setdefault(needles[i], []).append(to - sizes[i])  # type: ignore[union-attr]
                else:
                    hinted |= bits[i]
            if found:
                where = Where(data, found)
                if starts:
                    where = _at_value_starts(where, starts)
                if where:
                    keywords._last = where  # as ``where`` keeps it, for the engine
                    return True
        first = data[:1]
        if first in first_asked:
            # A magic, an XML part, a byte order mark may start it: each
            # check as ``slow`` asks it.
            return _unkeyed_worth(data)
        # Else ``container_kind(whole=True)`` is a tar's header or a zip
        # behind a stub (both hinted), or after a ``#`` a bundle or a
        # script's payload (``_hash_led``), ``may_be_wide`` a NUL in the
        # first 4 KB, ``data.startswith(SQLITE_MAGIC)`` and ``ooxml_part``
        # False.
        return bool(
            data.find(b'\0', 0, 4096) != -1 or dump_head(data) or wrapped_block(data)[0] != -1
            or hinted & _HINT_TAR and _tar_checksum_holds(data)
            or hinted & _HINT_ZIP and _behind_a_stub(data) is not None
            or bare_hex(data)
            or first == b'#' and _hash_led(data)
        )

    return worth


_HS_EXT = 'hyperscan._hs_ext'


def hyperscan_module() -> Any:
    """hyperscan's compiled module (``hyperscan._hs_ext``, every name the
    package exports), loaded without running the package's ``__init__``:
    that imports ``typing`` for one ``NamedTuple`` we never use, 7.5 ms
    of CPU in a run that has loaded our modules, more than the extension
    itself (docs/performance.md).  A process that imported the package
    already gets the module it loaded.  ImportError without hyperscan."""
    loaded = sys.modules.get(_HS_EXT)
    if loaded is not None:
        return loaded
    from importlib.machinery import PathFinder  # (importlib.util: 3.5 ms more)

    package = PathFinder.find_spec('hyperscan')
    places = package.submodule_search_locations if package is not None else None
    spec = PathFinder.find_spec(_HS_EXT, places) if places else None
    if spec is None or spec.loader is None:
        raise ImportError('No module named hyperscan', name='hyperscan')
    module = spec.loader.create_module(spec)
    if module is None:  # not an extension module's loader: not hyperscan's
        raise ImportError(f'{_HS_EXT} is no extension module', name='hyperscan')
    module.__spec__, module.__loader__, module.__package__ = spec, spec.loader, 'hyperscan'
    # As the import system does: in ``sys.modules`` while it runs, so the
    # package imported later takes this module rather than a second copy.
    sys.modules[_HS_EXT] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[_HS_EXT]
        raise
    return module


def hyperscan_literal(needle: bytes) -> bytes:
    """A hyperscan expression matching ``needle``'s bytes: escaped as a
    regex, and a NUL written as an escape (hyperscan reads each expression
    as a C string, so a NUL byte as it is would end the expression there:
    a wide form, ``t\\0o\\0g…``, would be its first letter)."""
    import re

    return re.escape(needle).replace(b'\0', b'\\x00')


def hyperscan_database(
        hyperscan: Any, expressions: list[bytes], flags: list[int],
        ext: list[tuple[int, ...]] | None = None,
) -> Any:
    """A block-mode database of ``expressions`` (ids their places), or
    None where hyperscan cannot compile them on this machine.  ``ext``:
    each expression's extended parameters (hyperscan's ``hs_expr_ext_t``
    as a tuple: flags, min_offset, max_offset, min_length, edit distance,
    Hamming distance), when any has some.  Loaded from
    the one an earlier run compiled (``regex_cache.stored``: the
    expressions are our own constants, never data) when it loads; a
    damaged one, or one made for a CPU this one is not, is compiled
    afresh."""
    from together_hooks import regex_cache

    mode = hyperscan.HS_MODE_BLOCK
    key = ('hyperscan', getattr(hyperscan, '__version__', ''), mode, tuple(expressions), tuple(flags))
    if ext is not None:
        key += (tuple(ext),)
    kept = regex_cache.stored(key)
    if kept is not None:
        try:
            db = hyperscan.loadb(kept, mode)
            db.scratch = hyperscan.Scratch(db)
        except Exception:  # hyperscan.error: compiled afresh
            pass
        else:
            return db
    try:
        db = hyperscan.Database(mode=mode)
        db.compile(
            expressions=expressions, ids=list(range(len(expressions))),
            elements=len(expressions), flags=flags, **({} if ext is None else {'ext': ext}),
        )
    except Exception:  # hyperscan.error, or a CPU it does not support
        return None
    try:
        regex_cache.store(key, hyperscan.dumpb(db))
    except Exception:  # hyperscan.error: compiled again next run
        pass
    return db


def _stop(_i: int, _from: int, _to: int, _flags: int, _ctx: object) -> bool:
    return True  # the first match stops the scan
