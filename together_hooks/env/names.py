"""The env-file naming policy: which files are env files, which are
templates (committable while they hold no real key), and their stage.

``.env`` and ``.env.<anything>`` in any folder are env files (they hold
local configuration and secrets); templates (``.env.example``,
``.env.sample``, ``.env.template``, ``.env.dist`` and ``--allow``
patterns) may be committed while they hold no real key.  Anything inside a
folder named ``.env/`` (usually a virtualenv) is refused too.  direnv's
``.envrc`` is a script teams commit, so it is checked like a template
(refused only when it holds a key); ``.envrc.<anything>`` is direnv's
private-overrides convention and is refused like ``.env.local``.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable

TEMPLATE_SUFFIXES = ('example', 'sample', 'template', 'dist')


def path_parts(path: str) -> list[str]:
    path = path.replace('\\', '/')
    return [p for p in path.split('/') if p not in ('', '.')]


def is_dotenv_name(name: str) -> bool:
    low = name.lower()
    return low == '.env' or low.startswith('.env.')


def is_envrc_name(name: str) -> bool:
    low = name.lower()
    return low == '.envrc' or low.startswith('.envrc.')


def env_folder(path: str) -> str | None:
    """The ``.env/`` folder ``path`` lies in (``a/.env``), or None."""
    if '.env/' not in path.replace('\\', '/').lower():
        return None  # most paths: no part is .env with more after it
    parts = path_parts(path)
    for i, part in enumerate(parts[:-1]):
        if part.lower() == '.env':
            return '/'.join(parts[:i + 1])
    return None


def _allowed(path: str, allow: Iterable[str]) -> bool:
    patterns = tuple(allow)
    if not patterns:
        return False  # most repositories: no --allow, no env-templates
    from fnmatch import fnmatchcase  # only with --allow patterns

    parts = path_parts(path)
    name = parts[-1] if parts else ''
    full = '/'.join(parts)
    for pattern in patterns:
        target = full if '/' in pattern else name
        if fnmatchcase(target, pattern.strip('/') if '/' in pattern else pattern):
            return True
    return False


def is_template(path: str, allow: Iterable[str] = ()) -> bool:
    """An env file that may be committed while it holds no real key."""
    if '.env' not in path.lower():
        return False  # most paths: no name starts with .env
    parts = path_parts(path)
    if not parts or env_folder(path) is not None:
        return False
    name = parts[-1]
    if not (is_dotenv_name(name) or is_envrc_name(name)):
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
    if '.env' not in path.lower():
        return False  # most paths: no part starts with .env
    parts = path_parts(path)
    if not parts:
        return False
    if env_folder(path) is not None:
        return True
    name = parts[-1]
    return is_dotenv_name(name) or (
        is_envrc_name(name) and name.lower() != '.envrc'
    )


def ignore_rule(name: str) -> str:
    """The .gitignore line that ignores env files named like ``name``
    (``.env``, ``.env.*``, direnv's ``.envrc.*``)."""
    low = name.lower()
    if low.startswith('.envrc.'):
        return '.envrc.*'
    return '.env' if low == '.env' else '.env.*'


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
    ``.env.local`` are the local default, ``development``."""
    name = path_parts(path)[-1].lower()
    words = [w for w in name.split('.')[2:] if w and w != 'local']
    if not words:
        return 'development'
    return _STAGE_ALIASES.get(words[0], words[0])
