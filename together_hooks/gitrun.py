"""The one way we run git: ``git`` (output, or git's own words as an
InputError), ``git_output`` / ``git_probe`` (output or None), ``git_stream``
(a long-running git, read as it goes), and ``zsplit`` for ``-z`` output.

Also the questions about repositories that need no git process at all
(``git_may_claim``; ``worktree_root`` lives in ``gitdir``, which a clean
commit's hook reads without this module): each git process costs a few ms.
"""
from __future__ import annotations

import os

from together_hooks.errors import InputError
from together_hooks.gitdir import worktree_root  # (its home; callers import it from there)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from typing import IO
    from typing import Callable
    from typing import Iterable
    from typing import Iterator
    from typing import Sequence
    from typing import TypeVar

    T = TypeVar('T', str, bytes)

# A repository's own config must not run programs when we only read it:
# a cloned or unpacked repository can carry a hostile ``.git/config``, and
# git starts ``core.fsmonitor`` on every index read (ls-files, diff,
# check-ignore).  The other program-running settings (filters, textconv,
# diff.external, the pager) only run for output we never ask for: patches,
# a terminal, or hashing work-tree files; ``GIT_CONFIG_NOSYSTEM`` is left
# alone, system config is the admin's.
SAFE_CONFIG = ('-c', 'core.fsmonitor=false')
# Output as the walks that read it expect, whatever a user's config says:
# ``log.showSignature`` puts gpg's verdict on each signed commit into the
# stream a commit walk is parsed from, and ``i18n.logOutputEncoding``
# re-encodes each formatted line (UTF-16: NUL bytes inside a ``-z``
# record).  Either one left ``scan --commits`` reading no blob, exit 0.
OUTPUT_CONFIG = ('-c', 'log.showSignature=false', '-c', 'i18n.logOutputEncoding=UTF-8')
# Objects as they are stored and sent, never as a local rewrite shows them:
# ``git replace`` refs (which a push can even bring to a server first) and
# an ``info/grafts`` file make every walk show another commit, or other
# parents, in place of the one a push sends; a key's commit would pass
# unread.  ``--no-replace-objects`` turns the first off, a graft file that
# cannot exist the second.
# (``rewrites=True`` keeps them: to see what another tool, pre-commit,
# was shown.)
# No network unless asked: in a partial clone (``--filter=blob:none``)
# reading a blob it lacks makes git fetch it from the promisor remote
# (``--diff`` of a CI checkout, pre-push of commits fetched from another
# remote), a connection nobody asked for.  Every transport refused, such a
# read fails (and the scan with it, exit 2); ``NETWORK`` gives git's own
# defaults back to what does fetch (``org.mirror``: ``--github-org``).
NO_NETWORK = ('-c', 'protocol.allow=never')
NOT_HERE = (
    'a partial clone (git clone --filter) lacks it, and the scan never fetches; '
    'scan in a full clone (actions/checkout: no filter)'
)
NETWORK = (
    '-c', 'protocol.https.allow=always', '-c', 'protocol.http.allow=always',
    '-c', 'protocol.ssh.allow=always', '-c', 'protocol.git.allow=always',
    '-c', 'protocol.file.allow=user',
)
GIT = ('git', '--no-replace-objects', *SAFE_CONFIG, *NO_NETWORK, *OUTPUT_CONFIG)
_NO_GRAFTS = {'GIT_GRAFT_FILE': os.path.join(os.devnull, 'no-grafts')}
# The environment's say in what git prints and which files a pathspec
# names, taken back for every git we run (``pinned_env``).  A trace sent to
# standard output (``GIT_TRACE=/dev/stdout``, or ``trace2.eventTarget`` in
# the global config, which no ``-c`` overrides: git reads it before its
# command line) lands in the listing we parse: ``scan`` read a trace line
# as a file name and passed an untracked key, exit 0.  The global pathspec
# switches make git refuse the magic our pathspecs spell out
# (``:(literal)``, ``:(glob,icase)``): every env hook failed.  A trace
# written to a file stays (a user's debugging, the tests' process counts).
PATHSPEC_SWITCHES = (
    'GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS',
)
TRACE2_TARGETS = ('GIT_TRACE2', 'GIT_TRACE2_EVENT', 'GIT_TRACE2_PERF')
# The trace variables whose value is where git writes (the others are
# settings of a trace: GIT_TRACE_REDACT, GIT_TRACE2_PARENT_SID...).
TRACE_TARGETS = (
    'GIT_TRACE', 'GIT_TRACE_PACK_ACCESS', 'GIT_TRACE_PACKET', 'GIT_TRACE_PACKFILE',
    'GIT_TRACE_PERFORMANCE', 'GIT_TRACE_SETUP', 'GIT_TRACE_SHALLOW', 'GIT_TRACE_CURL',
    'GIT_TRACE_REFS', 'GIT_TRACE_FSMONITOR', *TRACE2_TARGETS,
)


