"""A range end a CI clone lacks (``scan --diff BASE...HEAD`` in a shallow or
single-branch checkout) is one line with the fetch that gets it: followed
word for word, in a real clone of a real upstream, that fetch makes the
same scan run (session 33, outside33: a newcomer's ``--diff HEAD~1...HEAD``
was told ``git fetch origin HEAD~1``, which git refuses as an invalid
refspec; ``main`` and a tag ``v1`` were told ``git fetch origin main``,
which keeps the commit in FETCH_HEAD only, so the same error came back;
an abbreviated id was told a fetch git cannot find)."""
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

KEY = make_key(random.Random('outside33-fetch-hint'))


@pytest.fixture(scope='module')
def upstream(tmp_path_factory):
    """main: c1 (tag v1), c2, c4 (branch add too); feature: c2 then c3, which adds a key."""
    repo = tmp_path_factory.mktemp('fetch-hint') / 'upstream'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    ids = {}
    for name in ('c1', 'c2'):
        write(repo, f'{name}.txt', f'{name}\n')
        git(repo, 'add', '-A')
        git(repo, 'commit', '-q', '--no-verify', '-m', name)
        ids[name] = git(repo, 'rev-parse', 'HEAD').strip()
        if name == 'c1':
            git(repo, 'tag', 'v1')
    git(repo, 'checkout', '-q', '-b', 'feature')
    write(repo, 'app.py', f'KEY = "{KEY}"\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c3')
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'c4.txt', 'c4\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c4')
    ids['c4'] = git(repo, 'rev-parse', 'HEAD').strip()
    # (a branch whose name is three hex letters: shorter than any id git
    # abbreviates, so a name, never an id)
    git(repo, 'branch', 'add')
    return repo, ids


def _clone(upstream, dest, shallow: bool) -> None:
    repo, _ids = upstream
    depth = ('--depth', '1') if shallow else ()
    subprocess.run(
        ('git', 'clone', '-q', *depth, '--single-branch', '--branch', 'feature',
         f'file://{repo}', str(dest)),
        check=True, capture_output=True,
    )
    git(dest, 'remote', 'add', 'upstream', f'file://{repo}')


def _follow(clone, rev: str) -> str:
    """Scan ``rev...HEAD``; while it answers with an error line, run the
    fetch the line names (never the same one twice: a fetch that does not
    help is a loop) and scan again with the name the line says to give.
    The first line."""
    name, lines, fetches = rev, [], []
    for _attempt in range(3):
        result = scan('--diff', f'{name}...HEAD', '--format', 'json', cwd=clone)
        if result.rc != 2:
            break
        line = result.err.strip()
        assert line.count('\n') == 0 and 'Traceback' not in line, line
        lines.append(line)
        command = re.search(r'\((git fetch [^)]*)\)', line)
        assert command, line
        assert command.group(1) not in fetches, lines  # the same error again
        fetches.append(command.group(1))
        done = subprocess.run(shlex.split(command.group(1)), cwd=clone, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
        give = re.search(r' and give (\S+?),', line)
        name = give.group(1) if give else name
    assert result.rc == 1, (lines, result.rc, result.err)
    assert [f['hashed_secret'] for f in result.json()['findings']] == [hash_secret(KEY)]
    assert lines and 'is not a commit' in lines[0], lines
    return lines[0]


@pytest.mark.parametrize(('rev', 'shallow', 'says'), [
    # walked from a name: no fetch takes it; the history does
    ('HEAD~1', True, 'git fetch --unshallow'),
    # a branch and a tag by their plain names: fetched under origin/
    ('main', True, 'and give origin/main'),
    ('v1', True, 'and give origin/v1'),
    ('main', False, 'and give origin/main'),
    # an abbreviated id of a commit on another branch only
    ('c4:short', True, 'git fetch --unshallow'),
    ('c4:short', False, "fetch origin's branches"),
    # as before: a remote's branch, a whole id, a full ref name
    ('origin/main', True, 'git fetch origin main:refs/remotes/origin/main'),
    ('upstream/main', True, 'git fetch upstream main:refs/remotes/upstream/main'),
    ('c4', True, 'git fetch origin c4'),
    ('refs/tags/v1', True, 'git fetch origin refs/tags/v1:refs/tags/v1'),
    # (session 34, mut34) a remote-tracking ref by its full name: fetched as
    # origin's branch; a branch named in three hex letters: by its name
    ('refs/remotes/origin/main', True, 'git fetch origin main:refs/remotes/origin/main'),
    ('add', True, 'and give origin/add'),
])
def test_the_fetch_the_line_names_gets_the_commit(upstream, tmp_path, rev, shallow, says):
    _repo, ids = upstream
    if rev == 'c4:short':
        rev = ids['c4'][:8]
    elif rev == 'c4':
        rev = says = ids['c4']
        says = f'git fetch origin {rev}'
    clone = tmp_path / 'ci'
    _clone(upstream, clone, shallow)
    line = _follow(clone, rev)
    assert says in line, line
