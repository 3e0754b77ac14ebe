"""Ignore rules: ``git check-ignore`` itself decides whether probe paths
(``.env``, ``.env.local``, ``.env.<stage>``, ``.env.<stage>.local`` at the
root and in the repo's folders) would be ignored, and templates not.  Only
a committed ``.gitignore`` counts: a rule that lives only in this clone's
``.git/info/exclude`` or in the user's global excludes does not protect
teammates.  ``fix_gitignore`` (``--fix``) appends the missing rules.
"""
from __future__ import annotations

import os

from together_hooks.env.names import env_folder
from together_hooks.env.names import ignore_rule
from together_hooks.env.names import is_env_file
from together_hooks.env.names import is_envrc_script
from together_hooks.env.names import is_secret_env_file
from together_hooks.env.names import is_template
from together_hooks.env.names import path_parts
from together_hooks.env.names import unspelt
from together_hooks.gitrun import git
from together_hooks.gitrun import Listings
from together_hooks.gitrun import unreadable
from together_hooks.gitrun import zfields
from together_hooks.gitrun import zsplit
from together_hooks.messages import cut_short

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable

# Probe names: every class of pattern teams write (bare, .local,
# .<stage>.local, .<stage>).  Subfolders get one of each class: names
# without a slash apply at every depth, so only anchoring (/.env) and nested
# .gitignore files make a subfolder differ from the root.
ROOT_PROBES = (
    '.env', '.env.local', '.env.development.local', '.env.production.local',
    '.env.development', '.env.staging', '.env.production', '.env.test',
)
SUBFOLDER_PROBES = ('.env', '.env.local', '.env.development.local', '.env.production')
DEFAULT_TEMPLATE = '.env.example'
# Above this many folders only the ones where rules can differ are probed.
MAX_PROBE_FOLDERS = 1000
_PROJECT_MARKERS = frozenset((
    '.gitignore', 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg',
    'requirements.txt', 'Dockerfile', 'docker-compose.yml', 'compose.yaml',
    'docker-compose.yaml', 'go.mod', 'Cargo.toml', 'Gemfile', 'composer.json',
    'pom.xml', 'build.gradle', 'manage.py', 'next.config.js', 'vite.config.ts',
))
GITIGNORE_HEADER = '# together-hooks: keep .env files out of git, templates in'


def tracked_env_files(
        root: str, allow: Iterable[str] = (), listings: Listings | None = None,
) -> list[str]:
    """Env files git tracks (templates excluded; files inside a ``.env/``
    folder included), relative to ``root``; ``listings``: the run's
    (``gitrun.Listings``: its tracked half is ``ls-files --cached``)."""
    allow = tuple(allow)
    tracked = listings.tracked() if listings is not None else zsplit(git(root, 'ls-files', '-z', '--cached'))
    return [p for p in tracked if is_secret_env_file(p, allow)]


_IGNORED = ('ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory')


def ignored_files(root: str, listings: Listings | None = None) -> list[str]:
    """Ignored files (ignored folders collapsed to ``dir/``, not walked)."""
    return zsplit(listings.git(*_IGNORED) if listings is not None else git(root, *_IGNORED))


# --- check-ignore probes -----------------------------------------------------

