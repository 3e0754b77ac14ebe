"""``together-hooks scan``: a repository, folders, files, or what is staged."""
from __future__ import annotations

import os
import sys

from together_hooks import audit_log
from together_hooks import gitrun
from together_hooks import pipeline
from together_hooks.errors import InputError
from together_hooks.messages import doc_url
from together_hooks.rules import ROTATE_URL
from together_hooks.sources import files
from together_hooks.sources.content import Walked

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Iterator

    from together_hooks.sources.content import Content

HELP = 'scan a repository, folders or files for Together API keys'
EPILOG = f"""\
examples:
  together-hooks scan                   this repository's tracked and not-ignored files
  together-hooks scan src config.yaml   these folders and files
  kubectl logs POD | together-hooks scan -
                                        standard input
  together-hooks scan --staged          what the next commit holds
  together-hooks scan --diff origin/main...HEAD
                                        every commit a pull request brings (CI)
  together-hooks scan --history         every commit of every branch and tag
  together-hooks scan --format sarif --output keys.sarif
  together-hooks scan --diff origin/main...HEAD --sarif-out keys.sarif
                                        the text report, and SARIF for code scanning

Paths to leave out: `exclude` in the config file ({doc_url("configuration.md")}).

exit codes: 0 no key found (or each one allowed or in the baseline),
  1 keys found (--env-reuse: a key shared by stages), 2 usage or input error
  (one line on stderr)"""

# The arguments' defaults, and the options ``hookargs`` reads without
# argparse (``cli.main``: ``scan --staged`` runs on every commit in some
# setups, and argparse with its gettext and locale is a large share of it).
DEFAULTS = {
    'paths': [], 'staged': False, 'diff': None, 'history': False, 'since': None, 'commits': None,
    'ref_name': [], 'env_reuse': False, 'sarif_out': None, **pipeline.DEFAULTS, **audit_log.defaults('together-hooks scan'),
}
QUICK_OPTIONS = {
    '--staged': bool, '--diff': str, '--history': bool, '--since': str, '--ref-name': list,
    '--env-reuse': bool, '--sarif-out': str,
    **pipeline.QUICK_OPTIONS, **audit_log.QUICK_OPTIONS,
}


# One line: the options are listed by group below the examples.
USAGE = '%(prog)s [PATH ...] [options]'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_argument_group('what to scan (default: this repository)')
    what.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='files or folders (default: the current repository; a folder '
             'outside git is walked); - alone: standard input',
    )
    what.add_argument(
        '--staged', action='store_true',
        help='scan exactly what the next commit will contain (the git index)',
    )
    what.add_argument(
        '--diff', metavar='BASE...HEAD',
        help='scan every commit a pull request brings, one by one: '
             'BASE...HEAD or BASE..HEAD (the commits of HEAD that BASE '
             'lacks; a bare BASE means BASE...HEAD); a key a later commit '
             'removes still counts, reported at the commit that added it',
    )
    what.add_argument(
        '--history', action='store_true',
        help='scan every commit reachable from any ref: each key ever added, '
             'once per key and path, with the commit that first added it',
    )
    what.add_argument(
        '--commits', metavar='REV',
        help='scan the commits of REV (also one on no branch, as a pre-push '
             'hook is given it), each key once, as --diff does; with --since, '
             'only those not reachable from it',
    )
    what.add_argument(
        '--since', metavar='REV',
        help='with --history or --commits: only commits not reachable from '
             'REV (with --commits, also a set of refs, several separated by '
             'spaces: --since="--exclude=origin/main --remotes=origin")',
    )
    what.add_argument(
        '--ref-name', metavar='NAME', action='append', default=[],
        help='with --diff or --commits in a pre-push hook: a name the push '
             "gives a ref on the remote (git's <remote ref> on the hook's "
             'stdin), scanned as a ref name; repeat it for several',
    )
    what.add_argument(
        '--env-reuse', action='store_true',
        help='instead of scanning: report env files of different stages '
             '(.env.development, .env.production, ...) that hold the same '
             'Together key, by file names only; exit 1 when any do',
    )
    pipeline.add_options(parser, sarif_out=True)


def _toplevel(args: argparse.Namespace) -> str | None:
    """The work tree holding the current folder, asked of git once a run
    (the scan root and the source both want it)."""
    if not hasattr(args, 'toplevel'):
        args.toplevel = gitrun.work_tree_top('.')  # no git process in a plain work tree
    return args.toplevel


