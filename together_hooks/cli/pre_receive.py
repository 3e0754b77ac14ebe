"""``together-hooks pre-receive``: the server-side gate.

git runs a repository's ``hooks/pre-receive`` before it moves any ref of a
push, with one ``<old> <new> <ref>`` line per ref on stdin; a non-zero exit
refuses the whole push, and what the hook prints reaches the pusher as
``remote:`` lines.  ``git commit --no-verify`` and ``git push --no-verify``
cannot skip it.

Each update is scanned for what it brings that no ref of the repository
already has: every commit of ``git rev-list <new> --not --all`` (a key
added and removed again inside the push still counts), the messages of
those commits, an annotated tag's message and the ref's own name.  A
deletion brings nothing.  Inline pragmas apply, as they do on the
developer's machine.  The ``.secrets.baseline`` that counts is the one the
repository's default branch (``HEAD``) held before the push: a baseline
entry the push itself brings would let a pusher allowlist their own key,
with no reviewer between them and the server (a baseline changes on the
default branch through review).  The very first push into an empty
repository has nothing to hold one against: the rules alone judge it.

git runs the hook inside its quarantine (the pushed objects sit in a
temporary object directory named by ``GIT_QUARANTINE_PATH`` and
``GIT_OBJECT_DIRECTORY``/``GIT_ALTERNATE_OBJECT_DIRECTORIES``): every git
command here inherits that environment, so it sees them.

A server hook must answer in bounded time: ``--timeout`` (default
``DEFAULT_TIMEOUT`` seconds) refuses the push when the scan has not
finished (fail closed), unless ``--on-timeout accept`` says otherwise.
"""
from __future__ import annotations

import argparse
import functools
import os
import re
import sys

from together_hooks import pipeline
from together_hooks.config import DEFAULT_BASELINE as BASELINE
from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import EXIT_FINDINGS
from together_hooks.errors import InputError

HELP = 'server-side gate: refuse a push that adds a Together key (a pre-receive hook)'
EPILOG = """\
examples (in a bare repository's hooks/pre-receive; git gives the ref lines on stdin):
  together-hooks pre-receive --timeout 30

exit codes: 0 push accepted, 1 push refused (keys found), 2 push refused
  (an error, or --timeout with --on-timeout refuse; one line on stderr)"""
PROG = 'together-hooks pre-receive'
# Server hooks hold the pusher's connection (and a server worker) open;
# GitHub Enterprise stops its own pre-receive hooks after 5 s.  30 s
# covers a scan of thousands of new commits on one core.
DEFAULT_TIMEOUT = 30.0
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Callable
    from typing import Iterable
    from typing import Iterator
    from typing import Mapping
    from typing import Sequence

    from together_hooks.findings import Finding
    from together_hooks.sources.commits import Change
    from together_hooks.sources.commits import Scan
    from together_hooks.sources.content import Content

_SHA = re.compile(r'\A(?:[0-9a-f]{40}|[0-9a-f]{64})\Z')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--timeout', metavar='SECONDS', type=_seconds, default=DEFAULT_TIMEOUT,
        help=f'give up after SECONDS (default: {DEFAULT_TIMEOUT:g}); what then '
             'happens is --on-timeout',
    )
    parser.add_argument(
        '--on-timeout', choices=('refuse', 'accept'), default='refuse',
        help='refuse the push when the scan did not finish (default: refuse, '
             'fail closed) or accept it with a warning',
    )
    parser.add_argument(
        '--baseline-name', metavar='PATH', default=BASELINE,
        help=f'the baseline\'s path in the repository (default: {BASELINE}), read '
             'from the default branch as it was before the push: a baseline the '
             'push brings is not used',
    )
    parser.add_argument(
        '--forbid-env-files', action='store_true',
        help='also refuse a push that brings an env file (.env, .env.local, a '
             '.env/ folder; templates such as .env.example pass) in any commit '
             'the push brings or in a tree a pushed tag names, as forbid-env-files does on '
             'the developer\'s machine',
    )
    pipeline.add_options(parser, baseline_default=(
        'the default branch\'s own, at --baseline-name; this server-side FILE '
        'only where the branch has none'
    ), output_help=(
        # The hook's own words (a work tree's .gitignore) say nothing
        # here: the file is written on the server, and stdout is what the
        # pusher reads.
        'write the report to FILE on the server (a relative path is in '
        'the repository, where git runs the hook; -: standard output, the '
        'report alone, which the pusher sees as "remote:" lines); a text '
        'summary still goes to stdout'
    ))


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'{text!r} is not a number of seconds')
    if not value > 0 or value == float('inf'):
        raise argparse.ArgumentTypeError(f'{text!r}: give a positive number of seconds')
    return value


