"""``tests/once.meanwhile``: a worker that finds an input being built
elsewhere builds the next ones no one has taken, then reads the other's.

Real locks on real files (the run's folder, as two xdist workers share
it); the other worker is a lock this test holds on another descriptor.
"""
from __future__ import annotations

import fcntl
import os
import pickle
import threading
import time

import pytest

from tests import once


class _Factory:
    """What ``run_root`` asks of pytest's ``tmp_path_factory``: a worker's
    base temp, ``<run folder>/popen-gwN``."""

    def __init__(self, root) -> None:
        self.base = root / 'popen-gw1'
        self.base.mkdir(exist_ok=True)

    def getbasetemp(self):
        return self.base


@pytest.fixture
def worker(tmp_path, monkeypatch):
    monkeypatch.setenv('PYTEST_XDIST_TESTRUNUID', 'run1')
    monkeypatch.setenv('PYTEST_XDIST_WORKER', 'gw1')
    return _Factory(tmp_path), tmp_path


def test_while_another_builds_it_the_next_inputs_are_built_then_its_value_read(worker):
    factory, root = worker
    built: list[str] = []

    def make(name: str, fail: bool = False):
        def build():
            built.append(name)
            if fail:
                raise RuntimeError(f'{name} failed')
            return f'{name} from here'
        return build
    # The other worker is building ``x``: its lock is held.
    with open(root / 'once-run1-x.lock', 'a') as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        got: list[object] = []
        waiting = threading.Thread(target=lambda: got.append(once.meanwhile(
            factory, 'x', make('x'), [('y', make('y')), ('z', make('z', fail=True)), ('x', make('x'))])))
        waiting.start()
        for _ in range(60_000):  # a safety net, not a speed check
            if not waiting.is_alive() or built == ['y', 'z']:
                break
            time.sleep(0.001)
        # Meanwhile: the next inputs were built (a failing one left to its
        # own test), and the worker now waits for ``x``.
        assert built == ['y', 'z'], built
        assert waiting.is_alive()
        assert pickle.loads(once._value(root, 'run1', 'y').read_bytes()) == 'y from here'
        assert not once._value(root, 'run1', 'z').exists()
        # The other worker finishes ``x``.
        once._value(root, 'run1', 'x').write_bytes(pickle.dumps('x from elsewhere'))
    waiting.join(600)
    assert got == ['x from elsewhere'] and built == ['y', 'z']


def test_an_input_no_one_is_building_is_built_and_nothing_else(worker):
    factory, root = worker
    built: list[str] = []
    value = once.meanwhile(factory, 'x', lambda: built.append('x') or 'x',
                           [('y', lambda: built.append('y') or 'y')])
    assert value == 'x' and built == ['x']
    assert not os.path.exists(once._value(root, 'run1', 'y'))
    # Asked again, it is read, not built.
    assert once.meanwhile(factory, 'x', lambda: built.append('again') or 'again', []) == 'x'
    assert built == ['x']


def test_without_xdist_it_is_the_build_alone(tmp_path, monkeypatch):
    monkeypatch.delenv('PYTEST_XDIST_WORKER', raising=False)
    built: list[str] = []
    assert once.meanwhile(_Factory(tmp_path), 'x', lambda: built.append('x') or 1,
                          [('y', lambda: built.append('y') or 2)]) == 1
    assert built == ['x']
