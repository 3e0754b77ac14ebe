"""``fileio.read_bounded`` (mut35): the bytes of a file of at most the
limit, every one of them, or NotScanned. A file of exactly the limit is
read whole (an env file of 1 MB holding a key shared across stages is
found by ``scan --env-reuse``); a file that reports no size (``/proc``, a
FUSE mount) and holds more than the limit is refused, never cut at it."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import run_in_process
from together_hooks.env.ownkeys import MAX_ENV_FILE
from together_hooks.fileio import NotScanned
from together_hooks.fileio import read_bounded


def test_a_file_of_the_limit_is_read_whole_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / 'f'
    path.write_bytes(b'k' * 64)
    assert read_bounded(str(path), 64) == b'k' * 64
    path.write_bytes(b'k' * 65)
    with pytest.raises(NotScanned) as e:
        read_bounded(str(path), 64)
    assert e.value.fatal and 'larger than 64 bytes' in e.value.reason


@pytest.mark.skipif(not os.path.isfile('/proc/self/status'), reason='no /proc here')
def test_a_file_reporting_no_size_is_refused_past_the_limit_not_cut():
    """``/proc/self/status`` reports a size of 0 and holds about a KB: read
    to a limit of 64 bytes, it is refused; to a limit above it, read whole."""
    assert os.stat('/proc/self/status').st_size == 0
    with pytest.raises(NotScanned) as e:
        read_bounded('/proc/self/status', 64)
    assert e.value.fatal and 'larger than 64 bytes' in e.value.reason
    whole = read_bounded('/proc/self/status', 1 << 20)
    assert whole is not None and whole.startswith(b'Name:') and whole.endswith(b'\n')


def test_env_reuse_reads_an_env_file_of_exactly_the_limit(tmp_path, keys):
    """``.env.staging`` of exactly ``MAX_ENV_FILE`` bytes shares the key of
    ``.env.production``: the pair is found (the decoy beside it, one byte
    more, is the error line faults34_test holds)."""
    key = keys()
    stages = tmp_path / 'envs'
    stages.mkdir()
    (stages / '.env.production').write_text(f'TOGETHER_API_KEY={key}\n')
    head = f'TOGETHER_API_KEY={key}\n'.encode()
    (stages / '.env.staging').write_bytes(head + b'#' * (MAX_ENV_FILE - len(head) - 1) + b'\n')
    assert os.path.getsize(stages / '.env.staging') == MAX_ENV_FILE
    r = run_in_process('together-hooks', 'scan', '--env-reuse', str(stages), cwd=tmp_path)
    assert r.rc == 1 and '.env.production and .env.staging' in r.out, r.out + r.err
    assert key not in r.out + r.err
