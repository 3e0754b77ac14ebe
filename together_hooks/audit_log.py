"""The audit log: one JSON line per run of a hook or command.

Opt-in with ``--audit-log FILE`` or ``TOGETHER_HOOKS_AUDIT_LOG=FILE`` (the
option wins).  Each line holds ``timestamp`` (UTC, ISO 8601, ``Z``),
``action`` (the hook id or command), ``user`` (git ``user.email`` or null),
``resource`` (the repository and the paths scanned, capped), ``result``
(``success`` when the run exited 0, else ``failure``) and ``metadata``
(exit code, counts, rule ids, ``hashed_secret``s, verification results).
Never a key: nothing raw goes in, and the finished line is scrubbed again.

pre-commit runs hook batches in parallel, so each line is a single
``os.write`` on an ``O_APPEND`` descriptor, under ``flock`` where the
platform has it: no interleaved, torn or lost lines.

A log that cannot be written never hides findings: the report is already
out when the line is written.  The run then fails closed: a run that found
keys keeps exit 1, a clean run becomes exit 2, with one line on stderr
saying why (an audit trail that silently stops is worse than a loud one).
"""
from __future__ import annotations

import errno
import os
import sys
import time

from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_ERROR

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any
    from typing import Iterable
    from typing import Iterator
    from typing import Sequence

ENV_VAR = 'TOGETHER_HOOKS_AUDIT_LOG'
MAX_PATHS = 100  # per line; ``paths_total`` says how many there were
MAX_HASHES = 1000


QUICK_OPTIONS = {'--audit-log': str}  # how a hook reads it without argparse (hookargs)


def defaults(action: str) -> dict[str, str | None]:
    """The option's default, and the action a run of ``action`` logs."""
    return {'audit_log': None, 'audit_action': action}


def add_option(parser: argparse.ArgumentParser) -> None:
    """``--audit-log FILE``; the action logged is the parser's ``prog``."""
    parser.add_argument(
        '--audit-log', metavar='FILE',
        help=f'append one JSON line per run to FILE (default: ${ENV_VAR})',
    )
    parser.set_defaults(**defaults(parser.prog))


EMPTY = (
    '--audit-log names no file (an empty value); name the log file, or drop '
    'the option to log only where $' + ENV_VAR + ' says'
)


def log_path(args: argparse.Namespace | None = None) -> str | None:
    """Where to log, or None when audit logging is off.  An option given
    with an empty value (``--audit-log=``, an unset variable in a hook's
    args) is an InputError (EMPTY), never logging silently turned off."""
    path = getattr(args, 'audit_log', None) if args is not None else None
    if path == '':
        from together_hooks.errors import InputError

        raise InputError(EMPTY)
    path = path or os.environ.get(ENV_VAR) or None
    if path is not None:  # blank, or '-': one line, never a file named so
        from together_hooks.fileio import refuse_unnamed

        refuse_unnamed(path, '--audit-log' if getattr(args, 'audit_log', None) else '$' + ENV_VAR)
    return path


def timestamp(now: float | None = None) -> str:
    """``2026-11-26T15:56:01.123Z``."""
    now = time.time() if now is None else now
    millis = int(now * 1000) % 1000
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(now)) + f'.{millis:03d}Z'


def git_user(root: str | None) -> str | None:
    """git's ``user.email`` for the repository (or global), or None."""
    from together_hooks.errors import InputError
    from together_hooks.gitrun import git

    try:
        email = git(root or '.', 'config', 'user.email')
    except (InputError, OSError):  # unset (exit 1), no git, no folder
        return None
    return email.decode('utf-8', 'replace').strip() or None


def record(
        action: str, exit_code: int, *,
        root: str | None = None,
        paths: Sequence[str] = (),
        metadata: dict[str, Any] | None = None,
        paths_total: int | None = None,
) -> dict[str, Any]:
    """One audit record; ``metadata`` must hold no key (hashes only).
    ``paths_total``: how many paths there were, when ``paths`` holds only
    the first ones."""
    shown = list(paths[:MAX_PATHS])
    meta: dict[str, Any] = {'exit_code': exit_code}
    meta.update(metadata or {})
    return {
        'timestamp': timestamp(),
        'action': action,
        'user': git_user(root),
        'resource': {
            'repo': root,
            'paths': shown,
            'paths_total': len(paths) if paths_total is None else paths_total,
        },
        'result': 'success' if exit_code == EXIT_CLEAN else 'failure',
        'metadata': meta,
    }


