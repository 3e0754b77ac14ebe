"""How messages word things: a word a shell reads as one, and a list cut
short ("a, b, c and 4 more")."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence


# The project's home, and where its docs are read: a message names a doc
# by this URL, never by its path here (no docs folder in a user's repository).
PROJECT_URL = 'https://github.com/together-hooks/together-hooks'


def doc_url(page: str) -> str:
    """The URL of ``docs/<page>`` (``page`` may hold an ``#anchor``)."""
    return f'{PROJECT_URL}/blob/main/docs/{page}'


# What a shell word may hold unquoted: ``shlex.quote``'s own set (ASCII
# ``\w`` and ``@%+=:,./-``), written out: a blocked commit's report names
# a command, and importing shlex (and compiling its regex) for it is paid
# on every such commit.
_SHELL_SAFE = frozenset(
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-',
)


def shell_quote(word: str) -> str:
    """``word`` as one shell word, for a command a message tells you to
    run: exactly ``shlex.quote(word)``, but for a name that is not UTF-8 or
    holds a character that is not printable (a newline, a tab, ESC)."""
    if not word:
        return "''"
    if _SHELL_SAFE.issuperset(word):
        return word
    if not word.isprintable():
        # A file name that is not UTF-8 (its bytes as surrogate escapes) or
        # holds a control: ANSI-C quoting (bash, zsh, ksh, POSIX 2024 sh)
        # gives those bytes back, where single quotes would show a "\udce9"
        # no file has, and the output's scrub turns a newline, tab or ESC
        # inside them into the letters "\n", "\t", "\x1b".  What shows is
        # printable, so the scrub leaves it as bash must read it.
        out = []
        for c in word:
            if '\udc80' <= c <= '\udcff':
                out.append(f'\\x{ord(c) - 0xdc00:02x}')
            elif c in "'\\" or not c.isprintable():  # its UTF-8 bytes, whatever the locale
                out += [f'\\x{b:02x}' for b in c.encode('utf-8')]
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


# The characters a key is written in, raw or as its base64 or hex
# (``cut_text``).
_KEY_CHARS = frozenset('_-+').union(*(map(chr, range(a, b)) for a, b in ((48, 58), (65, 91), (97, 123))))


def cut_text(text: str, limit: int) -> str:
    """At most the first ``limit`` characters of ``text``, for a message
    that shows only the start of something long (git's output that is not
    git's, a library's error): but where the cut splits a run of key
    characters, none of that run.  A key cut short is no key to the
    output's scrub (``detect.scrub`` takes one cut by up to 7 characters),
    so a cut at 29 of its 43 was shown as it was cut; the run's end is
    not shown either way."""
    if len(text) <= limit or text[limit] not in _KEY_CHARS:
        return text[:limit]
    start = limit
    while start and text[start - 1] in _KEY_CHARS:
        start -= 1
    return text[:start]


def json_text(doc: object, **options: object) -> str:
    """``json.dumps`` of a report or log: text as it is (not ASCII-escaped),
    but a byte of a name that is not UTF-8 (its surrogate escape) as JSON's
    own escape, ``\\udce9``, which reads back to that name.  Lines shown
    elsewhere show that byte as ``\\xe9`` (``detect.scrub``), which is no
    JSON escape, so a report must not leave the byte to them.

    The ``json`` package imports ``re`` (and with it enum, functools and
    collections), which cost a ``scan --staged --format json`` or an
    audited commit more than writing its report: the documents we write
    (str keys, str, int, float, bool, None, lists and dicts; ``indent``
    and ``separators``) are written here as ``json.dumps`` writes them,
    strings by its own C encoder; any other option or value goes to
    ``json.dumps``."""
    text = None
    if not options.keys() - {'indent', 'separators'}:
        text = _dumps(doc, options.get('indent'), options.get('separators'))
    if text is None:
        import json

        text = json.dumps(doc, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return text if text.isascii() else text.translate(_SURROGATE_ESCAPES)


# A name's bytes that are not UTF-8, as JSON escapes (``json_text``).
_SURROGATE_ESCAPES = {c: f'\\u{c:04x}' for c in range(0xdc80, 0xdd00)}


class _NotOurs(Exception):
    """A value ``_dumps`` leaves to ``json.dumps``."""


def _dumps(doc: object, indent: object, separators: object) -> str | None:
    """``json.dumps(doc, ensure_ascii=False, indent=, separators=)``, for
    the values a report holds; None for anything else."""
    try:
        from _json import encode_basestring
    except ImportError:
        return None
    if indent is not None and not isinstance(indent, int) or isinstance(indent, bool):
        return None
    if separators is None:
        separators = (',', ': ') if indent is not None else (', ', ': ')
    if not (isinstance(separators, tuple) and len(separators) == 2
            and all(type(s) is str for s in separators)):
        return None
    item_sep, key_sep = separators
    pad = None if indent is None else ' ' * indent
    out: list[str] = []

    def scalar(o: object) -> str:
        if isinstance(o, str):
            return encode_basestring(o)
        if o is None:
            return 'null'
        if o is True:
            return 'true'
        if o is False:
            return 'false'
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            if o != o:
                return 'NaN'
            if o in (float('inf'), float('-inf')):
                return 'Infinity' if o > 0 else '-Infinity'
            return float.__repr__(o)
        raise _NotOurs

    def write(o: object, level: int) -> None:
        if isinstance(o, (list, tuple)):
            items: object = o
            opening, closing = '[', ']'
        elif isinstance(o, dict):
            items = o.items()
            opening, closing = '{', '}'
        else:
            out.append(scalar(o))
            return
        if not o:
            out.append(opening + closing)
            return
        out.append(opening)
        newline = None if pad is None else '\n' + pad * (level + 1)
        sep = item_sep if newline is None else item_sep + newline
        if newline is not None:
            out.append(newline)
        first = True
        for item in items:  # type: ignore[attr-defined]
            if not first:
                out.append(sep)
            first = False
            if opening == '{':
                key, value = item
                if not isinstance(key, str):
                    if isinstance(key, (dict, list, tuple)):
                        raise _NotOurs
                    key = scalar(key)
                    if not key.startswith('"'):
                        key = f'"{key}"'
                    out.append(key)
                else:
                    out.append(encode_basestring(key))
                out.append(key_sep)
                write(value, level + 1)
            else:
                write(item, level + 1)
        if newline is not None:
            out.append('\n' + pad * level)  # type: ignore[operator]
        out.append(closing)

    try:
        write(doc, 0)
    except (_NotOurs, RecursionError):
        return None
    return ''.join(out)
