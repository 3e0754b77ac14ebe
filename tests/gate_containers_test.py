"""Keys inside compressed containers in every way content reaches the
scanner: the folder as files, the index (``--staged``), the history
(``--history``), a pushed range (``--diff``), the hook on file names,
pre-push through the real pre-commit, and a real push to a bare remote
gated by ``pre-receive``.  A finding names the container and its member;
a container larger than a window is read as it streams; a bomb fails
closed in one line, in bounded memory."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import re
import struct
import tarfile
import zipfile
import zlib

from base64 import b64encode
from binascii import b2a_uu

from tests.accuracy.encoded_heldout4_test import _bundle
from tests.cli.pre_receive_test import install_gate
from tests.cli_run import leaked
from tests.cli_run import run as run_script
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.gate_range_test import pushing  # noqa: F401 (a fixture)
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gate_png_text_test import _png
from tests.gate_png_text_test import _ztxt
from tests.gitplay import run
from tests.keys import make_key
from tests.memory_test import MAX_RSS
from tests.memory_test import peak
from tests.memory_test import sparse
from together_hooks.detect.budget import EXPANDED
from together_hooks.detect.windows import WINDOW
from together_hooks.findings import hash_secret


def _env(key: str, filler: bytes = b'') -> bytes:
    return filler + f'TOGETHER_API_KEY={key}\n'.encode()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _tgz(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as t:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _containers(root, rng: random.Random) -> tuple[list[str], set[tuple[str, str]]]:
    """Write one of each kind of container; (keys, {(member path, hash)}).
    The last six are kept as base64 in text (a notebook's PNG with a
    ``zTXt``, an xz in YAML, a git bundle in JSON), are an LZMA-alone
    file, a uuencoded gzip or a SQLite BLOB of raw zlib: found at the
    file, or the ``.lzma``'s member; and a SQLite database whose rows
    read as more than twice its size before a key an overflow page cuts."""
    keys = [make_key(rng) for _ in range(13)]
    image = b64encode(_png(_ztxt(b'workflow', f'{{"api_key": "{keys[6]}"}}'.encode()))).decode()
    notebook = {'cells': [{'cell_type': 'code', 'source': [], 'outputs': [
        {'output_type': 'display_data', 'data': {'image/png': image}}]}]}
    bundle = b64encode(_bundle({'deploy/.env': _env(keys[9])})).decode()
    files = {
        'gen.ipynb': json.dumps(notebook, indent=1).encode(),
        'state.yaml': b'backup:\n  env: ' + b64encode(lzma.compress(_env(keys[7]))) + b'\n',
        'env.lzma': lzma.compress(_env(keys[8]), format=lzma.FORMAT_ALONE),
        'restore.json': json.dumps({'bundle': bundle}).encode(),
        'mail.txt': b'Subject: env\n\nbegin 644 env.gz\n' + b''.join(
            b2a_uu(packed[i:i + 45]) for packed in [gzip.compress(_env(keys[10]))]
            for i in range(0, len(packed), 45)) + b'`\nend\n',
        'cache.db': _sqlite_of_blob(zlib.compress(_env(keys[11]))),
        'metrics.db': _sqlite_rows_then_cut_key(keys[12]),
        'backup.zip': _zip({'config/.env': _env(keys[0]), 'README': b'backup\n'}),
        'logs.tar.gz': _tgz({'app/.env': _env(keys[1])}),
        'db/dump.sql.gz': gzip.compress(b'INSERT INTO t VALUES (1);\n' + _env(keys[2])),
        'notes.txt.bz2': bz2.compress(_env(keys[3])),
        'notes.gz': _gzip_without_nul(keys[5]),
        'lib/app.war': _zip({'WEB-INF/lib/core.jar': _zip({'app.properties': _env(keys[4])})}),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    members = [
        'backup.zip!config/.env', 'logs.tar.gz!app/.env', 'db/dump.sql.gz!dump.sql',
        'notes.txt.bz2!notes.txt', 'lib/app.war!WEB-INF/lib/core.jar!app.properties',
        'notes.gz!notes', 'gen.ipynb', 'state.yaml', 'env.lzma!env', 'restore.json', 'mail.txt', 'cache.db',
        'metrics.db',
    ]
    return keys, {(m, hash_secret(k)) for m, k in zip(members, keys)}


def _sqlite(setup) -> bytes:  # type: ignore[no-untyped-def]
    """The bytes of a SQLite database ``setup(connection)`` fills."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        name = f'{tmp}/app.db'
        db = sqlite3.connect(name)
        db.execute('PRAGMA synchronous = OFF')
        setup(db)
        db.commit()
        db.close()
        with open(name, 'rb') as f:
            return f.read()


