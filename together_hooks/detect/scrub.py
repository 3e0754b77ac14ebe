"""Scrubbing at the edge: nothing key-shaped, nothing that injects, leaves.

One step every output passes through (``Scrubber.scrub``): the report in
each format, errors, progress, the audit log, ``--output`` files and
``baseline audit``.  ``install`` puts a ``Sink`` in front of ``sys.stdout``
and ``sys.stderr``, so whatever a command prints is scrubbed with what the
run knows; the pipeline teaches it each key it finds (``learn``).

What goes:
- every form of every key known in the run (found, or the developer's
  own): raw, its body, base64 at any alignment (standard and URL-safe),
  base32 and base85 (also in ASCII85's and Z85's letters), percent-encoded; and any piece of 9 or more characters of one of those
  (but percent-encoded), where the whole form is not, and the key spelt
  out with gaps (``_GAP``: a column too narrow for a piece): a key the engine
  finds wrapped across lines (a CI log at its width, base64 at 76
  columns) shows only pieces, one a line, in the lines ``baseline audit``
  shows; a name cut to fit holds only a piece;
- anything format-valid, known or not: a ``tgp_v1_`` run, base64 or
  percent-encoding that decodes to one, a legacy key with its Together
  context (the engine's own rules), a key wrapped across lines, cut by
  spaces or tabs, or in base64 wrapped across lines (learnt, so its
  pieces go); a uuencoded line holding some of a key (``_uu_out``: read
  with the next two, a key's prefix there, or a known key's piece);
- a key in letters that fold to it (NFKC: fullwidth ``ｔｇｐ＿ｖ１＿…``,
  mathematical bold) or are drawn as its own (Cyrillic ``о``, Greek
  ``ν``: ``_LOOK_ALIKE``), read as folded, and in decoded text a key in
  UTF-16 or UTF-32 (its NUL bytes dropped); a legacy key in capitals,
  all or some (known, or with its Together context);
- control characters (ESC, BEL, CR inside a line, C1, DEL), written as
  ``\\u00XX`` (valid inside JSON strings too);
- ``::`` at the start of a line (a GitHub workflow command from a file
  name), unless the github report itself is being written.
"""
from __future__ import annotations

import os
import sys

from together_hooks.findings import redact
from together_hooks.findings import SHOWN_LINE
from together_hooks.findings import shown_ends

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import Callable
    from typing import Collection
    from typing import Iterable
    from typing import Iterator

    from together_hooks.detect.needles import Needles

_TGP_RUN = r'tgp_v1_[A-Za-z0-9_-]{43,}'
# What ``_keys_out`` redacts of a ``tgp_v1_`` run whatever the run knows:
# a key, and one cut short by up to 7 characters (a name cut at 49, a
# value a log or a column cut: the few missing are 42 bits at most, so
# what is left is the key to whoever tries the endings), in its case or
# all in capitals (a name or a variable upper-cased).
_TGP_SHOWN = r'(?:tgp_v1_|TGP_V1_)[A-Za-z0-9_-]{36,}'
# Long enough to hold a key's 50 bytes at any alignment (68 chars), with
# room to spare: a base64 or percent run that might decode to a key.
_B64_RUN = r'[A-Za-z0-9+/_-]{40,}={0,2}'
# A run of percent-encoding's characters holding an escape (``%XX``), from
# the start of the run (a run with none is left as it is: found, each of
# the ~85,000 words of a SARIF report cost a call that gave it back).
_PCT_CHAR = r'[A-Za-z0-9_.~+/=-]'
_PCT_RUN = r'(?<!%s)%s*?%%[0-9A-Fa-f]{2}(?:%%[0-9A-Fa-f]{2}|%s)*' % (_PCT_CHAR, _PCT_CHAR, _PCT_CHAR)
# C0 (but tab and newline), DEL, C1, and the characters a terminal does
# not show: Unicode's default-ignorable code points (zero-width ones, bidi
# controls that reorder what is shown, BOM, soft hyphen, combining
# grapheme joiner, Hangul fillers, variation selectors, tags, the
# unassigned specials U+FFF0-FFF8) and the interlinear annotation marks
# (U+FFF9-FFFB, format characters a terminal draws as nothing), the line and
# paragraph separators (a break, or a space); a byte of a name that is
# not UTF-8 (its surrogate escape), and any other lone surrogate (JSON
# may hold one: no UTF-8 encodes it).
_CONTROL = (
    r'[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5'
    r'\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f'
    r'\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff'
    r'\ud800-\udfff]'
)
# The hex of a current key is 100 characters.
_HEX_RUN = r'[0-9A-Fa-f]{100,}'
# Hex long enough to spell a piece of a known key (``_known_hex_out``): 16
# bytes, a piece's length and more.
_HEX_PIECE_RUN = r'(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}'
_KEY_PIECE = r'[A-Za-z0-9_-]{9}'
# Hex text with its bytes apart (``xxd -p`` wrapped, ``74 67 70``,
# ``74:67``, ``0x74, 0x67``, ``\\x74``): what the engine reads as hex text
# (``codec``), shown only redacted once its digits joined hold a key.
_HEX_SEP = r'(?:[ \t,:]|\r?\n|0x|\\x)+'
_GAPPED_HEX_RUN = r'(?<![0-9A-Za-z])(?:0x|\\x)?[0-9A-Fa-f]{2,}(?:%s[0-9A-Fa-f]{2,})+' % _HEX_SEP
# A run of base32 inside a base64 run (``_B64_RUN``), as long as one
# (``_decodings``).
_B32_RUN = r'[A-Z2-7]{40,}=*'
# A base85 run long enough to hold a key (63 characters; ``codec.radix_view``).
_B85_RUN = r'[0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]{60,}'
_LEGACY = r'[0-9a-f]{64}'
# A run that may hold a known legacy key (``_legacy_in``).
_LOW_HEX_RUN = r'[0-9a-f]{64,}'
# A 64-hex digest standing alone (``_in_context``).
_OWN_DIGEST = r'(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])'
# A run that may hold a legacy key in capitals, all or some of them.
_CASED_HEX = r'[0-9A-Fa-f]{64,}'
# A Together variable's value that is a key (``_environ_keys``).
_ENV_KEY = f'{_TGP_RUN}|{_LEGACY}'
# A legacy key, in either case, in the name of a variable holding a key.
_NAMED_HEX = r'(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])'
_SGR = r'\x1b\[[0-9;]*m'
# What a line holds when a reading of it may differ from it (``_still``):
# ``_ESCAPE_LEAD``'s characters, ``+A`` (of ``+AF8``), a C0 control or DEL,
# any letter past ASCII but the ellipsis of a redaction (a C1 control, an
# invisible character or one that folds: ``_CONTROL``, ``_folds``).
_STIRS = r'[\\\x1b%&\x00-\x08\x0b-\x1f\x7f]|\+A|[^\x00-\x7f\u2026]'
_SGR_OR_CONTROL = _SGR + '|' + _CONTROL
# A line that starts with ``::``: a GitHub workflow command.
_COMMAND = r'(?m)^::'
# What the engine's escape readings start from (``codec.escapes_view``).
_ESCAPE_LEAD = r'[\\\x1b%&]|\+AF8'
# Characters written by their codes (``_coded``), which no escape
# reading undoes: a list of decimal bytes or code points (``116, 103,
# 112``, a JSON or Python list, ``String.fromCharCode(...)``, blanks
# between), and each character as ``%u0074`` (JavaScript's ``escape``),
# CSS's ``\74 `` (one to six hex digits, one blank ending it) or
# ``U+0074``.  A line holding eight or more in a row (or an escape) is
# read with them undone; it goes so only where that reading shows a key.
_DEC_LIST = r'(?<![\w.])\d{1,3}(?:[ \t]*[,;][ \t]*\d{1,3}|[ \t]+\d{1,3}){7,}(?![\w.])'
_CODE = r'%u([0-9A-Fa-f]{4})|\\([0-9A-Fa-f]{1,6}) ?|U\+([0-9A-Fa-f]{4,6})[ \t,]?'
_CODED = _DEC_LIST + r'|(?:(?:%u[0-9A-Fa-f]{4}|U\+[0-9A-Fa-f]{4,6}[ \t,]?)){8}'
# Eight or more characters by their codes in a row (``_CODE``).
_CODE_RUN = r'(?:%u[0-9A-Fa-f]{4}|\\[0-9A-Fa-f]{1,6} ?|U\+[0-9A-Fa-f]{4,6}[ \t,]?){8,}'
# Quoted-printable that may hold a key (``_qp_read``): an encoded ``_``
# (a current key's prefix; a mail header's every one), an encoded ``=``
# (before a value: the mark the engine reads a file by), or three escapes
# in a run (every byte encoded); in either case.  ``port=80`` is none.  A
# line shown may be cut from a file that said it is quoted-printable.
_QP_LEAD = r'=5[Ff]|=3[Dd]|(?:=[0-9A-Fa-f]{2}){3}'
_QP_ESCAPE = r'=[0-9A-F]{2}'
# A line of quoted-printable: its soft line breaks (``=`` ending a line,
# which a conformant writer puts every 76 characters) join the next.
_QP_LINE = r'(?:[^\n]*=\r?\n)*[^\n]+'
_QP_SOFT = r'=\r?\n'
_QP_BYTE = rb'=([0-9A-Fa-f]{2})'
# Pieces of known forms: every piece of ``_PIECE`` characters or more
# holds a ``_GRAM`` at one of the indexed places of its form (every
# ``_PIECE - _GRAM + 1``-th); the index stays a quarter of the forms' size.
_PIECE = 9
_GRAM = 6
# The pieces' index (``Scrubber._index_pieces``): 64-bit entries, a
# gram's hash tag, its form's number and its place in it, in buckets by
# the hash's low bits: about 8 bytes a place (a dict of tuples by gram
# took 230: 70 KB a key, 2.9 GB for a file of 40,000 legacy keys).
_BUCKET_BITS = 16
_BUCKETS = 1 << _BUCKET_BITS
_AT_BITS = 14
_MAX_AT = 1 << _AT_BITS  # a form's places past this are not indexed
_NUMBER_BITS = 26
_NUMBER_MASK = (1 << _NUMBER_BITS) - 1
_TAG_SHIFT = _AT_BITS + _NUMBER_BITS
_TAG_MASK = (1 << (64 - _TAG_SHIFT)) - 1
# A bit a gram's hash (its low ``_SEEN_BITS``), set for every gram indexed
# (``_index_pieces``): ``_pieces_out`` looks a place up in the index only
# where its gram's bit is set.  Nearly every bucket holds some entry, so
# without it each place of a report's runs cost a bisect of its bucket
# (a SARIF report of 537 findings: 300,000 look-ups, most of the pieces'
# pass).  At most 2 MB (``_SEEN_BITS``); a bit set by another gram only
# costs the look-up it saves.  Sized by the places indexed, at least
# ``_SEEN_PER_PLACE`` bits each (about 0.4% of a report's places looked up
# in vain): a report of a few keys touched all 512 pages of 2 MB, ~1.4 ms
# of page faults in a fresh process, for ~5,000 places.  Sized for the
# keys a ``_known_forms`` learns (``_PLACES_A_KEY`` each), grown
# ``_SEEN_GROWTH`` times at least (``_reserve``: each gram is set again a
# few times in all), every indexed gram's bit set again from the entries.
_SEEN_BITS = 24
_SEEN_MASK = (1 << _SEEN_BITS) - 1
_SEEN_PER_PLACE = 256
_SEEN_LEAST = 1 << 12  # bytes
_SEEN_GROWTH = 4
_PLACES_A_KEY = 400


# The keys a run learns every form of (``Scrubber.learn``): each costs
# ~1-2 ms of CPU and ~15 KB to learn, and a run may know any number (a 1 MB
# ``.env`` holds 12,000; env files and findings have no count).  The
# developer's own keys, read before the first line (an error line pays for
# them), at most ``MAX_HELD``; keys found, at most ``MAX_KNOWN`` in all (a
# scan that found them spent far more).  Past either, the scrub cannot
# check the others' pieces, so it fails closed: every run that may be a
# piece of one (``_OVER_RUN``: 16 characters of a key, base64, hex or an
# escape, 96 bits; characters by their codes or a hex list, ``_CODED``,
# ``_CODE_RUN``, ``_GAPPED_HEX_RUN``) is shown as ``WITHHELD``, and the
# run says so once (``_over_notice``).
MAX_HELD = 2048
MAX_KNOWN = 16384
WITHHELD = '[withheld]'
_OVER_RUN = r'[A-Za-z0-9+/=_%\\-]{16,}'
# Past a cap, what else may spell a whole key the scrub reads when it
# knows one (``_rejoined``, ``_forms``): its characters one by one
# between spaces, as HTML character references, and base85 (no ``.``,
# ``/``, ``:`` or quote: 40 characters, 32 bytes of a 50-byte key, that
# are not already a run of ``_OVER_RUN``).
_OVER_SPELT = (
    r'(?<!\S)(?:\S[ \t]){15,}\S(?!\S)'
    r'|(?:&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});?){8,}'
    r'|[0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]{40,}'
)
# Learnt in batches so large: entries wait in a bucket's pending list
# (``Scrubber._pending``, read unsorted by ``_places_of``) until this many
# keys are, then the buckets are sorted once.  Merged each time something
# was shown, a run learning a key a line (detect-secrets' plugin) sorted
# every bucket again each key: its cost grew with the keys squared.
_BATCH = 1024


