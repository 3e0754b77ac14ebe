"""A hostile tester's third round against the gate: hand-made objects.

git stores whatever object a client sends (``receive.fsckObjects`` is off
by default) and reads only the headers it knows, where it knows them.
Each test is a key that reached a repository unseen before its fix: real
repositories, real ``git push`` to a real bare repository with the
documented pre-receive hook, and the CI commands on the clone.
"""
from __future__ import annotations

import os

import pytest

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_probe_test import _push
from tests.gate_probe_test import _server
from tests.gitplay import commit
from tests.cli.pre_receive_test import remote_has
from together_hooks.findings import hash_secret


def _hand_made(repo, kind: str, raw: str) -> str:
    """An object of ``kind`` with exactly the bytes ``raw``, as a hand-made
    client writes it (``--literally``: git checks nothing)."""
    path = os.path.join(repo, '.git', 'raw-object')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(raw)
    return git(repo, 'hash-object', '-t', kind, '-w', '--literally', path).strip()


@pytest.mark.parametrize('header', ['tree', 'parent', 'object', 'type'])
def test_a_key_in_a_header_named_like_an_id_header(git_repo, tmp_path, keys, header):
    """Header lines that carry object ids (``tree``, ``parent``, a tag's
    ``object`` and ``type``) were left out of ``<commit header>`` by their
    name alone, so a key written as the value of one more such line (after
    the author, where git reads none) was stored on the server, in the
    pull request and in history unseen.  Only an id, or a type name, is
    left out now."""
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    key = keys()
    made = _hand_made(git_repo, 'commit', (
        f'tree {git(git_repo, "rev-parse", "HEAD^{tree}").strip()}\nparent {base}\n'
        'author a <a@b> 1 +0000\ncommitter a <a@b> 1 +0000\n'
        f'{header} {key}\n\nmsg\n'
    ))
    git(git_repo, 'update-ref', 'refs/heads/main', made)
    rc, out = _push(git_repo, 'main')
    assert rc == 1, out
    assert hash_secret(key) in out and '<commit header>' in out
    assert remote_has(remote, 'refs/heads/main') == base
    for args in (('--diff', f'{base}..main'), ('--history',)):
        res = scan(*args, '--format', 'json', cwd=git_repo)
        assert res.rc == 1, (args, res.err)
        assert [f[3] for f in res.found()] == [hash_secret(key)], args


def test_a_key_in_a_tag_header_named_like_an_id_header(git_repo, tmp_path, keys):
    """The same in an annotated tag: a second ``object`` or a ``tree``
    line after the tagger."""
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    key = keys()
    tag = _hand_made(git_repo, 'tag', (
        f'object {base}\ntype commit\ntag v1\ntagger a <a@b> 1 +0000\n'
        f'tree {key}\n\nrelease\n'
    ))
    git(git_repo, 'update-ref', 'refs/tags/v1', tag)
    rc, out = _push(git_repo, 'v1')
    assert rc == 1, out
    assert hash_secret(key) in out
    assert remote_has(remote, 'refs/tags/v1') == ''
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert [f[3] for f in res.found()] == [hash_secret(key)]


def test_id_headers_of_ordinary_objects_stay_quiet(git_repo, keys):
    """The ids themselves are still no content: a merge's parents, a
    tag's object and type (a legacy key is 64 hex, as a SHA-256 id is)."""
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'merge', '-q', '--no-ff', '-m', 'together api merge', 'side')
    git(git_repo, 'tag', '-a', '-m', 'together api release', 'v1')
    res = scan('--diff', f'{base}..main', cwd=git_repo)
    assert res.rc == 0, res.err
    res = scan('--history', cwd=git_repo)
    assert res.rc == 0, res.err
