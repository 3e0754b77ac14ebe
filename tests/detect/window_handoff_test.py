"""A base64 container value or a ``GIT binary patch`` hunk that one
window of a large file leaves to the next (``engine._window_edge``) is
read there, wherever its marker lies, and counted once; one cut where
no window holds it whole fails closed.  Small windows (the same
``MAX_CONTEXT`` overlap) keep the offset sweeps fast."""
from __future__ import annotations

import base64
import functools
import gzip
import random
import tempfile

import pytest

from tests.keys import make_key
from together_hooks.detect.budget import Budget
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.windows import scan_windows
from together_hooks.errors import InputError
from together_hooks.fileio import read_windows
from together_hooks.findings import hash_secret
from together_hooks.rules import MAX_CONTEXT
from together_hooks.rules import RULES

_rng = random.Random('window-handoff')
STEP = 600_000  # the first window's bytes: [0, STEP + MAX_CONTEXT)
SIZE1 = STEP + MAX_CONTEXT
NEXT = SIZE1 - 2 * MAX_CONTEXT  # where the next window's bytes start


def _windowed(data: bytes, name: str = 'f.patch') -> list[tuple[int, int, str, str]]:
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        budget = Budget(name)
        found = scan_windows(
            read_windows(f.name, STEP, MAX_CONTEXT),
            lambda d: scan_bytes(d, name, RULES, False, budget), budget,
        )
    return sorted((x.line, x.column, x.hashed_secret, x.encoding) for x in found)


