"""The .env policy, as plain functions the hooks and the CLI share.

- Names: ``.env`` and ``.env.<anything>`` in any folder are env files (they
  hold local configuration and secrets); templates (``.env.example``,
  ``.env.sample``, ``.env.template``, ``.env.dist`` and ``--allow``
  patterns) may be committed while they hold no real key.  Anything inside
  a folder named ``.env/`` (usually a virtualenv) is refused too.  direnv's
  ``.envrc`` is a script teams commit, so it is checked like a template
  (refused only when it holds a key); ``.envrc.<anything>`` is direnv's
  private-overrides convention and is refused like ``.env.local``.
- Ignore rules: ``git check-ignore`` itself decides whether probe paths
  (``.env``, ``.env.local``, ``.env.<stage>``, ``.env.<stage>.local`` at the
  root and in the repo's folders) would be ignored, and templates not.
  Only a committed ``.gitignore`` counts: a rule that lives only in this
  clone's ``.git/info/exclude`` or in the user's global excludes does not
  protect teammates.
- Own keys: the key values this developer holds (``TOGETHER_*KEY``
  variables in the environment, keys in the repo's ignored env files and
  its untracked root ones) are searched for as exact copies, raw and
  encoded.  The values stay
  in memory; only ``redacted`` and ``hashed_secret`` ever leave.
"""
from __future__ import annotations

import os
import re
from collections import namedtuple

TYPE_CHECKING = False  # importing typing costs ~3 ms of start-up; only type checkers need it
if TYPE_CHECKING:
    from typing import Iterable
    from typing import Mapping
    from together_hooks.detect import Finding

TEMPLATE_SUFFIXES = ('example', 'sample', 'template', 'dist')
# Probe names: every class of pattern teams write (bare, .local,
# .<stage>.local, .<stage>).  Subfolders get one of each class: names
# without a slash apply at every depth, so only anchoring (/.env) and nested
# .gitignore files make a subfolder differ from the root.
ROOT_PROBES = (
    '.env', '.env.local', '.env.development.local', '.env.production.local',
    '.env.development', '.env.staging', '.env.production', '.env.test',
)
SUBFOLDER_PROBES = ('.env', '.env.local', '.env.development.local', '.env.production')
DEFAULT_TEMPLATE = '.env.example'
# Above this many folders only the ones where rules can differ are probed.
MAX_PROBE_FOLDERS = 1000
_PROJECT_MARKERS = frozenset((
    '.gitignore', 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg',
    'requirements.txt', 'Dockerfile', 'docker-compose.yml', 'compose.yaml',
    'docker-compose.yaml', 'go.mod', 'Cargo.toml', 'Gemfile', 'composer.json',
    'pom.xml', 'build.gradle', 'manage.py', 'next.config.js', 'vite.config.ts',
))
GITIGNORE_HEADER = '# together-hooks: keep .env files out of git, templates in'
OWN_KEY_RULE = 'together-own-key'
_MAX_ENV_FILE = 1 << 20


# --- names -----------------------------------------------------------------

def _parts(path: str) -> list[str]:
    path = path.replace('\\', '/')
    return [p for p in path.split('/') if p not in ('', '.')]


def _is_dotenv_name(name: str) -> bool:
    low = name.lower()
    return low == '.env' or low.startswith('.env.')


def _is_envrc_name(name: str) -> bool:
    low = name.lower()
    return low == '.envrc' or low.startswith('.envrc.')


def env_folder(path: str) -> str | None:
    """The ``.env/`` folder ``path`` lies in (``a/.env``), or None."""
    parts = _parts(path)
    for i, part in enumerate(parts[:-1]):
        if part.lower() == '.env':
            return '/'.join(parts[:i + 1])
    return None


