"""Every case of tests/accuracy built once a test run, for the tests that
read them all (``screen_sparse_test``, ``prepare_test``, ``sources_test``).

A build runs every case's builder, real tools included (``xxd``,
``gzip``, ``sqlite3``...): ~3.5 CPU-s with its processes.  Each of those
tests built them all again, ``screen_sparse_test`` in both workers of
``-n 2``, and ``prepare_test`` in the process it starts; they share one
build a run (``tests/once.py``) and one a process without xdist, and
each case is built once a run with the sets' own tests, the modes groups
and ``first_stage_test`` (``tests.accuracy.built``).
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any
from typing import NamedTuple


class Built(NamedTuple):
    module: str  # the set's module, under tests.accuracy
    id: str
    path: str
    data: bytes
    keys: tuple[str, ...]  # the keys the case expects (lines left out)


def _build(tmp_path_factory: Any) -> tuple[Built, ...]:
    import tests.accuracy as accuracy

    accuracy.share_builds(tmp_path_factory)
    out = []
    for info in pkgutil.iter_modules(accuracy.__path__):
        module = importlib.import_module(f'tests.accuracy.{info.name}')
        for case in getattr(module, 'CASES', ()):
            text, keys, _made = accuracy.built(case)
            out.append(Built(
                info.name, case.id, case.path,
                text.encode() if isinstance(text, str) else text, tuple(k for _line, k in keys),
            ))
    return tuple(out)


_BUILT: list[tuple[Built, ...]] = []


def built(tmp_path_factory: Any) -> tuple[Built, ...]:
    """Every case of every module of tests/accuracy, in module order."""
    if not _BUILT:
        from tests.once import once

        _BUILT.append(once(tmp_path_factory, 'accuracy-built', lambda: _build(tmp_path_factory)))
    return _BUILT[0]


def sets(tmp_path_factory: Any) -> list[Built]:
    """The cases of the accuracy sets (``*_test`` modules) only."""
    return [b for b in built(tmp_path_factory) if b.module.endswith('_test')]
