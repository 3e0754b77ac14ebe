"""The env-file naming policy: which files are env files, which are
templates (committable while they hold no real key), and their stage.

``.env`` and ``.env.<anything>`` in any folder are env files (they hold
local configuration and secrets), and so are ``.env-<word>`` and
``.env_<word>`` (``.env-local``, ``.env_prod``, JetBrains'
``.env___jb_tmp___``) and ``.env <word>`` (Finder's ``.env copy``): a
``-``, ``_`` or blank after ``.env`` separates words as a dot does.  An editor's copy, autosave or lock of an env file is the env
file (``DECORATIONS``): ``.env~`` (the backup Emacs, vim, gedit and nano
write, the text before your last save), ``#.env#`` (Emacs' autosave),
``.#.env`` (Emacs' lock link), vim's ``.env.swp`` and Emacs' numbered
``.env.~1~`` (already ``.env.<anything>``).  Templates (a last word of
``example``, ``sample``, ``template``, ``dist``: ``.env.example``,
``.env-sample``, ``.env.production.example``; and ``--allow`` patterns)
may be committed while they hold no real key; an editor's copy of a
template (``.env.example~``, ``#.env.example#``, ``.env.example.bak``) is
no template: it holds the text before the last save, the key you just
replaced with a placeholder.  Anything inside a
folder named ``.env/`` (usually a virtualenv) is refused too.  direnv's
``.envrc`` is a script teams commit, so it is checked like a template
(refused only when it holds a key); ``.envrc.<anything>`` is direnv's
private-overrides convention and is refused like ``.env.local``.
env-cmd's ``.env-cmdrc`` (``.json``, ``.js``) is that tool's own name, not
an env file; ``.environment``, ``.envoy``, ``environment.py``, ``app.env``
and ``env.local`` merely contain "env" and pass.

A name is judged as it is read (``read_as``): by the file systems it
lands on and by the person reading ``git status``.  Case does not count
(macOS, Windows); Windows drops trailing dots and blanks and reads
``NAME:stream`` as a part of NAME (``.env::$DATA`` is .env's own data);
macOS ignores zero-width and other default-ignorable characters; a blank
or control character at either end (``.env\r`` from a script with CRLF
line ends, a no-break space) and compatibility forms (a fullwidth dot)
are not seen.  So ``.env `` , ``.env\t``, ``.ENV``, ``.env\u200b`` and
``\uff0eenv`` are env files, as ``.env`` is.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable

TEMPLATE_SUFFIXES = ('example', 'sample', 'template', 'dist')

# Unicode's default-ignorable code points beyond the format characters
# (Cf): HFS+/APFS and most renderers skip them, as git's own ``.git``
# check does (``is_hfs_dotgit``).
_IGNORABLE = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)


def _unseen(c: str) -> bool:
    """A character no one sees in a name (zero-width, a direction mark)."""
    import unicodedata

    if unicodedata.category(c) == 'Cf':
        return True
    code = ord(c)
    return any(lo <= code <= hi for lo, hi in _IGNORABLE)


def _folded(text: str) -> str:
    """``text`` lower-cased; beyond ASCII, without the characters no one
    sees, in compatibility form (NFKC: a fullwidth dot is a dot, a
    no-break space a space) and case-folded."""
    if text.isascii():  # nearly every path: nothing more to fold
        return text.lower()
    import unicodedata

    if any('\udc80' <= c <= '\udcff' for c in text):
        # Bytes that are no UTF-8 (git's paths are bytes, decoded with
        # surrogateescape): read as a legacy system shows them, Latin-1
        # (``.env\xa0``: .env and a no-break space).
        text = text.encode('utf-8', 'surrogateescape').decode('latin-1')
    text = ''.join(c for c in text if not _unseen(c))
    return unicodedata.normalize('NFKC', text).casefold()


def _end(c: str) -> bool:
    """A character that does not count at the end of a name: a blank or
    control character (not seen), a dot (Windows drops it)."""
    return c.isspace() or c == '.' or ord(c) < 0x20 or ord(c) == 0x7F


def read_as(name: str) -> str:
    """The name ``name`` (one part of a path) is read as (the module
    docstring): folded, cut at a ``:`` (an NTFS stream of the file before
    it), blanks and controls at either end and trailing dots dropped.
    ``.env `` and ``.ENV::$DATA`` read as ``.env``; ``.env.local.`` as
    ``.env.local``."""
    name = _folded(name).split(':', 1)[0]
    end = len(name)
    while end and _end(name[end - 1]):
        end -= 1
    start = 0
    while start < end and (name[start].isspace() or ord(name[start]) < 0x20):
        start += 1
    return name[start:end]


def may_name_env(path: str) -> bool:
    """Cheap first look: False when no part of ``path`` can read as an env
    name (nearly every path), True when one may."""
    return '.env' in _folded(path)


def path_parts(path: str) -> list[str]:
    path = path.replace('\\', '/')
    return [p for p in path.split('/') if p not in ('', '.')]


# What editors write around a file's name when they back it up, autosave
# it or lock it (Emacs' manual, "Not writing files to the current
# directory": ``.#foo.txt``, ``#foo.txt#``, ``foo.txt~``; vim's
# 'backupext' is ``~`` too): (prefixes, suffixes), read off either end.
# Vim's swap (``.env.swp``: vim prepends no dot to a dot-name) and
# Emacs' numbered backups (``.env.~1~``) already read as ``.env.<word>``.
DECORATIONS = (('.#', '#'), ('~', '#'))

# Word separators after ``.env``: ``.env.local``, ``.env-local``,
# ``.env_local``, and a blank: ``.env .local``, and the copies file
# managers make (macOS Finder's ``.env copy``, Windows' ``.env - Copy``).
_SEPARATORS = '.-_ '

# Last words that name a copy, not a stage (``.env.bak``, vim's
# ``.env.swp``, nano's ``.env.save``, a merge's ``.env.orig``): a copy of
# ``.env`` is of ``.env``'s stage.
_COPY_WORDS = ('bak', 'backup', 'old', 'orig', 'save', 'swp', 'swo', 'tmp', 'copy')

# Tools' own names that start like an env file's but are not one (env-cmd's
# rc file, which its users commit).
_TOOL_NAMES = ('.env-cmdrc', '.env-cmdrc.json', '.env-cmdrc.js')


def undecorated(name: str) -> str:
    """The name ``name`` (read as ``read_as`` reads it) stands for without
    an editor's decoration (``DECORATIONS``): ``#.env#``, ``.#.env`` and
    ``.env~`` stand for ``.env``; any other name is itself."""
    low = read_as(name)
    prefixes, suffixes = DECORATIONS
    core = low.rstrip(''.join(suffixes))
    for prefix in prefixes:
        if core.startswith(prefix + '.env'):
            core = core[len(prefix):]
            break
    return read_as(core) if core != low else low


def is_decorated(name: str) -> bool:
    """An editor's copy, autosave or lock of a file (``.env~``, ``#.env#``,
    ``.#.env``) or a backup's last word (``.env.example.bak``) is no
    template: see ``is_template``."""
    return undecorated(name) != read_as(name)


def _starts(low: str, stem: str) -> bool:
    return low == stem or (low.startswith(stem) and low[len(stem)] in _SEPARATORS)


# Extensions of a file about env files, not one, after ``.env-``,
# ``.env_`` or ``.env `` (``.env-sample.md``, ``.env_loader.py``): a
# document's or a program's type.  ``.env.<anything>`` stays an env file
# whatever its last word.
_FILE_TYPES = ('md', 'rst', 'adoc', 'html', 'py', 'js', 'mjs', 'cjs', 'ts', 'go', 'rb', 'rs', 'java', 'sh')


def is_dotenv_name(name: str) -> bool:
    """``.env``, ``.env.<word>``, ``.env-<word>``, ``.env_<word>``, and an
    editor's copy of one (``.env~``, ``#.env.local#``)."""
    low = undecorated(name)
    if not _starts(low, '.env') or low in _TOOL_NAMES:
        return False
    if low == '.env' or low[4] == '.':
        return True
    stem, _, kind = low[4:].rpartition('.')
    return not (stem and kind in _FILE_TYPES)