def contents(
        args: argparse.Namespace, scanner: pipeline.Scanner | None = None,
) -> Iterator[Content]:
    """Where the content comes from, by the options given."""
    if args.since and not (args.history or args.commits is not None):
        raise InputError('--since needs --history or --commits')
    if args.ref_name and not (args.diff is not None or args.commits is not None):
        raise InputError('--ref-name needs --diff or --commits (the range the push sends)')
    if args.diff is not None or args.history or args.commits is not None:
        return commits(args, scanner)
    if args.staged:
        if args.paths:
            raise InputError(
                '--staged takes no PATH: it reads the index of the repository it '
                'runs in (cd path/to/your-repo && together-hooks scan --staged)',
            )
        root = _toplevel(args)
        if root is None:
            raise gitrun.no_repository('--staged needs a git repository (run it inside one)')
        from together_hooks.sources.index import staged

        return staged(root)
    if not args.paths:
        root = _toplevel(args)
        if root is None and gitrun.git_may_claim('.') and not gitrun.git_installed():
            # A repository, maybe, but no git to say which files it tracks:
            # walking all of it would report ignored local env files too.
            raise InputError(
                'git is not installed or not on PATH: cannot tell which files '
                'this repository tracks (name a folder to walk it whole without git)',
            )
        return files.from_tree(root or '.', names=True)
    if '-' in args.paths:
        if args.paths != ['-']:
            raise InputError(
                '-: standard input is scanned alone; give no other PATH '
                '(a file named -: ./-)',
            )
        from together_hooks.sources.stdin import piped

        args.repo_prefix = files.repo_prefix('.')
        return [piped()]
    if len(args.paths) == 1 and os.path.isdir(args.paths[0]):
        # One folder: it is the scan root; paths are shown relative to it.
        args.repo_prefix = files.repo_prefix(args.paths[0])
        return files.from_tree(args.paths[0], names=True)
    args.repo_prefix = files.repo_prefix('.')
    for path in args.paths:
        files.lstat_given(path)
    return list(files.from_paths(args.paths, names=True))


