"""The Together security checklist, checked (``together-hooks doctor``).

Each check looks at one item teams otherwise follow by hand and says pass,
warn or fail, why, and what to do.  Exit 1 when any check fails, 0
otherwise, 2 when PATH is not a git work tree.

A check that cannot run (git fails, a file is unreadable) fails with the
reason rather than passing: the doctor must not vouch for what it could not
see.
"""
from __future__ import annotations

import os
import re
from typing import Any
from typing import Callable
from typing import NamedTuple

from together_hooks.errors import InputError
from together_hooks.fileio import read_head as hook_script
from together_hooks.messages import cut_short
from together_hooks.messages import PROJECT_URL
from together_hooks.messages import shell_quote
from together_hooks.rules import ROTATE_URL
from together_hooks.rules import rotate_at

PASS, WARN, FAIL = 'pass', 'warn', 'fail'
CONFIG = '.pre-commit-config.yaml'
# The hooks every repository should run; the rest of ours are welcome.
REQUIRED_HOOKS = ('detect-together-keys', 'forbid-env-files')
OUR_HOOKS = ('detect-together-keys', 'forbid-env-files', 'check-env-gitignored')
SHOWN = 5  # problems listed per check; the count says how many there are

# pre-commit marks the hook script it installs with one of these ids
# (pre_commit/commands/install_uninstall.py); another hook manager that
# calls pre-commit counts too.
_PRE_COMMIT_IDS = (
    b'138fd403232d2ddd5efb44317e38bf03', b'4d9958c90bc262f47553e2c073f14cfe',
    b'd8ee923c46731b42cd95cc869add4062', b'49fd668cb42069aa1b6048464be5d395',
    b'79f09a650522a87b0da915d0d983b2de', b'e358c9dae00eac5d06b38dfdb1e33a8c',
)
_CALLS_PRE_COMMIT = re.compile(rb'\bpre[-_]commit\b[\'"]?\s+(?:run|hook-impl)\b')


class Check(NamedTuple):
    id: str
    status: str
    detail: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {'id': self.id, 'status': self.status, 'detail': self.detail, 'fix': self.fix}


class Repo:
    """What the checks share: the work tree, its tracked files, its config."""

    def __init__(self, root: str) -> None:
        from together_hooks.gitrun import Listings

        self.root = root
        self._tracked: list[str] | None = None
        self._config: Config | None = None
        self._hooks_dir: str | None = None
        # The pre-commit config the checks read, from the root.
        self.config_name = CONFIG
        # The tree's git listings, each asked once by all the checks.
        self.listings = Listings(root)

    @classmethod
    def at(cls, path: str) -> Repo:
        from together_hooks.gitrun import git_toplevel
        from together_hooks.gitrun import no_repository

        if path == '':
            from together_hooks.sources.files import empty_path

            raise empty_path()
        if not os.path.exists(path):
            raise InputError(f'{path}: no such file or folder')
        root = git_toplevel(path)
        if root is None:
            raise no_repository(
                f'{path}: not inside a git work tree (run it in a repository, or '
                'name one: `together-hooks doctor path/to/repo`)', path,
            )
        return cls(root)

    def git(self, *args: str) -> bytes:
        from together_hooks.gitrun import git

        return git(self.root, *args)

    @property
    def tracked(self) -> list[str]:
        if self._tracked is None:
            self._tracked = sorted(set(self.listings.tracked()))
        return self._tracked

    def config(self) -> Config:
        """The pre-commit config git's installed hook runs (``pre-commit
        install -c services/api/.pre-commit-config.yaml``: a monorepo's),
        else ``.pre-commit-config.yaml``; read once."""
        if self._config is None:
            self.config_name = installed_config(self) or CONFIG
            self._config = Config.read(os.path.join(self.root, self.config_name), self.config_name)
        return self._config


