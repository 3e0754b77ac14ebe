"""A second held-out set of keys in encoded and binary forms (round 4):
the forms the first set (``encoded_heldout_test.py``) and its notes left
unread or untried, written by the real tools where the machine has them
(``base64``, ``basenc``, ``openssl``, ``kubectl``, ``xxd``, ``od``,
``hexdump``, ``gzip``, ``sqlite3``) and by the standard library otherwise
(zlib/gzip/bz2/lzma, tarfile, zipfile, sqlite3, marshal/py_compile,
``a85encode``/``b85encode``, quopri, binascii); with decoys (random
base64/hex/ASCII85/Z85 blobs, real ``.pyc`` files and a real ``.so`` of
the standard library, key-less SQLite databases, zips and an xlsx).

A case needing a tool the machine lacks is skipped alone; the others run.
Keys are made at run time (``tests/keys.py``); each case checks which keys
its file yields (their hashes), not lines (the first set's note).
``encoded_modes2_test.py`` runs them through ``--staged``, ``--history``,
``--diff``, the hook and a push.
"""
from __future__ import annotations

import base64
import binascii
import bz2
import glob
import gzip
import io
import json
import lzma
import marshal
import os
import py_compile
import quopri
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib

from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tar_gz
from tests.accuracy.encoded_heldout_test import _tool
from tests.accuracy.encoded_heldout_test import _tool_file
from tests.accuracy.encoded_heldout_test import _wrap
from tests.accuracy.encoded_heldout_test import _zip

STDLIB = os.path.dirname(os.__file__)


def _a85_block(data: bytes) -> bytes:
    return base64.a85encode(data, adobe=True, wrapcol=75)


def _pyc(source: str, name: str = 'settings.py') -> bytes:
    """``py_compile``'s real output for ``source``."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name)
        with open(src, 'w', encoding='utf-8') as f:
            f.write(source)
        out = os.path.join(tmp, name + 'c')
        py_compile.compile(src, cfile=out, doraise=True)
        with open(out, 'rb') as f:
            return f.read()


def _sqlite_cli(sql: str) -> bytes:
    """A database the ``sqlite3`` shell made from ``sql``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        subprocess.run(['sqlite3', path], input=sql.encode(), check=True, capture_output=True)
        with open(path, 'rb') as f:
            return f.read()


