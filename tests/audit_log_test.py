"""``--audit-log``: one well-formed JSON line per run, never a key.

The parallel tests are the point: pre-commit runs hook batches in parallel
processes, and the log must come out with exactly one whole line per run.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import time

import pytest

from tests.cli_run import assert_error_text
from tests.cli_run import leaked
from tests.cli_run import run_in_process as run
from tests.conftest import git
from tests.keys import make_key
from together_hooks import audit_log
from together_hooks.findings import hash_secret
from together_hooks.hooks import check_env_gitignored
from together_hooks.hooks import detect_together_keys
from together_hooks.hooks import forbid_env_files
from together_hooks.sources.content import Content

FIELDS = {'timestamp', 'action', 'user', 'resource', 'result', 'metadata'}
TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\Z')


def lines_of(path) -> list[dict]:
    """Every line parsed; a torn or interleaved line fails here."""
    with open(path, 'rb') as f:
        raw = f.read()
    assert raw.endswith(b'\n')
    records = [json.loads(line) for line in raw.split(b'\n')[:-1]]
    for rec in records:
        assert set(rec) == FIELDS
        assert TIMESTAMP.match(rec['timestamp']), rec['timestamp']
        assert rec['result'] in ('success', 'failure')
        assert (rec['result'] == 'success') == (rec['metadata']['exit_code'] == 0)
        assert set(rec['resource']) == {'repo', 'paths', 'paths_total'}
    return records


class Keys(list):
    def __repr__(self) -> str:
        return f'Keys({len(self)})'


@pytest.fixture
def files(git_repo):
    """A repository with 120 clean files and one holding a key."""
    rng = random.Random(81)
    keys = Keys([make_key(rng)])
    names = []
    for i in range(120):
        # Long names (a line of 100 is past PIPE_BUF) with no 40-character
        # run the scrub decodes as base64: each logged line scrubs in ~5 ms,
        # not ~17.
        name = f'src/module.with.a.long.descriptive.name.{i:03d}.py'
        (git_repo / 'src').mkdir(exist_ok=True)
        (git_repo / name).write_text(f'value = {i}\n')
        names.append(name)
    (git_repo / 'settings.py').write_text(f'TOGETHER_API_KEY = "{keys[0]}"\n')
    return git_repo, names, keys


def _worker(args: tuple[str, list[str], list[str], int]) -> list[int]:
    log, clean, dirty, runs = args
    sys.stdout = open(os.devnull, 'w')  # the report is not under test here
    codes = []
    for i in range(runs):
        names = dirty if i % 2 else clean
        codes.append(detect_together_keys.main([*names, '--audit-log', log]))
    return codes


def test_parallel_runs_one_whole_line_each(files, tmp_path):
    repo, names, keys = files
    log = str(tmp_path / 'audit.jsonl')
    procs, runs = 4, 6
    job = (log, names, ['settings.py', *names], runs)
    with multiprocessing.get_context('fork').Pool(procs) as pool:
        codes = [c for result in pool.map(_worker, [job] * procs) for c in result]
    assert codes.count(0) == codes.count(1) == procs * runs // 2
    records = lines_of(log)
    assert len(records) == procs * runs
    failures = [r for r in records if r['result'] == 'failure']
    assert len(failures) == procs * runs // 2
    for rec in failures:
        assert rec['metadata']['hashed_secrets'] == [hash_secret(keys[0])]
        assert rec['resource']['paths'][0] == 'settings.py'
        assert rec['resource']['paths_total'] == 121
    for rec in records:
        assert rec['action'] == 'detect-together-keys'
        assert rec['user'] == 'dev@example.com'
        assert rec['resource']['repo'] == str(repo)
        assert len(rec['resource']['paths']) == audit_log.MAX_PATHS
    with open(log, 'rb') as f:
        raw = f.read()
    # Lines longer than PIPE_BUF: atomic only because of the lock + one write.
    assert max(len(line) for line in raw.split(b'\n')) > 4096
    assert not leaked(keys, raw.decode())


def _appender(args: tuple[str, int, int]) -> None:
    log, worker, runs = args
    for i in range(runs):
        # 150 characters that are no run of base64/base85/hex: the scrub then
        # reads each line in ~10 ms instead of ~30 (one 150-character run a
        # path), and the write under contention is what the time goes to.
        paths = [f'w{worker}/r{i}/{"p." * 75}{n}' for n in range(audit_log.MAX_PATHS)]
        audit_log.append(log, audit_log.record('stress', i % 2, root='/r', paths=paths))


def test_parallel_appends_never_interleave(tmp_path):
    """The write itself under contention: 4 writers, ~16 KB lines, no gaps."""
    log = str(tmp_path / 'audit.jsonl')
    procs, runs = 4, 15
    with multiprocessing.get_context('fork').Pool(procs) as pool:
        pool.map(_appender, [(log, w, runs) for w in range(procs)])
    records = lines_of(log)
    assert len(records) == procs * runs
    seen = {(r['resource']['paths'][0].split('/')[0], r['resource']['paths'][0].split('/')[1])
            for r in records}
    assert len(seen) == procs * runs


def _locked_append(log: str) -> None:
    audit_log.append(log, audit_log.record('locked', 0, root='/r', paths=['a.py']))


def _waiting_on_lock(pid: int) -> bool:
    """``pid`` is blocked waiting for an flock (a ``->`` line of /proc/locks)."""
    with open('/proc/locks') as f:
        return any(line.split()[1:2] == ['->'] and line.split()[5] == str(pid) for line in f)


@pytest.mark.skipif(not os.path.exists('/proc/locks'), reason='needs /proc/locks (Linux)')
def test_an_append_waits_for_the_lock_another_writer_holds(tmp_path):
    """The lock itself, without luck: while another process holds the
    log's lock a writer appends nothing and waits (the kernel lists it as
    a waiter); released, its line is written whole.  The parallel tests
    above only see a missing lock when two writes fall together."""
    import fcntl

    log = str(tmp_path / 'audit.jsonl')
    with open(log, 'ab') as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        writer = multiprocessing.get_context('fork').Process(target=_locked_append, args=(log,))
        writer.start()
        try:
            # Until the writer is a waiter or gone (an append without the
            # lock ends at once); each look is a read of /proc/locks.  The
            # deadline is a safety net (a /proc that lists no waiter), not
            # a speed check.
            deadline = time.monotonic() + 120
            waiting = False
            while writer.is_alive() and not waiting and time.monotonic() < deadline:
                waiting = _waiting_on_lock(writer.pid)
                if not waiting:
                    writer.join(0.001)
            assert writer.is_alive() and os.path.getsize(log) == 0, 'appended under a held lock'
            assert waiting, 'the writer was never listed as waiting for the lock'
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
            writer.join(60)
    assert writer.exitcode == 0
    [rec] = lines_of(log)
    assert rec['action'] == 'locked'


def test_parallel_batches_through_pre_commit(files, tmp_path):
    repo, names, keys = files
    log = repo / 'audit.jsonl'  # a committed config names only logs in the work tree
    hook = f'{sys.executable} -m together_hooks.hooks.detect_together_keys'
    (repo / '.pre-commit-config.yaml').write_text(
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-together-keys\n        name: keys\n'
        f'        entry: {hook}\n        language: system\n        types: [file]\n'
        f'        args: [--audit-log, {log}]\n',
    )
    git(repo, 'add', '.')
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / 'pc-home'))
    env.pop('PRE_COMMIT_NO_CONCURRENCY', None)
    proc = subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'run', '--all-files'), cwd=repo,
        env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    records = lines_of(log)
    assert len(records) >= 1
    scanned = [p for r in records for p in r['resource']['paths']]
    tracked = sorted(['.pre-commit-config.yaml', 'settings.py', *names])
    # Each batch logged once, whole: every file appears in exactly one line.
    assert sum(r['resource']['paths_total'] for r in records) == len(tracked)
    assert len(scanned) == len(set(scanned))
    assert [r['result'] for r in records].count('failure') == 1
    assert not leaked(keys, log.read_text(), proc.stdout, proc.stderr)


@pytest.mark.parametrize(('argv', 'code', 'want'), [
    (['clean.py'], 0, {'findings': 0, 'rules': {}, 'hashed_secrets': []}),
    (['clean.py', 'settings.py'], 1, {'findings': 1, 'rules': {'together-api-key': 1}}),
    (['missing.py'], 2, {}),
])
def test_one_record_per_run(git_repo, tmp_path, capsys, argv, code, want):
    keys = Keys([make_key(random.Random(3))])
    (git_repo / 'clean.py').write_text('x = 1\n')
    (git_repo / 'settings.py').write_text(f'key = "{keys[0]}"\n')
    log = tmp_path / 'log.jsonl'
    assert detect_together_keys.main([*argv, '--audit-log', str(log)]) == code
    [rec] = lines_of(log)
    assert rec['action'] == 'detect-together-keys'
    assert rec['user'] == 'dev@example.com'
    assert rec['resource'] == {'repo': str(git_repo), 'paths': argv, 'paths_total': len(argv)}
    assert rec['metadata']['exit_code'] == code
    for field, value in want.items():
        assert rec['metadata'][field] == value
    if code == 1:
        assert rec['metadata']['hashed_secrets'] == [hash_secret(keys[0])]
    out = capsys.readouterr()
    if code == 2:
        assert 'missing.py' in rec['metadata']['error']
        assert_error_text(code, out.err, 'missing.py', out=out.out)
    assert not leaked(keys, log.read_text(), out.out, out.err)


def test_env_var_and_option(git_repo, tmp_path, monkeypatch, capsys):
    (git_repo / 'a.txt').write_text('a\n')
    from_env, from_option = tmp_path / 'env.jsonl', tmp_path / 'opt.jsonl'
    monkeypatch.setenv(audit_log.ENV_VAR, str(from_env))
    assert detect_together_keys.main(['a.txt']) == 0
    assert detect_together_keys.main(['a.txt', '--audit-log', str(from_option)]) == 0
    assert len(lines_of(from_env)) == 1
    assert len(lines_of(from_option)) == 1  # the option wins over the variable
    monkeypatch.delenv(audit_log.ENV_VAR)
    assert detect_together_keys.main(['a.txt']) == 0
    assert len(lines_of(from_env)) == 1  # off unless asked for


def test_user_is_null_without_git_identity(git_repo, tmp_path, monkeypatch, capsys):
    git(git_repo, 'config', '--unset', 'user.email')
    monkeypatch.setenv('HOME', str(tmp_path))
    monkeypatch.setenv('GIT_CONFIG_GLOBAL', os.devnull)
    monkeypatch.setenv('GIT_CONFIG_NOSYSTEM', '1')
    (git_repo / 'a.txt').write_text('a\n')
    log = tmp_path / 'log.jsonl'
    assert detect_together_keys.main(['a.txt', '--audit-log', str(log)]) == 0
    assert lines_of(log)[0]['user'] is None


@pytest.mark.parametrize(('with_key', 'code'), [(False, 2), (True, 1)])
@pytest.mark.parametrize('bad', ['missing-folder/log.jsonl', 'a-folder', 'a-fifo'])
def test_log_that_cannot_be_written(git_repo, tmp_path, with_key, code, bad):
    """Findings are still reported; a clean run fails closed (exit 2).
    A named pipe no process reads took the line and dropped it (exit 0)."""
    keys = Keys([make_key(random.Random(5))])
    (git_repo / 'a-folder').mkdir()
    os.mkfifo(git_repo / 'a-fifo')
    (git_repo / 'f.py').write_text(f'k = "{keys[0]}"\n' if with_key else 'k = 1\n')
    result = run('detect-together-keys', 'f.py', '--audit-log', bad, cwd=git_repo)
    assert result.rc == code
    lines = result.err.splitlines()
    assert len(lines) == 1 and 'Traceback' not in result.err
    if code == 2:
        assert_error_text(code, result.err, 'cannot write audit log', out=result.out)
    assert lines[0].startswith(f'detect-together-keys: error: cannot write audit log {bad}: ')
    if with_key:
        assert f'f.py:1: together-api-key: {keys[0][:9]}' in result.out
    assert not leaked(keys, result.out, result.err)


def test_fragment_left_by_a_killed_writer(git_repo, tmp_path, capsys):
    (git_repo / 'a.txt').write_text('a\n')
    log = tmp_path / 'log.jsonl'
    log.write_bytes(b'{"timestamp": "2026-')  # a writer died mid-line
    assert detect_together_keys.main(['a.txt', '--audit-log', str(log)]) == 0
    fragment, line, end = log.read_bytes().split(b'\n')
    assert fragment == b'{"timestamp": "2026-' and end == b''
    assert json.loads(line)['result'] == 'success'


def test_scan_and_env_hooks_log_too(git_repo, tmp_path, capsys):
    keys = Keys([make_key(random.Random(6))])
    log = str(tmp_path / 'log.jsonl')
    (git_repo / '.env').write_text('DEBUG=1\n')
    (git_repo / '.env.example').write_text(f'TOGETHER_API_KEY={keys[0]}\n')
    (git_repo / 'ok.py').write_text('x = 1\n')
    assert forbid_env_files.main(['.env', '.env.example', 'ok.py', '--audit-log', log]) == 1
    assert forbid_env_files.main(['ok.py', '--audit-log', log]) == 0
    assert check_env_gitignored.main(['--audit-log', log]) == 1
    result = run('together-hooks', 'scan', 'ok.py', '--audit-log', log, cwd=git_repo)
    assert result.rc == 0
    records = lines_of(log)
    assert [(r['action'], r['result']) for r in records] == [
        ('forbid-env-files', 'failure'), ('forbid-env-files', 'success'),
        ('check-env-gitignored', 'failure'), ('together-hooks scan', 'success'),
    ]
    assert records[0]['metadata']['problems'] == 2
    assert records[0]['metadata']['hashed_secrets'] == [hash_secret(keys[0])]
    assert records[3]['resource']['paths'] == ['ok.py']
    out = capsys.readouterr()
    assert not leaked(keys, open(log).read(), out.out, out.err)


def test_a_key_in_a_path_is_scrubbed(tmp_path):
    key = make_key(random.Random(7))
    rec = audit_log.record('x', 0, root=str(tmp_path), paths=[f'dir/{key}.txt'])
    log = tmp_path / 'log.jsonl'
    audit_log.append(str(log), rec)
    [back] = lines_of(log)
    assert not leaked(Keys([key]), log.read_text())
    assert back['resource']['paths'][0].startswith('dir/tgp_v1_')


def test_a_streamed_scan_keeps_only_the_paths_one_line_shows(tmp_path):
    """A history of millions of blobs: the first paths a line shows, and a count."""
    log = tmp_path / 'audit.jsonl'
    args = argparse.Namespace(audit_log=str(log), audit_action='scan', paths=[str(tmp_path)])
    session = audit_log.Session.start(args)
    assert session is not None
    total = 5 * audit_log.MAX_PATHS + 7
    stream = (Content(f'dir/file{i}.py', b'x = 1\n') for i in range(total))
    for i, _content in enumerate(session.watch(stream), 1):
        assert len(session.paths) <= audit_log.MAX_PATHS, i
    assert session.finish(0, []) == 0
    rec = json.loads(log.read_text())
    assert rec['resource']['paths_total'] == total
    assert rec['resource']['paths'] == [f'dir/file{i}.py' for i in range(audit_log.MAX_PATHS)]


@pytest.mark.parametrize('bad', ['link-out.jsonl', 'linked-folder/log.jsonl'])
def test_a_log_named_in_the_repository_never_appends_through_a_link_out(git_repo, tmp_path, bad):
    """A committed link (``audit.jsonl -> ~/.bashrc``, ``logs -> ~``) named
    by the hook's args is never appended through, as a baseline or a
    report is never written through one: one line, exit 2, the file
    outside untouched."""
    outside = tmp_path / 'outside'
    outside.mkdir()
    victim = outside / 'log.jsonl'
    victim.write_text('precious\n')
    (git_repo / 'link-out.jsonl').symlink_to(victim)
    (git_repo / 'linked-folder').symlink_to(outside)
    (git_repo / 'f.py').write_text('k = 1\n')
    result = run('detect-together-keys', 'f.py', '--audit-log', bad, cwd=git_repo)
    assert_error_text(result.rc, result.err, 'cannot write audit log', 'out of the repository',
                      out=result.out)
    assert victim.read_text() == 'precious\n'


def test_a_log_named_outside_the_repository_may_be_a_link(git_repo, tmp_path):
    """A path named outside any repository is the user's own choice."""
    real = tmp_path / 'real.jsonl'
    (tmp_path / 'link.jsonl').symlink_to(real)
    (git_repo / 'f.py').write_text('k = 1\n')
    result = run('detect-together-keys', 'f.py', '--audit-log', str(tmp_path / 'link.jsonl'),
                 cwd=git_repo)
    assert result.rc == 0, result.err
    assert json.loads(real.read_text())['result'] == 'success'


