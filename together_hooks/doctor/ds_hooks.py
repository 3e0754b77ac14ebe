"""The team's own detect-secrets hook, and whether it can load the plugins
a baseline names.

detect-secrets' pre-commit hook runs from the repository root, in an
environment of its own (pre-commit's, with detect-secrets and the hook's
``additional_dependencies``; for a ``system`` hook, the interpreter its
script names), and loads every ``plugins_used`` entry with a ``path``
before it scans anything.  A path it cannot load makes it scan nothing
(one file: exit 0) or crash (many files).  ``baseline create``/``update``
refuse to write such a baseline and ``doctor`` fails on one.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

from together_hooks.config import DEFAULT_BASELINE
from together_hooks.messages import shell_quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONFIG = '.pre-commit-config.yaml'
SHIM = 'tools/together_plugin.py'
_OURS = re.compile(r'together[-_]hooks', re.IGNORECASE)


class DetectSecretsHook:
    """One detect-secrets hook of the config: which baseline it reads and
    whether its environment can import together_hooks (None: unknown)."""

    __slots__ = ('id', 'baseline', 'has_together_hooks')

    def __init__(self, hook_id: str, baseline: str, has_together_hooks: bool | None) -> None:
        self.id = hook_id
        self.baseline = baseline
        self.has_together_hooks = has_together_hooks


def team_hooks(root: str) -> list[DetectSecretsHook]:
    """The detect-secrets hooks ``.pre-commit-config.yaml`` runs."""
    from together_hooks.fileio import load_yaml
    from together_hooks.fileio import read_config_file

    try:  # bounded as doctor reads it: nested aliases never expand here
        doc = load_yaml(read_config_file(os.path.join(root, CONFIG)).decode('utf-8', 'replace'))
    except Exception:  # no config, unreadable, not YAML, too many aliases: doctor says so elsewhere
        return []
    found = []
    repos = doc.get('repos') if isinstance(doc, dict) else None
    for repo in repos if isinstance(repos, list) else ():
        url = _plain(repo.get('repo')) if isinstance(repo, dict) else ''
        for hook in (repo.get('hooks') or ()) if isinstance(repo, dict) else ():
            if isinstance(hook, dict) and _runs_detect_secrets(url, hook):
                found.append(_describe(root, url, hook))
    return found


def _plain(value: Any) -> str:
    """A config value where pre-commit takes a string; anything else (an
    alias of a nested list, a mapping) is no value and is never expanded."""
    return str(value) if isinstance(value, (str, int, float)) else ''


def _runs_detect_secrets(url: str, hook: dict[str, Any]) -> bool:
    entry = _plain(hook.get('entry'))
    return (
        'detect-secrets' in url and url not in ('local', 'meta')
        or 'detect-secrets-hook' in entry or 'detect_secrets.pre_commit_hook' in entry
        or (url == 'local' and hook.get('id') == 'detect-secrets')
    )


def _describe(root: str, url: str, hook: dict[str, Any]) -> DetectSecretsHook:
    args = [str(a) for a in hook.get('args') or () if isinstance(a, (str, int, float))]
    try:
        entry = shlex.split(_plain(hook.get('entry')))
    except ValueError:
        entry = []
    words = entry + args
    baseline = DEFAULT_BASELINE
    for i, word in enumerate(words):
        if word == '--baseline' and i + 1 < len(words):
            baseline = words[i + 1]
        elif word.startswith('--baseline='):
            baseline = word.split('=', 1)[1]
    # Plain values only, as doctor reads args: an alias of a nested list
    # is never expanded into a string.
    deps = [_plain(d) for d in hook.get('additional_dependencies') or ()]
    has: bool | None
    if url != 'local' or hook.get('language') == 'python':
        has = any(_OURS.search(d) for d in deps)  # pre-commit's own env
    elif entry and hook.get('language') in ('system', 'script', None):
        has = _interpreter_has_us(root, entry[0])
    else:
        has = None
    return DetectSecretsHook(_plain(hook.get('id')), baseline, has)


def _interpreter_has_us(root: str, program: str) -> bool | None:
    """Whether the Python a system hook runs can import together_hooks:
    the program itself when it is a python, else its script's shebang."""
    path = os.path.join(root, program) if os.sep in program else shutil.which(program)
    if not path or not os.path.isfile(path):
        return None
    if os.path.basename(path).startswith('python'):
        command = [path]
    else:
        try:
            with open(path, 'rb') as f:
                first = f.readline(512)
        except OSError:
            return None
        if not first.startswith(b'#!'):
            return None
        try:
            command = shlex.split(first[2:].decode('utf-8', 'replace'))
        except ValueError:
            return None
        if not command or 'python' not in os.path.basename(command[-1] if command[0].endswith('env') else command[0]):
            return None
    from together_hooks.fileio import inside

    # (each relative to the root, as the hook runs it; links followed)
    if any(inside(os.path.join(root, word), root) for word in (path, command[0])):
        # doctor reads a repository, it never runs one's programs: a cloned
        # or unpacked repository could name any program of its own here.
        return _venv_has_us(os.path.join(root, command[0]))
    try:
        proc = subprocess.run(
            (*command, '-c', 'import together_hooks'), cwd=root,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.returncode == 0


def _venv_has_us(program: str) -> bool | None:
    """Whether the virtualenv ``program`` sits in has together_hooks
    installed, read from its ``site-packages`` without running anything;
    None when ``program`` is in no virtualenv."""
    import glob

    venv = os.path.dirname(os.path.dirname(os.path.abspath(program)))
    if not os.path.isfile(os.path.join(venv, 'pyvenv.cfg')):
        return None
    site = glob.glob(os.path.join(glob.escape(venv), 'lib', 'python*', 'site-packages'))
    return any(
        glob.glob(os.path.join(glob.escape(folder), pattern))
        for folder in site
        for pattern in ('together_hooks', 'together_hooks-*', '__editable__*together_hooks*',
                        'together-hooks*.egg-link', 'together_hooks*.egg-link')
    )


def uses(hook: DetectSecretsHook, root: str, baseline_path: str) -> bool:
    """Whether ``hook`` reads the baseline at ``baseline_path``."""
    mine = os.path.realpath(baseline_path)
    return os.path.realpath(os.path.join(root, hook.baseline)) == mine


def unloadable(doc: dict[str, Any], root: str, hook: DetectSecretsHook) -> list[str]:
    """The ``plugins_used`` paths ``hook`` cannot load, as the baseline
    records them."""
    bad = []
    for plugin in doc.get('plugins_used') or ():
        if not isinstance(plugin, dict) or 'path' not in plugin:
            continue
        recorded = str(plugin['path'])
        if recorded in bad:
            continue
        rest = recorded[len('file://'):] if recorded.startswith('file://') else recorded
        file = rest if os.path.isabs(rest) else os.path.join(root, rest)
        if not os.path.isfile(file):
            bad.append(recorded)
        elif not hook.has_together_hooks and not _loads_alone(file):
            bad.append(recorded)
    return bad


def _loads_alone(file: str) -> bool:
    """Our own plugin file inside a together_hooks package loads the
    engine from the folder it sits in; any other file (a shim importing
    together_hooks) needs together-hooks installed beside detect-secrets."""
    folder = os.path.dirname(os.path.realpath(file))
    return (
        os.path.basename(file) == 'detect_secrets_plugin.py'
        and os.path.basename(folder) == 'together_hooks'
        and os.path.isfile(os.path.join(folder, '__init__.py'))
    )


def fix(hook: DetectSecretsHook) -> str:
    """How to let ``hook`` load our plugin."""
    return (
        f'keep a plugin file in the repository ({SHIM} holding `from '
        'together_hooks.detect_secrets_plugin import *`), add together-hooks '
        f'to the {hook.id} hook\'s additional_dependencies, record it once with '
        f'`detect-secrets scan --plugin {SHIM} --baseline {hook.baseline}`, '
        'then run this again'
    )


def refuse_unusable(
        doc: dict[str, Any], root: str, path: str, create: bool = False,
) -> None:
    """Never write a baseline that the team's own detect-secrets hook
    (in .pre-commit-config.yaml, on this baseline) cannot use: it would
    stop scanning, or crash, with no other sign."""
    from together_hooks.errors import InputError

    for hook in team_hooks(root):
        if not uses(hook, root, path):
            continue
        if create:
            raise InputError(
                f'{CONFIG} runs detect-secrets\' own hook on {hook.baseline}, '
                'and a baseline we create lists only our plugins (its hook would '
                'stop finding AWS keys, passwords, ...): make it with detect-secrets '
                f'(detect-secrets scan > {shell_quote(hook.baseline)}), then keep it current with '
                '`together-hooks baseline update`',
            )
        bad = unloadable(doc, root, hook)
        if bad:
            raise InputError(
                f'{path} not written: detect-secrets\' own hook ({hook.id} in '
                f'{CONFIG}) could not load the plugin at {bad[0]} and '
                f'would scan nothing; {fix(hook)}',
            )
