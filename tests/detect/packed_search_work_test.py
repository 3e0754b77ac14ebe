"""Where a container's base64 value may start (``engine._packed_search``):
the same matches as ``re``'s search of ``engine._PACKED_START``, asked only
at the screen's offsets of each magic.  ``re`` finds no literal to skip to
in that alternation, so a search stepped through every byte after the first
magic: mypy's sources (``eNo`` of ``TypeNone``, ``H4sI`` nowhere) paid a
walk of each file.  Work counted, not timed: the bytes the pattern reads."""
from __future__ import annotations

import random
import re

import pytest

from tests.keys import make_key
from together_hooks import regex_cache
from together_hooks.detect import engine
from together_hooks.detect.prefilter import B64_MAGIC
from together_hooks.detect.prefilter import value_start
from together_hooks.rules import RULES

_rng = random.Random('packed-search')
_PACKED = re.compile(engine._PACKED_START)


class _Counted:
    """``_PACKED_START`` compiled, counting what its calls may read: a
    search the bytes from where it starts to the end, a match the longest
    magic and its 40 characters."""

    def __init__(self) -> None:
        self.read = 0

    def search(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        self.read += max(0, len(data) - pos)
        return _PACKED.search(data, pos)

    def match(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        self.read += max(map(len, B64_MAGIC)) + 40
        return _PACKED.match(data, pos)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _Counted:
    pattern = _Counted()
    real = regex_cache.cached

    def cached(source: bytes, *args: object) -> object:
        return pattern if source == engine._PACKED_START else real(source, *args)

    monkeypatch.setattr(regex_cache, 'cached', cached)
    return pattern


def _where(data: bytes) -> object:
    return engine.keyword_screen(RULES).where(data)


def test_a_lone_magic_before_a_megabyte_of_code_reads_no_more_than_its_value(counted: _Counted):
    # ``eNo`` where a value may start (after a space; ``TypeNone``'s is
    # screened out, ``prefilter.value_start``), no value after it.
    code = b'    if isinstance(typ, AnyType):\n        return self.visit(typ)\n'
    data = b'x = eNo\n' + code * (1_000_000 // len(code))
    assert engine.scan_bytes(data, 'checker.py') == []
    assert 0 < counted.read <= 100, counted.read


def test_many_magics_read_a_bounded_stretch_each(counted: _Counted):
    # Three magics a line (``eNo`` twice, ``H4sI``), no value after
    # any: each tried once, by a match of its own.
    line = b'TypeNone = H4sI; eNo.\n'
    data = line * 20_000
    assert engine.scan_bytes(data, 'x.py') == []
    assert counted.read <= 3 * 20_000 * (max(map(len, B64_MAGIC)) + 40)


def _text(n: int) -> bytes:
    """Base64-ish text with magics, partial magics and runs of value
    characters: the places where a match starts, and fails, are many."""
    pieces = [
        *B64_MAGIC, b'eN', b'H4s', b'eJ', b'eA', b'Qlp', b' ', b'\n', b'"', b'=', b'-', b'_', b'/', b'\\', b'\\n', b'\\t',
        *(bytes(_rng.choices(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', k=k))
          for k in (5, 20, 39, 40, 41, 60)),
    ]
    return b''.join(_rng.choices(pieces, k=n))


def _value_start_search(data: bytes, pos: int) -> re.Match[bytes] | None:
    """``re``'s search, past the matches where no value starts (the
    engine passes over those; the screen's ``where`` drops them)."""
    m = _PACKED.search(data, pos)
    while m is not None and not value_start(data, m.start()):
        m = _PACKED.search(data, m.start() + 1)
    return m


@pytest.mark.parametrize('seed', range(40))
def test_the_search_finds_what_re_finds_from_every_offset(seed: int):
    data = _text(60 + seed * 5)
    where = _where(data)
    search = engine._packed_search(data, where)
    # Asked as ``_packed_hits`` asks: forward from where the last one
    # ended, and from any offset after it.
    pos = 0
    while pos <= len(data):
        got = search(pos)
        want = _value_start_search(data, pos)
        assert (got and got.span()) == (want and want.span()), (data, pos)
        pos += _rng.randint(1, 9)


def test_a_key_in_a_value_after_many_failed_magics_is_found():
    import base64
    import gzip

    key = make_key(_rng)
    value = base64.b64encode(gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode())).decode()
    decoys = ''.join(f'eNo{i} H4sI{"A" * 30} eJz-\n' for i in range(300))
    data = f'{decoys}release: "{value}"\n'.encode()
    found = engine.scan_bytes(data, 'values.yaml')
    assert [f.secret for f in found] == [key]
    assert found[0].line == 301
