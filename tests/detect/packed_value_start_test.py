"""A container's base64 magic counts only where a base64 value starts
(``prefilter._at_value_starts``): zlib level 1 and 9 values (``eA``,
``eN``) are found wherever a value starts, and an identifier holding
``eNo`` or ``eAE`` (``TypeNode``, ``OneAEAD``) sends no file and no
history blob to the engine (work counted, not timed)."""
from __future__ import annotations

import base64
import json
import random
import zlib

import pytest

from tests.keys import make_key
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

SCREEN = keyword_screen(RULES)


def _value(rng: random.Random, level: int, width: int = 0) -> tuple[str, str]:
    key = make_key(rng)
    payload = json.dumps({'user': 'ana', 'together_api_key': key, 'pad': 'x' * 80}).encode()
    value = base64.b64encode(zlib.compress(payload, level)).decode()
    assert value[:2] == {1: 'eA', 9: 'eN'}[level]
    if width:
        value = '\n'.join(value[i:i + width] for i in range(0, len(value), width))
    return key, value


# Where a value starts: a file's first byte, a line's, after ``=``, ``:``,
# a quote, a space, a data: URI's comma; and wrapped at 76 (``base64``).
PLACES = {
    'file-start': '{v}\n',
    'line-start': '# a\n{v}\n',
    'after-equals': 'blob={v}\n',
    'after-colon': 'blob:{v}\n',
    'after-quote': '{{"blob": "{v}"}}\n',
    'after-space': 'blob {v}\n',
    'data-uri': '<img src="data:application/zlib;base64,{v}">\n',
    # In a string written with escapes (JSON, a C or Python literal): a
    # line break or a tab written as two characters (its ``n`` or ``t`` is
    # a base64 byte), ``=`` as Gson writes it (``\u003d``).
    'after-escaped-newline': '{{"script": "#!/bin/sh\\n{v}\\n"}}\n',
    'after-escaped-crlf': '{{"note": "a\\r\\n{v}"}}\n',
    'after-escaped-tab': "s = 'blob:\\t{v}'\n",
    'after-gson-equals': '{{"cookie": "session\\u003d{v}"}}\n',
}


@pytest.mark.parametrize('level', [1, 9])
@pytest.mark.parametrize('place', sorted(PLACES))
def test_a_zlib_level_value_is_found_where_a_value_starts(place, level):
    key, value = _value(random.Random(f'value-start-{place}-{level}'), level)
    data = ('x = 1\n' * 300 + PLACES[place].format(v=value)).encode()
    if place == 'file-start':
        data = PLACES[place].format(v=value).encode() + b'x = 1\n' * 300
    # Both routes of ``where`` (a short file's plain loops, the grouped
    # searches), the history blob test, and the engine.
    assert SCREEN.blob_test(0)(data)
    assert any(m in SCREEN.where(data) for m in prefilter.B64_MAGIC)
    assert [f.hashed_secret for f in scan_bytes(data, 'x.txt')] == [hash_secret(key)]


@pytest.mark.parametrize('level', [1, 9])
def test_a_zlib_level_value_wrapped_at_76_is_found(level):
    key, value = _value(random.Random(f'value-start-wrapped-{level}'), level, width=76)
    assert '\n' in value
    data = f'data:\n  blob: |\n  {value.replace(chr(10), chr(10) + "  ")}\n'.encode()
    assert SCREEN.blob_test(0)(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'x.yaml')] == [hash_secret(key)]


# Identifiers holding a zlib level's mark (and the others' magic): inside a
# longer run of base64's characters, where no value starts.
IDENTIFIERS = b'TypeNode lineNo OneAEAD _eNr noneAF x.onlineAH(1) sdkeJw/typeNq xH4sIx'