# base64's and base85's characters (a known key's base85 holds ``;#*``).
# (ASCII85's and Z85's letters too: ``"',.:[\]``.)
_PIECE_RUN = r'[A-Za-z0-9+/=_!#$%%&()*;<>?@^`{|}~"\',.:\[\\\]-]{%d,}' % _PIECE
# What may come between the characters of a known key that a reader
# still reads as one: white space and line breaks (escaped too: ``\n``,
# ``%0A`` in a SARIF uri or a workflow command's ``file=``),
# a comment's lead on a wrapped line, quotes and ``+`` of literals joined,
# quoted-printable's soft line break (``=`` ending a line).
# A line's lead, known by its shape: what a program puts before each line
# it prints, and a reader skips when joining a value cut across lines (up
# to four, any order): a worker's or a job's ``[worker-1]``, a timestamp
# (ISO, or a clock's ``03:04:05.123``), a label (``remote:``, ``stderr:``),
# a line number (``12:``, ``12 |``), a comment's or a reply's lead (``#``,
# ``//``, ``*``, ``>``, ``;``, ``|``), a diff's gutter (``+``, ``-``,
# ``--``; a space is white space).  A gutter's ``-`` is a key's character
# too, and ``+`` base64's: ``_unglued`` reads a run both ways.
_LEAD_ONE = (
    r'\[[^\]\n]{1,40}\]'
    r'|\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?'
    r'|\d\d:\d\d:\d\d(?:[.,]\d{1,9})?'
    r'|[A-Za-z][A-Za-z0-9_.-]{0,30}:(?=[ \t])'
    r'|\d{1,7}(?::|[ \t]*\|)'
    r'|//|--|[#*>;|+-]'
)
_LEAD = r'(?:[ \t]*(?:%s)){0,4}[ \t]*' % _LEAD_ONE
# The same but a gutter's ``-`` (a key's character: ``_unglued``).
_LEAD_NO_DASH = _LEAD.replace('|//|--|[#*>;|+-]', '|//|[#*>;|+]')
# A line break, raw or escaped (JSON's ``\n``, a URI's ``%0A``), after
# quoted-printable's soft ``=`` or not, and the next line's lead.
_NEWLINE = r'[ \t]*=?(?:\r?\n|(?:\\r)?\\n|(?:%0[Dd])?%0[Aa])'
_LINE_GLUE = _NEWLINE + _LEAD
# What may come between the characters of a known key that a reader
# still reads as one: white space and line breaks (escaped too: ``\n``,
# ``%0A`` in a SARIF uri or a workflow command's ``file=``) with the
# next line's lead (``_LEAD``), quotes, commas and ``+`` of literals or a
# list's strings joined, quoted-printable's soft line break (``=`` ending
# a line), a ``\\`` before white space (a line continued, a space escaped
# for a shell: an error puts an argument's lines on one, ``\\ ``).
_GAP = r'(?:%s|\s|\\[nrt]|\\(?=\s)|%%0[9ADad]|%%20|[#/*>;"\'+`=,]){0,8}' % _LINE_GLUE
# The same between the characters of a known key's base64, but ``/`` and
# ``+``, which base64 holds (but as a line's lead).
_B64_GAP = r'(?:%s|\s|\\[nrt]|\\(?=\s)|%%0[9ADad]|%%20|[#*>;"\'`,]){0,8}' % _LINE_GLUE
# A line break (or its escape) where a key is wrapped, with the next
# line's lead (a comment's, a reply's ``> > ``, a diff's ``+``; up to
# three), and a key cut by them anywhere, ``tgp_v1_`` too, glued to other
# text or not (as ``_TGP_RUN``).
_BREAK = '(?:%s)' % _LINE_GLUE
# Glue: what a reader skips when joining the pieces of a value cut up in
# output (one piece of it; ``_GLUE``, a run): a line break, raw or escaped,
# with the next line's lead (``_LEAD``); white space, raw or escaped
# (``\t`` in JSON, ``%20`` in a SARIF uri; ``\xa0``, ``\u3000`` in a repr
# or JSON), any escaped character; a ``\\`` before white space (a line
# continued, a space escaped for a shell); folders' ``/``; quotes, commas and
# ``+`` (a list's strings, or literals joined).  A key's characters are
# never glue, but a gutter's ``-`` may be (read both ways: ``_unglued``).
_GLUE_ONE = r'|\s|/|\\[nrt]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\(?=\s)|%(?:0[9ADad]|20)|[,"\'`+]'
_SPACE = _BREAK + _GLUE_ONE
# A legacy key cut by glue, in capitals or not: 64 hex digits
# starting a run, learnt only with its Together context (``_learn_spaced_hex``).
_SPACED_HEX = r'(?<![0-9A-Fa-f])(?:[0-9A-Fa-f](?:%s){0,8}){63}[0-9A-Fa-f]' % _SPACE
# Base64 wrapped across lines (raw or escaped breaks, indented or not): a
# value ``base64`` wraps at 76, pasted as an argument, at any width; or
# split across a JSON list's strings (``"QUJD", "REVG"``, as the engine's
# ``codec._B64_RUN`` joins them).  From where a run starts only: a long
# run ending in no break is read once.
#
# Its lines may be led by a comment's ``# `` (a commented block), or
# joined by spaces (``$(cat f.b64)``, an error putting an argument's lines
# on one); so joined, only a stretch cut at one width is read as one
# value (``_even_stretches``): words of prose are joined by spaces too.
_B64_JOIN = _LINE_GLUE + r'|"[ \t]*,[ \t]*"|[ \t]+'
_WRAPPED_B64 = (
    r'(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]+'
    r'(?:(?:%s)[A-Za-z0-9+/_-]+)+={0,2}' % _B64_JOIN
)
# A join that is a line break, escaped or not, or a JSON list's comma.
_B64_JOIN_NO_GUTTER = (
    _NEWLINE + _LEAD.replace('|//|--|[#*>;|+-]', '|//|[#*>;|]') + r'|"[ \t]*,[ \t]*"|[ \t]+'
)
_B64_LINE_JOIN = r'\n|\\n|%0[Aa]|",'
_NOT_B64 = r'\\[rn]|[^A-Za-z0-9+/_-]'
# Key characters and folders' separators, ``/`` and Windows' ``\``
# (doubled where a report escapes it: JSON, a repr): where ``_learn_cut``
# looks (one class, so a long run without one is never backtracked into).
_CUT_RUN = r'[A-Za-z0-9_/\\-]+'
_FOLDER_SEP = r'[/\\]'
# A separator written encoded (``%5C``, ``%252F``, ``\\x5c``, ``\\u005c``,
# ``&#92;``): ``_learn_cut`` reads it as one.  The reading that decodes
# it (``_rejoined``) also reads a Windows folder's ``\\t`` before the
# key's own ``t`` as a tab, so the key was learnt from none
# (``C:\\Users\\t%5Cgp_v1_…``).
_ENCODED_SEP = r'(?i:%(?:25)?(?:2f|5c)|\\x(?:2f|5c)|\\u00(?:2f|5c)|&#(?:47|92|x2f|x5c);)'


# A run of glue (``_unglued``, ``_learn_glued``).
_GLUE = '(?:%s)+' % _SPACE
_GLUE_NO_DASH = '(?:' + _NEWLINE + _LEAD_NO_DASH + _GLUE_ONE + ')+'
# The same three taken out of a text, tried only where one of their
# pieces can start (every piece of ``_GAP``, ``_B64_GAP`` and ``_GLUE``
# starts with one of these characters): a text holds the same with them
# taken out, and the regex does not try each alternative of a line's lead
# at every letter (a report line of 120 characters: ~120 -> ~20 us).
_GAP_OUT = r'(?=[\s=\\%#/*>;"\'+`,])' + _GAP
_B64_GAP_OUT = r'(?=[\s=\\%#*>;"\'`,])' + _B64_GAP
_GLUE_OUT = r'(?=[\s=\\%/,"\'`+])' + _GLUE
# A line's start with a gutter's ``-``: a run is read both ways.
# (Searched for only, never matched for its span: from the start of a
# run of blanks, as any match inside one starts there too; tried at each
# blank of a report's indentation, the search cost a SARIF report 0.4 s.)
# Tried first at each place: a character ``_NEWLINE`` can start with (the
# search has no literal to skip to; a lookbehind alone at every place of a
# 1.4 MB SARIF report cost 0.16 s a search, this 0.10).
_DASH_LEAD = r'(?=[ \t=\r\n\\%])(?<![ \t])' + _NEWLINE + _LEAD_NO_DASH + '-'
_KEY_IN_VIEW = r'(?:tgp_v1_|TGP_V1_)[A-Za-z0-9_-]{43}'
# Where a quoted field name ends (``"line":``, ``'path' :``): its piece is
# a name, never the rest of the value before it (``_learn_glued``).
_FIELD_NAME_END = r'["\'][ \t]*:'
# Where a quoted value ends before the next field (``",`` or a quote
# then a line break): the glue before a field name's piece holds it.
_VALUE_END = r'["\'][ \t]*(?:,|\r?\n)'
_KEY_CHARS = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')
# A piece that reads as a name (``README``, ``Makefile``, ``test_scrub``,
# ``v2``), not as random characters.
_WORD_PART = r'[A-Z][a-z]+|[a-z]{2,}|[A-Z]{2,}|[0-9a-f]{7,40}'
_WORD = r'[_-]*(?:%s)(?:[_.-]?(?:%s))*' % (_WORD_PART, _WORD_PART)
# A piece of a listing too short for a name, a count, or the prefix a
# listing was searched for: ``ok``, ``v2``, ``967``, ``tgp_v1_``; a key's
# random pieces are seldom all of these (``_a_listing``).
_SHORT_WORD = r'[a-z]{2}|[a-z][0-9]|[0-9]+|tgp_v1_'


def _runs_on(text: str, end: int) -> bool:
    """Whether a spaced run (``_SPACED_HEX``) ending at ``end`` runs on,
    closed, into the key characters after it (``sha256/<digest>`` read
    from the ``a`` of ``sha``): a run of 64 hex digits and more, which
    the rules read as a key only after a sized prefix (``@``, a NUL)."""
    return end < len(text) and text[end] in _KEY_CHARS


def _after_letters(text: str, start: int) -> bool:
    """Whether a spaced run starting at ``start`` stands right after two
    ASCII letters (``sha256/…`` from its ``a``): no reading of the engine
    puts a sized value's prefix (``@``, a NUL) there.  What a reading
    drops or makes right before a run ends in a hex digit (``\\x40``,
    ``%40``, ``=40``), ``;`` or ``}`` (``&#64;``, ``\\u{40}``), a
    backslash and a letter (``\\n``), a control sequence's letter after
    ``[``, a digit or ``;``, a line's lead (``:``, ``]``, a blank, a
    timestamp's digit or ``Z`` after one), or is no ASCII letter."""
    return start >= 2 and text[start - 2:start].isascii() and text[start - 2:start].isalpha()


def _unglued(
        text: str, glue: str, give_back: int = 0, spans: list[tuple[int, int, int]] | None = None,
) -> tuple[str, list[int], list[int]]:
    """``text`` as a stream of pieces with the glue between them dropped
    (``_GLUE``), as a reader joins a value cut up: the joined text, and
    where each piece starts in it and in ``text``.  ``give_back``: up to
    that many of the ``-`` ending a line's lead are the next piece's (a
    gutter's ``--`` before a piece starting with a key's ``-``); ``-1``:
    those past the fewest any line's lead ends in (each line led alike)."""
    pieces: list[str] = []
    joined: list[int] = []
    shown: list[int] = []
    at = size = 0
    if spans is None:
        spans = _glue_spans(text, glue)
    fewest = min((n for _, _, n in spans if n), default=0)
    for start, end, dashes in spans:
        if give_back and dashes:
            back = dashes - fewest if give_back < 0 else give_back
            end -= min(back, dashes, end - start - 1)
        if start > at:
            pieces.append(text[at:start])
            joined.append(size)
            shown.append(at)
            size += start - at
        at = end
    if at < len(text):
        pieces.append(text[at:])
        joined.append(size)
        shown.append(at)
    return ''.join(pieces), joined, shown


def _glue_spans(text: str, glue: str) -> list[tuple[int, int, int]]:
    """Where ``glue`` stands in ``text`` (``_unglued``): start, end, and
    how many ``-`` it ends in."""
    spans = []
    for m in _pattern(glue).finditer(text):
        glued = m.group()
        spans.append((m.start(), m.end(), len(glued) - len(glued.rstrip('-'))))
    return spans


def _a_listing(pieces: list[str], runs_on: bool) -> bool:
    """Whether the pieces of a key's body joined across glue are names, one
    a piece (a listing after a line ending in ``tgp_v1_``: ``git log
    --oneline | grep tgp_v1_``, file names): the pieces before the last
    (which is cut where a key would end, or goes on past it: ``runs_on``)
    each a name of three characters or more (``_WORD``), a short word or a
    number (``_SHORT_WORD``), a gutter's ``-`` before it or not; and all
    of them, the last too, holding so few kinds of characters that a key's
    random pieces do as well less often than ``_LISTING_CHANCE``
    (``_named_beyond_chance``).  A grammar of names alone lets through a
    random key's pieces once in thousands of cuts (``ok``, ``v2``, ``Xy``
    read as names); that bound holds for any cut."""
    named = pieces[:-1]
    return bool(named) and all(
        _pattern(_SHORT_WORD).fullmatch(piece.lstrip('-'))
        or len(piece) >= 3 and _pattern(_WORD).fullmatch(piece) for piece in named
    ) and _named_beyond_chance(pieces)


