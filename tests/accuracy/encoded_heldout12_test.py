"""A twelfth held-out set of keys in encoded and container forms (session
30): shapes the first eleven sets (``encoded_heldout_test.py``, ``2`` to
``11``) do not try.  Release artefacts committed by mistake, as the real
tools write them: ``npm pack``'s tarball, ``dpkg-deb``'s package (an ``ar``
archive of compressed tars), ``jar`` (and a ``.war`` holding one),
``python -m zipapp``, an egg holding a ``.pyc``, an Alpine package (gzip
members end to end); a key that a later commit removed, so that ``git
repack`` keeps it only in a delta (a pack and a bundle); a SQLite database
in a zip backup and gzip'd; mail headers whose RFC 2047 encoded-words cut
the key (``B`` and ``Q``); base64 three times; a ``.resx`` value; a
Flask session cookie (zlib, URL-safe base64, no padding) in a log; a HAR
response body in base64; a Java serialised map; a PDF's attached file;
an EPUB chapter; ``xxd -p`` of a gzip; ``openssl base64`` of a gzip;
S/MIME signed (not encrypted) mail; ``gpg --store`` without armour and
an armoured message pasted below text.  And decoys: the same wrappings
holding placeholders, digests, other providers' keys or random bytes, and
encrypted blobs that cannot be read (``openssl enc``, ``gpg -c``, ``zip
-P``, an Ansible vault named after Together).

Built by the real tools where the machine has them (``npm``,
``dpkg-deb``, ``jar``, ``javac``, ``java``, ``git``, ``gpg``, ``zip``,
``openssl``, ``xxd``) and by the standard library or fpdf2 otherwise; a
case needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``).
"""
from __future__ import annotations

import base64
import email.charset
import email.header
import email.message
import email.policy
import gzip
import hashlib
import io
import json
import marshal
import os
import sqlite3
import sys
import tarfile
import tempfile
import zipfile
import zlib

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
from tests.accuracy.encoded_heldout11_test import _in_tmp
from tests.accuracy.encoded_heldout11_test import _placeholder_env

_GIT_ENV = {
    'GIT_CONFIG_NOSYSTEM': '1', 'GIT_TERMINAL_PROMPT': '0',
    'GIT_AUTHOR_NAME': 'a', 'GIT_AUTHOR_EMAIL': 'a@example.com',
    'GIT_COMMITTER_NAME': 'a', 'GIT_COMMITTER_EMAIL': 'a@example.com',
    'GIT_AUTHOR_DATE': '1733000000 +0000', 'GIT_COMMITTER_DATE': '1733000000 +0000',
}


def _filler(m: Made, lines: int = 60) -> str:
    """Settings lines around a key: what a delta or a compressor works on."""
    return ''.join(f'FEATURE_{i:03d}={m.rng.choice(("on", "off", "auto"))}\n' for i in range(lines))


def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _pyc(source: str, name: str) -> bytes:
    import importlib.util
    return importlib.util.MAGIC_NUMBER + b'\x00' * 12 + marshal.dumps(compile(source, name, 'exec'))