class Config:
    """The hooks a pre-commit config runs, and the args each one gets."""

    def __init__(self, exists: bool, hooks: dict[str, list[str]], error: str | None = None) -> None:
        self.exists = exists
        self.hooks = hooks  # hook id -> args (every occurrence, joined)
        self.error = error

    @classmethod
    def read(cls, path: str, name: str = CONFIG) -> Config:
        """The config at ``path``, named ``name`` in what doctor says of it
        (the one the installed hook runs: ``Repo.config``)."""
        from together_hooks.fileio import read_config_file

        try:
            raw = read_config_file(path)  # a committed link to /dev/zero must not hang
        except FileNotFoundError:
            return cls(False, {})
        except InputError as e:  # not a regular file, or far too large
            return cls(True, {}, f'cannot read {name}: {str(e).partition(": ")[2]}')
        except OSError as e:
            return cls(True, {}, f'cannot read {name}: {e.strerror}')
        text = raw.decode('utf-8', 'replace')
        try:
            import yaml
        except ImportError:  # pre-commit brings PyYAML; without it, read the text
            return cls(True, _hooks_from_text(text))
        from together_hooks.fileio import MAX_YAML_ALIASES
        from together_hooks.fileio import TooManyAliases
        from together_hooks.fileio import YamlRefused
        from together_hooks.fileio import load_yaml

        try:
            doc = load_yaml(text)
        except TooManyAliases:
            return cls(True, {}, f'{name} uses more than {MAX_YAML_ALIASES} YAML aliases; not read')
        except YamlRefused as e:
            return cls(True, {}, f'{name} is {e}; not read')
        except yaml.YAMLError as e:
            mark = getattr(e, 'problem_mark', None)
            where = f' at line {mark.line + 1}' if mark is not None else ''
            return cls(True, {}, f'{name} is not valid YAML{where}')
        return cls(True, _hooks_from_doc(doc))

    def args_of(self, hook_id: str) -> list[str]:
        return self.hooks.get(hook_id, [])


def _hooks_from_doc(doc: Any) -> dict[str, list[str]]:
    hooks: dict[str, list[str]] = {}
    repos = doc.get('repos') if isinstance(doc, dict) else None
    for repo in repos if isinstance(repos, list) else ():
        entries = repo.get('hooks') if isinstance(repo, dict) else None
        for hook in entries if isinstance(entries, list) else ():
            if not isinstance(hook, dict) or not isinstance(hook.get('id'), str):
                continue
            args = hook.get('args')
            # pre-commit passes strings: a list or mapping here (an alias
            # of a nested list) is no argument, and is never expanded.
            args = [
                str(a) for a in args if isinstance(a, (str, int, float, bool))
            ] if isinstance(args, list) else []
            hooks.setdefault(hook['id'], []).extend(args)
    return hooks


def _hooks_from_text(text: str) -> dict[str, list[str]]:
    """A rough reading without PyYAML: each id, and every word after it."""
    hooks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        code = line.split(' #', 1)[0]
        m = re.match(r'\s*(?:-\s*)?id:\s*[\'"]?([\w.-]+)', code)
        if m:
            current = hooks.setdefault(m.group(1), [])
        elif current is not None:
            current.extend(re.findall(r'[^\s,\[\]\'"]+', code))
    return hooks


def _option(args: list[str], name: str) -> str | None:
    """The value of ``--name FILE`` / ``--name=FILE`` in a hook's args:
    the last one given, as argparse (the hook) takes it."""
    values = _option_values(args, name)
    return values[-1] if values else None


def _option_values(args: list[str], name: str) -> list[str]:
    """Every value of a repeatable ``--name X`` / ``--name=X``, or of a
    prefix of it (``--base=X``), which argparse (the hook) takes as the
    option it begins when it begins one alone, and refuses otherwise."""
    values = []
    i = 0
    while i < len(args):
        opt, eq, value = args[i].partition('=')
        if len(opt) > 2 and opt.startswith('--') and name.startswith(opt):
            if eq:
                values.append(value)
            elif i + 1 < len(args):
                values.append(args[i + 1])
                i += 1
        i += 1
    return values


def _listed(items: list[str]) -> str:
    return cut_short(items, SHOWN, '; ', '; and {} more')


def _plural(n: int, word: str) -> str:
    return f'{n} {word}' + ('' if n == 1 else 's')


# --- 1. no hard-coded key in tracked files ---------------------------------

