"""CPU of learning a developer's held keys (ownkeys), checkouts side by side.

    python bench/held_keys.py --keys 2500 5000 10000 --runs 3 \\
        --src main=/path/to/main-checkout --src branch=.

docs/performance.md's "Own keys: 5,000 keys in an ignored env file" was
measured by hand (``/usr/bin/time``); this is that measurement, repeatable.
For each ``--src`` (a checkout: its ``together_hooks`` is imported through
``PYTHONPATH``, nothing installed) and each key count, interleaved runs:

- ``forms``: one child process computing ``ownkeys.encoded_forms`` of
  every key (the CPU of that loop alone, ``time.process_time``);
- ``hook``: ``python -m together_hooks.hooks.detect_together_keys f.py`` in
  a fresh repository whose ignored ``.env`` holds the keys as
  ``TOGETHER_API_KEY_n=`` lines and whose one staged file holds none
  (the child's user+sys CPU, ``wait4``); ``--staged-kb`` makes that file
  about that many KB of code (each held variant was one pass over it).

The keys are format-valid, from a seeded generator, never printed. CPU
only: a loaded machine makes wall time meaningless.  Medians are printed,
one line a (source, count, measure).  Standard library only.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile

ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'  # pragma: allowlist secret

FORMS = r'''
import sys, time
from together_hooks.detect.ownkeys import encoded_forms
keys = [line.strip().encode() for line in open(sys.argv[1])]
start = time.process_time()
for key in keys:
    encoded_forms(key)
print(time.process_time() - start)
'''


def _keys(n: int) -> list[str]:
    rng = random.Random(f'held_keys-{n}')
    return ['tgp_v1_' + ''.join(rng.choice(ALPHABET) for _ in range(43)) for _ in range(n)]


def _git(cwd: str, *args: str) -> None:
    subprocess.run(('git', *args), cwd=cwd, check=True, capture_output=True)


def _repo(keys: list[str], staged_kb: int = 0) -> str:
    repo = tempfile.mkdtemp(prefix='held-keys-')
    _git(repo, 'init', '-q')
    with open(os.path.join(repo, '.gitignore'), 'w') as f:
        f.write('.env\n')
    with open(os.path.join(repo, '.env'), 'w') as f:
        f.writelines(f'TOGETHER_API_KEY_{i}={k}\n' for i, k in enumerate(keys))
    with open(os.path.join(repo, 'f.py'), 'w') as f:
        f.write('x = 1\n')
        line = 'value_%d = compute("name", 1.0, key=None)  # a comment\n'
        size = 0
        for i in range(staged_kb * 1024):
            if size >= staged_kb * 1024:
                break
            f.write(line % i)
            size += len(line % i)
    _git(repo, 'add', '.gitignore', 'f.py')
    return repo


def _child_cpu(argv: list[str], cwd: str, env: dict[str, str]) -> tuple[float, bytes]:
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b''
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--keys', type=int, nargs='+', default=[5000])
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--staged-kb', type=int, default=0)
    parser.add_argument('--src', action='append', required=True, metavar='NAME=CHECKOUT')
    args = parser.parse_args()
    sources = [tuple(s.split('=', 1)) for s in args.src]
    results: dict[tuple[str, int, str], list[float]] = {}
    for n in args.keys:
        keys = _keys(n)
        repo = _repo(keys, args.staged_kb)
        listed = os.path.join(repo, '.git', 'held-keys.txt')  # inside .git: never scanned
        with open(listed, 'w') as f:
            f.writelines(k + '\n' for k in keys)
        for _ in range(args.runs):
            for name, path in sources:
                env = dict(os.environ, PYTHONPATH=os.path.abspath(path), PRE_COMMIT='1')
                env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
                _, out = _child_cpu([sys.executable, '-c', FORMS, listed], repo, env)
                results.setdefault((name, n, 'forms'), []).append(float(out or 'nan'))
                cpu, _ = _child_cpu(
                    [sys.executable, '-m', 'together_hooks.hooks.detect_together_keys', 'f.py'],
                    repo, env)
                results.setdefault((name, n, 'hook'), []).append(cpu)
    for (name, n, what), values in results.items():
        print(f'{name:>10} {n:>6} keys {what:>5}: median {statistics.median(values):.2f} s CPU '
              f'({", ".join(f"{v:.2f}" for v in values)})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
