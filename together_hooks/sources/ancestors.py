"""This process's ancestors' command lines (Linux ``/proc``): which
``git push`` or ``git commit`` runs the hook (hook <- pre-commit <- hook
script <- git), to read what it was asked.  None wherever they cannot be
read (no ``/proc``: macOS), and the callers then assume the widest case.
"""
from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

# Where a process's command line and parent are read.
PROC = '/proc'


def ancestor_argv(wanted: Callable[[list[str]], bool], depth: int = 6) -> list[str] | None:
    """The command line of the nearest of this process's ``depth``
    ancestors that ``wanted`` accepts; None when none does, or one cannot
    be read."""
    pid = os.getppid()
    for _ in range(depth):
        try:
            with open(f'{PROC}/{pid}/cmdline', 'rb') as f:
                argv = [os.fsdecode(a) for a in f.read().split(b'\0')[:-1]]
            with open(f'{PROC}/{pid}/stat', 'rb') as f:
                pid = int(f.read().rpartition(b')')[2].split()[1])
        except (OSError, ValueError, IndexError):
            return None
        if argv and wanted(argv):
            return argv
        if pid <= 1:
            return None
    return None
