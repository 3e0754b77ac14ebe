"""Issue 14: ``together-hooks pre-receive``, the server-side gate.

A real bare repository runs it as its ``hooks/pre-receive``; a real
``git push`` (inside git's quarantine environment) is accepted or refused.
"""
from __future__ import annotations

import os
import shutil
import stat

import pytest

from tests.cli_run import CAPTURED
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import BIN
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret
from together_hooks.findings import redact

ROTATE = 'https://api.together.xyz/settings/api-keys'


EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                       'examples', 'pre-receive')


def install_gate(remote: str, *args: str) -> None:
    """The documented hook script (examples/pre-receive; ``together-hooks``
    found on PATH), or one with other ``args``."""
    hook = os.path.join(remote, 'hooks', 'pre-receive')
    if args:
        with open(hook, 'w') as f:
            f.write('#!/bin/sh\nexec together-hooks pre-receive {}\n'.format(' '.join(args)))
    else:
        shutil.copyfile(EXAMPLE, hook)
    os.chmod(hook, os.stat(hook).st_mode | stat.S_IXUSR)


@pytest.fixture
def server(git_repo, tmp_path):
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    return remote


@pytest.fixture
def served(git_repo, tmp_path, repo_templates):
    """``server`` with ``main`` at a first clean commit (``a.py``) already
    pushed: the commit and its push made once a run, before any gate was
    installed (tests/gitplay.Templates), each test with its own copies of
    the repository and the server, the documented gate installed in its
    copy.  A clean push through the gate is test_clean_push_is_accepted's."""
    def build(repo):
        write(repo, 'a.py', 'x = 1\n')
        commit(repo)
        git(repo, 'push', '-q', 'origin', 'main')
    remote = tmp_path / 'server.git'
    repo_templates.pushed(git_repo, remote, 'pre-receive-served', build)
    install_gate(str(remote))
    return str(remote)


@pytest.fixture
def env():
    return clean_env()


def push(repo, env, *args: str) -> tuple[int, str]:
    return run(repo, env, 'git', 'push', 'origin', *args)


def remote_has(remote: str, ref: str) -> str:
    return git(remote, 'for-each-ref', '--format=%(objectname)', ref).strip()


def test_clean_push_is_accepted(git_repo, server, env):
    write(git_repo, 'a.py', 'import os\nK = os.environ["TOGETHER_API_KEY"]\n')
    head = commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    assert remote_has(server, 'refs/heads/main') == head


def test_key_is_refused_with_redacted_findings_and_rotation(git_repo, served, env, keys):
    server = served
    key = keys()
    first = git(git_repo, 'rev-parse', 'HEAD').strip()
    assert remote_has(server, 'refs/heads/main') == first
    write(git_repo, 'cfg/app.py', f'import os\nKEY = "{key}"\n')
    adding = commit(git_repo, 'add config')
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert 'pre-receive hook declined' in out
    assert f'remote: cfg/app.py:2: together-api-key: {redact(key)}' in out
    assert hash_secret(key) in out and adding[:12] in out
    assert ROTATE in out
    assert remote_has(server, 'refs/heads/main') == first
    # Nothing of the refused push is left where a ref can reach it.
    rc2, _ = run(server, env, 'git', 'cat-file', '-e', adding)
    assert rc2 != 0  # the quarantine was dropped


