"""git's packs and bundles committed into another repository
(``containers._git_pack``): every object inflated and scanned, a delta's
inserted bytes too; cut short, damaged or a bomb, they fail closed.
Built by real git (accuracy cases: tests/accuracy/encoded_heldout4_test.py)."""
from __future__ import annotations

import os
import random
import subprocess

import pytest

from tests.keys import make_key
from together_hooks.detect import budget
from together_hooks.errors import InputError
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('git-pack')


def scan_bytes(data: bytes, path: str):  # type: ignore[no-untyped-def]
    return Scanner().scan_one(Content(path, data))


def _git(*argv: str, cwd: str) -> bytes:
    env = dict(
        os.environ, GIT_CONFIG_NOSYSTEM='1', HOME=cwd, GIT_AUTHOR_NAME='a', GIT_AUTHOR_EMAIL='a@x',
        GIT_COMMITTER_NAME='a', GIT_COMMITTER_EMAIL='a@x',
    )
    return subprocess.run(['git', *argv], cwd=cwd, env=env, capture_output=True, check=True).stdout


def _commits(tmp, *trees: dict[str, bytes]) -> str:
    repo = str(tmp / 'r')
    os.makedirs(repo)
    _git('init', '-q', '-b', 'main', cwd=repo)
    for i, files in enumerate(trees):
        for name, data in files.items():
            with open(os.path.join(repo, name), 'wb') as f:
                f.write(data)
        _git('add', '-A', cwd=repo)
        _git('commit', '-q', '-m', f'c{i}', cwd=repo)
    return repo


def _pack(repo: str) -> bytes:
    _git('repack', '-a', '-d', '-f', '-q', '--depth=10', '--window=10', cwd=repo)
    packs = os.path.join(repo, '.git', 'objects', 'pack')
    name = next(n for n in os.listdir(packs) if n.endswith('.pack'))
    with open(os.path.join(packs, name), 'rb') as f:
        return f.read()


def test_a_key_in_a_packed_blob_is_found(tmp_path):
    key = make_key(_rng)
    repo = _commits(tmp_path, {'.env': f'A=1\nTOGETHER_API_KEY={key}\n'.encode(), 'b': b'x\n'})
    found = scan_bytes(_pack(repo), 'objects/pack/p.pack')
    assert [f.secret for f in found] == [key]
    assert found[0].path.startswith('objects/pack/p.pack!<object ')


def test_a_key_added_in_a_delta_is_found(tmp_path):
    # The key added, then taken out: git keeps the newest version whole
    # and the older one, the key's, as a delta against it, whose inserted
    # bytes hold the key's line whole.
    key = make_key(_rng)
    body = b''.join(b'line %d of a long enough config file\n' % i for i in range(400))
    repo = _commits(tmp_path, {'cfg.txt': body + f'together_api_key = {key}\n'.encode()}, {'cfg.txt': body})
    data = _pack(repo)
    assert {f.secret for f in scan_bytes(data, 'p.pack')} == {key}
    # and the key's version is a delta (verify-pack: a depth and a base)
    assert data[:4] == b'PACK'
    verify = subprocess.run(
        ['git', 'verify-pack', '-v', next(
            os.path.join(repo, '.git/objects/pack', n)
            for n in os.listdir(os.path.join(repo, '.git/objects/pack')) if n.endswith('.idx'))],
        capture_output=True, check=True, text=True,
    ).stdout
    assert any(len(line.split()) >= 7 and line.split()[1] == 'blob' for line in verify.splitlines())


def test_a_bundle_is_read(tmp_path):
    key = make_key(_rng)
    repo = _commits(tmp_path, {'.env': f'TOGETHER_API_KEY={key}\n'.encode()})
    _git('bundle', 'create', '-q', str(tmp_path / 'all.bundle'), '--all', cwd=repo)
    data = (tmp_path / 'all.bundle').read_bytes()
    assert [f.secret for f in scan_bytes(data, 'all.bundle')] == [key]


