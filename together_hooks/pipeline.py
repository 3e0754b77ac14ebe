"""The data flow every entry point shares.

    sources (Content) -> Scanner (detect) -> filters (baseline) -> report

Hooks and ``together-hooks scan`` differ only in where content comes from;
they add the same options (``add_options``) and call ``run``.  What a run
detects with (the rules and the developer's own keys) travels in a
``Scanner``, made once per run and passed down.
"""
from __future__ import annotations

import os
import sys

from together_hooks import audit_log
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import prepare
from together_hooks.detect.engine import prepare_screen
from together_hooks.detect.budget import Budget
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import container_kind
from together_hooks.detect.scrub import learn
from together_hooks.detect.scrub import scrub
from together_hooks.detect.scrub import workflow_commands
from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import EXIT_FINDINGS
from together_hooks.errors import InputError
from together_hooks.fileio import WINDOW
from together_hooks.fileio import inside
from together_hooks.fileio import refuse_unnamed
from together_hooks.fileio import refuse_replacing_input
from together_hooks.fileio import text_start
from together_hooks.fileio import write_atomic
from together_hooks.filters import apply_baseline
from together_hooks.findings import COMMIT_HEADER
from together_hooks.findings import COMMIT_MESSAGE
from together_hooks.findings import Finding
from together_hooks.findings import NOT_FILES
from together_hooks.findings import PATH_NAME
from together_hooks.report import confirmed_message
from together_hooks.report import FORMATS
from together_hooks.report import Summary
from together_hooks.rules import MAX_CONTEXT
from together_hooks.rules import RULES

TYPE_CHECKING = False
if TYPE_CHECKING:  # verify (and its network modules) load only with --verify
    import argparse
    from typing import BinaryIO
    from typing import Callable
    from typing import Iterable
    from typing import Mapping
    from typing import Sequence
    from typing import Iterator
    from together_hooks.baseline.format import Baseline
    from together_hooks.detect.ownkeys import OwnKeys
    from together_hooks.filters import Exclusions
    from together_hooks.gitrun import Listings
    from together_hooks.config import Config
    from together_hooks.rules import Rule
    from together_hooks.sources.content import Content
    from together_hooks.verify import Endpoint

    Window = tuple[int, int, int, bytes]


# The options every scanning entry point adds (``add_options``): their
# defaults, and how a hook reads them without argparse (``hookargs``).
DEFAULTS = {
    'format': 'text', 'output': None, 'baseline': None,
    'verify': False, 'verify_timeout': 5.0, 'only_live': False,
}
QUICK_OPTIONS = {
    '--format': frozenset(FORMATS), '--output': str, '--baseline': str,
    '--verify': bool, '--only-live': bool,
}


# What ``--baseline`` is when not given, for the hook and ``scan``.
BASELINE_DEFAULT = (
    "the config file's `baseline`, else .secrets.baseline at the repository "
    'root when it exists'
)


OUTPUT_HELP = (
    'write the report to FILE (-: standard output, the report alone); a '
    'text summary still goes to stdout. In a hook\'s args: list FILE in '
    '.gitignore (from the second commit on, a report git neither tracks '
    'nor ignores is refused)'
)


def add_options(
        parser: argparse.ArgumentParser, baseline_default: str = BASELINE_DEFAULT,
        sarif_out: bool = False, output_help: str = OUTPUT_HELP,
) -> None:
    report = parser.add_argument_group('the report')
    report.add_argument(
        '--format', choices=sorted(FORMATS),
        help=f'report format (default: {DEFAULTS["format"]})',
    )
    report.add_argument('--output', metavar='FILE', help=output_help)
    if sarif_out:  # ``scan``'s: a CI job's log report and its code-scanning upload
        report.add_argument(
            '--sarif-out', metavar='FILE',
            help='also write the findings as SARIF to FILE (code scanning), '
                 'from the same scan as the --format report',
        )
    report.add_argument(
        '--baseline', metavar='FILE',
        help='a detect-secrets baseline: keys recorded for the same file '
             'pass, whatever their line; entries audited as real '
             f'(is_secret: true) still fail. Never rewritten. (default: {baseline_default})',
    )
    # Live verification: opt-in only, never switched on by CI or a file.
    live = parser.add_argument_group('checking keys live (opt-in: each key is sent to the API)')
    live.add_argument(
        '--verify', action='store_true',
        help='send each distinct key found, once, to GET /v1/models at '
             'api.together.xyz and report it live, invalid or unknown',
    )
    live.add_argument(
        '--verify-timeout', metavar='SECONDS', type=_verify_timeout,
        help=f'timeout of each --verify request (default: {DEFAULTS["verify_timeout"]:g})',
    )
    live.add_argument(
        '--only-live', action='store_true',
        help='with --verify: leave out keys the API calls invalid (a key it could not '
             'check stays; exit 0 only when every key is invalid)',
    )
    parser.set_defaults(**DEFAULTS)
    audit_log.add_option(parser)


