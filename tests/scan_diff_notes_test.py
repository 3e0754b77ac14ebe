"""``scan --diff BASE...HEAD`` reads the notes (``git notes``, any
``refs/notes/*`` ref) on the range's commits, as the server gate reads a
pushed notes ref: a note travels with ``git push origin refs/notes/*``.
Before, a key in a note on a commit of the range passed ``--diff``.
Real git."""
from __future__ import annotations

import re

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import commit
from together_hooks.findings import hash_secret


def _range(repo):
    write(repo, 'a.py', 'x = 1\n')
    base = commit(repo, 'one')
    git(repo, 'branch', 'base')
    write(repo, 'b.py', 'y = 2\n')
    head = commit(repo, 'two')
    return base, head


def test_a_key_in_a_note_on_a_range_commit_is_found(git_repo, keys):
    key = keys()
    _base, head = _range(git_repo)
    git(git_repo, 'notes', 'add', '-m', f'deploy with TOGETHER_API_KEY={key}', head)
    result = scan('--diff', 'base...HEAD', '--format', 'json', cwd=git_repo)
    assert result.rc == 1, result.out + result.err
    found = result.json()['findings']
    assert [(f['path'], f['hashed_secret']) for f in found] == [('<note>', hash_secret(key))]
    assert found[0]['commit'].startswith(head[:12])


def test_every_notes_ref_counts(git_repo, keys):
    key = keys()
    _base, head = _range(git_repo)
    git(git_repo, 'notes', '--ref=review', 'add', '-m', f'together key {key}', head)
    result = scan('--diff', 'base...HEAD', cwd=git_repo)
    assert result.rc == 1 and hash_secret(key) in result.out, result.out + result.err


def test_a_note_on_a_commit_outside_the_range_is_not_blamed(git_repo, keys):
    key = keys()
    base, _head = _range(git_repo)
    git(git_repo, 'notes', 'add', '-m', f'TOGETHER_API_KEY={key}', base)
    result = scan('--diff', 'base...HEAD', cwd=git_repo)
    assert result.rc == 0, result.out + result.err


def test_a_ref_under_refs_notes_holding_no_notes_fails_no_scan(git_repo, keys):
    """A ref under refs/notes that names a blob or a tag (left by a tool,
    ``git update-ref refs/notes/x <blob>``) made every ``--diff`` fail on
    git's "fatal: not a tree object", the range's keys unreported.  Such a
    ref holds no notes; the notes refs beside it are still read."""
    key = keys()
    _base, head = _range(git_repo)
    git(git_repo, 'notes', 'add', '-m', f'TOGETHER_API_KEY={key}', head)
    blob = git(git_repo, 'rev-parse', 'HEAD:b.py').strip()
    git(git_repo, 'update-ref', 'refs/notes/a-blob', blob)
    git(git_repo, 'tag', '-a', '-m', 'a tag', 'notes-tag', blob)
    git(git_repo, 'update-ref', 'refs/notes/a-tag', git(git_repo, 'rev-parse', 'notes-tag').strip())
    result = scan('--diff', 'base...HEAD', cwd=git_repo)
    assert result.rc == 1 and hash_secret(key) in result.out, result.out + result.err


def test_a_key_in_a_note_is_taken_out_of_the_note_not_the_commit(git_repo, keys):
    """The advice for a key in a note named ``git commit --amend (it is
    HEAD)``: an amend leaves the note on the old commit and in the notes
    ref, the key still there.  The note is what to edit; a key in the
    commit itself still gets its amend."""
    key, other, third = keys(), keys(), keys()
    _base, head = _range(git_repo)
    git(git_repo, 'notes', 'add', '-m', f'TOGETHER_API_KEY={key}', head)
    result = scan('--diff', 'base...HEAD', cwd=git_repo)
    assert result.rc == 1, result.out + result.err
    assert 'git commit --amend' not in result.out and 'git rebase' not in result.out, result.out
    assert f'git notes remove {head[:12]}' in result.out, result.out
    write(git_repo, 'c.py', f'TOGETHER_API_KEY = "{other}"\n')
    head = commit(git_repo, 'three')
    git(git_repo, 'notes', 'add', '-m', f'TOGETHER_API_KEY={third}', head)
    result = scan('--diff', 'base...HEAD', cwd=git_repo)
    assert result.rc == 1 and hash_secret(other) in result.out, result.out + result.err
    notes = re.search(r'`git notes remove ([0-9a-f ]+)`', result.out)
    assert notes and head[:12] in notes[1].split(), result.out
    assert 'git commit --amend' in result.out or 'git rebase -i' in result.out, result.out
