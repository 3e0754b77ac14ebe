"""``Scopes.labelled`` (is a keyword on a Together structure's label?)
reads a file's bytes a bounded number of times however densely its
keywords sit: work counted, not timed.  A file of ``Together(`` repeated
(a keyword every 9 bytes) once cost a 512-byte label search per keyword,
57 times the file (8 CPU-seconds a MB; ``tests/memory_test.py``'s
client-call file held the hook two minutes).  And every answer is the one
the look around the keyword alone gives (``_looked``)."""
from __future__ import annotations

import random
import re
from bisect import bisect_left

import pytest

from tests.detect.baits import ADVERSARIAL
from tests.detect.baits import GRAMMAR
from tests.detect.baits import HEXES
from together_hooks.detect import context
from together_hooks.detect.context import rule_regex
from together_hooks.detect.context import Scopes
from together_hooks.rules import RULES
from together_hooks.rules import STRUCTURE_LABEL
from together_hooks.rules import TOGETHER_CONTEXT

KEYWORD = re.compile(rb'(?i)together')


class Counted:
    """The label pattern, counting the bytes each search is given."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.read = 0
        self.calls = 0

    def search(self, data: bytes, pos: int = 0, endpos: int = 1 << 62) -> re.Match[bytes] | None:
        self.read += min(endpos, len(data)) - pos
        self.calls += 1
        return self.pattern.search(data, pos, endpos)


def _scopes(data: bytes, label: object = None) -> Scopes:
    veto = TOGETHER_CONTEXT.veto
    return Scopes(label or rule_regex(STRUCTURE_LABEL), data, None if veto is None else rule_regex(veto))  # type: ignore[arg-type]


def _looked(data: bytes, ats: list[int]) -> list[int]:
    """The answers of the look around each keyword alone: the label
    search over the bytes near it, then the structure holding it (from
    one forward scan: the structures it finds are the same however far
    it was asked each time)."""
    scopes = _scopes(data)
    out = []
    for at in ats:
        stop = at + context._LABEL_MAX
        end = data.find(b'\n', at, stop)
        if scopes._label.search(data, max(0, at - context._LABEL_MAX), stop if end == -1 else end) is None:
            out.append(0)
            continue
        scopes._scan(stop)
        i = bisect_left(scopes.starts, at + 1) - 1
        out.append(scopes.ends[i] if i >= 0 and at < scopes.heads[i] else 0)
    return out


@pytest.mark.parametrize('unit', (
    b'Together(', b'Together(\n', b'together:', b'TOGETHER_API_KEY=', b'together\\n\\n',
    b'api_key= api.together.xyz ',
))
def test_dense_keywords_read_the_file_a_few_times_not_once_a_keyword(unit):
    """64 KB of one keyword's line: the label searches read under 4 times
    the bytes (the looks until they cost as much as the scan, the scan,
    then a look only where a label sits over a keyword); a search per
    keyword read 50 times them and more."""
    data = unit * (64 * 1024 // len(unit))
    counted = Counted(rule_regex(STRUCTURE_LABEL))
    scopes = _scopes(data, counted)
    hits = [m.start() for m in KEYWORD.finditer(data)]
    for at in hits:
        scopes.labelled(at)
    assert len(hits) > 2000
    assert counted.read <= 4 * len(data), (counted.read / len(data), counted.calls)


def test_a_keyword_on_a_label_still_gets_its_structure():
    """Labels everywhere: each keyword on one is answered its structure's
    end, as the look alone answers, after the scan took over."""
    data = b'x = Together(Together(Together(\n' * 400 + b'together: {"api_key": 1}\n' * 50
    scopes = _scopes(data)
    hits = [m.start() for m in KEYWORD.finditer(data)]
    got = [scopes.labelled(at) for at in hits]
    assert got == _looked(data, hits)
    assert sum(1 for g in got if g) == 50


def _samples() -> list[bytes]:
    out = [s.encode() for rule in RULES for s in rule.true_positives + rule.false_positives]
    out += [bait(2048) for _id, bait, _size, _n in ADVERSARIAL + GRAMMAR]
    # A label longer than the look's reach over its keyword: the look
    # misses it, and so must the answer, also once keywords before it
    # have made the forward scan pass it.
    for long in (
        b' ' * 300 + b'[together]\napi_key = ' + HEXES[0] + b'\n',
        b'together:' + b' ' * 300 + b'\n  key: ' + HEXES[0] + b'\n',
        b'"together"' + b' ' * 300 + b': {"key": "' + HEXES[0] + b'"}\n',
        b'together: # ' + b'x' * 400 + b'\n  key: 1\n',
    ):
        out += [long, b'Together(\n' * 100 + long, b'Together(' * 100 + b'\n' + long]
    out += [
        # dense keywords, a label among them and after them
        b'Together(' * 200 + b'\ntogether:\n  key: 1\n' + b'Together(' * 200 + b' "together": {"k": 1}',
        (b'together: {\n' + b'Together(' * 100 + b'}\n') * 8,
    ]
    return out


def test_every_answer_is_the_look_alone():
    """Over every rule sample, every bait (2 KB of it) and labels longer
    than the look's reach: each keyword's answer, asked in order and then
    in two interleaved orders (two keywords' offsets, as the engine asks),
    is the answer of the look around it alone."""
    for data in _samples():
        hits = [m.start() for m in KEYWORD.finditer(data)]
        want = _looked(data, hits)
        scopes = _scopes(data)
        assert [scopes.labelled(at) for at in hits] == want, data[:80]
        order = hits[::2] + hits[1::2]
        scopes = _scopes(data)
        got = {at: scopes.labelled(at) for at in order}
        assert [got[at] for at in hits] == want, data[:80]


# Hostile files for the differential below: dense names of every kind, then
# labels of every syntax at every distance from them (blanks or multibyte
# text across the look's 256-byte reach, labels longer than it, CRLF, tabs,
# escaped newlines, a BOM), each label's structure holding a legacy key.
_DENSE = (b'Together(', b'together ', b'TOGETHER_API_KEY=', b'"together" ', b'together\\n', b'Together{',
          b'Together(\n', b'"together",', b'together\t', b'together:', b"'together' ", b'together::new(')
_PADS = (b' ', b'\t', b'x', '\u00e9'.encode(), '\u65e5'.encode(), b'\xef\xbb\xbf', b'#', b'{', b',')
_REACH = (0, 1, 200, 250, 254, 255, 256, 257, 260, 300, 511, 512, 513)


def _label(rng: random.Random, key: bytes) -> bytes:
    nl = rng.choice((b'\n', b'\r\n'))
    sp = rng.choice((b'', b' ', b'\t', b' ' * rng.choice(_REACH)))
    name = rng.choice((b'together', b'Together', b'TOGETHER', b'together_ai', b'together-ai', b'together.ai'))
    return rng.choice((
        b'"' + name + b'":' + sp + b'{"api_key": "' + key + b'"}' + nl,
        b'{"' + name + b'": {"x": [{"a": 1}, {"b": [{{}}]}], "key": "' + key + b'"}}' + nl,
        name + b':' + sp + nl + b'  api_key: ' + key + nl,
        b'- ' + name + b': &anc # c' + nl + b'    key: "' + key + b'"' + nl,
        b'[' + name + b']' + sp + nl + b'api_key = "' + key + b'"' + nl,
        b'[tool.' + name + b'.creds]' + sp + b'# x' + nl + b'key = ' + key + nl,
        name + b' = {' + sp + b'api_key = "' + key + b'" }' + nl,
        b"  '" + name + b"' => [" + nl + b"    'key' => '" + key + b"'," + nl + b'  ],' + nl,
        b'{\\"' + name + b'\\": {\\"key\\": \\"' + key + b'\\"}}' + nl,
        name + b': {' + nl + b'  "openai": {"key": "' + HEXES[2] + b'"},' + nl + b'  "key": "' + key + b'"' + nl + b'}' + nl,
        b'x = 1  # ' + name + b':' + sp + b'{"key": "' + key + b'"}' + nl,
        name + b':' + sp + b'[' + nl + b'  {"key": "' + key + b'"}' + nl + b']' + nl,
    ))


def _hostile(seed: int) -> bytes:
    rng = random.Random(seed)
    parts: list[bytes] = []
    while sum(map(len, parts)) < 4000:
        r = rng.random()
        if r < 0.45:
            sep = rng.choice((b'', b'', b' ', b'\n', b'\r\n', b'\\n'))
            parts.append((rng.choice(_DENSE) + sep) * rng.choice((1, 3, 30, 120)))
        elif r < 0.75:
            parts.append(_label(rng, HEXES[rng.randrange(8)]))
        else:
            pad = rng.choice(_PADS)
            parts.append(pad * (rng.choice(_REACH) // len(pad)) + rng.choice((b'\n', b'\r\n', b'')))
    return b''.join(parts)


def test_hostile_files_answer_as_the_look_alone():
    """Generated files where labels sit among and after dense keywords, at
    every distance from the look's reach: every answer, asked in order and
    interleaved, is the look's (a wrong 0 misses a legacy key's context)."""
    on = 0
    for seed in range(12):
        data = _hostile(seed)
        hits = [m.start() for m in KEYWORD.finditer(data)]
        want = _looked(data, hits)
        on += sum(1 for w in want if w)
        for order in (hits, hits[::2] + hits[1::2]):
            scopes = _scopes(data)
            got = {at: scopes.labelled(at) for at in order}
            assert [got[at] for at in hits] == want, seed
    assert on > 20