def to_line(rec: dict[str, Any]) -> bytes:
    from together_hooks.detect.scrub import scrub
    from together_hooks.detect.scrub import vouch_fields
    from together_hooks.messages import json_text

    vouch_fields(rec)  # its field names pass the scrub's withholding whole
    # A path or message could still carry a key: scrub the finished line.
    # Keys are [A-Za-z0-9_-] runs, so replacing them keeps the JSON valid.
    line = scrub(json_text(rec, separators=(',', ':')))
    return line.encode('utf-8', 'backslashreplace') + b'\n'


def append(path: str, rec: dict[str, Any], start: str = '.', committed: bool = False) -> None:
    """Append one line atomically with respect to other writers.
    ``start``: where the run worked (the repository it scanned);
    ``committed``: the path is named by the config every clone runs (a
    hook's args under pre-commit), which may name no file outside the work
    tree (``--audit-log=../../.bashrc``)."""
    data = to_line(rec)
    flags = os.O_APPEND | os.O_CREAT | getattr(os, 'O_CLOEXEC', 0)
    import stat

    from together_hooks.fileio import open_inside
    from together_hooks.gitdir import repository_naming

    # A log named inside the repository the run works on (a committed
    # hook's args) is never appended through a link out of it
    # (``audit.jsonl -> ~/.bashrc``) nor into its .git, as a baseline or a
    # report is never written through one; a path named outside it is the
    # user's own choice, whichever repository sits above it.
    within = repository_naming(path, start)
    if within is None and committed:
        raise PermissionError(
            errno.EPERM, 'is outside the work tree, and the config every clone runs names '
            f'no file there (export {ENV_VAR}=FILE to log outside it)', path,
        )
    if within is None:
        def opener(how: int) -> int:
            return os.open(path, flags | how, 0o644)
    else:  # checked and opened in one step: no link swapped in between
        def opener(how: int) -> int:
            return open_inside(path, within, flags | how | os.O_NONBLOCK)
    try:
        is_pipe = within is None and stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        is_pipe = False
    if not is_pipe:
        try:
            fd = opener(os.O_RDWR)
            readable = True
        except PermissionError as e:
            if e.errno == errno.EPERM:  # refused, not a mode
                raise
            fd = opener(os.O_WRONLY)  # a write-only log: append without the check
            readable = False
        if stat.S_ISFIFO(os.fstat(fd).st_mode):  # opened read-write, a pipe reads itself
            os.close(fd)
            is_pipe = True
        else:
            os.set_blocking(fd, True)
    if is_pipe:  # a log shipper's pipe: only with a reader (else the line is lost)
        from together_hooks.fileio import pipe_writer

        # No wait for a late reader: a hook runs on every commit, and a
        # shipper reads its pipe all along or not at all.
        fd = pipe_writer(path, wait=0, within=within)
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
        finally:
            os.close(fd)
        return
    try:
        try:
            import fcntl
        except ImportError:  # Windows: O_APPEND alone
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and readable and hasattr(os, 'pread') and os.pread(fd, 1, size - 1) != b'\n':
            # A writer killed mid-line left a fragment: start a fresh line.
            data = b'\n' + data
        try:
            written = os.write(fd, data)
            while written < len(data):  # only ever partial on a full disk
                written += os.write(fd, data[written:])
        except OSError:
            # A line cut short (a full disk, a file size limit) is taken
            # back under the lock: the log holds whole lines or none.
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)  # also releases the lock


def log_run(
        args: argparse.Namespace | None, exit_code: int, *,
        action: str | None = None,
        root: str | None = None,
        paths: Sequence[str] = (),
        metadata: dict[str, Any] | None = None,
        paths_total: int | None = None,
) -> int:
    """Log one run if asked to; returns the exit code the run should end with.

    For entry points that do not go through the pipeline (the env hooks).
    """
    path = log_path(args)
    if path is None:
        return exit_code
    action = action or getattr(args, 'audit_action', None) or os.path.basename(sys.argv[0])
    if root is None:
        from together_hooks.gitdir import worktree_root

        root = worktree_root('.') or os.path.abspath('.')
    # pre-commit runs a hook with the args its config gives (PRE_COMMIT=1):
    # the option is then the committed config's choice, the variable the user's.
    committed = bool(getattr(args, 'audit_log', None)) and os.environ.get('PRE_COMMIT') == '1'
    from together_hooks.errors import InputError

    try:
        if committed:
            from together_hooks.env import committed as committed_writes
            from together_hooks.gitdir import repository_naming

            committed_writes.refuse(path, repository_naming(path, root), 'the audit log')
        from together_hooks.fileio import refuse_replacing_input

        refuse_replacing_input(path, argument_paths(args) if args is not None else (), '--audit-log')
        append(path, record(
            action, exit_code, root=root, paths=paths, metadata=metadata,
            paths_total=paths_total,
        ), start=root, committed=committed)
    except (OSError, InputError) as e:
        from together_hooks.detect.scrub import one_line

        why = e.strerror or e if isinstance(e, OSError) else e
        msg = one_line(f'cannot write audit log {path}: {why}')
        print(f'{action}: error: {msg}', file=sys.stderr)
        return exit_code if exit_code != EXIT_CLEAN else EXIT_ERROR
    return exit_code


