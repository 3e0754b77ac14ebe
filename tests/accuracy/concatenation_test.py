"""Keys split by string concatenation, in each language's usual shape."""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import make_tests
from tests.accuracy import marked


def split(template: str, kind: str = 'tgp', at: int = 7):
    """``template`` holds ``{key}`` (where the first piece starts) and
    ``{_a}``/``{_b}``: the key cut at ``at``."""
    def build(m):
        key = m.key() if kind == 'tgp' else m.hex()
        text, _ = marked(template, key='', _a=key[:at], _b=key[at:])
        expected = marked(template, key=key, _a='', _b='')[1]
        return text, [(line, key) for line, _k in expected]
    return build


PY_ADJACENT = 'TOGETHER_API_KEY = {key}"{_a}" "{_b}"\n'
PY_PLUS = "api_key = {key}'{_a}' + '{_b}'\n"
PY_IMPLICIT = '''\
client = Together(
    api_key=(
        {key}"{_a}"
        "{_b}"
    ),
)
'''
JS_PLUS = '''\
const TOGETHER_KEY =
  {key}"{_a}" +
  "{_b}";
'''
TS_TEMPLATE = '''\
export const apiKey: string = {key}'{_a}'
  + '{_b}';
'''
GO_PLUS = '''\
package main

const togetherKey = {key}"{_a}" +
\t"{_b}"
'''
JAVA_PLUS = '''\
public final class Keys {{
    static final String TOGETHER = {key}"{_a}"
            + "{_b}";
}}
'''
CSHARP_PLUS = '''\
var client = new TogetherClient(
    {key}"{_a}" +
    "{_b}");
'''
HEX_SPLIT = '''\
TOGETHER_API_KEY = (
    {key}"{_a}"
    "{_b}"
)
'''


def three_pieces(m):
    key = m.key()
    text = f'KEY = "{key[:7]}" + "{key[7:30]}" + "{key[30:]}"\n'
    return text, [(1, key)]


CASES = [
    Case('python-adjacent', 'settings.py', split(PY_ADJACENT)),
    Case('python-plus', 'app.py', split(PY_PLUS)),
    Case('python-implicit-two-lines', 'client.py', split(PY_IMPLICIT, at=25)),
    Case('js-plus-two-lines', 'src/key.js', split(JS_PLUS, at=20)),
    Case('ts-plus-next-line', 'src/key.ts', split(TS_TEMPLATE)),
    Case('go-plus-two-lines', 'keys.go', split(GO_PLUS, at=30)),
    Case('java-plus-next-line', 'Keys.java', split(JAVA_PLUS, at=12)),
    Case('csharp-plus-two-lines', 'Program.cs', split(CSHARP_PLUS)),
    Case('python-three-pieces', 'three.py', three_pieces),
    Case('legacy-hex-split', 'legacy.py', split(HEX_SPLIT, kind='hex', at=32)),
]

results, test_case = make_tests(CASES)