def test_key_added_and_removed_inside_the_push_is_refused(git_repo, server, env, keys):
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    commit(git_repo)
    write(git_repo, 'a.py', 'K = None\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert hash_secret(key) in out
    assert remote_has(server, 'refs/heads/main') == ''


def test_new_branch_is_scanned_for_what_no_ref_has(git_repo, server, env, keys):
    old, new = keys(), keys()
    write(git_repo, 'a.py', f'OLD = "{old}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, '--no-verify', 'main')  # pre-receive runs anyway
    assert rc != 0
    # The server took the old key before the gate was installed.
    os.remove(os.path.join(server, 'hooks', 'pre-receive'))
    assert push(git_repo, env, 'main')[0] == 0
    install_gate(server)
    # A branch of commits the server has: nothing new, it passes.
    git(git_repo, 'branch', 'same')
    rc, out = push(git_repo, env, 'same')
    assert rc == 0, out
    # A branch adding a key on top: refused for the new key only.
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    write(git_repo, 'b.py', f'NEW = "{new}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'topic')
    assert rc != 0, out
    assert hash_secret(new) in out and hash_secret(old) not in out


def test_deleting_a_branch_passes(git_repo, server, env, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'branch', 'gone')
    assert push(git_repo, env, 'main', 'gone')[0] == 0
    rc, out = push(git_repo, env, '--delete', 'gone')
    assert rc == 0, out
    assert remote_has(server, 'refs/heads/gone') == ''


def test_key_in_a_commit_message_is_refused(git_repo, server, env, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', f'use key {key} for now')
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert '<commit message>' in out and hash_secret(key) in out
    # What passes a key in no file: the config's allow on the default
    # branch (the advice named the baseline, which records files only).
    assert f'allow = ["{hash_secret(key)}"]' in out and 'baseline create' not in out, out


def test_key_in_an_annotated_tag_message_is_refused(git_repo, served, env, keys):
    server = served
    key = keys()
    git(git_repo, 'tag', '-a', 'v1', '-m', f'release\n\nTOGETHER_API_KEY={key}\n')
    rc, out = push(git_repo, env, 'v1')
    assert rc != 0, out
    assert '<tag message>' in out and hash_secret(key) in out
    assert remote_has(server, 'refs/tags/v1') == ''


def test_key_as_a_ref_name_is_refused(git_repo, server, env, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = push(git_repo, env, f'main:refs/heads/{key}')
    # git itself names the refused ref; the leak check is for what the gate says.
    CAPTURED[-1] = '\n'.join(ln for ln in out.splitlines() if ln.startswith('remote:'))
    assert rc != 0, out
    assert '<ref name>' in CAPTURED[-1] and hash_secret(key) in CAPTURED[-1]


def test_key_as_a_symlink_target_is_refused(git_repo, server, env, keys):
    key = keys()
    os.symlink(key, git_repo / 'link')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert 'link:1: together-api-key' in out and hash_secret(key) in out


def test_inline_pragma_is_honoured_and_a_first_pushs_own_baseline_is_not(
        git_repo, server, env, keys):
    """A pragma counts, as on the developer's machine; the baseline the
    first push into an empty repository brings does not (it would judge
    itself: test_the_first_push_into_an_empty_repository_brings_no_settings)."""
    allowed, known = keys(), keys()
    write(git_repo, 'a.py', f'K = "{allowed}"  # pragma: allowlist secret\n')
    write(git_repo, 'b.py', f'K = "{known}"\n')
    rc, out = run(git_repo, env, os.path.join(BIN, 'together-hooks'), 'baseline', 'create')
    assert rc == 0, out
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert hash_secret(known) in out and hash_secret(allowed) not in out, out


def test_refusal_says_how_a_baseline_counts_on_the_server(git_repo, served, env, keys):
    """The server reads the baseline from the default branch before the
    push, so "commit .secrets.baseline" with the key is no way through:
    the refusal says to get the entry onto the default branch first, and
    doing that lets the same commit in."""
    key = keys()
    write(git_repo, 'b.py', f'K = "{key}"\n')
    commit(git_repo, 'fixture')
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert 'git add .secrets.baseline`) and commit it' not in out
    assert 'remote: Not a real key?' in out and '.secrets.baseline on the default branch' in out
    assert '`together-hooks baseline create|update FILE:LINE`' in out and 'remote: b.py:1: ' in out, out
    # As it says: the baseline alone first, then the commit with the key.
    git(git_repo, 'reset', '-q', '--soft', 'HEAD~1')
    git(git_repo, 'reset', '-q')
    rc, out = run(git_repo, env, os.path.join(BIN, 'together-hooks'), 'baseline', 'create', 'b.py:1')
    assert rc == 0, out
    git(git_repo, 'add', '.secrets.baseline')
    git(git_repo, 'commit', '-q', '-m', 'baseline')
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    git(git_repo, 'add', 'b.py')
    git(git_repo, 'commit', '-q', '-m', 'fixture')
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out


def test_timeout_fails_closed_and_says_so(git_repo, tmp_path, env, keys):
    remote = bare(tmp_path / 'slow.git')
    install_gate(remote, '--timeout', '0.000001')
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert 'timeout' in out.lower() and 'refused' in out.lower()
    assert remote_has(remote, 'refs/heads/main') == ''


def test_on_timeout_accept_lets_it_through_with_a_warning(git_repo, tmp_path, env):
    remote = bare(tmp_path / 'lenient.git')
    install_gate(remote, '--timeout', '0.000001', '--on-timeout', 'accept')
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'a.py', 'x = 1\n')
    head = commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc == 0 and 'UNSCANNED' in out, out
    assert remote_has(remote, 'refs/heads/main') == head


def test_several_refs_in_one_push_and_a_force_push(git_repo, served, env, keys):
    server = served
    key = keys()
    git(git_repo, 'branch', 'clean')
    git(git_repo, 'checkout', '-q', '-b', 'dirty')
    write(git_repo, 'b.py', f'K = "{key}"\n')
    commit(git_repo)
    # One bad ref refuses the whole push (git applies all or nothing).
    rc, out = push(git_repo, env, 'clean', 'dirty')
    assert rc != 0 and hash_secret(key) in out, out
    assert remote_has(server, 'refs/heads/clean') == ''
    # Rewritten without the key and force-pushed: accepted.
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'c.py', 'y = 2\n')
    commit(git_repo)
    assert push(git_repo, env, 'main')[0] == 0
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    write(git_repo, 'c.py', 'y = 3\n')
    commit(git_repo)
    rc, out = push(git_repo, env, '--force', 'main')
    assert rc == 0, out


def test_a_push_of_many_refs_walks_the_history_once(git_repo, tmp_path, env, keys):
    """``git push --mirror`` / ``--tags`` of a project into a new
    repository: every pushed ref reaches most of the same commits.  They
    are one range, walked by one ``git log --raw`` (each ref's own walk
    made a project's 70 tags cost 30x the scan of its history, and the
    default --timeout refused the push); a key only one tag reaches is
    refused all the same, reported once."""
    import json

    key = keys()
    remote = bare(tmp_path / 'mirror.git')
    trace = tmp_path / 'trace.json'
    install_gate(remote, '--timeout', '120')
    hook = os.path.join(remote, 'hooks', 'pre-receive')
    with open(hook) as f:
        script = f.read()
    with open(hook, 'w') as f:  # git's own trace of the gate's gits
        f.write(script.replace('exec ', f'GIT_TRACE2_EVENT={trace} exec ', 1))
    git(git_repo, 'remote', 'add', 'origin', remote)
    for n in range(8):
        write(git_repo, f'm{n}.py', f'x = {n}\n')
        commit(git_repo, f'release {n}')
        git(git_repo, 'tag', f'v{n}')
        git(git_repo, 'tag', '-a', '-m', f'release {n}', f'a{n}')
    git(git_repo, 'checkout', '-q', '-b', 'side', 'v2')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo, 'side')
    git(git_repo, 'tag', 'leak')
    git(git_repo, 'checkout', '-q', 'main')
    git(git_repo, 'branch', '-D', 'side')

    def walks() -> int:
        with open(trace, encoding='utf-8') as f:
            events = [json.loads(line) for line in f if line.strip()]
        trace.unlink()
        return sum(
            1 for e in events if e.get('event') == 'start'
            and 'log' in e['argv'] and '--raw' in e['argv']
        )

    rc, out = push(git_repo, env, '--mirror')
    assert rc != 0 and out.count(f"(hashed_secret {hash_secret(key)})") == 1, out
    assert remote_has(remote, 'refs/heads/main') == ''
    assert walks() == 1
    git(git_repo, 'tag', '-d', 'leak')
    rc, out = push(git_repo, env, '--mirror')
    assert rc == 0, out
    assert walks() == 1
    assert remote_has(remote, 'refs/tags/v7') == git(git_repo, 'rev-parse', 'v7').strip()


def test_bad_input_is_one_line_exit_2(tmp_path, env):
    remote = bare(tmp_path / 'r.git')
    rc, out = run(remote, env, os.path.join(BIN, 'together-hooks'), 'pre-receive',
                  stdin=b'not a ref update\n')
    assert rc == 2 and len(out.splitlines()) == 1 and 'Traceback' not in out, out


def test_outside_a_repository_says_where_it_runs(tmp_path, env):
    """Run by hand in a plain folder (testing the gate before installing
    it): one line saying it runs in the receiving repository, not git's
    'cat-file failed'."""
    update = b'0' * 40 + b' ' + b'1' * 40 + b' refs/heads/main\n'
    rc, out = run(tmp_path, env, os.path.join(BIN, 'together-hooks'), 'pre-receive', stdin=update)
    assert rc == 2 and len(out.splitlines()) == 1, out
    assert 'pre-receive runs in the repository receiving the push' in out, out


def test_endless_input_is_refused_after_a_line_not_read_whole(tmp_path, env):
    """stdin that never ends a line (/dev/zero): refused in one line once
    a line is longer than any git sends, never read into memory whole."""
    import resource
    import subprocess

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    remote = bare(tmp_path / 'r.git')
    with open('/dev/zero', 'rb') as zero:
        proc = subprocess.run(
            (os.path.join(BIN, 'together-hooks'), 'pre-receive'), cwd=remote, env=env,
            stdin=zero, capture_output=True, timeout=60, preexec_fn=bounded,
        )
    err = proc.stderr.decode()
    CAPTURED.append(err)
    assert proc.returncode == 2 and len(err.splitlines()) == 1, err
    assert 'stdin line 1: longer than' in err, err


def test_a_server_whose_head_names_no_branch_trusts_no_pushed_settings(
        git_repo, tmp_path, env, keys):
    """A bare repository made by plain ``git init --bare`` names
    ``refs/heads/master`` as HEAD while everyone pushes ``main``: HEAD never
    resolves, and every push used to bring the config and baseline it was
    judged by (an ``exclude`` let its own key through)."""
    key = keys()
    remote = str(tmp_path / 'master-head.git')
    git(str(tmp_path), 'init', '-q', '--bare', remote)
    git(remote, 'symbolic-ref', 'HEAD', 'refs/heads/master')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'a.py', 'x = 1\n')
    first = commit(git_repo)
    assert push(git_repo, env, 'main')[0] == 0
    write(git_repo, '.together-hooks.toml', 'exclude = ["secret/"]\n')
    write(git_repo, 'secret/app.py', f'K = "{key}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0 and hash_secret(key) in out, out
    assert 'HEAD' in out  # says why no settings were used
    assert remote_has(remote, 'refs/heads/main') == first


def test_the_first_push_trusts_only_the_default_branch_it_brings(
        git_repo, server, env, keys):
    """Into an empty repository, the settings of the branch HEAD names
    count, for every ref of that push: another branch cannot bring its own."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'evil')
    write(git_repo, '.together-hooks.toml', 'exclude = ["secret/"]\n')
    write(git_repo, 'secret/app.py', f'K = "{key}"\n')
    commit(git_repo)
    for refs in (['main', 'evil'], ['evil']):
        rc, out = push(git_repo, env, *refs)
        assert rc != 0 and hash_secret(key) in out, (refs, out)
        assert remote_has(server, 'refs/heads/evil') == ''


@pytest.mark.parametrize('brings', ('config', 'baseline'))
def test_the_first_push_into_an_empty_repository_brings_no_settings(
        git_repo, server, env, keys, brings):
    """The first push into an empty repository was judged by the config
    and baseline it brought itself: a ``.together-hooks.toml`` excluding
    the key's folder, or a baseline recording the key, let the key in.
    Nothing stands before that push to hold them against, so the rules
    alone judge it, and one line says so; the settings count from the
    next push, once they are on the default branch."""
    from tests.cli_run import run as cli

    key = keys()
    write(git_repo, 'secret/app.py', f'K = "{key}"\n')
    if brings == 'config':
        write(git_repo, '.together-hooks.toml', 'exclude = ["secret/"]\n')
    else:
        made = cli('together-hooks', 'baseline', 'create', cwd=git_repo)
        assert made.rc == 0, made.err
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0 and hash_secret(key) in out, out
    assert remote_has(server, 'refs/heads/main') == ''
    assert out.count('first push into an empty repository') == 1, out
    # A first push of the settings alone, then the key: judged by them.
    git(git_repo, 'checkout', '-q', '--orphan', 'settings')
    git(git_repo, 'rm', '-q', '-r', '--cached', 'secret')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'settings first')
    rc, out = push(git_repo, env, 'settings:main')
    assert rc == 0, out
    git(git_repo, 'add', 'secret')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'the key, known')
    rc, out = push(git_repo, env, 'settings:main')
    assert rc == 0, out


@pytest.mark.parametrize('deleting', (False, True))
def test_a_key_in_a_push_option_is_refused(git_repo, server, env, keys, deleting):
    """With ``receive.advertisePushOptions`` the server takes ``git push
    -o <text>`` (GIT_PUSH_OPTION_<n> in its hooks; GitLab stores some as
    pipeline variables): a key there is refused, also on a push that only
    deletes a branch."""
    key = keys()
    git(server, 'config', 'receive.advertisePushOptions', 'true')
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    rc, out = push(git_repo, env, '--no-verify', 'main', 'main:refs/heads/old')
    assert rc == 0, out
    write(git_repo, 'a.py', 'x = 2\n')
    commit(git_repo)
    option = f'ci.variable=TOGETHER_API_KEY={key}'
    refspec = ':refs/heads/old' if deleting else 'main'
    rc, out = push(git_repo, env, '--no-verify', '-o', 'ci.skip', '-o', option, refspec)
    assert rc != 0, out
    assert hash_secret(key) in out and '<push option>' in out, out
    assert remote_has(server, 'refs/heads/old')
    rc, out = push(git_repo, env, '--no-verify', '-o', 'ci.skip', refspec)
    assert rc == 0, out


def _receive(remote: str, repo, env, update: tuple[str, str, str], objects: list[str]):
    """What a hand-made client sends ``git receive-pack``: one ref update
    and a pack of ``objects`` (any objects, not only what the ref reaches;
    a stock ``git push`` sends no others, a hostile client may)."""
    import subprocess

    pack = subprocess.run(
        ('git', 'pack-objects', '--stdout'), cwd=repo, check=True, capture_output=True,
        input=''.join(o + '\n' for o in objects).encode(),
    ).stdout

    def pkt(text: str) -> bytes:
        return b'%04x' % (len(text) + 4) + text.encode()

    stream = pkt('{} {} {}\0 report-status\n'.format(*update)) + b'0000' + pack
    return run(remote, env, 'git', 'receive-pack', remote, stdin=stream)


def test_objects_a_push_brings_beside_its_refs_are_scanned(git_repo, server, env, keys):
    """A pack may carry objects no pushed ref reaches; git stores them all
    once the hook accepts (fetchable by id where a server allows it).
    Each one the server did not already have is scanned: a blob, a commit
    message, a tree's names."""
    import subprocess

    key, other = keys(), keys()
    write(git_repo, 'a.py', 'x = 1\n')
    old = commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    write(git_repo, 'a.py', 'x = 2\n')
    new = commit(git_repo)
    listed = git(git_repo, 'rev-list', '--objects', new, '--not', old).split()
    objects = [o for o in listed if len(o) == 40]
    blob = subprocess.run(
        ('git', 'hash-object', '-w', '--stdin'), cwd=git_repo, check=True, capture_output=True,
        input=f'TOGETHER_API_KEY={key}\n'.encode(),
    ).stdout.decode().strip()
    loose = subprocess.run(
        ('git', 'commit-tree', '-m', f'token {other}', f'{new}^{{tree}}'), cwd=git_repo,
        check=True, capture_output=True,
    ).stdout.decode().strip()
    rc, out = _receive(server, git_repo, env, (old, new, 'refs/heads/main'), [*objects, blob, loose])
    assert hash_secret(key) in out and hash_secret(other) in out, out
    assert remote_has(server, 'refs/heads/main') == old
    assert subprocess.run(('git', 'cat-file', '-e', blob), cwd=server).returncode != 0
    # The same push without the extra objects is accepted.
    rc, out = _receive(server, git_repo, env, (old, new, 'refs/heads/main'), objects)
    assert 'ok refs/heads/main' in out, out
    assert remote_has(server, 'refs/heads/main') == new


def test_refusal_names_no_comment_but_the_commit_to_change(git_repo, server, env, keys):
    """Each pushed commit is checked as it is: a comment a later commit adds
    changes nothing, so the refusal names no comment (``<allow-inline>``
    left empty) but the commit that added the key, to rewrite."""
    write(git_repo, 'web/app.ts', f'const K = "{keys()}";\n')
    commit(git_repo, 'ts')
    added = git(git_repo, 'rev-parse', 'HEAD').strip()
    # Pushed from a CI job (a local push: the hook inherits ``CI``): the
    # push is refused, nothing stored, so never "Pushed already".
    rc, out = push(git_repo, dict(env, CI='true'), 'main')
    assert rc != 0, out
    assert 'Pushed already' not in out and 'force-with-lease' not in out, out
    assert 'remote: Not a real key? Record it in' in out
    assert 'pragma' not in out.split('Not a real key?')[1]
    # The first commit pushed to an empty server: no parent to name (`X^`
    # fails there with "invalid upstream").
    assert '`git rebase -i --root`' in ' '.join(out.replace('remote: ', '').split())
    assert '<allow-inline>' not in out
    write(git_repo, 'web/app.ts', 'const K = process.env.TOGETHER_API_KEY;\n')
    git(git_repo, 'commit', '-q', '--amend', '-a', '--no-edit')
    assert push(git_repo, env, 'main')[0] == 0
    write(git_repo, 'web/b.ts', f'const K = "{keys()}";\n')
    commit(git_repo, 'ts')
    added = git(git_repo, 'rev-parse', 'HEAD').strip()
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    assert f'`git rebase -i {added[:12]}^`' in ' '.join(out.replace('remote: ', '').split())


def test_a_baseline_that_cannot_be_copied_leaves_no_temp_file(git_repo, server, env, tmp_path, keys):
    """The default branch's baseline is copied to a temp file for the scan:
    a copy that cannot be written (a full TMPDIR; here ``ulimit -f``) is
    one line naming the baseline, the push refused, and no half-written
    temp file left in TMPDIR (one was left on every such push)."""
    write(git_repo, 'a.py', 'x = 1\n')
    rc, out = run(git_repo, env, os.path.join(BIN, 'together-hooks'), 'baseline', 'create')
    assert rc == 0, out
    commit(git_repo)
    assert push(git_repo, env, 'main')[0] == 0
    tmp = tmp_path / 'server-tmp'
    tmp.mkdir()
    hook = os.path.join(server, 'hooks', 'pre-receive')
    with open(hook, 'w') as f:  # 512 bytes: less than a baseline, enough for nothing else
        f.write(f'#!/bin/sh\nulimit -f 1\nTMPDIR={tmp} exec together-hooks pre-receive\n')
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    said = [line for line in out.splitlines() if 'together-hooks' in line and 'error' in line]
    assert len(said) == 1 and '.secrets.baseline' in said[0] and 'File too large' in said[0], out
    assert 'Traceback' not in out
    assert os.listdir(tmp) == []


@pytest.mark.parametrize('hook', ['update', 'post-receive'])
def test_the_gate_installed_as_another_hook_refuses_instead_of_passing(
        git_repo, tmp_path, env, keys, hook):
    """The example script copied to ``hooks/update`` (GitLab and Gitea take
    custom ``update`` hooks too): git gives an update hook its ref as
    arguments and nothing on stdin, so the gate read no ref update and
    exited 0 on every push, a key included.  No ref update on stdin is
    one line and exit 2 now: the push is refused with the reason, until
    the script is installed as ``pre-receive``.  As ``post-receive`` it
    runs after the refs moved, so ``--not --all`` left every pushed commit
    out and it passed having checked nothing; it cannot refuse there, but
    says it is installed where it checks nothing."""
    key = keys()
    remote = bare(tmp_path / 'server.git')
    path = os.path.join(remote, 'hooks', hook)
    shutil.copyfile(EXAMPLE, path)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    git(git_repo, 'remote', 'add', 'origin', remote)
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    why = 'no ref update on stdin' if hook == 'update' else 'this runs after the push'
    assert why in out and 'install it as hooks/pre-receive' in out, out
    assert 'Traceback' not in out and key not in out
    if hook == 'update':
        assert rc != 0 and remote_has(remote, 'refs/heads/main') == '', out


def test_no_ref_update_on_stdin_is_one_line_exit_2(tmp_path, env):
    remote = bare(tmp_path / 'r.git')
    rc, out = run(remote, env, os.path.join(BIN, 'together-hooks'), 'pre-receive', stdin=b'')
    assert rc == 2 and len(out.splitlines()) == 1 and 'no ref update on stdin' in out, out


def test_a_conflicted_baseline_on_the_default_branch_is_named_as_it_is_there(
        git_repo, server, env, keys):
    """The gate reads the default branch's baseline from a temp copy: a
    baseline merged with conflict markers onto the default branch refused
    the push naming that copy (``/tmp/together-hooks-baseline-….json``)
    and told the pusher to ``git checkout --ours --`` it.  The line names
    the baseline in the repository, the advice too."""
    write(git_repo, '.secrets.baseline', '{\n<<<<<<< HEAD\n  "a": 1,\n=======\n  "b": 2,\n'
                                         '>>>>>>> feature\n}\n')
    commit(git_repo)
    assert push(git_repo, env, 'main')[0] == 0  # the first push: nothing judges it yet
    write(git_repo, 'b.py', f'K = "{keys()}"\n')
    commit(git_repo)
    rc, out = push(git_repo, env, 'main')
    assert rc != 0, out
    said = [line for line in out.splitlines() if 'together-hooks' in line and 'error' in line]
    assert len(said) == 1, out
    assert '.secrets.baseline of the default branch: the baseline holds git merge-conflict ' \
        'markers (line 2)' in said[0], out
    assert 'git checkout --ours -- .secrets.baseline`' in said[0], out
    assert 'together-hooks-baseline-' not in out and 'Traceback' not in out


def _depth(text: str) -> int:
    """How deep ``text``'s round brackets nest, outside `code`."""
    depth = deepest = 0
    for i, part in enumerate(text.split('`')):
        for c in part if i % 2 == 0 else '':
            depth += {'(': 1, ')': -1}.get(c, 0)
            deepest = max(deepest, depth)
    return deepest


def _what_to_do(out: str) -> str:
    return next(line for line in out.splitlines() if 'What to do:' in line)


def test_a_refused_push_is_fixed_by_taking_the_key_out_and_pushing_again(
        git_repo, server, env, keys):
    """The advice on a refused push said "remove it from git history (git
    filter-repo ...) and force-push", for commits the remote refused and
    so never stored; the last line said "take it out ... and push again".
    A push's advice (the server's pre-receive, and the pre-push hook as
    pre-commit runs it) now says the one thing; followed as printed (the
    amend it names, a plain push), the push is accepted."""
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    assert push(git_repo, env, 'main')[0] == 0
    key = keys()
    write(git_repo, 'app.py', f'KEY = "{key}"\n')
    commit(git_repo)
    # The pre-push hook, with the variables pre-commit gives it.
    hook_env = dict(env, PRE_COMMIT='1', PRE_COMMIT_REMOTE_NAME='origin',
                    PRE_COMMIT_REMOTE_URL=server, PRE_COMMIT_LOCAL_BRANCH='refs/heads/main',
                    PRE_COMMIT_FROM_REF=remote_has(server, 'refs/heads/main'),
                    PRE_COMMIT_TO_REF=git(git_repo, 'rev-parse', 'HEAD').strip())
    rc, out = run(git_repo, hook_env, os.path.join(BIN, 'detect-together-keys'), 'app.py')
    rc2, out2 = push(git_repo, env, 'main')
    for code, said in ((rc, out), (rc2, out2)):
        assert code != 0 and hash_secret(key) in said, said
        advice = _what_to_do(said)
        assert 'push again' in advice and 'filter-repo' not in advice, advice
        assert 'and force-push' not in advice, advice
        # Not "the commits of this push": a pre-push also refuses a key on
        # a local branch the push does not send (outside33).
        assert 'commits the remote does not have yet' in advice, advice
        assert 'rotate it now' in advice, advice
        # One bracket at a time: it read "... revoke the old one)
        # (`together-hooks rotate-help ...` walks through it); then ...".
        assert ') (' not in advice and _depth(advice) == 1, advice
        assert key not in said
    assert '`git commit --amend` (it is HEAD)' in out, out  # the server cannot know HEAD
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--amend', '--no-edit', '--no-verify')
    rc, out = push(git_repo, env, 'main')
    assert rc == 0, out
    assert remote_has(server, 'refs/heads/main') == git(git_repo, 'rev-parse', 'HEAD').strip()
