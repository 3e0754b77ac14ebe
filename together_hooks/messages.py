"""How messages word things: a word a shell reads as one, and a list cut
short ("a, b, c and 4 more")."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


# What a shell word may hold unquoted: ``shlex.quote``'s own set (ASCII
# ``\w`` and ``@%+=:,./-``), written out: a blocked commit's report names
# a command, and importing shlex (and compiling its regex) for it is paid
# on every such commit.
_SHELL_SAFE = frozenset(
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-',
)


def shell_quote(word: str) -> str:
    """``word`` as one shell word, for a command a message tells you to
    run: exactly ``shlex.quote(word)``."""
    if not word:
        return "''"
    if _SHELL_SAFE.issuperset(word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


def cut_short(
        items: Sequence[str], limit: int, sep: str = ', ', more: str = ' and {} more',
) -> str:
    """The first ``limit`` items joined by ``sep``, then ``more`` (given the
    count of the rest) when there are more."""
    shown = sep.join(items[:limit])
    if len(items) > limit:
        shown += more.format(len(items) - limit)
    return shown
