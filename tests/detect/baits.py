"""Inputs built to make the scanner's regexes and walks backtrack or read
again: one home for what the suite checks each yields (``tests/detect``) and
for ``bench/complexity.py``, which times each at two sizes (4x the input must
cost under 8x the CPU; linear work gives ~4x, quadratic ~16x).

Standard library and the package only (bench/ imports it without pytest).
Each table row: (id, bait(size) -> bytes, smaller size, how many findings it
must yield at that size: 0, or None for "some").
"""
from __future__ import annotations

import base64
import hashlib
import random
from typing import Callable

from tests.keys import make_hex
from tests.keys import make_key

KB = 1024
MB = 1024 * KB
HEX = b'0123456789abcdef'
_rng = random.Random(4242)
KEYS = [make_key(_rng).encode() for _ in range(500)]
HEXES = [make_hex(_rng).encode() for _ in range(500)]
OWN = make_key(_rng)


def repeat(unit: bytes, size: int) -> bytes:
    return unit * (size // len(unit) + 1)


def cycle(units: list[bytes], size: int) -> bytes:
    """Distinct units (real keys) until ``size`` bytes."""
    out = []
    total = 0
    i = 0
    while total < size:
        out.append(units[i % len(units)])
        total += len(out[-1])
        i += 1
    return b''.join(out)


# (id, bait(size) -> bytes, smaller size, how many findings it must yield
# at that size: 0, or None for "some")
ADVERSARIAL: tuple[tuple[str, Callable[[int], bytes], int, int | None], ...] = (
    # From the issue.
    ('tgp-prefix-repeated', lambda n: repeat(b'tgp_v1_', n), 512 * KB, 0),
    ('hex-after-name', lambda n: b'TOGETHER_API_KEY=' + repeat(HEX, n), 512 * KB, 0),
    ('spaces-after-name', lambda n: b'TOGETHER_API_KEY=' + b' ' * n + b'x', 512 * KB, 0),
    ('tabs-before-assign', lambda n: b'TOGETHER_API_KEY' + b'\t' * n + b'=', 512 * KB, 0),
    ('newlines-after-name', lambda n: b'TOGETHER_API_KEY:' + b'\n' * n, 512 * KB, 0),
    ('b64-prefix-repeated', lambda n: repeat(b'dGdwX3Yx', n), 512 * KB, 0),
    ('bearer-repeated', lambda n: b'api.together.xyz ' + repeat(b'Bearer ', n), 512 * KB, 0),
    ('name-lines', lambda n: repeat(b'TOGETHER_API_KEY=\n', n), 64 * KB, 0),
    # Near misses and many findings.
    ('key-chars-after-prefix', lambda n: b'tgp_v1_' + b'A' * n, 512 * KB, 0),
    # A run of key characters is passed over whole; the key after it counts.
    ('prefix-run-then-key', lambda n: repeat(b'tgp_v1_', n) + b' ' + KEYS[0], 512 * KB, 1),
    ('b64-run-then-key', lambda n: repeat(b'dGdwX3Yx', n) + b'\n' + base64.b64encode(KEYS[0]), 512 * KB, 1),
    ('keys-one-line', lambda n: cycle([k + b' ' for k in KEYS], n), 64 * KB, None),
    ('keys-each-line', lambda n: cycle([k + b'\n' for k in KEYS], n), 64 * KB, None),
    ('keys-after-escapes', lambda n: cycle([b'\\n' + k for k in KEYS], n), 64 * KB, None),
    ('b64-keys', lambda n: cycle([base64.b64encode(k) + b' ' for k in KEYS], n), 64 * KB, None),
    ('legacy-named-one-line', lambda n: cycle([b'TOGETHER_API_KEY=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    ('legacy-nested-one-line', lambda n: b'together:\n  ' + cycle([b'key=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    # Thousands of candidates on one line, each needing its context checked.
    # (A JSON section names its keys; an INI [section] must head its own line.)
    ('nested-json-one-line', lambda n: cycle([b'{"together": {"apiKey": "' + h + b'"}}, ' for h in HEXES], n), 64 * KB, None),
    ('nested-ini-one-line', lambda n: cycle([b'[together] key=' + h + b' ' for h in HEXES], n), 64 * KB, 0),
    ('bearer-keys-one-line', lambda n: b'api.together.xyz ' + cycle([b'Bearer ' + h + b' ' for h in HEXES], n), 32 * KB, None),
    ('terraform-lines', lambda n: b'together_api_key' + repeat(b'\n  type = x', n), 512 * KB, 0),
    ('client-call-repeated', lambda n: repeat(b'Together(' + b'x' * 150, n), 512 * KB, 0),
    ('quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY="', n), 64 * KB, 0),
    ('pragma-lines', lambda n: cycle([b'# pragma: allowlist nextline secret\n' + k + b'\n' for k in KEYS], n), 64 * KB, 0),
    # (A pragma past column 120 of its line is out of view: those keys count.)
    ('pragma-one-line', lambda n: cycle([k + b'  # pragma: allowlist secret ' for k in KEYS], n), 64 * KB, None),
    ('utf16-keys', lambda n: b'\xff\xfe' + cycle([k + b'\n' for k in KEYS], n // 2).decode().encode('utf-16-le'), 32 * KB, None),
    ('percent-escapes', lambda n: repeat(b'%3D', n) + b'tgp_v1_', 512 * KB, 0),
    ('backslashes', lambda n: repeat(b'\\x5f\\u005f', n), 512 * KB, 0),
    ('only-newlines', lambda n: b'\n' * n, 512 * KB, 0),
    ('only-cr', lambda n: b'\r' * n, 512 * KB, 0),
    # The structural context search: many generic candidates, each walking
    # the structure around it (brackets, indentation, sections).
    ('generic-keys-one-line', lambda n: b'base_url="https://api.together.xyz/v1" '
     + cycle([b'api_key="' + h + b'", ' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-each-line', lambda n: b'url: https://api.together.xyz\n'
     + cycle([b'  api_key: ' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-deep-brackets', lambda n: b'{[(' * 2000 + b'api.together.xyz '
     + cycle([b'token=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-under-blank-lines', lambda n: b'url: https://api.together.xyz\n'
     + cycle([b'\n' * 200 + b'    password: ' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-stairs', lambda n: b'provider: together\n'
     + cycle([b' ' * (i % 64) + b'key: ' + h + b'\n' for i, h in enumerate(HEXES)], n), 64 * KB, None),
    ('bearer-keys-har', lambda n: b'{"url": "https://api.together.xyz/v1", "headers": ['
     + cycle([b'{"name": "authorization", "value": "Bearer ' + h + b'"}, ' for h in HEXES], n), 64 * KB, None),
    ('ini-sections', lambda n: cycle([b'[together]\nkey = ' + h + b'\n' for h in HEXES], n), 32 * KB, None),
    ('openers-no-key', lambda n: b'api_key: ' + HEXES[0] + b' together: ' + repeat(b'{', n), 128 * KB, 0),
    # Base64 decoding: encoded keywords everywhere, one long run, many runs.
    ('b64-keyword-forms-repeated', lambda n: repeat(base64.b64encode(b'xTOGETHER_'), n), 128 * KB, 0),
    ('b64-one-long-run', lambda n: base64.b64encode(repeat(b'TOGETHER_API_KEY=\n', n * 3 // 4)), 128 * KB, 0),
    ('b64-env-files', lambda n: cycle([base64.b64encode(b'TOGETHER_API_KEY=' + h + b'\n') + b'\n'
                                       for h in HEXES], n), 32 * KB, None),
    ('b64-wrapped-lines', lambda n: b'data: |\n' + repeat(b'    ' + base64.b64encode(b'together' * 7)[:76] + b'\n', n),
     128 * KB, 0),
    # The other readings: escapes, quoted-printable, percent, concatenation.
    ('escaped-quotes', lambda n: repeat(b'\\"TOGETHER_API_KEY\\": \\"x\\", ', n), 128 * KB, 0),
    ('ansi-codes', lambda n: b'together ' + repeat(b'\\u001b[38;5;124m', n), 128 * KB, 0),
    ('qp-soft-breaks', lambda n: b'quoted-printable\ntogether=3D' + repeat(b'=\n', n), 128 * KB, 0),
    ('percent-escapes-double', lambda n: b'together ' + repeat(b'%2525', n), 128 * KB, 0),
    ('concatenated-quotes', lambda n: repeat(b'"tgp_v1_" + ', n), 128 * KB, 0),
    ('concatenated-keys', lambda n: cycle([b'k = "' + k[:20] + b'" "' + k[20:] + b'"\n' for k in KEYS], n), 64 * KB, None),
    # An appending statement on the next line: names that never reach an
    # operator, blanks that lead nowhere, and many keys so appended.
    ('append-near-misses', lambda n: b'together ' + repeat(b'"tgp_v1_";\n' + b'a.' * 40 + b' \t  \n"', n),
     128 * KB, 0),
    ('append-keys', lambda n: cycle([b'k = "' + k[:20] + b'";\nk += "' + k[20:] + b'";\n' for k in KEYS], n),
     64 * KB, None),
    # A label or title going on past a Together name, arguments before a
    # name that are not right before it, and many keys so named.
    ('label-names-going-on', lambda n: b'value="' + HEXES[0] + b'", '
     + repeat(b'label="Together API key ID", title="Together token prefix" ', n), 64 * KB, 0),
    ('next-argument-near-misses', lambda n: repeat(b"f('" + HEXES[0] + b"', 'sha', 'together_api_key');\n", n),
     32 * KB, 0),
    ('next-argument-keys', lambda n: cycle([b"vault.create_secret('" + h + b"', 'together_api_key')\n"
                                           for h in HEXES], n), 64 * KB, None),
    # One base64 value read through JSON's escaped / and + (codec._B64_ESCAPED_RUN),
    # magics glued inside it by / (prefilter.value_start): read once, not from each magic.
    ('json-escaped-b64-one-run', lambda n: b'{"v":"' + repeat(b'\\/H4sI' + b'\\u002b' * 4 + b'A' * 40, n) + b'"}',
     128 * KB, 0),
    ('glued-magics-one-run', lambda n: b'v2-' + repeat(b'H4sI' + b'A' * 40 + b'-UEsDBBQ/Qlpo_', n), 128 * KB, 0),
)


# Aimed at the escaped-keyword readings (``codec.escaped_keyword_spans``)
# and keys wrapped across lines (``codec.wrapped_view``).
def _escaped(key: bytes, form: bytes) -> bytes:
    return key.replace(b'_', form)


ESCAPED = (
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

# Aimed at the grammar and readings added for the held-out leaks.
GRAMMAR = (
    ('calls-after-name', lambda n: b'TOGETHER_API_KEY = ' + repeat(b'String::from(', n), 512 * KB, 0),
    ('new-after-name', lambda n: b'together_api_key = ' + repeat(b'new X(', n), 512 * KB, 0),
    ('types-after-name', lambda n: b"TOGETHER_API_KEY: &'" + repeat(b'a <b, c>', n), 512 * KB, 0),
    ('block-scalar-blank-lines', lambda n: b'together_api_key: >-\n' + repeat(b'  \n', n), 512 * KB, 0),
    ('prefixed-quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY=f\\"\\"', n), 128 * KB, 0),
    ('value-pairs-no-value', lambda n: b'api.together.xyz ' + repeat(b'"token", "value": "x", ', n),
     128 * KB, 0),
    ('postman-pairs', lambda n: b'{"url": "https://api.together.xyz/v1", "values": ['
     + cycle([b'{"key": "token",\n "value": "' + h + b'"}, ' for h in HEXES], n), 64 * KB, None),
    ('flat-other-secrets', lambda n: b'TOGETHER_BASE_URL=https://api.together.xyz/v1\n'
     + cycle([b'JWT_SECRET=' + h + b'\n' for h in HEXES], n), 64 * KB, 0),
    ('flat-api-keys', lambda n: b'OPENAI_BASE_URL=https://api.together.xyz/v1\n'
     + cycle([b'OPENAI_API_KEY=' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('html-entities', lambda n: b'together ' + repeat(b'&quot;&#34;&#x27;', n), 128 * KB, 0),
    ('html-entity-keys', lambda n: cycle(
        [b'&quot;TOGETHER_API_KEY&quot;: &quot;' + h + b'&quot;, ' for h in HEXES], n), 64 * KB, None),
    ('comma-joined-literals', lambda n: repeat(b'"tgp_v1_", ', n), 128 * KB, 0),
    ('comma-joined-keys', lambda n: cycle([b'["' + k[:20] + b'", "' + k[20:] + b'"]\n' for k in KEYS], n),
     64 * KB, None),
    ('bound-name-reassigned', lambda n: b'URL = "https://api.together.xyz/v1"\n'
     + cycle([b'"URL": "x", "URL": "y", get(URL, auth="Bearer ' + h + b'")\n' for h in HEXES], n),
     64 * KB, None),
    # The grammar added in session 5: YAML tags, triple quotes, XML
    # name/value elements, CLI value flags, path separators, Bearer as an
    # argument, headings (HCL blocks, XML elements, a namespace and comma).
    ('yaml-tags-after-name', lambda n: b'together_api_key: ' + repeat(b'!!str ', n), 512 * KB, 0),
    ('triple-quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY = """\n', n), 128 * KB, 0),
    ('xml-name-elements', lambda n: repeat(b'<key>TogetherApiKey</key> <string></string>', n), 128 * KB, 0),
    ('cli-flags-after-name', lambda n: b'gh secret set TOGETHER_API_KEY ' + repeat(b'--body --value ', n),
     128 * KB, 0),
    ('path-separators', lambda n: repeat(b'/together/together/api/', n), 128 * KB, 0),
    ('bearer-arguments', lambda n: b'api.together.xyz ' + repeat(b'("Bearer", bearer_auth(', n), 128 * KB, 0),
    ('xml-headings', lambda n: repeat(b'<Together>\n  <ApiKey>\n', n), 128 * KB, 0),
    ('yaml-provider-names', lambda n: repeat(b'together:  \n  together: ', n), 128 * KB, 0),
    ('client-initializers', lambda n: repeat(b'TogetherOptions {\n TogetherClient.builder()\n', n), 128 * KB, 0),
    ('flat-groups', lambda n: b'LLM_PROVIDER=together\n' + cycle(
        [b'LLM_X%d=1\nG%d_API_KEY=%s\n' % (i, i, h) for i, h in enumerate(HEXES)], n), 64 * KB, 0),
    ('flat-group-keys', lambda n: b'LLM_PROVIDER=together\n' + cycle(
        [b'LLM_API_KEY=' + h + b'\nLLM_X=1\n' for h in HEXES], n), 64 * KB, None),
    ('xml-heading-keys', lambda n: cycle(
        [b'<Together>\n  <ApiKey>' + h + b'</ApiKey>\n</Together>\n' for h in HEXES], n), 64 * KB, None),    # Session 17: a value field's list-item boundary, a name field ending
    # at the name, Jira's ``||`` header rows (and code lines starting ``||``).
    ('list-items-after-name', lambda n: repeat(
        b'  - key: TOGETHER_API_KEY\n    sync: false\n  -   name: x\n', n), 128 * KB, 0),
    ('list-item-other-values', lambda n: cycle(
        [b'  - key: TOGETHER_API_KEY\n    sync: false\n  - key: BUILD_SHA\n    value: ' + h + b'\n'
         for h in HEXES], n), 64 * KB, 0),
    ('name-field-ids', lambda n: cycle(
        [b'{"value": "' + h + b'", "name": "Together API key id"},\n' for h in HEXES], n), 64 * KB, 0),
    ('jira-headers', lambda n: repeat(b'||Service||API key||\n  || a || b\n', n), 128 * KB, 0),
    ('jira-rows', lambda n: b'||Service||API key||\n' + cycle(
        [b'|Together AI|' + h + b'|\n' for h in HEXES], n), 64 * KB, None),
    # Ruby's word arrays joined (``codec._WORDS_JOINED``): many joins whose
    # words make no key, and arrays never closed, their blanks and words
    # longer than a word may be (a match starts at ``%w`` and holds no
    # ``%``: each byte is read by one start).
    ('word-arrays-joined', lambda n: repeat(b'%w[tgp_v1_ ' + b'ab ' * 14 + b'].join\n', n), 128 * KB, 0),
    ('word-arrays-unclosed', lambda n: repeat(
        b'%w[tgp_v1_ ' + b'a' * 70 + b' ' * 300 + b'b ' * 14 + b'\n', n), 128 * KB, 0),
    # A heading's name (``rules``' legacy anchor: ``def together_x() -> T:``)
    # followed by a long run of blanks that ends no heading: three runs of
    # blanks in a row, the groups between them empty, were cubic in the
    # blanks (session 36, review36: 500 blanks 0.4 CPU-s a line, 3,000
    # minutes).
    ('blanks-after-heading-name', lambda n: repeat(b'together' + b' ' * 3000 + b'x\n', n), 64 * KB, 0),
)


# A Together name in every syntax the grammar knows, as densely as it can
# be written and with no key near any: each name a hit whose reach holds
# nothing to find.  ``bench/complexity.py --only names`` times them (CPU a
# MB: a name's cost is the same at every size, linear or not); one real
# key after them is still found.
def _after(unit: bytes, n: int, tail: bytes = b'') -> bytes:
    return repeat(unit, n) + tail


NAMES = (
    ('client-calls', lambda n: repeat(b'Together(', n), 256 * KB, 0),
    ('client-calls-lines', lambda n: repeat(b'Together(\n', n), 256 * KB, 0),
    ('env-names', lambda n: repeat(b'TOGETHER_API_KEY=', n), 256 * KB, 0),
    ('yaml-labels', lambda n: repeat(b'together:', n), 256 * KB, 0),
    ('yaml-label-lines', lambda n: repeat(b'together:\n', n), 256 * KB, 0),
    ('json-labels-open', lambda n: repeat(b'"together": {', n), 256 * KB, 0),
    ('json-labels-closed', lambda n: repeat(b'"together": {}', n), 256 * KB, 0),
    ('ini-sections', lambda n: repeat(b'[together]\n', n), 256 * KB, 0),
    ('generic-name-by-endpoint', lambda n: repeat(b'api_key= api.together.xyz ', n), 256 * KB, 0),
    ('hex-lines-after-names', lambda n: repeat(b'together\n' + HEXES[0][:40] + b'\n', n), 256 * KB, 0),
    ('escaped-newlines-names', lambda n: repeat(b'together\\n\\n', n), 256 * KB, 0),
    ('markdown-headings', lambda n: repeat(b'## Together AI\n', n), 256 * KB, 0),
    ('quoted-names-one-line', lambda n: repeat(b'"together" ', n), 256 * KB, 0),
    ('b64-prefix-tokens', lambda n: repeat(base64.b64encode(b'tgp_v1_') + b' ', n), 256 * KB, 0),
    # Brackets inside a Together structure, each asked for a heading
    ('nested-brackets', lambda n: b'together: ' + repeat(b'{', n), 256 * KB, 0),
    ('nested-brackets-spaced', lambda n: b'together: ' + repeat(b'{ ', n), 256 * KB, 0),
    ('object-list', lambda n: b'{"together": {"models": [' + repeat(b'{"id": 1},', n), 256 * KB, 0),
    ('client-calls-then-key', lambda n: _after(b'Together(', n, b'\nclient = Together(api_key="' + HEXES[1] + b'")\n'),
     256 * KB, 1),
    ('env-names-then-key', lambda n: _after(b'TOGETHER_API_KEY=', n, b'\nTOGETHER_API_KEY=' + KEYS[1] + b'\n'),
     256 * KB, 1),
)

# The other inputs timed at two sizes: each beside the test that checks what
# it yields.

def mixed_case(hexkey: str) -> str:
    """A legacy key with every character but each third upper-cased."""
    return ''.join(c.upper() if i % 3 else c for i, c in enumerate(hexkey))


def wide_table(columns: int, rows: int) -> bytes:
    """A TSV of digest columns, ``together`` in each row's provider column."""
    head = '\t'.join(['provider'] + [f'sha256_{i}' for i in range(columns)])
    body = [
        '\t'.join(['together'] + [hashlib.sha256(f'{r}-{i}'.encode()).hexdigest() for i in range(columns)])
        for r in range(rows)
    ]
    return ('\n'.join([head, *body]) + '\n').encode()


def long_run_text(n: int) -> str:
    """A long run of key characters beside a path and the prefix."""
    return 'a' * n + ' see x/y and tgp_v1_ here\n'


# Runs of key characters glued in a binary file (a NUL first).
GLUED_UNITS = (
    b'tgp_v1_',  # a prefix every 7 bytes: one short candidate each 50+
    b'tgp_v1_' + b'aB3' * 20,
)
# Escape marks the engine undoes in a second scan.
ESCAPE_MARK_UNITS = (
    b'tg\\e[0m', b'tg\x1b[1m', b'tg\\\\u001b[0mp', b'x\\\\u001b[0mtgp_v1_', b'%1B%5B0mtg%5C',
    # every-character escape marks, and an escaped prefix glued to itself
    b'&#103;&#112;', b'%67%70', b'\\x67\\x70', b'\\u0074\\u0067\\u0070\\u005f',
    # MIME Q encoded-words holding the prefix, adjacent ones joined
    b'=?a?Q?tgp=5Fv1=5F?= ',
    # a key's prefix as a decimal list, a line each (engine.DEC_PREFIX)
    b'[116, 103, 112, 95, 118, 49, 95]\n',
)
# "tgp_v1_" in UTF-16LE base64, a line each: each hit once searched the
# runs of the 8 KB before it.
ENCODED_KEYWORD_UNIT = b'-EncodedCommand dABnAHAAXwB2ADEAXwAAAA\n'


def glued(unit: bytes, size: int) -> bytes:
    return b'\0' + unit * (size // len(unit))


def units(unit: bytes, size: int) -> bytes:
    return unit * (size // len(unit))