def test_a_pack_cut_short_fails_closed(tmp_path):
    key = make_key(_rng)
    repo = _commits(tmp_path, {'.env': f'TOGETHER_API_KEY={key}\n'.encode(), 'big': os.urandom(20000)})
    data = _pack(repo)
    with pytest.raises(InputError, match=r'^p\.pack: a git pack that does not decompress'):
        scan_bytes(data[:len(data) // 2], 'p.pack')


def test_a_pack_bomb_fails_closed(tmp_path, monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    repo = _commits(tmp_path, {'zeros': b'\0' * (4 << 20)})
    with pytest.raises(InputError, match=r'^p\.pack: more than 3 MB decompressed'):
        scan_bytes(_pack(repo), 'p.pack')


def test_a_pack_without_keys_is_clean(tmp_path):
    import json
    src = os.path.dirname(json.__file__)
    files = {}
    for name in sorted(os.listdir(src)):
        if name.endswith('.py'):
            with open(os.path.join(src, name), 'rb') as f:
                files[name] = f.read()
    repo = _commits(tmp_path, files)
    assert scan_bytes(_pack(repo), 'p.pack') == []


def test_a_pack_of_too_many_objects_fails_closed():
    # Each object is a member scanned on its own: a pack's header names
    # their number, held to the members a zip or a tar may have.
    from together_hooks.detect.containers import MEMBERS

    header = b'PACK\0\0\0\2' + (MEMBERS + 1).to_bytes(4, 'big')
    with pytest.raises(InputError, match=rf'^p\.pack: a git pack of more than {MEMBERS} objects'):
        scan_bytes(header + b'\x30' + b'x\x9c\x03\x00\x00\x00\x00\x01' * 4, 'p.pack')


def test_a_pack_holding_more_objects_than_its_header_names_fails_closed(tmp_path):
    # git writes the blob last (commits, trees, then blobs): a header
    # naming one object fewer leaves the key's blob past the count, never
    # read. What follows the last object is its checksum alone, or the
    # pack is damaged.
    import hashlib

    key = make_key(_rng)
    repo = _commits(tmp_path, {'.env': f'TOGETHER_API_KEY={key}\n'.encode()})
    data = _pack(repo)
    assert [f.secret for f in scan_bytes(data, 'p.pack')] == [key]
    count = int.from_bytes(data[8:12], 'big')
    body = data[:8] + (count - 1).to_bytes(4, 'big') + data[12:-20]
    with pytest.raises(InputError, match=rf'^p\.pack: a git pack that does not decompress \(\d+ bytes after its {count - 1} objects\)'):
        scan_bytes(body + hashlib.sha1(body).digest(), 'p.pack')


@pytest.mark.parametrize('after', [b'\xb0', b'\x60'])  # a blob's size; an ofs-delta's offset
def test_a_number_past_64_bits_fails_closed_at_once(after):
    # A size (or a delta's offset) of byte after byte with its high bit
    # set is damage: refused at its 10th byte, not read on to the end.
    data = b'PACK\0\0\0\2\0\0\0\1' + after + b'\xff' * (1 << 20)
    with pytest.raises(InputError, match=r'^p\.pack: a git pack that does not decompress \(object 0 .*past 64 bits\)'):
        scan_bytes(data, 'p.pack')


def test_a_key_across_a_deltas_127_byte_inserts_is_found(tmp_path):
    # git writes an added run in inserts of at most 127 bytes, each after
    # its length byte: a key across the 127th byte of a 330-byte added
    # block is cut by one (\x7f, or its length). The block is in the
    # older, smaller version: git keeps the newer, larger one whole and
    # the key's as a delta against it.
    rng = random.Random('git-pack-127')
    key = make_key(rng)
    body = ''.join(f'line {i} of a long enough config file\n' for i in range(400))
    block = ''.join(rng.choice('abcdefghij klmnop') for _ in range(100))
    block += f'\ntogether_api_key = {key}\n' + ''.join(rng.choice('qrstuvwxyz QRS') for _ in range(200))
    later = ''.join(rng.choice('ABCDEFGHIJ') for _ in range(900))
    repo = _commits(
        tmp_path, {'cfg.txt': (body[:5000] + block + '\n' + body[5000:]).encode()},
        {'cfg.txt': (body[:5000] + later + '\n' + body[5000:]).encode()},
    )
    data = _pack(repo)
    assert key.encode() not in data  # stored as a delta (and deflated)
    assert [f.secret for f in scan_bytes(data, 'p.pack')] == [key]


def test_a_delta_of_nothing_but_copies_is_held_to_the_budget(monkeypatch):
    # Each copy instruction is 2 bytes inflated but a loop turn: charged
    # _COPY bytes, so millions of them (16 KB of pack) stop at the budget.
    import hashlib
    import zlib

    from together_hooks.detect import containers

    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    base = b'\x34' + zlib.compress(b'abcd')
    count = (3 << 20) // containers._COPY + 1000
    delta = b'\x04' + bytes((count & 0x7f | 0x80, count >> 7 & 0x7f)) + b'\x90\x01' * count
    size = len(delta)
    head = bytes((0xe0 | size & 15, size >> 4 & 0x7f | 0x80, size >> 11 & 0x7f | 0x80, size >> 18))
    body = b'PACK\0\0\0\2\0\0\0\2' + base + head + bytes((len(base),)) + zlib.compress(delta, 9)
    with pytest.raises(InputError, match=r'^p\.pack: more than 3 MB decompressed'):
        scan_bytes(body + hashlib.sha1(body).digest(), 'p.pack')
