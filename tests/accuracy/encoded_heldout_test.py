"""A held-out set of keys in encoded and binary forms, as real tools write
them: files that carry keys (an env file, a config) run through
``base64``, ``openssl base64``, ``kubectl create secret``, ``gzip |
base64``, ``tar czf - | base64``, ``xxd``, ``hexdump -C``, ``od``, PEM-like
armour, data: URLs, MIME, quoted-printable, byte literals, ``.pyc``,
SQLite, docx/xlsx, notebooks; and decoys (random blobs, real binaries
from the standard library, key-less databases and zips).

Keys are made at run time (``tests/keys.py``).  An encoded file is
reported at the line its encoded value starts on, which for most forms is
not the line a reader would point at: these cases check which keys each
file yields (their hashes), not lines.  ``encoded_modes_test.py`` runs
them through ``--staged``, ``--history``, the hook and a push.  A case
needing a tool the machine lacks is skipped alone; the others run.
"""
from __future__ import annotations

import base64
import gzip
import io
import os
import quopri
import sqlite3
import subprocess
import tarfile
import tempfile
import zipfile
import zlib

from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases

ENV = 'APP_ENV=production\nDATABASE_URL=postgres://app@db/app\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'


def _env(key: str) -> bytes:
    return ENV.format(key=key).encode()


def _tool(*argv: str, data: bytes) -> bytes:
    """A real tool's output for ``data`` on its stdin."""
    return subprocess.run(argv, input=data, capture_output=True, check=True).stdout


