"""Shape checks: is a key-shaped candidate random enough to be a key?"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from together_hooks.rules import Rule


def entropy(text: str) -> float:
    """Shannon entropy of ``text``, bits per character."""
    from math import log2  # only once a candidate is found

    n = len(text)
    return -sum(c / n * log2(c / n) for c in map(text.count, set(text)))


# Words that make a value a placeholder, not a credential; the one home of
# every such list.  In a key-shaped body (the part after ``tgp_v1_``):
KEY_PLACEHOLDER_WORDS = (
    'your_', 'your-', 'yourkey', 'yourapi', 'example', 'placeholder',
    'replace', 'together', 'redacted', 'changeme', 'insert', 'apikey',
    'api_key', 'api-key', 'sample', 'dummy_',
)
# In the value of a variable named like a Together key (env/values.py):
VALUE_PLACEHOLDER_WORDS = ('your', 'example', 'placeholder', 'changeme', 'xxxx')
# In a template's value of any provider (env/values.py): also the words
# templates use for "put yours here".
TEMPLATE_PLACEHOLDER_WORDS = VALUE_PLACEHOLDER_WORDS + (
    'replace', 'dummy', 'sample', 'secret', 'token', 'here',
)
_NEXT_BYTE = bytes(range(1, 256)) + b'\0'


def has_run(body: str, n: int) -> bool:
    """``n`` identical characters in a row ("xxxxxx"), or ``n`` each one
    above the last ("abcdef", "123456").

    Compared a whole string at a time, not character by character: the
    bytes of ``body`` XOR the bytes after them are zero where a character
    repeats, and XOR the next-higher bytes zero where it steps up by one;
    a run of ``n`` is ``n - 1`` such zeros in a row.
    """
    if n <= 1:
        return True
    raw = body.encode('utf-8', 'surrogateescape')
    if len(raw) < n:
        return False
    head, tail = raw[:-1], raw[1:]
    size = len(tail)
    after = int.from_bytes(tail, 'big')
    same = (int.from_bytes(head, 'big') ^ after).to_bytes(size, 'big')
    step = (int.from_bytes(head.translate(_NEXT_BYTE), 'big') ^ after).to_bytes(size, 'big')
    zeros = b'\0' * (n - 1)
    return zeros in same or zeros in step


def readable_share(body: str) -> float:
    """The share of ``body`` in runs of 3+ characters each one above (or
    below) the last, case ignored, side by side or every other character:
    "abc123def456..." and "a1b2c3..." are almost all such runs, a random
    key almost none (a run of 3 at a given place: 1 in 4096 for base64,
    1 in 290 for hex)."""
    raw = body.lower().encode('utf-8', 'surrogateescape')
    covered = [False] * len(raw)
    # Stride 2 finds two interleaved sequences ("a1b2c3...").
    for stride in (1, 2):
        for step in (1, -1):
            for first in range(stride):
                run = range(first, len(raw), stride)
                start = 0
                for j in range(1, len(run) + 1):
                    if j < len(run) and raw[run[j]] - raw[run[j - 1]] == step:
                        continue
                    if j - start >= 3:
                        for k in run[start:j]:
                            covered[k] = True
                    start = j
    return sum(covered) / max(1, len(raw))


def is_placeholder(body: str, rule: Rule) -> bool:
    """True when ``body`` (the key without its prefix) is not random."""
    if len(set(body)) < rule.min_distinct:
        return True
    if entropy(body) < rule.entropy_floor:
        return True
    if has_run(body, rule.max_run) or has_run(body.lower(), rule.max_run):
        return True
    if readable_share(body) >= 0.5:
        return True
    if rule.classes:
        from re import search

        if not all(search(c, body) for c in rule.classes):
            return True
    for period in range(1, 17):  # "abcd" * 16, "0123456789abcdef" * 4
        if body[period:] == body[:-period]:
            return True
    lowered = body.lower()
    return any(word in lowered for word in KEY_PLACEHOLDER_WORDS)
