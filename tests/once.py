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
``shared(root, run, name, build)``: the same, given the run's folder and
id (tests/accuracy's cases, built once a run by whichever process asks).

``claim(root, run, name, build)``: the same build ahead of time, by a
process that does not wait (tests/accuracy/conftest.py starts one as a
worker starts): it builds ``name`` only when no one holds its lock and
no value is left, and tells whether it did; a build under way elsewhere
is left to its builder, so two such processes take different inputs.

``meanwhile(tmp_path_factory, name, build, later)``: ``once``, for one of
a module's inputs its later tests read too (``later``: (name, build) of
each, in the order its tests ask).  xdist hands out a file's tests one by
one, in turn, so the two workers ask for the same input at once and one
idled on the lock for the whole of the other's build, every input over.
A worker that finds ``name`` being built elsewhere builds, meanwhile, the
next of ``later`` that no one has taken (``claim``), and looks again;
only with none left does it wait.  Never waits holding a lock.
"""
from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Iterable
from typing import TypeVar

T = TypeVar('T')


def run_root(tmp_path_factory: Any) -> Path | None:
    """The folder the run's xdist workers share, None without xdist."""
    if os.environ.get('PYTEST_XDIST_TESTRUNUID') is None or os.environ.get('PYTEST_XDIST_WORKER') is None:
        return None
    # Each worker's base temp is ``<root>/popen-gwN``: the root is the run's.
    return Path(tmp_path_factory.getbasetemp().parent)


def once(tmp_path_factory: Any, name: str, build: Callable[[], T]) -> T:
    root = run_root(tmp_path_factory)
    if root is None:
        return build()
    return _locked(root, os.environ['PYTEST_XDIST_TESTRUNUID'], name, build, wait=True)[0]


def shared(root: Path, run: str, name: str, build: Callable[[], T]) -> T:
    """``once`` for a process that knows the run's folder and id but has
    no ``tmp_path_factory`` (a builder started by a worker)."""
    return _locked(root, run, name, build, wait=True)[0]


def claim(root: Path, run: str, name: str, build: Callable[[], Any]) -> bool:
    return _locked(root, run, name, build, wait=False)[1]


def meanwhile(tmp_path_factory: Any, name: str, build: Callable[[], T],
              later: Iterable[tuple[str, Callable[[], Any]]]) -> T:
    root = run_root(tmp_path_factory)
    if root is None:
        return build()
    run = os.environ['PYTEST_XDIST_TESTRUNUID']
    value, built = _locked(root, run, name, build, wait=False)
    if built:
        return value
    for other, make in later:
        if _value(root, run, name).exists():
            break
        if other != name:
            try:
                claim(root, run, other, make)
            except Exception:  # its own test builds it again, and fails there
                pass
    return _locked(root, run, name, build, wait=True)[0]


def _value(root: Path, run: str, name: str) -> Path:
    return root / f'once-{run}-{name}.pickle'


def _locked(root: Path, run: str, name: str, build: Callable[[], T], wait: bool) -> tuple[T, bool]:
    import fcntl

    from tests.cpu_log import waited

    path = _value(root, run, name)
    with open(root / f'once-{run}-{name}.lock', 'a') as lock:
        asked = time.time()
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None, False  # type: ignore[return-value]  # being built elsewhere
        waited(f'once {name}', asked)
        try:
            with open(path, 'rb') as f:
                return (pickle.load(f) if wait else None), False
        except FileNotFoundError:
            pass
        value = build()
        part = root / f'once-{run}-{name}.{os.getpid()}.part'
        with open(part, 'wb') as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
        return value, True
