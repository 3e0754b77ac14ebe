"""A held-out set's cases in every way a key reaches the scanner: the
folder as files, the index (``--staged``), the history (``--history``,
JSON and SARIF), the pushed range (``--diff``), the pre-commit hook on
the file names and a real ``git push`` to a real bare remote through the
real pre-commit.  Each mode must report the same keys at the same paths
as the file scan, and no output may hold a whole key."""
from __future__ import annotations

import re

from tests.accuracy import Case
from tests.accuracy import outer_path
from tests.accuracy import write_cases
from tests.cli_run import leaked
from tests.cli_run import run as run_script
from tests.cli_run import scan
from tests.conftest import git
from tests.gitplay import commit
from tests.gitplay import run


def _write_cases(root, cases: list[Case]) -> tuple[list[str], set[tuple[str, str]]]:
    results, made = write_cases(root, cases)
    expected = {
        (results.paths[case_id], hashed)
        for case_id, found in results.expected.items() for _line, hashed in found
    }
    return made, expected


def _found(result) -> set[tuple[str, str]]:
    assert result.rc in (0, 1), result.err
    return {(outer_path(f['path']), f['hashed_secret']) for f in result.json()['findings']}


def every_mode_finds_the_same_keys(git_repo, pushing, cases: list[Case]) -> None:
    """``pushing``: tests/gate_range_test.py's fixture (a bare ``origin``,
    the hook installed for pre-push)."""
    run(git_repo, pushing, 'git', 'commit', '-q', '--allow-empty', '-m', 'root')
    rc, out = run(git_repo, pushing, 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out
    made, expected = _write_cases(git_repo, cases)
    outputs = []

    as_files = scan('--format', 'json', '.', cwd=git_repo)
    outputs += [as_files.out, as_files.err]
    files = _found(as_files)
    git(git_repo, 'add', '-A')
    staged = scan('--staged', '--format', 'json', cwd=git_repo)
    outputs += [staged.out, staged.err]
    commit(git_repo, 'cases')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    outputs += [history.out, history.err]
    sarif = scan('--history', '--format', 'sarif', cwd=git_repo)
    outputs += [sarif.out, sarif.err]
    diff = scan('--diff', 'origin/main...HEAD', '--format', 'json', cwd=git_repo)
    outputs += [diff.out, diff.err]
    hook = run_script(
        'detect-together-keys', *git(git_repo, 'ls-files').split(), cwd=git_repo,
    )
    outputs += [hook.out, hook.err]
    rc, pushed_out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    outputs.append(pushed_out)

    assert leaked(made, *outputs) == []
    assert files == expected, (files - expected, expected - files)
    assert _found(staged) == files
    assert _found(history) == files
    assert _found(diff) == files
    assert hook.rc == 1
    assert set(re.findall(r'hashed_secret ([0-9a-f]{40})', hook.out)) == {h for _p, h in files}
    assert rc != 0, pushed_out
    pushed = set(re.findall(r'hashed_secret ([0-9a-f]{40})', pushed_out))
    assert pushed == {h for _p, h in files}, pushed_out
