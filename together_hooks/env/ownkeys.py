"""Loading the developer's own keys: ``TOGETHER_*KEY`` variables in the
environment, keys in the env files git does not track (ignored or not, outside
ignored folders).  Matching them is ``detect/ownkeys.py``'s job."""
from __future__ import annotations

import os

from together_hooks.detect.ownkeys import OwnKeys
from together_hooks.env.names import env_folder
from together_hooks.env.names import is_dotenv_name
from together_hooks.env.names import is_envrc_name
from together_hooks.env.names import is_envrc_script
from together_hooks.env.names import is_template
from together_hooks.env.names import path_parts
from together_hooks.env.values import keys_in_env
from together_hooks.env.values import keys_in_environ
from together_hooks.fileio import read_small
from together_hooks.gitrun import git
from together_hooks.gitrun import zsplit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Mapping

# An env file is a few lines; a larger one is no env file of ours.
MAX_ENV_FILE = 1 << 20


def local_env_files(root: str, everywhere: bool = False) -> list[str]:
    """Env files in the work tree: untracked ones, ignored or not, in any
    folder but an ignored one (``untracked_env_files``: one walk), and
    those at the root; ``everywhere`` adds every untracked and tracked
    one (two more walks of the tree, too slow for the hook's path)."""
    try:
        names = os.listdir(root)
    except OSError:
        names = []
    found = {n for n in names if is_dotenv_name(n) or is_envrc_name(n)}
    from together_hooks.errors import InputError
    from together_hooks.gitrun import git_may_claim

    if not git_may_claim(root):  # no repository: its top folder is all we know
        return sorted(found)
    try:
        found.update(untracked_env_files(root))
    except InputError as e:
        if str(e).startswith('git ls-files failed') and os.path.lexists(os.path.join(root, '.git')):
            from together_hooks.gitrun import git_probe

            if git_probe(root, 'rev-parse', '--git-dir') is not None:
                # A repository git opens and then fails to list (a damaged
                # index): going on would pass the keys its env files hold.
                raise InputError(f'cannot list the untracked env files whose keys you hold: {e}')
        # Not a git work tree (a bare repository, a folder git does not
        # claim, one it refuses to open) or no git to ask: its top folder
        # is all we know.
        return sorted(found)
    if everywhere:
        found.update(zsplit(git(root, 'ls-files', '-z', '--cached')))
        found.update(zsplit(git(
            root, 'ls-files', '-z', '--others', '--exclude-standard',
        )))
    return sorted(
        p for p in found
        if not p.endswith('/') and env_folder(p) is None
        and (is_dotenv_name(path_parts(p)[-1]) or is_envrc_name(path_parts(p)[-1]))
    )


# Every env file git does not track, ignored or not, in one walk that
# never enters an ignored folder (``node_modules/``, ``.venv/``): git's own
# ignore rules, with env files let back in (``!.env``) but not folders
# named like them (a virtualenv in ``.env/``); only env names are listed.
_ENV_NAMES = ('.[eE][nN][vV]', '.[eE][nN][vV].*', '.[eE][nN][vV][rR][cC]', '.[eE][nN][vV][rR][cC].*')
_ENV_WALK = (
    'ls-files', '-z', '--others', '--exclude-standard',
    *(f'--exclude=!{n}' for n in _ENV_NAMES), *(f'--exclude={n}/' for n in _ENV_NAMES),
    '--', *(f':(glob,icase)**/{n}' for n in ('.env', '.env.*', '.envrc', '.envrc.*')),
)


def untracked_env_files(root: str) -> list[str]:
    """Env files git does not track, in any folder but an ignored one,
    whether ignored or not: a key you keep in ``api/.env`` is yours whether
    or not a ``.gitignore`` rule covers it yet (``forbid-env-files`` stops
    its commit; its copy in ``api/app.py`` under a pragma must fail too)."""
    # The walk's pathspecs are globs: ``GIT_LITERAL_PATHSPECS=1`` (a user's
    # or a tool's setting) would make them match no file, every key unread.
    env = {k: v for k, v in os.environ.items() if k != 'GIT_LITERAL_PATHSPECS'}
    return zsplit(git(root, *_ENV_WALK, env=env))


def _untracked(root: str, files: list[str]) -> list[str]:
    """``files`` less those git tracks: a committed env file is the
    repository's, not the developer's (docs/env-policy.md), so its key is
    no key you hold, whichever command asks."""
    from together_hooks.errors import InputError
    from together_hooks.gitrun import git_may_claim

    if not files or not git_may_claim(root):
        return files
    try:
        tracked = set(zsplit(git(root, 'ls-files', '-z', '--cached', '--', *(
            f':(literal){f}' for f in files))))
    except InputError:  # not a git work tree: nothing is tracked
        return files
    return [f for f in files if f not in tracked]


def own_keys(root: str = '.', environ: Mapping[str, str] | None = None) -> OwnKeys:
    """The key values this developer holds: ``TOGETHER_*KEY`` variables (and
    any variable holding a ``tgp_v1_`` key) in the environment, and keys in
    the repo's local env files (untracked or ignored, not templates; never
    a tracked one): ``local_env_files``, whichever command asks (the hook,
    ``scan``, ``baseline create``), so all agree on which keys you hold.
    """
    sources: dict[str, str] = {}
    for name, value in (os.environ if environ is None else environ).items():
        for key in keys_in_environ({name: value}):
            sources.setdefault(key, f'the variable {name}')
    for rel in _untracked(root, local_env_files(root)):
        if is_template(rel) and not is_envrc_script(rel):
            continue
        data = read_small(os.path.join(root, rel), MAX_ENV_FILE)
        if data:
            for key in keys_in_env(data):
                sources.setdefault(key, f'the env file {rel}')
    return OwnKeys(sources, sources)

