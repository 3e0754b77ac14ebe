"""``together-hooks pre-receive --forbid-env-files``: the server refuses
env files too.

forbid-env-files runs on the developer's machine, where a push can pass it
by ways no hook there can close: ``git push --no-verify``, a machine
without the hooks, and a push that brings no new commit (a tag of a tree
holding ``.env``, pushed alone: pre-commit then runs no pre-push hook at
all).  Real git, a real bare server running the gate, the real pre-commit
installed as users install it.
"""
from __future__ import annotations

import os

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run


@pytest.fixture
def gated(git_repo, tmp_path, repo_templates):
    """(the server, the developer's environment): origin runs the gate
    with ``--forbid-env-files``; the clone has forbid-env-files installed
    on pre-push by the real pre-commit, and a clean ``main`` pushed through
    both (once a session: tests/gitplay.Templates.pushed; each test has its
    own copies of the clone and of the server, ``server.git``)."""
    def build(repo):
        install_gate(git(repo, 'remote', 'get-url', 'origin').strip(), '--forbid-env-files')
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('forbid-env-files', manifest('forbid-env-files')), stages='pre-push'))
        install(repo, repo_templates.env)
        write(repo, 'a.py', 'x = 1\n')
        commit(repo)
        rc, out = run(repo, repo_templates.env, 'git', 'push', 'origin', 'main')
        assert rc == 0, out
    remote = tmp_path / 'server.git'
    env = repo_templates.pushed(git_repo, remote, 'pre-receive-env-gated-pushed', build)
    assert remote_has(str(remote), 'refs/heads/main') == git(git_repo, 'rev-parse', 'HEAD').strip()
    return str(remote), env


def _tree_tag(repo, path: str) -> str:
    """``snap``, an annotated tag of a tree (no commit) holding ``path``."""
    write(repo, path, 'LOCAL_SETTING=1\n')
    git(repo, 'add', '-f', path)
    tree = git(repo, 'write-tree').strip()
    git(repo, 'rm', '-q', '-r', '--cached', path.split('/')[0] if path.startswith('.env/') else path)
    git(repo, 'tag', '-a', 'snap', '-m', 'snapshot', tree)
    return tree


@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_a_tree_tag_pushed_alone_with_an_env_file_is_refused_by_the_server(
        git_repo, gated, path):
    """pre-commit runs no pre-push hook for a push that brings no commit,
    so the developer's forbid-env-files never sees this tree; the server
    gate does."""
    remote, env = gated
    _tree_tag(git_repo, path)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'snap')
    assert rc != 0, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in the tree that refs/tags/snap names' in out, out
    assert 'pre-receive hook declined' in out, out
    assert remote_has(remote, 'refs/tags/snap') == ''
    # Without the option the gate looks for keys only, as documented.
    install_gate(remote)
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'snap')
    assert rc == 0, out


@pytest.mark.parametrize('path', ['.env', 'svc/.env.production', '.env/bin/activate'])
def test_an_env_file_added_and_removed_inside_a_no_verify_push_is_refused(
        git_repo, gated, path):
    remote, env = gated
    before = remote_has(remote, 'refs/heads/main')
    write(git_repo, path, 'LOCAL_SETTING=1\n')
    git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    adding = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'rm', '-q', '-r', '--cached', path.split('/')[0] if path.startswith('.env/') else path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'gone')
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main', 'topic')
    assert rc != 0, out
    shown = '.env/' if path.startswith('.env/') else path
    assert f'{shown}: env file in pushed commit {adding[:12]}' in out, out
    assert 'push refused (--forbid-env-files)' in out, out
    assert remote_has(remote, 'refs/heads/main') == before
    assert remote_has(remote, 'refs/heads/topic') == ''


def test_templates_and_the_default_branch_settings_pass(git_repo, gated):
    """Templates pass by name; the default branch's ``exclude`` and
    ``env-templates`` count, a pushed config does not."""
    remote, env = gated
    write(git_repo, '.together-hooks.toml',
          'exclude = ["fixtures/*"]\nenv-templates = [".env.ci"]\n')
    commit(git_repo, 'config')
    # The config onto the default branch (through the server's gate; the
    # developer's hook has no env file to see in it).
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    for path in ('.env.example', 'fixtures/.env', '.env.ci'):
        write(git_repo, path, 'SETTING=placeholder\n')
        git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'templates')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    # A pushed config that would leave out everything is not used.
    write(git_repo, '.together-hooks.toml', 'exclude = ["secrets/*"]\n')
    write(git_repo, os.path.join('secrets', '.env'), 'SETTING=1\n')
    git(git_repo, 'add', '-f', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'sneak')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc != 0, out
    assert 'secrets/.env: env file in pushed commit' in out, out


# ------------------------------------------------ reviewer's repros (fixgate)

