"""A hex dump pasted into another file (``codec.pasted_dump_view``,
``engine._pasted_dump_hits``): an issue's code fence, a list item's
indented block, a notebook's list of output lines, a JSON log's, a log.  A dump is told
by a file's first lines (``prefilter.dump_head``); inside a file, its
first line (``engine.PASTED_DUMP_MARKS``: ``xxd``'s offset 0) or a
keyword its text column shows marks it, and the
dump around it (its lines led as that line is) is read as the bytes it
shows, or opened when they start a container: a key the text column
cuts every 16 bytes, a legacy key's name and hex.  Written by the real
``xxd``, ``hexdump`` and ``od``.  Decoys: a placeholder's dump, random
bytes beside "together", a digest under its name, a memory map's
offsets (no dump), an offset line that is no dump's."""
from __future__ import annotations

import gzip
import hashlib
import json
import random
import shutil
import subprocess

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret


def _dump(tool: str, data: bytes) -> str:
    argv = {'xxd': ['xxd'], 'hexdump': ['hexdump', '-C'], 'od': ['od', '-A', 'x', '-t', 'x1z', '-v']}[tool]
    if shutil.which(argv[0]) is None:
        pytest.skip(f'needs {argv[0]}')
    return subprocess.run(argv, input=data, capture_output=True, check=True).stdout.decode()


def _env(key: str) -> bytes:
    # the name first: its keyword whole in the text column's first line
    return f'TOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _fence(dump: str) -> bytes:
    return f'## .env not loaded\n\nHere is the dump:\n\n```\n{dump}```\n\nAny idea?\n'.encode()


def _indented(dump: str) -> bytes:
    return ('1. run the service\n2. dump the file:\n\n' + ''.join(f'    {line}\n' for line in dump.splitlines())
            + '\nExpected: it loads.\n').encode()


def _notebook(dump: str) -> bytes:
    cell = {'cell_type': 'code', 'source': ['!xxd .env'], 'outputs': [
        {'output_type': 'stream', 'name': 'stdout', 'text': dump.splitlines(True)}]}
    return json.dumps({'cells': [cell], 'nbformat': 4}, indent=1).encode()


def _json_lines(dump: str) -> bytes:
    # a JSON list of output lines that is no notebook (a job's saved log):
    # each dump line led by its string's quote, and no notebook reading
    # (``codec.notebook_view``) takes the quotes off first
    return json.dumps({'step': 'debug .env', 'output': dump.splitlines(True)}, indent=1).encode()


_WRAPS = {'fence': _fence, 'indented': _indented, 'notebook': _notebook, 'json_lines': _json_lines}


@pytest.mark.parametrize('tool', ['xxd', 'hexdump', 'od'])
@pytest.mark.parametrize('wrap', sorted(_WRAPS))
@pytest.mark.parametrize('legacy', [False, True], ids=['current', 'legacy'])
def test_a_key_in_a_pasted_dump_is_found(tool, wrap, legacy):
    rng = random.Random(f'pasted-dump-{tool}-{wrap}-{legacy}')
    key = make_hex(rng) if legacy else make_key(rng)
    dump = _dump(tool, _env(key))
    data = _WRAPS[wrap](dump)
    found = scan_bytes(data, 'issue.md')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]
    # reported on the dump's line holding the key's first byte
    first = data.split(b'\n')[found[0].line - 1]
    assert b'TOGETHER' in first or b'=' in first


def test_a_dump_led_otherwise_is_another_dump():
    # Three dumps one after the other, the middle one not indented: read
    # as one, the first's last byte and the third's first (key
    # characters) would glue to the key the middle one shows.
    rng = random.Random('pasted-dump-three')
    key = make_key(rng)
    before = _dump('xxd', b'notes for the team, see ticket x')
    middle = _dump('xxd', key.encode())
    after = _dump('xxd', b'x marks the spot\n')
    data = ('```\n' + ''.join(f'    {line}\n' for line in before.splitlines()) + middle
            + ''.join(f'    {line}\n' for line in after.splitlines()) + '```\n').encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'issue.md')] == [hash_secret(key)]


def test_a_dump_whose_text_column_cuts_every_keyword_is_marked_by_its_first_line():
    # A BOM and CRLF (the Windows .env the issue is about) put TOGETHER
    # and tgp_v1_ across the text column's lines: xxd's first line marks
    # it (hexdump -C's is no mark: its cost, docs/detection.md).
    tool = 'xxd'
    key = make_key(random.Random(f'pasted-dump-cut-{tool}'))
    env = b'\xef\xbb\xbf' + f'APP_ENV=production\r\nDATABASE_URL=postgres://app@db/app\r\nTOGETHER_API_KEY={key}\r\n'.encode()
    data = _fence(_dump(tool, env))
    assert b'TOGETHER' not in data and b'tgp_v1_' not in data
    screen = Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    assert screen.plain(data) and screen.grouped()(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'issue.md')] == [hash_secret(key)]


def test_a_pasted_dump_of_a_gzip_is_opened():
    key = make_hex(random.Random('pasted-dump-gzip'))
    data = _indented(_dump('xxd', gzip.compress(_env(key), mtime=0)))
    found = scan_bytes(data, 'issue.md')
    assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'hex gzip')]


_DECOYS = {
    'placeholder': lambda rng: _fence(_dump('xxd', _env('tgp_v1_' + 'x' * 43))),
    'random-beside-together': lambda rng: _fence(_dump('hexdump', b'together weights ' + rng.randbytes(200))),
    'digest-named': lambda rng: _indented(_dump(
        'xxd', f'TOGETHER_KEY_SHA256={hashlib.sha256(rng.randbytes(8)).hexdigest()}\n'.encode())),
    'memory-map': lambda rng: ''.join(
        f'{0x400000 + i * 0x1000:08x}-{0x401000 + i * 0x1000:08x} r-xp 00000000 08:01 {i} /opt/together/lib{i}.so\n'
        for i in range(8)).encode(),
    'offset-line-no-dump': lambda rng: b'fault at 00000000: no such page\n00000000  (null)\ntogether\n',
    'random-dump-no-keyword': lambda rng: _fence(_dump('xxd', rng.randbytes(300))),
    'gzip-placeholder': lambda rng: _fence(_dump('xxd', gzip.compress(_env('tgp_v1_' + 'x' * 43), mtime=0))),
}


@pytest.mark.parametrize('case', sorted(_DECOYS))
def test_decoys_stay_clean(case):
    assert scan_bytes(_DECOYS[case](random.Random(f'pasted-dump-decoy-{case}')), 'issue.md') == []


def test_a_line_of_many_keywords_is_asked_once_whether_it_is_a_dumps(monkeypatch):
    """A line that is no dump's is so for every keyword on it (the view is
    the line's): it is asked once, not once a keyword.  A line of 100,000
    ``Together(`` was read 100,000 times (each a copy of the line): the
    memory test's 9 MB of client calls took 275 s where it took 14.  The
    key on the line between is still found."""
    from together_hooks.detect import codec

    asked = []
    view = codec.pasted_dump_view
    monkeypatch.setattr(codec, 'pasted_dump_view', lambda data, at: asked.append(at) or view(data, at))
    key = make_hex(random.Random(32))
    body = b'Together(' * 3000
    data = body + b'\nclient = Together(api_key="' + key.encode() + b'")\n' + body
    assert [f.hashed_secret for f in scan_bytes(data, 'calls.py')] == [hash_secret(key)]
    lines = {data.rfind(b'\n', 0, at) for at in asked}
    assert len(asked) == len(lines) <= 3, (len(asked), len(lines))