def check_keys(repo: Repo) -> Check:
    """As the hook judges: the config's exclusions and allowed values, and
    the baseline, excuse a key; one the baseline labels real never is."""
    from together_hooks import config
    from together_hooks.filters import Exclusions
    from together_hooks.pipeline import Scanner
    from together_hooks.pipeline import scan_contents
    from together_hooks.report import Summary
    from together_hooks.sources.files import from_files

    summary = Summary()
    known = _baseline_or_none(repo)
    exclusions = Exclusions(config.load(repo.root), known)
    # With the developer's own keys, as the hook has them.
    scanner = Scanner.for_run(where=repo.root, exclusions=exclusions, listings=repo.listings)
    findings = scan_contents(list(from_files(repo.root, repo.tracked)), summary, scanner)
    findings.sort(key=lambda f: (f.path, f.line, f.column))
    hidden = _behind_pragmas(repo, exclusions, findings)
    excused = unaudited = 0
    shown: list[str] = []
    held = scanner.own_keys.hashes if scanner.own_keys else ()
    for f in findings:
        # A copy of a key you hold is real: no baseline entry excuses it.
        excusable = known is not None and f.hashed_secret not in held
        entries = known.entries(f.path, f.hashed_secret) if excusable else []
        note = ''
        if entries and any(e.get('is_secret') is True for e in entries):
            note = ' (labelled real in the baseline)'
        elif entries:
            excused += 1
            unaudited += not all(e.get('is_secret') is False for e in entries)
            continue
        shown.append(f'{f.path}:{f.line}: {f.rule}: {f.redacted} (hashed_secret {f.hashed_secret}){note}')
    files = _plural(summary.files_scanned, 'tracked file')
    also = f'; {excused} recorded in the baseline' if excused else ''
    if unaudited:
        also += f' ({unaudited} not audited yet: see baseline-audited)'
    if not shown and hidden:
        # Excused, yet there: never "no Together key" (a real key behind a
        # pragma is the mistake a pragma makes easy).
        return Check(
            'no-hardcoded-keys', WARN,
            f'no Together key in {files} but the '
            f'{"one" if len(hidden) == 1 else len(hidden)} a pragma excuses: '
            f'{_listed(hidden)}{also}',
            f'a pragma is for a value that is not a key: if one is real, {rotate_at()}; '
            '`together-hooks rotate-help FILE` walks through it; then read it from the environment',
        )
    if not shown:
        return Check('no-hardcoded-keys', PASS, f'no Together key in {files}{also}')
    if hidden:
        # Failing on one key must not hide another a pragma excuses.
        also += f'; {len(hidden)} more a pragma excuses: {_listed(hidden)}'
    # `baseline audit` labels only what the baseline records: record first.
    opt = _baseline_option(repo)
    record = 'update' if known is not None else 'create'
    return Check(
        'no-hardcoded-keys', FAIL,
        f'{_plural(len(shown), "Together key")} in {files}: {_listed(shown)}{also}',
        f'{rotate_at("each key")}, read it from the environment '
        '(os.environ["TOGETHER_API_KEY"], process.env.TOGETHER_API_KEY) instead, '
        'and remove it from git history (git filter-repo --replace-text); '
        f'not a real key: record it (together-hooks baseline {record}{opt}), '
        f'label it a false positive (together-hooks baseline audit{opt}) and '
        'commit the baseline, or add "# pragma: allowlist secret" to its line',
    )


def _behind_pragmas(repo: Repo, exclusions: object, found: list[Any]) -> list[str]:
    """Where the tracked files hold a key that only a pragma excuses
    (``path:line: rule: redacted (hashed_secret …)``): the files scanned
    again with no pragma honoured (``detect.pragmas.ignored``), as
    rotate-help finds them."""
    from together_hooks.detect.pragmas import ignored
    from together_hooks.pipeline import Scanner
    from together_hooks.pipeline import scan_contents
    from together_hooks.report import Summary
    from together_hooks.sources.files import from_files

    seen = {(f.path, f.line, f.hashed_secret) for f in found}
    # Only the files a pragma can be in are scanned again: a second whole
    # scan doubled the check's CPU on every repository.
    marked = [rel for rel in repo.tracked if _may_hold_a_pragma(os.path.join(repo.root, rel))]
    if not marked:
        return []
    with ignored():
        scanner = Scanner.for_run(where=repo.root, exclusions=exclusions, listings=repo.listings)
        again = scan_contents(list(from_files(repo.root, marked)), Summary(), scanner)
    again.sort(key=lambda f: (f.path, f.line, f.column))
    return [
        f'{f.path}:{f.line}: {f.rule}: {f.redacted} (hashed_secret {f.hashed_secret}; '
        'behind a pragma)'
        for f in again if (f.path, f.line, f.hashed_secret) not in seen
    ]


