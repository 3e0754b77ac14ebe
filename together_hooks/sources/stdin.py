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

    size_known = False  # ``size`` grows as it is read: the end not known

    def __init__(self, read: Callable[[int], bytes]) -> None:
        Content.__init__(self, STDIN)
        self._read = read

    def windows(self, step: int, overlap: int) -> Iterator[tuple[int, int, int, bytes]] | None:
        if self._data is not None:
            return None
        head = filled(self._read, b'', step + overlap + 1)
        self.size = len(head)
        if not head:
            _say_empty()
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
            if not self._data:
                _say_empty()
            if len(self._data) > MAX_WHOLE:
                raise InputError(f'{STDIN}: more than {MAX_WHOLE >> 20} MB to read whole')
        return self._data


def _say(line: str) -> None:
    import sys

    if sys.stderr is not None:
        sys.stderr.write(f'together-hooks: {line}\n')
        sys.stderr.flush()


def _say_empty() -> None:
    """Nothing came: it passes (a ``git diff`` with nothing in it is
    clean), but said, as a failed command before the pipe gives nothing
    too (``set -o pipefail`` makes the shell tell)."""
    _say(f'{STDIN}: standard input was empty (0 bytes); if the command before '
         'the pipe failed, set -o pipefail')


def piped() -> Piped:
    """Standard input (InputError when it is closed, or when reading it
    fails: a descriptor opened for writing only, EIO).  On a terminal a
    line says it is read until end of input, not a silent wait."""
    stream = stdin_bytes()
    try:
        interactive = stream.isatty()
    except (OSError, ValueError):
        interactive = False
    if interactive:
        _say('reading standard input until end of input (Ctrl-D; Ctrl-Z Enter on Windows)')
        # Read as typed: a buffered read goes on past a Ctrl-D that ends
        # a line's read (the end of input shows only as an empty read).
        stream = getattr(stream, 'raw', stream)

    ended = False

    def read(n: int) -> bytes:
        # The end read once is the end: a terminal's Ctrl-D ends one read
        # only, and asking again would wait for another.
        nonlocal ended
        if ended:
            return b''
        try:
            more = stream.read(n)
        except OSError as e:
            raise InputError(f'{STDIN}: cannot read standard input ({e.strerror or e})') from None
        ended = not more
        return more
    return Piped(read)
