"""Run the installed console scripts as a user would, and check the output.

Shared by the scan, sources and hook tests: a real process (so exit codes,
stderr and the absence of tracebacks are what a user sees) and one check
that no whole key ever appears in anything the tools wrote.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

BIN = os.path.dirname(sys.executable)
# Everything the tools printed in this process; tests check it for keys.
CAPTURED: list[str] = []


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[bytes]) -> None:
        self.rc = proc.returncode
        self.out = proc.stdout.decode('utf-8', 'backslashreplace')
        self.err = proc.stderr.decode('utf-8', 'backslashreplace')

    def json(self) -> dict:
        return json.loads(self.out)

    def found(self) -> list[tuple[str, int, str, str]]:
        """(path, line, rule, hashed_secret) of each JSON finding."""
        return [
            (f['path'], f['line'], f['rule'], f['hashed_secret'])
            for f in self.json()['findings']
        ]


def run(script: str, *args: str, cwd: os.PathLike[str] | str) -> Result:
    env = dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    # A safety net against a hang, not a speed check: at load 23-29 the
    # accuracy modes' ``scan --history --format sarif`` (a few CPU-s) took
    # over 120 s of wall time and errored on f19052a and 5e14011 alike.
    log = os.environ.get('TOGETHER_TESTS_RUN_LOG')  # a folder: each run's CPU, by test file
    if log:
        import resource

        was = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        (os.path.join(BIN, script), *args), cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600,
    )
    if log:
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = now.ru_utime + now.ru_stime - was.ru_utime - was.ru_stime
        test = os.environ.get('PYTEST_CURRENT_TEST', '?').split('::')[0]
        with open(os.path.join(log, f'{os.getpid()}.txt'), 'a') as f:
            f.write(f'{test}\t{script}\t{cpu:.3f}\n')
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def scan(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('together-hooks', 'scan', *args, cwd=cwd)


def hook(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('detect-together-keys', *args, cwd=cwd)


# In process: the console script's ``main(argv)`` called in this (the
# pytest) process, for test files whose subject is the tools' answer and
# not the process (a start costs ~60-120 ms of CPU: Python and our
# imports).  A file opts in by importing these in place of run/scan/hook;
# where the process is what is tested (signals, crashes and tracebacks,
# start-up imports, stdin and pipes, git or pre-commit starting us, limits)
# the real one stays.
_ENTRY: dict[str, object] = {}
# Signals a command installs a handler for while it runs (runtime.guard,
# sources.parallel, cli.pre_receive): each must be back after.  Not
# SIGVTALRM: userregex installs its handler once a process, by design
# (inert while no timer is armed); the timer must be off after a run.
_SIGNALS = ('SIGTERM', 'SIGINT', 'SIGALRM', 'SIGCHLD', 'SIGPIPE')


def _entry(script: str):  # type: ignore[no-untyped-def]
    """The function the installed console script ``script`` calls."""
    main = _ENTRY.get(script)
    if main is None:
        from importlib.metadata import entry_points

        found = [e for e in entry_points(group='console_scripts') if e.name == script]
        assert len(found) == 1, (script, found)
        main = found[0].load()
        if main.__name__ != 'main':
            # A console wrapper (first_stage.console ends the process at
            # once on a clean commit): in process, the module's
            # ``main(argv)`` it wraps, which always returns.
            main = getattr(sys.modules[main.__module__], 'main')
        _ENTRY[script] = main
    return main


def _state() -> dict[str, object]:
    """What a run must leave as it found it (a difference is a leak into
    the next test, or a bug of ``main`` called twice in one process)."""
    import signal

    umask = os.umask(0o022)
    os.umask(umask)
    return {
        'cwd': os.getcwd(),
        'environ': dict(os.environ),
        'umask': umask,
        'signals': {n: signal.getsignal(getattr(signal, n)) for n in _SIGNALS if hasattr(signal, n)},
        # The calling thread's blocked signals: a run that blocked Ctrl-C
        # here and never unblocked it would hand the block to every child
        # the process starts after (they would sleep through Ctrl-C).
        'mask': signal.pthread_sigmask(signal.SIG_BLOCK, ()) if hasattr(signal, 'pthread_sigmask') else None,
        'timers': [signal.getitimer(getattr(signal, t)) for t in ('ITIMER_REAL', 'ITIMER_VIRTUAL')
                   if hasattr(signal, t)],
        'excepthook': sys.excepthook,
        'argv': list(sys.argv),
    }


def _log_streams() -> list[tuple[object, object]]:
    import logging

    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    return [(h, h.stream) for lg in loggers for h in getattr(lg, 'handlers', ())
            if isinstance(h, logging.StreamHandler)]


def _restore(before: dict[str, object]) -> list[str]:
    """Put back what ``_state`` saw; the names of what the run changed."""
    import signal

    changed = [k for k, v in _state().items() if k not in ('cwd', 'environ', 'argv') and v != before[k]]
    os.chdir(before['cwd'])  # type: ignore[arg-type]
    os.environ.clear()
    os.environ.update(before['environ'])  # type: ignore[arg-type]
    os.umask(before['umask'])  # type: ignore[arg-type]
    for name, handler in before['signals'].items():  # type: ignore[attr-defined]
        if handler is not None:
            signal.signal(getattr(signal, name), handler)
    if before['mask'] is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, before['mask'])  # type: ignore[arg-type]
    for which, timer in zip(('ITIMER_REAL', 'ITIMER_VIRTUAL'), before['timers']):  # type: ignore[call-overload]
        if timer == (0.0, 0.0):
            signal.setitimer(getattr(signal, which), 0)
    sys.excepthook = before['excepthook']  # type: ignore[assignment]
    sys.argv[:] = before['argv']  # type: ignore[index]
    return changed


# How long a thread the run started may take to end after main returned
# (one shutting down on its own) before it is a leak.
THREAD_GRACE = 5.0


def _left_running(threads: set[object]) -> list[str]:
    """Threads and git processes the run started and left behind."""
    import threading

    left = []
    for thread in threading.enumerate():
        if thread not in threads:
            thread.join(timeout=THREAD_GRACE)
            if thread.is_alive():
                left.append(f'thread {thread.name}')
    # The lists of git processes started (pruned lazily: a finished one
    # may stay listed); one still running after main returned is a leak.
    streams = getattr(sys.modules.get('together_hooks.gitrun'), '_STREAMS', ())
    tasks = getattr(sys.modules.get('together_hooks.org.task'), 'RUNNING', ())
    for proc in [p for _pid, p in streams] + list(tasks):
        if proc.poll() is None:
            left.append(f'process {proc.args!r}'[:200])
    return left


def run_in_process(
        script: str, *args: str, cwd: os.PathLike[str] | str,
        env: dict[str, str] | None = None,
) -> Result:
    """``run``, with ``main(argv)`` called here: the same cwd and
    environment the process would get (``env``, when given, in place of
    this process's, as ``subprocess.run(env=...)``), its file descriptors 1 and 2 (not
    only ``sys.stdout``/``sys.stderr``: runtime writes to them directly)
    on temp files, ``SystemExit`` or the return value as the exit code.
    Everything the run changes in this process is put back, and a test
    fails when a run changed what it must not (signal handlers, umask,
    the excepthook) or left a thread or git running."""
    import io
    import tempfile
    import threading

    main = _entry(script)
    before = _state()
    logs = _log_streams()
    threads = set(threading.enumerate())
    saved_streams = (sys.stdout, sys.stderr)
    for stream in saved_streams:
        stream.flush()
    files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
    saved_fds = [os.dup(1), os.dup(2)]
    code: object = None
    try:
        if env is not None:
            for name in set(os.environ) - set(env):
                del os.environ[name]
            os.environ.update(env)
        os.environ.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
        os.chdir(cwd)
        sys.argv[:] = [os.path.join(BIN, script), *args]
        os.dup2(files[0].fileno(), 1)
        os.dup2(files[1].fileno(), 2)
        # As Python makes them under PYTHONIOENCODING=utf-8 for a file.
        sys.stdout = io.TextIOWrapper(open(1, 'wb', closefd=False), encoding='utf-8')
        sys.stderr = io.TextIOWrapper(open(2, 'wb', closefd=False), encoding='utf-8',
                                      errors='backslashreplace', line_buffering=True)
        try:
            code = main(list(args))
        except SystemExit as e:
            code = e.code
        for stream in (sys.stdout, sys.stderr):  # as at exit: a failed flush is lost
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    finally:
        sys.stdout, sys.stderr = saved_streams
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in saved_fds:
            os.close(fd)
        for handler, stream in logs:
            handler.stream = stream  # type: ignore[attr-defined]
        changed = _restore(before)
    if code is None:
        rc = 0
    elif isinstance(code, int):
        rc = code
    else:  # SystemExit('message'): printed, exit 1
        files[1].write(f'{code}\n'.encode())
        rc = 1
    out, err = (f.seek(0) or f.read() for f in files)
    for f in files:
        f.close()
    result = Result(subprocess.CompletedProcess(sys.argv, rc, out, err))
    CAPTURED.extend((result.out, result.err))
    left = _left_running(threads)
    assert not changed and not left, f'{script} {args}: left changed {changed}, left running {left}'
    return result


def scan_in_process(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run_in_process('together-hooks', 'scan', *args, cwd=cwd)


def hook_in_process(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run_in_process('detect-together-keys', *args, cwd=cwd)


# The shortest run of a key's random part that counts as a leak.  A
# redaction shows two to four characters at each end (``tgp_v1_Ab…yz``);
# 16 random characters are 96 bits, which no legitimate output holds by
# chance, while a key printed minus a character or two is still a leak.
LEAK_RUN = 16
# The characters of every form ``_forms`` makes: a key's (raw, either
# case; hex), and base64's standard and URL-safe alphabets.
_FORM_CHARS = 'A-Za-z0-9+/_-'
_FORM_RUN = re.compile('[%s]{%d,}' % (_FORM_CHARS, LEAK_RUN))


def _forms(key: str) -> list[str]:
    """The key's random part as it may appear: raw (either case), the hex
    of its bytes (either case), and the base64 (standard and URL-safe) of the whole key at each of the three
    byte alignments it can have inside encoded text.  The encoded prefix
    and the last group, which mix in neighbouring bytes, are left out."""
    import base64

    body = key[7:] if key.startswith('tgp_v1_') else key
    forms = [body, body.lower(), body.upper(), body.encode().hex(), body.encode().hex().upper()]
    raw = key.encode()
    skip = 12 if key.startswith('tgp_v1_') else 0  # base64 of 'tgp_v1_' is the same for every key
    for shift in range(3):
        for codec in (base64.b64encode, base64.urlsafe_b64encode):
            enc = codec(raw[shift:]).decode().rstrip('=')
            forms.append(enc[skip:len(enc) - 3])
    return forms


# The one line a clean ``together-hooks scan`` writes on stderr.
CLEAN = re.compile(
    r'together-hooks: (\d+ files?|\d+ commits?, \d+ blobs?), \d+\.\d MB, '
    r'no Together keys( \(.*\))?\n\Z',
)


def quiet_and_clean(result: Result) -> bool:
    """Nothing on stdout, and stderr only the clean-run summary."""
    return result.out == '' and CLEAN.fullmatch(result.err) is not None


# A character written by its code as an output may write one: JSON's
# ``\u0074``, Python's and bash's ``\x74``, git's quoted paths' ``\164``.
_CODED = re.compile(r'\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})|\\([0-3][0-7]{2})')


def readings(blob: str) -> set[str]:
    """``blob`` as read, with percent-escapes decoded, and with characters
    written by their codes decoded (``_CODED``)."""
    from urllib.parse import unquote

    def char(m: re.Match[str]) -> str:
        hex4, hex2, octal = m.groups()
        return chr(int(hex4 or hex2, 16) if octal is None else int(octal, 8))

    return {blob, unquote(blob, errors='backslashreplace'), _CODED.sub(char, blob)}


class LeakIndex:
    """The windows ``leaked`` looks for, of keys added as they are made:
    a module that checks every test's outputs against every key it has
    made so far (``hardening_test``) adds each key once, not once a test
    (its index was made afresh for hundreds of keys after every test).
    ``find`` gives the keys' places in the order they were added."""

    def __init__(self) -> None:
        self.runs: dict[str, int] = {}
        self.count = 0

    def add(self, keys: list[str]) -> None:
        for key in keys:
            for form in _forms(key):
                for start in range(len(form) - LEAK_RUN + 1):
                    self.runs.setdefault(form[start:start + LEAK_RUN], self.count)
            self.count += 1

    def find(self, *texts: str) -> list[int]:
        found: set[int] = set()
        blob = '\n'.join(texts)
        for text in readings(blob):
            # Every form is made of _FORM_CHARS, so a window that matches lies
            # inside one of their runs: only those are slid over, not the
            # prose around them.
            for run in _FORM_RUN.findall(text):
                for start in range(len(run) - LEAK_RUN + 1):
                    i = self.runs.get(run[start:start + LEAK_RUN])
                    if i is not None:
                        found.add(i)
        return sorted(found)