def _sqlite_py(create: str, insert: str, rows: list[tuple]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        con = sqlite3.connect(path)
        # No fsync: the same bytes (it is not in the file's format), and
        # _overflow_split builds hundreds of databases a case.
        con.execute('PRAGMA synchronous = OFF')
        con.execute(create)
        con.executemany(insert, rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def _xlsx(shared: list[str], rows: list[list[int]]) -> bytes:
    """An xlsx as Excel writes it: every cell a shared string's index
    (``t="s"``), the strings in ``xl/sharedStrings.xml``."""
    ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    sst = ''.join(f'<si><t>{s}</t></si>' for s in shared)
    cells = ''.join(
        f'<row r="{r + 1}">' + ''.join(
            f'<c r="{chr(65 + c)}{r + 1}" t="s"><v>{i}</v></c>' for c, i in enumerate(row)
        ) + '</row>'
        for r, row in enumerate(rows)
    )
    return _zip({
        '[Content_Types].xml': b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        'xl/workbook.xml': f'<workbook xmlns="{ns}"><sheets><sheet name="keys" sheetId="1"/></sheets></workbook>'.encode(),
        'xl/sharedStrings.xml': (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{ns}" count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">{sst}</sst>'
        ).encode(),
        'xl/worksheets/sheet1.xml': f'<worksheet xmlns="{ns}"><sheetData>{cells}</sheetData></worksheet>'.encode(),
    })


# --- ASCII85 and Z85 ------------------------------------------------------

def ascii85_adobe_block(m: Made):
    k = m.key()
    return b'# restore: python -c "import base64,sys;print(base64.a85decode(sys.stdin.read(),adobe=True))"\n' + _a85_block(_env(k)) + b'\n', [k]


def ascii85_adobe_legacy(m: Made):
    k = m.hex()
    return _a85_block(_env(k)) + b'\n', [k]


def ascii85_btoa_form(m: Made):
    # The btoa form: no <~ ~> marks, 'z' for zero groups, 'y' for spaces.
    k = m.key()
    body = base64.a85encode(_env(k), foldspaces=True, wrapcol=72)
    return b'xbtoa Begin\n' + body + b'\nxbtoa End N 0 0 E 0 S 0 R 0\n', [k]


def ascii85_postscript_stream(m: Made):
    k = m.key()
    body = _a85_block(zlib.compress(_env(k)))
    return (
        b'%!PS-Adobe-3.0\n/config currentfile /ASCII85Decode filter /FlateDecode filter def\n'
        + body + b'\n%%EOF\n'
    ), [k]


def ascii85_pdf_stream(m: Made):
    k = m.key()
    body = _a85_block(_env(k))
    return (
        b'%PDF-1.4\n1 0 obj\n<< /Length ' + str(len(body)).encode()
        + b' /Filter /ASCII85Decode >>\nstream\n' + body + b'\nendstream\nendobj\n%%EOF\n'
    ), [k]


def z85_basenc(m: Made):
    k = m.key()
    data = _env(k)
    data += b'#' * (-len(data) % 4)  # Z85 takes whole 4-byte groups
    return _tool('basenc', '--z85', data=data), [k]


# --- compressed streams written as base64 -------------------------------

def zlib_b64_k8s_stringdata(m: Made):
    k = m.key()
    blob = base64.b64encode(zlib.compress(_env(k))).decode()
    return f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  env.zz: {blob}\n'.encode(), [k]


def zlib1_b64_json(m: Made):
    k = m.key()
    blob = base64.b64encode(zlib.compress(_env(k), 1)).decode()
    return json.dumps({'service': 'api', 'packedEnv': blob}).encode() + b'\n', [k]


def zlib_b64_legacy_yaml(m: Made):
    k = m.hex()
    blob = base64.b64encode(zlib.compress(_env(k))).decode()
    return f'app:\n  env_zlib: "{blob}"\n'.encode(), [k]


def gzip_cli_b64_named(m: Made):
    # The real gzip writes the file's name and time into its header.
    k = m.key()
    gz = _tool_file(['gzip', '-c', '{}'], _env(k))
    return b'ENV_GZ_B64=' + base64.b64encode(gz) + b'\n', [k]


def gzip_cli_b64_wrapped_json(m: Made):
    k = m.hex()
    gz = _tool_file(['gzip', '-9', '-c', '{}'], _env(k))
    lines = _wrap(base64.b64encode(gz), 76).decode().split('\n')
    return json.dumps({'files': {'.env.gz': lines}}, indent=2).encode() + b'\n', [k]


def bz2_b64_value(m: Made):
    k = m.key()
    return b'env_bz2: ' + base64.b64encode(bz2.compress(_env(k))) + b'\n', [k]


def xz_b64_value(m: Made):
    k = m.key()
    return b'env_xz: ' + base64.b64encode(lzma.compress(_env(k))) + b'\n', [k]


def lzma_alone_b64(m: Made):
    k = m.key()
    return b'env_lzma: ' + base64.b64encode(lzma.compress(_env(k), format=lzma.FORMAT_ALONE)) + b'\n', [k]


def tar_bz2_b64(m: Made):
    k = m.key()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:bz2') as tar:
        info = tarfile.TarInfo('app/.env')
        info.size = len(_env(k))
        tar.addfile(info, io.BytesIO(_env(k)))
    return _tool('base64', data=out.getvalue()), [k]


def zip_in_zip_b64(m: Made):
    k = m.key()
    inner = _zip({'.env': _env(k)})
    return b'BUNDLE=' + base64.b64encode(_zip({'inner.zip': inner})) + b'\n', [k]


def helm_release_like(m: Made):
    # Helm: base64(gzip(json)), and the Secret encodes it once more.
    k = m.key()
    release = json.dumps({'name': 'api', 'config': {'together': {'apiKey': k}}}).encode()
    inner = base64.b64encode(gzip.compress(release, mtime=0))
    outer = base64.b64encode(inner).decode()
    return f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sh.helm.release.v1.api.v1\ndata:\n  release: {outer}\ntype: helm.sh/release.v1\n'.encode(), [k]


# --- nested text encodings -------------------------------------------------

def b64_of_xxd_p(m: Made):
    k = m.key()
    return b'dump: ' + base64.b64encode(_tool('xxd', '-p', data=_env(k))) + b'\n', [k]


def b64_of_xxd_p_prefix_cut(m: Made):
    # ``xxd -p`` breaks its lines every 60 digits: here one falls inside
    # the prefix's 14 (``7467705f7631`` | ``5f``), one position in five.
    k = m.key()
    env = _env(k)
    head = b'#' * ((25 - env.find(b'tgp_v1_')) % 30) + b'\n'
    return b'dump: ' + base64.b64encode(_tool('xxd', '-p', data=head + env)) + b'\n', [k]


def b64_of_hex_legacy(m: Made):
    k = m.hex()
    return b'blob=' + base64.b64encode(_env(k).hex().encode()) + b'\n', [k]


def kubectl_docker_registry(m: Made):
    # base64 (the Secret) of JSON holding base64 (``auth``) of user:key.
    k = m.key()
    out = _tool(
        'kubectl', 'create', 'secret', 'docker-registry', 'regcred',
        '--docker-server=registry.together.ai', '--docker-username=together',
        f'--docker-password={k}', '--dry-run=client', '-o', 'yaml', data=b'',
    )
    return out, [k]


def b64_json_b64_legacy(m: Made):
    k = m.hex()
    inner = json.dumps({'name': 'env', 'data': base64.b64encode(_env(k)).decode()}).encode()
    return b'payload: ' + base64.b64encode(inner) + b'\n', [k]


def b64_of_b64_env_wrapped(m: Made):
    k = m.key()
    once = _tool('base64', data=_env(k))
    return _tool('base64', data=once), [k]


def b64_utf16le_env(m: Made):
    k = m.key()
    return b'ENV16=' + base64.b64encode(_env(k).decode().encode('utf-16-le')) + b'\n', [k]


def qp_long_json_line(m: Made):
    # quoted-printable's soft breaks cut a long line, the key too.
    k = m.key()
    line = json.dumps({'service': 'api', 'region': 'us-east-1', 'together': {'api_key': k}}) + '\n'
    return quopri.encodestring(line.encode()), [k]


# --- byte literals and dumps ----------------------------------------------

def xxd_i_env(m: Made):
    k = m.key()
    return _tool_file(['xxd', '-i', '{}'], _env(k), 'app.env'), [k]


def xxd_i_key_only(m: Made):
    k = m.key()
    return _tool_file(['xxd', '-i', '{}'], k.encode() + b'\n', 'key.txt'), [k]


def rust_byte_array_no_name(m: Made):
    k = m.key()
    nums = ', '.join(f'0x{b:02x}' for b in k.encode())
    return f'pub static DATA: &[u8] = &[{nums}];\n'.encode(), [k]


def python_fromhex_no_name(m: Made):
    k = m.key()
    return f'blob = bytes.fromhex("{k.encode().hex()}")\n'.encode(), [k]


def od_t_d1_env(m: Made):
    k = m.key()
    return _tool('od', '-t', 'd1', '-v', data=_env(k)), [k]


def od_t_u1_env(m: Made):
    k = m.key()
    return _tool('od', '-A', 'd', '-t', 'u1', '-v', data=_env(k)), [k]


def od_b_env(m: Made):
    k = m.key()
    return _tool('od', '-b', '-v', data=_env(k)), [k]


def xxd_u_env(m: Made):
    k = m.key()
    return _tool('xxd', '-u', data=_env(k)), [k]


def xxd_b_env(m: Made):
    k = m.key()
    return _tool('xxd', '-b', data=_env(k)), [k]


def xxd_e_env(m: Made):
    k = m.key()
    return _tool('xxd', '-e', data=_env(k)), [k]


def basenc_base16_env(m: Made):
    k = m.key()
    return _tool('basenc', '--base16', data=_env(k)), [k]


def basenc_base2_env(m: Made):
    k = m.key()
    return _tool('basenc', '--base2msbf', data=_env(k)), [k]


def basenc_base32hex_env(m: Made):
    k = m.key()
    return _tool('basenc', '--base32hex', data=_env(k)), [k]


def xxd_of_gzip_env(m: Made):
    k = m.key()
    return _tool('xxd', data=gzip.compress(_env(k), mtime=0)), [k]


def xxd_past_4mb(m: Made):
    # A dump of 1.1 MB of text: the key's line is past the dump's first
    # 4 MB window.
    k = m.key()
    head = b''.join(b'2026-12-02T08:00:%02d INFO request served in 12 ms path=/v1/chat\n' % (i % 60) for i in range(16_500))
    return _tool('xxd', data=head + _env(k)), [k]


def wrapped_b64_past_line_16(m: Made):
    # A mail whose attachment starts under a long header.
    k = m.hex()
    head = b''.join(b'Received: from relay%d.example.com (relay%d.example.com [10.0.0.%d])\n' % (i, i, i) for i in range(18))
    body = _tool('base64', '-w76', data=_env(k))
    return (
        head + b'From: ops@example.com\nSubject: staging env\nMIME-Version: 1.0\n'
        b'Content-Type: application/octet-stream; name=".env"\nContent-Transfer-Encoding: base64\n\n'
        + body
    ), [k]


def yaml_block_b64_indented(m: Made):
    k = m.hex()
    head = ''.join(f'  label_{i}: value-{i}\n' for i in range(20)).encode()
    body = b''.join(b'    ' + line + b'\n' for line in _tool('base64', '-w64', data=_env(k)).splitlines())
    return b'metadata:\n' + head + b'files:\n  env: |\n' + body, [k]


# --- Python bytecode, spreadsheets, SQLite --------------------------------

def pyc_current(m: Made):
    k = m.key()
    return _pyc(f'import os\nos.environ.setdefault("APP_ENV", "prod")\nCLIENT_KEY = {k!r}\n'), [k]


def pyc_legacy_assign(m: Made):
    k = m.hex()
    return _pyc(f'TIMEOUT = 30\nTOGETHER_API_KEY = {k!r}\nRETRIES = 3\n'), [k]


def pyc_legacy_call(m: Made):
    # The name is a keyword argument's (co_names/consts), the key a const.
    k = m.hex()
    return _pyc(
        'from together import Together\n\n\n'
        f'def client():\n    return Together(api_key={k!r}, timeout=30)\n'
    ), [k]


def pyc_legacy_dict(m: Made):
    k = m.hex()
    return _pyc(f'PROVIDERS = {{"together": {{"api_key": {k!r}, "base_url": "https://api.together.xyz/v1"}}}}\n'), [k]


def marshal_dict_legacy(m: Made):
    k = m.hex()
    return marshal.dumps({'provider': 'together', 'TOGETHER_API_KEY': k, 'retries': 3}), [k]


def xlsx_shared_strings_current(m: Made):
    k = m.key()
    return _xlsx(['service', 'key', 'together', k], [[0, 1], [2, 3]]), [k]


def xlsx_shared_strings_legacy(m: Made):
    k = m.hex()
    return _xlsx(['provider', 'api_key', 'together', k, 'openai'], [[0, 1], [2, 3], [4, 1]]), [k]


def sqlite_cli_legacy(m: Made):
    k = m.hex()
    sql = (
        'CREATE TABLE credentials (provider TEXT, api_key TEXT, created TEXT);\n'
        f"INSERT INTO credentials VALUES ('openai', 'none', '2026-01-01');\n"
        f"INSERT INTO credentials VALUES ('together', '{k}', '2026-05-01');\n"
    )
    return _sqlite_cli(sql), [k]


def _overflow_split(make_value, key: str) -> bytes:
    """A database whose one long value (past a page: its tail on overflow
    pages) holds ``key`` cut by a page's edge: the raw file does not hold
    the key whole.  Where the value's pages cut it depends on what follows
    the key (SQLite fills the overflow pages from the value's end)."""
    for pad in range(0, 4096, 7):
        data = _sqlite_py(
            'CREATE TABLE settings (name TEXT, value TEXT)',
            'INSERT INTO settings VALUES (?, ?)',
            [('app', make_value(pad))],
        )
        if key.encode() not in data:
            return data
    raise AssertionError('no padding cuts the key')


def sqlite_overflow_current(m: Made):
    k = m.key()

    def value(pad: int) -> str:
        return json.dumps({'notes': 'n' * 4000, 'together': {'api_key': k}, 'tail': 't' * pad})
    return _overflow_split(value, k), [k]


def sqlite_overflow_legacy(m: Made):
    k = m.hex()

    def value(pad: int) -> str:
        return 'x' * 3000 + f'\nTOGETHER_API_KEY={k}\n' + 'y' * (2000 + pad)
    return _overflow_split(value, k), [k]


def sqlite_blob_env(m: Made):
    k = m.key()
    return _sqlite_py(
        'CREATE TABLE files (path TEXT, content BLOB)', 'INSERT INTO files VALUES (?, ?)',
        [('.env', zlib.compress(_env(k)))],
    ), [k]


# --- decoys ---------------------------------------------------------------

def decoy_random_ascii85(m: Made):
    return _a85_block(m.rng.randbytes(5000)) + b'\n', []


def decoy_random_z85(m: Made):
    return _tool('basenc', '--z85', data=m.rng.randbytes(4000)), []


def decoy_random_zlib_b64(m: Made):
    return b'blob: ' + base64.b64encode(zlib.compress(m.rng.randbytes(3000))) + b'\n', []


def decoy_prose_zlib_b64(m: Made):
    text = b'We work together with the API team; the key rotates monthly.\n' * 40
    return b'{"notes": "' + base64.b64encode(zlib.compress(text)) + b'"}\n', []


def decoy_random_b64_hex(m: Made):
    return b'blob=' + base64.b64encode(m.rng.randbytes(200).hex().encode()) + b'\n', []


def decoy_od_d1_random(m: Made):
    return _tool('od', '-t', 'd1', '-v', data=m.rng.randbytes(3000)), []


def decoy_xxd_i_random(m: Made):
    return _tool_file(['xxd', '-i', '{}'], m.rng.randbytes(2000), 'blob.bin'), []


def decoy_stdlib_pycs(m: Made):
    paths = sorted(glob.glob(os.path.join(STDLIB, '__pycache__', '*.cpython-*.pyc')))
    with open(paths[m.rng.randrange(len(paths))], 'rb') as f:
        return f.read(), []


def decoy_compiled_ssl_pyc(m: Made):
    # ssl.py names keys, certificates, passwords; its bytecode is clean.
    return _pyc(open(os.path.join(STDLIB, 'ssl.py'), encoding='utf-8').read(), 'ssl.py'), []


def decoy_compiled_secrets_pyc(m: Made):
    return _pyc(open(os.path.join(STDLIB, 'secrets.py'), encoding='utf-8').read(), 'secrets.py'), []


def decoy_pyc_together_digests(m: Made):
    # A compiled module pinning Together's wheels by SHA-256: a name that
    # says digest beside each hash, read as the program it is.
    sums = {f'together-1.{i}.0-py3-none-any.whl': m.rng.randbytes(32).hex() for i in range(3)}
    return _pyc(
        f'TOGETHER_WHEEL_SHA256 = {m.rng.randbytes(32).hex()!r}\nCHECKSUMS = {sums!r}\n'
        'def pinned(name):\n    return CHECKSUMS.get(name, TOGETHER_WHEEL_SHA256)\n',
        'pins.py',
    ), []


def decoy_marshal_digests(m: Made):
    return marshal.dumps({f'together-1.{i}.0.tar.gz': m.rng.randbytes(32).hex() for i in range(4)}), []


def decoy_stdlib_so(m: Made):
    libs = sorted(glob.glob(os.path.join(STDLIB, 'lib-dynload', '*.so')))
    with open(libs[m.rng.randrange(len(libs))], 'rb') as f:
        return f.read(), []


def decoy_sqlite_tokens(m: Made):
    rows = [(f'session_{i}', m.rng.randbytes(32).hex(), 'x' * 5000 if i % 7 == 0 else '') for i in range(80)]
    return _sqlite_py(
        'CREATE TABLE sessions (name TEXT, token TEXT, notes TEXT)',
        'INSERT INTO sessions VALUES (?, ?, ?)', rows,
    ), []


def decoy_sqlite_cli_together(m: Made):
    sql = 'CREATE TABLE teams (name TEXT, digest TEXT);\n' + ''.join(
        f"INSERT INTO teams VALUES ('together-{i}', '{m.rng.randbytes(32).hex()}');\n" for i in range(30)
    )
    return _sqlite_cli(sql), []


def decoy_zip_stdlib(m: Made):
    names = ('base64.py', 'secrets.py', 'hmac.py')
    return _zip({n: open(os.path.join(STDLIB, n), 'rb').read() for n in names}), []


def decoy_xlsx_digests(m: Made):
    shared = ['provider', 'sha256', 'together'] + [m.rng.randbytes(32).hex() for _ in range(5)]
    return _xlsx(shared, [[0, 1]] + [[2, 3 + i] for i in range(5)]), []


def decoy_b64_pyc(m: Made):
    data = _pyc(open(os.path.join(STDLIB, 'hmac.py'), encoding='utf-8').read(), 'hmac.py')
    return _tool('base64', data=data), []


def decoy_tar_gz_b64_stdlib(m: Made):
    return b'SOURCES=' + base64.b64encode(_tar_gz({'secrets.py': open(os.path.join(STDLIB, 'secrets.py'), 'rb').read()})) + b'\n', []


def decoy_uu_random(m: Made):
    data = m.rng.randbytes(2000)
    lines = [binascii.b2a_uu(data[i:i + 45]) for i in range(0, len(data), 45)]
    return b'begin 644 blob.bin\n' + b''.join(lines) + b'`\nend\n', []


# --- the set --------------------------------------------------------------

# The real tools each builder runs (a case whose tools are missing is
# skipped alone).
# Each case with the tools its file needs (tests/accuracy.ToolCases).
_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(ascii85_adobe_block, 'env.a85'),
    _case(ascii85_adobe_legacy, 'legacy.a85'),
    _case(ascii85_btoa_form, 'env.btoa'),
    _case(ascii85_postscript_stream, 'config.ps'),
    _case(ascii85_pdf_stream, 'config.pdf.txt'),
    _case(z85_basenc, 'env.z85', 'basenc'),
    _case(zlib_b64_k8s_stringdata, 'k8s/zz.yaml'),
    _case(zlib1_b64_json, 'packed.json'),
    _case(zlib_b64_legacy_yaml, 'zz-legacy.yaml'),
    _case(gzip_cli_b64_named, 'gz.env', 'gzip'),
    _case(gzip_cli_b64_wrapped_json, 'gz-files.json', 'gzip'),
    _case(bz2_b64_value, 'bz2.yaml'),
    _case(xz_b64_value, 'xz.yaml'),
    _case(lzma_alone_b64, 'lzma.yaml'),
    _case(tar_bz2_b64, 'bundle.tbz.b64', 'base64'),
    _case(zip_in_zip_b64, 'zipzip.env'),
    _case(helm_release_like, 'k8s/helm-release.yaml'),
    _case(b64_of_xxd_p, 'dump.yaml', 'xxd'),
    _case(b64_of_xxd_p_prefix_cut, 'dump-cut.yaml', 'xxd'),
    _case(b64_of_hex_legacy, 'hex-legacy.env'),
    _case(kubectl_docker_registry, 'k8s/regcred.yaml', 'kubectl'),
    _case(b64_json_b64_legacy, 'payload-legacy.yaml'),
    _case(b64_of_b64_env_wrapped, 'env.b64.b64', 'base64'),
    _case(b64_utf16le_env, 'env16.txt'),
    _case(qp_long_json_line, 'mail-body.qp'),
    _case(xxd_i_env, 'env_blob.h', 'xxd'),
    _case(xxd_i_key_only, 'key_blob.h', 'xxd'),
    _case(rust_byte_array_no_name, 'data.rs'),
    _case(python_fromhex_no_name, 'blob.py'),
    _case(od_t_d1_env, 'env.od-d1', 'od'),
    _case(od_t_u1_env, 'env.od-u1', 'od'),
    _case(od_b_env, 'env.od-b', 'od'),
    _case(xxd_u_env, 'env.xxd-u', 'xxd'),
    _case(xxd_b_env, 'env.xxd-b', 'xxd'),
    _case(xxd_e_env, 'env.xxd-e', 'xxd'),
    _case(basenc_base16_env, 'env.b16', 'basenc'),
    _case(basenc_base2_env, 'env.b2', 'basenc'),
    _case(basenc_base32hex_env, 'env.b32hex', 'basenc'),
    _case(xxd_of_gzip_env, 'env.gz.xxd', 'xxd'),
    _case(xxd_past_4mb, 'big.xxd', 'xxd'),
    _case(wrapped_b64_past_line_16, 'mail.eml', 'base64'),
    _case(yaml_block_b64_indented, 'files.yaml', 'base64'),
    _case(pyc_current, '__pycache__/client.cpython-311.pyc'),
    _case(pyc_legacy_assign, '__pycache__/settings.cpython-311.pyc'),
    _case(pyc_legacy_call, '__pycache__/client_legacy.cpython-311.pyc'),
    _case(pyc_legacy_dict, '__pycache__/providers.cpython-311.pyc'),
    _case(marshal_dict_legacy, 'cache/settings.marshal'),
    _case(xlsx_shared_strings_current, 'keys.xlsx'),
    _case(xlsx_shared_strings_legacy, 'legacy-keys.xlsx'),
    _case(sqlite_cli_legacy, 'creds.db', 'sqlite3'),
    _case(sqlite_overflow_current, 'overflow.db'),
    _case(sqlite_overflow_legacy, 'overflow-legacy.db'),
    _case(sqlite_blob_env, 'files.db'),
    _case(decoy_random_ascii85, 'random.a85'),
    _case(decoy_random_z85, 'random.z85', 'basenc'),
    _case(decoy_random_zlib_b64, 'random-zz.yaml'),
    _case(decoy_prose_zlib_b64, 'prose-zz.json'),
    _case(decoy_random_b64_hex, 'random-hex.env'),
    _case(decoy_od_d1_random, 'random.od-d1', 'od'),
    _case(decoy_xxd_i_random, 'random_blob.h', 'xxd'),
    _case(decoy_stdlib_pycs, '__pycache__/stdlib.cpython-311.pyc'),
    _case(decoy_compiled_ssl_pyc, '__pycache__/ssl.cpython-311.pyc'),
    _case(decoy_pyc_together_digests, '__pycache__/pins.cpython-311.pyc'),
    _case(decoy_marshal_digests, 'cache/sums.marshal'),
    _case(decoy_compiled_secrets_pyc, '__pycache__/secrets.cpython-311.pyc'),
    _case(decoy_stdlib_so, 'lib/ext.so'),
    _case(decoy_sqlite_tokens, 'sessions.db'),
    _case(decoy_sqlite_cli_together, 'teams.db', 'sqlite3'),
    _case(decoy_zip_stdlib, 'stdlib.zip'),
    _case(decoy_xlsx_digests, 'digests.xlsx'),
    _case(decoy_b64_pyc, 'hmac.pyc.b64', 'base64'),
    _case(decoy_tar_gz_b64_stdlib, 'sources.env'),
    _case(decoy_uu_random, 'blob.uu'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
MISSED: dict[str, str] = {
    # Nested text encodings whose outer form hides the inner one's forms.
    # (a key's prefix is: ``Rule.b64_keywords``; a legacy name's hex text
    # in base64 would be 6 needles more, at 3 alignments of 2 spellings)
    'b64-of-hex-legacy': "base64 of hex text of a legacy key's name is not screened",
    'b64-of-xxd-p-prefix-cut': "base64 of xxd -p's lines, one breaking the prefix's hex: none of its 3 forms",
    # Dumps not read: bits, little-endian groups after xxd's colon.
    'xxd-b-env': 'xxd -b (bits) is not read',
    'xxd-e-env': 'xxd -e (little-endian groups) is not read',
    'basenc-base2-env': 'base2 is not read',
    'basenc-base32hex-env': 'base32hex is not read',
}


# The keys each file yields, not their lines (the module's note); a case
# whose tool this machine lacks is skipped, the others run.
results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    assert len(ALL_CASES) >= 50