def commits(
        args: argparse.Namespace, scanner: pipeline.Scanner | None = None,
) -> Iterator[Content]:
    """``--diff`` and ``--history``: files as commits have them."""
    given = [m for m, on in (
        ('--diff', args.diff is not None), ('--history', args.history),
        ('--commits', args.commits is not None),
    ) if on]
    if len(given) > 1:
        raise InputError(f'{" and ".join(given)} do not go together')
    mode = given[0]
    if args.paths or args.staged:
        raise InputError(
            f'{mode} takes no PATH and no --staged: it reads the repository it '
            f'runs in (cd path/to/your-repo && together-hooks scan {mode}'
            + (' ...)' if mode != '--history' else ')'),
        )
    # History and ranges need no work tree: a bare mirror works too.
    root = _toplevel(args) or gitrun.git_dir_without_work_tree('.')
    if root is None:
        raise gitrun.no_repository(f'{mode} needs a git repository (run it inside one)')
    scanner = scanner or pipeline.Scanner.for_run()
    scan = scanner.scan_one
    walked = args.walked = Walked()  # the clean run's summary says what was read
    if args.history:
        import itertools

        from together_hooks.sources.commits import history_extras
        from together_hooks.sources.commits import message_keys
        from together_hooks.sources.history import scan_history

        # The commits' messages and headers are screened with the test
        # the own keys make (``blob_test``: none when there are any), so it
        # is made once they are read, below; the work reading them asks
        # for it only then (a blob-scan process, once the scan iterates).
        messages_worth = None
        found = scan_history(
            root, scan, args.since, progress=sys.stderr.isatty(),
            worth=scanner.blob_test, matters=scanner.path_matters, names=True,
            walked=walked, prepare=scanner.prepare,
            # The commit messages are read by whichever process of the
            # blob scan is done with its blobs first.
            beside=lambda commits: message_keys(root, commits, scan, messages_worth),
        )
        try:
            if getattr(args, 'own_keys_later', False):
                # Read while git lists (the listing, the commits, the tree
                # diffs: discovery waits for the first two), before any blob
                # is scanned: they apply to the whole history.
                scanner.own_keys = pipeline.load_own_keys()
                if scanner.own_keys:  # as ``pipeline.run`` does with a scanner that has them
                    from together_hooks.detect.scrub import learn

                    learn(scanner.own_keys.keys)
            messages_worth = scanner.blob_test(0)
        except BaseException:
            found.close()
            raise
        # Messages, tag messages, ref and path names are content too (the
        # path names from the walk the blob scan attributes keys with).
        return itertools.chain(found, history_extras(
            root, args.since, scan, log=found.log, worth=messages_worth,
            commits=found.commits, walked=walked, messages=found.beside,
        ))
    import itertools

    from together_hooks.sources import ranges
    from together_hooks.sources.commits import added_by_commits
    from together_hooks.sources.commits import notes_on
    from together_hooks.sources.commits import Remotes
    from together_hooks.sources.commits import remote_words
    from together_hooks.sources.commits import runs_under_a_push
    from together_hooks.sources.commits import tags_on_the_way
    from together_hooks.sources.commits import under_a_push

    remotes = Remotes(root)  # read once a run, where a push asks (never unasked)
    # Every name the range needs, asked of git in one batch (``run`` may
    # have asked them already, for the config that judges the range).
    revisions = getattr(args, 'revisions', None)
    if revisions is None or os.path.realpath(revisions.root) != os.path.realpath(root):
        revisions = ranges.Revisions(root)
    revisions.ask(_names_asked(args))
    if args.commits is not None:
        # What a push sends: REV's commits a set of refs lacks (none, into
        # an empty repository), a commit on no local ref too.
        # --since may name several, space-separated (no ref name holds a
        # space): ``--exclude=origin/main --remotes=origin``.
        # A word that is no ref set is one commit (a range, ``^!`` or ``^X``
        # would turn git's ``--not`` round and leave nothing to scan).
        # ``--remotes=<name>`` of a configured remote (the plain pre-push
        # hook's ``--since=--remotes=$1``) is that remote's own tracking
        # refs, or none where it pushes elsewhere (``remote_refs``).
        exclude = remote_words(root, [
            word if word.startswith('-') else revisions.commit(word, '--since')
            for word in (args.since.split() if args.since else [])
        ], remotes)
        if ranges.names_no_commit(root, args.commits, revisions):
            # A tag of a tree or blob (``git push origin <tree>:refs/tags/t``,
            # as a pre-push hook is given it): the objects it names that
            # the refs of --since lack, and its tags' messages.
            from together_hooks.sources.commits import beside_commits

            return itertools.chain(
                beside_commits(root, [args.commits], exclude, scan),
                tags_on_the_way(root, args.commits, scan, revisions),
                under_a_push(root, [], [], scan, args.ref_name, remotes),
            )
        head_sha = revisions.commit(args.commits, '--commits')
        return itertools.chain(
            added_by_commits(root, [head_sha], exclude, scan, '--commits', walked=walked,
                             sent=_pushing(args), remotes=remotes),
            tags_on_the_way(root, args.commits, scan, revisions),
            under_a_push(root, [head_sha], exclude, scan, args.ref_name, remotes),
        )
    base, head, since_fork = ranges.parse_range(args.diff)
    if base == head == 'HEAD' and ranges.unborn_head(root, revisions) and runs_under_a_push():
        # HEAD...HEAD where no commit is yet, under a ``git push`` (a plain
        # pre-push hook's push that only deletes, from a fresh clone): the
        # range is empty, and what the push sends beside commits (its
        # options) is scanned.  Elsewhere it stays an error (exit 2).
        return under_a_push(root, [], [], scan, args.ref_name, remotes)
    # Validates both ends (and, with three dots, that they share history:
    # not for a push, which sends HEAD's commits BASE lacks whatever they
    # share, each cut of a shallow clone read whole: ``_pushing``).
    pushing = _pushing(args)
    ranges.range_start(root, base, head, since_fork and not pushing, revisions=revisions)
    base_sha = revisions.commit(base, '--diff BASE')
    head_sha = revisions.commit(head, '--diff HEAD')
    return itertools.chain(
        added_by_commits(root, [head_sha], [base_sha], scan, walked=walked, sent=pushing,
                         remotes=remotes),
        tags_on_the_way(root, head, scan, revisions),  # HEAD an annotated tag: its message too
        # Notes on the range's commits travel with a push of refs/notes/*
        # (a CI job's --diff; under a git push, the refs it sends decide).
        () if runs_under_a_push() else notes_on(root, [head_sha], [base_sha], scan),
        # Run by a pre-push hook: push options and submodules' commits go too.
        under_a_push(root, [head_sha], [base_sha], scan, args.ref_name, remotes),
    )


def _names_asked(args: argparse.Namespace) -> list[str]:
    """The names a range's scan resolves (``ranges.Revisions``): each end
    as a commit, the head as itself (a tag on the way) and, for
    ``--commits``, as what it peels to (a tree or blob tagged)."""
    from together_hooks.sources.ranges import parse_range

    if args.commits is not None:
        since = [w for w in (args.since.split() if args.since else []) if not w.startswith('-')]
        return [*(f'{w}^{{commit}}' for w in since),
                f'{args.commits}^{{}}', f'{args.commits}^{{commit}}', args.commits]
    base, head, _since_fork = parse_range(args.diff)
    return [f'{base}^{{commit}}', f'{head}^{{commit}}', head]


