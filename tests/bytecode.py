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
cache records the source's mtime and size), and a checkout we may not
write to is only as slow as before.  The processes tests start keep the
environment they had: one writing bytecode could leave ``__pycache__`` in
a test's repository.

The same holds for the test modules each xdist worker collects (pytest
rewrites their asserts): their cache is written while the tests are
collected, and only then, so no import a test makes from its temporary
folders writes one.
"""
from __future__ import annotations

import os
import sys

import pytest

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'together_hooks')


def compile_package() -> bool:
    import compileall

    return bool(compileall.compile_dir(PACKAGE, quiet=2, workers=1))


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]
    if hasattr(config, 'workerinput'):  # an xdist worker: the controller did it
        return
    compile_package()


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session):  # type: ignore[no-untyped-def]
    was = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    yield
    sys.dont_write_bytecode = was
