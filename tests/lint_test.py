"""The package has no unused import, unused name or undefined name
(pyflakes): an import nothing uses still costs the hooks start-up time,
and misleads a reader about what a module depends on."""
from __future__ import annotations

import os
import subprocess
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'together_hooks')


def test_pyflakes_finds_nothing_in_the_package():
    proc = subprocess.run(
        (sys.executable, '-m', 'pyflakes', PACKAGE),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout.decode()
