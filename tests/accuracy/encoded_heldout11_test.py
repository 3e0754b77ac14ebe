"""An eleventh held-out set of keys in encoded forms (session 29): shapes
the first ten sets (``encoded_heldout_test.py``, ``2`` to ``10``) do not
try.  Mail as ``email`` writes it (a ``.env`` attached in base64 at 76
columns with CRLF, or in quoted-printable; a gzip'd one), SOAP and XML
elements, ``data:`` URIs in SVG, HTML links and CSS, a ``.env`` in a
ustar or pax tar, a cpio, a zip of LZMA or bzip2 members, each inside
base64; zstd and lz4 frames; UTF-16 and UTF-32 text with a BOM, and
base64 of a Notepad UTF-16 file; ``javac``'s constant pool and a
``.pyc`` holding a legacy key; a SQLite row long enough for overflow
pages; a pickle, a binary plist and msgpack inside base64; a PNG's
compressed ``iTXt`` chunk and a JPEG's EXIF; a ``.docx`` comment; a
kustomize ``List`` and a ``helm template`` stream; unpadded base64url in
a query string; ``pwsh -ec``; Intel HEX.  And decoys: random bytes in
every one of those wrappings, a Git LFS pointer, a notebook's PNG
output, certificates, other providers' keys, digests of keys, encoded
placeholders (a ``tgp_v1_`` one too).

Built by the real tools where the machine has them (``javac``, ``zstd``,
``lz4``) and by the standard library or Pillow otherwise; a case
needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``).
"""
from __future__ import annotations

import base64
import email.message
import email.policy
import hashlib
import io
import json
import marshal
import os
import pickle
import plistlib
import sqlite3
import tarfile
import tempfile
import urllib.parse
import zipfile

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _b64url
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout8_test import _other_key
from tests.accuracy.encoded_heldout8_test import _wrap
from tests.accuracy.encoded_heldout9_test import _gz
from tests.accuracy.encoded_heldout9_test import _run
from tests.accuracy.encoded_heldout9_test import _tar
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool


def _placeholder_env() -> bytes:
    return b'APP_ENV=production\nTOGETHER_API_KEY=tgp_v1_' + b'x' * 43 + b'\nLOG_LEVEL=info\n'


def _mail(subject: str, attach: bytes, name: str, maintype: str, subtype: str, cte: str | None = None) -> bytes:
    """A message as ``email`` sends it (SMTP policy: CRLF, base64 at 76)."""
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg['From'] = 'dev@example.com'
    msg['To'] = 'ops@example.com'
    msg['Subject'] = subject
    msg.set_content('Attached, as discussed.\n')
    kw = {'cte': cte} if cte else {}
    if maintype == 'text':
        msg.add_attachment(attach.decode(), subtype=subtype, filename=name, **kw)
    else:
        msg.add_attachment(attach, maintype=maintype, subtype=subtype, filename=name, **kw)
    return msg.as_bytes()


def _tar_fmt(files: dict[str, bytes], fmt: int) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=fmt) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1733000000, 0o600
            if fmt == tarfile.PAX_FORMAT:
                info.pax_headers = {'comment': 'exported by config-sync', 'mtime': '1733000000.25'}
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _zip(files: dict[str, bytes], method: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _in_tmp(argv: list[str], files: dict[str, bytes], out: str | None = None) -> bytes:
    """Run a real tool in a folder holding ``files``; its stdout, or the
    file ``out`` it writes."""
    with tempfile.TemporaryDirectory() as tmp:
        for n, data in files.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, n)), exist_ok=True)
            with open(os.path.join(tmp, n), 'wb') as f:
                f.write(data)
        stdout = _run(argv, tmp)
        if out is None:
            return stdout
        with open(os.path.join(tmp, out), 'rb') as f:
            return f.read()


def _cpio_newc(files: dict[str, bytes]) -> bytes:
    """A cpio archive as ``cpio -o -H newc`` writes it (an initramfs)."""
    def pad(b: bytes) -> bytes:
        return b + b'\x00' * (-len(b) % 4)
    out = b''
    for ino, (name, data) in enumerate(list(files.items()) + [('TRAILER!!!', b'')], 1):
        mode = 0o100600 if data else 0
        head = '070701' + ''.join('%08X' % v for v in (
            ino, mode, 0, 0, 1, 1733000000, len(data), 0, 0, 0, 0, len(name) + 1, 0))
        out += pad(head.encode() + name.encode() + b'\x00') + pad(data)
    return out + b'\x00' * (-len(out) % 512)


