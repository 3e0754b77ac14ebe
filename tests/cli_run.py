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
    proc = subprocess.run(
        (os.path.join(BIN, script), *args), cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600,
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def scan(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('together-hooks', 'scan', *args, cwd=cwd)


def hook(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('detect-together-keys', *args, cwd=cwd)


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
    """The key's random part as it may appear: raw (either case), and the
    base64 (standard and URL-safe) of the whole key at each of the three
    byte alignments it can have inside encoded text.  The encoded prefix
    and the last group, which mix in neighbouring bytes, are left out."""
    import base64

    body = key[7:] if key.startswith('tgp_v1_') else key
    forms = [body, body.lower(), body.upper()]
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


def leaked(keys: list[str], *texts: str) -> list[int]:
    """Indexes of keys any LEAK_RUN characters of whose random part appear
    in texts: raw, base64, or percent-encoded (texts are also read with
    percent-escapes decoded)."""
    from urllib.parse import unquote

    runs: dict[str, int] = {}
    for i, key in enumerate(keys):
        for form in _forms(key):
            for start in range(len(form) - LEAK_RUN + 1):
                runs.setdefault(form[start:start + LEAK_RUN], i)
    found: set[int] = set()
    blob = '\n'.join(texts)
    for text in {blob, unquote(blob, errors='backslashreplace')}:
        # Every form is made of _FORM_CHARS, so a window that matches lies
        # inside one of their runs: only those are slid over, not the
        # prose around them.
        for run in _FORM_RUN.findall(text):
            for start in range(len(run) - LEAK_RUN + 1):
                i = runs.get(run[start:start + LEAK_RUN])
                if i is not None:
                    found.add(i)
    return sorted(found)


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
