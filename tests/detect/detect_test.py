"""The engine on cases the rule samples cannot express.

Rule samples (tests/rules_test.py) prove what a rule matches in one short
text.  Here: which key characters end a key, where findings are reported
(line and column), file encodings, size, pragmas in context, encoded keys,
the legacy rule in each language's usual shape, and lockfile digests.
"""
from __future__ import annotations

import random

import pytest

from tests.keys import b64
from tests.keys import make_hex
from tests.keys import fill
from tests.keys import KEY_ALPHABET
from tests.keys import make_key
from together_hooks.findings import Finding
from together_hooks.findings import hash_secret
from together_hooks.findings import redact
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.shapes import KEY_PLACEHOLDER_WORDS
from together_hooks.rules import RULES
from together_hooks.rules import RULES_BY_ID
from together_hooks.rules import STRUCTURE_REACH
from together_hooks.rules import is_prose


def _found(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.hashed_secret) for f in findings]


@pytest.mark.parametrize('last', ('-', '_', 'A', '9'))
def test_key_ending_in_any_key_char(last):
    key = make_key(random.Random(1), last=last)
    for text in (key, f'TOGETHER_API_KEY={key}\n', f'"{key}"'):
        got = scan_bytes(text.encode(), 'a.txt')
        assert [f.hashed_secret for f in got] == [hash_secret(key)], repr(last)


@pytest.mark.parametrize(
    'after', (')', ',', '&', ';', '"', "'", '`', '\n', '\r\n', '', ' ', '.'),
)
def test_key_followed_by_separator(after):
    rng = random.Random(2)
    for last in ('-', '_', None):
        key = make_key(rng, last=last)
        got = scan_bytes(f'x({key}{after}'.encode(), 'a.txt')
        assert _found(got) == [
            ('together-api-key', 1, 3, hash_secret(key)),
        ], repr(after)


@pytest.mark.parametrize(
    ('template', 'line', 'column'), (
        # A literal backslash-n inside a JSON / notebook string.
        ('{{"source": ["import os\\n{k}\\n"]}}', 1, 25),
        ('{{\n "cells": [\n  {{"source": ["x = 1\\n",\n    "\\n{k}"]}}\n]}}', 4, 8),
        ('"a\\t{k}"', 1, 5),
        ('"a\\r\\n{k}"', 1, 7),
        ('key%3D{k}', 1, 7),
    ),
)
def test_key_after_escape(template, line, column):
    key = make_key(random.Random(3))
    got = scan_bytes(template.format(k=key).encode(), 'x.ipynb')
    assert _found(got) == [('together-api-key', line, column, hash_secret(key))]


@pytest.mark.parametrize(
    'template', (
        '{k}A',           # 51 characters
        '{k}-',
        '{k}_',
        'A{k}',           # glued on the left
        '_{k}',
        '-{k}',
        'xtgp_v1_{body}',
        '{k}{k}',         # two keys glued: one 100-char token
        'tgp_v1_{short}',  # 42 characters
        '\\\\{k}X',        # escape before, but too long after
    ),
)
def test_not_a_whole_key(template):
    rng = random.Random(4)
    key = make_key(rng)
    text = template.format(k=key, body=key[7:], short=key[7:-1])
    assert scan_bytes(text.encode(), 'a.txt') == []


def test_many_keys_on_one_line_with_lines_and_columns():
    rng = random.Random(5)
    keys = [make_key(rng, last=rng.choice('-_aZ')) for _ in range(6)]
    line = 'k = [' + ', '.join(f'"{k}"' for k in keys) + ']'
    text = '# header\n\n' + line + '\n' + f'  last = {keys[0]}\n'
    got = scan_bytes(text.encode(), 'a.py')
    expected = [
        ('together-api-key', 3, line.index(k) + 1, hash_secret(k))
        for k in keys
    ] + [('together-api-key', 4, 10, hash_secret(keys[0]))]
    assert _found(got) == expected


