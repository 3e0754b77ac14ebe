"""Session 34 (mut34): ``codec.joined_lines`` (the readings that join
lines and map each back: pasted dumps, base64 entry maps, Basic
credentials read again) maps a key back to the line it is on however far
down the joined lines it sits.

A pasted dump's key is told where the dump's row holding its first byte
starts (its offset field).  pasted_dump_test's keys sit in a dump's first
rows and its test reads the line alone, so a start a byte short a line
(a drift of a byte a row) passed it.  Here the key is in a far row of a
pasted ``xxd`` or ``hexdump -C`` dump, its first byte late in the row or
its first: told 48 bytes into its row, or a row down, the test fails.
"""
from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

ROW = 48  # the dump's row holding the key's first byte (0 is the first)


def _dump(tool: str, data: bytes) -> str:
    argv = {'xxd': ['xxd'], 'hexdump': ['hexdump', '-C']}[tool]
    if shutil.which(argv[0]) is None:
        pytest.skip(f'needs {argv[0]}')
    return subprocess.run(argv, input=data, capture_output=True, check=True).stdout.decode()


# (the key's first byte in its row: the last; the last with ``tgp_v1_``
# whole in the row's text column, as ``hexdump -C`` needs; the first)
@pytest.mark.parametrize('tool, column', [('xxd', 15), ('xxd', 9), ('xxd', 0), ('hexdump', 9), ('hexdump', 0)])
def test_a_key_far_down_a_pasted_dump_is_told_on_its_row(tool, column):
    key = make_key(random.Random(f'mut34-joined-lines-{tool}-{column}'))
    name = 'TOGETHER_API_KEY='
    fill = 16 * ROW + column - len(name)
    filler = ('LOG_LEVEL=info\n' * (fill // 15 + 1))[:fill - 1] + '\n'
    env = (filler + name + key + '\n').encode()
    assert env.index(key.encode()) == 16 * ROW + column
    dump = _dump(tool, env)
    data = f'## .env not loaded\n\n```\n{dump}```\n'.encode()
    found = scan_bytes(data, 'issue.md')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]
    # told where the row holding its first byte starts (its offset field)
    told = data.split(b'\n')[found[0].line - 1][found[0].column - 1:]
    assert told.startswith(f'{16 * ROW:08x}'.encode()), (found[0].line, found[0].column)
