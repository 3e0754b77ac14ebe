"""A key stored as UTF-16LE inside a binary file: a .NET assembly's user
string heap (``#US``: every C# string literal), a Windows resource's
string table.  ``detect.widetext`` read a whole file as UTF-16 only when
its first few KB looked so (a BOM, or a NUL at every other byte): a wide
string among other bytes was read by nothing, and every mode passed it.
Now a binary holding a keyword's wide form has its wide strings read
(``widetext.runs_view``, ``engine._wide_hits``).
"""
from __future__ import annotations

import gzip
import io
import random
import subprocess
import zipfile

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.every_mode import assert_found_everywhere
from tests.every_mode import every_mode
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret


def test_a_key_in_a_dotnet_assemblys_string_heap_is_found(git_repo):
    rng = random.Random('wide-in-binary')
    key = make_key(rng)
    noise = bytes(rng.getrandbits(8) for _ in range(6000))
    # The heap's entry: a length byte, the UTF-16LE string, a flag byte.
    entry = bytes((2 * len(key) + 1,)) + key.encode('utf-16-le') + b'\0'
    (git_repo / 'App.dll').write_bytes(b'MZ\x90\0' + noise[:3000] + b'#US\0' + entry + noise[3000:])
    result = scan('--format', 'json', '.', cwd=git_repo)
    assert leaked([key], result.out + result.err) == []
    assert result.rc == 1, result.err


def _sqlite_utf16be(key: str) -> bytes:
    import os
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        con = sqlite3.connect(path)
        con.execute("pragma encoding = 'UTF-16be'")
        con.execute('create table settings (name text, value text)')
        con.executemany('insert into settings values (?, ?)', [('region', 'eu'), ('TOGETHER_API_KEY', key)])
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def _dll(rng: random.Random, key: str) -> bytes:
    # A .NET assembly's #US heap entry among random bytes.
    return (b'MZ\x90\0' + rng.randbytes(3000) + b'#US\0' + bytes((2 * len(key) + 1,))
            + key.encode('utf-16-le') + b'\0' + rng.randbytes(3000))


def _zipped(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def _wide_binaries(rng: random.Random) -> tuple[dict[str, bytes], list[str], set[tuple[str, str]]]:
    keys = [make_key(rng), make_hex(rng), make_key(rng), make_key(rng), make_key(rng), make_key(rng), make_key(rng)]
    env = '\0'.join(['ALLUSERSPROFILE=C:\\ProgramData', f'TOGETHER_API_KEY={keys[1]}', 'windir=C:\\Windows'])
    files = {
        # A .NET assembly's #US heap: the key alone, UTF-16LE.
        'bin/App.dll': b'MZ\x90\0' + rng.randbytes(3000) + b'#US\0' + bytes((2 * len(keys[0]) + 1,))
        + keys[0].encode('utf-16-le') + b'\0' + rng.randbytes(3000),
        # A minidump's environment block: a legacy key under its name.
        'dumps/worker.dmp': b'MDMP\x93\xa7' + rng.randbytes(3000) + env.encode('utf-16-le') + b'\0\0\0\0'
        + rng.randbytes(3000),
        # UTF-32BE among other bytes.
        'data/cache.bin': rng.randbytes(2000) + keys[2].encode('utf-32-be') + rng.randbytes(2000),
        # A SQLite database stored in UTF-16be.
        'db/settings.db': _sqlite_utf16be(keys[3]),
        # A binary's UTF-16LE strings in bytes decoded from a file: a zip's
        # member, a gzip, a hex dump (``xxd``), read a level down.
        'release/app.zip': _zipped('App.dll', _dll(rng, keys[4])),
        'cache/App.dll.gz': gzip.compress(_dll(rng, keys[5]), mtime=0),
        'dumps/App.dll.hex': subprocess.run(['xxd'], input=_dll(rng, keys[6]), capture_output=True, check=True).stdout,
    }
    # A container's key is reported at its member.
    shown = {'release/app.zip': 'release/app.zip!App.dll', 'cache/App.dll.gz': 'cache/App.dll.gz!App.dll'}
    expected = {(shown.get(path, path), hash_secret(key)) for path, key in zip(files, keys)}
    return files, keys, expected


def test_every_mode_finds_keys_in_wide_strings_inside_binaries(git_repo, pushing, tmp_path):  # noqa: F811
    files, keys, expected = _wide_binaries(random.Random('wide-every-mode'))
    modes = every_mode(git_repo, pushing, tmp_path / 'server.git', files)
    assert_found_everywhere(modes, keys, expected)