def pinned_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default ours) as every git we run gets it: no global
    pathspec switch, no trace into a device (``/dev/stdout``, ``/dev/fd/1``,
    ``/proc/self/fd/1``: git's own stdout, the pipe we read), and trace2
    off unless the environment sends it to a file (over a config's
    ``trace2.*Target``, which the environment overrides)."""
    env = os.environ if env is None else env
    pinned = {k: v for k, v in env.items() if k not in PATHSPEC_SWITCHES}
    for name in TRACE_TARGETS:
        value = pinned.get(name)
        if value is None:
            if name in TRACE2_TARGETS:
                pinned[name] = '0'
        elif not _writes_a_file(value):
            pinned[name] = '0'
    return pinned


def _writes_a_file(target: str) -> bool:
    """Whether a trace variable's value leaves git's stdout alone: a
    switch or a file descriptor number (git writes those to stderr, or to
    a descriptor we never give it), a socket (``af_unix:``), or a path
    that is no device: none of its folders nor links leads into ``/dev``
    or ``/proc`` (``/dev/stdout`` is the stdout of whoever opens it)."""
    if not os.path.isabs(target):
        return True
    path = target
    for _ in range(40):  # as the kernel's limit on links followed
        folder = os.path.realpath(os.path.dirname(path))
        if folder in ('/dev', '/proc') or folder.startswith(('/dev/', '/proc/')):
            return False
        path = os.path.join(folder, os.path.basename(path))
        if not os.path.islink(path):
            return True
        path = os.path.join(folder, os.readlink(path))
    return False


# A git that prints records (a ``log`` or ``rev-list`` walk: a commit each)
# flushes its output after every one when it goes to a pipe, so a reader
# is woken for each (flask's commit walk: 5,616 writes of ~480 bytes, read
# a few hundred bytes at a time).  With ``GIT_FLUSH=0`` it fills its buffer
# first (649 writes of 4 KB): the same bytes, and less CPU on both sides
# (docs/performance.md, "Issue 17, session 36 (perfF36)").  Every git whose
# output we read without answering it record by record gets it (``_run``,
# ``git_stream``); one we ``asked`` (requests written while its answers are
# read, ``_Fed``) keeps git's own flushing, which a conversation needs.
_BUFFERED = {'GIT_FLUSH': '0'}
# ``cat-file --batch`` and ``--batch-check`` flush after every object
# whatever ``GIT_FLUSH`` says (flask's local clone: ``LogSized``'s 9,521
# answers of ~52 bytes, a write each); ``--buffer`` makes them fill
# stdio's buffer first, the same bytes.  Given with ``_BUFFERED`` to every
# such git not ``asked`` (``--batch-command`` left alone: its ``--buffer``
# waits for a ``flush`` command).
_BATCH_BUFFER = '--buffer'


def _batch_buffered(args: tuple[str, ...]) -> tuple[str, ...]:
    """``args`` with ``--buffer`` after ``cat-file`` when it answers a
    batch (``--batch``, ``--batch-check``, with or without a format)."""
    skip = False
    for at, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in ('-c', '-C'):
            skip = True
        elif not arg.startswith('-'):
            if arg != 'cat-file' or _BATCH_BUFFER in args[at + 1:]:
                return args
            if not any(
                    a in ('--batch', '--batch-check') or a.startswith(('--batch=', '--batch-check='))
                    for a in args[at + 1:]):
                return args
            return (*args[:at + 1], _BATCH_BUFFER, *args[at + 1:])
    return args


def _command(
        args: tuple[str, ...], env: dict[str, str] | None, rewrites: bool = False, asked: bool = False,
) -> dict:
    """Popen's command and environment: ``env`` (default ours), pinned
    (``pinned_env``), without replace refs and grafts unless ``rewrites``;
    output in full buffers unless git is ``asked`` (``_BUFFERED``,
    ``_batch_buffered``)."""
    pinned = pinned_env(env) if asked else {**pinned_env(env), **_BUFFERED}
    if not asked:
        args = _batch_buffered(args)
    if rewrites:
        return {'args': ('git', *SAFE_CONFIG, *NO_NETWORK, *OUTPUT_CONFIG, *args), 'env': pinned}
    return {'args': (*GIT, *args), 'env': {**pinned, **_NO_GRAFTS}}


# How often a running git is checked for being stuck on a FIFO: first
# after ``_STALL_FIRST`` seconds, then twice as long each time, up to
# ``_STALL_CHECK``.  A check is one read of ``/proc/<pid>/wchan``; a git
# blocked opening a FIFO no one writes to is seen at the first check that
# finds it there, so a doctor run beside one (three listings walk into
# it) waited 3 x 0.5 s with a fixed half-second check, ~3 x 0.05 s now.
_STALL_FIRST = 0.05
_STALL_CHECK = 0.5


def _next_check(interval: float) -> float:
    """The wait after a stall check that waited ``interval``."""
    return min(interval * 2, _STALL_CHECK)


class Done:
    """A finished git: its exit code and what it wrote (``stderr`` is b''
    when it was not asked for)."""

    __slots__ = ('returncode', 'stdout', 'stderr')

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def _run(
        root: str, args: tuple[str, ...], input: bytes | None, errors: bool,
        env: dict[str, str] | None = None, timeout: float | None = None,
        rewrites: bool = False,
) -> Done:
    """git, finished; never a hang on a FIFO in the work tree (git opens
    ``.gitignore`` and friends with a blocking open), nor past ``timeout``
    seconds when one is given.

    Started by ``os.posix_spawn`` and read through ``select.poll``:
    importing ``subprocess`` (and its ``threading``, ``selectors``,
    ``contextlib``...) would cost the hooks that ask git one question more
    than the question (bench/: the hook rows).  Where that is not available
    (Windows, or a process started without its standard streams, whose
    pipes would take their numbers), ``subprocess``.
    """
    if input is None:
        args, input = revisions_on_stdin(args)
    if not hasattr(os, 'posix_spawn'):
        return _run_subprocess(root, args, input, errors, env, timeout, rewrites)
    import select
    import time

    try:
        pid, parent = _spawn(root, args, input is not None, errors, env, rewrites)
    except _NoSpawn:
        return _run_subprocess(root, args, input, errors, env, timeout, rewrites)
    try:
        poller = select.poll()
        for fd, out in parent.items():
            if out is None:
                os.set_blocking(fd, False)
            poller.register(fd, select.POLLIN if out is not None else select.POLLOUT)
        todo = memoryview(input or b'')
        open_fds = set(parent)
        start = time.monotonic()
        interval = _STALL_FIRST
        check = start + interval
        while open_fds:
            for fd, _event in poller.poll(max(0.0, check - time.monotonic()) * 1000):
                out = parent[fd]
                if out is None:
                    try:
                        todo = todo[os.write(fd, todo[:1 << 16]):]
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:  # git stopped reading: its exit code says why
                        todo = todo[:0]
                    if todo:
                        continue
                else:
                    chunk = os.read(fd, 1 << 16)
                    if chunk:
                        out += chunk
                        continue
                poller.unregister(fd)
                open_fds.discard(fd)
                os.close(fd)
            now = time.monotonic()
            if now >= check and open_fds:
                _stuck(root, args, pid, timeout, now - start)
                interval = _next_check(interval)
                check = now + interval
        _pid, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:  # stopped early (stuck, timed out, interrupted): never left running
            _kill(pid)
        _close(*(fd for fd in parent if fd in open_fds))
    outs = [out for out in parent.values() if out is not None]
    return Done(os.waitstatus_to_exitcode(status), bytes(outs[0]), bytes(outs[1]) if errors else b'')


def _spawn(
        root: str, args: tuple[str, ...], input: bool, errors: bool,
        env: dict[str, str] | None, rewrites: bool, asked: bool = False,
) -> tuple[int, dict[int, bytearray | None]]:
    """git started by ``os.posix_spawn`` in ``root``: (its pid, our end of
    each pipe: a bytearray for stdout and, with ``errors``, stderr, None
    for its stdin when ``input``).  Without ``input`` git reads our stdin;
    without ``errors`` its stderr goes to the null device; ``asked``: see
    ``_BUFFERED``.  ``_NoSpawn``
    when a standard stream of ours is closed (a pipe would take its
    number)."""
    if not os.path.isdir(root):  # as subprocess's cwd would fail
        raise FileNotFoundError(root)
    executable = _find_git(env)
    parent: dict[int, bytearray | None] = {}
    child: list[int] = []
    try:
        actions: list[tuple[int, ...]] = []
        for target in (0, 1, 2):
            if target == 0 and not input:
                continue  # git reads our stdin, as with subprocess
            if target == 2 and not errors:
                actions.append((os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0))
                continue
            r, w = os.pipe()
            ours, theirs = (w, r) if target == 0 else (r, w)
            parent[ours] = None if target == 0 else bytearray()
            child.append(theirs)
            actions.append((os.POSIX_SPAWN_DUP2, theirs, target))
        if min(*parent, *child) <= 2:  # a standard stream was closed: a pipe took its number
            raise _NoSpawn()
        from _signal import SIGPIPE
        from _signal import SIGXFSZ

        command = _command(args, env, rewrites, asked)
        pid = os.posix_spawn(
            executable, [command['args'][0], '-C', root, *command['args'][1:]],
            os.environ if command['env'] is None else command['env'], file_actions=actions,
            setsigdef=(SIGPIPE, SIGXFSZ),  # as subprocess restores them
        )
    except BaseException:
        _close(*parent, *child)
        raise
    _close(*child)
    return pid, parent


class _NoSpawn(Exception):
    pass


def _close(*fds: int) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _kill(pid: int) -> None:
    from _signal import SIGKILL

    try:
        os.kill(pid, SIGKILL)
    except OSError:
        pass
    os.waitpid(pid, 0)


def _find_git(env: dict[str, str] | None) -> str:
    """git's path, looked up in the ``PATH`` git will run with, as
    subprocess does (``os.get_exec_path`` of a str environment, without
    the ``warnings`` import it makes on every call)."""
    path = (os.environ if env is None else env).get('PATH')
    for folder in (os.defpath if path is None else path).split(os.pathsep):
        path = os.path.join(folder, 'git')
        if os.access(path, os.X_OK) and os.path.isfile(path):
            return path
    raise FileNotFoundError('git')


def _stuck(root: str, args: tuple[str, ...], pid: int, timeout: float | None, spent: float) -> None:
    """Raise when a running git has had its time or waits on a FIFO."""
    if timeout is not None and spent >= timeout:
        raise InputError(f'git {command_name(args)} timed out after {timeout:g}s')
    if _waits_for_fifo(pid):
        raise InputError(
            f'git {command_name(args)} is stuck opening a FIFO (named pipe) in '
            f'{root}: a .gitignore or other file git reads is one; '
            'replace it with a regular file',
        )


def _run_subprocess(
        root: str, args: tuple[str, ...], input: bytes | None, errors: bool,
        env: dict[str, str] | None, timeout: float | None, rewrites: bool = False,
) -> Done:
    """``_run`` where ``posix_spawn`` is not available."""
    import subprocess
    import time

    start = time.monotonic()
    with subprocess.Popen(
            **_command(args, env, rewrites), cwd=root,
            stdin=subprocess.PIPE if input is not None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if errors else subprocess.DEVNULL,
    ) as proc:
        pending = input
        interval = _STALL_FIRST
        while True:
            try:
                out, err = proc.communicate(pending, timeout=interval)
                break
            except subprocess.TimeoutExpired:
                pending = None  # being sent already: a retry only waits
                interval = _next_check(interval)
                try:
                    _stuck(root, args, proc.pid, timeout, time.monotonic() - start)
                except InputError:
                    proc.kill()
                    raise
            except BaseException:
                proc.kill()
                raise
    return Done(proc.returncode, out, err or b'')


# Past this many bytes of arguments, the object ids a ``rev-list`` or
# ``log`` names go to its stdin (``--stdin``): the kernel refuses a command
# line past ARG_MAX (2 MB here, less on some systems) with "Argument list
# too long", and a push of many refs (``git push --mirror``, 50,000 tags)
# names one id per ref.  Below it the command line is as given.
ARGV_REVISIONS = 1 << 16


def revisions_on_stdin(args: tuple[str, ...]) -> tuple[tuple[str, ...], bytes | None]:
    """``(args, input)`` for git: a ``rev-list`` or ``log`` whose arguments
    run past ``ARGV_REVISIONS`` bytes reads the object ids it names
    (``<id>``, ``^<id>``, before any ``--``) from stdin, each with the sign
    ``--not`` gave it on the command line (as ``^<id>``); every other
    argument stays where it was.  Else ``args`` as they are, and no input."""
    if sum(len(a) + 1 for a in args) <= ARGV_REVISIONS or '--stdin' in args:
        return args, None
    if command_name(args) not in ('rev-list', 'log'):
        return args, None
    kept: list[str] = []
    lines: list[str] = []
    negated = False
    rest = len(args)
    for i, arg in enumerate(args):
        if arg == '--':
            rest = i
            break
        if arg == '--not':
            negated = not negated
        elif _object_id(arg):
            # ``^<id>`` for a left-out one: git before 2.42 takes no
            # ``--not`` (no option at all) on stdin.
            if arg.startswith('^') != negated:
                lines.append('^' + arg.lstrip('^'))
            else:
                lines.append(arg.lstrip('^'))
            continue
        kept.append(arg)
    if not lines:
        return args, None
    at = kept.index('--end-of-options') if '--end-of-options' in kept else len(kept)
    kept.insert(at, '--stdin')  # an option: never after --end-of-options
    return (*kept, *args[rest:]), ''.join(f'{line}\n' for line in lines).encode()


def _object_id(arg: str) -> bool:
    """``<id>`` or ``^<id>``: a full SHA-1 or SHA-256 object id."""
    hex_ = arg[1:] if arg.startswith('^') else arg
    return len(hex_) in (40, 64) and not hex_.strip('0123456789abcdef')


def command_name(args: Sequence[str]) -> str:
    """The git command ``args`` run (``rev-list`` of ``-c x=y rev-list``),
    for messages: never one of git's own options."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ('-c', '-C'):
            skip = True
        elif not arg.startswith('-'):
            return arg
    return args[0] if args else 'git'


def _waits_for_fifo(pid: int) -> bool:
    """Is the process blocked opening a FIFO no one writes to (Linux)?"""
    try:
        with open(f'/proc/{pid}/wchan') as f:
            return f.read().strip() == 'wait_for_partner'
    except OSError:
        return False


def _cannot_run(root: str) -> InputError:
    """Why git could not be started: no git, or no folder to start it in
    (deleted or moved while we ran)."""
    if not os.path.isdir(root):
        return InputError(f'{root}: no such folder (deleted or moved while running)')
    return InputError('git is not installed or not on PATH')


def reason_of(proc: subprocess.CompletedProcess[bytes]) -> str:
    """Why git failed, in one of its own lines (``git_reason``)."""
    return git_reason(proc.stderr, proc.returncode)


def git_reason(stderr: bytes, code: int) -> str:
    """Why git failed, in one of its own lines: the first ``fatal:`` (the
    cause; what follows is advice, such as clone's "Please make sure you
    have the correct access rights / and the repository exists.", or
    "Use '--' to separate paths from revisions"), else its last line,
    else its exit code.  Every "git X failed" message says it so, the
    streamed listings' too."""
    err = stderr.decode('utf-8', 'replace').strip().splitlines()
    fatal = [line for line in err if line.startswith('fatal:')]
    if fatal:
        return fatal[0]
    return err[-1] if err else f'exit {code}'


def git(
        root: str, *args: str, input: bytes | None = None,
        ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None,
        timeout: float | None = None, rewrites: bool = False,
) -> bytes:
    """Run git in ``root``; a failure is an InputError with git's own words.

    ``ok``: the exit codes that are answers, not failures (``check-ignore``
    exits 1 for "not ignored"); ``env``: git's whole environment (default:
    ours); ``timeout``: seconds before git is killed and that is the error;
    ``rewrites``: see ``GIT``.
    """
    try:
        proc = _run(root, args, input, errors=True, env=env, timeout=timeout, rewrites=rewrites)
    except (FileNotFoundError, NotADirectoryError):
        raise _cannot_run(root)
    if proc.returncode not in ok:
        # A repository git cannot open: its reason, not the last line of
        # the usage text some commands print outside one (``git diff``).
        # Asked only when git gave up (128, or 129 with its usage): an
        # answer such as ``config``'s 1 for "unset" starts no other git.
        refused = git_refusal(root) if env is None and proc.returncode >= 128 else None
        if refused:
            raise InputError(refused)
        raise InputError(f'git {command_name(args)} failed: {reason_of(proc)}')
    return proc.stdout


def git_output(root: str, *args: str) -> bytes | None:
    """git's output, or None when it fails (the caller words the error)."""
    try:
        proc = _run(root, args, None, errors=False)
    except (FileNotFoundError, NotADirectoryError):
        raise _cannot_run(root)
    return proc.stdout if proc.returncode == 0 else None


def git_probe(root: str, *args: str) -> bytes | None:
    """git's output, or None when it fails or cannot run here (no git, no
    such folder): for questions where "no" is an answer."""
    try:
        proc = _run(root, args, None, errors=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def git_stream(
        root: str, *args: str, stdin: bool = False, errors: IO[bytes] | None = None,
        source: IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """A git process read as it runs (stdout piped; stderr piped unless
    ``stdin`` is asked for, when it is dropped, or ``errors``, a file that
    takes it: a pipe nobody reads while stdout is read could fill).
    ``source``: what git reads instead (another git's stdout: a pipeline).
    Its output comes in full buffers unless ``stdin`` (``_BUFFERED``)."""
    import subprocess

    revisions = None
    if source is None and not stdin:
        args, listed = revisions_on_stdin(args)
        if listed is not None:  # a file: git reads it whole before it writes
            import tempfile

            revisions = tempfile.TemporaryFile()
            revisions.write(listed)
            revisions.seek(0)
    try:
        proc = subprocess.Popen(
            **_command(args, None, asked=stdin), cwd=root, bufsize=1 << 20,
            stdin=source if source is not None else subprocess.PIPE if stdin else revisions,
            stdout=subprocess.PIPE,
            stderr=errors if errors is not None else (
                subprocess.DEVNULL if stdin else subprocess.PIPE),
        )
    finally:
        if revisions is not None:
            revisions.close()
    _STREAMS[:] = [(pid, p) for pid, p in _STREAMS if p.poll() is None]
    _STREAMS.append((os.getpid(), proc))
    return proc


# Every ``git_stream`` git still running, with the process that started it
# (a forked scan process stops only its own).
_STREAMS: list[tuple[int, subprocess.Popen[bytes]]] = []


def stop_streams() -> None:
    """Kill and reap every git this process streams from, then any other
    git child left (``_reap_gits``): a scan stopped (SIGTERM, Ctrl-C)
    leaves no git running on as an orphan (``git log --raw`` of a whole
    history) nor a zombie."""
    me = os.getpid()
    for pid, proc in _STREAMS:
        if pid != me:
            continue
        try:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        except OSError:
            pass
    _STREAMS.clear()
    _reap_gits()


def _reap_gits() -> None:
    """Any git child still there once a stop has unwound, killed and
    reaped, whichever code started it (not only a stream): a cleanup the
    stop cut short left one exited but unreaped, a zombie under an init
    that reaps none.  Children are read from ``/proc`` (git's own name in
    ``stat``, there for a zombie too); where there is none, as before."""
    me = os.getpid()
    from together_hooks import proc

    try:
        names = os.listdir(proc.PROC)
    except OSError:
        return
    for name in names:
        if not name.isdigit():
            continue
        read = proc.stat(name)
        if read is None:
            continue
        comm, fields = read
        if comm != b'git' or len(fields) < 2 or int(fields[1]) != me:
            continue
        pid = int(name)
        try:
            if fields[0] != b'Z':
                os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass


def zsplit(out: bytes) -> list[str]:
    """The paths of a ``-z`` listing."""
    return [os.fsdecode(p) for p in zfields(out) if p]


def zfields(out: bytes) -> list[bytes]:
    """The fields of a ``-z`` output, each of which git ends with a NUL.
    Output that does not end so is not git's (a ``git`` on PATH that is
    something else, a wrapper printing a banner): read as a listing, it
    would be an empty or made-up one and the scan would pass on nothing,
    so it is refused (``unreadable``)."""
    if not out:
        return []
    if not out.endswith(b'\0'):
        raise unreadable(out)
    return out[:-1].split(b'\0')


def unreadable(out: bytes) -> InputError:
    """Output of ``git`` that is not what git writes: one line, exit 2."""
    from together_hooks.messages import cut_text

    shown = cut_text(out[:200].decode('utf-8', 'backslashreplace'), 60)
    return InputError(
        f'git gave output that is not git\'s ({shown!r}{"..." if len(out) > 60 else ""}); '
        'is the git on PATH git? (`git --version`, `command -v git`)',
    )


def _git_dir(root: str) -> str | None:
    """The git folder of the work tree ``root`` (``GIT_DIR``, or its
    ``.git`` folder, or where a ``.git`` file points), or None."""
    if os.environ.get('GIT_DIR'):
        return os.path.abspath(os.environ['GIT_DIR'])
    dot_git = os.path.join(root, '.git')
    if os.path.isdir(dot_git):
        return dot_git
    line = _read_line(dot_git)
    if line is None or not line.startswith('gitdir: '):
        return None
    return os.path.join(root, line[len('gitdir: '):])


# git reads a ``.git`` file (``gitdir: …``) or a ``commondir`` of at most
# this size (``read_gitfile_gently``: "too large to be a .git file").
GITFILE_MOST = 1 << 20


def _read_line(path: str) -> str | None:
    """The first line of the small regular file ``path`` (a ``.git``
    file, a ``commondir``), as git reads it; None for anything else: a
    FIFO, a device (a ``.git`` linked to ``/dev/zero`` was read without
    end, memory and all), a file larger than git reads (``GITFILE_MOST``),
    gone.  git itself refuses each such one."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_CLOEXEC', 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > GITFILE_MOST:
            return None
        data = os.read(fd, GITFILE_MOST)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data.split(b'\n', 1)[0].decode('utf-8', 'surrogateescape')


def git_toplevel(path: str) -> str | None:
    """The work tree root holding ``path``, or None outside a work tree."""
    where = path if os.path.isdir(path) else (os.path.dirname(path) or '.')
    out = git_probe(where, 'rev-parse', '--show-toplevel')
    if not out or not out.strip():
        return None
    return os.fsdecode(out.rstrip(b'\n'))


def path_from_top(path: str) -> str | None:
    """``path`` (as typed, from here) as git names it in a commit: from
    the top of its work tree, with ``/`` (what ``git filter-repo --path``
    matches); None outside a work tree."""
    top = git_toplevel(path)
    if top is None:
        return None
    # The folder resolved as git resolves the top (a symlink, /tmp on macOS);
    # the file itself not: a tracked symlink is named as itself.
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    rel = os.path.relpath(os.path.join(folder, os.path.basename(path)), os.path.realpath(top))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, '/')


def work_tree_top(path: str = '.') -> str | None:
    """``git_toplevel(path)``, without a git process where git is sure to
    give the same answer: no ``GIT_*`` setting in the environment names
    another repository, ``path`` is not inside the git folder, the nearest
    ``.git`` is a git folder (or a ``gitdir:`` file pointing at one) that
    we own (else git may refuse it: ``safe.directory``) and the
    repository's config sets neither ``core.worktree`` nor ``bare`` nor
    includes a file, and git is there to run.  Anything else is asked of
    git."""
    env = os.environ
    ceilings = [c for c in env.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep) if c]
    if not any(k in env for k in (
            'GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_PARAMETERS',
            'GIT_COMMON_DIR',
    )) and all(os.path.realpath(c) == os.path.abspath(c) for c in ceilings):
        # git starts from the folder's real path (a symlink resolved), as here.
        real = os.path.realpath(path)
        top = worktree_root(real)
        # (No git to run: the callers' own words for that, as git_toplevel gives.)
        if top is not None and _plain_work_tree(top, real) and git_installed():
            return top
    return git_toplevel(path)


def _plain_work_tree(top: str, path: str) -> bool:
    if os.path.relpath(path, top).split(os.sep)[0] == '.git':
        return False
    git_dir = _git_dir(top)
    if git_dir is None or not os.path.isfile(os.path.join(git_dir, 'HEAD')):
        return False
    # git refuses a repository another user owns (safe.directory): git
    # itself then says so, and how to trust it.
    owner = getattr(os, 'geteuid', None)
    try:
        if owner is None or any(
                os.lstat(p).st_uid != owner()
                for p in (top, os.path.join(top, '.git'), git_dir)
        ):
            return False
    except OSError:
        return False
    common = _read_line(os.path.join(git_dir, 'commondir'))
    if common is None and not os.path.isdir(os.path.join(git_dir, 'objects')):
        return False
    for name in (os.path.join(common or '', 'config'), 'config.worktree'):
        try:
            with open(os.path.join(git_dir, name), 'rb') as f:
                text = f.read().lower()
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if b'include' in text or b'worktree' in text:
            return False
        for line in text.split(b'\n'):
            setting = b''.join(line.split())
            if setting.startswith(b'bare') and setting != b'bare=false':
                return False
    return True


def git_installed() -> bool:
    try:
        _find_git(None)
    except FileNotFoundError:
        return False
    return True


def no_repository(message: str, where: str = '.') -> InputError:
    """The error of a command that needs a repository and found none:
    ``message``, unless the reason is that git itself cannot be run, or
    that git refuses a repository that is there (owned by another user,
    a broken ``.git``): then git's own reason."""
    if not git_installed():
        return InputError('git is not installed or not on PATH (needed to read the repository)')
    refused = git_refusal(where)
    if refused:
        return InputError(refused)
    git_dir = git_dir_without_work_tree(where) if os.path.isdir(where) else None
    if git_dir is not None:
        # A repository is there, with no work tree: "not a repository"
        # would send the user looking for one they are standing in.
        if git_probe(where, 'rev-parse', '--is-bare-repository') == b'true\n':
            return InputError(
                f'{where}: a bare repository has no work tree or index; run '
                'this in a clone of it, or scan its history here: '
                'together-hooks scan --history',
            )
        tree = os.path.dirname(git_dir) if os.path.basename(git_dir) == '.git' else _linked_tree(git_dir)
        return InputError(
            f'{where}: inside the git folder {git_dir}; run this in its work tree'
            + (f', {tree}' if tree else ''),
        )
    return InputError(message)


def _linked_tree(git_dir: str) -> str | None:
    """The work tree of a linked worktree's git folder
    (``.git/worktrees/NAME``): its ``gitdir`` file names the tree's
    ``.git`` file (read as a small regular file only: never a FIFO)."""
    import stat

    try:
        fd = os.open(os.path.join(git_dir, 'gitdir'),
                     os.O_RDONLY | os.O_NONBLOCK | getattr(os, 'O_NOFOLLOW', 0))
    except OSError:
        return None
    try:
        data = os.read(fd, 4096) if stat.S_ISREG(os.fstat(fd).st_mode) else b''
    except OSError:
        data = b''
    finally:
        os.close(fd)
    dot_git = os.fsdecode(data.strip())
    return os.path.dirname(dot_git) if os.path.basename(dot_git) == '.git' else None


def parsed_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment (``env``, default ours) of a git whose stderr is
    read for its words (``fatal:``): git's messages in English whatever
    the user's language (``Schwerwiegend:`` under ``LANG=de_DE.UTF-8``)."""
    return {**(os.environ if env is None else env), 'LC_ALL': 'C'}


def git_refusal(where: str) -> str | None:
    """Why git will not open the repository that holds ``where`` (git's
    ``fatal:`` line, and its ``safe.directory`` remedy when it gives one);
    None where there is no repository to refuse, or git opens it."""
    folder = where if os.path.isdir(where) else (os.path.dirname(where) or '.')
    if not os.path.isdir(folder) or not git_may_claim(folder):
        return None
    try:
        proc = _run(folder, ('rev-parse', '--git-dir'), None, errors=True, env=parsed_env())
    except (FileNotFoundError, NotADirectoryError):
        return None
    lines = [line.strip() for line in proc.stderr.decode('utf-8', 'replace').splitlines()]
    fatal = [line[len('fatal:'):].strip() for line in lines if line.startswith('fatal:')]
    # "not a git repository: PATH": a .git file or GIT_DIR naming one that
    # is gone (a moved worktree or submodule): there is one, and it is broken.
    if proc.returncode == 0 or not fatal:
        return None
    if fatal[0].startswith('not a git repository ('):
        # "(or any of the parent directories)": git passes over a .git
        # folder it cannot read (HEAD, objects/ or refs/ missing or
        # corrupt) as if it were not there.  It is there, and broken.
        broken = _skipped_git_dir(folder)
        if broken is None or 'GIT_DIR' in os.environ:
            return None
        return (
            f'git refuses the repository here: {broken} is not a repository '
            'git can read (its HEAD, objects or refs are missing or corrupt)'
        )
    remedy = [line for line in lines if 'safe.directory' in line and line.startswith('git ')]
    trust = f'; if you trust it: {remedy[0]}' if remedy else ''
    return f'git refuses the repository here: {fatal[0]}{trust}'


def _skipped_git_dir(folder: str) -> str | None:
    """The ``.git`` folder git passed over on its way up from ``folder``
    (as git walks: from the real path, a link resolved, never in or above
    a ceiling, never across a filesystem boundary unless
    GIT_DISCOVERY_ACROSS_FILESYSTEM), when it holds what only a repository
    holds (HEAD, objects/ or refs/) and git still did not take it: a
    repository, broken.  None when the nearest one git reached is no such
    folder (a ``.git`` config alone, a folder that holds a file HEAD)."""
    here = os.path.realpath(folder)
    ceilings = set()
    for c in os.environ.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep):
        if c:
            ceilings |= {os.path.abspath(c), os.path.realpath(c)}
    across = os.environ.get('GIT_DISCOVERY_ACROSS_FILESYSTEM', '').lower() in (
        '1', 'true', 'yes', 'on')
    try:
        device = os.stat(here).st_dev
        while True:
            dot_git = os.path.join(here, '.git')
            if os.path.lexists(dot_git):
                if os.path.isdir(dot_git) and any(
                        os.path.lexists(os.path.join(dot_git, part))
                        for part in ('HEAD', 'objects', 'refs')):
                    return dot_git
                return None
            parent = os.path.dirname(here)
            if parent == here or parent in ceilings:
                return None
            if not across and os.stat(parent).st_dev != device:
                return None  # git stops at a filesystem boundary
            here = parent
    except OSError:
        return None


def git_may_claim(folder: str) -> bool:
    """False only when no git repository can hold ``folder``: no GIT_DIR or
    GIT_WORK_TREE, and no ``.git`` entry nor git folder (HEAD and objects/)
    in it or above it.  Scanning a plain folder then starts no git process
    (each costs a few ms, and importing subprocess as much again); any
    doubt is left to git itself."""
    if 'GIT_DIR' in os.environ or 'GIT_WORK_TREE' in os.environ:
        return True
    return nearest_git_entry(folder) is not None


def nearest_git_entry(folder: str) -> str | None:
    """The nearest ``.git`` entry (or git folder: HEAD and objects/) in or
    above ``folder``, as git looks for one; None when there is none."""
    here = os.path.abspath(folder)
    # As git does: never look in or above a GIT_CEILING_DIRECTORIES entry.
    ceilings = {
        os.path.abspath(c)
        for c in os.environ.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep) if c
    }
    while True:
        dot_git = os.path.join(here, '.git')
        if os.path.lexists(dot_git):
            return dot_git
        if os.path.isfile(os.path.join(here, 'HEAD')) and os.path.isdir(os.path.join(here, 'objects')):
            return here
        parent = os.path.dirname(here)
        if parent == here or parent in ceilings:
            return None
        here = parent


def git_dir_without_work_tree(path: str) -> str | None:
    """The git folder ``path`` is in when there is no work tree (a bare
    repository, or inside ``.git``), else None: only history is there."""
    out = git_probe(path, 'rev-parse', '--is-inside-git-dir', '--absolute-git-dir')
    lines = out.splitlines() if out is not None else []
    if len(lines) != 2 or lines[0] != b'true':
        return None
    return os.fsdecode(lines[1])


# git maps packs in windows of up to 1 GiB, as many as fit in 8 GiB: reading
# every blob of a history would show the whole pack as resident memory.
# Small windows keep git's peak to about what its delta-base cache holds,
# for a little more system time (measured in docs/performance.md).
PACK_READING = ('-c', 'core.packedGitWindowSize=4m', '-c', 'core.packedGitLimit=32m')
# Blobs read from a pack's end (``history._oldest_first``): each delta's base
# is the version git has just built, so a delta-base cache of 16 MiB (git's
# default is 96) holds what the next delta needs: mypy's and flask's
# ``--no-local`` clones, peak RSS 159 -> 104 and 50 -> 38 MB at the same
# CPU.  Not in a walk's order (a shared store's), where bases lie further
# back: mypy's local clone took 14% more CPU with it (docs/performance.md).
PACK_END_READING = (*PACK_READING, '-c', 'core.deltaBaseCacheLimit=16m')


_CUT_SHORT = 'git cat-file stopped in the middle of an object'


class Blob:
    """One object of a ``cat-file --batch`` stream: its ``size``, and its
    bytes read in order (``read(n)``), up to its end; what is left unread
    when the next object is asked for is skipped, never held."""

    __slots__ = ('size', '_left', '_stdout')

    def __init__(self, size: int, stdout: IO[bytes]) -> None:
        self.size = size
        self._left = size
        self._stdout = stdout

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` more bytes (all that are left when ``n`` < 0); b''
        at the end."""
        n = self._left if n < 0 else min(n, self._left)
        data = self._stdout.read(n) if n else b''
        if len(data) < n:
            raise InputError(_CUT_SHORT)
        self._left -= n
        return data

    def skip(self) -> None:
        while self._left:
            self.read(min(self._left, 1 << 20))


def _unreadable(root: str, sha: str) -> str:
    """The one line for an object git could not give: in a partial clone
    (its promisor remote never asked, ``NO_NETWORK``), why."""
    partial = _run(root, ('config', '--get-regexp', r'^(extensions\.partialclone|remote\..*\.promisor)$'), None, False)
    if partial.returncode == 0 and partial.stdout.strip():
        return f'object {sha} is not in this repository: {NOT_HERE}'
    return f'git cat-file could not read object {sha}'


def stream_blobs(
        root: str, shas: Iterable[T], reading: tuple[str, ...] = PACK_READING,
        whole: int = -1,
) -> Iterator[tuple[T, Blob | bytes]]:
    """(sha, ``Blob``) for each blob, streamed from one ``git cat-file
    --batch``: memory is what the reader takes at a time, not the blob.

    Shas may be ``str`` or ``bytes``; each comes back as it was given;
    ``reading``: git's settings for reading packs (``PACK_END_READING``
    for blobs asked in a pack's order from its end).
    git is started as ``_run`` starts it (a hook's few staged blobs import
    no ``subprocess``); the requests are written at once when the pipe
    holds them, the rest by a thread (``--buffer``: git flushes only when
    full), so neither side waits on a full pipe.
    ``whole``: a blob of at most this many bytes comes as its ``bytes``,
    read at once (history's discovery reads most blobs whole: no ``Blob``
    and no call of its own a blob).
    """
    shas = list(shas)
    if not shas:  # nothing to read: no git to start
        return
    requests = b''.join(
        (sha.encode() if isinstance(sha, str) else sha) + b'\n' for sha in shas
    )
    reader = _Fed(root, (*reading, 'cat-file', '--batch', '--buffer'), requests)
    stdout = reader.stdout
    readline, read = stdout.readline, stdout.read
    try:
        for sha in shas:
            header = readline().split()
            if len(header) != 3:
                shown = sha.decode() if isinstance(sha, bytes) else sha
                raise InputError(_unreadable(root, shown))
            if not header[2].isdigit():
                raise InputError(_out_of_step(sha))
            size = int(header[2])
            if size <= whole:
                data = read(size) if size else b''
                if len(data) < size:
                    raise InputError(_CUT_SHORT)
                _object_end(read, sha)
                yield sha, data
                continue
            blob = Blob(size, stdout)
            yield sha, blob
            blob.skip()
            _object_end(read, sha)
        if read(1):  # more than the objects asked for: the last one lied
            raise InputError(_out_of_step(shas[-1]))
    finally:
        reader.close()


def _out_of_step(sha: str | bytes) -> str:
    shown = sha.decode() if isinstance(sha, bytes) else sha
    return (
        f'git cat-file gave object {shown} with more bytes than its header '
        'says (a damaged object): not scanned; `git fsck` names it'
    )


def _object_end(read: Callable[[int], bytes], sha: str | bytes) -> None:
    """The newline ``cat-file --batch`` writes after each object's bytes:
    anything else there is an object whose content runs past the size its
    header gives (a loose object that lies about its size).  Read as that
    size, its tail would go unscanned, and a last object's exit 0."""
    if read(1) != b'\n':
        raise InputError(_out_of_step(sha))


class _Fed:
    """A git fed ``requests`` on its stdin and read as it runs (``stdout``,
    buffered); its stderr is dropped.  ``close`` stops it and reaps it."""

    __slots__ = ('stdout', '_pid', '_proc', '_writer')

    def __init__(self, root: str, args: tuple[str, ...], requests: bytes) -> None:
        self._pid = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._writer = None
        try:
            if not hasattr(os, 'posix_spawn'):
                raise _NoSpawn()
            self._pid, parent = _spawn(root, args, True, False, None, False, asked=True)
        except _NoSpawn:
            proc = self._proc = git_stream(root, *args, stdin=True)
            assert proc.stdin is not None and proc.stdout is not None
            self.stdout = proc.stdout
            self._feed(proc.stdin.fileno(), memoryview(requests), proc.stdin.close)
            return
        stdin, stdout = parent  # stdin first, then stdout
        self.stdout = open(stdout, 'rb', buffering=1 << 20)
        os.set_blocking(stdin, False)
        todo = memoryview(requests)
        try:
            while todo:
                todo = todo[os.write(stdin, todo):]
        except BlockingIOError:  # the pipe is full: a thread writes the rest
            os.set_blocking(stdin, True)
            self._feed(stdin, todo, lambda: os.close(stdin))
            return
        except BrokenPipeError:  # git stopped: reading says why
            pass
        os.close(stdin)

    def _feed(self, fd: int, todo: memoryview, close: Callable[[], None]) -> None:
        def feed() -> None:
            try:
                rest = todo
                while rest:
                    rest = rest[os.write(fd, rest):]
            except (BrokenPipeError, OSError, ValueError):
                pass
            finally:
                try:
                    close()
                except OSError:
                    pass

        from together_hooks.threads import start_daemon

        self._writer = start_daemon(feed)

    def close(self) -> None:
        self.stdout.close()
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        elif self._pid:
            _kill(self._pid)
            self._pid = 0
        if self._writer is not None:
            self._writer.join()


class BlobAt:
    """A blob read only when asked (``read``, as ``Blob.read``), by a ``git
    cat-file blob`` of its own: for a large blob that must be read again
    after its turn in a stream has passed."""

    __slots__ = ('size', '_left', '_root', '_sha', '_kind', '_proc')

    def __init__(self, root: str, sha: str, size: int, kind: str = 'blob') -> None:
        self.size = size
        self._left = size
        self._root = root
        self._sha = sha
        self._kind = kind  # or a commit's or a tag's raw text
        self._proc: subprocess.Popen[bytes] | None = None

    def read(self, n: int = -1) -> bytes:
        n = self._left if n < 0 else min(n, self._left)
        if not n:
            self.close()
            return b''
        if self._proc is None:
            self._proc = git_stream(self._root, *PACK_READING, 'cat-file', self._kind, self._sha)
        assert self._proc.stdout is not None
        data = self._proc.stdout.read(n)
        if len(data) < n:
            self.close()
            raise InputError(_unreadable(self._root, self._sha))
        self._left -= n
        return data

    def again(self) -> BlobAt:
        """The same blob, to be read once more from its start (a second
        check of the same bytes, by a ``git cat-file`` of its own)."""
        return BlobAt(self._root, self._sha, self.size, self._kind)

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for f in (self._proc.stdout, self._proc.stderr):
                if f is not None:
                    f.close()
            self._proc = None


def file_at(root: str, commit: str, name: str, limit: int) -> bytes | None:
    """The blob at path ``name`` in ``commit``, or None when it has none
    there (or something else: a folder, a submodule).  A blob larger than
    ``limit`` bytes is an InputError, never read whole (a pushed
    config or baseline of gigabytes)."""
    out = git(
        root, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)',
        input=f'{commit}^{{commit}}:{name}\n'.encode('utf-8', 'surrogateescape'),
    )
    return _blob_answered(root, commit, name, out, limit)


def files_at(root: str, commit: str, names: Sequence[str], limit: int) -> Callable[[str], bytes | None]:
    """``file_at`` of ``commit`` as a reader by name, for a reader that
    asks for several (a config's files): the kind and size of each of
    ``names`` asked in one ``cat-file --batch-check`` the first time one
    is read, each answer the line ``file_at`` would have had alone.  A
    name not among them, or one a line cannot carry (a newline, a
    carriage return git's line reader drops), is asked alone."""
    lines = [n for n in names if '\n' not in n and not n.endswith('\r')]
    answers: dict[str, bytes] = {}

    def read(name: str) -> bytes | None:
        if name not in lines:
            return file_at(root, commit, name, limit)
        if not answers:
            out = git(
                root, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)',
                input=''.join(f'{commit}^{{commit}}:{n}\n' for n in lines).encode('utf-8', 'surrogateescape'),
            )
            each = out.split(b'\n')
            if len(each) != len(lines) + 1 or each[-1]:
                raise unreadable(out)
            answers.update(zip(lines, each))
        return _blob_answered(root, commit, name, answers[name], limit)

    return read


def _blob_answered(root: str, commit: str, name: str, out: bytes, limit: int) -> bytes | None:
    """``file_at``'s blob from ``cat-file --batch-check``'s answer line."""
    fields = out.split()
    if len(fields) != 3 or fields[1] != b'blob':
        return None
    if int(fields[2]) > limit:
        raise InputError(
            f'{name} at {commit[:12]}: larger than {limit >> 20 or 1} MB, more than '
            'a file of this kind holds; it was not read',
        )
    return git(root, 'cat-file', 'blob', fields[0].decode())


# Tracked and untracked files in one listing: ``-t`` tags each path, ``? ``
# an untracked one (``--others``), any other tag a tracked one (``H ``,
# ``S `` skip-worktree, ``M `` unmerged); without ``--ignored`` the
# exclude rules touch only what ``--others`` lists.  Others come first,
# then the index's entries in its order, each stage of an unmerged one:
# the tracked ones are ``ls-files --cached``'s list, the untracked ones
# ``ls-files --others --exclude-standard``'s.
TRACKED_AND_UNTRACKED = ('ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard')


class Listings:
    """git's listings of one work tree, each asked once by the checks of
    one run (``doctor``: the keys, the env files, the stages each listed
    the tree again): ``git`` answers a command it gave before from what
    git said then, its failure too (a listing stuck on a FIFO among the
    exclude files waited its bound again for each check that asked), and
    ``tracked``/``untracked`` are the two halves of one listing
    (``TRACKED_AND_UNTRACKED``)."""

    __slots__ = ('root', '_said')

    def __init__(self, root: str) -> None:
        self.root = root
        self._said: dict[tuple[str, ...], bytes | InputError] = {}

    def git(self, *args: str, env: dict[str, str] | None = None) -> bytes:
        """``git(root, *args, env=env)``, once (``env`` is the caller's
        for that command: the same command always comes with the same);
        a command that failed raises its error again."""
        out = self._said.get(args)
        if out is None:
            try:
                out = self._said[args] = git(self.root, *args, env=env)
            except InputError as error:
                self._said[args] = error
                raise
        if isinstance(out, InputError):
            raise out
        return out

    def _halves(self) -> tuple[list[str], list[str]]:
        tracked: list[str] = []
        untracked: list[str] = []
        for entry in zsplit(self.git(*TRACKED_AND_UNTRACKED)):
            (untracked if entry[:2] == '? ' else tracked).append(entry[2:])
        return tracked, untracked

    def tracked(self) -> list[str]:
        """``ls-files -z --cached``'s paths, in its order; asked alone when
        the listing fails in its untracked half's walk (a FIFO, or any file
        git reads for the exclude rules, stuck): the index is read as it
        was, its files' keys still reported (``untracked`` still fails)."""
        try:
            return self._halves()[0]
        except InputError:
            return zsplit(self.git('ls-files', '-z', '--cached'))

    def untracked(self) -> list[str]:
        """``ls-files -z --others --exclude-standard``'s paths."""
        return self._halves()[1]
