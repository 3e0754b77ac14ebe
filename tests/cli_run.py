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

from tests.keys import b64

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
    proc = subprocess.run(
        (os.path.join(BIN, script), *args), cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def scan(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('together-hooks', 'scan', *args, cwd=cwd)


def hook(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('detect-together-keys', *args, cwd=cwd)


# The one line a clean ``together-hooks scan`` writes on stderr.
CLEAN = re.compile(r'together-hooks: \d+ files?, \d+\.\d MB, no Together keys( \(.*\))?\n\Z')


def quiet_and_clean(result: Result) -> bool:
    """Nothing on stdout, and stderr only the clean-run summary."""
    return result.out == '' and CLEAN.fullmatch(result.err) is not None


def leaked(keys: list[str], *texts: str) -> list[int]:
    """Indexes of keys that appear whole (raw, body or base64) in texts."""
    blob = '\n'.join(texts)
    out = []
    for i, key in enumerate(keys):
        body = key[7:] if key.startswith('tgp_v1_') else key
        if key in blob or body in blob or b64(key) in blob:
            out.append(i)
    return out


def assert_error_line(result: Result, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    assert result.rc == 2, (result.rc, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert 'Traceback' not in result.err and 'Traceback' not in result.out
    for word in words:
        assert word in lines[0], (word, lines[0])
