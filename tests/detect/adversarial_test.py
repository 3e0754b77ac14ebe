"""Inputs built to make the regexes backtrack (``tests/detect/baits.py``)
yield what they should: no finding from a bait, every key from a run of
keys.  That each also costs linear time (4x the input under 8x the CPU) is
measured, not asserted here: ``python bench/complexity.py`` (no test asserts
a time: the machine is shared and noisy).
"""
from __future__ import annotations

import pytest

from tests.cli_run import leaked
from tests.cli_run import run
from tests.detect.baits import ADVERSARIAL as BAITS
from tests.detect.baits import HEX
from tests.detect.baits import HEXES
from tests.detect.baits import KB
from tests.detect.baits import NAMES
from tests.detect.baits import OWN
from tests.detect.baits import repeat
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.ownkeys import OwnKeys


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in BAITS], ids=[b[0] for b in BAITS])
def test_bait_yields_what_it_should(bait, size, count):
    check_bait(bait, size, count)


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in NAMES], ids=[b[0] for b in NAMES])
def test_dense_names_yield_what_they_should(bait, size, count):
    """Names with nothing near them (4 KB, a 64th of the bench's size: still
    hundreds of names, past the switch to the forward scan before the
    ``-then-key`` cases' key; the work each costs is counted in
    ``label_look_work_test.py``, timed in ``bench/complexity.py --only names``)."""
    found = scan_bytes(bait(size // 64), 'bait.py')
    assert len(found) == count


def check_bait(bait, size: int, count: int | None) -> None:
    """The bait is found as often as it should be (its time at 4x the size:
    ``bench/complexity.py``)."""
    found = scan_bytes(bait(size), 'bait.txt')
    if count is None:
        assert found
    else:
        assert len(found) == count


@pytest.mark.parametrize('sep', (b'\n', b' ', b'\\u005f'), ids=('lines', 'one-line', 'escapes'))
def test_own_key_copies_are_each_found(sep):
    # Thousands of copies of the developer's own key, each at its line
    # (that a copy's line and column cost no pass over everything before
    # it: ``bench/complexity.py``).
    own = OwnKeys([OWN])
    unit = OWN.encode() + sep
    small = repeat(unit, 256 * KB)
    got = own.find(small, 'copies.txt')
    assert len(got) == len(small) // len(unit)
    assert got[1].line == (2 if sep == b'\n' else 1)


def test_megabytes_of_hex_after_the_name_complete():
    # Twice past every size the engine's route depends on below the one
    # pass (the grouped screen, a structure's reach; 16 MB is a minified
    # line's test in detect_test): 10 MB before, the same route at 5x the
    # CPU (2.5 CPU-s a MB, linear from 1 to 8 MB).  Linear growth is
    # measured in bench/complexity.py (``hex-after-name``), not here.
    from together_hooks.detect.prefilter import GROUPED_MIN_BYTES
    from together_hooks.detect.prefilter import WHERE_ONE_PASS_MIN_BYTES
    from together_hooks.rules import STRUCTURE_REACH

    size = 2 * max(GROUPED_MIN_BYTES, STRUCTURE_REACH)
    assert size < WHERE_ONE_PASS_MIN_BYTES
    # With a real key at the very end, on its own line: the one finding
    # is that key, none is the hex (one scan proves both: the hex alone
    # was a second scan of the same megabytes).
    key = HEXES[0]
    data = b'TOGETHER_API_KEY=' + repeat(HEX, size) + b'\nTOGETHER_API_KEY=' + key + b'\n'
    assert [(f.line, f.hashed_secret) for f in scan_bytes(data, '.env')] == [(2, hash_secret(key.decode()))]


def test_baits_through_the_hook(tmp_path, monkeypatch):
    # The whole pipeline (prefilter, regexes, the own key from the
    # environment, report) on a few MB of baits; each file ends with the
    # own key, raw and percent-encoded (the own-key check finds that copy
    # anywhere; near the raw key, the rule's percent-decoding reading
    # finds it first).
    monkeypatch.setenv('TOGETHER_API_KEY', OWN)
    encoded = ''.join(f'%{b:02X}' for b in OWN.encode()).encode()
    names = []
    expected = []
    for name, bait, size, _count in BAITS[:8]:
        data = bait(size) + b'\n' + OWN.encode() + b'\nurl=' + encoded + b'\n'
        (tmp_path / f'{name}.txt').write_bytes(data)
        names.append(f'{name}.txt')
        lines = data.count(b'\n')
        expected += [(f'{name}.txt', lines - 1), (f'{name}.txt', lines)]
    r = run('detect-together-keys', '--format', 'json', *names, cwd=tmp_path)
    assert r.rc == 1, r.err
    found = r.json()['findings']
    assert sorted((f['path'], f['line']) for f in found) == sorted(expected)
    assert {f['rule'] for f in found} <= {'together-api-key', 'together-own-key'}
    assert {f['hashed_secret'] for f in found} == {hash_secret(OWN)}
    assert leaked([OWN], r.out, r.err) == []
