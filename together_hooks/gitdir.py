"""Where a repository's work tree is and what git names in it, known
without starting git and without the git runner.

A clean commit's first stage (``hooks.first_stage``, and the baseline it reads) asks only these;
the runner (``gitrun``) is the largest module a clean commit would import
and it starts no git process there (docs/performance.md, "Issue 17,
session 33 (perfT33)").  ``gitrun`` takes ``worktree_root`` from here.
"""
from __future__ import annotations

import os

# The files git gives its commit-msg hook: the message being committed
# (``sources.message`` reads them). Here, not there: every run of the
# hook tells them from staged files.
MESSAGE_FILES = ('COMMIT_EDITMSG', 'MERGE_MSG', 'SQUASH_MSG')


def worktree_root(path: str = '.') -> str | None:
    """The work tree holding ``path``, found without starting git.

    The folder above ``path`` that has a ``.git`` entry (a folder, or a file
    in worktrees and submodules).  The hook's path uses this: each git
    process costs a few milliseconds on every commit.
    """
    here = os.path.abspath(path)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    # As git does: never look in or above a GIT_CEILING_DIRECTORIES entry.
    ceilings = {
        os.path.abspath(c)
        for c in os.environ.get('GIT_CEILING_DIRECTORIES', '').split(os.pathsep) if c
    }
    while True:
        if os.path.lexists(os.path.join(here, '.git')):
            return here
        parent = os.path.dirname(here)
        if parent == here or parent in ceilings:
            return None
        here = parent


def repository_naming(path: str, start: str = '.') -> str | None:
    """The work tree a run works on (the one holding ``start``, found from
    its real path as git finds it) when ``path`` is named inside it, else
    None.  What a written file must stay inside: a path named outside that
    repository is the user's own choice, whichever repository sits above
    it (a dotfiles ``~/.git``), and a folder link's own ``.git`` (``logs
    -> ../victim``) never makes its target "the repository"."""
    root = worktree_root(os.path.realpath(start))
    if root is None:
        return None
    named = os.path.abspath(path)
    for top in (os.path.abspath(root), os.path.realpath(root)):
        if named == top or named.startswith(top.rstrip(os.sep) + os.sep):
            return root
    # Named through a link to the repository (the cwd a symlinked path to
    # it, ``$PWD/.git/hooks/x``): it is there all the same.
    real, top = os.path.realpath(path), os.path.realpath(root)
    if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
        return root
    return None
