"""Structural context: is the structure around a key about Together?

A key under a generic name (``api_key``, ``password``, a ``Bearer``
header) is a Together key only when the structure it sits in says so: the
call, object or list around it, its YAML block, its shell command over
continuation lines, its INI section, the flat names sharing its name's
prefix (``LLM_PROVIDER`` beside ``LLM_API_KEY``), or failing all of those
the top-level statements near it.  The structures are walked from the
innermost out; the first that holds Together context (the endpoint, a
provider field, an identifier bound to the endpoint, or a heading named
Together) answers yes, and the first that names another destination (a
URL, host, model or provider field) answers no.

Everything is bounded by ``reach`` bytes on either side of the key, so
the cost per key is bounded and a chunked reader knows how much overlap
context needs.
"""
from __future__ import annotations

from bisect import bisect_left
from bisect import bisect_right

from together_hooks import regex_cache
from together_hooks.rules import HEADING_WORDS
from together_hooks.rules import LOG_TIMESTAMP
from together_hooks.rules import NON_KEY_PURPOSE
from together_hooks.rules import ORG
from together_hooks.rules import OTHER_CLIENTS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Iterator

# Other providers, by name (one home: the field pattern below and the
# Markdown sub-labels read it).  ``openai_compatible`` is a protocol, not
# a destination (Together's own ``together:`` then ``openai_compatible:``).
_OTHERS = (
    rb'(?:openai(?![_-]?compat)|anthropic|azure(?:[_-]?openai)?'
    rb'|mistral(?:ai)?|groq|cohere|gemini|google|fireworks(?:[_-]?ai)?|deepseek|perplexity|openrouter'
    rb'|ollama|replicate|huggingface|bedrock|vertex(?:[_-]?ai)?|xai|cerebras|deepinfra|anyscale)'
)
# Field names that say where a credential goes: a structure holding one
# decides the question (a sibling's Together endpoint does not leak in).
_TARGET = regex_cache.compile(
    rb'(?im)(?:(?<![a-z0-9])(?:base_?url|api_?base|url|uri|host|endpoint|provider'
    rb'|api_type|server|:authority)["\']?\s{0,8}[:=]'
    # A path alone names no other host (a logged request's ``'url':
    # '/chat/completions'`` beside its ``base_url``).
    rb'(?!\s{0,8}["\']?/(?!/))'
    rb'|^[ \t]*machine[ \t]|https?://|:authority\b'
    # An entry's title (a KeePass export's ``<Key>Title</Key><Value>``):
    # another entry's key is another service's.
    rb'|(?<![\w-])title</[\w:.-]{1,40}>[ \t]{0,8}<[\w:.-]{1,40}>'
    # An object named or typed for another provider (``- name: openai``,
    # ``- type: openai`` in a list whose next item is Together's).
    rb'|(?<![\w-])(?:name|id|type|title|slug)["\']?[ \t]{0,8}[:=][ \t]{0,8}["\']?' + _OTHERS + rb'(?![\w.-])'
    # A CI step's action (GitHub Actions' ``uses: owner/action@ref``, a
    # Docker image, a local action): the inputs under its ``with:`` go to
    # it (Together's own organisation's is Together context, found first;
    # one named for Together, ``acme/together-login@v1``, names no other).
    rb'|(?<![\w-])uses:[ \t]{0,8}["\']?(?![^@\s]{0,200}(?i:together))(?:[\w.-]{1,100}/[\w./-]{1,100}@|docker://|\./)'
    # A traceback's frame in another installed package (``File
    # ".../site-packages/openai/_client.py", line 120``): the line it
    # quotes is that package's (Together's own frame is context, found first).
    rb'|(?<![\w-])File[ \t]"[^"\r\n]{0,300}?[/\\](?:site|dist)-packages[/\\](?!(?i:together)[/\\])[\w.-]{1,100}[/\\][^"\r\n]{0,200}",[ \t]line[ \t]\d)',
)
# A sub-label naming another provider (``**OpenAI**`` under ``## LLM keys``).
# A structure inside one of Together's named for another provider or a
# purpose other than a credential is not Together's (``_Structures``).
_HOLE = rb'(?i)(?<![a-z0-9])' + _OTHERS + rb'(?![a-z0-9])|' + NON_KEY_PURPOSE
_OTHER_LABEL = regex_cache.compile(rb'(?i)(?<![a-z0-9])' + _OTHERS + rb'(?![a-z0-9])')
# A name that is Together's alone (the last of a dotted name).
# A type's or a function's declaration, its name (``class Cache``,
# ``module Together``, ``def cache_keys(self):``, ``func NewCache() *Cache {``).
_DECLARED = regex_cache.compile(
    rb'(?<![\w.])(?:class|module|defmodule|struct|object|record|def|func|function|fun|fn|sub)[ \t]+'
    # (a qualified name's last part: Elixir's ``defmodule Acme.Cache``,
    # Ruby's ``class Acme::Cache``)
    rb'(?:\([^()\r\n]{0,80}\)[ \t]*)?(?:\w{1,40}(?:\.|::)){0,4}(?P<name>\w{1,64})'
)
_TOGETHER_NAME = regex_cache.compile(rb'["\']?(?i:together(?:[_-]?ai)?)["\']?')
# A heading naming Together: the sections around it are not walked on
# (their digest words are not the key's: ``# Secrets, hashes and keys``
# over ``## Together AI``).
_TOGETHER_LABEL = regex_cache.compile(rb'(?i)together')
# A model field names what runs, not where: many hosts serve the same
# open model, so it decides only with the structure right around it (a
# provider's ``config:`` block holds the model; the provider is named a
# level up, as in mem0's ``{"provider": "together", "config": {...}}``).
_MODEL = regex_cache.compile(rb'(?i)(?<![a-z0-9])model["\']?\s{0,8}[:=]')
_BRACKETS = regex_cache.compile(rb'[][(){}]')
_OPEN = {ord('('): ord(')'), ord('['): ord(']'), ord('{'): ord('}')}
# (a comment may follow a section's header, ``[openai]  ; prod``: it still
# starts a section and ends the one before)
_SECTION = regex_cache.compile(rb'(?m)^[ \t]*\[\[?[^\]\r\n]{1,100}\]\]?(?=[ \t]*(?:[;#][^\r\n]*)?\r?$)')
# A Markdown heading (a team wiki's ``## Together AI`` over its ``API key:``
# line; or underlined, setext's ``===`` or ``---`` line under it; or a
# line all bold, ``**Together AI**``), an empty line after it, as Markdown
# writes one: a ``# comment`` right above a line of code is no heading and
# cuts no INI section.  An ATX heading right over another ATX heading is
# one too (``## Together AI`` then ``### Production``): the last of such a
# run has the empty line after it, at most ``_HEADING_RUN`` lines below
# (each line looks that far ahead, never to the run's end: 16,000 ``# x``
# lines cost 18 s when it did).  An ATX ``#`` heading holds the lines up to the
# next ATX heading of its level or higher; a setext or bold one is a
# sub-label (a wiki's ``**Staging**`` under ``## Together AI``): it holds
# the lines up to the next heading of any kind and ends no ATX section.
# In code a comment of Together's heading words alone (``# Together
# AI``, ``# Together API keys``; not ``# sha256 of together.tar.gz``) is
# a heading with no empty line after it too: it labels the block right
# under it (``# Together AI`` over ``api_key = <key>``).
_HEADING_RUN = 8
# A line comment's leader at a line's start.
_COMMENT_LEADER = rb'#{1,6}|//|--(?!-)|;{1,2}|%{1,2}|(?i:rem)(?=[ \t])|::'
_HEADING = regex_cache.compile(
    (rb'(?m)^(?P<h>#{1,6}[ \t]+[^\s#][^\r\n]{0,100}?(?=[ \t]*\r?\n(?:#{1,6}[ \t]+[^\s#][^\r\n]{0,100}\r?\n){0,%d}[ \t]*\r?$)'
     % _HEADING_RUN)
    # (in any language's line comment, ``// Together AI``, SQL's ``--``,
    # INI's ``;``, TeX's ``%``, batch's ``REM`` or ``::``, or a block
    # comment on its own line, ``/* Together AI */``, an HTML comment)
    + rb'|(?:' + _COMMENT_LEADER + rb')[ \t]+(?i:' + HEADING_WORDS + rb')(?:[ \t]+(?:#+|//|--))?(?=[ \t]*\r?$)'
    + rb'|/\*+[ \t]*(?i:' + HEADING_WORDS + rb')[ \t]*\*+/(?=[ \t]*\r?$)'
    # (an HTML or XML comment, indented as the markup around it is:
    # ``<!-- Together AI -->`` over a form's ``<input>``)
    + rb'|[ \t]*<!--[ \t]*(?i:' + HEADING_WORDS + rb')[ \t]*-->(?=[ \t]*\r?$)'
    rb'|(?:[^\s#|=-][^\r\n]{0,100}?\r?\n(?:={3,}|-{3,})|\*\*[^\r\n*]{1,100}\*\*)(?=[ \t]*\r?\n[ \t]*\r?$))',
)


# In a document (``rules.is_prose``) an ATX line is a heading whatever
# follows it (``## Together AI`` then ``API key: ...`` on the next line):
# only in code is the same line as often a comment over the line under it.
_PROSE_HEADING = regex_cache.compile(
    rb'(?m)^(?P<h>#{1,6}[ \t]+[^\s#][^\r\n]{0,100}?(?=[ \t]*\r?$)'
    rb'|(?:[^\s#|=-][^\r\n]{0,100}?\r?\n(?:={3,}|-{3,})|\*\*[^\r\n*]{1,100}\*\*)(?=[ \t]*\r?\n[ \t]*\r?$))',
)


# An Org document's headline (``* Together AI``, ``** Production``):
# its level is its stars (``rules.ORG``).
_ORG_HEADING = regex_cache.compile(rb'(?m)^(?P<h>\*{1,6}[ \t]+[^\s*][^\r\n]{0,100}?(?=[ \t]*\r?$))')


def _heading_regex(prose: int) -> re.Pattern[bytes]:
    return _ORG_HEADING if prose == ORG else _PROSE_HEADING if prose else _HEADING


def is_heading(data: bytes, start: int, prose: int = False) -> bool:
    """Is the line at ``start`` a Markdown heading (``_HEADING``; in a
    document ``_PROSE_HEADING``)?"""
    return _heading_regex(prose).match(data, start) is not None


_URL_NAME = rb'(?P<name>[A-Za-z_][\w.]{0,63})["\']?[ \t]*(?::[ \t]*\w+[ \t]*)?[:=][ \t]*[fr]?["\'`]'
_LEVELS = 8
_MARKS = 512


def _line_start(data: bytes, at: int, lo: int) -> int:
    return data.rfind(b'\n', lo, at) + 1 or lo


def _line_end(data: bytes, at: int, hi: int) -> int:
    end = data.find(b'\n', at, hi)
    return hi if end == -1 else end


# How far back a closing parenthesis's opening one is looked for.
_PARAMS_REACH = 1024


def _params_start(data: bytes, start: int, end: int, lo: int) -> int:
    """Where the line holding the opening parenthesis starts, for a line
    (``start`` to ``end``) closing more parentheses than it opens: a
    parameter list split over lines (``def f(`` ... ``) -> X:``, Go's
    ``func F(`` ... ``) *T {``, Java's ``Client make(`` ... ``int n) {``)
    belongs to the signature's first line.  ``start`` itself if there is
    none within ``_PARAMS_REACH``."""
    depth = data.count(b')', start, end) - data.count(b'(', start, end)
    if depth <= 0:
        return start
    for i in range(start - 1, max(lo, start - _PARAMS_REACH) - 1, -1):
        c = data[i]
        if c == 0x29:
            depth += 1
        elif c == 0x28:
            depth -= 1
            if depth == 0:
                return _line_start(data, i, lo)
    return start


