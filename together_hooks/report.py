"""Reports: findings out, in the format asked for.

Each format is a function ``(findings, summary) -> str`` in ``FORMATS``.
No format ever holds a whole secret: findings expose only ``redacted`` and
``hashed_secret`` through ``Finding.to_dict()``.
"""
from __future__ import annotations


from together_hooks.findings import COMMIT_HEADER
from together_hooks.findings import COMMIT_MESSAGE
from together_hooks.findings import Finding
from together_hooks.messages import PROJECT_URL
from together_hooks.rules import ROTATE_URL
from together_hooks.rules import rotate_at

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Callable
    from typing import Sequence

    from together_hooks.sources.content import Walked

# The first step for a key in a file; none for one typed into the commit
# being made (its message, its author): ``pipeline.next_step`` says what to do.
_TAKE_OUT = (
    'take each key out of the file and read it from the '
    'environment (TOGETHER_API_KEY) instead; then '
)
ADVICE = (
    f'What to do: {_TAKE_OUT}{rotate_at()}. If a key was ever committed, remove it from '
    'git history too (git filter-repo --replace-text; '
    '`together-hooks rotate-help FILE` walks through it) and force-push.'
)
# The SARIF rule help (no run, no files): the same words with ``FILE``;
# a run's report names its own files (``advice``).
# The same, for keys found in commits (``--diff``, ``--history``, pre-push):
# whoever has the history has the key, so rotating comes first.
COMMITTED_ADVICE = (
    'What to do: these keys are in commits, so treat each as leaked: '
    f'{rotate_at("it now")}; then take it out of the file, read '
    'it from the environment (TOGETHER_API_KEY), and remove it from git '
    'history (git filter-repo --replace-text; `together-hooks rotate-help '
    'FILE` walks through it) and force-push.'
)
# The same, for the commits of a push a hook refuses (pre-push, the
# server's pre-receive; a pre-push also reads every local branch the
# remote lacks, one `git push` away): the remote has none of them, so the fix is to
# take the key out of the commit that added it (``take_out_step``) and
# push again; a filter-repo of the whole history and a force-push are for
# keys the remote holds.
UNPUSHED_ADVICE = (
    'What to do: these keys are in commits the remote does not have yet, so treat each '
    f'real one as leaked: {rotate_at("it now")}; `together-hooks rotate-help '
    'FILE` walks through it. Then take it out of the commit that added it, '
    'read it from the environment (TOGETHER_API_KEY), and push again: the '
    'remote does not have these commits, so no force-push is needed.'
)


def rotate_command(findings: Sequence[Finding], cd: str = '') -> str:
    """The ``rotate-help`` that walks through these keys, to run as printed
    (``cd``: ``cd <repo> && `` when the paths are named from elsewhere).

    Keys in commits are named by their ``hashed_secret``: the file that
    held one may be gone (a later commit removed it), and rotate-help finds
    the key in the files that still hold it, or gives the recipe for one
    only history holds.  Else by the files, unless a name cannot be given
    as printed (a logical location such as ``<commit message>``, a name
    that holds a key and so shows redacted)."""
    from together_hooks.detect.scrub import scrub
    from together_hooks.messages import shell_quote

    paths = list(dict.fromkeys(f.path for f in findings))
    by_hash = any(f.commit for f in findings) or any(
        p.startswith('<') or scrub(p) != p for p in paths
    )
    if not by_hash:
        words = ' '.join(shell_quote(p) for p in paths)
        dashes = '-- ' if any(p.startswith('-') for p in paths) else ''
        return f'`{cd}together-hooks rotate-help {dashes}{words}`'
    hashes = list(dict.fromkeys(f.hashed_secret for f in findings))
    command = f'`{cd}together-hooks rotate-help --hashed-secret {hashes[0]}`'
    if len(hashes) > 1:
        command += ' (once per key, with its hashed_secret)'
    return command


