"""What one file may cost to decompress, whatever reads it.

A file (or a blob) is scanned whole, or in windows when large; a
container's members each in their own scans; a base64 value of a
container and a ``GIT binary patch`` hunk from inside those scans.  Every
one of them spends the one ``Budget`` of the file it belongs to, made
once for that file and passed down: a bomb split over windows, members
or values costs the file's budget, not one each.
"""
from __future__ import annotations

from together_hooks.errors import InputError

# Bytes decompressed for one file, every window, member, nested container,
# base64 value and binary patch included: a zip bomb (42.zip, overlapping
# entries, a gzip of zeros) stops here, after at most this much work.
EXPANDED = 256 << 20


# How the bytes scanned now stand as a window (``Budget.edge``): open at
# its end, its lead, the offsets of findings carried, the values and
# hunks the window before left to it and those it leaves to the next
# (offsets into it: None for a base64 value, a hunk's header read there
# for a binary patch hunk: ``codec.git_binary_hunks``), and the file's
# first line (a CSV export's header, for rows windows below it:
# ``csvrow.Headers``).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

    Handed = dict[int, tuple[bool, int, int] | None]
    Edge = tuple[bool, int, list[int], Handed, Handed, bytes]


# How much of a file's head tells binary from text (git's own look: a
# NUL in its first 8 KB; ``engine._is_binary``).
BINARY_PROBE = 8000


def no_edge() -> Edge:
    """Bytes that are not a window: whole, nothing left to them."""
    return False, 0, [], {}, {}, b''


class Budget:
    """The decompression budget of one file (``EXPANDED``
    bytes), and how the bytes scanned now stand in it
    (``windows.WindowScan`` sets these for each window): ``open_end`` when
    they are a window with more of the file (or member) after them, so a
    value that runs to their end may be cut there; ``lead``, how many of
    their first bytes the window before held too (0: none); ``carried``,
    the offsets of findings starting there that the window before left
    to this one (``engine._window_edge``); ``handed``, the values and
    hunks the window before left to this one, and ``deferred``, those this
    one leaves to the next; ``head``, the file's first lines (``csvrow.first_line``); ``probe``,
    its first bytes (``engine._binary``); ``opened``, the base64 values opened as
    containers so far (``engine._packed_hits``).

    ``held``: whether a value is a key the developer holds
    (``OwnKeys.holds``), asked by the one place a pragma excuses a
    finding (``engine._excused``): no pragma excuses a copy of your own
    key, in whichever reading of the file, window or member it is found
    (the config's ``allow`` and the baseline ask the same in ``filters``)."""

    __slots__ = (
        'path', 'spent', 'open_end', 'lead', 'carried', 'handed', 'deferred', 'head', 'opened', 'probe',
        'held',
    )

    def __init__(self, path: str, held: Callable[[str], bool] | None = None) -> None:
        self.path = path
        self.held = held
        self.spent = 0
        self.open_end, self.lead, self.carried, self.handed, self.deferred, self.head = no_edge()
        self.opened = 0
        # The file's first bytes, for a window past them: whether the file
        # is binary is the file's word, not a window's (``engine._binary``).
        self.probe = b''

    def edge(self) -> Edge:
        return self.open_end, self.lead, self.carried, self.handed, self.deferred, self.head

    def set_edge(self, edge: Edge) -> None:
        self.open_end, self.lead, self.carried, self.handed, self.deferred, self.head = edge

    def take(self, n: int, where: str) -> None:
        self.spent += n
        if self.spent > EXPANDED:
            raise InputError(
                f'{where}: more than {EXPANDED >> 20} MB decompressed: not scanned whole '
                '(a compression bomb, or an archive too large to vouch for; '
                'add its path to the config\'s exclude to commit it unscanned)',
            )
