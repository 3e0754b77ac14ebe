"""Loading the developer's own keys: ``TOGETHER_*KEY`` variables in the
environment, keys in the env files git does not track (ignored or not, outside
ignored folders).  Matching them is ``detect/ownkeys.py``'s job."""
from __future__ import annotations

import os

from together_hooks.detect.ownkeys import OwnKeys
from together_hooks.env.held import local_env_files
from together_hooks.env.names import is_envrc_script
from together_hooks.env.names import is_template
from together_hooks.env.values import keys_in_env
from together_hooks.env.values import keys_in_environ
from together_hooks.errors import InputError
from together_hooks.fileio import read_small
from together_hooks.gitrun import git
from together_hooks.gitrun import zsplit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Container
    from typing import Iterator
    from typing import Mapping

    from together_hooks.gitrun import Listings

# An env file is a few lines; a larger one is no env file of ours.
MAX_ENV_FILE = 1 << 20


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


def own_keys(
        root: str = '.', environ: Mapping[str, str] | None = None,
        index: Callable[[str], Container[bytes] | None] | None = None,
        listings: Listings | None = None,
) -> OwnKeys:
    """The key values this developer holds: ``TOGETHER_*KEY`` variables (and
    any variable holding a ``tgp_v1_`` key) in the environment, and keys in
    the repo's local env files (untracked or ignored, not templates; never
    a tracked one): ``local_env_files``, whichever command asks (the hook,
    ``scan``, ``baseline create``), so all agree on which keys you hold.
    ``index``: how to read a work tree's index without git, where the
    caller may (``local_env_files``); ``listings``: the run's git
    listings (``gitrun.Listings``), where other checks ask the same.
    """
    sources: dict[str, str] = {}
    for name, value in (os.environ if environ is None else environ).items():
        for key in keys_in_environ({name: value}):
            sources.setdefault(key, f'the variable {name}')
    unread: list[str] = []
    for rel, key in _env_file_keys(root, _untracked(root, local_env_files(root, index=index, listings=listings)), unread):
        sources.setdefault(key, f'the env file {rel}')
    if unread:  # your keys in it unknown: fail closed, naming the first
        more = f' (and {len(unread) - 1} more)' if len(unread) > 1 else ''
        raise EnvFileUnread(unread[0] + more, set(sources))
    return OwnKeys(sources, sources)


class EnvFileUnread(InputError):
    """An env file of yours that was there and could not be read (a named
    pipe no program served in time): your keys in it unknown, so no run
    may pass on them.  ``keys``: those read from every other source, for
    the output scrub to hold (``own_keys_at``)."""

    def __init__(self, message: str, keys: set[str]) -> None:
        super().__init__(message)
        self.keys = keys


