"""``scan-org --scheduler`` when the cluster goes away under it: real Dask
scheduler and worker processes on loopback, killed with SIGKILL."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time

import pytest

from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.org.scan_org_test import _children
from tests.org.scan_org_test import dask_processes
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import write_lines


# How long a cluster with no worker is waited for (``scan-org --worker-wait``):
# short, so that the test's wait is not the product's default (``--timeout``,
# here 30 s: a repository's limit that a loaded machine never reaches).
WAIT = '0.5'


def test_the_worker_wait_is_the_timeout_unless_set():
    """``--worker-wait`` unset waits ``--timeout`` for a worker, as before
    the option; set, it is the wait (the cluster tests' 0.5 s)."""
    import argparse

    from together_hooks.cli import scan_org
    from together_hooks.org.coordinator import Options

    parser = argparse.ArgumentParser()
    scan_org.add_arguments(parser)
    for extra, wait in (((), 7.0), (('--worker-wait', WAIT), float(WAIT))):
        args = parser.parse_args(['--repos', 'r.txt', '--store', 's', '--timeout', '7', *extra])
        options = Options('c', timeout=args.timeout, worker_wait=args.worker_wait)
        assert (options.timeout, options.worker_wait) == (7.0, wait), extra


@pytest.fixture(scope='module')
def clusters(tmp_path_factory):
    """This module's real clusters (a scheduler and one worker, each its own
    process, the worker logging to a file): starting one costs ~1.2 CPU-s
    of its processes and seconds of wall.  A test that leaves the cluster
    whole borrows the one running (``borrow``); a test that kills part of
    it takes it (``take``: the next test starts another)."""
    held: list[tuple[contextlib.ExitStack, str, list, str]] = []

    def start() -> tuple[contextlib.ExitStack, str, list, str]:
        top = tmp_path_factory.mktemp('cluster')
        stack = contextlib.ExitStack()
        log = stack.enter_context(open(top / 'worker.log', 'wb'))
        address, procs = stack.enter_context(dask_processes(top, 1, scheduler=True, log=log))
        return stack, address, procs, str(top / 'worker.log')

    class Clusters:
        @contextlib.contextmanager
        def borrow(self):
            """(address, [scheduler, worker], the worker's log), left running."""
            if not held:
                held.append(start())
            stack, address, procs, log = held[0]
            whole = False
            try:
                yield address, procs, log
                deadline = time.monotonic() + 10
                while _children(procs[1].pid) and time.monotonic() < deadline:
                    time.sleep(0.01)  # a task's process not reaped yet
                whole = all(p.poll() is None for p in procs) and not _children(procs[1].pid)
            finally:
                if not whole:  # never lent again
                    held.remove(held[0])
                    stack.close()

        @contextlib.contextmanager
        def take(self):
            """(address, [scheduler, worker]), stopped after the test."""
            stack, address, procs, _log = held.pop() if held else start()
            with stack:
                yield address, procs

    yield Clusters()
    for stack, *_rest in held:
        stack.close()


def test_a_failed_task_leaves_no_key_of_a_repository_url_in_the_worker_log(tmp_path, keys, clusters):
    """Dask logs a failed task (``Compute Failed``) with its task's repr:
    were the payload in it, a repository named with a key would put the
    key whole in the worker's log.  It shows ``run_task(...)`` only.
    (The worker lives on: the cluster is borrowed, and what this test's
    run logged is what follows what the log held before it.)"""
    name_key = keys()
    repo, _ = key_repo(tmp_path / f'r-{name_key}', keys())
    listing = write_lines(tmp_path / 'r.txt', repo)
    with clusters.borrow() as (address, [_scheduler, worker], log):
        before = os.path.getsize(log)
        proc = subprocess.Popen(
            (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing,
             '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
             '--scheduler', address, '--retries', '0'),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            busy = _children(worker.pid)
            if busy:  # the scan process alone: the worker lives on
                os.kill(busy[0], signal.SIGKILL)
                break
            time.sleep(0.01)
        out, err = proc.communicate(timeout=100)
        deadline = time.monotonic() + 10  # the worker logs as it reports the failure
        while True:
            with open(log, 'rb') as f:
                f.seek(before)
                logged = f.read().decode(errors='replace')
            if 'Compute Failed' in logged or time.monotonic() > deadline:
                break
            time.sleep(0.01)
    CAPTURED.extend((out.decode(), err.decode()))
    assert proc.returncode == 2, err.decode()
    assert b'Lost: scan process ended with exit -9' in err, err
    assert 'Compute Failed' in logged
    CAPTURED.append(logged)  # the keys fixture checks it holds no key
    assert name_key[7:30] not in logged


@pytest.mark.parametrize('victim', ['worker', 'scheduler'])
def test_a_cluster_that_lost_every_worker_fails_closed(tmp_path, keys, clusters, victim):
    """The only worker (or the scheduler) killed mid-scan: its task, and
    every task after it, waited for a worker forever and the run never
    ended (a lost scheduler ended it later with an internal error).  A
    repository that waits without any worker in the cluster for its
    ``--worker-wait`` (``--timeout`` unless set: here the repositories'
    limit is long, the wait short, and the message names the wait), or
    that the client can no longer hand out, is now not scanned: listed,
    and exit 2."""
    repos = [key_repo(tmp_path / f'r{i}', keys())[0] for i in range(4)]
    listing = write_lines(tmp_path / 'r.txt', *repos)
    with clusters.take() as (address, [scheduler, worker]):
        proc = subprocess.Popen(
            (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing, '--store',
             str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'), '--scheduler',
             address, '--timeout', '30', '--worker-wait', WAIT),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            # The client tries this long to reach a lost scheduler again
            # (Dask's default 30s), longer than the run may take: a client
            # no longer connected has no worker at once, and the run ends
            # after --worker-wait (each call that asked for the workers
            # waited this long first).
            env={**os.environ, 'DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT': '90s'},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not _children(worker.pid):
            time.sleep(0.01)
        busy = _children(worker.pid)
        assert busy, 'no task ever ran'
        if victim == 'worker':
            for pid in [worker.pid, *busy]:
                os.kill(pid, signal.SIGKILL)
        else:
            scheduler.send_signal(signal.SIGKILL)
        try:
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    CAPTURED.extend((out.decode(), err.decode()))
    assert proc.returncode == 2, err.decode()
    summary = re.search(rb'4 repositories \((\d) scanned, 0 unchanged, (\d) failed\)', out)
    assert summary and int(summary[1]) + int(summary[2]) == 4 and int(summary[2]) >= 2, out
    assert out.count(b': NOT SCANNED: ') == int(summary[2]), out  # the report: each
    # stderr: each cause once, with how many repositories it failed
    causes = [line for line in err.decode().splitlines()
              if 'not scanned' in line and 'named above' not in line]
    many = re.compile(r'together-hooks: scan-org: (\d+) repositories not scanned \(')
    named = sum(int(m[1]) if (m := many.match(line)) else 1 for line in causes)
    assert named == int(summary[2]), err
    if victim == 'worker':
        assert all(re.search(rf'(\)|: not scanned): no Dask worker for {re.escape(WAIT)}s', line)
                   for line in causes), err
    assert b'internal error' not in err, err
