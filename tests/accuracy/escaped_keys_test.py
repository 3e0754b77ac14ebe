"""Current keys whose prefix itself is escaped or encoded, and keys broken
by an escaped line end: what a serializer, a template engine or a
formatter writes when it escapes more than the older cases' tools do.

- the prefix percent-encoded (``tgp%5Fv1%5F``, lower-case hex, dashes
  too, double-encoded ``%255F``), as a redirect or a log writes it;
- the prefix escaped by JSON (``\\u0074gp_v1_``, ``\\u005f``), by C or
  Python (``\\x5f``, octal ``\\137``), by HTML (``&#95;``, ``&#x5f;``,
  ``&lowbar;``), by JavaScript (``\\u{5f}``), by quoted-printable (``=5F``);
- a key after an octal or a bell/escape character escape (``\\012``);
- a key cut by an escaped line end: TOML's line-ending backslash in a
  ``\"\"\"`` string, a YAML double-quoted string's escaped line break, a
  shell or C backslash continuation, a Python string continued with ``\\``.

Not here, on purpose (docs/detection.md): a key whose every character is
escaped (``%74%67%70...``, ``&#116;&#103;...``, ``b"\\x74\\x67..."``): no
tool writes one, and what it still holds (an escape of ``t``) would add a
pass over every byte of every file to the keyword screen.
"""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import make_tests


def _escaped(chars: str, form: str):
    """A case: the key with each character of ``chars`` written as ``form``
    (``%`` formatting of its code point)."""
    def build(m):
        key = m.key()
        text = ''.join(form % ord(c) if c in chars else c for c in key)
        return f'{{"redirect": "/login?next={text}"}}\n', [(1, key)]
    return build


def qp_underscores(m):
    key = m.key()
    text = ('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
            'Use this one for staging:\n' + key.replace('_', '=5F') + '\n')
    return text, [(5, key)]


def toml_continued(m):
    key = m.key()
    text = ('[providers.together]\nbase_url = "https://api.together.xyz/v1"\n'
            f'api_key = """{key[:24]}\\\n              {key[24:]}"""\n')
    return text, [(3, key)]


def toml_continued_block(m):
    key = m.key()
    text = f'api_key = """\\\n    {key[:30]}\\\n    {key[30:]}\\\n    """\n'
    return text, [(2, key)]


def yaml_double_quoted_break(m):
    key = m.key()
    text = f'together:\n  api_key: "{key[:26]}\\\n    {key[26:]}"\n  model: llama\n'
    return text, [(2, key)]


def yaml_double_quoted_break_blank(m):
    """YAML 1.2 (7.3.1): an escaped line break is dropped, each empty line
    after it folds to a newline, the next line's indentation is not
    content: the value is the key's two pieces round a newline."""
    key = m.key()
    text = f'together:\n  api_key: "{key[:26]}\\\n\n    {key[26:]}"\n  model: llama\n'
    return text, [(2, key)]


def yaml_double_quoted_break_blanks(m):
    """Two empty lines after the escaped break, one holding indentation, CRLF."""
    key = m.key()
    text = f'together:\r\n  api_key: "{key[:17]}\\\r\n   \r\n\r\n    {key[17:]}"\r\n'
    return text, [(2, key)]


def yaml_double_quoted_fold_blank(m):
    """No backslash: the line break before an empty line is dropped and
    the empty line folds to a newline, the same value as above."""
    key = m.key()
    text = f'together:\n  api_key: "{key[:31]}\n\n    {key[31:]}"\n'
    return text, [(2, key)]


def toml_continued_blank(m):
    """TOML trims every whitespace and newline after a line-ending backslash."""
    key = m.key()
    text = f'api_key = """{key[:24]}\\\n\n\n      {key[24:]}"""\n'
    return text, [(1, key)]


def shell_continued(m):
    key = m.key()
    text = f'#!/bin/sh\nexport TOGETHER_API_KEY={key[:25]}\\\n{key[25:]}\n'
    return text, [(2, key)]


def shell_continued_quoted(m):
    key = m.key()
    text = f'curl https://api.together.xyz/v1/models \\\n  -H "Authorization: Bearer {key[:30]}\\\n{key[30:]}"\n'
    return text, [(2, key)]


def python_string_continued(m):
    key = m.key()
    text = f'KEY = "{key[:20]}\\\n{key[20:]}"\n'
    return text, [(1, key)]


def c_macro_continued(m):
    key = m.key()
    text = f'#define TOGETHER_KEY "{key[:33]}\\\n{key[33:]}"\n'
    return text, [(1, key)]


CASES = [
    Case('pct-prefix-underscores', 'log.json', _escaped('_', '%%%02X')),
    Case('pct-prefix-lower-hex', 'log.json', _escaped('_', '%%%02x')),
    Case('pct-underscores-and-dashes', 'log.json', _escaped('_-', '%%%02X')),
    Case('pct-double-encoded', 'log.json', _escaped('_', '%%25%02X')),
    Case('json-u-prefix', 'event.json', _escaped('t', '\\u%04x')),
    Case('json-u-underscores', 'event.json', _escaped('_', '\\u%04X')),
    Case('c-hex-underscores', 'key.c', _escaped('_', '\\x%02x')),
    Case('c-octal-underscores', 'key.c', _escaped('_', '\\%03o')),
    Case('html-dec-underscores', 'page.html', _escaped('_', '&#%d;')),
    Case('html-hex-underscores', 'page.html', _escaped('_', '&#x%x;')),
    Case('html-lowbar', 'page.html', _escaped('_', '&lowbar;%.0s')),
    Case('js-u-brace', 'app.js', _escaped('_', '\\u{%x}')),
    Case('qp-underscores', 'mail.eml', qp_underscores),
    Case('toml-line-ending-backslash', 'config.toml', toml_continued),
    Case('toml-line-ending-backslash-block', 'config.toml', toml_continued_block),
    Case('yaml-double-quoted-escaped-break', 'config.yaml', yaml_double_quoted_break),
    Case('yaml-double-quoted-escaped-break-blank-line', 'config.yaml', yaml_double_quoted_break_blank),
    Case('yaml-double-quoted-escaped-break-blank-lines', 'config.yaml', yaml_double_quoted_break_blanks),
    Case('yaml-double-quoted-folded-blank-line', 'config.yaml', yaml_double_quoted_fold_blank),
    Case('toml-line-ending-backslash-blank-lines', 'config.toml', toml_continued_blank),
    Case('shell-continuation', 'env.sh', shell_continued),
    Case('shell-continuation-in-quotes', 'call.sh', shell_continued_quoted),
    Case('python-string-continuation', 'keys.py', python_string_continued),
    Case('c-macro-continuation', 'key.h', c_macro_continued),
    *key_cases(
        ('after-octal-newline', 'dump.c', 'char s[] = "key:\\012{key}\\012";\n'),
        ('after-bell', 'dump.c', 'printf("\\a{key}\\a");\n'),
        ('after-ansi-bold', 'log.sh', 'echo -e "key:\\e[1m{key}\\e[0m"\n'),
    ),
]

results, test_case = make_tests(CASES)
