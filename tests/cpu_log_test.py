"""``tests/cpu_log.py``: what a run logs under ``SUITE_CPU_LOG``
(each test's CPU with its children's, when it ran, the waits on inputs
built once a run) and the summary read back from it.  A real pytest run,
real processes and real locks."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from tests import cpu_log

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _rows(folder) -> list[list[str]]:
    rows = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            rows += [line.rstrip('\n').split('\t') for line in f]
    return rows


def test_a_run_logs_each_tests_cpu_with_its_childrens(tmp_path):
    """A test that waits for a child burning CPU is logged with that CPU
    as its children's; one that starts nothing, with none; the session
    too."""
    (tmp_path / 'work_test.py').write_text(
        'import subprocess, sys\n'
        'def test_child():\n'
        '    subprocess.run((sys.executable, "-c", "sum(range(4 * 10 ** 6))"), check=True)\n'
        'def test_nothing():\n'
        '    assert True\n',
    )
    log = tmp_path / 'log'
    log.mkdir()
    base = (sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'tests.cpu_log',
            'work_test.py')
    env = dict(os.environ, PYTHONPATH=ROOT, **{cpu_log.ENV: str(log)})
    env.pop('PYTEST_XDIST_WORKER', None)  # the suite's own worker: the run here has none
    before = time.time()
    on = subprocess.run(base, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert on.returncode == 0, on.stdout + on.stderr
    rows = _rows(log)
    tests = {r[2]: r for r in rows if r[0] == 'test'}
    assert sorted(tests) == ['work_test.py::test_child', 'work_test.py::test_nothing'], rows
    child, nothing = tests['work_test.py::test_child'], tests['work_test.py::test_nothing']
    assert child[1] == nothing[1] == 'main'
    assert float(child[6]) > 0.02, child  # the child's CPU, as the test's children's
    assert float(nothing[6]) == 0.0, nothing
    assert before <= float(child[3]) <= float(child[4]) <= float(nothing[3]) <= float(nothing[4])
    assert [r[0] for r in rows].count('session') == 1


def _hold(lock_path, seconds: float) -> subprocess.Popen:
    """Another process holding ``lock_path`` for ``seconds`` (it says when
    it holds it)."""
    proc = subprocess.Popen((sys.executable, '-c', (
        'import fcntl, sys, time\n'
        'f = open(sys.argv[1], "a")\n'
        'fcntl.flock(f, fcntl.LOCK_EX)\n'
        'print("held", flush=True)\n'
        'time.sleep(float(sys.argv[2]))\n'
    ), str(lock_path), str(seconds)), stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == 'held\n'
    return proc


def test_a_wait_on_an_input_another_process_builds_is_logged(tmp_path, monkeypatch):
    """``tests/once`` and ``gitplay.Templates`` waiting on a lock another
    process holds log the wait, by the input's name; a lock no one holds
    logs none."""
    from tests import once
    from tests.gitplay import Templates

    log = tmp_path / 'log'
    log.mkdir()
    monkeypatch.setenv(cpu_log.ENV, str(log))
    root = tmp_path / 'run'
    root.mkdir()
    assert once.shared(root, 'r1', 'free', lambda: 1) == 1
    holder = _hold(root / 'once-r1-held.lock', 0.3)
    assert once.shared(root, 'r1', 'held', lambda: 2) == 2
    assert holder.wait() == 0
    templates = Templates(root)
    source = tmp_path / 'source'
    source.mkdir()
    holder = _hold(root / 'tpl.lock', 0.3)
    made = templates._build_once(source, 'tpl', lambda path: (path / 'built').write_text('x'))
    assert holder.wait() == 0
    assert (made / 'built').read_text() == 'x'
    waits = {r[2]: float(r[4]) for r in _rows(log) if r[0] == 'wait'}
    assert sorted(waits) == ['once held', 'template tpl'], waits
    assert all(seconds >= 0.2 for seconds in waits.values()), waits


def test_the_summary_tells_each_workers_idle_end_the_waits_and_the_costliest_files(tmp_path):
    """Two workers: the one whose last test ended 10 s before the other's
    was idle 10 s at the end; a file's CPU is its tests' own and their
    children's; waits add up by name; a wait or a session is no test, and
    a file not the log's is not read."""
    folder = str(tmp_path)
    cpu_log.record(folder, 'session', 'gw0', '0.000', '101.000')
    cpu_log.record(folder, 'test', 'gw0', 'tests/a_test.py::t1', '1.000', '50.000', '2.000', '3.000')
    cpu_log.record(folder, 'test', 'gw0', 'tests/b_test.py::t2', '50.000', '100.000', '1.000', '0.000')
    (tmp_path / 'notes.txt').write_text('test\tgw9\tx::y\t0\t999\t99\t99\n')
    other = tmp_path / 'other.tsv'  # the other worker's own file
    other.write_text(
        'test\tgw1\ttests/a_test.py::t3\t2.000\t60.000\t0.500\t0.000\n'
        'test\tgw1\ttests/a_test.py::t4\t60.000\t90.000\t0.250\t0.000\n'
        'wait\tgw1\tonce accuracy\t60.000\t4.000\n'
        'wait\tgw1\tonce accuracy\t70.000\t1.500\n'
        'wait\tgw1\ttemplate push\t80.000\t0.500\n',
    )
    text = cpu_log.summary(folder)
    assert text.splitlines() == [
        '4 tests, 99.0 s from the first start to the last end, 6.8 CPU-s',
        'gw0: 2 tests, wall 99.0 s, CPU 3.0 + children 3.0 s, idle at the end 0.0 s',
        'gw1: 2 tests, wall 88.0 s, CPU 0.8 + children 0.0 s, idle at the end 10.0 s',
        'waited 5.5 s for once accuracy',
        'waited 0.5 s for template push',
        '     5.8 tests/a_test.py',
        '     1.0 tests/b_test.py',
    ], text
    (tmp_path / 'empty').mkdir()
    assert cpu_log.summary(str(tmp_path / 'empty')) == 'no tests logged\n'
