"""The own-key matcher: exact copies of the developer's own key values,
raw and encoded (URL-quoted, base64 at any alignment, string escapes).
The values stay in memory; only ``redacted`` and ``hashed_secret`` ever
leave (``env/ownkeys.py`` loads them)."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable

    from together_hooks.detect.needles import Needles
    from together_hooks.findings import Finding

OWN_KEY_RULE = 'together-own-key'
_ESCAPES = rb'\\u00([0-7][0-9A-Fa-f])|\\x([0-7][0-9A-Fa-f])|\\\r?\n|\\(/)'


def _pct(data: bytes, upper: bool) -> bytes:
    """Every byte of ``data`` percent-encoded (``%4A``, or ``%4a``)."""
    if not data:
        return b''
    text = '%' + data.hex('%')
    return (text.upper() if upper else text).encode('ascii')


# What ``urllib.parse.quote`` never quotes.
_UNRESERVED = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~'


def _url_quoted(raw: bytes) -> bytes:
    """``quote(raw, safe='')``; a value of unreserved characters only
    (every format-valid key) is its own quoting, so the scrubbing of a
    hook's report does not import ``urllib.parse``."""
    if not raw.translate(None, _UNRESERVED):
        return raw
    from urllib.parse import quote

    return quote(raw, safe='').encode('ascii')


def encoded_forms(raw: bytes) -> list[tuple[bytes, str]]:
    """(form, encoding) of every encoded whole copy of ``raw`` looked for:
    URL-quoted, every byte percent-encoded (upper- and lower-case hex),
    base64, base32 and base85 at each alignment (``codec.b64_forms``,
    ``b32_forms``, ``b85_whole_forms``).  The own-key matcher and the
    output scrubber (``scrub._forms``) both use these."""
    from together_hooks.detect.codec import b32_forms
    from together_hooks.detect.codec import b64_forms
    from together_hooks.detect.codec import b85_whole_forms

    forms = [
        (_url_quoted(raw), 'url'),
        (_pct(raw, upper=True), 'url'),
        (_pct(raw, upper=False), 'url'),
    ]
    forms += [(needle, 'base64') for needle in sorted(b64_forms(raw))]
    forms += [(needle, 'base32') for needle in sorted(b32_forms(raw))]
    forms += [(needle, 'base85') for needle in sorted(b85_whole_forms(raw))]
    return forms


# From this many variants (~60 keys) on, which of them a file holds is asked
# of an index of their slices (``detect/needles.py``: one walk of the
# file) instead of one ``in`` each: 5,000 held keys made ~85,000 passes
# over every file (0.35 s of CPU for a 38 KB file, 3.3 s for 380 KB).
# Fewer keys keep the ``in`` checks, cheaper for them and importing
# nothing: the index probes every place of a run of key characters in
# Python, and on a dense file (4 MB of base64) 40 keys' ~600 ``in``
# checks took 0.40 s of CPU, the index 0.91 s (100 keys: 1.01 s, 0.70 s).
INDEX_MIN_VARIANTS = 1024
# Building the index of 5,000 keys' variants costs about what their ``in``
# checks spend on ~25 KB of files: it is built once the checks have
# passed over this many (bytes x variants), so a commit of one small file
# never pays for it and any run pays at most twice the cheaper way.
INDEX_AFTER = 1 << 31


def _indexed(
        numbered: dict[bytes, int],
) -> tuple[Needles, tuple[bytes, ...], dict[bytes, int]]:
    """An index of the needles of ``numbered`` long enough for one and of
    ``needles.CHARS`` only (every key's forms), the others, and each
    needle's number.  An odd held value (a JWT's ``.``) is one ``in``
    check: an index probes such a string at every place of every file,
    in Python."""
    from together_hooks.detect.needles import CHARS
    from together_hooks.detect.needles import LEAST
    from together_hooks.detect.needles import Needles
    from together_hooks.regex_cache import cached

    index = Needles(step=1)  # one slice a needle: thousands indexed for a file or two
    chars = cached((CHARS + '+').encode())
    short = []
    for needle in numbered:
        if len(needle) >= LEAST and chars.fullmatch(needle):
            index.add(needle)
        else:
            short.append(needle)
    return index, tuple(short), numbered


def _present(
        indexed: tuple[Needles, tuple[bytes, ...], dict[bytes, int]], data: bytes,
) -> set[int]:
    """The numbers of the needles of an ``_indexed`` set ``data`` holds:
    exactly those ``needle in data`` holds."""
    index, short, numbered = indexed
    present = {numbered[n] for n in index.found_in(data)} if index else set()  # type: ignore[index]
    present.update(numbered[n] for n in short if n in data)
    return present


