"""Detection: bytes in, findings out.

One pass per file: where each keyword and each keyword's base64 form
occurs (``detect.prefilter``, ``Keywords.where``) rules out most files (no
keyword at all); in the rest, it decides which rules can possibly match
and where; only those rules' regexes run, and only near their keywords and
where a value of their shape can be (``Rule.value_run``).
Candidates then pass the shape checks of their rule (entropy, placeholder
shapes) and, for a key under a generic name, the structural context check
(``detect.context``).  The same rules then run on the file's other readings
(``detect.codec``): escapes undone and literals joined around keywords, and
base64 values decoded where a keyword's base64 form occurs; a key found
there is reported where the file holds it.  Inline allow pragmas are
honoured.

Everything works on raw bytes, so binary files, invalid UTF-8, CRLF and
single-line minified files need no special path.
"""
from __future__ import annotations

from together_hooks.detect.budget import BINARY_PROBE
from together_hooks.detect.budget import Budget
from together_hooks.detect.prefilter import a_kind
from together_hooks.detect.prefilter import B64_MAGIC
from together_hooks.detect.prefilter import Keywords
from together_hooks.detect.prefilter import PNG_TEXT
from together_hooks.detect.prefilter import RTF_MAGIC
from together_hooks.detect.prefilter import SQLITE_MAGIC
from together_hooks.detect.prefilter import ZLIB_HEADERS
from together_hooks.detect.prefilter import container_kind
from together_hooks.detect.prefilter import dump_head
from together_hooks.detect.prefilter import html_page
from together_hooks.detect.prefilter import hyperscan_routes
from together_hooks.detect.prefilter import mail_b64_parts
from together_hooks.detect.prefilter import may_be_wide
from together_hooks.detect.prefilter import ooxml_part
from together_hooks.detect.prefilter import value_start
from together_hooks.detect.prefilter import wrapped_block
from together_hooks.errors import InputError
from together_hooks.findings import bare_hex
from together_hooks.findings import COMMIT_HEADER
from together_hooks.findings import Finding
from together_hooks.findings import NOT_FILES
from together_hooks.findings import PATH_NAME
from together_hooks.findings import REF_NAME
from together_hooks.findings import SHOWN_LINE
from together_hooks.rules import B64_DEPTH
from together_hooks.rules import Context
from together_hooks.rules import KEY_CHARS
from together_hooks.rules import KEY_LENGTH
from together_hooks.rules import KEY_PREFIX
from together_hooks.rules import LIST_GAP
from together_hooks.rules import LIST_GAP_REACH
from together_hooks.rules import MAX_CONTEXT
from together_hooks.rules import Pattern
from together_hooks.rules import RULES
from together_hooks.rules import is_prose
from together_hooks.rules import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Callable

    from together_hooks.detect.budget import Edge
    from together_hooks.detect.codec import View
    from together_hooks.detect.csvrow import Headers
    from together_hooks.detect.prefilter import Where

_KEY_BYTES = frozenset(
    b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
)
# An escape right before a key separates it from the text before it:
# "...\ntgp_v1_..." in JSON, "%3Dtgp_v1_..." in URLs, "\u003d" in JS, and
# an ANSI colour code, raw or escaped ("x\x1b[0mtgp_v1_...", "\e[1m",
# "\u001b[0m": the codes ``codec._UNESCAPE`` takes out of its reading).
# (Regex sources here are built on first use: regex_cache.cached.)
_ESCAPE_BEFORE = rb'(?:\\[nrtfvb0]|%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}' + (
    rb'|(?:\x1b|\\(?:u001[bB]|x1[bB]|033|e))\[[0-9;]{0,32}[A-Za-z])\Z'
)
_ESCAPE_REACH = 40  # bytes: the longest of them, "\u001b[" + 32 + "m"

_PRINTABLE = rb'[\t\n\r\x20-\x7e]*\Z'

_WINDOW = 4096  # bytes: how far context and pragma checks look on a line


# Binary files lay fields side by side with no separator between them (a
# SQLite record: a column's text right after the one before it, or after
# the record header's serial type, ``q`` for 50 characters; a ``.pyc``'s
# marshalled string between its length byte and the next constant's type,
# ``N`` for None; a pickle's between its length and the next opcode):
# there the ``tgp_v1_`` prefix is a key's left boundary and its 50th
# character its right one.  Binary as git judges it, a NUL in the first
# 8 KB, or a serialisation that holds none (msgpack, CBOR, protobuf): they
# put a string's length right before it, and a 50-byte key's is ``2``
# (0x32), a key character, so the key is glued to it; their framing bytes
# are C0 controls that text does not hold or bytes that are not UTF-8.
_BINARY_PROBE = BINARY_PROBE
# C0 controls but the blanks, backspace and ESC (terminal logs hold those).
_CONTROL = rb'[\x00-\x07\x0e-\x1a\x1c-\x1f]'


def _is_binary(data: bytes, window: bool = False) -> bool:
    """``window``: ``data`` is a large file's window past its first, which
    starts at any byte (wide text's decoded window too): a character cut
    by its start is no reason to call it binary, as one cut by the
    probe's end is not.  A file's own first byte is (CBOR's map of three
    entries starts with 0xa3, the rest of it ASCII)."""
    from together_hooks.regex_cache import cached

    head = data[:_BINARY_PROBE]
    lead = 0
    while window and lead < 3 and lead < len(head) and 0x80 <= head[lead] < 0xc0:
        lead += 1
    if cached(_CONTROL).search(head) is not None:
        return True
    try:
        head[lead:].decode('utf-8')
    except UnicodeDecodeError as e:
        # A character cut by the probe's end is not a reason.
        return e.end < len(head) - lead or e.reason != 'unexpected end of data'
    return False


def _binary(data: bytes, walkers: dict[object, object]) -> bool:
    """``_is_binary(data)``, decided once per buffer of a scan: a file of
    glued candidates asked it (8 KB decoded and searched) for each one.
    ``walkers`` keeps the answers for the last two buffers asked about
    (a reading and its original, asked in turn), never more."""
    held = walkers.get(_BINARY)
    if isinstance(held, tuple):
        for buf, answer in held:
            if buf is data:
                return answer
    past = data is walkers.get(_PAST_START)
    # A window past a large file's start: binary when the file is (its
    # head, as git judges it and a whole read would), or when its own is.
    answer = _is_binary(data, past) or past and _is_binary(walkers.get(_FILE_PROBE) or b'')
    walkers[_BINARY] = ((data, answer),) + (held[:1] if isinstance(held, tuple) else ())
    return answer


def _length_byte(data: bytes, start: int) -> bool:
    """Whether the key character before ``start`` is a lone ``2`` after a
    separator (or the file's start): a 50-byte string's length byte, which
    a serialisation's text may hold with nothing but ASCII around it
    (protobuf's field 1: its tag is LF, ``\\n2<key>``; a message of that
    field alone, a ``StringValue``, holds no other byte)."""
    return data[start - 1] == 0x32 and (start == 1 or data[start - 2] not in _KEY_BYTES)


def _touches_key_char(data: bytes, start: int, walkers: dict[object, object]) -> bool:
    if start == 0 or data[start - 1] not in _KEY_BYTES:
        return False
    # A shell default (``${TOGETHER_API_KEY:-<key>}``, ``:=``): its ``:-``
    # is one separator; so is a word diff's deletion mark, ``[-<old key>-]``
    # (``rules.WORD_DIFF_END``).
    if data[start - 2:start] in (b':-', b'[-'):
        return False
    if data.startswith(KEY_PREFIX, start) and (_length_byte(data, start) or _binary(data, walkers)):
        return False
    from together_hooks.regex_cache import cached

    return cached(_ESCAPE_BEFORE).search(data, max(0, start - _ESCAPE_REACH), start) is None


def _line_bounds(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b'\n', max(0, offset - _WINDOW), offset) + 1
    if start == 0 and offset > _WINDOW:
        start = offset - _WINDOW
    end = data.find(b'\n', offset, offset + _WINDOW)
    if end == -1:
        end = min(len(data), offset + _WINDOW)
    # A bare CR ends a line too (pragmas are per line); CRLF keeps its CR,
    # which the pragma check strips.
    cr = data.rfind(b'\r', start, offset)
    if cr != -1:
        start = cr + 1
    cr = data.find(b'\r', offset, end)
    if cr != -1 and cr + 1 < end:
        end = cr
    return start, end


def _context_holds(
        data: bytes, offset: int, context: Context, seen: dict[object, object],
) -> bool:
    """``context`` holds in the structure around ``offset``; compiled once
    per scan (``seen``)."""
    key = _walker_key(context)
    walker = seen.get(key)
    if walker is None:
        from together_hooks.detect.context import Walker

        walker = seen[key] = Walker(*key)
    return walker.holds(  # type: ignore[attr-defined]
        data, offset, context.statements, context.scope, context.own, context.purpose,
        seen.get(_PROSE, True))


def _walker_key(
        context: Context,
) -> tuple[bytes, bytes, bytes, int, bytes | None, int, bytes | None, bytes | None]:
    # Contexts that differ only in ``statements`` or ``scope`` share one
    # walker (and its index of the file).
    return (
        context.mention, context.label, context.url, context.reach, context.veto, context.section_reach,
        context.structure_label, context.field_veto,
    )


def glob_match(name: str, pattern: str) -> bool:
    """``fnmatch.fnmatchcase`` for the ``*``-only globs of ``Rule.skip_files``:
    fnmatch would translate and compile each glob to a regex in every hook
    process (docs/architecture.md, "Kept on purpose")."""
    parts = pattern.split('*')
    if len(parts) == 1:
        return name == pattern
    head, tail = parts[0], parts[-1]
    if (
            len(name) < len(head) + len(tail)
            or not name.startswith(head) or not name.endswith(tail)
    ):
        return False
    at, stop = len(head), len(name) - len(tail)
    for part in parts[1:-1]:
        at = name.find(part, at, stop)
        if at == -1:
            return False
        at += len(part)
    return True


def rule_applies(rule: Rule, path: str) -> bool:
    name = path.rsplit('/', 1)[-1]
    return not any(glob_match(name, pat) for pat in rule.skip_files)


# The last bytes' anchored keyword offsets, per rule: the windows and the
# hex reading (``_hex_hits``) ask for them in one scan.
_ANCHORED: dict[Rule, tuple[bytes, list[int]]] = {}


def _anchored(data: bytes, rule: Rule, where: Where) -> list[int]:
    """Offsets of ``rule``'s keywords in ``data`` that open a window (its
    anchor matches from the byte before: a Together name, not "together"
    in prose), keyword by keyword."""
    last = _ANCHORED.get(rule)  # read once: history's walks scan in other threads
    if last is not None and last[0] is data:
        return last[1]
    anchor = rule.anchor
    out = [
        at for keyword in rule.keywords for at in where.offsets(keyword)
        if anchor is None or anchor.match(data, max(0, at - 1)) is not None
    ]
    _ANCHORED[rule] = (data, out)
    return out


def _spans(data: bytes, rule: Rule, where: Where, prose: int = True) -> list[tuple[int, int]]:
    """The stretches of ``data`` worth running ``rule``'s patterns on
    (``prose``: a document, whose headings hold their sections;
    ``rules.ORG``: an Org one, whose headings are its headlines)."""
    window = rule.window
    if window is None:
        return [(0, len(data))]
    raw = []
    structure = _structure(rule)
    scopes = None
    for at in _anchored(data, rule, where):
        # End on a line end where there is one near, else after a second
        # window (a 10 MB minified line is not rescanned whole for each
        # hit); _candidates rechecks a match that touches the cut.
        end = data.find(b'\n', at + window, at + 2 * window)
        hi = min(len(data), at + 2 * window) if end == -1 else end
        # A Markdown heading's window runs on over its section (the
        # keys a team wiki lists under ``## Together AI``).
        if prose and _on_heading(data, at, prose):
            hi = max(hi, min(len(data), at + _section_reach(rule)))
        # A structure label's (``together:``, ``"together": {``,
        # ``[together]``) runs on over its structure, however long.
        if scopes is None and structure is not None:
            from together_hooks.detect.context import Scopes
            from together_hooks.detect.context import rule_regex

            scopes = Scopes(rule_regex(structure.structure_label), data,
                            None if structure.veto is None else rule_regex(structure.veto))
        if scopes is not None:
            hi = max(hi, scopes.labelled(at))
        raw.append((max(0, at - window), hi))
    spans = _merged(raw)
    value = rule.value
    if value is None:
        return spans
    run = _run_test(rule.value_run)
    near_values = []
    for lo, hi in _list_runs(data, spans, value, run):
        if run is not None and run[1] not in data[lo:hi].translate(run[0]):
            continue  # no value can be here
        for m in value.finditer(data, lo, hi):
            near_values.append((max(lo, m.start() - rule.value_reach), min(hi, m.end() + _VALUE_TAIL)))
    return _merged(near_values)


def _list_runs(
        data: bytes, spans: list[tuple[int, int]], value: re.Pattern[bytes],
        run: tuple[bytes, bytes] | None = None,
) -> list[tuple[int, int]]:
    """``spans``, each run on over the list of values its last value
    starts or continues (``rules.LIST_GAP`` between them): every key of a
    list longer than a window is near its name's span.  ``run``: the
    rule's ``_run_test``, which a span's end must pass to hold a value
    (one ``translate`` where ``value`` would be tried at every letter)."""
    from together_hooks.regex_cache import cached

    gap = cached(LIST_GAP)
    out = []
    for lo, hi in spans:
        last = None
        tail = max(lo, hi - 2 * LIST_GAP_REACH)
        if run is None or run[1] in data[tail:hi].translate(run[0]):
            for m in value.finditer(data, tail, hi):
                last = m
        while last is not None:
            g = gap.match(data, last.end(), last.end() + LIST_GAP_REACH)
            nxt = None if g is None else value.match(data, g.end())
            if nxt is None or nxt.end() <= hi:
                break
            hi, last = nxt.end() + _VALUE_TAIL, nxt
        out.append((lo, min(hi, len(data))))
    return _merged(out)


def _keyword_lines(data: bytes, rule: Rule, where: Where) -> list[tuple[int, int]]:
    """The lines holding one of ``rule``'s keywords (a table's rows naming
    Together), up to a row's length (``csvrow``) on each side of it."""
    from together_hooks.detect.csvrow import ROW

    lines = []
    for keyword in rule.keywords:
        hi = -1
        for at in where.offsets(keyword):
            if at < hi:
                continue  # on a line already taken
            lo = data.rfind(b'\n', max(0, at - ROW), at) + 1 or max(0, at - ROW)
            hi = data.find(b'\n', at, at + ROW)
            hi = min(len(data), at + ROW) if hi == -1 else hi
            lines.append((lo, hi))
    return lines


def _on_heading(data: bytes, at: int, prose: int = True) -> bool:
    """Is the keyword at ``at`` on a Markdown heading's line (an ATX or
    bold one: ``#`` or ``*`` starts it; or a setext one; an Org
    headline in an Org document)?"""
    start = data.rfind(b'\n', max(0, at - 128), at) + 1
    from together_hooks.detect.context import is_heading

    return is_heading(data, start, prose)


def _structure(rule: Rule) -> Context | None:
    """The first of ``rule``'s contexts whose structure labels hold their
    whole structure (``Context.structure_label``)."""
    return next((p.context for p in rule.patterns
                 if p.context is not None and p.context.structure_label is not None), None)


def _section_reach(rule: Rule) -> int:
    return max((p.context.section_reach for p in rule.patterns if p.context is not None), default=0)


# Bytes after a value a pattern's lookahead may read: the boundary
# character, or what closes a shell substitution (``<key>')``, ``<key>"`)``).
_VALUE_TAIL = 8


_RUN_TESTS: dict[tuple[bytes, int], tuple[bytes, bytes]] = {}


def _run_test(value_run: tuple[bytes, int] | None) -> tuple[bytes, bytes] | None:
    """(table, needle) for ``Rule.value_run``: bytes translated by the
    table hold the needle exactly where they hold n consecutive bytes of
    the characters."""
    if value_run is None:
        return None
    test = _RUN_TESTS.get(value_run)
    if test is None:
        from together_hooks.regex_cache import cached

        chars, n = value_run
        inside = cached(b'[' + chars + b']')
        table = bytes(1 if inside.match(bytes((b,))) else 0 for b in range(256))
        test = _RUN_TESTS[value_run] = (table, b'\1' * n)
    return test


# ``Rule.value_run`` -> whether bytes hold it, by one hyperscan pass
# (``_run_pass``), or None without hyperscan.
_RUN_PASSES: dict[tuple[bytes, int], Callable[[bytes], bool] | None] = {}


def _run_pass(value_run: tuple[bytes, int]) -> Callable[[bytes], bool] | None:
    """Whether bytes hold ``value_run`` (n consecutive bytes of its
    characters: ``_run_test``'s answer), by one hyperscan pass of the run
    as a bounded repeat of its class, stopped at its first match; None
    without hyperscan.  Made at most once a process (``prepare``: before a
    scan forks).  No copy of the bytes is made, where ``_run_test``
    translates them whole: a file's test, not a reading's."""
    if value_run in _RUN_PASSES:
        return _RUN_PASSES[value_run]
    from together_hooks.detect.prefilter import hyperscan_database
    from together_hooks.detect.prefilter import hyperscan_module

    try:
        hyperscan = hyperscan_module()
    except ImportError:
        hyperscan = None
    chars, n = value_run
    db = None if hyperscan is None else hyperscan_database(
        hyperscan, [b'[' + chars + b']{%d}' % n], [hyperscan.HS_FLAG_SINGLEMATCH],
    )
    if db is None:
        _RUN_PASSES[value_run] = None
        return None
    from together_hooks.detect.prefilter import _stop

    stopped = hyperscan.ScanTerminated

    def holds(data: bytes) -> bool:
        try:
            db.scan(data, _stop)
        except stopped:
            return True
        return False
    _RUN_PASSES[value_run] = holds
    return holds