def _at(start: int, text: bytes, tail: bytes = b'# tail\n' * 20_000) -> bytes:
    """Filler lines, then ``text`` at offset ``start``, then ``tail``."""
    line = b'# padding, nothing secret here\n'
    head = (line * (start // len(line) + 1))[:start - 1] + b'\n'
    assert len(head) == start
    return head + text + tail


@functools.lru_cache(maxsize=None)
def _patches() -> tuple[str, bytes, str, bytes]:
    """A patch adding a binary file that holds a key (one hunk), and one
    replacing such a file (its old content, with the key, in the second
    hunk), each with its key."""
    from tests.accuracy.git_binary_patch_test import _patch

    key = make_key(_rng)
    blob = b'\0\1TOGETHER_API_KEY=' + key.encode() + b'\n' + _rng.randbytes(200_000)
    one = _patch(None, blob).encode()
    key2 = make_key(_rng)
    old = b'\0\1TOGETHER_API_KEY=' + key2.encode() + b'\n' + _rng.randbytes(200_000)
    two = _patch(old, b'\0\2' + _rng.randbytes(200_000)).encode()
    return key, one, key2, two


@pytest.mark.parametrize('shift', [*range(-40, 41, 4), MAX_CONTEXT - 100, MAX_CONTEXT + 7, 2 * MAX_CONTEXT - 300])
def test_a_hunk_left_to_the_next_window_is_read_there_wherever_its_marker_is(shift):
    """The hunk's data starts ``shift`` bytes into the next window's bytes
    and runs past this window's end: its ``GIT binary patch`` marker (32
    bytes before) may lie before the next window's bytes; it was left
    there and never read (exit 0).  Starting before them, no window holds
    it whole: it fails closed."""
    key, patch, _key2, _two = _patches()
    marker = patch.index(b'GIT binary patch')
    hunk = patch.index(b'\n', patch.index(b'literal ', marker)) + 1
    data = _at(NEXT + shift - hunk, patch)
    assert data.index(b'GIT binary patch') + (hunk - marker) == NEXT + shift
    assert len(patch) - hunk > 2 * MAX_CONTEXT + 1000  # past this window's end
    if shift < 0:
        with pytest.raises(InputError, match=r'^f\.patch: a GIT binary patch hunk of more than'):
            _windowed(data)
        return
    line = data.count(b'\n', 0, NEXT + shift) + 1
    assert [(ln, h) for ln, _c, h, _e in _windowed(data)] == [(line, hash_secret(key))]


@pytest.mark.parametrize('shift', [0, 1, 1000, MAX_CONTEXT - 5000, MAX_CONTEXT + 1000, -3000])
def test_the_second_hunk_of_a_patch_left_to_the_next_window_is_read_there(shift):
    """``git format-patch --binary`` of a binary file replaced: the old
    content (its key) is the second hunk; the marker is before the first,
    hundreds of KB before the next window's bytes."""
    _key, _one, key, patch = _patches()
    marker = patch.index(b'GIT binary patch')
    second = patch.index(b'\n\nliteral ', marker) + 2
    second = patch.index(b'\n', second) + 1  # its data
    data = _at(NEXT + shift - second, patch)
    assert data.index(b'GIT binary patch') < NEXT - 2 * MAX_CONTEXT
    if shift < 0:
        with pytest.raises(InputError, match=r'^f\.patch: a GIT binary patch hunk of more than'):
            _windowed(data)
        return
    line = data.count(b'\n', 0, NEXT + shift) + 1
    assert [(ln, h) for ln, _c, h, _e in _windowed(data)] == [(line, hash_secret(key))]


def _wrapped_value(key: str, width: int) -> bytes:
    """A gzip in base64 wrapped at ``width`` columns, the key past 200 KB
    of text (so only a whole read of the value finds it)."""
    words = [_rng.randbytes(4).hex().encode() for _ in range(2000)]
    text = b' '.join(_rng.choice(words) for _ in range(60_000))
    packed = base64.b64encode(gzip.compress(text + b'\nTOGETHER_API_KEY=' + key.encode() + b'\n', mtime=0))
    return b''.join(packed[i:i + width] + b'\n' for i in range(0, len(packed), width))


@pytest.mark.parametrize('width', [64, 76])
@pytest.mark.parametrize('past', [-2, -1, 0, 1, 2, 30])
def test_a_wrapped_value_cut_by_a_windows_end_on_a_line_break_fails_closed(width, past):
    """The window ends ``past`` bytes after a line break of the value (0:
    right after it): the value's run ends a byte short of the window's
    end, it counted as whole, was read in part, the key missed (exit 0)."""
    key = make_key(_rng)
    value = _wrapped_value(key, width)
    lines = 2 * MAX_CONTEXT // (width + 1) + 40  # starts before the next window's bytes
    start = SIZE1 - lines * (width + 1) - past
    data = _at(start, value)
    assert data[SIZE1 - past - 1:SIZE1 - past] == b'\n' and len(value) > SIZE1 - start + 1000
    with pytest.raises(InputError, match=r'^f\.yaml: a base64 value of a gzip of more than'):
        _windowed(data, 'f.yaml')


@pytest.mark.parametrize('width', [64, 76])
@pytest.mark.parametrize('past', [0, 1, 40])
def test_a_wrapped_value_left_to_the_next_window_on_a_line_break_is_read_there(width, past):
    key = make_key(_rng)
    value = _wrapped_value(key, width)
    lines = MAX_CONTEXT // (width + 1)  # starts in the next window's bytes
    start = SIZE1 - lines * (width + 1) - past
    data = _at(start, value)
    assert data[SIZE1 - past - 1:SIZE1 - past] == b'\n'
    assert [(ln, h) for ln, _c, h, _e in _windowed(data, 'f.yaml')] == [(data.count(b'\n', 0, start) + 1, hash_secret(key))]


@pytest.mark.parametrize('shift', [0, 10, MAX_CONTEXT - 10])
def test_a_carried_value_is_one_finding_as_in_a_whole_read(shift):
    """A gzip that stores its key as it is (random bytes do not compress)
    shows it twice in one value: as ``base64 gzip`` from its start and as
    plain ``base64`` further on.  Left to the next window, the value's
    finding was kept there and the other in this window: 2 keys for 1."""
    key = make_key(_rng)
    payload = b'TOGETHER_API_KEY=' + key.encode() + b'\n' + _rng.randbytes(200_000)
    value = base64.b64encode(gzip.compress(payload, mtime=0))
    data = _at(NEXT + shift - len(b'"data": "'), b'"data": "' + value + b'"\n')
    whole = scan_bytes(data, 'f.json')
    assert len(whole) == 1
    expect = [(f.line, f.column, f.hashed_secret, f.encoding) for f in whole]
    assert _windowed(data, 'f.json') == expect



@pytest.mark.parametrize('handed', [{0: (False, 5000, 0)}, {3: None}])
def test_a_value_or_hunk_left_to_a_window_and_not_found_there_fails_closed(handed):
    """Never a silent pass: what the window before left to this one and
    this one cannot read is one line and exit 2."""
    from together_hooks.detect.engine import _hits

    budget = Budget('f.patch')
    budget.set_edge((False, 0, [], handed, {}, b''))
    with pytest.raises(InputError, match=r'^f\.patch: a (GIT binary patch hunk|base64 value) left by one window'):
        _hits(b'# no hunk here\nH4sI' + b'#' * 60 + b'\n', 'f.patch', RULES, budget)


def test_a_containers_member_names_are_not_read_as_the_window_it_is_in():
    """A tar's names are scanned as a member is, not with the edge of the
    window holding the tar (a hunk left to that window is not in them)."""
    import io
    import tarfile

    from together_hooks.detect.containers import scan_packed
    from together_hooks.detect.engine import _member_scan

    key = make_key(_rng)
    body = b'TOGETHER_API_KEY=' + key.encode() + b'\n'
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tar:
        info = tarfile.TarInfo('config/app.env')
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    budget = Budget('f.patch')
    budget.set_edge((True, 0, [], {0: (False, 5000, 0)}, {}, b''))
    _by_id, scan = _member_scan(RULES, budget)
    found, whole = scan_packed(out.getvalue(), 'f.patch', scan, budget)
    assert whole and [f.hashed_secret for f in found] == [hash_secret(key)]