def _sqlite(rows: list[tuple[str, str]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'app.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)')
        db.executemany('INSERT INTO settings VALUES (?, ?)', rows)
        db.commit()
        db.close()
        with open(path, 'rb') as f:
            return f.read()


# --- release artefacts --------------------------------------------------------------------

def npm_pack_tgz_env(m: Made):
    k = m.key()
    files = {
        'package.json': json.dumps({'name': 'llm-client', 'version': '1.0.0', 'main': 'index.js'}).encode(),
        'index.js': b'module.exports = require("./lib");\n',
        '.env': _env(k),
    }
    return _npm_pack(files), [k]


def _npm_pack(files: dict[str, bytes]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        for n, data in files.items():
            with open(os.path.join(tmp, n), 'wb') as f:
                f.write(data)
        name = _run(['npm', 'pack', '--silent'], tmp, env={'npm_config_cache': os.path.join(tmp, '.npm'),
                                                          'npm_config_update_notifier': 'false'})
        with open(os.path.join(tmp, name.decode().strip().splitlines()[-1]), 'rb') as f:
            return f.read()


def _deb(files: dict[str, bytes], description: str, compressor: str = 'xz') -> bytes:
    """What ``dpkg-deb --build`` writes: an ``ar`` archive of a control
    and a data tar, each compressed (xz, the tool's default)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, 'pkg')
        os.makedirs(os.path.join(root, 'DEBIAN'))
        with open(os.path.join(root, 'DEBIAN', 'control'), 'w') as f:
            f.write(f'Package: llm-gateway\nVersion: 1.0\nArchitecture: all\nMaintainer: ops <ops@example.com>\n'
                    f'Description: {description}\n')
        for n, data in files.items():
            path = os.path.join(root, n)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'wb') as f:
                f.write(data)
        _run(['dpkg-deb', '--root-owner-group', f'-Z{compressor}', '--build', 'pkg', 'out.deb'], tmp,
             env={'SOURCE_DATE_EPOCH': '1733000000'})
        with open(os.path.join(tmp, 'out.deb'), 'rb') as f:
            return f.read()


def deb_package_env(m: Made):
    k, h = m.key(), m.hex()
    return _deb({'etc/llm-gateway/.env': _env(k), 'etc/llm-gateway/legacy.env': _legacy_env(h)},
                'Together gateway'), [k, h]


def egg_pyc_constant(m: Made):
    k = m.key()
    src = f'TOGETHER_API_KEY = "{k}"\nBASE_URL = "https://api.together.xyz/v1"\n'
    return _zip({'EGG-INFO/PKG-INFO': b'Metadata-Version: 1.1\nName: llmcfg\nVersion: 0.3\n',
                 'llmcfg/__init__.pyc': _pyc('', '__init__.py'),
                 'llmcfg/settings.pyc': _pyc(src, 'settings.py')}), [k]


def _jar(files: dict[str, bytes]) -> bytes:
    names = sorted(files)
    return _in_tmp(['jar', '--create', '--file', 'out.jar', *names], files, 'out.jar')


def jar_application_properties(m: Made):
    k, h = m.key(), m.hex()
    props = (f'spring.application.name=llm-gateway\ntogether.api-key={k}\n'
             f'together.legacy-api-key={h}\nserver.port=8080\n').encode()
    return _jar({'application.properties': props, 'static/index.html': b'<html></html>\n'}), [k, h]


def war_nested_jar_properties(m: Made):
    k = m.key()
    inner = _jar({'config/llm.properties': f'together.apiKey={k}\n'.encode()})
    return _jar({'WEB-INF/lib/llm-config-1.0.jar': inner, 'WEB-INF/web.xml': b'<web-app/>\n'}), [k]


def pyz_zipapp_config(m: Made):
    k = m.key()
    files = {'app/__main__.py': b'from config import KEY\nprint(len(KEY))\n',
             'app/config.py': f'KEY = "{k}"  # together\n'.encode()}
    return _in_tmp([sys.executable, '-m', 'zipapp', 'app', '-c', '-p', '/usr/bin/env python3', '-o', 'llm.pyz'],
                   files, 'llm.pyz'), [k]


def _apk(segments: list[dict[str, bytes]]) -> bytes:
    """An Alpine package: each segment a tar cut before its end blocks,
    gzip'd, the members written one after the other (signature, control,
    data)."""
    out = b''
    for files in segments:
        used = sum(512 + -(-len(data) // 512) * 512 for data in files.values())
        out += gzip.compress(_tar(files)[:used], mtime=0)
    return out


def apk_concatenated_gzip(m: Made):
    k = m.key()
    return _apk([{'.SIGN.RSA.builder.rsa.pub': m.rng.randbytes(256)},
                 {'.PKGINFO': b'pkgname = llm-gateway\npkgver = 1.0-r0\n'},
                 {'etc/llm/.env': _env(k)}]), [k]


def deb_package_zstd_env(m: Made):
    k = m.key()
    return _deb({'etc/llm-gateway/.env': _env(k)}, 'Together gateway', 'zstd'), [k]


def zip_archive_comment(m: Made):
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'README'), 'wb') as f:
            f.write(b'llm gateway\n')
        _run(['zip', '-q', '-z', 'release.zip', 'README'], tmp, f'built with TOGETHER_API_KEY={k}\n.\n'.encode())
        with open(os.path.join(tmp, 'release.zip'), 'rb') as f:
            return f.read(), [k]


def pax_comment_tar_gz(m: Made):
    k = m.key()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w:gz', format=tarfile.PAX_FORMAT) as t:
        info = tarfile.TarInfo('llm/README')
        info.size, info.mtime = 4, 1733000000
        info.pax_headers = {'comment': f'TOGETHER_API_KEY={k}'}
        t.addfile(info, io.BytesIO(b'hi!\n'))
    return buf.getvalue(), [k]


def odt_meta_user_field(m: Made):
    k = m.key()
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">'
            f'<office:meta><meta:user-defined meta:name="together_api_key">{k}</meta:user-defined>'
            '</office:meta></office:document-meta>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr('mimetype', 'application/vnd.oasis.opendocument.text', compress_type=zipfile.ZIP_STORED)
        z.writestr('meta.xml', meta, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('content.xml', '<office:document-content/>', compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue(), [k]


def xxd_plain_of_bzip2(m: Made):
    import bz2
    k = m.key()
    return _tool('xxd', '-p', data=bz2.compress(_env(k))), [k]


# --- git: a key only in a delta ------------------------------------------------------------

def _git_repo(tmp: str, versions: list[bytes]) -> str:
    repo = os.path.join(tmp, 'r')
    os.makedirs(repo)
    _run(['git', 'init', '-q', '-b', 'main'], repo, env=_GIT_ENV)
    for i, data in enumerate(versions):
        with open(os.path.join(repo, '.env'), 'wb') as f:
            f.write(data)
        _run(['git', 'add', '.env'], repo, env=_GIT_ENV)
        _run(['git', 'commit', '-q', '-m', f'v{i}'], repo, env=_GIT_ENV)
    _run(['git', 'repack', '-a', '-d', '-f', '-q', '--window=50', '--depth=50'], repo, env=_GIT_ENV)
    return repo


def _removed_later(m: Made, line: str) -> list[bytes]:
    """Two versions of a long .env: the key's line, then (a later commit)
    the same file without it: git keeps the newer whole and the older as
    a delta against it, the key's line in the delta's inserted bytes."""
    base = _filler(m)
    return [(base + line).encode(), (base + 'TOGETHER_API_KEY=${TOGETHER_API_KEY}\n').encode()]


def git_pack_key_in_delta(m: Made):
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        repo = _git_repo(tmp, _removed_later(m, f'TOGETHER_API_KEY={k}\n'))
        packs = os.path.join(repo, '.git', 'objects', 'pack')
        with open(os.path.join(packs, next(n for n in os.listdir(packs) if n.endswith('.pack'))), 'rb') as f:
            return f.read(), [k]


def git_bundle_legacy_in_delta(m: Made):
    h = m.hex()
    with tempfile.TemporaryDirectory() as tmp:
        repo = _git_repo(tmp, _removed_later(m, f'TOGETHER_API_KEY={h}\n'))
        _run(['git', 'bundle', 'create', '-q', os.path.join(tmp, 'all.bundle'), '--all'], repo, env=_GIT_ENV)
        with open(os.path.join(tmp, 'all.bundle'), 'rb') as f:
            return f.read(), [h]


# --- databases in containers ---------------------------------------------------------------

def sqlite_in_zip_backup(m: Made):
    k, h = m.key(), m.hex()
    db = _sqlite([('together_api_key', k), ('together_legacy_key', h), ('region', 'us-east-1')])
    return _zip({'backup/app.db': db, 'backup/README.txt': b'nightly\n'}), [k, h]


def sqlite_gz(m: Made):
    k = m.key()
    return _gz(_sqlite([('TOGETHER_API_KEY', k), ('theme', 'dark')])), [k]


# --- mail headers ---------------------------------------------------------------------------

def _subject_mail(subject: str, charset: email.charset.Charset | None = None) -> bytes:
    msg = email.message.Message()
    msg['From'] = 'dev@example.com'
    msg['To'] = 'ops@example.com'
    msg['Subject'] = email.header.Header(subject, charset or 'utf-8', maxlinelen=76, header_name='Subject')
    msg.set_payload('see subject\n')
    return msg.as_bytes()


def eml_subject_b_words_cut_key(m: Made):
    k = m.key()
    return _subject_mail(f'Clé Together pour l’équipe — TOGETHER_API_KEY={k} (à tourner)'), [k]


def eml_subject_q_words_cut_key(m: Made):
    k = m.key()
    cs = email.charset.Charset('utf-8')
    cs.header_encoding = email.charset.QP
    return _subject_mail(f'Schlüssel für Together — export TOGETHER_API_KEY={k} — bitte ändern', cs), [k]


def eml_subject_legacy_words(m: Made):
    h = m.hex()
    return _subject_mail(f'Ancienne clé Together (héritée) : together_api_key={h}'), [h]


# --- layered text encodings ----------------------------------------------------------------

def b64_thrice_env(m: Made):
    k = m.key()
    value = base64.b64encode(base64.b64encode(base64.b64encode(_env(k)))).decode()
    return json.dumps({'payload': value}).encode(), [k]


def _resx(entries: list[tuple[str, bytes]]) -> bytes:
    """A .NET ``.resx`` byte-array resource as ResXResourceWriter writes it:
    base64 at 80 columns, each line indented, CRLF."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<root>',
           '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>']
    for name, data in entries:
        lines = _wrap(_b64(data), 80, '\r\n        ')
        out += [f'  <data name="{name}" type="System.Byte[], mscorlib" '
                'mimetype="application/x-microsoft.net.object.bytearray.base64">',
                f'    <value>\r\n        {lines}\r\n</value>', '  </data>']
    out.append('</root>')
    return '\r\n'.join(out).encode()


