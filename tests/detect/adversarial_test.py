"""Inputs built to make the regexes backtrack finish in linear time.

No test asserts an absolute time: the machine is shared and noisy.  Each
bait is scanned at two sizes, 4x apart, and the CPU time of the larger
must stay under 8x the smaller (linear work gives ~4x; quadratic ~16x).
The best of a few interleaved runs is taken for each size.
"""
from __future__ import annotations

import base64
import gc
import random
import time
from typing import Callable

import pytest

from tests.cli_run import leaked
from tests.cli_run import run
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.ownkeys import OwnKeys

KB = 1024
MB = 1024 * KB
HEX = b'0123456789abcdef'
_rng = random.Random(4242)
KEYS = [make_key(_rng).encode() for _ in range(500)]
HEXES = [make_hex(_rng).encode() for _ in range(500)]
OWN = make_key(_rng)


def repeat(unit: bytes, size: int) -> bytes:
    return unit * (size // len(unit) + 1)


def cycle(units: list[bytes], size: int) -> bytes:
    """Distinct units (real keys) until ``size`` bytes."""
    out = []
    total = 0
    i = 0
    while total < size:
        out.append(units[i % len(units)])
        total += len(out[-1])
        i += 1
    return b''.join(out)


# (id, bait(size) -> bytes, smaller size, how many findings it must yield
# at that size: 0, or None for "some")
BAITS: tuple[tuple[str, Callable[[int], bytes], int, int | None], ...] = (
    # From the issue.
    ('tgp-prefix-repeated', lambda n: repeat(b'tgp_v1_', n), 512 * KB, 0),
    ('hex-after-name', lambda n: b'TOGETHER_API_KEY=' + repeat(HEX, n), 512 * KB, 0),
    ('spaces-after-name', lambda n: b'TOGETHER_API_KEY=' + b' ' * n + b'x', 512 * KB, 0),
    ('tabs-before-assign', lambda n: b'TOGETHER_API_KEY' + b'\t' * n + b'=', 512 * KB, 0),
    ('newlines-after-name', lambda n: b'TOGETHER_API_KEY:' + b'\n' * n, 512 * KB, 0),
    ('b64-prefix-repeated', lambda n: repeat(b'dGdwX3Yx', n), 512 * KB, 0),
    ('bearer-repeated', lambda n: b'api.together.xyz ' + repeat(b'Bearer ', n), 512 * KB, 0),
    ('name-lines', lambda n: repeat(b'TOGETHER_API_KEY=\n', n), 64 * KB, 0),
    # Near misses and many findings.
    ('key-chars-after-prefix', lambda n: b'tgp_v1_' + b'A' * n, 512 * KB, 0),
    # A run of key characters is passed over whole; the key after it counts.
    ('prefix-run-then-key', lambda n: repeat(b'tgp_v1_', n) + b' ' + KEYS[0], 512 * KB, 1),
    ('b64-run-then-key', lambda n: repeat(b'dGdwX3Yx', n) + b'\n' + base64.b64encode(KEYS[0]), 512 * KB, 1),
    ('keys-one-line', lambda n: cycle([k + b' ' for k in KEYS], n), 64 * KB, None),
    ('keys-each-line', lambda n: cycle([k + b'\n' for k in KEYS], n), 64 * KB, None),
    ('keys-after-escapes', lambda n: cycle([b'\\n' + k for k in KEYS], n), 64 * KB, None),
    ('b64-keys', lambda n: cycle([base64.b64encode(k) + b' ' for k in KEYS], n), 64 * KB, None),
    ('legacy-named-one-line', lambda n: cycle([b'TOGETHER_API_KEY=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    ('legacy-nested-one-line', lambda n: b'together:\n  ' + cycle([b'key=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    # Thousands of candidates on one line, each needing its context checked.
    # (A JSON section names its keys; an INI [section] must head its own line.)
    ('nested-json-one-line', lambda n: cycle([b'{"together": {"apiKey": "' + h + b'"}}, ' for h in HEXES], n), 64 * KB, None),
    ('nested-ini-one-line', lambda n: cycle([b'[together] key=' + h + b' ' for h in HEXES], n), 64 * KB, 0),
    ('bearer-keys-one-line', lambda n: b'api.together.xyz ' + cycle([b'Bearer ' + h + b' ' for h in HEXES], n), 32 * KB, None),
    ('terraform-lines', lambda n: b'together_api_key' + repeat(b'\n  type = x', n), 512 * KB, 0),
    ('client-call-repeated', lambda n: repeat(b'Together(' + b'x' * 150, n), 512 * KB, 0),
    ('quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY="', n), 64 * KB, 0),
    ('pragma-lines', lambda n: cycle([b'# pragma: allowlist nextline secret\n' + k + b'\n' for k in KEYS], n), 64 * KB, 0),
    # (A pragma past column 120 of its line is out of view: those keys count.)
    ('pragma-one-line', lambda n: cycle([k + b'  # pragma: allowlist secret ' for k in KEYS], n), 64 * KB, None),
    ('utf16-keys', lambda n: b'\xff\xfe' + cycle([k + b'\n' for k in KEYS], n // 2).decode().encode('utf-16-le'), 32 * KB, None),
    ('percent-escapes', lambda n: repeat(b'%3D', n) + b'tgp_v1_', 512 * KB, 0),
    ('backslashes', lambda n: repeat(b'\\x5f\\u005f', n), 512 * KB, 0),
    ('only-newlines', lambda n: b'\n' * n, 512 * KB, 0),
    ('only-cr', lambda n: b'\r' * n, 512 * KB, 0),
    # The structural context search: many generic candidates, each walking
    # the structure around it (brackets, indentation, sections).
    ('generic-keys-one-line', lambda n: b'base_url="https://api.together.xyz/v1" '
     + cycle([b'api_key="' + h + b'", ' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-each-line', lambda n: b'url: https://api.together.xyz\n'
     + cycle([b'  api_key: ' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-deep-brackets', lambda n: b'{[(' * 2000 + b'api.together.xyz '
     + cycle([b'token=' + h + b' ' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-under-blank-lines', lambda n: b'url: https://api.together.xyz\n'
     + cycle([b'\n' * 200 + b'    password: ' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('generic-keys-stairs', lambda n: b'provider: together\n'
     + cycle([b' ' * (i % 64) + b'key: ' + h + b'\n' for i, h in enumerate(HEXES)], n), 64 * KB, None),
    ('bearer-keys-har', lambda n: b'{"url": "https://api.together.xyz/v1", "headers": ['
     + cycle([b'{"name": "authorization", "value": "Bearer ' + h + b'"}, ' for h in HEXES], n), 64 * KB, None),
    ('ini-sections', lambda n: cycle([b'[together]\nkey = ' + h + b'\n' for h in HEXES], n), 32 * KB, None),
    ('openers-no-key', lambda n: b'api_key: ' + HEXES[0] + b' together: ' + repeat(b'{', n), 128 * KB, 0),
    # Base64 decoding: encoded keywords everywhere, one long run, many runs.
    ('b64-keyword-forms-repeated', lambda n: repeat(base64.b64encode(b'xTOGETHER_'), n), 128 * KB, 0),
    ('b64-one-long-run', lambda n: base64.b64encode(repeat(b'TOGETHER_API_KEY=\n', n * 3 // 4)), 128 * KB, 0),
    ('b64-env-files', lambda n: cycle([base64.b64encode(b'TOGETHER_API_KEY=' + h + b'\n') + b'\n'
                                       for h in HEXES], n), 32 * KB, None),
    ('b64-wrapped-lines', lambda n: b'data: |\n' + repeat(b'    ' + base64.b64encode(b'together' * 7)[:76] + b'\n', n),
     128 * KB, 0),
    # The other readings: escapes, quoted-printable, percent, concatenation.
    ('escaped-quotes', lambda n: repeat(b'\\"TOGETHER_API_KEY\\": \\"x\\", ', n), 128 * KB, 0),
    ('ansi-codes', lambda n: b'together ' + repeat(b'\\u001b[38;5;124m', n), 128 * KB, 0),
    ('qp-soft-breaks', lambda n: b'quoted-printable\ntogether=3D' + repeat(b'=\n', n), 128 * KB, 0),
    ('percent-escapes-double', lambda n: b'together ' + repeat(b'%2525', n), 128 * KB, 0),
    ('concatenated-quotes', lambda n: repeat(b'"tgp_v1_" + ', n), 128 * KB, 0),
    ('concatenated-keys', lambda n: cycle([b'k = "' + k[:20] + b'" "' + k[20:] + b'"\n' for k in KEYS], n), 64 * KB, None),
)


def cpu(func: Callable[[], object]) -> float:
    """CPU seconds of one call, without the cyclic GC (its pauses depend on
    what earlier tests allocated, not on this input)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        func()
        return time.process_time() - start
    finally:
        gc.enable()


def assert_linear(small: Callable[[], object], large: Callable[[], object]) -> None:
    """The 4x larger input costs under 8x: best times of up to five
    interleaved rounds (a loaded machine slows single runs, not the best)."""
    # Once each untimed: the screen picks its route by the bytes a process
    # has seen (hyperscan, where installed, once there are enough), and the
    # best small time must not come from another route than the large ones.
    small()
    large()
    t_small = t_large = float('inf')
    for round_ in range(5):
        t_small = min(t_small, cpu(small))
        t_large = min(t_large, cpu(large))
        # The floor keeps timer resolution from deciding the ratio of two
        # scans that are both nearly free.
        ratio = t_large / max(t_small, 0.002)
        if round_ >= 1 and ratio < 8:
            return
    assert ratio < 8, f'4x the input took {ratio:.1f}x the time ({t_small:.3f}s, {t_large:.3f}s)'


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in BAITS], ids=[b[0] for b in BAITS])
def test_bait_scans_in_linear_time(bait, size, count):
    check_bait(bait, size, count)


def check_bait(bait, size: int, count: int | None) -> None:
    """The bait is found as often as it should be, and 4x of it takes
    about 4x the time."""
    small, large = bait(size), bait(4 * size)
    found = scan_bytes(small, 'bait.txt')
    if count is None:
        assert found
    else:
        assert len(found) == count
    assert_linear(lambda: scan_bytes(small, 'bait.txt'), lambda: scan_bytes(large, 'bait.txt'))


@pytest.mark.parametrize('sep', (b'\n', b' ', b'\\u005f'), ids=('lines', 'one-line', 'escapes'))
def test_own_key_copies_in_linear_time(sep):
    # Thousands of copies of the developer's own key: each copy's line and
    # column must not cost a pass over everything before it.
    own = OwnKeys([OWN])
    unit = OWN.encode() + sep
    small, large = repeat(unit, 256 * KB), repeat(unit, MB)
    got = own.find(small, 'copies.txt')
    assert len(got) == len(small) // len(unit)
    assert got[1].line == (2 if sep == b'\n' else 1)
    assert_linear(lambda: own.find(small, 'x'), lambda: own.find(large, 'x'))


def test_ten_megabytes_of_hex_after_the_name_completes():
    data = b'TOGETHER_API_KEY=' + repeat(HEX, 10 * MB)
    assert scan_bytes(data, '.env') == []
    # The same with a real key at the very end, on its own line.
    key = HEXES[0]
    data += b'\nTOGETHER_API_KEY=' + key + b'\n'
    assert [f.hashed_secret for f in scan_bytes(data, '.env')] == [hash_secret(key.decode())]


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