def _allowed(path: str, allow: Iterable[str]) -> bool:
    from fnmatch import fnmatchcase  # only with --allow patterns

    parts = _parts(path)
    name = parts[-1] if parts else ''
    full = '/'.join(parts)
    for pattern in allow:
        target = full if '/' in pattern else name
        if fnmatchcase(target, pattern.strip('/') if '/' in pattern else pattern):
            return True
    return False


def is_template(path: str, allow: Iterable[str] = ()) -> bool:
    """An env file that may be committed while it holds no real key."""
    parts = _parts(path)
    if not parts or env_folder(path) is not None:
        return False
    name = parts[-1]
    if not (_is_dotenv_name(name) or _is_envrc_name(name)):
        return False
    if name.lower() == '.envrc':
        return True  # a direnv script: committed, checked for keys
    suffix = name.rsplit('.', 1)[-1].lower()
    return suffix in TEMPLATE_SUFFIXES or _allowed(path, allow)


def is_env_file(path: str) -> bool:
    """Whether forbid-env-files is concerned with ``path`` by its name.

    True for ``.env``, ``.env.<anything>`` (templates included),
    ``.envrc.<anything>`` and anything inside a ``.env/`` folder; False for
    names that merely contain "env" (``environment.py``, ``src/env.ts``,
    ``.envrc`` itself, ``.env-cmdrc``).
    """
    parts = _parts(path)
    if not parts:
        return False
    if env_folder(path) is not None:
        return True
    name = parts[-1]
    return _is_dotenv_name(name) or (
        _is_envrc_name(name) and name.lower() != '.envrc'
    )


def is_secret_env_file(path: str, allow: Iterable[str] = ()) -> bool:
    """An env file that must never be committed (not a template)."""
    return is_env_file(path) and not is_template(path, allow)


_STAGE_ALIASES = {
    'dev': 'development', 'develop': 'development',
    'prod': 'production', 'live': 'production',
    'stage': 'staging', 'stg': 'staging', 'preprod': 'staging',
    'testing': 'test', 'tests': 'test',
}


def stage_of(path: str) -> str:
    """``.env.production.local`` -> ``production``; ``.env`` and
    ``.env.local`` are the local default, ``development``."""
    name = _parts(path)[-1].lower()
    words = [w for w in name.split('.')[2:] if w and w != 'local']
    if not words:
        return 'development'
    return _STAGE_ALIASES.get(words[0], words[0])


# --- git ---------------------------------------------------------------------

def _git(root: str, *args: str, input: bytes | None = None, ok: tuple[int, ...] = (0,)) -> bytes:
    from together_hooks.sources import git

    return git(root, *args, input=input, ok=ok)


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b'\0') if p]


def tracked_env_files(root: str, allow: Iterable[str] = ()) -> list[str]:
    """Env files git tracks (templates excluded; files inside a ``.env/``
    folder included), relative to ``root``."""
    allow = tuple(allow)
    return [
        p for p in _split_z(_git(root, 'ls-files', '-z', '--cached'))
        if is_secret_env_file(p, allow)
    ]


def _ignored_local_files(root: str) -> list[str]:
    """Ignored files (ignored folders collapsed to ``dir/``, not walked)."""
    return _split_z(_git(
        root, 'ls-files', '-z', '--others', '--ignored', '--exclude-standard',
        '--directory',
    ))


def _local_env_files(root: str, everywhere: bool = False) -> list[str]:
    """Env files in the work tree: ignored ones in any folder and untracked
    ones at the root; ``everywhere`` adds untracked and tracked ones in any
    folder (two more walks of the tree, too slow for the hook's path)."""
    try:
        names = os.listdir(root)
    except OSError:
        names = []
    found = {n for n in names if _is_dotenv_name(n) or _is_envrc_name(n)}
    from together_hooks.errors import InputError
    from together_hooks.sources import git_may_claim

    if not git_may_claim(root):  # no repository: its top folder is all we know
        return sorted(found)
    try:
        found.update(_ignored_local_files(root))
    except InputError:  # not a git work tree: its top folder is all we know
        return sorted(found)
    if everywhere:
        found.update(_split_z(_git(root, 'ls-files', '-z', '--cached')))
        found.update(_split_z(_git(
            root, 'ls-files', '-z', '--others', '--exclude-standard',
        )))
    return sorted(
        p for p in found
        if not p.endswith('/') and env_folder(p) is None
        and (_is_dotenv_name(_parts(p)[-1]) or _is_envrc_name(_parts(p)[-1]))
    )


