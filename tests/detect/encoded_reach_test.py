"""A key read near the end of the window an earlier hit's run was cut
at (``B64_REACH`` past that hit): a Together word far up an encoded file
must not hide the key further down (the later hit is read in a window of
its own, not skipped as read)."""
from __future__ import annotations

import base64
import random

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import B64_REACH
from tests.keys import make_key

ENCODERS = {
    'base64': (base64.b64encode, 4, 3),
    'base32': (base64.b32encode, 8, 5),
    'base85': (base64.b85encode, 5, 4),
}


@pytest.mark.parametrize('kind', sorted(ENCODERS))
def test_an_earlier_together_word_hides_no_key(kind):
    """Each key found below a neutral first line is found below a Together
    one of the same length too (before: the Together word's window, cut
    ``B64_REACH`` past it, was taken as read up to the cut, and the key's
    own hit just before the cut was skipped)."""
    encode, chars, size = ENCODERS[kind]
    key = make_key(random.Random(3))
    # The key's encoding straddles the cut of the first hit's window, at
    # each byte alignment and a few places around it.
    centre = B64_REACH * size // chars - 40
    found = {}
    for head in ('# together settings\n#', '# tomorrow settings\n#'):
        for fill in range(centre - 40, centre + 40):
            env = f'{head}{"y" * fill}\nAPI_KEY={key}\n'.encode()
            found[head[2:6], fill] = key in {f.secret for f in scan_bytes(encode(env) + b'\n', 'x.txt')}
    hidden = [fill for (head, fill), hit in found.items() if head == 'tomo' and hit and not found['toge', fill]]
    assert sum(found.values()) > 20
    assert hidden == []
