"""CPU of screening only what each delta adds (issue 17), against today's
route, on real repositories.

    python bench/packscreen.py --git REPO [--git REPO ...] [--runs 3]
    python bench/packscreen.py --self-test   # made histories, needles at seams

Today's route (``sources/history.py``): every blob a ref reaches comes
through ``git cat-file --batch`` (git inflates each version and pipes it)
and the keyword screen (``Keywords.blob_test``) reads every byte.

The pack route reads the packs itself (``.idx`` v2, ``.pack`` v2/v3:
object headers, ``zlib``, OFS_DELTA/REF_DELTA), rebuilds each version by
applying its delta to its base in delta-tree order, and screens only the
bytes the delta brought together: each inserted literal and each seam
between two copies that were not adjacent in the base, with (longest
needle - 1) bytes of context on each side, plus the first bytes
(``may_be_wide``'s head) when a seam falls in them.  A needle inside one
copied range was in the base: a version whose base passed the screen is
screened whole.  So a version passes exactly when the screen passes it
whole (the script checks this against today's route and stops on a
difference).  Blobs over ``history._WHOLE`` pass unscreened, as in
history; blobs in no pack are counted, not screened.

Both routes run in one process, in turns, ``--runs`` times; CPU is this
process plus the git it waited for (``resource``), the median shown.
"At best" is the bound for a mix of the two: each delta tree (a base and
every version built from it) by whichever route costs less for it, the
pack route's CPU per tree as measured, today's at its mean per byte.
The pack route is a measurement, not a second implementation of history:
it was measured and not kept (docs/performance.md, "sixth round").
Standard library only, and this checkout's screen.
"""
from __future__ import annotations

import argparse
import mmap
import os
import resource
import statistics
import struct
import subprocess
import sys
import threading
import time
import zlib
from array import array

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from together_hooks import rules  # noqa: E402
from together_hooks.detect.engine import keyword_screen  # noqa: E402
from together_hooks.detect.prefilter import may_be_wide  # noqa: E402
from together_hooks.sources.history import _WHOLE  # noqa: E402

# The head ``may_be_wide`` reads: checked below against the function itself.
HEAD = 4096
OFS_DELTA, REF_DELTA = 6, 7


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def reachable_blobs(repo: str) -> list[tuple[bytes, int]]:
    listed = subprocess.run(
        ['git', '-C', repo, 'rev-list', '--objects', '--no-object-names',
         '--filter=object:type=blob', '--all'],
        capture_output=True, check=True,
    ).stdout
    sized = subprocess.run(
        ['git', '-C', repo, 'cat-file', '--batch-check=%(objecttype) %(objectname) %(objectsize)'],
        input=listed, capture_output=True, check=True,
    ).stdout
    return [
        (sha, int(size)) for kind, sha, size in (
            line.split(b' ') for line in sized.splitlines()
        ) if kind == b'blob'
    ]


def today(repo: str, blobs: list[tuple[bytes, int]], worth) -> set[bytes]:  # type: ignore[no-untyped-def]
    """The blobs history scans: over ``_WHOLE``, or passing the screen."""
    with subprocess.Popen(
            ['git', '-C', repo, 'cat-file', '--batch', '--buffer'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    ) as proc:
        requests = b''.join(sha + b'\n' for sha, _size in blobs)

        def feed() -> None:
            proc.stdin.write(requests)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]

        threading.Thread(target=feed, daemon=True).start()
        out = proc.stdout
        passed = set()
        for sha, _size in blobs:
            size = int(out.readline().split()[2])  # type: ignore[union-attr]
            data = out.read(size)  # type: ignore[union-attr]
            out.read(1)  # type: ignore[union-attr]
            if size > _WHOLE or worth(data):
                passed.add(sha)
    return passed


