"""A legacy key's ``.env`` as ``xxd -i`` writes it (a C array of
``0x..`` bytes, 12 a line): its upper-case name holds no keyword nor hex
mark of the screen, so ``GET`` and ``HER`` so written
(``engine.HEX_NAME_UPPER``) flag the file and the bytes around them are
read as the text they spell (``codec.hex_view``).  A line of 12 bytes
cuts at most one of the two marks: each cut is tried by moving the name."""
from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

pytestmark = pytest.mark.skipif(shutil.which('xxd') is None, reason='needs xxd')


def _xxd_i(data: bytes) -> bytes:
    return subprocess.run(['xxd', '-i'], input=data, capture_output=True, check=True).stdout


@pytest.mark.parametrize('shift', range(12))
def test_a_legacy_key_in_xxd_include_output_is_found(shift):
    h = make_hex(random.Random(f'xxd-i-upper-{shift}'))
    env = ('#' * shift + '\nAPP_ENV=production\nTOGETHER_API_KEY=' + h + '\nLOG_LEVEL=info\n').encode()
    found = scan_bytes(b'/* xxd -i .env */\nunsigned char env[] = {\n' + _xxd_i(env) + b'};\n', 'env.h')
    assert [f.hashed_secret for f in found] == [hash_secret(h)]


@pytest.mark.parametrize('env', [
    # another provider's name holds HER: read, and no Together name in it
    'OTHER_API_KEY={hex}\nGATEWAY=on\n',
    # a Together name before a placeholder
    'TOGETHER_API_KEY=<your-together-key>\nGET_TIMEOUT=30\n',
    # a digest of the key, named as one
    'TOGETHER_API_KEY_SHA256={hex}\n',
])
def test_c_arrays_holding_no_legacy_key_are_no_finding(env):
    h = make_hex(random.Random(env))
    assert scan_bytes(_xxd_i(env.format(hex=h).encode()), 'env.h') == []


def test_the_marks_cost_the_screen_no_pass_more():
    # The same anchor groups; the same plain routes but that the gzip
    # marks' ``0x1f`` (a literal's ``0x1f,``, a dump's ``0x1f8b08``) is
    # ``0x`` (tried at more places, no pass more).
    from together_hooks.detect import prefilter
    from together_hooks.detect.engine import HEX_NAME_UPPER
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.rules import RULES

    needles = keyword_screen(RULES).needles
    without = tuple(n for n in needles if n not in HEX_NAME_UPPER)
    assert sorted(prefilter._anchors(needles)) == sorted(prefilter._anchors(without))
    leads = [lead for lead, _ in prefilter._plain_routes(needles)]
    assert leads == [b'0x' if lead.startswith(b'0x1f') else lead for lead, _ in prefilter._plain_routes(without)]
