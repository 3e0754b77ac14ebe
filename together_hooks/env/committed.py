"""Which files a setting the repository commits may make us WRITE (a
hook's ``--output``, ``--audit-log`` or ``--replacements`` in
.pre-commit-config.yaml, the config file's ``baseline``).

Every clone runs those settings, so they are the repository's choice, not
the developer's, and may name only a file of their own: inside the work
tree and outside its ``.git`` (``fileio.refuse_committed_write``), and
never one of the files a developer keeps beside the code.  Refused:

- a file git tracks (a committed ``--output Makefile`` would replace the
  Makefile in every clone on the next commit); the configured baseline
  is the exception, as teams commit it;
- an env file (``.env``, ``.env.local``, ``.envrc``: the developer's own
  keys, never tracked, which a report written over would destroy);
- the files git itself reads from the work tree, tracked or not
  (``.gitignore``, ``.gitattributes``, ``.gitmodules``, ``.mailmap``);
- for a setting whose file is replaced (a report, a replacements file),
  any file git does not ignore: an existing one is work the developer has
  not added yet (``--output src/new_module.py``, ``notes.txt``), and a
  new one, written, would be that on the next run.  A report the team
  means to keep writing is ignored, as the docs ask.

A path typed on the command line, or named by a variable or an untracked
local config, stays the user's own choice.
"""
from __future__ import annotations

import os

from together_hooks import regex_cache
from together_hooks.env.names import is_env_file
from together_hooks.env.names import path_parts
from together_hooks.errors import InputError

GIT_READS = frozenset(('.gitignore', '.gitattributes', '.gitmodules', '.mailmap'))
# Their 8.3 short names on Windows (``GITMOD~1``, ``ENV~1``, ``ENV~1.LOC``),
# as git refuses ``GIT~1`` and ``GITMOD~1`` in a tree.  (From the user's
# cache: a committed-settings check under pre-commit imports no ``re``.)
_GIT_READS_SHORT = regex_cache.compile(r'(?:gitign|gitatt|gitmod|mailma)~[0-9]+\Z')
_ENV_SHORT = regex_cache.compile(r'env(?:rc)?~[0-9]+(?:\.[^.]*)?\Z')


def spelt(name: str) -> str:
    """The file ``name`` is where case does not count (macOS, Windows)
    and NTFS drops trailing dots and blanks and reads ``NAME::$DATA`` (a
    stream) as NAME: ``.gitignore.`` and ``.env::$DATA`` are .gitignore
    and .env there (``fileio._is_git_name`` reads ``.git`` so): as
    ``names.read_as`` reads it."""
    from together_hooks.env.names import read_as

    return read_as(name)