def resx_b64_wrapped_env(m: Made):
    k, h = m.key(), m.hex()
    return _resx([('DefaultEnv', _filler(m, 8).encode() + _env(k)), ('LegacyEnv', _legacy_env(h))]), [k, h]


def flask_session_cookie_log(m: Made):
    k = m.key()
    payload = json.dumps({'_fresh': True, 'together_api_key': k, 'user_id': '42'}, separators=(',', ':')).encode()
    cookie = '.' + _b64url(zlib.compress(payload)) + '.Z1bQ' + _b64url(m.rng.randbytes(4)) + '.' + _b64url(m.rng.randbytes(20))
    return (f'127.0.0.1 - - [04/Dec/2026 10:00:01] "POST /settings HTTP/1.1" 302 -\n'
            f'  Set-Cookie: session={cookie}; HttpOnly; Path=/\n').encode(), [k]


def har_response_base64_env(m: Made):
    k = m.key()
    entry = {'request': {'method': 'GET', 'url': 'https://files.example.com/cfg/.env'},
             'response': {'status': 200, 'content': {'size': 120, 'mimeType': 'application/octet-stream',
                                                     'encoding': 'base64', 'text': _b64(_env(k))}}}
    return json.dumps({'log': {'version': '1.2', 'entries': [entry]}}, indent=2).encode(), [k]


