"""Standard input as one content (``together-hooks scan -``), read once
as it comes, in windows when it is larger than one: memory stays bounded
however much is piped in (a 1 GB log, ``cat``-ed history)."""
from __future__ import annotations

from together_hooks.errors import InputError
from together_hooks.fileio import filled
from together_hooks.fileio import stdin_bytes
from together_hooks.fileio import stream_windows
from together_hooks.findings import STDIN
from together_hooks.sources.content import Content

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterator

MAX_WHOLE = 64 << 20


class Piped(Content):
    """A stream of unknown size, read when it is scanned: whole when it
    fits a window, else in windows; ``size`` counts what was read."""

    __slots__ = ('_read',)

    def __init__(self, read: Callable[[int], bytes]) -> None:
        Content.__init__(self, STDIN)
        self._read = read

    def windows(self, step: int, overlap: int) -> Iterator[tuple[int, int, int, bytes]] | None:
        if self._data is not None:
            return None
        head = filled(self._read, b'', step + overlap + 1)
        self.size = len(head)
        if len(head) <= step + overlap:
            self._data = head
            return None
        kept = [head]

        def read(n: int) -> bytes:
            if kept:  # what was read to tell its size first
                first = kept.pop()
                if len(first) > n:
                    kept.append(first[n:])
                    return first[:n]
                return first
            more = self._read(n)
            self.size += len(more)
            return more
        return stream_windows(read, step, overlap)

    @property
    def data(self) -> bytes:
        """Read whole only where no one asked for windows first (the
        scanner always does); bounded all the same."""
        if self._data is None:
            self._data = filled(self._read, b'', MAX_WHOLE + 1)
            self.size = len(self._data)
            if len(self._data) > MAX_WHOLE:
                raise InputError(f'{STDIN}: more than {MAX_WHOLE >> 20} MB to read whole')
        return self._data


def piped() -> Piped:
    """Standard input (InputError when it is closed, or when reading it
    fails: a descriptor opened for writing only, EIO)."""
    stream = stdin_bytes()

    def read(n: int) -> bytes:
        try:
            return stream.read(n)
        except OSError as e:
            raise InputError(f'{STDIN}: cannot read standard input ({e.strerror or e})') from None
    return Piped(read)
