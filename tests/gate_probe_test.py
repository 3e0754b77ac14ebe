"""A hostile tester's second round against the gate (after issue 14).

Each test is an attack that let a key through, or ran a repository's
program, before its fix: real repositories, real ``git push`` to a real
bare repository with the documented pre-receive hook.
"""
from __future__ import annotations

import os
import stat

from tests.cli_run import run as run_script
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import BIN
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from together_hooks.findings import hash_secret


def _server(repo, tmp_path) -> str:
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(repo, 'remote', 'add', 'origin', remote)
    return remote


def _push(repo, *args: str) -> tuple[int, str]:
    return run(repo, clean_env(), 'git', 'push', 'origin', *args)


def _blob(repo, text: str) -> str:
    path = os.path.join(repo, '.git', 'probe-blob')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return git(repo, 'hash-object', '-w', path).strip()


# ------------------------------------------- objects no commit reaches

def test_tags_pointing_at_a_blob_or_a_tree_are_scanned(git_repo, tmp_path, keys):
    """``git tag t <blob>`` stores a blob no commit holds: it is on the
    server all the same.  Lightweight and annotated, blob and tree."""
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    made = {}
    for name in ('light-blob', 'light-tree', 'annotated-blob', 'tag-of-tag-tree'):
        key = made[name] = keys()
        blob = _blob(git_repo, f'K = "{key}"\n')
        target = blob
        if 'tree' in name:
            target = _tree(git_repo, blob)
        if name.startswith('light'):
            git(git_repo, 'tag', name, target)
        elif name == 'annotated-blob':
            git(git_repo, 'tag', '-a', '-m', 'm', name, target)
        else:
            git(git_repo, 'tag', '-a', '-m', 'inner', 'inner', target)
            git(git_repo, 'tag', '-a', '-m', 'outer', name, 'inner')
            git(git_repo, 'tag', '-d', 'inner')
        rc, out = _push(git_repo, name)
        assert rc != 0, (name, out)
        assert hash_secret(key) in out, name
        assert remote_has(remote, f'refs/tags/{name}') == '', name
    # --history in the clone sees them too (they are reachable from refs).
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    found = {f[3] for f in res.found()}
    assert {hash_secret(k) for k in made.values()} <= found


def _tree(repo, blob: str) -> str:
    import subprocess

    return subprocess.run(
        ('git', 'mktree'), cwd=repo, check=True, capture_output=True, text=True,
        input=f'100644 blob {blob}\tdeep.py\n',
    ).stdout.strip()


# ------------------------------------------- a hostile .git/config

