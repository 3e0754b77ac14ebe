from __future__ import annotations

import importlib.util
import os

from tests.bytecode import PACKAGE


def test_every_module_a_started_process_imports_is_compiled():
    """The run compiled the package before any test (tests/bytecode.py):
    a console script started with PYTHONDONTWRITEBYTECODE=1 reads it."""
    stale = []
    for top, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d != '__pycache__']
        for name in files:
            if name.endswith('.py'):
                source = os.path.join(top, name)
                cached = importlib.util.cache_from_source(source)
                if not os.path.exists(cached) or os.path.getmtime(cached) < os.path.getmtime(source):
                    stale.append(os.path.relpath(source, PACKAGE))
    assert stale == []


def test_a_module_edited_after_the_compile_is_run_as_edited(tmp_path):
    """An edit the compile cannot see by mtime and size (the same second,
    the same length: a one-character change) is still what a started
    process runs: the cache is checked against the source's hash."""
    import subprocess
    import sys

    from tests.bytecode import compile_package

    package = tmp_path / 'pkg'
    package.mkdir()
    module = package / 'edited.py'
    module.write_text('X = 1\n')
    assert compile_package(str(package))
    stat = os.stat(module)
    module.write_text('X = 2\n')
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as within that second
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1', PYTHONPATH=str(package))
    out = subprocess.run((sys.executable, '-c', 'import edited; print(edited.X)'),
                         env=env, capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip() == '2'
