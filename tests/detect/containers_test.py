"""Keys inside compressed containers (``detect/containers.py``): zip members
stored or deflated (zip64, data descriptors, bzip2 and LZMA members),
gzip (every member), bzip2, xz, tar (plain or compressed), containers in
containers; built at run time by the standard library and, where
installed, by the real tools (``zip``, ``jar``, ``gzip``, ``tar``).  A
finding names the container and the member.  What cannot be scanned whole
(a bomb, a corrupt archive, nesting past the limit) fails closed."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import random
import re
import shutil
import struct
import subprocess
import tarfile
import zipfile
import zlib

import pytest

from tests import jdk
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import budget
from together_hooks.detect import containers
from together_hooks.detect import engine
from together_hooks.detect.prefilter import container_kind
from together_hooks.errors import InputError
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.rules import RULES
from together_hooks.sources.content import Content

_rng = random.Random('containers')


def _env(key: str) -> bytes:
    return f'APP_ENV=prod\nTOGETHER_API_KEY={key}\nDEBUG=0\n'.encode()


def found(data: bytes, path: str = 'archive') -> list[tuple[str, int, str]]:
    """(path, line, hashed secret) of what the pipeline's scanner finds
    (hashed: a failing assertion never shows a key)."""
    return sorted((f.path, f.line, f.hashed_secret) for f in Scanner().scan_one(Content(path, data)))


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED, **kw: object) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', compression) as z:
        for name, data in members.items():
            with z.open(name, 'w', **kw) as f:  # type: ignore[arg-type]
                f.write(data)
    return out.getvalue()


class _Unseekable(io.RawIOBase):
    """A pipe-like output: zipfile writes data descriptors after each member."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        return self.buffer.write(data)


def _tar(members: dict[str, bytes], mode: str = 'w') -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as t:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.mark.parametrize('compression', [
    zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
], ids=['deflate', 'bzip2', 'lzma'])
def test_a_key_in_a_compressed_zip_member_is_found_at_its_member(compression):
    key = make_key(_rng)
    data = _zip({'README.md': b'# notes\n' * 50, 'config/.env': _env(key)}, compression)
    plain = key.encode() in data
    assert not plain  # compressed: not there as itself
    assert found(data, 'backup.zip') == [('backup.zip!config/.env', 2, hash_secret(key))]


def test_a_stored_zip_member_is_reported_once_at_its_member():
    # Stored bytes hold the key as it is: the raw scan finds it too, and
    # the member's finding replaces the container's.
    key = make_key(_rng)
    data = _zip({'a/.env': _env(key)}, zipfile.ZIP_STORED)
    plain = key.encode() in data
    assert plain
    assert found(data, 'backup.zip') == [('backup.zip!a/.env', 2, hash_secret(key))]


