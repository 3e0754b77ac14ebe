"""A ``.secrets.baseline`` at the root is found by every hook and command,
and its detect-secrets exclusion filters are honoured as detect-secrets
honours them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli_run import hook
from tests.cli_run import run
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret

DETECT_SECRETS = os.path.join(os.path.dirname(sys.executable), 'detect-secrets')


def _doctor_check(repo, check_id: str) -> dict:
    result = run('together-hooks', 'doctor', '--format', 'json', cwd=repo)
    return next(c for c in result.json()['checks'] if c['id'] == check_id)


def test_root_baseline_is_found_by_hook_scan_doctor_and_update(git_repo, keys):
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    git(git_repo, 'add', '.')
    blocked = hook('app.py', cwd=git_repo)
    assert blocked.rc == 1
    # No baseline yet: the message names the command that makes one.
    assert 'together-hooks baseline create' in blocked.out
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    assert hook('app.py', cwd=git_repo).rc == 0
    assert scan(cwd=git_repo).rc == 0
    assert _doctor_check(git_repo, 'no-hardcoded-keys')['status'] == 'pass'
    # A new key: the message now names the update of the baseline found.
    other = keys()
    write(git_repo, 'app.py', f'K = "{key}"\nL = "{other}"\n')
    blocked = hook('app.py', cwd=git_repo)
    assert blocked.rc == 1 and 'app.py:2:' in blocked.out
    assert 'together-hooks baseline update' in blocked.out
    assert run('together-hooks', 'baseline', 'update', cwd=git_repo).rc == 0
    assert hook('app.py', cwd=git_repo).rc == 0
    recorded = json.loads((git_repo / '.secrets.baseline').read_text())['results']
    assert {e['hashed_secret'] for e in recorded['app.py']} == {
        hash_secret(key), hash_secret(other),
    }


def test_a_hook_in_a_subfolder_run_by_hand_still_finds_it(git_repo, keys):
    write(git_repo, 'pkg/app.py', f'K = "{keys()}"\n')
    git(git_repo, 'add', '.')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    assert scan(cwd=git_repo / 'pkg').rc == 0


def test_detect_secrets_exclusion_filters_are_honoured(git_repo, keys):
    """A baseline written by detect-secrets itself with --exclude-files,
    --exclude-lines and --exclude-secrets: what it would skip, we skip."""
    in_fixture, on_example_line, excluded_secret, real = keys(), keys(), keys(), keys()
    write(git_repo, 'tests/fixtures/k.txt', f'{in_fixture}\n')
    write(git_repo, 'docs.md', f'EXAMPLE: {on_example_line}\n')
    write(git_repo, 'conf.py', f'A = "{excluded_secret}"\n')
    write(git_repo, 'empty.txt', '\n')
    git(git_repo, 'add', '.')
    proc = subprocess.run(
        (DETECT_SECRETS, 'scan', 'empty.txt',
         '--exclude-files', r'fixtures/', '--exclude-lines', r'^EXAMPLE:',
         '--exclude-secrets', excluded_secret[:20]),
        cwd=git_repo, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (git_repo / '.secrets.baseline').write_text(proc.stdout)
    paths = ('tests/fixtures/k.txt', 'docs.md', 'conf.py')
    assert hook(*paths, cwd=git_repo).rc == 0
    assert scan(cwd=git_repo).rc == 0
    write(git_repo, 'conf.py', f'A = "{excluded_secret}"\nB = "{real}"\n')
    result = scan('--format', 'json', cwd=git_repo)
    assert [(f[0], f[1]) for f in result.found()] == [('conf.py', 2)]
    assert hook(*paths, cwd=git_repo).rc == 1