def _tool_file(argv: list[str], data: bytes, name: str = '.env') -> bytes:
    """A real tool's output for a file ``name`` holding ``data`` (its path
    is the last argument; ``{}`` in ``argv`` stands for it)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        argv = [a.replace('{}', path) for a in argv]
        return subprocess.run(argv, capture_output=True, check=True, cwd=tmp).stdout


def _wrap(text: bytes, width: int, sep: bytes = b'\n') -> bytes:
    return sep.join(text[i:i + width] for i in range(0, len(text), width))


def _tar_gz(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


# --- the cases: each builder returns (bytes, keys it holds) -------------

def b64_w76_env(m: Made):
    k = m.key()
    return _tool('base64', '-w76', data=_env(k)), [k]


def b64_w76_env_legacy(m: Made):
    k = m.hex()
    return _tool('base64', '-w76', data=_env(k)), [k]


def b64_w0_env(m: Made):
    k = m.key()
    return _tool('base64', '-w0', data=_env(k)), [k]


def openssl_b64_env(m: Made):
    k = m.key()
    return _tool('openssl', 'base64', data=_env(k)), [k]


def openssl_b64_env_legacy(m: Made):
    k = m.hex()
    return _tool('openssl', 'base64', data=_env(k)), [k]


def kubectl_from_env_file(m: Made):
    k = m.key()
    out = _tool_file(
        ['kubectl', 'create', 'secret', 'generic', 'app-env', '--from-env-file={}',
         '--dry-run=client', '-o', 'yaml'], _env(k), 'app.env',
    )
    return out, [k]


def kubectl_from_env_file_legacy(m: Made):
    k = m.hex()
    out = _tool_file(
        ['kubectl', 'create', 'secret', 'generic', 'app-env', '--from-env-file={}',
         '--dry-run=client', '-o', 'yaml'], _env(k), 'app.env',
    )
    return out, [k]


def kubectl_from_file_dotenv(m: Made):
    # --from-file: the whole .env as one data value.
    k = m.key()
    out = _tool_file(
        ['kubectl', 'create', 'secret', 'generic', 'app-env', '--from-file=.env={}',
         '--dry-run=client', '-o', 'yaml'], _env(k),
    )
    return out, [k]


def docker_config_auths(m: Made):
    k = m.key()
    auth = base64.b64encode(f'together:{k}'.encode()).decode()
    text = '{\n\t"auths": {\n\t\t"registry.together.ai": {\n\t\t\t"auth": "%s"\n\t\t}\n\t}\n}\n' % auth
    return text.encode(), [k]


def gzip_base64_oneliner(m: Made):
    k = m.key()
    blob = base64.b64encode(gzip.compress(_env(k), mtime=0)).decode()
    return f'# restore with: echo "$ENV_GZ" | base64 -d | gunzip > .env\nENV_GZ="{blob}"\n'.encode(), [k]


def gzip_base64_wrapped_legacy(m: Made):
    k = m.hex()
    return _tool('base64', '-w76', data=gzip.compress(_env(k), mtime=0)), [k]


def tar_czf_base64(m: Made):
    k = m.key()
    blob = _tar_gz({'app/.env': _env(k), 'app/README': b'hello\n'})
    return _tool('base64', data=blob), [k]


def zip_base64(m: Made):
    k = m.key()
    return _tool('base64', data=_zip({'config/.env': _env(k)})), [k]


def xxd_env(m: Made):
    k = m.key()
    return _tool('xxd', data=_env(k)), [k]


def xxd_env_legacy(m: Made):
    k = m.hex()
    return _tool('xxd', data=_env(k)), [k]


def hexdump_c_env(m: Made):
    k = m.key()
    return _tool('hexdump', '-C', data=_env(k)), [k]


def od_c_env(m: Made):
    k = m.key()
    return _tool('od', '-c', data=_env(k)), [k]


def od_tx1z_env(m: Made):
    k = m.key()
    return _tool('od', '-A', 'x', '-t', 'x1z', '-v', data=_env(k)), [k]


def xxd_p_env(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=_env(k)), [k]


def xxd_p_key_only(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=k.encode() + b'\n'), [k]


def xxd_p_env_deep(m: Made):
    # The key more than 2 KB into the file.
    k = m.key()
    head = ''.join(f'FEATURE_FLAG_{i:03d}=enabled\n' for i in range(120)).encode()
    return _tool('xxd', '-p', data=head + _env(k)), [k]


def pem_armor(m: Made):
    k = m.key()
    body = _wrap(base64.b64encode(_env(k)), 64).decode()
    return f'-----BEGIN ENCRYPTED CONFIG-----\n{body}\n-----END ENCRYPTED CONFIG-----\n'.encode(), [k]


def data_url_env(m: Made):
    k = m.key()
    url = 'data:text/plain;base64,' + base64.b64encode(_env(k)).decode()
    return f'<a download=".env" href="{url}">env</a>\n'.encode(), [k]


def mime_attachment_crlf(m: Made):
    k = m.key()
    body = _wrap(base64.b64encode(_env(k)), 76, b'\r\n')
    return (
        b'From: dev@example.com\r\nSubject: env for staging\r\nMIME-Version: 1.0\r\n'
        b'Content-Type: multipart/mixed; boundary="xx"\r\n\r\n--xx\r\n'
        b'Content-Type: text/plain\r\n\r\nattached\r\n--xx\r\n'
        b'Content-Type: application/octet-stream; name=".env"\r\n'
        b'Content-Transfer-Encoding: base64\r\n'
        b'Content-Disposition: attachment; filename=".env"\r\n\r\n'
        + body + b'\r\n--xx--\r\n'
    ), [k]


def quoted_printable_env(m: Made):
    k = m.key()
    return quopri.encodestring(_env(k) * 1, quotetabs=True), [k]


def python_repr_bytes(m: Made):
    k = m.key()
    return f'ENV_BYTES = {_env(k)!r}\n'.encode(), [k]


def java_byte_array_decimal(m: Made):
    k = m.key()
    nums = ', '.join(str(b if b < 128 else b - 256) for b in k.encode())
    return f'class K {{\n  static final byte[] TOGETHER = new byte[] {{{nums}}};\n}}\n'.encode(), [k]


def go_byte_literal(m: Made):
    k = m.key()
    nums = ', '.join(f'0x{b:02x}' for b in k.encode())
    return f'package main\n\nvar togetherKey = []byte{{{nums}}}\n'.encode(), [k]


def go_byte_literal_no_name(m: Made):
    k = m.key()
    nums = ', '.join(f'0x{b:02x}' for b in k.encode())
    return f'package main\n\nvar blob = []byte{{{nums}}}\n'.encode(), [k]


def pyc_module(m: Made):
    k = m.key()
    code = compile(f'TOGETHER_API_KEY = {k!r}\nTIMEOUT = 30\n', 'settings.py', 'exec')
    import importlib.util
    import marshal
    head = importlib.util.MAGIC_NUMBER + b'\0' * 12
    return head + marshal.dumps(code), [k]


def _sqlite(rows: list[tuple[str, str]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        con = sqlite3.connect(path)
        con.execute('CREATE TABLE settings (id INTEGER PRIMARY KEY, name TEXT, value TEXT, updated INTEGER)')
        con.executemany('INSERT INTO settings (name, value, updated) VALUES (?, ?, 1700000000)', rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def sqlite_settings(m: Made):
    k = m.key()
    return _sqlite([('LOG_LEVEL', 'info'), ('TOGETHER_API_KEY', k), ('REGION', 'us-east')]), [k]


def _docx(paragraphs: list[list[str]]) -> bytes:
    ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    body = ''.join(
        '<w:p>' + ''.join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs) + '</w:p>'
        for runs in paragraphs
    )
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    return _zip({
        '[Content_Types].xml': b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        'word/document.xml': doc.encode(),
    })


def docx_one_run(m: Made):
    k = m.key()
    return _docx([['Onboarding'], [f'Together API key: {k}']]), [k]


def xlsx_inline(m: Made):
    k = m.key()
    ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{ns}"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>service</t></is></c><c r="B1" t="inlineStr"><is><t>key</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>together</t></is></c><c r="B2" t="inlineStr"><is><t>{k}</t></is></c></row>'
        '</sheetData></worksheet>'
    )
    return _zip({'xl/worksheets/sheet1.xml': sheet.encode()}), [k]


def jupyter_attachment(m: Made):
    k = m.key()
    import json
    nb = {
        'cells': [{
            'cell_type': 'markdown', 'metadata': {}, 'source': ['![env](attachment:env.txt)'],
            'attachments': {'env.txt': {'text/plain': base64.b64encode(_env(k)).decode()}},
        }],
        'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5,
    }
    return json.dumps(nb, indent=1).encode(), [k]


def ascii85_env(m: Made):
    k = m.key()
    return b'ENV_A85 = "' + base64.a85encode(_env(k), adobe=True) + b'"\n', [k]


def base85_env(m: Made):
    k = m.key()
    return b'ENV_B85 = "' + base64.b85encode(_env(k)) + b'"\n', [k]


def base32_env(m: Made):
    k = m.key()
    return b'ENV_B32=' + base64.b32encode(_env(k)) + b'\n', [k]


def zlib_base64_json(m: Made):
    k = m.key()
    blob = base64.b64encode(zlib.compress(_env(k))).decode()
    return ('{"name": "app", "env_zlib": "%s"}\n' % blob).encode(), [k]


def zlib9_base64_yaml(m: Made):
    k = m.key()
    blob = base64.b64encode(zlib.compress(_env(k), 9)).decode()
    return f'config:\n  packed: {blob}\n'.encode(), [k]


def k8s_secret_gzip_value(m: Made):
    k = m.key()
    blob = base64.b64encode(gzip.compress(_env(k), mtime=0)).decode()
    return f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  env.gz: {blob}\n'.encode(), [k]


def utf16le_hex_bom(m: Made):
    k = m.key()
    return ('\ufeff' + ENV.format(key=k)).encode('utf-16-le').hex().encode() + b'\n', [k]


def utf16be_hex(m: Made):
    k = m.key()
    return ENV.format(key=k).encode('utf-16-be').hex().encode() + b'\n', [k]


def base64_of_hex(m: Made):
    k = m.key()
    return b'blob: ' + base64.b64encode(_env(k).hex().encode()) + b'\n', [k]


def base64_json_in_base64(m: Made):
    k = m.key()
    import json
    inner = json.dumps({'env': base64.b64encode(_env(k)).decode()}).encode()
    return b'payload: ' + base64.b64encode(inner) + b'\n', [k]


def base64_gzip_tar_env(m: Made):
    k = m.key()
    return b'BUNDLE=' + base64.b64encode(_tar_gz({'.env': _env(k)})) + b'\n', [k]


def urlsafe_b64_nopad(m: Made):
    k = m.key()
    return b'cfg=' + base64.urlsafe_b64encode(_env(k)).rstrip(b'=') + b'\n', [k]


def powershell_utf16_b64(m: Made):
    k = m.key()
    cmd = f'$env:TOGETHER_API_KEY="{k}"; python app.py'
    return b'powershell -EncodedCommand ' + base64.b64encode(cmd.encode('utf-16-le')) + b'\n', [k]


def uuencode_env(m: Made):
    k = m.key()
    import binascii
    data = _env(k)
    lines = [binascii.b2a_uu(data[i:i + 45]) for i in range(0, len(data), 45)]
    return b'begin 644 .env\n' + b''.join(lines) + b'`\nend\n', [k]


# --- decoys --------------------------------------------------------------

def decoy_random_base64(m: Made):
    return _wrap(base64.b64encode(m.rng.randbytes(6000)), 76) + b'\n', []


def decoy_random_hex(m: Made):
    return _tool('xxd', '-p', data=m.rng.randbytes(6000)), []


def decoy_xxd_random(m: Made):
    return _tool('xxd', data=m.rng.randbytes(4000)), []


def decoy_hexdump_text(m: Made):
    text = b'Working together on the API: set the key in your environment.\n' * 20
    return _tool('hexdump', '-C', data=text), []


def decoy_stdlib_binary(m: Made):
    import glob
    import sysconfig
    libs = sorted(glob.glob(os.path.join(sysconfig.get_paths()['stdlib'], 'lib-dynload', '*.so')))
    with open(libs[len(libs) // 2], 'rb') as f:
        return f.read(), []


def decoy_stdlib_pyc(m: Made):
    import marshal
    import importlib.util
    src = open(os.path.join(os.path.dirname(os.__file__), 'base64.py')).read()
    return importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(compile(src, 'base64.py', 'exec')), []


def decoy_sqlite(m: Made):
    rows = [(f'token_{i}', base64.b64encode(m.rng.randbytes(32)).decode()) for i in range(50)]
    return _sqlite(rows), []


def decoy_zip(m: Made):
    return _zip({'a.txt': b'together we ship\n', 'b.bin': m.rng.randbytes(3000)}), []


def decoy_gzip_base64(m: Made):
    return base64.b64encode(gzip.compress(m.rng.randbytes(2000), mtime=0)) + b'\n', []


# The real tool each builder runs (a case whose tool is missing is
# skipped alone; the others run).
# Each case with the tools its file needs (tests/accuracy.ToolCases).
_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(b64_w76_env, 'env.b64', 'base64'),
    _case(b64_w76_env_legacy, 'env.b64', 'base64'),
    _case(b64_w0_env, 'env.txt', 'base64'),
    _case(openssl_b64_env, 'env.pem', 'openssl'),
    _case(openssl_b64_env_legacy, 'env.pem', 'openssl'),
    _case(kubectl_from_env_file, 'k8s/secret.yaml', 'kubectl'),
    _case(kubectl_from_env_file_legacy, 'k8s/secret.yaml', 'kubectl'),
    _case(kubectl_from_file_dotenv, 'k8s/secret.yaml', 'kubectl'),
    _case(docker_config_auths, '.docker/config.json'),
    _case(gzip_base64_oneliner, 'restore.sh'),
    _case(gzip_base64_wrapped_legacy, 'env.gz.b64', 'base64'),
    _case(tar_czf_base64, 'bundle.b64', 'base64'),
    _case(zip_base64, 'bundle.txt', 'base64'),
    _case(xxd_env, 'env.xxd', 'xxd'),
    _case(xxd_env_legacy, 'env.xxd', 'xxd'),
    _case(hexdump_c_env, 'env.hexdump', 'hexdump'),
    _case(od_c_env, 'env.od', 'od'),
    _case(od_tx1z_env, 'env.od', 'od'),
    _case(xxd_p_env, 'env.hex', 'xxd'),
    _case(xxd_p_key_only, 'key.hex', 'xxd'),
    _case(xxd_p_env_deep, 'env.hex', 'xxd'),
    _case(pem_armor, 'config.asc'),
    _case(data_url_env, 'download.html'),
    _case(mime_attachment_crlf, 'mail.eml'),
    _case(quoted_printable_env, 'env.qp'),
    _case(python_repr_bytes, 'fixture.py'),
    _case(java_byte_array_decimal, 'K.java'),
    _case(go_byte_literal, 'key.go'),
    _case(go_byte_literal_no_name, 'blob.go'),
    _case(pyc_module, '__pycache__/settings.cpython-311.pyc'),
    _case(sqlite_settings, 'app.db'),
    _case(docx_one_run, 'onboarding.docx'),
    _case(xlsx_inline, 'keys.xlsx'),
    _case(jupyter_attachment, 'notes.ipynb'),
    _case(ascii85_env, 'env_a85.py'),
    _case(base85_env, 'env_b85.py'),
    _case(base32_env, 'env.b32'),
    _case(zlib_base64_json, 'app.json'),
    _case(zlib9_base64_yaml, 'app.yaml'),
    _case(k8s_secret_gzip_value, 'k8s/env-gz.yaml'),
    _case(utf16le_hex_bom, 'env16le.hex'),
    _case(utf16be_hex, 'env16be.hex'),
    _case(base64_of_hex, 'blob.yaml'),
    _case(base64_json_in_base64, 'payload.yaml'),
    _case(base64_gzip_tar_env, 'bundle.env'),
    _case(urlsafe_b64_nopad, 'cfg.txt'),
    _case(powershell_utf16_b64, 'run.cmd'),
    _case(uuencode_env, 'env.uu'),
    _case(decoy_random_base64, 'random.b64'),
    _case(decoy_random_hex, 'random.hex', 'xxd'),
    _case(decoy_xxd_random, 'random.xxd', 'xxd'),
    _case(decoy_hexdump_text, 'text.hexdump', 'hexdump'),
    _case(decoy_stdlib_binary, 'lib.so'),
    _case(decoy_stdlib_pyc, '__pycache__/base64.cpython-311.pyc'),
    _case(decoy_sqlite, 'tokens.db'),
    _case(decoy_zip, 'plain.zip'),
    _case(decoy_gzip_base64, 'random.gz.b64'),
]

# Missed, and why (strict: a case found again fails until removed).
MISSED: dict[str, str] = {
}


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]


# The keys each file yields, not their lines (the module's note); a case
# whose tool this machine lacks is skipped, the others run.
results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)