def advice(
        findings: Sequence[Finding], cd: str = '', folder: str = '.', unpushed: bool = False,
) -> str:
    """What to do about these keys: rotate first when any is committed;
    the rotate-help named is one for these keys, to run as printed.  A
    key in an env file is where it belongs: the file is what to keep out
    of git (``env_file_advice``), unless git already ignores it and does
    not track it (asked of git in ``folder``, where the paths are named
    from: ``ignored_env_advice``)."""
    committed = any(f.commit for f in findings)
    envs = _env_files(findings)
    if envs and not committed and _outside_git(envs, folder):
        words = outside_git_env_advice(envs)
    else:
        ignored = _ignored(envs, folder) if envs else set()
        words = ' '.join(
            part for part in (
                env_file_advice([p for p in envs if p not in ignored], cd, folder, committed)
                if len(ignored) < len(envs) else '',
                ignored_env_advice([p for p in envs if p in ignored], committed)
                if ignored else '',
            ) if part
        )
    if envs and not committed and len(envs) == len({f.path for f in findings}):
        return 'What to do: ' + words
    text = (UNPUSHED_ADVICE if unpushed else COMMITTED_ADVICE) if committed else ADVICE
    if not committed and all(f.path in _TYPED for f in findings):
        text = text.replace(_TAKE_OUT, 'if it is real, ')
    text = text.replace(
        '`together-hooks rotate-help FILE`', rotate_command(findings, cd),
    )
    return f'{text} {words}' if envs else text


# What a commit being made holds that no file does (a key typed there).
_TYPED = frozenset((COMMIT_MESSAGE, COMMIT_HEADER))


def _env_files(findings: Sequence[Finding]) -> list[str]:
    """The env files (``.env``, ``.env.local``; not a template) among the
    findings' paths, each named as printed (not one whose name holds a
    key, nor a logical location such as ``<commit message>``)."""
    from together_hooks.env.names import is_secret_env_file
    from together_hooks.env.names import may_name_env

    if not any(may_name_env(f.path) for f in findings):
        return []
    from together_hooks.detect.scrub import scrub

    return [
        p for p in dict.fromkeys(f.path for f in findings)
        if not p.startswith('<') and scrub(p) == p and is_secret_env_file(p)
    ]


def _ignored(paths: Sequence[str], folder: str) -> set[str]:
    """The ``paths`` (named from ``folder``) git ignores by the repository's
    .gitignore, as ``check-env-gitignored`` wants, and does not track (a
    tracked file is no ignored one): one ``git check-ignore`` for them all,
    asked only when a report has env files to advise on; where git cannot
    answer for them all (the run is outside the repository: a path named
    from elsewhere), one in each file's folder.  A path git cannot say of
    is not ignored."""
    import os

    ignored = _check_ignore(folder, list(paths))
    if ignored is not None:
        return ignored
    ignored = set()
    by_folder: dict[str, dict[str, str]] = {}
    for p in paths:
        where, name = os.path.split(os.path.join(folder, p))
        by_folder.setdefault(where, {})[name] = p
    for where, names in by_folder.items():
        found = _check_ignore(where, list(names)) or set()
        ignored.update(names[n] for n in found if n in names)
    return ignored


def _check_ignore(folder: str, paths: list[str]) -> set[str] | None:
    """``_ignored``'s one question to git, in ``folder``; None when git
    cannot answer it there."""
    from together_hooks.env.gitignore import Probe
    from together_hooks.env.gitignore import check_ignore
    from together_hooks.errors import InputError

    try:
        rules = check_ignore(folder, paths, tracked_too=False)
    except (InputError, OSError):  # no git, no repository, a folder we may not enter
        return None
    return {
        path for path, (source, line, pattern) in rules.items()
        if Probe(path, True, source, line, pattern).ok
    }


def env_file_advice(
        paths: Sequence[str], cd: str = '', folder: str = '.', committed: bool = False,
) -> str:
    """An env file is the place for a key, as long as git ignores it and
    does not track it: the commands that make it so, to run as printed
    (``paths`` named from ``folder``, ``cd`` its way there).  ``committed``:
    the keys were found in commits, so the advice before this one has them
    rotated; the file is where the new key goes."""
    from together_hooks.env import hints
    from together_hooks.messages import cut_short
    from together_hooks.messages import shell_quote

    words = [shell_quote(p) for p in paths]
    fix = f'run `{cd}{hints.FIXER} --fix`' if cd else hints.fix_command()
    untrack = hints.untrack_command(paths, root=folder)
    if committed:
        return (
            f'{cut_short(words, 3)}: an env file is the place for the new key, but '
            f'git must ignore it: {fix}; if git tracks the file, also {untrack}.'
        )
    return (
        f'{cut_short(words, 3)}: an env file is the place for a key, but git '
        f'must ignore it: keep the key there and {fix}; if git tracks the file, '
        f'also {untrack}, and {rotate_at("the key")} if it was ever committed.'
    )


