"""A file that is a hex dump, written by the real tools (``xxd``,
``hexdump -C``, ``od -c``, ``od -t x1z``, ``xxd -p``): the bytes it shows
are read (``codec.dump_view``), wherever the key sits in them, though no
keyword is in the dump (``prefilter.dump_head``)."""
from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import dump_head
from tests.keys import make_hex
from tests.keys import make_key

TOOLS = {
    'xxd': ['xxd'], 'xxd-p': ['xxd', '-p'], 'hexdump-C': ['hexdump', '-C'],
    'od-c': ['od', '-c'], 'od-x1z': ['od', '-A', 'x', '-t', 'x1z', '-v'],
    # Words in the machine's (little-endian) order, and od without offsets:
    # each read as nothing before.
    'hexdump': ['hexdump'], 'od-x': ['od', '-x'], 'od-x4': ['od', '-t', 'x4'],
    'od-An-x1': ['od', '-An', '-t', 'x1'], 'od-An-x1z': ['od', '-An', '-t', 'x1z'],
    'xxd-c32': ['xxd', '-c', '32'],
    # Decimal bytes (fields 4 wide unsigned, 5 wide signed; read as
    # nothing before) and octal ones.
    'od-d1': ['od', '-t', 'd1'], 'od-u1': ['od', '-A', 'd', '-t', 'u1'], 'od-b': ['od', '-b'],
    # Their neighbours: without offsets (as ``od -An -t x1`` is read),
    # another width, and ``z``'s text column (each missed before).
    'od-An-u1': ['od', '-An', '-t', 'u1'], 'od-An-d1-w20': ['od', '-An', '-t', 'd1', '-w20'],
    'od-u1z': ['od', '-t', 'u1z'], 'od-An-d1z': ['od', '-An', '-t', 'd1z', '-w8'],
}
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ('xxd', 'hexdump', 'od')), reason='xxd, hexdump and od are needed',
)


def _dump(tool: str, data: bytes) -> bytes:
    return subprocess.run(TOOLS[tool], input=data, capture_output=True, check=True).stdout


@pytest.mark.parametrize('tool', sorted(TOOLS))
@pytest.mark.parametrize('legacy', [False, True])
def test_an_env_file_dumped(tool: str, legacy: bool) -> None:
    rng = random.Random(f'{tool}{legacy}')
    for pad in (0, 5, 11, 3000):  # the key's bytes across the dump's lines, and deep in
        key = make_hex(rng) if legacy else make_key(rng)
        env = f'APP={"x" * pad}\nTOGETHER_API_KEY={key}\nREGION=us\n'.encode()
        found = [f.secret for f in scan_bytes(_dump(tool, env), 'env.dump')]
        assert found == [key], (tool, pad, len(found))


@pytest.mark.parametrize('tool', sorted(TOOLS))
def test_a_key_alone_dumped(tool: str) -> None:
    # ``xxd -p key.txt``: no name, no keyword, a current key by its shape.
    key = make_key(random.Random(tool))
    found = [f.secret for f in scan_bytes(_dump(tool, key.encode() + b'\n'), 'key.hex')]
    assert found == [key]


@pytest.mark.parametrize('encoding', ['utf-16-le', 'utf-16', 'utf-16-be'])
def test_utf16_text_as_hex(encoding: str) -> None:
    key = make_key(random.Random(encoding))
    data = f'TOGETHER_API_KEY={key}\n'.encode(encoding).hex().encode() + b'\n'
    assert [f.secret for f in scan_bytes(data, 'env16.hex')] == [key]


@pytest.mark.parametrize('tool', sorted(TOOLS))
def test_dumps_without_keys_stay_clean(tool: str) -> None:
    rng = random.Random(tool)
    assert scan_bytes(_dump(tool, rng.randbytes(5000)), 'random.dump') == []
    text = b'Working together: set TOGETHER_API_KEY in your environment.\n' * 40
    assert scan_bytes(_dump(tool, text), 'text.dump') == []


def test_what_is_told_a_dump() -> None:
    assert dump_head(b'00000000: 4150  AP\n')
    assert dump_head(b'0000000   A   P\n')
    assert dump_head(b'a1' * 30 + b'\n')
    # A digest list, a number, prose, code: no dump.
    assert not dump_head(b'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  file.txt\n')
    assert not dump_head(b'12345\n')
    assert not dump_head(b'deadbeef is a word\n')
    assert not dump_head(b'import os\n')