def _pushing(args: argparse.Namespace) -> bool:
    """Whether the range is what a push from this clone sends: a plain
    pre-push hook names the remote's refs (``--ref-name``), or an older
    one, naming none, runs under a ``git push`` (``/proc``).  A shallow
    cut then hides nothing git can send (``sources.commits.range_commits``),
    and ``--diff R...L`` needs no shared history: the commits of ``L`` that
    ``R`` lacks are all a push can send (a cut whose two sides share no
    commit in the clone, a force-push of an unrelated history).  A CI
    job's range was pushed from elsewhere: a cut through it is refused."""
    from together_hooks.sources.commits import runs_under_a_push

    return bool(args.ref_name) or runs_under_a_push()


def env_reuse(args: argparse.Namespace) -> int:
    """Stages must not share a key: one leaked dev key must not open prod."""
    from together_hooks.env.stages import shared_keys_across_stages

    if len(args.paths) == 1 and not os.path.isdir(args.paths[0]):
        files.lstat_given(args.paths[0])  # '' or a missing folder: said as such
    if (args.staged or getattr(args, 'history', False)
            or getattr(args, 'diff', None) is not None or len(args.paths) > 1
            or (args.paths and not os.path.isdir(args.paths[0]))
            or args.sarif_out is not None):
        raise InputError(
            '--env-reuse takes at most one folder (no --staged, --diff, --history '
            'or --sarif-out)',
        )
    root = args.paths[0] if args.paths else (_toplevel(args) or '.')
    from together_hooks import config

    unread: list[str] = []
    pairs = shared_keys_across_stages(root, config.load(gitrun.worktree_root(root) or root), unread)
    if args.format == 'json':
        import json

        print(json.dumps({'env_reuse': [list(p) for p in pairs]}, indent=2))
    else:
        for a, b in pairs:
            print(
                f'{a} and {b} hold the same Together key: give each stage its '
                f'own key ({ROTATE_URL})',
            )
        if pairs or not unread:  # "none shared" is never said of files not read
            print(
                f'together-hooks: {len(pairs)} pair(s) of env files share a key '
                f'across stages' if pairs else
                'together-hooks: no Together key is shared across stages',
            )
    if unread:  # after the pairs it found: a file not read fails the check
        from together_hooks.env.stages import unread_error

        raise unread_error(unread)
    return 1 if pairs else 0


def scan_root(args: argparse.Namespace) -> tuple[str, str]:
    """(a folder of the repository scanned, where reported paths sit in it):
    whose config file and baseline apply, and how to match its patterns."""
    if (args.diff is not None or args.history or args.commits is not None or args.staged
            or not args.paths):
        return _toplevel(args) or '.', ''
    if len(args.paths) == 1 and os.path.isdir(args.paths[0]):
        return args.paths[0], files.repo_prefix(args.paths[0])
    return '.', files.repo_prefix('.')


def _note_misnamed_config(root: str) -> None:
    """A config written under a name nothing reads leaves its settings
    unused: said before the run, on stderr (the exit code is the scan's)."""
    from together_hooks import config

    for name in config.misnamed(root):
        print(f'together-hooks: note: {config.misnamed_line(name)}', file=sys.stderr)
    # (and another scanner's allowlist, which a team moving over expects
    # honoured: gitleaks' ``.gitleaksignore``)
    for name in config.foreign_allowlists(root):
        print(f'together-hooks: note: {config.foreign_allowlist_line(name)}', file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if args.env_reuse:
        return env_reuse(args)
    pipeline.configure(args, *scan_root(args))
    if args.diff is not None and not (args.history or args.commits is not None
                                      or args.paths or args.staged):
        from together_hooks.sources.ranges import parse_range
        from together_hooks.sources.ranges import Revisions

        # The range may change the config that judges it: the base's counts
        # too.  Its names are asked of git once, for that and the range.
        if args.repo_root:
            args.revisions = Revisions(args.repo_root)
            args.revisions.ask(_names_asked(args))
        pipeline.narrow_to_base(args, parse_range(args.diff)[0])
    args.clean_summary = True  # a clean run says what it did, on stderr
    from together_hooks.env.hints import in_ci

    args.pushed = in_ci()  # the CI gate: the commits it checks are pushed already
    _note_misnamed_config(args.repo_root)
    # History discovery and ranges scan as they list: they get the run's scanner.
    scanner = (
        pipeline.Scanner.for_run(exclusions=args.exclusions)
        if args.diff is not None or args.commits is not None else None
    )
    if args.history:
        # Its own keys are read once git lists the history (``commits``).
        scanner = pipeline.Scanner(exclusions=args.exclusions)
        args.own_keys_later = True
    return pipeline.run(contents(args, scanner), args, scanner)
