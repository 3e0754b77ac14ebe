"""Where the keys a developer holds come from, asked cheaply: which
environment variables may hold one (``may_hold``), and which local env
files there are (``local_env_files``: one ``git ls-files`` walk; for the
hook's first stage, ``none_under``: whether there is certainly none past
the top folder, told by a walk of its own).

Reading the keys themselves is ``env.ownkeys``' job; these two questions
live here, apart from it, so that the hook's first stage
(``hooks.first_stage``) asks exactly what ``own_keys`` reads without
loading the env-file parser or the engine.
"""
from __future__ import annotations

import os

from together_hooks.env.names import env_folder
from together_hooks.env.names import is_dotenv_name
from together_hooks.env.names import is_envrc_name
from together_hooks.env.names import path_parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Container

    from together_hooks.gitrun import Listings


def may_hold(name: str, value: str) -> bool:
    """Whether the environment variable ``name`` may hold a key of the
    developer's (``env.values.keys_in_environ`` reads only these), or is
    one of our own settings (``TOGETHER_HOOKS_*``: the first stage hands
    a run with one to the full hook): its name says Together and a key
    word (a cheap superset of ``values.is_key_name``, no regex), or its
    value holds a current key's prefix.  ``TOGETHER_TESTS_RUN_LOG`` (no
    key word) is none."""
    if 'tgp_v1_' in value:
        return True
    up = name.upper()
    return 'TOGETHER' in up and (
        up.startswith('TOGETHER_HOOKS_') or 'KEY' in up or 'TOKEN' in up or 'SECRET' in up)


def local_env_files(
        root: str, everywhere: bool = False,
        index: Callable[[str], Container[bytes] | None] | None = None,
        listings: Listings | None = None,
) -> list[str]:
    """Env files in the work tree: untracked ones, ignored or not, in any
    folder but an ignored one (``untracked_env_files``: one walk), and
    those at the root; ``everywhere`` adds every untracked and tracked
    one (two more walks of the tree, too slow for the hook's path).
    ``index``: the index's paths of a work tree, when read without git
    (``sources.index.index_entries``, handed in from above this layer;
    None: git's to read): a walk that meets no name git's walk could
    list past the top folder (``none_under``) then answers for git, and
    no git process starts (the hook's, as its first stage asks).
    ``listings``: the run's (``gitrun.Listings``), where other checks list
    the same tree: each listing is asked once."""
    found = set(root_env_files(root))
    from together_hooks.errors import InputError
    from together_hooks.gitrun import git
    from together_hooks.gitrun import git_may_claim
    from together_hooks.gitrun import zsplit

    if not git_may_claim(root):  # no repository: its top folder is all we know
        return sorted(found)
    if index is not None and not everywhere:
        tracked = index(root)
        if tracked is not None and none_under(root, tracked, top=found):
            return _env_named(found)  # git's walk would add none to the top folder's
    try:
        found.update(untracked_env_files(root, listings))
    except InputError as e:
        if os.path.lexists(os.path.join(root, '.git')):
            from together_hooks.gitrun import git_probe

            if git_probe(root, 'rev-parse', '--git-dir') is not None:
                # A repository git opens and then fails to list, whatever
                # the failure (a damaged index; git stuck on a FIFO among
                # the exclude files it reads, ``.gitignore`` or
                # ``core.excludesFile``): going on would pass the keys its
                # env files hold.
                raise InputError(f'cannot list the untracked env files whose keys you hold: {e}')
        # Not a git work tree (a bare repository, a folder git does not
        # claim, one it refuses to open) or no git to ask: its top folder
        # is all we know.
        return sorted(found)
    if everywhere and listings is not None:  # (its halves: the two listings below)
        found.update(listings.tracked())
        found.update(listings.untracked())
    elif everywhere:
        found.update(zsplit(git(root, 'ls-files', '-z', '--cached')))
        found.update(zsplit(git(
            root, 'ls-files', '-z', '--others', '--exclude-standard',
        )))
    return _env_named(found)