class Scanner:
    """What one run detects with: the rules, and the developer's own key
    values (in memory only; a forked worker inherits them)."""

    __slots__ = ('rules', 'own_keys', 'exclusions')

    def __init__(
            self, rules: tuple[Rule, ...] = RULES, own_keys: OwnKeys | None = None,
            exclusions: Exclusions | None = None,
    ) -> None:
        self.rules = rules
        self.own_keys = own_keys
        # What the repository leaves out (config file, baseline filters).
        self.exclusions = exclusions or None

    @classmethod
    def for_run(
            cls, where: str = '.', exclusions: Exclusions | None = None, walk: bool = False,
            listings: Listings | None = None,
    ) -> Scanner:
        """The rules, and the own keys of the repository at ``where``
        (``walk``, ``listings``: ``load_own_keys``')."""
        return cls(own_keys=load_own_keys(where, walk, listings), exclusions=exclusions)

    def skips(self, content: Content) -> bool:
        """Is this file left out of the run (config ``exclude``, baseline filter)?"""
        return self.exclusions is not None and self.exclusions.path(content.path)

    def path_matters(self, path: str) -> bool:
        """Could ``scan_one`` find less in a blob at ``path`` than with no
        path?  Only a rule's file filter or an excluded path make a path
        matter (the engine uses it for nothing else), so history
        attribution scans a blob again under a path only where one does."""
        from together_hooks.detect.engine import named_for_key
        from together_hooks.detect.engine import rule_applies

        return (
            self.exclusions is not None and self.exclusions.path(path)
            or not all(rule_applies(rule, path) for rule in self.rules)
            # a file named for a key: its bare legacy key is one (``_named_file``)
            or named_for_key(path)
        )

    def scan_one(self, content: Content, worth: Callable[[bytes], bool] | None = None) -> list[Finding]:
        """Every finding in one piece of content (the per-file detection
        step).  ``worth``: ``file_test``'s, asked of a file read whole
        first."""
        if self.skips(content):
            return []
        windows = content.windows(WINDOW, MAX_CONTEXT)
        first = next(windows, None) if windows is not None else None
        # One decompression budget for the file: its windows, its members,
        # its base64 values and binary patches all spend it (made once the
        # file is to be scanned: most of a tree's files fail ``worth``).
        if first is not None and container_kind(first[3], cut=True) is not None:  # a large file's start
            found = self._scan_large_container(first, windows, content, self.budget(content.path))  # type: ignore[arg-type]
        elif first is not None:
            # A large file: memory bounded, the findings of a whole read.
            found = self._scan_windows(first, windows, content, self.budget(content.path))  # type: ignore[arg-type]
        else:
            data = content.data  # (read once: an in-memory content's is made each time)
            if worth is not None and content.fs_path is not None and not worth(data):
                # Nothing the engine, a container's members or the file's
                # name could find a key in (``file_test``; history's
                # discovery passes blobs over the same way).  A file's
                # only: a tree's path names are read as names whatever.
                return []
            budget = self.budget(content.path)
            found = self._scan_kept(data, content.path, budget=budget)
            if container_kind(data, whole=True) is not None:  # a stub's too
                found = self._with_members(found, data, content.path, budget)
        if found:
            _columns_past_bom(found, content.path, first[3] if first is not None else data)
        # A file at a commit keeps only what its range or commit added.
        return content.select(found) if found else found

    def _scan_windows(
            self, first: Window, windows: Iterator[Window], content: Content,
            budget: Budget,
    ) -> list[Finding]:
        """``scan_one`` of a large file read in windows
        (``windows.scan_stream_windows``: wide text decoded as it is read;
        it tells ``budget`` how each window stands)."""
        from together_hooks.detect.windows import scan_stream_windows

        path = content.path
        return scan_stream_windows(
            first, windows, content.size if content.size_known else None,
            lambda data: self._scan_kept(data, path, False, budget),
            lambda data: self._scan_text(data, path, budget),
            budget,
        )

    def _with_members(
            self, found: list[Finding], source: bytes | BinaryIO, path: str,
            budget: Budget,
    ) -> list[Finding]:
        """``found`` in a container's own bytes, and what its members hold
        (``detect.containers``), a key reported at its member when both
        show it (a stored zip member holds it as it is)."""
        from together_hooks.detect.containers import scan_container

        def scan(data: bytes, name: str, wide: bool) -> list[Finding]:
            found = self._scan_kept(data, name, wide, budget)
            if found:  # a member's columns as its editor shows them too
                _columns_past_bom(found, name, data)
            return found
        return _merge_members(found, scan_container(source, path, scan, budget))

    def _scan_large_container(
            self, first: Window, windows: Iterator[Window], content: Content,
            budget: Budget,
    ) -> list[Finding]:
        """``scan_one`` of a container larger than a window: its bytes in
        windows as any large file's, its members as they decompress from
        the file (a zip needs to seek to its central directory) or from
        the same windows (a git blob streams once)."""
        from itertools import chain

        from together_hooks.detect.containers import WindowStream
        from together_hooks.detect.windows import WindowScan

        path = content.path
        if content.fs_path is not None:
            found = self._scan_windows(first, windows, content, budget)
            from together_hooks.fileio import NotScanned
            from together_hooks.fileio import open_regular

            try:  # as it was read: a symlink swapped in is not followed
                opened = open_regular(content.fs_path)
            except NotScanned as e:
                raise InputError(f'{path}: {e.reason}') from None
            if opened is None:
                raise InputError(f'{path}: replaced while read (by a symlink, or gone): not scanned whole')
            try:
                with opened:
                    return self._with_members(found, opened, path, budget)
            except OSError as e:
                raise InputError(f'{path}: cannot read ({e.strerror or e})') from None
        raw = WindowScan(lambda data: self._scan_kept(data, path, False, budget), budget)
        stream = WindowStream(chain((first,), windows), raw.add)
        members = self._with_members([], stream, path, budget)
        stream.rest()  # never left unscanned
        return _merge_members(raw.found, members)

    def budget(self, path: str) -> Budget:
        """The one ``Budget`` of a file to scan: it carries whether a value
        is a key this developer holds, which no pragma excuses."""
        return Budget(path, self.own_keys.holds if self.own_keys else None)

    def scan_data(
            self, data: bytes, path: str, wide: bool = True, budget: Budget | None = None,
    ) -> list[Finding]:
        if budget is None:
            budget = self.budget(path)
        found = scan_bytes(data, path, self.rules, wide, budget)
        if self.own_keys:  # exact copies of a key this developer holds, any encoding
            found += self.own_keys.find(data, path, found)
        return found

    def _scan_kept(
            self, data: bytes, path: str, wide: bool = True, budget: Budget | None = None,
    ) -> list[Finding]:
        """``scan_data`` less what the config or the baseline's filters
        silence (lines are judged in ``data``, a whole file or one window)."""
        return self._unsilenced(self.scan_data(data, path, wide, budget), data)

    def _scan_text(self, data: bytes, path: str, budget: Budget) -> list[Finding]:
        """The rules on decoded text (own keys are looked for in the raw
        bytes, in every encoding), less what the config silences."""
        return self._unsilenced(scan_bytes(data, path, self.rules, False, budget), data)

    def _unsilenced(self, found: list[Finding], data: bytes) -> list[Finding]:
        if found and self.exclusions is not None:
            found = self.exclusions.findings(found, data, self.own_keys.holds if self.own_keys else None)
        return found

    def prepare(self, nbytes: int) -> None:
        """Load and compile now what scanning ``nbytes`` would need
        (``engine.prepare``): before a scan forks, once for both processes."""
        prepare(self.rules, lambda n: nbytes >= n)

    def blob_test(self, nbytes: int) -> Callable[[bytes], bool] | None:
        """For a source about to read ``nbytes`` of blobs: a test every
        blob ``scan_one`` could find something in passes, the fastest for
        that much (``detect.prefilter``); None when every blob must be
        scanned (own keys are found in any encoding, keyword or not)."""
        if self.own_keys:
            return None
        return keyword_screen(self.rules).blob_test(nbytes)

    def file_test(self) -> Callable[[bytes], bool] | None:
        """For a scan of many files once the screen reads by hyperscan's
        one pass (``prepare``, ``prepare_screen``): ``blob_test``'s one
        call, which every file read whole that ``scan_one`` could find
        something in passes (a keyword or a base64 form, wide text, a dump,
        a wrapped block, a container, bare hex: what history's discovery
        passes over blobs by), asked in place of the engine's own first
        questions and the container test; None without the pass, or with
        own keys (``blob_test``)."""
        screen = keyword_screen(self.rules)
        if self.own_keys or not screen.one_pass:
            return None
        return screen.blob_test(0)


def _columns_past_bom(found: list[Finding], path: str, head: bytes) -> None:
    """Columns on the first line of a file that starts with a UTF-8 BOM
    (a Windows editor's) counted from after it: the BOM is no character the
    user sees, and the column is where their editor shows the key.  The
    engine counts it (its columns are offsets into the bytes it scanned)."""
    bom = text_start(head)
    if bom:
        for f in found:
            if f.line == 1 and f.path == path and f.column > bom:
                f.column -= bom


