#!/usr/bin/env python3
"""How the scanner's cost grows: each input of ``tests/detect/baits.py`` (and
the few others the suite once timed) at two sizes, the larger 4x the smaller
(``own-key-miss``: one size, ms a MB).

    python bench/complexity.py                  # every family
    python bench/complexity.py --only adversarial,scrub --rounds 3
    python bench/complexity.py --list

Linear work gives about 4x the CPU, quadratic about 16x: a case passes under
8x.  Each size's time is the best of ``--rounds`` interleaved runs (CPU of
this process, the cyclic GC off while timed): a loaded machine slows single
runs, not the best.  Prints one line a case and one verdict line a family;
exits 1 if any case fails.  The suite checks what each input yields (no test
asserts a time); this is where their time is held.

Standard library only; run it from a checkout with the package importable
(its venv, or ``pip install -e .``).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from typing import Callable
from typing import Iterator

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LIMIT = 8.0  # the larger input (4x) must cost under this many times the smaller
FLOOR = 0.002  # s: timer resolution must not decide the ratio of two near-free runs
OWN_MISS_MS_PER_MB = 50.0  # the own-key check of a file holding no variant


def cpu(func: Callable[[], object]) -> float:
    """CPU seconds of one call, without the cyclic GC (its pauses depend on
    what ran before, not on this input)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        func()
        return time.process_time() - start
    finally:
        gc.enable()


