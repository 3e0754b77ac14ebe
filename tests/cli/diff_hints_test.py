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
