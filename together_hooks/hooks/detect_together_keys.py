"""Hook ``detect-together-keys``: block files that hold a Together API key."""
from __future__ import annotations

import os

from together_hooks import audit_log
from together_hooks import hookargs
from together_hooks import pipeline
from together_hooks.gitdir import MESSAGE_FILES
from together_hooks.gitdir import worktree_root
from together_hooks.gitrun import git_toplevel
from together_hooks.messages import doc_url
from together_hooks.runtime import configure_process
from together_hooks.runtime import guard
from together_hooks.sources.files import from_paths
from together_hooks.sources.files import repo_prefix

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Iterable
    from typing import Sequence

    from together_hooks.filters import Exclusions
    from together_hooks.findings import Finding
    from together_hooks.sources.content import Content

PROG = 'detect-together-keys'
EPILOG = f"""\
examples (pre-commit passes the staged files):
  detect-together-keys app.py config/settings.yaml
  detect-together-keys --baseline config/.secrets.baseline app.py

Not a key? `# pragma: allowlist secret` (or `gitleaks:allow`) on its line,
or a baseline entry: `together-hooks baseline create app.py:3` (the
file:line reported; only that key). Paths to leave out:
`exclude` in the config file ({doc_url("configuration.md")}).

exit codes: 0 no key found, 1 keys found, 2 usage or input error (one line
  on stderr)"""


def hook_contents(
        filenames: Sequence[str], exclusions: Exclusions | None = None,
) -> tuple[Iterable[Content], pipeline.Scanner | None]:
    """What to scan: the given files, or in a push every commit it brings.

    pre-commit describes a push to pre-push hooks with
    ``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF`` (and ``run
    --from-ref/--to-ref``), or, for the first push of a branch, only with
    the remote's name: then each key any pushed commit adds counts, even
    one a later commit removes (``sources.commits.pushed``), and the scan
    comes with the scanner it ran.  Otherwise (pre-commit, manual) the
    files as given, and under git's commit (its pre-commit hook) the
    author and committer it will store (``_commit_idents``): without the
    commit-msg stage installed nothing else read them before the push.
    """
    message = _commit_message(filenames)
    if message is not None:
        if os.environ.get('PRE_COMMIT_COMMIT_MSG_SOURCE') and not _pre_commit_ran():
            message = [*message, *_sequenced()]
        return message, None
    filenames = _not_forbid_env_files(filenames)
    if os.environ.get('PRE_COMMIT_TO_REF') or os.environ.get('PRE_COMMIT_REMOTE_NAME'):
        root = git_toplevel('.')
        if root is not None:
            from together_hooks.sources.commits import pushed
            from together_hooks.sources.commits import Remotes
            from together_hooks.sources.commits import unpushed_files

            scanner = pipeline.Scanner.for_run(exclusions=exclusions, walk=True)
            remotes = Remotes(root)  # the push's, read once by both
            found = pushed(root, os.environ, filenames, scanner.scan_one, remotes)
            if found is not None:
                loose = unpushed_files(root, os.environ, filenames, remotes)
                if loose:  # push variables left behind: the files count too
                    import itertools

                    found = itertools.chain(found, _as_committed(loose))
                return found, scanner
    if os.environ.get('GIT_INDEX_FILE'):  # git's pre-commit hook: a commit is being made
        return [*_as_committed(filenames), *_commit_idents(), *_amended(filenames)], None
    return _as_committed(filenames), None


def _amended(filenames: Sequence[str]) -> Iterable[Content]:
    """Under ``git commit --amend`` (its arguments read from ``/proc``):
    what HEAD changed, which the amended commit stores on HEAD's parents
    and pre-commit does not pass (``sources.index.amended_changes``).
    Where the ``git commit`` cannot be seen, nothing more is read."""
    from together_hooks.sources.message import amending
    from together_hooks.sources.message import running_commit_argv

    root = worktree_root('.')
    if root is None or not amending(running_commit_argv()):
        return ()
    from together_hooks.env.hints import key_hook_takes
    from together_hooks.sources.index import amended_changes

    # A path the config keeps from this hook (``exclude:``) is left out,
    # as pre-commit leaves it out of every commit (where the config is read).
    return amended_changes(root, filenames, key_hook_takes(root))


