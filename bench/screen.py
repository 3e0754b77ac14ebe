"""CPU of the keyword screen alone, per byte, on real bytes.

    python bench/screen.py --git REPO            # every blob a ref of REPO reaches
    python bench/screen.py --tree DIR            # every file under DIR
    python bench/screen.py --git REPO --against /path/to/other/checkout
    python bench/screen.py --git REPO --sample 3000 --groups --reasons

Each route of ``detect/prefilter.py`` is asked, blob by blob, what the
engine and history ask (``Keywords.where``: where each needle is), in
turns, ``--runs`` times over each 64 MiB of blobs read; the CPU of each
turn (``time.process_time``, this process only: git's reading is not
counted) is summed per run and the median run is shown, in ns per byte.
Routes: ``plain`` (one ``in`` per needle; offsets when asked), ``grouped``
(the pure-Python route a scan takes past 1 MiB), ``hyperscan`` (with the
``fast`` extra), and ``--against``'s ``grouped``, the same route of another
checkout (e.g. a worktree of main), loaded from its own files, with its
own needles (its ``screen_needles.py``).  Every
route's answer is held to ``plain``'s first: a difference stops the run.
``blob test`` is the whole test a blob must pass to be scanned
(``Keywords.blob_test``: the grouped route and the head checks for wrapped
blocks, dumps, wide text, containers, databases), and with ``--against``
the other checkout's; blobs the two pass differently are counted.
``--groups`` times each anchor group of the grouped route alone (its
needles, how often its anchor occurs per KB, ns per byte): where the
screen's CPU goes.  ``--reasons`` counts the blobs the blob test passes by
the first of its tests that holds (a keyword form, wide text, a dump, a
wrapped block, a container, a database, an Office part, bare hex), each
blob's count checked against the blob test's own answer.  ``--sample N``
takes N blobs at random (seeded) from a large history.
Standard library only.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHUNK = 64 << 20


def _prefilter_of(checkout: str, name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(checkout, 'together_hooks', 'detect', 'prefilter.py'),
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _needles_of(checkout: str) -> tuple[bytes, ...]:
    spec = importlib.util.spec_from_file_location(
        'against_needles', os.path.join(checkout, 'together_hooks', 'detect', 'screen_needles.py'),
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return tuple(module.NEEDLES)


def git_blobs(repo: str, sample: int = 0):  # type: ignore[no-untyped-def]
    shas = subprocess.run(
        ['git', '-C', repo, 'rev-list', '--objects', '--no-object-names',
         '--filter=object:type=blob', '--all'],
        capture_output=True, check=True,
    ).stdout.split()
    if 0 < sample < len(shas):
        import random

        shas = random.Random(0).sample(shas, sample)
    with subprocess.Popen(
            ['git', '-C', repo, 'cat-file', '--batch'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    ) as proc:
        import threading

        def feed() -> None:
            for sha in shas:
                proc.stdin.write(sha + b'\n')  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]

        threading.Thread(target=feed, daemon=True).start()
        out = proc.stdout
        for _ in shas:
            size = int(out.readline().split()[2])  # type: ignore[union-attr]
            yield out.read(size)  # type: ignore[union-attr]
            out.read(1)  # type: ignore[union-attr]


def tree_files(root: str):  # type: ignore[no-untyped-def]
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, 'rb') as f:
                    yield f.read()


def chunks(blobs):  # type: ignore[no-untyped-def]
    chunk: list[bytes] = []
    size = 0
    for blob in blobs:
        chunk.append(blob)
        size += len(blob)
        if size >= CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--git', metavar='REPO')
    source.add_argument('--tree', metavar='DIR')
    parser.add_argument('--against', metavar='CHECKOUT', help='another checkout of together-hooks')
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument(
        '--extra', metavar='NEEDLE', action='append', default=[],
        help='time the grouped route with this needle added too (repeat; backslash escapes): '
             'what a new encoded form would cost the screen',
    )
    parser.add_argument('--sample', type=int, default=0, metavar='N', help='N blobs at random (--git)')
    parser.add_argument('--groups', action='store_true', help='time each anchor group of the grouped route')
    parser.add_argument('--reasons', action='store_true', help='count blobs by why the blob test passes them')
    args = parser.parse_args()

    sys.path.insert(0, os.path.dirname(HERE))
    from together_hooks.detect import prefilter
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.rules import RULES

    needles = keyword_screen(RULES).needles
    ours = prefilter.Keywords(needles)
    routes = {'plain': ours._where_plain, 'grouped': ours._where_grouped()}
    fast = prefilter.hyperscan_where(needles)
    if fast is not None:
        routes['hyperscan'] = fast
    # The other checkout's routes search its own needles (its
    # ``screen_needles.py``): with ours, a change of needles alone would
    # time the same screen twice.
    theirs = _needles_of(args.against) if args.against else needles
    if args.against:
        other = _prefilter_of(args.against, 'against_prefilter').Keywords(theirs)
        routes['against grouped'] = other._where_grouped()
    if args.extra:
        import codecs

        extra = tuple(codecs.escape_decode(e.encode())[0] for e in args.extra)  # type: ignore[attr-defined]
        routes['grouped +extra'] = prefilter.Keywords(tuple(sorted({*needles, *extra})))._where_grouped()

    # The whole blob test (head checks included), below the 1 MiB where
    # hyperscan would be set up: the pure-Python route.
    tests = {'blob test': prefilter.Keywords(needles).blob_test(0)}
    if args.against:
        tests['against blob test'] = _prefilter_of(args.against, 'against_prefilter').Keywords(theirs).blob_test(0)
    differ = 0
    spent = {name: [0.0] * args.runs for name in (*routes, *tests)}
    nbytes = nblobs = 0
    groups = _group_passes(prefilter, needles) if args.groups else {}
    group_spent = {anchor: [0.0] * args.runs for anchor in groups}
    anchors_seen = dict.fromkeys(groups, 0)
    reasons: dict[str, int] = {}
    blob_test = tests['blob test']
    blobs = git_blobs(args.git, args.sample) if args.git else tree_files(args.tree)
    for chunk in chunks(blobs):
        nbytes += sum(map(len, chunk))
        nblobs += len(chunk)
        for blob in chunk:
            plain = routes['plain'](blob)
            expected = {n: plain.offsets(n) for n in needles if n in plain}
            if args.against:
                theirs_plain = other._where_plain(blob)
                expected_theirs = {n: theirs_plain.offsets(n) for n in theirs if n in theirs_plain}
            for name, where in routes.items():
                got = where(blob)
                own = theirs if name.startswith('against') else needles
                if {n: got.offsets(n) for n in own if n in got} != (
                        expected_theirs if name.startswith('against') else expected
                ):
                    print(f'{name} differs from plain on a blob of {len(blob)} bytes')
                    return 1
            if len(tests) > 1:
                differ += len({test(blob) for test in tests.values()}) > 1
            if args.reasons:
                why = _reason(prefilter, ours, blob)
                if bool(why) != blob_test(blob):
                    print(f'--reasons says {why or "none"}, the blob test differs, on a blob of {len(blob)} bytes')
                    return 1
                reasons[why or 'none'] = reasons.get(why or 'none', 0) + 1
            for anchor in groups:
                anchors_seen[anchor] += blob.count(anchor)
        for run in range(args.runs):
            for name, where in (*routes.items(), *tests.items()):
                start = time.process_time()
                for blob in chunk:
                    where(blob)
                spent[name][run] += time.process_time() - start
            for anchor, one_pass in groups.items():
                start = time.process_time()
                for blob in chunk:
                    one_pass(blob)
                group_spent[anchor][run] += time.process_time() - start
    print(f'{nblobs} blobs, {nbytes / 1e6:.1f} MB, median of {args.runs} runs (CPU, this process)')
    for name, runs in spent.items():
        cpu = statistics.median(runs)
        print(f'{name:17} {cpu / nbytes * 1e9:6.3f} ns/byte  {cpu:7.3f} s')
    if len(tests) > 1:
        print(f'blobs the two blob tests pass differently: {differ}')
    for anchor, runs in group_spent.items():
        cpu = statistics.median(runs)
        print(f'group {anchor.decode("latin-1")!r:5} {len(groups[anchor].needles):3} needles'
              f'  anchor {anchors_seen[anchor] / nbytes * 1e3:6.2f}/KB  {cpu / nbytes * 1e9:6.3f} ns/byte')
    if reasons:
        print('blobs by why the blob test passes them: ' + ', '.join(
            f'{why} {count}' for why, count in sorted(reasons.items(), key=lambda item: -item[1])))
    return 0


class _GroupPass:
    """One anchor group's pass of the grouped route, alone: the same
    loop as ``Keywords._where_grouped`` (a rare anchor by ``find`` and a
    ``match`` at each until it turns out dense, else ``re``'s search)."""

    def __init__(self, prefilter, anchor: bytes, needles: list[bytes]) -> None:  # type: ignore[no-untyped-def]
        self.needles = needles
        self._anchor = anchor
        self._rare = anchor in prefilter._UPPER
        self._pattern = prefilter._group_search(anchor, needles)
        self._sparse_hit = prefilter._sparse_hit

    def __call__(self, data: bytes) -> int:
        anchor, pattern = self._anchor, self._pattern
        sparse = self._rare
        at = data.find(anchor) if sparse else 0
        hits = 0
        while at != -1:
            if sparse:
                at, sparse = self._sparse_hit(data, anchor, pattern, at)
                if at == -1:
                    break
            if not sparse:
                m = pattern.search(data, at)
                if m is None:
                    break
                at = m.start()
            hits += 1
            at += 1
            if sparse:
                at = data.find(anchor, at)
        return hits


def _group_passes(prefilter, needles: tuple[bytes, ...]) -> dict[bytes, _GroupPass]:  # type: ignore[no-untyped-def]
    keywords = prefilter.Keywords(needles).keywords
    return {anchor: _GroupPass(prefilter, anchor, group) for anchor, group in prefilter._anchors(keywords).items()}


def _reason(prefilter, keywords, blob: bytes) -> str:  # type: ignore[no-untyped-def]
    """The first test of ``Keywords.blob_test`` that ``blob`` passes, in
    its order ('' if none): checked against the blob test by the caller."""
    from together_hooks.findings import bare_hex

    where = keywords.where(blob)
    if where:
        return 'keyword ' + repr(min(where._found, key=len))[1:]
    tests = (
        ('wide text', prefilter.may_be_wide), ('dump', prefilter.dump_head),
        ('wrapped block', lambda b: prefilter.wrapped_block(b)[0] != -1),
        ('container', lambda b: prefilter.container_kind(b, whole=True) is not None),
        ('sqlite', lambda b: b.startswith(prefilter.SQLITE_MAGIC)), ('office part', prefilter.ooxml_part),
        ('bare hex', bare_hex),
    )
    return next((name for name, test in tests if test(blob)), '')


if __name__ == '__main__':
    raise SystemExit(main())
