"""`baseline create FILE:LINE` must not record a key the user never saw
(review38d, on base38's scoped command).

base38 refuses a named line of a tracked file whose work tree differs
from what is staged (the hook's line numbers are the staged content's),
asking `git diff --name-only -- FILE`.  Three shapes still let the work
tree's line (an unstaged real key) be recorded:
- a name git reads as pathspec magic (`:x.py`): git diff failed, and a
  failure read as "no difference";
- an entry marked assume-unchanged or skip-worktree: git diff does not
  read its file, so it says "no difference";
- a file literally named `z.py:1` beside `z.py`: the advice's `z.py:1`
  (line 1 of z.py) recorded the other file whole."""
from __future__ import annotations

import json

import pytest

from tests.cli_run import run_in_process as run
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret


def _recorded(repo) -> set[tuple[str, str]] | None:
    path = repo / '.secrets.baseline'
    if not path.exists():
        return None
    doc = json.loads(path.read_text())
    return {(name, e['hashed_secret']) for name, entries in doc['results'].items() for e in entries}


def _refused(result) -> None:
    assert result.rc == 2, (result.rc, result.err)
    assert len(result.err.strip().splitlines()) == 1 and 'Traceback' not in result.err, result.err


@pytest.mark.parametrize('name', [':x.py', ':(glob)x.py', 'x.py'])
def test_an_unstaged_edit_is_refused_whatever_the_name(git_repo, keys, name):
    """Names that are pathspec magic to git are read as names; the plain
    name beside them is the control."""
    fake, real = keys(), keys()
    write(git_repo, name, f'A = "{fake}"\n')
    git(git_repo, '--literal-pathspecs', 'add', '--', name)
    write(git_repo, name, f'B = "{real}"\nA = "{fake}"\n')
    _refused(run('together-hooks', 'baseline', 'create', f'{name}:1', cwd=git_repo))
    assert _recorded(git_repo) is None  # before (':' names): the real key recorded, rc 0


@pytest.mark.parametrize('name', [':x.py', ':(glob)x.py'])
def test_a_magic_looking_name_as_staged_is_recorded(git_repo, keys, name):
    """Decoy: the same names, work tree as staged: the named line only."""
    fake, other = keys(), keys()
    write(git_repo, name, f'A = "{fake}"\nB = "{other}"\n')
    git(git_repo, '--literal-pathspecs', 'add', '--', name)
    assert run('together-hooks', 'baseline', 'create', f'{name}:1', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {(name, hash_secret(fake))}


@pytest.mark.parametrize('mark', ['--assume-unchanged', '--skip-worktree'])
def test_a_file_git_does_not_read_is_refused_by_line(git_repo, keys, mark):
    fake, real = keys(), keys()
    write(git_repo, 'y.py', f'A = "{fake}"\n')
    git(git_repo, 'add', 'y.py')
    git(git_repo, 'update-index', mark, 'y.py')
    write(git_repo, 'y.py', f'B = "{real}"\nA = "{fake}"\n')
    _refused(run('together-hooks', 'baseline', 'create', 'y.py:1', cwd=git_repo))
    assert _recorded(git_repo) is None  # before: the real key on line 1 recorded, rc 0
    # Named whole, every key in it is the user's own choice.
    assert run('together-hooks', 'baseline', 'create', 'y.py', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('y.py', hash_secret(fake)), ('y.py', hash_secret(real))}


def test_a_file_named_like_a_line_of_another_is_refused(git_repo, keys):
    fake, real = keys(), keys()
    write(git_repo, 'z.py', f'A = "{fake}"\n')
    write(git_repo, 'z.py:1', f'B = "{real}"\n')
    git(git_repo, 'add', 'z.py')
    _refused(run('together-hooks', 'baseline', 'create', 'z.py:1', cwd=git_repo))
    assert _recorded(git_repo) is None  # before: all of `z.py:1` recorded


def test_a_name_ending_in_digits_with_no_twin_is_a_file(git_repo, keys):
    """Decoy: `notes:2024` exists and no `notes` does: that file, whole."""
    key = keys()
    write(git_repo, 'notes:2024', f'K = "{key}"\n')
    assert run('together-hooks', 'baseline', 'create', 'notes:2024', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('notes:2024', hash_secret(key))}


def test_git_failing_to_compare_is_refused(git_repo, keys):
    """An index git cannot read: no answer is no "same as staged"."""
    fake = keys()
    write(git_repo, 'w.py', f'A = "{fake}"\n')
    git(git_repo, 'add', 'w.py')
    (git_repo / '.git' / 'index').write_bytes(b'DIRC not an index')
    _refused(run('together-hooks', 'baseline', 'create', 'w.py:1', cwd=git_repo))
    assert _recorded(git_repo) is None


def test_a_line_outside_the_repository_is_refused(git_repo, keys):
    """git diff cannot answer for a file outside the repository (it
    fails): before, that read as "same as staged" and its line was
    recorded, under a `../` name."""
    write(git_repo.parent, 'out.py', f'A = "{keys()}"\n')
    _refused(run('together-hooks', 'baseline', 'create', '../out.py:1', cwd=git_repo))
    assert _recorded(git_repo) is None  # before: rc 0, `../out.py` recorded


def test_the_advice_for_a_name_starting_with_a_dash_runs_as_printed(git_repo, keys):
    """`baseline create -x.py:1` was an unknown option (exit 2): the
    advice names it `./-x.py:1`; a plain name is left as it is."""
    import re
    import shlex

    from tests.cli_run import hook_in_process

    dashed, plain = keys(), keys()
    write(git_repo, '-x.py', f'A = "{dashed}"\n')
    write(git_repo, 'y.py', f'B = "{plain}"\n')
    git(git_repo, 'add', '--', '-x.py', 'y.py')
    blocked = hook_in_process('--', '-x.py', cwd=git_repo)
    assert blocked.rc == 1, blocked.out + blocked.err
    (command,) = re.findall(r'`(together-hooks baseline [^`]*)`', blocked.out + blocked.err)
    words = shlex.split(command)
    assert words[3:] == ['./-x.py:1'], words
    assert run(*words, cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('-x.py', hash_secret(dashed))}
    other = hook_in_process('y.py', cwd=git_repo)
    (command,) = re.findall(r'`(together-hooks baseline [^`]*)`', other.out + other.err)
    assert shlex.split(command)[3:] == ['y.py:1'], command
