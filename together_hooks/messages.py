"""How messages word things: a word a shell reads as one, and a list cut
short ("a, b, c and 4 more")."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


def shell_quote(word: str) -> str:
    """``word`` as one shell word, for a command a message tells you to run."""
    import shlex  # only a message with a command in it pays for this

    return shlex.quote(word)


def cut_short(
        items: Sequence[str], limit: int, sep: str = ', ', more: str = ' and {} more',
) -> str:
    """The first ``limit`` items joined by ``sep``, then ``more`` (given the
    count of the rest) when there are more."""
    shown = sep.join(items[:limit])
    if len(items) > limit:
        shown += more.format(len(items) - limit)
    return shown
