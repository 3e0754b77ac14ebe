"""Which ``git`` runs: the first one on the ``PATH`` of the moment, looked up
again for each git started, by both routes a git is started by
(``posix_spawn`` through ``gitrun._find_git``, and ``subprocess`` for a
streamed git): a wrapper earlier in ``PATH`` wins; a ``PATH`` changed
between two calls is honoured at the next; an entry that is not an
executable file (a folder named ``git``, a file without the execute bit)
is passed over as ``execvp`` passes over it.  (docs/performance.md,
"Session 37 (gitstart37)": why the look-up is not kept between calls.)
"""
from __future__ import annotations

import os
import shutil
import stat

import pytest

from together_hooks import gitrun


@pytest.fixture
def wrapped(tmp_path, git_repo, monkeypatch):
    """A ``git`` wrapper that notes each start in a log, in a folder put
    first on PATH; before it, a folder named ``git`` and a ``git`` file no
    one may execute.  (the repository, the log, the PATH without it)"""
    real = shutil.which('git')
    assert real is not None
    first = tmp_path / 'not-git'
    (first / 'git').mkdir(parents=True)
    second = tmp_path / 'not-executable'
    second.mkdir()
    (second / 'git').write_text('#!/bin/sh\nexit 97\n')
    folder = tmp_path / 'wrapper'
    folder.mkdir()
    log = tmp_path / 'started.log'
    script = folder / 'git'
    script.write_text(f'#!/bin/sh\necho "$$" >> {log}\nexec {real} "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    plain = os.environ['PATH']
    monkeypatch.setenv('PATH', os.pathsep.join((str(first), str(second), str(folder), plain)))
    return str(git_repo), log, plain


def _starts(log) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_a_wrapper_earlier_on_path_runs_by_either_route(wrapped):
    root, log, _plain = wrapped
    assert gitrun.git(root, 'rev-parse', '--git-dir').strip() == b'.git'
    assert _starts(log) == 1
    proc = gitrun.git_stream(root, 'rev-parse', '--git-dir')
    out, _err = proc.communicate()
    assert out.strip() == b'.git' and proc.returncode == 0
    assert _starts(log) == 2


def test_a_path_changed_between_calls_is_honoured_at_the_next(wrapped, monkeypatch):
    root, log, plain = wrapped
    gitrun.git(root, 'rev-parse', '--git-dir')
    assert _starts(log) == 1
    monkeypatch.setenv('PATH', plain)  # the wrapper gone from PATH: git itself
    gitrun.git(root, 'rev-parse', '--git-dir')
    proc = gitrun.git_stream(root, 'rev-parse', '--git-dir')
    proc.communicate()
    assert _starts(log) == 1
    monkeypatch.setenv('PATH', os.pathsep.join((str(log.parent / 'wrapper'), plain)))
    gitrun.git(root, 'rev-parse', '--git-dir')  # and back: the wrapper again
    assert _starts(log) == 2