class OwnKeys:
    """The developer's own key values and their encoded forms, in memory.

    ``find`` is built for the hot path: the variants are made once, and a
    file costs one ``in`` check per variant (one walk of an index of them
    when there are many: ``INDEX_MIN_VARIANTS``) unless one is present.
    """

    __slots__ = ('_keys', '_variants', '_hashes', '_sources', '_index', '_raw_index', '_asked')

    def __init__(self, values: Iterable[str], sources: dict[str, str] | None = None) -> None:
        self._keys = tuple(sorted({v for v in values if v}))
        # Where each key was read ('the variable NAME', 'the env file PATH'),
        # by key value: told to the user, who may hold a test key there.
        self._sources = sources or {}
        self._hashes: tuple[str, ...] = ()
        self._variants: tuple[tuple[bytes, int, str], ...] = ()
        # With many variants: (index of the long ones, the others), for the
        # variants and for the raw keys (``_escaped_hits``).
        self._index: tuple[Needles, tuple[bytes, ...], dict[bytes, int]] | None = None
        self._raw_index: tuple[Needles, tuple[bytes, ...], dict[bytes, int]] | None = None
        self._asked = 0  # bytes x variants the ``in`` checks have passed over
        if not self._keys:  # the common case: nothing to import or build
            return
        from together_hooks.findings import hash_secret

        self._hashes = tuple(hash_secret(k) for k in self._keys)
        variants: dict[bytes, tuple[int, str]] = {}
        for i, key in enumerate(self._keys):
            raw = key.encode('utf-8')
            for needle, encoding in [(raw, 'raw'), *encoded_forms(raw)]:
                variants.setdefault(needle, (i, encoding))
        self._variants = tuple((n, i, e) for n, (i, e) in variants.items())

    def _indexes(self, data: bytes) -> bool:
        """Whether ``data`` is asked of the indexes (built now if it is
        their time: ``INDEX_MIN_VARIANTS``, ``INDEX_AFTER``)."""
        if self._index is not None:
            return True
        variants = self._variants
        if len(variants) < INDEX_MIN_VARIANTS:
            return False
        self._asked += len(data) * len(variants)
        if self._asked < INDEX_AFTER:
            return False
        self._index = _indexed({v[0]: at for at, v in enumerate(variants)})
        self._raw_index = _indexed({k.encode('utf-8'): i for i, k in enumerate(self._keys)})
        return True

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f'OwnKeys({len(self._keys)} key(s))'

    @property
    def keys(self) -> tuple[str, ...]:
        """The values themselves: for matching and scrubbing, never shown."""
        return self._keys

    @property
    def hashes(self) -> tuple[str, ...]:
        """``hashed_secret`` of each key (what may be shown or stored)."""
        return self._hashes

    def holds(self, value: str) -> bool:
        """Whether ``value`` is one of the keys (``_keys`` is sorted)."""
        import bisect

        at = bisect.bisect_left(self._keys, value)
        return at < len(self._keys) and self._keys[at] == value

    def held(self) -> dict[str, str]:
        """Where each key was read, by its ``hashed_secret`` ('' unknown)."""
        return {h: self._sources.get(k, '') for h, k in zip(self._hashes, self._keys)}

    def _hits(self, data: bytes) -> list[tuple[int, int, str]]:
        hits = []
        variants = self._variants
        if self._indexes(data):
            every = variants
            variants = tuple(every[at] for at in sorted(_present(self._index, data)))  # type: ignore[arg-type]
        for needle, i, encoding in variants:
            if needle in data:
                at = data.find(needle)
                while at != -1:
                    hits.append((at, i, encoding))
                    at = data.find(needle, at + 1)
        if b'\\' in data and (b'\\u00' in data or b'\\x' in data or b'\\\n' in data
                              or b'\\\r\n' in data or b'\\/' in data):
            hits.extend(self._escaped_hits(data))
        return hits

    def _escaped_hits(self, data: bytes) -> list[tuple[int, int, str]]:
        """Copies split by string escapes (``\\u005f``, ``\\x2d``, a
        backslash-newline continuation): matched in an unescaped copy and
        reported where they start in the original."""
        pieces = []
        starts: list[tuple[int, int]] = []  # (offset in copy, offset in data)
        pos = 0
        length = 0
        from together_hooks.regex_cache import cached

        for m in cached(_ESCAPES).finditer(data):
            pieces.append(data[pos:m.start()])
            length += m.start() - pos
            starts.append((length, m.start()))
            hexa = m.group(1) or m.group(2)
            repl = bytes([int(hexa, 16)]) if hexa else (m.group(3) or b'')
            pieces.append(repl)
            length += len(repl)
            starts.append((length, m.end()))
            pos = m.end()
        if not starts:
            return []
        pieces.append(data[pos:])
        plain = b''.join(pieces)
        import bisect

        hits = []
        keys: Iterable[int] = range(len(self._keys))
        if self._raw_index is not None:  # many: the ones ``plain`` holds
            keys = sorted(_present(self._raw_index, plain))
        for i in keys:
            raw = self._keys[i].encode('utf-8')
            at = plain.find(raw)
            while at != -1:
                k = bisect.bisect_right(starts, (at, len(data) + 1)) - 1
                base = starts[k] if k >= 0 else (0, 0)
                orig = base[1] + (at - base[0])
                if not data.startswith(raw, orig):  # not a raw copy
                    hits.append((orig, i, 'escape'))
                at = plain.find(raw, at + 1)
        return hits

    def find(
            self, data: bytes, path: str, already: Iterable[Finding] = (),
    ) -> list[Finding]:
        """Findings for exact copies of an own key the regular rules did not
        already report at that spot (same line, same key)."""
        if not self._keys:
            return []
        hits = self._hits(data)
        if not hits:
            return []
        from together_hooks.findings import Finding

        seen = {(f.line, f.hashed_secret) for f in already}
        found = []
        done = set()
        # Hits are sorted: count newlines from the previous hit only, so a
        # file holding thousands of copies stays linear.
        line, line_start, last = 1, 0, 0
        for offset, i, encoding in sorted(hits):
            newlines = data.count(b'\n', last, offset)
            if newlines:
                line += newlines
                line_start = data.rfind(b'\n', last, offset) + 1
            last = offset
            if (line, self._hashes[i]) in seen or (offset, i) in done:
                continue
            done.add((offset, i))
            column = offset - line_start + 1
            found.append(Finding(path, line, column, OWN_KEY_RULE, self._keys[i], encoding))
        return found
