"""Writes never follow a link out of the repository: a committed baseline or
report name that is a symlink elsewhere is refused, one line, exit 2, and
what it points to is left as it was (a link inside the repository is
written where it points: hardening_test)."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import run
from tests.conftest import write


@pytest.mark.parametrize(('command', 'name', 'exists'), [
    (('baseline', 'create', '--force'), '.secrets.baseline', False),
    (('baseline', 'update'), '.secrets.baseline', True),
    (('scan', '--format', 'json', '--output', 'report.json'), 'report.json', True),
    (('scan', '--format', 'json', '--output', 'report.json'), 'report.json', False),
])
def test_a_link_out_of_the_repository_is_not_written_through(
        git_repo, tmp_path, keys, command, name, exists,
):
    outside = tmp_path / 'outside.json'
    write(git_repo, 'a.txt', keys())
    if exists:  # a real baseline, so only the link is wrong
        made = run('together-hooks', 'baseline', 'create', '--baseline', str(outside),
                   cwd=git_repo)
        assert made.rc == 0, made.err
    write(git_repo, 'b.txt', keys())  # something new for an update to record
    before = outside.read_bytes() if exists else None
    os.symlink(os.path.relpath(outside, git_repo), git_repo / name)
    result = run('together-hooks', *command, cwd=git_repo)
    assert_error_line(result, name, 'symlink')
    assert (outside.read_bytes() if outside.exists() else None) == before
    assert (git_repo / name).is_symlink()