def ignored_env_advice(paths: Sequence[str], committed: bool = False) -> str:
    """Env files git already ignores (the repository's .gitignore) and does not
    track: the key may stay; nothing to fix.  ``committed``: the keys were
    found in commits (rotated, by the advice before this one): the file is
    where the new key goes."""
    from together_hooks.messages import cut_short
    from together_hooks.messages import shell_quote

    words = [shell_quote(p) for p in paths]
    if committed:
        return (
            f'{cut_short(words, 3)}: git now ignores it and does not track it: '
            'put the new key there.'
        )
    return (
        f'{cut_short(words, 3)}: an env file is the place for a key, and git '
        'ignores it (the repository\'s .gitignore) and does not track it: keep the '
        f'key there; {rotate_at()} only if it was ever committed '
        'or shared.'
    )


def outside_git_env_advice(paths: Sequence[str]) -> str:
    """Env files in a folder no git repository holds: nothing can commit
    them yet, and git's commands would fail here; what to do before one does."""
    from together_hooks.env import hints
    from together_hooks.messages import cut_short
    from together_hooks.messages import shell_quote

    words = [shell_quote(p) for p in paths]
    return (
        f'{cut_short(words, 3)}: an env file is the place for a key, and no git '
        'repository holds this folder: keep the key there; if it goes into one, '
        f'first run `{hints.FIXER} --fix` in that repository, so git ignores the file.'
    )


def _outside_git(paths: Sequence[str], folder: str) -> bool:
    """Is no one of ``paths`` (named from ``folder``) in a git work tree?"""
    import os

    from together_hooks.gitdir import worktree_root

    return all(worktree_root(os.path.join(folder, p)) is None for p in paths)


# What to do about a false positive, when the run did not say more
# (``Summary.next_step`` names the exact baseline command).
NOT_A_KEY = (
    'Not a real key? Add "# pragma: allowlist secret" to its line, or record '
    'it in the baseline (together-hooks baseline create|update FILE:LINE, each one named above).'
)
# The one request that checks a key, written so no key is ever on screen.
VERIFY_CURL = (
    "curl -sS -o /dev/null -w '%{http_code}\\n' "
    '-H "Authorization: Bearer $TOGETHER_API_KEY" '
    'https://api.together.xyz/v1/models'
)


class Summary:
    """What was scanned, for the report's footer and JSON ``summary``."""

    __slots__ = (
        'files_scanned', 'bytes_scanned', 'baselined', 'tool', 'repo_prefix',
        '_next_step', 'skipped', 'walked', 'cd', 'paths_from', 'unpushed', 'refused',
    )

    def __init__(self) -> None:
        self.files_scanned = 0
        self.bytes_scanned = 0
        self.baselined = 0
        # (path, why, fatal) of each file that could not be scanned: the
        # others still are; a fatal one makes the run fail closed.
        self.skipped: list[tuple[str, str, bool]] = []
        self.tool = 'together-hooks'
        # Where the reported paths sit in the repository ('' at its top):
        # SARIF and GitHub annotations must name files from the repo root.
        self.repo_prefix = ''
        self._next_step: str | Callable[[], str] = NOT_A_KEY
        # ``cd <repo> && `` when the report's paths are named from the
        # repository scanned and the run is elsewhere (``scan path/to/repo``).
        self.cd = ''
        # The folder the report's paths are named from (git is asked there).
        self.paths_from = '.'
        # The commits found are a push's (pre-push, pre-receive): the
        # remote has none of them, so no history to rewrite there.
        self.unpushed = False
        # What a walk of commits read (``sources.content.Walked``), if any.
        self.walked: Walked | None = None
        # Refusals the caller made beside the scan, one line each
        # (pre-receive's env files): every format carries them.
        self.refused: list[str] = []

    @property
    def next_step(self) -> str:
        """What to do about a false positive.  It may be given as a function,
        called the first time a report asks: for keys in commits it asks git
        up to five questions (``pipeline.take_out_step``), one a walk of the
        history, and only the text report shows it."""
        if callable(self._next_step):
            self._next_step = self._next_step()
        return self._next_step

    @next_step.setter
    def next_step(self, step: str | Callable[[], str]) -> None:
        self._next_step = step

    def to_dict(self) -> dict[str, int]:
        counts = {
            'files_scanned': self.files_scanned,
            'bytes_scanned': self.bytes_scanned,
            'baselined': self.baselined,
        }
        if self.walked is not None:
            counts.update(
                commits_scanned=self.walked.commits, blobs_scanned=self.walked.blobs,
                blob_bytes_scanned=self.walked.nbytes,
            )
        return counts


