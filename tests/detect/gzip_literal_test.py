"""A gzip written as a byte literal (a Python or C string of ``\\x``
escapes, ``xxd -i``'s C array): its first bytes are a mark (``engine.GZIP_LITERAL_MARKS``), the
literal is opened as a container and a key in the ``.env`` it inflates to
is found, by the scan and by the history's blob test; a literal of random
bytes or of a gzip holding no key reports nothing."""
from __future__ import annotations

import gzip
import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _rows(numbers: list[str], per: int = 12) -> str:
    return ',\n    '.join(', '.join(numbers[i:i + per]) for i in range(0, len(numbers), per))


FORMS = {
    'python-repr': lambda raw: f'ENV_GZ = {raw!r}\n',
    'c-string': lambda raw: 'static const char env_gz[] = "' + ''.join('\\x%02x' % b for b in raw) + '";\n',
    'xxd-include': lambda raw: 'unsigned char env_gz[] = {\n  ' + _rows(['0x%02x' % b for b in raw]) + '\n};\n',
    'c-array-compact': lambda raw: 'const uint8_t env_gz[] = {' + ','.join('0x%02x' % b for b in raw) + '};\n',
}


@pytest.mark.parametrize('form', sorted(FORMS))
def test_a_key_in_a_gzip_literal_is_found(form):
    key = make_key(random.Random(form))
    data = FORMS[form](gzip.compress(_env(key), mtime=0)).encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'src/embedded.txt')] == [hash_secret(key)]
    # The history's blob test and the hook's screen pass it to the scan.
    assert keyword_screen(RULES).blob_test(len(data))(data)


@pytest.mark.parametrize('form', sorted(FORMS))
def test_a_gzip_literal_without_a_key_or_random_bytes_report_nothing(form):
    rng = random.Random(form)
    clean = gzip.compress(b'APP_ENV=production\nTOGETHER_API_KEY=\nLOG_LEVEL=info\n', mtime=0)
    for raw in (clean, b'\x1f\x8b\x08' + rng.randbytes(200)):
        assert scan_bytes(FORMS[form](raw).encode(), 'src/embedded.txt') == []
