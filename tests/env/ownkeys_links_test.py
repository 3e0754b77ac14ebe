"""Loading your own keys never follows a link out of the repository: an env
file in a folder that is a symlink elsewhere is not read, and a FIFO named
like an env file never blocks the hook."""
from __future__ import annotations

import os

import pytest

from together_hooks.env.ownkeys import own_keys


@pytest.fixture
def outside(tmp_path, keys):
    """A folder outside the repository holding an env file with a key."""
    folder = tmp_path / 'elsewhere'
    folder.mkdir()
    (folder / '.env').write_text(f'TOGETHER_API_KEY={keys()}\n')
    return folder


def test_an_env_file_behind_a_symlinked_folder_is_not_read(git_repo, outside):
    (git_repo / '.gitignore').write_text('.env\n')
    (outside / 'inner').mkdir()
    os.link(outside / '.env', outside / 'inner' / '.env')
    (git_repo / 'real').mkdir()
    os.symlink(outside, git_repo / 'linked')
    os.symlink(outside, git_repo / 'real' / 'linked')
    assert len(own_keys(str(git_repo), environ={})) == 0


def test_the_same_env_file_inside_the_repository_is_read(git_repo, outside):
    (git_repo / '.gitignore').write_text('.env\n')  # ignored: yours in any folder
    (git_repo / 'app').mkdir()
    os.link(outside / '.env', git_repo / 'app' / '.env')
    assert len(own_keys(str(git_repo), environ={})) == 1


def test_a_fifo_named_like_an_env_file_no_program_serves_is_unread(git_repo, monkeypatch):
    """Never a hang: a bounded wait for a writer, then your keys in it are
    unknown (faults36: it was skipped, and a key of yours passed)."""
    from together_hooks.env.ownkeys import EnvFileUnread

    monkeypatch.setenv('TOGETHER_HOOKS_PIPE_WAIT', '0.2')
    os.mkfifo(git_repo / '.env')
    with pytest.raises(EnvFileUnread, match='named pipe'):
        own_keys(str(git_repo), environ={})