def _pragma_needles() -> tuple[bytes, ...]:
    """The bytes a file holding a pragma (``detect.pragmas``: its words
    ``pragma`` and ``gitleaks:allow``) holds as read raw: UTF-8, UTF-16 and
    UTF-32 of either order, base64 at each alignment; and the marks of
    what is read decoded (a zip member, anywhere behind a stub)."""
    from together_hooks.detect.codec import b64_forms

    found: set[bytes] = {b'PK\x03\x04', b'PK\x05\x06'}
    for word in ('pragma', 'gitleaks:allow'):
        for codec in ('utf-8', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'):
            found.add(word.encode(codec))
        found.update(b64_forms(word.encode()))
    return tuple(sorted(found))


def _may_hold_a_pragma(path: str) -> bool:
    """Whether the file ``path`` may hold a pragma as the scanner reads
    it (``_pragma_needles``; a compressed container or a database, whose
    text only decoding shows, always may).  Read in 1 MB pieces (memory
    bounded); a regular file only: a link, a device or a FIFO holds no
    text of its own here (one to /dev/zero never ends)."""
    from together_hooks.detect.prefilter import container_kind

    import stat

    needles = _pragma_needles()
    keep = max(map(len, needles)) - 1
    try:  # a regular file only, never through a link (a device, a FIFO: no end)
        fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_NONBLOCK', 0)
                     | getattr(os, 'O_CLOEXEC', 0))
    except OSError:
        return False  # a link, or gone: no text of its own (the scan judges it)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return False
    except OSError:
        os.close(fd)
        return False
    try:
        with open(fd, 'rb') as f:
            head = f.read(1 << 20)
            if container_kind(head[:512], cut=True) is not None or head.startswith(b'SQLite format 3\0'):
                return True
            tail = b''
            piece = head
            while piece:
                data = tail + piece
                if any(n in data for n in needles):
                    return True
                tail = data[-keep:]
                piece = f.read(1 << 20)
    except OSError:
        return True
    return False


def _baseline_option(repo: Repo) -> str:
    """`` --baseline FILE`` for the baseline commands, unless it is the
    default one they find themselves."""
    from together_hooks.baseline.format import DEFAULT_NAME

    shown = os.path.relpath(baseline_path(repo), repo.root)
    return '' if shown == DEFAULT_NAME else f' --baseline {shell_quote(shown)}'


# --- 2. .env files ignored and untracked ------------------------------------

def check_env_ignored(repo: Repo) -> Check:
    from together_hooks.env import gitignore

    templates = env_templates(repo)
    tracked = gitignore.tracked_env_files(repo.root, templates, repo.listings)
    # problems_of already names tracked env files.
    files = gitignore.listing(repo.root, repo.listings)
    found = gitignore.probes(repo.root, templates, files)
    problems = gitignore.problems_of(found, files.tracked, templates, repo.root)
    unshared = gitignore.uncommitted_rules(found, files.tracked, repo.root)
    problems += [
        f'{p}: tracked by git' for p in tracked if not any(m.startswith(p + ':') for m in problems)
    ]
    problems += unshared
    if not problems:
        return Check('env-files-ignored', PASS, '.env files are ignored by a committed .gitignore and none is tracked')
    fixes = []
    if tracked:
        from together_hooks.env.hints import untrack_command

        fixes.append(
            f'untrack them ({untrack_command(tracked, root=repo.root)}), commit, and '
            f'{rotate_at("any key they held")}',
        )
    if len(problems) > len(tracked) + len(unshared):
        fixes.append('add the missing rules to .gitignore: check-env-gitignored --fix')
    if unshared:
        fixes.append('commit the .gitignore that holds them')
    return Check('env-files-ignored', FAIL, _listed(problems), '; '.join(fixes))


def env_templates(repo: Repo) -> list[str]:
    """The templates the env hooks are told of, as they judge: the config
    file's ``env-templates`` and each hook's ``--allow`` in
    ``.pre-commit-config.yaml``."""
    from together_hooks import config

    templates = list(config.load(repo.root).env_templates)
    for hook_id in ('check-env-gitignored', 'forbid-env-files'):
        templates += _option_values(repo.config().args_of(hook_id), '--allow')
    return templates


# --- 3. a different key per environment ------------------------------------

def check_stage_keys(repo: Repo) -> Check:
    from together_hooks.env.stages import shared_keys_across_stages

    pairs = [tuple(p) for p in shared_keys_across_stages(repo.root, listings=repo.listings)]
    if not pairs:
        return Check(
            'keys-differ-per-stage', PASS,
            'no Together key is shared between env files of different stages',
        )
    shown = [f'{a} and {b} hold the same Together key' for a, b in pairs]
    return Check(
        'keys-differ-per-stage', FAIL, _listed(shown),
        f'create a separate key for each environment at {ROTATE_URL}, put each '
        'in its own env file, then revoke the shared one where it should not be',
    )


# --- 4. the hooks configured and installed ----------------------------------

_REPO_ENTRY = (
    f'{{repo: {PROJECT_URL}, rev: REV, '
    'hooks: [{id: detect-together-keys}, {id: forbid-env-files}, {id: check-env-gitignored}]}'
)
_CONFIG_SNIPPET = f'repos: [{_REPO_ENTRY}]'
# A config that runs other projects' hooks: REV set for ours alone (without
# --repo, --bleeding-edge would move every other hook off its release too).
_ADD_ENTRY = (
    f'add `- {_REPO_ENTRY}` to its repos: list; then run '
    f'pre-commit autoupdate --bleeding-edge --repo {PROJECT_URL} (it sets REV) '
    'and pre-commit install'
)