def test_a_folder_link_to_another_repository_is_not_the_repository(git_repo, tmp_path):
    """``logs -> ../victim`` where victim holds a .git: the link's own
    .git made victim "the repository" and the log appended to
    victim/.bashrc."""
    victim = tmp_path / 'victim'
    victim.mkdir()
    (victim / '.git').mkdir()
    (victim / '.bashrc').write_text('precious\n')
    (git_repo / 'logs').symlink_to(victim)
    (git_repo / 'f.py').write_text('k = 1\n')
    result = run('detect-together-keys', 'f.py', '--audit-log=logs/.bashrc', cwd=git_repo)
    assert_error_text(result.rc, result.err, 'cannot write audit log', 'out of the repository',
                      out=result.out)
    assert (victim / '.bashrc').read_text() == 'precious\n'


@pytest.mark.parametrize('inside', ['config', 'hooks/pre-commit'])
def test_a_log_linked_into_the_git_folder_is_refused(git_repo, inside):
    """A committed ``audit.jsonl -> .git/config`` appended to git's own
    config (the repository broken) or to a hook."""
    target = git_repo / '.git' / inside
    if not target.exists():
        target.write_text('#!/bin/sh\n')
    before = target.read_bytes()
    (git_repo / 'audit.jsonl').symlink_to(os.path.join('.git', inside))
    (git_repo / 'f.py').write_text('k = 1\n')
    result = run('detect-together-keys', 'f.py', '--audit-log=audit.jsonl', cwd=git_repo)
    assert_error_text(result.rc, result.err, 'cannot write audit log', '.git', out=result.out)
    assert target.read_bytes() == before