def _indent(line: bytes) -> int:
    """Leading blanks, a YAML list item's ``- `` counted as indentation
    (its keys line up with the item's first key)."""
    stripped = line.lstrip(b' \t')
    n = len(line) - len(stripped)
    while stripped[:2] == b'- ':
        rest = stripped[2:].lstrip(b' ')
        n += len(stripped) - len(rest)
        stripped = rest
    return n


def _is_item(line: bytes) -> bool:
    return line.lstrip(b' \t')[:2] == b'- '


def bracket_spans(
        data: bytes, at: int, lo: int, hi: int, brackets: list[int],
) -> Iterator[tuple[int, int, int]]:
    """(label start, opener, closer end) of the brackets around ``at``,
    innermost first; ``brackets``: every bracket's offset, sorted."""
    openers = []
    depth = 0
    first, mid = bisect_left(brackets, lo), bisect_left(brackets, at)
    last = bisect_left(brackets, hi, mid)
    # At most _MARKS brackets each way: a key under thousands of unclosed
    # brackets costs no more than one under a few.
    for pos in reversed(brackets[max(first, mid - _MARKS):mid]):
        ch = data[pos]
        if ch in _OPEN:
            if depth:
                depth -= 1
            else:
                openers.append(pos)
                if len(openers) == _LEVELS:
                    break
        else:
            depth += 1
    if not openers:
        return
    closers = iter(brackets[mid:min(last, mid + _MARKS)])
    depth = 0
    for opener in openers:
        end = hi
        for pos in closers:
            if data[pos] in _OPEN:
                depth += 1
            elif depth:
                depth -= 1
            else:
                end = pos + 1
                break
        yield _heading_start(data, opener, lo), opener + 1, end


def _heading_start(data: bytes, opener: int, lo: int) -> int:
    """Where the heading of the bracket at ``opener`` starts: its line's
    start, or after the separator before it on that line (in one-line
    ``{"provider": "x", "openai": {...}}`` the inner object's heading is
    ``"openai": {``, not its sibling before it)."""
    start = _line_start(data, opener, lo)
    at = _past_separator(data, start, opener)
    # A bracket alone at its line's start is headed by the line above
    # (Allman style: PHP's and C#'s ``final class TogetherGateway`` over
    # ``{``), read as that line's own bracket would be.
    if at == start and start > lo and not data[start:opener].strip(b' \t'):
        opener = start - 1
        start = _line_start(data, opener, lo)
        at = _past_separator(data, start, opener)
    # A signature's parameter list split over lines heads the body from
    # its first line (``func NewTogether(`` over ``) *Client {``).
    if at == start and start > lo:
        first = _params_start(data, start, opener, lo)
        if first != start:
            return first
    # A parameter list closed before the bracket is the heading's, not a
    # separator before it: a function's or a method's body is headed by
    # its signature (Go's ``func NewTogether() *Client {``, Kotlin's
    # ``fun togetherClient(): Client {``), not by ``) *Client {``.
    while at > start and data[at - 1] == 0x28 and data.count(b')', at, opener) > data.count(b'(', at, opener):
        at = _past_separator(data, start, at - 1)
    # A term's two-tuple names what its second element holds: Erlang's
    # ``{together, [...]}``, Elixir's ``{:together, [...]}`` (the atom
    # after the tuple's ``{``, then a comma, is the list's heading).
    if at > start and data[at - 1] == 0x2C and not data[at:opener].strip():
        head = data.rfind(b'{', start, at - 1)
        if head >= 0 and _TUPLE_HEAD.fullmatch(data, head + 1, at - 1):
            return head + 1
    return at


# The first element of a tuple, an atom or a string (``together``,
# ``:together``, ``"together"``, ``<<"together">>``).
_TUPLE_HEAD = regex_cache.compile(rb'[ \t]{0,8}(?::?\w{1,64}|<{0,2}"[\w.-]{1,64}">{0,2}|\'[\w.-]{1,64}\')[ \t]{0,8}')


_SEPARATORS = (b',', b';', b'{', b'[', b'(')


def _past_separator(data: bytes, start: int, end: int) -> int:
    """Just after the last ``_SEPARATORS`` byte in ``data[start:end]``
    (a line's part from ``start``), or ``start`` where there is none."""
    return max(start, *(data.rfind(c, start, end) + 1 for c in _SEPARATORS))

# The bytes after which a bracket's heading is empty (``_heading_start``).
_HEADLESS = frozenset(b'\n' + b''.join(_SEPARATORS))
# How far back ``_matching`` reads an opening bracket's heading.
_HEADING_REACH = 64


def _headless(data: bytes, at: int) -> bool:
    """Is the heading of the bracket at ``at`` (``_heading_start``, over
    ``_HEADING_REACH`` bytes) blank: nothing or blanks after a separator or
    a line end (``[{``, ``},{``, ``{ {`` of a minified list of objects)?
    A blank heading names nothing: no hole search need read it."""
    c = data[at - 1]
    if c in _HEADLESS:
        return True
    if c != 0x20 and c != 0x09:
        return False
    tail = data[max(0, at - _HEADING_REACH):at].rstrip(b' \t')
    return not tail or tail[-1] in _HEADLESS


def indent_spans(data: bytes, at: int, lo: int, hi: int) -> Iterator[tuple[int, int, int]]:
    """(parent line start, parent line end, block end) of the indentation
    blocks around ``at`` (YAML, Python, curl continuation lines),
    innermost first; a YAML list item is a block of its own.  In a
    diff's hunk (``_hunk_column``) each line's first column is the diff's
    (`` ``, ``+``, ``-``): the indentation is what follows it."""
    start = _line_start(data, at, lo)
    hunk = _hunk_column(data, start, lo)
    if hunk is not None:
        yield from _hunk_spans(data, *hunk, start, hi)
        return
    line = data[start:_line_end(data, start, hi)]
    level = _raw_indent(line) if _is_item(line) else _indent(line)
    for _ in range(_LEVELS):
        # (a YAML sequence written compact, its items as far in as the key
        # over them: ``env:`` then ``- name: LLM_PROVIDER``, as ``helm get
        # values`` and ``kubectl`` print it; an item's parent may then be
        # a key ending its line at the item's own indentation)
        item = _is_item(data[start:_line_end(data, start, hi)])
        if level == 0 and not item:
            return
        parent = None
        compact = False
        p = start
        while p > lo:
            q = _line_start(data, p - 1, lo)
            line = data[q:p - 1]
            if line.strip():
                ind = _indent(line)
                if ind < level or (ind == level and _is_item(line)):
                    parent = q
                    break
                if item and _raw_indent(line) == level and _COMPACT_KEY.fullmatch(line):
                    parent, compact = q, True
                    break
                if item and _raw_indent(line) < level:
                    break  # no compact parent: a line further out, not a key over the items
            p = q
        if parent is None:
            return
        parent_end = _line_end(data, parent, hi)
        base = _raw_indent(data[parent:parent_end])
        # (a Python signature split over lines: ``) -> OpenAI:`` is the
        # end of the ``def`` line's heading)
        parent = _params_start(data, parent, parent_end, lo)
        # A plist's ``<dict>`` or ``<array>`` is named by the ``<key>`` on
        # the line right above it (``<key>Together</key>`` over ``<dict>``):
        # that line is its label's first.
        label = parent
        if parent > lo and _PLIST_CONTAINER.fullmatch(data, parent, parent_end):
            above = _line_start(data, parent - 1, lo)
            if _PLIST_KEY.fullmatch(data, above, parent - 1):
                label = above
        # The block: the lines after the parent indented deeper than it.
        end = parent_end
        while end < hi:
            nxt = _line_end(data, end + 1, hi)
            line = data[end + 1:nxt]
            if line.strip() and _raw_indent(line) <= base and not (compact and _raw_indent(line) == base and _is_item(line)):
                break
            end = nxt
        yield label, parent_end, end
        start, level = parent, base


# The name a plist's ``<key>`` gives the ``<dict>`` or ``<array>`` under
# it (``indent_spans`` makes the two lines its label).
_PLIST_LABEL = regex_cache.compile(
    rb'<key>[ \t]*(?P<name>[\w.-]{1,64})[ \t]*</key>[ \t]*\r?\n[ \t]*<(?:dict|array)>[ \t]*\r?\Z')
# The name an XML start tag's ``id`` or ``name`` gives its element
# (Spring's ``<bean id="cohereClient" class="...">`` over its
# ``<property>`` lines), not its ``class``: a client class says nothing of
# where it is pointed.
_XML_ID_LABEL = regex_cache.compile(
    rb'<[\w:.-]{1,40}(?:[ \t]+[\w:.-]{1,40}=["\'][^"\'<>\r\n]{0,120}["\'])*?[ \t]+(?:id|name)=["\']'
    rb'(?P<name>[\w.-]{1,64})["\'][^<>\r\n/]{0,200}>[ \t]*\r?\Z')
_PLIST_CONTAINER = regex_cache.compile(rb'[ \t]*<(?:dict|array)>[ \t]*\r?')
_PLIST_KEY = regex_cache.compile(rb'[ \t]*<key>[^<\r\n]{1,100}</key>[ \t]*\r?')


# A YAML key ending its line (a comment may follow): the parent of a
# compact sequence's items (``indent_spans``).
_COMPACT_KEY = regex_cache.compile(rb'[ \t]*["\']?[\w.-]{1,64}["\']?[ \t]*:[ \t]*(?:#[^\r\n]*)?\r?')


def _raw_indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b' \t'))


# A unified diff's hunk header (``@@ -1,3 +1,4 @@``; a combined diff's
# ``@@@ -1,3 -1,3 +1,4 @@@``, a column per parent: its ``@`` less one),
# looked for this far above a line that starts with a diff's column.
_HUNK_REACH = 4096
_HUNK_HEADER = regex_cache.compile(rb'(@@@?) (?:-\d+(?:,\d+)? ){1,2}\+\d+(?:,\d+)? \1(?!@)')
_HUNK_MARKS = frozenset(b'+- ')


def _hunk_line(line: bytes, width: int) -> int | None:
    """How many bytes of a hunk's ``line`` are the diff's columns (``width``
    of ``+``, ``-``, blank); all of it for a line the hunk holds but no
    text of the file (``\\ No newline at end of file``, a blank context
    line whose blank an editor stripped); None: no hunk's line."""
    if not line.rstrip(b'\r') or line[:1] == b'\\':
        return len(line)
    if len(line) >= width and all(c in _HUNK_MARKS for c in line[:width]):
        return width
    return None


def _hunk_column(data: bytes, start: int, lo: int) -> tuple[int, int] | None:
    """(where its first line starts, its columns) of the diff's hunk whose
    line starts at ``start``: a hunk header within ``_HUNK_REACH`` above
    it, and every line from there a hunk's line (``_hunk_line``)."""
    if data[start:start + 1] not in (b'+', b'-', b' '):
        return None
    top = max(lo, start - _HUNK_REACH)
    header = data.rfind(b'\n@@', max(0, top - 1), start) + 1
    if header == 0 and top != 0:
        return None
    m = _HUNK_HEADER.match(data, header)
    if m is None:
        return None
    width = len(m.group(1)) - 1
    p = data.find(b'\n', m.end(), start) + 1
    if p == 0:
        return None
    body = p
    while p < start:
        q = data.find(b'\n', p, start)
        if q == -1 or _hunk_line(data[p:q], width) is None:
            return None
        p = q + 1
    if _hunk_line(data[start:start + width], width) != width:
        return None
    return body, width


