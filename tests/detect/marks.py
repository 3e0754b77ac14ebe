"""Inputs for the tests of a function that asks whether bytes hold any of
some marks (``engine._may_escape``, ``codec.escapes_view``'s gates): each
mark at each place of a filler, alone, and one byte short of itself, then
random short strings of the marks' bytes; and bytes that note each ``in``
asked of them, for the order and the gates of those searches."""
from __future__ import annotations

import random
from typing import Iterable


def marked_cases(filler: bytes, marks: Iterable[bytes], alphabet: Iterable[int],
                 seed: str, longest: int) -> list[bytes]:
    """Each mark at the start, middle and end of ``filler``, alone, and
    with each of its bytes changed (no longer the mark); then 3,000 random
    strings of 1 to ``longest - 1`` bytes of ``alphabet`` (seeded)."""
    rng = random.Random(seed)
    cases = []
    for mark in marks:
        for at in (0, len(filler) // 2, len(filler)):
            cases.append(filler[:at] + mark + filler[at:])
        cases.append(mark)
        for i in range(len(mark)):  # one byte changed: not the mark
            cases.append(filler + mark[:i] + b'#' + mark[i + 1:])
    letters = sorted(set(alphabet))
    for _ in range(3000):
        cases.append(bytes(rng.choice(letters) for _ in range(rng.randrange(1, longest))))
    return cases


class Asked(bytes):
    """Bytes that note each ``in`` asked of them (``Asked.of(data)``)."""

    asked: list[bytes]

    @classmethod
    def of(cls, data: bytes) -> Asked:
        probe = cls(data)
        probe.asked = []
        return probe

    def __contains__(self, mark: object) -> bool:
        self.asked.append(bytes(mark))  # type: ignore[arg-type]
        return super().__contains__(mark)  # type: ignore[operator]