def is_envrc_name(name: str) -> bool:
    low = undecorated(name)
    return _starts(low, '.envrc')


def _words(low: str) -> list[str]:
    """The words after ``.env``/``.envrc`` in ``low``, at any separator."""
    for sep in _SEPARATORS[1:]:
        low = low.replace(sep, '.')
    return [w for w in low.split('.')[2:] if w]


def is_envrc_script(path: str) -> bool:
    """direnv's ``.envrc`` itself (committed, checked for keys)."""
    parts = path_parts(path)
    return bool(parts) and read_as(parts[-1]) == '.envrc'


def env_folder(path: str) -> str | None:
    """The ``.env/`` folder ``path`` lies in (``a/.env``), or None."""
    if not may_name_env(path):
        return None  # most paths: no part reads as .env
    parts = path_parts(path)
    for i, part in enumerate(parts[:-1]):
        if read_as(part) == '.env':
            return '/'.join(parts[:i + 1])
    return None


def _allowed(path: str, allow: Iterable[str]) -> bool:
    patterns = tuple(allow)
    if not patterns:
        return False  # most repositories: no --allow, no env-templates
    from fnmatch import fnmatchcase  # only with --allow patterns

    parts = path_parts(path)
    read = [read_as(p) for p in parts]  # as written, or as read
    for each in (parts, read):
        name = each[-1] if each else ''
        full = '/'.join(each)
        for pattern in patterns:
            target = full if '/' in pattern else name
            if fnmatchcase(target, pattern.strip('/') if '/' in pattern else pattern):
                return True
    return False


def is_template(path: str, allow: Iterable[str] = ()) -> bool:
    """An env file that may be committed while it holds no real key."""
    if not may_name_env(path):
        return False  # most paths: no name starts with .env
    parts = path_parts(path)
    if not parts or env_folder(path) is not None:
        return False
    name = read_as(parts[-1])
    if not (is_dotenv_name(name) or is_envrc_name(name)):
        return False
    if is_decorated(name):
        return _allowed(path, allow)  # an editor's copy: the text before the last save
    if name == '.envrc':
        return True  # a direnv script: committed, checked for keys
    words = _words(name)
    return (bool(words) and words[-1] in TEMPLATE_SUFFIXES) or _allowed(path, allow)