def _hunk_spans(data: bytes, body: int, width: int, start: int, hi: int) -> Iterator[tuple[int, int, int]]:
    """``indent_spans`` of the line at ``start`` in a diff's hunk whose
    lines start at ``body``, read past each line's ``width`` columns: the
    hunk's lines taken out of their columns, the spans mapped back."""
    end = data.find(b'\n@@', start, hi)
    end = hi if end == -1 else end
    # Each line without its columns; where each starts in both, and how
    # many bytes of it are columns.
    starts, offsets, cut, out = [], [], [], []
    p = body
    at = 0
    while p < end:
        q = data.find(b'\n', p, end)
        q = end if q == -1 else q
        n = _hunk_line(data[p:q], width)
        if n is None:
            break
        starts.append(p)
        offsets.append(at)
        cut.append(n)
        out.append(data[p + n:q])
        at += q - p - n + 1
        p = q + 1
    text = b'\n'.join(out)

    def back(o: int) -> int:
        i = bisect_right(offsets, o) - 1
        return starts[i] + cut[i] + (o - offsets[i])

    i = bisect_left(starts, start)
    for parent, parent_end, block_end in indent_spans(text, offsets[i], 0, len(text)):
        yield starts[bisect_right(offsets, parent) - 1], back(parent_end), back(block_end)


def section_span(
        at: int, lo: int, hi: int, sections: tuple[list[int], list[int]],
) -> tuple[int, int, int] | None:
    """The INI/TOML ``[section]`` holding ``at``: (header, header end, end)."""
    starts, ends = sections
    i = bisect_left(starts, at) - 1
    if i < 0 or starts[i] < lo:
        return None
    end = starts[i + 1] if i + 1 < len(starts) and starts[i + 1] < hi else hi
    return starts[i], ends[i], end


_SUBLABEL = 7


def heading_spans(
        at: int, lo: int, hi: int, headings: tuple[list[int], list[int]], levels: list[int],
        data: bytes, title: int = 1,
) -> Iterator[tuple[int, int, int]]:
    """The Markdown sections holding ``at``, innermost first: (heading,
    heading end, end), each up to the next heading of its level or
    higher.  A setext or bold sub-label (level ``_SUBLABEL``: it ends at
    any heading, never an ATX ``#`` section) sits in the ATX section
    holding it, and an ATX section in the one of a lower level holding it
    (a wiki's ``### Production`` under ``## Together AI``; not in a
    document's title, ``# Together``), up to a heading naming Together or
    another provider: a ``## OpenAI`` under ``# Together`` is OpenAI's
    alone.  ``title``: the level of a document's title (0 in an Org
    document, whose title is its ``#+TITLE:`` line)."""
    starts, ends = headings
    i = bisect_left(starts, at) - 1
    if i < 0 or starts[i] < lo:
        return
    yield starts[i], ends[i], _section_end(starts, levels, i, hi)
    while not (_OTHER_LABEL.search(data, starts[i], ends[i])
               or _TOGETHER_LABEL.search(data, starts[i], ends[i])):
        level = levels[i]
        while i >= 0 and starts[i] >= lo and levels[i] >= level:
            i -= 1
        # A document's title (``# Together``, a project so named) holds no
        # sub-heading's section: only a sub-label sits in it.
        if i < 0 or starts[i] < lo or (levels[i] == title and level != _SUBLABEL):
            return
        yield starts[i], ends[i], _section_end(starts, levels, i, hi)


# The block under a heading-shaped comment: the comment lines right under
# it, then its lines up to the next empty line or the next comment at
# the line's start after a line of code (an ``.env.example``'s ``#
# Postgres`` group right after ``# Together AI``'s, no empty line
# between; an indented comment inside the block does not end it).
# (a comment's leader then a blank, but ``#`` alone: ``#Postgres``;
# never a flag on a continuation line, ``--header``)
_BLOCK_COMMENT = rb'#|(?://|--|;|%|(?i:rem)|::)(?=[ \t\r\n])|/\*|<!--'
_BLOCK_END = regex_cache.compile(
    rb'(?:(?:' + _BLOCK_COMMENT + rb')[^\n]*\n)*[ \t]*\S[^\n]*'
    rb'(?:\n(?!' + _BLOCK_COMMENT + rb')[ \t]*\S[^\n]*)*'
)


def _block_end(data: bytes, start: int, end: int) -> int:
    """Where the block of lines right under a heading ending at ``start``
    ends (at its first empty line after a non-empty one, or its next
    group's comment, by ``end``)."""
    m = _BLOCK_END.search(data, start, end)
    return start if m is None else m.end()


def _section_end(starts: list[int], levels: list[int], i: int, hi: int) -> int:
    j = i + 1
    while j < len(starts) and starts[j] < hi and levels[j] > levels[i]:
        j += 1
    return starts[j] if j < len(starts) and starts[j] < hi else hi


def _spans(
        data: bytes, at: int, lo: int, hi: int, index: _Index, heading_lo: int, prose: bool = True,
) -> list[tuple[int, int, int]]:
    """(label start, label end, span end) of every structure around ``at``
    (its own line among them), smallest first; Markdown sections from a
    heading at or after ``heading_lo``, each only over the block right
    under it unless ``prose``."""
    start = _line_start(data, at, lo)
    spans = [
        (start, _line_heading(data, start, at), _line_end(data, at, hi)),
        *bracket_spans(data, at, lo, hi, index.brackets), *indent_spans(data, at, lo, hi),
    ]
    section = section_span(at, lo, hi, index.sections)
    if section is not None:
        spans.append(section)
    sections = heading_spans(at, heading_lo, hi, index.headings, index.levels, data, index.title)
    if prose:
        spans.extend(sections)
    else:
        # A comment shaped like a heading, in code or a config: the block
        # right under it (its lines up to the next empty line).
        spans.extend(s for s in sections if at < _block_end(data, s[1], s[2]))
    # Of two structures with the same extent (a line that is all one
    # ``together = { ... }`` inline table), the labelled one speaks first.
    spans.sort(key=lambda s: (s[2] - s[0], s[1] == s[0]))
    return spans


def _line_heading(data: bytes, start: int, at: int) -> int:
    """Where the label of the key's own line ends: after the item before
    the key's field when that item is a bare word (Elixir's ``config :app,
    :together, api_key: <key>``), not a field (``"provider": "x",``); after
    the parts of a dotted name before the key's own."""
    head = _past_separator(data, start, at)
    if head == start:
        # A dotted name's parts before its own are its headings (TOML's or a
        # property's ``together.profiles.prod.api_key =``, as YAML nests them).
        dotted = _DOTTED.match(data, start, at)
        return start if dotted is None else max(dotted.end('parts'), dotted.end('colons'))
    item = _past_separator(data, start, head - 1)
    if _ASSIGNS.search(data, item, head - 1) is not None:
        return start
    return head


_ASSIGNS = regex_cache.compile(rb'(?<![\s,;{(\[]):|=')
# (.NET's configuration keys part theirs with ``:``, in a quoted name:
# user-secrets' ``"OpenAI:ApiKey": ...``)
_DOTTED = regex_cache.compile(
    rb'[ \t]*(?:export[ \t]+)?(?:["\']?(?P<parts>(?:[\w-]{1,40}\.){1,5})[\w-]{1,40}["\']?'
    rb'|["\'](?P<colons>(?:[\w-]{1,40}:){1,5})[\w-]{1,40}["\'])[ \t]*[:=]')
# The name a structure's label gives it, the label's last: a YAML or JSON
# key, an assignment, an INI or TOML section (``together:``, ``"cache": {``,
# ``keys = [``, ``[together.cache]``), maybe an anchor, an opener or a
# comment after it.
_LABEL_NAME = regex_cache.compile(
    rb'(?P<name>[\w.-]{1,64}?)\\?["\']?(?:\]{1,2}|\.|[ \t]*(?:(?:=>|[:=])[ \t]*(?:&[\w.-]{1,40}[ \t]*)?@?[\[{(]?|[\[{(]))[ \t]*'
    rb'(?:#[^\r\n]{0,200})?\r?\Z',
)
# The same name, a structure's as a config writes it: a key, a section, a
# dotted name's parts (``openai:``, ``[providers.openai]``, ``"OpenAI": {``,
# ``spring.ai.openai.``), not a call's (``OpenAI(``: a client class
# says nothing of where it is pointed).
_STRUCTURE_NAME = regex_cache.compile(
    rb'(?P<name>[\w.-]{1,64}?)\\?["\']?(?:\]{1,2}|\.|[ \t]*(?:(?:=>|[:=])[ \t]*(?:&[\w.-]{1,40}[ \t]*)?@?[\[{]?|[\[{]))[ \t]*'
    rb'(?:#[^\r\n]{0,200})?\r?\Z',
)
# A provider's name alone, maybe with a word saying what of it the
# structure holds (``openai``, ``anthropic_settings``); not a credential's
# own name (``OPENAI_API_KEYS:`` over its items is the keys' list).
_OTHER_NAME = regex_cache.compile(
    rb'(?i:' + _OTHERS + rb'(?:[_-]?(?:ai|llm|api|provider|config|settings|options|client|chat))?)')
# A call of another provider's own client class, its arguments the
# structure (``anthropic = Anthropic(``, ``new Groq({``).
_OTHER_CLIENT_CALL = regex_cache.compile(
    rb'(?<![\w.])(?:new[ \t]+)?(?:' + OTHER_CLIENTS + rb')[ \t]*\(\Z')
# A call whose first argument is a model under another provider's
# LiteLLM prefix (DSPy's ``dspy.LM("anthropic/claude-3-5-sonnet",
# api_key=...)``, smolagents' ``LiteLLMModel(model_id="groq/...")``): that
# provider's call.  Not ``openai/`` (any OpenAI-compatible endpoint, and
# Together's own ``openai/gpt-oss-120b``), nor an organisation whose
# models Together serves (``google/``, ``mistralai/``, ``deepseek-ai/``).
_OTHER_MODEL_ARGUMENT = regex_cache.compile(
    rb'\s{0,64}(?:model(?:_id|_name)?[ \t]{0,8}=[ \t]{0,8})?["\'](?i:anthropic|azure(?:_ai)?|bedrock|cerebras|cohere(?:_chat)?'
    rb'|deepinfra|deepseek|fireworks_ai|gemini|groq|huggingface|mistral|ollama(?:_chat)?|openrouter|perplexity'
    rb'|replicate|vertex_ai|xai|anyscale)/')
# A call bound to a name of another provider's (``groq = OpenAI(``,
# ``const anthropicClient = new OpenAI({``): as a ``groq:`` block is, the
# call is that provider's.  Not a name of OpenAI's: an OpenAI client is
# how Together is called, whatever it is named.
_OTHER_BOUND_CALL = regex_cache.compile(
    rb'(?<![\w.$])(?:(?:const|let|var|val|my|local|final|auto)[ \t]+)?[$@]?(?P<name>[A-Za-z_]\w{0,40})'
    rb'[ \t]*(?::[^=\r\n]{1,40})?(?<![=!<>])=[ \t]*(?:new[ \t]+|await[ \t]+)?[\w.:]{1,80}[ \t]*\([ \t]*\{?\Z')
