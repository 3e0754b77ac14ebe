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


def test_the_controller_caches_every_test_modules_rewritten_asserts(tmp_path, pytestconfig):
    """Under xdist each worker collects every module; the controller writes
    pytest's cache of the rewritten asserts first, in as many processes as
    workers (tests/bytecode.rewrite_test_modules): every module's cache is
    written, whichever process's shard it fell in, and holds the code pytest's
    own rewrite makes, so collection reads it.  A module edited after is
    not read from the cache (pytest checks the source's hash)."""
    from pathlib import Path

    from _pytest.assertion.rewrite import PYC_TAIL
    from _pytest.assertion.rewrite import _read_pyc
    from _pytest.assertion.rewrite import _rewrite_test
    from _pytest.assertion.rewrite import get_cache_dir

    from tests.bytecode import rewrite_test_modules

    files = []
    for n in range(5):
        path = tmp_path / f'm{n}_test.py'
        path.write_text(f'def test_{n}():\n    x = {n}\n    assert x == {n + 1}\n')
        files.append(str(path))

    def cached(name: str):  # type: ignore[no-untyped-def]
        fn = Path(name)
        return _read_pyc(fn, get_cache_dir(fn) / (fn.name[:-3] + PYC_TAIL))

    assert [cached(f) for f in files] == [None] * 5
    rewrite_test_modules(pytestconfig, files, 2)
    for name in files:
        co = cached(name)
        assert co is not None, f'{name}: no cache written'
        assert co == _rewrite_test(Path(name), pytestconfig)[1], name
        assert any('@py_assert' in n for c in co.co_consts if hasattr(c, 'co_varnames')
                   for n in c.co_varnames), f'{name}: asserts not rewritten'
    # fresh caches are not written again: nothing is left to this process
    assert rewrite_test_modules(pytestconfig, files, 2) == 0
    Path(files[0]).write_text('def test_0():\n    assert 1 == 2\n')
    assert cached(files[0]) is None
    assert all(cached(f) is not None for f in files[1:])
