"""A hostile tester's third round against the gate (session 17).

Each test is an attack that let a key through before its fix: real
repositories, real git and pre-commit, real ``git push`` to a real bare
repository with the documented pre-receive hook.
"""
from __future__ import annotations

import pytest

from tests.cli.pre_receive_test import served  # noqa: F401 (fixture)
from tests.cli_run import assert_error_line
from tests.cli_run import hook
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret

PRAGMA = '# pragma: allowlist secret'


# ------------------------------------- a pragma where no file holds it

def test_a_pragma_outside_a_file_excuses_no_key(git_repo, served, keys):  # noqa: F811
    """A pragma is a comment in a file, seen in its diff.  Typed into a
    file's name, ``user.name``, a commit or tag message, it excused the
    key there: the commit hooks, the server's gate and ``--history`` all
    passed it, and the key went to the server with the name or message.
    (The server's ``main`` is a clean commit already: ``served``.)"""
    remote = served
    pushed = git(remote, 'rev-parse', 'main')
    named, author, message, tagged = keys(), keys(), keys(), keys()
    write(git_repo, f'{named} {PRAGMA}', 'x\n')
    rc_hook = hook(f'{named} {PRAGMA}', cwd=git_repo)
    assert rc_hook.rc == 1 and hash_secret(named) in rc_hook.out, rc_hook.out
    commit(git_repo, 'named')
    git(git_repo, '-c', f'user.name={author} {PRAGMA}', 'commit', '-q', '--allow-empty', '-m', 'by')
    git(git_repo, 'commit', '-q', '--allow-empty', '-m', f'token {message} {PRAGMA}')
    git(git_repo, 'tag', '-a', 'v1', '-m', f'token {tagged} {PRAGMA}')
    made = {hash_secret(k) for k in (named, author, message, tagged)}
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main', 'v1')
    assert rc != 0, out
    assert all(h in out for h in made), out
    assert git(remote, 'rev-parse', 'main') == pushed
    assert 'refs/tags/v1' not in git(remote, 'for-each-ref')
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    assert made <= {f[3] for f in res.found()}
    # In a file, the pragma still excuses the key on its line.
    write(git_repo, 'b.py', f'K = "{keys()}"  {PRAGMA}\n')
    assert hook('b.py', cwd=git_repo).rc == 0


# ------------------------------ the author and committer, pre-commit alone

@pytest.fixture
def pre_commit_only(git_repo, repo_templates):
    """The hook installed as most users install it: ``pre-commit install``
    with no ``default_install_hook_types`` (the pre-commit stage alone, no
    commit-msg hook)."""
    def build(repo):
        config = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')))
        write(repo, '.pre-commit-config.yaml', config.replace(
            'default_install_hook_types: [pre-commit, pre-push]\n', ''))
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'pre-commit-stage-only', build)


