"""``detect-together-keys``' first stage: a clean commit passed with
almost nothing imported.

pre-commit starts the hook on every commit and most commits hold no key,
so the console script starts here.  This stage answers only "certainly
clean" (exit 0, nothing printed) or "cannot tell": then the full hook
(``hooks.detect_together_keys.main``) runs from scratch, as if this stage
had never run; it reads, screens, reports and fails closed on its own.

Certainly clean means all of:

- the run is a plain one: file names (and ``--baseline``) only, no
  push (pre-commit's push variables), no commit message (git's message
  files), no env file by name (``forbid-env-files``' or the full scan's);
- the developer holds no key: no environment variable that may hold one
  (``env.held.may_hold``, which also catches our own ``TOGETHER_HOOKS_*``
  settings) and no local env file (``env.held.local_env_files``: the
  same walk ``own_keys`` reads; not asked of git when a walk of the work
  tree meets no name it could list, ``env.held.none_under``);
- the repository's settings are the defaults: no config table, and a
  ``.secrets.baseline`` at the root reads as the full hook reads it;
- nothing is staged that the full hook would read besides the files
  (``sources.index.unlike_work_tree`` gives nothing: no staged blob
  differs from its file, no staged change pre-commit could not pass),
  and the running ``git commit`` (where ``/proc`` shows it) does not
  amend HEAD (the amended commit stores HEAD's changes too);
- each file given is a regular file of at most a window, and neither
  the files nor their names pass the full keyword screen's blob test
  (``detect.prefilter.Keywords.blob_test`` over ``detect.screen_needles``:
  a keyword or its encoded form, text that may be UTF-16, a hex dump or a
  wrapped base64 block at its start, a compressed container).

Every finding the full hook can make needs one of those, so a commit
passed here is one the full hook passes (``tests/hooks/first_stage_test.py``
holds both to that on every accuracy case and on seeded random commits).
Anything this stage cannot decide, and any exception, hands off.
"""
from __future__ import annotations

import os
import sys

from together_hooks.errors import exit_now

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence

# How pre-commit describes a push to the hook (then every pushed commit
# is read: ``hooks.detect_together_keys.hook_contents``).
PUSH_VARIABLES = ('PRE_COMMIT_TO_REF', 'PRE_COMMIT_FROM_REF', 'PRE_COMMIT_REMOTE_NAME')


def main(argv: Sequence[str] | None = None) -> int:
    """The hook's answer for ``argv`` (the command line's arguments when
    None), returned: a caller in this process (a test, a tool importing
    the hook) goes on after it."""
    return _run(argv, console=False)


def console() -> int:
    """The ``detect-together-keys`` console script: ``main`` over the
    process's own command line, ending the process at once on a clean
    commit (``errors.exit_now``): nothing is left to do in it."""
    return _run(None, console=True)


def _run(argv: Sequence[str] | None, console: bool) -> int:
    import gc

    # What this stage imports lives as long as the process and the bytes
    # it reads make no cycles: the cyclic collector, which would walk the
    # imports' objects at each young collection and all of them at exit,
    # is off while it decides (``runtime.guard`` freezes the heap for the
    # full hook).
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            clean = certainly_clean(sys.argv[1:] if argv is None else list(argv))
        except Exception:  # an odd state: the full hook decides, from scratch
            clean = False
        if clean:
            import atexit

            atexit.unregister(gc.freeze)  # no collection at exit, as ``runtime.configure_process``
            atexit.register(gc.freeze)
    finally:
        if not gc.get_freeze_count():
            # Its objects to the oldest generation (``freeze`` clears the
            # young one's count, ``unfreeze`` hands them all back): none
            # is walked by the young collection that count would set off
            # as soon as the collector is back on.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()
    if clean:
        if console:  # this process has nothing left to do
            exit_now()
        return 0
    from together_hooks.hooks.detect_together_keys import main as full

    code = full(argv)
    if console:  # the full hook's work is done too: its report written and flushed
        exit_now(code)
    return code


def build_parser():  # type: ignore[no-untyped-def]
    """The full hook's parser: the options this console script takes
    (its ``--help``, the README's hooks table, the wrong-command hints)."""
    from together_hooks.hooks.detect_together_keys import build_parser

    return build_parser()


