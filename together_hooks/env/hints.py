"""What to tell a user to run, by how they run us.

Under pre-commit (it sets ``PRE_COMMIT=1``) our console scripts are on
PATH only inside the hook's own virtualenv: a hint to run
``check-env-gitignored --fix`` would name a command the user's shell does
not have.  And when pre-commit runs ``forbid-env-files`` too, that hook
owns a staged env file: the others leave it to it, so one staged ``.env``
fails one hook with one message.
"""
from __future__ import annotations

import os
import sys

from together_hooks.messages import PROJECT_URL

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterator
    from typing import Sequence

FIXER = 'check-env-gitignored'
FORBIDDER = 'forbid-env-files'
CONFIG = '.pre-commit-config.yaml'
# How a pre-commit user gets our commands on their own PATH.
INSTALL = f'pipx install git+{PROJECT_URL}'


def under_pre_commit() -> bool:
    return os.environ.get('PRE_COMMIT') == '1'


def in_ci() -> bool:
    """Do we run in a CI job (``CI`` set, as GitHub Actions, GitLab CI,
    CircleCI, Travis, Buildkite and pre-commit.ci set it; Azure's
    ``TF_BUILD``)?  What it checks is pushed already: advice to amend a
    commit there is advice nobody in the job can follow."""
    return os.environ.get('CI', '').strip().lower() not in ('', '0', 'false', 'no') \
        or os.environ.get('TF_BUILD', '').lower() == 'true'


def in_pre_commit_env() -> bool:
    """Do we run from the virtualenv pre-commit built for a ``repo:`` URL
    (``py_env-<version>`` in its cache), rather than from an install of
    the user's own (a ``repo: local``, ``language: system`` hook)?"""
    return os.path.basename(os.path.normpath(sys.prefix)).startswith('py_env-')


def on_users_path(script: str) -> bool:
    """Is ``script`` on PATH outside our own (pre-commit's) environment?
    Looked up as ``shutil.which`` does, without importing ``shutil`` (and
    its compression modules) into a blocked commit's hook.  Our own bin
    folder counts when it is the user's install (a ``repo: local`` hook
    runs the commands the user's shell has)."""
    ours = os.path.realpath(os.path.dirname(sys.executable)) if in_pre_commit_env() else None
    for folder in os.environ.get('PATH', '').split(os.pathsep):
        if not folder or os.path.realpath(folder) == ours:
            continue
        path = os.path.join(folder, script)
        if os.access(path, os.X_OK) and os.path.exists(path) and not os.path.isdir(path):
            return True
    return False


def fix_command() -> str:
    """How this user appends the missing ignore rules.  Under pre-commit
    with no config naming the hook (``pre-commit try-repo`` runs from a
    config of its own), there is no hook entry to give ``--fix``: the
    command, and how to get it."""
    if under_pre_commit() and not on_users_path(FIXER):
        if not hook_configured(FIXER):
            return f'run `{FIXER} --fix` (to get the command: `{INSTALL}`)'
        return (
            f'add `args: [--fix]` to the {FIXER} hook in {CONFIG}, stage it '
            f'(`git add {CONFIG}`: pre-commit refuses an unstaged config) and run '
            f'`pre-commit run {FIXER} --hook-stage manual`'
        )
    return f'run `{FIXER} --fix`'


def hook_configured(hook_id: str, root: str = '.', config: str | None = None) -> bool:
    """Does pre-commit run ``hook_id`` here too (by its config's text, and
    not named in ``SKIP``)?  ``config`` is the config file's path when
    known (``pre-commit run -c``), else the top's.

    Only asked under pre-commit, on the rare path where an env file is
    staged: a text search, no YAML parser."""
    if not under_pre_commit():
        return False
    skipped = {s.strip() for s in os.environ.get('SKIP', '').split(',')}
    if hook_id in skipped:  # SKIP=forbid-env-files: it will not report
        return False
    from together_hooks.errors import InputError
    from together_hooks.fileio import read_config_file

    try:  # a FIFO, a link to /dev/zero, a huge file: not a config, no hang
        text = read_config_file(config or os.path.join(root, CONFIG)).decode('utf-8', 'replace')
    except (OSError, InputError):
        return False
    import re

    # Block style or flow style (``hooks: [{id: x}]``, as doctor suggests),
    # and a config saved with Windows line ends (CRLF), count the same.
    pattern = (
        rf'(?m)(?:^[ \t-]*|[{{,][ \t]*)id:[ \t]*["\']?{re.escape(hook_id)}["\']?'
        r'[ \t]*(?:[,}}]|#.*|\r?$)'
    )
    return re.search(pattern, text) is not None