_OPENAI_NAME = regex_cache.compile(rb'(?i:openai|azure[_-]?openai)')


def _other_provider_named(name: bytes) -> bool:
    """Is ``name`` (a variable a call is bound to, a flat name's prefix)
    another provider's, not OpenAI's: an OpenAI client, and the
    ``OPENAI_API_KEY`` it reads, is how Together is called too."""
    return _OTHER_NAME.fullmatch(name) is not None and _OPENAI_NAME.match(name) is None
_BLOCK = 1 << 16


def _named_other(data: bytes, label_start: int, label_end: int) -> bool:
    """Is the structure so labelled named for another provider, its
    nearest name part naming one before any names Together's
    (``openai:``, ``[providers.openai]``, ``spring.ai.openai.``; not
    ``[openai.together]``)?  Or a call of another provider's client class,
    of a model under its prefix, or bound to its name?"""
    if data.rfind(b'(', label_start, label_end) != -1:
        if _OTHER_MODEL_ARGUMENT.match(data, label_end):
            return True
        bound = _OTHER_BOUND_CALL.search(data, label_start, label_end)
        if bound is not None:
            if _other_provider_named(bound.group('name')):
                return True
    found = (_STRUCTURE_NAME.search(data, label_start, label_end) or _PLIST_LABEL.search(data, label_start, label_end)
             or _XML_ID_LABEL.search(data, label_start, label_end))
    if found is None:
        return _OTHER_CLIENT_CALL.search(data, label_start, label_end) is not None
    for name in reversed(found.group('name').split(b'.')):
        if _TOGETHER_NAME.fullmatch(name):
            return False
        if _OTHER_NAME.fullmatch(name):
            return True
    return False


# A dotted or colon-parted name, quoted (maybe written escaped: ``\\"``)
# or bare, ending right where its value (the key) starts: the key's own
# item when it is not its line's first (``{"Together:BaseUrl": "...",
# "OpenAI:ApiKey": <hex>}`` on one line, a Python repr, an inline table).
_ITEM_DOTTED = regex_cache.compile(
    rb'(?:[ \t]|\\{1,3}[nrt])*\\{0,3}["\']?(?P<parts>(?:[\w-]{1,40}[.:]){1,5})[\w-]{1,40}\\{0,3}["\']?'
    rb'[ \t]*[:=][ \t]*\\{0,3}["\']?')
# What may lead an item's name after its separator: blanks, escaped line
# breaks, a quote (maybe escaped).
_ITEM_LEAD = regex_cache.compile(rb'(?:[ \t"\']|\\{1,3}[nrt"\'])*')
# Where an item ends on its line (a minified object's next field).
_ITEM_END = regex_cache.compile(rb'[,;}\]\r\n]')


def _other_dotted_item(
        data: bytes, at: int, lo: int, hi: int, index: _Index, spans: list[tuple[int, int, int]],
) -> bool | None:
    """The answer of the key's own item's name where that item is not its
    line's first and the name's nearest part before its own names another
    provider (``"OpenAI:ApiKey"`` beside ``"Together:BaseUrl"`` in a
    one-line JSON object): as on lines of their own (``_dotted_siblings``),
    only the items sharing its parts answer, a sibling's Together endpoint
    does not leak in.  None where the name is not such (the structures
    around answer), or a structure around it is named Together's."""
    start = _line_start(data, at, lo)
    head = _past_separator(data, start, at)
    if head == start:
        return None
    found = _ITEM_DOTTED.fullmatch(data, head, at)
    if found is None:
        return None
    parts = found.group('parts')
    for name in reversed(parts[:-1].replace(b':', b'.').split(b'.')):
        if _TOGETHER_NAME.fullmatch(name):
            return None
        if _OTHER_NAME.fullmatch(name) is not None:
            break
    else:
        return None
    if any(b > a and _named_together(data, a, b) for a, b, _end in spans):
        return None
    own = found.start('parts')
    p = data.find(parts, lo, hi)
    while p != -1:
        if p != own:
            item = _past_separator(data, _line_start(data, p, lo), p)
            if _ITEM_LEAD.fullmatch(data, item, p):
                end = _ITEM_END.search(data, p, hi)
                if _inside(index.mention, p, hi if end is None else end.start()):
                    return True
        p = data.find(parts, p + 1, hi)
    return False


def _named_together(data: bytes, label_start: int, label_end: int) -> bool:
    """Is the structure so labelled named Together's by a name part
    (``together:``, ``"together": {``, ``[llm.together]``), not by a
    comment over it (``# together`` above ``providers:``)?"""
    found = _STRUCTURE_NAME.search(data, label_start, label_end)
    return found is not None and any(
        _TOGETHER_NAME.fullmatch(name) for name in found.group('name').split(b'.'))


def _dotted_siblings(data: bytes, start: int, label_end: int, lo: int, hi: int, index: _Index) -> bool:
    """A dotted name's parts before its own are a structure spread over
    the lines that start with them (``spring.ai.openai.base-url=`` and
    ``spring.ai.openai.api-key=``, Cursor's ``"openai.baseUrl"`` and
    ``"openai.apiKey"``): does one of those lines hold a mention?"""
    prefix = data[start:label_end].lstrip(b' \t')
    at = data.find(prefix, lo, hi)
    while at != -1:
        line = _line_start(data, at, lo)
        if line != start and not data[line:at].strip(b' \t'):
            if _inside(index.mention, line, _line_end(data, at, hi)):
                return True
        at = data.find(prefix, at + 1, hi)
    return False


# A TOML or INI table's dotted name (``[openai.auth]``, ``[[providers.openai]]``).
_TABLE_NAME = regex_cache.compile(rb'[ \t]*\[\[?[ \t]*(?P<name>[\w-]{1,40}(?:\.[\w-]{1,40}){0,5})[ \t]*\]\]?')


def _parent_tables(data: bytes, label_start: int, label_end: int, lo: int, hi: int, index: _Index) -> bool:
    """A TOML sub-table is its parent table's (``[openai.auth]`` is
    ``auth`` inside ``[openai]``, as YAML would nest it): does a table
    named by a prefix of its dotted name hold a mention in its own body
    (up to the next table header)?"""
    found = _TABLE_NAME.match(data, label_start, label_end)
    if found is None:
        return False
    parts = found.group('name').split(b'.')
    parents = {b'.'.join(parts[:n]) for n in range(1, len(parts))}
    if not parents:
        return False
    starts, ends = index.sections
    for i in range(bisect_left(starts, lo), len(starts)):
        if starts[i] >= hi:
            break
        table = _TABLE_NAME.match(data, starts[i], ends[i])
        if table is not None and table.group('name') in parents:
            end = starts[i + 1] if i + 1 < len(starts) and starts[i + 1] < hi else hi
            if _inside(index.mention, ends[i], end):
                return True
    return False


_BIND_MARKS = frozenset(b':=')
_BIND_BLANKS = frozenset(b' \t')
_BIND_QUOTES = frozenset(b'"\'`')
_BIND_PREFIXES = frozenset(b'fr')


def _bound_endpoint(endpoint: re.Pattern[bytes], data: bytes, lo: int, hi: int) -> bool:
    """Does an endpoint in [lo, hi) stand where ``_URL_NAME`` ends, after
    ``[:=][ \t]*[fr]?`` and a quote?  Only such a one can end a binding's
    match, so where none does the binding pattern cannot match (the same
    ``urls``, none tried)."""
    m = endpoint.search(data, lo, hi)
    while m is not None:
        at = m.start()
        if _after_binding(data, lo, at):
            return True
        m = endpoint.search(data, at + 1, hi)  # (an endpoint's matches may overlap)
    return False


def _after_binding(data: bytes, lo: int, at: int) -> bool:
    """Do the bytes in [lo, at) end with ``[:=][ \t]*[fr]?["'`]``?"""
    i = at - 1
    if i < lo or data[i] not in _BIND_QUOTES:
        return False
    i -= 1
    if i >= lo and data[i] in _BIND_PREFIXES:
        i -= 1
    while i >= lo and data[i] in _BIND_BLANKS:
        i -= 1
    return i >= lo and data[i] in _BIND_MARKS


class _Strings:
    """Whether an offset of an object (from its opener on) is inside a
    quoted string: a field's value (``"note": "sha256: pending"``), not a
    field's name.  Asked at offsets in increasing order, read once from
    the opener to the last asked (a quote, a backslash at a time).  A
    quote a backslash escapes is text (an object written escaped in a
    string, ``{\\"sha256\\": ...}``, is read as it would be unescaped)."""

    __slots__ = ('data', 'at', 'quote')

    def __init__(self, data: bytes, start: int) -> None:
        self.data, self.at, self.quote = data, start, 0

    def inside(self, to: int) -> bool:
        data, i, quote = self.data, self.at, self.quote
        while True:
            m = _STRING_MARK.search(data, i, to)
            if m is None:
                break
            c, i = data[m.start()], m.end()
            if c == 0x5c:  # a backslash: the byte after it is text
                i += 1
            elif quote == 0:
                quote = c
            elif c == quote:
                quote = 0
        # (a backslash's byte may lie past ``to``: start there next time)
        self.at, self.quote = max(i, to), quote
        return quote != 0


_STRING_MARK = regex_cache.compile(rb'[\\"\']')


class _Index:
    """Where each regex matches in one stretch of the data, found once for
    all the keys in it (thousands of keys on one line cost one pass)."""

    __slots__ = (
        'mention', 'target', 'model', 'urls', 'brackets', 'sections', 'headings', 'levels', 'title', '_depths',
    )

    def __init__(
            self, walker: Walker, data: bytes, lo: int, hi: int, heading_lo: int | None = None, prose: bool = False,
    ) -> None:
        def where(regex: re.Pattern[bytes]) -> tuple[list[int], list[int]]:
            found = [(m.start(), m.end()) for m in regex.finditer(data, lo, hi)]
            return [a for a, _b in found], [b for _a, b in found]

        self.mention = where(walker.mention)
        self.target = where(_TARGET)
        self.model = where(_MODEL)
        # A binding's match holds the endpoint: where no endpoint is bound
        # (``_bound_endpoint``), the name pattern is not tried at every
        # identifier (each try reads up to 64 name characters: a long
        # line of them, before a ``curl https://...``, cost ~1 us a byte).
        self.urls = [
            (m.start(), m.group('name').rsplit(b'.', 1)[-1])
            for m in walker.url.finditer(data, lo, hi)
        ] if _bound_endpoint(walker.endpoint, data, lo, hi) else []
        self.brackets = [m.start() for m in _BRACKETS.finditer(data, lo, hi)]
        self._depths: list[int] | None = None
        self.sections = where(_SECTION)
        # (from farther above: a heading holds its section, ``section_reach``)
        start = lo if heading_lo is None else heading_lo
        headings = [(m.start(), m.end('h')) for m in _heading_regex(prose).finditer(data, start, hi)]
        self.headings = [a for a, _b in headings], [b for _a, b in headings]
        # An ATX heading's level is its ``#`` count; setext and bold ones
        # are sub-labels below every ATX level.
        mark = b'*' if prose == ORG else b'#'
        self.title = 0 if prose == ORG else 1
        self.levels = [
            len(h) - len(h.lstrip(mark)) or _SUBLABEL
            for h in (data[a:b] for a, b in headings)
        ]


