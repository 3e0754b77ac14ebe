"""Session 6's hostile round against what a range or a history holds
(``sources/commits.py``): each test let a key reach a real bare remote, or
pass ``scan --diff``/``--history``, before its fix.
"""
from __future__ import annotations

import subprocess

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import main_pushed  # noqa: F401 (a fixture)
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


def _mktree(repo, entries: str) -> str:
    return subprocess.run(
        ('git', 'mktree'), cwd=repo, check=True, capture_output=True, text=True, input=entries,
    ).stdout.strip()


def _server(repo, tmp_path, name: str = 'server.git') -> str:
    remote = bare(tmp_path / name)
    install_gate(remote)
    git(repo, 'remote', 'add', 'gate', remote)
    return remote


def _hashes(result) -> set[str]:
    return {f[3] for f in result.found()}


def test_a_tag_a_tag_points_at_is_scanned_everywhere(git_repo, tmp_path, pushing, keys):
    """``git tag -a outer inner`` then ``git tag -d inner``: the inner tag
    object (and its message) travels with ``outer``; only the outer one's
    message used to be read by pre-receive, pre-push and ``--history``."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    remote = _server(git_repo, tmp_path)
    assert run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')[0] == 0
    git(git_repo, 'tag', '-a', 'inner', '-m', f'TOGETHER_API_KEY={key}')
    git(git_repo, 'tag', '-a', 'middle', 'inner', '-m', 'middle')
    git(git_repo, 'tag', '-a', 'outer', 'middle', '-m', 'release')
    git(git_repo, 'tag', '-d', 'inner', 'middle')
    assert hash_secret(key) in _hashes(scan('--history', '--format', 'json', cwd=git_repo))
    assert hash_secret(key) in _hashes(scan('--diff', f'{base}...outer', '--format', 'json',
                                            cwd=git_repo))
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'gate', 'outer')
    assert rc != 0 and hash_secret(key) in out, out
    assert remote_has(remote, 'refs/tags/outer') == ''
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main', 'outer')  # pre-push
    assert rc != 0 and hash_secret(key) in out, out


def test_an_empty_folder_named_with_a_key_is_a_path_name(git_repo, tmp_path, pushing, keys):
    """A tree may hold an empty tree (``git mktree``): its name is stored
    and pushed, yet no file's path carries it.  Added and deleted inside
    one push, deep in a subtree."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    remote = _server(git_repo, tmp_path)
    assert run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')[0] == 0
    empty = _mktree(git_repo, '')
    named = _mktree(git_repo, f'040000 tree {empty}\tTOGETHER_API_KEY={key}\n')
    deep = _mktree(git_repo, f'040000 tree {named}\tsub\n')
    blob = git(git_repo, 'rev-parse', 'HEAD:a.py').strip()
    top = _mktree(git_repo, f'040000 tree {deep}\tdeep\n100644 blob {blob}\ta.py\n')
    adding = git(git_repo, 'commit-tree', top, '-p', base, '-m', 'add').strip()
    removing = git(git_repo, 'commit-tree', f'{base}^{{tree}}', '-p', adding, '-m', 'rm').strip()
    git(git_repo, 'update-ref', 'refs/heads/main', removing)
    res = scan('--diff', f'{base}...main', '--format', 'json', cwd=git_repo)
    assert res.rc == 1 and hash_secret(key) in _hashes(res), res.out
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')
    assert rc != 0 and hash_secret(key) in out, out
    assert remote_has(remote, 'refs/heads/main') == base
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')  # pre-push
    assert rc != 0 and hash_secret(key) in out, out


def _message_in(git_repo, tmp_path, key, encoding, encoded: bytes) -> None:
    """Commit ``encoded`` as a message declared in ``encoding`` on top of a
    pushed commit: ``--history``, ``--diff`` and the server's pre-receive
    each find ``key`` in it, and the push is refused."""
    hashed = hash_secret(key)
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    remote = _server(git_repo, tmp_path)
    assert run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')[0] == 0
    message = tmp_path / 'message'
    message.write_bytes(encoded)
    git(git_repo, '-c', f'i18n.commitEncoding={encoding}', 'commit', '-q', '--allow-empty',
        '-F', str(message))
    assert hashed in _hashes(scan('--history', '--format', 'json', cwd=git_repo))
    assert hashed in _hashes(scan('--diff', f'{base}...main', '--format', 'json', cwd=git_repo))
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')
    assert rc != 0 and hashed in out, out
    assert remote_has(remote, 'refs/heads/main') == base