def forbid_env_files_runs(root: str = '.') -> Callable[[str], bool] | None:
    """Does pre-commit run ``forbid-env-files`` here too, and on which
    paths?  A staged env file it is passed is its to report, and the other
    hooks leave it out: one staged ``.env`` fails one hook, with one
    message.  None when it does not run, or when the run pre-commit was
    given is not known for sure (``precommit_run``: the config ``-c``
    names, the one hook ``pre-commit run <hook>`` runs, its stage): the
    key hook then scans the env files too.  Else whether it is passed a
    path (``forbid_env_files_takes``): a config that narrows it
    (``stages`` without this stage, ``files``, ``exclude``, ``types``,
    ...) leaves the other paths to the key hook, never to no hook at all."""
    if not under_pre_commit():
        return None
    from together_hooks.env.precommit_run import selection

    run = selection(root)
    if run is None:
        return None
    config, only, stage = run
    if not hook_configured(FORBIDDER, root, config):
        return None
    return forbid_env_files_takes(root, config, only, stage)


# forbid-env-files as our manifest (.pre-commit-hooks.yaml) declares it:
# what a config entry that sets none of these keys runs with.
_MANIFEST_FILES = r'(?i)\.env|[^\x00-\x7f]'
_MANIFEST_TYPES_OR = frozenset(('file', 'symlink'))
# pre-commit's older stage names.
_STAGE_ALIASES = {'commit': 'pre-commit', 'push': 'pre-push', 'merge-commit': 'pre-merge-commit'}


def _stages_needed() -> frozenset[str]:
    """The stages this run may be: a push (git's pre-push hook has
    pre-commit name the remote), a commit or merge (git's hooks set
    ``GIT_INDEX_FILE``: pre-commit or pre-merge-commit, which a hook
    cannot tell apart), else ``pre-commit run`` at any ``--hook-stage``
    it is given: ``--from-ref``/``--to-ref`` (a CI job's) set
    ``PRE_COMMIT_TO_REF`` at its default stage, pre-commit, too."""
    if os.environ.get('PRE_COMMIT_REMOTE_NAME'):
        return frozenset(('pre-push',))
    if os.environ.get('GIT_INDEX_FILE'):
        return frozenset(('pre-commit', 'pre-merge-commit'))
    return frozenset(('pre-commit', 'pre-merge-commit', 'pre-push', 'manual'))


def forbid_env_files_takes(
        root: str = '.', config: str | None = None, only: str | None = None,
        stage: str | None = None,
) -> Callable[[str], bool]:
    """Whether pre-commit passes a path to ``forbid-env-files`` in this
    run, by the config's entries for it (read as YAML): one that runs at
    this stage, all its files, whose own ``files`` regex finds the path
    and ``exclude`` does not, no ``types`` narrower than the manifest's,
    and its own command.  A config that cannot be read, or an entry that
    narrows in a way not read here, takes no path: the key hook then
    scans them all (two failures for one ``.env`` at worst, never none).
    ``config`` is the config file's path (else the top's), ``only`` the one
    hook id or alias the run was told to run, ``stage`` its stage, when
    known."""
    import re

    from together_hooks.fileio import load_yaml
    from together_hooks.fileio import read_config_file

    try:
        doc = load_yaml(read_config_file(config or os.path.join(root, CONFIG)).decode('utf-8', 'replace'))
    except Exception:  # unreadable, not YAML, too many aliases: it takes none
        return _takes_none
    needed = _stages_needed() if stage is None else frozenset((_STAGE_ALIASES.get(stage, stage),))
    # pre-commit skips a hook SKIP names by its id or its alias.
    skipped = {s.strip() for s in os.environ.get('SKIP', '').split(',') if s.strip()}
    takers = []
    repos = doc.get('repos') if isinstance(doc, dict) else None
    for repo in repos if isinstance(repos, list) else ():
        hooks = repo.get('hooks') if isinstance(repo, dict) else None
        for hook in hooks if isinstance(hooks, list) else ():
            if not isinstance(hook, dict) or hook.get('id') != FORBIDDER:
                continue
            if str(hook.get('alias', '')) in skipped:
                continue
            if only is not None and only not in (FORBIDDER, str(hook.get('alias', ''))):
                continue  # `pre-commit run <hook>` runs that one alone
            stages = hook.get('stages')
            if not stages and repo.get('repo') == 'local':
                # A local entry has no manifest's: pre-commit gives it the
                # config's default_stages (every stage when unset).
                stages = doc.get('default_stages') or None
            if stages is not None:
                if not isinstance(stages, list):
                    continue
                if not needed <= {_STAGE_ALIASES.get(str(s), str(s)) for s in stages}:
                    continue
            if hook.get('types', []) != [] or hook.get('exclude_types', []) != []:
                continue
            types_or = hook.get('types_or', list(_MANIFEST_TYPES_OR))
            if not isinstance(types_or, list) or not _MANIFEST_TYPES_OR <= set(types_or):
                continue
            if hook.get('pass_filenames', True) is not True:
                continue
            entry = hook.get('entry', FORBIDDER)
            words = entry.split() if isinstance(entry, str) else []
            if not words or os.path.basename(words[0]) != FORBIDDER:
                continue
            files, exclude = hook.get('files', _MANIFEST_FILES), hook.get('exclude', '^$')
            if not isinstance(files, str) or not isinstance(exclude, str):
                continue
            try:
                takers.append((re.compile(files), re.compile(exclude)))
            except re.error:
                continue
    if not takers:
        return _takes_none

    def takes(path: str) -> bool:
        return any(f.search(path) and not x.search(path) for f, x in takers)
    return takes