def test_a_repository_config_runs_no_program_when_scanned(git_repo, tmp_path, keys):
    """Scanning a repository someone else prepared (a downloaded tarball
    with its ``.git``) must not run the programs its config names."""
    key = keys()
    write(git_repo, 'tracked.py', 'x = 1\n')
    write(git_repo, '.gitattributes', '* filter=ev diff=ev\n')
    commit(git_repo)
    write(git_repo, 'tracked.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'tracked.py')
    write(git_repo, 'tracked.py', f'K = "{key}"\n# edited\n')
    marker = tmp_path / 'RAN'
    evil = tmp_path / 'evil.sh'
    evil.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\ncat\n')
    evil.chmod(evil.stat().st_mode | stat.S_IXUSR)
    for name in (
        'core.fsmonitor', 'diff.external', 'core.pager', 'filter.ev.clean',
        'filter.ev.smudge', 'filter.ev.process', 'diff.ev.textconv',
        'diff.ev.command', 'core.sshCommand', 'core.askPass', 'core.editor',
        'gpg.program', 'core.alternateRefsCommand',
    ):
        git(git_repo, 'config', name, str(evil))
    runs = [
        ('together-hooks', 'scan'), ('together-hooks', 'scan', '--staged'),
        ('together-hooks', 'scan', '--history'),
        ('together-hooks', 'scan', '--diff', 'HEAD'),
        ('detect-together-keys', 'tracked.py'), ('forbid-env-files', 'tracked.py'),
        ('check-env-gitignored',), ('together-hooks', 'doctor'),
    ]
    for script, *args in runs:
        res = run_script(script, *args, cwd=git_repo)
        assert 'Traceback' not in res.err, (script, args, res.err)
        assert not marker.exists(), (script, args, marker.read_text())
    assert scan('--staged', cwd=git_repo).rc == 1


# ------------------------------------------- allowlisting one's own key

def _baseline(repo) -> None:
    what = 'update' if os.path.exists(os.path.join(repo, '.secrets.baseline')) else 'create'
    rc, out = run(repo, clean_env(), os.path.join(BIN, 'together-hooks'), 'baseline', what)
    assert rc == 0, out


def test_a_push_cannot_allowlist_its_own_key_with_a_baseline_entry(git_repo, tmp_path, keys):
    """The baseline that counts on the server is the one its default
    branch held before the push: an entry the push itself brings does not
    let that push's key in (on this branch, a new one, or main itself)."""
    known, sneaked = keys(), keys()
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'old.py', f'K = "{known}"\n')
    _baseline(git_repo)
    # The first push into an empty repository is judged by the rules
    # alone: the baseline goes first, then the key it knows.
    git(git_repo, 'add', '.secrets.baseline')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'baseline')
    rc, out = _push(git_repo, 'main')
    assert rc == 0, out
    commit(git_repo)
    rc, out = _push(git_repo, 'main')
    assert rc == 0, out
    for branch in ('main', 'topic'):
        git(git_repo, 'checkout', '-q', '-B', branch, 'origin/main' if branch == 'main' else 'main')
        write(git_repo, 'new.py', f'K = "{sneaked}"\n')
        _baseline(git_repo)
        commit(git_repo, 'allowlist my own key')
        rc, out = _push(git_repo, branch)
        assert rc != 0, (branch, out)
        assert hash_secret(sneaked) in out and hash_secret(known) not in out
        assert 'baseline' in out
        git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    # A key main's baseline already lists, moved to a new file: still known.
    git(git_repo, 'checkout', '-q', '-B', 'moved', 'origin/main')
    write(git_repo, 'old.py', f'K = "{known}"\nx = 2\n')
    commit(git_repo)
    rc, out = _push(git_repo, 'moved')
    assert rc == 0, out
    assert remote_has(remote, 'refs/heads/moved') != ''


# ------------------------------------------- commit and tag headers

