"""``together-hooks scan-org``: the history of every repository of an organisation.

    together-hooks scan-org --repos FILE | --github-org ORG --store audit.sqlite
    together-hooks scan-org report --store audit.sqlite --format text|json|sarif
    together-hooks scan-org merge --store all.sqlite shard-0.sqlite shard-1.sqlite
"""
from __future__ import annotations

import argparse
import os
import sys

from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR
from together_hooks.errors import EXIT_FINDINGS
from together_hooks.errors import InputError

HELP = 'audit the history of every repository of an organisation (resumable; local or Dask)'
EPILOG = """\
examples:
  together-hooks scan-org --repos repos.txt --store audit.sqlite
  together-hooks scan-org --github-org ORG --store audit.sqlite
  together-hooks scan-org report --store audit.sqlite --format json

exit codes: 0 no key found, 1 keys found, 2 usage or input error (one line
  on stderr), or a repository (or part of the listing) not scanned: each is
  in the report, and on stderr by cause (the first 3 and how many more);
  the audit never reads as clean"""
# The codes of ``report`` (a store's repositories not scanned exit 2 there
# too) and of ``merge`` (no findings are judged: it only combines stores).
REPORT_EXIT_CODES = 'exit codes:' + EPILOG.split('exit codes:', 1)[1]
MERGE_EXIT_CODES = 'exit codes: 0 merged, 2 usage or input error (one line on stderr)'


# One line: the options are listed by group below the examples.
USAGE = '%(prog)s (--repos FILE | --github-org ORG) --store FILE [options]\n' \
    '       %(prog)s report|merge --store FILE ...'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from together_hooks.org.inputs import DEFAULT_API

    what = parser.add_argument_group('which repositories')
    source = what.add_mutually_exclusive_group()
    source.add_argument(
        '--repos', metavar='FILE',
        help='one clone URL or local path a line; several on one line are '
             'one fork network (parent first)',
    )
    source.add_argument(
        '--github-org', metavar='ORG',
        help='every repository of ORG, listed by the GitHub API; the token '
             'is read from TOGETHER_HOOKS_GITHUB_TOKEN or GITHUB_TOKEN only',
    )
    what.add_argument(
        '--github-api-url', metavar='URL', default=DEFAULT_API,
        help='the API root of GitHub Enterprise Server (https://HOST/api/v3; '
             'default: %(default)s)',
    )
    what.add_argument(
        '--include-forks', action='store_true',
        help="scan each repository's forks with it, in one object store: each "
             'shared blob once, findings attributed to every fork that holds them',
    )
    what.add_argument(
        '--include-wikis', action='store_true',
        help="scan each repository's wiki too (GitHub keeps it in a git "
             'repository of its own, NAME.wiki.git)',
    )
    what.add_argument(
        '--trust-listing', action='store_true',
        help="accept GitHub's listing as complete when the token may not see "
             "the organisation's private repository count (a member's token: "
             'GitHub shows it to owners only), and fork networks shorter than '
             'their forks_count (forks the token cannot read); the run says so.  '
             'Without it such a run exits 2 after scanning what was listed',
    )
    what.add_argument(
        '--skip-archived', action='store_true',
        help='leave archived repositories out (they are scanned by default)',
    )
    store = parser.add_argument_group('the store and the mirrors')
    _store_option(store)
    store.add_argument(
        '--cache-dir', metavar='DIR',
        help='where mirror clones are kept between runs (default: '
             '$XDG_CACHE_HOME/together-hooks/mirrors); with --scheduler, a '
             'path on each worker',
    )
    store.add_argument(
        '--drop-mirrors', action='store_true',
        help='remove each mirror once its repository is scanned: the cache '
             'holds at most the mirrors in flight (a rerun clones again)',
    )
    running = parser.add_argument_group('running (local workers or a Dask cluster)')
    where = running.add_mutually_exclusive_group()
    where.add_argument(
        '--workers', metavar='N', type=_positive_int,
        help='repositories scanned at once on this machine (default: the core count)',
    )
    where.add_argument(
        '--scheduler', metavar='ADDRESS',
        help='run the tasks on the Dask cluster at tcp://HOST:8786 or tls://HOST:8786 '
             "(pip install 'together-hooks[cluster]')",
    )
    running.add_argument(
        '--shard', metavar='I/N',
        help='only the repositories whose URL hashes to shard I of N (0 <= I < N)',
    )
    running.add_argument(
        '--timeout', metavar='SECONDS', type=_positive_float, default=3600.0,
        help='give up on one repository after this long (default: 3600)',
    )
    running.add_argument(
        '--worker-wait', metavar='SECONDS', type=_positive_float,
        help='with --scheduler: end the run when the cluster has had no worker '
             '(or no scheduler) for this long, every repository left not scanned '
             '(default: --timeout)',
    )
    running.add_argument(
        '--retries', metavar='N', type=int, default=2,
        help='hand a repository out again this many times when its worker is lost (default: 2)',
    )
    running.add_argument(
        '--retry-pause', metavar='SECONDS', type=_positive_float, default=2.0,
        help='wait before trying a clone or fetch that failed on the way again; '
             'the second retry waits twice as long (default: 2)',
    )
    running.add_argument(
        '--max-in-flight', metavar='N', type=_positive_int,
        help='tasks handed out at once, each holding a mirror on disk '
             '(default: twice the workers)',
    )
    report = parser.add_argument_group('the report')
    report.add_argument(
        '--verify', action='store_true',
        help='check each key found, once, with GET /v1/models at api.together.xyz '
             '(from the worker; statuses kept in the store)',
    )
    report.add_argument(
        '--verify-timeout', metavar='SECONDS', type=_verify_timeout, default=5.0,
        help='timeout of each --verify request (default: 5)',
    )
    _format_option(report)
    # prog given: argparse would build it from USAGE ('scan-org (--repos ...) report').
    sub = parser.add_subparsers(dest='org_action', metavar='ACTION', prog=parser.prog)
    # An action's own copy of an option given before the action must not
    # reset it to the default: the copies have none.
    report = sub.add_parser('report', help='print the findings of a store',
                            description='print the findings a store holds, '
                            'again and in any format, without scanning',
                            epilog=REPORT_EXIT_CODES)
    _store_option(report, default=argparse.SUPPRESS)
    _format_option(report, default=argparse.SUPPRESS)
    merge = sub.add_parser('merge', help='combine stores (shards) into one',
                           description='combine the stores of runs split in '
                           'shards into the one --store names',
                           epilog=MERGE_EXIT_CODES)
    _store_option(merge, 'the store to write (created if missing)', default=argparse.SUPPRESS)
    merge.add_argument('inputs', nargs='+', metavar='STORE', help='stores to add')