def is_env_file(path: str) -> bool:
    """Whether forbid-env-files is concerned with ``path`` by its name.

    True for ``.env``, ``.env.<anything>``, ``.env-<word>``, ``.env_<word>``
    (templates included), ``.envrc.<anything>``, an editor's copy of any of
    them (``.env~``, ``#.env#``, ``.#.env``) and anything inside a ``.env/``
    folder; False for names that merely contain "env" (``environment.py``,
    ``src/env.ts``, ``.envrc`` itself, ``.env-cmdrc``).
    """
    if not may_name_env(path):
        return False  # most paths: no part starts with .env
    parts = path_parts(path)
    if not parts:
        return False
    if env_folder(path) is not None:
        return True
    name = read_as(parts[-1])
    return is_dotenv_name(name) or (
        is_envrc_name(name) and name != '.envrc'
    )


def ignore_rule(name: str) -> str:
    """The .gitignore line that ignores env files named like ``name``
    (``.env``, ``.env.*``, direnv's ``.envrc.*``).  A name those rules do
    not match as git reads them (``.env `` with a trailing blank, ``.ENV``
    where case counts, ``\uff0eenv``) gets a rule of its own: the name,
    escaped as a pattern, which ignores it in any folder."""
    low = read_as(name)
    rule = '.envrc.*' if low.startswith('.envrc.') else '.env' if low == '.env' else '.env.*'
    if name == rule or (rule.endswith('*') and name.startswith(rule[:-1])):
        return rule
    return _as_pattern(name)


# One byte that is no printable ASCII (a control, a blank, a byte of no
# UTF-8), in a .gitignore pattern: where a control character stands,
# which a .gitignore line cannot hold (a CR or LF ends it).  A ``?`` there
# made the rule for ``.env\r`` ignore ``.envs/`` and ``.env1`` too.
_UNPRINTABLE = '[!!-~]'


def _as_pattern(name: str) -> str:
    """``name`` as a .gitignore pattern that matches it: git's special
    characters and blanks escaped (an unescaped trailing blank is
    dropped); a control character and a byte that is no UTF-8 as
    ``_UNPRINTABLE``."""
    return unspelt(name, lambda c: (
        _UNPRINTABLE if ord(c) < 0x20 or ord(c) == 0x7F or '\udc80' <= c <= '\udcff'
        else '\\' + c if c in '*?[]\\!# ' else c
    ))


def unspelt(name: str, pattern: Callable[[str], str]) -> str:
    """``name`` as a .gitignore pattern, each character as ``pattern``
    writes it, but those the output scrub hides (a key, or a key cut
    short, in the name: ``scrub.hidden``) as ``?``, a folder's ``/`` kept:
    the rule still matches the file, and never spells its key into a
    .gitignore that is committed (``check-env-gitignored --fix`` wrote
    ``.env-tgp_v1_<key>`` there whole)."""
    from together_hooks.detect.scrub import hidden

    return ''.join(
        '?' if hide and c != '/' else pattern(c) for c, hide in zip(name, hidden(name))
    )


def is_secret_env_file(path: str, allow: Iterable[str] = ()) -> bool:
    """An env file that must never be committed (not a template)."""
    return is_env_file(path) and not is_template(path, allow)


def first_env_paths(
        paths: Iterable[tuple[str, str]], allow: Iterable[str] = (),
        excluded: Callable[[str], bool] | None = None, into: dict[str, str] | None = None,
) -> dict[str, str]:
    """Of ``(path, where)`` pairs (where: the commit or ref that holds the
    path, oldest first), each env file and each ``.env/`` folder (named
    with a trailing ``/``) that must not be committed, with the first
    ``where`` it came in; ``excluded`` leaves paths out (the config's
    ``exclude``).  Added to ``into`` when given: a name already there
    keeps its ``where``."""
    allow = tuple(allow)
    found: dict[str, str] = {} if into is None else into
    for path, where in paths:
        if excluded is not None and excluded(path):
            continue
        folder = env_folder(path)
        if folder is not None:
            found.setdefault(folder + '/', where)
        elif is_secret_env_file(path, allow):
            found.setdefault(path, where)
    return found


_STAGE_ALIASES = {
    'dev': 'development', 'develop': 'development',
    'prod': 'production', 'live': 'production',
    'stage': 'staging', 'stg': 'staging', 'preprod': 'staging',
    'testing': 'test', 'tests': 'test',
}


def stage_of(path: str) -> str:
    """``.env.production.local`` -> ``production``; ``.env`` and
    ``.env.local`` are the local default, ``development``; a copy is of
    its file's stage (``.env.production.bak``, ``.env~``: ``_COPY_WORDS``)."""
    name = undecorated(path_parts(path)[-1])
    words = [w for w in _words(name) if w != 'local' and w not in _COPY_WORDS and '~' not in w]
    if not words:
        return 'development'
    return _STAGE_ALIASES.get(words[0], words[0])