def _merge_members(raw: list[Finding], members: list[Finding]) -> list[Finding]:
    """A container's findings in its own bytes and in its members: a key
    both show (a stored zip member) once, at its member."""
    if not members:
        return raw
    secrets = {f.secret for f in members}
    return [f for f in raw if f.secret not in secrets] + members


def load_own_keys(
        where: str = '.', walk: bool = False, listings: Listings | None = None,
) -> OwnKeys | None:
    """The keys this developer holds: the environment and the local env
    files of the repository at ``where`` (``env.ownkeys.own_keys``).

    One definition for every command: the hook reads the same env files as
    ``scan`` and ``baseline create`` (every untracked one, ignored or not,
    outside ignored folders), so a pragma or a baseline entry never passes
    the hook while ``scan .`` fails on the same key.  Finding them walks
    the work tree (one ``git ls-files``: 6-11 ms CPU a commit on 3,000
    files, docs/performance.md); the hook used to read only those at the
    root and beside the staged files.  ``walk`` (the hook's): where the
    index reads without git, a walk of a small work tree that meets no
    name git's walk could list past the top folder answers for that
    process, as the first stage's does (``env.held.none_under``: on a
    large tree the walk gives up and git is asked, so a scan's default
    stays git's; docs/performance.md, "Issue 17, session 34").
    ``listings``: the run's git listings (``gitrun.Listings``: doctor's
    checks list the same tree)."""
    from together_hooks.env.ownkeys import own_keys_at

    if not walk:
        return own_keys_at(where, listings=listings)
    from together_hooks.sources.index import index_entries

    return own_keys_at(where, index_entries)


def _scan_serial(
        contents: Iterable[Content], summary: Summary, scanner: Scanner,
        worth: Callable[[bytes], bool] | None = None,
) -> list[Finding]:
    findings: list[Finding] = []
    for content in contents:
        if scanner.skips(content):  # never read, never counted
            continue
        findings.extend(scanner.scan_one(content, worth))
        if content.problem is not None:  # one file never stops the others
            problem = content.problem
            summary.skipped.append((content.path, problem.reason, problem.fatal))
        elif content.path not in NOT_FILES:  # a name list, a message: no file
            summary.files_scanned += 1
            summary.bytes_scanned += content.size or 0
        content.release()
    return findings


# Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 256