def read_idx(path: str) -> tuple[dict[bytes, int], list[int]]:
    """sha (binary) -> offset, and every offset, of a v2 ``.idx``."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\xfftOc\x00\x00\x00\x02':
        raise ValueError(f'{path}: not a v2 pack index')
    n = struct.unpack_from('>I', data, 8 + 255 * 4)[0]
    shas_at = 8 + 1024
    offs_at = shas_at + 24 * n
    offs = array('I', data[offs_at:offs_at + 4 * n])
    if sys.byteorder == 'little':
        offs.byteswap()
    offsets = list(offs)
    large_at = offs_at + 4 * n
    for i, off in enumerate(offsets):
        if off & 0x80000000:
            offsets[i] = struct.unpack_from('>Q', data, large_at + 8 * (off & 0x7fffffff))[0]
    shas = [data[at:at + 20] for at in range(shas_at, shas_at + 20 * n, 20)]
    return dict(zip(shas, offsets)), offsets


def header(pack, off: int):  # type: ignore[no-untyped-def]
    """(type, size, base: pack offset, sha or None, where the data starts)."""
    c = pack[off]
    off += 1
    kind = (c >> 4) & 7
    size = c & 15
    shift = 4
    while c & 0x80:
        c = pack[off]
        off += 1
        size |= (c & 0x7f) << shift
        shift += 7
    base = None
    if kind == OFS_DELTA:
        c = pack[off]
        off += 1
        back = c & 0x7f
        while c & 0x80:
            c = pack[off]
            off += 1
            back = ((back + 1) << 7) | (c & 0x7f)
        base = back
    elif kind == REF_DELTA:
        base = pack[off:off + 20]
        off += 20
    return kind, size, base, off


# Copy opcodes whose offset and size bytes are contiguous from bit 0: one
# ``int.from_bytes`` each.
_PLAIN_COPY = {
    c: (bin(c & 15).count('1'), bin((c >> 4) & 7).count('1'))
    for c in range(128, 256) if c & 15 in (0, 1, 3, 7, 15) and (c >> 4) & 7 in (0, 1, 3, 7)
}


def _varint(delta: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        c = delta[i]
        i += 1
        value |= (c & 0x7f) << shift
        shift += 7
        if not c & 0x80:
            return value, i


def apply(base: bytes, delta: bytes, seams: list[tuple[int, int]]) -> bytes:
    """The target; ``seams`` gets each target range (start, end) whose
    bytes did not stand together in the base: inserted literals (start <
    end) and the joints of non-adjacent copies (start == end)."""
    src, i = _varint(delta, 0)
    dst, i = _varint(delta, i)
    if src != len(base):
        raise ValueError('delta base size')
    pieces: list[bytes] = []
    add = pieces.append
    seam = seams.append
    plain = _PLAIN_COPY.get
    number = int.from_bytes
    n = len(delta)
    pos = expect = 0
    while i < n:
        c = delta[i]
        if c & 0x80:
            shape = plain(c)
            if shape is not None:
                j = i + 1 + shape[0]
                o = number(delta[i + 1:j], 'little')
                i = j + shape[1]
                s = number(delta[j:i], 'little') or 0x10000
            else:
                i += 1
                o = s = 0
                for bit, shift in ((1, 0), (2, 8), (4, 16), (8, 24)):
                    if c & bit:
                        o |= delta[i] << shift
                        i += 1
                for bit, shift in ((16, 0), (32, 8), (64, 16)):
                    if c & bit:
                        s |= delta[i] << shift
                        i += 1
                s = s or 0x10000
            if o != expect:
                seam((pos, pos))
            expect = o + s
            add(base[o:expect])
            pos += s
        elif c:
            i += 1
            add(delta[i:i + c])
            seam((pos, pos + c))
            i += c
            pos += c
            expect = -1
        else:
            raise ValueError('delta opcode 0')
    out = b''.join(pieces)
    if len(out) != dst:
        raise ValueError('delta target size')
    return out


def windows(data: bytes, seams: list[tuple[int, int]], context: int) -> bytes:
    """The bytes around each seam (overlapping windows merged), and the
    head when a seam falls in it, joined by newlines."""
    parts = []
    start, end = (0, HEAD) if seams and seams[0][0] < HEAD else (-1, -1)
    for a, b in seams:
        a -= context
        b += context
        if a <= end:
            end = max(end, b)
            continue
        if end > start:
            parts.append(data[start:end])
        start, end = max(a, 0), b
    if end > start:
        parts.append(data[start:end])
    return b'\n'.join(parts)


def pack_route(repo: str, blobs: list[tuple[bytes, int]], worth, context: int):  # type: ignore[no-untyped-def]
    """(blobs passed, blobs in no pack, counts)."""
    git_dir = subprocess.run(
        ['git', '-C', repo, 'rev-parse', '--git-path', 'objects/pack'],
        capture_output=True, check=True, text=True,
    ).stdout.strip()
    folder = os.path.join(repo, git_dir) if not os.path.isabs(git_dir) else git_dir
    want = {bytes.fromhex(sha.decode()): sha for sha, _size in blobs}
    left = set(want)
    passed = set()
    counts = dict(versions=0, deltas=0, seams=0, screened=0)
    families: list[tuple[float, int]] = []  # (CPU, bytes) of each delta tree
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.idx') or not left:
            continue
        index, offsets = read_idx(os.path.join(folder, name))
        with open(os.path.join(folder, name[:-4] + '.pack'), 'rb') as f:
            pack = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if pack[:4] != b'PACK' or pack[4:8] not in (b'\0\0\0\2', b'\0\0\0\3'):
            continue
        ends = sorted(offsets)
        ends.append(len(pack) - 20)
        next_at = dict(zip(ends, ends[1:]))
        mine = {index[b]: b for b in left if b in index}
        info = {}
        todo = list(mine)
        while todo:
            off = todo.pop()
            if off in info:
                continue
            kind, size, base, at = header(pack, off)
            if kind == OFS_DELTA:
                base = off - base
            elif kind == REF_DELTA:
                base = index.get(base, -1)  # -1: not in this pack (left to git)
            info[off] = (size, base, at)
            if base is not None and base >= 0:
                todo.append(base)
        children: dict[int, list[int]] = {}
        roots = []
        for off, (_size, base, _at) in info.items():
            if base is None:
                roots.append(off)
            elif base >= 0:
                children.setdefault(base, []).append(off)
        for root in roots:
            began, nbytes = time.process_time(), 0
            stack: list[tuple[int, bytes | None, bool]] = [(root, None, False)]
            while stack:
                off, parent, parent_passed = stack.pop()
                size, _base, at = info[off]
                raw = zlib.decompress(pack[at:next_at[off]], bufsize=max(size, 1))
                counts['versions'] += 1
                if parent is None:
                    data = raw
                    ok = len(data) > _WHOLE or worth(data)
                else:
                    seams: list[tuple[int, int]] = []
                    data = apply(parent, raw, seams)
                    counts['deltas'] += 1
                    counts['seams'] += len(seams)
                    if len(data) > _WHOLE:
                        ok = True
                    elif parent_passed:
                        ok = worth(data)
                    else:
                        text = windows(data, seams, context)
                        counts['screened'] += len(text)
                        ok = worth(text)
                blob = mine.get(off)
                if blob is not None:
                    nbytes += len(data)
                    left.discard(blob)
                    if ok:
                        passed.add(want[blob])
                for child in children.get(off, ()):
                    stack.append((child, data, ok))
            families.append((time.process_time() - began, nbytes))
        pack.close()
    return passed, {want[b] for b in left}, counts, families


def seams_repo(folder: str, needles: tuple[bytes, ...], seed: int, commits: int = 800) -> str:
    """A history whose needles are made and unmade at delta seams: in one
    of 20 files at a time, a needle is inserted split by ``#`` filler (no
    needle), joined by deleting the filler, then deleted; unrelated text
    is inserted before it (one ``git fast-import``); ``git gc
    --aggressive`` deltifies it all."""
    import random

    rng = random.Random(seed)
    repo = os.path.join(folder, f'seams{seed}')
    subprocess.run(['git', 'init', '-q', repo], check=True)
    words = [bytes(rng.choice(b'abcdefhijklmnqrsuwxyz \n') for _ in range(rng.randint(3, 9))) for _ in range(400)]
    files = {
        f'f{i}.txt': bytearray(b''.join(rng.choice(words) for _ in range(rng.randint(200, 3000))))
        for i in range(20)
    }
    state: dict[str, tuple] = {}  # type: ignore[type-arg]
    stream = []
    for i in range(commits):
        name = rng.choice(sorted(files))
        data = files[name]
        st = state.pop(name, None)
        if st is None:
            n = rng.choice(needles)
            k, m, at = rng.randrange(1, len(n)), rng.randint(1, 30), rng.randrange(len(data) + 1)
            data[at:at] = n[:k] + b'#' * m + n[k:]
            state[name] = (at, n, k, m)
        elif len(st) == 4:
            at, n, k, m = st
            del data[at + k:at + k + m]
            state[name] = (at, n)
        else:
            at, n = st
            del data[at:at + len(n)]
        if rng.random() < 0.5:
            st = state.get(name)
            filler = b''.join(rng.choice(words) for _ in range(rng.randint(1, 20)))
            to = rng.randrange((st[0] if st else len(data)) + 1)
            data[to:to] = filler
            if st:
                state[name] = (st[0] + len(filler), *st[1:])
        stream.append(
            b'commit refs/heads/main\ncommitter bench <bench@example.com> %d +0000\n'
            b'data 4\nedit\nM 100644 inline %s\ndata %d\n%s\n'
            % (1700000000 + i, name.encode(), len(data), bytes(data)),
        )
    subprocess.run(['git', '-C', repo, 'fast-import', '--quiet'], input=b''.join(stream), check=True)
    subprocess.run(['git', '-C', repo, 'gc', '-q', '--aggressive'], check=True)
    return repo


def self_test(screen, context: int) -> int:  # type: ignore[no-untyped-def]
    """The pack route on ``seams_repo`` histories: every blob today's route
    passes, with ``context``; and how many one byte less would miss."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for seed in (1, 2):
            repo = seams_repo(folder, screen.needles, seed)
            blobs = reachable_blobs(repo)
            worth = screen.blob_test(0)
            expected = today(repo, blobs, worth)
            passed, unpacked, counts, _families = pack_route(repo, blobs, worth, context)
            short, _u, _c, _f = pack_route(repo, blobs, worth, context - 1)
            print(
                f'seams{seed}: {len(blobs)} blobs, {len(expected)} pass today, missed by the pack '
                f'route {len(expected - passed - unpacked)} ({counts["seams"]:,} seams), with one '
                f'byte less context {len(expected - short - unpacked)}',
            )
            if expected - passed - unpacked:
                return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--git', action='append', default=[], metavar='REPO')
    parser.add_argument('--self-test', action='store_true', help='check the pack route on made histories')
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args(argv)
    if not may_be_wide(b'a' * (HEAD - 1) + b'\0') or may_be_wide(b'a' * HEAD + b'\0'):
        print('packscreen: may_be_wide no longer reads the first 4096 bytes: update HEAD')
        return 2
    screen = keyword_screen(rules.RULES)
    screen.prepare()
    context = max(len(n) for n in screen.needles) - 1
    if args.self_test and self_test(screen, context):
        return 1
    for repo in args.git:
        blobs = reachable_blobs(repo)
        total = sum(size for _sha, size in blobs)
        worth = screen.blob_test(total)
        times: dict[str, list[float]] = {'today': [], 'pack': [], 'mix': []}
        for _run in range(args.runs):
            start = _cpu()
            expected = today(repo, blobs, worth)
            times['today'].append(_cpu() - start)
            start = _cpu()
            passed, unpacked, counts, families = pack_route(repo, blobs, worth, context)
            times['pack'].append(_cpu() - start)
            # Each delta tree by the cheaper route, today's at its mean cost per byte.
            per_byte = times['today'][-1] / total
            times['mix'].append(sum(min(cpu, n * per_byte) for cpu, n in families))
            missed = expected - passed - unpacked
            if missed:
                print(f'packscreen: {repo}: the pack route missed {len(missed)} blob(s)')
                return 1
        ours, theirs = statistics.median(times['pack']), statistics.median(times['today'])
        print(
            f'{repo}: {len(blobs):,} blobs, {total / 1e6:,.0f} MB; today {theirs:.3f} CPU-s, '
            f'pack route {ours:.3f} CPU-s ({ours / theirs:.2f}x), each delta tree by the cheaper '
            f'route at best {statistics.median(times["mix"]):.3f} CPU-s; {len(expected)} pass '
            f'(pack route {len(passed)}, {len(unpacked)} in no pack); {counts["deltas"]:,} '
            f'deltas, {counts["seams"]:,} seams, {counts["screened"] / 1e6:,.1f} MB screened',
        )
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