class Probe:
    """One path asked of ``git check-ignore``, with the rule that decided:
    ``path`` (str), ``want_ignored`` (bool), ``source`` / ``line`` /
    ``pattern`` of the rule ('' / 0 / '' when none matches) and
    ``present`` (the file exists, not just a probe name).  A plain class,
    not a namedtuple: ``collections`` would be imported on every commit."""

    __slots__ = ('path', 'want_ignored', 'source', 'line', 'pattern', 'present')

    def __init__(
            self, path: str, want_ignored: bool, source: str, line: int, pattern: str,
            present: bool = False,
    ) -> None:
        self.path = path
        self.want_ignored = want_ignored
        self.source = source
        self.line = line
        self.pattern = pattern
        self.present = present

    @property
    def shared(self) -> bool:
        """Decided by a committed .gitignore (not info/exclude or global)."""
        s = self.source.replace('\\', '/')
        return (
            s.rsplit('/', 1)[-1] == '.gitignore' and not os.path.isabs(s)
            and not s.startswith('.git/')
        )

    @property
    def ignored(self) -> bool:
        return bool(self.pattern) and not self.pattern.startswith('!')

    @property
    def ok(self) -> bool:
        if not self.want_ignored:
            return not self.ignored
        return self.ignored and self.shared

    def fix_line(self, allow: Iterable[str] = ()) -> str:
        """The rule that fixes this probe.  A template is re-included by
        its name when that name is a template wherever it stands, else by
        its own path: a template only ``allow`` names by path (a test's
        ``.env`` fixture) must not become ``!.env``, which would un-ignore
        every .env file."""
        name = path_parts(self.path)[-1]
        if self.want_ignored:
            return ignore_rule(name)
        if is_template(name, allow):
            return '!' + unspelt(name, lambda c: c)
        return '!/' + _literal('/'.join(path_parts(self.path)))


def _literal(path: str) -> str:
    """``path`` as a .gitignore pattern that matches only itself (but a
    key in it: ``names.unspelt``)."""
    return unspelt(path, lambda c: '\\' + c if c in '*?[]\\!# ' else c)


def check_ignore(
        root: str, paths: list[str], tracked_too: bool = True, every_clone: bool = False,
) -> dict[str, tuple[str, int, str]]:
    """path -> (source, line, pattern) of the deciding rule ('' if none).
    ``tracked_too=False``: as git judges the index too, so a tracked path
    is matched by no rule.  ``every_clone``: as a clone on a case-sensitive
    file system judges it (``core.ignoreCase`` false): a developer's
    ``core.ignoreCase=true`` (macOS's ``git init`` sets it) made a ``.ENV``
    rule cover ``.env``, which a Linux teammate's clone still commits."""
    if not paths:
        return {}
    out = git(
        root, *(('-c', 'core.ignoreCase=false') if every_clone else ()),
        'check-ignore', *(('--no-index',) if tracked_too else ()), '--verbose',
        '--non-matching', '--stdin', '-z',
        input=b''.join(os.fsencode(p) + b'\0' for p in paths), ok=(0, 1),
    )
    fields = zfields(out)
    if len(fields) % 4:
        raise unreadable(out)
    result = {}
    for i in range(0, len(fields) - 3, 4):
        source, line, pattern, path = fields[i:i + 4]
        if line and not line.isdigit():
            raise unreadable(out)
        result[os.fsdecode(path)] = (
            os.fsdecode(source), int(line) if line else 0, os.fsdecode(pattern),
        )
    return result


def ignoring_rules(paths: list[str], root: str | None) -> dict[str, str]:
    """path -> the rule (``pattern``, file:line) that ignores it, for the
    ``paths`` (relative to the current folder) a rule ignores; ``root``:
    the work tree's top."""
    if root is None or not paths:
        return {}
    here = os.path.realpath('.')
    rel = {os.path.relpath(os.path.join(here, p), root): p for p in paths}
    out = {}
    for name, (source, line, pattern) in check_ignore(root, list(rel)).items():
        if name in rel and Probe(name, True, source, line, pattern).ignored:
            out[rel[name]] = f'`{pattern}`, {source}:{line}'
    return out


def _folders(files: list[str]) -> list[str]:
    """Folders to probe: every folder holding a file; in a large repo only
    the top level and folders with their own rules, a project or env
    files."""
    folders: set[str] = {''}
    tops: set[str] = {''}
    special: set[str] = set()
    for path in files:
        parts = path_parts(path)
        venv = env_folder(path)
        if venv is not None:  # probe where the .env/ folder sits, not inside
            special.add(venv.rpartition('/')[0])
            continue
        if len(parts) < 2:
            continue
        folder = '/'.join(parts[:-1])
        folders.add(folder)
        tops.add(parts[0])
        if parts[-1] in _PROJECT_MARKERS or is_env_file(path):
            special.add(folder)
    if len(folders) > MAX_PROBE_FOLDERS:
        folders = tops
    return sorted(folders | special)


