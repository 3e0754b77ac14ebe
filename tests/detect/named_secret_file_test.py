"""A file named for a Together key is the key's context, as a variable's name is.

A docker-compose or Kubernetes secret file (``secrets/together_api_key.txt``,
``/run/secrets/TOGETHER_API_KEY``, ``~/.config/together/api_key``) holds
nothing but the key, so a legacy key (64 hex) there has no name beside it in
the text: its file's name is the name.  A digest so named
(``together_api_key.sha256``, ``together_cache_key``) stays clean.  Real
files scanned by the real command.
"""
from __future__ import annotations

import os

import pytest

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret

NAMED = (
    'secrets/together_api_key.txt', 'TOGETHER_API_KEY', 'run/secrets/together-api-key',
    'config/together/api_key', 'together_token', 'secrets/TOGETHER_AI_API_KEY.key',
)
# Names 777ee19 did not read: a dotfile, camelCase, an extension naming the key.
MORE = ('.together_api_key', 'togetherApiKey', 'secrets/together.key', 'together_api.secret')


@pytest.mark.parametrize('name', NAMED)
@pytest.mark.parametrize('shape', ['{hex}\n', '{hex}', '"{hex}"\n'])
def test_a_bare_legacy_key_in_a_file_named_for_it_is_a_key(git_repo, keys, name, shape):
    key = keys('hex')
    write(git_repo, name, shape.format(hex=key))
    git(git_repo, 'add', '-A')
    for args in ((name,), ('--staged',)):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert {f[3] for f in result.found()} == {hash_secret(key)}


@pytest.mark.parametrize('name', MORE)
def test_more_names_of_a_key_file(git_repo, keys, name):
    key = keys('hex')
    write(git_repo, name, key + '\n')
    result = scan('--format', 'json', name)
    assert result.rc == 1, (result.out, result.err)
    assert {f[3] for f in result.found()} == {hash_secret(key)}


def test_a_key_file_saved_with_a_byte_order_mark(git_repo, keys):
    """Windows' Notepad starts a UTF-8 file with EF BB BF."""
    key = keys('hex')
    with open(os.path.join(git_repo, 'together_api_key.txt'), 'wb') as f:
        f.write(b'\xef\xbb\xbf' + key.encode() + b'\r\n')
    git(git_repo, 'add', '-A')
    for args in (('together_api_key.txt',), ('--staged',)):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert {f[3] for f in result.found()} == {hash_secret(key)}


def test_a_symlink_named_for_a_key_whose_target_is_a_legacy_key(git_repo, keys):
    key = keys('hex')
    os.symlink(key, os.path.join(git_repo, 'TOGETHER_API_KEY'))
    git(git_repo, 'add', '-A')
    result = scan('--format', 'json', '--staged')
    assert result.rc == 1, (result.out, result.err)


@pytest.mark.parametrize('name', (
    'together_api_key.sha256', 'together-1.3.0.tar.gz.sha256', 'together_cache_key',
    'together/checksum', 'TOGETHER_API_KEY_HASH', 'together.lock', 'notes/together.txt',
    'together.txt', 'together_key_id', 'togetherkey.pub', 'together_api_key.txt.sha256',
))
def test_a_bare_hex_digest_in_a_file_not_named_for_a_key_is_clean(git_repo, keys, name):
    write(git_repo, name, keys('hex') + '\n')
    result = scan(name)
    assert result.rc == 0, (result.out, result.err)


def test_a_bare_legacy_key_in_a_named_file_in_every_history_route(git_repo, tmp_path, keys):
    """History discovery scans a blob once with no path: a bare 64-hex blob
    is a candidate there, judged again under each path that reaches it
    (``history.keys_in``).  Before: --diff, --commits, --history,
    pre-receive and the plain pre-push hook all passed it (exit 0).  The
    same hex at a path that names no key (a digest) stays clean."""
    import pathlib

    from tests.cli.pre_receive_test import install_gate
    from tests.gate_push_test import _plain_hook
    from tests.gitplay import bare
    from tests.gitplay import clean_env
    from tests.gitplay import commit
    from tests.gitplay import run

    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    digest = keys('hex')
    write(git_repo, 'together.sha256', digest + '\n')
    base = commit(git_repo)
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    result = scan('--history')  # the digest alone: clean
    assert result.rc == 0, (result.out, result.err)
    key = keys('hex')
    write(git_repo, 'secrets/together_api_key.txt', key + '\n')
    os.symlink(key, os.path.join(git_repo, 'TOGETHER_API_KEY'))
    write(git_repo, 'digest.sha256', key + '\n')  # the same blob, a path naming no key
    commit(git_repo)
    paths = {'secrets/together_api_key.txt', 'TOGETHER_API_KEY'}
    for args in (('--diff', f'{base}..HEAD'), ('--commits', 'HEAD', '--since', base), ('--history',)):
        result = scan('--format', 'json', *args)
        assert result.rc == 1, (args, result.out, result.err)
        assert {(f[0], f[3]) for f in result.found()} == {(p, hash_secret(key)) for p in paths}, args
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(key) in out, out  # pre-receive
    git(remote, 'config', 'core.hooksPath', '/dev/null')
    _plain_hook(pathlib.Path(git_repo))
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(key) in out, out  # pre-push
