"""rotate-help on a key a scan excuses (a pragma, the baseline, the config's
``allow``): it said "No Together API key found" for a pragma's key and gave
the typed recipe only; for a baselined key it did not say why scans pass.
It names the key, what excuses it, and the steps built from it.

Every test runs the installed console script in a real repository.
"""
from __future__ import annotations

import hashlib

import pytest

from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write


def _rotate(repo, *args: str):
    result = run('together-hooks', 'rotate-help', *args, cwd=repo)
    assert result.rc == 0, result.err
    assert 'No Together API key found' not in result.out, result.out
    assert '1. Create a new key' in result.out and 'git filter-repo --replace-text' in result.out
    assert "printf '%s\\n'" in result.out, result.out  # the file built from the key, no typing
    return ' '.join(result.out.split())  # the wrapped sentence on one line


@pytest.mark.parametrize('comment', ['  # pragma: allowlist secret', '  # gitleaks:allow'])
def test_a_key_a_pragma_excuses_is_named_with_its_pragma(git_repo, keys, comment):
    write(git_repo, 'app.py', f'KEY = "{keys()}"{comment}\n')
    git(git_repo, 'add', 'app.py')
    assert scan('.').rc == 0  # the pragma passes it
    out = _rotate(git_repo, 'app.py')
    assert 'It is there, and excused by a pragma (app.py:1)' in out, out


def test_a_key_the_baseline_excuses_is_named_with_the_baseline(git_repo, keys):
    key = keys()
    write(git_repo, 'app.py', f'KEY = "{key}"\n')
    git(git_repo, 'add', 'app.py')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    assert scan('.').rc == 0
    out = _rotate(git_repo, 'app.py')
    assert 'It is there, and excused by the baseline .secrets.baseline' in out, out
    hashed = hashlib.sha1(key.encode()).hexdigest()
    out = _rotate(git_repo, '--hashed-secret', hashed)
    assert 'excused by the baseline .secrets.baseline' in out, out


def test_a_key_the_config_allows_is_named_with_the_allow(git_repo, keys):
    key = keys()
    write(git_repo, 'app.py', f'KEY = "{key}"  # pragma: allowlist secret\n')
    write(git_repo, '.together-hooks.toml', f'allow = ["{hashlib.sha1(key.encode()).hexdigest()}"]\n')
    git(git_repo, 'add', '.')
    out = _rotate(git_repo, 'app.py')
    assert "excused by a pragma (app.py:1) and by the config file's allow" in out, out


def test_a_key_nothing_excuses_says_nothing_of_excuses(git_repo, keys):
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', 'app.py')
    out = _rotate(git_repo, 'app.py')
    assert 'excused' not in out, out


def _excused_file(repo, kind: str, line: str) -> tuple[str, str]:
    """``line`` written as ``kind`` reads it: (the path given, where the
    pragma's line is shown)."""
    import gzip
    import zipfile

    if kind == 'utf-16':
        (repo / 'app.py').write_bytes(line.encode('utf-16'))
        return 'app.py', 'app.py:1'
    if kind == 'zip':
        with zipfile.ZipFile(repo / 'bundle.zip', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('src/app.py', 'import os\n' + line)
        return 'bundle.zip', 'bundle.zip!src/app.py:2'
    (repo / 'app.py.gz').write_bytes(gzip.compress(('\n' * 2 + line).encode()))
    return 'app.py.gz', 'app.py.gz!app.py:3'


@pytest.mark.parametrize('kind', ['utf-16', 'zip', 'gzip'])
def test_a_key_a_pragma_excuses_is_found_wherever_scan_reads_it(git_repo, keys, kind):
    """The pragma was made inert in the raw bytes only: a UTF-16 file, or
    a zip or gzip member, holding the pragma's key still said "No
    Together API key found".  Scans read these; so does rotate-help."""
    key = keys()
    path, place = _excused_file(git_repo, kind, f'KEY = "{key}"  # pragma: allowlist secret\n')
    git(git_repo, 'add', '.')
    assert scan('.').rc == 0  # the pragma passes it
    out = _rotate(git_repo, path)
    assert f'It is there, and excused by a pragma ({place})' in out, out
    assert key[7:] not in out


def test_a_pragma_with_no_key_under_it_finds_nothing(git_repo):
    write(git_repo, 'app.py', 'DEBUG = True  # pragma: allowlist secret\n')
    result = run('together-hooks', 'rotate-help', 'app.py', cwd=git_repo)
    assert result.rc == 0 and 'No Together API key found' in result.out, result.out