def _file_valued(data: bytes, rules: tuple[Rule, ...], screen: Keywords) -> tuple[Rule, ...]:
    """``_valued(data, rules)`` of a whole file's bytes before its own
    patterns run: the rules left out find nothing in ``data`` itself (the
    same proof as a reading's), so a file saying "together" with no run of
    64 key characters (sympy's ``together()``) is not searched for its
    anchors, windows and lists; its readings still are.  Where the screen
    reads by hyperscan's one pass and the file is of ``_MARKS_MIN`` bytes
    or more, each run is asked by one pass (``_run_pass``), else by
    ``_run_test``'s translate (docs/performance.md, "Issue 17, session 36
    (perfT36)")."""
    if not screen.one_pass or not _MARKS_MIN <= len(data) < 1 << 32:
        return _valued(data, rules)
    out = []
    for rule in rules:
        test = None if rule.value_run is None else _run_pass(rule.value_run)
        if rule.value_run is None or (
                test(data) if test is not None else _valued(data, (rule,))
        ):
            out.append(rule)
    return tuple(out) if len(out) < len(rules) else rules


def _valued(data: bytes, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The rules of ``rules`` that could find a key in ``data``: those
    without a ``value_run``, and those whose run ``data`` holds.  Exact:
    every match of a rule's patterns ends in a ``value``, and every
    ``value`` holds the run (``Rule.value_run``, tests/rules_test.py), so
    a rule left out finds nothing in ``data`` (docs/performance.md, "A
    second screen for the readings")."""
    out = []
    for rule in rules:
        run = _run_test(rule.value_run)
        if run is None or run[1] in data.translate(run[0]):
            out.append(rule)
    return tuple(out) if len(out) < len(rules) else rules


def _merged(raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    raw.sort()
    spans: list[tuple[int, int]] = []
    for lo, hi in raw:
        if spans and lo <= spans[-1][1]:
            if hi > spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _secret_of(
        data: bytes, m: re.Match[bytes], pattern: Pattern, rule: Rule,
        walkers: dict[object, object], original: tuple[bytes, Callable[[int], int]] | None,
        had: set[tuple[int, str]],
) -> tuple[int, str] | None:
    """(offset, key) for a regex match, or None when it is not a key (or
    one ``had`` already: the rule's hits so far)."""
    groups = m.re.groupindex
    if 'skip' in groups and m.start('skip') != -1:
        return None
    encoded = 'encoded' in groups and m.start('encoded') != -1
    start = m.start('encoded' if encoded else 'secret')
    if _touches_key_char(data, start, walkers) and (
            # A reading takes an ANSI code out with the escapes it decodes:
            # where the original holds a separator before the key, it is one.
            original is None or _touches_key_char(original[0], original[1](start), walkers)
    ):
        return None
    # What the text around the match must hold: cheap and most often
    # failing, so before the shape checks.
    if not _around_holds(data, m, pattern, walkers):
        return None
    if encoded:
        raw = _decode_b64(m.group('encoded'))
        decoded = pattern.decoded
        inner = decoded.match(raw) if raw is not None and decoded else None
        if inner is None:
            return None
        secret = inner.group('secret').decode('ascii')
    else:
        secret = m.group('secret').decode('ascii')
    from together_hooks.detect.shapes import is_placeholder  # a candidate, at last

    body = secret[7:] if secret.startswith('tgp_v1_') else secret
    if is_placeholder(body, rule):
        return None
    context = pattern.context_for(m)
    if context is False:
        return None
    veto = pattern.veto_before
    if veto is not None:
        line = data.rfind(b'\n', 0, m.start()) + 1
        vetoed = veto.search(data, max(line, m.start() - _VETO_REACH), m.start())
        if vetoed is not None and (
                vetoed.re.groupindex.get('below') is None or vetoed.group('below') is None
                or _value_below(data, m)):
            return None
    if context is not None:
        if (start, secret) in had:
            # Found by a pattern before (a key under a Together name also
            # matches the generic name): no structure needs walking.
            return None
        # In a reading of a stretch of the file, the structure is the
        # original's (the stretch would cut it short).
        where, at = (original[0], original[1](start)) if original else (data, start)
        # An item of a list whose item before it was found in Together's
        # structure is in it too (a list longer than the context's reach).
        chain = None if pattern.before is None else (_LIST_END, pattern.before)
        link = walkers.get(chain) if chain is not None else None
        if not (isinstance(link, tuple) and link[0] == m.end() and link[1] is True):
            held = _context_holds(where, at, context, walkers)
            if not held and original is not None and not _plain_keyword_near(where, at, rule):
                # A reading whose context is written in it only (every
                # character of a JSON config ``\\u00NN``, ``&#NN;``): the
                # original holds the context escaped, the reading plainly.
                # Where the original writes a keyword plainly near the key,
                # its structure has judged (a veto the stretch would cut).
                # The readings' walkers are their own: a walker keeps one
                # text's scopes, and asked of the original and a reading in
                # turn it would index each again for every key (quadratic).
                held = _context_holds(data, start, context, _reading_walkers(walkers))
            elif not held and original is not None and _entity_quoted(where, at):
                # Unless the key's own field is quoted by HTML's entities
                # (``data-config="{&quot;provider&quot;:&quot;together&quot;,
                # &quot;apiKey&quot;:&quot;<key>``): no field of such a
                # structure is read in the original, so it cannot judge.
                held = _context_holds(data, start, context, _reading_walkers(walkers))
            if held:
                # A structure written escaped (a JSON config that is a string
                # inside JSON, YAML or Python: ``{"settings": "{\\n
                # \\"Together:BaseUrl\\": ...``) is judged unescaped too:
                # the vetoes its structure sees (another provider's own name,
                # a digest's, a sibling section) hold as they do in the plain
                # file, which the original, one line of escapes, cannot show.
                held = _unescaped_holds(data, start, secret, context, rule, walkers, original is not None)
            if chain is not None:
                walkers[chain] = (m.end(), held)
            if not held:
                return None
    if _embedded_vetoes(*((original[0], original[1](start)) if original else (data, start)), secret, rule, walkers):
        return None
    return start, secret


# How far before a key the entity quoting its field is looked for
# (``_entity_quoted``): the field's name, its quotes and separator.
_ENTITY_QUOTE_REACH = 64


def _entity_quoted(data: bytes, at: int) -> bool:
    """Is the key at ``at`` quoted by HTML's entities in ``data``, its
    field written ``&quot;name&quot;:&quot;<key>`` (JSON in an HTML
    attribute)?"""
    lo = max(0, at - _ENTITY_QUOTE_REACH)
    return data.find(b'&quot;', lo, at) != -1 or data.find(b'&#34;', lo, at) != -1


# The walkers a scan's readings judge their own context with (``_secret_of``).
_READING_WALKERS = object()


# How far either side of a key its line is unescaped to judge the
# structure written escaped around it (``_unescaped_holds``).
_UNESCAPED_REACH = 4096
# The unescaped stretches of lines already made, by text and stretch.
_UNESCAPED = object()


def _unescaped_holds(
        data: bytes, start: int, secret: str, context: Context, rule: Rule,
        walkers: dict[object, object], reading: bool,
) -> bool:
    """Does ``context``, held in the original around the key at ``start``,
    hold too where the structure is read unescaped?  A reading (``data``
    itself, ``reading``) is asked where it writes a keyword plainly near
    the key; then the original (or the reading: JSON inside JSON inside
    JSON) where the key's line holds an escape, its
    stretch around the key unescaped (``codec.escapes_view``) when that
    writes a keyword plainly near the key."""
    if reading and _plain_keyword_near(data, start, rule) and not _context_holds(
            data, start, context, _reading_walkers(walkers)):
        return False
    line_lo, line_hi = _line_bounds(data, start)
    lo, hi = max(line_lo, start - _UNESCAPED_REACH), min(line_hi, start + len(secret) + _UNESCAPED_REACH)
    if data.find(b'\\', lo, start) == -1 and data.find(b'&', lo, start) == -1:
        return True
    made = walkers.get(_UNESCAPED)
    if not isinstance(made, dict):
        made = walkers[_UNESCAPED] = {}
    held = made.get((id(data), lo, hi))
    if held is None or held[0] is not data:
        from together_hooks.detect.codec import escapes_view

        held = made[id(data), lo, hi] = (data, escapes_view(data[lo:hi], False))
    view = held[1]
    if view is None:
        return True
    key = secret.encode()
    at = view.data.find(key)
    while at != -1 and lo + view.origin(at) != start:
        at = view.data.find(key, at + 1)
    if at == -1 or not _plain_keyword_near(view.data, at, rule):
        return True
    return _context_holds(view.data, at, context, _reading_walkers(walkers))


# The string literals read as documents of their own, by text and bounds:
# the keys each holds (``_embedded_vetoes``).
_EMBEDDED = object()
# The path a scan reports (``_hits``): what an embedded document is read as.
_PATH = 'path'


# A string literal, quotes and all: ``"`` or ``'`` opens one, a backslash
# escapes the next byte, the same quote closes it (or the line's end).
_LITERAL = rb'"(?P<d>(?:[^"\\]|\\[\x00-\xff])*)"?|\'(?P<s>(?:[^\'\\]|\\[\x00-\xff])*)\'?'


def _literal_around(data: bytes, lo: int, hi: int, at: int) -> tuple[int, int] | None:
    """The bounds of the string literal (inside its quotes) holding ``at``
    in ``data[lo:hi]``, a line read from its start (``_LITERAL``); None
    when ``at`` is in none."""
    from together_hooks.regex_cache import cached

    for m in cached(_LITERAL).finditer(data, lo, hi):
        inner = m.lastgroup or 'd'
        start, end = m.span(inner)
        if start > at:
            break
        if at < end:
            return start, end
    return None


def _named_outside(data: bytes, lo: int, hi: int, rule: Rule, window: int) -> bool:
    """Does ``data`` write one of ``rule``'s keywords within ``window`` of
    the literal ``data[lo:hi]``, outside it and outside any other literal
    holding escapes (another record's document: a JSON Lines file of
    them names Together in every line, none of them the structure
    around this one)?"""
    for k in rule.keywords:
        for start, stop in ((max(0, lo - window), lo), (hi, hi + window)):
            at = data.find(k, start, stop)
            while at != -1:
                line_lo, line_hi = _line_bounds(data, at)
                other = _literal_around(data, line_lo, line_hi, at)
                if other is None or data.find(b'\\', *other) == -1:
                    return True
                at = data.find(k, max(at + 1, other[1]), stop)
    return False


def _embedded_vetoes(data: bytes, at: int, secret: str, rule: Rule, walkers: dict[object, object]) -> bool:
    """Is the key at ``at`` in a string literal that is a document written
    escaped (``{"settings": "Rotate Together key\\n<hex>"}``, a YAML or
    TOML string, a Python repr, JSON in JSON) which, read unescaped as a
    document of its own, holds no such key?  Asked only where the
    literal holds an escape and writes one of ``rule``'s keywords near the
    key once unescaped, and nothing outside it does (the literal's own
    text is all the Together context the key has): the vetoes of a
    pattern of its own (a hash under a commit message, a ``machine``
    line, a ``checksums:`` heading) and of its structure then hold as in
    the plain file, whose first line the escaped one joins to the outer
    object's.  A rule whose keys name themselves (no ``window``: a
    ``tgp_v1_`` key) is judged by no context, so nothing here vetoes."""
    window = rule.window
    if window is None:
        return False
    line_lo, line_hi = _line_bounds(data, at)
    if data.find(b'\\', line_lo, line_hi) == -1:
        return False
    bounds = _literal_around(data, line_lo, line_hi, at)
    if bounds is None or data.find(b'\\', *bounds) == -1:
        return False
    lo, hi = bounds
    if _named_outside(data, lo, hi, rule, window):
        return False
    made = walkers.get(_EMBEDDED)
    if not isinstance(made, dict):
        made = walkers[_EMBEDDED] = {}
    held = made.get((id(data), lo, hi, rule))
    if held is None or held[0] is not data:
        from together_hooks.detect.codec import string_escapes_view

        view = string_escapes_view(data[lo:hi])
        held = made[id(data), lo, hi, rule] = (data, view, None)
    view = held[1]
    if view is None:
        return False
    text = view.data
    near = text.find(secret.encode())
    while near != -1 and lo + view.origin(near) != at:
        near = text.find(secret.encode(), near + 1)
    if near == -1 or not _plain_keyword_near(text, near, rule):
        return False
    keys = held[2]
    if keys is None:
        keys = frozenset(f.secret for f in scan_bytes(text, str(walkers.get(_PATH, '')), (rule,)))
        made[id(data), lo, hi, rule] = (data, view, keys)
    return secret not in keys


def _reading_walkers(walkers: dict[object, object]) -> dict[object, object]:
    """The walkers of a scan's readings, made at the first asked."""
    own = walkers.get(_READING_WALKERS)
    if not isinstance(own, dict):
        own = walkers[_READING_WALKERS] = {_PROSE: walkers.get(_PROSE, True)}
    return own


def _plain_keyword_near(data: bytes, at: int, rule: Rule) -> bool:
    """Does ``data`` write one of ``rule``'s keywords plainly within its
    window of ``at``?"""
    lo, hi = max(0, at - rule.window), at + rule.window
    return any(data.find(k, lo, hi) != -1 for k in rule.keywords)


def _value_below(data: bytes, m: re.Match[bytes]) -> bool:
    """Is a match's value on a line below its name, nothing after the
    name on the name's line giving it one (no ``:`` or ``=``)?  What a
    veto only for a line over a hash asks (``Pattern.veto_before``'s group
    ``below``)."""
    value = m.start('secret') if m.group('secret') is not None else m.start('encoded')
    between = data[m.start():value]
    end = between.find(b'\n')
    return end >= 0 and b':' not in between[:end] and b'=' not in between[:end]


# Keys of a scan's ``walkers`` that hold no walker: the export headers of
# the bytes scanned (``csvrow.Headers``), and the file's first line when
# they are a window past its start (``Budget.head``).
_CSV_HEADERS = 'csv headers'
_FILE_HEAD = 'file head'
# (and where the last item found of a list ``Pattern.before`` names ended)
_LIST_END = 'list end'
# (and whether the file is a document whose headings hold their sections:
# ``rules.is_prose``)
_PROSE = 'prose'
# (and the binary answers of the buffers last asked about: ``_binary``)
_BINARY = 'binary'
# (and the bytes scanned when they are a large file's window past its
# first: ``_is_binary``)
_PAST_START = 'past start'
_FILE_PROBE = 'file probe'  # a window's file's first bytes (``Budget.probe``)
# How far before a match ``Pattern.veto_before`` looks (on the match's line).
_VETO_REACH = 160
# How far before a match ``Pattern.before`` looks (a list of 32 keys, each
# on its line, and comments between them).
_BEFORE_REACH = 4096


def _around_holds(
        data: bytes, m: re.Match[bytes], pattern: Pattern, walkers: dict[object, object],
) -> bool:
    """``pattern.before`` found ending where ``m`` starts, tried only at
    the words of ``before_words`` in the bytes before it (lower-casing
    4 KB and finding a word costs a few microseconds, the regex searched
    at each position a hundred), and ``pattern.csv_column`` holding (the
    export headers of ``data`` found once per scan, kept in ``walkers``,
    with the file's first line there for a window: ``_FILE_HEAD``)."""
    before = pattern.before
    if before is not None:
        lo, end = max(0, m.start() - (pattern.before_reach or _BEFORE_REACH)), m.start()
        # The item right after an item of the same list found before it
        # is in the list too, however far its name is (every key of a
        # list of hundreds); the match ends where its key does.
        from together_hooks.regex_cache import cached

        chain = (_LIST_END, before)
        last = walkers.get(chain)
        # (from the key itself: a YAML item's match starts at its dash)
        item = m.start('secret') if 'secret' in m.re.groupindex and m.start('secret') != -1 else end
        chained = (
            isinstance(last, tuple) and 0 <= item - last[0] <= LIST_GAP_REACH
            and cached(LIST_GAP).fullmatch(data, last[0], item) is not None
        )
        if not chained:
            window = data[lo:end].lower()
            for word in pattern.before_words:
                at = window.rfind(word)
                while at != -1 and before.match(data, lo + at, end) is None:
                    at = window.rfind(word, 0, at)
                if at != -1:
                    break
            else:
                return False
        # (and whether the list's structure was found Together's, which an
        # item chained to it is too: ``_secret_of``)
        walkers[chain] = (m.end(), last[1] if chained else None)  # type: ignore[index]
    csv_column = pattern.csv_column
    if csv_column is not None:
        from together_hooks.detect.csvrow import credential_column

        names = csv_column[1]
        headers = _csv_headers(data, csv_column, walkers)
        if not credential_column(data, m.start('secret'), m.end('secret'), headers, names):
            return False
    return True


# A run of hex a legacy key may be (a table's cell holding one: the
# only lines of a table ``_candidates`` reads for its rows naming nothing).
_HEX_RUN = rb'[0-9a-fA-F]{64}'


def _run_lines(data: bytes, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines in ``spans`` holding a run of hex (``_HEX_RUN``): found by
    one search of each span (a regex with a class ahead of it skips a
    table's other rows many times faster than a row pattern's
    lookbehinds), each line up to a row's length (``csvrow.ROW``)."""
    from together_hooks.detect.csvrow import ROW
    from together_hooks.regex_cache import cached

    lines: list[tuple[int, int]] = []
    for lo, hi in spans:
        for m in cached(_HEX_RUN).finditer(data, lo, hi):
            if lines and m.start() < lines[-1][1]:
                continue
            start = data.rfind(b'\n', max(0, m.start() - ROW), m.start()) + 1 or max(0, m.start() - ROW)
            end = data.find(b'\n', m.end(), m.end() + ROW)
            lines.append((start, min(len(data), m.end() + ROW) if end == -1 else end))
    return lines


def _head_tables(rules: tuple[Rule, ...], head: bytes, path: str) -> tuple[Rule, ...]:
    """The rules with a table pattern (``Pattern.csv_column``) whose header
    is among a file's first lines (``head``) naming a column for
    Together's key: a window of the file past them holds its rows."""
    if not head:
        return ()
    from together_hooks.detect.csvrow import Headers

    return tuple(
        rule for rule in rules
        if rule_applies(rule, path) and any(
            p.csv_column is not None and Headers(b'', head, *p.csv_column[:1], *p.csv_column[2:]).head_together()
            for p in rule.patterns
        )
    )


# A Together key's column name (``rules.HTML_NAME_CELL``) from the
# keyword on (``ogether``: its first letter before the keyword), as a
# table's header cell ends: a cell's delimiter, a quote closing one that
# is no JSON key, a tag, a column list's bracket or the line's end; not a
# name given a value (``TOGETHER_API_KEY=<hex>``, ``together_api_key:``),
# where indexing the headers would cost a blocked commit the ``csv`` and
# ``re`` modules' imports.
_KEY_COLUMN_NAME = (
    rb'(?i:ogether(?:[ _-]?ai)?(?:[ _-]?api)?[ _-]?(?:key|token))'
    rb'(?:["\'`](?![ \t]*:))?[ \t]*(?:[,;\t|<)\r\n]|\Z)'
)


def _names_key_column(data: bytes, rule: Rule, where: Where) -> bool:
    """Does a keyword of ``rule`` in ``data`` start a Together key's name
    (``together_api_key``, ``Together API Key``): only then may a table's
    header name a column for it (``csvrow.Headers.together_tables``), so a
    file that names Together otherwise, or holds no run of 64 lower-case
    hex digits a cell may hold, is not indexed for its headers."""
    from together_hooks.regex_cache import cached

    from together_hooks.detect.codec import holds_legacy_run

    name = cached(_KEY_COLUMN_NAME)
    return any(
        name.match(data, at) is not None for keyword in rule.keywords for at in where.offsets(keyword)
    ) and holds_legacy_run(data)


def _csv_headers(data: bytes, csv_column: tuple[re.Pattern[str], ...], walkers: dict[object, object]) -> Headers:
    """The table headers of ``data`` for ``csv_column``'s regexes, found
    once per scan and kept in ``walkers`` (with the file's first line
    there for a window: ``_FILE_HEAD``)."""
    from together_hooks.detect.csvrow import Headers

    header, _names, user, title, veto, owner = csv_column
    # (one index for the patterns sharing these regexes: a CSV's and a
    # TSV's or ``|`` table's)
    key = (_CSV_HEADERS, header, user, title, veto, owner, id(data))
    headers = walkers.get(key)
    if not isinstance(headers, Headers) or headers.data is not data:
        head = walkers.get(_FILE_HEAD, b'')
        headers = walkers[key] = Headers(data, head, header, user, title, veto, owner)  # type: ignore[arg-type]
    return headers


def _holds(where: Where, keyword: bytes, lo: int, hi: int) -> bool:
    """``data.find(keyword, lo, hi) != -1``, from ``where``: the first
    occurrence from ``lo`` on ends by ``hi`` (a later one ends later)."""
    at = where.next_at(keyword, lo)
    return at != -1 and at + len(keyword) <= hi


def _candidates(
        data: bytes, rules: tuple[Rule, ...], walkers: dict[object, object],
        where: Where, original: tuple[bytes, Callable[[int], int]] | None = None,
) -> list[tuple[int, str, Rule]]:
    """(offset, secret, rule) for every shape-valid key in ``data``;
    ``where``: where ``data`` holds each keyword; ``original``: the bytes
    ``data`` is a reading of, and the map there; ``walkers``: the context
    walkers of this scan of the original (shared by its readings, whose
    context is the original's: its structure is indexed once)."""
    found = []
    for rule in rules:
        spans = _spans(data, rule, where, walkers.get(_PROSE, True))  # type: ignore[arg-type]
        rows: list[tuple[int, int]] | None = None
        named: bool | None = None  # (a keyword of ``rule`` starting a key column's name: ``_names_key_column``)
        had: set[tuple[int, str]] = set()
        for pattern in rule.patterns:
            keyword = pattern.keyword
            pattern_spans = spans
            if pattern.csv_column is not None:
                # A table's row needs no anchor: its header, however far
                # above, says which column is a credential (``csvrow``).
                if rows is None:
                    rows = _merged(spans + _keyword_lines(data, rule, where))
                # (and every row of a table whose header names a column
                # for Together's key, however far below it: its rows name
                # nothing, ``csvrow.Headers.together_tables``)
                if named is None:
                    named = bool(walkers.get(_FILE_HEAD)) or _names_key_column(data, rule, where)
                tables = _csv_headers(data, pattern.csv_column, walkers).together_tables() if named else []
                pattern_spans = _merged(rows + _run_lines(data, tables)) if tables else rows
            for lo, hi in pattern_spans:
                if keyword is not None and not _holds(where, keyword, lo, hi):
                    continue
                for m in pattern.regex.finditer(data, lo, hi):
                    if m.end() == hi < len(data):
                        # Cut mid-line: let a trailing lookahead see the
                        # real next byte.
                        m = pattern.regex.match(data, m.start())
                        if m is None:
                            continue
                    matches = [m]
                    if 'skip' in m.re.groupindex and m.start('skip') != -1 and (
                            m.group().startswith(KEY_PREFIX)
                    ):
                        if _binary(original[0] if original else data, walkers):
                            matches = _glued(data, m.start(), m.end())
                        elif _prompt_after(data, m.start() + KEY_LENGTH, walkers):
                            matches = _glued(data, m.start(), m.start() + KEY_LENGTH)
                    for m in matches:
                        hit = _secret_of(data, m, pattern, rule, walkers, original, had)
                        if hit is not None:
                            had.add(hit)
                            found.append((*hit, rule))
    return found


_GLUED_KEY = b'(?P<secret>' + KEY_PREFIX + b'[' + KEY_CHARS + b']{%d})' % (KEY_LENGTH - len(KEY_PREFIX))


# A shell prompt, ``user@host:dir$ `` (bash's default) or ``user@host dir %``
# (zsh's), as a terminal capture shows it after output that ended with no
# newline: ``cat ~/.config/together/api_key`` prints the key, the next
# prompt follows it on the same line.
_PROMPT = rb'[A-Za-z0-9_.-]{1,32}@[A-Za-z0-9_.-]{1,64}(?::[^\s]{0,256}[$#]| [^\s]{1,256} [%#$]) '


def _prompt_after(data: bytes, end: int, walkers: dict[object, object]) -> bool:
    """Whether a shell prompt stands at ``end`` glued to the key before
    it, the same prompt also starting a line of ``data`` (the capture's
    own prompt: an address or any other text after a key is no boundary)."""
    from together_hooks.regex_cache import cached

    m = cached(_PROMPT).match(data, end)
    return m is not None and m.group() in _line_prompts(data, walkers)


# ``walkers``' key for the prompts starting a buffer's lines (``_line_prompts``).
_PROMPTS = object()


def _line_prompts(data: bytes, walkers: dict[object, object]) -> frozenset[bytes]:
    """The prompts (``_PROMPT``) starting a line of ``data``, read once per
    buffer of a scan (``walkers`` keeps the last buffer's): a search of the
    whole buffer for each glued run made a file of them quadratic (2.7 MB
    of keys each glued to text ending in a prompt: 14 CPU-s).  A prompt
    ends at its first blank, so the one a line starts with is the one
    ``_PROMPT`` matches there."""
    held = walkers.get(_PROMPTS)
    if isinstance(held, tuple) and held[0] is data:
        return held[1]
    from together_hooks.regex_cache import cached

    prompts = frozenset(m.group() for m in cached(_LINE_PROMPT).finditer(data))
    walkers[_PROMPTS] = (data, prompts)
    return prompts


_LINE_PROMPT = rb'(?m)^' + _PROMPT


def _glued(data: bytes, start: int, end: int) -> list[re.Match[bytes]]:
    """In a binary file, the keys in a run of key characters longer than
    a key (``start``, ``end``; it starts with the prefix): from each
    prefix, its first ``KEY_LENGTH`` characters, the next looked for after
    them (a prefix in every 7 bytes gives one candidate in 50)."""
    from together_hooks.regex_cache import cached

    out = []
    key = cached(_GLUED_KEY)
    while start != -1 and start + KEY_LENGTH <= end:
        m = key.match(data, start)
        if m is None:  # cannot happen: the run is all key characters
            break
        out.append(m)
        start = data.find(KEY_PREFIX, start + KEY_LENGTH, end)
    return out


def _decode_b64(token: bytes) -> bytes | None:
    from together_hooks.detect.codec import b64_decode
    from together_hooks.regex_cache import cached

    raw = b64_decode(token)
    return raw if raw is not None and cached(_PRINTABLE).match(raw) else None


def _normalise(data: bytes) -> bytes:
    # UTF-16/UTF-32 text (Windows editors, PowerShell redirects) hides
    # ASCII keys behind NUL bytes; decode it so the same rules apply.
    if not may_be_wide(data):
        return data
    from together_hooks.detect.widetext import decode_wide

    wide = decode_wide(data)
    return data if wide is None else wide


def scan_bytes(
        data: bytes, path: str, rules: tuple[Rule, ...] = RULES,
        wide: bool = True, budget: Budget | None = None,
) -> list[Finding]:
    """Every Together key in ``data``; ``path`` is only used for reporting.

    ``wide=False``: ``data`` is taken as it is, never decoded as UTF-16/32
    (a window of a large file whose head is not wide text: a whole read
    would not decode it either).  ``budget``: the decompression budget of
    the file ``data`` is (part of), shared by every scan of it (its
    windows, its members); a new one when not given."""
    if budget is None:
        budget = Budget(path)
    text = _normalise(data) if wide else data
    findings = _scan(text, path, rules, budget)
    if text is not data:
        # A UTF-16 file with plain ASCII appended (cmd's ``echo ... >>``)
        # decodes cleanly, but the appended key only survives in the raw bytes.
        # A key the decoded text holds was judged there (a pragma beside
        # it is read there only): the raw bytes' wide strings are the
        # same text again.
        from together_hooks.detect.widetext import layout
        from together_hooks.detect.windows import raw_past_text

        raw = _scan(data, path, rules, budget)
        guess = layout(data)  # (not None: it decoded)
        seen = {f.secret for f in findings}
        findings += [f for f in (raw if guess is None else raw_past_text(data, raw, guess, guess[0]))
                     if f.secret not in seen]
    if not findings:
        findings = _named_file(text, path, rules)
    if _a_name(text, path):
        reading = _name_reading(text, path)
        # The same bytes again (a shown line or a report whose keys show
        # only redacted, ``tgp_v1_Ab…yz``, with nothing to part): their
        # scan above found all it could.
        if reading != text:
            seen = {f.secret for f in findings}
            findings += [f for f in _scan(reading, path, rules, budget) if f.secret not in seen]
    return findings


# A name is a path of words (a tree's path names, a ref name, an author's
# address, a symlink's target: a small blob of one word, and a line the
# output scrub reads: an error's path, a report's): any of its
# separators may part a key's name from its value, as ``=`` does in a file
# (``refs/heads/together-api-key-<hex>``, ``TOGETHER_API_KEY/<hex>``,
# ``together_api_key_<hex>.txt``).  Its reading has ``=`` for the separator
# right before each run of 64 hex digits, byte for byte, so a finding's
# line and column are the name's own.
_NAMES = frozenset((PATH_NAME, REF_NAME, COMMIT_HEADER, SHOWN_LINE))
# In a name proper (not a blob of one word, which may be a file's text) a
# current key is parted from the words around it the same way: a ``-`` or
# ``_`` right before its ``tgp_v1_`` (``refs/heads/fix-tgp_v1_...``) and
# right after its 43 characters (``tgp_v1_..._backup.txt``), which in a
# file's text make it part of a longer run, no key.
_NAME_VALUE = rb'[-_./](?=[0-9a-f]{64}(?![0-9a-f]))'
_NAME_KEY_VALUE = (
    _NAME_VALUE
    + rb'|[-_](?=tgp_v1_)|(?<=tgp_v1_[A-Za-z0-9_-]{43})[-_]'
)
# A symlink's target is at most a path's length (PATH_MAX).
_ONE_WORD = 4096


def _a_name(text: bytes, path: str) -> bool:
    if len(text) < 51:  # a current key and one separator
        return False
    if _name_proper(path):
        if b'tgp_v1_' in text:
            return True
    elif (len(text) > _ONE_WORD or text.find(b'\n', 0, len(text) - 2) != -1
            or b' ' in text or b'\t' in text):
        return False  # most files: their length or a line break early on
    # Else only a run of 64 hex digits can be parted from a name: without
    # one the reading is the text itself, and the pattern's pass over
    # every byte is saved (a tree's path names: 3,441 names, 200 KB, hold
    # thousands of hex digits and no run; 5.7 ms of the bench tree's scan,
    # docs/performance.md, "Issue 17, session 38 (perfT38)").
    if len(text) < 65:
        return False
    table, run = _run_test(_NAME_RUN)  # type: ignore[misc]
    return run in text.translate(table)


# What ``_NAME_VALUE`` parts: a run of 64 lower-case hex digits.
_NAME_RUN = (b'0-9a-f', 64)


def _name_proper(path: str) -> bool:
    return path in _NAMES or path.endswith('!' + PATH_NAME)


def _name_reading(text: bytes, path: str) -> bytes:
    from together_hooks.regex_cache import cached

    return cached(_NAME_KEY_VALUE if _name_proper(path) else _NAME_VALUE).sub(b'=', text)


# A file named for a Together key that holds nothing but a legacy key: a
# docker-compose or Kubernetes secret file (``secrets/together_api_key.txt``,
# ``/run/secrets/TOGETHER_API_KEY``, ``~/.config/together/api_key``), or a
# symlink so named whose target is the key.  The file's name is its
# context, as a variable's name is; the whole content must be the key.
# Whatever follows the name does not change it: any chain of extensions
# (``.env``, ``.pem``, ``.bak``, ``.txt.old``) and an editor's marks (a
# backup's ``~``, Emacs' ``#name#`` and ``.#name``, Vim's ``.name.swp``)
# are peeled one by one, save an extension saying the file holds a digest
# or a public half (``together_api_key.sha256``, ``togetherkey.pub``).
_NOT_KEY_EXT = r'(?i)sha\d*(?:sum)?|md5(?:sum)?|b2sum|sum|hash|digest|checksum|fingerprint|fp|sig|asc|pub|id|lock'
# (an extension naming the key itself: ``together.key`` names
# ``together_key``)
_KEY_EXT = frozenset(('key', 'secret', 'token'))
# A byte order mark first: a file saved by Windows' Notepad.
_BARE_HEX = rb'\A(?:\xef\xbb\xbf)?[ \t\r\n]*(?:(["\']?)([0-9a-f]{64})\1)[ \t\r\n]*\Z'


def named_for_key(path: str) -> bool:
    """Does ``path``'s name (or its folder and name) name a Together key?"""
    from together_hooks.regex_cache import cached
    from together_hooks.rules import LEGACY_FILE_NAME

    if path in NOT_FILES:
        return False
    parts = path.replace('\\', '/').rsplit('/', 2)
    own = parts[-1].rstrip('~')
    if len(own) > 2 and own[0] == own[-1] == '#':  # Emacs' auto-save
        own = own[1:-1]
    own = own.lstrip('.#')  # a dotfile (~/.together_api_key), a lock or swap file
    folder = parts[-2:-1]
    digest = cached(_NOT_KEY_EXT).fullmatch
    names = set()
    while own:
        names.update((own, '/'.join([*folder, own])))
        head, dot, ext = own.rpartition('.')
        if not dot or digest(ext):
            break
        if ext.lower() in _KEY_EXT:
            names.add(f'{head}_key')
        own = head
    name = cached(LEGACY_FILE_NAME).fullmatch
    return any(name(n.encode('utf-8', 'surrogateescape')) for n in names)


def _named_file(data: bytes, path: str, rules: tuple[Rule, ...]) -> list[Finding]:
    if path in NOT_FILES or not bare_hex(data):  # no re for most small files (a clean commit loads none)
        return []
    from together_hooks.regex_cache import cached

    bare = cached(_BARE_HEX).match(data)
    if bare is None:
        return []
    rule = next((r for r in rules if r.id == 'together-legacy-api-key'), None)
    if rule is None or not rule_applies(rule, path):
        return []
    if not named_for_key(path):
        return []
    from together_hooks.detect.shapes import is_placeholder

    secret = bare.group(2).decode()
    if is_placeholder(secret, rule):
        return []
    start = bare.start(2)
    line = data.count(b'\n', 0, start) + 1
    return [Finding(path, line, start - (data.rfind(b'\n', 0, start) + 1) + 1, rule.id, secret)]


def _hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget,
        depth: int = 0, open_end: bool | None = None,
) -> list[tuple[int, str, Rule, str]]:
    """(offset, secret, rule, encoding) of every key in ``data`` and in its
    other readings (``codec``): escapes undone, literals joined, base64
    decoded, a base64 value of a container decompressed (``budget``: the
    file's; ``open_end``: ``data`` may be cut at its end, no window before
    it; ``budget``'s word on both when not given: ``_window_edge``);
    offsets are always into ``data``."""
    # How ``data`` stands as a window: the budget's word unless told.
    edge = budget.edge() if open_end is None else (open_end, 0, [], {}, {}, b'')
    # Where each keyword and base64 form is, in one pass (the same passes
    # as the bare screen's): every keyword test below reads it instead of
    # searching the bytes again.
    screen = keyword_screen(rules)
    where = screen.where(data)
    # A wrapped base64 block at the file's head: read whatever forms the
    # screen found (a form cut by a line break is not one of them).
    # (Or an ASCII85 or Z85 block: read as its kind, ``_a85_hits``.)
    wrapped, wrapped_kind = wrapped_block(data) if depth < B64_DEPTH else (-1, '')
    # A hex dump (``xxd``, ``hexdump -C``, ``od``, ``xxd -p``) holds no form
    # the screen searches for: read whole when the file starts as one, and
    # each window after a dump's first (``lead``) as the dump continued:
    # the file's head (``Budget.head``) says what it is.
    dumped = depth < 2 and dump_head(data) or depth == 0 and edge[1] > 0 and dump_head(edge[5])
    # A SQLite database's values may be cut by its pages (an overflow
    # chain): its rows are read even where no keyword is whole in the bytes.
    tables = depth == 0 and data.startswith(SQLITE_MAGIC)
    # An Office document's XML part: its runs may cut every keyword
    # (``tg`` | ``p_v1_``), read for its text whatever the screen found.
    ooxml = depth == 0 and ooxml_part(data)
    # A binary (a NUL in its head) holding a keyword in UTF-16 or UTF-32,
    # a file or bytes decoded from one (a hex dump, a byte literal): its
    # wide strings are read as text (``_wide_hits``).
    wide = may_be_wide(data) and _holds_wide(data, rules)
    # A window past a table's header naming a column for Together's key
    # (the file's head, ``Budget.head``): its rows name nothing, so the
    # rules of that column are read whatever the screen found.
    headed = _head_tables(rules, edge[5], path) if depth == 0 and edge[1] > 0 else ()
    if not where and wrapped == -1 and not dumped and not tables and not ooxml and not wide:  # most files: no keyword, no base64 form, no escape mark
        # but a window may be left a binary patch hunk whose marker is before it
        # (and a table's rows under the file's head: read below)
        if not headed:
            return _git_binary_hits(data, path, rules, where, budget, edge) if _hunks_handed(edge) else []
    # A keyword written with some of its characters escaped (``tgp%5Fv1%5F``,
    # ``\u0074gp_v1_``, every character ``&#NN;``): found by its readings.
    marks = _escape_marks(data, rules, where)
    spans = None
    qp = None  # does the file say it is quoted-printable: asked once, if at all
    if marks:
        from together_hooks.detect.codec import QpMark
        from together_hooks.detect.codec import escaped_keyword_spans

        qp = QpMark(data)
        found, spans = escaped_keyword_spans(
            data, marks, tuple(k for rule in rules for k in rule.keywords), _READING, qp,
        )
    active = tuple(
        rule for rule in rules
        if (any(k in where or (spans and k in found) for k in rule.keywords) or rule in headed)
        and rule_applies(rule, path)
    )
    walkers: dict[object, object] = {
        _PATH: path, _FILE_HEAD: edge[5] if edge[1] else b'', _PROSE: is_prose(path), _PAST_START: data if edge[1] else None,
        _FILE_PROBE: budget.probe if edge[1] else b'',
    }
    searched = _file_valued(data, active, screen) if active else ()
    hits = [
        (offset, secret, rule, 'raw' if data.startswith(secret.encode(), offset) else 'base64')
        for offset, secret, rule in (_candidates(data, searched, walkers, where) if searched else ())
    ]
    # A large file's marks by one pass where hyperscan reads (None: each by ``in``).
    marks_of = _marks_test(screen) if len(data) >= _MARKS_MIN and (active or depth == 0 and where) else None
    marks = None if marks_of is None else marks_of(data)
    if active and (spans or _may_escape(data)):
        from together_hooks.detect.codec import readings

        near = _keyword_spans(active, where, len(data))
        # A reading is read for the active rules and for those whose
        # keywords it holds once read (a key's bytes each its own escaped
        # literal, under a Together name: ``"\x74", "\x67", …``).
        others = tuple(rule for rule in rules if rule not in active and rule_applies(rule, path))

        def read_for(text: bytes) -> tuple[Rule, ...]:
            return active + tuple(r for r in others if any(k in text for k in r.keywords))
        # (the joined reading built only where its bytes hold a value run:
        # none to ask while a rule without one is active)
        wanted = None if any(rule.value_run is None for rule in active) else (
            lambda view: bool(_valued(view, read_for(view)))
        )
        soft = None if marks is None else bool(marks & MARK_SOFT)
        for lo, view in readings(data, _merged(near + spans) if spans else near, qp, wanted, soft):
            # A reading that holds no value of a rule cannot hold its key:
            # its keywords are not searched nor its windows opened
            # (``_valued``: most readings of a file saying "together").
            valued = _valued(view.data, read_for(view.data))
            if not valued:
                continue

            def origin(offset: int, lo: int = lo, view: View = view) -> int:
                return lo + view.origin(offset)
            hits += [
                (origin(offset), secret, rule, view.encoding)
                for offset, secret, rule in _candidates(
                    view.data, valued, walkers, screen.where(view.data), (data, origin),
                )
            ]
    if active:
        hits += _hex_hits(data, path, rules, active, walkers, where)
    if not dumped and depth < 2 and (active or where.any_of(PASTED_DUMP_MARKS)):
        hits += _pasted_dump_hits(data, path, rules, active, where, budget, depth, hits)
    if depth == 0 and where.any_of(_b64_keywords(rules)):
        hits += _qp_body_hits(data, path, rules, budget)
    if depth < B64_DEPTH:
        hits += _b64_hits(data, path, rules, depth, where, budget, wrapped if wrapped_kind == 'base64' else -1)
        if wrapped_kind in ('ascii85', 'z85', 'base85'):
            hits += _a85_hits(data, path, rules, depth, budget, wrapped, wrapped_kind, edge)
        hits += _radix_hits(data, path, rules, depth, where, budget, edge)
    elif depth == B64_DEPTH:
        _b64_past_depth(data, path, rules, where)
    if dumped:
        hits += _dump_hits(data, path, rules, depth, budget, edge)
    if tables:
        hits += _sqlite_hits(data, path, rules, budget, edge)
    if ooxml:
        hits += _ooxml_hits(data, path, rules, budget)
    # An HTML page or an RTF document holding a keyword: also read as the
    # text a reader sees (a key cut by ``<wbr>``, ``&shy;`` or an RTF
    # writer's line break, a name and its value in Pygments' spans or in
    # two RTF groups); one holding none is not read again.
    if depth == 0 and where:
        if html_page(data, path):
            hits += _markup_hits(data, path, rules, budget, 'html')
        elif data.startswith(RTF_MAGIC):
            hits += _markup_hits(data, path, rules, budget, 'rtf')
        # An HTTP/1.1 message with a chunked body: its chunks joined
        # (``codec.chunked_view``), a key a size line cut read whole.
        if CHUNKED in data if marks is None else marks & MARK_CHUNKED:
            from together_hooks.detect.codec import chunked_view

            hits += _view_hits(chunked_view(data), path, rules, budget)
        # A mail header's RFC 2047 encoded-words, B or Q: each run decoded
        # and joined (``codec.words_view``), a key its words cut read
        # whole, beside its name (a B word's text is no other reading's).
        # (Asked only around what the screen found, ``_READING`` bytes
        # either side: searched file-wide, the words' regex cost 0.5 ns/B,
        # +4% of mypy's history, whose 4,172 blobs passing the screen hold
        # 601 MB.)
        if b'?' in data:
            from together_hooks.detect.codec import words_view

            hits += _view_hits(words_view(data, _found_spans(rules, where, len(data))), path, rules, budget)
        # An asciinema recording: its output events joined
        # (``codec.cast_view``), a key two pty reads cut read whole.
        if data.startswith(CAST_HEAD):
            from together_hooks.detect.codec import cast_view

            hits += _view_hits(cast_view(data), path, rules, budget)
        # A traceback with its locals: each code line passing a local by
        # keyword read with the local's value in its place
        # (``codec.locals_view``), a key under the call that names it.
        if (marks is None or marks & MARK_TRACEBACK) and any(mark in data for mark in TRACEBACK_MARKS):
            from together_hooks.detect.codec import locals_view

            hits += _view_hits(locals_view(data), path, rules, budget)
        # A Jupyter notebook: its code cells read as an IPython session
        # (``codec.notebook_view``), a value printed apart from the
        # source that names it read under that source.
        if data[:1] == b'{' and NOTEBOOK_HEAD in data[:64]:
            from together_hooks.detect.codec import notebook_view

            hits += _view_hits(notebook_view(data), path, rules, budget)
    if depth < 2 and _marshalled(data):
        hits += _marshal_hits(data, path, rules, budget)
    # A binary pickle or ``shelve``'s data file: read as the objects it
    # holds (``pickles.pickle_view``), a dict's value beside its siblings.
    if depth < 2 and data[:2] in PICKLE_STARTS:
        from together_hooks.detect.pickles import pickle_view

        hits += _view_hits(pickle_view(data), path, rules, budget)
    if wide:
        hits += _wide_hits(data, path, rules, depth, budget)
    if depth < 2:
        head = wrapped if wrapped_kind == 'base64' else -1
        if head != -1 or where.any_of(B64_MAGIC):
            hits += _packed_hits(data, path, rules, depth, where, budget, edge, head)
        if where.any_of(UU_BEGIN):
            hits += _uu_hits(data, path, rules, depth, where, budget, edge)
        if where.any_of(DEC_PREFIX):
            hits += _dec_prefix_hits(data, path, rules, depth, where, budget)
        if _hex_prefix_test(screen)(data):
            hits += _hex_prefix_hits(data, path, rules, depth, where, budget)
        if where.any_of(HEX_NAME_UPPER):
            from together_hooks.detect.codec import hex_view

            hits += _prefix_view_hits(data, path, rules, depth, where, budget, HEX_NAME_UPPER, hex_view, 'hex')
        if GIT_BINARY in where or _hunks_handed(edge):
            hits += _git_binary_hits(data, path, rules, where, budget, edge)
        if where.any_of(BYTES_MARKS):
            hits += _byte_literal_hits(data, path, rules, where, budget)
        if where.any_of(HEX_PACKED_MARKS):
            hits += _hex_packed_hits(data, path, rules, where, budget, edge)
        if where.any_of(JWS_DEFLATE_MARKS):
            hits += _jws_deflate_hits(data, path, rules, where, budget)
    return hits


def _hunks_handed(edge: Edge) -> bool:
    """Whether the window before left binary patch hunks to this one."""
    return any(how is not None for how in edge[3].values())


# The header line of a binary file's change in a patch (``codec.git_binary_hunks``).
GIT_BINARY = b'GIT binary patch'
# A chunked HTTP/1.1 body's header value (``codec.chunked_view``): one
# search of a file holding a keyword, the header parsed only where found.
CHUNKED = b'chunked'
# Where a traceback with its locals may be (``codec.locals_view``):
# Python's head line, pytest's failing-line marker.
TRACEBACK_MARKS = (b'Traceback (most recent call last)', b'\n>       ')
# What the marks' one pass asks for them (``MARK_TRACEBACK``): the head
# line, and of pytest's marker its first two bytes; a file holding either
# is then searched for the marks themselves.  Hyperscan's literal matcher
# keys a needle on its last bytes, and the marker's blanks are in every
# indented line: with the whole marker the pass cost 8x (as much as the two
# ``in`` searches it replaced), with ``\n>`` nothing more (docs/performance.md,
# "Issue 17, session 35 (perf35)").
TRACEBACK_HINTS = (TRACEBACK_MARKS[0], b'\n>')
# An asciinema recording's first bytes (``codec.cast_view``): its header.
CAST_HEAD = b'{"version":'
# A Jupyter notebook's first bytes (``codec.notebook_view``): nbformat
# writes its keys sorted, ``"cells"`` first.
NOTEBOOK_HEAD = b'"cells"'
# A uuencoded file's first line (``uuencode``, Python's ``uu``, a mail's
# attachment): ``begin <mode> <name>``, modes 4xx, 6xx and 7xx, and
# written with four digits (``begin 0644``, as ``codec.uu_view`` reads
# it).  Each holds ``g``, an anchor the keyword screen searches already:
# no pass more (docs/performance.md, "Hex text").
UU_BEGIN = (b'begin 4', b'begin 6', b'begin 7', b'begin 0')
# A key's prefix as a list of decimal bytes (Python's ``list(key.encode())``,
# ``String.fromCharCode(116,103,…)``, ``bytes([…])``), with no Together
# name near it for ``_hex_hits`` to start from: ``t``, ``g``, ``p``.
# Each holds ``0``, an anchor the keyword screen searches already (the
# every-character escape marks'): no pass more.
# Also a number a line, as formatters write a long list (black,
# ``json.dumps(…, indent=2)``, ``JSON.stringify(…, null, 4)``, clang-format
# with tabs), at the indents they use, LF or CRLF: all in ``0``'s group.
DEC_PREFIX = (
    b'116, 103, 112', b'116,103,112',
    # Without commas: Go's ``%v`` of a ``[]byte`` (``[116 103 112 …]``),
    # ``od -An -tu1``, a tab-separated row.
    b'116 103 112', b'116\t103\t112',
    *(
        b'116,%s%s103,%s%s112' % (nl, indent, nl, indent)
        for nl in (b'\n', b'\r\n')
        for indent in (b'', b'  ', b'    ', b'      ', b'        ', b'\t', b'\t\t')
    ),
)


def _reg_cut(form: bytes) -> tuple[bytes, ...]:
    """``form`` (hex bytes apart by commas) as a ``.reg`` file may write
    it: whole, or cut after any of its commas by the export's line
    continuation (``,\\``, a CRLF or LF, two blanks; lines of 80)."""
    cuts = [i for i in range(len(form)) if form[i:i + 1] == b',']
    return (form, *(
        form[:i + 1] + b'\\' + nl + b'  ' + form[i + 1:] for i in cuts for nl in (b'\r\n', b'\n')
    ))


# A key's prefix as hex bytes with no Together name near (a C, C# or Go
# ``{0x74, 0x67, 0x70, …}``, ``xxd -i``, a ``.reg`` file's ``hex:``
# value): read by ``codec.hex_view``, in bytes the keyword screen passes
# (by ``HEX_MARKS``, or a Together name or a key's prefix anywhere in the
# file; searched there by ``find``).  Not screen needles: their
# starts (``0x``, ``0X``, ``74``) are groups of their own in the plain
# route, 2 passes more over every clean file the hook reads (29 -> 31,
# ``screen_plain_work_test.py``).  Also the prefix cut by ``xxd -i``'s
# line end (12 bytes a line, two blanks' indent).
HEX_PREFIX = (
    b'0x74, 0x67, 0x70', b'0x74,0x67,0x70', b'0X74, 0X67, 0X70', b'74,67,70',
    b'0x74,\n  0x67, 0x70', b'0x74, 0x67,\n  0x70', b'7467705f76315f',
    # A ``.reg`` file's UTF-16LE value (``hex(2):``, ``hex(7):``, a
    # ``REG_MULTI_SZ`` environment block): its name in the hex too.
    *_reg_cut(b'74,00,67,00,70,00'),
)
# What most forms of ``HEX_PREFIX`` hold: one search of it tells most
# files (a byte loop as each form's is) before six; a form without it
# (hex text, ``7467…``) is searched on its own.
HEX_PREFIX_CORE = b'74,'
_HEX_PREFIX_CORED = tuple(form for form in HEX_PREFIX if HEX_PREFIX_CORE in form)
_HEX_PREFIX_BARE = tuple(form for form in HEX_PREFIX if HEX_PREFIX_CORE not in form)


def _holds_hex_prefix(data: bytes) -> bool:
    """Whether ``data`` holds a form of ``HEX_PREFIX``."""
    return any(data.find(form) != -1 for form in _HEX_PREFIX_BARE) or (
        data.find(HEX_PREFIX_CORE) != -1 and any(data.find(form) != -1 for form in _HEX_PREFIX_CORED))


# ``_holds_hex_prefix`` as hyperscan's first-match test over every form at
# once, made where the keyword screen took hyperscan's one pass (a run
# large enough to pay for it, the ``fast`` extra): the finds are byte loops
# over every byte of each file that passes the screen (in a history, every
# version of each file saying "together"), the pass one vectorised read.
_HEX_PREFIX_PASS: list[Callable[[bytes], bool]] = []


def _hex_prefix_test(screen: Keywords) -> Callable[[bytes], bool]:
    """``_holds_hex_prefix``, or the same answer by one hyperscan pass
    once ``screen`` reads by one (``Keywords.one_pass``); made at most once
    a process (``prepare``: before a scan forks)."""
    if not screen.one_pass:
        return _holds_hex_prefix
    if not _HEX_PREFIX_PASS:
        routes = hyperscan_routes(HEX_PREFIX)
        _HEX_PREFIX_PASS.append(_holds_hex_prefix if routes is None else routes[1])
    return _HEX_PREFIX_PASS[0]


# Screen needles for ``HEX_PREFIX``'s forms that cost the screen no pass
# more: each starts with ``67`` (the plain route's ``67`` group, hex
# text's ``6770…``, searched already) or holds ``X`` (a letter route of
# its own already), so a file of a key's hex bytes with no Together name
# at all is passed to ``find`` (``HEX_PREFIX``); the plain routes and
# anchor groups stay as they were (``hex_bytes_nameless_test.py``).
HEX_MARKS = (
    b'67, 0x70, 0x5', b'67,0x70,0x5', b'67,\n  0x70, 0x5', b'67,70,5f,76', b'0X74, 0X67, 0X70',
    *_reg_cut(b'67,00,70,00,5f,00'),
    # Hex text of a key with nothing between its bytes (``bytes.fromhex``,
    # ``.hex()``, ``xxd -p``): in the ``67`` route and the ``0`` group.
    b'67705f76315f',
)
# A legacy key's upper-case name as C hex bytes (``xxd -i`` of a ``.env``:
# ``0x54, 0x4f, 0x47, 0x45, 0x54, 0x48, 0x45, 0x52``): ``GET`` and ``HER``
# (a line of 12 bytes cuts at most one of them), read by ``codec.hex_view``
# (``_prefix_view_hits``) for the legacy rule's name and value.  They start
# ``0x`` as the gzip literal marks do: that plain route's lead is ``0x``
# (tried at every ``0x``, no pass more), and hold ``0``, an anchor group
# the screen searches already (docs/performance.md).
HEX_NAME_UPPER = (b'0x47, 0x45, 0x54', b'0x48, 0x45, 0x52')
# A gzip's first bytes (magic and deflate) written as a byte literal: a
# repr or C string (``\\x1f\\x8b\\x08``), a C array (``xxd -i``): the
# literal is opened as a container (``_byte_literal_hits``,
# ``containers.scan_packed``): a compressed ``.env`` shows no keyword
# until it is inflated.  Each start (``\\x``, ``0x``) is a plain route of
# its own, a pass over clean bytes each (34.1 -> 36.1 passes a byte on
# ``screen_plain_work_test``'s file; docs/performance.md); a decimal
# array's (Java's signed ``31, -117, 8``) would be a third: not searched.
GZIP_LITERAL_MARKS = (b'\\x1f\\x8b\\x08', b'0x1f, 0x8b, 0x08', b'0x1f,0x8b,0x08')
# A key's bytes that are no text, written as a byte literal
# (``codec.byte_literal_at``): UTF-16 in Python's repr of bytes (either
# byte order: ``t\x00g\x00p\x00`` and ``\x00t\x00g\x00p``) and in an
# array of decimal bytes (Java's ``byte[]`` of ``getBytes(UTF_16)``).
# Each holds ``0`` (the ``0`` group of the grouped route, the escape
# marks'), and starts as a plain route does already (``116``; the repr's
# with the ``00`` of the escape before ``g``, in ``0067\\u0070``'s route):
# no pass more over a clean file (``screen_plain_work_test.py``).
# Also a legacy key's line as bytes, its Together name in them only
# (``bytes([116, 111, …])``, Go's ``%v`` ``[116 111 …]``, a C or Go
# ``{0x74, 0x6f, …}``): the lower-case name's ``ther`` and ``get``, each
# starting as a mark above does (``116``, ``67``) and holding ``0``: no
# route or group more.  The upper-case name's (``84 72 69 82``,
# ``0x47, 0x45``) would each be a plain route of their own (``84``,
# ``47``: 23.08 -> 24.08 passes over clean bytes): not searched.
BYTES_MARKS = (
    b'00g\\x00p\\x00', b'116, 0, 103, 0, 112',
    b'116, 104, 101, 114', b'116,104,101,114', b'116 104 101 114', b'67, 0x65, 0x74', b'67,0x65,0x74',
    *GZIP_LITERAL_MARKS,
)
# A gzip written as hex text, as database dumps write a BLOB: pg_dump's
# ``bytea`` (``\\x1f8b08…``, in ``COPY``'s text as ``\\\\x``), mysqldump's
# ``--hex-blob`` and SQL Server's ``0x1F8B08…``, sqlite3's ``.dump`` and
# MySQL's ``X'1f8b08…'``: the magic and deflate's method byte after the
# literal's lead mark it (``_hex_packed_hits``); the digits are decoded
# and opened as a container (``containers.scan_packed``).  The leads
# ``\\x`` and ``0x`` start plain routes the gzip literal marks start
# already; ``X'`` and the digits hold ``X``, ``x``, ``0``, anchor groups
# the grouped route searches (docs/performance.md, "Session 32 (enc32)").
HEX_PACKED_MARKS = (b'\\x1f8b08', b'0x1f8b08', b'0x1F8B08', b"X'1f8b08", b"X'1F8B08")
_HEX_DIGITS_RUN = rb'[0-9A-Fa-f]+'
# The most hex digits of one literal read (a BLOB past it is read that far).
_HEX_PACKED_DIGITS = 128 << 20


def _hex_packed_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], where: Where, budget: Budget, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a container written as hex text (``HEX_PACKED_MARKS``: a
    database dump's gzip'd BLOB), decoded and opened on the file's
    ``budget``, reported where its digits start; literals opened count
    with base64 values (``VALUES_OPENED``).  One a window's end cuts,
    that does not decompress whole, fails closed."""
    from together_hooks.detect.containers import scan_packed
    from together_hooks.regex_cache import cached

    digits_run = cached(_HEX_DIGITS_RUN)
    by_id, scan = _member_scan(rules, budget)
    hits: list[tuple[int, str, Rule, str]] = []
    read_to = -1
    for at in sorted(at for mark in HEX_PACKED_MARKS for at in where.offsets(mark)):
        if at < read_to:
            continue
        _count_opened(budget, path, 'hex literals or base64 values of containers', 'decoded')
        start = at + 2
        run = digits_run.match(data, start, start + _HEX_PACKED_DIGITS)
        assert run is not None  # a mark's digits follow its lead
        read_to = run.end()
        digits = run.group()
        raw = bytes.fromhex((digits[:len(digits) - len(digits) % 2]).decode('ascii'))
        kind = container_kind(raw)
        if kind is None:
            continue
        budget.take(len(raw), path)
        found, whole = scan_packed(raw, path, scan, budget)
        if not whole and edge[0] and read_to == len(data):
            raise InputError(
                f'{path}: {a_kind(kind)} written as hex text across the edge of a window a large file '
                'is read in: not scanned whole',
            )
        hits += [(start, f.secret, by_id[f.rule], f'hex {kind}') for f in found if f.rule in by_id]
    return hits


# A delta hunk up to this size inflated is held whole and read as what it
# inserts; a larger one is scanned as it inflates.
_DELTA_HELD = 4 << 20


def _git_binary_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], where: Where, budget: Budget,
        edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the files a patch changes as binary (``git format-patch
    --binary``: base85 of zlib data, the new content and the old), inflated
    (``containers.scan_inflated``: bounded as a container is) and reported
    where each hunk's data starts.  A hunk that runs to the end of a
    window is left to the next or read here (``_window_edge``); read
    here, one that inflates to less than its header's size fails closed."""
    from together_hooks.detect.codec import delta_inserts
    from together_hooks.detect.codec import git_binary_hunks
    from together_hooks.detect.containers import scan_inflated

    by_id, scan = _member_scan(rules, budget)
    hits = []
    hunks = {}  # by where each starts: one a marker here and the window before both lead to is one
    for at in where.offsets(GIT_BINARY):
        for hunk in git_binary_hunks(data, at + len(GIT_BINARY)):
            hunks.setdefault(hunk[0], hunk)
    for at, how in edge[3].items():  # left here by the window before: its marker may be before these bytes
        if how is not None:
            handed = git_binary_hunks(data, at, how)
            if not handed:
                raise InputError(
                    f'{path}: a GIT binary patch hunk left by one window of a large file to the '
                    'next was not found there: not scanned whole',
                )
            for hunk in handed:
                hunks.setdefault(hunk[0], hunk)
    for start, end, delta, size, raw, follow in hunks.values():
        side = _window_edge(data, start, end, _HUNK_LINE, edge, (delta, size, follow))
        if side == 'next':
            continue
        spent = budget.spent
        found: dict[str, Rule] = {}
        if delta and size <= _DELTA_HELD:
            # Held whole (its header says how large), to take its inserts out.
            from zlib import decompressobj
            from zlib import error

            try:
                inflated = decompressobj().decompress(raw, size + 1)
            except error:  # damaged: git apply would refuse it too
                inflated = b''
            budget.take(len(inflated), path)
            for _o, secret, rule, _e in _hits(delta_inserts(inflated), path, rules, budget, 2, False):
                found.setdefault(secret, rule)
            # A key swapped for another: the delta copies the name and
            # the prefix from the old content and inserts the body.
            for _o, secret, rule, _e in _hits(delta_inserts(inflated, KEY_PREFIX), path, rules, budget, 2, False):
                found.setdefault(secret, rule)
        else:
            for f in scan_inflated(raw, path, scan, budget):
                if f.rule in by_id:
                    found.setdefault(f.secret, by_id[f.rule])
        if side != 'next' and edge[0] and budget.spent - spent < size and len(data) - end < _HUNK_LINE:
            from together_hooks.fileio import WINDOW

            raise InputError(
                f'{path}: a GIT binary patch hunk of more than {2 * MAX_CONTEXT >> 10} KB across '
                f'the edge of a window a large file is read in ({WINDOW >> 20} MB), or cut short '
                'at its end: not scanned whole',
            )
        if side == 'carried' and found:
            edge[2].append(start)
        hits += [(start, secret, rule, 'git binary patch') for secret, rule in found.items()]
    return hits


def _byte_literal_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], where: Where, budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the bytes a byte literal denotes (``codec.byte_literal_at``)
    where a ``BYTES_MARKS`` mark is: read as a file's bytes are
    (``scan_bytes``: UTF-16/UTF-32 decoded, ``widetext``), or opened as a
    container (``containers.scan_packed``: a gzip as a Java ``byte[]``),
    on the file's ``budget``; reported where the literal starts.  Each
    literal is read once, however many marks it holds; literals opened
    count with base64 values (``VALUES_OPENED``)."""
    from together_hooks.detect.codec import byte_literal_at
    from together_hooks.detect.containers import scan_packed

    by_id, scan = _member_scan(rules, budget)
    hits: list[tuple[int, str, Rule, str]] = []
    read_to = -1
    for at in sorted(at for mark in BYTES_MARKS for at in where.offsets(mark)):
        if at < read_to:
            continue
        # Each look counts, found or not: a file of marks in no literal
        # costs a bounded number of looks (each ``LITERAL_REACH`` each way).
        _count_opened(budget, path, 'byte literals or base64 values of containers', 'decoded')
        literal = byte_literal_at(data, at)
        if literal is None:
            continue
        start, read_to, raw = literal
        budget.take(len(raw), path)
        found = scan_packed(raw, path, scan, budget)[0] if container_kind(raw) else scan(raw, path, True)
        hits += [(start, f.secret, by_id[f.rule], 'byte literal') for f in found if f.rule in by_id]
    return hits


# A JWS (compact: header, payload, signature, base64url and ``.`` apart)
# whose header says ``"zip":"DEF"`` (SMART Health Cards): its payload is
# raw deflate, no magic to open it by.  A header that starts with its
# ``zip`` member (``{"zip":"DEF"``, as SMART Health Cards write theirs,
# or ``{"zip": "DEF"``) in base64url marks it (``_jws_deflate_hits``):
# two needles in existing letter routes (flask's tree: 16.1 -> 16.2 ns a
# byte on the plain route).  Its three alignments anywhere in the header
# (six needles) cost 10% there: a ``zip`` member later in it is not read.
JWS_DEFLATE_MARKS = (b'eyJ6aXAiOiJERUYi', b'eyJ6aXAiOiAiREVGI')
# How far before a mark its header may start, and how long a payload is
# read (its base64url text): a JWS in a QR code holds a few KB.
_JWS_HEAD_REACH = 1024
_JWS_PAYLOAD = 1 << 20
# base64url's alphabet: the key characters' (``_KEY_BYTES``).
_B64URL = _KEY_BYTES


def _jws_deflate_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], where: Where, budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the payload of a JWS whose header says ``"zip":"DEF"``
    (``JWS_DEFLATE_MARKS``): the header decoded and asked, the payload
    (up to ``_JWS_PAYLOAD`` characters) decoded and inflated as raw
    deflate as it streams (``containers.scan_inflated``, on the file's
    budget), reported where the token starts.  Each token is read once;
    tokens opened count with base64 values (``VALUES_OPENED``)."""
    import json
    from base64 import urlsafe_b64decode

    from together_hooks.detect.containers import scan_inflated

    by_id, scan = _member_scan(rules, budget)
    hits: list[tuple[int, str, Rule, str]] = []
    read_to = -1
    for at in sorted(at for mark in JWS_DEFLATE_MARKS for at in where.offsets(mark)):
        if at < read_to:
            continue
        start = at
        while start > max(0, at - _JWS_HEAD_REACH) and data[start - 1] in _B64URL:
            start -= 1
        dot = data.find(b'.', at, at + _JWS_HEAD_REACH)
        if dot == -1 or any(c not in _B64URL for c in data[at:dot]):
            continue
        end = dot + 1
        stop = min(len(data), end + _JWS_PAYLOAD)
        while end < stop and data[end] in _B64URL:
            end += 1
        if end == stop or data[end:end + 1] != b'.':
            continue  # no signature after it, or longer than read: no JWS
        read_to = end
        _count_opened(budget, path, 'byte literals or base64 values of containers', 'decoded')
        try:
            head = json.loads(urlsafe_b64decode(data[start:dot] + b'=' * (-(dot - start) % 4)))
            payload = urlsafe_b64decode(data[dot + 1:end] + b'=' * (-(end - dot - 1) % 4))
        except ValueError:  # binascii.Error, a JSON or UTF-8 error
            continue
        if not isinstance(head, dict) or head.get('zip') != 'DEF':
            continue
        budget.take(len(payload), path)
        found = scan_inflated(payload, path, scan, budget, -15)
        hits += [(start, f.secret, by_id[f.rule], 'jws deflate') for f in found if f.rule in by_id]
    return hits


def _member_scan(
        rules: tuple[Rule, ...], budget: Budget,
) -> tuple[dict[str, Rule], Callable[[bytes, str, bool], list[Finding]]]:
    """The rules by id, and the scan of what a base64 value or a binary
    patch hunk decompresses to (``containers.Scan``): ``rules``, on the
    file's ``budget``."""
    def scan(member: bytes, name: str, wide: bool) -> list[Finding]:
        return scan_bytes(member, name, rules, wide, budget)
    return {rule.id: rule for rule in rules}, scan


def _window_edge(
        data: bytes, at: int, end: int, slack: int, edge: Edge,
        how: tuple[bool, int, int] | None = None,
) -> str:
    """Where a base64 value of a container or a binary patch hunk, from
    ``at`` to ``end`` in ``data``, is read when ``data`` is a window of a
    large file (``edge``: ``Budget.edge``; it runs to the window's end
    when it ends within ``slack`` bytes of it).  Windows overlap by
    ``MAX_CONTEXT`` on each side, so the next window's bytes start
    ``2 * MAX_CONTEXT`` before this one's end, and its region (where its
    findings count) ``MAX_CONTEXT`` before it.  'next': it runs to the
    end and starts in the next window's bytes, which read it whole (to
    the window after them: fewer than 4 MB): it is left to them
    (``Budget.deferred``, with ``how``, a hunk's header: its marker may
    lie before them); 'carried': the window before left it here
    (``Budget.handed``), or it starts in the bytes that window held too
    (``lead``) and runs to where it ended, and its findings count here
    though they are not in the region (``WindowScan``); else 'here',
    where a value cut at the window's end fails closed when it does not
    decompress whole."""
    open_end, lead, _carried, handed, deferred, _head = edge
    size = len(data)
    if at in handed or at < lead and min(size, lead + MAX_CONTEXT) - end < slack:
        return 'carried'
    if open_end and size - end < slack and at >= size - 2 * MAX_CONTEXT:
        deferred[at] = how
        return 'next'
    return 'here'


# A line of a binary patch's hunk: its count, 65 characters, CR LF.
_HUNK_LINE = 68


# Where a value ``_packed_hits`` opens can start: a magic's base64 form
# (``prefilter.B64_MAGIC``: letters, digits and ``/_`` only), and 40 more
# characters of the value on its line (``\\/`` and ``\\u002b`` of a JSON
# string each one: ``codec.b64_value_at`` reads through them): a
# container holding a key takes more (gzip's header and trailer are 18 bytes, a key 50 characters), and
# base64 is wrapped wider (76, 64).  ``H4sI`` repeated, or a truncated
# example, is passed over by one regex search, not a decoding at each.
# Base64 values of containers one file may hold (``Budget.opened``, its
# windows and members counted together): each costs a decompressor and a
# scan of its own, whether it holds 30 bytes or 30 KB, so a file of lines
# shaped as such values (``SDRzSUFB...``: a Helm release's start) would
# cost a pre-receive hook's timeout; past this many it fails closed.  A
# cluster's ``kubectl get secrets -o yaml`` holds one a Helm release.
VALUES_OPENED = 4096


def _count_opened(budget: Budget, path: str, what: str, how: str) -> None:
    """One more value of the file decoded and opened (a base64 value of a
    container, a byte literal, a uuencoded block): past ``VALUES_OPENED``
    in all, the file fails closed naming ``what`` was opened and ``how``."""
    budget.opened += 1
    if budget.opened > VALUES_OPENED:
        raise InputError(
            f'{path}: more than {VALUES_OPENED} {what}: not scanned whole '
            f'(each is {how} and scanned: a file of them could take any time)',
        )


_PACKED_START = rb'(?:' + b'|'.join(B64_MAGIC) + rb')(?:[A-Za-z0-9+/_-]|\\/|\\u002[bBfF]){40}'
_B64_STRETCH = rb'[A-Za-z0-9+/_-]*'
# What may follow a value that runs to a window's end: a line break cut
# there does not end the value (the window after may hold its next line).
_SPACE_TO_END = rb'[ \t\r\n]*\Z'


def _packed_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where,
        budget: Budget, edge: Edge, head: int = -1,
) -> list[tuple[int, str, Rule, str]]:
    """Keys inside a container written as a base64 value (a Helm
    release's gzip, ``base64 < dump.sql.gz``, a zip in a JSON field), or
    inside such a value encoded once more: decompressed
    (``containers.scan_packed``: bounded, failing closed on a bomb) and
    reported where the value starts.  A value encoded once more is opened
    only when its decoding starts as such a value does (one regex match,
    no scan of it).  ``head``: where a wrapped base64 block starts the
    file (``prefilter.wrapped_block``), a value opened whatever it starts
    with: a file that is one container in base64 (``base64 < x.tar.xz``,
    a git bundle or pack, ``zip - | base64``), whatever its magic (a
    zip's and a tar's are no form the screen holds).  A PNG with no text
    chunk is passed over by its chunk headers (``codec.b64_png_text``).
    A value that runs to the end of a window is left to the next or read
    here (``_window_edge``); read here, one that does not decompress
    whole fails closed."""
    from together_hooks.detect.codec import PNG_B64
    from together_hooks.detect.codec import b64_png_text
    from together_hooks.detect.codec import b64_value_at
    from together_hooks.detect.containers import scan_packed
    from together_hooks.regex_cache import cached

    by_id, scan = _member_scan(rules, budget)
    hits: list[tuple[int, str, Rule, str]] = []
    search = _packed_search(data, where)
    m = search(0)
    visited: set[int] = set()
    while m is not None or head != -1:
        if head != -1:  # the head's block first, then the magics' values past it
            at, head = head, -1
            value = b64_value_at(data, at)
            if m is not None and value is not None and m.start() < value[1]:
                m = search(value[1])
        else:
            assert m is not None
            at = m.start()
            if not value_start(data, at):  # inside another value: past it
                m = search(cached(_B64_STRETCH).match(data, at).end())
                continue
            if data.startswith(PNG_B64, at) and b64_png_text(data, at, PNG_TEXT) is False:
                # An image with no text chunk (a notebook's plot): told by
                # its chunk headers, its pixels never decoded.
                visited.add(at)
                m = search(m.end())
                continue
            value = b64_value_at(data, at)
            m = search(m.end() if value is None else value[1])
        if value is None:
            continue
        raw, end = value
        if edge[0] and cached(_SPACE_TO_END).match(data, end):  # to the window's end, but for a line break
            end = len(data)
        visited.add(at)
        side = _window_edge(data, at, end, 1, edge)
        if side == 'next':
            continue
        kind = container_kind(raw)
        if kind is None and depth < 1 and cached(_PACKED_START).match(raw):  # encoded once more
            inner = b64_value_at(raw, 0)
            if inner is not None:
                raw = inner[0]
                kind = container_kind(raw)
        # A value that starts as zlib but does not inflate costs a
        # decompressor too (``container_kind`` tries it): counted as one
        # opened, or a file of ``eJw...`` lines of random bytes takes
        # 20 us a line.
        if kind is None and raw[:2] not in ZLIB_HEADERS:
            continue
        _count_opened(budget, path, 'base64 values of containers', 'decompressed')
        if kind is None:
            continue
        found, whole = scan_packed(raw, path, scan, budget)
        if side != 'next' and edge[0] and end >= len(data) and not whole:
            from together_hooks.fileio import WINDOW

            raise InputError(
                f'{path}: a base64 value of {a_kind(kind)} of more than {2 * MAX_CONTEXT >> 10} KB across '
                f'the edge of a window a large file is read in ({WINDOW >> 20} MB), or cut short '
                'at its end: not scanned whole',
            )
        found = [f for f in found if f.rule in by_id]
        if side == 'carried' and found:
            edge[2].append(at)
        hits += [(at, f.secret, by_id[f.rule], f'base64 {kind}') for f in found]
    if any(how is None and at not in visited for at, how in edge[3].items()):
        raise InputError(
            f'{path}: a base64 value left by one window of a large file to the next '
            'was not found there: not scanned whole',
        )
    return hits


