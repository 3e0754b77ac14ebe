"""Other readings of the same bytes: unescaped, decoded, joined.

A key is often not written as itself: behind one level of string escapes
(a notebook's JSON, JSON inside HCL), after an ANSI colour code, in a
quoted-printable e-mail, URL-encoded twice, split into concatenated string
literals, or inside a base64-encoded file.  Each reading here is a
``View``: the derived bytes plus a map from its offsets back to the
original's, so a key found in a view is reported where the original holds
it.  The rules then run on the view unchanged: one grammar, every encoding.

Each reading is gated by a cheap check (``b'\\\\' in data``, the base64
forms of the rules' keywords) so a file that needs none costs a few
``in`` scans.
"""
from __future__ import annotations

from together_hooks import regex_cache
from together_hooks.detect.prefilter import RECORD_FIRST
from together_hooks.detect.prefilter import firmware_record
from together_hooks.rules import B64_REACH
from together_hooks.rules import KEY_CHARS
from together_hooks.rules import KEY_LENGTH
from together_hooks.rules import KEY_PREFIX
from together_hooks.rules import LOG_TIMESTAMP

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Callable
    from typing import Iterator
    from typing import Iterable
    from typing import MutableSequence
    from typing import Sequence

_B64_CHARS = b'A-Za-z0-9+/_-'
_TO_STD = bytes.maketrans(b'-_', b'+/')
_TO_URLSAFE = bytes.maketrans(b'+/', b'-_')


class View:
    """``data`` derived from a parent's bytes; ``origin`` maps back.

    Segments: ``starts[i]`` is where segment ``i`` begins in ``data``,
    ``sources[i]`` where it comes from in the parent, ``copied[i]`` whether
    it is a verbatim copy (offsets inside map one to one) or a rewrite
    (every offset inside maps to the rewritten text's start).
    """

    __slots__ = ('data', 'encoding', 'parent', '_starts', '_sources', '_copied')

    def __init__(
            self, data: bytes, encoding: str, parent: View | None,
            starts: Sequence[int], sources: Sequence[int], copied: Sequence[int],
    ) -> None:
        self.data = data
        self.encoding = encoding
        self.parent = parent
        self._starts = starts
        self._sources = sources
        self._copied = copied

    def origin(self, offset: int) -> int:
        """Offset in the original bytes of ``self.data[offset]``."""
        from bisect import bisect_right  # not loaded by a commit that needs no view

        i = max(0, bisect_right(self._starts, offset) - 1)
        at = self._sources[i] + (offset - self._starts[i] if self._copied[i] else 0)
        return self.parent.origin(at) if self.parent is not None else at

    def rewritten(self) -> list[tuple[int, int]]:
        """The stretches of ``data`` a rewrite wrote (not copied), in order."""
        starts, copied = self._starts, self._copied
        return [(starts[i], starts[i + 1]) for i in range(len(copied) - 1) if not copied[i]]


def rewrite(
        data: bytes, regex: re.Pattern[bytes], repl: Callable[[re.Match[bytes]], bytes],
        encoding: str, parent: View | None = None,
) -> View | None:
    """``regex.sub(repl, data)`` that remembers where each piece came
    from; None when nothing matched (the view would be the original).

    A dense file (every character percent-encoded) is a match every few
    bytes: the map is kept in machine words (``array``) and the text built
    in one buffer, not as a list of int objects and pieces (~90 bytes a
    match, ~30 times the window's bytes, held by every reading at once)."""
    out = bytearray()
    starts, sources = _offsets(len(data))
    copied = bytearray()
    last = 0
    whole = memoryview(data)
    for m in regex.finditer(data):
        start = m.start()
        if start > last:
            starts.append(len(out))
            sources.append(last)
            copied.append(1)
            out += whole[last:start]
        starts.append(len(out))
        sources.append(start)
        copied.append(0)
        out += repl(m)
        last = m.end()
    if not starts:
        return None
    starts.append(len(out))
    sources.append(last)
    copied.append(1)
    out += whole[last:]
    whole.release()
    return View(bytes(out), encoding, parent, starts, sources, copied)


# Below this many bytes a view's map stays in lists (at most ~1 MB of
# them): ``array`` imports ``collections``, a cost a commit's hook pays
# at start-up for a few escapes (``tests/hooks/hook_imports_test.py``).
_WORDS_FROM = 1 << 15


def _offsets(size: int) -> tuple[MutableSequence[int], MutableSequence[int]]:
    """Two empty sequences of offsets into ``size`` bytes: machine words
    (``array``) for a large input, lists for a small one."""
    if size < _WORDS_FROM:
        return [], []
    from array import array

    word = 'i' if size < 1 << 31 else 'q'  # offsets fit a C int below 2 GiB
    return array(word), array(word)


# One level of string escapes, and ANSI colour codes (raw or escaped, as
# IPython stores them in a notebook's error output); a backslash before a
# line end (TOML's line-ending backslash in a \"\"\" string, YAML's escaped
# line break in a double-quoted one, shell and C continuations) is
# removed with the empty lines after it and the next line's indentation
# (TOML trims them all; YAML 1.2, 7.3.1 ``s-double-escaped``, drops the
# escaped break and folds each empty line to a newline, which a key's two
# pieces would straddle: ``wrapped_view`` joins such pieces where no
# backslash is left); a Haskell string gap's closing backslash after it
# (``\`` line break indentation ``\``) goes too, before a key character.
# Perl's ``\x{5f}`` as Rust's ``\u{5f}``; CSS's ``\5f `` (two hex digits
# and the one space that ends the escape); Python's ``\N{LOW LINE}`` and
# ``\N{HYPHEN-MINUS}`` (the key characters no letter or digit).  Every alternative
# starts with a literal byte (ESC or a backslash), so ``re`` skips to those
# bytes instead of trying each position (``tests/detect/codec_regex_test.py``
# holds it to the plain way of writing it).
_UNESCAPE = regex_cache.compile(
    rb'\x1b(?P<ansi>\[[0-9;]{0,32}[A-Za-z])'
    rb'|\\(?:(?P<eansi>(?:u001[bB]|x1[bB]|033|e)\[[0-9;]{0,32}[A-Za-z])'
    rb'|u00(?P<u>[0-7][0-9A-Fa-f])|U0{6}(?P<U>[0-7][0-9A-Fa-f])|x(?P<x>[0-7][0-9A-Fa-f])'
    rb'|[ux]\{0{0,4}(?P<ub>[0-7]?[0-9A-Fa-f])\}|(?P<o>[0-1][0-7]{2})'
    rb'|(?P<cont>\r?\n(?:[ \t]*\r?\n)*[ \t]*)(?P<gap>\\(?=[' + KEY_CHARS + rb']))?'
    rb'|(?P<css>[2-7][0-9A-Fa-f])[ ]|N\{(?P<name>(?i:LOW LINE|HYPHEN-MINUS))\}'
    rb'|(?P<c>[\\"\'/`nrtabefv0_-]))',
)
_CONTROL = {
    b'n': b'\n', b'r': b'\r', b't': b'\t', b'a': b'\a', b'b': b'\b', b'e': b'\x1b',
    b'f': b'\f', b'v': b'\v', b'0': b'\0',
}


def _unescape_one(m: re.Match[bytes]) -> bytes:
    if m.group('ansi') or m.group('eansi') or m.group('cont'):
        return b''
    name = m.group('name')
    if name:
        return b'_' if name[0] in b'Ll' else b'-'
    hexed = m.group('u') or m.group('U') or m.group('x') or m.group('ub') or m.group('css')
    if hexed:
        return bytes((int(hexed, 16),))
    octal = m.group('o')
    if octal:
        return bytes((int(octal, 8),))
    c = m.group('c')
    return _CONTROL.get(c, c)


# HTML/XML character references for quotes and the characters around a
# key (``data-config="{&quot;TOGETHER_API_KEY&quot;: ...}"``), and for
# any ASCII character (``&#95;``, ``&#x5F;``: a template that escapes
# every character, or the underscores).
_ENTITY = regex_cache.compile(
    rb'&(?:quot|apos|amp|lt|gt|lowbar|UnderBar|hyphen|dash|equals|colon|sol|period'
    rb'|#0{0,4}(?P<d>[0-9]{2,3})|#[xX]0{0,4}(?P<x>[0-9A-Fa-f]{2}));',
)
_NAMED = {
    b'quot': b'"', b'apos': b"'", b'amp': b'&', b'lt': b'<', b'gt': b'>', b'lowbar': b'_',
    b'UnderBar': b'_', b'hyphen': b'-', b'dash': b'-', b'equals': b'=', b'colon': b':',
    b'sol': b'/', b'period': b'.',
}


def _entity(m: re.Match[bytes]) -> bytes:
    if m.group('d'):
        return bytes((int(m.group('d')) & 0x7f,))
    if m.group('x'):
        return bytes((int(m.group('x'), 16) & 0x7f,))
    return _NAMED[m.group()[1:-1]]


# Quoted-printable: soft line breaks and =XX escapes (upper-case hex only,
# as RFC 2045 writes them).
_QP = regex_cache.compile(rb'=\r?\n|=(?P<h>[0-9A-F]{2})')
# An encoded "=": ``re`` finds it faster than ``in`` where "=" is common.
_QP_MARK = regex_cache.compile(rb'=3D')
_QP_SOFT = regex_cache.compile(rb'=\r?\n')
# A soft line break between two key characters, in bytes that do not say
# they are quoted-printable (no ``=3D``, no header: a JSON line whose key
# the encoder cut at column 76).  Undone alone where the text is read
# around a keyword (``escapes_view``); ``=XX`` is left, as such a file
# may mean it literally.  Written from its literal ``=`` (the key
# character before it looked back at from there), so ``re`` skips to each
# ``=`` instead of trying the look-behind at every byte of the stretch
# (``tests/detect/codec_regex_test.py`` holds it to the plain spelling).
_QP_KEY_CUT = regex_cache.compile(rb'=(?<=[' + KEY_CHARS + rb']=)\r?\n(?=[' + KEY_CHARS + rb'])')
# MIME encoded-words (RFC 2047, a mail header's ``=?UTF-8?Q?…?=`` and
# ``=?UTF-8?B?…?=``): in Q ``_`` is a space and ``=XX`` a byte, so a
# key's underscores are ``=5F`` and the words around it are glued to it
# by ``_`` until decoded; B is base64, each word on its own.  The blanks
# and folded line breaks between adjacent encoded-words are no text
# (``email.header`` cuts a long subject, a key too, into such words):
# a run of them is decoded and joined (``words_view``).  The escapes
# reading undoes the Q form among its other escapes (``_Q_WORD``).
_WORD_ONE = rb'=\?[A-Za-z0-9_.:*-]{1,40}\?(?:[Qq]\?[^?\s]{1,998}|[Bb]\?[A-Za-z0-9+/]{1,998}={0,2})\?='
# What parts two adjacent words: blanks, maybe a folded line break.
_WORD_GAP = rb'[ \t]{0,8}(?:\r?\n)?[ \t]{1,8}'
_WORDS = regex_cache.compile(_WORD_ONE + rb'(?:' + _WORD_GAP + _WORD_ONE + rb')*')
_Q_ONE = rb'=\?[A-Za-z0-9_.:-]{1,40}\?[Qq]\?[^?\s]{1,998}\?='
_Q_WORD = regex_cache.compile(_Q_ONE + rb'(?:' + _WORD_GAP + _Q_ONE + rb')*')
_WORD_BODY = regex_cache.compile(rb'\?([QqBb])\?([^?\s]*)\?=')
_Q_WORD_MARKS = (b'?Q?', b'?q?')


class _Outside:
    """``regex``'s matches that start outside ``spans`` (sorted, apart):
    the quoted-printable step leaves what the Q-word step decoded, whose
    ``=XX`` is text (``together_api_key=3D86…`` decodes to ``=86…``,
    no byte 0x86)."""

    def __init__(self, regex: re.Pattern[bytes], spans: list[tuple[int, int]]) -> None:
        self.regex, self.spans = regex, spans

    def finditer(self, data: bytes) -> Iterator[re.Match[bytes]]:
        spans, i = self.spans, 0
        for m in self.regex.finditer(data):
            while i < len(spans) and spans[i][1] <= m.start():
                i += 1
            if i == len(spans) or m.start() < spans[i][0]:
                yield m


def _q_word(m: re.Match[bytes]) -> bytes:
    """A run of adjacent encoded-words (Q or B), decoded and joined; a B
    word that does not decode is kept as it is written."""
    out = []
    for word in _WORD_BODY.finditer(m.group()):
        text = word.group(2)
        if word.group(1) in b'Qq':
            out.append(_QP.sub(_hex_byte, text.replace(b'_', b' ')))
        else:
            out.append(b64_decode(text) or word.group())
    return b''.join(out)


def words_view(data: bytes, spans: Iterable[tuple[int, int]]) -> View | None:
    """The lines of ``data`` holding a run of MIME encoded-words (B or Q)
    that starts in one of ``spans`` (sorted, apart: the stretches around
    the screen's finds), each run decoded and joined (``_q_word``), the
    rest of those lines as they are and every other line left out; None
    when there is no run.  A key the header's words cut is whole here,
    beside the words of the same header (its name); its offsets map to
    the run's start."""
    runs: list[re.Match[bytes]] = []
    for lo, hi in spans:
        at = max(data.rfind(b'\n', 0, lo) + 1, runs[-1].end() if runs else 0)
        while True:  # each run starting in the span, matched whole
            at = data.find(b'=?', at, hi)
            if at == -1:
                break
            m = _WORDS.match(data, at)
            if m is None:
                at += 2
                continue
            runs.append(m)
            at = m.end()
    if not runs:
        return None
    starts: list[int] = []
    sources: list[int] = []
    copied = bytearray()
    out = bytearray()

    def piece(source: int, text: bytes, verbatim: int) -> None:
        starts.append(len(out))
        sources.append(source)
        copied.append(verbatim)
        out.extend(text)
    i = 0
    while i < len(runs):
        at = data.rfind(b'\n', 0, runs[i].start()) + 1
        while True:  # the runs of one line (a folded header: of its last line)
            m = runs[i]
            piece(at, data[at:m.start()], 1)
            piece(m.start(), _q_word(m), 0)
            at, i = m.end(), i + 1
            end = data.find(b'\n', at) + 1 or len(data)
            if i == len(runs) or runs[i].start() >= end:
                break
        piece(at, data[at:end], 1)
    return View(bytes(out), 'mime-word', None, starts, sources, copied)


# Percent-encoding; run twice for %25XX (double encoding).
_PERCENT = regex_cache.compile(rb'%(?P<h>[0-9A-Fa-f]{2})')


def _hex_byte(m: re.Match[bytes]) -> bytes:
    h = m.group('h')
    return bytes((int(h, 16),)) if h else b''


# String concatenation: a literal's closing quote, an optional operator
# (+ in Python/JS/Java/C#/Go, . in PHP/Perl, .. in Lua, & in VB, || in
# SQL, <> in Elixir and Haskell, ++ in Haskell, ``,`` between the pieces of Rust's ``concat!``, SQL's ``CONCAT``
# or a JS ``[...].join('')``; a method appending the next piece, Java's
# ``).append(`` and JS's ``.concat(``), at most one line break (a
# backslash continuation included, VB's `` _`` and PowerShell's backtick; a chain's ``.append(`` on the next
# line) or an appending statement on the next line (``_APPEND``), and
# the next literal's opening quote
# of the same kind, maybe after its string prefix (Python's ``b"``/``r"``, Scala's ``s"``,
# C#'s ``@"``/``$"``/``@$"``, C's ``L"``/``u8"``); not a literal that is a
# field's name (JSON's ``{"name":"together","key":...}`` holds two
# fields, not one word).  Also the pieces a shell or a template joins
# inside one word: a quote opened right after a word's characters and
# closed after more of them (``KEY=tgp_v1_"<rest>"``), and a literal
# interpolated right after them (JS's `` `tgp_v1_${"<rest>"}` ``,
# Python's ``f"tgp_v1_{'<rest>'}"``): the opening quote or ``${"`` goes,
# the closing one is the key's boundary.
_OP = rb'(?:(?:\)?[ \t]*(?:\r?\n[ \t]*)?\.(?:append|concat)\(|\+\+?|\.\.?|&|\|\||<>|,)[ \t]*)?'
_STRING_PREFIX = rb'(?:[bBrRuUfFs]{1,2}|@\$?|\$@?|L|u8)?'
# A statement on the next line appending to a variable (``k += "…"``,
# bash's ``K+="…"``, PHP's and Perl's ``$k .= '…'``, VB's ``k &= "…"``,
# Ruby's ``k << "…"``, Rust's ``k.push_str("…")``, a builder's
# ``sb.append("…")``), after the statement before it ends (its ``)`` and
# ``;`` too: ``String::from("…");``).
_APPEND = (
    rb'\)?;?[ \t]*\r?\n[ \t]*(?:[$@]?[A-Za-z_][\w.]{0,63}[ \t]*(?:[+.&]=|<<)'
    rb'|[A-Za-z_][\w.]{0,63}\.(?:push_str|append|Append|concat|write)\()[ \t]*'
)
# (The opening quote is written as alternatives that each start with a
# literal byte, so ``re`` skips to quotes and backslashes.)
_JOIN = regex_cache.compile(
    rb'(\\["\'`]|"|\'|`)[ \t]*(?:' + _OP + rb'(?:[\\`_]?\r?\n[ \t]*' + _OP + rb')?|' + _APPEND + rb')'
    + _STRING_PREFIX + rb'\1'
    rb'(?![\w.-]{1,64}\1[ \t]*:(?!:))',
)
# Inside one word: a shell's quote, or a template's ``${"`` (Python's
# ``{'``), right after a word's characters and closed after more of them.
# Its own regex, every alternative starting on its literal quote, ``$``
# or ``{`` and looking back from there: in ``_JOIN``'s alternation (or
# with a lookbehind first) ``re`` would try every position (4x its CPU).
_WORD_JOIN = regex_cache.compile(
    rb'"(?<=[\w-]")(?=[\w-]{1,64}"(?![\w-]))|\'(?<=[\w-]\')(?=[\w-]{1,64}\'(?![\w-]))'
    rb'|\$\{"(?<=[\w-]\$\{")(?=[\w-]{1,64}"\})|\$\{\'(?<=[\w-]\$\{\')(?=[\w-]{1,64}\'\})'
    rb'|\{"(?<=[\w-]\{")(?=[\w-]{1,64}"\})|\{\'(?<=[\w-]\{\')(?=[\w-]{1,64}\'\})',
)