@pytest.mark.parametrize('how', [
    '--author', 'config', 'repo-config', 'committer-env', 'pragma',
    # the first stage reads config files itself: where its reading and
    # git's parted, it neither found the key nor handed off
    'quoted-config', 'include-by-c', 'system-config-nosystem-0',
])
def test_the_pre_commit_stage_alone_refuses_a_key_in_the_author_or_committer(
        git_repo, pre_commit_only, keys, how, tmp_path):
    """Without the commit-msg stage installed, a key typed as the author's
    or committer's name or email was committed (the first stage and the
    full hook read only the files), refused only at the push."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    assert not (git_repo / '.git' / 'hooks' / 'commit-msg').exists()
    env, cmd = dict(pre_commit_only), ['git', 'commit', '-q', '-m', 'deploy']
    if how == '--author':
        cmd.append(f'--author=Dev <{key}@example.com>')
    elif how == 'config':
        cmd[1:1] = ['-c', f'user.email={key}@example.com']
    elif how == 'repo-config':  # the committer from .git/config, --author another
        git(git_repo, 'config', 'user.name', key)
        cmd.append('--author=Dev <dev@example.com>')
    elif how == 'committer-env':
        env['GIT_COMMITTER_NAME'] = key
    elif how == 'quoted-config':  # git joins quoted parts: "tg"p_"v"1_... is the key
        # (the committer: git exports the author to its hooks, not the committer)
        with open(git_repo / '.git' / 'config', 'a') as f:
            f.write(f'[committer]\n\tname = "tg"p_"v"1_{key[7:]}\n')
    elif how == 'include-by-c':  # -c include.path=...: git reads that file
        write(tmp_path, 'ident.cfg', f'[committer]\n\tname = {key}\n')
        cmd[1:1] = ['-c', f'include.path={tmp_path / "ident.cfg"}']
    elif how == 'system-config-nosystem-0':  # "0": git reads the system file
        write(tmp_path, 'system.cfg', f'[committer]\n\tname = {key}\n')
        env.update(GIT_CONFIG_NOSYSTEM='0', GIT_CONFIG_SYSTEM=str(tmp_path / 'system.cfg'))
    else:
        cmd[1:1] = ['-c', f'user.name={key} {PRAGMA}']
    rc, out = run(git_repo, env, *cmd)
    assert rc == 1, out
    assert hash_secret(key) in out and '<commit header>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'
    if how == 'repo-config':
        git(git_repo, 'config', 'user.name', 'Dev')
    if how == 'quoted-config':
        git(git_repo, 'config', '--unset', 'committer.name')
    rc, out = run(git_repo, pre_commit_only, 'git', 'commit', '-q', '-m', 'deploy')
    assert rc == 0, out


# ------------------------------------ hand-made commit objects (held)

def _commit_object(repo, raw: bytes) -> str:
    import subprocess

    return subprocess.run(
        ('git', 'hash-object', '-t', 'commit', '-w', '--literally', '--stdin'), cwd=repo,
        input=raw, check=True, capture_output=True,
    ).stdout.decode().strip()


def test_hand_made_commit_headers_and_encodings_are_refused(git_repo, served, keys):  # noqa: F811
    """Attacks that held (session 17), kept: a commit written by hand with
    a message in the encoding its ``encoding`` header names (UTF-16,
    EBCDIC), a key in a ``gpgsig`` or ``mergetag`` continuation line, in
    the ``encoding`` header itself, in the author's time zone, or in a
    header of a commit with no message at all."""
    remote = served  # ``main`` a clean commit on the server already
    head = git(git_repo, 'rev-parse', 'HEAD').strip()
    tree = git(git_repo, 'rev-parse', 'HEAD^{tree}').strip()
    top = f'tree {tree}\nparent {head}\n'.encode()
    who = b'author T <t@x> 1700000000 +0000\ncommitter T <t@x> 1700000000 +0000\n'
    cases = {
        'utf-16': lambda k: top + who + b'encoding UTF-16LE\n\n' + f'msg {k}\n'.encode('utf-16-le'),
        'ebcdic': lambda k: top + who + b'encoding cp037\n\n' + f'msg {k}\n'.encode('cp037'),
        'gpgsig': lambda k: top + who + b'gpgsig -----BEGIN PGP SIGNATURE-----\n ' + k.encode()
        + b'\n -----END PGP SIGNATURE-----\n\nok\n',
        'mergetag': lambda k: top + who + f'mergetag object {head}\n type commit\n tag v\n'
        f' tagger T <t@x> 1 +0000\n \n {k}\n\nok\n'.encode(),
        'encoding': lambda k: top + who + b'encoding ' + k.encode() + b'\n\nok\n',
        'time zone': lambda k: top + f'author T <t@x> 1700000000 {k}\n'.encode() + who[who.index(b'committer'):]
        + b'\nok\n',
        'no message': lambda k: top + who + b'x-note ' + k.encode() + b'\n',
    }
    for name, build in cases.items():
        key = keys()
        sha = _commit_object(git_repo, build(key))
        rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', f'{sha}:refs/heads/probe')
        assert rc != 0 and hash_secret(key) in out, (name, out)
    assert 'probe' not in git(remote, 'for-each-ref')


# ------------------------------------------- a blob git cannot read

def test_a_corrupt_blob_no_commit_holds_fails_closed(git_repo):
    """A dangling blob git cannot inflate (a clone with lost commits, a
    disk error) may hold a key nobody can read: ``--history`` exits 2 with
    one line naming it, as in a clean clone, never a pass (decided in
    session 17: not a regression of the lost-commits route)."""
    import os

    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    import subprocess

    sha = subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=git_repo, input=b'lost\n',
                         check=True, capture_output=True).stdout.decode().strip()
    path = git_repo / '.git' / 'objects' / sha[:2] / sha[2:]
    os.chmod(path, 0o644)
    path.write_bytes(b'not zlib')
    res = scan('--history', cwd=git_repo)
    assert_error_line(res, sha)
