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


@pytest.mark.parametrize('data', (b'nothing here\n', bytes(range(256)) * 64))
def test_clean_stdin_passes_and_says_what_it_read(git_repo, data):
    r = piped('-', data=data, cwd=git_repo)
    assert r.rc == 0, r.err
    assert r.err.startswith('together-hooks: 1 file'), r.err


def test_empty_stdin_passes_but_says_it_was_empty(git_repo):
    """``failing-cmd | together-hooks scan -``: nothing came.  It passes
    (an empty ``git diff`` is clean, as gitleaks has it) but says so,
    with the remedy, on stderr (docs/cli.md)."""
    r = piped('-', data=b'', cwd=git_repo)
    assert r.rc == 0, r.err
    note, summary = r.err.splitlines()
    assert note.startswith('together-hooks: <stdin>: standard input was empty (0 bytes)')
    assert 'pipefail' in note
    assert summary.startswith('together-hooks: 1 file, 0.0 MB')


def test_stdin_on_a_terminal_says_it_waits_for_end_of_input(git_repo, keys):
    """On a terminal, ``scan -`` says it reads until Ctrl-D, not a silent
    wait; what is typed is scanned."""
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            (os.path.join(BIN, 'together-hooks'), 'scan', '-'), cwd=git_repo, stdin=slave,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8'),
        )
        os.close(slave)
        slave = -1
        os.write(master, f'TOGETHER_API_KEY={keys()}\n'.encode())
        os.write(master, b'\x04')  # Ctrl-D at the start of a line: end of input
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    CAPTURED.extend((out.decode(), err.decode()))
    assert proc.returncode == 1, err
    assert err.decode().startswith('together-hooks: reading standard input until end of input'), err
    assert b'<stdin>:1: together-api-key' in out


def test_a_key_across_window_edges_on_stdin(git_repo, keys):
    """Larger than a window: read in windows, a key where two meet found.
    The lines before each key are longer than a window; they are dots, not
    a run of key characters (4 MB of ``x`` cost the engine ~2.4 CPU-s and
    are no part of this claim)."""
    from together_hooks.fileio import WINDOW

    key = keys()
    line = f'TOGETHER_API_KEY={key}\n'.encode()
    data = b'.' * (WINDOW - 20) + b'\n' + line + b'.' * (WINDOW + 5) + b'\n' + line
    at = data.index(key.encode())
    assert at < WINDOW < at + len(key)  # across the first window's edge
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


@pytest.mark.parametrize('codec', ('utf-16', 'utf-16-le'), ids=('bom', 'no-bom'))
def test_a_key_in_wide_stdin_past_the_first_read(git_repo, keys, codec):
    """UTF-16 on stdin is decoded to its end, not to the size of the first
    read (4 MB and an overlap): a key 5 MB in is found as in a file."""
    key = keys()
    filler = ('x' * 63 + '\n') * ((5 << 20) // 128)  # 5 MB once wide
    text = filler + f'TOGETHER_API_KEY={key}\n' + ('y' * 63 + '\n') * 8192
    data = text.encode(codec)
    assert len(data) > 6 << 20
    (git_repo / 'f.txt').write_bytes(data)
    assert piped('f.txt', data=b'', cwd=git_repo).rc == 1
    r = piped('-', '--format', 'json', data=data, cwd=git_repo)
    assert r.rc == 1, r.err
    assert [f['hashed_secret'] for f in r.json()['findings']] == [hash_secret(key)]


def test_sarif_of_stdin_keeps_line_and_column(git_repo, keys):
    """A finding on stdin names no file (a logical location) but keeps its
    region, as docs/cli.md says; the document still validates."""
    import jsonschema

    from tests.sarif_test import SCHEMA_PATH

    key = keys()
    r = piped('-', '--format', 'sarif', data=f'one\nexport TOGETHER_API_KEY={key}\n'.encode(),
              cwd=git_repo)
    assert r.rc == 1, r.err
    doc = json.loads(r.out)
    schema = json.loads(SCHEMA_PATH.read_text(encoding='utf-8'))
    assert [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(doc)] == []
    [location] = doc['runs'][0]['results'][0]['locations']
    assert location['logicalLocations'][0]['name'] == 'stdin'
    region = location['physicalLocation']['region']
    assert (region['startLine'], region['startColumn']) == (2, 25)
    assert 'uri' not in location['physicalLocation']['artifactLocation']


def test_a_baseline_entry_for_stdin_passes_no_key_on_stdin(git_repo, keys):
    """docs/cli.md: a baseline never passes a key on stdin, even an entry
    someone wrote for ``<stdin>`` (stdin is no file a baseline could name)."""
    key = keys()
    data = f'TOGETHER_API_KEY={key}\n'.encode()
    (git_repo / 'a.txt').write_bytes(data)
    made = subprocess.run((os.path.join(BIN, 'together-hooks'), 'baseline', 'create'),
                          cwd=git_repo, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    path = git_repo / '.secrets.baseline'
    baseline = json.loads(path.read_text())
    entries = baseline['results'].pop('a.txt')
    for entry in entries:
        entry['filename'] = '<stdin>'
    baseline['results']['<stdin>'] = entries
    path.write_text(json.dumps(baseline, indent=2) + '\n')
    (git_repo / 'a.txt').unlink()
    r = piped('-', data=data, cwd=git_repo)
    assert r.rc == 1, (r.out, r.err)
    assert 'known' not in r.err
