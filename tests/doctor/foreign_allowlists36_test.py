"""A team moving over from gitleaks keeps its allowlists (session 36,
outside36): a ``.gitleaksignore`` of fingerprints and a ``.gitleaks.toml``
with an ``[allowlist]``.  Nothing here reads them, so the key gitleaks
had been told to pass was reported with no word why: ``scan`` now says
so on stderr (its exit stays the scan's) and ``doctor`` warns, each with
what to do instead (docs/migrating.md)."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write

NOTE = 'together-hooks: note: '


def _keyed(repo, keys) -> None:
    write(repo, 'fixtures/k.py', f'KEY = "{keys()}"\n')
    git(repo, 'add', '.')


@pytest.mark.parametrize('name, text, said', [
    ('.gitleaksignore', 'abc123:fixtures/k.py:generic-api-key:1\n', '.gitleaksignore is not read'),
    ('.gitleaks.toml', '[allowlist]\npaths = ["fixtures/"]\n', ".gitleaks.toml's allowlist is not read"),
    ('gitleaks.toml', '[[allowlists]]\nregexes = ["KEY"]\n', "gitleaks.toml's allowlist is not read"),
])
def test_a_gitleaks_allowlist_is_named_by_scan_and_doctor(git_repo, keys, name, text, said):
    _keyed(git_repo, keys)
    write(git_repo, name, text)
    result = scan(cwd=git_repo)
    assert result.rc == 1, result
    notes = [line for line in result.err.splitlines() if line.startswith(NOTE)]
    assert len(notes) == 1 and said in notes[0] and 'docs/migrating.md' in notes[0], result.err
    assert ('baseline create' if name == '.gitleaksignore' else '`exclude`') in notes[0]
    doctor = run('together-hooks', 'doctor', cwd=git_repo)
    assert f'[WARN] other-allowlists-read: {name}: another scanner' in doctor.out, doctor.out
    assert said in doctor.out


def test_a_gitleaks_config_of_rules_alone_and_no_allowlist_say_nothing(git_repo, keys):
    """A gitleaks config holding rules only excuses nothing (its rules are
    gitleaks' own business): no note, and doctor passes the check; nor
    does a folder named like the file, or a FIFO (never opened to block)."""
    _keyed(git_repo, keys)
    write(git_repo, '.gitleaks.toml', '[[rules]]\nid = "together"\nregex = """tgp_v1_[A-Za-z0-9_-]{43}"""\n')
    os.mkdir(git_repo / 'gitleaks.toml')
    result = scan(cwd=git_repo)
    assert result.rc == 1 and NOTE not in result.err, result
    assert '[pass] other-allowlists-read' in run('together-hooks', 'doctor', cwd=git_repo).out
    os.rmdir(git_repo / 'gitleaks.toml')
    os.mkfifo(git_repo / 'gitleaks.toml')
    result = scan(cwd=git_repo)
    assert result.rc == 1 and NOTE not in result.err, result


def test_a_clean_scan_still_names_the_allowlist(git_repo):
    """The note is said before the run, as a misnamed config's: a clean
    scan exits 0 with it (the allowlist may excuse a key a later commit
    brings)."""
    write(git_repo, 'app.py', 'x = 1\n')
    write(git_repo, '.gitleaksignore', 'abc123:app.py:generic-api-key:1\n')
    git(git_repo, 'add', '.')
    result = scan(cwd=git_repo)
    assert result.rc == 0 and '.gitleaksignore is not read' in result.err, result