def _store_option(
        parser: argparse._ActionsContainer, text: str = 'the sqlite audit store',
        default: object = None,
) -> None:
    parser.add_argument('--store', metavar='FILE', help=text, default=default)


def _format_option(parser: argparse._ActionsContainer, default: object = 'text') -> None:
    from together_hooks.org.report import FORMATS

    parser.add_argument('--format', choices=FORMATS, default=default,
                        help='report format (default: text)')


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f'{text!r}: expected a whole number of at least 1')
    return value


def _verify_timeout(text: str) -> float:
    from together_hooks.verify import timeout_arg  # the same bounds as scan --verify

    return timeout_arg(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float('inf'):
        raise argparse.ArgumentTypeError(f'{text!r}: expected a positive number of seconds')
    return value


def run(args: argparse.Namespace) -> int:
    if not args.store:
        raise InputError('scan-org needs --store FILE (the sqlite audit store)')
    if args.org_action == 'report':
        return report(args)
    if args.org_action == 'merge':
        return merge(args)
    return scan(args)


def report(args: argparse.Namespace) -> int:
    from together_hooks.org.store import Store

    store = Store(args.store, create=False)
    try:
        # a listing that missed some, a run that did not finish: no complete audit
        listings = store.listings() + store.unfinished()
        code = _emit(store, None, args.format, listings)
        for _where, why in listings:
            print(f'together-hooks: scan-org: not scanned: {why}', file=sys.stderr)
        return code
    finally:
        store.close()


def merge(args: argparse.Namespace) -> int:
    from together_hooks.org.store import Store

    for path in args.inputs:
        if os.path.exists(path) and os.path.exists(args.store) and os.path.samefile(
                path, args.store):
            raise InputError(f'{path}: is the store being written; name it once, as --store')
    sources = [Store(path, create=False) for path in args.inputs]
    target = Store(args.store)
    try:
        target.lock()
        for source in sources:
            target.merge_from(source)
        repos = len(target.repositories())
        found = len(target.findings())
    finally:
        target.close()
        for source in sources:
            source.close()
    print(f'together-hooks: scan-org: merged {len(sources)} store(s) into {args.store}: '
          f'{repos} repositories, {found} findings')
    return EXIT_CLEAN


def _say_unlisted(store, listed: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Findings the store keeps of repositories this run did not list (a
    repository deleted, renamed or taken off the list since): not this
    run's answer, but a key once pushed stays leaked, so they are said."""
    every = store.findings()
    if len(every) <= len(listed):
        return
    ours = {f['repo'] for f in listed}
    others = {f['repo'] for f in every} - ours
    count = sum(f['repo'] in others for f in every)
    if others:
        print(f'together-hooks: scan-org: note: the store also holds {count} finding(s) in '
              f'{len(others)} repositories this run did not list (deleted, renamed or taken off '
              'the list since; a key once pushed stays leaked): '
              '`together-hooks scan-org report --store STORE` lists them', file=sys.stderr)


# The repositories a line of failures names before "and K more"; the
# report (text, JSON, SARIF, markdown) lists every one.
SHOWN_FAILURES = 3


def failure_lines(failures: list[tuple[str, str]]) -> list[str]:
    """The repositories not scanned, one line per cause: a server that
    went away halfway fails every repository left with the same error,
    which said once per repository buried the one line that mattered
    (and a text report on the terminal said each again).  A cause names
    its repository (git's ``unable to access 'URL'``): that is read as
    ``<repository>`` to group, and a cause of one repository is said as
    it is.  A time the cause counts (curl's ``after 0 ms``, ``after 1
    ms``: how long a refused connection took) is no cause of its own."""
    import re

    from together_hooks.messages import cut_short

    groups: dict[str, list[tuple[str, str, str]]] = {}
    for url, error in failures:
        cause = error
        for form in (url, url.removeprefix('file://')):
            if form:
                cause = cause.replace(form.rstrip('/'), '<repository>')
        key = re.sub(r'\b\d+(?:\.\d+)? ?(?:ms|milliseconds|seconds)\b', '<time>', cause)
        groups.setdefault(key, []).append((url, error, cause))
    lines = []
    for group in groups.values():
        if len(group) == 1:
            lines.append(f'{group[0][0]}: not scanned: {group[0][1]}')
            continue
        urls = [url for url, _error, _cause in group]
        lines.append(
            f'{len(group)} repositories not scanned '
            f'({cut_short(urls, SHOWN_FAILURES)}): {group[0][2]}',
        )
    return lines


def _emit(  # type: ignore[no-untyped-def]
        store, repos: list[str] | None, fmt: str, listings: list[tuple[str, str]] = (),
) -> int:
    """The report; ``listings`` (where, why) each listing that may have
    missed repositories: a failure row of the report like a repository not
    scanned, so no format reads as a complete audit (said on stderr by
    the caller, last)."""
    from together_hooks.org.report import RENDER

    findings = store.findings(repos)
    failures = store.failures(repos)
    sys.stdout.write(RENDER[fmt](findings, failures + list(listings)))
    for line in failure_lines(failures):
        print(f'together-hooks: scan-org: {line}', file=sys.stderr)
    if repos is not None:
        _say_unlisted(store, findings)
    if failures or listings:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _targets(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from together_hooks.messages import cut_short
    from together_hooks.org import inputs

    if args.repos:
        return inputs.read_repos_file(args.repos), None, None, f'repos file {args.repos}', None
    if not args.github_org:
        raise InputError('scan-org needs --repos FILE or --github-org ORG')
    inputs.org_name(args.github_org)  # before any request carries it
    secret = inputs.token()
    client = inputs.GitHub(args.github_api_url, secret)
    if secret is None:
        print('together-hooks: scan-org: no GITHUB_TOKEN in the environment: '
              'public repositories only, at the unauthenticated rate limit', file=sys.stderr)
    scheme, host = inputs.clone_origin(client.api)
    token_host = host if secret and scheme == 'https' else None
    # The counts before and after the listing: a repository deleted while
    # it is read shifts GitHub's offset pages, and one never listed is
    # caught only by the count from before.
    before = inputs.org_counts(client, args.github_org)
    left_out: dict[str, int] = {}
    short_forks: list[str] = []
    unsettled: list[str] = []
    targets = inputs.github_targets(
        client, args.github_org, args.include_forks, not args.skip_archived, left_out,
        include_wikis=args.include_wikis, short_forks=short_forks, unsettled=unsettled,
    )
    after = inputs.org_counts(client, args.github_org)
    said = []  # not scanned by choice: said, so the audit's reach is plain
    if left_out.get('fork'):
        said.append(f'{left_out["fork"]} fork(s) of the organisation (--include-forks scans them)')
    if left_out.get('archived'):
        said.append(f'{left_out["archived"]} archived repositories (--skip-archived)')
    if left_out.get('wiki'):
        said.append(f'{left_out["wiki"]} wiki(s) (--include-wikis scans them)')
    if left_out.get('fork wiki'):
        said.append(f'the wikis of {left_out["fork wiki"]} fork(s) (only the wikis of '
                    "the organisation's own repositories are scanned)")
    if said:
        print(f'together-hooks: scan-org: left out {" and ".join(said)}', file=sys.stderr)
    org = args.github_org
    shortfall = inputs.listing_shortfall(org, before, after, left_out)
    if short_forks:  # forks_count: what GitHub counts, held against what it listed
        forks = (f'the GitHub API listed {cut_short(short_forks, 3, "; ")} (forks_count): '
                 'the others are not scanned (forks the token cannot read: --trust-listing '
                 'accepts that; or forks created or deleted while the listing was read: '
                 'run again)')
        if args.trust_listing:  # a fork the token cannot read: every run the same
            print(f'together-hooks: scan-org: note (--trust-listing): {forks}', file=sys.stderr)
        else:
            shortfall = f'{shortfall}; {forks}' if shortfall else forks
    if unsettled:  # the listing moved on every pass: one skipped may be unread
        moved = (f'the GitHub API listing {cut_short(unsettled, 3, "; ")} still changed after '
                 f'{inputs.MAX_PASSES} passes, so a repository it skipped is not scanned: '
                 'run again')
        shortfall = f'{shortfall}; {moved}' if shortfall else moved
    hidden = before['private'] is None or after['private'] is None
    if not shortfall and hidden and secret is not None:
        if args.trust_listing:
            print(f'together-hooks: scan-org: note: the listing of {org} is taken as complete '
                  f'(--trust-listing): the token cannot see how many private repositories it '
                  'has, so one the token cannot read would be neither listed nor scanned',
                  file=sys.stderr)
        else:
            shortfall = (
                f'the token cannot see how many private repositories {org} has (GET /orgs/{org} '
                'gives no owned_private_repos: GitHub shows it to owners, a token with '
                'admin:org), so the listing cannot be checked: a private repository the token '
                "cannot read is neither listed nor scanned; use an owner's token, or "
                '--trust-listing to accept the listing as complete')
    listing = (f'{client.api}/orgs/{org}', shortfall) if shortfall else None
    return targets, token_host, scheme, f'github org {org}', listing


def scan(args: argparse.Namespace) -> int:
    from together_hooks.org import coordinator
    from together_hooks.org import executors
    from together_hooks.org import inputs
    from together_hooks.org.store import Store

    if args.verify:
        from together_hooks.org import engine

        engine.verify_endpoint_check()  # a refused endpoint: exit 2 before any work
    shard = inputs.parse_shard(args.shard) if args.shard else None
    if args.retries < 0:
        raise InputError('--retries must be 0 or more')
    targets, token_host, scheme, source, listing = _targets(args)
    if shard is not None:
        targets = [t for t in targets if inputs.shard_of(t.key, shard[1]) == shard[0]]
    cache = args.cache_dir or os.path.join(
        os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'),
        'together-hooks', 'mirrors',
    )
    # The cluster first: a version mismatch fails before the store is touched.
    pool = executors.dask(args.scheduler) if args.scheduler else executors.local(args.workers)
    store = None
    try:
        store = Store(args.store)
        store.lock()
    except BaseException:
        if store is not None:  # refused by the lock: its database is not left open
            store.close()
        pool.close()
        raise
    options = coordinator.Options(
        os.path.abspath(cache), timeout=args.timeout, retries=args.retries,
        max_in_flight=args.max_in_flight or 0, verify=args.verify,
        verify_timeout=args.verify_timeout, token_host=token_host,
        progress=sys.stderr.isatty(), clone_scheme=scheme,
        # A shard's run is a run of its own: a finished shard does not
        # stand in for another one killed (Store.unfinished).
        source=source if shard is None else f'{source}, shard {shard[0]}/{shard[1]}',
        drop_mirrors=args.drop_mirrors, retry_pause=args.retry_pause,
        worker_wait=args.worker_wait,
    )
    try:
        store.note_listing(source, listing)  # for `scan-org report --store` too
        try:
            out = coordinator.run(targets, store, pool, options)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (a CI job cancelled): say how on
            print('together-hooks: scan-org: the store keeps every repository '
                  'finished; run the same command again to resume (only the '
                  'repositories not finished are scanned)', file=sys.stderr, flush=True)
            raise
        code = _emit(store, [u for t in targets for u in t.urls], args.format,
                     [listing] if listing else [])
    finally:
        pool.close()
        store.close()
    summary = (
        f'together-hooks: scan-org: run {out.run}{" (resumed)" if out.resumed else ""}: '
        f'{out.repositories} repositories ({out.scanned} scanned, {out.unchanged} '
        f'unchanged, {out.failed} failed), {out.blobs} distinct blobs scanned in '
        f'{out.stores} object store(s); store {args.store}'
    )
    print(summary, file=sys.stdout if args.format == 'text' else sys.stderr)
    if out.failed:  # what to do about the lines above, and that nothing is redone
        print(f'together-hooks: scan-org: {out.failed} repositories not scanned (named '
              'above with why, by cause); once that is fixed, run the same command '
              'again: it retries them, and rescans a finished repository only '
              'when its refs (or the rules) changed', file=sys.stderr)
    if listing:  # an audit of part of the organisation is no clean audit
        print(f'together-hooks: scan-org: not scanned: {listing[1]}', file=sys.stderr)
    return code
