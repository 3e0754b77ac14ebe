"""``scan --diff`` in a CI clone that lacks commits: each exit-2 line names
a fix, and running the fixes it names, in order, makes the scan run."""
from __future__ import annotations

import re
import subprocess

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write


def test_following_the_named_fetches_makes_a_single_branch_shallow_clone_scan(git_repo, tmp_path, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', 'base')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    key = keys()
    write(git_repo, 'pr.py', f'K = "{key}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', 'pr')
    clone = tmp_path / 'ci'
    # What many CI services make: one branch, shallow.
    subprocess.run(
        ('git', 'clone', '-q', '--depth', '1', '--branch', 'feature', '--single-branch',
         f'file://{git_repo}', str(clone)),
        check=True, capture_output=True,
    )
    fixes = []
    for _attempt in range(3):
        result = scan('--diff', 'origin/main...HEAD', cwd=clone)
        if result.rc != 2:
            break
        fix = re.search(r'\((git fetch [^)]+)\)', result.err)
        assert fix, result.err
        fixes.append(fix.group(1))
        subprocess.run(fix.group(1).split(), cwd=clone, check=True, capture_output=True)
    assert result.rc == 1, (fixes, result.err)
    assert 'pr.py:1' in result.out


def test_a_damaged_history_is_never_called_empty(git_repo, tmp_path):
    """A clone whose pack is cut short: HEAD~1 cannot be resolved, and the
    line says what git could not read (it said "this repository has no
    commits yet")."""
    for n in range(2):
        write(git_repo, 'a.py', f'x = {n}\n')
        git(git_repo, 'add', '-A')
        git(git_repo, 'commit', '-q', '-m', f'c{n}')
    clone = tmp_path / 'damaged'
    subprocess.run(('git', 'clone', '-q', '--no-local', str(git_repo), str(clone)),
                   check=True, capture_output=True)
    (pack,) = (clone / '.git' / 'objects' / 'pack').glob('*.pack')
    pack.chmod(0o644)
    with open(pack, 'r+b') as f:
        f.truncate(200)
    result = scan('--diff', 'HEAD~1...HEAD', cwd=clone)
    assert result.rc == 2 and len(result.err.splitlines()) == 1, result.err
    assert 'no commits yet' not in result.err
    assert 'git rev-list failed' in result.err and 'Traceback' not in result.err
