"""A key's base32 glued to other characters of a base64 run is scrubbed.

The engine reads every run of base32's characters inside other text
(``codec._B32_RUN``: ``--ORTX…`` in an argparse error, a folder of a
path, ``key=ORTX…``); the scrub read base32 only when a whole base64 run
was base32, so an option or a path around it showed the key's base32
whole (``together-hooks scan --<base32>``: "unrecognized arguments")."""
from __future__ import annotations

import base64
import os
import random
import subprocess

import pytest

from tests.cli_run import BIN
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.scrub import Scrubber

KEY = make_key(random.Random('scrub-base32-glued'))


def b32_cores(secret: str) -> set[str]:
    """The characters of the key's base32, at each of its five alignments,
    that hold only key bits (a reader decoding them has the key)."""
    raw = secret.encode()
    cores = set()
    for shift in range(5):
        enc = base64.b32encode(b'\0' * shift + raw).decode()
        cores.add(enc[(shift * 8 + 4) // 5 + 1:((shift + len(raw)) * 8) // 5 - 1])
    return cores


def leaked(text: str) -> bool:
    return any(core in text for core in b32_cores(KEY)) or KEY[7:] in text


@pytest.mark.parametrize('shift', range(5))
@pytest.mark.parametrize('lead, tail', [
    ('--', ''),                   # an option argparse does not know
    ('/tmp/out/', '/report.txt'),  # a folder of a path
    ('x-', ''),
    ('a_', '_b'),
    ('secrets/', ''),
    ('ab', 'cd'),                 # lower case glued on both sides
])
@pytest.mark.parametrize('learnt', [False, True])
def test_base32_glued_to_base64_characters(shift, lead, tail, learnt):
    encoded = base64.b32encode(b'#' * shift + KEY.encode()).decode().rstrip('=')
    text = f'error: unrecognized arguments: {lead}{encoded}{tail}'
    if shift != 4:  # (the engine misses a key 4 bytes into base32: enc's area)
        assert KEY in [f.secret for f in scan_bytes(text.encode(), 'arg')]
    shown = Scrubber([KEY] if learnt else ()).scrub(text)
    assert not leaked(shown)  # (not shown: it would print the key's base32)
    assert 'error: unrecognized arguments: ' in shown


def test_a_base32_word_in_text_is_left_alone():
    text = 'the folder /srv/AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH2345/x stays'
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('argv', [
    lambda b32: ['scan', '--' + b32],
    lambda b32: ['scan', '--output', f'out/{b32}/report.json'],
])
def test_an_argument_holding_a_keys_base32_is_never_echoed(tmp_path, argv):
    subprocess.run(['git', 'init', '-q', str(tmp_path)], check=True)
    b32 = base64.b32encode(KEY.encode()).decode()
    proc = subprocess.run(
        [os.path.join(BIN, "together-hooks"), *argv(b32)], cwd=tmp_path,
        capture_output=True, text=True, errors='replace',
    )
    assert proc.returncode == 2
    assert proc.stderr.count('\n') == 1
    assert not leaked(proc.stdout + proc.stderr)
