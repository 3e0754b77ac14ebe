"""One decompression budget for each file, whatever reads it (its windows,
its members, its base64 values, its binary patches: ``detect.budget``);
a base64 container value or a binary patch hunk cut short is scanned as
far as it decompresses, and one cut by a large file's window fails
closed; values that only look like a container cost one regex match."""
from __future__ import annotations

import base64
import gzip
import io
import random
import tarfile
import zlib

import pytest

from tests.keys import make_key
from together_hooks.detect import budget
from together_hooks.detect.engine import scan_bytes
from together_hooks.errors import InputError
from together_hooks.fileio import WINDOW
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('packed-budget')


def _file_scan(tmp_path, name: str, data: bytes) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_bytes(data)
    return sorted((f.line, f.hashed_secret) for f in Scanner().scan_one(Content(name, fs_path=str(path))))


def test_a_gzip_value_cut_short_is_scanned_as_far_as_it_decompresses():
    key = make_key(_rng)
    text = f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(2000).hex().encode()
    value = base64.b64encode(gzip.compress(text)).decode()[:-8]
    found = scan_bytes(f'data:\n  release: {value}\n'.encode(), 'release.yaml')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(2, hash_secret(key), 'base64 gzip')]


def test_a_twice_encoded_gzip_value_cut_short_is_scanned_as_far_as_it_decompresses():
    key = make_key(_rng)
    text = f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(2000).hex().encode()
    value = base64.b64encode(base64.b64encode(gzip.compress(text, mtime=0))).decode()[:-12]
    found = scan_bytes(f'data:\n  release: {value}\n'.encode(), 'release.yaml')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]


def test_a_value_larger_than_a_window_fails_closed(tmp_path):
    key = make_key(_rng)
    packed = gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(WINDOW), compresslevel=1)
    data = b'{"blob": "' + base64.b64encode(packed) + b'"}\n'
    assert len(data) > WINDOW * 1.3
    with pytest.raises(InputError, match=r'^big\.json: a base64 value of a gzip of more than \d+ KB across the edge of a window'):
        _file_scan(tmp_path, 'big.json', data)