# --- check-ignore probes -----------------------------------------------------

class Probe(namedtuple(
        'Probe', 'path want_ignored source line pattern present',
        defaults=(False,),
)):
    """One path asked of ``git check-ignore``, with the rule that decided:
    ``path`` (str), ``want_ignored`` (bool), ``source`` / ``line`` /
    ``pattern`` of the rule ('' / 0 / '' when none matches) and
    ``present`` (the file exists, not just a probe name)."""

    __slots__ = ()

    @property
    def shared(self) -> bool:
        """Decided by a committed .gitignore (not info/exclude or global)."""
        s = self.source.replace('\\', '/')
        return (
            s.rsplit('/', 1)[-1] == '.gitignore' and not os.path.isabs(s)
            and not s.startswith('.git/')
        )

    @property
    def ignored(self) -> bool:
        return bool(self.pattern) and not self.pattern.startswith('!')

    @property
    def ok(self) -> bool:
        if not self.want_ignored:
            return not self.ignored
        return self.ignored and self.shared

    @property
    def fix_line(self) -> str:
        name = _parts(self.path)[-1]
        if not self.want_ignored:
            return '!' + name
        if name.lower().startswith('.envrc.'):
            return '.envrc.*'
        return '.env' if name.lower() == '.env' else '.env.*'


def check_ignore(root: str, paths: list[str]) -> dict[str, tuple[str, int, str]]:
    """path -> (source, line, pattern) of the deciding rule ('' if none)."""
    if not paths:
        return {}
    out = _git(
        root, 'check-ignore', '--no-index', '--verbose', '--non-matching',
        '--stdin', '-z', input=b''.join(os.fsencode(p) + b'\0' for p in paths),
        ok=(0, 1),
    )
    fields = out.split(b'\0')
    result = {}
    for i in range(0, len(fields) - 3, 4):
        source, line, pattern, path = fields[i:i + 4]
        result[os.fsdecode(path)] = (
            os.fsdecode(source), int(line) if line else 0, os.fsdecode(pattern),
        )
    return result


def _folders(files: list[str]) -> list[str]:
    """Folders to probe: every folder holding a file; in a large repo only
    the top level and folders with their own rules, a project or env
    files."""
    folders: set[str] = {''}
    tops: set[str] = {''}
    special: set[str] = set()
    for path in files:
        parts = _parts(path)
        venv = env_folder(path)
        if venv is not None:  # probe where the .env/ folder sits, not inside
            special.add(venv.rpartition('/')[0])
            continue
        if len(parts) < 2:
            continue
        folder = '/'.join(parts[:-1])
        folders.add(folder)
        tops.add(parts[0])
        if parts[-1] in _PROJECT_MARKERS or is_env_file(path):
            special.add(folder)
    if len(folders) > MAX_PROBE_FOLDERS:
        folders = tops
    return sorted(folders | special)


# ``git ls-files`` of a work tree: tracked, untracked (present and not
# ignored) and ignored paths (ignored folders as ``dir/``), lists of str.
Listing = namedtuple('Listing', 'tracked untracked ignored')


def listing(root: str) -> Listing:
    # One ls-files for tracked and untracked files: -t tags each path
    # ("? " untracked; "H ", "S ", "M "... tracked).
    tracked, untracked = [], []
    for entry in _split_z(_git(
            root, 'ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard',
    )):
        (untracked if entry[:2] == '? ' else tracked).append(entry[2:])
    return Listing(tracked, untracked, _ignored_local_files(root))