def _env_file_keys(
        root: str, files: list[str], unread: list[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """(file, key) for each key in the env files ``files`` (relative to
    ``root``) but templates: a file up to ``MAX_ENV_FILE`` read whole, a
    larger one in windows of that size (never left out: a key you hold
    in a padded ``.env`` is still yours, and a commit of it is still
    found), a named pipe as its writer gives it (``_env_file_windows``).
    A pipe that gives nothing in time is added to ``unread`` (one line
    each) and the other files are still read; with ``unread`` None, a
    pipe is not read at all (a best effort that must not wait)."""
    from together_hooks.fileio import NotScanned

    for rel in files:
        if is_template(rel) and not is_envrc_script(rel):
            continue
        try:
            for data in _env_file_windows(os.path.join(root, rel), pipes=unread is not None):
                for key in keys_in_env(data):
                    yield rel, key
        except NotScanned as e:
            if unread is not None:
                unread.append(
                    f'the env file {rel} holding your keys is {e.reason}; start or '
                    'unlock the program that serves it (a password manager), or '
                    'move it aside, and run it again',
                )


def _env_file_windows(path: str, pipes: bool = True) -> Iterator[bytes]:
    """The bytes of the env file ``path``: whole up to ``MAX_ENV_FILE``,
    else in windows of that size overlapping by ``rules.MAX_CONTEXT`` (a
    line shorter than that is whole in one of them); a named pipe (a
    password manager's ``.env`` mount) in the same windows, read without
    blocking for at most ``TOGETHER_HOOKS_PIPE_WAIT`` seconds
    (``fileio.pipe_reader``: NotScanned past that); nothing for a
    folder, a socket, a device or a file that cannot be read (and a pipe
    unless ``pipes``).  A symlink is read as what it points to, inside
    the repository or out (``.env -> ~/secrets/together.env``: the key
    there is yours, and a copy of it committed is a leak), by the same
    rules: a link to a pipe waits as the pipe does, one to ``/dev/zero``
    or to nothing gives nothing, a loop nothing."""
    import stat

    from together_hooks.fileio import NotScanned
    from together_hooks.fileio import pipe_reader
    from together_hooks.fileio import read_windows
    from together_hooks.fileio import stream_windows
    from together_hooks.rules import MAX_CONTEXT

    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            path = os.path.realpath(path)
    except (OSError, ValueError):
        return
    data = read_small(path, MAX_ENV_FILE)
    if data:
        yield data
        return
    try:
        fifo = stat.S_ISFIFO(os.lstat(path).st_mode)
    except OSError:
        return
    if fifo:
        if not pipes:
            return
        read = pipe_reader(path)
        if read is None:  # replaced meanwhile: no pipe, nothing of ours to wait for
            return
        try:
            for _base, _start, _end, window in stream_windows(read, MAX_ENV_FILE, MAX_CONTEXT):
                yield window
        finally:
            read.close()  # type: ignore[attr-defined]
        return
    try:
        for _base, _start, _end, window in read_windows(path, MAX_ENV_FILE, MAX_CONTEXT):
            yield window
    except NotScanned:
        return


def own_keys_at(
        where: str = '.', index: Callable[[str], Container[bytes] | None] | None = None,
        listings: Listings | None = None,
) -> OwnKeys:
    """``own_keys`` of the repository holding ``where`` (its work tree's
    top folder, else ``where`` itself).  The run's scrub is told them
    (``scrub.hold``): it reads them itself before the first line it shows
    when the run has not (an error naming one: an argument, a path, a
    ref), and never twice; another repository's keys are held as well
    as, not instead of, those of the repository the run is in."""
    from together_hooks.detect.scrub import hold
    from together_hooks.gitdir import worktree_root

    root = worktree_root(where) or where
    # Another repository's keys (``doctor ../other``) stand for no read
    # of the keys of the one the run is in: the scrub still reads those.
    here = os.path.realpath(root) == os.path.realpath(worktree_root('.') or '.')
    try:
        if listings is not None and os.path.realpath(listings.root) != os.path.realpath(root):
            listings = None  # another tree's listings answer nothing here
        own = own_keys(root, index=index, listings=listings)
    except EnvFileUnread as e:  # what was read is held: the error line never waits again
        hold(e.keys, here)
        raise
    hold(own.keys, here)
    return own


def held_keys(where: str = '.') -> set[str]:
    """The keys the output scrub learns before the first line it shows
    (``runtime.held_keys``): ``own_keys_at``, or, when that cannot be
    read (git cannot list the untracked env files: a damaged index), what
    still can: the environment's and those of the env files at the work
    tree's top, tracked or not (git cannot tell; a tracked one's key
    redacted in an error line costs nothing).  A line then shows no key
    of the ``.env`` beside you."""
    try:
        return set(own_keys_at(where).keys)
    except Exception:  # the walk failed: the keys still readable
        from together_hooks.env.held import root_env_files
        from together_hooks.gitdir import worktree_root

        root = worktree_root(where) or where
        keys = keys_in_environ(os.environ)
        keys.update(key for _rel, key in _env_file_keys(root, root_env_files(root)))
        return keys