def _takes_none(path: str) -> bool:
    return False


# Our key hook as a config entry may name it: by id, or a ``local`` entry
# running its console script or module.
KEY_HOOK = 'detect-together-keys'
_KEY_HOOK_ENTRY = ('detect-together-keys', 'together_hooks.hooks.detect_together_keys')


def key_hook_takes(root: str = '.') -> Callable[[str], bool] | None:
    """Whether pre-commit would pass a path (from the top) to the key hook
    in the run above us, by its config read as YAML: the config's own
    ``files`` finds it and ``exclude`` does not, and so do some entry's of
    the key hook (its ``files``, ``exclude``; ``types`` and ``stages``
    not read: any entry may take it).  A path the user's config keeps from
    the hook is not the hook's to read where pre-commit does not pass it
    (``git commit --amend``: what HEAD changed, ``sources.index
    .amended_changes``).  None where that is not known for sure (no
    pre-commit above us read from ``/proc``, a config not read, no entry
    found for the hook, a regex Python cannot compile): every path, then."""
    import re

    from together_hooks.env.precommit_run import selection
    from together_hooks.fileio import load_yaml
    from together_hooks.fileio import read_config_file

    if not under_pre_commit():
        return None
    run = selection(root)
    if run is None:
        return None
    try:
        doc = load_yaml(read_config_file(run[0]).decode('utf-8', 'replace'))
    except Exception:  # unreadable, not YAML, too many aliases: not known
        return None
    if not isinstance(doc, dict):
        return None
    try:
        top = (re.compile(_regex(doc, 'files', '')), re.compile(_regex(doc, 'exclude', '^$')))
        takers = [
            (re.compile(_regex(hook, 'files', '')), re.compile(_regex(hook, 'exclude', '^$')))
            for _repo, hook in _key_hook_entries(doc)
        ]
    except (re.error, TypeError):
        return None  # not a regex pre-commit could use either: not known
    if not takers:
        return None

    def takes(path: str) -> bool:
        return bool(top[0].search(path)) and not top[1].search(path) and any(
            f.search(path) and not x.search(path) for f, x in takers)
    return takes


def key_hook_runs_at(stage: str, config: str) -> bool:
    """Whether the pre-commit config file ``config`` runs the key hook at
    ``stage``: some entry of it (by id, or a ``local`` entry running its
    console script or module), not named in ``SKIP``, whose stages take
    ``stage``: its own ``stages``, else for a ``local`` entry the
    config's ``default_stages`` (every stage when unset), for another
    our manifest's (every commit and push stage).  False where that is
    not known for sure (the file not read, not YAML): the caller then
    reads for itself."""
    from together_hooks.fileio import load_yaml
    from together_hooks.fileio import read_config_file

    try:
        doc = load_yaml(read_config_file(config).decode('utf-8', 'replace'))
    except Exception:  # unreadable, not YAML, too many aliases: not known
        return False
    if not isinstance(doc, dict):
        return False
    skipped = {s.strip() for s in os.environ.get('SKIP', '').split(',') if s.strip()}
    for repo, hook in _key_hook_entries(doc):
        if {str(hook.get('id', '')), str(hook.get('alias', ''))} & skipped:
            continue
        stages = hook.get('stages')
        if not stages and repo.get('repo') == 'local':
            stages = doc.get('default_stages')
        if not stages:
            return True  # every stage (local), or the manifest's, which offers it
        if isinstance(stages, list) and stage in {_STAGE_ALIASES.get(str(s), str(s)) for s in stages}:
            return True
    return False


