"""Peak RSS of each content source on one large input: memory must not grow
with the input's size.

    python bench/memory_by_source.py --mb 100 500 [--one-line] [--workdir DIR]

Makes a repository per size (a small first commit, then one file of code
lines, or a single line with ``--one-line``, with a key at its end),
then runs ``scan FILE``, ``scan --staged``, ``scan --history``, ``scan
--diff`` and the hook, each as a child forked afresh so its ``ru_maxrss``
is its own (as ``tests/memory_test.py`` measures it).  Prints peak RSS and
CPU (user+sys of the run and the git it waits for) per row; never the key.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests.keys import make_key  # noqa: E402

BIN = os.path.dirname(sys.executable)
# Forks, execs the tool, and prints the tool's own peak RSS (KiB) last.
MEASURE = (
    'import os, sys\n'
    'pid = os.fork()\n'
    'if pid == 0:\n'
    '    os.execv(sys.argv[1], sys.argv[1:])\n'
    '_pid, status, usage = os.wait4(pid, 0)\n'
    "sys.stderr.write(f'\\n{usage.ru_maxrss}\\n')\n"
    'raise SystemExit(os.waitstatus_to_exitcode(status))\n'
)
MODES = {
    'scan FILE': ('together-hooks', 'scan', 'big.txt'),
    'scan --staged': ('together-hooks', 'scan', '--staged'),
    'scan --history': ('together-hooks', 'scan', '--history'),
    'scan --diff': ('together-hooks', 'scan', '--diff', 'HEAD~1...HEAD'),
    'detect-together-keys FILE': ('detect-together-keys', 'big.txt'),
}


def git(top: str, *args: str) -> None:
    subprocess.run(('git', *args), cwd=top, check=True, capture_output=True)


def build(top: str, size: int, one_line: bool) -> None:
    os.makedirs(top)
    git(top, 'init', '-q', '-b', 'main')
    git(top, 'config', 'user.email', 'bench@example.com')
    git(top, 'config', 'user.name', 'bench')
    with open(os.path.join(top, 'a.txt'), 'w') as f:
        f.write('x\n')
    git(top, 'add', 'a.txt')
    git(top, 'commit', '-qm', 'base')
    chunk = b'abcdefgh' * 8 if one_line else b'value = compute(1, 2, 3)  # an ordinary line of code\n'
    key = make_key(random.Random(size))
    with open(os.path.join(top, 'big.txt'), 'wb') as f:
        block = chunk * 1024
        for _ in range(size // len(block)):
            f.write(block)
        f.write(f'\nTOGETHER_API_KEY={key}\n'.encode())
    git(top, 'add', 'big.txt')
    git(top, 'commit', '-qm', 'big')


def measure(top: str, argv: tuple[str, ...]) -> tuple[int, int, float]:
    """(exit code, peak RSS in MiB, CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        (sys.executable, '-c', MEASURE, os.path.join(BIN, argv[0]), *argv[1:]),
        cwd=top, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kib = int(proc.stderr.rstrip(b'\n').rpartition(b'\n')[2])
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return proc.returncode, kib >> 10, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--mb', type=int, nargs='+', default=[100, 500])
    parser.add_argument('--one-line', action='store_true')
    parser.add_argument('--workdir', default=None)
    args = parser.parse_args()
    work = args.workdir or tempfile.mkdtemp(prefix='memory-by-source-')
    print(f'| source | {" | ".join(f"{mb} MB" for mb in args.mb)} |')
    print(f'|---|{"---:|" * len(args.mb)}')
    rows: dict[str, list[str]] = {name: [] for name in MODES}
    for mb in args.mb:
        top = os.path.join(work, f'{"line" if args.one_line else "lines"}{mb}')
        if not os.path.exists(top):
            build(top, mb << 20, args.one_line)
        for name, argv in MODES.items():
            if name == 'scan --staged':  # a change to the big file, staged
                with open(os.path.join(top, 'big.txt'), 'ab') as f:
                    f.write(b'\n')
                git(top, 'add', 'big.txt')
            rc, rss, cpu = measure(top, argv)
            rows[name].append(f'{rss} MiB ({cpu:.1f} s)' + ('' if rc == 1 else f' exit {rc}!'))
            if name == 'scan --staged':
                git(top, 'reset', '-q', '--hard')
    for name, cells in rows.items():
        print(f'| `{name}` | {" | ".join(cells)} |')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