def test_a_log_under_another_repository_above_is_not_refused(tmp_path, git_repo, monkeypatch):
    """A dotfiles repository at ~/.git and ~/logs linked elsewhere: a log
    at ~/logs/audit.jsonl, scanning a project repository, failed every
    run (the repository above the log was taken for the one scanned)."""
    home = tmp_path / 'home'
    home.mkdir()
    subprocess.run(('git', 'init', '-q', str(home)), check=True)
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    (home / 'logs').symlink_to(elsewhere)
    (git_repo / 'a.py').write_text('k = 1\n')
    monkeypatch.setenv('TOGETHER_HOOKS_AUDIT_LOG', str(home / 'logs' / 'audit.jsonl'))
    result = run('together-hooks', 'scan', 'a.py', cwd=git_repo)
    assert result.rc == 0, result.err
    assert json.loads((elsewhere / 'audit.jsonl').read_text())['result'] == 'success'


# Enough runs that the unfixed open lost the race in every run of the test
# (it wrote outside 4 to 6 times in 300-400, 1 in 60 before that).
RACE_RUNS = 1000
_SWAPPER = r'''
import os, sys, time
name, target, stop = sys.argv[1:4]
kind = sys.argv[4]
tmp_link, tmp_real = name + '.swap-link', name + '.swap-real'
deadline = time.monotonic() + 60
while not os.path.exists(stop) and time.monotonic() < deadline:
    try:
        os.symlink(target, tmp_link)
        os.replace(tmp_link, name)         # the name is now a link out
        if kind == 'folder':
            os.mkdir(tmp_real)
        else:
            open(tmp_real, 'w').close()
        try:
            os.rename(tmp_real, name)      # and a plain file/folder again
        except OSError:                    # a folder over a link: unlink first
            os.unlink(name)
            os.rename(tmp_real, name)
    except OSError:
        pass
'''