def shown_path(path: str) -> str:
    """A path safe to print on one line: each character that is not
    printable (a newline, a control, a byte of a name that is not UTF-8)
    escaped, the rest as it is (a shell command quoted around it stays
    one to copy)."""
    if path.isprintable():
        return path
    # A byte of a name that is not UTF-8 (surrogateescape) shows as the byte.
    return ''.join(
        c if c.isprintable()
        else f'\\x{ord(c) - 0xdc00:02x}' if 0xdc80 <= ord(c) <= 0xdcff
        else c.encode('unicode_escape').decode('ascii') for c in path
    )


def clean_line(summary: Summary) -> str:
    """A clean run, in one line: what was scanned, and that nothing was found."""
    walked = summary.walked
    if walked is not None:  # commits were read, not files
        read = f'{_counted(walked.commits, "commit")}, {_counted(walked.blobs, "blob")}'
        nbytes = walked.nbytes
    else:
        read, nbytes = _counted(summary.files_scanned, 'file'), summary.bytes_scanned
    line = f'{summary.tool}: {read}, {nbytes / 1e6:.1f} MB, no Together keys'
    if summary.baselined:
        line += f' ({summary.baselined} known, in the baseline)'
    return line


def _counted(n: int, noun: str) -> str:
    return f'{n} {noun}{"" if n == 1 else "s"}'


# ANSI colours, on a terminal only, and never with NO_COLOR set
# (https://no-color.org): the finding's place bold, its rule red, the
# summary red when keys were found and green when none were.
_BOLD, _RED, _GREEN, _RESET = '\x1b[1m', '\x1b[31m', '\x1b[32m', '\x1b[0m'


def colour_on(stream: IO[str]) -> bool:
    import os

    if os.environ.get('NO_COLOR') or os.environ.get('TERM') == 'dumb':
        return False
    isatty = getattr(stream, 'isatty', None)
    return bool(isatty and isatty())


def write_painted(text: str, stream: IO[str]) -> None:
    """Write ``text`` (a text report or a summary line) to ``stream``,
    coloured on a terminal.  Through the scrubbing sink (``detect.scrub``)
    the colour goes on after the scrub, so it is not escaped as data is."""
    if not text:
        return
    if not colour_on(stream):
        stream.write(text)
        return
    painted = getattr(stream, 'write_painted', None)
    if painted is not None:
        painted(text, _colour)
    else:
        stream.write(_colour(text))


def _colour(text: str) -> str:
    import re

    out = []
    for line in text.split('\n'):
        m = re.match(r'(.+?:\d+:) ([a-z0-9-]+): ', line)
        if m:
            line = (
                f'{_BOLD}{m.group(1)}{_RESET} {_RED}{m.group(2)}{_RESET}: '
                + line[m.end():]
            )
        elif line.startswith('together-hooks: ') and 'no Together keys' in line:
            line = f'{_GREEN}{line}{_RESET}'
        elif line.startswith(('together-hooks: ', '!!!')):
            line = f'{_BOLD}{_RED}{line}{_RESET}'
        out.append(line)
    return '\n'.join(out)


