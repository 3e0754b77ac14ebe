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

FIXER = 'check-env-gitignored'
FORBIDDER = 'forbid-env-files'
CONFIG = '.pre-commit-config.yaml'
# How a pre-commit user gets our commands on their own PATH.
INSTALL = 'pipx install git+https://github.com/together-hooks/together-hooks'


def under_pre_commit() -> bool:
    return os.environ.get('PRE_COMMIT') == '1'


def on_users_path(script: str) -> bool:
    """Is ``script`` on PATH outside our own (pre-commit's) environment?
    Looked up as ``shutil.which`` does, without importing ``shutil`` (and
    its compression modules) into a blocked commit's hook."""
    ours = os.path.realpath(os.path.dirname(sys.executable))
    for folder in os.environ.get('PATH', '').split(os.pathsep):
        if not folder or os.path.realpath(folder) == ours:
            continue
        path = os.path.join(folder, script)
        if os.access(path, os.X_OK) and os.path.exists(path) and not os.path.isdir(path):
            return True
    return False


def fix_command() -> str:
    """How this user appends the missing ignore rules."""
    if under_pre_commit() and not on_users_path(FIXER):
        return (
            f'add `args: [--fix]` to the {FIXER} hook in {CONFIG} and run '
            f'`pre-commit run {FIXER} --hook-stage manual`'
        )
    return f'run `{FIXER} --fix`'


def hook_configured(hook_id: str, root: str = '.') -> bool:
    """Does pre-commit run ``hook_id`` here too (by its config's text, and
    not named in ``SKIP``)?

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
        text = read_config_file(os.path.join(root, CONFIG)).decode('utf-8', 'replace')
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


def forbid_env_files_runs(root: str = '.') -> bool:
    """Does pre-commit run ``forbid-env-files`` here too?  Then a staged env
    file is its to report, and the other hooks leave it out: one staged
    ``.env`` fails one hook, with one message."""
    return hook_configured(FORBIDDER, root)