@pytest.mark.parametrize('newline', ('\n', '\r\n', '\r\r\n'))
def test_line_numbers_with_any_newline(newline):
    rng = random.Random(6)
    k1, k2 = make_key(rng), make_key(rng)
    lines = ['a = 1', f'b = "{k1}"', '', 'c = 2', f'TOGETHER_API_KEY={k2}', '']
    text = newline.join(lines)
    got = scan_bytes(text.encode(), 'a.py')
    assert _found(got) == [
        ('together-api-key', 2, 6, hash_secret(k1)),
        ('together-api-key', 5, 18, hash_secret(k2)),
    ]


def test_crlf_legacy_key():
    h = make_hex(random.Random(7))
    text = f'# config\r\nTOGETHER_API_KEY={h}\r\nOTHER=1\r\n'
    got = scan_bytes(text.encode(), '.env')
    assert _found(got) == [('together-legacy-api-key', 2, 18, hash_secret(h))]


@pytest.mark.parametrize(
    ('kind', 'build', 'line'), (
        ('binary', lambda k: b'\x00\x01\x02\xff' * 64 + b'\n' + k + b'\x00\x00', 2),
        ('invalid utf-8', lambda k: b'\xff\xfe\xc3(\n\xe2\x82 ' + k + b' \xc0\xaf', 2),
        ('invalid utf-8 glued', lambda k: b'\x80' + k + b'\xfe', 1),
        ('latin-1', lambda k: 'caf\xe9 = "'.encode('latin-1') + k + b'"', 1),
        ('utf-16 bom', lambda k: ('a = 1\nTOGETHER_API_KEY=' + k.decode() + '\n').encode('utf-16'), 2),
        ('utf-16-be bom', lambda k: b'\xfe\xff' + ('x\n\n"' + k.decode() + '"').encode('utf-16-be'), 3),
        ('utf-8 bom', lambda k: b'\xef\xbb\xbf' + k, 1),
        # UTF-16 text with plain ASCII appended (cmd's "echo ... >> .env"),
        # once of even length (it decodes, to garbage) and once odd.
        ('utf-16 + ascii', lambda k: 'A=1\r\n'.encode('utf-16') + b'TOGETHER_API_KEY=' + k + b'\n', 2),
        ('utf-16 + ascii odd', lambda k: 'A=1\r\n'.encode('utf-16') + b'K=' + k + b'\r\n', 2),
        ('gzip-like header', lambda k: b'\x1f\x8b\x08\x00' + b'\x00' * 20 + b' ' + k, 1),
        # ASCII glued to a wide character's zero byte: the key's first byte
        # sits on the text's grid (a wide 't'), the rest does not.
        ('utf-16-be bom, ascii after a nul', lambda k: b'\xfe\xff\x00' + k + b' ', 1),
        ('utf-32-be bom, ascii after nuls', lambda k: b'\x00\x00\xfe\xff\x00\x00\x00' + k + b' ', 1),
    ),
)
def test_odd_encodings(kind, build, line):
    key = make_key(random.Random(8))
    got = scan_bytes(build(key.encode()), 'blob.bin')
    assert [(f.line, f.hashed_secret) for f in got] == [(line, hash_secret(key))], kind


def test_utf16_legacy_key():
    h = make_hex(random.Random(9))
    data = f'TOGETHER_API_KEY="{h}"\r\n'.encode('utf-16')
    got = scan_bytes(data, 'settings.ps1')
    assert [(f.rule, f.hashed_secret) for f in got] == [
        ('together-legacy-api-key', hash_secret(h)),
    ]


