"""This process's ancestors' command lines (Linux ``/proc``): which
``git push`` or ``git commit`` runs the hook (hook <- pre-commit <- hook
script <- git), to read what it was asked.  None wherever they cannot be
read (no ``/proc``: macOS), and the callers then assume the widest case.
"""
from __future__ import annotations

import os

from together_hooks import proc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable


def ancestor_argv(wanted: Callable[[list[str]], bool], depth: int = 6) -> list[str] | None:
    """The command line of the nearest of this process's ``depth``
    ancestors that ``wanted`` accepts; None when none does, or one cannot
    be read."""
    pid = os.getppid()
    for _ in range(depth):
        argv = proc.argv(pid)
        parent = proc.parent(pid)
        if argv is None or parent is None:
            return None
        pid = parent
        if argv and wanted(argv):
            return argv
        if pid <= 1:
            return None
    return None
