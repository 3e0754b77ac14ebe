"""A twenty-third held-out probe (session 26): ``tgp_v1_`` keys in the
string syntaxes and escapes of many languages, where a naive regex misses
or splits a key.  Rust raw (``r#"…"#``) and byte strings, its ``\\u{74}``
escape; C++ raw strings (with a delimiter), adjacent literals over lines;
Go backticks and ``+`` over lines; Swift and Kotlin multi-line strings;
Scala ``s``/``f`` interpolators; Perl ``q{}``/``qq{}``, a heredoc and
``\\x{5f}``; PHP nowdoc and ``.`` over lines; Lua ``[[ ]]`` and ``..``;
Zig ``\\\\`` lines; Julia triple strings; a Haskell string gap; OCaml
``{| |}``; Elixir ``~s()`` and ``<>``; Clojure ``(str …)``; Fortran ``&``
continuation; VB ``& _``; SQL ``||`` and ``CONCAT()``; a spreadsheet
formula's ``&``; PowerShell's backtick continuation and here-string; a
Dockerfile ``ENV`` continued by ``\\``; a YAML double-quoted scalar's
escaped line break and a literal block; TOML's line-ending backslash; C
octal ``\\164`` and hex ``\\x74`` for the first character, JS
``\\u0074``; CSS ``\\5f``; a CSV field's doubled quotes; Markdown link
titles and footnotes.  Decoys: interpolated parts (``"tgp_v1_${part}"``
in each language's syntax), a placeholder split over lines, a key id
``key_…``, ``${TOGETHER_API_KEY}``, a 51-character join, a short join.
Written before any fix; what the bf562d6 code missed is in ``MISSED``
(strict xfails) or was fixed in the same session (docs/detection.md,
"Found since the twenty-third held-out set").
"""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- whole keys in each language's string syntax -------------------------------------------------

WHOLE = key_cases(
    ('rust-raw-hash-string', 'src/config.rs', '''\
pub const TOGETHER_API_KEY: &str = r#"{key}"#;
'''),
    ('rust-byte-string', 'src/auth.rs', '''\
static KEY: &[u8] = b"{key}";
'''),
    ('cpp-raw-string-delimiter', 'src/client.cpp', '''\
static const char* kTogetherKey = R"key({key})key";
'''),
    ('go-backtick-string', 'internal/llm/together.go', '''\
const togetherKey = `{key}`
'''),
    ('swift-multiline-string', 'Sources/App/Secrets.swift', '''\
let togetherKey = """
    {key}
    """
'''),
    ('kotlin-raw-string', 'app/src/main/kotlin/Keys.kt', '''\
val togetherKey = """{key}""".trimIndent()
'''),
    ('scala-f-interpolator', 'src/main/scala/Together.scala', '''\
val auth = f"Bearer {key}%s"
'''),
    ('perl-q-braces', 'lib/Acme/Together.pm', '''\
my $api_key = q{{{key}}};
'''),
    ('perl-heredoc', 'bin/chat.pl', '''\
my $key = <<'EOT';
{key}
EOT
chomp $key;
'''),
    ('php-nowdoc', 'config/together.php', '''\
<?php
$key = <<<'KEY'
    {key}
    KEY;
'''),
    ('lua-long-bracket', 'scripts/together.lua', '''\
local key = [==[{key}]==]
'''),
    ('zig-multiline', 'src/secrets.zig', '''\
const key =
    \\\\{key}
;
'''),
    ('julia-triple-string', 'src/Together.jl', '''\
const API_KEY = """{key}"""
'''),
    ('ocaml-quoted-string', 'bin/main.ml', '''\
let api_key = {{|{key}|}}
'''),
    ('elixir-sigil-s', 'config/runtime.exs', '''\
config :acme, :together, api_key: ~s({key})
'''),
    ('powershell-here-string', 'scripts/set-key.ps1', '''\
$env:TOGETHER_API_KEY = @'
{key}
'@
'''),
    ('yaml-literal-block', 'deploy/values.yaml', '''\
together:
  apiKey: |
    {key}
'''),
    ('csv-doubled-quotes', 'exports/settings.csv', '''\
name,value
together,"{{""api_key"": ""{key}""}}"
'''),
    ('markdown-link-title', 'docs/setup.md', '''\
See the [dashboard](https://api.together.ai/settings/api-keys "{key}") for your key.
'''),
    ('markdown-footnote', 'docs/notes.md', '''\
We call Together's API[^k].

[^k]: {key}
'''),
)

