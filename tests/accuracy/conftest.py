"""The modes tests' groups built as a worker starts, not when a test asks.

A modes test (``*_modes_test.py``, naming its set in ``MODES_SET``) reads
its group's one run of every mode (tests/accuracy/modes.py), built once a
test run (tests/once.py).  Built when the first test asked, it held that
test for the whole build, and the other xdist worker, asking for the
same group meanwhile, waited on the lock with nothing to do.  So:

- the modes tests run last (the same order in every worker, as xdist
  requires), after every other test of the run;
- under xdist each worker starts, as its collection ends, one process
  that builds the groups its modes tests need, the costliest first,
  skipping any another process is building (``once.claim``): with two
  workers, two builders take different groups, beside the workers' own
  tests; by the time the modes tests run, their groups are built and
  only read.

Without xdist nothing starts ahead: a modes test builds its own group
when it asks (``pytest tests/accuracy/base32_modes_test.py`` builds the
shared group and nothing else).
"""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

_BUILDER: list[subprocess.Popen[bytes]] = []


def _modes_set(item: pytest.Item) -> str | None:
    # (tests/accuracy/build_ahead_test.py: every *_modes_test.py names one)
    return getattr(getattr(item, 'module', None), 'MODES_SET', None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    modes = [item for item in items if _modes_set(item)]
    if modes:
        items[:] = [item for item in items if not _modes_set(item)] + modes


def pytest_collection_finish(session: pytest.Session) -> None:
    from tests.once import run_root

    from tests.accuracy import share_builds

    names = sorted({n for n in map(_modes_set, session.items) if n})
    root = run_root(session.config._tmp_path_factory)  # type: ignore[attr-defined]
    # Every case built once a run, by whichever process asks first
    # (tests/accuracy/__init__.py's ``built``): a set's size check
    # asks with no fixture.
    share_builds(root, os.environ.get('PYTEST_XDIST_TESTRUNUID'))
    if not names or root is None:
        return
    with open(root / f'builder-{os.environ["PYTEST_XDIST_WORKER"]}.log', 'ab') as log:
        # Its own session: ended with everything it started (the scans)
        # if the run is stopped short.  Its output goes to the log, not
        # to the worker's stdout (xdist's channel to the controller).
        _BUILDER.append(subprocess.Popen(
            (sys.executable, '-c',
             'import sys; from tests.accuracy.modes import build_ahead; build_ahead(sys.argv[1:])',
             str(root), os.environ['PYTEST_XDIST_TESTRUNUID'], *names),
            cwd=session.config.rootpath, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        ))


def pytest_sessionfinish(session: pytest.Session, exitstatus: Any) -> None:
    """Wait for the builder: a worker ends when the run has no more tests
    to hand it, while the other may still be waiting for a group this
    one's builder is building (killed, it would leave that worker to
    build the group again).  A run stopped short (``-x``, Ctrl-C) ends
    it with everything it started."""
    import signal

    stopped = bool(session.shouldstop or session.shouldfail) or exitstatus == pytest.ExitCode.INTERRUPTED
    for builder in _BUILDER:
        if stopped and builder.poll() is None:
            os.killpg(builder.pid, signal.SIGTERM)
        builder.wait()
    _BUILDER.clear()