def probes(
        root: str, allow: Iterable[str] = (), files: Listing | None = None,
) -> list[Probe]:
    """Every probe of the repository at ``root``, with git's verdict."""
    allow = tuple(allow)
    files = listing(root) if files is None else files
    present = sorted(set(files.tracked) | set(files.untracked))
    want: dict[str, bool] = {}
    for folder in _folders(present):
        for name in ROOT_PROBES if not folder else SUBFOLDER_PROBES:
            want[f'{folder}/{name}' if folder else name] = True
    templates = [  # an ignored one too: that is the problem to report
        p for p in sorted(set(present) | set(files.ignored))
        if is_template(p, allow) and _parts(p)[-1].lower() != '.envrc'
    ]
    present = set()
    for path in files.untracked:  # present, not ignored: about to be committed
        if is_secret_env_file(path, allow) and env_folder(path) is None:
            want[path] = True
            present.add(path)
    for path in list(want):
        if is_template(path, allow):
            del want[path]  # an --allow pattern made a probe a template
    for path in templates:
        want[path] = False
        present.add(path)
    if not templates:
        want[DEFAULT_TEMPLATE] = False
    verdicts = check_ignore(root, list(want))
    return [
        Probe(path, wanted, *verdicts.get(path, ('', 0, '')), path in present)
        for path, wanted in want.items()
    ]


def _shown(paths: list[str], limit: int = 3) -> str:
    head = ', '.join(paths[:limit])
    return head + (f' (+{len(paths) - limit} more)' if len(paths) > limit else '')


def _where(probe: Probe) -> str:
    return f'`{probe.pattern}` ({probe.source}:{probe.line})'


def problems_of(
        found: list[Probe], tracked: Iterable[str] = (), allow: Iterable[str] = (),
) -> list[str]:
    """One message per problem: failing probes grouped by cause, then
    tracked env files (which no ignore rule can cover)."""
    allow = tuple(allow)
    groups: dict[tuple[object, ...], list[Probe]] = {}
    for probe in found:
        if probe.ok:
            continue
        if not probe.want_ignored:
            key: tuple[object, ...] = ('template', probe.source, probe.line, probe.pattern)
        elif probe.present:
            key = ('present', probe.fix_line)
        elif not probe.pattern:
            key = ('none', probe.fix_line)
        elif probe.pattern.startswith('!'):
            key = ('negated', probe.fix_line, probe.source, probe.line, probe.pattern)
        else:
            key = ('local-only', probe.fix_line, probe.source)
        groups.setdefault(key, []).append(probe)
    messages = []
    for key, group in groups.items():
        paths = [p.path for p in group]
        first = group[0]
        fix = first.fix_line
        if key[0] == 'template':
            names = ', '.join(f'`{n}`' for n in sorted({p.fix_line for p in group}))
            messages.append(
                f'{_shown(paths)}: template would be ignored by {_where(first)}; '
                f'templates must stay committable: add {names} to .gitignore '
                f'after that rule',
            )
        elif key[0] == 'present':
            messages.append(
                f'{_shown(paths)}: in the work tree and not ignored, so '
                f'`git add .` would commit it; add `{fix}` to .gitignore',
            )
        elif key[0] == 'none':
            messages.append(
                f'{_shown(paths)}: would not be ignored (no ignore rule matches); '
                f'add `{fix}` to .gitignore',
            )
        elif key[0] == 'negated':
            messages.append(
                f'{_shown(paths)}: would not be ignored: {_where(first)} '
                f're-includes it; remove that rule or add `{fix}` after it',
            )
        else:
            what = (
                "this clone's .git/info/exclude" if first.source.startswith('.git/')
                else f'your global excludes ({first.source})'
            )
            messages.append(
                f'{_shown(paths)}: ignored only by {what}, which teammates do '
                f'not have; add `{fix}` to .gitignore',
            )
    folders = []
    for path in tracked:
        folder = env_folder(path)
        if folder is not None:
            if folder not in folders:
                folders.append(folder)
        elif is_secret_env_file(path, allow):
            messages.append(
                f'{path}: tracked by git, so .gitignore does not apply to it; '
                f'untrack it with `git rm --cached {_quote(path)}`',
            )
    for folder in folders:
        messages.append(
            f'{folder}/: tracked by git, so .gitignore does not apply to it; '
            f'untrack it with `git rm -r --cached {_quote(folder)}`',
        )
    return messages


