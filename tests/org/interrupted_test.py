"""A run stopped halfway (Ctrl-C, a CI job cancelled) says how to go on:
the store keeps what finished, and the same command resumes."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.cli_run import BIN
from tests.org.mirror_test import Stalling
from tests.org.mirror_test import stalling  # noqa: F401 (a fixture)
from tests.org.scan_org_test import _done
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


@pytest.mark.parametrize(('sig', 'rc', 'said'), [
    (signal.SIGINT, 130, 'interrupted'), (signal.SIGTERM, 143, 'terminated'),
], ids=['ctrl-c', 'sigterm'])
def test_a_stopped_run_says_the_same_command_resumes_and_it_does(
        tmp_path, keys, stalling, sig, rc, said):
    """It said only "together-hooks: interrupted": nothing told a user
    that the store kept the repositories finished, nor how to go on.  One
    repository is served over HTTP and its clone held until the signal is
    sent, so the signal always lands mid-run (the run cannot end first),
    after the others finished."""
    repos = [key_repo(tmp_path / f'r{i}', keys())[0] for i in range(3)]
    store = str(tmp_path / 'audit.sqlite')
    args = ('--repos', write_lines(tmp_path / 'r.txt', *repos, stalling), '--store', store,
            '--cache-dir', str(tmp_path / 'cache'), '--workers', '2')
    # As a terminal delivers Ctrl-C: SIGINT at its default (a shell's `&`
    # would leave it ignored).
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', *args),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (
            Stalling.asked.is_set() and _done(store) == len(repos)):
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()  # still held at the held clone
    assert Stalling.asked.is_set() and _done(store) == len(repos)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == rc, err
    assert _done(store) == len(repos)
    err_text = err.decode()
    assert err_text.endswith(f'together-hooks: {said}\n'), err_text
    assert ('together-hooks: scan-org: the store keeps every repository finished; '
            'run the same command again to resume') in err_text, err_text
    assert 'Traceback' not in err_text
    Stalling.stall.clear()
    again = scan_org(*args)
    assert again.rc == 1, again.err
    assert 'run 1 (resumed)' in again.out
    assert f'(1 scanned, {len(repos)} unchanged, 0 failed)' in again.out, again.out


def test_a_run_with_repositories_not_scanned_says_how_to_retry_and_it_does(tmp_path, keys):
    """Each repository not scanned had its line, then nothing said what to
    do about them: the same command retries them (and only them)."""
    done, _ = key_repo(tmp_path / 'done', keys())
    later = tmp_path / 'later'
    later.mkdir()  # not a repository yet: its clone fails
    store = str(tmp_path / 'audit.sqlite')
    args = ('--repos', write_lines(tmp_path / 'r.txt', done, str(later)), '--store', store,
            '--cache-dir', str(tmp_path / 'cache'))
    first = scan_org(*args)
    assert first.rc == 2, first.err
    assert ('together-hooks: scan-org: 1 repositories not scanned (named above with '
            'why, by cause); once that is fixed, run the same command again: it retries them, and rescans '
            'a finished repository only when its refs (or the rules) changed') \
        in first.err, first.err
    key_repo(tmp_path / 'later-src', keys())
    os.rmdir(later)
    os.rename(tmp_path / 'later-src', later)
    again = scan_org(*args)
    assert again.rc == 1, again.err
    assert '(1 scanned, 1 unchanged, 0 failed)' in again.out, again.out
    assert 'not scanned' not in again.err