# UTF-7 (RFC 2152), as iconv writes it (git's ``working-tree-encoding``):
# every character but letters, digits and ``'(),-./:?`` and spaces goes
# into a ``+``...``-`` run of base64 holding UTF-16 (``_`` is ``+AF8-``,
# ``=`` is ``+AD0-``, ``+`` itself ``+-``).  Decoded only where an encoded
# underscore is (a key's prefix has two), so ``a+b`` elsewhere stays.
_UTF7 = regex_cache.compile(rb'\+(?P<b>[A-Za-z0-9+/]*)-?')
_UTF7_MARK = b'+AF8'


def _utf7(m: re.Match[bytes]) -> bytes:
    chars = m.group('b')
    raw = b64_decode(chars) if chars else None
    if not raw:
        return b'+'
    return raw[:len(raw) // 2 * 2].decode('utf-16-be', 'replace').encode('utf-8')


# A terminal's backspaces, as ``script`` records a typo rubbed out
# (``Q\b \b``) or ``man`` and ``less`` overstrike a bold letter
# (``t\bt``): each character before a backspace is gone from the screen.
# Several rubbed out at once nest (``QW\b \b\b \b``: readline's echo of
# two backspaces, ``QW\b\b\x1b[K``), each backspace taking the character
# its cursor is on, to a depth of 12.  A cursor moved left (``\x1b[D``)
# and ``^H`` as ``cat -v`` and ``less`` show a backspace are backspaces
# too.  Matched in the reversed text, where each level starts on its
# backspace: ``re`` skips to those and stays linear (forward, each level
# starts on any character: 100x the CPU of a plain file).
_BACKSPACE_REVERSED = rb'(?:\x08|D\[\x1b|H\^)'
_RUBBED_REVERSED = _BACKSPACE_REVERSED + rb'[^\x08\r\n]'
for _ in range(11):
    _RUBBED_REVERSED = _BACKSPACE_REVERSED + rb'(?:' + _RUBBED_REVERSED + rb')*[^\x08\r\n]'
_OVERSTRIKE = regex_cache.compile(rb'(?:' + _RUBBED_REVERSED + rb')+')


# A character no one sees between two key characters: a zero-width space
# (U+200B) or non-joiner or joiner, a word joiner (U+2060), a BOM's
# zero-width no-break space (U+FEFF) or a soft hyphen (U+00AD), raw in
# UTF-8 or as a ``\\u`` escape (a Slack export's JSON).  A chat app or a
# web page puts them inside a long word where it may break, and a copy
# keeps them: the reader sees one word, the key whole.  Each alternative
# starts on its literal lead byte and looks back from there, so ``re``
# skips to those bytes.
_INVISIBLE = regex_cache.compile(
    rb'\xe2(?<=[' + KEY_CHARS + rb']\xe2)(?:\x80[\x8b-\x8d]|\x81\xa0)(?=[' + KEY_CHARS + rb'])'
    rb'|\xef(?<=[' + KEY_CHARS + rb']\xef)\xbb\xbf(?=[' + KEY_CHARS + rb'])'
    rb'|\xc2(?<=[' + KEY_CHARS + rb']\xc2)\xad(?=[' + KEY_CHARS + rb'])'
    rb'|\\(?<=[' + KEY_CHARS + rb']\\)u(?:200[bBcCdD]|2060|[fF][eE][fF][fF]|00[aA][dD])(?=[' + KEY_CHARS + rb'])',
)
# (A rare mark of several bytes is searched for in each escapes reading
# only where its first byte is, one ``memchr`` pass: the backspace's
# ``\x1b[D`` and ``^H``, a MIME Q word's ``?Q?``, the ``\\u`` of an
# escaped invisible character; a search that finds nothing reads every
# byte, several times slower.  docs/performance.md, "Issue 17, session
# 30: history".)
_INVISIBLE_LEADS = (b'\xe2\x80\x8b', b'\xe2\x80\x8c', b'\xe2\x80\x8d', b'\xe2\x81\xa0', b'\xef\xbb\xbf', b'\xc2\xad')


def _invisible_held(data: bytes) -> bool:
    """Could ``data`` hold a character ``_INVISIBLE`` drops?  Each lead's
    UTF-8 holds a byte past ASCII, so ASCII bytes (most code: one pass far
    cheaper than the six searches) hold none; ``\\u`` only where a
    backslash is (the rare marks' gates, above)."""
    return not data.isascii() and any(lead in data for lead in _INVISIBLE_LEADS) or (
        b'\\' in data and b'\\u' in data and _INVISIBLE.search(data) is not None)


class _Span:
    """A match's place, as ``rewrite`` reads it."""
    __slots__ = ('_start', '_end')

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


class _Overstrikes:
    """Each run of characters rubbed out, in order (``_OVERSTRIKE`` in
    the reversed text)."""

    @staticmethod
    def finditer(data: bytes) -> Iterator[_Span]:
        size = len(data)
        spans = [(size - m.end(), size - m.start()) for m in _OVERSTRIKE.finditer(data[::-1])]
        for start, end in reversed(spans):
            yield _Span(start, end)


def escapes_view(data: bytes, qp: bool | QpMark | None = None) -> View | None:
    """Escapes undone, one level: UTF-7, a terminal's backspaces, invisible characters inside a key, string escapes, ANSI colour codes,
    a MIME Q encoded-word, quoted-printable, HTML character references, percent-encoding (twice: ``%253D``); None when there
    is nothing to undo.  ``qp``: whether the file ``data`` is a stretch of
    is quoted-printable (None: ``data`` says it; asked only where the
    text to undo holds an "=").  A UTF-7 file is decoded
    first: its characters are what the escapes are written in.  String
    escapes and ANSI codes are undone once more at the end where the steps
    left or made some: JSON inside JSON (``\\\\u001b[0m``), an ESC that
    percent-encoding or a character reference wrote (``%1B[0m``)."""
    view: View | None = None
    current = data
    steps: list[tuple[bool, re.Pattern[bytes], Callable[[re.Match[bytes]], bytes]]] = [
        (_UTF7_MARK in data, _UTF7, _utf7),
        (  # type: ignore[list-item]
            b'\x08' in data or b'\x1b' in data and b'\x1b[D' in data or b'^' in data and b'^H' in data,
            _Overstrikes, lambda m: b'',
        ),
        (_invisible_held(data), _INVISIBLE, _nothing),
        (b'\\' in data or b'\x1b' in data, _UNESCAPE, _unescape_one),
        (b'?' in data and any(m in data for m in _Q_WORD_MARKS), _Q_WORD, _q_word),
        (True, _QP, _hex_byte),
        (b'&' in data, _ENTITY, _entity),
        (b'%' in data, _PERCENT, _hex_byte),
    ]
    words: list[tuple[int, int]] = []  # the Q words' decoded text, in ``current``
    for wanted, regex, repl in steps:
        if regex is _QP:  # the file-wide search last, where there is an escape to undo
            wanted = _QP.search(current) is not None
            if wanted and not (_qp_marked(data) if qp is None else qp):
                # Not said to be quoted-printable: its key cuts alone.
                wanted = False
                step = rewrite(current, _QP_KEY_CUT, _nothing, 'quoted-printable', view)
                if step is not None:
                    view, current = step, step.data
            elif words:
                regex = _Outside(_QP, words)  # type: ignore[assignment]
        if not wanted:
            continue
        for _ in range(2 if regex is _PERCENT else 1):
            step = rewrite(current, regex, repl, 'escaped', view)
            if step is None:
                break
            view, current = step, step.data
            if regex is _Q_WORD:
                words = step.rewritten()
    if view is not None and (b'\\' in current or b'\x1b' in current):
        step = rewrite(current, _UNESCAPE, _unescape_one, 'escaped', view)
        if step is not None:
            view = step
    return view


def string_escapes_view(data: bytes) -> View | None:
    """A string literal's escapes undone, one level only (``\\n``,
    ``\\"``, ``\\u0022``, ``\\/``): a document written as a string, which
    may hold strings written escaped in turn (JSON in JSON in JSON), read
    as it was before it was written into the string; None when there is
    nothing to undo."""
    return rewrite(data, _UNESCAPE, _unescape_one, 'escaped')


def _nothing(m: re.Match[bytes]) -> bytes:
    return b''


# A pickle of protocol 0 (text: ``pickle.dumps(obj, 0)``, what Python 2
# wrote by default): a str is the ``V`` opcode glued to its text (after the
# one-byte opcodes before it on its line: ``s`` sets an item, ``a``
# appends, ``(`` marks), every object is followed by a memo line
# ``p<n>``.  Read without both, each string stands on a line of its own
# and a value on the line after its name.  Its ``\u`` escapes
# (raw-unicode-escape) are the string escapes ``escapes_view`` undoes.
_PICKLE0 = regex_cache.compile(rb'(?m)^[(0abeRstu]*V|^p[0-9]+\n')


def is_pickle0(data: bytes) -> bool:
    """Does ``data`` look like a protocol-0 pickle: its first memo early
    on, and its STOP opcode at the end?"""
    return data.endswith(b'.') and b'p0\n' in data[:256]


def readings(
        data: bytes, spans: list[tuple[int, int]], qp: QpMark | None = None,
        wanted: Callable[[bytes], bool] | None = None, soft: bool | None = None,
) -> list[tuple[int, View]]:
    """(start, view) of the other readings of ``data`` worth scanning: the
    stretches in ``spans`` (around the rules' keywords) unescaped and
    joined; a quoted-printable e-mail decoded whole, as a soft line break
    may fall inside a key's prefix; a protocol-0 pickle without its opcodes.
    ``qp``: ``data``'s ``QpMark``, when the caller has one; ``wanted``: the
    test a view's bytes must pass to be worth scanning (a view failing it
    is left out, and the joined one not built: ``joined_view``); ``soft``:
    whether ``data`` holds a soft line break (``_QP_SOFT``), when the
    caller knows (``engine``'s one pass of a file's marks), else searched."""
    out = []
    if is_pickle0(data):
        view = rewrite(data, _PICKLE0, lambda m: b'', 'pickle')
        if view is not None:
            out.append((0, view))
    if qp is None:
        qp = QpMark(data)
    # A soft line break first: one search (two ``in`` cost twice as much),
    # and most files (mypy's history: 80% of those with a keyword) hold
    # none, so the file-wide marker is searched for few.
    if (_QP_SOFT.search(data) is not None if soft is None else soft) and qp:
        view = rewrite(data, _QP, _hex_byte, 'quoted-printable')
        if view is not None:
            out.append((0, view))
    for lo, hi in spans:
        piece = data[lo:hi]
        for view in (escapes_view(piece, qp), joined_view(piece, wanted), wrapped_view(piece),
                     trace_rows_view(piece)):
            if view is not None:
                out.append((lo, view))
    return out


# ``curl --trace-ascii``'s dump: each row 64 bytes of what was sent or
# received, led by its offset (``0040: ``); a line ending (CR LF, not
# shown) ends a row early.  A row of 64 bytes whose next row starts 64
# bytes on was cut at the width, inside a line: a header's value, a
# legacy key's hex, which ``wrapped_view`` (keys from their prefix) does
# not join.  The offsets decide, so a dump's own 64-byte line followed by
# its line end (an empty row, two bytes on) stays apart.  Asked only
# where a block's first row (``0000: ``) is in the stretch.
_TRACE_MARK = b'\n0000: '
_TRACE_ROW = regex_cache.compile(rb'(?m)^([0-9a-f]{4,8}): (?=[^\r\n]{64}\r?\n[0-9a-f]{4,8}: )')
_TRACE_NEXT = regex_cache.compile(rb'\r?\n([0-9a-f]{4,8}): ')


def trace_rows_view(data: bytes) -> View | None:
    """A ``curl --trace-ascii`` dump's rows cut at its width joined back
    (the next row's line end and offset taken out); None when there are
    none."""
    if _TRACE_MARK not in data:
        return None
    cuts = []
    for m in _TRACE_ROW.finditer(data):
        end = m.end() + 64
        gap = _TRACE_NEXT.match(data, end)
        if gap is not None and int(gap.group(1), 16) == int(m.group(1), 16) + 64:
            cuts.append((end, gap.end()))
    return _cut(data, cuts, 'wrapped') if cuts else None


def escaped_keyword_spans(
        data: bytes, marks: Iterable[int], keywords: tuple[bytes, ...], reach: int,
        qp: QpMark | None = None,
) -> tuple[set[bytes], list[tuple[int, int]]]:
    """(keywords found, stretches within ``reach`` of them) where a keyword
    is written with some of its characters escaped (``tgp%5Fv1%5F``, every
    character ``\\u00NN``): the bytes around each escape mark (``marks``,
    offsets of ``Rule.escape_marks``), as far as a keyword's characters
    each escaped the longest way reach, unescaped.  ``qp``: ``data``'s
    ``QpMark``, when the caller has one."""
    margin = 10 * max(map(len, keywords))  # Python's \U0000005f
    windows = _merged_spans(
        [(max(0, at - margin), min(len(data), at + margin)) for at in marks],
    )
    if qp is None:
        qp = QpMark(data)
    found: set[bytes] = set()
    spans = []
    for lo, hi in windows:
        view = escapes_view(data[lo:hi], qp)
        if view is None:
            continue
        hits = [k for k in keywords if k in view.data]
        if hits:
            found.update(hits)
            spans.append((max(0, lo - reach), min(len(data), hi + reach)))
    return found, spans


def _merged_spans(raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for lo, hi in sorted(raw):
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


def escape_marks(keyword: bytes) -> set[bytes]:
    """What ``keyword`` written with some of its characters escaped still
    holds: its first three characters when the escapes come after them
    (``tgp%5Fv1%5F``, ``tgp&#95;v1&#95;``, ``tgp=5Fv1=5F``), the rest when
    only the first is escaped (``\\u0074gp_v1_``), its first two and the
    lead byte of a string escape or an ANSI code (``tg\\e[1mp_v1_``: a
    highlighter's colour code after its second character).  Both are searched in the
    one pass every file gets (the keyword screen, beside the keyword,
    from the same anchor byte).  A keyword whose every character is
    escaped holds neither: its second and third characters so written
    are its marks then (``every_escaped_marks``).  A keyword a terminal
    overstruck bold (``nroff``'s ``t\\bt``, as a man page written out
    holds it) has its first two characters, then its second and third
    so written, as a mark (``tg\\bgp\\bp``): it starts as the marks
    above do, so the screen searches it from the same place, no pass
    more (underline, ``_\\bt``, would be a search of its own)."""
    a, b, c = keyword[:1], keyword[1:2], keyword[2:3]
    return {
        keyword[:3], keyword[1:], keyword[:2] + b'\\', keyword[:2] + b'\x1b',
        *every_escaped_marks(keyword[1], keyword[2]),
        a + b + b'\x08' + b + c + b'\x08' + c,
    }


def word_cut_marks(keyword: bytes, anchors: bytes = b'') -> set[bytes]:
    """What MIME encoded-words (a mail header's ``=?utf-8?q?…?=`` and
    ``=?utf-8?b?…?=``: ``git format-patch``'s subject, an ``email.header``
    fold) hold when they cut ``keyword`` where no other mark is whole
    (``words_view`` joins the words only around a mark the screen found):
    for a cut after each of its first characters, the next word's text
    from its start (Q: ``gp=5Fv1=5F``, its other bytes ``=XX``; B: as many
    base64 characters as the rest's whole bytes fill, after the ``?``
    opening the word: ``?cF92MV``), else, where that holds no byte of
    ``anchors`` (the keyword screen's anchor bytes: a mark holding none
    would be a pass more over every file), the first word's end at each
    of base64's three alignments (``dGdw?=``, ``Z3A=?=``, ``RncA==?=``;
    Q: ``tg?=``), those holding one.  Q needs cuts inside the first three
    characters only (past them the first word holds ``tgp``), B up to the
    one whose first word's base64 is a keyword (``dGdwX3Yx``)."""
    import base64  # the rules hold the marks written out: only a test asks

    def holds(mark: bytes) -> bool:
        return not anchors or any(a in mark for a in anchors)

    def q(text: bytes) -> bytes:
        return b''.join(bytes((c,)) if bytes((c,)).isalnum() else b'=%02X' % c for c in text)

    marks = set()
    for cut in range(1, len(keyword) - 1):
        head, rest = keyword[:cut], keyword[cut:]
        words = [(q(rest), [q(head) + b'?='])] if cut < 3 else []
        # The first word's base64 from its first character made of the
        # cut's bytes alone, ``pad`` bytes of other text before them.
        ends = [
            base64.b64encode(bytes(pad) + head)[(8 * pad + 5) // 6:] + b'?='
            for pad in range(3)
        ]
        words.append((b'?' + base64.b64encode(rest)[:len(rest) * 8 // 6], ends))
        for following, ending in words:
            if holds(following):
                marks.add(following)
            else:
                marks.update(e for e in ending if holds(e))
    return marks


def every_escaped_marks(a: int, b: int) -> set[bytes]:
    """Two characters ``a`` then ``b`` in each notation that may escape
    every character of a string (an obfuscator, a template escaping all
    it writes, ``native2ascii``, ``urllib.parse.quote`` with nothing
    safe, ``od``-style octal), as much of them as every spelling of the
    notation holds, and all that ``escapes_view`` undoes: decimal and hex
    HTML references (``&#103;&#112;``, ``&#x67;&#x70;``, ``&#x0067;&#x0070;``,
    ``&#X67;&#X70;``), percent-encoding (``%67%70``, twice ``%2567%2570``),
    ``\\x``, ``\\u`` and Python's ``\\U`` escapes and C's octal ones
    (``\\147\\160``)."""
    return {
        f'&#{a};&#{b};'.encode(),
        # ``b`` padded or not: each spelling holds ``0`` (``&#x70;``,
        # ``&#x0070;``), so these join the group of ``0`` the others
        # make instead of a pass of their own (``prefilter._anchors``).
        *(f'{a:02x};&#{x}{b:02x}'.encode() for x in 'xX'),
        *(f'{a:02x};&#{x}0'.encode() for x in 'xX'),
        f'%{a:02X}%{b:02X}'.encode(), f'%{a:02x}%{b:02x}'.encode(),
        # And percent-encoded twice, every ``%`` written ``%25`` (a URL
        # quoted whole, then quoted again as a parameter: ``%2567%2570``),
        # from its first hex digits: with the marks above that start so
        # (``67\\x70``) in one plain route, no route of ``%2`` more.
        f'{a:02X}%25{b:02X}'.encode(), f'{a:02x}%25{b:02x}'.encode(),
        f'{a:02x}\\x{b:02x}'.encode(),
        f'{a:04x}\\u{b:04x}'.encode(),
        f'{a:04x}\\U0000'.encode(),
        f'\\{a:03o}\\{b:03o}'.encode(),
    }


def qp_view(data: bytes) -> View | None:
    """A quoted-printable file decoded whole (soft line breaks removed,
    ``=XX`` undone), or None: it holds no soft line break, or does not say
    it is quoted-printable (``_qp_marked``)."""
    if _QP_SOFT.search(data) is None or not _qp_marked(data):
        return None
    return rewrite(data, _QP, _hex_byte, 'quoted-printable')


def _qp_marked(data: bytes) -> bool:
    """Does ``data`` say it is quoted-printable (an encoded "=", or its
    header)?"""
    return _QP_MARK.search(data) is not None or b'uoted-printable' in data


class QpMark:
    """``_qp_marked(data)``, searched the first time it is asked and then
    kept: a file's escape windows and its readings ask it of the same bytes
    (each a search of the whole file, which almost no file answers yes), and
    only where there is something to undo: a window holding an escape, a
    file holding a soft line break."""

    __slots__ = ('data', '_marked')

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._marked: bool | None = None

    def __bool__(self) -> bool:
        marked = self._marked
        if marked is None:
            marked = self._marked = _qp_marked(self.data)
        return marked


# A line break inside a wrapped key: a space a mail's ``format=flowed``
# keeps before it, or the caret that continues a ``cmd`` line (``set
# KEY=tgp_v1_…^`` then the rest), the empty lines after it (a YAML multi-line scalar
# folds a line break followed by empty lines to one newline for each:
# YAML 1.2, 6.5 and 7.3.1), then the next line's indentation and its
# comment leader or quote marker (``#``, ``//``, `` * ``, ``>``, ``;``),
# or a trace's offset (``curl --trace-ascii`` cuts a header line at 64
# bytes and starts the next with its hex offset: ``0040: ``; a key's run
# holds no ``:``, so the offset is never a piece of it).  Also Fortran's
# continuation inside a literal: ``&`` ending the line, ``&`` opening the
# next (``"tgp_v1_…&`` then ``&…"``).
_WRAP = regex_cache.compile(
    rb'&[ \t]*\r?\n[ \t]*&|'
    rb'[ ^]?\r?\n(?:[ \t]*\r?\n)*[ \t]*(?:(?:#|//|\*|>|;)[ \t]?|[0-9a-f]{4}:[ ])?',
)
_KEY_RUN = regex_cache.compile(rb'[' + KEY_CHARS + rb']*')


def wrapped_view(data: bytes) -> View | None:
    """Keys wrapped across lines joined back: from each key prefix, a run
    of key characters that ends a line shorter than a key goes on with
    the run that starts the next line (after ``_WRAP``), until it is a
    key's length or more; None when nothing was joined."""
    breaks: list[tuple[int, int]] = []
    at = data.find(KEY_PREFIX)
    while at != -1:
        end = _KEY_RUN.match(data, at).end()
        size = end - at
        joins = []
        while size < KEY_LENGTH:
            gap = _WRAP.match(data, end)
            if gap is None or gap.end() == end or b'\n' not in gap.group():
                break
            after = _KEY_RUN.match(data, gap.end()).end()
            if after == gap.end():
                break
            joins.append((end, gap.end()))
            size += after - gap.end()
            end = after
        if joins and size == KEY_LENGTH:
            breaks += joins
        at = data.find(KEY_PREFIX, max(end, at + 1))
    if not breaks:
        return None
    return _cut(data, breaks, 'wrapped')


def _cut(data: bytes, cuts: list[tuple[int, int]], encoding: str) -> View:
    """``data`` without the stretches ``cuts`` (ascending, apart)."""
    out = []
    starts, sources, copied = [], [], []
    size = last = 0
    for lo, hi in cuts:
        starts.append(size)
        sources.append(last)
        copied.append(True)
        out.append(data[last:lo])
        size += lo - last
        last = hi
    starts.append(size)
    sources.append(last)
    copied.append(True)
    out.append(data[last:])
    return View(b''.join(out), encoding, None, starts, sources, copied)


def joined_view(data: bytes, wanted: Callable[[bytes], bool] | None = None) -> View | None:
    """Adjacent string literals joined (``"tgp_v1_" + "..."``, also with
    escaped quotes inside another string), a word array joined (Ruby's
    ``%w[a b].join``), and then the escapes of the joined pieces undone
    (each byte its own literal: ``"\\x74", "\\x67", …``); None when there
    are none, or
    when its bytes are not ``wanted``: they are made first by ``re.sub``
    (the same matches ``rewrite`` takes out, none kept of where each piece
    came from: a fifth of its CPU on code, whose lists of strings are full
    of joints), and the view only for bytes that are."""
    words = b'%' in data and _WORDS_MARK in data  # its first byte first: one memchr pass
    if wanted is not None:
        joined = _WORD_JOIN.sub(b'', _JOIN.sub(b'', data))
        if words:
            joined = _WORDS_JOINED.sub(_words, joined)
        if len(joined) == len(data) or not wanted(
                _UNESCAPE.sub(_unescape_one, joined) if _piece_escapes(data) else joined,
        ):
            return None
    view = rewrite(data, _JOIN, lambda m: b'', 'concatenated')
    inner = rewrite(data if view is None else view.data, _WORD_JOIN, lambda m: b'', 'concatenated', view)
    view = view if inner is None else inner
    if words:
        inner = rewrite(data if view is None else view.data, _WORDS_JOINED, _words, 'concatenated', view)
        view = view if inner is None else inner
    if view is not None and _piece_escapes(data):
        return rewrite(view.data, _UNESCAPE, _unescape_one, 'concatenated', view) or view
    return view


# Pieces that end in a byte escape right before their joint (each byte
# its own literal, ``"\x74", "\x67"``; ``"\164" + "\147"``): only
# then are the joined pieces' escapes undone (one search, from a
# backslash: most code's escapes are inside one piece, read by
# ``escapes_view`` already).
_PIECE_ESCAPES = regex_cache.compile(
    rb'\\(?:x[0-9A-Fa-f]{2}|[0-7]{3}|u[0-9A-Fa-f]{4})["\'][ \t]*[,+]',
)


def _piece_escapes(data: bytes) -> bool:
    return _PIECE_ESCAPES.search(data) is not None


# Ruby's word array joined with nothing between (``%w[a b].join``,
# ``.join("")``): its words are one string.
_WORDS_MARK = b'%w'
_WORDS_JOINED = regex_cache.compile(
    rb'%w\[[ \t]*([\w-]{1,64}(?:[ \t]+[\w-]{1,64}){1,15})[ \t]*\]\.join(?:\((?:""|\'\')\))?(?![\w(])',
)


def _words(m: re.Match[bytes]) -> bytes:
    return b''.join(m.group(1).split())


# A key's bytes written as hex text: ``xxd -p``, ``.hex()``, Postgres'
# ``\x…`` bytea, C's ``"\x74\x67…"``, Java's and C's byte arrays
# ``{0x74, 0x67, …}``, a registry export's ``hex(2):74,00,67,00,…``
# continued by ``,\`` and a line break, bytes apart by a blank, a comma
# or a colon, wrapped over lines.  A run is at least 7 bytes (a key's
# prefix); its marker (``hex(2):``, ``hex:``) goes with it, so the name
# before it stands right before the decoded value.
_HEX_RUN = regex_cache.compile(
    rb'(?:hex(?:\([0-9a-fA-F]{1,8}\))?:)?'
    rb'(?:(?:\\x|(?:\(byte\) ?)?0[xX])?[0-9A-Fa-f]{2}(?:,?[ \t]*\\?\r?\n[ \t]*|[ \t,:]{1,2})?){7,}',
)
# Seven hex bytes in a row, whatever their leads and separators (line
# breaks as ``_HEX_RUN`` takes them: black leaves a long ``bytes([0x74,
# …])`` one byte a line): the cheap search that tells a stretch worth a
# ``hex_view``.
HEX_RUN_MARK = regex_cache.compile(
    rb'(?:(?:\\x|(?:\(byte\) ?)?0[xX])?[0-9A-Fa-f]{2}(?:,?[ \t]*\\?\r?\n[ \t]*|[ \t,:]{0,2})){7}',
)
# Every byte a ``HEX_RUN_MARK`` match can hold (hex digits, the leads
# ``\x``, ``0x`` and ``(byte) ``, the separators), 14 or more in a row:
# the stretches the mark is searched in (``hex_marked``).  Its blanks and
# line ends too: ``tests/detect/hex_mark_room_test.py`` checks the room
# holds every byte of the mark.  A stretch starts on a byte a match can
# start on (a hex digit, a lead's backslash or bracket), so indentation
# and blank lines are no room (``_marked``).
_HEX_MARK_ROOM = regex_cache.compile(rb'[0-9A-Fa-f\\(][0-9A-Fa-f ,:\\xX()byt\t\r\n]{13,}')
_HEX_DIGIT = regex_cache.compile(rb'hex(?:\([0-9a-fA-F]{1,8}\))?:|\\x|(?:\(byte\) ?)?0[xX]|[0-9A-Fa-f]')
# How far past a keyword's stretch a run starting in it is read: a
# UTF-16 legacy key as registry bytes takes about 400 characters.
HEX_REACH = 2048
_HEX_CHARS = frozenset(b'0123456789abcdefABCDEF'[i:i + 1] for i in range(22))
_ARRAY_CLOSE = regex_cache.compile(rb'[ \t\r\n,]*[}\]]')
_PRINTABLE_BYTES = bytes(range(0x20, 0x7f)) + b'\t\r\n'
_NOT_HEX_DIGIT = regex_cache.compile(
    rb'hex(?:\([0-9a-fA-F]{1,8}\))?:|\\x|(?:\(byte\) ?)?0[xX]|[^0-9A-Fa-f(]+|\(',
)


def _hex_text(data: bytes, start: int, end: int) -> tuple[bytes, Sequence[int]] | None:
    """The text the hex run ``start``-``end`` of ``data`` holds, and where
    each of its bytes' digits start; None when it decodes to no text (a
    digest, a binary's bytes).  UTF-16LE bytes (a registry value) are
    read as their text; a run of bare digits is read at either parity.
    Told apart in C (a ``sub``, ``a2b_hex``, a ``translate``): a log of
    digests near Together names is mostly runs that hold none."""
    # A key (50 bytes; a legacy key's text 64) takes 100 digits: a digest
    # (32-64 digits) holds none.
    if end - start < 2 * KEY_LENGTH:
        return None
    from binascii import a2b_hex

    chars = _NOT_HEX_DIGIT.sub(b'', data[start:end])
    if len(chars) < 2 * KEY_LENGTH:
        return None
    gapless = len(chars) == end - start
    for parity in ((0, 1) if gapless else (0,)):
        size = (len(chars) - parity) // 2 * 2
        raw = a2b_hex(chars[parity:parity + size])
        wide = len(raw) >= 4 and not raw[1::2].strip(b'\0') and raw[0::2].strip(b'\0')
        # UTF-16LE read from a high byte (a view starting inside a
        # registry value's run): its text is every other byte from the second.
        high = 1 if not wide and len(raw) >= 5 and not raw[0::2].strip(b'\0') and raw[1::2].strip(b'\0') else 0
        if wide or high:
            raw = raw[high::2]  # UTF-16LE
        text = raw.rstrip(b'\0')
        if len(text) < 7 or (
                KEY_PREFIX not in text and len(text.translate(None, _PRINTABLE_BYTES)) * 10 > len(text)
        ):
            continue
        at: Sequence[int]
        if gapless:  # each byte's digits two on from the last's
            at = range(start + parity, start + parity + size, 2)
        else:
            digits = [m.start() for m in _HEX_DIGIT.finditer(data, start, end) if m.end() - m.start() == 1]
            at = digits[parity:parity + size:2]
        return text, at[high::2][:len(text)] if wide or high else at[:len(text)]
    return None


class _Splice:
    """``data[lo:]`` with runs replaced by what they spell (``hex_view``,
    ``decimal_view``): the pieces, and where each came from (offsets from
    ``lo``) for the view's maps."""

    def __init__(self, data: bytes, lo: int) -> None:
        self.data, self.lo, self.last = data, lo, lo
        self.out: list[bytes] = []
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.copied: list[bool] = []
        self.size = 0

    def replace(self, start: int, end: int, text: bytes, sources: Iterable[int]) -> None:
        """``data[start:end]`` read as ``text``, whose bytes come from
        ``sources`` (offsets in ``data``); what lies before it is copied."""
        lo = self.lo
        self.starts.append(self.size)
        self.sources.append(self.last - lo)
        self.copied.append(True)
        self.out.append(self.data[self.last:start])
        self.size += start - self.last
        self.starts.extend(range(self.size, self.size + len(text)))
        self.sources.extend(
            range(sources.start - lo, sources.stop - lo, sources.step) if isinstance(sources, range)
            else [offset - lo for offset in sources],
        )
        self.copied.extend([False] * len(text))
        self.out.append(text)
        self.size += len(text)
        self.last = end

    def view(self, hi: int) -> View | None:
        """The text up to ``hi`` (or the last run's end); None when no run
        was replaced."""
        if not self.out:
            return None
        data, last = self.data, self.last
        self.starts.append(self.size)
        self.sources.append(last - self.lo)
        self.copied.append(True)
        self.out.append(data[last:min(len(data), max(hi, last))])
        return View(b''.join(self.out), 'hex', None, self.starts, self.sources, self.copied)


def hex_view(data: bytes, lo: int, hi: int) -> View | None:
    """``data[lo:]`` up to the last hex run starting before ``hi`` (it may
    run ``HEX_REACH`` past it), each run that holds text (``_hex_text``)
    replaced by that text, each of whose bytes maps to its digits; offsets
    are from ``lo``.  None where no run holds text."""
    splice = _Splice(data, lo)
    for m in _HEX_RUN.finditer(data, lo, min(len(data), hi + HEX_REACH)):
        last = splice.last
        if m.start() >= hi:
            break
        start, end = m.span()
        if start < last:  # within the braces or digit taken with the run before
            continue
        # The separator after the last byte stays (a line break between the
        # decoded key and a next line's ``REGION=us``).
        while data[end - 1:end] not in _HEX_CHARS:
            end -= 1
        if data[end:end + 1] in _HEX_CHARS:  # an odd run's last digit
            end += 1
        decoded = _hex_text(data, start, end)
        if decoded is None:
            continue
        text, at = decoded
        # A byte array's braces go too (``{0x74, …}``): the name before it
        # stands right before the value.
        close = _ARRAY_CLOSE.match(data, end)
        before = start
        while before > last and data[before - 1] in b' \t\r\n':
            before -= 1
        if close is not None and before > last and data[before - 1:before] in b'{[':
            # A type's name right before the brace keeps it (Go's
            # ``[]byte{…}``): the key does not run into ``byte``.
            glued = data[before - 2:before - 1]
            start = before if glued and (glued.isalnum() or glued in b'_-') else before - 1
            built = _constructor_start(data, before - 1, last)
            if built < before - 1:  # ``string([]byte{…})``: read with its constructor
                start = built
            end = close.end()
        splice.replace(start, end, text, at)
    return splice.view(hi)


# Office Open XML's text (a Word document's ``<w:t>`` runs, a slide's
# ``<a:t>``) and OpenDocument's (``<text:p>`` in a ``content.xml``, a
# spreadsheet's ``<table:table-cell>``: ``prefilter.OOXML_TEXT``): a tag,
# its prefix and name (OpenDocument's names hold hyphens).  A tag ends
# before the next ``<`` (none is in a tag's attributes), so a ``<`` left
# open is passed over at the next one, not read again to the end.
_OOXML_TAG = regex_cache.compile(rb'<(/?)(?:[A-Za-z]+:)?([A-Za-z]+(?:-[A-Za-z]+)*)\b[^<>]*>')
# Tags that end a line of the text (a paragraph, a heading, a break, a
# table row) or part its cells; OpenDocument's ``<text:s/>`` is a space.
_OOXML_LINE = frozenset((b'p', b'br', b'cr', b'tr', b'h', b'line-break', b'table-row'))
_OOXML_CELL = frozenset((b'tab', b'tc', b'table-cell', b'covered-table-cell'))
_OOXML_CELL_END = regex_cache.compile(rb'</(?:[A-Za-z]+:)?(?:tc|table-cell|covered-table-cell)>')


def _ooxml_piece(m: re.Match[bytes]) -> bytes:
    name = m.group(2)
    if name in _OOXML_LINE and (m.group(1) or m.group(0).endswith(b'/>')):
        # A cell's last paragraph ends with the cell: its row goes on.
        if name == b'p' and _OOXML_CELL_END.match(m.string, m.end()):
            return b''
        return b'\n'
    if name in _OOXML_CELL and (m.group(1) or name == b'tab'):
        return b'\t'
    if name == b's' and m.group(0).endswith(b'/>'):
        return b' '
    return b''


def ooxml_text_view(data: bytes) -> View | None:
    """An Office Open XML part (``word/document.xml``, a slide) as the
    text a reader sees: the tags gone, so a paragraph's runs join (a
    label in one run, the key in the next, in another font), each
    paragraph, break or table row a line, each cell or tab apart."""
    return rewrite(data, _OOXML_TAG, _ooxml_piece, 'raw')


# HTML's inline markup (a docs page, a notebook nbconvert exported, a wiki
# page saved as HTML: ``prefilter.html_page``): a phrase tag, or a
# character reference for what a reader does not see (a soft hyphen, a
# zero-width space, a word joiner; by number, with leading zeros or not,
# or by name: ``&ZeroWidthSpace;``), which a page puts inside a long word where it may
# break (``<wbr>``, ``&shy;``), and Pygments between a name and its value
# (``<span class="o">=</span>``).  Block and table tags (``<p>``,
# ``<pre>``, ``<script>``, ``<table>``) stay as they are: what they hold is
# read as the raw page is, their structure the same evidence (a table read
# as one, a comment heading over its script).  A tag ends before the next
# ``<``, as above.
_HTML_MARK = regex_cache.compile(
    rb'<(/?)(?i:span|wbr|code|kbd|samp|var|tt|b|i|u|s|em|strong|mark|small|font|a|abbr|cite|q|sub|sup|bdi|bdo|time|data|ins|del)'
    rb'(?=[\s/>])[^<>]*>|&(?:shy|ZeroWidthSpace|NoBreak|#0*(?:173|8203|8288)|#[xX]0*(?:[aA][dD]|20(?:0[bB]|60)));',
)


def _html_piece(m: re.Match[bytes]) -> bytes:
    return b''


def html_text_view(data: bytes) -> View | None:
    """An HTML page as the text a reader sees in a line: its inline tags
    gone (a key cut by ``<wbr>``, a name and its value in Pygments'
    ``<span>``s), the soft hyphens and zero-width spaces in it dropped;
    block and table tags kept.  Character references stay: the readings
    undo them (``&quot;``)."""
    return rewrite(data, _HTML_MARK, _html_piece, 'raw')


# RTF's markup (a TextEdit note, a WordPad or Word document saved as
# ``.rtf``: ``prefilter.rtf_document``): a control word with its number and
# the blank that ends it (``\\f1 ``, ``\\par``), a control symbol
# (``\\{``, ``\\'5f``, TextEdit's ``\\`` before a line break), a group's
# brace, and a raw line break, which RTF readers pass over: writers break
# long lines anywhere, inside a word too.
_RTF_MARK = regex_cache.compile(
    rb"\\(?:(?P<word>[a-z]{1,32})-?[0-9]{0,10} ?|'(?P<hex>[0-9a-fA-F]{2})|(?P<sym>[^a-z'])|$)"
    rb'|[{}\r\n]',
)
# Control words that end a line of the text (a paragraph, a line break,
# a table row, a section or page) or part its cells.
_RTF_LINE = frozenset((b'par', b'line', b'row', b'sect', b'page'))
_RTF_CELL = frozenset((b'tab', b'cell'))
# Control symbols: a line break after a backslash is a paragraph
# (TextEdit's), ``\\~`` a non-breaking space, ``\\_`` a non-breaking
# hyphen, ``\\-`` an optional one (shown only where the line wraps).
_RTF_SYMBOL = {b'\n': b'\n', b'\r': b'\n', b'~': b' ', b'_': b'-', b'-': b''}


def _rtf_piece(m: re.Match[bytes]) -> bytes:
    word = m.group('word')
    if word is not None:
        return b'\n' if word in _RTF_LINE else b'\t' if word in _RTF_CELL else b''
    if m.group('hex') is not None:
        return bytes((int(m.group('hex'), 16),))
    sym = m.group('sym')
    if sym is not None:
        return _RTF_SYMBOL.get(sym, sym)
    return b''


def rtf_text_view(data: bytes) -> View | None:
    """An RTF document as the text a reader sees: control words, groups'
    braces and the raw line breaks writers put anywhere gone (a label and
    its key in another font's group, ``Together API key: {\\f1 …}``, read
    as one line; a key a writer's line break cut, joined), a paragraph or
    a line break a line, a table's cells apart by tabs, ``\\'5f`` the
    byte it names."""
    return rewrite(data, _RTF_MARK, _rtf_piece, 'raw')


# An asciinema recording (``.cast``, v2 and v3): a JSON header line, then
# one JSON array a line, ``[time, "o", "text"]``, the terminal's output as
# the recorder read it from the pty: a read may end inside a key, whose
# rest is the next event's text.  The engine tells one by its first
# bytes (``engine.CAST_HEAD``); only output events are joined, not input.
_CAST_OUTPUT = regex_cache.compile(rb'(?m)^\[[0-9.eE+-]{1,32}, ?"o", ?"((?:[^"\\\r\n]|\\.){0,1048576})"\]\r?$')


def cast_view(data: bytes) -> View | None:
    """An asciinema recording's output events' strings, each right after
    the one before (their JSON escapes kept: a reading undoes them), so
    a key two reads cut is read whole; None for fewer than two events.
    Its map in machine words, the text in one buffer (``rewrite``): a
    recording is thousands of short events."""
    starts, sources = _offsets(len(data))
    copied = bytearray()
    out = bytearray()
    whole = memoryview(data)
    for m in _CAST_OUTPUT.finditer(data):
        lo, hi = m.span(1)
        starts.append(len(out))
        sources.append(lo)
        copied.append(1)
        out += whole[lo:hi]
    whole.release()
    if len(copied) < 2:
        return None
    out += b'\n'
    return View(bytes(out), 'raw', None, starts, sources, copied)


# A Jupyter notebook (nbformat writes its keys sorted: ``"cells"`` comes
# first, ``engine.NOTEBOOK_HEAD``): each code cell's source, then what it
# printed and returned, as an IPython session shows them (``In [n]:``,
# the printed lines, ``Out[n]:``), so the rules that read a transcript
# (a value printed under the command that names it: ``!echo
# $TOGETHER_API_KEY``, ``together.api_key`` then its repr) read a
# notebook too; a cell that prints a digest stays a digest.  In the file
# a cell's outputs sit apart from its source (sorted, before it), with
# other cells' JSON between.  Each string is copied as the file writes
# it (its JSON escapes kept: a reading undoes them), so a key maps back
# to its own line.
_NB_CELL_END = b'\n\n'


def _nb_lines(value: object) -> list[str]:
    """A notebook's multiline string: a list of lines, or one string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def notebook_view(data: bytes) -> View | None:
    """A notebook's code cells as an IPython session (see above); None
    for a file that is not a notebook's JSON or holds no code cell with
    an output."""
    import json

    try:
        cells = json.loads(data).get('cells')
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return None
    if not isinstance(cells, list):
        return None
    out = bytearray()
    starts: list[int] = []
    sources: list[int] = []
    copied = bytearray()

    def put(text: bytes, at: int, verbatim: bool) -> None:
        starts.append(len(out))
        sources.append(at)
        copied.append(verbatim)
        out.extend(text)

    cursor = 0
    shown = 0
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get('cell_type') != 'code':
            continue
        outputs = cell.get('outputs')
        if not isinstance(outputs, list) or not outputs:
            continue
        count = cell.get('execution_count')
        number = str(count if isinstance(count, int) else n).encode()
        source_at = printed_at = end = cursor

        def copy(lines: list[str], at: int) -> int:
            # each line where the file writes it, from ``at`` on; one the
            # file writes otherwise (``\\u`` escapes) is left out
            nonlocal end
            for line in lines:
                for form in (json.dumps(line, ensure_ascii=False), json.dumps(line)):
                    raw = form[1:-1].encode()
                    if not raw:
                        break
                    found = data.find(raw, at)
                    if found != -1:
                        put(raw, found, True)
                        put(b'\n', found + len(raw), False)
                        at = found + len(raw)
                        end = max(end, at)
                        break
            return at

        put(b'In [' + number + b']: ', source_at, False)
        source_at = copy(_nb_lines(cell.get('source')), source_at)
        for output in outputs:
            if not isinstance(output, dict):
                continue
            if output.get('output_type') == 'stream':
                printed_at = copy(_nb_lines(output.get('text')), printed_at)
            elif output.get('output_type') == 'execute_result':
                shown_data = output.get('data')
                if isinstance(shown_data, dict):
                    put(b'Out[' + number + b']: ', printed_at, False)
                    printed_at = copy(_nb_lines(shown_data.get('text/plain')), printed_at)
        put(_NB_CELL_END, end, False)
        cursor = end
        shown += 1
    if not shown:
        return None
    return View(bytes(out), 'raw', None, starts, sources, copied)


# An HTTP/1.1 message whose body is sent chunked (a raw request or
# response dump, a capture's followed stream, ``curl --raw``): each
# chunk's size line, hex, sits between two pieces of the body, which may
# cut a key (a client writing its JSON in two writes).  The engine asks
# for the header's value first (``engine.CHUNKED``); the header itself,
# then the chunks, are parsed strictly.
_CHUNKED_HEADER = regex_cache.compile(rb'(?im)^transfer-encoding:[ \t]*chunked[ \t]*\r?$')
_HEADERS_END = regex_cache.compile(rb'\r?\n\r?\n')
_CHUNK_SIZE = regex_cache.compile(rb'([0-9A-Fa-f]{1,8})(?:;[^\r\n]{0,256})?\r?\n')
_CHUNK_END = regex_cache.compile(rb'\r?\n')


def chunked_view(data: bytes) -> View | None:
    """``data`` with each chunked body's size lines taken out, so its
    chunks join as the receiver joins them; None when no message holds a
    chunked body of two chunks or more.  A size line must be followed by
    as many bytes and a line end; where one is not (a dump cut short, a
    body that is not chunked after all), the rest is copied as it is.
    Its map in machine words, the text in one buffer (``rewrite``): a
    body may be sent a few bytes a chunk."""
    starts, sources = _offsets(len(data))
    copied = bytearray()
    out = bytearray()
    whole = memoryview(data)
    last = 0  # copied up to here
    joined = False

    def copy(lo: int, hi: int) -> None:
        if hi > lo:
            starts.append(len(out))
            sources.append(lo)
            copied.append(1)
            out.extend(whole[lo:hi])

    at = 0
    while True:
        header = _CHUNKED_HEADER.search(data, at)
        if header is None:
            break
        end = _HEADERS_END.search(data, header.end() - 1)
        if end is None:
            break
        # Each chunk (its size line's start, its body's start and end,
        # past its line end) taken out as it is parsed, from the second
        # on (the first waits: a body of one chunk is left as it is).
        pos, first, count = end.end(), (0, 0, 0, 0), 0
        while True:
            m = _CHUNK_SIZE.match(data, pos)
            if m is None:
                break
            n = int(m.group(1), 16)
            final = n == 0 or m.end() + n > len(data)
            if final:
                chunk = (m.start(), m.end(), m.end(), m.end())
            else:
                tail = _CHUNK_END.match(data, m.end() + n)
                if tail is None:
                    break
                chunk = (m.start(), m.end(), m.end() + n, tail.end())
            pos = chunk[3]
            count += 1
            if count == 1:
                first = chunk
            else:
                joined = True
                for line_start, body_start, body_end, after in (first, chunk) if count == 2 else (chunk,):
                    copy(last, line_start)  # the headers, then nothing: chunks abut
                    copy(body_start, body_end)
                    last = after  # past the chunk's own line end
            if final:
                break
        at = max(pos, header.end())
    if joined:
        copy(last, len(data))
    whole.release()
    return View(bytes(out), 'raw', None, starts, sources, copied) if joined else None


# A hex dump's line: its offset (``xxd``'s ``00000000:``, ``hexdump -C``'s
# ``00000000``, ``od``'s octal ``0000000`` or ``-A x``'s ``000000``), then
# the bytes; ``xxd -p`` lines are bare digits.
_DUMP_OFFSET = regex_cache.compile(rb'([0-9a-fA-F]{6,16})(:?)(?=[ \t]|$)')
_OD_ESCAPES = {
    b'\\0': b'\0', b'\\a': b'\a', b'\\b': b'\b', b'\\f': b'\f', b'\\n': b'\n',
    b'\\r': b'\r', b'\\t': b'\t', b'\\v': b'\v', b'\\\\': b'\\',
}
_OCTAL = frozenset(b'01234567')


# ``curl --trace``'s line: a 4-digit hex offset (after ``--trace-time``'s
# clock), then 16 fields 3 wide, a byte's two digits and a blank each
# (blanks alone past the last byte), then the bytes as text.
_CURL_LINE = regex_cache.compile(
    rb'(?:\d\d:\d\d:\d\d\.\d{6} )?[0-9a-f]{4}: ((?:[0-9a-f]{2} ){1,16})((?:   ){0,15})',
)

# ``tcpdump -X`` (``-x``)'s line: a tab, a ``0x`` offset and a blank, then 40
# columns of 2-byte groups in the bytes' order, each after a blank (an
# odd last byte alone), then the bytes as text.
# Wireshark's packet bytes (``tshark -x``, "Export Packet Dissections"):
# a 4-digit offset (more past 64 KB), two blanks, up to 16 bytes a blank
# apart, padded to 16's width, three blanks, the bytes as text.
_WIRESHARK_ROW = regex_cache.compile(rb'[0-9a-f]{4,8}  ((?:[0-9a-f]{2} ){0,15}[0-9a-f]{2})   ')
_WIRESHARK_HEX_WIDTH = 16 * 3 - 1
_WIRESHARK_TEXT = bytes(b if 0x20 <= b < 0x7f else 0x2e for b in range(256))
_TCPDUMP_OFFSET = regex_cache.compile(rb'[ \t]*0x[0-9a-f]{4}: ')
_TCPDUMP_HEX = regex_cache.compile(rb'((?: [0-9a-f]{4}){1,8}|(?: [0-9a-f]{4}){0,7} [0-9a-f]{2}) *')


def _dump_line(line: bytes) -> bytes | None:
    """The bytes one line of a hex dump shows, or None: ``curl --trace``
    (16 bytes a line, ``_CURL_LINE``), ``tcpdump -X`` (``_TCPDUMP_HEX``),
    ``xxd`` (groups
    of digits up to the ASCII column after two blanks), ``hexdump -C``
    (two digits a byte, the ASCII column between bars), ``od -t x1``
    (``z``'s column between ``>`` and ``<``), ``od -c`` (a character, an
    escape or three octal digits in each 4-wide field), ``xxd -p`` (digits
    alone), and a firmware image's Intel HEX or S-record lines
    (``prefilter.firmware_record``: a data record's bytes)."""
    if line[:1] in RECORD_FIRST:
        record = firmware_record(line)
        if record is not None:
            return record
    curl = _CURL_LINE.match(line)
    if curl is not None and len(curl.group(1)) + len(curl.group(2)) == 48:
        return bytes.fromhex(curl.group(1).decode('ascii'))
    tcpdump = _TCPDUMP_OFFSET.match(line)
    if tcpdump is not None:
        groups = _TCPDUMP_HEX.fullmatch(line, tcpdump.end(), tcpdump.end() + 40)
        if groups is None:
            groups = _TCPDUMP_HEX.fullmatch(line, tcpdump.end())
        return None if groups is None else bytes.fromhex(groups.group(1).decode('ascii'))
    wireshark = _WIRESHARK_ROW.match(line)
    if wireshark is not None:
        # the bytes padded to a full row's width, three blanks, then the
        # text column, which must be the bytes it shows (a byte outside
        # printable ASCII a dot): no other line is read as one (another
        # dump's line, ``hexdump -C``'s, is read as its own below)
        shown = bytes.fromhex(wireshark.group(1).decode('ascii'))
        text = wireshark.start(1) + _WIRESHARK_HEX_WIDTH + 3
        if line[wireshark.end(1):text].strip(b' ') == b'' and line[text:] == shown.translate(_WIRESHARK_TEXT):
            return shown
    m = _DUMP_OFFSET.match(line)
    if m is None and line.startswith(b' ') and b'>' in line:
        line = line[:line.find(b'>')]  # ``od -An -t x1z``: no offset, a text column
    if m is None and line.startswith(b' '):
        # ``od -An -t u1`` / ``-t d1``: decimal fields, no offset.
        tokens = line.split()
        decimal = _od_decimal(line, tokens) if tokens else None
        if decimal is not None:
            return decimal
    if m is None or m.end() == len(line) and len(line) % 2 == 0 and not m.group(2):
        # Digits alone: ``xxd -p`` (an offset alone ends ``od``: no bytes).
        try:
            return bytes.fromhex(line.decode('ascii')) if m is not None or line else None
        except ValueError:
            return None
    rest = line[m.end():]
    if m.group(2):  # xxd
        rest = rest.lstrip(b' ').split(b'  ', 1)[0]
    else:
        for mark in (b'|', b'>'):
            at = rest.find(mark)
            if at != -1:
                rest = rest[:at]
    tokens = rest.split()
    if not m.group(2) and tokens:
        decimal = _od_decimal(rest, tokens)
        if decimal is not None:
            return decimal
    if all(len(t) in (2, 4, 8) and not t.translate(None, b'0123456789abcdefABCDEF') for t in tokens):
        if not m.group(2) and tokens and all(len(t) == len(tokens[0]) > 2 for t in tokens):
            # ``hexdump``'s default and ``od -x``, ``-t x2``, ``-t x4``: words
            # in the machine's order, little-endian (``xxd``'s, after its
            # colon, are in the bytes' order).
            return b''.join(bytes.fromhex(t.decode('ascii'))[::-1] for t in tokens)
        if any(len(t) == 8 for t in tokens):
            return None
        return bytes.fromhex(b''.join(tokens).decode('ascii'))
    out = []
    for i in range(0, len(rest), 4):  # od -c's 4-wide fields
        field = rest[i:i + 4].strip(b' ')
        if not field:
            out.append(b' ')
        elif len(field) == 1:
            out.append(field)
        elif field in _OD_ESCAPES:
            out.append(_OD_ESCAPES[field])
        elif len(field) == 3 and _OCTAL.issuperset(field) and field < b'400':
            out.append(bytes((int(field, 8),)))
        elif field == b'**':  # a UTF-8 character's later bytes, shown at its first
            continue
        else:
            return None
    return b''.join(out)


_OD_DECIMAL = regex_cache.compile(rb'-?[0-9]{1,3}')


def _od_number(token: bytes) -> bool:
    """Whether ``token`` is a number as ``od`` writes a decimal byte:
    never zero-padded (``od -c``'s ``002`` is an octal escape)."""
    digits = token[1:] if token[:1] == b'-' else token
    return _OD_DECIMAL.fullmatch(token) is not None and (len(digits) == 1 or digits[:1] != b'0')


def _od_decimal(rest: bytes, tokens: list[bytes]) -> bytes | None:
    """The bytes of an ``od -t u1`` line (fields 4 wide, 0 to 255) or an
    ``od -t d1`` line (5 wide, -128 to 127), or None.  Told from ``od
    -t x1`` (3 wide) and ``od -b`` (4 wide, always three octal digits) by
    the fields' width: each token right-aligned in its field, and from
    ``od -c``'s fields (4 wide too) by its octal escapes' zeros and a
    line of single characters."""
    rest = rest.rstrip(b' \t')  # ``z``'s text column's padding: the fields are right-aligned
    width = len(rest) // len(tokens)
    if width not in (4, 5) or len(rest) != width * len(tokens):
        return None
    if not all(_od_number(t) for t in tokens):
        return None
    if width == 4 and all(len(t) == 3 and _OCTAL.issuperset(t) for t in tokens):
        return None  # ``od -b``: octal, read as ``od -c``'s fields
    if width == 4 and all(len(t) == 1 for t in tokens):
        return None  # ``od -c`` of digits: a character in each field
    lo, hi = (0, 255) if width == 4 else (-128, 127)
    out = bytearray()
    for i, t in enumerate(tokens):
        if rest[i * width:(i + 1) * width].lstrip(b' ') != t:
            return None
        n = int(t)
        if not lo <= n <= hi:
            return None
        out.append(n & 0xff)
    return bytes(out)


def dump_view(data: bytes) -> View | None:
    """A file that is a hex dump (``prefilter.dump_head``), as the bytes
    it shows: each line's bytes follow the line before's, and map to the
    line's start, where a key is reported.  A line that is no dump line
    (``hexdump``'s ``*`` for repeated lines, a note) is a line break; a
    dump of UTF-16 text is read as its text, every byte mapping to the
    dump's start."""
    parts: list[bytes] = []
    starts: list[int] = []
    sources: list[int] = []
    size = pos = 0
    while pos < len(data):
        end = data.find(b'\n', pos)
        if end == -1:
            end = len(data)
        raw = _dump_line(data[pos:end].rstrip(b'\r'))
        if raw is None:
            raw = b'\n'
        if raw:
            starts.append(size)
            sources.append(pos)
            parts.append(raw)
            size += len(raw)
        pos = end + 1
    if not parts:
        return None
    text = b''.join(parts)
    from together_hooks.detect.prefilter import may_be_wide

    if may_be_wide(text):
        from together_hooks.detect.widetext import decode_wide

        wide = decode_wide(text)
        if wide is not None:
            return View(wide, 'hex', None, [0], [0], [False])
    return View(text, 'hex', None, starts, sources, [False] * len(starts))


def joined_lines(lines: list[bytes]) -> tuple[bytes, list[int]]:
    """``lines`` joined by line ends, and where each starts in the join
    (a view's ``starts``: its lines map back one by one)."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return b'\n'.join(lines), starts


# A dump pasted into another file (an issue's code fence, a notebook's
# output, a log): a line of a dump with a text column (``xxd``'s offset
# and colon, ``hexdump -C``'s offset and two blanks, ``od -A x -t x1z``'s
# offset and its first byte), led by blanks and a JSON string's quote (a
# notebook's list of lines: what ends the string is in the text column,
# which is not read).
_PASTED_LEAD = regex_cache.compile(rb'[ \t]*"?')
_PASTED_OFFSET = regex_cache.compile(rb'[0-9a-fA-F]{6,16}(?:: |  | [0-9a-fA-F]{2} )')
# The most lines of a pasted dump read each way from a keyword's line.
PASTED_LINES = 1 << 16


def _pasted_line(data: bytes, start: int) -> tuple[bytes, int, bytes] | None:
    """(its lead, where its dump line starts, the dump line) of the line
    at ``start`` when it is a pasted dump's line with a text column and
    shows bytes, else None."""
    end = data.find(b'\n', start)
    if end == -1:
        end = len(data)
    lead = _PASTED_LEAD.match(data, start, end)
    assert lead is not None  # it may match nothing
    body = data[lead.end():end].rstrip(b'\r')
    if _PASTED_OFFSET.match(body) is None:
        return None
    return (lead.group(), lead.end(), body) if _dump_line(body) else None


def pasted_dump_view(data: bytes, at: int) -> tuple[View, int] | None:
    """(the bytes it shows, where it ends) of the dump pasted into
    ``data`` whose line holds offset ``at`` (a keyword its text column
    shows), or None when that line is no such dump's: its lines, each
    led as the first is, up to a line that is not one (read as
    ``dump_view`` reads a file that is a dump; each line's bytes map to
    the line's dump)."""
    start = data.rfind(b'\n', 0, at) + 1
    first = _pasted_line(data, start)
    if first is None:
        return None
    lines = [first]
    line = start
    for _ in range(PASTED_LINES):
        if line == 0:
            break
        line = data.rfind(b'\n', 0, line - 1) + 1
        before = _pasted_line(data, line)
        if before is None or before[0] != first[0]:
            break
        lines.insert(0, before)
    end = data.find(b'\n', start)
    for _ in range(PASTED_LINES):
        if end == -1:
            break
        after = _pasted_line(data, end + 1)
        if after is None or after[0] != first[0]:
            break
        lines.append(after)
        end = data.find(b'\n', end + 1)
    region, starts = joined_lines([body for _lead, _at, body in lines])
    view = dump_view(region)
    if view is None:
        return None
    view.parent = View(region, 'hex', None, starts, [at for _lead, at, _body in lines], [True] * len(lines))
    return view, len(data) if end == -1 else end


# A byte array written in decimal (Java's ``new byte[] {116, 103, …}``,
# C's ``unsigned char k[] = {116, …}``, ``bytes([116, …])``, JavaScript's
# ``Uint8Array.of(…)``): at least 7 numbers (a key's prefix) between
# brackets or braces, signed or not, apart by commas.
# A bracketed list with commas, or 7 numbers or more a blank apart (Go's
# ``%v`` of a ``[]byte`` inside its brackets, a tab-separated row), over
# lines too (``od -An -tu1``: read as one run, each line end a newline
# in its text, so a key its line ends cut is read as wrapped, not joined
# to the next line's digits, and a key's row of a table is not glued to
# the rows around it): group 1 or 2 holds the numbers.
_DEC_ARRAY = regex_cache.compile(
    rb'[{\[(][ \t\r\n]*((?:-?\d{1,3}[ \t]*,[ \t\r\n]*){6,}-?\d{1,3})[ \t\r\n,]*[}\])]'
    rb'|(?<![\w.,-])((?:-?\d{1,3}(?:[ \t]+|[ \t]*\r?\n[ \t]*)){6,}-?\d{1,3})(?![\w.])',
)
DEC_ARRAY_MARK = regex_cache.compile(rb'(?:\d{1,3},[ \t\r\n]{0,40}){7}')
# Every byte a ``DEC_ARRAY_MARK`` match can hold, 14 or more in a row
# from a digit (``dec_marked``): the indentation of code is no room.
_DEC_MARK_ROOM = regex_cache.compile(rb'[0-9][0-9, \t\r\n]{13,}')
_DEC_NUMBER = regex_cache.compile(rb'-?\d{1,3}')
_WORD_BYTES = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')
# The constructor a byte array is read through, right before its opening
# bracket, where a value starts (after ``=``, ``:``, ``(`` or ``,``): one
# to four calls or types (Java's ``new String(new byte[]``, Go's
# ``string([]byte``, JS's ``String.fromCharCode``, C#'s
# ``Encoding.UTF8.GetString(new byte[]``, Python's ``bytes(``, Rust's
# ``vec!``).  Read in a view as part of the array, so the text the array
# spells stands where the value does, right after its name.
_CONSTRUCTOR = regex_cache.compile(
    rb'[=:(,][ \t]{0,8}((?:(?:new[ \t]+)?(?:\[\][ \t]*)?[A-Za-z_$][\w$]{0,40}'
    rb'(?:(?:\.|::)[A-Za-z_$][\w$]{0,40}){0,4}(?![\w$])(?:!|[ \t]*\[[ \t]*\])?[ \t]*(?:\([ \t]*)?){1,4})\Z',
)
# How far before an array its constructor is looked for, and from how
# many of the nearest delimiters: each an anchored match, so a line of
# ``a( a( a(`` costs a few tries, not one a byte.
_CONSTRUCTOR_REACH = 160
_CONSTRUCTOR_TRIES = 8


def _constructor_start(data: bytes, start: int, floor: int) -> int:
    """Where the constructor right before the array opening at ``start``
    begins (``_CONSTRUCTOR``: the longest, from one of the nearest
    delimiters), not before ``floor``; ``start`` when none."""
    lo = max(floor, start - _CONSTRUCTOR_REACH)
    best = at = start
    for _try in range(_CONSTRUCTOR_TRIES):
        at = max(data.rfind(b'=', lo, at), data.rfind(b':', lo, at), data.rfind(b',', lo, at),
                 data.rfind(b'(', lo, at))
        if at < 0:
            break
        m = _CONSTRUCTOR.match(data, at, start)
        if m is not None:
            best = m.start(1)
    return best


def _marked(room: re.Pattern[bytes], mark: re.Pattern[bytes], data: bytes, lo: int, hi: int) -> bool:
    """``mark.search(data, lo, hi) is not None``, searched only inside the
    stretches of ``room`` (a run of the bytes a match of ``mark`` can hold,
    as long as its shortest match or longer, from a byte a match can start
    on): a match lies inside one such stretch (the run it lies in, from the
    run's first such byte on, is a stretch), and ``mark`` has no anchors or
    look-arounds, so the answer is the same.  ``re`` runs a one-class
    loop several times faster than the marks' repeated groups, which it
    tries at every hex letter or digit of code and prose (history's flagged blobs: docs/performance.md,
    "Issue 17, thirteenth round")."""
    for stretch in room.finditer(data, lo, hi):
        if mark.search(data, stretch.start(), stretch.end()) is not None:
            return True
    return False


def hex_marked(data: bytes, lo: int, hi: int) -> bool:
    """Whether ``HEX_RUN_MARK`` matches in ``data[lo:hi]``."""
    return _marked(_HEX_MARK_ROOM, HEX_RUN_MARK, data, lo, hi)


def dec_marked(data: bytes, lo: int, hi: int) -> bool:
    """Whether ``DEC_ARRAY_MARK`` matches in ``data[lo:hi]``."""
    return _marked(_DEC_MARK_ROOM, DEC_ARRAY_MARK, data, lo, hi)


def _rows(data: bytes, numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``numbers`` (value, offset) with a newline (10, its offset) between
    two that a line end parts."""
    out = numbers[:1]
    for (_n, at), number in zip(numbers, numbers[1:]):
        end = data.find(b'\n', at, number[1])
        if end != -1:
            out.append((10, end))
        out.append(number)
    return out


def decimal_view(data: bytes, lo: int, hi: int) -> View | None:
    """``data[lo:]`` up to the last decimal byte array starting before
    ``hi`` (``HEX_REACH`` past it at most), each array whose numbers are
    bytes (-128 to 255) spelling text (as ``_hex_text`` tells it)
    replaced, its brackets too, by that text; each byte maps to its
    number.  A call's name glued to the opening bracket
    (``String.fromCharCode(…)``) is kept apart from the text by a
    space, which maps to the bracket.  Offsets are from ``lo``; None where no array holds text."""
    splice = _Splice(data, lo)
    for m in _DEC_ARRAY.finditer(data, lo, min(len(data), hi + HEX_REACH)):
        if m.start() >= hi:
            break
        group = 1 if m.start(1) != -1 else 2
        numbers = [(int(n.group()), n.start()) for n in _DEC_NUMBER.finditer(data, m.start(group), m.end(group))]
        if len(numbers) < 7 or any(not -128 <= n <= 255 for n, _at in numbers):
            continue
        if group == 2 and data.find(b'\n', m.start(group), m.end(group)) != -1:
            # Blanks over lines: each line end read as a newline, so a
            # row's text stays apart from the next row's (a key's row in
            # a table of rows), and a key its line ends cut (``od -An
            # -tu1``) is read as a key wrapped over lines.
            numbers = _rows(data, numbers)
        text = bytes(n & 0xFF for n, _at in numbers)
        if KEY_PREFIX not in text and len(text.translate(None, _PRINTABLE_BYTES)) * 10 > len(text):
            continue
        sources = [at for _n, at in numbers]
        start = m.start()
        if group == 1:
            start = _constructor_start(data, start, splice.last)
        if start and data[start - 1] in _WORD_BYTES:
            text, sources = b' ' + text, [start, *sources]
        splice.replace(start, m.end(), text, sources)
    return splice.view(hi)


# A uuencoded block: ``begin <mode> <name>``, then lines whose first
# character gives how many bytes they hold (``M``: 45, in 60 characters),
# to a line of no bytes (a backquote or a blank) and ``end``.
_UU_BEGIN = regex_cache.compile(rb'begin [0-7]{3,4} [^\r\n]*\r?\n')
_UU_LINE = regex_cache.compile(rb'([!-`])([ -`]*?)[ \t]*\r?\n')


def uu_view(
        data: bytes, hits: Iterable[int], blocks: list[tuple[int, int]] | None = None,
) -> View | None:
    """The uuencoded blocks starting at ``hits`` (offsets of ``begin``
    lines), decoded and joined by newlines into one view; each group of 3
    decoded bytes maps to its 4 characters.  A line that does not decode
    ends its block.  ``blocks``, when given, gets each block's start and
    end in the view (what ``uuencode env.gz`` decodes to may be a
    container: ``engine._uu_hits`` opens it)."""
    from binascii import Error
    from binascii import a2b_uu

    out = _Parts(len(data))
    done_to = -1
    for hit in hits:
        if hit < done_to:
            continue
        begin = _UU_BEGIN.match(data, hit)
        if begin is None:
            continue
        at = begin.end()
        parts: list[bytes] = []
        starts: list[int] = []
        while True:
            line = _UU_LINE.match(data, at)
            if line is None or line.group(1) in b' `':
                break
            try:
                raw = a2b_uu(line.group(1) + line.group(2))
            except Error:
                break
            starts.append(line.start())
            parts.append(raw)
            at = line.end()
        done_to = at
        if not parts:
            continue
        # Each 3-byte group maps to its 4 characters, after the line's
        # length character: groups never span lines.
        size = out.size
        for start, raw in zip(starts, parts):
            for j in range(0, len(raw), 3):
                out.starts.append(size + j)
                out.sources.append(start + 1 + j // 3 * 4)
            size += len(raw)
        if blocks is not None:
            blocks.append((out.size, size))
        out.parts += b''.join(parts) + b'\n'
        out.size = size + 1
    return out.view('uuencode')


# ASCII85 (``<~ … ~>``: PostScript, PDF, Python's ``a85encode``; its
# btoa form with ``z`` and ``y`` for runs of zeros and spaces) and ZeroMQ's
# Z85 (``basenc --z85``): 5 characters for 4 bytes, read as a block wrapped
# at one width (``prefilter.wrapped_block``).
_Z85_TO_B85 = bytes.maketrans(
    b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#',
    b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~',
)
# base85's groups in Z85's and ASCII85's letters (the scrub's forms of a
# known key, ``scrub._forms``).
B85_TO_Z85 = bytes.maketrans(
    b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~',
    b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#',
)
B85_TO_A85 = bytes.maketrans(
    b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~',
    bytes(range(0x21, 0x76)),
)


def _a85_decode(chars: bytes, kind: str) -> bytes | None:
    """``chars`` (no white space) decoded, as far as they decode: a block
    cut at a line's width may end inside a group.  Past ``B64_REACH``
    (a compressed stream decoded whole) one try, its last group cut by
    the count alone: a group that does not decode deep in a block of
    megabytes cost five decodes of it (3.5 s for 4 MB)."""
    from base64 import a85decode
    from base64 import b85decode

    cuts: Iterable[int] = range(5)
    if len(chars) > B64_REACH * 5 // 4:
        count = len(chars) if kind != 'ascii85' else len(chars) + 4 * (chars.count(b'z') + chars.count(b'y'))
        cuts = (count % 5 if kind == 'z85' else int(count % 5 == 1),)
    for cut in cuts:
        part = chars[:len(chars) - cut]
        try:
            if kind == 'z85':
                return b85decode(part.translate(_Z85_TO_B85))
            if kind == 'base85':
                return b85decode(part)
            return a85decode(part, foldspaces=True)
        except ValueError:
            continue
    return None


def a85_view(data: bytes, start: int, kind: str, alphabet: bytes, whole: bool = False) -> View | None:
    """The ASCII85, Z85 or base85 (``kind``) block whose first line starts at
    ``start``: its lines while each is all ``alphabet``'s (ASCII85's
    ``<~`` and ``~>`` marks dropped), ``B64_REACH`` decoded bytes at most
    (all of them when ``whole``: a compressed stream, cut, would lose
    what follows the cut), decoded; each line's bytes map to the line's
    start, where a key is reported.  None when it does not decode."""
    chars: list[bytes] = []
    starts: list[int] = []
    sources: list[int] = []
    count = 0
    most = len(data) if whole else B64_REACH * 5 // 4
    pos = start
    while pos < len(data) and count < most:
        end = data.find(b'\n', pos)
        if end == -1:
            end = len(data)
        line = data[pos:end].strip(b' \t\r')
        if kind == 'ascii85':
            # What follows the end mark is not the block's (a string's
            # closing quote and brace: ``{"env": "<~…~>"}``).
            close = line.find(b'~>')
            if close != -1:
                line = line[:close]
            if line.startswith(b'<~'):
                line = line[2:]
        if not line or line.translate(None, alphabet):
            break
        starts.append(count)
        sources.append(pos)
        chars.append(line)
        count += len(line)
        if kind == 'ascii85' and close != -1:
            break
        pos = end + 1
    text = _a85_decode(b''.join(chars)[:most], kind)
    if not text:
        return None
    # A line's characters to its first decoded byte: 4 bytes a 5-character
    # group (``z`` and ``y`` make a line's bytes only later, never earlier).
    return View(text, kind, None, [n * 4 // 5 for n in starts], sources, [False] * len(starts))


def b64_forms(raw: bytes) -> set[bytes]:
    """What ``raw`` looks like inside any longer base64 text, at each of
    the 3 byte alignments: the encoded characters its bytes alone
    determine, standard and URL-safe.  The one builder of base64 needles:
    rule keywords' forms (``Rule.b64_keywords``) and the developer's own
    keys' (``ownkeys.encoded_forms``)."""
    from binascii import b2a_base64

    out = set()
    for shift in range(3):
        enc = b2a_base64(b'\0' * shift + raw, newline=False)
        first = -(-8 * shift // 6)  # first character with no pad bits
        last = (8 * (shift + len(raw))) // 6  # characters wholly inside
        core = enc[first:last]
        if len(core) >= 6:
            out.add(core)
            out.add(core.translate(_TO_URLSAFE))
    return out


def b64_decode(text: bytes, shift: int = 0) -> bytes | None:
    """Base64 ``text`` (either alphabet, ``=`` padding or none) decoded
    from its ``shift``-th character on: the one base64 decoder.  A last
    group of 2 or 3 characters gives its 1 or 2 bytes (a value that ends
    in a key ends in one), a lone last character is dropped; None when the
    characters do not decode."""
    from binascii import Error
    from binascii import a2b_base64

    chars = text[shift:].rstrip(b'=').translate(_TO_STD)
    if len(chars) % 4 == 1:
        chars = chars[:-1]
    try:
        return a2b_base64(chars + b'=' * (-len(chars) % 4))
    except Error:
        return None


# A base64 value: runs of base64 characters, joined across line breaks
# (``base64`` wraps at 76, ``openssl`` at 64; YAML block scalars indent)
# only where the next line is wholly base64; and across a line break
# written as an escape inside a string (JSON holding ``base64.encodebytes``'
# output: ``"...\\n..."``), or between the strings of a JSON list of
# lines (a notebook's ``["...\\n", "..."]``), or of a list of pieces
# (``["QUJD", "REVG"]``: a value split across strings) after an unpadded one.
# And across a line break written as XML character references (.NET's
# ``XmlWriter`` and ``app.config`` writing a wrapped value: ``&#xD;&#xA;``).
# And across a line break escaped by a backslash ending the line (a TOML
# or YAML string's, a shell word's continuation: the break is no
# character of the value); and between string literals joined in code:
# single or double quotes, by a comma (a list of pieces), a ``+`` (Go,
# Java, JS) or by a line break alone (Python's and C's implicit
# concatenation), never by a space alone (``"a" "b"``: arguments).
_B64_ENTITY_BREAK = rb'(?:&#(?:[xX]0*[dD]|0*13);)?&#(?:[xX]0*[aA]|0*10);'
# And across a line break whose next line is led by a log's timestamp
# alone (a CI log, ``kubectl logs --timestamps``: each line of a wrapped
# value printed with its own, ``2026-12-01T10:00:01.1234567Z ``) when
# the rest of that line is wholly base64: the timestamp is no character
# of the value (its digits, ``T`` and ``Z`` are base64's: ``_NOT_B64``
# drops it whole; ``:`` holds no value otherwise, so ``_b64_chars`` takes
# the timestamps out only from a run holding one).
_B64_LOG_LEAD = rb'(?:\r\n|\n)' + LOG_TIMESTAMP + rb'[ \t]+'
_B64_VALUE = rb'[' + _B64_CHARS + rb']+={0,2}'
# How a wrapped value's next line ends for the break before it to join
# it: at a line break or the data's end, or where the value closes
# before one: an escaped line end (a block printed into a string,
# ``...fQ==\\n``), a quote no base64 character follows (``echo "...fQ=="
# | base64 -d``; not ``NAME="x"``), an end tag (``...fQ==</data>``).  Its
# last line held the key's tail: without it a key the last break cut was
# missed, at any wrap width.
_B64_LINE_END = rb'(?:[ \t]*(?:\r?\n|\Z)|\\[rn]|["' + rb"'" + rb'](?![' + _B64_CHARS + rb'])|</)'
_B64_WRAP = (
    rb'\r?\n[ \t]*(?=[' + _B64_CHARS + rb']+={0,2}' + _B64_LINE_END + rb')'
    rb'|(?:\\r)?\\n(?:"[ \t]*,[ \t]*\r?\n?[ \t]*")?(?=[' + _B64_CHARS + rb'])'
    rb'|' + _B64_ENTITY_BREAK + rb'(?=[' + _B64_CHARS + rb'])'
    rb'|\\\r?\n[ \t]*(?=[' + _B64_CHARS + rb'])'
    rb'|' + _B64_LOG_LEAD + rb'(?=[' + _B64_CHARS + rb']+={0,2}[ \t]*(?:\r?\n|\Z))'
)
# What joins two string literals (``_B64_PIECES``): a comma or a ``+``
# (a line break after it or not), or a line break alone.
_PIECE_GLUE = rb'[ \t]*(?:[,+][ \t]*(?:\r?\n[ \t]*)?|\r?\n[ \t]*)'
_B64_PIECES = (
    rb'(?<=[' + _B64_CHARS + rb'])(?:"' + _PIECE_GLUE + rb'"|' + rb"'" + _PIECE_GLUE + rb"')"
    rb'(?=[' + _B64_CHARS + rb']{4})'
)
_B64_RUN = regex_cache.compile(rb'(?:' + _B64_VALUE + rb'(?:' + _B64_WRAP + rb'|' + _B64_PIECES + rb')?)+')
# The same within one string (or a notebook's list of lines): each piece
# of a list of pieces alone (``b64_view`` decodes both).
_B64_ONE = regex_cache.compile(rb'(?:' + _B64_VALUE + rb'(?:' + _B64_WRAP + rb')?)+')
# What is not a base64 character in such a value: an escaped line break
# (its ``n`` is no character of the value), one written as XML references
# (their ``x``, ``D`` and ``A`` neither), a lone backslash or ``&``, the rest.
_NOT_B64 = regex_cache.compile(
    _B64_LOG_LEAD + rb'|' + _B64_ENTITY_BREAK + rb'|\\r\\n|\\[rn]|["' + rb"'" + rb']' + _PIECE_GLUE + rb'["' + rb"'" + rb']'
    + rb'|[^\\&' + _B64_CHARS + rb']+|[\\&]',
)
# A ``+`` joining two string literals (``_PIECE_GLUE``), not one of a
# value's characters: a JSON list of base64 lines holds quotes and ``+``
# (a line may start with one) but none between two quotes, and keeps the
# one ``translate`` (the regex took 4x its time over 2 MB of such lines).
_LOG_LEAD = regex_cache.compile(_B64_LOG_LEAD)
_PLUS_GLUE = regex_cache.compile(rb'["' + rb"'" + rb'][ \t]*\+[ \t]*(?:\r?\n[ \t]*)?["' + rb"'" + rb']')
_NOT_B64_BYTES = bytes(
    b for b in range(256)
    if b != 0x5C and b not in b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-'  # pragma: allowlist secret
)


def _b64_chars(text: bytes) -> bytes:
    """``_NOT_B64.sub(b'', text)``: without a backslash or ``&``, a log
    timestamp's ``:``, or a ``+`` that may join two string literals (most
    values), one
    ``translate`` deleting what is no base64 character, where the
    regex tried its four alternatives at every byte (a notebook's 80 KB
    PNG took 2 ms)."""
    if (
            b'\\' in text or b'&' in text
            or b'+' in text and (b'"' in text or b"'" in text) and _PLUS_GLUE.search(text)
    ):
        return _NOT_B64.sub(b'', text)
    if b':' in text:  # a log's timestamps: taken out first (5x faster than the regex path)
        text = _LOG_LEAD.sub(b'', text)
    return text.translate(None, _NOT_B64_BYTES)


# A value inside a JSON string whose writer escaped ``/`` (PHP's
# ``json_encode``: ``\\/``) or ``+`` and ``/`` (``\\u002b``, ``\\u002f``:
# .NET's and Gson's HTML-safe escaping): read only where the plain run
# stops at such an escape, so a value without one costs nothing more.
_B64_JSON_ESCAPE = regex_cache.compile(rb'\\/|\\u002[bBfF]')
_B64_ESCAPED_RUN = regex_cache.compile(
    rb'(?:[' + _B64_CHARS + rb']|\\/|\\u002[bBfF]|(?:\\r)?\\n(?=[' + _B64_CHARS + rb']))+={0,2}',
)
_JSON_B64_CHAR = {b'\\/': b'/', b'\\u002b': b'+', b'\\u002B': b'+', b'\\u002f': b'/', b'\\u002F': b'/'}


# A PNG's signature in base64 (8 bytes: two groups and two characters), and
# how many chunks a walk of its headers reads before it decodes the value
# whole instead.
PNG_B64 = b'iVBORw0KGgo'
_PNG_CHUNKS = 4096


def b64_png_text(data: bytes, at: int, types: tuple[bytes, ...]) -> bool | None:
    """Whether the PNG whose base64 value starts at ``at`` holds a chunk
    of one of ``types`` (its compressed text: ``prefilter.PNG_TEXT``),
    told from its chunk headers alone: each header's 8 bytes decoded from
    the characters that encode them (4 for 3), the chunk's length read,
    the next header found past it, up to ``IEND``.  An image's pixels are
    never decoded: a notebook's plots, a page's ``data:`` URIs.  None
    when the walk cannot tell (a value wrapped or escaped, cut short,
    damaged, past ``_PNG_CHUNKS``): the caller decodes the value whole."""
    from binascii import Error
    from binascii import a2b_base64

    offset = 8  # past the signature
    for _ in range(_PNG_CHUNKS):
        lo = offset // 3 * 4
        hi = (offset + 8 + 2) // 3 * 4
        chars = data[at + lo:at + hi]
        if len(chars) != hi - lo or chars.translate(None, _B64_ALPHABETS):
            return None
        try:
            head = a2b_base64(chars.translate(_TO_STD))[offset - offset // 3 * 3:][:8]
        except Error:
            return None
        if len(head) < 8:
            return None
        kind = head[4:]
        if kind in types:
            return True
        if kind == b'IEND':
            # The value ends with it, or bytes follow (a chunk written
            # after ``IEND``, which ``containers._png`` reads as any):
            # decoded whole then.
            end = at + (offset + 12 + 2) // 3 * 4
            return False if data[end:end + 1].translate(None, _B64_ALPHABETS) == data[end:end + 1] else None
        offset += 12 + int.from_bytes(head[:4], 'big')
    return None


_B64_ALPHABETS = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-'  # pragma: allowlist secret


def b64_value_at(data: bytes, at: int) -> tuple[bytes, int] | None:
    """The base64 value that starts at ``at``, decoded, and where it
    ends; None when it does not decode.  A value in a JSON string whose
    ``/`` or ``+`` are escaped (``_B64_JSON_ESCAPE``) is read through
    them."""
    m = _B64_RUN.match(data, at)
    if m is None:
        return None
    text = m.group()
    if _B64_JSON_ESCAPE.match(data, m.end()):
        m = _B64_ESCAPED_RUN.match(data, at)
        assert m is not None
        text = _B64_JSON_ESCAPE.sub(lambda e: _JSON_B64_CHAR[e.group()], m.group())
    raw = b64_decode(_b64_chars(text))
    return None if raw is None else (raw, m.end())


def b64_view(data: bytes, hits: Iterable[int], plain: tuple[bytes, ...]) -> View | None:
    """The base64 values around ``hits`` (offsets of encoded keywords)
    that decode to one of the ``plain`` keywords, decoded and joined by
    newlines into one view (thousands of small encoded values cost one
    scan, not one each).  A value split across a JSON list's strings is
    decoded joined, and each string holding a hit on its own too (a
    string that ends in a key may be followed by one that does not
    continue it: joined, the key would not end on a boundary).  The runs
    are walked once, in ascending order, across all hits: a file of
    thousands of encoded keywords costs one pass, not one window each."""
    from bisect import bisect_left

    order = sorted(hits)
    out = _Parts(len(data))
    done_to = -1
    scanned = 0  # every run before this offset has been walked
    run = None  # (start, end) of the run holding the hits being read
    cut = -1  # where the window cut that run, if it did
    for n, hit in enumerate(order):
        if hit < done_to:
            continue
        if run is None or hit >= run[1]:
            lo = max(scanned, hit - B64_REACH)
            hi = min(len(data), hit + B64_REACH)
            run = None
            for m in _B64_RUN.finditer(data, lo, hi):
                if m.start() <= hit < m.end():
                    run = m.start(), m.end()
                    break
                if m.start() > hit:
                    break
                scanned = m.end()
            if run is None:
                continue
            cut = -1
            if run[1] == hi < len(data):
                # Cut by the window: read up to its last string's start, and
                # the hits past it from there (found again from mid-string,
                # a value would decode at the wrong alignment).
                quote = data.rfind(b'"', hit + 1, hi)
                if quote != -1:
                    run = run[0], quote
                else:
                    cut = hi
            scanned = run[1]
            done_to = run[0]
        # A later value of the same run starts after the one before: its
        # ``=`` separators are walked once too.
        start, end = _value_at(data, max(done_to, run[0]), run[1], hit)
        done_to = end
        out.decode(data, start, end, plain)
        if end == cut:
            # A value cut by the window: a later hit near the cut may have
            # its key past it, so the hits of the window's last half are
            # read again in a window of their own (from there on).
            done_to = scanned = end - B64_REACH // 2
            run = None
        value = data[start:end]
        if b'"' not in value and b"'" not in value:
            continue
        # Each string (or notebook's list of lines) holding a hit, alone.
        for m in _B64_ONE.finditer(data, start, end):
            i = bisect_left(order, m.start(), n)
            if i < len(order) and order[i] < m.end():
                one_start, one_end = _value_at(data, m.start(), m.end(), order[i])
                if (one_start, one_end) != (start, end):
                    out.decode(data, one_start, one_end, plain)
    return out.view('base64')


# A map of base64 entries, one a line at one indentation: a Kubernetes
# Secret's ``data:`` (``name: <base64>``, as ``kubectl create secret
# generic --from-literal`` writes it), its JSON (``"name": "<base64>",``),
# a ConfigMap's ``binaryData:``.  Each entry is encoded alone, so what one
# says (Together's endpoint, ``provider: together``) is no context of
# another's key until both are decoded.
_B64_ENTRY = regex_cache.compile(
    rb'([ \t]*)"?([A-Za-z0-9_.-]{1,253})"?[ \t]*:[ \t]*"?([' + _B64_CHARS + rb']+={0,2})"?,?[ \t]*\r?',
)
# The most entries read around one decoded value, each way.
_B64_ENTRIES = 256
# What a decoded entry may hold to be read as a line of text.
_ONE_LINE_TEXT = bytes(range(0x20, 0x7f)) + b'\t'


def _entry(data: bytes, start: int) -> re.Match[bytes] | None:
    """The map entry that is the line at ``start``, or None."""
    end = data.find(b'\n', start)
    return _B64_ENTRY.fullmatch(data, start, len(data) if end == -1 else end)


def b64_entries_view(data: bytes, values: Iterable[int]) -> View | None:
    """The maps of base64 entries holding the values that start at
    ``values`` (decoded values of a ``b64_view``), each entry decoded
    where it is one line of text and written ``name: <text>`` at the
    map's indentation, so the rules read the map as a YAML block: a
    legacy key's ``api_key`` beside a ``base_url`` (or ``provider``)
    entry holding Together's.  A line of the view maps to its value's
    start.  None where no map of two such entries holds a value."""
    lines: list[bytes] = []
    sources: list[int] = []
    seen: set[int] = set()
    for at in sorted(values):
        start = data.rfind(b'\n', 0, at) + 1
        if start in seen:
            continue
        m = _entry(data, start)
        if m is None or m.start(3) != at:
            continue
        indent = m.group(1)
        block = [m]
        for step in (-1, 1):
            line = start
            for _ in range(_B64_ENTRIES):
                if step < 0:
                    if line == 0:
                        break
                    line = data.rfind(b'\n', 0, line - 1) + 1
                else:
                    end = data.find(b'\n', line)
                    if end == -1:
                        break
                    line = end + 1
                other = _entry(data, line)
                if other is None or other.group(1) != indent:
                    break
                block.append(other)
        block.sort(key=lambda e: e.start())
        read = []
        for entry in block:
            seen.add(entry.start())
            raw = b64_decode(entry.group(3))
            if raw and not raw.translate(None, _ONE_LINE_TEXT):
                read.append((indent + entry.group(2) + b': ' + raw, entry.start(3)))
        if len(read) >= 2:
            for line_text, source in read:
                lines.append(line_text)
                sources.append(source)
    if not lines:
        return None
    text, starts = joined_lines(lines)
    return View(text + b'\n', 'base64', None, starts, sources, [False] * len(lines))


# A base32 value (RFC 4648's upper-case alphabet: ``base32``, TOTP
# secrets, ``b32encode``): runs of its characters joined across line
# breaks (``base32`` wraps at 76) where the next line is wholly base32,
# ``=`` padding ending it (``NAME=<base32>`` is two values, and so are
# two lines each a padded value).
_B32_RUN = regex_cache.compile(
    rb'(?:[A-Z2-7]+\r?\n[ \t]*(?=[A-Z2-7]+=*[ \t]*(?:\r?\n|\Z)))*[A-Z2-7]+(?:=+(?![A-Z2-7]))?',
)
_NOT_B32 = regex_cache.compile(rb'[^A-Z2-7]+')
# A last group of so many characters holds whole bytes (1, 2, 3, 4).
_B32_TAILS = frozenset((0, 2, 4, 5, 7))
# A base85 value (Python's ``b85encode``, git's alphabet), joined across
# line breaks the same way.
_B85 = rb'0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~'
_B85_RUN = regex_cache.compile(
    rb'(?:[' + _B85 + rb']+(?:\r?\n[ \t]*(?=[' + _B85 + rb']+[ \t]*(?:\r?\n|\Z)))?)+',
)
_NOT_B85 = regex_cache.compile(rb'[^' + _B85 + rb']+')


_B32_ALPHABET = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'  # pragma: allowlist secret
_B85_ALPHABET = b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~'


_PAIRS: dict[str, list[bytes]] = {}


def _pairs(alphabet: bytes) -> list[bytes]:
    """Every two characters of ``alphabet``, by their value as one number
    (as ``base64`` keeps them): a group of digits is then one lookup, not
    one per character (a developer holding 5,000 keys learns every key's
    forms on each commit).  Built on first use."""
    key = alphabet.decode('latin-1')
    table = _PAIRS.get(key)
    if table is None:
        chars = [bytes((c,)) for c in alphabet]
        table = _PAIRS[key] = [a + b for a in chars for b in chars]
    return table


def _b32encode(data: bytes) -> bytes:
    """``base64.b32encode`` (padded), without importing ``base64`` (it
    imports ``re`` and ``struct``: a blocked commit's report learns each
    key's forms, and its path imports only what it needs)."""
    pairs = _pairs(_B32_ALPHABET)
    whole = len(data) // 5 * 5
    parts = []
    for at in range(0, whole, 5):
        n = int.from_bytes(data[at:at + 5], 'big')
        parts += (pairs[n >> 30], pairs[(n >> 20) & 1023], pairs[(n >> 10) & 1023], pairs[n & 1023])
    rest = data[whole:]
    if rest:
        n = int.from_bytes(rest.ljust(5, b'\0'), 'big')
        chars = pairs[n >> 30] + pairs[(n >> 20) & 1023] + pairs[(n >> 10) & 1023] + pairs[n & 1023]
        used = -(-len(rest) * 8 // 5)
        parts.append(chars[:used] + b'=' * (8 - used))
    return b''.join(parts)


def _b85encode(data: bytes) -> bytes:
    """``base64.b85encode`` (no padding), without importing ``base64`` (see
    ``_b32encode``)."""
    pairs = _pairs(_B85_ALPHABET)
    pad = -len(data) % 4
    padded = data + b'\0' * pad
    one = _B85_ALPHABET
    parts = []
    for at in range(0, len(padded), 4):
        n = int.from_bytes(padded[at:at + 4], 'big')
        parts += (pairs[n // 614125], pairs[n // 85 % 7225], one[n % 85:n % 85 + 1])
    out = b''.join(parts)
    return out[:len(out) - pad] if pad else out


def b32_forms(raw: bytes) -> set[bytes]:
    """What ``raw`` looks like inside any longer base32 text, at each of
    the 5 byte alignments: the characters its bytes alone determine
    (``Rule.b32_keywords``)."""
    out = set()
    for shift in range(5):
        enc = _b32encode(b'\0' * shift + raw)
        core = enc[-(-8 * shift // 5):8 * (shift + len(raw)) // 5]
        if len(core) >= 8:
            out.add(core)
    return out


def b85_forms(raw: bytes) -> set[bytes]:
    """What ``raw`` looks like inside any longer base85 text, at each of
    the 4 byte alignments: base85 packs 4 bytes into 5 characters as one
    number, so only a group of 4 of its bytes is told, one for each
    alignment (``Rule.b85_keywords``)."""
    return {_b85encode(raw[i:i + 4]) for i in range(len(raw) - 3)}


def b85_whole_forms(raw: bytes) -> set[bytes]:
    """What ``raw`` looks like inside any longer base85 text, at each of
    the 4 byte alignments: the groups its bytes alone make, joined (a
    known key's base85, ``ownkeys.encoded_forms``)."""
    return {
        _b85encode(raw[s:s + (len(raw) - s) // 4 * 4]) for s in range(4) if len(raw) - s >= 8
    }


def b32_decode(chars: bytes, shift: int = 0) -> bytes | None:
    """Base32 ``chars`` (its characters only) decoded from the ``shift``-th
    on; a last group too short for a byte is dropped; None when they do
    not decode."""
    from base64 import b32decode
    from binascii import Error

    chars = chars[shift:]
    while len(chars) % 8 not in _B32_TAILS:
        chars = chars[:-1]
    try:
        return b32decode(chars + b'=' * (-len(chars) % 8))
    except Error:
        return None


def b85_decode(chars: bytes, shift: int = 0) -> bytes:
    """Base85 ``chars`` (its characters only) decoded from the ``shift``-th
    on; a group past base85's range (a name's letters glued before the
    value) gives 4 NUL bytes, so the groups after it keep their places; a
    last group of one character is dropped."""
    from base64 import b85decode

    chars = chars[shift:]
    if len(chars) % 5 == 1:
        chars = chars[:-1]
    try:
        return b85decode(chars)
    except ValueError:
        pass
    out = []
    for at in range(0, len(chars), 5):
        try:
            out.append(b85decode(chars[at:at + 5]))
        except ValueError:
            out.append(b'\0' * (len(chars[at:at + 5]) - 1))
    return b''.join(out)


# How each base-N reading is found and decoded: its runs, what is not its
# character, characters and bytes in a group, the decoder.
RADIX = {
    'base32': (_B32_RUN, _NOT_B32, 8, 5, b32_decode),
    'base85': (_B85_RUN, _NOT_B85, 5, 4, b85_decode),
}


def radix_view(
        data: bytes, hits: Iterable[int], plain: tuple[bytes, ...], kind: str,
) -> View | None:
    """The base32 or base85 (``kind``) values around ``hits`` (offsets of
    encoded keywords) that decode to one of the ``plain`` keywords,
    decoded and joined by newlines into one view; a key is reported where
    its encoding starts.  Each run is walked and decoded once, however
    many hits it holds."""
    run_re, not_chars, width, size, decode = RADIX[kind]
    out = _Parts(len(data))
    done_to = -1
    for hit in sorted(hits):
        if hit < done_to:
            continue
        run = None
        hi = min(len(data), hit + B64_REACH)
        for m in run_re.finditer(data, max(done_to, hit - B64_REACH), hi):
            if m.start() <= hit < m.end():
                run = m
                break
            if m.start() > hit:
                break
        if run is None:
            continue
        start, end = run.span()
        # A run cut by the window: a later hit near the cut may have its
        # key past it, so the hits of the window's last half are read
        # again in a window of their own (from there on).
        done_to = end - B64_REACH // 2 if end == hi < len(data) else end
        chars = not_chars.sub(b'', data[start:end])
        # Any character alignment: a value glued to a name by characters
        # of its own alphabet (``B32VALUE``, ``KEY=`` in base85) starts a
        # group late.
        for shift in range(width):
            raw = decode(chars, shift)
            if raw is None or any_keyword(plain).search(raw) is None:
                continue
            out.add(data, start, end, raw, size, lambda at: shift + at // size * width, not_chars)
            break
    return out.view(kind)


class _Parts:
    """The decoded values of a ``b64_view`` (or a ``radix_view``), with
    where each of their bytes came from."""

    def __init__(self, size: int) -> None:
        """``size``: the bytes the values are read from (``_offsets``)."""
        self.parts = bytearray()
        self.starts, self.sources = _offsets(size)
        self.size = 0

    def add(
            self, data: bytes, start: int, end: int, text: bytes, step: int,
            char_of: Callable[[int], int], between: re.Pattern[bytes] | None = None,
    ) -> None:
        """Add ``text``, decoded from the run ``start``-``end`` of ``data``:
        each ``step``-th of its bytes, ``at``, maps to the run's
        ``char_of(at)``-th encoded character (``between``: what is not
        one, ``_char_positions``), where a key is reported."""
        from bisect import bisect_right

        positions = _char_positions(data, start, end, between)
        index = [p[0] for p in positions]
        for at in range(0, len(text), step):
            char = char_of(at)
            i = bisect_right(index, char) - 1
            self.starts.append(self.size + at)
            self.sources.append(positions[i][1] + char - positions[i][0])
        self.parts += text
        self.parts.append(10)  # a newline between values
        self.size += len(text) + 1

    def view(self, kind: str) -> View | None:
        """The values joined by newlines into one view; None when none."""
        if not self.parts:
            return None
        return View(bytes(self.parts), kind, None, self.starts, self.sources, bytes(len(self.starts)))

    def decode(self, data: bytes, start: int, end: int, plain: tuple[bytes, ...]) -> None:
        """Add the value ``start``-``end`` of ``data``, decoded at the
        first alignment that holds one of the ``plain`` keywords."""
        chars = _b64_chars(data[start:end])
        for shift in range(4):
            if len(chars) - shift < 8:
                break
            raw = b64_decode(chars, shift)
            if raw is None:
                continue
            found = any_keyword(plain).search(raw)
            if found is not None:
                shift, raw = _glued_start(chars, shift, raw, found.start())
                # Each 3-byte group maps to its 4 characters in the
                # original: a key is reported where its encoding starts.
                step, parity, text = 3, 0, raw
            else:
                wide = _narrowed(raw, plain)
                if wide is None:
                    continue
                # UTF-16LE text (PowerShell's ``-EncodedCommand``): each
                # character maps to the group its first byte is in.
                step, (parity, text) = 1, wide
            self.add(data, start, end, text, step,
                     lambda at: shift + (parity + 2 * at if step == 1 else at) // 3 * 4)
            return


def _narrowed(raw: bytes, plain: tuple[bytes, ...]) -> tuple[int, bytes] | None:
    """(the byte each character starts at, 0 or 1; the text) of ``raw``
    read as UTF-16LE, where it holds one of the ``plain`` keywords so
    written; a character past ASCII becomes ``?``.  None where it holds
    none."""
    for keyword in plain:
        at = raw.find(keyword.decode('latin-1').encode('utf-16-le'))
        if at != -1:
            parity = at & 1
            return parity, bytes(
                low if high == 0 else 0x3f for low, high in zip(raw[parity::2], raw[parity + 1::2])
            )
    return None


# Bytes that are not text: what a name's letters decoded as base64 make.
_CONTROL_BYTES = bytes(b for b in range(256) if b < 0x20 and b not in b'\t\n\r' or b == 0x7f)
_NOT_ASCII_TEXT = _CONTROL_BYTES + bytes(range(0x80, 0x100))
# Characters that join a name to a value and are base64 characters
# themselves (a URL path's ``/cfg/<base64>``, ``cfg_<base64>``).
_GLUE = b'/_-+'
_GLUE_REACH = 64


_ANY_KEYWORD: dict[tuple[bytes, ...], re.Pattern[bytes]] = {}


def any_keyword(plain: tuple[bytes, ...]) -> re.Pattern[bytes]:
    """One search for the first of the ``plain`` keywords in a decoded
    value: its start is the least of their ``find``'s, in one pass over
    the value, not one a keyword (thousands of short values each decoded,
    a dozen keywords each: most of their CPU)."""
    regex = _ANY_KEYWORD.get(plain)
    if regex is None:
        import re

        regex = _ANY_KEYWORD[plain] = regex_cache.compile(b'|'.join(map(re.escape, plain)))
    return regex


def _glued_start(
        chars: bytes, shift: int, raw: bytes, first: int,
) -> tuple[int, bytes]:
    """(shift, decoded) of a value glued to a name by a base64 character:
    where one such character in the first ``_GLUE_REACH`` is followed, at
    the decoding's alignment, by text up to the keyword, and preceded by
    bytes not all text (the name's letters decoded), the value starts
    after the first; else ``shift`` and ``raw`` as they are.  A value of
    text decodes to no such stray bytes, so it keeps its start.  ``first``:
    where the first keyword starts in ``raw``."""
    for i in range(shift + 4, min(len(chars), _GLUE_REACH), 4):
        if chars[i - 1] not in _GLUE:
            continue
        b = (i - shift) // 4 * 3
        if b >= first:
            break
        if (
                len(raw[:b].translate(None, _NOT_ASCII_TEXT)) < b
                and len(raw[b:b + 3].translate(None, _NOT_ASCII_TEXT)) == 3
                and len(raw[b:first].translate(None, _CONTROL_BYTES)) == first - b
        ):
            return i, raw[b:]
    return shift, raw


# Padding inside a run ends a value there: ``=`` before more base64
# characters is a separator (``VALUE=<base64>``, ``--from-literal=a=<base64>``),
# never a value's own character.
_INNER_PAD = regex_cache.compile(rb'=+(?=[\\\r\n \t]*[' + _B64_CHARS + rb'])')


def _value_at(data: bytes, start: int, end: int, hit: int) -> tuple[int, int]:
    """The stretch of the run ``start``-``end`` that is the value holding
    ``hit``: a name glued to its value by ``=`` is cut off, so the value
    decodes from its own first character (the name's letters are base64
    characters too: decoded with them, an INI file's ``[together]`` would
    follow stray bytes, not stand at a line start)."""
    for m in _INNER_PAD.finditer(data, start, end):
        if m.end() <= hit:
            start = m.end()
        else:
            end = m.start()
            break
    return start, end


def _char_positions(
        data: bytes, start: int, end: int, between: re.Pattern[bytes] | None = None,
) -> list[tuple[int, int]]:
    """(index among the run's base64 characters, offset in ``data``) at
    the start of each stretch of them (between ``_NOT_B64``'s, or
    ``between``'s: base32's)."""
    out = []
    count = 0
    at = start
    for m in (between or _NOT_B64).finditer(data, start, end):
        if m.start() > at:
            out.append((count, at))
            count += m.start() - at
        at = m.end()
    if end > at:
        out.append((count, at))
    return out


# A ``GIT binary patch`` (``git format-patch --binary``, ``git diff
# --binary``): after its header line, a hunk (the new content, ``literal``
# whole or a ``delta``), an empty line, and one more (the old content):
# each zlib data written as lines of base85 (git's alphabet, Python's
# ``b85``), each line's first character its count of bytes (``A``-``Z``
# 1-26, ``a``-``z`` 27-52).
# A hunk's lines of base85: its count, then up to 65 characters.
_GIT_HUNK_LINES = rb'(?:[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]{5,65}\r?\n)+'
_GIT_HUNK = regex_cache.compile(
    rb'\r?\n(?P<kind>literal|delta) (?P<size>[0-9]{1,12})\r?\n(' + _GIT_HUNK_LINES + rb')',
)
_GIT_HUNK_BODY = regex_cache.compile(_GIT_HUNK_LINES)


def git_binary_hunks(
        data: bytes, at: int, first: tuple[bool, int, int] | None = None,
) -> list[tuple[int, int, bool, int, bytes, int]]:
    """(where it starts and ends, whether it is a delta, its size inflated,
    its zlib data, how many hunks of its patch may follow it) of each hunk
    of the binary patch whose header line ends at ``at``: as far as its
    lines decode.  ``first``: the lines of a hunk start at ``at``, whose
    header (whether a delta, its size, how many may follow) was read
    elsewhere (in the window before: ``engine._window_edge``)."""
    from base64 import b85decode

    out = []
    left = 2 if first is None else first[2] + 1
    while left:
        left -= 1
        if first is not None:
            m = _GIT_HUNK_BODY.match(data, at)
            if m is None:
                break
            delta, size, body = first[0], first[1], m.group()
            first = None
        else:
            m = _GIT_HUNK.match(data, at)
            if m is None:
                break
            delta, size, body = m.group('kind') == b'delta', int(m.group('size')), m.group(3)
        raw = []
        for line in body.split(b'\n'):
            line = line.rstrip(b'\r')
            if not line:
                continue
            count = line[0] - (64 if line[0] <= 90 else 70)  # A=1 .. Z=26, a=27 .. z=52
            try:
                raw.append(b85decode(line[1:])[:count])
            except ValueError:
                break
        out.append((m.end() - len(body), m.end(), delta, size, b''.join(raw), left))
        at = m.end()
    return out


def delta_inserts(delta: bytes, after_copy: bytes = b'') -> bytes:
    """What a git delta inserts (its copies from the old content are
    elsewhere in the patch's other hunk), each run of inserts joined as
    it stands in the new content (an insert holds at most 127 bytes: a key
    may span two), a newline where a copy falls between, then
    ``after_copy`` (what a copy may end with: a key's prefix, when a
    delta swaps one key for another and copies the prefix from the old
    content); as far as the delta parses."""
    at = 0
    for _ in range(2):  # the old and new sizes: varints
        while at < len(delta) and delta[at] & 0x80:
            at += 1
        at += 1
    out = []
    while at < len(delta):
        op = delta[at]
        at += 1
        if op & 0x80:  # a copy: its offset and size bytes, one per bit set
            at += bin(op & 0x7f).count('1')
            out.append(b'\n' + after_copy)
        elif op:
            out.append(delta[at:at + op])
            at += op
        else:
            break
    return b''.join(out)


# A byte literal's grammar, as code and programs print bytes: a quoted
# string of bytes whose escapes run over the whole byte range (Python's
# repr of ``bytes``, ``b"\x..."`` in Rust, a C string of ``\x``/octal
# escapes), and a list of integers (decimal, Java's signed bytes, or
# ``0x`` hex).  Read where a mark of a key's bytes that are no text is
# (``engine.BYTES_MARKS``: UTF-16 in a repr or an array), and the bytes
# handed to the path a file's bytes take (``engine.scan_bytes``: wide
# text decoded, a container opened).  A quoted literal stays on its line;
# an array may span lines.  How far from its mark a literal is read each
# way (a UTF-16 ``.env`` of a few hundred variables in one repr).
LITERAL_REACH = 32 << 10
_QUOTED_BYTES = regex_cache.compile(
    rb'''(?<![\w'"])[bB]?(?:'((?:[^'\\\r\n]|\\[^\r\n])*)'|"((?:[^"\\\r\n]|\\[^\r\n])*)")''',
)
_BYTE_ESCAPE = regex_cache.compile(rb'\\(?:x([0-9A-Fa-f]{2})|([0-7]{1,3})|(.))', 16)  # re.DOTALL
_INT_ARRAY = regex_cache.compile(
    rb'[{\[(][ \t\r\n]*((?:(?:-?\d{1,3}|0[xX][0-9A-Fa-f]{1,2})[ \t]*,[ \t\r\n]*){6,}'
    rb'(?:-?\d{1,3}|0[xX][0-9A-Fa-f]{1,2}))[ \t\r\n,]*[}\])]'
    rb'|\[((?:-?\d{1,3}[ \t]+){6,}-?\d{1,3})\]',
)
def _last_quote(data: bytes, lo: int, at: int) -> int:
    """Where the last quote of ``data[lo:at]`` no backslash escapes is
    (-1: none)."""
    while True:
        quote = max(data.rfind(b"'", lo, at), data.rfind(b'"', lo, at))
        if quote <= lo or data[quote - 1] != 0x5C:  # backslash
            return quote
        at = quote - 1


_INT = regex_cache.compile(rb'0[xX]([0-9A-Fa-f]{1,2})|(-?\d{1,3})')
_LITERAL_CONTROL = {b'n': 10, b'r': 13, b't': 9, b'a': 7, b'b': 8, b'f': 12, b'v': 11, b'e': 27, b'0': 0}


def _literal_byte(m: re.Match[bytes]) -> bytes:
    hexed, octal, other = m.groups()
    if hexed is not None:
        return bytes((int(hexed, 16),))
    if octal is not None:
        return bytes((int(octal, 8) & 0xFF,))
    return bytes((_LITERAL_CONTROL.get(other, other[0]),))


def _ints(text: bytes) -> bytes | None:
    out = bytearray()
    for m in _INT.finditer(text):
        hexed, dec = m.groups()
        n = int(hexed, 16) if hexed is not None else int(dec)
        if not -128 <= n <= 255:
            return None
        out.append(n & 0xFF)
    return bytes(out)


def byte_literal_at(data: bytes, at: int) -> tuple[int, int, bytes] | None:
    """(where it starts and ends, the bytes it denotes) of the byte
    literal of ``data`` that holds offset ``at``, within
    ``LITERAL_REACH`` of it: a quoted string on its line (its escapes
    undone over the whole byte range; the nearest ``b'``/``b"`` before
    ``at`` tried first, then the line's literals from its start) or an
    array of integers from the nearest bracket before ``at``.  None when
    ``at`` is in neither (a mark in prose) or a number is no byte."""
    lo, hi = max(0, at - LITERAL_REACH), min(len(data), at + LITERAL_REACH)
    line_lo = max(lo, data.rfind(b'\n', lo, at) + 1)
    line_hi = data.find(b'\n', at, hi)
    line_hi = hi if line_hi == -1 else line_hi
    match = _QUOTED_BYTES.match
    opener = max(data.rfind(b"b'", line_lo, at), data.rfind(b'b"', line_lo, at))
    tried = [match(data, opener, line_hi) if opener != -1 else None]
    # The nearest quote before ``at`` that no backslash escapes: the
    # literal's own opening quote when its body holds no other (a repr
    # without ``b`` after an apostrophe earlier on the line, which the
    # line's literals from its start would pair with it).
    quote = _last_quote(data, line_lo, at)
    if quote != -1:
        tried.append(match(data, quote - (data[quote - 1:quote] in (b'b', b'B')), line_hi))
    tried += _QUOTED_BYTES.finditer(data, line_lo, line_hi)
    for m in tried:
        if m is None:
            continue
        if m.start() <= at < m.end():
            body = m.group(1) if m.start(1) != -1 else m.group(2)
            return m.start(), m.end(), _BYTE_ESCAPE.sub(_literal_byte, body)
        if m.start() > at:
            break
    bracket = max(data.rfind(b'{', lo, at), data.rfind(b'[', lo, at), data.rfind(b'(', lo, at))
    m = _INT_ARRAY.match(data, bracket, hi) if bracket != -1 else None
    if m is not None and m.end() > at:
        raw = _ints(m.group(1) if m.start(1) != -1 else m.group(2))
        return None if raw is None else (m.start(), m.end(), raw)
    return _longer_than_reach(data, at, lo, hi, line_lo, line_hi)


def _longer_than_reach(
        data: bytes, at: int, lo: int, hi: int, line_lo: int, line_hi: int,
) -> tuple[int, int, bytes] | None:
    """A literal that runs past ``LITERAL_REACH`` of its mark (a UTF-16
    ``.env`` of a thousand variables in one repr): the reach around the
    mark read as its body, a quoted one's escapes from the first
    backslash of its line's reach, an array's numbers between its first
    and last comma; None when the reach is not cut (the literal would
    have been found whole) or is no such body."""
    if data[at - 2:at] == b'\\x':  # a quoted literal's mark
        cut = (line_lo == lo > 0 and data[lo - 1] != 0x0A) or (line_hi == hi < len(data) and data[hi] != 0x0A)
        start = data.find(b'\\', line_lo, at)
        if not cut or start == -1:
            return None
        return line_lo, line_hi, _BYTE_ESCAPE.sub(_literal_byte, data[start:line_hi])
    if lo == 0 and hi == len(data):
        return None
    first, last = data.find(b',', lo, at), data.rfind(b',', at, hi)
    if first == -1 or last == -1 or _INT_RUN.fullmatch(data, first + 1, last) is None:
        return None
    raw = _ints(data[first + 1:last])
    return None if raw is None else (lo, hi, raw)


_INT_RUN = regex_cache.compile(rb'(?:[ \t\r\n]*(?:-?\d{1,3}|0[xX][0-9A-Fa-f]{1,2})[ \t\r\n]*,)*[ \t\r\n]*(?:-?\d{1,3}|0[xX][0-9A-Fa-f]{1,2})[ \t\r\n]*')


# A Python traceback with its locals (``traceback.TracebackException(
# capture_locals=True)``, Sentry's and rich's frames, ``pytest
# --showlocals``): under a frame's code line, ``name = 'value'`` lines
# give the values its names held.  A key passed by name
# (``client = Together(api_key=key)``) stands apart from its value
# (``key = '<hex>'``), and a legacy key is a key only beside its name.
# ``locals_view`` writes each code line that passes a local as a keyword
# argument again with the local's value in its place, as a debugger shows
# the frame: ``client = Together(api_key='<hex>')``, the value a copy of
# the local's line, so a key is reported where the file holds it.  A
# local belongs to the code lines above it up to the frame's start (a
# ``File "…", line N`` line, or a line not indented), the nearest
# ``_FRAME_LINES`` of them (pytest's ``E`` lines and empty lines passed
# over); one pass over the lines.  Asked where ``engine.TRACEBACK_MARKS`` are.
_LOCAL = regex_cache.compile(
    rb'(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]{0,63})[ \t]+=[ \t]+([\'"])([^\'"\r\n]{1,512})\2[ \t]*\r?$',
)
_FRAME_LINES = 24
# A local of any value as pytest shows it, at the line's start (``client
# = <Together object at 0x…>``, ``choices    = []``): one of the frame's
# locals, listed by name, so never a frame's start (a local sorted before
# the key's would cut the key from the call that passed it).
_SHOWN_LOCAL = regex_cache.compile(rb'[A-Za-z_][A-Za-z0-9_]{0,63} +=(?: |$)')
# The view serves a legacy key (a current key is found in the raw bytes
# alone): a file with no run of 64 lowercase hex digits is not walked (the
# value is copied as the file holds it, so the view holds no such run the
# file lacks).  Sympy's sources hold doctest tracebacks: walking each of
# their lines cost the bench tree a fifth of its CPU.
# (Each byte mapped to 1 when a lowercase hex digit, then 64 ones looked
# for: one pass in C, where a regex tries every start.)
_HEX_ONES = bytes(int(c in b'0123456789abcdef') for c in range(256))
_LEGACY_RUN = b'\x01' * 64
# A longer line is read as no code line (a traceback shows a source line;
# a crafted one of many ``=name`` would be walked for each local).
_CODE_LINE = 4096
_NAME_BYTES = _WORD_BYTES - {ord('-')}  # a Python name's characters


def _passed_by_keyword(line: bytes, name: bytes) -> int:
    """Where ``line`` passes ``name`` as a keyword argument's value
    (``api_key=key)``, not ``key.strip()`` nor ``x == key``), or -1."""
    at = line.find(b'=' + name)
    tries = 16  # a code line passes a name a few times at most
    while at > 0 and tries:
        tries -= 1
        end = at + 1 + len(name)
        after = line[end:end + 16].lstrip(b' \t')[:1]
        if (line[at - 1] in _NAME_BYTES and (end == len(line) or line[end] not in _NAME_BYTES)
                and after not in (b'=', b'(', b'.', b'[')):
            return at + 1
        at = line.find(b'=' + name, at + 1)
    return -1


def holds_legacy_run(data: bytes) -> bool:
    """Does ``data`` hold a run of 64 lower-case hex digits (one pass in C)?"""
    return _LEGACY_RUN in data.translate(_HEX_ONES)


def locals_view(data: bytes) -> View | None:
    """Each code line of a traceback that passes a local by keyword,
    written with the local's value in its place (the notes above); None
    when there is none."""
    if not holds_legacy_run(data):
        return None
    out = bytearray()
    starts: list[int] = []
    sources: list[int] = []
    copied: list[int] = []

    def put(piece: bytes, source: int, copy: int) -> None:
        starts.append(len(out))
        sources.append(source)
        copied.append(copy)
        out.extend(piece)

    code: list[tuple[int, bytes]] = []  # the frame's code lines so far, at most _FRAME_LINES
    begin, size = 0, len(data)
    while begin < size:
        end = data.find(b'\n', begin)
        end = size if end == -1 else end
        at_line, line, begin = begin, data[begin:end].rstrip(b'\r'), end + 1
        if not line.strip() or line.startswith(b'E '):
            continue
        m = _LOCAL.match(data, at_line, at_line + len(line))
        if m is None:
            if (line.lstrip().startswith(b'File "') or line[:1] not in (b' ', b'\t', b'>')) and (
                    _SHOWN_LOCAL.match(line) is None):
                code = []  # a frame starts
            elif len(line) <= _CODE_LINE:
                code = code[1 - _FRAME_LINES:] + [(at_line, line)]
            continue
        name = m.group(1)
        for start, text in reversed(code):
            at = _passed_by_keyword(text, name)
            if at >= 0:
                put(text[:at] + m.group(2), start, 0)
                put(m.group(3), m.start(3), 1)
                put(m.group(2) + text[at + len(name):] + b'\n', start, 0)
                break
    if not out:
        return None
    starts.append(len(out))
    sources.append(len(data))
    copied.append(0)
    return View(bytes(out), 'raw', None, starts, sources, copied)