def _commit_message(filenames: Sequence[str]) -> list[Content] | None:
    """Under git's ``commit-msg`` hook (pre-commit's ``commit-msg`` stage)
    the one file given is the message about to be committed: scanned as
    ``<commit message>``, up to the scissors line where git will cut it
    (``sources.message``: ``git commit -v`` shows the staged diff below
    it, which git drops and the pre-commit stage has checked; a ``-m``
    message keeps what follows one).  None for any other run: git sets
    ``GIT_INDEX_FILE`` for a commit's hooks only, and the file must be
    the one in the git folder, not a tracked file of that name."""
    if len(filenames) != 1 or not os.environ.get('GIT_INDEX_FILE'):
        return None
    name = os.path.basename(filenames[0])
    if name not in MESSAGE_FILES:
        return None
    from together_hooks.gitrun import git_probe

    where = git_probe('.', 'rev-parse', '--git-path', name)
    if not where or os.path.realpath(os.fsdecode(where.rstrip(b'\n'))) != os.path.realpath(filenames[0]):
        return None
    from together_hooks.fileio import read_file
    from together_hooks.findings import COMMIT_MESSAGE
    from together_hooks.sources.content import Content
    from together_hooks.sources.message import git_cut
    from together_hooks.sources.message import message_end
    from together_hooks.sources.message import running_commit_argv

    data = read_file(filenames[0]) or b''
    argv = running_commit_argv()
    end = message_end(data, *git_cut(argv))
    if argv is None and end == len(data):  # how git runs cannot be read
        from together_hooks.sources.message import verbose_block_start

        start = verbose_block_start(data)
        end = end if start is None else start
    return [Content(COMMIT_MESSAGE, data[:end] + _as_committed_encoding(data[:end])),
            *_commit_idents()]


def _pre_commit_ran() -> bool:
    """Whether git ran the pre-commit hook for the commit being made: the
    running ``git commit`` (``/proc``) was given no ``--no-verify`` (nor
    ``-n`` in a cluster of short options).  False for every other command
    that commits (the sequencer's own ``git commit -n`` included), and
    where it cannot be seen."""
    from together_hooks.sources.message import running_commit_argv

    if not _pre_commit_hook_installed():
        return False
    argv = running_commit_argv()
    if argv is None:
        return False
    for arg in argv:
        if arg == '--':
            break
        if arg.startswith('--no-v') or arg.startswith('-') and not arg.startswith('--') and 'n' in arg:
            return False
    return True


# pre-commit's hook script: its template's ID line, and the hook type it runs.
PRE_COMMIT_SCRIPT_ID = b'# ID: 138fd403232d2ddd5efb44317e38bf03'


def _pre_commit_hook_installed() -> bool:
    """Whether git has a pre-commit hook to run that is pre-commit's own
    (its template's ID and ``--hook-type=pre-commit``, where git looks:
    ``core.hooksPath`` honoured), executable.  None installed (only
    ``pre-commit install -t prepare-commit-msg``), or another tool's
    (husky, lefthook, a hand-written script): no pre-commit check of ours
    ran for the commit, whatever its arguments."""
    from together_hooks.gitrun import git_probe

    where = (git_probe('.', 'rev-parse', '--git-path', 'hooks/pre-commit') or b'').rstrip(b'\n')
    if not where or not os.access(where, os.X_OK):
        return False
    from together_hooks.fileio import read_head

    head = read_head(os.fsdecode(where))  # a FIFO there is never opened for a blocking read
    import re

    if PRE_COMMIT_SCRIPT_ID not in head or re.search(rb'--hook-type=pre-commit(?![\w-])', head) is None:
        return False
    # Its config must run our hook at that stage: one that narrows the
    # hook's ``stages`` to prepare-commit-msg left the commit read by none.
    named = re.search(rb'--config=([^\s)"\']+)', head)
    from together_hooks.env.hints import key_hook_runs_at
    from together_hooks.gitdir import worktree_root

    root = worktree_root('.') or '.'
    config = os.fsdecode(named.group(1)) if named else '.pre-commit-config.yaml'
    return key_hook_runs_at('pre-commit', os.path.join(root, config))