def gitignore_problems(root: str, allow: Iterable[str] = ()) -> list[str]:
    """One message per problem with how .gitignore covers env files; empty
    when every probe is ignored by a committed rule and templates are not."""
    allow = tuple(allow)
    files = listing(root)
    return problems_of(probes(root, allow, files), files.tracked, allow)


def _quote(path: str) -> str:
    import shlex

    return shlex.quote(path)


# --- --fix -------------------------------------------------------------------

def _read_gitignore(path: str) -> str:
    from together_hooks.errors import InputError
    from together_hooks.sources import read_config_file

    try:
        raw = read_config_file(path)  # a link to /dev/zero must not hang --fix
    except FileNotFoundError:
        return ''
    except IsADirectoryError:
        raise InputError(f'{path} is a folder, not a file')
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        raise InputError(f'{path} is not UTF-8 text; add the rules by hand')


def _needed(lines: list[str], line: str, after: int) -> bool:
    """Append ``line`` unless it already stands after line ``after`` (1-based):
    appended once, it is never appended again (idempotent even when another
    rule still wins, e.g. an excluded parent folder)."""
    return all(
        existing.strip().lstrip('\ufeff') != line for existing in lines[after:]
    )


def _append(path: str, text: str, new: list[str]) -> str:
    eol = '\r\n' if '\r\n' in text else '\n'
    out = text
    if out and not out.endswith('\n'):
        out += eol
    if GITIGNORE_HEADER not in text:
        if out.strip() and not out.endswith(eol + eol):
            out += eol  # a blank line before our block
        out += GITIGNORE_HEADER + eol
    out += ''.join(line + eol for line in new)
    from together_hooks.pipeline import write_atomic

    write_atomic(path, out)
    return out


_RULE_ORDER = {'.env': 0, '.env.*': 1, '.envrc.*': 2}


def fix_gitignore(root: str, allow: Iterable[str] = ()) -> list[str]:
    """Append the missing rules to the root .gitignore; the lines added.

    Env rules first, then template negations (re-probed, since the rules
    just added may be what ignores a template).  Only a problem the root
    .gitignore can fix is touched: a nested .gitignore's own rules win.
    """
    allow = tuple(allow)
    target = os.path.realpath(os.path.join(root, '.gitignore'))
    added: list[str] = []
    files = listing(root)
    for want_ignored in (True, False):
        text = _read_gitignore(target)
        lines = text.splitlines()
        new: list[str] = []
        for probe in probes(root, allow, files):
            if probe.ok or probe.want_ignored != want_ignored:
                continue
            if probe.source and probe.shared and probe.source != '.gitignore':
                continue  # a nested .gitignore decides; the root can't override
            after = probe.line if probe.source == '.gitignore' else 0
            line = probe.fix_line
            if line not in new and _needed(lines, line, after):
                new.append(line)
        if new:
            new.sort(key=lambda rule: _RULE_ORDER.get(rule, len(_RULE_ORDER)))
            _append(target, text, new)
            added.extend(new)
    return added


# --- own keys -----------------------------------------------------------------

# Regex sources, compiled (and cached by re) on first use.
_NAMED_KEY = r'(?i)together.*(?:key|token)'
_ASSIGN = rb'(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*[=:][ \t]*(.*?)[ \t]*\r?$'
_VALUE_CHARS = r'[A-Za-z0-9_\-.+/=~]+\Z'
_ESCAPES = rb'\\u00([0-7][0-9A-Fa-f])|\\x([0-7][0-9A-Fa-f])|\\\r?\n|\\(/)'