def leaked(keys: list[str], *texts: str) -> list[int]:
    """Indexes of keys any LEAK_RUN characters of whose random part appear
    in texts: raw, hex, base64, or percent-encoded (texts are also read
    with percent-escapes and characters written by their codes decoded:
    ``readings``)."""
    index = LeakIndex()
    index.add(keys)
    return index.find(*texts)


def assert_error_text(rc: int, err: str, *words: str, out: str = '') -> None:
    """Exit 2, one line on stderr naming the problem (every one of
    ``words``), no traceback, and not a crash dressed as an error:
    ``errors.guard`` turns any exception into ``internal error (...)`` and
    exit 2, which is a bug, never a usage error.  For commands run in
    process (``capsys``) as well as through the console scripts."""
    assert rc == 2, (rc, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert 'Traceback' not in err and 'Traceback' not in out
    assert 'internal error' not in err, err
    for word in words:
        assert word in lines[0], (word, lines[0])


def assert_error_line(result: Result, *words: str) -> None:
    """``assert_error_text`` for a console-script run."""
    assert_error_text(result.rc, result.err, *words, out=result.out)


def usage_error(argv: list[str]) -> str | None:
    """What the real parser of ``argv[0]`` (a console script) says of
    ``argv[1:]`` when it refuses it as a usage error, parsed in this process
    and not run; None when it parses (or only asks for help)."""
    import contextlib
    import importlib
    import io

    from together_hooks import cli

    if argv[0] == 'together-hooks':
        parser = cli.build_parser(argv[1] if len(argv) > 1 and argv[1] in cli.COMMANDS else None)
    else:
        parser = importlib.import_module(f'together_hooks.hooks.{argv[0].replace("-", "_")}').build_parser()
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            parser.parse_args(argv[1:])
    except SystemExit as e:
        if e.code not in (0, None):
            return err.getvalue().strip()
    return None