@pytest.mark.parametrize(('kind', 'named'), [('file', 'audit.jsonl'), ('folder', 'logs/audit.jsonl')])
def test_a_link_swapped_in_while_the_log_is_opened_is_never_followed(git_repo, tmp_path, kind, named):
    """The check that a log leads nowhere out of the repository and its
    open were two steps: a link swapped in between (another process of
    the user's, racing) had the line appended outside in about 1 of 60
    runs.  The open itself now follows no link from the repository's top
    (``O_NOFOLLOW`` on each folder and on the file), so however the race
    falls, nothing is written outside: each run appends in the repository
    or is refused with an error."""
    outside = tmp_path / 'outside'
    outside.mkdir()
    victim = outside / 'audit.jsonl'
    victim.write_text('precious\n')
    swapped = git_repo / named.split('/')[0]
    if kind == 'folder':
        swapped.mkdir()
    stop = tmp_path / 'stop'
    swapper = subprocess.Popen((
        sys.executable, '-c', _SWAPPER, str(swapped),
        str(victim if kind == 'file' else outside), str(stop), kind,
    ))
    rec = audit_log.record('race', 0, root=str(git_repo))
    refused = written = 0
    try:
        for _ in range(RACE_RUNS):
            try:
                audit_log.append(str(git_repo / named), rec, start=str(git_repo))
                written += 1
            except OSError:
                refused += 1
    finally:
        stop.touch()
        swapper.wait(timeout=60)
    assert victim.read_text() == 'precious\n', f'written outside ({written} runs wrote, {refused} refused)'
    assert written + refused == RACE_RUNS


