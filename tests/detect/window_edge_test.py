"""A base64 container value or a binary patch hunk that runs past the end
of a large file's window: read whole by the next window where that
window's region holds its start (the windows overlap by ``MAX_CONTEXT``),
read here and failing closed if cut where it does not, and read as far
as it decompresses in the file's last window, as in a file read whole
(``engine._window_cut``, the one home of that decision)."""
from __future__ import annotations

import base64
import gzip
import random
import subprocess

import pytest

from tests.keys import make_key
from together_hooks.errors import InputError
from together_hooks.fileio import WINDOW
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.rules import MAX_CONTEXT
from together_hooks.sources.content import Content

_rng = random.Random('window-edge')


def _file_scan(tmp_path, name: str, data: bytes) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_bytes(data)
    return sorted((f.line, f.hashed_secret) for f in Scanner().scan_one(Content(name, fs_path=str(path))))


def _at(start: int, text: bytes, tail: bytes = b'') -> bytes:
    """Filler lines, then ``text`` at offset ``start``, then ``tail``."""
    head = b'#' * (start % 60 - 1 if start % 60 else 59) + b'\n'
    head += (b'#' * 59 + b'\n') * ((start - len(head)) // 60)
    assert len(head) == start
    return head + text + tail


def _gzip_value(key: str, filler: int) -> bytes:
    text = f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(filler).hex().encode()
    return base64.b64encode(gzip.compress(text, mtime=0))


@pytest.mark.parametrize('before_edge', [MAX_CONTEXT // 2, 1000])
def test_a_value_starting_just_before_a_windows_edge_and_running_past_its_end_is_found(tmp_path, before_edge):
    """It starts in the window's region (the next window's bytes hold it,
    not its region) and runs past the window's end: it was left to the
    next window, which dropped it as outside its region, a silent pass."""
    key = make_key(_rng)
    value = _gzip_value(key, 70_000)
    assert len(value) > MAX_CONTEXT + before_edge  # past the window's end
    data = _at(WINDOW - before_edge, b'release: ' + value + b'\n', b'# tail\n' * 1000)
    assert _file_scan(tmp_path, 'edge.yaml', data) == [(data.count(b'\n', 0, WINDOW - before_edge) + 1, hash_secret(key))]


def test_a_value_starting_in_a_windows_overlap_is_read_by_the_next_window(tmp_path):
    key = make_key(_rng)
    value = _gzip_value(key, 70_000)
    start = WINDOW + MAX_CONTEXT // 2  # in the next window's region, cut by this window's end
    data = _at(start, b'release: ' + value + b'\n', b'# tail\n' * 1000)
    assert _file_scan(tmp_path, 'edge.yaml', data) == [(data.count(b'\n', 0, start) + 1, hash_secret(key))]


def test_a_value_cut_short_at_a_large_files_end_is_read_as_far_as_it_decompresses(tmp_path):
    """The last window has nothing after it: a value cut at the file's end
    is read as a file read whole reads it, neither passed over nor an error."""
    key = make_key(_rng)
    value = _gzip_value(key, 3000)[:-40]
    data = _at(WINDOW + 200_000, b'release: ' + value)
    assert _file_scan(tmp_path, 'end.yaml', data) == [(data.count(b'\n') + 1, hash_secret(key))]


def _patch_of(blob: bytes) -> bytes:
    from tests.accuracy.git_binary_patch_test import _patch

    return _patch(None, blob).encode()


def test_a_binary_patch_hunk_starting_in_a_windows_last_128_kb_is_read_whole(tmp_path):
    """The hunk starts 100 KB before the window's end and runs past it: the
    next window holds it whole (exit 1, its key found), never exit 2."""
    key = make_key(_rng)
    blob = _rng.randbytes(90_000) + f'\0TOGETHER_API_KEY={key}\0'.encode() + _rng.randbytes(60_000)
    patch = _patch_of(blob)
    hunk = patch.index(b'GIT binary patch')
    start = WINDOW + MAX_CONTEXT - 100_000 - hunk
    assert len(patch) - hunk > 120_000
    data = _at(start, patch, b'-- \n' * 10)
    assert [s for _line, s in _file_scan(tmp_path, 'big.patch', data)] == [hash_secret(key)]


def test_a_binary_patch_hunk_starting_in_the_next_windows_region_is_read_there(tmp_path):
    key = make_key(_rng)
    blob = _rng.randbytes(90_000) + f'\0TOGETHER_API_KEY={key}\0'.encode() + _rng.randbytes(60_000)
    patch = _patch_of(blob)
    hunk = patch.index(b'GIT binary patch')
    data = _at(WINDOW + MAX_CONTEXT // 2 - hunk, patch, b'-- \n' * 10)
    assert [s for _line, s in _file_scan(tmp_path, 'big.patch', data)] == [hash_secret(key)]


def test_the_cli_reads_a_hunk_across_a_windows_edge_exit_1(tmp_path):
    key = make_key(_rng)
    blob = _rng.randbytes(90_000) + f'\0TOGETHER_API_KEY={key}\0'.encode() + _rng.randbytes(60_000)
    patch = _patch_of(blob)
    hunk = patch.index(b'GIT binary patch')
    (tmp_path / 'big.patch').write_bytes(_at(WINDOW + MAX_CONTEXT - 100_000 - hunk, patch))
    run = subprocess.run(
        ('together-hooks', 'scan', 'big.patch'), cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1, run.stderr
    assert key not in run.stdout + run.stderr
    assert 'big.patch:' in run.stdout and 'git binary patch' in run.stdout


def test_a_value_left_to_the_next_window_and_cut_by_its_end_too_fails_closed(tmp_path):
    """Larger than a window: the next window, which it was left to, holds
    it cut as well; it fails closed there, never passes."""
    key = make_key(_rng)
    packed = gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(WINDOW), compresslevel=1)
    data = _at(WINDOW - 1000, b'blob: ' + base64.b64encode(packed) + b'\n', b'# tail\n' * 100)
    with pytest.raises(InputError, match=r'^big\.yaml: a base64 value of a gzip of more than \d+ KB across the edge of a window'):
        _file_scan(tmp_path, 'big.yaml', data)