def hooks_dir(repo: Repo) -> str:
    """Where git looks for hooks (honours core.hooksPath and worktrees);
    asked once a run."""
    if repo._hooks_dir is None:
        out = repo.git('rev-parse', '--git-path', 'hooks').decode('utf-8', 'replace').strip()
        repo._hooks_dir = os.path.normpath(os.path.join(repo.root, out))
    return repo._hooks_dir


# The line of the hook script pre-commit installs that holds its arguments
# (``ARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=...)``,
# written with ``shlex.join``: pre-commit 2.16 on).  Before, the script was
# Python and the templated lines Python literals (``repr``): ``ARGS =
# ['hook-impl', '--config=...', ...]`` (2.0 to 2.15), ``CONFIG = '...'``
# (1.x): read with ``ast.literal_eval``, never run.
_HOOK_ARGS = re.compile(rb'^ARGS=\((.*)\)[ \t]*$', re.M)
_HOOK_ARGS_PY = re.compile(rb'^ARGS = (\[.*\])[ \t]*$', re.M)
_HOOK_CONFIG_PY = re.compile(rb'^CONFIG = (.*?)[ \t]*$', re.M)


def installed_config(repo: Repo) -> str | None:
    """The config file the pre-commit hook installed in git's pre-commit
    hook names (``--config=``, from the root), or None (no such hook, or
    one that names none)."""
    import ast
    import shlex

    data = hook_script(os.path.join(hooks_dir(repo), 'pre-commit'))
    args: object = None
    line = _HOOK_ARGS.search(data)
    try:
        if line is not None:
            args = shlex.split(line.group(1).decode('utf-8', 'surrogateescape'))
        elif (line := _HOOK_ARGS_PY.search(data)) is not None:
            args = ast.literal_eval(line.group(1).decode('utf-8', 'surrogateescape'))
        elif (line := _HOOK_CONFIG_PY.search(data)) is not None:
            config = ast.literal_eval(line.group(1).decode('utf-8', 'surrogateescape'))
            args = [f'--config={config}'] if isinstance(config, str) else None
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(args, list):
        return None
    return next((
        a[len('--config='):] for a in args if isinstance(a, str) and a.startswith('--config=') and len(a) > 9
    ), None)


def installed_by_pre_commit(path: str) -> bool:
    data = hook_script(path)
    return any(h in data for h in _PRE_COMMIT_IDS) or _CALLS_PRE_COMMIT.search(data) is not None


def _install(repo: Repo) -> str:
    """The command that installs the hook: pre-commit refuses to while
    ``core.hooksPath`` is set ("Cowardly refusing..."), in any of git's
    config files.  ``git config --unset-all`` edits the repository's own
    file only: a setting in the global or system file, or in a file one
    of them includes, stayed, and pre-commit still refused.  Each file
    that sets it is named (``--file``, the repository's own as the plain
    command); one given on git's command line or in its environment
    (``GIT_CONFIG_COUNT``, ``GIT_CONFIG_PARAMETERS``) is said so."""
    from together_hooks.gitrun import git_probe

    out = git_probe(repo.root, 'config', '--show-scope', '--show-origin', '-z', '--get-all', 'core.hooksPath')
    fields = out.decode('utf-8', 'surrogateescape').split('\0') if out else []
    steps = []
    for scope, origin in zip(fields[0::3], fields[1::3]):
        if scope == 'local' and origin == 'file:.git/config':
            step = 'git config --unset-all core.hooksPath'
        elif origin.startswith('file:'):
            step = f'git config --file {shell_quote(origin[len("file:"):])} --unset-all core.hooksPath'
        else:  # git's -c, GIT_CONFIG_COUNT / GIT_CONFIG_PARAMETERS: no file to edit
            step = 'take core.hooksPath out of the GIT_CONFIG_* variables (or -c) that set it'
        if step not in steps:
            steps.append(step)
    if steps:
        return f'{", ".join(steps)}, then pre-commit install'
    return 'pre-commit install'


def _misspelt(config: Config, missing: list[str]) -> str:
    """The config's hook ids that look like one of ``missing`` (a typo
    pre-commit reports only at the next commit, as "not present in
    repository"), said beside what is missing."""
    from difflib import get_close_matches

    near = []
    for given in config.hooks:
        if given not in OUR_HOOKS:
            match = get_close_matches(given, missing, n=1, cutoff=0.8)
            if match:
                near.append(f'`{given}` is no hook of together-hooks: did you mean {match[0]}?')
    return f' ({"; ".join(near)})' if near else ''