def _depths(data: bytes, index: _Index) -> list[int]:
    """The bracket depth before each of the index's brackets (one more
    entry: after the last), found once per index: a structure's depth at
    a match is a difference of two, whatever the number of keys asking."""
    depths = index._depths
    if depths is None:
        depths = index._depths = [0]
        depth = 0
        for at in index.brackets:
            depth += 1 if data[at] in _OPEN else -1
            depths.append(depth)
    return depths


def _beside(data: bytes, index: _Index, lo: int, hi: int, heading: int) -> bool:
    """Is a mention in [lo, hi) a field beside the structure whose heading
    starts at ``heading``: the brackets between them balance, and it
    stands on the heading's line or on a line indented as far (a YAML
    list item's first field as far as its ``- `` ends: ``- uses: ...``
    over its ``with:``)?"""
    starts, ends = index.mention
    line = data[_line_start(data, heading, lo):_line_end(data, heading, hi)]
    indent = _raw_indent(line)
    for i in range(bisect_left(starts, lo), len(starts)):
        at = starts[i]
        if ends[i] > hi:
            break
        a, b = min(at, heading), max(at, heading)
        between = data[a:b]
        if sum(map(between.count, b'{[(')) != sum(map(between.count, b'}])')):
            continue
        if data.find(b'\n', a, b) == -1:
            return True
        start = _line_start(data, at, lo)
        field = data[start:_line_end(data, start, hi)]
        # (an XML start tag left open is an element of its own, the
        # sibling's: its attributes are not the parent's fields, Spring's
        # ``<bean class="...TogetherClient">`` beside ``<bean id="cohereClient">``)
        if _OPEN_TAG.fullmatch(field):
            continue
        if _raw_indent(field) == indent or _indent(field) == indent:
            return True
    return False


_OPEN_TAG = regex_cache.compile(rb'[ \t]*<[\w:.-]{1,40}(?:[ \t][^<>\r\n]{0,400}[^/<>\r\n])?>[ \t]*\r?')


# A YAML stream's document marker (``---``, ``...``): the documents of
# one file are separate, a field of one is no parent of another's list.
_DOCUMENT_MARK = regex_cache.compile(rb'(?m)^(?:---|\.\.\.)(?=[ \t]|\r?$)')


def _root_holds(
        data: bytes, spans: list[tuple[int, int, int]], index: _Index, lo: int, hi: int,
) -> bool | None:
    """A list at a document's top level (``keys:`` with no indentation)
    has the document as its parent: the top-level field nearest the list
    naming Together (``provider: together`` beside it) answers yes, one
    naming another destination answers no, only in the list's own YAML
    document (``---`` lines bound it).  None: the list is not at the top
    level, or no top-level field says either."""
    outer = max(spans, key=lambda s: s[2] - s[0])
    if outer[1] <= outer[0] or data[outer[0]:outer[0] + 1] in (b' ', b'\t', b'-', b'#', b''):
        return None
    for mark in _DOCUMENT_MARK.finditer(data, lo, outer[0]):
        lo = mark.end()
    mark = _DOCUMENT_MARK.search(data, outer[2], hi)
    if mark is not None:
        hi = mark.start()
    best: tuple[int, bool] | None = None
    # (Together's endpoint is a destination too: at the same distance a
    # mention speaks first)
    for found, answer in ((index.mention, True), (index.target, False)):
        starts, ends = found
        for i in range(bisect_left(starts, lo), len(starts)):
            at = starts[i]
            if ends[i] > hi:
                break
            start = _line_start(data, at, lo)
            # (a field of the top level: its line unindented, outside the list)
            if outer[0] <= at < outer[2] or data[start:start + 1] in (b' ', b'\t', b'-', b'#'):
                continue
            # (by its line: a URL's host is later on the line than its scheme)
            distance = outer[0] - start if start < outer[0] else start - outer[2]
            if best is None or distance < best[0]:
                best = distance, answer
    return None if best is None else best[1]


def _inside(found: tuple[list[int], list[int]], a: int, b: int) -> bool:
    """Does a match lie wholly in [a, b)?  (Matches do not overlap: the
    first one starting at or after ``a`` ends first.)"""
    starts, ends = found
    i = bisect_left(starts, a)
    return i < len(starts) and ends[i] <= b


# A name field (``key="..."``, ``name: ...``): what names the value
# beside it in a name/value element or item (``<add key=... value=...>``).
_NAME_FIELD = regex_cache.compile(
    rb'(?<![\w-])(?i:name|key)\\?["\']?[ \t]{0,8}[=:][ \t]{0,8}\\?["\']?(?P<name>[A-Za-z_$%{][\w.${}%-]{0,100})',
)


def _names_own_value(data: bytes, line: tuple[int, int], at: int) -> bool:
    """Does the key's line hold a name field of its own, one whose name is
    not the key itself (``key: <hex>`` is a value's field, not a name)?"""
    for m in _NAME_FIELD.finditer(data, line[0], line[1]):
        if not m.start('name') <= at < m.end('name'):
            return True
    return False


def _own_field(data: bytes, index: _Index, start: int, body: int, end: int) -> bool:
    """Does a model field lie wholly in [start, end) at the structure's
    own level: in its label, or in its body (from ``body``) inside no
    bracket opened there?  A logged request's ``'json_data': {'model':
    ...}`` is its body's field, not one of the object around the
    ``'headers'`` that hold the key."""
    starts, ends = index.model
    i = bisect_left(starts, start)
    if i == len(starts) or ends[i] > end:
        return False
    brackets = index.brackets
    depths = _depths(data, index)
    base = depths[bisect_left(brackets, body)]
    while i < len(starts) and ends[i] <= end:
        if depths[bisect_left(brackets, starts[i])] <= base:
            return True
        i += 1
    return False


_RULE_REGEXES: dict[bytes, re.Pattern[bytes]] = {}


def rule_regex(source: bytes) -> re.Pattern[bytes]:
    """A context's pattern (the rules', never one built from data): from
    ``regex_cache``'s program, once per process (a walker is made for each
    file that needs one)."""
    compiled = _RULE_REGEXES.get(source)
    if compiled is None:
        compiled = _RULE_REGEXES[source] = regex_cache.compile(source)
    return compiled