def growth(small: Callable[[], object], large: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    """(best small, best large, ratio).  Each once untimed first: the screen
    picks its route by the bytes a process has seen (hyperscan, where
    installed, once there are enough), and the best small time must not
    come from another route than the large ones."""
    small()
    large()
    t_small = t_large = float('inf')
    for _ in range(rounds):
        t_small = min(t_small, cpu(small))
        t_large = min(t_large, cpu(large))
    return t_small, t_large, t_large / max(t_small, FLOOR)


def _baits(table, name: str) -> Iterator[tuple[str, Callable[[], object], Callable[[], object]]]:
    from together_hooks.detect.engine import scan_bytes

    for bait_id, bait, size, _count in table:
        small, large = bait(size), bait(4 * size)
        yield (bait_id, lambda s=small: scan_bytes(s, name), lambda b=large: scan_bytes(b, name))


def family_adversarial():
    from tests.detect.baits import ADVERSARIAL

    yield from _baits(ADVERSARIAL, 'bait.txt')


def family_escaped():
    from tests.detect.baits import ESCAPED

    yield from _baits(ESCAPED, 'bait.txt')


def family_grammar():
    from tests.detect.baits import GRAMMAR

    yield from _baits(GRAMMAR, 'bait.txt')


def family_names():
    """Together names as densely as they can be written, no key near any
    (``tests/detect/baits.py``'s ``NAMES``): 4x the input costs about 4x,
    and the larger's time is CPU seconds a MB."""
    from tests.detect.baits import NAMES

    yield from _baits(NAMES, 'bait.py')


def family_own_keys():
    from tests.detect.baits import KB
    from tests.detect.baits import MB
    from tests.detect.baits import OWN
    from tests.detect.baits import repeat
    from together_hooks.detect.ownkeys import OwnKeys

    own = OwnKeys([OWN])
    for sep, sep_id in ((b'\n', 'lines'), (b' ', 'one-line'), (b'\\u005f', 'escapes')):
        unit = OWN.encode() + sep
        small, large = repeat(unit, 256 * KB), repeat(unit, MB)
        yield (f'copies-{sep_id}', lambda s=small: own.find(s, 'x'), lambda b=large: own.find(b, 'x'))

    # 4x the keys held, one 38 KB file of code holding none (a string
    # escape in it: the escaped-copies path too): each variant was an
    # ``in`` over the file (~85,000 for 5,000 keys: 4x here), now one walk
    # of it (~1x).
    import random

    from tests.keys import make_key
    from together_hooks.detect import ownkeys

    code = ''.join(f'value_{i} = compute("name\\x2d{i}", 1.0)  # a comment\n' for i in range(700)).encode()

    def held(n: int):
        rng = random.Random(f'held-{n}')
        keys = OwnKeys([make_key(rng) for _ in range(n)])
        # past the index's build (``INDEX_AFTER``)
        keys.find(b' ' * (ownkeys.INDEX_AFTER // len(keys._variants) + 1), 'warm-up.txt')
        return lambda: keys.find(code, 'f.py')

    yield ('held-keys-file', held(250), held(1000))


def family_readings():
    """Binary glued runs, escape marks undone by a second scan, encoded
    keywords, a wide table of digests."""
    from tests.detect.baits import ENCODED_KEYWORD_UNIT
    from tests.detect.baits import ESCAPE_MARK_UNITS
    from tests.detect.baits import GLUED_UNITS
    from tests.detect.baits import glued
    from tests.detect.baits import KB
    from tests.detect.baits import units
    from tests.detect.baits import wide_table
    from together_hooks.detect.engine import scan_bytes

    def pair(case_id: str, small: bytes, large: bytes, name: str):
        return (case_id, lambda: scan_bytes(small, name), lambda: scan_bytes(large, name))

    for i, unit in enumerate(GLUED_UNITS):
        yield pair(f'binary-glued-{i}', glued(unit, 64 * KB), glued(unit, 256 * KB), 'bait.bin')
    for i, unit in enumerate(ESCAPE_MARK_UNITS):
        yield pair(f'escape-marks-{i}', units(unit, 64 * KB), units(unit, 256 * KB), 'bait.log')
    yield pair('encoded-keywords', units(ENCODED_KEYWORD_UNIT, 2048), units(ENCODED_KEYWORD_UNIT, 8192), 'run.cmd')
    # twice the columns and twice the rows: 4x the bytes
    yield pair('wide-table', wide_table(15, 40), wide_table(30, 80), 't.tsv')


def family_scrub():
    from tests.detect.baits import long_run_text
    from tests.detect.baits import mixed_case
    from tests.keys import make_hex
    from tests.keys import make_key
    from together_hooks.detect.scrub import Scrubber

    hexkey = make_hex(random.Random('complexity'))
    scrubber = Scrubber([hexkey])
    small, large = (' '.join([mixed_case(hexkey)] * n) for n in (1000, 4000))
    yield ('cased-hex-repeats', lambda: scrubber._cased_hex_out(small), lambda: scrubber._cased_hex_out(large))

    rng = random.Random('learn-a-key-a-line')
    keys = [make_key(rng) for _ in range(3200)]

    def learn(n: int) -> None:
        s = Scrubber()
        for key in keys[:n]:
            s.learn([key])
            s.scrub('Secret Type: Together AI API key\n')

    yield ('learn-a-key-a-line', lambda: learn(800), lambda: learn(3200))

    # A dense file's report: a line shown a legacy key learnt (each line
    # was checked against every base85 form of every key: quadratic).
    hexes = [make_hex(rng) for _ in range(2000)]

    def report(n: int) -> None:
        from together_hooks.findings import hash_secret
        from together_hooks.findings import redact

        s = Scrubber(hexes[:n])
        for i, k in enumerate(hexes[:n], 1):
            s.scrub(f'keys.env:{i}: together-legacy-api-key: {redact(k)} (hashed_secret {hash_secret(k)})\n')

    yield ('many-keys-report', lambda: report(500), lambda: report(2000))
    short, long = long_run_text(8_000), long_run_text(32_000)
    yield ('long-run-no-folder', lambda: Scrubber().scrub(short), lambda: Scrubber().scrub(long))
    # One run of key characters and folders, ``tgp_v1_`` in every folder
    # (a minified line an audit screen shows): each start was checked
    # against every cut of the run (``_learn_cut``: quadratic).
    cut_small, cut_large = ('x ' + 'tgp_v1_abcdefghij/' * n for n in (4_000, 16_000))
    yield ('folders-in-one-run', lambda: Scrubber().scrub(cut_small), lambda: Scrubber().scrub(cut_large))

    # A run's report: n keys known (current and legacy), n findings shown,
    # each line looked for every known form (``needles``); 4x both.
    from tests.detect.scrub_known_forms_test import keys_and_report

    def known_report(n: int) -> Callable[[], object]:
        keys, text = keys_and_report(n)
        return lambda: Scrubber(keys).scrub(text)

    yield ('keys-times-lines', known_report(100), known_report(400))


def family_tables():
    """A password manager's export with many Together rows, a wide and a
    long table of digests, a long run of heading lines over a key."""
    from tests.detect.csv_export_test import _export
    from tests.detect.csv_table_test import _table
    from tests.detect.heading_linear_test import _wiki
    from together_hooks.detect.engine import scan_bytes

    def pair(case_id: str, small: bytes, large: bytes, name: str):
        return (case_id, lambda: scan_bytes(small, name), lambda: scan_bytes(large, name))

    yield pair('export-rows', _export(16, seed=1)[0], _export(64, seed=2)[0], 'export.csv')
    yield pair('table-columns', _table(16, 14, 2)[0].encode(), _table(16, 59, 3)[0].encode(), 'a.tsv')
    yield pair('table-rows', _table(12, 59, 4)[0].encode(), _table(48, 59, 5)[0].encode(), 'a.tsv')
    yield pair('heading-run', _wiki(4000, 'a' * 64), _wiki(16000, 'a' * 64), 'wiki.md')


def family_structure():
    """Structure labels holding their whole structure (``context.Scopes``):
    many tenants under one ``together:``, unclosed and nested labels,
    strings and comments read past."""
    from tests.detect.structure_scope_test import _tenants
    from together_hooks.detect.engine import scan_bytes

    def pair(case_id: str, small: bytes, large: bytes, name: str):
        return (case_id, lambda: scan_bytes(small, name), lambda: scan_bytes(large, name))

    yield pair('yaml-tenants', _tenants(250)[0], _tenants(1000)[0], 'tenants.yaml')
    yield pair('unclosed-labels', b'{"together":{"api_key":1,' * 2000, b'{"together":{"api_key":1,' * 8000, 'a.json')
    yield pair('nested-labels', b'{"together":' * 2000 + b'1' + b'}' * 2000,
               b'{"together":' * 8000 + b'1' + b'}' * 8000, 'a.json')
    # Strings and comments read past (``context._matching``): a string no
    # quote closes, block comments no ``*/`` closes, many short strings.
    yield pair('open-strings', b'{"together":{"a":"' + b'\\"' * 50000 + b'\n}}',
               b'{"together":{"a":"' + b'\\"' * 200000 + b'\n}}', 'a.json')
    yield pair('open-comments', b'{"together":{' + b' /*' * 50000 + b'}}',
               b'{"together":{' + b' /*' * 200000 + b'}}', 'a.js')
    # A diff's hunk (``context._hunk_spans``): one header over a long hunk
    # of Together blocks, each line's indentation read past its column.
    import random

    rng = random.Random(0)
    hunk = b''.join(
        b' together:\n   model: x\n openai:\n+  checksum: %064x\n' % rng.getrandbits(256) for _ in range(10000))
    yield pair('diff-hunk', b'@@ -1,3 +1,4 @@\n' + hunk[:len(hunk) // 4], b'@@ -1,3 +1,4 @@\n' + hunk, 'a.diff')
    yield pair('many-strings', b'{"together":{' + b'"ab":"c}",' * 25000 + b'"z":1}}',
               b'{"together":{' + b'"ab":"c}",' * 100000 + b'"z":1}}', 'a.json')
    # A window's lead looked back for a label (``fileio.structure_start``)
    # over a line of ``Together(`` with no label mark: each line read once.
    from together_hooks.fileio import structure_start

    def lead(unit: bytes, n: int) -> Callable[[], object]:
        data = unit * n + b'\n' + b'x' * 100
        return lambda: structure_start(data, 0, len(data) - 50, len(data) - 114)

    yield ('window-lead-unmarked-line', lead(b'Together(', 30000), lead(b'Together(', 120000))


FAMILIES = {
    'adversarial': family_adversarial,
    'structure': family_structure,
    'escaped': family_escaped,
    'grammar': family_grammar,
    'names': family_names,
    'own-keys': family_own_keys,
    'readings': family_readings,
    'scrub': family_scrub,
    'tables': family_tables,
}


def own_key_miss(rounds: int) -> bool:
    """The own-key check of a ~1 MB file holding no variant: ms a MB."""
    from tests.keys import make_hex
    from tests.keys import make_key
    from together_hooks.detect.ownkeys import OwnKeys

    rng = random.Random(14)
    own = OwnKeys([make_key(rng), make_hex(rng)])
    data = b'lorem ipsum dolor sit amet ' * 40000
    own.find(data, 'big.txt')
    best = min(cpu(lambda: own.find(data, 'big.txt')) for _ in range(max(rounds, 1) * 4))
    per_mb = best * 1000 / (len(data) / (1 << 20))
    ok = per_mb < OWN_MISS_MS_PER_MB
    print(f'  {"no-hit-1MB":32} {per_mb:8.2f} ms/MB  {"PASS" if ok else "FAIL"}')
    print(f'own-key-miss: {"PASS" if ok else "FAIL"} (under {OWN_MISS_MS_PER_MB:.0f} ms a MB)')
    return ok


def main(argv: list[str] | None = None) -> int:
    names = [*FAMILIES, 'own-key-miss']
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--only', default=','.join(names), help=f'comma list of {",".join(names)}')
    ap.add_argument('--rounds', type=int, default=5, help='interleaved runs a size (best taken)')
    ap.add_argument('--list', action='store_true', help='list the cases and exit')
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(',') if s.strip()]
    bad = [s for s in only if s not in names]
    if bad or args.rounds < 1:
        print(f'error: unknown family {",".join(bad)} (known: {",".join(names)})' if bad
              else 'error: --rounds must be 1 or more', file=sys.stderr)
        return 2
    failed = False
    for name in only:
        if name == 'own-key-miss':
            if args.list:
                print('own-key-miss: no-hit-1MB')
            else:
                failed |= not own_key_miss(args.rounds)
            continue
        cases = list(FAMILIES[name]())
        if args.list:
            print(f'{name}: {" ".join(c[0] for c in cases)}')
            continue
        worst = 0.0
        fails = 0
        for case_id, small, large in cases:
            t_small, t_large, ratio = growth(small, large, args.rounds)
            ok = ratio < LIMIT
            fails += not ok
            worst = max(worst, ratio)
            print(f'  {case_id:32} {t_small:8.3f}s {t_large:8.3f}s  {ratio:5.1f}x  {"PASS" if ok else "FAIL"}',
                  flush=True)
        verdict = 'PASS' if not fails else 'FAIL'
        print(f'{name}: {verdict} ({len(cases) - fails}/{len(cases)} under {LIMIT:.0f}x for 4x the input;'
              f' worst {worst:.1f}x)', flush=True)
        failed |= bool(fails)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