def check_hooks(repo: Repo) -> Check:
    cid = 'hooks-installed'
    config = repo.config()
    name = repo.config_name
    if not config.exists:
        return Check(cid, FAIL, f'no {name} in the repository', f'add one: {_CONFIG_SNIPPET}; then run pre-commit autoupdate --bleeding-edge (it sets REV) and pre-commit install')
    if config.error:
        return Check(cid, FAIL, config.error, f'fix {name} (pre-commit validate-config)')
    missing = [h for h in REQUIRED_HOOKS if h not in config.hooks]
    if missing:
        near = _misspelt(config, missing)
        if near or any(h in config.hooks for h in OUR_HOOKS):
            fix = (f'add {", ".join("{id: %s}" % h for h in missing)} to the together-hooks '
                   f'repo in {name}')
        else:  # no entry of ours to add them to: the whole entry
            fix = _ADD_ENTRY
        return Check(cid, FAIL, f'{name} does not run {", ".join(missing)}{near}', fix)
    hook = os.path.join(hooks_dir(repo), 'pre-commit')
    shown = os.path.relpath(hook, repo.root)
    if not os.path.isfile(hook):
        return Check(cid, FAIL, f'{name} is set up but the git hook {shown} is not installed',
                     f'run {_install(repo)}')
    if not installed_by_pre_commit(hook):
        return Check(
            cid, FAIL, f'{shown} exists but does not run pre-commit',
            f'run {_install(repo)} (it keeps the old hook as pre-commit.legacy and runs it too)',
        )
    if not os.access(hook, os.X_OK):
        return Check(cid, FAIL, f'{shown} is not executable, so git skips it', f'chmod +x {shell_quote(shown)}')
    return Check(cid, PASS, f'{name} runs {" and ".join(REQUIRED_HOOKS)}; {shown} runs pre-commit')


# --- 5. the baseline: present, valid, audited, nothing real -----------------

def baseline_path(repo: Repo) -> str:
    """The baseline the hook uses: its ``--baseline`` arg, else the config
    file's ``baseline``, else ``.secrets.baseline`` at the root."""
    from together_hooks import config as config_file
    from together_hooks.baseline.format import DEFAULT_NAME

    config = repo.config()
    given = _option(config.args_of('detect-together-keys'), '--baseline') if config.exists else None
    named = config_file.load(repo.root).baseline
    return os.path.join(repo.root, given or named or DEFAULT_NAME)


def _baseline_or_none(repo: Repo) -> Any:
    from together_hooks.baseline.format import load

    path = baseline_path(repo)
    if not os.path.exists(path):
        return None
    try:
        return load(path)
    except InputError:
        return None  # check 5 says why


def check_baseline(repo: Repo) -> Check:
    from together_hooks.baseline.format import load

    cid = 'baseline-audited'
    config = repo.config()
    given = _option(config.args_of('detect-together-keys'), '--baseline') if config.exists else None
    if given is not None and not given.strip():  # as the hook judges it (pipeline.baseline_location)
        return Check(
            cid, FAIL,
            f"detect-together-keys' --baseline in {repo.config_name} names no file (a blank value): "
            'the hook exits 2 on every commit',
            f'name the baseline file in its args (--baseline FILE), or take the option out of {repo.config_name}',
        )
    path = baseline_path(repo)
    shown = os.path.relpath(path, repo.root)
    opt = _baseline_option(repo)
    if not os.path.exists(path):
        return Check(
            cid, WARN, f'no baseline ({shown}): known false positives have nowhere to be recorded',
            f'together-hooks baseline create{opt}, then together-hooks baseline audit{opt}',
        )
    try:
        known = load(path)
    except InputError as e:
        return Check(cid, FAIL, str(e), f'fix it, or recreate it: together-hooks baseline create --force{opt}')
    entries = [(name, e) for name, items in known.results.items() for e in items]
    real = [f'{name} (hashed_secret {e["hashed_secret"]})' for name, e in entries if e.get('is_secret') is True]
    unaudited = [f'{name} (hashed_secret {e["hashed_secret"]})' for name, e in entries if 'is_secret' not in e]
    if real:
        return Check(
            cid, FAIL,
            f'{len(real)} of {len(entries)} entries in {shown} labelled real '
            f'(is_secret: true): {_listed(real)}',
            f'a real key: {rotate_at()}, remove it from the code and '
            f'from git history, then together-hooks baseline update{opt}',
        )
    if unaudited:
        return Check(
            cid, WARN,
            f'{len(unaudited)} of {len(entries)} entries in {shown} not audited: {_listed(unaudited)}',
            f'together-hooks baseline audit{opt} (label each entry real or false positive)',
        )
    return Check(cid, PASS, f'{shown}: {len(entries)} entries, all audited as false positives')


