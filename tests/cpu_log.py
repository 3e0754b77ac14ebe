"""Where a run's time goes: each test's CPU, when it ran and on which
worker, and the seconds a worker sat blocked on an input another was
building.  Off unless asked; a plugin ``tests/conftest.py`` loads.

    SUITE_CPU_LOG=/tmp/cpu python -m pytest -n 2
    python -m tests.cpu_log /tmp/cpu

pytest's junit times are each test's wall time: under ``-n 2`` on two
busy cores a test that starts processes waits for a core its processes
share with the other worker's, so its time there is up to twice its CPU
(session 35: ``baseline_test``'s 31.7 s of a run's junit time is 13.4
CPU-s alone; its 1,292 sample cases cost 1.7 ms each, not 22), and the
junit file says neither which worker ran a test nor when, so an idle
worker at the end, or one waiting on a lock, cannot be seen in it.
Each process writes rows to a file of its own in the folder (no two
writers share one), tab-separated:

- ``test worker nodeid start end cpu children``: wall-clock start and
  end (seconds since the epoch), the CPU of the worker itself and of the
  processes it started and waited for (``os.times``), setup and teardown
  included;
- ``wait worker name start seconds``: a lock on an input built once a
  run (``tests/once.py``, ``tests/gitplay.Templates``) waited for;
- ``session worker start end``.

Measurement only: nothing is asserted about a time (docs/testing.md).
The variable's name does not say Together: the hooks read every variable
whose name does as one that may hold the developer's key, so the first
stage hands every commit on and the hook loads its regexes (under
``TOGETHER_TESTS_CPU_LOG``, five tests of ``hook_imports_test`` and
``gate_probe3_test`` failed), and the run would not be the one measured.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Iterator

import pytest

ENV = 'SUITE_CPU_LOG'


def _worker() -> str:
    return os.environ.get('PYTEST_XDIST_WORKER', 'main')


def _cpu() -> tuple[float, float]:
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def record(folder: str, *fields: object) -> None:
    """One row, in this process's own file of ``folder``."""
    with open(os.path.join(folder, f'{os.getpid()}.tsv'), 'a', encoding='utf-8') as f:
        f.write('\t'.join(str(x).replace('\t', ' ').replace('\n', ' ') for x in fields) + '\n')


def waited(name: str, start: float) -> None:
    """A lock on ``name`` asked at ``start`` (``time.time()``) is held now
    (a row only for a wait of 10 ms or more: a lock no one held is none)."""
    folder = os.environ.get(ENV)
    seconds = time.time() - start
    if folder and seconds >= 0.01:
        record(folder, 'wait', _worker(), name, f'{start:.3f}', f'{seconds:.3f}')


_SESSION: list[float] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    _SESSION[:] = [time.time()]


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = os.environ.get(ENV)
    if folder and _SESSION:
        record(folder, 'session', _worker(), f'{_SESSION[0]:.3f}', f'{time.time():.3f}')


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    folder = os.environ.get(ENV)
    if not folder:
        yield
        return
    start, (own, children) = time.time(), _cpu()
    yield
    own_now, children_now = _cpu()
    record(folder, 'test', _worker(), item.nodeid, f'{start:.3f}', f'{time.time():.3f}',
           f'{own_now - own:.3f}', f'{children_now - children:.3f}')


def summary(folder: str, top: int = 30) -> str:
    """The run read back: each worker's span, its tests' wall and CPU, the
    idle time after its last test until the last worker's end; the seconds
    blocked on each input; the files costing the most CPU."""
    tests: list[tuple[str, str, float, float, float, float]] = []
    waits: dict[str, float] = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.tsv'):
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            for line in f:
                row = line.rstrip('\n').split('\t')
                if row[0] == 'test':
                    tests.append((row[1], row[2], float(row[3]), float(row[4]), float(row[5]), float(row[6])))
                elif row[0] == 'wait':
                    waits[row[2]] = waits.get(row[2], 0.0) + float(row[4])
    if not tests:
        return 'no tests logged\n'
    first = min(t[2] for t in tests)
    last = max(t[3] for t in tests)
    out = [f'{len(tests)} tests, {last - first:.1f} s from the first start to the last end, '
           f'{sum(t[4] + t[5] for t in tests):.1f} CPU-s']
    for worker in sorted({t[0] for t in tests}):
        mine = [t for t in tests if t[0] == worker]
        end = max(t[3] for t in mine)
        out.append(
            f'{worker}: {len(mine)} tests, wall {sum(t[3] - t[2] for t in mine):.1f} s, '
            f'CPU {sum(t[4] for t in mine):.1f} + children {sum(t[5] for t in mine):.1f} s, '
            f'idle at the end {last - end:.1f} s')
    for name, seconds in sorted(waits.items(), key=lambda kv: -kv[1]):
        out.append(f'waited {seconds:.1f} s for {name}')
    by_file: dict[str, float] = {}
    for t in tests:
        path = t[1].split('::')[0]
        by_file[path] = by_file.get(path, 0.0) + t[4] + t[5]
    for path, cpu in sorted(by_file.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f'{cpu:8.1f} {path}')
    return '\n'.join(out) + '\n'


if __name__ == '__main__':
    sys.stdout.write(summary(sys.argv[1]))