def _packed_search(data: bytes, where: Where) -> Callable[[int], re.Match[bytes] | None]:
    """``cached(_PACKED_START).search`` of ``data`` from an offset, tried
    only where a magic is (``where``: the screen's offsets of each; every
    magic is one of its needles): ``re`` finds no literal to skip to in an
    alternation of the magics, so that search stepped through every byte
    after the first magic (in mypy's sources, whose only magic is often
    ``eNo`` of ``TypeNone``, a tenth of the tree scan's CPU).  Each magic's
    next offset is kept until passed: the bytes are searched at most once
    a magic.  Since the screen keeps a magic only where a value starts
    (``prefilter.value_start``), the matches are ``re``'s at value starts,
    the only ones ``_packed_hits`` opens."""
    from together_hooks.regex_cache import cached

    match = cached(_PACKED_START).match
    ahead = {magic: where.next_at(magic, 0) for magic in B64_MAGIC if magic in where}

    def search(pos: int) -> re.Match[bytes] | None:
        while ahead:
            for magic, at in list(ahead.items()):
                if at < pos:
                    at = where.next_at(magic, pos)
                    if at == -1:
                        del ahead[magic]
                        continue
                    ahead[magic] = at
            if not ahead:
                return None
            at = min(ahead.values())
            m = match(data, at)
            if m is not None:
                return m
            pos = at + 1
        return None

    return search


