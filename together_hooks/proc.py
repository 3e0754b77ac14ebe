"""Processes as Linux's ``/proc`` shows them: a process's command line,
its parent, its state and start time.  None wherever they cannot be read
(no ``/proc``: macOS; a process gone or not ours to read); each caller
then assumes the widest case.  One reader, so the ``stat`` line's one
trap is handled once: the command name in parentheses may itself hold
spaces and ``)``, so the fields are read after its LAST ``)``.
"""
from __future__ import annotations

import os

# Where processes are read (tests point it at a folder that does not
# exist to play a machine without ``/proc``).
PROC = '/proc'


def cmdline(pid: int | str) -> list[bytes] | None:
    """The arguments ``pid`` was started with, as bytes."""
    try:
        with open(f'{PROC}/{pid}/cmdline', 'rb') as f:
            return f.read().split(b'\0')[:-1]
    except OSError:
        return None


def stat(pid: int | str) -> tuple[bytes, list[bytes]] | None:
    """``pid``'s command name and the fields of its ``stat`` line after
    that name: ``[0]`` the state (``Z`` a zombie), ``[1]`` the parent's
    pid, ``[19]`` the start time in clock ticks."""
    try:
        with open(f'{PROC}/{pid}/stat', 'rb') as f:
            line = f.read()
    except OSError:
        return None
    head, sep, rest = line.rpartition(b') ')
    if not sep:
        return None
    return head.partition(b' (')[2], rest.split()


def parent(pid: int | str) -> int | None:
    """The pid of ``pid``'s parent."""
    read = stat(pid)
    try:
        return None if read is None else int(read[1][1])
    except (IndexError, ValueError):
        return None


def argv(pid: int | str) -> list[str] | None:
    """``cmdline`` as the strings ``sys.argv`` would hold."""
    raw = cmdline(pid)
    return None if raw is None else [os.fsdecode(a) for a in raw]