def _sequenced() -> Iterable[Content]:
    """Under pre-commit's ``prepare-commit-msg`` stage (it names the
    message's source, ``PRE_COMMIT_COMMIT_MSG_SOURCE``, as git gives it
    for every commit but one typed in the editor): what the index stores
    that HEAD lacks, names included.  git runs that hook for the commits
    of ``git cherry-pick``, ``git revert`` and each pick of ``git rebase``,
    which run neither pre-commit nor commit-msg, and aborts the commit
    when it fails.  Not read for a ``git commit`` whose pre-commit hook
    ran (``_pre_commit_ran``): that stage read it.  A ``git commit
    --no-verify`` skips pre-commit and commit-msg, not this stage."""
    root = worktree_root('.')
    if root is None:
        return ()
    import itertools

    from together_hooks.sources.content import blob_contents
    from together_hooks.sources.content import path_names
    from together_hooks.sources.index import CONTENT_MODES
    from together_hooks.sources.index import staged_changes

    changes = staged_changes(root)
    by_sha: dict[str, list[str]] = {}
    for name, mode, sha in changes:
        if mode in CONTENT_MODES:
            by_sha.setdefault(sha, []).append(name)
    return itertools.chain(path_names(name for name, _mode, _sha in changes), blob_contents(root, by_sha))


def _as_committed_encoding(message: bytes) -> bytes:
    """``i18n.commitEncoding``: git stores the message's bytes as they
    are, under an ``encoding`` header, and shows them converted (an
    EBCDIC message holds no key raw): its reading in that encoding, as
    the gate reads the stored commit (``sources.message.as_utf8``)."""
    from together_hooks.gitrun import git_probe

    named = (git_probe('.', 'config', '--get', 'i18n.commitEncoding') or b'').strip()
    if not message or named.lower() in (b'', b'utf-8', b'utf8'):
        return b''
    from together_hooks.sources.message import as_utf8

    return as_utf8(message, named)


def _commit_idents() -> list[Content]:
    """The author and committer the commit will store (``<commit
    header>``), as git tells its hooks (``git var``: ``--author``,
    ``-c user.name=...``, ``GIT_AUTHOR_*``/``GIT_COMMITTER_*``): a key
    typed as a name or an email is in the commit like its message, on
    every remote it reaches."""
    from together_hooks.findings import COMMIT_HEADER
    from together_hooks.gitrun import git_probe
    from together_hooks.sources.content import Content

    head = b''
    for field, var in ((b'author ', 'GIT_AUTHOR_IDENT'), (b'committer ', 'GIT_COMMITTER_IDENT')):
        ident = git_probe('.', 'var', var)
        if ident:  # git refuses the commit itself without one
            head += field + ident
    return [Content(COMMIT_HEADER, head)] if head else []


def _as_committed(filenames: Sequence[str]) -> list[Content]:
    """The files as given, their names, and what is staged for them where
    that differs."""
    return [*from_paths(filenames, names=True), *_staged_if_different(filenames)]


def _staged_if_different(filenames: Sequence[str]) -> Iterable[Content]:
    """The staged blobs of files whose work-tree bytes are not what the
    commit stores, and under pre-commit those of files it could not pass
    (``sources.index.unlike_work_tree``)."""
    root = worktree_root('.')
    committing = bool(os.environ.get('PRE_COMMIT') == '1' or os.environ.get('GIT_INDEX_FILE'))
    if root is None or not (filenames or committing):
        return ()
    from together_hooks.sources.index import unlike_work_tree

    return unlike_work_tree(root, filenames, committing)