def _escape_marks(data: bytes, rules: tuple[Rule, ...], where: Where) -> list[int]:
    """Offsets of the rules' escape marks (``Rule.escape_marks``) that are
    not part of their keyword written plainly (a key's own ``tgp``)."""
    out = []
    for rule in rules:
        for mark in where.present(rule.escape_marks):
            for at in where.offsets(mark):
                if not any(
                        mark in k and data.startswith(k, at - k.index(mark))
                        for k in rule.keywords
                ):
                    out.append(at)
    return out


_SCREENS: dict[tuple[Rule, ...], Keywords] = {}
_B64_KEYWORDS: dict[tuple[Rule, ...], tuple[bytes, ...]] = {}


def _b64_keywords(rules: tuple[Rule, ...]) -> tuple[bytes, ...]:
    """Every base64 form of ``rules``' keywords, in the rules' order: made
    once a rule set (asked of each file holding a keyword)."""
    key = tuple(rules)  # the same tuple, no copy, when given one
    forms = _B64_KEYWORDS.get(key)
    if forms is None:
        forms = _B64_KEYWORDS[key] = tuple(f for rule in rules for f in rule.b64_keywords)
    return forms


def keyword_screen(rules: tuple[Rule, ...]) -> Keywords:
    """Could bytes hold a key of ``rules`` (any keyword or keyword's base64
    form), and where (``Keywords.where``): ``prefilter``, fewer passes than
    one ``in`` each, the same answer; one per rule set, kept for the
    process like re's cache, so its searches are compiled once."""
    key = tuple(rules)  # the same tuple, no copy, when given one
    screen = _SCREENS.get(key)
    if screen is None:
        screen = _SCREENS[key] = Keywords(
            (*(k for rule in rules for k in (
                *rule.keywords, *rule.b64_keywords, *rule.b32_keywords, *rule.b85_keywords,
                *rule.escape_marks,
            )),
             *B64_MAGIC, GIT_BINARY, *UU_BEGIN, *DEC_PREFIX, *HEX_MARKS, *BYTES_MARKS,
             *JWS_DEFLATE_MARKS, *HEX_NAME_UPPER, *HEX_PACKED_MARKS, *PASTED_DUMP_MARKS),
        )
    return screen


