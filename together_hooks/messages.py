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
    run: exactly ``shlex.quote(word)``, but for a name that is not UTF-8."""
    if not word:
        return "''"
    if _SHELL_SAFE.issuperset(word):
        return word
    if any('\udc80' <= c <= '\udcff' for c in word):
        # A file name that is not UTF-8 (its bytes as surrogate escapes):
        # ANSI-C quoting (bash, zsh, ksh, POSIX 2024 sh) gives those bytes
        # back, where single quotes would show a "\udce9" no file has.
        out = []
        for c in word:
            if '\udc80' <= c <= '\udcff':
                out.append(f'\\x{ord(c) - 0xdc00:02x}')
            elif c < ' ' or c in "'\\\x7f":
                out.append(f'\\x{ord(c):02x}')
            else:
                out.append(c)
        return "$'" + ''.join(out) + "'"
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


def json_text(doc: object, **options: object) -> str:
    """``json.dumps`` of a report or log: text as it is (not ASCII-escaped),
    but a byte of a name that is not UTF-8 (its surrogate escape) as JSON's
    own escape, ``\\udce9``, which reads back to that name.  Lines shown
    elsewhere show that byte as ``\\xe9`` (``detect.scrub``), which is no
    JSON escape, so a report must not leave the byte to them."""
    import json
    import re

    text = json.dumps(doc, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return re.sub('[\udc80-\udcff]', lambda m: f'\\u{ord(m.group()):04x}', text)