def _pre_commit_with_log(repo, tmp_path, log_arg, env_log=None):
    """A committed config whose hook names ``log_arg`` as its log, run by
    the real pre-commit."""
    hook = f'{sys.executable} -m together_hooks.hooks.detect_together_keys'
    (repo / '.pre-commit-config.yaml').write_text(
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-together-keys\n        name: keys\n'
        f'        entry: {hook}\n        language: system\n        types: [file]\n'
        + (f'        args: [--audit-log={log_arg}]\n' if log_arg else ''),
    )
    (repo / 'f.py').write_text('k = 1\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'config', '--no-verify')
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / 'pc-home'))
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    if env_log is not None:
        env['TOGETHER_HOOKS_AUDIT_LOG'] = env_log
    return subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'run', '--files', 'f.py'), cwd=repo,
        env=env, capture_output=True, text=True,
    )


@pytest.mark.parametrize('inside', ['hooks/post-commit', 'config', 'audit.jsonl'])
def test_a_log_named_in_the_git_folder_is_refused(git_repo, tmp_path, inside):
    """A committed ``--audit-log=.git/hooks/post-commit`` named directly
    (no link) made the hook write a file git runs: code execution from a
    committed config.  Nothing inside .git is ever the log: one line,
    exit 2, the file not made or changed."""
    target = git_repo / '.git' / inside
    before = target.read_bytes() if target.exists() else None
    proc = _pre_commit_with_log(git_repo, tmp_path, f'.git/{inside}')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cannot write audit log .git/" in proc.stdout and "inside the repository's .git folder" in proc.stdout
    assert 'Traceback' not in proc.stdout
    assert (target.read_bytes() if target.exists() else None) == before
    # Typed by hand too: the log is never git's own file.
    result = run('detect-together-keys', 'f.py', f'--audit-log=.git/{inside}', cwd=git_repo)
    assert_error_text(result.rc, result.err, 'cannot write audit log', '.git folder', out=result.out)
    assert (target.read_bytes() if target.exists() else None) == before