def prepare_screen(rules: tuple[Rule, ...]) -> None:
    """The keyword screen of a scan of many files in one process (one CPU
    to run on): hyperscan's one pass from the first file where it is
    installed, as ``prepare`` sets it up before a fork (set up from the
    kept database it costs less than the route of a few files: one ``in``
    a needle in each file holding a keyword until 1 MiB is screened).
    Without it the route is left as it was: compiling the grouped
    searches and the rules' regexes first cost a 300-file tree of 1 MB
    more than it saved (docs/performance.md, "Issue 17, session 32")."""
    from together_hooks.detect.prefilter import _hyperscan_installed

    if _hyperscan_installed():
        keyword_screen(rules).prepare(lambda _n: True)


def prepare(rules: tuple[Rule, ...], enough: Callable[[int], bool] | None = None) -> None:
    """Load and compile now what the first files holding a keyword would
    (the keyword screen and its route, the rules' regexes, the context
    walkers' regexes, the modules a candidate or wide text needs): before
    a scan forks, once for both processes.  ``enough(n)``: will the run
    pass at least n bytes through the screen (``Keywords.prepare``)?"""
    from together_hooks.regex_cache import cached

    keyword_screen(rules).prepare(enough)
    _hex_prefix_test(keyword_screen(rules))  # hyperscan's, when the screen took its one pass
    _wide_test(rules)  # the same
    _marks_test(keyword_screen(rules))  # the same
    walkers = set()
    lists = set()  # a list of keys' own names and its parents' purposes (``Context.own``, ``purpose``)
    for rule in rules:
        for pattern in rule.patterns:
            pattern.regex  # noqa: B018 (each compiled on first use)
            pattern.decoded  # noqa: B018
            pattern.veto_before  # noqa: B018
            pattern.before  # noqa: B018
            pattern.csv_column  # noqa: B018
            for context in pattern.contexts():
                walkers.add(_walker_key(context))
                lists.update(r for r in (context.own, context.purpose) if r is not None)
        rule.value  # noqa: B018
        rule.anchor  # noqa: B018
        _run_test(rule.value_run)
        if rule.value_run is not None and keyword_screen(rules).one_pass:
            _run_pass(rule.value_run)  # the file's run test (``_file_valued``)
        for chars in rule.classes:  # the shape check's
            cached(chars)
    # ``containers``: a base64 value of a container, or a binary patch, is
    # opened from a scan of plain bytes; zipfile decodes a member's name
    # as cp437 unless it says UTF-8; ``sqlite``: a database is read as
    # tables whatever its bytes hold; ``pyc``: a .pyc or marshal dump is
    # read as its program, ``pickles`` a pickle as its objects; ``ownkeys``: wide text's raw keys are judged
    # beside the own-key rule (``windows.raw_past_text``).
    for module in ('codec', 'containers', 'context', 'csvrow', 'ownkeys', 'pickles', 'pragmas', 'pyc', 'shapes',
                   'sqlite', 'widetext'):
        __import__(f'together_hooks.detect.{module}')
    # ``codec``'s base32 and base85 readings decode with ``base64`` (which
    # imports ``struct``): on a first decode, else in each process of a
    # fork (both did on the bench tree and on mypy's, ~1.2 ms each).
    __import__('base64')
    # A table's rows and an SQL ``INSERT``'s tuples are read as CSV
    # (``csvrow``): on the first row beside a key, else in each process
    # of a fork (~0.4 ms each).
    __import__('csv')
    # A notebook's cells read as a session (``codec.notebook_view``)
    # parse its JSON; a finding under a line that mentions a pragma (a C
    # header's ``#pragma once``) compiles the pragma patterns.
    __import__('json')
    from together_hooks.detect.pragmas import prepare as prepare_pragmas

    prepare_pragmas()
    # A decoded value's keyword search (``codec.any_keyword``), for each
    # tuple of keywords ``_b64_hits``, ``_b64_past_depth`` and the radix
    # readings ask with.
    from together_hooks.detect.codec import any_keyword

    any_keyword(tuple(k for rule in rules for k in rule.keywords))  # the radix readings'
    any_keyword(tuple(k for rule in rules for k in rule.keywords + rule.b64_keywords))  # ``_b64_past_depth``'s
    for depth in range(B64_DEPTH):  # ``_b64_hits``' at each level
        any_keyword(_b64_plain(rules, depth))
    # A key inside an escaped string literal is judged on the literal
    # (``_literal_around``).
    cached(_LITERAL)
    # A small file holding only a legacy key, named for it (``_named_file``).
    named_for_key('together_api_key.txt')
    cached(_BARE_HEX)
    # A table naming a column for Together's key (``_names_key_column``,
    # ``_run_lines``).
    cached(_KEY_COLUMN_NAME)
    cached(_HEX_RUN)
    # ``dump_head``'s tests of a file starting with a blank (``od -An``)
    # or with ``curl --trace-time``'s clock, compiled on first use: with
    # no program cached yet, here.
    from together_hooks.detect.prefilter import _pattern_curl_trace_time
    from together_hooks.detect.prefilter import _pattern_od_bare
    from together_hooks.detect.prefilter import _pattern_od_bare_decimal

    _pattern_od_bare()
    _pattern_od_bare_decimal()
    _pattern_curl_trace_time()
    import codecs

    # Wide text's codecs (``widetext``: a UTF-32 file's imported its
    # codec in the scan) and cp437's.
    for codec in ('cp437', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'):
        codecs.lookup(codec)
    from together_hooks.detect.codec import b64_decode
    from together_hooks.detect.context import Walker
    from together_hooks.detect.context import rule_regex
    from together_hooks.detect.shapes import entropy

    for key in walkers:  # each pattern compiled once a process (context.rule_regex)
        Walker(*key)
    for source in lists:
        rule_regex(source)
    cached(_ESCAPE_BEFORE)
    cached(_PRINTABLE)
    cached(_CONTROL)  # ``_is_binary``
    cached(_BASIC_BEFORE)
    cached(_NAME_VALUE)  # a name's reading (``_name_reading``)
    _run_test(_NAME_RUN)  # and whether a name has one (``_a_name``)
    cached(_NAME_KEY_VALUE)
    from together_hooks.detect.context import prepare_structures
    from together_hooks.detect.widetext import run_regexes

    prepare_structures()
    run_regexes()
    cached(_PACKED_START)
    cached(_HEX_DIGITS_RUN)  # a container as hex text (``_hex_packed_hits``)
    cached(_GLUED_KEY)
    cached(_PROMPT)  # a prompt glued after a key (``_prompt_after``)
    cached(_LINE_PROMPT)  # and the prompts starting lines (``_line_prompts``)
    cached(LIST_GAP)
    from together_hooks import regex_cache
    from together_hooks.rules import HTML_KEY_CELL
    from together_hooks.rules import HTML_NAME_CELL

    for source in (HTML_NAME_CELL, HTML_KEY_CELL):  # an HTML table's name cell (``csvrow.html_holds``)
        regex_cache.compile(source)
    b64_decode(b'')  # their own imports (binascii, math)
    entropy('')


# How far around a keyword the other readings are made: a key split into
# literals starts with its keyword, an escaped name sits right before its
# value; a notebook full of "together" is not unescaped whole.
_READING = 1024


def _keyword_spans(rules: tuple[Rule, ...], where: Where, size: int) -> list[tuple[int, int]]:
    """Merged stretches within ``_READING`` bytes of a keyword of ``rules``
    (``where`` in bytes of ``size``): where a key (or the name before it)
    can be.  From each keyword found, the next looked at is the first
    ``_READING`` bytes or more on."""
    raw = []
    for rule in rules:
        for keyword in rule.keywords:
            at = where.next_at(keyword, 0)
            while at != -1:
                raw.append((max(0, at - _READING), min(size, at + _READING)))
                at = where.next_at(keyword, at + _READING)
    return _merged(raw)


def _found_spans(rules: tuple[Rule, ...], where: Where, size: int) -> list[tuple[int, int]]:
    """``_keyword_spans`` around every needle of ``rules`` the screen
    found: a keyword, its base64 forms, an escape mark (a mail header's
    encoded-words hold a name in any of them)."""
    raw = []
    for rule in rules:
        for needle in where.present((*rule.keywords, *rule.b64_keywords, *rule.escape_marks)):
            at = where.next_at(needle, 0)
            while at != -1:
                raw.append((max(0, at - _READING), min(size, at + _READING)))
                at = where.next_at(needle, at + _READING)
    return _merged(raw)


def _may_escape(data: bytes) -> bool:
    """Could an escape, encoding or concatenation hide a key here?  (An
    ``or`` of ``in`` tests, the answer the same in any order: the marks
    most files hold come first, since a search that finds stops there,
    the rare ones after, since a search that does not reads every byte:
    ``=3D`` fourth, as it was, cost 13.6 ms on the development
    history's blobs saying "together", this order 5.7: docs/performance.md,
    "Issue 17, session 30: history".)  A mark of two bytes or more is
    searched only where its first byte is (``in`` of one byte is
    ``memchr``, of more a loop over every byte: a tree's path names, 200
    KB holding no quote, backtick, ``=``, ``&``, ``+`` or ``:``, took 2.4
    ms for the fifteen searches they decide; docs/performance.md, "Issue
    17, session 38 (perfT38)".)"""
    if b'\\' in data or b'%' in data:  # (most files: one ``memchr``)
        return True
    dq, sq, bq = b'"' in data, b"'" in data, b'`' in data
    return (
        dq and b'"\n' in data or bq and b'` ' in data
        or dq and b'",' in data
        or dq and b'" ' in data or sq and b"' " in data or sq and b"'," in data or sq and b"'\n" in data
        or bq and b'`\n' in data
        or b'\x1b' in data or b'=' in data and b'=3D' in data
        or dq and b'";' in data or sq and b"';" in data  # a statement appending on the next line
        or b'&' in data and (b'&quot;' in data or b'&#' in data or b'&apos;' in data)
        or b'uoted-printable' in data or b'+' in data and b'+AF8' in data  # UTF-7's "_"
        or KEY_PREFIX in data  # a key may be wrapped across lines
        or data.endswith(b'.') and b'p0\n' in data[:256]  # codec.is_pickle0
        or b':' in data and b'\n0000: ' in data  # curl --trace-ascii's rows (codec.trace_rows_view)
    )


# What ``_hits`` asks of a whole file holding a keyword, each a search of
# every byte of a file that says "together" and holds no such mark (most
# of them): a quoted-printable soft line break (``codec._QP_SOFT``, asked
# by ``codec.readings``), a chunked body's header value (``CHUNKED``) and
# a traceback's marks (``TRACEBACK_MARKS``, two searches more; the pass
# asks ``TRACEBACK_HINTS``, which every mark holds).
# Where the keyword screen reads by hyperscan's one pass (the ``fast``
# extra, a run large enough), one more pass answers all three for a file
# of ``_MARKS_MIN`` bytes or more: ``CHUNKED`` costs ``in`` ~0.65 ns a byte on
# code (CPython's two-way search, for a needle of 6 bytes or more in
# 30,000 or more), the soft break's search ~0.45, the pass ~0.28
# (docs/performance.md, "Issue 17, session 29: the engine on 'together'
# prose").  ``_may_escape``'s marks are not in it: most files hold its
# first, a backslash, and the pass with them costs 3x.
MARK_SOFT, MARK_CHUNKED, MARK_TRACEBACK = 1, 2, 4
_MARK_GROUPS = (
    (MARK_SOFT, (b'=\n', b'=\r\n')), (MARK_CHUNKED, (CHUNKED,)), (MARK_TRACEBACK, TRACEBACK_HINTS),
)
_MARKS_ALL = MARK_SOFT | MARK_CHUNKED | MARK_TRACEBACK
# Below this a file's ``in``s cost less than a hyperscan call.
_MARKS_MIN = 1024
_MARKS_PASS: list[Callable[[bytes], int] | None] = []


def _plain_marks(data: bytes) -> int:
    """``_MARK_GROUPS``' bits of the marks ``data`` holds, by ``in``."""
    return sum(bit for bit, marks in _MARK_GROUPS if any(mark in data for mark in marks))


def _marks_test(screen: Keywords) -> Callable[[bytes], int] | None:
    """``_plain_marks`` by one hyperscan pass, once ``screen`` reads by one
    (``Keywords.one_pass``), else None (each asked by ``in`` where it is
    asked); made at most once a process (``prepare``: before a scan forks)."""
    if not screen.one_pass:
        return None
    if not _MARKS_PASS:
        _MARKS_PASS.append(_hyperscan_marks())
    return _MARKS_PASS[0]


def _hyperscan_marks() -> Callable[[bytes], int] | None:
    from together_hooks.detect.prefilter import hyperscan_database
    from together_hooks.detect.prefilter import hyperscan_literal
    from together_hooks.detect.prefilter import hyperscan_module

    try:
        hyperscan = hyperscan_module()
    except ImportError:
        return None
    bits = [bit for bit, marks in _MARK_GROUPS for _mark in marks]
    expressions = [hyperscan_literal(mark) for _bit, marks in _MARK_GROUPS for mark in marks]
    db = hyperscan_database(hyperscan, expressions, [hyperscan.HS_FLAG_SINGLEMATCH] * len(expressions))
    if db is None:
        return None
    stopped = hyperscan.ScanTerminated

    def marks(data: bytes) -> int:
        if len(data) >= 1 << 32:  # past the length one hyperscan call takes
            return _plain_marks(data)
        found = [0]

        def on_match(i: int, _from: int, _to: int, _flags: int, _ctx: object) -> bool:
            found[0] |= bits[i]
            return found[0] == _MARKS_ALL  # True stops the scan

        try:
            db.scan(data, on_match)
        except stopped:
            pass
        return found[0]

    return marks


def _b64_plain(rules: tuple[Rule, ...], depth: int) -> tuple[bytes, ...]:
    """What a base64 value at ``depth`` is kept for decoding to: a rule
    keyword, or a keyword's base64 form while a level is left to read it
    (base64 of base64 of a file: the inner form at any alignment, the
    key's prefix or a name); at the top, a key's prefix as hex text too
    (base64 of ``xxd -p``'s dump of a file: the level below reads hex
    text, ``_hex_prefix_hits``)."""
    plain = tuple(k for rule in rules for k in rule.keywords)
    if depth + 1 < B64_DEPTH:
        plain += tuple(f for rule in rules for f in rule.b64_keywords)
    if depth == 0:
        plain += _HEX_PREFIX_BARE
    return plain


def _b64_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where,
        budget: Budget, wrapped: int = -1,
) -> list[tuple[int, str, Rule, str]]:
    """Keys inside base64 values: only where a rule keyword's base64 form
    occurs, and in a wrapped block at the file's head (``wrapped``, its
    start: ``prefilter.wrapped_b64``), where a form may be cut by a line
    break."""
    found = where.present(_b64_keywords(rules))
    if not found and wrapped == -1:
        return []
    from together_hooks.detect.codec import b64_view

    # A value is kept when it decodes to a keyword, or to a keyword's
    # base64 form while a level is left to read it (base64 of base64 of a
    # file: the inner form at any alignment, the key's prefix or a name).
    plain = _b64_plain(rules, depth)
    at = [i for form in found for i in where.offsets(form)]
    if wrapped != -1:
        at.append(wrapped)
        # (a mail's other base64 parts below its head, each read so too)
        at += [i for i in mail_b64_parts(data) if i != wrapped]
    view = b64_view(data, at, plain)
    if view is None:
        return []
    hits = [
        (view.origin(offset), secret, rule, 'base64')
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
    ]
    found_secrets = {secret for _o, secret, _r, _e in hits}
    return (
        hits + _basic_hits(data, path, rules, budget, depth, view, found_secrets)
        + _entries_hits(data, path, rules, budget, depth, view, found_secrets)
    )


