"""What a commit stores is the staged blob, not the work-tree file the
pre-commit hook is given.  pre-commit stashes what git's diff calls
unstaged, so the two agree, except where git's diff does not look or
``git add`` converts: each of these let a key into a commit through the
real pre-commit before the hook held each file to its index entry.
"""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.cli_run import hook
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture
def committing(git_repo, repo_templates):
    """The hook installed by the real pre-commit (once a session:
    tests/gitplay.Templates)."""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys'))))
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'staged-blob-committing', build)


def _blocked(repo, env, hashed: str) -> None:
    rc, out = run(repo, env, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1 and hashed in out, out
    assert git(repo, 'rev-list', '--count', 'HEAD').strip() == '1'


@pytest.mark.parametrize('flag', ['--assume-unchanged', '--skip-worktree'])
def test_an_entry_git_diff_does_not_look_at(git_repo, committing, keys, flag):
    """Staged with a key, flagged, then the file cleaned: git's diff skips
    the entry, so pre-commit stashes nothing and the file is clean."""
    key = keys()
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'settings.py')
    git(git_repo, 'update-index', flag, 'settings.py')
    write(git_repo, 'settings.py', 'K = None\n')
    _blocked(git_repo, committing, hash_secret(key))


def test_a_file_rewritten_with_its_size_and_time_kept(git_repo, committing, keys):
    """git's diff trusts a file whose size and times match the index."""
    key = keys()
    path = os.path.join(git_repo, 'settings.py')
    write(git_repo, 'settings.py', f'K = "{key}"\n')
    os.utime(path, (1_000_000_000, 1_000_000_000))
    git(git_repo, 'add', 'settings.py')
    before = os.stat(path)
    with open(path, 'r+b') as f:  # same inode, same size
        f.write(b'K = "' + b'x' * len(key) + b'"\n')
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    _blocked(git_repo, committing, hash_secret(key))


@pytest.mark.parametrize('encoding', ['IBM1047', 'UTF-7'])
def test_working_tree_encoding(git_repo, committing, keys, encoding):
    """``working-tree-encoding``: git stores UTF-8, the work tree holds
    bytes no rule reads."""
    key = keys()
    write(git_repo, '.gitattributes', f'*.cfg working-tree-encoding={encoding}\n')
    commit(git_repo, 'attributes')
    text = f'TOGETHER_API_KEY={key}\n'.encode()
    encoded = subprocess.run(('iconv', '-f', 'UTF-8', '-t', encoding), input=text,
                             capture_output=True, check=True).stdout
    with open(os.path.join(git_repo, 'app.cfg'), 'wb') as f:
        f.write(encoded)
    git(git_repo, 'add', 'app.cfg')
    assert key in git(git_repo, 'cat-file', 'blob', ':app.cfg')  # what git stores
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1 and hash_secret(key) in out, out


def test_a_file_as_staged_is_read_once(git_repo, keys):
    """The common case: the staged blob is the file, one finding."""
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    os.symlink(key, os.path.join(git_repo, 'link'))
    git(git_repo, 'add', '-A')
    res = hook('a.py', 'link', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert sorted((f[0], f[3]) for f in res.found()) == [
        ('a.py', hash_secret(key)), ('link', hash_secret(key))]


@pytest.mark.parametrize('flag', ['--assume-unchanged', '--skip-worktree'])
def test_a_staged_file_missing_from_the_work_tree(git_repo, committing, keys, flag):
    """pre-commit passes only files that exist: a staged entry git's diff
    skips (sparse checkout's ``skip-worktree``, or ``assume-unchanged``)
    with no file in the work tree is never offered, and nothing stashed
    brings it back.  Its blob and its name count all the same."""
    key, named = keys(), keys()
    for path, text in (('deep/secret.py', f'K = "{key}"\n'), (f'TOGETHER_API_KEY={named}', 'x\n')):
        blob = subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=git_repo, check=True,
                              input=text.encode(), capture_output=True).stdout.decode().strip()
        git(git_repo, 'update-index', '--add', '--cacheinfo', f'100644,{blob},{path}')
        git(git_repo, 'update-index', flag, path)
    assert not os.path.lexists(os.path.join(git_repo, 'deep'))
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1 and hash_secret(key) in out and hash_secret(named) in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_crlf_line_ends_git_stores_as_lf_are_one_finding(git_repo, keys, monkeypatch):
    """``eol=lf`` (``core.autocrlf``): the blob differs from the file only
    by CRs, which no key holds: reported once."""
    key = keys()
    write(git_repo, '.gitattributes', '*.py text eol=lf\n')
    with open(os.path.join(git_repo, 'a.py'), 'wb') as f:
        f.write(f'x = 1\r\nK = "{key}"\r\n'.encode())
    git(git_repo, 'add', '-A')
    assert b'\r' not in subprocess.run(('git', 'cat-file', 'blob', ':a.py'), cwd=git_repo,
                                       capture_output=True, check=True).stdout
    monkeypatch.setenv('PRE_COMMIT', '1')
    res = hook('a.py', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert [(f[0], f[3]) for f in res.found()] == [('a.py', hash_secret(key))]


def test_a_file_larger_than_a_window_is_one_finding_a_key(git_repo, committing, keys):
    """A staged file larger than a window is not hashed, so its blob is
    scanned beside the file (``unlike_work_tree``): each key was reported
    twice at the same place through the real pre-commit, and counted
    twice ("2 Together API key(s) found in 1 file(s)")."""
    from together_hooks.fileio import WINDOW

    key = keys()
    with open(os.path.join(git_repo, 'dump.sql'), 'w') as f:
        f.write('-- rows\n' * (WINDOW // 8 + 1))
        f.write(f'INSERT INTO settings VALUES (\'together\', \'{key}\');\n')
    git(git_repo, 'add', 'dump.sql')
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'change')
    assert rc == 1, out
    assert out.count(hash_secret(key)) == 1, out
    assert '1 Together API key(s) found in 1 file(s)' in out, out
