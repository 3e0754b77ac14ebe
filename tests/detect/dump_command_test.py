"""A hex dump saved under the command that made it (``$ xxd -p env.gz``,
``# od -An -tx1 .env``: a first line led by ``$`` or ``#`` naming a dump
tool, ``prefilter.DUMP_COMMAND``) is read as a dump from its second
line: a key in the bytes it shows is found, in a gzip it shows too, by
the scan and by the history's blob test; a first line naming no dump
tool leaves the file as it was read."""
from __future__ import annotations

import gzip
import random
import subprocess

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import dump_head
from together_hooks.findings import hash_secret


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _tool(argv: list[str], data: bytes) -> bytes:
    return subprocess.run(argv, input=data, capture_output=True, check=True).stdout


COMMANDS = [
    ('$ xxd -p env.gz', ['xxd', '-p'], True),
    ('# xxd env.gz', ['xxd'], True),
    ('$ od -An -tx1 -v settings.env.gz', ['od', '-An', '-tx1', '-v'], True),
    ('$ hexdump -C .env', ['hexdump', '-C'], False),
    ('# od -Ax -tx1z -v .env.gz', ['od', '-Ax', '-tx1z', '-v'], True),
]


@pytest.mark.parametrize('head, argv, packed', COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_dump_under_its_command_line_is_read(head, argv, packed):
    key = make_key(random.Random(head))
    raw = gzip.compress(_env(key), mtime=0) if packed else _env(key)
    data = head.encode() + b'\n' + _tool(argv, raw)
    assert dump_head(data)
    assert [f.hashed_secret for f in scan_bytes(data, 'notes/dump.txt')] == [hash_secret(key)]


def test_a_first_line_naming_no_dump_tool_is_no_dump():
    data = b'# build notes\n' + _tool(['xxd', '-p'], random.Random(1).randbytes(64))
    assert not dump_head(data)
    assert not dump_head(b'$ xxd -p env.gz\nthe output is below, in the attachment\n')
