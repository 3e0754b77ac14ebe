"""Keys inside uuencoded blocks (``uuencode``, Python's ``uu``, a mail
attachment: ``begin <mode> <name>``, lines of 45 bytes, ``end``): a
whole key, a ``.env`` at every byte alignment of a 3-byte group and of a
45-byte line, a legacy key with its Together name encoded with it; and
decoys: random bytes, text naming together, a checksum list, a legacy
key's shape with no Together context.  The ``begin 4``/``6``/``7``
markers hold ``g``, an anchor the keyword screen searches already."""
from __future__ import annotations

import binascii
import hashlib

from tests.accuracy import Case
from tests.accuracy import make_tests


def _uu(raw: bytes, name: str = 'f', mode: str = '644') -> str:
    lines = [binascii.b2a_uu(raw[i:i + 45]).decode() for i in range(0, len(raw), 45)]
    return f'begin {mode} {name}\n' + ''.join(lines) + '`\nend\n'


def _line_of(raw: bytes, key: str, before: int) -> int:
    """The line (from 1) of the encoded line holding ``key``'s first
    byte: ``before`` lines, the ``begin`` line, then 45 bytes a line."""
    return before + 2 + raw.index(key.encode()) // 45


def whole(m):
    key = m.key()
    return _uu(key.encode(), 'key.txt', '600'), [(2, key)]


def env_at(pad: int, legacy: bool = False, mode: str = '644'):
    def build(m):
        key = m.hex() if legacy else m.key()
        raw = f'#{"x" * pad}\nTOGETHER_API_KEY={key}\nDEBUG=0\n'.encode()
        return _uu(raw, '.env', mode), [(_line_of(raw, key, 0), key)]
    return build


def mail(m):
    key = m.key()
    raw = f'LLM_BASE_URL=https://api.example.com\nLLM_API_KEY={key}\n'.encode()
    head = 'From: ops@example.com\nSubject: the settings\n\nAttached.\n\n'
    return head + _uu(raw, 'settings.env', '755'), [(_line_of(raw, key, 5), key)]


def decoy_random(m):
    return _uu(m.rng.randbytes(2000), 'random.bin'), []


def decoy_text(m):
    raw = b'We work together on this.\nTOGETHER_API_KEY=${TOGETHER_API_KEY}\nkey_abc123\n'
    return _uu(raw, 'notes.txt'), []


def decoy_checksums(m):
    raw = ''.join(
        f'{hashlib.sha256(m.rng.randbytes(8)).hexdigest()}  together-0.{i}.tar.gz\n' for i in range(8)
    ).encode()
    return _uu(raw, 'SHA256SUMS'), []


def decoy_legacy_no_context(m):
    raw = f'API_KEY={m.rng.randbytes(32).hex()}\nBASE_URL=https://api.example.com\n'.encode()
    return _uu(raw, 'generic.env'), []


CASES = [
    Case('uu-whole', 'keys/key.uu', whole),
    *(Case(f'uu-env-{pad}', f'env/env{pad}.uu', env_at(pad)) for pad in range(0, 47, 5)),
    *(Case(f'uu-legacy-{pad}', f'legacy/env{pad}.uu', env_at(pad, True)) for pad in (0, 1, 2, 30)),
    # The mode in four digits (``begin 0644``), as some encoders write it.
    *(Case(f'uu-mode-{mode}', f'modes/env{mode}.uu', env_at(9, mode=mode)) for mode in ('0644', '0600', '0755')),
    Case('uu-mail', 'mail/settings.eml', mail),
    Case('decoy-uu-random', 'data/random.uu', decoy_random),
    Case('decoy-uu-text', 'data/notes.uu', decoy_text),
    Case('decoy-uu-checksums', 'data/sums.uu', decoy_checksums),
    Case('decoy-uu-legacy-no-context', 'data/generic.uu', decoy_legacy_no_context),
]

results, test_case = make_tests(CASES)
