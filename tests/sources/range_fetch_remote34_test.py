"""A range end the clone lacks, in a clone whose remote is not named
``origin`` (``git clone -o upstream``, a fork's checkout) or that has no
remote at all (a repository made with ``git init``): the line names a
fetch from the clone's own remote, or none (session 34, outside34: a
newcomer trying the README's ``scan --diff origin/main...HEAD`` was told
``git fetch origin main:refs/remotes/origin/main``, which git answers
with "'origin' does not appear to be a git repository")."""
from __future__ import annotations

import random
import re
import shlex
import subprocess

import pytest

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_key
from together_hooks.findings import hash_secret

KEY = make_key(random.Random('outside34-fetch-remote'))


@pytest.fixture(scope='module')
def upstream(tmp_path_factory):
    """main: c1 (tag v1), c2; feature: c3, which adds a key."""
    repo = tmp_path_factory.mktemp('fetch-remote') / 'upstream'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    for name in ('c1', 'c2'):
        write(repo, f'{name}.txt', f'{name}\n')
        git(repo, 'add', '-A')
        git(repo, 'commit', '-q', '--no-verify', '-m', name)
    git(repo, 'tag', 'v1')
    git(repo, 'checkout', '-q', '-b', 'feature')
    write(repo, 'app.py', f'KEY = "{KEY}"\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c3')
    git(repo, 'checkout', '-q', 'main')
    return repo


def _clone(upstream, dest, *remotes: str) -> None:
    """A shallow single-branch clone of ``feature``, its remote named
    ``remotes[0]``; the others added after it."""
    subprocess.run(
        ('git', 'clone', '-q', '--depth', '1', '--single-branch', '--branch', 'feature',
         '-o', remotes[0], f'file://{upstream}', str(dest)),
        check=True, capture_output=True,
    )
    for other in remotes[1:]:
        git(dest, 'remote', 'add', other, f'file://{upstream}')


@pytest.mark.parametrize(('rev', 'says'), [
    ('main', 'git fetch upstream main:refs/remotes/upstream/main'),
    # the README's and the help's origin/main, in a clone with no origin
    ('origin/main', 'git fetch upstream main:refs/remotes/upstream/main'),
    ('v1', 'and give upstream/v1'),
    ('HEAD~1', "git fetch --unshallow upstream '+refs/heads/*:refs/remotes/upstream/*'"),
])
def test_the_fetch_is_from_the_clones_own_remote(upstream, tmp_path, rev, says):
    clone = tmp_path / 'fork'
    _clone(upstream, clone, 'upstream')
    first = scan('--diff', f'{rev}...HEAD', cwd=clone)
    line = first.err.strip()
    assert first.rc == 2 and line.count('\n') == 0 and says in line, line
    assert 'origin' not in line.replace(f'{rev}...', '').replace(f' {rev} ', ' '), line
    # Followed word for word (and each line after it: a shallow clone
    # then lacks the history back to the merge base), the fetches work
    # and the scan runs.
    name, fetches = rev, []
    for _attempt in range(3):
        command = re.search(r'\((git fetch [^)]*)\)', line).group(1)
        assert 'origin' not in command and command not in fetches, (line, fetches)
        fetches.append(command)
        done = subprocess.run(shlex.split(command), cwd=clone, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
        give = re.search(r' and give (\S+?),', line)
        name = give.group(1) if give else name
        again = scan('--diff', f'{name}...HEAD', '--format', 'json', cwd=clone)
        if again.rc != 2:
            break
        line = again.err.strip()
    assert again.rc == 1, (line, again.err)
    assert [f['hashed_secret'] for f in again.json()['findings']] == [hash_secret(KEY)]


def test_no_remote_names_no_fetch(tmp_path):
    repo = tmp_path / 'local'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'master')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    write(repo, 'a.txt', 'a\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'a')
    result = scan('--diff', 'main...HEAD', cwd=repo)
    line = result.err.strip()
    assert result.rc == 2 and line.count('\n') == 0, line
    assert 'git fetch' not in line and 'no remote' in line and 'git branch -a' in line, line
    # What it points at works: the branch the repository has.
    assert scan('--diff', 'master...HEAD', cwd=repo).rc == 0


def test_several_remotes_none_origin_names_them(upstream, tmp_path):
    clone = tmp_path / 'two'
    _clone(upstream, clone, 'upstream', 'fork')
    result = scan('--diff', 'main...HEAD', cwd=clone)
    line = result.err.strip()
    assert result.rc == 2 and line.count('\n') == 0, line
    assert 'git fetch origin' not in line and 'fork, upstream' in line, line