def _unquote(value: bytes) -> bytes:
    if len(value) >= 2 and value[:1] in (b'"', b"'") and value[-1:] == value[:1]:
        return value[1:-1]
    return value.split(b' #', 1)[0].split(b'\t#', 1)[0].strip()


def plausible_key(value: str) -> bool:
    """A value of a Together-named variable worth matching as an exact copy.

    Format-valid keys always are; other shapes (a future format) only when
    long and random, so ``TOGETHER_API_KEY=test`` never matches everywhere.
    """
    from together_hooks.detect import entropy
    from together_hooks.detect import scan_bytes

    if 'tgp_v1_' in value or len(value) == 64:
        probe = f'TOGETHER_API_KEY={value}'.encode('utf-8', 'replace')
        if any(f.secret == value for f in scan_bytes(probe, '<env>')):
            return True
    low = value.lower()
    return (
        len(value) >= 32 and re.compile(_VALUE_CHARS).match(value) is not None
        and entropy(value) >= 4.0 and len(set(value)) >= 16
        and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
        and not any(w in low for w in ('your', 'example', 'placeholder', 'changeme', 'xxxx'))
    )


_SEGMENT_SPLIT = r'[-_./:@]'
_PLACEHOLDER_WORDS = ('your', 'example', 'placeholder', 'changeme', 'xxxx', 'replace', 'dummy', 'sample', 'secret', 'token', 'here')


def looks_like_secret(value: str) -> bool:
    """A template value that looks like a real credential, whatever its
    provider: a long random run (16+ characters of letters and digits).

    Readable values do not: model ids (``meta-llama/Llama-3.3-70B``), URLs
    without credentials, UUIDs (short groups), words and placeholders.
    """
    from together_hooks.detect import entropy

    if re.compile(_VALUE_CHARS).match(value) is None and '@' not in value:
        return False
    low = value.lower()
    if any(w in low for w in _PLACEHOLDER_WORDS):
        return False
    for seg in re.compile(_SEGMENT_SPLIT).split(value):
        if (
                len(seg) >= 16 and len(set(seg)) >= 10 and entropy(seg) >= 3.3
                and any(c.isdigit() for c in seg) and any(c.isalpha() for c in seg)
        ):
            return True
    return False


def secret_values(data: bytes) -> list[tuple[int, str, str]]:
    """(line, name, value) of each assignment whose value looks like a real
    credential (``looks_like_secret``): what a template must not hold."""
    found = []
    for m in re.compile(_ASSIGN).finditer(data):
        value = _unquote(m.group(2)).decode('utf-8', 'replace')
        if value and looks_like_secret(value):
            line = data.count(b'\n', 0, m.start()) + 1
            found.append((line, m.group(1).decode('ascii', 'replace'), value))
    return found


def keys_in_env(data: bytes) -> set[str]:
    """Key values an env file (or an environment dump) holds."""
    from together_hooks.detect import scan_bytes

    found = {f.secret for f in scan_bytes(data, '.env')}
    for m in re.compile(_ASSIGN).finditer(data):
        if not re.compile(_NAMED_KEY).search(m.group(1).decode('ascii', 'replace')):
            continue
        value = _unquote(m.group(2)).decode('utf-8', 'replace')
        if value not in found and plausible_key(value):
            found.add(value)
    return found


def keys_in_environ(environ: Mapping[str, str]) -> set[str]:
    found: set[str] = set()
    for name, value in environ.items():
        value = value.strip()
        if re.compile(_NAMED_KEY).search(name):
            if plausible_key(value):
                found.add(value)
        elif 'tgp_v1_' in value:
            found.update(keys_in_env(value.encode('utf-8', 'replace')))
    return found


def _pct(data: bytes, fmt: str) -> bytes:
    return ''.join(fmt % b for b in data).encode('ascii')