def _javac(source: str, cls: str) -> bytes:
    return _in_tmp(['javac', '-d', '.', f'{cls}.java'], {f'{cls}.java': source.encode()}, f'{cls}.class')


def _pyc(source: str) -> bytes:
    import importlib.util
    code = compile(source, 'settings.py', 'exec')
    return importlib.util.MAGIC_NUMBER + b'\x00' * 12 + marshal.dumps(code)


def _sqlite_long(rows: list[tuple[str, str]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        con = sqlite3.connect(path)
        con.execute('CREATE TABLE settings (id INTEGER PRIMARY KEY, name TEXT, value TEXT)')
        con.executemany('INSERT INTO settings (name, value) VALUES (?, ?)', rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()


def _png(text: dict[str, str], itxt_zip: bool, rng) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    img = Image.frombytes('RGB', (16, 16), rng.randbytes(16 * 16 * 3))
    info = PngInfo()
    for k, v in text.items():
        info.add_itxt(k, v, zip=itxt_zip)
    buf = io.BytesIO()
    img.save(buf, 'PNG', pnginfo=info)
    return buf.getvalue()


def _jpeg_exif(description: str, comment: str, rng) -> bytes:
    from PIL import Image

    img = Image.frombytes('RGB', (16, 16), rng.randbytes(16 * 16 * 3))
    exif = Image.Exif()
    exif[0x010E] = description  # ImageDescription
    exif[0x0131] = 'config-sync 2.1'  # Software
    exif[0x9286] = comment.encode()  # UserComment (written in the Exif IFD by Pillow)
    buf = io.BytesIO()
    img.save(buf, 'JPEG', exif=exif.tobytes())
    return buf.getvalue()


def _docx(body: str, comment: str) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    files = {
        '[Content_Types].xml': b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
        '_rels/.rels': b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        'word/document.xml': f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>'.encode(),
        'word/comments.xml': f'<?xml version="1.0" encoding="UTF-8"?><w:comments {ns}><w:comment w:id="0" w:author="Dev"><w:p><w:r><w:t xml:space="preserve">{comment}</w:t></w:r></w:p></w:comment></w:comments>'.encode(),
    }
    return _zip(files, zipfile.ZIP_DEFLATED)


def _ihex(data: bytes, base: int = 0x0800) -> bytes:
    """Intel HEX records of ``data`` (16 bytes a record), as objcopy -O ihex."""
    lines = []
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        addr = base + i
        rec = bytes([len(chunk), addr >> 8 & 0xFF, addr & 0xFF, 0]) + chunk
        lines.append(':' + (rec + bytes([-sum(rec) & 0xFF])).hex().upper())
    lines.append(':00000001FF')
    return ('\n'.join(lines) + '\n').encode()


def _secret(name: str, data: dict[str, bytes], indent: str = '') -> str:
    lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', f'  name: {name}', 'type: Opaque', 'data:']
    lines += [f'  {k}: {_b64(v)}' for k, v in data.items()]
    return ''.join(indent + line + '\n' for line in lines)


# --- mail ---------------------------------------------------------------------------------

def eml_env_attachment_b64_crlf(m: Made):
    k = m.key()
    return _mail('env for staging', _env(k), '.env', 'application', 'octet-stream'), [k]


def eml_env_attachment_qp(m: Made):
    k = m.key()
    return _mail('env for staging', _env(k), 'staging.env', 'text', 'plain', 'quoted-printable'), [k]


def eml_legacy_env_attachment_qp(m: Made):
    h = m.hex()
    return _mail('old together env', _legacy_env(h), 'legacy.env', 'text', 'plain', 'quoted-printable'), [h]


def eml_gzip_env_attachment(m: Made):
    k = m.key()
    return _mail('env archive', _gz(_env(k)), '.env.gz', 'application', 'gzip'), [k]


def eml_tar_env_attachment(m: Made):
    k = m.key()
    return _mail('config bundle', _tar({'cfg/.env': _env(k)}), 'cfg.tar', 'application', 'x-tar'), [k]


# --- XML, HTML, SVG, CSS -------------------------------------------------------------------

def soap_b64_gzip_env_element(m: Made):
    k = m.key()
    body = _wrap(_b64(_gz(_env(k))), 76, '\n')
    return ('<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
            '<soap:Body><PutConfig xmlns="urn:cfg"><Name>llm.env.gz</Name><Content>\n' + body
            + '\n</Content></PutConfig></soap:Body></soap:Envelope>\n').encode(), [k]


def svg_data_uri_text_env(m: Made):
    k = m.key()
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
            f'<a xlink:href="data:text/plain;base64,{_b64(_env(k))}"><rect width="10" height="10"/></a></svg>\n').encode(), [k]


def html_download_link_data_uri(m: Made):
    k = m.key()
    return (f'<p>Grab <a download=".env" href="data:text/plain;charset=utf-8;base64,{_b64(_env(k))}">your .env</a>'
            '</p>\n').encode(), [k]


def html_data_uri_percent_text(m: Made):
    k = m.key()
    body = urllib.parse.quote(_env(k).decode(), safe='')
    return f'<a download=".env" href="data:text/plain;charset=utf-8,{body}">.env</a>\n'.encode(), [k]


def css_data_uri_legacy_env(m: Made):
    h = m.hex()
    return (f'.hidden-config {{ background: url("data:text/plain;base64,{_b64(_legacy_env(h))}"); }}\n').encode(), [h]


# --- archives inside base64 -----------------------------------------------------------------

def ustar_env_in_b64_json(m: Made):
    k = m.key()
    return json.dumps({'bundle': _b64(_tar_fmt({'.env': _env(k)}, tarfile.USTAR_FORMAT))}).encode(), [k]


def pax_tar_env_in_b64_yaml(m: Made):
    k = m.key()
    tar = _tar_fmt({'deploy/very/long/path/' + 'x' * 90 + '/.env': _env(k)}, tarfile.PAX_FORMAT)
    return f'archive: |\n  {_wrap(_b64(tar), 76, chr(10) + "  ")}\n'.encode(), [k]


def zip_lzma_member_in_b64(m: Made):
    k = m.key()
    return f'CONFIG_ZIP={_b64(_zip({".env": _env(k)}, zipfile.ZIP_LZMA))}\n'.encode(), [k]


def zip_bzip2_legacy_in_b64(m: Made):
    h = m.hex()
    return json.dumps({'zip': _b64(_zip({'legacy/.env': _legacy_env(h)}, zipfile.ZIP_BZIP2))}).encode(), [h]


def cpio_gz_env(m: Made):
    k = m.key()
    return _gz(_cpio_newc({'.env': _env(k)})), [k]


# --- compressions without a standard library decoder ----------------------------------------

def zstd_frame_env(m: Made):
    k = m.key()
    return _tool('zstd', '-q', '-c', data=_env(k)), [k]


def lz4_frame_env(m: Made):
    k = m.key()
    return _tool('lz4', '-q', '-c', data=_env(k)), [k]


# --- text encodings ---------------------------------------------------------------------------

def utf16le_bom_env(m: Made):
    k = m.key()
    return b'\xff\xfe' + _env(k).decode().replace('\n', '\r\n').encode('utf-16-le'), [k]


def utf16be_bom_legacy_env(m: Made):
    h = m.hex()
    return b'\xfe\xff' + _legacy_env(h).decode().encode('utf-16-be'), [h]


def utf32le_bom_env(m: Made):
    k = m.key()
    return _env(k).decode().encode('utf-32'), [k]


def b64_of_notepad_utf16_env(m: Made):
    k = m.key()
    raw = b'\xff\xfe' + _env(k).decode().replace('\n', '\r\n').encode('utf-16-le')
    return json.dumps({'name': '.env', 'encoding': 'base64', 'content': _b64(raw)}).encode(), [k]


def pwsh_ec_short_flag(m: Made):
    k = m.key()
    script = f'$env:TOGETHER_API_KEY = "{k}"; python serve.py'
    enc = base64.b64encode(script.encode('utf-16-le')).decode()
    return f'FROM mcr.microsoft.com/powershell\nCMD ["pwsh", "-nop", "-ec", "{enc}"]\n'.encode(), [k]


# --- compiled and serialized ----------------------------------------------------------------

def javac_class_constant(m: Made):
    k = m.key()
    src = f'public final class LlmConfig {{\n    public static final String TOGETHER_API_KEY = "{k}";\n}}\n'
    return _javac(src, 'LlmConfig'), [k]


def pyc_legacy_dict(m: Made):
    h = m.hex()
    return _pyc(f'SETTINGS = {{"provider": "together", "together_api_key": "{h}", "timeout": 30}}\n'), [h]


def sqlite_overflow_row(m: Made):
    k = m.key()
    value = 'LOG_LEVEL=info\n' + '# ' + 'padding line for the config blob\n# ' * 260 + '\n' + _env(k).decode()
    return _sqlite_long([('app.env', value), ('region', 'eu-west-1')]), [k]


def pickle_in_b64(m: Made):
    k = m.key()
    blob = pickle.dumps({'provider': 'together', 'api_key': k, 'retries': 3}, protocol=5)
    return f'cache_blob: {_b64(blob)}\n'.encode(), [k]


def bplist_in_b64(m: Made):
    k = m.key()
    plist = plistlib.dumps({'TogetherAPIKey': k, 'Region': 'us'}, fmt=plistlib.FMT_BINARY)
    return f'defaults import dev.llm <<< "{_b64(plist)}"\n'.encode(), [k]


def msgpack_in_b64(m: Made):
    import msgpack

    k = m.key()
    blob = msgpack.packb({'together_api_key': k, 'model': 'meta-llama'})
    return json.dumps({'state': _b64(blob)}).encode(), [k]


# --- images and documents ---------------------------------------------------------------------

def png_itxt_compressed_env(m: Made):
    k = m.key()
    return _png({'Comment': _env(k).decode()}, True, m.rng), [k]


def jpeg_exif_description(m: Made):
    k = m.key()
    return _jpeg_exif(f'TOGETHER_API_KEY={k}', 'ASCII\x00\x00\x00screenshot of settings', m.rng), [k]


def docx_comment_key(m: Made):
    k = m.key()
    return _docx('Deployment notes for the LLM gateway.', f'Use TOGETHER_API_KEY={k} until Friday'), [k]


# --- Kubernetes, URLs ---------------------------------------------------------------------------

def kustomize_list_secret(m: Made):
    k = m.key()
    items = '- ' + _secret('llm-env-7g2b9f5d4k', {'.env': _env(k)}, '  ')[2:]
    return ('apiVersion: v1\nkind: List\nitems:\n' + items + 'metadata:\n  resourceVersion: ""\n').encode(), [k]


def helm_template_stream_secret(m: Made):
    k = m.key()
    return ('---\n# Source: llm/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: llm\n'
            'data:\n  region: us\n---\n# Source: llm/templates/secret.yaml\n'
            + _secret('llm', {'TOGETHER_API_KEY': k.encode()})).encode(), [k]


def urlsafe_b64_query_no_pad(m: Made):
    k = m.key()
    return (f'2026-12-01T10:00:00Z GET /oauth/callback?state={_b64url(_env(k))}&code=ab12 200\n').encode(), [k]


def ihex_firmware_env(m: Made):
    k = m.key()
    return _ihex(b'\x00\x01CFG\x00' + f'TOGETHER_API_KEY={k}\x00'.encode()), [k]


# --- decoys -------------------------------------------------------------------------------------

def decoy_eml_random_attachment(m: Made):
    return _mail('together model weights shard', m.rng.randbytes(900), 'shard.bin', 'application', 'octet-stream'), []


def decoy_eml_qp_placeholder(m: Made):
    return _mail('together .env.example', _placeholder_env(), '.env.example', 'text', 'plain', 'quoted-printable'), []


def decoy_git_lfs_pointer(m: Made):
    oid = hashlib.sha256(m.rng.randbytes(64)).hexdigest()
    return f'version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 48213\n'.encode(), []


def decoy_notebook_png_output(m: Made):
    png = _png({'Software': 'matplotlib'}, False, m.rng)
    cell = {'cell_type': 'code', 'execution_count': 4, 'metadata': {}, 'source': ['plot(together_latency)'],
            'outputs': [{'output_type': 'display_data', 'metadata': {},
                         'data': {'image/png': _b64(png), 'text/plain': ['<Figure size 640x480>']}}]}
    return json.dumps({'cells': [cell], 'nbformat': 4, 'nbformat_minor': 5}, indent=1).encode(), []


def decoy_tls_secret(m: Made):
    der = b'\x30\x82\x03\x0a\x30\x82\x01\xf2' + m.rng.randbytes(700)
    pem = b'-----BEGIN CERTIFICATE-----\n' + _wrap(_b64(der), 64, '\n').encode() + b'\n-----END CERTIFICATE-----\n'
    return _secret('together-gateway-tls', {'tls.crt': pem, 'tls.key': m.rng.randbytes(121)}).encode(), []


def decoy_secret_other_provider(m: Made):
    env = f'# together comes from vault\nANTHROPIC_API_KEY={_other_key(m, "sk-ant-api03-", 93)}\n'.encode()
    return _secret('together-gateway', {'.env': env}).encode(), []


def decoy_utf16_placeholder(m: Made):
    return b'\xff\xfe' + _placeholder_env().decode().encode('utf-16-le'), []


def decoy_png_itxt_digest(m: Made):
    return _png({'together-key-sha256': m.rng.randbytes(32).hex()}, True, m.rng), []


def decoy_jpeg_exif_random(m: Made):
    return _jpeg_exif('Together office', 'ASCII\x00\x00\x00' + _b64(m.rng.randbytes(48)), m.rng), []


def decoy_sqlite_key_digest(m: Made):
    return _sqlite_long([('together_api_key_sha1', hashlib.sha1(m.rng.randbytes(16)).hexdigest()),
                         ('together_key_id', _b64url(m.rng.randbytes(18)))]), []


def decoy_pickle_placeholder_b64(m: Made):
    blob = pickle.dumps({'provider': 'together', 'api_key': 'tgp_v1_' + 'x' * 43}, protocol=4)
    return f'cache_blob: {_b64(blob)}\n'.encode(), []


def decoy_javac_env_lookup(m: Made):
    src = ('public final class Keys {\n    static String key() {\n'
           '        return System.getenv("TOGETHER_API_KEY");\n    }\n}\n')
    return _javac(src, 'Keys'), []


def decoy_ustar_b64_example(m: Made):
    return json.dumps({'bundle': _b64(_tar_fmt({'.env.example': _placeholder_env()}, tarfile.USTAR_FORMAT))}).encode(), []


def decoy_zstd_random(m: Made):
    return b'TOGETHER' + _tool('zstd', '-q', '-c', data=m.rng.randbytes(2000)), []


def decoy_query_state_random(m: Made):
    return f'GET https://api.together.xyz/oauth/callback?state={_b64url(m.rng.randbytes(48))}&code=x 302\n'.encode(), []


def decoy_pwsh_reads_env(m: Made):
    enc = base64.b64encode(b'$k = $env:TOGETHER_API_KEY; Invoke-RestMethod -Headers @{Authorization="Bearer $k"}'
                           .decode().encode('utf-16-le')).decode()
    return f'pwsh -NoProfile -ec {enc}\n'.encode(), []


def decoy_svg_data_uri_font(m: Made):
    return ('<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{font-family:Together;'
            f'src:url(data:font/woff2;base64,{_b64(b"wOF2" + m.rng.randbytes(600))})}}</style></svg>\n').encode(), []


def decoy_ihex_random(m: Made):
    return _ihex(b'TOGETHER' + m.rng.randbytes(400)), []


def decoy_docx_placeholder(m: Made):
    return _docx('Set TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + ' in your shell.', 'see the README'), []


def decoy_bplist_uuids(m: Made):
    plist = plistlib.dumps({'TogetherDeviceID': m.rng.randbytes(16).hex(), 'Salt': m.rng.randbytes(32)},
                           fmt=plistlib.FMT_BINARY)
    return f'defaults import dev.together <<< "{_b64(plist)}"\n'.encode(), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(eml_env_attachment_b64_crlf, 'mail/env.eml'),
    _case(eml_env_attachment_qp, 'mail/env-qp.eml'),
    _case(eml_legacy_env_attachment_qp, 'mail/legacy-qp.eml'),
    _case(eml_gzip_env_attachment, 'mail/env-gz.eml'),
    _case(eml_tar_env_attachment, 'mail/cfg-tar.eml'),
    _case(soap_b64_gzip_env_element, 'soap/put.xml'),
    _case(svg_data_uri_text_env, 'web/badge.svg'),
    _case(html_download_link_data_uri, 'web/download.html'),
    _case(html_data_uri_percent_text, 'web/percent.html'),
    _case(css_data_uri_legacy_env, 'web/hidden.css'),
    _case(ustar_env_in_b64_json, 'bundles/ustar.json'),
    _case(pax_tar_env_in_b64_yaml, 'bundles/pax.yaml'),
    _case(zip_lzma_member_in_b64, 'bundles/lzma.env'),
    _case(zip_bzip2_legacy_in_b64, 'bundles/bz2.json'),
    _case(cpio_gz_env, 'bundles/initrd.cpio.gz'),
    _case(zstd_frame_env, 'bundles/.env.zst', 'zstd'),
    _case(lz4_frame_env, 'bundles/.env.lz4', 'lz4'),
    _case(utf16le_bom_env, 'text/utf16le.env'),
    _case(utf16be_bom_legacy_env, 'text/utf16be.env'),
    _case(utf32le_bom_env, 'text/utf32.env'),
    _case(b64_of_notepad_utf16_env, 'text/notepad.json'),
    _case(pwsh_ec_short_flag, 'docker/Dockerfile'),
    _case(javac_class_constant, 'build/LlmConfig.class', 'javac'),
    _case(pyc_legacy_dict, 'build/settings.cpython-311.pyc'),
    _case(sqlite_overflow_row, 'db/app.sqlite'),
    _case(pickle_in_b64, 'cache/pickle.yaml'),
    _case(bplist_in_b64, 'mac/defaults.sh'),
    _case(msgpack_in_b64, 'cache/state.json'),
    _case(png_itxt_compressed_env, 'img/settings.png'),
    _case(jpeg_exif_description, 'img/settings.jpg'),
    _case(docx_comment_key, 'docs/notes.docx'),
    _case(kustomize_list_secret, 'k8s/kustomize-out.yaml'),
    _case(helm_template_stream_secret, 'k8s/rendered.yaml'),
    _case(urlsafe_b64_query_no_pad, 'logs/callback.log'),
    _case(ihex_firmware_env, 'fw/config.hex'),
    _case(decoy_eml_random_attachment, 'decoys/shard.eml'),
    _case(decoy_eml_qp_placeholder, 'decoys/example.eml'),
    _case(decoy_git_lfs_pointer, 'decoys/together.env'),
    _case(decoy_notebook_png_output, 'decoys/plot.ipynb'),
    _case(decoy_tls_secret, 'decoys/tls.yaml'),
    _case(decoy_secret_other_provider, 'decoys/other.yaml'),
    _case(decoy_utf16_placeholder, 'decoys/utf16.env'),
    _case(decoy_png_itxt_digest, 'decoys/digest.png'),
    _case(decoy_jpeg_exif_random, 'decoys/office.jpg'),
    _case(decoy_sqlite_key_digest, 'decoys/keys.sqlite'),
    _case(decoy_pickle_placeholder_b64, 'decoys/pickle.yaml'),
    _case(decoy_javac_env_lookup, 'decoys/Keys.class', 'javac'),
    _case(decoy_ustar_b64_example, 'decoys/ustar.json'),
    _case(decoy_zstd_random, 'decoys/blob.zst', 'zstd'),
    _case(decoy_query_state_random, 'decoys/callback.log'),
    _case(decoy_pwsh_reads_env, 'decoys/run.ps1.txt'),
    _case(decoy_svg_data_uri_font, 'decoys/font.svg'),
    _case(decoy_ihex_random, 'decoys/fw.hex'),
    _case(decoy_docx_placeholder, 'decoys/placeholder.docx'),
    _case(decoy_bplist_uuids, 'decoys/defaults.sh'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (2e3cc7a8): 31 of 35 keys found (4 cases missed), 0 of 20
# decoys reported.  Now 34 of 35: Intel HEX read as a dump is
# (prefilter.firmware_record, dump_head), and a zip of any version in
# base64 (``UEsDB``, session 30).
MISSED: dict[str, str] = {
    'zstd-frame-env': 'zstd: no decoder in the standard library, and no dependency is taken for one',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
