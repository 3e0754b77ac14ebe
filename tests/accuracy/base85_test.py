"""Keys inside base85 (Python's ``base64.b85encode``, git's alphabet): a
whole key encoded, a ``.env`` encoded whole with the key at the 2 byte
alignments read (of 4: docs/detection.md), glued to its name (``KEY_B85=<base85>``), wrapped; and
decoys: random base85 lines, base85 of text about Together, and ASCII85
(``<~…~>``, not read: docs/detection.md)."""
from __future__ import annotations

import base64

from tests.accuracy import Case
from tests.accuracy import make_tests


def _b85(raw: str | bytes) -> str:
    return base64.b85encode(raw.encode() if isinstance(raw, str) else raw).decode()


def whole(m):
    key = m.key()
    return f'secret = b"{_b85(key)}"\n', [(1, key)]


def env_at(pad: int):
    """``.env`` encoded whole, wrapped at 60; the key at alignment
    ``(pad + 19) % 4`` (pads 1 and 2: 0 and 1, the alignments read);
    reported on the line of its first byte's group."""
    def build(m):
        key = m.key()
        env = f'#{"x" * pad}\nTOGETHER_API_KEY={key}\nDEBUG=0\n'
        enc = _b85(env)
        lines = [enc[i:i + 60] for i in range(0, len(enc), 60)]
        line = env.index(key) // 4 * 5 // 60 + 2
        return 'ENV_B85:\n' + '\n'.join(lines) + '\n', [(line, key)]
    return build


def glued(m):
    key = m.key()
    return f'KEY_B85={_b85(f"api_key: {key}")}\n', [(1, key)]


def decoy_random(m):
    rng = m.rng
    return '\n'.join(_b85(rng.randbytes(rng.randrange(8, 80))) for _ in range(200)) + '\n', []


def decoy_text(m):
    text = 'TOGETHER_API_KEY=${TOGETHER_API_KEY}\nprefix tgp_v1_ then 43 characters\n'
    return _b85(text) + '\n', []


CASES = [
    Case('b85-whole', 'app/secret.py', whole),
    *(Case(f'b85-env-{pad}', f'env/env{pad}.txt', env_at(pad)) for pad in (1, 2)),
    Case('b85-glued', 'env/glued.env', glued),
    Case('decoy-b85-random', 'data/random.txt', decoy_random),
    Case('decoy-b85-text', 'data/text.txt', decoy_text),
]

results, test_case = make_tests(CASES)