def test_a_committed_config_names_no_log_outside_the_work_tree(git_repo, tmp_path):
    """The hooks' args come from the committed config, which decides for
    every clone: ``--audit-log=../../.bashrc`` appended a line holding the
    commit's file names to a file outside the repository.  A log named in
    the args of a hook pre-commit runs must be inside the work tree; one
    outside is the user's own choice through TOGETHER_HOOKS_AUDIT_LOG."""
    outside = tmp_path / 'outside.jsonl'
    proc = _pre_commit_with_log(git_repo, tmp_path, '../outside.jsonl')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'cannot write audit log ../outside.jsonl' in proc.stdout
    assert 'TOGETHER_HOOKS_AUDIT_LOG' in proc.stdout and 'Traceback' not in proc.stdout
    assert not outside.exists()
    # The same place through the environment, which the user sets: logged.
    proc = _pre_commit_with_log(git_repo, tmp_path, None, env_log=str(outside))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [r['result'] for r in lines_of(outside)] == ['success']


@pytest.mark.parametrize(('named', 'why'), [('.', 'Is a directory'), ('f.py/x', 'Not a directory')])
def test_a_log_path_that_cannot_be_a_file_says_why_not_a_link(git_repo, named, why):
    """Opened one folder at a time, a path through a plain file or naming
    the repository's top still gets the system's reason, not a race's."""
    (git_repo / 'f.py').write_text('k = 1\n')
    result = run('detect-together-keys', 'f.py', f'--audit-log={named}', cwd=git_repo)
    assert_error_text(result.rc, result.err, 'cannot write audit log', why, out=result.out)
    assert 'symlink' not in result.err