# -- keys split across literals, lines and continuations ------------------------------------------

SPLIT = key_cases(
    ('cpp-adjacent-literals-lines', 'src/keys.cc', '''\
const char *key =
    "{_key_a}"
    "{_key_b}";
'''),
    ('go-plus-over-lines', 'cmd/chat/main.go', '''\
key := "{_key_a}" +
\t"{_key_b}"
'''),
    ('php-dot-over-lines', 'src/Together.php', '''\
$key = '{_key_a}' .
    '{_key_b}';
'''),
    ('lua-dotdot', 'init.lua', '''\
local key = "{_key_a}" .. "{_key_b}"
'''),
    ('haskell-string-gap', 'src/Together.hs', '''\
apiKey :: String
apiKey = "{_key_a}\\
         \\{_key_b}"
'''),
    ('elixir-diamond', 'lib/together.ex', '''\
@key "{_key_a}" <> "{_key_b}"
'''),
    ('clojure-str', 'src/acme/together.clj', '''\
(def api-key (str "{_key_a}"
                  "{_key_b}"))
'''),
    ('fortran-ampersand', 'src/together.f90', '''\
character(len=*), parameter :: key = "{_key_a}&
    &{_key_b}"
'''),
    ('vb-ampersand-underscore', 'Module1.vb', '''\
Dim key As String = "{_key_a}" & _
    "{_key_b}"
'''),
    ('sql-pipes', 'db/seed.sql', '''\
INSERT INTO settings (name, value) VALUES ('together_key', '{_key_a}' || '{_key_b}');
'''),
    ('sql-concat', 'db/seed_mysql.sql', '''\
UPDATE settings SET value = CONCAT('{_key_a}', '{_key_b}') WHERE name = 'together_key';
'''),
    ('sheet-formula-ampersand', 'exports/keys.csv', '''\
provider,key
together,"=""{_key_a}""&""{_key_b}"""
'''),
    ('powershell-backtick', 'scripts/env.ps1', '''\
$key = "{_key_a}" + `
    "{_key_b}"
'''),
    ('dockerfile-env-continuation', 'Dockerfile', '''\
FROM python:3.12-slim
ENV TOGETHER_API_KEY={_key_a}\\
{_key_b}
'''),
    ('yaml-double-quoted-escaped-break', 'deploy/secret.yaml', '''\
together:
  api_key: "{_key_a}\\
    {_key_b}"
'''),
    ('toml-line-ending-backslash', 'config/together.toml', '''\
api_key = """\\
    {_key_a}\\
    {_key_b}"""
'''),
    ('scala-s-interpolator-concat', 'src/main/scala/Keys.scala', '''\
val key = s"{_key_a}" +
  s"{_key_b}"
'''),
)


def _escaped(name: str, path: str, head: str, line: str) -> Case:
    """A key whose characters ``head`` spells in an escape: ``line`` holds
    ``{k}``, filled with the escaped key."""
    def build(m: Made):
        k = m.key()
        return line.replace('{k}', head(k) if callable(head) else head + k[1:]), [(1, k)]
    return Case(name, path, build)


ESCAPED = [
    _escaped('c-octal-first-char', 'src/key.c', '\\164', 'static const char key[] = "{k}";\n'),
    _escaped('c-hex-first-char', 'src/key2.c', '\\x74', 'const char *together_key = "{k}";\n'),
    _escaped('js-unicode-first-char', 'src/key.js', '\\u0074', "const TOGETHER_API_KEY = '{k}';\n"),
    _escaped('rust-unicode-braces', 'src/key.rs', lambda k: k.replace('_', '\\u{5f}'),
             'let key = "{k}";\n'),
    _escaped('perl-hex-braces', 'lib/key.pl', lambda k: k.replace('_', '\\x{5f}'),
             'my $key = "{k}";\n'),
    _escaped('css-escape', 'static/vars.css', lambda k: k.replace('_', '\\5f '),
             ':root { --together-key: "{k}"; }\n'),
    _escaped('octal-underscores', 'src/key3.c', lambda k: k.replace('_', '\\137'),
             'char together_key[] = "{k}";\n'),
    _escaped('python-named-escape', 'settings.py', lambda k: k.replace('_', '\\N{LOW LINE}'),
             'TOGETHER_API_KEY = "{k}"\n'),
]