def test_a_commit_message_in_another_encoding(git_repo, tmp_path, keys):
    """``i18n.commitEncoding``: git stores the message as given, with an
    ``encoding`` header, and shows it decoded.  UTF-7 keeps a key's body
    readable, yet no rule reads ``tgp+AF8-v1+AF8-...``."""
    key = keys()
    # As iconv writes it: '_' and '=' are not among UTF-7's direct characters.
    text = f'TOGETHER_API_KEY={key}\n'
    encoded = text.replace('_', '+AF8-').replace('=', '+AD0-').encode()
    assert encoded.decode('utf-7') == text
    _message_in(git_repo, tmp_path, key, 'UTF-7', encoded)


@pytest.mark.parametrize('encoding', ['IBM1047', 'IBM-278', 'EBCDIC-CP-FI', 'CP037'])
def test_a_commit_message_in_an_ebcdic_code_page(git_repo, tmp_path, keys, encoding):
    """An EBCDIC message (``encoding IBM1047``: a mainframe's git, or a
    hand-made commit): Python knows few of those code pages, yet every one
    writes a key's characters (letters, digits, ``-``, ``_``) with the same
    bytes, EBCDIC's invariant set, as cp037 does."""
    key = keys()
    encoded = f'rotate later TOGETHER_API_KEY={key}\n'.encode('cp037')
    _message_in(git_repo, tmp_path, key, encoding, encoded)


def _iconv(text: str, encoding: str) -> bytes:
    """``text`` as the ``iconv`` tool (the C library's, git's converter)
    writes it in ``encoding``: Python knows none of these."""
    return subprocess.run(('iconv', '-f', 'UTF-8', '-t', encoding), input=text.encode(),
                          check=True, capture_output=True).stdout


# Encodings only iconv knows: IBM930 (EBCDIC katakana: its lowercase
# letters sit where no other code page puts them), UCS-2LE and
# UNICODEBIG (UTF-16 without a byte order mark, under names Python lacks).
ICONV_ONLY = ('IBM930', 'UCS-2LE', 'UNICODEBIG')


def test_a_message_git_decodes_with_iconv_holds_what_git_shows(git_repo, keys):
    """Red team, session 21: a commit declaring an encoding Python does not
    know was read as cp037 only.  git shows it through iconv
    (``git log`` printed the key of an ``encoding IBM930`` commit whole)
    while ``--history``, ``--diff`` and pre-receive passed it.  Every
    such message's reading holds what ``git log`` shows (one repository,
    one ``git log``)."""
    from together_hooks.sources.commits import object_parts

    write(git_repo, 'a.py', 'x = 1\n')
    head = commit(git_repo)
    tree = git(git_repo, 'rev-parse', 'HEAD^{tree}').strip()
    texts = {}
    for encoding in ICONV_ONLY:  # by hand: git commit refuses a NUL (UCS-2)
        texts[encoding] = f'subject\n\nrotate later TOGETHER_API_KEY={keys()}\n'
        raw = (f'tree {tree}\nparent {head}\nauthor a <a@x> 1 +0000\n'
               f'committer a <a@x> 1 +0000\nencoding {encoding}\n\n').encode()
        head = subprocess.run(
            ('git', 'hash-object', '-t', 'commit', '-w', '--stdin'), cwd=git_repo, check=True,
            capture_output=True, input=raw + _iconv(texts[encoding], encoding),
        ).stdout.decode().strip()
    git(git_repo, 'update-ref', 'refs/heads/main', head)
    shas = git(git_repo, 'rev-list', '--reverse', '--max-count=3', 'HEAD').split()
    shown = subprocess.run(  # bytes: git passes a UCS-2 message it cannot convert as it is
        ('git', 'log', '--reverse', '--max-count=3', '--format=%H%n%B%x00'), cwd=git_repo,
        check=True, capture_output=True).stdout.decode('utf-8', 'replace')
    for sha, encoding in zip(shas, ICONV_ONLY):
        raw = subprocess.run(('git', 'cat-file', 'commit', sha), cwd=git_repo,
                             check=True, capture_output=True).stdout
        key_line = texts[encoding].splitlines()[-1].encode()
        assert key_line not in raw  # the key is not there raw
        assert key_line in object_parts(raw)[1], encoding
        if encoding == 'IBM930':  # git shows it: UTF-16 text stops its log at a NUL
            assert key_line.decode() in shown
    hashes = _hashes(scan('--history', '--format', 'json', cwd=git_repo))
    assert {hash_secret(t.split('=')[-1].strip()) for t in texts.values()} <= hashes


