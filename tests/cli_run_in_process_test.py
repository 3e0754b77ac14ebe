"""``cli_run.run_in_process``: a console script's ``main`` called in the
test's process answers as the real process does, run after run, and
leaves the process as it found it (or the test fails)."""
from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from tests import cli_run
from tests.cli_run import run
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.conftest import write


def _same(a: cli_run.Result, b: cli_run.Result) -> None:
    assert (a.rc, a.out, a.err) == (b.rc, b.out, b.err)


def test_runs_in_two_repositories_and_two_environments_each_get_their_own_answer(
        tmp_path, git_repo_template, keys, monkeypatch):
    """Nothing a run read (its folder, its environment: the developer's
    own keys) is kept for the next: each in-process run equals the real
    process's, in an order where a cached answer would show."""
    import shutil

    dirty, clean = tmp_path / 'dirty', tmp_path / 'clean'
    for repo in (dirty, clean):
        shutil.copytree(git_repo_template, repo, symlinks=True)
    key = keys()
    write(dirty, 'app.py', f'KEY = "{key}"\n')
    write(clean, 'app.py', 'x = 1\n')
    git(dirty, 'add', 'app.py')
    git(clean, 'add', 'app.py')
    cases = [
        (dirty, ('together-hooks', 'scan', '--format', 'json')),
        (clean, ('together-hooks', 'scan', '--format', 'json')),
        (dirty, ('detect-together-keys', 'app.py')),
        (clean, ('detect-together-keys', 'app.py')),
    ]
    answers = {}
    for held in ('', key):  # the key as the developer's own, then not
        monkeypatch.setenv('TOGETHER_API_KEY', held)
        for repo, argv in cases + cases[::-1]:
            got = run_in_process(*argv, cwd=repo)
            _same(got, run(*argv, cwd=repo))
            answers.setdefault((held, str(repo), argv), (got.out, got.err))
    assert [r.rc for r in (run_in_process(*cases[0][1], cwd=dirty),
                           run_in_process(*cases[1][1], cwd=clean))] == [1, 0]
    # The environment changed the answer: the key is named as the
    # developer's own by the hook (a run that kept the first run's keys, or
    # ran in the first run's folder, would differ from the real process).
    differ = [argv for repo, argv in cases if answers['', str(repo), argv] != answers[key, str(repo), argv]]
    assert differ == [cases[2][1]], (differ, answers)
    assert not cli_run.leaked([key], *cli_run.CAPTURED)


def test_the_process_is_as_it_was(git_repo):
    write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', 'app.py')
    os.chdir(git_repo.parent)
    streams = (sys.stdout, sys.stderr)
    before = (dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM), sys.argv[:])
    result = run_in_process('together-hooks', 'scan', cwd=git_repo)
    assert cli_run.quiet_and_clean(result), result.err
    assert (sys.stdout, sys.stderr) == streams
    assert (dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM), sys.argv[:]) == before
    print('after')  # the test's own output goes where it went before


def test_an_environment_given_replaces_this_one_for_the_run_only(git_repo, keys, monkeypatch):
    """``env=``, as ``subprocess.run(env=...)``: the run sees only it (the
    developer's own key this process holds is not the run's), and this
    process's environment is back after."""
    key = keys()
    write(git_repo, 'app.py', f'KEY = "{key}"\n')
    git(git_repo, 'add', 'app.py')
    monkeypatch.setenv('TOGETHER_API_KEY', key)
    env = {k: v for k, v in os.environ.items() if not k.startswith('TOGETHER')}
    before = dict(os.environ)
    seen = {}

    def fake(argv):  # type: ignore[no-untyped-def]
        seen.update(os.environ)
        return 0

    monkeypatch.setitem(cli_run._ENTRY, 'fake-script', fake)
    assert run_in_process('fake-script', cwd=git_repo, env=env).rc == 0
    assert 'TOGETHER_API_KEY' not in seen and seen['HOME'] == os.environ['HOME']
    # The answer is the real process's under that environment, and not
    # the one this environment gives (the key named as the developer's own).
    got = run_in_process('detect-together-keys', 'app.py', cwd=git_repo, env=env)
    assert dict(os.environ) == before
    held = run('detect-together-keys', 'app.py', cwd=git_repo)
    monkeypatch.delenv('TOGETHER_API_KEY')
    _same(got, run('detect-together-keys', 'app.py', cwd=git_repo))
    assert (got.out, got.err) != (held.out, held.err)
    assert not cli_run.leaked([key], *cli_run.CAPTURED)


def _entry(monkeypatch, func):  # type: ignore[no-untyped-def]
    monkeypatch.setitem(cli_run._ENTRY, 'fake-script', func)


def test_what_is_written_at_the_descriptors_and_the_exit_code(tmp_path, monkeypatch):
    """runtime writes with ``os.write(2, ...)`` and may ``dup2`` over the
    standard streams: the file descriptors are captured, not only
    ``sys.stdout``; ``SystemExit`` is the exit code."""
    def main(argv):  # type: ignore[no-untyped-def]
        print('out', *argv)
        os.write(1, b'fd1\n')
        sys.stderr.write('err\n')
        os.write(2, b'fd2\n')
        raise SystemExit(3)

    _entry(monkeypatch, main)
    result = run_in_process('fake-script', 'a', 'b', cwd=tmp_path)
    assert (result.rc, sorted(result.out.split('\n')), sorted(result.err.split('\n'))) == (
        3, ['', 'fd1', 'out a b'], ['', 'err', 'fd2'])
    _entry(monkeypatch, lambda argv: None)
    assert run_in_process('fake-script', cwd=tmp_path).rc == 0


@pytest.mark.parametrize('leak', ['umask', 'signal', 'thread', 'timer', 'git'])
def test_a_run_that_leaves_the_process_changed_fails_the_test(tmp_path, monkeypatch, leak):
    import subprocess

    from together_hooks import gitrun

    stop = threading.Event()
    started = []

    def main(argv):  # type: ignore[no-untyped-def]
        if leak == 'umask':
            os.umask(0o077)
        elif leak == 'signal':
            signal.signal(signal.SIGTERM, lambda *a: None)
        elif leak == 'thread':
            threading.Thread(target=stop.wait, daemon=True).start()
        elif leak == 'git':  # a git the run streamed from, still running
            started.append(subprocess.Popen(('git', 'hash-object', '--stdin'), stdin=subprocess.PIPE,
                                            stdout=subprocess.DEVNULL))
            gitrun._STREAMS.append((os.getpid(), started[-1]))
        else:
            signal.setitimer(signal.ITIMER_REAL, 1000)
        return 0

    _entry(monkeypatch, main)
    # The thread waits on ``stop`` for good: a grace of 5 s is only waited out.
    monkeypatch.setattr(cli_run, 'THREAD_GRACE', 0.2)
    umask = os.umask(0o022)
    os.umask(umask)
    term = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(AssertionError, match='left (changed|running)'):
            run_in_process('fake-script', cwd=tmp_path)
    finally:
        stop.set()
        gitrun.stop_streams()
        signal.setitimer(signal.ITIMER_REAL, 0)
    # and it was put back for the next test
    assert os.umask(umask) == umask and signal.getsignal(signal.SIGTERM) == term