def _key_hook_entries(doc: dict) -> Iterator[tuple[dict, dict]]:
    """Each (repo, hook) of the pre-commit config ``doc`` that runs the
    key hook: by id, or a ``local`` entry running its console script or
    module."""
    repos = doc.get('repos')
    for repo in repos if isinstance(repos, list) else ():
        hooks = repo.get('hooks') if isinstance(repo, dict) else None
        for hook in hooks if isinstance(hooks, list) else ():
            if not isinstance(hook, dict):
                continue
            entry = hook.get('entry')
            words = entry.split() if isinstance(entry, str) else []
            if hook.get('id') == KEY_HOOK or any(os.path.basename(w) in _KEY_HOOK_ENTRY for w in words):
                yield repo, hook


def _regex(doc: dict, key: str, default: str) -> str:
    """``doc[key]`` as pre-commit reads a files/exclude regex (TypeError
    for a value that is no string)."""
    value = doc.get(key, default)
    if not isinstance(value, str):
        raise TypeError(key)
    return value


# Names git's pathspecs would read as more than the name itself: a glob
# (``a[1]`` matches ``a1`` too) or magic (``:x`` is ``x``).
_PATHSPEC_SPECIAL = frozenset('*?[\\')


def _pathspec(path: str) -> str:
    if path.startswith(':') or not _PATHSPEC_SPECIAL.isdisjoint(path):
        return f':(literal){path}'
    return path


def _key_glob(path: str, recursive: bool, root: str) -> str | None:
    """A pathspec glob for ``path``, whose name holds a key: what the
    output's scrub shows of it, a ``*`` where the key is; None unless git
    finds it matches this path and no other tracked one."""
    from together_hooks.detect.scrub import scrub
    from together_hooks.gitrun import git_probe
    from together_hooks.gitrun import zsplit

    from together_hooks.env.held import glob_escaped

    # What the scrub shows of the key (``…``) stands for any run.
    glob = '*'.join(glob_escaped(part) for part in scrub(path).split('…'))
    if recursive:  # a folder: git matches a glob against the files in it
        glob += '/*'
    if glob.startswith(':'):
        glob = f':(glob){glob}'
    out = git_probe(root, 'ls-files', '-z', '--', glob)
    matched = zsplit(out) if out is not None else []
    inside = [m for m in matched if m == path or m.startswith(path.rstrip('/') + '/')]
    if matched and len(inside) == len(matched) and scrub(glob) == glob:
        return glob
    return None


def from_top(root: str) -> str:
    """``cd <root> && `` when a command naming paths from the work tree's
    top ``root`` is run from elsewhere, else nothing."""
    if os.path.realpath(root) == os.path.realpath('.'):
        return ''
    from together_hooks.messages import shell_quote

    return f'cd {shell_quote(os.path.relpath(root))} && '


def untrack_command(
        paths: Sequence[str], recursive: bool = False, root: str = '.', sparse: bool = False,
) -> str:
    """The ``git rm --cached`` that untracks ``paths`` (named from
    ``root``), in backquotes, to copy and run as printed from here;
    ``sparse``: with ``--sparse``, for paths outside a sparse checkout's
    cone (the work tree lacks them), which git otherwise refuses to touch.

    Every name is one shell word, after ``--`` where one starts with
    ``-``, and literal to git (a ``[`` or ``*`` in it is no glob, a
    leading ``:`` no magic).  A name that holds a key is never printed
    whole (the output's scrub would show it redacted, ``tgp_v1_Ab…yz``,
    which names no file): it is named by a glob of what may show, a ``*``
    where the key is, when git finds that glob matches it and no other
    tracked file; else the command is said without it."""
    from together_hooks.detect.scrub import scrub
    from together_hooks.messages import shell_quote

    words, hidden, globbed = [], 0, False
    for path in paths:
        if scrub(path).count('…') <= path.count('…'):  # no key redacted
            words.append(shell_quote(_pathspec(path)))
            continue
        glob = _key_glob(path, recursive, root)
        if glob is None:
            hidden += 1
        else:
            words.append(shell_quote(glob))
            globbed = True
    flags = '-r --cached' if recursive else '--cached'
    if sparse:
        flags += ' --sparse'
    cd = from_top(root)
    if globbed or any(w.startswith('-') for w in words):
        flags += ' --'  # only where needed: `git rm --cached .env` reads plainly
    command = f'`{cd}git rm {flags} {" ".join(words)}`' if words else ''
    note = ' (a name holding a key is shown with a * for the key)' if globbed else ''
    if not hidden:
        return command + note
    rest = (
        f'`{cd}git rm {flags.removesuffix(" --")} --` and the path{"s" if hidden > 1 else ""} as '
        f'`git ls-files` lists {"them" if hidden > 1 else "it"} (a name '
        'holding a key is not shown here)'
    )
    return f'{command}{note}, and {rest}' if command else rest
