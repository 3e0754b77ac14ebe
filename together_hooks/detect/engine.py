"""Detection: bytes in, findings out.

One pass per file: a keyword prefilter (plain ``bytes in`` checks, which run
at memory speed) decides which rules can possibly match; only those rules'
regexes run.  Candidates then pass the shape checks of their rule (entropy,
placeholder shapes, nearby context), whole-value base64 encodings are
decoded and rescanned in place, and inline allow pragmas are honoured.

Everything works on raw bytes, so binary files, invalid UTF-8, CRLF and
single-line minified files need no special path.
"""
from __future__ import annotations

import re

from together_hooks.findings import Finding
from together_hooks.rules import Pattern
from together_hooks.rules import RULES
from together_hooks.rules import Rule

_KEY_BYTES = frozenset(
    b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
)
# An escape right before a key separates it from the text before it:
# "...\ntgp_v1_..." in JSON, "%3Dtgp_v1_..." in URLs, "\u003d" in JS.
# (Regex sources here are compiled, and cached by re, on first use.)
_ESCAPE_BEFORE = rb'(?:\\[nrtfvb0]|%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2})\Z'

_B64_TO_STD = bytes.maketrans(b'-_', b'+/')
_PRINTABLE = rb'[\t\n\r\x20-\x7e]*\Z'

_WINDOW = 4096  # bytes: how far context and pragma checks look on a line


def _touches_key_char(data: bytes, start: int) -> bool:
    if start == 0 or data[start - 1] not in _KEY_BYTES:
        return False
    return re.compile(_ESCAPE_BEFORE).search(data, max(0, start - 6), start) is None


def _line_bounds(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b'\n', max(0, offset - _WINDOW), offset) + 1
    if start == 0 and offset > _WINDOW:
        start = offset - _WINDOW
    end = data.find(b'\n', offset, offset + _WINDOW)
    if end == -1:
        end = min(len(data), offset + _WINDOW)
    return start, end


def _near(
        data: bytes, offset: int, regex: re.Pattern[bytes], lines: int,
        seen: dict[re.Pattern[bytes], tuple[list[int], list[int]]],
) -> bool:
    """Does ``regex`` match within ``lines`` lines of ``offset``?

    Its matches in ``data`` are found once (``seen`` holds their starts and
    ends for this scan), so thousands of candidates packed on one long line
    cost one pass, not one search of their surroundings each.
    """
    if regex not in seen:
        found = [(m.start(), m.end()) for m in regex.finditer(data)]
        seen[regex] = ([a for a, _b in found], [b for _a, b in found])
    starts, ends = seen[regex]
    from bisect import bisect_left
    from bisect import bisect_right

    # None within the farthest the lines can reach: no need to find them.
    reach = (lines + 1) * _WINDOW
    i = bisect_left(starts, offset - reach)
    if i == len(starts) or starts[i] > offset + reach:
        return False
    # The usual case (a heading, a URL just above): the last match before
    # the key, ended before it, within one window and ``lines`` newlines,
    # is inside the lines walked below whatever their lengths.
    j = bisect_right(starts, offset) - 1
    if (
            j >= 0 and ends[j] <= offset and offset - starts[j] <= _WINDOW
            and data.count(b'\n', starts[j], offset) <= lines
    ):
        return True
    start, end = _line_bounds(data, offset)
    for _ in range(lines):
        if start > 0:
            start, _e = _line_bounds(data, start - 1)
        if end < len(data):
            _s, end = _line_bounds(data, end + 1)
    # Matches do not overlap: the first one starting in range is the one
    # that ends first.
    i = bisect_left(starts, start, i)
    return i < len(starts) and ends[i] <= end


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