def _sqlite_of_blob(blob: bytes) -> bytes:
    """A SQLite database holding ``blob`` in a BLOB column (an app's cache)."""
    def setup(db):  # type: ignore[no-untyped-def]
        db.execute('CREATE TABLE files (path TEXT, content BLOB)')
        db.execute('INSERT INTO files VALUES (?, ?)', ('.env', blob))
    return _sqlite(setup)


def _sqlite_rows_then_cut_key(key: str) -> bytes:
    """A SQLite database whose table of small integers reads as more than
    twice the file (``-100`` and a tab from 2 record bytes), then a table
    whose value holds ``key`` cut by an overflow page's edge: only its
    rows, read on past the integers', hold the key whole."""
    # 512-byte pages: a 600-byte payload keeps ``least + (size - least) %
    # (usable - 4)`` = 92 bytes in its cell, the rest on an overflow page;
    # the key is at 81 to 131 (3 header bytes, then the text).
    value = 'x' * 60 + f' TOGETHER_API_KEY={key} ' + 'y' * 468

    def setup(db):  # type: ignore[no-untyped-def]
        db.execute('PRAGMA page_size = 512')
        db.execute('CREATE TABLE metrics (%s)' % ', '.join(f'c{i} INTEGER' for i in range(60)))
        db.executemany('INSERT INTO metrics VALUES (%s)' % ', '.join('?' * 60), [(-100,) * 60] * 300)
        db.execute('CREATE TABLE notes (body TEXT)')
        db.execute('INSERT INTO notes VALUES (?)', (value,))
    data = _sqlite(setup)
    assert key.encode() not in data
    return data


def _gzip_without_nul(key: str) -> bytes:
    """A gzip whose first 4 KB hold no NUL (nor a keyword): only its magic
    takes it through history's blob test, which passes what holds a
    keyword or may be UTF-16 (a NUL).  Most containers have a NUL near
    their start (zip's version field, gzip's flags, bzip2's block
    pointer); this one is written to have none: the FTEXT flag, a
    non-zero mtime, fixed-Huffman blocks of a long run, and the size in
    its trailer, 16 MB on, with no zero byte either."""
    text = b'#' * 0x01010101 + b'\n' + _env(key)
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_FIXED)
    body = deflate.compress(text) + deflate.flush()
    header = b'\x1f\x8b\x08\x01' + b'aaaa' + b'\x04\x03'
    data = header + body + struct.pack('<II', zlib.crc32(text), len(text) & 0xffffffff)
    assert b'\0' not in data[:8192]
    return data


def _found(result) -> set[tuple[str, str]]:
    assert result.rc == 1, result.err
    return {(f['path'], f['hashed_secret']) for f in result.json()['findings']}


def _found_in_tree_and_history(
        root, files: dict[str, bytes], keys: list[str], expected: set[tuple[str, str]],
) -> None:
    """``files`` written into ``root``: the tree scan finds ``expected``,
    and so does ``--history`` once they are committed; no output shows a key."""
    for name, data in files.items():
        (root / name).write_bytes(data)
    as_files = scan('--format', 'json', '.', cwd=root)
    commit(root, 'containers')
    history = scan('--history', '--format', 'json', cwd=root)
    assert leaked(keys, *(r.out + r.err for r in (as_files, history))) == []
    assert _found(as_files) == expected
    assert _found(history) == expected