def _env_named(found: set[str]) -> list[str]:
    """The env files among ``found`` (paths git listed, the top folder's
    names), sorted: no folder, none inside a ``.env/`` folder."""
    return sorted(
        p for p in found
        if not p.endswith('/') and env_folder(p) is None
        and (is_dotenv_name(path_parts(p)[-1]) or is_envrc_name(path_parts(p)[-1]))
    )


# Entries ``none_under`` meets before it leaves the question to git.
WALK_MOST = 1000


def none_under(
        root: str, tracked: Container[bytes], most: int = WALK_MOST,
        files: dict[bytes, set[bytes]] | None = None, top: Container[str] = (),
) -> bool:
    """Whether ``local_env_files(root)`` is certainly no more than
    ``root_env_files(root)``, told without git: a walk of every folder
    under ``root`` (links not followed; entries named ``.git`` skipped:
    git neither lists nor enters them) meets no file ``tracked`` (index
    paths, as bytes) does not hold whose name holds ``.env`` in any case
    or is not printable ASCII (the only names git's walk lets through,
    ``_ENV_LIST``, each read the same here; a name git may spell otherwise,
    another normalisation, is among them).  git's walk enters fewer folders
    (never an ignored one, nor ``.git``), so none here is none there.
    False (ask git) on such a name, a folder that cannot be listed, or more
    than ``most`` entries: past that the walk would cost about what git's
    process does (docs/performance.md, "Issue 17, session 26: the hook").
    ``files``, when the answer is True: each folder (as index paths name
    it, b'' the top) and the names of the regular files and links in it,
    which the index check would list again (``sources.index``).
    ``top``: names of the top folder's files passed over (the env files
    ``root_env_files`` lists, which ``local_env_files`` holds whatever git
    lists: git's walk would add only themselves)."""
    todo = ['']
    seen = 0
    while todo:
        folder = todo.pop()
        held = set()
        try:
            with os.scandir(os.path.join(root, folder) if folder else root) as listing:
                for entry in listing:
                    seen += 1
                    if seen > most:
                        return False
                    name = entry.name
                    if name == '.git':
                        continue
                    path = f'{folder}/{name}' if folder else name
                    if entry.is_dir(follow_symlinks=False):
                        todo.append(path)
                        continue
                    if _marked(name) and os.fsencode(path) not in tracked and (folder or name not in top):
                        return False
                    if files is not None and (entry.is_file(follow_symlinks=False) or entry.is_symlink()):
                        held.add(os.fsencode(name))
        except OSError:
            return False
        if files is not None:
            files[os.fsencode(folder)] = held
    return True


def root_env_files(root: str) -> list[str]:
    """The env files at the top of the work tree ``root``, by name (one
    listing, no git): the first of ``local_env_files``' answers, where a
    developer's ``.env`` most often is, so a caller that hands off on any
    asks it before paying for anything else.  A folder so named (a
    virtualenv in ``.env/``) is none: it holds no key of yours, and
    counting it made every commit of its owner the full hook's."""
    try:
        with os.scandir(root) as entries:
            return sorted(
                e.name for e in entries
                if (is_dotenv_name(e.name) or is_envrc_name(e.name)) and not _folder(e)
            )
    except OSError:
        return []