def _not_forbid_env_files(filenames: Sequence[str]) -> Sequence[str]:
    """The files this hook reports on.  Env files ``forbid-env-files``
    refuses by name (``.env``, ``.env.local``, a ``.env/`` folder) are its
    to report when pre-commit runs it too: one staged ``.env``, one
    failure, one message.  Cheap when no file name mentions ``.env``."""
    from together_hooks.env import names

    if not any(names.may_name_env(f) for f in filenames):
        return filenames
    from together_hooks.env import hints

    takes = hints.forbid_env_files_runs()
    if takes is None:
        return filenames
    return [
        f for f in filenames
        if not takes(f) or (names.env_folder(f) is None and not names.is_secret_env_file(f))
    ]


class RemoteHeld:
    """What a merge brings is what its merged commits bring that the
    remotes lack: a key one of them holds at the same path, where every
    remote's tracking branches reach that commit, was pushed already (by
    whoever pushed it) and is not this merge's to refuse; a key of a
    merged commit some remote lacks (a branch made with ``--no-verify``),
    of the merge's own resolution, or of our side, is.  A pick that
    replays a commit (``CHERRY_PICK_HEAD``: cherry-pick, a rebase) is
    judged alike.  ``of_merge``: None outside a commit's hooks."""

    def __init__(self) -> None:
        self.on: list[str] | None = None
        self.held: dict[str, set[str]] = {}
        self.scanner = pipeline.Scanner()

    @classmethod
    def of_merge(cls) -> RemoteHeld | None:
        """For a commit's hooks (git sets ``GIT_INDEX_FILE``); what it
        merges or replays is asked only once a key is found."""
        return cls() if os.environ.get('GIT_INDEX_FILE') else None

    def _on_remotes(self) -> list[str]:
        """The merged or replayed commits every remote has (a tracking
        branch of each reaches it: the commit may be pushed to any), asked
        once, and only when a key was found."""
        if self.on is None:
            from together_hooks.gitrun import git_probe
            from together_hooks.sources.index import merged_heads

            heads = merged_heads('.')
            remotes = (git_probe('.', 'remote') or b'').decode('utf-8', 'surrogateescape').split() if heads else []
            self.on = []
            vouched = None
            for head in heads if remotes and _fetched_where_pushed(remotes) else ():
                refs = (git_probe('.', 'for-each-ref', '--format=%(refname)', '--contains', head,
                                  'refs/remotes/') or b'').decode('utf-8', 'surrogateescape').splitlines()
                if vouched is None:
                    from together_hooks.sources.commits import Remotes

                    vouched = Remotes('.')
                # A ref git wrote for no fetch from its remote (update-ref,
                # a fetch from another URL) vouches for nothing.
                owners = {owner for owner, ref in ((_tracking_owner(ref, remotes), ref) for ref in refs)
                          if owner is not None and vouched.vouches(owner, ref)}
                if all(name in owners for name in remotes):
                    self.on.append(head)
        return self.on

    def __call__(self, finding: Finding) -> bool:
        secrets = self.held.get(finding.path)
        if secrets is None:
            from together_hooks.gitrun import git_probe
            from together_hooks.sources.content import Content

            secrets = set()
            for head in self._on_remotes():
                data = git_probe('.', 'cat-file', 'blob', f'{head}:./{finding.path}')
                if data:
                    secrets.update(f.secret for f in self.scanner.scan_one(Content(finding.path, data)))
            self.held[finding.path] = secrets
        return finding.secret in secrets

    def say(self, dropped: int) -> None:
        if dropped:
            import sys

            print(f'{PROG}: {dropped} key(s) the merged branch holds at the same path are on a remote '
                  'branch already: not refused here (rotate them: they were pushed)', file=sys.stderr)