def text_line(f: Finding) -> str:
    line = (
        f'{shown_path(f.path)}:{f.line}: {f.rule}: {f.redacted} '
        f'(hashed_secret {f.hashed_secret})'
    )
    if f.encoding != 'raw':
        line += f' [{f.encoding}-encoded]'
    if f.commit:
        line += f' in {_commit_words(f)}'
    if f.verification:
        reason = f' ({f.verification_reason})' if f.verification_reason else ''
        line += f' [verification: {f.verification}{reason}]'
    return line


def _where_found(findings: Sequence[Finding]) -> str:
    """The summary's count of places: files, and apart from them what is
    not a file (a commit message, an author line, a ref name: each of its
    commit), named by kind: ``2 file(s) and 1 other place(s) (commit
    message)``."""
    from together_hooks.findings import NOT_FILES

    files = {f.path for f in findings if f.path not in NOT_FILES}
    others = {(f.path, f.commit) for f in findings if f.path in NOT_FILES}
    parts = [f'{len(files)} file(s)'] if files or not others else []
    if others:
        kinds = ', '.join(sorted({path.strip('<>') for path, _ in others}))
        parts.append(f'{len(others)} other place(s) ({kinds})')
    return ' and '.join(parts)


def text(findings: Sequence[Finding], summary: Summary) -> str:
    if not findings:
        return ''.join(f'{line}\n' for line in summary.refused)
    lines = [*summary.refused, *(text_line(f) for f in findings)]
    lines.append(
        f'{summary.tool}: {len(findings)} Together API key(s) found in '
        f'{_where_found(findings)}.' + _verified_counts(findings),
    )
    lines.append(advice(findings, summary.cd, summary.paths_from, summary.unpushed))
    # Together just accepted every key: no "not a real key?" route then.
    # An env file's own key gets no step beyond the advice above ('').
    if not all(f.verification == 'live' for f in findings) and summary.next_step:
        lines.append(summary.next_step)
    lines.extend(live_block(findings, summary.cd))
    return '\n'.join(lines) + '\n'