def certainly_clean(args: list[str], environ: dict[str, str] | None = None) -> bool:
    """Whether the full hook, run with ``args`` here, would pass for
    certain (see the module's docstring); False when it cannot tell."""
    environ = os.environ if environ is None else environ  # type: ignore[assignment]
    if any(v in environ for v in PUSH_VARIABLES):
        return False
    args, baseline = _files_and_baseline(args)
    if args is None:
        return False
    from together_hooks.gitdir import MESSAGE_FILES

    for arg in args:
        if (
                not arg or arg[0] in '-@' or '.env' in arg.lower()
                or os.path.basename(arg) in MESSAGE_FILES
        ):
            return False
    from together_hooks.env.held import may_hold

    if any(may_hold(name, value) for name, value in environ.items()):
        return False
    from together_hooks.gitdir import worktree_root

    root = worktree_root('.')
    if root is None:
        return False
    from together_hooks.env.held import root_env_files

    if root_env_files(root):  # a key held at the top (one listing): before any read
        return False
    committing = environ.get('PRE_COMMIT') == '1' or bool(environ.get('GIT_INDEX_FILE'))
    # The screen first: a commit that adds a key hands off here, having
    # spent the least (no config, baseline, git process or index read).
    # Under git's commit (``GIT_INDEX_FILE``) the author and committer
    # it will store are screened too (the full hook reads them).
    idents = _ident_sources(root, environ) if environ.get('GIT_INDEX_FILE') else b''
    if idents is None or not _screened_clean(args, idents):
        return False
    if not _default_settings(root, baseline):
        return False
    if environ.get('GIT_INDEX_FILE'):  # an amend stores HEAD's own changes too: the full hook's
        from together_hooks.sources.message import amending
        from together_hooks.sources.message import running_commit_argv

        if amending(running_commit_argv()):
            return False
    from together_hooks.env.held import local_env_files
    from together_hooks.env.held import none_under
    from together_hooks.sources.index import index_entries

    entries = index_entries(root)  # None: git's to read
    # A walk of the work tree that finds no env file costs a fraction of
    # git's process; one that may have found one asks git, as before.  Its
    # listings serve the index check too (under pre-commit: every entry is
    # looked for in the work tree).
    listed: dict[bytes, set[bytes]] = {}
    walked = entries is not None and none_under(root, entries, files=listed if committing else None)
    if not walked and local_env_files(root):
        return False
    if args or committing:
        from together_hooks.sources.index import unlike_work_tree

        staged = unlike_work_tree(root, args, committing, entries, listed if walked else None)
        if next(iter(staged), None) is not None:
            return False
    return True


def _files_and_baseline(args: list[str]) -> tuple[list[str] | None, str | None]:
    """(the file names, ``--baseline``'s value): the one option read
    here (pre-commit configs pass it); (None, None) for anything else
    (another option, ``--baseline`` twice or empty, ``--``)."""
    files: list[str] = []
    baseline = None
    it = iter(args)
    for arg in it:
        if arg == '--baseline' or arg.startswith('--baseline='):
            value = next(it, '') if arg == '--baseline' else arg.partition('=')[2]
            if baseline is not None or not value:
                return None, None
            baseline = value
        else:
            files.append(arg)
    return files, baseline


def _default_settings(root: str, flag: str | None) -> bool:
    """No config table; the baseline (``flag``, else the one at the root,
    if any) reads as the full hook reads it (``pipeline.load_baseline``:
    only one the repository names must stay inside it)."""
    from together_hooks import config

    if config.load(root) is not config.EMPTY:
        return False
    if flag is not None:
        from together_hooks.baseline.format import load

        load(flag, None)  # a bad one raises: the full hook says so, exit 2
        return True
    baseline = os.path.join(root, config.DEFAULT_BASELINE)
    if os.path.lexists(baseline):
        from together_hooks.baseline.format import load

        load(baseline, root)
    return True