def _tracking_owner(ref: str, remotes: Sequence[str]) -> str | None:
    """The remote whose tracking ref ``ref`` is: the longest remote name
    it sits under (``refs/remotes/origin/old/main`` is remote
    ``origin/old``'s, not ``origin``'s, when both are remotes)."""
    under = [name for name in remotes if ref.startswith(f'refs/remotes/{name}/')]
    return max(under, key=len) if under else None


def _fetched_where_pushed(remotes: Sequence[str]) -> bool:
    """Whether each remote's tracking refs say what its push target holds:
    no ``remote.<name>.pushurl`` other than its one ``url`` (a push goes
    to every ``url``, a fetch reads the first), and no
    ``url.<base>.pushInsteadOf`` rewriting its ``url`` for pushes.  Where
    one does not, no merged commit counts as on every remote (fail
    closed)."""
    from together_hooks.gitrun import git_probe

    listed = git_probe('.', 'config', '--null', '--get-regexp',
                       r'^(remote\..*\.(push)?url|url\..*\.pushinsteadof)$') or b''
    urls: dict[tuple[str, str], set[bytes]] = {}
    count: dict[str, int] = {}
    prefixes: list[bytes] = []
    for entry in listed.split(b'\0'):
        key, _nl, value = entry.partition(b'\n')
        if key.startswith(b'url.'):  # ``url.<base>.pushinsteadof``
            if value:
                prefixes.append(value)
            continue
        name, _dot, kind = key.decode('utf-8', 'surrogateescape')[len('remote.'):].rpartition('.')
        if name in remotes:
            urls.setdefault((name, kind), set()).add(value)
            if kind == 'url':
                count[name] = count.get(name, 0) + 1
    for name in remotes:
        if count.get(name, 0) > 1:
            return False
        pushed = urls.get((name, 'pushurl'))
        if pushed is not None and pushed != urls.get((name, 'url'), set()):
            return False
        if any(url.startswith(prefix) for url in urls.get((name, 'url'), ()) for prefix in prefixes):
            return False  # ``url.<base>.pushInsteadOf``: pushed to another URL than fetched from
    return True


def _tracked(root: str, rel: str) -> bool:
    """Whether the index of the work tree ``root`` holds ``rel`` (at stage
    0: a baseline in a merge conflict counts as not tracked, so it excuses
    nothing), read from the index file itself where its reader knows it
    whole (the blocked commit then starts no git for it), else asked of
    ``git ls-files``."""
    from together_hooks.sources.index import index_entries

    entries = index_entries(root)
    if entries is not None:
        return rel.replace(os.sep, '/').encode('utf-8', 'surrogateescape') in entries
    from together_hooks.gitrun import git_probe

    return bool(git_probe(root, 'ls-files', '-z', '--', rel))


def _untracked_baseline_dropped(args: argparse.Namespace) -> None:
    """Under pre-commit (a commit's, a merge's or a push's hooks, and
    ``pre-commit run``) the baseline is the one git tracks: pre-commit
    stashes unstaged edits first, so a tracked one is read as staged.  A
    baseline in the work tree that git does not track (never added) is in
    no clone, no CI and on no server: it excused a key here that every
    other gate refuses, after the push had stored it.  It excuses nothing
    here (one note on stderr).  One outside the work tree (``--baseline
    ~/mine``) is the user's own, read as named.  Asked only where a
    baseline was read (``_tracked``)."""
    from together_hooks.env.hints import under_pre_commit

    if args.known is None or not under_pre_commit():
        return
    root = os.path.abspath(getattr(args, 'repo_root', '.'))
    path = os.path.abspath(args.baseline)
    if os.path.commonpath([root, path]) != root:
        return
    rel = os.path.relpath(path, root)
    tracked = _tracked(root, rel)
    tip = _pushed_tip()
    if tracked and (tip is None or _as_pushed(root, tip, rel, path)):
        return  # tracked (staged counts: the commit carries it), as the push sends it
    import sys

    from together_hooks.filters import Exclusions
    from together_hooks.messages import shell_quote

    if not tracked:
        print(f'{PROG}: note: {args.baseline} is not tracked by git, so it excuses nothing here (no clone, '
              f'CI or server has it): `git add {shell_quote(args.baseline)}` and commit it to use it',
              file=sys.stderr)
    else:
        print(f'{PROG}: note: {args.baseline} is not as the pushed commit holds it (an edit staged or '
              f'committed elsewhere), so it excuses nothing here (the remote, CI and the server read the '
              f"pushed one): commit it on the branch you push to use it", file=sys.stderr)
    args.baseline, args.baseline_source, args.known = None, 'none', None
    args.exclusions = Exclusions(args.config, None, args.exclusions.prefix)