def test_a_long_single_line_with_key_at_the_end(monkeypatch):
    # One minified line: a prefilter hit early (the keyword), filler that
    # looks like key characters, and the only real key at the very end.
    # Long enough that this input alone takes a fresh screen past each
    # route's threshold (the grouped searches, then hyperscan's one pass
    # where installed) and the key lies past every window of a line (50 MB
    # before: the same boundaries, 3x the time).  The one pass's threshold
    # is set to twice the grouped searches' (16 MB in the product, ~10
    # CPU-s of this filler; the product's own value is crossed by
    # prefilter_test and bench/): the line crosses both, in that order.
    from together_hooks.detect import engine
    from together_hooks.detect import prefilter

    monkeypatch.setattr(prefilter, 'WHERE_ONE_PASS_MIN_BYTES', 2 * prefilter.GROUPED_MIN_BYTES)
    monkeypatch.setattr(engine, '_SCREENS', {})  # this input alone, from a screen's first byte
    key = make_key(random.Random(10))
    filler = b'var tgp_v1_=together;function a(b){return b+1};' + b'A' * 4096
    size = max(
        prefilter.GROUPED_MIN_BYTES, prefilter.WHERE_ONE_PASS_MIN_BYTES, STRUCTURE_REACH,
    ) + 2 * len(filler)
    data = (filler * (size // len(filler) + 1))[:size] + b';k="' + key.encode() + b'"'
    got = scan_bytes(data, 'app.min.js')
    assert [(f.line, f.column, f.hashed_secret) for f in got] == [
        (1, size + 5, hash_secret(key)),
    ]
    # The screen this scan made took the one pass (hyperscan) where it is
    # installed, the grouped searches where not.
    screen = engine.keyword_screen(RULES)
    assert screen._where is not None
    assert (screen._one_pass is not None) is prefilter._hyperscan_installed()


# Every comment style detect-secrets accepts for its inline pragmas.
SAME_LINE = (
    'x = "{k}"  # pragma: allowlist secret',
    'x = "{k}"  #pragma: allowlist secret',
    'x = "{k}";  // pragma: allowlist secret',
    'x = "{k}";  /* pragma: allowlist secret */',
    'x = "{k}"  \' pragma: allowlist secret',
    "SELECT '{k}'  -- pragma: allowlist secret",
    '<p>{k}</p>  <!-- pragma: allowlist secret -->',
    'x = "{k}"  # pragma: whitelist secret',
    'x = "{k}"  # gitleaks:allow',
    'x = "{k}"  # pragma: allowlist secret\r',
    # Comments aligned in a column, the pragma after a long value: seen.
    'x = "{k}"' + ' ' * 30 + '# pragma: allowlist secret',
    'x = "{k}"\t\t\t# pragma: allowlist secret',
    '        client = Together(api_key="{k}", base_url=BASE)  # pragma: allowlist secret',
    '# pragma: allowlist nextline secret\n' + ' ' * 24 + 'x = "{k}"',
)
NEXT_LINE = (
    '# pragma: allowlist nextline secret\nx = "{k}"',
    '  # pragma: allowlist nextline secret\n  x = "{k}"',
    '// pragma: allowlist nextline secret\nx = "{k}";',
    '/* pragma: allowlist nextline secret */\nx = "{k}";',
    '\' pragma: allowlist nextline secret\nx = "{k}"',
    '-- pragma: allowlist nextline secret\nSELECT \'{k}\'',
    '<!-- pragma: allowlist nextline secret -->\n<p>{k}</p>',
    '# pragma: allowlist nextline secret\r\nx = "{k}"\r\n',
)
NOT_ALLOWED = (
    # Code before a nextline pragma: it must not hide the next line.
    ('x = 1  # pragma: allowlist nextline secret\ny = "{k}"', 2),
    ('x = 1  // pragma: allowlist nextline secret\ny = "{k}"', 2),
    # A same-line pragma does not reach the next line ...
    ('# pragma: allowlist secret\nx = "{k}"', 2),
    # ... a nextline pragma not the previous one, nor past a blank line.
    ('x = "{k}"\n# pragma: allowlist nextline secret', 1),
    ('# pragma: allowlist nextline secret\n\nx = "{k}"', 3),
    # The pragma must be a comment, not text in a string.
    ('x = "{k}"  # TODO pragma: allowlist secrets later', 1),
    # A pragma a reviewer does not see: pushed far out of view by blanks
    # (a diff view does not wrap) ...
    ('x = "{k}"' + ' ' * 300 + '# pragma: allowlist secret', 1),
    ('x = "{k}"' + '\t' * 40 + '# gitleaks:allow', 1),
    ('x = "{k}"' + '\u3000' * 80 + '// pragma: allowlist secret', 1),
    (' ' * 300 + '# pragma: allowlist nextline secret\nx = "{k}"', 2),
    # ... or by anything else, code or filler, past column 120 of its line.
    ('x = "{k}"  ' + '#' * 200 + ' # pragma: allowlist secret', 1),
    ('x = "{k}";  ' + '/' * 200 + ' // pragma: allowlist secret', 1),
    ('x = "{k}"; ' + 'y = 1; ' * 30 + '# pragma: allowlist secret', 1),
    ('s = "' + 'a ' * 150 + '{k}"  # pragma: allowlist secret', 1),
    ('x = "{k}"  # ' + '\u4e00' * 40 + ' # pragma: allowlist secret', 1),
    ('y = 1; ' * 700 + 'x = "{k}"  # pragma: allowlist secret', 1),
    ('x = 1; ' * 30 + '/* pragma: allowlist nextline secret */\nx = "{k}"', 2),
    # A pragma in view allows only the keys in view: not one out to the
    # right of its line, nor one in the comment after it.
    ('# pragma: allowlist nextline secret\nx = 1;' + ' ' * 300 + 'y = "{k}"', 2),
    ('# pragma: allowlist nextline secret\nx = "' + 'a ' * 70 + '{k}"', 2),
    ('x = 1  # pragma: allowlist secret' + ' ' * 300 + '{k}', 1),
    ('x = 1  # pragma: allowlist secret ' + '#' * 300 + ' {k}', 1),
    # ... or shown reversed or hidden by bidi and invisible controls.
    ('x = "{k}"  \u202e# pragma: allowlist secret\u202c', 1),
    ('x = "{k}"  \u2067# pragma: allowlist secret\u2069', 1),
    ('x = "{k}"  # pragma: allowlist secret\u200b', 1),
    ('\u202e# pragma: allowlist nextline secret\nx = "{k}"', 2),
    # ... or concealed, erased or overwritten by control characters in a
    # terminal (git diff through less -R).
    ('x = "{k}"  \x1b[8m# pragma: allowlist secret\x1b[0m', 1),
    ('x = "{k}"  # pragma: allowlist secret\x1b[2K', 1),
    ('x = "{k}"  # pragma: allowlist secret' + '\b' * 26 + ' ' * 26, 1),
    ('x = "{k}"  \x9b8m# pragma: allowlist secret', 1),
    ('# pragma: allowlist nextline secret\x1b[1A\x1b[2K\nx = "{k}"', 2),
)


@pytest.mark.parametrize('template', SAME_LINE + NEXT_LINE)
def test_pragma_allows(template):
    key = make_key(random.Random(11))
    assert scan_bytes(template.format(k=key).encode(), 'a.txt') == []


@pytest.mark.parametrize(('template', 'line'), NOT_ALLOWED)
def test_pragma_does_not_allow(template, line):
    key = make_key(random.Random(12))
    got = scan_bytes(template.format(k=key).encode(), 'a.txt')
    assert [(f.line, f.hashed_secret) for f in got] == [(line, hash_secret(key))]


def test_pragma_only_silences_its_own_line():
    rng = random.Random(13)
    k1, k2, k3 = make_key(rng), make_key(rng), make_key(rng)
    text = (
        f'a = "{k1}"  # pragma: allowlist secret\n'
        f'b = "{k2}"\n'
        '# pragma: allowlist nextline secret\n'
        f'c = "{k3}"\n'
        f'd = "{k3}"\n'
    )
    got = scan_bytes(text.encode(), 'a.py')
    assert [(f.line, f.hashed_secret) for f in got] == [
        (2, hash_secret(k2)), (5, hash_secret(k3)),
    ]


def test_base64_key_in_kubernetes_secret_reported_at_encoded_line():
    rng = random.Random(14)
    key, h = make_key(rng), make_hex(rng)
    manifest = (
        'apiVersion: v1\n'
        'kind: Secret\n'
        'metadata:\n'
        '  name: together-credentials\n'
        'type: Opaque\n'
        'data:\n'
        f'  api-key: {b64(key)}\n'
        f'  TOGETHER_API_KEY: {b64(h)}\n'
        '  other: aGVsbG8gd29ybGQ=\n'
    )
    got = scan_bytes(manifest.encode(), 'k8s/secret.yaml')
    assert [(f.rule, f.line, f.column, f.encoding, f.hashed_secret) for f in got] == [
        ('together-api-key', 7, 12, 'base64', hash_secret(key)),
        ('together-legacy-api-key', 8, 21, 'base64', hash_secret(h)),
    ]


def test_base64_of_echo_output():
    # echo "$TOGETHER_API_KEY" | base64: the trailing newline is encoded too.
    key = make_key(random.Random(19))
    token = b64(key + '\n')
    text = f'apiVersion: v1\nkind: Secret\ndata:\n  token: {token}\n'
    got = scan_bytes(text.encode(), 'secret.yml')
    assert [(f.line, f.encoding, f.hashed_secret) for f in got] == [
        (4, 'base64', hash_secret(key)),
    ]


def test_base64_url_safe_and_unpadded():
    key = make_key(random.Random(15))
    token = b64(key).rstrip('=').replace('+', '-').replace('/', '_')
    got = scan_bytes(f'value: {token}\n'.encode(), 'a.yaml')
    assert [(f.encoding, f.hashed_secret) for f in got] == [
        ('base64', hash_secret(key)),
    ]


# The legacy key in each language's usual shape; {h} is the key.
LEGACY_BY_LANGUAGE = (
    ('app.py', 'import together\nTOGETHER_API_KEY = "{h}"\n'),
    ('app.py', 'client = Together(api_key="{h}")\n'),
    ('app.py', 'together.api_key = "{h}"\n'),
    ('app.py', 'os.environ["TOGETHER_API_KEY"] = "{h}"\n'),
    ('app.js', "const togetherApiKey = '{h}';\n"),
    ('app.js', 'const together = new Together({{ apiKey: "{h}" }});\n'),
    ('app.ts', 'const togetherApiKey: string = "{h}";\n'),
    ('app.ts', 'process.env.TOGETHER_API_KEY = "{h}";\n'),
    ('run.sh', '#!/bin/sh\nexport TOGETHER_API_KEY={h}\n'),
    ('run.sh', 'export TOGETHER_API_KEY="{h}"\n'),
    ('.env', 'OPENAI_API_KEY=\nTOGETHER_API_KEY={h}\n'),
    ('.env', 'TOGETHER_AI_API_KEY="{h}"\n'),
    ('config.yaml', 'llm:\n  together_api_key: {h}\n'),
    ('config.yaml', 'env:\n  - name: TOGETHER_API_KEY\n    value: "{h}"\n'),
    ('config.json', '{{\n  "TOGETHERAI_API_KEY": "{h}"\n}}\n'),
    ('pyproject.toml', '[tool.app]\ntogether_api_key = "{h}"\n'),
    ('setup.ini', '[together]\ntogether_api_key = {h}\n'),
    ('main.tf', 'variable "together_api_key" {{\n  type      = string\n'
                '  sensitive = true\n  default   = "{h}"\n}}\n'),
    ('main.tf', 'together_api_key = "{h}"\n'),
    ('call.sh', 'curl https://api.together.xyz/v1/chat/completions \\\n'
                '  -H "Authorization: Bearer {h}"\n'),
    ('call.py', 'URL = "https://api.together.ai/v1/models"\n\n'
                'HEADERS = {{"Authorization": "Bearer {h}"}}\n'),
    ('call.js', 'fetch("https://api.together.xyz/v1/models", '
                '{{headers: {{Authorization: "Bearer {h}"}}}});\n'),
)


@pytest.mark.parametrize(('path', 'template'), LEGACY_BY_LANGUAGE)
def test_legacy_key_in_each_language(path, template):
    h = make_hex(random.Random(16))
    text = template.format(h=h)
    got = scan_bytes(text.encode(), path)
    line = text[:text.index(h)].count('\n') + 1
    assert [(f.rule, f.line, f.hashed_secret) for f in got] == [
        ('together-legacy-api-key', line, hash_secret(h)),
    ]


# SHA-256 digests beside the word "together": never a legacy key.
DIGESTS = (
    ('Pipfile.lock', '{{\n  "default": {{\n    "together": {{\n      "hashes": [\n'
                     '        "sha256:{h}"\n      ],\n      "version": "==1.3.0"\n'
                     '    }}\n  }}\n}}\n'),
    ('poetry.lock', '[[package]]\nname = "together"\nversion = "1.3.0"\n'
                    'files = [\n    {{file = "together-1.3.0.tar.gz", '
                    'hash = "sha256:{h}"}},\n]\n'),
    ('requirements.txt', 'together==1.3.0 \\\n    --hash=sha256:{h} \\\n'
                         '    --hash=sha256:{h2}\n'),
    ('Dockerfile', 'FROM ghcr.io/together/server@sha256:{h}\n'),
    ('deploy.yaml', 'containers:\n  - name: together\n'
                    '    image: together/api@sha256:{h}\n'),
    ('SHA256SUMS', '{h}  together-1.3.0.tar.gz\n{h2}  together-1.3.0-py3-none-any.whl\n'),
    ('together-1.3.0.tar.gz.sha256', '{h}\n'),
    ('checksums.txt', 'together_api_key_helper.tar.gz: {h}\n'),
    ('package-lock.json', '"node_modules/together-ai": {{\n  "integrity": '
                          '"sha256-{h}"\n}}\n'),
    ('notes.md', 'together 1.3.0 sha256 {h}\n'),
)


@pytest.mark.parametrize(('path', 'template'), DIGESTS)
def test_lockfile_and_checksum_digests_are_not_keys(path, template):
    rng = random.Random(17)
    text = template.format(h=make_hex(rng), h2=make_hex(rng))
    assert scan_bytes(text.encode(), path) == []


def test_no_candidate_no_finding():
    assert scan_bytes(b'', 'a') == []
    assert scan_bytes(b'together with tgp_v1_ and dGdwX3Yx', 'a') == []


def test_finding_never_shows_the_secret():
    key = make_key(random.Random(18))
    (finding,) = scan_bytes(key.encode(), 'a.txt')
    assert finding.hashed_secret == hash_secret(key)
    assert finding.redacted == redact(key) == key[:9] + '…' + key[-2:]
    shown = repr(finding) + str(finding.to_dict())
    assert key not in shown and key[7:] not in shown


@pytest.mark.parametrize(('tail', 'found'), (('"', True), ('f', False)))
def test_legacy_window_cut_mid_line_sees_the_next_byte(rng, tail, found):
    """A regex window cut mid-line must not turn a 65-hex run into a key."""
    hexkey = make_hex(rng)
    # "together" at offset 0 opens a window that ends 2 x 4096 bytes after
    # its keyword hit (offset 1) when no newline is near: the 64th hex
    # character lands exactly on the cut.  The key's own context (a JSON
    # section named in mixed case, which no keyword matches) sits within
    # the context's reach of it, 8 KB from the window's keyword.
    section = '{"ToGeThEr": {"api_key": "'
    head = 'together:\n' + ' ' * (8119 - len(section)) + section
    assert len(head) + 64 == 1 + 2 * 4096
    findings = scan_bytes((head + hexkey + tail).encode(), 'config.yaml')
    assert [f.hashed_secret for f in findings] == ([hash_secret(hexkey)] if found else [])


@pytest.mark.parametrize('eol', ['\r', '\n', '\r\n'])
def test_one_pragma_silences_its_own_line_only_whatever_the_line_ends(eol):
    """A bare CR ends a line: one pragma in a CR-only file is no file-wide pass."""
    rng = random.Random(eol)
    allowed, other, nextline, after = (make_key(rng) for _ in range(4))
    text = eol.join([
        f'a = "{allowed}"  # pragma: allowlist secret',
        f'b = "{other}"',
        '# pragma: allowlist nextline secret',
        f'c = "{nextline}"',
        f'd = "{after}"',
        '',
    ])
    found = {f.secret for f in scan_bytes(text.encode(), 'f.py')}
    assert found == {other, after}


def _low_entropy_body(rule, alphabet: str, size: int, rng: random.Random) -> str:
    """A body every shape check of ``rule`` passes but the entropy floor:
    enough distinct characters, no run, no period, no placeholder word, and
    entropy within one bit below the floor."""
    from together_hooks.detect.shapes import entropy
    from together_hooks.detect.shapes import has_run

    for _ in range(10000):
        chars = rng.sample(alphabet, rule.min_distinct + 6)
        once, common = chars[2:], chars[:2]
        body = once + [rng.choice(common) for _ in range(size - len(once))]
        rng.shuffle(body)
        text = ''.join(body)
        if (
                not has_run(text, rule.max_run)
                and all(text[p:] != text[:-p] for p in range(1, 17))
                and not any(word in text.lower() for word in KEY_PLACEHOLDER_WORDS)
                and rule.entropy_floor - 1 <= entropy(text) < rule.entropy_floor
                and len(set(text)) >= rule.min_distinct
        ):
            return text
    raise AssertionError('no such body found')


@pytest.mark.parametrize(('rule_id', 'alphabet', 'size', 'template'), (
    ('together-api-key', KEY_ALPHABET, 43, 'k = "tgp_v1_{body}"\n'),
    ('together-legacy-api-key', '0123456789abcdef', 64, 'TOGETHER_API_KEY={body}\n'),
))
def test_the_entropy_floor_alone_rejects_a_low_entropy_value(rule_id, alphabet, size, template):
    # A value that passes every other shape check, one bit under the floor:
    # only the entropy floor keeps it from being reported.
    rule = RULES_BY_ID[rule_id]
    body = _low_entropy_body(rule, alphabet, size, random.Random(rule_id))
    assert not any(word in body.lower() for word in KEY_PLACEHOLDER_WORDS)
    assert scan_bytes(template.format(body=body).encode(), 'app.env') == []
    real = make_key(random.Random(5))[7:] if size == 43 else make_hex(random.Random(5))
    found = scan_bytes(template.format(body=real).encode(), 'app.env')
    assert [f.rule for f in found] == [rule_id]


# Lockfiles and checksum lists: no rule is switched off by a file's name.
# Their digests beside a package named "together" pass by their shape
# (tests/detect/lockfiles_test.py); a key named as one is a key there too.
LOCKFILE_NAMES = (
    'poetry.lock', 'Pipfile.lock', 'yarn.lock', 'Cargo.lock', 'composer.lock',
    'Gemfile.lock', 'uv.lock', 'package-lock.json', 'npm-shrinkwrap.json',
    'pnpm-lock.yaml', 'go.sum', 'together-1.3.0.tar.gz.sha256', 'dist.sha256sum',
    'SHA256SUMS', 'SHA256SUMS.txt', 'together_1.3.0_checksums.txt', 'x.lock',
)


@pytest.mark.parametrize('name', LOCKFILE_NAMES)
def test_every_legacy_sample_is_a_key_under_a_lockfile_name(name):
    rule = RULES_BY_ID['together-legacy-api-key']
    rng = random.Random(name)
    for sample in rule.true_positives:
        text, held = fill(sample, rng)
        assert held is not None
        if rule.id in {f.rule for f in scan_bytes(text.encode(), name)}:
            continue
        # Not found: allowed only for a Markdown section's key, a
        # document's only by design (``rules.is_prose``; such a sample is
        # a key in code only when it is in the block right under its
        # heading); a name read as a document, ``SHA256SUMS.txt``, is
        # asked them all.  (Asked only of a miss: a find passes either way.)
        assert not is_prose(name) and not scan_bytes(text.encode(), 'code.py') and scan_bytes(
            text.encode(), 'wiki.md'), (name, sample)


def test_no_rule_skips_a_file_by_its_name():
    assert [rule.id for rule in RULES if rule.skip_files] == []


@pytest.mark.parametrize('escape', ('\\n', '\\t', '\\r', '\\0', '%0A', '\\u000a', '\\x0a'))
def test_a_key_right_after_an_escape_is_a_raw_key_where_it_stands(escape):
    # "...\ntgp_v1_..." in JSON or a Python string: the escape separates the
    # key from the text before it, and the key itself is written plainly.
    key = make_key(random.Random(escape))
    text = f'msg = "hello{escape}{key}"\n'
    got = scan_bytes(text.encode(), 'app.py')
    assert [(f.line, f.column, f.encoding, f.hashed_secret) for f in got] == [
        (1, text.index(key) + 1, 'raw', hash_secret(key)),
    ]


@pytest.mark.parametrize('readable', (
    'YourTogetherKeyGoesHere_', 'REPLACE_ME_with_your_own_key_', 'redacted_',
    'insert-key-', 'changeme', 'placeholder', 'EXAMPLE', 'sample_', 'dummy_',
))
def test_a_readable_placeholder_with_a_random_tail_is_not_a_key(readable):
    # Docs and templates paste "tgp_v1_<words>..." placeholders whose tail
    # looks random: the words make them placeholders.
    tail = make_key(random.Random(readable))[7:]
    body = (readable + tail)[:43]
    assert scan_bytes(f'k = "tgp_v1_{body}"\n'.encode(), 'app.py') == []
    assert len(scan_bytes(f'k = "tgp_v1_{tail}"\n'.encode(), 'app.py')) == 1


@pytest.mark.parametrize(('template', 'path'), [
    ('api_key = """{a}\\\n    {b}"""\n', 'settings.toml'),  # TOML: the backslash drops line end and indent
    ('together:\n  api_key: "{a}\\\n    {b}"\n', 'config.yaml'),  # YAML double quotes: the same
    ('export TOGETHER_API_KEY={a}\\\n{b}\n', 'env.sh'),  # a shell continuation inside a word
    ('KEY = "{a}\\\r\n{b}"\n', 'app.py'),  # Python, with a CRLF line end
    ('const char *key = "{a}\\\n{b}";\n', 'main.c'),
])
def test_a_key_split_by_an_escaped_line_end_is_found(template, path):
    """A backslash before a line end joins the lines inside a string (and
    TOML's and YAML's drop the next line's indent too): the two halves of
    a key split there are one key."""
    key = make_key(random.Random(17))
    for cut in (7, 20, 49):
        data = template.format(a=key[:cut], b=key[cut:]).encode()
        assert [f.secret for f in scan_bytes(data, path)] == [key], (cut, template)


@pytest.mark.parametrize('encode', [
    lambda k: k.replace('_', '%5F'),
    lambda k: k.replace('_', '%5f').replace('-', '%2D'),
    lambda k: k.replace('_', '%255F').replace('-', '%252D'),  # a URL inside a URL
    lambda k: k.replace('_', '%255f'),
], ids=['upper', 'lower', 'twice', 'twice-lower'])
def test_a_key_whose_underscores_are_percent_encoded_is_found(encode):
    """An encoder that escapes "_" (and "-") as well: ``tgp%5Fv1%5F...``
    in a query string, a log line, a redirect target."""
    key = make_key(random.Random(23))
    for template in ('curl "https://api.together.xyz/v1/models?api_key={}"\n', 'GET /cb?token={} HTTP/1.1\n'):
        data = template.format(encode(key)).encode()
        assert [f.secret for f in scan_bytes(data, 'access.log')] == [key], template