def _entries_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget, depth: int,
        view: View, found: set[str],
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a map of base64 entries holding a decoded value of
    ``view`` (``codec.b64_entries_view``: a Kubernetes Secret's ``data:``),
    read with every entry decoded: one entry's endpoint or provider is the
    context of another's legacy key.  The values decoded alone lose what
    stands beside them."""
    from together_hooks.detect.codec import b64_entries_view

    starts = [0]
    at = view.data.find(b'\n')
    while at != -1:
        starts.append(at + 1)
        at = view.data.find(b'\n', at + 1)
    entries = b64_entries_view(data, {view.origin(s) for s in starts if s < len(view.data)})
    if entries is None:
        return []
    return [
        (entries.origin(offset), secret, rule, 'base64')
        for offset, secret, rule, _enc in _hits(entries.data, path, rules, budget, depth + 1, False)
        if secret not in found
    ]


# An HTTP Basic credential's scheme before its base64 value
# (``Authorization: Basic <base64>``, curl's ``-H``).
_BASIC_BEFORE = rb'(?i:basic)[ \t]{1,8}\Z'


def _basic_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget, depth: int,
        view: View, found: set[str],
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the decoded values of ``view`` that are HTTP Basic
    credentials, each read again after its scheme (``Basic
    together:<key>``) as the rules read one written out: its user the
    key's name.  The values decoded alone lose what stood before them."""
    from together_hooks.regex_cache import cached

    before = cached(_BASIC_BEFORE)
    lines: list[bytes] = []
    origins: list[int] = []
    at = 0
    for line in view.data.split(b'\n'):
        origin = view.origin(at)
        if b':' in line and before.search(data, max(0, origin - 16), origin):
            lines.append(b'Basic ' + line)
            origins.append(origin)
        at += len(line) + 1
    if not lines:
        return []
    from bisect import bisect_right

    from together_hooks.detect.codec import joined_lines

    text, starts = joined_lines(lines)

    return [
        (origins[bisect_right(starts, offset) - 1], secret, rule, 'base64')
        for offset, secret, rule, _enc in _hits(text, path, rules, budget, depth + 1, False)
        if secret not in found
    ]


def _b64_past_depth(data: bytes, path: str, rules: tuple[Rule, ...], where: Where) -> None:
    """At the last level read (``B64_DEPTH``): a base64 value that decodes
    to a keyword, or to a keyword's base64 form, is a level more the scan
    does not read (``base64 | base64 | base64 | base64``): fail closed,
    never a silent pass.  Asked only this deep (three levels each kept for
    a keyword's form), so no file at the top pays it."""
    found = [f for rule in rules for f in rule.b64_keywords if f in where]
    wrapped, kind = wrapped_block(data)
    at = [i for form in found for i in where.offsets(form)]
    if kind == 'base64':
        at.append(wrapped)
    if not at:
        return
    from together_hooks.detect.codec import b64_view

    plain = tuple(k for rule in rules for k in rule.keywords + rule.b64_keywords)
    if b64_view(data, at, plain) is not None:
        raise InputError(
            f'{path}: base64 (or another encoding) nested more than {B64_DEPTH} levels deep '
            'holds a Together keyword: not scanned whole',
        )


# Where hex text is read: from this far before a keyword that opens a
# rule's window (a Together name, a key's prefix) to this far after it;
# a run starting there is read to its end (``codec.HEX_REACH`` more).
_HEX_BEFORE = 256
_HEX_AFTER = 1024


def _hex_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], active: tuple[Rule, ...],
        walkers: dict[object, object], where: Where,
) -> list[tuple[int, str, Rule, str]]:
    """Keys written as hex text near a keyword (``codec.hex_view``): a
    Together name before a key's bytes in hex, a registry value's
    ``hex(2):``.  Hex text holds no keyword the screen could search for
    without a pass more over every byte every file pays
    (docs/detection.md), so it is read only near a keyword that opens one
    of the ``active`` rules' windows (its anchor: a Together name, not
    "together" in prose); the rules run on it are those whose keywords
    the decoded text holds (a ``tgp_v1_`` key under a Together name)."""
    raw = [
        (max(0, at - _HEX_BEFORE), min(len(data), at + _HEX_AFTER))
        for rule in active for at in _anchored(data, rule, where)
    ]
    if not raw:
        return []
    from together_hooks.detect.codec import dec_marked
    from together_hooks.detect.codec import decimal_view
    from together_hooks.detect.codec import hex_marked
    from together_hooks.detect.codec import hex_view

    hits: list[tuple[int, str, Rule, str]] = []
    screen = keyword_screen(rules)
    views = []
    for lo, hi in _merged(raw):
        if hex_marked(data, lo, hi):
            views.append((lo, hex_view(data, lo, hi), 'hex'))
        if dec_marked(data, lo, hi):
            views.append((lo, decimal_view(data, lo, hi), 'decimal'))
    for lo, view, kind in views:
        if view is None:
            continue
        where = screen.where(view.data)
        active = tuple(
            rule for rule in rules
            if any(k in where for k in rule.keywords) and rule_applies(rule, path)
        )

        def origin(offset: int, lo: int = lo, view: View = view) -> int:
            return lo + view.origin(offset)
        hits += [
            (origin(offset), secret, rule, kind)
            for offset, secret, rule in _candidates(view.data, active, walkers, where, (data, origin))
        ]
    return hits


