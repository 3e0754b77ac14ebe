"""``commits.configured_push``: the refspecs a ``git push`` naming no
refspec sends.  Where the push names no repository (the hook was told no
remote: git picks it from ``branch.<b>.pushRemote``, ``remote.pushDefault``,
``branch.<b>.remote`` or ``origin``), every remote's ``push`` refspecs are
read: one too many scanned, never one too few."""
from __future__ import annotations

from tests.conftest import git
from together_hooks.sources.commits import Remotes
from together_hooks.sources.commits import configured_push


def test_no_remote_named_reads_every_remotes_push_refspecs(git_repo):
    for name, spec in (('origin', 'HEAD:refs/heads/review'), ('backup', 'refs/heads/*:refs/heads/saved/*')):
        git(git_repo, 'remote', 'add', name, f'/nowhere/{name}.git')
        git(git_repo, 'config', f'remote.{name}.push', spec)
    git(git_repo, 'config', 'remote.pushDefault', 'backup')
    root = str(git_repo)
    every = configured_push(root, None)
    assert sorted(every) == ['HEAD:refs/heads/review', 'refs/heads/*:refs/heads/saved/*'], every
    assert configured_push(root, 'origin') == ['HEAD:refs/heads/review']
    assert configured_push(root, 'backup', Remotes(root)) == ['refs/heads/*:refs/heads/saved/*']
    assert configured_push(root, 'elsewhere') == []