def refuse(
        path: str, within: str | None, what: str, tracked_ok: bool = False,
        replaces: bool = False,
) -> None:
    """One line (InputError) unless a committed setting may write ``path``
    (the module docstring); ``within``: the work tree (None: none, nothing
    to guard); ``replaces``: the write replaces the file (not an append)."""
    from together_hooks.fileio import refuse_committed_write

    refuse_committed_write(path, within, what)
    if within is None:
        return
    from together_hooks.messages import shell_quote

    shown = shell_quote(path)
    if not tracked_ok:  # (a baseline is read too: its link out is refused where it is written)
        from together_hooks.fileio import leaves

        how = leaves(path, within)
        if how is not None:  # a committed link out: to a file, a pipe, a device of the user's
            raise InputError(
                f'{shown}: {what} named by a committed setting {how}; refusing to write '
                'it (name a file inside the repository)',
            )
    # Judged as named and where it really is: a committed link
    # (``report.txt -> .env``, ``logs -> api``) is written where it points.
    names = [path]
    real = os.path.relpath(os.path.realpath(path), os.path.realpath(within))
    if real != os.curdir and not real.startswith(os.pardir + os.sep):
        names.append(real)
    # As the file system it lands on reads it (see ``spelt``).
    last = [spelt((path_parts(each) or [''])[-1]) for each in names]
    if (any(is_env_file(each) for each in names) or any(is_env_file(each) for each in last)
            or any(_ENV_SHORT.match(each) for each in last) or '.envrc' in last):
        raise InputError(
            f'{shown}: {what} named by a committed setting is an env file, where a '
            'developer keeps their own keys; refusing to write it (name another file)',
        )
    if GIT_READS.intersection(last) or any(_GIT_READS_SHORT.match(each) for each in last):
        raise InputError(
            f'{shown}: {what} named by a committed setting is a file git reads '
            '(its rules for the work tree); refusing to write it (name another file)',
        )
    if not tracked_ok and _tracked(path, within):
        raise InputError(
            f'{shown}: {what} named by a committed setting is a file git tracks; '
            'refusing to replace it (name a file git does not track, and ignore it)',
        )
    if replaces and not _ignored(path, within):
        if os.path.lexists(path):
            raise InputError(
                f'{shown}: {what} named by a committed setting is an existing file git '
                'neither tracks nor ignores (work not added yet?); refusing to replace it '
                '(ignore the file in .gitignore, or name another one)',
            )
        # Not there yet: written now, it would be refused on the next run
        # (as work not added yet), or staged by ``git add -A`` and then
        # refused as tracked.  Said on the first run, not the second.
        raise InputError(
            f'{shown}: {what} named by a committed setting must be a file git ignores '
            '(every run replaces it; unignored, the next run would take it for work '
            'not added yet, or it would be committed); add it to .gitignore',
        )


def _tracked(path: str, within: str) -> bool:
    """Whether a repository tracks ``path``: the work tree ``within``'s
    index, or the one of the repository its folder really lies in (a
    submodule, a repository cloned into the tree: the outer index lists
    none of their files)."""
    from together_hooks.gitrun import git

    real = os.path.realpath(path)
    rel = os.path.relpath(real, os.path.realpath(within))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return False  # not the tree's (git would fail on it)
    out = git(within, 'ls-files', '-z', '--', _spec(within, rel))
    if out.strip(b'\0'):
        return True
    folder = os.path.dirname(real)
    if folder == os.path.realpath(within) or not os.path.isdir(folder):
        return False
    # Asked of the folder's own repository: not the index a hook run under
    # ``git commit`` is given (GIT_INDEX_FILE, the outer one's).
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    try:
        out = git(folder, 'ls-files', '-z', '--', _spec(folder, os.path.basename(real), env),
                  env=env)
    except InputError:  # in no repository, or one git cannot read: none tracks it
        return False
    return bool(out.strip(b'\0'))


def _ignored(path: str, within: str) -> bool:
    """Whether git ignores ``path`` where it really lies (the repository
    of its folder: a submodule's own rules for a file in it)."""
    from together_hooks.gitrun import git

    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    while folder and not os.path.isdir(folder):  # a folder not made yet: from its parent
        folder, up = os.path.split(folder)
        name = os.path.join(up, name)
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    try:  # it names the file when ignored (exit 0), nothing when not (exit 1)
        out = git(folder, 'check-ignore', '--no-index', '--', name,
                  ok=(0, 1), env=env)
    except InputError:  # in no repository: nothing ignores it
        return False
    return bool(out.strip())


def _spec(where: str, rel: str, env: dict[str, str] | None = None) -> str:
    """``rel`` as a pathspec naming that one file, in any case where the
    repository says case does not count (``core.ignorecase``: macOS,
    Windows, where ``MAKEFILE`` is the Makefile)."""
    from together_hooks.gitrun import git

    try:
        ignorecase = git(where, 'config', '--type=bool', 'core.ignorecase', ok=(0, 1), env=env)
    except InputError:
        ignorecase = b''
    return (':(literal,icase)' if ignorecase.strip() == b'true' else ':(literal)') + rel


_REPOSITORY_VARIABLES = frozenset((
    'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX',
    'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE',
))
