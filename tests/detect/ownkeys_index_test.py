"""Many held keys: which of their variants a file holds is asked of an
index of slices (``detect/needles.py``), one walk of the file, instead of
one ``in`` per variant (5,000 keys made ~85,000 passes over each staged
file).  The findings are exactly the ``in`` checks' (seeded inputs: every
variant kind, glued to key characters, overlapping, at both ends, short
odd values, escapes), and the work no longer grows with the keys held
(bytecodes counted, not time: ``bench/held_keys.py`` has the CPU)."""
from __future__ import annotations

import random

import pytest

from tests.bytecode import work
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import ownkeys
from together_hooks.detect.ownkeys import OwnKeys
from together_hooks.detect.ownkeys import encoded_forms

FILLER = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/= \n"\':;,.{}'  # pragma: allowlist secret


def _values(rng: random.Random, n: int) -> list[str]:
    values = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            values.append(make_hex(rng))
        elif kind == 4:  # an odd value a developer holds: short, or with other characters
            values.append(rng.choice(('short-val', 'with space ' + make_hex(rng)[:20], make_key(rng)[:30])))
        else:
            values.append(make_key(rng))
    return values


def _copies(rng: random.Random, value: str) -> list[bytes]:
    raw = value.encode()
    forms = [raw] + [form for form, _ in encoded_forms(raw)]
    escaped = raw.replace(b'_', b'\\u005f').replace(b'-', b'\\x2d')
    return forms + [escaped, raw[:len(raw) // 2] + b'\\\n' + raw[len(raw) // 2:]]


def _text(rng: random.Random, values: list[str]) -> bytes:
    parts = []
    for _ in range(rng.randrange(0, 30)):
        parts.append(''.join(rng.choice(FILLER) for _ in range(rng.randrange(0, 60))).encode())
        copy = rng.choice(_copies(rng, rng.choice(values)))
        if rng.random() < 0.2:  # a piece only, or two copies overlapping
            copy = copy[:rng.randrange(len(copy))] if rng.random() < 0.5 else copy + copy[rng.randrange(1, len(copy)):]
        parts.append(copy)
    return b''.join(parts)


def _as_found(own: OwnKeys, data: bytes) -> list[tuple[object, ...]]:
    return [(f.line, f.column, f.rule, f.secret, f.encoding) for f in own.find(data, 'f.txt')]


@pytest.mark.parametrize('seed', range(40))
def test_the_index_finds_exactly_what_the_in_checks_find(seed, monkeypatch):
    rng = random.Random(f'ownkeys-index-{seed}')
    values = _values(rng, rng.choice((20, 40, 80)))
    indexed, plain = OwnKeys(values), OwnKeys(values)
    for _ in range(10):
        data = _text(rng, values)
        monkeypatch.setattr(ownkeys, 'INDEX_AFTER', 0)  # indexed at once
        monkeypatch.setattr(ownkeys, 'INDEX_MIN_VARIANTS', 1)
        got = _as_found(indexed, data)
        assert indexed._index is not None
        monkeypatch.setattr(ownkeys, 'INDEX_MIN_VARIANTS', 1 << 30)
        assert _as_found(plain, data) == got
        assert plain._index is None
        monkeypatch.undo()


def test_a_few_keys_keep_the_in_checks(monkeypatch):
    # One key, ~20 variants: cheaper asked one by one, and nothing imported.
    monkeypatch.setattr(ownkeys, 'INDEX_AFTER', 0)
    own = OwnKeys([make_key(random.Random('ownkeys-one'))])
    own.find(b'x' * 100_000, 'f.txt')
    assert own._index is None and own._raw_index is None


def test_many_keys_and_a_small_file_keep_the_in_checks():
    # Building the index costs what the checks spend on ~25 KB of files.
    rng = random.Random('ownkeys-small')
    own = OwnKeys([make_key(rng) for _ in range(100)])
    own.find(b'x = 1\n', 'f.py')
    assert own._index is None
    own.find(b'x' * (ownkeys.INDEX_AFTER // len(own._variants)), 'big.txt')
    assert own._index is not None


def _find_work(n: int) -> int:
    rng = random.Random(f'ownkeys-work-{n}')
    own = OwnKeys([make_key(rng) for _ in range(n)])
    own.find(b'x' * (ownkeys.INDEX_AFTER // len(own._variants)), 'big.txt')  # past the build
    # A staged file holding none of them, with a string escape (the
    # escaped-copies path runs too) and one of them near its end.
    data = ''.join(f'value_{i} = "{rng.random()}\\x2d"\n' for i in range(200)).encode()
    data += own.keys[0].encode() + b'\n'
    assert len(own.find(data, 'f.py')) == 1
    return work(lambda: own.find(data, 'f.py'))


def test_a_files_check_does_not_grow_with_the_keys_held():
    # Before: one ``in`` per variant, 4x the keys gave ~4x the work
    # (each variant a turn of a loop in the package).
    small, large = _find_work(100), _find_work(400)
    assert large < 1.3 * small, (small, large)


def _dense_work(values: list[str], data: bytes) -> int:
    own = OwnKeys(values)
    own.find(b'x' * (ownkeys.INDEX_AFTER // len(own._variants) + 1), 'warm-up.txt')
    return work(lambda: own.find(data, 'f.txt'))


def test_an_odd_held_value_is_no_walk_of_every_byte():
    # A held value with a character no key form has (a JWT's ``.``: what
    # ``plausible_key`` takes from a Together-named variable) was indexed
    # apart and every byte of every file probed in Python (17 keys and it,
    # a 3.3 MB file of code: 0.15 s of ``in`` checks became 0.78 s).  It
    # is one ``in`` check, as a short value is.
    rng = random.Random('ownkeys-odd')
    values = [make_key(rng) for _ in range(80)]
    values.append('eyJhbGciOiJIUzI1NiJ9.' + make_key(rng)[7:] + '.sig0123')
    code = ''.join(f'value_{i} = compute("name", 1.0)  # a comment\n' for i in range(600)).encode()
    small, large = _dense_work(values, code), _dense_work(values, code * 4)
    assert large < 1.3 * small, (small, large)


def test_a_few_dozen_keys_and_a_dense_file_keep_the_in_checks():
    # 40 keys (~600 variants) and 4 MB of base64 (one run of index
    # characters): the index probes every place in Python, 2.3x the CPU
    # of the ``in`` checks (0.40 s -> 0.91 s); from ~60 keys on it is the
    # cheaper (100 keys: 1.01 s -> 0.70 s).
    import base64

    rng = random.Random('ownkeys-dense')
    values = [make_key(rng) for _ in range(40)]
    dense = base64.b64encode(rng.randbytes(12_000))
    small, large = _dense_work(values, dense), _dense_work(values, dense * 4)
    assert large < 1.3 * small, (small, large)