class Listing:
    """``git ls-files`` of a work tree: tracked, untracked (present and not
    ignored) and ignored paths (ignored folders as ``dir/``), lists of str."""

    __slots__ = ('tracked', 'untracked', 'ignored')

    def __init__(self, tracked: list[str], untracked: list[str], ignored: list[str]) -> None:
        self.tracked = tracked
        self.untracked = untracked
        self.ignored = ignored


def listing(root: str, listings: Listings | None = None) -> Listing:
    """One ls-files for tracked and untracked files (``gitrun.Listings``:
    ``-t`` tags each path), one for the ignored ones; ``listings``: the
    run's, when other checks list the same tree."""
    listings = Listings(root) if listings is None else listings
    return Listing(listings.tracked(), listings.untracked(), ignored_files(root, listings))


def probes(
        root: str, allow: Iterable[str] = (), files: Listing | None = None,
) -> list[Probe]:
    """Every probe of the repository at ``root``, with git's verdict."""
    allow = tuple(allow)
    files = listing(root) if files is None else files
    present = sorted(set(files.tracked) | set(files.untracked))
    want: dict[str, bool] = {}
    for folder in _folders(present):
        for name in ROOT_PROBES if not folder else SUBFOLDER_PROBES:
            want[f'{folder}/{name}' if folder else name] = True
    templates = [  # an ignored one too: that is the problem to report
        p for p in sorted(set(present) | set(files.ignored))
        if is_template(p, allow) and not is_envrc_script(p)
    ]
    present = set()
    for path in files.untracked:  # present, not ignored: about to be committed
        if is_secret_env_file(path, allow) and env_folder(path) is None:
            want[path] = True
            present.add(path)
    for path in list(want):
        if is_template(path, allow):
            del want[path]  # an --allow pattern made a probe a template
    for path in templates:
        want[path] = False
        present.add(path)
    if not templates:
        want[DEFAULT_TEMPLATE] = False
    verdicts = check_ignore(root, list(want), every_clone=True)
    return [
        Probe(path, wanted, *verdicts.get(path, ('', 0, '')), path in present)
        for path, wanted in want.items()
    ]


def _shown(paths: list[str]) -> str:
    return cut_short(paths, 3)


def _where(probe: Probe) -> str:
    return f'`{probe.pattern}` ({probe.source}:{probe.line})'