def _spans(data: bytes, rule: Rule) -> list[tuple[int, int]]:
    """The stretches of ``data`` worth running ``rule``'s patterns on."""
    window = rule.window
    if window is None:
        return [(0, len(data))]
    anchor = rule.anchor
    raw = []
    for keyword in rule.keywords:
        at = data.find(keyword)
        while at != -1:
            if anchor is not None and anchor.match(data, max(0, at - 1)) is None:
                at = data.find(keyword, at + 1)
                continue
            # End on a line end where there is one near, else after a second
            # window (a 10 MB minified line is not rescanned whole for each
            # hit); _candidates rechecks a match that touches the cut.
            end = data.find(b'\n', at + window, at + 2 * window)
            raw.append((max(0, at - window), min(len(data), at + 2 * window) if end == -1 else end))
            at = data.find(keyword, at + 1)
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
        near_seen: dict[re.Pattern[bytes], tuple[list[int], list[int]]],
) -> tuple[int, str] | None:
    """(offset, key) for a regex match, or None when it is not a key."""
    groups = m.re.groupindex
    if 'skip' in groups and m.start('skip') != -1:
        return None
    encoded = 'encoded' in groups and m.start('encoded') != -1
    start = m.start('encoded' if encoded else 'secret')
    if _touches_key_char(data, start):
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
    near = pattern.near
    if near is not None and not _near(data, start, near, pattern.near_lines, near_seen):
        return None
    return start, secret


def _candidates(
        data: bytes, rules: tuple[Rule, ...],
) -> list[tuple[int, str, Rule]]:
    """(offset, secret, rule) for every shape-valid key in ``data``."""
    found = []
    near_seen: dict[re.Pattern[bytes], tuple[list[int], list[int]]] = {}
    for rule in rules:
        spans = _spans(data, rule)
        for pattern in rule.patterns:
            keyword = pattern.keyword
            for lo, hi in spans:
                if keyword is not None and data.find(keyword, lo, hi) == -1:
                    continue
                for m in pattern.regex.finditer(data, lo, hi):
                    if m.end() == hi < len(data):
                        # Cut mid-line: let a trailing lookahead see the
                        # real next byte.
                        m = pattern.regex.match(data, m.start())
                        if m is None:
                            continue
                    hit = _secret_of(data, m, pattern, rule, near_seen)
                    if hit is not None:
                        found.append((*hit, rule))
    return found


def _decode_b64(token: bytes) -> bytes | None:
    import binascii

    token = token.rstrip(b'=').translate(_B64_TO_STD)
    token = token[:len(token) - len(token) % 4 if len(token) % 4 == 1 else None]
    try:
        raw = binascii.a2b_base64(token + b'=' * (-len(token) % 4))
    except binascii.Error:
        return None
    return raw if re.match(_PRINTABLE, raw) else None


def may_be_wide(data: bytes) -> bool:
    """Whether ``data`` may be UTF-16/UTF-32 text, which ``_normalise``
    decodes before any keyword is looked for."""
    return b'\0' in data[:4096] or data[:2] in (b'\xff\xfe', b'\xfe\xff')


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
) -> list[Finding]:
    """Every Together key in ``data``; ``path`` is only used for reporting."""
    text = _normalise(data)
    findings = _scan(text, path, rules)
    if text is not data:
        # A UTF-16 file with plain ASCII appended (cmd's ``echo ... >>``)
        # decodes cleanly, but the appended key only survives in the raw bytes.
        seen = {f.secret for f in findings}
        findings += [f for f in _scan(data, path, rules) if f.secret not in seen]
    return findings


def _scan(data: bytes, path: str, rules: tuple[Rule, ...]) -> list[Finding]:
    active = tuple(
        rule for rule in rules
        if any(k in data for k in rule.keywords) and rule_applies(rule, path)
    )
    if not active:
        return []
    hits = _candidates(data, active)
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
    for offset, secret, rule in hits:
        if (offset, secret) in seen:
            continue
        seen.add((offset, secret))
        # Offsets are sorted: count newlines once, so many findings on one
        # 50 MB line stay linear.
        newlines = data.count(b'\n', last, offset)
        if newlines:
            line_no += newlines
            line_start = data.rfind(b'\n', last, offset) + 1
        last = offset
        if not bounds[0] <= offset <= bounds[1]:
            bounds = _line_bounds(data, offset)
            allowed = allowed_inline(data, *bounds)
        if allowed:
            continue
        column = offset - line_start + 1
        encoding = 'raw' if data.startswith(secret.encode(), offset) else 'base64'
        findings.append(Finding(path, line_no, column, rule.id, secret, encoding))
    return findings