def _uu_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where,
        budget: Budget, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys inside uuencoded blocks (``codec.uu_view``): what they decode
    to is read as any bytes are, and a block that decodes to a container
    (``uuencode env.gz``, a mail's attached ``.tar.gz``) is opened as a
    base64 value of one is (``_opened_decoded``)."""
    from together_hooks.detect.codec import uu_view

    blocks: list[tuple[int, int]] = []
    view = uu_view(data, sorted(at for mark in UU_BEGIN for at in where.offsets(mark)), blocks)
    if view is None:
        return []
    hits = [
        (view.origin(offset), secret, rule, 'uuencode')
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
    ]
    for start, end in blocks:
        hits += _opened_decoded(view.data[start:end], view.origin(start), path, rules, budget, edge, 'uuencode')
    return hits


def _opened_decoded(
        raw: bytes, at: int, path: str, rules: tuple[Rule, ...], budget: Budget, edge: Edge,
        encoding: str,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in ``raw``, bytes a decoder already gave (a uuencoded block),
    when they start a container (``container_kind``: a few byte
    comparisons): decompressed on the file's budget, counted among its
    opened values (``VALUES_OPENED``), reported at ``at``.  One that does
    not decompress whole in a window a large file is read in fails closed:
    the window's end may have cut it."""
    kind = container_kind(raw)
    if kind is None:
        return []
    from together_hooks.detect.containers import scan_packed

    _count_opened(budget, path, 'encoded values of containers', 'decompressed')
    by_id, scan = _member_scan(rules, budget)
    found, whole = scan_packed(raw, path, scan, budget)
    if edge[0] and not whole:
        raise InputError(
            f'{path}: {encoding} of {a_kind(kind)} that does not decompress whole in a window of a large '
            'file: not scanned whole',
        )
    return [(at, f.secret, by_id[f.rule], f'{encoding} {kind}') for f in found if f.rule in by_id]


def _a85_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, budget: Budget,
        start: int, kind: str, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys inside an ASCII85, Z85 or base85 block at the file's head
    (``prefilter.wrapped_block``, ``codec.a85_view``): what it decodes to
    is read as any bytes are."""
    from together_hooks.detect.codec import a85_view
    from together_hooks.detect.prefilter import A85_CHARS
    from together_hooks.detect.prefilter import B85_CHARS
    from together_hooks.detect.prefilter import Z85_CHARS

    alphabet = {'ascii85': A85_CHARS, 'z85': Z85_CHARS}.get(kind, B85_CHARS)
    view = a85_view(data, start, kind, alphabet)
    if view is None:
        return []
    packed = container_kind(view.data)
    if packed is not None:
        # A compressed stream so encoded (PostScript's and PDF's
        # ``/ASCII85Decode`` over ``/FlateDecode``): decoded whole (cut at
        # ``B64_REACH``, a stream's later keys were lost, and a bomb passed
        # unread), decompressed on the file's budget
        # (``containers.scan_packed``), reported at the block.
        from together_hooks.detect.containers import scan_packed

        view = a85_view(data, start, kind, alphabet, whole=True) or view
        by_id, scan = _member_scan(rules, budget)
        found, whole = scan_packed(view.data, path, scan, budget)
        if not whole and edge[0]:
            # A block a window's end may cut: not told from one cut short.
            from together_hooks.fileio import WINDOW

            raise InputError(
                f'{path}: an {kind} block of a {packed} that does not decompress whole at the head of '
                f'a large file read in windows ({WINDOW >> 20} MB): not scanned whole',
            )
        return [(start, f.secret, by_id[f.rule], f'{kind} {packed}') for f in found if f.rule in by_id]
    return [
        (view.origin(offset), secret, rule, kind)
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
    ]


def _dec_prefix_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where, budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys written as a decimal byte array that starts with a key's
    prefix (``DEC_PREFIX``): the arrays starting right before each
    (``codec.decimal_view``: brackets and commas, or blanks, 7 numbers or
    more) read as the text they spell."""
    from together_hooks.detect.codec import decimal_view

    return _prefix_view_hits(data, path, rules, depth, where, budget, DEC_PREFIX, decimal_view, 'decimal')


def _hex_prefix_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where, budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys written as hex bytes that start with a key's prefix
    (``HEX_PREFIX``): the runs around each (``codec.hex_view``) read as
    the text they spell."""
    from together_hooks.detect.codec import hex_view

    return _prefix_view_hits(data, path, rules, depth, where, budget, HEX_PREFIX, hex_view, 'hex', screened=False)


def _prefix_view_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where, budget: Budget,
        marks: tuple[bytes, ...], view_of: Callable[[bytes, int, int], View | None], kind: str,
        screened: bool = True,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the views ``view_of`` makes around each of ``marks``
    (``screened``: screen needles, found in ``where``)."""
    hits: list[tuple[int, str, Rule, str]] = []
    # Arrays within ``_HEX_AFTER`` of each other are read as one view (one
    # scan, not one per array: a file of such arrays costs what a file of
    # plain prefixes does), up to ``_PREFIX_SPAN`` a view: a view keeps
    # an origin a byte, so a file dense in marks (a 4 MB window of
    # ``0x74, 0x67, 0x70`` lines) would hold ~200 bytes a byte at once.
    # Views overlap by ``_HEX_BEFORE``; a key both read is reported once.
    # A run's start may sit a line before its mark (``xxd -i``'s 12 bytes
    # a line): ``_HEX_BEFORE``.
    raw = [(max(0, at - _HEX_BEFORE), min(len(data), at + _HEX_AFTER)) for mark in marks for at in _offsets(data, mark, where if screened else None)]
    seen: set[tuple[int, str]] = set()
    for span_lo, span_hi in _merged(raw):
        for lo in range(span_lo, span_hi, _PREFIX_SPAN):
            hi = min(span_hi, lo + _PREFIX_SPAN + _HEX_BEFORE)
            view = view_of(data, lo, hi)
            if view is None:
                continue
            for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False):
                at = lo + view.origin(offset)
                if (at, secret) not in seen:
                    seen.add((at, secret))
                    hits.append((at, secret, rule, kind))
    return hits