def findings_metadata(findings: Iterable[Any], summary: Any = None) -> dict[str, Any]:
    """Counts, rule ids, hashed secrets and verification results; no key."""
    rules: dict[str, int] = {}
    hashes: set[str] = set()
    verification: dict[str, str] = {}
    count = 0
    for f in findings:
        count += 1
        rules[f.rule] = rules.get(f.rule, 0) + 1
        hashed = f.hashed_secret
        hashes.add(hashed)
        if getattr(f, 'verification', None):
            verification[hashed] = f.verification
    meta: dict[str, Any] = {}
    if summary is not None:
        meta.update(summary.to_dict())
    meta['findings'] = count
    meta['rules'] = dict(sorted(rules.items()))
    meta['hashed_secrets'] = sorted(hashes)[:MAX_HASHES]
    if verification:
        meta['verification'] = dict(sorted(verification.items()))
    return meta


def argument_paths(args: argparse.Namespace) -> list[str]:
    """The paths a command was given (a hook's filenames, scan's PATHs)."""
    return list(getattr(args, 'filenames', None) or getattr(args, 'paths', None) or ())


def scan_root(args: argparse.Namespace) -> str:
    """The repository a run worked on: the one folder given, else the cwd's."""
    given = getattr(args, 'paths', None)
    start = given[0] if given and len(given) == 1 and os.path.isdir(given[0]) else '.'
    from together_hooks.gitdir import worktree_root

    return worktree_root(start) or os.path.abspath(start)


def log_error(args: argparse.Namespace, message: str) -> None:
    """A run that ended in an input error (exit 2) is logged too.

    Called by ``runtime.guard`` for commands that took ``--audit-log``;
    ``message`` is already one scrubbed line.
    """
    if getattr(args, 'audit_action', None) is None:
        return
    log_run(
        args, EXIT_ERROR, root=scan_root(args), paths=argument_paths(args),
        metadata={'error': message},
    )


def messages_metadata(messages: Sequence[str]) -> dict[str, Any]:
    """For hooks that report in messages: the count and the hashes named.

    Messages show keys only as ``redacted`` and ``hashed_secret``; only the
    hashes are kept.
    """
    if not messages:  # a clean run: re stays unimported
        return {'problems': 0, 'hashed_secrets': []}
    import re

    hashes = sorted({m.group(1) for text in messages for m in re.finditer(_HASHED_PATTERN, text)})
    return {'problems': len(messages), 'hashed_secrets': hashes[:MAX_HASHES]}


_HASHED_PATTERN = r'hashed_secret ([0-9a-f]{40})\b'


class Session:
    """The pipeline's side of the log: note what is scanned, then one line.

    ``start(args)`` is None when logging is off, so the hot path pays one
    ``getattr`` and one ``os.environ`` lookup.
    """

    __slots__ = ('args', 'contents', 'paths', 'streamed')

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.contents: list[Any] = []  # a list source, kept by reference
        # A stream's first paths, as many as a line shows, and its length:
        # a history scan streams millions of blobs.
        self.paths: list[str] = []
        self.streamed = 0

    @classmethod
    def start(cls, args: argparse.Namespace) -> Session | None:
        return cls(args) if log_path(args) else None

    def watch(self, contents: Iterable[Any]) -> Iterable[Any]:
        """The same contents, noted as they are scanned.

        A list stays the same list (the pipeline may split a list across
        processes); a stream passes through a generator.
        """
        if isinstance(contents, list):
            self.contents = contents
            return contents
        return self._stream(contents)

    def _stream(self, contents: Iterable[Any]) -> Iterator[Any]:
        from together_hooks.findings import NOT_FILES

        for content in contents:
            if content.path not in NOT_FILES:  # a list of names, a message: no file
                self.streamed += 1
                if len(self.paths) < MAX_PATHS:
                    self.paths.append(content.path)
            yield content

    def finish(self, exit_code: int, findings: Sequence[Any], summary: Any = None) -> int:
        """Write the run's line; returns the exit code the run ends with."""
        from together_hooks.findings import NOT_FILES

        files = [c.path for c in self.contents if c.path not in NOT_FILES]
        return log_run(
            self.args, exit_code, root=scan_root(self.args),
            paths=files[:MAX_PATHS] + self.paths,
            metadata=findings_metadata(findings, summary),
            paths_total=len(files) + self.streamed,
        )
