"""A costly test input built once a test run, not once an xdist worker.

Under ``pytest -n 2`` xdist's ``--dist load`` sends the tests of one module
(or of several modules that share a session's cache) to both workers, and
each worker built the same input: the accuracy sets' scan of every case,
the modes run over every set (tests/accuracy/modes.py), twice a run.
(``--dist loadgroup`` would keep a group on one worker, but with pytest 9
xdist 3.8 cannot rename the tests it groups: ``item._nodeid`` is no longer
read, and the groups are silently ignored.)

``once(tmp_path_factory, name, build)``: the first worker to ask builds,
under a lock on a file the run's workers share, and leaves the value
pickled beside it; another worker asking at the same time waits for it,
later ones read it.  A build that fails leaves nothing: the next asker
builds again (and fails the same way).  Without xdist it is ``build()``.
"""
from __future__ import annotations

import os
import pickle
from typing import Any
from typing import Callable
from typing import TypeVar

T = TypeVar('T')


def once(tmp_path_factory: Any, name: str, build: Callable[[], T]) -> T:
    run = os.environ.get('PYTEST_XDIST_TESTRUNUID')
    if run is None or os.environ.get('PYTEST_XDIST_WORKER') is None:
        return build()
    import fcntl

    # Each worker's base temp is ``<root>/popen-gwN``: the root is the run's.
    root = tmp_path_factory.getbasetemp().parent
    path = root / f'once-{run}-{name}.pickle'
    with open(root / f'once-{run}-{name}.lock', 'a') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with open(path, 'rb') as f:
                return pickle.load(f)
        except FileNotFoundError:
            pass
        value = build()
        part = root / f'once-{run}-{name}.{os.getpid()}.part'
        with open(part, 'wb') as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
        return value
