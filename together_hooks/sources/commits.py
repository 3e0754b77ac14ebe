"""Every commit of a range: what a pull request (``scan --diff``), a push
(the pre-push hook) or a pushed update (``pre-receive``) brings.

A range is the commits reachable from ``include`` but from none of
``exclude`` (``git rev-list INCLUDE --not EXCLUDE``).  A key that one of
them adds counts even when a later one removes it: the remote receives
every commit, not only the last tree.  Each key is reported once per path,
with the oldest commit of the range that added it, as ``--history`` does.

Cost, for a 500-commit pull request: one ``git log --raw`` (tree diffs
only), then every blob those commits add read once by one
``git cat-file --batch`` and scanned once; only blobs that hold a key cost
more (their parents' blobs, and the range's boundary, are looked at to
tell an added key from one the base already had).

Content beyond files: a symlink's target is the blob git stores for it,
and commit messages are scanned as ``<commit message>`` of their commit.
"""
from __future__ import annotations

import os

from together_hooks.errors import InputError
from together_hooks.findings import COMMIT_HEADER
from together_hooks.findings import COMMIT_MESSAGE
from together_hooks.findings import NOT_FILES
from together_hooks.findings import NOTE
from together_hooks.findings import PACKED_OBJECT
from together_hooks.findings import PATH_NAME
from together_hooks.findings import PUSH_CERTIFICATE
from together_hooks.findings import PUSH_OPTION
from together_hooks.findings import REF_NAME
from together_hooks.findings import TAG_MESSAGE
from together_hooks.findings import TAGGED_BLOB
from together_hooks.gitrun import git
from together_hooks.gitrun import zfields
from together_hooks.gitrun import git_output
from together_hooks.gitrun import git_probe
from together_hooks.fileio import WINDOW
from together_hooks.gitrun import BlobAt
from together_hooks.gitrun import stream_blobs
from together_hooks.gitrun import unreadable
from together_hooks.sources.content import Content
from together_hooks.sources.content import could_be_offered
from together_hooks.sources.content import Revision
from together_hooks.sources.content import to_display
from together_hooks.sources.history import AddedNames
from together_hooks.sources.history import Beside
from together_hooks.sources.history import Commit
from together_hooks.sources.history import CommitList
from together_hooks.sources.history import CommitLog
from together_hooks.sources.history import first_adds
from together_hooks.sources.history import FirstOf
from together_hooks.sources.history import keys_at
from together_hooks.sources.history import keys_in
from together_hooks.sources.history import Walk
from together_hooks.sources.message import as_utf8
from together_hooks.sources.ranges import FULL_HISTORY
from together_hooks.sources.ranges import is_shallow

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Iterable
    from typing import Iterator
    from typing import Sequence

    from together_hooks.findings import Finding
    from together_hooks.gitrun import Blob
    from together_hooks.sources.content import Walked
    from together_hooks.sources.ranges import Revisions

    Scan = Callable[[Content], list[Finding]]
    # What ``message_keys`` found: (the commits whose message or header
    # holds a key first -> each (``COMMIT_HEADER`` or ``COMMIT_MESSAGE``,
    # its bytes or None when too large to hold, the keys), their authors ->
    # (``name <email>``, date), the sizes of those too large to hold).
    # Plain data: a forked process of the blob scan may find it
    # (``history.Beside``).
    MessageKeys = tuple[
        dict[str, list[tuple[str, bytes | None, set[str]]]],
        dict[str, tuple[str, str]],
        dict[str, int],
    ]

# Regular files, executables and symlinks: a symlink's blob is its target.
CONTENT_MODES = (b'100644', b'100755', b'120000')
GITLINK = b'160000'  # a submodule's commit: a path name, no content here
TREE = b'040000'  # a folder: a path name, its files come on their own
_LOG_FORMAT = '--format=%x01%H%x02%an <%ae>%x02%aI'


class Change:
    """One path a commit sets: its blob, and the blobs its parents had
    there (or at the path it was renamed from); for a submodule, no blob
    and ``link``, the submodule's commit it sets (else empty)."""

    __slots__ = ('commit', 'path', 'olds', 'new', 'link')

    def __init__(
            self, commit: Commit, path: str, olds: tuple[bytes, ...], new: bytes,
            link: bytes = b'',
    ) -> None:
        self.commit = commit
        self.path = path
        self.olds = olds
        self.new = new
        self.link = link


# git's own names for sets of refs, accepted where revisions are.
_REF_SETS = ('--all', '--branches', '--tags', '--remotes')