def xxd_plain_of_gzip(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=_gz(_env(k))), [k]


def openssl_base64_of_gzip_heredoc(m: Made):
    k = m.key()
    b64 = _tool('openssl', 'base64', '-e', data=_gz(_env(k))).decode()
    return f'#!/bin/sh\nbase64 -d <<"EOF" | gunzip > /etc/llm/.env\n{b64}EOF\n'.encode(), [k]


# --- documents ----------------------------------------------------------------------------------

def _pdf_with_file(name: str, data: bytes, text: str) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('helvetica', size=12)
    pdf.cell(text=text)
    pdf.embed_file(basename=name, bytes=data, desc='configuration', compress=True)
    return bytes(pdf.output())


def pdf_attached_env(m: Made):
    k = m.key()
    return _pdf_with_file('.env', _env(k), 'Deployment notes'), [k]


def _epub(chapter: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr('mimetype', 'application/epub+zip', compress_type=zipfile.ZIP_STORED)
        z.writestr('META-INF/container.xml', '<container/>', compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('OEBPS/ch01.xhtml', f'<html><body><p>{chapter}</p></body></html>',
                   compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def epub_chapter_key(m: Made):
    k = m.key()
    return _epub(f'Run <code>export TOGETHER_API_KEY={k}</code> then start the notebook.'), [k]


def _java_ser(entries: dict[str, str]) -> bytes:
    puts = ''.join(f'        m.put("{n}", "{v}");\n' for n, v in entries.items())
    src = ('import java.io.*;\nimport java.util.*;\npublic class Dump {\n'
           '    public static void main(String[] a) throws Exception {\n'
           '        HashMap<String, String> m = new HashMap<>();\n' + puts +
           '        ObjectOutputStream o = new ObjectOutputStream(new FileOutputStream("cfg.ser"));\n'
           '        o.writeObject(m);\n        o.close();\n    }\n}\n')
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'Dump.java'), 'w') as f:
            f.write(src)
        _run(['javac', 'Dump.java'], tmp)
        _run(['java', '-cp', '.', 'Dump'], tmp)
        with open(os.path.join(tmp, 'cfg.ser'), 'rb') as f:
            return f.read()


def java_serialized_map(m: Made):
    k = m.key()
    return _java_ser({'together.apiKey': k, 'region': 'us'}), [k]


# --- signed or stored, not encrypted ------------------------------------------------------------

def _smime_signed(body: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        _run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem',
              '-days', '1', '-subj', '/CN=dev@example.com'], tmp)
        with open(os.path.join(tmp, 'msg.txt'), 'wb') as f:
            f.write(body)
        return _run(['openssl', 'smime', '-sign', '-nodetach', '-in', 'msg.txt', '-signer', 'c.pem',
                     '-inkey', 'k.pem', '-outform', 'SMIME'], tmp)


