"""Neighbours of the concatenations joined in 3e9fa37: C#'s ``@$"``
prefix (as valid as ``$@"``), and a builder chain whose next
``.append(`` / ``.concat(`` starts the next line."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

FORMS = [
    ('a.cs', 'var key = @$"{a}" + @$"{b}";\n', 'csharp @$'),
    ('a.cs', 'var key = @$"{a}"\n    + @$"{b}";\n', 'csharp @$ next line'),
    ('a.java', 'sb.append("{a}")\n  .append("{b}");\n', 'java append chain'),
    ('a.js', 'const key = "".concat("{a}")\n  .concat("{b}");\n', 'js concat chain'),
]


@pytest.mark.parametrize('path, form, why', FORMS, ids=[w for *_, w in FORMS])
def test_pieces_joined(path: str, form: str, why: str) -> None:
    key = make_key(random.Random(why))
    data = form.replace('{a}', key[:20]).replace('{b}', key[20:]).encode()
    assert [f.secret for f in scan_bytes(data, path)] == [key]


@pytest.mark.parametrize('path, form, why', FORMS, ids=[w for *_, w in FORMS])
def test_a_placeholder_joined_is_no_key(path: str, form: str, why: str) -> None:
    data = form.replace('{a}', 'tgp_v1_').replace('{b}', '<your-together-api-key>').encode()
    assert scan_bytes(data, path) == []


def test_a_call_then_an_unrelated_literal_on_the_next_line_is_not_joined() -> None:
    key = make_key(random.Random(5))
    data = f'log("{key[:20]}")\nlog("{key[20:]}")\n'.encode()
    assert scan_bytes(data, 'a.js') == []
