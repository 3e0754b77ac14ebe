"""The readings' second screen (``engine._valued``, ``codec.joined_view``'s
``wanted``): a reading of a file saying "together" is scanned only when
its bytes hold a run a rule's value needs (``Rule.value_run``), and the
joined reading is built only then.  It must never leave out a reading the
full engine finds a key in: held here to the engine without the screen,
on every held-out case of tests/accuracy and on keys written in pieces
(joined literals, escapes) near a Together name (docs/performance.md, "A
second screen for the readings")."""
from __future__ import annotations

import glob
import importlib
import os
import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.accuracy import Case
from tests.accuracy import Made
from tests.keys import make_hex
from together_hooks.detect import codec
from together_hooks.detect import engine
from together_hooks.rules import RULES

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _found(data: bytes, path: str = 'f.py') -> list[tuple[int, str]]:
    return sorted((f.line, f.secret) for f in engine.scan_bytes(data, path))


@pytest.fixture
def unscreened(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The engine with the second screen off: every reading built and
    scanned, as before it."""
    def scan(data: bytes, path: str = 'f.py') -> list[tuple[int, str]]:
        with monkeypatch.context() as m:
            m.setattr(engine, '_valued', lambda data, rules: rules)
            m.setattr(codec, 'joined_view', _unwanted(codec.joined_view))
            return _found(data, path)
    return scan


def _unwanted(joined_view):  # type: ignore[no-untyped-def]
    def view(data: bytes, wanted=None):  # type: ignore[no-untyped-def]
        return joined_view(data)
    return view


def _heldout_cases() -> list[tuple[str, Case]]:
    """Every case of tests/accuracy written from a template (``key_cases``,
    ``hex_cases``: no tool needed to build it) whose file says "together"
    in some case: those the legacy rule, and so the screen, is asked of."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests', 'accuracy', '*_test.py'))):
        name = 'tests.accuracy.' + os.path.basename(path)[:-3]
        module = importlib.import_module(name)
        for case in getattr(module, 'CASES', ()):
            if isinstance(case, Case) and case.build.__qualname__.startswith(('key_cases.', 'hex_cases.')):
                out.append((name, case))
    return out


def test_heldout_cases_find_the_same_keys_with_and_without_the_screen(  # type: ignore[no-untyped-def]
        unscreened, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Compared where the screen left a reading out (or a joined one
    unbuilt): where it passed every reading, the engine did the same work
    as without it (``_valued`` returned the rules it was given, the joined
    view was built as before), so only those cases can differ."""
    dropped: list[bytes] = []

    def valued(data: bytes, rules):  # type: ignore[no-untyped-def]
        out = screen(data, rules)
        if len(out) < len(rules):
            dropped.append(data)
        return out
    screen = engine._valued
    monkeypatch.setattr(engine, '_valued', valued)
    cases = _heldout_cases()
    assert len(cases) > 1000
    asked = compared = keys = 0
    for module, case in cases:
        text, _expected = case.build(Made(case.id))
        data = text.encode() if isinstance(text, str) else text
        if b'ogether' not in data.lower():
            continue
        asked += 1
        path = case.path.rsplit('/', 1)[-1]
        dropped.clear()
        found = _found(data, path)
        if not dropped:
            continue
        compared += 1
        full = unscreened(data, path)
        assert found == full, (module, case.id)
        keys += len(full)
    assert asked > 1000
    # (the screen left readings out of 32 cases holding 29 keys: the
    # comparison saw keys beside readings it passed over)
    assert compared > 20 and keys > 20, (compared, keys)


_NAMES = (
    b'TOGETHER_API_KEY = ', b'together_api_key: ', b'"Together" "_API_KEY" = ',
    b'os.environ["TOGETHER_API_KEY"] = ', b'together:\n  api_key: ',
    b"{'together': ", b'T\\x6fgether_API_KEY=',
)
# How a literal is closed and the next one opened: the joints ``_JOIN``
# and ``_WORD_JOIN`` take out.
_JOINTS = (b'" "', b'" + "', b'" .\n    "', b"' '", b"' + '", b'"\n    "', b'" \\\n "', b'`+`', b'"+\n"')


def _escaped(c: int, rng: random.Random) -> bytes:
    return rng.choice((
        bytes((c,)), b'\\x%02x' % c, b'\\u%04x' % c, b'&#%d;' % c, b'%%%02x' % c, b'\\%03o' % c,
    ))


def _pieces(key: bytes, rng: random.Random, escape: bool) -> bytes:
    """``key`` as a run of joined literals, some characters escaped."""
    cuts = sorted(rng.sample(range(1, len(key)), rng.randint(0, 4)))
    parts = [key[a:b] for a, b in zip([0, *cuts], [*cuts, len(key)])]
    out = b'"'
    for i, part in enumerate(parts):
        if i:
            out += rng.choice(_JOINTS)[1:-1] + b'"'  # the joint between the quotes
        out += b''.join(_escaped(c, rng) if escape and rng.random() < 0.2 else bytes((c,)) for c in part)
    return out + b'"'


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), escape=st.booleans(), prose=st.integers(0, 3))
def test_keys_in_pieces_are_found_with_and_without_the_screen(seed: int, escape: bool, prose: int) -> None:
    rng = random.Random(seed)
    key = make_hex(rng).encode()
    text = (
        b'# bring the pieces together, then\n' * prose
        + rng.choice(_NAMES) + _pieces(key, rng, escape) + b'\n'
        + b'x = ["a", "b"]  # together\n'
    )
    with pytest.MonkeyPatch.context() as m:
        m.setattr(engine, '_valued', lambda data, rules: rules)
        m.setattr(codec, 'joined_view', _unwanted(codec.joined_view))
        full = _found(text)
    assert _found(text) == full


def test_a_key_only_a_joined_reading_holds_is_found() -> None:
    """The raw bytes hold no 64-character run, the joined reading does: a
    screen of the raw bytes (or of the piece a reading is made of) would
    drop it."""
    key = make_hex(random.Random('joined')).encode()
    text = b'TOGETHER_API_KEY = "' + key[:30] + b'" "' + key[30:] + b'"\n'
    table, needle = engine._run_test(RULES[1].value_run)
    assert needle not in text.translate(table)
    assert [s for _line, s in _found(text)] == [key.decode()]


def test_a_key_only_an_escaped_reading_holds_is_found() -> None:
    key = make_hex(random.Random('escaped')).encode()
    text = b'{"TOGETHER_API_KEY": "' + key[:40] + b'\\x' + b'%02x' % key[40] + key[41:] + b'"}\n'
    assert [s for _line, s in _found(text, 'f.json')] == [key.decode()]


def _real_pieces() -> list[bytes]:
    """Stretches of this repository's own sources and docs (code and
    prose full of quotes, joints and escapes)."""
    out = []
    for pattern in ('together_hooks/**/*.py', 'tests/**/*.py', 'docs/*.md'):
        for path in sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True)):
            with open(path, 'rb') as f:
                data = f.read()
            out += [data[at:at + 2048] for at in range(0, len(data), 2048)]
    return out


def test_the_joined_bytes_wanted_are_the_joined_views() -> None:
    """``re.sub`` takes out what ``rewrite`` does: the bytes ``wanted`` is
    asked about are the view's, and a view is left out only when they
    fail it (or nothing was joined)."""
    pieces = _real_pieces()
    assert len(pieces) > 1000
    joined = 0
    for piece in pieces[::3]:  # (nine in ten join something: a third is 700 joined views)
        view = codec.joined_view(piece)
        asked: list[bytes] = []
        wanted = codec.joined_view(piece, lambda d: asked.append(d) or True)
        if view is None:
            assert wanted is None
            continue
        joined += 1
        assert asked == [view.data]
        assert wanted is not None and wanted.data == view.data
        assert codec.joined_view(piece, lambda d: False) is None
    assert joined > 500


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    [b'"', b"'", b'`', b'\\', b' ', b'\n', b'+', b'.', b',', b'a', b'0', b'_', b'{', b'$', b':', b'b', b'=',
     b'.append(', b'k += ', b')', b';'],
), max_size=60))
def test_the_joined_bytes_wanted_are_the_joined_views_on_any_text(parts: list[bytes]) -> None:
    piece = b''.join(parts)
    view = codec.joined_view(piece)
    asked: list[bytes] = []
    wanted = codec.joined_view(piece, lambda d: asked.append(d) or True)
    assert (view is None) == (wanted is None)
    if view is not None:
        assert asked == [view.data] and wanted.data == view.data  # type: ignore[union-attr]
