"""The repository's one config file, read by every hook and command.

``.together-hooks.toml`` at the repository root (its top level is the
table), else ``[tool.together-hooks]`` in ``pyproject.toml``.  A flag on
the command line wins over the file; the callers apply that.

Start-up matters (the hook runs on every commit): a file is read only when
it exists, and the TOML parser is imported only when a file holds our
table.  A pyproject.toml without the words ``together-hooks`` costs one
read and one ``in``.
"""
from __future__ import annotations

import os

from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import Callable
    from typing import Iterable

OWN_FILE = '.together-hooks.toml'
# The baseline every reader uses when nothing names another (at the root).
DEFAULT_BASELINE = '.secrets.baseline'
PYPROJECT = 'pyproject.toml'
TABLE = 'together-hooks'
# The files ``load_from`` reads, each time (a commit's are asked of git together).
FILES = (OWN_FILE, PYPROJECT)
# Where a message tells the user the config file is.
WHERE = f'{OWN_FILE}, or [tool.{TABLE}] in {PYPROJECT}'
# How a pyproject.toml may spell our table's name: the one we read, and
# the ones a user may write for it (``[tool.together_hooks]``), which
# would otherwise be passed over in silence, their settings unused;
# looked for in the lowered text (``[tool.Together-Hooks]`` too).
_TABLE_SPELLINGS = (TABLE.encode(), b'together_hooks', b'togetherhooks')
# key -> the type its value must have: a list of strings, or a string.
KEYS = {'exclude': list, 'allow': list, 'baseline': str, 'env-templates': list}
# A hashed_secret (SHA-1 hex); compiled by re on first use, not at import.
_HASHED_SECRET = r'[0-9a-f]{40}'


def _hashed_secrets(allow: tuple[str, ...]) -> set[str]:
    if not allow:  # most repositories: re is not imported on their commits
        return set()
    import re

    return {a for a in allow if re.fullmatch(_HASHED_SECRET, a)}


class Config:
    """What the file says; an empty Config when there is none."""

    def __init__(
            self,
            exclude: Iterable[str] = (),
            allow: Iterable[str] = (),
            baseline: str | None = None,
            env_templates: Iterable[str] = (),
            source: str | None = None,
    ) -> None:
        self.source = source
        self.exclude = tuple(exclude)
        self.allow = tuple(allow)
        self.baseline = baseline
        self.env_templates = tuple(env_templates)
        self._excludes = [_ignore_pattern(p, source) for p in self.exclude]
        self._hashes = _hashed_secrets(self.allow)
        self._allow_res = [
            _regex(a, source) for a in self.allow if a not in self._hashes
        ]
        self._allow_what = f'{source or "config"}: allow'
        self._exclude_what = f'{source or "config"}: exclude'
        for r in self._allow_res:
            from together_hooks.userregex import bounded  # only for a file with patterns

            with bounded(self._allow_what):
                matches_any = any(r.fullmatch(k) for k in _any_keys())
            if matches_any:
                raise InputError(
                    f'{source}: allow: {r.pattern!r} matches any key, so the '
                    'hooks would find none; allow a placeholder\'s own pattern '
                    'or a hashed_secret instead',
                )

        if self._excludes and all(self.excluded(p) for p in _ANY_PATHS):
            raise InputError(
                f'{source}: exclude: {list(self.exclude)!r} leaves out every path, so '
                'the hooks would scan nothing; exclude the folders or files '
                'that hold test values',
            )

    def __bool__(self) -> bool:
        return self.source is not None

    def excluded(self, path: str) -> bool:
        """Is ``path`` (relative to the root, ``/``-separated) excluded?

        As git reads a .gitignore: from the top down, the last pattern that
        matches a folder decides it, and nothing inside an excluded folder
        comes back; then the last pattern that matches the file decides
        (``!pattern`` takes one back)."""
        if not self._excludes:
            return False
        from together_hooks.userregex import bounded

        parts = _as_bytes(path).strip('/').split('/')
        with bounded(self._exclude_what):
            for i in range(1, len(parts) + 1):
                here = '/'.join(parts[:i])
                is_folder = i < len(parts)
                state = False
                for negate, dir_only, regex in self._excludes:
                    if (is_folder or not dir_only) and regex.fullmatch(here):
                        state = not negate
                if state:
                    return True
        return False

    def allowed(self, value: str, hashed_secret: str) -> bool:
        """Is this value allowed (by its hashed_secret or a regex)?"""
        if hashed_secret in self._hashes:
            return True
        if not self._allow_res:
            return False
        from together_hooks.userregex import bounded

        with bounded(self._allow_what):
            return any(r.fullmatch(value) for r in self._allow_res)

    def allowed_key(self, key: str, hashed_secret: str) -> bool:
        """``allowed``, for a key a rule found: an ``allow`` entry that
        holds the key itself is refused (InputError), since it would pass
        the key everywhere, the committed config included."""
        if any(key in r.pattern for r in self._allow_res):
            from together_hooks.findings import redact

            raise InputError(
                f'{self.source}: allow holds the secret itself ({redact(key)}), '
                'so the config would commit it: allow its hashed_secret '
                f'{hashed_secret} instead (and rotate the key if the config '
                'was ever committed)',
            )
        return self.allowed(key, hashed_secret)