class Walker:
    """Applies a ``rules.Context``: ``mention`` anywhere in a
    structure (the endpoint, a provider field), ``label`` ending a
    structure's heading (``together:``, ``"Together": {``, ``[together]``),
    ``url`` an endpoint an identifier may be bound to."""

    __slots__ = (
        'mention', 'label', 'url', 'endpoint', 'reach', 'veto', 'veto_field', 'section_reach', '_indexes', '_bound',
        'structure', '_scopes',
    )

    def __init__(
            self, mention: bytes, label: bytes, url: bytes, reach: int, veto: bytes | None = None,
            section_reach: int = 0, structure_label: bytes | None = None, field_veto: bytes | None = None,
    ) -> None:
        self.mention = rule_regex(mention)
        self.label = rule_regex(label)
        self.veto = None if veto is None else rule_regex(veto)
        field_veto = veto if field_veto is None else field_veto
        self.veto_field = None if veto is None else rule_regex(
            rb'(?<![\w-])\\?["\']?\w{0,20}(?:' + field_veto + rb')\w{0,20}\\?["\']?[ \t]{0,8}[:=]')
        self.url = rule_regex(_URL_NAME + url)
        self.endpoint = rule_regex(url)
        self.reach = reach
        self.section_reach = max(reach, section_reach)
        self._indexes: dict[tuple[int, int, bool], tuple[bytes, _Index]] = {}
        self._bound: dict[frozenset[bytes], re.Pattern[bytes]] = {}
        self.structure = None if structure_label is None else rule_regex(structure_label)
        self._scopes: Scopes | None = None

    def _vetoing_field(
            self, data: bytes, own: tuple[int, int, int], lo: int, hi: int, brackets: list[int],
    ) -> bool:
        """Whether a field of the key's own object (``own``), not of an
        object inside it, is named by ``veto_field``: a request's nested
        ``"usage": {"total_tokens": ...}`` or an attached file's
        ``{"sha256": ...}`` says nothing of the key beside them."""
        strings = _Strings(data, own[1])
        for m in self.veto_field.finditer(data, own[1], own[2]):
            if strings.inside(m.end()):  # a value's text: no field's name
                continue
            inner = next(bracket_spans(data, m.start(), lo, hi, brackets), None)
            if inner is None or inner[1] == own[1]:
                return True
        return False

    def _far(self, data: bytes, at: int, spans: list[tuple[int, int, int]], purpose: bytes | None = None) -> bool:
        """Is ``at`` inside a structure labelled Together's farther up than
        ``reach`` (``rules.STRUCTURE_LABEL``), no structure around it
        within reach named for another provider, a digest or ``purpose``?"""
        if self.structure is None:
            return False
        scopes = self._scopes
        if scopes is None or scopes.data is not data:
            scopes = self._scopes = Scopes(self.structure, data, self.veto)
        if not scopes.holds(at):
            return False
        other = rule_regex(purpose) if purpose is not None else None
        for a, b, _end in spans:
            if b > a and (_OTHER_LABEL.search(data, a, b) or (other is not None and other.search(data, a, b))):
                return False
        return True

    def _index(self, data: bytes, at: int, prose: bool = False) -> _Index:
        # One index per 64 KB block (and the reach around it), so a key in
        # a 50 MB file costs a pass over its block, not the file.
        # Keyed by the data's id and holding the data itself: an id is
        # unique only while its object lives, and a walker kept past one
        # scan must never hand a freed buffer's index to the bytes that
        # took its address.
        block = at // _BLOCK
        key = (id(data), block, prose)
        held = self._indexes.get(key)
        if held is not None and held[0] is data:
            return held[1]
        lo = max(0, block * _BLOCK - self.reach)
        hi = min(len(data), (block + 1) * _BLOCK + self.reach)
        index = _Index(self, data, lo, hi, max(0, block * _BLOCK - self.section_reach), prose)
        self._indexes[key] = (data, index)
        return index

    def holds(
            self, data: bytes, at: int, statements: bool = True, scope: str = 'structure',
            list_name: bytes | None = None, purpose: bytes | None = None, prose: bool = True,
    ) -> bool:
        """Is the key at ``at`` inside a structure about Together (or,
        with ``statements``, among statements about it)?  ``scope`` (see
        ``rules.Context``): ``structure``, any Together context in a
        structure around the key; ``heading``, only a Together heading
        (or the key's flat group); ``group``, only the key's flat group;
        ``named``, the pattern itself said Together and only ``veto`` may
        answer no; ``field``, a ``mention`` in the key's line or the one
        structure right around it; ``parent``, the structures around the
        key other than ``list_name`` (the key's list's), a nearer one named
        for ``purpose`` answering no (``_parent_holds``).  ``prose``: the
        file is a document (``rules.is_prose``), whose Markdown headings
        hold their sections; elsewhere a heading-shaped comment holds the
        block right under it.  The innermost heading matching ``veto`` answers no
        first (a ``checksums:`` or ``EXPECTED_SHA256 = {`` map of names to
        hex values holds digests)."""
        lo, hi = max(0, at - self.reach), min(len(data), at + self.reach)
        index = self._index(data, at, prose)
        if scope == 'group':
            return _flat_group(data, at, lo, hi, index) is True
        spans = _spans(data, at, lo, hi, index, max(0, at - self.section_reach) if prose else lo, prose)
        if self.veto is not None:
            # A digest heading over any structure around the key (a
            # ``content_hashes: [...]`` list of ``{name, key}`` entries), or
            # a digest field in the key's own object (``{"name": ..., "key":
            # <hex>, "sha256": ...}``: it describes a file, not a credential).
            if any(b > a and self.veto.search(data, a, b) for a, b, _end in spans):
                return False
            own = next(bracket_spans(data, at, lo, hi, index.brackets), None)
            if own is not None and self._vetoing_field(data, own, lo, hi, index.brackets):
                return False
        if scope == 'named':
            return True
        if scope == 'parent':
            parent = self._parent_holds(
                data, spans, index, rule_regex(list_name or rb'(?!)'), rule_regex(purpose or rb'(?!)'))
            if parent is None:
                parent = _root_holds(data, spans, index, lo, hi)
            if parent is None and self._far(data, at, spans, purpose):
                return True
            if parent is not None or not statements:
                return bool(parent)
            # No named parent (a flat file): the statements around answer.
            group = _flat_group(data, at, lo, hi, index)
            if group is not None:
                return group
            names = frozenset(
                name for pos, name in index.urls[bisect_left(index.urls, (lo,)):] if pos < hi
            )
            return _inside(index.mention, lo, hi) or self._used(names, data, lo, hi)
        if scope == 'field':
            # The structure right around the key: its line, or when that
            # is all of the key's line, the one around the line.
            line = _line_start(data, at, lo), _line_end(data, at, hi)
            # A line that names its own value otherwise (``<add
            # key="TogetherModelSha256" value=<hex>/>``) is not named by a
            # sibling's name field (the next ``<add key="TogetherApiKey"``);
            # the structure's own label still names it (``<secret
            # name="TOGETHER_API_KEY">`` over ``<version key="v2" value=...>``).
            named = not _inside(index.mention, *line) and _names_own_value(data, line, at)
            for a, b, end in spans[:2]:
                if named and a <= line[0] and end >= line[1] and (a, end) != line and not _inside(index.mention, a, b):
                    return False
                if _inside(index.mention, a, end):
                    return True
                if a > line[0] or end < line[1]:
                    return False
            return False
        mentions = scope == 'structure'
        item = _other_dotted_item(data, at, lo, hi, index, spans)
        if item is not None:
            return item
        if _other_flat_name(data, at, lo):
            # (its own group answers, not the line or file it shares with
            # Together's settings: ``TOGETHER_BASE_URL=...`` then
            # ``ANTHROPIC_API_KEY=<hex>`` on one ``environ`` line)
            return _flat_group(data, at, lo, hi, index) is True
        names = frozenset(
            name for pos, name in index.urls[bisect_left(index.urls, (lo,)):] if pos < hi
        )
        # Where the structure holding a model field starts (its brace and
        # its indented block are one structure, seen twice).
        model = model_label_end = -1
        beyond = False
        # The key's own line when the reach cuts it (a minified bundle): a
        # stretch of bytes, not a structure, so another provider's model id
        # in it (``{"id":"openai/gpt-oss-120b"}`` in Together's model list)
        # answers nothing inside a structure labelled Together's.
        cut = _cut_line(data, at, lo, hi)
        for place, (label_start, label_end, end) in enumerate(spans):
            if label_end > label_start and self.label.search(data, label_start, label_end):
                return True
            if model not in (-1, label_start):
                # The structure right around the model's: only a field of
                # its own, beside the model's structure, answers (not one
                # inside a sibling: ``together: {base_url: ...}`` beside
                # ``openai: {model: ..., api_key: ...}``).
                if not beyond and mentions and _beside(data, index, label_start, end, model):
                    return True
                # Past it only a label answers, the structures' own names
                # (an HTML ``<!-- Together AI -->`` over the ``<script>``
                # holding ``{apiKey: ..., model: ...}``), until one holds
                # another destination, or a label on the way names another
                # provider (``# together`` over ``providers:`` then
                # ``openai: {model: ..., api_key: ...}``).
                if (_inside(index.target, label_start, end) or _OTHER_LABEL.search(data, label_start, label_end)
                        or _OTHER_LABEL.search(data, model, model_label_end)):
                    return False
                beyond = True
                continue
            if mentions and _inside(index.mention, label_start, end):
                return True
            if mentions and self._used(names, data, label_start, end):
                return True
            if model == label_start or (cut == (label_start, end) and self._far(data, at, [])):
                continue
            if _inside(index.target, label_start, end):
                return False
            # A structure named for another provider is its own, whatever
            # its siblings hold (``[together]`` with Together's endpoint
            # above ``[openai]`` and its ``api_key``), unless a structure
            # around it is labelled Together's (``together:`` then
            # ``openai:``, as ``[together.openai]`` says it on one line) or
            # says so by a field beside it (``llm:`` with ``provider:
            # together`` then ``openai:``; not a field inside a sibling,
            # nor one beside a structure further out: ``fallback:`` then
            # ``anthropic:``); a dotted name's parts (the key's own line)
            # are answered by the lines sharing them, not by the fields
            # beside (``"together.baseUrl"`` over ``"anthropic.apiKey"``).
            if label_end > label_start and _named_other(data, label_start, label_end):
                own_line = label_start == _line_start(data, at, lo)
                # (a YAML list item's first field is on its ``- `` line:
                # ``- provider: together`` then ``openai:``)
                if not any(
                        b > a and (_named_together(data, a, b)
                                   or not own_line and _beside(data, index, a if _is_item(data[a:b]) else b, around, label_start))
                        for a, b, around in spans[place + 1:]):
                    if own_line:
                        return _dotted_siblings(data, label_start, label_end, lo, hi, index)
                    return _parent_tables(data, label_start, label_end, lo, hi, index)
            if _own_field(data, index, label_start, label_end, end):
                model, model_label_end = label_start, label_end
        if model != -1:
            return False
        if self._far(data, at, spans):
            return True
        group = _flat_group(data, at, lo, hi, index)
        if group is not None:
            return group
        if statements:
            return _inside(index.mention, lo, hi) or self._used(names, data, lo, hi)
        return False

    def _parent_holds(
            self, data: bytes, spans: list[tuple[int, int, int]], index: _Index, own: re.Pattern[bytes],
            purpose: re.Pattern[bytes],
    ) -> bool | None:
        """The structures around the key, inner first, their names other
        than ``own`` (the key's list) passed over: any naming Together, by
        its label or a mention in it, answers yes (``together:`` then
        ``prod:`` then ``key:``); one named for ``purpose`` (a cache, an
        idempotency store), or for another provider or holding another
        destination without a mention of Together's, nearer than that
        answers no (``together:`` then ``cache:`` then ``keys:``).  Each part of a dotted name is a
        parent of its own, the last the nearest (``[together.cache]`` is
        ``cache`` under ``together``).  None: no structure said either."""
        for label_start, label_end, end in spans:
            # (a Markdown heading is no name: ``### Production`` under
            # ``## Together AI`` is Together's section's)
            found = (
                (_LABEL_NAME.search(data, label_start, label_end) or _PLIST_LABEL.search(data, label_start, label_end))
                if label_end > label_start and not is_heading(data, label_start) else None
            )
            names = () if found is None else reversed(found.group('name').split(b'.'))
            if found is None and label_end > label_start:
                # A declaration names its body (Ruby's ``class Cache`` under
                # ``module Together``: a cache's, however Together's the
                # module around it).
                declared = _DECLARED.search(data, label_start, label_end)
                if declared is not None:
                    names = (declared.group('name'),)
            # A YAML list item naming no field of its own is named by its
            # line (Azure Pipelines' ``- task: Cache@2`` over its
            # ``inputs:`` block's ``key:``): a purpose there answers no.
            # (A GitHub step's ``- uses: actions/cache@v4`` is answered
            # further on as well, its action being another destination.)
            if (found is None and label_end > label_start and _is_item(data[label_start:label_end])
                    and purpose.search(data, label_start, label_end)):
                return False
            other = False
            for name in names:
                if not name or own.fullmatch(name):
                    continue
                if _TOGETHER_NAME.fullmatch(name):
                    return True
                if purpose.search(name):
                    return False
                if _OTHER_LABEL.search(name):
                    other = True
                    break
            if label_end > label_start and self.label.search(data, label_start, label_end):
                return True
            # (a structure named for another provider holding Together's
            # endpoint is Together's: an OpenAI-compatible client's
            # ``"OpenAI": {"Endpoint": "https://api.together.xyz/v1", "Key": ...}``)
            if _inside(index.mention, label_start, end):
                return True
            if other or _inside(index.target, label_start, end):
                return False
        return None

    def _used(self, names: frozenset[bytes], data: bytes, start: int, end: int) -> bool:
        """One of ``names`` (identifiers bound to the endpoint) is used
        between ``start`` and ``end``, not assigned again (a HAR file's
        next ``"url": ...`` is another request's URL).  Its pattern is made
        from the file's own names (``re``, never cached): only where one
        of them is there to match, which most structures a key sits in
        hold none of."""
        if not any(data.find(name, start, end) != -1 for name in names):
            return False
        uses = self._bound.get(names)
        if uses is None:
            import re

            uses = self._bound[names] = re.compile(
                rb'(?<![\w])(?:' + b'|'.join(map(re.escape, sorted(names))) + rb')(?![\w])'
                rb'(?!["\']?[ \t]*[:=](?!=))',
            )
        return uses.search(data, start, end) is not None