# --- 6. HMAC signatures compared in constant time ---------------------------

def check_hmac(repo: Repo) -> Check:
    from together_hooks.doctor import hmac_check

    candidates = [p for p in repo.tracked if hmac_check.is_candidate(p)]
    problems = hmac_check.check_files(repo.root, candidates)
    if not problems:
        return Check(
            'hmac-constant-time', PASS,
            f'no HMAC signature compared with ==/=== in {_plural(len(candidates), "Python/JS/TS file")}',
        )
    langs = {p.language for p in problems}
    fix = ' / '.join(hmac_check.ADVICE[lang] for lang in ('python', 'js') if lang in langs)
    return Check(
        'hmac-constant-time', FAIL,
        f'{_plural(len(problems), "signature comparison")} leak timing: '
        + _listed([f'{p.path}:{p.line}: {p.operator}' for p in problems]),
        f'compare signatures in constant time: {fix}',
    )


# --- 7. audit logging configured --------------------------------------------

def check_audit_log(repo: Repo) -> Check:
    from together_hooks.audit_log import ENV_VAR

    cid = 'audit-log-configured'
    from_env = os.environ.get(ENV_VAR)
    config = repo.config()
    fix = (
        f'add --audit-log=FILE to the args of each together-hooks hook in {repo.config_name} '
        f'(a path in the work tree git ignores), or export {ENV_VAR}=FILE for one outside it'
    )
    ours = [h for h in OUR_HOOKS if h in config.hooks]
    logged = {h: _option(config.args_of(h), '--audit-log') for h in ours}
    without = [h for h, path in logged.items() if not path]
    paths = [path for path in logged.values() if path] + ([from_env] if from_env else [])
    missing_dirs = sorted({
        p for p in paths
        if not os.path.isdir(os.path.dirname(os.path.join(repo.root, os.path.expanduser(p))) or '.')
    })
    if missing_dirs:
        return Check(cid, WARN, f'the audit log folder does not exist: {", ".join(missing_dirs)}', 'create the folder, or point --audit-log elsewhere')
    if from_env:
        return Check(cid, PASS, f'{ENV_VAR} is set: every run logs to {from_env}')
    # A committed setting's log must be one git ignores: `git add -A`
    # commits any other, and a tracked log stops every hook (exit 2).
    unignored = _not_ignored(repo, sorted({p for p in paths if not os.path.isabs(os.path.expanduser(p))}))
    if unignored:
        return Check(
            cid, WARN,
            f'the audit log is not ignored by git: {", ".join(unignored)} (`git add -A` commits it, '
            'and a tracked log makes every hook exit 2)',
            f'add {unignored[0]} to .gitignore (and `git rm --cached {shell_quote(unignored[0])}` if git tracks it)',
        )
    if ours and not without:
        return Check(cid, PASS, f'{", ".join(ours)} log to {", ".join(sorted(set(paths)))}')
    if ours and len(without) < len(ours):
        return Check(cid, WARN, f'{", ".join(without)} run without --audit-log', fix)
    return Check(cid, WARN, 'no audit log: hook runs leave no record', fix)


# --- 8. a hook's report is one git ignores ------------------------------------

def check_report_ignored(repo: Repo) -> Check:
    """A report a committed hook setting writes (``--output FILE``) in the
    work tree must be ignored: ``git add -A`` commits any other, and the
    hook refuses to write over one git neither tracks nor ignores."""
    cid = 'report-ignored'
    config = repo.config()
    outputs = sorted({
        path for hook in OUR_HOOKS if hook in config.hooks
        for path in [_option(config.args_of(hook), '--output')]
        if path and path != '-' and not os.path.isabs(os.path.expanduser(path))
    })
    if not outputs:
        return Check(cid, PASS, 'no hook writes a report into the work tree')
    unignored = _not_ignored(repo, outputs)
    if unignored:
        return Check(
            cid, FAIL,
            f'the report a hook writes (--output) is not ignored by git: {", ".join(unignored)} '
            '(`git add -A` commits it, and the hook refuses to write it: exit 2 on every commit)',
            f'add {unignored[0]} to .gitignore (and `git rm --cached {shell_quote(unignored[0])}` if git tracks it)',
        )
    return Check(cid, PASS, f'the hooks\' reports are ignored by git: {", ".join(outputs)}')


