"""Session 34 (mut34): a large file's later windows take the binary
verdict of the file's first ``BINARY_PROBE`` bytes (git's 8000), all of
them: ``Budget.probe`` is what ``windows`` hands each window.

gate_probe33's binary starts with its NUL, so a window probe cut short
(the first 4000 bytes) passed it.  Here the NUL sits between 4000 and
8000: the file is binary, and a key glued to key characters in a later
window is reported as a whole read reports it.  The decoy: the NUL just
past the probe leaves the file text, where the glued run is no key.
Windows are made small (as binary_probe33_test does) so the file is too.
"""
from __future__ import annotations

import random
from unittest import mock

import pytest

from tests.keys import make_key
from together_hooks import pipeline
from together_hooks.detect import windows
from together_hooks.detect.budget import BINARY_PROBE
from together_hooks.detect.engine import scan_bytes
from together_hooks.pipeline import Scanner
from together_hooks.rules import MAX_CONTEXT
from together_hooks.sources.content import Content

STEP = 1 << 14


def _file(nul_at: int, key: str) -> bytes:
    line = b'abcdefghij' * 7 + b'\n'
    head = (line * (nul_at // len(line) + 1))[:nul_at] + b'\x00' + line
    body = line * ((6 * STEP) // len(line))
    return head + body + b'qq' + key.encode() + b'qq\n' + line * 100


@pytest.mark.parametrize('nul_at, binary', [
    (BINARY_PROBE * 3 // 4, True),  # past half the probe, inside it
    (BINARY_PROBE - 1, True),  # its last byte
    (BINARY_PROBE + 100, False),  # the decoy: past it, the file is text
])
def test_every_window_takes_the_files_verdict_from_its_whole_probe(tmp_path, nul_at, binary):
    key = make_key(random.Random(f'mut34-window-probe-{nul_at}'))
    data = _file(nul_at, key)
    whole = sorted(f.secret for f in scan_bytes(data, 'data.bin'))
    assert whole == ([key] if binary else [])
    (tmp_path / 'data.bin').write_bytes(data)
    content = Content('data.bin', fs_path=str(tmp_path / 'data.bin'))
    with mock.patch.object(pipeline, 'WINDOW', STEP), mock.patch.object(windows, 'WINDOW', STEP):
        assert content.windows(STEP, MAX_CONTEXT) is not None  # read in windows, not whole
        windowed = Scanner().scan_one(content)
    assert sorted(f.secret for f in windowed) == whole
