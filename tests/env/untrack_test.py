"""The ``git rm --cached`` each tool prints for a tracked env file
(forbid-env-files, check-env-gitignored, doctor; one home,
``env.hints.untrack_command``): copied from the output and run as printed,
from where the tool ran, it untracks that file and no other, whatever the
name holds (a leading ``-``, shell characters, a glob or a pathspec magic,
a key)."""
from __future__ import annotations

import random
import re
import subprocess

import pytest

from tests.cli_run import leaked
from tests.cli_run import run_in_process as run
from tests.conftest import git
from tests.keys import make_key

# Each beside a file its name would also match as a glob, or as magic.
ODD = ['-dir/.env', 'a b;c$(x)/.env', 'x[1]/.env', 'q?/.env', ':top/.env', "it's/.env"]
DECOYS = ['x1/.env', 'qq/.env', 'top/.env']


def _track(repo, paths):
    for path in paths:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text('A=1\n')
    git(repo, 'add', '-f', '--', *(f':(literal){p}' for p in paths))


def _commands(text):
    return re.findall(r'`((?:cd [^`]* && )?git rm (?:-r )?--cached [^`]*)`', text)


def _tracked(repo):
    return sorted(filter(None, git(repo, 'ls-files', '-z').split('\0')))


@pytest.mark.parametrize('path', ODD)
def test_check_env_gitignored_untrack_command_runs_from_a_subfolder(git_repo, path):
    """Was `git rm --cached -dir/.env` (an unknown option to git) and a
    glob for `x[1]/.env` (which untracks `x1/.env` too); printed for the
    top of the work tree, so from a subfolder it named no file."""
    _track(git_repo, [path, *DECOYS])
    (git_repo / 'sub').mkdir()
    r = run('check-env-gitignored', cwd=git_repo / 'sub')
    assert r.rc == 1, r.err
    line = next(x for x in r.out.splitlines() if x.startswith(f'{path}: tracked'))
    (command,) = _commands(line)
    subprocess.run(('bash', '-c', command), cwd=git_repo / 'sub', check=True, capture_output=True)
    assert _tracked(git_repo) == sorted(DECOYS)


def test_forbid_env_files_untrack_command_for_a_dash_name(git_repo):
    _track(git_repo, ['-dir/.env', 'x1/.env'])
    r = run('forbid-env-files', '--', '-dir/.env', cwd=git_repo)
    assert r.rc == 1, r.err
    (command,) = _commands(r.out)
    subprocess.run(('bash', '-c', command), cwd=git_repo, check=True, capture_output=True)
    assert _tracked(git_repo) == ['x1/.env']


def test_doctor_untrack_command_runs_as_printed_and_shows_no_key(git_repo):
    """doctor listed tracked env files as `git rm --cached a b` with each
    name quoted as it is: a leading `-` is an option, and a name holding a
    key showed redacted, naming no file."""
    key = make_key(random.Random(31))
    paths = ['-dir/.env', 'x[1]/.env', f'cfg/.env.{key}']
    _track(git_repo, paths)
    (git_repo / 'sub').mkdir()
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    assert leaked([key], r.out + r.err) == []
    fix = next(x for x in r.out.splitlines() if 'fix: untrack' in x)
    (command,) = _commands(fix)
    subprocess.run(('bash', '-c', command), cwd=git_repo / 'sub', check=True, capture_output=True)
    assert _tracked(git_repo) == []
    assert all((git_repo / p).exists() for p in paths)  # untracked, not deleted


def test_a_gitignore_nobody_committed_fails_doctor_with_a_command_that_fixes_it(git_repo):
    """`check-env-gitignored --fix` writes .gitignore; left uncommitted, the
    rules reached no teammate, yet doctor passed ('ignored by a committed
    .gitignore'), and --fix's report did not say to stage it."""
    (git_repo / 'sub').mkdir()
    (git_repo / 'sub' / 'app.py').write_text('')
    r = run('check-env-gitignored', '--fix', cwd=git_repo / 'sub')
    assert r.rc == 1, r.err
    assert 'stage it (`cd .. && git add .gitignore`) and commit it' in r.out
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    line = next(x for x in r.out.splitlines() if 'env-files-ignored' in x)
    assert line.startswith('[FAIL]') and '.gitignore: not committed' in line, r.out
    (command,) = re.findall(r'`(cd \.\. && git add [^`]*)`', line)
    subprocess.run(('bash', '-c', command), cwd=git_repo / 'sub', check=True)
    git(git_repo, 'commit', '-qm', 'env rules')  # staged only, a clone has none of it
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    assert '[pass] env-files-ignored' in r.out, r.out


@pytest.mark.parametrize('path', ['.env.a\nb', '.env.a\tb', '.env.a\x1bb', 'sub\n/.env'])
def test_untrack_command_for_a_name_with_a_control_character_runs_in_bash(git_repo, path):
    """The name was single-quoted, and the output's scrub then showed the
    newline, tab or ESC as `\\n`, `\\t`, `\\x1b`: literally those characters
    inside single quotes, so `git rm --cached` "did not match any files".
    Quoted `$'...'`, what shows is what bash reads back."""
    for tool in (('check-env-gitignored',), ('together-hooks', 'doctor')):
        _track(git_repo, [path])
        r = run(*tool, cwd=git_repo)
        command = _commands(r.out)[0]  # doctor names it in its fix too
        assert '\x1b' not in command and '\n' not in command, command
        subprocess.run(('bash', '-c', command), cwd=git_repo, check=True, capture_output=True)
        assert path not in _tracked(git_repo), (tool, command)


def test_rules_fix_added_to_a_tracked_gitignore_count_only_once_committed(git_repo):
    """A tracked .gitignore, then `check-env-gitignored --fix` left it
    modified: doctor said `[pass] ... committed .gitignore` (it only asked
    whether the file was tracked) and check-env-gitignored exited 0.
    doctor compares with HEAD (what a clone gets); the hook with the index
    (what the commit being made carries)."""
    (git_repo / '.gitignore').write_text('node_modules/\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-qm', 'ignore')
    (git_repo / 'sub').mkdir()
    r = run('check-env-gitignored', '--fix', cwd=git_repo / 'sub')
    assert r.rc == 1, r.err
    r = run('check-env-gitignored', cwd=git_repo / 'sub')
    assert r.rc == 1 and '.gitignore: changes not staged' in r.out, r.out
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    line = next(x for x in r.out.splitlines() if 'env-files-ignored' in x)
    assert line.startswith('[FAIL]') and '.gitignore: changed since the last commit' in line, r.out
    (command,) = re.findall(r'`(cd \.\. && git add [^`]*)`', line)
    subprocess.run(('bash', '-c', command), cwd=git_repo / 'sub', check=True)
    assert run('check-env-gitignored', cwd=git_repo / 'sub').rc == 0  # staged: this commit has them
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    assert '[FAIL] env-files-ignored' in r.out and 'changed since the last commit' in r.out, r.out
    git(git_repo, 'commit', '-qm', 'env rules')
    r = run('together-hooks', 'doctor', cwd=git_repo / 'sub')
    assert '[pass] env-files-ignored' in r.out, r.out
