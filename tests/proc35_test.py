"""``together_hooks.proc``'s command line (mut35): a process's arguments as
``sys.argv`` holds them, no more (``cmdline`` ends each argument with a
NUL, the last too: read as a separator it adds an empty argument, and
``git push origin main`` would read as pushing a refspec ``''`` too).
An empty argument the process was given is kept."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from together_hooks import proc

pytestmark = pytest.mark.skipif(not os.path.isdir('/proc/self'), reason='no /proc here')


@pytest.mark.parametrize('args', [('push', 'origin', 'main'), ('push', 'origin', ''), ()])
def test_a_process_reads_with_the_arguments_it_was_given(args):
    code = 'import sys\nprint("ok", flush=True)\nsys.stdin.read()'
    child = subprocess.Popen([sys.executable, '-c', code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b'ok\n'
        assert proc.argv(child.pid) == [sys.executable, '-c', code, *args]
        assert proc.cmdline(child.pid) == [os.fsencode(a) for a in (sys.executable, '-c', code, *args)]
    finally:
        child.stdin.close()
        child.wait()
