"""A name is a path of words, and a file's name is its content's context.

A ref name, a tree's path name, an author's address and a symlink's target
are read with one grammar: any separator (``/``, ``-``, ``_``, ``.``) may
part a key's name from its value, as ``=`` does in a file.  A file named
for a Together key keeps that name whatever follows it (extensions, an
editor's backup and swap marks), and says so in UTF-16 too.  Before
(c2137ef) every case below passed clean: ``refs/heads/together-api-key-<hex>``,
``together_api_key.env``, ``TOGETHER_API_KEY~``, a symlink to
``TOGETHER_API_KEY/<hex>``, a UTF-16 key file in history.  Real repositories,
the real command; the ``keys`` fixture fails a test whose output showed a
key whole (a ref name or a path holding one is never printed).
"""
from __future__ import annotations

import os

import pytest

from tests.cli_run import hook_in_process as hook
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret


def _commit(repo, **env: str) -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'c')


def _hashes(result) -> set[str]:
    return {f[3] for f in result.found()}


@pytest.mark.parametrize('ref', (
    'refs/heads/together-api-key-{h}', 'refs/heads/together_api_key_{h}',
    'refs/tags/together-key-{h}', 'refs/heads/together/api-key-{h}',
    'refs/heads/TOGETHER_API_KEY.{h}',
))
def test_a_legacy_key_in_a_ref_name_parted_by_any_separator(git_repo, keys, ref):
    key = keys('hex')
    write(git_repo, 'a.txt', 'hello\n')
    _commit(git_repo)
    git(git_repo, 'update-ref', ref.format(h=key), 'HEAD')
    result = scan('--format', 'json', '--history')
    assert result.rc == 1, (result.out, result.err)
    assert _hashes(result) == {hash_secret(key)}


@pytest.mark.parametrize('name', (
    'together-api-key-{h}.txt', 'together_api_key_{h}', 'TOGETHER_API_KEY/{h}',
    'config/together/api-key-{h}', 'notes/together-key-{h}.md',
))
def test_a_legacy_key_in_a_path_name_parted_by_any_separator(git_repo, keys, name):
    key = keys('hex')
    write(git_repo, name.format(h=key), 'x\n')
    _commit(git_repo)
    for args in (('--history',), ()):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert _hashes(result) == {hash_secret(key)}, args


@pytest.mark.parametrize('name', (
    'together_api_key.env', 'secrets/together_api_key.bak', 'TOGETHER_API_KEY~',
    '.TOGETHER_API_KEY.swp', '#TOGETHER_API_KEY#', 'together_api_key.orig',
    'config/together/api_key.pem', 'together_api_key.txt.old', '.#together_api_key',
))
def test_a_bare_legacy_key_in_a_key_file_with_any_extension_or_editor_mark(git_repo, keys, name):
    key = keys('hex')
    write(git_repo, name, key + '\n')
    git(git_repo, 'add', '-A')
    result = hook(name)
    assert result.rc == 1, (result.out, result.err)
    _commit(git_repo)
    for args in (('--history',), ('--format', 'json', name)):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert _hashes(result) == {hash_secret(key)}, args


@pytest.mark.parametrize('target', ('TOGETHER_API_KEY/{h}', 'secrets/together-api-key-{h}'))
def test_a_symlink_whose_target_names_a_legacy_key(git_repo, keys, target):
    key = keys('hex')
    os.symlink(target.format(h=key), os.path.join(git_repo, 'link'))
    git(git_repo, 'add', '-A')
    result = scan('--format', 'json', '--staged')
    assert result.rc == 1, (result.out, result.err)
    _commit(git_repo)
    result = scan('--format', 'json', '--history')
    assert result.rc == 1, (result.out, result.err)
    assert _hashes(result) == {hash_secret(key)}


def test_a_symlink_whose_own_path_carries_a_legacy_key(git_repo, keys):
    key = keys('hex')
    os.makedirs(os.path.join(git_repo, 'TOGETHER_API_KEY'))
    os.symlink('elsewhere', os.path.join(git_repo, 'TOGETHER_API_KEY', key))
    _commit(git_repo)
    result = scan('--format', 'json', '--history')
    assert result.rc == 1, (result.out, result.err)
    assert _hashes(result) == {hash_secret(key)}


@pytest.mark.parametrize('encoding', ('utf-16-le', 'utf-16-be'))
@pytest.mark.parametrize('bom', (True, False))
def test_a_utf16_key_file_in_history(git_repo, keys, encoding, bom):
    key = keys('hex')
    data = (('\ufeff' if bom else '') + key + '\r\n').encode(encoding)
    with open(os.path.join(git_repo, 'TOGETHER_API_KEY'), 'wb') as f:
        f.write(data)
    _commit(git_repo)
    for args in (('--history',), ('TOGETHER_API_KEY',)):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert _hashes(result) == {hash_secret(key)}, args


def test_a_legacy_key_in_an_author_address(git_repo, keys):
    key = keys('hex')
    write(git_repo, 'a.txt', 'x\n')
    git(git_repo, 'add', '-A')
    git(git_repo, '-c', f'user.email=together-api-key-{key}@example.com', 'commit', '-q', '-m', 'c')
    result = scan('--format', 'json', '--history')
    assert result.rc == 1, (result.out, result.err)
    assert _hashes(result) == {hash_secret(key)}


@pytest.mark.parametrize('name, content', (
    # a digest or a public half so named, whatever its marks
    ('together_api_key.sha256.bak', '{h}\n'), ('togetherkey.pub~', '{h}\n'),
    ('together_api_key.md5', '{h}\n'), ('together.lock', '{h}\n'),
    # a package store's hashed folder, a version, a digest by its name
    ('node_modules/.pnpm/together-ai@1.0.0_{h}/index.js', 'x\n'),
    ('dist/together-1.2.0-{h}.whl', 'x\n'), ('together/sha256-{h}', 'x\n'),
    # a one-word blob (a symlink's target) naming no key
    ('link.txt', 'together/sha256-{h}'), ('lock.txt', 'together-ai-1.0.0-{h}'),
))
def test_a_digest_named_beside_together_stays_clean(git_repo, keys, name, content):
    digest = keys('hex')
    write(git_repo, name.format(h=digest), content.format(h=digest))
    _commit(git_repo)
    for args in (('--history',), ()):
        result = scan(*args)
        assert result.rc == 0, (args, result.out, result.err)


@pytest.mark.parametrize('name', (
    'together-api-key-{h}', 'TOGETHER_API_KEY/{h}', 'conf/together_api_key_{h}.env',
))
def test_a_path_carrying_a_legacy_key_is_never_shown_whole(git_repo, keys, name):
    """Every line shown is read as names too (``findings.SHOWN_LINE``):
    an error naming a missing path, and a report naming the file a key
    was found in.  Before, both printed the path's key whole.  (The
    ``keys`` fixture fails the test on any output holding it.)"""
    hexkey, key = keys('hex'), keys()
    path = name.format(h=hexkey)
    result = scan('missing/' + path)
    assert result.rc == 2 and 'no such file' in result.err, (result.out, result.err)
    write(git_repo, path, f'API = "{key}"\n')
    git(git_repo, 'add', '-A')
    for fmt in ('text', 'json', 'sarif', 'github'):
        result = scan('--format', fmt, path)
        assert result.rc == 1, (fmt, result.out, result.err)