def test_a_value_within_a_large_file_is_read(tmp_path):
    key = make_key(_rng)
    value = base64.b64encode(gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode())).decode()
    data = b'# filler\n' * (WINDOW // 5) + f'release: {value}\n'.encode() + b'# more\n' * 1000
    assert _file_scan(tmp_path, 'big.yaml', data) == [(WINDOW // 5 + 1, hash_secret(key))]


def _bomb_value(size: int) -> bytes:
    return base64.b64encode(gzip.compress(b'\0' * size))


def test_values_in_different_windows_share_the_files_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 12 << 20)
    value = _bomb_value(8 << 20)
    one = b'a: ' + value + b'\n' + b'# filler\n' * (WINDOW // 8)
    assert _file_scan(tmp_path, 'one.yaml', one) == []
    with pytest.raises(InputError, match=r'^two\.yaml: more than 12 MB decompressed'):
        _file_scan(tmp_path, 'two.yaml', one + b'b: ' + value + b'\n')


def test_values_in_a_containers_members_share_the_files_budget(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 12 << 20)
    member = b'a: ' + _bomb_value(5 << 20) + b'\n'
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tar:
        for name in ('one.yaml', 'two.yaml', 'three.yaml'):
            info = tarfile.TarInfo(name)
            info.size = len(member)
            tar.addfile(info, io.BytesIO(member))
    with pytest.raises(InputError, match=r'more than 12 MB decompressed'):
        Scanner().scan_one(Content('charts.tgz', out.getvalue()))


def test_a_binary_patch_and_a_value_share_the_files_budget(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 12 << 20)
    raw = zlib.compress(b'\0' * (8 << 20))
    lines = []
    for at in range(0, len(raw), 52):
        chunk = raw[at:at + 52]
        count = chr(ord('A') + len(chunk) - 1) if len(chunk) <= 26 else chr(ord('a') + len(chunk) - 27)
        lines.append(count + base64.b85encode(chunk).decode())
    patch = 'GIT binary patch\nliteral %d\n%s\n\n' % (8 << 20, '\n'.join(lines))
    text = f'{patch}a: {_bomb_value(8 << 20).decode()}\n'.encode()
    with pytest.raises(InputError, match=r'more than 12 MB decompressed'):
        scan_bytes(text, 'x.patch')


_random = random.Random(1)
_GZIP = gzip.compress(_random.randbytes(200).hex().encode(), mtime=0)


@pytest.mark.parametrize('line', [
    # a Helm release's start (base64 of base64 of gzip), cut, on every line
    base64.b64encode(base64.b64encode(_GZIP))[:120],
    # a gzip's base64 cut short, then escaped-newline base64
    b'"' + base64.b64encode(_GZIP)[:60] + b'\\n' + b'A' * 40 + b'"',
])
def test_a_file_of_lines_shaped_like_packed_values_fails_closed(line):
    """4 MB of lines each shaped like a container value: past 4096 values
    the file fails closed instead of opening each (its CPU is measured in
    docs/performance.md, never asserted here)."""
    data = (b'k: ' + line + b'\n') * ((4 << 20) // len(line))
    with pytest.raises(InputError, match=r'^lines\.txt: more than 4096 base64 values of containers'):
        scan_bytes(data, 'lines.txt')


def test_a_file_of_many_packed_values_is_read():
    key = make_key(_rng)
    values = [base64.b64encode(gzip.compress(_random.randbytes(40).hex().encode())) for _ in range(500)]
    values.append(base64.b64encode(gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode())))
    data = b''.join(b'v%d: %s\n' % (i, v) for i, v in enumerate(values))
    assert [(f.line, f.hashed_secret) for f in scan_bytes(data, 'values.yaml')] == [(501, hash_secret(key))]


def test_a_binary_patch_hunk_larger_than_a_window_fails_closed(tmp_path):
    from tests.accuracy.git_binary_patch_test import _patch

    key = make_key(_rng)
    blob = _rng.randbytes(WINDOW + (1 << 20)) + f'\0TOGETHER_API_KEY={key}\0'.encode() + _rng.randbytes(1000)
    text = _patch(None, blob).encode()
    assert len(text) > WINDOW * 1.3
    with pytest.raises(InputError, match=r'^big\.patch: a GIT binary patch hunk of more than \d+ KB across the edge of a window'):
        _file_scan(tmp_path, 'big.patch', text)


def test_a_binary_patch_within_a_large_file_is_read(tmp_path):
    from tests.accuracy.git_binary_patch_test import _BINARY
    from tests.accuracy.git_binary_patch_test import _patch

    key = make_key(_rng)
    text = _patch(None, _BINARY + f'\0TOGETHER_API_KEY={key}\0'.encode()).encode()
    data = b'# filler\n' * (WINDOW // 5) + text
    assert [s for _line, s in _file_scan(tmp_path, 'big.patch', data)] == [hash_secret(key)]


def test_values_across_a_window_edge_are_read_in_the_next_window(tmp_path):
    """A `kubectl get secrets -o yaml` of Helm releases, 7 MB: a value that
    runs past a window's end starts inside the next window's bytes (they
    overlap), which reads it whole; every key is found, nothing fails.
    Each release's filler is random bytes: as long a value as 120 KB of
    hex text made, at a sixth of the engine's time reading it."""
    keys = [make_key(_rng) for _ in range(80)]
    lines = []
    for i, key in enumerate(keys):
        text = f'TOGETHER_API_KEY={key}\n'.encode() + _rng.randbytes(69_000)
        lines.append(f'  release.v{i}: {base64.b64encode(gzip.compress(text, mtime=0)).decode()}\n')
    data = ('data:\n' + ''.join(lines)).encode()
    assert len(data) > 1.6 * WINDOW
    ends = [data.index(f'release.v{i}:'.encode()) for i in range(len(keys))]
    assert any(at < WINDOW < at + len(line) for at, line in zip(ends, lines))  # one crosses the edge
    found = _file_scan(tmp_path, 'secrets.yaml', data)
    assert sorted(h for _, h in found) == sorted(hash_secret(k) for k in keys)