def _b64_variants(raw: bytes) -> set[bytes]:
    """The base64 text of ``raw`` at each of the three byte alignments it
    can have inside a longer encoded value, trimmed to the characters that
    depend on ``raw`` alone; standard and URL-safe alphabets."""
    from base64 import b64encode

    out = set()
    for shift in range(3):
        enc = b64encode(b'\0' * shift + raw)
        lead = 0 if shift == 0 else 4
        usable = (shift + len(raw)) // 3 * 4
        core = enc[lead:usable]
        if len(core) >= 24:
            out.add(core)
            out.add(core.translate(bytes.maketrans(b'+/', b'-_')))
    return out


_UNRESERVED = frozenset(
    b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~',
)


def _url_quote(raw: bytes) -> bytes:
    """``urllib.parse.quote(value, safe='')`` without importing urllib."""
    return b''.join(
        bytes((b,)) if b in _UNRESERVED else b'%%%02X' % b for b in raw
    )


class OwnKeys:
    """The developer's own key values and their encoded forms, in memory.

    ``find`` is built for the hot path: the variants are made once, and a
    file costs one ``in`` check per variant unless one is present.
    """

    __slots__ = ('_keys', '_variants', '_hashes')

    def __init__(self, values: Iterable[str]) -> None:
        self._keys = tuple(sorted({v for v in values if v}))
        self._hashes: tuple[str, ...] = ()
        self._variants: tuple[tuple[bytes, int, str], ...] = ()
        if not self._keys:  # the common case: nothing to import or build
            return
        from together_hooks.detect import hash_secret

        self._hashes = tuple(hash_secret(k) for k in self._keys)
        variants: dict[bytes, tuple[int, str]] = {}
        for i, key in enumerate(self._keys):
            raw = key.encode('utf-8')
            for needle, encoding in (
                    (raw, 'raw'),
                    (_url_quote(raw), 'url'),
                    (_pct(raw, '%%%02X'), 'url'),
                    (_pct(raw, '%%%02x'), 'url'),
            ):
                variants.setdefault(needle, (i, encoding))
            for needle in sorted(_b64_variants(raw)):
                variants.setdefault(needle, (i, 'base64'))
        self._variants = tuple((n, i, e) for n, (i, e) in variants.items())

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f'OwnKeys({len(self._keys)} key(s))'

    @property
    def hashes(self) -> tuple[str, ...]:
        """``hashed_secret`` of each key (what may be shown or stored)."""
        return self._hashes

    def _hits(self, data: bytes) -> list[tuple[int, int, str]]:
        hits = []
        for needle, i, encoding in self._variants:
            if needle in data:
                at = data.find(needle)
                while at != -1:
                    hits.append((at, i, encoding))
                    at = data.find(needle, at + 1)
        if b'\\' in data and (b'\\u00' in data or b'\\x' in data or b'\\\n' in data
                              or b'\\\r\n' in data or b'\\/' in data):
            hits.extend(self._escaped_hits(data))
        return hits

    def _escaped_hits(self, data: bytes) -> list[tuple[int, int, str]]:
        """Copies split by string escapes (``\\u005f``, ``\\x2d``, a
        backslash-newline continuation): matched in an unescaped copy and
        reported where they start in the original."""
        pieces = []
        starts: list[tuple[int, int]] = []  # (offset in copy, offset in data)
        pos = 0
        length = 0
        for m in re.compile(_ESCAPES).finditer(data):
            pieces.append(data[pos:m.start()])
            length += m.start() - pos
            starts.append((length, m.start()))
            hexa = m.group(1) or m.group(2)
            repl = bytes([int(hexa, 16)]) if hexa else (m.group(3) or b'')
            pieces.append(repl)
            length += len(repl)
            starts.append((length, m.end()))
            pos = m.end()
        if not starts:
            return []
        pieces.append(data[pos:])
        plain = b''.join(pieces)
        import bisect

        hits = []
        for i, key in enumerate(self._keys):
            raw = key.encode('utf-8')
            at = plain.find(raw)
            while at != -1:
                k = bisect.bisect_right(starts, (at, len(data) + 1)) - 1
                base = starts[k] if k >= 0 else (0, 0)
                orig = base[1] + (at - base[0])
                if not data.startswith(raw, orig):  # not a raw copy
                    hits.append((orig, i, 'escape'))
                at = plain.find(raw, at + 1)
        return hits

    def find(
            self, data: bytes, path: str, already: Iterable[Finding] = (),
    ) -> list[Finding]:
        """Findings for exact copies of an own key the regular rules did not
        already report at that spot (same line, same key)."""
        if not self._keys:
            return []
        hits = self._hits(data)
        if not hits:
            return []
        from together_hooks.detect import Finding

        seen = {(f.line, f.hashed_secret) for f in already}
        found = []
        done = set()
        # Hits are sorted: count newlines from the previous hit only, so a
        # file holding thousands of copies stays linear.
        line, line_start, last = 1, 0, 0
        for offset, i, encoding in sorted(hits):
            newlines = data.count(b'\n', last, offset)
            if newlines:
                line += newlines
                line_start = data.rfind(b'\n', last, offset) + 1
            last = offset
            if (line, self._hashes[i]) in seen or (offset, i) in done:
                continue
            done.add((offset, i))
            column = offset - line_start + 1
            found.append(Finding(path, line, column, OWN_KEY_RULE, self._keys[i], encoding))
        return found