def _not_ignored(repo: Repo, paths: list[str]) -> list[str]:
    """The ``paths`` inside the work tree that git does not ignore (a
    tracked file is no ignored one)."""
    from together_hooks.gitrun import git
    from together_hooks.gitrun import zsplit

    inside = [p for p in paths if not os.path.relpath(os.path.join(repo.root, p), repo.root).startswith('..')]
    if not inside:
        return []
    out = git(repo.root, 'check-ignore', '-z', '--stdin', input=b'\0'.join(p.encode() for p in inside) + b'\0', ok=(0, 1))
    ignored = set(zsplit(out))
    return [p for p in inside if p not in ignored]


def check_detect_secrets_plugins(repo: Repo) -> Check:
    """The team's own detect-secrets hook must load every plugin its
    baseline names: one it cannot makes it scan nothing, silently."""
    from together_hooks.baseline.format import load
    from together_hooks.doctor import ds_hooks

    cid = 'detect-secrets-plugins'
    error = repo.config().error
    if error:  # never "no detect-secrets hook" of a config it could not read;
        # hooks-installed fails on it already, so one problem is one failure
        return Check(cid, WARN, f'could not check: {error}', f'fix {CONFIG} (pre-commit validate-config)')
    hooks = ds_hooks.team_hooks(repo.root)
    if not hooks:
        return Check(cid, PASS, f'no detect-secrets hook in {CONFIG}')
    for hook in hooks:
        path = os.path.join(repo.root, hook.baseline)
        if not os.path.exists(path):
            continue
        try:
            doc = load(path).doc
        except InputError:
            continue  # the baseline check says why
        bad = ds_hooks.unloadable(doc, repo.root, hook)
        if bad:
            return Check(
                cid, FAIL,
                f'{hook.id} in {CONFIG} cannot load {", ".join(bad)} named in '
                f'{hook.baseline}: it scans nothing (or crashes) on every commit',
                ds_hooks.fix(hook),
            )
    return Check(cid, PASS, 'the detect-secrets hook loads every plugin its baseline names')


def check_config_file(repo: Repo) -> Check:
    """No file at the root written as the config under a name nothing reads."""
    from together_hooks import config

    cid = 'config-file-read'
    misnamed = config.misnamed(repo.root)
    if misnamed:
        return Check(
            cid, WARN,
            f'{_listed(misnamed)} {"is" if len(misnamed) == 1 else "are"} not read: '
            f'{"its" if len(misnamed) == 1 else "their"} exclusions, allowed values '
            'and baseline are unused',
            config.misnamed_line(misnamed[0]),
        )
    return Check(cid, PASS, f'no config file under a name nothing reads ({config.WHERE} are)')


def check_foreign_allowlists(repo: Repo) -> Check:
    """No other scanner's allowlist at the root that a team may take for
    one read here (gitleaks' ``.gitleaksignore`` and ``[allowlist]``)."""
    from together_hooks import config

    cid = 'other-allowlists-read'
    found = config.foreign_allowlists(repo.root)
    if found:
        return Check(
            cid, WARN,
            f'{_listed(found)}: another scanner\'s allowlist, not read here: a key it excuses is still reported',
            config.foreign_allowlist_line(found[0]),
        )
    return Check(cid, PASS, "no other scanner's allowlist (.gitleaksignore, a gitleaks [allowlist]) that is not read here")


CHECKS: tuple[tuple[str, Callable[[Repo], Check]], ...] = (
    ('no-hardcoded-keys', check_keys),
    ('env-files-ignored', check_env_ignored),
    ('keys-differ-per-stage', check_stage_keys),
    ('hooks-installed', check_hooks),
    ('baseline-audited', check_baseline),
    ('hmac-constant-time', check_hmac),
    ('audit-log-configured', check_audit_log),
    ('report-ignored', check_report_ignored),
    ('detect-secrets-plugins', check_detect_secrets_plugins),
    ('config-file-read', check_config_file),
    ('other-allowlists-read', check_foreign_allowlists),
)


def run_checks(repo: Repo) -> list[Check]:
    """Every check on the repository, in checklist order."""
    from together_hooks.detect.scrub import one_line

    results = []
    for cid, check in CHECKS:
        try:
            results.append(check(repo))
        except Exception as e:  # a check that could not look fails, with why
            reason = str(e) if isinstance(e, (InputError, OSError)) else f'{type(e).__name__}: {e}'
            results.append(Check(cid, FAIL, f'could not check: {one_line(reason)}', 'fix the cause and run doctor again'))
    return results