# -- decoys ----------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-kotlin-template', 'app/Keys.kt', '''\
val key = "tgp_v1_${{part}}"
'''),
    ('decoy-swift-interpolation', 'Sources/Key.swift', '''\
let key = "tgp_v1_\\(suffix)"
'''),
    ('decoy-scala-interp', 'src/Key.scala', '''\
val key = s"tgp_v1_$rest"
'''),
    ('decoy-js-template', 'src/key.mjs', '''\
const key = `tgp_v1_${{suffix}}`;
'''),
    ('decoy-go-sprintf', 'key.go', '''\
key := fmt.Sprintf("tgp_v1_%s", suffix)
'''),
    ('decoy-elixir-interp', 'lib/key.ex', '''\
key = "tgp_v1_#{{suffix}}"
'''),
    ('decoy-php-heredoc-var', 'src/key.php', '''\
$key = <<<EOT
tgp_v1_{{$suffix}}
EOT;
'''),
    ('decoy-lua-concat-var', 'key.lua', '''\
local key = "tgp_v1_" .. suffix
'''),
    ('decoy-sql-pipes-column', 'db/view.sql', '''\
SELECT 'tgp_v1_' || api_suffix AS api_key FROM tenants;
'''),
    ('decoy-sheet-concat-cell', 'exports/formula.csv', '''\
provider,key
together,"=CONCAT(""tgp_v1_"",A2)"
'''),
    ('decoy-placeholder-split', 'docs/example.go', '''\
key := "tgp_v1_" +
\t"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
'''),
    ('decoy-placeholder-heredoc', 'docs/example.pl', '''\
my $key = <<'EOT';
tgp_v1_<your-key-here>
EOT
'''),
    ('decoy-key-id', 'admin/keys.json', '''\
{{"id": "key_{_kid}", "name": "ci", "provider": "together"}}
'''),
    ('decoy-env-reference', 'Dockerfile.dev', '''\
ENV TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
'''),
    ('decoy-make-reference', 'Makefile', '''\
TOGETHER_API_KEY ?= $(shell cat ~/.together/key)
run:
\tTOGETHER_API_KEY=$(TOGETHER_API_KEY) \\
\tpython chat.py
'''),
    ('decoy-short-join', 'src/short.c', '''\
const char *k = "tgp_v1_" "abc123";
'''),
    ('decoy-haskell-append', 'src/Key.hs', '''\
apiKey = "tgp_v1_" <> suffix
'''),
    ('decoy-ocaml-concat', 'bin/key.ml', '''\
let key = {{|tgp_v1_|}} ^ suffix
'''),
    ('decoy-rust-format', 'src/fmt.rs', '''\
let key = format!(r#"tgp_v1_{{}}"#, suffix);
'''),
    ('decoy-yaml-folded-prose', 'docs/keys.yaml', '''\
help: >-
  Keys start with tgp_v1_ and are followed by
  43 characters; never commit one.
'''),
)


def _key_id(m: Made):
    body = m.key()[7:]
    return f'{{"id": "key_{body}", "name": "ci", "provider": "together"}}\n', []


def _long_join(m: Made):
    k = m.key()
    return f'const char *k = "{k[:20]}"\n    "{k[20:]}x";\n', []


DECOYS = [Case(c.id, c.path, _key_id) if c.id == 'decoy-key-id' else c for c in DECOYS]
DECOYS.append(Case('decoy-51-char-join', 'src/long.c', _long_join))

CASES = WHOLE + SPLIT + ESCAPED + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'sheet-formula-ampersand': "a spreadsheet formula in a CSV field (`\"=\"\"tgp_v1_…\"\"&\"\"…\"\"\"`): its literals' quotes are the CSV's doubled ones, and a join of `\"\"` pieces would join any two doubled-quote strings of a CSV row (`\"a\"\"\",\"\"b\"`); the field is not decoded before joining",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 20, (keys, decoys)