def problems_of(
        found: list[Probe], tracked: Iterable[str] = (), allow: Iterable[str] = (),
        root: str = '.',
) -> list[str]:
    """One message per problem: failing probes grouped by cause, then
    tracked env files (which no ignore rule can cover), each with the
    command that untracks it, to run from here (paths are from ``root``)."""
    from together_hooks.config import WHERE as config_where
    from together_hooks.env.hints import untrack_command
    from together_hooks.messages import doc_url

    allow = tuple(allow)
    groups: dict[tuple[object, ...], list[Probe]] = {}
    for probe in found:
        if probe.ok:
            continue
        if not probe.want_ignored:
            key: tuple[object, ...] = ('template', probe.source, probe.line, probe.pattern)
        elif probe.present:
            key = ('present', probe.fix_line(allow))
        elif not probe.pattern:
            key = ('none', probe.fix_line(allow))
        elif probe.pattern.startswith('!'):
            key = ('negated', probe.fix_line(allow), probe.source, probe.line, probe.pattern)
        else:
            key = ('local-only', probe.fix_line(allow), probe.source)
        groups.setdefault(key, []).append(probe)
    messages = []
    for key, group in groups.items():
        paths = [p.path for p in group]
        first = group[0]
        fix = first.fix_line(allow)
        if key[0] == 'template':
            names = ', '.join(f'`{n}`' for n in sorted({p.fix_line(allow) for p in group}))
            messages.append(
                f'{_shown(paths)}: template would be ignored by {_where(first)}; '
                f'templates must stay committable: add {names} to .gitignore '
                f'after that rule',
            )
        elif key[0] == 'present':
            messages.append(
                f'{_shown(paths)}: in the work tree and not ignored, so '
                f'`git add .` would commit it; add `{fix}` to .gitignore',
            )
        elif key[0] == 'none':
            messages.append(
                f'{_shown(paths)}: would not be ignored (no ignore rule matches); '
                f'add `{fix}` to .gitignore',
            )
        elif key[0] == 'negated':
            messages.append(
                f'{_shown(paths)}: would not be ignored: {_where(first)} '
                f're-includes it; remove that rule or add `{fix}` after it',
            )
        else:
            what = (
                "this clone's .git/info/exclude" if first.source.startswith('.git/')
                else f'your global excludes ({first.source})'
            )
            messages.append(
                f'{_shown(paths)}: ignored only by {what}, which teammates do '
                f'not have; add `{fix}` to .gitignore',
            )
    folders = []
    for path in tracked:
        folder = env_folder(path)
        if folder is not None:
            if folder not in folders:
                folders.append(folder)
        elif is_secret_env_file(path, allow):
            messages.append(
                f'{path}: tracked by git, so .gitignore does not apply to it; '
                f'untrack it with {untrack_command([path], root=root)} (a '
                'fixture with no secret in it: name it in `env-templates` in '
                f'the config file ({config_where}); {doc_url("env-policy.md")})',
            )
    for folder in folders:
        messages.append(
            f'{folder}/: tracked by git, so .gitignore does not apply to it; '
            f'untrack it with {untrack_command([folder], True, root)}',
        )
    return messages


def uncommitted_rules(
        found: list[Probe], tracked: Iterable[str], root: str = '.',
        against: str | None = 'HEAD',
) -> list[str]:
    """One message per .gitignore whose rules ignore env files here but
    that ``against`` lacks: git does not track it (``--fix`` wrote it,
    nobody added it) or it differs there (``--fix`` added rules to a
    tracked one).  The check passes on this machine while no teammate
    has the rules.

    ``against``: a commit (doctor: HEAD, what a clone gets, as its
    "committed .gitignore" says), or None for the index (the hook, run as
    a commit is made: that commit carries what is staged, and requiring
    HEAD would refuse the very commit that adds the rules).  Any change
    counts, not only the rule's line: a removed ``!`` rule ignores as
    surely as an added one, so a .gitignore that differs fails closed."""
    tracked = set(tracked)
    sources = []
    for probe in found:
        source = probe.source.replace('\\', '/')
        if probe.ok and probe.want_ignored and source not in sources:
            sources.append(source)
    if not sources:
        return []
    from together_hooks.env.hints import from_top
    from together_hooks.gitrun import git_probe
    from together_hooks.messages import shell_quote

    unadded = [s for s in sources if s not in tracked]
    added = [s for s in sources if s in tracked]
    if added:
        out = git_probe(
            root, 'diff', '--name-only', '-z', '--no-renames', *([against] if against else []),
            '--', *(f':(literal){s}' for s in added),
        )  # None: no such commit (none yet), so none of it is committed
        changed = set(zsplit(out)) if out is not None else set(added)
        unadded += [s for s in added if s in changed]
    if not unadded:
        return []
    names = ' '.join(shell_quote(s) for s in unadded)
    stage = f'`{from_top(root)}git add -- {names}`'
    if all(s not in tracked for s in unadded):
        what = 'not committed'
    elif against:
        what = 'changed since the last commit'
    else:
        what = 'changes not staged'
    if against:
        return [
            f'{_shown(unadded)}: {what}, so no teammate has its rules for '
            f'.env files; stage it ({stage}) and commit it',
        ]
    return [
        f'{_shown(unadded)}: {what}, so this commit does not carry its '
        f'rules for .env files; stage it ({stage})',
    ]


