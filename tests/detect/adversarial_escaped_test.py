"""Baits aimed at the escaped-keyword readings (``codec.escaped_keyword_spans``:
a keyword with some characters escaped is found by unescaping the runs of
escapes around it) and the escapes added for them (octal, ``\\u{..}``,
line-ending backslashes, named character references), and keys wrapped
across lines (``codec.wrapped_view``).  Same measure as
``tests/detect/adversarial_test.py``: 4x the input under 8x the CPU."""
from __future__ import annotations

import pytest

from tests.detect.adversarial_test import check_bait
from tests.detect.adversarial_test import cycle
from tests.detect.adversarial_test import KB
from tests.detect.adversarial_test import KEYS
from tests.detect.adversarial_test import repeat


def _escaped(key: bytes, form: bytes) -> bytes:
    return key.replace(b'_', form)


BAITS = (
    # One run of escapes as long as the file: one unescaping of it.
    ('escaped-prefixes-one-run', lambda n: repeat(b'tgp%5Fv1%5F', n), 128 * KB, 0),
    ('escaped-underscores', lambda n: repeat(b'%5F\\u005f&#95;=5F\\137', n), 128 * KB, 0),
    ('escaped-letters', lambda n: repeat(b'\\u0074\\x67&#x70;', n), 128 * KB, 0),
    # Runs of escapes apart from each other: each unescaped once.
    ('escapes-apart', lambda n: repeat(b'%5F' + b'x' * 40, n), 128 * KB, 0),
    ('soft-breaks-between-letters', lambda n: b'quoted-printable\n' + repeat(b'tg=\np', n), 128 * KB, 0),
    ('line-ending-backslashes', lambda n: repeat(b'"tgp_v1_\\\n    ', n), 128 * KB, 0),
    ('named-references', lambda n: repeat(b'&lowbar;&dash;&amp;', n), 128 * KB, 0),
    ('escaped-prefix-keys', lambda n: cycle([_escaped(k, b'%5F') + b'\n' for k in KEYS], n), 64 * KB, None),
    ('octal-prefix-keys', lambda n: cycle([_escaped(k, b'\\137') + b' ' for k in KEYS], n), 64 * KB, None),
    # UTF-7: prefixes and one base64 run as long as the file; keys.
    ('utf7-prefixes', lambda n: repeat(b'tgp+AF8-v1+AF8-', n), 128 * KB, 0),
    ('utf7-one-run', lambda n: b'tgp+AF8' + repeat(b'AF8A', n), 128 * KB, 0),
    ('utf7-keys', lambda n: cycle([_escaped(k, b'+AF8-') + b'\n' for k in KEYS], n), 64 * KB, None),
    # Keys wrapped across lines (``codec.wrapped_view``).
    ('wrapped-prefixes', lambda n: repeat(b'tgp_v1_Ab\n', n), 128 * KB, 0),
    ('wrapped-prefixes-quoted', lambda n: repeat(b'> tgp_v1_\n> ', n), 128 * KB, 0),
    ('wrapped-keys', lambda n: cycle([k[:30] + b'\n  ' + k[30:] + b'\n' for k in KEYS], n), 64 * KB, None),
    ('continued-keys', lambda n: cycle([b'"' + k[:25] + b'\\\n  ' + k[25:] + b'"\n' for k in KEYS], n),
     64 * KB, None),
    # Empty lines after a wrapped key's piece or an escaped break.
    ('wrapped-prefixes-empty-lines', lambda n: repeat(b'tgp_v1_Ab\n\n  \n', n), 128 * KB, 0),
    ('continued-prefixes-empty-lines', lambda n: repeat(b'"tgp_v1_\\\n\n \n', n), 128 * KB, 0),
    ('wrapped-keys-empty-line', lambda n: cycle([k[:30] + b'\n\n  ' + k[30:] + b'\n' for k in KEYS], n),
     64 * KB, None),
)


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in BAITS], ids=[b[0] for b in BAITS])
def test_bait_scans_in_linear_time(bait, size, count):
    check_bait(bait, size, count)