EMPTY = Config()


class Narrowed(Config):
    """``own`` (the checkout's config) excusing only what ``base`` (the
    config a range's base holds) excuses too: a path both exclude, a
    value both allow.  A range that changes the config cannot widen what
    judges its own commits (``pipeline.narrow_to_base``); everything else
    (the baseline it names, its env templates, where it was read) is
    ``own``'s, and ``own`` was validated as any config is."""

    def __init__(self, base: Config, own: Config) -> None:
        self.__dict__.update(own.__dict__)
        self.base = base

    def excluded(self, path: str) -> bool:
        return Config.excluded(self, path) and self.base.excluded(path)

    def allowed(self, value: str, hashed_secret: str) -> bool:
        return Config.allowed(self, value, hashed_secret) and self.base.allowed(value, hashed_secret)


def load(root: str) -> Config:
    """The config at ``root``: EMPTY when there is no file or no table.

    InputError (one line, exit 2) for a file that cannot be read, is not
    TOML, or holds an unknown key or a value of the wrong type."""
    return load_from(lambda name: _read(root, os.path.join(root, name), name))


def load_from(read: Callable[[str], bytes | None]) -> Config:
    """The config whose files ``read`` gives by name (None: no such file),
    as ``load`` judges them: a work tree's files, or a commit's blobs."""
    own = read(OWN_FILE)
    if own is not None:
        config = _validated(_parse(own, OWN_FILE), OWN_FILE)
        try:
            data = read(PYPROJECT)
        except InputError:  # not the config here: the file wins
            data = None
        if data is not None:
            _refuse_misspelt_beside(data)
        return config
    data = read(PYPROJECT)
    if data is None or not _may_name_us(data.lower()):
        return EMPTY  # no table of ours: not worth a TOML parser
    tool = _tool(_parse(data, PYPROJECT))
    _refuse_misspelt(tool)  # beside ours too: its settings would go unused
    table = tool.get(TABLE)
    if table is None:
        return EMPTY
    return _validated(table, f'{PYPROJECT} [tool.{TABLE}]')


def _may_name_us(lowered: bytes) -> bool:
    """Could a pyproject.toml (lower-cased) hold a table of ours, spelt
    right or not?  A TOML escape (``"together\\u002dhooks"``) spells any
    name: then only the parser can tell."""
    return b'\\u' in lowered or any(w in lowered for w in _TABLE_SPELLINGS)


def _tool(doc: dict[str, Any]) -> dict[str, Any]:
    tool = doc.get('tool')
    return tool if isinstance(tool, dict) else {}


def _refuse_misspelt_beside(data: bytes) -> None:
    """Where ``.together-hooks.toml`` is the config, a pyproject table that
    names us another way is as unread (and as silent) as without it.  The
    pyproject's own table is passed over as documented (the file wins),
    and a pyproject.toml that is not TOML is no config of ours here: only
    a text naming us another way is parsed."""
    lowered = data.lower()
    if b'\\u' not in lowered and \
            sum(lowered.count(w) for w in _TABLE_SPELLINGS) == data.count(TABLE.encode()):
        return  # only the exact spelling, or none: nothing misspelt
    try:
        doc = _parse(data, PYPROJECT)
    except InputError:
        return
    _refuse_misspelt(_tool(doc))


def _refuse_misspelt(tool: dict[str, Any]) -> None:
    """A ``[tool.*]`` table that names us another way is an error, not
    a config quietly left unread."""
    for given in tool:
        if given != TABLE and isinstance(given, str) \
                and given.lower().replace('-', '').replace('_', '') == 'togetherhooks':
            raise InputError(
                f'{PYPROJECT}: [tool.{given}] is not read: the table is '
                f'[tool.{TABLE}] (rename it, or move its settings there)',
            )