def test_a_tag_of_a_tree_the_server_already_has_is_not_blamed(git_repo, gated):
    """The server already tracks ``.env`` (pushed before the option was
    on): a tag of main's tree brings nothing new and passes, as the docs
    say.  ``rev-list --objects --not --all`` listed that tree all the
    same (a tree only a commit reaches), so the tag was refused."""
    remote, env = gated
    install_gate(remote)
    write(git_repo, '.env', 'LOCAL_SETTING=1\n')
    git(git_repo, 'add', '-f', '.env')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    install_gate(remote, '--forbid-env-files')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main^{tree}:refs/tags/t1')
    assert rc == 0, out
    assert remote_has(remote, 'refs/tags/t1') != ''
    # A new tree with an env file is still this push's.
    _tree_tag(git_repo, 'svc/.env.production')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'snap')
    assert rc != 0 and 'svc/.env.production: env file in the tree' in out, out


def test_an_env_file_name_with_a_newline_is_printed_escaped(git_repo, gated):
    """A path ``x\\nremote: all good: push accepted/.env`` printed raw
    faked a line of the server's output."""
    remote, env = gated
    path = 'x\nremote: all good: push accepted/.env'
    write(git_repo, path, 'LOCAL_SETTING=1\n')
    git(git_repo, 'add', '-f', path)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'env')
    rc, out = run(git_repo, env, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc != 0, out
    assert 'x\\nremote: all good: push accepted/.env: env file in pushed commit' in out, out
    assert not any(line.startswith('remote: all good') or line.startswith('remote: remote: all good')
                   for line in out.splitlines()), out


def test_a_pushed_config_does_not_count_on_the_first_push_into_an_empty_repo(git_repo, tmp_path):
    """Into an empty repository (HEAD names main), a push of main holding
    a config whose env-templates name ``.env``, and ``.env``: the pushed
    config counted, and the env file passed."""
    remote = bare(tmp_path / 'empty.git')
    install_gate(remote, '--forbid-env-files')
    git(remote, 'symbolic-ref', 'HEAD', 'refs/heads/main')
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, '.together-hooks.toml', 'env-templates = [".env"]\n')
    write(git_repo, '.env', 'LOCAL_SETTING=1\n')
    git(git_repo, 'add', '-f', '.together-hooks.toml', '.env')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'first')
    rc, out = run(git_repo, clean_env(), 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc != 0, out
    assert '.env: env file in pushed commit' in out, out
    assert remote_has(remote, 'refs/heads/main') == ''


def test_env_files_and_keys_are_judged_from_one_log_of_the_push(git_repo, tmp_path, keys):
    """``--forbid-env-files`` read the pushed commits' paths with a
    ``git log --raw`` of its own, beside the one the key check makes of
    the same range: two walks of every pushed commit (a mirror push of a
    project's history, twice).  Now one, and both still refuse: an env
    file and a key, each added and removed inside the push, both named."""
    import json

    from together_hooks.findings import hash_secret

    key = keys()
    remote = bare(tmp_path / 'server.git')
    install_gate(remote, '--forbid-env-files')
    trace = tmp_path / 'trace.json'
    hook = os.path.join(remote, 'hooks', 'pre-receive')
    with open(hook) as f:
        script = f.read()
    with open(hook, 'w') as f:  # git's own trace of the gate's gits
        f.write(script.replace('exec ', f'GIT_TRACE2_EVENT={trace} exec ', 1))
    git(git_repo, 'remote', 'add', 'origin', remote)

    def walks() -> int:
        with open(trace, encoding='utf-8') as f:
            events = [json.loads(line) for line in f if line.strip()]
        trace.unlink()
        return sum(
            1 for e in events if e.get('event') == 'start'
            and 'log' in e['argv'] and '--raw' in e['argv']
        )

    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert walks() == 1
    write(git_repo, '.env', 'LOCAL=1\n')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    git(git_repo, 'add', '-f', '.env', 'k.py')
    git(git_repo, 'commit', '-qm', 'oops', '--no-verify')
    git(git_repo, 'rm', '-q', '--cached', '.env', 'k.py')
    git(git_repo, 'commit', '-qm', 'fixed', '--no-verify')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert '.env: env file in pushed commit' in out and hash_secret(key) in out, out
    assert key not in out
    assert walks() == 1
    assert remote_has(remote, 'refs/heads/main') == git(git_repo, 'rev-parse', 'main~2').strip()


def test_the_server_docs_say_env_files_are_refused_with_the_option():
    """docs/server-side-gate.md said, beside the LFS note, "Env files by
    name (`forbid-env-files`) are not refused here either: this hook
    looks for keys", a line older than ``--forbid-env-files`` that an
    admin would read as "this gate cannot refuse them".  Each sentence of
    the page on env files by name names the option."""
    import re

    path = os.path.join(os.path.dirname(__file__), '..', '..', 'docs', 'server-side-gate.md')
    with open(path, encoding='utf-8') as f:
        text = ' '.join(f.read().split())
    sentences = [s for s in re.split(r'(?<=[.:])\s+(?=[A-Z*])', text)
                 if re.search(r'env files? by name', s, re.I)]
    assert sentences
    for sentence in sentences:
        assert '--forbid-env-files' in sentence, sentence
        assert 'not refused here' not in sentence, sentence