def test_zip64_and_data_descriptors_are_read():
    key = make_key(_rng)
    assert found(_zip({'big/.env': _env(key)}, force_zip64=True), 'z.zip') == [
        ('z.zip!big/.env', 2, hash_secret(key)),
    ]
    pipe = _Unseekable()
    with zipfile.ZipFile(pipe, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('piped/.env', _env(key))
    data = pipe.buffer.getvalue()
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x8  # a data descriptor
    assert found(data, 'p.zip') == [('p.zip!piped/.env', 2, hash_secret(key))]


def test_office_and_java_archives_are_zips():
    # An .xlsx's shared strings, a .jar's properties: deflated members.
    key = make_key(_rng)
    xlsx = _zip({
        '[Content_Types].xml': b'<?xml version="1.0"?><Types/>',
        'xl/sharedStrings.xml': f'<sst><si><t>TOGETHER_API_KEY</t></si><si><t>{key}</t></si></sst>'.encode(),
    })
    assert found(xlsx, 'report.xlsx') == [('report.xlsx!xl/sharedStrings.xml', 1, hash_secret(key))]


def test_sheet_rows_are_read_in_one_pass_whatever_elements_are_left_open():
    # A legacy key beside its name in an xlsx row (shared strings), then
    # elements left open: 200,000 ``<si>``, ``<row>``, ``<c `` and ``<t ``
    # with no end (a lazy regex scanned to the end again from each one:
    # hours on these 2 MB).  The row before them is still read.
    hexkey = make_hex(_rng)
    junk = 200_000
    xlsx = _zip({
        'xl/sharedStrings.xml': (
            f'<sst>\n<si><t>TOGETHER_API_KEY</t></si>\n<si><t>{hexkey}</t></si>\n'.encode() + b'<si>' * junk
        ),
        'xl/worksheets/sheet1.xml': (
            b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            + b'<row>' * junk
        ),
        'xl/worksheets/sheet2.xml': b'<row>' + b'<c ' * junk + b'</row><row><c t="inlineStr"><is>' + b'<t ' * junk,
    })
    assert found(xlsx, 'keys.xlsx') == [('keys.xlsx!xl/sharedStrings.xml', 3, hash_secret(hexkey))]


def test_shared_strings_are_read_once_for_the_members_and_the_rows():
    # The shared strings are scanned as a member and held for the sheets'
    # rows: decompressed (and charged to the budget) once.  Two xlsx that
    # differ only in ``pad`` bytes of shared strings cost ``pad`` apart.
    hexkey = make_hex(_rng)
    pad = 100_000

    def spent(padding: bytes) -> int:
        xlsx = _zip({
            'xl/sharedStrings.xml': f'<sst><si><t>TOGETHER_API_KEY</t></si><si><t>{hexkey}</t></si>'.encode()
            + padding + b'</sst>',
            'xl/worksheets/sheet1.xml': b'<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>',
        })
        cost = budget.Budget('k.xlsx')
        _rules, scan = engine._member_scan(RULES, cost)
        findings, whole = containers.scan_packed(xlsx, 'k.xlsx', scan, cost)
        assert whole and [f.hashed_secret for f in findings] == [hash_secret(hexkey)]
        return cost.spent

    assert spent(b' ' * pad) - spent(b'') == pad


def test_every_gzip_member_is_read():
    key = make_key(_rng)
    data = gzip.compress(b'-- dump\n' * 100) + gzip.compress(b'INSERT 1;\n' + _env(key))
    assert found(data, 'db/dump.sql.gz') == [('db/dump.sql.gz!dump.sql', 103, hash_secret(key))]


@pytest.mark.parametrize('mode,name', [
    ('w', 'logs.tar'), ('w:gz', 'logs.tar.gz'), ('w:bz2', 'logs.tar.bz2'), ('w:xz', 'logs.tar.xz'),
])
def test_a_key_in_a_tar_member_is_found_at_its_member(mode, name):
    key = make_key(_rng)
    data = _tar({'app/notes.txt': b'nothing\n', 'app/.env': _env(key)}, mode)
    assert found(data, name) == [(f'{name}!app/.env', 2, hash_secret(key))]


@pytest.mark.parametrize('compress,name', [
    (bz2.compress, 'secrets.env.bz2'), (lzma.compress, 'secrets.env.xz'),
])
def test_bzip2_and_xz_are_read(compress, name):
    key = make_key(_rng)
    assert found(compress(_env(key)), name) == [(f'{name}!secrets.env', 2, hash_secret(key))]


# Data after a tar, after a bzip2 or xz stream; a tar's link targets and
# header values; a sparse member: each read, or the file fails closed.

def _tar_of(*entries: tarfile.TarInfo | tuple[str, bytes], format: int = tarfile.PAX_FORMAT) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w', format=format) as t:
        for entry in entries:
            if isinstance(entry, tarfile.TarInfo):
                t.addfile(entry)
            else:
                info = tarfile.TarInfo(entry[0])
                info.size = len(entry[1])
                t.addfile(info, io.BytesIO(entry[1]))
    return out.getvalue()


@pytest.mark.parametrize('compress,name', [
    (gzip.compress, 'after.tar.gz'), (bz2.compress, 'after.tar.bz2'), (lzma.compress, 'after.tar.xz'),
])
def test_what_follows_a_tar_is_read(compress, name):
    # A second tar (GNU tar -i reads both), or text: a tar ends at its two
    # zero blocks, and the stream goes on.
    keys = [make_key(_rng), make_key(_rng)]
    clean = _tar({'README': b'nothing here\n'})
    data = compress(clean + _tar({'app/.env': _env(keys[0])}) + clean + b'# trailer\n' + _env(keys[1]))
    assert found(data, name) == [
        (f'{name}!<after the tar>', 3, hash_secret(keys[1])),
        (f'{name}!app/.env', 2, hash_secret(keys[0])),
    ]


def test_a_gzip_member_after_a_tar_is_read():
    key = make_key(_rng)
    data = gzip.compress(_tar({'README': b'hi\n'})) + gzip.compress(b'-- notes\n' + _env(key))
    assert found(data, 'multi.tar.gz') == [('multi.tar.gz!<after the tar>', 3, hash_secret(key))]


def test_concatenated_tars_written_by_the_real_tools(tmp_path):
    if shutil.which('tar') is None or shutil.which('gzip') is None:
        pytest.skip('tar or gzip is not installed')
    key = make_key(_rng)
    (tmp_path / 'a').mkdir()
    (tmp_path / 'a' / 'notes.txt').write_bytes(b'notes\n' * 100)
    (tmp_path / 'b').mkdir()
    (tmp_path / 'b' / 'app.env').write_bytes(b'# settings\n' * 50 + _env(key))
    for part in ('a', 'b'):
        subprocess.run(('tar', 'cf', f'{part}.tar', part), cwd=tmp_path, check=True)
    joined = (tmp_path / 'a.tar').read_bytes() + (tmp_path / 'b.tar').read_bytes()
    data = subprocess.run(('gzip', '-c'), input=joined, capture_output=True, check=True).stdout
    listed = subprocess.run(('tar', '-tzif', '-'), input=data, capture_output=True, check=True).stdout
    assert b'b/app.env' in listed
    assert found(data, 'cat.tgz') == [('cat.tgz!b/app.env', 52, hash_secret(key))]


@pytest.mark.parametrize('damage', ['header', 'truncated header'])
def test_a_damaged_tar_header_before_the_end_fails_closed(damage):
    # Before the zero blocks that end it, a block that is no header is a
    # damaged tar: nothing after it can be vouched for.
    key = make_key(_rng)
    tar = _tar({'README': b'hi\n'})
    head = tar[:1024]  # the member's header and data, no end
    bad = (b'#' * 512 if damage == 'header' else b'#' * 100) + _env(key)
    with pytest.raises(InputError, match=r'^t\.tgz: a tar whose header at byte 1024 is damaged: not scanned whole$'):
        found(gzip.compress(head + bad), 't.tgz')


@pytest.mark.parametrize('compress,kind,name', [
    (bz2.compress, 'bzip2', 'dump.sql.bz2'), (lzma.compress, 'xz', 'dump.sql.xz'),
])
def test_what_follows_a_bzip2_or_xz_stream_is_read(compress, kind, name):
    # bzip2 and xz read every stream (NUL padding between them, as xz
    # allows); what follows the last is scanned as a member of its own.
    keys = [make_key(_rng), make_key(_rng)]
    data = (
        compress(b'-- dump\n' * 100) + b'\0' * 4 + compress(_env(keys[0]))
        + b'\0' * 8 + gzip.compress(b'-- more\n' + _env(keys[1]))
    )
    assert found(data, name) == sorted([
        # A gzip names its member as its own name less ".gz".
        (f'{name}!<after the {kind}>!<after the {kind}>', 3, hash_secret(keys[1])),
        (f'{name}!dump.sql', 102, hash_secret(keys[0])),
    ])


@pytest.mark.parametrize('tool,kind', [('bzip2', 'bzip2'), ('xz', 'xz')])
def test_a_gzip_after_a_stream_of_the_real_tools(tmp_path, tool, kind):
    if shutil.which(tool) is None:
        pytest.skip(f'{tool} is not installed')
    key = make_key(_rng)
    first = subprocess.run((tool, '-c'), input=b'-- dump\n' * 100, capture_output=True, check=True).stdout
    data = first + gzip.compress(_env(key))
    after = f'trail.sql!<after the {kind}>'
    assert found(data, 'trail.sql') == [(f'{after}!<after the {kind}>', 2, hash_secret(key))]


def _xz_asking_for(dict_byte: int, data: bytes) -> bytes:
    """An xz whose one block's LZMA2 filter asks for the dictionary
    ``dict_byte`` encodes (40: 4 GiB), its header's CRC32 made right."""
    xz = bytearray(lzma.compress(data))
    size = (xz[12] + 1) * 4  # the block header follows the 12-byte stream header
    block = xz[12:12 + size]
    at = block.index(b'\x21\x01', 2)  # filter LZMA2, one byte of properties
    block[at + 2] = dict_byte
    block[-4:] = zlib.crc32(bytes(block[:-4])).to_bytes(4, 'little')
    xz[12:12 + size] = block
    return bytes(xz)


def test_an_xz_asking_for_a_huge_dictionary_fails_closed():
    data = _xz_asking_for(37, _env(make_key(_rng)))  # 1.5 GiB
    with pytest.raises(InputError, match=r'^big\.xz: an xz that needs more than \d+ MB of memory'):
        found(data, 'big.xz')
    # An ordinary dictionary (8 MiB) is read.
    key = make_key(_rng)
    assert found(_xz_asking_for(22, _env(key)), 'ok.xz') == [('ok.xz!ok', 2, hash_secret(key))]


def test_tar_link_targets_and_header_values_are_scanned():
    links, hexes = [make_key(_rng), make_key(_rng)], make_key(_rng)
    symlink = tarfile.TarInfo('current')
    symlink.type, symlink.linkname = tarfile.SYMTYPE, f'releases/{links[0]}'
    hardlink = tarfile.TarInfo('copy')
    hardlink.type, hardlink.linkname = tarfile.LNKTYPE, f'{links[1]}.env'
    commented = tarfile.TarInfo('notes.txt')
    commented.pax_headers = {'comment': f'TOGETHER_API_KEY={hexes}'}
    data = gzip.compress(_tar_of(symlink, hardlink, commented, ('README', b'hi\n')))
    paths = {(p, s) for p, _l, s in found(data, 'links.tgz')}
    assert paths == {('links.tgz!<path name>', hash_secret(k)) for k in (*links, hexes)}


@pytest.mark.parametrize('length', [b'xx', b'00'], ids=['unparsed', 'damaged'])
def test_a_pax_record_tarfile_cannot_parse_is_scanned_or_fails_closed(length):
    # tarfile drops a record that does not start with its length, and
    # with ignore_zeros skips a header whose record says length 0.
    key = make_key(_rng)
    commented = tarfile.TarInfo('notes')
    commented.pax_headers = {'comment': f'TOGETHER_API_KEY={key}'}
    tar = bytearray(_tar_of(commented))
    at = tar.index(b' comment=')
    tar[at - 2:at] = length
    data = gzip.compress(bytes(tar))
    if length == b'00':
        with pytest.raises(InputError, match=r'^p\.tgz: a tar whose header at byte 0 is damaged'):
            found(data, 'p.tgz')
    else:
        assert [(p, s) for p, _l, s in found(data, 'p.tgz')] == [('p.tgz!<path name>', hash_secret(key))]

def _sparse_tar(claimed: int) -> bytes:
    """A GNU sparse member: 512 bytes stored, ``claimed`` bytes long."""
    def field(n: int, width: int) -> bytes:
        return b'%0*o\0' % (width - 1, n)
    h = bytearray(512)
    h[0:8] = b'disk.img'
    h[100:108], h[108:116], h[116:124] = field(0o644, 8), field(0, 8), field(0, 8)
    h[124:136], h[136:148] = field(512, 12), field(0, 12)
    h[156:157] = b'S'
    h[257:265] = b'ustar  \0'
    h[386:398], h[398:410] = field(claimed - 512, 12), field(512, 12)  # its data, at the end
    h[483:495] = field(claimed, 12)
    h[148:156] = b' ' * 8
    h[148:156] = b'%06o\0 ' % sum(h)
    return bytes(h) + b'x' * 512 + bytes(1024)


@pytest.mark.parametrize('wrap', [False, True], ids=['tar', 'tar.gz'])
def test_a_sparse_tar_member_counts_against_the_budget(monkeypatch, wrap):
    monkeypatch.setattr(budget, 'EXPANDED', 4 << 20)
    data = _sparse_tar(64 << 20)
    assert tarfile.open(fileobj=io.BytesIO(data)).getmembers()[0].size == 64 << 20
    with pytest.raises(InputError, match=r'^disk\.tar!disk\.img: more than 4 MB decompressed'):
        found(gzip.compress(data) if wrap else data, 'disk.tar')


def test_containers_inside_containers_are_read():
    key = make_key(_rng)
    jar = _zip({'META-INF/MANIFEST.MF': b'Manifest-Version: 1.0\n', 'app.properties': _env(key)})
    war = _zip({'WEB-INF/lib/app.jar': jar})
    outer = _tar({'deploy/site.war': war}, 'w:gz')
    assert found(outer, 'release.tgz') == [
        ('release.tgz!deploy/site.war!WEB-INF/lib/app.jar!app.properties', 2, hash_secret(key)),
    ]


@pytest.mark.parametrize('mode,name', [('w:gz', 'n.tgz'), ('zip', 'n.zip')])
def test_a_key_in_a_member_name_is_found(mode, name):
    # A tar.gz holds its names compressed; each is a line of <path name>.
    key, named = make_key(_rng), make_key(_rng)
    members = {'README': b'x\n', f'{named}/app.env': _env(key)}
    data = _zip(members) if mode == 'zip' else _tar(members, mode)
    assert found(data, name) == sorted([
        (f'{name}!<path name>', 2, hash_secret(named)),
        (f'{name}!{named}/app.env', 2, hash_secret(key)),
    ])


def test_an_encrypted_member_is_left_unread(tmp_path):
    # Like any encrypted data: no reader without the password sees it.
    if shutil.which('zip') is None:
        pytest.skip('zip is not installed')
    (tmp_path / 'a.env').write_bytes(_env(make_key(_rng)))
    subprocess.run(('zip', '-q', '-P', 'pw', 'e.zip', 'a.env'), cwd=tmp_path, check=True)
    assert found((tmp_path / 'e.zip').read_bytes(), 'e.zip') == []


@pytest.mark.parametrize('tool', ['zip', 'jar', 'gzip', 'tar'])
def test_archives_written_by_the_real_tools(tmp_path, tool):
    if shutil.which(tool) is None:
        pytest.skip(f'{tool} is not installed')
    key = make_key(_rng)
    src = tmp_path / 'src'
    (src / 'conf').mkdir(parents=True)
    (src / 'conf' / 'app.env').write_bytes(b'# settings\n' * 50 + _env(key))  # worth deflating
    (src / 'conf' / 'filler.txt').write_bytes(b'filler line\n' * 500)
    command, made, member = {
        'zip': (('zip', '-q', '-r', '../out.zip', 'conf'), 'out.zip', 'conf/app.env'),
        'jar': (('jar', 'cf', '../out.jar', 'conf'), 'out.jar', 'conf/app.env'),
        'gzip': (('gzip', '-k', 'conf/app.env'), 'src/conf/app.env.gz', 'app.env'),
        'tar': (('tar', 'czf', '../out.tgz', 'conf'), 'out.tgz', 'conf/app.env'),
    }[tool]
    subprocess.run(jdk.argv(command), cwd=src, check=True, capture_output=True)
    data = (tmp_path / made).read_bytes()
    plain = key.encode() in data
    assert not plain
    name = os.path.basename(made)
    assert found(data, name) == [(f'{name}!{member}', 52, hash_secret(key))]


def _pdf(*lines: str, compress: bool = True) -> bytes:
    """A PDF fpdf2 writes: each line a cell of text on its page."""
    fpdf = pytest.importorskip('fpdf')
    pdf = fpdf.FPDF()
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.set_font('helvetica', size=10)
    for line in lines:
        pdf.cell(text=line)
        pdf.ln()
    return bytes(pdf.output())


def test_a_key_in_a_pdf_page_is_found_in_its_zlib_stream():
    key = make_key(_rng)
    data = _pdf('Meeting notes', 'Staging config:', f'TOGETHER_API_KEY={key}')
    plain = key.encode() in data
    assert not plain  # the page's content stream is deflated
    [(path, _line, hashed)] = found(data, 'notes.pdf')
    assert re.fullmatch(r'notes\.pdf!obj [0-9]+', path)
    assert hashed == hash_secret(key)


def test_an_uncompressed_pdf_is_found_as_it_is():
    key = make_key(_rng)
    data = _pdf(f'key: {key}', compress=False)
    assert [(p, s) for p, _l, s in found(data, 'notes.pdf')] == [('notes.pdf', hash_secret(key))]


def test_a_pdf_stream_that_is_no_zlib_data_is_passed_over():
    # An image, a damaged stream: read as far as a viewer reads them.
    key = make_key(_rng)
    data = (
        b'%PDF-1.4\n1 0 obj\n<< /Length 8 >>\nstream\n\xff\xd8\xff\xe0JFIF\nendstream\nendobj\n'
        + b'2 0 obj\n<< /Filter /FlateDecode >>\nstream\n'
        + zlib.compress(f'BT ({key}) Tj ET\n'.encode())[:-6] + b'\nendstream\nendobj\n%%EOF\n'
    )
    assert found(data, 'x.pdf') == [('x.pdf!obj 2', 1, hash_secret(key))]


def test_a_pdf_image_is_not_decompressed():
    # A scanned document's pages: pixels, and more than the budget.
    deflate = zlib.compressobj(1)
    row = bytes(1 << 20)
    pixels = b''.join(deflate.compress(row) for _ in range((budget.EXPANDED >> 20) + 1)) + deflate.flush()
    data = (
        b'%PDF-1.4\n3 0 obj\n<< /Type /XObject /Subtype /Image /Width 4096 /Filter /FlateDecode >>\n'
        + b'stream\n' + pixels + b'\nendstream\nendobj\n%%EOF\n'
    )
    assert found(data, 'scan.pdf') == []


def test_magic_bytes_tell_containers_from_text():
    assert container_kind(_zip({'a': b'a'})) == 'zip'
    assert container_kind(gzip.compress(b'a')) == 'gzip'
    assert container_kind(bz2.compress(b'a')) == 'bzip2'
    assert container_kind(lzma.compress(b'a')) == 'xz'
    assert container_kind(_tar({'a': b'a'})) == 'tar'
    for text in (b'', b'P', b'PK', b'BZh', b'BZhx', b'import os\n', b'\x1f\x8b'):
        assert container_kind(text) is None


def test_text_that_looks_like_a_magic_is_scanned_as_text():
    # "custard" puts "ustar" at 257; "BZh9" may start a line of text.
    key = make_key(_rng)
    for text in (
            b'#' * 256 + b'custard\n' + _env(key),
            b'#' * 256 + b'custar \n' + b'\0' * 300 + _env(key),
            b'BZh91 is a part number\n' + _env(key),
    ):
        assert container_kind(text) is None
        assert [s for _p, _l, s in found(text, 'notes.txt')] == [hash_secret(key)]


class _Zeros(io.RawIOBase):
    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


def test_a_tar_inside_gzip_counts_once_against_the_budget():
    # Its members are the gzip's output, not decompressed a second time:
    # a .tar.gz of more than half the budget is read whole.
    key = make_key(_rng)
    size = (budget.EXPANDED >> 1) + (8 << 20)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz', compresslevel=1) as t:
        info = tarfile.TarInfo('zeros.bin')
        info.size = size
        t.addfile(info, _Zeros(size))
        info = tarfile.TarInfo('app/.env')
        info.size = len(_env(key))
        t.addfile(info, io.BytesIO(_env(key)))
    assert found(out.getvalue(), 'logs.tgz') == [('logs.tgz!app/.env', 2, hash_secret(key))]


def _gzip_of_zeros(megabytes: int) -> bytes:
    # Multi-member: each member 1 MB of zeros, ~1 KB compressed.
    return gzip.compress(b'\0' * (1 << 20)) * megabytes


def test_a_gzip_bomb_stops_at_the_budget():
    data = _gzip_of_zeros((budget.EXPANDED >> 20) + 8)
    assert len(data) < 2 << 20
    with pytest.raises(InputError, match=r'^bomb\.gz: more than \d+ MB decompressed'):
        found(data, 'bomb.gz')


def test_a_nested_zip_bomb_stops_at_the_budget():
    # 42.zip's shape: each level holds the one below many times over.
    inner = _zip({'zeros': b'\0' * (16 << 20)})
    level = _zip({f'{i}.zip': inner for i in range(8)})
    top = _zip({f'{i}.zip': level for i in range(4)})
    assert len(top) < 1 << 20
    with pytest.raises(InputError, match='MB decompressed: not scanned whole'):
        found(top, '42.zip')


def test_nesting_deeper_than_the_limit_fails_closed():
    data = _env(make_key(_rng))
    for _ in range(containers.DEPTH + 1):
        data = gzip.compress(data)
    with pytest.raises(InputError, match='nested more than'):
        found(data, 'deep.gz')


@pytest.mark.parametrize('damage', ['truncated', 'corrupted'])
def test_a_container_that_does_not_decompress_fails_closed(damage):
    data = gzip.compress(_env(make_key(_rng)) * 20)
    if damage == 'truncated':
        data = data[:len(data) // 2]
    else:
        data = data[:20] + bytes(b ^ 0x55 for b in data[20:40]) + data[40:]
    with pytest.raises(InputError, match=r"^x\.gz: a gzip that does not decompress \(.+\): not scanned whole$"):
        found(data, 'x.gz')


def _pdf_after_damage(key: str) -> bytes:
    """A PDF whose first zlib stream is cut short, a key in the next."""
    good = zlib.compress(b'BT (hello world) Tj ET\n' * 50)
    return (
        b'%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n' + good[:len(good) // 2]
        + b'\nendstream\nendobj\n2 0 obj\n<< /Filter /FlateDecode >>\nstream\n'
        + zlib.compress(f'BT (TOGETHER_API_KEY={key}) Tj ET\n'.encode())
        + b'\nendstream\nendobj\n%%EOF\n'
    )


def test_a_damaged_pdf_stream_does_not_hide_the_streams_after_it():
    key = make_key(_rng)
    data = _pdf_after_damage(key)
    assert key.encode() not in data
    assert found(data, 'x.pdf') == [('x.pdf!obj 2', 1, hash_secret(key))]
    # Streamed (no seek back): inside a gzip.
    assert found(gzip.compress(data), 'x.pdf.gz') == [('x.pdf.gz!x.pdf!obj 2', 1, hash_secret(key))]


def _stored_in_the_directory(data: bytes) -> bytes:
    """A one-member deflated zip whose central directory says "stored",
    its CRC that of the raw bytes (zipfile reads them as they are; unzip
    follows the local header and inflates them)."""
    out = bytearray(data)
    cd = out.find(b'PK\x01\x02')
    csize = struct.unpack_from('<I', out, cd + 20)[0]
    nlen, elen = struct.unpack_from('<HH', out, 26)
    raw = bytes(out[30 + nlen + elen:30 + nlen + elen + csize])
    struct.pack_into('<H', out, cd + 10, 0)
    struct.pack_into('<I', out, cd + 16, zlib.crc32(raw))
    struct.pack_into('<I', out, cd + 24, csize)
    return bytes(out)


def test_a_zip_before_a_zip_is_read_from_its_local_headers():
    key = make_key(_rng)
    data = _zip({'config.env': _env(key)}) + _zip({'other.txt': b'hello\n'})
    assert key.encode() not in data
    assert found(data, 'x.zip') == [('x.zip!config.env', 2, hash_secret(key))]


def test_a_local_header_the_central_directory_contradicts_is_read_as_unzip_reads_it():
    key = make_key(_rng)
    data = _stored_in_the_directory(_zip({'config.env': _env(key)}))
    assert key.encode() not in data
    assert found(data, 'x.zip') == [('x.zip!config.env', 2, hash_secret(key))]


def test_an_entry_named_as_a_folder_that_holds_data_is_read():
    key = make_key(_rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo('notes/'), _env(key), zipfile.ZIP_DEFLATED)
    assert found(out.getvalue(), 'x.zip') == [('x.zip!notes/', 2, hash_secret(key))]


def test_a_local_entry_that_cannot_be_read_fails_closed():
    # Outside the central directory, in a method not read from a local header.
    key = make_key(_rng)
    data = _zip({'a.env': _env(key)}, zipfile.ZIP_LZMA) + _zip({'b.txt': b'hello\n'})
    with pytest.raises(InputError, match=r'^x\.zip!a\.env: a zip entry outside its central directory, method 14: not scanned whole$'):
        found(data, 'x.zip')


def test_utf16_text_larger_than_a_window_in_a_container_is_decoded():
    # A UTF-16LE SQL dump (SSMS, PowerShell's Out-File) gzipped: its text
    # is decoded across windows, as a large file's is.
    from together_hooks.detect.windows import WINDOW

    key = make_key(_rng)
    rows = "INSERT INTO t VALUES (1, 'x');\r\n" * (WINDOW // 60 + 1000)
    text = ('\ufeff' + rows + f'TOGETHER_API_KEY={key}\r\n' + rows).encode('utf-16-le')
    assert len(text) > WINDOW
    data = gzip.compress(text, 1)
    [(path, line, hashed)] = found(data, 'dump.sql.gz')
    assert (path, hashed) == ('dump.sql.gz!dump.sql', hash_secret(key))
    assert line == rows.count('\n') + 1


def test_a_zip_behind_a_script_stub_is_read():
    # A self-extracting archive: zipfile (and unzip) find it by its end record.
    key = make_key(_rng)
    data = b'#!/bin/sh\nexec unzip -o "$0"\n' + _zip({'config.env': _env(key)})
    assert found(data, 'setup.sh') == [('setup.sh!config.env', 2, hash_secret(key))]
    assert container_kind(data) is None
    assert container_kind(data, whole=True) == 'zip'


def test_a_script_payload_after_its_header_is_read():
    # makeself: a shell header, then a gzip'd tar right after its last line.
    key = make_key(_rng)
    header = b'#!/bin/sh\n# installer\ntail -n +4 "$0" | tar xz; exit\n'
    data = header + gzip.compress(_tar({'app/.env': _env(key)}))
    assert found(data, 'install.run') == [('install.run!app/.env', 2, hash_secret(key))]
    assert container_kind(data, whole=True) == 'gzip'


def test_stray_end_record_bytes_are_no_zip():
    data = b'\x7fELF' + bytes(100) + b'PK\x05\x06' + bytes(30)
    assert found(data, 'a.out') == []  # not "a zip that does not decompress"
    assert container_kind(data, whole=True) is None


def test_a_large_container_swapped_for_a_symlink_is_not_followed(tmp_path, monkeypatch):
    # Its members are read in a second open, after its windows: a symlink
    # swapped in between is refused (as the first read refuses one).
    from together_hooks.detect.windows import WINDOW

    key = make_key(_rng)
    big = tmp_path / 'big.zip'
    big.write_bytes(_zip({'blob.bin': random.Random(1).randbytes(WINDOW + (1 << 20))}, zipfile.ZIP_STORED))
    elsewhere = tmp_path / 'elsewhere.zip'
    elsewhere.write_bytes(_zip({'config.env': _env(key)}))
    scan_windows = Scanner._scan_windows

    def then_swap(self, *args):  # type: ignore[no-untyped-def]
        done = scan_windows(self, *args)
        big.unlink()
        big.symlink_to(elsewhere)
        return done

    monkeypatch.setattr(Scanner, '_scan_windows', then_swap)
    with pytest.raises(InputError, match=r'^big\.zip: replaced while read'):
        Scanner().scan_one(Content('big.zip', fs_path=str(big)))


def test_an_entry_read_from_both_headers_is_reported_once():
    # The local header's size disagrees with the central directory's; the
    # bytes are the same: read twice, reported once.
    key = make_key(_rng)
    data = bytearray(_zip({'config.env': _env(key)}))
    struct.pack_into('<I', data, 22, struct.unpack_from('<I', data, 22)[0] + 1)
    assert found(bytes(data), 'x.zip') == [('x.zip!config.env', 2, hash_secret(key))]


@pytest.mark.skipif(shutil.which('zip') is None, reason='zip not installed')
def test_a_real_self_extracting_zip_and_a_zip_before_it_are_read(tmp_path):
    # `zip -A` fixes the offsets of a zip behind a stub, as SFX tools do;
    # a zip the tool wrote goes before it.
    keys = [make_key(_rng), make_key(_rng)]
    for name, key in (('first', keys[0]), ('second', keys[1])):
        (tmp_path / f'{name}.env').write_bytes(_env(key))
        subprocess.run(['zip', '-q', f'{name}.zip', f'{name}.env'], cwd=tmp_path, check=True)
    sfx = tmp_path / 'setup.sh'
    sfx.write_bytes(b'#!/bin/sh\nexec unzip -o "$0"\n' + (tmp_path / 'second.zip').read_bytes())
    subprocess.run(['zip', '-q', '-A', str(sfx)], check=True, capture_output=True)
    data = (tmp_path / 'first.zip').read_bytes() + sfx.read_bytes()
    assert found(data, 'setup.sh') == sorted([
        ('setup.sh!first.env', 2, hash_secret(keys[0])), ('setup.sh!second.env', 2, hash_secret(keys[1])),
    ])
