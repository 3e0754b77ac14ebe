#!/usr/bin/env python3
"""Org-wide audit benchmark: 20 repositories of one fork network.

    python bench/org_audit.py [--quick] [--runs N] [--cache DIR]
    python bench/org_audit.py --many 50 [--runs N] [--cache DIR]

Builds a fork network reproducibly (a parent with a seeded history, 19
clones that each diverge by a few commits, keys planted in the parent's
history and in two forks), then times, over the same clones:

- ``together-hooks scan-org`` with the network on one line (one object
  store: each shared blob scanned once), cold (empty mirror cache) and warm
  (a rerun: refs unchanged, nothing rescanned);
- a loop of ``together-hooks scan --history`` over the 20 clones;
- a loop of betterleaks (``git``) and of kingfisher (``--git-history full``)
  over the 20 clones, the way an org audit is done with them today.

``--many N`` times instead where the work runs: N small independent
repositories (a few commits each, a key in every fifth) audited cold by
``scan-org --workers 1``, by the local pool at the core count, and by a
Dask cluster started on loopback (a scheduler and one single-threaded
worker per core), each with an empty mirror cache.  CPU is user+sys of
the coordinator and everything it waited for, plus, for Dask, what the
scheduler and worker processes (and the scans they reaped) used meanwhile.

Peers and this checkout are installed by ``bench/run.py``'s helpers (its
peer venv); a peer that cannot be installed shows ``n/a``.  No planted key
is printed: tools' output stays under the cache's ``out/org/``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as harness  # noqa: E402  (bench/run.py: peers, measuring, git helpers)

FORKS = 20
EPOCH = harness.EPOCH


def build_network(root: Path, commits: int, seed: int = harness.SEED) -> tuple[list[Path], int]:
    """(the 20 clones, keys planted); rebuilt only when missing."""
    stamp = root / 'stamp'
    key = json.dumps([commits, seed, FORKS])
    clones = [root / f'fork{i:02d}' for i in range(FORKS)]
    if harness.stamp_ok(stamp, key):
        return clones, int(json.loads((root / 'planted.json').read_text()))
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    parent = clones[0]
    harness.git_init(parent)
    words = ['alpha', 'beta', 'gamma', 'delta', 'model', 'token', 'client', 'route']
    planted = 0
    for n in range(commits):
        for _ in range(3):
            path = parent / f'src/pkg{rng.randrange(12)}/mod{rng.randrange(40)}.py'
            path.parent.mkdir(parents=True, exist_ok=True)
            lines = [f'{rng.choice(words)}_{i} = {rng.random()!r}' for i in range(rng.randrange(20, 200))]
            path.write_text('\n'.join(lines) + '\n')
        if n % max(1, commits // 5) == 1:  # a key added, removed in a later commit
            (parent / 'settings.py').write_text(f'TOGETHER_API_KEY = "{harness.new_key(rng, "tgp")}"\n')
            planted += 1
        elif (parent / 'settings.py').exists():
            (parent / 'settings.py').unlink()
        harness.git(parent, 'add', '-A')
        harness.git(parent, 'commit', '-q', '-m', f'c{n}', date=EPOCH + n * 86400)
    for i in range(1, FORKS):
        fork = clones[i]
        harness.sh(['git', 'clone', '-q', '--no-hardlinks', str(parent), str(fork)])
        for n in range(3):
            (fork / f'fork{i}.txt').write_text(f'fork {i} change {n} {rng.random()!r}\n')
            if i in (5, 13) and n == 1:
                (fork / 'local.py').write_text(f'together_api_key = "{harness.new_key(rng, "tgp")}"\n')
                planted += 1
            harness.git(fork, 'add', '-A')
            harness.git(fork, 'commit', '-q', '-m', f'fork {i}.{n}', date=EPOCH + (commits + n) * 86400)
    (root / 'planted.json').write_text(str(planted))
    stamp.write_text(key)
    return clones, planted


def build_many(root: Path, count: int, seed: int = harness.SEED) -> tuple[list[Path], int]:
    """``count`` small repositories, a key added and removed in every fifth."""
    stamp = root / 'stamp'
    key = json.dumps([count, seed])
    repos = [root / f'repo{i:03d}' for i in range(count)]
    if harness.stamp_ok(stamp, key):
        return repos, int((root / 'planted.json').read_text())
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    planted = 0
    for i, repo in enumerate(repos):
        harness.git_init(repo)
        for n in range(5):
            path = repo / f'src/mod{rng.randrange(8)}.py'
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(''.join(f'value_{j} = {rng.random()!r}\n' for j in range(50)))
            if i % 5 == 0 and n == 2:
                (repo / 'settings.py').write_text(
                    f'TOGETHER_API_KEY = "{harness.new_key(rng, "tgp")}"\n')
                planted += 1
            elif (repo / 'settings.py').exists():
                (repo / 'settings.py').unlink()
            harness.git(repo, 'add', '-A')
            harness.git(repo, 'commit', '-q', '-m', f'c{n}', date=EPOCH + n * 86400)
    (root / 'planted.json').write_text(str(planted))
    stamp.write_text(key)
    return repos, planted


def _cpu_of(pids: list[int]) -> float:
    """user+sys seconds of these processes and the children they reaped."""
    tick = os.sysconf('SC_CLK_TCK')
    total = 0
    for pid in pids:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / tick


class LocalDask:
    """A scheduler and ``workers`` single-threaded workers on loopback."""

    def __init__(self, bin_dir: Path, workers: int, where: Path) -> None:
        sched = where / 'scheduler.json'
        sched.unlink(missing_ok=True)
        quiet = {'stdout': subprocess.DEVNULL, 'stderr': subprocess.DEVNULL,
                 'start_new_session': True}
        self.procs = [subprocess.Popen(
            [str(bin_dir / 'dask'), 'scheduler', '--host', '127.0.0.1', '--port', '0',
             '--no-dashboard', '--scheduler-file', str(sched)], **quiet)]
        deadline = time.monotonic() + 120
        while not sched.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # written whole
        self.address = json.loads(sched.read_text())['address']
        for _ in range(workers):
            self.procs.append(subprocess.Popen(
                [str(bin_dir / 'dask'), 'worker', '--scheduler-file', str(sched), '--nthreads',
                 '1', '--no-nanny', '--no-dashboard', '--host', '127.0.0.1'], **quiet))
        subprocess.run([str(bin_dir / 'python'), '-c',
                        'import sys; from distributed import Client; '
                        'Client(sys.argv[1], timeout=120).wait_for_workers(int(sys.argv[2]), timeout=120)',
                        self.address, str(workers)], check=True)

    def cpu(self) -> float:
        return _cpu_of([p.pid for p in self.procs])

    def close(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def many(ctx: harness.Ctx, count: int) -> int:
    """``--many``: one audit of ``count`` small repositories, three ways."""
    ours, why = ctx.ours('together-hooks')
    if not ours:
        harness.log(f'together-hooks n/a: {why}')
        return 1
    cores = os.cpu_count() or 1
    root = ctx.corpora / f'org-many-{count}'
    harness.log(f'building {count} small repositories ...')
    repos, planted = build_many(root, count)
    work = ctx.cache / 'out' / 'org-many'
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    listing = work / 'repos.txt'
    listing.write_text(''.join(f'file://{r}\n' for r in repos))
    base = [ours, 'scan-org', '--repos', str(listing), '--store', str(work / 'audit.sqlite'),
            '--cache-dir', str(work / 'mirrors'), '--format', 'json']
    cluster = None
    bin_dir = Path(ours).parent
    rows = [('scan-org --workers 1', base + ['--workers', '1'], False),
            (f'scan-org --workers {cores} (local pool)', base + ['--workers', str(cores)], False)]
    if (bin_dir / 'dask').exists():
        cluster = LocalDask(bin_dir, cores, work)
        rows.append((f'scan-org --scheduler (Dask on loopback, {cores} workers x 1 thread)',
                     base + ['--scheduler', cluster.address], True))
    table = [
        f'### Org audit: {count} small repositories, where the work runs',
        '',
        f'{count} repositories of 5 commits, {planted} keys planted; cold mirror cache each '
        f'run; {ctx.runs} run(s), median; load average {harness.loadavg()} at the start.',
        '',
        '| executor | wall s | CPU s (user+sys) | findings |',
        '|---|---:|---:|---:|',
    ]
    try:
        for name, argv_, dask in rows:
            walls, cpus, found = [], [], '?'
            for _ in range(ctx.runs):
                shutil.rmtree(work / 'mirrors', ignore_errors=True)
                (work / 'audit.sqlite').unlink(missing_ok=True)
                before = cluster.cpu() if dask and cluster else 0.0
                out = work / 'row.out'
                sample = harness.run_measured(argv_, work, out, ctx.timeout, work / 'report')
                if sample.error:
                    found = sample.error
                    break
                walls.append(sample.seconds)
                cpus.append(sample.cpu + ((cluster.cpu() - before) if dask and cluster else 0.0))
                found = str(len(json.loads(out.read_text())['findings']))
            if walls:
                walls.sort()
                cpus.sort()
                table.append(f'| {name} | {walls[len(walls) // 2]:.2f} | '
                             f'{cpus[len(cpus) // 2]:.2f} | {found} |')
            else:
                table.append(f'| {name} | n/a | n/a | n/a ({found}) |')
    finally:
        if cluster:
            cluster.close()
    text = '\n'.join(table) + '\n'
    print('\n' + text)
    (ctx.cache / 'RESULTS-org-many.md').write_text(text)
    return 0


def loop(tool: str, args: str, clones: list[Path], out: Path) -> list[str]:
    """sh -c: run ``tool`` once per clone, each output in out/<i>.json."""
    script = (
        f'i=0; for r in "$@"; do i=$((i+1)); cd "$r" && '
        f'"{tool}" {args} > "{out}/$i.json" 2>/dev/null; '
        f'case $? in 0|1|200|205) ;; *) exit 3;; esac; done'
    )
    return ['sh', '-c', script, 'sh', *map(str, clones)]


def count(out: Path) -> int:
    return sum(harness.count_findings_key(p.read_text()) for p in sorted(out.glob('*.json')))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help='1 run, a shorter history')
    ap.add_argument('--runs', type=int, help='runs per row (default 3, quick 1)')
    ap.add_argument('--cache', default=str(BENCH / '.cache'))
    ap.add_argument('--ours-venv', help='venv with together-hooks installed')
    ap.add_argument('--many', type=int, metavar='N',
                    help='instead: N small repositories, --workers 1 against a local Dask cluster')
    args = ap.parse_args(argv)
    ctx = harness.Ctx(argparse.Namespace(
        quick=args.quick, runs=args.runs or (1 if args.quick else 3), timeout=None,
        cache=args.cache, ours_venv=args.ours_venv, git_repo=[],
    ))
    if args.many:
        ctx.setup_ours()
        return many(ctx, args.many)
    ctx.setup_peers()
    ctx.setup_ours()
    commits = 60 if args.quick else 300
    root = ctx.corpora / 'org-network'
    harness.log(f'building a fork network of {FORKS} repositories ({commits} commits) ...')
    clones, planted = build_network(root, commits)
    work = ctx.cache / 'out' / 'org'
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    repos = work / 'repos.txt'
    repos.write_text(' '.join(f'file://{c}' for c in clones) + '\n')

    ours, why = ctx.ours('together-hooks')
    bl, bl_why = ctx.peer('betterleaks')
    kf, kf_why = ctx.peer('kingfisher')
    rows: list[tuple[str, list[str] | None, str, bool]] = []  # name, argv, why n/a, cold cache
    if ours:
        org = [ours, 'scan-org', '--repos', str(repos), '--store', str(work / 'audit.sqlite'),
               '--cache-dir', str(work / 'mirrors'), '--format', 'json']
        rows.append(('together-hooks scan-org (cold cache)', org, '', True))
        rows.append(('together-hooks scan-org (rerun, refs unchanged)', org, '', False))
        rows.append(('loop: together-hooks scan --history',
                     loop(ours, 'scan --history --format json', clones, work / 'th'), '', False))
    else:
        rows.append(('together-hooks scan-org', None, why, False))
    rows.append(('loop: betterleaks git (Together rule)', loop(
        bl, 'git . ' + ' '.join(harness.BL_TOGETHER + harness.BL_QUIET), clones, work / 'bl',
    ) if bl else None, bl_why, False))
    rows.append(('loop: kingfisher --git-history full (Together rule)', loop(
        kf, 'scan . --git-history full ' + ' '.join(harness.KF_COMMON + harness.KF_TOGETHER),
        clones, work / 'kf',
    ) if kf else None, kf_why, False))

    table = [
        f'### Org audit: {FORKS} repositories of one fork network',
        '',
        f'{commits} parent commits, 19 forks of 3 commits each, {planted} keys planted '
        f'(each tool\'s findings count its own way: per fork and commit for scan-org). '
        f'{ctx.runs} run(s), median.',
        '',
        '| tool | seconds | peak MiB | findings |',
        '|---|---:|---:|---:|',
    ]
    for name, argv_, why_na, cold in rows:
        if argv_ is None:
            table.append(f'| {name} | n/a | n/a | n/a ({why_na}) |')
            continue
        secs, peak, found = [], 0.0, '?'
        for n in range(ctx.runs):
            if cold:
                shutil.rmtree(work / 'mirrors', ignore_errors=True)
                (work / 'audit.sqlite').unlink(missing_ok=True)
            for sub in ('th', 'bl', 'kf'):
                (work / sub).mkdir(exist_ok=True)
            out = work / f'row{len(table)}.out'
            sample = harness.run_measured(argv_, work, out, ctx.timeout, work / 'report')
            if sample.error:
                found = sample.error
                break
            secs.append(sample.seconds)
            peak = max(peak, sample.maxrss_kib / 1024)
            if argv_[0] == 'sh':
                found = str(count(_out_dir(argv_)))
            else:
                found = str(len(json.loads(out.read_text())['findings']))
        if secs:
            secs.sort()
            table.append(f'| {name} | {secs[len(secs) // 2]:.2f} | {peak:.0f} | {found} |')
        else:
            table.append(f'| {name} | n/a | n/a | n/a ({found}) |')
    text = '\n'.join(table) + '\n'
    print('\n' + text)
    (ctx.cache / 'RESULTS-org.md').write_text(text)
    harness.log(f'wrote {ctx.cache / "RESULTS-org.md"}')
    return 0


def _out_dir(argv_: list[str]) -> Path:
    """The out/<i>.json folder a ``loop`` writes to (from its script)."""
    script = argv_[2]
    return Path(script.split('> "', 1)[1].split('/$i.json', 1)[0])


if __name__ == '__main__':
    sys.exit(main())
