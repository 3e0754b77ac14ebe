"""Histories and git traces the history tests share."""
from __future__ import annotations

import json
import os
import tempfile

from tests.conftest import git
from tests.conftest import write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable


def branchy_history(repo, commit: Callable[..., str]) -> None:
    """Folders, a symlink, a submodule (gitlink), a side branch merged
    with ``-s ours`` (its blobs reachable only through it), a file deleted
    and added again, then one more commit; ``commit(repo, msg)`` commits
    everything."""
    write(repo, 'a/b.py', 'x = 1\n')
    os.symlink('a/b.py', os.path.join(repo, 'link'))
    commit(repo, 'init')
    sub = git(repo, 'rev-parse', 'HEAD').strip()
    git(repo, 'update-index', '--add', '--cacheinfo', f'160000,{sub},vendor/lib')
    git(repo, 'commit', '-q', '-m', 'a submodule')
    git(repo, 'checkout', '-q', '-b', 'side')
    write(repo, 'a/b.py', 'x = 2\n')
    write(repo, 'side/new.py', 'y = 1\n')
    commit(repo, 'side')
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'main/only.py', 'z = 1\n')
    commit(repo, 'main')
    os.unlink(os.path.join(repo, 'a/b.py'))
    commit(repo, 'delete')
    write(repo, 'a/b.py', 'x = 1\n')
    commit(repo, 'add again')
    git(repo, 'merge', '-q', '--no-edit', '-s', 'ours', 'side')
    write(repo, 'a/b.py', 'x = 3\n')
    os.unlink(os.path.join(repo, 'main/only.py'))
    commit(repo, 'after')


class Walks:
    def __init__(self, result: object, argvs: list[list[str]], started: list[list[str]]) -> None:
        self.result = result
        self.argvs = argvs
        self.started = started  # every git it started


def tree_walks(run: Callable[[], object]) -> Walks:
    """``run()``'s result, and the argv of each git it started that walks
    every tree of the history (``log --raw``, ``rev-list --objects``), as
    ``GIT_TRACE2_EVENT`` saw them start (``started``: every git's argv)."""
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, 'trace.json')
        before = os.environ.get('GIT_TRACE2_EVENT')
        os.environ['GIT_TRACE2_EVENT'] = trace
        try:
            result = run()
        finally:
            if before is None:
                del os.environ['GIT_TRACE2_EVENT']
            else:
                os.environ['GIT_TRACE2_EVENT'] = before
        with open(trace, encoding='utf-8') as f:
            events = [json.loads(line) for line in f if line.strip()]
    argvs = [e['argv'] for e in events if e.get('event') == 'start']
    return Walks(result, [a for a in argvs if ('log' in a and '--raw' in a) or '--objects' in a], argvs)
