#!/usr/bin/env python3
"""Org-wide audit benchmark: 20 repositories of one fork network.

    python bench/org_audit.py [--quick] [--runs N] [--cache DIR]

Builds a fork network reproducibly (a parent with a seeded history, 19
clones that each diverge by a few commits, keys planted in the parent's
history and in two forks), then times, over the same clones:

- ``together-hooks scan-org`` with the network on one line (one object
  store: each shared blob scanned once), cold (empty mirror cache) and warm
  (a rerun: refs unchanged, nothing rescanned);
- a loop of ``together-hooks scan --history`` over the 20 clones;
- a loop of betterleaks (``git``) and of kingfisher (``--git-history full``)
  over the 20 clones, the way an org audit is done with them today.

Peers and this checkout are installed by ``bench/run.py``'s helpers (its
peer venv); a peer that cannot be installed shows ``n/a``.  No planted key
is printed: tools' output stays under the cache's ``out/org/``.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
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
    args = ap.parse_args(argv)
    ctx = harness.Ctx(argparse.Namespace(
        quick=args.quick, runs=args.runs or (1 if args.quick else 3), timeout=None,
        cache=args.cache, ours_venv=args.ours_venv,
    ))
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