# The chance a key's random pieces look as named as a listing's may, at
# most (``_named_beyond_chance``): a key cut so is shown whole once in so
# many cuts at most, whatever its pieces' lengths (and far fewer: its
# pieces must read as names too).  1e-9, as the engine's placeholder
# tests (leak35; it was 1e-5, which showed a key cut so once in 100,000
# cuts): three camel-cased names after ``tgp_v1_`` (``grep -l``:
# ``TestRunnerAlpha``, 1.7e-6) and lower-case words now read as a key,
# redacted (fails safe).
_LISTING_CHANCE = 1e-9
# The classes of a key's characters, and how many of a key's 64 each
# draws (``_named_beyond_chance``): as typed; and as a key shown in one
# case draws them (a lower-cased key's ``a-f`` are its ``a-fA-F``), so a
# key lower- or upper-cased is weighed as one, not as a listing of names
# (its pieces lack a case: scored against 64 kinds, they read as names
# far more often than 1e-5).
_CLASSES = (
    ('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 26), ('abcdef', 6), ('ghijklmnopqrstuvwxyz', 20),
    ('0123456789', 10), ('_-', 2),
)
_CLASSES_LOWER = (('abcdef', 12), ('ghijklmnopqrstuvwxyz', 40), ('0123456789', 10), ('_-', 2))
_CLASSES_UPPER = (('ABCDEF', 12), ('GHIJKLMNOPQRSTUVWXYZ', 40), ('0123456789', 10), ('_-', 2))


def _classes_of(body: str) -> tuple[tuple[str, int], ...]:
    """The classes ``body`` (a key's body as cut) is weighed by: a body
    lacking a case was drawn so (a key lower- or upper-cased) or is a key
    so drawn by chance (once in 5e9 keys)."""
    if not any(c.isupper() for c in body):
        return _CLASSES_LOWER
    if not any(c.islower() for c in body):
        return _CLASSES_UPPER
    return _CLASSES


def _one_case(body: str) -> bool:
    """Does ``body`` lack a case (``_classes_of``: a key shown in one)?"""
    return _classes_of(body) is not _CLASSES


def _named_beyond_chance(pieces: list[str]) -> bool:
    """Whether ``pieces`` (a key's body as cut: the last one ends where a
    key would) hold so few of the key characters' classes (capitals,
    ``a-f``, ``g-z``, digits, ``_-``) that a key's random pieces of their
    lengths do as well less often than ``_LISTING_CHANCE``.  Names keep to
    one or two classes a piece (``config``, ``README``, a commit id's
    ``[0-9a-f]``, ``87190``), or are capitalised words run together
    (``_CAMEL``); a key's pieces mix them.  The score of a piece is how
    likely a random one of its length uses only as many characters as its
    classes hold (or is camel-cased); a random key's scores are summed
    exactly (``_score_tail``), so the bound holds for any number of pieces
    of any length.  (A grammar of names alone does not: a random key's
    short pieces read as ``ok``, ``v2``, ``Xy-old`` one cut in thousands.)"""
    import math

    classes = _classes_of(''.join(pieces))
    total = 0.0
    for piece in pieces:
        held = sum(size for chars, size in classes if any(c in chars for c in piece))
        if held == 0:  # a character no class of this case holds: no key's piece
            return False
        score = len(piece) * math.log(held / 64)
        if piece.lstrip('-') == 'tgp_v1_':  # the prefix a listing was searched for
            # one string of its length (a gutter's ``-`` before it or not)
            score = min(score, math.log(_prefix_chance(classes) / 64 ** (len(piece) - 7)))
        if classes is _CLASSES and _pattern(_CAMEL).fullmatch(piece):  # ``MyComponentView``
            score = min(score, math.log(_camel_count(len(piece)) / 64 ** len(piece)))
        total += score
    return _score_tail(tuple(len(piece) for piece in pieces), total, classes) < _LISTING_CHANCE


def _prefix_chance(classes: tuple[tuple[str, int], ...]) -> float:
    """How often a random piece of 7 drawn by ``classes`` is ``tgp_v1_``."""
    chance = 1.0
    for c in 'tgp_v1_':
        chars, size = next(((chars, size) for chars, size in classes if c in chars), ('', 0))
        chance *= size / len(chars) / 64 if chars else 0.0
    return chance


# Capitalised words run together, after a lower-case one or not.
_CAMEL = r'[a-z]*(?:[A-Z][a-z]+)+'


def _camel_count(length: int) -> int:
    """How many strings of ``length`` letters are ``_CAMEL``."""
    lower = upper = done = 0  # ending so: before a capital, after one, after its word
    lower = 1  # the empty start
    for _ in range(length):
        lower, upper, done = lower * 26, (lower + done) * 26, (upper + done) * 26
    return done


_BIN = 0.1  # nats: scores are summed in steps so wide (rounded to the safe side)


def _score_tail(
        lengths: tuple[int, ...], observed: float, classes: tuple[tuple[str, int], ...] = _CLASSES,
) -> float:
    """The chance that random pieces of ``lengths`` (drawn by ``classes``)
    score at most ``observed`` (``_named_beyond_chance``): each piece's
    classes drawn as a random piece's are (inclusion and exclusion over
    the classes), the scores summed over the pieces, each rounded down
    (toward a listing)."""
    import math

    return _tail(lengths, math.ceil(observed / _BIN), classes)  # the observed score rounded up


def _tail(
        lengths: tuple[int, ...], limit: int, classes: tuple[tuple[str, int], ...] = _CLASSES,
) -> float:
    """``_score_tail`` in steps of ``_BIN``."""
    dist, done = {0: 1.0}, 0.0  # scores only fall: at the limit, counted for good
    for length in lengths:
        nxt: dict[int, float] = {}
        for have, p in dist.items():
            for score, q in _law(length, classes):
                if have + score <= limit:
                    done += p * q
                else:
                    nxt[have + score] = nxt.get(have + score, 0.0) + p * q
        dist = nxt
    return done + sum(p for have, p in dist.items() if have <= limit)


# ``_law``'s, a length and a table of classes each
_LAWS: dict[tuple[int, int], tuple[tuple[int, float], ...]] = {}


def _law(
        length: int, classes: tuple[tuple[str, int], ...] = _CLASSES,
) -> tuple[tuple[int, float], ...]:
    """How a random piece of ``length`` drawn by ``classes`` scores
    (``_named_beyond_chance``), in steps of ``_BIN`` rounded down: each
    set of classes it may hold just those of (inclusion and exclusion),
    ``tgp_v1_`` and camel-cased names counted again (to the safe side)."""
    if (length, id(classes)) in _LAWS:
        return _LAWS[length, id(classes)]
    import math
    from itertools import combinations

    sizes = [size for _, size in classes]
    law: dict[int, float] = {}
    for n in range(1, len(sizes) + 1):
        for chosen in combinations(sizes, n):
            exact = sum(
                (-1) ** (n - k) * (sum(sub) / 64) ** length
                for k in range(1, n + 1) for sub in combinations(chosen, k)
            )
            score = math.floor(length * math.log(sum(chosen) / 64) / _BIN)
            law[score] = law.get(score, 0.0) + exact
    prefix = _prefix_chance(classes) / 64 ** (length - 7)  # ``-`` * (length - 7) + ``tgp_v1_``
    if length >= 7 and prefix:
        score = math.floor(math.log(prefix) / _BIN)
        law[score] = law.get(score, 0.0) + prefix
    camel = _camel_count(length) / 64 ** length if classes is _CLASSES else 0.0
    if camel:
        score = math.floor(math.log(camel) / _BIN)
        law[score] = law.get(score, 0.0) + camel
    _LAWS[length, id(classes)] = tuple(law.items())
    return _LAWS[length, id(classes)]


def _cut_evenly(run: str, gap: str, runs_on: bool) -> bool:
    """Whether ``run``, cut by ``gap``, is cut as a key is: in at most
    three pieces (a path typed with a space, a folder and a wrapped line),
    or at one width (a column, a terminal's width, each character apart):
    every piece between the first (where the line started anywhere) and
    the last (the key's end) as long as the others, the last no longer,
    but a piece a wrap cut short at a hyphen (``textwrap`` breaks a word
    after its ``-``); or in pieces as long as a known key's pieces shown
    nowhere.  Words and short ids on lines after a line ending in ``tgp_v1_``
    (``git log --oneline | grep tgp_v1_``) are of every width: no key."""
    # A line break first: its comment's lead (``\n# ``) is one gap.
    pieces = [piece for piece in _pattern('(?:%s|%s)+' % (_BREAK, gap)).split(run) if piece]
    if pieces and pieces[0].startswith('tgp_v1_'):  # how its prefix was cut says nothing
        pieces[0] = pieces[0][7:]
        pieces = [piece for piece in pieces if piece]
    return _cut_as_a_key(pieces, runs_on)


def _cut_as_a_key(pieces: list[str], runs_on: bool) -> bool:
    """Whether the pieces a key's body was cut in (the last one ending
    where a key would, ``runs_on`` when its piece goes on past) are a key's:
    always but where they are names, one a piece (``_a_listing``).  How
    the pieces are cut says nothing: a log's uneven chunks and a key
    glued to a suffix (``…-old``) are cut anywhere, as a listing is."""
    return not _a_listing(pieces, runs_on)


def _even_stretches(pieces: list[str]) -> list[str]:
    """The values of ``pieces`` joined where they are cut at one width: each
    stretch of pieces of one length, with the piece before it (a line's
    tail) and the one after it when no longer (the value's end)."""
    values, at = [], 0
    while at < len(pieces):
        end = at + 1
        while end < len(pieces) and len(pieces[end]) == len(pieces[at]):
            end += 1
        first = max(at - 1, 0)
        last = end + 1 if end < len(pieces) and len(pieces[end]) <= len(pieces[at]) else end
        if last - first > 1:
            values.append(''.join(pieces[first:last]))
        at = end
    return values


def _placeholder(body: str, cased: bool = True) -> bool:
    """The engine's own test: is this key body a placeholder?  (``cased``:
    as ``shapes.is_placeholder``'s.)  A body lacking a case is weighed as
    shown in one (``cased=False``): a key lower-cased (a name or a path a
    tool lowered) lacks capitals, which the cased test takes for a
    placeholder's sign every time, so such a key cut by a space or a
    folder was shown whole."""
    from together_hooks.detect.shapes import is_placeholder
    from together_hooks.rules import TOGETHER_API_KEY

    return is_placeholder(body, TOGETHER_API_KEY, cased and not _one_case(body))


# The most kinds of characters a format-valid run that is shown whole may
# hold (``_plain_placeholder``): 43 characters drawn at random from 64 keep
# to 4 or fewer once in ~1e46 keys.
_PLACEHOLDER_KINDS = 4


def _plain_placeholder(run: str) -> bool:
    """Whether ``run``, a ``tgp_v1_`` run ``_TGP_SHOWN`` found, is a
    placeholder a reader must see as written (``tgp_v1_xxxx…``, ``TGP_V1_
    0000…``): no longer than a key, of a few kinds of characters, and one
    by the engine's rules.  The engine's readable-run test alone is no
    bound here: it takes about one random key in 200,000 for one, and the
    scrub shows whole only what no key is."""
    body = run[7:]
    return (
        len(body) <= 43 and len(set(body)) <= _PLACEHOLDER_KINDS
        and _placeholder(body, run.startswith('tgp_v1_'))
    )


def _pattern(source: str) -> re.Pattern[str]:
    """One of this module's patterns, built from the program in the
    user's cache once per process (a blocked commit's report is scrubbed:
    generating them afresh cost about a millisecond each run).  Patterns
    made from keys never go there (``_known_regex``), so the memo
    here holds this module's few constant sources: a report of many lines
    looks each up a dozen times a line."""
    compiled = _PATTERNS.get(source)
    if compiled is None:
        from together_hooks.regex_cache import cached

        compiled = _PATTERNS[source] = cached(source)
    return compiled


_PATTERNS: dict[str, re.Pattern[str]] = {}


# A character written by its code, as a report escapes one it may not show:
# ``\u200b``, or its UTF-8 bytes, ``\xc2\xad`` (bash's ``$'…'``, in the
# commands a message tells you to run: ``messages.shell_quote``) or
# ``\302\255`` (git's quoted paths); not a backslash's own escape's tail.
_ESCAPED_CODE = (
    r'(?<!\\)(?:(?:\\x[0-9a-fA-F]{2})+|(?:\\[0-3][0-7]{2})+'
    r'|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})'
)


def _dropped_if_invisible(m: re.Match[str]) -> str:
    """Nothing for the escape of a character ``_CONTROL`` drops from a
    reading (it splits no key a reader sees), else the escape as it is.
    A run of byte escapes is read as the UTF-8 it spells (``\xc2\xad``,
    a soft hyphen), else byte by byte, each as the character of its code
    (``\xad``, as ``_escaped`` shows a byte of a name that is not UTF-8)."""
    text = m.group()
    if text[1] in 'uU':
        return '' if _invisible(int(text[2:], 16)) else text
    width, base = (4, 16) if text[1] == 'x' else (4, 8)
    escapes = [text[i:i + width] for i in range(0, len(text), width)]
    codes = bytes(int(e[-2:] if base == 16 else e[1:], base) for e in escapes)
    try:
        chars = codes.decode('utf-8')
    except UnicodeDecodeError:
        return ''.join('' if _invisible(c) else e for c, e in zip(codes, escapes))
    out, at = [], 0
    for char in chars:
        size = len(char.encode('utf-8'))
        if not _invisible(ord(char)):
            out += escapes[at:at + size]
        at += size
    return ''.join(out)


def _invisible(code: int) -> bool:
    """Whether ``_CONTROL`` drops the character of ``code`` from a reading."""
    return code <= 0x10ffff and _pattern(_CONTROL).fullmatch(chr(code)) is not None


# Unicode's tag characters, each its ASCII letter (U+E0041 is ``A``), and
# the variation selectors, each a byte ("emoji smuggling": VS1-16 are
# 0-15, VS17-256 are 16-255): invisible, and spelling what they encode.
_TAG_LETTERS = {
    **{0xe0000 + c: c for c in range(0x20, 0x7f)},
    **{0xfe00 + c: c for c in range(16)},
    **{0xe0100 + c: 16 + c for c in range(240)},
}
# One of them, raw or as a JSON, Python or bash escape writes it.
_TAG_LEAD = (
    r'[\U000e0020-\U000e007e\U000e0100-\U000e01ef\ufe00-\ufe0f]'
    r'|\\udb40\\ud[cd][0-9a-fA-F]{2}|\\U000[eE]0[01][0-9a-fA-F]{2}|\\u[fF][eE]0[0-9a-fA-F]'
    # (or as an escape or reference no escape reading undoes past ASCII:
    # JavaScript's and Rust's ``\u{E0074}``, HTML's ``&#xE0074;`` and
    # ``&#917620;``)
    r'|\\u\{0{0,2}(?:[eE]0[01][0-9a-fA-F]{2}|[fF][eE]0[0-9a-fA-F])\}'
    r'|&#[xX]0{0,2}(?:[eE]0[01][0-9a-fA-F]{2}|[fF][eE]0[0-9a-fA-F]);'
    r'|&#0{0,2}(?:9175[3-9]\d|917[6-9]\d\d|6502[4-9]|6503\d);'
)


def _tag_letter(m: re.Match[str]) -> str:
    """A tag character or variation selector (``_TAG_LEAD``) as what it
    encodes."""
    found = m.group()
    if len(found) == 1:
        code = ord(found)
    elif found.startswith('\\udb40'):  # a surrogate pair: its low half
        code = 0xe0000 + int(found[-4:], 16) - 0xdc00
    elif found.startswith('&#'):  # ``&#xE0074;``, ``&#917620;``
        code = int(found[3:-1], 16) if found[2] in 'xX' else int(found[2:-1])
    else:  # ``\U000e0074``, ``\ufe0f``, ``\u{E0074}``
        code = int(found[2:].strip('{}'), 16)
    return chr(_TAG_LETTERS.get(code, 0))


def _tag_letters(text: str) -> str:
    """``text`` with each tag character or variation selector, raw or
    escaped (``_TAG_LEAD``), read as the letter or byte it encodes."""
    return _pattern(_TAG_LEAD).sub(_tag_letter, text)


def _escaped(char: str) -> str:
    """A character no line may show as it is: a byte of a name that is
    not UTF-8 (a surrogate escape) as that byte, ``\\xe9``, in every line as
    in the report's paths (``report.shown_path``); any other as ``\\u200b``."""
    code = ord(char)
    if 0xdc80 <= code <= 0xdcff:
        return f'\\x{code - 0xdc00:02x}'
    if code > 0xffff:  # JSON's own escape: a surrogate pair
        code -= 0x10000
        return f'\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}'
    return f'\\u{code:04x}'


def _bytes(text: str) -> bytes:
    """``text`` as the bytes a reading of it takes: a name's bytes that are
    not UTF-8 as they were; a lone surrogate no name holds as its escape."""
    try:
        return text.encode('utf-8', 'surrogateescape')
    except UnicodeEncodeError:
        return text.encode('utf-8', 'backslashreplace')


def _forms(secret: str) -> dict[str, str]:
    """Every whole-key form of ``secret`` worth looking for, and its
    encoding (``raw``, ``url``, ``base64``)."""
    from together_hooks.detect.ownkeys import encoded_forms

    raw = _bytes(secret)
    plain = [secret]
    if secret.startswith('tgp_v1_'):
        plain.append(secret[7:])
    elif len(secret) == 64 and not secret.strip('0123456789abcdef'):  # legacy
        # Hex reads the same in capitals (a name or a ref someone wrote
        # so): the engine takes only lower case as a key, but this one is
        # known, and a reader lowers it.
        plain.append(secret.upper())
    found = dict.fromkeys(plain, 'raw')
    for form, kind in encoded_forms(raw):
        found.setdefault(form.decode('ascii'), kind)
        if kind == 'base85':
            # The same groups in ASCII85's and Z85's letters (the engine
            # reads blocks of both: ``baseline audit`` shows their lines).
            from together_hooks.detect.codec import B85_TO_A85
            from together_hooks.detect.codec import B85_TO_Z85

            found.setdefault(form.translate(B85_TO_A85).decode('ascii'), 'base85')
            found.setdefault(form.translate(B85_TO_Z85).decode('ascii'), 'base85')
    return {f: kind for f, kind in found.items() if len(f) >= 24}


def _shown_forms(secret: str) -> tuple[str, ...]:
    """What the redaction of ``secret`` shows (its start and end), raw and
    base64 at each alignment: no piece of these reveals more."""
    from together_hooks.detect.codec import b64_forms
    from together_hooks.findings import shown_ends

    ends = shown_ends(secret)
    encoded = {form.decode('ascii') for end in ends for form in b64_forms(_bytes(end))}
    return (*ends, *encoded)


def _shown_grams(secret: str) -> frozenset[str]:
    """Every ``_GRAM`` of ``_shown_forms(secret)``: made once a key, not
    once each of its forms (``Scrubber._index_pieces``)."""
    return frozenset(
        end[i:i + _GRAM] for end in _shown_forms(secret) for i in range(len(end) - _GRAM + 1)
    )


def _environ_keys() -> Iterator[str]:
    """Key-shaped values of Together's variables (``TOGETHER_API_KEY``):
    known before anything is scanned, so an argument echoing one in an
    error is scrubbed too.  And a legacy key in the name of a variable
    that holds a key (``MY_<hex>_TOKEN=tgp_v1_...``): a report names the
    variable where your key lives (``in the variable ...``), and a 64-hex
    run beside a Together key is one by the rules' own measure."""
    for name, value in os.environ.items():
        value = value.strip().strip('\'"')
        together = 'TOGETHER' in name.upper()
        if together and _pattern(_ENV_KEY).fullmatch(value):
            yield value
        elif not ('tgp_v1_' in value and _pattern(_TGP_RUN).search(value)):
            continue
        if len(name) >= 64:
            yield from (m.group().lower() for m in _pattern(_NAMED_HEX).finditer(name))


class Scrubber:
    """The run's known keys, and the one ``scrub`` every output passes."""

    __slots__ = (
        '_known', '_new', '_forms', '_regexes', '_environ_read', '_index',
        '_pending', '_pending_keys', '_form_ids', '_held', '_seen', '_places',
        '_needles', '_b64', '_legacy', '_dashed', '_undashed', '_odd_shown', '_over',
        '_own', '_ours', '_digests', '_context_found', '_context_read',
    )

    def __init__(
            self, secrets: Iterable[str] = (),
            held: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self._known: set[str] = set()
        # Where the developer's own keys come from (their env files, not
        # only the environment): read before the first thing is shown,
        # unless the run has read them already (``hold``).
        self._held = held
        self._new: list[str] = []  # learnt, forms not made yet
        self._forms: dict[str, str] = {}  # form -> what is shown instead
        self._regexes: dict[tuple[str, ...], re.Pattern[str]] = {}
        # The indexed places of each form (``_index_pieces``): a bucket by
        # a gram's hash, of 64-bit entries (``_index_pieces``) kept sorted; a
        # form by its number in ``_form_ids``; empty until an entry is
        # made.  Entries not merged yet wait in ``_pending`` (bucket ->
        # entries), of ``_pending_keys`` keys (``_BATCH``).
        self._index: list[bytes | None] = []
        self._pending: dict[int, list[int]] = {}
        self._pending_keys = 0
        self._form_ids: list[str] = []
        self._seen = bytearray()  # a bit a gram indexed (``_SEEN_BITS``)
        self._places = 0  # the places indexed (``_reserve``)
        self._environ_read = False
        self._needles: Needles | None = None  # every form (``_present``)
        self._b64: set[str] = set()  # the base64 forms (``_gapped_out``)
        self._legacy: set[str] = set()  # known legacy keys (``_gapped_out``)
        self._dashed: list[str] = []  # known keys holding a ``-`` (``_gapped_out``)
        # Those keys without their ``-``s: (how many of ``_dashed`` are in,
        # an index of the long ones, the others, each one's keys).
        self._undashed: tuple[int, Needles, list[str], dict[str, list[str]]] | None = None
        # Whether a known key's redaction may stir a reading (``_still``).
        self._odd_shown = False
        # Keys past ``MAX_KNOWN``: some (> 0), none (0: every known key's
        # forms are checked), or some and the run was told (< 0).
        self._over = 0
        self._own = 0  # own keys learnt (``MAX_HELD``)
        # The digests our own code computes of every key told (its
        # ``hashed_secret``, a report's fingerprint: ``vouch``): past a cap
        # a run that is one of these passes ``_withheld`` whole (a
        # baseline or report whose hashes were withheld is corrupt).
        self._ours: set[str] = set()
        # Those of them that are 64 hex (a SARIF fingerprint, ``vouch``):
        # no key, and blanked where the rules read a shown text
        # (``_in_context``).
        self._digests: set[str] = set()
        # The keys the context pass (``_in_context``) found in the text
        # ``redacted`` is scrubbing (and in its readings): a spaced run's
        # value left to it (``_learn_spaced_hex``) is learnt when found.
        self._context_found: set[str] | None = None
        # The text the last context pass read (``_keys_out``), before our
        # digests were read as ``x``s: ``redacted`` compares it with its own.
        self._context_read: str | None = None
        self.learn(secrets)

    def learn(self, secrets: Iterable[str], own: bool = False) -> None:
        """Remember keys of this run: their every form is scrubbed from now
        on.  The forms are made when something is shown: a run that prints
        nothing (a passing hook) pays nothing.  ``own``: the developer's
        own keys (``MAX_HELD``)."""
        for secret in secrets:
            if secret and secret not in self._known:
                self._ours.add(_hashed(secret))
                if len(self._known) >= MAX_KNOWN or own and self._own >= MAX_HELD:
                    if self._over == 0:
                        self._over = 1
                    continue
                self._own += own
                self._known.add(secret)
                self._new.append(secret)
                if len(secret) == 64 and not secret.strip('0123456789abcdef'):
                    self._legacy.add(secret)
                if '-' in secret:
                    self._dashed.append(secret)
                head, tail = shown_ends(secret)
                if head.startswith('AF8') or not _KEY_CHARS.issuperset(head + tail):
                    self._odd_shown = True

    def _known_forms(self) -> dict[str, str]:
        """Every form of every known key, and what is shown instead (in
        no order: a run that learns a key a file, as detect-secrets' does,
        sorted them all again each key)."""
        if not self._environ_read:
            self._environ_read = True
            self.learn(_environ_keys(), own=True)
            self._read_held()
        if self._new:
            added = self._pending
            # Sized once for the keys learnt now (each indexes ~350 places).
            self._reserve(len(self._new) * _PLACES_A_KEY, added)
            for secret in self._new:
                self._pending_keys += 1
                if self._pending_keys >= _BATCH:  # the entries as ints (44 bytes each) bounded
                    self._merge_pieces(added)
                    added = self._pending = {}
                    self._pending_keys = 0
                shown = redact(secret)
                grams = _shown_grams(secret)
                for form, kind in _forms(secret).items():
                    if kind in ('base64', 'base32'):
                        self._b64.add(form)
                    if form not in self._forms:
                        self._forms[form] = shown
                        self._index_pieces(form, kind, grams, added)
                        if self._needles is None:
                            from together_hooks.detect.needles import Needles

                            # One place a form (a probe at every place of
                            # a line): a form indexed at eight took ~40 KB a
                            # key, and the lines shown are short.
                            self._needles = Needles(step=1)
                        self._needles.add(form)
            self._new = []
        return self._forms

    @property
    def _grams(self) -> list[bytes | None]:
        """The pieces' index with every entry merged (what ``_places_of``
        reads, the pending entries and the packed buckets together)."""
        self._merge_pieces(self._pending)
        self._pending = {}
        self._pending_keys = 0
        return self._index

    def hold(self, secrets: Iterable[str], here: bool = True) -> None:
        """The developer's own keys, as the run read them: learnt, and
        never read again through ``held`` when they are those ``held``
        reads (``here``: of the repository the run is in); another
        repository's (``doctor ../other``) leave that read to come, so
        a line still hides the keys of the ``.env`` beside you."""
        if here:
            self._held = None
        self.learn(secrets, own=True)

    def _read_held(self) -> None:
        """The developer's own keys, read once, before anything is shown
        (an error naming one before the run reached its env files: an
        argument, a path, a ref).  A failure to read them is no failure to
        show: the line still goes, scrubbed of every other form."""
        held, self._held = self._held, None
        if held is not None:
            try:
                self.learn(held(), own=True)
            except Exception:  # an unreadable env file, no git: nothing held to learn
                pass

    def _index_pieces(
            self, form: str, kind: str, shown: frozenset[str], added: dict[int, list[int]],
    ) -> None:
        """Index ``form`` for ``_pieces_out``: a percent-encoded form is
        left out (its pieces are ``%XX`` runs any URL has), and so is the
        prefix every current key shares, and any gram of what the
        redaction shows (``shown``, ``_shown_grams``: in ``rotate-help``'s
        expressions the base64 of ``tgp_v1_Ab`` matches a key by what a
        report shows).  Its entries (tag, form number, place: packed here,
        inline, as this runs for every form of every key learnt) go to ``added``
        (bucket -> entries), merged into the index once a batch of keys is
        done (``_merge_pieces``)."""
        if kind == 'url':
            return
        step = _PIECE - _GRAM + 1
        first = 7 if form.startswith('tgp_v1_') else 0
        number = len(self._form_ids)
        self._form_ids.append(form)
        low = (number & _NUMBER_MASK) << _AT_BITS
        buckets = _BUCKETS - 1
        get = added.get
        if not self._index:
            self._index = [None] * _BUCKETS
        ats = range(first, min(len(form), _MAX_AT) - _GRAM + 1, step)
        self._places += len(ats)
        self._reserve(0, added)
        seen = self._seen
        mask = (len(seen) << 3) - 1
        for at in ats:
            gram = form[at:at + _GRAM]
            if gram not in shown:
                code = hash(gram)
                bit = code & mask
                seen[bit >> 3] |= 1 << (bit & 7)
                entries = get(code & buckets)
                if entries is None:
                    entries = added[code & buckets] = []
                entries.append(((code >> _BUCKET_BITS) & _TAG_MASK) << _TAG_SHIFT | low | at)

    def _reserve(self, more: int, added: dict[int, list[int]]) -> None:
        """``_seen`` large enough for ``_places`` and ``more`` places to
        come (``_SEEN_PER_PLACE`` bits each, at most ``_SEEN_BITS``): when
        it is not, made so, the bit of every gram indexed so far set again
        from its entry (a bucket holds the hash's low ``_BUCKET_BITS``, an
        entry's tag the bits above them).  Its size only sets how many
        places are looked up in vain; every indexed gram's bit is set."""
        need = (self._places + more) * _SEEN_PER_PLACE
        if len(self._seen) << 3 >= need or len(self._seen) << 3 > _SEEN_MASK:
            return
        size = max(_SEEN_LEAST, len(self._seen) * _SEEN_GROWTH)
        while size << 3 < need and size << 3 <= _SEEN_MASK:
            size *= 2
        size = min(size, 1 << (_SEEN_BITS - 3))
        seen = self._seen = bytearray(size)
        mask = (size << 3) - 1
        waiting = [self._pending] if added is self._pending else [self._pending, added]
        held = [(b, memoryview(p).cast('Q')) for b, p in enumerate(self._index) if p is not None]
        for bucket, entries in [*held, *(kv for w in waiting for kv in w.items())]:
            for entry in entries:  # the hash's low bits: the tag's above the bucket's
                bit = ((entry >> _TAG_SHIFT) << _BUCKET_BITS | bucket) & mask
                seen[bit >> 3] |= 1 << (bit & 7)  # as ``_index_pieces`` set it

    def _merge_pieces(self, added: dict[int, list[int]]) -> None:
        """Each bucket ``added`` to, sorted again and kept packed: 8 bytes
        an entry, read as 64-bit numbers (``_places_of``); a list of
        Python ints took 44 bytes an entry (a 1 MB ``.env`` of 12,000 keys,
        5 million entries, took most of a gigabyte), and sorting each
        entry into its bucket as it came (``insort``) most of the time."""
        if not added:
            return
        from array import array

        buckets = self._index
        for bucket, entries in added.items():
            held = buckets[bucket]
            if held is not None:
                entries.extend(memoryview(held).cast('Q'))
            entries.sort()
            # 8 bytes each in the machine's order, as ``to_bytes`` would
            # write them one by one, at C's speed.
            buckets[bucket] = array('Q', entries).tobytes()

    def _places_of(self, gram: str) -> Iterator[tuple[str, int]]:
        """(form, where in it) of each indexed place holding ``gram``."""
        code = hash(gram)
        bucket = code & (_BUCKETS - 1)
        packed = self._index[bucket]
        pending = self._pending.get(bucket)
        tag = (code >> _BUCKET_BITS) & _TAG_MASK
        matched: list[int] = []
        if packed is not None:
            from bisect import bisect_left

            entries = memoryview(packed).cast('Q')
            i = bisect_left(entries, tag << _TAG_SHIFT)
            while i < len(entries) and entries[i] >> _TAG_SHIFT == tag:
                matched.append(entries[i])
                i += 1
        if pending:  # in the order a merged bucket holds them
            matched.extend([entry for entry in pending if entry >> _TAG_SHIFT == tag])
            matched.sort()
        forms = self._form_ids
        for entry in matched:
            form = forms[(entry >> _AT_BITS) & _NUMBER_MASK]
            at = entry & (_MAX_AT - 1)
            if form.startswith(gram, at):  # a tag shared by another gram
                yield form, at

    def _pieces_out(self, text: str) -> str:
        """``text`` with every piece of ``_PIECE`` characters or more of a
        known form redacted (as the whole key)."""
        spans: list[tuple[int, int, str]] = []
        places = self._places_of
        seen = self._seen
        if not seen:
            return text
        mask = (len(seen) << 3) - 1
        for run in _pattern(_PIECE_RUN).finditer(text):
            floor, end = run.span()  # a piece never reaches into the one before
            t = floor
            while t + _GRAM <= end:
                gram = text[t:t + _GRAM]
                bit = hash(gram) & mask
                if not seen[bit >> 3] >> (bit & 7) & 1:  # indexed nowhere
                    t += 1
                    continue
                best = None
                for form, at in places(gram):
                    a, b = t, t + _GRAM
                    while a > floor and a - t + at > 0 and text[a - 1] == form[a - 1 - t + at]:
                        a -= 1
                    while b < end and b - t + at < len(form) and text[b] == form[b - t + at]:
                        b += 1
                    if b - a >= _PIECE and (best is None or b - a > best[1] - best[0]):
                        best = (a, b, self._forms[form])
                if best is None:
                    t += 1
                    continue
                spans.append(best)
                t = floor = best[1]
        for a, b, shown in reversed(spans):
            text = text[:a] + shown + text[b:]
        return text

    def _present(self, text: str) -> tuple[str, ...]:
        """The known forms in ``text``, longest first: a form absent from
        the text is never matched, so leaving it out of the regex changes
        nothing but the cost (most text shown holds none: no compile).
        Found in one walk of the text (``needles.Needles``): the cost
        grows with the text, not with the forms known times the text (a
        run learns every key it finds)."""
        found = self._forms_in(text)
        return tuple(sorted(found, key=lambda form: (-len(form), form)))

    def _forms_in(self, text: str) -> set[str]:
        """The known forms in ``text``, as ``{f for f in forms if f in
        text}`` (every raw key is one of its own forms)."""
        if not self._known_forms() or self._needles is None:
            return set()
        return self._needles.found_in(text)

    def _known_regex(self, present: tuple[str, ...]) -> re.Pattern[str]:
        regex = self._regexes.get(present)
        if regex is None:
            import re

            if len(self._regexes) >= 64:  # bounded, in a run that shows much
                self._regexes.clear()
            regex = self._regexes[present] = re.compile('|'.join(map(re.escape, present)))
        return regex

    def scrub(
            self, text: str, commands: bool = False, line_start: bool = True,
            colours: bool = False,
    ) -> str:
        """``text`` safe to show: see the module's docstring.  ``commands``:
        lines may start with ``::`` (the github report's own annotations);
        ``line_start``: whether ``text`` starts a line; ``colours``: SGR
        colour sequences stay (a screen we colour ourselves)."""
        if not text:
            return text
        text = self.redacted(text)
        text = _pattern(_SGR_OR_CONTROL if colours else _CONTROL).sub(
            lambda m: m.group() if len(m.group()) > 1 else _escaped(m.group()),
            text,
        )
        if not commands and '::' in text:
            text = _pattern(_COMMAND).sub(
                lambda m: '::' if m.start() == 0 and not line_start else '\\u003a:',
                text,
            )
        return text

    def redacted(self, text: str) -> str:
        """``text`` with every key in it redacted (``scrub`` without the
        escaping of what a screen must not show).  A spaced run's value
        left to the context pass (``_learn_spaced_hex``) that the pass
        found is learnt, and ``text`` scrubbed again knowing it (as it
        was when every value was looked for first)."""
        outer = self._context_found
        self._context_found = found = set()
        try:
            self._context_read = None
            shown, deferred = self._redacted(text)
            missed = deferred - found
            if missed and self._context_read != text:
                # An earlier pass changed what the context pass read (a
                # blob holding a current key redacted whole, a reading, no
                # pass at all): the values it missed are looked for in the
                # text as given, as when each run was scanned for.
                from together_hooks.detect.engine import scan_bytes

                found |= {
                    f.secret for f in scan_bytes(text.encode('utf-8', 'replace'), SHOWN_LINE)
                    if f.secret in missed
                }
        finally:
            self._context_found = outer
            if outer is not None:
                outer |= found
        if deferred & found:
            learnt = self._learnt()
            self.learn(sorted(deferred & found))
            if self._learnt() != learnt:  # (past a cap: told once, not learnt)
                return self.redacted(text)
        return shown

    def _redacted(self, text: str) -> tuple[str, set[str]]:
        """``redacted``'s pass, and the spaced runs' values it left to the
        context pass (``_learn_spaced_hex``)."""
        if '\n' in text and 'tgp_v1_' in text:
            self._learn_wrapped(text)
        if '\n' in text or '\\n' in text or '%0A' in text or '%0a' in text:
            self._learn_wrapped_b64(text)
            self._learn_wrapped_b85(text)
        elif '",' in text or ' ' in text or '\t' in text:
            # base64 split across a JSON list's strings, or joined by spaces
            self._learn_wrapped_b64(text)
        if '/' in text or '\\' in text:
            self._learn_cut(text)
        self._learn_glued(text)
        deferred = self._learn_spaced_hex(text, defer=True)
        if _pattern(_QP_LEAD).search(text):
            text = _pattern(_QP_LINE).sub(self._qp_read, text)
        if (
                _pattern(_CONTROL).search(text) or _pattern(_ESCAPE_LEAD).search(text)
                or _folds(text) or _pattern(_CODED).search(text)
        ):
            # Escaped below (``\u001b`` would split a key), or an escape,
            # ANSI code or encoding in the text itself splits one, or its
            # letters are a key's in another form (fullwidth ``ｔｇｐ＿ｖ１＿``).
            lines = text.split('\n')
            learnt = self._learnt()
            shown = self._rejoined_lines(lines)
            while self._learnt() != learnt:
                # A line's reading taught a key: the lines before it are
                # read again knowing it (a piece of it, read with an
                # invisible character inside, showed above the line the
                # key was learnt from).
                learnt = self._learnt()
                shown = self._rejoined_lines(lines)
            text = '\n'.join(shown)
        text = self._keys_out(text)
        if self._over:
            text = self._withheld(text)
        return text, deferred

    def _withheld(self, text: str) -> str:
        """``text`` with every run that may be a piece of a key past
        ``MAX_KNOWN`` shown as ``WITHHELD`` (fail closed: the scrub does
        not know their forms); the first time, the run is told why."""
        out = text
        for source in (_CODED, _CODE_RUN, _GAPPED_HEX_RUN):
            out = _pattern(source).sub(_withhold, out)
        out = _pattern(_OVER_SPELT).sub(_withhold_spelt, out)
        ours = self._ours
        names = _our_names()
        out = _pattern(_OVER_RUN).sub(
            lambda m: m.group() if m.group() in ours or m.group() in names else _over_words(m.group()),
            out)
        if out != text and self._over > 0:
            _over_notice()
            self._over = -1
        return out

    def _learn_wrapped(self, text: str) -> None:
        """A key wrapped across lines in ``text``, joined as the engine joins
        one (``codec.wrapped_view``: a terminal's width, a pasted argument),
        is learnt: no line shows all of it, and its pieces go
        (``_pieces_out``)."""
        from together_hooks.detect.codec import wrapped_view

        view = wrapped_view(_bytes(text))
        if view is not None:
            self.learn(_pattern(_TGP_RUN).findall(view.data.decode('utf-8', 'replace')))

    def _learn_wrapped_b64(self, text: str) -> None:
        """A key inside base64 wrapped across lines (``_WRAPPED_B64``),
        which no line shows whole, is learnt when the joined value decodes
        to text the engine finds it in: its base64 pieces go
        (``_pieces_out``)."""
        for m in _pattern(_WRAPPED_B64).finditer(text):
            run = m.group()
            if _pattern(r'[ \t]').search(run) and not _pattern(_B64_LINE_JOIN).search(run):
                values = _even_stretches(_pattern('(?:%s)+' % _B64_JOIN).split(run))
            else:
                # Its lines' leads dropped, a gutter's ``+`` or ``-`` too
                # (or kept: base64 holds them).
                values = list(dict.fromkeys(
                    _pattern(_NOT_B64).sub('', _pattern(join).sub('', run))
                    for join in (_B64_JOIN, _B64_JOIN_NO_GUTTER)
                ))
            for chars in values:
                if len(chars) >= 40:
                    self._learn_decoded(chars)

    def _learn_wrapped_b85(self, text: str) -> None:
        """A key inside base85 wrapped across lines (joined as the engine
        joins it, ``codec.RADIX``), which no line shows whole, is learnt
        when the joined value decodes to text the engine finds it in: its
        base85 pieces go (``_pieces_out``)."""
        from together_hooks.detect.codec import RADIX

        run_re, not_chars, width, _, decode = RADIX['base85']
        data = _bytes(text)
        for m in run_re.finditer(data):
            if m.end() - m.start() < 64 or b'\n' not in m.group():
                continue  # one line: its whole key is redacted where shown
            chars = not_chars.sub(b'', m.group())
            for shift in range(width):
                self._learn_read(decode(chars, shift).decode('latin-1'))

    def _learn_read(self, plain: str) -> None:
        """The keys the engine finds in decoded text, in any reading."""
        for reading in _readings(plain):
            if 'tgp_v1_' in reading or 'ogether' in reading.lower():
                from together_hooks.detect.engine import scan_bytes

                found = scan_bytes(reading.encode('utf-8', 'replace'), SHOWN_LINE)
                self.learn(f.secret for f in found)

    def _learn_decoded(self, chars: str) -> None:
        """The keys the engine finds in the decodings of base64 ``chars``."""
        for plain in _decodings(chars):
            self._learn_read(plain)

    def _learn_glued(self, text: str) -> None:
        """A key cut into pieces with glue between them (``_GLUE``: white
        space, line breaks and each line's lead, quotes and commas, escaped
        breaks), which a reader joins by dropping the glue, is learnt when
        the joined key is one by the engine's rules (not a placeholder) and
        its middle pieces are not a listing of names (``_a_listing``); its
        pieces go (``_gapped_out``, ``_pieces_out``).  A whole key is left
        to ``_keys_out``."""
        if '1' not in text:
            return
        # ``_GLUE_OUT`` takes out the spans ``_glue_spans`` finds: the
        # reading by ``_GLUE`` itself.
        view = _pattern(_GLUE_OUT).sub('', text)
        if 'tgp_v1_' not in view and 'TGP_V1_' not in view:  # a key in capitals too
            return
        dashed = _pattern(_DASH_LEAD).search(text) is not None
        if not dashed and not self._glued_key_in(view):
            return
        glues = [(_GLUE, 0)]
        if dashed:
            # A gutter's ``-`` read as glue, as the key's, or as its lead's
            # but for the last one or two (``--`` then a piece ``-P…``), or
            # but for those past the fewest a line's lead ends in.
            glues += [(_GLUE_NO_DASH, 0), (_GLUE, 1), (_GLUE, 2), (_GLUE, -1)]
        from bisect import bisect_right

        seen: set[str] = set()
        placeholder: dict[str, bool] = {}
        spans = _glue_spans(text, _GLUE)  # the readings of ``_GLUE`` share it
        most = max((n for _, _, n in spans), default=0)
        fewest = min((n for _, _, n in spans if n), default=0)
        for glue, give_back in glues:
            if give_back and (most <= 1 or give_back < 0 and most == fewest):
                continue  # read so already (a lone dash given back: ``_GLUE_NO_DASH``)
            view, joined, shown = _unglued(text, glue, give_back, spans if glue == _GLUE else None)
            if view in seen:  # read so already
                continue
            seen.add(view)
            for m in _pattern('(?=(%s))' % _KEY_IN_VIEW).finditer(view):
                start, end = m.start(), m.start() + 50
                first, last = bisect_right(joined, start) - 1, bisect_right(joined, end - 1) - 1
                if first == last:
                    continue
                # A piece that names the next field (``"hashed_secret":``
                # after a path's value in a baseline, ``'line':`` in a
                # repr) ends the value before it: no reader joins a value
                # with the field name that follows it.  Read as one, a
                # name of 37 characters made the key's redaction swallow
                # the JSON between them (a corrupt baseline, then every
                # ``hashed_secret`` of the run redacted as its piece).
                # Only a name after the value's end, though: a comma or a
                # line break past its closing quote (``",\n  "``).  A key
                # cut inside one quoted name (``"dir/tgp_v1_… …":``, a
                # ``"…" "…":`` literal pair) stays one key.
                piece_end = shown[last] + (
                    joined[last + 1] if last + 1 < len(joined) else len(view)) - joined[last]
                glue_end = shown[last - 1] + joined[last] - joined[last - 1]
                if (_pattern(_FIELD_NAME_END).match(text, piece_end)
                        and _pattern(_VALUE_END).search(text, glue_end, shown[last])):
                    continue
                body = view[start + 7:end]
                if body not in placeholder:  # each reading finds most bodies again
                    placeholder[body] = _placeholder(body)
                if placeholder[body]:
                    continue
                # The body's pieces: how a cut ``tgp_v1_`` was cut says nothing.
                bounds = [start + 7, *(j for j in joined[first + 1:last + 1] if j > start + 7), end]
                after = bisect_right(joined, end) - 1  # the piece ``end`` is in
                runs_on = end < len(view) and joined[after] != end and view[end] in _KEY_CHARS
                if _cut_as_a_key([view[a:b] for a, b in zip(bounds, bounds[1:])], runs_on):
                    self.learn([view[start:end]])

    def _glued_key_in(self, view: str) -> bool:
        """Whether ``view``, a text read by ``_GLUE`` (the one reading
        ``_learn_glued`` makes where no line's lead ends in a ``-``), holds a
        key to learn: a report shows ``tgp_v1_`` in every finding's
        redaction, and reading it piece by piece (``_glue_spans``,
        ``_unglued``) found none there at ~0.3 s a SARIF report of 1,000
        findings."""
        return _pattern(_KEY_IN_VIEW).search(view) is not None

    def _learn_spaced_hex(self, text: str, defer: bool = False) -> set[str]:
        """A legacy key cut by white space (``_SPACED_HEX``), lower case or
        capitals, is learnt when the rules find it, lowered, in the text
        with its gaps closed (its Together context: a name before it); a
        digest cut so with no such context is none.

        Each run closed alone is scanned with the whole text (the rules'
        context reaches far: a structure's label 1 MB), but for a run
        that runs on (``_runs_on``: 64 hex digits then more key
        characters, ``…/sha256/<digest>`` read from the ``a`` of
        ``sha``): those are closed together, in one text, one scan (a
        SARIF report's N digests in ``uri``s were N scans of the whole
        report).  A run that runs on is no key where it stands but to a
        sized serialised value (``rules._SERIALISED_NEXT``, a PNG chunk's
        text), whose name and prefix stand right before it, and closing
        another run that runs on makes a longer run there, which no rule
        reads as a key; elsewhere the key is found where the text holds
        it.  A key known already is not looked for again.

        ``defer``: a run that runs on after two letters (``_after_letters``:
        no sized prefix there) is no key where it stands, so it is one only
        where the text holds it elsewhere; its value is returned, not
        scanned for, left to the scan of the text the context pass makes
        anyway (``_in_context``; ``redacted`` learns it if that finds it):
        a SARIF report's one such ``uri`` was one scan of the whole report
        more (3 MB: 18 CPU-s)."""
        deferred: set[str] = set()
        if 'ogether' not in text.lower():
            return deferred
        from together_hooks.detect.engine import scan_bytes

        together: list[tuple[int, int, str]] = []
        for m in _pattern(_SPACED_HEX).finditer(text):
            secret = _pattern(_SPACE).sub('', m.group()).lower()
            if len(secret) != 64 or secret == m.group() or secret in self._known:
                continue
            if _runs_on(text, m.end()):
                if defer and _after_letters(text, m.start()):
                    deferred.add(secret)
                else:
                    together.append((m.start(), m.end(), secret))
                continue
            closed = text[:m.start()] + secret + text[m.end():]
            found = scan_bytes(closed.encode('utf-8', 'replace'), SHOWN_LINE)
            self.learn(f.secret for f in found if f.secret == secret)
        if together:
            parts, at = [], 0
            for start, end, secret in together:
                parts += [text[at:start], secret]
                at = end
            parts.append(text[at:])
            secrets = {secret for _, _, secret in together}
            found = scan_bytes(''.join(parts).encode('utf-8', 'replace'), SHOWN_LINE)
            self.learn(f.secret for f in found if f.secret in secrets)
        return deferred

    def _learn_cut(self, text: str) -> None:
        """A key cut by the folders of a path (``tgp_v1_Ab…/…yz``, a path
        typed as an argument, a file's own path; Windows' ``…\\…``, or
        ``…\\\\…`` as JSON and a repr escape it), found nowhere else, is
        learnt: a reader drops the separator, and ``_gapped_out`` reads past
        it.  ``tgp_v1_`` and the 43 key characters after it, cut by a
        folder, not a placeholder (``shapes.is_placeholder``); the run may
        go on past them (``…-old/``), as ``_TGP_RUN`` scrubs an uncut run
        that does (a key renamed with a suffix is still shown by no
        reader).  A folder named
        ``tgp_v1_placeholder`` with enough folders under it is none (the
        key's start may be glued to a name, as ``_TGP_RUN`` scrubs it).
        A key all in capitals (``TGP_V1_…``, a name upper-cased), which
        ``_TGP_SHOWN`` redacts uncut, is learnt so too."""
        if '%' in text or '&#' in text or '\\' in text:
            text = _pattern(_ENCODED_SEP).sub('/', text)
        flat = text.replace('/', '').replace('\\', '')
        prefixes = [p for p in ('tgp_v1_', 'TGP_V1_') if p in flat]
        if not prefixes:
            return
        from bisect import bisect_right

        for run in _pattern(_CUT_RUN).finditer(text):
            pieces = _pattern(_FOLDER_SEP).split(run.group())
            if len(pieces) < 2:
                continue
            joined = ''.join(pieces)
            cuts, at = [], 0  # in order: the first after a start is a look-up
            for piece in pieces[:-1]:
                at += len(piece)
                cuts.append(at)
            for prefix in prefixes:
                start = joined.find(prefix)
                while start >= 0:
                    end = start + 50
                    after = bisect_right(cuts, start)
                    if (
                            end <= len(joined) and after < len(cuts) and cuts[after] < end
                            and not _placeholder(joined[start + 7:end], prefix == 'tgp_v1_')
                    ):
                        self.learn([joined[start:end]])
                    start = joined.find(prefix, start + 1)

    def _still(self, line: str) -> bool:
        """Whether ``line`` has no reading but itself (``_rejoined``), known
        without scrubbing it: its own scrub (``_keys_out``) only puts
        redactions in place of spans, made of the spans' own characters
        (their start kept) or of a known key's ends and ``…``, so a line
        with nothing a reading starts from (a control or invisible
        character, ``\\``, ESC, ``%``, ``&``, ``+AF8``, a letter that
        folds) keeps none after it, as long as no known key's ends hold
        one (``_odd_shown``; ``AF8`` would make ``+AF8`` after a ``+``).  A
        report's lines mostly are so: each one's scrub, and the engine run
        on every line naming Together (``_in_context``), cost a SARIF
        report of 1,000 keys ~25 CPU-s; the whole text is still scrubbed
        after (``scrub``)."""
        self._known_forms()  # the environment's keys too
        if _pattern(_STIRS).search(line):
            return False
        return not self._odd_shown or '+' not in line

    def _rejoined_lines(self, lines: list[str]) -> list[str]:
        """Each line ``_rejoined``, a line met again answered as before
        while the run has learnt nothing since (what ``_rejoined`` reads
        but the line: ``_learnt``): a report repeats its own lines
        (SARIF's ``"uriBaseId": "%SRCROOT%"`` a finding, its indentation)."""
        shown: list[str] = []
        memo: dict[str, str] = {}
        stamp = None
        for line in lines:
            now = self._learnt()
            if now != stamp:  # a key learnt (a line's reading taught one)
                memo.clear()
                stamp = now
            out = memo.get(line)
            if out is None:
                out = memo[line] = self._rejoined(line)
            shown.append(out)
        return shown

    def _learnt(self) -> tuple[int, int, int]:
        """What has changed whenever ``learn`` was told a key it had
        not been: its hash is ours from then on, and it is known or the
        run is past a cap."""
        return len(self._known), len(self._ours), self._over

    def _rejoined(self, line: str) -> str:
        """A line as a reader sees it once its control and invisible
        characters are escaped or unseen, or once its escapes, ANSI codes
        and encodings are undone as the engine's readings undo them
        (``codec.escapes_view``: ``tg\\e[1mp_v1_…``, ``tgp%5Fv1%5F…``):
        when a key shows only so, the line goes so, key redacted."""
        if self._still(line) and not _pattern(_CODED).search(line):
            return line
        # Readings of the line once its own scrub has run: a form the line
        # shows whole is already hidden there, and the line keeps its
        # escapes (a JSON report stays JSON).
        own = self._keys_out(line)
        # Unseen: invisible characters, raw or shown escaped
        # (``tgp\xad_v1\xad_…``, ``$'tgp\xc2\xad_v1…'``), in one reading: a
        # line may hold a name raw and quoted for a command, which goes too.
        plain = own
        if '\\' in own:
            plain = _pattern(_ESCAPED_CODE).sub(_dropped_if_invisible, own)
        plain = _pattern(_CONTROL).sub('', plain)
        readings = [plain] if plain != own else []
        if _folds(own):
            readings.append(_pattern(_CONTROL).sub('', _folded(plain)))
        # (each decoded reading before its invisible characters go: tag
        # characters, below, are read in every one)
        undone = [own]
        escaped = None  # the escape reading that takes no ``=XX`` for quoted-printable
        qp = False
        if _pattern(_ESCAPE_LEAD).search(own):
            from together_hooks.detect.codec import escapes_view

            qp = _pattern(_QP_ESCAPE).search(own) is not None
            view = escapes_view(_bytes(own), qp=qp)
            if view is not None:
                decoded = view.data.decode('utf-8', 'replace')
                if not qp:
                    escaped = decoded
                if '\n' in decoded and 'tgp_v1_' in decoded:  # ``\n`` wraps a key
                    self._learn_wrapped(decoded)
                undone.append(decoded)
                readings.append(_pattern(_CONTROL).sub('', decoded))
        coded = _coded(own)
        if coded != own:
            undone.append(coded)
            readings.append(_pattern(_CONTROL).sub('', coded))
        # A decoded reading read as a reader takes it too: ``%E2%A0%80``
        # (a braille blank: a gap) or ``\u0301`` (a mark) in a SARIF
        # ``uri`` or a JSON string cuts a key only until it is folded.
        folded = [_pattern(_CONTROL).sub('', _folded(r)) for r in readings if _folds(r)]
        readings += [r for r in folded if r not in readings]
        # Tag characters (U+E0020-E007E) are ASCII's letters made invisible
        # ("ASCII smuggling"): shown escaped, they still spell what they
        # tag, so each is read as its letter too (and, above, as nothing).
        # (in the line as shown and in each reading that undid its escapes
        # or codes: ``%F3%A0%81%B4``, ``&#xE0074;``; and folded after, a
        # mark on each tag, ``\U000e0074\u0301``, being a mark on its letter)
        tagged = [t for t in undone if _pattern(_TAG_LEAD).search(t)]
        if tagged:
            if tagged[0] is own:
                # The line's escapes undone as no mail's: a tagged line's
                # ``=XX`` is no quoted-printable (the QP-aware reading above
                # may differ: ``=\x39\x31…`` is ``=91…`` once unescaped,
                # a byte to it, a legacy key's digits to this one); and its
                # codes undone (``coded``, the same reading as above).
                if qp:
                    plain_view = escapes_view(_bytes(own), qp=False)
                    if plain_view is not None:
                        escaped = plain_view.data.decode('utf-8', 'replace')
                more = [escaped] if escaped is not None else []
                if coded != own:
                    more.append(coded)
                tagged += [t for t in more if t not in tagged]
            spelt = [_pattern(_CONTROL).sub('', _tag_letters(t)) for t in tagged]
            spelt += [_pattern(_CONTROL).sub('', _folded(t)) for t in spelt if _folds(t)]
            readings += [r for r in spelt if r not in readings]
        for joined in readings:
            # A key cut two ways (an invisible character and a space, a
            # name repr() escapes) is whole in no reading but this one's
            # gaps: learnt from it, as the raw text's are (``scrub``).
            if '/' in joined or '\\' in joined:
                self._learn_cut(joined)
            self._learn_glued(joined)
            self._learn_spaced_hex(joined)
            scrubbed = self._keys_out(joined)
            if scrubbed != joined:
                return scrubbed
        return line

    def _qp_read(self, m: re.Match[str]) -> str:
        """A line as a mail's reader shows it, quoted-printable undone
        (soft line breaks joined, escapes in either case), when it shows a
        key only so: the line goes so, key redacted."""
        line = m.group()
        if not _pattern(_QP_LEAD).search(line):
            return line
        joined = _bytes(_pattern(_QP_SOFT).sub('', line))
        from together_hooks.regex_cache import cached

        plain = cached(_QP_BYTE).sub(lambda e: bytes((int(e.group(1), 16),)), joined)
        decoded = plain.decode('utf-8', 'replace')
        scrubbed = self._keys_out(decoded)
        return scrubbed if scrubbed != decoded else line

    def _keys_out(self, text: str) -> str:
        """``text`` with every key form in it redacted."""
        present = self._present(text)
        if present:
            text = self._known_regex(present).sub(lambda m: self._forms[m.group()], text)
        if 'tgp_v1_' in text or 'TGP_V1_' in text:
            text = _pattern(_TGP_SHOWN).sub(
                lambda m: m.group() if _plain_placeholder(m.group()) else redact(m.group()), text)
        if '%' in text:
            text = _pattern(_PCT_RUN).sub(self._decoded_percent, text)
        text = _pattern(_B64_RUN).sub(self._decoded_base64, text)
        text = _pattern(_HEX_RUN).sub(self._decoded_hex, text)
        if self._index:
            text = _pattern(_HEX_PIECE_RUN).sub(self._known_hex_out, text)
        text = _pattern(_GAPPED_HEX_RUN).sub(self._decoded_gapped_hex, text)
        text = _pattern(_B85_RUN).sub(self._decoded_base85, text)
        if '\n' in text:
            text = self._uu_out(text)
        self._context_read = text
        if 'ogether' in text.lower():
            text = _in_context(text, self._digests, self._context_found)
        text = self._cased_hex_out(text)
        if self._index:
            text = self._gapped_out(text)
            text = self._pieces_out(text)
        return text

    def _cased_hex_out(self, text: str) -> str:
        """``text`` with every legacy key written in capitals, all or some
        (a reader lowers hex), redacted: read lowered, a known one, or one
        the rules find with its Together context, as in lower case."""
        runs = [
            m.span() for m in _pattern(_CASED_HEX).finditer(text)
            if not m.group().islower() and not m.group().isdigit()
        ]
        if not runs:
            return text
        lowered = list(text)
        for a, b in runs:
            lowered[a:b] = text[a:b].lower()
        low = ''.join(lowered)  # as long as ``text``: its places are the text's
        # Each run's 64-wide windows looked up: not every key learnt tried
        # on the text (a report of many keys, each line with cased hex).
        known = self._known
        secrets = {low[at:at + 64] for a, b in runs for at in range(a, b - 63)}
        secrets &= known
        if 'ogether' in low.lower():
            from together_hooks.detect.engine import scan_bytes

            secrets.update(
                f.secret for f in scan_bytes(low.encode('utf-8', 'replace'), SHOWN_LINE)
                if f.encoding == 'raw'
            )
        from bisect import bisect_right

        starts = [a for a, _ in runs]  # apart and in order: one look-up a place

        def in_run(at: int) -> bool:
            i = bisect_right(starts, at) - 1
            return i >= 0 and at < runs[i][1]

        spans = sorted(
            (at, at + len(secret)) for secret in secrets
            for at in _places(low, secret) if in_run(at)
        )
        shown, last = [], 0
        for a, b in spans:
            if a >= last:  # apart (two keys never overlap; one found twice)
                shown += [text[last:a], redact(text[a:b])]
                last = b
        return ''.join(shown) + text[last:]

    def _gapped_out(self, text: str) -> str:
        """``text`` with every known key spelt out with gaps redacted: a
        key wrapped at a width shorter than a piece (``_PIECE``: a column
        of 8, each line too short to be one), or cut by spaces (an error
        puts the lines of an argument on one), or by quotes and ``+``."""
        stripped = _pattern(_GAP_OUT).sub('', text)
        known = frozenset(
            k for k in self._present(stripped) if k in self._known or k.lower() in self._known
        )
        if self._legacy:  # in capitals here and there (a reader lowers hex)
            known |= self._legacy_in(stripped.lower())
        # (Only where a line's lead is followed by a ``-``: not every known
        # key tried on every text shown.)
        if self._dashed and _pattern(_DASH_LEAD).search(text):
            # A key's ``-`` starting a line after its lead (``[job 12] -``)
            # reads as a gutter's and is stripped with it: the spelt
            # pattern, which may read it as the key's, decides.
            undashed = stripped.replace('-', '')
            known |= frozenset(k for k in self._dashed_in(undashed) if k not in known)
        if '/' in text or '+' in text:  # base64's own characters: not gaps there
            stripped = _pattern(_B64_GAP_OUT).sub('', text)
        known |= frozenset(k for k in self._present(stripped) if k in self._b64)
        if not known:  # the common case: no key spelt out
            return text
        from together_hooks.detect.spelt import Spelling
        from together_hooks.detect.spelt import spans

        # The alternation a regex of the keys would be, in its order
        # (``spelt``: matched by hand, nothing compiled a key): the
        # longest first, then ``tgp_v1_`` once for every current key.
        others = sorted((k for k in known if not k.startswith('tgp_v1_')), key=len, reverse=True)
        order = [
            Spelling(k, _B64_GAP) if k in self._b64 else Spelling(k, _GAP, k in self._legacy)
            for k in others
        ]
        bodies = [Spelling(k[7:], _GAP) for k in sorted(k for k in known if k.startswith('tgp_v1_'))]
        fast = {_GAP: _pattern(_GAP), _B64_GAP: _pattern(_B64_GAP)}
        found = spans(text, order, Spelling('tgp_v1_', _GAP), bodies, fast)
        if not found:
            return text
        shown, last = [], 0
        for a, b in found:
            shown += [text[last:a], self._gap_redacted(text[a:b])]
            last = b
        return ''.join(shown) + text[last:]

    def _legacy_in(self, low: str) -> set[str]:
        """The known legacy keys in ``low``: ``self._forms_in(low) &
        self._legacy``, read from the runs of 64 or more hex digits only
        (a legacy key lies in one): not a probe at every place of a
        report's text, its gaps taken out (``_gapped_out``)."""
        legacy = self._legacy
        found = set()
        for m in _pattern(_LOW_HEX_RUN).finditer(low):
            run = m.group()
            for at in range(len(run) - 63):
                if run[at:at + 64] in legacy:
                    found.add(run[at:at + 64])
        return found

    def _dashed_in(self, text: str) -> set[str]:
        """The known keys holding a ``-`` that ``text`` holds with their
        ``-``s taken out: ``{k for k in _dashed if k.replace('-', '') in
        text}``, in one walk of ``text`` (``needles``) whatever the keys
        known (each was an ``in`` on every line shown with a ``-`` lead)."""
        from together_hooks.detect.needles import CHARS
        from together_hooks.detect.needles import LEAST
        from together_hooks.detect.needles import Needles

        if self._undashed is None:
            self._undashed = (0, Needles(), [], {})
        done, index, short, keys = self._undashed
        chars = _pattern(CHARS + '+')
        for key in self._dashed[done:]:
            bare = key.replace('-', '')
            if bare not in keys:
                keys[bare] = []
                # An odd value (a space, a '.') is one ``in``: indexed, the
                # whole text would be probed for it in Python.
                if len(bare) >= LEAST and chars.fullmatch(bare):
                    index.add(bare)
                else:
                    short.append(bare)
            keys[bare].append(key)
        self._undashed = (len(self._dashed), index, short, keys)
        found = index.found_in(text) if index else set()
        found.update(bare for bare in short if bare in text)
        return {key for bare in found for key in keys[bare]}  # type: ignore[index]

    def _gap_redacted(self, group: str) -> str:
        """The key (spelt out with gaps) redacted, the line breaks it
        spanned kept."""
        shown = self._forms.get(_pattern(_B64_GAP_OUT).sub('', group))  # base64
        if shown is None:
            secret = _pattern(_GAP_OUT).sub('', group)
            if secret not in self._known and secret.lower() not in self._known:
                # A key's ``-`` starting a line after its lead was stripped
                # as a gutter's: the pattern spells known keys only, so
                # the key is the one it spells (never shown as it is).
                bare = secret.replace('-', '').lower()
                secret = next(
                    (k for k in self._known if k.replace('-', '').lower() == bare), secret,
                )
            shown = redact(secret)
        return shown + '\n' * group.count('\n')

    def _holds_key(self, plain: str) -> bool:
        """Whether decoded text holds a key, in any of its readings."""
        return any(
            _pattern(_TGP_RUN).search(reading) is not None
            or bool(self._present(reading))
            for reading in _readings(plain)
        )

    def _decoded_percent(self, m: re.Match[str]) -> str:
        from urllib.parse import unquote

        run = m.group()
        if '%' not in run:
            return run
        plain = unquote(run, errors='replace')
        if len(plain) >= 40 and (
                self._holds_key(plain)
                or ('ogether' in plain.lower() and _in_context(plain) != plain)
        ):
            return self.scrub(plain)
        return run

    def _decoded_hex(self, m: re.Match[str]) -> str:
        run = m.group()
        return redact(run) if self._hex_holds_key(run) else run

    def _known_hex_out(self, m: re.Match[str]) -> str:
        """A hex run spelling a piece of a known key (from either digit),
        redacted: a known key's pieces go in hex as in base64 (a hex dump
        of part of your ``.env`` in an error)."""
        run = m.group()
        for shift in (0, 1):
            even = run[shift:len(run) - (len(run) - shift) % 2]
            plain = bytes.fromhex(even).decode('latin-1')
            # (A commit id's bytes seldom hold 9 key characters in a row:
            # most runs cost one search.)
            if _pattern(_KEY_PIECE).search(plain) and self._pieces_out(plain) != plain:
                return redact(run)
        return run

    def _hex_holds_key(self, digits: str) -> bool:
        """Whether the bytes the hex ``digits`` spell, read from either
        digit, hold a key."""
        for shift in (0, 1):
            even = digits[shift:len(digits) - (len(digits) - shift) % 2]
            if self._holds_key(bytes.fromhex(even).decode('latin-1')):
                return True
        return False

    def _uu_out(self, text: str) -> str:
        """``text`` with each uuencoded line (after a lead such as
        ``baseline audit``'s ``2:``) that holds some of a key redacted: read
        joined with the next two (a key's 50 bytes span up to three lines of
        45), a key's prefix there (each way a line may read, ``_uu_bodies``),
        or a piece of a known key on the line alone (a line with less
        shows at most 8 of its characters)."""
        lines = text.splitlines(keepends=True)
        bodies = [_uu_bodies(line) for line in lines]
        if not any(bodies):
            return text
        from itertools import product  # (only here: a blocked commit's report loads no more)

        hide = set()
        for i, read in enumerate(bodies):
            if not read:
                continue
            if self._index and any(self._pieces_out(plain) != plain for _at, plain in read):
                hide.add(i)
            group = [i]
            while len(group) < 3 and i + len(group) < len(lines) and bodies[i + len(group)]:
                group.append(i + len(group))
            for combo in product(*(bodies[j] for j in group)):
                joined = ''.join(plain for _at, plain in combo)
                if 'tgp_v1_' not in joined:
                    continue
                spans = [(at, at + 50) for at in _places(joined, 'tgp_v1_')]
                lo = 0
                for j, (_at, plain) in zip(group, combo):
                    hi = lo + len(plain)
                    if any(a < hi and lo < b for a, b in spans):
                        hide.add(j)
                    lo = hi
        for i in hide:
            line = lines[i]
            start = bodies[i][0][0]  # type: ignore[index]
            end = len(line.rstrip('\r\n'))
            lines[i] = line[:start] + redact(line[start:end]) + line[end:]
        return ''.join(lines)

    def _decoded_gapped_hex(self, m: re.Match[str]) -> str:
        run = m.group()
        digits = _pattern(_HEX_SEP).sub('', run)
        if len(digits) < 100 or len(digits) == len(run):
            return run
        return redact(run) if self._hex_holds_key(digits) else run

    def _decoded_base85(self, m: re.Match[str]) -> str:
        from together_hooks.detect.codec import b85_decode

        run = m.group()
        for shift in range(5):
            plain = b85_decode(run.encode('ascii'), shift).decode('latin-1')
            if 'tgp_v1_' in plain and self._holds_key(plain):
                return redact(run)
        return run

    def _decoded_base64(self, m: re.Match[str]) -> str:
        run = m.group()
        for plain in _decodings(run):
            if self._holds_key(plain):
                return redact(run)
        return run


# Letters of other scripts drawn as a key's own (Unicode's confusables,
# UTS #39, for the characters a key holds): Cyrillic ``а``, ``о``, ``р``,
# Greek ``ο``, ``ν``, Armenian ``օ``, dashes drawn as ``-``.  No key holds
# them, but a reader copies what they see by typing it: a run that reads
# as a key once they are read as their Latin twins is one.  NFKC leaves
# them alone (they are letters of their own), so they are read after it.
def _withhold(m: re.Match[str]) -> str:
    """A list of codes past what the scrub knows (``Scrubber._withheld``),
    but one of too few digits to spell a piece (96 bits)."""
    run = m.group()
    return run if sum(c in '0123456789abcdefABCDEF' for c in run) < 16 else WITHHELD


def _hashed(secret: str) -> str:
    """``secret``'s ``hashed_secret`` (``findings.hash_secret``)."""
    from together_hooks.findings import hash_secret

    return hash_secret(secret)


def _our_names() -> frozenset[str]:
    """The names our code gives a finding (its rule): they pass
    ``Scrubber._withheld`` whole."""
    global _NAMES
    if _NAMES is None:
        from together_hooks.detect.ownkeys import OWN_KEY_RULE
        from together_hooks.rules import RULES_BY_ID

        _NAMES = frozenset((*RULES_BY_ID, OWN_KEY_RULE))
    return _NAMES


_NAMES: frozenset[str] | None = None


# Past a cap a run of ``_OVER_RUN`` is read as a path of words (a report's
# or a baseline's file name: ``payment_processing_worker/settings``, a ref
# ``together-api-key-<hex>``): its parts are runs of letters and digits
# between separators (``/``, ``_``, ``-``, ``=``, ``+``, ``%``, ``\``).  A part
# that is no word (``_OVER_WORD``: lower-case, capitals, capitalised or
# camel-cased in parts of three letters after the first, a few digits
# after, or a number) is withheld: a key's random pieces, a
# legacy key's 64 hex digits, a ``tgp_v1_`` key's body.  Words kept
# together may still spell 16 characters or more of a key's pieces: such a
# stretch passes only when a key's random characters read so less often
# than ``_OVER_CHANCE`` (``_words_chance``).
_OVER_PART = r'[A-Za-z0-9]+|[^A-Za-z0-9]+'
_OVER_WORD = (r'(?:[a-z]+|[A-Z]+|[A-Z][a-z]{2,}|(?:[a-z]+|[A-Z][a-z]+)(?:[A-Z][a-z]{2,})+)'
              r'[0-9]{0,4}|[0-9]{1,6}')


def _over_words(run: str) -> str:
    """``run`` (``_OVER_RUN``, past a cap) with each part that may be a
    piece of a key shown as ``WITHHELD``, its words kept."""
    word = _pattern(_OVER_WORD).fullmatch
    out: list[str] = []
    stretch: list[str] = []  # parts kept since the last one withheld

    def close() -> None:
        kept = ''.join(stretch)
        stretch.clear()
        if not kept.strip('/_-=+%\\') and out and out[-1] == WITHHELD:
            return  # separators between two withheld parts
        # a key's start (``tgp_v1_``) is no word: what stands on each side
        # of it is read alone
        shown = []
        for body in kept.split('tgp_v1_'):
            words = _pattern('[A-Za-z0-9]+').findall(body)
            if not words or len(body) < 16 or _words_chance(body, words) < _OVER_CHANCE:
                shown.append(body)
            else:
                shown.append(WITHHELD)
        kept = 'tgp_v1_'.join(shown)
        if kept.startswith(WITHHELD) and out and out[-1] == WITHHELD:
            kept = kept[len(WITHHELD):]
        out.append(kept)

    for part in _pattern(_OVER_PART).findall(run):
        if not part[0].isalnum() or word(part):
            stretch.append(part)
            continue
        close()
        if not out or out[-1] != WITHHELD:
            out.append(WITHHELD)
    close()
    return ''.join(out)


# At most so often a key's random characters read as a stretch of words
# shown past a cap (``_over_words``; a path of words of 16 characters,
# ``docs/source/conf``, reads so one time in 2.6 million: ``_words_chance``).
_OVER_CHANCE = 1e-6


def _words_chance(body: str, words: list[str]) -> float:
    """How likely a key's random characters are ``body``, its ``words``
    kept as they are (``_OVER_WORD``: each word's letters in their cases,
    a camel-cased word one of ``_camel_count``, its digits) and its
    separators (``_-``, ``+/``: 2 in 64) where they stand or anywhere."""
    import math

    chance = 1.0
    for word in words:
        letters = word.rstrip('0123456789')
        chance *= (10 / 64) ** (len(word) - len(letters))
        if letters and not letters.islower() and not letters.isupper():
            chance *= _camel_count(len(letters)) / 64 ** len(letters)
        else:
            chance *= (26 / 64) ** len(letters)
    seps = len(body) - sum(map(len, words))
    return chance * math.comb(len(body), seps) * (2 / 64) ** seps


def _withhold_spelt(m: re.Match[str]) -> str:
    """A run of ``_OVER_SPELT`` withheld, but a base85-like one only when
    it holds a sign base85 has and text seldom does (``hash)``, ``f(x)``,
    a run of ``_OVER_RUN`` are words: ``Scrubber._withheld`` reads them).
    A key's base85 lacks all of them about one time in 20,000, and its
    runs between brackets are still withheld at 16 characters."""
    run = m.group()
    if run[0] == '&' or ' ' in run or '\t' in run:
        return WITHHELD  # HTML references, characters between spaces
    return WITHHELD if any(c in run for c in '!#$&*;<>?@^`{|}~') else run


def _over_notice() -> None:
    """One line on the process's own standard error (not through the
    scrub it is about): why runs are shown as ``WITHHELD``."""
    try:
        sys.__stderr__.write(
            f'together-hooks: more keys known (the environment, env files, findings) than '
            f'the output scrub checks ({MAX_HELD} of your own, {MAX_KNOWN} in all): each run that may hold '
            f'a piece of one is shown as {WITHHELD}\n')
        sys.__stderr__.flush()
    except (AttributeError, OSError, ValueError):
        pass


_LOOK_ALIKE = str.maketrans(dict((  # each pair: the twin, then its letter
    # Cyrillic
    'аa еe һh іi јj оo сc рp ԁd ѕs уy хx ԛq ԝw ӏl б6 '
    'АA ВB ЕE З3 ІI ЈJ КK МM НH ОO РP СC ЅS ТT ХX УY ҮY ԚQ ԜW ӀI '
    # Greek
    'αa γy ιi οo νv ρp υu χx '
    'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX '
    # Latin's own and Armenian
    'ıi ɑa ɡg օo հh ոn սu զq '
    # dashes
    '\u2010- \u2011- \u2012- \u2013- \u2212- \u02d7-'
).split()))
# Characters drawn as a blank that no normal form takes for a space (the
# braille pattern blank U+2800, a spammer's "invisible" letter; the Ogham
# space mark U+1680): a reader sees a gap there, so a key cut by one reads
# as a key cut by a space (redacted where the engine's rules take it so).
_LOOK_ALIKE.update({0x2800: ' ', 0x1680: ' '})


def _uu_bodies(line: str) -> list[tuple[int, str]]:
    """The ways ``line`` ends in a uuencoded line: where its length
    character is (the line's end pins it: ``M`` and 60 characters for 45
    bytes, up to three blanks at its end maybe trimmed) and what it
    decodes to, first place first (a lead before it, ``2:``, may read as
    one too); at most three."""
    body = line.rstrip('\r\n')
    # How many of its last characters are uuencode's (a line of text ends
    # in a lower case letter or so: none).
    tail = len(body) - len(body.rstrip(_UU_CHARS))
    if tail < 5:
        return []
    from binascii import Error
    from binascii import a2b_uu

    out = []
    for at in range(len(body) - tail, len(body) - 4):
        n = ord(body[at]) - 32
        trimmed = (n + 2) // 3 * 4 - (len(body) - at - 1)
        if not 0 < n <= 45 or not 0 <= trimmed <= 3:
            continue
        try:
            raw = a2b_uu(body[at:] + ' ' * trimmed)
        except Error:
            continue
        out.append((at, raw.decode('latin-1')))
        if len(out) == 3:
            break
    return out


# uuencode's characters (a blank to a backquote).
_UU_CHARS = ''.join(chr(c) for c in range(32, 97))


def _folds(text: str) -> bool:
    """Whether ``text`` reads otherwise once folded (``_folded``); the
    ellipsis of every redaction (``tgp_v1_Ab…yz``) folds to ``...`` and
    joins nothing, so a report's lines are not read twice for it."""
    text = text.replace('…', '')
    if text.isascii():  # most reports: no need to load unicodedata
        return False
    import unicodedata

    return (
        not unicodedata.is_normalized('NFKC', text) or text.translate(_LOOK_ALIKE) != text
        or _marked(text)
    )


# Combining marks a terminal draws on the letter before them (an accent
# U+0301, an underline or strike-through generator's U+0332 and U+0336, an
# enclosing circle U+20DD): no normal form takes them away, and a reader
# retyping ``t́ǵṕ_v1_…`` types the letters under them.  Unicode's
# nonspacing (Mn) and enclosing (Me) marks, in any script.
_MARKS = ('Mn', 'Me')


def _marked(text: str) -> bool:
    """Whether ``text`` holds a combining mark (``_MARKS``; none lies
    below U+0300) on a letter a reader takes for an ASCII one
    (``_latin_base``).  A mark of another script's letter (Devanagari's
    vowel signs, Hebrew's points, Thai's) hides no key: reading its line
    once more for one cost a report of Hindi or Hebrew lines 3x its scrub
    (docs/hardening.md, "Session 36 (review36b)")."""
    import unicodedata

    category = unicodedata.category
    base = ''
    for c in text:
        if c < '\u0300' or category(c) not in _MARKS:
            base = c
        elif base and (base < '\x80' or _latin_base(base)):
            return True
    return False


# ``_latin_base``'s answers (a dict, not ``functools.lru_cache``: the
# scrub is imported by every hook run, which loads no ``functools``).
_LATIN_BASES: dict[str, bool] = {}


def _latin_base(char: str) -> bool:
    """Whether a reader takes ``char`` for an ASCII character: its
    compatibility decomposition's first (``é``, ``ｔ``, ``𝐭``), or that read
    as the Latin letter it is drawn as (Cyrillic ``а``: ``_LOOK_ALIKE``)."""
    known = _LATIN_BASES.get(char)
    if known is None:
        import unicodedata

        known = unicodedata.normalize('NFKD', char)[:1].translate(_LOOK_ALIKE).isascii()
        if len(_LATIN_BASES) < 4096:
            _LATIN_BASES[char] = known
    return known


def _folded(text: str) -> str:
    """``text`` as a reader (or a copy and paste into a search box) takes
    it: combining marks dropped (``_MARKS``, after NFKD: ``É`` reads
    ``E``), compatibility forms folded, NFKC (fullwidth ``ｔｇｐ＿ｖ１＿``,
    mathematical ``𝐭𝐠𝐩``, circled or superscript letters read as theirs),
    then letters of other scripts drawn as Latin ones read as those
    (``_LOOK_ALIKE``)."""
    import unicodedata

    decomposed = unicodedata.normalize('NFKD', text)
    if _marked(decomposed):
        category = unicodedata.category
        text = ''.join(c for c in decomposed if c < '\u0300' or category(c) not in _MARKS)
    return unicodedata.normalize('NFKC', text).translate(_LOOK_ALIKE)


def _coded(text: str) -> str:
    """``text`` with its characters written by their codes (``_CODED``)
    undone: each decimal list as the bytes it lists (UTF-8; code points
    when one passes 255), each ``%uXXXX``, CSS escape and ``U+XXXX`` as
    its character."""
    def listed(m: re.Match[str]) -> str:
        numbers = [int(n) for n in _pattern(r'\d+').findall(m.group())]
        if max(numbers) > 255:
            return ''.join(map(chr, numbers))
        return bytes(numbers).decode('utf-8', 'replace')

    def char(m: re.Match[str]) -> str:
        code = int(next(g for g in m.groups() if g is not None), 16)
        return chr(code) if code < 0x110000 and not 0xd800 <= code < 0xe000 else m.group()

    return _pattern(_CODE).sub(char, _pattern(_DEC_LIST).sub(listed, text))


def _readings(plain: str) -> Iterator[str]:
    """Decoded bytes (as latin-1) as they may be read: as they are, with
    NUL bytes dropped (UTF-16 or UTF-32 text), and, when not ASCII, as
    UTF-8 folded (``_folded``)."""
    yield plain
    if '\x00' in plain:
        plain = plain.replace('\x00', '')
        yield plain
    if not plain.isascii():
        try:  # bytes that are UTF-8 (random bytes seldom are: not folded)
            text = plain.encode('latin-1').decode('utf-8')
        except UnicodeEncodeError:  # text already (percent-decoded)
            text = plain
        except UnicodeDecodeError:
            return
        folded = _folded(text)
        if folded != plain:
            yield folded


# A gzip or zlib stream decoded from base64 (the engine's ``base64 gzip``
# and ``base64 zlib`` values: a Helm release, a signed cookie, in the line
# ``baseline audit`` shows) is inflated, as far as ``_INFLATED_MAX``
# (a shown line's value: a bomb costs no more than that).
_INFLATED = frozenset((b'\x1f\x8b', b'x\x01', b'x\x9c', b'x\xda'))
_INFLATED_MAX = 1 << 20


def _inflated(raw: bytes) -> bytes:
    import zlib

    # 47: a gzip or a zlib header, told by the stream.  Fed in pieces:
    # what came out before damage (a value cut or corrupted) is kept.
    decoder = zlib.decompressobj(47)
    out = b''
    for at in range(0, len(raw), 4096):
        try:
            out += decoder.decompress(raw[at:at + 4096], _INFLATED_MAX - len(out))
        except zlib.error:
            break
        if len(out) >= _INFLATED_MAX or decoder.eof:
            break
    return out


def _decodings(run: str, depth: int | None = None) -> Iterator[str]:
    """A base64 run decoded from each of its first four characters (one
    of them is where the encoding of a value inside it starts), and the
    base64 runs that decoding holds decoded too, as deep as the engine
    decodes (a value encoded three times)."""
    from together_hooks.detect.codec import b64_decode

    if depth is None:
        from together_hooks.rules import B64_DEPTH

        depth = B64_DEPTH
    for shift in range(4):
        raw = b64_decode(run.encode('ascii'), shift)
        if raw is not None:
            plain = raw.decode('latin-1')
            yield plain
            if raw[:2] in _INFLATED:
                yield _inflated(raw).decode('latin-1')
            if depth > 1:
                for inner in _pattern(_B64_RUN).finditer(plain):
                    yield from _decodings(inner.group(), depth - 1)
    # Each run of base32's characters in it long enough to hold a key is
    # read as base32 too, as the engine reads one inside other text
    # (``codec.b32_view``: ``--ORTX…``, a folder ``…/ORTX…/``): from each
    # of its first eight.
    for b32 in _pattern(_B32_RUN).finditer(run):
        from together_hooks.detect.codec import b32_decode

        chars = b32.group().rstrip('=').encode('ascii')
        for shift in range(8):
            raw = b32_decode(chars, shift)
            if raw is not None:
                yield raw.decode('latin-1')


def _places(text: str, needle: str) -> Iterator[int]:
    """Where ``needle`` starts in ``text``, apart."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + len(needle))


def encoded_runs(text: str, secret: str) -> list[str]:
    """The base64 runs of ``text`` that hold ``secret`` encoded."""
    return [
        m.group() for m in _pattern(_B64_RUN).finditer(text)
        if any(secret in plain for plain in _decodings(m.group()))
    ]


def _in_context(text: str, digests: Collection[str] = (), found: set[str] | None = None) -> str:
    """A legacy key the rules find in ``text`` (a name before it, the
    API host near it): redacted wherever it occurs.  ``digests``: 64-hex
    digests our own code computed (``vouch``: a SARIF report's
    fingerprint beside every result, under a name holding ``together``),
    read as ``x``s: no key, and each put the legacy rule's patterns to
    work around it (a report of 700 findings: 12 of 13 CPU-s of the
    rules' pass over it).  Word characters for word characters: what
    stands next to one reads the same.  ``found``: told each key found."""
    from together_hooks.detect.engine import scan_bytes

    read = text
    if digests:
        read = _pattern(_OWN_DIGEST).sub(
            lambda m: 'x' * 64 if m.group() in digests else m.group(), text)
    for finding in scan_bytes(read.encode('utf-8', 'replace'), SHOWN_LINE):
        if found is not None:
            found.add(finding.secret)
        text = text.replace(finding.secret, finding.redacted)
        if finding.encoding != 'raw':  # found decoded: its encoding goes
            for run in encoded_runs(text, finding.secret):
                text = text.replace(run, redact(run))
    return text


# ------------------------------------------------------------------ sinks

class Sink:
    """A text stream that scrubs everything written to it.

    Put in front of ``sys.stdout`` and ``sys.stderr`` by ``install``.  A
    ``\\r`` that starts a write (a progress line rewriting itself) stays;
    any other is escaped.  A closed stream (the process started with fd 1
    closed) fails the first write with one clear line.
    """

    def __init__(self, stream: Any, scrubber: Scrubber, name: str) -> None:
        self.stream = stream
        self.scrubber = scrubber
        self.name = name
        self.commands = False  # the github report's own ``::error`` lines
        # SGR colour codes pass: a screen another program colours itself
        # (detect-secrets' interactive audit, in its child process).
        self.colours = False
        self._line_start = True
        self._text_flushed = False

    def write(self, text: str) -> int:
        if self.stream is None:
            from together_hooks.errors import InputError

            raise InputError(f'cannot write: {self.name} is closed')
        lead = len(text) - len(text.lstrip('\r'))
        shown = text[:lead] + self.scrubber.scrub(
            text[lead:], self.commands, self._line_start or lead > 0, self.colours,
        )
        self._line_start = text.endswith('\n')
        self._write(shown)
        return len(text)

    def write_painted(self, text: str, painter: Callable[[str], str]) -> int:
        """``text`` scrubbed, then coloured by ``painter``: our own colour
        codes are added after the scrub, so they are never escaped, while a
        control sequence that came with the data always is."""
        shown = self.scrubber.scrub(text, self.commands, self._line_start)
        self._line_start = text.endswith('\n')
        self._write(painter(shown))
        return len(text)

    def _write(self, text: str) -> None:
        """All of ``text`` or an error: a text stream drops what its buffer
        does not take (a file cut by ``ulimit -f`` takes part of a write,
        then fails), so the bytes go to the buffer until none is left.
        Buffered as the stream is (flushed each write only when it is
        line-buffered or written through, a terminal's): a flush a write
        made the scrubbed output of a run that prints much cost a system
        call a line."""
        stream = self.stream
        buffer = getattr(stream, 'buffer', None)
        if buffer is None or os.linesep != '\n':
            stream.write(text)
            return
        if not self._text_flushed:  # after what the text layer held before us
            self._text_flushed = True
            stream.flush()
        view = memoryview(text.encode(stream.encoding, stream.errors or 'strict'))
        while view:
            written = buffer.write(view)
            view = view[written if written is not None else len(view):]
        if getattr(stream, 'line_buffering', False) or getattr(stream, 'write_through', False):
            buffer.flush()

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()

    def isatty(self) -> bool:
        return self.stream is not None and self.stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def install(held: Callable[[], Iterable[str]] | None = None) -> Scrubber:
    """Scrub ``sys.stdout`` and ``sys.stderr`` from now on (once per
    process); the scrubber both share.  ``held``: where the developer's
    own keys are read (``Scrubber``), called once, at the first thing
    shown, unless the run read them first (``hold``).  A character the
    stream cannot encode (a redaction's ``…`` on an ASCII terminal) is
    escaped, not an error; a log handler bound to a stream before
    (detect-secrets binds one to stderr when imported, before its plugin
    installs this) writes through the scrub from now on."""
    current = run_scrubber()
    if current is not None:
        return current
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors='backslashreplace')  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    scrubber = Scrubber(held=held)
    raw = {id(sys.stdout): 'stdout', id(sys.stderr): 'stderr'}
    sys.stdout = Sink(sys.stdout, scrubber, 'standard output')  # type: ignore[assignment]
    sys.stderr = Sink(sys.stderr, scrubber, 'standard error')  # type: ignore[assignment]
    if 'logging' in sys.modules:  # no logger made yet otherwise
        _follow_sinks(raw)
    return scrubber


def _follow_sinks(raw: dict[int, str]) -> None:
    """Point every log handler that writes to a raw standard stream
    (``raw``: its id -> its name in ``sys``) at the sink now in front."""
    import logging

    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, 'handlers', ()):
            name = raw.get(id(getattr(handler, 'stream', None)))
            if name is not None and isinstance(handler, logging.StreamHandler):
                handler.setStream(getattr(sys, name))


def run_scrubber() -> Scrubber | None:
    """The scrubber installed on this process's output, if any."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, Sink):
            return stream.scrubber
    return None


def learn(secrets: Iterable[str]) -> None:
    """Teach the run's scrubber keys found (no-op when none is installed)."""
    scrubber = run_scrubber()
    if scrubber is not None:
        scrubber.learn(secrets)


def hold(secrets: Iterable[str], here: bool = True) -> None:
    """Teach the run's scrubber the developer's own keys, as the run read
    them (``Scrubber.hold``; no-op when none is installed)."""
    scrubber = run_scrubber()
    if scrubber is not None:
        scrubber.hold(secrets, here)


def vouch(digest: str) -> str:
    """``digest``, a one-way digest our own code computed from a key (a
    report's fingerprint), told to the run's scrubber: past a cap it is
    shown whole, not withheld (``Scrubber._withheld``)."""
    scrubber = run_scrubber()
    if scrubber is not None:
        scrubber._ours.add(digest)
        if len(digest) == 64 and not digest.strip('0123456789abcdef'):
            scrubber._digests.add(digest)
    return digest


def vouch_fields(doc: object, data: tuple[str, ...] = (), names: str | None = None) -> None:
    """The field names of ``doc``, a structured output our code writes
    (a report, a baseline, an audit record), told to the run's scrubber
    as its own (``vouch``): past a cap they pass whole while every value
    is still withheld.  ``data``: fields whose own field names are data
    (a baseline's ``results``, by file name): those are not vouched.
    ``names``: a pattern every vouched name matches (a baseline is read
    from a file anyone may have edited: its schema's names only).
    Nothing to do while the scrub learns every key."""
    scrubber = run_scrubber()
    if scrubber is None or not scrubber._over:
        return
    ours = scrubber._ours
    schema = None if names is None else _pattern(names)
    todo = [doc]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            for name, value in item.items():
                if isinstance(name, str) and name not in data:
                    if schema is None or schema.fullmatch(name):
                        ours.add(name)
                    todo.append(value)
                elif isinstance(value, dict):  # a data-named field's entries
                    todo.extend(value.values())
        elif isinstance(item, list):
            todo.extend(item)


def scrub(text: str, commands: bool = False) -> str:
    """``text`` scrubbed with what this run knows (for files we write)."""
    return (run_scrubber() or Scrubber()).scrub(text, commands)


def hidden(text: str) -> list[bool]:
    """Which characters of ``text`` the run's scrub hides (a key, or a
    piece of one, spelt in a name): those from the first it changes to the
    last, so a pattern written for a name (a ``.gitignore`` rule) can match
    them without spelling them.  Escaping alone hides nothing."""
    shown = (run_scrubber() or Scrubber()).redacted(text)
    if shown == text:
        return [False] * len(text)
    head = 0
    while head < min(len(text), len(shown)) and text[head] == shown[head]:
        head += 1
    tail = 0
    while (tail < min(len(text), len(shown)) - head
           and text[len(text) - 1 - tail] == shown[len(shown) - 1 - tail]):
        tail += 1
    return [head <= i < len(text) - tail for i in range(len(text))]


def one_line(text: str) -> str:
    return ' '.join(scrub(str(text)).split())


class workflow_commands:
    """While the github report is written, its ``::error`` lines pass."""

    def __enter__(self) -> None:
        if isinstance(sys.stdout, Sink):
            sys.stdout.commands = True

    def __exit__(self, *exc: object) -> None:
        if isinstance(sys.stdout, Sink):
            sys.stdout.commands = False
