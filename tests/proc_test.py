"""``together_hooks.proc``: the one reader of ``/proc``.  A command name
holding spaces and ``)`` (a process may rename itself so) must not shift
the ``stat`` fields every caller reads: the parent, the state, the start
time.  A machine without ``/proc`` reads as None, never as a guess."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from together_hooks import proc

pytestmark = pytest.mark.skipif(not os.path.isdir('/proc/self'), reason='no /proc here')


def test_this_process_reads_as_itself():
    me = os.getpid()
    assert proc.parent(me) == os.getppid()
    comm, fields = proc.stat(me)
    assert fields[0] in (b'R', b'S')
    assert int(fields[1]) == os.getppid()
    assert proc.argv(me)[:1] == [sys.orig_argv[0]]


def test_a_command_name_with_spaces_and_a_parenthesis_keeps_the_fields():
    # A child renames itself (prctl PR_SET_NAME through /proc/self/comm)
    # to a name holding ") S 1 " so a reader splitting at the first ``)``
    # would take 1 for its parent.
    child = subprocess.Popen(
        [sys.executable, '-c',
         'import sys\nopen("/proc/self/comm", "w").write("x) S 1 (y")\n'
         'print("ok", flush=True)\nsys.stdin.read()'],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b'ok\n'
        comm, fields = proc.stat(child.pid)
        assert comm == b'x) S 1 (y'
        assert proc.parent(child.pid) == os.getpid()
        assert len(fields) > 19 and int(fields[19]) > 0
    finally:
        child.stdin.close()
        child.wait()


def test_no_proc_reads_as_none(monkeypatch, tmp_path):
    monkeypatch.setattr(proc, 'PROC', str(tmp_path / 'no-proc'))
    me = os.getpid()
    assert proc.stat(me) is None
    assert proc.parent(me) is None
    assert proc.cmdline(me) is None
    assert proc.argv(me) is None