def test_od_c_of_a_line_of_digits_is_read_as_characters() -> None:
    # ``od -c`` shows a digit as itself in a 4-wide field, as ``od -t u1``
    # shows a byte below 10: a line of 16 digit characters was read as
    # control bytes, the legacy key through it lost.
    rng = random.Random('od-c-digits')
    key = make_hex(rng)[:48] + ''.join(rng.choice('0123456789') for _ in range(16))
    head = 'TOGETHER_API_KEY='
    pad = -(len(head) + 48) % 16  # the key's digits fill one line of the dump
    env = f'{"x" * pad}\n{head}{key}\n'.encode()
    assert env.index(key[48:].encode()) % 16 == 1
    env = env[1:]  # (the line break above counted: now at a line's start)
    dump = _dump('od-c', env)
    assert any(line.split()[1:] == list(key[48:]) for line in dump.decode().splitlines() if line.split())
    assert [f.secret for f in scan_bytes(dump, 'env.od')] == [key]


@pytest.mark.skipif(shutil.which('xxd') is None, reason='needs xxd')
@pytest.mark.parametrize('argv', [['xxd', '-p'], ['xxd']])
def test_a_dump_of_a_container_is_opened(argv):
    # ``xxd -p env.gz``: the dump's bytes are a gzip, opened as one.
    import gzip

    from together_hooks.findings import hash_secret

    key = make_key(random.Random(f'dump-gzip-{argv}'))
    env = gzip.compress(f'APP=1\nTOGETHER_API_KEY={key}\n'.encode(), mtime=0)
    dump = subprocess.run(argv, input=env, capture_output=True, check=True).stdout
    found = scan_bytes(dump, 'env.gz.hex')
    assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'hex gzip')]


@pytest.mark.skipif(shutil.which('xxd') is None, reason='needs xxd')
def test_a_dump_of_a_bomb_fails_closed(monkeypatch):
    import gzip

    from together_hooks.detect import budget
    from together_hooks.errors import InputError

    monkeypatch.setattr(budget, 'EXPANDED', 3 << 20)
    dump = subprocess.run(['xxd', '-p'], input=gzip.compress(b'\0' * (4 << 20)), capture_output=True, check=True).stdout
    with pytest.raises(InputError, match=r'^bomb\.hex: more than 3 MB decompressed'):
        scan_bytes(dump, 'bomb.hex')


@pytest.mark.parametrize('tool', ['xxd', 'hexdump-C', 'od-c'])
def test_a_dump_is_read_in_every_window(tmp_path, tool: str) -> None:
    # A dump larger than a window (``xxd big.log``): the windows after its
    # first start mid-dump, with no offset ``000000`` nor a line of digits
    # at their head; the file's head (``Budget.head``) tells them a dump.
    # Windows of 64 KB here, as the CLI's 4 MB ones on a dump past 4 MB.
    from together_hooks.detect.budget import Budget
    from together_hooks.detect.windows import scan_windows
    from together_hooks.fileio import read_windows
    from together_hooks.rules import MAX_CONTEXT

    rng = random.Random(f'dump-windows-{tool}')
    keys = [make_key(rng) for _ in range(2)]
    log = b''.join(b'INFO request %d served in 12 ms\n' % i for i in range(800))
    env = b''.join(log[:20000] + f'TOGETHER_API_KEY={k}\n'.encode() for k in keys)  # dumped: 4 windows
    path = tmp_path / 'env.dump'
    path.write_bytes(_dump(tool, env))
    budget = Budget('env.dump')
    windowed = scan_windows(
        read_windows(str(path), 1 << 16, MAX_CONTEXT), lambda d: scan_bytes(d, 'env.dump', budget=budget), budget,
    )
    whole = scan_bytes(path.read_bytes(), 'env.dump')
    assert sorted(f.secret for f in whole) == sorted(keys)
    assert sorted((f.line, f.column, f.secret) for f in windowed) == sorted((f.line, f.column, f.secret) for f in whole)


def test_a_file_starting_with_a_blank_builds_no_pattern_again(monkeypatch):
    """``dump_head`` asks ``od -An``'s two patterns of every file starting
    with a blank (history's blobs: indented fragments, fixed-width text):
    each is built once a process, not again from its program at each ask."""
    from together_hooks import regex_cache

    data = b'    indented text, no dump\n' * 20
    od = b' 74 67 70 5f 76 31 5f 41 42 43\n'
    assert not dump_head(data) and dump_head(od)  # each built here, if not before
    built = []
    real = regex_cache.compile
    monkeypatch.setattr(regex_cache, 'compile', lambda *a: built.append(a) or real(*a))
    for _ in range(3):
        assert not dump_head(data) and dump_head(od)
        assert dump_head(b'  116  103  112   95  118   49   95   65\n')
    assert built == []