# Endings a file written as the config may have been given: TOML under
# another name, or another format a user took for ours.
_CONFIG_ENDINGS = ('', 'toml', 'yaml', 'yml', 'json', 'ini', 'cfg', 'conf')


def misnamed(root: str) -> list[str]:
    """Files at ``root`` that look written as our config under a name
    nothing reads (``together-hooks.toml``, ``.together_hooks.toml``,
    ``.together-hooks.yaml``): their settings are unused without a word.
    Only ``doctor`` and ``scan`` ask (one folder listing); the hooks never."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    found = []
    for name in names:
        head, _, ending = name.lstrip('.').partition('.')
        # No ending: only a dot file (``.together-hooks``); ``together-hooks``
        # is a wrapper script or a zipapp of the command, not a config.
        if name != OWN_FILE and ending.lower() in _CONFIG_ENDINGS \
                and (ending or name.startswith('.')) \
                and head.lower().replace('-', '').replace('_', '') == 'togetherhooks' \
                and os.path.isfile(os.path.join(root, name)):
            found.append(name)
    return found


def misnamed_line(name: str) -> str:
    """What to do about one ``misnamed`` file, in one line."""
    toml = name.lower().endswith('.toml')
    return (
        f'{name} is not read: the config file is {OWN_FILE} at the repository '
        f'root, or [tool.{TABLE}] in {PYPROJECT}; '
        + ('rename it' if toml else 'write its settings there as TOML')
        + ', or remove it'
    )


# Another scanner's allowlists, which a team moving over keeps at its
# root: gitleaks' fingerprints (``commit:file:rule:line``) and its
# config's ``[allowlist]`` (``[[allowlists]]`` in gitleaks 8.25+).
# Nothing here reads them, so a key they excused is reported with no word
# why (docs/migrating.md says what to do instead).
_GITLEAKS_IGNORE = '.gitleaksignore'
_GITLEAKS_CONFIGS = ('.gitleaks.toml', 'gitleaks.toml')


def foreign_allowlists(root: str) -> list[str]:
    """Another scanner's allowlist files at ``root`` that nothing here
    reads: ``.gitleaksignore``, and a gitleaks config holding an
    ``allowlist`` (one with rules alone excuses nothing).  Only ``doctor``
    and ``scan`` ask; the hooks never.  A file that cannot be read as a
    plain file of the repository (a FIFO, a link out of it) is passed over."""
    from together_hooks.fileio import read_config_file

    found = []
    for name in (_GITLEAKS_IGNORE, *_GITLEAKS_CONFIGS):
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        if name != _GITLEAKS_IGNORE:
            try:
                text = read_config_file(path, limit=MAX_CONFIG_BYTES, within=root)
            except (OSError, InputError):
                continue
            if b'allowlist' not in text.lower():
                continue
        found.append(name)
    return found


def foreign_allowlist_line(name: str) -> str:
    """What to do about one ``foreign_allowlists`` file, in one line."""
    if name == _GITLEAKS_IGNORE:
        return (
            f'{name} is not read (its fingerprints name a line; a key it excused is reported here): '
            'record each key that is no key with `together-hooks baseline create FILE:LINE` and commit '
            f'{DEFAULT_BASELINE}, or its hashed_secret in `allow` in {OWN_FILE} (docs/migrating.md)'
        )
    return (
        f"{name}'s allowlist is not read: put its paths in `exclude` and its regexes in `allow` "
        f'in {OWN_FILE} (docs/migrating.md)'
    )


def _read(root: str, path: str, name: str) -> bytes | None:
    from together_hooks.fileio import read_config_file

    if not os.path.lexists(path):
        return None
    try:
        return read_config_file(path, within=root)
    except IsADirectoryError:
        raise InputError(f'{name}: is a folder, not a config file') from None
    except OSError as e:
        raise InputError(f'{name}: cannot read it ({e.strerror})') from None


# A config is a few short lists; every hook run reads it.  A file far
# larger is not one (and its patterns would be matched against every path).
MAX_CONFIG_BYTES = 1 << 20


def _parse(data: bytes, name: str) -> dict[str, Any]:
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError(
            f'{name}: {len(data)} bytes, larger than a config file can be '
            f'({MAX_CONFIG_BYTES >> 20} MB)',
        )
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    from together_hooks.fileio import text_start

    try:
        # A BOM (Windows editors) is dropped, as for the baseline.
        return tomllib.loads(data[text_start(data):].decode('utf-8'))
    except UnicodeDecodeError:
        raise InputError(f'{name}: not UTF-8 text') from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f'{name}: not valid TOML: {e}') from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise InputError(f'{name}: not a config: values nested too deep') from None


def _validated(table: Any, where: str) -> Config:
    if not isinstance(table, dict):
        raise InputError(f'{where}: must be a table')
    for key, value in table.items():
        kind = KEYS.get(key)
        if kind is None:
            raise InputError(f'{where}: unknown key {key!r} ({_hint(key)})')
        if kind is str and not (isinstance(value, str) and value.strip()):  # " " names no file
            raise InputError(f'{where}: {key} must be a non-empty string')
        if kind is str and '\0' in value:  # no path holds one
            raise InputError(f'{where}: {key} holds a NUL byte, which no file name can')
        if kind is list and not (
                isinstance(value, list) and all(isinstance(v, str) and v for v in value)
        ):
            raise InputError(f'{where}: {key} must be a list of non-empty strings')
        for text in (value if kind is list else [value]):
            _refuse_windows_separator(key, text, where)
    return Config(
        exclude=table.get('exclude', ()),
        allow=table.get('allow', ()),
        baseline=table.get('baseline'),
        env_templates=table.get('env-templates', ()),
        source=where,
    )


# A backslash before one of these (or at the end) escapes nothing a
# gitignore pattern needs escaped: it is a Windows folder separator.
_PATH_KEYS = ('exclude', 'baseline', 'env-templates')
_NOT_ESCAPED = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-')


def _refuse_windows_separator(key: str, text: str, where: str) -> None:
    """A path written with Windows' ``\\`` (``fixtures\\a.py``) never
    names a file here: git paths are ``/``-separated on every system, so
    such an ``exclude`` left nothing out, an ``env-templates`` glob matched
    no template and a ``baseline`` was a file named with a backslash, in
    silence (``baseline create`` wrote one). Refused, naming the ``/``
    spelling. An ``exclude`` keeps git's escapes (``\\#``, ``\\*``, a
    bracket's ``[\\d]``)."""
    if key not in _PATH_KEYS or '\\' not in text:
        return
    if key == 'exclude':
        if '[' in text:  # inside a bracket a backslash is the bracket's business
            return
        i = text.find('\\')
        while i != -1 and i + 1 < len(text) and text[i + 1] not in _NOT_ESCAPED:
            i = text.find('\\', i + 2)
        if i == -1:
            return
        why = 'in a pattern it escapes the next character (as in .gitignore), never separates folders'
    else:
        why = 'paths are /-separated on every system, as git names them'
    raise InputError(
        f"{where}: {key}: '{text}' holds a backslash: {why}; "
        f"write '{text.replace(chr(92), '/')}'",
    )