def _verified_counts(findings: Sequence[Finding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        if f.verification:
            counts[f.verification] = counts.get(f.verification, 0) + 1
    if not counts:
        return ''
    shown = ', '.join(
        f'{counts.get(s, 0)} {s}' for s in ('live', 'invalid', 'unknown')
    )
    return f' Verified: {shown}.'


def live_block(findings: Sequence[Finding], cd: str = '') -> list[str]:
    """The loudest part of a report: keys Together accepted just now
    (``cd``: as for ``rotate_command``)."""
    live: dict[str, Finding] = {}
    for f in findings:
        if f.verification == 'live':
            live.setdefault(f.hashed_secret, f)
    if not live:
        return []
    lines = [
        '',
        f'!!! {len(live)} LIVE Together API key(s): Together accepted '
        f'{"it" if len(live) == 1 else "them"} just now. Anyone who has '
        'seen the key can use your account. ROTATE NOW:',
    ]
    for f in live.values():
        lines.append(
            f'!!!   {f.redacted} (hashed_secret {f.hashed_secret}) at '
            f'{shown_path(f.path)}:{f.line}',
        )
    first = next(iter(live))
    lines += [
        f'  1. create a new key at {ROTATE_URL}',
        '  2. put it where the old one lived (.env, secret manager, CI '
        'secrets) and restart what uses it',
        f'  3. check the new key with one request (200 = works): {VERIFY_CURL}',
        f'  4. revoke the old key at {ROTATE_URL}',
        '  5. purge it from git history and force-push; the full '
        f'walk-through: {cd}together-hooks rotate-help --hashed-secret {first}',
    ]
    return lines


def json_(findings: Sequence[Finding], summary: Summary) -> str:
    from together_hooks.detect.scrub import vouch_fields
    from together_hooks.messages import json_text

    doc = {
        'tool': summary.tool,
        'findings': [f.to_dict() for f in findings],
        'summary': dict(summary.to_dict(), findings=len(findings)),
    }
    if summary.refused:
        doc['refused'] = list(summary.refused)
    vouch_fields(doc)
    return json_text(doc, indent=2) + '\n'


# ------------------------------------------------------------- CI formats

SARIF_SCHEMA = (
    'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/'
    'sarif-schema-2.1.0.json'
)
INFORMATION_URI = PROJECT_URL


def repo_path(path: str, summary: Summary) -> str:
    """A finding's path from the repository root, ``/``-separated."""
    import posixpath

    if summary.repo_prefix and not posixpath.isabs(path):
        path = f'{summary.repo_prefix}/{path}'
    return posixpath.normpath(path)


def sarif_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?) of a path: percent-encoded as RFC 3986 wants, so
    spaces, ``%``, ``#``, ``?``, ``:`` and non-ASCII names stay one path."""
    import os
    from urllib.parse import quote

    if path.startswith('/') or path == '..' or path.startswith('../'):
        absolute = os.fsencode(os.path.abspath(path))
        return 'file://' + quote(absolute, safe='/'), False
    return quote(os.fsencode(path), safe='/'), True


def _rule_texts() -> dict[str, tuple[str, str]]:
    """rule id -> (description, help) for every rule this version has."""
    from together_hooks.rules import RULES

    return {rule.id: (rule.description, rule.help) for rule in RULES}


def _commit_words(f: Finding) -> str:
    """``commit <id> by <author> on <date>``, leaving out what the object
    has not (a blob or tree a tag points at has no author)."""
    words = (f'tag {f.tag} ({f.commit[:12]})' if f.tag is not None
             else f'{f.reached or "commit"} {f.commit[:12]}')
    if f.author:
        words += f' by {f.author}'
    if f.date:
        words += f' on {f.date}'
    return words


def _message(f: Finding) -> str:
    text = f'Together API key {f.redacted} (hashed_secret {f.hashed_secret})'
    if f.encoding != 'raw':
        text += f', {f.encoding}-encoded'
    if f.commit:
        text += f', added in {_commit_words(f)}'
    if f.verification == 'live':
        text += ', verification: LIVE (Together accepted it just now)'
    elif f.verification:
        text += f', verification: {f.verification}'
    return text + f'. {rotate_at(verb="Rotate")}.'


def fingerprint(rule: str, hashed_secret: str, uri: str) -> str:
    """SARIF ``togetherHooksSecret/v1`` of a finding at ``uri``."""
    # Identity is (rule, key, file) as in a detect-secrets baseline: never
    # the line, so an edit above a key keeps its code-scanning alert.
    import hashlib

    from together_hooks.detect.scrub import vouch

    return vouch(hashlib.sha256(
        f'{rule}\0{hashed_secret}\0{uri}'.encode('utf-8', 'surrogateescape'),
    ).hexdigest())


def _sarif_location(
        f: Finding, artifact: dict[str, object], region: dict[str, int],
) -> dict[str, object]:
    """A file's physical location; a commit message, tag message or ref
    name is no file: a logical location naming it and its object."""
    from together_hooks.findings import NOT_FILES
    from together_hooks.findings import STDIN

    if f.path not in NOT_FILES and f.path != STDIN:
        return {'physicalLocation': {'artifactLocation': artifact, 'region': region}}
    what = f.path.strip('<>')
    name = f'{what} of {f.commit}' if f.commit else what
    location: dict[str, object] = {'logicalLocations': [{
        'name': name, 'fullyQualifiedName': name, 'kind': 'resource',
    }]}
    if f.path == STDIN:  # no file to name, but a line and column all the same
        location['physicalLocation'] = {
            'artifactLocation': {'description': {'text': 'standard input'}},
            'region': region,
        }
    return location


def sarif(findings: Sequence[Finding], summary: Summary) -> str:
    """SARIF 2.1.0, as GitHub code scanning uploads it."""
    from together_hooks import __version__
    from together_hooks.detect.scrub import vouch_fields
    from together_hooks.messages import json_text

    texts = _rule_texts()
    for f in findings:  # rules added at run time (own keys, plugins)
        texts.setdefault(f.rule, (f'Together API key ({f.rule})', ADVICE))
    ids = list(texts)
    rules = []
    for rule_id in ids:
        description, help_text = texts[rule_id]
        rules.append({
            'id': rule_id,
            'name': ''.join(w.capitalize() for w in rule_id.split('-')),
            'shortDescription': {'text': description},
            'fullDescription': {'text': f'{description}. {help_text}'},
            'help': {'text': f'{help_text}\n\n{ADVICE}', 'markdown': (
                f'{help_text}\n\n{ADVICE}'
            )},
            'defaultConfiguration': {'level': 'error'},
            'properties': {
                'tags': ['security', 'secret', 'external/cwe/cwe-798'],
                'precision': 'very-high',
                'security-severity': '9.0',
            },
        })
    results = []
    for f in findings:
        uri, relative = sarif_uri(repo_path(f.path, summary))
        location: dict[str, object] = {'uri': uri}
        if relative:
            location['uriBaseId'] = '%SRCROOT%'
        region: dict[str, int] = {'startLine': f.line, 'startColumn': f.column}
        if f.encoding == 'raw':
            region['endColumn'] = f.column + len(f.secret)
        properties: dict[str, object] = {
            'hashed_secret': f.hashed_secret,
            'redacted': f.redacted,
            'encoding': f.encoding,
        }
        properties.update(f.origin())
        for name in ('author', 'date', 'verification', 'verification_reason'):
            value = getattr(f, name)
            if value:
                properties[name] = value
        results.append({
            'ruleId': f.rule,
            'ruleIndex': ids.index(f.rule),
            'level': 'warning' if f.verification == 'invalid' else 'error',
            'message': {'text': _message(f)},
            'locations': [_sarif_location(f, location, region)],
            'partialFingerprints': {'togetherHooksSecret/v1': fingerprint(f.rule, f.hashed_secret, uri)},
            'properties': properties,
        })
    doc = {
        '$schema': SARIF_SCHEMA,
        'version': '2.1.0',
        'runs': [{
            'tool': {'driver': {
                'name': summary.tool,
                'version': __version__,
                'semanticVersion': __version__,
                'informationUri': INFORMATION_URI,
                'rules': rules,
            }},
            'invocations': [dict({'executionSuccessful': True}, **({
                'toolExecutionNotifications': [
                    {'level': 'error', 'message': {'text': line}} for line in summary.refused],
            } if summary.refused else {}))],
            'results': results,
        }],
    }
    vouch_fields(doc)
    return json_text(doc, indent=2) + '\n'


def _escape_data(text: str) -> str:
    return text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(':', '%3A').replace(',', '%2C')


def github(findings: Sequence[Finding], summary: Summary) -> str:
    """GitHub Actions workflow commands: one ``::error`` per finding, shown
    on the pull request's diff, then the plain summary for the log."""
    lines = [f'::error::{_escape_data(line)}' for line in summary.refused]
    if not findings:
        return ''.join(f'{line}\n' for line in lines)
    texts = _rule_texts()
    for f in findings:
        title = texts.get(f.rule, (f'Together API key ({f.rule})', ''))[0]
        props = ','.join(
            f'{name}={_escape_property(value)}' for name, value in (
                ('file', repo_path(f.path, summary)),
                ('line', str(f.line)),
                ('col', str(f.column)),
                ('title', title),
            )
        )
        lines.append(f'::error {props}::{_escape_data(_message(f))}')
    lines.append(
        f'{summary.tool}: {len(findings)} Together API key(s) found in '
        f'{_where_found(findings)}.',
    )
    lines.append(advice(findings, summary.cd, summary.paths_from, summary.unpushed))
    return '\n'.join(lines) + '\n'


FORMATS: dict[str, Callable[[Sequence[Finding], Summary], str]] = {
    'text': text,
    'json': json_,
    'sarif': sarif,
    'github': github,
}


def confirmed_message(finding: Finding, baseline_path: str) -> str:
    """The line for a key an audit labelled real: it must be rotated."""
    return (
        f'{shown_path(finding.path)}:{finding.line}: {finding.redacted} is a '
        f'confirmed real key ("is_secret": true in {shown_path(baseline_path)}),'
        f' so the baseline does not excuse it: {rotate_at("it now")}, '
        'and remove it from the file.'
    )
