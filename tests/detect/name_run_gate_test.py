"""A name's reading (``engine._name_reading``: a separator right before a
run of 64 hex digits read as ``=``) is made and scanned only where the
name holds such a run (``engine._a_name``): a tree's path names hold
thousands of hex digits (``a.py``, ``cache/f00d/...``) and, nearly
always, no run of 64, and the pattern's pass over all their bytes was
5.7 ms of the bench tree's scan for a reading equal to the text.  Held
to the count of hex digits it replaced on seeded names, and through a
tree scan: a name holding a key is found, its near misses are not."""
from __future__ import annotations

import random

import pytest

from tests.cli_run import scan_in_process
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.findings import PATH_NAME
from together_hooks.findings import REF_NAME


def _counted(text: bytes, path: str) -> bool:
    """``_a_name`` as it was: 64 hex digits anywhere, run or not."""
    if len(text) < 51:
        return False
    if engine._name_proper(path):
        if b'tgp_v1_' in text:
            return True
    elif (len(text) > engine._ONE_WORD or text.find(b'\n', 0, len(text) - 2) != -1
            or b' ' in text or b'\t' in text):
        return False
    return len(text) >= 65 and len(text.translate(None, b'0123456789abcdef')) <= len(text) - 64


def _name(rng: random.Random) -> bytes:
    """Path names (or a one-word blob) built of parts that come near a
    name the reading parts: hex runs of 60 to 66 digits (some in capitals,
    some cut by a letter past ``f``), Together's names, current keys, and
    the separators the reading knows."""
    parts = []
    for _ in range(rng.randrange(1, 8)):
        pick = rng.randrange(8)
        if pick == 0:
            run = make_hex(rng) + make_hex(rng)
            parts.append(run[:rng.randrange(60, 67)])
        elif pick == 1:
            run = make_hex(rng)
            cut = rng.randrange(1, 63)
            parts.append(run[:cut] + rng.choice('gxyz') + run[cut + 1:])
        elif pick == 2:
            parts.append(make_hex(rng).upper())
        elif pick == 3:
            parts.append(make_key(rng))
        elif pick == 4:
            parts.append(rng.choice(('together-api-key', 'TOGETHER_API_KEY', 'together_key', 'deploy')))
        elif pick == 5:
            parts.append(make_hex(rng)[:rng.randrange(1, 40)])
        else:
            parts.append(rng.choice(('src', 'a.py', 'cache', 'f00d', 'fix', 'backup.txt')))
    seps = ('/', '-', '_', '.', '\n', '') if rng.randrange(2) else ('/', '-', '_', '.')
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(seps) + part
    return text.encode()


@pytest.mark.parametrize('path', (PATH_NAME, REF_NAME, 'notes.txt'))
def test_a_name_without_a_run_reads_as_itself(path):
    """Wherever the run test says no and the count said yes, the reading
    is the text itself (nothing the reading's scan could add); wherever
    the count said no, so does the run test; and the findings of
    ``scan_bytes`` are the same with either test."""
    rng = random.Random(38_17)
    told_apart = 0
    for _ in range(600):
        text = _name(rng)
        now, was = engine._a_name(text, path), _counted(text, path)
        assert now <= was, text
        if was and not now:
            told_apart += 1
            assert engine._name_reading(text, path) == text, text
    assert told_apart > 50


def test_scan_bytes_finds_the_same_with_the_run_test(monkeypatch):
    rng = random.Random(38_18)
    cases = [_name(rng) for _ in range(200)]
    for path in (PATH_NAME, 'notes.txt'):
        now = [[(f.line, f.column, f.rule, f.secret) for f in engine.scan_bytes(t, path)] for t in cases]
        with monkeypatch.context() as m:
            m.setattr(engine, '_a_name', _counted)
            was = [[(f.line, f.column, f.rule, f.secret) for f in engine.scan_bytes(t, path)] for t in cases]
        assert now == was
        assert sum(map(len, now)) > 10  # (keys among them, found)


def test_a_tree_s_names_without_a_run_are_read_once(monkeypatch):
    """A tree's path names holding hex digits enough for a key, in no run
    of 64: no reading is made (the count of hex digits made one of all the
    names)."""
    rng = random.Random(38_19)
    names = '\n'.join(f'pkg/{make_hex(rng)[:rng.randrange(8, 40)]}/mod_{n}.py' for n in range(400)).encode()
    made = []
    real = engine._name_reading
    monkeypatch.setattr(engine, '_name_reading', lambda text, path: made.append(path) or real(text, path))
    assert engine.scan_bytes(names, PATH_NAME) == []
    assert made == []
    # One run of 64 past a separator: read (and a legacy key beside
    # Together's name found in it).
    key = make_hex(rng)
    assert [f.secret for f in engine.scan_bytes(names + f'\nsecrets/together-api-key-{key}'.encode(), PATH_NAME)] == [key]
    assert made == [PATH_NAME]


def test_a_tree_scan_finds_a_key_in_a_name_and_passes_its_near_misses(tmp_path):
    """Through the whole scan: a file named for Together's key with the
    key in its name is found; beside it, a name holding 63 digits, one of
    64 digits cut in two runs, and one in capitals are not."""
    rng = random.Random(38_20)
    key = make_hex(rng)
    near = make_hex(rng)
    (tmp_path / 'secrets').mkdir()
    (tmp_path / 'secrets' / f'together-api-key-{key}').write_text('x\n')
    (tmp_path / 'secrets' / f'together-api-key-{near[:63]}').write_text('x\n')
    (tmp_path / 'secrets' / f'together-api-key-{near[:32]}-{near[32:]}').write_text('x\n')
    (tmp_path / 'secrets' / f'together-api-key-{near.upper()}').write_text('x\n')
    result = scan_in_process(str(tmp_path), '--format', 'json', cwd=tmp_path)
    assert result.rc == 1, result.err
    found = result.json()['findings']
    assert [(f['path'], f['rule']) for f in found] == [(PATH_NAME, 'together-legacy-api-key')], found