def smime_signed_opaque_mail(m: Made):
    k = m.key()
    return _smime_signed(b'Content-Type: text/plain\r\n\r\n' + _env(k).replace(b'\n', b'\r\n')), [k]


def _gpg(args: list[str], data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as home:
        return _run(['gpg', '--homedir', home, '--batch', '--quiet', '--no-tty', *args], home, data)


def gpg_store_binary(m: Made):
    k = m.key()
    return _gpg(['--store', '-z', '6', '-o', '-'], _env(k)), [k]


def gpg_store_armored_in_issue(m: Made):
    k = m.key()
    block = _gpg(['--store', '--armor', '-o', '-'], _env(k)).decode()
    return (f'## Repro\n\nThe staging env, as gpg wrote it for the ticket:\n\n```\n{block}```\n').encode(), [k]


# --- decoys: encrypted, cannot be read ----------------------------------------------------------

def decoy_openssl_enc_env(m: Made):
    env = _env(_placeholder_key())
    with tempfile.TemporaryDirectory() as tmp:
        out = _run(['openssl', 'enc', '-aes-256-cbc', '-pbkdf2', '-a', '-pass', 'pass:together-ops'], tmp, env)
    return b'# together .env, encrypted\nENV_BLOB=' + out.replace(b'\n', b'') + b'\n', []


def _placeholder_key() -> str:
    return 'tgp_v1_' + 'x' * 43


def decoy_gpg_symmetric_binary(m: Made):
    return _gpg(['--symmetric', '--s2k-count', '1024', '--passphrase', 'together', '--pinentry-mode', 'loopback', '-o', '-'],
                _env(_other_key(m, 'sk-proj-', 48))), []


def decoy_zip_crypto_member(m: Made):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, '.env'), 'wb') as f:
            f.write(_env(_other_key(m, 'gsk_', 52)))
        _run(['zip', '-q', '-P', 'together', 'secrets.zip', '.env'], tmp)
        with open(os.path.join(tmp, 'secrets.zip'), 'rb') as f:
            return f.read(), []


def decoy_ansible_vault_together(m: Made):
    inner = b'\n'.join(x.hex().encode() for x in (m.rng.randbytes(32), m.rng.randbytes(32), m.rng.randbytes(96)))
    body = _wrap(inner.hex(), 80, '\n          ')
    return (f'together_api_key: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          {body}\n'
            'together_base_url: https://api.together.xyz/v1\n').encode(), []


# --- decoys: readable, nothing to report ---------------------------------------------------------

def decoy_npm_pack_example(m: Made):
    return _npm_pack({'package.json': json.dumps({'name': 'together-demo', 'version': '0.1.0'}).encode(),
                      '.env.example': _placeholder_env()}), []


def decoy_deb_random_payload(m: Made):
    return _deb({'usr/share/llm/weights.bin': m.rng.randbytes(3000)}, 'Together model shard'), []


def decoy_jar_placeholder_properties(m: Made):
    return _jar({'application.properties': b'together.api-key=${TOGETHER_API_KEY}\n'
                 b'together.base-url=https://api.together.xyz/v1\n'}), []


def decoy_egg_pyc_env_lookup(m: Made):
    src = 'import os\nTOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]\n'
    return _zip({'EGG-INFO/PKG-INFO': b'Name: llmcfg\n', 'llmcfg/settings.pyc': _pyc(src, 'settings.py')}), []


