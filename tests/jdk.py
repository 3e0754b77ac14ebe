"""The JDK's tools (``javac``, ``jar``, ``java``) as the tests run them.

Each start of one is a JVM that compiles its own hot code as it goes: a
``javac`` of one small class is ~0.8 CPU-s here, most of it HotSpot's
second-tier (C2) compiler threads and the parallel collector's set-up,
which a run this short never pays back.  With C1 alone and the serial
collector the same ``javac`` is ~0.5 CPU-s and writes the same class file
byte for byte (the JIT changes how fast the tool runs, never what it
writes).  The tools stay real: these are flags of the JVM the tool runs
on, and a JVM that does not know one ignores it
(``-XX:+IgnoreUnrecognizedVMOptions``).  Standard library only:
``bench/run.py`` imports the accuracy sets that use it.
"""
from __future__ import annotations

import os
from typing import Sequence

JVM_FLAGS = ('-XX:+IgnoreUnrecognizedVMOptions', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC')
_LAUNCHED = ('javac', 'jar')  # tools whose own JVM takes its flags as ``-J<flag>``


def argv(command: Sequence[str]) -> list[str]:
    """``command`` with the JVM flags added where its tool is a JDK one;
    any other command as it is."""
    tool = os.path.basename(command[0]) if command else ''
    if tool == 'java':
        return [command[0], *JVM_FLAGS, *command[1:]]
    if tool in _LAUNCHED:
        return [command[0], *(f'-J{flag}' for flag in JVM_FLAGS), *command[1:]]
    return list(command)
