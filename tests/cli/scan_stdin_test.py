"""``together-hooks scan -``: standard input scanned as one file."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.cli_run import Result
from tests.cli_run import assert_error_line
from together_hooks.findings import hash_secret


def piped(*args: str, data: bytes, cwd) -> Result:
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan', *args), input=data, cwd=cwd,
        capture_output=True, timeout=120,
        env=dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8'),
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def test_a_key_on_stdin_is_found_at_its_line_and_column(git_repo, keys):
    key = keys()
    r = piped('-', '--format', 'json', data=f'one\nexport TOGETHER_API_KEY={key}\n'.encode(),
              cwd=git_repo)
    assert r.rc == 1, r.err
    report = r.json()
    assert [(f['path'], f['line'], f['column'], f['hashed_secret']) for f in report['findings']] == [
        ('<stdin>', 2, 25, hash_secret(key)),
    ]
    assert report['summary']['files_scanned'] == 1


@pytest.mark.parametrize('data', (b'', b'nothing here\n', bytes(range(256)) * 64))
def test_clean_stdin_passes_and_says_what_it_read(git_repo, data):
    r = piped('-', data=data, cwd=git_repo)
    assert r.rc == 0, r.err
    assert r.err.startswith('together-hooks: 1 file'), r.err


def test_a_key_across_window_edges_on_stdin(git_repo, keys):
    """Larger than a window: read in windows, a key where two meet found."""
    from together_hooks.fileio import WINDOW

    key = keys()
    line = f'TOGETHER_API_KEY={key}\n'.encode()
    data = b'x' * (WINDOW - 20) + b'\n' + line + b'y' * (WINDOW + 5) + b'\n' + line
    r = piped('-', '--format', 'sarif', data=data, cwd=git_repo)
    assert r.rc == 1, r.err
    results = json.loads(r.out)['runs'][0]['results']
    assert len(results) == 2
    assert all('logicalLocations' in res['locations'][0] for res in results)


def test_the_config_applies_to_stdin_and_a_baseline_is_per_file(git_repo, keys):
    """A baseline entry is (file, hashed_secret, type), as detect-secrets
    keeps it: a.txt's does not pass the same key on stdin; the config's
    ``allow`` of its hashed_secret does."""
    key = keys()
    data = f'TOGETHER_API_KEY={key}\n'.encode()
    (git_repo / 'a.txt').write_bytes(data)
    made = subprocess.run((os.path.join(BIN, 'together-hooks'), 'baseline', 'create'),
                          cwd=git_repo, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert piped('-', data=data, cwd=git_repo).rc == 1
    (git_repo / '.together-hooks.toml').write_text(f'allow = ["{hash_secret(key)}"]\n')
    r = piped('-', data=data, cwd=git_repo)
    assert r.rc == 0, (r.out, r.err)


@pytest.mark.parametrize(('args', 'words'), (
    (('-', 'a.txt'), ('standard input is scanned alone', './-')),
    (('--staged', '-'), ('--staged takes no PATH',)),
    (('--history', '-'), ('takes no PATH',)),
    (('--diff', 'HEAD', '-'), ('takes no PATH',)),
))
def test_stdin_with_what_it_does_not_go_with(git_repo, args, words):
    assert_error_line(piped(*args, data=b'x', cwd=git_repo), *words)


def test_a_file_named_dash_is_dot_slash_dash(git_repo, keys):
    (git_repo / '-').write_text(f'k = "{keys()}"\n')
    r = piped('./-', data=b'', cwd=git_repo)
    assert r.rc == 1 and '-:1: together-api-key' in r.out, r.err


@pytest.mark.parametrize(('redirect', 'words'), (
    ('<&-', ('standard input is closed',)),  # no stdin at all
    ('0>"$0"', ('<stdin>: cannot read standard input', 'Bad file descriptor')),  # opened for writing
), ids=('closed', 'write-only'))
def test_a_stdin_that_cannot_be_read_is_one_line(git_repo, redirect, words):
    """Never an empty input that passes: one line naming standard input."""
    proc = subprocess.run(
        ('sh', '-c', f'exec "$1" scan - {redirect}', str(git_repo / 'w.txt'),
         os.path.join(BIN, 'together-hooks')),
        cwd=git_repo, capture_output=True, timeout=120,
        env=dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8'),
    )
    r = Result(proc)
    CAPTURED.extend((r.out, r.err))
    assert_error_line(r, *words)


def test_stdin_report_to_a_file(git_repo, keys):
    """``--output``: the report of stdin written to a file, as for a file."""
    key = keys()
    r = piped('-', '--format', 'json', '--output', 'report.json',
              data=f'TOGETHER_API_KEY={key}\n'.encode(), cwd=git_repo)
    assert r.rc == 1, r.err
    report = json.loads((git_repo / 'report.json').read_text())
    assert [(f['path'], f['line']) for f in report['findings']] == [('<stdin>', 1)]
