"""A gzip written as hex text, as database dumps write a BLOB
(``engine.HEX_PACKED_MARKS``, ``_hex_packed_hits``): pg_dump's ``bytea``
in ``COPY``'s text (``\\\\x1f8b08…``) and in an ``INSERT``
(``'\\x1f8b08…'``), mysqldump's ``--hex-blob`` and SQL Server's
``0x1F8B08…``, sqlite3's ``.dump`` (``X'1f8b08…'``, the real tool) and
MySQL's ``X'…'``.  The digits are decoded and the gzip opened as a
container: an app's gzip'd ``.env`` kept in a table is found
(encoded_heldout13's ``pg-dump-bytea-gzip``, ``mysql-hex-literal-gzip``).
The screen the hook asks flags each form.  Decoys: a placeholder's
gzip, random bytes' gzip, the magic as a constant in code, digits that
do not inflate."""
from __future__ import annotations

import gzip
import os
import random
import shutil
import sqlite3
import subprocess

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret


def _env_gz(key: str) -> bytes:
    return gzip.compress(f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode(), mtime=0)


def _screened(data: bytes) -> bool:
    screen = Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    return bool(screen.plain(data)) and bool(screen.grouped()(data))


_FORMS = {
    'pg-copy': lambda blob: ('COPY public.app_files (id, name, content) FROM stdin;\n'
                             f'1\t.env.gz\t\\\\x{blob.hex()}\n\\.\n'),
    'pg-insert': lambda blob: f"INSERT INTO public.app_files VALUES (1, '.env.gz', '\\x{blob.hex()}');\n",
    'mysqldump-hex-blob': lambda blob: f"INSERT INTO `app_files` VALUES (1,'.env.gz',0x{blob.hex().upper()});\n",
    'mysql-x-literal': lambda blob: f"INSERT INTO app_files VALUES (1, '.env.gz', X'{blob.hex().upper()}');\n",
    'sqlserver': lambda blob: f"INSERT [dbo].[AppFiles] ([Id], [Content]) VALUES (1, 0x{blob.hex().upper()})\nGO\n",
    'sqlite-lower': lambda blob: f"INSERT INTO files VALUES(1,X'{blob.hex()}');\n",
}


@pytest.mark.parametrize('form', sorted(_FORMS))
@pytest.mark.parametrize('legacy', [False, True], ids=['current', 'legacy'])
def test_a_gzip_written_as_hex_text_is_opened(form, legacy):
    rng = random.Random(f'hex-packed-{form}-{legacy}')
    key = make_hex(rng) if legacy else make_key(rng)
    data = _FORMS[form](_env_gz(key)).encode()
    assert _screened(data)
    found = scan_bytes(data, 'dump.sql')
    assert [(f.hashed_secret, f.encoding) for f in found] == [(hash_secret(key), 'hex gzip')]


def test_sqlite3s_own_dump(tmp_path):
    if shutil.which('sqlite3') is None:
        pytest.skip('needs sqlite3')
    key = make_key(random.Random('hex-packed-sqlite3'))
    path = os.path.join(tmp_path, 'app.db')
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE files (name TEXT, content BLOB)')
    db.execute('INSERT INTO files VALUES (?, ?)', ('.env.gz', _env_gz(key)))
    db.commit()
    db.close()
    data = subprocess.run(['sqlite3', path, '.dump'], capture_output=True, check=True).stdout
    assert b"X'1f8b08" in data
    assert [f.hashed_secret for f in scan_bytes(data, 'dump.sql')] == [hash_secret(key)]


_DECOYS = {
    'placeholder': lambda rng: _FORMS['pg-copy'](gzip.compress(
        b'TOGETHER_API_KEY=tgp_v1_' + b'x' * 43 + b'\n', mtime=0)),
    'random': lambda rng: _FORMS['mysqldump-hex-blob'](gzip.compress(b'together ' + rng.randbytes(500), mtime=0)),
    'constant-in-code': lambda rng: '#define GZIP_MAGIC 0x1f8b08\n#define ODD 0x1f8b08f\n/* together */\n',
    'digits-that-do-not-inflate': lambda rng: f"INSERT INTO t VALUES (X'1f8b08{rng.randbytes(300).hex()}');\n",
}


@pytest.mark.parametrize('case', sorted(_DECOYS))
def test_decoys_stay_clean(case):
    data = _DECOYS[case](random.Random(f'hex-packed-decoy-{case}')).encode()
    assert scan_bytes(data, 'dump.sql') == []
