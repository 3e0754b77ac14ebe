"""The gate probed again (session 24): ways a key reaches a remote past
the hooks as a user configures them.  Real git, the real pre-commit
framework, real pushes to a bare repository.
"""
from __future__ import annotations

import os
import subprocess

import yaml

from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.hooks.env_hooks_test import _local_config
from tests.hooks.env_hooks_test import _sh
from tests.hooks.env_hooks_test import BIN
from tests.hooks.env_hooks_test import precommit_env  # noqa: F401 (a fixture)
from together_hooks.findings import hash_secret


def test_an_env_file_forbid_env_files_is_not_passed_is_scanned_for_keys(
        git_repo, precommit_env, keys, tmp_path):
    """detect-together-keys leaves a staged env file to forbid-env-files
    when the config runs that hook too (one ``.env``, one failure).  It
    read only that the config named the hook: one the user narrowed
    (``exclude: ^deploy/``, ``stages`` without pre-push) is never passed
    ``deploy/.env.production``, nor run on a push, and the key hook left
    the file out as well: a key in it was committed, and pushed after a
    ``--no-verify`` commit, with every hook passing.  Now the key hook
    leaves out only the paths forbid-env-files is passed in this stage
    (the config read as pre-commit reads it: stages, files, exclude,
    types); an unnarrowed entry still owns a root ``.env`` alone."""
    repo, env = git_repo, precommit_env
    doc = yaml.safe_load(_local_config('detect-together-keys', 'forbid-env-files'))
    forbid = doc['repos'][0]['hooks'][1]
    forbid['exclude'] = '^deploy/'
    forbid['stages'] = ['pre-commit', 'pre-merge-commit', 'manual']
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(doc, sort_keys=False))
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'install',
                  '-t', 'pre-commit', '-t', 'pre-push')
    assert rc == 0, out
    write(repo, 'a.py', 'x = 1\n')
    git(repo, 'add', '.pre-commit-config.yaml', 'a.py')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'start')
    bare = tmp_path / 'origin.git'
    subprocess.run(('git', 'init', '-q', '--bare', str(bare)), check=True)
    git(repo, 'remote', 'add', 'origin', str(bare))
    git(repo, 'push', '-q', '--no-verify', 'origin', 'main')
    excluded, pushed, owned = keys(), keys(), keys()

    # forbid-env-files excludes deploy/: the key hook scans it.
    write(repo, 'deploy/.env.production', f'TOGETHER_API_KEY={excluded}\n')
    git(repo, 'add', '-f', 'deploy/.env.production')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'deploy settings')
    assert rc != 0 and hash_secret(excluded) in out, out
    assert 'detect-together-keys' in out.split('Failed', 1)[1], out
    git(repo, 'reset', '-q')

    # A root .env forbid-env-files is passed: its alone, one failure.
    write(repo, '.env', f'TOGETHER_API_KEY={owned}\n')
    git(repo, 'add', '-f', '.env')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'env')
    assert rc != 0 and out.count('Failed') == 1, out
    assert 'forbid-env-files' in out.split('Failed', 1)[1], out
    git(repo, 'reset', '-q')

    # forbid-env-files does not run on a push: the key hook scans the env
    # file a --no-verify commit brought.
    write(repo, '.env.ci', f'TOGETHER_API_KEY={pushed}\n')
    git(repo, 'add', '-f', '.env.ci')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'ci settings')
    rc, out = _sh(repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(pushed) in out, out
    assert git(bare, 'rev-list', '--all').split() == git(repo, 'rev-list', 'HEAD~').split()
    assert leaked([excluded, pushed, owned], out) == []


def test_a_key_glued_to_a_word_in_a_ref_name_or_a_path_is_refused(git_repo, keys, tmp_path):
    """A name is a path of words: ``-`` and ``_`` part them as ``/`` and
    ``.`` do.  A key a word is glued to (``refs/heads/fix-<key>``, a tag
    ``<key>_old``, a file ``backup-<key>.txt``) was read as one longer run
    of key characters, no key, and a real push to a bare repository behind
    the documented pre-receive hook stored all three; ``scan --staged``
    passed the file.  Now the name's reading parts the key from the words
    around it, as it did a legacy key's 64 hex digits.  The same text in a
    file's lines stays one run (the product's rule for content)."""
    from tests.cli.pre_receive_test import install_gate
    from tests.cli_run import scan
    from tests.gitplay import bare
    from tests.gitplay import commit

    in_branch, in_tag, in_path, in_text = keys(), keys(), keys(), keys()
    write(git_repo, 'a.py', f'x = "v-{in_text}"\n')
    commit(git_repo)
    write(git_repo, f'notes/backup-{in_path}.txt', 'hello\n')
    git(git_repo, 'add', 'notes')
    result = scan('--staged', '--format', 'json')
    assert result.rc == 1 and hash_secret(in_path) in result.out, (result.out, result.err)
    result = scan('a.py')
    assert result.rc == 0, result.out
    commit(git_repo)
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    env = {k: v for k, v in os.environ.items() if not k.startswith('GIT_')}
    env['PATH'] = BIN + os.pathsep + env['PATH']
    git(git_repo, 'tag', f'{in_tag}_old')
    proc = subprocess.run(
        ('git', 'push', remote, 'main', f'main:refs/heads/fix-{in_branch}', f'{in_tag}_old'),
        cwd=git_repo, env=env, capture_output=True, text=True, timeout=300,
    )
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0, said
    assert git(remote, 'for-each-ref') == '', said
    for key in (in_branch, in_tag, in_path):
        assert hash_secret(key) in said, said
    assert hash_secret(in_text) not in said, said
    remote_lines = '\n'.join(line for line in said.splitlines() if line.startswith('remote:'))
    assert leaked([in_branch, in_tag, in_path, in_text], remote_lines) == []


def test_an_env_file_scanned_when_forbid_env_files_is_skipped_by_alias_or_stage(
        git_repo, precommit_env, keys):
    """The key hook read a ``pre-commit run --from-ref/--to-ref`` (a CI
    job's, at the default stage pre-commit: pre-commit sets
    ``PRE_COMMIT_TO_REF`` there too) as a push, so a forbid-env-files run
    only on ``stages: [pre-push]`` was taken to own the env file; and it
    did not know ``SKIP`` names a hook by its ``alias`` too.  Either way
    a committed ``.env.ci`` with a key passed every hook.  Now the key
    hook scans it; an unnarrowed, unskipped entry still owns it alone."""
    repo, env = git_repo, precommit_env
    pre_commit = os.path.join(BIN, 'pre-commit')
    doc = yaml.safe_load(_local_config('detect-together-keys', 'forbid-env-files'))
    forbid = doc['repos'][0]['hooks'][1]
    forbid['stages'], forbid['alias'] = ['pre-push'], 'noenv'
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(doc, sort_keys=False))
    write(repo, 'a.py', 'x = 1\n')
    git(repo, 'add', '.pre-commit-config.yaml', 'a.py')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'start')
    key = keys()
    write(repo, '.env.ci', f'TOGETHER_API_KEY={key}\n')
    git(repo, 'add', '-f', '.env.ci')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'ci settings')

    rc, out = _sh(repo, env, pre_commit, 'run', '--from-ref', 'HEAD~', '--to-ref', 'HEAD')
    assert rc == 1 and hash_secret(key) in out, out
    assert 'detect-together-keys' in out.split('Failed', 1)[1], out

    forbid['stages'] = ['pre-commit', 'pre-merge-commit', 'pre-push', 'manual']
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(doc, sort_keys=False))
    git(repo, 'add', '.pre-commit-config.yaml')
    rc, out = _sh(repo, dict(env, SKIP='noenv'), pre_commit, 'run', '--files', '.env.ci')
    assert rc == 1 and hash_secret(key) in out, out
    assert 'detect-together-keys' in out.split('Failed', 1)[1], out

    rc, out = _sh(repo, env, pre_commit, 'run', '--from-ref', 'HEAD~', '--to-ref', 'HEAD')
    assert rc == 1 and out.count('Failed') == 1, out
    assert 'forbid-env-files' in out.split('Failed', 1)[1], out
    assert leaked([key], out) == []


def test_a_local_forbid_env_files_entry_runs_at_the_configs_default_stages(
        git_repo, precommit_env, keys):
    """A ``repo: local`` forbid-env-files entry with no ``stages`` runs
    at the config's ``default_stages``; read as every stage, it owned a
    staged ``.env`` at a commit it does not run on, and the key in it
    passed every hook.  Now the key hook scans it."""
    repo, env = git_repo, precommit_env
    doc = yaml.safe_load(_local_config('detect-together-keys', 'forbid-env-files'))
    del doc['repos'][0]['hooks'][1]['stages']
    doc['default_stages'] = ['pre-push']
    doc['repos'][0]['hooks'][0]['stages'] = ['pre-commit']
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(doc, sort_keys=False))
    key = keys()
    write(repo, '.env', f'TOGETHER_API_KEY={key}\n')
    git(repo, 'add', '-f', '.env', '.pre-commit-config.yaml')
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'run')
    assert rc == 1 and hash_secret(key) in out, out
    assert 'detect-together-keys' in out.split('Failed', 1)[1], out
    assert leaked([key], out) == []