def gitignore_problems(root: str, allow: Iterable[str] = ()) -> list[str]:
    """One message per problem with how .gitignore covers env files; empty
    when every probe is ignored by a committed rule and templates are not."""
    allow = tuple(allow)
    files = listing(root)
    return problems_of(probes(root, allow, files), files.tracked, allow, root)


# --- --fix -------------------------------------------------------------------

def _read_gitignore(path: str) -> str:
    from together_hooks.errors import InputError
    from together_hooks.fileio import read_config_file

    try:
        raw = read_config_file(path)  # a link to /dev/zero must not hang --fix
    except FileNotFoundError:
        return ''
    except IsADirectoryError:
        raise InputError(f'{path} is a folder, not a file')
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        raise InputError(f'{path} is not UTF-8 text; add the rules by hand')


def _needed(lines: list[str], line: str, after: int) -> bool:
    """Append ``line`` unless it already stands after line ``after`` (1-based):
    appended once, it is never appended again (idempotent even when another
    rule still wins, e.g. an excluded parent folder)."""
    return all(
        existing.strip().lstrip('\ufeff') != line for existing in lines[after:]
    )


def _append(path: str, text: str, new: list[str]) -> str:
    eol = '\r\n' if '\r\n' in text else '\n'
    out = text
    if out and not out.endswith('\n'):
        out += eol
    if GITIGNORE_HEADER not in text:
        if out.strip() and not out.endswith(eol + eol):
            out += eol  # a blank line before our block
        out += GITIGNORE_HEADER + eol
    out += ''.join(line + eol for line in new)
    from together_hooks.fileio import write_atomic

    # Held as checked: a link swapped in for it meanwhile is replaced, never
    # written through (fileio.folder_inside).
    write_atomic(path, out, within=os.path.dirname(path) or '.', through_link=False)
    return out


_RULE_ORDER = {'.env': 0, '.env.*': 1, '.envrc.*': 2}


def _own_gitignore(root: str) -> str:
    """The root .gitignore, to write: never through a symlink (a committed
    link could point anywhere, outside the repository too)."""
    from together_hooks.errors import InputError

    path = os.path.join(root, '.gitignore')
    if os.path.islink(path):
        raise InputError(
            '.gitignore is a symlink; --fix never writes through a link (it '
            'could point outside the repository): add the rules where it '
            'points yourself, or replace the link with a file',
        )
    return path


def fix_gitignore(root: str, allow: Iterable[str] = ()) -> list[str]:
    """Append the missing rules to the root .gitignore; the lines added.

    Env rules first, then template negations (re-probed, since the rules
    just added may be what ignores a template).  Only a problem the root
    .gitignore can fix is touched: a nested .gitignore's own rules win.
    """
    allow = tuple(allow)
    target = _own_gitignore(root)
    added: list[str] = []
    files = listing(root)
    for want_ignored in (True, False):
        text = _read_gitignore(target)
        lines = text.splitlines()
        new: list[str] = []
        for probe in probes(root, allow, files):
            if probe.ok or probe.want_ignored != want_ignored:
                continue
            if probe.source and probe.shared and probe.source != '.gitignore':
                continue  # a nested .gitignore decides; the root can't override
            after = probe.line if probe.source == '.gitignore' else 0
            line = probe.fix_line(allow)
            if line not in new and _needed(lines, line, after):
                new.append(line)
        if new:
            new.sort(key=lambda rule: _RULE_ORDER.get(rule, len(_RULE_ORDER)))
            _append(target, text, new)
            added.extend(new)
    return added