def _offsets(data: bytes, mark: bytes, where: Where | None) -> list[int]:
    """Where ``mark`` is in ``data``: the screen's answer (``where``) for
    its needles, a search for the others (``HEX_PREFIX``: ``where`` None)."""
    if where is not None:
        return where.offsets(mark)
    found = []
    at = data.find(mark)
    while at != -1:
        found.append(at)
        at = data.find(mark, at + 1)
    return found


# The most bytes one view of ``_prefix_view_hits`` starts runs in.
_PREFIX_SPAN = 64 << 10


def _dump_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, budget: Budget, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a file that is a hex dump (``codec.dump_view``): what it
    shows is read as any bytes are, and opened as a container's are when
    it starts one (``xxd -p env.gz``), on the file's budget; a container
    a window's edge cuts fails closed (the next window's dump holds no
    magic to open it by)."""
    from together_hooks.detect.codec import dump_view

    view = dump_view(data)
    if view is None:
        return []
    hits = [
        (view.origin(offset), secret, rule, 'hex')
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
    ]
    # A command line above the dump (``prefilter.DUMP_COMMAND``) is a line
    # break before its bytes: the container starts after it.
    packed = view.data[1:] if view.data[:1] == b'\n' else view.data
    kind = container_kind(packed)
    if kind is not None:
        from together_hooks.detect.containers import scan_packed

        by_id, scan = _member_scan(rules, budget)
        found, whole = scan_packed(packed, path, scan, budget)
        if edge[0] and not whole:
            raise InputError(
                f'{path}: a hex dump of {a_kind(kind)} across the edge of a window a large file is read in: '
                'not scanned whole',
            )
        hits += [(view.origin(0), f.secret, by_id[f.rule], f'hex {kind}') for f in found if f.rule in by_id]
    return hits


# A dump's first line pasted into another file: ``xxd``'s offset and
# colon.  It starts as the plain route ``00`` does and holds ``0``, an
# anchor group the grouped route searches already: no route or group
# more; the one-pass blob test (hyperscan) 0.513 -> 0.525 ns/B.  Not
# ``hexdump -C``'s offset and two blanks (``00000000  ``): +26% there
# (docs/detection.md, "Session 32 (enc32)").
PASTED_DUMP_MARKS = (b'00000000: ',)


def _pasted_dump_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], active: tuple[Rule, ...], where: Where,
        budget: Budget, depth: int, hits: list[tuple[int, str, Rule, str]],
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a hex dump pasted into another file (an issue's fence, a
    notebook's output: ``codec.pasted_dump_view``), marked by its first
    line (``PASTED_DUMP_MARKS``) or by a keyword its text column shows:
    the dump around the mark is read as the bytes it shows (a key its
    text column cuts every 16 bytes, a legacy key's hex beside its
    name), and opened as a container's are when those bytes start one
    (``xxd env.gz`` pasted), on the file's budget.  A dump is told by a
    file's first lines (``dump_head``); inside a file, only by these
    marks: a dump pasted from an offset other than 0 whose text column
    cuts every keyword is not read."""
    from together_hooks.detect.codec import pasted_dump_view

    marks = sorted({
        *(at for rule in active for keyword in rule.keywords for at in where.offsets(keyword)),
        *(at for mark in PASTED_DUMP_MARKS for at in where.offsets(mark)),
    })
    found = {secret for _o, secret, _r, _e in hits}
    out: list[tuple[int, str, Rule, str]] = []
    done_to = -1
    for at in marks:
        if at < done_to:
            continue
        pasted = pasted_dump_view(data, at)
        if pasted is None:
            # No dump's line: nor for any other mark on it (the view is
            # the line's), so each line is asked once, not once a mark
            # (a line of 100,000 keywords was read 100,000 times).
            line_end = data.find(b'\n', at)
            done_to = len(data) if line_end == -1 else line_end
            continue
        view, done_to = pasted
        out += [
            (view.origin(offset), secret, rule, 'hex')
            for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
            if secret not in found
        ]
        kind = container_kind(view.data)
        if kind is not None:
            from together_hooks.detect.containers import scan_packed

            _count_opened(budget, path, 'dumps or base64 values of containers', 'decoded')
            by_id, scan = _member_scan(rules, budget)
            packed, _whole = scan_packed(view.data, path, scan, budget)
            out += [(view.origin(0), f.secret, by_id[f.rule], f'hex {kind}') for f in packed if f.rule in by_id]
    return out


def _ooxml_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in an Office document's text (``codec.ooxml_text_view``): a
    label and its key in two runs of one paragraph read as one line."""
    from together_hooks.detect.codec import ooxml_text_view

    return _view_hits(ooxml_text_view(data), path, rules, budget)


def _markup_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget, kind: str,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in an HTML page's or an RTF document's text
    (``codec.html_text_view``, ``codec.rtf_text_view``): a key cut by
    markup joined, a name and its value with their markup gone."""
    from together_hooks.detect.codec import html_text_view
    from together_hooks.detect.codec import rtf_text_view

    return _view_hits((html_text_view if kind == 'html' else rtf_text_view)(data), path, rules, budget)


def _view_hits(
        view: View | None, path: str, rules: tuple[Rule, ...], budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a view of the file (its text read as lines), each where
    the file holds it."""
    if view is None:
        return []
    return [
        (view.origin(offset), secret, rule, 'raw')
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, 1, False)
    ]


def _qp_body_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in the base64 values of a quoted-printable body (a mail that
    says it is one and holds a soft line break) decoded whole
    (``codec.qp_view``): a value or a ``data:`` URI the encoder's soft line
    breaks cut at 76 columns, read as ``_b64_hits`` reads a file's.  Asked
    only of a file where the screen found a keyword's base64 form; the
    rest of the body is read around its keywords (``codec.readings``), and
    only its base64 is read again here: the whole stack over the decoded
    body cost +75% on a 1.8 MB mail (docs/performance.md)."""
    from together_hooks.detect.codec import qp_view

    view = qp_view(data)
    if view is None:
        return []
    where = keyword_screen(rules).where(view.data)
    return [
        (view.origin(offset), secret, rule, 'quoted-printable')
        for offset, secret, rule, _enc in _b64_hits(view.data, path, rules, 0, where, budget)
    ]


def _marshalled(data: bytes) -> bool:
    """Could ``data`` be a ``.pyc`` (its header's ``\\r\\n`` then a code
    object) or a marshal dump of a dict, list or tuple (its first type
    byte): two byte comparisons, ``pyc.marshal_view`` tells the rest."""
    return data[2:4] == b'\r\n' and data[16:17] in (b'c', b'\xe3') or data[:1] in _MARSHAL_FIRST


# Where a binary pickle starts (``pickles.STARTS``: PROTO 2 to 5), known
# here without importing the reader.
PICKLE_STARTS = frozenset((b'\x80\x02', b'\x80\x03', b'\x80\x04', b'\x80\x05'))


# A marshal dump's first type byte (``pyc.marshal_view``), with or without
# the flag that makes it a reference: a dict, a list, a tuple.
_MARSHAL_FIRST = frozenset((b'{', b'\xfb', b'[', b'\xdb', b'(', b'\xa8', b')', b'\xa9'))


def _marshal_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a ``.pyc`` or marshal dump read as its program
    (``pyc.marshal_view``): a name beside the constant it is given, a
    dict's key beside its value."""
    from together_hooks.detect.pyc import marshal_view

    return _view_hits(marshal_view(data), path, rules, budget)


def _sqlite_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a SQLite database's rows read as a tab-separated table
    under its columns' names (``detect.sqlite``): a value apart from the
    next column's, a key under its column's name and beside its row's
    provider; a BLOB that starts a container (raw zlib, a gzip) opened
    (``_opened_decoded``)."""
    from together_hooks.detect.sqlite import PackedFull
    from together_hooks.detect.sqlite import ROWS_ROOM
    from together_hooks.detect.sqlite import RowsFull
    from together_hooks.detect.sqlite import sqlite_view

    packed: list[tuple[bytes, int]] = []
    try:
        view = sqlite_view(data, packed)
    except PackedFull:
        raise InputError(
            f'{path}: BLOBs of containers past twice the file\'s size (cells that overlap): not scanned whole',
        ) from None
    except RowsFull:
        raise InputError(
            f'{path}: a SQLite database whose rows read as more than {ROWS_ROOM} times its size '
            '(cells that overlap): not scanned whole',
        ) from None
    if view is None:
        return []
    hits = [
        (view.origin(offset), secret, rule, 'raw')
        for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, 1, False)
    ]
    for blob, at in packed:  # a BLOB that is a container (an app's cache of compressed files)
        hits += _opened_decoded(blob, at, path, rules, budget, edge, 'sqlite blob')
    return hits


_WIDE_TESTS: dict[tuple[Rule, ...], Callable[[bytes], bool]] = {}


def _holds_wide(data: bytes, rules: tuple[Rule, ...]) -> bool:
    """Whether ``data`` holds a keyword of ``rules`` in UTF-16 or UTF-32
    (``widetext.wide_forms``): asked of bytes with a NUL in their head
    only, never of a text file."""
    test = _WIDE_TESTS.get(tuple(rules))
    return (test or _wide_test(rules))(data)


def _wide_test(rules: tuple[Rule, ...]) -> Callable[[bytes], bool]:
    """``_holds_wide``'s test, made once for ``rules`` (``prepare``: before
    a scan forks): ``widetext.holds_wide``, one ``find`` a form, or once
    the screen reads by hyperscan's one pass (``Keywords.one_pass``) the
    same answer by one pass of its own over the forms: a binary's bytes
    are read once, not once for each of the forms."""
    from together_hooks.detect.widetext import holds_wide
    from together_hooks.detect.widetext import wide_forms

    forms = wide_forms(k for rule in rules for k in rule.keywords)
    routes = hyperscan_routes(forms) if keyword_screen(rules).one_pass else None
    test = _WIDE_TESTS[tuple(rules)] = (
        routes[1] if routes is not None else lambda data: holds_wide(data, forms)
    )
    return test


def _wide_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, budget: Budget,
) -> list[tuple[int, str, Rule, str]]:
    """Keys in a binary's UTF-16 and UTF-32 strings (``widetext.runs_view``,
    as ``strings -el``/``-eb`` reads them): each string a line, strings
    near each other read together (an environment block's entries, a
    name and its value), every offset mapped to its character's byte."""
    from together_hooks.detect.widetext import runs_view

    view = runs_view(data, tuple(k for rule in rules for k in rule.keywords), _WIDE_REACH)
    if view is None:
        return []
    hits = _hits(view.data, path, rules, budget, depth + 1, False)
    if hits and path not in NOT_FILES:
        # A pragma on the wide string is in its characters, not in the
        # binary's bytes (``_scan`` looks there): judged on the string's
        # line here, one rule for UTF-16 and UTF-32 alike.
        from together_hooks.detect.pragmas import allowed_inline

        hits = [
            h for h in hits
            if not _excused(allowed_inline(view.data, *_line_bounds(view.data, h[0])), view.data, h[0], h[1], budget)
        ]
    return [(view.origin(offset), secret, rule, 'raw') for offset, secret, rule, _enc in hits]


# Strings this many bytes apart or nearer are read as neighbours, and
# groups of them this many lines apart: as far as a rule's keyword window.
_WIDE_REACH = 4096


def _radix_hits(
        data: bytes, path: str, rules: tuple[Rule, ...], depth: int, where: Where,
        budget: Budget, edge: Edge,
) -> list[tuple[int, str, Rule, str]]:
    """Keys inside base32 and base85 values: only where a rule keyword's
    form in that encoding occurs; what they decode to is read as any
    bytes are (base64 inside it too, up to ``B64_DEPTH`` in all).  A
    ``GIT binary patch`` hunk's lines are base85 framed by a count
    character each: they are read by ``_git_binary_hits`` alone (joined
    as one value they decode misaligned, a key's prefix glued to bytes
    that are not its own)."""
    hits: list[tuple[int, str, Rule, str]] = []
    for kind, forms in (
            ('base32', [f for rule in rules for f in rule.b32_keywords if f in where]),
            ('base85', [f for rule in rules for f in rule.b85_keywords if f in where]),
    ):
        if not forms:
            continue
        from together_hooks.detect.codec import radix_view

        plain = tuple(k for rule in rules for k in rule.keywords)
        offsets = [i for form in forms for i in where.offsets(form)]
        if kind == 'base85' and (GIT_BINARY in where or _hunks_handed(edge)):
            offsets = _outside_git_hunks(data, offsets, where, edge)
        view = radix_view(data, offsets, plain, kind)
        if view is None:
            continue
        hits += [
            (view.origin(offset), secret, rule, kind)
            for offset, secret, rule, _enc in _hits(view.data, path, rules, budget, depth + 1, False)
        ]
    return hits


def _outside_git_hunks(data: bytes, offsets: list[int], where: Where, edge: Edge) -> list[int]:
    """``offsets`` less those inside a ``GIT binary patch`` hunk's lines
    (its patch's marker here, or the hunk left here by the window before:
    the hunks ``_git_binary_hits`` reads)."""
    from bisect import bisect_right

    from together_hooks.detect.codec import git_binary_hunks

    spans = [h[:2] for at in where.offsets(GIT_BINARY) for h in git_binary_hunks(data, at + len(GIT_BINARY))]
    spans += [h[:2] for at, how in edge[3].items() if how is not None for h in git_binary_hunks(data, at, how)]
    if not spans:
        return offsets
    spans.sort()
    starts = [s for s, _ in spans]
    reach = []  # the furthest end of the spans so far
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    out = []
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset >= reach[i]:
            out.append(offset)
    return out


def _scan(data: bytes, path: str, rules: tuple[Rule, ...], budget: Budget) -> list[Finding]:
    hits = _hits(data, path, rules, budget)
    if not hits:
        return []
    hits.sort(key=lambda h: h[0])
    from together_hooks.detect.pragmas import allowed_inline

    findings = []
    seen = set()
    line_no = 1
    line_start = last = 0
    bounds: tuple[int, int] = (-1, -1)
    allowed = False
    # A pragma is a comment in a file, seen in its diff: in what is no
    # file (an author's name, a path's name, a message, a push option) it
    # is only more text, and a key there went on to every remote with it.
    honoured = path not in NOT_FILES
    for offset, secret, rule, encoding in hits:
        # Offsets are sorted: count newlines once, so many findings on one
        # 50 MB line stay linear.
        newlines = data.count(b'\n', last, offset)
        if newlines:
            line_no += newlines
            line_start = data.rfind(b'\n', last, offset) + 1
        last = offset
        # The same key on the same line, found in two readings, is one.
        if (line_no, secret) in seen:
            continue
        seen.add((line_no, secret))
        if not bounds[0] <= offset <= bounds[1]:
            bounds = _line_bounds(data, offset)
            allowed = honoured and allowed_inline(data, *bounds)
        if _excused(allowed, data, offset, secret, budget):
            continue
        column = offset - line_start + 1
        findings.append(Finding(path, line_no, column, rule.id, secret, encoding))
    return findings


def _excused(allowed: bool, data: bytes, offset: int, secret: str, budget: Budget) -> bool:
    """Whether a pragma excuses the key ``secret`` at ``offset`` (``allowed``:
    its line holds one a reviewer sees): the one place a pragma excuses a
    finding.  Never a key the developer holds (``Budget.held``): a copy of
    your own key is a leak whatever comment sits beside it."""
    if not allowed:  # most findings: no pragma on their line
        return False
    from together_hooks.detect.pragmas import in_view

    return in_view(data, offset) and not (budget.held is not None and budget.held(secret))