def test_keys_in_author_committer_tagger_and_extra_headers_are_refused(git_repo, tmp_path, keys):
    """An author name or email, a committer, a tagger, or any extra header
    of a commit object reaches the remote as surely as its message."""
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    env = clean_env()
    made = {}
    for field in ('GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME'):
        key = made[field] = keys()
        value = key if field.endswith('NAME') else f'dev+{key}@example.com'
        write(git_repo, 'a.py', f'x = "{field}"\n')
        git(git_repo, 'add', '-A')
        rc, out = run(git_repo, dict(env, **{field: value}), 'git', 'commit', '-q', '-m', 'm')
        assert rc == 0, out
        rc, out = _push(git_repo, 'main')
        assert rc != 0, (field, out)
        assert hash_secret(key) in out and '<commit header>' in out, field
        git(git_repo, 'branch', f'keep-{field}')
        git(git_repo, 'reset', '-q', '--hard', 'origin/main')
    # An extra header git itself never writes, in a hand-made commit.
    key = made['extra'] = keys()
    tree = git(git_repo, 'write-tree').strip()
    raw = (
        f'tree {tree}\nparent {git(git_repo, "rev-parse", "HEAD").strip()}\n'
        'author a <a@b> 1 +0000\ncommitter a <a@b> 1 +0000\n'
        f'x-token {key}\n\nmsg\n'
    )
    path = os.path.join(git_repo, '.git', 'raw-commit')
    with open(path, 'w') as f:
        f.write(raw)
    made_commit = git(git_repo, 'hash-object', '-t', 'commit', '-w', path).strip()
    git(git_repo, 'update-ref', 'refs/heads/main', made_commit)
    rc, out = _push(git_repo, 'main')
    assert rc != 0, out
    assert hash_secret(key) in out
    git(git_repo, 'branch', 'keep-extra')
    # A tagger.
    key = made['tagger'] = keys()
    git(git_repo, 'reset', '-q', '--hard', 'origin/main')
    rc, out = run(git_repo, dict(env, GIT_COMMITTER_NAME=key), 'git', 'tag', '-a', '-m', 'm', 'v1')
    assert rc == 0, out
    rc, out = _push(git_repo, 'v1')
    assert rc != 0, out
    assert hash_secret(key) in out
    assert remote_has(remote, 'refs/tags/v1') == ''
    # --history finds every one of them in the clone.
    res = scan('--history', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.err
    found = {f[3] for f in res.found()}
    assert [k for k, v in made.items() if hash_secret(v) not in found] == []


def test_doctor_runs_no_program_of_the_repository(git_repo, tmp_path):
    """``doctor`` asks whether a ``system`` detect-secrets hook's Python has
    together_hooks; a hook naming a program inside the repository (or a
    script whose shebang does) is answered without running it."""
    marker = tmp_path / 'RAN'
    write(git_repo, 'python3', f'#!/bin/sh\necho ran >> {marker}\n')
    write(git_repo, 'tools/detect-secrets-hook', '#!./python3\nprint(1)\n')
    for name in ('python3', 'tools/detect-secrets-hook'):
        path = git_repo / name
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    write(git_repo, '.pre-commit-config.yaml', (
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-secrets\n        name: a\n        language: system\n'
        '        entry: ./python3 -m detect_secrets.pre_commit_hook --baseline .secrets.baseline\n'
        '    -   id: ds2\n        name: b\n        language: system\n'
        '        entry: tools/detect-secrets-hook --baseline .secrets.baseline\n'
    ))
    write(git_repo, '.secrets.baseline', (
        '{"version": "1.5.0", "plugins_used": [{"name": "X", "path": '
        '"file:///nonexistent/p.py"}], "filters_used": [], "results": {}}\n'
    ))
    commit(git_repo)
    res = run_script('together-hooks', 'doctor', cwd=git_repo)
    assert 'Traceback' not in res.err
    assert 'detect-secrets-plugins' in res.out, res.out
    assert not marker.exists()


# ------------------------------------------- pre-push of several refs

def test_pre_push_of_several_refs_checks_every_one(git_repo, keys, pushing):  # noqa: F811
    """pre-commit tells a pre-push hook only the first ref of a push that
    has commits to send: ``git push origin main topic`` (or ``--all``)
    with the key on ``topic`` passed.  Keys added before the remote's
    branches (already pushed) are still not blamed."""
    old, key = keys(), keys()
    write(git_repo, 'a.py', f'OLD = "{old}"\n')
    commit(git_repo)
    rc, out = run(git_repo, pushing, 'git', 'push', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'b.py', 'y = 2\n')
    commit(git_repo)
    for args in (('origin', 'main', 'topic'), ('--all', 'origin')):
        rc, out = run(git_repo, pushing, 'git', 'push', *args)
        assert rc != 0, (args, out)
        assert hash_secret(key) in out and hash_secret(old) not in out
        assert git(git_repo, 'ls-remote', 'origin', 'topic') == ''
    git(git_repo, 'branch', '-D', 'topic')
    rc, out = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out


# ------------------------------------------- a key as a file or folder name

def test_a_key_as_a_path_name_is_refused(git_repo, tmp_path, keys):
    """A tree stores its entries' names: a file (or folder) named with a
    key is on the remote as surely as the key in a file."""
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    as_file, as_folder = keys(), keys()
    write(git_repo, f'notes/{as_file}.txt', 'hello\n')
    write(git_repo, f'{as_folder}/readme.md', 'hello\n')
    commit(git_repo, 'names')
    rc, out = _push(git_repo, 'main')
    assert rc != 0, out
    assert '<path name>' in out
    assert hash_secret(as_file) in out and hash_secret(as_folder) in out
    assert remote_has(remote, 'refs/heads/main') != git(git_repo, 'rev-parse', 'HEAD').strip()
    for args in (('--diff', 'origin/main...HEAD'), ('--history',)):
        res = scan(*args, '--format', 'json', cwd=git_repo)
        assert res.rc == 1, (args, res.out, res.err)
        found = {f[3] for f in res.found()}
        assert {hash_secret(as_file), hash_secret(as_folder)} <= found, args