def _ident_sources(root: str, environ: dict[str, str]) -> bytes | None:
    """Everything the author and committer of the commit being made can
    come from, read without a git process (one costs about as much as the
    rest of this stage): git's ident variables (``GIT_AUTHOR_*``, which
    ``git commit`` exports to its hooks, ``--author`` too;
    ``GIT_COMMITTER_*``; ``-c user.name=...`` as ``GIT_CONFIG_PARAMETERS``)
    and ``EMAIL``, and the name and email lines of git's config files.
    None (cannot tell: the full hook asks git) for a config file that
    includes another, continues a line, cannot be read or is large, for
    ``-c include.path=...`` (an include given on git's command line or in
    ``GIT_CONFIG_KEY_n``), and for a repository whose config is not at
    ``.git/config``.  A line's quotes are read as git reads them too: git
    joins ``"tg"p_"v"1_...`` into one value.  The system file is read
    whatever ``GIT_CONFIG_NOSYSTEM`` says (git takes "0" and "false" as
    no): reading one file too many is safe, one too few a leak; but a
    name or email in a file git may skip sets nothing (below).
    None too where git would build a name or an email itself (from the
    passwd entry, the host name or ``/etc/mailname``): no variable and
    no ``[user]``, ``[author]`` or ``[committer]`` line of a file read
    here sets it, and the commit stores what no text here holds."""
    texts = [v.encode('utf-8', 'surrogateescape') for k, v in environ.items()
             if k in _IDENT_VARIABLES or k.startswith('GIT_CONFIG_VALUE_')]
    if any('include' in v.lower() for k, v in environ.items()
           if k == 'GIT_CONFIG_PARAMETERS' or k.startswith('GIT_CONFIG_KEY_')):
        return None
    if (
            'GIT_DIR' in environ or 'GIT_CONFIG' in environ or 'GIT_COMMON_DIR' in environ
            or not os.path.isdir(os.path.join(root, '.git'))
    ):
        return None
    home = os.path.expanduser('~')
    xdg = environ.get('XDG_CONFIG_HOME') or os.path.join(home, '.config')
    files = [os.path.join(root, '.git', 'config'), os.path.join(root, '.git', 'config.worktree')]
    files += [environ['GIT_CONFIG_GLOBAL']] if 'GIT_CONFIG_GLOBAL' in environ else [
        os.path.join(home, '.gitconfig'), os.path.join(xdg, 'git', 'config')]
    files.append(environ.get('GIT_CONFIG_SYSTEM', '/etc/gitconfig'))
    # Which of each person's fields a source read here sets (else git
    # makes it up: passwd, host name).
    set_by = {(who, field) for who in ('AUTHOR', 'COMMITTER') for field in ('NAME', 'EMAIL')
              if environ.get(f'GIT_{who}_{field}')}
    if environ.get('EMAIL'):
        set_by |= {('AUTHOR', 'EMAIL'), ('COMMITTER', 'EMAIL')}
    # Files read here that git may not read (the system file under
    # GIT_CONFIG_NOSYSTEM, config.worktree without extensions.worktreeConfig):
    # their text is read, but a name or email there sets nothing.
    unsure = {files[1]}
    if environ.get('GIT_CONFIG_NOSYSTEM', '').strip().lower() not in ('', '0', 'false', 'no', 'off'):
        unsure.add(files[-1])
    for path in files:
        try:
            with open(path, 'rb') as f:
                data = f.read(_CONFIG_CAP + 1)
        except FileNotFoundError:
            continue
        except (OSError, ValueError):
            return None
        low = data.lower()
        if len(data) > _CONFIG_CAP or b'include' in low or b'\\\n' in data or b'\\\r' in data:
            return None
        section = b''
        for line in data.splitlines():
            if b'name' in line.lower() or b'email' in line.lower():
                texts += [line, line.replace(b'"', b'')] if b'"' in line else [line]
            section, field = _config_field(line, section)
            if field and section in _IDENT_SECTIONS and path not in unsure:
                set_by |= {(who, field) for who in _IDENT_SECTIONS[section]}
    if len(set_by) < 4:
        return None
    return b'\n'.join(texts)


def _config_field(line: bytes, section: bytes) -> tuple[bytes, str]:
    """(the section a git config line leaves current, ``NAME`` or
    ``EMAIL`` where the line sets ``name`` or ``email`` to a value, else
    ''): ``[user]``, ``[User] name = x`` (a variable after the header)
    and ``name=x`` read as git reads them."""
    rest = line.strip()
    if rest.startswith(b'['):
        head, close, rest = rest.partition(b']')
        if not close:
            return b'', ''
        section = head[1:].strip().lower()
        rest = rest.strip()
    key, eq, value = rest.partition(b'=')
    key = key.strip().lower()
    if eq and key in (b'name', b'email') and value.strip() not in (b'', b'""'):
        return section, key.decode().upper()
    return section, ''


# The config sections whose name and email git takes for each person.
_IDENT_SECTIONS = {
    b'user': ('AUTHOR', 'COMMITTER'), b'author': ('AUTHOR',), b'committer': ('COMMITTER',),
}


_IDENT_VARIABLES = frozenset((
    'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL',
    'EMAIL', 'GIT_CONFIG_PARAMETERS',
))
# A git config file larger than this is left to git (the full hook).
_CONFIG_CAP = 64 * 1024


def _screened_clean(args: list[str], idents: bytes = b'') -> bool:
    """Whether each file given is a regular file of at most a window and
    neither the files, their names nor ``idents`` pass the full screen's
    blob test;
    False for a symlink, a folder, a submodule or a large file (the full
    hook's).  Each file is read, screened and let go before the next:
    one file's bytes held at a time, as the full hook holds them, however
    many pre-commit passes at once."""
    import stat

    from together_hooks.detect.prefilter import Keywords
    from together_hooks.detect.screen_needles import KEYWORDS
    from together_hooks.detect.screen_needles import NEEDLES
    from together_hooks.detect.screen_needles import PLAIN_ROUTES
    from together_hooks.fileio import WINDOW
    from together_hooks.fileio import read_whole
    from together_hooks.sources.content import path_names

    sizes = []
    for arg in args:
        st = os.lstat(arg)
        if not stat.S_ISREG(st.st_mode) or st.st_size > WINDOW:
            return False
        sizes.append(st.st_size)
    worth = Keywords(NEEDLES, (KEYWORDS, PLAIN_ROUTES)).blob_test(sum(sizes))
    for arg, size in zip(args, sizes):
        data = read_whole(arg, WINDOW)
        if not isinstance(data, bytes) or len(data) != size or worth(data):
            return False
    if idents and worth(idents):
        return False
    return not any(worth(names.data) for names in path_names(args))