def _hint(key: str) -> str:
    """A typo's likely key, else what this version knows (the file may be
    written for a newer one)."""
    import difflib  # only a bad config pays for it

    close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.75)
    if close:
        return f'did you mean {close[0]!r}? known: {", ".join(KEYS)}'
    return (
        f'this together-hooks knows only {", ".join(KEYS)}; a key of a newer '
        'version? update together-hooks'
    )


# Paths of every kind (top level and deep, hidden, with and without a
# suffix): an ``exclude`` that leaves out all of them leaves out any.
_ANY_PATHS = ('app.py', '.env', 'Makefile', 'src/deep/settings.yaml', 'k')


def _any_keys() -> list[str]:
    """A few keys of each format, made up here, that no placeholder or
    test-value pattern would match (a fixed LCG: no key is written down,
    and ``random`` stays unimported)."""
    alphabet = ''.join(map(chr, (*range(65, 91), *range(97, 123), *range(48, 58)))) + '-_'
    state, keys = 20240601, []
    for n in range(6):
        chars = []
        for _ in range(64 if n % 2 else 43):
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            chars.append((state >> 33) % 64)
        if n % 2:
            keys.append(''.join('0123456789abcdef'[c % 16] for c in chars))
        else:
            keys.append('tgp_v1_' + ''.join(alphabet[c] for c in chars))
    return keys


def _regex(text: str, where: str | None) -> re.Pattern[str]:
    import re

    try:
        return re.compile(text)
    except re.error as e:
        raise InputError(f'{where}: allow: {text!r} is not a valid regex ({e})') from None


