"""A zip in a base64 value, whatever version its local header needs
(``prefilter.B64_MAGIC``'s ``UEsDB``: ``PK\\x03\\x04`` and the top bits of
nothing more, so a bzip2 member's 4.6, an LZMA member's 6.3 and a ZIP64
member's 4.5 start the value as a deflated one's 2.0 does).  The screen a
hook asks (``Keywords`` over ``screen_needles``, its plain routes and the
grouped searches) flags the value, and the engine opens the zip."""
from __future__ import annotations

import base64
import io
import json
import random
import zipfile

import pytest

from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret

# (method, ZIP64 forced, the version the local header needs)
_KINDS = {
    'deflated': (zipfile.ZIP_DEFLATED, False, 20),
    'deflated-zip64': (zipfile.ZIP_DEFLATED, True, 45),
    'bzip2': (zipfile.ZIP_BZIP2, False, 46),
    'lzma': (zipfile.ZIP_LZMA, False, 63),
}


def _zip(env: bytes, method: int, zip64: bool) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        info = zipfile.ZipInfo('.env', (2024, 12, 1, 0, 0, 0))
        info.compress_type = method
        with z.open(info, 'w', force_zip64=zip64) as f:
            f.write(env)
    return buf.getvalue()


def _value(kind: str) -> tuple[bytes, str]:
    method, zip64, version = _KINDS[kind]
    key = make_key(random.Random(f'zip-version-{kind}'))
    raw = _zip(f'APP_ENV=prod\nTOGETHER_API_KEY={key}\n'.encode(), method, zip64)
    assert raw[4] == version, (kind, raw[4])
    return json.dumps({'bundle': base64.b64encode(raw).decode()}).encode(), key


@pytest.mark.parametrize('kind', sorted(_KINDS))
def test_a_zip_of_any_version_in_base64_is_flagged_and_opened(kind):
    data, key = _value(kind)
    screen = Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    assert screen.plain(data)
    assert screen.grouped()(data)
    found = scan_bytes(data, 'bundle.json')
    assert [(f.line, f.hashed_secret, f.encoding) for f in found] == [(1, hash_secret(key), 'base64 zip')]


def test_the_magic_inside_a_value_opens_nothing():
    # ``UEsDB`` counts only where a value starts: inside random base64
    # (a digest, ciphertext) nothing is decoded, nothing fails.
    rng = random.Random('zip-version-random')
    data = b''.join(
        b'v%d: %s%s\n' % (i, base64.b64encode(rng.randbytes(30)), base64.b64encode(b'PK\x03\x04' + bytes((v, 0)) + rng.randbytes(200)))
        for i, v in enumerate((10, 20, 45, 46, 63))
    )
    assert b': UEsDB' not in data and data.count(b'UEsDB') == 5
    assert scan_bytes(data, 'random.yaml') == []
