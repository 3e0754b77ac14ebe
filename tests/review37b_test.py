"""review37b: a hostile review of faults37, perfT37 and outside37
(docs/hardening.md, "Session 37 (review37b)")."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELD = {int(signal.SIGINT), int(signal.SIGTERM)}
posix_masks = pytest.mark.skipif(not hasattr(signal, 'pthread_sigmask'), reason='POSIX thread masks')


def _mask() -> set[int]:
    return {int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, ())}


@pytest.fixture
def taking_signals():
    """The calling thread takes SIGINT and SIGTERM (else every thread
    would inherit a block whatever the product does); its mask is put
    back afterwards."""
    was = signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    yield
    signal.pthread_sigmask(signal.SIG_SETMASK, was)


@posix_masks
def test_scan_org_pool_workers_are_born_blocking_ctrl_c(taking_signals):
    """scan-org's local pool is ``concurrent.futures``' thread pool, which
    starts its workers itself (in ``submit``), not through threads.py: on
    659fdc0a each was born able to take Ctrl-C, so a Ctrl-C could land on
    a worker while the main thread slept in its wait.  Decoy: the thread
    that submits still takes them once ``submit`` returns."""
    from together_hooks.org.executors import local

    pool = local(3)
    try:
        gate = threading.Barrier(3, timeout=30)

        def task() -> set[int]:
            gate.wait()  # all three at once: three workers started
            return _mask()

        masks = [f.result(timeout=30) for f in [pool.executor.submit(task) for _ in range(3)]]
        assert _mask() & HELD == set(), 'the submitting thread was left blocking Ctrl-C'
    finally:
        pool.executor.shutdown(wait=True)
    assert len({id(m) for m in masks}) == 3
    assert all(HELD <= m for m in masks), masks


@posix_masks
def test_the_callers_mask_comes_back_when_a_start_fails(taking_signals):
    """``threads.start`` of a thread that cannot start (started already:
    ``Thread.start`` raises) leaves the caller's mask as it was."""
    from together_hooks.threads import start

    t = threading.Thread(target=lambda: None, daemon=True)
    start(t)
    t.join()
    with pytest.raises(RuntimeError):
        start(t)
    assert _mask() & HELD == set()


# ------------------------------------------- Ctrl-C with a forked half running

_SPLIT_PROBE = '''
import os, sys, time
from together_hooks.runtime import guard
from together_hooks.sources.parallel import split

ready = sys.argv[1]

def lines():
    try:
        yield 1
        yield 2
    finally:
        time.sleep(1.0)  # a git being stopped and reaped as the reader closes

def child():
    it = lines()
    next(it)
    open(ready, 'w').close()
    time.sleep(30)
    return 0

def parent():
    time.sleep(30)
    return 0

sys.exit(guard('together-hooks', lambda: split(child, parent) and 0))
'''


@pytest.mark.skipif(not hasattr(os, 'killpg'), reason='POSIX process groups')
@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_to_the_group_with_a_forked_half_running_says_one_line(tmp_path, sig):
    """``scan --history`` forks a half (``sources.parallel.split``); Ctrl-C
    reaches the whole process group.  On 659fdc0a the forked half took it
    too, and then its parent's SIGTERM while the first stop unwound (a
    reader closing its git): a second line on the shared stderr
    ("terminated"), or a traceback ("Exception ignored in: <generator
    object stream_blobs>"; seen on together-python's history at 1.2-2.4 s).
    SIGTERM to the group (a CI job cancelled) gave two "terminated" lines."""
    script = tmp_path / 'probe.py'
    script.write_text(_SPLIT_PROBE)
    ready = tmp_path / 'ready'
    env = {**os.environ, 'PYTHONPATH': ROOT + os.pathsep + os.environ.get('PYTHONPATH', '')}
    p = subprocess.Popen([sys.executable, str(script), str(ready)], stderr=subprocess.PIPE,
                         start_new_session=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert p.poll() is None and time.monotonic() < deadline, p.stderr.read()
            time.sleep(0.01)
        os.killpg(p.pid, sig)
        err = p.communicate(timeout=30)[1].decode()
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    word, code = ('interrupted', 130) if sig == signal.SIGINT else ('terminated', 128 + 15)
    assert p.returncode == code, (p.returncode, err)
    assert err == f'together-hooks: {word}\n', err


def _blocked_in(native_id: int) -> set[int]:
    """The signals thread ``native_id`` of this process blocks (Linux's
    ``SigBlk``)."""
    with open(f'/proc/self/task/{native_id}/status') as f:
        line = next(x for x in f if x.startswith('SigBlk:'))
    bits = int(line.split()[1], 16)
    return {n for n in range(1, 65) if bits >> (n - 1) & 1}


@posix_masks
@pytest.mark.skipif(not os.path.exists('/proc/self/task'), reason='Linux /proc')
def test_a_dask_clients_threads_are_born_blocking_ctrl_c(tmp_path, taking_signals):
    """``scan-org --scheduler``: the Dask client starts its own threads (its
    event loop's) as it connects; on 659fdc0a they took Ctrl-C."""
    pytest.importorskip('distributed')
    from tests.org.scan_org_test import dask_processes
    from together_hooks.org.executors import dask

    with dask_processes(tmp_path, 1) as (address, _procs):
        before = {t.ident for t in threading.enumerate()}
        pool = dask(address, timeout=60)
        try:
            new = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
            masks = {t.name: _blocked_in(t.native_id) for t in new}
            assert _mask() & HELD == set(), 'the caller was left blocking Ctrl-C'
        finally:
            pool.close()
    assert masks, 'the client started no thread'
    assert all(HELD <= m for m in masks.values()), masks