def _cut_line(data: bytes, at: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of ``at``'s line (``_spans``) when the reach [lo, hi) cuts
    the line short on either side, else None."""
    start, end = _line_start(data, at, lo), _line_end(data, at, hi)
    if (start == lo and lo > 0 and data[lo - 1] != 0x0a) or (end == hi and hi < len(data) and data[hi] != 0x0a):
        return start, end
    return None


def prepare_structures() -> None:
    """Compile what ``Scopes`` compiles on first use (``engine.prepare``:
    before a scan forks, once for both processes)."""
    rule_regex(NON_KEY_PURPOSE)
    rule_regex(_HOLE)


class Scopes:
    """The structures of one file labelled Together's (``rules.STRUCTURE_LABEL``),
    found by one forward scan as far as a key asks: each label's
    structure runs to its matching bracket, the end of its indented block
    or the next section, at most ``rules.STRUCTURE_REACH`` bytes; a label
    inside a structure already found is passed over (the outer one holds
    it), so each byte is read a constant number of times however many
    labels and keys the file holds.  A label naming a digest or
    ``purpose`` (``TOGETHER_CHECKSUMS = {``, ``[together.cache]``) opens
    none."""

    __slots__ = (
        'data', '_label', '_veto', '_purpose', '_hole', '_pos', 'starts', 'heads', 'ends', 'holes',
        '_nl', 'looked', 'searches', '_vetoed',
    )

    def __init__(self, label: re.Pattern[bytes], data: bytes, veto: re.Pattern[bytes] | None) -> None:
        from together_hooks.rules import NON_KEY_PURPOSE

        self.data = data
        self._label = label
        self._veto = veto
        self._purpose = rule_regex(NON_KEY_PURPOSE)
        # A structure inside one of Together's named for another provider
        # or a purpose other than a credential is not Together's.
        self._hole = rule_regex(_HOLE)
        self.holes: list[tuple[int, int]] = []
        self._pos = 0
        self.starts: list[int] = []
        self.heads: list[int] = []
        self.ends: list[int] = []
        # A position asked (``labelled``) and the first line end at or
        # after it, and the bytes the look around each keyword has
        # read since the forward scan last ran (``labelled``); ``searches``
        # counts the label searches, for the tests that count work.
        self._nl = (0, -1)
        self.looked = 0
        self.searches = 0
        # Each label's head (``_scan``) and whether it names a purpose or
        # a veto: a file of labels written over and over (``"together":
        # {}`` repeated, ``[together]`` lines) asks the same head each
        # time, and the answer is the head's bytes' alone.
        self._vetoed: dict[bytes, bool] = {}

    def holds(self, at: int) -> bool:
        """Is ``at`` inside a structure labelled Together's?"""
        self._scan(at)
        i = bisect_left(self.starts, at) - 1
        if i < 0 or at >= self.ends[i]:
            return False
        j = bisect_left(self.holes, (at + 1,)) - 1
        return j < 0 or at >= self.holes[j][1]

    def labelled(self, at: int) -> int:
        """Where the structure ends whose label holds ``at`` (0: none)."""
        # Most keywords are on no label (``work together``): only the bytes
        # around one are read, never the file up to it.  But keywords close
        # together would read the same bytes again for each (a file of
        # ``Together(`` repeated: 512 bytes a hit, a hit every 9 bytes):
        # once the looks have read as many bytes as the forward scan has
        # left to read to this one's line end, the scan reads them once,
        # and a keyword it has passed is answered from its lists when it is
        # on no label, or on one the look would see whole (its search
        # cannot miss a match inside its bytes).  The look is still asked
        # where the scan saw a label over the keyword reaching past the
        # look's bytes (it can miss that one), so every answer is the
        # look's.  Whatever the keywords, the bytes
        # read are a few times the fewer of the two ways, never once a
        # keyword (``tests/detect/label_look_work_test.py``).
        data = self.data
        stop = at + _LABEL_MAX
        if self._pos < stop:
            if not self._nl[0] <= stop <= self._nl[1]:
                nl = data.find(b'\n', stop)
                self._nl = (stop, len(data) if nl == -1 else nl)
            if self.looked >= self._nl[1] - self._pos:
                # (and on as far again as the looks read, where a line
                # ends by then: short lines' keywords are passed by the
                # scan, not each looked around again)
                ahead = data.find(b'\n', stop + self.looked, stop + 2 * self.looked)
                self._scan(stop if ahead == -1 else ahead)
                self.looked = 0
        if self._pos >= stop:
            i = bisect_left(self.starts, at + 1) - 1
            if i < 0 or at >= self.heads[i]:
                return 0
            if self.starts[i] >= at - _LABEL_MAX and self.heads[i] <= stop:
                return self.ends[i]  # the look would find this label
        start = max(0, at - _LABEL_MAX)
        end = data.find(b'\n', at, stop)
        end = stop if end == -1 else end
        self.looked += end - start
        self.searches += 1
        if self._label.search(data, start, end) is None:
            return 0
        self._scan(stop)
        i = bisect_left(self.starts, at + 1) - 1
        return self.ends[i] if i >= 0 and at < self.heads[i] else 0

    def _scan(self, at: int) -> None:
        """Find the labels before ``at`` not yet found."""
        from together_hooks.rules import STRUCTURE_REACH

        data = self.data
        if self._pos >= at:
            return
        # (to a line's end: a label is never cut, ``together:`` of ``together: x``)
        at = data.find(b'\n', at)
        at = len(data) if at == -1 else at
        while self._pos < at:
            m = self._label.search(data, self._pos, at)
            if m is None:
                self._pos = at
                return
            # (the label's name and what leads it on its line: ``sha256: {together: {``)
            head = data[max(_line_start(data, m.start(), max(0, m.start() - 64)), m.start() - 64):m.end()]
            vetoed = self._vetoed.get(head)
            if vetoed is None:
                vetoed = bool(self._purpose.search(head) or (self._veto is not None and self._veto.search(head)))
                if len(head) <= _HEAD_KEPT:  # (a comment on a label's line can be long)
                    if len(self._vetoed) >= _HEADS_KEPT:
                        self._vetoed.clear()
                    self._vetoed[head] = vetoed
            if vetoed:
                self._pos = m.end()
                continue
            cap = min(len(data), m.end() + STRUCTURE_REACH)
            if m.group('o') is not None:
                end = _matching(data, m.end('o') - 1, cap, self._hole, self.holes)
                if end is None:
                    # An unclosed bracket (a truncated file, a log cut short,
                    # a structure longer than the cap): what follows it is
                    # inside it, up to the cap, as a parser reading the
                    # file's start would take it.
                    end = cap
            elif m.group('block') is not None:
                end = _block_close(data, m.start(), m.end(), cap, self._hole, self.holes)
            else:
                s = _SECTION.search(data, m.end(), cap)
                end = cap if s is None else s.start()
            self.starts.append(m.start())
            self.heads.append(m.end())
            self.ends.append(end)
            self._pos = end


# How many labels' heads ``Scopes`` keeps its answer for, and the
# longest it keeps (1024 heads of 256 bytes: 256 KB at most).
_HEADS_KEPT = 1024
_HEAD_KEPT = 256

# The longest a label is (``_scan`` reads past a keyword this far to
# find the label holding it).
_LABEL_MAX = 256


def _matching(
        data: bytes, opener: int, cap: int, hole: re.Pattern[bytes], holes: list[tuple[int, int]],
) -> int | None:
    """The end of the bracket at ``opener``'s structure (past its matching
    bracket), or None when none closes it by ``cap``; the outermost
    structures inside it whose label ``hole`` matches (``"openai": {``,
    ``"cache": {``) appended to ``holes``.  A bracket inside a string or a
    comment is none (``"stop": ["}"]``, ``// }``: ``_STRUCTURE_TOKEN``)."""
    depth = 0
    inside = 0  # the depth of the hole being passed, 0 for none
    start = 0
    # A string that finds no end on its line is read to the line's end
    # once: no quote after it there starts another (an unescaped one would
    # have closed it, an escaped one starts none).  A block comment that
    # finds no ``*/`` by ``cap`` is never looked for again (``no_close``):
    # each byte is read a constant number of times.
    no_close = False
    pos = opener
    search = _STRUCTURE_TOKEN.search
    while True:
        m = search(data, pos, cap)
        if m is None:
            return None
        at, pos = m.start(), m.end()
        kind = m.lastgroup
        if kind == 'q':
            s = _STRING_BODY[data[pos - 1]].match(data, pos, cap)
            if s is not None:
                pos = s.end()
            continue
        if kind == 'c':
            if data[at + 1] == 0x2a:  # ``/*``
                close = -1 if no_close else data.find(b'*/', pos, cap)
                if close == -1:
                    no_close = True
                else:
                    pos = close + 2
            else:
                eol = data.find(b'\n', pos, cap)
                pos = cap if eol == -1 else eol
            continue
        if data[at] in _OPEN:
            depth += 1
            if not inside and depth > 1 and not _headless(data, at) and (
                    hole.search(data, _heading_start(data, at, max(0, at - _HEADING_REACH)), at)
            ):
                inside, start = depth, at
        else:
            if inside == depth:
                holes.append((start, pos))
                inside = 0
            depth -= 1
            if depth == 0:
                return pos


# What ``_matching`` reads: a bracket, a quote opening a string (``q``:
# ``"`` not escaped, ``'`` or a backtick not after a letter, as in
# ``don't``; Python's ``f'`` prefixes too), or a comment (``c``: ``//``,
# ``/*`` or ``#`` after a blank or at a line's start; not ``https://``,
# nor a colour ``#fff``).  A string ends on its own line: a stray quote
# hides at most the rest of one line.
_STRUCTURE_TOKEN = regex_cache.compile(
    rb'[][(){}]'
    rb'|(?P<q>(?<!\\)"|(?<![\w\\])(?:[rRbBfFuU]{1,2})?[\'`])'
    rb'|(?P<c>(?<!\S)(?://|/\*|#(?![0-9A-Fa-f]{3,8}\b)))'
)
_STRING_BODY = {
    ord(q): regex_cache.compile(rb'(?:[^' + q.encode() + rb'\\\r\n]|\\[^\r\n])*+' + q.encode())
    for q in '"\'`'
}


def _block_close(
        data: bytes, start: int, end: int, cap: int, hole: re.Pattern[bytes], holes: list[tuple[int, int]],
) -> int:
    """The end of the YAML block under the label line at ``start``: the
    first line indented as far or less that is neither empty nor a comment, by
    ``cap``; the outermost blocks inside it whose label line ``hole``
    matches (``openai:``, ``cache:``) appended to ``holes``."""
    base = _raw_indent(data[start:end])
    inside = -1  # the indentation of the hole's label line, -1 for none
    hole_start = 0
    pos = data.find(b'\n', end, cap)
    while pos != -1:
        nxt = data.find(b'\n', pos + 1, cap)
        line = data[pos + 1:cap if nxt == -1 else nxt]
        # (a comment line ends no block, at any indentation: YAML's
        # ``# api_key: old`` at the line's start inside ``together:``)
        if line.strip() and line.lstrip()[:1] != b'#':
            indent = _raw_indent(line)
            if inside != -1 and indent <= inside:
                holes.append((hole_start, pos + 1))
                inside = -1
            if indent <= base:
                return pos + 1
            if inside == -1 and _BLOCK_LABEL.match(line) and hole.search(line):
                inside, hole_start = indent, pos + 1
        pos = nxt
    if inside != -1:
        holes.append((hole_start, cap))
    return cap


# A YAML key ending its line (a block's label).
_BLOCK_LABEL = regex_cache.compile(
    rb'[ \t]*(?:-[ \t]+)?["\']?[\w.-]{1,64}["\']?[ \t]*:[ \t]*(?:&[\w.-]{1,40}[ \t]*)?(?:#[^\r\n]*)?\r?\Z')


# What may stand before a flat name on its line: a shell's export word
# (``export``, ``declare -x`` as ``export -p`` prints it, ``typeset -x``,
# ``readonly``), systemd's ``Environment=``, and the assignments before
# it in one list of them (``Environment=LLM_PROVIDER=together
# LLM_API_KEY=<key>``, ``systemctl show``'s and a command's ``A=1 B=2
# cmd``); a log's timestamp first (a GitHub Actions log printing a step's
# ``env:``, ``kubectl logs --timestamps``).
FLAT_LEAD = (
    rb'(?:' + LOG_TIMESTAMP + rb'[ \t]+)?'
    # (an xtrace's ``+`` marks first, one a nesting level: ``set -x``
    # printing ``++ export LLM_API_KEY=<key>``)
    rb'(?:\+{1,8}[ \t]+)?'
    rb'(?:(?:export|readonly|(?:declare|typeset|local)[ \t]+-[A-Za-z]{1,4}|ENV|ARG)[ \t]+|Environment=)?'
    rb'(?:["\']?[A-Za-z_][\w.-]{0,64}=(?:"[^"\r\n]{0,512}"|\'[^\'\r\n]{0,512}\'|[^\s"\']{0,512})["\']?[ \t]+){0,16}?["\']?'
)
# A flat name (``.env``, ``.properties``, shell exports): a prefix, then
# the credential's own word (``LLM_API_KEY``, ``app.llm.token``).
# The prefix is ambiguous where the credential's word holds a separator
# (``ai.api.key``: ``ai.`` or ``ai.api.``): both readings are tried.
_FLAT_NAMES = tuple(
    regex_cache.compile(
        rb'[ \t]*' + FLAT_LEAD + rb'(?P<prefix>[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*' + lazy
        + rb'[_.-])(?i:api[_.-]?key|access[_.-]?token|auth[_.-]?token|token|secret|password|key)'
        # (the value maybe a shell or Compose default: ``${LLM_API_KEY:-<key>}``)
        rb'[ \t]*(?:::?=|\?=|[:=])[ \t]*["\']?(?:\$\{\w{1,64}:?-)?\Z',
    )
    for lazy in (b'?', b'')
) + (
    # (a camelCase local: its prefix the words before the credential's
    # capitalised one, ``llm`` of ``llmKey``, ``llmURL`` its sibling)
    regex_cache.compile(
        rb'[ \t]*' + FLAT_LEAD + rb'(?P<prefix>[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*?)'
        rb'(?:Api[Kk]ey|API[Kk]ey|Key|Token|Secret)'
        rb'[ \t]*(?:::?=|[:=])[ \t]*["\'`]?\Z',
    ),
)


def flat_siblings(prefix: bytes) -> re.Pattern[bytes]:
    """The lines naming a field of the same group: ``prefix`` and one
    more word (``LLM_PROVIDER``, ``LLM_BASE_URL``; not ``APP_LLM_PROVIDER``
    for ``APP_SECRET``: an app's prefix groups everything it configures)."""
    import re  # made from the file's own name: never cached

    return re.compile(
        rb'(?m)^[ \t]*' + FLAT_LEAD + rb'(?P<name>' + re.escape(prefix) + _SIBLING_WORD + rb')[ \t]*\??[:=]',
    )


# The word after a group's prefix that names a sibling field (``PROVIDER``,
# ``BASE_URL``), in a flat line's name or a Terraform variable's label.
_SIBLING_WORD = rb'[A-Za-z0-9]+(?:[_.-](?i:url|uri|base|type|host))?'


def _flat_group(data: bytes, at: int, lo: int, hi: int, index: _Index) -> bool | None:
    """Flat names sharing a prefix are one structure (``LLM_PROVIDER=together``
    then ``LLM_API_KEY=<key>``, as ``llm:`` would hold them in YAML): the
    lines starting with the key's name's prefix answer as a block would:
    Together's if one of them holds Together context, not if one names
    another destination.  None when the key's name is not flat or no
    sibling answers."""
    start = _line_start(data, at, lo)
    if data[start:at].lstrip(b' \t')[:1] == b'(':
        return _lisp_group(data, start, at, lo, hi, index)
    if _VARIABLE_DEFAULT.fullmatch(data, start, at):
        group = _variable_group(data, at, lo, hi, index)
        if group is not None:
            return group
    answer = None
    for own, prefix in flat_prefixes(data, start, at):
        first = data.find(prefix, lo, hi)  # the key's own name holds one
        if data.find(prefix, first + 1, hi) == -1:
            continue  # no other line can start with it: no pattern to make
        for s in flat_siblings(prefix).finditer(data, lo, hi):
            if s.start('name') == own:
                continue
            end = _line_end(data, s.end(), hi)
            if _inside(index.mention, s.start(), end):
                return True
            if _inside(index.target, s.start(), end):
                answer = False
    if answer is None:
        return _record(data, start, lo, hi, index)
    return answer


# A Terraform variable's ``default`` line (``default = "<key>"``), and
# the block label naming the variable:
# the variables sharing its name's prefix are a flat group, each block
# its line (``variable "llm_endpoint" {`` with Together's URL as its
# default, beside ``variable "llm_api_key" {``).
_VARIABLE_DEFAULT = regex_cache.compile(rb'[ \t]*default[ \t]*=[ \t]*["\']?')
_VARIABLE_LABEL = regex_cache.compile(rb'[ \t]*variable[ \t]+"(?P<name>[A-Za-z][\w-]{0,64})"[ \t]*\{')
# (the start of the sibling blocks' pattern, made from the file's own
# name: tests/detect/prepare_test.py tells it by this)
VARIABLE_SIBLINGS = rb'(?m)^[ \t]*variable[ \t]+"'


def _variable_group(data: bytes, at: int, lo: int, hi: int, index: _Index) -> bool | None:
    """``_flat_group`` for a Terraform variable's default: the variable
    blocks named with its name's prefix answer, each block as a line."""
    own = next(bracket_spans(data, at, lo, hi, index.brackets), None)
    label = None if own is None else _VARIABLE_LABEL.fullmatch(data, own[0], own[1])
    if label is None:
        return None
    import re  # made from the file's own names: never cached

    answer = None
    name = label.group('name') + b'='
    for prefix in {prefix for _at, prefix in flat_prefixes(name, 0, len(name))}:
        siblings = re.compile(VARIABLE_SIBLINGS + re.escape(prefix) + _SIBLING_WORD + rb'"[ \t]*\{')
        for s in siblings.finditer(data, lo, hi):
            if s.start() == own[0]:
                continue
            close = data.find(b'\n}', s.end(), hi)
            end = hi if close == -1 else close
            if _inside(index.mention, s.start(), end):
                return True
            if _inside(index.target, s.start(), end):
                answer = False
    return answer


# A credential record: unindented ``Field: value`` or ``field=value`` lines
# with no empty line between them, as a secret store shows an entry
# (``keepassxc-cli show``'s ``Title:``, ``UserName:``, ``Password:``,
# ``URL:``) or git hands one to a credential helper (``protocol=``,
# ``host=``, ``username=``, ``password=``).  With a user field and a
# title, URL or host field (whole field names: a ``.env``'s ``DB_USER``
# and ``DB_HOST`` make none), it is one structure: Together's where a
# line of it holds Together context, not where one names another
# destination.  At most ``_RECORD_LINES`` lines each way.
_RECORD_LINE = regex_cache.compile(rb'[A-Za-z][\w -]{0,30}?[ \t]*[:=]')
_RECORD_USER = regex_cache.compile(rb'(?i:user[ _-]?name|user|login|e-?mail)[ \t]*[:=]')
_RECORD_WHERE = regex_cache.compile(rb'(?i:title|url|uri|host|server|website|web[ _-]?site)[ \t]*[:=]')
_RECORD_LINES = 16


def _record(data: bytes, start: int, lo: int, hi: int, index: _Index) -> bool | None:
    """The credential record around the line at ``start``: True, False, or
    None when the line is in none (or none says)."""
    if _RECORD_LINE.match(data, start) is None:
        return None
    lines = [start]
    at = start
    for _ in range(_RECORD_LINES):
        if at <= lo:
            break
        prev = _line_start(data, at - 1, lo)
        if _RECORD_LINE.match(data, prev, at) is None:
            break
        lines.insert(0, prev)
        at = prev
    at = _line_end(data, start, hi) + 1
    for _ in range(_RECORD_LINES):
        if at >= hi or _RECORD_LINE.match(data, at, hi) is None:
            break
        lines.append(at)
        at = _line_end(data, at, hi) + 1
    if not (any(_RECORD_USER.match(data, a) for a in lines) and any(_RECORD_WHERE.match(data, a) for a in lines)):
        return None
    answer = None
    for a in lines:
        end = _line_end(data, a, hi)
        if _inside(index.mention, a, end):
            return True
        if _inside(index.target, a, end):
            answer = False
    return answer


# A Lisp setting (Emacs' ``(setq gptel-api-key "<key>")``, ``setq-default``,
# a later pair of ``(setq a b c d)``, ``customize-set-variable``,
# ``defcustom``): its symbol's package (``gptel-``, its first word) names
# a group as a flat name's prefix does, the top-level forms of the same
# package near it its siblings (``(gptel-make-openai "Together" :host
# "api.together.xyz")``, ``(setq gptel-backend ...)``), each read to its
# closing parenthesis.
_LISP_SETTERS = rb'setq(?:-default|-local)?|setf|set-default|customize-set-variable|defvar|defcustom|defconst'
_LISP_SET = regex_cache.compile(
    rb'[ \t]*\((?:' + _LISP_SETTERS + rb')'
    rb'(?:[ \t]+\'?[^\s()"]{1,64}[ \t]+(?:"[^"\r\n]{0,200}"|\'?[^\s()"]{1,64})){0,4}'
    rb'[ \t]+\'?(?P<prefix>[A-Za-z][A-Za-z0-9]{0,30}-)[\w-]{0,40}?'
    rb'(?i:api-?key|token|secret|password|passwd|key)[ \t]+"?\Z',
)
_LISP_PURPOSE = regex_cache.compile(NON_KEY_PURPOSE)
# How far a sibling form is read (its closing parenthesis).
_FORM_REACH = 2048


def _form_end(data: bytes, start: int, hi: int) -> int:
    """Where the Lisp form opening at ``start`` closes (strings and ``;``
    comments passed over), or ``hi``."""
    depth = 0
    at = start
    hi = min(hi, start + _FORM_REACH)
    while at < hi:
        ch = data[at]
        if ch == 0x22:  # "
            at += 1
            while at < hi and data[at] != 0x22:
                at += 2 if data[at] == 0x5c else 1
        elif ch == 0x3b:  # ;
            at = _line_end(data, at, hi)
        elif ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return hi


def _lisp_group(data: bytes, start: int, at: int, lo: int, hi: int, index: _Index) -> bool | None:
    """``_flat_group`` for a Lisp setting: the forms of its package's."""
    m = _LISP_SET.match(data, start, at)
    # (a symbol naming another purpose is no credential: ``gptel-cache-key``)
    if m is None or _LISP_PURPOSE.search(data, m.end('prefix'), at):
        return None
    import re  # made from the file's own symbol: never cached

    package = re.escape(m.group('prefix')[:-1])
    siblings = re.compile(
        rb'(?m)^[ \t]*\((?:(?:' + _LISP_SETTERS + rb'|use-package|require|with-eval-after-load)[ \t]+\'?)?'
        + package + rb'(?![\w])',
    )
    answer = None
    for s in siblings.finditer(data, lo, hi):
        if s.start() == start:
            continue
        opener = data.index(b'(', s.start())
        end = _form_end(data, opener, hi)
        if opener < at < end:
            continue  # the key's own form
        if _inside(index.mention, opener, end):
            return True
        if _inside(index.target, opener, end):
            answer = False
    return answer


# A flat name right before its value, its prefix a word's run
# (``ANTHROPIC_API_KEY=``, ``"GROQ_API_KEY": "``), after a blank, a NUL
# or a quote: anywhere in a line of assignments (``ps e``'s command then
# its environment, ``/proc/<pid>/environ``, a JSON line).
_NAME_BEFORE = regex_cache.compile(
    rb'(?s:.*[\s\x00"\'{,]|)(?P<prefix>[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*?)[_.-]'
    rb'(?i:api[_.-]?key|access[_.-]?token|auth[_.-]?token|token|secret|password|key)'
    rb'["\']?[ \t]*(?:[:=]|::?=|\?=)[ \t]*["\']?')


def _other_flat_name(data: bytes, at: int, lo: int) -> bool:
    """Is the key at ``at`` the value of a flat name whose prefix is
    another provider's name (``ANTHROPIC_API_KEY=``, ``groq.api.key=``)?
    Not OpenAI's: ``OPENAI_API_KEY`` is what any OpenAI-compatible client
    reads, Together's too."""
    found = _NAME_BEFORE.fullmatch(data, max(lo, _line_start(data, at, lo), at - 200), at)
    if found is None:
        return False
    return _other_provider_named(found.group('prefix'))


def flat_prefixes(data: bytes, start: int, at: int) -> set[tuple[int, bytes]]:
    """The prefixes of the flat name from ``start`` to the key at ``at``,
    each with where the name starts."""
    return {(m.start('prefix'), m.group('prefix')) for m in (r.match(data, start, at) for r in _FLAT_NAMES) if m}
