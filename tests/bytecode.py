"""The package compiled once per test run, not at each process a test starts.

The tests start thousands of real processes of our console scripts (and
pre-commit runs more of them).  With ``PYTHONDONTWRITEBYTECODE=1`` (set in
some CI images and developer shells, and on the machine these tests were
timed on) Python never writes the bytecode of an editable install, so each
start compiled every module it imported again, which cost more CPU than
the rest of a small run (docs/performance.md, "The test suite's time").

The controller writes it once, where Python itself would (``__pycache__``
beside each module: git-ignored), before any worker starts.  Nothing else
changes: a module edited later is compiled again at its next import (the
cache records the hash of the source, checked at each import: an mtime
and a size miss an edit made within the second of the compile), and a checkout we may not
write to is only as slow as before.  The processes tests start keep the
environment they had: one writing bytecode could leave ``__pycache__`` in
a test's repository.

The same holds for the test modules each xdist worker collects (pytest
rewrites their asserts): their cache is written while the tests are
collected, and only then, so no import a test makes from its temporary
folders writes one.

``work(func)`` counts the bytecodes the package runs in ``func``: the
work-count tests (a bound on growth, never a time) share it.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

import pytest

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'together_hooks')


def work(func: Callable[[], object], package: str = 'together_hooks') -> int:
    """Bytecodes of ``package``'s code that ``func`` runs (a comprehension's
    every turn counted; the tests' own code and the standard library's
    not): work, not time."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == 'opcode':
            count += 1
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        if not frame.f_globals.get('__name__', '').startswith(package):
            return None
        frame.f_trace_opcodes = True
        return local

    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(None)
    return count


def compile_package(package: str = PACKAGE) -> bool:
    """Checked against each source's hash, not its mtime and size: a module
    edited within the second it was compiled in, to the same size (a
    one-character change, a checkout), would be run as it was before, by
    this run and by every later one (compileall finds it fresh).  A module
    whose cache holds its source's hash already is not compiled again."""
    import importlib.util
    import py_compile

    ok = True
    for top, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__')
        for name in sorted(files):
            if not name.endswith('.py'):
                continue
            source = os.path.join(top, name)
            cached = importlib.util.cache_from_source(source)
            try:
                with open(source, 'rb') as f:
                    data = f.read()
                with open(cached, 'rb') as f:
                    head = f.read(16)
            except OSError:
                head = b''
            else:
                if head == (importlib.util.MAGIC_NUMBER + (3).to_bytes(4, 'little')
                            + importlib.util.source_hash(data)):
                    continue
            try:
                py_compile.compile(
                    source, cached, doraise=True,
                    invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
                )
            except (py_compile.PyCompileError, OSError):
                ok = False  # a tree we may not write to: only as slow as before
    return ok


def _test_modules(config) -> list[str]:  # type: ignore[no-untyped-def]
    """The files pytest rewrites when it collects this run's arguments (its
    ``python_files`` patterns and every ``conftest.py``), sorted."""
    from _pytest.pathlib import fnmatch_ex

    patterns = config.getini('python_files')
    found: set[str] = set()

    def take(path: str) -> None:
        name = os.path.basename(path)
        if name.endswith('.py') and (
                name == 'conftest.py' or any(fnmatch_ex(p, path) for p in patterns)):
            found.add(os.path.abspath(path))

    for arg in config.args:
        path = os.path.join(str(config.invocation_params.dir), arg.split('::', 1)[0])
        if os.path.isfile(path):
            take(path)
        for top, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d != '__pycache__' and not d.startswith('.'))
            for name in files:
                take(os.path.join(top, name))
    return sorted(found)


def rewrite_test_modules(config, files: list[str], shards: int) -> int:  # type: ignore[no-untyped-def]
    """Write pytest's cache of ``files``' rewritten asserts (what collecting
    them writes: the same code, checked by pytest against each source's
    hash) in ``shards`` processes, before the workers start: each xdist
    worker collects every module, and on a fresh checkout each rewrote all
    of them (~8 of a worker's ~12 CPU-s of collection).  A module whose
    cache is fresh is not rewritten.  Returns how many were written here
    (in this process's shard); an error leaves that module to collection."""
    from pathlib import Path

    from _pytest.assertion.rewrite import PYC_TAIL
    from _pytest.assertion.rewrite import _read_pyc
    from _pytest.assertion.rewrite import _rewrite_test
    from _pytest.assertion.rewrite import _write_pyc
    from _pytest.assertion.rewrite import assertstate_key
    from _pytest.assertion.rewrite import get_cache_dir

    state = config.stash[assertstate_key]
    stale = []
    for name in files:
        fn = Path(name)
        pyc = get_cache_dir(fn) / (fn.name[:-3] + PYC_TAIL)
        if _read_pyc(fn, pyc) is None:
            stale.append((fn, pyc))
    n = max(1, min(shards, len(stale)))

    def shard(i: int) -> int:
        written = 0
        for fn, pyc in stale[i::n]:
            try:
                source_hash, co = _rewrite_test(fn, config)
                os.makedirs(pyc.parent, exist_ok=True)
                written += _write_pyc(state, co, source_hash, pyc)
            except Exception:  # a syntax error, a folder we may not write to: collection says
                continue
        return written

    children = []
    for i in range(1, n):
        pid = os.fork()
        if pid == 0:  # the child: its shard, then out without pytest's exit handlers
            try:
                shard(i)
            finally:
                os._exit(0)
        children.append(pid)
    mine = shard(0)
    for pid in children:
        os.waitpid(pid, 0)
    return mine


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]
    if hasattr(config, 'workerinput'):  # an xdist worker: the controller did it
        return
    compile_package()
    workers = len(getattr(config.option, 'tx', None) or ()) if getattr(
        config.option, 'dist', 'no') != 'no' else 0
    if workers and config.getoption('assertmode') == 'rewrite':
        try:
            rewrite_test_modules(config, _test_modules(config), min(workers, os.cpu_count() or 1))
        except (ImportError, AttributeError, KeyError):  # another pytest's internals: collection rewrites
            pass


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session):  # type: ignore[no-untyped-def]
    was = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    yield
    sys.dont_write_bytecode = was