def _folder(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder, or a link to one (a link to a file
    outside is a file of yours all the same)."""
    try:
        return entry.is_dir()
    except OSError:  # cannot tell: a file, so the caller reads it
        return False


# A folder named like an env file, walked as its own contents
# (``untracked_env_files``' second listing, only for such a folder the
# first shows): every env file git does not track in it, ignored or not,
# in one walk that never enters an ignored folder (``node_modules/``, ``.venv/``): git's own
# ignore rules, with env files let back in (``!.env``; ``.env`` followed
# only by what ``names.read_as`` does not see: ``.env `` or ``.env\r``,
# which the rule ``check-env-gitignored --fix`` writes for it ignores, a
# no-break space, an NTFS stream) but not folders named like them (a
# virtualenv in ``.env/``).  Those odd names are bytes of no printable
# ASCII (one, or a run that starts and ends with one) or a ``:`` after
# ``.env``: a folder git does not ignore named ``.env backup/`` or
# ``.env~/`` (a copy) is walked like any other.  Listed: names holding
# ``.env`` in any case, and names with a byte outside printable ASCII
# (``\uff0eenv``, ``.e\u200bnv``; the pattern itself stays ASCII, so a
# ``GIT_TRACE`` of the command is text); ``local_env_files`` keeps those
# ``names.read_as`` reads as env files.
_ENV_NAMES = (
    '.[eE][nN][vV]', '.[eE][nN][vV].*', '.[eE][nN][vV][rR][cC]', '.[eE][nN][vV][rR][cC].*',
    '.[eE][nN][vV][!!-~]', '.[eE][nN][vV][!!-~]*[!!-~]', '.[eE][nN][vV]:*',
)
_ENV_WALK = (
    'ls-files', '-z', '--others', '--exclude-standard',
    *(f'--exclude=!{n}' for n in _ENV_NAMES), *(f'--exclude={n}/' for n in _ENV_NAMES),
    '--', ':(glob,icase)**/*.env*', ':(glob)**/*[! -~]*',
)


# The walk itself: every file and folder named like an env file (``.env``
# anywhere in its name, in any case: ``.env-local``, ``.env~``, ``.#.env``,
# ``.env copy``) or with a byte outside printable ASCII is marked ignored
# here (the command line's patterns come before a ``.gitignore``'s), and
# ignored ones are listed: every such file outside an ignored folder,
# whether or not git ignores it, each ignored folder as its name alone
# (``--directory``: never entered), and so each folder so named too.
# Such a folder git does not ignore (``.env backup/``) is walked by a
# second listing (``_ENV_WALK``, as its own contents): only when the first
# shows one.
_ENV_MARKS = ('*.[eE][nN][vV]*', '*[! -~]*')
_ENV_LIST = (
    'ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory',
    *(f'--exclude={n}' for n in _ENV_MARKS),
    '--', ':(glob,icase)**/*.env*', ':(glob)**/*[! -~]*',
)


def untracked_env_files(root: str, listings: Listings | None = None) -> list[str]:
    """Env files git does not track, in any folder but an ignored one,
    whether ignored or not: a key you keep in ``api/.env`` is yours whether
    or not a ``.gitignore`` rule covers it yet (``forbid-env-files`` stops
    its commit; its copy in ``api/app.py`` under a pragma must fail too),
    and so is one in an ignored copy of it (``web/.env-local``,
    ``web/.env~``, ``web/.#.env``)."""
    # The walk's pathspecs are globs: ``GIT_LITERAL_PATHSPECS=1`` (a user's
    # or a tool's setting) would make them match no file, every key unread.
    from together_hooks.gitrun import git
    from together_hooks.gitrun import zsplit

    env = {k: v for k, v in os.environ.items() if k != 'GIT_LITERAL_PATHSPECS'}
    listed = zsplit(git(root, *_ENV_LIST, env=env) if listings is None else listings.git(*_ENV_LIST, env=env))
    files = [p for p in listed if not p.endswith('/')]
    # (a folder marked, or one inside a folder marked that holds tracked
    # files: git walks that one, and shows each untracked folder in it)
    folders = [p for p in listed if p.endswith('/') and any(_marked(n) for n in path_parts(p))
               and env_folder(p + '_') is None]
    if folders:
        # A folder so named: walked as it would be were it named otherwise
        # (not at all if git ignores it), a ``.env/`` (a virtualenv) never.
        specs = [
            f':(glob{icase}){glob_escaped(folder)}**/{name}'
            for folder in folders
            for icase, name in ((',icase', '*.env*'), ('', '*[! -~]*'))
        ]
        walk = (*_ENV_WALK[:_ENV_WALK.index('--') + 1], *specs)
        files += zsplit(git(root, *walk, env=env) if listings is None else listings.git(*walk, env=env))
    return files


def _marked(name: str) -> bool:
    """Whether ``_ENV_MARKS`` mark ``name`` (a file's or a folder's: a name holding
    ``.env`` in any case, or a byte outside printable ASCII)."""
    return '.env' in name.lower() or not (name.isascii() and name.isprintable())


def glob_escaped(path: str) -> str:
    """``path`` as a glob pathspec matching it alone."""
    return ''.join('\\' + c if c in '*?[]\\' else c for c in path)


