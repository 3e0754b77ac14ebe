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


# Per byte: 1 where the next byte up (down) is a step of +1 (-1) from
# it; a byte at the end of the range steps nowhere.
_UP = bytes(range(1, 256)) + b'\0'
_DOWN = b'\xff' + bytes(range(255))
_CAN_UP = bytes([1] * 255 + [0])
_CAN_DOWN = bytes([0] + [1] * 255)
_IS_ZERO = bytes([1] + [0] * 255)


# Each letter's place along its row of a QWERTY keyboard, the rows apart
# (a gap between them, so a row's end is no step to the next row's
# start); every other byte 0xff, which steps to nothing but 0xfe, which no
# byte is given: "qwertyuiop" and "asdfghjkl" read as runs as "abcdef" does.
_KEYBOARD = bytearray(b'\xff' * 256)
for _row, _start in ((b'qwertyuiop', 0x01), (b'asdfghjkl', 0x0d), (b'zxcvbnm', 0x18)):
    for _i, _c in enumerate(_row):
        _KEYBOARD[_c] = _start + _i
_KEYBOARD = bytes(_KEYBOARD)


def _run_bits(raw: bytes) -> int:
    """One bit per byte of ``raw`` (8 bits a byte, little end first) set
    where the byte is in a run of 3+ bytes each one above (or below) the
    last, side by side or every other byte (see ``readable_share``)."""
    covered = 0
    for stride in (1, 2):
        head, tail = raw[:-stride], raw[stride:]
        if len(tail) < 2:
            continue
        after = int.from_bytes(tail, 'little')
        size = len(tail)
        for step, can in ((_UP, _CAN_UP), (_DOWN, _CAN_DOWN)):
            differs = (int.from_bytes(head.translate(step), 'little') ^ after).to_bytes(size, 'little')
            link = (int.from_bytes(differs.translate(_IS_ZERO), 'little')
                    & int.from_bytes(head.translate(can), 'little'))
            pair = link & (link >> 8 * stride)
            covered |= pair | pair << 8 * stride | pair << 16 * stride
    return covered


def readable_share(body: str) -> float:
    """The share of ``body`` in runs of 3+ characters each one above (or
    below) the last, case ignored, side by side or every other character,
    in the alphabet's order or along a keyboard's row: "abc123def456...",
    "a1b2c3..." and "qwertyuiopasdfghjkl..." are almost all such runs, a
    random key almost none (a run of 3 at a given place: 1 in 4096 for
    base64, 1 in 290 for hex; along a row, fewer).

    Worked a whole string at a time, one byte per character as an integer
    (as ``has_run``): ``link`` holds 1 at ``i`` where character ``i + s``
    is one step from character ``i``; two links in a row make a run of 3
    that covers its characters.
    """
    raw = body.lower().encode('utf-8', 'surrogateescape')
    covered = _run_bits(raw) | _run_bits(raw.translate(_KEYBOARD))
    return bin(covered).count('1') / max(1, len(raw))


# A placeholder word is no bound on chance by itself: a random body holds
# one of the 5-character words ("your_") about once in a million.  A word
# counts where a random body holds it, in the case it is written, times
# the chance of the body's strongest other sign of being typed, not drawn,
# less often than this (``_word_chance``): "EXAMPLE", "Together" or
# "placeholder" anywhere, "sample" or "dummy_" at the body's start or end,
# "Sample" inside a body without a digit, "your_" beside a second word.
_WORD_ALONE = 1e-10
# The other signs, each with how often a random body of 43 shows it
# (docs/detection.md "Session 34 (ph34)"): a run of 5, case ignored; a
# quarter of the body in readable runs; no digit at all (54/64 a
# character: ``_no_digit``).
_WORD_RUN, _WORD_RUN_CHANCE = 5, 6e-5
_WORD_READABLE, _WORD_READABLE_CHANCE = 0.25, 6e-5
_NO_DIGIT = 54 / 64
# A body shown upper-cased (``cased=False``) draws from 38 kinds, not 64,
# the letters twice as often: its entropy and its kinds sit lower, so its
# floors do too.  At the cased floors (3.9 bits, 16 kinds) a random one
# fell under once in 15,000; at these (3.4, 13), once in 1e10.
UNCASED_ENTROPY_DROP = 0.5
UNCASED_DISTINCT_DROP = 3


def _word_places(lowered: str) -> list[tuple[int, int]]:
    """Where ``KEY_PLACEHOLDER_WORDS`` sit in ``lowered``: (start, end)."""
    places = []
    for word in KEY_PLACEHOLDER_WORDS:
        at = lowered.find(word)
        while at >= 0:
            places.append((at, at + len(word)))
            at = lowered.find(word, at + 1)
    return places


def _word_chance(body: str, start: int, end: int, cased: bool) -> float:
    """How often a random body of ``body``'s length holds ``body[start:end]``
    where it is (at either end, or anywhere) written as it is: each
    character one of 64, in one of three forms (lower, upper, capitalised;
    none else counts); a body shown upper-cased (``cased=False``) has no
    forms, and each of its letters is one of 32 (either case drawn)."""
    word = body[start:end]
    places = 2 if start == 0 or end == len(body) else len(body) - len(word) + 1
    if not cased:
        letters = sum(c.isalpha() for c in word)
        return places * 32.0 ** -letters * 64.0 ** (letters - len(word))
    if not (word.islower() or word.isupper() or word.istitle()):
        return 1.0
    return places * 3 * 64.0 ** -len(word)


def _two_apart(places: list[tuple[int, int]]) -> bool:
    """Two of ``places`` that do not overlap ("your_" and "api_key")."""
    return any(b[0] >= a[1] for a in places for b in places)


def is_placeholder(body: str, rule: Rule, cased: bool = True) -> bool:
    """True when ``body`` (the key without its prefix) is not random.
    ``cased=False``: ``body`` was upper-cased (a key shown in capitals),
    so the rule's character classes, which need both cases, say nothing,
    and its floors of kinds and entropy sit lower.

    Each test alone passes a random body as a placeholder less often than
    once in 1e9 (docs/detection.md, "Session 34 (ph34)"): a run counts
    case ignored, at the rule's ``max_run`` (a same-case run is one too),
    a placeholder word only where chance rarely puts it (``_WORD_ALONE``)."""
    distinct, floor = rule.min_distinct, rule.entropy_floor
    if not cased:
        distinct, floor = distinct - UNCASED_DISTINCT_DROP, floor - UNCASED_ENTROPY_DROP
    if len(set(body)) < distinct:
        return True
    if entropy(body) < floor:
        return True
    lowered = body.lower()
    if has_run(lowered, rule.max_run):
        return True
    share = readable_share(body)
    if share >= 0.5:
        return True
    if rule.classes and cased:
        from together_hooks.regex_cache import cached

        if not all(cached(c).search(body) for c in rule.classes):
            return True
    for period in range(1, 17):  # "abcd" * 16, "0123456789abcdef" * 4
        if body[period:] == body[:-period]:
            return True
    places = _word_places(lowered)
    if not places:
        return False
    if _two_apart(places):
        return True
    sign = min(
        _WORD_RUN_CHANCE if has_run(lowered, _WORD_RUN) else 1.0,
        _WORD_READABLE_CHANCE if share >= _WORD_READABLE else 1.0,
        1.0 if any(c.isdigit() for c in body) else _NO_DIGIT ** len(body),
    )
    return any(_word_chance(body, a, b, cased) * sign <= _WORD_ALONE for a, b in places)