def _pushed_tip() -> str | None:
    """The commit a push pre-commit describes sends (``PRE_COMMIT_TO_REF``,
    a first push's ``PRE_COMMIT_LOCAL_BRANCH``); None when this is no push."""
    if not os.environ.get('PRE_COMMIT_REMOTE_NAME') and not os.environ.get('PRE_COMMIT_TO_REF'):
        return None
    return os.environ.get('PRE_COMMIT_TO_REF') or os.environ.get('PRE_COMMIT_LOCAL_BRANCH') or 'HEAD'


def _as_pushed(root: str, tip: str, rel: str, path: str) -> bool:
    """Whether the baseline at ``path`` (``rel`` in the work tree) is the
    one the pushed commit ``tip`` holds: the blob git would store for it
    (its filters and line endings applied) is that commit's.  A baseline
    staged but never committed, or committed on another branch than the
    one pushed, excused a key at pre-push that the remote, CI and
    pre-receive all read without it."""
    from together_hooks.gitrun import git_probe

    name = rel.replace(os.sep, '/')
    held = git_probe(root, 'rev-parse', '--verify', '--quiet', '--end-of-options', f'{tip}:{name}')
    here = git_probe(root, 'hash-object', f'--path={name}', os.path.abspath(path))
    return held is not None and here is not None and held.strip() == here.strip()


# The arguments' defaults, and the options hookargs reads without argparse.
DEFAULTS = {'filenames': [], **pipeline.DEFAULTS, **audit_log.defaults(PROG)}
QUICK_OPTIONS = {**pipeline.QUICK_OPTIONS, **audit_log.QUICK_OPTIONS}


def build_parser() -> argparse.ArgumentParser:
    from together_hooks.argparser import ArgumentParser

    parser = ArgumentParser(
        prog=PROG,
        description='Fail when any given file holds a Together AI API key.',
        epilog=EPILOG,
    )
    parser.add_argument('filenames', nargs='*', help='files to check')
    pipeline.add_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_process()
    args = hookargs.parse(argv, build_parser, DEFAULTS, QUICK_OPTIONS)
    if args.format in ('sarif', 'github'):
        # Those formats want repository-relative paths; pre-commit runs
        # hooks at the top, a person may not.
        args.repo_prefix = repo_prefix('.')
    def go() -> int:
        pipeline.configure(args)  # the config file and baseline, read first
        _untracked_baseline_dropped(args)
        contents, scanner = hook_contents(args.filenames, args.exclusions)
        # A commit's own keys as the first stage finds them: a small work
        # tree walked, git asked only where the walk may have met an env
        # file (``pipeline.load_own_keys``).
        args.walk_for_env_files = True
        args.unpushed = scanner is not None  # a push's commits: not on the remote yet
        if scanner is None:
            args.had = RemoteHeld.of_merge()
        return pipeline.run(contents, args, scanner)

    return guard(PROG, go, args)


if __name__ == '__main__':
    raise SystemExit(main())