def _revs(include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    for rev in (*include, *exclude):
        if not rev or (rev.startswith('-') and rev not in _REF_SETS
                       and not rev.startswith(('--remotes=', '--exclude=', '--glob='))):
            raise InputError(f'{rev!r} is not a revision')
    return [*include, '--not', *exclude] if exclude else [*include]


def range_commits(
        root: str, include: Sequence[str], exclude: Sequence[str], what: str,
        sent: bool = False,
) -> tuple[list[str], list[str]]:
    """(the range's commits, its boundary: the commits just outside it).

    A range whose commits are not all here (a shallow clone cut through
    it) cannot be judged: one line with the fix, never a pass.  Unless it
    is what this clone ``sent``s (a push): git sends only the objects it
    has, so a commit below the cut cannot be pushed, and each commit at
    the cut is read whole (``git log --root`` shows it as a first commit).
    """
    out = git(root, 'rev-list', '--boundary', *_revs(include, exclude), '--')
    commits, boundary = [], []
    for line in out.decode().split():
        (boundary if line.startswith('-') else commits).append(line.lstrip('-'))
    if commits and not sent and is_shallow(root):
        shallow_file = os.fsdecode(git(root, 'rev-parse', '--git-path', 'shallow')).strip()
        try:
            with open(os.path.join(root, shallow_file), encoding='ascii') as f:
                cut = set(f.read().split())
        except OSError:
            cut = set()
        if cut.intersection(commits):
            raise InputError(
                f'{what}: this shallow clone does not have every commit of the '
                f'range, so a key added and removed inside it would pass '
                f'unseen; fetch them (git fetch --unshallow) or {FULL_HISTORY}',
            )
    return commits, boundary


def _without_promised(
        root: str, entries: list[Change], include: Sequence[str], exclude: Sequence[str],
        remotes: Remotes | None = None,
) -> list[Change]:
    """A push's changes less the blobs a partial clone (``git clone
    --filter=blob:none``) lacks that the push does not send.  Every blob
    the user made is here; one missing came with a commit from the
    promisor remote (a merged branch's older versions, never fetched), and
    git sends it only where the destination's branches lack it: then git
    would fetch it (unscanned) to send it, so that one is refused in one
    line (fail closed).  The destination's branches are its
    remote-tracking ones as last fetched (``push_destination``); unknown,
    every missing blob of the range counts as sent.  Outside a partial
    clone: ``entries`` as they are, one ``git config`` asked."""
    if not entries or not _partial_clone(root):
        return entries
    lacking = _missing_objects(root, include, exclude)
    if not lacking.intersection(e.new for e in entries):
        return entries
    environ = os.environ
    remotes = remotes or Remotes(root)
    destination = push_destination(root, environ, remotes)
    have = remotes.refs(destination) if destination else []
    sent = _missing_objects(root, include, [*exclude, *have]) if have else lacking
    for e in entries:
        if e.new in sent:
            sha = e.new.decode()
            raise InputError(
                f'{e.path} (object {sha}, commit {e.commit.sha[:12]}): this push sends '
                f'a blob this partial clone (git clone --filter) lacks, which git would '
                f'fetch to send unscanned ({_lacked_by(destination)}); the scan never '
                f'fetches: fetch it (git cat-file -e {sha}) and push again',
            )
    return [e for e in entries if e.new not in lacking]


def _lacked_by(destination: str | None) -> str:
    if destination is None:
        return 'the remote pushed to could not be told, so none of its branches counts'
    return f'no branch of {destination} holds it as last fetched'


def _partial_clone(root: str) -> bool:
    """Whether the clone may lack objects its commits name (a promisor
    remote: ``git clone --filter``)."""
    return bool(git(root, 'config', '--get-regexp',
                    r'^(extensions\.partialclone|remote\..*\.promisor)$', ok=(0, 1)).strip())


def _missing_objects(root: str, include: Sequence[str], exclude: Sequence[str]) -> set[bytes]:
    """The objects the range reaches that this clone lacks (git's
    ``--missing=print`` never fetches one)."""
    out = git(root, 'rev-list', '--objects', '--missing=print', *_revs(include, exclude), '--')
    return {line[1:].strip() for line in out.split(b'\n') if line.startswith(b'?')}


def push_destination(
        root: str, environ: dict[str, str] | os._Environ[str], remotes: Remotes | None = None,
) -> str | None:
    """The configured remote the running push goes to: the ``git push``
    seen among this process's ancestors (its repository word, or git's
    default for the current branch: ``pushRemote``, ``remote.pushDefault``,
    its ``remote``, ``origin``), else pre-commit's ``PRE_COMMIT_REMOTE_NAME``.
    None where that cannot be told (no ``/proc`` and no variable, a URL,
    ``--repo``, an option the hook does not know), where the two differ
    (a variable left in the environment names another), or where the
    remote pushes to URLs other than those it fetches from (its tracking
    branches then say nothing of the destination:
    ``Remotes.pushes_where_it_fetches``, the test ``remote_refs`` makes)."""
    remotes = remotes or Remotes(root)
    named = environ.get('PRE_COMMIT_REMOTE_NAME')
    argv = _git_push_argv()
    if _readable(argv) and not any(
            _abbreviates(a.partition('=')[0], '--repo') for a in _option_words(argv or [])):
        words = _positionals(argv or [])
        seen = words[0] if words else _default_push_remote(root)
        if named and named != seen:
            return None  # a name left in the environment, not this push's
        named = seen
    if not named or not any(remotes.values(named, 'url')):
        return None
    return named if remotes.pushes_where_it_fetches(named) else None


class Remotes:
    """The repository's remotes, read once a run and passed down (a push's
    range, its trees and blobs by path, a partial clone's missing blobs all
    ask): every ``remote.<name>.*`` setting and every ``pushInsteadOf`` from
    one ``git config``, and the URLs a remote fetches from and pushes to
    (``git remote get-url``, which applies ``insteadOf``) asked at most once
    a remote, and only where its settings can make the two differ; and the
    files pre-commit offers a push (``offered``: the range and the files
    left out of it both ask), asked once."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._settings: dict[str, dict[str, list[str | None]]] | None = None
        self._push_rewrites = False
        self._urls: dict[str, tuple[list[str], list[str]]] = {}
        self._offered: dict[tuple[str, str], bytes] = {}
        self._logs: str | None = None
        self._unvouched: dict[tuple[str, str], list[str]] = {}

    def offered(self, from_ref: str, to_ref: str) -> bytes:
        """``_offered(root, from_ref, to_ref)``, once a run."""
        out = self._offered.get((from_ref, to_ref))
        if out is None:
            out = self._offered[from_ref, to_ref] = _offered(self.root, from_ref, to_ref)
        return out

    def settings(self) -> dict[str, dict[str, list[str | None]]]:
        """{remote name: {variable (lower case): its values}}, in the order
        git lists them; a variable set with no ``=`` is None."""
        if self._settings is None:
            out = git(self.root, 'config', '-z', '--get-regexp',
                      r'^(remote\..*|url\..*\.pushinsteadof)$', ok=(0, 1))
            self._settings = {}
            for entry in out.decode('utf-8', 'surrogateescape').split('\0'):
                key, newline, value = entry.partition('\n')
                if key.startswith('url.'):
                    self._push_rewrites = True
                    continue
                name, dot, variable = key[len('remote.'):].rpartition('.')
                if key.startswith('remote.') and dot and name:
                    self._settings.setdefault(name, {}).setdefault(variable, []).append(
                        value if newline else None)
        return self._settings

    def names(self) -> list[str]:
        return list(self.settings())

    def values(self, name: str, variable: str) -> list[str | None]:
        return self.settings().get(name, {}).get(variable, [])

    def mirror(self, name: str) -> bool:
        """``remote.<name>.mirror`` as git reads a boolean (its last value):
        False only for what git reads as false (``false``, ``no``, ``off``,
        an empty value, an integer that is zero: ``0``, ``0x0``, ``0k``),
        True for anything else (``2``, ``0x1``, ``1k``: git's integers take
        a base prefix and a unit; a value git refuses stops its push)."""
        values = self.values(name, 'mirror')
        return bool(values) and not _git_false(values[-1])

    def urls(self, name: str) -> tuple[list[str], list[str]]:
        """(the URLs ``name`` fetches from, those it pushes to), as git
        rewrites them (``insteadOf``, ``pushInsteadOf``)."""
        if name not in self._urls:
            self._urls[name] = tuple(  # type: ignore[assignment]
                git(self.root, 'remote', 'get-url', *how, '--all', name, ok=(0, 2)).decode(
                    'utf-8', 'surrogateescape').split()
                for how in ((), ('--push',)))
        return self._urls[name]

    def fetch_url(self, name: str) -> list[str]:
        """The one URL ``name`` fetches from (git fetches from its first)."""
        return self.urls(name)[0][:1]

    def pushes_where_it_fetches(self, name: str) -> bool:
        """Whether ``name`` pushes to the one URL it fetches from: then its
        tracking refs describe the destination.  A remote with one ``url``,
        no ``pushurl`` and no ``pushInsteadOf`` anywhere does, unasked
        (``insteadOf`` rewrites both alike); any other is asked of git."""
        self.settings()
        urls = [u for u in self.values(name, 'url') if u]
        if len(urls) == 1 and not self.values(name, 'pushurl') and not self._push_rewrites:
            return True
        fetched, pushed = self.urls(name)
        return len(pushed) == 1 and pushed == fetched[:1]

    def tracking(self, name: str) -> list[str]:
        """The patterns of the refs ``name``'s own fetch refspecs write
        under ``refs/remotes/`` (``+refs/heads/*:refs/remotes/up/*``: its
        branches as last fetched), as ``for-each-ref`` globs (a ``*`` takes
        ``/`` too, as in a refspec).  A destination outside
        ``refs/remotes/`` (``+refs/*:refs/*``, a mirror's) is no copy to
        trust: it is local refs the push itself sends."""
        out = []
        for spec in self.values(name, 'fetch'):
            if not spec or spec.startswith('^'):
                continue  # a negative refspec writes nothing
            _source, colon, destination = spec.lstrip('+').partition(':')
            if colon and destination.startswith('refs/remotes/') and destination != 'refs/remotes/':
                out.append(destination)
        return out

    def refs(self, remote: str) -> list[str]:
        """``remote_refs``: revision words for the refs that show what
        ``remote`` holds."""
        names = self.names()
        if remote not in names:
            return []  # a URL, or a remote git reads from no config: nothing counts
        if self.pushes_where_it_fetches(remote):
            counted = [remote]
        else:
            pushed = self.urls(remote)[1]
            counted = [n for n in names if n != remote and len(pushed) == 1
                       and self.fetch_url(n) == pushed]
        words: list[str] = []
        for name in counted:
            # What another remote's refspec writes there describes another
            # repository (a remote named ``origin/internal``, one fetching
            # into ``refs/remotes/origin/*``): left out.
            others = [p for n in names if n != name for p in self.tracking(n)]
            for pattern in self.tracking(name):
                words += [f'--exclude={_exact(p)}' for p in others]
                words += [f'--exclude={_exact(ref)}' for ref in self.unvouched(name, pattern)]
                words.append(f'--glob={_exact(pattern)}')
        return words

    def unvouched(self, name: str, pattern: str) -> list[str]:
        """The refs ``pattern`` takes (one of ``name``'s ``tracking``) whose
        reflog's newest entry git wrote for no fetch from ``name``, push,
        clone or ``git remote rename``: ``git update-ref`` (no message), a
        ``git fetch <another URL> ...:refs/remotes/<name>/*``, any other
        writer.  Such a ref says nothing of what the remote holds, so it
        bounds no range (the commits it reaches are read; fail closed).  A
        ref with no reflog (a clone's, ``core.logAllRefUpdates=false``,
        one expired) is taken as git left it.  The logs are read from the
        git folder: one small file a tracking ref, one ``rev-parse`` a run,
        each pattern read once a run."""
        if (name, pattern) not in self._unvouched:
            self._unvouched[name, pattern] = self._read_unvouched(name, pattern)
        return self._unvouched[name, pattern]

    def _read_unvouched(self, name: str, pattern: str) -> list[str]:
        logs = self._logs_folder()
        head = pattern.split('*', 1)[0]
        if '*' not in pattern:
            found = [pattern]
        else:
            found = []
            top = os.path.join(logs, *head.split('/'))
            for folder, _dirs, files in os.walk(top if head.endswith('/') else os.path.dirname(top)):
                for file in files:
                    ref = os.path.relpath(os.path.join(folder, file), logs).replace(os.sep, '/')
                    if refspec_glob_matches(pattern, ref):
                        found.append(ref)
        return [ref for ref in found if not self.vouches(name, ref)]

    def _logs_folder(self) -> str:
        """The reflogs' folder (the common git folder's, where a linked
        worktree's tracking refs are logged too), asked once."""
        if self._logs is None:
            common = os.fsdecode(git(self.root, 'rev-parse', '--git-common-dir')).strip()
            self._logs = os.path.join(self.root, common, 'logs')
        return self._logs

    def vouches(self, name: str, ref: str) -> bool:
        """Whether ``ref``'s reflog (where it has one) says a fetch from
        remote ``name`` (by its name, its ``url``, or with no repository
        named: the default one, ``--all``), a push, a clone or ``git
        remote rename`` wrote its value (``unvouched``)."""
        try:
            with open(os.path.join(self._logs_folder(), *ref.split('/')), 'rb') as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 4096))
                lines = f.read().splitlines()
        except OSError:
            return True  # no reflog: as git left it
        last = next((line for line in reversed(lines) if line.strip()), None)
        if last is None:
            return True
        message = last.partition(b'\t')[2].decode('utf-8', 'surrogateescape')
        if message.startswith(('update by push', 'clone: from ', 'remote: renamed ')):
            return True
        verb = message.split(' ', 1)[0].rstrip(':')
        if verb not in ('fetch', 'pull'):
            return False  # update-ref (no message), or a writer of its own
        words = [w for w in message.rpartition(': ')[0].split()[1:] if not w.startswith('-')]
        urls = [u for u in self.values(name, 'url') if u]
        return not words or words[0] in (name, *urls)


def _git_false(value: str | None) -> bool:
    """Whether git reads the config value ``value`` as the boolean false
    (``git_parse_maybe_bool_text``, else ``git_parse_int``: C's
    ``strtoimax`` with base 0 and an optional ``k``/``m``/``g`` unit)."""
    if value is None:
        return False  # a bare ``mirror``: true
    if value.lower() in ('false', 'no', 'off', ''):
        return True
    number = value.lstrip(' \t\n\v\f\r')  # strtoimax skips leading blanks
    if number[-1:].lower() in ('k', 'm', 'g'):
        number = number[:-1]
    number = number[1:] if number[:1] in '+-' else number
    digits = number[2:] if number[:2].lower() == '0x' else number
    return bool(digits) and set(digits) <= set('0')


def _exact(pattern: str) -> str:
    """A ref pattern as ``--glob``/``--exclude`` take it: one with no
    ``*`` names one ref, whose last character is bracketed so that git
    adds no ``/*`` to it (a ref name holds no ``[``, ``*`` or ``?``)."""
    return pattern if '*' in pattern else f'{pattern[:-1]}[{pattern[-1]}]'


def remote_refs(root: str, remote: str, remotes: Remotes | None = None) -> list[str]:
    """Revision words naming the refs that show what ``remote`` holds (as
    last fetched), for a push to it: the refs its own fetch refspecs write
    (``refs/remotes/<name>/*`` by default), never git's
    ``--remotes=<name>`` glob, and less what any other remote's refspecs
    write there (a remote named ``origin/internal``, or one whose refspec
    maps into ``refs/remotes/origin/*``: another repository's branches).
    Those refs describe the one repository it fetches from (its first
    URL); a remote that pushes elsewhere (``pushurl``, a ``pushInsteadOf``
    that applies) or to several (a second ``url``) is described by the
    tracking refs of the remotes that fetch from the one URL it pushes to,
    and by none (nothing counts as there) where no remote does; so is a
    name that is no configured remote (a URL)."""
    return (remotes or Remotes(root)).refs(remote)


def remote_words(root: str, words: Sequence[str], remotes: Remotes | None = None) -> list[str]:
    """``words`` (revisions and ref sets) with each ``--remotes=<name>``
    that names a configured remote read as ``remote_refs``: the plain
    pre-push hook's ``--since=--remotes=$1``."""
    remotes = remotes or Remotes(root)
    out: list[str] = []
    for word in words:
        if word.startswith('--remotes=') and word[len('--remotes='):] in remotes.names():
            out += remotes.refs(word[len('--remotes='):])
        else:
            out.append(word)
    return out


def _default_push_remote(root: str) -> str:
    branch = git(root, 'symbolic-ref', '--quiet', '--short', 'HEAD', ok=(0, 1)).decode(
        'utf-8', 'surrogateescape').strip()
    keys = ([f'branch.{branch}.pushRemote'] if branch else []) + ['remote.pushDefault'] + (
        [f'branch.{branch}.remote'] if branch else [])
    for key in keys:
        value = git(root, 'config', '--get', key, ok=(0, 1)).decode('utf-8', 'surrogateescape').strip()
        if value:
            return value
    return 'origin'


def changes(root: str, include: Sequence[str], exclude: Sequence[str]) -> list[Change]:
    """Every path each commit of the range sets, oldest commit first
    (a submodule's with no blob: ``new`` is empty).

    Renames are followed (a file moved with its key adds nothing); merges
    show a path only where the result differs from every parent (``-c``):
    a key a merged branch brought is that branch's commit's.
    """
    # Streamed: git's listing (about 100 bytes a path) and its split are
    # never held whole beside the changes made of it; each blob id is kept
    # once however many paths name it.  A pushed commit of a million paths
    # is a pack of a few MB.
    tokens = _streamed_tokens(root, (
        'log', '--raw', '--no-abbrev', '--root', '-c', '-M', '-z',
        '--ignore-submodules=none',  # a submodule's name, whatever config says
        '-t',  # folders too: an empty one's name is on no file's path
        '--reverse', '--topo-order',
        _LOG_FORMAT, *_revs(include, exclude), '--',
    ))
    try:
        return _parsed_changes(tokens)
    finally:
        tokens.close()


def _parsed_changes(tokens: Iterator[bytes]) -> list[Change]:
    found: list[Change] = []
    commit = None
    ids: dict[bytes, bytes] = {}
    for token in tokens:
        token = token.lstrip(b'\n')
        if token.startswith(b'\x01'):
            sha, author, date = token[1:].decode('utf-8', 'replace').split('\x02')
            commit = Commit(sha, author, date)
            continue
        if not token.startswith(b':') or commit is None:
            continue
        parents = len(token) - len(token.lstrip(b':'))
        fields = token.lstrip(b':').split(b' ')
        modes, shas, status = fields[:parents + 1], fields[parents + 1:-1], fields[-1]
        path = next(tokens, b'')
        if parents == 1 and status[:1] in (b'R', b'C'):
            path = next(tokens, b'')  # the source path came first
        if modes[-1] in (GITLINK, TREE):  # a submodule or folder: a name, no blob
            link = shas[-1] if modes[-1] == GITLINK else b''
            found.append(Change(commit, os.fsdecode(path), (), b'', link))
            continue
        if modes[-1] not in CONTENT_MODES:
            continue  # deleted
        olds = tuple(
            ids.setdefault(old, old) for old, mode in zip(shas[:parents], modes[:parents])
            if mode in CONTENT_MODES
        )
        found.append(Change(commit, os.fsdecode(path), olds, ids.setdefault(shas[-1], shas[-1])))
    return found


def _streamed_tokens(root: str, args: tuple[str, ...]) -> Iterator[bytes]:
    """The NUL-separated fields of a ``-z`` git listing, as git writes
    them (read in chunks, never whole); git's failure is an InputError."""
    import tempfile

    from together_hooks.gitrun import command_name
    from together_hooks.gitrun import git_reason
    from together_hooks.gitrun import git_stream

    err = tempfile.TemporaryFile()
    proc = git_stream(root, *args, errors=err)
    assert proc.stdout is not None
    try:
        carry = b''
        while True:
            chunk = proc.stdout.read(1 << 16)
            if not chunk:
                break
            fields = (carry + chunk).split(b'\0')
            carry = fields.pop()
            yield from fields
        if carry:
            yield carry
        code = proc.wait()
        if code != 0:
            err.seek(0)
            raise InputError(f'git {command_name(args)} failed: {git_reason(err.read(1 << 16), code)}')
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        err.close()


def _base_keys(
        root: str, boundary: Sequence[str], paths: Iterable[str], scan: Scan,
) -> dict[str, set[str]]:
    """path -> the keys any of the ``boundary`` commits holds at it.

    One ``git cat-file --batch-check`` for every (commit, path) name, one
    blob stream for every distinct blob found: two gits however many paths
    (a git per path made a push of 650 flagged paths start 1,300).  Keys
    are found per (blob, path), as the path can change what a blob holds;
    a small blob is read once for all its paths, a large one streams again
    (in windows) for each.  A path holding a newline, or ending in a
    carriage return, cannot be named to git: no blobs, so its keys count
    as the range's (fail closed); so can none under a tree entry named
    ``.`` or ``..`` (git reads ``./a`` relative to the working directory)."""
    had: dict[str, set[str]] = {}
    names: list[tuple[str, str]] = []
    for path in paths:
        if path in had:
            continue
        had[path] = set()
        # git reads a name to its newline, and drops a carriage return
        # before it: ``a\r`` would be asked as ``a``.  A path under a tree
        # entry named ``.`` or ``..`` is read relative to the working
        # directory: ``./a`` as ``a`` in a clone, a fatal error in a bare
        # repository.
        if '\n' not in path and not path.endswith('\r') and not path.startswith(('./', '../')):
            names.extend((c, path) for c in boundary)
    if not names:
        return had
    out = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)',
        input=''.join(f'{c}:{path}\n' for c, path in names).encode('utf-8', 'surrogateescape'),
    )
    lines = out.split(b'\n')
    if lines[-1:] == [b'']:
        lines.pop()
    if len(lines) != len(names):  # git answers each name on one line
        raise unreadable(out)  # a wrapper's banner: no line is known to be whose
    at: dict[bytes, tuple[int, set[str]]] = {}  # blob -> (its size, its paths)
    for (_commit, path), line in zip(names, lines):
        # A name git cannot find comes back as given (any bytes, ending in
        # ``missing``): read bytes, and only a line ending in a size.
        parts = line.split()
        if len(parts) == 3 and parts[1] == b'blob' and parts[2].isdigit():
            at.setdefault(parts[0], (int(parts[2]), set()))[1].add(path)
    # A small blob is read once for all its paths; a large one is asked
    # once for each path (streamed in windows each time).
    asked: list[tuple[bytes, list[str]]] = []
    for sha, (size, on) in at.items():
        if size <= WINDOW:
            asked.append((sha, sorted(on)))
        else:
            asked.extend((sha, [path]) for path in sorted(on))
    blobs = stream_blobs(root, [sha for sha, _on in asked])
    for (_sha, blob), (_same, on) in zip(blobs, asked):
        data = blob.read() if blob.size <= WINDOW else None
        for path in on:
            had[path] |= keys_in(scan, data, path) if data is not None else streamed_keys(scan, blob, path)
    return had


def added_by_commits(
        root: str, include: Sequence[str], exclude: Sequence[str], scan: Scan,
        what: str = '--diff', wanted: Callable[[str], bool] | None = None,
        messages: bool = True, names: bool = True, walked: Walked | None = None,
        entries: list[Change] | None = None, sent: bool = False, remotes: Remotes | None = None,
) -> Iterator[Content]:
    """Each key a commit of the range adds, once per (key, path), as the
    blob of the oldest commit that added it.  ``wanted`` narrows paths;
    ``walked`` counts the commits and the blobs read; ``entries``: the
    range's ``changes``, where the caller has read them already; ``sent``:
    the range is what a push from this clone sends (``range_commits``);
    ``remotes``: the run's ``Remotes``, where it has read them."""
    commits, boundary = range_commits(root, include, exclude, what, sent)
    if walked is not None:
        walked.commits = len(commits)
    if not commits:
        return iter(())
    import itertools

    if entries is None:
        entries = changes(root, include, exclude)
    # Every path: a name is no file to filter.
    in_names = path_names(entries, scan) if names else iter(())
    entries = [e for e in entries if e.new and (wanted is None or wanted(e.path))]
    if sent:
        entries = _without_promised(root, entries, include, exclude, remotes)
    return itertools.chain(
        in_names,
        _attribute(root, entries, boundary, scan, commits if messages else [], walked,
                   lfs_note=what in ('--diff', '--commits')),
    )


def path_names(entries: Sequence[Change], scan: Scan) -> Iterator[Revision]:
    """Each key in the name of a path the range sets (a tree stores its
    entries' names), once, as ``<path name>`` of the first commit that
    names it; its lines are that commit's new paths."""
    paths = {e.path for e in entries}
    if not paths or not keys_in(scan, '\n'.join(sorted(paths)).encode('utf-8', 'surrogateescape'), PATH_NAME):
        return
    first: set[str] = set()
    by_commit: dict[str, tuple[Commit, list[str]]] = {}
    for e in entries:
        by_commit.setdefault(e.commit.sha, (e.commit, []))[1].append(e.path)
    for commit, listed in by_commit.values():
        data = '\n'.join(listed).encode('utf-8', 'surrogateescape')
        new = keys_in(scan, data, PATH_NAME) - first
        if new:
            first |= new
            yield Revision(
                PATH_NAME, data, FirstOf(new),
                commit=commit.sha, author=commit.author, date=commit.date,
            )


def _attribute(
        root: str, entries: list[Change], boundary: list[str], scan: Scan,
        commits: list[str], walked: Walked | None = None, lfs_note: bool = False,
) -> Iterator[Content]:
    # Every blob the range adds, read and scanned once: a small one whole
    # (kept when it holds a key), a larger one in windows as it streams
    # (read again the same way, by a git of its own, when it holds one).
    flagged: dict[bytes, frozenset[str]] = {}
    seen: set[bytes] = set()
    new_blobs = [e.new for e in entries if not (e.new in seen or seen.add(e.new))]  # type: ignore[func-returns-value]
    data_of: dict[bytes, bytes] = {}
    large: dict[bytes, int] = {}
    lfs = _LfsStore(root)
    if walked is not None:
        walked.blobs = len(new_blobs)
    for sha, blob in stream_blobs(root, new_blobs):
        if walked is not None:
            walked.nbytes += blob.size
        if blob.size > WINDOW:
            keys = streamed_keys(scan, blob)
            if keys:
                flagged[sha] = keys
                large[sha] = blob.size
            continue
        data = lfs.content(sha, blob.read(), scan)
        keys = keys_in(scan, data)
        if keys:
            flagged[sha] = keys
            data_of[sha] = data
    first: dict[tuple[str, str], tuple[Commit, bytes]] = {}
    if flagged:
        first = _first_adds(root, entries, flagged, boundary, scan, data_of)
    by_blob: dict[tuple[str, str, bytes], tuple[Commit, set[str]]] = {}
    for (hashed, path), (commit, sha) in first.items():
        by_blob.setdefault((commit.sha, path, sha), (commit, set()))[1].add(hashed)
    for key in sorted(by_blob):
        commit, hashes = by_blob[key]
        sha = key[2]
        yield Revision(
            key[1], data_of.get(sha), FirstOf(hashes),
            commit=commit.sha, author=commit.author, date=commit.date,
            stream=BlobAt(root, sha.decode(), large[sha]) if sha in large else None,
        )
    yield from lfs.large_objects(entries)
    if lfs_note:
        lfs.note_missing(entries)
    if commits:
        yield from commit_messages(root, commits, scan)


def streamed_keys(scan: Scan, blob: Blob | BlobAt, path: str = '') -> frozenset[str]:
    """``keys_in`` a blob as it streams from git: in windows when it is
    larger than one (memory bounded by the window, not the blob)."""
    if blob.size <= WINDOW:
        return keys_in(scan, blob.read(), path)
    return frozenset(f.hashed_secret for f in scan(Content(path, stream=blob)))


def _keys_of_blobs(
        root: str, shas: Sequence[str] | Sequence[bytes], scan: Scan, path: str = '',
) -> Iterator[tuple[str | bytes, frozenset[str]]]:
    """(sha, ``streamed_keys``) of each blob."""
    for sha, blob in stream_blobs(root, shas):
        yield sha, streamed_keys(scan, blob, path)


_LFS_POINTER = b'version https://git-lfs.github.com/spec/v1\n'
# A Git LFS object larger than this is scanned in windows from the LFS
# store, reported at the first path and commit that name it, instead of
# read whole into the range's in-memory attribution (memory bounded).
LFS_MAX = 64 << 20


class _LfsStore:
    """Git LFS: a commit holds a pointer, ``git push`` sends the object
    from the local store (``.git/lfs/objects``) with it.  A pointer whose
    object is here is scanned as that object, and as itself when its own
    text holds a key (the pointer goes to the remote too); one not here is
    not pushed from here either."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.folder: str | None = None
        self.large: dict[bytes, str] = {}  # pointer blob -> its large object's file
        self.missing: set[bytes] = set()  # pointer blobs whose object is not here

    def content(self, sha: bytes, data: bytes, scan: Scan) -> bytes:
        """What to scan for the blob ``sha`` holding ``data``: the object
        a pointer names; the pointer's lines first when they hold a key
        (at their own line numbers)."""
        found = self._object(sha, data)
        if found is data or not keys_in(scan, data):
            return found
        return data + (b'' if data.endswith(b'\n') else b'\n') + found

    def _object(self, sha: bytes, data: bytes) -> bytes:
        if len(data) > 1024 or not data.startswith(_LFS_POINTER):
            return data
        import re

        oid = re.search(rb'^oid sha256:([0-9a-f]{64})$', data, re.M)
        if oid is None:
            return data
        if self.folder is None:
            common = os.fsdecode(git(self.root, 'rev-parse', '--git-common-dir')).strip()
            self.folder = os.path.join(self.root, common, 'lfs', 'objects')
        name = oid.group(1).decode()
        path = os.path.join(self.folder, name[:2], name[2:4], name)
        try:
            size = os.stat(path).st_size
        except OSError:
            self.missing.add(sha)
            return data
        if size > LFS_MAX:
            self.large[sha] = path
            return data
        from together_hooks.fileio import read_file

        return read_file(path) or data

    def note_missing(self, entries: list[Change]) -> None:
        """One line on stderr when pointers of the range name objects that
        are not here (a CI clone fetches none of the range's by itself):
        only their pointers were scanned, never a silent pass.  Not for a
        push: an object not here is not sent from here either."""
        if not self.missing:
            return
        import sys

        from together_hooks.detect.scrub import scrub

        paths = sorted({e.path for e in entries if e.new in self.missing})
        shown = scrub(paths[0])  # a name may hold a key, or a newline
        if not shown.isprintable():
            shown = shown.encode('unicode_escape').decode('ascii')
        print(
            f'together-hooks: {len(paths)} Git LFS file(s) of the range ({shown}'
            f'{", ..." if len(paths) > 1 else ""}) name objects that are not in this '
            f'clone, so only their pointers were scanned; fetch them first to scan '
            f'them too (git lfs fetch --all)', file=sys.stderr,
        )

    def large_objects(self, entries: list[Change]) -> Iterator[Content]:
        """Each large object, once, at the first path and commit that name
        it: scanned as it is read, in windows, by the pipeline."""
        for e in entries:
            path = self.large.pop(e.new, None)
            if path is not None:
                content = Revision(
                    e.path, None, _all, commit=e.commit.sha, author=e.commit.author,
                    date=e.commit.date,
                )
                content.fs_path = path
                yield content


def _path_matters(scan: Scan) -> Callable[[str], bool] | None:
    """The scanner's own ``path_matters`` when ``scan`` is a scanner's
    ``scan_one`` (every caller's): a flagged blob is then scanned again
    under a path only where the path can change what it holds (a rule's
    file filter, an excluded path, a file named for a key), as
    ``scan --history`` does; else (any other step) under every path."""
    return getattr(getattr(scan, '__self__', None), 'path_matters', None)


def _first_adds(
        root: str, entries: list[Change], flagged: dict[bytes, frozenset[str]],
        boundary: list[str], scan: Scan, data_of: dict[bytes, bytes],
) -> dict[tuple[str, str], tuple[Commit, bytes]]:
    """(hashed_secret, path) -> (the oldest commit adding it, its blob)."""
    wanted = [e for e in entries if e.new in flagged]
    # A parent's blob decides whether a key is new: scan the few needed.
    unknown = sorted({o for e in wanted for o in e.olds if o not in flagged})
    for sha, keys in _keys_of_blobs(root, unknown, scan):
        if keys:
            flagged[sha] = keys  # type: ignore[index]
    adds = [(e.commit, e.path, e.olds, e.new) for e in wanted]
    first = first_adds(adds, keys_at(root, scan, flagged, adds, data_of, matters=_path_matters(scan)))
    if not first or not boundary:
        return first
    # Keys the base already had at that path are not the range's.
    had = _base_keys(root, boundary, (path for _hashed, path in first), scan)
    return {k: v for k, v in first.items() if k[0] not in had[k[1]]}


# ---------------------------------------------------------------- messages

def commit_messages(
        root: str, commits: Sequence[str], scan: Scan,
        worth: Callable[[bytes], bool] | None = None,
        found: MessageKeys | None = None,
) -> Iterator[Revision]:
    """Each key in the commits' messages and headers, once, as the first
    listed commit's ``<commit message>`` or ``<commit header>``: an author
    name or an extra header is as public as a file.  ``worth``: see
    ``message_keys``; ``found``: its answer, when made already (by the
    process of the blob scan that was free first)."""
    hits, people, large = found if found is not None else message_keys(root, commits, scan, worth)
    for sha in commits:
        if sha not in hits:
            continue
        commit = Commit(sha, *people[sha])  # scrubs the author: once a commit
        for where, data, keys in hits[sha]:
            yield Revision(
                where, data, FirstOf(keys),
                commit=commit.sha, author=commit.author, date=commit.date,
                stream=BlobAt(root, sha, large[sha], 'commit') if data is None else None,
            )


def message_keys(
        root: str, commits: Sequence[str], scan: Scan,
        worth: Callable[[bytes], bool] | None = None,
) -> MessageKeys:
    """The keys in the commits' messages and headers, each for the first
    listed commit holding it (``MessageKeys``).  ``worth``: a test
    every content ``scan`` could find something in passes (the blob test):
    commits are then asked it a batch at a time, and only a batch that
    passes is scanned commit by commit."""
    first: set[str] = set()
    hits: dict[str, list[tuple[str, bytes | None, set[str]]]] = {}
    people: dict[str, tuple[str, str]] = {}
    large: dict[str, int] = {}

    def scan_one(sha: str, raw: bytes) -> None:
        nonlocal first
        head, message = object_parts(raw)
        for where, data in ((COMMIT_HEADER, head), (COMMIT_MESSAGE, message)):
            new = keys_in(scan, data, where) - first if data else set()
            if new:
                first |= new
                hits.setdefault(sha, []).append((where, data, new))
        if sha in hits:
            people[sha] = _person(head, b'author ')

    batch = _Batch(worth, scan_one)
    # Read whole as bytes up to a window (no ``Blob`` and no call a commit).
    for sha, obj in stream_blobs(root, list(commits), whole=WINDOW):
        if type(obj) is not bytes:  # over a window: scanned whole (headers too) in windows
            batch.flush()  # keys go to the first listed commit: keep the order
            new = streamed_keys(scan, obj, COMMIT_MESSAGE) - first
            if new:
                first |= new
                large[sha] = obj.size
                hits[sha] = [(COMMIT_MESSAGE, None, set(new))]
                people[sha] = _person(_head_of(root, sha, 'commit', obj.size), b'author ')
            continue
        batch.add(sha, obj)
    batch.flush()
    return hits, people, large


def _head_of(root: str, sha: str, kind: str, size: int | None = None) -> bytes:
    """The header lines of a commit or tag too large to read whole (they
    come first, and are short: a few KB).  ``size``: the object's, when
    the caller has it (else git is asked)."""
    if size is None:
        size = int(git(root, 'cat-file', '-s', sha))
    obj = BlobAt(root, sha, size, kind)
    try:
        return obj.read(min(size, 1 << 16)).partition(b'\n\n')[0]
    finally:
        obj.close()


# Commits read are asked the blob test this many bytes at a time.
_BATCH = 256 << 10


class _Batch:
    """Objects on their way to ``scan_one``, less whole batches of them that
    ``worth`` fails when joined: a keyword in one object is in the batch;
    bytes that may be UTF-16/32 text anywhere in it (NUL, a byte order
    mark) keep the batch.  A batch that passes is halved, and each half
    asked again, down to the objects that pass alone: one commit with a
    keyword costs a few tests of its batch's bytes, not a scan of every
    commit beside it.  No ``worth``: each object goes at once."""

    def __init__(self, worth: Callable[[bytes], bool] | None,
                 scan_one: Callable[[str, bytes], None]) -> None:
        self._worth = worth
        self._scan_one = scan_one
        self._held: list[tuple[str, bytes]] = []
        self._size = 0

    def add(self, sha: str, raw: bytes) -> None:
        if self._worth is None:
            self._scan_one(sha, raw)
            return
        self._held.append((sha, raw))
        self._size += len(raw)
        if self._size >= _BATCH:
            self.flush()

    def flush(self) -> None:
        held, self._held, self._size = self._held, [], 0
        if held:
            self._sift(held)

    def _sift(self, held: list[tuple[str, bytes]]) -> None:
        joined = b'\n'.join(raw for _sha, raw in held)
        if (self._worth is not None and not self._worth(joined) and b'\0' not in joined
                and b'\xff\xfe' not in joined and b'\xfe\xff' not in joined
                and b'\nencoding ' not in joined):  # a message the test cannot read raw
            return
        if len(held) > 1:
            half = len(held) // 2  # in order: keys go to the first listed commit
            self._sift(held[:half])
            self._sift(held[half:])
            return
        self._scan_one(*held[0])


# Header lines that hold only an object id (a sha-256 id is 64 hex: kept
# out so the legacy rule never reads one), or a tag's ``type``.  Left out
# by their value, never by their name alone: git reads these headers only
# where it expects them, so a hand-made object can carry one more (after
# the author) with any text in it, and git stores it.
_ID_HEADERS = (b'tree ', b'parent ', b'object ')
_TYPE_HEADERS = frozenset((b'type commit', b'type tree', b'type blob', b'type tag'))
_HEX = frozenset(b'0123456789abcdef')


def _id_only(line: bytes) -> bool:
    """Whether a header line is an id header holding an id and nothing
    else, or a tag's ``type`` line."""
    if line in _TYPE_HEADERS:
        return True
    if not line.startswith(_ID_HEADERS):
        return False
    value = line.partition(b' ')[2]
    return len(value) in (40, 64) and _HEX.issuperset(value)


def object_parts(raw: bytes) -> tuple[bytes, bytes]:
    """(header lines but object ids, message) of a raw commit or tag.

    A message stored in another encoding (an ``encoding`` header, as
    ``i18n.commitEncoding`` writes) is what git shows decoded: it comes
    with its UTF-8 reading appended, when Python knows the encoding."""
    head, _sep, message = raw.partition(b'\n\n')
    lines = head.split(b'\n')
    kept = b'\n'.join(line for line in lines if not _id_only(line))
    for line in lines:
        if line.startswith(b'encoding ') and message:
            message += as_utf8(message, line[len(b'encoding '):])
    return kept, message


def _person(head: bytes, field: bytes) -> tuple[str, str]:
    """(``name <email>``, ISO date) from a raw commit's ``author`` or a
    tag's ``tagger`` header."""
    import datetime

    from together_hooks.detect.scrub import scrub

    for line in head.split(b'\n'):
        if line.startswith(field):
            who, _sep, rest = line[len(field):].rpartition(b'> ')
            stamp, _sep, zone = rest.decode('ascii', 'replace').partition(' ')
            try:
                sign = -1 if zone.startswith('-') else 1
                offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
                when = datetime.datetime.fromtimestamp(
                    int(stamp), datetime.timezone(sign * offset),
                ).isoformat()
            except (ValueError, IndexError):
                when = ''
            return scrub(who.decode('utf-8', 'replace') + '>'), when
    return '', ''


def tag_messages(
        root: str, tags: Sequence[str], scan: Scan, worth: Callable[[bytes], bool] | None = None,
) -> Iterator[Revision]:
    """Each key in annotated tags' messages (``<tag message>``) and headers
    (the tagger, extra headers: ``<commit header>``), and in those of every
    tag they tag in turn: a tag of a tag carries the inner tag object to
    every remote it is pushed to, though no ref names the inner one.
    ``worth``: see ``message_keys`` (tags are sifted as commits are, a
    batch at a time: ``_Batch``); the answers keep the tags' order."""
    seen: set[str] = set()
    todo = list(tags)
    while todo:
        batch = [t for t in dict.fromkeys(todo) if t not in seen]
        seen.update(batch)
        todo = []
        found: list[Revision] = []
        sift = _Batch(worth, lambda sha, raw: found.extend(_tag_message(sha, raw, scan)))
        for sha, obj in stream_blobs(root, batch):
            if obj.size > WINDOW:  # scanned whole (headers too) in windows
                sift.flush()  # the tags before it first
                yield from found
                found.clear()
                head = _head_of(root, sha, 'tag', obj.size)
                inner = _tagged_tag(head)
                if inner is not None:
                    todo.append(inner)
                if streamed_keys(scan, obj, TAG_MESSAGE):
                    tagger, date = _person(head, b'tagger ')
                    yield Revision(
                        TAG_MESSAGE, None, _all, commit=sha, author=tagger, date=date,
                        stream=BlobAt(root, sha, obj.size, 'tag'), tag=_tag_name(head),
                    )
                continue
            raw = obj.read()
            inner = _tagged_tag(raw)
            if inner is not None:
                todo.append(inner)
            sift.add(sha, raw)  # scanned at once with no ``worth``, else a batch at a time
            yield from found
            found.clear()
        sift.flush()
        yield from found


def _tagged_tag(raw: bytes) -> str | None:
    """The object a raw tag names when that object is itself a tag."""
    head = raw.partition(b'\n\n')[0].split(b'\n')
    if b'type tag' not in head:
        return None
    for line in head:
        if line.startswith(b'object '):
            return line[len(b'object '):].decode('ascii', 'replace').strip()
    return None


def _tag_name(head: bytes) -> str:
    """The name a tag object's ``tag`` header gives it (scrubbed on
    output as every line is: a name may hold a key)."""
    for line in head.split(b'\n'):
        if line.startswith(b'tag '):
            return line[4:].decode('utf-8', 'surrogateescape').strip()
    return '(no name)'


def _tag_message(sha: str, raw: bytes, scan: Scan) -> Iterator[Revision]:
    head, message = object_parts(raw)
    tagger, date = _person(head, b'tagger ')
    name = _tag_name(head)
    for where, data in ((COMMIT_HEADER, head), (TAG_MESSAGE, message)):
        if data and keys_in(scan, data, where):
            yield Revision(where, data, _all, commit=sha, author=tagger, date=date, tag=name)


def notes_on(
        root: str, include: Sequence[str], exclude: Sequence[str], scan: Scan,
) -> Iterator[Revision]:
    """The notes every ``refs/notes/*`` ref holds on the commits of the
    range (``range_commits``; listed only where a notes ref is) (``git
    notes``: a note is a blob in the notes ref's tree, named by the id of
    the commit it is on, pushed with ``git push origin refs/notes/*``), as
    ``<note>`` stamped with that commit: ``--diff`` reads them as the
    server gate reads a pushed notes ref."""
    # Only a ref naming a commit (or a tag of one) holds notes: one a tool
    # left naming a blob or a tree has none, and must fail no scan.
    refs = [
        name for kind, peeled, name in (
            line.split(' ', 2) for line in git(
                root, 'for-each-ref', '--format=%(objecttype) %(*objecttype) %(refname)',
                'refs/notes',
            ).decode('utf-8', 'surrogateescape').splitlines() if line.count(' ') >= 2
        ) if kind == 'commit' or peeled == 'commit'
    ]
    if not refs:
        return
    wanted = set(range_commits(root, include, exclude, '--diff')[0])
    on: dict[str, str] = {}  # note blob -> the commit it is on
    for ref in refs:
        for entry in zfields(git(root, 'ls-tree', '-r', '-z', '--full-tree', ref + '^{tree}', '--')):
            meta, _, name = entry.partition(b'\t')
            target = name.replace(b'/', b'').decode('ascii', 'replace')
            fields = meta.split()
            if target in wanted and len(fields) == 3 and fields[1] == b'blob':
                on.setdefault(fields[2].decode('ascii'), target)
    for sha, blob in stream_blobs(root, list(on)):
        if blob.size > WINDOW:
            if streamed_keys(scan, blob, NOTE):
                yield Revision(NOTE, None, _all, commit=on[sha], stream=BlobAt(root, sha, blob.size))
            continue
        data = blob.read()
        if keys_in(scan, data, NOTE):
            yield Revision(NOTE, data, _all, commit=on[sha])


def tags_on_the_way(
        root: str, rev: str, scan: Scan, revisions: Revisions | None = None,
) -> Iterator[Revision]:
    """``tag_messages`` of the annotated tags ``rev`` names on its way to
    an object that is no tag (a tag, a tag of a tag): ``--diff BASE...TAG``
    brings the tag too, as ``git push`` of it does.  ``revisions``: the
    run's names already asked (``ranges.Revisions``): a ``rev`` it knows
    as no tag has none on its way, and starts no git."""
    tags = []
    known = revisions.known(rev) if revisions is not None else None
    if known is not None and known[1] != 'tag':
        return
    sha = known[0] if known is not None else git(
        root, 'rev-parse', '--verify', '--quiet', rev, ok=(0, 1)).decode().strip()
    while sha and git(root, 'cat-file', '-t', sha).strip() == b'tag':
        tags.append(sha)
        first = _head_of(root, sha, 'tag').split(b'\n', 1)[0]  # object <sha>
        sha = first.partition(b' ')[2].decode('ascii', 'replace')
    yield from tag_messages(root, tags, scan)


def ref_names(names: Iterable[str], scan: Scan) -> Iterator[Content]:
    """Each ref name that holds a key, as ``<ref name>`` (line = which).
    A ref name is a path, not prose: its ``/`` parts a name from a value
    as ``=`` does in a file (``refs/heads/together-api-key/<key>`` names
    a key as clearly as ``refs/heads/together-api-key=<key>``), so the
    names are read again with each ``/`` as ``=``; a key found only so is
    reported on that reading of its line."""
    listed = [n for n in names if n]
    if not listed:
        return
    data = '\n'.join(listed).encode('utf-8', 'surrogateescape')
    found = keys_in(scan, data, REF_NAME)
    if found:
        yield Content(REF_NAME, data)
    if b'/' in data:
        read = data.replace(b'/', b'=')
        new = keys_in(scan, read, REF_NAME) - found
        if new:
            yield Revision(REF_NAME, read, FirstOf(set(new)))


def push_options(options: Iterable[str], scan: Scan) -> Iterator[Content]:
    """Each ``git push -o`` text that holds a key, as ``<push option>``
    (line = which): the remote receives it with the push (its hooks as
    ``GIT_PUSH_OPTION_<n>``; GitLab keeps ``ci.variable=...`` as a
    pipeline variable)."""
    return _lines(PUSH_OPTION, options, scan)


def push_certificate(root: str, sha: str, scan: Scan) -> Iterator[Content]:
    """The certificate of a signed push (``git push --signed``;
    ``GIT_PUSH_CERT`` names its blob), as ``<push certificate>`` when it
    holds a key: its pusher (the signing key's id, or the committer's name
    and email), its push options and ref lines.  git stores it in the
    repository itself, before any hook runs and whether or not the push is
    accepted."""
    for _sha, blob in stream_blobs(root, [sha]):
        if blob.size > WINDOW:  # in windows, then again for the report
            if streamed_keys(scan, blob, PUSH_CERTIFICATE):
                yield Content(PUSH_CERTIFICATE, stream=BlobAt(root, sha, blob.size))
            continue
        data = blob.read()
        if keys_in(scan, data, PUSH_CERTIFICATE):
            yield Content(PUSH_CERTIFICATE, data)


def _lines(label: str, texts: Iterable[str], scan: Scan) -> Iterator[Content]:
    listed = [t for t in texts if t]
    data = '\n'.join(listed).encode('utf-8', 'surrogateescape')
    if listed and keys_in(scan, data, label):
        yield Content(label, data)


def beside_commits(
        root: str, tips: Sequence[str], exclude: Sequence[str], scan: Scan,
        peel: list[tuple[str, str, str]] | None = None,
) -> Iterator[Revision]:
    """Blobs a ref reaches through no commit: a tag (lightweight or
    annotated, through any chain of tags) or any ref naming a blob or a
    tree.  ``git tag t <blob>`` stores the blob on every remote it is
    pushed to, and no commit log ever lists it.  Objects ``exclude``
    reaches are not scanned; a blob is reported at its path in the tagged
    tree, or as ``<tagged blob>``, with the tip that reaches it.  A tagged
    tree's entry names (files, folders, submodules) are ``<path name>``.
    ``peel``: ``peeled(root, tips)``, when the caller has it.
    """
    peel = peeled(root, tips) if peel is None else peel
    # Tagged blobs, all at once: one walk and one read for thousands of
    # them (``git push --mirror`` of blob tags ran three gits each, and
    # 1,000 of them passed the server's timeout).
    tagged: dict[str, list[str]] = {}
    for tip, sha, kind in peel:
        if kind == 'blob':
            tagged.setdefault(sha, []).append(tip)
    if tagged:
        out = git(root, 'rev-list', '--objects', *tagged,
                  *(['--not', *exclude] if exclude else []), '--')
        unreached = {line[:line.find(' ')] if ' ' in line else line
                     for line in out.decode('ascii', 'replace').split('\n')}
        for sha, blob in stream_blobs(root, [s for s in tagged if s in unreached]):
            if blob.size > WINDOW:  # in windows, then again for the report
                if streamed_keys(scan, blob, TAGGED_BLOB):
                    for tip in tagged[sha]:
                        yield Revision(TAGGED_BLOB, None, _all, commit=tip,
                                       stream=BlobAt(root, sha, blob.size),
                                       reached=_reached(tip, sha, 'blob'))
                continue
            data = blob.read()
            if keys_in(scan, data, TAGGED_BLOB):
                for tip in tagged[sha]:
                    yield Revision(TAGGED_BLOB, data, _all, commit=tip,
                                   reached=_reached(tip, sha, 'blob'))
    starts = [(tip, sha, kind) for tip, sha, kind in peel if kind == 'tree']
    for tip, start, kind in starts:
        out = git(root, 'rev-list', '--objects', start,
                  *(['--not', *exclude] if exclude else []), '--')
        names: dict[str, str] = {}
        for line in out.decode('utf-8', 'surrogateescape').split('\n'):
            sha, _sep, path = line.partition(' ')
            if len(sha) in (40, 64) and sha not in names:
                names[sha] = path
        kinds = git(
            root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
            input=''.join(s + '\n' for s in names).encode(),
        ).decode('ascii', 'replace').splitlines()
        blobs = [p[0] for p in (k.split() for k in kinds) if len(p) == 2 and p[1] == 'blob']
        for sha, blob in stream_blobs(root, blobs):
            path = to_display(names[sha]) if names[sha] else TAGGED_BLOB
            if blob.size > WINDOW:  # in windows, then again for the report
                if streamed_keys(scan, blob, path):
                    yield Revision(path, None, _all, commit=tip, stream=BlobAt(root, sha, blob.size),
                                   reached=_reached(tip, start, kind))
                continue
            data = blob.read()
            if keys_in(scan, data, path):
                yield Revision(path, data, _all, commit=tip, reached=_reached(tip, start, kind))
        if start in names:  # a tree ``exclude`` does not reach: its entries' names too
            listed = b'\n'.join(sorted(tree_names(root, [start], [(tip, start, kind)])))
            if listed and keys_in(scan, listed, PATH_NAME):
                yield Revision(PATH_NAME, listed, _all, commit=tip,
                               reached=_reached(tip, start, kind))


def _reached(tip: str, sha: str, kind: str) -> str:
    """What ``tip`` is, for a report (``Finding.reached``): the blob or
    tree itself, a tag (through any chain of tags) that reaches it, or a
    name given on the command line (``scan --commits NAME``)."""
    if tip == sha:
        return kind
    if len(tip) in (40, 64) and not tip.strip('0123456789abcdef'):
        return 'tag'
    return 'ref'


def walk_path_names(root: str, revs: Sequence[str]) -> tuple[Walk, set[bytes]]:
    """The distinct path names the commits of ``revs`` ever stored, filled
    in by one streamed ``git log --raw`` in the background (``Walk``).

    Only the entries a commit adds (``--diff-filter=A``): every name a
    commit's tree holds was added by it or by an ancestor (a merge shows
    those that differ from all its parents, ``-c``).  ``-t`` names the
    folders themselves (an empty one too), and a submodule (gitlink) entry
    is listed like a file, where ``rev-list --objects`` skips it.  Trees
    git walks anyway, it walks once: this costs git no more than the
    reachability walk, and its output is a tenth of that walk's.
    """
    names = AddedNames()
    walk = Walk(
        root, 'log', '--raw', '--no-abbrev', '--root', '-c', '-t', '--no-renames',
        '--ignore-submodules=none', '--diff-filter=A', '-z', '--format=', *revs, '--',
        each=names,
    )
    return walk, names.names


def tree_names(
        root: str, tips: Sequence[str], peel: list[tuple[str, str, str]] | None = None,
) -> set[bytes]:
    """Every path name in the trees ``tips`` peel to (a tag of a tree, a
    ref naming one): no commit's log lists them.  ``peel``:
    ``peeled(root, tips)``, when the caller has it."""
    names: set[bytes] = set()
    for _tip, sha, kind in peeled(root, tips) if peel is None else peel:
        if kind == 'tree':
            out = git(root, 'ls-tree', '-r', '-t', '-z', '--name-only', sha)
            names.update(n for n in zfields(out) if n)
    return names


def peeled(root: str, tips: Sequence[str]) -> list[tuple[str, str, str]]:
    """(tip, the object it peels to through any chain of tags, its type)."""
    listed = [t for t in tips if t]
    if not listed:
        return []
    peeled = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
        input=''.join(f'{t}^{{}}\n' for t in listed).encode('utf-8', 'surrogateescape'),
    ).decode('ascii', 'replace').splitlines()
    found = []
    for tip, line in zip(listed, peeled):
        parts = line.split()
        if len(parts) == 2:
            found.append((tip, parts[0], parts[1]))
    return found


def history_path_names(
        root: str, revs: Sequence[str], scan: Scan, names: set[bytes],
) -> Iterator[Revision]:
    """Each key in the name of a path any commit of ``revs`` has, as
    ``<path name>`` of the oldest commit that added that path (``names``:
    from ``walk_path_names`` and ``tree_names``)."""
    if not names or not keys_in(scan, b'\n'.join(sorted(names)), PATH_NAME):
        return
    first: set[str] = set()
    for name in sorted(names):
        new = keys_in(scan, name, PATH_NAME) - first
        if not new:
            continue
        first |= new
        path = os.fsdecode(name)
        out = git(
            root, 'log', '--reverse', '--format=%H%x02%an <%ae>%x02%aI', *revs,
            '--', f':(literal){path}',
        ).decode('utf-8', 'replace').splitlines()
        sha, author, date = (out[0].split('\x02') + ['', '', ''])[:3] if out else ('', '', '')
        commit = Commit(sha, author, date) if sha else None
        yield Revision(
            PATH_NAME, name, FirstOf(new), commit=sha or None,
            author=commit.author if commit is not None else None,
            date=commit.date or None if commit is not None else None,
        )


def _all(findings: list[Finding]) -> list[Finding]:
    return findings


def _refs(root: str, *patterns: str) -> tuple[list[str], list[str], list[str]]:
    """(annotated tag objects, ref names, tips that are no commit) of the
    refs ``patterns`` name (every ref without)."""
    refs = git(
        root, 'for-each-ref', '--format=%(objecttype) %(objectname) %(refname)', *patterns,
    ).decode('utf-8', 'surrogateescape')
    tags, names, tips = [], [], []
    for line in refs.splitlines():
        kind, sha, name = line.split(' ', 2)
        names.append(name)
        if kind == 'tag':
            tags.append(sha)
        if kind != 'commit':
            tips.append(sha)
    return tags, names, tips


def _refs_peeled(root: str) -> tuple[list[str], list[str], list[str], list[tuple[str, str, str]]]:
    """``_refs(root)`` and ``peeled(root, tips)`` of its tips, the peel
    read by the same ``for-each-ref`` where it answers as ``^{}`` would.

    ``%(*objecttype) %(*objectname)`` is the object a tag's header names,
    its type as the store holds it: ``X^{}`` when that is no tag and the
    header's own ``type`` says the same (``^{}`` refuses a tag whose
    header misnames its object's type).  A tag of a tag (git peels
    ``*`` one level or fully, by version: the header says ``tag`` either
    way) or a misnamed type sends every tip to ``peeled``, as before; a
    ``for-each-ref`` that fails (a tag whose object is missing, or whose
    header misnames an object another ref names: ``*`` fails where
    ``^{}`` answers "missing") gives way to ``_refs`` and
    ``peeled`` whole."""
    out = git_probe(
        root, 'for-each-ref',
        '--format=%(objecttype) %(objectname) %(type) %(*objecttype) %(*objectname) %(refname)',
    )
    if out is None:
        tags, names, tips = _refs(root)
        return tags, names, tips, peeled(root, tips)
    tags, names, tips = [], [], []
    peel: list[tuple[str, str, str] | None] = []
    for line in out.decode('utf-8', 'surrogateescape').splitlines():
        kind, sha, said, ptype, psha, name = line.split(' ', 5)
        names.append(name)
        if kind == 'tag':
            tags.append(sha)
        if kind == 'commit':
            continue
        tips.append(sha)
        if kind != 'tag':
            peel.append((sha, sha, kind))
        elif said == ptype and ptype in ('commit', 'tree', 'blob') and len(psha) == len(sha):
            peel.append((sha, psha, ptype))
        else:
            peel.append(None)
    if None in peel:
        return tags, names, tips, peeled(root, tips)
    return tags, names, tips, peel  # type: ignore[return-value]


def history_extras(
        root: str, since: str | None, scan: Scan, log: CommitLog | None = None,
        worth: Callable[[bytes], bool] | None = None, commits: CommitList | None = None,
        walked: Walked | None = None, messages: Beside | None = None,
) -> Iterator[Content]:
    """``--history`` beyond blobs: every commit message, tag message and
    ref name (only commits not reachable from ``since``, with it).

    The two walks of the whole history it needs (the commits in order, and
    every path name) start now, in the background: git walks while the
    caller scans blobs, and only their scanning is left for the end.
    ``log``: the blob scan's commit walk (``scan_history(names=True)``),
    whose path names are taken instead of a walk of their own, and
    ``commits``: its list of the commits (``scan_history(names=True)``);
    both closed here.  ``worth``: see ``commit_messages``; ``walked``
    counts the commits; ``messages``: ``message_keys`` of the commits,
    when the blob scan was given it to do beside (``history.Beside``):
    its answer is taken where the scan did it."""
    args = ['--all', '--not', since] if since else ['--all']
    try:
        listed = commits if commits is not None else CommitList(root, args)
        named = log if log is not None else walk_path_names(root, args)
    except BaseException:
        for walk in (log, commits):
            if walk is not None:
                walk.close()
        raise
    return _extras(root, since, args, scan, listed, named, worth, walked, messages)


def _extras(
        root: str, since: str | None, args: list[str], scan: Scan,
        listed: CommitList, named: CommitLog | tuple[Walk, set[bytes]],
        worth: Callable[[bytes], bool] | None = None, walked: Walked | None = None,
        messages: Beside | None = None,
) -> Iterator[Content]:
    try:
        commits = listed.result()
        if walked is not None:
            walked.commits = len(commits)
        found = messages.result if messages is not None and messages.done else None
        yield from commit_messages(root, commits, scan, worth, found)  # type: ignore[arg-type]
        tags, names, tips, peel = _refs_peeled(root)
        yield from tag_messages(root, tags, scan, worth)
        yield from ref_names(names, scan)
        if isinstance(named, CommitLog):
            added = named.added_names()
        else:
            named[0].wait()
            added = named[1]
        yield from history_path_names(root, args, scan, added | tree_names(root, tips, peel))
        # What a branch reaches, the commit log above has scanned already.
        yield from beside_commits(
            root, tips, ['--branches', '--remotes', *([since] if since else [])], scan, peel,
        )
    finally:
        listed.close()
        (named if isinstance(named, CommitLog) else named[0]).close()


def local_refs_extras(
        root: str, exclude: Sequence[str], scan: Scan, sent: list[str] | None = None,
        also: Sequence[str] = (), objects: tuple[list[str], list[str]] = ([], []),
        every: bool = True,
) -> Iterator[Content]:
    """What a push of local branches and tags may carry beyond commits:
    annotated tags' messages, the refs' names, and blobs or trees a tag
    points at (those ``exclude`` reaches are not scanned).  ``sent``: the
    names the push gives refs on the remote (``sent_names``), scanned in
    place of every local ref's name where they are known; ``also``: more
    names (``remote_names``), each scanned once with them.  ``objects``:
    the tags and other objects that are no commit the push sends by
    refspec beside those refs (``sent_objects``).  ``every``: the push may
    send any local ref (its refspecs not read whole): every local tag's
    message and tagged object are read; else only what ``objects`` holds,
    the refs it names (a local tag or ``git replace`` ref it does not send
    stays local)."""
    tags, names, tips = (_refs(root, 'refs/heads', 'refs/tags', 'refs/notes', 'refs/replace') if every
                         else ([], [], []))
    tags = list(dict.fromkeys([*tags, *objects[0]]))
    tips = list(dict.fromkeys([*tips, *objects[1]]))
    yield from tag_messages(root, tags, scan)
    yield from ref_names(dict.fromkeys([*(names if sent is None else sent), *also]), scan)
    yield from beside_commits(root, tips, exclude, scan)


# ---------------------------------------------------------------- pre-push

# Every local ref a push can send (branches, tags, notes, HEAD, any other
# namespace), but copies of a remote's refs, the stash, the backups git
# filter-branch and maintenance keep, and ``git replace`` refs: a local
# view of history (``git replace --graft`` stitching an archive's old
# commits on), never sent unless named, and a push that names them
# (a refspec, ``--mirror``, a push the hook cannot see) reads them as
# ``_pushable`` adds them.  Read, a key in an archive's commit refused
# every push of a branch that never sends it.
LOCAL_REFS = (
    '--exclude=refs/remotes/*', '--exclude=refs/stash', '--exclude=refs/original/*',
    '--exclude=refs/prefetch/*', '--exclude=refs/replace/*', '--all',
)


def pushed(
        root: str, environ: dict[str, str] | os._Environ[str], filenames: Sequence[str],
        scan: Scan, remotes: Remotes | None = None,
) -> Iterator[Content] | None:
    """What a push brings, as pre-commit describes it to a pre-push hook;
    None when this is not a push.

    ``PRE_COMMIT_FROM_REF``/``TO_REF``: the commits of TO not in FROM nor on
    the remote's branches.  A first push (pre-commit passes all files and
    no refs, only ``PRE_COMMIT_REMOTE_NAME``/``LOCAL_BRANCH``): the local
    branch's commits not on the remote.

    pre-commit passes the files the whole push changes, after its
    ``files``/``exclude``/``types`` filters: a path it could have passed
    but did not was filtered out by the config and is skipped; a path
    outside that list (added then deleted, or changed back, inside the
    push) is scanned, since no filter ever saw it.

    pre-commit describes only the first ref of a push that sends commits
    (``git push origin main topic``, ``--all``): the commits of the other
    refs the ``git push`` names are scanned too (``sent_refs``), so a key
    on a second pushed branch is not let through.  Where its refspecs
    cannot be read whole (``sent_names`` is None: the ``git push`` not
    seen, ``--all``, ``--tags``, ``--follow-tags``, a pattern, a mirror,
    ``matching``), the commits of every local branch and tag the
    remote's branches do not have, every annotated tag's message and the
    blobs and trees a tag points at are (``git push --tags`` sends them,
    and pre-commit may describe another ref, or none of them); where
    they can, a local branch, tag or ``git replace`` ref the push does
    not send is not read (it was refused "one ``git push`` away", which
    blocked a clean push of main for a key on a work-in-progress branch;
    its own push is judged when it comes).  The names the push sends
    are scanned (``sent_names``: every local branch and tag name where
    those are not known).

    pre-commit runs a hook in batches of files when they are many: each
    batch reports the keys of its own files, and one of them (the first to
    ask, ``_first_batch``) what belongs to no passed file (paths pre-commit
    never saw, path names, messages, tags), so the push is reported once.
    ``remotes``: the run's (``Remotes``), when the caller asks more of it.
    """
    remotes = remotes or Remotes(root)  # read once for the whole push
    remote = environ.get('PRE_COMMIT_REMOTE_NAME')
    seen = _git_push_argv()  # the ancestors read once, for all of them
    # The refs this push sends, where its command line tells them (as for
    # forbid-env-files); every local ref it may send where it does not.
    names = sent_names(root, remote, seen, remotes) if remote else None
    sent = sent_refs(root, sent_sources(root, remote, remotes)) if names is not None else None
    described = push_range(root, environ, sent, remotes=remotes)
    if described is None:
        return None
    include, exclude, listed = described
    from_ref = environ.get('PRE_COMMIT_FROM_REF')
    to_ref = environ.get('PRE_COMMIT_TO_REF')
    local = environ.get('PRE_COMMIT_LOCAL_BRANCH')
    passed = passed_paths(root, filenames)
    considered = offered_paths(root, listed)

    import sys

    options = [a for a in sys.argv[1:] if a not in set(filenames)]
    whole = _first_batch(root, '\0'.join(
        [from_ref or '', to_ref or '', remote or '', local or '', *options]))

    def wanted(path: str) -> bool:
        return path in passed or (whole and path not in considered)

    found = added_by_commits(
        root, include, exclude, scan, 'pre-push range', wanted, messages=whole, names=whole,
        sent=True, remotes=remotes,
    )
    if not whole:
        return found
    import itertools

    argv = seen or []
    return itertools.chain(
        found, local_refs_extras(
            root, exclude, scan, names,
            [*remote_names(root, environ, argv, remotes), *names_beyond(root, remote, seen, remotes)],
            sent_objects(root, sent_sources(root, remote, remotes)), every=names is None),
        push_options(sent_push_options(root, argv), scan),
        _lines(PUSH_CERTIFICATE, signed_pusher(root, argv), scan),
        submodule_commits(root, include, exclude, scan),
    )


def push_range(
        root: str, environ: dict[str, str] | os._Environ[str], sent: list[str] | None = None,
        remotes: Remotes | None = None,
) -> tuple[list[str], list[str], bytes] | None:
    """(include, exclude, the files pre-commit offers, NUL-separated) of
    the push pre-commit describes to a pre-push hook (``pushed``); None
    when this is not a push.  ``sent``: the refs besides pre-commit's
    first one to read (``sent_refs``); every ref this push may send
    (``_pushable``) when not given."""
    from_ref = environ.get('PRE_COMMIT_FROM_REF')
    to_ref = environ.get('PRE_COMMIT_TO_REF')
    remote = environ.get('PRE_COMMIT_REMOTE_NAME')
    local = environ.get('PRE_COMMIT_LOCAL_BRANCH')
    remotes = remotes or Remotes(root)
    exclude = remotes.refs(remote) if remote else []
    more = _pushable(root, remote, remotes) if sent is None else sent
    if from_ref and to_ref:
        # The files pre-commit was shown, by its own command: its diff
        # follows renames (a moved file's old name is not offered) and sees
        # replace refs and grafts; a path only they hide was never offered.
        return [to_ref, *more], [*_bound(root, remotes, remote, from_ref, to_ref), *exclude], remotes.offered(
            from_ref, to_ref)
    if remote and local:
        return [local, *more], exclude, git(root, 'ls-files', '-z')
    return None


def _bound(root: str, remotes: Remotes, remote: str | None, from_ref: str, to_ref: str) -> list[str]:
    """``PRE_COMMIT_FROM_REF`` as a bound of the push's range, or nothing.
    For a branch the remote has, it is the remote's old value; for a new
    one, pre-commit's own guess: the parent of the first commit its
    ``git rev-list --topo-order --reverse TO --not --remotes=<name>``
    lacks, a walk that takes what other remotes write into that namespace
    (a remote named ``origin/internal``, one fetching into
    ``refs/remotes/origin/*``) and follows replace refs and grafts (a
    pushed ``git replace --graft`` makes it the commit that holds a key).
    pre-commit has read git's ref lines, so the hook asks that walk again
    (one git): a bound equal to its guess is dropped, and the destination's
    own tracking refs bound the range alone.  The remote's old value is
    kept (a clone whose tracking refs are stale, after a push by URL, is
    not blamed for what the remote has), and so is any bound where the
    remote pushes elsewhere (a URL, a ``pushurl``: without it every push
    would read the whole branch)."""
    if not (remote and remote in remotes.names() and remotes.pushes_where_it_fetches(remote)):
        return [from_ref]
    walk = git(root, 'rev-list', '--topo-order', '--reverse', '--parents', to_ref,
               '--not', f'--remotes={remote}', '--', ok=(0, 128), rewrites=True)
    first = walk.split(b'\n', 1)[0].split()
    guess = first[1].decode() if len(first) > 1 else None
    return [] if guess is not None and guess == from_ref else [from_ref]


def sent_refs(root: str, sources: list[str] | None) -> list[str] | None:
    """The revisions the ``git push`` running the hook sends, as git picks
    them (besides the one pre-commit describes), from its ``sent_sources``:
    each name as the commit it names (a ref naming no commit sends none;
    ``sent_trees`` reads those); None when those are not known."""
    if sources is None:
        return None
    revs = []
    for source in sources:
        if source in _SOURCE_REFS or source.startswith('--glob='):
            revs.append(source)
            continue
        sha = git(root, 'rev-parse', '--verify', '--quiet', '--end-of-options',
                  f'{source}^{{commit}}', ok=(0, 1)).strip()
        if sha:
            revs.append(sha.decode())
    return revs


def sent_sources(root: str, remote: str | None, remotes: Remotes | None = None) -> list[str] | None:
    """The refs the ``git push`` running the hook sends, as git picks them
    (besides the one pre-commit describes), as named: its refspecs'
    sources (a name, or ``--glob=<pattern>``), else the remote's
    ``remote.<name>.push``, else the current branch (``push.default``
    simple, current, upstream: ``HEAD``); ``--branches`` for ``--all``,
    ``--tags`` for ``--tags``, ``--all`` for ``--mirror`` or a mirror
    remote.  None where that is not known: the ``git push`` cannot be seen
    (no ``/proc``, git run under another name), or it sends the branches
    the remote has names for (``:``, ``push.default=matching``)."""
    remotes = remotes or Remotes(root)
    if remote and remotes.mirror(remote):
        return ['--all']
    argv = _git_push_argv()
    if not _readable(argv):
        return None
    every = []
    for arg in _option_words(argv):  # an option's value (``-o -d``) is never one
        name = arg.partition('=')[0]
        for option, refs in (('--all', '--branches'), ('--branches', '--branches'),
                             ('--mirror', '--all'), ('--tags', '--tags')):
            if _abbreviates(name, option):
                every.append(refs)
        if arg in ('-d', '--delete'):
            return []  # deletions send no commit
    if every:
        named = _refspec_sources(_positionals(argv)[1:])
        return None if named is None else [*every, *named]
    words = _positionals(argv)
    specs = words[1:]
    if not specs:
        specs = configured_push(root, remote or (words[0] if words else None), remotes)
    if not specs:
        default = git(root, 'config', '--get', 'push.default', ok=(0, 1)).strip()
        return None if default == b'matching' else ['HEAD']
    return _refspec_sources(specs)


def split_refspec(spec: str) -> tuple[str, str, str]:
    """(source, ``:`` or '', destination) of a push refspec, as git splits
    it: at its last colon, so ``<commit>:<path>:refs/tags/b`` and the
    index's ``:<path>:refs/tags/b`` send the blob at that path (git's
    ``parse_refspec``)."""
    source, colon, destination = spec.lstrip('+').rpartition(':')
    return (source, colon, destination) if colon else (destination, '', '')


def _refspec_sources(specs: Sequence[str]) -> list[str] | None:
    """The sources push refspecs send, as named (``--glob=`` for a
    pattern); None for ``:``."""
    sources = []
    for spec in specs:
        source = split_refspec(spec)[0]
        if spec.lstrip('+') == ':':
            return None  # matching: every branch the remote has a name for
        if source.startswith('^') or not source:
            continue  # a negative refspec, a deletion: nothing sent
        sources.append(f'--glob={source}' if '*' in source else source)
    return sources


# What ``sent_sources``' sets of refs are, as ``for-each-ref`` patterns
# (``--all``: every ref, ``refs/snap/x`` too).
_SOURCE_REFS = {'--branches': ('refs/heads',), '--tags': ('refs/tags',), '--all': ()}


def refspec_glob_matches(pattern: str, ref: str) -> bool:
    """Whether a push refspec's source pattern matches a ref as git's
    refspecs match: its one ``*`` stands for any run of characters, ``/``
    too (``refs/tags/*`` takes ``refs/tags/snap/x``, which a
    ``for-each-ref`` pattern does not)."""
    head, star, tail = pattern.partition('*')
    return (bool(star) and len(ref) >= len(head) + len(tail)
            and ref.startswith(head) and ref.endswith(tail))


def sent_trees(
        root: str, remote: str | None, sources: list[str] | None, remotes: Remotes | None = None,
) -> tuple[list[tuple[str, str]], bool]:
    """(ref, tree) of each ref the ``git push`` running the hook sends
    (``sent_sources``) that names a tree, not a commit (``git tag -a snap
    <tree>``, through any chain of tags): git sends every object of that
    tree, and no commit lists its paths.  Trees the remote's tracking refs
    already reach are left out.  The flag: whether those refs are surely
    sent (False: the ``git push`` cannot be read, and every local ref is
    taken, as ``--mirror`` sends them)."""
    sure = sources is not None
    trees = [(name, sha) for name, sha, kind in peeled(root, source_names(root, sources))
             if kind == 'tree']
    if trees and remote:
        out = git(root, 'rev-list', '--objects', '--no-walk', *{sha for _n, sha in trees},
                  '--not', *remote_refs(root, remote, remotes), '--')
        new = {line.split(' ', 1)[0] for line in out.decode('ascii', 'replace').splitlines()}
        trees = [(name, sha) for name, sha in trees if sha in new]
    return trees, sure


def source_names(root: str, sources: list[str] | None) -> list[str]:
    """``sent_sources`` as names ``cat-file`` reads, each once: a refspec's
    source as the push names it (a ref, an object id, ``rev:path``), a
    pattern or set of refs as the refs it takes; every ref when the push
    cannot be read (None)."""
    names: list[str] = []
    every: list[str] | None = None
    for source in ['--all'] if sources is None else sources:
        if not source.startswith('-'):
            names.extend(_from_any_folder(root, source))
            continue
        if source.startswith('--glob='):
            if every is None:
                every = _every_ref(root)
            names.extend(r for r in every if refspec_glob_matches(source[len('--glob='):], r))
            continue
        names.extend(git(root, 'for-each-ref', '--format=%(refname)',
                         *_SOURCE_REFS.get(source, ())).decode(
            'utf-8', 'surrogateescape').splitlines())
    return list(dict.fromkeys(n for n in names if n and '\n' not in n))


def object_path(name: str) -> tuple[str, str] | None:
    """(what leads, the path) of an object name that names a path in a
    tree or the index, as git reads one (``<rev>:<path>``, ``:<path>``,
    ``:<stage>:<path>``; ``:/<text>`` is a commit search); None for any
    other name."""
    if ':' not in name or name.startswith(':/'):
        return None
    if name.startswith(':'):
        lead = name[:3] if name[1:2] in ('0', '1', '2', '3') and name[2:3] == ':' else ':'
    else:
        lead = name[:name.index(':') + 1]
    return lead, name[len(lead):]


def _from_any_folder(root: str, name: str) -> list[str]:
    """``name``, or where it names a path relative to the folder the ``git
    push`` ran in (``HEAD:./x``, ``:../x``), which the hook (run at the
    top) cannot see, that path from every folder the tree or the index
    holds: one of them is the one git sent, so each is read."""
    split = object_path(name)
    if split is None:
        return [name]
    lead, path = split
    if not (path in ('.', '..') or path.startswith(('./', '../'))):
        return [name]
    import posixpath

    rev = lead[:-1] if lead not in (':', ':0:', ':1:', ':2:', ':3:') else ''
    listed = git(root, 'ls-files', '-z', '--full-name').split(b'\0')
    if rev:
        listed += git(root, 'ls-tree', '-r', '-z', '--name-only', '--full-tree', '--end-of-options',
                      rev, ok=(0, 128)).split(b'\0')
    folders = {''}
    for entry in listed:
        parts = os.fsdecode(entry).split('/')[:-1]
        folders.update('/'.join(parts[:i + 1]) for i in range(len(parts)))
    found = []
    for folder in sorted(folders):
        joined = posixpath.normpath(posixpath.join(folder, path))
        if joined != '..' and not joined.startswith('../'):
            found.append(lead + ('' if joined == '.' else joined))
    return found


def sent_objects(root: str, sources: list[str] | None) -> tuple[list[str], list[str]]:
    """(annotated tags, objects that are no commit) the ``git push``
    running the hook sends by its refspecs' sources (``sent_sources``),
    whatever they name: a ref outside branches and tags (``refs/snap/x``),
    an object id or ``rev:path`` (``git push origin <blob>:refs/tags/b``).
    git sends each one and what it reaches; no local branch or tag lists
    them, so ``local_refs_extras`` reads them from here."""
    names = source_names(root, sources)
    if not names:
        return [], []
    listed = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
        input=''.join(f'{n}\n' for n in names).encode('utf-8', 'surrogateescape'),
    ).decode('ascii', 'replace').splitlines()
    tags, tips = [], []
    for line in listed:
        sha, _sep, kind = line.partition(' ')
        if kind == 'tag':
            tags.append(sha)
        if kind in ('tag', 'tree', 'blob'):
            tips.append(sha)
    return tags, tips


def sent_blob_paths(
        root: str, remote: str | None, sources: list[str] | None, remotes: Remotes | None = None,
) -> list[tuple[str, str]]:
    """(path, source) of each refspec source of the ``git push`` running
    the hook that names a blob by its path (``<rev>:<path>``, the staged
    ``:<path>``, ``:<stage>:<path>``): git sends that file's content under
    the destination's name, whatever the path was.  Blobs the remote's
    tracking refs already reach are left out."""
    found = []
    for source in source_names(root, [s for s in sources or [] if not s.startswith('-')]):
        split = object_path(source)
        if split is not None and split[1]:
            found.append((split[1], source))
    if not found:
        return []
    kinds = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype)',
        input=''.join(f'{source}\n' for _p, source in found).encode('utf-8', 'surrogateescape'),
    ).decode('ascii', 'replace').splitlines()
    blobs = {source: line.split(' ', 1)[0] for (_p, source), line in zip(found, kinds)
             if line.endswith(' blob')}
    if blobs and remote:
        out = git(root, 'rev-list', '--objects', '--no-walk', *set(blobs.values()),
                  '--not', *remote_refs(root, remote, remotes), '--')
        new = {line.split(' ', 1)[0] for line in out.decode('ascii', 'replace').splitlines()}
        blobs = {source: sha for source, sha in blobs.items() if sha in new}
    return [(path, source) for path, source in found if source in blobs]


def _every_ref(root: str) -> list[str]:
    return git(root, 'for-each-ref', '--format=%(refname)').decode(
        'utf-8', 'surrogateescape').splitlines()


def tree_paths(root: str, tree: str) -> list[str]:
    """Every file (and submodule) path in a tree; a folder is on its
    files' paths, never a path of its own (a ``.env/`` folder is not an
    ``.env`` file)."""
    out = git(root, 'ls-tree', '-r', '-z', '--name-only', '--full-tree', tree)
    return [os.fsdecode(n) for n in out.split(b'\0') if n]


def passed_paths(root: str, filenames: Sequence[str]) -> set[str]:
    """The files pre-commit passed the hook, as paths from the top."""
    here = os.path.realpath('.')
    return {to_display(os.path.relpath(os.path.join(here, f), root)) for f in filenames}


def offered_paths(root: str, listed: bytes) -> set[str]:
    """Of the files pre-commit offers a push (``push_range``), those it
    could pass a hook: one of them it did not pass was filtered out by the
    user's config (``files``, ``exclude``, ``types``)."""
    return {
        p for p in (os.fsdecode(n) for n in zfields(listed) if n)
        if could_be_offered(os.path.join(root, p))
    }


def submodule_commits(
        root: str, include: Sequence[str], exclude: Sequence[str], scan: Scan,
) -> Iterator[Content]:
    """What ``git push --recurse-submodules=on-demand`` (or
    ``push.recurseSubmodules``) sends from submodules before the
    superproject (``submodule_ranges``), each key as the commit that added
    it, its path named from the superproject (``lib/k.py``).  No hook of
    the submodule's own runs for them (nobody installs one there).  A
    shallow submodule (``--shallow-submodules``) sends only the commits it
    has: they are read down to its cut, and the commit at the cut whole."""
    for path, sub, sub_include, sub_exclude in submodule_ranges(root, include, exclude):
        for content in added_by_commits(sub, sub_include, sub_exclude, scan, f'submodule {path}',
                                        sent=True):
            if content.path not in NOT_FILES:
                content.path = f'{path}/{content.path}'
            yield content


def submodule_ranges(
        root: str, include: Sequence[str], exclude: Sequence[str], depth: int = 0,
        entries: Sequence[Change] | None = None,
) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(its path from ``root``, its folder, include, exclude) of each
    submodule checked out here at a path whose gitlink the range sets: the
    commits of that gitlink and of the submodule's local refs that its
    remote-tracking refs do not have, what a push with
    ``--recurse-submodules=on-demand`` sends from it; nested submodules
    likewise (their paths from ``root`` too).  ``entries``: the range's
    ``changes`` where the caller has them already."""
    targets: dict[str, set[str]] = {}
    for change in changes(root, include, exclude) if entries is None else entries:
        if change.link:
            targets.setdefault(change.path, set()).add(change.link.decode('ascii'))
    for path, shas in sorted(targets.items()):
        sub = os.path.join(root, path)
        top = git_output(sub, 'rev-parse', '--show-toplevel') if os.path.isdir(sub) else None
        if top is None or os.path.realpath(os.fsdecode(top.strip())) != os.path.realpath(sub):
            continue  # not checked out here: nothing here to send
        here = [s for s in sorted(shas) if git_output(sub, 'cat-file', '-t', s) == b'commit\n']
        sub_include, sub_exclude = [*here, *LOCAL_REFS], ['--remotes']
        yield path, sub, sub_include, sub_exclude
        inner_ranges = submodule_ranges(sub, sub_include, sub_exclude, depth + 1)
        if depth < _MAX_NESTING:
            for inner, folder, inner_include, inner_exclude in inner_ranges:
                yield f'{path}/{inner}', folder, inner_include, inner_exclude
        elif next(inner_ranges, None) is not None:  # never a silent stop
            raise InputError(
                f'submodule {path} holds submodules nested more than {_MAX_NESTING + 1} '
                'deep, which this hook does not follow: their commits would be pushed '
                'unchecked; push them from their own checkouts first (their own hooks '
                'run there), or run `together-hooks scan --history` inside them',
            )


_MAX_NESTING = 8  # submodules of submodules, as deep as any real project


def _offered(root: str, from_ref: str, to_ref: str) -> bytes:
    """The files pre-commit offers a pre-push hook for ``FROM...TO``, by
    its own command: its diff follows renames (a moved file's old name is
    not offered) and sees replace refs and grafts."""
    return git(
        root, 'diff', '--name-only', '--no-ext-diff', '-z', f'{from_ref}...{to_ref}', '--',
        ok=(0, 128), rewrites=True,
    )


def unpushed_files(
        root: str, environ: dict[str, str] | os._Environ[str], filenames: Sequence[str],
        remotes: Remotes | None = None,
) -> list[str]:
    """The files a hook told it runs for a push (``pushed``) must scan as
    they are all the same.  pre-commit sets its ``PRE_COMMIT_*`` variables
    and never clears them, so ones left in a shell or a CI job reach a
    hook that runs for a commit: every file when ``git commit`` runs it
    (git sets ``GIT_INDEX_FILE`` for a commit's hooks, never for a push's);
    else each file the range ``FROM...TO`` does not change (pre-commit
    offers a push no other: ``run --all-files`` does).  ``remotes``: the
    run's (``pushed``'s: the files offered asked of git once)."""
    if environ.get('GIT_INDEX_FILE'):
        return list(filenames)
    from_ref = environ.get('PRE_COMMIT_FROM_REF')
    to_ref = environ.get('PRE_COMMIT_TO_REF')
    if not (from_ref and to_ref) or not filenames:
        return []
    offered = {to_display(os.fsdecode(n))
               for n in zfields((remotes or Remotes(root)).offered(from_ref, to_ref)) if n}
    here = os.path.realpath('.')
    return [
        f for f in filenames
        if to_display(os.path.relpath(os.path.join(here, f), root)) not in offered
    ]


def _pushable(root: str, remote: str | None, remotes: Remotes | None = None) -> list[str]:
    """The local refs this push may send: ``LOCAL_REFS`` and whatever the
    ``git push`` running the hook names (pre-commit tells only its first
    ref): every ref when it mirrors (``--mirror``, or a
    ``remote.<name>.mirror`` remote: the stash and other remotes'
    tracking refs go too), and each refspec's source (a commit on no
    branch, another remote's tracking ref, a glob), and so each of the
    remote's configured ones (``remote.<name>.push``, which a ``git push
    <remote>`` with no refspec uses: ``refs/remotes/upstream/*:refs/heads/*``
    sends another remote's branches).  Only ever more than ``LOCAL_REFS``;
    every ref when the ``git push`` cannot be seen."""
    remotes = remotes or Remotes(root)
    if remote and remotes.mirror(remote):
        return ['--all']
    argv = _git_push_argv()
    if not _readable(argv) or any(  # also abbreviated: --mir
            len(a) >= 4 and '--mirror'.startswith(a) for a in _option_words(argv)):
        # Where the ``git push`` cannot be seen (no ``/proc``, a git alias,
        # a wrapper), its refspecs cannot be read: every ref is scanned,
        # as for a mirror, so a later refspec naming the stash or another
        # remote's ref lets no key through.
        return ['--all']
    # Each refspec's source as ``sent_refs`` reads it (``:``, matching, adds
    # nothing to every local ref).
    specs = [s for s in _push_refspecs(root, remote, argv, remotes) if s.lstrip('+') != ':']
    extra = sent_refs(root, _refspec_sources(specs)) or []
    return [*LOCAL_REFS, *extra]


def _push_refspecs(
        root: str, remote: str | None, argv: list[str] | None, remotes: Remotes | None = None,
) -> list[str]:
    """The refspecs of the ``git push`` running the hook, and the remote's
    configured ones (``remote.<name>.push``)."""
    return [*_refspecs(argv or []), *configured_push(root, remote, remotes)]


def configured_push(root: str, remote: str | None, remotes: Remotes | None = None) -> list[str]:
    """The refspecs a ``git push`` naming no refspec sends to ``remote``
    (``remote.<name>.push``); where the ``git push`` names no repository
    (None: git picks it from ``branch.<b>.pushRemote``,
    ``remote.pushDefault``, ``branch.<b>.remote``, else ``origin``),
    every remote's: one too many is scanned, never one too few
    (``remote.origin.push = HEAD:refs/heads/<name>`` and a bare ``git
    push`` created that name past the plain hook)."""
    remotes = remotes or Remotes(root)
    return [spec.strip() for name in ([remote] if remote else remotes.names())
            for spec in remotes.values(name, 'push') if spec and spec.strip()]


def _names_sent(root: str, argv: list[str], remotes: Remotes | None = None) -> list[str]:
    """The ref names a ``git push`` with arguments ``argv`` may create on
    the remote: each refspec's destination (its source when it names none:
    ``git push origin <tag>``), the remote's configured ones, and every
    local branch and tag name (``--all``, ``--tags``, a pattern); as the
    pre-commit hook takes them (``remote_names``, ``local_refs_extras``)."""
    words = _positionals(argv)
    # An option this hook does not know may take a value, so the first
    # word may not be the repository: every remote's configured refspecs.
    remote = words[0] if words and _readable(argv) else None
    remotes = remotes or Remotes(root)
    names = []
    for spec in _push_refspecs(root, remote, argv, remotes):
        source, colon, destination = split_refspec(spec)
        names.append(destination if colon else source)
    local = sent_names(root, remote, argv, remotes)
    if local is None:
        _tags, local, _tips = _refs(root, 'refs/heads', 'refs/tags')
    return [n for n in dict.fromkeys((*names, *local)) if n]


def names_beyond(
        root: str, remote: str | None, argv: list[str] | None, remotes: Remotes | None = None,
) -> list[str]:
    """The names of local refs outside the branches and tags a push of
    ``argv`` to ``remote`` may send (``refs/keep/<name>``, another remote's
    tracking refs): every ref's for a mirror (``--mirror``, or a mirror
    remote: the one named, any where none is), ``--repo`` or a ``git push``
    not read whole (or not seen); else those a refspec's pattern takes
    (``refs/keep/*``, the remote's ``remote.<name>.push`` too)."""
    remotes = remotes or Remotes(root)
    if not _readable(argv) or any(
            remotes.mirror(n) for n in ([remote] if remote else remotes.names())) or any(
            any(_abbreviates(name, o) for o in ('--mirror', '--repo'))
            for name in (w.partition('=')[0] for w in _option_words(argv or []))):
        return _refs(root)[1]
    patterns = [split_refspec(spec)[0] for spec in _push_refspecs(root, remote, argv, remotes)
                if '*' in spec]
    if not patterns:
        return []
    return [n for n in _refs(root)[1] if any(
        refspec_glob_matches(p, n) or refspec_glob_matches(f'refs/heads/{p}', n)
        or refspec_glob_matches(f'refs/tags/{p}', n) for p in patterns)]


def sent_names(
        root: str, remote: str | None, argv: list[str] | None, remotes: Remotes | None = None,
) -> list[str] | None:
    """The names the ``git push`` with arguments ``argv`` gives refs on
    the remote, as its command line and the config tell them: each
    refspec's destination and source (as named, its full ref name, and
    for the current branch the upstream ``push.default=upstream`` names);
    with no refspec the remote's ``remote.<name>.push``, else the current
    branch.  None where the push may send any local ref, so every local
    ref's name is scanned: that ``git push`` cannot be seen, ``--all``,
    ``--branches``, ``--mirror``, ``--tags``, ``--follow-tags`` (or
    ``push.followTags``), ``--repo``, a mirror remote, a pattern, ``:``
    or ``push.default=matching``.  A local ref named with a key that the
    push does not send then no longer refuses it."""
    remotes = remotes or Remotes(root)
    if not _readable(argv) or (remote and remotes.mirror(remote)):
        return None
    for arg in _option_words(argv):
        name = arg.partition('=')[0]
        if any(_abbreviates(name, o) for o in _SEND_MANY):
            return None
    if git(root, 'config', '--bool', 'push.followTags', ok=(0, 1)).strip() == b'true':
        return None
    specs = _refspecs(argv)
    if not specs:
        specs = configured_push(root, remote or next(iter(_positionals(argv)), None), remotes)
    if not specs:
        if git(root, 'config', '--get', 'push.default', ok=(0, 1)).strip() == b'matching':
            return None
        specs = ['HEAD']
    names = []
    for spec in specs:
        source, _colon, destination = split_refspec(spec)
        if '*' in spec or not (source or destination):
            return None
        names.append(destination)
        if not source or source.startswith('^'):
            continue
        full = git(root, 'rev-parse', '--verify', '--quiet', '--symbolic-full-name',
                   '--end-of-options', source, ok=(0, 1, 128)).decode('utf-8', 'surrogateescape').strip()
        names.append(full or source)  # the full name holds the name as given
        if full.startswith('refs/heads/'):
            names.append(git(root, 'config', '--get', f'branch.{full[11:]}.merge', ok=(0, 1)).decode(
                'utf-8', 'surrogateescape').strip())
    return [n for n in names if n]


def _abbreviates(word: str, option: str) -> bool:
    """Whether the ``git push`` word ``word`` (its ``=value`` cut) may be
    the long option ``option``: git's option parser takes any prefix of
    one as that option (``--m`` is ``--mirror``, ``--rep`` ``--repo``,
    ``--si`` ``--signed``), and refuses a prefix of two (``--a``: ``--all``
    or ``--atomic``) before any hook runs, so any prefix counts.  A
    length floor (four characters) read ``git push --m origin`` as a push
    of the current branch: a key on another branch the mirror sends
    passed pre-push."""
    return word.startswith('--') and len(word) > 2 and option.startswith(word)


# git push options that send refs no refspec names (``--repo``: then the
# refspecs cannot be told from the repository).
_SEND_MANY = ('--all', '--branches', '--mirror', '--tags', '--follow-tags', '--repo')


def remote_names(
        root: str, environ: dict[str, str] | os._Environ[str], argv: list[str],
        remotes: Remotes | None = None,
) -> list[str]:
    """The names a push may give refs on the remote: pre-commit's
    ``PRE_COMMIT_REMOTE_BRANCH`` (its first ref's) and each refspec's
    destination (``main:refs/heads/wip/<name>`` creates that name there,
    no local ref has it)."""
    remote = environ.get('PRE_COMMIT_REMOTE_NAME')
    specs = _push_refspecs(root, remote, argv, remotes)
    names = [environ.get('PRE_COMMIT_REMOTE_BRANCH', ''), *(split_refspec(s)[2] for s in specs)]
    return [n for n in names if n]


def sent_push_options(root: str, argv: list[str] | None = None) -> list[str]:
    """The texts the ``git push`` running the hook sends as push options:
    its ``-o``/``--push-option`` values (abbreviations too) and, which
    git sends when there are none, every ``push.pushOption`` value (both
    are taken: more text scanned, never less).  Only the configured ones
    when that ``git push`` cannot be seen."""
    if argv is None:
        argv = _git_push_argv() or []
    configured = git(root, 'config', '--get-all', 'push.pushOption', ok=(0, 1))
    return [*_option_values(argv), *configured.decode('utf-8', 'surrogateescape').splitlines()]


def signed_pusher(root: str, argv: list[str] | None = None) -> list[str]:
    """The pusher a signed push's certificate names (``git push --signed``,
    or ``push.gpgSign``; the server keeps the certificate): the
    ``user.signingkey``, else the committer's name and email.  None when
    the push is not signed (or that ``git push`` cannot be seen and the
    config does not sign)."""
    if argv is None:
        argv = _git_push_argv() or []
    signed = git(root, 'config', '--get', 'push.gpgSign', ok=(0, 1)).decode(
        'utf-8', 'replace').strip().lower()
    for arg in _option_words(argv):
        name, eq, value = arg.partition('=')
        if _abbreviates(name, '--signed'):
            signed = value.lower() if eq else 'true'
        elif _abbreviates(name, '--no-signed') and name.startswith('--no-'):
            signed = 'false'
    if signed not in ('true', 'yes', 'on', '1', 'if-asked'):
        return []
    key = git(root, 'config', '--get', 'user.signingkey', ok=(0, 1)).strip()
    if not key:  # git signs as the committer (gpg finds the key by it)
        key = git(root, 'var', 'GIT_COMMITTER_IDENT', ok=(0, 128)).strip()
    return [key.decode('utf-8', 'surrogateescape')] if key else []


def runs_under_a_push() -> bool:
    """Whether a ``git push`` runs this process (a plain pre-push hook)."""
    return _git_push_argv() is not None


def under_a_push(
        root: str, include: Sequence[str], exclude: Sequence[str], scan: Scan,
        names: Sequence[str] = (), remotes: Remotes | None = None,
) -> Iterator[Content]:
    """What the ``git push`` this process runs under (a plain pre-push
    hook's ``--diff``) sends beside the range's commits: its push options,
    a signed push's pusher (``signed_pusher``), the ref names it may give
    the remote (``_names_sent``, and ``names``: the ``<remote ref>`` git's
    stdin gave the hook, ``scan --ref-name``) and the submodules' commits
    (``submodule_commits``).  Where the ``git push`` cannot be seen (no
    ``/proc``: macOS, ``hidepid``; git under another name) but ``names``
    says a push runs, git's ref lines are the account of the names, and
    what the config sends (push options, the pusher) is read as for a
    push with no option.  Nothing when it runs under no ``git push`` and
    is given no name (a CI job's ``--diff``)."""
    argv = _git_push_argv()
    if argv is None and not names:
        return
    seen = argv is not None
    argv = argv or []
    yield from push_options(sent_push_options(root, argv), scan)
    yield from _lines(PUSH_CERTIFICATE, signed_pusher(root, argv), scan)
    yield from ref_names(dict.fromkeys([*(_names_sent(root, argv, remotes) if seen else ()), *names]), scan)
    if include:  # no commit pushed (a push that only deletes): no gitlink either
        yield from submodule_commits(root, include, exclude, scan)


def _option_values(args: list[str]) -> list[str]:
    """The ``-o``/``--push-option`` values of ``git push`` arguments:
    ``-o V``, ``-oV``, ``--push-option V``, ``--push-option=V`` and any
    prefix git accepts for it (``--push-opt=V``); ``-o`` also at the end
    of bundled short flags (``-fo V``)."""
    values = []
    rest = iter(args)
    for arg in rest:
        if arg == '--':
            break
        name, eq, value = arg.partition('=')
        if arg.startswith('--') and len(name) >= 4 and '--push-option'.startswith(name):
            values.append(value if eq else next(rest, ''))
        elif arg.startswith('-') and not arg.startswith('--') and 'o' in arg:
            flags, _, attached = arg[1:].partition('o')
            if flags.isalnum() or not flags:
                values.append(attached if attached else next(rest, ''))
    return values




def _git_push_argv() -> list[str] | None:
    """The arguments after ``push`` of the ``git push`` among this
    process's ancestors (hook <- pre-commit <- hook script <- git), when
    there is one (Linux ``/proc``); None when there is none, or the
    ancestors cannot be read."""
    from together_hooks.sources.ancestors import ancestor_argv

    argv = ancestor_argv(lambda argv: os.path.basename(argv[0]) == 'git' and 'push' in argv)
    return argv[argv.index('push') + 1:] if argv is not None else None


# git push's long options that take the next argument as their value
# (``--recurse-submodules check``), also abbreviated (``--push-opt V``),
# and ``-o`` (also ending bundled flags: ``-fo V``).
_VALUED = ('--push-option', '--repo', '--receive-pack', '--exec', '--recurse-submodules')


def _takes_value(arg: str) -> bool:
    """Whether the ``git push`` argument ``arg`` is an option whose value
    is the next argument, as git's option parser reads it: the words
    after it are then not shifted (a value taken as the repository hid
    the real one, and so its ``remote.<name>.push`` and the current
    branch the push sends)."""
    if arg.startswith('--'):
        return '=' not in arg and len(arg) > 2 and any(o.startswith(arg) for o in _VALUED)
    flags = arg[1:]  # -o's value is the rest of the word, else the next argument
    first = flags.find('o')
    return arg.startswith('-') and first == len(flags) - 1 and (first == 0 or flags[:first].isalnum())


# Every option of ``git push`` (git 2.39's ``push
# --git-completion-helper-all``; ``--no-`` forms as the option itself),
# and its short flags: an option not among them (a newer git's) may take
# the next word as its value, and then the words after it cannot be told
# apart (``_readable``).
_PUSH_OPTIONS = (
    '--verbose', '--quiet', '--repo', '--all', '--branches', '--mirror', '--delete',
    '--tags', '--dry-run', '--porcelain', '--force', '--force-with-lease',
    '--force-if-includes', '--recurse-submodules', '--thin', '--receive-pack', '--exec',
    '--set-upstream', '--progress', '--prune', '--no-verify', '--verify', '--follow-tags',
    '--signed', '--atomic', '--push-option', '--ipv4', '--ipv6',
)
_PUSH_FLAGS = frozenset('vqdnfu46')


def _readable(argv: list[str] | None) -> bool:
    """Whether the words of the ``git push`` command line ``argv`` can be
    told apart (which is the repository, which a refspec): it was seen, and
    each option before ``--`` is one this hook knows.  Where not, the
    callers take every ref and name the push may send (fail closed), as
    where the ``git push`` cannot be seen."""
    if argv is None:
        return False
    for arg in _option_words(argv):
        if arg.startswith('--'):
            name = arg.partition('=')[0]
            bare = '--' + name[5:] if name.startswith('--no-') else name
            if len(name) < 3 or not any(o.startswith(n) for o in _PUSH_OPTIONS for n in (name, bare)):
                return False
        elif arg.startswith('-') and len(arg) > 1:
            flags = arg[1:].partition('o')[0]  # -o's value is the rest of the word
            if not set(flags) <= _PUSH_FLAGS:
                return False
    return True


def _option_words(argv: list[str]) -> list[str]:
    """The options of ``git push`` arguments ``argv``, as git's parser
    reads them: those before the end of options (``--``), an option's
    value left out (``-o --`` is a push option ``--``, never the end of
    options; ``-o --tags`` sends no tag)."""
    words, value = [], False
    for arg in argv:
        if value:
            value = False
        elif arg == '--':
            break
        elif arg.startswith('-') and len(arg) > 1:
            words.append(arg)
            value = _takes_value(arg)
    return words


def _refspecs(args: list[str]) -> list[str]:
    """The refspecs of ``git push [options] <repository> <refspec>...``."""
    return _positionals(args)[1:]


def _positionals(args: list[str]) -> list[str]:
    """The repository and the refspecs of ``git push`` arguments."""
    plain, skip, ended = [], False, False
    for arg in args:
        if skip:
            skip = False
        elif arg == '--' and not ended:
            ended = True
        elif arg.startswith('-') and not ended:
            skip = _takes_value(arg)
        else:
            plain.append(arg)
    return plain


_BATCH_MARKS = 'together-hooks-batches'


def _first_batch(root: str, push: str) -> bool:
    """Whether this process is the first of one pre-commit run's batches
    of this hook for this push (an ``O_EXCL`` file named after the
    pre-commit process, its start time and the push).  Whenever that
    cannot be told (the parent is no pre-commit, no ``/proc``, an
    unwritable ``.git``): True, so every batch reports all (a key printed
    twice, never one missed)."""
    import hashlib
    import time

    from together_hooks import proc

    ppid = os.getppid()
    argv = proc.cmdline(ppid)
    read = proc.stat(ppid)
    if argv is None or read is None or len(read[1]) < 20:
        return True
    started = read[1][19]
    if not any(b'pre_commit' in a or b'pre-commit' in a for a in argv):
        return True
    folder = os.path.join(
        root, os.fsdecode(git(root, 'rev-parse', '--git-path', _BATCH_MARKS)).strip(),
    )
    name = hashlib.sha256(
        b'\0'.join((str(ppid).encode(), started, push.encode('utf-8', 'surrogateescape'))),
    ).hexdigest()[:40]
    try:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(os.path.join(folder, name), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError:
        return True
    os.close(fd)
    stale = time.time() - 86400  # one day: no pre-commit run is still going
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.stat(follow_symlinks=False).st_mtime < stale:
                    os.unlink(entry.path)
    except OSError:
        pass
    return True


def brought_by(
        root: str, updates: Sequence[tuple[str, str]], scan: Scan,
        entries: list[Change] | None = None,
) -> Iterator[Content]:
    """What pushed updates ``(ref, new)`` bring that no ref has yet
    (``pre-receive``): their names, annotated tags' messages, whatever a
    tag or tree names beside commits, and what their commits add.  One
    range for all of them: a commit that several pushed refs reach is read
    once (``git push --mirror`` or ``--tags`` of a project into a new
    repository walks its history once, not once per tag).  ``entries``:
    ``changes(root, <the updates' new ids>, ['--all'])``, where the caller
    read them already (``--forbid-env-files`` judges the same paths)."""
    if not updates:
        return
    yield from ref_names([ref for ref, _new in updates], scan)
    news = list(dict.fromkeys(new for _ref, new in updates))
    out = git(
        root, 'cat-file', '--batch-check=%(objecttype)',
        input=''.join(n + '\n' for n in news).encode(),
    ).decode('ascii', 'replace').split()
    if len(out) != len(news) or 'missing' in out:
        raise InputError('a pushed ref names an object this repository does not have')
    kinds = dict(zip(news, out))
    tags = [n for n in news if kinds[n] == 'tag']
    if tags:
        yield from tag_messages(root, tags, scan)
    others = [n for n in news if kinds[n] != 'commit']
    if others:
        yield from beside_commits(root, others, ['--all'], scan)
    yield from added_by_commits(root, news, ['--all'], scan, what='pre-receive', entries=entries)


def packed_beside_refs(root: str, news: Sequence[str], scan: Scan) -> Iterator[Content]:
    """Objects the push's pack brings that no pushed ref reaches
    (``pre-receive``): git keeps every object of an accepted pack, and a
    hand-made client can send any.  They sit in git's quarantine
    (``GIT_QUARANTINE_PATH``); those the repository had before (the bases
    git adds to a thin pack) and those the pushed commits reach (scanned
    with them) are left out, and each other one is scanned as git stores
    it, as ``<unreferenced object>``.  Nothing when git quarantines no
    push (before git 2.11)."""
    quarantine = os.environ.get('GIT_QUARANTINE_PATH')
    if not quarantine:
        return
    only_pushed = {
        k: v for k, v in os.environ.items() if k != 'GIT_ALTERNATE_OBJECT_DIRECTORIES'
    }
    only_pushed['GIT_OBJECT_DIRECTORY'] = quarantine
    listed = git(
        root, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)',
        env=only_pushed,
    ).decode('ascii', 'replace').split()
    kinds = dict(zip(listed[::2], listed[1::2]))
    brought = set(kinds)
    if news and brought:
        reached = git(root, 'rev-list', '--objects', *news, '--not', '--all', '--')
        brought -= {line.split(b' ', 1)[0].decode('ascii', 'replace') for line in reached.splitlines()}
    stored = os.environ.get('GIT_ALTERNATE_OBJECT_DIRECTORIES')
    if brought and stored:
        main, _sep, others = stored.partition(os.pathsep)
        had = {**only_pushed, 'GIT_OBJECT_DIRECTORY': main}
        if others:
            had['GIT_ALTERNATE_OBJECT_DIRECTORIES'] = others
        out = git(
            root, 'cat-file', '--batch-check=%(objectname) %(objecttype)', env=had,
            input=''.join(sha + '\n' for sha in sorted(brought)).encode(),
        ).decode('ascii', 'replace')
        brought -= {line.split()[0] for line in out.splitlines() if not line.endswith(' missing')}
    for sha, blob in stream_blobs(root, sorted(brought)):
        if blob.size > WINDOW:  # in windows, then again for the report
            if streamed_keys(scan, blob, PACKED_OBJECT):
                yield Content(PACKED_OBJECT, stream=BlobAt(root, sha, blob.size, kinds[sha]))
            continue
        data = blob.read()
        if keys_in(scan, data, PACKED_OBJECT):
            yield Content(PACKED_OBJECT, data)
