"""Which config, hook and stage the pre-commit run that started us chose.

pre-commit tells a hook none of it: no variable names the config given
with ``-c``, nor the one hook ``pre-commit run <hook>`` runs.  Its command
line does: it is read from ``/proc`` (Linux; read only, our own parent or
the one above a shell in between).  Whatever is not read for sure (no
``/proc``, no pre-commit among the parents, an option not known here, a
relative config another folder holds a copy of) is None: the caller then
assumes the least (``forbid-env-files`` may not run) and scans more.
"""
from __future__ import annotations

import os

from together_hooks import proc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence

# How far up the process tree pre-commit may be: our parent, or the one
# above a shell a ``language: system`` or ``script`` entry runs through.
_ANCESTORS = 3

# pre-commit's own options (pre_commit/main.py) that take a value, by
# subcommand; the others there take none.  An option not listed is not
# read at all: the run is then unknown.
_RUN_VALUED = frozenset((
    '--config', '--color', '--hook-stage', '--remote-branch', '--local-branch',
    '--from-ref', '--source', '--to-ref', '--origin', '--pre-rebase-upstream',
    '--pre-rebase-branch', '--commit-msg-filename', '--prepare-commit-message-source',
    '--commit-object-name', '--remote-name', '--remote-url', '--checkout-type',
    '--is-squash-merge', '--rewrite-command',
))
_RUN_FLAGS = frozenset(('--verbose', '--all-files', '--show-diff-on-failure', '--fail-fast', '--help'))
_RUN_SHORT = {'-c': '--config', '-s': '--from-ref', '-o': '--to-ref', '-v': '--verbose',
              '-a': '--all-files', '-h': '--help'}
_IMPL_VALUED = frozenset(('--config', '--color', '--hook-type', '--hook-dir'))
_IMPL_FLAGS = frozenset(('--skip-on-missing-config', '--help'))
_ALIASES = {'--source': '--from-ref', '--origin': '--to-ref'}


def _pre_commit_args(argv: Sequence[str]) -> list[str] | None:
    """The arguments after pre-commit's own name (its console script,
    ``-m pre_commit``, ``-mpre_commit``) when ``argv`` runs pre-commit."""
    for i, word in enumerate(argv[:4]):
        if os.path.basename(word) in ('pre-commit', 'pre-commit.exe') or word == '-mpre_commit':
            return list(argv[i + 1:])
        if word == '-m' and argv[i + 1:i + 2] == ['pre_commit']:
            return list(argv[i + 2:])
    return None


def _long(word: str, known: frozenset[str]) -> str | None:
    """The option ``word`` (a ``--x`` argparse lets be abbreviated) names."""
    if word in known:
        return word
    hits = [k for k in known if k.startswith(word)]
    return hits[0] if len(hits) == 1 else None


def parse(args: Sequence[str]) -> tuple[str, str | None, str] | None:
    """(config as given, hook, stage) from pre-commit's arguments, or None
    when they are not read for sure."""
    if not args or args[0] not in ('run', 'hook-impl'):
        return None  # try-repo (a config of its own), anything else
    impl = args[0] == 'hook-impl'
    valued = _IMPL_VALUED if impl else _RUN_VALUED
    flags = _IMPL_FLAGS if impl else _RUN_FLAGS | {'--files'}
    opts: dict[str, str] = {}
    hooks: list[str] = []
    in_files = False  # after `--files` (nargs='*'): each word is a file
    rest = list(args[1:])
    while rest:
        word = rest.pop(0)
        if word == '--':
            if not impl:  # what follows is positional: the hook
                hooks += rest
            break
        if not word.startswith('-') or word == '-':
            if impl:
                break  # git's own arguments (argparse.REMAINDER)
            if not in_files:
                hooks.append(word)
            continue
        name, eq, value = word.partition('=')
        if name.startswith('--'):
            name = _long(name, valued | flags)
        elif not impl or name[:2] == '-c':
            short = _RUN_SHORT.get(word[:2])
            if short is not None and len(word) > 2 and word[2] != '=':
                # -cFILE: all of it (argparse reads -cx=y as x=y, -c=y as y)
                if short not in valued:
                    return None  # -av: several flags in one word
                eq, value = '=', word[2:]
            name = short
        else:
            name = None
        if name is None:
            return None  # not an option known here
        in_files = name == '--files'
        if name in flags:
            if eq:
                return None
            continue
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        opts[_ALIASES.get(name, name)] = value
    if len(hooks) > 1:
        return None
    hook = hooks[0] if hooks else None
    stage = opts.get('--hook-type') if impl else opts.get('--hook-stage', 'pre-commit')
    if stage is None:
        return None
    return opts.get('--config', '.pre-commit-config.yaml'), hook, stage


def _config_path(config: str, root: str, at_top: bool) -> str | None:
    """Where pre-commit read ``config``: it takes a relative path from the
    folder it was started in when the file is there, else from the top
    (``root``, where it runs hooks).  git starts ``hook-impl`` at the top.
    A ``pre-commit run``'s folder is not known: ``PWD`` is stale after
    ``make -C sub``, a ``subprocess`` ``cwd=``, a wrapper's ``os.chdir``.
    So a relative config is the top's only when no other folder of the
    work tree holds a file of that name (else None: not known)."""
    if os.path.isabs(config):
        return config
    top = os.path.realpath(root)
    if at_top:
        return os.path.join(top, config)
    if os.pardir in config.replace(os.sep, '/').split('/'):
        return None  # `-c ../x.yaml`: above some folder, not known which
    from together_hooks.env.held import glob_escaped
    from together_hooks.gitrun import git_output
    from together_hooks.gitrun import zsplit

    name = os.path.normpath(config).replace(os.sep, '/')
    # Every copy, tracked, untracked or ignored (pre-commit reads them all).
    try:
        out = git_output(top, 'ls-files', '-z', '--cached', '--others', '--', f':(glob)**/{glob_escaped(name)}')
    except Exception:  # no git here: not known
        return None
    if out is None or any(path != name for path in zsplit(out)):
        return None
    return os.path.join(top, config)


def selection(root: str = '.') -> tuple[str, str | None, str] | None:
    """The pre-commit run above us: the config file it reads (a path),
    the one hook id (or alias) it was told to run, else None, and the stage
    it runs; None when not read for sure."""
    pid = os.getppid()
    for _ in range(_ANCESTORS):
        if pid is None or pid <= 1:
            return None
        raw = proc.cmdline(pid)
        if raw is None:
            return None  # no /proc here (macOS, Windows) or not ours to read
        args = _pre_commit_args([w.decode('utf-8', 'surrogateescape') for w in raw])
        if args is not None:
            parsed = parse(args)
            if parsed is None:
                return None
            config, hook, stage = parsed
            path = _config_path(config, root, args[0] == 'hook-impl')
            return None if path is None else (path, hook, stage)
        pid = proc.parent(pid)
    return None