class Update:
    __slots__ = ('old', 'new', 'ref')

    def __init__(self, old: str, new: str, ref: str) -> None:
        self.old = old
        self.new = new
        self.ref = ref

    @property
    def deletes(self) -> bool:
        return set(self.new) == {'0'}


# git sends a ref name in one pkt-line (at most 65516 bytes): a longer
# line on stdin is not git's, and is refused before it is held whole.
MAX_LINE = 1 << 17


def parse_updates(stream: IO[bytes]) -> list[Update]:
    """The ``<old> <new> <ref>`` lines git writes to a pre-receive hook,
    read line by line, none longer than ``MAX_LINE``."""
    updates = []
    number = 0
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return updates
        number += 1
        if len(raw) > MAX_LINE:
            raise InputError(
                f'stdin line {number}: longer than {MAX_LINE} bytes, which no '
                'ref update git gives a pre-receive hook is',
            )
        line = raw.rstrip(b'\n').rstrip(b'\r').decode('utf-8', 'surrogateescape')
        parts = line.split(' ', 2)
        if len(parts) != 3 or not (_SHA.match(parts[0]) and _SHA.match(parts[1])):
            _bad(number)
        updates.append(Update(*parts))


def _bad(number: int) -> None:
    raise InputError(
        f'stdin line {number}: expected "<old> <new> <ref>" as git '
        'gives a pre-receive hook',
    )


class Timeout(BaseException):
    """The scan ran past ``--timeout`` (BaseException: no handler on the
    way up may take it for an ordinary error)."""


