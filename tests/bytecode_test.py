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