def test_every_mode_finds_keys_in_containers_at_their_members(git_repo, pushing):  # noqa: F811
    run(git_repo, pushing, 'git', 'commit', '-q', '--allow-empty', '-m', 'root')
    rc, out = run(git_repo, pushing, 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out
    keys, expected = _containers(git_repo, random.Random('every-mode'))
    outputs = []
    as_files = scan('--format', 'json', '.', cwd=git_repo)
    git(git_repo, 'add', '-A')
    staged = scan('--staged', '--format', 'json', cwd=git_repo)
    hook = run_script('detect-together-keys', *git(git_repo, 'ls-files').split(), cwd=git_repo)
    commit(git_repo, 'containers')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    diff = scan('--diff', 'origin/main...HEAD', '--format', 'json', cwd=git_repo)
    rc, pushed = run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    for result in (as_files, staged, hook, history, diff):
        outputs += [result.out, result.err]
    assert leaked(keys, *outputs, pushed) == []
    assert _found(as_files) == expected
    assert _found(staged) == expected
    assert _found(history) == expected
    assert _found(diff) == expected
    assert hook.rc == 1
    assert set(re.findall(r'^(\S+):\d+: ', hook.out, re.M)) == {p for p, _h in expected}
    assert rc != 0
    assert set(re.findall(r'hashed_secret ([0-9a-f]{40})', pushed)) == {h for _p, h in expected}


def test_pre_receive_refuses_a_push_of_a_container_holding_a_key(git_repo, tmp_path):
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    keys, expected = _containers(git_repo, random.Random('pre-receive'))
    commit(git_repo, 'containers')
    rc, out = run(git_repo, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert leaked(keys, out) == []
    for path, hashed in expected:
        assert re.search(re.escape(path) + r':\d+: .*' + hashed, out), out


def test_a_container_larger_than_a_window_is_read_as_it_streams(git_repo):
    # Incompressible filler: the archives themselves pass a window, so the
    # work tree is read in windows and history streams the blob.
    rng = random.Random('large')
    filler = rng.randbytes(WINDOW + (1 << 20))
    keys = [make_key(rng), make_key(rng)]
    (git_repo / 'big.zip').write_bytes(_zip({'blob.bin': filler, 'deploy/.env': _env(keys[0])}))
    (git_repo / 'big.tar.gz').write_bytes(_tgz({'blob.bin': filler, 'deploy/.env': _env(keys[1])}))
    assert (git_repo / 'big.zip').stat().st_size > WINDOW
    expected = {
        ('big.zip!deploy/.env', hash_secret(keys[0])),
        ('big.tar.gz!deploy/.env', hash_secret(keys[1])),
    }
    as_files = scan('--format', 'json', '.', cwd=git_repo)
    git(git_repo, 'add', '-A')
    (git_repo / 'big.zip').unlink()  # the index's copy is what counts
    (git_repo / 'big.tar.gz').unlink()
    staged = scan('--staged', '--format', 'json', cwd=git_repo)
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'large')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    assert leaked(keys, *(r.out + r.err for r in (as_files, staged, history))) == []
    assert _found(as_files) == expected
    assert _found(staged) == expected
    assert _found(history) == expected


def test_a_bomb_fails_closed_in_one_line_and_bounded_memory(git_repo):
    # Multi-member gzip: each member 1 MB of zeros, ~1 KB compressed.
    (git_repo / 'bomb.gz').write_bytes(gzip.compress(b'\0' * (1 << 20)) * ((EXPANDED >> 20) + 64))
    result, rss = peak('together-hooks', 'scan', 'bomb.gz', cwd=git_repo)
    assert result.rc == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith('together-hooks: error: bomb.gz: more than ')
    assert 'Traceback' not in result.err
    assert rss < MAX_RSS
    # What the line says to do: the config's exclude commits it unscanned.
    (git_repo / '.together-hooks.toml').write_text('exclude = ["bomb.gz"]\n')
    assert scan('bomb.gz', cwd=git_repo).rc == 0


def test_a_zip_whose_central_directory_is_huge_fails_closed_in_bounded_memory(git_repo):
    # zipfile reads the whole central directory at once: its size, in the
    # end record, is checked first.  A sparse file: a hole reads as zeros.
    size, directory = 512 << 20, 384 << 20
    end = struct.pack('<4s4H2LH', b'PK\x05\x06', 0, 0, 1, 1, directory, size - directory - 22, 0)
    sparse(git_repo / 'huge.zip', size - len(end), 0, b'PK\x03\x04')
    with open(git_repo / 'huge.zip', 'ab') as f:
        f.write(end)
    result, rss = peak('together-hooks', 'scan', 'huge.zip', cwd=git_repo)
    assert rss < MAX_RSS
    assert result.rc == 2, result.err
    assert result.err.strip().splitlines() == [
        'together-hooks: error: huge.zip: a zip of more than 65536 members or a central '
        'directory larger than 64 MB: not scanned whole',
    ]


def test_a_baseline_records_a_member_and_silences_it(git_repo):
    keys, expected = _containers(git_repo, random.Random('baseline'))
    made = run_script('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert made.rc == 0, made.err
    text = (git_repo / '.secrets.baseline').read_text()
    assert '"backup.zip!config/.env"' in text
    again = scan('--format', 'json', '.', cwd=git_repo)
    assert again.rc == 0, (again.out, again.err)
    assert leaked(keys, made.out, made.err, again.out, again.err, text) == []


def test_containers_the_central_directory_or_a_stub_hid_are_read(git_repo):
    # A zip before a zip, a zip behind a script stub, a PDF stream after a
    # damaged one: as files and in history.
    rng = random.Random('hidden')
    keys = [make_key(rng) for _ in range(3)]
    good = zlib.compress(b'BT (hello) Tj ET\n' * 50)
    files = {
        'two.zip': _zip({'a.env': _env(keys[0])}) + _zip({'b.txt': b'hello\n'}),
        'setup.sh': b'#!/bin/sh\nexec unzip -o "$0"\n' + _zip({'c.env': _env(keys[1])}),
        'x.pdf': (
            b'%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n' + good[:len(good) // 2]
            + b'\nendstream\nendobj\n2 0 obj\n<< /Filter /FlateDecode >>\nstream\n'
            + zlib.compress(f'BT ({keys[2]}) Tj ET\n'.encode()) + b'\nendstream\nendobj\n%%EOF\n'
        ),
    }
    expected = {
        ('two.zip!a.env', hash_secret(keys[0])), ('setup.sh!c.env', hash_secret(keys[1])),
        ('x.pdf!obj 2', hash_secret(keys[2])),
    }
    _found_in_tree_and_history(git_repo, files, keys, expected)


def _tar(*members: tuple[str, bytes] | tarfile.TarInfo) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w', format=tarfile.PAX_FORMAT) as t:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                t.addfile(member)
                continue
            info = tarfile.TarInfo(member[0])
            info.size = len(member[1])
            t.addfile(info, io.BytesIO(member[1]))
    return out.getvalue()


def test_what_follows_a_tar_or_a_stream_and_a_tar_s_links_are_read_in_every_mode(git_repo):
    # Concatenated tars, a gzip member after a tar, a gzip after a bzip2
    # stream, a symlink's target and a pax comment: the tree and --history
    # find each (each passed before, rc 0).
    rng = random.Random('after')
    keys = [make_key(rng) for _ in range(5)]
    clean = _tar(('README', b'nothing\n'))
    link = tarfile.TarInfo('current')
    link.type, link.linkname = tarfile.SYMTYPE, f'releases/{keys[3]}'
    commented = tarfile.TarInfo('notes')
    commented.pax_headers = {'comment': f'TOGETHER_API_KEY={keys[4]}'}
    files = {
        'cat.tar.gz': gzip.compress(clean + _tar(('b.env', _env(keys[0])))),
        'multi.tar.gz': gzip.compress(clean) + gzip.compress(_env(keys[1])),
        'trail.sql.bz2': bz2.compress(b'-- dump\n' * 50) + gzip.compress(_env(keys[2])),
        'link.tar.gz': gzip.compress(_tar(link, commented)),
    }
    expected = {
        ('cat.tar.gz!b.env', hash_secret(keys[0])),
        ('multi.tar.gz!<after the tar>', hash_secret(keys[1])),
        ('trail.sql.bz2!<after the bzip2>!<after the bzip2>', hash_secret(keys[2])),
        ('link.tar.gz!<path name>', hash_secret(keys[3])),
        ('link.tar.gz!<path name>', hash_secret(keys[4])),
    }
    _found_in_tree_and_history(git_repo, files, keys, expected)


def test_a_sparse_tar_member_stops_at_the_budget_in_one_line(git_repo):
    # 2 KB whose one member says 4 GiB: its holes count as decompressed.
    def field(n: int, width: int) -> bytes:
        return b'%0*o\0' % (width - 1, n)
    claimed = 4 << 30
    h = bytearray(512)
    h[0:8] = b'disk.img'
    h[100:108], h[108:116], h[116:124] = field(0o644, 8), field(0, 8), field(0, 8)
    h[124:136], h[136:148] = field(512, 12), field(0, 12)
    h[156:157], h[257:265] = b'S', b'ustar  \0'
    h[386:398], h[398:410], h[483:495] = field(claimed - 512, 12), field(512, 12), field(claimed, 12)
    h[148:156] = b' ' * 8
    h[148:156] = b'%06o\0 ' % sum(h)
    (git_repo / 'disk.tar').write_bytes(bytes(h) + b'x' * 512 + bytes(1024))
    result, rss = peak('together-hooks', 'scan', 'disk.tar', cwd=git_repo)
    assert result.rc == 2, result.err
    assert result.err.strip().splitlines() == [
        f'together-hooks: error: disk.tar!disk.img: more than {EXPANDED >> 20} MB decompressed: '
        'not scanned whole (a compression bomb, or an archive too large to vouch for; '
        "add its path to the config's exclude to commit it unscanned)",
    ]
    assert rss < MAX_RSS