def test_a_commit_message_in_an_encoding_only_iconv_knows(git_repo, tmp_path, keys):
    """The same IBM930 message, committed as a user with that
    ``i18n.commitEncoding`` commits it, refused by the server's gate and
    found by ``--diff``."""
    key = keys()
    _message_in(git_repo, tmp_path, key, 'IBM930',
                _iconv(f'rotate later TOGETHER_API_KEY={key}\n', 'IBM930'))


@pytest.mark.parametrize('entry', ['blob', 'gitlink'])
def test_names_in_a_tree_a_tag_points_at(git_repo, tmp_path, pushing, keys, entry):
    """``git tag t <tree>``: the tree's entry names reach the remote with
    it (a file's, or a submodule's deep in a subtree)."""
    key = keys()
    hashed = hash_secret(key)
    write(git_repo, 'a.py', 'x = 1\n')
    head = commit(git_repo)
    remote = _server(git_repo, tmp_path)
    assert run(git_repo, clean_env(), 'git', 'push', 'gate', 'main')[0] == 0
    blob = git(git_repo, 'rev-parse', 'HEAD:a.py').strip()
    line = (f'100644 blob {blob}' if entry == 'blob' else f'160000 commit {head}')
    inner = _mktree(git_repo, f'{line}\tTOGETHER_API_KEY={key}\n')
    git(git_repo, 'tag', 'snapshot', _mktree(git_repo, f'040000 tree {inner}\tsub\n'))
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'gate', 'snapshot')
    assert rc != 0 and hashed in out, out
    assert remote_has(remote, 'refs/tags/snapshot') == ''
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main', 'snapshot')  # pre-push
    assert rc != 0 and hashed in out, out


def test_a_refspec_the_remote_is_configured_with(git_repo, tmp_path, main_pushed, keys):
    """``remote.origin.push = refs/remotes/upstream/*:refs/heads/*``: a bare
    ``git push origin`` sends every branch of another remote; pre-commit
    describes one of them.  (``main`` with ``a.py`` pushed through the hook
    first: ``main_pushed``, once a session.)"""
    key = keys()
    hashed = hash_secret(key)
    pushing = main_pushed
    upstream = bare(tmp_path / 'upstream.git')
    for branch, text in (('a', 'y = 2\n'), ('b', f'K = "{key}"\n')):
        git(git_repo, 'checkout', '-q', '-b', branch)
        write(git_repo, f'{branch}.py', text)
        commit(git_repo, branch)
    git(git_repo, 'push', '-q', '--no-verify', upstream, 'a', 'b')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'branch', '-q', '-D', 'a', 'b')
    git(git_repo, 'remote', 'add', 'upstream', upstream)
    git(git_repo, 'fetch', '-q', 'upstream')
    git(git_repo, 'config', 'remote.origin.push', 'refs/remotes/upstream/*:refs/heads/*')
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin')
    assert rc != 0 and hashed in out, out
    assert remote_has(str(tmp_path / 'remote.git'), 'refs/heads/b') == ''


@pytest.mark.parametrize('first', [True, False])
def test_a_key_in_the_name_a_push_gives_the_remote_ref(git_repo, main_pushed, keys, first):
    """``git push origin main:refs/heads/wip/<key>``: the remote's new ref
    name is no local ref's; pre-commit names it for the first ref only.
    (``main`` with ``a.py`` pushed through the hook first: ``main_pushed``.)"""
    key = keys()
    hashed = hash_secret(key)
    pushing = main_pushed
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    specs = [f'main:refs/heads/wip/{key}'] if first else ['main', f'main:refs/heads/wip/{key}']
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', *specs)
    assert rc != 0 and hashed in out, out
    assert git(str(git_repo), 'ls-remote', 'origin').count('refs/heads/wip/') == 0


def test_a_blob_a_tag_points_at_is_reported_without_a_made_up_author(git_repo, keys):
    """A blob a lightweight tag names has no commit author nor date: the
    report says where it is, never "by None on None"."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    blob = subprocess.run(
        ('git', 'hash-object', '-w', '--stdin'), cwd=git_repo, check=True,
        input=f'k = "{key}"\n'.encode(), capture_output=True,
    ).stdout.decode().strip()
    git(git_repo, 'tag', 'blob-tag', blob)
    result = scan('--history', cwd=git_repo)
    assert result.rc == 1 and hash_secret(key) in result.out, result.err
    assert 'None' not in result.out, result.out