def _env_files_near(root: str, folders: Iterable[str]) -> list[str]:
    """Env files at the root and in ``folders`` (relative), by name only."""
    found = set()
    for folder in {'', *folders}:
        if folder.startswith('..'):
            continue
        try:
            names = os.listdir(os.path.join(root, folder) if folder else root)
        except OSError:
            continue
        for name in names:
            if _is_dotenv_name(name) or _is_envrc_name(name):
                found.add(f'{folder}/{name}' if folder else name)
    return sorted(p for p in found if env_folder(p) is None)


def own_keys(
        root: str = '.', environ: Mapping[str, str] | None = None,
        near: Iterable[str] | None = None,
) -> OwnKeys:
    """The key values this developer holds: ``TOGETHER_*KEY`` variables (and
    any variable holding a ``tgp_v1_`` key) in the environment, and keys in
    the repo's local env files (untracked or ignored, not templates).

    With ``near`` (folders relative to ``root``), only env files at the root
    and in those folders are read, without asking git which are ignored.
    """
    values = keys_in_environ(os.environ if environ is None else environ)
    files = _local_env_files(root) if near is None else _env_files_near(root, near)
    for rel in files:
        if is_template(rel) and _parts(rel)[-1].lower() != '.envrc':
            continue
        data = _read_small(os.path.join(root, rel))
        if data:
            values |= keys_in_env(data)
    return OwnKeys(values)


def _read_small(path: str) -> bytes | None:
    import stat

    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_ENV_FILE:
            return None
        with open(path, 'rb') as f:
            return f.read()
    except OSError:
        return None


# --- environment separation -------------------------------------------------

def shared_keys_across_stages(root: str) -> list[tuple[str, str]]:
    """Pairs of env files of different stages holding the same Together
    key (``.env.development`` and ``.env.production``), names only."""
    from together_hooks.detect import hash_secret

    holders: dict[str, list[str]] = {}
    for rel in _local_env_files(root, everywhere=True):
        name = _parts(rel)[-1]
        if not _is_dotenv_name(name) or is_template(rel):
            continue
        data = _read_small(os.path.join(root, rel))
        if not data:
            continue
        for key in keys_in_env(data):
            holders.setdefault(hash_secret(key), []).append(rel)
    pairs = set()
    for files in holders.values():
        for i, a in enumerate(files):
            for b in files[i + 1:]:
                if stage_of(a) != stage_of(b):
                    pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)