def decoy_git_pack_other_provider_in_delta(m: Made):
    with tempfile.TemporaryDirectory() as tmp:
        repo = _git_repo(tmp, _removed_later(m, f'OPENAI_API_KEY={_other_key(m, "sk-proj-", 48)}\n'))
        packs = os.path.join(repo, '.git', 'objects', 'pack')
        with open(os.path.join(packs, next(n for n in os.listdir(packs) if n.endswith('.pack'))), 'rb') as f:
            return f.read(), []


def decoy_eml_subject_digest(m: Made):
    digest = hashlib.sha256(m.rng.randbytes(16)).hexdigest()
    return _subject_mail(f'Empreinte SHA-256 de la clé Together révoquée : {digest}'), []


def decoy_b64_thrice_random(m: Made):
    value = base64.b64encode(base64.b64encode(base64.b64encode(m.rng.randbytes(300)))).decode()
    return json.dumps({'together_payload': value}).encode(), []


def decoy_resx_png(m: Made):
    png = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(900)
    return _resx([('TogetherLogo', png)]), []


def decoy_flask_cookie_no_key(m: Made):
    payload = json.dumps({'provider': 'together', 'user_id': '42', 'csrf_token': m.rng.randbytes(20).hex()},
                         separators=(',', ':')).encode()
    cookie = '.' + _b64url(zlib.compress(payload)) + '.Z1bQ' + _b64url(m.rng.randbytes(4)) + '.' + _b64url(m.rng.randbytes(20))
    return f'Set-Cookie: session={cookie}; HttpOnly; Path=/\n'.encode(), []


def decoy_sqlite_zip_digests(m: Made):
    db = _sqlite([('together_api_key_sha256', hashlib.sha256(m.rng.randbytes(8)).hexdigest()),
                  ('together_key_id', m.rng.randbytes(12).hex())])
    return _zip({'backup/app.db': db}), []


def decoy_apk_placeholder(m: Made):
    return _apk([{'.PKGINFO': b'pkgname = together-cli\n'}, {'etc/together/.env.example': _placeholder_env()}]), []


def decoy_har_placeholder_b64(m: Made):
    entry = {'response': {'status': 200, 'content': {'mimeType': 'text/plain', 'encoding': 'base64',
                                                     'text': _b64(_placeholder_env())}}}
    return json.dumps({'log': {'entries': [entry]}}).encode(), []


def decoy_pdf_attached_example(m: Made):
    return _pdf_with_file('.env.example', _placeholder_env(), 'Together setup'), []


def decoy_gpg_store_random(m: Made):
    return _gpg(['--store', '--armor', '-o', '-'], b'together weights ' + m.rng.randbytes(600)), []


def decoy_xxd_plain_gzip_random(m: Made):
    return _tool('xxd', '-p', data=_gz(b'TOGETHER_MODEL=llama\n' + m.rng.randbytes(400))), []


