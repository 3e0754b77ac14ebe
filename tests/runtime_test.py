"""``runtime.guard``: what every command runs inside."""
from __future__ import annotations

import gc

from together_hooks.runtime import guard


def test_the_command_runs_with_what_existed_before_it_frozen():
    """The modules and tables loaded before the command outlive it: the
    cyclic collector must not walk them again at every collection the
    command's allocations set off.  They are frozen while it runs, and
    given back to the collector when it returns (a test process calls
    ``main`` many times), also when it fails."""
    before = len(gc.get_objects())
    seen = []

    def command() -> int:
        seen.append(gc.get_freeze_count())
        return 0

    def failing() -> int:
        seen.append(gc.get_freeze_count())
        raise OSError('disk full')

    assert guard('prog', command) == 0
    assert gc.get_freeze_count() == 0
    assert guard('prog', failing) == 2
    assert gc.get_freeze_count() == 0
    assert len(seen) == 2 and all(n >= before // 2 for n in seen), (seen, before)


def test_garbage_the_command_makes_is_still_collected():
    """Memory stays bounded: a cycle made while the command runs is
    collected then, not kept until exit."""
    collected = []

    def command() -> int:
        class Node:
            pass
        for _ in range(3):
            a, b = Node(), Node()
            a.other, b.other = b, a
        del a, b
        collected.append(gc.collect())
        return 0

    assert guard('prog', command) == 0
    assert collected[0] >= 6
