"""CPU of one ``together-hooks`` command at several commits, in turns.

    python bench/commits_cpu.py --runs 7 4afe512 f19052a main -- scan TREE --format json
    python bench/commits_cpu.py --first-parent f19052a~30..main --every 4 -- scan TREE

Each commit's ``together_hooks`` is ``git archive``d into a scratch folder
and compiled there once (``compileall``: a user's install holds its
bytecode), then every commit runs the command in turn (A B C A B C ...)
with ``python -m together_hooks`` and ``PYTHONPATH`` set to its folder:
no install per commit, the interpreter and the rest of the environment
the same for all.  CPU is user+sys of the run and of the processes it
waits for (a forked half of a tree scan, git), which a loaded machine
inflates far less than wall time; the table gives each commit's median
and every run, and a digest of its standard output, so that two commits
that print different findings are seen at once (the digest is of the
output as printed: a path or a count that moved changes it too).
The command runs in ``--cwd`` (default: a scratch folder, outside any
repository).  Standard library only.

Made to find which merge made the tree scan slower (session 17:
``docs/performance.md``, "The tree's CPU since session 12").
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(HERE)


def _git(*args: str) -> str:
    return subprocess.run(
        ['git', '-C', CHECKOUT, *args], check=True, capture_output=True, text=True,
    ).stdout


def commits_of(specs: list[str], first_parent: str | None, every: int) -> list[str]:
    """The commits named, short ids, oldest first for a range."""
    named = [_git('rev-parse', '--short', spec).strip() for spec in specs]
    if first_parent:
        listed = _git('log', '--first-parent', '--format=%h', '--reverse', first_parent).split()
        start = first_parent.split('..')[0]
        picked = [_git('rev-parse', '--short', start).strip()] + listed[every - 1::every]
        if listed and picked[-1] != listed[-1]:
            picked.append(listed[-1])
        named = picked + [c for c in named if c not in picked]
    return named


def unpack(commit: str, scratch: str) -> str:
    folder = os.path.join(scratch, commit)
    os.makedirs(folder)
    archive = subprocess.run(
        ['git', '-C', CHECKOUT, 'archive', commit, 'together_hooks'],
        check=True, capture_output=True,
    ).stdout
    subprocess.run(['tar', '-x', '-C', folder], input=archive, check=True)
    subprocess.run(
        [sys.executable, '-m', 'compileall', '-q', os.path.join(folder, 'together_hooks')],
        check=True, env=_env(None),
    )
    return folder


def _env(folder: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    if folder is not None:
        env['PYTHONPATH'] = folder
    return env


def run_once(folder: str, command: list[str], cwd: str) -> tuple[float, str, int]:
    """(CPU seconds, digest of stdout, exit code) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, '-m', 'together_hooks', *command],
        cwd=cwd, env=_env(folder), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, hashlib.sha256(done.stdout).hexdigest()[:12], done.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('commits', nargs='*', help='commits to compare (any git revision)')
    ap.add_argument('--first-parent', metavar='A..B', help='also every --every-th first-parent commit of a range')
    ap.add_argument('--every', type=int, default=1)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--cwd', help='folder to run the command in (default: a scratch folder)')
    argv = sys.argv[1:] if argv is None else list(argv)
    cut = argv.index('--') if '--' in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    command = argv[cut + 1:]
    if not command:
        ap.error('give the command after --, e.g. -- scan TREE --format json')
    commits = commits_of(args.commits, args.first_parent, max(1, args.every))
    scratch = tempfile.mkdtemp(prefix='commits_cpu-')
    try:
        folders = {c: unpack(c, scratch) for c in commits}
        cwd = args.cwd or scratch
        cpu: dict[str, list[float]] = {c: [] for c in commits}
        outputs: dict[str, set[tuple[str, int]]] = {c: set() for c in commits}
        for _ in range(args.runs):
            for c in commits:
                seconds, digest, code = run_once(folders[c], command, cwd)
                cpu[c].append(seconds)
                outputs[c].add((digest, code))
        print(f'load average at the end: {os.getloadavg()[0]:.1f}')
        print('| commit | median CPU s | runs | stdout digest, exit |')
        print('|---|---:|---|---|')
        for c in commits:
            runs = ' '.join(f'{s:.2f}' for s in cpu[c])
            said = ', '.join(f'{d} rc={rc}' for d, rc in sorted(outputs[c]))
            print(f'| {c} | {statistics.median(cpu[c]):.3f} | {runs} | {said} |')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
