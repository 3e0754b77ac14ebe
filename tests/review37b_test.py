"""review37b: a hostile review of faults37, perfT37 and outside37
(docs/hardening.md, "Session 37 (review37b)")."""
from __future__ import annotations

import signal
import threading

import pytest

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
