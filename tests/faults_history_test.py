"""``scan --history`` in a damaged object store fails closed: a blob a
commit holds that git lost (a loose object deleted, garbage in its place,
a pack cut short or overwritten) is one line and exit 2, never a run that
passes with the blob unscanned."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import scan
from tests.conftest import git


@pytest.fixture
def history(git_repo, keys):
    """A key committed, then removed: only the history holds it."""
    (git_repo / 'cfg.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'cfg.py')
    git(git_repo, 'commit', '-qm', 'key')
    (git_repo / 'cfg.py').write_text('TOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qam', 'env')
    assert scan('--history').rc == 1  # found while the store is whole
    return git_repo


def _loose(repo) -> str:
    sha = git(repo, 'rev-parse', 'HEAD~1:cfg.py').strip()
    path = repo / '.git' / 'objects' / sha[:2] / sha[2:]
    os.chmod(path, 0o644)
    return str(path)


def test_a_lost_loose_blob_fails_closed(history):
    os.remove(_loose(history))
    result = scan('--history')
    assert_error_line(result, 'is missing', 'damaged repository')


def test_garbage_in_a_loose_blob_fails_closed(history):
    with open(_loose(history), 'wb') as f:
        f.write(b'garbage')
    assert_error_line(scan('--history'), 'damaged repository')


@pytest.mark.parametrize('damage', ('cut', 'overwritten'))
def test_a_damaged_pack_fails_closed(history, damage):
    git(history, 'gc', '-q')
    pack_dir = history / '.git' / 'objects' / 'pack'
    pack = next(pack_dir / n for n in os.listdir(pack_dir) if n.endswith('.pack'))
    os.chmod(pack, 0o644)
    data = bytearray(pack.read_bytes())
    if damage == 'cut':
        data = data[:-40]
    else:
        data[100:-30] = bytes(b ^ 0x55 for b in data[100:-30])
    pack.write_bytes(bytes(data))
    result = scan('--history')
    assert result.rc == 2 and len(result.err.splitlines()) == 1, (result.rc, result.err)
    assert 'Traceback' not in result.err


def test_keys_found_before_a_lost_blob_are_still_reported(git_repo, keys):
    """A damaged store fails the run after the findings are shown: the key
    in k.py (still in the store) is reported, then the lost blob, exit 2."""
    (git_repo / 'k.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'k.py')
    git(git_repo, 'commit', '-qm', 'key')
    (git_repo / 'o.txt').write_text('other\n')
    git(git_repo, 'add', 'o.txt')
    git(git_repo, 'commit', '-qm', 'other')
    sha = git(git_repo, 'rev-parse', 'HEAD:o.txt').strip()
    os.remove(git_repo / '.git' / 'objects' / sha[:2] / sha[2:])
    result = scan('--history', cwd=git_repo)
    assert result.rc == 2, (result.rc, result.err)
    assert 'k.py' in result.out
    assert 'Traceback' not in result.err
    errors = [line for line in result.err.splitlines() if 'is missing' in line]
    assert len(errors) == 1 and sha[:7] in errors[0] and 'damaged repository' in errors[0], result.err


MYPY = '/work/.mirror/python+mypy/repo'


def _children(pid):
    found = []
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                with open(f'/proc/{name}/stat') as f:
                    fields = f.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(name))
    return found


def _state(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            return f.read().rsplit(')', 1)[1].split()[0]
    except OSError:
        return None


@pytest.mark.skipif(not os.path.isdir(MYPY) or not os.path.isdir('/proc'),
                    reason='needs the mypy mirror (a history long enough to stop mid-scan) and /proc')
def test_a_terminated_history_scan_leaves_no_git_behind(tmp_path):
    """SIGTERM in the middle of ``--history``: one line, exit 143, and
    every git it started is stopped and reaped (``git log --raw`` ran on
    as an orphan, cat-file processes were left as zombies)."""
    import signal
    import subprocess
    import sys
    import time

    repo = tmp_path / 'mypy'
    subprocess.run(('git', 'clone', '-q', '--shared', MYPY, str(repo)), check=True)
    scanner = os.path.join(os.path.dirname(sys.executable), 'together-hooks')
    proc = subprocess.Popen(
        (scanner, 'scan', '--history'), cwd=repo, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(seen) < 2 and proc.poll() is None:
        time.sleep(0.1)
        seen.update(_children(proc.pid))
    time.sleep(1)
    seen.update(_children(proc.pid))
    if proc.poll() is not None:
        pytest.skip('the scan ended before it could be stopped')
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + 15
    assert proc.stderr.read().decode().strip() == 'together-hooks: terminated'
    assert seen
    # Half a second for any left over to be reaped (a zombie of ours is
    # taken by init), asked each few milliseconds: gone, it need not wait.
    deadline = time.monotonic() + 0.5
    while True:
        left = [(pid, _state(pid)) for pid in seen if _state(pid) is not None]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.005)
    assert left == [], left