class _Deadline:
    """SIGALRM after ``seconds``; raises Timeout in the main thread unless
    disarmed first (so it never fires while the gate is being left)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> _Deadline:
        import signal

        self.previous = signal.signal(signal.SIGALRM, self._fire)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def _fire(self, _signum: int, _frame: object) -> None:
        if self.armed:
            self.armed = False
            raise Timeout

    def __exit__(self, *exc: object) -> None:
        import signal

        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


def run(args: argparse.Namespace) -> int:
    from together_hooks.fileio import stdin_bytes

    updates = parse_updates(stdin_bytes())
    if not updates:  # git runs pre-receive only with one; ``update`` gets none
        raise InputError(NO_UPDATES)
    root = '.'  # git runs the hook in the repository (GIT_DIR is set)
    from together_hooks import gitrun

    if gitrun.git_probe(root, 'rev-parse', '--git-dir') is None:
        raise gitrun.no_repository(
            'pre-receive runs in the repository receiving the push (git '
            'runs it there, in hooks/pre-receive); no git repository here',
        )
    _before_the_refs_move(root, updates)
    try:
        with _Deadline(args.timeout):
            return _gate(root, updates, args)
    except Timeout:
        pass
    # The scan never reached its audit line: this run's own, so a push
    # refused, or accepted unscanned, is on the log like every other.
    from together_hooks import audit_log

    if args.on_timeout == 'accept':
        said = (
            f'the scan did not finish within --timeout {args.timeout:g}s; push '
            'accepted UNSCANNED (--on-timeout accept)'
        )
        print(f'{PROG}: warning: {said}', file=sys.stderr)
        return audit_log.log_run(
            args, EXIT_CLEAN, root=audit_log.scan_root(args), metadata={'warning': said},
        )
    said = (
        f'the scan did not finish within --timeout {args.timeout:g}s, '
        'so the push is refused (fail closed); push fewer commits at a time, '
        'or ask the server admin to raise --timeout'
    )
    print(f'{PROG}: {said}', file=sys.stderr)
    audit_log.log_run(args, EXIT_ERROR, root=audit_log.scan_root(args), metadata={'error': said})
    return EXIT_ERROR


NO_UPDATES = (
    'no ref update on stdin: git gives its pre-receive hook one "<old> <new> '
    '<ref>" line per ref a push updates (installed as hooks/update it gets '
    'none, and every push would pass unchecked); install it as hooks/pre-receive'
)


def _before_the_refs_move(root: str, updates: Sequence[Update]) -> None:
    """One line (InputError) when every pushed ref already points where
    the push takes it: the push has happened (the script installed as
    ``post-receive``, or run by hand after it), and ``--not --all`` would
    leave every pushed commit out, a key included: a pass that checked
    nothing.  Before the refs move, each is still at its ``old``."""
    from together_hooks.gitrun import git

    moved = [u for u in updates if not u.deletes and u.new != u.old]
    if not moved:
        return
    out = git(root, 'for-each-ref', '--format=%(objectname) %(refname)')
    now = dict(
        reversed(line.split(' ', 1))
        for line in out.decode('utf-8', 'surrogateescape').splitlines() if ' ' in line
    )
    if all(now.get(u.ref) == u.new for u in moved):
        raise InputError(
            'the pushed refs already point at what the push brings: this runs after '
            'the push (as hooks/post-receive?), too late to refuse it, and would '
            'check nothing; install it as hooks/pre-receive',
        )


def _gate(root: str, updates: list[Update], args: argparse.Namespace) -> int:
    source = _settings_source(root)
    from together_hooks.findings import PUSH_CERTIFICATE
    from together_hooks.sources.commits import brought_by
    from together_hooks.sources.commits import packed_beside_refs
    from together_hooks.sources.commits import push_certificate
    from together_hooks.sources.commits import push_options

    pushed = [(update.ref, update.new) for update in updates if not update.deletes]
    news = list(dict.fromkeys(new for _ref, new in pushed))
    # Every ref of the push in one scan: a commit many of them reach is
    # read once, and reported once.
    # The paths the pushed commits set, read once (one ``git log --raw``)
    # where two checks judge them: env files by name, and keys.
    entries = None
    if args.forbid_env_files and pushed:
        from together_hooks.sources.commits import changes

        entries = changes(root, news, ['--all'])
    checks: list[Callable[[Scan], Iterable[Content]]] = [
        functools.partial(brought_by, root, pushed, entries=entries),
    ] if pushed else []
    checks.append(functools.partial(packed_beside_refs, root, news))
    options = push_options_given(os.environ)
    if options:  # sent with the push, deletions only too
        checks.append(functools.partial(push_options, options))
    certificate = os.environ.get('GIT_PUSH_CERT')
    if certificate:  # a signed push: git has stored it already
        checks.append(functools.partial(push_certificate, root, certificate))
    refusals = _env_files(root, pushed, source, entries) if entries is not None else []
    envs = EXIT_FINDINGS if refusals else EXIT_CLEAN
    # Every check in one run: one report (``--output``: each run wrote
    # the file again, and a push refused for a key in a commit left a
    # report of the last check's, with no finding), one audit line with
    # the push's own outcome (env files refused too), one summary.
    kept: list[Finding] = []
    code = _check(root, news, _chained(checks), args, source, kept, envs, refusals)
    keyed = bool(kept)
    if certificate and any(f.path == PUSH_CERTIFICATE for f in kept):
        print(
            f'{PROG}: git stored this signed push\'s certificate '
            f'({certificate}) in the repository before any hook ran, and '
            'it holds a key: the server\'s admin should remove it '
            '(git prune --expire=now, as no ref reaches it); rotate that key.',
        )
    if keyed:
        print(
            f'{PROG}: push refused, {"no ref was updated" if certificate else "nothing was stored"}. '
            'Take the key out of '
            'the commits that added it (git rebase -i, or git commit --amend '
            'for the last one), rotate it all the same, and push again.',
        )
    elif envs == EXIT_FINDINGS and code != EXIT_ERROR:
        print(f'{PROG}: push refused (--forbid-env-files), nothing was stored.')
    return code if code != EXIT_CLEAN else envs


def _chained(
        checks: Sequence[Callable[[Scan], Iterable[Content]]],
) -> Callable[[Scan], Iterator[Content]]:
    """The contents of every check, one after the other, as one source."""
    def each(scan: Scan) -> Iterator[Content]:
        for check in checks:
            yield from check(scan)
    return each


def _env_files(
        root: str, pushed: Sequence[tuple[str, str]], source: str | None,
        entries: Sequence[Change],
) -> list[str]:
    """``--forbid-env-files``: one line per env file (or ``.env/`` folder)
    that the pushed updates bring and no ref of the repository has: added
    by a pushed commit (also one a later commit of the push removes), or
    in a tree a pushed ref names (``git tag snap <tree>``: no commit lists
    its paths, and pre-commit runs no pre-push hook for such a push).  The
    default branch's config (before the push) gives ``env-templates`` and
    ``exclude``.  ``entries``: the paths the pushed commits set
    (``changes``, as the key check reads them).  The lines refusing them,
    one an env file (none: no env file), for the report to carry."""
    from together_hooks import config
    from together_hooks.env import names
    from together_hooks.gitrun import git_output
    from together_hooks.sources.commits import peeled
    from together_hooks.sources.commits import tree_paths

    if git_output(root, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}') is None:
        # Into an empty repository the default branch is this push's own:
        # a pushed config does not count here (no env-templates of its
        # own to pass its .env), only forbid-env-files' naming rules.
        source = None
    settings = config.load_from(lambda name: _trusted(root, source, [], name))
    excluded = settings.excluded if settings.exclude else None
    ref_of = {}
    for ref, new in pushed:
        ref_of.setdefault(new, ref)
    tips = peeled(root, list(ref_of))
    trees = [(ref_of[tip], sha) for tip, sha, kind in tips if kind == 'tree']
    if trees:  # those the repository has already are not this push's
        had = _reached_before(root, _stored_before(root, {sha for _r, sha in trees}))
        trees = [(ref, sha) for ref, sha in trees if sha not in had]
    found = names.first_env_paths(
        ((c.path, 'pushed commit ' + c.commit.sha[:12])
         for c in entries if c.new),
        settings.env_templates, excluded,
    )
    names.first_env_paths(
        ((path, f'the tree that {ref} names') for ref, tree in trees
         for path in tree_paths(root, tree)),
        settings.env_templates, excluded, into=found,
    )
    from together_hooks.report import shown_path

    return [  # a name with a newline would fake a line of the server's
        f'{shown_path(named)}: env file in {where}; this server takes no env files (they '
        'hold local settings and secrets). Take it out of the commits or tree '
        'that hold it (git rebase -i; a tag: make it again), push again, and '
        'rotate what it held'
        for named, where in sorted(found.items())
    ]


def _reached_before(root: str, shas: set[str]) -> set[str]:
    """Those of ``shas`` (trees the repository stores) that a ref reached
    before the push: a tree left unreachable (its tag deleted, not yet
    pruned) that a pushed ref names again is this push's to answer for,
    as its keys are (``beside_commits``).  One walk of every object, only
    when a pushed ref names a tree the store has."""
    from together_hooks.gitrun import git

    if not shas:
        return shas
    out = git(root, 'rev-list', '--objects', '--all', '--')
    return shas & {line.split(' ', 1)[0] for line in out.decode('ascii', 'replace').splitlines()}


def _stored_before(root: str, shas: set[str]) -> set[str]:
    """Those of ``shas`` the repository had before the push: objects of
    its own store, not of the quarantine git receives the push into
    (``GIT_QUARANTINE_PATH``, git 2.11 and later).  ``rev-list --objects
    --not --all`` cannot say it: it lists a tree that only a commit of
    the repository reaches.  Without a quarantine (an older git, a run by
    hand): those a ref reaches as a tree, as before."""
    from together_hooks.gitrun import git

    if not os.environ.get('GIT_QUARANTINE_PATH'):
        out = git(root, 'rev-list', '--objects', '--no-walk', *shas, '--not', '--all', '--')
        listed = {line.split(' ', 1)[0] for line in out.decode('ascii', 'replace').splitlines()}
        return shas - listed
    env = {k: v for k, v in os.environ.items() if k not in (
        'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_QUARANTINE_PATH')}
    out = git(root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
              input=''.join(f'{sha}\n' for sha in shas).encode(), env=env)
    return {line.split(b' ')[0].decode() for line in out.splitlines()
            if line.endswith(b' tree')}


def push_options_given(environ: Mapping[str, str]) -> list[str]:
    """The push options git hands the hook (``GIT_PUSH_OPTION_COUNT`` and
    ``GIT_PUSH_OPTION_<n>``: ``git push -o``, when the repository sets
    ``receive.advertisePushOptions``)."""
    try:
        count = int(environ.get('GIT_PUSH_OPTION_COUNT') or 0)
    except ValueError:
        raise InputError('GIT_PUSH_OPTION_COUNT is not a number, as git sets it')
    return [environ.get(f'GIT_PUSH_OPTION_{n}', '') for n in range(count)]


def _check(
        root: str, news: Sequence[str], what: Callable[[Scan], Iterable[Content]],
        args: argparse.Namespace, source: str | None,
        kept: list[Finding] | None = None, refused: int = EXIT_CLEAN,
        refusals: Sequence[str] = (),
) -> int:
    """Scan ``what(scan)`` by the settings of ``source`` (``news``: the
    pushed objects whose own settings are noted as not used).  ``kept``
    gets the findings reported; ``refused``: the push's outcome without
    them (env files), for the audit line."""
    import tempfile

    from together_hooks import config

    # The settings the default branch held before the push (a push cannot
    # weaken the gate it is judged by): its config file, and its baseline.
    settings = config.load_from(lambda name: _trusted(root, source, news, name))
    name = args.baseline_name
    if name == BASELINE and settings.baseline:
        name = settings.baseline
    baseline = _trusted(root, source, news, name)
    ns = argparse.Namespace(**vars(args))
    ns.unpushed = True  # refused commits: nothing is stored to rewrite
    ns.kept_findings = kept
    ns.audit_floor = refused
    ns.refused_lines = refusals  # the report's, in every format, stdout and --output alike
    # A baseline the push brings is not read (above): say what counts.
    # A baseline records only keys a file still holds: a key a later
    # commit of the push removed is passed by the config's allow.
    ns.not_a_key = (
        f'Not a real key? {pipeline.ALLOW_INLINE}record it in {name} (`together-hooks baseline create|update FILE:LINE`; it '
        'records only keys a file still holds: a key only in history goes in '
        f'`allow = [{pipeline.ALLOW_HASHES}]` in the config file ({config.WHERE})) in a '
        'commit of its own and get that onto the default branch first: this '
        f'server reads {name} on the default branch, and the config, never from a push.'
    )
    # A key in no file (a message, a ref name): the baseline records files
    # only; the config's allow of its hashed_secret is what passes it.
    ns.not_a_key_allow = (
        f'Not a real key? `allow = [{pipeline.ALLOW_HASHES}]` in the config file ({config.WHERE}), in a '
        'commit of its own, and get that onto the default branch first: this server reads '
        'the config on the default branch, never from a push (a baseline records files only).'
    )
    path = None
    if baseline is not None:
        fd, path = tempfile.mkstemp(prefix='together-hooks-baseline-', suffix='.json')
        try:
            with os.fdopen(fd, 'wb') as f:
                f.write(baseline)
        except OSError as e:  # a full TMPDIR: no half copy left behind
            os.unlink(path)
            raise InputError(
                f'{name} of the default branch: cannot copy it to a temporary file '
                f'({e.strerror or e}); is TMPDIR full?',
            ) from None
        ns.baseline = path
    try:
        # Nothing is read from the server's folder: the files above are it.
        pipeline.configure(ns, root, '', settings=config.Config(
            exclude=settings.exclude, allow=settings.allow,
            env_templates=settings.env_templates, source=settings.source,
        ))
        # No developer's own keys on a server: the rules alone.
        scanner = pipeline.Scanner(exclusions=ns.exclusions)
        return pipeline.run(what(scanner.scan_one), ns, scanner)
    except InputError as e:
        if path is None or path not in str(e):
            raise
        # The copy's name means nothing to whoever pushed: name the file
        # the repository holds (a conflicted one's advice names it too).
        from together_hooks.messages import shell_quote

        said = str(e)
        if said.startswith(f'{path}:'):
            said = f'{name} of the default branch' + said[len(path):]
        raise InputError(said.replace(shell_quote(path), shell_quote(name))) from None
    finally:
        if path is not None:
            os.unlink(path)


def _settings_source(root: str) -> str | None:
    """The commit whose config file and baseline judge this push: the
    default branch (what HEAD names) as it was before the push.  None when
    there is no such commit: into an empty repository (one line says that
    only the rules judge), or when HEAD names a branch the repository
    lacks (one line says how to name the default branch); then no pushed
    file is trusted."""
    from together_hooks.gitrun import git_output

    head = git_output(root, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}')
    if head is not None:
        return head.decode().strip()
    branch = (git_output(root, 'symbolic-ref', '--quiet', 'HEAD') or b'').decode(
        'utf-8', 'surrogateescape').strip()
    empty = not git_output(root, 'for-each-ref', '--count=1', '--format=%(refname)')
    if empty:
        # Nothing stands before the first push to hold its settings
        # against: a config or baseline it brings would judge itself.
        print(
            f'{PROG}: note: first push into an empty repository: no config file or '
            'baseline is used, only the rules (a push cannot bring the settings it '
            'is judged by); push the settings alone first, or give the hook a '
            'server-side --baseline FILE',
            file=sys.stderr,
        )
        return None
    print(
        f'{PROG}: note: HEAD names {branch or "no branch"}, which '
        f'{"this push does not create" if empty else "this repository does not have"}, '
        'so no config file or baseline is used, only the rules (a push cannot '
        'bring the settings it is judged by); name the default branch on the '
        'server: git symbolic-ref HEAD refs/heads/<default branch>',
        file=sys.stderr,
    )
    return None


def _trusted(root: str, source: str | None, news: Sequence[str], name: str) -> bytes | None:
    """The file ``name`` of ``source`` (``_settings_source``), None when
    there is none.  Says so, once, when a pushed object ``news`` names
    brings a different one."""
    from together_hooks.fileio import MAX_CONFIG_FILE
    from together_hooks.gitrun import file_at

    if source is None:
        return None
    trusted = file_at(root, source, name, MAX_CONFIG_FILE)
    if _brings_another(root, source, news, name):
        print(
            f'{PROG}: note: the {name} this push brings is not used; the one '
            'on the default branch is (a push cannot allowlist its own keys '
            'nor change what is scanned: get such changes reviewed onto the '
            'default branch first)',
            file=sys.stderr,
        )
    return trusted


def _brings_another(root: str, source: str, news: Sequence[str], name: str) -> bool:
    """Whether a commit among ``news`` holds a file ``name`` that is not
    ``source``'s (its object id: one ``cat-file`` for every pushed ref)."""
    from together_hooks.gitrun import git

    if not news:
        return False
    out = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
        input=''.join(
            f'{rev}^{{commit}}:{name}\n' for rev in (source, *news)
        ).encode('utf-8', 'surrogateescape'),
    ).split(b'\n')
    ids = [line.split()[0] if line.endswith(b' blob') else None for line in out[:len(news) + 1]]
    return any(i is not None and i != ids[0] for i in ids[1:])