def _scan_forked(
        contents: list[Content], summary: Summary, scanner: Scanner,
        held: list[Content],
) -> list[Finding]:
    """Two processes (sources/parallel.py) take runs of files in turns until none
    is left: neither waits while the other still has work.  ``held``: what
    the list already holds in memory (a tree's path names), scanned by the
    parent once the child is at work, never before the fork."""
    from together_hooks.sources import parallel

    # What each process would load and compile at its first keyword:
    # once, here, before the fork.  The screen takes hyperscan's one pass
    # (when installed) whatever the files' size: set up from the database
    # an earlier run kept (``regex_cache.stored``), it costs less than the
    # grouped searches it replaces, and reads each byte faster; so no
    # file's size is asked first (docs/performance.md, "Issue 17, session 29").
    prepare(scanner.rules, lambda _n: True)
    step = -(-len(contents) // 256)
    worth = scanner.file_test()  # (its database loaded once, here)
    turns = parallel.Turns(-(-len(contents) // step))

    def share(mine: Summary, first: list[Content]) -> list[Finding]:
        found = _scan_serial(first, mine, scanner, worth) if first else []
        for turn in turns:
            found += _scan_serial(contents[turn * step:(turn + 1) * step], mine, scanner, worth)
        return found

    def child() -> tuple[int, int, list[tuple[str, str, bool]], list[tuple[object, ...]]]:
        theirs = Summary()
        found = share(theirs, [])
        return theirs.files_scanned, theirs.bytes_scanned, theirs.skipped, [
            (f.path, f.line, f.column, f.rule, f.secret, f.encoding)
            for f in found
        ]

    try:
        findings, (files, nbytes, skipped, found) = parallel.split(
            child, lambda: share(summary, held),
        )
    finally:
        turns.close()
    summary.files_scanned += files
    summary.bytes_scanned += nbytes
    summary.skipped += skipped
    findings.extend(Finding(*fields) for fields in found)
    return findings


def scan_contents(
        contents: Iterable[Content], summary: Summary, scanner: Scanner,
) -> list[Finding]:
    """The findings in ``contents``; the run's scrubber learns each key,
    so no output shows one in any form or piece (a file whose path holds
    the key cut by a ``/``, in ``doctor`` as in a scan)."""
    findings = _scan_contents(contents, summary, scanner)
    learn({f.secret for f in findings})
    return findings


def _scan_contents(
        contents: Iterable[Content], summary: Summary, scanner: Scanner,
) -> list[Finding]:
    # Only a list's file-backed content is split (each process reads the
    # files it takes); what a list already holds (a tree's path names, a
    # symlink's target) is scanned here.  Streams (the index, history) are
    # scanned as they arrive so memory stays flat.
    if isinstance(contents, list) and len(contents) >= PARALLEL_MIN_FILES:
        on_disk = [c for c in contents if c.fs_path is not None]
        if len(on_disk) >= PARALLEL_MIN_FILES:
            from together_hooks.sources import parallel  # not on a hook's few files

            if parallel.available():
                held = [c for c in contents if c.fs_path is None]
                return _scan_forked(on_disk, summary, scanner, held)
            # One CPU (``taskset``, a container's cpuset): the screen the
            # fork would take where hyperscan is installed (its one pass
            # from the first file), not the plain route's ``in`` of every
            # needle in each file holding a keyword until 1 MiB is
            # screened: that cost more CPU than the fork saves
            # (docs/performance.md, "Issue 17, session 32").
            prepare_screen(scanner.rules)
            return _scan_serial(contents, summary, scanner, scanner.file_test())
    return _scan_serial(contents, summary, scanner)


def _to_file(args: argparse.Namespace) -> bool:
    """Whether the report goes to a file: ``--output`` given and not
    ``-`` (standard output, the report alone there)."""
    return args.output is not None and args.output != '-'


def _write_report(path: str, report: str, args: argparse.Namespace, flag: str,
                  commands: bool = False) -> None:
    """``report`` scrubbed into ``path`` (``--output``, ``--sarif-out``):
    atomically, never through a link out of the repository, and never
    over a file the committed config would have a hook replace."""
    from together_hooks.gitdir import repository_naming

    # An empty name ('', a variable unset in a committed config) names
    # no file either: one line, not stdout.
    refuse_unnamed(path, flag)
    if os.environ.get('PRE_COMMIT') == '1':  # the option is a hook's args in the committed config
        from together_hooks.env import committed
        from together_hooks.gitdir import worktree_root

        committed.refuse(
            path, worktree_root(getattr(args, 'repo_root', None) or '.'),
            'the report', replaces=True,
        )
    refuse_replacing_input(path, audit_log.argument_paths(args), flag)
    write_atomic(
        path, scrub(report, commands=commands),
        within=repository_naming(path, getattr(args, 'repo_root', None) or '.'),
    )


def emit(findings: list[Finding], summary: Summary, args: argparse.Namespace) -> None:
    """The report, scrubbed at the edge (``detect.scrub``): on stdout, or in
    ``--output`` with a text summary on stdout; with ``--sarif-out``, the
    same findings as SARIF in that file too (one scan, two reports).  A
    file that cannot be written never hides the findings: they are
    shown, then the error."""
    from together_hooks.report import write_painted

    report = FORMATS[args.format](findings, summary)
    github = args.format == 'github'
    if _to_file(args):
        try:
            _write_report(args.output, report, args, '--output', commands=github)
        except (InputError, OSError) as e:
            if findings:
                sys.stdout.write(FORMATS['text'](findings, summary))
            if isinstance(e, InputError):
                raise
            raise InputError(f'{args.output}: cannot write ({e.strerror or e})')
        if findings or summary.refused:
            write_painted(FORMATS['text'](findings, summary), sys.stdout)
        print(f'{summary.tool}: report written to {args.output}')
    elif report and github:
        with workflow_commands():
            sys.stdout.write(report)
    elif report:
        if args.format == 'text':
            write_painted(report, sys.stdout)
        else:
            sys.stdout.write(report)
    sarif_out = getattr(args, 'sarif_out', None)
    if sarif_out is not None:
        # After the report: the findings are shown whether or not it writes.
        try:
            _write_report(sarif_out, FORMATS['sarif'](findings, summary), args, '--sarif-out')
        except OSError as e:
            raise InputError(f'{sarif_out}: cannot write ({e.strerror or e})')
        # On stderr: stdout holds the report alone (``--format json``).
        print(f'{summary.tool}: SARIF report written to {sarif_out}', file=sys.stderr)


def _verify_timeout(text: str) -> float:
    from together_hooks.verify import timeout_arg

    return timeout_arg(text)


def verify_step(
        findings: list[Finding], args: argparse.Namespace,
        where: Endpoint | None,
) -> list[Finding]:
    """Set each key finding's live/invalid/unknown status (``--verify``)."""
    if where is None or not findings:
        return findings
    from together_hooks import verify

    keys = {f.secret for f in findings if f.rule in verify.VERIFIABLE_RULES}
    if keys:
        print(
            f'together-hooks: verifying {len(keys)} key(s) with GET '
            f'{where.url} (timeout {args.verify_timeout:g}s)',
            file=sys.stderr,
        )
    verify.verify_findings(findings, where, timeout=args.verify_timeout)
    if not args.only_live:
        return findings
    # Fail closed: only a key the API called invalid is left out; one it
    # could not judge (no network, 429, 5xx, a rule it cannot check) stays.
    kept = [f for f in findings if f.verification != verify.INVALID]
    if len(kept) < len(findings):
        print(
            f'together-hooks: --only-live: {len(findings) - len(kept)} '
            f'finding(s) the API called invalid left out',
            file=sys.stderr,
        )
    return kept


def verify_endpoint(args: argparse.Namespace) -> Endpoint | None:
    """Where ``--verify`` sends keys, checked before anything is scanned."""
    if getattr(args, 'verify', False):
        from together_hooks.verify import endpoint

        return endpoint()
    if getattr(args, 'only_live', False):
        raise InputError('--only-live needs --verify (nothing is sent without it)')
    return None


def load_baseline(args: argparse.Namespace) -> Baseline | None:
    """The ``--baseline`` file, read as JSON (detect-secrets is never imported).
    One the repository names (its config, or its root's) must not lead out
    of it, wherever the run stands (``scan ../other``)."""
    path = getattr(args, 'baseline', None)
    if not path:
        return None
    from together_hooks.baseline.format import load

    # ('own config': an untracked config file, the user's own: as a flag.)
    named_by_repository = getattr(args, 'baseline_source', None) in ('config', 'found')
    root = getattr(args, 'repo_root', None) if named_by_repository else None
    return load(path, root)


def baseline_location(root: str, flag: str | None, config: Config) -> tuple[str | None, str]:
    """(the baseline to use, why): the flag, else the config's ``baseline``,
    else ``.secrets.baseline`` at the root when there is one.  The path is
    as the user would type it from here.  A blank flag (``--baseline ''``,
    an unset variable) names no file: an error, never the default."""
    if flag is not None and not flag.strip():
        raise InputError('--baseline names no file (a blank value); name the file, or leave the option out')
    if flag:
        return flag, 'flag'
    from together_hooks.config import DEFAULT_BASELINE as DEFAULT_NAME

    if config.baseline:
        path = _from_here(root, config.baseline)
        return path, 'config' if _the_repositorys(root, path, config) else 'own config'
    # lexists: a FIFO or a folder in its place is an error when read, not
    # a silent "no baseline".
    if os.path.lexists(os.path.join(root, DEFAULT_NAME)):
        return _from_here(root, DEFAULT_NAME), 'found'
    return None, 'none'


def _the_repositorys(root: str, path: str, config: Config) -> bool:
    """Whether the baseline ``path`` that ``config`` names is the
    repository's choice, held to stay inside it: always, but for one
    named out of it by a config file git does not track (the
    user's own, which no clone brings: as if typed with --baseline).
    Only a baseline named out of it pays for asking git."""
    if _inside_named(path, root):  # a link in it that leads out stays refused
        return True
    name = config.source.split(' ', 1)[0]
    from together_hooks.gitrun import git_probe

    # Not known to be untracked (no work tree, git failing): the repository's.
    return git_probe(root, 'ls-files', '-z', '--', name) != b''


def _inside_named(path: str, root: str) -> bool:
    named, top = os.path.abspath(path), os.path.abspath(root)
    return os.path.commonpath([named, top]) == top


def _from_here(root: str, name: str) -> str:
    path = os.path.join(root, name)
    return os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)


def _cd(folder: str, away: bool) -> str:
    from together_hooks.messages import shell_quote

    return f'cd {shell_quote(os.path.relpath(folder))} && ' if away else ''


def to_root(args: argparse.Namespace) -> str:
    """``cd <repo> && `` for a command that works on the repository scanned,
    when the run is outside it (the Quick start's `scan path/to/repo`)."""
    root = getattr(args, 'repo_root', '.')
    return _cd(root, not inside(os.getcwd(), root))


def to_paths(args: argparse.Namespace) -> str:
    """``cd <folder> && `` for a command given the report's paths, named
    from the folder scanned (the work tree's top, or the folder given),
    when that is not where the run is."""
    folder = getattr(args, 'paths_from', '.')
    return _cd(folder, os.path.realpath(folder) != os.path.realpath('.'))


def next_step(
        args: argparse.Namespace, findings: Sequence[Finding] = (),
        confirmed: Sequence[Finding] = (), held: Mapping[str, str] | None = None,
) -> str:
    """What to do about the findings that may be false positives
    (``_not_a_key_step``), and first about copies of a key the developer
    holds (``held``: their hashes, with where each was read): never a
    false positive, so no allow comment or baseline is offered for them
    (neither would excuse them)."""
    from together_hooks.env.names import is_secret_env_file
    from together_hooks.report import shown_path
    from together_hooks.rules import rotate_at

    def original(f: Finding) -> bool:
        # The local env file a held key was read from holds the original,
        # not a copy: the report's env-file advice (keep it there, have
        # git ignore the file) is the whole step for it.
        return f.hashed_secret in held and not f.commit and is_secret_env_file(f.path)

    held = held or {}
    findings = [f for f in findings if not original(f)]
    if not findings:
        return ''
    yours = [f for f in findings if f.hashed_secret in held]
    if not yours:
        return _not_a_key_step(args, findings, confirmed)
    from together_hooks.messages import cut_short

    paths = list(dict.fromkeys(scrub(shown_path(f.path)) for f in yours))
    where = list(dict.fromkeys(
        scrub(held.get(f.hashed_secret, '')) for f in yours))
    where = [w for w in where if w]
    source = ' and '.join(where[:3]) if where else 'your environment or a local env file'
    step = (
        f'{cut_short(paths, 3)}: a copy of a key you hold (in {source}), so a real '
        'key: no allow comment or baseline excuses it'
        + ('.' if all(f.commit for f in yours) else '; take it out of the file.')
        + f' If it is only a test value, change it in {source}; if it is real, '
        f'{rotate_at()}.'
    )
    rest = [f for f in findings if f.hashed_secret not in held]
    if rest:
        # One take-out for every commit holding a key, yours included (the
        # others' alone named HEAD and left yours in the commit before).
        return f'{step} {_not_a_key_step(args, rest, confirmed, taken=findings)}'
    return step + take_out_step(yours, getattr(args, 'repo_root', '.'), _pushed(args))


def _not_a_key_step(
        args: argparse.Namespace, findings: Sequence[Finding] = (),
        confirmed: Sequence[Finding] = (), taken: Sequence[Finding] | None = None,
) -> str:
    """What to do about a false positive, naming the exact command for this
    repository's baseline (and how to get the command, when pre-commit
    installed us where the user's shell cannot see).  A key found in a
    commit may be in no file any more, where a baseline made from the
    files cannot record it: then its ``hashed_secret`` in the config's
    ``allow`` is the route that works.  A key the baseline labels real
    (``confirmed``) is in it already: recording it again changes nothing,
    its label is what to change.  ``taken``: the findings whose commits
    the take-out step names (default ``findings``)."""
    from together_hooks.config import DEFAULT_BASELINE
    from together_hooks.config import WHERE as config_where
    from together_hooks.env import hints
    from together_hooks.gitdir import worktree_root
    from together_hooks.messages import shell_quote as quote

    allow = getattr(args, 'not_a_key_allow', None)
    if allow and findings and all(f.path in NOT_FILES for f in findings):  # none a file
        hashes = ', '.join(f'"{h}"' for h in dict.fromkeys(f.hashed_secret for f in findings))
        return allow.replace(ALLOW_HASHES, hashes) + take_out_step(
            findings if taken is None else taken, getattr(args, 'repo_root', '.'), _pushed(args))
    if getattr(args, 'not_a_key', None):  # a caller that knows better (a server)
        inline = _allow_inline(findings)
        shown = list(dict.fromkeys(f.hashed_secret for f in findings))
        text = args.not_a_key.replace(ALLOW_INLINE, inline).replace(
            ALLOW_HASHES, ', '.join(f'"{h}"' for h in shown[:3]) + (', ...' if len(shown) > 3 else ''))
        if not inline:
            text = text.replace('? record', '? Record', 1)
        return text + take_out_step(
            findings if taken is None else taken, getattr(args, 'repo_root', '.'), _pushed(args))
    source = getattr(args, 'baseline_source', 'none')
    # The baseline commands work on the repository they run in: from
    # outside the one scanned (the Quick start's `scan path/to/repo`), go there.
    root = getattr(args, 'repo_root', '.')
    away = not inside(os.getcwd(), root)
    cd = to_root(args)
    if source == 'none':
        command = 'together-hooks baseline create'
        path = _from_here('.', DEFAULT_BASELINE)
    else:
        command = 'together-hooks baseline update'
        path = os.path.relpath(args.baseline, root) if away else args.baseline
        if source != 'found':
            command += f' --baseline {quote(path)}'
    labelled = {f.hashed_secret for f in confirmed}
    findings = [f for f in findings if f.hashed_secret not in labelled]
    command += _recorded_only(args, findings, root if away else '.')
    if not findings:
        return (
            'Labelled a real key by mistake? Set its "is_secret" to false in '
            f'{path} and commit that (`together-hooks baseline audit` asks '
            'only about keys with no label).'
        )
    # A key in a file or folder name, or in the message or the author of
    # the commit being made (the commit-msg stage; the pre-commit stage
    # reads the author too): no comment can sit on it (in a message one is
    # only more text), and the baseline, keyed by file name, cannot record
    # it; the config's ``allow`` of its hashed_secret can.
    named = [f for f in findings if not f.commit and f.path in _NO_COMMENT]
    if named:
        hashes = ', '.join(f'"{h}"' for h in dict.fromkeys(f.hashed_secret for f in named))
        kinds = dict.fromkeys(f.path for f in named)
        in_name = ' '.join(_NO_COMMENT[k] for k in kinds) + (
            ' Not a real key? '
            f'`allow = [{hashes}]` in the config file ({config_where}), {_committed_where(args)}.'
        )
        findings = [f for f in findings if f.commit or f.path not in _NO_COMMENT]
        if not findings:
            return in_name + take_out_step(named if taken is None else taken, root, _pushed(args))
    inline = _allow_inline(findings)
    # Outside git there is nothing to commit the baseline to.  In git, the
    # command the user types next: the hook judges the baseline as staged
    # (pre-commit stashes what is not), and a baseline left unstaged stays
    # out of the commit, so CI and the team still see the key.
    keep = (
        f', then stage it (`git add {quote(path)}`) and commit it.'
        if any(f.commit for f in findings) or worktree_root(root) is not None
        else f' (it writes {path}).'
    )
    record = f'record it in the baseline: `{cd}{command}`{keep}'
    step = f'Not a real key? {inline}{record if inline else "R" + record[1:]}'
    committed = list(dict.fromkeys(f.hashed_secret for f in findings if f.commit))
    if committed:
        shown = ', '.join(f'"{h}"' for h in committed[:3])
        step = step[:-1] + (
            ' (it records only keys a file still holds); a key only in '
            f'history: `allow = [{shown}]` in the config file '
            f'({config_where}), {_committed_where(args)}.'
        )
        if len(committed) > 3:
            step += f' The other {len(committed) - 3}: each one\'s hashed_secret above.'
    if named:
        step += f' {in_name}'
        findings = findings + named
    step += take_out_step(findings if taken is None else taken, root, _pushed(args))
    if hints.under_pre_commit() and not hints.on_users_path('together-hooks'):
        step += f' (To get the command: `{hints.INSTALL}`.)'
    return step


def _recorded_only(args: argparse.Namespace, findings: Sequence[Finding], run_in: str) -> str:
    """The ``PATH:LINE`` words that scope the baseline command to the keys
    this run reported (named from ``run_in``, where the command runs): a
    key in the file now, by its line; a key found in a commit, by its file
    when the file is still there (its lines then may have moved).  Without
    them ``baseline create`` records every tracked file's keys, so
    allowing one fixture would also excuse another key nobody looked at."""
    from together_hooks.detect.scrub import Scrubber
    from together_hooks.messages import shell_quote

    here = getattr(args, 'paths_from', '.')
    words = []
    for f in findings:
        if f.path in _NO_COMMENT or f.path in NOT_FILES:
            continue
        at = os.path.join(here, f.path)
        name = os.path.relpath(at, run_in)
        if Scrubber().scrub(name) != name:
            # A name that holds a key (its report line shows it redacted):
            # quoted for a shell it could show the key in another form
            # (``$'\x5cx34...'``), so a placeholder the user fills in: run
            # as printed, the command refuses (no such file), never unscoped.
            words.append('<file>:<line>')
            continue
        if name.startswith('-'):  # a name, not an option: `./-x.py:1`
            name = os.path.join('.', name)
        if f.commit:
            if not os.path.lexists(at):
                continue
            words.append(name)
        else:
            words.append(f'{name}:{f.line}')
    return ''.join(f' {shell_quote(w)}' for w in dict.fromkeys(words))


# Where a key of the run (no commit yet) can be neither commented nor
# recorded in the baseline -> what to do instead.
_NO_COMMENT = {
    PATH_NAME: (
        'A key in a file or folder name can be neither commented nor recorded in the '
        'baseline (it would write the key): rename the path.'
    ),
    COMMIT_MESSAGE: (
        'A key in the commit message can be neither commented nor recorded in the '
        'baseline: nothing was committed; write the message again without it (git '
        'kept it: `git commit -e -F "$(git rev-parse --git-path COMMIT_EDITMSG)"`).'
    ),
    COMMIT_HEADER: (
        "A key in the commit's author or committer can be neither commented nor "
        'recorded in the baseline: set the name and email without it (`git config '
        'user.name`, `git config user.email`, GIT_AUTHOR_* and GIT_COMMITTER_*).'
    ),
}


def _committed_where(args: argparse.Namespace) -> str:
    """Where an ``allow`` line must be committed to excuse a key: a range
    (``scan --diff BASE...HEAD``, the CI gate, the plain pre-push hook) is
    judged by what its base's config allows too (``narrow_to_base``), so
    the line lands there first; elsewhere the commit being checked holds it."""
    base = getattr(args, 'range_base', None)  # set where the range is narrowed
    if base is None:
        return 'committed'
    return (f'committed on {base} first (a range cannot excuse its own keys: '
            'that change lands on its own, then the range passes)')


def _pushed(args: argparse.Namespace) -> bool:
    """Are the commits checked pushed already: ``scan`` in a CI job (the
    CI gate, ``args.pushed``)?  Never a hook: a pre-push, or the server's
    pre-receive (a push from a CI job hands it ``CI``), refuses commits
    nothing has stored yet."""
    return bool(getattr(args, 'pushed', False))


def take_out_step(findings: Sequence[Finding], root: str, pushed: bool = False) -> str:
    """For keys found in commits: an allow comment a later commit adds
    does not change the commit checked, but a commit not pushed yet can
    lose the key itself.  Names the command: ``git commit --amend`` for
    HEAD, else an interactive rebase from before the earliest commit;
    ``pushed`` (the CI gate): rebased on the developer's machine and
    force-pushed, never an amend of the job's checkout."""
    from together_hooks.findings import NOTE
    from together_hooks.gitrun import git_probe

    # A note (``git notes``) is no part of the commit it is on: an amend or
    # a rebase leaves it where it is, on the old commit, in the notes ref.
    noted = list(dict.fromkeys(f.commit for f in findings if f.commit and f.path == NOTE))
    notes = (
        ' A key in a note (<note>) is no part of its commit: take it out with '
        f'`git notes remove {" ".join(c[:12] for c in noted)}` (`git notes --ref=NAME '
        "remove …` for another notes ref; the ref's history keeps it), not by "
        'rewriting the commit; a key that is real is leaked anyway: rotate it.'
    ) if noted else ''
    # A tag (its message or header: ``Finding.tag``) or a blob or tree a
    # ref reaches through no commit (``Finding.reached``) is no commit to
    # rebase: a rebase of the commit under it leaves the key where it is.
    if any(f.commit and (f.tag is not None or f.reached is not None) for f in findings):
        notes = (
            ' A key in a tag, or in a blob or tree a tag names, is in no commit: '
            'delete that tag (`git tag -d NAME`; pushed: `git push origin :refs/tags/NAME`) '
            'and make it again without the key; a key that is real is leaked anyway: '
            'rotate it.'
        ) + notes
    commits = list(dict.fromkeys(
        f.commit for f in findings
        if f.commit and f.path != NOTE and f.tag is None and f.reached is None))
    # A stash (``--history`` reads refs/stash) is no branch: a rebase of
    # HEAD leaves it where it is; dropping the stash takes the key out.
    stashed = _only_in_stash(root, commits)
    if stashed:
        notes = (
            ' A key in a stash (`git stash list`) is on no branch: drop that stash '
            '(`git stash drop stash@{N}`; `git stash show -p stash@{N}` first to keep '
            'its other changes), no rebase; a key that is real is leaked anyway: rotate it.'
        ) + notes
        commits = [c for c in commits if c not in stashed]
    if not commits:
        return notes
    ci = pushed  # HEAD and the branches here are the job's
    head = git_probe(root, 'rev-parse', '-q', '--verify', 'HEAD^{commit}')
    if not ci and head is not None and commits == [head.decode().strip()]:
        how = '`git commit --amend` (it is HEAD)'
    else:
        earliest = commits[-1]
        if len(commits) > 1:
            # On one line of history the oldest is every other's merge base;
            # --no-walk orders by date alone (commits of one second tie).
            base = git_probe(root, 'merge-base', '--octopus', *commits)
            if base is not None and base.strip().decode() in commits:
                earliest = base.strip().decode()
            else:
                order = git_probe(root, 'rev-list', '--no-walk', '--topo-order', *commits)
                if order is not None and order.split():
                    earliest = order.split()[-1].decode()
        # Its parents: none (the first commit: --root), several (a merge:
        # only --rebase-merges lists it), or unknown here (X^).
        line = git_probe(root, 'rev-list', '--parents', '-n', '1', earliest)
        parents = len(line.split()) - 1 if line is not None and line.split() else 1
        start = '--root' if parents == 0 else f'{earliest[:12]}^'
        merges = ' --rebase-merges' if parents > 1 else ''
        # Run on the branch that holds it (a pre-push of another branch than
        # the one checked out): named, or the rebase rewrites HEAD's.
        branch = ''
        if not ci and head is not None and git_probe(
                root, 'merge-base', '--is-ancestor', earliest, 'HEAD') is None:
            held = git_probe(root, 'for-each-ref', '--contains', earliest,
                             '--format=%(refname:short)', 'refs/heads')
            names = held.decode('utf-8', 'replace').split() if held is not None else []
            if names:
                from together_hooks.messages import shell_quote

                branch = f' {shell_quote(names[0])}'
        what = ("and put a `break` after that merge's line" if parents > 1
                else 'and edit that commit')
        how = f'`git rebase -i{merges} {start}{branch}` {what}'
    if ci:
        return (
            ' Pushed already (this is CI): rotate a real key first; then, on your '
            'machine, take it out of the commit that added it, not in a new one: '
            f'{how} on the branch that brings it, then `git push --force-with-lease`; '
            'or, not a key, record it as above.'
        ) + notes
    return (
        ' Not pushed yet (or a real key)? Take it out of the commit that added it, '
        f'not in a new one: {how}; a key that is real is leaked anyway: rotate it.'
    ) + notes


def _only_in_stash(root: str, commits: Sequence[str]) -> set[str]:
    """The commits no ref but the stash holds (nor HEAD): one question of
    git when there is no stash."""
    from together_hooks.gitrun import git_probe

    if not commits or git_probe(root, 'rev-parse', '-q', '--verify', 'refs/stash') is None:
        return set()
    stashed = set()
    for commit in commits:
        held = git_probe(root, 'for-each-ref', '--contains', commit, '--format=%(refname)')
        if (
                held is not None and held.split() == [b'refs/stash']
                and git_probe(root, 'merge-base', '--is-ancestor', commit, 'HEAD') is None
        ):
            stashed.add(commit)
    return stashed


# Where a caller's own not-a-key step (``args.not_a_key``) takes the allow
# comment that works in the files found.
ALLOW_INLINE = '<allow-inline>'
# Where ``not_a_key_allow`` names the keys' hashed_secrets.
ALLOW_HASHES = '<allow-hashes>'


def _allow_inline(findings: Sequence[Finding]) -> str:
    """The start of ``next_step``: the allow comment that works in each
    file found (``detect.pragmas.allow_comment``: a ``#`` one is no use in
    a .js file, and JSON has none, so there only the baseline is named).
    Only for keys in files: a key found in a commit is checked as that
    commit holds it, so a comment a later commit adds changes nothing."""
    from together_hooks.detect.pragmas import allow_comment
    from together_hooks.detect.pragmas import is_json
    from together_hooks.detect.pragmas import NEXTLINE
    from together_hooks.messages import cut_short
    from together_hooks.report import shown_path

    by_comment: dict[str, list[str]] = {}
    none: list[str] = []
    paths = [f.path for f in findings if not f.commit and not f.path.startswith('<')]
    for path in dict.fromkeys(paths):
        comment = allow_comment(path)
        if comment is None:
            none.append(scrub(shown_path(path)))
        else:
            by_comment.setdefault(comment, []).append(scrub(shown_path(path)))
    if not by_comment and not none:
        return '' if any(f.commit for f in findings) else (
            'Add "# pragma: allowlist secret" to its line, or '
        )
    json_only = all(is_json(p) for p in none)
    why = 'JSON has no comments' if json_only else 'no comment our hooks read there'
    if not by_comment:
        return f'{why[0].upper()}{why[1:]}: ' if json_only else f'{cut_short(none, 2)}: {why}: '
    no_comment = f'{cut_short(none, 2)}: none, {why}' if none else ''

    def where(comment: str) -> str:
        return 'on its own line above it' if comment == NEXTLINE else 'to its line'
    if len(by_comment) == 1:
        comment = next(iter(by_comment))
        verb = 'Put' if comment == NEXTLINE else 'Add'
        step = f'{verb} "{comment}" {where(comment)}'
        return step + (f' ({no_comment}), or ' if none else ', or ')
    if NEXTLINE not in by_comment:
        return 'Add an allow comment to its line (' + '; '.join([
            f'{cut_short(paths, 2)}: "{comment}"' for comment, paths in by_comment.items()
        ] + ([no_comment] if none else [])) + '), or '
    return 'Add an allow comment (' + '; '.join([
        f'{cut_short(paths, 2)}: "{comment}" {where(comment)}'
        for comment, paths in by_comment.items()
    ] + ([no_comment] if none else [])) + '), or '


def configure(
        args: argparse.Namespace, where: str = '.', prefix: str | None = None,
        settings: Config | None = None,
) -> None:
    """The repository's settings for this run, on ``args``: its config file
    (``args.config``; ``settings`` when the caller read it elsewhere), the
    baseline to use (``args.baseline``, read now so a bad one is exit 2
    before any scan) and what the run leaves out (``args.exclusions``).
    ``where``: a folder of the repository scanned; ``prefix``: where
    reported paths sit in it ('' for root-relative).

    A repository with no work tree (a bare mirror) has its config in its
    default branch (``HEAD``), as committed."""
    from together_hooks import config
    from together_hooks.filters import Exclusions
    from together_hooks.gitdir import worktree_root

    found = worktree_root(where)
    root = found or where
    args.repo_root = root
    args.paths_from = where  # reported paths are named from here
    if settings is None and found is None and os.path.isdir(os.path.join(where, 'objects')):
        # Shaped like a git folder (a plain folder starts no git).
        from together_hooks.gitrun import git_dir_without_work_tree

        if git_dir_without_work_tree(where) is not None:
            settings = committed_config(where, 'HEAD')
    args.config = settings if settings is not None else config.load(root)
    args.baseline, args.baseline_source = baseline_location(
        root, getattr(args, 'baseline', None), args.config,
    )
    args.known = load_baseline(args)
    if prefix is None:
        from together_hooks.sources.files import repo_prefix

        prefix = repo_prefix(where)
    args.exclusions = Exclusions(args.config, args.known, prefix)


def committed_config(root: str, commit: str) -> Config:
    """The config file as ``commit`` has it (EMPTY when there is no such
    commit: an empty repository)."""
    from together_hooks import config
    from together_hooks.gitrun import files_at
    from together_hooks.gitrun import git_output

    if git_output(root, 'rev-parse', '--verify', '--quiet', f'{commit}^{{commit}}') is None:
        return config.EMPTY
    from together_hooks.fileio import MAX_CONFIG_FILE

    return config.load_from(files_at(root, commit, config.FILES, MAX_CONFIG_FILE))


def narrow_to_base(args: argparse.Namespace, base: str) -> None:
    """A range (``scan --diff BASE...HEAD``, the CI gate) is judged by the
    checkout's config, which the range itself may change: a pull request
    adding ``exclude``/``allow`` (in ``.together-hooks.toml`` or, where no
    one reviews it for this, in ``pyproject.toml``) or naming another
    baseline beside its key silenced it.  Where the config ``base`` holds
    differs, what the checkout's excludes or allows counts only where
    ``base``'s does the same (``config.Narrowed``), and the baseline is the
    one ``base``'s config names (its entries as checked out: the file a
    reviewer owns); one note says so.  A ``--baseline`` flag is the
    caller's and stays.  A ``base`` that names no commit is left to the
    range's own check (one line, exit 2); one whose config cannot be read
    excuses nothing (the range that mends it is not refused for it)."""
    from together_hooks import config
    from together_hooks.filters import Exclusions
    from together_hooks.sources.ranges import resolve_commit

    args.range_base = base  # what judges the range: its reports name it (``_committed_where``)
    root = args.repo_root
    try:
        sha = resolve_commit(root, base, '--diff BASE', getattr(args, 'revisions', None))
    except InputError:
        return
    from together_hooks.fileio import MAX_CONFIG_FILE
    from together_hooks.gitrun import files_at

    unread = ''
    try:  # ``sha`` is a commit: read as ``committed_config`` reads one
        based = config.load_from(files_at(root, sha, config.FILES, MAX_CONFIG_FILE))
    except InputError as e:
        # A base whose config is broken excuses nothing: a range that
        # mends it is judged by the rules alone, never refused for it.
        based, unread = config.EMPTY, f"{base}'s cannot be read, so excuses nothing: {e}"
    own = args.config
    if (own.exclude, own.allow, own.baseline) == (based.exclude, based.allow, based.baseline):
        return
    args.config = config.Narrowed(based, own)
    if getattr(args, 'baseline_source', None) != 'flag':
        path, why = baseline_location(root, None, based)
        if path is not None and not os.path.lexists(path):
            path, why = None, 'none'  # named by the base, gone from the checkout
        if path != args.baseline:
            args.baseline, args.baseline_source = path, why
            try:
                args.known = load_baseline(args)
            except InputError as e:
                # As a broken config: the range that mends it is not refused.
                args.baseline, args.baseline_source, args.known = None, 'none', None
                unread = f"{unread or f'{base} has {based.source}'}; the baseline it names cannot be " \
                    f'read, so excuses nothing: {e}'
    args.exclusions = Exclusions(args.config, args.known, args.exclusions.prefix)
    had = unread or f'{base} has {based.source or "none"}'
    print(
        f'together-hooks: note: this range changes the config file ({own.source or "none"}; '
        f'{had}): its keys are excused only by what '
        f"{base}'s config also excludes or allows, and by the baseline {base}'s config "
        'names (a range cannot excuse its own keys; get a config change onto the base first)',
        file=sys.stderr,
    )


def baseline_step(
        findings: list[Finding], known: Baseline, summary: Summary,
        args: argparse.Namespace, held: Iterable[str] = (),
) -> tuple[list[Finding], list[Finding]]:
    """Drop baselined findings; (the rest, those audited as real keys).
    ``held``: the hashes of the developer's own keys, which no baseline
    entry excuses."""
    # Reported paths are relative to the current folder, the repository
    # root, or the one folder scanned (together-hooks scan DIR).
    bases = ['.']
    bases += [p for p in getattr(args, 'paths', None) or () if os.path.isdir(p)]
    kept, confirmed, dropped = apply_baseline(findings, known, bases, frozenset(held))
    summary.baselined += dropped
    return kept, confirmed


def report_skipped(summary: Summary, code: int) -> int:
    """One line on stderr per file not scanned; a file that could not be
    read fails the run closed (exit 2), after the findings are shown."""
    from together_hooks.report import shown_path

    fatal = False
    for path, why, is_fatal in sorted(summary.skipped):
        shown = f'{shown_path(path)}: {why}'
        if is_fatal:
            fatal = True
            shown = f'error: {shown}; the other files were scanned'
        print(f'{summary.tool}: {shown}', file=sys.stderr)
    return EXIT_ERROR if fatal else code


def distinct(findings: list[Finding]) -> list[Finding]:
    """Each key at each place once.  A source may give one content twice:
    the hook scans a staged file and, where it cannot tell them the same
    (a file larger than a window is not hashed), its staged blob too."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for f in findings:
        place = (f.path, f.line, f.column, f.rule, f.secret, f.encoding, f.commit, f.tag)
        if place not in seen:
            seen.add(place)
            kept.append(f)
    return kept


def run(
        contents: Iterable[Content], args: argparse.Namespace,
        scanner: Scanner | None = None,
) -> int:
    """Scan, filter, report; the exit code every entry point returns.

    ``scanner``: the one a source already scans with (history discovery);
    else one is made for this run.
    """
    where = verify_endpoint(args)
    if not hasattr(args, 'exclusions'):
        configure(args)  # before scanning: a bad config or baseline is exit 2
    known = args.known
    summary = Summary()
    summary.repo_prefix = getattr(args, 'repo_prefix', '')
    summary.walked = getattr(args, 'walked', None)
    summary.refused = list(getattr(args, 'refused_lines', ()))
    audit = audit_log.Session.start(args)  # None unless --audit-log / env
    if audit is not None:
        contents = audit.watch(contents)
    if scanner is None:
        # (the hook's own keys read as its first stage reads them: ``load_own_keys``)
        scanner = Scanner.for_run(
            exclusions=args.exclusions, walk=getattr(args, 'walk_for_env_files', False),
        )
    if scanner.own_keys:
        learn(scanner.own_keys.keys)
    findings = distinct(scan_contents(contents, summary, scanner))  # learnt: never shown
    findings.sort(key=lambda f: (f.path, f.line, f.column))
    had = getattr(args, 'had', None)  # keys a remote already holds there (a merge's, ``hooks``)
    if had is not None and findings:
        brought = [f for f in findings if not had(f)]
        had.say(len(findings) - len(brought))
        findings = brought
    confirmed: list[Finding] = []
    held = scanner.own_keys.held() if scanner.own_keys else {}
    if known is not None and findings:
        findings, confirmed = baseline_step(findings, known, summary, args, held)
    findings = verify_step(findings, args, where)
    kept = getattr(args, 'kept_findings', None)
    if kept is not None:  # the caller's to act on (pre-receive: which check found)
        kept.extend(findings)
    if findings:
        # Made only if the report shows it: for keys in commits git is asked
        # which commit to rewrite (``take_out_step``).
        summary.next_step = lambda: next_step(args, findings, confirmed, held)
        summary.cd = to_paths(args)
        summary.paths_from = getattr(args, 'paths_from', '.')
        summary.unpushed = bool(getattr(args, 'unpushed', False))
    emit(findings, summary, args)
    if confirmed:
        # Beside a report on stdout (any format but text, ``--output -``
        # too) only on stderr: the report alone there, so it parses.
        stream = sys.stdout if args.format == 'text' or _to_file(args) else sys.stderr
        for finding in confirmed:
            print(confirmed_message(finding, args.baseline), file=stream)
    code = EXIT_FINDINGS if findings else EXIT_CLEAN
    code = report_skipped(summary, code)
    if code == EXIT_CLEAN and getattr(args, 'clean_summary', False):
        # Last, after any file skipped; hooks stay silent when clean, as
        # pre-commit users expect.
        from together_hooks.report import clean_line
        from together_hooks.report import write_painted

        write_painted(clean_line(summary) + '\n', sys.stderr)
    if audit is not None:  # after the report: a broken log never hides findings
        # ``audit_floor``: a refusal the caller made beside this scan
        # (pre-receive's env files), so the line says how the run ended.
        floor = getattr(args, 'audit_floor', EXIT_CLEAN)
        code = audit.finish(code if code != EXIT_CLEAN else floor, findings, summary)
    return code