# The POSIX classes git's wildmatch knows inside a bracket ([[:digit:]]).
_CLASSES = {
    'alnum': 'a-zA-Z0-9', 'alpha': 'a-zA-Z', 'blank': ' \\t', 'cntrl': '\\x00-\\x1f\\x7f',
    'digit': '0-9', 'graph': '!-~', 'lower': 'a-z', 'print': ' -~',
    'punct': '!-/:-@\\[-`{-~', 'space': ' \\t\\n\\r\\f\\v', 'upper': 'A-Z',
    'xdigit': '0-9A-Fa-f',
}


def _bracket(body: str, i: int, pattern: str, where: str | None) -> tuple[str, int]:
    """The regex of the bracket expression starting at ``body[i]`` (``[``),
    and where the pattern goes on: ``!`` or ``^`` negates, a ``]`` first
    is a character, ``[:alpha:]`` a POSIX class, a ``[`` itself."""
    import re

    j = i + 1
    out = ['[']
    if j < len(body) and body[j] in '!^':
        out.append('^')
        j += 1
    first = True
    while j < len(body):
        c = body[j]
        if c == ']' and not first:
            # git's wildmatch never lets a bracket match a "/" ([!a], [/]).
            return '(?!/)' + ''.join(out) + ']', j + 1
        if body.startswith('[:', j):
            end = body.find(':]', j + 2)
            name = body[j + 2:end] if end >= 0 else ''
            if name not in _CLASSES:
                raise InputError(
                    f'{where}: exclude: {pattern!r}: [:{name}:] is not a character class '
                    f'({", ".join(sorted(_CLASSES))})',
                )
            out.append(_CLASSES[name])
            j = end + 2
        elif c == '\\' and j + 1 < len(body):
            out.append(re.escape(body[j + 1]))  # [\d] is a "d", never a digit
            j += 2
        else:
            out.append('\\' + c if c in '[]\\^' else c)
            j += 1
        first = False
    raise InputError(f'{where}: exclude: {pattern!r} has an unclosed [')


def _as_bytes(text: str) -> str:
    """``text``'s UTF-8 bytes, one character each (latin-1): git's wildmatch
    reads bytes, so ``?`` or a bracket matches one byte, and an ``é`` (two)
    is never one ``?``.  Patterns and paths both go through here."""
    if text.isascii():
        return text
    try:
        data = text.encode('utf-8', 'surrogateescape')  # as os.fsdecode left it
    except UnicodeEncodeError:
        data = text.encode('utf-8', 'surrogatepass')
    return data.decode('latin-1')


def _ignore_pattern(pattern: str, where: str | None) -> tuple[bool, bool, re.Pattern[str]]:
    """(negated, folders only, regex over a root-relative path) for one
    gitignore-style pattern."""
    negate = pattern.startswith('!')
    body = _as_bytes(pattern[1:] if negate else pattern)
    dir_only = body.endswith('/')
    body = body[:-1] if dir_only else body  # one: ``bb//`` is ``bb/``, which no name is
    if not body.strip('/'):
        raise InputError(f'{where}: exclude: {pattern!r} matches nothing')
    # A slash at the start or in the middle anchors it at the root;
    # otherwise it matches a name at any depth.
    import re

    anchored = '/' in body
    body = body[1:] if body.startswith('/') else body  # one, as git: ``//x`` matches nothing
    out = [] if anchored or body.startswith('**/') else ['(?:.*/)?']
    i = 0
    while i < len(body):
        if body.startswith('**/', i) and (i == 0 or body[i - 1] == '/'):
            out.append('(?:.*/)?')
            i += 3
            while body.startswith('**/', i):  # **/**/ is **/, and never backtracks
                i += 3
        elif body.startswith('**', i) and i + 2 == len(body) and (i == 0 or body[i - 1] == '/'):
            out.append('.*')
            i += 2
        elif body[i] == '*':
            out.append('[^/]*')
            i += 1
        elif body[i] == '?':
            out.append('[^/]')
            i += 1
        elif body[i] == '[':
            text, i = _bracket(body, i, pattern, where)
            out.append(text)
        elif body[i] == '\\' and i + 1 < len(body):
            out.append(re.escape(body[i + 1]))
            i += 2
        elif body[i] == '\\':  # a trailing one escapes nothing: git's wildmatch matches nothing
            out.append('(?!)')
            i += 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    try:
        return negate, dir_only, re.compile(''.join(out), re.S)
    except re.error as e:  # a bracket git reads and re does not ([z-a], [!])
        raise InputError(f'{where}: exclude: {pattern!r} is not a valid pattern ({e})') from None
