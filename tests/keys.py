"""Format-valid Together keys, built at run time from a seeded RNG.

The repository holds no literal key; every test makes its own here.
"""
from __future__ import annotations

import base64
import random

KEY_ALPHABET = (
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
)


# ``rng.choice(KEY_ALPHABET)`` of a 64-character alphabet draws 32-bit
# words, keeps their top 7 bits and tries again while those are 64 or
# more: a word's top byte under 128, halved, picks the character.
_PICK = bytes(ord(KEY_ALPHABET[b >> 1]) if b < 128 else 0 for b in range(256))
_REJECTED = bytes(range(128, 256))


def make_key(rng: random.Random, last: str | None = None) -> str:
    """``tgp_v1_`` + 43 URL-safe base64 characters (optionally ending in ``last``).

    The key 43 ``rng.choice(KEY_ALPHABET)`` calls make, leaving ``rng`` as
    they do, drawn in C: the words still needed in one ``getrandbits``
    (each word makes one character or none, so none is drawn past the
    last character; ``rules_test.test_make_key_is_a_choice_a_character``)."""
    body = b''
    while len(body) < 43:
        need = 43 - len(body)
        words = rng.getrandbits(32 * need).to_bytes(4 * need, 'little')  # first drawn, first
        body += words[3::4].translate(_PICK, _REJECTED)
    body = body.decode()
    if last is not None:
        body = body[:-1] + last
    return 'tgp_v1_' + body


def make_hex(rng: random.Random) -> str:
    """A legacy key: 64 lowercase hex characters."""
    return '%064x' % rng.getrandbits(256)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def fill(template: str, rng: random.Random) -> tuple[str, str | None]:
    """Fill a rule sample; returns (text, the key it holds or None)."""
    key = make_key(rng)
    hexkey = make_hex(rng)
    values = {
        'key': key, 'hex': hexkey, 'HEX': hexkey.upper(),
        'b64key': b64(key), 'b64hex': b64(hexkey),
        # base64url without padding; HTTP Basic's ``:<key>`` in base64; and
        # the same bare hex as base64 where no key is (a decoy's digest).
        'b64urlhex': base64.urlsafe_b64encode(hexkey.encode()).decode().rstrip('='),
        'basichex': b64(':' + hexkey), 'b64digest': b64(hexkey), 'basicdigest': b64(':' + hexkey),
        # A legacy key's characters as hex text (``xxd -p`` of the key).
        'hexhex': hexkey.encode().hex(),
        # A key split in two (concatenated literals), and inside a whole
        # base64-encoded .env file.
        'key_a': key[:20], 'key_b': key[20:], 'hex_a': hexkey[:32], 'hex_b': hexkey[32:],
        'b64env_key': b64(f'APP_ENV=prod\nTOGETHER_API_KEY={key}\nDEBUG=0\n'),
        'b64env_hex': b64(f'APP_ENV=prod\nTOGETHER_API_KEY={hexkey}\nDEBUG=0\n'),
        # The same .env as a whole file in base85 (``base64.b85encode``),
        # and a checksum line so encoded (no key: a decoy's digest).
        'b85env_hex': base64.b85encode(f'APP_ENV=prod\nTOGETHER_API_KEY={hexkey}\nDEBUG=0\n'.encode()).decode(),
        'b85sums': base64.b85encode(f'{hexkey}  together-1.2.0.tar.gz\n'.encode()).decode(),
        # The .env in base64 three times, one line (``base64 -w0`` thrice),
        # and the checksum line so encoded.
        'b64x3env_hex': b64(b64(b64(f'APP_ENV=prod\nTOGETHER_API_KEY={hexkey}\nDEBUG=0\n'))),
        'b64x3sums': b64(b64(b64(f'{hexkey}  together-1.2.0.tar.gz\n'))),
    }
    text = template.format(**values)
    held = None
    for name, secret in (
            ('key', key), ('b64key', key), ('key_a', key), ('b64env_key', key),
            ('hex', hexkey), ('b64hex', hexkey), ('hex_a', hexkey), ('b64env_hex', hexkey),
            ('b64urlhex', hexkey), ('basichex', hexkey), ('hexhex', hexkey), ('b85env_hex', hexkey),
            ('b64x3env_hex', hexkey),
    ):
        if '{' + name + '}' in template:
            held = secret
    return text, held
