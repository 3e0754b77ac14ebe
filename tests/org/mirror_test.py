"""The mirror cache after a task was killed mid-git (a ``--timeout``, a
killed worker or coordinator): no half clone is left on disk, and what a
killed git leaves in a mirror (its lock files, a half-received pack) never
fails the repository's next run."""
from __future__ import annotations

import http.server
import os
import signal
import subprocess
import threading
import time

import pytest

from tests.cli_run import BIN
from tests.conftest import git
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_file
from tests.org.scan_org_test import write_lines


class Stalling(http.server.BaseHTTPRequestHandler):
    """Serves ``root`` over git's dumb HTTP protocol; while ``stall`` is
    set, every object request waits (a clone hangs mid-transfer)."""

    root = ''
    stall = threading.Event()
    asked = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = os.path.join(self.root, self.path.lstrip('/').split('?')[0])
        if '/objects/' in self.path:
            self.asked.set()
            while self.stall.is_set():
                time.sleep(0.05)
        serve_file(self, path)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stalling(tmp_path, keys):
    """(the clone URL of a repository with a key, served over HTTP)."""
    repo, _ = key_repo(tmp_path / 'src', keys())
    git(repo, 'update-server-info')
    Stalling.root = str(tmp_path / 'src')
    Stalling.stall.set()
    Stalling.asked.clear()
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Stalling)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    yield f'http://127.0.0.1:{server.server_address[1]}/.git'
    Stalling.stall.clear()
    server.shutdown()
    server.server_close()


def _entries(cache) -> list[str]:
    return sorted(n for n in os.listdir(cache) if not n.endswith('.lock'))


def test_a_clone_killed_by_the_timeout_leaves_no_half_clone(tmp_path, stalling):
    cache = tmp_path / 'cache'
    listing = write_lines(tmp_path / 'r.txt', stalling)
    args = ('--repos', listing, '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(cache))
    # A real process: the server's thread serving the stalled clone is still
    # stalling when the run ends (in process, a thread left running).
    slow = scan_org(*args, '--timeout', '3', process=True)
    assert slow.rc == 2 and 'timed out after 3s' in slow.out, slow.err
    assert Stalling.asked.is_set()  # killed mid-transfer, not before it
    assert _entries(cache) == []
    Stalling.stall.clear()
    assert scan_org(*args).rc == 1
    assert [n.startswith('repo-') for n in _entries(cache)] == [True]


def test_a_killed_run_leaves_nothing_that_fails_the_next(tmp_path, stalling):
    """A coordinator killed mid-clone (its scan process stops itself, too
    soon to tidy up): the next run on that cache entry removes the half
    clone.  A fetch killed while it updated refs leaves their lock files;
    the next fetch took them for another git's and failed, every run."""
    cache = tmp_path / 'cache'
    listing = write_lines(tmp_path / 'r.txt', stalling)
    args = ('--repos', listing, '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(cache))
    proc = subprocess.Popen((os.path.join(BIN, 'together-hooks'), 'scan-org', *args),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert Stalling.asked.wait(60)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _scan_processes(tmp_path):
        time.sleep(0.1)
    assert [n.startswith('.tmp-') for n in _entries(cache)] == [True]

    Stalling.stall.clear()
    first = scan_org(*args)
    assert first.rc == 1, first.err
    [mirror] = _entries(cache)
    assert mirror.startswith('repo-')
    # What a fetch killed mid-update leaves: a lock on the ref it moved,
    # on packed-refs, and a pack it was still receiving.
    for rel in ('refs/heads/main.lock', 'packed-refs.lock', 'objects/pack/tmp_pack_x1Yz'):
        with open(cache / mirror / rel, 'wb') as f:
            f.write(b'x' * 100)
    commit(str(tmp_path / 'src'), {'more.txt': 'more\n'})
    git(tmp_path / 'src', 'update-server-info')
    second = scan_org(*args, '--format', 'json')
    assert second.rc == 1, second.err
    assert '(1 scanned, 0 unchanged, 0 failed)' in second.err
    assert not [p for p in _files(cache / mirror) if p.endswith('.lock') or '/tmp_' in p]


def _files(root) -> list[str]:
    return [os.path.join(d, n) for d, _s, names in os.walk(root) for n in names]


def _scan_processes(tmp_path) -> list[int]:
    """Processes whose command line names this test's folder (the git of
    the scan process, which kills its group within half a second)."""
    out = []
    for pid in os.listdir('/proc'):
        try:
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                cmd = f.read()
        except OSError:
            continue
        if pid.isdigit() and str(tmp_path).encode() in cmd:
            out.append(int(pid))
    return out


def test_drop_mirrors_bounds_the_cache_to_the_tasks_in_flight(tmp_path, keys):
    """Mirrors were kept for ever, one per repository: an audit of an
    organisation filled the workers' disks with its whole size.  With
    ``--drop-mirrors`` each goes once scanned, and a rerun still knows an
    unchanged repository (it clones again to compare)."""
    repos = [key_repo(tmp_path / f'r{i}', keys())[0] for i in range(3)]
    cache = tmp_path / 'cache'
    args = ('--repos', write_lines(tmp_path / 'r.txt', *repos), '--store',
            str(tmp_path / 's.sqlite'), '--cache-dir', str(cache), '--drop-mirrors')
    first = scan_org(*args, '--format', 'json')
    assert first.rc == 1, first.err
    assert len(first.json()['findings']) == 3
    assert _entries(cache) == []
    again = scan_org(*args)
    assert again.rc == 1 and '(0 scanned, 3 unchanged, 0 failed)' in again.out, again.out
    assert _entries(cache) == []


def test_a_scan_process_killed_alone_takes_its_git_with_it(tmp_path, stalling):
    """The scan process killed on its own (the OOM killer picks the
    biggest process), its git clone went on as an orphan, in the entry a
    retry then works in: two gits in one mirror, the second clearing the
    first's files.  Every process of its group now goes with it."""
    cache = tmp_path / 'cache'
    listing = write_lines(tmp_path / 'r.txt', stalling)
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing, '--store',
         str(tmp_path / 's.sqlite'), '--cache-dir', str(cache), '--retries', '0',
         '--workers', '1'),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert Stalling.asked.wait(60)  # git is waiting on the server
    from tests.org.scan_org_test import _children

    [scan] = _children(proc.pid)
    os.kill(scan, signal.SIGKILL)  # the scan process alone, not its group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, err
    assert b'Lost: scan process ended with exit -9' in err
    assert _scan_processes(tmp_path) == []


def test_clearing_debris_keeps_refs_named_like_it(tmp_path):
    """A branch may be named ``tmp_x``: its loose ref is no half-received
    pack, and stays (the debris clearing deleted it)."""
    from together_hooks.org.mirror import Mirror
    from together_hooks.org.mirror import git_env

    repo, _ = key_repo(tmp_path / 'src', 'no key here')
    git(repo, 'branch', 'tmp_keep')
    url = f'file://{repo}'
    cache = str(tmp_path / 'cache')
    first = Mirror(cache, (url,), git_env(None, None), 60)
    first.update()
    first.close()
    loose = os.path.join(first.path, 'refs', 'heads', 'tmp_keep')
    with open(loose, 'w') as f:  # as a fetch leaves a new ref: loose
        f.write(git(repo, 'rev-parse', 'tmp_keep'))
    again = Mirror(cache, (url,), git_env(None, None), 60)
    again.close()
    assert os.path.exists(loose)