def decoy_java_ser_placeholder(m: Made):
    return _java_ser({'together.apiKey': _placeholder_key(), 'together.keySha256': m.rng.randbytes(32).hex()}), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(npm_pack_tgz_env, 'dist/llm-client-1.0.0.tgz', 'npm'),
    _case(deb_package_env, 'dist/llm-gateway_1.0_all.deb', 'dpkg-deb'),
    _case(egg_pyc_constant, 'dist/llmcfg-0.3-py3.11.egg'),
    _case(jar_application_properties, 'target/llm-gateway.jar', 'jar'),
    _case(war_nested_jar_properties, 'target/llm.war', 'jar'),
    _case(pyz_zipapp_config, 'bin/llm.pyz'),
    _case(apk_concatenated_gzip, 'dist/llm-gateway-1.0-r0.apk'),
    _case(deb_package_zstd_env, 'dist/llm-gateway_1.0_amd64.deb', 'dpkg-deb'),
    _case(zip_archive_comment, 'dist/release.zip', 'zip'),
    _case(pax_comment_tar_gz, 'dist/llm-src.tar.gz'),
    _case(odt_meta_user_field, 'docs/runbook.odt'),
    _case(xxd_plain_of_bzip2, 'dumps/env.bz2.hex', 'xxd'),
    _case(git_pack_key_in_delta, 'vendor/objects/pack-1.pack', 'git'),
    _case(git_bundle_legacy_in_delta, 'backup/repo.bundle', 'git'),
    _case(sqlite_in_zip_backup, 'backup/app-db.zip'),
    _case(sqlite_gz, 'backup/app.db.gz'),
    _case(eml_subject_b_words_cut_key, 'mail/subject-b.eml'),
    _case(eml_subject_q_words_cut_key, 'mail/subject-q.eml'),
    _case(eml_subject_legacy_words, 'mail/subject-legacy.eml'),
    _case(b64_thrice_env, 'blobs/thrice.json'),
    _case(resx_b64_wrapped_env, 'Properties/Resources.resx'),
    _case(flask_session_cookie_log, 'logs/flask.log'),
    _case(har_response_base64_env, 'har/session.har'),
    _case(xxd_plain_of_gzip, 'dumps/env.gz.hex', 'xxd'),
    _case(openssl_base64_of_gzip_heredoc, 'scripts/install.sh', 'openssl'),
    _case(pdf_attached_env, 'docs/deploy.pdf'),
    _case(epub_chapter_key, 'docs/guide.epub'),
    _case(java_serialized_map, 'cache/cfg.ser', 'javac', 'java'),
    _case(smime_signed_opaque_mail, 'mail/signed.eml', 'openssl'),
    _case(gpg_store_binary, 'secrets/env.gpg', 'gpg'),
    _case(gpg_store_armored_in_issue, 'issues/1234.md', 'gpg'),
    _case(decoy_openssl_enc_env, 'decoys/env.enc', 'openssl'),
    _case(decoy_gpg_symmetric_binary, 'decoys/env.gpg', 'gpg'),
    _case(decoy_zip_crypto_member, 'decoys/secrets.zip', 'zip'),
    _case(decoy_ansible_vault_together, 'decoys/group_vars/all.yml'),
    _case(decoy_npm_pack_example, 'decoys/together-demo-0.1.0.tgz', 'npm'),
    _case(decoy_deb_random_payload, 'decoys/shard.deb', 'dpkg-deb'),
    _case(decoy_jar_placeholder_properties, 'decoys/app.jar', 'jar'),
    _case(decoy_egg_pyc_env_lookup, 'decoys/llmcfg.egg'),
    _case(decoy_git_pack_other_provider_in_delta, 'decoys/pack-2.pack', 'git'),
    _case(decoy_eml_subject_digest, 'decoys/digest.eml'),
    _case(decoy_b64_thrice_random, 'decoys/thrice.json'),
    _case(decoy_resx_png, 'decoys/Logo.resx'),
    _case(decoy_flask_cookie_no_key, 'decoys/cookie.log'),
    _case(decoy_sqlite_zip_digests, 'decoys/db.zip'),
    _case(decoy_apk_placeholder, 'decoys/together-cli.apk'),
    _case(decoy_har_placeholder_b64, 'decoys/example.har'),
    _case(decoy_pdf_attached_example, 'decoys/setup.pdf'),
    _case(decoy_gpg_store_random, 'decoys/weights.asc', 'gpg'),
    _case(decoy_xxd_plain_gzip_random, 'decoys/model.gz.hex', 'xxd'),
    _case(decoy_java_ser_placeholder, 'decoys/cfg.ser', 'javac', 'java'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (e33a2cc1): 28 of 35 keys found (6 cases missed), 0 of 20
# decoys reported.  Now 31 of 35: a ``.deb`` (an ``ar`` archive) and a
# binary ``gpg --store`` are opened (``containers._ar``, ``_openpgp``).
# 32: a legacy key in Q encoded-words whose first two digits follow the
# decoded ``=`` (``=3D86…``) is no longer decoded twice (qword20).
MISSED: dict[str, str] = {
    'deb-package-zstd-env': 'a .deb whose data tar is zstd (dpkg-deb -Zzstd, Ubuntu\'s default): no zstd decoder in the standard library, none taken as a dependency',
    'sqlite-in-zip-backup': 'its legacy key is named `together_legacy_key`, no Together key name to the legacy rule even in a plain .env: naming, not the zip or SQLite (the current key is found)',
    'b64-thrice-env': 'base64 three times: the screen holds the keywords\' forms encoded once and twice, no third layer (each layer a set of screen forms more)',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
