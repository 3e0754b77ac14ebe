"""``sources.index.staged``: what the next commit adds or changes, as the
index holds it, read from one ``git diff --cached --raw``."""
from __future__ import annotations

import os
import subprocess

from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import PATH_NAME
from together_hooks.sources.index import staged


def _staged(root) -> dict[str, bytes]:
    """The staged files (the names they add are content of their own,
    ``<path name>``: see ``_names``)."""
    return {c.path: c.data for c in staged(str(root)) if c.path != PATH_NAME}


def _names(root) -> list[str]:
    """The names the commit adds or changes, submodules' included."""
    listed = [c.data for c in staged(str(root)) if c.path == PATH_NAME]
    return listed[0].decode('utf-8', 'surrogateescape').split('\n') if listed else []


def test_staged_is_the_new_side_of_every_added_or_changed_blob(git_repo):
    write(git_repo, 'kept.txt', 'kept\n')
    write(git_repo, 'changed.txt', 'old\n')
    write(git_repo, 'gone.txt', 'gone\n')
    write(git_repo, 'becomes-link.txt', 'plain\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '-m', 'one')

    write(git_repo, 'changed.txt', 'staged\n')
    write(git_repo, 'new\nline é.sh', 'echo hi\n')
    os.chmod(git_repo / 'new\nline é.sh', 0o755)
    write(git_repo, 'copy.txt', 'staged\n')  # the same blob at two paths
    os.unlink(git_repo / 'becomes-link.txt')
    os.symlink('kept.txt', git_repo / 'becomes-link.txt')  # a type change
    git(git_repo, 'add', '-A', '.')
    git(git_repo, 'rm', '-q', 'gone.txt')
    write(git_repo, 'changed.txt', 'work tree only\n')  # not what is staged
    write(git_repo, 'intent.txt', 'not staged\n')
    git(git_repo, 'add', '-N', 'intent.txt')  # intent to add: no blob yet

    assert _staged(git_repo) == {
        'changed.txt': b'staged\n',
        'copy.txt': b'staged\n',
        'new\nline é.sh': b'echo hi\n',
        'becomes-link.txt': b'kept.txt',
    }


def test_staged_skips_submodules_and_conflicts(tmp_path, git_repo):
    inner = tmp_path / 'inner'
    inner.mkdir()
    git(inner, 'init', '-q', '-b', 'main')
    write(inner, 'f.txt', 'inner\n')
    git(inner, 'add', '.')
    git(inner, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-q', '-m', 'i')
    write(git_repo, 'both.txt', 'base\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '-m', 'base')
    git(git_repo, 'checkout', '-q', '-b', 'other')
    write(git_repo, 'both.txt', 'other\n')
    git(git_repo, 'commit', '-q', '-am', 'other')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'both.txt', 'main\n')
    git(git_repo, 'commit', '-q', '-am', 'main')
    merge = subprocess.run(('git', 'merge', '-q', 'other'), cwd=git_repo, capture_output=True)
    assert merge.returncode != 0  # both.txt is in conflict: no stage-0 entry
    subprocess.run(
        ('git', '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', str(inner), 'sub'),
        cwd=git_repo, check=True, capture_output=True,
    )
    # .gitmodules is added with the submodule; the gitlink and the
    # conflicted file have no blob the commit would hold.
    assert set(_staged(git_repo)) == {'.gitmodules'}
    assert _names(git_repo) == ['.gitmodules', 'sub']


def test_nothing_staged_reads_no_blob(git_repo):
    assert _staged(git_repo) == {}  # no HEAD yet
    write(git_repo, 'a.txt', 'a\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-q', '-m', 'one')
    assert _staged(git_repo) == {}
