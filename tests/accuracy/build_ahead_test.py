"""The modes groups built ahead (tests/accuracy/conftest.py): the modes
tests run after every other test, each worker's builder takes the groups
no other process is building (tests/once.py's ``claim``), the costliest
first, and a test reads what a builder left."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.accuracy import modes
from tests.once import claim


# A modes test's file: ``base32_modes_test.py``, ``encoded_modes2_test.py``.
_MODES_FILE = re.compile(r'_modes\d*_test\.py\Z')


def test_the_modes_tests_run_last(request):
    # This run's own order, as every worker collects it (a run holding no
    # modes test proves nothing here; the folder's and the suite's do).
    # (Only this folder's: tests/detect/wrapped_modes_test.py is no modes
    # test, whatever its name.)
    here = request.path.parent
    wanted = [
        item.path.parent == here and bool(_MODES_FILE.search(item.path.name))
        for item in request.session.items
    ]
    assert wanted == sorted(wanted)


def test_every_set_run_in_every_mode_has_its_modes_test_naming_it():
    import glob
    import importlib
    import os

    named = []
    for path in glob.glob(os.path.join(os.path.dirname(__file__), '*_test.py')):
        module = importlib.import_module(f'tests.accuracy.{os.path.basename(path)[:-3]}')
        if _MODES_FILE.search(path):
            named.append(module.MODES_SET)
        else:
            assert not hasattr(module, 'MODES_SET'), path
    assert sorted(named) == sorted(modes._sets())


def test_the_groups_come_costliest_first_once_each():
    every = modes._sets()
    keys = modes.groups_by_cost(every)
    # The shared group (most sets and findings) first, then each apart
    # group once, each named by its own first set.
    assert keys == [min(modes._group('base32')), *(min(a) for a in modes._APART)]
    assert modes.groups_by_cost(['probe10', 'probe9', 'base32']) == [keys[0], keys[2]]
    assert modes.groups_by_cost(['probe3']) == [keys[1]]
    assert modes.groups_by_cost([]) == []


@pytest.fixture
def root(tmp_path):
    return tmp_path


def _built(log):
    def build():
        log.append('built')
        return {'value': len(log)}
    return build


def test_a_claim_builds_what_no_one_built_and_once_reads_it(root, monkeypatch, tmp_path_factory):
    log: list[str] = []
    assert claim(root, 'run', 'x', _built(log)) is True
    assert log == ['built']
    # Built already: a second claim builds nothing.
    assert claim(root, 'run', 'x', _built(log)) is False
    assert log == ['built']
    # A worker of the same run reads the builder's value.
    monkeypatch.setenv('PYTEST_XDIST_TESTRUNUID', 'run')
    monkeypatch.setenv('PYTEST_XDIST_WORKER', 'gw9')

    class Factory:
        def getbasetemp(self):
            return root / 'popen-gw9'
    from tests.once import once
    assert once(Factory(), 'x', _built(log)) == {'value': 1}
    assert log == ['built']


def test_a_claim_leaves_a_build_under_way_elsewhere_to_its_builder(root):
    log: list[str] = []
    # A real other process holding the lock, as a builder does while it builds.
    holder = subprocess.Popen(
        (sys.executable, '-c',
         'import fcntl, sys; f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); '
         'print("held", flush=True); sys.stdin.read()', str(root / 'once-run-x.lock')),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b'held\n'
        assert claim(root, 'run', 'x', _built(log)) is False
        assert log == []
    finally:
        holder.stdin.close()
        holder.wait()
    assert not (root / 'once-run-x.pickle').exists()
    # Once it let go with nothing built (a failed build), the next claim builds.
    assert claim(root, 'run', 'x', _built(log)) is True
    assert log == ['built']