@pytest.mark.parametrize('size', [40, 4000])  # plain loops; grouped searches
def test_a_magic_inside_an_identifier_sends_nothing_to_the_engine(size):
    data = (b'def f(n):\n    return ' + IDENTIFIERS + b'\n') * (size // 80 + 1)
    screen = prefilter.Keywords(SCREEN.needles)
    if size > 1000:
        screen.prepare()  # the grouped searches from the first byte
    assert not screen.where(data)
    assert not screen.blob_test(0)(data)
    # Every magic occurs in the bytes, each right after a value's byte.
    assert all(m in data for m in (b'eNo', b'eNq', b'eNr', b'eAE', b'eAF', b'eAH', b'eJw', b'H4sI'))


def test_only_the_value_starts_of_a_magic_are_kept():
    data = b'TypeNode = "' + b'eNo' + b'A' * 60 + b'"\nlineNo\n'
    where = SCREEN.where(data)
    assert where.offsets(b'eNo') == [12]
    assert where.next_at(b'eNo', 13) == -1


def test_history_hands_the_engine_only_the_blob_holding_a_value(git_repo):
    # Real git: blobs of code naming TypeNode/lineNo/OneAEAD are screened
    # out; the one holding a level 9 value is scanned, and its key found.
    from tests.conftest import git
    from tests.conftest import write
    from together_hooks.pipeline import Scanner
    from together_hooks.sources import history

    key, value = _value(random.Random('value-start-history'), 9)
    for i in range(3):
        write(git_repo, f'm{i}.py', (IDENTIFIERS.decode() + f' = {i}\n') * 40)
    write(git_repo, 'cookie.txt', f'session={value}\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'add')
    scanner = Scanner()
    calls = []

    def counted(content):
        calls.append(content)
        return scanner.scan_one(content)

    found = list(history.scan_history(str(git_repo), counted, worth=scanner.blob_test))
    assert [r.path for r in found] == ['cookie.txt']
    assert {f.hashed_secret for r in found for f in scanner.scan_one(r)} == {hash_secret(key)}
    # Discovery's scan of the value's blob and its attribution's, no other:
    # the code blobs never reach the engine.
    assert calls and all(value.encode() in c.data for c in calls)


# A value right after a string's escape (``\n``, ``\t``, ``\r`` written as
# two characters: a JSON log's message, a YAML double-quoted scalar): the
# escape's letter is no value's byte, a value starts there.  Both the
# screen (``where``, the history blob test) and the engine tell it so.
@pytest.mark.parametrize('escape', ['n', 't', 'r'])
@pytest.mark.parametrize('level', [1, 9])
def test_a_value_after_a_string_escape_is_found(escape, level):
    key, value = _value(random.Random(f'value-start-escape-{escape}-{level}'), level)
    data = json.dumps({'log': f'payload:\\{escape}{value}\\{escape}end'}).encode()
    assert f'\\\\{escape}{value}'.encode() in data
    data = ('x = 1\n' * 300).encode() + data.replace(b'\\\\', b'\\') + b'\n'
    assert SCREEN.blob_test(0)(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'log.json')] == [hash_secret(key)]


def test_an_escaped_backslash_before_the_letter_is_no_escape():
    # ``\\n`` is a backslash and the letter n: the magic after it is
    # inside a run (``\\neNo...``), as after any other letter.
    data = b'path = "C:\\\\neNo' + b'A' * 60 + b'"\n'
    assert not SCREEN.where(data)


def _value_start_by_its_words(data: bytes, at: int) -> bool:
    """``value_start`` as its docstring says it, test by test in its order
    (the rule before the one-set-test route of session 21)."""
    if at and data[at - 1] in prefilter._GLUE_BEFORE and data.startswith(prefilter._GLUED_MAGIC, at):
        return True
    return not at or data[at - 1] not in prefilter._B64_RUN_BYTES or prefilter._after_escape(data, at)


def test_value_start_answers_as_its_rule_after_every_byte():
    """Every byte before every magic, each escape (and an escaped
    backslash) before it, the glue bytes: the route that tells a byte
    inside a run by one set test answers each as the rule does."""
    befores = [bytes([b]) for b in range(256)] + [
        *prefilter._ESCAPES_BEFORE, *(b'\\' + e for e in prefilter._ESCAPES_BEFORE), b'x\\\\n', b'',
    ]
    seen = set()
    for magic in prefilter.B64_MAGIC:
        for before in befores:
            data = b'k' + before + magic + b'AAAA'
            for at in (len(before) + 1, 0) if before else (1, 0):
                data_at = data if at else magic + b'AAAA'
                got = prefilter.value_start(data_at, at)
                assert got == _value_start_by_its_words(data_at, at), (before, magic, at)
                seen.add(got)
    assert seen == {True, False}
    assert not prefilter._ESCAPE_ENDS & prefilter._GLUE_BEFORE
