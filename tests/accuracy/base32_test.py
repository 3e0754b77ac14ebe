"""Keys inside base32 (RFC 4648's upper-case alphabet: ``base32``,
``base64.b32encode``, a TOTP-style secret field): a whole key encoded, a
``.env`` encoded whole with the key at each of the 4 byte alignments
read (of 5: docs/detection.md; ``base32`` wraps at 76 columns), a legacy key with its Together name
encoded with it; and decoys: random base32 lines,
TOTP secrets, base32 of text and of a checksum list naming together, a
legacy key encoded with no Together context."""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import make_tests


def _b32(raw: str | bytes) -> str:
    return base64.b32encode(raw.encode() if isinstance(raw, str) else raw).decode()


def _wrapped(enc: str, width: int = 76) -> list[str]:
    return [enc[i:i + width] for i in range(0, len(enc), width)]


def _line_of_byte(text: str, needle: str, width: int = 76) -> int:
    """The wrapped line (from 1) holding the start of the base32 group
    that encodes ``needle``'s first byte in ``text``: where it is reported."""
    return text.encode().index(needle.encode()) // 5 * 8 // width + 1


def whole(m):
    """``echo -n $KEY | base32``."""
    key = m.key()
    return f'LLM_KEY_B32={_b32(key)}\n', [(1, key)]


def env_at(pad: int, name: str = 'TOGETHER_API_KEY'):
    """A ``.env`` encoded whole (``base32 .env``, wrapped at 76), the key
    at byte alignment ``(pad + len(name) + 2) % 5`` (pads 1-4 with the
    Together name: 0-3, the alignments read)."""
    def build(m):
        key = m.key()
        env = f'#{"x" * pad}\n{name}={key}\nDEBUG=0\n'
        lines = _wrapped(_b32(env))
        return 'env_b32: |\n' + ''.join(f'  {line}\n' for line in lines), [(1 + _line_of_byte(env, key), key)]
    return build


def legacy_env(pad: int):
    """``OGETHER`` at alignment ``(pad + 3) % 5``: 3, 4 and 0 are read."""
    def build(m):
        key = m.hex()
        env = f'#{"-" * pad}\nTOGETHER_API_KEY={key}\n'
        return '\n'.join(_wrapped(_b32(env))) + '\n', [(_line_of_byte(env, key), key)]
    return build


def json_field(m):
    key = m.key()
    return json.dumps({'name': 'llm', 'secret': _b32(f'Bearer {key}')}) + '\n', [(1, key)]


def padded_lines(m):
    """One padded value a line (a list of encoded settings): each line is
    a value of its own, not the wrapped rest of the one above."""
    keys = [m.key() for _ in range(12)]
    lines = [_b32(f'TOGETHER_API_KEY={key}\n') for key in keys]
    assert all(line.endswith('=') for line in lines)
    return '\n'.join(lines) + '\n', [(i + 1, key) for i, key in enumerate(keys)]


def decoy_random(m):
    rng = m.rng
    lines = [_b32(rng.randbytes(rng.randrange(5, 60))) for _ in range(200)]
    return '\n'.join(lines) + '\n', []


def decoy_totp(m):
    rng = m.rng
    lines = [
        f'otpauth://totp/together:user{i}?secret={_b32(rng.randbytes(20)).rstrip("=")}&issuer=together'
        for i in range(20)
    ]
    return '\n'.join(lines) + '\n', []


def decoy_text(m):
    text = 'We work together on this.\nTOGETHER_API_KEY=${TOGETHER_API_KEY}\nkey_abc123\n'
    return _b32(text) + '\n', []


def decoy_checksums(m):
    rng = m.rng
    listing = ''.join(f'{rng.randbytes(32).hex()}  together-0.{i}.tar.gz\n' for i in range(5))
    return '\n'.join(_wrapped(_b32(listing))) + '\n', []


def decoy_legacy_no_context(m):
    """A 64-hex value encoded with a generic name and nothing of Together's."""
    key = m.rng.randbytes(32).hex()
    return _b32(f'API_KEY={key}\nBASE_URL=https://api.example.com\n') + '\n', []


CASES = [
    Case('b32-whole', 'env/b32.env', whole),
    *(Case(f'b32-env-{pad}', f'k8s/env{pad}.yaml', env_at(pad)) for pad in range(1, 5)),
    Case('b32-env-generic-name', 'k8s/generic.yaml', env_at(1, 'API_KEY')),
    *(Case(f'b32-legacy-{pad}', f'legacy/env{pad}.txt', legacy_env(pad)) for pad in range(3)),
    Case('b32-json-field', 'cfg/secret.json', json_field),
    Case('b32-padded-lines', 'cfg/settings.b32', padded_lines),
    Case('decoy-b32-random', 'data/random.txt', decoy_random),
    Case('decoy-b32-totp', 'data/totp.txt', decoy_totp),
    Case('decoy-b32-text', 'data/text.txt', decoy_text),
    Case('decoy-b32-checksums', 'data/sums.txt', decoy_checksums),
    Case('decoy-b32-legacy-no-context', 'data/generic.txt', decoy_legacy_no_context),
]

results, test_case = make_tests(CASES)
